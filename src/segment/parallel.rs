//! Long texts segmented in parallel: cut at paragraph units into chunks of about the
//! same size, each segmented on its own thread, the pieces met again in text order.

use std::ops::Range;

/// The size of text the library is given at once.
pub(super) const CHUNK_BYTES: usize = 10 * 1024;
/// Texts shorter than this are segmented on one thread (a thread costs more than it saves).
pub(super) const PARALLEL_MIN_BYTES: usize = 256 * 1024;
/// The most threads one text is segmented on.
pub(super) const MAX_THREADS: usize = 8;

/// `units` cut into at most `parts` runs of consecutive units of about equal bytes.
pub(super) fn split_evenly(units: &[Range<usize>], parts: usize) -> Vec<&[Range<usize>]> {
    let (Some(first), Some(last)) = (units.first(), units.last()) else {
        return Vec::new();
    };
    let parts = parts.max(1);
    let share = (last.end - first.start).div_ceil(parts);
    let mut groups: Vec<&[Range<usize>]> = chunks(units, share).map(|(_, group)| group).collect();
    // Units do not end exactly at each share: a short run left over joins the last part.
    if groups.len() > parts {
        let n_before: usize = groups[..parts - 1].iter().map(|group| group.len()).sum();
        groups.truncate(parts - 1);
        groups.push(&units[n_before..]);
    }
    groups
}

/// Consecutive units grouped into byte ranges of at most `max_bytes` (a longer unit is
/// a chunk of its own), each with its units.
pub(super) fn chunks(
    units: &[Range<usize>],
    max_bytes: usize,
) -> impl Iterator<Item = (Range<usize>, &[Range<usize>])> {
    let mut rest = units;
    std::iter::from_fn(move || {
        let first = rest.first()?;
        let n_units = 1 + rest[1..]
            .iter()
            .take_while(|unit| unit.end - first.start <= max_bytes)
            .count();
        let (taken, left) = rest.split_at(n_units);
        rest = left;
        let last = taken.last()?;
        Some((first.start..last.end, taken))
    })
}

/// A walk through sorted positions for ranges that come in text order.
pub(super) struct Cursor<'p> {
    rest: &'p [usize],
}

impl<'p> Cursor<'p> {
    pub(super) fn new(positions: &'p [usize]) -> Self {
        Cursor { rest: positions }
    }

    /// The positions in `range`, which must not start before the previous range's end.
    pub(super) fn take_within(&mut self, range: Range<usize>) -> &'p [usize] {
        let skipped = self.rest.iter().take_while(|&&at| at < range.start).count();
        let rest = &self.rest[skipped..];
        let taken = rest.iter().take_while(|&&at| at < range.end).count();
        let (within, after) = rest.split_at(taken);
        self.rest = after;
        within
    }
}

/// The index of the first piece that ends after `end`, starting the search at `from`.
pub(super) fn skip_pieces_before(pieces: &[Range<usize>], from: usize, end: usize) -> usize {
    let mut idx = from;
    while pieces.get(idx).is_some_and(|piece| piece.end <= end) {
        idx += 1;
    }
    idx
}
