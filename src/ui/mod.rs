//! The window: a thin egui shell over the core.
//!
//! Panels read the session and the view state and emit [`command::AppCommand`]s and
//! [`crate::intent::Edit`]s; [`app::ClaimdeskApp`] applies them once per frame. Nothing here
//! changes a session except through edits, so undo covers everything.

pub mod adjudicate_view;
pub mod app;
pub mod article_view;
pub mod claims_list;
pub mod command;
pub mod compare_view;
pub mod conflicts;
pub mod dialogs;
pub mod files;
pub mod inspector;
pub mod outbox;
pub mod pacing;
pub mod row_heights;
pub mod theme;
pub mod versions_view;
pub mod view;

use std::path::PathBuf;

use app::{AppOptions, ClaimdeskApp, PREFERENCES_KEY, Preferences, StartWith};

/// The application id, used for the storage folder and the window class.
pub const APP_ID: &str = "claimdesk";

/// Opens the window on `file` (or the default start) and runs until it closes.
pub fn run(file: Option<PathBuf>, reviews: Vec<PathBuf>) -> anyhow::Result<()> {
    let start = file.map_or(StartWith::Default, StartWith::File);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Claimdesk")
            .with_app_id(APP_ID)
            .with_inner_size([1440.0, 900.0])
            .with_min_inner_size([720.0, 480.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    let app_options = AppOptions {
        use_native_dialogs: true,
        untitled_autosave_dir: eframe::storage_dir(APP_ID),
    };
    eframe::run_native(
        "Claimdesk",
        options,
        Box::new(move |cc| {
            let prefs: Preferences = cc
                .storage
                .and_then(|storage| eframe::get_value(storage, PREFERENCES_KEY))
                .unwrap_or_default();
            let mut app = ClaimdeskApp::new(start, prefs, app_options);
            for review in &reviews {
                app.add_review(review);
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|err| anyhow::anyhow!("could not open the window: {err}"))
}
