//! The right panel: everything about the selected claim, editable.
//!
//! Reads the session and emits edits and commands; it never changes the session itself.
//! Text fields commit an edit on every change (so no other control, no save and no fast
//! Tab can ever see stale text), grouped per field so that a burst of typing undoes as
//! one step.

use egui::{RichText, TextEdit};

use crate::history::GroupKey;
use crate::intent::ClaimField;
use crate::model::{Claim, Session, SessionMeta, Source, SourceField, Stance, Status, Verdict};
use crate::timestamp::Timestamp;
use crate::ui::command::AppCommand;
use crate::ui::outbox::Outbox;
use crate::ui::theme;
use crate::ui::view::{FieldKey, RemovedSource, ViewState, claim_for_selection};

/// Shows the inspector for the current selection.
pub fn ui(ui: &mut egui::Ui, session: &Session, view: &mut ViewState, outbox: &mut Outbox) {
    egui::ScrollArea::vertical()
        .id_salt("inspector")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let Some(selection) = view.selection.clone() else {
                ui.heading("Nothing selected");
                ui.label(
                    "Click a sentence, or press J (or the down arrow) to start at the top. \
                     Shift-click extends the selection; drag inside a sentence to pick part \
                     of it.",
                );
                ui.separator();
                article_details_ui(ui, session, view, outbox);
                session_details_ui(ui, session, view, outbox);
                return;
            };
            let claim = claim_for_selection(session, &selection).and_then(|id| session.claim(id));
            // The same rows in the same places whether or not the selection is a claim, so
            // marking one leaves the pointer over the same verdict.
            let doc_title = session
                .document(selection.doc)
                .map(|doc| doc.title.as_str())
                .unwrap_or_default();
            ui.horizontal(|ui| {
                match claim {
                    Some(claim) => {
                        ui.heading(format!("Claim {}", session.claim_label(claim.id)))
                            .on_hover_text(format!("Claim id {}", claim.id));
                    }
                    None => {
                        ui.heading("Not a claim");
                    }
                }
                // A long title is cut, never widening the panel.
                ui.add(
                    egui::Label::new(RichText::new(format!("in {doc_title}")).weak()).truncate(),
                )
                .on_hover_text(doc_title);
            });
            if let Some(claim) = claim {
                crate::ui::conflicts::claim_section_ui(ui, session, claim.id, view, outbox);
                if let Some(previous) = &claim.previous_wording {
                    ui.label(
                        RichText::new("Changed by an update of the article")
                            .strong()
                            .color(ui.visuals().warn_fg_color),
                    );
                    ui.label(format!("It read: “{previous}”"));
                    if ui.button("Accept the new wording").clicked()
                        && let Ok(edit) = crate::intent::accept_new_wording_edit(
                            session,
                            claim.id,
                            Timestamp::now(),
                        )
                    {
                        outbox.edit(edit);
                    }
                    ui.add_space(4.0);
                }
            }
            let toggle = if claim.is_some() {
                "Unmark claim  (Enter)"
            } else {
                "Mark as claim  (Enter)"
            };
            ui.horizontal_wrapped(|ui| {
                if ui.button(toggle).clicked() {
                    outbox.command(AppCommand::ToggleClaim);
                }
                // Hand corrections of the sentence boundaries.
                let can_split = selection.span.is_some();
                if ui
                    .add_enabled(can_split, egui::Button::new("Split here  (Alt+S)"))
                    .on_hover_text("Start a new sentence at the selected words")
                    .on_disabled_hover_text("Drag over the word that should start a new sentence")
                    .clicked()
                {
                    outbox.command(AppCommand::SplitSentence);
                }
                if ui
                    .button("Merge with next  (Alt+M)")
                    .on_hover_text("Join this sentence and the next one")
                    .clicked()
                {
                    outbox.command(AppCommand::MergeWithNextSentence);
                }
            });
            ui.add_space(4.0);
            ui.label(RichText::new("Verdict").strong());
            verdict_buttons(ui, claim.map(|claim| claim.verdict), outbox);
            ui.add_space(4.0);
            match claim {
                Some(claim) => claim_ui(ui, session, claim, view, outbox),
                None => {
                    ui.weak("Rating the selection marks it as a claim.");
                    if let Some(doc) = session.document(selection.doc)
                        && let Some(range) = selection.char_range(doc)
                    {
                        ui.label(RichText::new(doc.slice(range).unwrap_or_default()).italics());
                    }
                }
            }
            ui.separator();
            article_details_ui(ui, session, view, outbox);
            session_details_ui(ui, session, view, outbox);
        });
}

