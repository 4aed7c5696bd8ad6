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

/// What kind of difference a divergence between aligned sentences is. Ordered by how
/// much a fact-checker must look at it: figures and quotations first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DivergenceKind {
    /// A number on one side only.
    Number,
    /// A year on one side only.
    Date,
    /// A percentage on one side only.
    Percent,
    /// A quotation that differs.
    Quote,
    /// A name on one side only.
    Name,
    /// A passage in another place.
    Moved,
    /// A sentence without a counterpart (added or dropped content).
    Unaligned,
}

impl DivergenceKind {
    /// The name used in JSON.
    pub fn name(self) -> &'static str {
        match self {
            DivergenceKind::Number => "number",
            DivergenceKind::Date => "date",
            DivergenceKind::Percent => "percent",
            DivergenceKind::Name => "name",
            DivergenceKind::Quote => "quote",
            DivergenceKind::Moved => "moved",
            DivergenceKind::Unaligned => "unaligned",
        }
    }
}

/// A divergence flag a reviewer looked at and dismissed: its kind, its pair's sentences
/// and its detail, so it comes back if the alignment or the texts change what it says.
/// Saved as `(number, 11..13, 25..26, "year 2020 only in A")`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DismissedFlag(
    pub DivergenceKind,
    pub std::ops::Range<u32>,
    pub std::ops::Range<u32>,
    pub String,
);

impl DismissedFlag {
    fn sort_key(&self) -> (DivergenceKind, u32, u32, u32, u32, &str) {
        let DismissedFlag(kind, a, b, detail) = self;
        (*kind, a.start, a.end, b.start, b.end, detail.as_str())
    }
}

impl Ord for DismissedFlag {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.sort_key().cmp(&other.sort_key())
    }
}

impl PartialOrd for DismissedFlag {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// The consecutive sentence ids `ids` as a range (`0..0` when empty).
pub fn id_range(ids: &[u32]) -> std::ops::Range<u32> {
    match (ids.first(), ids.last()) {
        (Some(&first), Some(&last)) => first..last.saturating_add(1),
        _ => 0..0,
    }
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

/// Pair `idx` split where the lengths of its sentences say it was joined: of every way
/// to cut its A and B sentences into two rows (one side of a row may be empty: a sentence
/// left unaligned), the one whose rows' lengths agree best, as Gale and Church score a
/// pairing (their length model and priors). So a row a reviewer merged by mistake splits
/// back into the rows it was made of. A one-to-one pair becomes two unaligned sentences,
/// as [`split_pair`] does. `len_a` and `len_b` give a sentence's length in characters.
pub fn split_pair_by_lengths(
    pairs: &[AlignedPair],
    idx: usize,
    len_a: &dyn Fn(u32) -> usize,
    len_b: &dyn Fn(u32) -> usize,
) -> Option<Vec<AlignedPair>> {
    let pair = pairs.get(idx)?;
    if !can_split(pairs, idx) {
        return None;
    }
    if pair.a.len() <= 1 && pair.b.len() <= 1 {
        return split_pair(pairs, idx);
    }
    let total = |ids: &[u32], len: &dyn Fn(u32) -> usize| -> f64 {
        ids.iter().map(|&id| len(id) as f64).sum()
    };
    let (mut sum_a, mut sum_b) = (0.0, 0.0);
    for (other, p) in pairs.iter().enumerate() {
        if other != idx && !p.a.is_empty() && !p.b.is_empty() {
            sum_a += total(&p.a, len_a);
            sum_b += total(&p.b, len_b);
        }
    }
    let ratio = if sum_a > 0.0 && sum_b > 0.0 {
        sum_a / sum_b
    } else {
        1.0
    };
    let part_cost = |a: &[u32], b: &[u32]| -> Option<f64> {
        // Gale and Church's priors: 1-1 most likely, then 1-0/0-1 and 2-1/1-2.
        let prior: f64 = match (a.len(), b.len()) {
            (0, 0) => return None,
            (1, 1) => 0.89,
            (1, 0) | (0, 1) => 0.0099,
            (2, 1) | (1, 2) => 0.089,
            (2, 2) => 0.011,
            _ => 0.001,
        };
        let (la, lb) = (total(a, len_a), total(b, len_b) * ratio);
        let length = if a.is_empty() || b.is_empty() {
            0.0
        } else {
            // Variance 6.8 per character, as in their paper.
            let delta = (lb - la) / (6.8 * (la + lb).max(1.0) / 2.0).sqrt();
            delta * delta / 2.0
        };
        Some(length - prior.ln())
    };
    let mut best: Option<(f64, usize, usize)> = None;
    for i in 0..=pair.a.len() {
        for j in 0..=pair.b.len() {
            let (Some(first), Some(second)) = (
                part_cost(&pair.a[..i], &pair.b[..j]),
                part_cost(&pair.a[i..], &pair.b[j..]),
            ) else {
                continue;
            };
            let cost = first + second;
            if best.is_none_or(|(best_cost, _, _)| cost < best_cost) {
                best = Some((cost, i, j));
            }
        }
    }
    let (_, i, j) = best?;
    let part = |a: &[u32], b: &[u32]| AlignedPair {
        a: a.to_vec(),
        b: b.to_vec(),
        score: 0.0,
        is_moved: false,
    };
    let mut out = pairs.to_vec();
    out.splice(
        idx..=idx,
        [
            part(&pair.a[..i], &pair.b[..j]),
            part(&pair.a[i..], &pair.b[j..]),
        ],
    );
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
    /// Divergence flags a reviewer dismissed, sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dismissed: Vec<DismissedFlag>,
    /// The rows a reviewer merged, so that splitting the merged row gives them back.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub joined: Vec<JoinedRows>,
}

/// Two rows a reviewer merged into one: each row's A and B sentences, as ranges.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinedRows(
    pub std::ops::Range<u32>,
    pub std::ops::Range<u32>,
    pub std::ops::Range<u32>,
    pub std::ops::Range<u32>,
);

impl JoinedRows {
    fn sort_key(&self) -> [u32; 8] {
        let JoinedRows(a1, b1, a2, b2) = self;
        [
            a1.start, a1.end, b1.start, b1.end, a2.start, a2.end, b2.start, b2.end,
        ]
    }

