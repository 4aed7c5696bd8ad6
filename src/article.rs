//! Loading article text from disk: decoding, normalisation and the title.
//!
//! Articles arrive as plain text, Markdown or a saved web page (`.html`, `.htm`, also
//! gzip-compressed). Whatever the source, the text a session stores is UTF-8 with LF line
//! ends and no byte-order mark, so that offsets mean the same thing on every platform. A
//! text file that is not UTF-8 is refused with the byte offset (and line) of the first
//! offending byte, never guessed at; a web page is decoded as a browser decodes it (see
//! [`crate::html`]), and gives its main text and its own metadata.

use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::html::{Extraction, HtmlError, MAX_HTML_BYTES};
use crate::model::{ArticleMeta, DocId, Document};
use crate::store::read::{MAX_INPUT_BYTES, ReadError, read_regular};

/// How the article's text is marked up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArticleFormat {
    /// Plain text: paragraphs separated by blank lines.
    Plain,
    /// Markdown: as plain text, and `#` lines are headings.
    Markdown,
    /// A web page: its main text is extracted.
    Html,
}

impl ArticleFormat {
    /// The format implied by a file name: `.md`/`.markdown` is Markdown, `.html`/`.htm`/
    /// `.xhtml` (also with `.gz`) a web page, anything else plain text.
    pub fn from_path(path: &Path) -> Self {
        let name = path
            .file_name()
            .map(|name| name.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        let ext = name.rsplit_once('.').map_or("", |(_, ext)| ext);
        match ext {
            "md" | "markdown" => ArticleFormat::Markdown,
            "html" | "htm" | "xhtml" => ArticleFormat::Html,
            _ => ArticleFormat::Plain,
        }
    }
}

/// Whether a file name ends in `.gz`.
fn is_gzip_name(path: &Path) -> bool {
    path.extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("gz"))
}

/// A normalised article, ready to be segmented.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Article {
    /// The heading on the first line, or else the file name without extension.
    pub title: String,
    /// UTF-8, LF line ends, no BOM.
    pub text: String,
    pub format: ArticleFormat,
    /// What a web page says about itself (empty for text files).
    pub meta: ArticleMeta,
}

impl Article {
    /// The article as document `id` of a session: its text segmented in `language`
    /// (`auto` detects it, falling back to the language a web page declares), with the
    /// page's metadata.
    pub fn into_document(self, id: DocId, language: &str, origin: Option<String>) -> Document {
        let language =
            crate::lang::resolve_language_or(language, &self.text, self.meta.language.as_deref());
        let mut doc =
            crate::segment::segmented_document(id, self.title, &language, origin, self.text);
        doc.meta = self.meta;
        doc
    }
}

/// Why an article could not be loaded.
#[derive(Debug, Error)]
pub enum ArticleError {
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error(
        "{path} is not UTF-8 text: invalid byte 0x{byte:02X} at byte offset {offset} (line {line}); \
         convert it to UTF-8 first"
    )]
    NotUtf8 {
        path: PathBuf,
        offset: usize,
        line: usize,
        byte: u8,
    },
    #[error("{path} looks like a binary file (NUL byte at byte offset {offset}), not an article")]
    Binary { path: PathBuf, offset: usize },
    #[error(
        "{path} is a Claimdesk review session, not an article: open it (claimdesk open, or \
         File > Open), or give the article it reviews"
    )]
    IsSession { path: PathBuf },
    #[error("{path} is UTF-16 text ({endianness} byte-order mark); save it as UTF-8 first")]
    Utf16 {
        path: PathBuf,
        endianness: &'static str,
    },
    #[error("{path} holds no text")]
    Empty { path: PathBuf },
    #[error("{path}: {cause}")]
    Page { path: PathBuf, cause: HtmlError },
    #[error("{path} is not valid gzip: {cause}")]
    Gzip { path: PathBuf, cause: String },
    #[error("{path} inflates to more than {limit} bytes; Claimdesk reads pages of at most that")]
    TooLargeInflated { path: PathBuf, limit: usize },
}

impl ArticleError {
    /// Whether the file is a web page without an article body (its whole visible text
    /// can be taken instead, with [`Extraction::WholePage`]).
    pub fn is_no_article(&self) -> bool {
        matches!(
            self,
            ArticleError::Page {
                cause: HtmlError::NoArticle { .. },
                ..
            }
        )
    }
}

/// Reads and normalises the article at `path`; the format follows the file extension.
pub fn load_article(path: &Path) -> Result<Article, ArticleError> {
    load_article_with(path, Extraction::MainText)
}

