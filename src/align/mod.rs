//! Sentence alignment of an original and its translation (or another version), and the
//! divergences between aligned sentences.
//!
//! Rewritten coverage reorders passages, so a purely monotone aligner is not enough. The
//! aligner works in three steps:
//!
//! 1. **Anchors.** Each sentence gets [`features`] that survive translation (numbers,
//!    years, names, cognate word stems). Candidate pairs come from an inverted index of
//!    those keys, weighted by rarity, so no pair of sentences without a shared key is ever
//!    scored. Mutually best, confident pairs are anchors; they may cross.
//! 2. **Backbone.** The longest run of anchors in the same order on both sides is the
//!    backbone. Anchors off it are passages that *moved*.
//! 3. **Gaps.** Between backbone anchors, a banded dynamic programme in the manner of
//!    Gale and Church (length ratio, plus shared keys) aligns what is left, allowing 1–1,
//!    1–2, 2–1, 1–0 and 0–1. The band keeps it linear in practice: 10k × 10k sentences
//!    never fill a quadratic table.
//!
//! [`divergences`] then compares aligned sentences, flagging only what a fact-checker
//! must look at in a faithful translation:
//! - figures, years and percentages on one side only, compared as values across locales,
//!   units and number words (a small count missing from one side tells only in place of
//!   another number);
//! - proper names on one side only: words both documents write as the same name and
//!   neither writes in lower case, missing from the other side in any form (an
//!   abbreviation, which translations spell out, tells only in place of another name);
//! - quotations that keep different figures or names, or a phrase quoted on one side
//!   only that the other side does not say unquoted;
//! - moved passages and unaligned sentences.

pub mod features;
pub mod lexicon;

mod aligner;
mod divergence;
mod documents;
mod gap;
mod params;

pub use divergence::{Divergence, divergences};
pub use documents::{align_documents, counterpart_sentences, document_divergences, sentence_texts};

use std::collections::HashMap;

use aligner::Aligner;
use features::Features;

pub use crate::model::alignment::{AlignedPair, DivergenceKind, Side, pair_of};

/// Aligns the sentences of A with those of B.
pub fn align(a: &[&str], b: &[&str]) -> Vec<AlignedPair> {
    align_with_lexicon(a, b, Languages::UNKNOWN, None)
}

/// The languages of the two sides (ISO 639-1 codes; any other reads as unknown), which
/// decide how number words are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Languages<'l> {
    pub a: &'l str,
    pub b: &'l str,
}

impl Languages<'static> {
    /// Both languages unknown: number words of every language are read.
    pub const UNKNOWN: Self = Languages {
        a: crate::lang::UNKNOWN,
        b: crate::lang::UNKNOWN,
    };
}

/// The folded content words of each side, to look up in a dictionary.
pub fn distinct_words(sentences: &[&str]) -> std::collections::HashSet<String> {
    sentences
        .iter()
        .flat_map(|s| features::content_words(s))
        .collect()
}

/// The dictionary links between the documents' languages for their words, from the
/// FreeDict dictionaries installed (see [`lexicon`]); `None` without one.
pub fn installed_lexicon(
    a: &[&str],
    b: &[&str],
    lang_a: &str,
    lang_b: &str,
) -> Result<Option<lexicon::Lexicon>, lexicon::LexiconError> {
    lexicon::Lexicon::installed(lang_a, lang_b, &distinct_words(a), &distinct_words(b))
}

