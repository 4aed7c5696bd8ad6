//! Web pages as articles: the page is decoded ([`charset`]), its own metadata read
//! ([`metadata`]), and its main text extracted with `dom_smoothie` (a port of Firefox
//! Reader View's Readability.js), leaving out navigation, ads, comments and related
//! links. Paragraphs, headings and list items each become a paragraph of the article
//! text, under the headline. A page without an article body (a home page, a list of
//! links) is refused with [`HtmlError::NoArticle`]; its whole visible text can be taken
//! instead ([`Extraction::WholePage`]).

pub mod charset;
pub mod metadata;

use dom_query::Document as Dom;
use thiserror::Error;

use crate::model::ArticleMeta;

/// The largest page read (before decompression of `.html.gz`, and after it): a news page
/// with inline scripts and images is a few MB; parsing is linear, about 6 MB of tree
/// per MB of page.
pub const MAX_HTML_BYTES: usize = 64 << 20;

/// What to take from the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Extraction {
    /// The article's main text (refused when there is none).
    MainText,
    /// Every visible text of the page (for a page that has no article body).
    WholePage,
}

/// A web page read as an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WebPage {
    /// The headline (the page title when it has none).
    pub title: String,
    /// The headline, then the body's paragraphs, separated by blank lines.
    pub text: String,
    /// Where `text`'s body starts (after the headline), in bytes.
    pub body_start: usize,
    pub meta: ArticleMeta,
    /// The encoding the page was read in.
    pub encoding: &'static str,
    /// Whether some bytes were not valid in that encoding.
    pub had_decoding_errors: bool,
}

/// Why a page gave no article.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum HtmlError {
    #[error(
        "no article body found (the page looks like a list of links or a home page; \
         its visible text is {visible_words} words): take the whole visible text instead"
    )]
    NoArticle { visible_words: usize },
    #[error("the page has no visible text")]
    NoText,
    #[error(
        "the page nests its elements more than {MAX_NESTING} deep ({depth} found before \
         stopping); Claimdesk reads pages nested at most that deep (news pages nest a few \
         dozen)"
    )]
    TooDeep { depth: usize },
    #[error(
        "an element of the page has more than {MAX_ATTRIBUTES} attributes ({count} found \
         before stopping); Claimdesk reads pages with at most that many (news pages have a \
         few dozen)"
    )]
    TooManyAttributes { count: usize },
    #[error(
        "the page has more than {MAX_ELEMENTS} elements ({count} found before stopping); \
         Claimdesk reads pages with at most that many (a long news page has a few thousand)"
    )]
    TooManyElements { count: usize },
}

/// The deepest nesting of elements read. Parsing costs grow with the square of the
/// nesting (an HTML parser looks through the open elements at each tag), so a hostile
/// page of 200,000 nested `<div>`s would take hours.
pub const MAX_NESTING: usize = 1000;

