//! A readable report, as Markdown or HTML: per document, counts by verdict, then each claim
//! with its verdict, rationale and sources. Both renderings come from one list of blocks.

use super::{ExportOptions, Format, documents};
use crate::links;
use crate::model::{Session, Verdict};

/// A piece of the report, independent of the markup.
enum Block {
    Heading(u8, String),
    Paragraph(String),
    Quote(String),
    List(Vec<String>),
    /// List items that end in a link: (text, URL).
    Links(Vec<(String, String)>),
    Table(Vec<String>, Vec<Vec<String>>),
}

fn blocks(sessions: &[Session], options: ExportOptions) -> Vec<Block> {
    let mut out = Vec::new();
    for session in sessions {
        let meta = &session.meta();
        out.push(Block::Heading(1, meta.title.clone()));
        let mut facts = Vec::new();
        if !meta.organisation.name.is_empty() {
            facts.push(format!("Organisation: {}", meta.organisation.name));
        }
        if !meta.reviewers.is_empty() {
            facts.push(format!("Reviewers: {}", meta.reviewers.join(", ")));
        }
        facts.push(format!("Last modified: {}", meta.modified.date_string()));
        out.push(Block::Paragraph(facts.join(" · ")));
    }
    let mut last_session = usize::MAX;
    for group in documents(sessions, Format::Markdown, options) {
        if group.session_idx != last_session && sessions.len() > 1 {
            out.push(Block::Heading(
                2,
                format!("Session: {}", group.session.meta().title),
            ));
        }
        last_session = group.session_idx;
        out.push(Block::Heading(
            2,
            format!("{} ({})", group.doc.title, group.doc.language),
        ));
        let page = &group.doc.meta;
        let mut facts = Vec::new();
        if !page.authors.is_empty() {
            facts.push(format!("By {}", page.authors.join(", ")));
        }
        facts.extend(page.publisher.clone());
        if let Some(published) = &page.published {
            facts.push(format!("Published {published}"));
        }
        facts.extend(super::web_origin(group.doc).map(str::to_owned));
        if let Some(fetch) = &page.fetch {
            facts.push(format!(
                "Fetched {} (archived as {})",
                fetch.time, fetch.archive
            ));
        }
        if !facts.is_empty() {
            out.push(Block::Paragraph(facts.join(" · ")));
        }
        if group.claims.is_empty() {
            out.push(Block::Paragraph("No claims.".to_owned()));
            continue;
        }
        let rows = Verdict::ALL
            .iter()
            .filter_map(|&verdict| {
                let n = group.claims.iter().filter(|c| c.verdict == verdict).count();
                (n > 0).then(|| vec![verdict.label().to_owned(), n.to_string()])
            })
            .collect();
        out.push(Block::Table(
            vec!["Verdict".to_owned(), "Claims".to_owned()],
            rows,
        ));
        for claim in &group.claims {
            out.push(Block::Heading(
                3,
                format!(
                    "Claim {}: {}",
                    group.session.claim_label(claim.id),
                    claim.verdict.label()
                ),
            ));
            out.push(Block::Quote(claim.anchor.quote.exact.clone()));
            let mut facts = Vec::new();
            if claim.text != claim.anchor.quote.exact {
                facts.push(format!("Claim as checked: {}", claim.text));
            }
            if !claim.claimant.is_empty() {
                facts.push(format!("Claimant: {}", claim.claimant));
            }
            facts.push(format!("Status: {}", claim.status.label()));
            if !claim.reviewer.is_empty() {
                facts.push(format!("Reviewer: {}", claim.reviewer));
            }
            out.push(Block::List(facts));
            if !claim.note.is_empty() {
                out.push(Block::Paragraph(claim.note.clone()));
            }
            if !claim.sources.is_empty() {
                let sources = claim
                    .sources
                    .iter()
                    .map(|source| {
                        let mut text = format!("{}: {}", source.stance.label(), source.title);
                        if !source.publisher.is_empty() {
                            text.push_str(&format!(" ({})", source.publisher));
                        }
                        if !source.quote.is_empty() {
                            text.push_str(&format!(" “{}”", source.quote));
                        }
                        (text, source.url.clone())
                    })
                    .collect();
                out.push(Block::Paragraph("Sources:".to_owned()));
                out.push(Block::Links(sources));
            }
        }
    }
    // Orphans are not on the current text, but a report never hides them.
    for session in sessions {
        if session.orphans().is_empty() {
            continue;
        }
        out.push(Block::Heading(2, "Orphaned claims".to_owned()));
        out.push(Block::Paragraph(
            "An update of the article left these claims without a place in its current \
             text; they keep their verdicts, sources and notes until a reviewer attaches \
             them again."
                .to_owned(),
        ));
        let items = session
            .orphans()
            .iter()
            .map(|orphan| {
                let doc = session
                    .document(orphan.doc)
                    .map_or("?", |doc| doc.title.as_str());
                format!(
                    "Claim {} ({}), in “{doc}”: {}",
                    session.claim_label(orphan.id),
                    orphan.verdict.label(),
                    orphan.text
                )
            })
            .collect();
        out.push(Block::List(items));
    }
    out
}

