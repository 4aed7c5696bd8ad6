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

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use thiserror::Error;

use crate::edit::ClaimField;
use crate::model::conflict::describe_field;
use crate::model::{
    Alignment, Anchor, Claim, ClaimId, Conflict, DetailField, DocId, Document, DocumentVersion,
    MergeSide, Session, SessionMeta, Source, StoredAlignment, ValidationError,
};

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
    let placed_ids: HashSet<ClaimId> = linkable;
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
            } => placed_ids.contains(claim),
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

/// Which documents of the three sides are the same article (one group per article).
struct DocGroups {
    /// Per side: each document's group.
    of: [HashMap<DocId, usize>; 3],
    /// Per group: its document on each side.
    members: Vec<[Option<DocId>; 3]>,
}

/// Whether `hash` is `doc`'s text now or was one of its earlier texts.
fn has_had(doc: &Document, hash: &str) -> bool {
    doc.content_hash() == hash || doc.versions.iter().any(|v| v.content_hash == hash)
}

/// Whether two documents are the same article: they share a text somewhere in their
/// histories.
fn same_article(a: &Document, b: &Document) -> bool {
    has_had(a, b.content_hash())
        || has_had(b, a.content_hash())
        || a.versions
            .iter()
            .any(|version| has_had(b, &version.content_hash))
}

/// Whether two documents, one of each side, are taken for the same one.
type MatchRule = fn(&Document, &Document) -> bool;

