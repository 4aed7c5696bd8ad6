//! Reading W3C collections, doccano JSONL and Label Studio tasks into a new session.
//!
//! Documents are segmented afresh; claims keep their code-point spans exactly. Labels we
//! do not know become unrated claims with the original label kept in the note. Errors say
//! which file, line (for JSONL and malformed JSON) and document is at fault.

use std::path::{Path, PathBuf};

use thiserror::Error;

use super::Format;
use super::record::ClaimRecord;
use super::{doccano, labelstudio, w3c};
use crate::model::{Claim, ClaimId, DocId, Document, Session, SessionBuilder, Verdict};
use crate::store::read::{MAX_INPUT_BYTES, ReadError, read_regular};
use crate::timestamp::Timestamp;

/// Why an annotation file could not be imported.
#[derive(Debug, Error)]
pub enum ImportError {
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error("{path} is not UTF-8 text (invalid byte at byte offset {offset})")]
    NotUtf8 { path: PathBuf, offset: usize },
    #[error("{path}:{line}:{col}: malformed JSON: {msg}")]
    Json {
        path: PathBuf,
        line: usize,
        col: usize,
        msg: String,
    },
    #[error("{path}: this does not look like {expected}: {detail}")]
    WrongFormat {
        path: PathBuf,
        expected: &'static str,
        detail: String,
    },
    #[error(
        "{path}: {location}: span {start}..{end} is outside the document text \
         ({n_chars} code points) or empty"
    )]
    OffsetOutside {
        path: PathBuf,
        location: String,
        start: usize,
        end: usize,
        n_chars: usize,
    },
    #[error("{path}: {detail}")]
    Unanchorable { path: PathBuf, detail: String },
    #[error("{format} cannot be imported; importable formats: w3c, doccano, labelstudio")]
    NotImportable { format: Format },
    #[error("{path}: the imported annotations do not make a valid session: {source}")]
    Invalid {
        path: PathBuf,
        #[source]
        source: crate::model::ValidationError,
    },
}

/// A session built from an annotation file, and notes on what was approximated.
#[derive(Debug)]
pub struct Imported {
    pub session: Session,
    pub warnings: Vec<String>,
    /// How the file's spans compare with the Claimdesk records it carries.
    pub counts: ImportCounts,
}

/// What an import found, span by span, against the Claimdesk records embedded in our own
/// exports: the other tool's judgement wins, and these say how often it differed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportCounts {
    /// Spans with their record, the label unchanged.
    pub kept: usize,
    /// Spans with their record, relabelled in the other tool (its label is taken).
    pub relabelled: usize,
    /// Spans with no record: added in the other tool.
    pub added: usize,
    /// Records with no span left: removed (or moved) in the other tool.
    pub missing: usize,
}

impl std::fmt::Display for ImportCounts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "kept {}, relabelled {}, added {}, missing {}",
            self.kept, self.relabelled, self.added, self.missing
        )
    }
}

/// Imports the file at `path` in `format`.
pub fn import_file(path: &Path, format: Format, now: Timestamp) -> Result<Imported, ImportError> {
    let bytes = read_regular(path, MAX_INPUT_BYTES)?;
    let text = std::str::from_utf8(&bytes).map_err(|err| ImportError::NotUtf8 {
        path: path.to_owned(),
        offset: err.valid_up_to(),
    })?;
    import_str(text, path, format, now)
}

