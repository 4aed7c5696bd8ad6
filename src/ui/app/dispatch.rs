//! Carrying out commands: each `AppCommand` from a menu, a key or a panel becomes a
//! workspace call or a core-built edit, applied once, at the end of the frame.

use super::export_dialog::ExportDialog;
use super::{ClaimdeskApp, GuardedAction};
use crate::history::GroupKey;
use crate::intent::{ClaimField, Edit, RowCorrection};
use crate::model::DocId;
use crate::model::{Claim, ClaimId, SentenceId, Source, Status, Verdict};
use crate::timestamp::Timestamp;
use crate::ui::command::AppCommand;
use crate::ui::dialogs::Notice;
use crate::ui::files::FilePurpose;
use crate::ui::view::{FieldKey, Selection, ViewMode, claim_for_selection};
use crate::workspace::Workspace;
use std::path::Path;

impl ClaimdeskApp {
    /// Applies `edit` as its own undo step.
    pub(super) fn apply_edit(&mut self, edit: Edit) {
        self.apply_edit_in(edit, None);
    }

    /// Applies `edit`, joining the previous undo step when that has the same `group`.
    pub(super) fn apply_edit_in(&mut self, edit: Edit, group: Option<GroupKey>) {
        let Some(workspace) = &mut self.workspace else {
            return;
        };
        let applied = match group {
            Some(group) => workspace.apply_grouped(edit, group),
            None => workspace.apply(edit),
        };
        if let Err(err) = applied {
            self.error(format!("That change was refused: {err}"));
        }
    }

