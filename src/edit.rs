//! Builders for every edit the window and the command line make.
//!
//! An [`Edit`] is applied by [`Session::apply`] (in [`crate::model::edit`]); this module
//! turns an intent ("link these two claims", "align these documents", "merge row 4 with
//! the next") into the edit that carries it out, reading the session but never changing
//! it. The GUI, the CLI and the property tests all call these, so the same intent makes
//! the same edit everywhere.

use thiserror::Error;

pub use crate::model::edit::{ClaimField, Edit, EditError};
use crate::model::{
    AlignedPair, Alignment, Claim, ClaimId, DocId, Document, Sentence, SentenceId, Session,
    SessionMeta, Source, Verdict,
};
use crate::timestamp::Timestamp;

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

impl Session {
    /// A new, unrated claim over sentences `first..=last` of `doc`, with a fresh id.
    pub fn new_claim_on_sentences(
        &self,
        doc: DocId,
        first: SentenceId,
        last: SentenceId,
        now: Timestamp,
    ) -> Result<Claim, IntentError> {
        let document = self.document(doc).ok_or(IntentError::NoSuchDocument(doc))?;
        let anchor =
            document
                .anchor_sentences(first, last)
                .ok_or(IntentError::NoSuchSentences {
                    doc,
                    first,
                    last,
                    n_sentences: document.sentences().len(),
                })?;
        Ok(Claim::new(self.new_claim_id(), doc, anchor, now))
    }

    /// The edit that removes claim `id`, first unlinking any claim that points at it and
    /// dropping the merge conflicts recorded on it (removing it decides them).
    pub fn remove_claim_edit(&self, id: ClaimId, modified: Timestamp) -> Edit {
        let mut edits: Vec<Edit> = self
            .claims()
            .iter()
            .filter(|c| c.counterpart == Some(id))
            .map(|c| Edit::SetClaimField {
                id: c.id,
                value: ClaimField::Counterpart(None),
                modified,
            })
            .collect();
        edits.extend(
            self.conflicts_of(id)
                .map(|conflict| Edit::RemoveConflict(Box::new(conflict.clone()))),
        );
        let is_orphan = self.claim(id).is_none() && self.orphans().iter().any(|o| o.id == id);
        edits.push(if is_orphan {
            Edit::RemoveOrphan(id)
        } else {
            Edit::RemoveClaim(id)
        });
        Edit::Batch(edits)
    }

    /// The edit that marks `anchor` in document `doc` as a new claim, with `verdict` when
    /// the reviewer rated it as they marked it (one step, undone as one).
    pub fn mark_claim_edit(
        &self,
        doc: DocId,
        anchor: crate::model::Anchor,
        verdict: Option<Verdict>,
        now: Timestamp,
    ) -> Result<Edit, IntentError> {
        self.document(doc).ok_or(IntentError::NoSuchDocument(doc))?;
        let mut claim = Claim::new(self.new_claim_id(), doc, anchor, now);
        if let Some(verdict) = verdict {
            claim.verdict = verdict;
        }
        Ok(Edit::AddClaim(Box::new(claim)))
    }

    /// The edit that adds `claim`, put together by the caller (the command line's
    /// `claim add`, with every field it was given).
    pub fn add_claim_edit(&self, claim: Claim) -> Edit {
        Edit::AddClaim(Box::new(claim))
    }

    /// The edit that sets several fields of claim `id` at once (one step).
    pub fn set_claim_fields_edit(
        &self,
        id: ClaimId,
        fields: Vec<ClaimField>,
        now: Timestamp,
    ) -> Edit {
        Edit::Batch(
            fields
                .into_iter()
                .map(|value| self.set_claim_field_edit(id, value, now))
                .collect(),
        )
    }

    /// The edit that attaches orphaned claim `id` to `anchor` in the current text.
    pub fn adopt_orphan_edit(&self, id: ClaimId, anchor: crate::model::Anchor) -> Edit {
        Edit::AdoptOrphan {
            id,
            anchor: Some(Box::new(anchor)),
        }
    }

    /// The edit that replaces document `doc`'s title and article details.
    pub fn set_document_details_edit(
        &self,
        doc: DocId,
        title: String,
        meta: crate::model::ArticleMeta,
    ) -> Edit {
        Edit::SetDocumentDetails {
            doc,
            title,
            meta: Box::new(meta),
        }
    }

