//! The application: owns the open workspace and the view state, lays out the panels each
//! frame, and carries out the commands and edits the panels emit, once, at the end of it.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::edit::{ClaimField, Edit, RowCorrection};
use crate::export::{ExportOptions, Format};
use crate::model::DocId;
use crate::model::{Claim, ClaimId, SentenceId, Session, Source, Verdict};
use crate::timestamp::Timestamp;
use crate::ui::article_view::{self, ArticleCache};
use crate::ui::claims_list::{self, ClaimListCache};
use crate::ui::command::{AppCommand, commands_from_keys};
use crate::ui::compare_view::{self, CompareCache};
use crate::ui::dialogs::{self, GuardAnswer, Notice, RecoveryAnswer};
use crate::ui::files::{FileChooser, FilePurpose};
use crate::ui::inspector;
use crate::ui::outbox::Outbox;
use crate::ui::view::{FieldKey, Selection, ViewMode, ViewState, claim_for_selection};
use crate::workspace::{self, FileKind, Recovery, Workspace};

/// The key preferences are stored under in eframe's storage.
pub const PREFERENCES_KEY: &str = "claimdesk-preferences";
const N_RECENT: usize = 10;

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
}

impl Default for Preferences {
    fn default() -> Self {
        Preferences {
            theme: ThemeChoice::System,
            text_size: 17.0,
            autosave_secs: 30,
            recent_files: Vec::new(),
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
    Import(Format),
    Close,
    Quit,
}

impl GuardedAction {
    fn describe(&self) -> &'static str {
        match self {
            GuardedAction::Open(_) => "opening another file",
            GuardedAction::NewFromArticle | GuardedAction::Import(_) => "starting a new review",
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
    show_help: bool,
    show_about: bool,
    /// The export dialog, while open (and while its file is being chosen).
    export_dialog: Option<ExportDialog>,
    last_autosave: Instant,
    last_autosave_time: Option<Timestamp>,
    /// A running autosave, reporting when it has written the sidecar.
    autosave_job: Option<std::sync::mpsc::Receiver<Result<Timestamp, String>>>,
    is_close_confirmed: bool,
    applied_theme: Option<ThemeChoice>,
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
            show_help: false,
            show_about: false,
            export_dialog: None,
            last_autosave: Instant::now(),
            last_autosave_time: None,
            autosave_job: None,
            is_close_confirmed: false,
            applied_theme: None,
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

    fn open_default(&mut self) {
        let recent = self.prefs.recent_files.iter().find(|p| p.exists()).cloned();
        // In a checkout (`cargo run`), the sample session file itself, so edits save there.
        let example = Path::new(workspace::SAMPLE_SESSION_PATH);
        match recent.or_else(|| example.is_file().then(|| example.to_owned())) {
            Some(path) => self.open_path(&path),
            None => self.open_bundled_sample(),
        }
    }

    /// The sample review compiled into the binary, for a copied binary with no files
    /// around: it opens unsaved, and Save asks where to keep it.
    fn open_bundled_sample(&mut self) {
        match workspace::bundled_sample() {
            Ok(session) => {
                let mut opened = Workspace::new(session, None);
                opened.mark_unsaved();
                self.install_workspace(opened);
            }
            Err(err) => self.error(format!("The bundled sample review is unreadable: {err}")),
        }
    }

    /// Opens an article (as a new session) or a session, reporting errors as notices.
    pub fn open_path(&mut self, path: &Path) {
        match Workspace::open(path, Timestamp::now()) {
            Ok(opened) => {
                if FileKind::of(path) == FileKind::Session {
                    self.remember_recent(path);
                    if let Some(recovery) =
                        workspace::find_recovery(&workspace::autosave_path(path), Some(path))
                    {
                        self.recovery = Some((recovery, Some(path.to_owned())));
                    }
                }
                self.install_workspace(opened);
            }
            Err(err) => self.error(format!("Could not open {}: {err}", path.display())),
        }
    }

    /// Shows `opened`, replacing whatever was open (without asking).
    pub fn install_workspace(&mut self, opened: Workspace) {
        self.poll_autosave(true);
        for warning in &opened.load_warnings {
            self.notices.push(Notice {
                text: warning.clone(),
                is_error: false,
            });
        }
        self.view = ViewState::default();
        if let Some(first) = opened.session().documents().first() {
            self.view.doc = first.id;
        }
        self.article_cache = ArticleCache::default();
        self.claims_cache = ClaimListCache::default();
        self.compare_cache = CompareCache::default();
        self.workspace = Some(opened);
        self.last_autosave = Instant::now();
        self.last_autosave_time = None;
    }

    fn remember_recent(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.prefs.recent_files.retain(|p| p != &path);
        self.prefs.recent_files.insert(0, path);
        self.prefs.recent_files.truncate(N_RECENT);
    }

    fn error(&mut self, text: String) {
        self.notices.push(Notice {
            text,
            is_error: true,
        });
    }

    fn info(&mut self, text: String) {
        self.notices.push(Notice {
            text,
            is_error: false,
        });
    }

    fn untitled_autosave_path(&self) -> Option<PathBuf> {
        let dir = self.options.untitled_autosave_dir.as_ref()?;
        Some(dir.join(format!("untitled.ron{}", workspace::AUTOSAVE_SUFFIX)))
    }

    fn autosave_sidecar(&self) -> Option<PathBuf> {
        match self.workspace.as_ref()?.path() {
            Some(path) => Some(workspace::autosave_path(path)),
            None => self.untitled_autosave_path(),
        }
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
            || self.export_dialog.is_some();
        if !is_modal_open {
            outbox.commands.extend(commands_from_keys(&ctx));
        }

        egui::Panel::top("menu_bar").show(ui, |ui| self.menu_bar_ui(ui, &mut outbox));
        if !self.notices.is_empty() {
            egui::Panel::top("notices").show(ui, |ui| dialogs::notices_ui(ui, &mut self.notices));
        }
        egui::Panel::bottom("status_bar").show(ui, |ui| self.status_bar_ui(ui));
        if let Some(workspace) = &self.workspace {
            let session = workspace.session();
            let revision = workspace.revision();
            self.view.reconcile(session);
            egui::Panel::left("claims_panel")
                .default_size(300.0)
                .resizable(true)
                .show(ui, |ui| {
                    claims_list::ui(
                        ui,
                        session,
                        revision,
                        &mut self.view,
                        &mut self.claims_cache,
                    )
                });
            egui::Panel::right("inspector_panel")
                .default_size(360.0)
                .resizable(true)
                .show(ui, |ui| {
                    inspector::ui(ui, session, &mut self.view, &mut outbox)
                });
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
        if let Some((purpose, path)) = self.files.poll() {
            self.file_chosen(purpose, path, &ctx);
        }
        if self.files.is_waiting() {
            ctx.request_repaint_after(Duration::from_millis(100));
        }

        for edit in outbox.edits {
            self.apply_edit(edit);
        }
        for command in outbox.commands {
            self.run_command(command, &ctx);
        }
        self.autosave_tick(&ctx);
        self.poll_autosave(false);
        if self.autosave_job.is_some() {
            ctx.request_repaint_after(Duration::from_millis(100));
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

    fn handle_window_events(&mut self, ctx: &egui::Context, outbox: &mut Outbox) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|file| file.path().to_owned())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            outbox.command(AppCommand::OpenPath(path));
        }
        if ctx.input(|i| i.viewport().close_requested()) && !self.is_close_confirmed {
            if self.is_dirty() {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.guard = Some(GuardedAction::Quit);
            } else {
                self.remove_autosave();
            }
        }
    }

    fn is_dirty(&self) -> bool {
        self.workspace.as_ref().is_some_and(Workspace::is_dirty)
    }

    fn menu_bar_ui(&mut self, ui: &mut egui::Ui, outbox: &mut Outbox) {
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
            });
            ui.menu_button("View", |ui| {
                item(ui, outbox, AppCommand::ToggleCompare, has_session);
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

    fn status_bar_ui(&self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let Some(workspace) = &self.workspace else {
                ui.label("No session open");
                return;
            };
            let name = workspace
                .path()
                .map_or("New review (not saved yet)".to_owned(), |p| {
                    p.display().to_string()
                });
            ui.label(name);
            ui.separator();
            if workspace.is_dirty() {
                ui.label(egui::RichText::new("• Unsaved changes").strong());
            } else {
                ui.label("Saved");
            }
            if let Some(time) = self.last_autosave_time {
                ui.separator();
                ui.label(format!("Autosaved {time}"));
            }
            ui.separator();
            let session = workspace.session();
            let n_done = session
                .claims()
                .iter()
                .filter(|c| c.status == crate::model::Status::Done)
                .count();
            ui.label(format!(
                "{} documents · {} sentences · {} claims · {} done",
                session.documents().len(),
                session.n_sentences(),
                session.claims().len(),
                n_done
            ));
        });
    }

    fn modals_ui(&mut self, ctx: &egui::Context) {
        if let Some((purpose, path)) = self.files.prompt_ui(ctx) {
            self.file_chosen(purpose, path, ctx);
        }
        if let Some(action) = self.guard.clone() {
            let name = self
                .workspace
                .as_ref()
                .and_then(Workspace::path)
                .and_then(Path::file_name)
                .map_or("This new review".to_owned(), |n| {
                    n.to_string_lossy().into_owned()
                });
            match dialogs::unsaved_changes_ui(ctx, &name, action.describe()) {
                Some(GuardAnswer::Save) => {
                    self.guard = None;
                    if self.save(ctx) {
                        self.perform(action, ctx);
                    } else if self.files.prompt.is_some() || self.files.is_waiting() {
                        self.after_save = Some(action);
                    }
                }
                Some(GuardAnswer::Discard) => {
                    self.guard = None;
                    self.perform(action, ctx);
                }
                Some(GuardAnswer::Cancel) => self.guard = None,
                None => {}
            }
        }
        if let Some((recovery, session_file)) = self.recovery.clone() {
            let what = session_file
                .as_ref()
                .map_or("a new review".to_owned(), |p| p.display().to_string());
            let when = recovery
                .saved_at
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map(|d| Timestamp::from_unix_secs(d.as_secs() as i64).to_string())
                .unwrap_or_else(|| "an earlier session".to_owned());
            match dialogs::recovery_ui(ctx, &what, &when) {
                Some(RecoveryAnswer::Recover) => {
                    self.recovery = None;
                    match Workspace::recover(&recovery, session_file.as_deref()) {
                        Ok(recovered) => {
                            self.install_workspace(recovered);
                            self.info(
                                "Recovered the autosaved work. Save it to keep it.".to_owned(),
                            );
                        }
                        Err(err) => self.error(format!("Could not recover the autosave: {err}")),
                    }
                }
                Some(RecoveryAnswer::Discard) => {
                    self.recovery = None;
                    let _ = std::fs::remove_file(&recovery.sidecar);
                }
                None => {}
            }
        }
        self.export_dialog_ui(ctx);
        dialogs::help_ui(ctx, &mut self.show_help);
        dialogs::about_ui(ctx, &mut self.show_about);
    }

    fn file_chosen(&mut self, purpose: FilePurpose, path: PathBuf, ctx: &egui::Context) {
        match purpose {
            FilePurpose::Open | FilePurpose::NewFromArticle => self.open_path(&path),
            FilePurpose::Export(_) => self.write_export(&path),
            FilePurpose::Import(format) => self.import(&path, format),
            FilePurpose::SaveAs => {
                if self.save_as(&path)
                    && let Some(action) = self.after_save.take()
                {
                    self.perform(action, ctx);
                }
            }
        }
    }

    /// Saves to the session's file, or asks for one. Returns whether it saved now.
    fn save(&mut self, ctx: &egui::Context) -> bool {
        let Some(workspace) = &mut self.workspace else {
            return false;
        };
        let Some(path) = workspace.path().map(Path::to_owned) else {
            let suggestion = self.suggested_save_path();
            self.files.request(
                FilePurpose::SaveAs,
                suggestion.as_deref(),
                ctx,
                self.options.use_native_dialogs,
            );
            return false;
        };
        self.save_as(&path)
    }

    fn suggested_save_path(&self) -> Option<PathBuf> {
        let session = self.session()?;
        let stem: String = session
            .meta()
            .title
            .chars()
            .map(|c| {
                if c.is_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect::<String>()
            .split('-')
            .filter(|part| !part.is_empty())
            .take(6)
            .collect::<Vec<_>>()
            .join("-");
        let name = if stem.is_empty() {
            "review".to_owned()
        } else {
            stem
        };
        let dir = std::env::current_dir().ok()?.join("saves");
        Some(dir.join(format!("{name}.ron")))
    }

    fn save_as(&mut self, path: &Path) -> bool {
        self.poll_autosave(true);
        let old_sidecar = self.autosave_sidecar();
        let Some(workspace) = &mut self.workspace else {
            return false;
        };
        match workspace.save_as(path, Timestamp::now()) {
            Ok(()) => {
                if let Some(sidecar) = old_sidecar {
                    let _ = std::fs::remove_file(sidecar);
                }
                self.remember_recent(path);
                true
            }
            Err(err) => {
                self.error(format!("Not saved: {err}"));
                false
            }
        }
    }

    fn remove_autosave(&mut self) {
        self.poll_autosave(true);
        if let Some(sidecar) = self.autosave_sidecar() {
            let _ = std::fs::remove_file(sidecar);
        }
    }

    fn guard_then(&mut self, action: GuardedAction, ctx: &egui::Context) {
        if self.is_dirty() {
            self.guard = Some(action);
        } else {
            self.perform(action, ctx);
        }
    }

    fn perform(&mut self, action: GuardedAction, ctx: &egui::Context) {
        let use_native = self.options.use_native_dialogs;
        let current = self
            .workspace
            .as_ref()
            .and_then(Workspace::path)
            .map(Path::to_owned);
        match action {
            GuardedAction::Open(Some(path)) => self.open_path(&path),
            GuardedAction::Open(None) => {
                self.files
                    .request(FilePurpose::Open, current.as_deref(), ctx, use_native);
            }
            GuardedAction::Import(format) => {
                self.files.request(
                    FilePurpose::Import(format),
                    current.as_deref(),
                    ctx,
                    use_native,
                );
            }
            GuardedAction::NewFromArticle => {
                self.files.request(
                    FilePurpose::NewFromArticle,
                    current.as_deref(),
                    ctx,
                    use_native,
                );
            }
            GuardedAction::Close => {
                self.remove_autosave();
                self.workspace = None;
                self.view = ViewState::default();
            }
            GuardedAction::Quit => {
                self.remove_autosave();
                self.is_close_confirmed = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    fn apply_edit(&mut self, edit: Edit) {
        let Some(workspace) = &mut self.workspace else {
            return;
        };
        if let Err(err) = workspace.apply(edit) {
            self.error(format!("That change was refused: {err}"));
        }
    }

    /// Carries out one command.
    pub fn run_command(&mut self, command: AppCommand, ctx: &egui::Context) {
        match command {
            AppCommand::NewFromArticle => self.guard_then(GuardedAction::NewFromArticle, ctx),
            AppCommand::Open => self.guard_then(GuardedAction::Open(None), ctx),
            AppCommand::OpenPath(path) => self.guard_then(GuardedAction::Open(Some(path)), ctx),
            AppCommand::Close => self.guard_then(GuardedAction::Close, ctx),
            AppCommand::Save => {
                self.save(ctx);
            }
            AppCommand::SaveAs => {
                if self.workspace.is_some() {
                    let suggestion = self
                        .workspace
                        .as_ref()
                        .and_then(Workspace::path)
                        .map(Path::to_owned)
                        .or_else(|| self.suggested_save_path());
                    self.files.request(
                        FilePurpose::SaveAs,
                        suggestion.as_deref(),
                        ctx,
                        self.options.use_native_dialogs,
                    );
                }
            }
            AppCommand::Undo | AppCommand::Redo => {
                let Some(workspace) = &mut self.workspace else {
                    return;
                };
                let result = if command == AppCommand::Undo {
                    workspace.undo()
                } else {
                    workspace.redo()
                };
                if let Err(err) = result {
                    self.error(format!(
                        "Could not {}: {err}",
                        command.label().to_lowercase()
                    ));
                }
            }
            AppCommand::Find => {
                self.view.find.is_open = true;
                self.view.find.wants_focus = true;
            }
            AppCommand::ShowHelp => self.show_help = !self.show_help,
            AppCommand::NextSentence => self.step_sentence(1),
            AppCommand::PreviousSentence => self.step_sentence(-1),
            AppCommand::NextClaim => self.step_claim(true),
            AppCommand::PreviousClaim => self.step_claim(false),
            AppCommand::ToggleClaim => self.toggle_claim(),
            AppCommand::SetVerdict(verdict) => self.set_verdict(verdict),
            AppCommand::AddSource => self.add_source(),
            AppCommand::Export => {
                if self.workspace.is_some() {
                    self.export_dialog = Some(ExportDialog::default());
                }
            }
            AppCommand::Import(format) => self.guard_then(GuardedAction::Import(format), ctx),
            AppCommand::ToggleCompare => {
                self.view.mode = match self.view.mode {
                    ViewMode::Article => ViewMode::Compare,
                    ViewMode::Compare => ViewMode::Article,
                };
            }
            AppCommand::AlignDocuments(a, b) => self.align_documents(a, b),
            AppCommand::MergePairs { a, b, row } => {
                self.correct_alignment(a, b, row, RowCorrection::MergeWithNext);
            }
            AppCommand::SplitPair { a, b, row } => {
                self.correct_alignment(a, b, row, RowCorrection::Split);
            }
            AppCommand::CreateLinkedClaim => self.create_linked_claim(),
            AppCommand::LinkClaims(x, y) => {
                if let Some(edit) = self
                    .session()
                    .map(|s| s.link_claims_edit(x, y, Timestamp::now()))
                {
                    self.apply_edit(edit);
                }
            }
            AppCommand::UnlinkClaim(id) => {
                if let Some(Ok(edit)) = self
                    .session()
                    .map(|s| s.unlink_claim_edit(id, Timestamp::now()))
                {
                    self.apply_edit(edit);
                }
            }
            AppCommand::Scroll(target) => self.view.scroll_request = Some(target),
            AppCommand::SelectClaim(id) => {
                if let Some(selection) = self
                    .session()
                    .and_then(|s| s.claim(id).map(|c| Selection::of_claim(s, c)))
                {
                    self.view.select(selection);
                }
            }
        }
    }

    fn export_dialog_ui(&mut self, ctx: &egui::Context) {
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
            ui.horizontal(|ui| {
                let label = ui.label("Format");
                egui::ComboBox::from_id_salt("export_format")
                    .selected_text(dialog.format.label())
                    .width(300.0)
                    .show_ui(ui, |ui| {
                        for &format in Format::ALL {
                            ui.selectable_value(&mut dialog.format, format, format.label());
                        }
                    })
                    .response
                    .labelled_by(label.id);
            });
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
                .map(|path| path.with_extension(format.extension()));
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

    fn write_export(&mut self, path: &Path) {
        let Some(dialog) = self.export_dialog.take() else {
            return;
        };
        let Some(session) = self.session() else {
            return;
        };
        if FileKind::of(path) == FileKind::Session {
            self.error(format!(
                "Not exported: {} would look like a session; give the export a .{} name.",
                path.display(),
                dialog.format.extension()
            ));
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
        match result {
            Ok(()) => self.info(format!(
                "Exported {n} claim(s) as {} to {}.",
                dialog.format,
                path.display()
            )),
            Err(err) => self.error(format!("Not exported: {err}")),
        }
    }

    fn import(&mut self, path: &Path, format: Format) {
        match crate::export::import::import_file(path, format, Timestamp::now()) {
            Ok(imported) => {
                let mut opened = Workspace::new(imported.session, None);
                opened.load_warnings = imported.warnings;
                opened.mark_unsaved();
                self.install_workspace(opened);
                self.info(format!(
                    "Imported {}. Save it to keep it as a session.",
                    path.display()
                ));
            }
            Err(err) => self.error(format!("Not imported: {err}")),
        }
    }

    fn create_linked_claim(&mut self) {
        let Some(id) = self.selected_claim() else {
            self.info(
                "Select a claim first; its linked claim goes into the aligned document.".to_owned(),
            );
            return;
        };
        let built = self
            .session()
            .map(|s| s.create_linked_claim_edit(id, Timestamp::now()));
        match built {
            Some(Ok((edit, _))) => self.apply_edit(edit),
            Some(Err(err)) => self.info(format!("No linked claim: {err}.")),
            None => {}
        }
    }

    fn align_documents(&mut self, a: DocId, b: DocId) {
        match self.session().map(|s| s.align_documents_edit(a, b)) {
            Some(Ok(edit)) => {
                self.view.compare = Some((a, b));
                self.apply_edit(edit);
            }
            Some(Err(err)) => self.info(format!("Cannot align: {err}.")),
            None => {}
        }
    }

    fn correct_alignment(&mut self, a: DocId, b: DocId, row: usize, correction: RowCorrection) {
        match self
            .session()
            .map(|s| s.correct_alignment_edit(a, b, row, correction))
        {
            Some(Ok(edit)) => self.apply_edit(edit),
            Some(Err(err)) => self.info(format!("Cannot correct the alignment: {err}.")),
            None => {}
        }
    }

    fn step_sentence(&mut self, delta: i64) {
        let Some(session) = self.session() else {
            return;
        };
        let Some(doc) = session.document(self.view.doc) else {
            return;
        };
        let n = doc.sentences().len() as i64;
        if n == 0 {
            return;
        }
        let next = match &self.view.selection {
            Some(sel) if sel.doc == doc.id => (i64::from(sel.last.0) + delta).clamp(0, n - 1),
            _ if delta > 0 => 0,
            _ => n - 1,
        };
        let doc_id = doc.id;
        self.view
            .select(Selection::sentence(doc_id, SentenceId(next as u32)));
    }

    fn step_claim(&mut self, is_forward: bool) {
        let Some(session) = self.session() else {
            return;
        };
        let doc_id = self.view.doc;
        let here = self
            .view
            .selection
            .as_ref()
            .filter(|sel| sel.doc == doc_id)
            .and_then(|sel| session.document(doc_id).and_then(|doc| sel.char_range(doc)));
        let claims = session.claims_in(doc_id);
        let target = if is_forward {
            claims
                .iter()
                .find(|c| here.as_ref().is_none_or(|r| c.anchor.start > r.start))
        } else {
            claims
                .iter()
                .rev()
                .find(|c| here.as_ref().is_none_or(|r| c.anchor.start < r.start))
        };
        if let Some(claim) = target {
            let selection = Selection::of_claim(session, claim);
            self.view.select(selection);
        }
    }

    /// The claim at the selection, if any.
    fn selected_claim(&self) -> Option<ClaimId> {
        let session = self.session()?;
        claim_for_selection(session, self.view.selection.as_ref()?)
    }

    /// A new claim for the current selection, or `None` (with a notice) if it can't be made.
    fn new_claim_for_selection(&mut self) -> Option<Claim> {
        let session = self.session()?;
        let selection = self.view.selection.clone()?;
        let doc = session.document(selection.doc)?;
        let (first, last) = selection.ordered();
        let anchor = match &selection.span {
            Some(span) => doc.anchor_span(first, last, span.clone()),
            None => doc.anchor_sentences(first, last),
        };
        let Some(anchor) = anchor else {
            self.error("The selection cannot be anchored in the text.".to_owned());
            return None;
        };
        Some(Claim::new(
            session.new_claim_id(),
            doc.id,
            anchor,
            Timestamp::now(),
        ))
    }

    fn toggle_claim(&mut self) {
        if self.view.selection.is_none() {
            self.info("Select a sentence first (click it, or press J).".to_owned());
            return;
        }
        match self.selected_claim() {
            Some(id) => {
                // Unlinks its counterpart too, in the same undo step.
                if let Some(edit) = self
                    .session()
                    .map(|s| s.remove_claim_edit(id, Timestamp::now()))
                {
                    self.apply_edit(edit);
                }
            }
            None => {
                if let Some(claim) = self.new_claim_for_selection() {
                    self.apply_edit(Edit::AddClaim(Box::new(claim)));
                }
            }
        }
    }

    fn set_verdict(&mut self, verdict: Verdict) {
        if self.view.selection.is_none() {
            self.info("Select a sentence first (click it, or press J).".to_owned());
            return;
        }
        match self.selected_claim() {
            Some(id) => self.apply_edit(Edit::SetClaimField {
                id,
                value: ClaimField::Verdict(verdict),
                modified: Timestamp::now(),
            }),
            None => {
                // Rating an unmarked selection marks it: one step, undone as one.
                if let Some(mut claim) = self.new_claim_for_selection() {
                    claim.verdict = verdict;
                    self.apply_edit(Edit::AddClaim(Box::new(claim)));
                }
            }
        }
    }

    fn add_source(&mut self) {
        let Some(id) = self.selected_claim() else {
            self.info(
                "Sources belong to claims: mark the selection as a claim first (Enter).".to_owned(),
            );
            return;
        };
        let source = Source {
            accessed: Some(Timestamp::now()),
            ..Source::default()
        };
        let Some((Ok(edit), idx)) = self.session().and_then(|s| {
            let claim = s.claim(id)?;
            Some((
                s.add_source_edit(id, source, Timestamp::now()),
                claim.sources.len(),
            ))
        }) else {
            return;
        };
        self.apply_edit(edit);
        self.view.focus_request = Some(FieldKey::SourceUrl(id, idx));
    }

    fn autosave_tick(&mut self, ctx: &egui::Context) {
        let interval = Duration::from_secs(self.prefs.autosave_secs.max(1));
        if !self.is_dirty() {
            self.last_autosave = Instant::now();
            return;
        }
        if self.last_autosave.elapsed() < interval {
            ctx.request_repaint_after(interval.saturating_sub(self.last_autosave.elapsed()));
            return;
        }
        self.last_autosave = Instant::now();
        self.autosave_now();
    }

    /// Starts writing the autosave sidecar (if there are unsaved changes). Encoding and
    /// writing run on a worker thread with a copy of the session, so a large session does
    /// not stall the window.
    pub fn autosave_now(&mut self) {
        if self.autosave_job.is_some() {
            return;
        }
        let (Some(workspace), Some(sidecar)) = (&self.workspace, self.autosave_sidecar()) else {
            return;
        };
        if !workspace.is_dirty() {
            return;
        }
        let session = workspace.session().clone();
        let (sender, receiver) = std::sync::mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("autosave".to_owned())
            .spawn(move || {
                let result = workspace::write_autosave(&session, &sidecar)
                    .map(|()| Timestamp::now())
                    .map_err(|err| err.to_string());
                let _ = sender.send(result);
            });
        match spawned {
            Ok(_) => self.autosave_job = Some(receiver),
            Err(err) => self.error(format!("Autosave failed: {err}")),
        }
    }

    /// Collects a finished autosave; with `wait`, waits for a running one (before saving
    /// or closing, so a late autosave cannot outlive the save).
    fn poll_autosave(&mut self, wait: bool) {
        let Some(job) = &self.autosave_job else {
            return;
        };
        let result = if wait {
            job.recv().ok()
        } else {
            match job.try_recv() {
                Ok(result) => Some(result),
                Err(std::sync::mpsc::TryRecvError::Empty) => return,
                Err(std::sync::mpsc::TryRecvError::Disconnected) => None,
            }
        };
        self.autosave_job = None;
        match result {
            Some(Ok(time)) => self.last_autosave_time = Some(time),
            Some(Err(err)) => self.error(format!("Autosave failed: {err}")),
            None => self.error("Autosave failed: the autosave thread stopped".to_owned()),
        }
    }

    /// Waits until a running autosave has been written.
    pub fn wait_for_autosave(&mut self) {
        self.poll_autosave(true);
    }
}

/// The export settings being chosen.
#[derive(Clone, Copy, Debug)]
struct ExportDialog {
    format: Format,
    only_done: bool,
}

impl Default for ExportDialog {
    fn default() -> Self {
        ExportDialog {
            format: Format::ClaimReview,
            only_done: false,
        }
    }
}

/// The find bar above the article (Ctrl+F).
fn find_bar_ui(ui: &mut egui::Ui, session: &Session, view: &mut ViewState) {
    if !view.find.is_open {
        return;
    }
    let Some(doc) = session.document(view.doc) else {
        return;
    };
    let mut jump = None;
    ui.horizontal(|ui| {
        let label = ui.label("Find");
        let response = ui
            .add(egui::TextEdit::singleline(&mut view.find.query).desired_width(260.0))
            .labelled_by(label.id);
        if view.find.wants_focus {
            response.request_focus();
            view.find.wants_focus = false;
        }
        let key = (view.find.query.clone(), doc.id);
        if view.find.computed_for.as_ref() != Some(&key) {
            view.find.matches = find_matches(doc, &view.find.query);
            view.find.current = 0;
            view.find.computed_for = Some(key);
        }
        let n = view.find.matches.len();
        if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) && n > 0 {
            jump = Some(view.find.current);
            view.find.current = (view.find.current + 1) % n;
            response.request_focus();
        }
        if n == 0 {
            ui.weak(if view.find.query.is_empty() {
                ""
            } else {
                "no matches"
            });
        } else {
            ui.label(format!("{n} matches"));
        }
        if ui
            .add_enabled(n > 0, egui::Button::new("Previous match"))
            .clicked()
        {
            view.find.current = (view.find.current + n.saturating_sub(1)) % n.max(1);
            jump = Some(view.find.current);
        }
        if ui
            .add_enabled(n > 0, egui::Button::new("Next match"))
            .clicked()
        {
            jump = Some(view.find.current);
            view.find.current = (view.find.current + 1) % n.max(1);
        }
        if ui.button("Close find").clicked() {
            view.find = Default::default();
        }
    });
    if let Some(found) = jump.and_then(|idx| view.find.matches.get(idx).cloned())
        && let Some(sentence) = doc.sentence_at(found.start)
    {
        view.select(Selection::sentence(doc.id, sentence));
    }
    ui.separator();
}

/// Case-insensitive matches of `query` in the document, as code-point ranges (at most
/// 10,000, enough to navigate and cheap on very long texts).
fn find_matches(doc: &crate::model::Document, query: &str) -> Vec<std::ops::Range<usize>> {
    const MAX_MATCHES: usize = 10_000;
    let query = query.trim();
    if query.is_empty() {
        return Vec::new();
    }
    let text = doc.text();
    let lowered = text.to_lowercase();
    let needle = query.to_lowercase();
    // Lower-casing kept every character a single character, so code-point offsets in the
    // lowered copy are offsets in the original; otherwise search case-sensitively.
    let (haystack, needle) = if lowered.chars().count() == doc.n_chars() {
        (lowered.as_str(), needle)
    } else {
        (text, query.to_owned())
    };
    let index = crate::offsets::CharIndex::new(haystack);
    let n_needle = needle.chars().count();
    haystack
        .match_indices(&needle)
        .take(MAX_MATCHES)
        .filter_map(|(byte, _)| {
            let start = index.char_of(haystack, byte)?;
            Some(start..start + n_needle)
        })
        .collect()
}

impl eframe::App for ClaimdeskApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFERENCES_KEY, &self.prefs);
    }
}
