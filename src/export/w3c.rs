//! W3C Web Annotation (JSON-LD): an AnnotationCollection with one Annotation per claim.
//!
//! Each annotation targets its document with a TextQuoteSelector and a
//! TextPositionSelector (code points, as the model specifies). The verdict is a classifying
//! body, the claim as checked a describing body, the rationale a commenting body, and each
//! source a `SpecificResource` with `purpose: linking` whose `source` is the web page (an
//! external resource must not carry a purpose itself). The collection and its page have
//! IRIs (`urn:claimdesk:collection:…`, derived from the content, so the same export gets the
//! same ids); every body and target id is an IRI: a web address, or a `urn:claimdesk:` one
//! (a source given as a bare path becomes `urn:claimdesk:reference:<percent-encoded>`). Claimant, status, stance, publisher and the
//! quoted passage have no W3C term; they travel as `claimdesk:` properties, declared in the
//! context. The collection also carries the documents themselves (`claimdesk:documents`),
//! because annotations alone cannot be re-anchored without the text.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{ExportError, ExportOptions, Format, documents, to_pretty_json, web_origin};
use crate::model::{Claim, Document, Session};
use crate::timestamp::Timestamp;

/// The JSON-LD context: the Web Annotation vocabulary plus our own terms.
pub(super) const CLAIMDESK_NS: &str = "urn:claimdesk:";

#[derive(Serialize, Deserialize)]
pub(super) struct Collection {
    #[serde(rename = "@context")]
    pub context: serde_json::Value,
    #[serde(default)]
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub total: usize,
    #[serde(rename = "claimdesk:documents", default)]
    pub documents: Vec<DocumentRecord>,
    /// Who published the review and where (the session details a collection carries).
    #[serde(
        rename = "claimdesk:review",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub review: Option<ReviewRecord>,
    pub first: Page,
}

/// The session details that travel with a collection (one session's; a collection of
/// several sessions carries none).
#[derive(Serialize, Deserialize, Default)]
pub(super) struct ReviewRecord {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub organisation: String,
    #[serde(
        rename = "organisationUrl",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub organisation_url: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reviewers: Vec<String>,
}

#[derive(Serialize, Deserialize)]
pub(super) struct Page {
    #[serde(default)]
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub items: Vec<Annotation>,
}

#[derive(Serialize, Deserialize)]
pub(super) struct DocumentRecord {
    pub id: String,
    pub title: String,
    pub language: String,
    pub text: String,
}

#[derive(Serialize, Deserialize)]
pub(super) struct Annotation {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub motivation: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub creator: Option<Agent>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modified: Option<Timestamp>,
    #[serde(default)]
    pub body: Vec<Body>,
    pub target: Target,
    #[serde(
        rename = "claimdesk:claimant",
        default,
        skip_serializing_if = "String::is_empty"
    )]
    pub claimant: String,
    #[serde(
        rename = "claimdesk:status",
        default,
        skip_serializing_if = "String::is_empty"
    )]
    pub status: String,
    /// The linked claim's id (the same claim in the original or the translation).
    #[serde(
        rename = "claimdesk:counterpart",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub counterpart: Option<crate::model::ClaimId>,
}

#[derive(Serialize, Deserialize)]
pub(super) struct Agent {
    #[serde(rename = "type")]
    pub kind: String,
    pub name: String,
}

/// A textual body (verdict, claim, rationale) or a linked source.
#[derive(Serialize, Deserialize, Default)]
pub(super) struct Body {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub purpose: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// A linked page's IRI (older exports put it here; now it is `source.id`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The linked page, for a `SpecificResource` body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<LinkedPage>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(
        rename = "claimdesk:publisher",
        skip_serializing_if = "Option::is_none"
    )]
    pub publisher: Option<String>,
    #[serde(rename = "claimdesk:quote", skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    #[serde(rename = "claimdesk:stance", skip_serializing_if = "Option::is_none")]
    pub stance: Option<String>,
    #[serde(rename = "claimdesk:accessed", skip_serializing_if = "Option::is_none")]
    pub accessed: Option<Timestamp>,
}