/// The current document's article details: title, address, authors, publisher and
/// dates (from its web page, or typed in), and where and when it was fetched. Used by the
/// exports (ClaimReview's appearance, W3C's source, the CSV's article columns).
fn article_details_ui(
    ui: &mut egui::Ui,
    session: &Session,
    view: &mut ViewState,
    outbox: &mut Outbox,
) {
    let Some(doc) = session.document(view.doc) else {
        return;
    };
    egui::CollapsingHeader::new("Article details")
        .id_salt(("article_details", doc.id))
        .default_open(false)
        .show(ui, |ui| {
            let meta = &doc.meta;
            let mut title = None;
            let mut changed: Option<crate::model::ArticleMeta> = None;
            let optional = |text: String| Some(text.trim().to_owned()).filter(|t| !t.is_empty());
            if let Some(text) = text_field(
                ui,
                view,
                FieldKey::DocumentTitle,
                "Title",
                &doc.title,
                false,
            ) {
                title = Some(text);
            }
            let url = meta.url.clone().unwrap_or_default();
            if let Some(text) = text_field(ui, view, FieldKey::ArticleUrl, "Address", &url, false) {
                changed.get_or_insert_with(|| meta.clone()).url = optional(text);
            }
            if let Some(address) = crate::export::web_origin(doc) {
                // Only an http(s) address is ever a live link.
                if ui
                    .link("Open the article in the browser")
                    .on_hover_text(address)
                    .clicked()
                {
                    outbox.command(AppCommand::OpenUrl(address.to_owned()));
                }
            }
            let authors = meta.authors.join(", ");
            if let Some(text) = text_field(
                ui,
                view,
                FieldKey::ArticleAuthors,
                "Authors (comma-separated)",
                &authors,
                false,
            ) {
                changed.get_or_insert_with(|| meta.clone()).authors = text
                    .split(',')
                    .map(|name| name.trim().to_owned())
                    .filter(|name| !name.is_empty())
                    .collect();
            }
            let publisher = meta.publisher.clone().unwrap_or_default();
            if let Some(text) = text_field(
                ui,
                view,
                FieldKey::ArticlePublisher,
                "Publisher",
                &publisher,
                false,
            ) {
                changed.get_or_insert_with(|| meta.clone()).publisher = optional(text);
            }
            for (key, label, current) in [
                (
                    FieldKey::ArticlePublished,
                    "Published (ISO 8601)",
                    &meta.published,
                ),
                (
                    FieldKey::ArticleModified,
                    "Modified (ISO 8601)",
                    &meta.modified,
                ),
            ] {
                let shown = current.clone().unwrap_or_default();
                if let Some(text) = text_field(ui, view, key, label, &shown, false) {
                    let value = optional(text);
                    let target = changed.get_or_insert_with(|| meta.clone());
                    if key == FieldKey::ArticlePublished {
                        target.published = value;
                    } else {
                        target.modified = value;
                    }
                }
                if current
                    .as_deref()
                    .is_some_and(|date| crate::html::metadata::iso_date(date).is_none())
                {
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        "Not an ISO 8601 date: exports expect YYYY-MM-DD.",
                    );
                }
            }
            if let Some(fetch) = &meta.fetch {
                ui.weak(format!("Fetched {} from {}", fetch.time, fetch.final_url));
                ui.weak(format!(
                    "Archived as {} (in the review's .sources folder)",
                    fetch.archive
                ));
            }
            if title.is_some() || changed.is_some() {
                let group = GroupKey(format!("typing:article details {}", doc.id));
                outbox.edit_grouped(
                    crate::intent::set_document_details_edit(
                        session,
                        doc.id,
                        title.unwrap_or_else(|| doc.title.clone()),
                        changed.unwrap_or_else(|| meta.clone()),
                    ),
                    group,
                );
            }
        });
}

