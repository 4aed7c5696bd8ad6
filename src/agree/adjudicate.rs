//! Adjudication: several reviewers' sessions of one article side by side, sentence by
//! sentence, so the adjudicator sees who marked what with which verdict, disagreements
//! first, and can accept a reviewer's claim into the session being adjudicated.

use crate::model::{ClaimId, DocId, Document, SentenceId, Session, Verdict};

use super::{Reviewer, coverage};

/// What one reviewer did with a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Vote {
    /// The reviewer's claim standing for the sentence (rated preferred, then most overlap).
    pub claim: ClaimId,
    pub verdict: Verdict,
}

/// One sentence of the adjudicated document with every reviewer's vote.
#[derive(Clone, Debug, PartialEq)]
pub struct SentenceVotes {
    pub sentence: SentenceId,
    /// Per reviewer, in order: `None` when they did not mark the sentence.
    pub votes: Vec<Option<Vote>>,
    /// Whether the reviewers differ on marking it, or on its rated verdict.
    pub disagrees: bool,
}

/// The sentences of `doc` (a document of the adjudicated session) with the votes of the
/// reviewers whose sessions have the same text; `None` when none has it. Sentences where
/// reviewers disagree come first, each group in text order.
pub fn sentence_votes(doc: &Document, reviewers: &[Reviewer]) -> Option<Vec<SentenceVotes>> {
    let mut per_reviewer = Vec::with_capacity(reviewers.len());
    for reviewer in reviewers {
        let theirs: Option<DocId> = reviewer
            .session
            .documents()
            .iter()
            .find(|d| d.content_hash() == doc.content_hash())
            .map(|d| d.id);
        let claims: Vec<_> = reviewer
            .session
            .claims()
            .iter()
            .filter(|c| Some(c.doc) == theirs)
            .collect();
        let votes: Vec<Option<Vote>> = coverage(doc, &claims)
            .into_iter()
            .map(|c| {
                c.rated.or(c.any).map(|claim| Vote {
                    claim: claim.id,
                    verdict: claim.verdict,
                })
            })
            .collect();
        per_reviewer.push((theirs.is_some(), votes));
    }
    if !per_reviewer.iter().any(|(has_doc, _)| *has_doc) {
        return None;
    }
    let mut rows: Vec<SentenceVotes> = (0..doc.sentences().len())
        .map(|idx| {
            let votes: Vec<Option<Vote>> = per_reviewer.iter().map(|(_, v)| v[idx]).collect();
            let marked = votes.iter().filter(|v| v.is_some()).count();
            let mut rated = votes
                .iter()
                .flatten()
                .map(|v| v.verdict)
                .filter(|&v| v != Verdict::Unrated);
            let first_rated = rated.next();
            let verdicts_differ = first_rated.is_some_and(|first| rated.any(|v| v != first));
            SentenceVotes {
                sentence: SentenceId(idx as u32),
                disagrees: (marked > 0 && marked < votes.len()) || verdicts_differ,
                votes,
            }
        })
        .collect();
    rows.sort_by_key(|row| (!row.disagrees, row.sentence));
    Some(rows)
}

/// Whether `other` reviewed any document of `session` (the same text).
pub fn shares_a_document(session: &Session, other: &Session) -> bool {
    session.documents().iter().any(|doc| {
        other
            .documents()
            .iter()
            .any(|d| d.content_hash() == doc.content_hash())
    })
}
