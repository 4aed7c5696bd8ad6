//! Label Studio JSON: a list of tasks, one per document, each with one annotation whose
//! results are `labels` regions (code points) named by verdict; a region's rationale is
//! its `meta.text`. Full claim records ride in the task data (`data.claimdesk`) for a
//! lossless round trip.

use serde::{Deserialize, Serialize};

use super::record::ClaimRecord;
use super::{ExportError, ExportOptions, Format, documents, to_pretty_json};
use crate::model::Session;
use crate::timestamp::Timestamp;

#[derive(Serialize, Deserialize)]
pub(super) struct Task {
    #[serde(default)]
    pub id: serde_json::Value,
    pub data: TaskData,
    #[serde(default)]
    pub annotations: Vec<Annotation>,
    #[serde(default)]
    pub predictions: Vec<serde_json::Value>,
}

#[derive(Serialize, Deserialize)]
pub(super) struct TaskData {
    pub text: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub language: String,
    #[serde(default)]
    pub claimdesk: Vec<ClaimRecord>,
}

#[derive(Serialize, Deserialize)]
pub(super) struct Annotation {
    #[serde(default)]
    pub id: serde_json::Value,
    /// A Label Studio user id; left out on export (a name, or an empty string, makes
    /// Label Studio refuse the import: reviewers travel in the claim records instead).
    #[serde(default, skip_serializing_if = "serde_json::Value::is_null")]
    pub completed_by: serde_json::Value,
    #[serde(default)]
    pub result: Vec<Region>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_at: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<Timestamp>,
}

#[derive(Serialize, Deserialize)]
pub(super) struct Region {
    #[serde(default)]
    pub id: serde_json::Value,
    #[serde(default)]
    pub from_name: String,
    #[serde(default)]
    pub to_name: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub value: RegionValue,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meta: Option<RegionMeta>,
}

#[derive(Serialize, Deserialize)]
pub(super) struct RegionValue {
    #[serde(default)]
    pub start: Option<usize>,
    #[serde(default)]
    pub end: Option<usize>,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub labels: Vec<String>,
}

#[derive(Serialize, Deserialize)]
pub(super) struct RegionMeta {
    pub text: Vec<String>,
}

pub(super) fn export(sessions: &[Session], options: ExportOptions) -> Result<String, ExportError> {
    let tasks: Vec<Task> = documents(sessions, Format::LabelStudio, options)
        .into_iter()
        .enumerate()
        .map(|(idx, group)| {
            let result = group
                .claims
                .iter()
                .map(|claim| Region {
                    id: serde_json::Value::String(format!(
                        "claim-{}-{}",
                        group.session_idx, claim.id
                    )),
                    from_name: "verdict".to_owned(),
                    to_name: "text".to_owned(),
                    kind: "labels".to_owned(),
                    value: RegionValue {
                        start: Some(claim.anchor.start),
                        end: Some(claim.anchor.end),
                        text: Some(claim.anchor.quote.exact.clone()),
                        labels: vec![claim.verdict.label().to_owned()],
                    },
                    meta: (!claim.note.is_empty()).then(|| RegionMeta {
                        text: vec![claim.note.clone()],
                    }),
                })
                .collect();
            let created = group.claims.iter().map(|c| c.created).min();
            let updated = group.claims.iter().map(|c| c.modified).max();
            Task {
                id: serde_json::Value::from(idx + 1),
                data: TaskData {
                    text: group.doc.text().to_owned(),
                    title: group.doc.title.clone(),
                    language: group.doc.language.clone(),
                    claimdesk: group.claims.iter().map(|c| ClaimRecord::from(*c)).collect(),
                },
                annotations: vec![Annotation {
                    id: serde_json::Value::from(idx + 1),
                    completed_by: serde_json::Value::Null,
                    result,
                    created_at: created,
                    updated_at: updated,
                }],
                predictions: Vec::new(),
            }
        })
        .collect();
    to_pretty_json(&tasks)
}
