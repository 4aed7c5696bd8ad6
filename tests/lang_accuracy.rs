//! Language detection accuracy: the whatlang-based detector against the stop-word
//! counter it replaced (kept here, verbatim, as the baseline), on short and long news
//! texts in Dutch, English, German, French and Spanish (`tests/data/lang/samples.tsv`,
//! written for this test: headlines, single sentences and paragraphs).

use claimdesk::lang::detect_language;

/// The stop-word lists of the previous detector.
#[rustfmt::skip]
const STOP_WORDS: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "the", "and", "of", "to", "is", "in", "that", "it", "was", "for", "on", "are", "with",
            "they", "be", "at", "this", "have", "from", "by", "but", "not", "what", "were",
            "which", "their", "has", "been", "would", "there",
        ],
    ),
    (
        "nl",
        &[
            "de", "het", "een", "en", "van", "is", "dat", "niet", "op", "te", "zijn", "voor",
            "met", "die", "hij", "ze", "aan", "er", "maar", "om", "ook", "als", "dan", "naar",
            "wordt", "werd", "heeft", "nog", "bij", "uit",
        ],
    ),
    (
        "de",
        &[
            "der", "die", "und", "das", "ist", "nicht", "mit", "sich", "auf", "für", "ein", "eine",
            "dem", "den", "von", "zu", "auch", "es", "sie", "wird", "wurde", "aus", "bei", "nach",
            "noch", "oder",
        ],
    ),
    (
        "fr",
        &[
            "le", "la", "les", "et", "des", "est", "une", "un", "du", "que", "qui", "dans", "pour",
            "pas", "sur", "au", "avec", "il", "elle", "sont", "ce", "par", "mais", "nous", "leur",
        ],
    ),
    (
        "es",
        &[
            "el", "la", "los", "las", "y", "que", "es", "un", "una", "del", "por", "con", "para",
            "no", "se", "su", "al", "lo", "como", "más", "pero", "fue", "está",
        ],
    ),
];

/// The previous detector, unchanged apart from its name.
fn baseline_detect(text: &str) -> Option<&'static str> {
    let sample = text;
    let mut hits = [0usize; STOP_WORDS.len()];
    let mut n_words = 0usize;
    for word in sample
        .split(|c: char| !c.is_alphabetic())
        .filter(|word| !word.is_empty())
    {
        n_words += 1;
        let lower = word.to_lowercase();
        for (count, (_, words)) in hits.iter_mut().zip(STOP_WORDS) {
            if words.contains(&lower.as_str()) {
                *count += 1;
            }
        }
    }
    let mut ranked: Vec<(usize, &str)> = hits
        .iter()
        .zip(STOP_WORDS)
        .map(|(&count, (code, _))| (count, *code))
        .collect();
    ranked.sort_by_key(|&(count, _)| std::cmp::Reverse(count));
    let (best_count, best_code) = ranked.first().copied()?;
    let runner_up = ranked.get(1).map_or(0, |r| r.0);
    // Demand a few hits, a real share of the words and a clear lead over the runner-up.
    let is_confident =
        best_count >= 3 && best_count * 10 >= n_words && best_count * 2 >= runner_up * 3;
    is_confident.then_some(best_code)
}

fn samples() -> Vec<(String, String, String)> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lang/samples.tsv");
    std::fs::read_to_string(path)
        .expect("samples")
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|line| {
            let mut parts = line.splitn(3, '\t');
            let lang = parts.next().unwrap_or_default().to_owned();
            let length = parts.next().unwrap_or_default().to_owned();
            let text = parts.next().unwrap_or_default().replace("\\n", "\n");
            (lang, length, text)
        })
        .collect()
}

#[test]
fn at_least_as_accurate_as_the_stop_word_counter_on_short_and_long_texts() {
    let samples = samples();
    assert!(samples.len() >= 60, "{} samples", samples.len());
    for length in ["short", "long"] {
        for lang in ["nl", "en", "de", "fr", "es"] {
            let cases: Vec<&(String, String, String)> = samples
                .iter()
                .filter(|(l, len, _)| l == lang && len == length)
                .collect();
            assert!(!cases.is_empty(), "{lang} {length}");
            let n_new = cases
                .iter()
                .filter(|(l, _, text)| detect_language(text) == Some(l.as_str()))
                .count();
            let n_old = cases
                .iter()
                .filter(|(l, _, text)| baseline_detect(text) == Some(l.as_str()))
                .count();
            eprintln!(
                "{lang} {length}: whatlang {n_new}/{0}, stop words {n_old}/{0}",
                cases.len()
            );
            assert!(n_new >= n_old, "{lang} {length}: {n_new} < {n_old}");
            if length == "long" {
                assert_eq!(n_new, cases.len(), "{lang}: every paragraph");
            }
        }
    }
    // Never a wrong language where the old one was right.
    for (lang, _, text) in &samples {
        if baseline_detect(text) == Some(lang.as_str()) {
            assert_eq!(detect_language(text), Some(lang.as_str()), "{text}");
        }
    }
}
