//! Intents on claims: mark, rate, reword, move, remove, adopt an orphan, accept another
//! reviewer's claim, and change a claim's sources one field at a time.

use crate::model::{
    Claim, ClaimField, ClaimId, DocId, Edit, SentenceId, Session, Source, SourceField, Verdict,
};
use crate::timestamp::Timestamp;

use super::IntentError;

/// A new, unrated claim over sentences `first..=last` of `doc`, with a fresh id.
pub fn new_claim_on_sentences(
    session: &Session,
    doc: DocId,
    first: SentenceId,
    last: SentenceId,
    now: Timestamp,
) -> Result<Claim, IntentError> {
    let document = session
        .document(doc)
        .ok_or(IntentError::NoSuchDocument(doc))?;
    let anchor = document
        .anchor_sentences(first, last)
        .ok_or(IntentError::NoSuchSentences {
            doc,
            first,
            last,
            n_sentences: document.sentences().len(),
        })?;
    Ok(Claim::new(session.new_claim_id(), doc, anchor, now))
}

/// The edit that removes claim `id`, first unlinking any claim that points at it and
/// dropping the merge conflicts recorded on it (removing it decides them).
pub fn remove_claim_edit(session: &Session, id: ClaimId, modified: Timestamp) -> Edit {
    let mut edits: Vec<Edit> = session
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
        session
            .conflicts_of(id)
            .map(|conflict| Edit::RemoveConflict(Box::new(conflict.clone()))),
    );
    let is_orphan = session.claim(id).is_none() && session.orphans().iter().any(|o| o.id == id);
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
    session: &Session,
    doc: DocId,
    anchor: crate::model::Anchor,
    verdict: Option<Verdict>,
    now: Timestamp,
) -> Result<Edit, IntentError> {
    session
        .document(doc)
        .ok_or(IntentError::NoSuchDocument(doc))?;
    let mut claim = Claim::new(session.new_claim_id(), doc, anchor, now);
    if let Some(verdict) = verdict {
        claim.verdict = verdict;
    }
    Ok(Edit::AddClaim(Box::new(claim)))
}

/// The edit that adds `claim`, put together by the caller (the command line's
/// `claim add`, with every field it was given).
pub fn add_claim_edit(_session: &Session, claim: Claim) -> Edit {
    Edit::AddClaim(Box::new(claim))
}

/// The edit that sets several fields of claim `id` at once (one step).
pub fn set_claim_fields_edit(
    session: &Session,
    id: ClaimId,
    fields: Vec<ClaimField>,
    now: Timestamp,
) -> Edit {
    Edit::Batch(
        fields
            .into_iter()
            .map(|value| set_claim_field_edit(session, id, value, now))
            .collect(),
    )
}

/// The edit that attaches orphaned claim `id` to `anchor` in the current text.
pub fn adopt_orphan_edit(_session: &Session, id: ClaimId, anchor: crate::model::Anchor) -> Edit {
    Edit::AdoptOrphan {
        id,
        anchor: Some(Box::new(anchor)),
    }
}

/// The edit that sets one field of claim `id` (or of an orphaned claim: its content).
pub fn set_claim_field_edit(
    _session: &Session,
    id: ClaimId,
    value: ClaimField,
    now: Timestamp,
) -> Edit {
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
    session: &Session,
    id: ClaimId,
    anchor: crate::model::Anchor,
    now: Timestamp,
) -> Result<Edit, IntentError> {
    let claim = session.claim(id).ok_or(IntentError::NoSuchClaim(id))?;
    let mut edits = Vec::new();
    if claim.text == claim.anchor.quote.exact {
        edits.push(set_claim_field_edit(
            session,
            id,
            ClaimField::Text(anchor.quote.exact.clone()),
            now,
        ));
    }
    edits.push(set_claim_field_edit(
        session,
        id,
        ClaimField::Anchor(anchor),
        now,
    ));
    Ok(Edit::Batch(edits))
}

/// The edit that accepts the wording an article update gave claim `id`: the update
/// mark goes, and "the claim as checked" becomes the new wording when it was the old
/// one (a claim whose text the reviewer had rewritten keeps it). Nothing when the
/// claim was not changed by an update.
pub fn accept_new_wording_edit(
    session: &Session,
    id: ClaimId,
    modified: Timestamp,
) -> Result<Edit, IntentError> {
    let claim = session.claim(id).ok_or(IntentError::NoSuchClaim(id))?;
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
    session: &Session,
    from: &Session,
    id: ClaimId,
    now: Timestamp,
) -> Result<Edit, IntentError> {
    let claim = from.claim(id).ok_or(IntentError::NoSuchClaim(id))?;
    let source_doc = from
        .document(claim.doc)
        .ok_or(IntentError::NoSuchDocument(claim.doc))?;
    let doc = session
        .documents()
        .iter()
        .find(|d| d.content_hash() == source_doc.content_hash())
        .ok_or(IntentError::NotInThisSession)?;
    let anchor = doc
        .anchor_chars(claim.anchor.range())
        .ok_or(IntentError::NotInThisSession)?;
    let counterpart = claim
        .counterpart
        .filter(|other| session.claim(*other).is_some());
    let Some(existing) = session.claim(id) else {
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

/// The edit that appends `source` to claim `id`'s sources.
pub fn add_source_edit(
    session: &Session,
    id: ClaimId,
    source: Source,
    modified: Timestamp,
) -> Result<Edit, IntentError> {
    let claim = session.claim(id).ok_or(IntentError::NoSuchClaim(id))?;
    Ok(Edit::InsertSource {
        id,
        index: claim.sources.len(),
        source: Box::new(source),
        modified,
    })
}

/// The edit that sets one field of source `index` of claim `id` (each field its own
/// edit, so two changes to one source in one frame never undo each other).
pub fn set_source_field_edit(
    _session: &Session,
    id: ClaimId,
    index: usize,
    value: SourceField,
    modified: Timestamp,
) -> Edit {
    Edit::SetSourceField {
        id,
        index,
        value,
        modified,
    }
}

/// The edit that removes source `index` of claim `id`.
pub fn remove_source_edit(
    _session: &Session,
    id: ClaimId,
    index: usize,
    modified: Timestamp,
) -> Edit {
    Edit::RemoveSource {
        id,
        index,
        modified,
    }
}
