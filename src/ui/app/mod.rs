//! The application: owns the open workspace and the view state, lays out the panels each
//! frame, and carries out the commands and edits the panels emit, once, at the end of it.
//!
//! This file holds the state and the frame order; each other job has its own file:
//! [`lifecycle`] (open, save, close, guards, recovery), [`autosave`], [`menus`] (menu and
//! status bars), [`export_dialog`] (export and import), [`find`] and [`dispatch`]
//! (commands to edits); [`prefs`] holds the preferences.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::export::Format;
use crate::model::Session;
use crate::timestamp::Timestamp;
use crate::ui::article_view::{self, ArticleCache};
use crate::ui::claims_list::{self, ClaimListCache};
use crate::ui::command::{AppCommand, commands_from_keys};
use crate::ui::compare_view::{self, CompareCache};
use crate::ui::dialogs::{self, Notice};
use crate::ui::files::FileChooser;
use crate::ui::inspector;
use crate::ui::outbox::Outbox;
use crate::ui::view::{ViewMode, ViewState};
use crate::workspace::{self, Recovery, Workspace};

mod autosave;
mod dispatch;
mod documents;
mod export_dialog;
mod find;
mod lifecycle;
mod menus;
mod prefs;
mod web_page;

use export_dialog::ExportDialog;
use find::find_bar_ui;
pub use prefs::{AppOptions, Preferences, ThemeChoice};

/// The key preferences are stored under in eframe's storage.
pub const PREFERENCES_KEY: &str = "claimdesk-preferences";
const N_RECENT: usize = 10;

/// What to show first.
#[derive(Clone, Debug)]
pub enum StartWith {
    /// An article or session path.
    File(PathBuf),
    /// The most recent file, else the bundled example.
    Default,
    /// Nothing open.
    Nothing,
}

/// Something that discards the open session and so asks about unsaved changes first.
#[derive(Clone, Debug, PartialEq)]
enum GuardedAction {
    Open(Option<PathBuf>),
    NewFromArticle,
    OpenWebPage,
    NewFromClipboard,
    Import(Format),
    Close,
    Quit,
}

impl GuardedAction {
    fn describe(&self) -> &'static str {
        match self {
            GuardedAction::Open(_) => "opening another file",
            GuardedAction::NewFromArticle
            | GuardedAction::OpenWebPage
            | GuardedAction::NewFromClipboard
            | GuardedAction::Import(_) => "starting a new review",
            GuardedAction::Close => "closing it",
            GuardedAction::Quit => "quitting",
        }
    }
}

/// The Claimdesk window.
pub struct ClaimdeskApp {
    workspace: Option<Workspace>,
    view: ViewState,
    pub prefs: Preferences,
    options: AppOptions,
    files: FileChooser,
    article_cache: ArticleCache,
    claims_cache: ClaimListCache,
    compare_cache: CompareCache,
    notices: Vec<Notice>,
    /// An action waiting for the answer to "save changes first?".
    guard: Option<GuardedAction>,
    /// An action to carry out once a "Save as" finishes.
    after_save: Option<GuardedAction>,
    /// Autosaved work offered for recovery, with the session file it belongs to.
    recovery: Option<(Recovery, Option<PathBuf>)>,
    /// A save to the session's own file that was refused, waiting for the user's choice.
    save_blocked: Option<dialogs::SaveBlocked>,
    /// The window title last sent, so it is only sent again when it changes.
    window_title: String,
    /// Browsers being started, each reporting back whether it could be.
    browser_jobs: Vec<std::sync::mpsc::Receiver<Result<(), String>>>,
    /// Keyboard events held back so a Tab is handled in a frame of its own.
    input_pacer: crate::ui::pacing::InputPacer,
    show_help: bool,
    show_about: bool,
    /// The export dialog, while open (and while its file is being chosen).
    export_dialog: Option<ExportDialog>,
    /// File > Open URL…, while open (and while the page is fetched).
    web_page_dialog: Option<web_page::WebPageDialog>,
    /// A saved page without an article body, and why: offered as its whole visible text.
    whole_page_offer: Option<(PathBuf, String)>,
    last_autosave: Instant,
    last_autosave_time: Option<Timestamp>,
    /// A running autosave, reporting when it has written the sidecar.
    autosave_job: Option<std::sync::mpsc::Receiver<Result<Timestamp, String>>>,
    is_close_confirmed: bool,
    applied_theme: Option<ThemeChoice>,
    /// Other reviewers' sessions compared with the open one.
    adjudication: crate::ui::adjudicate_view::Adjudication,
    versions_cache: crate::ui::versions_view::VersionsCache,
}