/// Reads `bytes` (an HTML page, not compressed) as an article. `header_charset` is the
/// HTTP `Content-Type` charset and `url` the page's address, when known.
pub fn read_page(
    bytes: &[u8],
    header_charset: Option<&str>,
    url: Option<&str>,
    extraction: Extraction,
) -> Result<WebPage, HtmlError> {
    let decoded = charset::decode(bytes, header_charset);
    // Refused before parsing what would cost a parser minutes or gigabytes.
    let shape = scan_shape(decoded.text.as_bytes());
    if shape.depth > MAX_NESTING {
        return Err(HtmlError::TooDeep { depth: shape.depth });
    }
    if shape.attributes > MAX_ATTRIBUTES {
        return Err(HtmlError::TooManyAttributes {
            count: shape.attributes,
        });
    }
    if shape.elements > MAX_ELEMENTS {
        return Err(HtmlError::TooManyElements {
            count: shape.elements,
        });
    }
    let dom = Dom::from(decoded.text.as_str());
    let page = metadata::read(&dom);
    let time_texts: Vec<String> = dom
        .select("time")
        .iter()
        .map(|time| metadata::clean(&time.text()))
        .filter(|text| !text.is_empty())
        .collect();
    let paragraphs = match extraction {
        Extraction::MainText => {
            let mut paragraphs = main_text(dom, url);
            // The date line and the byline are the page's metadata, kept as such.
            paragraphs.retain(|p| !is_date_or_byline(p, &time_texts, &page.meta.authors));
            if !has_article_body(&paragraphs) {
                let visible = visible_text(&Dom::from(decoded.text.as_str()));
                // An empty page is said to be empty, not to look like a home page.
                if visible.is_empty() {
                    return Err(HtmlError::NoText);
                }
                return Err(HtmlError::NoArticle {
                    visible_words: visible.iter().map(|p| p.split_whitespace().count()).sum(),
                });
            }
            paragraphs
        }
        Extraction::WholePage => visible_text(&dom),
    };
    let headline = page.headline.clone().unwrap_or_default();
    // The body without a repeat of the headline.
    let body: Vec<&str> = paragraphs
        .iter()
        .map(String::as_str)
        .skip_while(|p| !headline.is_empty() && *p == headline)
        .collect();
    if body.is_empty() && headline.is_empty() {
        return Err(HtmlError::NoText);
    }
    let mut text = String::new();
    if !headline.is_empty() {
        text.push_str(&headline);
        text.push_str("\n\n");
    }
    let body_start = text.len();
    text.push_str(&body.join("\n\n"));
    let text = text.trim_end().to_owned();
    Ok(WebPage {
        title: if headline.is_empty() {
            body.first()
                .map_or_else(String::new, |p| p.chars().take(120).collect())
        } else {
            headline
        },
        text,
        body_start,
        meta: page.meta,
        encoding: decoded.encoding.name(),
        had_decoding_errors: decoded.had_errors,
    })
}

/// Elements that are never article text whatever their surroundings: AMP's ad, consent,
/// analytics and share components.
const NEVER_TEXT: &str =
    "amp-ad, amp-embed, amp-sticky-ad, amp-consent, amp-analytics, amp-social-share";

/// The main text's paragraphs, by Readability.
fn main_text(dom: Dom, url: Option<&str>) -> Vec<String> {
    dom.select(NEVER_TEXT).remove();
    let config = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        ..Default::default()
    };
    let url = url.filter(|u| crate::links::is_web_address(u));
    let article = dom_smoothie::Readability::with_document(dom, url, Some(config))
        .and_then(|mut reader| reader.parse());
    match article {
        Ok(article) => paragraphs_of(&article.text_content),
        // Readability finds no candidate: no article body.
        Err(_) => Vec::new(),
    }
}

/// Every text a reader sees on the page, block by block.
fn visible_text(dom: &Dom) -> Vec<String> {
    dom.select("script, style, noscript, template, svg, iframe, object, head")
        .remove();
    paragraphs_of(&dom.select("body").formatted_text())
}

/// Elements without content (never nested).
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen", "frame",
];
/// Elements the parser never nests in the body (it keeps one of each, or ignores a second).
const NOT_NESTED: &[&str] = &["html", "head", "body", "colgroup", "caption"];
/// Elements whose content is text up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// The most attributes read on one element (a parser checks each new one against the
/// others, so 100,000 on one tag cost minutes). Real pages have a few dozen at most.
pub const MAX_ATTRIBUTES: usize = 1024;

/// The most elements read on one page: a 63 MB page of 9.4 million empty `<i>` took 1.8 GB
/// to parse. A long news page has a few thousand; a very long encyclopedia page, 100,000.
pub const MAX_ELEMENTS: usize = 1_000_000;

/// What a one-pass scan of the tags finds about a page before it is parsed: how deep it
/// nests (estimated from above, so never less than a parser would build), the most
/// attributes on one element, and how many elements it has.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Shape {
    depth: usize,
    attributes: usize,
    elements: usize,
}

/// HTML's special elements: an end tag of an ordinary element never closes one of these
/// (the parser ignores it).
const SPECIAL: &[&str] = &[
    "address",
    "applet",
    "area",
    "article",
    "aside",
    "base",
    "basefont",
    "bgsound",
    "blockquote",
    "body",
    "br",
    "button",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dir",
    "div",
    "dl",
    "dt",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "iframe",
    "img",
    "input",
    "keygen",
    "li",
    "link",
    "listing",
    "main",
    "marquee",
    "menu",
    "meta",
    "nav",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "ol",
    "p",
    "param",
    "plaintext",
    "pre",
    "script",
    "search",
    "section",
    "select",
    "source",
    "style",
    "summary",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "ul",
    "wbr",
    "xmp",
];

