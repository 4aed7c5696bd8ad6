//! The review session: documents, their sentences, and the claims a reviewer tagged.
//!
//! This is the content that goes into the RON file, and nothing else: selection, scroll
//! position and window layout are view state and live in the GUI. Collections are kept
//! sorted by id so a saved session is deterministic and diffs well. Offsets are Unicode
//! code points throughout; each [`Document`] converts them to byte ranges with a lazily
//! built [`CharIndex`].

use std::fmt;
use std::ops::Range;
use std::str::FromStr;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use thiserror::Error;

use crate::offsets::CharIndex;
use crate::segment::SentenceSpan;
use crate::timestamp::Timestamp;

/// The session format version this build writes; files with a larger one are refused.
pub const CURRENT_VERSION: u32 = 1;

/// How many code points of context a quote selector keeps on each side.
pub const QUOTE_CONTEXT_CHARS: usize = 32;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub u32);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// Identifies a document within a session.
    DocId
);
id_type!(
    /// Identifies a claim within a session; never reused after removal in one history.
    ClaimId
);
id_type!(
    /// A sentence's position in its document's sentence list (0-based, as `segment` prints).
    SentenceId
);

impl SentenceId {
    /// The position as an index.
    pub fn idx(self) -> usize {
        self.0 as usize
    }
}

/// A whole review: what is saved to and loaded from a `.ron` file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// The format version; see [`CURRENT_VERSION`].
    pub version: u32,
    pub meta: SessionMeta,
    /// Sorted by id.
    pub claims: Vec<Claim>,
    /// Sorted by id.
    pub documents: Vec<Document>,
    /// Sentence alignments between an original and its translation, sorted by (a, b).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alignments: Vec<Alignment>,
}

/// How the sentences of document `a` (an original) line up with those of `b` (its
/// translation or another version).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Alignment {
    pub a: DocId,
    pub b: DocId,
    /// Saved compactly, one line per pair: `(11..13, 25..26, 26.65, true)`.
    #[serde(with = "stored_pairs")]
    pub pairs: Vec<crate::align::AlignedPair>,
    /// Whether a reviewer corrected it by hand (re-aligning would lose that).
    #[serde(default)]
    pub is_edited: bool,
}

/// Aligned pairs as saved: each side a range of consecutive sentences, one line per pair.
mod stored_pairs {
    use std::ops::Range;

    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use crate::align::AlignedPair;

    /// `(A sentences, B sentences, score, moved)`: one line per pair in the file.
    #[derive(Serialize, Deserialize)]
    struct StoredPair(Range<u32>, Range<u32>, f64, bool);

    fn to_range(ids: &[u32]) -> Range<u32> {
        match (ids.first(), ids.last()) {
            (Some(&first), Some(&last)) => first..last + 1,
            _ => 0..0,
        }
    }

    pub fn serialize<S: Serializer>(
        pairs: &[AlignedPair],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let stored: Vec<StoredPair> = pairs
            .iter()
            .map(|pair| {
                StoredPair(
                    to_range(&pair.a),
                    to_range(&pair.b),
                    pair.score,
                    pair.is_moved,
                )
            })
            .collect();
        stored.serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<AlignedPair>, D::Error> {
        let stored = Vec::<StoredPair>::deserialize(deserializer)?;
        Ok(stored
            .into_iter()
            .map(|StoredPair(a, b, score, is_moved)| AlignedPair {
                a: a.collect(),
                b: b.collect(),
                score,
                is_moved,
            })
            .collect())
    }
}

/// Who reviews, for whom, and when.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionMeta {
    pub title: String,
    pub reviewers: Vec<String>,
    /// The fact-checking organisation (ClaimReview's `author`).
    pub organisation: Organisation,
    /// Where the review is published (ClaimReview's `url`), when known.
    pub review_url: Option<String>,
    pub created: Timestamp,
    pub modified: Timestamp,
}

