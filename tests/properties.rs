//! Property tests: save → load is the identity, and so is apply → apply(inverse), for
//! sessions and edits built from arbitrary text (quotes, backslashes, `#`, emoji, newlines).

use std::path::Path;

use claimdesk::edit::{ClaimField, Edit};
use claimdesk::history::{GroupKey, History};
use claimdesk::session::{
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
    ) -> ClaimSpec {
        ClaimSpec { doc, sentence, extra_sentences, verdict, status, claimant, note, source_url, time }
    }
}

fn build_claim(session: &Session, spec: &ClaimSpec, id: ClaimId) -> Option<Claim> {
    let doc = session
        .documents
        .get(spec.doc % session.documents.len().max(1))?;
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
        prop::collection::vec((article_text(), free_text()), 1..3),
        prop::collection::vec(claim_spec(), 0..6),
        free_text(),
    )
        .prop_map(|(docs, specs, title)| {
            let mut session = Session::new(title, Timestamp::from_unix_secs(1_700_000_000));
            session.meta.reviewers = vec!["Ana".to_owned(), "Bo \"B\"".to_owned()];
            for (idx, (text, doc_title)) in docs.into_iter().enumerate() {
                session.documents.push(Document::segmented(
                    DocId(idx as u32),
                    doc_title,
                    "auto",
                    Some(format!("article-{idx}.txt")),
                    text,
                ));
            }
            for spec in &specs {
                let id = session.next_claim_id();
                if let Some(claim) = build_claim(&session, spec, id) {
                    session.claims.push(claim);
                }
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
}

fn edit_spec() -> impl Strategy<Value = EditSpec> {
    prop_oneof![
        claim_spec().prop_map(EditSpec::Add),
        any::<usize>().prop_map(EditSpec::Remove),
        (any::<usize>(), 0..8usize).prop_map(|(c, v)| EditSpec::Verdict(c, v)),
        (any::<usize>(), free_text()).prop_map(|(c, t)| EditSpec::Note(c, t)),
        (any::<usize>(), free_text()).prop_map(|(c, t)| EditSpec::Text(c, t)),
        (any::<usize>(), free_text()).prop_map(|(c, t)| EditSpec::Sources(c, t)),
        free_text().prop_map(EditSpec::Title),
    ]
}

/// Turns a spec into an edit that is valid for `session` (or `None` when it can't be).
fn build_edit(session: &Session, spec: &EditSpec) -> Option<Edit> {
    let pick = |idx: usize| {
        session
            .claims
            .get(idx % session.claims.len().max(1))
            .map(|c| c.id)
    };
    let set = |id: ClaimId, value: ClaimField| Edit::SetClaimField {
        id,
        value,
        modified: Timestamp::from_unix_secs(42),
    };
    Some(match spec {
        EditSpec::Add(claim) => Edit::AddClaim(Box::new(build_claim(
            session,
            claim,
            session.next_claim_id(),
        )?)),
        EditSpec::Remove(idx) => Edit::RemoveClaim(pick(*idx)?),
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
            let mut meta = session.meta.clone();
            meta.title = title.clone();
            Edit::SetMeta(Box::new(meta))
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
    fn apply_then_inverse_is_identity(
        session in session_strategy(),
        specs in prop::collection::vec(edit_spec(), 1..8),
    ) {
        let mut session = session;
        for spec in &specs {
            let Some(edit) = build_edit(&session, spec) else { continue };
            let before = session.clone();
            let inverse = session.apply(edit.clone()).expect("valid edit");
            let after = session.clone();
            let redo = session.apply(inverse).expect("inverse applies");
            prop_assert_eq!(&session, &before);
            session.apply(redo).expect("redo applies");
            prop_assert_eq!(&session, &after);
        }
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
        while history.undo(&mut session).expect("undo") {}
        prop_assert_eq!(&session, &original);
        prop_assert!(!history.is_dirty());
        while history.redo(&mut session).expect("redo") {}
        prop_assert_eq!(&session, &edited);
    }
}
