//! An open review: the session, its undo history, where it lives on disk, and autosave.
//!
//! This is what a window (or a test) holds while a user works. It knows how to open an
//! article or a session from a path, route every change through [`History`], save to the
//! session's path atomically, and write and find autosave sidecars for crash recovery. It
//! has no GUI and reads no clock: callers pass the time in.

use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::article::{Article, ArticleError, load_article_with};
use crate::history::{GroupKey, History};
use crate::html::Extraction;
use crate::intent::{Edit, EditError};
use crate::model::{DocId, Session, ValidationError};
use crate::store::{self, Expect, Fingerprint, LoadError, SaveError};
use crate::timestamp::Timestamp;

/// Where the sample review lives in a checkout of Claimdesk (relative to the checkout).
pub const SAMPLE_SESSION_PATH: &str = "saves/mali-review.ron";

/// The sample review, compiled into the binary so a copied binary still has it.
const SAMPLE_SESSION: &str = include_str!("../saves/mali-review.ron");

/// The sample review (the bundled copy of [`SAMPLE_SESSION_PATH`]).
pub fn bundled_sample() -> Result<Session, LoadError> {
    store::from_ron(SAMPLE_SESSION, Path::new(SAMPLE_SESSION_PATH)).map(|loaded| loaded.session)
}

/// The suffix of autosave sidecars: `review.ron` autosaves to `review.ron.autosave`.
pub const AUTOSAVE_SUFFIX: &str = ".autosave";

/// Why a file could not be opened.
#[derive(Debug, Error)]
pub enum OpenError {
    #[error(transparent)]
    Article(#[from] ArticleError),
    #[error(transparent)]
    Session(#[from] LoadError),
    #[error("{path}: the article does not make a valid session: {source}")]
    Invalid {
        path: PathBuf,
        #[source]
        source: ValidationError,
    },
}

/// Why a session could not be reloaded with the unsaved edits on top.
#[derive(Debug, Error)]
pub enum ReloadError {
    #[error("the session has no file to reload from")]
    NoFile,
    #[error(
        "the unsaved changes cannot be replayed (undone past the last save and edited \
         since); use Save as"
    )]
    NoSavedState,
    #[error(transparent)]
    Load(#[from] LoadError),
}

/// What kind of file a path names, judged by its extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// `.ron`: a review session.
    Session,
    /// Anything else (`.txt`, `.md`, …): an article that starts a new session.
    Article,
}

impl FileKind {
    /// The kind of file at `path` (an autosave sidecar counts as a session).
    pub fn of(path: &Path) -> Self {
        let name = path
            .file_name()
            .map(|name| name.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        let name = name.strip_suffix(AUTOSAVE_SUFFIX).unwrap_or(&name);
        if name.ends_with(".ron") {
            FileKind::Session
        } else {
            FileKind::Article
        }
    }
}

/// An open session with its history and file.
#[derive(Debug)]
pub struct Workspace {
    session: Session,
    history: History,
    /// Where the session is saved; `None` until the first "Save as".
    path: Option<PathBuf>,
    /// Increases with every change to the session, so views can cache what they derive.
    revision: u64,
    /// Messages from loading worth showing once (e.g. a content hash mismatch).
    pub load_warnings: Vec<String>,
    /// The file's content as loaded or last saved here: a save finding anything else
    /// there would overwrite someone else's work.
    on_disk: Option<Fingerprint>,
    /// Whether the file at `path` is read-only (checked on open and save, not per frame).
    is_read_only: bool,
    /// Pages fetched into this session and not yet archived beside it (it had no file
    /// yet): written by the next save.
    pending_pages: Vec<(crate::model::Fetch, Vec<u8>)>,
}

/// What became of the unsaved edits when the session was reloaded from disk.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Reapplied {
    /// Edits applied again on top of the file as it is now.
    pub applied: usize,
    /// Edits that no longer fit (e.g. their claim was removed), by label and reason.
    pub dropped: Vec<String>,
}

