//! Sentence segmentation: turns a document's text into sentence spans.
//!
//! The heavy lifting is done by `sentencex` (Wikimedia's segmenter: per-language
//! abbreviation lists, quote awareness). Around it we enforce the structure a reader sees:
//! a paragraph break always ends a sentence, and a heading line (Markdown `#`, or a short
//! first line without final punctuation) is a sentence of its own. A few rules of our own
//! then repair what the library gets wrong on news prose (see [`repair`]).
//!
//! Spans carry both byte ranges (for slicing in Rust) and code-point ranges (what sessions
//! store and every export format counts).

mod document;
mod headings;
pub use document::{resegmented, segmented_document};
pub use headings::{
    MAX_HEADING_CHARS, ends_with_sentence_punctuation, markdown_heading_text, reads_as_heading,
};

use std::ops::Range;

mod quotes;
mod rules;

/// One sentence of a text, with whitespace around it trimmed off.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SentenceSpan {
    /// Byte range into the text.
    pub bytes: Range<usize>,
    /// Code-point range into the text.
    pub chars: Range<usize>,
}

/// A reusable segmenter for one language.
pub struct Segmenter {
    /// The sentencex language whose rules are used (`en` for an unknown language).
    rules_code: String,
    language: String,
}

impl Segmenter {
    /// A segmenter using the rules for `language` (an ISO 639-1 code). Unknown codes fall
    /// back to related languages, and finally to generic (English-like) rules.
    pub fn new(language: &str) -> Self {
        let rules_code = if language == crate::lang::UNKNOWN {
            "en"
        } else {
            language
        };
        Segmenter {
            rules_code: rules_code.to_owned(),
            language: language.to_owned(),
        }
    }

    /// The language this segmenter was made for.
    pub fn language(&self) -> &str {
        &self.language
    }

    /// Splits `text` into sentences, in text order, never overlapping, never empty.
    ///
    /// A long text is cut at unit boundaries (which always end a sentence) into one
    /// stretch per core, segmented at once; the spans are the same as from one thread.
    pub fn segment(&self, text: &str) -> Vec<SentenceSpan> {
        let threads = if text.len() < PARALLEL_MIN_BYTES {
            1
        } else {
            std::thread::available_parallelism()
                .map_or(1, usize::from)
                .min(MAX_THREADS)
        };
        self.segment_on_threads(text, threads)
    }

