//! Three-way merge of review sessions: what two reviewers did apart to copies of one
//! session, put together without losing a claim.
//!
//! **Documents** keep an identity across article updates: a document on one side is the
//! same article as one on the other when they share a text anywhere in their histories
//! (the current text or an earlier version), preferring the same id. When one side
//! updated a document, the merge takes that side's text, sentences and history, and first
//! carries the other side (and the base) onto it with the update's own placement rules
//! ([`crate::update::rebase_onto`]): a claim the other side added or moved on the old text
//! lands on the new one or becomes an orphan, exactly as the update would have put it.
//! A document updated on both sides to different texts is a [`Conflict::Document`]: the
//! merge holds ours, with their claims carried onto it, and keeps their text.
//!
//! **Claims** are matched by their collision-free ids, **orphans** with them: a claim's
//! place (its document and span, or orphaned) is one value. A change made on one side is
//! taken; the same change on both is taken once; different changes to the same field
//! become a recorded [`Conflict`] that keeps both values, so the merged session is always
//! valid and a reviewer decides later (in the window's conflict panel). A claim removed on
//! one side and changed on the other is kept, with a conflict. Sources merge as a set by
//! URL, reviewers as a set, and `modified` is the later time.
//!
//! The result depends only on the three sessions (the same inputs give the same bytes),
//! and swapping ours and theirs gives the same claims with the conflicts' sides swapped.

use std::collections::{HashMap, HashSet};

use thiserror::Error;

use crate::model::conflict::describe_field;
use crate::model::{
    Alignment, Anchor, Claim, ClaimId, Conflict, DetailField, DocId, Document, DocumentVersion,
    MergeSide, Session, SessionMeta, Source, StoredAlignment, ValidationError,
};
use crate::model::{ClaimField, FieldKind};

mod claims;
mod documents;
pub mod resolve;
pub use resolve::{resolve_conflict_edit, resolve_conflict_with_edit};

use claims::{Kept, Place, merge_claims, merge_meta};
use documents::{DocGroups, merge_alignments, merge_documents, merge_translation_marks};

/// Why sessions could not be merged at all (a merge with conflicts is still a success).
#[derive(Debug, Error)]
pub enum MergeError {
    #[error(
        "the merged session would not be valid ({0}); the sessions may come from different \
         articles segmented differently"
    )]
    Invalid(#[from] ValidationError),
    #[error("could not carry {side}'s claims onto the updated text of document {doc}: {problem}")]
    Rebase {
        side: &'static str,
        doc: DocId,
        problem: String,
    },
}

/// A merged session and the conflicts this merge added to it.
#[derive(Debug)]
pub struct Merged {
    pub session: Session,
    /// The conflicts found by this merge (the session also keeps any earlier ones).
    pub new_conflicts: Vec<Conflict>,
}

const BASE: usize = 0;
const OURS: usize = 1;
const THEIRS: usize = 2;
const SIDE_NAMES: [&str; 3] = ["the base", "ours", "theirs"];