/// The report as Markdown.
pub(super) fn markdown(sessions: &[Session], options: ExportOptions) -> String {
    let escape = |text: &str| -> String {
        text.chars()
            .flat_map(|c| match c {
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' => vec!['\\', c],
                _ => vec![c],
            })
            .collect()
    };
    // A rationale keeps its lines: a blank line starts a new paragraph, a single line break
    // is a hard break (a backslash at the end of the line, CommonMark).
    let lines = |text: &str, prefix: &str| -> String {
        text.split('\n')
            .map(|line| line.trim_end())
            .collect::<Vec<_>>()
            .join("\n")
            .split("\n\n")
            .filter(|para| !para.trim().is_empty())
            .map(|para| {
                para.lines()
                    .map(|line| format!("{prefix}{}", escape(line)))
                    .collect::<Vec<_>>()
                    .join("\\\n")
            })
            .collect::<Vec<_>>()
            .join(&format!("\n{}\n", prefix.trim_end()))
    };
    let mut out = format!("{}\n\n", super::output::MARKDOWN_MARK);
    for block in blocks(sessions, options) {
        match block {
            Block::Heading(level, text) => {
                out.push_str(&format!(
                    "{} {}\n\n",
                    "#".repeat(level as usize),
                    escape(&text)
                ));
            }
            Block::Paragraph(text) => out.push_str(&format!("{}\n\n", lines(&text, ""))),
            Block::Quote(text) => out.push_str(&format!("{}\n\n", lines(&text, "> "))),
            Block::List(items) => {
                for item in items {
                    out.push_str(&format!("- {}\n", escape(&item)));
                }
                out.push('\n');
            }
            Block::Links(items) => {
                for (text, url) in items {
                    let link = if url.is_empty() {
                        String::new()
                    } else if links::is_linkable(&url) {
                        format!(" <{}>", autolink_safe(&url))
                    } else {
                        // Shown, so the reader sees what the reviewer cited, but inert.
                        format!(" (not a link: {})", escape(&url))
                    };
                    out.push_str(&format!("- {}{link}\n", escape(&text)));
                }
                out.push('\n');
            }
            Block::Table(header, rows) => {
                out.push_str(&format!("| {} |\n", header.join(" | ")));
                out.push_str(&format!("|{}\n", "---|".repeat(header.len())));
                for row in rows {
                    let cells: Vec<String> = row.iter().map(|c| escape(c)).collect();
                    out.push_str(&format!("| {} |\n", cells.join(" | ")));
                }
                out.push('\n');
            }
        }
    }
    out
}

/// A linkable URL made safe inside a CommonMark autolink `<…>`: the characters that
/// would end it or start markup are percent-encoded (the address stays the same).
fn autolink_safe(url: &str) -> String {
    url.chars()
        .map(|c| match c {
            '<' | '>' | '"' | '`' | '\\' | '[' | ']' => format!("%{:02X}", u32::from(c)),
            _ => c.to_string(),
        })
        .collect()
}

/// The report as a self-contained HTML page.
pub(super) fn html(sessions: &[Session], options: ExportOptions) -> String {
    let escape = |text: &str| -> String {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
            .replace('\'', "&#39;")
    };
    let title = sessions
        .first()
        .map(|s| escape(&s.meta().title))
        .unwrap_or_default();
    let mut out = format!(
        "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n{generator}\n<title>{title}</title>\n\
         <style>body{{font-family:sans-serif;max-width:50em;margin:2em auto;line-height:1.5}}\
         blockquote{{border-left:4px solid #0072B2;margin:0;padding-left:1em}}\
         table{{border-collapse:collapse}}td,th{{border:1px solid #999;padding:.2em .6em}}</style>\n\
         </head>\n<body>\n",
        generator = super::output::HTML_MARK
    );
    for block in blocks(sessions, options) {
        match block {
            Block::Heading(level, text) => {
                out.push_str(&format!("<h{level}>{}</h{level}>\n", escape(&text)));
            }
            Block::Paragraph(text) => out.push_str(&paragraphs_html(&text, &escape)),
            Block::Quote(text) => {
                out.push_str(&format!(
                    "<blockquote>{}</blockquote>\n",
                    paragraphs_html(&text, &escape).trim_end()
                ));
            }
            Block::List(items) => {
                out.push_str("<ul>\n");
                for item in items {
                    out.push_str(&format!("<li>{}</li>\n", escape(&item)));
                }
                out.push_str("</ul>\n");
            }
            Block::Links(items) => {
                out.push_str("<ul>\n");
                for (text, url) in items {
                    let link = match links::why_not_linkable(&url) {
                        _ if url.is_empty() => String::new(),
                        None => format!(" <a href=\"{0}\">{0}</a>", escape(&url)),
                        Some(reason) => format!(
                            " <span class=\"not-a-link\" title=\"{}\">{}</span>",
                            escape(reason),
                            escape(&url)
                        ),
                    };
                    out.push_str(&format!("<li>{}{link}</li>\n", escape(&text)));
                }
                out.push_str("</ul>\n");
            }
            Block::Table(header, rows) => {
                out.push_str("<table>\n<tr>");
                for cell in header {
                    out.push_str(&format!("<th>{}</th>", escape(&cell)));
                }
                out.push_str("</tr>\n");
                for row in rows {
                    out.push_str("<tr>");
                    for cell in row {
                        out.push_str(&format!("<td>{}</td>", escape(&cell)));
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</table>\n");
            }
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// A multi-line text as HTML paragraphs: a blank line starts a new `<p>`, a single line
/// break becomes `<br>`.
fn paragraphs_html(text: &str, escape: &dyn Fn(&str) -> String) -> String {
    let normalized = text
        .split('\n')
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n");
    normalized
        .split("\n\n")
        .filter(|para| !para.trim().is_empty())
        .map(|para| {
            let lines: Vec<String> = para.lines().map(escape).collect();
            format!("<p>{}</p>\n", lines.join("<br>\n"))
        })
        .collect()
}
