//! View > Compare versions: the document's previous text and its current one side by side,
//! paragraph by paragraph as a diff aligns them (`similar`), with the words that changed
//! marked (struck through and shaded on the old side, underlined and shaded on the new:
//! never colour alone), and the claims an update changed or orphaned listed above.

use std::sync::Arc;

use egui::text::LayoutJob;
use egui::{Color32, FontId, RichText, Stroke, TextFormat};
use similar::{ChangeTag, DiffOp, TextDiff};

use crate::model::{DocId, Session};
use crate::ui::command::AppCommand;
use crate::ui::outbox::Outbox;
use crate::ui::view::ViewState;

/// One row of the comparison: a paragraph (or run of unchanged ones) on each side.
#[derive(Clone, Debug)]
enum Row {
    /// Unchanged paragraphs (shown once, shortened).
    Same { text: String, n: usize },
    /// Old and new paragraphs of a changed stretch (either may be empty).
    Changed { old: String, new: String },
}

/// Rows computed once per document text.
#[derive(Default)]
pub struct VersionsCache {
    key: Option<(u64, DocId)>,
    rows: Arc<Vec<Row>>,
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
        cache.rows = Arc::new(rows(&previous.text, doc.text()));
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
                    Row::Same { text, n } => {
                        let shown = if *n > 1 {
                            format!("{text}  (+{} more unchanged paragraphs)", n - 1)
                        } else {
                            text.clone()
                        };
                        ui.add(egui::Label::new(RichText::new(shown).weak()).truncate());
                    }
                    Row::Changed { old, new } => {
                        let (left, right) = word_diff(old, new, &font, &visuals);
                        ui.columns(2, |columns| {
                            columns[0].add(egui::Label::new(left).wrap());
                            columns[1].add(egui::Label::new(right).wrap());
                        });
                    }
                }
                ui.add_space(4.0);
            }
        });
}

/// The paragraphs of `old` and `new` as rows, unchanged runs folded.
fn rows(old: &str, new: &str) -> Vec<Row> {
    let diff = TextDiff::configure()
        .algorithm(similar::Algorithm::Patience)
        .diff_lines(old, new);
    let old_lines = diff.old_slices();
    let new_lines = diff.new_slices();
    let join = |lines: &[&str]| -> String {
        lines
            .iter()
            .map(|l| l.trim_end())
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let mut out = Vec::new();
    for op in diff.ops() {
        match *op {
            DiffOp::Equal { old_index, len, .. } => {
                let text = join(&old_lines[old_index..old_index + len]);
                let n = text.lines().count();
                if n > 0 {
                    let first = text.lines().next().unwrap_or_default().to_owned();
                    out.push(Row::Same { text: first, n });
                }
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => out.push(Row::Changed {
                old: join(&old_lines[old_index..old_index + old_len]),
                new: String::new(),
            }),
            DiffOp::Insert {
                new_index, new_len, ..
            } => out.push(Row::Changed {
                old: String::new(),
                new: join(&new_lines[new_index..new_index + new_len]),
            }),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => out.push(Row::Changed {
                old: join(&old_lines[old_index..old_index + old_len]),
                new: join(&new_lines[new_index..new_index + new_len]),
            }),
        }
    }
    out.retain(|row| !matches!(row, Row::Changed { old, new } if old.is_empty() && new.is_empty()));
    out
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
    let diff = TextDiff::from_words(old, new);
    for change in diff.iter_all_changes() {
        let text = change.value();
        match change.tag() {
            ChangeTag::Equal => {
                left.append(text, 0.0, plain.clone());
                right.append(text, 0.0, plain.clone());
            }
            ChangeTag::Delete => left.append(text, 0.0, removed.clone()),
            ChangeTag::Insert => right.append(text, 0.0, added.clone()),
        }
    }
    (left, right)
}