    /// [`Segmenter::segment`] on at most `threads` threads (one: on the caller's).
    pub fn segment_on_threads(&self, text: &str, threads: usize) -> Vec<SentenceSpan> {
        let units = units(text);
        let groups = split_evenly(&units, threads);
        if groups.len() <= 1 {
            return self.segment_units(text, &units, CharOffsets::new(text));
        }
        // Each stretch counts code points from its own start.
        let mut starts = Vec::with_capacity(groups.len());
        let (mut byte, mut char) = (0, 0);
        for group in &groups {
            let start = group.first().map_or(byte, |unit| unit.start);
            char += count_code_points(&text.as_bytes()[byte..start]);
            byte = start;
            starts.push(CharOffsets::at(text, byte, char));
        }
        std::thread::scope(|scope| {
            let mut work = groups.iter().zip(starts);
            let first = work.next();
            let others: Vec<_> = work
                .map(|(group, offsets)| {
                    scope.spawn(move || self.segment_units(text, group, offsets))
                })
                .collect();
            let mut spans = first.map_or_else(Vec::new, |(group, offsets)| {
                self.segment_units(text, group, offsets)
            });
            for thread in others {
                match thread.join() {
                    Ok(more) => spans.extend(more),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }
            spans
        })
    }

    /// The sentences of `units` (consecutive units of `text`), with code-point offsets
    /// counted by `offsets` (which stands at or before the first unit).
    fn segment_units(
        &self,
        text: &str,
        units: &[Range<usize>],
        mut offsets: CharOffsets<'_>,
    ) -> Vec<SentenceSpan> {
        // The library runs over chunks of whole units of about 10 KB (as its own
        // `segment` does: one call per paragraph costs a quarter of the throughput, one
        // call over a whole 10 MB text a third); its sentences are then cut at our unit
        // boundaries. A unit boundary always ends a sentence, so chunking changes nothing.
        let rules = sentencex::language_factory(&self.rules_code);
        let language_rules = rules::LanguageRules::of(&self.rules_code);
        // Pieces of one chunk at a time: small, reused, and still in cache when cut.
        let mut pieces: Vec<Range<usize>> = Vec::new();
        let mut reread: Vec<Range<usize>> = Vec::new();
        // The sentences of one item, repaired, then given code-point offsets.
        let mut item_sentences: Vec<Range<usize>> = Vec::new();
        // Every `.`, `!` and `?` of the chunk, and its Dutch `,,`, found in one pass each:
        // the rules below look for stops inside sentences, and a search per sentence
        // costs more in setting up than in searching.
        let mut stops: Vec<usize> = Vec::new();
        let mut double_commas: Vec<usize> = Vec::new();
        let mut tame_scratch = quotes::Scratch::default();
        let stretch_bytes =
            units.last().map_or(0, |last| last.end) - units.first().map_or(0, |first| first.start);
        let mut spans = Vec::with_capacity(stretch_bytes / 64);
        for (chunk, chunk_units) in chunks(units, CHUNK_BYTES) {
            pieces.clear();
            library_pieces(&*rules, text, chunk.clone(), None, &mut pieces);
            let chunk_bytes = &text.as_bytes()[chunk.clone()];
            stops.clear();
            stops.extend(
                memchr::memchr3_iter(b'.', b'!', b'?', chunk_bytes).map(|at| chunk.start + at),
            );
            double_commas.clear();
            double_commas.extend(quotes::double_commas(chunk_bytes).map(|at| chunk.start + at));
            let mut next_piece = 0;
            let mut stops_cursor = Cursor::new(&stops);
            let mut commas_cursor = Cursor::new(&double_commas);
            for unit in chunk_units {
                let unit_text = &text[unit.clone()];
                if let Some(heading) = heading_range(unit_text) {
                    spans.push(offsets.span(unit.start + heading.start..unit.start + heading.end));
                    next_piece = skip_pieces_before(&pieces, next_piece, unit.end);
                    continue;
                }
                // Where the library may have misread a mark (a quotation or bracket that
                // runs over sentences, a stop inside an address, Dutch `,,`), the unit is
                // read again with those marks neutralised (see `quotes`). Most units are
                // fine, and the check costs far less than neutralising every one.
                let unit_end = pieces[next_piece..]
                    .iter()
                    .position(|piece| piece.start >= unit.end)
                    .map_or(pieces.len(), |n| next_piece + n);
                let unit_pieces = &pieces[next_piece..unit_end];
                let is_contained = unit_pieces.last().is_none_or(|p| p.end <= unit.end);
                let unit_stops = stops_cursor.take_within(unit.clone());
                let has_double_comma = !commas_cursor.take_within(unit.clone()).is_empty();
                if is_contained
                    && quotes::may_misread(text, unit_pieces, unit_stops, has_double_comma)
                    && let Some(tamed) = quotes::tame(unit_text, &mut tame_scratch)
                {
                    reread.clear();
                    library_pieces(&*rules, text, unit.clone(), Some(&tamed), &mut reread);
                    pieces.splice(next_piece..unit_end, reread.drain(..));
                }
                let mut item_stops_cursor = Cursor::new(unit_stops);
                for item in list::inline_items(unit_text) {
                    let item = unit.start + item.start..unit.start + item.end;
                    item_sentences.clear();
                    while let Some(piece) = pieces.get(next_piece) {
                        if piece.start >= item.end {
                            break;
                        }
                        if piece.start >= item.start && piece.end <= item.end {
                            // Inside the item: already trimmed.
                            item_sentences.push(piece.clone());
                        } else {
                            let cut = piece.start.max(item.start)..piece.end.min(item.end);
                            if let Some(range) = trim_range(text, cut) {
                                item_sentences.push(range);
                            }
                        }
                        if piece.end > item.end {
                            break; // The rest of this piece belongs to the next item or unit.
                        }
                        next_piece += 1;
                    }
                    let item_stops = item_stops_cursor.take_within(item.clone());
                    repair::apply(text, &mut item_sentences, item_stops, language_rules);
                    spans.extend(item_sentences.drain(..).map(|range| offsets.span(range)));
                }
            }
        }
        spans
    }
}

/// Appends the library's sentences of `range` (read from `tamed` when given: the same text
/// with misleading marks neutralised, byte for byte) as trimmed ranges of `text`.
fn library_pieces(
    rules: &dyn sentencex::languages::Language,
    text: &str,
    range: Range<usize>,
    tamed: Option<&str>,
    out: &mut Vec<Range<usize>>,
) {
    let read = tamed.unwrap_or(&text[range.clone()]);
    let first = out.len();
    for piece in rules.segment(read) {
        let mut start = range.start + crate::offsets::byte_offset_in(read, piece);
        let end = start + piece.len();
        if tamed.is_some() {
            // A blanked mark right before the piece: a free-standing one after a stop
            // closes the previous sentence (`Ier. " Daarop`), one glued to the next word
            // opens this one.
            let blanked =
                quotes::blanked_before(&text[range.start..start], &read[..start - range.start]);
            let previous_end = out[first..].last().map_or(range.start, |p| p.end);
            if blanked > 0 && start - blanked >= previous_end {
                let mark = start - blanked..start;
                let free_standing = text[mark.end..].starts_with(char::is_whitespace)
                    && text[previous_end..mark.start].trim().is_empty();
                match out[first..].last_mut() {
                    Some(last) if free_standing => last.end = mark.end,
                    _ => start = mark.start,
                }
            }
        }
        if let Some(range) = trim_range(text, start..end) {
            out.push(range);
        }
    }
}

/// The size of text the library is given at once.
const CHUNK_BYTES: usize = 10 * 1024;
/// Texts shorter than this are segmented on one thread (a thread costs more than it saves).
const PARALLEL_MIN_BYTES: usize = 256 * 1024;
/// The most threads one text is segmented on.
const MAX_THREADS: usize = 8;

/// `units` cut into at most `parts` runs of consecutive units of about equal bytes.
fn split_evenly(units: &[Range<usize>], parts: usize) -> Vec<&[Range<usize>]> {
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
fn chunks(
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
struct Cursor<'p> {
    rest: &'p [usize],
}

impl<'p> Cursor<'p> {
    fn new(positions: &'p [usize]) -> Self {
        Cursor { rest: positions }
    }

    /// The positions in `range`, which must not start before the previous range's end.
    fn take_within(&mut self, range: Range<usize>) -> &'p [usize] {
        let skipped = self.rest.iter().take_while(|&&at| at < range.start).count();
        let rest = &self.rest[skipped..];
        let taken = rest.iter().take_while(|&&at| at < range.end).count();
        let (within, after) = rest.split_at(taken);
        self.rest = after;
        within
    }
}

/// The index of the first piece that ends after `end`, starting the search at `from`.
fn skip_pieces_before(pieces: &[Range<usize>], from: usize, end: usize) -> usize {
    let mut idx = from;
    while pieces.get(idx).is_some_and(|piece| piece.end <= end) {
        idx += 1;
    }
    idx
}

/// Resolves a language choice: `auto` (or empty) detects it from the text, falling back
/// to [`crate::lang::UNKNOWN`]; anything else is taken as given, lower-cased.
pub fn resolve_language(choice: &str, text: &str) -> String {
    if is_auto(choice) {
        crate::lang::detect_language(text)
            .unwrap_or(crate::lang::UNKNOWN)
            .to_owned()
    } else {
        choice.trim().to_ascii_lowercase()
    }
}

/// [`resolve_language`], taking `declared` (the language a web page says it is in) when
/// `auto` cannot tell from the text.
pub fn resolve_language_or(choice: &str, text: &str, declared: Option<&str>) -> String {
    let resolved = resolve_language(choice, text);
    match declared {
        Some(declared) if is_auto(choice) && resolved == crate::lang::UNKNOWN => {
            resolve_language(declared, text)
        }
        _ => resolved,
    }
}

/// Whether a language choice asks for detection (`auto`, or nothing).
fn is_auto(choice: &str) -> bool {
    let choice = choice.trim();
    choice.is_empty() || choice.eq_ignore_ascii_case("auto")
}

/// Segments `text` with the rules for `language` (`auto` detects it).
pub fn segment(text: &str, language: &str) -> Vec<SentenceSpan> {
    Segmenter::new(&resolve_language(language, text)).segment(text)
}

/// Shrinks `range` to exclude surrounding whitespace; `None` if nothing is left.
fn trim_range(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let bytes = text.as_bytes();
    let (mut start, mut end) = (range.start, range.end.min(bytes.len()));
    // ASCII whitespace first, byte by byte: the library's pieces end in a space or a
    // newline, and most start and end on an ASCII letter or mark.
    while start < end && bytes[start].is_ascii_whitespace() {
        start += 1;
    }
    while end > start && bytes[end - 1].is_ascii_whitespace() {
        end -= 1;
    }
    if start >= end {
        return None;
    }
    if bytes[start].is_ascii() && bytes[end - 1].is_ascii() {
        return Some(start..end);
    }
    let slice = text.get(start..end)?;
    let trimmed_start = slice.trim_start();
    let start = start + (slice.len() - trimmed_start.len());
    let trimmed = trimmed_start.trim_end();
    (!trimmed.is_empty()).then(|| start..start + trimmed.len())
}

/// Splits `text` into the units segmentation works on: paragraphs (separated by blank
/// lines), with heading lines split off as units of their own.
fn units(text: &str) -> Vec<Range<usize>> {
    let mut units = Vec::with_capacity(text.len() / 256);
    // The open paragraph and whether it has more than one line.
    let mut block: Option<(Range<usize>, bool)> = None;
    let mut line_start = 0;
    while line_start < text.len() {
        let line_end = memchr::memchr(b'\n', text.as_bytes().get(line_start..).unwrap_or_default())
            .map_or(text.len(), |at| line_start + at + 1);
        let line = &text[line_start..line_end];
        let range = line_start..line_end;
        line_start = line_end;
        if is_blank(line) {
            if let Some((done, is_multi_line)) = block.take() {
                split_block(text, done, is_multi_line, &mut units);
            }
            continue;
        }
        block = Some(match block {
            Some((open, _)) => (open.start..range.end, true),
            None => (range, false),
        });
    }
    if let Some((done, is_multi_line)) = block {
        split_block(text, done, is_multi_line, &mut units);
    }
    units
}

/// Whether a line is empty or whitespace only (decided by its first byte that is not ASCII
/// whitespace, when that is plain ASCII, as it nearly always is).
fn is_blank(line: &str) -> bool {
    let bytes = line.as_bytes();
    match bytes.iter().position(|b| !b.is_ascii_whitespace()) {
        None => true,
        Some(at) if bytes[at].is_ascii() => false,
        Some(at) => line.get(at..).is_none_or(|rest| rest.trim().is_empty()),
    }
}

/// The text after leading whitespace (without Unicode tables when it starts in ASCII).
fn trim_start_fast(text: &str) -> &str {
    match text.as_bytes().first() {
        Some(b) if b.is_ascii() && !b.is_ascii_whitespace() => text,
        _ => text.trim_start(),
    }
}

/// Pushes a paragraph as one unit, or as several when it contains heading lines.
fn split_block(
    text: &str,
    block: Range<usize>,
    is_multi_line: bool,
    units: &mut Vec<Range<usize>>,
) {
    let block_text = &text[block.clone()];
    // Most paragraphs are one line and no Markdown heading: nothing to split.
    if !is_multi_line && !trim_start_fast(block_text).starts_with('#') {
        units.push(block);
        return;
    }
    let lines: Vec<&str> = block_text.split_inclusive('\n').collect();
    // A short first line without final punctuation, above longer lines, is a heading (a
    // title or subhead pasted without a blank line). Hard-wrapped prose has first lines
    // about as long as the rest, so it is not mistaken for one.
    let first_line_is_plain_heading = lines.len() > 1
        && lines.first().is_some_and(|first| {
            let width = |line: &str| line.trim().chars().count();
            let longest = lines.iter().map(|line| width(line)).max().unwrap_or(0);
            !ends_with_sentence_punctuation(first) && width(first) * 10 <= longest * 6
        });
    let mut open_start = block.start;
    let mut line_start = block.start;
    for (line_idx, line) in lines.iter().enumerate() {
        let line_range = line_start..line_start + line.len();
        line_start = line_range.end;
        let is_markdown_heading = markdown_heading_text(line).is_some();
        let is_plain_heading = line_idx == 0 && first_line_is_plain_heading;
        if is_markdown_heading || is_plain_heading {
            if open_start < line_range.start {
                units.push(open_start..line_range.start);
            }
            units.push(line_range.clone());
            open_start = line_range.end;
        }
    }
    if open_start < block.end {
        units.push(open_start..block.end);
    }
}

/// For a unit that is a single Markdown heading line, the byte range of its text without
/// the `#` markers; `None` for any other unit.
fn heading_range(unit: &str) -> Option<Range<usize>> {
    // Cheap test first: most units are prose, and this runs for every one.
    if !trim_start_fast(unit).starts_with('#') {
        return None;
    }
    let line = unit.trim();
    if line.contains('\n') {
        return None;
    }
    let heading = markdown_heading_text(line).filter(|h| !h.is_empty())?;
    let start = crate::offsets::byte_offset_in(unit, heading);
    Some(start..start + heading.len())
}

/// The number of code points in UTF-8 `bytes`: the bytes that do not continue a sequence.
/// Counted 32 bytes at a time into 32 byte-wide lanes (summed before they can overflow), a
/// loop the compiler turns into vector instructions, then a word at a time: sentences are
/// short, and `chars().count()` is slower on them.
#[inline(never)]
fn count_code_points(bytes: &[u8]) -> usize {
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
fn continuation_bytes_in(word: u64) -> usize {
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    const LOW_BITS: u64 = 0x0101_0101_0101_0101;
    let continuation = word & HIGH_BITS & !(word << 1);
    // One bit per continuation byte, summed into the top byte by the multiplication.
    (((continuation >> 7).wrapping_mul(LOW_BITS)) >> 56) as usize
}

/// Code-point offsets for sorted byte ranges, counted in one pass over the text.
struct CharOffsets<'t> {
    bytes: &'t [u8],
    cursor_byte: usize,
    cursor_char: usize,
}

impl<'t> CharOffsets<'t> {
    fn new(text: &'t str) -> Self {
        Self::at(text, 0, 0)
    }