/// Imports annotation text; `path` names the input in errors and becomes the documents'
/// origin.
pub fn import_str(
    text: &str,
    path: &Path,
    format: Format,
    now: Timestamp,
) -> Result<Imported, ImportError> {
    if !Format::IMPORTABLE.contains(&format) {
        return Err(ImportError::NotImportable { format });
    }
    if let Some(found) = sniff_format(text)
        && found != format
    {
        let advice = if Format::IMPORTABLE.contains(&found) {
            format!("import it as {}", found.label())
        } else {
            format!(
                "{} is written for publication or datasets and cannot be read back \
                 (it does not carry the article text); import a W3C, doccano or Label Studio \
                 export instead",
                found.label()
            )
        };
        return Err(ImportError::WrongFormat {
            path: path.to_owned(),
            expected: format.label(),
            detail: format!("it is a {} file; {advice}", found.label()),
        });
    }
    let mut builder = Builder {
        path: path.to_owned(),
        session: Session::builder(file_stem(path), now),
        warnings: Vec::new(),
        now,
        counts: ImportCounts::default(),
        ids: std::collections::HashMap::new(),
        links: Vec::new(),
    };
    match format {
        Format::Doccano => builder.doccano(text)?,
        Format::LabelStudio => builder.label_studio(text)?,
        Format::W3c => builder.w3c(text)?,
        other => return Err(ImportError::NotImportable { format: other }),
    }
    builder.restore_links();
    let session = builder
        .session
        .build()
        .map_err(|source| ImportError::Invalid {
            path: path.to_owned(),
            source,
        })?;
    Ok(Imported {
        session,
        warnings: builder.warnings,
        counts: builder.counts,
    })
}

/// Which format a file's content is, when it is plainly one of those Claimdesk writes;
/// `None` when unsure (the chosen importer then reports what it finds wrong).
pub fn sniff_format(text: &str) -> Option<Format> {
    let trimmed = text.trim_start();
    if (trimmed.starts_with('[') || trimmed.starts_with('{'))
        && let Ok(value) = serde_json::from_str::<serde_json::Value>(trimmed)
    {
        let first = match &value {
            serde_json::Value::Array(items) => items.first()?,
            other => other,
        };
        let field = |name: &str| first.get(name).and_then(serde_json::Value::as_str);
        if field("@type") == Some("ClaimReview") {
            return Some(Format::ClaimReview);
        }
        if field("type") == Some("AnnotationCollection") || field("type") == Some("Annotation") {
            return Some(Format::W3c);
        }
        if first.get("data").is_some_and(serde_json::Value::is_object) {
            return Some(Format::LabelStudio);
        }
        return None;
    }
    // JSON Lines: judge by the first record.
    let first_line = trimmed.lines().next()?;
    let record = serde_json::from_str::<serde_json::Value>(first_line).ok()?;
    if record.get("claim").is_some() && record.get("evidence").is_some() {
        return Some(Format::Fever);
    }
    if record.get("text").is_some() && record.get("label").is_some() {
        return Some(Format::Doccano);
    }
    None
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_else(|| "Imported".to_owned())
}

/// A claim read from a file, before it is anchored.
struct Span {
    start: usize,
    end: usize,
    label: String,
    /// The other tool's note for the span: replaces ours when it has one.
    note: String,
    /// Comments the other tool kept for the span's document or that quote it: added to
    /// the note, never replacing it.
    appended: Vec<String>,
    /// The full record, from our own exports.
    record: Option<ClaimRecord>,
}

impl Span {
    fn new(start: usize, end: usize, label: String, note: String) -> Self {
        Span {
            start,
            end,
            label,
            note,
            appended: Vec::new(),
            record: None,
        }
    }
}

struct Builder {
    path: PathBuf,
    session: SessionBuilder,
    warnings: Vec<String>,
    now: Timestamp,
    counts: ImportCounts,
    /// The id each record's claim got in the new session (the same unless taken).
    ids: std::collections::HashMap<ClaimId, ClaimId>,
    /// Links the records carry: (claim in the new session, its counterpart's record id).
    links: Vec<(ClaimId, ClaimId)>,
}

impl Builder {
    fn json_error(&self, err: &serde_json::Error, line_offset: usize) -> ImportError {
        ImportError::Json {
            path: self.path.clone(),
            line: err.line() + line_offset,
            col: err.column(),
            msg: err.to_string(),
        }
    }

    fn wrong_format(&self, expected: &'static str, detail: impl Into<String>) -> ImportError {
        ImportError::WrongFormat {
            path: self.path.clone(),
            expected,
            detail: detail.into(),
        }
    }

