//! Merges where an article update meets claim edits: the findings of issue 27 (orphans
//! dropped, claims anchored on the wrong version, a span's document from one side and its
//! offsets from the other) and a property test over random updates on one side and random
//! claim edits on both, merged in both orders and through the git driver.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use claimdesk::intent::{ClaimField, Edit};
use claimdesk::merge::merge;
use claimdesk::model::{ClaimId, Conflict, DocId, MergeSide, SentenceId, Session, Verdict};
use claimdesk::store;
use claimdesk::timestamp::Timestamp;
use claimdesk::update::update_document;
use common::{assert_exit, root, run, s, text};
use proptest::prelude::*;

const NOW: Timestamp = Timestamp::from_unix_secs(1_800_000_000);

fn sample() -> Session {
    store::load(&root().join("saves/mali-review.ron"))
        .expect("the sample loads")
        .session
}

/// `text` without its paragraph `idx` (paragraphs are separated by a blank line).
fn without_paragraph(text: &str, idx: usize) -> String {
    let mut paragraphs: Vec<&str> = text.split("\n\n").collect();
    paragraphs.remove(idx);
    paragraphs.join("\n\n")
}

/// The sample with document `doc` updated to `new_text`.
fn updated(session: &Session, doc: u32, new_text: String) -> Session {
    let update = update_document(session, DocId(doc), new_text, NOW).expect("update builds");
    let mut session = session.clone();
    session.apply(update.edit).expect("update applies");
    session
}

fn claim_id(session: &Session, label: &str) -> ClaimId {
    session.find_claim(label).expect("claim in the sample")
}

/// Every claim and orphan id of a session.
fn all_ids(session: &Session) -> BTreeSet<ClaimId> {
    session
        .claims()
        .iter()
        .chain(session.orphans())
        .map(|c| c.id)
        .collect()
}

#[test]
fn a_merge_keeps_the_orphans_an_update_made_in_both_orders() {
    let base = sample();
    let english = base.document(DocId(1)).expect("doc 1").text().to_owned();
    let ours = updated(&base, 1, without_paragraph(&english, 4));
    assert!(
        !ours.orphans().is_empty(),
        "deleting a paragraph orphans a claim"
    );
    for merged in [
        merge(&base, &ours, &base).expect("merge"),
        merge(&base, &base, &ours).expect("merge"),
    ] {
        let session = merged.session;
        assert_eq!(
            session.orphans(),
            ours.orphans(),
            "orphans with their content"
        );
        assert!(merged.new_conflicts.is_empty());
        assert_eq!(session.documents().len(), 2);
        let doc = session.document(DocId(1)).expect("doc 1");
        assert_eq!(doc.text(), ours.document(DocId(1)).expect("doc").text());
    }
}

#[test]
fn a_claim_changed_against_the_old_text_lands_on_the_updated_text_either_way() {
    let base = sample();
    let english = base.document(DocId(1)).expect("doc 1").text().to_owned();
    let updated_side = updated(&base, 1, without_paragraph(&english, 4));
    let mut edited_side = base.clone();
    let id = claim_id(&base, "#6509");
    edited_side
        .apply(Edit::SetClaimField {
            id,
            value: ClaimField::Verdict(Verdict::False),
            modified: NOW,
        })
        .expect("set verdict");
    let one = merge(&base, &edited_side, &updated_side).expect("merge");
    let other = merge(&base, &updated_side, &edited_side).expect("merge");
    for merged in [&one, &other] {
        let session = &merged.session;
        assert!(
            merged.new_conflicts.is_empty(),
            "{:?}",
            merged.new_conflicts
        );
        assert_eq!(session.documents().len(), 2, "no third document");
        let doc = session.document(DocId(1)).expect("doc 1");
        assert_eq!(
            doc.text(),
            updated_side.document(DocId(1)).expect("doc").text()
        );
        let claim = session.claim(id).expect("claim kept");
        assert_eq!(claim.verdict, Verdict::False, "the other side's change");
        // Every claim of the updated document quotes the text where the update put it.
        for claim in session.claims().iter().filter(|c| c.doc == DocId(1)) {
            let placed = updated_side.claim(claim.id).expect("the update placed it");
            assert_eq!(claim.anchor, placed.anchor, "claim {}", claim.id);
        }
        assert_eq!(session.orphans(), updated_side.orphans());
    }
    assert_eq!(
        store::to_ron(&one.session).expect("encode"),
        store::to_ron(&other.session).expect("encode"),
        "symmetric: nothing conflicts, so both orders give the same bytes"
    );
}

