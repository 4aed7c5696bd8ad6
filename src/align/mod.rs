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

mod divergence;
pub use divergence::Divergence;

use std::collections::{BTreeSet, HashMap};

use features::{Features, Key, Quote};

pub use crate::model::alignment::{AlignedPair, DivergenceKind, Side, pair_of};

/// Tuning of the aligner.
#[derive(Clone, Copy, Debug)]
struct Params {
    /// Least evidence for a pair to be an anchor.
    anchor_min: f64,
    /// Cost of leaving a sentence unaligned.
    skip: f64,
    /// Extra cost of pairing sentences (outside a one-to-one gap) that share less
    /// evidence than `min_gap_evidence`.
    no_evidence: f64,
    min_gap_evidence: f64,
    /// Least share of the two sentences' evidence that an anchor must have in common
    /// (Dice over key weights), so long sentences do not match on common names alone.
    anchor_min_dice: f64,
    /// The same for anchors off the backbone (moved passages), which need more proof.
    moved_min_dice: f64,
    /// How much shared evidence lowers a pair's cost.
    evidence_gain: f64,
    /// Variance per character of the length model (loose translations vary a lot).
    length_variance: f64,
    /// Keys in more sentences than this are too common to generate candidates.
    max_postings: usize,
    /// Candidates kept per sentence.
    max_candidates: usize,
}

/// How a gap is aligned.
#[derive(Clone, Copy, Debug)]
enum GapMode {
    /// As a faithful translation: by length, Gale and Church's way (leaving sentences
    /// out is cheaper when one side has a surplus).
    Parallel { has_surplus: bool },
    /// As loose rewriting: pairs need shared evidence (except a lone 1×1 gap).
    Loose { is_lone_gap: bool },
}

/// Gale and Church's variance of B's length per character of A.
const PARALLEL_VARIANCE: f64 = 6.8;
/// Leaving a sentence out in a parallel gap: Gale and Church's 1–0 prior (0.0099 / 2).
const PARALLEL_SKIP: f64 = 5.3;
/// The fewest sentences on the shorter side of a gap with a surplus for it to be
/// aligned by length.
const MIN_SURPLUS_GAP: usize = 8;
/// Leaving a sentence out of a gap with a surplus on one side.
const SURPLUS_SKIP: f64 = 2.0;
/// A gap reads as parallel when at most this share of its steps leave a sentence out...
const MAX_PARALLEL_SKIPS: f64 = 0.25;
/// ...and its pairs cost at most this on average (a length deviation of about one
/// standard deviation each).
const MAX_PARALLEL_MEAN_COST: f64 = 1.6;
/// Glosses in more B sentences than this are too common to find candidates by.
const MAX_GLOSS_POSTINGS: usize = 256;
/// The weight of a dictionary gloss against a key of the same rarity.
const GLOSS_WEIGHT: f64 = 1.0;
/// How much shared evidence (as a Dice share) lowers a pair's cost in a parallel gap.
const PARALLEL_EVIDENCE_GAIN: f64 = 6.0;
/// Pairing sentences that both give figures and share none (10.3.4 and 10.3.5, 1990
/// and 2011): they say different things.
const FIGURE_CONFLICT: f64 = 8.0;
/// Pairing, in a gap where passages were added or dropped, a sentence joined to a pair
/// that shares no evidence with the other side, or (with a dictionary) a sentence of
/// this many content words or more that shares none.
const MIN_WORDS_FOR_LEXICAL_EVIDENCE: usize = 4;
const NO_LEXICAL_EVIDENCE: f64 = 4.0;
/// A translation is read as a rewrite when more than this share of its anchors sit off
/// the backbone (passages told in another order).
const REWRITE_MOVED_SHARE: f64 = 0.2;
/// The widest band of the gap programme on either side of the diagonal.
const MAX_BAND: usize = 256;
/// A gap with at least this many sentences on both sides is cut at anchors near its
/// diagonal before it is aligned.
const LONG_GAP: usize = 64;

const PARAMS: Params = Params {
    anchor_min: 2.5,
    skip: 2.2,
    no_evidence: 6.0,
    min_gap_evidence: 3.0,
    anchor_min_dice: 0.2,
    moved_min_dice: 0.25,
    evidence_gain: 0.8,
    length_variance: 40.0,
    max_postings: 64,
    max_candidates: 24,
};

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
pub fn vocabulary(sentences: &[&str]) -> std::collections::HashSet<String> {
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
    lexicon::Lexicon::installed(lang_a, lang_b, &vocabulary(a), &vocabulary(b))
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

struct Aligner<'f> {
    fa: &'f [Features],
    fb: &'f [Features],
    weights: HashMap<&'f Key, f64>,
    /// For each A sentence, its best candidates in B: (j, evidence).
    candidates: Vec<Vec<(u32, f64)>>,
    /// Characters of B per character of A, over the whole texts.
    length_ratio: f64,
    /// Words either document writes in lower case: no proper names.
    common: std::collections::HashSet<String>,
    /// Whether sentences have dictionary glosses.
    has_lexicon: bool,
    /// Each sentence's figures (not small counts), for conflicts.
    figures_a: Vec<Vec<Key>>,
    figures_b: Vec<Vec<Key>>,
    /// Weight of each gloss (rarer weighs more), and each sentence's gloss weight.
    gloss_weights: Vec<f64>,
    /// For each A sentence, its best gloss candidates in B: (j, gloss evidence).
    gloss_candidates: Vec<Vec<(u32, f64)>>,
    gloss_mass_a: Vec<f64>,
    gloss_mass_b: Vec<f64>,
    /// Total key weight of each A sentence and each B sentence.
    mass_a: Vec<f64>,
    mass_b: Vec<f64>,
}

