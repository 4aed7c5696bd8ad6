//! The review session: documents, their sentences, and the claims a reviewer tagged.
//!
//! This is the content that goes into the RON file, and nothing else: selection, scroll
//! position and window layout are view state and live in the GUI. The fields are private:
//! a session changes only through [`crate::intent::Edit`]s, and a whole new one is put
//! together with a [`SessionBuilder`] that ends in validation, so no importer or command
//! can make a session that `check` would refuse. Collections are kept sorted by id so a
//! saved session is deterministic and diffs well.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::alignment::{Alignment, StoredAlignment};
use super::claim::Claim;
use super::claim::ClaimField;
use super::conflict::Conflict;
use super::document::Document;
use super::ids::{ClaimId, DocId, MIN_LABEL_DIGITS, short_label};
pub use super::invalid::ValidationError;
use crate::timestamp::Timestamp;

/// The session format version this build writes; files with a larger one are refused.
/// Version 2 gave claims collision-free ids; version-1 files are migrated on load.
pub const CURRENT_VERSION: u32 = 2;

/// A whole review: what is saved to and loaded from a `.ron` file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, try_from = "StoredSession")]
pub struct Session {
    /// The format version; see [`CURRENT_VERSION`].
    pub(super) version: u32,
    pub(super) meta: SessionMeta,
    /// Sorted by id.
    pub(super) claims: Vec<Claim>,
    /// Sorted by id.
    pub(super) documents: Vec<Document>,
    /// Sentence alignments between an original and its translation, sorted by (a, b).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) alignments: Vec<Alignment>,
    /// What a merge left for a reviewer to decide, in [`Conflict::sort_key`] order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) conflicts: Vec<Conflict>,
    /// Claims an article update could not place with confidence, sorted by id. Each keeps
    /// its verdict, sources and note, and its anchor in the text it was made on (the
    /// document's earlier version), until a reviewer attaches it to the new text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) orphans: Vec<Claim>,
}
/// A session as read from a file, before it is upgraded to this build's format and
/// validated. Only the store sees one (to tell a newer file or a bad one apart with its
/// path); everything else deserializes a [`Session`], which goes through
/// [`TryFrom<StoredSession>`] and so is never unvalidated.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "Session")]
pub(crate) struct StoredSession {
    pub(crate) version: u32,
    meta: SessionMeta,
    claims: Vec<Claim>,
    documents: Vec<Document>,
    #[serde(default)]
    alignments: Vec<StoredAlignment>,
    #[serde(default)]
    conflicts: Vec<Conflict>,
    #[serde(default)]
    orphans: Vec<Claim>,
}

impl TryFrom<StoredSession> for Session {
    type Error = ValidationError;

