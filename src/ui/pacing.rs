//! Keyboard input paced so that fast typing lands in the right field.
//!
//! egui moves keyboard focus for a Tab at the start of the frame that holds it, so
//! within that frame the field being left and the field being entered see the same
//! typed characters: at 15 ms per key, a character typed just before or just after a
//! Tab can end up in the wrong field. Here each frame gets at most one Tab, with no
//! typing around it: what precedes a Tab is handled one frame, the Tab the next, and
//! what follows it after that. Nothing is dropped or reordered.

use egui::{Event, Key, RawInput};

/// Events held back for the following frames.
#[derive(Debug, Default)]
pub struct InputPacer {
    pending: Vec<Event>,
}

fn is_tab(event: &Event) -> bool {
    matches!(
        event,
        Event::Key {
            key: Key::Tab,
            pressed: true,
            ..
        }
    )
}

fn is_tab_release(event: &Event) -> bool {
    matches!(
        event,
        Event::Key {
            key: Key::Tab,
            pressed: false,
            ..
        }
    )
}

impl InputPacer {
    /// Trims this frame's events to what may be handled together, keeping the rest for
    /// the next frames (call once per frame, before egui sees the input). Returns
    /// whether events are waiting, so the caller asks for another frame at once.
    pub fn pace(&mut self, input: &mut RawInput) -> bool {
        let mut events = std::mem::take(&mut self.pending);
        events.append(&mut input.events);
        let now = match events.iter().position(is_tab) {
            // Typing before a Tab: that typing alone.
            Some(tab) if tab > 0 => tab,
            // A Tab first: the Tab (and its release) alone.
            Some(_) => 1 + usize::from(events.get(1).is_some_and(is_tab_release)),
            None => events.len(),
        };
        self.pending = events.split_off(now);
        input.events = events;
        !self.pending.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Event {
        Event::Text(s.to_owned())
    }

    fn tab(pressed: bool) -> Event {
        Event::Key {
            key: Key::Tab,
            physical_key: None,
            pressed,
            repeat: false,
            modifiers: egui::Modifiers::NONE,
        }
    }

    #[test]
    fn a_tab_is_handled_alone_and_nothing_is_lost_or_reordered() {
        let mut pacer = InputPacer::default();
        let all = vec![text("i"), tab(true), tab(false), text("M"), text("a")];
        let mut input = RawInput {
            events: all.clone(),
            ..Default::default()
        };
        let mut frames = Vec::new();
        loop {
            let more = pacer.pace(&mut input);
            frames.push(std::mem::take(&mut input.events));
            if !more {
                break;
            }
        }
        assert_eq!(
            frames,
            vec![
                vec![text("i")],
                vec![tab(true), tab(false)],
                vec![text("M"), text("a")],
            ]
        );
        assert_eq!(frames.concat(), all);
    }
}