impl<'f> Aligner<'f> {
    fn new(
        fa: &'f [Features],
        fb: &'f [Features],
        common: std::collections::HashSet<String>,
        has_lexicon: bool,
    ) -> Self {
        let n_total = (fa.len() + fb.len()).max(1) as f64;
        let mut doc_freq: HashMap<&Key, usize> = HashMap::new();
        for f in fa.iter().chain(fb) {
            for key in &f.keys {
                *doc_freq.entry(key).or_default() += 1;
            }
        }
        let weights: HashMap<&Key, f64> = doc_freq
            .into_iter()
            .map(|(key, df)| {
                let boost = match key {
                    Key::Number(_) | Key::Year(_) | Key::Percent(_) | Key::Code(_) => 2.0,
                    Key::Name(_) => 1.5,
                    Key::Cognate(_) => 1.0,
                };
                (key, boost * (1.0 + n_total / df as f64).ln())
            })
            .collect();
        let chars_a: usize = fa.iter().map(|f| f.n_chars).sum();
        let chars_b: usize = fb.iter().map(|f| f.n_chars).sum();
        let mass = |f: &Features| -> f64 {
            f.keys
                .iter()
                .map(|k| weights.get(k).copied().unwrap_or(0.0))
                .sum()
        };
        let mass_a = fa.iter().map(mass).collect();
        let mass_b = fb.iter().map(mass).collect();
        let figures = |f: &Features| -> Vec<Key> {
            f.keys
                .iter()
                .filter(|key| match key {
                    Key::Number(n) => *n >= 10,
                    Key::Year(_) | Key::Percent(_) | Key::Code(_) => true,
                    _ => false,
                })
                .cloned()
                .collect()
        };
        let figures_a = fa.iter().map(figures).collect();
        let figures_b = fb.iter().map(figures).collect();
        let n_glosses = fa
            .iter()
            .chain(fb)
            .flat_map(|f| f.glosses.iter())
            .max()
            .map_or(0, |&max| max as usize + 1);
        let mut gloss_freq = vec![0usize; n_glosses];
        for f in fa.iter().chain(fb) {
            for &gloss in &f.glosses {
                gloss_freq[gloss as usize] += 1;
            }
        }
        let gloss_weights: Vec<f64> = gloss_freq
            .into_iter()
            .map(|df| GLOSS_WEIGHT * (1.0 + n_total / df.max(1) as f64).ln())
            .collect();
        let gloss_mass = |f: &Features| -> f64 {
            f.glosses
                .iter()
                .map(|&g| gloss_weights.get(g as usize).copied().unwrap_or(0.0))
                .sum()
        };
        let gloss_mass_a = fa.iter().map(gloss_mass).collect();
        let gloss_mass_b = fb.iter().map(gloss_mass).collect();
        let mut aligner = Aligner {
            fa,
            fb,
            weights,
            candidates: Vec::new(),
            length_ratio: chars_b.max(1) as f64 / chars_a.max(1) as f64,
            common,
            has_lexicon,
            figures_a,
            figures_b,
            gloss_weights,
            gloss_candidates: Vec::new(),
            gloss_mass_a,
            gloss_mass_b,
            mass_a,
            mass_b,
        };
        aligner.candidates = aligner.find_candidates();
        aligner.gloss_candidates = aligner.find_gloss_candidates();
        aligner
    }

    /// Candidate pairs from an inverted index of B's keys.
    fn find_candidates(&self) -> Vec<Vec<(u32, f64)>> {
        let mut postings: HashMap<&Key, Vec<u32>> = HashMap::new();
        for (j, f) in self.fb.iter().enumerate() {
            for key in &f.keys {
                postings.entry(key).or_default().push(j as u32);
            }
        }
        let mut scores: HashMap<u32, f64> = HashMap::new();
        let mut scratch = Vec::new();
        self.fa
            .iter()
            .map(|f| {
                scores.clear();
                for key in &f.keys {
                    let Some(list) = postings.get(key) else {
                        continue;
                    };
                    if list.len() > PARAMS.max_postings {
                        continue;
                    }
                    let weight = self.weights.get(key).copied().unwrap_or(0.0);
                    for &j in list {
                        *scores.entry(j).or_default() += weight;
                    }
                }
                best_candidates(&scores, &mut scratch)
            })
            .collect()
    }

    /// The share of the two sentences' key weight that they have in common.
    fn dice(&self, i: usize, j: usize) -> f64 {
        let total =
            self.mass_a.get(i).copied().unwrap_or(0.0) + self.mass_b.get(j).copied().unwrap_or(0.0);
        if total <= 0.0 {
            return 0.0;
        }
        2.0 * self.evidence(i, j) / total
    }

    /// The shared evidence of A sentence `i` and B sentence `j` (0 when not a candidate).
    fn evidence(&self, i: usize, j: usize) -> f64 {
        self.candidates
            .get(i)
            .and_then(|list| list.iter().find(|(c, _)| *c as usize == j))
            .map_or(0.0, |(_, score)| *score)
    }

    /// Whether A sentence `i` and B sentence `j` share a proper name or a figure (not a
    /// small count): what makes a lone sentence found elsewhere the same sentence.
    fn shares_telling_key(&self, i: usize, j: usize) -> bool {
        let (Some(fa), Some(fb)) = (self.fa.get(i), self.fb.get(j)) else {
            return false;
        };
        fa.keys.intersection(&fb.keys).any(|key| match key {
            Key::Number(n) => *n >= 10,
            Key::Year(_) | Key::Percent(_) | Key::Code(_) => true,
            Key::Name(name) => !self.common.contains(name),
            Key::Cognate(_) => false,
        })
    }

    /// Whether A sentences `a` and B sentences `b` both give figures (not small counts)
    /// and share none.
    fn figures_conflict(&self, a: &[usize], b: &[usize]) -> bool {
        let of_a = || a.iter().filter_map(|&i| self.figures_a.get(i)).flatten();
        let of_b = || b.iter().filter_map(|&j| self.figures_b.get(j)).flatten();
        of_a().next().is_some()
            && of_b().next().is_some()
            && !of_a().any(|key| of_b().any(|other| other == key))
    }