    /// The edit that replaces the session details as the reviewer typed them (the save
    /// stamps the modified time).
    pub fn replace_meta_edit(&self, meta: SessionMeta) -> Edit {
        Edit::SetMeta(Box::new(meta))
    }

    /// The edit that sets one field of claim `id` (or of an orphaned claim: its content).
    pub fn set_claim_field_edit(&self, id: ClaimId, value: ClaimField, now: Timestamp) -> Edit {
        Edit::SetClaimField {
            id,
            value,
            modified: now,
        }
    }

    /// The edit that moves claim `id` to `anchor` on its document; "the claim as checked"
    /// follows the span while it is still the quote (a claim the reviewer reworded keeps
    /// its words).
    pub fn move_span_edit(
        &self,
        id: ClaimId,
        anchor: crate::model::Anchor,
        now: Timestamp,
    ) -> Result<Edit, IntentError> {
        let claim = self.claim(id).ok_or(IntentError::NoSuchClaim(id))?;
        let mut edits = Vec::new();
        if claim.text == claim.anchor.quote.exact {
            edits.push(self.set_claim_field_edit(
                id,
                ClaimField::Text(anchor.quote.exact.clone()),
                now,
            ));
        }
        edits.push(self.set_claim_field_edit(id, ClaimField::Anchor(anchor), now));
        Ok(Edit::Batch(edits))
    }

    /// The edit that accepts the wording an article update gave claim `id`: the update
    /// mark goes, and "the claim as checked" becomes the new wording when it was the old
    /// one (a claim whose text the reviewer had rewritten keeps it). Nothing when the
    /// claim was not changed by an update.
    pub fn accept_new_wording_edit(
        &self,
        id: ClaimId,
        modified: Timestamp,
    ) -> Result<Edit, IntentError> {
        let claim = self.claim(id).ok_or(IntentError::NoSuchClaim(id))?;
        let Some(previous) = &claim.previous_wording else {
            return Ok(Edit::Batch(Vec::new()));
        };
        let set = |value: ClaimField| Edit::SetClaimField {
            id,
            value,
            modified,
        };
        let mut edits = Vec::new();
        if claim.text == *previous && claim.text != claim.anchor.quote.exact {
            edits.push(set(ClaimField::Text(claim.anchor.quote.exact.clone())));
        }
        edits.push(set(ClaimField::PreviousWording(None)));
        Ok(Edit::Batch(edits))
    }

    /// The edit that copies claim `id` of another reviewer's session `from` into this one
    /// (adjudication): its span, verdict, sources, note, claimant and status. The claim keeps
    /// its id, so a later merge of the two sessions sees one claim; if this session has it
    /// already, its fields are set to the reviewer's. A link to a claim this session does
    /// not have is left out.
    pub fn accept_claim_edit(
        &self,
        from: &Session,
        id: ClaimId,
        now: Timestamp,
    ) -> Result<Edit, IntentError> {
        let claim = from.claim(id).ok_or(IntentError::NoSuchClaim(id))?;
        let source_doc = from
            .document(claim.doc)
            .ok_or(IntentError::NoSuchDocument(claim.doc))?;
        let doc = self
            .documents()
            .iter()
            .find(|d| d.content_hash() == source_doc.content_hash())
            .ok_or(IntentError::NotInThisSession)?;
        let anchor = doc
            .anchor_chars(claim.anchor.range())
            .ok_or(IntentError::NotInThisSession)?;
        let counterpart = claim
            .counterpart
            .filter(|other| self.claim(*other).is_some());
        let Some(existing) = self.claim(id) else {
            let mut copy = claim.clone();
            copy.doc = doc.id;
            copy.anchor = anchor;
            copy.counterpart = counterpart;
            copy.modified = now;
            return Ok(Edit::AddClaim(Box::new(copy)));
        };
        let set = |value: ClaimField| Edit::SetClaimField {
            id,
            value,
            modified: now,
        };
        let fields = [
            (existing.anchor != anchor, ClaimField::Anchor(anchor)),
            (
                existing.text != claim.text,
                ClaimField::Text(claim.text.clone()),
            ),
            (
                existing.verdict != claim.verdict,
                ClaimField::Verdict(claim.verdict),
            ),
            (
                existing.claimant != claim.claimant,
                ClaimField::Claimant(claim.claimant.clone()),
            ),
            (
                existing.sources != claim.sources,
                ClaimField::Sources(claim.sources.clone()),
            ),
            (
                existing.note != claim.note,
                ClaimField::Note(claim.note.clone()),
            ),
            (
                existing.status != claim.status,
                ClaimField::Status(claim.status),
            ),
            (
                existing.reviewer != claim.reviewer,
                ClaimField::Reviewer(claim.reviewer.clone()),
            ),
        ];
        Ok(Edit::Batch(
            fields
                .into_iter()
                .filter(|(differs, _)| *differs)
                .map(|(_, value)| set(value))
                .collect(),
        ))
    }

