//! Intents that link a claim with its counterpart in the aligned document, or unlink it.

use crate::model::{ClaimField, ClaimId, DocId, Edit, SentenceId, Session};
use crate::timestamp::Timestamp;

use super::IntentError;

/// The edit that links two claims as each other's counterpart.
pub fn link_claims_edit(_session: &Session, x: ClaimId, y: ClaimId, modified: Timestamp) -> Edit {
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
pub fn unlink_claim_edit(
    session: &Session,
    id: ClaimId,
    modified: Timestamp,
) -> Result<Edit, IntentError> {
    session.claim(id).ok_or(IntentError::NoSuchClaim(id))?;
    let edits: Vec<Edit> = session
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
    session: &Session,
    id: ClaimId,
    (other, first, last): (DocId, SentenceId, SentenceId),
    now: Timestamp,
) -> Result<(Edit, ClaimId), IntentError> {
    let claim = session.claim(id).ok_or(IntentError::NoSuchClaim(id))?;
    let mut linked = super::new_claim_on_sentences(session, other, first, last, now)?;
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
