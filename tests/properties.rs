//! Property tests: save → load is the identity, and so is apply → apply(inverse), for
//! sessions and edits built from arbitrary text (quotes, backslashes, `#`, emoji, newlines).

use std::path::Path;

use claimdesk::history::{GroupKey, History};
use claimdesk::intent::{ClaimField, Edit, RowCorrection, SourceField};
use claimdesk::model::{
    Claim, ClaimId, DocId, Document, SentenceId, Session, Source, Stance, Status, Verdict,
};
use claimdesk::store;
use claimdesk::timestamp::Timestamp;
use proptest::prelude::*;

fn free_text() -> impl Strategy<Value = String> {
    "(\\PC|[\"\\\\#\n\t\r])*".prop_map(|s| s.chars().take(40).collect())
}

fn article_text() -> impl Strategy<Value = String> {
    let sentence = "[A-Za-zéï🇲🇱“”\"'#\\\\ ]{1,30}[.!?]";
    prop::collection::vec(sentence, 1..10).prop_map(|sentences| {
        sentences
            .chunks(3)
            .map(|para| para.join(" "))
            .collect::<Vec<_>>()
            .join("\n\n")
    })
}

#[derive(Clone, Debug)]
struct ClaimSpec {
    doc: usize,
    sentence: usize,
    extra_sentences: usize,
    verdict: usize,
    status: usize,
    claimant: String,
    note: String,
    source_url: String,
    time: i64,
    id: u64,
}

prop_compose! {
    fn claim_spec()(
        doc in 0..3usize,
        sentence in 0..20usize,
        extra_sentences in 0..3usize,
        verdict in 0..8usize,
        status in 0..3usize,
        claimant in free_text(),
        note in free_text(),
        source_url in free_text(),
        time in -10_000_000_000i64..10_000_000_000,
        id in any::<u64>(),
    ) -> ClaimSpec {
        ClaimSpec { doc, sentence, extra_sentences, verdict, status, claimant, note, source_url, time, id }
    }
}

fn build_claim(documents: &[Document], spec: &ClaimSpec, id: ClaimId) -> Option<Claim> {
    let doc = documents.get(spec.doc % documents.len().max(1))?;
    let n = doc.sentences().len();
    let first = spec.sentence % n.max(1);
    let last = (first + spec.extra_sentences).min(n.checked_sub(1)?);
    let anchor = doc.anchor_sentences(SentenceId(first as u32), SentenceId(last as u32))?;
    let mut claim = Claim::new(id, doc.id, anchor, Timestamp::from_unix_secs(spec.time));
    claim.verdict = Verdict::ALL[spec.verdict % Verdict::ALL.len()];
    claim.status = Status::ALL[spec.status % Status::ALL.len()];
    claim.claimant = spec.claimant.clone();
    claim.note = spec.note.clone();
    claim.sources = vec![Source {
        url: spec.source_url.clone(),
        title: spec.note.clone(),
        stance: Stance::Refutes,
        accessed: Some(Timestamp::from_unix_secs(spec.time)),
        ..Source::default()
    }];
    Some(claim)
}

