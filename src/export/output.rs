//! Where an export may be written. An export never replaces a session, its backup or its
//! autosave, whatever the flags; it replaces an earlier export of its own kind freely
//! (re-exporting is routine), and any other existing file only when the user says so
//! (`--force`, or the save dialog's own overwrite question).

use std::path::{Path, PathBuf};

use thiserror::Error;

use super::Format;
use crate::store::{self, MAX_INPUT_BYTES, ReadError};

/// The first line of a Markdown report, so a later export recognises it as its own.
pub(super) const MARKDOWN_MARK: &str = "<!-- Claimdesk report -->";
/// The generator tag of an HTML report, for the same purpose.
pub(super) const HTML_MARK: &str = "<meta name=\"generator\" content=\"Claimdesk\">";

/// Why an export may not be written to a path.
#[derive(Debug, Error)]
pub enum OutputRefused {
    #[error(
        "refusing to write the export to {path}: it is a Claimdesk session or its backup, \
         which an export never replaces; choose another name"
    )]
    Session { path: PathBuf },
    #[error(
        "refusing to write the export to {path}: it exists and is not a {format} export \
         (an article?); choose another name, or pass --force to replace it"
    )]
    Foreign { path: PathBuf, format: Format },
    #[error(transparent)]
    Read(#[from] ReadError),
}

/// Whether an export in `format` may be written to `path`; with `force`, any existing file
/// that is not a session may be replaced.
pub fn check_output(path: &Path, format: Format, force: bool) -> Result<(), OutputRefused> {
    let target = store::atomic::resolve_symlinks(path).unwrap_or_else(|_| path.to_owned());
    let name = target
        .file_name()
        .map(|name| name.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    // Sessions, backups (`NAME.ron.bak`, any `.bak`) and autosaves (`NAME.ron.autosave`).
    let session_like_name = [".ron", ".bak", ".autosave"]
        .iter()
        .any(|suffix| name.ends_with(suffix));
    if session_like_name {
        return Err(OutputRefused::Session { path: target });
    }
    if !target.exists() {
        return Ok(());
    }
    let bytes = store::read::read_regular(&target, MAX_INPUT_BYTES)?;
    if store::looks_like_session(&bytes) {
        return Err(OutputRefused::Session { path: target });
    }
    if force || is_export_of(format, &bytes) {
        return Ok(());
    }
    Err(OutputRefused::Foreign {
        path: target,
        format,
    })
}

/// Whether `bytes` are what an export in `format` writes.
fn is_export_of(format: Format, bytes: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return false;
    };
    let is_json_object = |text: &str| {
        serde_json::from_str::<serde_json::Value>(text).is_ok_and(|value| value.is_object())
    };
    match format {
        Format::ClaimReview | Format::W3c | Format::LabelStudio => {
            serde_json::from_str::<serde_json::Value>(text).is_ok()
        }
        Format::Doccano | Format::Fever => text
            .lines()
            .filter(|line| !line.trim().is_empty())
            .all(is_json_object),
        Format::Csv => text.lines().next().is_some_and(|header| {
            // Earlier releases wrote the same columns without the article's.
            let header = header.trim_end();
            header == super::csv_table::HEADER.join(",")
                || header
                    == super::csv_table::HEADER[..super::csv_table::FIRST_ARTICLE_COLUMN].join(",")
        }),
        Format::Markdown => text.starts_with(MARKDOWN_MARK),
        Format::Html => text.contains(HTML_MARK),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sessions_are_never_replaced_and_other_files_only_with_force() {
        let dir = tempfile::tempdir().expect("tempdir");
        let article = dir.path().join("article.md");
        std::fs::write(&article, "# Title\n\nText.").expect("write");
        let err = check_output(&article, Format::Markdown, false).expect_err("foreign");
        assert!(matches!(err, OutputRefused::Foreign { .. }), "{err}");
        check_output(&article, Format::Markdown, true).expect("forced");

        let report = dir.path().join("report.md");
        std::fs::write(&report, format!("{MARKDOWN_MARK}\n# Review\n")).expect("write");
        check_output(&report, Format::Markdown, false).expect("own kind");

        let session = dir.path().join("review.json");
        std::fs::write(&session, "(version: 2, meta: ())").expect("write");
        for force in [false, true] {
            let err = check_output(&session, Format::W3c, force).expect_err("session");
            assert!(matches!(err, OutputRefused::Session { .. }), "{err}");
            let backup = dir.path().join("review.ron.bak");
            let err = check_output(&backup, Format::Csv, force).expect_err("backup");
            assert!(matches!(err, OutputRefused::Session { .. }), "{err}");
        }
        check_output(&dir.path().join("new.csv"), Format::Csv, false).expect("new file");
    }
}