/// The elements an end tag of a special element does not reach past (its scope).
const SCOPE_BOUNDARY: &[&str] = &[
    "applet", "caption", "html", "table", "td", "th", "marquee", "object", "template",
];

/// How far down the open elements an implied end tag is looked for (`<li>` closing an
/// open `<li>`): bounded, so the scan stays linear; not finding one only deepens the
/// estimate.
const IMPLIED_END_REACH: usize = 64;

/// The open elements of the scan, with a count per name so "is a `p` open?" costs nothing.
#[derive(Default)]
struct OpenElements {
    stack: Vec<String>,
    counts: std::collections::HashMap<String, usize>,
}

impl OpenElements {
    fn push(&mut self, name: &str) {
        self.stack.push(name.to_owned());
        *self.counts.entry(name.to_owned()).or_default() += 1;
    }

    fn is_open(&self, name: &str) -> bool {
        self.counts.get(name).is_some_and(|&n| n > 0)
    }

    /// An end tag of `name`, as the parser takes it: it closes the nearest open `name`,
    /// unless a special element (for an ordinary element) or a scope boundary (for a
    /// special one) lies between, or none is open near the top: then the parser ignores
    /// it, and so does the scan (`<span><div></span>` nests on).
    fn close(&mut self, name: &str) {
        if !self.is_open(name) {
            return; // A stray end tag closes nothing.
        }
        let is_special = SPECIAL.contains(&name);
        let found = self
            .stack
            .iter()
            .enumerate()
            .rev()
            .take(IMPLIED_END_REACH)
            .find_map(|(depth, open)| {
                if open == name {
                    return Some(Some(depth));
                }
                let stops = if is_special {
                    SCOPE_BOUNDARY.contains(&open.as_str())
                } else {
                    SPECIAL.contains(&open.as_str())
                };
                stops.then_some(None)
            })
            .flatten();
        if let Some(depth) = found {
            self.pop_to(depth);
        }
    }

    /// The nearest open element among `names`, searched down to a `boundary` element (or
    /// [`IMPLIED_END_REACH`] elements down), if there is one.
    fn nearest(&self, names: &[&str], boundaries: &[&str]) -> Option<usize> {
        if !names.iter().any(|name| self.is_open(name)) {
            return None;
        }
        for (depth, open) in self.stack.iter().enumerate().rev().take(IMPLIED_END_REACH) {
            if names.contains(&open.as_str()) {
                return Some(depth);
            }
            if boundaries.contains(&open.as_str()) {
                return None;
            }
        }
        None
    }

    /// Pops everything above the element at `depth`, and it.
    fn pop_to(&mut self, depth: usize) {
        while self.stack.len() > depth {
            if let Some(top) = self.stack.pop()
                && let Some(n) = self.counts.get_mut(&top)
            {
                *n -= 1;
            }
        }
    }

    /// The end tags a start tag of `name` implies (HTML's tree construction, for the
    /// elements whose end tag may be left out): `<p>` closes an open `<p>`, `<li>` the
    /// list item before it, `<rb>` inside a `<ruby>` the annotation before it, and so on.
    /// Outside those contexts nothing is closed, as the parser does (`<rb>` outside
    /// `<ruby>` nests).
    fn implied_by(&mut self, name: &str) {
        let (names, boundaries): (&[&str], &[&str]) = match name {
            "p" | "div" | "ul" | "ol" | "dl" | "table" | "section" | "article" | "h1" | "h2"
            | "h3" | "h4" | "h5" | "h6" | "blockquote" | "pre" | "form" | "header" | "footer"
            | "nav" | "aside" | "main" | "figure" | "hr" => {
                (&["p"], &["button", "table", "td", "th", "caption", "html"])
            }
            "li" => (&["li"], &["ul", "ol", "menu", "table"]),
            "dt" | "dd" => (&["dt", "dd"], &["dl", "table"]),
            "option" => (&["option"], &["select", "datalist"]),
            "optgroup" => (&["option", "optgroup"], &["select"]),
            "tr" => (&["tr"], &["table"]),
            "td" | "th" => (&["td", "th"], &["tr", "table"]),
            "thead" | "tbody" | "tfoot" => (&["thead", "tbody", "tfoot"], &["table"]),
            "rb" | "rtc" if self.is_open("ruby") => (&["rb", "rt", "rp", "rtc"], &["ruby"]),
            "rt" | "rp" if self.is_open("ruby") => (&["rb", "rt", "rp"], &["ruby", "rtc"]),
            _ => return,
        };
        if let Some(depth) = self.nearest(names, boundaries) {
            self.pop_to(depth);
        }
    }
}

