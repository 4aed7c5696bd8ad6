//! Everything the user can ask for, with its label and keyboard shortcuts, in one table, so
//! menus, key handling and the help overlay never drift apart.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::export::Format;
use crate::model::{ClaimId, DocId, Status, Verdict};
use crate::word_bounds::SpanEnd;

/// A request from a menu, a button or a key, carried out by the app at the end of a frame.
#[derive(Clone, Debug, PartialEq)]
pub enum AppCommand {
    NewFromArticle,
    /// Fetch a web page and review its article (File > Open URL…).
    OpenWebPage,
    /// Start a review of the clipboard's text or HTML.
    NewFromClipboard,
    /// Add an article (e.g. a translation) to the open review.
    AddDocument,
    Open,
    OpenPath(PathBuf),
    Save,
    SaveAs,
    Close,
    Undo,
    Redo,
    Find,
    ShowHelp,
    NextSentence,
    PreviousSentence,
    NextClaim,
    PreviousClaim,
    ToggleClaim,
    SetVerdict(Verdict),
    /// Set the selected claim's status.
    SetStatus(Status),
    AddSource,
    /// Open a source's address in the browser (only http, https and mailto ever are).
    OpenUrl(String),
    Export,
    Import(Format),
    /// Switch between the article and the parallel view.
    ToggleCompare,
    /// Show or hide the claims panel (left).
    ToggleClaimsPanel,
    /// Show or hide the inspector (right).
    ToggleInspector,
    /// Align two documents (and mark the second as the first's translation).
    AlignDocuments(DocId, DocId),
    /// Merge row `row` of the alignment of `a` and `b` with the next row.
    MergePairs {
        a: DocId,
        b: DocId,
        row: usize,
    },
    /// Split row `row` of the alignment of `a` and `b`.
    SplitPair {
        a: DocId,
        b: DocId,
        row: usize,
    },
    /// Dismiss (or restore) a divergence flag of the alignment stored as `a`–`b`.
    DismissFlag {
        a: DocId,
        b: DocId,
        divergence: crate::align::Divergence,
        dismiss: bool,
    },
    /// Create, in the other document, the claim at the counterpart of the selected one.
    CreateLinkedClaim,
    /// Link two claims as counterparts.
    LinkClaims(ClaimId, ClaimId),
    /// Remove a claim's link (both directions).
    UnlinkClaim(ClaimId),
    /// Select a claim (and show its document).
    SelectClaim(ClaimId),
    /// Scroll the article a page, or to its start or end.
    Scroll(ScrollTarget),
    /// Move one end of the selected span by a word (`true`: take in one more word).
    AdjustSpan(SpanEnd, bool),
    /// Open the window listing the session's merge conflicts.
    ShowConflicts,
    /// Choose a reviewer's session to compare with the open one (adjudication).
    CompareReviews,
    /// Compare this reviewer's session with the open one.
    AddReview(PathBuf),
    /// Leave the adjudication view.
    CloseComparison,
    /// In the adjudication view, go to the next sentence where reviewers disagree.
    NextDisagreement,
    /// …and the previous one.
    PreviousDisagreement,
    /// Show an error message.
    ShowError(String),
    /// Replace the current document's text by a newer version of the article.
    UpdateDocument,
    /// Show the current document's previous and current text side by side.
    CompareVersions,
    /// Split the selected sentence where the selected words start (hand correction).
    SplitSentence,
    /// Merge the selected sentence with the next one (hand correction).
    MergeWithNextSentence,
}

/// Where a scroll key takes the article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScrollTarget {
    PageUp,
    PageDown,
    Top,
    Bottom,
}

/// A key binding: a key with modifiers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Binding {
    pub modifiers: Modifiers,
    pub key: Key,
}

const fn plain(key: Key) -> Binding {
    Binding {
        modifiers: Modifiers::NONE,
        key,
    }
}

const fn shift(key: Key) -> Binding {
    Binding {
        modifiers: Modifiers::SHIFT,
        key,
    }
}

const fn alt(key: Key) -> Binding {
    Binding {
        modifiers: Modifiers::ALT,
        key,
    }
}

const fn command(key: Key) -> Binding {
    Binding {
        modifiers: Modifiers::COMMAND,
        key,
    }
}

