//! A new version of an article: the document gets the new text (segmented again), the
//! old text goes into its history, and every claim is placed on the new text or, when it
//! cannot be placed with confidence, kept as an orphan. A misplaced claim is worse than
//! an orphan, so every step below refuses ambiguity.
//!
//! A claim is looked for, in order:
//! 1. its exact text with the context around it (the W3C quote selector's prefix and
//!    suffix): **kept** at the same place, or **moved**;
//! 2. its exact text alone, when it occurs once (or once with the best-matching context);
//! 3. the passage between its context's end and start in the new text (or after its
//!    prefix, before its suffix), when that is similar enough to the old wording
//!    (`similar`'s character diff ratio): **changed**, and the old wording is kept on the
//!    claim;
//! 4. otherwise: **orphaned**, with its verdict, sources and note, anchored in the old
//!    version.

use serde::Serialize;
use thiserror::Error;

use crate::intent::{ClaimField, Edit, IntentError};
use crate::model::{Anchor, Claim, ClaimId, DocId, Document, DocumentVersion, Sentence, Session};
use crate::timestamp::Timestamp;

mod versions;
pub use versions::{VersionRow, WordChange, compare_versions, word_changes};

/// Code points on each side of a hand-corrected sentence boundary that must be found
/// again, once, in a new version for the correction to carry over.
const CORRECTION_CONTEXT: usize = 24;

/// How similar a changed passage must be to the old wording (0–1, `similar`'s ratio).
pub const MIN_SIMILARITY: f32 = 0.75;

/// What happened to one claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// Same text at the same place.
    Kept,
    /// Same text at another place.
    Moved,
    /// Similar text where it was: re-anchored, the old wording kept.
    Changed,
    /// Not placed: kept as an orphan.
    Orphaned,
}

/// One claim's outcome, for `claimdesk update --json`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClaimOutcome {
    pub id: ClaimId,
    pub outcome: Outcome,
    /// The text the claim covered in the old version.
    pub old: String,
    /// The text it covers now (`None` for an orphan).
    pub new: Option<String>,
}

/// Counts per outcome.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub kept: usize,
    pub moved: usize,
    pub changed: usize,
    pub orphaned: usize,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "kept {}, moved {}, changed {}, orphaned {}",
            self.kept, self.moved, self.changed, self.orphaned
        )
    }
}

/// The edit that updates the document, and what it does to each claim.
#[derive(Debug)]
pub struct Update {
    pub edit: Edit,
    pub outcomes: Vec<ClaimOutcome>,
}

impl Update {
    pub fn summary(&self) -> Summary {
        let mut summary = Summary::default();
        for outcome in &self.outcomes {
            match outcome.outcome {
                Outcome::Kept => summary.kept += 1,
                Outcome::Moved => summary.moved += 1,
                Outcome::Changed => summary.changed += 1,
                Outcome::Orphaned => summary.orphaned += 1,
            }
        }
        summary
    }
}