fn session_strategy() -> impl Strategy<Value = Session> {
    (
        prop::collection::vec((article_text(), free_text()), 1..4),
        prop::collection::vec(claim_spec(), 0..6),
        free_text(),
        any::<bool>(),
    )
        .prop_map(|(mut docs, specs, title, mirrored)| {
            // Half the time the second document is a faithful copy of the first (a close
            // translation), so alignments pair every sentence and claims have counterparts.
            if mirrored && docs.len() > 1 {
                docs[1].0 = docs[0].0.clone();
            }
            let mut builder = Session::builder(title, Timestamp::from_unix_secs(1_700_000_000));
            let mut meta = builder.meta_ref().clone();
            meta.reviewers = vec!["Ana".to_owned(), "Bo \"B\"".to_owned()];
            builder.meta(meta);
            for (idx, (text, doc_title)) in docs.into_iter().enumerate() {
                builder.document(claimdesk::segment::segmented_document(
                    DocId(idx as u32),
                    doc_title,
                    "auto",
                    Some(format!("article-{idx}.txt")),
                    text,
                ));
            }
            for spec in &specs {
                let id = ClaimId(spec.id);
                if builder.has_claim(id) {
                    continue;
                }
                if let Some(claim) = build_claim(builder.documents(), spec, id) {
                    builder.claim(claim);
                }
            }
            let mut session = builder.build().expect("generated sessions are valid");
            // Two documents are aligned, and a claim linked to its counterpart, when they
            // can be: the edits on alignments and links then have something to work on.
            if let (Some(a), Some(b)) = (session.documents().first(), session.documents().get(1)) {
                let pairs = claimdesk::align::align_documents(a, b);
                let (a, b) = (a.id, b.id);
                let align = claimdesk::intent::align_documents_edit(&session, a, b, pairs)
                    .expect("two documents align");
                session.apply(align).expect("align");
                let linkable = session.claims().iter().find_map(|claim| {
                    let counterpart = claimdesk::align::counterpart_sentences(&session, claim)?;
                    Some((claim.id, counterpart))
                });
                if let Some((id, counterpart)) = linkable {
                    let now = Timestamp::from_unix_secs(1_700_000_000);
                    if let Ok((link, _)) =
                        claimdesk::intent::create_linked_claim_edit(&session, id, counterpart, now)
                    {
                        session.apply(link).expect("link");
                    }
                }
            }
            // And one claim orphaned (as an update leaves one), when nothing links to it.
            let unlinked = session
                .claims()
                .iter()
                .rev()
                .find(|c| {
                    c.counterpart.is_none()
                        && !session.claims().iter().any(|o| o.counterpart == Some(c.id))
                })
                .map(|c| c.id);
            if mirrored && let Some(id) = unlinked {
                session
                    .apply(Edit::OrphanClaim { id, anchor: None })
                    .expect("orphan");
            }
            session
        })
}

#[derive(Clone, Debug)]
enum EditSpec {
    Add(ClaimSpec),
    Remove(usize),
    Verdict(usize, usize),
    Note(usize, String),
    Text(usize, String),
    Sources(usize, String),
    Title(String),
    AddDocument(String),
    RemoveDocument(usize),
    MarkTranslation(usize, usize),
    Align(usize, usize),
    CorrectRow(usize, usize, bool),
    Link(usize, usize),
    Unlink(usize),
    CreateLinked(usize),
    /// Segment a document again with another language's rules.
    Resegment(usize, usize),
    /// Split the sentence at a code point; merge a sentence with the next.
    SplitSentence(usize, usize),
    MergeSentences(usize, usize),
    /// A new version of a document's text (an update: claims placed or orphaned).
    UpdateText(usize, String),
    /// Orphan a claim; attach an orphan again at a sentence of its document.
    Orphan(usize),
    Adopt(usize, usize),
    DocumentDetails(usize, String),
    /// Dismiss (or restore) a divergence flag of an alignment.
    DismissFlag(usize, usize),
    AddSource(usize, String),
    SourceField(usize, usize, String, usize),
    RemoveSource(usize, usize),
    Batch(Box<EditSpec>, Box<EditSpec>),
}

impl EditSpec {
    /// The spec's kind, for counting what a run built.
    fn kind(&self) -> &'static str {
        match self {
            EditSpec::Add(_) => "add claim",
            EditSpec::Remove(_) => "remove claim",
            EditSpec::Verdict(..) => "verdict",
            EditSpec::Note(..) => "note",
            EditSpec::Text(..) => "text",
            EditSpec::Sources(..) => "sources",
            EditSpec::Title(_) => "title",
            EditSpec::AddDocument(_) => "add document",
            EditSpec::RemoveDocument(_) => "remove document",
            EditSpec::MarkTranslation(..) => "mark translation",
            EditSpec::Align(..) => "align",
            EditSpec::CorrectRow(..) => "correct row",
            EditSpec::Link(..) => "link",
            EditSpec::Unlink(_) => "unlink",
            EditSpec::CreateLinked(_) => "create linked",
            EditSpec::Resegment(..) => "resegment",
            EditSpec::SplitSentence(..) => "split sentence",
            EditSpec::MergeSentences(..) => "merge sentences",
            EditSpec::UpdateText(..) => "update text",
            EditSpec::Orphan(_) => "orphan",
            EditSpec::Adopt(..) => "adopt",
            EditSpec::DocumentDetails(..) => "document details",
            EditSpec::DismissFlag(..) => "dismiss flag",
            EditSpec::AddSource(..) => "add source",
            EditSpec::SourceField(..) => "source field",
            EditSpec::RemoveSource(..) => "remove source",
            EditSpec::Batch(..) => "batch",
        }
    }
}

