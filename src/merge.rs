//! Three-way merge of review sessions: what two reviewers did apart to copies of one
//! session, put together without losing a claim.
//!
//! Documents are matched by content hash (each side may have numbered them differently),
//! claims by their collision-free ids. A change made on one side is taken; the same change
//! on both is taken once; different changes to the same field become a recorded
//! [`Conflict`] that keeps both values, so the merged session is always valid and a
//! reviewer decides later (in the window's conflict panel). A claim removed on one side
//! and changed on the other is kept, with a conflict. Sources merge as a set by URL,
//! reviewers as a set, and `modified` is the later time.
//!
//! The result depends only on the three sessions (the same inputs give the same bytes),
//! and swapping ours and theirs gives the same claims with the conflicts' sides swapped.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use thiserror::Error;

use crate::edit::ClaimField;
use crate::model::conflict::describe_field;
use crate::model::{
    Alignment, Anchor, Claim, ClaimId, Conflict, DetailField, DocId, Document, MergeSide, Session,
    SessionMeta, Source, StoredAlignment, ValidationError,
};

/// Why sessions could not be merged at all (a merge with conflicts is still a success).
#[derive(Debug, Error)]
pub enum MergeError {
    #[error(
        "the merged session would not be valid ({0}); the sessions may come from different \
         articles segmented differently"
    )]
    Invalid(#[from] ValidationError),
}

/// A merged session and the conflicts this merge added to it.
#[derive(Debug)]
pub struct Merged {
    pub session: Session,
    /// The conflicts found by this merge (the session also keeps any earlier ones).
    pub new_conflicts: Vec<Conflict>,
}

/// Merges `ours` and `theirs`, which both started from `base`. An empty base (see
/// [`Session::new`]) stands for "no common ancestor": everything is then an addition.
pub fn merge(base: &Session, ours: &Session, theirs: &Session) -> Result<Merged, MergeError> {
    let sides = Sides {
        base: Side::new(base),
        ours: Side::new(ours),
        theirs: Side::new(theirs),
    };
    let mut conflicts = Vec::new();
    let ids = assign_doc_ids(&sides);
    let claims = merge_claims(&sides, &mut conflicts);
    let alignments = merge_alignments(&sides, &ids, &mut conflicts);
    let documents = merge_documents(&sides, &ids, &claims, &alignments, &conflicts);
    let documents = merge_translation_marks(&sides, &ids, documents, &mut conflicts);
    let meta = merge_meta(base.meta(), ours.meta(), theirs.meta(), &mut conflicts);

    // Spans taken from the other side are anchored in the merged documents' sentences.
    let docs: HashMap<DocId, &Document> = documents.iter().map(|doc| (doc.id, doc)).collect();
    let claims: Vec<Claim> = claims
        .into_values()
        .map(|(hash, mut claim)| {
            claim.doc = ids[hash.as_str()];
            if let Some(doc) = docs.get(&claim.doc) {
                claim.anchor = reanchor(doc, &claim.anchor);
            }
            claim
        })
        .collect();
    let claim_docs: HashMap<ClaimId, DocId> = claims.iter().map(|c| (c.id, c.doc)).collect();
    let mut new_conflicts: Vec<Conflict> = conflicts
        .into_iter()
        .map(|conflict| reanchor_conflict(conflict, &claim_docs, &docs))
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
    for claim in claims {
        builder.claim(claim);
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
    }
}

/// One side of the merge, indexed by content hash.
struct Side<'a> {
    session: &'a Session,
    by_hash: HashMap<&'a str, &'a Document>,
    hash_of: HashMap<DocId, &'a str>,
    claims: HashMap<ClaimId, &'a Claim>,
}

impl<'a> Side<'a> {
    fn new(session: &'a Session) -> Self {
        let mut by_hash = HashMap::new();
        let mut hash_of = HashMap::new();
        for doc in session.documents() {
            by_hash.entry(doc.content_hash()).or_insert(doc);
            hash_of.insert(doc.id, doc.content_hash());
        }
        let claims = session.claims().iter().map(|c| (c.id, c)).collect();
        Side {
            session,
            by_hash,
            hash_of,
            claims,
        }
    }

    fn hash(&self, doc: DocId) -> &'a str {
        self.hash_of.get(&doc).copied().unwrap_or("")
    }
}

struct Sides<'a> {
    base: Side<'a>,
    ours: Side<'a>,
    theirs: Side<'a>,
}

