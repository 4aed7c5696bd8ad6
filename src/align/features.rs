//! What survives translation in a sentence: numbers (normalised across locales and the
//! number words of the sentence's language; dates and times in figures read alike in every
//! notation), years, percentages, names and other capitalised words, quoted passages, and
//! "cognate keys" (the first letters of longer words, which related languages such as
//! Dutch and English often share: *militair*/*military*, *missie*/*mission*).

mod dates;
mod quotes;
mod tables;

use std::collections::BTreeSet;

use smol_str::SmolStr;

use dates::{clock_time, numeric_dates, sentence_has_percent_after};
use quotes::quotes;
use tables::{NAME_EQUIVALENTS, is_stop_word, number_word};

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
    Name(SmolStr),
    /// The first four letters of a longer word, accent-folded.
    Cognate(SmolStr),
    /// A section, version or other number of several parts (10.3.2), as written.
    Code(SmolStr),
}

/// A sentence's keys, sorted and distinct, in one allocation: a tree of keys for every
/// sentence took most of a long alignment's memory.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KeySet(Box<[Key]>);

impl KeySet {
    pub fn iter(&self) -> std::slice::Iter<'_, Key> {
        self.0.iter()
    }

    pub fn contains(&self, key: &Key) -> bool {
        self.0.binary_search(key).is_ok()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The keys both sets hold, in order.
    pub fn intersection<'s>(&'s self, other: &'s KeySet) -> impl Iterator<Item = &'s Key> {
        let (small, large) = if self.len() <= other.len() {
            (self, other)
        } else {
            (other, self)
        };
        small.iter().filter(move |key| large.contains(key))
    }
}

impl FromIterator<Key> for KeySet {
    fn from_iter<I: IntoIterator<Item = Key>>(keys: I) -> Self {
        let mut keys: Vec<Key> = keys.into_iter().collect();
        keys.sort_unstable();
        keys.dedup();
        KeySet(keys.into_boxed_slice())
    }
}

impl<'s> IntoIterator for &'s KeySet {
    type Item = &'s Key;
    type IntoIter = std::slice::Iter<'s, Key>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl IntoIterator for KeySet {
    type Item = Key;
    type IntoIter = std::vec::IntoIter<Key>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_vec().into_iter()
    }
}

/// A quoted passage and its keys.
pub type Quote = (String, BTreeSet<Key>);