impl Workspace {
    /// A workspace for `session`, saved at `path` (if any), with no unsaved changes.
    pub fn new(session: Session, path: Option<PathBuf>) -> Self {
        Workspace {
            session,
            history: History::new(),
            path,
            revision: 0,
            load_warnings: Vec::new(),
            on_disk: None,
            is_read_only: false,
            pending_pages: Vec::new(),
        }
    }

    /// Keeps the bytes of a page fetched into this session (`fetch` records it): archived
    /// at once beside the session's file, or by the first save when it has none yet.
    pub fn keep_page(
        &mut self,
        fetch: crate::model::Fetch,
        bytes: Vec<u8>,
    ) -> Result<(), SaveError> {
        match &self.path {
            Some(path) => crate::fetch::write_archive(path, &fetch, &bytes).map(|_| ()),
            None => {
                self.pending_pages.push((fetch, bytes));
                Ok(())
            }
        }
    }

    /// Makes sure every fetched page of the session is archived beside `path`: from the
    /// pages kept in memory, or copied from the archive beside the session's current file
    /// (Save as). A page whose archive is nowhere is left out (it was lost before).
    fn archive_pages(&self, path: &Path) -> Result<(), SaveError> {
        for doc in self.session.documents() {
            let Some(fetch) = &doc.meta.fetch else {
                continue;
            };
            let Some(target) = crate::fetch::archived_file(path, fetch) else {
                continue;
            };
            if target.exists() {
                continue;
            }
            let kept = self
                .pending_pages
                .iter()
                .find(|(kept, _)| kept.content_hash == fetch.content_hash);
            if let Some((_, bytes)) = kept {
                crate::fetch::write_archive(path, fetch, bytes)?;
            } else if let Some(bytes) = self
                .path
                .as_deref()
                .and_then(|old| crate::fetch::archived_file(old, fetch))
                .and_then(|old| std::fs::read(old).ok())
            {
                crate::fetch::write_archive(path, fetch, &bytes)?;
            }
        }
        Ok(())
    }

    /// Opens a session (`.ron`) or starts a new, unsaved session from an article.
    pub fn open(path: &Path, now: Timestamp) -> Result<Self, OpenError> {
        match FileKind::of(path) {
            FileKind::Session => {
                let loaded = store::load(path)?;
                let mut workspace = Workspace::new(loaded.session, Some(path.to_owned()));
                workspace.load_warnings = loaded.warnings;
                workspace.on_disk = Some(loaded.fingerprint);
                workspace.refresh_read_only();
                Ok(workspace)
            }
            FileKind::Article => Workspace::open_article(path, Extraction::MainText, now),
        }
    }

    /// Starts a new, unsaved session from the article at `path`, taking from a web page
    /// what `extraction` says.
    pub fn open_article(
        path: &Path,
        extraction: Extraction,
        now: Timestamp,
    ) -> Result<Self, OpenError> {
        Ok(Workspace::new(
            session_from_article(path, extraction, now)?,
            None,
        ))
    }

    /// Reopens a session from its autosave sidecar. The result belongs to `session_file`
    /// (where it will be saved) and counts as unsaved.
    pub fn recover(recovery: &Recovery, session_file: Option<&Path>) -> Result<Self, OpenError> {
        let loaded = store::load(&recovery.sidecar)?;
        let mut workspace = Workspace::new(loaded.session, session_file.map(Path::to_owned));
        workspace.load_warnings = loaded.warnings;
        workspace.mark_unsaved();
        Ok(workspace)
    }

    /// Marks the session as not saved (e.g. just imported), so closing asks first.
    pub fn mark_unsaved(&mut self) {
        self.history.mark_unsaved();
    }

    /// The session as it is now.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// Where the session is saved, if it has been.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// A number that changes whenever the session does.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Applies `edit` as one undo step.
    pub fn apply(&mut self, edit: Edit) -> Result<(), EditError> {
        self.history.apply(&mut self.session, edit)?;
        self.revision += 1;
        Ok(())
    }

