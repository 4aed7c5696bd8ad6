//! Every change to a session, as a value that can be applied and inverted.
//!
//! [`Session::apply`] is the only way anything changes a session. It checks the edit
//! against the session, performs it, and returns the edit that undoes it; on error the
//! session is left exactly as it was. [`crate::history`] stores those inverses, and
//! [`crate::intent`] builds the edits the GUI and the CLI make.

use thiserror::Error;

use super::ids::MIN_LABEL_DIGITS;
use super::{
    Alignment, Anchor, ArticleMeta, Claim, ClaimField, ClaimId, Conflict, DocId, Document, Session,
    SessionMeta, Source, SourceField, ValidationError,
};
use crate::timestamp::Timestamp;

/// One change to a session.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    AddDocument(Box<Document>),
    /// Refused while claims still refer to the document.
    RemoveDocument(DocId),
    AddClaim(Box<Claim>),
    RemoveClaim(ClaimId),
    /// Replaces one field of a claim and its `modified` time.
    SetClaimField {
        id: ClaimId,
        value: ClaimField,
        modified: Timestamp,
    },
    /// Replaces one field of source `index` of a claim (or an orphan) and its `modified`.
    SetSourceField {
        id: ClaimId,
        index: usize,
        value: SourceField,
        modified: Timestamp,
    },
    /// Puts `source` at `index` of a claim's sources (`index` may be their number: at the
    /// end).
    InsertSource {
        id: ClaimId,
        index: usize,
        source: Box<Source>,
        modified: Timestamp,
    },
    /// Takes source `index` out of a claim's sources.
    RemoveSource {
        id: ClaimId,
        index: usize,
        modified: Timestamp,
    },
    SetMeta(Box<SessionMeta>),
    /// Replaces a document's title and article metadata (author, dates, address).
    SetDocumentDetails {
        doc: DocId,
        title: String,
        meta: Box<ArticleMeta>,
    },
    /// Marks `doc` as a translation (or other version) of `of`, or unmarks it.
    SetTranslationOf {
        doc: DocId,
        of: Option<DocId>,
    },
    /// Stores, replaces or (with `None`) removes the alignment of documents `a` and `b`.
    SetAlignment {
        a: DocId,
        b: DocId,
        alignment: Option<Box<Alignment>>,
    },
    /// Replaces a document (its text segmented anew, or a new version of its text),
    /// moving the anchors of its claims to the new text in the same step; every claim
    /// left on the document must fit the new text.
    ReplaceDocument {
        doc: Box<Document>,
        anchors: Vec<(ClaimId, Anchor)>,
    },
    /// Moves a claim to the orphans (an update could not place it), optionally giving it
    /// `anchor` (in the text it was made on).
    OrphanClaim {
        id: ClaimId,
        anchor: Option<Box<Anchor>>,
    },
    /// Brings an orphan back among the claims, at `anchor` in the current text (or at its
    /// own anchor, which must fit).
    AdoptOrphan {
        id: ClaimId,
        anchor: Option<Box<Anchor>>,
    },
    /// Records a merge conflict (the inverse of resolving one).
    AddConflict(Box<Conflict>),
    /// Removes an orphaned claim (a reviewer, or a merge conflict's resolution, decided it
    /// goes); refused while a conflict is recorded on it.
    RemoveOrphan(ClaimId),
    /// Puts an orphaned claim back (the inverse of removing one).
    AddOrphan(Box<Claim>),
    /// Drops a recorded conflict, found by value: the resolution itself is the other edits
    /// of the same batch.
    RemoveConflict(Box<Conflict>),
    /// Several edits applied in order, all or none.
    Batch(Vec<Edit>),
}

/// Puts `value` and `modified` into `claim`; returns the edit that puts the old ones back.
fn set_field(claim: &mut Claim, value: ClaimField, modified: Timestamp) -> Edit {
    let id = claim.id;
    let old_value = value.swap_into(claim);
    let old_modified = std::mem::replace(&mut claim.modified, modified);
    Edit::SetClaimField {
        id,
        value: old_value,
        modified: old_modified,
    }
}

