//! What panels hand back to the app during a frame: commands and edits, applied once at
//! the end of the frame so panels only ever read the session.

use crate::history::GroupKey;
use crate::intent::Edit;
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
}
