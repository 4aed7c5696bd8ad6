//! FEVER JSONL: one line per rated claim with its label and evidence.
//!
//! true and mostly-true become SUPPORTS, false and mostly-false REFUTES, the other
//! verdicts NOT ENOUGH INFO (and NOT VERIFIABLE). Each source is one evidence set
//! `[[annotation_id, evidence_id, url, null]]`: our sources are pages, not numbered
//! sentences of a wiki dump, so the sentence id stays null. Unrated claims are left out.

use serde::Serialize;

use super::{ExportError, ExportOptions, Format, items, to_json_lines};
use crate::model::{Session, Verdict};

/// `[annotation_id, evidence_id, page, sentence_id]`, as FEVER writes evidence.
type EvidenceItem<'a> = (String, Option<usize>, Option<&'a str>, Option<usize>);

#[derive(Serialize)]
struct Line<'a> {
    id: String,
    claim: &'a str,
    label: &'static str,
    verifiable: &'static str,
    evidence: Vec<Vec<EvidenceItem<'a>>>,
}

/// The FEVER label of a verdict.
pub(super) fn label(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::True | Verdict::MostlyTrue => "SUPPORTS",
        Verdict::False | Verdict::MostlyFalse => "REFUTES",
        Verdict::Unrated | Verdict::HalfTrue | Verdict::Misleading | Verdict::Unverifiable => {
            "NOT ENOUGH INFO"
        }
    }
}

pub(super) fn export(sessions: &[Session], options: ExportOptions) -> Result<String, ExportError> {
    let lines: Vec<Line> = items(sessions, Format::Fever, options)
        .into_iter()
        .map(|item| {
            let label = label(item.claim.verdict);
            let is_verifiable = label != "NOT ENOUGH INFO";
            let key = item.key();
            let evidence = if is_verifiable && !item.claim.sources.is_empty() {
                item.claim
                    .sources
                    .iter()
                    .enumerate()
                    .map(|(idx, source)| {
                        vec![(key.clone(), Some(idx), Some(source.url.as_str()), None)]
                    })
                    .collect()
            } else {
                vec![vec![(key.clone(), None, None, None)]]
            };
            Line {
                id: key,
                claim: &item.claim.text,
                label,
                verifiable: if is_verifiable {
                    "VERIFIABLE"
                } else {
                    "NOT VERIFIABLE"
                },
                evidence,
            }
        })
        .collect();
    to_json_lines(&lines)
}
