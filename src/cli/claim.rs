//! `claimdesk claim …`: changing a session's claims from the command line.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use anyhow::{Context, bail};
use claimdesk::intent::{ClaimField, Edit};
use claimdesk::model::{Claim, DocId, SentenceId, Session, Source, Stance, Status, Verdict};
use claimdesk::timestamp::Timestamp;
use clap::{ArgMatches, Args, Subcommand};
use serde::Serialize;

use super::commands::load_session;
use super::output::{Report, emit};

#[derive(Debug, Subcommand)]
pub enum ClaimCommand {
    /// Mark sentences of a document as a claim, with its verdict and sources.
    Add(AddClaim),
    /// List the claims: id, short label, document, sentences, verdict, status, claimant,
    /// text.
    List {
        session: PathBuf,
        /// Print a JSON array instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Change fields of a claim.
    Set(SetClaim),
    /// Remove a claim (and unlink its counterpart, if any).
    Remove {
        session: PathBuf,
        /// The claim: its full id, its short label (#3f9a) or a unique prefix of its id.
        claim: String,
    },
}

#[derive(Debug, Args)]
pub struct SetClaim {
    /// The session to change (saved in place, atomically, previous version kept as .bak).
    session: PathBuf,
    /// The claim: its full id, its short label (#3f9a) or a unique prefix of its id.
    claim: String,
    /// unrated, true, mostly-true, half-true, mostly-false, false, misleading, unverifiable.
    #[arg(long, value_parser = Verdict::from_str)]
    verdict: Option<Verdict>,
    /// todo, in-review, done.
    #[arg(long, value_parser = Status::from_str)]
    status: Option<Status>,
    /// The reviewer's rationale (replaces the old one).
    #[arg(long)]
    note: Option<String>,
    /// Who made the claim.
    #[arg(long)]
    claimant: Option<String>,
    /// The claim as checked (its wording; the anchored text is unchanged).
    #[arg(long)]
    text: Option<String>,
    /// Who reviewed it.
    #[arg(long)]
    reviewer: Option<String>,
    /// Add a source with this URL (http, https or mailto).
    #[arg(long)]
    add_source: Option<String>,
    /// Title of the added source.
    #[arg(long, requires = "add_source")]
    source_title: Option<String>,
    /// How the added source bears on the claim: supports, refutes or context.
    #[arg(long, requires = "add_source", value_parser = Stance::from_str)]
    stance: Option<Stance>,
}

#[derive(Debug, Args)]
pub struct AddClaim {
    /// The session to change (saved in place, atomically, previous version kept as .bak).
    session: PathBuf,
    /// Document index (0-based).
    #[arg(long)]
    doc: u32,
    /// Sentence index I or inclusive range I..J (0-based, as `segment` prints them).
    #[arg(long, value_parser = parse_sentence_range)]
    sentence: SentenceRange,
    /// unrated, true, mostly-true, half-true, mostly-false, false, misleading, unverifiable.
    #[arg(long, value_parser = Verdict::from_str)]
    verdict: Verdict,
    /// Evidence URL; repeat for several sources.
    #[arg(long = "source")]
    sources: Vec<String>,
    /// Title of the `--source` just before it.
    #[arg(long = "source-title")]
    source_titles: Vec<String>,
    /// The reviewer's rationale.
    #[arg(long, default_value = "")]
    note: String,
    /// Who made the claim.
    #[arg(long, default_value = "")]
    claimant: String,
    /// todo, in-review, done.
    #[arg(long, value_parser = Status::from_str, default_value = "todo")]
    status: Status,
    /// Who reviewed it.
    #[arg(long, default_value = "")]
    reviewer: String,
    /// Titles matched to their sources (filled in from the raw matches).
    #[arg(skip)]
    paired_titles: Vec<String>,
}

/// An inclusive range of sentence indices.
#[derive(Clone, Copy, Debug)]
pub struct SentenceRange {
    first: u32,
    last: u32,
}

fn parse_sentence_range(text: &str) -> Result<SentenceRange, String> {
    let parse = |part: &str| {
        part.trim()
            .parse::<u32>()
            .map_err(|_| format!("`{part}` is not a sentence index (expected I or I..J)"))
    };
    let (first, last) = match text.split_once("..") {
        Some((first, last)) => (parse(first)?, parse(last.trim_start_matches('='))?),
        None => {
            let only = parse(text)?;
            (only, only)
        }
    };
    if first > last {
        return Err(format!(
            "range {text} is reversed; write the smaller index first"
        ));
    }
    Ok(SentenceRange { first, last })
}

impl ClaimCommand {
    pub fn run(self) -> anyhow::Result<()> {
        match self {
            ClaimCommand::Add(add) => add.run(),
            ClaimCommand::List { session, json } => list(&session, json),
            ClaimCommand::Set(set) => set.run(),
            ClaimCommand::Remove { session, claim } => remove(&session, &claim),
        }
    }
}

/// One claim as `claim list --json` prints it.
#[derive(Serialize)]
struct ListedClaim<'a> {
    id: String,
    label: String,
    doc: u32,
    first: u32,
    last: u32,
    start: usize,
    end: usize,
    verdict: &'static str,
    status: &'static str,
    claimant: &'a str,
    text: &'a str,
    /// An update could not place it: its offsets are in the text it was made on.
    orphaned: bool,
}

