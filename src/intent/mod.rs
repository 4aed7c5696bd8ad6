//! The intent layer: the only builder of the edits the window and the command line make.
//!
//! An [`Edit`] is applied by [`Session::apply`](crate::model::Session::apply) (in [`crate::model::edit`]); this module
//! turns an intent ("link these two claims", "align these documents", "merge row 4 with
//! the next") into the edit that carries it out, reading the session but never changing
//! it. The GUI, the CLI and the property tests all call these, so the same intent makes
//! the same edit everywhere.

//!
//! Each intent is a pure function: it takes the session and what the user chose, and
//! returns an [`Edit`] (or why it cannot be one), with no I/O. Work that reads files or
//! runs long (the aligner, the segmenter) is done by the caller, who passes the result.
//! One file per job: [`claims`], [`links`], [`alignment`], [`segmentation`], [`meta`];
//! conflicts are resolved in [`crate::merge::resolve`] (keeping their text is an update).

mod alignment;
mod claims;
mod links;
mod meta;
mod segmentation;
#[cfg(test)]
mod tests;

pub use crate::model::edit::{Edit, EditError};
pub use crate::model::{ClaimField, SourceField};
pub use alignment::*;
pub use claims::*;
pub use links::*;
pub use meta::*;
pub use segmentation::*;

use crate::model::{ClaimId, DocId, SentenceId};

use thiserror::Error;

/// Why an intent cannot become an edit; nothing was changed.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum IntentError {
    #[error("there is no claim {0}")]
    NoSuchClaim(ClaimId),
    #[error("there is no document {0}")]
    NoSuchDocument(DocId),
    #[error(
        "document {doc} has no sentences {first}..={last} ({n_sentences} sentences; \
         `claimdesk segment` numbers them from 0)"
    )]
    NoSuchSentences {
        doc: DocId,
        first: SentenceId,
        last: SentenceId,
        n_sentences: usize,
    },
    #[error(
        "this claim has no counterpart in an aligned document (align the documents first, \
         or it is only in this one)"
    )]
    NoCounterpart,
    #[error("documents {a} and {b} are not aligned")]
    NotAligned { a: DocId, b: DocId },
    #[error("a document cannot be aligned with itself")]
    SameDocument,
    #[error("row {row} cannot be merged with the next: their sentences would not be consecutive")]
    CannotMerge { row: usize },
    #[error("row {row} cannot be split: it needs sentences on both sides")]
    CannotSplit { row: usize },
    #[error("claim {0} is not linked to another claim")]
    NotLinked(ClaimId),
    #[error("there is no conflict number {0} (already resolved?)")]
    NoSuchConflict(usize),
    #[error("the claim's text is not in this session (it reviews another article)")]
    NotInThisSession,
    #[error("claim {0} would start or end between sentences with the new segmentation")]
    SpanBetweenSentences(ClaimId),
    #[error(
        "document {doc} has no sentence to split at code point {at} (or it would leave an \
         empty part)"
    )]
    NotInASentence { doc: DocId, at: usize },
    #[error("the new segmentation of document {0} is of another text")]
    NotTheSameText(DocId),
    #[error("the flag is already {}", if *dismissed { "dismissed" } else { "shown" })]
    FlagAlready { dismissed: bool },
}

/// A hand correction of one aligned row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowCorrection {
    /// Merge the row with the next one.
    MergeWithNext,
    /// Split the row into its first sentences and the rest.
    Split,
}
