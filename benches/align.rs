//! Aligning 10k × 10k sentences: the Dutch and English samples repeated, with a rare
//! shared name in every fifth sentence pair (as real long documents have) so that anchors
//! and gaps both occur; and the same with repeated content (5k such sentences twice on
//! each side, so every sentence has two equally good partners); and two texts that share
//! no anchor at all (each sample repeated on its own, 20k × 27k sentences, as
//! `tests/eval/budget.py` aligns 1 MB with 1 MB). Run: `cargo bench --bench align`.

use claimdesk::segment::segment;

fn main() {
    divan::main();
}

fn sentences(text: &str, lang: &str, n: usize) -> Vec<String> {
    let base: Vec<String> = segment(text, lang)
        .iter()
        .map(|span| text[span.bytes.clone()].replace('\n', " "))
        .collect();
    (0..n)
        .map(|idx| {
            let sentence = &base[idx % base.len()];
            if idx % 5 == 0 {
                format!("{sentence} Zorvath{idx} said so.")
            } else {
                sentence.clone()
            }
        })
        .collect()
}

fn sample_pair(n: usize) -> (Vec<String>, Vec<String>) {
    let a = sentences(
        include_str!("../assets/articles/mali-rusland.nl.txt"),
        "nl",
        n,
    );
    let b = sentences(
        include_str!("../assets/articles/mali-russia.en.txt"),
        "en",
        n,
    );
    (a, b)
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn align_10k_by_10k(bencher: divan::Bencher) {
    let (a, b) = sample_pair(10_000);
    bench_align(bencher, &a, &b);
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn align_10k_by_10k_repeated_content(bencher: divan::Bencher) {
    let (a, b) = sample_pair(5_000);
    let twice = |half: Vec<String>| [half.clone(), half].concat();
    bench_align(bencher, &twice(a), &twice(b));
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn align_unanchored_20k_by_27k(bencher: divan::Bencher) {
    // Each sample repeated as it is (no shared names added): the repetitions of the two
    // differ in length, so nothing anchors and the whole text is one gap.
    let repeat = |text: &str, lang: &str, n: usize| -> Vec<String> {
        let base: Vec<String> = segment(text, lang)
            .iter()
            .map(|span| text[span.bytes.clone()].replace('\n', " "))
            .collect();
        (0..n).map(|idx| base[idx % base.len()].clone()).collect()
    };
    let a = repeat(
        include_str!("../assets/articles/mali-rusland.nl.txt"),
        "nl",
        20_000,
    );
    let b = repeat(
        include_str!("../assets/articles/mali-russia.en.txt"),
        "en",
        27_000,
    );
    bench_align(bencher, &a, &b);
}

fn bench_align(bencher: divan::Bencher, a: &[String], b: &[String]) {
    let ra: Vec<&str> = a.iter().map(String::as_str).collect();
    let rb: Vec<&str> = b.iter().map(String::as_str).collect();
    bencher.bench(|| claimdesk::align::align(divan::black_box(&ra), divan::black_box(&rb)).len());
}