#[test]
fn a_claim_added_on_the_old_text_is_placed_by_the_update_rules_or_orphaned() {
    let base = sample();
    let english = base.document(DocId(1)).expect("doc 1").text().to_owned();
    let updated_side = updated(&base, 1, without_paragraph(&english, 4));
    let old_doc = base.document(DocId(1)).expect("doc 1");
    let mut adding = base.clone();
    let mut added = Vec::new();
    for sentence in 0..old_doc.sentences().len() as u32 {
        let id = adding.new_claim_id();
        let anchor = old_doc
            .anchor_sentences(SentenceId(sentence), SentenceId(sentence))
            .expect("anchor");
        let claim = claimdesk::model::Claim::new(id, DocId(1), anchor, NOW);
        if adding.apply(Edit::AddClaim(Box::new(claim))).is_ok() {
            added.push(id);
        }
    }
    let merged = merge(&base, &updated_side, &adding).expect("merge").session;
    let new_text = updated_side.document(DocId(1)).expect("doc").text();
    let (mut placed, mut orphaned) = (0, 0);
    for id in &added {
        let old_quote = &adding.claim(*id).expect("added").anchor.quote.exact;
        if let Some(claim) = merged.claim(*id) {
            assert_eq!(
                &claim.anchor.quote.exact, old_quote,
                "placed on its own text"
            );
            assert!(new_text.contains(old_quote.as_str()));
            placed += 1;
        } else {
            assert!(merged.orphans().iter().any(|o| o.id == *id), "{id} lost");
            assert!(
                !new_text.contains(old_quote.as_str()),
                "orphaned though its text is there"
            );
            orphaned += 1;
        }
    }
    assert!(
        placed > 10 && orphaned > 0,
        "placed {placed}, orphaned {orphaned}"
    );
}

#[test]
fn a_span_moved_to_another_document_keeps_its_document_with_its_offsets() {
    let base = sample();
    let id = claim_id(&base, "#6509");
    let mut ours = base.clone();
    ours.apply(Edit::SetClaimField {
        id,
        value: ClaimField::Note("checked against ACLED".to_owned()),
        modified: NOW,
    })
    .expect("note");
    let mut theirs = base.clone();
    let dutch = base.document(DocId(0)).expect("doc 0");
    let anchor = dutch
        .anchor_sentences(SentenceId(2), SentenceId(2))
        .expect("anchor");
    theirs
        .apply(Edit::SetClaimField {
            id,
            value: ClaimField::Span(DocId(0), anchor.clone()),
            modified: NOW,
        })
        .expect("move to document 0");
    for merged in [
        merge(&base, &ours, &theirs).expect("merge"),
        merge(&base, &theirs, &ours).expect("merge"),
    ] {
        let claim = merged.session.claim(id).expect("kept");
        assert_eq!((claim.doc, &claim.anchor), (DocId(0), &anchor));
        assert_eq!(claim.note, "checked against ACLED");
    }
}

#[test]
fn spans_moved_to_different_documents_on_both_sides_conflict_and_resolve_either_way() {
    let base = sample();
    let id = claim_id(&base, "#6509");
    let dutch = base.document(DocId(0)).expect("doc 0");
    let english = base.document(DocId(1)).expect("doc 1");
    let to_dutch = dutch
        .anchor_sentences(SentenceId(2), SentenceId(2))
        .expect("a");
    let within = english
        .anchor_sentences(SentenceId(0), SentenceId(0))
        .expect("b");
    let moved = |value: ClaimField| {
        let mut session = base.clone();
        session
            .apply(Edit::SetClaimField {
                id,
                value,
                modified: NOW,
            })
            .expect("move");
        session
    };
    let ours = moved(ClaimField::Anchor(within.clone()));
    let theirs = moved(ClaimField::Span(DocId(0), to_dutch.clone()));
    let merged = merge(&base, &ours, &theirs).expect("merge").session;
    assert_eq!(merged.claim(id).expect("kept").doc, DocId(1), "ours held");
    for (side, doc, anchor) in [
        (MergeSide::Ours, DocId(1), &within),
        (MergeSide::Theirs, DocId(0), &to_dutch),
    ] {
        let mut resolved = merged.clone();
        let idx = resolved
            .conflicts()
            .iter()
            .position(|c| c.claim() == Some(id))
            .expect("a span conflict");
        let edit =
            claimdesk::merge::resolve_conflict_edit(&resolved, idx, side, NOW).expect("resolve");
        resolved.apply(edit).expect("applies");
        let claim = resolved.claim(id).expect("kept");
        assert_eq!((claim.doc, &claim.anchor), (doc, anchor));
    }
}

