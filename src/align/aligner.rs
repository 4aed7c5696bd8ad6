//! The aligner's first two steps: candidate pairs from shared keys and dictionary
//! glosses, anchors (mutually best, confident pairs), and the backbone (the longest run of
//! anchors in the same order on both sides).
use std::collections::{BTreeSet, HashMap};

use super::features::{Features, Key};
use super::params::*;
use crate::model::alignment::AlignedPair;

pub(super) struct Aligner<'f> {
    pub(super) fa: &'f [Features],
    pub(super) fb: &'f [Features],
    pub(super) weights: HashMap<&'f Key, f64>,
    /// For each A sentence, its best candidates in B: (j, evidence).
    pub(super) candidates: Vec<Vec<(u32, f64)>>,
    /// Characters of B per character of A, over the whole texts.
    pub(super) length_ratio: f64,
    /// Words either document writes in lower case: no proper names.
    pub(super) common: std::collections::HashSet<String>,
    /// Whether sentences have dictionary glosses.
    pub(super) has_lexicon: bool,
    /// Each sentence's figures (not small counts), for conflicts.
    pub(super) figures_a: Vec<Vec<Key>>,
    pub(super) figures_b: Vec<Vec<Key>>,
    /// Weight of each gloss (rarer weighs more), and each sentence's gloss weight.
    pub(super) gloss_weights: Vec<f64>,
    /// For each A sentence, its best gloss candidates in B: (j, gloss evidence), in the
    /// order of B (only looked up, by bisection).
    pub(super) gloss_candidates: Vec<Vec<(u32, f64)>>,
    pub(super) gloss_mass_a: Vec<f64>,
    pub(super) gloss_mass_b: Vec<f64>,
    /// Total key weight of each A sentence and each B sentence.
    pub(super) mass_a: Vec<f64>,
    pub(super) mass_b: Vec<f64>,
}

impl<'f> Aligner<'f> {
    pub(super) fn new(
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
        for list in &mut aligner.gloss_candidates {
            list.sort_unstable_by_key(|&(j, _)| j);
        }
        aligner
    }