/// Aligns the sentences of A with those of B, with dictionary links as evidence where
/// given.
pub fn align_with_lexicon(
    a: &[&str],
    b: &[&str],
    languages: Languages<'_>,
    lexicon: Option<&lexicon::Lexicon>,
) -> Vec<AlignedPair> {
    let (mut fa, mut fb) = side_features(a, b, languages);
    if let Some(lexicon) = lexicon.filter(|l| !l.is_empty()) {
        // A's words as ids: B's glosses are A words, so only those can match.
        let mut ids: HashMap<String, u32> = HashMap::new();
        for (f, sentence) in fa.iter_mut().zip(a) {
            for word in features::content_words(sentence) {
                let next = ids.len() as u32;
                f.glosses.push(*ids.entry(word).or_insert(next));
            }
        }
        for (f, sentence) in fb.iter_mut().zip(b) {
            for word in features::content_words(sentence) {
                f.glosses
                    .extend(lexicon.glosses(&word).iter().filter_map(|g| ids.get(g)));
            }
        }
        for f in fa.iter_mut().chain(fb.iter_mut()) {
            f.glosses.sort_unstable();
            f.glosses.dedup();
        }
    }
    let common = features::common_words(a)
        .into_iter()
        .chain(features::common_words(b))
        .collect();
    let has_lexicon = lexicon.is_some_and(|l| !l.is_empty());
    Aligner::new(&fa, &fb, common, has_lexicon).run()
}

/// The features of each sentence of both sides.
fn side_features(
    a: &[&str],
    b: &[&str],
    languages: Languages<'_>,
) -> (Vec<Features>, Vec<Features>) {
    let of = |sentences: &[&str], lang: &str| -> Vec<Features> {
        sentences
            .iter()
            .map(|s| features::features(s, lang))
            .collect()
    };
    (of(a, languages.a), of(b, languages.b))
}

#[cfg(test)]
mod tests {
    use super::gap::normal_cdf;
    use super::params::GapMode;
    use super::*;
    use crate::model::alignment::{can_merge_with_next, can_split, merge_with_next, split_pair};

    #[test]
    fn close_translation_aligns_one_to_one() {
        let a = [
            "De kat zit op de mat.",
            "Zeker 10.000 mensen zijn gevlucht.",
            "Daarna regende het.",
        ];
        let b = [
            "The cat sits on the mat.",
            "At least 10,000 people fled.",
            "Then it rained.",
        ];
        let pairs = align(&a, &b);
        let links: Vec<(Vec<u32>, Vec<u32>)> =
            pairs.iter().map(|p| (p.a.clone(), p.b.clone())).collect();
        assert_eq!(
            links,
            vec![(vec![0], vec![0]), (vec![1], vec![1]), (vec![2], vec![2])]
        );
    }

    #[test]
    fn repeated_content_is_anchored_near_its_diagonal() {
        // A document that holds the same 80 sentences twice: every sentence has two
        // equally good partners, so the whole text anchors nothing, but each gap's
        // diagonal tells the copies apart.
        let base: Vec<String> = (0..80)
            .map(|k| format!("Minister Zorvath{k} opened bridge number {}.", 100 + k))
            .collect();
        let translated: Vec<String> = (0..80)
            .map(|k| format!("Minister Zorvath{k} opende brug nummer {}.", 100 + k))
            .collect();
        let a: Vec<&str> = base.iter().chain(&base).map(String::as_str).collect();
        let b: Vec<&str> = translated
            .iter()
            .chain(&translated)
            .map(String::as_str)
            .collect();
        let (fa, fb) = side_features(&a, &b, Languages::UNKNOWN);
        let aligner = Aligner::new(&fa, &fb, Default::default(), false);
        assert!(aligner.anchors().is_empty(), "{:?}", aligner.anchors());
        let all: Vec<usize> = (0..160).collect();
        let inner = aligner.anchors_near_diagonal(&all, &all);
        assert!(inner.len() >= 150, "{} anchors", inner.len());
        assert!(inner.iter().all(|(x, y)| x == y), "{inner:?}");
        let links: Vec<(Vec<u32>, Vec<u32>)> = align(&a, &b)
            .into_iter()
            .map(|pair| (pair.a, pair.b))
            .collect();
        let expected: Vec<(Vec<u32>, Vec<u32>)> = (0..160).map(|k| (vec![k], vec![k])).collect();
        assert_eq!(links, expected);
    }