    /// The record of merging `first` and `second`.
    pub fn of(first: &AlignedPair, second: &AlignedPair) -> Self {
        JoinedRows(
            id_range(&first.a),
            id_range(&first.b),
            id_range(&second.a),
            id_range(&second.b),
        )
    }

    /// Whether `pair` is the row these two became.
    pub fn made(&self, pair: &AlignedPair) -> bool {
        let union =
            |x: &std::ops::Range<u32>, y: &std::ops::Range<u32>| match (x.is_empty(), y.is_empty())
            {
                (true, _) => y.clone(),
                (_, true) => x.clone(),
                _ => x.start.min(y.start)..x.end.max(y.end),
            };
        union(&self.0, &self.2) == id_range(&pair.a) && union(&self.1, &self.3) == id_range(&pair.b)
    }

    /// The two rows again.
    pub fn rows(&self) -> [AlignedPair; 2] {
        let row = |a: &std::ops::Range<u32>, b: &std::ops::Range<u32>| AlignedPair {
            a: a.clone().collect(),
            b: b.clone().collect(),
            score: 0.0,
            is_moved: false,
        };
        [row(&self.0, &self.1), row(&self.2, &self.3)]
    }
}

/// For each sentence of `old`, the sentences of `new` (the same text segmented another
/// way) that overlap it; a sentence that overlaps none (whitespace between the new
/// sentences) maps to the next new sentence, or the last.
pub fn sentence_map(old: &[super::Sentence], new: &[super::Sentence]) -> Vec<Vec<u32>> {
    old.iter()
        .map(|sentence| {
            let first = new.partition_point(|n| n.end <= sentence.start);
            let mut ids: Vec<u32> = new[first.min(new.len())..]
                .iter()
                .take_while(|n| n.start < sentence.end)
                .enumerate()
                .map(|(k, _)| (first + k) as u32)
                .collect();
            if ids.is_empty() && !new.is_empty() {
                ids.push(first.min(new.len() - 1) as u32);
            }
            ids
        })
        .collect()
}

impl Alignment {
    /// This alignment with side A's sentence ids mapped by `map_a` and side B's by `map_b`
    /// (old id → the new ids that now hold it), for a new segmentation of one document or
    /// both. Rows that come to share a sentence become one row, their sentences made one
    /// run, so the result is valid whatever the maps; dismissed flags and joined rows
    /// follow the same maps, so a new segmentation neither brings a dismissed flag back
    /// nor leaves a stale entry behind.
    pub fn remapped(
        &self,
        map_a: &dyn Fn(u32) -> Vec<u32>,
        map_b: &dyn Fn(u32) -> Vec<u32>,
    ) -> Alignment {
        fn run(ids: &[u32], map: &dyn Fn(u32) -> Vec<u32>) -> Option<(u32, u32)> {
            let mapped: Vec<u32> = ids.iter().flat_map(|&i| map(i)).collect();
            Some((*mapped.iter().min()?, *mapped.iter().max()?))
        }
        // Each row as (first member, A run, B run), merged until no two rows overlap.
        type Row = (usize, Option<(u32, u32)>, Option<(u32, u32)>);
        let mut rows: Vec<Row> = self
            .pairs
            .iter()
            .enumerate()
            .map(|(idx, pair)| (idx, run(&pair.a, map_a), run(&pair.b, map_b)))
            .collect();
        let overlaps = |x: Option<(u32, u32)>, y: Option<(u32, u32)>| match (x, y) {
            (Some((a, b)), Some((c, d))) => a <= d && c <= b,
            _ => false,
        };
        let join = |x: Option<(u32, u32)>, y: Option<(u32, u32)>| match (x, y) {
            (Some((a, b)), Some((c, d))) => Some((a.min(c), b.max(d))),
            (x, None) => x,
            (None, y) => y,
        };
        loop {
            let mut merged: Vec<Row> = Vec::new();
            let mut changed = false;
            for row in rows {
                match merged
                    .iter_mut()
                    .find(|m| overlaps(m.1, row.1) || overlaps(m.2, row.2))
                {
                    Some(into) => {
                        into.0 = into.0.min(row.0);
                        into.1 = join(into.1, row.1);
                        into.2 = join(into.2, row.2);
                        changed = true;
                    }
                    None => merged.push(row),
                }
            }
            rows = merged;
            if !changed {
                break;
            }
        }
        rows.sort_by_key(|row| row.0);
        let ids =
            |range: Option<(u32, u32)>| range.map_or(Vec::new(), |(lo, hi)| (lo..=hi).collect());
        let pairs = rows
            .into_iter()
            .map(|(first, a, b)| AlignedPair {
                a: ids(a),
                b: ids(b),
                ..self.pairs[first].clone()
            })
            .collect();
        let range = |range: &std::ops::Range<u32>, map: &dyn Fn(u32) -> Vec<u32>| {
            if range.is_empty() {
                return range.clone();
            }
            let ids: Vec<u32> = range.clone().flat_map(map).collect();
            match (ids.iter().min(), ids.iter().max()) {
                (Some(&lo), Some(&hi)) => lo..hi + 1,
                _ => range.clone(),
            }
        };
        let mut dismissed: Vec<DismissedFlag> = self
            .dismissed
            .iter()
            .map(|DismissedFlag(kind, a, b, detail)| {
                DismissedFlag(*kind, range(a, map_a), range(b, map_b), detail.clone())
            })
            .collect();
        dismissed.sort();
        dismissed.dedup();
        let joined = self
            .joined
            .iter()
            .map(|JoinedRows(a1, b1, a2, b2)| {
                JoinedRows(
                    range(a1, map_a),
                    range(b1, map_b),
                    range(a2, map_a),
                    range(b2, map_b),
                )
            })
            .collect();
        Alignment {
            a: self.a,
            b: self.b,
            pairs,
            is_edited: self.is_edited,
            dismissed,
            joined,
        }
    }