impl Edit {
    /// A short description for undo/redo menus, e.g. "Set verdict".
    /// What the edit does, in the reviewer's words, naming the claim by its short label:
    /// "Edit rationale of claim #9a3f". `session` is the session before the edit.
    pub fn describe(&self, session: &Session) -> String {
        let claim = |id: ClaimId| {
            let label = session.claim_label(id);
            if label.is_empty() {
                format!("#{}", &id.hex()[..MIN_LABEL_DIGITS])
            } else {
                label
            }
        };
        match self {
            Edit::AddClaim(new) => format!("Mark claim {}", claim(new.id)),
            Edit::RemoveClaim(id) => format!("Unmark claim {}", claim(*id)),
            Edit::SetClaimField { id, value, .. } => {
                let id = claim(*id);
                match value {
                    ClaimField::Verdict(verdict) => {
                        format!("Set verdict of claim {id} to {}", verdict.label())
                    }
                    ClaimField::Status(status) => {
                        format!("Set status of claim {id} to {}", status.label())
                    }
                    ClaimField::Text(_) => format!("Edit the wording of claim {id}"),
                    ClaimField::Claimant(_) => format!("Edit claimant of claim {id}"),
                    ClaimField::Sources(_) => format!("Edit sources of claim {id}"),
                    ClaimField::Note(_) => format!("Edit rationale of claim {id}"),
                    ClaimField::Reviewer(_) => format!("Edit reviewer of claim {id}"),
                    ClaimField::Anchor(_) | ClaimField::Span(..) => {
                        format!("Change the span of claim {id}")
                    }
                    ClaimField::Counterpart(Some(_)) => format!("Link claim {id}"),
                    ClaimField::Counterpart(None) => format!("Unlink claim {id}"),
                    ClaimField::PreviousWording(_) => {
                        format!("Mark claim {id} as changed by an update")
                    }
                }
            }
            Edit::SetSourceField {
                id, index, value, ..
            } => format!(
                "Edit the {} of source {} of claim {}",
                value.label(),
                index + 1,
                claim(*id)
            ),
            Edit::InsertSource { id, .. } => format!("Add a source to claim {}", claim(*id)),
            Edit::RemoveSource { id, index, .. } => {
                format!("Remove source {} of claim {}", index + 1, claim(*id))
            }
            Edit::Batch(edits) => match edits.as_slice() {
                [only] => only.describe(session),
                [first, ..] => {
                    let ids = self.claim_ids();
                    match ids.first() {
                        Some(&id) if ids.iter().all(|&other| other == id) => {
                            format!("{} changes to claim {}", edits.len(), claim(id))
                        }
                        _ => first.describe(session) + &format!(" and {} more", edits.len() - 1),
                    }
                }
                [] => "No change".to_owned(),
            },
            _ => self.label(),
        }
    }

    /// The claims the edit adds, removes or changes, in order, each once.
    pub fn claim_ids(&self) -> Vec<ClaimId> {
        let mut ids = Vec::new();
        self.collect_claim_ids(&mut ids);
        ids
    }

    fn collect_claim_ids(&self, ids: &mut Vec<ClaimId>) {
        let id = match self {
            Edit::AddClaim(claim) => claim.id,
            Edit::RemoveClaim(id)
            | Edit::RemoveOrphan(id)
            | Edit::SetClaimField { id, .. }
            | Edit::SetSourceField { id, .. }
            | Edit::InsertSource { id, .. }
            | Edit::RemoveSource { id, .. } => *id,
            Edit::AddOrphan(claim) => claim.id,
            Edit::Batch(edits) => {
                for edit in edits {
                    edit.collect_claim_ids(ids);
                }
                return;
            }
            _ => return,
        };
        if !ids.contains(&id) {
            ids.push(id);
        }
    }

