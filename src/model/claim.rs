//! Claims: what a reviewer tagged, where it sits in the text, and the evidence for it.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::ids::{ClaimId, DocId, SentenceId};
use super::vocab::{Stance, Status, Verdict};
use crate::timestamp::Timestamp;

/// A statement tagged for checking, with its verdict and evidence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    pub id: ClaimId,
    pub doc: DocId,
    /// Where the claim sits in the document.
    pub anchor: Anchor,
    /// The claim as checked: editable wording, initially the anchored text.
    pub text: String,
    pub verdict: Verdict,
    /// Who made the claim.
    pub claimant: String,
    pub sources: Vec<Source>,
    /// The reviewer's rationale.
    pub note: String,
    pub status: Status,
    pub reviewer: String,
    pub created: Timestamp,
    pub modified: Timestamp,
    /// The same claim in the translation (or original) of this document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counterpart: Option<ClaimId>,
    /// The text it covered before the article was updated and its wording changed (the
    /// claim was re-anchored on similar text and flagged "changed").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_wording: Option<String>,
}

/// A claim's place in a document: the sentences it covers and the exact span, plus a quote
/// selector so it can be found again if positions ever drift.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Anchor {
    pub first: SentenceId,
    /// Inclusive; equal to `first` for a single sentence.
    pub last: SentenceId,
    /// Code-point offset where the claim starts; inside `first`.
    pub start: usize,
    /// Code-point offset where the claim ends (exclusive); inside `last`.
    pub end: usize,
    pub quote: TextQuote,
}

impl Anchor {
    /// The code-point range.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// The W3C TextQuoteSelector: the claim's text and some context around it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextQuote {
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
}

/// Evidence for or against a claim.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub url: String,
    pub title: String,
    pub publisher: String,
    /// The passage that matters, quoted from the source.
    pub quote: String,
    pub stance: Stance,
    pub accessed: Option<Timestamp>,
}
impl Claim {
    /// A new, unrated, to-do claim whose wording is the anchored text.
    pub fn new(id: ClaimId, doc: DocId, anchor: Anchor, now: Timestamp) -> Self {
        Claim {
            id,
            doc,
            text: anchor
                .quote
                .exact
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            anchor,
            verdict: Verdict::Unrated,
            claimant: String::new(),
            sources: Vec::new(),
            note: String::new(),
            status: Status::Todo,
            reviewer: String::new(),
            created: now,
            modified: now,
            counterpart: None,
            previous_wording: None,
        }
    }
}
