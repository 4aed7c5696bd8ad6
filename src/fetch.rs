//! Fetching an article's page from the web and archiving it beside the session.
//!
//! Only `http` and `https` addresses are fetched, with `ureq` (rustls, Mozilla's root
//! certificates built in): redirects are followed up to [`Limits::max_redirects`], the
//! whole exchange is bounded in time and the body in size, and every failure says which
//! address and what went wrong. The bytes received are archived as
//! `NAME.sources/<sha256>.html` next to `NAME.ron`, because the article may change or
//! vanish and the session must show what was checked; the document records the address
//! asked for, the address answered from, the time and the archive's file name. (A page
//! fetched into a session not yet saved is kept in memory and archived by its first
//! save; Save as copies the archives to the new name's folder.)

use std::path::{Path, PathBuf};
use std::time::Duration;

use thiserror::Error;

use crate::article::{Article, ArticleError, ArticleFormat, parse_article, parse_page};
use crate::html::{Extraction, MAX_HTML_BYTES};
use crate::model::Fetch;
use crate::timestamp::Timestamp;

/// How far a fetch may go.
#[derive(Clone, Debug)]
pub struct Limits {
    /// The whole exchange: connecting, redirects, headers and body.
    pub timeout: Duration,
    pub connect_timeout: Duration,
    pub max_redirects: u32,
    pub max_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            max_redirects: 5,
            max_bytes: MAX_HTML_BYTES as u64,
        }
    }
}

/// A page as received.
#[derive(Clone, Debug)]
pub struct Fetched {
    pub requested_url: String,
    pub final_url: String,
    /// The `Content-Type` media type, lower-cased, without parameters.
    pub media_type: Option<String>,
    /// The `charset` parameter of the `Content-Type`.
    pub charset: Option<String>,
    pub bytes: Vec<u8>,
    pub time: Timestamp,
}

/// Why a page could not be fetched.
#[derive(Debug, Error)]
pub enum FetchError {
    #[error("{url} is not a web address: only http:// and https:// pages are fetched")]
    NotWeb { url: String },
    #[error("{url} is not a valid address: {reason}")]
    BadAddress { url: String, reason: String },
    #[error("{url} answered {status}{}", reason.as_deref().map(|r| format!(" ({r})")).unwrap_or_default())]
    Status {
        url: String,
        status: u16,
        reason: Option<String>,
    },
    #[error("{url} did not answer within {seconds} seconds")]
    Timeout { url: String, seconds: u64 },
    #[error(
        "{url} redirects to {location}, which is not an http or https address; redirect to a \
         non-http address refused"
    )]
    RedirectNotWeb { url: String, location: String },
    #[error("{url} redirects more than {limit} times")]
    TooManyRedirects { url: String, limit: u32 },
    #[error("{url} sends more than {limit} bytes; Claimdesk reads pages of at most that")]
    TooLarge { url: String, limit: u64 },
    #[error("{url} is {media_type}, not a web page or text")]
    NotAPage { url: String, media_type: String },
    #[error("{url} could not be found (no such host)")]
    HostNotFound { url: String },
    #[error("cannot fetch {url}: {cause}")]
    Network { url: String, cause: String },
}