    /// A new alignment of `a` with `b`, computed (not edited, nothing dismissed).
    pub fn new(a: DocId, b: DocId, pairs: Vec<AlignedPair>) -> Alignment {
        Alignment {
            a,
            b,
            pairs,
            is_edited: false,
            dismissed: Vec::new(),
            joined: Vec::new(),
        }
    }

    /// The alignment with row `idx` split: back into the two rows a reviewer merged it
    /// from, when it is such a row, else where the sentence lengths say (see
    /// [`split_pair_by_lengths`]). `None` when the row has nothing to split.
    pub fn split_row(
        &self,
        idx: usize,
        len_a: &dyn Fn(u32) -> usize,
        len_b: &dyn Fn(u32) -> usize,
    ) -> Option<Alignment> {
        let pair = self.pairs.get(idx)?;
        let mut out = self.clone();
        if let Some(at) = self.joined.iter().position(|joined| joined.made(pair)) {
            out.pairs.splice(idx..=idx, self.joined[at].rows());
            out.joined.remove(at);
        } else {
            out.pairs = split_pair_by_lengths(&self.pairs, idx, len_a, len_b)?;
        }
        out.is_edited = true;
        Some(out)
    }

    /// The alignment with row `idx` merged with the next, remembering the two rows.
    pub fn merge_row_with_next(&self, idx: usize) -> Option<Alignment> {
        let (first, second) = (self.pairs.get(idx)?, self.pairs.get(idx + 1)?);
        let record = JoinedRows::of(first, second);
        let mut out = self.clone();
        out.pairs = merge_with_next(&self.pairs, idx)?;
        out.joined.push(record);
        out.joined.sort_by_key(JoinedRows::sort_key);
        out.joined.dedup();
        out.is_edited = true;
        Some(out)
    }

