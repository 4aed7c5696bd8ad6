//! Our own rules on top of the library, applied to the sentences of one unit.

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
    split_before_numbers(text, ranges, super::parallel::Cursor::new(stops), rules);
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
        || last == b'.' && (ends_in_spaced_ellipsis(previous) || last_word_may_continue(previous))
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
    mut stops: super::parallel::Cursor<'_>,
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
            let rest_start = range.start + cut + (rest_text.len() - rest_text.trim_start().len());
            ranges[idx] = range.start..range.start + cut;
            ranges.insert(idx + 1, rest_start..range.end);
            rest_stops = Some(&inner_stops[inner_stops.partition_point(|&at| at < rest_start)..]);
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
        while end < bytes.len() && matches!(bytes[end], b'.' | b'!' | b'?' | b')' | b'"' | b'\'') {
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
fn is_ordinal_or_inner_abbreviation(previous: &str, current: &str, rules: &LanguageRules) -> bool {
    let Some(last) = previous.split_whitespace().next_back() else {
        return false;
    };
    let Some(number) = last.strip_suffix('.') else {
        return false;
    };
    let next_word = current.split_whitespace().next().unwrap_or("");
    if !number.is_empty() && number.len() <= 3 && number.bytes().all(|b| b.is_ascii_digit()) {
        let before = previous.split_whitespace().rev().nth(1).unwrap_or("");
        return next_word.starts_with(char::is_uppercase) && rules.is_ordinal(before, next_word);
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