fn list(path: &Path, json: bool) -> anyhow::Result<()> {
    let session = load_session(path)?;
    // In document and text order, as a reader meets them.
    let mut claims: Vec<&Claim> = session.claims().iter().collect();
    claims.sort_by_key(|c| (c.doc, c.anchor.start, c.anchor.end, c.id));
    // Orphans after the claims: apart, but listed.
    let mut orphans: Vec<&Claim> = session.orphans().iter().collect();
    orphans.sort_by_key(|c| (c.doc, c.anchor.start, c.id));
    let n_placed = claims.len();
    claims.extend(orphans);
    let listed: Vec<ListedClaim> = claims
        .iter()
        .enumerate()
        .map(|(idx, claim)| ListedClaim {
            id: claim.id.hex(),
            label: session.claim_label(claim.id),
            doc: claim.doc.0,
            first: claim.anchor.first.0,
            last: claim.anchor.last.0,
            start: claim.anchor.start,
            end: claim.anchor.end,
            verdict: claim.verdict.name(),
            status: claim.status.name(),
            claimant: &claim.claimant,
            text: &claim.text,
            orphaned: idx >= n_placed,
        })
        .collect();
    let mut report = Report::new();
    if json {
        report.line(serde_json::to_string(&listed)?);
        return emit(report.as_str(), None);
    }
    for (idx, claim) in listed.iter().enumerate() {
        if idx == n_placed {
            report.line(format_args!(
                "orphaned claims ({}; an update could not place them; attach them in the window):",
                listed.len() - n_placed
            ));
        }
        let sentences = if claim.orphaned {
            "orphaned".to_owned()
        } else if claim.first == claim.last {
            claim.first.to_string()
        } else {
            format!("{}..{}", claim.first, claim.last)
        };
        report.line(format_args!(
            "{:<7} {}  doc {} sent {:<7} {:<13} {:<10} {:<16} {}",
            claim.label,
            claim.id,
            claim.doc,
            sentences,
            claim.verdict,
            claim.status,
            one_line(claim.claimant, 16),
            one_line(claim.text, 80)
        ));
    }
    if listed.is_empty() {
        report.line("no claims");
    }
    emit(report.as_str(), None)
}

/// `text` on one line, cut to `max` characters with an ellipsis.
fn one_line(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max.saturating_sub(1)).collect();
    format!("{cut}…")
}

fn remove(path: &Path, wanted: &str) -> anyhow::Result<()> {
    change_session(path, |session, now| {
        let id = session
            .find_claim(wanted)
            .with_context(|| format!("{}", path.display()))?;
        let message = format!("removed claim {} ({id})", session.claim_label(id));
        Ok((
            claimdesk::intent::remove_claim_edit(session, id, now),
            move |_: &Session| message,
        ))
    })
}

impl SetClaim {
    fn run(self) -> anyhow::Result<()> {
        let path = self.session.clone();
        change_session(&path, |session, now| {
            let id = session
                .find_claim(&self.claim)
                .with_context(|| format!("{}", path.display()))?;
            let mut fields = Vec::new();
            if let Some(verdict) = self.verdict {
                fields.push(ClaimField::Verdict(verdict));
            }
            if let Some(status) = self.status {
                fields.push(ClaimField::Status(status));
            }
            if let Some(note) = &self.note {
                fields.push(ClaimField::Note(note.clone()));
            }
            if let Some(claimant) = &self.claimant {
                fields.push(ClaimField::Claimant(claimant.clone()));
            }
            if let Some(text) = &self.text {
                if text.trim().is_empty() {
                    bail!("--text is empty; the claim as checked needs words");
                }
                fields.push(ClaimField::Text(text.clone()));
            }
            if let Some(reviewer) = &self.reviewer {
                fields.push(ClaimField::Reviewer(reviewer.clone()));
            }
            if let Some(url) = &self.add_source {
                let source = Source {
                    url: checked_url(url, "--add-source")?,
                    title: self.source_title.clone().unwrap_or_default(),
                    stance: self.stance.unwrap_or(Stance::Context),
                    accessed: Some(now),
                    ..Source::default()
                };
                let Some(claim) = session.claim_or_orphan(id) else {
                    bail!("no claim {id}");
                };
                let mut sources = claim.sources.clone();
                sources.push(source);
                fields.push(ClaimField::Sources(sources));
            }
            if fields.is_empty() {
                bail!(
                    "nothing to change: give at least one of --verdict, --status, --note, \
                     --claimant, --text, --reviewer, --add-source"
                );
            }
            let names: Vec<&str> = fields.iter().map(ClaimField::name).collect();
            let message = format!(
                "claim {} ({id}): set {}",
                session.claim_label(id),
                names.join(", ")
            );
            let message = move |_: &Session| message;
            Ok((
                claimdesk::intent::set_claim_fields_edit(session, id, fields, now),
                message,
            ))
        })
    }
}