    /// The edit that links two claims as each other's counterpart.
    pub fn link_claims_edit(&self, x: ClaimId, y: ClaimId, modified: Timestamp) -> Edit {
        Edit::Batch(vec![
            Edit::SetClaimField {
                id: x,
                value: ClaimField::Counterpart(Some(y)),
                modified,
            },
            Edit::SetClaimField {
                id: y,
                value: ClaimField::Counterpart(Some(x)),
                modified,
            },
        ])
    }

    /// The edit that unlinks claim `id` from its counterpart, on both sides.
    pub fn unlink_claim_edit(&self, id: ClaimId, modified: Timestamp) -> Result<Edit, IntentError> {
        self.claim(id).ok_or(IntentError::NoSuchClaim(id))?;
        let edits: Vec<Edit> = self
            .claims()
            .iter()
            .filter(|c| c.id == id || c.counterpart == Some(id))
            .filter(|c| c.counterpart.is_some())
            .map(|c| Edit::SetClaimField {
                id: c.id,
                value: ClaimField::Counterpart(None),
                modified,
            })
            .collect();
        if edits.is_empty() {
            return Err(IntentError::NotLinked(id));
        }
        Ok(Edit::Batch(edits))
    }

    /// The edit that creates claim `id`'s counterpart over sentences `first..=last` of
    /// document `other` (the sentences the alignment pairs with the claim's: see
    /// `align::counterpart_sentences`, which the caller asks) and links the two; also
    /// returns the new id.
    pub fn create_linked_claim_edit(
        &self,
        id: ClaimId,
        (other, first, last): (DocId, SentenceId, SentenceId),
        now: Timestamp,
    ) -> Result<(Edit, ClaimId), IntentError> {
        let claim = self.claim(id).ok_or(IntentError::NoSuchClaim(id))?;
        let mut linked = self.new_claim_on_sentences(other, first, last, now)?;
        let new_id = linked.id;
        linked.claimant = claim.claimant.clone();
        linked.counterpart = Some(id);
        let edit = Edit::Batch(vec![
            Edit::AddClaim(Box::new(linked)),
            Edit::SetClaimField {
                id,
                value: ClaimField::Counterpart(Some(new_id)),
                modified: now,
            },
        ]);
        Ok((edit, new_id))
    }

    /// The edit that stores `pairs` (the aligner's, which the caller runs:
    /// `align::align_documents`) as the alignment of documents `a` (the original) and `b`,
    /// marks `b` as `a`'s translation unless either is already marked, and replaces any
    /// earlier alignment of the two (whichever way round it was stored).
    pub fn align_documents_edit(
        &self,
        a: DocId,
        b: DocId,
        pairs: Vec<AlignedPair>,
    ) -> Result<Edit, IntentError> {
        if a == b {
            return Err(IntentError::SameDocument);
        }
        self.document(a).ok_or(IntentError::NoSuchDocument(a))?;
        self.document(b).ok_or(IntentError::NoSuchDocument(b))?;
        Ok(self.store_alignment_edit(a, b, pairs))
    }

    /// [`Session::align_documents_edit`] once the documents are checked.
    fn store_alignment_edit(&self, a: DocId, b: DocId, pairs: Vec<AlignedPair>) -> Edit {
        let mut edits = Vec::new();
        let is_marked = self.document(b).is_some_and(|d| d.translation_of.is_some())
            || self
                .document(a)
                .is_some_and(|d| d.translation_of == Some(b));
        if !is_marked {
            edits.push(Edit::SetTranslationOf {
                doc: b,
                of: Some(a),
            });
        }
        if self.alignment(a, b).is_some_and(|al| al.a == b) {
            edits.push(Edit::SetAlignment {
                a: b,
                b: a,
                alignment: None,
            });
        }
        // Flags dismissed before still hold where the new alignment says the same.
        let dismissed = self
            .alignment(a, b)
            .map(|al| al.dismissed.clone())
            .unwrap_or_default();
        edits.push(Edit::SetAlignment {
            a,
            b,
            alignment: Some(Box::new(Alignment {
                dismissed,
                ..Alignment::new(a, b, pairs)
            })),
        });
        Edit::Batch(edits)
    }