    /// The dictionary evidence A sentences `a` share with B sentences `b`: the weight of
    /// the glosses they have in common, summed over every pair (0 for a pair that is not
    /// among each other's gloss candidates).
    fn gloss_evidence(&self, a: &[usize], b: &[usize]) -> f64 {
        let mut total = 0.0;
        for &i in a {
            let Some(list) = self.gloss_candidates.get(i) else {
                continue;
            };
            for &j in b {
                total += list
                    .iter()
                    .find(|(c, _)| *c as usize == j)
                    .map_or(0.0, |(_, score)| *score);
            }
        }
        total
    }

    /// For each A sentence, the B sentences sharing the most gloss weight with it, from an
    /// inverted index of B's glosses (glosses in too many sentences are left out).
    fn find_gloss_candidates(&self) -> Vec<Vec<(u32, f64)>> {
        if !self.has_lexicon {
            return Vec::new();
        }
        let mut postings: Vec<Vec<u32>> = vec![Vec::new(); self.gloss_weights.len()];
        for (j, f) in self.fb.iter().enumerate() {
            for &gloss in &f.glosses {
                postings[gloss as usize].push(j as u32);
            }
        }
        let mut scores: HashMap<u32, f64> = HashMap::new();
        let mut scratch = Vec::new();
        self.fa
            .iter()
            .map(|f| {
                scores.clear();
                for &gloss in &f.glosses {
                    let Some(list) = postings.get(gloss as usize) else {
                        continue;
                    };
                    if list.len() > MAX_GLOSS_POSTINGS {
                        continue;
                    }
                    let weight = self
                        .gloss_weights
                        .get(gloss as usize)
                        .copied()
                        .unwrap_or(0.0);
                    for &j in list {
                        *scores.entry(j).or_default() += weight;
                    }
                }
                best_candidates(&scores, &mut scratch)
            })
            .collect()
    }

    /// The evidence A sentences `a` share with B sentences `b`, summed over every pair.
    fn group_evidence(
        &self,
        a: impl Iterator<Item = usize>,
        b: impl Iterator<Item = usize> + Clone,
    ) -> f64 {
        a.flat_map(|i| b.clone().map(move |j| (i, j)))
            .map(|(i, j)| self.evidence(i, j))
            .sum()
    }

    fn run(&self) -> Vec<AlignedPair> {
        let (na, nb) = (self.fa.len(), self.fb.len());
        let mut anchors = self.anchors();
        let backbone = longest_increasing(&anchors);
        let on_backbone: BTreeSet<(u32, u32)> = backbone.iter().copied().collect();
        // A passage that moved needs stronger proof than one in its place.
        let off_backbone: Vec<(u32, u32)> = anchors
            .iter()
            .copied()
            .filter(|anchor| !on_backbone.contains(anchor))
            .collect();
        // A passage moves as a whole: a moved anchor is kept when a neighbour moved with
        // it, or when it shares a proper name or a figure and enough of its evidence.
        let moves_with_neighbour = |(i, j): (u32, u32)| {
            off_backbone
                .iter()
                .any(|&(oi, oj)| (oi, oj) != (i, j) && oi.abs_diff(i) <= 2 && oj.abs_diff(j) <= 2)
        };
        anchors.retain(|&(i, j)| {
            on_backbone.contains(&(i, j))
                || moves_with_neighbour((i, j))
                || (self.dice(i as usize, j as usize) >= PARAMS.moved_min_dice
                    && self.shares_telling_key(i as usize, j as usize))
        });
        // A rewrite tells its story in another order: many of its anchors sit off the
        // backbone. There lengths say little, and gaps pair only what evidence supports.
        let n_moved = anchors.iter().filter(|a| !on_backbone.contains(a)).count();
        let is_rewrite = n_moved as f64 > REWRITE_MOVED_SHARE * anchors.len().max(1) as f64;
        let mut used_a = vec![false; na];
        let mut used_b = vec![false; nb];
        let mut pairs = Vec::new();
        for &(i, j) in &anchors {
            used_a[i as usize] = true;
            used_b[j as usize] = true;
            pairs.push(AlignedPair {
                a: vec![i],
                b: vec![j],
                score: round(self.evidence(i as usize, j as usize)),
                is_moved: !on_backbone.contains(&(i, j)),
            });
        }
        // Align the gaps between consecutive backbone anchors.
        let mut bounds = vec![(-1i64, -1i64)];
        bounds.extend(backbone.iter().map(|&(i, j)| (i64::from(i), i64::from(j))));
        bounds.push((na as i64, nb as i64));
        for window in bounds.windows(2) {
            let (from, to) = (window[0], window[1]);
            let gap_a: Vec<usize> = ((from.0 + 1)..to.0)
                .map(|i| i as usize)
                .filter(|&i| !used_a[i])
                .collect();
            let gap_b: Vec<usize> = ((from.1 + 1)..to.1)
                .map(|j| j as usize)
                .filter(|&j| !used_b[j])
                .collect();
            pairs.extend(self.align_long_gap(&gap_a, &gap_b, is_rewrite));
        }
        self.grow_pairs(&mut pairs);
        sort_pairs(&mut pairs);
        pairs
    }

    /// Mutually best, confident candidate pairs, in the order of A.
    fn anchors(&self) -> Vec<(u32, u32)> {
        mutually_best(&self.candidates, self.fb.len())
            .into_iter()
            .filter(|&(i, j, score)| self.is_anchor(i as usize, j as usize, score))
            .map(|(i, j, _)| (i, j))
            .collect()
    }

    /// Whether a mutually best pair with `score` is specific and strong enough to anchor.
    fn is_anchor(&self, i: usize, j: usize, score: f64) -> bool {
        score >= PARAMS.anchor_min && self.dice(i, j) >= PARAMS.anchor_min_dice
    }

