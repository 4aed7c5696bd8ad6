//! Claims: what a reviewer tagged, where it sits in the text, and the evidence for it.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::ids::{ClaimId, DocId, SentenceId};
use super::ratings::{Stance, Status, Verdict};
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

/// A claim field with its new value (also what a merge conflict records per side).
///
/// [`FieldKind`] is the one table of claim fields: each field's label, how it is read
/// from a claim ([`FieldKind::read`]) and put into one ([`ClaimField::swap_into`]), which
/// fields a reviewer writes as free text. Applying and inverting an edit, merging,
/// conflicts, the conflicts panel and `claim set` all go through it, so a new field is
/// added here and in the places the compiler then names.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ClaimField {
    Text(String),
    Verdict(Verdict),
    Claimant(String),
    Sources(Vec<Source>),
    Note(String),
    Status(Status),
    Reviewer(String),
    Anchor(Anchor),
    /// The span with its document: what a merge records when the two sides put the claim
    /// on different documents (a span is one value, never a document from one side and
    /// offsets from the other).
    Span(DocId, Anchor),
    Counterpart(Option<ClaimId>),
    /// The claim's text before an article update changed it (`None`: not changed).
    PreviousWording(Option<String>),
}

/// Which field of a claim, without a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FieldKind {
    Text,
    Verdict,
    Claimant,
    Sources,
    Note,
    Status,
    Reviewer,
    /// The span (with or without its document).
    Span,
    Counterpart,
    PreviousWording,
}

impl FieldKind {
    /// Every field.
    pub const ALL: [FieldKind; 10] = [
        FieldKind::Text,
        FieldKind::Verdict,
        FieldKind::Claimant,
        FieldKind::Sources,
        FieldKind::Note,
        FieldKind::Status,
        FieldKind::Reviewer,
        FieldKind::Span,
        FieldKind::Counterpart,
        FieldKind::PreviousWording,
    ];

    /// The fields a merge takes three-way one by one (sources merge as a set of URLs and
    /// the span with the claim's place, so they are not among them).
    pub const MERGED_ONE_BY_ONE: [FieldKind; 8] = [
        FieldKind::Text,
        FieldKind::Verdict,
        FieldKind::Claimant,
        FieldKind::Note,
        FieldKind::Status,
        FieldKind::Reviewer,
        FieldKind::Counterpart,
        FieldKind::PreviousWording,
    ];

    /// The field's name in the reviewer's words, for labels and grouping.
    pub fn label(self) -> &'static str {
        match self {
            FieldKind::Text => "claim text",
            FieldKind::Verdict => "verdict",
            FieldKind::Claimant => "claimant",
            FieldKind::Sources => "sources",
            FieldKind::Note => "rationale",
            FieldKind::Status => "status",
            FieldKind::Reviewer => "reviewer",
            FieldKind::Span => "span",
            FieldKind::Counterpart => "linked claim",
            FieldKind::PreviousWording => "previous wording",
        }
    }

    /// The field's value in `claim` (the span without its document).
    pub fn read(self, claim: &Claim) -> ClaimField {
        match self {
            FieldKind::Text => ClaimField::Text(claim.text.clone()),
            FieldKind::Verdict => ClaimField::Verdict(claim.verdict),
            FieldKind::Claimant => ClaimField::Claimant(claim.claimant.clone()),
            FieldKind::Sources => ClaimField::Sources(claim.sources.clone()),
            FieldKind::Note => ClaimField::Note(claim.note.clone()),
            FieldKind::Status => ClaimField::Status(claim.status),
            FieldKind::Reviewer => ClaimField::Reviewer(claim.reviewer.clone()),
            FieldKind::Span => ClaimField::Anchor(claim.anchor.clone()),
            FieldKind::Counterpart => ClaimField::Counterpart(claim.counterpart),
            FieldKind::PreviousWording => {
                ClaimField::PreviousWording(claim.previous_wording.clone())
            }
        }
    }

    /// The field with `text` as its value, when the reviewer writes it as free text.
    pub fn with_text(self, text: String) -> Option<ClaimField> {
        Some(match self {
            FieldKind::Text => ClaimField::Text(text),
            FieldKind::Claimant => ClaimField::Claimant(text),
            FieldKind::Note => ClaimField::Note(text),
            FieldKind::Reviewer => ClaimField::Reviewer(text),
            _ => return None,
        })
    }
}

impl ClaimField {
    /// Which field this is.
    pub fn kind(&self) -> FieldKind {
        match self {
            ClaimField::Text(_) => FieldKind::Text,
            ClaimField::Verdict(_) => FieldKind::Verdict,
            ClaimField::Claimant(_) => FieldKind::Claimant,
            ClaimField::Sources(_) => FieldKind::Sources,
            ClaimField::Note(_) => FieldKind::Note,
            ClaimField::Status(_) => FieldKind::Status,
            ClaimField::Reviewer(_) => FieldKind::Reviewer,
            ClaimField::Anchor(_) | ClaimField::Span(..) => FieldKind::Span,
            ClaimField::Counterpart(_) => FieldKind::Counterpart,
            ClaimField::PreviousWording(_) => FieldKind::PreviousWording,
        }
    }

