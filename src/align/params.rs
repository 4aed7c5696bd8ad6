//! The aligner's tuning: its parameters and the constants of its costs.

/// Tuning of the aligner.
#[derive(Clone, Copy, Debug)]
pub(super) struct Params {
    /// Least evidence for a pair to be an anchor.
    pub(super) anchor_min: f64,
    /// Cost of leaving a sentence unaligned.
    pub(super) skip: f64,
    /// Extra cost of pairing sentences (outside a one-to-one gap) that share less
    /// evidence than `min_gap_evidence`.
    pub(super) no_evidence: f64,
    pub(super) min_gap_evidence: f64,
    /// Least share of the two sentences' evidence that an anchor must have in common
    /// (Dice over key weights), so long sentences do not match on common names alone.
    pub(super) anchor_min_dice: f64,
    /// The same for anchors off the backbone (moved passages), which need more proof.
    pub(super) moved_min_dice: f64,
    /// How much shared evidence lowers a pair's cost.
    pub(super) evidence_gain: f64,
    /// Variance per character of the length model (loose translations vary a lot).
    pub(super) length_variance: f64,
    /// Keys in more sentences than this are too common to generate candidates.
    pub(super) max_postings: usize,
    /// Candidates kept per sentence.
    pub(super) max_candidates: usize,
}

/// How a gap is aligned.
#[derive(Clone, Copy, Debug)]
pub(super) enum GapMode {
    /// As a faithful translation: by length, Gale and Church's way (leaving sentences
    /// out is cheaper when one side has a surplus).
    Parallel { has_surplus: bool },
    /// As loose rewriting: pairs need shared evidence (except a lone 1×1 gap).
    Loose { is_lone_gap: bool },
}

/// Gale and Church's variance of B's length per character of A.
pub(super) const PARALLEL_VARIANCE: f64 = 6.8;
/// Leaving a sentence out in a parallel gap: Gale and Church's 1–0 prior (0.0099 / 2).
pub(super) const PARALLEL_SKIP: f64 = 5.3;
/// The fewest sentences on the shorter side of a gap with a surplus for it to be
/// aligned by length.
pub(super) const MIN_SURPLUS_GAP: usize = 8;
/// Leaving a sentence out of a gap with a surplus on one side.
pub(super) const SURPLUS_SKIP: f64 = 2.0;
/// A gap reads as parallel when at most this share of its steps leave a sentence out...
pub(super) const MAX_PARALLEL_SKIPS: f64 = 0.25;
/// ...and its pairs cost at most this on average (a length deviation of about one
/// standard deviation each).
pub(super) const MAX_PARALLEL_MEAN_COST: f64 = 1.6;
/// Glosses in more B sentences than this are too common to find candidates by.
pub(super) const MAX_GLOSS_POSTINGS: usize = 256;
/// The weight of a dictionary gloss against a key of the same rarity.
pub(super) const GLOSS_WEIGHT: f64 = 1.0;
/// How much shared evidence (as a Dice share) lowers a pair's cost in a parallel gap.
pub(super) const PARALLEL_EVIDENCE_GAIN: f64 = 6.0;
/// Pairing sentences that both give figures and share none (10.3.4 and 10.3.5, 1990
/// and 2011): they say different things.
pub(super) const FIGURE_CONFLICT: f64 = 8.0;
/// Pairing, in a gap where passages were added or dropped, a sentence joined to a pair
/// that shares no evidence with the other side, or (with a dictionary) a sentence of
/// this many content words or more that shares none.
pub(super) const MIN_WORDS_FOR_LEXICAL_EVIDENCE: usize = 4;
pub(super) const NO_LEXICAL_EVIDENCE: f64 = 4.0;
/// A translation is read as a rewrite when more than this share of its anchors sit off
/// the backbone (passages told in another order).
pub(super) const REWRITE_MOVED_SHARE: f64 = 0.2;
/// The widest band of the gap programme on either side of the diagonal.
pub(super) const MAX_BAND: usize = 256;
/// The band's half-width times the gap's length stays under this (gaps of more than
/// 4,096 sentences get a narrower band), and the band is never narrower than
/// [`MIN_BAND`].
pub(super) const MAX_BAND_CELLS: usize = 1 << 20;
pub(super) const MIN_BAND: usize = 8;
/// A gap with at least this many sentences on both sides is cut at anchors near its
/// diagonal before it is aligned.
pub(super) const LONG_GAP: usize = 64;
/// The sub-gaps of a gap may take this many times the gap's own dynamic programme cells
/// (plus [`MIN_GAP_WORK`]): alignment stays linear in a gap's length times its band.
pub(super) const SUB_GAP_WORK: usize = 2;
/// Cells that sub-gaps may always take: short gaps are aligned again without a limit.
pub(super) const MIN_GAP_WORK: usize = 1 << 16;

pub(super) const PARAMS: Params = Params {
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
