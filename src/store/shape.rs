//! The cheap structural check made before a file is replaced by a session: is what is on
//! disk a whole session (not an article picked by mistake, not a file cut short)? One pass,
//! no parsing, so it stays cheap for large sessions.

/// Whether `bytes` look like a whole session file: UTF-8, a parenthesised RON value whose
/// first field is `version`, with brackets balanced outside string literals.
pub(super) fn check_session_shape(bytes: &[u8]) -> Result<(), String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "not UTF-8 text".to_owned())?;
    let body = text.trim_start().trim_start_matches("Session").trim_start();
    let after_paren = body
        .strip_prefix('(')
        .ok_or_else(|| "it does not start like a session".to_owned())?;
    if !after_paren.trim_start().starts_with("version") {
        return Err("it has no version field at the start".to_owned());
    }
    let mut depth = 0usize;
    let mut rest = text.as_bytes();
    while let Some((&byte, tail)) = rest.split_first() {
        rest = tail;
        match byte {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => {
                depth = depth
                    .checked_sub(1)
                    .ok_or_else(|| "its brackets do not balance".to_owned())?;
            }
            b'"' => rest = skip_string(rest).ok_or_else(|| "a string is not closed".to_owned())?,
            b'/' if rest.first() == Some(&b'/') => {
                let line_end = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
                rest = &rest[line_end..];
            }
            b'/' if rest.first() == Some(&b'*') => {
                let end = rest
                    .windows(2)
                    .position(|w| w == b"*/")
                    .ok_or_else(|| "a comment is not closed".to_owned())?;
                rest = &rest[end + 2..];
            }
            b'r' if matches!(rest.first(), Some(b'#' | b'"')) => {
                rest = skip_raw_string(rest).ok_or_else(|| "a string is not closed".to_owned())?;
            }
            _ => {}
        }
    }
    if depth != 0 {
        return Err("it ends before the session does (truncated?)".to_owned());
    }
    Ok(())
}

/// Skips the rest of a `"…"` literal (the opening quote already consumed).
fn skip_string(mut rest: &[u8]) -> Option<&[u8]> {
    loop {
        let at = rest.iter().position(|&b| b == b'"' || b == b'\\')?;
        if rest[at] == b'"' {
            return Some(&rest[at + 1..]);
        }
        rest = rest.get(at + 2..)?;
    }
}

/// Skips a raw string `#…#"…"#…#` (the `r` already consumed).
fn skip_raw_string(rest: &[u8]) -> Option<&[u8]> {
    let n_hashes = rest.iter().take_while(|&&b| b == b'#').count();
    let body = rest.get(n_hashes..)?.strip_prefix(b"\"")?;
    let mut closing = vec![b'"'];
    closing.extend(std::iter::repeat_n(b'#', n_hashes));
    let at = body
        .windows(closing.len())
        .position(|w| w == closing.as_slice())?;
    Some(&body[at + closing.len()..])
}