    /// Expands the alignments, upgrades an older format and validates the whole.
    fn try_from(stored: StoredSession) -> Result<Self, Self::Error> {
        if stored.version == 0 || stored.version > CURRENT_VERSION {
            return Err(ValidationError::UnknownVersion {
                found: stored.version,
                supported: CURRENT_VERSION,
            });
        }
        let n_sentences = |id: DocId| {
            stored
                .documents
                .iter()
                .find(|doc| doc.id == id)
                .map(|doc| doc.sentences().len())
        };
        let alignments = stored
            .alignments
            .into_iter()
            .map(|alignment| {
                let (a, b) = (alignment.a, alignment.b);
                let bad = |problem: String| ValidationError::BadAlignment { a, b, problem };
                let (Some(n_a), Some(n_b)) = (n_sentences(a), n_sentences(b)) else {
                    return Err(bad("a document does not exist".to_owned()));
                };
                alignment.expand(n_a, n_b).map_err(bad)
            })
            .collect::<Result<_, _>>()?;
        let mut session = Session {
            version: stored.version,
            meta: stored.meta,
            claims: stored.claims,
            documents: stored.documents,
            alignments,
            conflicts: stored.conflicts,
            orphans: stored.orphans,
        };
        session.upgrade();
        session.validate()?;
        Ok(session)
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
            conflicts: Vec::new(),
            orphans: Vec::new(),
        }
    }

    /// A builder for a whole new session, checked once at the end.
    pub fn builder(title: impl Into<String>, now: Timestamp) -> SessionBuilder {
        SessionBuilder {
            session: Session::new(title, now),
            claim_positions: Default::default(),
        }
    }

    /// The format version the session was read as (always [`CURRENT_VERSION`] once loaded).
    pub fn version(&self) -> u32 {
        self.version
    }

    /// Title, reviewers, organisation, review URL and times.
    pub fn meta(&self) -> &SessionMeta {
        &self.meta
    }

    /// The claims, sorted by id.
    pub fn claims(&self) -> &[Claim] {
        &self.claims
    }

    /// The documents, sorted by id.
    pub fn documents(&self) -> &[Document] {
        &self.documents
    }

    /// The alignments, sorted by (a, b).
    pub fn alignments(&self) -> &[Alignment] {
        &self.alignments
    }

    /// The short label of a claim (`#3f9a`): the first hex digits of its id, as many as
    /// tell it apart from every other claim here. Empty for an unknown claim.
    pub fn claim_label(&self, id: ClaimId) -> String {
        let is_known = self.claim_position(id).is_ok()
            || self.orphans.binary_search_by_key(&id, |c| c.id).is_ok();
        if !is_known {
            return String::new();
        }
        // Told apart from every claim and orphan: the nearest ids on either side of it
        // in both (sorted) lists.
        let (mut before, mut after): (Option<ClaimId>, Option<ClaimId>) = (None, None);
        for list in [&self.claims, &self.orphans] {
            let at = list.partition_point(|c| c.id < id);
            if let Some(prev) = at.checked_sub(1).and_then(|i| list.get(i)) {
                before = before.max(Some(prev.id));
            }
            let next = list[at..].iter().find(|c| c.id != id).map(|c| c.id);
            after = match (after, next) {
                (Some(a), Some(n)) => Some(a.min(n)),
                (a, n) => a.or(n),
            };
        }
        short_label(id, before, after)
    }

    /// Finds a claim (or an orphaned claim) by its full id, its short label (with or
    /// without `#`), or any unique prefix of four or more hex digits of its id.
    pub fn find_claim(&self, wanted: &str) -> Result<ClaimId, ClaimLookupError> {
        let wanted = wanted.trim();
        let digits = wanted
            .strip_prefix('#')
            .unwrap_or(wanted)
            .to_ascii_lowercase();
        let all = || self.claims.iter().chain(&self.orphans);
        if let Ok(id) = digits.parse::<ClaimId>() {
            return all()
                .find(|claim| claim.id == id)
                .map(|claim| claim.id)
                .ok_or_else(|| ClaimLookupError::NotFound(wanted.to_owned()));
        }
        let is_prefix = digits.len() >= MIN_LABEL_DIGITS
            && digits.len() <= 16
            && digits.bytes().all(|b| b.is_ascii_hexdigit());
        if !is_prefix {
            return Err(ClaimLookupError::Malformed(wanted.to_owned()));
        }
        let mut matches = all().filter(|claim| claim.id.hex().starts_with(&digits));
        match (matches.next(), matches.next()) {
            (Some(claim), None) => Ok(claim.id),
            (Some(_), Some(_)) => Err(ClaimLookupError::Ambiguous(wanted.to_owned())),
            (None, _) => Err(ClaimLookupError::NotFound(wanted.to_owned())),
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

    /// Brings a session read from an older format version up to [`CURRENT_VERSION`]:
    /// version 1 numbered claims 0, 1, 2…, which collide between copies; each gets a
    /// collision-free id derived from what identifies it (its document's content hash,
    /// old number, creation time and span), and counterpart links follow.
    fn upgrade(&mut self) {
        if self.version == 1 {
            let hashes: std::collections::HashMap<DocId, String> = self
                .documents
                .iter()
                .map(|doc| (doc.id, doc.content_hash().to_owned()))
                .collect();
            let mut renamed = std::collections::HashMap::new();
            for claim in &mut self.claims {
                let hash = hashes.get(&claim.doc).map_or("", String::as_str);
                let new_id = ClaimId::migrated(
                    hash,
                    claim.id.0,
                    &claim.created.to_string(),
                    (claim.anchor.start, claim.anchor.end),
                );
                renamed.insert(claim.id, new_id);
                claim.id = new_id;
            }
            for claim in &mut self.claims {
                if let Some(old) = claim.counterpart {
                    claim.counterpart = Some(renamed.get(&old).copied().unwrap_or(old));
                }
            }
            self.version = CURRENT_VERSION;
        }
        self.normalize_order();
    }

    /// A fresh random claim id that no claim (or orphan) here has.
    pub fn new_claim_id(&self) -> ClaimId {
        loop {
            let id = ClaimId::random();
            if self.claim(id).is_none() && self.orphans.iter().all(|o| o.id != id) {
                return id;
            }
        }
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
    pub(crate) fn normalize_order(&mut self) {
        self.documents.sort_by_key(|doc| doc.id);
        self.claims.sort_by_key(|claim| claim.id);
        self.orphans.sort_by_key(|claim| claim.id);
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
        for conflict in &self.conflicts {
            self.validate_conflict(conflict)?;
        }
        for orphan in &self.orphans {
            if self.document(orphan.doc).is_none() {
                return Err(ValidationError::UnknownDocument {
                    claim: orphan.id,
                    doc: orphan.doc,
                });
            }
            if self.claim(orphan.id).is_some() {
                return Err(ValidationError::DuplicateClaim(orphan.id));
            }
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
        let (mut seen_a, mut seen_b) = (HashSet::new(), HashSet::new());
        for (idx, pair) in alignment.pairs.iter().enumerate() {
            let twice = |ids: &[u32], seen: &mut HashSet<u32>| {
                ids.iter().copied().find(|&id| !seen.insert(id))
            };
            if let Some(i) = twice(&pair.a, &mut seen_a).or(twice(&pair.b, &mut seen_b)) {
                return Err(bad(format!(
                    "pair {idx}: sentence {i} is already in an earlier pair"
                )));
            }
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
        // Dismissed flags and joined rows name sentences too: the same bounds as on load.
        super::alignment::check_marks_fit(
            &alignment.dismissed,
            &alignment.joined,
            na as usize,
            nb as usize,
        )
        .map_err(bad)?;
        Ok(())
    }

    /// Checks that a conflict names things the session has, and that the other side's
    /// alignment (if any) fits the documents.
    pub fn validate_conflict(&self, conflict: &Conflict) -> Result<(), ValidationError> {
        let bad = |problem: String| ValidationError::BadConflict {
            subject: conflict.subject(),
            problem,
        };
        match conflict {
            Conflict::Claim {
                claim,
                ours,
                theirs,
                ..
            } => {
                if ours.is_none() && theirs.is_none() {
                    return Err(bad("neither side has a value".to_owned()));
                }
                let is_span = |value: &ClaimField| {
                    matches!(value, ClaimField::Anchor(_) | ClaimField::Span(..))
                };
                let Some(held) = self.claim(*claim) else {
                    // A conflict on an orphan is about its content: its span waits in the
                    // text it was made on.
                    if self.orphans.iter().any(|orphan| orphan.id == *claim) {
                        if [ours, theirs].into_iter().flatten().any(is_span) {
                            return Err(bad(format!("claim {claim} is orphaned: no span")));
                        }
                        return Ok(());
                    }
                    return Err(bad(format!("claim {claim} is not in the session")));
                };
                for value in [ours, theirs].into_iter().flatten() {
                    if is_span(value) {
                        let mut probe = held.clone();
                        match value {
                            ClaimField::Anchor(anchor) => probe.anchor = anchor.clone(),
                            ClaimField::Span(doc, anchor) => {
                                probe.doc = *doc;
                                probe.anchor = anchor.clone();
                            }
                            _ => {}
                        }
                        self.validate_claim(&probe)
                            .map_err(|err| bad(format!("a recorded span: {err}")))?;
                    }
                }
            }
            Conflict::Document { doc, theirs } => {
                let Some(held) = self.document(*doc) else {
                    return Err(bad(format!("document {doc} is not in the session")));
                };
                if super::document::content_hash(&theirs.text) != theirs.content_hash {
                    return Err(bad("their text does not match its hash".to_owned()));
                }
                if held.content_hash() == theirs.content_hash {
                    return Err(bad("both sides have the same text".to_owned()));
                }
            }
            Conflict::Translation {
                doc, ours, theirs, ..
            } => {
                for id in [Some(*doc), *ours, *theirs].into_iter().flatten() {
                    if self.document(id).is_none() {
                        return Err(bad(format!("document {id} is not in the session")));
                    }
                }
            }
            Conflict::Alignment { a, b, theirs } => {
                let (Some(doc_a), Some(doc_b)) = (self.document(*a), self.document(*b)) else {
                    return Err(bad("a document is not in the session".to_owned()));
                };
                if let Some(theirs) = theirs {
                    if (theirs.a, theirs.b) != (*a, *b) {
                        return Err(bad("the recorded alignment is for other documents".into()));
                    }
                    theirs
                        .clone()
                        .expand(doc_a.sentences().len(), doc_b.sentences().len())
                        .map_err(bad)?;
                }
            }
            Conflict::Detail { .. } => {}
        }
        Ok(())
    }

    /// Claims an update could not place (see the field).
    pub fn orphans(&self) -> &[Claim] {
        &self.orphans
    }

    /// A claim or an orphaned claim, by id.
    pub fn claim_or_orphan(&self, id: ClaimId) -> Option<&Claim> {
        self.claim(id).or_else(|| {
            self.orphans
                .binary_search_by_key(&id, |c| c.id)
                .ok()
                .map(|idx| &self.orphans[idx])
        })
    }

    /// What merges left undecided, in a stable order.
    pub fn conflicts(&self) -> &[Conflict] {
        &self.conflicts
    }

    /// The conflicts about one claim.
    pub fn conflicts_of(&self, claim: ClaimId) -> impl Iterator<Item = &Conflict> {
        self.conflicts
            .iter()
            .filter(move |conflict| conflict.claim() == Some(claim))
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
/// Why a claim named on the command line was not found.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ClaimLookupError {
    #[error("no claim `{0}` in this session (`claimdesk claim list` shows the ids)")]
    NotFound(String),
    #[error("`{0}` matches several claims; give more digits of the id")]
    Ambiguous(String),
    #[error("`{0}` is not a claim id or label (e.g. #3f9a or 3f9a0c1e77b2d410)")]
    Malformed(String),
}

/// Puts a whole new session together (an import, `claimdesk new`, the sample) and checks
/// it once at the end, so it never yields a session that loading would refuse.
#[derive(Clone, Debug)]
pub struct SessionBuilder {
    session: Session,
    /// Where each claim added so far sits in `session.claims`: an import of hundreds of
    /// thousands of spans asks for each new id whether it is taken.
    claim_positions: std::collections::HashMap<ClaimId, usize>,
}

impl SessionBuilder {
    /// Replaces the session details.
    pub fn meta(&mut self, meta: SessionMeta) -> &mut Self {
        self.session.meta = meta;
        self
    }

    /// The session details so far.
    pub fn meta_ref(&self) -> &SessionMeta {
        &self.session.meta
    }

    /// Adds a document (its id must be new).
    pub fn document(&mut self, doc: Document) -> &mut Self {
        self.session.documents.push(doc);
        self
    }

    /// Adds a claim (its id must be new).
    pub fn claim(&mut self, claim: Claim) -> &mut Self {
        // A repeated id keeps its first position; `build` refuses the session then.
        self.claim_positions
            .entry(claim.id)
            .or_insert(self.session.claims.len());
        self.session.claims.push(claim);
        self
    }

    /// Adds an alignment.
    pub fn alignment(&mut self, alignment: Alignment) -> &mut Self {
        self.session.alignments.push(alignment);
        self
    }

    /// Adds an orphaned claim (its id must be new).
    pub fn orphan(&mut self, claim: Claim) -> &mut Self {
        self.session.orphans.push(claim);
        self
    }

    /// Records a merge conflict.
    pub fn conflict(&mut self, conflict: Conflict) -> &mut Self {
        self.session.conflicts.push(conflict);
        self
    }

    /// The id the next document should get.
    pub fn next_doc_id(&self) -> DocId {
        DocId(
            self.session
                .documents
                .iter()
                .map(|doc| doc.id.0 + 1)
                .max()
                .unwrap_or(0),
        )
    }

    /// A document added so far.
    pub fn find_document(&self, id: DocId) -> Option<&Document> {
        self.session.documents.iter().find(|doc| doc.id == id)
    }

    /// The documents added so far.
    pub fn documents(&self) -> &[Document] {
        &self.session.documents
    }

    /// A claim added so far, to change before the session is built.
    pub fn claim_mut(&mut self, id: ClaimId) -> Option<&mut Claim> {
        let position = *self.claim_positions.get(&id)?;
        self.session.claims.get_mut(position)
    }

    /// Whether a claim with this id was added.
    pub fn has_claim(&self, id: ClaimId) -> bool {
        self.claim_positions.contains_key(&id)
    }

    /// A claim id not used so far.
    pub fn new_claim_id(&self) -> ClaimId {
        loop {
            let id = ClaimId::random();
            if !self.has_claim(id) {
                return id;
            }
        }
    }

    /// The session, sorted and validated.
    pub fn build(self) -> Result<Session, ValidationError> {
        let mut session = self.session;
        session.normalize_order();
        session.alignments.sort_by_key(|al| (al.a, al.b));
        session.conflicts.sort_by_key(Conflict::sort_key);
        session.conflicts.dedup();
        session.validate()?;
        Ok(session)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Claim, SentenceId, Status, Verdict};

    fn sample() -> Session {
        let mut session = Session::new("t", Timestamp::EPOCH);
        session.documents.push(crate::segment::segmented_document(
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

    /// Claims with these ids on the first sentences of the sample's document.
    fn claims_with_ids(session: &Session, ids: [ClaimId; 2]) -> [Claim; 2] {
        let doc = &session.documents[0];
        ids.map(|id| {
            let sentence = SentenceId(u32::from(id != ids[0]));
            let anchor = doc.anchor_sentences(sentence, sentence).expect("anchor");
            Claim::new(id, DocId(0), anchor, Timestamp::EPOCH)
        })
    }

    #[test]
    fn version_1_ids_migrate_and_links_follow() {
        let mut session = sample();
        session.version = 1;
        let [mut first, mut second] = claims_with_ids(&session, [ClaimId(0), ClaimId(1)]);
        first.counterpart = Some(ClaimId(1));
        second.counterpart = Some(ClaimId(0));
        session.claims = vec![first, second];
        let mut copy = session.clone();
        session.upgrade();
        copy.upgrade();
        assert_eq!(session, copy, "migration is deterministic");
        assert_eq!(session.version, CURRENT_VERSION);
        assert_eq!(session.validate(), Ok(()));
        let ids: Vec<ClaimId> = session.claims.iter().map(|c| c.id).collect();
        assert!(!ids.contains(&ClaimId(0)) && !ids.contains(&ClaimId(1)));
        for claim in &session.claims {
            let other = claim.counterpart.expect("still linked");
            assert_eq!(
                session.claim(other).and_then(|c| c.counterpart),
                Some(claim.id)
            );
        }
    }

    #[test]
    fn claims_are_found_by_id_label_or_prefix() {
        let mut session = sample();
        let doc = &session.documents[0];
        let a = doc
            .anchor_sentences(SentenceId(0), SentenceId(0))
            .expect("a");
        let b = doc
            .anchor_sentences(SentenceId(1), SentenceId(1))
            .expect("b");
        session.claims = vec![
            Claim::new(
                ClaimId(0x1234_0000_0000_0000),
                DocId(0),
                a,
                Timestamp::EPOCH,
            ),
            Claim::new(
                ClaimId(0x1234_5000_0000_0000),
                DocId(0),
                b,
                Timestamp::EPOCH,
            ),
        ];
        let second = ClaimId(0x1234_5000_0000_0000);
        assert_eq!(session.claim_label(second), "#12345");
        assert_eq!(session.find_claim("#12345"), Ok(second));
        assert_eq!(session.find_claim("12345"), Ok(second));
        assert_eq!(session.find_claim("1234500000000000"), Ok(second));
        assert_eq!(
            session.find_claim("#1234"),
            Err(ClaimLookupError::Ambiguous("#1234".to_owned()))
        );
        assert!(matches!(
            session.find_claim("#9999"),
            Err(ClaimLookupError::NotFound(_))
        ));
        assert!(matches!(
            session.find_claim("#12"),
            Err(ClaimLookupError::Malformed(_))
        ));
        assert!(matches!(
            session.find_claim("zebra"),
            Err(ClaimLookupError::Malformed(_))
        ));
    }
}
