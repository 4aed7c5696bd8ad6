//! `claimdesk claim …`: changing a session's claims from the command line.

use std::path::PathBuf;
use std::str::FromStr;

use anyhow::{Context, anyhow};
use claimdesk::edit::Edit;
use claimdesk::session::{Claim, DocId, SentenceId, Source, Stance, Status, Verdict};
use claimdesk::store;
use claimdesk::timestamp::Timestamp;
use clap::{ArgMatches, Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum ClaimCommand {
    /// Mark sentences of a document as a claim, with its verdict and sources.
    Add(AddClaim),
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
        }
    }
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
        let path = &self.session;
        let mut session = super::commands::load_session(path)?;
        let doc_id = DocId(self.doc);
        let doc = session.document(doc_id).ok_or_else(|| {
            anyhow!(
                "{}: there is no document {} (the session has {})",
                path.display(),
                self.doc,
                session.documents.len()
            )
        })?;
        let n_sentences = doc.sentences().len();
        let range = self.sentence;
        if range.last as usize >= n_sentences {
            return Err(anyhow!(
                "{}: document {} has {} sentences (0..={}); sentence {} does not exist",
                path.display(),
                self.doc,
                n_sentences,
                n_sentences.saturating_sub(1),
                range.last
            ));
        }
        let anchor = doc
            .anchor_sentences(SentenceId(range.first), SentenceId(range.last))
            .ok_or_else(|| anyhow!("cannot anchor sentences {}..={}", range.first, range.last))?;
        let now = Timestamp::now();
        let mut claim = Claim::new(session.next_claim_id(), doc_id, anchor, now);
        claim.verdict = self.verdict;
        claim.note = self.note;
        claim.claimant = self.claimant;
        claim.status = self.status;
        claim.reviewer = self.reviewer;
        let mut titles = self.paired_titles.into_iter();
        claim.sources = self
            .sources
            .into_iter()
            .map(|url| Source {
                url,
                title: titles.next().unwrap_or_default(),
                stance: Stance::Context,
                accessed: Some(now),
                ..Source::default()
            })
            .collect();
        let id = claim.id;
        let mut meta = session.meta.clone();
        meta.modified = now;
        session.apply(Edit::Batch(vec![
            Edit::AddClaim(Box::new(claim)),
            Edit::SetMeta(Box::new(meta)),
        ]))?;
        store::save(&session, path).with_context(|| format!("saving {}", path.display()))?;
        println!(
            "added claim {id} to document {}, sentences {}..={}: {}",
            self.doc, range.first, range.last, self.verdict
        );
        Ok(())
    }
}