    #[test]
    fn pairs_are_ordered_as_by_walking_back_to_the_pair_before() {
        // The order `sort_pairs` gives from its table, against the definition: a B-only
        // pair follows the pair of the nearest B sentence before it that has an A side.
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = |bound: u32| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % u64::from(bound)) as u32
        };
        let mut pairs = Vec::new();
        let (mut i, mut j) = (0u32, 0u32);
        for _ in 0..400 {
            let (a, b) = match next(4) {
                0 => (vec![], vec![j]),
                1 => (vec![i], vec![]),
                2 => (vec![i], vec![j, j + 1]),
                _ => (vec![i], vec![j]),
            };
            i += a.len() as u32;
            j += b.len() as u32;
            pairs.push(AlignedPair {
                a,
                b,
                score: 0.0,
                is_moved: next(7) == 0,
            });
        }
        for k in (1..pairs.len()).rev() {
            pairs.swap(k, next(k as u32 + 1) as usize);
        }
        let walked_back = |pairs: &[AlignedPair]| -> Vec<AlignedPair> {
            let a_of_b: HashMap<u32, u32> = pairs
                .iter()
                .filter_map(|p| p.a.first().map(|&i| (p, i)))
                .flat_map(|(p, i)| p.b.iter().map(move |&j| (j, i)))
                .collect();
            let mut sorted = pairs.to_vec();
            sorted.sort_by_key(|p| match (p.a.first(), p.b.first()) {
                (Some(&i), _) => (
                    u64::from(i) * 2 + 1,
                    p.b.first().map_or(0, |&j| u64::from(j)),
                ),
                (None, Some(&j)) => {
                    let before = (0..j).rev().find_map(|prev| a_of_b.get(&prev)).copied();
                    (before.map_or(0, |i| u64::from(i) * 2 + 2), u64::from(j))
                }
                (None, None) => (0, 0),
            });
            sorted
        };
        let expected = walked_back(&pairs);
        super::aligner::sort_pairs(&mut pairs);
        assert_eq!(pairs, expected);
    }

    #[test]
    fn loose_pairs_need_a_share_of_both_sides_evidence() {
        // Two long sentences of a rewrite that share only the name Bamako say different
        // things; a sentence and its translation share most of their keys.
        let a = [
            "Vanuit zijn atelier in Bamako vervaardigde Sidibé honderden Russische vlaggen voor demonstranten.",
            "Kolonel Goïta beloofde verkiezingen in februari 2024 tijdens een toespraak in Bamako.",
        ];
        let b = [
            "Colonel Goïta promised elections in February 2024 during a speech in Bamako.",
            "Residents of Bamako complain about electricity cuts, traffic and rising prices everywhere.",
        ];
        let (fa, fb) = side_features(&a, &b, Languages::UNKNOWN);
        let aligner = Aligner::new(&fa, &fb, Default::default(), false);
        let loose = GapMode::Loose { is_lone_gap: false };
        assert!(aligner.pair_cost(&[1], &[0], loose).is_finite());
        assert_eq!(aligner.pair_cost(&[0], &[1], loose), f64::INFINITY);
        // Between two anchors, a lone sentence on each side still pairs.
        let lone = GapMode::Loose { is_lone_gap: true };
        assert!(aligner.pair_cost(&[0], &[1], lone).is_finite());
    }

    #[test]
    fn moved_passage_is_found_and_flagged() {
        let a = [
            "Sidibé maakt vlaggen in Bamako.",
            "Het leger van Mali vecht sinds 2012 tegen Toeareg-rebellen.",
            "Zeker 10.000 mensen zijn omgekomen.",
            "Wagner stuurde duizend paramilitairen.",
        ];
        let b = [
            "At least 10,000 people have died.",
            "Sidibé makes flags in Bamako.",
            "Wagner sent a thousand paramilitaries.",
        ];
        let pairs = align(&a, &b);
        let moved: Vec<_> = pairs.iter().filter(|p| p.is_moved).collect();
        assert_eq!(moved.len(), 1, "{pairs:?}");
        let divergences = divergences(&a, &b, Languages::UNKNOWN, &pairs);
        assert!(divergences.iter().any(|d| d.kind == DivergenceKind::Moved));
        assert!(
            divergences
                .iter()
                .any(|d| d.kind == DivergenceKind::Unaligned && d.a == vec![1]),
            "{divergences:?}"
        );
    }

    #[test]
    fn changed_year_and_name_are_divergences() {
        let a = [
            "Sinds 2020 regeert kolonel Assimi Goïta in Mali.",
            "Frankrijk zegt niets.",
        ];
        let b = [
            "Since last year Colonel Assimi Goita rules Mali.",
            "France says nothing.",
        ];
        let pairs = align(&a, &b);
        let divergences = divergences(&a, &b, Languages::UNKNOWN, &pairs);
        let date = divergences
            .iter()
            .find(|d| d.kind == DivergenceKind::Date)
            .expect("a date divergence");
        assert_eq!(date.detail, "year 2020 only in A");
        assert!(
            !divergences.iter().any(|d| d.kind == DivergenceKind::Name),
            "{divergences:?}"
        );
    }

    /// The divergences of pairs aligned one to one, by kind and detail.
    fn one_to_one_flags(a: &[&str], b: &[&str]) -> Vec<(DivergenceKind, String)> {
        let pairs: Vec<AlignedPair> = (0..a.len() as u32).map(|k| pair(&[k], &[k])).collect();
        divergences(a, b, Languages::UNKNOWN, &pairs)
            .into_iter()
            .map(|d| (d.kind, d.detail))
            .collect()
    }

    #[test]
    fn faithful_translation_raises_no_flags() {
        // German nouns are capitalised but are no names; an abbreviation is spelt out; a
        // translated title is quoted on both sides; the French version quotes the
        // English term it translates; numbers are written in words or with units.
        let en = [
            "The system administrator installs the GUI on the system.",
            "See Section 1.6.2, “Regular expressions”, for the details.",
            "It uses the Lightweight Directory Access Protocol on the network.",
            "There are 2 major styles and three categories of users.",
            "Mail data should be limited to 7 bit data since the 1990s.",
            "The system administrator reads the manual.",
        ];
        let de = [
            "Der Systemadministrator installiert die grafische Oberfläche auf dem System.",
            "Lesen Sie Abschnitt 1.6.2, „Reguläre Ausdrücke“, für Details.",
            "Es nutzt das Protokoll « Lightweight Directory Access Protocol » im Netzwerk.",
            "Es gibt zwei Hauptstile und drei Kategorien von Benutzern.",
            "Mail-Daten sollten seit den 1990'ern auf 7-Bit-Zeichen beschränkt werden.",
            "Der Systemadministrator liest das Handbuch, GUI genannt.",
        ];
        let flags = one_to_one_flags(&en, &de);
        assert!(flags.is_empty(), "{flags:#?}");
    }

    #[test]
    fn changed_figures_names_and_quotes_are_flagged() {
        let en = [
            "Kouyaté says: “We trust Russia.”",
            "About 1,000 soldiers of the Wagner Group are in Mali.",
            "Russia is in Mali, says Kouyaté.",
            "Both France and Russia disagree.",
        ];
        let nl = [
            "Kouyaté zegt: “Weg met Frankrijk.”",
            "Zo’n 1.500 soldaten van de Wagner Groep zijn in Mali.",
            "Frankrijk is in Mali, zegt Kouyaté.",
            "Zowel Frankrijk als Rusland zijn het oneens.",
        ];
        let flags = one_to_one_flags(&en, &nl);
        let has = |kind: DivergenceKind, detail: &str| {
            flags.iter().any(|(k, d)| *k == kind && d == detail)
        };
        assert!(
            has(
                DivergenceKind::Quote,
                "A quotes “We trust Russia.” where B quotes “Weg met Frankrijk.”"
            ),
            "{flags:#?}"
        );
        assert!(
            has(DivergenceKind::Number, "A has number 1000 where B has 1500"),
            "{flags:#?}"
        );
        assert!(
            has(DivergenceKind::Name, "A has name russia where B has france"),
            "{flags:#?}"
        );
    }

    fn pair(a: &[u32], b: &[u32]) -> AlignedPair {
        AlignedPair {
            a: a.to_vec(),
            b: b.to_vec(),
            score: 1.0,
            is_moved: false,
        }
    }

    #[test]
    fn merge_and_split_by_hand() {
        let pairs = vec![pair(&[0], &[0]), pair(&[1], &[]), pair(&[2], &[1])];
        let merged = merge_with_next(&pairs, 0).expect("mergeable");
        assert_eq!(
            (merged[0].a.clone(), merged[0].b.clone()),
            (vec![0, 1], vec![0])
        );
        assert_eq!(merged.len(), 2);
        let split = split_pair(&merged, 0).expect("splittable");
        assert_eq!(
            split
                .iter()
                .map(|p| (p.a.clone(), p.b.clone()))
                .collect::<Vec<_>>(),
            vec![(vec![0], vec![0]), (vec![1], vec![]), (vec![2], vec![1])]
        );
        // A one-to-one pair splits into two unaligned sentences.
        let unlinked = split_pair(&pairs, 0).expect("splittable");
        assert_eq!(unlinked[0].b, Vec::<u32>::new());
        assert_eq!(unlinked[1].a, Vec::<u32>::new());
        // Non-adjacent sentences cannot merge.
        let gap = vec![pair(&[0], &[0]), pair(&[2], &[1])];
        assert_eq!(merge_with_next(&gap, 0), None);
        assert!(!can_merge_with_next(&gap, 0));
        assert!(
            !can_split(&pairs, 1),
            "a lone sentence has nothing to split"
        );
        assert_eq!(pair_of(&pairs, Side::B, 1), Some(2));
    }

    #[test]
    fn a_row_splits_where_its_lengths_say_and_a_merged_row_as_it_was() {
        use crate::model::alignment::split_pair_by_lengths;
        let rows = |pairs: &[AlignedPair]| -> Vec<(Vec<u32>, Vec<u32>)> {
            pairs.iter().map(|p| (p.a.clone(), p.b.clone())).collect()
        };
        // Sentence lengths: A 0..3, B 0..3; B runs 10% longer, as the other pairs show.
        let len_a = |id: u32| [100, 20, 60][id as usize];
        let len_b = |id: u32| [110, 23, 66][id as usize];
        let two_two = vec![pair(&[0, 1], &[0, 1]), pair(&[2], &[2])];
        let split = split_pair_by_lengths(&two_two, 0, &len_a, &len_b).expect("splits");
        assert_eq!(
            rows(&split),
            vec![(vec![0], vec![0]), (vec![1], vec![1]), (vec![2], vec![2])]
        );
        // A short first sentence with no counterpart: left alone.
        let len_a = |id: u32| [12, 100, 60][id as usize];
        let len_b = |id: u32| [110, 66, 66][id as usize];
        let two_one = vec![pair(&[0, 1], &[0]), pair(&[2], &[1])];
        let split = split_pair_by_lengths(&two_one, 0, &len_a, &len_b).expect("splits");
        assert_eq!(
            rows(&split),
            vec![(vec![0], vec![]), (vec![1], vec![0]), (vec![2], vec![1])]
        );
        // A row a reviewer merged splits back exactly, whatever the lengths say.
        let alignment = crate::model::Alignment::new(
            crate::model::DocId(0),
            crate::model::DocId(1),
            vec![pair(&[0], &[0]), pair(&[1], &[]), pair(&[2], &[1])],
        );
        let merged = alignment.merge_row_with_next(0).expect("merges");
        assert_eq!(merged.joined.len(), 1);
        let back = merged.split_row(0, &|_| 50, &|_| 50).expect("splits");
        assert_eq!(rows(&back.pairs), rows(&alignment.pairs));
        assert!(back.joined.is_empty(), "the record is used up");
    }

    #[test]
    fn normal_cdf_is_accurate_enough() {
        assert!((normal_cdf(0.0) - 0.5).abs() < 1e-6);
        assert!((normal_cdf(1.96) - 0.975).abs() < 1e-3);
        assert!((normal_cdf(-1.0) - 0.1587).abs() < 1e-3);
    }
}