    /// Counting from byte `byte`, which is code point `char` of `text`.
    fn at(text: &'t str, byte: usize, char: usize) -> Self {
        CharOffsets {
            bytes: text.as_bytes(),
            cursor_byte: byte,
            cursor_char: char,
        }
    }

    /// The span of `bytes`, which must not start before the previous span's end.
    fn span(&mut self, bytes: Range<usize>) -> SentenceSpan {
        let start = self.char_at(bytes.start);
        let end = self.char_at(bytes.end);
        SentenceSpan {
            bytes,
            chars: start..end,
        }
    }

    fn char_at(&mut self, byte: usize) -> usize {
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

/// Inline enumerations: `1. First item 2. Second item` on one line is a list.
mod list {
    use std::ops::Range;

    /// A list marker: optional bullet, a number or single letter, `.` or `)`.
    #[derive(Clone, Copy, PartialEq, Eq)]
    struct Marker {
        bullet: Option<char>,
        ordinal: Ordinal,
        close: char,
    }

    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Ordinal {
        Number(u32),
        Letter(char),
    }

    impl Marker {
        fn successor(self) -> Option<Marker> {
            let ordinal = match self.ordinal {
                Ordinal::Number(n) => Ordinal::Number(n.checked_add(1)?),
                Ordinal::Letter(c) => Ordinal::Letter(char::from_u32(c as u32 + 1)?),
            };
            Some(Marker { ordinal, ..self })
        }

        fn render(self) -> String {
            let mut out = String::new();
            out.extend(self.bullet);
            match self.ordinal {
                Ordinal::Number(n) => out.push_str(&n.to_string()),
                Ordinal::Letter(c) => out.push(c),
            }
            out.push(self.close);
            out
        }
    }

    /// Parses a marker followed by whitespace at the start of `text`.
    fn parse_marker(text: &str) -> Option<Marker> {
        let mut chars = text.chars().peekable();
        let bullet = chars.next_if(|c| matches!(c, '⁃' | '•' | '-' | '*'));
        let first = chars.next()?;
        let ordinal = if first.is_ascii_digit() {
            let mut value = first.to_digit(10)?;
            while let Some(digit) = chars.next_if(|c| c.is_ascii_digit()) {
                value = value.checked_mul(10)?.checked_add(digit.to_digit(10)?)?;
            }
            Ordinal::Number(value)
        } else if first.is_ascii_lowercase() {
            Ordinal::Letter(first)
        } else {
            return None;
        };
        let close = chars.next().filter(|c| matches!(c, '.' | ')'))?;
        chars.next().filter(|c| c.is_whitespace())?;
        Some(Marker {
            bullet,
            ordinal,
            close,
        })
    }

    /// Splits a unit that starts with a list marker at each following marker in sequence
    /// (`1.` then `2.`, `a.` then `b.`); any other unit comes back whole.
    pub(super) fn inline_items(unit: &str) -> Items {
        let leading = unit.len() - super::trim_start_fast(unit).len();
        let Some(mut marker) = parse_marker(&unit[leading..]) else {
            // Almost every unit: no list, one item, nothing to allocate.
            return Items::One(Some(0..unit.len()));
        };
        let mut starts = vec![0];
        let mut from = leading + unit[leading..].chars().next().map_or(1, char::len_utf8);
        while let Some(next) = marker.successor() {
            let needle = next.render();
            let found = unit[from..].match_indices(&needle).find_map(|(at, _)| {
                let at = from + at;
                let after_space = unit[..at].ends_with(char::is_whitespace);
                (after_space && parse_marker(&unit[at..]) == Some(next)).then_some(at)
            });
            let Some(at) = found else { break };
            starts.push(at);
            from = at + needle.len();
            marker = next;
        }
        let mut ends: Vec<usize> = starts.iter().skip(1).copied().collect();
        ends.push(unit.len());
        let items: Vec<Range<usize>> = starts.into_iter().zip(ends).map(|(s, e)| s..e).collect();
        Items::Many(items.into_iter())
    }

    /// The items of a unit: usually the unit itself.
    pub(super) enum Items {
        One(Option<Range<usize>>),
        Many(std::vec::IntoIter<Range<usize>>),
    }

    impl Iterator for Items {
        type Item = Range<usize>;

        fn next(&mut self) -> Option<Range<usize>> {
            match self {
                Items::One(item) => item.take(),
                Items::Many(items) => items.next(),
            }
        }
    }
}

/// Our own rules on top of the library, applied to the sentences of one unit.
mod repair {
    use std::ops::Range;

    use super::rules::LanguageRules;

    /// Merges or splits the sentences of one item where the library is wrong.
    /// `stops` are the positions of every `.`, `!` and `?` in the item, in order.
    pub(super) fn apply(
        text: &str,
        ranges: &mut Vec<Range<usize>>,
        stops: &[usize],
        rules: &LanguageRules,
    ) {
        split_before_numbers(text, ranges, super::Cursor::new(stops), rules);
        let mut idx = 1;
        while idx < ranges.len() {
            let previous = &text[ranges[idx - 1].clone()];
            let current = &text[ranges[idx].clone()];
            if !may_need_repair(previous, current) {
                idx += 1;
                continue;
            }
            if let Some(moved) = leading_ellipsis_len(previous, current) {
                // `… compounds. . . . The practice` → `… compounds.` | `. . . The practice`
                ranges[idx - 1].end -= moved;
                ranges[idx].start = ranges[idx - 1].end + 1;
                idx += 1;
            } else if let Some(moved) = leading_citation_len(current) {
                // `… feelings.` | `" [20] Byron …` → the closing mark and the reference
                // end the previous sentence.
                ranges[idx - 1].end = ranges[idx].start + moved;
                let rest = &text[ranges[idx - 1].end..ranges[idx].end];
                if rest.trim().is_empty() {
                    ranges[idx - 1].end = ranges[idx].end;
                    ranges.remove(idx);
                } else {
                    ranges[idx].start = ranges[idx].end - rest.trim_start().len();
                    idx += 1;
                }
            } else if let Some(moved) = trailing_opening_quote_len(previous) {
                // `… Commission. “` | `The longer …` → the quote opens the next sentence.
                let quote_start = ranges[idx - 1].end - moved;
                ranges[idx].start = quote_start;
                let kept = text[ranges[idx - 1].start..quote_start].trim_end();
                ranges[idx - 1].end = ranges[idx - 1].start + kept.len();
            } else if should_merge(previous, current)
                || is_ordinal_or_inner_abbreviation(previous, current, rules)
            {
                ranges[idx - 1].end = ranges[idx].end;
                ranges.remove(idx);
            } else {
                idx += 1;
            }
        }
        // Stray symbols closing a unit (`route. †`) belong to the sentence before them.
        if ranges.len() >= 2
            && let Some(last) = ranges.last()
            && !has_alphanumeric(&text[last.clone()])
        {
            let end = last.end;
            ranges.pop();
            if let Some(previous) = ranges.last_mut() {
                previous.end = end;
            }
        }
    }

    /// Whether any rule of [`apply`] could change the pair `previous` | `current` (both
    /// trimmed, not empty), decided from the bytes at the boundary: most pairs end in a
    /// plain stop after a word and start with a letter, and need no closer look. Every
    /// test here is implied by the rule it stands for, so skipping a pair it rejects
    /// changes nothing.
    #[inline]
    fn may_need_repair(previous_text: &str, current_text: &str) -> bool {
        let previous = previous_text.as_bytes();
        let (Some(&last), Some(&first)) = (previous.last(), current_text.as_bytes().first()) else {
            return true;
        };
        // [`should_merge`]: a marker or ellipsis is short, a wordless sentence has no
        // ASCII letter or digit among its first bytes.
        let maybe_wordless =
            previous.len() <= 20 || !previous.iter().take(8).any(u8::is_ascii_alphanumeric);
        // [`is_quote_then_attribution`]: a closing mark, then a lowercase word or a comma.
        let quote_then_attribution = matches!(last, b'"' | 0x9D | 0x99 | 0xBB)
            && (first.is_ascii_lowercase() || first == b',' || first >= 0x80);
        maybe_wordless
            || quote_then_attribution
            || starts_with_citation(current_text)
            || ends_with_opening_mark(previous)
            || last == b'.'
                && (ends_in_spaced_ellipsis(previous) || last_word_may_continue(previous))
    }

    /// Whether `current` may start with what [`leading_citation_len`] moves: a closing
    /// bracket, or quotation marks and spaces before `[`.
    fn starts_with_citation(current: &str) -> bool {
        // Nearly every sentence starts with a letter or digit.
        if current
            .as_bytes()
            .first()
            .is_some_and(u8::is_ascii_alphanumeric)
        {
            return false;
        }
        current
            .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '”' | '’'))
            .starts_with([')', ']', '['])
    }