impl ClaimdeskApp {
    /// A window showing `start`, with stored `prefs`.
    pub fn new(start: StartWith, prefs: Preferences, options: AppOptions) -> Self {
        let mut app = ClaimdeskApp {
            workspace: None,
            view: ViewState::default(),
            prefs,
            options,
            files: FileChooser::default(),
            article_cache: ArticleCache::default(),
            claims_cache: ClaimListCache::default(),
            compare_cache: CompareCache::default(),
            notices: Vec::new(),
            guard: None,
            after_save: None,
            recovery: None,
            save_blocked: None,
            window_title: String::new(),
            browser_jobs: Vec::new(),
            input_pacer: Default::default(),
            show_help: false,
            show_about: false,
            export_dialog: None,
            web_page_dialog: None,
            whole_page_offer: None,
            last_autosave: Instant::now(),
            last_autosave_time: None,
            autosave_job: None,
            is_close_confirmed: false,
            applied_theme: None,
            adjudication: Default::default(),
            versions_cache: Default::default(),
        };
        match start {
            StartWith::File(path) => app.open_path(&path),
            StartWith::Default => app.open_default(),
            StartWith::Nothing => {}
        }
        if app.recovery.is_none()
            && let Some(sidecar) = app.untitled_autosave_path()
            && let Some(recovery) = workspace::find_recovery(&sidecar, None)
        {
            app.recovery = Some((recovery, None));
        }
        app
    }

    /// The open workspace, if any.
    pub fn workspace(&self) -> Option<&Workspace> {
        self.workspace.as_ref()
    }

    /// The open session, if any.
    pub fn session(&self) -> Option<&Session> {
        self.workspace.as_ref().map(Workspace::session)
    }

    /// The view state (selection, filters, …).
    pub fn view(&self) -> &ViewState {
        &self.view
    }

    /// Messages currently shown.
    pub fn notices(&self) -> &[Notice] {
        &self.notices
    }

    /// Runs a command a single key gave; a change it makes to the session is reported
    /// in a toast with Undo, so a key that went astray never changes the review unseen.
    fn run_key_command(&mut self, command: AppCommand, ctx: &egui::Context) {
        if matches!(command, AppCommand::Undo | AppCommand::Redo) {
            self.run_command(command, ctx);
            return;
        }
        let revision = self.workspace.as_ref().map(Workspace::revision);
        let n_notices = self.notices.len();
        let keys = command.bindings_text(ctx);
        self.run_command(command, ctx);
        let changed = self.workspace.as_ref().map(Workspace::revision) != revision;
        let reported = self.notices[n_notices.min(self.notices.len())..]
            .iter()
            .any(|notice| notice.offers_undo);
        if changed
            && !reported
            && let Some(label) = self.workspace.as_ref().and_then(Workspace::undo_label)
        {
            self.notices
                .push(Notice::undoable(format!("{label} (key {keys}).")));
        }
    }

    fn error(&mut self, text: String) {
        self.notices.push(Notice::new(text, true));
    }

    fn info(&mut self, text: String) {
        self.notices.push(Notice::new(text, false));
    }

    /// Draws one frame and handles its input. eframe calls this through [`eframe::App`];
    /// tests call it directly.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.apply_preferences(&ctx);
        let mut outbox = Outbox::default();

        self.handle_window_events(&ctx, &mut outbox);
        let is_modal_open = self.guard.is_some()
            || self.recovery.is_some()
            || self.files.prompt.is_some()
            || self.export_dialog.is_some()
            || self.web_page_dialog.is_some()
            || self.whole_page_offer.is_some();
        let key_commands = if is_modal_open {
            Vec::new()
        } else {
            commands_from_keys(&ctx)
        };

        egui::Panel::top("menu_bar").show(ui, |ui| self.menu_bar_ui(ui, &mut outbox));
        egui::Panel::bottom("status_bar").show(ui, |ui| self.status_bar_ui(ui, &mut outbox));
        if let Some(workspace) = &self.workspace {
            let session = workspace.session();
            let revision = workspace.revision();
            self.view.reconcile(session);
            // Side panels in proportion to the window (a fifth and a quarter of it at
            // first), so the article keeps a readable width in a small window; both can
            // be dragged up to 45% of it, or hidden (View menu, or dragged shut).
            let width = ui.available_width();
            let claims_panel = egui::Panel::left("claims_panel")
                .default_size((width * 0.22).clamp(180.0, 320.0))
                .size_range(160.0..=(width * 0.45).max(160.0))
                .resizable(true)
                .show_collapsible(ui, &mut self.prefs.show_claims_panel, |ui| {
                    claims_list::ui(
                        ui,
                        session,
                        revision,
                        &mut self.view,
                        &mut self.claims_cache,
                        &mut outbox,
                    )
                });
            // The two panels together leave the article at least 38% of the window, so
            // a window made smaller never squeezes the text to a column of words.
            let claims_width = claims_panel.map_or(0.0, |shown| shown.response.rect.width());
            let inspector_max =
                (width * 0.62 - claims_width).clamp(220.0, (width * 0.45).max(220.0));
            egui::Panel::right("inspector_panel")
                .default_size((width * 0.26).clamp(220.0, 400.0).min(inspector_max))
                .size_range(220.0..=inspector_max.max(220.0))
                .resizable(true)
                .show_collapsible(ui, &mut self.prefs.show_inspector, |ui| {
                    inspector::ui(ui, session, &mut self.view, &mut outbox)
                });
            crate::ui::conflicts::window_ui(&ctx, session, &mut self.view, &mut outbox);
            egui::CentralPanel::default().show(ui, |ui| match self.view.mode {
                ViewMode::Article => {
                    find_bar_ui(ui, session, &mut self.view);
                    article_view::ui(
                        ui,
                        session,
                        revision,
                        &mut self.view,
                        &mut self.article_cache,
                        self.prefs.text_size,
                    );
                }
                ViewMode::Versions => crate::ui::versions_view::ui(
                    ui,
                    session,
                    revision,
                    &mut self.view,
                    &mut self.versions_cache,
                    &mut outbox,
                ),
                ViewMode::Adjudicate => crate::ui::adjudicate_view::ui(
                    ui,
                    session,
                    revision,
                    &mut self.view,
                    &mut self.adjudication,
                    &mut outbox,
                ),
                ViewMode::Compare => compare_view::ui(
                    ui,
                    session,
                    revision,
                    &mut self.view,
                    &mut self.compare_cache,
                    &mut outbox,
                ),
            });
        } else {
            egui::CentralPanel::default().show(ui, |ui| {
                ui.centered_and_justified(|ui| {
                    ui.label("Open an article or a review session: File > Open… (Ctrl+O), or drop a file here.");
                });
            });
        }