fn single_edit_spec() -> impl Strategy<Value = EditSpec> {
    prop_oneof![
        claim_spec().prop_map(EditSpec::Add),
        any::<usize>().prop_map(EditSpec::Remove),
        (any::<usize>(), 0..8usize).prop_map(|(c, v)| EditSpec::Verdict(c, v)),
        (any::<usize>(), free_text()).prop_map(|(c, t)| EditSpec::Note(c, t)),
        (any::<usize>(), free_text()).prop_map(|(c, t)| EditSpec::Text(c, t)),
        (any::<usize>(), free_text()).prop_map(|(c, t)| EditSpec::Sources(c, t)),
        free_text().prop_map(EditSpec::Title),
        article_text().prop_map(EditSpec::AddDocument),
        any::<usize>().prop_map(EditSpec::RemoveDocument),
        (any::<usize>(), any::<usize>()).prop_map(|(d, o)| EditSpec::MarkTranslation(d, o)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| EditSpec::Align(a, b)),
        (any::<usize>(), any::<usize>(), any::<bool>())
            .prop_map(|(al, row, merge)| EditSpec::CorrectRow(al, row, merge)),
        (any::<usize>(), any::<usize>()).prop_map(|(x, y)| EditSpec::Link(x, y)),
        any::<usize>().prop_map(EditSpec::Unlink),
        any::<usize>().prop_map(EditSpec::CreateLinked),
        (any::<usize>(), 0..4usize).prop_map(|(d, l)| EditSpec::Resegment(d, l)),
        (any::<usize>(), any::<usize>()).prop_map(|(d, at)| EditSpec::SplitSentence(d, at)),
        (any::<usize>(), any::<usize>()).prop_map(|(d, i)| EditSpec::MergeSentences(d, i)),
        (any::<usize>(), article_text()).prop_map(|(d, t)| EditSpec::UpdateText(d, t)),
        any::<usize>().prop_map(EditSpec::Orphan),
        (any::<usize>(), any::<usize>()).prop_map(|(o, s)| EditSpec::Adopt(o, s)),
        (any::<usize>(), free_text()).prop_map(|(d, t)| EditSpec::DocumentDetails(d, t)),
        (any::<usize>(), any::<usize>()).prop_map(|(al, f)| EditSpec::DismissFlag(al, f)),
        (any::<usize>(), free_text()).prop_map(|(c, u)| EditSpec::AddSource(c, u)),
        (any::<usize>(), any::<usize>(), free_text(), 0..5usize)
            .prop_map(|(c, i, t, f)| EditSpec::SourceField(c, i, t, f)),
        (any::<usize>(), any::<usize>()).prop_map(|(c, i)| EditSpec::RemoveSource(c, i)),
    ]
}

fn edit_spec() -> impl Strategy<Value = EditSpec> {
    prop_oneof![
        4 => single_edit_spec(),
        1 => (single_edit_spec(), single_edit_spec())
            .prop_map(|(x, y)| EditSpec::Batch(Box::new(x), Box::new(y))),
    ]
}

