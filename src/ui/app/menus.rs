//! The menu bar and the status bar.

use super::ClaimdeskApp;
use super::prefs::ThemeChoice;
use crate::export::Format;
use crate::timestamp::Timestamp;
use crate::ui::command::AppCommand;
use crate::ui::outbox::Outbox;
use crate::workspace::Workspace;

impl ClaimdeskApp {
    pub(super) fn menu_bar_ui(&mut self, ui: &mut egui::Ui, outbox: &mut Outbox) {
        let ctx = ui.ctx().clone();
        // A menu item with its shortcut; `text` overrides the command's label.
        let labelled_item = |ui: &mut egui::Ui,
                             outbox: &mut Outbox,
                             command: AppCommand,
                             text: String,
                             enabled: bool| {
            let shortcut = command
                .bindings()
                .first()
                .map(|b| b.text(&ctx))
                .unwrap_or_default();
            let button = egui::Button::new(text).shortcut_text(shortcut);
            if ui.add_enabled(enabled, button).clicked() {
                outbox.command(command);
                ui.close();
            }
        };
        let item = |ui: &mut egui::Ui, outbox: &mut Outbox, command: AppCommand, enabled: bool| {
            let text = command.label();
            labelled_item(ui, outbox, command, text, enabled);
        };
        let has_session = self.workspace.is_some();
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                item(ui, outbox, AppCommand::NewFromArticle, true);
                item(ui, outbox, AppCommand::Open, true);
                item(ui, outbox, AppCommand::OpenWebPage, true);
                item(ui, outbox, AppCommand::AddDocument, has_session);
                item(ui, outbox, AppCommand::CompareReviews, has_session);
                item(ui, outbox, AppCommand::UpdateDocument, has_session);
                ui.menu_button("Open recent", |ui| {
                    if self.prefs.recent_files.is_empty() {
                        ui.weak("No recent files");
                    }
                    for path in self.prefs.recent_files.clone() {
                        if ui.button(path.display().to_string()).clicked() {
                            outbox.command(AppCommand::OpenPath(path));
                            ui.close();
                        }
                    }
                });
                ui.separator();
                item(ui, outbox, AppCommand::Save, has_session);
                item(ui, outbox, AppCommand::SaveAs, has_session);
                ui.separator();
                item(ui, outbox, AppCommand::Export, has_session);
                ui.menu_button("Import", |ui| {
                    for &format in Format::IMPORTABLE {
                        item(ui, outbox, AppCommand::Import(format), true);
                    }
                });
                ui.separator();
                item(ui, outbox, AppCommand::Close, has_session);
            });
            ui.menu_button("Edit", |ui| {
                let workspace = self.workspace.as_ref();
                for (command, step) in [
                    (AppCommand::Undo, workspace.and_then(Workspace::undo_label)),
                    (AppCommand::Redo, workspace.and_then(Workspace::redo_label)),
                ] {
                    // "Undo Set verdict": the menu says what the step is.
                    let text = step.map_or(command.label(), |l| format!("{} {l}", command.label()));
                    labelled_item(ui, outbox, command, text, step.is_some());
                }
                ui.separator();
                item(ui, outbox, AppCommand::Find, has_session);
                item(ui, outbox, AppCommand::ShowConflicts, has_session);
                ui.separator();
                item(ui, outbox, AppCommand::NewFromClipboard, true);
            });
            ui.menu_button("View", |ui| {
                item(ui, outbox, AppCommand::ToggleCompare, has_session);
                let has_versions = self
                    .workspace
                    .as_ref()
                    .and_then(|w| w.session().document(self.view.doc))
                    .is_some_and(|doc| !doc.versions.is_empty());
                item(ui, outbox, AppCommand::CompareVersions, has_versions);
                for (command, is_shown, name) in [
                    (
                        AppCommand::ToggleClaimsPanel,
                        self.prefs.show_claims_panel,
                        "Claims panel",
                    ),
                    (
                        AppCommand::ToggleInspector,
                        self.prefs.show_inspector,
                        "Inspector",
                    ),
                ] {
                    let text = format!("{} {name}", if is_shown { "Hide" } else { "Show" });
                    labelled_item(ui, outbox, command, text, true);
                }
                ui.separator();
                ui.label("Theme");
                ui.radio_value(
                    &mut self.prefs.theme,
                    ThemeChoice::System,
                    "Follow the system",
                );
                ui.radio_value(&mut self.prefs.theme, ThemeChoice::Light, "Light");
                ui.radio_value(&mut self.prefs.theme, ThemeChoice::Dark, "Dark");
                ui.separator();
                let label = ui.label("Text size");
                ui.add(egui::Slider::new(&mut self.prefs.text_size, 12.0..=28.0).suffix(" pt"))
                    .labelled_by(label.id);
                let label = ui.label("Autosave every");
                ui.add(egui::Slider::new(&mut self.prefs.autosave_secs, 5..=600).suffix(" s"))
                    .labelled_by(label.id);
            });
            ui.menu_button("Help", |ui| {
                item(ui, outbox, AppCommand::ShowHelp, true);
                if ui.button("About Claimdesk").clicked() {
                    self.show_about = true;
                    ui.close();
                }
            });
        });
    }

    pub(super) fn status_bar_ui(&self, ui: &mut egui::Ui, outbox: &mut Outbox) {
        ui.horizontal(|ui| {
            let Some(workspace) = &self.workspace else {
                ui.label("No session open");
                return;
            };
            let name = workspace.path().map_or_else(
                || format!("{} (not saved yet)", super::untitled_name(workspace)),
                |p| p.display().to_string(),
            );
            ui.label(name);
            if workspace.is_read_only() {
                ui.label(egui::RichText::new("(read-only)").strong())
                    .on_hover_text(
                        "The file cannot be written: use File > Save as to keep changes.",
                    );
            }
            ui.separator();
            if workspace.is_dirty() {
                ui.label(egui::RichText::new("• Unsaved changes").strong());
            } else {
                ui.label("Saved");
            }
            if let Some(time) = self.last_autosave_time {
                ui.separator();
                ui.label(format!("Autosaved {}", time.ago(Timestamp::now())))
                    .on_hover_text(time.local_string());
            }
            ui.separator();
            let session = workspace.session();
            let n_conflicts = session.conflicts().len();
            if n_conflicts > 0 {
                let text = egui::RichText::new(format!(
                    "{} to resolve",
                    count(n_conflicts, "merge conflict")
                ))
                .strong()
                .color(ui.visuals().warn_fg_color);
                if ui
                    .link(text)
                    .on_hover_text("Two reviewers changed the same things differently: show them")
                    .clicked()
                {
                    outbox.command(AppCommand::ShowConflicts);
                }
                ui.separator();
            }
            let n_done = session
                .claims()
                .iter()
                .filter(|c| c.status == crate::model::Status::Done)
                .count();
            let orphans = match session.orphans().len() {
                0 => String::new(),
                n => format!(" · {n} orphaned"),
            };
            ui.label(format!(
                "{} · {} · {} · {} done{orphans}",
                count(session.documents().len(), "document"),
                count(session.n_sentences(), "sentence"),
                count(session.claims().len(), "claim"),
                n_done
            ));
        });
    }
}

/// `n` and the noun, plural unless `n` is 1: "1 document", "2 documents".
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