/// Merges `ours` and `theirs`, which both started from `base`. An empty base (see
/// [`Session::new`]) stands for "no common ancestor": everything is then an addition.
pub fn merge(base: &Session, ours: &Session, theirs: &Session) -> Result<Merged, MergeError> {
    let groups = DocGroups::match_sides([base, ours, theirs]);
    let ids = groups.merged_ids([base, ours, theirs]);
    let mut conflicts = Vec::new();
    let [base, ours, theirs] = groups.rebase([base, ours, theirs], &ids, &mut conflicts)?;
    let sides = Sides {
        base: Side::new(&base, &groups.of[BASE]),
        ours: Side::new(&ours, &groups.of[OURS]),
        theirs: Side::new(&theirs, &groups.of[THEIRS]),
    };
    let claims = merge_claims(&sides, &ids, &mut conflicts);
    let alignments = merge_alignments(&sides, &ids, &mut conflicts);
    let documents = merge_documents(&sides, &ids, &claims, &alignments, &conflicts);
    let documents = merge_translation_marks(&sides, &ids, documents, &mut conflicts);
    let meta = merge_meta(
        sides.base.session.meta(),
        sides.ours.session.meta(),
        sides.theirs.session.meta(),
        &mut conflicts,
    );

    // Spans taken from the other side are anchored in the merged documents' sentences.
    let docs: HashMap<DocId, &Document> = documents.iter().map(|doc| (doc.id, doc)).collect();
    let (mut placed, mut orphans) = (Vec::new(), Vec::new());
    for (_, (place, mut claim)) in claims {
        claim.doc = ids[place.group];
        claim.anchor = place.anchor;
        if place.is_orphan {
            orphans.push(claim);
            continue;
        }
        if let Some(doc) = docs.get(&claim.doc) {
            claim.anchor = reanchor(doc, &claim.anchor);
        }
        placed.push(claim);
    }
    // A link to a claim that ended up orphaned (or gone) cannot be kept: orphans link to
    // nothing, as after an update.
    let linkable: HashSet<ClaimId> = placed.iter().map(|c| c.id).collect();
    for claim in placed.iter_mut().chain(orphans.iter_mut()) {
        if claim
            .counterpart
            .is_some_and(|other| !linkable.contains(&other))
        {
            claim.counterpart = None;
        }
    }
    let claim_docs: HashMap<ClaimId, DocId> = placed
        .iter()
        .chain(&orphans)
        .map(|c| (c.id, c.doc))
        .collect();
    let mut new_conflicts: Vec<Conflict> = conflicts
        .into_iter()
        .map(|conflict| reanchor_conflict(conflict, &claim_docs, &docs))
        .filter(|conflict| match conflict {
            // A link conflict whose link had to go is no longer a choice.
            Conflict::Claim {
                claim,
                ours: Some(ClaimField::Counterpart(_)),
                ..
            }
            | Conflict::Claim {
                claim,
                theirs: Some(ClaimField::Counterpart(_)),
                ..
            } => linkable.contains(claim),
            _ => true,
        })
        .collect();
    new_conflicts.sort_by_key(Conflict::sort_key);
    let earlier: Vec<Conflict> = earlier_conflicts(&sides, &ids)
        .filter(|conflict| {
            conflict
                .claim()
                .is_none_or(|id| claim_docs.contains_key(&id))
        })
        .collect();

    let mut builder = Session::builder(meta.title.clone(), meta.created);
    builder.meta(meta);
    for doc in documents {
        builder.document(doc);
    }
    for claim in placed {
        builder.claim(claim);
    }
    for orphan in orphans {
        builder.orphan(orphan);
    }
    for alignment in alignments {
        builder.alignment(alignment);
    }
    for conflict in new_conflicts.iter().cloned().chain(earlier) {
        builder.conflict(conflict);
    }
    let session = builder.build()?;
    Ok(Merged {
        session,
        new_conflicts,
    })
}

/// One line per conflict, for stderr and `claimdesk check`:
/// `claim #3f2a verdict: ours False, theirs Mostly true (base Unrated)`.
pub fn summary_line(session: &Session, conflict: &Conflict) -> String {
    match conflict {
        Conflict::Claim {
            claim,
            base,
            ours,
            theirs,
        } => {
            let base = match base {
                Some(value) => describe_field(Some(value)),
                None => "(not there)".to_owned(),
            };
            format!(
                "claim {} {}: ours {}, theirs {} (base {base})",
                session.claim_label(*claim),
                conflict.subject(),
                describe_field(ours.as_ref()),
                describe_field(theirs.as_ref()),
            )
        }
        Conflict::Translation {
            base, ours, theirs, ..
        } => {
            let name = |of: &Option<DocId>| match of {
                Some(doc) => format!("translates document {doc}"),
                None => "not a translation".to_owned(),
            };
            format!(
                "{}: ours {}, theirs {} (base {})",
                conflict.subject(),
                name(ours),
                name(theirs),
                name(base)
            )
        }
        Conflict::Alignment { theirs, .. } => {
            let theirs = match theirs {
                Some(stored) => format!(
                    "{} rows{}",
                    stored.n_pairs(),
                    if stored.is_edited() {
                        ", corrected by hand"
                    } else {
                        ""
                    }
                ),
                None => "removed".to_owned(),
            };
            format!(
                "{}: both sides changed it; ours kept, theirs {theirs}",
                conflict.subject()
            )
        }
        Conflict::Detail {
            base, ours, theirs, ..
        } => format!(
            "{}: ours {ours:?}, theirs {theirs:?} (base {base:?})",
            conflict.subject()
        ),
        Conflict::Document { doc, theirs } => {
            let words = |text: &str| text.split_whitespace().count();
            let ours = session.document(*doc).map_or(0, |held| words(held.text()));
            format!(
                "{}: both sides updated it; ours kept ({ours} words, their claims carried \
                 onto it), theirs another version ({} words)",
                conflict.subject(),
                words(&theirs.text)
            )
        }
    }
}

/// One side of the merge: its session (carried onto the kept texts) and its claims and
/// orphans by id, each with its document's group.
struct Side<'a> {
    session: &'a Session,
    group_of: &'a HashMap<DocId, usize>,
    claims: HashMap<ClaimId, (&'a Claim, bool)>,
}

