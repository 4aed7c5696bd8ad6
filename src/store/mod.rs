//! Reading and writing sessions as RON files, without ever losing work.
//!
//! Saving is deterministic (the same session always gives the same bytes: sorted
//! collections, fixed formatting, text kept as readable multi-line strings so git diffs
//! stay small; see [`codec`]) and safe (see [`atomic`]): the new content goes to a
//! temporary file in the same folder, is flushed to disk, and replaces the target by a
//! rename, after the previous version has become `NAME.ron.bak`. A file that is not a
//! readable session (a damaged one, or an article picked by mistake) is never overwritten
//! ([`shape`]), nor is a read-only one.
//!
//! Writers never lose each other's work: each save holds the session's [`lock`] from
//! reading to renaming, and refuses to replace a file that changed since the caller loaded
//! it ([`Expect::Unchanged`] with the [`Fingerprint`] from loading). [`update`] is the
//! read-modify-write the CLI uses: it re-reads and re-applies its change instead.
//!
//! Loading reads only regular files of bounded size ([`read`]), reports where a file is
//! wrong (line and column from the RON parser, or the claim or sentence that fails
//! validation) and refuses files from a newer version.

pub mod atomic;
pub mod codec;
pub mod lock;
pub mod read;
mod shape;

use std::path::{Path, PathBuf};
use std::time::Duration;

use sha2::{Digest, Sha256};
use thiserror::Error;

pub use atomic::{backup_path, sibling_with_suffix, write_atomically};
pub use codec::{from_ron, to_ron};
pub use read::{MAX_INPUT_BYTES, ReadError};

use crate::model::{Session, ValidationError};
use lock::SessionLock;

/// Why a session file could not be loaded.
#[derive(Debug, Error)]
pub enum LoadError {
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error("{path} is not UTF-8 text (invalid byte at byte offset {offset}, line {line})")]
    NotUtf8 {
        path: PathBuf,
        offset: usize,
        line: usize,
    },
    #[error("{path}:{line}:{col}: {msg}")]
    Parse {
        path: PathBuf,
        line: usize,
        col: usize,
        msg: String,
    },
    #[error(
        "{path} was written by a newer Claimdesk (session format version {found}; this build \
         reads versions up to {supported}); update Claimdesk to open it"
    )]
    NewerVersion {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("{path}: session format version {found} does not exist (the first version is 1)")]
    BadVersion { path: PathBuf, found: u32 },
    #[error("{path}: {source}")]
    Invalid {
        path: PathBuf,
        #[source]
        source: ValidationError,
    },
}

/// Why a session could not be saved. The target file is unchanged.
#[derive(Debug, Error)]
pub enum SaveError {
    #[error("cannot encode the session: {0}")]
    Encode(#[from] ron::Error),
    #[error("cannot save to {path} while {action}: {}", read::describe_io(.cause))]
    Io {
        path: PathBuf,
        action: &'static str,
        cause: std::io::Error,
    },
    #[error("the session has no file yet; choose one with Save as")]
    NoPath,
    #[error("cannot stamp the session's save time: {0}")]
    Stamp(String),
    #[error(
        "refusing to overwrite {path}: it is not a readable Claimdesk session ({reason}); \
         save under another name"
    )]
    WouldOverwrite { path: PathBuf, reason: String },
    #[error("{path} is read-only; make it writable or save under another name")]
    ReadOnly { path: PathBuf },
    #[error("{path} is {kind}, not a regular file; save under another name")]
    NotRegular { path: PathBuf, kind: &'static str },
    #[error(
        "{path} is a symbolic link to {target}, which does not exist; Claimdesk writes \
         through a link only to a file that is there (save under another name, or remove the \
         link)"
    )]
    DanglingLink { path: PathBuf, target: PathBuf },
    #[error(
        "{path} changed on disk since it was opened (another window or command saved it); \
         reload it, or save under another name"
    )]
    ChangedOnDisk { path: PathBuf },
    #[error(
        "{path} is being saved by another program (waited {}s for its lock); try again",
        .waited.as_secs()
    )]
    Locked { path: PathBuf, waited: Duration },
    #[error("cannot check the existing file before saving: {0}")]
    ReadExisting(#[from] ReadError),
}

