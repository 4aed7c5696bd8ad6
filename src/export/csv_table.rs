//! CSV: one row per claim, written with the `csv` crate (quoting, embedded newlines).
//!
//! Text that a spreadsheet would take for a formula (starting with `=`, `+`, `-`, `@`, a
//! tab or a carriage return, as OWASP lists them) gets a leading `'`, so LibreOffice and
//! Excel show it as text instead of evaluating `=HYPERLINK(…)` from an untrusted page.

use super::{ExportError, ExportOptions, Format, items};
use crate::model::Session;

pub(super) const HEADER: &[&str] = &[
    "session",
    "document",
    "document_title",
    "claim_id",
    "first_sentence",
    "last_sentence",
    "start",
    "end",
    "claim",
    "quote",
    "verdict",
    "claimant",
    "status",
    "sources",
    "note",
    "reviewer",
    "created",
    "modified",
    "article_url",
    "article_authors",
    "article_publisher",
    "article_published",
];

/// Where the columns about the article's page begin (added after the first release).
pub(super) const FIRST_ARTICLE_COLUMN: usize = 18;

pub(super) fn export(sessions: &[Session], options: ExportOptions) -> Result<String, ExportError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(HEADER)?;
    for item in items(sessions, Format::Csv, options) {
        let claim = item.claim;
        let sources = claim
            .sources
            .iter()
            .filter_map(|s| super::url_value(&s.url))
            .collect::<Vec<_>>()
            .join(" ");
        writer.write_record([
            item.session_idx.to_string(),
            item.doc.id.to_string(),
            inert(&item.doc.title),
            claim.id.to_string(),
            claim.anchor.first.to_string(),
            claim.anchor.last.to_string(),
            claim.anchor.start.to_string(),
            claim.anchor.end.to_string(),
            inert(&claim.text),
            inert(&claim.anchor.quote.exact),
            claim.verdict.name().to_owned(),
            inert(&claim.claimant),
            claim.status.name().to_owned(),
            inert(&sources),
            inert(&claim.note),
            inert(&claim.reviewer),
            claim.created.to_string(),
            claim.modified.to_string(),
            inert(super::web_origin(item.doc).unwrap_or_default()),
            inert(&item.doc.meta.authors.join("; ")),
            inert(item.doc.meta.publisher.as_deref().unwrap_or_default()),
            inert(item.doc.meta.published.as_deref().unwrap_or_default()),
        ])?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|err| ExportError::Csv(err.into_error().into()))?;
    Ok(String::from_utf8(bytes)?)
}

/// `text`, with a leading `'` when a spreadsheet would evaluate it as a formula.
fn inert(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}
