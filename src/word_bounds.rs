//! Word boundaries inside a sentence, for selecting part of it: a dragged span snaps to
//! whole words, and the keyboard moves either end of a span by a word (as INCEpTION and
//! doccano do).
//!
//! A word is a run of letters and digits, with `'`, `’`, `-`, `.` and `,` kept inside it
//! when letters or digits stand on both sides (`l'armée`, `oud-kolonisator`, `10.000`).
//! Positions are code-point offsets into the text given.

/// Whether the character at `idx` of `chars` belongs to a word.
fn is_word_char(chars: &[char], idx: usize) -> bool {
    let Some(&c) = chars.get(idx) else {
        return false;
    };
    if c.is_alphanumeric() {
        return true;
    }
    let joins = matches!(c, '\'' | '’' | '-' | '.' | ',');
    let before = idx.checked_sub(1).and_then(|i| chars.get(i));
    let after = chars.get(idx + 1);
    joins
        && before.is_some_and(|b| b.is_alphanumeric())
        && after.is_some_and(|a| a.is_alphanumeric())
}

/// `start..end` widened to whole words: an end that falls inside a word moves to that
/// word's edge; whitespace at either end is dropped. `None` when nothing but spaces and
/// punctuation is left.
pub fn snap_to_words(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let chars: Vec<char> = text.chars().collect();
    let (mut start, mut end) = (start.min(chars.len()), end.min(chars.len()));
    while start > 0 && is_word_char(&chars, start) && is_word_char(&chars, start - 1) {
        start -= 1;
    }
    while end < chars.len() && end > 0 && is_word_char(&chars, end - 1) && is_word_char(&chars, end)
    {
        end += 1;
    }
    while start < end && chars[start].is_whitespace() {
        start += 1;
    }
    while end > start && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    (start < end && (start..end).any(|i| is_word_char(&chars, i))).then_some((start, end))
}

/// Which end of a span moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpanEnd {
    Start,
    End,
}

/// The span `start..end` of `text` with one end moved by a word: `grow` takes in the next
/// word beyond that end, otherwise the word at that end is let go. `None` when the span
/// cannot move that way (the text's edge, or a last remaining word).
pub fn move_by_word(
    text: &str,
    (start, end): (usize, usize),
    which: SpanEnd,
    grow: bool,
) -> Option<(usize, usize)> {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let word = |i: usize| is_word_char(&chars, i);
    let moved = match (which, grow) {
        (SpanEnd::End, true) => {
            let mut p = end;
            while p < n && !word(p) {
                p += 1;
            }
            while p < n && word(p) {
                p += 1;
            }
            // Closing punctuation right after the word goes with it (`stukken.`).
            while p < n && !word(p) && !chars[p].is_whitespace() {
                p += 1;
            }
            (start, p)
        }
        (SpanEnd::End, false) => {
            let mut p = end;
            while p > start && !word(p - 1) {
                p -= 1;
            }
            while p > start && word(p - 1) {
                p -= 1;
            }
            while p > start && !word(p - 1) {
                p -= 1;
            }
            (start, p)
        }
        (SpanEnd::Start, true) => {
            let mut p = start;
            while p > 0 && !word(p - 1) && !chars[p - 1].is_whitespace() {
                p -= 1;
            }
            while p > 0 && !word(p - 1) {
                p -= 1;
            }
            while p > 0 && word(p - 1) {
                p -= 1;
            }
            (p, end)
        }
        (SpanEnd::Start, false) => {
            let mut p = start;
            while p < end && word(p) {
                p += 1;
            }
            while p < end && !word(p) {
                p += 1;
            }
            (p, end)
        }
    };
    let is_changed = moved != (start, end);
    let has_word = (moved.0..moved.1).any(word);
    (is_changed && moved.0 < moved.1 && has_word).then_some(moved)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Zeker 10.000 mensen zijn door het oud-koloniale geweld omgekomen.";

    fn slice(text: &str, (start, end): (usize, usize)) -> String {
        text.chars().skip(start).take(end - start).collect()
    }

    #[test]
    fn a_drag_snaps_to_whole_words() {
        // "ker 10.0" → "Zeker 10.000"
        let snapped = snap_to_words(TEXT, 2, 10).expect("words");
        assert_eq!(slice(TEXT, snapped), "Zeker 10.000");
        // Starting on a space, ending inside "oud-koloniale".
        let at = TEXT.find(" zijn").expect("zijn");
        let end = TEXT.find("koloniale").expect("koloniale") + 3;
        let snapped = snap_to_words(TEXT, at, end).expect("words");
        assert_eq!(slice(TEXT, snapped), "zijn door het oud-koloniale");
        assert_eq!(snap_to_words(TEXT, 5, 6), None, "a space alone");
        assert_eq!(
            snap_to_words("l'armée recule", 3, 4).map(|s| slice("l'armée recule", s)),
            Some("l'armée".to_owned())
        );
    }

    #[test]
    fn either_end_moves_by_a_word() {
        let span = snap_to_words(TEXT, 6, 12).expect("10.000");
        let grown = move_by_word(TEXT, span, SpanEnd::End, true).expect("grow end");
        assert_eq!(slice(TEXT, grown), "10.000 mensen");
        let back = move_by_word(TEXT, grown, SpanEnd::End, false).expect("shrink end");
        assert_eq!(slice(TEXT, back), "10.000");
        let wider = move_by_word(TEXT, back, SpanEnd::Start, true).expect("grow start");
        assert_eq!(slice(TEXT, wider), "Zeker 10.000");
        let narrower = move_by_word(TEXT, wider, SpanEnd::Start, false).expect("shrink start");
        assert_eq!(slice(TEXT, narrower), "10.000");
        assert_eq!(
            move_by_word(TEXT, narrower, SpanEnd::End, false),
            None,
            "a last word stays"
        );
        assert_eq!(
            move_by_word(TEXT, wider, SpanEnd::Start, true),
            None,
            "the text's edge"
        );
        let whole = (0, TEXT.chars().count() - 1);
        let to_end = move_by_word(TEXT, whole, SpanEnd::End, true).expect("the full stop");
        assert_eq!(slice(TEXT, to_end), TEXT);
    }
}