const fn command_shift(key: Key) -> Binding {
    Binding {
        modifiers: Modifiers::COMMAND.plus(Modifiers::SHIFT),
        key,
    }
}

impl Binding {
    /// Whether the binding uses Ctrl/Cmd (such bindings also work while typing).
    pub fn is_command(self) -> bool {
        self.modifiers.command
    }

    /// As shown in menus and help, e.g. "Ctrl+Shift+S".
    pub fn text(self, ctx: &egui::Context) -> String {
        if self.key == Key::Questionmark && self.modifiers.is_none() {
            return "?".to_owned();
        }
        ctx.format_shortcut(&KeyboardShortcut::new(self.modifiers, self.key))
            .replace("OpenBracket", "[")
            .replace("CloseBracket", "]")
    }
}

impl AppCommand {
    /// The commands shown in the help overlay and bound to keys, in help order.
    pub fn with_shortcuts() -> Vec<AppCommand> {
        let mut all = vec![
            AppCommand::NextSentence,
            AppCommand::PreviousSentence,
            AppCommand::NextClaim,
            AppCommand::PreviousClaim,
            AppCommand::ToggleClaim,
        ];
        all.extend(Verdict::ALL.iter().map(|&v| AppCommand::SetVerdict(v)));
        all.extend(Status::ALL.iter().map(|&s| AppCommand::SetStatus(s)));
        all.extend([
            AppCommand::AddSource,
            AppCommand::ToggleCompare,
            AppCommand::ToggleClaimsPanel,
            AppCommand::ToggleInspector,
            AppCommand::Scroll(ScrollTarget::PageDown),
            AppCommand::Scroll(ScrollTarget::PageUp),
            AppCommand::Scroll(ScrollTarget::Top),
            AppCommand::Scroll(ScrollTarget::Bottom),
            AppCommand::AdjustSpan(SpanEnd::End, true),
            AppCommand::AdjustSpan(SpanEnd::End, false),
            AppCommand::AdjustSpan(SpanEnd::Start, true),
            AppCommand::AdjustSpan(SpanEnd::Start, false),
            AppCommand::Save,
            AppCommand::SaveAs,
            AppCommand::Open,
            AppCommand::NewFromClipboard,
            AppCommand::Undo,
            AppCommand::Redo,
            AppCommand::Find,
            AppCommand::SplitSentence,
            AppCommand::MergeWithNextSentence,
            AppCommand::NextDisagreement,
            AppCommand::PreviousDisagreement,
            AppCommand::ShowHelp,
        ]);
        all
    }

