//! Writing to standard output and standard error without ever panicking.
//!
//! `println!` panics when standard output is closed (`claimdesk check S | head -c1`) or
//! full (`> /dev/full`). Commands instead collect what they print and hand it to
//! [`emit`], which maps a closed pipe to [`StdoutClosed`] (the binary then exits 0
//! quietly, as `cat` does) and any other failure to an error that says what was already
//! done, so a script never retries work that succeeded.

use std::fmt;
use std::io::{ErrorKind, Write};

/// Standard output was closed by its reader; the command ends quietly.
#[derive(Debug)]
pub struct StdoutClosed;

impl fmt::Display for StdoutClosed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("standard output was closed")
    }
}

impl std::error::Error for StdoutClosed {}

/// Writes `text` to standard output and flushes it. `done` says what the command already
/// did (e.g. "saved review.ron"), for the message when writing fails for another reason
/// than a closed pipe; `None` when nothing was changed.
pub fn emit(text: &str, done: Option<&str>) -> anyhow::Result<()> {
    use std::io::IsTerminal;
    let mut out = std::io::stdout().lock();
    // A terminal interprets escape sequences: text from a page or a file is shown inert
    // there (a pipe or a file gets it as it is: it is the data).
    let shown = if out.is_terminal() {
        inert(text, false)
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    let result = out.write_all(shown.as_bytes()).and_then(|()| out.flush());
    match result {
        Ok(()) => Ok(()),
        Err(err) if err.kind() == ErrorKind::BrokenPipe => Err(StdoutClosed.into()),
        Err(err) => match done {
            Some(done) => Err(anyhow::anyhow!(
                "{done}, but could not write the report to standard output: {err}"
            )),
            None => Err(anyhow::anyhow!("cannot write to standard output: {err}")),
        },
    }
}

/// Writes one line to standard error; a closed or full stderr is ignored (there is
/// nowhere left to say anything).
pub fn note(line: impl fmt::Display) {
    let line = line.to_string();
    let _ = writeln!(std::io::stderr().lock(), "{}", inert(&line, true));
}

/// `text` with the characters a terminal would act on written as escapes (`\u{1b}`):
/// ESC and the other C0 controls but tab (and line feed, unless `one_line`: a message is
/// one line, so a file name with a line break in it cannot forge a second one), DEL and
/// the C1 controls.
pub fn inert(text: &str, one_line: bool) -> std::borrow::Cow<'_, str> {
    let acts = |c: char| {
        (c.is_control() && c != '\t' && (one_line || c != '\n')) || matches!(c, '\u{7f}'..='\u{9f}')
    };
    if !text.chars().any(acts) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        text.chars()
            .map(|c| {
                if acts(c) {
                    c.escape_unicode().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// Builds the text a command prints, line by line, for [`emit`].
#[derive(Debug, Default)]
pub struct Report(String);

impl Report {
    /// An empty report.
    pub fn new() -> Self {
        Report(String::new())
    }

    /// Appends one line.
    pub fn line(&mut self, line: impl fmt::Display) {
        use fmt::Write as _;
        let _ = writeln!(self.0, "{line}");
    }

    /// The text so far.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An error and its causes on one line, `outer: inner: innermost`, each cause once: core
/// errors often quote their cause already, and saying it twice only confuses.
pub fn error_chain(err: &anyhow::Error) -> String {
    let mut line = err.to_string();
    for cause in err.chain().skip(1) {
        let cause = cause.to_string();
        if !line.contains(&cause) {
            line.push_str(": ");
            line.push_str(&cause);
        }
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 29, finding 8: what a terminal would act on is shown as escapes; a message
    /// stays one line.
    #[test]
    fn escape_sequences_and_line_breaks_are_shown_inert() {
        let page = "Title\u{1b}]0;pwned\u{7}\nnext line\tand a tab";
        assert_eq!(
            inert(page, false),
            "Title\\u{1b}]0;pwned\\u{7}\nnext line\tand a tab"
        );
        assert_eq!(
            inert("cannot read a\nerror: forged.txt", true),
            "cannot read a\\u{a}error: forged.txt"
        );
        assert!(matches!(
            inert("plain", true),
            std::borrow::Cow::Borrowed(_)
        ));
    }
    use anyhow::Context;

    #[test]
    fn error_chain_says_each_cause_once() {
        let io = std::io::Error::other("disk full");
        let err = Err::<(), _>(io)
            .context("cannot save to a.ron while writing: disk full")
            .context("saving a.ron")
            .expect_err("error");
        assert_eq!(
            error_chain(&err),
            "saving a.ron: cannot save to a.ron while writing: disk full"
        );
    }
}