/// Why a document cannot be updated.
#[derive(Debug, Error)]
pub enum UpdateError {
    #[error(transparent)]
    Intent(#[from] IntentError),
    #[error("the new text is the same as the document's current text")]
    Unchanged,
}

/// The document's details after an update: each field the new page gives, else the old
/// (a text file gives none, so its update keeps them all).
fn merged_meta(
    old: &crate::model::ArticleMeta,
    new: &crate::model::ArticleMeta,
) -> crate::model::ArticleMeta {
    crate::model::ArticleMeta {
        url: new.url.clone().or_else(|| old.url.clone()),
        authors: if new.authors.is_empty() {
            old.authors.clone()
        } else {
            new.authors.clone()
        },
        publisher: new.publisher.clone().or_else(|| old.publisher.clone()),
        published: new.published.clone().or_else(|| old.published.clone()),
        modified: new.modified.clone().or_else(|| old.modified.clone()),
        language: new.language.clone().or_else(|| old.language.clone()),
        fetch: new.fetch.clone().or_else(|| old.fetch.clone()),
    }
}

/// Builds the update of document `doc` to `new_text` (already normalised like any
/// article). Linked claims that end up orphaned are unlinked first.
pub fn update_document(
    session: &Session,
    doc: DocId,
    new_text: String,
    now: Timestamp,
) -> Result<Update, UpdateError> {
    update_document_with_meta(session, doc, new_text, &Default::default(), now)
}

/// [`update_document`] from a new version of a web page: what the page now says about
/// itself (`new_meta`: a newer modified date, a corrected author, a new fetch) replaces
/// the document's details field by field; what it no longer says is kept.
pub fn update_document_with_meta(
    session: &Session,
    doc: DocId,
    new_text: String,
    new_meta: &crate::model::ArticleMeta,
    now: Timestamp,
) -> Result<Update, UpdateError> {
    let old = session
        .document(doc)
        .ok_or(IntentError::NoSuchDocument(doc))?;
    if old.text() == new_text {
        return Err(UpdateError::Unchanged);
    }
    let segmented = crate::segment::segmented_document(
        doc,
        old.title.clone(),
        &old.language,
        old.origin.clone(),
        new_text,
    );
    let mut new = carry_hand_corrections(old, segmented);
    new.translation_of = old.translation_of;
    new.meta = merged_meta(&old.meta, new_meta);
    new.versions = old.versions.clone();
    new.versions.push(DocumentVersion {
        content_hash: old.content_hash().to_owned(),
        text: old.text().to_owned(),
        replaced: now,
    });
    Ok(replace_with(session, old, new, now))
}

/// The update of document `doc` to the text, sentences and history of `target` (the same
/// article as another copy of the session has it after its own update), keeping `doc`'s
/// title, language, origin, details and translation mark. Its claims are placed by the
/// same rules as in an update, with `modified` set to when `target`'s text replaced the
/// one before (so placing the same claims on two copies gives the same values). A merge
/// uses it to bring one side's copy onto the text the other side updated to.
pub fn rebase_onto(
    session: &Session,
    doc: DocId,
    target: &Document,
) -> Result<Update, UpdateError> {
    let old = session
        .document(doc)
        .ok_or(IntentError::NoSuchDocument(doc))?;
    if old.content_hash() == target.content_hash() {
        return Err(UpdateError::Unchanged);
    }
    let now = target
        .versions
        .last()
        .map_or(Timestamp::EPOCH, |version| version.replaced);
    let mut new = target.clone();
    new.id = doc;
    new.title = old.title.clone();
    new.language = old.language.clone();
    new.origin = old.origin.clone();
    new.meta = old.meta.clone();
    new.translation_of = old.translation_of;
    Ok(replace_with(session, old, new, now))
}

/// The edit that puts `new` in the place of `old` (same id) and every claim of `old`
/// on it, or among the orphans.
fn replace_with(session: &Session, old: &Document, new: Document, now: Timestamp) -> Update {
    let doc = old.id;
    let mut claims: Vec<&Claim> = session.claims().iter().filter(|c| c.doc == doc).collect();
    claims.sort_by_key(|c| (c.anchor.start, c.id));
    let mut outcomes = Vec::with_capacity(claims.len());
    let mut anchors = Vec::new();
    let mut wording = Vec::new();
    let mut orphaned = Vec::new();
    let map = TextMap::new(old.text(), new.text());
    for claim in &claims {
        let placed = match old.byte_range(claim.anchor.range()) {
            Some(bytes) => map.carry(old, &new, &claim.anchor, bytes),
            None => None,
        };
        let old_text = claim.anchor.quote.exact.clone();
        match placed {
            Some((anchor, outcome)) => {
                if outcome == Outcome::Changed {
                    wording.push(Edit::SetClaimField {
                        id: claim.id,
                        value: ClaimField::PreviousWording(Some(old_text.clone())),
                        modified: now,
                    });
                }
                outcomes.push(ClaimOutcome {
                    id: claim.id,
                    outcome,
                    old: old_text,
                    new: Some(anchor.quote.exact.clone()),
                });
                anchors.push((claim.id, anchor));
            }
            None => {
                orphaned.push(claim.id);
                outcomes.push(ClaimOutcome {
                    id: claim.id,
                    outcome: Outcome::Orphaned,
                    old: old_text,
                    new: None,
                });
            }
        }
    }

    let mut edits = Vec::new();
    // Links to or from an orphan are undone first (an orphan links to nothing).
    for &id in &orphaned {
        for claim in session.claims() {
            let links_orphan = claim.counterpart == Some(id);
            let is_orphan_with_link = claim.id == id && claim.counterpart.is_some();
            if links_orphan || is_orphan_with_link {
                edits.push(Edit::SetClaimField {
                    id: claim.id,
                    value: ClaimField::Counterpart(None),
                    modified: now,
                });
            }
        }
        // A conflict about its span is moot once it has none; one about its content (a
        // verdict, a note both reviewers changed) stays with the orphan, undecided.
        edits.extend(
            session
                .conflicts_of(id)
                .filter(|conflict| conflict.is_about_span())
                .map(|conflict| Edit::RemoveConflict(Box::new(conflict.clone()))),
        );
        edits.push(Edit::OrphanClaim { id, anchor: None });
    }
    // An alignment counts the old sentences: it goes (align the new version again).
    edits.extend(crate::intent::unalign_edits(session, doc));
    edits.push(Edit::ReplaceDocument {
        doc: Box::new(new),
        anchors,
    });
    edits.extend(wording);
    Update {
        edit: Edit::Batch(edits),
        outcomes,
    }
}

/// Where `anchor` (in `old`) goes in `new`, and how; `None` when it cannot be placed with
/// confidence.
fn place(
    old_text: &str,
    new: &Document,
    anchor: &Anchor,
    window: std::ops::Range<usize>,
    whole_sentences: Option<usize>,
) -> Option<(Anchor, Outcome)> {
    let whole = new.text();
    if anchor.quote.exact.is_empty() {
        return None;
    }
    // Near where the claim was first; then, for text that moved far, the whole article
    // (exact text only: similar wording far away is too easily the wrong place).
    if let Some(found) = place_in(old_text, new, anchor, window.clone(), true, whole_sentences) {
        return Some(found);
    }
    if window != (0..whole.len()) {
        return place_in(
            old_text,
            new,
            anchor,
            0..whole.len(),
            false,
            whole_sentences,
        );
    }
    None
}

/// [`place`] within bytes `window` of the new text; `fuzzy` allows step 3.
fn place_in(
    old_text: &str,
    new: &Document,
    anchor: &Anchor,
    window: std::ops::Range<usize>,
    fuzzy: bool,
    whole_sentences: Option<usize>,
) -> Option<(Anchor, Outcome)> {
    let exact = &anchor.quote.exact;
    let whole = new.text();
    let base = window.start;
    let text = &whole[window];
    let find_all = |needle: &str| -> Vec<usize> {
        memchr::memmem::find_iter(text.as_bytes(), needle.as_bytes()).collect()
    };
    // Kept: the same text at the same code points; moved: anywhere else.
    let outcome_of = |placed: &Anchor| {
        if placed.range() == anchor.range() {
            Outcome::Kept
        } else {
            Outcome::Moved
        }
    };
    // 1. The text with its context, once.
    let with_context = format!("{}{}{}", anchor.quote.prefix, exact, anchor.quote.suffix);
    if let [at] = find_all(&with_context).as_slice() {
        let start = base + at + anchor.quote.prefix.len();
        return anchor_at(new, start, start + exact.len()).map(|a| {
            let outcome = outcome_of(&a);
            (a, outcome)
        });
    }
    // 2. The text alone: once, or once with clearly the best context.
    // Whole words only: `Houttuin` is not in `Houttuine`.
    let on_word_bounds = |at: &usize| {
        let before = whole[..*at].chars().next_back();
        let after = whole[*at + exact.len()..].chars().next();
        let starts_word = exact.chars().next().is_some_and(char::is_alphanumeric);
        let ends_word = exact.chars().next_back().is_some_and(char::is_alphanumeric);
        let glued_before = starts_word && before.is_some_and(char::is_alphanumeric);
        let glued_after = ends_word && after.is_some_and(char::is_alphanumeric);
        !(glued_before || glued_after)
    };
    let mut hits: Vec<usize> = find_all(exact)
        .into_iter()
        .map(|at| base + at)
        .filter(on_word_bounds)
        .collect();
    if hits.len() == 1 && text.len() < whole.len() && exact.len() < SELF_EVIDENT_BYTES {
        // For a short text (a credit line, a heading), unique near its old place is not
        // enough when it occurs elsewhere too: then its context decides among all of them.
        let everywhere: Vec<usize> = memchr::memmem::find_iter(whole.as_bytes(), exact.as_bytes())
            .filter(on_word_bounds)
            .collect();
        if everywhere.len() > 1 {
            hits = everywhere;
        }
    }
    let chosen = match hits.as_slice() {
        [] => None,
        [only]
            if exact.len() >= SELF_EVIDENT_BYTES
                || context_score(whole, *only, exact.len(), anchor) >= 0.8
                || memchr::memmem::find_iter(old_text.as_bytes(), exact.as_bytes()).count()
                    == 1 =>
        {
            Some(*only)
        }
        [_] => None,
        several => best_by_context(whole, several, exact.len(), anchor),
    };
    if let Some(start) = chosen {
        return anchor_at(new, start, start + exact.len()).map(|a| {
            let outcome = outcome_of(&a);
            (a, outcome)
        });
    }
    // 3. Changed wording between (or next to) its context.
    if !fuzzy {
        return None;
    }
    let prefix = anchor.quote.prefix.as_str();
    let suffix = anchor.quote.suffix.as_str();
    let once = |needle: &str| -> Option<usize> {
        if needle.trim().chars().count() < 8 {
            return None;
        }
        match find_all(needle).as_slice() {
            [at] => Some(base + at),
            _ => None,
        }
    };
    let text = whole;
    let after_prefix = once(prefix).map(|at| at + prefix.len());
    let before_suffix = once(suffix);
    // The region, and whether both its ends come from the context (else one is a guess).
    let (region, both_ends) = match (after_prefix, before_suffix) {
        (Some(start), Some(end)) if start < end && end - start <= 3 * exact.len() + 64 => {
            Some((start..end, true))
        }
        (Some(start), _) => {
            let end = text.ceil_char_boundary((start + exact.len()).min(text.len()));
            Some((start..end, false))
        }
        (None, Some(end)) => {
            let start = text.floor_char_boundary(end.saturating_sub(exact.len()));
            Some((start..end, false))
        }
        (None, None) => None,
    }?;
    let candidate = text.get(region.clone())?;
    let trimmed_start = region.start + (candidate.len() - candidate.trim_start().len());
    let trimmed_end = region.start + candidate.trim_end().len();
    if trimmed_start >= trimmed_end {
        return None;
    }
    // With one side of the context only, the other end is a guess: it must fall on the
    // sentence boundary the claim had (a claim over whole sentences), else orphan.
    let (trimmed_start, trimmed_end) = match (both_ends, whole_sentences) {
        (true, _) => (trimmed_start, trimmed_end),
        (false, Some(n)) => snap_to_sentences(new, trimmed_start..trimmed_end, n)?,
        (false, None) => return None,
    };
    let candidate = &text[trimmed_start..trimmed_end];
    // A changed claim stays in its paragraph and about its length.
    let length_ratio = candidate.len() as f32 / exact.len().max(1) as f32;
    if (candidate.contains("\n\n") && !exact.contains("\n\n"))
        || !(0.5..=1.5).contains(&length_ratio)
    {
        return None;
    }
    let ratio = similar::TextDiff::from_chars(exact.as_str(), candidate).ratio();
    if ratio < MIN_SIMILARITY {
        return None;
    }
    anchor_at(new, trimmed_start, trimmed_end).map(|a| (a, Outcome::Changed))
}

/// `bytes` widened or narrowed to whole sentences of `doc`, if that is close (a few code
/// points each side) and gives `n` sentences.
fn snap_to_sentences(
    doc: &Document,
    bytes: std::ops::Range<usize>,
    n: usize,
) -> Option<(usize, usize)> {
    let text = doc.text();
    let index = doc.char_index();
    let start = index.char_of(text, bytes.start)?;
    let end = index.char_of(text, bytes.end)?;
    let sentences = doc.sentences();
    // The sentence boundary nearest to each end.
    let nearest_start = sentences
        .iter()
        .map(|s| s.start)
        .min_by_key(|&s| s.abs_diff(start))?;
    let nearest_end = sentences
        .iter()
        .map(|s| s.end)
        .min_by_key(|&e| e.abs_diff(end))?;
    const SLACK: usize = 6;
    if nearest_start.abs_diff(start) > SLACK || nearest_end.abs_diff(end) > SLACK {
        return None;
    }
    let first = doc.sentence_at(nearest_start)?;
    let last = doc.sentence_at(nearest_end.checked_sub(1)?)?;
    if (last.0 as usize) + 1 != first.0 as usize + n {
        return None;
    }
    let range = doc.byte_range(nearest_start..nearest_end)?;
    Some((range.start, range.end))
}

/// The new document with the reviewer's hand corrections of the old one's sentence
/// boundaries applied where they still apply: a boundary the reviewer added (a split) or
/// removed (a merge) — told apart from the segmenter's by segmenting the old text again —
/// is carried to the new text when the words around it are there, once. A split lands
/// only inside a sentence; a merge only where the new text has that very boundary.
fn carry_hand_corrections(old: &Document, new: Document) -> Document {
    let automatic = crate::segment::segmented_document(
        old.id,
        old.title.clone(),
        &old.language,
        None,
        old.text().to_owned(),
    );
    let starts = |doc: &Document| -> std::collections::BTreeSet<usize> {
        doc.sentences().iter().skip(1).map(|s| s.start).collect()
    };
    let (stored, auto) = (starts(old), starts(&automatic));
    // A boundary (the code point where the next sentence starts) is found in the new text
    // by the words around it: the context on both sides, found exactly once.
    let carry = |chars: usize| -> Option<usize> {
        let before = old.slice(chars.saturating_sub(CORRECTION_CONTEXT)..chars)?;
        let after = old.slice(chars..(chars + CORRECTION_CONTEXT).min(old.n_chars()))?;
        let context = format!("{before}{after}");
        let mut found = new.text().match_indices(context.as_str());
        let (at, _) = found.next()?;
        if found.next().is_some() {
            return None;
        }
        new.char_index().char_of(new.text(), at + before.len())
    };
    let splits: Vec<usize> = stored.difference(&auto).filter_map(|&c| carry(c)).collect();
    let merges: Vec<usize> = auto.difference(&stored).filter_map(|&c| carry(c)).collect();
    if splits.is_empty() && merges.is_empty() {
        return new;
    }
    let mut sentences = new.sentences().to_vec();
    for at in splits {
        new.split_sentences_at(&mut sentences, at);
    }
    for at in merges {
        if let Some(idx) = sentences.iter().position(|s| s.start == at)
            && idx > 0
        {
            let merged = Sentence::from((sentences[idx - 1].start, sentences[idx].end));
            sentences.splice(idx - 1..=idx, [merged]);
        }
    }
    let mut corrected = Document::new(
        new.id,
        new.title.clone(),
        new.language.clone(),
        new.origin.clone(),
        new.text().to_owned(),
        sentences,
    );
    corrected.versions = new.versions;
    corrected
}

/// Where the unchanged stretches of the old text are in the new one, from a paragraph-level
/// diff (`similar`, Patience): a claim inside one, with its context, is carried over by an
/// offset; any other is searched for near its old place, then in the whole text.
struct TextMap {
    /// `(old start, new start, length)` in bytes, in old-text order.
    equal: Vec<(usize, usize, usize)>,
    new_len: usize,
}

impl TextMap {
    fn new(old: &str, new: &str) -> Self {
        let diff = similar::TextDiff::configure()
            .algorithm(similar::Algorithm::Patience)
            .diff_lines(old, new);
        let starts = |slices: &[&str]| -> Vec<usize> {
            let mut at = 0;
            let mut out = Vec::with_capacity(slices.len() + 1);
            for slice in slices {
                out.push(at);
                at += slice.len();
            }
            out.push(at);
            out
        };
        let old_starts = starts(diff.old_slices());
        let new_starts = starts(diff.new_slices());
        let equal = diff
            .ops()
            .iter()
            .filter_map(|op| match *op {
                similar::DiffOp::Equal {
                    old_index,
                    new_index,
                    len,
                } => Some((
                    old_starts[old_index],
                    new_starts[new_index],
                    old_starts[old_index + len] - old_starts[old_index],
                )),
                _ => None,
            })
            .collect();
        TextMap {
            equal,
            new_len: new.len(),
        }
    }