    /// Carries out one command.
    pub fn run_command(&mut self, command: AppCommand, ctx: &egui::Context) {
        match command {
            AppCommand::NewFromArticle => self.guard_then(GuardedAction::NewFromArticle, ctx),
            AppCommand::OpenWebPage => self.guard_then(GuardedAction::OpenWebPage, ctx),
            AppCommand::NewFromClipboard => self.guard_then(GuardedAction::NewFromClipboard, ctx),
            AppCommand::Open => self.guard_then(GuardedAction::Open(None), ctx),
            AppCommand::OpenPath(path) => self.guard_then(GuardedAction::Open(Some(path)), ctx),
            AppCommand::Close => self.guard_then(GuardedAction::Close, ctx),
            AppCommand::Save => {
                self.save(ctx);
            }
            AppCommand::SaveAs => {
                if self.workspace.is_some() {
                    let suggestion = self
                        .workspace
                        .as_ref()
                        .and_then(Workspace::path)
                        .map(Path::to_owned)
                        .or_else(|| self.suggested_save_path());
                    self.files.request(
                        FilePurpose::SaveAs,
                        suggestion.as_deref(),
                        ctx,
                        self.options.use_native_dialogs,
                    );
                }
            }
            AppCommand::Undo | AppCommand::Redo => {
                self.view.removed_source = None;
                let Some(workspace) = &mut self.workspace else {
                    return;
                };
                let result = if command == AppCommand::Undo {
                    workspace.undo()
                } else {
                    workspace.redo()
                };
                match result {
                    Ok(Some(edit)) => self.show_change(&edit, command == AppCommand::Undo),
                    Ok(None) => {}
                    Err(err) => self.error(format!(
                        "Could not {}: {err}",
                        command.label().to_lowercase()
                    )),
                }
            }
            AppCommand::Find => {
                self.view.find.is_open = true;
                self.view.find.wants_focus = true;
            }
            AppCommand::ShowHelp => self.show_help = !self.show_help,
            AppCommand::ShowConflicts => self.view.conflicts_open = true,
            AppCommand::NextSentence => self.step_sentence(1),
            AppCommand::PreviousSentence => self.step_sentence(-1),
            AppCommand::NextClaim => self.step_claim(true),
            AppCommand::PreviousClaim => self.step_claim(false),
            AppCommand::ToggleClaim => self.toggle_claim(),
            AppCommand::SetVerdict(verdict) => self.set_verdict(verdict),
            AppCommand::AddSource => self.add_source(),
            AppCommand::SetStatus(status) => self.set_status(status),
            AppCommand::AdjustSpan(which, grow) => self.adjust_span(which, grow),
            AppCommand::AddDocument => {
                self.request_file_beside_session(FilePurpose::AddDocument, None, ctx)
            }
            AppCommand::ToggleClaimsPanel => {
                self.prefs.show_claims_panel = !self.prefs.show_claims_panel;
            }
            AppCommand::ToggleInspector => self.prefs.show_inspector = !self.prefs.show_inspector,
            AppCommand::OpenUrl(url) => self.open_url(url),
            AppCommand::Export => {
                if self.workspace.is_some() {
                    self.export_dialog = Some(ExportDialog::default());
                }
            }
            AppCommand::Import(format) => self.guard_then(GuardedAction::Import(format), ctx),
            AppCommand::ToggleCompare => {
                self.view.mode = match self.view.mode {
                    ViewMode::Article | ViewMode::Adjudicate | ViewMode::Versions => {
                        ViewMode::Compare
                    }
                    ViewMode::Compare => ViewMode::Article,
                };
            }
            AppCommand::CompareReviews => {
                if self.workspace.is_some() {
                    self.view.mode = ViewMode::Adjudicate;
                }
                let last_review = self.adjudication.reviews.last().map(|r| r.path.clone());
                self.request_file_beside_session(FilePurpose::AddReview, last_review, ctx);
            }
            AppCommand::AddReview(path) => self.add_review(&path),
            AppCommand::CloseComparison => self.view.mode = ViewMode::Article,
            AppCommand::NextDisagreement | AppCommand::PreviousDisagreement => {
                if self.view.mode == ViewMode::Adjudicate {
                    let forward = command == AppCommand::NextDisagreement;
                    self.adjudication.step_disagreement(forward);
                    if let Some(sentence) = self.adjudication.selected {
                        let doc = self.view.doc;
                        self.view.select(Selection::sentence(doc, sentence));
                        self.view.scroll_to = None;
                    }
                }
            }
            AppCommand::ShowError(text) => self.error(text),
            AppCommand::SplitSentence => self.split_sentence(),
            AppCommand::CompareVersions => self.view.mode = ViewMode::Versions,
            AppCommand::UpdateDocument => {
                let doc = self.view.doc;
                self.files.subject = self.session().and_then(|s| s.document(doc)).map(|d| {
                    format!(
                        "the new version replaces the text of document {} “{}” ({}), keeping \
                         the old one in its history",
                        d.id, d.title, d.language
                    )
                });
                self.request_file_beside_session(FilePurpose::UpdateDocument(doc), None, ctx);
            }
            AppCommand::MergeWithNextSentence => self.merge_with_next_sentence(),
            AppCommand::AlignDocuments(a, b) => self.align_documents(a, b),
            AppCommand::MergePairs { a, b, row } => {
                self.correct_alignment(a, b, row, RowCorrection::MergeWithNext);
            }
            AppCommand::SplitPair { a, b, row } => {
                self.correct_alignment(a, b, row, RowCorrection::Split);
            }
            AppCommand::DismissFlag {
                a,
                b,
                divergence,
                dismiss,
            } => match self
                .session()
                .map(|s| crate::intent::dismiss_flag_edit(s, a, b, divergence.key(), dismiss))
            {
                Some(Ok(edit)) => self.apply_edit(edit),
                Some(Err(err)) => self.info(format!("Cannot change the flag: {err}.")),
                None => {}
            },
            AppCommand::CreateLinkedClaim => self.create_linked_claim(),
            AppCommand::LinkClaims(x, y) => {
                if let Some(edit) = self
                    .session()
                    .map(|s| crate::intent::link_claims_edit(s, x, y, Timestamp::now()))
                {
                    self.apply_edit(edit);
                }
            }
            AppCommand::UnlinkClaim(id) => {
                if let Some(Ok(edit)) = self
                    .session()
                    .map(|s| crate::intent::unlink_claim_edit(s, id, Timestamp::now()))
                {
                    self.apply_edit(edit);
                }
            }
            AppCommand::Scroll(target) => self.view.scroll_request = Some(target),
            AppCommand::SelectClaim(id) => {
                if let Some(selection) = self
                    .session()
                    .and_then(|s| s.claim(id).map(|c| Selection::of_claim(s, c)))
                {
                    self.view.select(selection);
                }
            }
        }
    }