    pub fn label(&self) -> String {
        match self {
            Edit::AddDocument(_) => "Add document".to_owned(),
            Edit::RemoveDocument(_) => "Remove document".to_owned(),
            Edit::AddClaim(_) => "Mark claim".to_owned(),
            Edit::RemoveClaim(_) => "Unmark claim".to_owned(),
            Edit::SetClaimField { value, .. } => format!("Set {}", value.name()),
            Edit::SetSourceField { index, value, .. } => {
                format!("Edit the {} of source {}", value.label(), index + 1)
            }
            Edit::InsertSource { .. } => "Add source".to_owned(),
            Edit::RemoveSource { index, .. } => format!("Remove source {}", index + 1),
            Edit::SetMeta(_) => "Edit session details".to_owned(),
            Edit::SetDocumentDetails { .. } => "Edit article details".to_owned(),
            Edit::SetTranslationOf { .. } => "Mark translation".to_owned(),
            Edit::SetAlignment { .. } => "Change alignment".to_owned(),
            Edit::ReplaceDocument { doc, .. } => {
                format!("Segment “{}” as {}", doc.title, doc.language)
            }
            Edit::OrphanClaim { .. } => "Orphan claim".to_owned(),
            Edit::AdoptOrphan { .. } => "Attach orphaned claim".to_owned(),
            Edit::RemoveOrphan(_) => "Remove orphaned claim".to_owned(),
            Edit::AddOrphan(_) => "Restore orphaned claim".to_owned(),
            Edit::AddConflict(_) => "Reopen conflict".to_owned(),
            Edit::RemoveConflict(conflict) => format!("Resolve conflict on {}", conflict.subject()),
            Edit::Batch(edits) => match edits.as_slice() {
                [only] => only.label(),
                _ => format!("{} changes", edits.len()),
            },
        }
    }
}

/// Why an edit was refused. The session is unchanged.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum EditError {
    #[error("there is no claim {0}")]
    NoSuchClaim(ClaimId),
    #[error("there is no document {0}")]
    NoSuchDocument(DocId),
    #[error("claim id {0} is already taken")]
    ClaimExists(ClaimId),
    #[error("document id {0} is already taken")]
    DocumentExists(DocId),
    #[error("document {doc} still has {n_claims} claim(s); remove them first")]
    DocumentHasClaims { doc: DocId, n_claims: usize },
    #[error("document {doc} still has {n_orphans} orphaned claim(s); attach or remove them first")]
    DocumentHasOrphans { doc: DocId, n_orphans: usize },
    #[error("document {doc} is still aligned with or translated by another document")]
    DocumentIsLinked { doc: DocId },
    #[error("claim {claim} is linked from claim {by}; unlink it first")]
    ClaimIsLinked { claim: ClaimId, by: ClaimId },
    #[error("claim {0} has unresolved merge conflicts; resolve them first")]
    ClaimHasConflicts(ClaimId),
    #[error("claim {0} is orphaned: attach it to the text before changing its span")]
    OrphanHasNoSpan(ClaimId),
    #[error("claim {claim} has no source {}", index + 1)]
    NoSuchSource { claim: ClaimId, index: usize },
    #[error("there is no such conflict (already resolved?)")]
    NoSuchConflict,
    #[error("that conflict is already recorded")]
    ConflictExists,
    #[error(transparent)]
    Invalid(#[from] ValidationError),
}

impl Session {
    /// The position of claim `id` if it may leave the claims: nothing links to it and no
    /// merge conflict is recorded on it.
    fn removable_claim(&self, id: ClaimId) -> Result<usize, EditError> {
        self.claim_that_may_leave(id, |_| true)
    }

    /// The position of claim `id` if it may go among the orphans: nothing links to it and
    /// no conflict about its span is recorded (one about its content goes with it).
    fn orphanable_claim(&self, id: ClaimId) -> Result<usize, EditError> {
        self.claim_that_may_leave(id, Conflict::is_about_span)
    }

    /// The position of claim `id` if nothing links to it and no conflict on it is one
    /// that `blocks`.
    fn claim_that_may_leave(
        &self,
        id: ClaimId,
        blocks: impl Fn(&Conflict) -> bool,
    ) -> Result<usize, EditError> {
        let idx = self
            .claim_position(id)
            .map_err(|_| EditError::NoSuchClaim(id))?;
        if let Some(by) = self.claims.iter().find(|c| c.counterpart == Some(id)) {
            return Err(EditError::ClaimIsLinked {
                claim: id,
                by: by.id,
            });
        }
        if self.conflicts_of(id).any(blocks) {
            return Err(EditError::ClaimHasConflicts(id));
        }
        Ok(idx)
    }

