//! File → Export… (format, filter, claim count) and File → Import.

use super::ClaimdeskApp;
use crate::export::{ExportOptions, Format};
use crate::timestamp::Timestamp;
use crate::ui::files::FilePurpose;
use crate::workspace::Workspace;
use std::path::Path;

impl ClaimdeskApp {
    pub(super) fn export_dialog_ui(&mut self, ctx: &egui::Context) {
        let (Some(dialog), Some(session)) = (
            &mut self.export_dialog,
            self.workspace.as_ref().map(Workspace::session),
        ) else {
            return;
        };
        if self.files.is_waiting() || self.files.prompt.is_some() {
            return;
        }
        let mut is_closed = false;
        let mut wants_file = false;
        egui::Modal::new(egui::Id::unique("export_dialog")).show(ctx, |ui| {
            ui.set_width(440.0);
            ui.heading("Export annotations");
            // A list, not a drop-down: a drop-down's popup would open behind the modal.
            ui.label(egui::RichText::new("Format").strong());
            for &format in Format::ALL {
                ui.radio_value(
                    &mut dialog.format,
                    format,
                    format!("{}  (.{})", format.label(), format.extension()),
                );
            }
            ui.add_space(4.0);
            ui.checkbox(&mut dialog.only_done, "Only claims marked done");
            let options = ExportOptions {
                only_done: dialog.only_done,
            };
            let sessions = std::slice::from_ref(session);
            let n = crate::export::count_claims(sessions, dialog.format, options);
            let note = if dialog.format.is_rated_only() {
                " (rated claims only)"
            } else {
                ""
            };
            ui.label(format!("{n} claim(s) will be written{note}."));
            ui.horizontal(|ui| {
                if ui.button("Choose file and export").clicked() {
                    wants_file = true;
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    is_closed = true;
                }
            });
        });
        if wants_file {
            let format = dialog.format;
            let suggestion = self
                .workspace
                .as_ref()
                .and_then(Workspace::path)
                .map(Path::to_owned)
                .or_else(|| self.suggested_save_path())
                .map(|path| path.with_extension(format.file_suffix()));
            let use_native = self.options.use_native_dialogs;
            self.files.request(
                FilePurpose::Export(format),
                suggestion.as_deref(),
                ctx,
                use_native,
            );
        }
        if is_closed {
            self.export_dialog = None;
        }
    }

    pub(super) fn write_export(&mut self, path: &Path) {
        let Some(dialog) = self.export_dialog.take() else {
            return;
        };
        let Some(session) = self.session() else {
            return;
        };
        if let Some(other) = format_named_by_extension(path)
            && other.extension() != dialog.format.extension()
        {
            self.error(format!(
                "Not exported: {} is named like a {} file, but the format chosen is {}. \
                 Choose that format, or a name ending in .{}.",
                path.display(),
                other.label(),
                dialog.format.label(),
                dialog.format.extension()
            ));
            return;
        }
        // The save dialog already asked before replacing a file; sessions and their
        // backups are refused all the same.
        if let Err(refused) = crate::export::output::check_output(path, dialog.format, true) {
            self.error(format!("Not exported: {refused}"));
            return;
        }
        let options = ExportOptions {
            only_done: dialog.only_done,
        };
        let sessions = std::slice::from_ref(session);
        let n = crate::export::count_claims(sessions, dialog.format, options);
        let result = crate::export::export(sessions, dialog.format, options)
            .map_err(|err| err.to_string())
            .and_then(|text| {
                crate::store::write_atomically(path, text.as_bytes(), false)
                    .map_err(|err| err.to_string())
            });
        let warnings = crate::export::export_warnings(sessions, dialog.format, options);
        match result {
            Ok(()) => {
                self.info(format!(
                    "Exported {n} claim(s) as {} to {}.",
                    dialog.format,
                    path.display()
                ));
                for warning in warnings {
                    self.info(format!("Note: {warning}"));
                }
            }
            Err(err) => self.error(format!("Not exported: {err}")),
        }
    }

    pub(super) fn import(&mut self, path: &Path, format: Format) {
        match crate::export::import::import_file(path, format, Timestamp::now()) {
            Ok(imported) => {
                let counts = imported.counts;
                let mut opened = Workspace::new(imported.session, None);
                opened.load_warnings = imported.warnings;
                opened.mark_unsaved();
                self.install_workspace(opened);
                self.info(format!(
                    "Imported {} ({counts}). Save it to keep it as a session.",
                    path.display()
                ));
            }
            Err(err) => self.error(format!("Not imported: {err}")),
        }
    }
}

/// The export settings being chosen.
#[derive(Clone, Copy, Debug)]
pub(super) struct ExportDialog {
    pub(super) format: Format,
    pub(super) only_done: bool,
}

impl Default for ExportDialog {
    fn default() -> Self {
        ExportDialog {
            format: Format::ClaimReview,
            only_done: false,
        }
    }
}

/// The export format a file name's extension suggests, if it is one of ours.
fn format_named_by_extension(path: &Path) -> Option<Format> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    Format::ALL
        .iter()
        .copied()
        .find(|format| format.extension() == extension)
}