    /// Whether the flag of `kind` with `detail` on the pair of sentences `a`–`b` was
    /// dismissed.
    pub fn is_dismissed(&self, kind: DivergenceKind, a: &[u32], b: &[u32], detail: &str) -> bool {
        let key = DismissedFlag(kind, id_range(a), id_range(b), detail.to_owned());
        self.dismissed.binary_search(&key).is_ok()
    }
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
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    dismissed: Vec<DismissedFlag>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    joined: Vec<JoinedRows>,
}

impl From<&Alignment> for StoredAlignment {
    fn from(alignment: &Alignment) -> Self {
        StoredAlignment {
            a: alignment.a,
            b: alignment.b,
            pairs: alignment.pairs.iter().map(stored_pairs::stored).collect(),
            is_edited: alignment.is_edited,
            dismissed: alignment.dismissed.clone(),
            joined: alignment.joined.clone(),
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
        check_marks_fit(&self.dismissed, &self.joined, n_a, n_b)?;
        let mut dismissed = self.dismissed;
        dismissed.sort();
        dismissed.dedup();
        let mut joined = self.joined;
        joined.sort_by_key(JoinedRows::sort_key);
        joined.dedup();
        Ok(Alignment {
            a: self.a,
            b: self.b,
            pairs,
            is_edited: self.is_edited,
            dismissed,
            joined,
        })
    }
}

/// Checks that dismissed flags and joined rows name only sentences of documents with
/// `n_a` and `n_b` sentences: what loading an alignment and applying one both check, so a
/// session that was accepted can always be read back.
pub fn check_marks_fit(
    dismissed: &[DismissedFlag],
    joined: &[JoinedRows],
    n_a: usize,
    n_b: usize,
) -> Result<(), String> {
    let fits = |range: &std::ops::Range<u32>, n: usize| {
        range.start <= range.end && range.end as usize <= n
    };
    for (idx, DismissedFlag(_, a, b, _)) in dismissed.iter().enumerate() {
        if !fits(a, n_a) || !fits(b, n_b) {
            return Err(format!(
                "dismissed flag {idx}: sentences {}..{} / {}..{} outside the documents",
                a.start, a.end, b.start, b.end
            ));
        }
    }
    for (idx, JoinedRows(a1, b1, a2, b2)) in joined.iter().enumerate() {
        if !(fits(a1, n_a) && fits(b1, n_b) && fits(a2, n_a) && fits(b2, n_b)) {
            return Err(format!(
                "merged rows {idx}: sentences outside the documents"
            ));
        }
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remapping_joins_rows_that_come_to_share_a_sentence_and_keeps_it_valid() {
        let pair = |a: Vec<u32>, b: Vec<u32>| AlignedPair {
            a,
            b,
            score: 1.0,
            is_moved: false,
        };
        let alignment = Alignment::new(
            DocId(0),
            DocId(1),
            vec![
                pair(vec![0], vec![0]),
                pair(vec![1], vec![1]),
                pair(vec![2], vec![2]),
            ],
        );
        // A's sentences 1 and 2 became one (1); B's sentence 0 was split in two (0, 1).
        let map_a = |id: u32| vec![id.min(1)];
        let map_b = |id: u32| if id == 0 { vec![0, 1] } else { vec![id + 1] };
        let remapped = alignment.remapped(&map_a, &map_b);
        let rows: Vec<(Vec<u32>, Vec<u32>)> = remapped
            .pairs
            .iter()
            .map(|p| (p.a.clone(), p.b.clone()))
            .collect();
        assert_eq!(rows, vec![(vec![0], vec![0, 1]), (vec![1], vec![2, 3])]);

        // Sentences of the same text segmented two ways: each old one to the new ones
        // over it.
        let old = [super::super::Sentence::from((0, 10)), (11, 20).into()];
        let new = [
            super::super::Sentence::from((0, 4)),
            (5, 10).into(),
            (11, 20).into(),
        ];
        assert_eq!(sentence_map(&old, &new), vec![vec![0, 1], vec![2]]);
        assert_eq!(sentence_map(&new, &old), vec![vec![0], vec![0], vec![1]]);
    }

    #[test]
    fn dismissed_flags_outside_the_documents_are_refused() {
        let text = r#"(a: 0, b: 1, pairs: [(0..1, 0..1, 1.0, false)],
            dismissed: [(date, 0..1, 0..4000000000, "year 2020 only in A")])"#;
        let stored: StoredAlignment = ron::from_str(text).expect("parses");
        let error = stored.expand(1, 1).expect_err("outside");
        assert!(error.contains("dismissed flag 0"), "{error}");
        let text = r#"(a: 0, b: 1, pairs: [(0..1, 0..1, 1.0, false)],
            dismissed: [(quote, 0..1, 0..1, "b"), (date, 0..1, 0..1, "a"), (quote, 0..1, 0..1, "b")])"#;
        let stored: StoredAlignment = ron::from_str(text).expect("parses");
        let alignment = stored.expand(1, 1).expect("inside");
        // Sorted (dates before quotations) and without repeats.
        let kinds: Vec<DivergenceKind> = alignment.dismissed.iter().map(|f| f.0).collect();
        assert_eq!(kinds, [DivergenceKind::Date, DivergenceKind::Quote]);
    }
}
