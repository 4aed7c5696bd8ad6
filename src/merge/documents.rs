//! Which documents of the three sides are one article (across updates), the merged
//! document ids, carrying each side onto the text the merge keeps, and the documents,
//! alignments and translation marks of the merged session.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::*;

/// Which documents of the three sides are the same article (one group per article).
pub(super) struct DocGroups {
    /// Per side: each document's group.
    pub(super) of: [HashMap<DocId, usize>; 3],
    /// Per group: its document on each side.
    pub(super) members: Vec<[Option<DocId>; 3]>,
}

/// Whether `hash` is `doc`'s text now or was one of its earlier texts.
pub(super) fn has_had(doc: &Document, hash: &str) -> bool {
    doc.content_hash() == hash || doc.versions.iter().any(|v| v.content_hash == hash)
}

/// Whether two documents are the same article: they share a text somewhere in their
/// histories.
pub(super) fn same_article(a: &Document, b: &Document) -> bool {
    has_had(a, b.content_hash())
        || has_had(b, a.content_hash())
        || a.versions
            .iter()
            .any(|version| has_had(b, &version.content_hash))
}

/// Whether two documents, one of each side, are taken for the same one.
pub(super) type MatchRule = fn(&Document, &Document) -> bool;

/// Pairs documents of `a` with documents of `b` one to one: first the same id and article,
/// then the same text, then the same article.
pub(super) fn pair_documents(a: &[&Document], b: &[&Document]) -> Vec<(DocId, DocId)> {
    let mut pairs = Vec::new();
    let (mut used_a, mut used_b) = (HashSet::new(), HashSet::new());
    let rules: [MatchRule; 3] = [
        |x, y| x.id == y.id && same_article(x, y),
        |x, y| x.content_hash() == y.content_hash(),
        same_article,
    ];
    for rule in rules {
        for x in a {
            if used_a.contains(&x.id) {
                continue;
            }
            if let Some(y) = b.iter().find(|y| !used_b.contains(&y.id) && rule(x, y)) {
                used_a.insert(x.id);
                used_b.insert(y.id);
                pairs.push((x.id, y.id));
            }
        }
    }
    pairs
}

impl DocGroups {
    pub(super) fn match_sides(sessions: [&Session; 3]) -> Self {
        let docs = |side: usize| -> Vec<&Document> { sessions[side].documents().iter().collect() };
        let mut members: Vec<[Option<DocId>; 3]> = sessions[BASE]
            .documents()
            .iter()
            .map(|doc| [Some(doc.id), None, None])
            .collect();
        let base_group: HashMap<DocId, usize> = members
            .iter()
            .enumerate()
            .filter_map(|(group, m)| m[BASE].map(|id| (id, group)))
            .collect();
        let mut left: [Vec<&Document>; 3] = [Vec::new(), Vec::new(), Vec::new()];
        for side in [OURS, THEIRS] {
            let all = docs(side);
            let pairs = pair_documents(&docs(BASE), &all);
            for &(b, s) in &pairs {
                members[base_group[&b]][side] = Some(s);
            }
            let paired: HashSet<DocId> = pairs.iter().map(|&(_, s)| s).collect();
            left[side] = all
                .into_iter()
                .filter(|d| !paired.contains(&d.id))
                .collect();
        }
        // Documents neither copy had in the base: the same article added on both sides.
        let pairs = pair_documents(&left[OURS], &left[THEIRS]);
        let (paired_o, paired_t): (HashSet<DocId>, HashSet<DocId>) = pairs.iter().copied().unzip();
        for (o, t) in pairs {
            members.push([None, Some(o), Some(t)]);
        }
        for doc in left[OURS].iter().filter(|d| !paired_o.contains(&d.id)) {
            members.push([None, Some(doc.id), None]);
        }
        for doc in left[THEIRS].iter().filter(|d| !paired_t.contains(&d.id)) {
            members.push([None, None, Some(doc.id)]);
        }
        let mut of: [HashMap<DocId, usize>; 3] = Default::default();
        for (group, m) in members.iter().enumerate() {
            for side in [BASE, OURS, THEIRS] {
                if let Some(id) = m[side] {
                    of[side].insert(id, group);
                }
            }
        }
        DocGroups { of, members }
    }

