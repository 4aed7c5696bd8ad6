//! Exporting review sessions as annotation sets, and reading some of them back.
//!
//! One function per format turns sessions into text: ClaimReview JSON-LD for publication,
//! W3C Web Annotation, doccano and Label Studio for other annotation tools, FEVER JSONL
//! and CSV for datasets, and a Markdown or HTML report for people. Several sessions export
//! into one dataset. Output is deterministic (fixed field order, claims in document and
//! text order) and every offset is a Unicode code point.
//!
//! [`import`] reads W3C collections, doccano JSONL and Label Studio tasks back into a
//! session. Our own exports carry a `claimdesk` record per claim beside the standard
//! fields, so they come back without loss; other tools' files come back from their
//! standard fields alone.

mod claimreview;
mod csv_table;
mod doccano;
mod fever;
pub mod import;
pub mod import_into;
mod labelstudio;
pub mod output;
mod record;
mod report;
mod w3c;

use std::fmt;
use std::str::FromStr;

use thiserror::Error;

use crate::model::{Claim, Document, Session, Status, Verdict};

/// An export format, named as on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    ClaimReview,
    W3c,
    Doccano,
    LabelStudio,
    Fever,
    Csv,
    Markdown,
    Html,
}

impl Format {
    /// Every format, in menu order.
    pub const ALL: &'static [Format] = &[
        Format::ClaimReview,
        Format::W3c,
        Format::Doccano,
        Format::LabelStudio,
        Format::Fever,
        Format::Csv,
        Format::Markdown,
        Format::Html,
    ];

    /// The formats that can be imported.
    pub const IMPORTABLE: &'static [Format] = &[Format::W3c, Format::Doccano, Format::LabelStudio];

    /// The `--format` name.
    pub fn name(self) -> &'static str {
        match self {
            Format::ClaimReview => "claimreview",
            Format::W3c => "w3c",
            Format::Doccano => "doccano",
            Format::LabelStudio => "labelstudio",
            Format::Fever => "fever",
            Format::Csv => "csv",
            Format::Markdown => "markdown",
            Format::Html => "html",
        }
    }

    /// A description for menus.
    pub fn label(self) -> &'static str {
        match self {
            Format::ClaimReview => "ClaimReview JSON-LD (publication)",
            Format::W3c => "W3C Web Annotation JSON-LD",
            Format::Doccano => "doccano JSONL",
            Format::LabelStudio => "Label Studio JSON",
            Format::Fever => "FEVER JSONL (dataset)",
            Format::Csv => "CSV (one row per claim)",
            Format::Markdown => "Report (Markdown)",
            Format::Html => "Report (HTML)",
        }
    }

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::ClaimReview | Format::W3c | Format::LabelStudio => "json",
            Format::Doccano | Format::Fever => "jsonl",
            Format::Csv => "csv",
            Format::Markdown => "md",
            Format::Html => "html",
        }
    }

    /// The end of the file name the window suggests, distinct per format so that one
    /// export never takes another's name: `review.w3c.json`, `review.claimreview.json`.
    pub fn file_suffix(self) -> &'static str {
        match self {
            Format::ClaimReview => "claimreview.json",
            Format::W3c => "w3c.json",
            Format::LabelStudio => "labelstudio.json",
            Format::Doccano => "doccano.jsonl",
            Format::Fever => "fever.jsonl",
            Format::Csv => "csv",
            Format::Markdown => "md",
            Format::Html => "html",
        }
    }

    /// Whether the format only carries rated claims (a verdict other than unrated).
    pub fn is_rated_only(self) -> bool {
        matches!(self, Format::ClaimReview | Format::Fever)
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A `--format` name that names no format.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error(
    "unknown format `{0}`; expected one of: claimreview, w3c, doccano, labelstudio, fever, csv, markdown, html"
)]
pub struct UnknownFormat(pub String);

impl FromStr for Format {
    type Err = UnknownFormat;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let wanted = text.trim().to_ascii_lowercase().replace(['-', '_'], "");
        let wanted = match wanted.as_str() {
            "md" => "markdown",
            "jsonld" | "webannotation" => "w3c",
            other => other,
        };
        Format::ALL
            .iter()
            .copied()
            .find(|format| format.name() == wanted)
            .ok_or_else(|| UnknownFormat(text.to_owned()))
    }
}

/// Which claims to export.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// Only claims whose status is done.
    pub only_done: bool,
}

/// Why an export failed.
#[derive(Debug, Error)]
pub enum ExportError {
    #[error("cannot encode JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("cannot write CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("cannot write CSV: {0}")]
    CsvText(#[from] std::string::FromUtf8Error),
    #[error(
        "ClaimReview needs the address of the page that publishes the review, and session \
         \"{title}\" has none: set it with `claimdesk meta SESSION --review-url URL`, or in \
         the window under Session details > Review URL"
    )]
    NoReviewUrl { title: String },
    #[error(
        "session \"{title}\": its review URL {url} is not an http or https address; set the \
         page where the reviews are published (claimdesk meta set --review-url, or Session \
         details > Review URL)"
    )]
    ReviewUrlNotWeb { title: String, url: String },
}

