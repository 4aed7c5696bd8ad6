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
    /// Our notes on export; on import, what reviewers wrote in doccano: plain strings, or
    /// `{"id", "comment"}` objects in the "with relations" layout.
    #[serde(rename = "Comments", default)]
    pub comments: Vec<Comment>,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub language: String,
    #[serde(default)]
    pub claimdesk: Vec<ClaimRecord>,
}

/// A comment as doccano writes it.
#[derive(Serialize, Deserialize)]
#[serde(untagged)]
pub(super) enum Comment {
    Text(String),
    Object { comment: String },
}

impl Comment {
    pub(super) fn text(&self) -> &str {
        match self {
            Comment::Text(text) | Comment::Object { comment: text } => text,
        }
    }
}

/// Where the comments of one document go, span by span.
#[derive(Debug, Default, PartialEq)]
pub(super) struct CommentTies {
    /// Per span: the note the comments give it (replacing ours), and comments added to it.
    pub per_span: Vec<SpanComments>,
    /// Comments of a document without spans: nowhere to go.
    pub untied: Vec<String>,
}

#[derive(Debug, Default, PartialEq)]
pub(super) struct SpanComments {
    pub note: Option<String>,
    pub appended: Vec<String>,
}

/// Ties the comments doccano kept for a document to its spans (`ids`: each span's claim
/// id when our record came with it; `texts`: each span's text): one that names a claim
/// (`claim #1a2b: …`, as our exports write them) becomes that claim's note; with one
/// span, every comment is its note; one that quotes a span's text is added to that span's
/// note; the rest are added to every span's note as comments on the document, so none is
/// dropped.
pub(super) fn tie_comments(
    ids: &[Option<crate::model::ClaimId>],
    texts: &[String],
    comments: &[&str],
) -> CommentTies {
    let mut per_span: Vec<SpanComments> = ids.iter().map(|_| SpanComments::default()).collect();
    let mut loose = Vec::new();
    // Claim labels sorted, so the spans a label names are one range found by bisection
    // (thousands of comments each naming one of thousands of claims stay linear).
    let mut labels: Vec<(String, usize)> = ids
        .iter()
        .enumerate()
        .filter_map(|(idx, id)| id.map(|id| (id.hex(), idx)))
        .collect();
    labels.sort_unstable();
    let mut quotes = SpanQuotes::new(texts);
    for comment in comments.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
        if let Some((label, rest)) = claim_label_prefix(comment) {
            let from = labels.partition_point(|(hex, _)| hex.as_str() < label);
            let mut named = labels[from..]
                .iter()
                .take_while(|(hex, _)| hex.starts_with(label));
            if let (Some(&(_, idx)), None) = (named.next(), named.next()) {
                per_span[idx].note = Some(rest.to_owned());
                continue;
            }
        }
        if let [only] = per_span.as_mut_slice() {
            let note = only.note.get_or_insert_with(String::new);
            if !note.is_empty() {
                note.push('\n');
            }
            note.push_str(comment);
            continue;
        }
        match quotes
            .first_quoted(comment)
            .and_then(|idx| per_span.get_mut(idx))
        {
            Some(span) => span.appended.push(comment.to_owned()),
            None => loose.push(comment.to_owned()),
        }
    }
    if per_span.is_empty() {
        return CommentTies {
            per_span,
            untied: loose,
        };
    }
    for span in &mut per_span {
        span.appended.extend(
            loose
                .iter()
                .map(|comment| format!("Comment on the document: {comment}")),
        );
    }
    CommentTies {
        per_span,
        untied: Vec::new(),
    }
}

/// Which span a comment quotes: the first span (in the file's order) whose trimmed text
/// the comment contains. One automaton over the spans' texts, built on the first comment
/// that needs it, finds them all in one pass over the comment.
struct SpanQuotes<'t> {
    texts: &'t [String],
    /// The distinct trimmed texts and the first span of each; the automaton over them.
    searcher: Option<(Vec<usize>, Option<aho_corasick::AhoCorasick>)>,
}

impl<'t> SpanQuotes<'t> {
    fn new(texts: &'t [String]) -> Self {
        SpanQuotes {
            texts,
            searcher: None,
        }
    }

