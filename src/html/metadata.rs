//! What a news page says about itself: the headline, the authors, the publisher, the
//! dates, the canonical address and the language, read from JSON-LD (`NewsArticle`,
//! `Article`, `BlogPosting`, `LiveBlogPosting`, … also inside `@graph`), Open Graph and
//! `article:` properties, `<meta name=author>` and the Dublin Core dates, `<link
//! rel=canonical>`, `<time datetime>` and `<html lang>`, in that order of trust.

use dom_query::Document;
use serde_json::Value;

use crate::model::ArticleMeta;

/// JSON-LD types that describe the article itself.
const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "BlogPosting",
    "LiveBlogPosting",
    "Report",
    "ScholarlyArticle",
    "TechArticle",
];

/// The longest JSON-LD block read (a page's structured data is a few KB).
const MAX_JSON_LD_BYTES: usize = 1 << 20;
/// The most authors kept, and the longest name.
const MAX_AUTHORS: usize = 20;
const MAX_NAME_CHARS: usize = 200;

/// What the page declares.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageMeta {
    pub headline: Option<String>,
    pub meta: ArticleMeta,
}

/// Reads the page's metadata.
pub fn read(doc: &Document) -> PageMeta {
    let ld = json_ld_article(doc);
    let ld_str = |key: &str| ld.as_ref().and_then(|v| v.get(key)).and_then(text_of);
    let meta_property = |name: &str| {
        let selector = format!("meta[property=\"{name}\"], meta[name=\"{name}\"]");
        doc.select(&selector)
            .iter()
            .filter_map(|m| m.attr("content").map(|c| clean(&c)))
            .find(|c| !c.is_empty())
    };
    let headline = ld_str("headline")
        .or_else(|| meta_property("og:title"))
        .or_else(|| meta_property("twitter:title"))
        .or_else(|| first_text(doc, "article h1, main h1, h1"))
        .or_else(|| first_text(doc, "title"));

    let mut authors: Vec<String> = ld
        .as_ref()
        .and_then(|v| v.get("author").or_else(|| v.get("creator")))
        .map(names_of)
        .unwrap_or_default();
    if authors.is_empty() {
        authors = doc
            .select("meta[name=\"author\"], meta[property=\"article:author\"], meta[name=\"dc.creator\"], meta[name=\"DC.creator\"]")
            .iter()
            .filter_map(|m| m.attr("content"))
            .flat_map(|c| split_names(&c))
            .collect();
    }
    if authors.is_empty() {
        authors = doc
            .select("a[rel=\"author\"], [itemprop=\"author\"] [itemprop=\"name\"]")
            .iter()
            .map(|a| clean(&a.text()))
            .collect();
    }
    let mut seen = std::collections::HashSet::new();
    authors.retain(|name| {
        !name.is_empty()
            && !name.starts_with("http://")
            && !name.starts_with("https://")
            && name.chars().count() <= MAX_NAME_CHARS
            && seen.insert(name.to_lowercase())
    });
    authors.truncate(MAX_AUTHORS);

    let publisher = ld
        .as_ref()
        .and_then(|v| v.get("publisher"))
        .and_then(|p| names_of(p).into_iter().next())
        .or_else(|| meta_property("og:site_name"))
        .or_else(|| meta_property("application-name"));

    let published = ld_str("datePublished")
        .or_else(|| meta_property("article:published_time"))
        .or_else(|| meta_property("datePublished"))
        .or_else(|| meta_property("date"))
        .or_else(|| meta_property("DC.date.issued"))
        .or_else(|| meta_property("dcterms.created"))
        .or_else(|| meta_property("pubdate"))
        .or_else(|| {
            doc.select("article time[datetime], time[datetime]")
                .iter()
                .find_map(|t| t.attr("datetime").map(|d| clean(&d)))
        })
        .and_then(|d| iso_date(&d));
    let modified = ld_str("dateModified")
        .or_else(|| meta_property("article:modified_time"))
        .or_else(|| meta_property("og:updated_time"))
        .or_else(|| meta_property("dcterms.modified"))
        .and_then(|d| iso_date(&d));

    let url = ld
        .as_ref()
        .and_then(|v| v.get("mainEntityOfPage").or_else(|| v.get("url")))
        .and_then(|v| text_of(v).or_else(|| v.get("@id").and_then(text_of)))
        .filter(|u| crate::links::is_web_address(u))
        .or_else(|| {
            doc.select("link[rel=\"canonical\"]")
                .attr("href")
                .map(|h| clean(&h))
                .filter(|u| crate::links::is_web_address(u))
        })
        .or_else(|| meta_property("og:url").filter(|u| crate::links::is_web_address(u)));

    let language = ld_str("inLanguage")
        .or_else(|| doc.select("html").attr("lang").map(|l| clean(&l)))
        .or_else(|| {
            doc.select(
                "meta[http-equiv=\"content-language\"], meta[http-equiv=\"Content-Language\"]",
            )
            .attr("content")
            .map(|l| clean(&l))
        })
        .or_else(|| meta_property("og:locale"))
        .and_then(|tag| language_code(&tag));

    PageMeta {
        headline: headline.filter(|h| !h.is_empty()),
        meta: ArticleMeta {
            url,
            authors,
            publisher: publisher.filter(|p| !p.is_empty()),
            published,
            modified,
            language,
            fetch: None,
        },
    }
}