    /// Document ids in the merged session, per group: ours keep theirs; a document only
    /// theirs (or only the base) has keeps its id when free, else gets the next free one.
    pub(super) fn merged_ids(&self, sessions: [&Session; 3]) -> Vec<DocId> {
        let mut ids: Vec<Option<DocId>> = vec![None; self.members.len()];
        let mut used = BTreeSet::new();
        for doc in sessions[OURS].documents() {
            ids[self.of[OURS][&doc.id]] = Some(doc.id);
            used.insert(doc.id.0);
        }
        for side in [THEIRS, BASE] {
            for doc in sessions[side].documents() {
                let group = self.of[side][&doc.id];
                if ids[group].is_some() {
                    continue;
                }
                let id = if used.contains(&doc.id.0) {
                    used.last().map_or(0, |last| last + 1)
                } else {
                    doc.id.0
                };
                used.insert(id);
                ids[group] = Some(DocId(id));
            }
        }
        ids.into_iter().map(|id| id.unwrap_or(DocId(0))).collect()
    }

    /// The three sessions with every document brought to the text the merge keeps: where
    /// one side updated a document, the others are carried onto its text (see the module
    /// overview). Records a conflict where both sides updated a document differently.
    pub(super) fn rebase<'a>(
        &self,
        sessions: [&'a Session; 3],
        ids: &[DocId],
        conflicts: &mut Vec<Conflict>,
    ) -> Result<[Cow<'a, Session>; 3], MergeError> {
        // Per side: each document's texts to go through.
        let mut plans: [Vec<(DocId, Vec<&'a Document>)>; 3] = Default::default();
        for (group, members) in self.members.iter().enumerate() {
            let doc = |side: usize| -> Option<&'a Document> {
                members[side].and_then(|id| sessions[side].document(id))
            };
            // The document each side ends on, and the path the base takes to it (through
            // the other side's version when the kept text grew from it).
            let (target, base_path): (Option<&Document>, Vec<&Document>) =
                match (doc(OURS), doc(THEIRS)) {
                    (Some(o), Some(t)) if o.content_hash() == t.content_hash() => {
                        (Some(o), vec![o])
                    }
                    (Some(o), Some(t)) if has_had(o, t.content_hash()) => (Some(o), vec![t, o]),
                    (Some(o), Some(t)) if has_had(t, o.content_hash()) => (Some(t), vec![o, t]),
                    (Some(o), Some(t)) => {
                        conflicts.push(Conflict::Document {
                            doc: ids[group],
                            theirs: DocumentVersion {
                                content_hash: t.content_hash().to_owned(),
                                text: t.text().to_owned(),
                                replaced: t
                                    .versions
                                    .last()
                                    .map_or(sessions[THEIRS].meta().modified, |v| v.replaced),
                            },
                        });
                        (Some(o), vec![o])
                    }
                    (Some(only), None) | (None, Some(only)) => (Some(only), vec![only]),
                    (None, None) => (None, Vec::new()),
                };
            let Some(target) = target else { continue };
            for side in [OURS, THEIRS] {
                if let Some(id) = members[side] {
                    plans[side].push((id, vec![target]));
                }
            }
            if let Some(id) = members[BASE] {
                plans[BASE].push((id, base_path));
            }
        }
        // Each side is carried on a thread of its own (an update of a long article takes
        // a good part of a second per side); a merge with no updates spawns nothing.
        let needs_work = |side: usize| {
            plans[side].iter().any(|(id, steps)| {
                let held = sessions[side].document(*id).map(Document::content_hash);
                steps.last().map(|target| target.content_hash()) != held
            })
        };
        if ![BASE, OURS, THEIRS].into_iter().any(needs_work) {
            return Ok(sessions.map(Cow::Borrowed));
        }
        let plans = &plans;
        let results: Vec<Result<Cow<'a, Session>, MergeError>> = std::thread::scope(|scope| {
            let handles: Vec<_> = [BASE, OURS, THEIRS]
                .map(|side| scope.spawn(move || carry_side(sessions[side], side, &plans[side])))
                .into_iter()
                .collect();
            handles
                .into_iter()
                .map(|handle| {
                    handle.join().unwrap_or_else(|_| {
                        Err(MergeError::Rebase {
                            side: "a side",
                            doc: DocId(0),
                            problem: "carrying its claims failed unexpectedly".to_owned(),
                        })
                    })
                })
                .collect()
        });
        let mut results = results.into_iter();
        let mut next = || {
            results.next().unwrap_or_else(|| {
                Err(MergeError::Rebase {
                    side: "a side",
                    doc: DocId(0),
                    problem: "no result".to_owned(),
                })
            })
        };
        Ok([next()?, next()?, next()?])
    }
}

