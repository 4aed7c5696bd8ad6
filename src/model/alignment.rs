//! Sentence alignments between an original and its translation, and the hand corrections
//! a reviewer makes to them (merging a row with the next, splitting a row).

use serde::{Deserialize, Serialize};

use super::ids::DocId;

/// Sentences of A aligned with sentences of B (either side may be empty: unaligned).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AlignedPair {
    /// Sentence indices in A, ascending and consecutive.
    pub a: Vec<u32>,
    /// Sentence indices in B, ascending and consecutive.
    pub b: Vec<u32>,
    /// The weight of the evidence shared by the two sides (0 when none).
    pub score: f64,
    /// Whether this pair sits out of order: a passage that moved.
    #[serde(default, rename = "moved")]
    pub is_moved: bool,
}

/// Which document of an alignment a sentence is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    A,
    B,
}

/// The pair holding sentence `sentence` of `side`.
pub fn pair_of(pairs: &[AlignedPair], side: Side, sentence: u32) -> Option<usize> {
    pairs.iter().position(|pair| match side {
        Side::A => pair.a.contains(&sentence),
        Side::B => pair.b.contains(&sentence),
    })
}

/// Pair `idx` merged with the pair after it; `None` when the result would not be
/// consecutive sentences on each side.
pub fn merge_with_next(pairs: &[AlignedPair], idx: usize) -> Option<Vec<AlignedPair>> {
    if !can_merge_with_next(pairs, idx) {
        return None;
    }
    let (first, second) = (pairs.get(idx)?, pairs.get(idx + 1)?);
    let mut a: Vec<u32> = first.a.iter().chain(&second.a).copied().collect();
    let mut b: Vec<u32> = first.b.iter().chain(&second.b).copied().collect();
    a.sort_unstable();
    b.sort_unstable();
    let merged = AlignedPair {
        a,
        b,
        score: first.score + second.score,
        is_moved: false,
    };
    let mut out = pairs.to_vec();
    out.splice(idx..idx + 2, [merged]);
    Some(out)
}

/// Whether pair `idx` and the next one can merge: each side stays one run of consecutive
/// sentences. Allocates nothing (the parallel view asks for every visible row each frame).
pub fn can_merge_with_next(pairs: &[AlignedPair], idx: usize) -> bool {
    let (Some(first), Some(second)) = (pairs.get(idx), pairs.get(idx + 1)) else {
        return false;
    };
    let joins = |x: &[u32], y: &[u32]| match (x.first(), x.last(), y.first(), y.last()) {
        (Some(_), Some(&x_last), Some(&y_first), Some(_)) if x_last + 1 == y_first => true,
        (Some(&x_first), Some(_), Some(_), Some(&y_last)) => y_last + 1 == x_first,
        _ => true, // One side is empty.
    };
    joins(&first.a, &second.a) && joins(&first.b, &second.b)
}

/// Whether pair `idx` can be split: it has sentences on both sides.
pub fn can_split(pairs: &[AlignedPair], idx: usize) -> bool {
    pairs
        .get(idx)
        .is_some_and(|pair| !pair.a.is_empty() && !pair.b.is_empty())
}

/// Pair `idx` split: its first sentences pair up and the rest stand alone; a one-to-one
/// pair becomes two unaligned sentences. `None` when there is nothing to split.
pub fn split_pair(pairs: &[AlignedPair], idx: usize) -> Option<Vec<AlignedPair>> {
    if !can_split(pairs, idx) {
        return None;
    }
    let pair = pairs.get(idx)?;
    let lone = |a: &[u32], b: &[u32]| AlignedPair {
        a: a.to_vec(),
        b: b.to_vec(),
        score: 0.0,
        is_moved: false,
    };
    let parts = match (pair.a.as_slice(), pair.b.as_slice()) {
        ([i], [j]) => vec![lone(&[*i], &[]), lone(&[], &[*j])],
        ([i, rest_a @ ..], [j, rest_b @ ..]) => {
            let mut parts = vec![lone(&[*i], &[*j])];
            if !rest_a.is_empty() || !rest_b.is_empty() {
                parts.push(lone(rest_a, rest_b));
            }
            parts
        }
        _ => return None,
    };
    let mut out = pairs.to_vec();
    out.splice(idx..=idx, parts);
    Some(out)
}

