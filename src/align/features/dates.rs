//! Dates and clock times written in figures, read alike in every notation.

/// A date written in figures.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct NumericDate {
    pub(super) bytes: std::ops::Range<usize>,
    pub(super) year: u16,
    pub(super) day: u8,
}

/// The dates written in figures in `text`: year first (2024-01-31, 2024/1/31) or last
/// (31-01-2024, 31.01.2024, 31/01/2024), with the same separator twice. A year-last date
/// is read day first, except where the first part cannot be a day's month and the
/// second can (01/31/2024), and in English with slashes, where the month comes first
/// unless the middle part cannot be a month (American 03/04/2024 is 4 March).
pub(super) fn numeric_dates(text: &str, lang: &str) -> Vec<NumericDate> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let is_start = bytes[at].is_ascii_digit()
            && (at == 0 || !(bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'.'));
        if !is_start {
            at += 1;
            continue;
        }
        let Some(date) = date_at(bytes, at, lang) else {
            // Skip the rest of this run of digits and separators.
            at += 1;
            while at < bytes.len() && bytes[at].is_ascii_digit() {
                at += 1;
            }
            continue;
        };
        at = date.bytes.end;
        out.push(date);
    }
    out
}

/// The date written in figures that starts at byte `start`.
pub(super) fn date_at(bytes: &[u8], start: usize, lang: &str) -> Option<NumericDate> {
    let digits = |from: usize| {
        bytes[from.min(bytes.len())..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    let number = |from: usize, len: usize| -> Option<u32> {
        std::str::from_utf8(bytes.get(from..from + len)?)
            .ok()?
            .parse()
            .ok()
    };
    let n1 = digits(start);
    let sep = *bytes.get(start + n1)?;
    if !matches!(sep, b'-' | b'/' | b'.') {
        return None;
    }
    let second = start + n1 + 1;
    let n2 = digits(second);
    if bytes.get(second + n2) != Some(&sep) {
        return None;
    }
    let third = second + n2 + 1;
    let n3 = digits(third);
    let end = third + n3;
    // Not part of a longer number or word (1.2.3.4, 10-12-2024x).
    let ends_cleanly = bytes
        .get(end)
        .is_none_or(|&b| !(b.is_ascii_alphanumeric() || (b == sep && digits(end + 1) > 0)));
    if !ends_cleanly {
        return None;
    }
    let (p1, p2, p3) = (number(start, n1)?, number(second, n2)?, number(third, n3)?);
    let (year, month, day) = match (n1, n2, n3) {
        (4, 1..=2, 1..=2) => (p1, p2, p3),
        (1..=2, 1..=2, 4) => {
            let month_first = if lang == "en" && sep == b'/' {
                p1 <= 12
            } else {
                p1 <= 12 && p2 > 12
            };
            if month_first {
                (p3, p1, p2)
            } else {
                (p3, p2, p1)
            }
        }
        _ => return None,
    };
    let is_date =
        (1800..2100).contains(&year) && (1..=12).contains(&month) && (1..=31).contains(&day);
    is_date.then_some(NumericDate {
        bytes: start..end,
        year: year as u16,
        day: day as u8,
    })
}

/// A time of day in one token: hours and minutes with a dot before a word for the hour
/// (06.30 uur, 7.30 Uhr, 7.30 pm), or with an h (19h30).
pub(super) fn clock_time(token: &str, next: Option<&str>) -> Option<(u64, u64)> {
    let (hours, minutes) = token.split_once('h').or_else(|| {
        let is_hour_word = matches!(next, Some("uur" | "uhr" | "h" | "am" | "pm"));
        is_hour_word.then(|| token.split_once(['.', ':'])).flatten()
    })?;
    let all_digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    if !(all_digits(hours) && all_digits(minutes) && hours.len() <= 2 && minutes.len() == 2) {
        return None;
    }
    let (hour, minute): (u64, u64) = (hours.parse().ok()?, minutes.parse().ok()?);
    (hour < 24 && minute < 60).then_some((hour, minute))
}

pub(super) fn sentence_has_percent_after(sentence: &str, token: &str) -> bool {
    sentence
        .find(token)
        .map(|at| sentence[at + token.len()..].trim_start().starts_with('%'))
        .unwrap_or(false)
}
