//! Resolving what a merge left undecided: keeping one side's value, or one the reviewer
//! wrote. Each resolution is one edit (with the conflict's removal), so undo reopens the
//! conflict. Here, above both the edit builders and updates, because keeping their text
//! of a document both sides updated is an update.

use crate::intent::{ClaimField, Edit, IntentError};
use crate::model::{Conflict, DetailField, DocId, MergeSide, Session};
use crate::timestamp::Timestamp;

/// Conflict number `idx`, in [`conflicts`] order.
fn conflict_at(session: &Session, idx: usize) -> Result<&Conflict, IntentError> {
    session
        .conflicts()
        .get(idx)
        .ok_or(IntentError::NoSuchConflict(idx))
}

/// The edit that resolves conflict number `idx` (in [`conflicts`] order) by
/// keeping `side`'s value. Keeping the side that removed a claim removes it (with the
/// claim's other conflicts); keeping the value the session holds only drops the record.
pub fn resolve_conflict_edit(
    session: &Session,
    idx: usize,
    side: MergeSide,
    modified: Timestamp,
) -> Result<Edit, IntentError> {
    let conflict = conflict_at(session, idx)?;
    let drop = Edit::RemoveConflict(Box::new(conflict.clone()));
    let value_edit = match conflict {
        Conflict::Claim {
            claim,
            ours,
            theirs,
            ..
        } => match if side == MergeSide::Ours {
            ours
        } else {
            theirs
        } {
            None => return Ok(crate::intent::remove_claim_edit(session, *claim, modified)),
            Some(_) if side == conflict.held() => None,
            // A link to a claim removed since (by resolving its own conflict) leaves
            // the claim unlinked.
            Some(ClaimField::Counterpart(Some(other))) if session.claim(*other).is_none() => {
                Some(Edit::SetClaimField {
                    id: *claim,
                    value: ClaimField::Counterpart(None),
                    modified,
                })
            }
            Some(value) => Some(Edit::SetClaimField {
                id: *claim,
                value: value.clone(),
                modified,
            }),
        },
        Conflict::Translation { doc, theirs, .. } => {
            (side == MergeSide::Theirs).then_some(Edit::SetTranslationOf {
                doc: *doc,
                of: *theirs,
            })
        }
        Conflict::Alignment { a, b, theirs } => match side {
            MergeSide::Ours => None,
            MergeSide::Theirs => {
                let alignment = match theirs {
                    None => None,
                    Some(stored) => {
                        let n =
                            |doc: DocId| session.document(doc).map_or(0, |d| d.sentences().len());
                        let expanded = stored
                            .clone()
                            .expand(n(*a), n(*b))
                            .map_err(|_| IntentError::NotAligned { a: *a, b: *b })?;
                        Some(Box::new(expanded))
                    }
                };
                Some(Edit::SetAlignment {
                    a: *a,
                    b: *b,
                    alignment,
                })
            }
        },
        Conflict::Document { doc, theirs } => match side {
            MergeSide::Ours => None,
            // Their text becomes the current one: an update, every claim placed by
            // the update's rules (or orphaned).
            MergeSide::Theirs => Some(
                crate::update::update_document(session, *doc, theirs.text.clone(), modified)
                    .map_err(|err| match err {
                        crate::update::UpdateError::Intent(err) => err,
                        crate::update::UpdateError::Unchanged => IntentError::NoSuchConflict(idx),
                    })?
                    .edit,
            ),
        },
        Conflict::Detail { field, theirs, .. } => (side == MergeSide::Theirs).then(|| {
            let value = theirs.clone();
            crate::intent::set_meta_edit(
                session,
                |meta| {
                    let optional = (!value.is_empty()).then(|| value.clone());
                    match field {
                        DetailField::Title => meta.title = value.clone(),
                        DetailField::Organisation => meta.organisation.name = value.clone(),
                        DetailField::OrganisationUrl => meta.organisation.url = optional,
                        DetailField::ReviewUrl => meta.review_url = optional,
                    }
                },
                modified,
            )
        }),
    };
    // The record goes first, so undo puts it back last, once the value it records is
    // back (a document's text conflict is valid only while the texts differ).
    Ok(Edit::Batch([drop].into_iter().chain(value_edit).collect()))
}

/// The edit that resolves a claim conflict with a value the reviewer wrote (the
/// "edit" choice of the conflict panel).
pub fn resolve_conflict_with_edit(
    session: &Session,
    idx: usize,
    value: ClaimField,
    modified: Timestamp,
) -> Result<Edit, IntentError> {
    let conflict = conflict_at(session, idx)?;
    let Conflict::Claim { claim, .. } = conflict else {
        return Err(IntentError::NoSuchConflict(idx));
    };
    Ok(Edit::Batch(vec![
        Edit::SetClaimField {
            id: *claim,
            value,
            modified,
        },
        Edit::RemoveConflict(Box::new(conflict.clone())),
    ]))
}