/// An external web resource: a source's page.
#[derive(Serialize, Deserialize, Default)]
pub(super) struct LinkedPage {
    pub id: String,
    #[serde(rename = "type", default)]
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

#[derive(Serialize, Deserialize)]
pub(super) struct Target {
    pub source: String,
    pub selector: Vec<Selector>,
    /// Which version of an updated article the selectors apply to (W3C `TimeState`: since
    /// when this text was current, and a URN naming the text by its content hash).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<TimeState>,
}

/// The W3C Web Annotation `TimeState`.
#[derive(Serialize, Deserialize)]
pub(super) struct TimeState {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(rename = "sourceDate")]
    pub source_date: crate::timestamp::Timestamp,
    pub cached: String,
}

/// The state of a document that was updated: its current text, current since the update.
fn version_state(doc: &Document) -> Option<TimeState> {
    let since = doc.versions.last()?.replaced;
    Some(TimeState {
        kind: "TimeState".to_owned(),
        source_date: since,
        cached: format!("{CLAIMDESK_NS}text:{}", doc.content_hash()),
    })
}

// The variant names are the W3C type names, which the serde tag writes.
#[allow(clippy::enum_variant_names)]
#[derive(Serialize, Deserialize)]
#[serde(tag = "type")]
pub(super) enum Selector {
    TextQuoteSelector {
        exact: String,
        #[serde(default)]
        prefix: String,
        #[serde(default)]
        suffix: String,
    },
    TextPositionSelector {
        start: usize,
        end: usize,
    },
    #[serde(other)]
    Other,
}

/// The IRI a document is known by: its web address, else a URN.
pub(super) fn document_iri(key: &str, doc: &Document) -> String {
    web_origin(doc).map_or_else(|| format!("{CLAIMDESK_NS}document:{key}"), str::to_owned)
}

fn annotation(key: &str, source: String, claim: &Claim, doc: &Document) -> Annotation {
    let mut body = vec![
        Body {
            kind: "TextualBody".to_owned(),
            purpose: "classifying".to_owned(),
            value: Some(claim.verdict.label().to_owned()),
            ..Body::default()
        },
        Body {
            kind: "TextualBody".to_owned(),
            purpose: "describing".to_owned(),
            value: Some(claim.text.clone()),
            ..Body::default()
        },
    ];
    if !claim.note.is_empty() {
        body.push(Body {
            kind: "TextualBody".to_owned(),
            purpose: "commenting".to_owned(),
            value: Some(claim.note.clone()),
            ..Body::default()
        });
    }
    for source in &claim.sources {
        body.push(Body {
            kind: "SpecificResource".to_owned(),
            purpose: "linking".to_owned(),
            source: Some(LinkedPage {
                id: reference_iri(&source.url),
                kind: "Text".to_owned(),
                title: Some(source.title.clone()).filter(|title| !title.is_empty()),
            }),
            publisher: Some(source.publisher.clone()),
            quote: Some(source.quote.clone()),
            stance: Some(source.stance.name().to_owned()),
            accessed: source.accessed,
            ..Body::default()
        });
    }
    let quote = &claim.anchor.quote;
    Annotation {
        id: format!("{CLAIMDESK_NS}claim:{key}"),
        kind: "Annotation".to_owned(),
        motivation: "assessing".to_owned(),
        creator: Some(claim.reviewer.trim())
            .filter(|name| !name.is_empty())
            .map(|name| Agent {
                kind: "Person".to_owned(),
                name: name.to_owned(),
            }),
        created: Some(claim.created),
        modified: Some(claim.modified),
        body,
        target: Target {
            source,
            selector: vec![
                Selector::TextQuoteSelector {
                    exact: quote.exact.clone(),
                    prefix: quote.prefix.clone(),
                    suffix: quote.suffix.clone(),
                },
                Selector::TextPositionSelector {
                    start: claim.anchor.start,
                    end: claim.anchor.end,
                },
            ],
            state: version_state(doc),
        },
        claimant: claim.claimant.clone(),
        status: claim.status.name().to_owned(),
        counterpart: claim.counterpart,
    }
}

/// Our prefix for a source that is not an absolute IRI (a path, a citation).
const REFERENCE_PREFIX: &str = "urn:claimdesk:reference:";

/// Whether `text` is an absolute IRI: a scheme (`http:`, `mailto:`, `urn:`, …) first.
fn is_absolute_iri(text: &str) -> bool {
    let Some((scheme, rest)) = text.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && !rest.is_empty()
        && !text.chars().any(char::is_whitespace)
}