/// One claim to export, with where it belongs.
pub(crate) struct Item<'a> {
    /// Position of the session among those exported (0 for a single session).
    pub session_idx: usize,
    pub session: &'a Session,
    pub doc: &'a Document,
    pub claim: &'a Claim,
}

/// A document with its exported claims, in text order.
pub(crate) struct DocumentItems<'a> {
    pub session_idx: usize,
    pub session: &'a Session,
    pub doc: &'a Document,
    pub claims: Vec<&'a Claim>,
}

impl DocumentItems<'_> {
    /// A stable identifier for the document across the exported sessions.
    pub fn key(&self) -> String {
        format!("{}-{}", self.session_idx, self.doc.id)
    }
}

fn is_selected(claim: &Claim, format: Format, options: ExportOptions) -> bool {
    (!options.only_done || claim.status == Status::Done)
        && (!format.is_rated_only() || claim.verdict != Verdict::Unrated)
        && (format != Format::Fever || fever::can_express(claim))
}

/// What the user should know about an export in `format` before publishing it: claims it
/// leaves out, and advice the target's own guidelines give. Empty when all is well.
pub fn export_warnings(
    sessions: &[Session],
    format: Format,
    options: ExportOptions,
) -> Vec<String> {
    let mut warnings = match format {
        Format::ClaimReview => claimreview::warnings(sessions, options),
        Format::Fever => fever::warnings(sessions, options),
        Format::Doccano => doccano::warnings(sessions, options),
        _ => Vec::new(),
    };
    warnings.extend(orphan_warning(sessions, format));
    warnings.extend(address_warnings(sessions, format, options));
    warnings
}

/// Orphaned claims are not exported (they have no place in the current text), but an
/// export never leaves them out without saying so: the reports list them, and every
/// format's warning names them.
fn orphan_warning(sessions: &[Session], format: Format) -> Option<String> {
    let labels: Vec<String> = sessions
        .iter()
        .flat_map(|session| {
            session
                .orphans()
                .iter()
                .map(move |orphan| session.claim_label(orphan.id))
        })
        .collect();
    if labels.is_empty() {
        return None;
    }
    let listed = if matches!(format, Format::Markdown | Format::Html) {
        "listed at the end of the report, not counted above"
    } else {
        "not in this export"
    };
    Some(format!(
        "{} orphaned claim(s) that an article update could not place are {listed}: {}; \
         attach them to the new text in the window (claims panel, Orphaned claims)",
        labels.len(),
        labels.join(", ")
    ))
}

/// Every document of every session with the claims `format` and `options` select.
pub(crate) fn documents<'a>(
    sessions: &'a [Session],
    format: Format,
    options: ExportOptions,
) -> Vec<DocumentItems<'a>> {
    let mut out = Vec::new();
    for (session_idx, session) in sessions.iter().enumerate() {
        for doc in session.documents() {
            let claims = session
                .claims_in(doc.id)
                .into_iter()
                .filter(|claim| is_selected(claim, format, options))
                .collect();
            out.push(DocumentItems {
                session_idx,
                session,
                doc,
                claims,
            });
        }
    }
    out
}

/// The selected claims, in session, document and text order.
pub(crate) fn items<'a>(
    sessions: &'a [Session],
    format: Format,
    options: ExportOptions,
) -> Vec<Item<'a>> {
    documents(sessions, format, options)
        .into_iter()
        .flat_map(|group| {
            let DocumentItems {
                session_idx,
                session,
                doc,
                claims,
            } = group;
            claims.into_iter().map(move |claim| Item {
                session_idx,
                session,
                doc,
                claim,
            })
        })
        .collect()
}

/// How many claims an export would write.
pub fn count_claims(sessions: &[Session], format: Format, options: ExportOptions) -> usize {
    sessions
        .iter()
        .flat_map(|session| session.claims())
        .filter(|claim| is_selected(claim, format, options))
        .count()
}

/// Exports `sessions` in `format`.
pub fn export(
    sessions: &[Session],
    format: Format,
    options: ExportOptions,
) -> Result<String, ExportError> {
    match format {
        Format::ClaimReview => claimreview::export(sessions, options),
        Format::W3c => w3c::export(sessions, options),
        Format::Doccano => doccano::export(sessions, options),
        Format::LabelStudio => labelstudio::export(sessions, options),
        Format::Fever => fever::export(sessions, options),
        Format::Csv => csv_table::export(sessions, options),
        Format::Markdown => Ok(report::markdown(sessions, options)),
        Format::Html => Ok(report::html(sessions, options)),
    }
}

