//! Intents on the session's and documents' details, and adding a document.

use crate::model::{DocId, Document, Edit, Session, SessionMeta};
use crate::timestamp::Timestamp;

/// The edit that replaces document `doc`'s title and article details.
pub fn set_document_details_edit(
    _session: &Session,
    doc: DocId,
    title: String,
    meta: crate::model::ArticleMeta,
) -> Edit {
    Edit::SetDocumentDetails {
        doc,
        title,
        meta: Box::new(meta),
    }
}

/// The edit that replaces the session details as the reviewer typed them (the save
/// stamps the modified time).
pub fn replace_meta_edit(_session: &Session, meta: SessionMeta) -> Edit {
    Edit::SetMeta(Box::new(meta))
}

/// The edit that adds a document (an article segmented by `article`: a translation,
/// or another article of the same review) to the session, under the next free id.
pub fn add_document_edit(session: &Session, mut doc: Document) -> Edit {
    doc.id = session.next_doc_id();
    Edit::AddDocument(Box::new(doc))
}

/// The edit that replaces the session details, stamping `modified`.
pub fn set_meta_edit(
    session: &Session,
    change: impl FnOnce(&mut SessionMeta),
    now: Timestamp,
) -> Edit {
    let mut meta = session.meta().clone();
    change(&mut meta);
    meta.modified = now;
    Edit::SetMeta(Box::new(meta))
}