    /// Claim `id`, or the orphaned claim `id`, to change its sources.
    fn claim_or_orphan_mut(&mut self, id: ClaimId) -> Result<&mut Claim, EditError> {
        if let Ok(idx) = self.claim_position(id) {
            return Ok(&mut self.claims[idx]);
        }
        let idx = self
            .orphans
            .binary_search_by_key(&id, |c| c.id)
            .map_err(|_| EditError::NoSuchClaim(id))?;
        Ok(&mut self.orphans[idx])
    }

    /// Sets a field of an orphaned claim: its content, never its span (which stays in the
    /// text the claim was made on until it is attached again).
    fn set_orphan_field(
        &mut self,
        id: ClaimId,
        value: ClaimField,
        modified: Timestamp,
    ) -> Result<Edit, EditError> {
        let idx = self
            .orphans
            .binary_search_by_key(&id, |c| c.id)
            .map_err(|_| EditError::NoSuchClaim(id))?;
        match &value {
            ClaimField::Anchor(_) | ClaimField::Span(..) => {
                return Err(EditError::OrphanHasNoSpan(id));
            }
            ClaimField::Counterpart(Some(other)) => {
                return Err(EditError::NoSuchClaim(*other));
            }
            _ => {}
        }
        Ok(set_field(&mut self.orphans[idx], value, modified))
    }