/// Document ids in the merged session, by content hash: ours keep theirs; a document only
/// theirs has keeps its id when free, else gets the next free one.
fn assign_doc_ids<'a>(sides: &Sides<'a>) -> HashMap<&'a str, DocId> {
    let mut ids = HashMap::new();
    let mut used = BTreeSet::new();
    for doc in sides.ours.session.documents() {
        if ids.insert(doc.content_hash(), doc.id).is_none() {
            used.insert(doc.id.0);
        }
    }
    for side in [&sides.theirs, &sides.base] {
        for doc in side.session.documents() {
            if ids.contains_key(doc.content_hash()) {
                continue;
            }
            let id = if used.contains(&doc.id.0) {
                used.last().map_or(0, |last| last + 1)
            } else {
                doc.id.0
            };
            used.insert(id);
            ids.insert(doc.content_hash(), DocId(id));
        }
    }
    ids
}

/// The fields that merge one by one (sources merge as a set, see [`merge_sources`]).
fn fields(claim: &Claim) -> [ClaimField; 9] {
    [
        ClaimField::Text(claim.text.clone()),
        ClaimField::Verdict(claim.verdict),
        ClaimField::Claimant(claim.claimant.clone()),
        ClaimField::Note(claim.note.clone()),
        ClaimField::Status(claim.status),
        ClaimField::Reviewer(claim.reviewer.clone()),
        ClaimField::Anchor(claim.anchor.clone()),
        ClaimField::Counterpart(claim.counterpart),
        ClaimField::PreviousWording(claim.previous_wording.clone()),
    ]
}

fn set_field(claim: &mut Claim, value: ClaimField) {
    match value {
        ClaimField::Text(v) => claim.text = v,
        ClaimField::Verdict(v) => claim.verdict = v,
        ClaimField::Claimant(v) => claim.claimant = v,
        ClaimField::Sources(v) => claim.sources = v,
        ClaimField::Note(v) => claim.note = v,
        ClaimField::Status(v) => claim.status = v,
        ClaimField::Reviewer(v) => claim.reviewer = v,
        ClaimField::Anchor(v) => claim.anchor = v,
        ClaimField::Counterpart(v) => claim.counterpart = v,
        ClaimField::PreviousWording(v) => claim.previous_wording = v,
    }
}