    /// Anchors inside a gap (positions in `gap_a` and `gap_b`): mutually best among the
    /// candidates near the gap's diagonal only. A passage repeated elsewhere in the text
    /// has two equally good partners there and anchors nothing in the whole text; near
    /// the diagonal of its own gap it has one.
    fn anchors_near_diagonal(&self, gap_a: &[usize], gap_b: &[usize]) -> Vec<(u32, u32)> {
        let (m, n) = (gap_a.len(), gap_b.len());
        let band = band_width(m, n);
        let near: Vec<Vec<(u32, f64)>> = gap_a
            .iter()
            .enumerate()
            .map(|(x, &i)| {
                let expected = (x * n).checked_div(m).unwrap_or(n);
                self.candidates.get(i).map_or_else(Vec::new, |list| {
                    list.iter()
                        .filter_map(|&(j, score)| {
                            let y = gap_b.binary_search(&(j as usize)).ok()?;
                            (y.abs_diff(expected) <= band).then_some((y as u32, score))
                        })
                        .collect()
                })
            })
            .collect();
        let anchors: Vec<(u32, u32)> = mutually_best(&near, n)
            .into_iter()
            .filter(|&(x, y, score)| self.is_anchor(gap_a[x as usize], gap_b[y as usize], score))
            .map(|(x, y, _)| (x, y))
            .collect();
        longest_increasing(&anchors)
    }

    /// Aligns a gap; one longer than [`LONG_GAP`] on both sides is first cut at the
    /// anchors near its diagonal, so repeated content does not leave one gap as long as
    /// the text (and the programme's band) to align by length.
    fn align_long_gap(
        &self,
        gap_a: &[usize],
        gap_b: &[usize],
        is_rewrite: bool,
    ) -> Vec<AlignedPair> {
        if gap_a.len().min(gap_b.len()) < LONG_GAP {
            return self.align_gap(gap_a, gap_b, is_rewrite);
        }
        let mut pairs = Vec::new();
        let (mut x0, mut y0) = (0, 0);
        for (x, y) in self.anchors_near_diagonal(gap_a, gap_b) {
            let (x, y) = (x as usize, y as usize);
            pairs.extend(self.align_gap(&gap_a[x0..x], &gap_b[y0..y], is_rewrite));
            let (i, j) = (gap_a[x], gap_b[y]);
            pairs.push(AlignedPair {
                a: vec![i as u32],
                b: vec![j as u32],
                score: round(self.evidence(i, j)),
                is_moved: false,
            });
            (x0, y0) = (x + 1, y + 1);
        }
        pairs.extend(self.align_gap(&gap_a[x0..], &gap_b[y0..], is_rewrite));
        pairs
    }

    /// Gale–Church length cost of pairing `la` characters of A with `lb` of B, with
    /// `variance` per character.
    fn length_cost(&self, la: usize, lb: usize, variance: f64) -> f64 {
        let la = la.max(1) as f64;
        let lb = lb as f64;
        let delta = (lb - la * self.length_ratio) / (la * variance).sqrt();
        let tail = 2.0 * (1.0 - normal_cdf(delta.abs()));
        -tail.max(1e-9).ln()
    }

    /// The cost of pairing A sentences `a` with B sentences `b` in `mode`.
    fn pair_cost(&self, a: &[usize], b: &[usize], mode: GapMode) -> f64 {
        let la: usize = a.iter().map(|&i| self.fa[i].n_chars).sum();
        let lb: usize = b.iter().map(|&j| self.fb[j].n_chars).sum();
        let one_to_one = a.len() == 1 && b.len() == 1;
        let conflict = if self.figures_conflict(a, b) {
            FIGURE_CONFLICT
        } else {
            0.0
        };
        // Dictionary glosses count as evidence in parallel gaps only: a loose rewrite
        // shares common words with many sentences it does not say.
        let with_glosses = matches!(mode, GapMode::Parallel { .. }) && self.has_lexicon;
        let support = |a: &[usize], b: &[usize]| -> f64 {
            let keys = self.group_evidence(a.iter().copied(), b.iter().copied());
            if with_glosses {
                keys + self.gloss_evidence(a, b)
            } else {
                keys
            }
        };
        let evidence = support(a, b);
        // A sentence joined to a pair must share evidence with the other side itself, or
        // it is an added or dropped sentence next to a pair, not half of one.
        let member_without_evidence = (a.len() > 1
            && a.iter()
                .any(|&i| support(std::slice::from_ref(&i), b) == 0.0))
            || (b.len() > 1
                && b.iter()
                    .any(|&j| support(a, std::slice::from_ref(&j)) == 0.0));
        // Both sides' key weight, to count shared evidence as a share of it (Dice).
        let key_mass: f64 = a.iter().map(|&i| self.mass_a[i]).sum::<f64>()
            + b.iter().map(|&j| self.mass_b[j]).sum::<f64>();
        match mode {
            GapMode::Parallel { has_surplus } => {
                // Gale and Church's priors: 1–1 0.89, 2–1 and 1–2 0.089 together.
                let prior = if one_to_one { 0.117 } else { 3.11 };
                // Where passages were dropped or added, a sentence that shares nothing
                // with the other side (with a dictionary: not even a translated word) is
                // more likely one of them.
                let unsupported = if has_surplus && member_without_evidence {
                    NO_LEXICAL_EVIDENCE
                } else if has_surplus && self.has_lexicon {
                    let lone_a = a.iter().any(|&i| {
                        self.fa[i].n_words >= MIN_WORDS_FOR_LEXICAL_EVIDENCE
                            && support(std::slice::from_ref(&i), b) == 0.0
                    });
                    let lone_b = b.iter().any(|&j| {
                        self.fb[j].n_words >= MIN_WORDS_FOR_LEXICAL_EVIDENCE
                            && support(a, std::slice::from_ref(&j)) == 0.0
                    });
                    if lone_a || lone_b {
                        NO_LEXICAL_EVIDENCE
                    } else {
                        0.0
                    }
                } else {
                    0.0
                };
                // Shared evidence as a share of both sides' (Dice): a sentence joined to
                // a pair without sharing in proportion lowers it, so evidence does not
                // reward merging.
                let mut mass = key_mass;
                if with_glosses {
                    mass += a.iter().map(|&i| self.gloss_mass_a[i]).sum::<f64>()
                        + b.iter().map(|&j| self.gloss_mass_b[j]).sum::<f64>();
                }
                let dice = if mass > 0.0 {
                    2.0 * evidence / mass
                } else {
                    0.0
                };
                self.length_cost(la, lb, PARALLEL_VARIANCE) + prior + conflict + unsupported
                    - PARALLEL_EVIDENCE_GAIN * dice
            }
            GapMode::Loose { is_lone_gap } => {
                let prior = if one_to_one { 0.12 } else { 2.4 };
                // Between two anchors, a single sentence on each side is most likely a
                // translation even without shared words; elsewhere pairing needs evidence,
                // and as much of both sides' evidence as an anchor shares (long sentences
                // that share a common name or two say different things).
                let is_specific =
                    key_mass > 0.0 && 2.0 * evidence / key_mass >= PARAMS.anchor_min_dice;
                if !(is_lone_gap || is_specific) {
                    return f64::INFINITY;
                }
                let no_evidence = if member_without_evidence
                    || !(is_lone_gap || evidence >= PARAMS.min_gap_evidence)
                {
                    PARAMS.no_evidence
                } else {
                    0.0
                };
                self.length_cost(la, lb, PARAMS.length_variance) + prior + no_evidence + conflict
                    - PARAMS.evidence_gain * evidence
            }
        }
    }

