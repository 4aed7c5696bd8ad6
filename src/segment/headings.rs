//! Which lines read as headings: Markdown `#` lines, and short lines without a
//! sentence-final mark (an article's title, a subhead standing alone).

/// The text of a Markdown ATX heading line (`## Title` → `Title`), or `None`.
pub fn markdown_heading_text(line: &str) -> Option<&str> {
    let line = line.trim_start();
    let n_hashes = line.bytes().take_while(|&b| b == b'#').count();
    if n_hashes == 0 || n_hashes > 6 {
        return None;
    }
    let rest = &line[n_hashes..];
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    Some(rest.trim().trim_end_matches('#').trim_end())
}

/// The longest line (in code points) that reads as a heading when it stands alone.
pub const MAX_HEADING_CHARS: usize = 150;

/// Whether a line standing alone (a paragraph of its own, or an article's first line)
/// reads as a heading: short, and not ending like a sentence. The article's title and the
/// window's heading style both use this rule.
pub fn reads_as_heading(line: &str) -> bool {
    line.chars().count() <= MAX_HEADING_CHARS && !ends_with_sentence_punctuation(line)
}

/// Whether the line's last visible character ends a sentence (closing quotes and brackets
/// after it are looked through).
pub fn ends_with_sentence_punctuation(line: &str) -> bool {
    let last = line
        .trim_end()
        .trim_end_matches(['"', '\'', '”', '’', '»', ')', ']', '*', '_'])
        .chars()
        .next_back();
    matches!(
        last,
        Some('.' | '!' | '?' | '…' | ':' | ';' | '。' | '！' | '？')
    )
}
