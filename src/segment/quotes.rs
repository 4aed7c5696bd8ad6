//! Quotation marks the library must not trust: before the text reaches `sentencex`, an
//! opening mark that has no closing mark nearby (a stray `"`, an apostrophe used as a
//! quote, a quotation that never ends) is blanked out, so it cannot open a "quotation"
//! that swallows every sentence after it. Pairs are found the way a reader finds them:
//! an opening mark starts a word, its closing mark ends one, within one paragraph and
//! within [`MAX_QUOTE_BYTES`]. Dutch `,,` opens a quotation too; it becomes `''` so the
//! library sees a quotation mark rather than two commas.
//!
//! Every replacement keeps the byte length, so offsets into the blanked text are offsets
//! into the original.

/// Fills `out` with the positions `searches` find, in text order. Each search is a SIMD
/// `memchr` over the text, so text without the bytes sought costs almost nothing;
/// collecting each into one vector keeps the per-position cost to a push.
macro_rules! positions {
    ($out:expr; $($search:expr),+ $(,)?) => {{
        let out: &mut Vec<usize> = $out;
        out.clear();
        $(out.extend($search);)+
        out.sort_unstable();
    }};
}

/// The longest quotation (in bytes) whose sentences stay together; a longer one is
/// treated as unmatched.
pub const MAX_QUOTE_BYTES: usize = 600;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mark {
    /// `"`
    Straight,
    /// `'` (not inside a word)
    Apostrophe,
    /// `“`
    LeftDouble,
    /// `”`
    RightDouble,
    /// `„`
    LowDouble,
    /// `‘`
    LeftSingle,
    /// `’`
    RightSingle,
    /// `‚`
    LowSingle,
    /// `«`
    LeftGuillemet,
    /// `»`
    RightGuillemet,
    /// `‹`
    LeftSingleGuillemet,
    /// `›`
    RightSingleGuillemet,
    /// `,,` (Dutch)
    DoubleComma,
    /// `''`
    DoubleApostrophe,
    /// ``` `` ```
    DoubleBacktick,
}

impl Mark {
    /// The marks that can close a quotation this mark opens.
    fn closes(self, closer: Mark) -> bool {
        use Mark::*;
        match self {
            Straight => matches!(closer, Straight),
            Apostrophe => matches!(closer, Apostrophe | RightSingle),
            LeftDouble => matches!(closer, RightDouble | Straight),
            LowDouble | DoubleComma => {
                matches!(
                    closer,
                    LeftDouble | RightDouble | DoubleApostrophe | Straight
                )
            }
            LeftSingle => matches!(closer, RightSingle | Apostrophe),
            LowSingle => matches!(closer, LeftSingle | RightSingle),
            LeftGuillemet => matches!(closer, RightGuillemet),
            RightGuillemet => matches!(closer, LeftGuillemet),
            LeftSingleGuillemet => matches!(closer, RightSingleGuillemet),
            RightSingleGuillemet => matches!(closer, LeftSingleGuillemet),
            DoubleApostrophe | DoubleBacktick => matches!(closer, DoubleApostrophe),
            RightDouble | RightSingle => false,
        }
    }

    /// Whether the mark is only ever a closing one.
    fn only_closes(self) -> bool {
        matches!(self, Mark::RightDouble | Mark::RightSingle)
    }
}

/// A quotation mark in the text.
#[derive(Clone, Copy, Debug)]
struct Token {
    mark: Mark,
    start: usize,
    len: usize,
    /// Starts a word: the text before it is a space (or an opening bracket, a dash, the
    /// start) and a non-space follows.
    can_open: bool,
    /// Ends a word: a non-space before it, and a space, punctuation or the end after it.
    can_close: bool,
}

