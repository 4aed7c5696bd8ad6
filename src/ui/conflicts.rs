//! Merge conflicts in the window: the selected claim's conflicts at the top of the
//! inspector, and every conflict of the session in the "Merge conflicts" window.
//!
//! Each conflict shows the base, ours and theirs values (saying which one the session
//! holds now) with "Keep ours", "Keep theirs" and, for text fields, "Edit…" to write a
//! value of one's own. Resolving is one core-built edit, so undo brings the conflict back.

use egui::RichText;

use crate::intent::ClaimField;
use crate::model::{ClaimId, Conflict, DocId, MergeSide, Session};
use crate::timestamp::Timestamp;
use crate::ui::command::AppCommand;
use crate::ui::outbox::Outbox;
use crate::ui::view::{ConflictDraft, ViewState};

/// The selected claim's conflicts, at the top of the inspector (nothing when it has none).
pub fn claim_section_ui(
    ui: &mut egui::Ui,
    session: &Session,
    claim: ClaimId,
    view: &mut ViewState,
    outbox: &mut Outbox,
) {
    let conflicts: Vec<(usize, &Conflict)> = session
        .conflicts()
        .iter()
        .enumerate()
        .filter(|(_, conflict)| conflict.claim() == Some(claim))
        .collect();
    if conflicts.is_empty() {
        return;
    }
    egui::Frame::group(ui.style())
        .stroke(egui::Stroke::new(2.0, ui.visuals().warn_fg_color))
        .show(ui, |ui| {
            ui.label(
                RichText::new(format!("Merge conflicts ({})", conflicts.len()))
                    .strong()
                    .color(ui.visuals().warn_fg_color),
            );
            ui.label("Two reviewers changed this claim differently. Choose what stays:");
            for (idx, conflict) in conflicts {
                ui.separator();
                conflict_ui(ui, session, idx, conflict, view, outbox);
            }
        });
    ui.add_space(6.0);
}

/// The "Merge conflicts" window with every conflict of the session.
pub fn window_ui(
    ctx: &egui::Context,
    session: &Session,
    view: &mut ViewState,
    outbox: &mut Outbox,
) {
    if !view.conflicts_open {
        return;
    }
    let mut is_open = true;
    egui::Window::new("Merge conflicts")
        .open(&mut is_open)
        .default_width(520.0)
        .max_height(ctx.content_rect().height() * 0.8)
        .show(ctx, |ui| {
            if session.conflicts().is_empty() {
                ui.label("No conflicts left: the merge is fully resolved. Save to keep it.");
                return;
            }
            ui.label(format!(
                "{} conflict(s) from merging reviewers' copies. The session holds one value \
                 of each until you choose.",
                session.conflicts().len()
            ));
            egui::ScrollArea::vertical()
                .id_salt("conflicts_window")
                .show(ui, |ui| {
                    let mut previous_claim = None;
                    for (idx, conflict) in session.conflicts().iter().enumerate() {
                        ui.separator();
                        // Conflicts are sorted by claim: one heading per claim.
                        if let Some(claim) = conflict.claim()
                            && previous_claim.replace(claim) != Some(claim)
                        {
                            ui.horizontal(|ui| {
                                ui.label(
                                    RichText::new(format!("Claim {}", session.claim_label(claim)))
                                        .strong(),
                                );
                                if session.claim(claim).is_some() {
                                    if ui.button("Show claim").clicked() {
                                        outbox.command(AppCommand::SelectClaim(claim));
                                    }
                                } else {
                                    // An orphan has no place to show: it waits in the
                                    // claims panel to be attached.
                                    ui.weak("orphaned (see Orphaned claims in the claims panel)");
                                }
                            });
                        }
                        conflict_ui(ui, session, idx, conflict, view, outbox);
                    }
                });
        });
    if !is_open {
        view.conflicts_open = false;
    }
}