    /// Whether `previous` may end in an opening mark after a space, as
    /// [`trailing_opening_quote_len`] looks for: the mark's last byte, and no visible
    /// ASCII character right before the mark.
    fn ends_with_opening_mark(previous: &[u8]) -> bool {
        let Some(&last) = previous.last() else {
            return false;
        };
        let mark_len = match last {
            b'"' => 1,
            b'`' | b'\'' | b',' | 0xAB => 2,
            0x9C | 0x98 | 0x9E => 3,
            _ => return false,
        };
        previous.len() <= mark_len || !previous[previous.len() - mark_len - 1].is_ascii_graphic()
    }

    /// Whether `previous` ends in ` . . .` (checked from its last bytes).
    fn ends_in_spaced_ellipsis(previous: &[u8]) -> bool {
        previous.len() >= 6 && previous[previous.len() - 2] == b' '
    }

    /// Whether the last word of `previous` (which ends in `.`) is a short number or has an
    /// inner stop (`19.`, `o.a.`), the words [`is_ordinal_or_inner_abbreviation`] looks
    /// at. Words with non-ASCII bytes get the closer look.
    fn last_word_may_continue(previous: &[u8]) -> bool {
        let before_stop = &previous[..previous.len() - 1];
        let word_start = before_stop
            .iter()
            .rposition(|b| matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r'))
            .map_or(0, |at| at + 1);
        let word = &before_stop[word_start..];
        !word.is_ascii()
            || (word.len() <= 3 && word.iter().all(u8::is_ascii_digit))
            || word.contains(&b'.')
    }

    /// Whether `text` has a letter or digit; ASCII ones are found without Unicode tables.
    #[inline]
    fn has_alphanumeric(text: &str) -> bool {
        let bytes = text.as_bytes();
        bytes.first().is_some_and(u8::is_ascii_alphanumeric)
            || bytes.iter().any(u8::is_ascii_alphanumeric)
            || text.chars().any(char::is_alphanumeric)
    }

    /// A reference that follows a sentence (`[6]`, `[12, 14]`), with a closing quotation
    /// mark before it, or a closing bracket on its own (`marriage.` | `) I am`), at the
    /// start of `current`; returns its length in bytes.
    fn leading_citation_len(current: &str) -> Option<usize> {
        if let Some(rest) = current.strip_prefix([')', ']'])
            && rest.starts_with(char::is_whitespace)
        {
            return Some(1);
        }
        let after_quote = current
            .trim_start_matches(['"', '”', '’', '\''])
            .trim_start();
        let rest = after_quote.strip_prefix('[')?;
        let close = rest.find(']')?;
        let inside = &rest[..close];
        let is_reference = !inside.is_empty()
            && inside.len() <= 12
            && inside
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, ',' | ' ' | '-' | '–'));
        is_reference.then(|| current.len() - rest.len() + close + 1)
    }

