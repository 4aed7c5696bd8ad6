//! `import --into`: bringing an import into a session the reviewer already has, as one
//! edit (documents by their text, claims by id or by span, links where both claims are
//! there, missing claims named or removed when asked).

use thiserror::Error;

use super::import::{ImportCounts, Imported, anchor_for_span};
use crate::model::{Claim, ClaimId, Session};
use crate::timestamp::Timestamp;

/// Why an import cannot be merged into a session.
#[derive(Debug, Error)]
pub enum MergeImportError {
    #[error(
        "none of the file's documents is in the session (their texts differ); import it as a \
         new session with -o instead"
    )]
    NoCommonDocument,
}

/// How an import is brought into an existing session.
#[derive(Clone, Copy, Debug, Default)]
pub struct MergeImportOptions {
    /// Remove the session's claims whose span the file no longer has (deleted in the
    /// other tool); by default they are kept and listed.
    pub remove_missing: bool,
}

/// What [`merge_into`] makes of an import: the one edit, its counts, and what to tell
/// the user.
#[derive(Debug)]
pub struct MergedImport {
    pub edit: crate::intent::Edit,
    pub counts: ImportCounts,
    pub warnings: Vec<String>,
}

/// The one edit that brings an import into an existing `session`: documents are matched
/// by their text (content hash); on them, a claim of the file is the session's claim with
/// its id, else the session's claim on the same span (so importing the same file twice
/// changes nothing the second time); such claims take the file's verdict and (when it
/// has one) note; the others are added. Claims the file no longer has are kept and
/// named, or removed with [`MergeImportOptions::remove_missing`]. Links between claims
/// that the file carries are made where both claims are in the session. Documents the
/// session does not have are left out, with a warning each.
pub fn merge_into(
    session: &Session,
    imported: &Imported,
    now: Timestamp,
    options: MergeImportOptions,
) -> Result<MergedImport, MergeImportError> {
    use crate::intent::{ClaimField, Edit};
    let mut counts = ImportCounts::default();
    let mut warnings = Vec::new();
    let mut edits = Vec::new();
    let mut taken: std::collections::HashSet<ClaimId> =
        session.claims().iter().map(|c| c.id).collect();
    // The imported claim ids as they are in the session after the edit.
    let mut in_session: std::collections::HashMap<ClaimId, ClaimId> =
        std::collections::HashMap::new();
    let mut missing = Vec::new();
    let mut n_matched = 0;
    for doc in imported.session.documents() {
        let Some(target) = session
            .documents()
            .iter()
            .find(|d| d.content_hash() == doc.content_hash())
        else {
            warnings.push(format!(
                "document “{}” is not in the session (its text differs); its claims were left out",
                doc.title
            ));
            continue;
        };
        n_matched += 1;
        let incoming: Vec<&Claim> = imported.session.claims_in(doc.id);
        let mut matched_existing = std::collections::HashSet::new();
        for claim in &incoming {
            let by_id = session.claim(claim.id).filter(|c| c.doc == target.id);
            let by_span = || {
                session.claims_in(target.id).into_iter().find(|c| {
                    c.anchor.range() == claim.anchor.range() && !matched_existing.contains(&c.id)
                })
            };
            match by_id.or_else(by_span) {
                Some(existing) => {
                    matched_existing.insert(existing.id);
                    in_session.insert(claim.id, existing.id);
                    let set = |value| Edit::SetClaimField {
                        id: existing.id,
                        value,
                        modified: now,
                    };
                    let mut changed = false;
                    if existing.verdict != claim.verdict {
                        edits.push(set(ClaimField::Verdict(claim.verdict)));
                        changed = true;
                    }
                    if !claim.note.is_empty() && existing.note != claim.note {
                        edits.push(set(ClaimField::Note(claim.note.clone())));
                        changed = true;
                    }
                    if changed {
                        counts.relabelled += 1;
                    } else {
                        counts.kept += 1;
                    }
                }
                None => {
                    let mut added = (*claim).clone();
                    added.doc = target.id;
                    added.counterpart = None;
                    // The same text, but the session's own sentences (they may have been
                    // segmented otherwise, or corrected by hand).
                    let Some(anchor) =
                        anchor_for_span(target, claim.anchor.start, claim.anchor.end)
                    else {
                        warnings.push(format!(
                            "a span at {}..{} of “{}” covers no sentence; left out",
                            claim.anchor.start, claim.anchor.end, doc.title
                        ));
                        continue;
                    };
                    added.anchor = anchor;
                    if taken.contains(&added.id) {
                        added.id = session.new_claim_id();
                        while taken.contains(&added.id) {
                            added.id = session.new_claim_id();
                        }
                    }
                    taken.insert(added.id);
                    in_session.insert(claim.id, added.id);
                    edits.push(Edit::AddClaim(Box::new(added)));
                    counts.added += 1;
                }
            }
        }
        for claim in session.claims_in(target.id) {
            if !matched_existing.contains(&claim.id) {
                missing.push(claim.id);
            }
        }
    }
    if n_matched == 0 {
        return Err(MergeImportError::NoCommonDocument);
    }
    counts.missing = missing.len();
    // Links the file carries, where both claims are now in the session and free.
    let mut linked = std::collections::HashSet::new();
    for claim in imported.session.claims() {
        let (Some(&id), Some(other)) = (in_session.get(&claim.id), claim.counterpart) else {
            continue;
        };
        let Some(&other) = in_session.get(&other) else {
            continue;
        };
        let current = |id: ClaimId| session.claim(id).and_then(|c| c.counterpart);
        let is_free = |id: ClaimId| current(id).is_none_or(|to| to == other || to == id);
        if id < other && is_free(id) && is_free(other) && current(id) != Some(other) {
            linked.extend([id, other]);
            edits.push(Edit::SetClaimField {
                id,
                value: ClaimField::Counterpart(Some(other)),
                modified: now,
            });
            edits.push(Edit::SetClaimField {
                id: other,
                value: ClaimField::Counterpart(Some(id)),
                modified: now,
            });
        }
    }
    if !missing.is_empty() {
        let labels: Vec<String> = missing.iter().map(|id| session.claim_label(*id)).collect();
        if options.remove_missing {
            warnings.push(format!(
                "removed {} claim(s) whose span the file no longer has: {}",
                missing.len(),
                labels.join(", ")
            ));
            // Each removal is built on the session as the edits before it leave it (a
            // removed claim's links are undone once, by the first removal that meets them).
            let mut scratch = session.clone();
            if scratch.apply(Edit::Batch(edits.clone())).is_ok() {
                for id in &missing {
                    let removal = crate::intent::remove_claim_edit(&scratch, *id, now);
                    if scratch.apply(removal.clone()).is_ok() {
                        edits.push(removal);
                    }
                }
            }
        } else {
            warnings.push(format!(
                "{} claim(s) of the session have no span in the file (removed in the other \
                 tool?) and were kept: {}; pass --remove-missing to remove them",
                missing.len(),
                labels.join(", ")
            ));
        }
    }
    Ok(MergedImport {
        edit: Edit::Batch(edits),
        counts,
        warnings,
    })
}