    /// Brings what an undo (or redo) changed into view: selects the claim it touched, or
    /// for a claim it removed, the sentences the claim was on (read from the edit that
    /// would put it back).
    fn show_change(&mut self, edit: &Edit, was_undo: bool) {
        let Some(workspace) = &self.workspace else {
            return;
        };
        let session = workspace.session();
        let history = workspace.history();
        let restoring = if was_undo {
            history.next_redo_edit()
        } else {
            history.next_undo_edit()
        };
        let selection = edit.claim_ids().into_iter().find_map(|id| {
            let claim = session
                .claim(id)
                .or_else(|| restoring.and_then(|inverse| added_claim(inverse, id)))?;
            Some(Selection::of_claim(session, claim))
        });
        if let Some(selection) = selection {
            self.view.select(selection);
        }
    }

    pub(super) fn create_linked_claim(&mut self) {
        let Some(id) = self.selected_claim() else {
            self.info(
                "Select a claim first; its linked claim goes into the aligned document.".to_owned(),
            );
            return;
        };
        let built = self.session().map(|s| {
            let counterpart = s
                .claim(id)
                .and_then(|claim| crate::align::counterpart_sentences(s, claim))
                .ok_or(crate::intent::IntentError::NoCounterpart)?;
            crate::intent::create_linked_claim_edit(s, id, counterpart, Timestamp::now())
        });
        match built {
            Some(Ok((edit, _))) => self.apply_edit(edit),
            Some(Err(err)) => self.info(format!("No linked claim: {err}.")),
            None => {}
        }
    }

    pub(super) fn align_documents(&mut self, a: DocId, b: DocId) {
        // The aligner runs here, in the shell; the intent only stores what it found.
        let built = self.session().map(|s| {
            let pairs = match (s.document(a), s.document(b)) {
                (Some(doc_a), Some(doc_b)) if a != b => crate::align::align_documents(doc_a, doc_b),
                _ => Vec::new(),
            };
            crate::intent::align_documents_edit(s, a, b, pairs)
        });
        match built {
            Some(Ok(edit)) => {
                self.view.compare = Some((a, b));
                self.apply_edit(edit);
            }
            Some(Err(err)) => self.info(format!("Cannot align: {err}.")),
            None => {}
        }
    }

    pub(super) fn correct_alignment(
        &mut self,
        a: DocId,
        b: DocId,
        row: usize,
        correction: RowCorrection,
    ) {
        match self
            .session()
            .map(|s| crate::intent::correct_alignment_edit(s, a, b, row, correction))
        {
            Some(Ok(edit)) => self.apply_edit(edit),
            Some(Err(err)) => self.info(format!("Cannot correct the alignment: {err}.")),
            None => {}
        }
    }

    pub(super) fn step_sentence(&mut self, delta: i64) {
        let Some(session) = self.session() else {
            return;
        };
        let Some(doc) = session.document(self.view.doc) else {
            return;
        };
        let n = doc.sentences().len() as i64;
        if n == 0 {
            return;
        }
        let next = match &self.view.selection {
            Some(sel) if sel.doc == doc.id => (i64::from(sel.last.0) + delta).clamp(0, n - 1),
            _ if delta > 0 => 0,
            _ => n - 1,
        };
        let doc_id = doc.id;
        self.view
            .select(Selection::sentence(doc_id, SentenceId(next as u32)));
    }

    /// Selects the next (or previous) claim in reading order: through the current
    /// document, then on into the next one (documents in the order the session lists
    /// them).
    pub(super) fn step_claim(&mut self, is_forward: bool) {
        let Some(session) = self.session() else {
            return;
        };
        let rank = |doc: DocId| session.documents().iter().position(|d| d.id == doc);
        let here = self.view.selection.as_ref().and_then(|sel| {
            let start = session
                .document(sel.doc)
                .and_then(|doc| sel.char_range(doc))?
                .start;
            Some((rank(sel.doc)?, start))
        });
        let in_order: Vec<&Claim> = session
            .documents()
            .iter()
            .flat_map(|doc| session.claims_in(doc.id))
            .collect();
        let place = |claim: &Claim| rank(claim.doc).map(|r| (r, claim.anchor.start));
        let target = if is_forward {
            in_order
                .iter()
                .find(|c| here.is_none_or(|h| place(c).is_some_and(|p| p > h)))
        } else {
            in_order
                .iter()
                .rev()
                .find(|c| here.is_none_or(|h| place(c).is_some_and(|p| p < h)))
        };
        match target {
            Some(claim) => {
                let selection = Selection::of_claim(session, claim);
                self.view.select(selection);
            }
            None if !in_order.is_empty() => {
                let end = if is_forward { "last" } else { "first" };
                self.info(format!("That was the {end} claim of the review."));
            }
            None => {}
        }
    }