/// Whether a claim's content (everything but `modified`, with its document by content)
/// is the same on two sides.
fn same_claim(a: &Claim, a_hash: &str, b: &Claim, b_hash: &str) -> bool {
    a_hash == b_hash && fields(a) == fields(b) && a.sources == b.sources && a.created == b.created
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

/// Sources as a set keyed by URL, three-way per URL: added on either side kept, removed
/// on one side and untouched on the other removed, changed on one side taken. Returns the
/// list with ours winning and with theirs winning where both changed a source; the two
/// are equal when nothing conflicts.
fn merge_sources(
    base: &[Source],
    ours: &[Source],
    theirs: &[Source],
) -> (Vec<Source>, Vec<Source>) {
    let find = |list: &[Source], url: &str| list.iter().find(|s| s.url == url).cloned();
    let mut urls: Vec<&str> = Vec::new();
    for source in ours.iter().chain(theirs).chain(base) {
        if !urls.contains(&source.url.as_str()) {
            urls.push(&source.url);
        }
    }
    let (mut ours_wins, mut theirs_wins) = (Vec::new(), Vec::new());
    for url in urls {
        let (b, o, t) = (find(base, url), find(ours, url), find(theirs, url));
        match pick(Some(&b), &o, &t) {
            Ok(Some(source)) => {
                ours_wins.push(source.clone());
                theirs_wins.push(source);
            }
            Ok(None) => {}
            Err(()) => {
                // Changed on both sides (or removed on one, changed on the other): each
                // list keeps its side's version, and a removal never beats a change.
                let changed = o.clone().or(t.clone());
                if let Some(source) = o.or(changed.clone()) {
                    ours_wins.push(source);
                }
                if let Some(source) = t.or(changed) {
                    theirs_wins.push(source);
                }
            }
        }
    }
    (ours_wins, theirs_wins)
}

/// Merges one claim present on both sides (`base` when the ancestor had it).
fn merge_claim(
    base: Option<&Claim>,
    ours: &Claim,
    theirs: &Claim,
    conflicts: &mut Vec<Conflict>,
) -> Claim {
    let mut merged = ours.clone();
    let base_fields = base.map(fields);
    for (idx, (o, t)) in fields(ours).into_iter().zip(fields(theirs)).enumerate() {
        let b = base_fields.as_ref().map(|fields| &fields[idx]);
        match pick(b, &o, &t) {
            Ok(value) => set_field(&mut merged, value),
            Err(()) => conflicts.push(Conflict::Claim {
                claim: ours.id,
                base: b.cloned(),
                ours: Some(o),
                theirs: Some(t),
            }),
        }
    }
    let base_sources = base.map_or(&[][..], |claim| &claim.sources);
    let (ours_wins, theirs_wins) = merge_sources(base_sources, &ours.sources, &theirs.sources);
    if ours_wins != theirs_wins {
        conflicts.push(Conflict::Claim {
            claim: ours.id,
            base: base.map(|claim| ClaimField::Sources(claim.sources.clone())),
            ours: Some(ClaimField::Sources(ours_wins.clone())),
            theirs: Some(ClaimField::Sources(theirs_wins)),
        });
    }
    merged.sources = ours_wins;
    merged.created = ours.created.min(theirs.created);
    merged.modified = ours.modified.max(theirs.modified);
    merged
}

/// The conflicts for a claim removed on one side (`kept_by` kept and changed it).
fn removal_conflicts(base: &Claim, kept: &Claim, kept_by: MergeSide) -> Vec<Conflict> {
    let changed: Vec<(ClaimField, ClaimField)> = fields(base)
        .into_iter()
        .zip(fields(kept))
        .chain([(
            ClaimField::Sources(base.sources.clone()),
            ClaimField::Sources(kept.sources.clone()),
        )])
        .filter(|(b, k)| b != k)
        .collect();
    // A claim whose content is unchanged but whose document was re-segmented still counts
    // as kept: record it on its verdict.
    let changed = if changed.is_empty() {
        vec![(
            ClaimField::Verdict(base.verdict),
            ClaimField::Verdict(kept.verdict),
        )]
    } else {
        changed
    };
    changed
        .into_iter()
        .map(|(b, k)| {
            let (ours, theirs) = match kept_by {
                MergeSide::Ours => (Some(k), None),
                MergeSide::Theirs => (None, Some(k)),
            };
            Conflict::Claim {
                claim: kept.id,
                base: Some(b),
                ours,
                theirs,
            }
        })
        .collect()
}

/// The merged claims, each with the content hash of its document.
fn merge_claims(
    sides: &Sides,
    conflicts: &mut Vec<Conflict>,
) -> BTreeMap<ClaimId, (String, Claim)> {
    let ids: BTreeSet<ClaimId> = [&sides.base, &sides.ours, &sides.theirs]
        .iter()
        .flat_map(|side| side.claims.keys().copied())
        .collect();
    let mut merged = BTreeMap::new();
    for id in ids {
        let b = sides.base.claims.get(&id).copied();
        let o = sides.ours.claims.get(&id).copied();
        let t = sides.theirs.claims.get(&id).copied();
        let hash = |side: &Side, claim: &Claim| side.hash(claim.doc).to_owned();
        let kept = match (b, o, t) {
            (_, Some(o), None) | (_, None, Some(o)) if b.is_none() => {
                let side = if t.is_none() {
                    &sides.ours
                } else {
                    &sides.theirs
                };
                Some((hash(side, o), o.clone()))
            }
            (Some(b), Some(o), None) => {
                if same_claim(b, sides.base.hash(b.doc), o, sides.ours.hash(o.doc)) {
                    None
                } else {
                    conflicts.extend(removal_conflicts(b, o, MergeSide::Ours));
                    Some((hash(&sides.ours, o), o.clone()))
                }
            }
            (Some(b), None, Some(t)) => {
                if same_claim(b, sides.base.hash(b.doc), t, sides.theirs.hash(t.doc)) {
                    None
                } else {
                    conflicts.extend(removal_conflicts(b, t, MergeSide::Theirs));
                    Some((hash(&sides.theirs, t), t.clone()))
                }
            }
            (b, Some(o), Some(t)) => Some((hash(&sides.ours, o), merge_claim(b, o, t, conflicts))),
            _ => None,
        };
        if let Some(entry) = kept {
            merged.insert(id, entry);
        }
    }
    keep_linked_claims(sides, &mut merged, conflicts);
    merged
}

/// A kept claim may link to one the other side removed: that one stays too, with a
/// conflict, so no link dangles.
fn keep_linked_claims(
    sides: &Sides,
    merged: &mut BTreeMap<ClaimId, (String, Claim)>,
    conflicts: &mut Vec<Conflict>,
) {
    loop {
        let missing: Vec<ClaimId> = merged
            .values()
            .filter_map(|(_, claim)| claim.counterpart)
            .filter(|id| !merged.contains_key(id))
            .collect();
        if missing.is_empty() {
            return;
        }
        for id in missing {
            let (side, kept_by, claim) =
                match (sides.ours.claims.get(&id), sides.theirs.claims.get(&id)) {
                    (Some(claim), _) => (&sides.ours, MergeSide::Ours, *claim),
                    (None, Some(claim)) => (&sides.theirs, MergeSide::Theirs, *claim),
                    // Neither side has it: the link itself cannot be kept.
                    (None, None) => {
                        for (_, claim) in merged.values_mut() {
                            if claim.counterpart == Some(id) {
                                claim.counterpart = None;
                            }
                        }
                        continue;
                    }
                };
            if let Some(base) = sides.base.claims.get(&id) {
                conflicts.extend(removal_conflicts(base, claim, kept_by));
            }
            merged.insert(id, (side.hash(claim.doc).to_owned(), claim.clone()));
        }
    }
}

/// Alignments keyed by their documents' content, merged as whole values.
fn merge_alignments(
    sides: &Sides,
    ids: &HashMap<&str, DocId>,
    conflicts: &mut Vec<Conflict>,
) -> Vec<Alignment> {
    let keyed = |side: &Side| -> BTreeMap<(String, String), Alignment> {
        side.session
            .alignments()
            .iter()
            .map(|al| {
                (
                    (side.hash(al.a).to_owned(), side.hash(al.b).to_owned()),
                    al.clone(),
                )
            })
            .collect()
    };
    let (base, ours, theirs) = (keyed(&sides.base), keyed(&sides.ours), keyed(&sides.theirs));
    let keys: BTreeSet<&(String, String)> = base
        .keys()
        .chain(ours.keys())
        .chain(theirs.keys())
        .collect();
    let mut merged = Vec::new();
    for key in keys {
        let (a, b) = (ids[key.0.as_str()], ids[key.1.as_str()]);
        let remap = |al: &Alignment| Alignment { a, b, ..al.clone() };
        let (bv, ov, tv) = (
            base.get(key).map(remap),
            ours.get(key).map(remap),
            theirs.get(key).map(remap),
        );
        match pick(Some(&bv), &ov, &tv) {
            Ok(Some(alignment)) => merged.push(alignment),
            Ok(None) => {}
            Err(()) => {
                conflicts.push(Conflict::Alignment {
                    a,
                    b,
                    theirs: tv.as_ref().map(StoredAlignment::from),
                });
                if let Some(alignment) = ov {
                    merged.push(alignment);
                }
            }
        }
    }
    merged
}

/// The documents the merged session keeps, with their merged ids: those both sides have,
/// those one side added, and those one side removed that something kept still needs.
fn merge_documents(
    sides: &Sides,
    ids: &HashMap<&str, DocId>,
    claims: &BTreeMap<ClaimId, (String, Claim)>,
    alignments: &[Alignment],
    conflicts: &[Conflict],
) -> Vec<Document> {
    let mut needed: BTreeSet<DocId> = claims
        .values()
        .map(|(hash, _)| ids[hash.as_str()])
        .collect();
    for alignment in alignments {
        needed.extend([alignment.a, alignment.b]);
    }
    for conflict in conflicts {
        if let Conflict::Alignment { a, b, .. } = conflict {
            needed.extend([*a, *b]);
        }
    }
    let mut documents = Vec::new();
    let hashes: BTreeSet<&str> = sides
        .ours
        .by_hash
        .keys()
        .chain(sides.theirs.by_hash.keys())
        .copied()
        .collect();
    for hash in hashes {
        let in_base = sides.base.by_hash.contains_key(hash);
        let (o, t) = (sides.ours.by_hash.get(hash), sides.theirs.by_hash.get(hash));
        let id = ids[hash];
        let keep = (o.is_some() && t.is_some()) || !in_base || needed.contains(&id);
        if let (true, Some(doc)) = (keep, o.or(t)) {
            let mut doc = (*doc).clone();
            doc.id = id;
            // Article details (title, author, dates) three-way: theirs when only they
            // changed them, ours otherwise.
            if let (Some(base), Some(ours), Some(theirs)) = (sides.base.by_hash.get(hash), o, t)
                && (&ours.title, &ours.meta) == (&base.title, &base.meta)
            {
                doc.title = theirs.title.clone();
                doc.meta = theirs.meta.clone();
            }
            documents.push(doc);
        }
    }
    documents
}

/// Which document each kept document translates, three-way by content; a translation
/// mark whose original is gone is dropped.
fn merge_translation_marks(
    sides: &Sides,
    ids: &HashMap<&str, DocId>,
    mut documents: Vec<Document>,
    conflicts: &mut Vec<Conflict>,
) -> Vec<Document> {
    let kept: BTreeSet<DocId> = documents.iter().map(|doc| doc.id).collect();
    let mark = |side: &Side, hash: &str| -> Option<Option<DocId>> {
        let doc = side.by_hash.get(hash)?;
        Some(doc.translation_of.map(|of| ids[side.hash(of)]))
    };
    for doc in &mut documents {
        let hash = doc.content_hash().to_owned();
        let (b, o, t) = (
            mark(&sides.base, &hash).flatten(),
            mark(&sides.ours, &hash),
            mark(&sides.theirs, &hash),
        );
        let value = match (o, t) {
            (Some(o), Some(t)) => match pick(Some(&b), &o, &t) {
                Ok(value) => value,
                Err(()) => {
                    conflicts.push(Conflict::Translation {
                        doc: doc.id,
                        base: b.filter(|id| kept.contains(id)),
                        ours: o.filter(|id| kept.contains(id)),
                        theirs: t.filter(|id| kept.contains(id)),
                    });
                    o
                }
            },
            (Some(only), None) | (None, Some(only)) => only,
            (None, None) => None,
        };
        doc.translation_of = value.filter(|id| kept.contains(id) && *id != doc.id);
    }
    conflicts.retain(|conflict| match conflict {
        Conflict::Translation { ours, theirs, .. } => ours != theirs,
        _ => true,
    });
    documents
}

/// Session details: texts three-way, reviewers as a set, the earlier creation and the
/// later modification.
fn merge_meta(
    base: &SessionMeta,
    ours: &SessionMeta,
    theirs: &SessionMeta,
    conflicts: &mut Vec<Conflict>,
) -> SessionMeta {
    let mut merged = ours.clone();
    let detail = |meta: &SessionMeta, field: DetailField| -> String {
        match field {
            DetailField::Title => meta.title.clone(),
            DetailField::Organisation => meta.organisation.name.clone(),
            DetailField::OrganisationUrl => meta.organisation.url.clone().unwrap_or_default(),
            DetailField::ReviewUrl => meta.review_url.clone().unwrap_or_default(),
        }
    };
    for field in [
        DetailField::Title,
        DetailField::Organisation,
        DetailField::OrganisationUrl,
        DetailField::ReviewUrl,
    ] {
        let (b, o, t) = (
            detail(base, field),
            detail(ours, field),
            detail(theirs, field),
        );
        let value = match pick(Some(&b), &o, &t) {
            Ok(value) => value,
            Err(()) => {
                conflicts.push(Conflict::Detail {
                    field,
                    base: b,
                    ours: o.clone(),
                    theirs: t,
                });
                o
            }
        };
        let optional = (!value.is_empty()).then(|| value.clone());
        match field {
            DetailField::Title => merged.title = value,
            DetailField::Organisation => merged.organisation.name = value,
            DetailField::OrganisationUrl => merged.organisation.url = optional,
            DetailField::ReviewUrl => merged.review_url = optional,
        }
    }
    let mut reviewers = Vec::new();
    for name in ours.reviewers.iter().chain(&theirs.reviewers) {
        let (b, o, t) = (
            base.reviewers.contains(name),
            ours.reviewers.contains(name),
            theirs.reviewers.contains(name),
        );
        let keep = (o && t) || (!b && (o || t));
        if keep && !reviewers.contains(name) {
            reviewers.push(name.clone());
        }
    }
    merged.reviewers = reviewers;
    merged.created = ours.created.min(theirs.created);
    merged.modified = ours.modified.max(theirs.modified);
    merged
}

/// Conflicts recorded by earlier merges on either side, with theirs' document ids mapped.
fn earlier_conflicts<'a>(
    sides: &'a Sides,
    ids: &'a HashMap<&str, DocId>,
) -> impl Iterator<Item = Conflict> + 'a {
    let theirs = sides.theirs.session.conflicts().iter().map(|conflict| {
        let map = |doc: DocId| ids.get(sides.theirs.hash(doc)).copied().unwrap_or(doc);
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
                theirs,
            },
            other => other,
        }
    });
    sides.ours.session.conflicts().iter().cloned().chain(theirs)
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
