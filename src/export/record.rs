//! A claim as a plain record, carried beside the standard fields of doccano and Label
//! Studio exports so that our own files import back without loss.

use serde::{Deserialize, Serialize};

use crate::model::{Claim, ClaimId, Source, Stance, Status, Verdict};
use crate::timestamp::Timestamp;

/// Everything about a claim except its anchor's sentences (recomputed on import).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimRecord {
    pub id: ClaimId,
    /// Code-point span in the document text.
    pub start: usize,
    pub end: usize,
    /// The claim as checked.
    pub claim: String,
    pub verdict: String,
    #[serde(default)]
    pub claimant: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub reviewer: String,
    #[serde(default)]
    pub sources: Vec<SourceRecord>,
    pub created: Timestamp,
    pub modified: Timestamp,
    /// The linked claim (in the original, or its translation), by id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counterpart: Option<ClaimId>,
}

/// A source as a plain record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRecord {
    pub url: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub publisher: String,
    #[serde(default)]
    pub quote: String,
    #[serde(default)]
    pub stance: String,
    #[serde(default)]
    pub accessed: Option<Timestamp>,
}

impl From<&Source> for SourceRecord {
    fn from(source: &Source) -> Self {
        SourceRecord {
            url: source.url.clone(),
            title: source.title.clone(),
            publisher: source.publisher.clone(),
            quote: source.quote.clone(),
            stance: source.stance.name().to_owned(),
            accessed: source.accessed,
        }
    }
}

impl From<&SourceRecord> for Source {
    fn from(record: &SourceRecord) -> Self {
        Source {
            url: record.url.clone(),
            title: record.title.clone(),
            publisher: record.publisher.clone(),
            quote: record.quote.clone(),
            stance: record.stance.parse().unwrap_or(Stance::Context),
            accessed: record.accessed,
        }
    }
}

impl From<&Claim> for ClaimRecord {
    fn from(claim: &Claim) -> Self {
        ClaimRecord {
            id: claim.id,
            start: claim.anchor.start,
            end: claim.anchor.end,
            claim: claim.text.clone(),
            verdict: claim.verdict.name().to_owned(),
            claimant: claim.claimant.clone(),
            status: claim.status.name().to_owned(),
            note: claim.note.clone(),
            reviewer: claim.reviewer.clone(),
            sources: claim.sources.iter().map(SourceRecord::from).collect(),
            created: claim.created,
            modified: claim.modified,
            counterpart: claim.counterpart,
        }
    }
}

impl ClaimRecord {
    /// Fills the fields of `claim` (already anchored) from the record; the link to its
    /// counterpart is restored once every claim of the file is in (see the importer).
    pub fn apply_to(&self, claim: &mut Claim) {
        claim.text = self.claim.clone();
        claim.verdict = self.verdict.parse().unwrap_or(Verdict::Unrated);
        claim.claimant = self.claimant.clone();
        claim.status = self.status.parse().unwrap_or(Status::Todo);
        claim.note = self.note.clone();
        claim.reviewer = self.reviewer.clone();
        claim.sources = self.sources.iter().map(Source::from).collect();
        claim.created = self.created;
        claim.modified = self.modified;
    }
}