    /// Aligns the sentences of a gap (indices into A and B). A gap of a translation
    /// that is not a rewrite and that reads as a faithful translation (lengths in proportion, few sentences left over) is aligned
    /// by length as Gale and Church do; any other gap pairs only what shared evidence
    /// supports, so added or dropped passages stay unaligned.
    fn align_gap(&self, gap_a: &[usize], gap_b: &[usize], is_rewrite: bool) -> Vec<AlignedPair> {
        // Faithful translation keeps the count of sentences close; a passage added or
        // dropped shows as a surplus on one side, which makes leaving sentences out
        // cheaper.
        let (m, n) = (gap_a.len(), gap_b.len());
        let has_surplus = m.abs_diff(n) > 1 + m.max(n) / 10;
        let parallel = self.gap_path(gap_a, gap_b, GapMode::Parallel { has_surplus });
        let steps = parallel.len().max(1) as f64;
        let pair_costs: Vec<f64> = parallel
            .iter()
            .filter(|(dx, dy, _)| *dx > 0 && *dy > 0)
            .map(|(_, _, cost)| *cost)
            .collect();
        let skipped = parallel.len() - pair_costs.len();
        let mean_pair_cost = pair_costs.iter().sum::<f64>() / pair_costs.len().max(1) as f64;
        let skip_allowance = if has_surplus {
            m.abs_diff(n) as f64 / steps + MAX_PARALLEL_SKIPS
        } else {
            MAX_PARALLEL_SKIPS
        };
        // With a surplus, which sentences pair is decided by their lengths alone; a few
        // sentences are too little to tell a faithful stretch from a rewritten one.
        let is_long_enough = !has_surplus || m.min(n) >= MIN_SURPLUS_GAP;
        // In a rewrite, lengths say little: every gap pairs only what evidence supports.
        let looks_parallel = !is_rewrite
            && is_long_enough
            && skipped as f64 <= steps * skip_allowance
            && mean_pair_cost <= MAX_PARALLEL_MEAN_COST;
        if looks_parallel {
            return self.pairs_of_path(gap_a, gap_b, &parallel);
        }
        let is_lone_gap = gap_a.len() == 1 && gap_b.len() == 1;
        let loose = self.gap_path(gap_a, gap_b, GapMode::Loose { is_lone_gap });
        if is_rewrite {
            return self.pairs_of_path(gap_a, gap_b, &loose);
        }
        // The pairs that evidence supports split the gap: what lies between them on both
        // sides is a smaller gap of its own (a heading and a sentence split in two
        // between two supported pairs), aligned again by the same rules.
        let mut pairs = Vec::with_capacity(loose.len());
        let (mut x, mut y) = (0, 0);
        let mut run = 0;
        let is_skip = |&(dx, dy, _): &(usize, usize, f64)| dx == 0 || dy == 0;
        while run < loose.len() {
            let n_steps = if is_skip(&loose[run]) {
                loose[run..].iter().take_while(|step| is_skip(step)).count()
            } else {
                1
            };
            let steps = &loose[run..run + n_steps];
            let (dx, dy) = steps
                .iter()
                .fold((0, 0), |(sx, sy), &(dx, dy, _)| (sx + dx, sy + dy));
            let (sub_a, sub_b) = (&gap_a[x..x + dx], &gap_b[y..y + dy]);
            let is_sub_gap = is_skip(&steps[0]) && dx > 0 && dy > 0 && dx + dy < m + n;
            if is_sub_gap {
                pairs.extend(self.align_gap(sub_a, sub_b, is_rewrite));
            } else {
                pairs.extend(self.pairs_of_path(sub_a, sub_b, steps));
            }
            (x, y, run) = (x + dx, y + dy, run + n_steps);
        }
        pairs
    }

