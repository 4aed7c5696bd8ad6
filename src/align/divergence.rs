//! Divergence flags: what differs between aligned sentences (figures, names, quotations)
//! or a sentence without a counterpart, found by [`divergences`], and how a dismissal
//! records a flag.

use serde::{Deserialize, Serialize};

use std::collections::BTreeSet;

use super::features::{self, Features, Key, Quote};
use super::{Languages, side_features};
use crate::model::alignment::{AlignedPair, DivergenceKind};

/// A difference between aligned sentences, or a sentence with no counterpart.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Divergence {
    pub a: Vec<u32>,
    pub b: Vec<u32>,
    pub kind: DivergenceKind,
    pub detail: String,
}

impl Divergence {
    /// How the alignment records this flag once a reviewer dismisses it.
    pub fn key(&self) -> crate::model::alignment::DismissedFlag {
        crate::model::alignment::DismissedFlag(
            self.kind,
            crate::model::alignment::id_range(&self.a),
            crate::model::alignment::id_range(&self.b),
            self.detail.clone(),
        )
    }
}

/// The divergences of an alignment of `a` with `b`.
pub fn divergences(
    a: &[&str],
    b: &[&str],
    languages: Languages<'_>,
    pairs: &[AlignedPair],
) -> Vec<Divergence> {
    let (fa, fb) = side_features(a, b, languages);
    // Proper names only: a capitalised word that either document also writes in lower
    // case is a common word (German capitalises every noun; English headings capitalise
    // words; a word both sides share in another form is no name).
    let common: std::collections::HashSet<String> = features::common_words(a)
        .into_iter()
        .chain(features::common_words(b))
        .collect();
    // Plurals and such: "Maintainers" in a heading, "maintainer" in prose.
    let is_common = |name: &str| {
        common.contains(name)
            || ["s", "es", "e", "en", "n"].iter().any(|suffix| {
                name.strip_suffix(suffix)
                    .is_some_and(|stem| common.contains(stem))
            })
    };
    let acronyms: std::collections::HashSet<String> = features::acronyms(a)
        .into_iter()
        .chain(features::acronyms(b))
        .collect();
    // Names known to each document: a name missing from a sentence only counts when the
    // other document has the very same name (titles such as "Colonel" are not names in
    // Dutch; "Systeme" is not "Systemd").
    let proper_names = |feats: &'_ [Features]| -> BTreeSet<String> {
        feats
            .iter()
            .flat_map(Features::names)
            .filter(|name| !is_common(name))
            .map(str::to_owned)
            .collect()
    };
    let (names_a, names_b) = (proper_names(&fa), proper_names(&fb));
    let folded_a: Vec<String> = a.iter().map(|s| features::fold(s)).collect();
    let folded_b: Vec<String> = b.iter().map(|s| features::fold(s)).collect();
    let mut out = Vec::new();
    for pair in pairs {
        let side = |ids: &[u32], feats: &[Features]| -> Features {
            let mut merged = Features::default();
            let mut keys = Vec::new();
            for &id in ids {
                if let Some(f) = feats.get(id as usize) {
                    keys.extend(f.keys.iter().cloned());
                    merged.quotes.extend(f.quotes.iter().cloned());
                    merged.n_chars += f.n_chars;
                }
            }
            merged.keys = keys.into_iter().collect();
            merged
        };
        let text_of = |ids: &[u32], texts: &[&str]| -> String {
            ids.iter()
                .filter_map(|&id| texts.get(id as usize).copied())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let mut push = |kind: DivergenceKind, detail: String| {
            out.push(Divergence {
                a: pair.a.clone(),
                b: pair.b.clone(),
                kind,
                detail,
            });
        };
        if pair.a.is_empty() || pair.b.is_empty() {
            let (which, text) = if pair.a.is_empty() {
                ("B", text_of(&pair.b, b))
            } else {
                ("A", text_of(&pair.a, a))
            };
            push(
                DivergenceKind::Unaligned,
                format!("only in {which}: {}", excerpt(&text)),
            );
            continue;
        }
        if pair.is_moved {
            push(
                DivergenceKind::Moved,
                format!(
                    "A sentence {} matches B sentence {}, out of order: the passage moved",
                    pair.a[0], pair.b[0]
                ),
            );
        }
        let sa = side(&pair.a, &fa);
        let sb = side(&pair.b, &fb);
        for (kind, label) in [
            (DivergenceKind::Number, "number"),
            (DivergenceKind::Date, "year"),
            (DivergenceKind::Percent, "percentage"),
        ] {
            // One is also the article in every language ("one of them", "exactement
            // 1"), so a 1 on one side is no evidence.
            let pick = |f: &Features| -> BTreeSet<Key> {
                f.figures()
                    .filter(|k| **k != Key::Number(1))
                    .filter(|k| {
                        matches!(
                            (kind, k),
                            (DivergenceKind::Number, Key::Number(_))
                                | (DivergenceKind::Date, Key::Year(_))
                                | (DivergenceKind::Percent, Key::Percent(_))
                        )
                    })
                    .cloned()
                    .collect()
            };
            let (ka, kb) = (pick(&sa), pick(&sb));
            let (mut only_a, mut only_b): (Vec<&Key>, Vec<&Key>) =
                (ka.difference(&kb).collect(), kb.difference(&ka).collect());
            // A small count missing from one side is mostly a way of saying it ("the
            // following 2 facts", "these facts"; "third party", "Drittquellen"); it
            // tells in place of another number.
            let is_small = |key: &&Key| matches!(key, Key::Number(n) if *n < 10);
            if only_b.is_empty() {
                only_a.retain(|k| !is_small(k));
            }
            if only_a.is_empty() {
                only_b.retain(|k| !is_small(k));
            }
            let only_a: Vec<String> = only_a.into_iter().map(show_key).collect();
            let only_b: Vec<String> = only_b.into_iter().map(show_key).collect();
            if !only_a.is_empty() || !only_b.is_empty() {
                push(kind, describe_sides(label, &only_a, &only_b));
            }
        }
        // A name tells when both documents have it as a proper name; it is missing when
        // the other side neither names it nor writes it in any form (a compound such as
        // "XML-Datei", an inflection).
        let tells = |name: &str| names_a.contains(name) && names_b.contains(name);
        let only_a: Vec<String> = sa
            .names()
            .filter(|n| tells(n) && !sb.mentions_name(n) && !writes(&pair.b, &folded_b, n))
            .map(str::to_owned)
            .collect();
        let only_b: Vec<String> = sb
            .names()
            .filter(|n| tells(n) && !sa.mentions_name(n) && !writes(&pair.a, &folded_a, n))
            .map(str::to_owned)
            .collect();
        // An abbreviation missing from one side is usually spelt out there ("GUI",
        // "grafische Oberfläche"); it tells only in place of another name.
        let keep_abbreviations = |mine: Vec<String>, theirs: &[String]| -> Vec<String> {
            if theirs.is_empty() {
                mine.into_iter().filter(|n| !acronyms.contains(n)).collect()
            } else {
                mine
            }
        };
        let (had_a, had_b) = (only_a.clone(), only_b.clone());
        let (only_a, only_b) = (
            keep_abbreviations(only_a, &had_b),
            keep_abbreviations(only_b, &had_a),
        );
        if !only_a.is_empty() || !only_b.is_empty() {
            push(
                DivergenceKind::Name,
                describe_sides("name", &only_a, &only_b),
            );
        }
        // In a quotation, figures tell, and names that tell as above.
        let telling = |key: &Key| match key {
            Key::Number(_) | Key::Year(_) | Key::Percent(_) | Key::Code(_) => true,
            Key::Name(name) => tells(name),
            Key::Cognate(_) => false,
        };
        let joined = |ids: &[u32], folded: &[String]| -> String {
            ids.iter()
                .filter_map(|&id| folded.get(id as usize).map(String::as_str))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let texts = (joined(&pair.a, &folded_a), joined(&pair.b, &folded_b));
        if let Some(detail) = quote_divergence(&sa, &sb, &texts, &telling) {
            push(DivergenceKind::Quote, detail);
        }
    }
    out
}

/// Whether the sentences `ids` write `name` at the start of a word, in any case,
/// inflection or spelling close to it (its first five letters, one of them changed:
/// "Japanese", "japonais"), or the first part of a compound name ("Unix-like", "de
/// type Unix").
pub(super) fn writes(ids: &[u32], folded: &[String], name: &str) -> bool {
    let first_part = name
        .split('-')
        .find(|part| !part.is_empty())
        .unwrap_or(name);
    let stem: Vec<char> = first_part.chars().take(5).collect();
    let is_close = |word: &str| {
        let head: Vec<char> = word.chars().take(stem.len()).collect();
        head.len() == stem.len()
            && head[..2.min(head.len())] == stem[..2.min(stem.len())]
            && head.iter().zip(&stem).filter(|(x, y)| x != y).count()
                <= usize::from(stem.len() >= 5)
    };
    ids.iter()
        .filter_map(|&id| folded.get(id as usize))
        .any(|text| {
            text.split(|c: char| !c.is_alphanumeric())
                .any(|word| !word.is_empty() && is_close(word))
        })
}

pub(super) fn show_key(key: &Key) -> String {
    match key {
        Key::Number(n) => n.to_string(),
        Key::Year(y) => y.to_string(),
        Key::Percent(p) => format!("{p}%"),
        Key::Name(name) | Key::Cognate(name) | Key::Code(name) => name.to_string(),
    }
}

/// What differs, in words: "A has year 2020, B has 2021", "name france only in B".
pub(super) fn describe_sides(label: &str, only_a: &[String], only_b: &[String]) -> String {
    match (only_a.is_empty(), only_b.is_empty()) {
        (false, false) => format!(
            "A has {label} {} where B has {}",
            only_a.join(", "),
            only_b.join(", ")
        ),
        (false, true) => format!("{label} {} only in A", only_a.join(", ")),
        (true, false) => format!("{label} {} only in B", only_b.join(", ")),
        (true, true) => String::new(),
    }
}

/// The fewest words of a quotation on one side only that is flagged (shorter ones are
/// labels, commands and terms a translation may or may not quote).
pub(super) const MIN_LONE_QUOTE_WORDS: usize = 3;

/// Quotations that say something else on the other side, or have no counterpart.
///
/// Quotations are paired first by the same text (a path, a command), then by shared
/// keys (a figure, a name, a word stem), then in order. A pair differs when one
/// quotation has a telling key (a figure, a proper name both documents use) the other
/// lacks: a translated quotation shares no words, but it keeps its figures and names.
/// A quotation left without a partner is flagged when it is a phrase, not a term.
/// A quotation left without a partner that the other side says unquoted (the French
/// version quoting the English term it translates) is no divergence either.
pub(super) fn quote_divergence(
    sa: &Features,
    sb: &Features,
    (folded_a, folded_b): &(String, String),
    telling: &dyn Fn(&Key) -> bool,
) -> Option<String> {
    if sa.quotes.is_empty() && sb.quotes.is_empty() {
        return None;
    }
    let mut left_a: Vec<&Quote> = sa.quotes.iter().collect();
    let mut left_b: Vec<&Quote> = sb.quotes.iter().collect();
    let mut paired: Vec<(&Quote, &Quote)> = Vec::new();
    type Partner<'q> = dyn Fn(&Quote, &Quote) -> bool + 'q;
    let same_text: &Partner = &|x, y| x.0 == y.0;
    let shared_key: &Partner = &|x, y| !x.1.is_disjoint(&y.1);
    let any: &Partner = &|_, _| true;
    for is_partner in [same_text, shared_key, any] {
        let mut ia = 0;
        while ia < left_a.len() {
            if let Some(ib) = left_b.iter().position(|y| is_partner(left_a[ia], y)) {
                paired.push((left_a.remove(ia), left_b.remove(ib)));
            } else {
                ia += 1;
            }
        }
    }
    let mentions = |key: &Key, keys: &BTreeSet<Key>| {
        match key {
        Key::Name(name) => keys.iter().any(|other| {
            matches!(other, Key::Name(o) | Key::Cognate(o) if features::names_match(o, name) || name.starts_with(o.as_str()))
        }),
        _ => keys.contains(key),
    }
    };
    let says_more = |x: &BTreeSet<Key>, y: &BTreeSet<Key>| {
        x.iter().any(|key| telling(key) && !mentions(key, y))
    };
    let quoted = |q: &str| format!("“{}”", excerpt(q));
    let mut parts: Vec<String> = paired
        .iter()
        .filter(|(x, y)| says_more(&x.1, &y.1) || says_more(&y.1, &x.1))
        .map(|(x, y)| format!("A quotes {} where B quotes {}", quoted(&x.0), quoted(&y.0)))
        .collect();
    let is_lone_phrase = |quote: &Quote, other_side: &str| {
        let is_phrase = quote.0.split_whitespace().count() >= MIN_LONE_QUOTE_WORDS
            || quote.1.iter().any(telling);
        let other_words: BTreeSet<&str> = other_side
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let folded = features::fold(&quote.0);
        let words: Vec<&str> = folded
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 3)
            .collect();
        let said_unquoted = words.iter().filter(|w| other_words.contains(*w)).count();
        is_phrase && 2 * said_unquoted < words.len().max(1)
    };
    let lone = |quotes: &[&Quote], other_side: &str| -> Vec<String> {
        quotes
            .iter()
            .filter(|q| is_lone_phrase(q, other_side))
            .map(|q| quoted(&q.0))
            .collect()
    };
    for (side, quotes, other_side) in [("A", &left_a, folded_b), ("B", &left_b, folded_a)] {
        let found = lone(quotes, other_side);
        if !found.is_empty() {
            parts.push(format!(
                "{side} quotes {} with no counterpart",
                found.join(", ")
            ));
        }
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

pub(super) fn excerpt(text: &str) -> String {
    const MAX: usize = 80;
    if text.chars().count() <= MAX {
        return text.to_owned();
    }
    let cut: String = text.chars().take(MAX).collect();
    format!("{}…", cut.trim_end())
}