    /// The edit that dismisses (or restores) the divergence flag recorded as `key` (see
    /// `align::Divergence::key`) of the alignment of `a` and `b`.
    pub fn dismiss_flag_edit(
        &self,
        a: DocId,
        b: DocId,
        key: crate::model::alignment::DismissedFlag,
        dismiss: bool,
    ) -> Result<Edit, IntentError> {
        let alignment = self
            .alignment(a, b)
            .ok_or(IntentError::NotAligned { a, b })?;
        let mut changed = alignment.clone();
        match (changed.dismissed.binary_search(&key), dismiss) {
            (Err(at), true) => changed.dismissed.insert(at, key),
            (Ok(at), false) => {
                changed.dismissed.remove(at);
            }
            _ => return Err(IntentError::FlagAlready { dismissed: dismiss }),
        }
        Ok(Edit::SetAlignment {
            a: alignment.a,
            b: alignment.b,
            alignment: Some(Box::new(changed)),
        })
    }

    /// The edit that corrects row `row` of the alignment of `a` and `b` by hand.
    pub fn correct_alignment_edit(
        &self,
        a: DocId,
        b: DocId,
        row: usize,
        correction: RowCorrection,
    ) -> Result<Edit, IntentError> {
        let alignment = self
            .alignment(a, b)
            .ok_or(IntentError::NotAligned { a, b })?;
        let corrected = match correction {
            RowCorrection::MergeWithNext => alignment
                .merge_row_with_next(row)
                .ok_or(IntentError::CannotMerge { row })?,
            RowCorrection::Split => {
                let (doc_a, doc_b) = (self.document(alignment.a), self.document(alignment.b));
                let length = |doc: Option<&Document>, id: u32| {
                    doc.and_then(|d| d.sentence_text(SentenceId(id)))
                        .map_or(0, |text| text.chars().count())
                };
                alignment
                    .split_row(row, &|id| length(doc_a, id), &|id| length(doc_b, id))
                    .ok_or(IntentError::CannotSplit { row })?
            }
        };
        Ok(Edit::SetAlignment {
            a: alignment.a,
            b: alignment.b,
            alignment: Some(Box::new(corrected)),
        })
    }

    /// The edit that appends `source` to claim `id`'s sources.
    pub fn add_source_edit(
        &self,
        id: ClaimId,
        source: Source,
        modified: Timestamp,
    ) -> Result<Edit, IntentError> {
        let claim = self.claim(id).ok_or(IntentError::NoSuchClaim(id))?;
        let mut sources = claim.sources.clone();
        sources.push(source);
        Ok(Edit::SetClaimField {
            id,
            value: ClaimField::Sources(sources),
            modified,
        })
    }

    /// The edit that adds a document (an article segmented by `article`: a translation,
    /// or another article of the same review) to the session, under the next free id.
    pub fn add_document_edit(&self, mut doc: Document) -> Edit {
        doc.id = self.next_doc_id();
        Edit::AddDocument(Box::new(doc))
    }

    /// The edits that remove every alignment of document `doc` (which count its sentences,
    /// so they go when its text or segmentation is replaced).
    pub fn unalign_edits(&self, doc: DocId) -> Vec<Edit> {
        self.alignments()
            .iter()
            .filter(|al| al.a == doc || al.b == doc)
            .map(|al| Edit::SetAlignment {
                a: al.a,
                b: al.b,
                alignment: None,
            })
            .collect()
    }

