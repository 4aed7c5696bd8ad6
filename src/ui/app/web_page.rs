//! File > Open URL… (fetch a page on a worker thread, then review its article) and Edit >
//! New review from clipboard (the clipboard's HTML, else its text).

use std::sync::mpsc::{Receiver, TryRecvError};

use super::ClaimdeskApp;
use crate::article::{Article, ArticleError, parse_pasted};
use crate::fetch::{self, Fetched, Limits};
use crate::html::Extraction;
use crate::timestamp::Timestamp;
use crate::workspace::{self, Workspace};
use std::path::Path;
use std::time::Duration;

/// The Open URL dialog.
#[derive(Default)]
pub struct WebPageDialog {
    url: String,
    state: State,
}

#[derive(Default)]
enum State {
    /// Typing the address; the last failure, if any.
    #[default]
    Editing,
    Failed(String),
    /// Fetching the page, or reading its article, on a worker thread.
    Working(Receiver<Outcome>),
    /// The page has no article body: take its whole visible text?
    NoArticle {
        fetched: Box<Fetched>,
        message: String,
    },
}

/// What the worker thread found.
enum Outcome {
    Article(Box<Fetched>, Box<Article>),
    NoArticle(Box<Fetched>, String),
    Failed(String),
}

/// The article of a fetched page, read as `extraction` says (a large page takes a while:
/// this runs on the worker thread, never in a frame).
fn read_fetched(fetched: Fetched, extraction: Extraction) -> Outcome {
    match fetch::article_of(&fetched, extraction) {
        Ok(article) => Outcome::Article(Box::new(fetched), Box::new(article)),
        Err(err) if err.is_no_article() => Outcome::NoArticle(Box::new(fetched), err.to_string()),
        Err(err) => Outcome::Failed(err.to_string()),
    }
}

/// Runs `work` on a worker thread, asking for a frame when it is done.
fn spawn_work(
    ctx: &egui::Context,
    work: impl FnOnce() -> Outcome + Send + 'static,
) -> Receiver<Outcome> {
    let (sender, receiver) = std::sync::mpsc::channel();
    let repaint = ctx.clone();
    std::thread::spawn(move || {
        // The dialog may have been cancelled meanwhile: then nobody listens.
        let _ = sender.send(work());
        repaint.request_repaint();
    });
    receiver
}

/// What the dialog asks for this frame.
enum Answer {
    Fetch,
    WholePage,
    Cancel,
}

