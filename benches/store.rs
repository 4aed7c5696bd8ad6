//! Saving and loading a large session: 100k sentences, 20k claims (~11 MB of text).
//! Run: `cargo bench --bench store`.

mod common;

use claimdesk::store::{self, Expect};
use common::big_session;
use std::path::Path;

fn main() {
    divan::main();
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn save(bencher: divan::Bencher) {
    let session = big_session();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("big.ron");
    bencher.bench(|| store::save(&session, &path, Expect::AnySession).expect("save"));
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn load(bencher: divan::Bencher) {
    let session = big_session();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("big.ron");
    store::save(&session, &path, Expect::AnySession).expect("save");
    eprintln!(
        "session: {} sentences, {} claims, file {} bytes",
        session.n_sentences(),
        session.claims().len(),
        std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0)
    );
    bencher.bench(|| {
        store::load(Path::new(&path))
            .expect("load")
            .session
            .claims()
            .len()
    });
}
