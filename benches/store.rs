//! Saving and loading a large session: 100k sentences, 20k claims (~11 MB of text).
//! Run: `cargo bench --bench store`.

use claimdesk::session::{Claim, ClaimId, DocId, Document, SentenceId, Session, Source, Verdict};
use claimdesk::store;
use claimdesk::timestamp::Timestamp;
use std::path::Path;

fn main() {
    divan::main();
}

fn big_session() -> Session {
    let nl = include_str!("../assets/articles/mali-rusland.nl.txt");
    let mut text = String::new();
    let mut doc = Document::segmented(DocId(0), "big", "nl", None, String::new());
    while doc.sentences().len() < 100_000 {
        for _ in 0..200 {
            text.push_str(nl);
            text.push_str("\n\n");
        }
        doc = Document::segmented(DocId(0), "big", "nl", None, text.clone());
    }
    let n_sentences = doc.sentences().len();
    let mut session = Session::new("big", Timestamp::from_unix_secs(1_700_000_000));
    let step = n_sentences / 20_000;
    for idx in 0..20_000u32 {
        let sentence = SentenceId(idx * step as u32);
        let Some(anchor) = doc.anchor_sentences(sentence, sentence) else {
            continue;
        };
        let mut claim = Claim::new(ClaimId(idx), DocId(0), anchor, Timestamp::EPOCH);
        claim.verdict = Verdict::ALL[idx as usize % Verdict::ALL.len()];
        claim.note = "Checked against the original article and two wire reports.".to_owned();
        claim.sources.push(Source {
            url: format!("https://example.org/evidence/{idx}"),
            title: "Evidence".to_owned(),
            ..Source::default()
        });
        session.claims.push(claim);
    }
    session.documents.push(doc);
    session
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn save(bencher: divan::Bencher) {
    let session = big_session();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("big.ron");
    bencher.bench(|| store::save(&session, &path).expect("save"));
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn load(bencher: divan::Bencher) {
    let session = big_session();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("big.ron");
    store::save(&session, &path).expect("save");
    eprintln!(
        "session: {} sentences, {} claims, file {} bytes",
        session.n_sentences(),
        session.claims.len(),
        std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0)
    );
    bencher.bench(|| {
        store::load(Path::new(&path))
            .expect("load")
            .session
            .claims
            .len()
    });
}