    /// The claim at the selection, if any.
    pub(super) fn selected_claim(&self) -> Option<ClaimId> {
        let session = self.session()?;
        claim_for_selection(session, self.view.selection.as_ref()?)
    }

    /// A new claim for the current selection, or `None` (with a notice) if it can't be made.
    /// The edit that marks the selection as a claim (rated `verdict`, if given).
    pub(super) fn mark_selection_edit(&mut self, verdict: Option<Verdict>) -> Option<Edit> {
        let session = self.session()?;
        let selection = self.view.selection.clone()?;
        let doc = session.document(selection.doc)?;
        let (first, last) = selection.ordered();
        let anchor = match &selection.span {
            Some(span) => doc.anchor_span(first, last, span.clone()),
            None => doc.anchor_sentences(first, last),
        };
        let Some(anchor) = anchor else {
            self.error("The selection cannot be anchored in the text.".to_owned());
            return None;
        };
        match crate::intent::mark_claim_edit(session, doc.id, anchor, verdict, Timestamp::now()) {
            Ok(edit) => Some(edit),
            Err(err) => {
                self.error(format!("Not marked: {err}."));
                None
            }
        }
    }

    pub(super) fn toggle_claim(&mut self) {
        if self.view.selection.is_none() {
            self.info("Select a sentence first (click it, or press J).".to_owned());
            return;
        }
        match self.selected_claim() {
            Some(id) => {
                // What the reviewer put into it, said in the toast that offers Undo.
                let content = self.session().and_then(|s| {
                    let claim = s.claim(id)?;
                    let mut parts = Vec::new();
                    if claim.verdict != Verdict::Unrated {
                        parts.push(format!("its verdict ({})", claim.verdict.label()));
                    }
                    match claim.sources.len() {
                        0 => {}
                        1 => parts.push("a source".to_owned()),
                        n => parts.push(format!("{n} sources")),
                    }
                    if !claim.note.trim().is_empty() {
                        parts.push("a rationale".to_owned());
                    }
                    if !claim.claimant.trim().is_empty() {
                        parts.push("a claimant".to_owned());
                    }
                    (!parts.is_empty()).then(|| (s.claim_label(id), parts.join(", ")))
                });
                // Unlinks its counterpart too, in the same undo step.
                if let Some(edit) = self
                    .session()
                    .map(|s| crate::intent::remove_claim_edit(s, id, Timestamp::now()))
                {
                    let revision = self.workspace.as_ref().map(Workspace::revision);
                    self.apply_edit(edit);
                    let removed = self.workspace.as_ref().map(Workspace::revision) != revision;
                    if let (true, Some((label, content))) = (removed, content) {
                        self.notices.push(Notice::undoable(format!(
                            "Unmarked claim {label} with {content}."
                        )));
                    }
                }
            }
            None => {
                if let Some(edit) = self.mark_selection_edit(None) {
                    self.apply_edit(edit);
                }
            }
        }
    }

    pub(super) fn set_verdict(&mut self, verdict: Verdict) {
        if self.view.selection.is_none() {
            self.info("Select a sentence first (click it, or press J).".to_owned());
            return;
        }
        match (self.selected_claim(), self.session()) {
            (Some(id), Some(session)) => {
                let edit = crate::intent::set_claim_field_edit(
                    session,
                    id,
                    ClaimField::Verdict(verdict),
                    Timestamp::now(),
                );
                self.apply_edit(edit);
            }
            (Some(_), None) => {}
            (None, _) => {
                // Rating an unmarked selection marks it: one step, undone as one.
                if let Some(edit) = self.mark_selection_edit(Some(verdict)) {
                    self.apply_edit(edit);
                }
            }
        }
    }