    /// The pairs (and sentences left out) of the `path` through a gap.
    fn pairs_of_path(
        &self,
        gap_a: &[usize],
        gap_b: &[usize],
        path: &[(usize, usize, f64)],
    ) -> Vec<AlignedPair> {
        let (mut x, mut y) = (0, 0);
        let mut pairs = Vec::with_capacity(path.len());
        for &(dx, dy, _) in path {
            let a: Vec<u32> = gap_a[x..x + dx].iter().map(|&i| i as u32).collect();
            let b: Vec<u32> = gap_b[y..y + dy].iter().map(|&j| j as u32).collect();
            let score = self.group_evidence(
                gap_a[x..x + dx].iter().copied(),
                gap_b[y..y + dy].iter().copied(),
            );
            pairs.push(AlignedPair {
                a,
                b,
                score: round(score),
                is_moved: false,
            });
            x += dx;
            y += dy;
        }
        pairs
    }

    /// The cheapest path through a gap as steps `(A sentences, B sentences, cost)` from
    /// its start: a dynamic programme over a band around the diagonal, stored as the band
    /// only, so memory grows with the gap's length, not with the product of its sides.
    fn gap_path(
        &self,
        gap_a: &[usize],
        gap_b: &[usize],
        mode: GapMode,
    ) -> Vec<(usize, usize, f64)> {
        let (m, n) = (gap_a.len(), gap_b.len());
        let skip = match mode {
            GapMode::Parallel { has_surplus: false } => PARALLEL_SKIP,
            GapMode::Parallel { has_surplus: true } => SURPLUS_SKIP,
            GapMode::Loose { .. } => PARAMS.skip,
        };
        let band = band_width(m, n);
        let band_of = |x: usize| {
            let expected = (x * n).checked_div(m).unwrap_or(n);
            (expected.saturating_sub(band), (expected + band).min(n))
        };
        let rows: Vec<(usize, usize)> = (0..=m).map(band_of).collect();
        let mut offsets = Vec::with_capacity(m + 2);
        offsets.push(0usize);
        for &(lo, hi) in &rows {
            offsets.push(offsets.last().copied().unwrap_or(0) + (hi - lo + 1));
        }
        let cells = offsets.last().copied().unwrap_or(0);
        let mut cost = vec![f64::INFINITY; cells];
        let mut back = vec![(0u8, 0u8); cells];
        let at = |x: usize, y: usize| -> Option<usize> {
            let (lo, hi) = rows[x];
            (lo..=hi).contains(&y).then(|| offsets[x] + (y - lo))
        };
        if let Some(origin) = at(0, 0) {
            cost[origin] = 0.0;
        }
        for x in 0..=m {
            let (lo, hi) = rows[x];
            for y in lo..=hi {
                if (x, y) == (0, 0) {
                    continue;
                }
                let mut best = (f64::INFINITY, (0u8, 0u8));
                for (dx, dy) in [(1usize, 0usize), (0, 1), (1, 1), (2, 1), (1, 2)] {
                    if dx > x || dy > y {
                        continue;
                    }
                    let Some(prev) = at(x - dx, y - dy).map(|idx| cost[idx]) else {
                        continue;
                    };
                    if !prev.is_finite() {
                        continue;
                    }
                    let (sa, sb) = (&gap_a[x - dx..x], &gap_b[y - dy..y]);
                    let step = if dx == 0 || dy == 0 {
                        skip
                    } else if !is_consecutive(sa) || !is_consecutive(sb) {
                        // Sentences taken by a moved passage split the gap.
                        f64::INFINITY
                    } else {
                        self.pair_cost(sa, sb, mode)
                    };
                    if prev + step < best.0 {
                        best = (prev + step, (dx as u8, dy as u8));
                    }
                }
                if let Some(idx) = at(x, y) {
                    cost[idx] = best.0;
                    back[idx] = best.1;
                }
            }
        }
        let mut path = Vec::new();
        let (mut x, mut y) = (m, n);
        while x > 0 || y > 0 {
            let idx = at(x, y);
            let (dx, dy) = match idx.map(|idx| back[idx]) {
                Some((dx, dy)) if (dx, dy) != (0, 0) => (dx as usize, dy as usize),
                // Outside the band (cannot happen at the corners): skips.
                _ if x > 0 => (1, 0),
                _ => (0, 1),
            };
            let here = idx.map_or(f64::INFINITY, |idx| cost[idx]);
            let before = at(x - dx, y - dy).map_or(0.0, |idx| cost[idx]);
            path.push((dx, dy, here - before));
            x -= dx;
            y -= dy;
        }
        path.reverse();
        path
    }

    /// Extends 1–1 pairs to 2–1 or 1–2 where a neighbouring unaligned sentence shares
    /// evidence with the other side (a sentence split or merged in translation).
    fn grow_pairs(&self, pairs: &mut Vec<AlignedPair>) {
        let mut lone_a: BTreeSet<u32> = BTreeSet::new();
        let mut lone_b: BTreeSet<u32> = BTreeSet::new();
        for pair in pairs.iter() {
            match (pair.a.as_slice(), pair.b.as_slice()) {
                ([i], []) => {
                    lone_a.insert(*i);
                }
                ([], [j]) => {
                    lone_b.insert(*j);
                }
                _ => {}
            }
        }
        for pair in pairs.iter_mut() {
            let (&[i], &[j]) = (pair.a.as_slice(), pair.b.as_slice()) else {
                continue;
            };
            // Grow at most one side, by at most one sentence.
            // A neighbour joins when it shares evidence and the joined lengths fit
            // better than the pair alone (a sentence split in two, not a dropped one).
            let (la, lb) = (self.fa[i as usize].n_chars, self.fb[j as usize].n_chars);
            let alone = self.length_cost(la, lb, PARALLEL_VARIANCE);
            let mut gain = absorb_neighbour(&mut pair.a, &mut lone_a, |n| {
                let joined = la + self.fa.get(n as usize).map_or(0, |f| f.n_chars);
                let fits = self.length_cost(joined, lb, PARALLEL_VARIANCE) < alone;
                if fits {
                    self.evidence(n as usize, j as usize)
                } else {
                    0.0
                }
            });
            if gain == 0.0 {
                gain = absorb_neighbour(&mut pair.b, &mut lone_b, |n| {
                    let joined = lb + self.fb.get(n as usize).map_or(0, |f| f.n_chars);
                    let fits = self.length_cost(la, joined, PARALLEL_VARIANCE) < alone;
                    if fits {
                        self.evidence(i as usize, n as usize)
                    } else {
                        0.0
                    }
                });
            }
            pair.score = round(pair.score + gain);
        }
        pairs.retain(|pair| match (pair.a.as_slice(), pair.b.as_slice()) {
            ([i], []) => lone_a.contains(i),
            ([], [j]) => lone_b.contains(j),
            _ => true,
        });
    }
}