/// Whether the library's `pieces` of a unit (ranges of `text`) show signs of a misread
/// mark: a sentence holding a quotation mark or bracket and a stop followed by a capital
/// or a digit inside it, a split with no space (`news.asp?` | `ArticleID`), or Dutch `,,`
/// (`has_double_comma`). `stops` are the positions of every `.`, `!` and `?` in the
/// unit, in order (found once per chunk: a search per piece costs more than the pieces).
pub fn may_misread(
    text: &str,
    pieces: &[std::ops::Range<usize>],
    stops: &[usize],
    has_double_comma: bool,
) -> bool {
    if has_double_comma {
        return true;
    }
    if pieces.windows(2).any(|pair| pair[0].end == pair[1].start) {
        return true;
    }
    let bytes = text.as_bytes();
    // Stops and pieces are both in text order: walk them together. A stop inside a
    // piece is followed by a space, so a piece's last byte is never an inner stop.
    let mut pieces = pieces.iter().peekable();
    for &at in stops {
        while pieces.next_if(|piece| piece.end <= at + 1).is_some() {}
        let Some(piece) = pieces.peek() else {
            return false;
        };
        if at < piece.start {
            continue;
        }
        let rest = &bytes[at + 1..piece.end];
        let after_space = rest.iter().position(|b| !b.is_ascii_whitespace());
        let is_inner_stop = matches!(after_space, Some(n) if n > 0)
            && after_space.and_then(|n| rest.get(n)).is_some_and(|&b| {
                b.is_ascii_uppercase()
                    || b.is_ascii_digit()
                    || b >= 0x80
                    || matches!(b, b'"' | b'\'' | b'(' | b'`')
            });
        if !is_inner_stop {
            continue;
        }
        // Few pieces have such a stop; only those are searched for marks.
        let piece_bytes = &bytes[(*piece).clone()];
        if memchr::memchr3(b'"', b'\'', 0xE2, piece_bytes).is_some()
            || memchr::memchr3(b'(', b'[', 0xC2, piece_bytes).is_some()
            || memchr::memchr3(b'`', b'<', b'{', piece_bytes).is_some()
        {
            return true;
        }
        // This piece has no marks: its other stops need no look.
        pieces.next();
    }
    false
}

/// The positions of Dutch `,,` in `bytes`, in order.
pub fn double_commas(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    DOUBLE_COMMA.find_iter(bytes)
}

/// Working buffers for [`blank_misleading_quotes`], kept from one call to the next: most calls change
/// nothing, and allocating these anew each time cost as much as the work itself.
#[derive(Default)]
pub struct Scratch {
    candidates: Vec<usize>,
    tokens: Vec<Token>,
    is_paired: Vec<bool>,
    open: Vec<usize>,
    paragraph_breaks: Vec<usize>,
    open_brackets: Vec<(usize, u8)>,
    unmatched_brackets: Vec<usize>,
    address_stops: Vec<usize>,
}

/// `text` with untrustworthy quotation marks blanked (and Dutch `,,` as `''`); `None`
/// when nothing needs to change.
pub fn blank_misleading_quotes(text: &str, scratch: &mut Scratch) -> Option<String> {
    let Scratch {
        candidates,
        tokens,
        is_paired,
        open,
        paragraph_breaks,
        open_brackets,
        unmatched_brackets,
        address_stops,
    } = scratch;
    find_tokens(text, candidates, tokens);
    paragraph_breaks.clear();
    if !tokens.is_empty() {
        let bytes = text.as_bytes();
        paragraph_breaks.extend(
            memchr::memchr_iter(b'\n', bytes).filter(|&at| bytes.get(at + 1) == Some(&b'\n')),
        );
    }
    is_paired.clear();
    is_paired.resize(tokens.len(), false);
    // Open quotations, innermost last.
    open.clear();
    for (idx, token) in tokens.iter().enumerate() {
        // A quotation left open too long, or across a paragraph, was never one.
        open.retain(|&o| {
            let opener = &tokens[o];
            let breaks_before = |at: usize| paragraph_breaks.partition_point(|&b| b < at);
            token.start - opener.start <= MAX_QUOTE_BYTES
                && breaks_before(opener.start) == breaks_before(token.start)
        });
        if token.can_close
            && let Some(depth) = open
                .iter()
                .rposition(|&o| tokens[o].mark.closes(token.mark))
        {
            let opener = open[depth];
            open.truncate(depth);
            is_paired[opener] = true;
            is_paired[idx] = true;
            continue;
        }
        if token.can_open && !token.mark.only_closes() {
            open.push(idx);
        }
    }
    find_unmatched_brackets(text, candidates, open_brackets, unmatched_brackets);
    find_address_stops(text, candidates, address_stops);
    let needs_change = !unmatched_brackets.is_empty()
        || !address_stops.is_empty()
        || tokens.iter().zip(is_paired.iter()).any(|(token, &paired)| {
            token.mark == Mark::DoubleComma || (!paired && blank_if_unpaired(token))
        });
    if !needs_change {
        return None;
    }
    let mut bytes = text.as_bytes().to_vec();
    for &at in unmatched_brackets.iter() {
        bytes[at] = b' ';
    }
    for &at in address_stops.iter() {
        bytes[at] = b'_';
    }
    for (token, &paired) in tokens.iter().zip(is_paired.iter()) {
        let range = token.start..token.start + token.len;
        if paired && token.mark == Mark::DoubleComma {
            bytes[range].copy_from_slice(b"''");
        } else if !paired && blank_if_unpaired(token) {
            bytes[range].fill(b' ');
        }
    }
    // Only whole marks were replaced, by ASCII of the same length.
    String::from_utf8(bytes).ok()
}

