//! View > Compare versions: the document's previous text and its current one side by side,
//! paragraph by paragraph as the core's diff aligns them (`update::compare_versions`), with
//! the words that changed
//! marked (struck through and shaded on the old side, underlined and shaded on the new:
//! never colour alone), and the claims an update changed or orphaned listed above.

use std::sync::Arc;

use crate::model::{DocId, Session};
use crate::ui::command::AppCommand;
use crate::ui::outbox::Outbox;
use crate::ui::view::ViewState;
use crate::update::{VersionRow, WordChange, compare_versions, word_changes};
use egui::text::LayoutJob;
use egui::{Color32, FontId, RichText, Stroke, TextFormat};

/// Rows computed once per document text.
#[derive(Default)]
pub struct VersionsCache {
    key: Option<(u64, DocId)>,
    rows: Arc<Vec<VersionRow>>,
}

/// Draws the view for the current document.
pub fn ui(
    ui: &mut egui::Ui,
    session: &Session,
    revision: u64,
    view: &mut ViewState,
    cache: &mut VersionsCache,
    outbox: &mut Outbox,
) {
    let Some(doc) = session.document(view.doc) else {
        return;
    };
    ui.horizontal_wrapped(|ui| {
        ui.heading("Compare versions");
        ui.label(RichText::new(format!("of {}", doc.title)).weak());
        if ui.button("Back to the article").clicked() {
            outbox.command(AppCommand::CloseComparison);
        }
    });
    let Some(previous) = doc.versions.last() else {
        ui.label(
            "This document has one version only. File > Update document from file… brings in \
             a newer one.",
        );
        return;
    };
    ui.label(format!(
        "Left: the text until {} ({} earlier version(s) kept). Right: the current text.",
        previous.replaced.local_string(),
        doc.versions.len()
    ));
    let changed: Vec<_> = session
        .claims_in(doc.id)
        .into_iter()
        .filter(|c| c.previous_wording.is_some())
        .collect();
    let orphans = session.orphans().iter().filter(|c| c.doc == doc.id).count();
    ui.label(format!(
        "{} claim(s) changed by the update, {orphans} orphaned (listed in the claims panel).",
        changed.len()
    ));
    for claim in changed {
        ui.horizontal_wrapped(|ui| {
            if ui
                .small_button(format!("Show {}", session.claim_label(claim.id)))
                .clicked()
            {
                outbox.command(AppCommand::SelectClaim(claim.id));
            }
            ui.label(RichText::new(format!(
                "was “{}”",
                claim.previous_wording.as_deref().unwrap_or_default()
            )));
        });
    }
    ui.separator();

    if cache.key != Some((revision, doc.id)) {
        cache.rows = Arc::new(compare_versions(&previous.text, doc.text()));
        cache.key = Some((revision, doc.id));
    }
    let rows = Arc::clone(&cache.rows);
    let font = FontId::proportional(ui.text_style_height(&egui::TextStyle::Body) * 0.8);
    let visuals = ui.visuals().clone();
    egui::ScrollArea::vertical()
        .id_salt("versions_rows")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for row in rows.iter() {
                match row {
                    VersionRow::Same { text, n } => {
                        let shown = if *n > 1 {
                            format!("{text}  (+{} more unchanged paragraphs)", n - 1)
                        } else {
                            text.clone()
                        };
                        ui.add(egui::Label::new(RichText::new(shown).weak()).truncate());
                    }
                    VersionRow::Changed { old, new } => {
                        let (left, right) = word_diff(old, new, &font, &visuals);
                        ui.columns(2, |columns| {
                            columns[0].add(egui::Label::new(left).wrap());
                            columns[1].add(egui::Label::new(right).wrap());
                        });
                    }
                    // Unchanged but elsewhere: said in words, on the side it is on.
                    VersionRow::Moved { text, is_new_place } => {
                        let (note, column) = if *is_new_place {
                            ("(moved here, unchanged) ", 1)
                        } else {
                            ("(moved from here, unchanged) ", 0)
                        };
                        ui.columns(2, |columns| {
                            columns[column].add(
                                egui::Label::new(
                                    RichText::new(format!("{note}{text}")).italics().weak(),
                                )
                                .truncate(),
                            );
                        });
                    }
                }
                ui.add_space(4.0);
            }
        });
}

/// The two sides of a changed stretch with their differing words marked: removed words
/// struck through on the old side, added words underlined on the new.
fn word_diff(
    old: &str,
    new: &str,
    font: &FontId,
    visuals: &egui::Visuals,
) -> (LayoutJob, LayoutJob) {
    let plain = TextFormat {
        font_id: font.clone(),
        color: visuals.text_color(),
        ..Default::default()
    };
    let removed = TextFormat {
        strikethrough: Stroke::new(1.5, visuals.text_color()),
        background: Color32::from_rgba_unmultiplied(213, 94, 0, 70),
        ..plain.clone()
    };
    let added = TextFormat {
        underline: Stroke::new(1.5, visuals.text_color()),
        background: Color32::from_rgba_unmultiplied(0, 158, 115, 70),
        ..plain.clone()
    };
    let mut left = LayoutJob::default();
    let mut right = LayoutJob::default();
    if old.is_empty() {
        left.append(
            "(not in this version)",
            0.0,
            TextFormat {
                italics: true,
                ..plain.clone()
            },
        );
    }
    if new.is_empty() {
        right.append(
            "(removed)",
            0.0,
            TextFormat {
                italics: true,
                ..plain.clone()
            },
        );
    }
    for (change, text) in word_changes(old, new) {
        match change {
            WordChange::Same => {
                left.append(text, 0.0, plain.clone());
                right.append(text, 0.0, plain.clone());
            }
            WordChange::Removed => left.append(text, 0.0, removed.clone()),
            WordChange::Added => right.append(text, 0.0, added.clone()),
        }
    }
    (left, right)
}