    fn first_quoted(&mut self, comment: &str) -> Option<usize> {
        let texts = self.texts;
        let (first_span, automaton) = self.searcher.get_or_insert_with(|| {
            let mut first_span_of: std::collections::HashMap<&str, usize> = Default::default();
            let mut patterns = Vec::new();
            let mut first_span = Vec::new();
            for (idx, text) in texts.iter().enumerate() {
                let text = text.trim();
                if !text.is_empty() && !first_span_of.contains_key(text) {
                    first_span_of.insert(text, idx);
                    patterns.push(text);
                    first_span.push(idx);
                }
            }
            let automaton = aho_corasick::AhoCorasick::builder()
                .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
                .build(&patterns)
                .ok();
            (first_span, automaton)
        });
        match automaton {
            Some(automaton) => automaton
                .find_overlapping_iter(comment)
                .map(|found| first_span[found.pattern().as_usize()])
                .min(),
            // Past the automaton's limits: the same answer, span by span.
            None => texts
                .iter()
                .position(|text| !text.trim().is_empty() && comment.contains(text.trim())),
        }
    }
}

/// `claim #1a2b: rest` or `#1a2b: rest`: the label's hex digits and the rest.
fn claim_label_prefix(comment: &str) -> Option<(&str, &str)> {
    let after = comment.strip_prefix("claim ").unwrap_or(comment);
    let after = after.strip_prefix('#')?;
    let (label, rest) = after.split_once(':')?;
    let is_hex = label.len() >= 4 && label.chars().all(|c| c.is_ascii_hexdigit());
    is_hex.then_some((label, rest.trim_start()))
}

/// A span in doccano's "with relations" layout.
#[derive(Deserialize)]
pub(super) struct Entity {
    pub label: String,
    pub start_offset: usize,
    pub end_offset: usize,
}

/// Overlapping spans: doccano keeps only one of two that overlap unless its project
/// allows overlapping spans, so the export says how many there are.
pub(super) fn warnings(sessions: &[Session], options: ExportOptions) -> Vec<String> {
    let mut n_overlapping = 0;
    for group in documents(sessions, Format::Doccano, options) {
        let mut spans: Vec<(usize, usize)> = group
            .claims
            .iter()
            .map(|c| (c.anchor.start, c.anchor.end))
            .collect();
        spans.sort_unstable();
        // Each span that overlaps an earlier one is marked with the earlier span that
        // reaches furthest (which it overlaps).
        let mut overlapping = vec![false; spans.len()];
        let mut furthest: Option<(usize, usize)> = None; // (end, index)
        for (idx, &(start, end)) in spans.iter().enumerate() {
            if let Some((reach, by)) = furthest
                && start < reach
            {
                overlapping[idx] = true;
                overlapping[by] = true;
            }
            if furthest.is_none_or(|(reach, _)| end > reach) {
                furthest = Some((end, idx));
            }
        }
        n_overlapping += overlapping.iter().filter(|&&o| o).count();
    }
    if n_overlapping == 0 {
        return Vec::new();
    }
    vec![format!(
        "{n_overlapping} claim(s) overlap another claim's span; doccano keeps only one of two \
         overlapping spans unless the project allows it: create the sequence-labelling \
         project with \"Allow overlapping spans\" checked (allow_overlapping in its API)"
    )]
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
                .map(|c| {
                    Comment::Text(format!(
                        "claim {}: {}",
                        group.session.claim_label(c.id),
                        c.note
                    ))
                })
                .collect(),
            title: group.doc.title.clone(),
            language: group.doc.language.clone(),
            claimdesk: group.claims.iter().map(|c| ClaimRecord::from(*c)).collect(),
        })
        .collect();
    to_json_lines(&lines)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ClaimId;

    #[test]
    fn comments_go_to_the_claim_they_name_or_the_first_span_they_quote() {
        let ids = [
            Some(ClaimId(0x1a2b_0000_0000_0001)),
            Some(ClaimId(0x1a2b_0000_0000_0002)),
            Some(ClaimId(0x9f00_0000_0000_0003)),
            None,
        ];
        let texts = [
            "Ten thousand fled.".to_owned(),
            " Bamako ".to_owned(),
            "Ten thousand fled.".to_owned(),
            "Wagner arrived.".to_owned(),
        ];
        let named = format!(
            "claim #{}: checked",
            &ids[2].map(ClaimId::hex).unwrap_or_default()[..6]
        );
        let comments = [
            named.as_str(),
            // Names two claims: not a name, and it quotes nothing.
            "#1a2b: ambiguous",
            // Quotes spans 0 and 2 (the same text) and span 3: the first is 0.
            "Wagner arrived. Ten thousand fled. So they say.",
            "Protests in Bamako again",
        ];
        let ties = tie_comments(&ids, &texts, &comments);
        assert_eq!(ties.per_span[2].note.as_deref(), Some("checked"));
        assert_eq!(
            ties.per_span[0].appended[0],
            "Wagner arrived. Ten thousand fled. So they say."
        );
        assert_eq!(ties.per_span[1].appended[0], "Protests in Bamako again");
        for span in &ties.per_span {
            assert_eq!(
                span.appended.last().map(String::as_str),
                Some("Comment on the document: #1a2b: ambiguous")
            );
        }
    }
}