/// Fetches `url` within `limits`.
pub fn fetch(url: &str, limits: &Limits) -> Result<Fetched, FetchError> {
    let url = url.trim();
    // Messages and the session name the page without any user name or password in it.
    let shown = without_credentials(url);
    if !crate::links::is_web_address(url) {
        return Err(FetchError::NotWeb { url: shown.clone() });
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(limits.timeout))
        .timeout_connect(Some(limits.connect_timeout))
        // Redirects are followed here, one by one, so each address is checked.
        .max_redirects(0)
        .http_status_as_error(false)
        .user_agent(concat!(
            "Claimdesk/",
            env!("CARGO_PKG_VERSION"),
            " (fact-checking)"
        ))
        .build()
        .into();
    let map_err = |err: ureq::Error| match err {
        ureq::Error::Timeout(_) => FetchError::Timeout {
            url: shown.clone(),
            seconds: limits.timeout.as_secs(),
        },
        ureq::Error::TooManyRedirects => FetchError::TooManyRedirects {
            url: shown.clone(),
            limit: limits.max_redirects,
        },
        ureq::Error::BodyExceedsLimit(_) => FetchError::TooLarge {
            url: shown.clone(),
            limit: limits.max_bytes,
        },
        ureq::Error::HostNotFound => FetchError::HostNotFound { url: shown.clone() },
        ureq::Error::BadUri(reason) => FetchError::BadAddress {
            url: shown.clone(),
            reason,
        },
        other => FetchError::Network {
            url: shown.clone(),
            cause: other.to_string(),
        },
    };
    let time = Timestamp::now();
    let started = std::time::Instant::now();
    let mut current = url.to_owned();
    let mut hops = 0;
    let mut response = loop {
        // The whole exchange, redirects included, within the one timeout.
        let remaining = limits.timeout.saturating_sub(started.elapsed());
        if remaining.is_zero() {
            return Err(FetchError::Timeout {
                url: shown.clone(),
                seconds: limits.timeout.as_secs(),
            });
        }
        let response = agent
            .get(&current)
            .config()
            .timeout_global(Some(remaining))
            .build()
            .call()
            .map_err(map_err)?;
        if !response.status().is_redirection() {
            break response;
        }
        let Some(location) = response
            .headers()
            .get("location")
            .and_then(|value| value.to_str().ok())
        else {
            break response;
        };
        let next = url::Url::parse(&current)
            .and_then(|base| base.join(location.trim()))
            .map_err(|err| FetchError::BadAddress {
                url: location.to_owned(),
                reason: err.to_string(),
            })?;
        if !matches!(next.scheme(), "http" | "https") {
            return Err(FetchError::RedirectNotWeb {
                url: without_credentials(&current),
                location: location.chars().take(200).collect(),
            });
        }
        hops += 1;
        if hops > limits.max_redirects {
            return Err(FetchError::TooManyRedirects {
                url: shown.clone(),
                limit: limits.max_redirects,
            });
        }
        current = next.to_string();
    };
    let final_url = current;
    let status = response.status();
    if !status.is_success() {
        return Err(FetchError::Status {
            url: without_credentials(&final_url),
            status: status.as_u16(),
            reason: status.canonical_reason().map(str::to_owned),
        });
    }
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let (media_type, charset) = parse_content_type(content_type.as_deref());
    if let Some(media_type) = &media_type
        && !is_page_type(media_type)
    {
        return Err(FetchError::NotAPage {
            url: without_credentials(&final_url),
            media_type: media_type.clone(),
        });
    }
    let bytes = response
        .body_mut()
        .with_config()
        .limit(limits.max_bytes)
        .read_to_vec()
        .map_err(map_err)?;
    Ok(Fetched {
        requested_url: shown.clone(),
        final_url: without_credentials(&final_url),
        media_type,
        charset,
        bytes,
        time,
    })
}

/// `url` without a user name or password (`https://user:secret@host/…`): they are used
/// for the request, never stored in a session or shown.
pub fn without_credentials(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) => {
            if !parsed.username().is_empty() || parsed.password().is_some() {
                let _ = parsed.set_username("");
                let _ = parsed.set_password(None);
                return parsed.to_string();
            }
            url.to_owned()
        }
        // Not an address the URL parser reads (it could not be fetched either): the
        // authority's `user:password@` cut out by hand all the same.
        Err(_) => {
            let Some((scheme, rest)) = url.split_once("://") else {
                return url.to_owned();
            };
            let authority_end = rest.find(['/', '?', '#', '\\']).unwrap_or(rest.len());
            match rest[..authority_end].rfind('@') {
                Some(at) => format!("{scheme}://{}", &rest[at + 1..]),
                None => url.to_owned(),
            }
        }
    }
}

/// The media type and `charset` of a `Content-Type` value.
fn parse_content_type(value: Option<&str>) -> (Option<String>, Option<String>) {
    let Some(value) = value else {
        return (None, None);
    };
    let mut parts = value.split(';');
    let media_type = parts
        .next()
        .map(|t| t.trim().to_ascii_lowercase())
        .filter(|t| !t.is_empty());
    let charset = parts.find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches('"').to_owned())
    });
    (media_type, charset)
}

/// HTML, XHTML or plain text.
fn is_page_type(media_type: &str) -> bool {
    matches!(
        media_type,
        "text/html" | "application/xhtml+xml" | "text/plain" | "text/markdown"
    )
}

/// The folder of archived pages of the session at `session_path`: `NAME.sources`.
pub fn sources_dir(session_path: &Path) -> PathBuf {
    let stem = session_path
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_else(|| "session".to_owned());
    session_path.with_file_name(format!("{stem}.sources"))
}