/// One side's session carried through its plan: for each document, the texts it goes
/// through to the one the merge keeps. A step its text did not lead to (the other side's
/// own earlier history) is skipped; the last is always taken.
pub(super) fn carry_side<'a>(
    session: &'a Session,
    side: usize,
    plan: &[(DocId, Vec<&Document>)],
) -> Result<Cow<'a, Session>, MergeError> {
    let mut out = Cow::Borrowed(session);
    for (id, steps) in plan {
        for (idx, step) in steps.iter().enumerate() {
            let Some(held) = out.document(*id).map(|d| d.content_hash().to_owned()) else {
                break;
            };
            let is_last = idx + 1 == steps.len();
            if held != step.content_hash() && (is_last || has_had(step, &held)) {
                rebase_side(&mut out, side, *id, step)?;
            }
        }
    }
    Ok(out)
}

/// Carries document `doc` of `session` (and its claims) onto `target`'s text.
pub(super) fn rebase_side(
    session: &mut Cow<'_, Session>,
    side: usize,
    doc: DocId,
    target: &Document,
) -> Result<(), MergeError> {
    let problem = |problem: String| MergeError::Rebase {
        side: SIDE_NAMES[side],
        doc,
        problem,
    };
    let update =
        crate::update::rebase_onto(session, doc, target).map_err(|err| problem(err.to_string()))?;
    session
        .to_mut()
        .apply(update.edit)
        .map_err(|err| problem(err.to_string()))?;
    Ok(())
}

/// Alignments keyed by their documents' groups, merged as whole values.
pub(super) fn merge_alignments(
    sides: &Sides,
    ids: &[DocId],
    conflicts: &mut Vec<Conflict>,
) -> Vec<Alignment> {
    let keyed = |side: &Side| -> BTreeMap<(usize, usize), Alignment> {
        side.session
            .alignments()
            .iter()
            .map(|al| ((side.group(al.a), side.group(al.b)), al.clone()))
            .collect()
    };
    let (base, ours, theirs) = (keyed(&sides.base), keyed(&sides.ours), keyed(&sides.theirs));
    let keys: BTreeSet<&(usize, usize)> = base
        .keys()
        .chain(ours.keys())
        .chain(theirs.keys())
        .collect();
    let mut merged = Vec::new();
    for key in keys {
        let (a, b) = (ids[key.0], ids[key.1]);
        let remap = |al: &Alignment| Alignment { a, b, ..al.clone() };
        let (bv, ov, tv) = (
            base.get(key).map(remap),
            ours.get(key).map(remap),
            theirs.get(key).map(remap),
        );
        let from = |alignment: &Alignment| {
            if ov.as_ref() == Some(alignment) {
                &sides.ours
            } else if tv.as_ref() == Some(alignment) {
                &sides.theirs
            } else {
                &sides.base
            }
        };
        // Both sides segmented a document differently: the merge keeps ours (see
        // [`merge_documents`]), and an alignment counts sentences, so theirs, made on
        // sentences the merge does not keep, cannot be weighed against ours: ours stands
        // (theirs only where ours never had one).
        let segmented_apart = [key.0, key.1].into_iter().any(|group| {
            match (sides.ours.document(group), sides.theirs.document(group)) {
                (Some(o), Some(t)) => o.sentences() != t.sentences(),
                _ => false,
            }
        });
        if segmented_apart {
            let kept = match (&bv, ov, tv) {
                (_, Some(ours), _) => onto_held(sides, key, &sides.ours, ours),
                (None, None, Some(theirs)) => onto_held(sides, key, &sides.theirs, theirs),
                _ => None,
            };
            merged.extend(kept);
            continue;
        }
        match pick(Some(&bv), &ov, &tv) {
            Ok(Some(alignment)) => {
                merged.extend(onto_held(sides, key, from(&alignment), alignment))
            }
            Ok(None) => {}
            Err(()) => {
                // Their alignment as it would stand on the documents kept; one that counts
                // a text the merge does not keep cannot be chosen, so ours stands.
                let theirs = match tv {
                    Some(alignment) => onto_held(sides, key, &sides.theirs, alignment).map(Some),
                    None => Some(None),
                };
                let ours = ov.and_then(|alignment| onto_held(sides, key, &sides.ours, alignment));
                if let Some(theirs) = theirs
                    && theirs != ours
                {
                    conflicts.push(Conflict::Alignment {
                        a,
                        b,
                        theirs: theirs.as_ref().map(StoredAlignment::from),
                    });
                }
                merged.extend(ours);
            }
        }
    }
    merged
}