/// A fact-checking organisation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    pub name: String,
    pub url: Option<String>,
}

/// One article (or one version of it) under review.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub id: DocId,
    pub title: String,
    /// ISO 639-1 code, or `und` when unknown.
    pub language: String,
    /// Where the text came from: a file path or URL.
    pub origin: Option<String>,
    /// The document this one translates (or is another version of).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translation_of: Option<DocId>,
    /// `sha256:` and the hex digest of `text`.
    content_hash: String,
    /// Code-point ranges, in text order, never overlapping.
    sentences: Vec<Sentence>,
    text: String,
    #[serde(skip)]
    index: OnceLock<CharIndex>,
}

impl PartialEq for Document {
    fn eq(&self, other: &Self) -> bool {
        // The char index is derived from `text`, so it takes no part in equality.
        self.id == other.id
            && self.title == other.title
            && self.language == other.language
            && self.origin == other.origin
            && self.translation_of == other.translation_of
            && self.content_hash == other.content_hash
            && self.sentences == other.sentences
            && self.text == other.text
    }
}

/// A sentence as a code-point range; saved as a `(start, end)` pair to keep files compact.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "(usize, usize)", into = "(usize, usize)")]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
}

impl From<(usize, usize)> for Sentence {
    fn from((start, end): (usize, usize)) -> Self {
        Sentence { start, end }
    }
}

impl From<Sentence> for (usize, usize) {
    fn from(sentence: Sentence) -> Self {
        (sentence.start, sentence.end)
    }
}

impl Sentence {
    /// The code-point range.
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }
}

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

macro_rules! word_enum {
    ($(#[$doc:meta])* $name:ident, $what:literal { $($(#[$vdoc:meta])* $variant:ident = $word:literal, $label:literal;)+ }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum $name {
            #[default]
            $($(#[$vdoc])* $variant,)+
        }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The spelling used on the command line and in JSON output.
            pub fn name(self) -> &'static str {
                match self { $($name::$variant => $word,)+ }
            }

            /// The human-readable label.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label,)+ }
            }
        }

        impl FromStr for $name {
            type Err = UnknownWord;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                let wanted = text.trim().to_ascii_lowercase().replace(['_', ' '], "-");
                $name::ALL
                    .iter()
                    .copied()
                    .find(|value| value.name() == wanted)
                    .ok_or_else(|| UnknownWord {
                        what: $what,
                        word: text.to_owned(),
                        expected: $name::ALL.iter().map(|v| v.name()).collect::<Vec<_>>().join(", "),
                    })
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.name())
            }
        }
    };
}

/// A word that names no value of an enum, e.g. `--verdict fals`.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("unknown {what} `{word}`; expected one of: {expected}")]
pub struct UnknownWord {
    pub what: &'static str,
    pub word: String,
    pub expected: String,
}

word_enum!(
    /// The rating a reviewer gives a claim; the first five form the 1–5 false…true scale.
    Verdict, "verdict" {
        /// Not rated yet.
        Unrated = "unrated", "Unrated";
        True = "true", "True";
        MostlyTrue = "mostly-true", "Mostly true";
        HalfTrue = "half-true", "Half true";
        MostlyFalse = "mostly-false", "Mostly false";
        False = "false", "False";
        /// Accurate in parts but giving a wrong impression.
        Misleading = "misleading", "Misleading";
        /// Cannot be checked with the evidence available.
        Unverifiable = "unverifiable", "Unverifiable";
    }
);

impl Verdict {
    /// The ClaimReview rating on the 1 (false) … 5 (true) scale; `None` off that scale.
    pub fn rating_value(self) -> Option<u8> {
        match self {
            Verdict::False => Some(1),
            Verdict::MostlyFalse => Some(2),
            Verdict::HalfTrue => Some(3),
            Verdict::MostlyTrue => Some(4),
            Verdict::True => Some(5),
            Verdict::Unrated | Verdict::Misleading | Verdict::Unverifiable => None,
        }
    }
}

