//! Modal questions and overlays: unsaved changes, crash recovery, keyboard help, about,
//! and the dismissable notices strip.

use crate::ui::command::AppCommand;
use crate::ui::theme;

/// The user's answer to "save changes first?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GuardAnswer {
    Save,
    Discard,
    Cancel,
}

/// Asks whether to save unsaved changes before `doing` (e.g. "opening another file").
pub fn unsaved_changes_ui(
    ctx: &egui::Context,
    file_name: &str,
    doing: &str,
) -> Option<GuardAnswer> {
    let mut answer = None;
    egui::Modal::new(egui::Id::unique("unsaved_changes")).show(ctx, |ui| {
        ui.set_width(420.0);
        ui.heading("Unsaved changes");
        ui.label(format!(
            "{file_name} has changes that are not saved. Save them before {doing}?"
        ));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Save").clicked() {
                answer = Some(GuardAnswer::Save);
            }
            if ui.button("Don't save").clicked() {
                answer = Some(GuardAnswer::Discard);
            }
            if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                answer = Some(GuardAnswer::Cancel);
            }
        });
    });
    answer
}

/// The user's answer to "recover autosaved work?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecoveryAnswer {
    Recover,
    Discard,
}

/// Offers to recover an autosave left behind by a session that did not close cleanly.
pub fn recovery_ui(ctx: &egui::Context, what: &str, when: &str) -> Option<RecoveryAnswer> {
    let mut answer = None;
    egui::Modal::new(egui::Id::unique("recovery")).show(ctx, |ui| {
        ui.set_width(460.0);
        ui.heading("Recover unsaved work?");
        ui.label(format!(
            "Claimdesk did not close cleanly last time. An autosave of {what} from {when} has \
             changes that were never saved."
        ));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Recover").clicked() {
                answer = Some(RecoveryAnswer::Recover);
            }
            if ui.button("Discard autosave").clicked() {
                answer = Some(RecoveryAnswer::Discard);
            }
        });
    });
    answer
}

/// Why the session's own file could not take a save, so the window asks what to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveBlocked {
    /// Another window or command saved the file since it was opened here.
    ChangedOnDisk,
    /// The file is read-only.
    ReadOnly,
}

/// The user's answer to a blocked save.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveBlockedAnswer {
    /// Load the file as it is now and apply the unsaved edits on top (changed on disk).
    ReloadAndReapply,
    SaveAs,
    Cancel,
}

/// Explains why `file_name` was not saved and offers the ways out.
pub fn save_blocked_ui(
    ctx: &egui::Context,
    file_name: &str,
    why: SaveBlocked,
) -> Option<SaveBlockedAnswer> {
    let mut answer = None;
    egui::Modal::new(egui::Id::unique("save_blocked")).show(ctx, |ui| {
        ui.set_width(480.0);
        match why {
            SaveBlocked::ChangedOnDisk => {
                ui.heading("The file changed on disk");
                ui.label(format!(
                    "{file_name} was saved by another window or command since you opened it. \
                     Saving now would throw that work away, so nothing was saved."
                ));
                ui.label(
                    "Reload it and re-apply your unsaved edits on top (you then save again), \
                     or save your version under another name.",
                );
            }
            SaveBlocked::ReadOnly => {
                ui.heading("The file is read-only");
                ui.label(format!(
                    "{file_name} is read-only, so nothing was saved. Save your version under \
                     another name, or make the file writable and save again."
                ));
            }
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if why == SaveBlocked::ChangedOnDisk
                && ui.button("Reload and re-apply my edits").clicked()
            {
                answer = Some(SaveBlockedAnswer::ReloadAndReapply);
            }
            if ui.button("Save as…").clicked() {
                answer = Some(SaveBlockedAnswer::SaveAs);
            }
            if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                answer = Some(SaveBlockedAnswer::Cancel);
            }
        });
    });
    answer
}