    /// Candidate pairs from an inverted index of B's keys.
    pub(super) fn find_candidates(&self) -> Vec<Vec<(u32, f64)>> {
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
    pub(super) fn dice(&self, i: usize, j: usize) -> f64 {
        let total =
            self.mass_a.get(i).copied().unwrap_or(0.0) + self.mass_b.get(j).copied().unwrap_or(0.0);
        if total <= 0.0 {
            return 0.0;
        }
        2.0 * self.evidence(i, j) / total
    }

    /// The shared evidence of A sentence `i` and B sentence `j` (0 when not a candidate).
    pub(super) fn evidence(&self, i: usize, j: usize) -> f64 {
        self.candidates
            .get(i)
            .and_then(|list| list.iter().find(|(c, _)| *c as usize == j))
            .map_or(0.0, |(_, score)| *score)
    }

    /// The dictionary evidence of A sentence `i` and B sentence `j` (0 when not a gloss
    /// candidate).
    pub(super) fn pair_gloss_evidence(&self, i: usize, j: usize) -> f64 {
        let Some(list) = self.gloss_candidates.get(i) else {
            return 0.0;
        };
        u32::try_from(j)
            .ok()
            .and_then(|j| list.binary_search_by_key(&j, |&(c, _)| c).ok())
            .map_or(0.0, |at| list[at].1)
    }

    /// Whether A sentence `i` and B sentence `j` share a proper name or a figure (not a
    /// small count): what makes a lone sentence found elsewhere the same sentence.
    pub(super) fn shares_telling_key(&self, i: usize, j: usize) -> bool {
        let (Some(fa), Some(fb)) = (self.fa.get(i), self.fb.get(j)) else {
            return false;
        };
        fa.keys.intersection(&fb.keys).any(|key| match key {
            Key::Number(n) => *n >= 10,
            Key::Year(_) | Key::Percent(_) | Key::Code(_) => true,
            Key::Name(name) => !self.common.contains(name.as_str()),
            Key::Cognate(_) => false,
        })
    }

    /// Whether A sentences `a` and B sentences `b` both give figures (not small counts)
    /// and share none.
    pub(super) fn figures_conflict(&self, a: &[usize], b: &[usize]) -> bool {
        let of_a = || a.iter().filter_map(|&i| self.figures_a.get(i)).flatten();
        let of_b = || b.iter().filter_map(|&j| self.figures_b.get(j)).flatten();
        of_a().next().is_some()
            && of_b().next().is_some()
            && !of_a().any(|key| of_b().any(|other| other == key))
    }

    /// The dictionary evidence A sentences `a` share with B sentences `b`: the weight of
    /// the glosses they have in common, summed over every pair (0 for a pair that is not
    /// among each other's gloss candidates).
    pub(super) fn gloss_evidence(&self, a: &[usize], b: &[usize]) -> f64 {
        a.iter()
            .flat_map(|&i| b.iter().map(move |&j| self.pair_gloss_evidence(i, j)))
            .sum()
    }

    /// For each A sentence, the B sentences sharing the most gloss weight with it, from an
    /// inverted index of B's glosses (glosses in too many sentences are left out).
    pub(super) fn find_gloss_candidates(&self) -> Vec<Vec<(u32, f64)>> {
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
    pub(super) fn group_evidence(
        &self,
        a: impl Iterator<Item = usize>,
        b: impl Iterator<Item = usize> + Clone,
    ) -> f64 {
        a.flat_map(|i| b.clone().map(move |j| (i, j)))
            .map(|(i, j)| self.evidence(i, j))
            .sum()
    }

    pub(super) fn run(&self) -> Vec<AlignedPair> {
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
    pub(super) fn anchors(&self) -> Vec<(u32, u32)> {
        mutually_best(&self.candidates, self.fb.len())
            .into_iter()
            .filter(|&(i, j, score)| self.is_anchor(i as usize, j as usize, score))
            .map(|(i, j, _)| (i, j))
            .collect()
    }

    /// Whether a mutually best pair with `score` is specific and strong enough to anchor.
    pub(super) fn is_anchor(&self, i: usize, j: usize, score: f64) -> bool {
        score >= PARAMS.anchor_min && self.dice(i, j) >= PARAMS.anchor_min_dice
    }

    /// Anchors inside a gap (positions in `gap_a` and `gap_b`): mutually best among the
    /// candidates near the gap's diagonal only. A passage repeated elsewhere in the text
    /// has two equally good partners there and anchors nothing in the whole text; near
    /// the diagonal of its own gap it has one.
    pub(super) fn anchors_near_diagonal(
        &self,
        gap_a: &[usize],
        gap_b: &[usize],
    ) -> Vec<(u32, u32)> {
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
}

/// The [`Params::max_candidates`] best of scored candidates, best first (ties by
/// position), in a vector of their own size: the scores of a sentence with common words
/// reach thousands of sentences, and keeping that capacity for every sentence would
/// grow memory with the product of the two texts' lengths.
pub(super) fn best_candidates(
    scores: &HashMap<u32, f64>,
    scratch: &mut Vec<(u32, f64)>,
) -> Vec<(u32, f64)> {
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

/// A gap so long that this band would exceed [`MAX_BAND_CELLS`] gets a narrower one:
/// such a gap has no anchor in thousands of sentences (unrelated or repeated text), and
/// the programme's time must stay linear in its length.
pub(super) fn band_width(m: usize, n: usize) -> usize {
    let longest = m.max(n).max(1);
    (8 + longest / 50)
        .min(MAX_BAND)
        .min((MAX_BAND_CELLS / longest).max(MIN_BAND))
}

/// Mutually best, clear pairs of ranked candidate lists: `lists[x]` holds `(y, score)`
/// best first, for `y < n`. A pair is kept when `y` is `x`'s best and `x` is `y`'s best, each
/// by a margin of 20% over the runner-up (a sentence with two equally good partners, such
/// as a repeated line, pairs with neither). Returns `(x, y, score)` in the order of `x`.
pub(super) fn mutually_best(lists: &[Vec<(u32, f64)>], n: usize) -> Vec<(u32, u32, f64)> {
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
pub(super) fn longest_increasing(anchors: &[(u32, u32)]) -> Vec<(u32, u32)> {
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
/// before them. Linear in the pairs and B sentences besides the sort: the pair before a
/// B-only sentence is looked up in one table built up front, never by walking back (a
/// text whose B side is mostly unaligned made that walk quadratic).
pub(super) fn sort_pairs(pairs: &mut [AlignedPair]) {
    let n_b = pairs
        .iter()
        .flat_map(|pair| pair.b.iter())
        .map(|&j| j as usize + 1)
        .max()
        .unwrap_or(0);
    // `a_of_b[j]`: the first A sentence of the pair holding B sentence `j`, if it has one.
    let mut a_of_b: Vec<Option<u32>> = vec![None; n_b];
    for pair in pairs.iter() {
        if let Some(&i) = pair.a.first() {
            for &j in &pair.b {
                a_of_b[j as usize] = Some(i);
            }
        }
    }
    // `a_before_b[j]`: the same for the nearest B sentence before `j` that has one.
    let mut a_before_b: Vec<Option<u32>> = Vec::with_capacity(n_b);
    let mut last = None;
    for a in &a_of_b {
        a_before_b.push(last);
        last = a.or(last);
    }
    let position = |pair: &AlignedPair| -> (u64, u64) {
        match (pair.a.first(), pair.b.first()) {
            (Some(&i), _) => (
                u64::from(i) * 2 + 1,
                pair.b.first().map_or(0, |&j| u64::from(j)),
            ),
            (None, Some(&j)) => {
                let before = a_before_b.get(j as usize).copied().flatten();
                (before.map_or(0, |i| u64::from(i) * 2 + 2), u64::from(j))
            }
            (None, None) => (0, 0),
        }
    };
    pairs.sort_by_cached_key(position);
}

pub(super) fn round(score: f64) -> f64 {
    // `+ 0.0` turns the -0.0 of an empty sum into 0.0.
    (score * 100.0).round() / 100.0 + 0.0
}