    /// Parses JSON, telling syntax errors (with their position) from shape errors.
    fn parse<T: serde::de::DeserializeOwned>(
        &self,
        text: &str,
        expected: &'static str,
        line_offset: usize,
    ) -> Result<T, ImportError> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|err| self.json_error(&err, line_offset))?;
        serde_json::from_value(value).map_err(|err| {
            let location = if line_offset > 0 {
                format!("line {}: ", line_offset + 1)
            } else {
                String::new()
            };
            self.wrong_format(expected, format!("{location}{err}"))
        })
    }

    fn add_document(&mut self, title: &str, language: &str, text: String) -> DocId {
        let id = self.session.next_doc_id();
        let language = if language.trim().is_empty() {
            "auto"
        } else {
            language
        };
        let title = if title.trim().is_empty() {
            format!("{} {}", file_stem(&self.path), id.0 + 1)
        } else {
            title.to_owned()
        };
        self.session.document(crate::segment::segmented_document(
            id,
            title,
            language,
            Some(self.path.display().to_string()),
            text,
        ));
        id
    }

    fn doccano(&mut self, text: &str) -> Result<(), ImportError> {
        let expected = "doccano JSONL (one JSON object per line)";
        let mut n_lines = 0;
        for (line_idx, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            if line.trim_start().starts_with('[') {
                return Err(self.wrong_format(
                    expected,
                    format!(
                        "line {} is a JSON array; Label Studio exports are arrays",
                        line_idx + 1
                    ),
                ));
            }
            let parsed: doccano::Line = self.parse(line, expected, line_idx)?;
            n_lines += 1;
            // doccano counts UTF-16 code units; sessions count code points.
            let raw: Vec<(usize, usize, String)> = parsed
                .label
                .into_iter()
                .chain(
                    parsed
                        .entities
                        .into_iter()
                        .map(|e| (e.start_offset, e.end_offset, e.label)),
                )
                .collect();
            let units: Vec<usize> = raw.iter().flat_map(|(s, e, _)| [*s, *e]).collect();
            let chars = crate::offsets::chars_of_utf16(&parsed.text, &units);
            let n_units = parsed.text.encode_utf16().count();
            let mut spans = Vec::with_capacity(raw.len());
            for ((start, end, label), pair) in raw.into_iter().zip(chars.chunks(2)) {
                let [Some(char_start), Some(char_end)] = pair else {
                    return Err(ImportError::OffsetOutside {
                        path: self.path.clone(),
                        location: format!(
                            "line {} (UTF-16 offsets, as doccano counts; the text has {n_units})",
                            line_idx + 1
                        ),
                        start,
                        end,
                        n_chars: parsed.text.chars().count(),
                    });
                };
                spans.push(Span::new(*char_start, *char_end, label, String::new()));
            }
            let comments: Vec<&str> = parsed.comments.iter().map(doccano::Comment::text).collect();
            // One table for the whole text: walking it from the start for every span made
            // a record with thousands of spans quadratic.
            let index = crate::offsets::CharIndex::new(&parsed.text);
            let spans_text: Vec<String> = spans
                .iter()
                .map(|span| {
                    index
                        .byte_range(&parsed.text, span.start..span.end)
                        .and_then(|bytes| parsed.text.get(bytes))
                        .unwrap_or_default()
                        .to_owned()
                })
                .collect();
            let doc = self.add_document(&parsed.title, &parsed.language, parsed.text);
            self.counts.missing += attach_records(&mut spans, parsed.claimdesk);
            let location = format!("line {}", line_idx + 1);
            let span_ids: Vec<Option<ClaimId>> = spans
                .iter()
                .map(|span| span.record.as_ref().map(|record| record.id))
                .collect();
            let ties = doccano::tie_comments(&span_ids, &spans_text, &comments);
            for (span, tie) in spans.iter_mut().zip(ties.per_span) {
                if let Some(note) = tie.note {
                    span.note = note;
                }
                span.appended = tie.appended;
            }
            if !ties.untied.is_empty() {
                self.warnings.push(format!(
                    "{location}: {} comment(s) on a document without spans had no claim to go \
                     to: {}",
                    ties.untied.len(),
                    ties.untied.join(" | ")
                ));
            }
            self.add_claims(doc, spans, &location)?;
        }
        if n_lines == 0 {
            return Err(self.wrong_format(expected, "the file has no lines"));
        }
        Ok(())
    }

    fn label_studio(&mut self, text: &str) -> Result<(), ImportError> {
        let expected = "a Label Studio task list (a JSON array of tasks)";
        if !text.trim_start().starts_with('[') {
            return Err(self.wrong_format(expected, "it does not start with `[`"));
        }
        let tasks: Vec<labelstudio::Task> = self.parse(text, expected, 0)?;
        for (task_idx, task) in tasks.into_iter().enumerate() {
            let doc = self.add_document(&task.data.title, &task.data.language, task.data.text);
            let mut spans = Vec::new();
            for annotation in task.annotations {
                for region in annotation.result {
                    if region.kind != "labels" {
                        continue;
                    }
                    let (Some(start), Some(end)) = (region.value.start, region.value.end) else {
                        continue;
                    };
                    spans.push(Span::new(
                        start,
                        end,
                        region.value.labels.join(", "),
                        region.meta.map(|m| m.text.join("\n")).unwrap_or_default(),
                    ));
                }
            }
            self.counts.missing += attach_records(&mut spans, task.data.claimdesk);
            self.add_claims(doc, spans, &format!("task {}", task_idx + 1))?;
        }
        Ok(())
    }

    fn w3c(&mut self, text: &str) -> Result<(), ImportError> {
        let expected = "a W3C Web Annotation collection";
        let collection: w3c::Collection = self.parse(text, expected, 0)?;
        if collection.kind != "AnnotationCollection" {
            return Err(self.wrong_format(expected, format!("its type is {:?}", collection.kind)));
        }
        if collection.documents.is_empty() {
            return Err(ImportError::Unanchorable {
                path: self.path.clone(),
                detail: "the collection does not include the annotated texts \
                         (`claimdesk:documents`), so the annotations cannot be placed"
                    .to_owned(),
            });
        }
        // What the collection says of the review: its title and where it is published.
        if !collection.label.trim().is_empty() || collection.review.is_some() {
            let mut meta = self.session.meta_ref().clone();
            if !collection.label.trim().is_empty() {
                meta.title = collection.label.clone();
            }
            if let Some(review) = collection.review {
                meta.review_url = review.url;
                meta.organisation.name = review.organisation;
                meta.organisation.url = review.organisation_url;
                meta.reviewers = review.reviewers;
            }
            self.session.meta(meta);
        }
        let mut doc_ids = Vec::new();
        for record in collection.documents {
            let doc = self.add_document(&record.title, &record.language, record.text);
            doc_ids.push((record.id, doc));
        }
        for (idx, annotation) in collection.first.items.into_iter().enumerate() {
            let location = format!("annotation {} ({})", idx + 1, annotation.id);
            let Some(&(_, doc)) = doc_ids
                .iter()
                .find(|(iri, _)| *iri == annotation.target.source)
            else {
                return Err(ImportError::Unanchorable {
                    path: self.path.clone(),
                    detail: format!(
                        "{location}: its target {} is not among the documents",
                        annotation.target.source
                    ),
                });
            };
            let Some((start, end)) = self.w3c_span(doc, &annotation.target.selector) else {
                return Err(ImportError::Unanchorable {
                    path: self.path.clone(),
                    detail: format!("{location}: no selector places it in the text"),
                });
            };
            let mut record = ClaimRecord {
                // Our own annotation ids end in the claim id; anything else gets a new one.
                id: annotation
                    .id
                    .rsplit(['-', ':', '/', '#'])
                    .next()
                    .and_then(|tail| tail.parse().ok())
                    .unwrap_or_else(|| self.session.new_claim_id()),
                start,
                end,
                claim: String::new(),
                verdict: String::new(),
                claimant: annotation.claimant,
                status: annotation.status,
                note: String::new(),
                reviewer: annotation.creator.map(|c| c.name).unwrap_or_default(),
                sources: Vec::new(),
                created: annotation.created.unwrap_or(self.now),
                modified: annotation.modified.unwrap_or(self.now),
                counterpart: annotation.counterpart,
            };
            let mut label = String::new();
            for body in annotation.body {
                match body.purpose.as_str() {
                    "classifying" | "tagging" => label = body.value.unwrap_or_default(),
                    "describing" => record.claim = body.value.unwrap_or_default(),
                    "commenting" => record.note = body.value.unwrap_or_default(),
                    "linking" => record.sources.push(super::record::SourceRecord {
                        // A SpecificResource's page, or (older exports) the body's own id.
                        url: w3c::reference_of_iri(
                            &body
                                .source
                                .as_ref()
                                .map(|page| page.id.clone())
                                .or(body.id)
                                .unwrap_or_default(),
                        ),
                        title: body
                            .source
                            .and_then(|page| page.title)
                            .or(body.title)
                            .unwrap_or_default(),
                        publisher: body.publisher.unwrap_or_default(),
                        quote: body.quote.unwrap_or_default(),
                        stance: body.stance.unwrap_or_default(),
                        accessed: body.accessed,
                    }),
                    _ => {}
                }
            }
            let verdict = parse_verdict(&label);
            record.verdict = verdict.map_or("unrated", Verdict::name).to_owned();
            if verdict.is_none() && !label.is_empty() {
                record.note = with_original_label(&record.note, &label);
            }
            let note = record.note.clone();
            self.add_claims(
                doc,
                vec![Span {
                    record: Some(record),
                    ..Span::new(start, end, label, note)
                }],
                &location,
            )?;
        }
        Ok(())
    }

    /// The span a W3C target selects: its position selector, else its quote found in the
    /// text (the occurrence whose prefix matches, else the first).
    fn w3c_span(&self, doc: DocId, selectors: &[w3c::Selector]) -> Option<(usize, usize)> {
        if let Some((start, end)) = selectors.iter().find_map(|s| match s {
            w3c::Selector::TextPositionSelector { start, end } => Some((*start, *end)),
            _ => None,
        }) {
            return Some((start, end));
        }
        let doc = self.session.find_document(doc)?;
        let (exact, prefix) = selectors.iter().find_map(|s| match s {
            w3c::Selector::TextQuoteSelector { exact, prefix, .. } => Some((exact, prefix)),
            _ => None,
        })?;
        let text = doc.text();
        let byte = text
            .match_indices(exact.as_str())
            .map(|(byte, _)| byte)
            .find(|&byte| text[..byte].ends_with(prefix.as_str()))
            .or_else(|| text.find(exact.as_str()))?;
        let start = doc.char_index().char_of(text, byte)?;
        Some((start, start + exact.chars().count()))
    }

    fn add_claims(
        &mut self,
        doc_id: DocId,
        spans: Vec<Span>,
        location: &str,
    ) -> Result<(), ImportError> {
        for span in spans {
            let Some(doc) = self.session.find_document(doc_id) else {
                continue;
            };
            let n_chars = doc.n_chars();
            if span.start >= span.end || span.end > n_chars {
                return Err(ImportError::OffsetOutside {
                    path: self.path.clone(),
                    location: location.to_owned(),
                    start: span.start,
                    end: span.end,
                    n_chars,
                });
            }
            let Some(anchor) = anchor_for_span(doc, span.start, span.end) else {
                self.warnings.push(format!(
                    "{location}: span {}..{} covers no sentence text; skipped",
                    span.start, span.end
                ));
                continue;
            };
            // Keep the exported claim id when it is free (claims are not sorted yet).
            let wanted_id = span.record.as_ref().map(|r| r.id);
            let id = match wanted_id {
                Some(id) if !self.session.has_claim(id) => id,
                _ => self.session.new_claim_id(),
            };
            let mut claim = Claim::new(id, doc_id, anchor, self.now);
            match &span.record {
                Some(record) => {
                    // The record restores what the other tool cannot carry; the tool's
                    // own judgement (its label, its note when it has one) wins, and a
                    // claim it changed is stamped as changed now.
                    record.apply_to(&mut claim);
                    self.ids.insert(record.id, id);
                    if let Some(other) = record.counterpart {
                        self.links.push((id, other));
                    }
                    let label = parse_verdict(&span.label);
                    let mut is_changed = match label {
                        _ if span.label.trim().is_empty() => false,
                        Some(verdict) if verdict == claim.verdict => false,
                        Some(verdict) => {
                            claim.verdict = verdict;
                            true
                        }
                        None => {
                            claim.verdict = Verdict::Unrated;
                            claim.note = with_original_label(&claim.note, &span.label);
                            true
                        }
                    };
                    if !span.note.trim().is_empty() && span.note != claim.note {
                        claim.note.clone_from(&span.note);
                        is_changed = true;
                    }
                    // Comments on the document are added to the note: a change of the
                    // claim (stamped), not a relabelling (not counted as one).
                    let is_commented = !span.appended.is_empty();
                    if is_commented {
                        claim.note = with_comments(&claim.note, &span.appended);
                    }
                    if is_changed || is_commented {
                        claim.modified = self.now;
                    }
                    if is_changed {
                        self.counts.relabelled += 1;
                    } else {
                        self.counts.kept += 1;
                    }
                }
                None => {
                    self.counts.added += 1;
                    claim.note = with_comments(&span.note, &span.appended);
                    match parse_verdict(&span.label) {
                        Some(verdict) => claim.verdict = verdict,
                        None => {
                            claim.note = with_original_label(&claim.note, &span.label);
                        }
                    }
                }
            }
            self.session.claim(claim);
        }
        Ok(())
    }
}