    /// The field's name, for labels and grouping.
    pub fn name(&self) -> &'static str {
        self.kind().label()
    }

    /// The value of a free-text field (`None` for the others).
    pub fn text(&self) -> Option<&str> {
        match self {
            ClaimField::Text(text)
            | ClaimField::Claimant(text)
            | ClaimField::Note(text)
            | ClaimField::Reviewer(text) => Some(text),
            _ => None,
        }
    }

    /// Puts `self` into the claim and returns the value it replaced (a span with its
    /// document moves the claim to that document).
    pub fn swap_into(self, claim: &mut Claim) -> ClaimField {
        use std::mem::replace;
        match self {
            ClaimField::Text(v) => ClaimField::Text(replace(&mut claim.text, v)),
            ClaimField::Verdict(v) => ClaimField::Verdict(replace(&mut claim.verdict, v)),
            ClaimField::Claimant(v) => ClaimField::Claimant(replace(&mut claim.claimant, v)),
            ClaimField::Sources(v) => ClaimField::Sources(replace(&mut claim.sources, v)),
            ClaimField::Note(v) => ClaimField::Note(replace(&mut claim.note, v)),
            ClaimField::Status(v) => ClaimField::Status(replace(&mut claim.status, v)),
            ClaimField::Reviewer(v) => ClaimField::Reviewer(replace(&mut claim.reviewer, v)),
            ClaimField::Anchor(v) => ClaimField::Anchor(replace(&mut claim.anchor, v)),
            ClaimField::Span(doc, anchor) => ClaimField::Span(
                replace(&mut claim.doc, doc),
                replace(&mut claim.anchor, anchor),
            ),
            ClaimField::Counterpart(v) => {
                ClaimField::Counterpart(replace(&mut claim.counterpart, v))
            }
            ClaimField::PreviousWording(v) => {
                ClaimField::PreviousWording(replace(&mut claim.previous_wording, v))
            }
        }
    }

    /// The value in a few words, for summaries and reports (text fields quoted).
    pub fn summary(&self) -> String {
        match self {
            ClaimField::Text(text)
            | ClaimField::Claimant(text)
            | ClaimField::Note(text)
            | ClaimField::Reviewer(text) => format!("{text:?}"),
            ClaimField::Verdict(verdict) => verdict.label().to_owned(),
            ClaimField::Status(status) => status.label().to_owned(),
            ClaimField::Sources(sources) => {
                let urls: Vec<&str> = sources.iter().map(|s| s.url.as_str()).collect();
                format!("{} source(s): {}", sources.len(), urls.join(", "))
            }
            ClaimField::Anchor(anchor) => format!(
                "{:?} at {}..{}",
                anchor.quote.exact, anchor.start, anchor.end
            ),
            ClaimField::Span(doc, anchor) => format!(
                "{:?} at {}..{} of document {doc}",
                anchor.quote.exact, anchor.start, anchor.end
            ),
            ClaimField::Counterpart(Some(id)) => format!("linked to {id}"),
            ClaimField::Counterpart(None) => "not linked".to_owned(),
            ClaimField::PreviousWording(Some(text)) => format!("changed from {text:?}"),
            ClaimField::PreviousWording(None) => "not changed".to_owned(),
        }
    }
}

/// One field of one source, with its new value (typing into a source's URL and clicking
/// its stance are two edits that never undo each other).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SourceField {
    Url(String),
    Title(String),
    Publisher(String),
    Quote(String),
    Stance(Stance),
}

impl SourceField {
    /// The field's name in the reviewer's words.
    pub fn label(&self) -> &'static str {
        match self {
            SourceField::Url(_) => "address",
            SourceField::Title(_) => "title",
            SourceField::Publisher(_) => "publisher",
            SourceField::Quote(_) => "quoted passage",
            SourceField::Stance(_) => "stance",
        }
    }

    /// Puts `self` into `source` and returns the value it replaced.
    pub fn swap_into(self, source: &mut Source) -> SourceField {
        use std::mem::replace;
        match self {
            SourceField::Url(v) => SourceField::Url(replace(&mut source.url, v)),
            SourceField::Title(v) => SourceField::Title(replace(&mut source.title, v)),
            SourceField::Publisher(v) => SourceField::Publisher(replace(&mut source.publisher, v)),
            SourceField::Quote(v) => SourceField::Quote(replace(&mut source.quote, v)),
            SourceField::Stance(v) => SourceField::Stance(replace(&mut source.stance, v)),
        }
    }
}