/// Adds to a one-sentence side the neighbouring unaligned sentence that shares enough
/// evidence with the other side; returns that evidence (0 when none was added).
fn absorb_neighbour(
    side: &mut Vec<u32>,
    lone: &mut BTreeSet<u32>,
    evidence: impl Fn(u32) -> f64,
) -> f64 {
    let &[own] = side.as_slice() else {
        return 0.0;
    };
    for neighbour in [own.wrapping_sub(1), own + 1] {
        let gain = evidence(neighbour);
        if lone.contains(&neighbour) && gain >= PARAMS.min_gap_evidence {
            lone.remove(&neighbour);
            side.push(neighbour);
            side.sort_unstable();
            return gain;
        }
    }
    0.0
}

/// The [`Params::max_candidates`] best of scored candidates, best first (ties by
/// position), in a vector of their own size: the scores of a sentence with common words
/// reach thousands of sentences, and keeping that capacity for every sentence would
/// grow memory with the product of the two texts' lengths.
fn best_candidates(scores: &HashMap<u32, f64>, scratch: &mut Vec<(u32, f64)>) -> Vec<(u32, f64)> {
    let by_rank = |x: &(u32, f64), y: &(u32, f64)| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0));
    scratch.clear();
    scratch.extend(scores.iter().map(|(&j, &score)| (j, score)));
    if scratch.len() > PARAMS.max_candidates {
        scratch.select_nth_unstable_by(PARAMS.max_candidates, by_rank);
        scratch.truncate(PARAMS.max_candidates);
    }
    scratch.sort_unstable_by(by_rank);
    scratch.clone()
}

/// The half-width of the band around a gap's diagonal, for a gap of `m` × `n` sentences.
fn band_width(m: usize, n: usize) -> usize {
    (8 + m.max(n) / 50).min(MAX_BAND)
}

/// Mutually best, clear pairs of ranked candidate lists: `lists[x]` holds `(y, score)`
/// best first, for `y < n`. A pair is kept when `y` is `x`'s best and `x` is `y`'s best, each
/// by a margin of 20% over the runner-up (a sentence with two equally good partners, such
/// as a repeated line, pairs with neither). Returns `(x, y, score)` in the order of `x`.
fn mutually_best(lists: &[Vec<(u32, f64)>], n: usize) -> Vec<(u32, u32, f64)> {
    const MARGIN: f64 = 1.2;
    // For each y: its best x with the score, and the second-best score.
    let mut best_for_y: Vec<(f64, u32)> = vec![(f64::MIN, u32::MAX); n];
    let mut second_for_y: Vec<f64> = vec![f64::MIN; n];
    for (x, list) in lists.iter().enumerate() {
        for &(y, score) in list {
            let (Some(best), Some(second)) = (
                best_for_y.get_mut(y as usize),
                second_for_y.get_mut(y as usize),
            ) else {
                continue;
            };
            // x rises, so on a tie the first x stays best.
            if score > best.0 {
                *second = second.max(best.0);
                *best = (score, x as u32);
            } else {
                *second = second.max(score);
            }
        }
    }
    lists
        .iter()
        .enumerate()
        .filter_map(|(x, list)| {
            let &(y, score) = list.first()?;
            let &(_, best_x) = best_for_y.get(y as usize)?;
            let second = second_for_y.get(y as usize).copied().unwrap_or(f64::MIN);
            let is_clear = list
                .get(1)
                .is_none_or(|&(_, runner_up)| score > runner_up * MARGIN)
                && (second == f64::MIN || score > second * MARGIN);
            (best_x == x as u32 && is_clear).then_some((x as u32, y, score))
        })
        .collect()
}

/// The longest chain of anchors increasing on both sides (patience sorting).
fn longest_increasing(anchors: &[(u32, u32)]) -> Vec<(u32, u32)> {
    // Anchors are sorted by i; find the longest strictly increasing subsequence in j.
    let mut tails: Vec<usize> = Vec::new();
    let mut parent: Vec<Option<usize>> = vec![None; anchors.len()];
    for (idx, &(_, j)) in anchors.iter().enumerate() {
        let pos = tails.partition_point(|&t| anchors[t].1 < j);
        parent[idx] = pos.checked_sub(1).map(|p| tails[p]);
        if pos == tails.len() {
            tails.push(idx);
        } else {
            tails[pos] = idx;
        }
    }
    let mut chain = Vec::new();
    let mut cursor = tails.last().copied();
    while let Some(idx) = cursor {
        chain.push(anchors[idx]);
        cursor = parent[idx];
    }
    chain.reverse();
    chain
}

/// Orders pairs by their A sentences; B-only pairs follow the pair holding the B sentence
/// before them.
fn sort_pairs(pairs: &mut [AlignedPair]) {
    let mut a_of_b: HashMap<u32, u32> = HashMap::new();
    for pair in pairs.iter() {
        if let Some(&i) = pair.a.first() {
            for &j in &pair.b {
                a_of_b.insert(j, i);
            }
        }
    }
    let position = |pair: &AlignedPair| -> (u64, u64) {
        match (pair.a.first(), pair.b.first()) {
            (Some(&i), _) => (
                u64::from(i) * 2 + 1,
                pair.b.first().map_or(0, |&j| u64::from(j)),
            ),
            (None, Some(&j)) => {
                let before = (0..j).rev().find_map(|prev| a_of_b.get(&prev)).copied();
                (before.map_or(0, |i| u64::from(i) * 2 + 2), u64::from(j))
            }
            (None, None) => (0, 0),
        }
    };
    pairs.sort_by_key(position);
}