        self.modals_ui(&ctx);
        self.web_page_dialog_ui(&ctx);
        if dialogs::toasts_ui(&ctx, &mut self.notices) {
            outbox.commands.push(AppCommand::Undo);
        }
        if let Some((purpose, path)) = self.files.poll() {
            self.file_chosen(purpose, path, &ctx);
        }
        if self.files.is_waiting() {
            ctx.request_repaint_after(Duration::from_millis(100));
        }

        for (edit, group) in outbox.edits {
            self.apply_edit_in(edit, group);
        }
        for command in key_commands {
            self.run_key_command(command, &ctx);
        }
        for command in outbox.commands {
            self.run_command(command, &ctx);
        }
        crate::ui::command::note_typing(&ctx);
        self.update_window_title(&ctx);
        self.poll_browser_jobs();
        if !self.browser_jobs.is_empty() {
            ctx.request_repaint_after(Duration::from_millis(200));
        }
        self.autosave_tick(&ctx);
        self.poll_autosave(false);
        if self.autosave_job.is_some() {
            ctx.request_repaint_after(Duration::from_millis(100));
        }
    }

    /// Keeps the reading progress of the open session in the preferences.
    pub fn remember_visited(&mut self) {
        if let Some(workspace) = &self.workspace {
            let now = Timestamp::now().unix_secs();
            self.prefs
                .remember_visited(workspace.session(), &self.view.visited, now);
        }
    }

    /// The window title, as editors show it: the file's name, a mark while there are
    /// unsaved changes, and the folder.
    pub fn window_title(&self) -> String {
        let Some(workspace) = &self.workspace else {
            return "Claimdesk".to_owned();
        };
        let dirty = if workspace.is_dirty() { "● " } else { "" };
        match workspace.path() {
            Some(path) => {
                let name = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |name| name.to_string_lossy().into_owned(),
                );
                let folder = path
                    .parent()
                    .filter(|dir| !dir.as_os_str().is_empty())
                    .map(|dir| format!(" ({})", dir.display()))
                    .unwrap_or_default();
                format!("{dirty}{name}{folder} — Claimdesk")
            }
            None => format!(
                "{dirty}{} (not saved) — Claimdesk",
                untitled_name(workspace)
            ),
        }
    }

    fn update_window_title(&mut self, ctx: &egui::Context) {
        let title = self.window_title();
        if title != self.window_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }
    }

    fn apply_preferences(&mut self, ctx: &egui::Context) {
        if self.applied_theme != Some(self.prefs.theme) {
            ctx.set_theme(match self.prefs.theme {
                ThemeChoice::System => egui::ThemePreference::System,
                ThemeChoice::Light => egui::ThemePreference::Light,
                ThemeChoice::Dark => egui::ThemePreference::Dark,
            });
            self.applied_theme = Some(self.prefs.theme);
        }
    }
}

impl ClaimdeskApp {
    /// Paces this frame's keyboard input (see [`crate::ui::pacing`]); eframe calls it
    /// before each frame through `raw_input_hook`, tests before each step.
    pub fn pace_input(&mut self, ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        if self.input_pacer.pace(raw_input) {
            ctx.request_repaint();
        }
    }
}

impl eframe::App for ClaimdeskApp {
    fn raw_input_hook(&mut self, ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        self.pace_input(ctx, raw_input);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.remember_visited();
        eframe::set_value(storage, PREFERENCES_KEY, &self.prefs);
    }
}

/// What a session with no file is called: its title, else "New review".
fn untitled_name(workspace: &Workspace) -> String {
    let title = workspace.session().meta().title.trim();
    if title.is_empty() {
        "New review".to_owned()
    } else {
        title.to_owned()
    }
}