/// The keyboard shortcut overlay; `is_open` is cleared when the user closes it.
pub fn help_ui(ctx: &egui::Context, is_open: &mut bool) {
    if *is_open && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape)) {
        *is_open = false;
        return;
    }
    egui::Window::new("Keyboard shortcuts")
        .open(is_open)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            ui.label("Single-key shortcuts work whenever no text field has focus.");
            ui.add_space(4.0);
            egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                for command in AppCommand::with_shortcuts() {
                    ui.label(egui::RichText::new(command.bindings_text(ctx)).monospace());
                    ui.label(command.label());
                    ui.end_row();
                }
                ui.label(egui::RichText::new("Click / Shift-click").monospace());
                ui.label("Select a sentence / extend the selection");
                ui.end_row();
                ui.label(egui::RichText::new("Drag").monospace());
                ui.label("Select part of a sentence");
                ui.end_row();
            });
        });
}

/// The about box.
pub fn about_ui(ctx: &egui::Context, is_open: &mut bool) {
    egui::Window::new("About Claimdesk")
        .open(is_open)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            ui.label(format!("Claimdesk {}", env!("CARGO_PKG_VERSION")));
            ui.label(
                "Tag claims in news articles, judge them, cite sources, and export annotations.",
            );
            ui.label("Sessions are RON files; offsets are Unicode code points.");
        });
}

/// A message shown as a toast until dismissed or expired.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub text: String,
    pub is_error: bool,
    /// When it was first shown (egui time, seconds); notices fade after a while.
    pub shown_since: Option<f64>,
    /// Whether the toast offers to undo the change it reports.
    pub offers_undo: bool,
}

impl Notice {
    /// A notice, not yet shown.
    pub fn new(text: String, is_error: bool) -> Self {
        Notice {
            text,
            is_error,
            shown_since: None,
            offers_undo: false,
        }
    }

    /// A notice of a change, with an Undo button.
    pub fn undoable(text: String) -> Self {
        Notice {
            offers_undo: true,
            ..Notice::new(text, false)
        }
    }
}

/// How long an information notice stays.
const INFO_SECONDS: f64 = 12.0;
/// How long an error stays (longer: it may need reading twice), unless dismissed.
const ERROR_SECONDS: f64 = 45.0;
/// How many notices show at once (the newest).
const MAX_TOASTS: usize = 4;

/// Shows the notices as toasts at the bottom of the window, over the article (they never
/// push the layout around, and at most 40% of the width, so a small window's inspector
/// stays usable); removes the ones dismissed or expired. Returns whether a toast's Undo
/// was clicked.
pub fn toasts_ui(ctx: &egui::Context, notices: &mut Vec<Notice>) -> bool {
    let now = ctx.input(|i| i.time);
    notices.retain_mut(|notice| {
        let since = *notice.shown_since.get_or_insert(now);
        let lasts = if notice.is_error {
            ERROR_SECONDS
        } else {
            INFO_SECONDS
        };
        now - since < lasts
    });
    if notices.is_empty() {
        return false;
    }
    ctx.request_repaint_after(std::time::Duration::from_millis(500));
    let mut dismissed = None;
    let mut wants_undo = false;
    let first_shown = notices.len().saturating_sub(MAX_TOASTS);
    let width = (ctx.content_rect().width() * 0.4).clamp(240.0, 480.0);
    egui::Area::new(egui::Id::unique("toasts"))
        .anchor(egui::Align2::CENTER_BOTTOM, egui::vec2(0.0, -36.0))
        .order(egui::Order::Foreground)
        .show(ctx, |ui| {
            ui.set_max_width(width);
            for (idx, notice) in notices.iter().enumerate().skip(first_shown) {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.horizontal(|ui| {
                        if ui.small_button("×").on_hover_text("Dismiss").clicked() {
                            dismissed = Some(idx);
                        }
                        let text = egui::RichText::new(&notice.text);
                        let text = if notice.is_error {
                            text.color(theme::error_color()).strong()
                        } else {
                            text
                        };
                        ui.add(egui::Label::new(text).wrap());
                        if notice.offers_undo && ui.small_button("Undo").clicked() {
                            wants_undo = true;
                            dismissed = Some(idx);
                        }
                    });
                });
            }
        });
    if let Some(idx) = dismissed {
        notices.remove(idx);
    }
    wants_undo
}
