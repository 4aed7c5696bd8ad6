//! The session's text form: deterministic pretty RON out, and in, a session read,
//! upgraded from an older format and validated (the check before a file is replaced is
//! [`super::shape`]).

use std::path::Path;

use serde::Deserialize;

use super::{Fingerprint, LoadError, Loaded, SaveError};
use crate::model::session::StoredSession;
use crate::model::{CURRENT_VERSION, Session};

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
    let stored: StoredSession = match ron::from_str(text) {
        Ok(stored) => stored,
        Err(err) => {
            // A file from a newer build may fail only because of fields this build does
            // not know; say that, rather than complain about the field.
            if let Ok(version) = probe_version(text) {
                check_version(version, path)?;
            }
            // A file cut short (a copy or a save that did not finish) ends mid-value:
            // say so, and where the previous save is.
            // A session ends with the `)` that closes it; a cut one ends anywhere else.
            let is_cut_short =
                matches!(err.code, ron::Error::Eof) || !text.trim_end().ends_with(')');
            let msg = if is_cut_short {
                let backup = super::atomic::backup_path(path);
                let backup_hint = if backup.is_file() {
                    format!("; the previous save is in {}", backup.display())
                } else {
                    String::new()
                };
                format!(
                    "the file ends early: it is incomplete (cut off while being written or \
                     copied?) ({}){backup_hint}",
                    err.code
                )
            } else {
                err.code.to_string()
            };
            return Err(LoadError::Parse {
                path: path.to_owned(),
                line: err.span.start.line,
                col: err.span.start.col,
                msg,
            });
        }
    };
    check_version(stored.version, path)?;
    let migrated_from = (stored.version < CURRENT_VERSION).then_some(stored.version);
    // Upgraded and validated on the way (the only way to a `Session`).
    let session = Session::try_from(stored).map_err(|source| LoadError::Invalid {
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
    Ok(Loaded {
        session,
        warnings,
        fingerprint: Fingerprint::of(text.as_bytes()),
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_cut_short_anywhere_says_it_is_incomplete_and_where_the_backup_is() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("review.ron");
        std::fs::write(super::super::atomic::backup_path(&path), "(backup)").expect("write");
        let text = include_str!("../../saves/mali-review.ron");
        let n = text.len();
        let mut n_cuts = 0;
        for cut in (1..20).map(|k| n * k / 20) {
            let mut at = cut;
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let err = from_ron(&text[..at], &path).expect_err("a cut file");
            let message = err.to_string();
            assert!(
                message.contains("the file ends early"),
                "cut at {at}: {message}"
            );
            assert!(message.contains("review.ron.bak"), "{message}");
            n_cuts += 1;
        }
        assert_eq!(n_cuts, 19);
        // A mistake in the middle is not called incomplete.
        let broken = text.replacen("verdict:", "verdikt:", 1);
        let message = from_ron(&broken, &path).expect_err("bad field").to_string();
        assert!(!message.contains("ends early"), "{message}");
    }
}
