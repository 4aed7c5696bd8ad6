//! The one way a command changes a session file: load it under its lock, build one edit
//! from what was loaded, apply it, stamp the session's modified time, save atomically
//! (see [`store::update`]: should the file change meanwhile, the edit is built again on
//! the new content). Every changing subcommand goes through [`edit_session`].

use std::path::Path;

use anyhow::Context;
use claimdesk::intent::Edit;
use claimdesk::model::Session;
use claimdesk::store;
use claimdesk::timestamp::Timestamp;

use super::output::note;

/// Applies the edit `build` makes from the session at `path` (with the time it is made
/// at) and saves the session; returns the saved session and what `build` returned beside
/// the edit.
pub fn edit_session<T>(
    path: &Path,
    mut build: impl FnMut(&Session, Timestamp) -> anyhow::Result<(Edit, T)>,
) -> anyhow::Result<(Session, T)> {
    store::update(path, |loaded| -> anyhow::Result<_> {
        report_warnings(&loaded.warnings);
        let mut session = loaded.session;
        let now = Timestamp::now();
        let (edit, extra) = build(&session, now)?;
        session
            .apply(edit)
            .with_context(|| format!("{}", path.display()))?;
        // Stamped from the session as the edit left it (the edit may be the details' own).
        let stamp = claimdesk::intent::set_meta_edit(&session, |_| {}, now);
        session
            .apply(stamp)
            .with_context(|| format!("{}", path.display()))?;
        Ok((session, extra))
    })
    .with_context(|| format!("saving {}", path.display()))
}

/// Prints loading warnings to stderr.
pub fn report_warnings(warnings: &[String]) {
    for warning in warnings {
        note(format_args!("warning: {warning}"));
    }
}