impl ClaimdeskApp {
    /// A saved page without an article body: take its whole visible text?
    pub(super) fn whole_page_offer_ui(&mut self, ctx: &egui::Context) {
        let Some((path, message)) = &self.whole_page_offer else {
            return;
        };
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("whole_page_offer")).show(ctx, |ui| {
            ui.set_width(480.0);
            ui.heading("No article found");
            ui.label(message.as_str());
            ui.horizontal(|ui| {
                if ui.button("Use the whole visible text").clicked() {
                    answer = Some(true);
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    answer = Some(false);
                }
            });
        });
        let Some(accepted) = answer else {
            return;
        };
        let path = path.clone();
        self.whole_page_offer = None;
        if !accepted {
            return;
        }
        match Workspace::open_article(&path, Extraction::WholePage, Timestamp::now()) {
            Ok(mut opened) => {
                opened.mark_unsaved();
                self.install_workspace(opened);
            }
            Err(err) => self.error(format!("Could not open {}: {err}", path.display())),
        }
    }

    pub(super) fn web_page_dialog_ui(&mut self, ctx: &egui::Context) {
        self.whole_page_offer_ui(ctx);
        let Some(dialog) = &mut self.web_page_dialog else {
            return;
        };
        // Finished work.
        if let State::Working(job) = &dialog.state {
            match job.try_recv() {
                Ok(Outcome::Article(fetched, article)) => {
                    self.web_page_dialog = None;
                    self.open_fetched(*fetched, *article);
                    return;
                }
                Ok(Outcome::NoArticle(fetched, message)) => {
                    dialog.state = State::NoArticle { fetched, message };
                }
                Ok(Outcome::Failed(message)) => dialog.state = State::Failed(message),
                Err(TryRecvError::Empty) => ctx.request_repaint_after(Duration::from_millis(100)),
                Err(TryRecvError::Disconnected) => {
                    dialog.state = State::Failed("The fetch stopped unexpectedly.".to_owned());
                }
            }
        }
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("web_page_dialog")).show(ctx, |ui| {
            ui.set_width(520.0);
            ui.heading("Open a web page");
            ui.label(
                "The page is fetched, its article text and details (author, date, address) \
                 read, and its HTML archived beside the review when you save it.",
            );
            ui.add_space(4.0);
            let is_editing = matches!(dialog.state, State::Editing | State::Failed(_));
            let label = ui.label("Address (http:// or https://)");
            let field = ui
                .add_enabled(
                    is_editing,
                    egui::TextEdit::singleline(&mut dialog.url)
                        .hint_text("https://")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            if is_editing && !field.has_focus() && dialog.url.is_empty() {
                field.request_focus();
            }
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            match &dialog.state {
                State::Failed(message) => {
                    ui.colored_label(ui.visuals().error_fg_color, message);
                }
                State::Working(_) => {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label("Fetching…");
                    });
                }
                State::NoArticle { message, .. } => {
                    ui.colored_label(ui.visuals().warn_fg_color, message);
                }
                State::Editing => {}
            }
            ui.add_space(4.0);
            ui.horizontal(|ui| {
                if is_editing {
                    let can_fetch = !dialog.url.trim().is_empty();
                    if ui
                        .add_enabled(can_fetch, egui::Button::new("Fetch"))
                        .clicked()
                        || (entered && can_fetch)
                    {
                        answer = Some(Answer::Fetch);
                    }
                }
                if matches!(dialog.state, State::NoArticle { .. })
                    && ui.button("Use the whole visible text").clicked()
                {
                    answer = Some(Answer::WholePage);
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    answer = Some(Answer::Cancel);
                }
            });
        });
        match answer {
            Some(Answer::Fetch) => {
                let url = dialog.url.trim().to_owned();
                dialog.state = State::Working(spawn_work(ctx, move || {
                    match fetch::fetch(&url, &Limits::default()) {
                        Ok(fetched) => read_fetched(fetched, Extraction::MainText),
                        Err(err) => Outcome::Failed(err.to_string()),
                    }
                }));
            }
            Some(Answer::WholePage) => {
                if let State::NoArticle { fetched, .. } = std::mem::take(&mut dialog.state) {
                    dialog.state = State::Working(spawn_work(ctx, move || {
                        read_fetched(*fetched, Extraction::WholePage)
                    }));
                }
            }
            // A fetch still running finishes on its own; its answer is dropped.
            Some(Answer::Cancel) => self.web_page_dialog = None,
            None => {}
        }
    }

    /// Shows a new, unsaved review of the fetched page's `article`; the page's bytes are
    /// archived by the first save.
    fn open_fetched(&mut self, fetched: Fetched, article: Article) {
        let record = article.meta.fetch.clone();
        let title = article.title.clone();
        match workspace::session_from_text(
            article,
            Some(fetched.final_url.clone()),
            Timestamp::now(),
        ) {
            Ok(session) => {
                let n_sentences = session
                    .documents()
                    .first()
                    .map_or(0, |d| d.sentences().len());
                let mut opened = Workspace::new(session, None);
                if let Some(record) = record
                    && let Err(err) = opened.keep_page(record, fetched.bytes)
                {
                    self.error(format!("The page could not be kept for archiving: {err}"));
                }
                opened.mark_unsaved();
                self.install_workspace(opened);
                self.info(format!(
                    "Fetched “{title}” ({n_sentences} sentences) from {}. Save the review to \
                     archive the page beside it.",
                    fetched.final_url
                ));
            }
            Err(err) => self.error(format!("The page gave no valid review: {err}")),
        }
    }

    /// A new review of the clipboard: its HTML (the visible text of what was copied),
    /// else its plain text.
    pub(super) fn new_from_clipboard(&mut self) {
        let mut clipboard = match arboard::Clipboard::new() {
            Ok(clipboard) => clipboard,
            Err(err) => {
                self.error(format!("The clipboard cannot be read: {err}"));
                return;
            }
        };
        let html = clipboard.get().html().ok();
        let text = clipboard.get_text().ok();
        let article =
            match parse_pasted(html.as_deref(), text.as_deref(), Path::new("the clipboard")) {
                Ok(article) => Ok(article),
                Err(ArticleError::Empty { .. }) => {
                    Err("The clipboard holds no text to review.".to_owned())
                }
                Err(err) => Err(err.to_string()),
            };
        match article.and_then(|article| {
            workspace::session_from_text(article, None, Timestamp::now()).map_err(|e| e.to_string())
        }) {
            Ok(session) => {
                let mut opened = Workspace::new(session, None);
                opened.mark_unsaved();
                self.install_workspace(opened);
                self.info("A new review of the clipboard's text. Save it to keep it.".to_owned());
            }
            Err(message) => self.error(message),
        }
    }
}
