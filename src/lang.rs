//! Guessing an article's language from its most common short words.
//!
//! Segmentation rules differ per language (abbreviations such as Dutch "mr." or English
//! "Mt."), so a session records the language of each document. Detection counts hits in
//! small stop-word lists over the first 64 KiB: cheap, deterministic, and reliable for
//! news prose, which is full of function words. When no list wins clearly the language is
//! reported as unknown and the segmenter uses its generic rules.

/// Languages the detector can recognise, as ISO 639-1 codes with their stop words.
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

/// How much of a text detection looks at.
const SAMPLE_BYTES: usize = 64 * 1024;

/// The code used when the language is not known.
pub const UNKNOWN: &str = "und";

/// The most likely language of `text` as an ISO 639-1 code, or `None` when no language
/// stands out (too little text, or a language without a list).
pub fn detect_language(text: &str) -> Option<&'static str> {
    let sample = prefix_at_char_boundary(text, SAMPLE_BYTES);
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

/// Whether `code` is one the detector or the segmenter knows something specific about.
pub fn is_known(code: &str) -> bool {
    STOP_WORDS.iter().any(|(known, _)| *known == code)
}

fn prefix_at_char_boundary(text: &str, max_bytes: usize) -> &str {
    if text.len() <= max_bytes {
        return text;
    }
    let mut end = max_bytes;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(text: &str, expected: Option<&str>) {
        assert_eq!(detect_language(text), expected, "{text}");
    }

    #[test]
    fn detects_news_prose() {
        check(
            "Vanuit zijn atelier vervaardigde Sidibé de afgelopen jaren de ene na de andere Russische vlag.",
            Some("nl"),
        );
        check(
            "Mali has been in a spiral of violence since Tuareg rebels conquered the north ten years ago.",
            Some("en"),
        );
        check(
            "Die Regierung hat sich nicht zu den Vorwürfen geäußert, und auch die Armee schweigt.",
            Some("de"),
        );
        check(
            "Le gouvernement a refusé de commenter les accusations et l'armée est restée silencieuse.",
            Some("fr"),
        );
    }

    #[test]
    fn unsure_on_too_little_text() {
        check("Bamako", None);
        check("", None);
        check("12 34 56", None);
    }

    #[test]
    fn sample_cut_respects_char_boundaries() {
        let text = "é".repeat(SAMPLE_BYTES);
        assert!(prefix_at_char_boundary(&text, SAMPLE_BYTES + 1).len() <= SAMPLE_BYTES + 1);
    }
}