/// How the sentences of document `a` (an original) line up with those of `b` (its
/// translation or another version). Read from a file through [`StoredAlignment`], which
/// checks the saved ranges against the documents before expanding them.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Alignment {
    pub a: DocId,
    pub b: DocId,
    /// Saved compactly, one line per pair: `(11..13, 25..26, 26.65, true)`.
    #[serde(serialize_with = "stored_pairs::serialize")]
    pub pairs: Vec<AlignedPair>,
    /// Whether a reviewer corrected it by hand (re-aligning would lose that).
    #[serde(default)]
    pub is_edited: bool,
}

/// An alignment as read from a file: each side of a pair is still a range, so nothing is
/// allocated for it until [`StoredAlignment::expand`] has checked it against the
/// documents (a hand-edited `0..4294967295` must not allocate 16 GB).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Alignment")]
pub struct StoredAlignment {
    pub a: DocId,
    pub b: DocId,
    pairs: Vec<stored_pairs::StoredPair>,
    #[serde(default)]
    is_edited: bool,
}

impl From<&Alignment> for StoredAlignment {
    fn from(alignment: &Alignment) -> Self {
        StoredAlignment {
            a: alignment.a,
            b: alignment.b,
            pairs: alignment.pairs.iter().map(stored_pairs::stored).collect(),
            is_edited: alignment.is_edited,
        }
    }
}

impl StoredAlignment {
    /// How many rows the alignment has.
    pub fn n_pairs(&self) -> usize {
        self.pairs.len()
    }

    /// Whether a reviewer corrected it by hand.
    pub fn is_edited(&self) -> bool {
        self.is_edited
    }

    /// The alignment with its ranges expanded, when document `a` has `n_a` sentences and
    /// `b` has `n_b`; otherwise what is wrong, by pair. Every sentence may sit in at most
    /// one pair, so the expansion is never larger than the two documents.
    pub fn expand(self, n_a: usize, n_b: usize) -> Result<Alignment, String> {
        let mut used_a = vec![false; n_a];
        let mut used_b = vec![false; n_b];
        let mut pairs = Vec::with_capacity(self.pairs.len());
        for (idx, stored) in self.pairs.into_iter().enumerate() {
            let a = take_sentences(&stored.0, &mut used_a)
                .map_err(|problem| format!("pair {idx}: A {problem} ({n_a} sentences)"))?;
            let b = take_sentences(&stored.1, &mut used_b)
                .map_err(|problem| format!("pair {idx}: B {problem} ({n_b} sentences)"))?;
            pairs.push(AlignedPair {
                a,
                b,
                score: stored.2,
                is_moved: stored.3,
            });
        }
        Ok(Alignment {
            a: self.a,
            b: self.b,
            pairs,
            is_edited: self.is_edited,
        })
    }
}

/// The sentence indices of `range`, marked used; refused when the range is reversed,
/// reaches past the document or names a sentence an earlier pair already has.
fn take_sentences(range: &std::ops::Range<u32>, used: &mut [bool]) -> Result<Vec<u32>, String> {
    let (start, end) = (range.start as usize, range.end as usize);
    if start > end {
        return Err(format!("range {}..{} is reversed", range.start, range.end));
    }
    let Some(slots) = used.get_mut(start..end) else {
        return Err(format!(
            "range {}..{} reaches past the last sentence",
            range.start, range.end
        ));
    };
    if let Some(offset) = slots.iter().position(|&taken| taken) {
        return Err(format!(
            "sentence {} is already in an earlier pair",
            start + offset
        ));
    }
    slots.fill(true);
    Ok(range.clone().collect())
}

/// Aligned pairs as saved: each side a range of consecutive sentences, one line per pair.
mod stored_pairs {
    use std::ops::Range;

    use serde::{Deserialize, Serialize, Serializer};

    use super::AlignedPair;

    /// `(A sentences, B sentences, score, moved)`: one line per pair in the file.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    pub(super) struct StoredPair(
        pub(super) Range<u32>,
        pub(super) Range<u32>,
        pub(super) f64,
        pub(super) bool,
    );

    fn to_range(ids: &[u32]) -> Range<u32> {
        match (ids.first(), ids.last()) {
            (Some(&first), Some(&last)) => first..last + 1,
            _ => 0..0,
        }
    }

    pub(super) fn stored(pair: &AlignedPair) -> StoredPair {
        StoredPair(
            to_range(&pair.a),
            to_range(&pair.b),
            pair.score,
            pair.is_moved,
        )
    }

    pub fn serialize<S: Serializer>(
        pairs: &[AlignedPair],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let stored: Vec<StoredPair> = pairs.iter().map(stored).collect();
        stored.serialize(serializer)
    }
}
