//! Reading and writing sessions as RON files, without ever losing work.
//!
//! Saving is deterministic (the same session always gives the same bytes: sorted
//! collections, fixed formatting, text kept as readable multi-line strings so git diffs
//! stay small) and atomic: the new content goes to a temporary file in the same folder,
//! is flushed to disk, and replaces the target by a rename, after the previous version
//! has been kept as `NAME.ron.bak`. A file that is not a readable session (a damaged one,
//! or an article picked by mistake) is never overwritten.
//!
//! Loading reports where a file is wrong (line and column from the RON parser, or the
//! claim or sentence that fails validation) and refuses files from a newer version.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use thiserror::Error;

use crate::model::{CURRENT_VERSION, Session, ValidationError};

/// Why a session file could not be loaded.
#[derive(Debug, Error)]
pub enum LoadError {
    #[error("cannot read session {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
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
    #[error("cannot save to {path} while {action}: {source}")]
    Io {
        path: PathBuf,
        action: &'static str,
        #[source]
        source: std::io::Error,
    },
    #[error("the session has no file yet; choose one with Save as")]
    NoPath,
    #[error(
        "refusing to overwrite {path}: it is not a readable Claimdesk session ({reason}); \
         save under another name"
    )]
    WouldOverwrite { path: PathBuf, reason: String },
}

/// A loaded session and what is worth telling the user about it.
#[derive(Debug)]
pub struct Loaded {
    pub session: Session,
    /// Things that did not stop loading, e.g. a document text edited by hand.
    pub warnings: Vec<String>,
}

/// The file that keeps the previous version of `path`: `NAME.ron.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    sibling_with_suffix(path, ".bak")
}

/// `path` with `suffix` appended to its file name.
pub fn sibling_with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

/// Encodes a session as pretty RON. Deterministic: equal sessions give equal strings.
pub fn to_ron(session: &Session) -> Result<String, SaveError> {
    let mut sorted;
    let session = if is_sorted(session) {
        session
    } else {
        sorted = session.clone();
        sorted.normalize_order();
        &sorted
    };
    let config = ron::ser::PrettyConfig::new()
        .new_line("\n")
        .indentor("    ")
        .struct_names(false)
        .separate_tuple_members(false)
        .compact_ranges(true)
        .escape_strings(false);
    let mut text = ron::ser::to_string_pretty(session, config)?;
    text.push('\n');
    Ok(text)
}

fn is_sorted(session: &Session) -> bool {
    session.documents().windows(2).all(|w| w[0].id < w[1].id)
        && session.claims().windows(2).all(|w| w[0].id < w[1].id)
}

/// Decodes a session from RON text; `path` names the file in errors.
pub fn from_ron(text: &str, path: &Path) -> Result<Loaded, LoadError> {
    let mut session: Session = match ron::from_str(text) {
        Ok(session) => session,
        Err(err) => {
            // A file from a newer build may fail only because of fields this build does
            // not know; say that, rather than complain about the field.
            if let Ok(version) = probe_version(text) {
                check_version(version, path)?;
            }
            return Err(LoadError::Parse {
                path: path.to_owned(),
                line: err.span.start.line,
                col: err.span.start.col,
                msg: err.code.to_string(),
            });
        }
    };
    check_version(session.version(), path)?;
    let migrated_from = (session.version() < CURRENT_VERSION).then_some(session.version());
    session.upgrade();
    session.validate().map_err(|source| LoadError::Invalid {
        path: path.to_owned(),
        source,
    })?;
    let warnings = session
        .documents()
        .iter()
        .filter(|doc| !doc.is_hash_current())
        .map(|doc| {
            format!(
                "document {} ({}): the text differs from when it was segmented \
                 (content hash mismatch); check the claims on it",
                doc.id, doc.title
            )
        })
        .collect::<Vec<_>>();
    let mut warnings = warnings;
    if let Some(old) = migrated_from {
        warnings.push(format!(
            "{} uses session format version {old}; it was upgraded to version \
             {CURRENT_VERSION} (new claim ids) and will be saved as version {CURRENT_VERSION} \
             (the old file is kept as .bak when you save)",
            path.display()
        ));
    }
    Ok(Loaded { session, warnings })
}