fn round(score: f64) -> f64 {
    // `+ 0.0` turns the -0.0 of an empty sum into 0.0.
    (score * 100.0).round() / 100.0 + 0.0
}

fn is_consecutive(ids: &[usize]) -> bool {
    ids.windows(2).all(|w| w[1] == w[0] + 1)
}

/// The standard normal distribution function (Abramowitz–Stegun 7.1.26 for erf).
fn normal_cdf(x: f64) -> f64 {
    let z = x / std::f64::consts::SQRT_2;
    let t = 1.0 / (1.0 + 0.327_591_1 * z.abs());
    let poly = t
        * (0.254_829_592
            + t * (-0.284_496_736
                + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))));
    let erf = 1.0 - poly * (-z * z).exp();
    let erf = if z >= 0.0 { erf } else { -erf };
    0.5 * (1.0 + erf)
}

/// The sentences of a document as plain strings (inner newlines as spaces).
pub fn sentence_texts(doc: &crate::model::Document) -> Vec<String> {
    (0..doc.sentences().len())
        .map(|idx| {
            doc.sentence_text(crate::model::SentenceId(idx as u32))
                .unwrap_or_default()
                .replace('\n', " ")
        })
        .collect()
}

/// Aligns two documents of a session, with an installed dictionary for their languages.
pub fn align_documents(a: &crate::model::Document, b: &crate::model::Document) -> Vec<AlignedPair> {
    let (ta, tb) = (sentence_texts(a), sentence_texts(b));
    let ra: Vec<&str> = ta.iter().map(String::as_str).collect();
    let rb: Vec<&str> = tb.iter().map(String::as_str).collect();
    // A dictionary that cannot be read is left out: alignment works without one.
    let lexicon = installed_lexicon(&ra, &rb, &a.language, &b.language)
        .ok()
        .flatten();
    let languages = Languages {
        a: &a.language,
        b: &b.language,
    };
    align_with_lexicon(&ra, &rb, languages, lexicon.as_ref())
}

/// The divergences of an alignment of two documents.
pub fn document_divergences(
    a: &crate::model::Document,
    b: &crate::model::Document,
    pairs: &[AlignedPair],
) -> Vec<Divergence> {
    let (ta, tb) = (sentence_texts(a), sentence_texts(b));
    let ra: Vec<&str> = ta.iter().map(String::as_str).collect();
    let rb: Vec<&str> = tb.iter().map(String::as_str).collect();
    let languages = Languages {
        a: &a.language,
        b: &b.language,
    };
    divergences(&ra, &rb, languages, pairs)
}

/// The sentences of `claim`'s counterpart: the other document of an alignment that
/// includes the claim's document, and the sentences aligned with the claim's.
pub fn counterpart_sentences(
    session: &crate::model::Session,
    claim: &crate::model::Claim,
) -> Option<(
    crate::model::DocId,
    crate::model::SentenceId,
    crate::model::SentenceId,
)> {
    let alignment = session
        .alignments()
        .iter()
        .find(|al| al.a == claim.doc || al.b == claim.doc)?;
    let (side, other) = if alignment.a == claim.doc {
        (Side::A, alignment.b)
    } else {
        (Side::B, alignment.a)
    };
    let mut targets: Vec<u32> = (claim.anchor.first.0..=claim.anchor.last.0)
        .filter_map(|sentence| pair_of(&alignment.pairs, side, sentence))
        .flat_map(|idx| match side {
            Side::A => alignment.pairs[idx].b.clone(),
            Side::B => alignment.pairs[idx].a.clone(),
        })
        .collect();
    targets.sort_unstable();
    let (first, last) = (*targets.first()?, *targets.last()?);
    Some((
        other,
        crate::model::SentenceId(first),
        crate::model::SentenceId(last),
    ))
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
            for &id in ids {
                if let Some(f) = feats.get(id as usize) {
                    merged.keys.extend(f.keys.iter().cloned());
                    merged.quotes.extend(f.quotes.iter().cloned());
                    merged.n_chars += f.n_chars;
                }
            }
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
fn writes(ids: &[u32], folded: &[String], name: &str) -> bool {
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

fn show_key(key: &Key) -> String {
    match key {
        Key::Number(n) => n.to_string(),
        Key::Year(y) => y.to_string(),
        Key::Percent(p) => format!("{p}%"),
        Key::Name(name) | Key::Cognate(name) | Key::Code(name) => name.clone(),
    }
}

/// What differs, in words: "A has year 2020, B has 2021", "name france only in B".
fn describe_sides(label: &str, only_a: &[String], only_b: &[String]) -> String {
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
const MIN_LONE_QUOTE_WORDS: usize = 3;

/// Quotations that say something else on the other side, or have no counterpart.
///
/// Quotations are paired first by the same text (a path, a command), then by shared
/// keys (a figure, a name, a word stem), then in order. A pair differs when one
/// quotation has a telling key (a figure, a proper name both documents use) the other
/// lacks: a translated quotation shares no words, but it keeps its figures and names.
/// A quotation left without a partner is flagged when it is a phrase, not a term.
/// A quotation left without a partner that the other side says unquoted (the French
/// version quoting the English term it translates) is no divergence either.
fn quote_divergence(
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

fn excerpt(text: &str) -> String {
    const MAX: usize = 80;
    if text.chars().count() <= MAX {
        return text.to_owned();
    }
    let cut: String = text.chars().take(MAX).collect();
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
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