fn claim_ui(
    ui: &mut egui::Ui,
    session: &Session,
    claim: &Claim,
    view: &mut ViewState,
    outbox: &mut Outbox,
) {
    let set = |value: ClaimField| {
        crate::intent::set_claim_field_edit(session, claim.id, value, Timestamp::now())
    };
    if let Some(text) = text_field(
        ui,
        view,
        FieldKey::Text(claim.id),
        "Claim as checked",
        &claim.text,
        true,
    ) {
        outbox.edit_grouped(
            set(ClaimField::Text(text)),
            typing_group(FieldKey::Text(claim.id)),
        );
    }
    if let Some(text) = text_field(
        ui,
        view,
        FieldKey::Claimant(claim.id),
        "Claimant",
        &claim.claimant,
        false,
    ) {
        outbox.edit_grouped(
            set(ClaimField::Claimant(text)),
            typing_group(FieldKey::Claimant(claim.id)),
        );
    }

    linked_claim_ui(ui, session, claim, outbox);

    ui.label(RichText::new("Status").strong());
    ui.horizontal_wrapped(|ui| {
        for &status in Status::ALL {
            let response = ui.add(egui::Button::selectable(
                claim.status == status,
                theme::status_text(status),
            ));
            theme::focus_ring(ui, &response);
            if response.clicked() && claim.status != status {
                outbox.edit(set(ClaimField::Status(status)));
            }
        }
    });
    ui.add_space(4.0);

    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(format!("Sources ({})", claim.sources.len())).strong());
        if ui.button("Add source  (S)").clicked() {
            outbox.command(AppCommand::AddSource);
        }
    });
    // A removed source's place stays (with Undo) until the reviewer moves on, so the next
    // source's buttons do not slide under the pointer.
    let removed = view
        .removed_source
        .filter(|removed| removed.claim == claim.id);
    for (idx, source) in claim.sources.iter().enumerate() {
        if let Some(removed) = removed.filter(|removed| removed.index == idx) {
            removed_source_ui(ui, removed, outbox);
        }
        source_ui(ui, session, claim, idx, source, view, outbox);
    }
    if let Some(removed) = removed.filter(|removed| removed.index >= claim.sources.len()) {
        removed_source_ui(ui, removed, outbox);
    }
    ui.add_space(4.0);

    if let Some(text) = text_field(
        ui,
        view,
        FieldKey::Note(claim.id),
        "Rationale",
        &claim.note,
        true,
    ) {
        outbox.edit_grouped(
            set(ClaimField::Note(text)),
            typing_group(FieldKey::Note(claim.id)),
        );
    }
    if let Some(text) = text_field(
        ui,
        view,
        FieldKey::Reviewer(claim.id),
        "Reviewer",
        &claim.reviewer,
        false,
    ) {
        outbox.edit_grouped(
            set(ClaimField::Reviewer(text)),
            typing_group(FieldKey::Reviewer(claim.id)),
        );
    }
    // Numbered as the file and the command line number them (from 0).
    let (first, last) = (claim.anchor.first.0, claim.anchor.last.0);
    let sentences = if first == last {
        format!("Sentence {first} of document {}", claim.doc)
    } else {
        format!("Sentences {first}–{last} of document {}", claim.doc)
    };
    ui.weak(format!(
        "{sentences} · created {} · modified {}",
        claim.created, claim.modified
    ));
}

/// The claim's counterpart in the aligned document: go to it, unlink it, or create or link
/// one.
fn linked_claim_ui(ui: &mut egui::Ui, session: &Session, claim: &Claim, outbox: &mut Outbox) {
    if let Some(other) = claim.counterpart.and_then(|id| session.claim(id)) {
        let doc = session
            .document(other.doc)
            .map_or(String::new(), |d| d.title.clone());
        ui.label(format!(
            "Linked claim {} in {doc} ({})",
            session.claim_label(other.id),
            other.verdict.label()
        ));
        ui.horizontal_wrapped(|ui| {
            if ui
                .button(format!("Go to claim {}", session.claim_label(other.id)))
                .clicked()
            {
                outbox.command(AppCommand::SelectClaim(other.id));
            }
            if ui.button("Unlink").clicked() {
                outbox.command(AppCommand::UnlinkClaim(claim.id));
            }
        });
        return;
    }
    let Some((other_doc, first, last)) = crate::align::counterpart_sentences(session, claim) else {
        return;
    };
    let existing = session.claims().iter().find(|c| {
        c.doc == other_doc
            && c.anchor.first <= last
            && first <= c.anchor.last
            && c.counterpart.is_none()
    });
    ui.horizontal_wrapped(|ui| match existing {
        Some(other) => {
            if ui
                .button(format!(
                    "Link to claim {} (its counterpart)",
                    session.claim_label(other.id)
                ))
                .clicked()
            {
                outbox.command(AppCommand::LinkClaims(claim.id, other.id));
            }
        }
        None => {
            if ui.button("Create the linked claim").clicked() {
                outbox.command(AppCommand::CreateLinkedClaim);
            }
        }
    });
}

