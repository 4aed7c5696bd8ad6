//! What panels hand back to the app during a frame: commands and edits, applied once at
//! the end of the frame so panels only ever read the session.

use crate::edit::{ClaimField, Edit};
use crate::history::GroupKey;
use crate::model::{ClaimId, Source};
use crate::ui::command::AppCommand;

/// Commands and edits queued during one frame.
#[derive(Debug, Default)]
pub struct Outbox {
    pub commands: Vec<AppCommand>,
    /// Edits in the order they were made, each with the undo group it joins (typing into
    /// one field is one group, so it undoes as one step).
    pub edits: Vec<(Edit, Option<GroupKey>)>,
}

impl Outbox {
    /// Queues a command.
    pub fn command(&mut self, command: AppCommand) {
        self.commands.push(command);
    }

    /// Queues an edit to the session.
    pub fn edit(&mut self, edit: Edit) {
        self.edits.push((edit, None));
    }

    /// Queues an edit that joins the previous step when that has the same `group`.
    pub fn edit_grouped(&mut self, edit: Edit, group: GroupKey) {
        self.edits.push((edit, Some(group)));
    }

    /// The sources of `claim` as the edits queued so far this frame leave them, if any
    /// of them sets the sources: a second change to the list in the same frame (a field
    /// typed into, then a stance clicked) must start from the first, not from the
    /// session, or it would undo it.
    pub fn pending_sources(&self, claim: ClaimId) -> Option<&[Source]> {
        self.edits.iter().rev().find_map(|(edit, _)| match edit {
            Edit::SetClaimField {
                id,
                value: ClaimField::Sources(sources),
                ..
            } if *id == claim => Some(sources.as_slice()),
            _ => None,
        })
    }
}