    /// Applies `edit` and returns its inverse. On error nothing has changed.
    pub fn apply(&mut self, edit: Edit) -> Result<Edit, EditError> {
        match edit {
            Edit::AddDocument(doc) => {
                let slot = match self.doc_position(doc.id) {
                    Ok(_) => return Err(EditError::DocumentExists(doc.id)),
                    Err(slot) => slot,
                };
                // Checked against this session, so undoing the removal of a translation
                // finds its original.
                doc.validate_sentences()?;
                if let Some(of) = doc.translation_of
                    && (of == doc.id || self.document(of).is_none())
                {
                    return Err(ValidationError::UnknownOriginal { doc: doc.id, of }.into());
                }
                let id = doc.id;
                self.documents.insert(slot, *doc);
                Ok(Edit::RemoveDocument(id))
            }
            Edit::RemoveDocument(id) => {
                let idx = self
                    .doc_position(id)
                    .map_err(|_| EditError::NoSuchDocument(id))?;
                let n_claims = self.claims.iter().filter(|c| c.doc == id).count();
                if n_claims > 0 {
                    return Err(EditError::DocumentHasClaims { doc: id, n_claims });
                }
                // An orphaned claim keeps its document (its span is in an earlier text).
                let n_orphans = self.orphans.iter().filter(|c| c.doc == id).count();
                if n_orphans > 0 {
                    return Err(EditError::DocumentHasOrphans { doc: id, n_orphans });
                }
                let is_linked = self.alignments.iter().any(|al| al.a == id || al.b == id)
                    || self.documents.iter().any(|d| d.translation_of == Some(id));
                if is_linked {
                    return Err(EditError::DocumentIsLinked { doc: id });
                }
                Ok(Edit::AddDocument(Box::new(self.documents.remove(idx))))
            }
            Edit::AddClaim(claim) => {
                let slot = match self.claim_position(claim.id) {
                    Ok(_) => return Err(EditError::ClaimExists(claim.id)),
                    Err(slot) => slot,
                };
                self.validate_claim(&claim)?;
                let id = claim.id;
                self.claims.insert(slot, *claim);
                Ok(Edit::RemoveClaim(id))
            }
            Edit::RemoveClaim(id) => {
                let idx = self.removable_claim(id)?;
                Ok(Edit::AddClaim(Box::new(self.claims.remove(idx))))
            }
            Edit::SetClaimField {
                id,
                value,
                modified,
            } => {
                let Ok(idx) = self.claim_position(id) else {
                    return self.set_orphan_field(id, value, modified);
                };
                if matches!(value, ClaimField::Anchor(_) | ClaimField::Span(..)) {
                    let mut probe = self.claims[idx].clone();
                    value.clone().swap_into(&mut probe);
                    self.validate_claim(&probe)?;
                }
                if let ClaimField::Counterpart(Some(other)) = &value
                    && (self.claim(*other).is_none() || *other == id)
                {
                    return Err(EditError::NoSuchClaim(*other));
                }
                Ok(set_field(&mut self.claims[idx], value, modified))
            }
            Edit::SetSourceField {
                id,
                index,
                value,
                modified,
            } => {
                let claim = self.claim_or_orphan_mut(id)?;
                let source = claim
                    .sources
                    .get_mut(index)
                    .ok_or(EditError::NoSuchSource { claim: id, index })?;
                let value = value.swap_into(source);
                let modified = std::mem::replace(&mut claim.modified, modified);
                Ok(Edit::SetSourceField {
                    id,
                    index,
                    value,
                    modified,
                })
            }
            Edit::InsertSource {
                id,
                index,
                source,
                modified,
            } => {
                let claim = self.claim_or_orphan_mut(id)?;
                if index > claim.sources.len() {
                    return Err(EditError::NoSuchSource { claim: id, index });
                }
                claim.sources.insert(index, *source);
                let modified = std::mem::replace(&mut claim.modified, modified);
                Ok(Edit::RemoveSource {
                    id,
                    index,
                    modified,
                })
            }
            Edit::RemoveSource {
                id,
                index,
                modified,
            } => {
                let claim = self.claim_or_orphan_mut(id)?;
                if index >= claim.sources.len() {
                    return Err(EditError::NoSuchSource { claim: id, index });
                }
                let source = claim.sources.remove(index);
                let modified = std::mem::replace(&mut claim.modified, modified);
                Ok(Edit::InsertSource {
                    id,
                    index,
                    source: Box::new(source),
                    modified,
                })
            }
            Edit::SetMeta(meta) => Ok(Edit::SetMeta(Box::new(std::mem::replace(
                &mut self.meta,
                *meta,
            )))),
            Edit::SetDocumentDetails { doc, title, meta } => {
                let idx = self
                    .doc_position(doc)
                    .map_err(|_| EditError::NoSuchDocument(doc))?;
                let document = &mut self.documents[idx];
                let old_title = std::mem::replace(&mut document.title, title);
                let old_meta = std::mem::replace(&mut document.meta, *meta);
                Ok(Edit::SetDocumentDetails {
                    doc,
                    title: old_title,
                    meta: Box::new(old_meta),
                })
            }
            Edit::SetTranslationOf { doc, of } => {
                if let Some(original) = of
                    && (original == doc || self.document(original).is_none())
                {
                    return Err(EditError::NoSuchDocument(original));
                }
                let idx = self
                    .doc_position(doc)
                    .map_err(|_| EditError::NoSuchDocument(doc))?;
                let old = std::mem::replace(&mut self.documents[idx].translation_of, of);
                Ok(Edit::SetTranslationOf { doc, of: old })
            }
            Edit::SetAlignment { a, b, alignment } => {
                if let Some(new) = &alignment {
                    if (new.a, new.b) != (a, b) {
                        return Err(EditError::Invalid(ValidationError::BadAlignment {
                            a,
                            b,
                            problem: "the alignment is for other documents".to_owned(),
                        }));
                    }
                    self.validate_alignment(new)?;
                }
                let existing = self.alignments.iter().position(|al| (al.a, al.b) == (a, b));
                let old = existing.map(|idx| Box::new(self.alignments.remove(idx)));
                if let Some(new) = alignment {
                    self.alignments.push(*new);
                    self.alignments.sort_by_key(|al| (al.a, al.b));
                }
                Ok(Edit::SetAlignment {
                    a,
                    b,
                    alignment: old,
                })
            }
            Edit::ReplaceDocument { doc, anchors } => {
                let idx = self
                    .doc_position(doc.id)
                    .map_err(|_| EditError::NoSuchDocument(doc.id))?;
                doc.validate_sentences()?;
                let is_aligned = self
                    .alignments
                    .iter()
                    .any(|al| al.a == doc.id || al.b == doc.id);
                if is_aligned {
                    return Err(EditError::DocumentIsLinked { doc: doc.id });
                }
                // Every claim on the document must fit the new sentences, moved or not.
                for claim in self.claims.iter().filter(|c| c.doc == doc.id) {
                    let anchor = anchors
                        .iter()
                        .find(|(id, _)| *id == claim.id)
                        .map_or(&claim.anchor, |(_, anchor)| anchor);
                    doc.validate_anchor(claim.id, anchor)?;
                }
                let mut old_anchors = Vec::with_capacity(anchors.len());
                for (id, anchor) in anchors {
                    let at = self
                        .claim_position(id)
                        .map_err(|_| EditError::NoSuchClaim(id))?;
                    if self.claims[at].doc != doc.id {
                        return Err(EditError::NoSuchClaim(id));
                    }
                    old_anchors.push((id, std::mem::replace(&mut self.claims[at].anchor, anchor)));
                }
                let mut doc = *doc;
                doc.translation_of = self.documents[idx].translation_of;
                let old_doc = std::mem::replace(&mut self.documents[idx], doc);
                Ok(Edit::ReplaceDocument {
                    doc: Box::new(old_doc),
                    anchors: old_anchors,
                })
            }
            Edit::OrphanClaim { id, anchor } => {
                let idx = self.orphanable_claim(id)?;
                let mut claim = self.claims.remove(idx);
                let old_anchor =
                    anchor.map(|anchor| Box::new(std::mem::replace(&mut claim.anchor, *anchor)));
                let slot = self
                    .orphans
                    .binary_search_by_key(&id, |c| c.id)
                    .unwrap_or_else(|slot| slot);
                self.orphans.insert(slot, claim);
                Ok(Edit::AdoptOrphan {
                    id,
                    anchor: old_anchor,
                })
            }
            Edit::AdoptOrphan { id, anchor } => {
                let idx = self
                    .orphans
                    .binary_search_by_key(&id, |c| c.id)
                    .map_err(|_| EditError::NoSuchClaim(id))?;
                let mut claim = self.orphans[idx].clone();
                let old_anchor =
                    anchor.map(|anchor| Box::new(std::mem::replace(&mut claim.anchor, *anchor)));
                if claim
                    .counterpart
                    .is_some_and(|other| self.claim(other).is_none())
                {
                    claim.counterpart = None;
                }
                self.validate_claim(&claim)?;
                let slot = match self.claim_position(id) {
                    Ok(_) => return Err(EditError::ClaimExists(id)),
                    Err(slot) => slot,
                };
                self.orphans.remove(idx);
                self.claims.insert(slot, claim);
                Ok(Edit::OrphanClaim {
                    id,
                    anchor: old_anchor,
                })
            }
            Edit::RemoveOrphan(id) => {
                let idx = self
                    .orphans
                    .binary_search_by_key(&id, |c| c.id)
                    .map_err(|_| EditError::NoSuchClaim(id))?;
                if self.conflicts_of(id).next().is_some() {
                    return Err(EditError::ClaimHasConflicts(id));
                }
                Ok(Edit::AddOrphan(Box::new(self.orphans.remove(idx))))
            }
            Edit::AddOrphan(claim) => {
                if self.claim(claim.id).is_some() {
                    return Err(EditError::ClaimExists(claim.id));
                }
                let slot = match self.orphans.binary_search_by_key(&claim.id, |c| c.id) {
                    Ok(_) => return Err(EditError::ClaimExists(claim.id)),
                    Err(slot) => slot,
                };
                if self.document(claim.doc).is_none() {
                    return Err(EditError::NoSuchDocument(claim.doc));
                }
                let id = claim.id;
                self.orphans.insert(slot, *claim);
                Ok(Edit::RemoveOrphan(id))
            }
            Edit::AddConflict(conflict) => {
                if self.conflicts.contains(&conflict) {
                    return Err(EditError::ConflictExists);
                }
                self.validate_conflict(&conflict)?;
                self.conflicts.push((*conflict).clone());
                self.conflicts.sort_by_key(Conflict::sort_key);
                Ok(Edit::RemoveConflict(conflict))
            }
            Edit::RemoveConflict(conflict) => {
                let idx = self
                    .conflicts
                    .iter()
                    .position(|c| *c == *conflict)
                    .ok_or(EditError::NoSuchConflict)?;
                Ok(Edit::AddConflict(Box::new(self.conflicts.remove(idx))))
            }
            Edit::Batch(edits) => {
                let mut inverses = Vec::with_capacity(edits.len());
                for edit in edits {
                    match self.apply(edit) {
                        Ok(inverse) => inverses.push(inverse),
                        Err(err) => {
                            // Roll back what was applied so the batch is all or nothing.
                            for inverse in inverses.into_iter().rev() {
                                let _ = self.apply(inverse);
                            }
                            return Err(err);
                        }
                    }
                }
                inverses.reverse();
                Ok(Edit::Batch(inverses))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{SentenceId, Verdict};

    fn session_with_doc() -> Session {
        let mut session = Session::new("t", Timestamp::EPOCH);
        let doc = crate::segment::segmented_document(
            DocId(0),
            "doc",
            "en",
            None,
            "One claim. Two claims. Three.".to_owned(),
        );
        session
            .apply(Edit::AddDocument(Box::new(doc)))
            .expect("add document");
        session
    }

    fn claim_on(session: &Session, sentence: u32) -> Claim {
        let anchor = session.documents()[0]
            .anchor_sentences(SentenceId(sentence), SentenceId(sentence))
            .expect("anchor");
        // Sequential ids keep the expectations below readable.
        let id = ClaimId(session.claims().len() as u64);
        Claim::new(id, DocId(0), anchor, Timestamp::EPOCH)
    }

    #[test]
    fn add_then_inverse_restores() {
        let mut session = session_with_doc();
        let before = session.clone();
        let claim = claim_on(&session, 1);
        let inverse = session.apply(Edit::AddClaim(Box::new(claim))).expect("add");
        assert_eq!(session.claims.len(), 1);
        session.apply(inverse).expect("undo");
        assert_eq!(session, before);
    }

    #[test]
    fn set_field_swaps_value_and_modified() {
        let mut session = session_with_doc();
        let claim = claim_on(&session, 0);
        session.apply(Edit::AddClaim(Box::new(claim))).expect("add");
        let inverse = session
            .apply(Edit::SetClaimField {
                id: ClaimId(0),
                value: ClaimField::Verdict(Verdict::False),
                modified: Timestamp::from_unix_secs(99),
            })
            .expect("set");
        assert_eq!(session.claims()[0].verdict, Verdict::False);
        assert_eq!(session.claims()[0].modified, Timestamp::from_unix_secs(99));
        assert_eq!(
            inverse,
            Edit::SetClaimField {
                id: ClaimId(0),
                value: ClaimField::Verdict(Verdict::Unrated),
                modified: Timestamp::EPOCH,
            }
        );
    }

    #[test]
    fn translation_alignment_and_links_are_edits_too() {
        let mut session = session_with_doc();
        let translation = crate::segment::segmented_document(
            DocId(1),
            "vertaling",
            "nl",
            None,
            "Een bewering. Twee beweringen. Drie.".to_owned(),
        );
        session
            .apply(Edit::AddDocument(Box::new(translation)))
            .expect("add translation");
        let original = session.clone();
        let pairs = crate::align::align_documents(&session.documents()[0], &session.documents[1]);
        let edits = vec![
            Edit::SetTranslationOf {
                doc: DocId(1),
                of: Some(DocId(0)),
            },
            Edit::SetAlignment {
                a: DocId(0),
                b: DocId(1),
                alignment: Some(Box::new(Alignment::new(DocId(0), DocId(1), pairs))),
            },
        ];
        let inverse = session.apply(Edit::Batch(edits)).expect("apply");
        assert_eq!(session.documents[1].translation_of, Some(DocId(0)));
        assert!(session.alignment(DocId(1), DocId(0)).is_some());
        assert_eq!(session.validate(), Ok(()));

        let x = claim_on(&session, 0);
        session.apply(Edit::AddClaim(Box::new(x))).expect("claim x");
        let anchor = session.documents[1]
            .anchor_sentences(SentenceId(0), SentenceId(0))
            .expect("anchor");
        let y = Claim::new(ClaimId(1), DocId(1), anchor, Timestamp::EPOCH);
        session.apply(Edit::AddClaim(Box::new(y))).expect("claim y");
        session
            .apply(crate::intent::link_claims_edit(
                &session,
                ClaimId(0),
                ClaimId(1),
                Timestamp::EPOCH,
            ))
            .expect("link");
        assert_eq!(session.claims()[0].counterpart, Some(ClaimId(1)));
        assert_eq!(
            session.apply(Edit::RemoveClaim(ClaimId(1))),
            Err(EditError::ClaimIsLinked {
                claim: ClaimId(1),
                by: ClaimId(0)
            })
        );
        session
            .apply(crate::intent::remove_claim_edit(
                &session,
                ClaimId(1),
                Timestamp::EPOCH,
            ))
            .expect("unlink and remove");
        assert_eq!(session.claims()[0].counterpart, None);
        assert_eq!(session.validate(), Ok(()));
        assert_eq!(
            session.apply(Edit::RemoveDocument(DocId(1))),
            Err(EditError::DocumentIsLinked { doc: DocId(1) })
        );

        session
            .apply(Edit::RemoveClaim(ClaimId(0)))
            .expect("remove x");
        session
            .apply(inverse)
            .expect("undo translation and alignment");
        assert_eq!(session, original);
    }

    #[test]
    fn refusals_leave_session_unchanged() {
        let mut session = session_with_doc();
        let claim = claim_on(&session, 0);
        session
            .apply(Edit::AddClaim(Box::new(claim.clone())))
            .expect("add");
        let before = session.clone();

        assert_eq!(
            session.apply(Edit::AddClaim(Box::new(claim.clone()))),
            Err(EditError::ClaimExists(ClaimId(0)))
        );
        assert_eq!(
            session.apply(Edit::RemoveDocument(DocId(0))),
            Err(EditError::DocumentHasClaims {
                doc: DocId(0),
                n_claims: 1
            })
        );
        let mut bad_anchor = claim.anchor.clone();
        bad_anchor.end = 500;
        assert!(matches!(
            session.apply(Edit::SetClaimField {
                id: ClaimId(0),
                value: ClaimField::Anchor(bad_anchor),
                modified: Timestamp::EPOCH,
            }),
            Err(EditError::Invalid(_))
        ));
        // A batch whose second edit fails rolls back its first.
        let second = claim_on(&session, 1);
        assert_eq!(
            session.apply(Edit::Batch(vec![
                Edit::AddClaim(Box::new(second)),
                Edit::RemoveClaim(ClaimId(42)),
            ])),
            Err(EditError::NoSuchClaim(ClaimId(42)))
        );
        assert_eq!(session, before);
    }

    #[test]
    fn removing_a_translation_undoes() {
        // Found by the property tests: the inverse of removing a translation re-adds a
        // document that names its original, which must be checked against the session.
        let mut session = session_with_doc();
        let translation = crate::segment::segmented_document(
            DocId(1),
            "vertaling",
            "nl",
            None,
            "Een bewering.".to_owned(),
        );
        session
            .apply(Edit::AddDocument(Box::new(translation)))
            .expect("add");
        session
            .apply(Edit::SetTranslationOf {
                doc: DocId(1),
                of: Some(DocId(0)),
            })
            .expect("mark");
        let before = session.clone();
        let undo = session
            .apply(Edit::RemoveDocument(DocId(1)))
            .expect("a translation no one refers to can go");
        session.apply(undo).expect("undo");
        assert_eq!(session, before);
    }
}
