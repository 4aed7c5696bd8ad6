//! Quoted passages of a sentence, with their keys: which marks open and close a
//! quotation, and when a straight single quote is an apostrophe.

use super::tables::is_stop_word;
use super::{Key, Quote, cognate_key, fold, name_key, parse_number, tokens};

/// Passages between quotation marks, with their cognate keys.
pub(super) fn quotes(sentence: &str) -> Vec<Quote> {
    let mut out = Vec::new();
    let mut rest = sentence;
    while let Some((passage, after_close)) = next_quotation(rest) {
        rest = after_close;
        let passage = passage.trim();
        if passage.chars().count() >= 3 {
            let keys = tokens(passage)
                .iter()
                .flat_map(|t| {
                    let folded = fold(t);
                    let is_name = t.chars().next().is_some_and(char::is_uppercase)
                        && folded.chars().count() >= 3
                        && !is_stop_word(&folded);
                    let figure = parse_number(t).map(Key::Number);
                    let name = is_name.then(|| Key::Name(name_key(&folded).into()));
                    // A capitalised word is also a word: German "Reguläre" shares its
                    // stem with English "regular".
                    [figure, name, cognate_key(&folded)]
                })
                .flatten()
                .collect();
            out.push((passage.to_owned(), keys));
        }
    }
    out
}

/// The first quoted passage of `text` and the text after its closing mark. Straight
/// single quotes count only as a pair around words ('voor andere taken'), so that
/// apostrophes (don't, Malians', Dutch 's ochtends) are not read as quotation marks.
pub(super) fn next_quotation(text: &str) -> Option<(&str, &str)> {
    let mut search_from = 0;
    loop {
        let open = search_from + text[search_from..].find(['“', '"', '‘', '«', '„', '‚', '\''])?;
        let open_char = text[open..].chars().next()?;
        let after = &text[open + open_char.len_utf8()..];
        let close = if open_char == '\'' {
            straight_single_close(&text[..open], after)
        } else {
            let close_char = match open_char {
                '“' => '”',
                '‘' => '’',
                '«' => '»',
                // German: „…“ and ‚…‘.
                '„' => '“',
                '‚' => '‘',
                other => other,
            };
            // An unclosed mark of its own kind quotes nothing after it.
            Some((after.find(close_char)?, close_char.len_utf8()))
        };
        match close {
            Some((close, close_len)) => {
                return Some((&after[..close], &after[close + close_len..]));
            }
            None => search_from = open + open_char.len_utf8(),
        }
    }
}

/// Where a straight single quote that opens a quotation closes in `after` (the text
/// after the mark; `before` is the text before it), or `None` when the mark is an
/// apostrophe.
pub(super) fn straight_single_close(before: &str, after: &str) -> Option<(usize, usize)> {
    let opens_word = before
        .chars()
        .next_back()
        .is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '{' | '/' | '-' | '—' | '–'));
    let mut chars = after.chars();
    let starts_word = chars.next().is_some_and(char::is_alphanumeric);
    // Dutch elisions: 's ochtends, 't, 'n.
    let is_elision = chars.next().is_none_or(char::is_whitespace);
    if !(opens_word && starts_word) || is_elision {
        return None;
    }
    after.char_indices().find_map(|(at, c)| {
        let closes = c == '\''
            && after[..at]
                .chars()
                .next_back()
                .is_some_and(|c| !c.is_whitespace())
            && after[at + 1..]
                .chars()
                .next()
                .is_none_or(|c| c.is_whitespace() || c.is_ascii_punctuation() || c == '’');
        closes.then_some((at, 1))
    })
}