    /// Moves one end of the selection by a word, within its sentence. A selected claim's
    /// span moves with it (one undoable edit); otherwise the selection changes, ready to
    /// be marked.
    pub(super) fn adjust_span(&mut self, which: crate::word_bounds::SpanEnd, grow: bool) {
        let Some(session) = self.session() else {
            return;
        };
        let Some(selection) = self.view.selection.clone() else {
            return;
        };
        let claim = self
            .selected_claim()
            .and_then(|id| session.claim(id))
            .cloned();
        let Some(doc) = session.document(selection.doc) else {
            return;
        };
        let (first, last) = selection.ordered();
        if first != last {
            self.info(
                "Spans are adjusted within one sentence; select a single sentence.".to_owned(),
            );
            return;
        }
        let Some(sentence) = doc.sentence(first).map(|s| s.range()) else {
            return;
        };
        let current = match &claim {
            Some(claim) if claim.anchor.first == first && claim.anchor.last == first => {
                claim.anchor.range()
            }
            _ => selection.char_range(doc).unwrap_or(sentence.clone()),
        };
        let Some(text) = doc.slice(sentence.clone()) else {
            return;
        };
        let relative = (current.start - sentence.start, current.end - sentence.start);
        let Some((start, end)) = crate::word_bounds::move_by_word(text, relative, which, grow)
        else {
            return;
        };
        let span = sentence.start + start..sentence.start + end;
        let is_whole = span == sentence;
        let new_selection = Selection {
            doc: selection.doc,
            first,
            last: first,
            span: (!is_whole).then_some(span.clone()),
        };
        match claim.filter(|claim| claim.anchor.first == first && claim.anchor.last == first) {
            Some(claim) => match doc.anchor_span(first, first, span) {
                Some(anchor) => {
                    let built =
                        crate::intent::move_span_edit(session, claim.id, anchor, Timestamp::now());
                    match built {
                        Ok(edit) => {
                            self.apply_edit(edit);
                            self.view.select(new_selection);
                        }
                        Err(err) => self.error(format!("The span was not moved: {err}.")),
                    }
                }
                None => self.error("That span cannot be anchored in the text.".to_owned()),
            },
            None => self.view.select(new_selection),
        }
    }

    pub(super) fn set_status(&mut self, status: Status) {
        match (self.selected_claim(), self.session()) {
            (Some(id), Some(session)) => {
                let edit = crate::intent::set_claim_field_edit(
                    session,
                    id,
                    ClaimField::Status(status),
                    Timestamp::now(),
                );
                self.apply_edit(edit);
            }
            (Some(_), None) => {}
            (None, _) => self.info(
                "A status belongs to a claim: mark the selection as a claim first (Enter)."
                    .to_owned(),
            ),
        }
    }

    /// Opens `url` in the browser on a worker thread (starting one can take a moment);
    /// a failure is reported when it comes back. Only http, https and mailto get there.
    fn open_url(&mut self, url: String) {
        if let Some(reason) = crate::links::why_not_linkable(&url) {
            self.error(format!("Not opened: {reason}"));
            return;
        }
        let (sender, answer) = std::sync::mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("open-url".to_owned())
            .spawn(move || {
                let result = webbrowser::open(&url).map_err(|err| {
                    format!(
                        "Could not start a browser for {url} ({err}). Copy the address from \
                         the source's URL field instead."
                    )
                });
                let _ = sender.send(result);
            });
        match spawned {
            Ok(_) => self.browser_jobs.push(answer),
            Err(err) => self.error(format!("Could not start a browser: {err}")),
        }
    }

    /// Reports browsers that failed to start.
    pub(super) fn poll_browser_jobs(&mut self) {
        let mut failures = Vec::new();
        self.browser_jobs.retain(|job| match job.try_recv() {
            Ok(Ok(())) | Err(std::sync::mpsc::TryRecvError::Disconnected) => false,
            Ok(Err(message)) => {
                failures.push(message);
                false
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => true,
        });
        for message in failures {
            self.error(message);
        }
    }

    pub(super) fn add_source(&mut self) {
        self.view.removed_source = None;
        let Some(id) = self.selected_claim() else {
            self.info(
                "Sources belong to claims: mark the selection as a claim first (Enter).".to_owned(),
            );
            return;
        };
        let source = Source {
            accessed: Some(Timestamp::now()),
            ..Source::default()
        };
        let Some((Ok(edit), idx)) = self.session().and_then(|s| {
            let claim = s.claim(id)?;
            Some((
                crate::intent::add_source_edit(s, id, source, Timestamp::now()),
                claim.sources.len(),
            ))
        }) else {
            return;
        };
        self.apply_edit(edit);
        self.view.focus_request = Some(FieldKey::SourceUrl(id, idx));
    }
}

/// The claim `id` as `edit` would add it back, if it does.
fn added_claim(edit: &Edit, id: ClaimId) -> Option<&Claim> {
    match edit {
        Edit::AddClaim(claim) if claim.id == id => Some(claim),
        Edit::Batch(edits) => edits.iter().find_map(|edit| added_claim(edit, id)),
        _ => None,
    }
}
