//! A text's units: paragraphs and lines that no sentence crosses (blank lines, headings,
//! list items), and the trimming of ranges to their non-blank text.

use std::ops::Range;

use super::{ends_with_sentence_punctuation, markdown_heading_text};

/// Shrinks `range` to exclude surrounding whitespace; `None` if nothing is left.
pub(super) fn trim_range(text: &str, range: Range<usize>) -> Option<Range<usize>> {
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
pub(super) fn units(text: &str) -> Vec<Range<usize>> {
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
pub(super) fn is_blank(line: &str) -> bool {
    let bytes = line.as_bytes();
    match bytes.iter().position(|b| !b.is_ascii_whitespace()) {
        None => true,
        Some(at) if bytes[at].is_ascii() => false,
        Some(at) => line.get(at..).is_none_or(|rest| rest.trim().is_empty()),
    }
}

/// The text after leading whitespace (without Unicode tables when it starts in ASCII).
pub(super) fn trim_start_fast(text: &str) -> &str {
    match text.as_bytes().first() {
        Some(b) if b.is_ascii() && !b.is_ascii_whitespace() => text,
        _ => text.trim_start(),
    }
}

/// Pushes a paragraph as one unit, or as several when it contains heading lines.
pub(super) fn split_block(
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
pub(super) fn heading_range(unit: &str) -> Option<Range<usize>> {
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
