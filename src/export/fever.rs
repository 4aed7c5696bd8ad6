//! FEVER JSONL: one line per rated claim with its label and evidence.
//!
//! true and mostly-true become SUPPORTS, false and mostly-false REFUTES, the other
//! verdicts NOT ENOUGH INFO (and NOT VERIFIABLE). Ids are integers, 1, 2, … in export
//! order. Each source is one evidence set `[[annotation_id, evidence_id, page, line]]` as
//! fever-scorer checks it: the page is the source's URL (a string) and the line is 0 (our
//! sources are whole web pages, not numbered sentences of a wiki dump). NOT ENOUGH INFO
//! has `[[[annotation_id, null, null, null]]]`. Unrated claims, and SUPPORTS/REFUTES
//! claims without a source (which FEVER cannot express), are left out with a warning.

use serde::Serialize;

use super::{ExportError, ExportOptions, Format, items, to_json_lines};
use crate::model::{Session, Verdict};

/// `[annotation_id, evidence_id, page, line]`, as FEVER writes evidence.
type EvidenceItem<'a> = (usize, Option<usize>, Option<&'a str>, Option<usize>);

#[derive(Serialize)]
struct Line<'a> {
    id: usize,
    claim: &'a str,
    label: &'static str,
    verifiable: &'static str,
    evidence: Vec<Vec<EvidenceItem<'a>>>,
    /// The claim's id in the session (`3f9a0c1e77b2d410`): the way back from a dataset
    /// line to the review, and the mark by which a later export knows the file as its own
    /// (FEVER readers ignore keys they do not use).
    claimdesk: String,
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

/// Whether FEVER can express the claim: a SUPPORTS or REFUTES needs evidence.
pub(super) fn can_express(claim: &crate::model::Claim) -> bool {
    label(claim.verdict) == "NOT ENOUGH INFO" || !claim.sources.is_empty()
}

/// Rated claims left out because FEVER cannot express them.
pub(super) fn warnings(sessions: &[Session], options: ExportOptions) -> Vec<String> {
    let only_done = ExportOptions {
        only_done: options.only_done,
    };
    let left_out: Vec<String> = sessions
        .iter()
        .flat_map(|session| session.claims().iter().map(move |claim| (session, claim)))
        .filter(|(_, claim)| {
            claim.verdict != Verdict::Unrated
                && (!only_done.only_done || claim.status == crate::model::Status::Done)
                && !can_express(claim)
        })
        .map(|(session, claim)| session.claim_label(claim.id))
        .collect();
    if left_out.is_empty() {
        return Vec::new();
    }
    vec![format!(
        "{} claim(s) rated true or false have no source, which FEVER needs as evidence; \
         left out: {}",
        left_out.len(),
        left_out.join(", ")
    )]
}

pub(super) fn export(sessions: &[Session], options: ExportOptions) -> Result<String, ExportError> {
    let lines: Vec<Line> = items(sessions, Format::Fever, options)
        .into_iter()
        .enumerate()
        .map(|(idx, item)| {
            let id = idx + 1;
            let label = label(item.claim.verdict);
            let is_verifiable = label != "NOT ENOUGH INFO";
            let evidence = if is_verifiable {
                item.claim
                    .sources
                    .iter()
                    .enumerate()
                    .map(|(n, source)| vec![(id, Some(n), super::url_value(&source.url), Some(0))])
                    .collect()
            } else {
                vec![vec![(id, None, None, None)]]
            };
            Line {
                id,
                claim: &item.claim.text,
                label,
                verifiable: if is_verifiable {
                    "VERIFIABLE"
                } else {
                    "NOT VERIFIABLE"
                },
                evidence,
                claimdesk: item.claim.id.hex(),
            }
        })
        .collect();
    to_json_lines(&lines)
}
