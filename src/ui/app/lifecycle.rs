//! Opening, saving and closing: the default start, files chosen in dialogs, the
//! unsaved-changes guard, recovery of autosaved work, and the window's close request.

use super::{ClaimdeskApp, GuardedAction, N_RECENT};
use crate::store::SaveError;
use crate::timestamp::Timestamp;
use crate::ui::article_view::ArticleCache;
use crate::ui::claims_list::ClaimListCache;
use crate::ui::command::AppCommand;
use crate::ui::compare_view::CompareCache;
use crate::ui::dialogs::{
    self, GuardAnswer, Notice, RecoveryAnswer, SaveBlocked, SaveBlockedAnswer,
};
use crate::ui::files::FilePurpose;
use crate::ui::outbox::Outbox;
use crate::ui::view::ViewState;
use crate::workspace::{self, FileKind, Workspace};
use std::path::{Path, PathBuf};
use std::time::Instant;

impl ClaimdeskApp {
    pub(super) fn open_default(&mut self) {
        let recent = self.prefs.recent_files.iter().find(|p| p.exists()).cloned();
        // In a checkout (`cargo run`), the sample session file itself, so edits save there.
        let example = Path::new(workspace::SAMPLE_SESSION_PATH);
        match recent.or_else(|| example.is_file().then(|| example.to_owned())) {
            Some(path) => self.open_path(&path),
            None => self.open_bundled_sample(),
        }
    }