/// Pretty JSON with a final newline, safe to embed in HTML (see [`HtmlSafe`]).
pub(crate) fn to_pretty_json<T: serde::Serialize>(value: &T) -> Result<String, ExportError> {
    let mut out = Vec::new();
    let formatter = HtmlSafe(serde_json::ser::PrettyFormatter::new());
    value.serialize(&mut serde_json::Serializer::with_formatter(
        &mut out, formatter,
    ))?;
    out.push(b'\n');
    // serde_json writes UTF-8 only.
    Ok(String::from_utf8(out).unwrap_or_default())
}

/// One compact JSON value per line, each safe to embed in HTML.
pub(crate) fn to_json_lines<T: serde::Serialize>(values: &[T]) -> Result<String, ExportError> {
    let mut out = Vec::new();
    for value in values {
        let formatter = HtmlSafe(serde_json::ser::CompactFormatter);
        value.serialize(&mut serde_json::Serializer::with_formatter(
            &mut out, formatter,
        ))?;
        out.push(b'\n');
    }
    Ok(String::from_utf8(out).unwrap_or_default())
}

/// A JSON formatter that writes `<`, `>` and `&` in strings as `\u003c`, `\u003e` and
/// `\u0026` (and the line separators U+2028 and U+2029 as escapes): the same JSON to every
/// parser, but a `</script>` from a page's title can no longer end the
/// `<script type="application/ld+json">` a ClaimReview is published in.
struct HtmlSafe<F>(F);

impl<F: serde_json::ser::Formatter> serde_json::ser::Formatter for HtmlSafe<F> {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut rest = fragment;
        while let Some(at) = rest.find(['<', '>', '&', '\u{2028}', '\u{2029}']) {
            self.0.write_string_fragment(writer, &rest[..at])?;
            let c = rest[at..].chars().next().unwrap_or('<');
            write!(writer, "\\u{:04x}", u32::from(c))?;
            rest = &rest[at + c.len_utf8()..];
        }
        self.0.write_string_fragment(writer, rest)
    }

    // Everything else as the wrapped formatter writes it.
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn end_object_key<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_key(w)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// `url` as a URL value an export may write, trimmed: a live link (http, https or
/// mailto, see `links::is_linkable`) or a reference without a scheme (a file name, a
/// note), which nothing can run. `None` for an address with any other scheme
/// (`javascript:`, `data:`, `file:`, also spelt with tabs or line breaks inside, as
/// browsers read them): it stays inert text in the session, and the export warns of it
/// (see [`address_warnings`]).
pub(crate) fn url_value(url: &str) -> Option<&str> {
    let url = url.trim();
    if url.contains(['\t', '\n', '\r']) || url.chars().any(char::is_control) {
        return None;
    }
    let has_scheme = url.split_once(':').is_some_and(|(scheme, _)| {
        let mut chars = scheme.chars();
        chars.next().is_some_and(|c| c.is_ascii_alphabetic())
            && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    (!has_scheme || crate::links::is_linkable(url)).then_some(url)
}

/// `text` quoted for a message: at most 80 characters, control characters escaped.
pub(crate) fn shown(text: &str) -> String {
    let short: String = text.chars().take(80).collect();
    let more = if text.chars().count() > 80 { "…" } else { "" };
    format!("{:?}{more}", short)
}

/// The addresses of the selected claims and sessions that no export writes as a URL (not
/// http, https or mailto), named with where they are.
fn address_warnings(sessions: &[Session], format: Format, options: ExportOptions) -> Vec<String> {
    let mut warnings = Vec::new();
    let writes_session_urls = matches!(format, Format::ClaimReview | Format::W3c);
    let writes_source_urls = matches!(format, Format::W3c | Format::Fever | Format::Csv);
    for session in sessions.iter().filter(|_| writes_session_urls) {
        let meta = session.meta();
        for (what, url) in [
            ("review URL", meta.review_url.as_deref()),
            ("organisation URL", meta.organisation.url.as_deref()),
        ] {
            if let Some(url) = url.filter(|u| !u.trim().is_empty() && url_value(u).is_none()) {
                warnings.push(format!(
                    "session \"{}\": its {what} {} is not an http, https or mailto address: \
                     left out",
                    meta.title,
                    shown(url)
                ));
            }
        }
    }
    for item in items(sessions, format, options)
        .into_iter()
        .filter(|_| writes_source_urls)
    {
        for (n, source) in item.claim.sources.iter().enumerate() {
            if !source.url.trim().is_empty() && url_value(&source.url).is_none() {
                warnings.push(format!(
                    "claim {}: source {} has the address {}, which is not an http, https or \
                     mailto address: not written as a link",
                    item.session.claim_label(item.claim.id),
                    n + 1,
                    shown(&source.url)
                ));
            }
        }
    }
    warnings
}

/// Where a document came from, when that is a web address.
pub(crate) fn web_origin(doc: &Document) -> Option<&str> {
    let is_web = |address: &&str| address.starts_with("http://") || address.starts_with("https://");
    doc.meta
        .address()
        .filter(is_web)
        .or_else(|| doc.origin.as_deref().filter(is_web))
}