/// [`load_article`], taking from a web page what `extraction` says.
pub fn load_article_with(path: &Path, extraction: Extraction) -> Result<Article, ArticleError> {
    let format = ArticleFormat::from_path(path);
    if format != ArticleFormat::Html {
        let bytes = read_regular(path, MAX_INPUT_BYTES)?;
        return parse_article(&bytes, path, format);
    }
    let raw = read_regular(path, MAX_HTML_BYTES as u64)?;
    let bytes = if is_gzip_name(path) {
        inflate(&raw, path)?
    } else {
        raw
    };
    parse_page(&bytes, path, None, None, extraction)
}

/// A gzip stream inflated, up to [`MAX_HTML_BYTES`].
fn inflate(bytes: &[u8], path: &Path) -> Result<Vec<u8>, ArticleError> {
    use std::io::Read;
    let mut out = Vec::new();
    let limit = MAX_HTML_BYTES as u64 + 1;
    flate2::read::MultiGzDecoder::new(bytes)
        .take(limit)
        .read_to_end(&mut out)
        .map_err(|err| ArticleError::Gzip {
            path: path.to_owned(),
            cause: err.to_string(),
        })?;
    if out.len() > MAX_HTML_BYTES {
        return Err(ArticleError::TooLargeInflated {
            path: path.to_owned(),
            limit: MAX_HTML_BYTES,
        });
    }
    Ok(out)
}

/// A web page's bytes as an article; `path` names it in errors (a file, or the URL it
/// was fetched from), `header_charset` and `url` come from HTTP when it was fetched.
pub fn parse_page(
    bytes: &[u8],
    path: &Path,
    header_charset: Option<&str>,
    url: Option<&str>,
    extraction: Extraction,
) -> Result<Article, ArticleError> {
    // A page in UTF-16 starts with its byte-order mark; any other NUL is a binary file.
    if encoding_rs::Encoding::for_bom(bytes).is_none()
        && let Some(offset) = memchr::memchr(0, bytes)
    {
        return Err(ArticleError::Binary {
            path: path.to_owned(),
            offset,
        });
    }
    let page = crate::html::read_page(bytes, header_charset, url, extraction).map_err(|cause| {
        ArticleError::Page {
            path: path.to_owned(),
            cause,
        }
    })?;
    let text = normalize_line_ends(&page.text);
    if text.trim().is_empty() {
        return Err(ArticleError::Empty {
            path: path.to_owned(),
        });
    }
    Ok(Article {
        title: page.title,
        text,
        format: ArticleFormat::Html,
        meta: page.meta,
    })
}

/// An article from pasted content (`name` names its source in errors): the visible text
/// of its HTML when that gives any, else its plain text.
pub fn parse_pasted(
    html: Option<&str>,
    text: Option<&str>,
    name: &Path,
) -> Result<Article, ArticleError> {
    if let Some(html) = html.filter(|html| !html.trim().is_empty())
        && let Ok(article) = parse_page(
            html.as_bytes(),
            name,
            Some("utf-8"),
            None,
            Extraction::WholePage,
        )
    {
        return Ok(article);
    }
    match text.filter(|text| !text.trim().is_empty()) {
        Some(text) => parse_article(text.as_bytes(), name, ArticleFormat::Plain),
        None => Err(ArticleError::Empty {
            path: name.to_owned(),
        }),
    }
}

/// Decodes and normalises article bytes; `path` only names the input in errors and
/// supplies the fallback title.
pub fn parse_article(
    bytes: &[u8],
    path: &Path,
    format: ArticleFormat,
) -> Result<Article, ArticleError> {
    if format == ArticleFormat::Html {
        return parse_page(bytes, path, None, None, Extraction::MainText);
    }
    if crate::store::looks_like_session(bytes) {
        return Err(ArticleError::IsSession {
            path: path.to_owned(),
        });
    }
    let text = decode(bytes, path)?;
    let text = normalize_line_ends(text);
    if text.trim().is_empty() {
        return Err(ArticleError::Empty {
            path: path.to_owned(),
        });
    }
    let title = heading_title(&text, format).unwrap_or_else(|| file_title(path));
    Ok(Article {
        title,
        text,
        format,
        meta: ArticleMeta::default(),
    })
}