    /// Places the claim whose old bytes are `bytes`.
    fn carry(
        &self,
        old: &Document,
        new: &Document,
        anchor: &Anchor,
        bytes: std::ops::Range<usize>,
    ) -> Option<(Anchor, Outcome)> {
        let with_context = bytes.start.saturating_sub(anchor.quote.prefix.len())
            ..bytes.end + anchor.quote.suffix.len();
        let region = self
            .equal
            .partition_point(|&(start, _, _)| start <= with_context.start)
            .checked_sub(1)
            .map(|idx| self.equal[idx]);
        if let Some((old_start, new_start, len)) = region
            && with_context.end <= old_start + len
        {
            let start = bytes.start - old_start + new_start;
            let placed = anchor_at(new, start, start + (bytes.end - bytes.start))?;
            let outcome = if placed.range() == anchor.range() {
                Outcome::Kept
            } else {
                Outcome::Moved
            };
            return Some((placed, outcome));
        }
        // Near its old place: between the unchanged stretches around it.
        let n_before = self
            .equal
            .partition_point(|&(start, _, len)| start + len <= bytes.start);
        let before = n_before
            .checked_sub(1)
            .map_or(0, |idx| self.equal[idx].1 + self.equal[idx].2);
        let first_after = self
            .equal
            .partition_point(|&(start, _, _)| start < bytes.end);
        let after = self
            .equal
            .get(first_after)
            .map_or(self.new_len, |&(_, new_start, _)| new_start);
        let text = new.text();
        let lo = text.floor_char_boundary(before.min(after).saturating_sub(512));
        let hi = text.ceil_char_boundary((after.max(before) + 512).min(text.len()));
        // A claim over whole sentences: how many (its changed wording must cover as many).
        let first = old.sentence(anchor.first)?;
        let last = old.sentence(anchor.last)?;
        let whole = (first.start == anchor.start && last.end == anchor.end)
            .then(|| (anchor.last.0 - anchor.first.0) as usize + 1);
        place(old.text(), new, anchor, lo..hi, whole)
    }
}

/// How well the text around bytes `at..at + len` matches the claim's old context: the
/// similarity of the prefix plus that of the suffix (0–2).
fn context_score(text: &str, at: usize, len: usize, anchor: &Anchor) -> f32 {
    let before = &text[text.floor_char_boundary(at.saturating_sub(anchor.quote.prefix.len()))..at];
    let end = at + len;
    let after =
        &text[end..text.ceil_char_boundary((end + anchor.quote.suffix.len()).min(text.len()))];
    // Most candidates' context is unchanged: equal text is a ratio of 1 without a diff.
    let ratio = |old: &str, new: &str| {
        if old == new {
            1.0
        } else {
            similar::TextDiff::from_chars(old, new).ratio()
        }
    };
    ratio(anchor.quote.prefix.as_str(), before) + ratio(anchor.quote.suffix.as_str(), after)
}

/// Claims at least this long (bytes) are placed by their text alone when it occurs once;
/// a shorter one (a heading, a name) also needs some of its old context around it.
const SELF_EVIDENT_BYTES: usize = 40;

/// Of several occurrences of the claim's text, the one whose surroundings match its old
/// context best, if clearly better than the others.
fn best_by_context(text: &str, hits: &[usize], len: usize, anchor: &Anchor) -> Option<usize> {
    let score = |at: usize| context_score(text, at, len, anchor);
    let mut scored: Vec<(f32, usize)> = hits.iter().map(|&at| (score(at), at)).collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    // Both sides of the context must largely match, and clearly better than elsewhere.
    match scored.as_slice() {
        [(best, at), (second, _), ..] if *best >= 1.6 && best - second > 0.3 => Some(*at),
        _ => None,
    }
}

/// An anchor over bytes `start..end` of `doc`'s text.
fn anchor_at(doc: &Document, start: usize, end: usize) -> Option<Anchor> {
    let index = doc.char_index();
    let text = doc.text();
    doc.anchor_chars(index.char_of(text, start)?..index.char_of(text, end)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SentenceId;

    #[test]
    fn an_update_keeps_the_article_details_and_takes_the_new_pages() {
        let mut doc =
            crate::segment::segmented_document(DocId(0), "d", "en", None, "One. Two.".to_owned());
        doc.meta.authors = vec!["Emma Cole".to_owned()];
        doc.meta.published = Some("2026-08-20".to_owned());
        let mut builder = Session::builder("t", Timestamp::EPOCH);
        builder.document(doc);
        let mut session = builder.build().expect("valid");
        let update = update_document(
            &session,
            DocId(0),
            "One. Three.".to_owned(),
            Timestamp::EPOCH,
        )
        .expect("update");
        session.apply(update.edit).expect("apply");
        assert_eq!(session.documents()[0].meta.authors, ["Emma Cole"]);
        let page = crate::model::ArticleMeta {
            modified: Some("2026-08-21".to_owned()),
            ..Default::default()
        };
        let update = update_document_with_meta(
            &session,
            DocId(0),
            "One. Four.".to_owned(),
            &page,
            Timestamp::EPOCH,
        )
        .expect("update");
        session.apply(update.edit).expect("apply");
        let meta = &session.documents()[0].meta;
        assert_eq!(meta.authors, ["Emma Cole"]);
        assert_eq!(meta.published.as_deref(), Some("2026-08-20"));
        assert_eq!(meta.modified.as_deref(), Some("2026-08-21"));
    }

    fn session_with(text: &str, claimed: &[u32]) -> Session {
        let mut builder = Session::builder("t", Timestamp::EPOCH);
        let doc = crate::segment::segmented_document(DocId(0), "d", "en", None, text.to_owned());
        for (n, &sentence) in claimed.iter().enumerate() {
            let anchor = doc
                .anchor_sentences(SentenceId(sentence), SentenceId(sentence))
                .expect("anchor");
            builder.claim(Claim::new(
                ClaimId(n as u64 + 1),
                DocId(0),
                anchor,
                Timestamp::EPOCH,
            ));
        }
        builder.document(doc);
        builder.build().expect("valid")
    }

    #[test]
    fn hand_corrections_that_still_apply_survive_an_update() {
        let old = "Vast in een spiraal van geweld Sinds 2011 is het land in oorlog. \
                   Er zijn doden. Veel doden.\n\nDe junta zwijgt.\n";
        let mut session = session_with(old, &[]);
        let texts = |session: &Session| -> Vec<String> {
            let doc = &session.documents()[0];
            (0..doc.sentences().len())
                .filter_map(|i| doc.sentence_text(SentenceId(i as u32)).map(str::to_owned))
                .collect()
        };
        assert_eq!(texts(&session).len(), 4, "{:?}", texts(&session));
        // The reviewer splits the glued subheading off and merges the two short ones.
        let at = old.find("Sinds").expect("Sinds");
        let split = crate::intent::split_sentence_edit(&session, DocId(0), at).expect("split");
        session.apply(split).expect("apply");
        let merge =
            crate::intent::merge_sentences_edit(&session, DocId(0), SentenceId(2)).expect("merge");
        session.apply(merge).expect("apply");
        let corrected = texts(&session);
        assert_eq!(
            corrected,
            [
                "Vast in een spiraal van geweld",
                "Sinds 2011 is het land in oorlog.",
                "Er zijn doden. Veel doden.",
                "De junta zwijgt."
            ]
        );
        // The last paragraph changes; the corrected lines do not: both corrections stay.
        let new = old.replace("De junta zwijgt.", "De junta zwijgt nog altijd.");
        let update =
            update_document(&session, DocId(0), new.clone(), Timestamp::EPOCH).expect("update");
        let mut updated = session.clone();
        updated.apply(update.edit).expect("apply");
        assert_eq!(texts(&updated)[..3], corrected[..3]);
        assert_eq!(texts(&updated)[3], "De junta zwijgt nog altijd.");
        // Where the words around a correction were rewritten, the segmenter decides
        // there again; the other correction stays.
        let rewritten = new.replace(
            "Er zijn doden. Veel doden.",
            "Er zijn doden gevallen. Veel.",
        );
        let update =
            update_document(&updated, DocId(0), rewritten, Timestamp::EPOCH).expect("update");
        let mut again = updated.clone();
        again.apply(update.edit).expect("apply");
        assert_eq!(
            texts(&again),
            [
                "Vast in een spiraal van geweld",
                "Sinds 2011 is het land in oorlog.",
                "Er zijn doden gevallen.",
                "Veel.",
                "De junta zwijgt nog altijd."
            ]
        );
    }

    #[test]
    fn kept_moved_changed_and_orphaned() {
        let old = "Mali has been at war since 2012. At least 10,000 people have died. \
                   Russia sends instructors. France leaves the country.";
        let session = session_with(old, &[0, 1, 2, 3]);
        // The number is corrected, a sentence moves to the front, one is deleted.
        let new = "France leaves the country. Mali has been at war since 2012. \
                   At least 8,200 people have died.";
        let update =
            update_document(&session, DocId(0), new.to_owned(), Timestamp::EPOCH).expect("update");
        let outcome = |n: u64| {
            update
                .outcomes
                .iter()
                .find(|o| o.id == ClaimId(n))
                .map(|o| o.outcome)
        };
        assert_eq!(outcome(1), Some(Outcome::Moved));
        assert_eq!(outcome(2), Some(Outcome::Changed));
        assert_eq!(outcome(3), Some(Outcome::Orphaned));
        assert_eq!(outcome(4), Some(Outcome::Moved));
        let mut updated = session.clone();
        let undo = updated.apply(update.edit).expect("applies");
        assert_eq!(updated.validate(), Ok(()));
        let changed = updated.claim(ClaimId(2)).expect("changed claim");
        assert_eq!(
            changed.anchor.quote.exact,
            "At least 8,200 people have died."
        );
        assert_eq!(
            changed.previous_wording.as_deref(),
            Some("At least 10,000 people have died.")
        );
        assert_eq!(updated.orphans().len(), 1);
        assert_eq!(
            updated.orphans()[0].anchor.quote.exact,
            "Russia sends instructors."
        );
        let doc = &updated.documents()[0];
        assert_eq!(doc.versions.len(), 1);
        assert_eq!(doc.versions[0].text, old);
        // A claim on text that did not change at all is kept.
        updated.apply(undo).expect("undo");
        assert_eq!(updated, session);
        let same_start = "Mali has been at war since 2012. At least 10,000 people have died. \
                          Russia sends instructors. France left long ago.";
        let update = update_document(&session, DocId(0), same_start.to_owned(), Timestamp::EPOCH)
            .expect("update");
        let summary = update.summary();
        assert_eq!((summary.kept, summary.moved, summary.changed), (3, 0, 0));
        // "France left long ago." is too unlike the old claim: an orphan, not a guess.
        assert_eq!(summary.orphaned, 1, "{:?}", update.outcomes);
        assert_eq!(
            summary.to_string(),
            "kept 3, moved 0, changed 0, orphaned 1"
        );
    }

    #[test]
    fn ambiguity_makes_an_orphan_never_a_guess() {
        let old = "It is true. The minister said so. It is false.";
        let session = session_with(old, &[0]);
        // "It is true." now occurs twice, in contexts that match it equally badly.
        let new = "Nothing else. It is true. Other words. It is true. More.";
        let update =
            update_document(&session, DocId(0), new.to_owned(), Timestamp::EPOCH).expect("update");
        assert_eq!(
            update.outcomes[0].outcome,
            Outcome::Orphaned,
            "{:?}",
            update.outcomes
        );
    }
}
