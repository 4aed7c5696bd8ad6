//! Why a session is inconsistent: the one error every check of the model's invariants
//! returns (the session's, a document's sentences, a claim's anchor).

use thiserror::Error;

use super::ids::{ClaimId, DocId, SentenceId};

/// Why a session is inconsistent; says which document, sentence or claim is at fault.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ValidationError {
    #[error("session format version {found} is not one this build reads (1 to {supported})")]
    UnknownVersion { found: u32, supported: u32 },
    #[error("document id {0} is used twice")]
    DuplicateDocument(DocId),
    #[error("claim id {0} is used twice")]
    DuplicateClaim(ClaimId),
    #[error(
        "document {doc}, sentence {sentence}: range {start}..{end} is outside the text \
         ({n_chars} code points) or reversed"
    )]
    SentenceOutsideText {
        doc: DocId,
        sentence: usize,
        start: usize,
        end: usize,
        n_chars: usize,
    },
    #[error("document {doc}, sentence {sentence}: starts before the previous sentence ends")]
    SentencesOverlap { doc: DocId, sentence: usize },
    #[error("claim {claim}: refers to document {doc}, which the session does not have")]
    UnknownDocument { claim: ClaimId, doc: DocId },
    #[error(
        "claim {claim}: sentences {first}..={last} do not exist in document {doc} \
         ({n_sentences} sentences)"
    )]
    UnknownSentence {
        claim: ClaimId,
        doc: DocId,
        first: SentenceId,
        last: SentenceId,
        n_sentences: usize,
    },
    #[error(
        "claim {claim}: span {start}..{end} is empty, reversed, or not within sentences \
         {first}..={last} of document {doc}"
    )]
    SpanOutsideSentences {
        claim: ClaimId,
        doc: DocId,
        first: SentenceId,
        last: SentenceId,
        start: usize,
        end: usize,
    },
    #[error("document {doc}: it is marked as a translation of document {of}, which does not exist")]
    UnknownOriginal { doc: DocId, of: DocId },
    #[error("claim {claim}: its counterpart claim {counterpart} does not exist")]
    UnknownCounterpart {
        claim: ClaimId,
        counterpart: ClaimId,
    },
    #[error("alignment of documents {a} and {b}: {problem}")]
    BadAlignment { a: DocId, b: DocId, problem: String },
    #[error("conflict on {subject}: {problem}")]
    BadConflict { subject: String, problem: String },
    #[error("claim {claim}: quoted text {expected:?} does not match the document text {found:?}")]
    QuoteMismatch {
        claim: ClaimId,
        expected: String,
        found: String,
    },
}