/// The record of a fetched page, naming its archive `<sha256>.<ext>` (in the session's
/// [`sources_dir`]); nothing is written yet (see [`write_archive`]).
pub fn fetch_record(fetched: &Fetched) -> Fetch {
    let content_hash = crate::model::content_hash(&fetched.bytes);
    let hex = content_hash
        .strip_prefix("sha256:")
        .unwrap_or(&content_hash);
    let extension = match fetched.media_type.as_deref() {
        Some("text/plain") => "txt",
        Some("text/markdown") => "md",
        _ => "html",
    };
    Fetch {
        requested_url: fetched.requested_url.clone(),
        final_url: fetched.final_url.clone(),
        time: fetched.time,
        archive: format!("{hex}.{extension}"),
        content_hash,
    }
}

/// Where the archive of `fetch` lives for the session at `session_path`, or `None` when
/// the recorded name is not one Claimdesk writes (`<64 hex digits>.html|txt|md`): a
/// session file from elsewhere cannot point a save at any other file.
pub fn archived_file(session_path: &Path, fetch: &Fetch) -> Option<PathBuf> {
    let (hex, extension) = fetch.archive.split_once('.')?;
    let is_ours = hex.len() == 64
        && hex
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        && matches!(extension, "html" | "txt" | "md");
    is_ours.then(|| sources_dir(session_path).join(&fetch.archive))
}

/// Writes `bytes` (the page `fetch` records) to its archive beside the session at
/// `session_path`, atomically; an archive already there holds the same bytes (its name
/// is their hash) and is kept.
pub fn write_archive(
    session_path: &Path,
    fetch: &Fetch,
    bytes: &[u8],
) -> Result<PathBuf, crate::store::SaveError> {
    let file = archived_file(session_path, fetch).ok_or_else(|| crate::store::SaveError::Io {
        path: sources_dir(session_path),
        action: "archiving a fetched page",
        cause: std::io::Error::other(format!("unexpected archive name {:?}", fetch.archive)),
    })?;
    if !file.exists() {
        let dir = sources_dir(session_path);
        std::fs::create_dir_all(&dir).map_err(|cause| crate::store::SaveError::Io {
            path: dir,
            action: "creating the folder of archived pages",
            cause,
        })?;
        crate::store::atomic::write_atomically(&file, bytes, false)?;
    }
    Ok(file)
}

/// The article of a fetched page (its main text, or with [`Extraction::WholePage`] all
/// its visible text); plain text is read as a text file. The fetch record is set.
pub fn article_of(fetched: &Fetched, extraction: Extraction) -> Result<Article, ArticleError> {
    let name = Path::new(&fetched.final_url);
    let mut article = match fetched.media_type.as_deref() {
        Some("text/plain") => parse_article(&fetched.bytes, name, ArticleFormat::Plain)?,
        Some("text/markdown") => parse_article(&fetched.bytes, name, ArticleFormat::Markdown)?,
        _ => parse_page(
            &fetched.bytes,
            name,
            fetched.charset.as_deref(),
            Some(&fetched.final_url),
            extraction,
        )?,
    };
    article.meta.fetch = Some(fetch_record(fetched));
    Ok(article)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 29, finding 8: a user name and password in an address are never stored.
    #[test]
    fn credentials_are_left_out_of_stored_addresses() {
        assert_eq!(
            without_credentials("https://user:secret@example.org/a?b#c"),
            "https://example.org/a?b#c"
        );
        assert_eq!(
            without_credentials("https://example.org/a"),
            "https://example.org/a"
        );
        assert_eq!(without_credentials("not a url"), "not a url");
    }

    #[test]
    fn content_types_are_parsed() {
        assert_eq!(
            parse_content_type(Some("Text/HTML; charset=\"ISO-8859-1\"")),
            (Some("text/html".to_owned()), Some("ISO-8859-1".to_owned()))
        );
        assert_eq!(parse_content_type(None), (None, None));
        assert!(!is_page_type("application/pdf") && is_page_type("application/xhtml+xml"));
    }

    #[test]
    fn only_web_addresses_are_fetched() {
        for url in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "ftp://x",
            "/tmp/a.html",
        ] {
            assert!(matches!(
                fetch(url, &Limits::default()),
                Err(FetchError::NotWeb { .. })
            ));
        }
    }

    #[test]
    fn the_sources_folder_sits_beside_the_session() {
        assert_eq!(
            sources_dir(Path::new("/x/review.ron")),
            Path::new("/x/review.sources")
        );
    }
}