/// `alignment`, which counts the sentences of the documents of `from` (groups `key`), on
/// the documents the merge keeps (ours where ours has them, see [`merge_documents`]):
/// remapped by text position where one side segmented a document differently (a split,
/// a merge, another language's rules), and `None` where the texts differ (an alignment
/// counts sentences of a text the merge does not keep; aligning again makes a new one).
fn onto_held(
    sides: &Sides,
    key: &(usize, usize),
    from: &Side,
    alignment: Alignment,
) -> Option<Alignment> {
    let map = |group: usize| -> Option<Option<Vec<Vec<u32>>>> {
        let held = sides
            .ours
            .document(group)
            .or(sides.theirs.document(group))?;
        let source = from.document(group)?;
        if source.sentences() == held.sentences() {
            return Some(None);
        }
        if source.text() != held.text() {
            return None;
        }
        Some(Some(crate::model::alignment::sentence_map(
            source.sentences(),
            held.sentences(),
        )))
    };
    match (map(key.0), map(key.1)) {
        (Some(None), Some(None)) => Some(alignment),
        (Some(map_a), Some(map_b)) => {
            let lookup = |map: &Option<Vec<Vec<u32>>>, id: u32| match map {
                Some(map) => map.get(id as usize).cloned().unwrap_or_default(),
                None => vec![id],
            };
            Some(alignment.remapped(&|id| lookup(&map_a, id), &|id| lookup(&map_b, id)))
        }
        _ => None,
    }
}

/// The documents the merged session keeps, with their merged ids: those both sides have,
/// those one side added, and those one side removed that something kept still needs.
pub(super) fn merge_documents(
    sides: &Sides,
    ids: &[DocId],
    claims: &BTreeMap<ClaimId, Kept>,
    alignments: &[Alignment],
    conflicts: &[Conflict],
) -> Vec<Document> {
    let mut needed: BTreeSet<DocId> = claims.values().map(|(place, _)| ids[place.group]).collect();
    for alignment in alignments {
        needed.extend([alignment.a, alignment.b]);
    }
    for conflict in conflicts {
        match conflict {
            Conflict::Alignment { a, b, .. } => needed.extend([*a, *b]),
            Conflict::Document { doc, .. } => {
                needed.insert(*doc);
            }
            _ => {}
        }
    }
    let mut documents = Vec::new();
    for (group, &id) in ids.iter().enumerate() {
        let base = sides.base.document(group);
        let (o, t) = (sides.ours.document(group), sides.theirs.document(group));
        let keep = (o.is_some() && t.is_some()) || base.is_none() || needed.contains(&id);
        let (true, Some(held)) = (keep, o.or(t)) else {
            continue;
        };
        let mut doc = held.clone();
        doc.id = id;
        // Article details (title, author, dates, address) three-way: theirs when only
        // they changed them, ours otherwise.
        if let (Some(ours), Some(theirs)) = (o, t) {
            let base_title = base.map(|b| &b.title);
            let base_meta = base.map(|b| &b.meta);
            doc.title = pick(base_title, &ours.title, &theirs.title).unwrap_or(ours.title.clone());
            doc.meta = pick(base_meta, &ours.meta, &theirs.meta).unwrap_or(ours.meta.clone());
        }
        documents.push(doc);
    }
    documents
}

/// Which document each kept document translates, three-way by group; a translation
/// mark whose original is gone is dropped.
pub(super) fn merge_translation_marks(
    sides: &Sides,
    ids: &[DocId],
    mut documents: Vec<Document>,
    conflicts: &mut Vec<Conflict>,
) -> Vec<Document> {
    let kept: BTreeSet<DocId> = documents.iter().map(|doc| doc.id).collect();
    let group_of_id: HashMap<DocId, usize> = ids
        .iter()
        .enumerate()
        .map(|(group, &id)| (id, group))
        .collect();
    let mark = |side: &Side, group: usize| -> Option<Option<DocId>> {
        let doc = side.document(group)?;
        Some(
            doc.translation_of
                .and_then(|of| ids.get(side.group(of)).copied()),
        )
    };
    for doc in &mut documents {
        let group = group_of_id[&doc.id];
        let (b, o, t) = (
            mark(&sides.base, group).flatten(),
            mark(&sides.ours, group),
            mark(&sides.theirs, group),
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
