//! Undo and redo over [`Edit`]s.
//!
//! The history stores, for each step, the inverse edit that undoes it. Edits tagged with
//! the same [`GroupKey`] in a row merge into one step (typing into a field, dragging a
//! span), so one Ctrl+Z undoes what the user thinks of as one change. It also remembers
//! which step matches the file on disk, so the shell can tell whether there are unsaved
//! changes.
//!
//! Limits: the stacks keep every step of the session's life in the window (no cap on
//! their number); a step holds only the inverse of what it did, and a grouped burst is
//! composed into one value per field (a thousand keystrokes in a rationale keep one copy
//! of its text, not a thousand). Nothing of the history is saved with the session.

use crate::intent::{Edit, EditError};
use crate::model::Session;

/// The undo of a step made of an older step (undone by `older`) and a newer edit (undone
/// by `newer`): `newer` then `older`, composed as helix composes transactions, so a burst
/// of typing is one value however long it goes on. Setting a claim field and then setting
/// the same field again (of a claim, or of one source) is the second setting alone (it replaces the field and its
/// `modified` whole); anything else is one flat batch, never a batch inside a batch.
fn compose_undo(newer: Edit, older: Edit) -> Edit {
    let same_field = |a: &Edit, b: &Edit| match (a, b) {
        (
            Edit::SetClaimField {
                id: x, value: v, ..
            },
            Edit::SetClaimField {
                id: y, value: w, ..
            },
        ) => x == y && std::mem::discriminant(v) == std::mem::discriminant(w),
        (
            Edit::SetSourceField {
                id: x,
                index: i,
                value: v,
                ..
            },
            Edit::SetSourceField {
                id: y,
                index: j,
                value: w,
                ..
            },
        ) => x == y && i == j && std::mem::discriminant(v) == std::mem::discriminant(w),
        _ => false,
    };
    if same_field(&newer, &older) {
        return older;
    }
    let mut edits = match newer {
        Edit::Batch(edits) => edits,
        other => vec![other],
    };
    match older {
        Edit::Batch(rest) => edits.extend(rest),
        other => edits.push(other),
    }
    Edit::Batch(edits)
}

/// Identifies a burst of related edits that undo as one step, e.g. `"note:7"`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupKey(pub String);

#[derive(Clone, Debug)]
struct Step {
    /// Applying this undoes the step (or, on the redo stack, redoes it).
    edit: Edit,
    label: String,
    group: Option<GroupKey>,
    /// Increases with every new step, so the saved state can be recognised.
    serial: u64,
}

/// The undo and redo stacks of one session.
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    next_serial: u64,
    /// The serial of the newest undo step when the session was last saved (0: none).
    saved_serial: u64,
}

impl History {
    /// An empty history; the session counts as saved.
    pub fn new() -> Self {
        History {
            next_serial: 1,
            ..Default::default()
        }
    }

    /// Applies `edit` as a new undo step.
    pub fn apply(&mut self, session: &mut Session, edit: Edit) -> Result<(), EditError> {
        self.apply_grouped(session, edit, None)
    }

    /// Applies `edit`; if the newest step has the same `group`, the two become one step.
    pub fn apply_grouped(
        &mut self,
        session: &mut Session,
        edit: Edit,
        group: Option<GroupKey>,
    ) -> Result<(), EditError> {
        let label = edit.describe(session);
        let inverse = session.apply(edit)?;
        self.redo.clear();
        if let Some(last) = self.undo.last_mut()
            && group.is_some()
            && last.group == group
            && last.serial != self.saved_serial
        {
            // Undoing the merged step undoes the new edit first, then the older ones.
            let older = std::mem::replace(&mut last.edit, Edit::Batch(Vec::new()));
            last.edit = compose_undo(inverse, older);
            return Ok(());
        }
        let serial = self.take_serial();
        self.undo.push(Step {
            edit: inverse,
            label,
            group,
            serial,
        });
        Ok(())
    }

    /// Undoes the newest step and returns the edit that did it (to show the reviewer what
    /// changed); `Ok(None)` if there is nothing to undo.
    pub fn undo(&mut self, session: &mut Session) -> Result<Option<Edit>, EditError> {
        Self::replay(session, &mut self.undo, &mut self.redo)
    }

