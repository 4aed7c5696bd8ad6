//! The aligner's third step: between backbone anchors, a banded dynamic programme in the
//! manner of Gale and Church aligns what is left (1–1, 1–2, 2–1, 1–0, 0–1), and lone
//! sentences are absorbed by a neighbouring pair when that reads better.
use std::collections::BTreeSet;

use super::aligner::{Aligner, band_width, round};
use super::params::*;
use crate::model::alignment::AlignedPair;

impl Aligner<'_> {
    /// Aligns a gap; one longer than [`LONG_GAP`] on both sides is first cut at the
    /// anchors near its diagonal, so repeated content does not leave one gap as long as
    /// the text (and the programme's band) to align by length.
    pub(super) fn align_long_gap(
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
    pub(super) fn length_cost(&self, la: usize, lb: usize, variance: f64) -> f64 {
        let la = la.max(1) as f64;
        let lb = lb as f64;
        let delta = (lb - la * self.length_ratio) / (la * variance).sqrt();
        let tail = 2.0 * (1.0 - normal_cdf(delta.abs()));
        -tail.max(1e-9).ln()
    }

    /// The cost of pairing A sentences `a` with B sentences `b` in `mode`.
    pub(super) fn pair_cost(&self, a: &[usize], b: &[usize], mode: GapMode) -> f64 {
        let la: usize = a.iter().map(|&i| self.fa[i].n_chars).sum();
        let lb: usize = b.iter().map(|&j| self.fb[j].n_chars).sum();
        let one_to_one = a.len() == 1 && b.len() == 1;
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
        // Both sides' key weight, to count shared evidence as a share of it (Dice).
        let key_mass: f64 = a.iter().map(|&i| self.mass_a[i]).sum::<f64>()
            + b.iter().map(|&j| self.mass_b[j]).sum::<f64>();
        if let GapMode::Loose { is_lone_gap } = mode {
            // Between two anchors, a single sentence on each side is most likely a
            // translation even without shared words; elsewhere pairing needs evidence,
            // and as much of both sides' evidence as an anchor shares (long sentences
            // that share a common name or two say different things). Most cells of a
            // long gap share nothing: they are priced here, before anything else.
            let is_specific = key_mass > 0.0 && 2.0 * evidence / key_mass >= PARAMS.anchor_min_dice;
            if !(is_lone_gap || is_specific) {
                return f64::INFINITY;
            }
        }
        let conflict = if self.figures_conflict(a, b) {
            FIGURE_CONFLICT
        } else {
            0.0
        };
        // What a member of a side shares with the other side (for one sentence a side,
        // the pair's evidence: not looked up again).
        let member_support = |member: usize, is_a: bool| -> f64 {
            match (a.len(), b.len()) {
                (1, 1) => evidence,
                _ if is_a => support(std::slice::from_ref(&member), b),
                _ => support(a, std::slice::from_ref(&member)),
            }
        };
        // A sentence joined to a pair must share evidence with the other side itself, or
        // it is an added or dropped sentence next to a pair, not half of one.
        let member_without_evidence = (a.len() > 1
            && a.iter().any(|&i| member_support(i, true) == 0.0))
            || (b.len() > 1 && b.iter().any(|&j| member_support(j, false) == 0.0));
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
                            && member_support(i, true) == 0.0
                    });
                    let lone_b = b.iter().any(|&j| {
                        self.fb[j].n_words >= MIN_WORDS_FOR_LEXICAL_EVIDENCE
                            && member_support(j, false) == 0.0
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
    pub(super) fn align_gap(
        &self,
        gap_a: &[usize],
        gap_b: &[usize],
        is_rewrite: bool,
    ) -> Vec<AlignedPair> {
        let cells = path_cells(gap_a.len(), gap_b.len());
        let mut budget = 2 * cells * (1 + SUB_GAP_WORK) + MIN_GAP_WORK;
        self.align_gap_within(gap_a, gap_b, is_rewrite, &mut budget)
    }

    /// [`Self::align_gap`] with `budget` cells of dynamic programme left for the sub-gaps
    /// it aligns again. A sub-gap is nearly as long as its gap when evidence supports only
    /// a pair or two of it (a rewrite, or unrelated text); aligning each such remainder
    /// again, one pair shorter each time, took time quadratic in the gap. Past the budget,
    /// a sub-gap keeps the path that evidence found through it.
    fn align_gap_within(
        &self,
        gap_a: &[usize],
        gap_b: &[usize],
        is_rewrite: bool,
        budget: &mut usize,
    ) -> Vec<AlignedPair> {
        *budget = budget.saturating_sub(2 * path_cells(gap_a.len(), gap_b.len()));
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
            if is_sub_gap && 2 * path_cells(dx, dy) <= *budget {
                pairs.extend(self.align_gap_within(sub_a, sub_b, is_rewrite, budget));
            } else {
                pairs.extend(self.pairs_of_path(sub_a, sub_b, steps));
            }
            (x, y, run) = (x + dx, y + dy, run + n_steps);
        }
        pairs
    }

    /// The pairs (and sentences left out) of the `path` through a gap.
    pub(super) fn pairs_of_path(
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
    pub(super) fn gap_path(
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
    pub(super) fn grow_pairs(&self, pairs: &mut Vec<AlignedPair>) {
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

/// The cells of [`Aligner::gap_path`]'s programme over a gap of `m` × `n` sentences.
pub(super) fn path_cells(m: usize, n: usize) -> usize {
    (m + 1) * (2 * band_width(m, n) + 1)
}

/// Adds to a one-sentence side the neighbouring unaligned sentence that shares enough
/// evidence with the other side; returns that evidence (0 when none was added).
pub(super) fn absorb_neighbour(
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

pub(super) fn is_consecutive(ids: &[usize]) -> bool {
    ids.windows(2).all(|w| w[1] == w[0] + 1)
}

/// The standard normal distribution function (Abramowitz–Stegun 7.1.26 for erf).
pub(super) fn normal_cdf(x: f64) -> f64 {
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
