//! Inline enumerations: `1. First item 2. Second item` on one line is a list.

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
    let leading = unit.len() - super::units::trim_start_fast(unit).len();
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