/// One button per verdict, with its keyboard digit and code.
fn verdict_buttons(ui: &mut egui::Ui, current: Option<Verdict>, outbox: &mut Outbox) {
    ui.horizontal_wrapped(|ui| {
        for &verdict in Verdict::ALL {
            let is_current = current == Some(verdict);
            let text = RichText::new(verdict.label()).color(if is_current {
                theme::on_verdict_color(verdict)
            } else {
                ui.visuals().text_color()
            });
            let mut button = egui::Button::selectable(is_current, text)
                .shortcut_text(theme::verdict_digit(verdict).to_string());
            if is_current {
                button = button.fill(theme::verdict_color(verdict));
            } else {
                let outline = theme::verdict_outline(verdict, ui.visuals().panel_fill);
                button = button.stroke(egui::Stroke::new(1.5, outline));
            }
            let response = ui.add(button).on_hover_text(format!(
                "{} (key {})",
                verdict.label(),
                theme::verdict_digit(verdict)
            ));
            theme::focus_ring(ui, &response);
            if response.clicked() && !is_current {
                outbox.command(AppCommand::SetVerdict(verdict));
            }
        }
    });
}

/// The held place of a removed source, as tall as the source was.
fn removed_source_ui(ui: &mut egui::Ui, removed: RemovedSource, outbox: &mut Outbox) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.set_min_height(removed.height - 2.0 * ui.style().spacing.item_spacing.y);
        ui.horizontal_wrapped(|ui| {
            ui.weak(format!("Source {} removed.", removed.index + 1));
            if ui.button("Undo  (Ctrl+Z)").clicked() {
                outbox.command(AppCommand::Undo);
            }
        });
    });
}

fn source_ui(
    ui: &mut egui::Ui,
    session: &Session,
    claim: &Claim,
    idx: usize,
    source: &Source,
    view: &mut ViewState,
    outbox: &mut Outbox,
) {
    let change_source = |outbox: &mut Outbox, key: Option<FieldKey>, value: SourceField| {
        let edit =
            crate::intent::set_source_field_edit(session, claim.id, idx, value, Timestamp::now());
        match key {
            Some(key) => outbox.edit_grouped(edit, typing_group(key)),
            None => outbox.edit(edit),
        }
    };
    let mut is_removed = false;
    let group = egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        let n = idx + 1;
        if let Some(url) = text_field(
            ui,
            view,
            FieldKey::SourceUrl(claim.id, idx),
            &format!("Source {n} URL"),
            &source.url,
            false,
        ) {
            let key = FieldKey::SourceUrl(claim.id, idx);
            change_source(outbox, Some(key), SourceField::Url(url));
        }
        if let Some(title) = text_field(
            ui,
            view,
            FieldKey::SourceTitle(claim.id, idx),
            &format!("Source {n} title"),
            &source.title,
            false,
        ) {
            let key = FieldKey::SourceTitle(claim.id, idx);
            change_source(outbox, Some(key), SourceField::Title(title));
        }
        if let Some(publisher) = text_field(
            ui,
            view,
            FieldKey::SourcePublisher(claim.id, idx),
            &format!("Source {n} publisher"),
            &source.publisher,
            false,
        ) {
            let key = FieldKey::SourcePublisher(claim.id, idx);
            change_source(outbox, Some(key), SourceField::Publisher(publisher));
        }
        if let Some(quote) = text_field(
            ui,
            view,
            FieldKey::SourceQuote(claim.id, idx),
            &format!("Source {n} quoted passage"),
            &source.quote,
            true,
        ) {
            let key = FieldKey::SourceQuote(claim.id, idx);
            change_source(outbox, Some(key), SourceField::Quote(quote));
        }
        ui.horizontal_wrapped(|ui| {
            for &stance in Stance::ALL {
                let response = ui.add(egui::Button::selectable(
                    source.stance == stance,
                    stance.label(),
                ));
                theme::focus_ring(ui, &response);
                if response.clicked() && source.stance != stance {
                    change_source(outbox, None, SourceField::Stance(stance));
                }
            }
        });
        ui.horizontal_wrapped(|ui| {
            let url = source.url.trim();
            let refusal = crate::links::why_not_linkable(url);
            let open = ui
                .add_enabled(
                    refusal.is_none(),
                    egui::Button::new(format!("Open source {n} in browser")),
                )
                .on_disabled_hover_text(if url.is_empty() {
                    "No address yet"
                } else {
                    refusal.unwrap_or_default()
                });
            // Only http, https and mailto ever reach the system opener.
            if open.clicked() && crate::links::is_linkable(url) {
                outbox.command(AppCommand::OpenUrl(url.to_owned()));
            }
            if ui.button(format!("Remove source {n}")).clicked() {
                outbox.edit(crate::intent::remove_source_edit(
                    session,
                    claim.id,
                    idx,
                    Timestamp::now(),
                ));
                is_removed = true;
            }
        });
        if let Some(accessed) = source.accessed {
            ui.weak(format!("Accessed {}", accessed.date_string()));
        }
    });
    if is_removed {
        view.removed_source = Some(RemovedSource {
            claim: claim.id,
            index: idx,
            height: group.response.rect.height(),
        });
    }
}

