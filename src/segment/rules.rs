//! What our repairs need to know about a language: its abbreviations (the lists
//! sentencex uses, in `assets/abbreviations/`), and for German the words before which a
//! number with a period is an ordinal (`dem 19. Lebensjahr`, `am 3. Oktober`).

use std::collections::HashSet;
use std::sync::LazyLock;

/// Language facts for the repairs.
pub struct LanguageRules {
    abbreviations: HashSet<String>,
    /// Words after which `12.` is an ordinal, not the end of a sentence (lowercase).
    ordinal_context: &'static [&'static str],
    /// Month names (lowercase): `3. Oktober` is a date.
    months: &'static [&'static str],
}

impl LanguageRules {
    /// The rules for `language` (an ISO 639-1 code; others get English abbreviations).
    pub fn of(language: &str) -> &'static LanguageRules {
        match language {
            "de" => &GERMAN,
            "nl" => &DUTCH,
            "fr" => &FRENCH,
            _ => &ENGLISH,
        }
    }

    /// Whether `word` (without its final period) is an abbreviation.
    pub fn is_abbreviation(&self, word: &str) -> bool {
        self.abbreviations.contains(word) || self.abbreviations.contains(&word.to_lowercase())
    }

    /// Whether `number.` after `before` and before `after` is an ordinal.
    pub fn is_ordinal(&self, before: &str, after: &str) -> bool {
        let lower = |w: &str| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        };
        self.ordinal_context.contains(&lower(before).as_str())
            || self.months.contains(&lower(after).as_str())
    }
}

fn load(list: &str) -> HashSet<String> {
    list.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| line.trim_end_matches('.').to_owned())
        .collect()
}

static ENGLISH: LazyLock<LanguageRules> = LazyLock::new(|| LanguageRules {
    abbreviations: load(include_str!("../../assets/abbreviations/en.txt")),
    ordinal_context: &[],
    months: &[],
});

static DUTCH: LazyLock<LanguageRules> = LazyLock::new(|| LanguageRules {
    abbreviations: load(include_str!("../../assets/abbreviations/nl.txt")),
    ordinal_context: &[],
    months: &[],
});

static FRENCH: LazyLock<LanguageRules> = LazyLock::new(|| LanguageRules {
    abbreviations: load(include_str!("../../assets/abbreviations/fr.txt")),
    ordinal_context: &[],
    months: &[],
});

static GERMAN: LazyLock<LanguageRules> = LazyLock::new(|| LanguageRules {
    abbreviations: load(include_str!("../../assets/abbreviations/de.txt")),
    ordinal_context: &[
        "der", "die", "das", "dem", "den", "des", "am", "im", "vom", "zum", "zur", "beim", "bis",
        "ab", "seit", "vor", "nach", "zwischen", "um", "an", "in", "auf", "für", "zu", "bei",
        "über", "unter", "jeden", "jedem", "jeder", "sein", "seinem", "seinen", "seiner", "ihr",
        "ihrem", "ihren", "ihrer", "ein", "einem", "einen", "einer", "eines", "diesem", "diesen",
        "dieser", "dieses", "unser", "unserem", "unseren", "kein",
    ],
    months: &[
        "januar",
        "jänner",
        "februar",
        "märz",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "dezember",
        "jan",
        "feb",
        "mär",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "okt",
        "nov",
        "dez",
    ],
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load_and_ordinals_are_recognised() {
        assert!(LanguageRules::of("en").is_abbreviation("Dr"));
        assert!(LanguageRules::of("de").is_abbreviation("bzw"));
        assert!(LanguageRules::of("nl").is_abbreviation("o.a"));
        let de = LanguageRules::of("de");
        assert!(de.is_ordinal("dem", "Lebensjahr"));
        assert!(de.is_ordinal("Freitag,", "Oktober"));
        assert!(!de.is_ordinal("gesehen", "Die"));
    }
}