word_enum!(
    /// Where a claim is in the review workflow.
    Status, "status" {
        Todo = "todo", "To do";
        InReview = "in-review", "In review";
        Done = "done", "Done";
    }
);

word_enum!(
    /// How a source bears on a claim.
    Stance, "stance" {
        Supports = "supports", "Supports";
        Refutes = "refutes", "Refutes";
        /// Background that neither supports nor refutes.
        Context = "context", "Context";
    }
);

/// Why a session is inconsistent; says which document, sentence or claim is at fault.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ValidationError {
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
    #[error("claim {claim}: quoted text {expected:?} does not match the document text {found:?}")]
    QuoteMismatch {
        claim: ClaimId,
        expected: String,
        found: String,
    },
}

impl Session {
    /// An empty session.
    pub fn new(title: impl Into<String>, now: Timestamp) -> Self {
        Session {
            version: CURRENT_VERSION,
            meta: SessionMeta {
                title: title.into(),
                reviewers: Vec::new(),
                organisation: Organisation::default(),
                review_url: None,
                created: now,
                modified: now,
            },
            claims: Vec::new(),
            documents: Vec::new(),
            alignments: Vec::new(),
        }
    }

    /// The document with this id.
    pub fn document(&self, id: DocId) -> Option<&Document> {
        self.doc_position(id)
            .ok()
            .and_then(|idx| self.documents.get(idx))
    }

    /// The claim with this id.
    pub fn claim(&self, id: ClaimId) -> Option<&Claim> {
        self.claim_position(id)
            .ok()
            .and_then(|idx| self.claims.get(idx))
    }

    pub(crate) fn claim_position(&self, id: ClaimId) -> Result<usize, usize> {
        self.claims.binary_search_by_key(&id, |claim| claim.id)
    }

    pub(crate) fn doc_position(&self, id: DocId) -> Result<usize, usize> {
        self.documents.binary_search_by_key(&id, |doc| doc.id)
    }

    /// The id a new document would get.
    pub fn next_doc_id(&self) -> DocId {
        DocId(self.documents.last().map_or(0, |doc| doc.id.0 + 1))
    }

    /// The id a new claim would get.
    pub fn next_claim_id(&self) -> ClaimId {
        ClaimId(self.claims.last().map_or(0, |claim| claim.id.0 + 1))
    }

    /// The claims on one document, in text order.
    pub fn claims_in(&self, doc: DocId) -> Vec<&Claim> {
        let mut claims: Vec<&Claim> = self.claims.iter().filter(|c| c.doc == doc).collect();
        claims.sort_by_key(|claim| (claim.anchor.start, claim.anchor.end, claim.id));
        claims
    }

    /// The total number of sentences over all documents.
    pub fn n_sentences(&self) -> usize {
        self.documents.iter().map(|doc| doc.sentences.len()).sum()
    }

    /// Puts documents and claims in id order, as saving and editing expect.
    pub fn normalize_order(&mut self) {
        self.documents.sort_by_key(|doc| doc.id);
        self.claims.sort_by_key(|claim| claim.id);
    }

    /// Checks that ids are unique and every offset and reference is valid. Expects
    /// [`Session::normalize_order`] to have run.
    pub fn validate(&self) -> Result<(), ValidationError> {
        for pair in self.documents.windows(2) {
            if pair[0].id == pair[1].id {
                return Err(ValidationError::DuplicateDocument(pair[0].id));
            }
        }
        for pair in self.claims.windows(2) {
            if pair[0].id == pair[1].id {
                return Err(ValidationError::DuplicateClaim(pair[0].id));
            }
        }
        for doc in &self.documents {
            doc.validate_sentences()?;
            if let Some(of) = doc.translation_of
                && (of == doc.id || self.document(of).is_none())
            {
                return Err(ValidationError::UnknownOriginal { doc: doc.id, of });
            }
        }
        for claim in &self.claims {
            self.validate_claim(claim)?;
            if let Some(counterpart) = claim.counterpart
                && self.claim(counterpart).is_none()
            {
                return Err(ValidationError::UnknownCounterpart {
                    claim: claim.id,
                    counterpart,
                });
            }
        }
        for alignment in &self.alignments {
            self.validate_alignment(alignment)?;
        }
        Ok(())
    }