/// The first JSON-LD object on the page that describes an article.
fn json_ld_article(doc: &Document) -> Option<Value> {
    for script in doc.select("script[type=\"application/ld+json\"]").iter() {
        let text = script.text();
        if text.len() > MAX_JSON_LD_BYTES {
            continue;
        }
        let Ok(value) = serde_json::from_str::<Value>(text.trim()) else {
            continue;
        };
        if let Some(found) = find_article(&value, 0) {
            return Some(found.clone());
        }
    }
    None
}

fn find_article(value: &Value, depth: usize) -> Option<&Value> {
    if depth > 8 {
        return None;
    }
    match value {
        Value::Array(items) => items.iter().find_map(|item| find_article(item, depth + 1)),
        Value::Object(map) => {
            let is_article = match map.get("@type") {
                Some(Value::String(t)) => ARTICLE_TYPES.contains(&t.as_str()),
                Some(Value::Array(ts)) => ts
                    .iter()
                    .any(|t| t.as_str().is_some_and(|t| ARTICLE_TYPES.contains(&t))),
                _ => false,
            };
            if is_article {
                return Some(value);
            }
            map.get("@graph")
                .and_then(|graph| find_article(graph, depth + 1))
        }
        _ => None,
    }
}

/// A JSON-LD value as text: a string, or the first string of an array.
fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(clean(s)).filter(|s| !s.is_empty()),
        Value::Array(items) => items.iter().find_map(text_of),
        _ => None,
    }
}

/// The names in a JSON-LD `author`/`publisher`: a string, a `{name}` object, or a list.
fn names_of(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) => split_names(s),
        Value::Object(map) => map.get("name").and_then(text_of).into_iter().collect(),
        Value::Array(items) => items.iter().take(MAX_AUTHORS).flat_map(names_of).collect(),
        _ => Vec::new(),
    }
}

/// `A, B & C` or `A and B` as names; a single name stays whole.
fn split_names(text: &str) -> Vec<String> {
    let text = clean(text);
    let text = text
        .strip_prefix("By ")
        .or_else(|| text.strip_prefix("Door "))
        .unwrap_or(&text);
    text.split([',', '&', ';'])
        .flat_map(|part| part.split(" and "))
        .flat_map(|part| part.split(" en "))
        .map(clean)
        .filter(|name| !name.is_empty())
        .collect()
}

