//! Find in the document: the find bar and the matches it highlights.

use crate::model::Session;
use crate::ui::view::{Selection, ViewState};

/// The find bar above the article (Ctrl+F).
pub(super) fn find_bar_ui(ui: &mut egui::Ui, session: &Session, view: &mut ViewState) {
    if !view.find.is_open {
        return;
    }
    let Some(doc) = session.document(view.doc) else {
        return;
    };
    let mut jump = None;
    ui.horizontal(|ui| {
        let label = ui.label("Find");
        let response = ui
            .add(egui::TextEdit::singleline(&mut view.find.query).desired_width(260.0))
            .labelled_by(label.id);
        if view.find.wants_focus {
            response.request_focus();
            view.find.wants_focus = false;
        }
        let key = (view.find.query.clone(), doc.id);
        if view.find.computed_for.as_ref() != Some(&key) {
            view.find.matches = find_matches(doc, &view.find.query);
            view.find.current = 0;
            view.find.computed_for = Some(key);
        }
        let n = view.find.matches.len();
        if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) && n > 0 {
            jump = Some(view.find.current);
            view.find.current = (view.find.current + 1) % n;
            response.request_focus();
        }
        if n == 0 {
            ui.weak(if view.find.query.is_empty() {
                ""
            } else {
                "no matches"
            });
        } else {
            ui.label(format!("{n} matches"));
        }
        if ui
            .add_enabled(n > 0, egui::Button::new("Previous match"))
            .clicked()
        {
            view.find.current = (view.find.current + n.saturating_sub(1)) % n.max(1);
            jump = Some(view.find.current);
        }
        if ui
            .add_enabled(n > 0, egui::Button::new("Next match"))
            .clicked()
        {
            jump = Some(view.find.current);
            view.find.current = (view.find.current + 1) % n.max(1);
        }
        if ui.button("Close find").clicked() {
            view.find = Default::default();
        }
    });
    if let Some(found) = jump.and_then(|idx| view.find.matches.get(idx).cloned())
        && let Some(sentence) = doc.sentence_at(found.start)
    {
        view.select(Selection::sentence(doc.id, sentence));
    }
    ui.separator();
}

/// Case-insensitive matches of `query` in the document, as code-point ranges (at most
/// 10,000, enough to navigate and cheap on very long texts).
pub(super) fn find_matches(
    doc: &crate::model::Document,
    query: &str,
) -> Vec<std::ops::Range<usize>> {
    const MAX_MATCHES: usize = 10_000;
    let query = query.trim();
    if query.is_empty() {
        return Vec::new();
    }
    let text = doc.text();
    let lowered = text.to_lowercase();
    let needle = query.to_lowercase();
    // Lower-casing kept every character a single character, so code-point offsets in the
    // lowered copy are offsets in the original; otherwise search case-sensitively.
    let (haystack, needle) = if lowered.chars().count() == doc.n_chars() {
        (lowered.as_str(), needle)
    } else {
        (text, query.to_owned())
    };
    let index = crate::offsets::CharIndex::new(haystack);
    let n_needle = needle.chars().count();
    haystack
        .match_indices(&needle)
        .take(MAX_MATCHES)
        .filter_map(|(byte, _)| {
            let start = index.char_of(haystack, byte)?;
            Some(start..start + n_needle)
        })
        .collect()
}