    /// Checks that an alignment's documents exist and its sentence indices are in range.
    pub fn validate_alignment(&self, alignment: &Alignment) -> Result<(), ValidationError> {
        let bad = |problem: String| ValidationError::BadAlignment {
            a: alignment.a,
            b: alignment.b,
            problem,
        };
        let (Some(doc_a), Some(doc_b)) = (self.document(alignment.a), self.document(alignment.b))
        else {
            return Err(bad("a document does not exist".to_owned()));
        };
        let (na, nb) = (
            doc_a.sentences().len() as u32,
            doc_b.sentences().len() as u32,
        );
        for (idx, pair) in alignment.pairs.iter().enumerate() {
            let is_run = |ids: &[u32]| ids.windows(2).all(|w| w[1] == w[0] + 1);
            if !is_run(&pair.a) || !is_run(&pair.b) {
                return Err(bad(format!(
                    "pair {idx}: its sentences are not consecutive"
                )));
            }
            if let Some(&i) = pair.a.iter().find(|&&i| i >= na) {
                return Err(bad(format!(
                    "pair {idx}: A has no sentence {i} ({na} sentences)"
                )));
            }
            if let Some(&j) = pair.b.iter().find(|&&j| j >= nb) {
                return Err(bad(format!(
                    "pair {idx}: B has no sentence {j} ({nb} sentences)"
                )));
            }
        }
        Ok(())
    }

    /// The alignment of documents `a` and `b`, in either direction.
    pub fn alignment(&self, a: DocId, b: DocId) -> Option<&Alignment> {
        self.alignments
            .iter()
            .find(|al| (al.a, al.b) == (a, b) || (al.a, al.b) == (b, a))
    }

    /// Checks one claim's document reference and anchor.
    pub fn validate_claim(&self, claim: &Claim) -> Result<(), ValidationError> {
        let doc = self
            .document(claim.doc)
            .ok_or(ValidationError::UnknownDocument {
                claim: claim.id,
                doc: claim.doc,
            })?;
        doc.validate_anchor(claim.id, &claim.anchor)
    }
}

impl Document {
    /// A document from already segmented text.
    pub fn new(
        id: DocId,
        title: impl Into<String>,
        language: impl Into<String>,
        origin: Option<String>,
        text: String,
        sentences: Vec<Sentence>,
    ) -> Self {
        Document {
            id,
            title: title.into(),
            language: language.into(),
            origin,
            translation_of: None,
            content_hash: content_hash(&text),
            sentences,
            text,
            index: OnceLock::new(),
        }
    }

    /// Segments `text` in `language` (`auto` detects it) and builds a document.
    pub fn segmented(
        id: DocId,
        title: impl Into<String>,
        language: &str,
        origin: Option<String>,
        text: String,
    ) -> Self {
        let language = crate::segment::resolve_language(language, &text);
        let spans = crate::segment::Segmenter::new(&language).segment(&text);
        let sentences = spans.iter().map(Sentence::from_span).collect();
        Document::new(id, title, language, origin, text, sentences)
    }

    /// The full text (UTF-8, LF line ends).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The sentences, in text order.
    pub fn sentences(&self) -> &[Sentence] {
        &self.sentences
    }

    /// The stored content hash (`sha256:…`).
    pub fn content_hash(&self) -> &str {
        &self.content_hash
    }

    /// Whether the stored hash matches the text (a mismatch means the text was edited by
    /// hand after segmentation).
    pub fn is_hash_current(&self) -> bool {
        self.content_hash == content_hash(&self.text)
    }