    /// The sample review compiled into the binary, for a copied binary with no files
    /// around: it opens under its own title with no file, unchanged (closing it asks
    /// nothing until it is edited), and Save asks where to keep it.
    pub fn open_bundled_sample(&mut self) {
        match workspace::bundled_sample() {
            Ok(session) => {
                let opened = Workspace::new(session, None);
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
            Err(workspace::OpenError::Article(err)) if err.is_no_article() => {
                self.whole_page_offer = Some((path.to_owned(), err.to_string()));
            }
            Err(err) => self.error(format!("Could not open {}: {err}", path.display())),
        }
    }

    /// Shows `opened`, replacing whatever was open (without asking).
    pub fn install_workspace(&mut self, opened: Workspace) {
        self.poll_autosave(true);
        for warning in &opened.load_warnings {
            self.notices.push(Notice::new(warning.clone(), false));
        }
        self.remember_visited();
        self.view = ViewState {
            generation: self.view.generation + 1,
            visited: self.prefs.visited_in(opened.session()),
            ..ViewState::default()
        };
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

    /// After the open session was reloaded in place: the view stays (the selection may
    /// point at what is gone, which the panels tolerate), derived caches are rebuilt.
    fn install_reloaded(&mut self) {
        self.article_cache = ArticleCache::default();
        self.claims_cache = ClaimListCache::default();
        self.compare_cache = CompareCache::default();
    }

    pub(super) fn remember_recent(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.prefs.recent_files.retain(|p| p != &path);
        self.prefs.recent_files.insert(0, path);
        self.prefs.recent_files.truncate(N_RECENT);
    }

    pub(super) fn untitled_autosave_path(&self) -> Option<PathBuf> {
        let dir = self.options.untitled_autosave_dir.as_ref()?;
        Some(dir.join(format!("untitled.ron{}", workspace::AUTOSAVE_SUFFIX)))
    }

    pub(super) fn autosave_sidecar(&self) -> Option<PathBuf> {
        match self.workspace.as_ref()?.path() {
            Some(path) => Some(workspace::autosave_path(path)),
            None => self.untitled_autosave_path(),
        }
    }

    pub(super) fn handle_window_events(&mut self, ctx: &egui::Context, outbox: &mut Outbox) {
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

    pub(super) fn is_dirty(&self) -> bool {
        self.workspace.as_ref().is_some_and(Workspace::is_dirty)
    }

    pub(super) fn modals_ui(&mut self, ctx: &egui::Context) {
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
        self.save_blocked_ui(ctx);
        self.export_dialog_ui(ctx);
        dialogs::help_ui(ctx, &mut self.show_help);
        dialogs::about_ui(ctx, &mut self.show_about);
    }

    pub(super) fn file_chosen(&mut self, purpose: FilePurpose, path: PathBuf, ctx: &egui::Context) {
        match purpose {
            FilePurpose::Open | FilePurpose::NewFromArticle => self.open_path(&path),
            FilePurpose::AddDocument => self.add_document(&path),
            FilePurpose::Export(_) => self.write_export(&path),
            FilePurpose::Import(format) => self.import(&path, format),
            FilePurpose::AddReview => self.add_review(&path),
            FilePurpose::UpdateDocument(doc) => self.update_document_of(doc, &path),
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
    pub(super) fn save(&mut self, ctx: &egui::Context) -> bool {
        let Some(workspace) = &mut self.workspace else {
            return false;
        };
        let Some(path) = workspace.path().map(Path::to_owned) else {
            self.request_save_as(ctx);
            return false;
        };
        self.save_as(&path)
    }

    /// Asks for a file to save to (the dialog, or the path prompt), suggesting a name.
    fn request_save_as(&mut self, ctx: &egui::Context) {
        let suggestion = self.suggested_save_path();
        self.files.request(
            FilePurpose::SaveAs,
            suggestion.as_deref(),
            ctx,
            self.options.use_native_dialogs,
        );
    }

    pub(super) fn suggested_save_path(&self) -> Option<PathBuf> {
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

    pub(super) fn save_as(&mut self, path: &Path) -> bool {
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
                let is_own_file = workspace.path() == Some(path);
                match err {
                    SaveError::ChangedOnDisk { .. } if is_own_file => {
                        self.save_blocked = Some(SaveBlocked::ChangedOnDisk);
                    }
                    SaveError::ReadOnly { .. } if is_own_file => {
                        self.save_blocked = Some(SaveBlocked::ReadOnly);
                    }
                    _ => self.error(format!("Not saved: {err}")),
                }
                false
            }
        }
    }

    /// The dialog for a refused save of the session's own file, and what its answer does.
    fn save_blocked_ui(&mut self, ctx: &egui::Context) {
        let Some(why) = self.save_blocked else {
            return;
        };
        let name = self
            .workspace
            .as_ref()
            .and_then(Workspace::path)
            .and_then(Path::file_name)
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let Some(answer) = dialogs::save_blocked_ui(ctx, &name, why) else {
            return;
        };
        self.save_blocked = None;
        match answer {
            SaveBlockedAnswer::ReloadAndReapply => self.reload_and_reapply(),
            SaveBlockedAnswer::SaveAs => self.request_save_as(ctx),
            SaveBlockedAnswer::Cancel => self.after_save = None,
        }
    }

    fn reload_and_reapply(&mut self) {
        let Some(workspace) = &mut self.workspace else {
            return;
        };
        match workspace.reload_and_reapply() {
            Ok(report) => {
                let mut message = format!(
                    "Reloaded the file as saved elsewhere and re-applied {} unsaved edit(s). \
                     Check them, then save.",
                    report.applied
                );
                if !report.dropped.is_empty() {
                    message.push_str(&format!(
                        " Not re-applied (they no longer fit): {}.",
                        report.dropped.join("; ")
                    ));
                }
                self.install_reloaded();
                self.info(message);
            }
            Err(err) => self.error(format!("Could not reload: {err}")),
        }
    }

    pub(super) fn remove_autosave(&mut self) {
        self.poll_autosave(true);
        if let Some(sidecar) = self.autosave_sidecar() {
            let _ = std::fs::remove_file(sidecar);
        }
    }

    pub(super) fn guard_then(&mut self, action: GuardedAction, ctx: &egui::Context) {
        if self.is_dirty() {
            self.guard = Some(action);
        } else {
            self.perform(action, ctx);
        }
    }

    pub(super) fn perform(&mut self, action: GuardedAction, ctx: &egui::Context) {
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
            GuardedAction::OpenWebPage => {
                self.web_page_dialog = Some(super::web_page::WebPageDialog::default());
            }
            GuardedAction::NewFromClipboard => self.new_from_clipboard(),
            GuardedAction::NewFromArticle => {
                self.files.request(
                    FilePurpose::NewFromArticle,
                    current.as_deref(),
                    ctx,
                    use_native,
                );
            }
            GuardedAction::Close => {
                self.remember_visited();
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
}