    /// An opening quotation mark left dangling at the end of a sentence, after a space;
    /// returns its length in bytes. (A closing mark follows its word without a space.)
    fn trailing_opening_quote_len(sentence: &str) -> Option<usize> {
        for mark in ["``", "''", ",,", "“", "‘", "«", "„", "\""] {
            if let Some(before) = sentence.strip_suffix(mark)
                && before.ends_with(char::is_whitespace)
                && before.trim_end().ends_with(['.', '!', '?', '…', ':'])
            {
                return Some(mark.len());
            }
        }
        None
    }

    /// Splits after a sentence stop followed by a number (`genossen. 7 Tage Erholung`,
    /// `94). 10. Interessierte`), which the library reads as one sentence, not after an
    /// abbreviation (`No. 5`, `S. 12`), a number (`2019. 5`) or an initial; and after a
    /// whole sentence in brackets (`(Really.) Fine.`).
    fn split_before_numbers(
        text: &str,
        ranges: &mut Vec<Range<usize>>,
        mut stops: super::Cursor<'_>,
        rules: &LanguageRules,
    ) {
        // The stops of the rest of a sentence just split, already taken from `stops`.
        let mut rest_stops: Option<&[usize]> = None;
        let mut idx = 0;
        while idx < ranges.len() {
            let range = ranges[idx].clone();
            let sentence = &text[range.clone()];
            // A stop is followed by a space to split at, so the last byte cannot be one.
            let inner_stops = rest_stops
                .take()
                .unwrap_or_else(|| stops.take_within(range.start..range.end.saturating_sub(1)));
            // Most sentences have no stop but their last.
            if inner_stops.is_empty() {
                idx += 1;
                continue;
            }
            let cut = split_point(
                sentence,
                inner_stops.iter().map(|&at| at - range.start),
                rules,
            );
            if let Some(cut) = cut {
                let rest_text = &sentence[cut..];
                let rest_start =
                    range.start + cut + (rest_text.len() - rest_text.trim_start().len());
                ranges[idx] = range.start..range.start + cut;
                ranges.insert(idx + 1, rest_start..range.end);
                rest_stops =
                    Some(&inner_stops[inner_stops.partition_point(|&at| at < rest_start)..]);
            }
            idx += 1;
        }
    }

