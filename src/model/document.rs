//! Documents: an article's text (or one version of it) and its sentences.
//!
//! Offsets are Unicode code points; each [`Document`] converts them to byte ranges with a
//! lazily built [`CharIndex`].

use std::ops::Range;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::claim::{Anchor, TextQuote};
use super::ids::{ClaimId, DocId, SentenceId};
use super::invalid::ValidationError;
use crate::offsets::CharIndex;

/// How many code points of context a quote selector keeps on each side.
pub const QUOTE_CONTEXT_CHARS: usize = 32;

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
    /// Earlier versions of the text, oldest first (the article as it was when its older
    /// claims were checked).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub versions: Vec<DocumentVersion>,
    /// What the article's page says about itself (author, dates, address), and where and
    /// when it was fetched; empty for text files.
    #[serde(default, skip_serializing_if = "ArticleMeta::is_empty")]
    pub meta: ArticleMeta,
    /// `sha256:` and the hex digest of `text`.
    content_hash: String,
    /// Code-point ranges, in text order, never overlapping.
    pub(super) sentences: Vec<Sentence>,
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
            && self.versions == other.versions
            && self.meta == other.meta
            && self.content_hash == other.content_hash
            && self.sentences == other.sentences
            && self.text == other.text
    }
}

/// An article's own metadata, as its page declares it (JSON-LD, Open Graph, `<meta>`,
/// `<link rel=canonical>`, `<time>`) and as the reviewer corrects it. Dates are ISO 8601
/// as the page gives them (`2026-01-14` or `2026-01-14T09:12:00+01:00`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ArticleMeta {
    /// The article's canonical address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// The publisher or site name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modified: Option<String>,
    /// The language the page declares (`lang`, `og:locale`, JSON-LD `inLanguage`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// How the page was fetched, when it came from the web.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fetch: Option<Fetch>,
}

impl ArticleMeta {
    /// Whether nothing is known.
    pub fn is_empty(&self) -> bool {
        *self == ArticleMeta::default()
    }

    /// The address of the article: the canonical one, else the one it was fetched from.
    pub fn address(&self) -> Option<&str> {
        self.url
            .as_deref()
            .or_else(|| self.fetch.as_ref().map(|fetch| fetch.final_url.as_str()))
    }
}

/// A page fetched from the web, archived next to the session because it may change or
/// vanish.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fetch {
    /// The address asked for.
    pub requested_url: String,
    /// The address answered from, after redirects.
    pub final_url: String,
    pub time: crate::timestamp::Timestamp,
    /// `sha256:` and the hex digest of the bytes received.
    pub content_hash: String,
    /// The archived copy's file name (`<sha256>.html`), in the folder `NAME.sources`
    /// beside the session file `NAME.ron`.
    pub archive: String,
}

/// An earlier text of a document, replaced by an update.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentVersion {
    /// `sha256:` and the hex digest of `text`.
    pub content_hash: String,
    pub text: String,
    /// When the newer text replaced it.
    pub replaced: crate::timestamp::Timestamp,
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
            versions: Vec::new(),
            meta: ArticleMeta::default(),
            content_hash: content_hash(&text),
            sentences,
            text,
            index: OnceLock::new(),
        }
    }

    /// This document with other sentences over the same text, segmented by the rules of
    /// `language`: everything else (details, earlier versions) is kept.
    pub fn with_sentences(&self, language: impl Into<String>, sentences: Vec<Sentence>) -> Self {
        Document {
            language: language.into(),
            sentences,
            index: OnceLock::new(),
            ..self.clone()
        }
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

    /// An anchor for a code-point span, over the sentences it starts and ends in.
    pub fn anchor_chars(&self, chars: Range<usize>) -> Option<Anchor> {
        let first = self.sentence_at(chars.start)?;
        let last = self.sentence_at(chars.end.checked_sub(1)?)?;
        self.anchor_span(first, last, chars)
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

    pub(super) fn validate_sentences(&self) -> Result<(), ValidationError> {
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

    /// `sentences` (this document's, or a corrected copy of them) with the one that
    /// contains code point `at` split there: the first part ends before `at` (its
    /// trailing spaces left out), the second starts at `at` (its leading spaces left
    /// out). `false`, and `sentences` unchanged, when no sentence holds text on both
    /// sides of `at`.
    pub fn split_sentences_at(&self, sentences: &mut Vec<Sentence>, at: usize) -> bool {
        let Some(idx) = sentences.iter().position(|s| s.start <= at && at < s.end) else {
            return false;
        };
        let sentence = sentences[idx];
        let first_end = sentence.start
            + self
                .slice(sentence.start..at)
                .map_or(0, |t| t.trim_end().chars().count());
        let second_start = at
            + self
                .slice(at..sentence.end)
                .map_or(0, |t| t.chars().count() - t.trim_start().chars().count());
        if first_end <= sentence.start || second_start >= sentence.end {
            return false;
        }
        sentences.splice(
            idx..=idx,
            [
                Sentence::from((sentence.start, first_end)),
                Sentence::from((second_start, sentence.end)),
            ],
        );
        true
    }

    pub(super) fn validate_anchor(
        &self,
        claim: ClaimId,
        anchor: &Anchor,
    ) -> Result<(), ValidationError> {
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

/// `sha256:` followed by the lowercase hex digest of `content` (a text, or a page's bytes).
pub fn content_hash(content: impl AsRef<[u8]>) -> String {
    let digest = Sha256::digest(content.as_ref());
    let mut hex = String::with_capacity(7 + digest.len() * 2);
    hex.push_str("sha256:");
    for byte in digest {
        hex.push_str(&format!("{byte:02x}"));
    }
    hex
}
