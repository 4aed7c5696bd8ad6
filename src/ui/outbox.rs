//! What panels hand back to the app during a frame: commands and edits, applied once at
//! the end of the frame so panels only ever read the session.

use crate::edit::Edit;
use crate::ui::command::AppCommand;

/// Commands and edits queued during one frame.
#[derive(Debug, Default)]
pub struct Outbox {
    pub commands: Vec<AppCommand>,
    pub edits: Vec<Edit>,
}

impl Outbox {
    /// Queues a command.
    pub fn command(&mut self, command: AppCommand) {
        self.commands.push(command);
    }

    /// Queues an edit to the session.
    pub fn edit(&mut self, edit: Edit) {
        self.edits.push(edit);
    }
}
