//! Choosing files: native dialogs on a worker thread, with an in-app path prompt where no
//! dialog can be shown.
//!
//! rfd's dialogs block the calling thread, so they run on their own thread and the window
//! keeps painting. On systems with neither an XDG portal nor zenity, rfd returns "no file"
//! at once; an answer that fast cannot be a user's, so the app then asks for a path itself
//! instead of silently doing nothing.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::{Duration, Instant};

use crate::export::Format;

/// Why a file is being chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilePurpose {
    /// Open an article or a session.
    Open,
    /// Start a new session from an article.
    NewFromArticle,
    /// Add an article (e.g. a translation) to the open session as another document.
    AddDocument,
    /// Choose where to save the session.
    SaveAs,
    /// Choose where to write an export in this format.
    Export(Format),
    /// Choose an annotation file in this format to import.
    Import(Format),
    /// Choose a reviewer's session to compare with the open one.
    AddReview,
    /// Choose a newer version of this document's article (the one current when asked,
    /// whatever is shown by the time the file is chosen).
    UpdateDocument(crate::model::DocId),
}

impl FilePurpose {
    /// Whether the file is read (it must exist), rather than written.
    fn reads(self) -> bool {
        matches!(
            self,
            FilePurpose::Open
                | FilePurpose::NewFromArticle
                | FilePurpose::AddDocument
                | FilePurpose::Import(_)
                | FilePurpose::AddReview
                | FilePurpose::UpdateDocument(_)
        )
    }

    /// What is wrong with `path` for this purpose, if anything, in words for the prompt.
    fn check(self, path: &Path) -> Result<(), String> {
        if path.is_dir() {
            return Err(format!(
                "{} is a folder; add the file name.",
                path.display()
            ));
        }
        if self.reads() {
            if !path.exists() {
                return Err(format!("There is no file {}.", path.display()));
            }
            return Ok(());
        }
        match path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
            Some(dir) if !dir.is_dir() => Err(format!(
                "There is no folder {}; create it first, or choose another.",
                dir.display()
            )),
            _ => Ok(()),
        }
    }

    /// What replacing the existing file at `path` would lose, asked before it is done.
    fn replace_question(self, path: &Path) -> String {
        let what = match self {
            FilePurpose::Export(format) if crate::export::output::is_own_export(path, format) => {
                format!("an earlier {} export of Claimdesk", format.label())
            }
            FilePurpose::Export(format) => format!(
                "not a {} export of Claimdesk: what it holds will be lost",
                format.label()
            ),
            _ => "it will be replaced".to_owned(),
        };
        format!(
            "{} exists ({what}). Press OK again to replace it, or change the name.",
            path.display()
        )
    }

    fn title(self) -> String {
        match self {
            FilePurpose::Open => "Open an article or review session".to_owned(),
            FilePurpose::NewFromArticle => "New review from an article".to_owned(),
            FilePurpose::AddDocument => {
                "Add an article (e.g. a translation) to this review".to_owned()
            }
            FilePurpose::SaveAs => "Save review session as".to_owned(),
            FilePurpose::Export(format) => format!("Export as {}", format.label()),
            FilePurpose::Import(format) => format!("Import {}", format.label()),
            FilePurpose::AddReview => "Compare with a reviewer's session".to_owned(),
            FilePurpose::UpdateDocument(_) => "Update the document from a newer version".to_owned(),
        }
    }
}

/// A dialog answer faster than this was not given by a person.
const NO_DIALOG_THRESHOLD: Duration = Duration::from_millis(400);

struct PendingDialog {
    purpose: FilePurpose,
    /// What the choice is about, said under the title.
    subject: Option<String>,
    /// What the dialog was opened with, for the path prompt should there be no dialog.
    suggestion: Option<PathBuf>,
    answer: Receiver<Option<PathBuf>>,
    started: Instant,
}