#[test]
fn both_sides_updating_a_document_differently_is_a_recorded_conflict() {
    let base = sample();
    let english = base.document(DocId(1)).expect("doc 1").text().to_owned();
    let ours = updated(&base, 1, without_paragraph(&english, 4));
    let theirs = updated(&base, 1, without_paragraph(&english, 2));
    let merged = merge(&base, &ours, &theirs).expect("merge");
    let session = &merged.session;
    let conflict = session
        .conflicts()
        .iter()
        .find(|c| matches!(c, Conflict::Document { .. }))
        .expect("a text conflict");
    let Conflict::Document {
        doc,
        theirs: their_text,
    } = conflict
    else {
        unreachable!("matched above")
    };
    assert_eq!(*doc, DocId(1));
    assert_eq!(
        their_text.text,
        theirs.document(DocId(1)).expect("doc").text()
    );
    assert_eq!(
        session.document(DocId(1)).expect("doc").text(),
        ours.document(DocId(1)).expect("doc").text()
    );
    // Nothing lost: every claim and orphan of either side is in the merge.
    let both: BTreeSet<ClaimId> = all_ids(&ours).union(&all_ids(&theirs)).copied().collect();
    assert_eq!(all_ids(session), both);
    // Keeping theirs makes their text current, as an update would.
    let idx = session
        .conflicts()
        .iter()
        .position(|c| c == conflict)
        .expect("index");
    let mut resolved = session.clone();
    let edit = claimdesk::merge::resolve_conflict_edit(&resolved, idx, MergeSide::Theirs, NOW)
        .expect("resolve");
    resolved.apply(edit).expect("applies");
    assert_eq!(
        resolved.document(DocId(1)).expect("doc").text(),
        their_text.text
    );
    assert_eq!(all_ids(&resolved), both);
    assert!(
        resolved
            .conflicts()
            .iter()
            .all(|c| !matches!(c, Conflict::Document { .. }))
    );
}

#[test]
fn the_cli_merge_and_the_git_driver_keep_orphans_and_place_claims() {
    let dir = tempfile::tempdir().expect("tempdir");
    let base_path = dir.path().join("base.ron");
    std::fs::copy(root().join("saves/mali-review.ron"), &base_path).expect("copy");
    let base = sample();
    let english = base.document(DocId(1)).expect("doc 1").text().to_owned();
    let new_version = dir.path().join("en-v2.txt");
    std::fs::write(&new_version, without_paragraph(&english, 4)).expect("write");
    let a = dir.path().join("a.ron");
    let b = dir.path().join("b.ron");
    std::fs::copy(&base_path, &a).expect("copy");
    std::fs::copy(&base_path, &b).expect("copy");
    assert_exit(&run(&["update", s(&a), "--doc", "1", s(&new_version)]), 0);
    assert_exit(
        &run(&["claim", "set", s(&b), "6509", "--verdict", "false"]),
        0,
    );
    let out = dir.path().join("out.ron");
    let output = run(&["merge", s(&base_path), s(&b), s(&a), "-o", s(&out)]);
    assert_exit(&output, 0);
    let merged = store::load(&out).expect("loads").session;
    let updated_side = store::load(&a).expect("loads").session;
    assert_eq!(merged.orphans().len(), updated_side.orphans().len());
    assert_eq!(merged.documents().len(), 2, "{}", text(&output.stderr));
    let id = claim_id(&merged, "#6509");
    let claim = merged.claim(id).expect("kept");
    assert_eq!(claim.verdict, Verdict::False);
    assert_eq!(claim.anchor, updated_side.claim(id).expect("placed").anchor);

    // The git driver writes the same merge into ours.
    let driven = dir.path().join("driven.ron");
    std::fs::copy(&b, &driven).expect("copy");
    let output = run(&[
        "merge-driver",
        s(&base_path),
        s(&driven),
        s(&a),
        "review.ron",
    ]);
    assert_exit(&output, 0);
    assert_eq!(
        std::fs::read_to_string(&driven).expect("read"),
        std::fs::read_to_string(&out).expect("read")
    );
    let _ = Path::new("");
}