    /// The edit that segments document `doc` again with the rules of `language` (an ISO
    /// 639-1 code), moving its claims to the new sentences by their text positions. An
    /// alignment of the document counts its old sentences, so it is removed in the same
    /// edit (align again afterwards; undo brings it back).
    pub fn resegment_document_edit(&self, doc: DocId, language: &str) -> Result<Edit, IntentError> {
        let old = self.document(doc).ok_or(IntentError::NoSuchDocument(doc))?;
        let mut edits = self.unalign_edits(doc);
        let new = crate::segment::segmented_document(
            doc,
            old.title.clone(),
            language,
            old.origin.clone(),
            old.text().to_owned(),
        );
        let mut anchors = Vec::new();
        for claim in self.claims().iter().filter(|c| c.doc == doc) {
            let span = claim.anchor.range();
            let anchor = new
                .anchor_chars(span)
                .ok_or(IntentError::SpanBetweenSentences(claim.id))?;
            if anchor != claim.anchor {
                anchors.push((claim.id, anchor));
            }
        }
        edits.push(Edit::ReplaceDocument {
            doc: Box::new(new),
            anchors,
        });
        Ok(Edit::Batch(edits))
    }

    /// The edit that splits the sentence of document `doc` containing code point `at`
    /// there (a hand correction of the segmentation): the first part ends before `at`
    /// (trailing spaces excluded), the second starts at `at`. Claims keep exactly their
    /// text (one over the split sentence then covers both parts); an alignment row with
    /// the sentence takes both parts.
    pub fn split_sentence_edit(&self, doc: DocId, at: usize) -> Result<Edit, IntentError> {
        let document = self.document(doc).ok_or(IntentError::NoSuchDocument(doc))?;
        let idx = document
            .sentence_at(at)
            .ok_or(IntentError::NotInASentence { doc, at })?;
        let mut sentences = document.sentences().to_vec();
        if !document.split_sentences_at(&mut sentences, at) {
            return Err(IntentError::NotInASentence { doc, at });
        }
        let idx = idx.0;
        self.replace_sentences_edit(doc, sentences, |i| {
            if i > idx {
                vec![i + 1]
            } else if i == idx {
                vec![i, i + 1]
            } else {
                vec![i]
            }
        })
    }

    /// The edit that merges sentence `sentence` of document `doc` with the next one (a
    /// hand correction). Claims keep their spans; an alignment's rows follow (two rows
    /// holding the two sentences become one).
    pub fn merge_sentences_edit(
        &self,
        doc: DocId,
        sentence: SentenceId,
    ) -> Result<Edit, IntentError> {
        let document = self.document(doc).ok_or(IntentError::NoSuchDocument(doc))?;
        let n = document.sentences().len();
        let i = sentence.idx();
        if i + 1 >= n {
            return Err(IntentError::NoSuchSentences {
                doc,
                first: sentence,
                last: SentenceId(sentence.0 + 1),
                n_sentences: n,
            });
        }
        let mut sentences = document.sentences().to_vec();
        let merged = Sentence::from((sentences[i].start, sentences[i + 1].end));
        sentences.splice(i..=i + 1, [merged]);
        let i = sentence.0;
        self.replace_sentences_edit(
            doc,
            sentences,
            |j| {
                if j > i { vec![j - 1] } else { vec![j] }
            },
        )
    }