/// The in-app path prompt.
#[derive(Debug)]
pub struct PathPrompt {
    pub purpose: FilePurpose,
    pub text: String,
    pub reason: Option<String>,
    /// What is wrong with the path last confirmed; the prompt stays open to fix it.
    pub problem: Option<String>,
    /// An existing file the user was told about and may now replace by confirming again.
    pub replace_confirmed: Option<PathBuf>,
    /// Whether the path field has had the keyboard focus once (so Return confirms).
    pub was_focused: bool,
}

/// File choosing in progress, if any.
#[derive(Default)]
pub struct FileChooser {
    pending: Option<PendingDialog>,
    pub prompt: Option<PathPrompt>,
    /// What the next request is about (e.g. which document an update replaces), shown
    /// in the dialog's title and the prompt; taken by [`FileChooser::request`].
    pub subject: Option<String>,
}

impl FileChooser {
    /// Starts choosing a file: a native dialog when `use_native` (else the path prompt).
    pub fn request(
        &mut self,
        purpose: FilePurpose,
        suggestion: Option<&Path>,
        ctx: &egui::Context,
        use_native: bool,
    ) {
        let subject = self.subject.take();
        if self.pending.is_some() || self.prompt.is_some() {
            return;
        }
        if !use_native {
            self.open_prompt(purpose, suggestion, subject);
            return;
        }
        let (sender, answer) = mpsc::channel();
        let ctx = ctx.clone();
        let suggestion = suggestion.map(Path::to_owned);
        let for_dialog = suggestion.clone();
        let title = match &subject {
            Some(subject) => format!("{}: {subject}", purpose.title()),
            None => purpose.title(),
        };
        let spawned = std::thread::Builder::new()
            .name("file-dialog".to_owned())
            .spawn(move || {
                let _ = sender.send(run_native_dialog(purpose, &title, for_dialog.as_deref()));
                ctx.request_repaint();
            });
        match spawned {
            Ok(_) => {
                self.pending = Some(PendingDialog {
                    purpose,
                    subject,
                    suggestion,
                    answer,
                    started: Instant::now(),
                });
            }
            Err(err) => self.open_prompt(
                purpose,
                suggestion.as_deref(),
                Some(format!("Could not open a file dialog ({err}).")),
            ),
        }
    }

    /// Whether a native dialog is open.
    pub fn is_waiting(&self) -> bool {
        self.pending.is_some()
    }

    /// The chosen file, once a native dialog has answered.
    pub fn poll(&mut self) -> Option<(FilePurpose, PathBuf)> {
        let pending = self.pending.as_ref()?;
        let answer = match pending.answer.try_recv() {
            Err(TryRecvError::Empty) => return None,
            Ok(answer) => answer,
            Err(TryRecvError::Disconnected) => None,
        };
        let pending = self.pending.take()?;
        match answer {
            Some(path) => Some((pending.purpose, path)),
            None if pending.started.elapsed() < NO_DIALOG_THRESHOLD => {
                let no_dialog = "No file dialog is available on this system (no XDG portal or \
                                 zenity); type the path instead.";
                let reason = match &pending.subject {
                    Some(subject) => format!("{subject}\n{no_dialog}"),
                    None => no_dialog.to_owned(),
                };
                self.open_prompt(pending.purpose, pending.suggestion.as_deref(), Some(reason));
                None
            }
            None => None, // The user cancelled.
        }
    }

    fn open_prompt(
        &mut self,
        purpose: FilePurpose,
        suggestion: Option<&Path>,
        reason: Option<String>,
    ) {
        // A file to write starts as the suggested name; a file to read starts in the
        // suggested file's folder, ready for a name.
        let text = match suggestion {
            Some(path) if purpose.reads() => path
                .parent()
                .filter(|dir| !dir.as_os_str().is_empty())
                .map(|dir| format!("{}/", dir.display()))
                .unwrap_or_default(),
            Some(path) => path.display().to_string(),
            None => String::new(),
        };
        self.prompt = Some(PathPrompt {
            purpose,
            text,
            reason,
            problem: None,
            replace_confirmed: None,
            was_focused: false,
        });
    }