// ---------------------------------------------------------------------------------------
// Property test: random updates on one side, random claim edits on both.

#[derive(Clone, Debug)]
enum UpdateSpec {
    DeleteParagraph(usize),
    InsertParagraph(usize),
    SwapParagraphs(usize),
    /// Changes the first figure (or the first word) of a paragraph.
    Reword(usize),
}

#[derive(Clone, Debug)]
enum ClaimEdit {
    Add { doc: usize, sentence: usize },
    Verdict { claim: usize, verdict: usize },
    Note { claim: usize, note: String },
    Move { claim: usize, sentence: usize },
    Remove { claim: usize },
}

fn update_spec() -> impl Strategy<Value = UpdateSpec> {
    prop_oneof![
        any::<usize>().prop_map(UpdateSpec::DeleteParagraph),
        any::<usize>().prop_map(UpdateSpec::InsertParagraph),
        any::<usize>().prop_map(UpdateSpec::SwapParagraphs),
        any::<usize>().prop_map(UpdateSpec::Reword),
    ]
}

fn claim_edit() -> impl Strategy<Value = ClaimEdit> {
    prop_oneof![
        (0..2usize, any::<usize>()).prop_map(|(doc, sentence)| ClaimEdit::Add { doc, sentence }),
        (any::<usize>(), 0..8usize)
            .prop_map(|(claim, verdict)| ClaimEdit::Verdict { claim, verdict }),
        (any::<usize>(), "[a-z ]{1,12}").prop_map(|(claim, note)| ClaimEdit::Note { claim, note }),
        (any::<usize>(), any::<usize>())
            .prop_map(|(claim, sentence)| ClaimEdit::Move { claim, sentence }),
        any::<usize>().prop_map(|claim| ClaimEdit::Remove { claim }),
    ]
}

fn new_text(old: &str, spec: &UpdateSpec) -> String {
    let mut paragraphs: Vec<String> = old.split("\n\n").map(str::to_owned).collect();
    let n = paragraphs.len();
    match spec {
        UpdateSpec::DeleteParagraph(k) => {
            paragraphs.remove(k % n);
        }
        UpdateSpec::InsertParagraph(k) => paragraphs.insert(
            k % (n + 1),
            "A paragraph the editors added later. It says 42 new things.".to_owned(),
        ),
        UpdateSpec::SwapParagraphs(k) => {
            let at = k % n.saturating_sub(1).max(1);
            if at + 1 < n {
                paragraphs.swap(at, at + 1);
            }
        }
        UpdateSpec::Reword(k) => {
            let paragraph = &mut paragraphs[k % n];
            *paragraph = match paragraph.find(|c: char| c.is_ascii_digit()) {
                Some(at) => {
                    let mut changed = paragraph.clone();
                    changed.replace_range(
                        at..at + 1,
                        if &paragraph[at..at + 1] == "7" {
                            "8"
                        } else {
                            "7"
                        },
                    );
                    changed
                }
                None => format!("Reportedly, {paragraph}"),
            };
        }
    }
    paragraphs.join("\n\n")
}

