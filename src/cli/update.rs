//! `claimdesk update SESSION --doc D FILE`: a new version of an article.

use std::path::Path;

use anyhow::Context;
use claimdesk::model::DocId;
use claimdesk::update::{ClaimOutcome, Summary, update_document_with_meta};
use serde::Serialize;

use super::output::{Report, emit};

#[derive(Serialize)]
struct JsonUpdate<'a> {
    summary: Summary,
    claims: &'a [ClaimOutcome],
}

/// Replaces document `doc`'s text by the article in `file` and re-anchors its claims.
pub fn update(session_path: &Path, doc: u32, file: &Path, json: bool) -> anyhow::Result<()> {
    let article = claimdesk::article::load_article(file)?;
    let (_, (summary, outcomes)) = super::change::edit_session(session_path, |session, now| {
        let update = update_document_with_meta(
            session,
            DocId(doc),
            article.text.clone(),
            &article.meta,
            now,
        )
        .with_context(|| format!("document {doc} of {}", session_path.display()))?;
        let summary = update.summary();
        Ok((update.edit, (summary, update.outcomes)))
    })?;
    let done = format!(
        "updated document {doc} of {} from {}: {summary}",
        session_path.display(),
        file.display()
    );
    let mut report = Report::new();
    if json {
        report.line(serde_json::to_string(&JsonUpdate {
            summary,
            claims: &outcomes,
        })?);
    } else {
        report.line(&done);
        for outcome in &outcomes {
            let new = outcome
                .new
                .as_deref()
                .unwrap_or("(orphaned: not in the new text)");
            report.line(format_args!(
                "  {} {:?}: {:?} -> {:?}",
                outcome.id, outcome.outcome, outcome.old, new
            ));
        }
    }
    emit(report.as_str(), Some(&done))
}
