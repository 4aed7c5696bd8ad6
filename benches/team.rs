//! Team review at scale: merging two reviewers' copies of a 20k-claim session (with edits
//! and additions on both sides and some conflicts), as the git merge driver does, and
//! agreement over 5 reviewers. Run: `cargo bench --bench team`.

mod common;

use claimdesk::intent::{ClaimField, Edit};
use claimdesk::merge::merge;
use claimdesk::model::{Session, Verdict};
use claimdesk::timestamp::Timestamp;
use common::big_session;

fn main() {
    divan::main();
}

/// A reviewer's copy: every `step`-th claim re-rated, and `added` new claims.
fn reviewer_copy(base: &Session, step: usize, verdict: Verdict, added: usize) -> Session {
    let mut session = base.clone();
    let now = Timestamp::from_unix_secs(1_800_000_000);
    let ids: Vec<_> = session
        .claims()
        .iter()
        .step_by(step)
        .map(|c| c.id)
        .collect();
    let edits = ids
        .into_iter()
        .map(|id| Edit::SetClaimField {
            id,
            value: ClaimField::Verdict(verdict),
            modified: now,
        })
        .collect();
    session.apply(Edit::Batch(edits)).expect("re-rate");
    let doc = session.documents()[0].id;
    let n = session.documents()[0].sentences().len() as u32;
    for i in 0..added as u32 {
        let sentence = claimdesk::model::SentenceId((i * 7 + step as u32) % n);
        let claim =
            claimdesk::intent::new_claim_on_sentences(&session, doc, sentence, sentence, now)
                .expect("claim");
        session.apply(Edit::AddClaim(Box::new(claim))).expect("add");
    }
    session
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn merge_20k_claims(bencher: divan::Bencher) {
    let base = big_session();
    let ours = reviewer_copy(&base, 5, Verdict::False, 500);
    let theirs = reviewer_copy(&base, 7, Verdict::True, 500);
    let merged = merge(&base, &ours, &theirs).expect("merge");
    eprintln!(
        "merge: {} claims in, {} out, {} conflicts",
        base.claims().len(),
        merged.session.claims().len(),
        merged.new_conflicts.len()
    );
    bencher.bench(|| {
        merge(&base, &ours, &theirs)
            .expect("merge")
            .session
            .claims()
            .len()
    });
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn merge_driver_20k_claims_files(bencher: divan::Bencher) {
    // What git runs, end to end: the binary parses three 40 MB files, merges, and writes
    // the result over ours.
    let base = big_session();
    let dir = tempfile::tempdir().expect("tempdir");
    let write = |name: &str, session: &Session| {
        let path = dir.path().join(name);
        std::fs::write(&path, claimdesk::store::to_ron(session).expect("encode")).expect("write");
        path
    };
    let base_path = write("base.ron", &base);
    let ours_text =
        claimdesk::store::to_ron(&reviewer_copy(&base, 5, Verdict::False, 500)).expect("encode");
    let theirs_path = write("theirs.ron", &reviewer_copy(&base, 7, Verdict::True, 500));
    let ours_path = dir.path().join("ours.ron");
    bencher
        .with_inputs(|| std::fs::write(&ours_path, &ours_text).expect("write"))
        .bench_values(|()| {
            let status = std::process::Command::new(env!("CARGO_BIN_EXE_claimdesk"))
                .arg("merge-driver")
                .args([&base_path, &ours_path, &theirs_path])
                .stderr(std::process::Stdio::null())
                .status()
                .expect("run the driver");
            assert_eq!(status.code(), Some(1), "conflicts recorded");
        });
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn agree_5_reviewers_100k_sentences(bencher: divan::Bencher) {
    // Five reviewers of the 100k-sentence article, each with 20k claims of their own
    // verdicts and 500 claims the others do not have.
    let base = big_session();
    let verdicts = [
        Verdict::False,
        Verdict::True,
        Verdict::HalfTrue,
        Verdict::Misleading,
        Verdict::MostlyFalse,
    ];
    let sessions: Vec<Session> = (0..5)
        .map(|r| reviewer_copy(&base, 3 + r, verdicts[r], 500))
        .collect();
    let names: Vec<String> = (0..5).map(|r| format!("R{r}")).collect();
    let reviewers: Vec<claimdesk::agree::Reviewer> = sessions
        .iter()
        .zip(&names)
        .map(|(session, name)| claimdesk::agree::Reviewer { name, session })
        .collect();
    let result = claimdesk::agree::agreement(&reviewers).expect("agreement");
    eprintln!(
        "agree: {} units, {} rated; claim alpha {:?}, verdict alpha ordinal {:?}",
        result.units,
        result.verdict.units,
        result.claim.krippendorff_alpha,
        result.verdict.alpha_ordinal
    );
    bencher.bench(|| {
        claimdesk::agree::agreement(&reviewers)
            .expect("agreement")
            .units
    });
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn update_article_20k_claims(bencher: divan::Bencher) {
    // A new version of the 100k-sentence article: one word changed in every 50th
    // paragraph, a paragraph removed every 200, whitespace tidied; 20k claims re-anchored.
    let base = big_session();
    let old = base.documents()[0].text().to_owned();
    let mut paragraphs: Vec<String> = old.split("\n\n").map(str::to_owned).collect();
    for (idx, paragraph) in paragraphs.iter_mut().enumerate() {
        if idx % 50 == 7 {
            *paragraph = paragraph.replacen("Bamako", "Bamako-stad", 1);
        }
    }
    let paragraphs: Vec<String> = paragraphs
        .into_iter()
        .enumerate()
        .filter(|(idx, _)| idx % 200 != 13)
        .map(|(_, p)| p)
        .collect();
    let new_text = paragraphs.join("\n\n");
    let doc = base.documents()[0].id;
    let now = Timestamp::from_unix_secs(1_800_000_000);
    let update =
        claimdesk::update::update_document(&base, doc, new_text.clone(), now).expect("update");
    eprintln!("update: {}", update.summary());
    bencher.bench(|| {
        claimdesk::update::update_document(&base, doc, new_text.clone(), now)
            .expect("update")
            .outcomes
            .len()
    });
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn merge_20k_claims_across_an_update(bencher: divan::Bencher) {
    // One reviewer updated the 100k-sentence article (as in the update bench) and re-rated
    // claims; the other re-rated and added claims on the old text: the merge carries the
    // other side and the base onto the new text before merging claims.
    let base = big_session();
    let old = base.documents()[0].text().to_owned();
    let paragraphs: Vec<String> = old
        .split("\n\n")
        .enumerate()
        .filter(|(idx, _)| idx % 200 != 13)
        .map(|(idx, p)| {
            if idx % 50 == 7 {
                p.replacen("Bamako", "Bamako-stad", 1)
            } else {
                p.to_owned()
            }
        })
        .collect();
    let doc = base.documents()[0].id;
    let now = Timestamp::from_unix_secs(1_800_000_000);
    let mut updating = reviewer_copy(&base, 5, Verdict::False, 0);
    let update = claimdesk::update::update_document(&updating, doc, paragraphs.join("\n\n"), now)
        .expect("update");
    updating.apply(update.edit).expect("apply");
    let editing = reviewer_copy(&base, 7, Verdict::True, 500);
    let merged = merge(&base, &editing, &updating).expect("merge");
    eprintln!(
        "merge across an update: {} claims and {} orphans out, {} conflicts",
        merged.session.claims().len(),
        merged.session.orphans().len(),
        merged.new_conflicts.len()
    );
    bencher.bench(|| {
        merge(&base, &editing, &updating)
            .expect("merge")
            .session
            .claims()
            .len()
    });
}
