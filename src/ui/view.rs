//! View state: what the window shows and where the user is, never saved in the session.
//!
//! Selection, filters, the find query, visited sentences and half-typed field text live
//! here. The session file holds only the review's content.

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;

use crate::model::{Claim, ClaimId, DocId, Document, SentenceId, Session, Status, Verdict};

/// The sentences (and optionally the span inside them) the user has selected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selection {
    pub doc: DocId,
    /// Where a shift-click range started.
    pub first: SentenceId,
    pub last: SentenceId,
    /// A sub-sentence span (code points), from dragging inside a sentence.
    pub span: Option<Range<usize>>,
}

impl Selection {
    /// One whole sentence.
    pub fn sentence(doc: DocId, sentence: SentenceId) -> Self {
        Selection {
            doc,
            first: sentence,
            last: sentence,
            span: None,
        }
    }

    /// The selection that shows a claim: its sentences, or its span within one.
    pub fn of_claim(session: &Session, claim: &Claim) -> Self {
        let whole = session
            .document(claim.doc)
            .and_then(|doc| doc.anchor_sentences(claim.anchor.first, claim.anchor.last));
        let is_span = whole.is_some_and(|w| w.range() != claim.anchor.range());
        Selection {
            doc: claim.doc,
            first: claim.anchor.first,
            last: claim.anchor.last,
            span: is_span.then(|| claim.anchor.range()),
        }
    }

    /// The sentences in text order.
    pub fn ordered(&self) -> (SentenceId, SentenceId) {
        (self.first.min(self.last), self.first.max(self.last))
    }

    /// The selected code points in the document.
    pub fn char_range(&self, doc: &Document) -> Option<Range<usize>> {
        if let Some(span) = &self.span {
            return Some(span.clone());
        }
        let (first, last) = self.ordered();
        Some(doc.sentence(first)?.start..doc.sentence(last)?.end)
    }
}

/// Which text field of a claim a buffer belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FieldKey {
    Text(ClaimId),
    Claimant(ClaimId),
    Reviewer(ClaimId),
    Note(ClaimId),
    SourceUrl(ClaimId, usize),
    SourceTitle(ClaimId, usize),
    SourcePublisher(ClaimId, usize),
    SourceQuote(ClaimId, usize),
    SessionTitle,
    DocumentTitle,
    ArticleUrl,
    ArticleAuthors,
    ArticlePublisher,
    ArticlePublished,
    ArticleModified,
    Organisation,
    OrganisationUrl,
    ReviewUrl,
}

/// Filters on the claim list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClaimFilter {
    pub verdict: Option<Verdict>,
    pub status: Option<Status>,
    pub text: String,
    /// Only claims with unresolved merge conflicts.
    pub conflicts_only: bool,
}

/// The find bar.
#[derive(Clone, Debug, Default)]
pub struct FindState {
    pub is_open: bool,
    pub query: String,
    /// Code-point ranges of the matches in the current document.
    pub matches: Vec<Range<usize>>,
    pub current: usize,
    /// The query and document the matches were computed for.
    pub computed_for: Option<(String, DocId)>,
    pub wants_focus: bool,
}

/// What the centre shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ViewMode {
    /// One document as an article.
    #[default]
    Article,
    /// An original and its translation side by side.
    Compare,
    /// Other reviewers' sessions of the article, sentence by sentence.
    Adjudicate,
    /// The document's previous text and its current one, side by side.
    Versions,
}

/// The place of a removed source: which claim, which position, and its height on screen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RemovedSource {
    pub claim: ClaimId,
    pub index: usize,
    pub height: f32,
}

/// Everything about the view of one open session.
#[derive(Debug, Default)]
pub struct ViewState {
    /// Which opening of a session this view belongs to: scroll positions are kept per
    /// opening, so a newly opened article starts at its top.
    pub generation: u64,
    pub mode: ViewMode,
    /// The documents the parallel view compares (original, translation), when chosen.
    pub compare: Option<(DocId, DocId)>,
    /// The document shown in the centre.
    pub doc: DocId,
    pub selection: Option<Selection>,
    /// A sentence to bring into view on the next frame.
    pub scroll_to: Option<(DocId, SentenceId)>,
    /// A page or start/end scroll asked for by a key, taken by the view that is shown.
    pub scroll_request: Option<crate::ui::command::ScrollTarget>,
    pub filter: ClaimFilter,
    pub find: FindState,
    /// Sentences the user has selected at least once, per document.
    pub visited: HashMap<DocId, BTreeSet<SentenceId>>,
    /// A field to focus on the next frame (e.g. the URL of a source just added).
    pub focus_request: Option<FieldKey>,
    /// A source just removed, whose place is held so nothing slides under the pointer.
    pub removed_source: Option<RemovedSource>,
    /// Where a drag inside the article started (document, code point).
    pub drag_origin: Option<(DocId, usize)>,
    /// The sentence under the pointer.
    pub hovered: Option<(DocId, SentenceId)>,
    /// Whether the "Merge conflicts" window is open.
    pub conflicts_open: bool,
    /// Whether the parallel view shows the divergence flags a reviewer dismissed.
    pub show_dismissed_flags: bool,
    /// A value being written to resolve a conflict.
    pub conflict_draft: Option<ConflictDraft>,
}

impl ViewState {
    /// Selects `selection`, marks its sentences visited and brings it into view.
    pub fn select(&mut self, selection: Selection) {
        let (first, last) = selection.ordered();
        let visited = self.visited.entry(selection.doc).or_default();
        for idx in first.0..=last.0 {
            visited.insert(SentenceId(idx));
        }
        self.doc = selection.doc;
        self.scroll_to = Some((selection.doc, selection.last));
        self.selection = Some(selection);
        self.removed_source = None;
    }

    /// The number of sentences visited over all documents.
    pub fn n_visited(&self) -> usize {
        self.visited.values().map(BTreeSet::len).sum()
    }

    /// Drops state that refers to documents or claims the session no longer has.
    pub fn reconcile(&mut self, session: &Session) {
        if session.document(self.doc).is_none() {
            self.doc = session.documents().first().map_or(DocId(0), |doc| doc.id);
            self.selection = None;
        }
        if let Some(selection) = &self.selection {
            let is_valid = session.document(selection.doc).is_some_and(|doc| {
                let (_, last) = selection.ordered();
                doc.sentence(last).is_some()
            });
            if !is_valid {
                self.selection = None;
            }
        }
    }
}

/// The claim the inspector shows for a selection: the first claim (in text order) whose
/// span overlaps the selected text.
pub fn claim_for_selection(session: &Session, selection: &Selection) -> Option<ClaimId> {
    let doc = session.document(selection.doc)?;
    let range = selection.char_range(doc)?;
    // One pass, no sorting: this runs every frame, and sessions can hold 20k claims.
    session
        .claims()
        .iter()
        .filter(|claim| claim.doc == selection.doc)
        .filter(|claim| claim.anchor.start < range.end && range.start < claim.anchor.end)
        .min_by_key(|claim| (claim.anchor.start, claim.anchor.end, claim.id))
        .map(|claim| claim.id)
}

/// A text being written to resolve a conflict ("Edit…" in the conflicts panel).
#[derive(Clone, Debug, PartialEq)]
pub struct ConflictDraft {
    pub conflict: crate::model::Conflict,
    pub text: String,
}