/// Pairs documents of `a` with documents of `b` one to one: first the same id and article,
/// then the same text, then the same article.
fn pair_documents(a: &[&Document], b: &[&Document]) -> Vec<(DocId, DocId)> {
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
    fn match_sides(sessions: [&Session; 3]) -> Self {
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
    fn merged_ids(&self, sessions: [&Session; 3]) -> Vec<DocId> {
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
    fn rebase<'a>(
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
fn carry_side<'a>(
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
fn rebase_side(
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

/// Where a claim is, as one value: its document, its span, and whether it is orphaned
/// (its span then in the text it was made on).
#[derive(Clone, Debug, PartialEq)]
struct Place {
    group: usize,
    is_orphan: bool,
    anchor: Anchor,
}

impl Place {
    /// The place as a conflict records it: the span alone when on the `held` document,
    /// else with its document.
    fn field(&self, held_group: usize, ids: &[DocId]) -> ClaimField {
        if self.group == held_group {
            ClaimField::Anchor(self.anchor.clone())
        } else {
            ClaimField::Span(ids[self.group], self.anchor.clone())
        }
    }
}

/// The fields that merge one by one (sources merge as a set, see [`merge_sources`]; the
/// place as one value, see [`Place`]).
fn fields(claim: &Claim) -> [ClaimField; 8] {
    [
        ClaimField::Text(claim.text.clone()),
        ClaimField::Verdict(claim.verdict),
        ClaimField::Claimant(claim.claimant.clone()),
        ClaimField::Note(claim.note.clone()),
        ClaimField::Status(claim.status),
        ClaimField::Reviewer(claim.reviewer.clone()),
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
        ClaimField::Span(_, v) => claim.anchor = v,
        ClaimField::Counterpart(v) => claim.counterpart = v,
        ClaimField::PreviousWording(v) => claim.previous_wording = v,
    }
}

/// Whether a claim's content and place (everything but `modified`) is the same on two
/// sides.
fn same_claim(a: &Claim, a_place: &Place, b: &Claim, b_place: &Place) -> bool {
    a_place == b_place && fields(a) == fields(b) && a.sources == b.sources && a.created == b.created
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

/// One claim as the merge keeps it: where it is and its content.
type Kept = (Place, Claim);

/// Merges one claim present on both sides (`base` when the ancestor had it).
fn merge_claim(
    base: Option<(&Claim, Place)>,
    ours: (&Claim, Place),
    theirs: (&Claim, Place),
    ids: &[DocId],
    conflicts: &mut Vec<Conflict>,
) -> Kept {
    let ((ours, ours_place), (theirs, theirs_place)) = (ours, theirs);
    let mut merged = ours.clone();
    let base_fields = base.as_ref().map(|(claim, _)| fields(claim));
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
    let base_place = base.as_ref().map(|(_, place)| place);
    let place = match pick(base_place, &ours_place, &theirs_place) {
        Ok(place) => place,
        // A span a reviewer chose beats an orphaning; two orphans keep ours' old span.
        Err(()) => match (ours_place.is_orphan, theirs_place.is_orphan) {
            (false, true) => ours_place,
            (true, false) => theirs_place,
            (true, true) => ours_place,
            (false, false) => {
                let held = ours_place.group;
                conflicts.push(Conflict::Claim {
                    claim: ours.id,
                    base: base_place
                        .filter(|place| !place.is_orphan)
                        .map(|place| place.field(held, ids)),
                    ours: Some(ours_place.field(held, ids)),
                    theirs: Some(theirs_place.field(held, ids)),
                });
                ours_place
            }
        },
    };
    let base_sources = base.as_ref().map_or(&[][..], |(claim, _)| &claim.sources);
    let (ours_wins, theirs_wins) = merge_sources(base_sources, &ours.sources, &theirs.sources);
    if ours_wins != theirs_wins {
        conflicts.push(Conflict::Claim {
            claim: ours.id,
            base: base
                .as_ref()
                .map(|(claim, _)| ClaimField::Sources(claim.sources.clone())),
            ours: Some(ClaimField::Sources(ours_wins.clone())),
            theirs: Some(ClaimField::Sources(theirs_wins)),
        });
    }
    merged.sources = ours_wins;
    merged.created = ours.created.min(theirs.created);
    merged.modified = ours.modified.max(theirs.modified);
    (place, merged)
}

/// The conflicts for a claim removed on one side (`kept_by` kept and changed it).
fn removal_conflicts(
    base: (&Claim, &Place),
    kept: (&Claim, &Place),
    kept_by: MergeSide,
    ids: &[DocId],
) -> Vec<Conflict> {
    let ((base, base_place), (kept, kept_place)) = (base, kept);
    let mut changed: Vec<(ClaimField, ClaimField)> = fields(base)
        .into_iter()
        .zip(fields(kept))
        .chain([(
            ClaimField::Sources(base.sources.clone()),
            ClaimField::Sources(kept.sources.clone()),
        )])
        .filter(|(b, k)| b != k)
        .collect();
    // A moved span is a change too; an orphan's span is not a choice (it has none).
    if base_place != kept_place && !kept_place.is_orphan && !base_place.is_orphan {
        let held = kept_place.group;
        changed.push((base_place.field(held, ids), kept_place.field(held, ids)));
    }
    // A claim whose content is unchanged but whose document was re-segmented (or which an
    // update orphaned) still counts as kept: record it on its verdict.
    if changed.is_empty() {
        changed.push((
            ClaimField::Verdict(base.verdict),
            ClaimField::Verdict(kept.verdict),
        ));
    }
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

/// The merged claims and orphans, each with its place.
fn merge_claims(
    sides: &Sides,
    ids: &[DocId],
    conflicts: &mut Vec<Conflict>,
) -> BTreeMap<ClaimId, Kept> {
    let all: BTreeSet<ClaimId> = [&sides.base, &sides.ours, &sides.theirs]
        .iter()
        .flat_map(|side| side.claims.keys().copied())
        .collect();
    fn with_place<'s>(side: &Side<'s>, id: ClaimId) -> Option<(&'s Claim, Place)> {
        side.claims
            .get(&id)
            .map(|&(claim, is_orphan)| (claim, side.place(claim, is_orphan)))
    }
    let mut merged = BTreeMap::new();
    for id in all {
        let b = with_place(&sides.base, id);
        let o = with_place(&sides.ours, id);
        let t = with_place(&sides.theirs, id);
        let kept = match (b, o, t) {
            (None, Some((claim, place)), None) | (None, None, Some((claim, place))) => {
                Some((place, claim.clone()))
            }
            (Some((b, bp)), Some((k, kp)), None) | (Some((b, bp)), None, Some((k, kp))) => {
                if same_claim(b, &bp, k, &kp) {
                    None
                } else {
                    let kept_by = if sides.ours.claims.contains_key(&id) {
                        MergeSide::Ours
                    } else {
                        MergeSide::Theirs
                    };
                    conflicts.extend(removal_conflicts((b, &bp), (k, &kp), kept_by, ids));
                    Some((kp, k.clone()))
                }
            }
            (b, Some(o), Some(t)) => Some(merge_claim(b, o, t, ids, conflicts)),
            (_, None, None) => None,
        };
        if let Some(entry) = kept {
            merged.insert(id, entry);
        }
    }
    keep_linked_claims(sides, &mut merged, ids, conflicts);
    merged
}

/// A kept claim may link to one the other side removed: that one stays too, with a
/// conflict, so no link dangles.
fn keep_linked_claims(
    sides: &Sides,
    merged: &mut BTreeMap<ClaimId, Kept>,
    ids: &[DocId],
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
            let (side, kept_by, (claim, is_orphan)) =
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
            let place = side.place(claim, is_orphan);
            if let Some(&(base, base_is_orphan)) = sides.base.claims.get(&id) {
                let base_place = sides.base.place(base, base_is_orphan);
                conflicts.extend(removal_conflicts(
                    (base, &base_place),
                    (claim, &place),
                    kept_by,
                    ids,
                ));
            }
            merged.insert(id, (place, claim.clone()));
        }
    }
}

/// Alignments keyed by their documents' groups, merged as whole values.
fn merge_alignments(sides: &Sides, ids: &[DocId], conflicts: &mut Vec<Conflict>) -> Vec<Alignment> {
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
fn merge_translation_marks(
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
