//! Intents on a document's sentences: segment it again (the caller segments), split a
//! sentence, merge two; claims keep their spans and alignments follow the new sentences.

use crate::model::{DocId, Document, Edit, Sentence, SentenceId, Session};

use super::IntentError;

/// The edit that replaces a document's sentences with `resegmented` (the same document
/// segmented again by the caller, `segment::resegmented`), moving its claims to the new
/// sentences by their text positions. An alignment of the document counts its old
/// sentences, so it is removed in the same edit (align again afterwards; undo brings it
/// back).
pub fn resegment_document_edit(
    session: &Session,
    resegmented: Document,
) -> Result<Edit, IntentError> {
    let doc = resegmented.id;
    let old = session
        .document(doc)
        .ok_or(IntentError::NoSuchDocument(doc))?;
    if old.text() != resegmented.text() {
        return Err(IntentError::NotTheSameText(doc));
    }
    let mut edits = super::unalign_edits(session, doc);
    edits.push(reanchored(session, resegmented)?);
    Ok(Edit::Batch(edits))
}

/// The edit that puts `new` in place of its document, with every claim on it anchored
/// anew by its span.
fn reanchored(session: &Session, new: Document) -> Result<Edit, IntentError> {
    let mut anchors = Vec::new();
    for claim in session.claims().iter().filter(|c| c.doc == new.id) {
        let span = claim.anchor.range();
        let anchor = new
            .anchor_chars(span)
            .ok_or(IntentError::SpanBetweenSentences(claim.id))?;
        if anchor != claim.anchor {
            anchors.push((claim.id, anchor));
        }
    }
    Ok(Edit::ReplaceDocument {
        doc: Box::new(new),
        anchors,
    })
}

/// The edit that splits the sentence of document `doc` containing code point `at`
/// there (a hand correction of the segmentation): the first part ends before `at`
/// (trailing spaces excluded), the second starts at `at`. Claims keep exactly their
/// text (one over the split sentence then covers both parts); an alignment row with
/// the sentence takes both parts.
pub fn split_sentence_edit(session: &Session, doc: DocId, at: usize) -> Result<Edit, IntentError> {
    let document = session
        .document(doc)
        .ok_or(IntentError::NoSuchDocument(doc))?;
    let idx = document
        .sentence_at(at)
        .ok_or(IntentError::NotInASentence { doc, at })?;
    let mut sentences = document.sentences().to_vec();
    if !document.split_sentences_at(&mut sentences, at) {
        return Err(IntentError::NotInASentence { doc, at });
    }
    let idx = idx.0;
    replace_sentences_edit(session, doc, sentences, |i| {
        if i > idx {
            vec![i + 1]
        } else if i == idx {
            vec![i, i + 1]
        } else {
            vec![i]
        }
    })
}

/// The edit that merges sentence `sentence` of document `doc` with the next one (a
/// hand correction). Claims keep their spans; an alignment's rows follow (two rows
/// holding the two sentences become one).
pub fn merge_sentences_edit(
    session: &Session,
    doc: DocId,
    sentence: SentenceId,
) -> Result<Edit, IntentError> {
    let document = session
        .document(doc)
        .ok_or(IntentError::NoSuchDocument(doc))?;
    let n = document.sentences().len();
    let i = sentence.idx();
    if i + 1 >= n {
        return Err(IntentError::NoSuchSentences {
            doc,
            first: sentence,
            // (The last sentence has no next one; u32::MAX does not wrap to 0.)
            last: SentenceId(sentence.0.saturating_add(1)),
            n_sentences: n,
        });
    }
    let mut sentences = document.sentences().to_vec();
    let merged = Sentence::from((sentences[i].start, sentences[i + 1].end));
    sentences.splice(i..=i + 1, [merged]);
    let i = sentence.0;
    replace_sentences_edit(session, doc, sentences, |j| {
        if j > i { vec![j - 1] } else { vec![j] }
    })
}

/// Replaces `doc`'s sentences (same text), re-anchoring its claims by their spans and
/// mapping its alignments' sentence indices with `map` (old index → new indices).
fn replace_sentences_edit(
    session: &Session,
    doc: DocId,
    sentences: Vec<Sentence>,
    map: impl Fn(u32) -> Vec<u32>,
) -> Result<Edit, IntentError> {
    let old = session
        .document(doc)
        .ok_or(IntentError::NoSuchDocument(doc))?;
    let replace = reanchored(session, old.with_sentences(old.language.clone(), sentences))?;
    let mut before = Vec::new();
    let mut after = Vec::new();
    for alignment in session
        .alignments()
        .iter()
        .filter(|al| al.a == doc || al.b == doc)
    {
        before.push(Edit::SetAlignment {
            a: alignment.a,
            b: alignment.b,
            alignment: None,
        });
        let same = |i: u32| vec![i];
        let mut adjusted = if alignment.a == doc {
            alignment.remapped(&map, &same)
        } else {
            alignment.remapped(&same, &map)
        };
        adjusted.is_edited = true;
        after.push(Edit::SetAlignment {
            a: alignment.a,
            b: alignment.b,
            alignment: Some(Box::new(adjusted)),
        });
    }
    before.push(replace);
    before.extend(after);
    Ok(Edit::Batch(before))
}