/// The content of a session file as last read or written, to tell whether someone else
/// has saved it since.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Fingerprint([u8; 32]);

impl Fingerprint {
    /// The fingerprint of a file's bytes.
    pub fn of(bytes: &[u8]) -> Self {
        Fingerprint(Sha256::digest(bytes).into())
    }
}

/// What a save expects to find at the path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    /// The file as it was loaded or last saved (or no file): anything else is someone
    /// else's work, and the save is refused with [`SaveError::ChangedOnDisk`].
    Unchanged(Fingerprint),
    /// Any session, or no file: the user chose this path (Save as, a new session).
    AnySession,
}

/// A loaded session and what is worth telling the user about it.
#[derive(Debug)]
pub struct Loaded {
    pub session: Session,
    /// Things that did not stop loading, e.g. a document text edited by hand.
    pub warnings: Vec<String>,
    /// The file's content as read, for [`Expect::Unchanged`].
    pub fingerprint: Fingerprint,
}

/// Loads and validates the session at `path`.
pub fn load(path: &Path) -> Result<Loaded, LoadError> {
    let bytes = read::read_regular(path, MAX_INPUT_BYTES)?;
    from_bytes(&bytes, path)
}

/// Decodes and validates a session from a file's bytes; `path` names it in errors.
pub fn from_bytes(bytes: &[u8], path: &Path) -> Result<Loaded, LoadError> {
    let text = std::str::from_utf8(bytes).map_err(|err| {
        let offset = err.valid_up_to();
        LoadError::NotUtf8 {
            path: path.to_owned(),
            offset,
            line: 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count(),
        }
    })?;
    from_ron(text, path)
}

/// Saves `session` to `path` under the session's lock, keeping the previous file as
/// `NAME.ron.bak`; returns the new file's fingerprint. Refuses to replace a file that is
/// not a readable session, is read-only, or (with [`Expect::Unchanged`]) has changed.
pub fn save(session: &Session, path: &Path, expect: Expect) -> Result<Fingerprint, SaveError> {
    let target = resolve(path)?;
    let _lock = SessionLock::acquire(&target, lock::DEFAULT_PATIENCE)?;
    save_locked(session, &target, expect)
}

/// Loads the session at `path`, lets `change` make the new one from it, and saves that,
/// all under the session's lock, so no other writer's save is lost in between. Should the
/// file still change meanwhile (a program that ignores the lock), it is read again and
/// `change` runs again, up to three times. Returns what `change` returned with the new
/// session.
pub fn update<T, E>(
    path: &Path,
    mut change: impl FnMut(Loaded) -> Result<(Session, T), E>,
) -> Result<(Session, T), E>
where
    E: From<LoadError> + From<SaveError>,
{
    let target = resolve(path)?;
    let _lock = SessionLock::acquire(&target, lock::DEFAULT_PATIENCE)?;
    let mut attempts_left = 3;
    loop {
        let loaded = load(&target)?;
        let fingerprint = loaded.fingerprint;
        let (session, out) = change(loaded)?;
        match save_locked(&session, &target, Expect::Unchanged(fingerprint)) {
            Err(SaveError::ChangedOnDisk { .. }) if attempts_left > 1 => attempts_left -= 1,
            Err(err) => return Err(err.into()),
            Ok(_) => return Ok((session, out)),
        }
    }
}

/// Whether `bytes` look like a whole session file (a cheap structural check, no parsing).
pub fn looks_like_session(bytes: &[u8]) -> bool {
    shape::check_session_shape(bytes).is_ok()
}

fn resolve(path: &Path) -> Result<PathBuf, SaveError> {
    atomic::resolve_for_writing(path)
}