/// Applies the claim edits that fit (each one edit, as the window makes them).
fn with_claim_edits(session: &Session, edits: &[ClaimEdit], time: i64) -> Session {
    let mut session = session.clone();
    for edit in edits {
        let now = Timestamp::from_unix_secs(time);
        let claims: Vec<ClaimId> = session.claims().iter().map(|c| c.id).collect();
        let pick = |k: usize| claims.get(k % claims.len().max(1)).copied();
        let built = match edit {
            ClaimEdit::Add { doc, sentence } => {
                let Some(doc) = session.documents().get(*doc) else {
                    continue;
                };
                let n = doc.sentences().len() as u32;
                let sentence = SentenceId(*sentence as u32 % n.max(1));
                let Some(anchor) = doc.anchor_sentences(sentence, sentence) else {
                    continue;
                };
                let id = session.new_claim_id();
                Edit::AddClaim(Box::new(claimdesk::model::Claim::new(
                    id, doc.id, anchor, now,
                )))
            }
            ClaimEdit::Verdict { claim, verdict } => {
                let Some(id) = pick(*claim) else { continue };
                Edit::SetClaimField {
                    id,
                    value: ClaimField::Verdict(Verdict::ALL[verdict % Verdict::ALL.len()]),
                    modified: now,
                }
            }
            ClaimEdit::Note { claim, note } => {
                let Some(id) = pick(*claim) else { continue };
                Edit::SetClaimField {
                    id,
                    value: ClaimField::Note(note.clone()),
                    modified: now,
                }
            }
            ClaimEdit::Move { claim, sentence } => {
                let Some(id) = pick(*claim) else { continue };
                let Some(claim) = session.claim(id) else {
                    continue;
                };
                let Some(doc) = session.document(claim.doc) else {
                    continue;
                };
                let n = doc.sentences().len() as u32;
                let sentence = SentenceId(*sentence as u32 % n.max(1));
                let Some(anchor) = doc.anchor_sentences(sentence, sentence) else {
                    continue;
                };
                Edit::SetClaimField {
                    id,
                    value: ClaimField::Anchor(anchor),
                    modified: now,
                }
            }
            ClaimEdit::Remove { claim } => {
                let Some(id) = pick(*claim) else { continue };
                claimdesk::intent::remove_claim_edit(&session, id, now)
            }
        };
        let _ = session.apply(built);
    }
    session
}

type Case = (u32, Vec<UpdateSpec>, Vec<ClaimEdit>, Vec<ClaimEdit>);

#[test]
fn updates_on_one_side_and_claim_edits_on_the_other_merge_without_loss() {
    let strategy = (
        0..2u32,
        prop::collection::vec(update_spec(), 1..3),
        prop::collection::vec(claim_edit(), 0..4),
        prop::collection::vec(claim_edit(), 1..8),
    );
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(64));
    let exercised = std::cell::Cell::new(0);
    let result = runner.run(&strategy, |case| {
        check_merge_across_an_update(case, &exercised)
    });
    if let Err(err) = result {
        panic!("{err}");
    }
    // A property that met no updated article with edits on the other side proves nothing.
    assert!(
        exercised.get() >= 40,
        "only {} cases exercised",
        exercised.get()
    );
}

