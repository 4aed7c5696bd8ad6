//! doccano JSONL (sequence labelling): one line per document, spans labelled by verdict.
//!
//! `label` holds `[start, end, verdict]` triples in **UTF-16 code units**, as doccano's
//! editor counts (JavaScript string offsets: an emoji or a flag's letter counts two);
//! rationale notes go into `Comments`. The `claimdesk` key keeps the full claim records (sources, claimant,
//! status, …) so that our own export imports back without loss; doccano keeps unknown
//! keys as metadata.

use serde::{Deserialize, Serialize};

use super::record::ClaimRecord;
use super::{ExportError, ExportOptions, Format, documents, to_json_lines};
use crate::model::Session;
use crate::offsets::utf16_offsets;

#[derive(Serialize, Deserialize)]
pub(super) struct Line {
    #[serde(default)]
    pub id: serde_json::Value,
    pub text: String,
    #[serde(default)]
    pub label: Vec<(usize, usize, String)>,
    /// The "with relations" variant's spans (read on import, never written).
    #[serde(default, skip_serializing)]
    pub entities: Vec<Entity>,
    #[serde(rename = "Comments", default)]
    pub comments: Vec<String>,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub language: String,
    #[serde(default)]
    pub claimdesk: Vec<ClaimRecord>,
}

/// A span in doccano's "with relations" layout.
#[derive(Deserialize)]
pub(super) struct Entity {
    pub label: String,
    pub start_offset: usize,
    pub end_offset: usize,
}

pub(super) fn export(sessions: &[Session], options: ExportOptions) -> Result<String, ExportError> {
    let lines: Vec<Line> = documents(sessions, Format::Doccano, options)
        .into_iter()
        .map(|group| Line {
            id: serde_json::Value::String(group.key()),
            text: group.doc.text().to_owned(),
            entities: Vec::new(),
            label: {
                let text = group.doc.text();
                let ends: Vec<usize> = group
                    .claims
                    .iter()
                    .flat_map(|c| [c.anchor.start, c.anchor.end])
                    .collect();
                let units = utf16_offsets(text, &ends);
                group
                    .claims
                    .iter()
                    .zip(units.chunks(2))
                    .filter_map(|(c, pair)| match pair {
                        [Some(start), Some(end)] => {
                            Some((*start, *end, c.verdict.name().to_owned()))
                        }
                        _ => None,
                    })
                    .collect()
            },
            comments: group
                .claims
                .iter()
                .filter(|c| !c.note.is_empty())
                .map(|c| format!("claim {}: {}", group.session.claim_label(c.id), c.note))
                .collect(),
            title: group.doc.title.clone(),
            language: group.doc.language.clone(),
            claimdesk: group.claims.iter().map(|c| ClaimRecord::from(*c)).collect(),
        })
        .collect();
    to_json_lines(&lines)
}