    /// Replaces `doc`'s sentences (same text), re-anchoring its claims by their spans and
    /// mapping its alignments' sentence indices with `map` (old index → new indices).
    fn replace_sentences_edit(
        &self,
        doc: DocId,
        sentences: Vec<Sentence>,
        map: impl Fn(u32) -> Vec<u32>,
    ) -> Result<Edit, IntentError> {
        let old = self.document(doc).ok_or(IntentError::NoSuchDocument(doc))?;
        let new = Document::new(
            doc,
            old.title.clone(),
            old.language.clone(),
            old.origin.clone(),
            old.text().to_owned(),
            sentences,
        );
        let mut anchors = Vec::new();
        for claim in self.claims().iter().filter(|c| c.doc == doc) {
            let span = claim.anchor.range();
            let anchor = new
                .anchor_chars(span)
                .ok_or(IntentError::SpanBetweenSentences(claim.id))?;
            if anchor != claim.anchor {
                anchors.push((claim.id, anchor));
            }
        }
        let mut before = Vec::new();
        let mut after = Vec::new();
        for alignment in self
            .alignments()
            .iter()
            .filter(|al| al.a == doc || al.b == doc)
        {
            before.push(Edit::SetAlignment {
                a: alignment.a,
                b: alignment.b,
                alignment: None,
            });
            let mut adjusted = alignment.clone();
            let side_is_a = alignment.a == doc;
            let mut pairs: Vec<AlignedPair> = Vec::new();
            for pair in &alignment.pairs {
                let mut pair = pair.clone();
                let ids = if side_is_a { &mut pair.a } else { &mut pair.b };
                let mut mapped: Vec<u32> = ids.iter().flat_map(|&i| map(i)).collect();
                mapped.dedup();
                *ids = mapped;
                // Two rows that now hold the same (merged) sentence become one.
                let overlaps = pairs.last().is_some_and(|last: &AlignedPair| {
                    let (l, p) = if side_is_a {
                        (&last.a, &pair.a)
                    } else {
                        (&last.b, &pair.b)
                    };
                    l.last().is_some_and(|x| p.first() == Some(x))
                });
                if overlaps && let Some(last) = pairs.last_mut() {
                    for i in pair.a {
                        if !last.a.contains(&i) {
                            last.a.push(i);
                        }
                    }
                    for i in pair.b {
                        if !last.b.contains(&i) {
                            last.b.push(i);
                        }
                    }
                    last.a.sort_unstable();
                    last.b.sort_unstable();
                    continue;
                }
                pairs.push(pair);
            }
            adjusted.pairs = pairs;
            adjusted.is_edited = true;
            // Dismissed flags name their rows' sentences: they follow the same map, so a
            // split or merge neither brings one back nor leaves a stale entry behind.
            let remap = |range: &std::ops::Range<u32>| -> std::ops::Range<u32> {
                if range.is_empty() {
                    return range.clone();
                }
                let ids: Vec<u32> = range.clone().flat_map(&map).collect();
                match (ids.iter().min(), ids.iter().max()) {
                    (Some(&lo), Some(&hi)) => lo..hi + 1,
                    _ => range.clone(),
                }
            };
            for flag in &mut adjusted.dismissed {
                let range = if side_is_a { &mut flag.1 } else { &mut flag.2 };
                *range = remap(range);
            }
            adjusted.dismissed.sort();
            adjusted.dismissed.dedup();
            for joined in &mut adjusted.joined {
                let (first, second) = if side_is_a {
                    (&mut joined.0, &mut joined.2)
                } else {
                    (&mut joined.1, &mut joined.3)
                };
                *first = remap(first);
                *second = remap(second);
            }
            after.push(Edit::SetAlignment {
                a: alignment.a,
                b: alignment.b,
                alignment: Some(Box::new(adjusted)),
            });
        }
        before.push(Edit::ReplaceDocument {
            doc: Box::new(new),
            anchors,
        });
        before.extend(after);
        Ok(Edit::Batch(before))
    }

