//! Scores the segmenter on the Golden Rules (pySBD's English set and its Dutch cases).
//!
//! Reads `../shared/bench/golden_rules.json` when the shared folder sits beside the
//! checkout (as in CI), else the copy under `tests/data/`. The thresholds are the issue's
//! targets: all 48 English cases and all Dutch ones.

use std::path::Path;

use claimdesk::segment::segment;
use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    text: String,
    sentences: Vec<String>,
}

#[derive(Deserialize)]
struct GoldenRules {
    en: Vec<Case>,
    nl: Vec<Case>,
}

fn load_rules() -> GoldenRules {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = manifest.join("../shared/bench/golden_rules.json");
    let path = if shared.exists() {
        shared
    } else {
        manifest.join("tests/data/golden_rules.json")
    };
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|err| panic!("reading {}: {err}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|err| panic!("parsing {}: {err}", path.display()))
}

/// Returns the failing cases as readable reports.
fn failures(language: &str, cases: &[Case]) -> Vec<String> {
    cases
        .iter()
        .filter_map(|case| {
            let got: Vec<String> = segment(&case.text, language)
                .iter()
                .map(|span| case.text[span.bytes.clone()].trim().to_owned())
                .collect();
            (got != case.sentences).then(|| {
                format!(
                    "{:?}\n  expected {:?}\n  got      {:?}",
                    case.text, case.sentences, got
                )
            })
        })
        .collect()
}

#[test]
fn english_golden_rules() {
    let rules = load_rules();
    let failed = failures("en", &rules.en);
    let passed = rules.en.len() - failed.len();
    eprintln!("English golden rules: {passed}/{}", rules.en.len());
    for report in &failed {
        eprintln!("FAIL {report}");
    }
    assert!(failed.is_empty(), "only {passed}/{} passed", rules.en.len());
}

#[test]
fn dutch_golden_rules() {
    let rules = load_rules();
    let failed = failures("nl", &rules.nl);
    assert!(failed.is_empty(), "Dutch failures:\n{}", failed.join("\n"));
}