    /// The first place in `sentence` to split before a number, as a byte offset;
    /// `inner_stops` are the offsets of its stops but a last one.
    fn split_point(
        sentence: &str,
        inner_stops: impl Iterator<Item = usize>,
        rules: &LanguageRules,
    ) -> Option<usize> {
        let bytes = sentence.as_bytes();
        for at in inner_stops {
            // The stop run, then closing quotes or brackets, then a space and a digit.
            let mut end = at + 1;
            while end < bytes.len()
                && matches!(bytes[end], b'.' | b'!' | b'?' | b')' | b'"' | b'\'')
            {
                end += 1;
            }
            let rest = &sentence[end..];
            let trimmed = rest.trim_start();
            if trimmed.len() == rest.len() {
                continue;
            }
            // A whole sentence in brackets (`(Have you noticed?) But partly`) ends there.
            if bytes[end - 1] == b')' && trimmed.starts_with(char::is_uppercase) {
                let opened = sentence[..at].rfind('(');
                let starts_sentence = opened.is_some_and(|open| {
                    let before = sentence[..open].trim_end();
                    before.is_empty() || before.ends_with(['.', '!', '?'])
                });
                if starts_sentence {
                    return Some(end);
                }
                continue;
            }
            if !trimmed.starts_with(|c: char| c.is_ascii_digit()) {
                continue;
            }
            let before = &sentence[..at];
            let word = before.rsplit(char::is_whitespace).next().unwrap_or("");
            let ok = if bytes[at] == b'.' {
                let closes_bracket = word.ends_with(')');
                let is_word = word.chars().count() >= 2
                    && word.chars().all(char::is_alphabetic)
                    && !rules.is_abbreviation(word);
                closes_bracket || is_word
            } else {
                true
            };
            if ok {
                return Some(end);
            }
        }
        None
    }

    /// `dem 19.` | `Lebensjahr` (a German ordinal), or `o.a.` | `die` (an abbreviation with
    /// inner periods before a lowercase word): one sentence, not two.
    fn is_ordinal_or_inner_abbreviation(
        previous: &str,
        current: &str,
        rules: &LanguageRules,
    ) -> bool {
        let Some(last) = previous.split_whitespace().next_back() else {
            return false;
        };
        let Some(number) = last.strip_suffix('.') else {
            return false;
        };
        let next_word = current.split_whitespace().next().unwrap_or("");
        if !number.is_empty() && number.len() <= 3 && number.bytes().all(|b| b.is_ascii_digit()) {
            let before = previous.split_whitespace().rev().nth(1).unwrap_or("");
            return next_word.starts_with(char::is_uppercase)
                && rules.is_ordinal(before, next_word);
        }
        // `o.a.`, `d.w.z.`, `e.g.`: lowercase abbreviations with inner periods rarely end
        // a sentence; an uppercase one (`U.S.`) often does, so it needs a lowercase word.
        let is_inner_dot =
            number.contains('.') && number.chars().all(|c| c.is_alphabetic() || c == '.');
        is_inner_dot
            && (next_word.starts_with(char::is_lowercase)
                || (number.chars().any(char::is_lowercase) && rules.is_abbreviation(number)))
    }

