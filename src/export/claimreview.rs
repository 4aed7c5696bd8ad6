//! schema.org ClaimReview (JSON-LD): one ClaimReview per rated claim, for publication.
//!
//! The rating uses the common 1 (false) … 5 (true) scale; misleading and unverifiable have
//! no place on it and get only their words (`alternateName`), as the spec advises.
//!
//! `url` is required (Google): each review gets the session's review URL with a fragment
//! per claim (`#claim-3f9a0c1e77b2d410`), and a session without a review URL is refused
//! with the way to set one. A `claimReviewed` over 75 characters draws a warning.

use serde::Serialize;

use super::{ExportError, ExportOptions, Format, items, to_pretty_json, web_origin};
use crate::model::{Session, Verdict};

#[derive(Serialize)]
struct ClaimReview<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    /// `urn:claimdesk:claim:<id>`: the node's JSON-LD identifier, which also tells a later
    /// export that this file is one of ours (see [`super::output`]).
    #[serde(rename = "@id")]
    node_id: String,
    #[serde(rename = "claimReviewed")]
    claim_reviewed: &'a str,
    #[serde(rename = "reviewRating")]
    review_rating: Rating,
    #[serde(rename = "itemReviewed")]
    item_reviewed: ClaimItem<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Organization<'a>>,
    url: String,
    #[serde(rename = "datePublished")]
    date_published: String,
    #[serde(rename = "reviewBody", skip_serializing_if = "str::is_empty")]
    review_body: &'a str,
}

#[derive(Serialize)]
struct Rating {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "alternateName")]
    alternate_name: &'static str,
    #[serde(rename = "ratingValue", skip_serializing_if = "Option::is_none")]
    rating_value: Option<u8>,
    #[serde(rename = "bestRating", skip_serializing_if = "Option::is_none")]
    best_rating: Option<u8>,
    #[serde(rename = "worstRating", skip_serializing_if = "Option::is_none")]
    worst_rating: Option<u8>,
}

#[derive(Serialize)]
struct ClaimItem<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    appearance: CreativeWork<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Person<'a>>,
    /// When the claim was made: the article's publication date, when known.
    #[serde(rename = "datePublished", skip_serializing_if = "Option::is_none")]
    date_published: Option<&'a str>,
}

#[derive(Serialize)]
struct CreativeWork<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    headline: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(rename = "datePublished", skip_serializing_if = "Option::is_none")]
    date_published: Option<&'a str>,
    #[serde(rename = "dateModified", skip_serializing_if = "Option::is_none")]
    date_modified: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    author: Vec<Person<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<Organization<'a>>,
    #[serde(rename = "inLanguage")]
    in_language: &'a str,
}

#[derive(Serialize)]
struct Person<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

#[derive(Serialize)]
struct Organization<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

fn rating(verdict: Verdict) -> Rating {
    let value = verdict.rating_value();
    Rating {
        kind: "Rating",
        alternate_name: verdict.label(),
        rating_value: value,
        best_rating: value.map(|_| 5),
        worst_rating: value.map(|_| 1),
    }
}

/// The advised longest `claimReviewed`, in characters.
const ADVISED_CLAIM_CHARS: usize = 75;

/// The page of one claim's review: the session's review URL with a fragment per claim.
fn review_url(base: &str, claim: &crate::model::Claim) -> String {
    let base = base.split('#').next().unwrap_or(base);
    format!("{base}#claim-{}", claim.id)
}

/// Claims whose text is longer than advised.
pub(super) fn warnings(sessions: &[Session], options: ExportOptions) -> Vec<String> {
    let long: Vec<String> = items(sessions, Format::ClaimReview, options)
        .iter()
        .filter_map(|item| {
            let n = item.claim.text.chars().count();
            (n > ADVISED_CLAIM_CHARS)
                .then(|| format!("{} ({n})", item.session.claim_label(item.claim.id)))
        })
        .collect();
    if long.is_empty() {
        return Vec::new();
    }
    vec![format!(
        "{} claim(s) have a claimReviewed longer than the {ADVISED_CLAIM_CHARS} characters \
         Google advises: {}; shorten \"the claim as checked\" (claimdesk claim set … --text)",
        long.len(),
        long.join(", ")
    )]
}

pub(super) fn export(sessions: &[Session], options: ExportOptions) -> Result<String, ExportError> {
    let selected = items(sessions, Format::ClaimReview, options);
    if let Some(item) = selected
        .iter()
        .find(|item| item.session.meta().review_url.is_none())
    {
        return Err(ExportError::NoReviewUrl {
            title: item.session.meta().title.clone(),
        });
    }
    // The review's page is a web page: anything else (a `javascript:` from a hand-edited
    // file) is refused, never written as the ClaimReview's `url`.
    if let Some((item, url)) = selected.iter().find_map(|item| {
        let url = item.session.meta().review_url.as_deref()?;
        (!crate::links::is_web_address(url.trim())).then_some((item, url))
    }) {
        return Err(ExportError::ReviewUrlNotWeb {
            title: item.session.meta().title.clone(),
            url: crate::export::shown(url),
        });
    }
    let reviews: Vec<ClaimReview> = selected
        .into_iter()
        .map(|item| {
            let meta = &item.session.meta();
            let organisation = &meta.organisation;
            ClaimReview {
                context: "https://schema.org",
                kind: "ClaimReview",
                node_id: format!(
                    "{}{}",
                    super::output::CLAIM_NODE_PREFIX,
                    item.claim.id.hex()
                ),
                claim_reviewed: &item.claim.text,
                review_rating: rating(item.claim.verdict),
                item_reviewed: ClaimItem {
                    kind: "Claim",
                    appearance: appearance(item.doc),
                    date_published: item.doc.meta.published.as_deref(),
                    author: Some(item.claim.claimant.trim())
                        .filter(|name| !name.is_empty())
                        .map(|name| Person {
                            kind: "Person",
                            name,
                        }),
                },
                author: Some(organisation.name.trim())
                    .filter(|name| !name.is_empty())
                    .map(|name| Organization {
                        kind: "Organization",
                        name,
                        url: organisation.url.as_deref().and_then(super::url_value),
                    }),
                url: review_url(
                    meta.review_url.as_deref().unwrap_or_default().trim(),
                    item.claim,
                ),
                date_published: item.claim.modified.date_string(),
                review_body: item.claim.note.trim(),
            }
        })
        .collect();
    to_pretty_json(&reviews)
}

/// Where the claim appeared: the article, with what its page says about itself.
fn appearance(doc: &crate::model::Document) -> CreativeWork<'_> {
    let meta = &doc.meta;
    CreativeWork {
        kind: "CreativeWork",
        headline: &doc.title,
        url: web_origin(doc),
        date_published: meta.published.as_deref(),
        date_modified: meta.modified.as_deref(),
        author: meta
            .authors
            .iter()
            .map(|name| Person {
                kind: "Person",
                name,
            })
            .collect(),
        publisher: meta.publisher.as_deref().map(|name| Organization {
            kind: "Organization",
            name,
            url: None,
        }),
        in_language: &doc.language,
    }
}
