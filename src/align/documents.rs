//! Aligning a session's documents: their sentences' texts, the aligner's pairs for two
//! documents, their divergence flags, and the sentences a claim's counterpart covers.

use super::{Divergence, Languages, align_with_lexicon, divergences, installed_lexicon};
use crate::model::alignment::{AlignedPair, Side, pair_of};

/// The sentences of a document as plain strings (inner newlines as spaces).
pub fn sentence_texts(doc: &crate::model::Document) -> Vec<String> {
    (0..doc.sentences().len())
        .map(|idx| {
            doc.sentence_text(crate::model::SentenceId(idx as u32))
                .unwrap_or_default()
                .replace('\n', " ")
        })
        .collect()
}

/// Aligns two documents of a session, with an installed dictionary for their languages.
pub fn align_documents(a: &crate::model::Document, b: &crate::model::Document) -> Vec<AlignedPair> {
    let (ta, tb) = (sentence_texts(a), sentence_texts(b));
    let ra: Vec<&str> = ta.iter().map(String::as_str).collect();
    let rb: Vec<&str> = tb.iter().map(String::as_str).collect();
    // A dictionary that cannot be read is left out: alignment works without one.
    let lexicon = installed_lexicon(&ra, &rb, &a.language, &b.language)
        .ok()
        .flatten();
    let languages = Languages {
        a: &a.language,
        b: &b.language,
    };
    align_with_lexicon(&ra, &rb, languages, lexicon.as_ref())
}

/// The divergences of an alignment of two documents.
pub fn document_divergences(
    a: &crate::model::Document,
    b: &crate::model::Document,
    pairs: &[AlignedPair],
) -> Vec<Divergence> {
    let (ta, tb) = (sentence_texts(a), sentence_texts(b));
    let ra: Vec<&str> = ta.iter().map(String::as_str).collect();
    let rb: Vec<&str> = tb.iter().map(String::as_str).collect();
    let languages = Languages {
        a: &a.language,
        b: &b.language,
    };
    divergences(&ra, &rb, languages, pairs)
}

/// The sentences of `claim`'s counterpart: the other document of an alignment that
/// includes the claim's document, and the sentences aligned with the claim's.
pub fn counterpart_sentences(
    session: &crate::model::Session,
    claim: &crate::model::Claim,
) -> Option<(
    crate::model::DocId,
    crate::model::SentenceId,
    crate::model::SentenceId,
)> {
    let alignment = session
        .alignments()
        .iter()
        .find(|al| al.a == claim.doc || al.b == claim.doc)?;
    let (side, other) = if alignment.a == claim.doc {
        (Side::A, alignment.b)
    } else {
        (Side::B, alignment.a)
    };
    let mut targets: Vec<u32> = (claim.anchor.first.0..=claim.anchor.last.0)
        .filter_map(|sentence| pair_of(&alignment.pairs, side, sentence))
        .flat_map(|idx| match side {
            Side::A => alignment.pairs[idx].b.clone(),
            Side::B => alignment.pairs[idx].a.clone(),
        })
        .collect();
    targets.sort_unstable();
    let (first, last) = (*targets.first()?, *targets.last()?);
    Some((
        other,
        crate::model::SentenceId(first),
        crate::model::SentenceId(last),
    ))
}