    /// Redoes the newest undone step and returns the edit that did it; `Ok(None)` if there
    /// is nothing to redo.
    pub fn redo(&mut self, session: &mut Session) -> Result<Option<Edit>, EditError> {
        Self::replay(session, &mut self.redo, &mut self.undo)
    }

    /// Applies the newest step of `from` and moves it, with its inverse, onto `to`.
    fn replay(
        session: &mut Session,
        from: &mut Vec<Step>,
        to: &mut Vec<Step>,
    ) -> Result<Option<Edit>, EditError> {
        let Some(mut step) = from.pop() else {
            return Ok(None);
        };
        match session.apply(step.edit.clone()) {
            Ok(inverse) => {
                let applied = std::mem::replace(&mut step.edit, inverse);
                to.push(step);
                Ok(Some(applied))
            }
            Err(err) => {
                from.push(step);
                Err(err)
            }
        }
    }

    /// The edit Undo would apply next (after a redo: the inverse of what it redid).
    pub fn next_undo_edit(&self) -> Option<&Edit> {
        self.undo.last().map(|step| &step.edit)
    }

    /// The edit Redo would apply next (after an undo: the inverse of what it undid).
    pub fn next_redo_edit(&self) -> Option<&Edit> {
        self.redo.last().map(|step| &step.edit)
    }

