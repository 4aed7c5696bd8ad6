//! Claims and orphans merged one by one: each field three-way, the place (document,
//! span, orphaned) as one value, sources as a set, removals against changes; and the
//! session details.

use std::collections::{BTreeMap, BTreeSet};

use super::*;

/// Where a claim is, as one value: its document, its span, and whether it is orphaned
/// (its span then in the text it was made on).
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Place {
    pub(super) group: usize,
    pub(super) is_orphan: bool,
    pub(super) anchor: Anchor,
}

impl Place {
    /// The place as a conflict records it: the span alone when on the `held` document,
    /// else with its document.
    pub(super) fn field(&self, held_group: usize, ids: &[DocId]) -> ClaimField {
        if self.group == held_group {
            ClaimField::Anchor(self.anchor.clone())
        } else {
            ClaimField::Span(ids[self.group], self.anchor.clone())
        }
    }
}

/// The fields that merge one by one (sources merge as a set, see [`merge_sources`]; the
/// place as one value, see [`Place`]).
pub(super) fn fields(claim: &Claim) -> [ClaimField; 8] {
    FieldKind::MERGED_ONE_BY_ONE.map(|kind| kind.read(claim))
}

/// Whether a claim's content and place (everything but `modified`) is the same on two
/// sides.
pub(super) fn same_claim(a: &Claim, a_place: &Place, b: &Claim, b_place: &Place) -> bool {
    a_place == b_place && fields(a) == fields(b) && a.sources == b.sources && a.created == b.created
}

/// Sources as a set keyed by URL, three-way per URL: added on either side kept, removed
/// on one side and untouched on the other removed, changed on one side taken. Returns the
/// list with ours winning and with theirs winning where both changed a source; the two
/// are equal when nothing conflicts.
pub(super) fn merge_sources(
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
pub(super) type Kept = (Place, Claim);

/// Merges one claim present on both sides (`base` when the ancestor had it).
pub(super) fn merge_claim(
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
            Ok(value) => {
                value.swap_into(&mut merged);
            }
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
pub(super) fn removal_conflicts(
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
pub(super) fn merge_claims(
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
pub(super) fn keep_linked_claims(
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

/// Session details: texts three-way, reviewers as a set, the earlier creation and the
/// later modification.
pub(super) fn merge_meta(
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