/// One conflict: the three values and the choices.
fn conflict_ui(
    ui: &mut egui::Ui,
    session: &Session,
    idx: usize,
    conflict: &Conflict,
    view: &mut ViewState,
    outbox: &mut Outbox,
) {
    let held = conflict.held();
    ui.label(RichText::new(capitalized(&conflict.subject())).strong());
    let (base, ours, theirs) = values(session, conflict);
    egui::Grid::new(("conflict", idx))
        .num_columns(2)
        .spacing([8.0, 2.0])
        .show(ui, |ui| {
            for (name, value, side) in [
                ("Base", base, None),
                ("Ours", ours, Some(MergeSide::Ours)),
                ("Theirs", theirs, Some(MergeSide::Theirs)),
            ] {
                let name = if side == Some(held) {
                    format!("{name} (now)")
                } else {
                    name.to_owned()
                };
                ui.label(RichText::new(name).weak());
                ui.add(egui::Label::new(value).wrap());
                ui.end_row();
            }
        });
    let now = Timestamp::now();
    let editable = editable_text(conflict);
    ui.horizontal_wrapped(|ui| {
        for (side, text) in [
            (MergeSide::Ours, "Keep ours"),
            (MergeSide::Theirs, "Keep theirs"),
        ] {
            let button = ui.button(text).on_hover_text(match side {
                MergeSide::Ours => "Keep the value of the session merged into",
                MergeSide::Theirs => "Take the value of the session merged in",
            });
            if button.clicked()
                && let Ok(edit) = crate::merge::resolve_conflict_edit(session, idx, side, now)
            {
                outbox.edit(edit);
                view.conflict_draft = None;
            }
        }
        if let Some(current) = &editable
            && ui
                .button("Edit…")
                .on_hover_text("Write the value yourself")
                .clicked()
        {
            view.conflict_draft = Some(ConflictDraft {
                conflict: conflict.clone(),
                text: current.clone(),
            });
        }
    });
    let Some(draft) = view
        .conflict_draft
        .as_mut()
        .filter(|draft| draft.conflict == *conflict)
    else {
        return;
    };
    let label = ui.label("Your value");
    ui.add(
        egui::TextEdit::multiline(&mut draft.text)
            .desired_rows(3)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
    let mut is_done = false;
    ui.horizontal(|ui| {
        if ui.button("Use this value").clicked()
            && let Some(value) = with_text(conflict, draft.text.clone())
            && let Ok(edit) = crate::merge::resolve_conflict_with_edit(session, idx, value, now)
        {
            outbox.edit(edit);
            is_done = true;
        }
        if ui.button("Cancel").clicked() {
            is_done = true;
        }
    });
    if is_done {
        view.conflict_draft = None;
    }
}

/// The base, ours and theirs values as the panel shows them (whole texts, not cut).
fn values(session: &Session, conflict: &Conflict) -> (String, String, String) {
    match conflict {
        Conflict::Claim {
            base, ours, theirs, ..
        } => {
            let show = |value: &Option<ClaimField>, missing: &str| match value {
                None => missing.to_owned(),
                Some(value) => field_text(session, value),
            };
            (
                show(base, "(no such claim)"),
                show(ours, "(removed the claim)"),
                show(theirs, "(removed the claim)"),
            )
        }
        Conflict::Translation {
            base, ours, theirs, ..
        } => {
            let show = |of: &Option<DocId>| match of.and_then(|id| session.document(id)) {
                Some(doc) => format!("translation of \"{}\"", doc.title),
                None => "not a translation".to_owned(),
            };
            (show(base), show(ours), show(theirs))
        }
        Conflict::Alignment { a, b, theirs } => {
            let ours = match session.alignment(*a, *b) {
                Some(al) => rows(al.pairs.len(), al.is_edited),
                None => "(no alignment)".to_owned(),
            };
            let theirs = match theirs {
                Some(stored) => rows(stored.n_pairs(), stored.is_edited()),
                None => "(removed the alignment)".to_owned(),
            };
            ("(changed on both sides)".to_owned(), ours, theirs)
        }
        Conflict::Detail {
            base, ours, theirs, ..
        } => {
            let show = |text: &String| {
                if text.is_empty() {
                    "(not set)".to_owned()
                } else {
                    text.clone()
                }
            };
            (show(base), show(ours), show(theirs))
        }
        Conflict::Document { doc, theirs } => {
            let words = |text: &str| text.split_whitespace().count();
            let ours = session.document(*doc).map_or_else(
                || "(no such document)".to_owned(),
                |held| {
                    format!(
                        "the version this session holds ({} words)",
                        words(held.text())
                    )
                },
            );
            (
                "(both sides updated it)".to_owned(),
                ours,
                format!(
                    "another version ({} words; keeping it updates the document)",
                    words(&theirs.text)
                ),
            )
        }
    }
}

fn rows(n: usize, is_edited: bool) -> String {
    let edited = if is_edited { ", corrected by hand" } else { "" };
    format!("{n} aligned rows{edited}")
}

/// A claim field's value in full.
fn field_text(session: &Session, value: &ClaimField) -> String {
    match value {
        ClaimField::Text(text)
        | ClaimField::Claimant(text)
        | ClaimField::Note(text)
        | ClaimField::Reviewer(text)
            if text.is_empty() =>
        {
            "(empty)".to_owned()
        }
        ClaimField::Text(text)
        | ClaimField::Claimant(text)
        | ClaimField::Note(text)
        | ClaimField::Reviewer(text) => text.clone(),
        ClaimField::Verdict(verdict) => verdict.label().to_owned(),
        ClaimField::Status(status) => status.label().to_owned(),
        ClaimField::Sources(sources) if sources.is_empty() => "no sources".to_owned(),
        ClaimField::Sources(sources) => sources
            .iter()
            .map(|s| format!("{} ({})", s.url, s.stance.label()))
            .collect::<Vec<_>>()
            .join("\n"),
        ClaimField::Anchor(anchor) => format!("\"{}\"", anchor.quote.exact),
        ClaimField::Span(doc, anchor) => {
            let title = session.document(*doc).map_or("?", |d| d.title.as_str());
            format!("\"{}\" in \"{title}\"", anchor.quote.exact)
        }
        ClaimField::Counterpart(Some(id)) => {
            format!("linked to claim {}", session.claim_label(*id))
        }
        ClaimField::Counterpart(None) => "not linked".to_owned(),
        ClaimField::PreviousWording(Some(text)) => format!("changed from \"{text}\""),
        ClaimField::PreviousWording(None) => "not changed".to_owned(),
    }
}

/// The text a reviewer starts from when writing their own value: the held value of a
/// text field; `None` for fields that are not free text.
fn editable_text(conflict: &Conflict) -> Option<String> {
    let Conflict::Claim { ours, theirs, .. } = conflict else {
        return None;
    };
    ours.as_ref().or(theirs.as_ref())?.text().map(str::to_owned)
}

/// The conflict's field with `text` as its value.
fn with_text(conflict: &Conflict, text: String) -> Option<ClaimField> {
    let Conflict::Claim { ours, theirs, .. } = conflict else {
        return None;
    };
    ours.as_ref().or(theirs.as_ref())?.kind().with_text(text)
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
