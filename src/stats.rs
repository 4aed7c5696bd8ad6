//! Counts over a session: documents, sentences, claims by verdict and by status.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{Session, Status, Verdict};

/// A summary of a session, as `claimdesk stats` prints it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub documents: usize,
    pub sentences: usize,
    pub claims: usize,
    /// Claims an article update could not place (not among `claims`, nor in the counts
    /// by verdict and status).
    pub orphaned: usize,
    /// Every verdict, spelled as on the command line, with its count (zeros included so
    /// scripts see a stable shape).
    pub by_verdict: BTreeMap<&'static str, usize>,
    /// Every status, likewise.
    pub by_status: BTreeMap<&'static str, usize>,
}

impl Stats {
    /// Counts `session`.
    pub fn of(session: &Session) -> Self {
        let mut by_verdict: BTreeMap<&'static str, usize> =
            Verdict::ALL.iter().map(|v| (v.name(), 0)).collect();
        let mut by_status: BTreeMap<&'static str, usize> =
            Status::ALL.iter().map(|s| (s.name(), 0)).collect();
        for claim in session.claims() {
            *by_verdict.entry(claim.verdict.name()).or_default() += 1;
            *by_status.entry(claim.status.name()).or_default() += 1;
        }
        Stats {
            documents: session.documents().len(),
            sentences: session.n_sentences(),
            claims: session.claims().len(),
            orphaned: session.orphans().len(),
            by_verdict,
            by_status,
        }
    }
}
