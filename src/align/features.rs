//! What survives translation in a sentence: numbers (normalised across locales and number
//! words), years, percentages, names and other capitalised words, quoted passages, and
//! "cognate keys" (the first letters of longer words, which related languages such as
//! Dutch and English often share: *militair*/*military*, *missie*/*mission*).

use std::collections::BTreeSet;

/// One thing a sentence mentions that its translation should mention too.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Key {
    /// A number other than a year or a percentage, as an integer (10.000 = 10,000 = 10000).
    Number(u64),
    /// A year, 1800–2099.
    Year(u16),
    /// A percentage.
    Percent(u64),
    /// A capitalised word (not sentence-initial), accent-folded and lower-cased, mapped
    /// through a small Dutch–English table of names that differ (Frankrijk → france).
    Name(String),
    /// The first four letters of a longer word, accent-folded.
    Cognate(String),
    /// A section, version or other number of several parts (10.3.2), as written.
    Code(String),
}

/// A quoted passage and its keys.
pub type Quote = (String, BTreeSet<Key>);

/// The features of one sentence.
#[derive(Clone, Debug, Default)]
pub struct Features {
    pub keys: BTreeSet<Key>,
    /// Quoted passages, as their cognate keys (to compare across languages).
    pub quotes: Vec<Quote>,
    /// Length in code points.
    pub n_chars: usize,
    /// Content words (see [`content_words`]).
    pub n_words: usize,
    /// With a dictionary: words of A (as ids of the alignment's word table, sorted), in
    /// an A sentence its own content words, in a B sentence the dictionary translations
    /// of its words (see [`super::lexicon`]).
    pub glosses: Vec<u32>,
}

impl Features {
    /// The numbers, years and percentages.
    pub fn figures(&self) -> impl Iterator<Item = &Key> {
        self.keys
            .iter()
            .filter(|k| matches!(k, Key::Number(_) | Key::Year(_) | Key::Percent(_)))
    }

    /// Whether the features mention `name`, allowing for inflection
    /// (Wagner ~ Wagnerian, Malinezen ~ Malinese).
    pub fn mentions_name(&self, name: &str) -> bool {
        self.names().any(|other| names_match(other, name))
    }

    /// The names.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.keys.iter().filter_map(|k| match k {
            Key::Name(name) => Some(name.as_str()),
            _ => None,
        })
    }
}

const STOP_WORDS: &[&str] = &[
    // English
    "the",
    "and",
    "that",
    "this",
    "with",
    "from",
    "have",
    "been",
    "were",
    "they",
    "their",
    "there",
    "which",
    "would",
    "about",
    "after",
    "other",
    "where",
    "while",
    "when",
    "what",
    "also",
    "into",
    "than",
    "then",
    "them",
    "these",
    "those",
    "such",
    "some",
    "many",
    "more",
    "most",
    "only",
    "over",
    "very",
    "will",
    "still",
    "says",
    "said",
    "being",
    "according",
    // Dutch
    "een",
    "het",
    "van",
    "dat",
    "die",
    "niet",
    "voor",
    "met",
    "zijn",
    "maar",
    "ook",
    "als",
    "dan",
    "naar",
    "wordt",
    "werd",
    "heeft",
    "nog",
    "bij",
    "uit",
    "over",
    "deze",
    "door",
    "worden",
    "hebben",
    "tegen",
    "waren",
    "zich",
    "volgens",
    "altijd",
    "andere",
    "tussen",
    "wat",
    "wie",
    "hun",
    "haar",
    "hij",
    "zij",
    "wij",
    "onze",
    "omdat",
    "waar",
];

/// Whether a folded word is a stop word (a set, as every token of both texts asks).
fn is_stop_word(folded: &str) -> bool {
    static SET: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
        std::sync::LazyLock::new(|| STOP_WORDS.iter().copied().collect());
    SET.contains(folded)
}

/// The value of a folded number word.
fn number_word(folded: &str) -> Option<u64> {
    static MAP: std::sync::LazyLock<std::collections::HashMap<&'static str, u64>> =
        std::sync::LazyLock::new(|| NUMBER_WORDS.iter().copied().collect());
    MAP.get(folded).copied()
}

