//! Preferences (kept in eframe's storage, never in a session) and start-up options.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// Light, dark, or follow the system.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    #[default]
    System,
    Light,
    Dark,
}

/// User preferences, kept in eframe's storage (never in a session).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    pub theme: ThemeChoice,
    /// Article text size in points.
    pub text_size: f32,
    /// How often unsaved work is written to the autosave sidecar.
    pub autosave_secs: u64,
    /// Most recent first.
    pub recent_files: Vec<PathBuf>,
    /// Whether the claims panel (left) is shown.
    pub show_claims_panel: bool,
    /// Whether the inspector (right) is shown.
    pub show_inspector: bool,
}

impl Default for Preferences {
    fn default() -> Self {
        Preferences {
            theme: ThemeChoice::System,
            text_size: 17.0,
            autosave_secs: 30,
            recent_files: Vec::new(),
            show_claims_panel: true,
            show_inspector: true,
        }
    }
}

/// How the app is set up; tests turn off what needs a desktop.
#[derive(Clone, Debug)]
pub struct AppOptions {
    /// Use native file dialogs (else always the in-app path prompt).
    pub use_native_dialogs: bool,
    /// Where a never-saved session autosaves; `None` disables that.
    pub untitled_autosave_dir: Option<PathBuf>,
}