/// A source reference as an IRI: itself when it is a live link (http, https, mailto: see
/// `links::is_linkable`), else a `urn:claimdesk:reference:` IRI carrying it
/// percent-encoded, so a `javascript:` or `data:` "address" from a hand-edited session is
/// never written as a body's `id` (it reads back as the same text).
pub(super) fn reference_iri(reference: &str) -> String {
    if is_absolute_iri(reference) && super::url_value(reference).is_some() {
        return reference.to_owned();
    }
    let mut iri = REFERENCE_PREFIX.to_owned();
    for byte in reference.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            iri.push(char::from(byte));
        } else {
            iri.push_str(&format!("%{byte:02X}"));
        }
    }
    iri
}

/// The source reference an IRI from [`reference_iri`] carries.
pub(super) fn reference_of_iri(iri: &str) -> String {
    let Some(encoded) = iri.strip_prefix(REFERENCE_PREFIX) else {
        return iri.to_owned();
    };
    let bytes = encoded.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut idx = 0;
    while idx < bytes.len() {
        let decoded = (bytes[idx] == b'%')
            .then(|| std::str::from_utf8(bytes.get(idx + 1..idx + 3)?).ok())
            .flatten()
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match decoded {
            Some(byte) => {
                out.push(byte);
                idx += 3;
            }
            None => {
                out.push(bytes[idx]);
                idx += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

pub(super) fn context() -> serde_json::Value {
    serde_json::json!(["http://www.w3.org/ns/anno.jsonld", { "claimdesk": CLAIMDESK_NS }])
}

pub(super) fn export(sessions: &[Session], options: ExportOptions) -> Result<String, ExportError> {
    let mut records = Vec::new();
    let mut annotations = Vec::new();
    for group in documents(sessions, Format::W3c, options) {
        let key = group.key();
        let iri = document_iri(&key, group.doc);
        for claim in &group.claims {
            let claim_key = format!("{}-{}", group.session_idx, claim.id);
            annotations.push(annotation(&claim_key, iri.clone(), claim, group.doc));
        }
        records.push(DocumentRecord {
            id: iri,
            title: group.doc.title.clone(),
            language: group.doc.language.clone(),
            text: group.doc.text().to_owned(),
        });
    }
    let label = sessions
        .iter()
        .map(|s| s.meta().title.as_str())
        .collect::<Vec<_>>()
        .join(" + ");
    // Ids derived from what is exported: the same export always has the same ids.
    let mut hasher = Sha256::new();
    for record in &records {
        hasher.update(record.id.as_bytes());
        hasher.update(record.text.as_bytes());
    }
    for annotation in &annotations {
        hasher.update(annotation.id.as_bytes());
    }
    let digest: String = hasher.finalize()[..8]
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    let collection_id = format!("{CLAIMDESK_NS}collection:{digest}");
    let review = match sessions {
        [session] => {
            let meta = session.meta();
            Some(ReviewRecord {
                url: meta
                    .review_url
                    .as_deref()
                    .and_then(super::url_value)
                    .map(str::to_owned),
                organisation: meta.organisation.name.clone(),
                organisation_url: meta
                    .organisation
                    .url
                    .as_deref()
                    .and_then(super::url_value)
                    .map(str::to_owned),
                reviewers: meta.reviewers.clone(),
            })
        }
        _ => None,
    };
    let collection = Collection {
        context: context(),
        id: collection_id.clone(),
        kind: "AnnotationCollection".to_owned(),
        label,
        total: annotations.len(),
        documents: records,
        review,
        first: Page {
            id: format!("{collection_id}:page:1"),
            kind: "AnnotationPage".to_owned(),
            items: annotations,
        },
    };
    to_pretty_json(&collection)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_references_become_iris_and_come_back() {
        assert_eq!(
            reference_iri("https://acled.example/mali"),
            "https://acled.example/mali"
        );
        assert_eq!(
            reference_iri("mailto:desk@example.org"),
            "mailto:desk@example.org"
        );
        let path = "assets/articles/mali rusland.nl.txt";
        let iri = reference_iri(path);
        assert_eq!(
            iri,
            "urn:claimdesk:reference:assets/articles/mali%20rusland.nl.txt"
        );
        assert!(is_absolute_iri(&iri));
        assert_eq!(reference_of_iri(&iri), path);
        assert_eq!(
            reference_of_iri(&reference_iri("Rapport p. 12 (é)")),
            "Rapport p. 12 (é)"
        );
    }
}