    /// The edit that replaces the session details, stamping `modified`.
    pub fn set_meta_edit(&self, change: impl FnOnce(&mut SessionMeta), now: Timestamp) -> Edit {
        let mut meta = self.meta().clone();
        change(&mut meta);
        meta.modified = now;
        Edit::SetMeta(Box::new(meta))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the aligner pairs in documents `a` and `b` of `session` (none for one alone).
    pub(super) fn pairs_of(session: &Session, a: u32, b: u32) -> Vec<AlignedPair> {
        match (session.document(DocId(a)), session.document(DocId(b))) {
            (Some(doc_a), Some(doc_b)) if a != b => crate::align::align_documents(doc_a, doc_b),
            _ => Vec::new(),
        }
    }

    /// The sentences the alignment pairs with claim `id`'s.
    fn counterpart_of(session: &Session, id: ClaimId) -> (DocId, SentenceId, SentenceId) {
        let claim = session.claim(id).expect("claim");
        crate::align::counterpart_sentences(session, claim).expect("a counterpart")
    }

    fn two_documents() -> Session {
        let mut builder = Session::builder("t", Timestamp::EPOCH);
        builder
            .document(crate::segment::segmented_document(
                DocId(0),
                "original",
                "nl",
                None,
                "Sinds 2020 zijn er 10.000 doden. Rusland helpt. Frankrijk vertrok.".to_owned(),
            ))
            .document(crate::segment::segmented_document(
                DocId(1),
                "translation",
                "en",
                None,
                "Since 2020 there were 10,000 dead. Russia helps. France left.".to_owned(),
            ));
        builder.build().expect("valid")
    }

    /// The two documents aligned, and the name flag of their third row.
    fn aligned_with_a_flag() -> (Session, crate::align::Divergence) {
        let mut session = two_documents();
        let align = session
            .align_documents_edit(DocId(0), DocId(1), pairs_of(&session, 0, 1))
            .expect("align");
        session.apply(align).expect("apply");
        let flag = crate::align::Divergence {
            a: vec![2],
            b: vec![2],
            kind: crate::align::DivergenceKind::Name,
            detail: "name france only in B".to_owned(),
        };
        (session, flag)
    }

    #[test]
    fn dismissing_a_flag_is_an_undoable_saved_edit() {
        let (mut session, flag) = aligned_with_a_flag();
        let before = session.clone();
        let dismiss = session
            .dismiss_flag_edit(DocId(0), DocId(1), flag.key(), true)
            .expect("dismiss");
        let undo = session.apply(dismiss).expect("apply");
        let alignment = session.alignment(DocId(0), DocId(1)).expect("aligned");
        assert!(alignment.is_dismissed(flag.kind, &flag.a, &flag.b, &flag.detail));
        assert!(!alignment.is_dismissed(flag.kind, &flag.a, &flag.b, "name russia only in B"));
        assert_eq!(
            session.dismiss_flag_edit(DocId(0), DocId(1), flag.key(), true),
            Err(IntentError::FlagAlready { dismissed: true })
        );
        // Saved and read back, the same bytes; realigning keeps what was dismissed.
        let saved = crate::store::codec::to_ron(&session).expect("save");
        assert!(saved.contains("dismissed: [\n"), "{saved}");
        let loaded = crate::store::codec::from_ron(&saved, std::path::Path::new("t.ron"))
            .expect("load")
            .session;
        assert_eq!(crate::store::codec::to_ron(&loaded).expect("save"), saved);
        let realign = session
            .align_documents_edit(DocId(0), DocId(1), pairs_of(&session, 0, 1))
            .expect("realign");
        let mut realigned = session.clone();
        realigned.apply(realign).expect("apply");
        assert_eq!(
            realigned
                .alignment(DocId(0), DocId(1))
                .map(|al| al.dismissed.len()),
            Some(1)
        );
        session.apply(undo).expect("undo");
        assert_eq!(session, before);
    }

    #[test]
    fn a_split_or_merge_carries_dismissed_flags_with_their_rows() {
        let (mut session, flag) = aligned_with_a_flag();
        let dismiss = session
            .dismiss_flag_edit(DocId(0), DocId(1), flag.key(), true)
            .expect("dismiss");
        session.apply(dismiss).expect("apply");
        // Split the first Dutch sentence before "zijn": every later sentence moves up one.
        let at = "Sinds 2020 ".chars().count();
        let split = session.split_sentence_edit(DocId(0), at).expect("split");
        session.apply(split).expect("apply");
        let alignment = session.alignment(DocId(0), DocId(1)).expect("aligned");
        let row = alignment
            .pairs
            .iter()
            .find(|pair| pair.b == [2])
            .expect("the row of the third English sentence");
        assert_eq!(row.a, [3], "the row follows its sentence");
        assert!(alignment.is_dismissed(flag.kind, &row.a, &row.b, &flag.detail));
        assert_eq!(alignment.dismissed.len(), 1, "no stale entry");
        // And back: merging the two parts again.
        let merge = session
            .merge_sentences_edit(DocId(0), SentenceId(0))
            .expect("merge");
        session.apply(merge).expect("apply");
        let alignment = session.alignment(DocId(0), DocId(1)).expect("aligned");
        assert!(alignment.is_dismissed(flag.kind, &flag.a, &flag.b, &flag.detail));
        assert_eq!(alignment.dismissed.len(), 1);
    }

    #[test]
    fn align_link_and_correct_are_undoable_edits() {
        let mut session = two_documents();
        let original = session.clone();
        let align = session
            .align_documents_edit(DocId(0), DocId(1), pairs_of(&session, 0, 1))
            .expect("align");
        let undo_align = session.apply(align).expect("apply");
        assert_eq!(session.documents()[1].translation_of, Some(DocId(0)));
        let n_rows = session.alignments()[0].pairs.len();

        let claim = session
            .new_claim_on_sentences(DocId(0), SentenceId(0), SentenceId(0), Timestamp::EPOCH)
            .expect("claim");
        let id = claim.id;
        session.apply(Edit::AddClaim(Box::new(claim))).expect("add");
        let (link, linked) = session
            .create_linked_claim_edit(id, counterpart_of(&session, id), Timestamp::EPOCH)
            .expect("linked claim");
        session.apply(link).expect("apply link");
        assert_eq!(session.claim(id).and_then(|c| c.counterpart), Some(linked));
        assert_eq!(session.claim(linked).map(|c| c.doc), Some(DocId(1)));

        let unlink = session
            .unlink_claim_edit(linked, Timestamp::EPOCH)
            .expect("unlink");
        session.apply(unlink).expect("apply unlink");
        assert_eq!(session.claim(id).and_then(|c| c.counterpart), None);
        assert_eq!(
            session.unlink_claim_edit(id, Timestamp::EPOCH),
            Err(IntentError::NotLinked(id))
        );

        let split = session
            .correct_alignment_edit(DocId(0), DocId(1), 0, RowCorrection::Split)
            .expect("split");
        session.apply(split).expect("apply split");
        assert!(session.alignments()[0].is_edited);
        assert_eq!(session.alignments()[0].pairs.len(), n_rows + 1);

        for id in session.claims().iter().map(|c| c.id).collect::<Vec<_>>() {
            let remove = session.remove_claim_edit(id, Timestamp::EPOCH);
            session.apply(remove).expect("remove");
        }
        session.apply(undo_align).expect("undo align");
        assert_eq!(session, original);
    }

    #[test]
    fn impossible_intents_say_why() {
        let session = two_documents();
        assert_eq!(
            session.align_documents_edit(DocId(0), DocId(0), pairs_of(&session, 0, 0)),
            Err(IntentError::SameDocument)
        );
        assert_eq!(
            session.correct_alignment_edit(DocId(0), DocId(1), 0, RowCorrection::Split),
            Err(IntentError::NotAligned {
                a: DocId(0),
                b: DocId(1)
            })
        );
        assert!(matches!(
            session.new_claim_on_sentences(
                DocId(0),
                SentenceId(7),
                SentenceId(9),
                Timestamp::EPOCH
            ),
            Err(IntentError::NoSuchSentences { n_sentences: 3, .. })
        ));
    }
}

#[cfg(test)]
mod resegment_tests {
    use super::tests::pairs_of;
    use super::*;
    use crate::model::SentenceId;