/// Names that Dutch and English spell differently, folded to one key.
const NAME_EQUIVALENTS: &[(&str, &str)] = &[
    ("frankrijk", "france"),
    ("franse", "france"),
    ("french", "france"),
    ("rusland", "russia"),
    ("russische", "russia"),
    ("russian", "russia"),
    ("verenigde", "united"),
    ("staten", "states"),
    ("europa", "europe"),
    ("europese", "europe"),
    ("european", "europe"),
    ("afrika", "africa"),
    ("oekraine", "ukraine"),
    ("moskou", "moscow"),
    ("parijs", "paris"),
    ("duitsland", "germany"),
    ("malinese", "mali"),
    ("malinezen", "mali"),
    ("malian", "mali"),
    ("malians", "mali"),
    ("islamitische", "islamic"),
    ("staat", "state"),
    ("toeareg", "tuareg"),
    ("al-qaida", "al-qaeda"),
];

/// Number words of English, Dutch, German and French (accent-folded), from two up: one
/// is also an article in each of them. Words that are also common words or
/// abbreviations in another of the languages are left out (French "onze" is Dutch
/// "our", "neuf" is "new", "cent" ends "per cent", "sept" is September).
const NUMBER_WORDS: &[(&str, u64)] = &[
    ("two", 2),
    ("twee", 2),
    ("zwei", 2),
    ("deux", 2),
    ("three", 3),
    ("drie", 3),
    ("drei", 3),
    ("trois", 3),
    ("four", 4),
    ("vier", 4),
    ("quatre", 4),
    ("five", 5),
    ("vijf", 5),
    ("funf", 5),
    ("cinq", 5),
    ("six", 6),
    ("zes", 6),
    ("sechs", 6),
    ("seven", 7),
    ("zeven", 7),
    ("sieben", 7),
    ("eight", 8),
    ("acht", 8),
    ("huit", 8),
    ("nine", 9),
    ("negen", 9),
    ("neun", 9),
    ("ten", 10),
    ("tien", 10),
    ("zehn", 10),
    ("dix", 10),
    ("eleven", 11),
    ("elf", 11),
    ("twelve", 12),
    ("twaalf", 12),
    ("zwolf", 12),
    ("douze", 12),
    ("twenty", 20),
    ("twintig", 20),
    ("zwanzig", 20),
    ("vingt", 20),
    ("thirty", 30),
    ("dertig", 30),
    ("dreissig", 30),
    ("dreißig", 30),
    ("trente", 30),
    ("forty", 40),
    ("veertig", 40),
    ("vierzig", 40),
    ("quarante", 40),
    ("fifty", 50),
    ("vijftig", 50),
    ("funfzig", 50),
    ("cinquante", 50),
    ("sixty", 60),
    ("zestig", 60),
    ("sechzig", 60),
    ("soixante", 60),
    ("seventy", 70),
    ("zeventig", 70),
    ("siebzig", 70),
    ("eighty", 80),
    ("tachtig", 80),
    ("achtzig", 80),
    ("ninety", 90),
    ("negentig", 90),
    ("neunzig", 90),
    ("hundred", 100),
    ("honderd", 100),
    ("hundert", 100),
    ("thousand", 1000),
    ("duizend", 1000),
    ("tausend", 1000),
    ("mille", 1000),
    ("million", 1_000_000),
    ("miljoen", 1_000_000),
    ("millionen", 1_000_000),
    // Ordinals ("4th" is read as 4 too).
    ("tweede", 2),
    ("zweite", 2),
    ("zweiten", 2),
    ("deuxieme", 2),
    ("third", 3),
    ("derde", 3),
    ("dritte", 3),
    ("dritten", 3),
    ("troisieme", 3),
    ("fourth", 4),
    ("vierde", 4),
    ("vierte", 4),
    ("vierten", 4),
    ("quatrieme", 4),
    ("fifth", 5),
    ("vijfde", 5),
    ("funfte", 5),
    ("funften", 5),
    ("cinquieme", 5),
    ("sixth", 6),
    ("zesde", 6),
    ("sechste", 6),
    ("sechsten", 6),
    ("sixieme", 6),
    ("seventh", 7),
    ("zevende", 7),
    ("siebte", 7),
    ("siebten", 7),
    ("septieme", 7),
    ("eighth", 8),
    ("achtste", 8),
    ("achte", 8),
    ("achten", 8),
    ("huitieme", 8),
    ("ninth", 9),
    ("negende", 9),
    ("neunte", 9),
    ("neunten", 9),
    ("neuvieme", 9),
    ("tenth", 10),
    ("tiende", 10),
    ("zehnte", 10),
    ("zehnten", 10),
    ("dixieme", 10),
];