impl Builder {
    /// Links the claims whose records name each other as counterparts (both must be in
    /// the file, and name each other).
    fn restore_links(&mut self) {
        let links = std::mem::take(&mut self.links);
        for &(id, other_record) in &links {
            let Some(&other) = self.ids.get(&other_record) else {
                continue;
            };
            let is_mutual = links
                .iter()
                .any(|&(back, to)| back == other && self.ids.get(&to).copied() == Some(id));
            if is_mutual
                && other != id
                && let Some(claim) = self.session.claim_mut(id)
            {
                claim.counterpart = Some(other);
            }
        }
    }
}

/// `note` with `comments` added on lines of their own.
fn with_comments(note: &str, comments: &[String]) -> String {
    let mut out = note.to_owned();
    for comment in comments {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(comment);
    }
    out
}

/// Pairs spans with our full records by their offsets; returns the records left without
/// a span (removed in the other tool).
fn attach_records(spans: &mut [Span], records: Vec<ClaimRecord>) -> usize {
    let mut missing = 0;
    for record in records {
        match spans
            .iter_mut()
            .find(|s| s.record.is_none() && s.start == record.start && s.end == record.end)
        {
            Some(span) => span.record = Some(record),
            None => missing += 1,
        }
    }
    missing
}

/// A verdict from a label: our names (`mostly-true`), our words (`Mostly true`), or the
/// FEVER labels.
fn parse_verdict(label: &str) -> Option<Verdict> {
    match label.trim().to_ascii_uppercase().as_str() {
        "SUPPORTS" => return Some(Verdict::True),
        "REFUTES" => return Some(Verdict::False),
        "NOT ENOUGH INFO" => return Some(Verdict::Unverifiable),
        _ => {}
    }
    label.parse().ok()
}

fn with_original_label(note: &str, label: &str) -> String {
    let original = format!("Original label: {label}");
    if note.is_empty() {
        original
    } else {
        format!("{note}\n{original}")
    }
}

/// An anchor for a span: whitespace at its ends is trimmed, and a span starting between
/// sentences starts at the next one.
pub(super) fn anchor_for_span(
    doc: &Document,
    start: usize,
    end: usize,
) -> Option<crate::model::Anchor> {
    let sentences = doc.sentences();
    let first = sentences.partition_point(|s| s.end <= start);
    let last = sentences
        .partition_point(|s| s.start < end)
        .checked_sub(1)?;
    if first > last {
        return None;
    }
    let (first_sentence, last_sentence) = (sentences.get(first)?, sentences.get(last)?);
    let start = start.max(first_sentence.start);
    let end = end.min(last_sentence.end);
    doc.anchor_span(
        crate::model::SentenceId(first as u32),
        crate::model::SentenceId(last as u32),
        start..end,
    )
}
