//! `claimdesk sentence split|merge`: correcting a document's sentence boundaries by hand.

use std::path::PathBuf;

use claimdesk::model::{DocId, SentenceId};
use clap::Subcommand;

use super::claim::change_session;

#[derive(Debug, Subcommand)]
pub enum SentenceCommand {
    /// Split the sentence containing code point OFFSET there (claims keep their text).
    Split {
        /// The session to change (saved in place, atomically, previous version kept).
        session: PathBuf,
        /// Document index (0-based).
        #[arg(long)]
        doc: u32,
        /// Code-point offset in the document's text where the second part starts.
        #[arg(long)]
        at: usize,
    },
    /// Merge sentence I of a document with the next one.
    Merge {
        /// The session to change (saved in place, atomically, previous version kept).
        session: PathBuf,
        /// Document index (0-based).
        #[arg(long)]
        doc: u32,
        /// Sentence index (0-based, as `segment` prints them).
        #[arg(long)]
        sentence: u32,
    },
}

impl SentenceCommand {
    pub fn run(self) -> anyhow::Result<()> {
        match self {
            SentenceCommand::Split { session, doc, at } => change_session(&session, |s, _| {
                let edit = claimdesk::intent::split_sentence_edit(s, DocId(doc), at)?;
                Ok((edit, move |s: &claimdesk::model::Session| {
                    let n = s.document(DocId(doc)).map_or(0, |d| d.sentences().len());
                    format!("split the sentence of document {doc} at {at}: {n} sentences")
                }))
            }),
            SentenceCommand::Merge {
                session,
                doc,
                sentence,
            } => change_session(&session, |s, _| {
                let edit =
                    claimdesk::intent::merge_sentences_edit(s, DocId(doc), SentenceId(sentence))?;
                Ok((edit, move |s: &claimdesk::model::Session| {
                    let n = s.document(DocId(doc)).map_or(0, |d| d.sentences().len());
                    format!(
                        "merged sentences {sentence} and {} of document {doc}: {n} sentences",
                        sentence + 1
                    )
                }))
            }),
        }
    }
}