/// Lower-cases and strips common Latin diacritics (Goïta → goita, Ménaka → menaka).
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    fold_into(word, &mut out);
    out
}

/// [`fold`] into `out` (cleared first), so a loop over many words reuses one buffer.
pub fn fold_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        // Most words: the folding of an ASCII letter is its ASCII lower case.
        out.push_str(word);
        out.make_ascii_lowercase();
        return;
    }
    out.extend(word.chars().flat_map(char::to_lowercase).map(|c| match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ç' => 'c',
        'ñ' => 'n',
        '’' | '\'' => '\'',
        other => other,
    }));
}

/// Two name keys for the same name: equal, or sharing their first five letters.
pub fn names_match(x: &str, y: &str) -> bool {
    x == y || {
        let (px, py): (String, String) = (x.chars().take(5).collect(), y.chars().take(5).collect());
        px.chars().count() == 5 && px == py
    }
}

fn name_key(folded: &str) -> String {
    NAME_EQUIVALENTS
        .iter()
        .find(|(word, _)| *word == folded)
        .map_or_else(|| folded.to_owned(), |(_, key)| (*key).to_owned())
}

/// A number written with digits and locale separators (10.000, 10,000, 1.5, 30), also
/// with a unit, suffix or compound after it (2GB, 1990s, 4th, 7-Bit).
fn parse_number(token: &str) -> Option<u64> {
    if !token.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let numeric_end = token
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(token.len());
    let numeric = token[..numeric_end].trim_end_matches(['.', ',']);
    let groups: Vec<&str> = numeric.split(['.', ',']).collect();
    let is_grouped = groups.len() > 1
        && groups[0].len() <= 3
        && groups[1..]
            .iter()
            .all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()));
    if is_grouped {
        return groups.concat().parse().ok();
    }
    // Two separators or more, not in thousands: a section or version number (10.3.2),
    // not a quantity.
    if groups.len() > 2 {
        return None;
    }
    // A decimal: keep the integer part.
    groups.first()?.parse().ok()
}

/// A number of three parts or more that is not in thousands: 10.3.2, 1.2.3.
fn is_code(token: &str) -> bool {
    let numeric = token.trim_end_matches(['.', ',']);
    let parts: Vec<&str> = numeric.split('.').collect();
    parts.len() > 2
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        && !parts[1..].iter().all(|p| p.len() == 3)
}

