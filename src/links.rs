//! Which addresses from a session or an article may become live links: `http`, `https`
//! and `mailto` only. Anything else (`javascript:`, `file:`, `data:`, a bare path) is shown
//! as plain text, in the window and in reports, and is never handed to the system opener:
//! a session is a file from outside and may be hostile.

/// The schemes that open or link.
pub const LINKABLE_SCHEMES: &[&str] = &["http", "https", "mailto"];

/// Whether `url` may become a live link: an allowed scheme with something after it, and no
/// whitespace or control characters (which no real address has, and which could break out
/// of the markup around it).
pub fn is_linkable(url: &str) -> bool {
    why_not_linkable(url).is_none()
}

/// Whether `url` is a web page's address Claimdesk may fetch or record: a live link
/// (see [`is_linkable`]) with the `http` or `https` scheme, at most 2048 bytes long.
pub fn is_web_address(url: &str) -> bool {
    let scheme = url.split_once(':').map_or("", |(scheme, _)| scheme);
    let is_web = scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https");
    is_web && url.len() <= 2048 && is_linkable(url)
}

/// Why `url` is not a live link, in words for a tooltip; `None` when it is one.
pub fn why_not_linkable(url: &str) -> Option<&'static str> {
    let Some((scheme, rest)) = url.split_once(':') else {
        return Some("not a web address: only http, https and mailto addresses open");
    };
    if !LINKABLE_SCHEMES
        .iter()
        .any(|allowed| scheme.eq_ignore_ascii_case(allowed))
    {
        return Some(
            "only http, https and mailto addresses open; this one could run code or read local files",
        );
    }
    let rest = rest.strip_prefix("//").unwrap_or(rest);
    if rest.is_empty() {
        return Some("the address is empty after its scheme");
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some("the address contains spaces or control characters");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_addresses_are_http_or_https_links() {
        assert!(is_web_address("HTTPS://example.org/a?b=1"));
        for url in [
            "mailto:desk@example.org",
            "javascript:alert(1)",
            "https://a b",
            "ftp://x",
        ] {
            assert!(!is_web_address(url), "{url}");
        }
        assert!(!is_web_address(&format!(
            "https://x.org/{}",
            "a".repeat(2048)
        )));
    }

    #[test]
    fn only_web_and_mail_addresses_link() {
        for url in [
            "https://nos.nl/artikel/1",
            "HTTP://example.org",
            "mailto:desk@example.org",
        ] {
            assert!(is_linkable(url), "{url}");
        }
        for url in [
            "javascript:alert(document.domain)",
            "JavaScript:alert(1)",
            "file:///etc/passwd",
            "data:text/html,<script>alert(1)</script>",
            "/etc/passwd",
            "nos.nl/artikel",
            "https://",
            "https://x.org/\"><img src=x onerror=alert(1)>",
            "https://x.org/a b",
            "",
        ] {
            assert!(!is_linkable(url), "{url}");
        }
    }
}
