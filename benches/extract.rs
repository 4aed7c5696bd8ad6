//! Reading saved news pages as articles (decoding, metadata, main-text extraction), over
//! the 24 pages of the extraction evaluation set (tests/data/web/pages), and one large
//! page. Run: `cargo bench --bench extract`.

use std::io::Read;
use std::path::Path;

use claimdesk::html::{Extraction, read_page};
use divan::counter::ItemsCount;

fn main() {
    divan::main();
}

/// The evaluation pages, decompressed.
fn pages() -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/web/pages");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("pages")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| {
            let name = path.to_string_lossy();
            name.ends_with(".html") || name.ends_with(".html.gz")
        })
        .collect();
    names.sort();
    names
        .iter()
        .map(|path| {
            let raw = std::fs::read(path).expect("page");
            if path.extension().is_some_and(|ext| ext == "gz") {
                let mut out = Vec::new();
                flate2::read::GzDecoder::new(&raw[..])
                    .read_to_end(&mut out)
                    .expect("gzip");
                out
            } else {
                raw
            }
        })
        .collect()
}

#[divan::bench(sample_count = 20)]
fn evaluation_pages(bencher: divan::Bencher) {
    let pages = pages();
    bencher.counter(ItemsCount::new(pages.len())).bench(|| {
        pages
            .iter()
            .filter_map(|page| {
                read_page(divan::black_box(page), None, None, Extraction::MainText).ok()
            })
            .count()
    });
}

/// A 5 MB page: 20,000 paragraphs in an article among navigation.
#[divan::bench(sample_count = 5)]
fn large_page(bencher: divan::Bencher) {
    let mut html = String::from(
        "<html><head><title>Long</title></head><body><nav><a href=\"/\">Home</a></nav><article><h1>Long</h1>",
    );
    for i in 0..20_000 {
        html.push_str(&format!("<p>Paragraph {i}: the council said the work would start in March and take two years.</p>"));
    }
    html.push_str("</article></body></html>");
    bencher
        .counter(divan::counter::BytesCount::of_str(&html))
        .bench(|| {
            read_page(
                divan::black_box(html.as_bytes()),
                None,
                None,
                Extraction::MainText,
            )
            .is_ok()
        });
}

/// The hostile pages of issue 29 (finding 1), at the sizes they were found at: each ends
/// with its refusal, in the time the scan takes (they took 22 s to over 120 s, and 1.8 GB,
/// before).
#[divan::bench(
    sample_count = 3,
    args = ["stray end tags ×20k", "rb ×100k", "500k attributes", "9.4M empty i"]
)]
fn hostile_page(bencher: divan::Bencher, shape: &str) {
    let html = match shape {
        "stray end tags ×20k" => "<div></x>".repeat(20_000),
        "rb ×100k" => "<rb>".repeat(100_000),
        "500k attributes" => format!(
            "<div{}>x</div>",
            (0..500_000).map(|i| format!(" a{i}=1")).collect::<String>()
        ),
        _ => "<i></i>".repeat(9_400_000),
    };
    let html = format!("<html><body>{html}</body></html>");
    bencher
        .counter(divan::counter::BytesCount::of_str(&html))
        .bench(|| {
            read_page(
                divan::black_box(html.as_bytes()),
                None,
                None,
                Extraction::MainText,
            )
            .is_err()
        });
}