    /// The code-point ↔ byte table for the text, built on first use.
    pub fn char_index(&self) -> &CharIndex {
        self.index.get_or_init(|| CharIndex::new(&self.text))
    }

    /// The number of code points in the text.
    pub fn n_chars(&self) -> usize {
        self.char_index().n_chars()
    }

    /// The text of a code-point range, or `None` if it is out of bounds.
    pub fn slice(&self, chars: Range<usize>) -> Option<&str> {
        let bytes = self.char_index().byte_range(&self.text, chars)?;
        self.text.get(bytes)
    }

    /// The byte range of a code-point range.
    pub fn byte_range(&self, chars: Range<usize>) -> Option<Range<usize>> {
        self.char_index().byte_range(&self.text, chars)
    }

    /// One sentence.
    pub fn sentence(&self, id: SentenceId) -> Option<Sentence> {
        self.sentences.get(id.idx()).copied()
    }

    /// One sentence's text.
    pub fn sentence_text(&self, id: SentenceId) -> Option<&str> {
        self.slice(self.sentence(id)?.range())
    }

    /// The sentence containing code point `char_idx`, if any.
    pub fn sentence_at(&self, char_idx: usize) -> Option<SentenceId> {
        let after = self.sentences.partition_point(|s| s.start <= char_idx);
        let idx = after.checked_sub(1)?;
        let sentence = self.sentences.get(idx)?;
        (char_idx < sentence.end).then_some(SentenceId(idx as u32))
    }

    /// An anchor covering sentences `first..=last` entirely.
    pub fn anchor_sentences(&self, first: SentenceId, last: SentenceId) -> Option<Anchor> {
        let start = self.sentence(first)?.start;
        let end = self.sentence(last)?.end;
        if first > last {
            return None;
        }
        self.anchor_span(first, last, start..end)
    }

    /// An anchor for a code-point span inside sentences `first..=last`.
    pub fn anchor_span(
        &self,
        first: SentenceId,
        last: SentenceId,
        chars: Range<usize>,
    ) -> Option<Anchor> {
        let anchor = Anchor {
            first,
            last,
            start: chars.start,
            end: chars.end,
            quote: self.quote(chars)?,
        };
        self.validate_anchor(ClaimId(0), &anchor).ok()?;
        Some(anchor)
    }

    /// The quote selector for a code-point range.
    pub fn quote(&self, chars: Range<usize>) -> Option<TextQuote> {
        let exact = self.slice(chars.clone())?.to_owned();
        let prefix_start = chars.start.saturating_sub(QUOTE_CONTEXT_CHARS);
        let suffix_end = (chars.end + QUOTE_CONTEXT_CHARS).min(self.n_chars());
        Some(TextQuote {
            exact,
            prefix: self.slice(prefix_start..chars.start)?.to_owned(),
            suffix: self.slice(chars.end..suffix_end)?.to_owned(),
        })
    }

    fn validate_sentences(&self) -> Result<(), ValidationError> {
        let n_chars = self.n_chars();
        let mut previous_end = 0;
        for (idx, sentence) in self.sentences.iter().enumerate() {
            if sentence.start > sentence.end || sentence.end > n_chars {
                return Err(ValidationError::SentenceOutsideText {
                    doc: self.id,
                    sentence: idx,
                    start: sentence.start,
                    end: sentence.end,
                    n_chars,
                });
            }
            if sentence.start < previous_end {
                return Err(ValidationError::SentencesOverlap {
                    doc: self.id,
                    sentence: idx,
                });
            }
            previous_end = sentence.end;
        }
        Ok(())
    }

