//! Converting between code-point offsets (what sessions and most exports store), byte
//! offsets (what Rust slices with) and UTF-16 code units (what JavaScript tools such as
//! doccano count in).
//!
//! A [`CharIndex`] remembers the byte position of every 64th code point, so a conversion
//! walks at most 63 characters. Pure-ASCII text, the common case, needs no table at all.

use std::ops::Range;

const STRIDE: usize = 64;

/// A lookup table from code-point offsets to byte offsets for one text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CharIndex {
    n_chars: usize,
    /// `checkpoints[k]` is the byte offset of code point `k * STRIDE`; empty for ASCII.
    checkpoints: Vec<usize>,
    is_ascii: bool,
}

impl CharIndex {
    /// Builds the table in one pass over `text`.
    pub fn new(text: &str) -> Self {
        if text.is_ascii() {
            return CharIndex {
                n_chars: text.len(),
                checkpoints: Vec::new(),
                is_ascii: true,
            };
        }
        let mut checkpoints = Vec::with_capacity(text.len() / STRIDE + 1);
        let mut n_chars = 0;
        for (byte, _) in text.char_indices() {
            if n_chars % STRIDE == 0 {
                checkpoints.push(byte);
            }
            n_chars += 1;
        }
        CharIndex {
            n_chars,
            checkpoints,
            is_ascii: false,
        }
    }

    /// The number of code points in the text.
    pub fn n_chars(&self) -> usize {
        self.n_chars
    }

    /// The byte offset of code point `char_idx` (`n_chars` maps to the text's length), or
    /// `None` past the end. `text` must be the text the index was built from.
    pub fn byte_of(&self, text: &str, char_idx: usize) -> Option<usize> {
        if char_idx > self.n_chars {
            return None;
        }
        if self.is_ascii {
            return Some(char_idx);
        }
        if char_idx == self.n_chars {
            return Some(text.len());
        }
        let checkpoint = *self.checkpoints.get(char_idx / STRIDE)?;
        let rest = text.get(checkpoint..)?;
        rest.char_indices()
            .nth(char_idx % STRIDE)
            .map(|(byte, _)| checkpoint + byte)
    }

    /// The code-point offset of byte `byte`, or `None` if it is past the end or inside a
    /// character.
    pub fn char_of(&self, text: &str, byte: usize) -> Option<usize> {
        if byte > text.len() || !text.is_char_boundary(byte) {
            return None;
        }
        if self.is_ascii {
            return Some(byte);
        }
        let block = self.checkpoints.partition_point(|&start| start <= byte);
        let block = block.checked_sub(1)?;
        let from = *self.checkpoints.get(block)?;
        Some(block * STRIDE + text.get(from..byte)?.chars().count())
    }

    /// The byte range of a code-point range, or `None` if it is out of bounds or reversed.
    pub fn byte_range(&self, text: &str, chars: Range<usize>) -> Option<Range<usize>> {
        if chars.start > chars.end {
            return None;
        }
        Some(self.byte_of(text, chars.start)?..self.byte_of(text, chars.end)?)
    }
}

/// Where `piece` (a sub-slice of `text`, such as one `split` or `trim` returned) starts,
/// in bytes.
pub fn byte_offset_in(text: &str, piece: &str) -> usize {
    (piece.as_ptr() as usize).saturating_sub(text.as_ptr() as usize)
}

/// The UTF-16 offsets (JavaScript string indices) of code-point offsets in `text`: one
/// pass, for any number of offsets in any order.
pub fn utf16_offsets(text: &str, chars: &[usize]) -> Vec<Option<usize>> {
    let mut order: Vec<usize> = (0..chars.len()).collect();
    order.sort_by_key(|&i| chars[i]);
    let mut out = vec![None; chars.len()];
    let mut iter = text.chars();
    let (mut char_idx, mut unit) = (0usize, 0usize);
    for i in order {
        while char_idx < chars[i] {
            let Some(c) = iter.next() else { break };
            unit += c.len_utf16();
            char_idx += 1;
        }
        if char_idx == chars[i] {
            out[i] = Some(unit);
        }
    }
    out
}

/// The code-point offsets of UTF-16 offsets in `text`; `None` for an offset past the end
/// or inside a surrogate pair (half an emoji).
pub fn chars_of_utf16(text: &str, units: &[usize]) -> Vec<Option<usize>> {
    let mut order: Vec<usize> = (0..units.len()).collect();
    order.sort_by_key(|&i| units[i]);
    let mut out = vec![None; units.len()];
    let mut iter = text.chars();
    let (mut char_idx, mut unit) = (0usize, 0usize);
    for i in order {
        while unit < units[i] {
            let Some(c) = iter.next() else { break };
            unit += c.len_utf16();
            char_idx += 1;
        }
        if unit == units[i] {
            out[i] = Some(char_idx);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ascii_is_identity() {
        let index = CharIndex::new("hello");
        assert_eq!(index.byte_of("hello", 5), Some(5));
        assert_eq!(index.byte_of("hello", 6), None);
        assert_eq!(index.char_of("hello", 2), Some(2));
    }

    #[test]
    fn handles_emoji_and_flags() {
        let text = "🇲🇱 Mali — één";
        let index = CharIndex::new(text);
        assert_eq!(index.n_chars(), text.chars().count());
        assert_eq!(index.byte_of(text, 2), Some(8));
        assert_eq!(index.char_of(text, 8), Some(2));
        assert_eq!(index.char_of(text, 1), None, "inside a character");
        assert_eq!(index.byte_range(text, 3..7), Some(9..13));
        let reversed = Range { start: 7, end: 3 };
        assert_eq!(index.byte_range(text, reversed), None);
    }

    #[test]
    fn utf16_counts_astral_characters_twice() {
        // 🇲🇱 is two code points, each two UTF-16 units.
        let text = "🇲🇱 Mali 🙂 ok";
        assert_eq!(
            utf16_offsets(text, &[0, 2, 3, 8, 9, 12]),
            [Some(0), Some(4), Some(5), Some(10), Some(12), Some(15)].to_vec()
        );
        assert_eq!(
            chars_of_utf16(text, &[5, 0, 12]),
            vec![Some(3), Some(0), Some(9)]
        );
        assert_eq!(
            chars_of_utf16(text, &[1]),
            vec![None],
            "inside a surrogate pair"
        );
        assert_eq!(chars_of_utf16(text, &[99]), vec![None]);
    }

    proptest! {
        #[test]
        fn utf16_round_trips(text in "\\PC{0,200}") {
            let n = text.chars().count();
            let all: Vec<usize> = (0..=n).collect();
            let units: Vec<usize> = utf16_offsets(&text, &all).into_iter().map(|u| u.expect("in range")).collect();
            prop_assert_eq!(units.last().copied(), Some(text.encode_utf16().count()));
            let back: Vec<usize> = chars_of_utf16(&text, &units).into_iter().map(|c| c.expect("boundary")).collect();
            prop_assert_eq!(back, all);
        }
    }

    proptest! {
        #[test]
        fn agrees_with_char_indices(text in "\\PC{0,300}") {
            let index = CharIndex::new(&text);
            let mut expected: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
            expected.push(text.len());
            for (char_idx, &byte) in expected.iter().enumerate() {
                prop_assert_eq!(index.byte_of(&text, char_idx), Some(byte));
                prop_assert_eq!(index.char_of(&text, byte), Some(char_idx));
            }
            prop_assert_eq!(index.byte_of(&text, expected.len()), None);
        }
    }
}
