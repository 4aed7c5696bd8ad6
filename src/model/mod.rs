//! The review's data and its invariants, and nothing else: no files, no text processing
//! beyond slicing, no GUI.
//!
//! A [`Session`] holds [`Document`]s (an article's text and sentences), [`Claim`]s
//! anchored in them, and [`Alignment`]s between an original and its translation. Its
//! fields are private: it changes only through [`crate::intent::Edit`]s, and whole new
//! sessions come from a [`SessionBuilder`] that ends in validation.

pub mod alignment;
pub mod claim;
pub mod conflict;
pub mod document;
pub mod edit;
pub mod ids;
pub mod invalid;
pub mod ratings;
pub mod session;

pub use alignment::{AlignedPair, Alignment, Side, StoredAlignment, pair_of};
pub use claim::{Anchor, Claim, ClaimField, FieldKind, Source, SourceField, TextQuote};
pub use conflict::{Conflict, DetailField, MergeSide};
pub use document::{
    ArticleMeta, Document, DocumentVersion, Fetch, QUOTE_CONTEXT_CHARS, Sentence, content_hash,
};
pub use edit::{Edit, EditError};
pub use ids::{ClaimId, DocId, SentenceId};
pub use ratings::{Stance, Status, UnknownWord, Verdict};
pub use session::{
    CURRENT_VERSION, ClaimLookupError, Organisation, Session, SessionBuilder, SessionMeta,
    ValidationError,
};