    /// The menu and help label.
    pub fn label(&self) -> String {
        match self {
            AppCommand::NewFromArticle => "New from article…".to_owned(),
            AppCommand::OpenWebPage => "Open URL…".to_owned(),
            AppCommand::NewFromClipboard => "New review from clipboard".to_owned(),
            AppCommand::AddDocument => "Add document (e.g. a translation)…".to_owned(),
            AppCommand::Open => "Open…".to_owned(),
            AppCommand::OpenPath(path) => format!("Open {}", path.display()),
            AppCommand::Save => "Save".to_owned(),
            AppCommand::SaveAs => "Save as…".to_owned(),
            AppCommand::Close => "Close".to_owned(),
            AppCommand::Undo => "Undo".to_owned(),
            AppCommand::Redo => "Redo".to_owned(),
            AppCommand::Find => "Find…".to_owned(),
            AppCommand::ShowHelp => "Keyboard shortcuts".to_owned(),
            AppCommand::ShowConflicts => "Merge conflicts…".to_owned(),
            AppCommand::CompareReviews => "Compare reviews…".to_owned(),
            AppCommand::AddReview(path) => format!("Compare with {}", path.display()),
            AppCommand::CloseComparison => "Back to the article".to_owned(),
            AppCommand::NextDisagreement => "Next disagreement (comparing reviews)".to_owned(),
            AppCommand::PreviousDisagreement => {
                "Previous disagreement (comparing reviews)".to_owned()
            }
            AppCommand::ShowError(_) => "Show an error".to_owned(),
            AppCommand::UpdateDocument => "Update document from file…".to_owned(),
            AppCommand::CompareVersions => "Compare versions".to_owned(),
            AppCommand::SplitSentence => {
                "Split the sentence where the selected words start".to_owned()
            }
            AppCommand::MergeWithNextSentence => "Merge the sentence with the next".to_owned(),
            AppCommand::NextSentence => "Next sentence".to_owned(),
            AppCommand::PreviousSentence => "Previous sentence".to_owned(),
            AppCommand::NextClaim => "Next claim".to_owned(),
            AppCommand::PreviousClaim => "Previous claim".to_owned(),
            AppCommand::ToggleClaim => "Mark / unmark the selection as a claim".to_owned(),
            AppCommand::SetVerdict(verdict) => format!("Verdict: {}", verdict.label()),
            AppCommand::AddSource => "Add a source to the claim".to_owned(),
            AppCommand::SetStatus(status) => format!("Status: {}", status.label()),
            AppCommand::OpenUrl(_) => "Open in browser".to_owned(),
            AppCommand::Export => "Export…".to_owned(),
            AppCommand::Import(format) => format!("{}…", format.label()),
            AppCommand::ToggleCompare => "Compare original and translation".to_owned(),
            AppCommand::ToggleClaimsPanel => "Show or hide the claims panel".to_owned(),
            AppCommand::ToggleInspector => "Show or hide the inspector".to_owned(),
            AppCommand::AlignDocuments(..) => "Align the documents".to_owned(),
            AppCommand::MergePairs { .. } => "Merge aligned rows".to_owned(),
            AppCommand::SplitPair { .. } => "Split an aligned row".to_owned(),
            AppCommand::DismissFlag { dismiss: true, .. } => "Dismiss the flag".to_owned(),
            AppCommand::DismissFlag { dismiss: false, .. } => "Restore the flag".to_owned(),
            AppCommand::CreateLinkedClaim => "Create the linked claim".to_owned(),
            AppCommand::LinkClaims(..) => "Link claims".to_owned(),
            AppCommand::UnlinkClaim(_) => "Unlink claim".to_owned(),
            AppCommand::SelectClaim(_) => "Go to claim".to_owned(),
            AppCommand::Scroll(ScrollTarget::PageDown) => "Scroll down a page".to_owned(),
            AppCommand::Scroll(ScrollTarget::PageUp) => "Scroll up a page".to_owned(),
            AppCommand::Scroll(ScrollTarget::Top) => "Go to the start of the text".to_owned(),
            AppCommand::Scroll(ScrollTarget::Bottom) => "Go to the end of the text".to_owned(),
            AppCommand::AdjustSpan(SpanEnd::End, true) => "Extend the span by a word".to_owned(),
            AppCommand::AdjustSpan(SpanEnd::End, false) => {
                "Shorten the span by a word (at its end)".to_owned()
            }
            AppCommand::AdjustSpan(SpanEnd::Start, true) => {
                "Extend the span by a word at its start".to_owned()
            }
            AppCommand::AdjustSpan(SpanEnd::Start, false) => {
                "Shorten the span by a word at its start".to_owned()
            }
        }
    }