    /// What Undo would undo, e.g. "Set verdict".
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|step| step.label.as_str())
    }

    /// What Redo would redo.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|step| step.label.as_str())
    }

    /// Records that the session as it is now matches the file on disk.
    pub fn mark_saved(&mut self) {
        self.saved_serial = self.current_serial();
    }

    /// Records that the session as it is now is not on disk (e.g. recovered work).
    pub fn mark_unsaved(&mut self) {
        self.saved_serial = u64::MAX;
    }

    /// Whether the session differs from what was last saved (or loaded).
    pub fn is_dirty(&self) -> bool {
        self.current_serial() != self.saved_serial
    }

    /// The edits made since the session was last saved, oldest first, as they would be
    /// applied again to a fresh copy of the file (`session` is the session as it is now).
    /// `None` when the saved state is not behind the newest step (nothing saved yet, or
    /// undone past the save and edited since): then there is no such list.
    pub fn edits_since_saved(&self, session: &Session) -> Option<Vec<(String, Edit)>> {
        let saved_at = match self.saved_serial {
            0 => 0,
            serial => self.undo.iter().position(|step| step.serial == serial)? + 1,
        };
        let mut replay = session.clone();
        let mut forward = Vec::new();
        for step in self.undo[saved_at..].iter().rev() {
            // Undoing a step on a copy gives the edit that redoes it.
            let redo = replay.apply(step.edit.clone()).ok()?;
            forward.push((step.label.clone(), redo));
        }
        forward.reverse();
        Some(forward)
    }

    fn current_serial(&self) -> u64 {
        self.undo.last().map_or(0, |step| step.serial)
    }

    fn take_serial(&mut self) -> u64 {
        let serial = self.next_serial.max(1);
        self.next_serial = serial + 1;
        serial
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intent::ClaimField;
    use crate::model::{Claim, ClaimId, DocId, SentenceId, Verdict};
    use crate::timestamp::Timestamp;

    fn session_with_claim() -> Session {
        let mut builder = Session::builder("t", Timestamp::EPOCH);
        let doc =
            crate::segment::segmented_document(DocId(0), "d", "en", None, "A claim. B.".to_owned());
        let anchor = doc
            .anchor_sentences(SentenceId(0), SentenceId(0))
            .expect("anchor");
        builder
            .document(doc)
            .claim(Claim::new(ClaimId(0), DocId(0), anchor, Timestamp::EPOCH));
        builder.build().expect("valid")
    }

    fn set_note(text: &str) -> Edit {
        Edit::SetClaimField {
            id: ClaimId(0),
            value: ClaimField::Note(text.to_owned()),
            modified: Timestamp::from_unix_secs(5),
        }
    }

    #[test]
    fn a_long_burst_of_typing_is_one_value_not_a_nest_of_copies() {
        let mut session = session_with_claim();
        let original = session.clone();
        let mut history = History::new();
        let group = Some(GroupKey("note:0".to_owned()));
        let mut text = String::new();
        for n in 0..1000 {
            text.push(char::from(b'a' + (n % 26) as u8));
            history
                .apply_grouped(&mut session, set_note(&text), group.clone())
                .expect("type");
        }
        assert_eq!(history.undo.len(), 1, "one step");
        // The step's undo is one field setting (the original note), not 1000 nested ones.
        assert!(
            matches!(history.next_undo_edit(), Some(Edit::SetClaimField { value: ClaimField::Note(note), .. }) if note.is_empty()),
            "{:?}",
            history.next_undo_edit().map(|e| e.label())
        );
        let typed = session.clone();
        history.undo(&mut session).expect("undo");
        assert_eq!(session, original);
        history.redo(&mut session).expect("redo");
        assert_eq!(session, typed);
        // Another field in the same burst goes into one flat batch.
        history
            .apply_grouped(
                &mut session,
                Edit::SetClaimField {
                    id: ClaimId(0),
                    value: ClaimField::Verdict(Verdict::False),
                    modified: Timestamp::from_unix_secs(6),
                },
                group.clone(),
            )
            .expect("rate");
        history
            .apply_grouped(&mut session, set_note("again"), group)
            .expect("type");
        let Some(Edit::Batch(edits)) = history.next_undo_edit() else {
            panic!("a batch");
        };
        assert!(
            edits.iter().all(|edit| !matches!(edit, Edit::Batch(_))),
            "flat"
        );
        // Still one step (the same burst): undo goes back to before all of it.
        assert_eq!(history.undo.len(), 1);
        history.undo(&mut session).expect("undo");
        assert_eq!(session, original);
    }

    #[test]
    fn undo_redo_round_trip_and_dirty_flag() {
        let mut session = session_with_claim();
        let original = session.clone();
        let mut history = History::new();
        assert!(!history.is_dirty());

        history
            .apply(
                &mut session,
                Edit::SetClaimField {
                    id: ClaimId(0),
                    value: ClaimField::Verdict(Verdict::False),
                    modified: Timestamp::from_unix_secs(5),
                },
            )
            .expect("apply");
        let edited = session.clone();
        assert!(history.is_dirty());
        assert_eq!(
            history.undo_label(),
            Some("Set verdict of claim #0000 to False")
        );

        assert!(history.undo(&mut session).expect("undo").is_some());
        assert_eq!(session, original);
        assert!(!history.is_dirty());
        assert!(history.undo(&mut session).expect("undo").is_none());

        assert!(history.redo(&mut session).expect("redo").is_some());
        assert_eq!(session, edited);
        history.mark_saved();
        assert!(!history.is_dirty());
    }

    #[test]
    fn grouped_edits_undo_as_one_step() {
        let mut session = session_with_claim();
        let original = session.clone();
        let mut history = History::new();
        let key = || Some(GroupKey("note:0".to_owned()));
        for text in ["f", "fa", "fal", "false"] {
            history
                .apply_grouped(&mut session, set_note(text), key())
                .expect("apply");
        }
        assert_eq!(session.claims()[0].note, "false");
        assert!(history.undo(&mut session).expect("undo").is_some());
        assert_eq!(session, original);
        assert!(history.undo(&mut session).expect("undo").is_none());
    }

    #[test]
    fn a_save_breaks_a_group() {
        let mut session = session_with_claim();
        let mut history = History::new();
        let key = || Some(GroupKey("note:0".to_owned()));
        history
            .apply_grouped(&mut session, set_note("a"), key())
            .expect("apply");
        history.mark_saved();
        history
            .apply_grouped(&mut session, set_note("ab"), key())
            .expect("apply");
        assert!(history.undo(&mut session).expect("undo").is_some());
        assert_eq!(session.claims()[0].note, "a");
        assert!(!history.is_dirty());
    }

    #[test]
    fn new_edit_clears_redo() {
        let mut session = session_with_claim();
        let mut history = History::new();
        history.apply(&mut session, set_note("x")).expect("apply");
        history.undo(&mut session).expect("undo");
        history.apply(&mut session, set_note("y")).expect("apply");
        assert!(history.redo(&mut session).expect("redo").is_none());
    }
}