/// The attributes of a start tag's text (after its name): names outside quoted values.
fn count_attributes(tag: &[u8]) -> usize {
    let mut count = 0;
    let mut quote = None;
    let mut in_token = false;
    for &byte in tag {
        match quote {
            Some(q) if byte == q => quote = None,
            Some(_) => {}
            None if byte == b'"' || byte == b'\'' => quote = Some(byte),
            None if byte.is_ascii_whitespace() || byte == b'/' => in_token = false,
            None if byte == b'=' => in_token = true,
            None => {
                if !in_token {
                    count += 1;
                }
                in_token = true;
            }
        }
    }
    count
}

/// Scans the tags of `html` in one pass (start tags open, end tags close the element they
/// name if it is open and are ignored if not, implied end tags as [`OpenElements`] says;
/// void elements, comments and raw text skipped), stopping once a limit is passed.
fn scan_shape(html: &[u8]) -> Shape {
    let mut shape = Shape::default();
    let mut open = OpenElements::default();
    let mut at = 0;
    while let Some(found) = memchr::memchr(b'<', &html[at..]) {
        let start = at + found + 1;
        let rest = &html[start..];
        if rest.starts_with(b"!--") {
            at = memchr::memmem::find(rest, b"-->").map_or(html.len(), |end| start + end + 3);
            continue;
        }
        let is_end = rest.first() == Some(&b'/');
        let name_start = start + usize::from(is_end);
        let name_len = html[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
            .count();
        let Some(tag_end) = memchr::memchr(b'>', &html[name_start..]).map(|end| name_start + end)
        else {
            break;
        };
        at = tag_end + 1;
        if name_len == 0 || !html[name_start].is_ascii_alphabetic() {
            continue; // `<!DOCTYPE>`, `<?xml>`, a stray `<`.
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        let name = std::str::from_utf8(&name).unwrap_or_default();
        if is_end {
            open.close(name);
            continue;
        }
        shape.elements += 1;
        shape.attributes = shape
            .attributes
            .max(count_attributes(&html[name_start + name_len..tag_end]));
        if shape.elements > MAX_ELEMENTS || shape.attributes > MAX_ATTRIBUTES {
            break;
        }
        if VOID.contains(&name) || NOT_NESTED.contains(&name) {
            continue;
        }
        if RAW_TEXT.contains(&name) {
            // Up to the matching end tag (`</script`), case-insensitively.
            let closing = format!("</{name}");
            let after_tag = &html[at..];
            let found = after_tag
                .windows(closing.len())
                .position(|w| w.eq_ignore_ascii_case(closing.as_bytes()));
            at = found.map_or(html.len(), |pos| at + pos);
            continue;
        }
        open.implied_by(name);
        open.push(name);
        shape.depth = shape.depth.max(open.stack.len());
        if shape.depth > MAX_NESTING {
            break;
        }
    }
    shape
}

/// How deep the markup nests its elements (see [`scan_shape`]).
#[cfg(test)]
fn nesting_depth(html: &[u8], _limit: usize) -> usize {
    scan_shape(html).depth
}

/// Lines of formatted text as paragraphs: whitespace collapsed, empty lines dropped.
fn paragraphs_of(text: &str) -> Vec<String> {
    text.lines()
        .map(metadata::clean)
        .filter(|line| !line.is_empty())
        .collect()
}

/// A paragraph that is only a `<time>`'s text, or a byline (`By A & B`, `Door A`, with
/// or without a date) naming the page's authors.
fn is_date_or_byline(paragraph: &str, time_texts: &[String], authors: &[String]) -> bool {
    if time_texts.iter().any(|t| t == paragraph) {
        return true;
    }
    if authors.is_empty() || paragraph.chars().count() > 160 {
        return false;
    }
    let Some(rest) = [
        "By ", "by ", "Door ", "door ", "Von ", "von ", "Par ", "par ",
    ]
    .iter()
    .find_map(|prefix| paragraph.strip_prefix(prefix)) else {
        return false;
    };
    let mut rest = rest.to_owned();
    for name in authors
        .iter()
        .map(String::as_str)
        .chain(time_texts.iter().map(String::as_str))
    {
        rest = rest.replace(name, " ");
    }
    rest.split(|c: char| c.is_whitespace() || matches!(c, ',' | '&' | '·' | '|' | '-' | '–'))
        .all(|word| word.is_empty() || matches!(word, "and" | "en" | "und" | "et"))
}

/// Whether the paragraphs hold prose: at least one paragraph of a dozen words or more
/// that reads as sentences, and some thirty words of such paragraphs in all. A home
/// page's teasers and link lists do not.
fn has_article_body(paragraphs: &[String]) -> bool {
    let prose_words: usize = paragraphs
        .iter()
        .map(|p| (p, p.split_whitespace().count()))
        .filter(|(p, words)| *words >= 12 && p.contains(['.', '!', '?', '。']))
        .map(|(_, words)| words)
        .sum();
    prose_words >= 30
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
        <title>Bridge to close | Bristol Post</title>
        <meta property="og:title" content="Historic bridge to close for two years">
        <meta name="author" content="Emma Cole">
        <link rel="canonical" href="https://www.bristolpost.example/news/1">
        </head><body>
        <nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
        <article><h1>Historic bridge to close for two years</h1>
        <p>The Clifton Suspension Bridge in Bristol will close to cars from January 2027 for up to two years while engineers replace corroded parts of its chains.</p>
        <h2>What was found</h2>
        <p>Inspectors found corrosion in 23 of the bridge's iron links last October. Bridge master Trevor Ball said the structure was safe but that the repairs could not wait.</p>
        <ul><li>Work starts on 6 January 2027.</li><li>The visitor centre stays open throughout.</li></ul>
        <p>The repairs will cost an estimated £9.5 million, paid for from tolls and a heritage grant.</p>
        </article>
        <aside><h3>Most read</h3><ul><li><a href="/1">Fire at warehouse</a></li><li><a href="/2">New cycle bridge opens</a></li></ul></aside>
        <footer><a href="/privacy">Privacy</a> © 2026 Example</footer></body></html>"#;

    #[test]
    fn a_news_page_gives_its_headline_paragraphs_and_metadata() {
        let page =
            read_page(ARTICLE.as_bytes(), None, None, Extraction::MainText).expect("an article");
        assert_eq!(page.title, "Historic bridge to close for two years");
        let paragraphs: Vec<&str> = page.text.split("\n\n").collect();
        assert_eq!(paragraphs[0], "Historic bridge to close for two years");
        assert!(paragraphs[1].starts_with("The Clifton Suspension Bridge"));
        assert!(paragraphs.contains(&"What was found"));
        assert!(paragraphs.contains(&"Work starts on 6 January 2027."));
        assert!(!page.text.contains("Most read") && !page.text.contains("Privacy"));
        assert_eq!(page.meta.authors, ["Emma Cole"]);
        assert_eq!(
            page.meta.url.as_deref(),
            Some("https://www.bristolpost.example/news/1")
        );
        assert_eq!(page.meta.language.as_deref(), Some("en"));
        assert_eq!(&page.text[page.body_start..page.body_start + 4], "The ");
    }

    #[test]
    fn a_home_page_has_no_article_but_its_visible_text_can_be_taken() {
        let mut home = String::from(
            "<html><head><title>Home</title><script>var x = 1;</script></head><body><nav>",
        );
        for i in 0..20 {
            home.push_str(&format!("<a href=\"/{i}\">Section {i}</a>"));
        }
        home.push_str("</nav><main>");
        for i in 0..30 {
            home.push_str(&format!("<div class=\"teaser\"><a href=\"/a/{i}\"><h3>Headline number {i} about something</h3></a><span>2 hours ago</span></div>"));
        }
        home.push_str("</main></body></html>");
        let err =
            read_page(home.as_bytes(), None, None, Extraction::MainText).expect_err("no article");
        assert!(matches!(err, HtmlError::NoArticle { visible_words } if visible_words > 100));
        let whole =
            read_page(home.as_bytes(), None, None, Extraction::WholePage).expect("visible text");
        assert!(whole.text.contains("Headline number 7 about something"));
        assert!(!whole.text.contains("var x"));
    }

    #[test]
    fn deeply_nested_markup_is_refused_before_parsing() {
        let n = 200_000;
        let page = format!(
            "<html><body>{}<p>Text.</p>{}</body></html>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        );
        // Refused before parsing, which would take hours.
        let err = read_page(page.as_bytes(), None, None, Extraction::WholePage);
        assert!(matches!(err, Err(HtmlError::TooDeep { depth }) if depth > MAX_NESTING));
        // Sloppy but shallow markup is not deep: unclosed paragraphs and list items,
        // void elements, scripts full of tags, comments.
        let sloppy = format!(
            "<ul>{}</ul><script>{}</script><!-- {} -->{}",
            "<li><p>item <br> text".repeat(5000),
            "<div>".repeat(5000),
            "<div>".repeat(5000),
            "<div>a</div>".repeat(5000)
        );
        assert!(nesting_depth(sloppy.as_bytes(), MAX_NESTING) < 5);
        assert_eq!(
            nesting_depth(b"<div><section><span>x</span></section></div>", 10),
            3
        );
    }

    /// Issue 29, finding 1: the shapes that took a parser minutes or gigabytes are refused
    /// by the scan before parsing, whatever tags they use to hide their depth: stray end
    /// tags (`<div></x>`), end tags the parser ignores (`<span><div></span>`), `<rb>`
    /// outside `<ruby>`, 100,000 attributes on one element, a million and one elements.
    /// (`benches/extract.rs` times them at the sizes of the finding.)
    #[test]
    fn hostile_shapes_are_refused_before_parsing() {
        let read = |page: String| read_page(page.as_bytes(), None, None, Extraction::WholePage);
        for (what, page) in [
            ("stray end tags", "<div></x>".repeat(10_000)),
            ("ignored end tags", "<span><div></span>".repeat(2_000)),
            ("rb outside ruby", "<rb>".repeat(100_000)),
            ("formatting in blocks", "<b><div></b>".repeat(2_000)),
        ] {
            let err = read(format!("<html><body>{page}<p>Text.</p></body></html>"));
            assert!(
                matches!(err, Err(HtmlError::TooDeep { .. })),
                "{what}: {err:?}"
            );
        }
        let attributes: String = (0..100_000).map(|i| format!(" a{i}=\"{i}\"")).collect();
        let err = read(format!(
            "<html><body><div{attributes}>Text.</div></body></html>"
        ));
        assert!(
            matches!(err, Err(HtmlError::TooManyAttributes { .. })),
            "{err:?}"
        );
        let err = read(format!(
            "<html><body>{}</body></html>",
            "<i></i>".repeat(MAX_ELEMENTS + 1)
        ));
        assert!(
            matches!(err, Err(HtmlError::TooManyElements { .. })),
            "{err:?}"
        );

        // The same constructs in the amounts real pages use are read.
        let ruby = "<ruby>漢<rb>字<rt>kan<rt>ji</ruby>".repeat(500);
        let table = format!("<table>{}</table>", "<tr><td>a<td>b".repeat(2_000));
        let stray = "<p>Text</x></span></div>".repeat(2_000);
        let lists = "<ul><li>one<li>two</ul><dl><dt>a<dd>b</dl>".repeat(1_000);
        for page in [ruby, table, stray, lists] {
            let shape = scan_shape(page.as_bytes());
            assert!(shape.depth < 10, "{shape:?}: {}", &page[..60]);
        }
    }

    #[test]
    fn an_empty_page_has_no_text() {
        let err = read_page(
            b"<html><body>  </body></html>",
            None,
            None,
            Extraction::WholePage,
        );
        assert_eq!(err, Err(HtmlError::NoText));
    }
}
