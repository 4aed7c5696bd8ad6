//! Intents on alignments: store the aligner's pairs, correct a row by hand, dismiss a
//! divergence flag, remove a document's alignments. The caller runs the aligner.

use crate::model::alignment::DismissedFlag;
use crate::model::{AlignedPair, Alignment, DocId, Document, Edit, SentenceId, Session};

use super::{IntentError, RowCorrection};

/// The edit that stores `pairs` (the aligner's, which the caller runs:
/// `align::align_documents`) as the alignment of documents `a` (the original) and `b`,
/// marks `b` as `a`'s translation unless either is already marked, and replaces any
/// earlier alignment of the two (whichever way round it was stored).
pub fn align_documents_edit(
    session: &Session,
    a: DocId,
    b: DocId,
    pairs: Vec<AlignedPair>,
) -> Result<Edit, IntentError> {
    if a == b {
        return Err(IntentError::SameDocument);
    }
    session.document(a).ok_or(IntentError::NoSuchDocument(a))?;
    session.document(b).ok_or(IntentError::NoSuchDocument(b))?;
    Ok(store_alignment_edit(session, a, b, pairs))
}

/// [`align_documents_edit`] once the documents are checked.
fn store_alignment_edit(session: &Session, a: DocId, b: DocId, pairs: Vec<AlignedPair>) -> Edit {
    let mut edits = Vec::new();
    let is_marked = session
        .document(b)
        .is_some_and(|d| d.translation_of.is_some())
        || session
            .document(a)
            .is_some_and(|d| d.translation_of == Some(b));
    if !is_marked {
        edits.push(Edit::SetTranslationOf {
            doc: b,
            of: Some(a),
        });
    }
    if session.alignment(a, b).is_some_and(|al| al.a == b) {
        edits.push(Edit::SetAlignment {
            a: b,
            b: a,
            alignment: None,
        });
    }
    // Flags dismissed before still hold where the new alignment says the same; an
    // alignment stored the other way round has its sides swapped.
    let dismissed = session
        .alignment(a, b)
        .map(|al| {
            if al.a == a {
                al.dismissed.clone()
            } else {
                let mut swapped: Vec<_> = al
                    .dismissed
                    .iter()
                    .map(|flag| {
                        DismissedFlag(flag.0, flag.2.clone(), flag.1.clone(), flag.3.clone())
                    })
                    .collect();
                swapped.sort();
                swapped
            }
        })
        .unwrap_or_default();
    edits.push(Edit::SetAlignment {
        a,
        b,
        alignment: Some(Box::new(Alignment {
            dismissed,
            ..Alignment::new(a, b, pairs)
        })),
    });
    Edit::Batch(edits)
}

/// The edit that dismisses (or restores) the divergence flag recorded as `key` (see
/// `align::Divergence::key`) of the alignment of `a` and `b`.
pub fn dismiss_flag_edit(
    session: &Session,
    a: DocId,
    b: DocId,
    key: crate::model::alignment::DismissedFlag,
    dismiss: bool,
) -> Result<Edit, IntentError> {
    let alignment = session
        .alignment(a, b)
        .ok_or(IntentError::NotAligned { a, b })?;
    let mut changed = alignment.clone();
    match (changed.dismissed.binary_search(&key), dismiss) {
        (Err(at), true) => changed.dismissed.insert(at, key),
        (Ok(at), false) => {
            changed.dismissed.remove(at);
        }
        _ => return Err(IntentError::FlagAlready { dismissed: dismiss }),
    }
    Ok(Edit::SetAlignment {
        a: alignment.a,
        b: alignment.b,
        alignment: Some(Box::new(changed)),
    })
}

/// The edit that corrects row `row` of the alignment of `a` and `b` by hand.
pub fn correct_alignment_edit(
    session: &Session,
    a: DocId,
    b: DocId,
    row: usize,
    correction: RowCorrection,
) -> Result<Edit, IntentError> {
    let alignment = session
        .alignment(a, b)
        .ok_or(IntentError::NotAligned { a, b })?;
    let corrected = match correction {
        RowCorrection::MergeWithNext => alignment
            .merge_row_with_next(row)
            .ok_or(IntentError::CannotMerge { row })?,
        RowCorrection::Split => {
            let (doc_a, doc_b) = (session.document(alignment.a), session.document(alignment.b));
            let length = |doc: Option<&Document>, id: u32| {
                doc.and_then(|d| d.sentence_text(SentenceId(id)))
                    .map_or(0, |text| text.chars().count())
            };
            alignment
                .split_row(row, &|id| length(doc_a, id), &|id| length(doc_b, id))
                .ok_or(IntentError::CannotSplit { row })?
        }
    };
    Ok(Edit::SetAlignment {
        a: alignment.a,
        b: alignment.b,
        alignment: Some(Box::new(corrected)),
    })
}

/// The edits that remove every alignment of document `doc` (which count its sentences,
/// so they go when its text or segmentation is replaced).
pub fn unalign_edits(session: &Session, doc: DocId) -> Vec<Edit> {
    session
        .alignments()
        .iter()
        .filter(|al| al.a == doc || al.b == doc)
        .map(|al| Edit::SetAlignment {
            a: al.a,
            b: al.b,
            alignment: None,
        })
        .collect()
}