/// Turns a spec into an edit that is valid for `session` (or `None` when it can't be).
fn build_edit(session: &Session, spec: &EditSpec) -> Option<Edit> {
    let pick = |idx: usize| {
        session
            .claims()
            .get(idx % session.claims().len().max(1))
            .map(|c| c.id)
    };
    let set = |id: ClaimId, value: ClaimField| Edit::SetClaimField {
        id,
        value,
        modified: Timestamp::from_unix_secs(42),
    };
    let pick_doc = |idx: usize| {
        session
            .documents()
            .get(idx % session.documents().len().max(1))
            .map(|d| d.id)
    };
    let now = Timestamp::from_unix_secs(42);
    Some(match spec {
        EditSpec::Add(claim) => {
            let id = ClaimId(claim.id);
            if session.claim(id).is_some() {
                return None;
            }
            Edit::AddClaim(Box::new(build_claim(session.documents(), claim, id)?))
        }
        EditSpec::Remove(idx) => claimdesk::intent::remove_claim_edit(session, pick(*idx)?, now),
        EditSpec::Verdict(idx, v) => set(
            pick(*idx)?,
            ClaimField::Verdict(Verdict::ALL[v % Verdict::ALL.len()]),
        ),
        EditSpec::Note(idx, text) => set(pick(*idx)?, ClaimField::Note(text.clone())),
        EditSpec::Text(idx, text) => set(pick(*idx)?, ClaimField::Text(text.clone())),
        EditSpec::Sources(idx, url) => set(
            pick(*idx)?,
            ClaimField::Sources(vec![Source {
                url: url.clone(),
                ..Source::default()
            }]),
        ),
        EditSpec::Title(title) => {
            claimdesk::intent::set_meta_edit(session, |meta| meta.title = title.clone(), now)
        }
        EditSpec::AddDocument(text) => {
            let id = DocId(
                session
                    .documents()
                    .iter()
                    .map(|d| d.id.0 + 1)
                    .max()
                    .unwrap_or(0),
            );
            let doc =
                claimdesk::segment::segmented_document(id, "added", "auto", None, text.clone());
            Edit::AddDocument(Box::new(doc))
        }
        EditSpec::RemoveDocument(idx) => {
            // One of the documents nothing refers to.
            let removable: Vec<DocId> = session
                .documents()
                .iter()
                .map(|d| d.id)
                .filter(|&doc| {
                    !(session.claims().iter().any(|c| c.doc == doc)
                        || session.orphans().iter().any(|c| c.doc == doc)
                        || session
                            .alignments()
                            .iter()
                            .any(|al| al.a == doc || al.b == doc)
                        || session
                            .documents()
                            .iter()
                            .any(|d| d.translation_of == Some(doc)))
                })
                .collect();
            Edit::RemoveDocument(*removable.get(idx % removable.len().max(1))?)
        }
        EditSpec::MarkTranslation(doc, of) => {
            let (doc, of) = (pick_doc(*doc)?, pick_doc(*of)?);
            let of = (doc != of).then_some(of);
            Edit::SetTranslationOf { doc, of }
        }
        EditSpec::Align(a, b) => {
            let (a, b) = (pick_doc(*a)?, pick_doc(*b)?);
            let pairs = match (session.document(a), session.document(b)) {
                (Some(doc_a), Some(doc_b)) if a != b => {
                    claimdesk::align::align_documents(doc_a, doc_b)
                }
                _ => Vec::new(),
            };
            claimdesk::intent::align_documents_edit(session, a, b, pairs).ok()?
        }
        EditSpec::CorrectRow(al, row, is_merge) => {
            let alignment = session
                .alignments()
                .get(al % session.alignments().len().max(1))?;
            let row = row % alignment.pairs.len().max(1);
            let correction = if *is_merge {
                RowCorrection::MergeWithNext
            } else {
                RowCorrection::Split
            };
            claimdesk::intent::correct_alignment_edit(
                session,
                alignment.a,
                alignment.b,
                row,
                correction,
            )
            .ok()?
        }
        EditSpec::Link(x, y) => {
            let (x, y) = (pick(*x)?, pick(*y)?);
            if x == y {
                return None;
            }
            claimdesk::intent::link_claims_edit(session, x, y, now)
        }
        EditSpec::Unlink(idx) => {
            let linked: Vec<ClaimId> = session
                .claims()
                .iter()
                .filter(|c| c.counterpart.is_some())
                .map(|c| c.id)
                .collect();
            let id = *linked.get(idx % linked.len().max(1))?;
            claimdesk::intent::unlink_claim_edit(session, id, now).ok()?
        }
        EditSpec::CreateLinked(idx) => {
            let id = pick(*idx)?;
            let counterpart = claimdesk::align::counterpart_sentences(session, session.claim(id)?)?;
            claimdesk::intent::create_linked_claim_edit(session, id, counterpart, now)
                .ok()?
                .0
        }
        EditSpec::Resegment(idx, lang) => {
            let doc = session.document(pick_doc(*idx)?)?;
            let language = ["en", "nl", "de", "fr"][lang % 4];
            let resegmented = claimdesk::segment::resegmented(doc, language);
            claimdesk::intent::resegment_document_edit(session, resegmented).ok()?
        }
        EditSpec::SplitSentence(idx, at) => {
            let doc = session.document(pick_doc(*idx)?)?;
            let n = doc.text().chars().count().max(1);
            claimdesk::intent::split_sentence_edit(session, doc.id, at % n).ok()?
        }
        EditSpec::MergeSentences(idx, sentence) => {
            let doc = session.document(pick_doc(*idx)?)?;
            let n = doc.sentences().len().max(1);
            let sentence = SentenceId((sentence % n) as u32);
            claimdesk::intent::merge_sentences_edit(session, doc.id, sentence).ok()?
        }
        EditSpec::UpdateText(idx, text) => {
            let doc = pick_doc(*idx)?;
            claimdesk::update::update_document(session, doc, text.clone(), now)
                .ok()?
                .edit
        }
        EditSpec::Orphan(idx) => {
            let id = pick(*idx)?;
            // Nothing may link to a claim that leaves the claims.
            if session.claims().iter().any(|c| c.counterpart == Some(id)) {
                return None;
            }
            Edit::OrphanClaim { id, anchor: None }
        }
        EditSpec::Adopt(idx, sentence) => {
            let orphans = session.orphans();
            let orphan = orphans.get(idx % orphans.len().max(1))?;
            let doc = session.document(orphan.doc)?;
            let n = doc.sentences().len().max(1);
            let sentence = SentenceId((sentence % n) as u32);
            let anchor = doc.anchor_sentences(sentence, sentence)?;
            claimdesk::intent::adopt_orphan_edit(session, orphan.id, anchor)
        }
        EditSpec::DocumentDetails(idx, title) => {
            let doc = session.document(pick_doc(*idx)?)?;
            let mut meta = doc.meta.clone();
            meta.authors = vec![title.clone()];
            claimdesk::intent::set_document_details_edit(session, doc.id, title.clone(), meta)
        }
        EditSpec::DismissFlag(al, flag) => {
            let alignment = session
                .alignments()
                .get(al % session.alignments().len().max(1))?;
            let (a, b) = (
                session.document(alignment.a)?,
                session.document(alignment.b)?,
            );
            let flags = claimdesk::align::document_divergences(a, b, &alignment.pairs);
            let key = flags.get(flag % flags.len().max(1))?.key();
            let dismiss = !alignment.dismissed.contains(&key);
            claimdesk::intent::dismiss_flag_edit(session, alignment.a, alignment.b, key, dismiss)
                .ok()?
        }
        EditSpec::AddSource(idx, url) => {
            let source = Source {
                url: url.clone(),
                ..Source::default()
            };
            claimdesk::intent::add_source_edit(session, pick(*idx)?, source, now).ok()?
        }
        EditSpec::SourceField(idx, source, text, field) => {
            let id = pick(*idx)?;
            let n = session.claim(id)?.sources.len();
            if n == 0 {
                return None;
            }
            let value = match field {
                0 => SourceField::Url(text.clone()),
                1 => SourceField::Title(text.clone()),
                2 => SourceField::Publisher(text.clone()),
                3 => SourceField::Quote(text.clone()),
                _ => SourceField::Stance(Stance::ALL[text.len() % Stance::ALL.len()]),
            };
            claimdesk::intent::set_source_field_edit(session, id, source % n, value, now)
        }
        EditSpec::RemoveSource(idx, source) => {
            let id = pick(*idx)?;
            let n = session.claim(id)?.sources.len();
            if n == 0 {
                return None;
            }
            claimdesk::intent::remove_source_edit(session, id, source % n, now)
        }
        EditSpec::Batch(first, second) => {
            // The second edit is built against the session as the first leaves it.
            let first = build_edit(session, first)?;
            let mut scratch = session.clone();
            scratch.apply(first.clone()).ok()?;
            let second = build_edit(&scratch, second)?;
            Edit::Batch(vec![first, second])
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn save_then_load_is_identity(session in session_strategy()) {
        let text = store::to_ron(&session).expect("encode");
        let loaded = store::from_ron(&text, Path::new("p.ron")).expect("decode");
        prop_assert_eq!(&loaded.session, &session);
        prop_assert!(loaded.warnings.is_empty());
        // Deterministic: encoding the loaded session gives the same bytes.
        prop_assert_eq!(store::to_ron(&loaded.session).expect("encode"), text);
    }

    #[test]
    fn undoing_everything_restores_the_original(
        session in session_strategy(),
        specs in prop::collection::vec(edit_spec(), 1..12),
    ) {
        let original = session.clone();
        let mut session = session;
        let mut history = History::new();
        for (step, spec) in specs.iter().enumerate() {
            let Some(edit) = build_edit(&session, spec) else { continue };
            // Every third edit joins a group with the one before, like typing in a field.
            let group = (step % 3 != 0).then(|| GroupKey("typing".to_owned()));
            history.apply_grouped(&mut session, edit, group).expect("valid edit");
        }
        let edited = session.clone();
        while history.undo(&mut session).expect("undo").is_some() {}
        prop_assert_eq!(&session, &original);
        prop_assert!(!history.is_dirty());
        while history.redo(&mut session).expect("redo").is_some() {}
        prop_assert_eq!(&session, &edited);
    }
}

/// Apply → apply(inverse) is the identity, and redo the edit again, for every kind of
/// edit. A spec that does not fit the session it meets builds no edit; the run fails if
/// some kind was never built, or fewer than half of all specs were, so it cannot pass
/// by testing nothing.
#[test]
fn apply_then_inverse_is_identity() {
    use std::cell::RefCell;
    use std::collections::BTreeMap;
    let counts: RefCell<BTreeMap<&'static str, (usize, usize)>> = RefCell::default();
    // A fixed seed: the floor below is a property of the generators, checked the same way
    // on every run.
    let mut runner = proptest::test_runner::TestRunner::new_with_rng(
        ProptestConfig::with_cases(128),
        proptest::test_runner::TestRng::deterministic_rng(
            proptest::test_runner::RngAlgorithm::ChaCha,
        ),
    );
    let strategy = (
        session_strategy(),
        prop::collection::vec(edit_spec(), 1..10),
    );
    let result = runner.run(&strategy, |(session, specs)| {
        let mut session = session;
        for spec in &specs {
            let edit = build_edit(&session, spec);
            {
                let mut counts = counts.borrow_mut();
                let entry = counts.entry(spec.kind()).or_default();
                entry.0 += 1;
                entry.1 += usize::from(edit.is_some());
            }
            let Some(edit) = edit else { continue };
            let before = session.clone();
            let inverse = session.apply(edit.clone()).expect("valid edit");
            let after = session.clone();
            prop_assert_eq!(session.validate(), Ok(()));
            let redo = session.apply(inverse).expect("inverse applies");
            prop_assert_eq!(&session, &before);
            session.apply(redo).expect("redo applies");
            prop_assert_eq!(&session, &after);
        }
        // Whatever the edits did, the result saves and loads back unchanged.
        let text = store::to_ron(&session).expect("encode");
        let loaded = store::from_ron(&text, Path::new("p.ron")).expect("decode");
        prop_assert_eq!(&loaded.session, &session);
        Ok(())
    });
    if let Err(err) = result {
        panic!("{err}");
    }
    let counts = counts.into_inner();
    let (asked, built) = counts
        .values()
        .fold((0, 0), |(a, b), (x, y)| (a + x, b + y));
    let never: Vec<&str> = counts
        .iter()
        .filter(|(_, (_, built))| *built == 0)
        .map(|(kind, _)| *kind)
        .collect();
    assert!(never.is_empty(), "never built: {never:?} (of {counts:?})");
    assert!(
        built * 2 >= asked,
        "only {built} of {asked} specs became edits: {counts:?}"
    );
}

/// `session` after the edits `specs` make (those that fit).
fn edited(session: &Session, specs: &[EditSpec]) -> Session {
    let mut session = session.clone();
    for spec in specs {
        if let Some(edit) = build_edit(&session, spec) {
            session.apply(edit).expect("valid edit");
        }
    }
    session
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Two reviewers edit copies apart: the merge is a valid session that keeps every
    /// claim either of them has, is deterministic and symmetric, and every conflict it
    /// records can be resolved either way (and undone).
    #[test]
    fn merging_copies_keeps_every_claim_and_every_conflict_resolves(
        base in session_strategy(),
        ours_specs in prop::collection::vec(edit_spec(), 0..8),
        theirs_specs in prop::collection::vec(edit_spec(), 0..8),
        keep_theirs in any::<u64>(),
    ) {
        use claimdesk::merge::merge;
        use claimdesk::model::MergeSide;
        let ours = edited(&base, &ours_specs);
        let theirs = edited(&base, &theirs_specs);
        let merged = merge(&base, &ours, &theirs).expect("merge");
        let session = &merged.session;
        prop_assert_eq!(session.validate(), Ok(()));
        let text = store::to_ron(session).expect("encode");
        let loaded = store::from_ron(&text, Path::new("m.ron")).expect("decode");
        prop_assert_eq!(&loaded.session, session);

        // Kept means among the claims or, where an update left no place for it in the
        // current text, among the orphans (which every count and list shows).
        let kept = |s: &Session, id: ClaimId| {
            s.claim(id).is_some() || s.orphans().iter().any(|o| o.id == id)
        };
        for claim in ours.claims().iter().chain(theirs.claims()) {
            let in_base = base.claim(claim.id).is_some();
            let in_both = ours.claim(claim.id).is_some() && theirs.claim(claim.id).is_some();
            if !in_base || in_both {
                prop_assert!(kept(session, claim.id), "claim {} lost", claim.id);
            }
        }
        for claim in base.claims() {
            // (A claim one side removed stays when a claim the merge keeps links to it.)
            let linked_to = session.claims().iter().any(|c| c.counterpart == Some(claim.id));
            if !kept(&ours, claim.id) && theirs.claim(claim.id) == Some(claim) && !linked_to {
                prop_assert!(!kept(session, claim.id), "removal of {} lost", claim.id);
            }
        }
        // Deterministic, and symmetric up to ours and theirs.
        let again = merge(&base, &ours, &theirs).expect("merge");
        prop_assert_eq!(store::to_ron(&again.session).expect("encode"), text);
        let swapped = merge(&base, &theirs, &ours).expect("merge");
        // The same claims are kept either way; where both sides updated a document, the
        // text held is ours, so a claim placed in one side's text may be an orphan in the
        // other order.
        let ids = |s: &Session| {
            let mut ids: Vec<ClaimId> = s.claims().iter().chain(s.orphans()).map(|c| c.id).collect();
            ids.sort();
            ids
        };
        prop_assert_eq!(ids(&swapped.session), ids(session));
        prop_assert_eq!(swapped.new_conflicts.len(), merged.new_conflicts.len());
        // Merging a copy with itself changes nothing and conflicts with nothing.
        let same = merge(&base, &ours, &ours).expect("merge");
        prop_assert!(same.new_conflicts.is_empty());
        prop_assert_eq!(ids(&same.session), ids(&ours));

        // Resolve every conflict, each way chosen by a bit of `keep_theirs`.
        let mut resolved = session.clone();
        let mut history = History::new();
        let mut step = 0;
        while !resolved.conflicts().is_empty() {
            let side = if keep_theirs >> (step % 64) & 1 == 1 { MergeSide::Theirs } else { MergeSide::Ours };
            let edit = claimdesk::merge::resolve_conflict_edit(&resolved, 0, side, Timestamp::from_unix_secs(7))
                .expect("a conflict to resolve");
            history.apply_grouped(&mut resolved, edit, None).expect("resolution applies");
            prop_assert_eq!(resolved.validate(), Ok(()));
            step += 1;
            prop_assert!(step < 1000, "resolving does not end");
        }
        while history.undo(&mut resolved).expect("undo").is_some() {}
        prop_assert_eq!(&resolved, session);
    }
}