    fn validate_anchor(&self, claim: ClaimId, anchor: &Anchor) -> Result<(), ValidationError> {
        let (Some(first), Some(last)) = (self.sentence(anchor.first), self.sentence(anchor.last))
        else {
            return Err(ValidationError::UnknownSentence {
                claim,
                doc: self.id,
                first: anchor.first,
                last: anchor.last,
                n_sentences: self.sentences.len(),
            });
        };
        let is_inside = anchor.first <= anchor.last
            && anchor.start < anchor.end
            && first.start <= anchor.start
            && anchor.start < first.end
            && last.start < anchor.end
            && anchor.end <= last.end;
        if !is_inside {
            return Err(ValidationError::SpanOutsideSentences {
                claim,
                doc: self.id,
                first: anchor.first,
                last: anchor.last,
                start: anchor.start,
                end: anchor.end,
            });
        }
        let found = self.slice(anchor.range()).unwrap_or_default();
        if found != anchor.quote.exact {
            return Err(ValidationError::QuoteMismatch {
                claim,
                expected: anchor.quote.exact.clone(),
                found: found.to_owned(),
            });
        }
        Ok(())
    }
}

impl Sentence {
    /// The code-point range of a segmenter span.
    pub fn from_span(span: &SentenceSpan) -> Self {
        Sentence {
            start: span.chars.start,
            end: span.chars.end,
        }
    }
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
        }
    }
}

/// `sha256:` followed by the lowercase hex digest of `text`.
pub fn content_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let mut hex = String::with_capacity(7 + digest.len() * 2);
    hex.push_str("sha256:");
    for byte in digest {
        hex.push_str(&format!("{byte:02x}"));
    }
    hex
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Session {
        let mut session = Session::new("t", Timestamp::EPOCH);
        session.documents.push(Document::segmented(
            DocId(0),
            "doc",
            "en",
            None,
            "🇲🇱 First one. Second one here. Third.".to_owned(),
        ));
        session
    }

    #[test]
    fn anchors_and_quotes_use_code_points() {
        let session = sample();
        let doc = &session.documents[0];
        let anchor = doc
            .anchor_sentences(SentenceId(1), SentenceId(1))
            .expect("sentence 1 exists");
        assert_eq!(anchor.quote.exact, "Second one here.");
        assert_eq!(anchor.start, 14, "the flag is two code points");
        assert_eq!(anchor.quote.prefix, "🇲🇱 First one. ");
        assert_eq!(anchor.quote.suffix, " Third.");
        assert_eq!(doc.sentence_at(14), Some(SentenceId(1)));
        assert_eq!(doc.sentence_at(13), None, "the space between sentences");
    }

    #[test]
    fn validation_names_the_fault() {
        let mut session = sample();
        let doc = &session.documents[0];
        let anchor = doc
            .anchor_sentences(SentenceId(0), SentenceId(0))
            .expect("anchor");
        let mut claim = Claim::new(ClaimId(0), DocId(0), anchor, Timestamp::EPOCH);
        session.claims.push(claim.clone());
        assert_eq!(session.validate(), Ok(()));

        claim.anchor.end = 10_000;
        session.claims[0] = claim.clone();
        assert!(matches!(
            session.validate(),
            Err(ValidationError::SpanOutsideSentences { end: 10_000, .. })
        ));

        claim.doc = DocId(7);
        session.claims[0] = claim;
        assert_eq!(
            session.validate(),
            Err(ValidationError::UnknownDocument {
                claim: ClaimId(0),
                doc: DocId(7)
            })
        );
    }

    #[test]
    fn words_parse_leniently_and_list_choices() {
        assert_eq!("Mostly_True".parse::<Verdict>(), Ok(Verdict::MostlyTrue));
        assert_eq!("in review".parse::<Status>(), Ok(Status::InReview));
        let err = "fals".parse::<Verdict>().expect_err("typo");
        assert!(err.to_string().contains("mostly-false"), "{err}");
    }

    #[test]
    fn rating_scale_matches_claimreview() {
        let values: Vec<Option<u8>> = Verdict::ALL.iter().map(|v| v.rating_value()).collect();
        assert_eq!(
            values,
            [
                None,
                Some(5),
                Some(4),
                Some(3),
                Some(2),
                Some(1),
                None,
                None
            ]
        );
    }
}