    /// A spaced ellipsis after a full stop (`word. . . .`) that introduces the next
    /// sentence belongs to that sentence; returns how many bytes move (` . . .`).
    fn leading_ellipsis_len(previous: &str, current: &str) -> Option<usize> {
        const SPACED: &str = " . . .";
        let before = previous.strip_suffix(SPACED)?;
        let starts_upper = current.chars().next().is_some_and(char::is_uppercase);
        (before.ends_with('.') && !before.ends_with(" .") && starts_upper).then_some(SPACED.len())
    }

    /// Whether `current` continues `previous` rather than starting a new sentence.
    fn should_merge(previous: &str, current: &str) -> bool {
        is_marker_or_ellipsis_only(previous) || is_quote_then_attribution(previous, current)
    }

    /// A "sentence" of punctuation alone (`...`, `…`) or a bare list marker (`1.`) is
    /// the start of the next one.
    fn is_marker_or_ellipsis_only(sentence: &str) -> bool {
        let has_no_words = !has_alphanumeric(sentence);
        // Five characters are at most 20 bytes: longer sentences need no counting.
        // A list marker is a number or one letter (`1.`, `12)`, `a.`, `(b)`); a short
        // word (`No.`, `Mm.`, `Oh.`) is a sentence of its own.
        let label = sentence
            .trim_start_matches(['⁃', '•', '-', '*', '('])
            .trim_end_matches(['.', ')']);
        let is_marker = sentence.len() <= 20
            && sentence.ends_with(['.', ')'])
            && !label.is_empty()
            && (label.len() <= 3 && label.bytes().all(|b| b.is_ascii_digit())
                || label.chars().count() == 1 && label.chars().all(char::is_alphabetic));
        has_no_words || is_marker
    }