    /// Applies `edit`, merging it with the previous step if that has the same `group`.
    pub fn apply_grouped(&mut self, edit: Edit, group: GroupKey) -> Result<(), EditError> {
        self.history
            .apply_grouped(&mut self.session, edit, Some(group))?;
        self.revision += 1;
        Ok(())
    }

    /// Undoes one step and returns the edit that undid it; `Ok(None)` when there is
    /// nothing to undo.
    pub fn undo(&mut self) -> Result<Option<Edit>, EditError> {
        let undone = self.history.undo(&mut self.session)?;
        self.revision += u64::from(undone.is_some());
        Ok(undone)
    }

    /// Redoes one step and returns the edit that redid it; `Ok(None)` when there is
    /// nothing to redo.
    pub fn redo(&mut self) -> Result<Option<Edit>, EditError> {
        let redone = self.history.redo(&mut self.session)?;
        self.revision += u64::from(redone.is_some());
        Ok(redone)
    }

    /// The history, read-only (e.g. to see what the last undo or redo would restore).
    pub fn history(&self) -> &History {
        &self.history
    }

    /// What Undo would undo.
    pub fn undo_label(&self) -> Option<&str> {
        self.history.undo_label()
    }

    /// What Redo would redo.
    pub fn redo_label(&self) -> Option<&str> {
        self.history.redo_label()
    }

    /// Whether there are changes not yet saved (a never-saved session counts as unsaved
    /// once it has any change).
    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    /// Saves to the session's path and returns it; an error when the session has no file
    /// yet (callers then ask for one and use [`Workspace::save_as`]).
    pub fn save(&mut self, now: Timestamp) -> Result<PathBuf, SaveError> {
        let Some(path) = self.path.clone() else {
            return Err(SaveError::NoPath);
        };
        self.save_as(&path, now)?;
        Ok(path)
    }

    /// Saves to `path`, which becomes the session's path; removes the autosave sidecar.
    pub fn save_as(&mut self, path: &Path, now: Timestamp) -> Result<(), SaveError> {
        let mut stamped;
        let to_write = if self.is_dirty() || self.path.as_deref() != Some(path) {
            // The save time is bookkeeping, not an edit: it takes no undo step. It only
            // changes when something did, so saving an unchanged session gives the same
            // bytes.
            stamped = self.session.clone();
            // Through `apply` like every change, but outside the history.
            stamped
                .apply(crate::intent::set_meta_edit(&stamped, |_| {}, now))
                .map_err(|err| SaveError::Stamp(err.to_string()))?;
            &stamped
        } else {
            &self.session
        };
        // The file this session came from must still be as it was; any other path is
        // the user's choice (Save as asks before replacing a file).
        let expect = match self.on_disk {
            Some(fingerprint) if self.path.as_deref() == Some(path) => {
                Expect::Unchanged(fingerprint)
            }
            _ => Expect::AnySession,
        };
        // The pages first: a session never names an archive that is not there.
        self.archive_pages(path)?;
        let saved = store::save(to_write, path, expect);
        if let Err(SaveError::ReadOnly { .. }) = saved
            && self.path.as_deref() == Some(path)
        {
            self.is_read_only = true;
        }
        self.on_disk = Some(saved?);
        self.is_read_only = false;
        let modified = to_write.meta().modified;
        let stamp = crate::intent::set_meta_edit(&self.session, |_| {}, modified);
        // The same stamp the saved copy took, which applied there: it applies here too.
        let _ = self.session.apply(stamp);
        self.path = Some(path.to_owned());
        self.history.mark_saved();
        self.pending_pages.clear();
        let _ = std::fs::remove_file(autosave_path(path));
        Ok(())
    }

    /// Whether the session's file was read-only when last opened or saved (saving it
    /// then needs Save as).
    pub fn is_read_only(&self) -> bool {
        self.is_read_only
    }