/// Top-level domains and file types that make `word.com` or `Newsfeeds.Com` an address.
const ADDRESS_ENDINGS: &[&str] = &[
    "com", "org", "net", "edu", "gov", "info", "io", "nl", "be", "de", "fr", "eu", "uk", "ch",
    "at", "ru", "co", "html", "htm", "php", "asp", "aspx", "pdf",
];

/// Stops inside web addresses, e-mail addresses and domain names (`news.asp?ArticleID=1`,
/// `j.doe@example.org`, `Newsfeeds.Com`): the library would end a sentence there. Each
/// becomes `_` (its offset is put in `stops`); a stop that ends the address before a
/// space stays.
fn find_address_stops(text: &str, candidates: &mut Vec<usize>, stops: &mut Vec<usize>) {
    let bytes = text.as_bytes();
    stops.clear();
    let mut last_word_start = usize::MAX;
    // Only words with `@` or a stop glued to a letter or digit can be addresses.
    positions!(candidates;
        memchr::memchr3_iter(b'.', b'?', b'!', bytes)
            .filter(|&at| bytes.get(at + 1).is_some_and(u8::is_ascii_alphanumeric)),
        memchr::memchr_iter(b'@', bytes),
    );
    for &at in candidates.iter() {
        let word_start = bytes[..at]
            .iter()
            .rposition(u8::is_ascii_whitespace)
            .map_or(0, |p| p + 1);
        if word_start == last_word_start {
            continue;
        }
        last_word_start = word_start;
        let word_end = bytes[at..]
            .iter()
            .position(u8::is_ascii_whitespace)
            .map_or(bytes.len(), |p| at + p);
        let word = &text[word_start..word_end];
        if is_address(word) {
            let trimmed = word.trim_end_matches(['.', '?', '!', ',', ';', ':', ')', '"', '\'']);
            for (offset, b) in trimmed.bytes().enumerate() {
                if matches!(b, b'.' | b'?' | b'!') {
                    stops.push(word_start + offset);
                }
            }
        }
    }
}

/// Whether a whitespace-delimited `word` is a web or e-mail address or a domain name.
fn is_address(word: &str) -> bool {
    if !word.bytes().any(|b| matches!(b, b'.' | b'?' | b'!')) {
        return false;
    }
    if word.contains("://") || word.starts_with("www.") || word.contains('@') {
        return true;
    }
    // `name.com`, `Newsfeeds.Com` (after trailing punctuation is dropped).
    let core = word.trim_end_matches(|c: char| !c.is_alphanumeric());
    core.rsplit_once('.').is_some_and(|(head, ending)| {
        !head.is_empty()
            && head.chars().next_back().is_some_and(char::is_alphanumeric)
            && ADDRESS_ENDINGS.contains(&ending.to_ascii_lowercase().as_str())
    })
}

/// The longest bracketed passage (in bytes) the library may treat as one.
pub const MAX_BRACKET_BYTES: usize = 300;

/// Puts in `unmatched` the byte offsets of opening brackets (`(`, `[`, `{`, `<`) that no
/// closing bracket of the same kind follows within [`MAX_BRACKET_BYTES`] and the
/// paragraph: an emoticon `:(` or a stray `<` would otherwise hold every sentence up to
/// some later bracket. `open` holds the brackets open so far, innermost last: (offset,
/// closing byte).
fn find_unmatched_brackets(
    text: &str,
    candidates: &mut Vec<usize>,
    open: &mut Vec<(usize, u8)>,
    unmatched: &mut Vec<usize>,
) {
    let bytes = text.as_bytes();
    positions!(candidates;
        memchr::memchr3_iter(b'(', b'[', b'{', bytes),
        memchr::memchr3_iter(b')', b']', b'}', bytes),
        memchr::memchr3_iter(b'<', b'>', b'\n', bytes),
    );
    unmatched.clear();
    open.clear();
    for &at in candidates.iter() {
        let b = bytes[at];
        let close = match b {
            b'(' => Some(b')'),
            b'[' => Some(b']'),
            b'{' => Some(b'}'),
            b'<' => Some(b'>'),
            _ => None,
        };
        if let Some(close) = close {
            open.push((at, close));
            continue;
        }
        if b == b'\n' {
            if bytes.get(at + 1) == Some(&b'\n') {
                unmatched.extend(open.drain(..).map(|(o, _)| o));
            }
            continue;
        }
        if let Some(depth) = open.iter().rposition(|&(_, c)| c == b) {
            // Brackets opened inside and never closed were not brackets.
            unmatched.extend(open.drain(depth + 1..).map(|(o, _)| o));
            let (opened, _) = open.pop().unwrap_or((at, b));
            if at - opened > MAX_BRACKET_BYTES {
                unmatched.push(opened);
            }
        }
    }
    unmatched.extend(open.drain(..).map(|(o, _)| o));
    unmatched.sort_unstable();
}