/// A URL from the command line, refused unless it is http, https or mailto: anything else
/// (`javascript:`, `file:`, a bare path) would never open or link from a report.
pub fn checked_url(url: &str, flag: &str) -> anyhow::Result<String> {
    let url = url.trim();
    if let Some(reason) = claimdesk::links::why_not_linkable(url) {
        bail!("{flag} `{url}`: {reason}");
    }
    Ok(url.to_owned())
}

/// Changes the session at `path` by the one edit `build` makes (see
/// [`super::change::edit_session`]), then prints `build`'s message.
pub fn change_session<M: FnOnce(&Session) -> String>(
    path: &Path,
    build: impl FnMut(&Session, Timestamp) -> anyhow::Result<(Edit, M)>,
) -> anyhow::Result<()> {
    let (session, message) = super::change::edit_session(path, build)?;
    let message = message(&session);
    let done = format!("{message}; saved {}", path.display());
    emit(&format!("{message}\n"), Some(&done))
}

impl AddClaim {
    /// Assigns each `--source-title` to the `--source` given before it.
    pub fn pair_source_titles(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        let source_positions: Vec<usize> = matches
            .indices_of("sources")
            .map(|indices| indices.collect())
            .unwrap_or_default();
        let title_positions: Vec<usize> = matches
            .indices_of("source_titles")
            .map(|indices| indices.collect())
            .unwrap_or_default();
        let mut paired = vec![String::new(); source_positions.len()];
        for (title, title_pos) in self.source_titles.iter().zip(title_positions) {
            let owner = source_positions.iter().rposition(|&pos| pos < title_pos);
            let Some(owner) = owner else {
                return Err(clap::Error::raw(
                    clap::error::ErrorKind::ArgumentConflict,
                    format!("--source-title {title:?} must follow the --source it names\n"),
                ));
            };
            if !paired[owner].is_empty() {
                return Err(clap::Error::raw(
                    clap::error::ErrorKind::ArgumentConflict,
                    format!("--source {} has two titles\n", self.sources[owner]),
                ));
            }
            paired[owner] = title.clone();
        }
        self.paired_titles = paired;
        Ok(())
    }

    fn run(self) -> anyhow::Result<()> {
        let path = self.session.clone();
        let range = self.sentence;
        let doc_number = self.doc;
        let verdict = self.verdict;
        change_session(&path, |session, now| {
            let doc_id = DocId(doc_number);
            if session.document(doc_id).is_none() {
                bail!(
                    "{}: there is no document {doc_number} (the session has {})",
                    path.display(),
                    session.documents().len()
                );
            }
            let mut claim = claimdesk::intent::new_claim_on_sentences(
                session,
                doc_id,
                SentenceId(range.first),
                SentenceId(range.last),
                now,
            )
            .with_context(|| format!("{}", path.display()))?;
            claim.verdict = verdict;
            claim.note = self.note.clone();
            claim.claimant = self.claimant.clone();
            claim.status = self.status;
            claim.reviewer = self.reviewer.clone();
            let mut titles = self.paired_titles.iter().cloned();
            claim.sources = self
                .sources
                .iter()
                .map(|url| {
                    Ok(Source {
                        url: checked_url(url, "--source")?,
                        title: titles.next().unwrap_or_default(),
                        stance: Stance::Context,
                        accessed: Some(now),
                        ..Source::default()
                    })
                })
                .collect::<anyhow::Result<_>>()?;
            let id = claim.id;
            let message = move |session: &Session| {
                format!(
                    "added claim {} ({id}) to document {doc_number}, sentences {}..={}: \
                     {verdict}",
                    session.claim_label(id),
                    range.first,
                    range.last,
                )
            };
            Ok((claimdesk::intent::add_claim_edit(session, claim), message))
        })
    }
}