fn check_version(version: u32, path: &Path) -> Result<(), LoadError> {
    if version > CURRENT_VERSION {
        return Err(LoadError::NewerVersion {
            path: path.to_owned(),
            found: version,
            supported: CURRENT_VERSION,
        });
    }
    if version == 0 {
        return Err(LoadError::BadVersion {
            path: path.to_owned(),
            found: version,
        });
    }
    Ok(())
}

/// The `version` field of a session file, ignoring everything else.
fn probe_version(text: &str) -> Result<u32, ron::error::SpannedError> {
    #[derive(Deserialize)]
    #[serde(rename = "Session")]
    struct VersionProbe {
        version: u32,
    }
    ron::from_str::<VersionProbe>(text).map(|probe| probe.version)
}

/// Loads and validates the session at `path`.
pub fn load(path: &Path) -> Result<Loaded, LoadError> {
    let bytes = fs::read(path).map_err(|source| LoadError::Io {
        path: path.to_owned(),
        source,
    })?;
    let text = std::str::from_utf8(&bytes).map_err(|err| {
        let offset = err.valid_up_to();
        LoadError::NotUtf8 {
            path: path.to_owned(),
            offset,
            line: 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count(),
        }
    })?;
    from_ron(text, path)
}

/// Saves atomically to `path`, keeping the previous file as `NAME.ron.bak`. Refuses to
/// replace a file that is not a readable session.
pub fn save(session: &Session, path: &Path) -> Result<(), SaveError> {
    let text = to_ron(session)?;
    if path.exists() {
        ensure_replaceable(path)?;
    }
    write_atomically(path, text.as_bytes(), true)
}

/// Writes `bytes` to `path` through a temporary file and a rename; with `keep_backup`, an
/// existing file is kept as `NAME.bak` first. On error, `path` is unchanged.
pub fn write_atomically(path: &Path, bytes: &[u8], keep_backup: bool) -> Result<(), SaveError> {
    let io_err = |action: &'static str| {
        move |source: std::io::Error| SaveError::Io {
            path: path.to_owned(),
            action,
            source,
        }
    };
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let file_name = path.file_name().unwrap_or_default().to_string_lossy();
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{file_name}."))
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io_err("creating a temporary file"))?;
    temp.write_all(bytes)
        .map_err(io_err("writing the temporary file"))?;
    temp.as_file()
        .sync_all()
        .map_err(io_err("flushing the temporary file to disk"))?;
    if let Ok(metadata) = fs::metadata(path) {
        // Keep the permissions of the file being replaced.
        let _ = temp.as_file().set_permissions(metadata.permissions());
        if keep_backup {
            keep_backup_of(path).map_err(io_err("keeping the previous version as .bak"))?;
        }
    } else {
        set_default_permissions(temp.as_file());
    }
    temp.persist(path)
        .map_err(|err| io_err("renaming the temporary file over the target")(err.error))?;
    sync_dir(dir);
    Ok(())
}

/// Refuses to replace a file that is not a complete session: an article chosen by
/// mistake, or a session cut short or damaged. A structural scan (one pass, no parsing)
/// keeps this cheap for large sessions.
fn ensure_replaceable(path: &Path) -> Result<(), SaveError> {
    let bytes = fs::read(path).map_err(|source| SaveError::Io {
        path: path.to_owned(),
        action: "reading the existing file",
        source,
    })?;
    check_session_shape(&bytes).map_err(|reason| SaveError::WouldOverwrite {
        path: path.to_owned(),
        reason,
    })
}