/// The features of one sentence.
#[derive(Clone, Debug, Default)]
pub struct Features {
    pub keys: KeySet,
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
        if !token.contains('-') {
            continue;
        }
        if token.starts_with(|c: char| c.is_ascii_digit()) {
            // A range counts by both ends: 2010-2024, 10-12.
            with_parts.extend(
                token
                    .split('-')
                    .skip(1)
                    .filter(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit())),
            );
        } else {
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
    Some(Key::Cognate(
        folded.chars().take(4).collect::<String>().into(),
    ))
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

/// Extracts the features of a sentence in `lang` (an ISO 639-1 code, or anything else
/// when unknown).
pub fn features(sentence: &str, lang: &str) -> Features {
    let mut keys = Vec::new();
    let toks = tokens(sentence);
    let folded_tokens: Vec<String> = toks.iter().map(|token| fold(token)).collect();
    // A date written in figures gives its year and its day, as one written with the
    // month's name does (2024-01-31, 31-01-2024, 31 januari 2024: 2024 and 31).
    let dates = numeric_dates(sentence, lang);
    for date in &dates {
        keys.push(Key::Year(date.year));
        keys.push(Key::Number(u64::from(date.day)));
    }
    let mut n_words = 0;
    for (idx, (token, folded)) in toks.iter().zip(&folded_tokens).enumerate() {
        if is_content_word(folded) {
            n_words += 1;
        }
        let at = crate::offsets::byte_offset_in(sentence, token);
        if dates.iter().any(|date| date.bytes.contains(&at)) {
            continue;
        }
        let next = folded_tokens.get(idx + 1).map(String::as_str);
        let is_percent_word = matches!(next, Some("procent" | "percent" | "per"));
        // A time: 06.30 uur, 7.30 pm, 19h30 (06:30 is read as 6 and 30 already).
        if let Some((hour, minute)) = clock_time(token, next) {
            keys.push(Key::Number(hour));
            if minute > 0 {
                keys.push(Key::Number(minute));
            }
            continue;
        }
        if is_code(token) {
            keys.push(Key::Code(token.trim_end_matches(['.', ',']).into()));
            continue;
        }
        if let Some(value) = parse_number(token) {
            let digits = token.chars().take_while(char::is_ascii_digit).count();
            let is_year = digits == 4 && (1800..2100).contains(&value);
            let is_percent = is_percent_word || sentence_has_percent_after(sentence, token);
            keys.push(if is_percent {
                Key::Percent(value)
            } else if is_year {
                Key::Year(value as u16)
            } else {
                Key::Number(value)
            });
            continue;
        }
        if let Some(value) = number_word(folded, lang) {
            keys.push(if is_percent_word {
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
            keys.push(Key::Name(name_key(folded).into()));
        }
        if let Some(key) = cognate_key(folded) {
            keys.push(key);
        }
    }
    Features {
        keys: keys.into_iter().collect(),
        quotes: quotes(sentence),
        n_chars: sentence.chars().count(),
        n_words,
        glosses: Vec::new(),
    }
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
        features(text, "unknown").keys.into_iter().collect()
    }

    #[test]
    fn numbers_normalise_across_locales_and_words() {
        let nl = features(
            "Zeker 10.000 mensen zijn omgekomen, ruim 30.000 Malinezen.",
            "unknown",
        );
        let en = features(
            "At least 10,000 people have died and more than 30,000 Malians.",
            "unknown",
        );
        assert!(nl.keys.contains(&Key::Number(10_000)) && en.keys.contains(&Key::Number(10_000)));
        assert!(nl.keys.contains(&Key::Number(30_000)) && en.keys.contains(&Key::Number(30_000)));
        assert!(
            features("zo’n duizend paramilitairen", "unknown")
                .keys
                .contains(&Key::Number(1000))
        );
        assert!(
            features("about 1,000 paramilitaries", "unknown")
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
        let nl = features("Hun leider, kolonel Assimi Goïta, en Frankrijk.", "unknown");
        let en = features("Led by Colonel Assimi Goita, says France.", "unknown");
        for name in ["assimi", "goita", "france"] {
            assert!(nl.keys.contains(&Key::Name(name.into())), "nl {name}");
            assert!(en.keys.contains(&Key::Name(name.into())), "en {name}");
        }
    }

    #[test]
    fn dates_in_figures_give_their_year_and_day_in_any_order() {
        let year_and_day = |text: &str, lang: &str| -> Vec<Key> {
            features(text, lang)
                .keys
                .into_iter()
                .filter(|k| matches!(k, Key::Year(_) | Key::Number(_)))
                .collect()
        };
        let expected = vec![Key::Number(31), Key::Year(2024)];
        assert_eq!(year_and_day("Published 2024-01-31.", "en"), expected);
        assert_eq!(year_and_day("Gepubliceerd op 31-01-2024.", "nl"), expected);
        assert_eq!(
            year_and_day("Veröffentlicht am 31.01.2024.", "de"),
            expected
        );
        assert_eq!(year_and_day("Publié le 31/01/2024.", "fr"), expected);
        assert_eq!(year_and_day("Published 01/31/2024.", "en"), expected);
        assert_eq!(
            year_and_day("Gepubliceerd op 31 januari 2024.", "nl"),
            expected
        );
        // American order in English with slashes, day first elsewhere.
        assert_eq!(
            year_and_day("Released 03/04/2024.", "en"),
            vec![Key::Number(4), Key::Year(2024)]
        );
        assert_eq!(
            year_and_day("Uitgebracht op 03-04-2024.", "nl"),
            vec![Key::Number(3), Key::Year(2024)]
        );
        // Not dates: a version, a range, a section number.
        assert!(!keys("Version 2.1.2024.3 of the tool").contains(&Key::Year(2024)));
        assert!(!keys("Build 13.13.2024 of the tool").contains(&Key::Year(2024)));
        assert_eq!(
            year_and_day("from 2010-2024", "en"),
            vec![Key::Year(2010), Key::Year(2024)]
        );
    }

    #[test]
    fn times_of_day_read_alike_in_every_notation() {
        let figures = |text: &str, lang: &str| -> Vec<Key> {
            features(text, lang).figures().cloned().collect()
        };
        let half_past_six = vec![Key::Number(6), Key::Number(30)];
        assert_eq!(
            figures("from 06:30 by sending packets", "en"),
            half_past_six
        );
        assert_eq!(figures("vanaf 06.30 uur proberen", "nl"), half_past_six);
        assert_eq!(figures("ab 6.30 Uhr", "de"), half_past_six);
        assert_eq!(figures("dès 6h30", "fr"), half_past_six);
        // A decimal is no time.
        assert_eq!(figures("it grew 6.30 times", "en"), vec![Key::Number(6)]);
    }

    #[test]
    fn number_words_are_read_in_the_texts_language() {
        // Dutch "ten" is "at the" (ten minste, ten gevolge van), English "ten" is 10.
        assert!(
            !keys_in("die ten minste twee netwerkkaarten heeft", "nl").contains(&Key::Number(10))
        );
        assert!(
            keys_in("die ten minste twee netwerkkaarten heeft", "nl").contains(&Key::Number(2))
        );
        assert!(keys_in("ten years ago", "en").contains(&Key::Number(10)));
        assert!(keys_in("vor zehn Jahren", "de").contains(&Key::Number(10)));
        // A language without a list of its own reads every language's words.
        assert!(keys_in("ten years ago", "und").contains(&Key::Number(10)));
    }

    fn keys_in(text: &str, lang: &str) -> Vec<Key> {
        features(text, lang).keys.into_iter().collect()
    }

    #[test]
    fn straight_single_quotes_quote_but_apostrophes_do_not() {
        let quoted = |text: &str| -> Vec<String> {
            features(text, "und")
                .quotes
                .into_iter()
                .map(|(passage, _)| passage)
                .collect()
        };
        assert_eq!(
            quoted("een gebruikersaccount 'voor andere taken dan beheer'."),
            vec!["voor andere taken dan beheer"]
        );
        assert!(quoted("rond 7.00 uur 's ochtends en 's avonds").is_empty());
        assert!(quoted("the Malians' view, and they don't agree").is_empty());
        assert_eq!(
            quoted("the profile 'Roaming workstation' (see above)"),
            vec!["Roaming workstation"]
        );
    }

    #[test]
    fn quotes_are_found() {
        let f = features("“Indeed, fuck France”, agrees Siriki Kouyaté.", "unknown");
        assert_eq!(f.quotes.len(), 1);
        assert_eq!(f.quotes[0].0, "Indeed, fuck France");
    }
}
