//! Shared benchmark fixtures.

use claimdesk::model::{Claim, ClaimId, DocId, SentenceId, Session, Source, Verdict};
use claimdesk::timestamp::Timestamp;

/// A session of one document of ≈ 11 MB with ≈ 100k sentences (the Dutch sample repeated)
/// and 20k claims spread evenly over it.
pub fn big_session() -> Session {
    let nl = include_str!("../../assets/articles/mali-rusland.nl.txt");
    let mut text = String::new();
    let mut doc =
        claimdesk::segment::segmented_document(DocId(0), "big", "nl", None, String::new());
    while doc.sentences().len() < 100_000 {
        for _ in 0..200 {
            text.push_str(nl);
            text.push_str("\n\n");
        }
        doc = claimdesk::segment::segmented_document(DocId(0), "big", "nl", None, text.clone());
    }
    let n_sentences = doc.sentences().len();
    let mut builder = Session::builder("big", Timestamp::from_unix_secs(1_700_000_000));
    let step = n_sentences / 20_000;
    for idx in 0..20_000u32 {
        let sentence = SentenceId(idx * step as u32);
        let Some(anchor) = doc.anchor_sentences(sentence, sentence) else {
            continue;
        };
        // Spread like random ids, but the same in every run.
        let id = ClaimId(u64::from(idx).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let mut claim = Claim::new(id, DocId(0), anchor, Timestamp::EPOCH);
        claim.verdict = Verdict::ALL[idx as usize % Verdict::ALL.len()];
        claim.note = "Checked against the original article and two wire reports.".to_owned();
        claim.sources.push(Source {
            url: format!("https://example.org/evidence/{idx}"),
            title: "Evidence".to_owned(),
            ..Source::default()
        });
        builder.claim(claim);
    }
    builder.document(doc);
    builder.build().expect("the benchmark session is valid")
}