/// Splits into word tokens, keeping digits with their separators (10.000, 1,5).
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (idx, &(byte, c)) in chars.iter().enumerate() {
        let is_separator_in_number = matches!(c, '.' | ',')
            && idx > 0
            && chars[idx - 1].1.is_ascii_digit()
            && chars
                .get(idx + 1)
                .is_some_and(|(_, next)| next.is_ascii_digit());
        let is_word = c.is_alphanumeric() || c == '-' || is_separator_in_number;
        match (is_word, start) {
            (true, None) => start = Some(byte),
            (false, Some(from)) => {
                out.push(text[from..byte].trim_matches('-'));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(from) = start {
        out.push(text[from..].trim_matches('-'));
    }
    // Compounds also count by their parts: Toeareg-rebellen → Toeareg, rebellen.
    let mut with_parts = Vec::with_capacity(out.len());
    for token in out {
        with_parts.push(token);
        if token.contains('-') && !token.starts_with(|c: char| c.is_ascii_digit()) {
            with_parts.extend(token.split('-').filter(|part| part.chars().count() >= 3));
        }
    }
    with_parts.retain(|t| !t.is_empty());
    with_parts
}

/// The cognate key of a word, if it is long enough and not a stop word.
fn cognate_key(folded: &str) -> Option<Key> {
    let n = folded.chars().count();
    if n < 5 || is_stop_word(folded) || folded.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(Key::Cognate(folded.chars().take(4).collect()))
}

/// The name keys of the words a document also writes in lower case: such a word is a
/// common word (English "Archive" in a heading, "archive" in prose), not a proper name,
/// even where it is capitalised.
pub fn common_words(sentences: &[&str]) -> std::collections::HashSet<String> {
    sentences
        .iter()
        .flat_map(|sentence| tokens(sentence))
        .filter(|token| token.starts_with(char::is_lowercase))
        .map(|token| name_key(&fold(token)))
        .collect()
}

/// The name keys of the words a document writes in capitals mostly (GUI, NATO, CD-ROM,
/// PCs, GiB): abbreviations, which a translation often spells out.
pub fn acronyms(sentences: &[&str]) -> std::collections::HashSet<String> {
    sentences
        .iter()
        .flat_map(|sentence| tokens(sentence))
        .filter(|token| {
            let upper = token.chars().filter(|c| c.is_uppercase()).count();
            let lower = token.chars().filter(|c| c.is_lowercase()).count();
            upper >= 2 && upper > lower
        })
        .map(|token| name_key(&fold(token)))
        .collect()
}

/// The content words of a sentence, folded: alphabetic, three letters or more, no stop
/// words.
pub fn content_words(sentence: &str) -> impl Iterator<Item = String> + '_ {
    tokens(sentence).into_iter().filter_map(|token| {
        let folded = fold(token);
        is_content_word(&folded).then_some(folded)
    })
}

/// Whether a folded token is a content word: alphabetic, three letters or more, not a
/// stop word.
fn is_content_word(folded: &str) -> bool {
    folded.chars().count() >= 3 && folded.chars().all(char::is_alphabetic) && !is_stop_word(folded)
}

/// Extracts the features of a sentence.
pub fn features(sentence: &str) -> Features {
    let mut keys = BTreeSet::new();
    let toks = tokens(sentence);
    let folded_tokens: Vec<String> = toks.iter().map(|token| fold(token)).collect();
    let mut n_words = 0;
    for (idx, (token, folded)) in toks.iter().zip(&folded_tokens).enumerate() {
        if is_content_word(folded) {
            n_words += 1;
        }
        let next = folded_tokens.get(idx + 1).map(String::as_str);
        let is_percent_word = matches!(next, Some("procent" | "percent" | "per"));
        if is_code(token) {
            keys.insert(Key::Code(token.trim_end_matches(['.', ',']).to_owned()));
            continue;
        }
        if let Some(value) = parse_number(token) {
            let digits = token.chars().take_while(char::is_ascii_digit).count();
            let is_year = digits == 4 && (1800..2100).contains(&value);
            let is_percent = is_percent_word || sentence_has_percent_after(sentence, token);
            keys.insert(if is_percent {
                Key::Percent(value)
            } else if is_year {
                Key::Year(value as u16)
            } else {
                Key::Number(value)
            });
            continue;
        }
        if let Some(value) = number_word(folded) {
            keys.insert(if is_percent_word {
                Key::Percent(value)
            } else {
                Key::Number(value)
            });
            continue;
        }
        let is_capitalised = token.chars().next().is_some_and(char::is_uppercase);
        let is_stop = is_stop_word(folded);
        // A sentence's first word is capitalised anyway; it is no evidence of a name.
        if is_capitalised && !is_stop && idx > 0 && folded.chars().count() >= 3 {
            keys.insert(Key::Name(name_key(folded)));
        }
        if let Some(key) = cognate_key(folded) {
            keys.insert(key);
        }
    }
    Features {
        keys,
        quotes: quotes(sentence),
        n_chars: sentence.chars().count(),
        n_words,
        glosses: Vec::new(),
    }
}

fn sentence_has_percent_after(sentence: &str, token: &str) -> bool {
    sentence
        .find(token)
        .map(|at| sentence[at + token.len()..].trim_start().starts_with('%'))
        .unwrap_or(false)
}

/// Passages between quotation marks, with their cognate keys.
fn quotes(sentence: &str) -> Vec<Quote> {
    let mut out = Vec::new();
    let mut rest = sentence;
    while let Some(open) = rest.find(['“', '"', '‘', '«', '„', '‚']) {
        let open_char = rest[open..].chars().next().unwrap_or('"');
        let close_char = match open_char {
            '“' => '”',
            '‘' => '’',
            '«' => '»',
            // German: „…“ and ‚…‘.
            '„' => '“',
            '‚' => '‘',
            other => other,
        };
        let after = &rest[open + open_char.len_utf8()..];
        let Some(close) = after.find(close_char) else {
            break;
        };
        let passage = after[..close].trim();
        if passage.chars().count() >= 3 {
            let keys = tokens(passage)
                .iter()
                .flat_map(|t| {
                    let folded = fold(t);
                    let is_name = t.chars().next().is_some_and(char::is_uppercase)
                        && folded.chars().count() >= 3
                        && !is_stop_word(&folded);
                    let figure = parse_number(t).map(Key::Number);
                    let name = is_name.then(|| Key::Name(name_key(&folded)));
                    // A capitalised word is also a word: German "Reguläre" shares its
                    // stem with English "regular".
                    [figure, name, cognate_key(&folded)]
                })
                .flatten()
                .collect();
            out.push((passage.to_owned(), keys));
        }
        rest = &after[close + close_char.len_utf8()..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_takes_the_same_path_for_ascii_and_other_words() {
        assert_eq!(fold("Goïta"), "goita");
        assert_eq!(fold("MÉNAKA’s"), "menaka's");
        assert_eq!(fold("NATO's"), "nato's");
        // Reusing a buffer leaves nothing of the previous word.
        let mut buffer = String::new();
        for word in ["Ouagadougou", "Ségou", "x", "Straße"] {
            fold_into(word, &mut buffer);
            let general: String = word
                .chars()
                .flat_map(char::to_lowercase)
                .map(|c| match c {
                    'é' => 'e',
                    other => other,
                })
                .collect();
            assert_eq!(buffer, general, "{word}");
        }
    }

    fn keys(text: &str) -> Vec<Key> {
        features(text).keys.into_iter().collect()
    }

    #[test]
    fn numbers_normalise_across_locales_and_words() {
        let nl = features("Zeker 10.000 mensen zijn omgekomen, ruim 30.000 Malinezen.");
        let en = features("At least 10,000 people have died and more than 30,000 Malians.");
        assert!(nl.keys.contains(&Key::Number(10_000)) && en.keys.contains(&Key::Number(10_000)));
        assert!(nl.keys.contains(&Key::Number(30_000)) && en.keys.contains(&Key::Number(30_000)));
        assert!(
            features("zo’n duizend paramilitairen")
                .keys
                .contains(&Key::Number(1000))
        );
        assert!(
            features("about 1,000 paramilitaries")
                .keys
                .contains(&Key::Number(1000))
        );
    }

    #[test]
    fn years_and_percentages() {
        assert!(keys("Maar sinds 2020 heeft een regime").contains(&Key::Year(2020)));
        assert!(keys("ruim negentig procent van de inwoners").contains(&Key::Percent(90)));
        assert!(keys("about 90% of residents").contains(&Key::Percent(90)));
    }

    #[test]
    fn names_fold_accents_and_known_spellings() {
        let nl = features("Hun leider, kolonel Assimi Goïta, en Frankrijk.");
        let en = features("Led by Colonel Assimi Goita, says France.");
        for name in ["assimi", "goita", "france"] {
            assert!(nl.keys.contains(&Key::Name(name.to_owned())), "nl {name}");
            assert!(en.keys.contains(&Key::Name(name.to_owned())), "en {name}");
        }
    }

    #[test]
    fn quotes_are_found() {
        let f = features("“Indeed, fuck France”, agrees Siriki Kouyaté.");
        assert_eq!(f.quotes.len(), 1);
        assert_eq!(f.quotes[0].0, "Indeed, fuck France");
    }
}