    /// Shows the path prompt, if open; returns the path when the user confirms.
    pub fn prompt_ui(&mut self, ctx: &egui::Context) -> Option<(FilePurpose, PathBuf)> {
        let prompt = self.prompt.as_mut()?;
        let mut result = None;
        let mut is_closed = false;
        egui::Modal::new(egui::Id::unique("path_prompt")).show(ctx, |ui| {
            ui.set_width(520.0);
            ui.heading(prompt.purpose.title());
            if let Some(reason) = &prompt.reason {
                ui.label(reason);
            }
            let label = ui.label("Path");
            let response = ui
                .add(egui::TextEdit::singleline(&mut prompt.text).desired_width(f32::INFINITY))
                .labelled_by(label.id);
            if response.changed() {
                prompt.problem = None;
            }
            if let Some(problem) = &prompt.problem {
                ui.colored_label(ui.visuals().error_fg_color, problem);
            }
            // Focused as the prompt opens, suggestion and all, so Return confirms it.
            if !prompt.was_focused {
                response.request_focus();
                prompt.was_focused = true;
            }
            let is_entered = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.horizontal(|ui| {
                let has_text = !prompt.text.trim().is_empty();
                if (ui.add_enabled(has_text, egui::Button::new("OK")).clicked() || is_entered)
                    && has_text
                {
                    let path = expand_home(prompt.text.trim());
                    match prompt.purpose.check(&path) {
                        // Replacing a file is asked first: the same path confirmed again.
                        Ok(())
                            if !prompt.purpose.reads()
                                && path.exists()
                                && prompt.replace_confirmed.as_ref() != Some(&path) =>
                        {
                            prompt.problem = Some(prompt.purpose.replace_question(&path));
                            prompt.replace_confirmed = Some(path);
                            response.request_focus();
                        }
                        Ok(()) => {
                            result = Some((prompt.purpose, path));
                            is_closed = true;
                        }
                        Err(problem) => prompt.problem = Some(problem),
                    }
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    is_closed = true;
                }
            });
        });
        if is_closed {
            self.prompt = None;
        }
        result
    }
}

fn run_native_dialog(
    purpose: FilePurpose,
    title: &str,
    suggestion: Option<&Path>,
) -> Option<PathBuf> {
    let mut dialog = rfd::FileDialog::new().set_title(title);
    if let Some(dir) = suggestion.and_then(Path::parent).filter(|d| d.is_dir()) {
        dialog = dialog.set_directory(dir);
    }
    match purpose {
        FilePurpose::Open => dialog
            .add_filter(
                "Articles, web pages and sessions",
                &["txt", "md", "markdown", "html", "htm", "xhtml", "gz", "ron"],
            )
            .add_filter("All files", &["*"])
            .pick_file(),
        FilePurpose::NewFromArticle | FilePurpose::AddDocument | FilePurpose::UpdateDocument(_) => {
            dialog
                .add_filter(
                    "Articles and web pages",
                    &["txt", "md", "markdown", "html", "htm", "xhtml", "gz"],
                )
                .add_filter("All files", &["*"])
                .pick_file()
        }
        FilePurpose::Export(format) => {
            let name = suggestion
                .and_then(Path::file_name)
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| format!("export.{}", format.extension()));
            dialog
                .add_filter(format.label(), &[format.extension()])
                .set_file_name(name)
                .save_file()
        }
        FilePurpose::AddReview => dialog
            .add_filter("Review sessions", &["ron"])
            .add_filter("All files", &["*"])
            .pick_file(),
        FilePurpose::Import(format) => dialog
            .add_filter(format.label(), &[format.extension(), "json", "jsonl"])
            .add_filter("All files", &["*"])
            .pick_file(),
        FilePurpose::SaveAs => {
            let name = suggestion
                .and_then(Path::file_name)
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "review.ron".to_owned());
            dialog
                .add_filter("Review sessions", &["ron"])
                .set_file_name(name)
                .save_file()
        }
    }
}

/// `~/x` → `$HOME/x`.
fn expand_home(text: &str) -> PathBuf {
    if let Some(rest) = text.strip_prefix("~/")
        && let Some(home) = std::env::var_os("HOME")
    {
        return PathBuf::from(home).join(rest);
    }
    PathBuf::from(text)
}
