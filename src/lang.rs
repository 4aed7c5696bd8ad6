//! Guessing an article's language, with the well-kept `whatlang` detector.
//!
//! Segmentation rules differ per language (abbreviations such as Dutch "mr." or German
//! ordinals), so a session records the language of each document as an ISO 639-1 code.
//! Detection looks at the first 64 KiB of text (trigram statistics over 69 languages).
//! A guess whatlang calls reliable is taken as it is. Short texts (a headline, one
//! sentence) rarely get a reliable guess over 69 languages, so for them the choice is
//! narrowed to the languages the segmenter has rules for (nl, en, de, fr, es), where a
//! moderately confident guess is right far more often; below that the language is
//! unknown and the segmenter uses its generic rules. The reviewer can always override
//! the guess per document.

/// How much of a text detection looks at.
const SAMPLE_BYTES: usize = 64 * 1024;

/// The code used when the language is not known.
pub const UNKNOWN: &str = "und";

/// The most likely language of `text` as an ISO 639-1 code, or `None` when no language
/// stands out (too little text, mixed text, or a language without a 639-1 code).
pub fn detect_language(text: &str) -> Option<&'static str> {
    let sample = prefix_at_char_boundary(text, SAMPLE_BYTES);
    let n_words = sample
        .split(|c: char| !c.is_alphabetic())
        .filter(|word| !word.is_empty())
        .take(MIN_WORDS)
        .count();
    if n_words < MIN_WORDS {
        return None;
    }
    if let Some(info) = whatlang::detect(sample)
        && info.is_reliable()
    {
        return iso_639_1(info.lang());
    }
    let narrowed = whatlang::Detector::with_allowlist(SEGMENTER_LANGUAGES.to_vec());
    let info = narrowed.detect(sample)?;
    (info.confidence() >= MIN_NARROWED_CONFIDENCE)
        .then(|| iso_639_1(info.lang()))
        .flatten()
}

/// Fewer words than this say too little about a language.
const MIN_WORDS: usize = 3;

/// The languages the segmenter has specific rules for.
const SEGMENTER_LANGUAGES: [whatlang::Lang; 5] = [
    whatlang::Lang::Nld,
    whatlang::Lang::Eng,
    whatlang::Lang::Deu,
    whatlang::Lang::Fra,
    whatlang::Lang::Spa,
];

/// The least confidence of a guess among [`SEGMENTER_LANGUAGES`] that is taken.
const MIN_NARROWED_CONFIDENCE: f64 = 0.15;

/// The two-letter code of a language whatlang knows, where one exists.
fn iso_639_1(lang: whatlang::Lang) -> Option<&'static str> {
    use whatlang::Lang;
    Some(match lang {
        Lang::Eng => "en",
        Lang::Nld => "nl",
        Lang::Deu => "de",
        Lang::Fra => "fr",
        Lang::Spa => "es",
        Lang::Ita => "it",
        Lang::Por => "pt",
        Lang::Dan => "da",
        Lang::Swe => "sv",
        Lang::Nob => "nb",
        Lang::Fin => "fi",
        Lang::Pol => "pl",
        Lang::Ces => "cs",
        Lang::Slk => "sk",
        Lang::Slv => "sl",
        Lang::Hrv => "hr",
        Lang::Srp => "sr",
        Lang::Ron => "ro",
        Lang::Hun => "hu",
        Lang::Est => "et",
        Lang::Lav => "lv",
        Lang::Lit => "lt",
        Lang::Ell => "el",
        Lang::Bul => "bg",
        Lang::Rus => "ru",
        Lang::Ukr => "uk",
        Lang::Bel => "be",
        Lang::Tur => "tr",
        Lang::Ara => "ar",
        Lang::Heb => "he",
        Lang::Pes => "fa",
        Lang::Urd => "ur",
        Lang::Hin => "hi",
        Lang::Ben => "bn",
        Lang::Cmn => "zh",
        Lang::Jpn => "ja",
        Lang::Kor => "ko",
        Lang::Tha => "th",
        Lang::Vie => "vi",
        Lang::Ind => "id",
        Lang::Cat => "ca",
        Lang::Afr => "af",
        Lang::Epo => "eo",
        Lang::Lat => "la",
        _ => return None,
    })
}

/// Whether `code` is one the segmenter has specific rules for.
pub fn is_known(code: &str) -> bool {
    ["en", "nl", "de", "fr", "es"].contains(&code)
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

/// Resolves a language choice: `auto` (or empty) detects it from the text, falling back
/// to [`UNKNOWN`]; anything else is taken as given, lower-cased.
pub fn resolve_language(choice: &str, text: &str) -> String {
    if is_auto(choice) {
        detect_language(text).unwrap_or(UNKNOWN).to_owned()
    } else {
        choice.trim().to_ascii_lowercase()
    }
}

/// [`resolve_language`], taking `declared` (the language a web page says it is in) when
/// `auto` cannot tell from the text.
pub fn resolve_language_or(choice: &str, text: &str, declared: Option<&str>) -> String {
    let resolved = resolve_language(choice, text);
    match declared {
        Some(declared) if is_auto(choice) && resolved == UNKNOWN => {
            resolve_language(declared, text)
        }
        _ => resolved,
    }
}

/// Whether a language choice asks for detection (`auto`, or nothing).
fn is_auto(choice: &str) -> bool {
    let choice = choice.trim();
    choice.is_empty() || choice.eq_ignore_ascii_case("auto")
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