    fn refresh_read_only(&mut self) {
        self.is_read_only = self
            .path
            .as_deref()
            .and_then(|path| std::fs::metadata(path).ok())
            .is_some_and(|metadata| metadata.permissions().readonly());
    }

    /// Loads the session's file as it is on disk now (someone else saved it) and applies
    /// the edits not yet saved here on top of it, each as an undoable step. The result
    /// counts as unsaved. Edits that no longer apply are dropped and listed.
    pub fn reload_and_reapply(&mut self) -> Result<Reapplied, ReloadError> {
        let path = self.path.clone().ok_or(ReloadError::NoFile)?;
        let edits = self
            .history
            .edits_since_saved(&self.session)
            .ok_or(ReloadError::NoSavedState)?;
        let loaded = store::load(&path)?;
        let mut reloaded = Workspace::new(loaded.session, Some(path));
        reloaded.load_warnings = loaded.warnings;
        reloaded.on_disk = Some(loaded.fingerprint);
        reloaded.refresh_read_only();
        let mut report = Reapplied::default();
        for (label, edit) in edits {
            match reloaded.apply(edit) {
                Ok(()) => report.applied += 1,
                Err(err) => report.dropped.push(format!("{label}: {err}")),
            }
        }
        reloaded.revision = self.revision + 1;
        *self = reloaded;
        Ok(report)
    }

    /// Writes the session to its autosave sidecar (`sidecar`), atomically, without a
    /// backup and without touching the session's own file.
    pub fn write_autosave(&self, sidecar: &Path) -> Result<(), SaveError> {
        write_autosave(&self.session, sidecar)
    }
}

/// Writes `session` to the autosave sidecar `sidecar`, atomically and without a backup
/// (callable from a worker thread with a copy of the session).
pub fn write_autosave(session: &Session, sidecar: &Path) -> Result<(), SaveError> {
    if let Some(dir) = sidecar.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let text = store::to_ron(session)?;
    store::write_atomically(sidecar, text.as_bytes(), false)
}

/// Starts a session from one article file: one segmented document, language detected.
pub fn session_from_article(
    path: &Path,
    extraction: Extraction,
    now: Timestamp,
) -> Result<Session, OpenError> {
    let article = load_article_with(path, extraction)?;
    session_from_text(article, Some(path.display().to_string()), now).map_err(|source| {
        OpenError::Invalid {
            path: path.to_owned(),
            source,
        }
    })
}

/// Starts a session from an article already in memory.
pub fn session_from_text(
    article: Article,
    origin: Option<String>,
    now: Timestamp,
) -> Result<Session, ValidationError> {
    let mut builder = Session::builder(article.title.clone(), now);
    builder.document(article.into_document(DocId(0), "auto", origin));
    builder.build()
}

/// The autosave sidecar of a session file: `NAME.ron.autosave` beside it.
pub fn autosave_path(path: &Path) -> PathBuf {
    store::sibling_with_suffix(path, AUTOSAVE_SUFFIX)
}

/// An autosave left behind by a session that did not close cleanly.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recovery {
    pub sidecar: PathBuf,
    /// When the sidecar was written.
    pub saved_at: Option<std::time::SystemTime>,
}