/// Session title, organisation and review URL (used by ClaimReview export).
fn session_details_ui(
    ui: &mut egui::Ui,
    session: &Session,
    view: &mut ViewState,
    outbox: &mut Outbox,
) {
    egui::CollapsingHeader::new("Session details")
        .default_open(false)
        .show(ui, |ui| {
            let meta = session.meta();
            let mut changed: Option<SessionMeta> = None;
            if let Some(title) = text_field(
                ui,
                view,
                FieldKey::SessionTitle,
                "Session title",
                &meta.title,
                false,
            ) {
                changed.get_or_insert_with(|| meta.clone()).title = title;
            }
            if let Some(name) = text_field(
                ui,
                view,
                FieldKey::Organisation,
                "Organisation",
                &meta.organisation.name,
                false,
            ) {
                changed
                    .get_or_insert_with(|| meta.clone())
                    .organisation
                    .name = name;
            }
            let org_url = meta.organisation.url.clone().unwrap_or_default();
            if let Some(url) = text_field(
                ui,
                view,
                FieldKey::OrganisationUrl,
                "Organisation URL",
                &org_url,
                false,
            ) {
                changed.get_or_insert_with(|| meta.clone()).organisation.url =
                    Some(url).filter(|u| !u.trim().is_empty());
            }
            let review_url = meta.review_url.clone().unwrap_or_default();
            if let Some(url) = text_field(
                ui,
                view,
                FieldKey::ReviewUrl,
                "Review URL",
                &review_url,
                false,
            ) {
                changed.get_or_insert_with(|| meta.clone()).review_url =
                    Some(url).filter(|u| !u.trim().is_empty());
            }
            ui.weak(format!(
                "Created {} · modified {}",
                meta.created, meta.modified
            ));
            if let Some(meta) = changed {
                let group = GroupKey("typing:session details".to_owned());
                outbox.edit_grouped(crate::intent::replace_meta_edit(session, meta), group);
            }
        });
}

/// A labelled text field showing `current`; returns the new text as soon as the user
/// changes it (the caller commits it at once, in the field's undo group).
fn text_field(
    ui: &mut egui::Ui,
    view: &mut ViewState,
    key: FieldKey,
    label: &str,
    current: &str,
    is_multiline: bool,
) -> Option<String> {
    let label_response = ui.label(label);
    let mut text = current.to_owned();
    let editor = if is_multiline {
        TextEdit::multiline(&mut text).desired_rows(3)
    } else {
        TextEdit::singleline(&mut text)
    };
    let response = ui
        .add(editor.desired_width(f32::INFINITY))
        .labelled_by(label_response.id);
    if view.focus_request == Some(key) {
        response.request_focus();
        view.focus_request = None;
    }
    (response.changed() && text != current).then_some(text)
}

/// The undo group of typing into the field `key`.
fn typing_group(key: FieldKey) -> GroupKey {
    GroupKey(format!("typing:{key:?}"))
}
