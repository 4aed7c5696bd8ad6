//! The character encoding of a web page, decided as a browser decides it: a byte-order
//! mark, else the charset of the HTTP `Content-Type` header, else a `<meta charset>` (or
//! `http-equiv`) in the first 1024 bytes, else detection from the bytes themselves
//! (`chardetng`, Firefox's detector). Decoding is `encoding_rs`'s, so a windows-1252 or
//! ISO-8859-1 page reads as it does in a browser.

use encoding_rs::Encoding;

/// Where the encoding came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CharsetSource {
    ByteOrderMark,
    HttpHeader,
    MetaTag,
    Detected,
}

/// A decoded page.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
    pub source: CharsetSource,
    /// Whether some bytes were not valid in the encoding (each became U+FFFD).
    pub had_errors: bool,
}

/// How far into the page a `<meta charset>` counts (the HTML standard's prescan limit).
const PRESCAN_BYTES: usize = 1024;

/// Decodes `bytes`; `header_charset` is the `charset` parameter of the HTTP
/// `Content-Type`, when the page came over HTTP.
pub fn decode(bytes: &[u8], header_charset: Option<&str>) -> Decoded {
    let (encoding, source) = if let Some((encoding, _)) = Encoding::for_bom(bytes) {
        (encoding, CharsetSource::ByteOrderMark)
    } else if let Some(encoding) = header_charset.and_then(|label| for_label(label.as_bytes())) {
        (encoding, CharsetSource::HttpHeader)
    } else if let Some(encoding) = meta_charset(&bytes[..bytes.len().min(PRESCAN_BYTES)]) {
        (encoding, CharsetSource::MetaTag)
    } else {
        let mut detector = chardetng::EncodingDetector::new();
        detector.feed(bytes, true);
        (detector.guess(None, true), CharsetSource::Detected)
    };
    let (text, had_errors) = encoding.decode_with_bom_removal(bytes);
    Decoded {
        text: text.into_owned(),
        encoding,
        source,
        had_errors,
    }
}

/// The encoding a label names, as a page declares it: UTF-16 in a meta tag means UTF-8
/// (the bytes were read as ASCII to find it), `x-user-defined` means windows-1252.
fn for_label(label: &[u8]) -> Option<&'static Encoding> {
    let encoding = Encoding::for_label(label)?;
    Some(
        if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
            encoding_rs::UTF_8
        } else if encoding == encoding_rs::X_USER_DEFINED {
            encoding_rs::WINDOWS_1252
        } else {
            encoding
        },
    )
}

/// The encoding a `<meta charset=…>` or `<meta http-equiv=Content-Type content="…;
/// charset=…">` in `head` declares.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = memchr::memmem::find(&lower[from..], b"<meta") {
        let tag_start = from + at;
        let tag_end =
            memchr::memchr(b'>', &lower[tag_start..]).map_or(lower.len(), |n| tag_start + n);
        let tag = &lower[tag_start..tag_end];
        if let Some(label) = charset_in(tag) {
            return for_label(label);
        }
        from = tag_end;
    }
    None
}

/// The value after `charset=` in a tag, without quotes.
fn charset_in(tag: &[u8]) -> Option<&[u8]> {
    let at = memchr::memmem::find(tag, b"charset")?;
    let rest = &tag[at + b"charset".len()..];
    let rest = rest
        .trim_ascii_start()
        .strip_prefix(b"=")?
        .trim_ascii_start();
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|&b| {
            matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'>') || b.is_ascii_whitespace()
        })
        .unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_and_http_equiv_are_read() {
        let page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"></head><body>\xA312 caf\xE9</body></html>";
        let decoded = decode(page, None);
        assert_eq!(decoded.encoding, encoding_rs::WINDOWS_1252);
        assert_eq!(decoded.source, CharsetSource::MetaTag);
        assert!(decoded.text.contains("£12 café"));
        let page = b"<meta charset='iso-8859-1'><p>na\xEFef</p>";
        // ISO-8859-1 is read as windows-1252, as browsers do.
        assert!(decode(page, None).text.contains("naïef"));
    }

    #[test]
    fn the_http_header_wins_over_the_meta_tag_and_a_bom_over_both() {
        let page = b"<meta charset=\"utf-8\"><p>caf\xE9</p>";
        let decoded = decode(page, Some("ISO-8859-1"));
        assert_eq!(decoded.source, CharsetSource::HttpHeader);
        assert!(decoded.text.contains("café"));
        let page = b"\xEF\xBB\xBF<meta charset=\"windows-1252\"><p>caf\xC3\xA9</p>";
        let decoded = decode(page, Some("windows-1252"));
        assert_eq!(decoded.source, CharsetSource::ByteOrderMark);
        assert!(decoded.text.starts_with("<meta") && decoded.text.contains("café"));
    }

    #[test]
    fn an_undeclared_legacy_page_is_detected() {
        let text = "<html><body><p>De Tweede Kamer heeft vandaag ingestemd met het voorstel. \
                    Volgens de minister is het geen reden tot paniek, maar het café blijft \
                    dicht. Hij zei: “Dit is een moeilijke beslissing” en vertrok. Daarna \
                    volgde een debat over de financiën van de gemeenten.</p></body></html>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        let decoded = decode(&bytes, None);
        assert_eq!(decoded.source, CharsetSource::Detected);
        assert_eq!(decoded.text, text);
        // Plain UTF-8 without any declaration stays UTF-8.
        assert_eq!(decode(text.as_bytes(), None).encoding, encoding_rs::UTF_8);
    }

    #[test]
    fn utf16_declared_in_a_meta_tag_means_utf8() {
        let page = "<meta charset=\"utf-16\"><p>é</p>".as_bytes();
        assert_eq!(decode(page, None).encoding, encoding_rs::UTF_8);
    }
}