/// The autosave sidecar `sidecar`, if it exists and is newer than `session_file` (or the
/// session was never saved).
pub fn find_recovery(sidecar: &Path, session_file: Option<&Path>) -> Option<Recovery> {
    let sidecar_time = std::fs::metadata(sidecar).ok()?.modified().ok();
    let file_time = session_file
        .and_then(|file| std::fs::metadata(file).ok())
        .and_then(|meta| meta.modified().ok());
    let is_newer = match (sidecar_time, file_time) {
        (Some(sidecar_time), Some(file_time)) => sidecar_time >= file_time,
        _ => true,
    };
    is_newer.then(|| Recovery {
        sidecar: sidecar.to_owned(),
        saved_at: sidecar_time,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intent::ClaimField;
    use crate::model::{Claim, SentenceId, Verdict};

    fn article(dir: &Path) -> PathBuf {
        let path = dir.join("story.txt");
        std::fs::write(&path, "Story title\n\nOne claim here. Another one.").expect("write");
        path
    }

    fn add_claim(workspace: &mut Workspace) {
        let doc = &workspace.session().documents()[0];
        let anchor = doc
            .anchor_sentences(SentenceId(1), SentenceId(1))
            .expect("anchor");
        let claim = Claim::new(
            workspace.session().new_claim_id(),
            DocId(0),
            anchor,
            Timestamp::EPOCH,
        );
        workspace
            .apply(Edit::AddClaim(Box::new(claim)))
            .expect("add");
    }

    #[test]
    fn article_opens_as_unsaved_session() {
        let dir = tempfile::tempdir().expect("tempdir");
        let workspace = Workspace::open(&article(dir.path()), Timestamp::EPOCH).expect("open");
        assert_eq!(workspace.path(), None);
        assert_eq!(workspace.session().documents()[0].title, "Story title");
        assert_eq!(workspace.session().documents()[0].sentences().len(), 3);
    }

    #[test]
    fn save_as_then_open_gives_the_same_session() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut workspace = Workspace::open(&article(dir.path()), Timestamp::EPOCH).expect("open");
        add_claim(&mut workspace);
        assert!(workspace.is_dirty());
        let path = dir.path().join("review.ron");
        workspace
            .save_as(&path, Timestamp::from_unix_secs(100))
            .expect("save");
        assert!(!workspace.is_dirty());
        let reopened = Workspace::open(&path, Timestamp::EPOCH).expect("reopen");
        assert_eq!(reopened.session(), workspace.session());
        assert_eq!(
            reopened.session().meta().modified,
            Timestamp::from_unix_secs(100)
        );

        // Saving again without changes writes the same bytes.
        let before = std::fs::read(&path).expect("read");
        workspace
            .save(Timestamp::from_unix_secs(200))
            .expect("save");
        assert_eq!(std::fs::read(&path).expect("read"), before);
    }

    #[test]
    fn autosave_sidecar_is_found_and_removed_by_save() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut workspace = Workspace::open(&article(dir.path()), Timestamp::EPOCH).expect("open");
        let path = dir.path().join("review.ron");
        workspace.save_as(&path, Timestamp::EPOCH).expect("save");
        add_claim(&mut workspace);
        workspace
            .apply(Edit::SetClaimField {
                id: workspace.session().claims()[0].id,
                value: ClaimField::Verdict(Verdict::False),
                modified: Timestamp::EPOCH,
            })
            .expect("verdict");
        let sidecar = autosave_path(&path);
        workspace.write_autosave(&sidecar).expect("autosave");

        let recovery = find_recovery(&sidecar, Some(&path)).expect("recovery offered");
        let recovered = Workspace::recover(&recovery, Some(&path)).expect("recover");
        assert_eq!(recovered.session(), workspace.session());
        assert!(recovered.is_dirty(), "recovered work is not saved yet");
        assert_eq!(recovered.path(), Some(path.as_path()));
        // The session file itself was not touched by the autosave.
        let on_disk = Workspace::open(&path, Timestamp::EPOCH).expect("open");
        assert!(on_disk.session().claims().is_empty());

        workspace.save(Timestamp::EPOCH).expect("save");
        assert!(!sidecar.exists());
        assert_eq!(find_recovery(&sidecar, Some(&path)), None);
    }

    #[test]
    fn file_kind_follows_extension() {
        assert_eq!(FileKind::of(Path::new("a.RON")), FileKind::Session);
        assert_eq!(FileKind::of(Path::new("a.md")), FileKind::Article);
        assert_eq!(FileKind::of(Path::new("a.ron.autosave")), FileKind::Session);
    }
}
