//! Articles from the web on the command line: `claimdesk extract`, and the sources
//! `claimdesk new` takes (a file, a saved page, or an address to fetch).

use std::path::Path;

use anyhow::Context;
use claimdesk::article::{Article, load_article_with};
use claimdesk::fetch;
use claimdesk::html::Extraction;
use serde::Serialize;

use super::output::{Report, emit};

fn extraction(whole_page: bool) -> Extraction {
    if whole_page {
        Extraction::WholePage
    } else {
        Extraction::MainText
    }
}

/// The article `source` names and its origin: a file (its path), or an http(s) address,
/// fetched and archived beside the session `session_path`.
pub fn load_source(
    source: &Path,
    whole_page: bool,
    session_path: &Path,
) -> anyhow::Result<(Article, String)> {
    let hint = |err: claimdesk::article::ArticleError| {
        let hint = if err.is_no_article() {
            " (pass --whole-page to take it)"
        } else {
            ""
        };
        anyhow::anyhow!("{err}{hint}")
    };
    let name = source.to_string_lossy();
    let lower = name.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        let fetched = fetch::fetch(&name, &fetch::Limits::default())?;
        let article = fetch::article_of(&fetched, extraction(whole_page)).map_err(hint)?;
        if let Some(record) = &article.meta.fetch {
            fetch::write_archive(session_path, record, &fetched.bytes)
                .with_context(|| format!("archiving the page of {name}"))?;
        }
        return Ok((article, fetched.final_url));
    }
    let article = load_article_with(source, extraction(whole_page)).map_err(hint)?;
    Ok((article, source.display().to_string()))
}

#[derive(Serialize)]
struct Extracted<'a> {
    file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    body: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    meta: Option<&'a claimdesk::model::ArticleMeta>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

/// `claimdesk extract`: the article of each file, as text or one JSON object per line. A
/// file that cannot be read is reported and the others still printed; the exit status
/// says whether all were read.
pub fn extract(files: &[std::path::PathBuf], json: bool, whole_page: bool) -> anyhow::Result<()> {
    let mut report = Report::new();
    let mut failed = Vec::new();
    for file in files {
        let result = load_article_with(file, extraction(whole_page));
        let name = file.display().to_string();
        match &result {
            Ok(article) => {
                // The headline is the title; the body is what follows it.
                let body = article
                    .text
                    .strip_prefix(article.title.as_str())
                    .map_or(article.text.as_str(), str::trim_start);
                if json {
                    let line = Extracted {
                        file: name,
                        title: Some(&article.title),
                        body: Some(body),
                        meta: Some(&article.meta),
                        error: None,
                    };
                    report.line(serde_json::to_string(&line).context("encoding JSON")?);
                } else {
                    report.line(format_args!("# {}\n\n{}\n", article.title, body));
                }
            }
            Err(err) => {
                if json {
                    let line = Extracted {
                        file: name,
                        title: None,
                        body: None,
                        meta: None,
                        error: Some(err.to_string()),
                    };
                    report.line(serde_json::to_string(&line).context("encoding JSON")?);
                }
                failed.push(err.to_string());
            }
        }
    }
    emit(report.as_str(), None)?;
    match failed.as_slice() {
        [] => Ok(()),
        [only] => anyhow::bail!("{only}"),
        many => anyhow::bail!("{} files could not be read; first: {}", many.len(), many[0]),
    }
}
