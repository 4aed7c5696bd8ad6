//! Segmentation throughput on ~10 MB of the sample articles repeated, against the bare
//! `sentencex` library on the same text: Claimdesk as the app runs it (a text this long on
//! one thread per core) and on one thread. Run: `cargo bench --bench segment`.

use claimdesk::segment::Segmenter;
use divan::counter::BytesCount;

fn main() {
    divan::main();
}

/// The Dutch and English samples repeated up to at least 10 MB.
fn corpus() -> String {
    let nl = include_str!("../assets/articles/mali-rusland.nl.txt");
    let en = include_str!("../assets/articles/mali-russia.en.txt");
    let mut text = String::with_capacity(10_600_000);
    while text.len() < 10_000_000 {
        text.push_str(nl);
        text.push_str("\n\n");
        text.push_str(en);
        text.push_str("\n\n");
    }
    text
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn claimdesk_segmenter(bencher: divan::Bencher) {
    let text = corpus();
    let segmenter = Segmenter::new("nl");
    bencher
        .counter(BytesCount::of_str(&text))
        .bench_local(|| segmenter.segment(divan::black_box(&text)).len());
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn claimdesk_segmenter_one_thread(bencher: divan::Bencher) {
    let text = corpus();
    let segmenter = Segmenter::new("nl");
    bencher.counter(BytesCount::of_str(&text)).bench_local(|| {
        segmenter
            .segment_on_threads(divan::black_box(&text), 1)
            .len()
    });
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn sentencex_alone(bencher: divan::Bencher) {
    let text = corpus();
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| sentencex::segment("nl", divan::black_box(&text)).len());
}