    #[test]
    fn a_document_segmented_as_another_language_keeps_its_claims_and_undoes() {
        // German rules keep `dem 19. Lebensjahr` together; English ones split it.
        let text = "Er war in dem 19. Lebensjahr. Dann kam er heim. Es regnete.".to_owned();
        let mut builder = Session::builder("t", Timestamp::EPOCH);
        builder.document(crate::segment::segmented_document(
            DocId(0),
            "d",
            "en",
            None,
            text.clone(),
        ));
        builder.document(crate::segment::segmented_document(
            DocId(1),
            "e",
            "en",
            None,
            "Other text. Two.".to_owned(),
        ));
        let mut session = builder.build().expect("valid");
        let n_before = session.documents()[0].sentences().len();
        let last = SentenceId(n_before as u32 - 1);
        let claim = session
            .new_claim_on_sentences(DocId(0), last, last, Timestamp::EPOCH)
            .expect("claim");
        let id = claim.id;
        session.apply(Edit::AddClaim(Box::new(claim))).expect("add");
        let aligned = session
            .align_documents_edit(DocId(0), DocId(1), pairs_of(&session, 0, 1))
            .expect("align");
        session.apply(aligned).expect("align");
        let before = session.clone();

        let edit = session
            .resegment_document_edit(DocId(0), "de")
            .expect("edit");
        let undo = session.apply(edit).expect("apply");
        let doc = &session.documents()[0];
        assert_eq!(doc.language, "de");
        assert_eq!(doc.sentences().len(), 3, "{:?}", doc.sentences());
        assert!(n_before > 3, "English rules split the ordinal: {n_before}");
        let claim = session.claim(id).expect("claim");
        assert_eq!(claim.anchor.quote.exact, "Es regnete.");
        assert_eq!(claim.anchor.first, SentenceId(2));
        assert!(
            session.alignment(DocId(0), DocId(1)).is_none(),
            "the old alignment is gone"
        );
        assert_eq!(session.validate(), Ok(()));
        session.apply(undo).expect("undo");
        assert_eq!(session, before);
    }
}