/// How many bytes at the end of `original` are a quotation mark that `blanked` (the same
/// text, blanked) has blanked.
pub fn blanked_before(original: &str, blanked: &str) -> usize {
    let Some(c) = original.chars().next_back() else {
        return 0;
    };
    let len = c.len_utf8();
    let was_mark = matches!(
        c,
        '"' | '\'' | ',' | '`' | '“' | '„' | '‘' | '‚' | '«' | '»' | '‹' | '›'
    );
    if was_mark
        && blanked
            .as_bytes()
            .get(blanked.len() - len..)
            .is_some_and(|b| b.iter().all(|&b| b == b' '))
    {
        // `,,` and `''` are two bytes of the same mark.
        let double = original[..original.len() - len].ends_with(c) && matches!(c, ',' | '\'' | '`');
        if double { 2 * len } else { len }
    } else {
        0
    }
}

/// Whether an unpaired mark is blanked: one that could open a quotation (the library
/// would let it run on), or a symmetric mark it could pair with a later one. A lone
/// closing mark after a word (`Jesus'`, `peoples’`) stays: it opens nothing.
fn blank_if_unpaired(token: &Token) -> bool {
    match token.mark {
        Mark::RightSingle | Mark::RightDouble => false,
        Mark::Apostrophe => token.can_open,
        Mark::DoubleComma => true,
        _ => token.can_open || !token.can_close,
    }
}

/// Finds `,,` (built once: a finder costs more to build than to run on a paragraph).
static DOUBLE_COMMA: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b",,"));