impl<'a> Side<'a> {
    fn new(session: &'a Session, group_of: &'a HashMap<DocId, usize>) -> Self {
        let claims = session
            .claims()
            .iter()
            .map(|c| (c.id, (c, false)))
            .chain(session.orphans().iter().map(|c| (c.id, (c, true))))
            .collect();
        Side {
            session,
            group_of,
            claims,
        }
    }

    fn group(&self, doc: DocId) -> usize {
        self.group_of.get(&doc).copied().unwrap_or(usize::MAX)
    }

    fn document(&self, group: usize) -> Option<&'a Document> {
        self.session
            .documents()
            .iter()
            .find(|doc| self.group(doc.id) == group)
    }

    /// Where a claim of this side is: its document's group, its span, orphaned or not.
    fn place(&self, claim: &Claim, is_orphan: bool) -> Place {
        Place {
            group: self.group(claim.doc),
            is_orphan,
            anchor: claim.anchor.clone(),
        }
    }
}

struct Sides<'a> {
    base: Side<'a>,
    ours: Side<'a>,
    theirs: Side<'a>,
}

/// The three-way pick of one value: `Err` when both sides changed it differently.
fn pick<T: PartialEq + Clone>(base: Option<&T>, ours: &T, theirs: &T) -> Result<T, ()> {
    if ours == theirs || Some(theirs) == base {
        Ok(ours.clone())
    } else if Some(ours) == base {
        Ok(theirs.clone())
    } else {
        Err(())
    }
}

/// Conflicts recorded by earlier merges on either side, with their document ids mapped
/// to the merged ones.
fn earlier_conflicts<'a>(
    sides: &'a Sides,
    ids: &'a [DocId],
) -> impl Iterator<Item = Conflict> + 'a {
    let mapped = |side: &'a Side<'a>| {
        side.session.conflicts().iter().map(move |conflict| {
            let map = |doc: DocId| ids.get(side.group(doc)).copied().unwrap_or(doc);
            match conflict.clone() {
                Conflict::Translation {
                    doc,
                    base,
                    ours,
                    theirs,
                } => Conflict::Translation {
                    doc: map(doc),
                    base: base.map(map),
                    ours: ours.map(map),
                    theirs: theirs.map(map),
                },
                Conflict::Alignment { a, b, theirs } => Conflict::Alignment {
                    a: map(a),
                    b: map(b),
                    theirs: theirs.map(|mut stored| {
                        (stored.a, stored.b) = (map(a), map(b));
                        stored
                    }),
                },
                Conflict::Document { doc, theirs } => Conflict::Document {
                    doc: map(doc),
                    theirs,
                },
                Conflict::Claim {
                    claim,
                    base,
                    ours,
                    theirs,
                } => {
                    let map_field = |value: Option<ClaimField>| match value {
                        Some(ClaimField::Span(doc, anchor)) => {
                            Some(ClaimField::Span(map(doc), anchor))
                        }
                        other => other,
                    };
                    Conflict::Claim {
                        claim,
                        base: map_field(base),
                        ours: map_field(ours),
                        theirs: map_field(theirs),
                    }
                }
                other => other,
            }
        })
    };
    mapped(&sides.ours).chain(mapped(&sides.theirs))
}

/// A span recorded in a conflict, anchored in the merged document.
fn reanchor_conflict(
    conflict: Conflict,
    claim_docs: &HashMap<ClaimId, DocId>,
    docs: &HashMap<DocId, &Document>,
) -> Conflict {
    let Conflict::Claim {
        claim,
        base,
        ours,
        theirs,
    } = conflict
    else {
        return conflict;
    };
    let doc = claim_docs.get(&claim).and_then(|id| docs.get(id)).copied();
    let fix = |value: Option<ClaimField>| match (value, doc) {
        (Some(ClaimField::Anchor(anchor)), Some(doc)) => {
            Some(ClaimField::Anchor(reanchor(doc, &anchor)))
        }
        (value, _) => value,
    };
    Conflict::Claim {
        claim,
        base: fix(base),
        ours: fix(ours),
        theirs: fix(theirs),
    }
}

/// `anchor` in `doc`: unchanged when it fits, otherwise with its sentences found again
/// from its code-point span (the same text segmented by another version).
fn reanchor(doc: &Document, anchor: &Anchor) -> Anchor {
    if doc
        .anchor_span(anchor.first, anchor.last, anchor.range())
        .as_ref()
        == Some(anchor)
    {
        return anchor.clone();
    }
    doc.anchor_chars(anchor.range())
        .unwrap_or_else(|| anchor.clone())
}