/// One reviewer updates an article (and edits claims), the other edits claims on the
/// old text: merged in both orders (and through the git driver), no claim or orphan is
/// lost, every claim quotes the text at its offsets in the document it names, the
/// updated text is the one kept, a placement the editing side did not touch is the
/// update's, and both orders agree up to ours and theirs.
fn check_merge_across_an_update(
    (doc, updates, updating_edits, editing_edits): Case,
    exercised: &std::cell::Cell<usize>,
) -> Result<(), TestCaseError> {
    let base = sample();
    let mut updating = base.clone();
    for (step, spec) in updates.iter().enumerate() {
        let old = updating
            .document(DocId(doc))
            .expect("doc")
            .text()
            .to_owned();
        let text = new_text(&old, spec);
        if text == old {
            continue;
        }
        let now = Timestamp::from_unix_secs(1_800_000_000 + step as i64);
        let update = update_document(&updating, DocId(doc), text, now).expect("update builds");
        updating.apply(update.edit).expect("update applies");
    }
    let updating = with_claim_edits(&updating, &updating_edits, 1_800_000_100);
    let editing = with_claim_edits(&base, &editing_edits, 1_800_000_200);

    let is_updated = updating.document(DocId(doc)).expect("doc").text()
        != base.document(DocId(doc)).expect("doc").text();
    if is_updated && editing != base {
        exercised.set(exercised.get() + 1);
    }
    let one = merge(&base, &updating, &editing).expect("merge");
    let other = merge(&base, &editing, &updating).expect("merge");
    // The git driver writes the same bytes as the library merge.
    let dir = tempfile::tempdir().expect("tempdir");
    let write = |name: &str, session: &Session| {
        let path = dir.path().join(name);
        std::fs::write(&path, store::to_ron(session).expect("encode")).expect("write");
        path
    };
    let (base_file, ours_file) = (write("base.ron", &base), write("ours.ron", &editing));
    let theirs_file = write("theirs.ron", &updating);
    let driven = run(&[
        "merge-driver",
        s(&base_file),
        s(&ours_file),
        s(&theirs_file),
        "r.ron",
    ]);
    prop_assert!(
        matches!(driven.status.code(), Some(0 | 1)),
        "{}",
        text(&driven.stderr)
    );
    prop_assert_eq!(
        std::fs::read_to_string(&ours_file).expect("read"),
        store::to_ron(&other.session).expect("encode")
    );
    for merged in [&one, &other] {
        let session = &merged.session;
        prop_assert_eq!(session.validate(), Ok(()));
        prop_assert_eq!(session.documents().len(), base.documents().len());
        let kept_text = updating.document(DocId(doc)).expect("doc").text();
        prop_assert_eq!(session.document(DocId(doc)).expect("doc").text(), kept_text);
        // No claim or orphan lost.
        let merged_ids = all_ids(session);
        for id in all_ids(&updating).union(&all_ids(&editing)) {
            let in_base = all_ids(&base).contains(id);
            let in_both = all_ids(&updating).contains(id) && all_ids(&editing).contains(id);
            if !in_base || in_both {
                prop_assert!(merged_ids.contains(id), "claim {} lost", id);
            }
        }
        for claim in session.claims() {
            let text = session
                .document(claim.doc)
                .expect("doc")
                .slice(claim.anchor.range());
            prop_assert_eq!(text, Some(claim.anchor.quote.exact.as_str()));
            // A place the editing side did not touch is the update's.
            let untouched = match (editing.claim(claim.id), base.claim(claim.id)) {
                (Some(e), Some(b)) => (e.doc, &e.anchor) == (b.doc, &b.anchor),
                _ => false,
            };
            if untouched && let Some(placed) = updating.claim(claim.id) {
                prop_assert_eq!(&claim.anchor, &placed.anchor, "claim {}", claim.id);
            }
        }
    }
    let ids = |s: &Session| {
        (
            s.claims().iter().map(|c| c.id).collect::<Vec<_>>(),
            s.orphans().iter().map(|c| c.id).collect::<Vec<_>>(),
        )
    };
    prop_assert_eq!(ids(&one.session), ids(&other.session));
    prop_assert_eq!(one.new_conflicts.len(), other.new_conflicts.len());
    // Every conflict resolves either way.
    for side in [MergeSide::Ours, MergeSide::Theirs] {
        let mut resolved = one.session.clone();
        let mut steps = 0;
        while !resolved.conflicts().is_empty() {
            let edit = claimdesk::merge::resolve_conflict_edit(&resolved, 0, side, NOW)
                .expect("resolvable");
            resolved.apply(edit).expect("resolution applies");
            steps += 1;
            prop_assert!(steps < 1000);
        }
    }
    Ok(())
}

#[test]
fn an_update_keeps_a_conflict_about_an_orphaned_claims_content() {
    let base = sample();
    let id = claim_id(&base, "#a215");
    let rated = |verdict: Verdict| {
        let mut session = base.clone();
        session
            .apply(Edit::SetClaimField {
                id,
                value: ClaimField::Verdict(verdict),
                modified: NOW,
            })
            .expect("rate");
        session
    };
    let merged = merge(&base, &rated(Verdict::False), &rated(Verdict::True))
        .expect("merge")
        .session;
    assert_eq!(merged.conflicts_of(id).count(), 1);
    // The article loses the paragraph with the claim: the claim is orphaned, and the
    // reviewers' disagreement about its verdict goes with it, still to be decided.
    let english = merged.document(DocId(1)).expect("doc 1").text().to_owned();
    let updated = updated(&merged, 1, without_paragraph(&english, 4));
    assert!(updated.orphans().iter().any(|o| o.id == id));
    assert_eq!(updated.conflicts_of(id).count(), 1);
    assert_eq!(updated.validate(), Ok(()));
    let idx = updated
        .conflicts()
        .iter()
        .position(|c| c.claim() == Some(id))
        .expect("the conflict");
    let mut resolved = updated.clone();
    let edit = claimdesk::merge::resolve_conflict_edit(&resolved, idx, MergeSide::Theirs, NOW)
        .expect("resolvable on an orphan");
    resolved.apply(edit).expect("applies");
    let orphan = resolved
        .orphans()
        .iter()
        .find(|o| o.id == id)
        .expect("orphan");
    assert_eq!(orphan.verdict, Verdict::True);
    assert!(resolved.conflicts().is_empty());
}