/// Whether `bytes` look like a whole session file: UTF-8, a parenthesised RON value whose
/// first field is `version`, with brackets balanced outside string literals.
fn check_session_shape(bytes: &[u8]) -> Result<(), String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "not UTF-8 text".to_owned())?;
    let body = text.trim_start().trim_start_matches("Session").trim_start();
    let after_paren = body
        .strip_prefix('(')
        .ok_or_else(|| "it does not start like a session".to_owned())?;
    if !after_paren.trim_start().starts_with("version") {
        return Err("it has no version field at the start".to_owned());
    }
    let mut depth = 0usize;
    let mut rest = text.as_bytes();
    while let Some((&byte, tail)) = rest.split_first() {
        rest = tail;
        match byte {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => {
                depth = depth
                    .checked_sub(1)
                    .ok_or_else(|| "its brackets do not balance".to_owned())?;
            }
            b'"' => rest = skip_string(rest).ok_or_else(|| "a string is not closed".to_owned())?,
            b'/' if rest.first() == Some(&b'/') => {
                let line_end = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
                rest = &rest[line_end..];
            }
            b'/' if rest.first() == Some(&b'*') => {
                let end = rest
                    .windows(2)
                    .position(|w| w == b"*/")
                    .ok_or_else(|| "a comment is not closed".to_owned())?;
                rest = &rest[end + 2..];
            }
            b'r' if matches!(rest.first(), Some(b'#' | b'"')) => {
                rest = skip_raw_string(rest).ok_or_else(|| "a string is not closed".to_owned())?;
            }
            _ => {}
        }
    }
    if depth != 0 {
        return Err("it ends before the session does (truncated?)".to_owned());
    }
    Ok(())
}

/// Skips the rest of a `"…"` literal (the opening quote already consumed).
fn skip_string(mut rest: &[u8]) -> Option<&[u8]> {
    loop {
        let at = rest.iter().position(|&b| b == b'"' || b == b'\\')?;
        if rest[at] == b'"' {
            return Some(&rest[at + 1..]);
        }
        rest = rest.get(at + 2..)?;
    }
}

/// Skips a raw string `#…#"…"#…#` (the `r` already consumed).
fn skip_raw_string(rest: &[u8]) -> Option<&[u8]> {
    let n_hashes = rest.iter().take_while(|&&b| b == b'#').count();
    let body = rest.get(n_hashes..)?.strip_prefix(b"\"")?;
    let mut closing = vec![b'"'];
    closing.extend(std::iter::repeat_n(b'#', n_hashes));
    let at = body
        .windows(closing.len())
        .position(|w| w == closing.as_slice())?;
    Some(&body[at + closing.len()..])
}

/// Replaces `NAME.bak` with the current file: a hard link where the file system allows
/// (instant, and the old inode survives the rename), else a copy.
fn keep_backup_of(path: &Path) -> std::io::Result<()> {
    let backup = backup_path(path);
    match fs::remove_file(&backup) {
        Ok(()) => {}
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
        Err(err) => return Err(err),
    }
    if fs::hard_link(path, &backup).is_err() {
        fs::copy(path, &backup)?;
    }
    Ok(())
}

#[cfg(unix)]
fn set_default_permissions(file: &File) {
    use std::os::unix::fs::PermissionsExt;
    // tempfile creates 0600; a session is an ordinary document.
    let _ = file.set_permissions(fs::Permissions::from_mode(0o644));
}

#[cfg(not(unix))]
fn set_default_permissions(_file: &File) {}

/// Makes the rename durable; best effort, as not every platform can sync a directory.
fn sync_dir(dir: &Path) {
    if let Ok(handle) = File::open(dir) {
        let _ = handle.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Claim, ClaimId, DocId, Document, SentenceId, Verdict};
    use crate::timestamp::Timestamp;

    fn sample() -> Session {
        let mut builder = Session::builder("Sample", Timestamp::from_unix_secs(1_700_000_000));
        let doc = Document::segmented(
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
        save(&session, &path).expect("first save");
        let first = fs::read(&path).expect("read");
        session.set_modified(Timestamp::from_unix_secs(1_800_000_000));
        save(&session, &path).expect("second save");
        assert_eq!(fs::read(backup_path(&path)).expect("backup"), first);
        assert_eq!(load(&path).expect("load").session, session);

        let article = dir.path().join("article.txt");
        fs::write(&article, "Just an article.").expect("write");
        let err = save(&session, &article).expect_err("foreign file");
        assert!(matches!(err, SaveError::WouldOverwrite { .. }), "{err}");
        assert_eq!(
            fs::read_to_string(&article).expect("read"),
            "Just an article."
        );

        // A damaged session is not overwritten either.
        fs::write(&path, &first[..first.len() / 3]).expect("truncate");
        assert!(matches!(
            save(&session, &path),
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