/// Whitespace collapsed and trimmed.
pub(crate) fn clean(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn first_text(doc: &Document, selector: &str) -> Option<String> {
    doc.select(selector)
        .iter()
        .map(|node| clean(&node.text()))
        .find(|text| !text.is_empty())
}

/// An ISO 8601 date or date-time (`2026-01-14`, `2026-01-14T09:12:00+01:00`); anything
/// else is dropped rather than guessed at.
pub fn iso_date(text: &str) -> Option<String> {
    let text = text.trim();
    let bytes = text.as_bytes();
    let is_date = bytes.len() >= 10
        && bytes[..4].iter().all(u8::is_ascii_digit)
        && bytes[4] == b'-'
        && bytes[5..7].iter().all(u8::is_ascii_digit)
        && bytes[7] == b'-'
        && bytes[8..10].iter().all(u8::is_ascii_digit);
    let rest_ok = |rest: &[u8]| match rest {
        [] => true,
        [b'T' | b' ', time @ ..] => {
            rest.len() <= 30
                && time
                    .iter()
                    .all(|b| b.is_ascii_digit() || matches!(b, b':' | b'.' | b'+' | b'-' | b'Z'))
        }
        _ => false,
    };
    let is_date = is_date && rest_ok(&bytes[10..]);
    is_date.then(|| text.replacen(' ', "T", 1))
}

/// The primary subtag of a language tag (`nl-NL`, `en_GB` → `nl`, `en`).
fn language_code(tag: &str) -> Option<String> {
    let primary = tag.split(['-', '_']).next()?.trim().to_ascii_lowercase();
    (2..=3)
        .contains(&primary.len())
        .then_some(primary)
        .filter(|p| p.bytes().all(|b| b.is_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta_of(html: &str) -> PageMeta {
        read(&Document::from(html))
    }

    #[test]
    fn json_ld_comes_first_and_is_found_in_a_graph() {
        let page = r#"<html lang="nl-NL"><head>
            <meta property="og:title" content="OG title">
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","name":"Site"},
              {"@type":["NewsArticle"],"headline":"LD headline","datePublished":"2026-01-14T09:12:00+01:00",
               "author":[{"@type":"Person","name":"Marieke de Vries"},{"@type":"Person","name":"Jan Jansen"}],
               "publisher":{"@type":"Organization","name":"De Stentor"},
               "mainEntityOfPage":{"@id":"https://www.example.nl/a~1/"}}]}</script>
            </head><body><h1>H1</h1></body></html>"#;
        let found = meta_of(page);
        assert_eq!(found.headline.as_deref(), Some("LD headline"));
        assert_eq!(found.meta.authors, ["Marieke de Vries", "Jan Jansen"]);
        assert_eq!(found.meta.publisher.as_deref(), Some("De Stentor"));
        assert_eq!(
            found.meta.published.as_deref(),
            Some("2026-01-14T09:12:00+01:00")
        );
        assert_eq!(
            found.meta.url.as_deref(),
            Some("https://www.example.nl/a~1/")
        );
        assert_eq!(found.meta.language.as_deref(), Some("nl"));
    }

    #[test]
    fn open_graph_meta_tags_canonical_and_time_fill_in() {
        let page = r#"<html><head><title>Title | Site</title>
            <meta property="og:site_name" content="The Site">
            <meta name="author" content="Tom Richardson, Emma Cole">
            <meta property="article:author" content="https://example.com/profile/tom">
            <link rel="canonical" href="https://example.com/news/1">
            <meta http-equiv="content-language" content="en">
            </head><body><article><h1> The  headline </h1><time datetime="2026-04-09">9 April</time></article></body></html>"#;
        let found = meta_of(page);
        assert_eq!(found.headline.as_deref(), Some("The headline"));
        assert_eq!(found.meta.authors, ["Tom Richardson", "Emma Cole"]);
        assert_eq!(found.meta.publisher.as_deref(), Some("The Site"));
        assert_eq!(found.meta.published.as_deref(), Some("2026-04-09"));
        assert_eq!(
            found.meta.url.as_deref(),
            Some("https://example.com/news/1")
        );
        assert_eq!(found.meta.language.as_deref(), Some("en"));
    }

    #[test]
    fn hostile_values_are_dropped() {
        let page = r#"<head><link rel="canonical" href="javascript:alert(1)">
            <meta property="article:published_time" content="yesterday">
            <script type="application/ld+json">{not json</script></head>"#;
        let found = meta_of(page);
        assert_eq!(found.meta.url, None);
        assert_eq!(found.meta.published, None);
        assert_eq!(
            iso_date("2026-01-14 09:12:00"),
            Some("2026-01-14T09:12:00".to_owned())
        );
        assert_eq!(iso_date("14-01-2026"), None);
    }
}
