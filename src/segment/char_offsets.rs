//! Byte offsets turned into code-point offsets as the segmenter walks a text forwards,
//! counting the code points between one offset and the next.

use std::ops::Range;

use super::SentenceSpan;

/// The number of code points in UTF-8 `bytes`: the bytes that do not continue a sequence.
/// Counted 32 bytes at a time into 32 byte-wide lanes (summed before they can overflow), a
/// loop the compiler turns into vector instructions, then a word at a time: sentences are
/// short, and `chars().count()` is slower on them.
#[inline(never)]
pub(super) fn count_code_points(bytes: &[u8]) -> usize {
    const LANES: usize = 32;
    let mut blocks = bytes.chunks_exact(LANES);
    let mut n = 0;
    loop {
        let mut lanes = [0u8; LANES];
        let mut filled = 0;
        for block in blocks.by_ref().take(usize::from(u8::MAX)) {
            for (lane, &b) in lanes.iter_mut().zip(block) {
                *lane += u8::from((b as i8) >= -0x40);
            }
            filled += 1;
        }
        n += lanes.iter().map(|&lane| usize::from(lane)).sum::<usize>();
        if filled < usize::from(u8::MAX) {
            break;
        }
    }
    let mut words = blocks.remainder().chunks_exact(8);
    for word in words.by_ref() {
        let mut le = [0u8; 8];
        le.copy_from_slice(word);
        n += 8 - continuation_bytes_in(u64::from_le_bytes(le));
    }
    n + words
        .remainder()
        .iter()
        .filter(|&&b| (b as i8) >= -0x40)
        .count()
}

/// The number of bytes of the form `10xxxxxx` in `word`.
pub(super) fn continuation_bytes_in(word: u64) -> usize {
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    const LOW_BITS: u64 = 0x0101_0101_0101_0101;
    let continuation = word & HIGH_BITS & !(word << 1);
    // One bit per continuation byte, summed into the top byte by the multiplication.
    (((continuation >> 7).wrapping_mul(LOW_BITS)) >> 56) as usize
}

/// Code-point offsets for sorted byte ranges, counted in one pass over the text.
pub(super) struct CharOffsets<'t> {
    bytes: &'t [u8],
    cursor_byte: usize,
    cursor_char: usize,
}

impl<'t> CharOffsets<'t> {
    pub(super) fn new(text: &'t str) -> Self {
        Self::at(text, 0, 0)
    }

    /// Counting from byte `byte`, which is code point `char` of `text`.
    pub(super) fn at(text: &'t str, byte: usize, char: usize) -> Self {
        CharOffsets {
            bytes: text.as_bytes(),
            cursor_byte: byte,
            cursor_char: char,
        }
    }

    /// The span of `bytes`, which must not start before the previous span's end.
    pub(super) fn span(&mut self, bytes: Range<usize>) -> SentenceSpan {
        let start = self.char_at(bytes.start);
        let end = self.char_at(bytes.end);
        SentenceSpan {
            bytes,
            chars: start..end,
        }
    }

    pub(super) fn char_at(&mut self, byte: usize) -> usize {
        let stretch = self.bytes.get(self.cursor_byte..byte).unwrap_or_default();
        // The stretch between two sentences is usually a space or two: no counting.
        // Most sentences are plain ASCII too: checking that costs less than counting.
        self.cursor_char += if stretch.is_ascii() {
            stretch.len()
        } else {
            count_code_points(stretch)
        };
        self.cursor_byte = byte;
        self.cursor_char
    }
}