    /// A quotation followed by its attribution is one sentence:
    /// `“Leve Poetin”, lacht de jonge kleermaker.`
    fn is_quote_then_attribution(previous: &str, current: &str) -> bool {
        let ends_in_quote = previous.ends_with(['”', '"', '’', '»']);
        let current_starts_lower = current
            .chars()
            .next()
            .is_some_and(|c| c.is_lowercase() || c == ',');
        ends_in_quote && current_starts_lower
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(language: &str, text: &str, expected: &[&str]) {
        let sentences: Vec<&str> = segment(text, language)
            .iter()
            .map(|span| &text[span.bytes.clone()])
            .collect();
        assert_eq!(sentences, expected);
    }

    #[test]
    fn a_long_text_segments_on_threads_as_on_one() {
        // The two sample articles many times over, with non-ASCII text, lists, headings
        // and quotations, past the size where threads are used.
        let nl = include_str!("../../assets/articles/mali-rusland.nl.txt");
        let en = include_str!("../../assets/articles/mali-russia.en.txt");
        let mut text = String::new();
        let mut copy = 0;
        while text.len() < 3 * PARALLEL_MIN_BYTES {
            text.push_str(if copy % 3 == 2 { en } else { nl });
            // Now and then a paragraph break is missing, so stretches end mid-paragraph.
            text.push_str(if copy % 4 == 1 { " " } else { "\n\n" });
            copy += 1;
        }
        for language in ["nl", "en"] {
            let segmenter = Segmenter::new(language);
            let units = units(&text);
            let one_thread = segmenter.segment_units(&text, &units, CharOffsets::new(&text));
            for parts in [2, 3, 7] {
                let groups = split_evenly(&units, parts);
                assert_eq!(groups.len(), parts);
                assert_eq!(groups.concat(), units);
            }
            for threads in [2, 3, 7] {
                let spans = segmenter.segment_on_threads(&text, threads);
                assert_eq!(spans, one_thread, "{language}, {threads} threads");
            }
            assert_eq!(segmenter.segment(&text), one_thread, "{language}");
            let last = one_thread.last().expect("sentences");
            assert_eq!(last.chars.end, text[..last.bytes.end].chars().count());
        }
    }

    #[test]
    fn quotations_hold_their_sentences_only_when_they_close() {
        // Matched, in every convention: the quotation (and its attribution) stays whole.
        check(
            "nl",
            ",,Het is klaar.'' Daarna niets.",
            &[",,Het is klaar.''", "Daarna niets."],
        );
        check(
            "nl",
            "Hij zei: „Het is klaar, echt.” Daarna niets.",
            &["Hij zei: „Het is klaar, echt.”", "Daarna niets."],
        );
        check(
            "de",
            "Sie sagte: „Nein, niemals.“ Dann ging sie.",
            &["Sie sagte: „Nein, niemals.“", "Dann ging sie."],
        );
        check(
            "de",
            "Er sagte ''nein, nie.'' Dann ging er.",
            &["Er sagte ''nein, nie.''", "Dann ging er."],
        );
        check(
            "fr",
            "Il a dit « non, jamais ». Puis il est parti.",
            &["Il a dit « non, jamais ».", "Puis il est parti."],
        );
        check(
            "en",
            "“It is done,” she said. Then she left.",
            &["“It is done,” she said.", "Then she left."],
        );
        // Unmatched opening marks never hold the sentences after them.
        for (language, opener) in [
            ("nl", ",,"),
            ("nl", "„"),
            ("de", "„"),
            ("de", "''"),
            ("fr", "« "),
            ("en", "“"),
            ("en", "\""),
            ("en", "'"),
        ] {
            let text = format!("Hij zei {opener}nee. De kat sliep. Het regende. Wij gingen.");
            let spans = segment(&text, language);
            assert_eq!(spans.len(), 4, "{language} {opener}: {text}");
        }
    }

    #[test]
    fn numbers_ordinals_addresses_and_abbreviations() {
        check(
            "de",
            "Wir haben ihn sehr genossen. 7 Tage Erholung. Die 27. Große Strafkammer tagte am 3. Oktober.",
            &[
                "Wir haben ihn sehr genossen.",
                "7 Tage Erholung.",
                "Die 27. Große Strafkammer tagte am 3. Oktober.",
            ],
        );
        check(
            "en",
            "See No. 5 and p. 12 of the report. Visit Newsfeeds.Com or http://x.example/a.asp?id=1 now. Done.",
            &[
                "See No. 5 and p. 12 of the report.",
                "Visit Newsfeeds.Com or http://x.example/a.asp?id=1 now.",
                "Done.",
            ],
        );
        check(
            "nl",
            "Hij maakte kennis met o.a. Fernand Khnopff. Dat is d.w.z. ver weg.",
            &[
                "Hij maakte kennis met o.a. Fernand Khnopff.",
                "Dat is d.w.z. ver weg.",
            ],
        );
        check(
            "en",
            "He was in love.\" [6] In his memoirs he wrote more. (Really.) Fine.",
            &[
                "He was in love.\" [6]",
                "In his memoirs he wrote more.",
                "(Really.)",
                "Fine.",
            ],
        );
    }

    #[test]
    fn splits_plain_sentences() {
        check(
            "en",
            "Hello World. My name is Jonas.",
            &["Hello World.", "My name is Jonas."],
        );
    }

    #[test]
    fn paragraph_break_ends_a_sentence() {
        check(
            "en",
            "No full stop here\n\nNext one.",
            &["No full stop here", "Next one."],
        );
        check(
            "en",
            "Ends with abbrev. etc.\n\nNext.",
            &["Ends with abbrev. etc.", "Next."],
        );
    }

    #[test]
    fn heading_lines_stand_alone() {
        check(
            "en",
            "# Title\nBody text. More.",
            &["Title", "Body text.", "More."],
        );
        check(
            "nl",
            "De nieuwe koers\nWe hebben vertrouwen in Rusland, zegt hij tegen de verslaggever.",
            &[
                "De nieuwe koers",
                "We hebben vertrouwen in Rusland, zegt hij tegen de verslaggever.",
            ],
        );
    }

    #[test]
    fn hard_wrapped_prose_is_not_a_heading() {
        check(
            "en",
            "The quick brown fox jumps over the lazy dog and then\nit runs away into the woods.",
            &["The quick brown fox jumps over the lazy dog and then\nit runs away into the woods."],
        );
    }

    #[test]
    fn quote_with_attribution_stays_one_sentence() {
        check(
            "nl",
            "Mooi hoeft het niet. “Leve Poetin”, lacht de jonge kleermaker. “Onze bondgenoot.”",
            &[
                "Mooi hoeft het niet.",
                "“Leve Poetin”, lacht de jonge kleermaker.",
                "“Onze bondgenoot.”",
            ],
        );
    }

    #[test]
    fn offsets_count_code_points() {
        let text = "🇲🇱 Vlag. Één zin.";
        let spans = segment(text, "nl");
        let chars: Vec<Range<usize>> = spans.iter().map(|s| s.chars.clone()).collect();
        assert_eq!(chars, vec![0..8, 9..17]);
        for span in &spans {
            let by_chars: String = text
                .chars()
                .skip(span.chars.start)
                .take(span.chars.len())
                .collect();
            assert_eq!(by_chars, &text[span.bytes.clone()]);
        }
    }

    #[test]
    fn auto_detects_language() {
        assert_eq!(
            resolve_language("auto", "Dit is een zin van de krant en het is waar."),
            "nl"
        );
        assert_eq!(resolve_language("EN", "whatever"), "en");
        assert_eq!(resolve_language("auto", "xyz"), crate::lang::UNKNOWN);
    }

    #[test]
    fn inline_lists_split_at_each_marker() {
        check(
            "en",
            "1. The first item 2. The second item",
            &["1. The first item", "2. The second item"],
        );
        check(
            "en",
            "a. The first item b. The second item",
            &["a. The first item", "b. The second item"],
        );
        // Numbers inside a paragraph that does not open with a marker are not a list.
        assert_eq!(
            list::inline_items("In 1. Then 2. here").collect::<Vec<_>>(),
            vec![0..18]
        );
        // Markers must follow in sequence.
        assert_eq!(
            list::inline_items("1. One 3. Three").collect::<Vec<_>>(),
            vec![0..15]
        );
    }

    #[test]
    fn stray_symbols_and_quotes_attach_to_the_right_sentence() {
        check(
            "en",
            "Mali’s new route. †\n\nText.",
            &["Mali’s new route. †", "Text."],
        );
        check(
            "en",
            "Says Muctar Mariko, chairman of the Commission. “The longer they stayed, the worse.",
            &[
                "Says Muctar Mariko, chairman of the Commission.",
                "“The longer they stayed, the worse.",
            ],
        );
    }

    #[test]
    fn lone_ellipsis_joins_the_next_sentence() {
        check(
            "nl",
            "81 procent was raak. ...en toen barste de hel los.",
            &["81 procent was raak.", "...en toen barste de hel los."],
        );
    }

    proptest::proptest! {
        #[test]
        fn spans_are_ordered_trimmed_and_in_bounds(
            text in "(\\PC|[ .!?\n⁃“”\"1a]){0,200}",
            language in proptest::sample::select(vec!["en", "nl", "und", "auto"]),
        ) {
            let spans = segment(&text, language);
            let mut previous_end = 0;
            for span in &spans {
                proptest::prop_assert!(previous_end <= span.bytes.start);
                proptest::prop_assert!(span.bytes.start < span.bytes.end);
                let sentence = &text[span.bytes.clone()];
                proptest::prop_assert_eq!(sentence.trim(), sentence);
                proptest::prop_assert_eq!(
                    text[..span.bytes.start].chars().count(),
                    span.chars.start
                );
                proptest::prop_assert_eq!(sentence.chars().count(), span.chars.len());
                previous_end = span.bytes.end;
            }
        }
    }

    #[test]
    fn unknown_language_falls_back_to_generic_rules() {
        check("xx", "One here. Two there.", &["One here.", "Two there."]);
    }
}
