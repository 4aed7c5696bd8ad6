//! A document built from a text: segmented here, handed to the model whole (the model
//! runs no segmenter).

/// Segments `text` in `language` (`auto` detects it) and builds document `id` of it: the
/// model takes the sentences as they are, and runs no segmenter itself.
pub fn segmented_document(
    id: crate::model::DocId,
    title: impl Into<String>,
    language: &str,
    origin: Option<String>,
    text: String,
) -> crate::model::Document {
    let language = crate::lang::resolve_language(language, &text);
    let sentences = super::Segmenter::new(&language)
        .segment(&text)
        .iter()
        .map(|span| crate::model::Sentence::from((span.chars.start, span.chars.end)))
        .collect();
    crate::model::Document::new(id, title, language, origin, text, sentences)
}

/// `doc` segmented again with the rules of `language` (an ISO 639-1 code, or `auto`):
/// the same document with new sentences, its details and earlier versions kept (for
/// `intent::resegment_document_edit`).
pub fn resegmented(doc: &crate::model::Document, language: &str) -> crate::model::Document {
    let language = crate::lang::resolve_language(language, doc.text());
    let sentences = super::Segmenter::new(&language)
        .segment(doc.text())
        .iter()
        .map(|span| crate::model::Sentence::from((span.chars.start, span.chars.end)))
        .collect();
    doc.with_sentences(language, sentences)
}