    /// The key bindings, the first being the one menus show.
    pub fn bindings(&self) -> Vec<Binding> {
        match self {
            AppCommand::Open => vec![command(Key::O)],
            AppCommand::Save => vec![command(Key::S)],
            AppCommand::SaveAs => vec![command_shift(Key::S)],
            AppCommand::Undo => vec![command(Key::Z)],
            AppCommand::Redo => vec![command_shift(Key::Z), command(Key::Y)],
            AppCommand::Find => vec![command(Key::F)],
            AppCommand::ShowHelp => vec![plain(Key::F1), plain(Key::Questionmark)],
            AppCommand::NextSentence => vec![plain(Key::ArrowDown), plain(Key::J)],
            AppCommand::PreviousSentence => vec![plain(Key::ArrowUp), plain(Key::K)],
            AppCommand::NextClaim => vec![plain(Key::N)],
            AppCommand::PreviousClaim => vec![plain(Key::P)],
            AppCommand::ToggleClaim => vec![plain(Key::Enter), plain(Key::C)],
            AppCommand::SetVerdict(verdict) => vec![plain(digit_key(*verdict))],
            AppCommand::AddSource => vec![plain(Key::S)],
            AppCommand::SetStatus(Status::Done) => vec![plain(Key::D)],
            AppCommand::SetStatus(Status::InReview) => vec![plain(Key::R)],
            AppCommand::SetStatus(Status::Todo) => vec![plain(Key::U)],
            AppCommand::NewFromClipboard => vec![command_shift(Key::V)],
            AppCommand::NewFromArticle
            | AppCommand::OpenWebPage
            | AppCommand::AddDocument
            | AppCommand::OpenPath(_)
            | AppCommand::Close
            | AppCommand::Export
            | AppCommand::Import(_)
            | AppCommand::AlignDocuments(..)
            | AppCommand::MergePairs { .. }
            | AppCommand::SplitPair { .. }
            | AppCommand::DismissFlag { .. }
            | AppCommand::CreateLinkedClaim
            | AppCommand::LinkClaims(..)
            | AppCommand::UnlinkClaim(_)
            | AppCommand::SelectClaim(_)
            | AppCommand::ShowConflicts
            | AppCommand::CompareReviews
            | AppCommand::AddReview(_)
            | AppCommand::CloseComparison
            | AppCommand::ShowError(_)
            | AppCommand::UpdateDocument
            | AppCommand::CompareVersions
            | AppCommand::OpenUrl(_) => Vec::new(),
            AppCommand::NextDisagreement => vec![plain(Key::CloseBracket)],
            AppCommand::SplitSentence => vec![alt(Key::S)],
            AppCommand::MergeWithNextSentence => vec![alt(Key::M)],
            AppCommand::PreviousDisagreement => vec![plain(Key::OpenBracket)],
            AppCommand::ToggleCompare => vec![plain(Key::T)],
            AppCommand::ToggleClaimsPanel => vec![command(Key::OpenBracket)],
            AppCommand::ToggleInspector => vec![command(Key::CloseBracket)],
            AppCommand::Scroll(ScrollTarget::PageDown) => vec![plain(Key::PageDown)],
            AppCommand::Scroll(ScrollTarget::PageUp) => vec![plain(Key::PageUp)],
            AppCommand::Scroll(ScrollTarget::Top) => vec![plain(Key::Home), command(Key::Home)],
            AppCommand::Scroll(ScrollTarget::Bottom) => vec![plain(Key::End), command(Key::End)],
            AppCommand::AdjustSpan(SpanEnd::End, true) => vec![shift(Key::ArrowRight)],
            AppCommand::AdjustSpan(SpanEnd::End, false) => vec![shift(Key::ArrowLeft)],
            AppCommand::AdjustSpan(SpanEnd::Start, true) => vec![command_shift(Key::ArrowLeft)],
            AppCommand::AdjustSpan(SpanEnd::Start, false) => vec![command_shift(Key::ArrowRight)],
        }
    }

    /// The bindings as text, e.g. "↓ or J".
    pub fn bindings_text(&self, ctx: &egui::Context) -> String {
        self.bindings()
            .iter()
            .map(|binding| binding.text(ctx))
            .collect::<Vec<_>>()
            .join(" or ")
    }
}

fn digit_key(verdict: Verdict) -> Key {
    match crate::ui::theme::verdict_digit(verdict) {
        1 => Key::Num1,
        2 => Key::Num2,
        3 => Key::Num3,
        4 => Key::Num4,
        5 => Key::Num5,
        6 => Key::Num6,
        7 => Key::Num7,
        _ => Key::Num0,
    }
}

/// How long after a text field had the keyboard (or after a key that typing made
/// inert) plain keys still count as typing: a burst that began in a field never turns
/// into commands when focus moves mid-burst (Escape, Tab onto a button).
pub const TYPING_GRACE_SECS: f64 = 0.6;

fn typing_memory_id() -> egui::Id {
    egui::Id::unique("claimdesk-last-typing")
}

/// Notes, at the end of a frame, whether a text field has the keyboard: the next frame's
/// keys may have been meant for it (see [`TYPING_GRACE_SECS`]).
pub fn note_typing(ctx: &egui::Context) {
    if ctx.text_edit_focused() {
        let now = ctx.input(|i| i.time);
        ctx.data_mut(|data| data.insert_temp(typing_memory_id(), now));
    }
}