/// [`save`] for a caller that holds the lock of `target` (a resolved path).
fn save_locked(session: &Session, target: &Path, expect: Expect) -> Result<Fingerprint, SaveError> {
    let text = to_ron(session)?;
    if atomic::existing_writable(target)?.is_some() {
        let current = read::read_regular(target, MAX_INPUT_BYTES)?;
        if let Expect::Unchanged(fingerprint) = expect
            && Fingerprint::of(&current) != fingerprint
        {
            return Err(SaveError::ChangedOnDisk {
                path: target.to_owned(),
            });
        }
        shape::check_session_shape(&current).map_err(|reason| SaveError::WouldOverwrite {
            path: target.to_owned(),
            reason,
        })?;
    }
    atomic::remove_stale_temps(target);
    write_atomically(target, text.as_bytes(), true)?;
    Ok(Fingerprint::of(text.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CURRENT_VERSION, Claim, ClaimId, DocId, SentenceId, Verdict};
    use crate::timestamp::Timestamp;
    use shape::check_session_shape;
    use std::fs;

    fn sample() -> Session {
        let mut builder = Session::builder("Sample", Timestamp::from_unix_secs(1_700_000_000));
        let doc = crate::segment::segmented_document(
            DocId(0),
            "Doc",
            "en",
            Some("doc.txt".to_owned()),
            "🇲🇱 A \"quoted\" claim.\n\nr#\"raw\"# text. Third.".to_owned(),
        );
        let anchor = doc
            .anchor_sentences(SentenceId(0), SentenceId(0))
            .expect("anchor");
        builder.document(doc);
        let mut claim = Claim::new(
            ClaimId(0x0a1b_2c3d_4e5f_6071),
            DocId(0),
            anchor,
            Timestamp::EPOCH,
        );
        claim.verdict = Verdict::Misleading;
        builder.claim(claim);
        builder.build().expect("valid sample")
    }

    #[test]
    fn round_trips_and_is_deterministic() {
        let session = sample();
        let text = to_ron(&session).expect("encode");
        assert_eq!(to_ron(&session).expect("encode"), text);
        let loaded = from_ron(&text, Path::new("s.ron")).expect("decode");
        assert_eq!(loaded.session, session);
        assert!(loaded.warnings.is_empty());
        assert!(text.contains("Misleading"), "{text}");
    }

    /// A `Session` read by any deserializer (not only the store's `from_ron`) is
    /// validated: a claim outside its text, or a version this build does not know, is
    /// refused, so no unvalidated session can be built from a file.
    #[test]
    fn any_deserialized_session_is_validated() {
        let text = to_ron(&sample()).expect("encode");
        let parsed: Session = ron::from_str(&text).expect("a valid session deserializes");
        assert_eq!(parsed, sample());
        let start = text.find("start: 0").expect("the claim's start");
        let outside = format!("{}start: 4000{}", &text[..start], &text[start + 8..]);
        let err = ron::from_str::<Session>(&outside).expect_err("a claim outside its text");
        assert!(err.to_string().contains("claim"), "{err}");
        let newer = text.replacen(&format!("version: {CURRENT_VERSION}"), "version: 99", 1);
        let err = ron::from_str::<Session>(&newer).expect_err("a newer version");
        assert!(err.to_string().contains("version 99"), "{err}");
    }

    #[track_caller]
    fn load_err(text: &str) -> LoadError {
        from_ron(text, Path::new("dir/s.ron")).expect_err("should be refused")
    }

    #[test]
    fn truncated_file_reports_line_and_column() {
        let text = to_ron(&sample()).expect("encode");
        let cut = &text[..text.len() / 2];
        let err = load_err(cut);
        assert!(
            matches!(err, LoadError::Parse { line, .. } if line > 1),
            "{err}"
        );
        assert!(err.to_string().starts_with("dir/s.ron:"), "{err}");
    }

    #[test]
    fn hand_edit_typo_names_the_field() {
        let text = to_ron(&sample())
            .expect("encode")
            .replace("claimant:", "claimnat:");
        let err = load_err(&text);
        assert!(err.to_string().contains("claimnat"), "{err}");
    }

    #[test]
    fn newer_version_is_refused_clearly() {
        let text = to_ron(&sample())
            .expect("encode")
            .replacen("version: 2", "version: 9", 1)
            .replace("claimant:", "speaker:");
        let err = load_err(&text);
        assert!(
            matches!(
                err,
                LoadError::NewerVersion {
                    found: 9,
                    supported: CURRENT_VERSION,
                    ..
                }
            ),
            "{err}"
        );
        assert!(err.to_string().contains("newer Claimdesk"));
    }

    #[test]
    fn offsets_outside_the_text_are_refused() {
        let session = sample();
        let end = session.claims()[0].anchor.end;
        let text =
            to_ron(&session)
                .expect("encode")
                .replacen(&format!("end: {end},"), "end: 9999,", 1);
        let err = load_err(&text);
        assert!(
            matches!(
                err,
                LoadError::Invalid {
                    source: ValidationError::SpanOutsideSentences { end: 9_999, .. },
                    ..
                }
            ),
            "{err}"
        );
    }

    #[test]
    fn duplicate_ids_and_stale_quotes_are_refused() {
        let text = to_ron(&sample()).expect("encode");
        // Claims sit between `claims: [` and `documents:`; write the one claim twice.
        let start = text.find("claims: [").expect("claims") + "claims: [".len();
        let end = text.find("    ],\n    documents:").expect("documents");
        let claim = &text[start..end];
        let doubled = format!("{}{claim}{claim}{}", &text[..start], &text[end..]);
        let err = load_err(&doubled);
        assert!(
            matches!(
                err,
                LoadError::Invalid {
                    source: ValidationError::DuplicateClaim(_),
                    ..
                }
            ),
            "{err}"
        );

        let text = to_ron(&sample()).expect("encode").replacen(
            "exact: r#\"",
            "exact: r#\"something else",
            1,
        );
        let err = load_err(&text);
        assert!(
            err.to_string().contains("does not match the document text"),
            "{err}"
        );
    }

    #[test]
    fn save_keeps_backup_and_refuses_foreign_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("s.ron");
        let mut session = sample();
        save(&session, &path, Expect::AnySession).expect("first save");
        let first = fs::read(&path).expect("read");
        let stamp = crate::intent::set_meta_edit(
            &session,
            |_| {},
            Timestamp::from_unix_secs(1_800_000_000),
        );
        session.apply(stamp).expect("stamp");
        save(&session, &path, Expect::AnySession).expect("second save");
        assert_eq!(fs::read(backup_path(&path)).expect("backup"), first);
        assert_eq!(load(&path).expect("load").session, session);

        let article = dir.path().join("article.txt");
        fs::write(&article, "Just an article.").expect("write");
        let err = save(&session, &article, Expect::AnySession).expect_err("foreign file");
        assert!(matches!(err, SaveError::WouldOverwrite { .. }), "{err}");
        assert_eq!(
            fs::read_to_string(&article).expect("read"),
            "Just an article."
        );

        // A damaged session is not overwritten either.
        fs::write(&path, &first[..first.len() / 3]).expect("truncate");
        assert!(matches!(
            save(&session, &path, Expect::AnySession),
            Err(SaveError::WouldOverwrite { .. })
        ));
        // No temporary files are left behind.
        let names: Vec<String> = fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
    }

    #[test]
    fn shape_check_accepts_sessions_and_rejects_the_rest() {
        let whole = to_ron(&sample()).expect("encode");
        assert_eq!(check_session_shape(whole.as_bytes()), Ok(()));
        for cut in [whole.len() / 3, whole.len() / 2, whole.len() - 3] {
            assert!(
                check_session_shape(&whole.as_bytes()[..cut]).is_err(),
                "cut at {cut}"
            );
        }
        assert!(check_session_shape(b"Just an article. (With brackets.)").is_err());
        assert!(check_session_shape(b"(version: 1, a: r#\"x\"# )").is_ok());
        assert!(check_session_shape(b"(version: 1, // a ( note\n /* ) */ )").is_ok());
        assert!(check_session_shape(b"(version: 1, a: \"x)\\\"\" )").is_ok());
    }

    #[test]
    fn non_utf8_session_reports_offset() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("s.ron");
        fs::write(&path, b"(\nversion: 1,\xff").expect("write");
        let err = load(&path).expect_err("binary");
        assert!(
            matches!(
                err,
                LoadError::NotUtf8 {
                    offset: 13,
                    line: 2,
                    ..
                }
            ),
            "{err}"
        );
    }
}