/// Puts the quotation marks of `text` in `tokens`, in order.
fn find_tokens(text: &str, candidates: &mut Vec<usize>, tokens: &mut Vec<Token>) {
    let bytes = text.as_bytes();
    positions!(candidates;
        memchr::memchr3_iter(b'"', b'\'', 0xE2, bytes),
        memchr::memchr2_iter(b'`', 0xC2, bytes),
        DOUBLE_COMMA.find_iter(bytes),
    );
    tokens.clear();
    let mut consumed_until = 0;
    for &at in candidates.iter() {
        if at < consumed_until {
            continue;
        }
        // The common case, an ASCII apostrophe inside a word (`it's`), needs no decoding.
        if bytes[at] == b'\''
            && at > 0
            && bytes[at - 1].is_ascii_alphanumeric()
            && bytes.get(at + 1).is_some_and(u8::is_ascii_alphanumeric)
        {
            continue;
        }
        let Some(c) = text[at..].chars().next() else {
            continue;
        };
        let previous = text[..at].chars().next_back();
        let next = text[at + c.len_utf8()..].chars().next();
        let (mark, len) = match c {
            '"' => (Mark::Straight, 1),
            '\'' if next == Some('\'') => (Mark::DoubleApostrophe, 2),
            '\'' | '’' => {
                // Inside a word (`don't`, `l'eau`) it is an apostrophe, never a quote.
                let inside_word = previous.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric);
                if inside_word {
                    continue;
                }
                if c == '\'' {
                    (Mark::Apostrophe, 1)
                } else {
                    (Mark::RightSingle, 3)
                }
            }
            '`' if next == Some('`') => (Mark::DoubleBacktick, 2),
            ',' if next == Some(',') => (Mark::DoubleComma, 2),
            '“' => (Mark::LeftDouble, 3),
            '”' => (Mark::RightDouble, 3),
            '„' => (Mark::LowDouble, 3),
            '‘' => (Mark::LeftSingle, 3),
            '‚' => (Mark::LowSingle, 3),
            '«' => (Mark::LeftGuillemet, 2),
            '»' => (Mark::RightGuillemet, 2),
            '‹' => (Mark::LeftSingleGuillemet, 3),
            '›' => (Mark::RightSingleGuillemet, 3),
            _ => continue,
        };
        consumed_until = at + len;
        let after = text[at + len..].chars().next();
        let before_is_open = previous.is_none_or(|p| {
            p.is_whitespace() || matches!(p, '(' | '[' | '{' | '-' | '–' | '—' | '/' | ':')
        });
        let after_is_word = after.is_some_and(|a| !a.is_whitespace());
        let before_is_word = previous.is_some_and(|p| !p.is_whitespace());
        let after_is_end = after.is_none_or(|a| {
            a.is_whitespace() || (a.is_ascii_punctuation() && a != '(' && a != '[') || a == '…'
        });
        // French spacing puts a (no-break) space inside guillemets: « non ».
        let is_guillemet = matches!(
            mark,
            Mark::LeftGuillemet
                | Mark::RightGuillemet
                | Mark::LeftSingleGuillemet
                | Mark::RightSingleGuillemet
        );
        tokens.push(Token {
            mark,
            start: at,
            len,
            can_open: before_is_open && (after_is_word || is_guillemet),
            can_close: (before_is_word || is_guillemet) && after_is_end,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blanked(text: &str) -> String {
        blank_misleading_quotes(text, &mut Scratch::default()).unwrap_or_else(|| text.to_owned())
    }

    #[test]
    fn paired_quotes_stay_and_strays_are_blanked() {
        // Matched pairs in every convention stay as they are.
        for text in [
            "He said \"No. Never.\" Then he left.",
            "“Leve Poetin”, lacht hij. “Onze bondgenoot.”",
            "Sie sagte: „Nein, niemals.“ Dann ging sie.",
            "Il a dit « non ». Puis il est parti.",
            "Er sagte ''nein.'' Dann ging er.",
            "She wrote 'never' and left. It's fine, isn't it?",
        ] {
            assert_eq!(blanked(text), text, "{text}");
        }
        // An opening mark that never closes is blanked, byte for byte.
        let text = "Hab 'ich vorher nie gesehen. Der Chef ist nett. Service gut.";
        let out = blanked(text);
        assert_eq!(out.len(), text.len());
        assert!(!out.contains('\''), "{out}");
        let text = "Er sagte \"nein. Das Haus ist rot. Sie kam.";
        assert!(!blanked(text).contains('"'));
        // A stray mark before a real pair does not pair with the pair's opener.
        let text = "Er sagte \"nein. Das \"Haus\" ist rot.";
        let out = blanked(text);
        assert_eq!(&out[9..10], " ", "{out}");
        assert!(out.contains("\"Haus\""), "{out}");
        // Possessive apostrophes stay.
        assert_eq!(
            blanked("Jesus' words. The peoples’ choice."),
            "Jesus' words. The peoples’ choice."
        );
    }

    #[test]
    fn stops_inside_addresses_are_not_sentence_ends() {
        let out = blanked(
            "See http://x.example/news.asp?ArticleID=12. Then Newsfeeds.Com, or j.doe@example.org.",
        );
        assert!(
            out.contains("http://x_example/news_asp_ArticleID=12. Then"),
            "{out}"
        );
        assert!(out.contains("Newsfeeds_Com,"), "{out}");
        assert!(out.contains("j_doe@example_org."), "{out}");
        // Abbreviations and ordinary sentence ends are left alone.
        assert_eq!(
            blank_misleading_quotes(
                "Het gebeurde o.a. in Gent. Dat is z.B. ver.",
                &mut Scratch::default()
            ),
            None
        );
    }

    #[test]
    fn quotations_are_bounded_by_length_and_paragraph() {
        let long = format!("\"{}\" End.", "Word word word. ".repeat(60));
        assert!(
            !blanked(&long).starts_with('"'),
            "a 960-byte quotation is not trusted"
        );
        let split = "\"Start here.\n\nNew paragraph.\" End.";
        assert!(!blanked(split).starts_with('"'));
    }

    #[test]
    fn dutch_double_commas_open_a_quotation() {
        let text = "Aldus de religieuzen. ,,Het is klaar.'' Daarna niets.";
        let out = blanked(text);
        assert!(out.contains(". ''Het is klaar.''"), "{out}");
        assert_eq!(out.len(), text.len());
        // Unpaired: blanked, never left as two commas before a capital.
        let out = blanked("Aldus de religieuzen. ,,Het is klaar. Daarna niets.");
        assert!(out.contains(".   Het"), "{out}");
    }
}