/// Whether a key event counts as typing text (a character, not a modifier chord).
fn is_typed_key(event: &egui::Event) -> bool {
    matches!(
        event,
        egui::Event::Key { pressed: true, modifiers, .. } if !(modifiers.command || modifiers.ctrl)
    ) || matches!(event, egui::Event::Text(_))
}

/// The commands whose keys were pressed this frame, consuming those key presses. While a
/// text field has focus, or had it moments ago, only Ctrl/Cmd bindings count (and not
/// undo/redo, which belong to the field), so typing never triggers commands. Plain keys
/// match their binding exactly: Shift+5 (`%`) is not 5.
pub fn commands_from_keys(ctx: &egui::Context) -> Vec<AppCommand> {
    let now = ctx.input(|i| i.time);
    let last_typing = ctx.data(|data| data.get_temp::<f64>(typing_memory_id()));
    let is_recent = last_typing.is_some_and(|then| now - then < TYPING_GRACE_SECS);
    let is_typing = ctx.text_edit_focused() || is_recent;
    // Keys typed during the grace period extend it: the burst is still typing.
    if is_recent && ctx.input(|i| i.events.iter().any(is_typed_key)) {
        ctx.data_mut(|data| data.insert_temp(typing_memory_id(), now));
    }
    // With the claim list focused, the arrow keys belong to the list.
    let is_in_list = ctx.memory(|m| m.has_focus(claims_list_focus_id()));
    let mut bindings: Vec<(Binding, AppCommand)> = AppCommand::with_shortcuts()
        .into_iter()
        .flat_map(|cmd| {
            cmd.bindings()
                .into_iter()
                .map(move |binding| (binding, cmd.clone()))
        })
        .filter(|(binding, _)| {
            !(is_in_list
                && binding.modifiers.is_none()
                && matches!(binding.key, Key::ArrowDown | Key::ArrowUp))
        })
        .filter(|(binding, cmd)| {
            // Undo, redo and Ctrl+Home/End belong to the text field while typing.
            !is_typing
                || (binding.is_command()
                    && !matches!(
                        cmd,
                        AppCommand::Undo
                            | AppCommand::Redo
                            | AppCommand::Scroll(_)
                            | AppCommand::AdjustSpan(..)
                    ))
        })
        .collect();
    // Bindings with more modifiers first, so Ctrl+Shift+S is not taken for Ctrl+S.
    bindings.sort_by_key(|(binding, _)| std::cmp::Reverse(modifier_count(binding.modifiers)));
    let mut fired = Vec::new();
    ctx.input_mut(|input| {
        for (binding, cmd) in bindings {
            let shortcut = KeyboardShortcut::new(binding.modifiers, binding.key);
            let pressed = if binding.is_command() {
                input.consume_shortcut(&shortcut)
            } else if is_character_key(binding.key) {
                consume_exact(input, binding.modifiers, binding.key)
            } else {
                input.consume_key(binding.modifiers, binding.key)
            };
            if pressed && !fired.contains(&cmd) {
                fired.push(cmd);
            }
        }
    });
    fired
}

/// Letters and digits: keys whose shifted form is another character (`%`, `C`), so a
/// plain binding must not fire for them with Shift or Alt held.
fn is_character_key(key: Key) -> bool {
    let name = key.name();
    name.len() == 1 && name.chars().all(|c| c.is_ascii_alphanumeric())
}

/// Consumes presses of `key` with exactly `modifiers`.
fn consume_exact(input: &mut egui::InputState, modifiers: Modifiers, key: Key) -> bool {
    let mut found = false;
    input.events.retain(|event| {
        let is_match = matches!(
            event,
            egui::Event::Key { key: k, modifiers: m, pressed: true, .. }
                if *k == key && m.matches_exact(modifiers)
        );
        found |= is_match;
        !is_match
    });
    found
}

fn modifier_count(modifiers: Modifiers) -> u8 {
    u8::from(modifiers.command || modifiers.ctrl)
        + u8::from(modifiers.shift)
        + u8::from(modifiers.alt)
}

/// The id of the claim list's one focus stop (Tab lands on the list, arrows move in it):
/// here, because which keys reach the list depends on whether it has focus.
pub fn claims_list_focus_id() -> egui::Id {
    egui::Id::unique("claims_list_focus")
}
