//! Where an export may be written. An export never replaces a session, its backup or its
//! autosave, whatever the flags; it replaces an earlier export of its own kind freely
//! (re-exporting is routine), and any other existing file only when the user says so
//! (`--force`, or the window's question before replacing).
//!
//! "Its own kind" is told by a mark each export writes and a foreign file does not carry
//! by accident: the W3C collection's `urn:claimdesk:collection:` id, the ClaimReview
//! items' `urn:claimdesk:claim:` ids, the Claimdesk records in Label Studio tasks and
//! doccano lines, the claim id on each FEVER line, the CSV header, the reports' generator
//! marks. Any other JSON, JSON Lines or empty file is someone else's.

use std::path::{Path, PathBuf};

use thiserror::Error;

use super::Format;
use crate::store::{self, MAX_INPUT_BYTES, ReadError};

/// The first line of a Markdown report, so a later export recognises it as its own.
pub(super) const MARKDOWN_MARK: &str = "<!-- Claimdesk report -->";
/// The generator tag of an HTML report, for the same purpose.
pub(super) const HTML_MARK: &str = "<meta name=\"generator\" content=\"Claimdesk\">";
/// How the ids of a W3C collection we wrote begin.
pub(super) const COLLECTION_ID_PREFIX: &str = "urn:claimdesk:collection:";
/// How the `@id` of each ClaimReview we wrote begins.
pub(super) const CLAIM_NODE_PREFIX: &str = "urn:claimdesk:claim:";

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
         written by Claimdesk (another program's file, an article?); choose another name, \
         or pass --force to replace it"
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

/// Whether the file at `path` is an export in `format` that Claimdesk wrote (so that
/// exporting there again replaces nothing of anyone else's).
pub fn is_own_export(path: &Path, format: Format) -> bool {
    store::read::read_regular(path, MAX_INPUT_BYTES).is_ok_and(|bytes| is_export_of(format, &bytes))
}

/// Whether `bytes` are what an export in `format` writes, by its mark.
fn is_export_of(format: Format, bytes: &[u8]) -> bool {
    use serde_json::Value;
    let Ok(text) = std::str::from_utf8(bytes) else {
        return false;
    };
    let json = || serde_json::from_str::<Value>(text).ok();
    let starts = |value: Option<&Value>, prefix: &str| {
        value
            .and_then(Value::as_str)
            .is_some_and(|id| id.starts_with(prefix))
    };
    let has_records = |value: &Value| value.get("claimdesk").is_some_and(Value::is_array);
    // Every non-empty line an object that `is_ours`; at least one line.
    let all_lines = |is_ours: &dyn Fn(&Value) -> bool| {
        let mut lines = text
            .lines()
            .filter(|line| !line.trim().is_empty())
            .peekable();
        lines.peek().is_some()
            && lines.all(|line| serde_json::from_str::<Value>(line).is_ok_and(|v| is_ours(&v)))
    };
    match format {
        Format::W3c => json().is_some_and(|value| starts(value.get("id"), COLLECTION_ID_PREFIX)),
        // An empty list holds nothing to lose; every item must carry our id.
        Format::ClaimReview => json().is_some_and(|value| {
            value.as_array().is_some_and(|items| {
                items
                    .iter()
                    .all(|item| starts(item.get("@id"), CLAIM_NODE_PREFIX))
            })
        }),
        Format::LabelStudio => json().is_some_and(|value| {
            value.as_array().is_some_and(|tasks| {
                !tasks.is_empty()
                    && tasks
                        .iter()
                        .all(|task| task.get("data").is_some_and(has_records))
            })
        }),
        Format::Doccano => all_lines(&|line| has_records(line)),
        Format::Fever => all_lines(&|line| line.get("claimdesk").is_some_and(Value::is_string)),
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

    #[test]
    fn json_and_json_lines_of_other_programs_are_not_taken_for_exports() {
        let dir = tempfile::tempdir().expect("tempdir");
        let cases: &[(Format, &str)] = &[
            (Format::W3c, r#"{"name":"app","version":"1.0.0"}"#),
            (
                Format::W3c,
                r#"{"type":"AnnotationCollection","id":"https://x.example/c"}"#,
            ),
            (
                Format::ClaimReview,
                r#"[{"@type":"ClaimReview","url":"https://x.example"}]"#,
            ),
            (Format::ClaimReview, r#"{"name":"app"}"#),
            (Format::LabelStudio, r#"[{"data":{"text":"hi"}}]"#),
            (Format::LabelStudio, "[]"),
            (Format::Doccano, "{\"text\":\"hi\",\"label\":[]}\n"),
            (Format::Doccano, ""),
            (
                Format::Fever,
                "{\"id\":1,\"claim\":\"x\",\"label\":\"SUPPORTS\"}\n",
            ),
            (Format::Fever, "\n"),
        ];
        for (idx, (format, content)) in cases.iter().enumerate() {
            let path = dir
                .path()
                .join(format!("file-{idx}.{}", format.extension()));
            std::fs::write(&path, content).expect("write");
            let err = check_output(&path, *format, false).expect_err(content);
            assert!(
                matches!(err, OutputRefused::Foreign { .. }),
                "{content}: {err}"
            );
            check_output(&path, *format, true).expect("forced");
        }
    }
}
