//! The documents of the open review: adding one, a new version of one (an update),
//! hand corrections of its sentences, and other reviewers' sessions to compare with.

use super::ClaimdeskApp;
use crate::model::Session;
use crate::timestamp::Timestamp;
use crate::ui::files::FilePurpose;
use crate::ui::view::{Selection, ViewMode};
use std::path::{Path, PathBuf};

impl ClaimdeskApp {
    /// Adds the article at `path` to the open review as another document, one undo step.
    /// Asks for a file for `purpose` (with a session open), starting at `near` or else the
    /// session's own file.
    pub(super) fn request_file_beside_session(
        &mut self,
        purpose: FilePurpose,
        near: Option<PathBuf>,
        ctx: &egui::Context,
    ) {
        let Some(workspace) = &self.workspace else {
            return;
        };
        let here = near.or_else(|| workspace.path().map(Path::to_owned));
        let use_native = self.options.use_native_dialogs;
        self.files
            .request(purpose, here.as_deref(), ctx, use_native);
    }

    /// Replaces the current document's text by the article at `path` (a newer version)
    /// and re-anchors its claims; says what happened to them.
    pub fn update_document(&mut self, path: &Path) {
        self.update_document_of(self.view.doc, path);
    }

    /// [`Self::update_document`] for document `doc`, whichever is shown.
    pub fn update_document_of(&mut self, doc: crate::model::DocId, path: &Path) {
        let article = match crate::article::load_article(path) {
            Ok(article) => article,
            Err(err) => {
                self.error(format!("Not updated: {err}"));
                return;
            }
        };
        let Some(session) = self.session() else {
            return;
        };
        match crate::update::update_document_with_meta(
            session,
            doc,
            article.text,
            &article.meta,
            Timestamp::now(),
        ) {
            Ok(update) => {
                let summary = update.summary();
                self.apply_edit(update.edit);
                let orphans = if summary.orphaned > 0 {
                    " Orphaned claims are listed in the claims panel: select their new text and \
                     attach them."
                } else {
                    ""
                };
                self.info(format!(
                    "Updated from {}: {summary}.{orphans} View > Compare versions shows \
                     what changed.",
                    path.display()
                ));
            }
            Err(err) => self.error(format!("Not updated: {err}")),
        }
    }

    /// Splits the selected sentence where the selected words start.
    pub(super) fn split_sentence(&mut self) {
        let Some(selection) = self.view.selection.clone() else {
            self.info("Select the words that should start a new sentence first.".to_owned());
            return;
        };
        let Some(span) = selection.span.clone() else {
            self.info(
                "Drag over the word that should start the new sentence, then split (Alt+S)."
                    .to_owned(),
            );
            return;
        };
        let Some(session) = self.session() else {
            return;
        };
        match crate::intent::split_sentence_edit(session, selection.doc, span.start) {
            Ok(edit) => {
                self.apply_edit(edit);
                if let Some(doc) = self.session().and_then(|s| s.document(selection.doc))
                    && let Some(second) = doc.sentence_at(span.start)
                {
                    self.view.select(Selection::sentence(selection.doc, second));
                }
            }
            Err(err) => self.error(format!("Not split: {err}")),
        }
    }

    /// Merges the selected sentence (the last one of a range) with the next.
    pub(super) fn merge_with_next_sentence(&mut self) {
        let Some(selection) = self.view.selection.clone() else {
            self.info("Select a sentence first.".to_owned());
            return;
        };
        let (_, last) = selection.ordered();
        let Some(session) = self.session() else {
            return;
        };
        match crate::intent::merge_sentences_edit(session, selection.doc, last) {
            Ok(edit) => {
                self.apply_edit(edit);
                self.view.select(Selection::sentence(selection.doc, last));
            }
            Err(err) => self.error(format!("Not merged: {err}")),
        }
    }

    /// Adds a reviewer's session to the adjudication view (and shows the view).
    pub fn add_review(&mut self, path: &Path) {
        let loaded = match crate::store::load(path) {
            Ok(loaded) => loaded,
            Err(err) => {
                self.error(format!("Not compared: {err}"));
                return;
            }
        };
        self.add_loaded_review(path, loaded.session);
    }

    /// Adds a reviewer's session, read from `path`, to the adjudication view.
    pub fn add_loaded_review(&mut self, path: &Path, review: Session) {
        let Some(session) = self.session() else {
            self.error("Open the review to adjudicate first, then compare reviews.".to_owned());
            return;
        };
        if !crate::agree::adjudicate::shares_a_document(session, &review) {
            self.error(format!(
                "Not compared: {} reviews none of this session's documents (the same text).",
                path.display()
            ));
            return;
        }
        let stem = path.file_stem().map_or_else(
            || path.display().to_string(),
            |s| s.to_string_lossy().into_owned(),
        );
        let mut name = match review.meta().reviewers.as_slice() {
            [] => stem.clone(),
            reviewers => reviewers.join(" + "),
        };
        if self.adjudication.reviews.iter().any(|r| r.name == name) {
            name = format!("{name} ({stem})");
        }
        self.adjudication.add(crate::ui::adjudicate_view::Review {
            name,
            path: path.to_owned(),
            session: review,
        });
        self.view.mode = ViewMode::Adjudicate;
    }

    pub(super) fn add_document(&mut self, path: &Path) {
        let article = match crate::article::load_article(path) {
            Ok(article) => article,
            Err(err) => {
                self.error(format!("Not added: {err}"));
                return;
            }
        };
        let Some(session) = self.session() else {
            return;
        };
        let doc = article.into_document(
            session.next_doc_id(),
            "auto",
            Some(path.display().to_string()),
        );
        let edit = crate::intent::add_document_edit(session, doc);
        let id = session.next_doc_id();
        self.apply_edit(edit);
        if let Some(doc) = self.session().and_then(|s| s.document(id)) {
            let message = format!(
                "Added “{}” ({}, {} sentences) as document {}. To review it as a translation, \
                 compare it with the original (View > Compare, or T).",
                doc.title,
                doc.language,
                doc.sentences().len(),
                id
            );
            self.view.doc = id;
            self.info(message);
        }
    }
}