fn decode<'a>(bytes: &'a [u8], path: &Path) -> Result<&'a str, ArticleError> {
    match bytes {
        [0xFF, 0xFE, ..] => {
            return Err(ArticleError::Utf16 {
                path: path.to_owned(),
                endianness: "little-endian",
            });
        }
        [0xFE, 0xFF, ..] => {
            return Err(ArticleError::Utf16 {
                path: path.to_owned(),
                endianness: "big-endian",
            });
        }
        _ => {}
    }
    if let Some(offset) = bytes.iter().position(|&byte| byte == 0) {
        return Err(ArticleError::Binary {
            path: path.to_owned(),
            offset,
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|err| {
        let offset = err.valid_up_to();
        ArticleError::NotUtf8 {
            path: path.to_owned(),
            offset,
            line: 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count(),
            byte: bytes.get(offset).copied().unwrap_or(0),
        }
    })?;
    Ok(text.strip_prefix('\u{FEFF}').unwrap_or(text))
}

/// CRLF and lone CR become LF.
fn normalize_line_ends(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_owned();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// The first line, when it reads as a heading: a Markdown `#` line, or (in any format) a
/// short line standing alone as the first paragraph with no sentence-final punctuation.
fn heading_title(text: &str, format: ArticleFormat) -> Option<String> {
    let trimmed = text.trim_start();
    let first_line = trimmed.lines().next()?.trim();
    if format == ArticleFormat::Markdown
        && let Some(heading) = crate::segment::markdown_heading_text(first_line)
    {
        return Some(heading.to_owned()).filter(|h| !h.is_empty());
    }
    let rest = &trimmed[first_line.len().min(trimmed.len())..];
    let stands_alone = rest.is_empty() || rest.starts_with("\n\n") || rest.starts_with("\n \n");
    let is_title_like = stands_alone && crate::segment::reads_as_heading(first_line);
    is_title_like.then(|| first_line.to_owned())
}

fn file_title(path: &Path) -> String {
    path.file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_else(|| "Untitled".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(bytes: &[u8]) -> Result<Article, ArticleError> {
        parse_article(bytes, Path::new("dir/story.txt"), ArticleFormat::Plain)
    }

    #[test]
    fn pasted_html_gives_its_visible_text_else_the_plain_text_is_taken() {
        let name = Path::new("the clipboard");
        let html = "<p>Het kabinet <b>stemde</b> in.</p><p>Daarna niets.</p><script>x()</script>";
        let article = parse_pasted(Some(html), Some("ignored"), name).expect("html");
        assert_eq!(article.format, ArticleFormat::Html);
        assert!(
            article.text.contains("Het kabinet stemde in."),
            "{}",
            article.text
        );
        assert!(!article.text.contains("x()"));
        // HTML without visible text falls back to the plain text.
        let article = parse_pasted(Some("<p> </p>"), Some("Plain words."), name).expect("text");
        assert_eq!(article.text, "Plain words.");
        assert!(matches!(
            parse_pasted(None, Some("  \n"), name),
            Err(ArticleError::Empty { .. })
        ));
    }

    #[track_caller]
    fn check_text(input: &str, expected: &str) {
        let article = parse(input.as_bytes()).expect("valid article");
        assert_eq!(article.text, expected);
    }

    #[test]
    fn normalises_line_ends_and_bom() {
        check_text("a\r\nb", "a\nb");
        check_text("a\rb", "a\nb");
        check_text("\u{FEFF}Hello.", "Hello.");
        check_text("a\n\nb", "a\n\nb");
    }

    #[track_caller]
    fn check_title(input: &str, format: ArticleFormat, expected: &str) {
        let article = parse_article(input.as_bytes(), Path::new("dir/story.md"), format)
            .expect("valid article");
        assert_eq!(article.title, expected);
    }

    #[test]
    fn takes_title_from_heading_line() {
        use ArticleFormat::*;
        check_title("# Mali and Russia\n\nText.", Markdown, "Mali and Russia");
        check_title("Mali and Russia\n\nText.", Plain, "Mali and Russia");
        check_title(
            "Shame on France, long live Russia: Mali’s new route. †\n\nText.",
            Plain,
            "Shame on France, long live Russia: Mali’s new route. †",
        );
        // A first paragraph that is a sentence is not a title.
        check_title("It rained today.\n\nText.", Plain, "story");
        check_title("First line\ncontinues here.", Plain, "story");
    }

    #[test]
    fn refuses_non_utf8_with_offset_and_line() {
        let err = parse(b"ok\nbad \xE9 here").expect_err("latin-1 byte");
        assert!(
            matches!(
                err,
                ArticleError::NotUtf8 {
                    offset: 7,
                    line: 2,
                    byte: 0xE9,
                    ..
                }
            ),
            "{err:?}"
        );
        let message = err.to_string();
        assert!(message.contains("dir/story.txt") && message.contains("byte offset 7"));
    }

    #[test]
    fn refuses_binary_and_utf16_and_empty() {
        assert!(matches!(
            parse(b"PK\x03\x04\x00\x00"),
            Err(ArticleError::Binary { offset: 4, .. })
        ));
        assert!(matches!(
            parse(b"\xFF\xFEh\x00i\x00"),
            Err(ArticleError::Utf16 { .. })
        ));
        assert!(matches!(parse(b" \n\n "), Err(ArticleError::Empty { .. })));
    }

    #[test]
    fn format_follows_extension() {
        assert_eq!(
            ArticleFormat::from_path(Path::new("a.MD")),
            ArticleFormat::Markdown
        );
        assert_eq!(
            ArticleFormat::from_path(Path::new("a.txt")),
            ArticleFormat::Plain
        );
    }
}
