//! UI tests on the real app, headless with egui_kittest: clicks by accessible label, key
//! presses, and assertions on the session the app holds. Every frame also runs kittest's
//! accessibility check (every input widget must have a name).
#![cfg(feature = "gui")]

use std::path::{Path, PathBuf};

use claimdesk::intent::{ClaimField, Edit};
use claimdesk::model::{SentenceId, Status, Verdict};
use claimdesk::ui::app::{AppOptions, ClaimdeskApp, Preferences, StartWith};
use claimdesk::ui::view::Selection;
use egui::{Key, Modifiers, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::NodeT as _;
use egui_kittest::kittest::Queryable as _;

/// A temporary copy of the example session, and the folder it is in.
fn example_session() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("review.ron");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/mali-review.ron");
    std::fs::copy(example, &path).expect("copy example session");
    (dir, path)
}

fn harness_for(start: StartWith, autosave_dir: &Path) -> Harness<'static, ClaimdeskApp> {
    harness_with_step(start, autosave_dir, 0.25)
}

/// A harness whose frames are `step_secs` apart (kittest's default is 0.25 s; keyboard
/// timing tests want a real frame rate).
fn harness_with_step(
    start: StartWith,
    autosave_dir: &Path,
    step_secs: f32,
) -> Harness<'static, ClaimdeskApp> {
    let app = ClaimdeskApp::new(
        start,
        Preferences::default(),
        AppOptions {
            use_native_dialogs: false,
            untitled_autosave_dir: Some(autosave_dir.to_owned()),
        },
    );
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1400.0, 900.0))
        .with_step_dt(step_secs)
        .build_ui_state(|ui, app: &mut ClaimdeskApp| app.show(ui), app);
    harness.run_steps(3);
    harness
}

const SIDIBE: &str = "Met grove halen knipt Oumar Sidibé het polyester in stukken.";
const WERKBANK: &str =
    "Op zijn werkbank rangschikt hij de rafelige repen, van boven naar beneden: wit, blauw, rood.";
const NAAIMACHINE: &str = "Nog even onder de naaimachine en klaar.";

fn n_claims(harness: &Harness<'_, ClaimdeskApp>) -> usize {
    harness.state().session().map_or(0, |s| s.claims().len())
}

/// The claims of `session` that the sample review does not have, oldest first (claims
/// made in the same second in text order, which is the order these tests make them in).
fn added_claims(session: &claimdesk::model::Session) -> Vec<claimdesk::model::Claim> {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/mali-review.ron");
    let sample = claimdesk::store::load(&example).expect("sample").session;
    let mut added: Vec<_> = session
        .claims()
        .iter()
        .filter(|c| sample.claim(c.id).is_none())
        .cloned()
        .collect();
    added.sort_by_key(|c| (c.created, c.doc, c.anchor.start));
    added
}

fn newest_claim(harness: &Harness<'_, ClaimdeskApp>) -> claimdesk::model::Claim {
    let session = harness.state().session().expect("session open");
    added_claims(session).pop().expect("a new claim")
}

/// The claim of `session` whose wording starts with `text`.
fn claim_starting(session: &claimdesk::model::Session, text: &str) -> claimdesk::model::Claim {
    session
        .claims()
        .iter()
        .find(|c| c.text.starts_with(text))
        .unwrap_or_else(|| panic!("a claim starting {text:?}"))
        .clone()
}

#[test]
fn click_mark_rate_by_click_and_key_add_source_undo_redo() {
    let (dir, path) = example_session();
    let mut harness = harness_for(StartWith::File(path), dir.path());
    let before = n_claims(&harness);

    harness.get_by_label(SIDIBE).click();
    harness.run_steps(2);
    assert_eq!(
        harness.state().view().selection,
        Some(Selection::sentence(
            claimdesk::model::DocId(0),
            SentenceId(0)
        ))
    );

    harness.get_by_label("Mark as claim  (Enter)").click();
    harness.run_steps(2);
    assert_eq!(n_claims(&harness), before + 1);
    assert_eq!(newest_claim(&harness).text, SIDIBE);

    // Verdict by click, then by shortcut.
    // A verdict button's accessible name carries its key.
    harness.get_by_label("False 5").click();
    harness.run_steps(2);
    assert_eq!(newest_claim(&harness).verdict, Verdict::False);
    harness.key_press(Key::Num3);
    harness.run_steps(2);
    assert_eq!(newest_claim(&harness).verdict, Verdict::HalfTrue);

    // Status by click.
    harness.get_by_label("Done").click();
    harness.run_steps(2);
    assert_eq!(newest_claim(&harness).status, Status::Done);

    // Add a source and type its URL; every keystroke is in the session at once, and the
    // whole burst of typing is one undo step.
    harness.get_by_label("Add source  (S)").click();
    harness.run_steps(3);
    assert_eq!(newest_claim(&harness).sources.len(), 1);
    let url_field = harness.get_by_label("Source 1 URL");
    url_field.focus();
    url_field.type_text("https://example.org/evidence");
    harness.run_steps(2);
    assert_eq!(
        newest_claim(&harness).sources[0].url,
        "https://example.org/evidence",
        "committed while typing"
    );
    harness.key_press(Key::Enter);
    harness.run_steps(3);
    assert_eq!(
        newest_claim(&harness).sources[0].url,
        "https://example.org/evidence"
    );

    // Undo takes back the URL as one step, then the source; redo puts both back.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    assert_eq!(newest_claim(&harness).sources[0].url, "");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    assert!(newest_claim(&harness).sources.is_empty());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
    harness.run_steps(3);
    assert_eq!(
        newest_claim(&harness).sources[0].url,
        "https://example.org/evidence"
    );
}

#[test]
fn shift_click_marks_a_multi_sentence_claim() {
    let (dir, path) = example_session();
    let mut harness = harness_for(StartWith::File(path), dir.path());
    harness.get_by_label(WERKBANK).click();
    harness.run_steps(2);
    harness
        .get_by_label(NAAIMACHINE)
        .click_modifiers(Modifiers::SHIFT);
    harness.run_steps(2);
    harness.key_press(Key::Enter);
    harness.run_steps(2);
    let claim = newest_claim(&harness);
    assert_eq!(
        (claim.anchor.first, claim.anchor.last),
        (SentenceId(1), SentenceId(2))
    );
    assert_eq!(claim.text, format!("{WERKBANK} {NAAIMACHINE}"));
}

#[test]
fn keyboard_alone_j_j_j_c_5_ctrl_s_saves_a_false_claim() {
    let (dir, path) = example_session();
    let mut harness = harness_for(StartWith::File(path.clone()), dir.path());
    let before = claimdesk::store::load(&path)
        .expect("load")
        .session
        .claims()
        .len();
    for key in [Key::J, Key::J, Key::J, Key::C, Key::Num5] {
        harness.key_press(key);
        harness.run_steps(2);
    }
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_steps(2);
    let saved = claimdesk::store::load(&path).expect("reload").session;
    assert_eq!(saved.claims().len(), before + 1);
    let claim = added_claims(&saved).pop().expect("new claim");
    assert_eq!(claim.verdict, Verdict::False);
    assert_eq!(claim.anchor.first, SentenceId(2));
    assert!(!harness.state().workspace().expect("open").is_dirty());
}

#[test]
fn a_file_saved_elsewhere_is_not_overwritten_and_edits_can_be_reapplied() {
    let (dir, path) = example_session();
    let mut harness = harness_for(StartWith::File(path.clone()), dir.path());
    for key in [Key::J, Key::J, Key::C, Key::Num5] {
        harness.key_press(key);
        harness.run_steps(2);
    }
    // Meanwhile another program saves the file: one claim fewer.
    let mut other = claimdesk::store::load(&path).expect("load").session;
    let removed = other.claims()[0].id;
    let edit = claimdesk::intent::remove_claim_edit(
        &other,
        removed,
        claimdesk::timestamp::Timestamp::EPOCH,
    );
    other.apply(edit).expect("apply");
    claimdesk::store::save(&other, &path, claimdesk::store::Expect::AnySession).expect("save");
    let theirs = std::fs::read(&path).expect("read");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_steps(3);
    assert_eq!(
        std::fs::read(&path).expect("read"),
        theirs,
        "nothing overwritten"
    );
    harness.get_by_label("Reload and re-apply my edits").click();
    harness.run_steps(3);
    let reloaded = harness.state().session().expect("open");
    assert!(reloaded.claim(removed).is_none(), "their removal is kept");
    assert_eq!(
        reloaded.claims().len(),
        other.claims().len() + 1,
        "my claim is back"
    );

    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_steps(3);
    let saved = claimdesk::store::load(&path).expect("load").session;
    assert_eq!(saved.claims().len(), n_claims(&harness));
    assert!(saved.claim(removed).is_none());
    assert!(!harness.state().workspace().expect("open").is_dirty());
}

#[test]
fn save_as_through_the_path_prompt_and_load_back_equal() {
    let (dir, path) = example_session();
    let mut harness = harness_for(StartWith::File(path), dir.path());
    harness.key_press(Key::J);
    harness.key_press(Key::Num6);
    harness.run_steps(2);
    harness.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S);
    harness.run_steps(2);
    let target = dir.path().join("copy.ron");
    let field = harness.get_by_label("Path");
    assert_eq!(
        field.value().as_deref(),
        dir.path().join("review.ron").to_str(),
        "the prompt suggests the current file"
    );
    field.focus();
    harness.run_steps(1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_label("Path")
        .type_text(target.to_str().expect("utf-8 path"));
    harness.run_steps(1);
    harness.get_by_label("OK").click();
    harness.run_steps(3);
    let loaded = claimdesk::store::load(&target).expect("saved copy").session;
    assert_eq!(Some(&loaded), harness.state().session());
    assert_eq!(
        harness.state().workspace().and_then(|w| w.path()),
        Some(target.as_path())
    );
}

#[test]
fn typing_in_a_field_does_not_trigger_shortcuts() {
    let (dir, path) = example_session();
    let mut harness = harness_for(StartWith::File(path), dir.path());
    harness.key_press(Key::J);
    harness.key_press(Key::C);
    harness.run_steps(2);
    let before = n_claims(&harness);
    let claimant = harness.get_by_label("Claimant");
    claimant.focus();
    harness.run_steps(1);
    harness.key_press(Key::C);
    harness.key_press(Key::J);
    harness.key_press(Key::Num5);
    harness.run_steps(2);
    assert_eq!(n_claims(&harness), before, "c did not toggle the claim");
    assert_eq!(
        newest_claim(&harness).verdict,
        Verdict::Unrated,
        "5 did not rate"
    );
}

#[test]
fn opening_a_damaged_session_shows_an_error_and_leaves_it_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("broken.ron");
    std::fs::write(&path, "(\n    version: 1,\n    meta: (").expect("write");
    let harness = harness_for(StartWith::File(path.clone()), dir.path());
    assert!(harness.state().session().is_none());
    let notices = harness.state().notices();
    assert_eq!(notices.len(), 1);
    assert!(notices[0].is_error);
    assert!(
        notices[0].text.contains("broken.ron:"),
        "{}",
        notices[0].text
    );
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "(\n    version: 1,\n    meta: ("
    );
}

#[test]
fn autosave_is_offered_for_recovery_on_next_start() {
    let (dir, path) = example_session();
    let mut harness = harness_for(StartWith::File(path.clone()), dir.path());
    harness.key_press(Key::J);
    harness.key_press(Key::Num1);
    harness.run_steps(2);
    harness.state_mut().autosave_now();
    harness.state_mut().wait_for_autosave();
    let edited = harness.state().session().cloned();
    drop(harness); // A crash: no save, no clean exit.

    let mut harness = harness_for(StartWith::File(path), dir.path());
    harness.get_by_label("Recover").click();
    harness.run_steps(2);
    assert_eq!(harness.state().session().cloned(), edited);
    assert!(harness.state().workspace().expect("open").is_dirty());
}

/// A mouse-wheel step (negative: scroll down).
fn wheel(delta_y: f32) -> egui::Event {
    egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: Vec2::new(0.0, delta_y),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Unknown,
        modifiers: Modifiers::NONE,
    }
}

fn pointer_button(pos: egui::Pos2, pressed: bool) -> egui::Event {
    egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    }
}

#[test]
fn dragging_inside_a_sentence_marks_a_span() {
    let (dir, path) = example_session();
    let mut harness = harness_for(StartWith::File(path), dir.path());
    let rect = harness.get_by_label(SIDIBE).rect();
    let from = egui::pos2(rect.left() + 2.0, rect.center().y);
    let to = egui::pos2(rect.left() + 160.0, rect.center().y);
    harness.event(egui::Event::PointerMoved(from));
    harness.event(pointer_button(from, true));
    harness.run_steps(1);
    for step in 1..=8 {
        let t = step as f32 / 8.0;
        harness.event(egui::Event::PointerMoved(from + (to - from) * t));
        harness.run_steps(1);
    }
    harness.event(pointer_button(to, false));
    harness.run_steps(2);
    let selection = harness
        .state()
        .view()
        .selection
        .clone()
        .expect("a selection");
    let span = selection.span.clone().expect("a sub-sentence span");
    assert_eq!(span.start, 0);
    assert!(
        span.end > 5 && span.end < SIDIBE.chars().count(),
        "{span:?}"
    );

    harness.key_press(Key::Enter);
    harness.run_steps(2);
    let claim = newest_claim(&harness);
    assert_eq!(claim.anchor.range(), span);
    assert!(SIDIBE.starts_with(&claim.text) && claim.text.len() < SIDIBE.len());
}

#[test]
fn only_visible_sentences_are_laid_out_and_scrolling_moves_them() {
    let (dir, path) = example_session();
    let mut harness = harness_for(StartWith::File(path), dir.path());
    let last = "In tegenstelling tot al die anderen die hier de afgelopen tien jaar waren.";
    assert!(harness.query_by_label(SIDIBE).is_some());
    let n_below = harness.query_all_by_label_contains(last).count();
    assert_eq!(n_below, 0, "far below the window");
    harness.event(egui::Event::PointerMoved(egui::pos2(650.0, 450.0)));
    for _ in 0..40 {
        harness.event(wheel(-200.0));
        harness.run_steps(1);
    }
    harness.run_steps(5);
    assert!(
        harness.query_by_label(SIDIBE).is_none(),
        "scrolled out of view"
    );
    let n_visible = harness.query_all_by_label_contains(last).count();
    assert!(n_visible > 0, "scrolled into view");
}

/// Opens a menu of the menu bar and clicks an item whose accessible name starts with `item`.
fn menu_click(harness: &mut Harness<'_, ClaimdeskApp>, menu: &str, item: &str) {
    harness.get_by_label(menu).click();
    menu_click_item(harness, item);
}

#[test]
fn mouse_alone_tag_three_claims_with_sources_save_and_reopen() {
    let (dir, path) = example_session();
    let mut harness = harness_for(StartWith::File(path.clone()), dir.path());
    let before = n_claims(&harness);
    for (sentence, verdict) in [
        (SIDIBE, "True 1"),
        (WERKBANK, "Half true 3"),
        (NAAIMACHINE, "Unverifiable 7"),
    ] {
        harness.get_by_label(sentence).click();
        harness.run_steps(2);
        harness.get_by_label("Mark as claim  (Enter)").click();
        harness.run_steps(2);
        harness.get_by_label(verdict).click();
        harness.run_steps(2);
        harness.get_by_label("Add source  (S)").click();
        harness.run_steps(3);
        let url = harness.get_by_label("Source 1 URL");
        url.focus();
        url.type_text("https://example.org/source");
        harness.run_steps(1);
        // Clicking elsewhere (the claim's own sentence) commits the field.
        harness.get_by_label(sentence).click();
        harness.run_steps(3);
    }
    menu_click(&mut harness, "File", "Save");
    assert!(!harness.state().workspace().expect("open").is_dirty());

    menu_click(&mut harness, "File", "Close");
    assert!(harness.state().session().is_none());
    harness.get_by_label("File").click();
    harness.run_steps(2);
    harness.get_by_label("Open recent").click();
    harness.run_steps(2);
    let recent = std::fs::canonicalize(&path).expect("canonical path");
    harness
        .get_by_label(recent.to_str().expect("utf-8"))
        .click();
    harness.run_steps(3);

    let session = harness.state().session().expect("reopened");
    assert_eq!(session.claims().len(), before + 3);
    let new_claims = added_claims(session);
    let verdicts: Vec<Verdict> = new_claims.iter().map(|c| c.verdict).collect();
    assert_eq!(
        verdicts,
        [Verdict::True, Verdict::HalfTrue, Verdict::Unverifiable]
    );
    assert!(
        new_claims
            .iter()
            .all(|c| c.sources.len() == 1 && c.sources[0].url == "https://example.org/source")
    );
}

#[test]
fn closing_with_unsaved_changes_asks_first() {
    let (dir, path) = example_session();
    let mut harness = harness_for(StartWith::File(path), dir.path());
    harness.key_press(Key::J);
    harness.key_press(Key::C);
    harness.run_steps(2);
    menu_click(&mut harness, "File", "Close");
    assert!(
        harness.state().session().is_some(),
        "not closed before answering"
    );
    harness.get_by_label("Cancel").click();
    harness.run_steps(2);
    assert!(harness.state().workspace().expect("still open").is_dirty());

    menu_click(&mut harness, "File", "Close");
    harness.get_by_label("Don't save").click();
    harness.run_steps(2);
    assert!(harness.state().session().is_none());
}

/// A file dropped onto the window, as the windowing integration would hand it over.
#[derive(Debug)]
struct DroppedPath(PathBuf);

impl egui::DroppedFile for DroppedPath {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|err| err.to_string())
    }
}

#[test]
fn dropping_an_article_opens_it_as_a_new_review() {
    let dir = tempfile::tempdir().expect("tempdir");
    let article = dir.path().join("dropped.md");
    std::fs::write(
        &article,
        "# Dropped story\n\nIt rained in Bamako. Nobody was surprised.",
    )
    .expect("write");
    let mut harness = harness_for(StartWith::Nothing, dir.path());
    assert!(harness.state().session().is_none());
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(DroppedPath(article)));
    harness.run_steps(3);
    let session = harness.state().session().expect("opened");
    assert_eq!(session.documents()[0].title, "Dropped story");
    assert_eq!(session.n_sentences(), 3);
    assert_eq!(harness.state().workspace().and_then(|w| w.path()), None);
}

/// Replaces the path prompt's text and confirms it.
fn answer_path_prompt(harness: &mut Harness<'_, ClaimdeskApp>, path: &Path) {
    let field = harness.get_by_label("Path");
    field.focus();
    harness.run_steps(1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_label("Path")
        .type_text(path.to_str().expect("utf-8 path"));
    harness.run_steps(1);
    harness.get_by_label("OK").click();
    harness.run_steps(3);
}

#[test]
fn export_from_the_menu_then_import_it_back() {
    let (dir, path) = example_session();
    let mut harness = harness_for(StartWith::File(path), dir.path());
    let original = harness.state().session().cloned().expect("session");

    menu_click(&mut harness, "File", "Export");
    harness.get_by_label_contains("doccano JSONL").click();
    harness.run_steps(2);
    assert!(
        harness
            .query_by_label_contains("7 claim(s) will be written")
            .is_some()
    );
    harness.get_by_label("Choose file and export").click();
    harness.run_steps(3);
    let exported = dir.path().join("review.jsonl");
    answer_path_prompt(&mut harness, &exported);
    let text = std::fs::read_to_string(&exported).expect("export written");
    assert_eq!(text.lines().count(), 2, "one line per document");
    assert!(
        harness
            .state()
            .notices()
            .iter()
            .any(|n| n.text.starts_with("Exported 7 claim(s)"))
    );

    menu_click(&mut harness, "File", "Import");
    menu_click_item(&mut harness, "doccano JSONL");
    answer_path_prompt(&mut harness, &exported);
    let imported = harness.state().workspace().expect("imported");
    assert_eq!(imported.path(), None);
    assert!(imported.is_dirty(), "an import is unsaved work");
    let verdicts = |s: &claimdesk::model::Session| -> Vec<Verdict> {
        s.claims().iter().map(|c| c.verdict).collect()
    };
    assert_eq!(verdicts(imported.session()), verdicts(&original));
}

/// Clicks an item of an open (sub)menu whose accessible name starts with `item`.
fn menu_click_item(harness: &mut Harness<'_, ClaimdeskApp>, item: &str) {
    harness.run_steps(2);
    harness
        .get_all_by_label_contains(item)
        .find(|node| {
            node.accesskit_node()
                .label()
                .is_some_and(|l| l.starts_with(item))
        })
        .unwrap_or_else(|| panic!("menu item {item:?}"))
        .click();
    // One frame for the click, one for a dialog's sizing pass, one to show it.
    harness.run_steps(3);
}

#[test]
fn compare_align_link_counterparts_and_correct_the_alignment() {
    use claimdesk::model::DocId;
    let (dir, path) = example_session();
    // Start from the two articles, not yet aligned.
    let mut session = claimdesk::store::load(&path).expect("load").session;
    let mut edits: Vec<Edit> = session
        .alignments()
        .iter()
        .map(|al| Edit::SetAlignment {
            a: al.a,
            b: al.b,
            alignment: None,
        })
        .collect();
    edits.push(Edit::SetTranslationOf {
        doc: DocId(1),
        of: None,
    });
    for claim in session.claims().iter().filter(|c| c.counterpart.is_some()) {
        edits.push(Edit::SetClaimField {
            id: claim.id,
            value: ClaimField::Counterpart(None),
            modified: claim.modified,
        });
    }
    session.apply(Edit::Batch(edits)).expect("unalign");
    claimdesk::store::save(&session, &path, claimdesk::store::Expect::AnySession).expect("save");
    let mut harness = harness_for(StartWith::File(path), dir.path());
    harness.key_press(Key::T);
    harness.run_steps(2);
    harness.get_by_label("Align").click();
    harness.run_steps(3);
    let session = harness.state().session().expect("session").clone();
    assert_eq!(session.documents()[1].translation_of, Some(DocId(0)));
    let alignment = session.alignment(DocId(0), DocId(1)).expect("aligned");
    assert!(!alignment.is_edited);
    // What the aligner makes of the two documents on this machine (with a dictionary
    // when one is installed); tests/alignment.rs checks the bundled example against the
    // aligner without one.
    let expected =
        claimdesk::align::align_documents(&session.documents()[0], &session.documents()[1]);
    assert_eq!(
        alignment.pairs, expected,
        "Align stores the aligner's output"
    );
    // Divergences are marked in the margin, with their detail on hover. Rows are laid out
    // only when in view: the year divergence shows after scrolling down.
    assert!(harness.query_all_by_label("ONLY A").count() >= 1);
    assert_eq!(harness.query_all_by_label("DATE").count(), 0);
    harness.event(egui::Event::PointerMoved(egui::pos2(650.0, 450.0)));
    for _ in 0..30 {
        if harness.query_all_by_label("DATE").count() > 0 {
            break;
        }
        harness.event(wheel(-150.0));
        harness.run_steps(1);
    }
    assert!(harness.query_all_by_label("DATE").count() >= 1);

    // A flag the reviewer has checked is dismissed from its context menu: an edit, saved
    // with the alignment, that undo takes back.
    // Let the scrolling settle, so the flag is where the click lands.
    harness.run_steps(20);
    let n_dates = harness.query_all_by_label("DATE").count();
    harness
        .get_all_by_label("DATE")
        .next()
        .expect("a DATE flag")
        .click_secondary();
    harness.run_steps(2);
    harness.get_by_label("Dismiss this flag").click();
    harness.run_steps(3);
    let dismissed = |harness: &Harness<'_, ClaimdeskApp>| {
        harness
            .state()
            .session()
            .and_then(|s| s.alignment(DocId(0), DocId(1)))
            .map(|al| al.dismissed.clone())
            .unwrap_or_default()
    };
    let flags = dismissed(&harness);
    assert_eq!(flags.len(), 1, "{flags:?}");
    assert_eq!(flags[0].0, claimdesk::align::DivergenceKind::Date);
    assert_eq!(harness.query_all_by_label("DATE").count(), n_dates - 1);
    harness.get_by_label("Show 1 dismissed").click();
    harness.run_steps(2);
    assert_eq!(harness.query_all_by_label("DATE").count(), n_dates);
    harness.get_by_label("Show 1 dismissed").click();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(3);
    assert!(dismissed(&harness).is_empty());
    assert_eq!(harness.query_all_by_label("DATE").count(), n_dates);

    // The "since last year" claim links to the "sinds 2020" claim on its counterpart.
    let session = harness.state().session().expect("session").clone();
    let since = claim_starting(&session, "In the new military regime");
    let sinds = claim_starting(&session, "Maar sinds 2020");
    let (since_label, sinds_label) = (session.claim_label(since.id), session.claim_label(sinds.id));
    harness.key_press(Key::T);
    harness.run_steps(2);
    harness
        .get_all_by_label_contains(&format!("{since_label} In the new military regime"))
        .next()
        .expect("the claim in the list")
        .click();
    harness.run_steps(2);
    harness
        .get_by_label(&format!("Link to claim {sinds_label} (its counterpart)"))
        .click();
    harness.run_steps(2);
    let session = harness.state().session().expect("session");
    assert_eq!(
        session.claim(since.id).and_then(|c| c.counterpart),
        Some(sinds.id)
    );
    assert_eq!(
        session.claim(sinds.id).and_then(|c| c.counterpart),
        Some(since.id)
    );
    harness
        .get_by_label(&format!("Go to claim {sinds_label}"))
        .click();
    harness.run_steps(2);
    let shown = harness.state().view().selection.clone().expect("selection");
    assert_eq!(
        (shown.doc, shown.first),
        (DocId(0), claimdesk::model::SentenceId(11))
    );
    harness.get_by_label("Unlink").click();
    harness.run_steps(2);
    let session = harness.state().session().expect("session");
    assert_eq!(session.claim(since.id).and_then(|c| c.counterpart), None);
    assert_eq!(session.claim(sinds.id).and_then(|c| c.counterpart), None);
    let session = session.clone();

    // The "ten years ago" claim gets a new linked claim on its Dutch counterpart.
    let english = claim_starting(&session, "Mali has been in a spiral");
    harness
        .get_all_by_label_contains(&format!(
            "{} Mali has been in a spiral",
            session.claim_label(english.id)
        ))
        .next()
        .expect("the claim in the list")
        .click();
    harness.run_steps(2);
    harness.get_by_label("Create the linked claim").click();
    harness.run_steps(2);
    let session = harness.state().session().expect("session").clone();
    let linked = added_claims(&session).pop().expect("linked claim");
    assert_eq!(linked.doc, DocId(0));
    assert_eq!(linked.counterpart, Some(english.id));
    assert_eq!(
        session.claim(english.id).and_then(|c| c.counterpart),
        Some(linked.id)
    );
    assert!(linked.text.contains("in 2011"), "{}", linked.text);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    let session = harness.state().session().expect("session");
    assert_eq!(session.claim(english.id).and_then(|c| c.counterpart), None);

    // Split an aligned row of the parallel view by hand; the correction is saved state.
    let pairs = session
        .alignment(DocId(0), DocId(1))
        .expect("aligned")
        .pairs
        .clone();
    harness.key_press(Key::T);
    harness.run_steps(2);
    // The row's corrections show once the row is selected (a click on one of its
    // sentences); other rows carry no buttons.
    assert!(harness.query_by_label_contains("Split row").is_none());
    let session = harness.state().session().expect("session").clone();
    let first_a = |pair: &claimdesk::model::AlignedPair| {
        session
            .document(DocId(0))
            .and_then(|doc| doc.sentence_text(SentenceId(pair.a[0])))
            .expect("sentence")
            .replace('\n', " ")
    };
    // Rows are laid out only when in view: the first aligned row on screen.
    let row = pairs
        .iter()
        .position(|p| {
            !p.a.is_empty()
                && !p.b.is_empty()
                && harness.query_all_by_label_contains(&first_a(p)).count() > 0
        })
        .expect("an aligned row in view");
    harness
        .get_all_by_label_contains(&first_a(&pairs[row]))
        .last()
        .expect("the sentence in the parallel view")
        .click();
    harness.run_steps(2);
    let split_label = format!("Split row {}", row + 1);
    let split = harness.get_by_label(&split_label);
    split.click();
    harness.run_steps(2);
    let session = harness.state().session().expect("session");
    let alignment = session.alignment(DocId(0), DocId(1)).expect("aligned");
    assert!(alignment.is_edited);
    assert_eq!(alignment.pairs.len(), pairs.len() + 1);
}

#[test]
fn page_keys_and_home_end_move_through_a_long_article() {
    // A long article of numbered paragraphs: "Paragraph 0 says …", "Paragraph 1 says …", …
    let dir = tempfile::tempdir().expect("tempdir");
    let article = dir.path().join("long.txt");
    let text: String = (0..3000)
        .map(|i| format!("Paragraph {i} says something worth checking.\n\n"))
        .collect();
    std::fs::write(&article, text).expect("write article");
    let mut harness = harness_for(StartWith::File(article), dir.path());
    let first = "Paragraph 0 says something worth checking.";
    let last = "Paragraph 2999 says something worth checking.";
    assert!(harness.query_by_label(first).is_some());

    harness.key_press(Key::PageDown);
    harness.run_steps(3);
    assert!(harness.query_by_label(first).is_none(), "a page down");
    let visible_after_page = visible_paragraphs(&harness);
    assert!(
        visible_after_page.first().is_some_and(|&p| p > 5),
        "{visible_after_page:?}"
    );
    harness.key_press(Key::PageUp);
    harness.run_steps(3);
    assert!(harness.query_by_label(first).is_some(), "and back up");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::End);
    harness.run_steps(3);
    assert!(
        harness.query_by_label(last).is_some(),
        "Ctrl+End reaches the end"
    );
    harness.key_press(Key::Home);
    harness.run_steps(3);
    assert!(
        harness.query_by_label(first).is_some(),
        "Home returns to the start"
    );
    harness.key_press(Key::End);
    harness.run_steps(3);
    assert!(
        harness.query_by_label(last).is_some(),
        "End reaches the end"
    );
}

/// The numbers of the "Paragraph N says …" sentences on screen, in order.
fn visible_paragraphs(harness: &Harness<'_, ClaimdeskApp>) -> Vec<usize> {
    let mut numbers: Vec<usize> = harness
        .query_all_by_label_contains("says something worth checking")
        .filter_map(|node| {
            let label = node.accesskit_node().label()?;
            label.split_whitespace().nth(1)?.parse().ok()
        })
        .collect();
    numbers.sort_unstable();
    numbers
}

/// Marks the first sentence as a claim and adds one source; returns the claim's id.
fn claim_with_a_source(harness: &mut Harness<'_, ClaimdeskApp>) -> claimdesk::model::ClaimId {
    harness.get_by_label_contains(SIDIBE).click();
    harness.run_steps(2);
    harness.get_by_label("Mark as claim  (Enter)").click();
    harness.run_steps(2);
    harness.get_by_label("Add source  (S)").click();
    harness.run_steps(3);
    newest_claim(harness).id
}

#[test]
fn typed_source_fields_survive_a_click_on_the_stance_and_are_saved() {
    let (dir, path) = example_session();
    let mut harness = harness_for(StartWith::File(path.clone()), dir.path());
    let id = claim_with_a_source(&mut harness);
    for (field, text) in [
        ("Source 1 quoted passage", "Zeker 10.000 mensen kwamen om"),
        ("Source 1 publisher", "ACLED"),
        ("Source 1 title", "Mali: conflict data"),
    ] {
        let node = harness.get_by_label(field);
        node.focus();
        node.type_text(text);
        // The click comes in the same frame as the last keystrokes, as a fast hand does.
        harness.get_by_label("Refutes").click();
        harness.run_steps(2);
    }
    harness.get_by_label("Context").click();
    harness.run_steps(2);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_steps(3);
    let saved = claimdesk::store::load(&path).expect("load").session;
    let source = &saved.claim(id).expect("claim").sources[0];
    assert_eq!(source.quote, "Zeker 10.000 mensen kwamen om");
    assert_eq!(source.publisher, "ACLED");
    assert_eq!(source.title, "Mali: conflict data");
    assert_eq!(source.stance, claimdesk::model::Stance::Context);
}

#[test]
fn fast_typing_then_tab_loses_no_character() {
    let (dir, path) = example_session();
    let mut harness = harness_for(StartWith::File(path), dir.path());
    let id = claim_with_a_source(&mut harness);
    harness.get_by_label("Source 1 URL").focus();
    harness.run_steps(1);
    // Every key and the Tab after it arrive within one frame (15 ms per key): the URL,
    // Tab to the title, the title, Tab on.
    // Everything arrives in one frame; the app paces it as eframe's input hook does
    // (a Tab in a frame of its own), so each key reaches the field it was typed for.
    for text in ["https://acled.example/mali", "Rapport"] {
        for c in text.chars() {
            harness.event(egui::Event::Text(c.to_string()));
        }
        harness.key_press(Key::Tab);
    }
    for _ in 0..6 {
        let ctx = harness.ctx.clone();
        let mut input = std::mem::take(harness.input_mut());
        harness.state_mut().pace_input(&ctx, &mut input);
        *harness.input_mut() = input;
        harness.step();
    }
    let session = harness.state().session().expect("open");
    let source = &session.claim(id).expect("claim").sources[0];
    assert_eq!(source.url, "https://acled.example/mali");
    assert_eq!(source.title, "Rapport");
}

#[test]
fn undo_shows_what_it_changes_and_says_it_in_the_reviewers_words() {
    let (dir, path) = example_session();
    let mut harness = harness_for(StartWith::File(path), dir.path());
    let id = claim_with_a_source(&mut harness);
    let note = harness.get_by_label("Rationale");
    note.focus();
    note.type_text("ACLED counts fewer deaths.");
    harness.run_steps(2);
    harness.key_press(Key::Escape);
    harness.run_steps(2);
    let label = harness.state().session().expect("open").claim_label(id);
    assert_eq!(
        harness.state().workspace().expect("open").undo_label(),
        Some(format!("Edit rationale of claim {label}").as_str()),
        "one step for the whole burst of typing, named in the reviewer's words"
    );
    // Go somewhere else, then undo: the view comes back to the claim it changes.
    for _ in 0..6 {
        harness.key_press(Key::J);
        harness.run_steps(1);
    }
    harness.run_steps(2);
    let selected = |harness: &Harness<'_, ClaimdeskApp>| {
        let state = harness.state();
        let session = state.session().expect("open");
        state
            .view()
            .selection
            .as_ref()
            .and_then(|selection| claimdesk::ui::view::claim_for_selection(session, selection))
    };
    assert_ne!(selected(&harness), Some(id));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(3);
    assert_eq!(selected(&harness), Some(id));
    let session = harness.state().session().expect("open");
    assert_eq!(session.claim(id).expect("claim").note, "");
}

#[test]
fn the_format_picked_with_the_mouse_is_the_format_written() {
    let (dir, path) = example_session();
    let mut harness = harness_for(StartWith::File(path), dir.path());
    menu_click(&mut harness, "File", "Export");
    // A pointer click at the option, as a hand does.
    harness
        .get_by_label_contains("CSV (one row per claim)")
        .click();
    harness.run_steps(2);
    harness.get_by_label("Choose file and export").click();
    harness.run_steps(3);
    let csv = dir.path().join("mali-claims.csv");
    answer_path_prompt(&mut harness, &csv);
    let text = std::fs::read_to_string(&csv).expect("export written");
    assert!(text.starts_with("session,document,"), "{text}");
    assert_eq!(
        text.lines().count(),
        1 + 7,
        "a header and one row per claim"
    );

    // A name that says another format is refused, with the reason.
    menu_click(&mut harness, "File", "Export");
    harness.get_by_label_contains("ClaimReview").click();
    harness.run_steps(2);
    harness.get_by_label("Choose file and export").click();
    harness.run_steps(3);
    answer_path_prompt(&mut harness, &csv);
    // The file exists: the prompt asks first, and a second OK goes ahead.
    assert!(
        harness
            .query_by_label_contains("Press OK again to replace it")
            .is_some()
    );
    harness.get_by_label("OK").click();
    harness.run_steps(3);
    assert!(
        std::fs::read_to_string(&csv)
            .expect("still there")
            .starts_with("session,")
    );
    assert!(
        harness
            .state()
            .notices()
            .iter()
            .any(|n| n.is_error && n.text.contains("named like a CSV"))
    );
}

fn selected_claim(harness: &Harness<'_, ClaimdeskApp>) -> Option<claimdesk::model::ClaimId> {
    let state = harness.state();
    let session = state.session()?;
    let selection = state.view().selection.as_ref()?;
    claimdesk::ui::view::claim_for_selection(session, selection)
}

fn search_claims(harness: &mut Harness<'_, ClaimdeskApp>, text: &str) {
    let search = harness.get_by_label("Search");
    search.focus();
    harness.run_steps(1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label("Search").type_text(text);
    harness.run_steps(2);
}

#[test]
fn claim_list_shows_status_and_document_searches_sources_and_says_when_empty() {
    let (dir, path) = example_session();
    let mut harness = harness_for(StartWith::File(path), dir.path());
    let session = harness.state().session().cloned().expect("open");
    // Every row says its status, and (with two documents) which document.
    assert!(harness.query_all_by_label("done").count() >= 3);
    // Documents by the id the command line and the file use (`--doc 1`).
    assert!(harness.query_all_by_label("doc 1").count() >= 1);
    assert_eq!(harness.query_all_by_label("doc 2").count(), 0);

    // A publisher of a source finds its claim.
    let (claim, publisher) = session
        .claims()
        .iter()
        .find_map(|c| {
            c.sources
                .iter()
                .find(|s| !s.publisher.is_empty())
                .map(|s| (c.id, s.publisher.clone()))
        })
        .expect("a source with a publisher in the sample");
    search_claims(&mut harness, &publisher);
    let label = session.claim_label(claim);
    assert!(
        harness.query_by_label_contains(&label).is_some(),
        "{publisher}"
    );

    search_claims(&mut harness, "no claim says this");
    assert!(
        harness
            .query_by_label("No claims match the filter.")
            .is_some()
    );
}

#[test]
fn n_goes_on_into_the_next_document() {
    let (dir, path) = example_session();
    let mut harness = harness_for(StartWith::File(path), dir.path());
    let session = harness.state().session().cloned().expect("open");
    let first_doc = session.documents()[0].id;
    let n_first = session.claims_in(first_doc).len();
    for _ in 0..=n_first {
        harness.key_press(Key::N);
        harness.run_steps(1);
    }
    harness.run_steps(1);
    let claim = selected_claim(&harness).expect("a claim selected");
    let second_doc = session.documents()[1].id;
    assert_eq!(session.claim(claim).expect("claim").doc, second_doc);
    assert_eq!(harness.state().view().doc, second_doc);
}

#[test]
fn keyboard_sets_status_closes_help_with_escape_and_tabs_into_the_list_once() {
    let (dir, path) = example_session();
    let mut harness = harness_for(StartWith::File(path), dir.path());
    harness.key_press(Key::N);
    harness.run_steps(2);
    let claim = selected_claim(&harness).expect("claim");
    let status = |harness: &Harness<'_, ClaimdeskApp>| {
        harness
            .state()
            .session()
            .and_then(|s| s.claim(claim))
            .map(|c| c.status)
    };
    harness.key_press(Key::R);
    harness.run_steps(2);
    assert_eq!(status(&harness), Some(Status::InReview));
    harness.key_press(Key::D);
    harness.run_steps(2);
    assert_eq!(status(&harness), Some(Status::Done));

    let help_text = "Single-key shortcuts work whenever no text field has focus.";
    harness.key_press(Key::F1);
    harness.run_steps(2);
    assert!(harness.query_by_label(help_text).is_some());
    harness.key_press(Key::Escape);
    harness.run_steps(2);
    assert!(harness.query_by_label(help_text).is_none());

    // From the search field, one Tab reaches the list; the arrows then move in it.
    let search = harness.get_by_label("Search");
    search.focus();
    harness.run_steps(1);
    harness.key_press(Key::Tab);
    harness.run_steps(2);
    let list = harness.get_by_label("Claim list (arrow keys move)");
    assert!(list.is_focused());
    let before = selected_claim(&harness);
    harness.key_press(Key::ArrowDown);
    harness.run_steps(2);
    assert_ne!(selected_claim(&harness), before);
    assert!(
        harness
            .get_by_label("Claim list (arrow keys move)")
            .is_focused()
    );
}

#[test]
fn file_prompts_start_from_the_session_and_keep_a_bad_folder_open() {
    let (dir, path) = example_session();
    let mut harness = harness_for(StartWith::File(path.clone()), dir.path());
    assert!(harness.state().window_title().starts_with("review.ron"));
    harness.key_press(Key::J);
    harness.key_press(Key::C);
    harness.run_steps(2);
    assert!(harness.state().window_title().starts_with("● review.ron"));

    menu_click(&mut harness, "File", "Export");
    harness
        .get_by_label_contains("CSV (one row per claim)")
        .click();
    harness.run_steps(2);
    harness.get_by_label("Choose file and export").click();
    harness.run_steps(3);
    let suggested = dir.path().join("review.csv");
    assert_eq!(
        harness.get_by_label("Path").value().as_deref(),
        Some(suggested.to_str().expect("utf-8"))
    );
    let missing = dir.path().join("no-such-folder").join("claims.csv");
    answer_path_prompt(&mut harness, &missing);
    assert!(
        harness
            .query_by_label_contains("There is no folder")
            .is_some(),
        "the prompt stays open and says why"
    );
    answer_path_prompt(&mut harness, &suggested);
    assert!(suggested.exists());
}

/// The rectangle of the article's first paragraph (the longest text starting with it).
fn first_paragraph(harness: &Harness<'_, ClaimdeskApp>) -> egui::Rect {
    harness
        .get_all_by_label_contains(SIDIBE)
        .max_by_key(|node| node.accesskit_node().label().map_or(0, |l| l.len()))
        .expect("the first paragraph")
        .rect()
}

fn harness_sized(path: &Path, dir: &Path, size: Vec2) -> Harness<'static, ClaimdeskApp> {
    let app = ClaimdeskApp::new(
        StartWith::File(path.to_owned()),
        Preferences::default(),
        AppOptions {
            use_native_dialogs: false,
            untitled_autosave_dir: Some(dir.to_owned()),
        },
    );
    let mut harness = Harness::builder()
        .with_size(size)
        .build_ui_state(|ui, app: &mut ClaimdeskApp| app.show(ui), app);
    harness.run_steps(3);
    harness
}

#[test]
fn a_small_window_keeps_the_article_readable_and_panels_can_be_hidden() {
    let (dir, path) = example_session();
    let mut harness = harness_sized(&path, dir.path(), Vec2::new(900.0, 600.0));
    // From the article's left edge to the inspector's (or the window's) right.
    let article_width = |harness: &Harness<'_, ClaimdeskApp>| {
        let right = harness
            .query_by_label("Nothing selected")
            .map_or(900.0, |inspector| inspector.rect().left());
        right - first_paragraph(harness).left()
    };
    let width = article_width(&harness);
    assert!(width >= 400.0, "article {width} px wide in a 900 px window");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::OpenBracket);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::CloseBracket);
    harness.run_steps(20); // The panels slide away.
    let wider = article_width(&harness);
    assert!(wider > width + 300.0, "{wider} after hiding both panels");
    assert!(harness.query_by_label("Rationale").is_none());
}

#[test]
fn the_layout_holds_still_under_the_pointer() {
    let (dir, path) = example_session();
    let mut harness = harness_for(StartWith::File(path), dir.path());
    // Marking leaves the verdict buttons where they were.
    harness.key_press(Key::J);
    harness.run_steps(2);
    let before = harness.get_by_label("False 5").rect();
    harness.key_press(Key::Enter);
    harness.run_steps(2);
    assert!(harness.query_by_label("Unmark claim  (Enter)").is_some());
    assert_eq!(harness.get_by_label("False 5").rect(), before);

    // A notice does not push the content down.
    let paragraph = first_paragraph(&harness);
    harness.state_mut().run_command(
        claimdesk::ui::command::AppCommand::OpenUrl("javascript:alert(1)".to_owned()),
        &egui::Context::default(),
    );
    harness.run_steps(2);
    assert!(
        harness
            .state()
            .notices()
            .iter()
            .any(|n| n.text.starts_with("Not opened"))
    );
    let with_notice = first_paragraph(&harness);
    assert_eq!(with_notice.top(), paragraph.top());

    // Removing a source keeps its place: the next source's Remove is not under the pointer.
    harness.key_press(Key::P);
    harness.run_steps(2);
    for _ in 0..2 {
        harness.get_by_label("Add source  (S)").click();
        harness.run_steps(3);
    }
    let remove_first = harness.get_by_label("Remove source 1").rect();
    harness.get_by_label("Remove source 1").click();
    harness.run_steps(3);
    let remove_next = harness.get_by_label("Remove source 1").rect();
    assert!(
        !remove_next.contains(remove_first.center()),
        "the remaining source's Remove slid under the pointer"
    );
    harness.get_by_label("Undo  (Ctrl+Z)").click();
    harness.run_steps(3);
    assert!(harness.query_by_label("Remove source 2").is_some());
}

#[test]
fn a_long_document_title_does_not_widen_the_inspector() {
    let (dir, path) = example_session();
    let mut harness = harness_for(StartWith::File(path), dir.path());
    harness.key_press(Key::N);
    harness.run_steps(2);
    let width = harness.get_by_label("Rationale").rect().width();
    let session = harness.state().session().cloned().expect("open");
    let english = session.documents()[1].id;
    let claim = session.claims_in(english)[0].id;
    harness.state_mut().run_command(
        claimdesk::ui::command::AppCommand::SelectClaim(claim),
        &egui::Context::default(),
    );
    harness.run_steps(3);
    assert_eq!(harness.get_by_label("Rationale").rect().width(), width);
}

#[test]
fn progress_survives_reopening_and_a_translation_can_be_added_from_the_menu() {
    let (dir, path) = example_session();
    let mut harness = harness_for(StartWith::File(path.clone()), dir.path());
    for _ in 0..3 {
        harness.key_press(Key::J);
        harness.run_steps(1);
    }
    harness.run_steps(1);
    assert!(
        harness
            .query_by_label_contains("Sentences visited: 3 of")
            .is_some()
    );
    harness.state_mut().open_path(&path);
    harness.run_steps(3);
    assert!(
        harness
            .query_by_label_contains("Sentences visited: 3 of")
            .is_some(),
        "reopening keeps the progress"
    );
    assert!(
        harness
            .query_by_label_contains("2 documents · 107 sentences · 7 claims")
            .is_some()
    );

    let article = dir.path().join("vertaling.txt");
    std::fs::write(
        &article,
        "Mali en Rusland\n\nEen korte vertaling. Nog een zin.",
    )
    .expect("write");
    menu_click(&mut harness, "File", "Add document");
    answer_path_prompt(&mut harness, &article);
    let session = harness.state().session().expect("open");
    assert_eq!(session.documents().len(), 3);
    assert_eq!(session.documents()[2].title, "Mali en Rusland");
    assert!(harness.state().workspace().expect("open").is_dirty());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    assert_eq!(
        harness.state().session().expect("open").documents().len(),
        2
    );
}

#[test]
fn two_claims_starting_on_one_line_both_show_their_codes() {
    let (dir, path) = example_session();
    let mut harness = harness_for(StartWith::File(path), dir.path());
    // The first two sentences start on the article's first line.
    for key in [Key::J, Key::Num5, Key::J, Key::Num1] {
        harness.key_press(key);
        harness.run_steps(2);
    }
    assert!(
        harness
            .query_by_label("Claims starting on this line: False, True")
            .is_some()
    );
}

#[test]
fn a_rough_drag_snaps_to_words_and_shift_arrows_move_either_end() {
    let (dir, path) = example_session();
    let mut harness = harness_for(StartWith::File(path), dir.path());
    let rect = harness.get_by_label(SIDIBE).rect();
    // From inside "Met" to somewhere inside a later word: no pixel precision.
    let from = egui::pos2(rect.left() + 9.0, rect.center().y);
    let to = egui::pos2(rect.left() + 131.0, rect.center().y);
    harness.event(egui::Event::PointerMoved(from));
    harness.event(pointer_button(from, true));
    harness.run_steps(1);
    for step in 1..=8 {
        let t = step as f32 / 8.0;
        harness.event(egui::Event::PointerMoved(from + (to - from) * t));
        harness.run_steps(1);
    }
    harness.event(pointer_button(to, false));
    harness.run_steps(2);
    let selected_text = |harness: &Harness<'_, ClaimdeskApp>| {
        let state = harness.state();
        let session = state.session().expect("open");
        let selection = state.view().selection.clone().expect("selection");
        let doc = session.document(selection.doc).expect("doc");
        doc.slice(selection.char_range(doc).expect("range"))
            .expect("text")
            .to_owned()
    };
    let text = selected_text(&harness);
    assert!(text.starts_with("Met "), "{text:?}");
    let words: Vec<&str> = SIDIBE.split(' ').collect();
    assert!(
        (1..words.len()).any(|n| words[..n].join(" ") == text),
        "whole words only: {text:?}"
    );

    let n_words = text.split(' ').count();
    harness.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    harness.run_steps(2);
    assert_eq!(selected_text(&harness), words[..=n_words].join(" "));
    harness.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::ArrowRight);
    harness.run_steps(2);
    assert_eq!(selected_text(&harness), words[1..=n_words].join(" "));

    // On a marked claim, the keys move the claim's own span, undoably.
    harness.key_press(Key::Enter);
    harness.run_steps(2);
    harness.key_press_modifiers(Modifiers::SHIFT, Key::ArrowLeft);
    harness.run_steps(2);
    let claim = newest_claim(&harness);
    assert_eq!(claim.anchor.quote.exact, words[1..n_words].join(" "));
    assert_eq!(claim.text, claim.anchor.quote.exact);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    assert_eq!(
        newest_claim(&harness).anchor.quote.exact,
        words[1..=n_words].join(" ")
    );
}

#[test]
fn the_compare_view_follows_the_claim_list_and_names_verdicts() {
    let (dir, path) = example_session();
    let mut harness = harness_for(StartWith::File(path), dir.path());
    harness.key_press(Key::T);
    harness.run_steps(3);
    let session = harness.state().session().cloned().expect("open");
    // The last claim of the English text, far down the parallel view.
    let english = session.documents()[1].id;
    let claim = session
        .claims_in(english)
        .last()
        .copied()
        .cloned()
        .expect("claim");
    harness
        .get_all_by_label_contains(&format!("{} ", session.claim_label(claim.id)))
        .next()
        .expect("the claim in the list")
        .click();
    harness.run_steps(4);
    let quote: String = claim.anchor.quote.exact.chars().take(30).collect();
    let node = harness
        .get_all_by_label_contains(&quote)
        .find(|node| {
            node.accesskit_node()
                .label()
                .is_some_and(|l| l.starts_with(&format!("{} claim: ", claim.verdict.label())))
        })
        .expect("the sentence, named with its claim's verdict");
    let rect = node.rect();
    assert!(
        rect.top() >= 0.0 && rect.bottom() <= 900.0,
        "scrolled into view: {rect:?}"
    );
}

/// A session in which two reviewers rated and annotated the same claim differently,
/// merged; returns the folder, the merged file and the contested claim.
fn merged_with_conflicts() -> (tempfile::TempDir, PathBuf, claimdesk::model::ClaimId) {
    let (dir, path) = example_session();
    let base = claimdesk::store::load(&path).expect("sample").session;
    let contested = base.claims()[2].id;
    let copy = |verdict: Verdict, note: &str| {
        let mut session = base.clone();
        let set = |value| Edit::SetClaimField {
            id: contested,
            value,
            modified: claimdesk::timestamp::Timestamp::from_unix_secs(1_800_000_000),
        };
        session
            .apply(Edit::Batch(vec![
                set(ClaimField::Verdict(verdict)),
                set(ClaimField::Note(note.to_owned())),
            ]))
            .expect("edit");
        session
    };
    let ours = copy(Verdict::False, "Ana: the ministry denies it.");
    let theirs = copy(Verdict::HalfTrue, "Bo: partly confirmed by ACLED.");
    let merged = claimdesk::merge::merge(&base, &ours, &theirs).expect("merge");
    assert_eq!(merged.new_conflicts.len(), 2);
    claimdesk::store::save(&merged.session, &path, claimdesk::store::Expect::AnySession)
        .expect("save");
    (dir, path, contested)
}

#[test]
fn conflicts_are_listed_filtered_and_resolved_with_undo() {
    let (dir, path, contested) = merged_with_conflicts();
    let mut harness = harness_for(StartWith::File(path.clone()), dir.path());
    let conflicts = |harness: &Harness<'_, ClaimdeskApp>| {
        harness
            .state()
            .session()
            .expect("session")
            .conflicts()
            .len()
    };
    let claim = |harness: &Harness<'_, ClaimdeskApp>| {
        harness
            .state()
            .session()
            .expect("session")
            .claim(contested)
            .expect("claim")
            .clone()
    };
    assert_eq!(conflicts(&harness), 2);

    // The status bar says so, and its link opens the window with every conflict.
    harness.get_by_label("2 merge conflicts to resolve").click();
    harness.run_steps(4);
    assert!(harness.state().view().conflicts_open);
    harness.get_by_label("Show claim");
    assert_eq!(harness.get_all_by_label("Keep theirs").count(), 2);
    harness.get_by_label("Close window").click();
    harness.run_steps(2);
    assert!(!harness.state().view().conflicts_open);

    // The filter narrows the list to the contested claim; selecting it shows the panel.
    harness
        .get_by_label("Only claims with merge conflicts (2)")
        .click();
    harness.run_steps(2);
    assert!(harness.state().view().filter.conflicts_only);
    let session = harness.state().session().expect("session");
    let row = format!(
        "{} {}",
        session.claim_label(contested),
        claim(&harness).text
    );
    harness.get_by_label(&row).click();
    harness.run_steps(2);
    harness.get_by_label("Merge conflicts (2)");
    // Named as the inspector names the field.
    assert!(harness.query_by_label("Note").is_none());
    assert!(harness.query_all_by_label("Rationale").count() >= 2);
    harness.get_by_label("Ana: the ministry denies it.");
    harness.get_by_label("Bo: partly confirmed by ACLED.");

    // Conflicts are in a stable order: the note, then the verdict. Keep their note...
    harness
        .get_all_by_label("Keep theirs")
        .next()
        .expect("a button")
        .click();
    harness.run_steps(2);
    assert_eq!(claim(&harness).note, "Bo: partly confirmed by ACLED.");
    assert_eq!(conflicts(&harness), 1);
    // ...and our verdict: the session is resolved.
    harness.get_by_label("Keep ours").click();
    harness.run_steps(2);
    assert_eq!(claim(&harness).verdict, Verdict::False);
    assert_eq!(conflicts(&harness), 0);
    assert!(harness.query_by_label("Merge conflicts (1)").is_none());

    // Undo brings each conflict back, with the value the session held.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    assert_eq!(conflicts(&harness), 2);
    assert_eq!(claim(&harness).note, "Ana: the ministry denies it.");

    // "Edit…" writes a value of one's own.
    harness.get_by_label("Edit…").click();
    harness.run_steps(2);
    let field = harness.get_by_label("Your value");
    field.focus();
    field.type_text(" Bo: partly confirmed.");
    harness.run_steps(2);
    harness.get_by_label("Use this value").click();
    harness.run_steps(2);
    assert_eq!(
        claim(&harness).note,
        "Ana: the ministry denies it. Bo: partly confirmed."
    );
    assert_eq!(conflicts(&harness), 1);
    harness.get_by_label("Keep theirs").click();
    harness.run_steps(2);
    assert_eq!(claim(&harness).verdict, Verdict::HalfTrue);

    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_steps(3);
    let saved = claimdesk::store::load(&path).expect("saved").session;
    assert!(saved.conflicts().is_empty());
    assert_eq!(
        saved.claim(contested).expect("claim").verdict,
        Verdict::HalfTrue
    );
}

#[test]
fn compare_reviews_shows_who_marked_what_and_accepts_a_reviewers_claim() {
    let (dir, path) = example_session();
    let base = claimdesk::store::load(&path).expect("sample").session;
    let contested = base.claims()[2].id;
    // Two reviewers: Ana rates the contested claim false, Bo half true and marks one more
    // sentence with a source and a note.
    let review = |name: &str, verdict: Verdict, extra: bool| {
        let mut session = base.clone();
        let now = claimdesk::timestamp::Timestamp::from_unix_secs(1_800_000_000);
        session
            .apply(Edit::SetClaimField {
                id: contested,
                value: ClaimField::Verdict(verdict),
                modified: now,
            })
            .expect("edit");
        if extra {
            let mut claim = claimdesk::intent::new_claim_on_sentences(
                &session,
                claimdesk::model::DocId(0),
                SentenceId(3),
                SentenceId(3),
                now,
            )
            .expect("claim");
            claim.verdict = Verdict::Misleading;
            claim.note = "Bo: the flag is not the point.".to_owned();
            claim.sources.push(claimdesk::model::Source {
                url: "https://example.org/flags".to_owned(),
                ..Default::default()
            });
            session.apply(Edit::AddClaim(Box::new(claim))).expect("add");
        }
        let file = dir.path().join(format!("{name}.ron"));
        claimdesk::store::save(&session, &file, claimdesk::store::Expect::AnySession)
            .expect("save");
        file
    };
    let ana = review("ana", Verdict::False, false);
    let bo = review("bo", Verdict::HalfTrue, true);

    let mut harness = harness_for(StartWith::File(path), dir.path());
    // The menu item asks for a reviewer's session (here the in-app path prompt).
    harness.get_by_label("File").click();
    harness.run_steps(2);
    harness.get_by_label_contains("Compare reviews…").click();
    harness.run_steps(3);
    harness.get_by_label_contains("Compare with a reviewer's session");
    harness.get_by_label("Cancel").click();
    harness.run_steps(2);
    harness.state_mut().add_review(&ana);
    harness.state_mut().add_review(&bo);
    harness.run_steps(3);
    harness.get_by_label("Compare reviews");
    harness.get_by_label("Percent agreement");
    harness.get_by_label("Cohen's κ R1/R2");
    assert_eq!(harness.get_all_by_label("differ").count(), 2);

    // `]` goes to the first disagreement in text order: sentence 4 (index 3), which only
    // Bo marked.
    harness.key_press(Key::CloseBracket);
    harness.run_steps(2);
    let selection = harness.state().view().selection.clone().expect("selected");
    assert_eq!(selection.first, SentenceId(3));
    assert!(
        harness.query_by_label("Accept R1").is_none(),
        "Ana did not mark it"
    );
    harness.get_by_label("Accept R2").click();
    harness.run_steps(2);
    let accepted = {
        let session = harness.state().session().expect("session");
        let claims = session.claims_in(claimdesk::model::DocId(0));
        claims
            .iter()
            .find(|c| c.anchor.first == SentenceId(3))
            .map(|c| (*c).clone())
            .expect("Bo's claim is in the session")
    };
    assert_eq!(accepted.verdict, Verdict::Misleading);
    assert_eq!(accepted.note, "Bo: the flag is not the point.");
    assert_eq!(accepted.sources.len(), 1);

    // The next disagreement is the contested claim; accept Ana's verdict there.
    harness.key_press(Key::CloseBracket);
    harness.run_steps(4);
    let selection = harness.state().view().selection.clone().expect("selected");
    assert_eq!(
        Some(selection.first),
        base.claim(contested).map(|c| c.anchor.first)
    );
    harness.get_by_label("Accept R1").click();
    harness.run_steps(2);
    let verdict = |harness: &Harness<'_, ClaimdeskApp>| {
        harness
            .state()
            .session()
            .and_then(|s| s.claim(contested))
            .expect("claim")
            .verdict
    };
    assert_eq!(verdict(&harness), Verdict::False);
    // `[` goes back; accepting is undoable.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    assert_eq!(
        verdict(&harness),
        base.claim(contested).expect("claim").verdict
    );
    harness.key_press(Key::OpenBracket);
    harness.run_steps(4);
    let selection = harness.state().view().selection.clone().expect("selected");
    assert_eq!(selection.first, SentenceId(3));
    harness.get_by_label("Back to the article").click();
    harness.run_steps(2);
    assert!(harness.query_by_label("Compare reviews").is_none());
}

#[test]
fn a_document_can_be_segmented_with_another_languages_rules_and_undone() {
    let (dir, path) = example_session();
    let mut harness = harness_for(StartWith::File(path), dir.path());
    let before = harness.state().session().expect("session").clone();
    let doc = harness.state().view().doc;
    let language = |harness: &Harness<'_, ClaimdeskApp>| {
        harness
            .state()
            .session()
            .and_then(|s| s.document(doc))
            .expect("document")
            .language
            .clone()
    };
    assert_eq!(language(&harness), "nl");
    harness.get_by_label("Sentence rules").click();
    harness.run_steps(2);
    harness.get_by_label("German (de)").click();
    harness.run_steps(3);
    assert_eq!(language(&harness), "de");
    let session = harness.state().session().expect("session");
    assert_eq!(session.validate(), Ok(()));
    assert_eq!(
        session.claims().len(),
        before.claims().len(),
        "every claim kept"
    );
    for claim in before.claims() {
        let now = session.claim(claim.id).expect("claim");
        assert_eq!(
            now.anchor.quote.exact, claim.anchor.quote.exact,
            "same text"
        );
    }
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    assert_eq!(harness.state().session().expect("session"), &before);
}

#[test]
fn a_sentence_is_split_at_the_selected_words_and_merged_back_by_key() {
    let (dir, path) = example_session();
    let mut harness = harness_for(StartWith::File(path), dir.path());
    let before = harness.state().session().expect("session").clone();
    let n_sentences = |harness: &Harness<'_, ClaimdeskApp>| {
        harness.state().session().expect("session").documents()[0]
            .sentences()
            .len()
    };
    let n0 = n_sentences(&harness);
    // Drag over words in the middle of the first sentence.
    let rect = harness.get_by_label(SIDIBE).rect();
    let from = egui::pos2(rect.left() + 150.0, rect.center().y);
    let to = egui::pos2(rect.left() + 260.0, rect.center().y);
    harness.event(egui::Event::PointerMoved(from));
    harness.event(pointer_button(from, true));
    harness.run_steps(1);
    for step in 1..=6 {
        let t = step as f32 / 6.0;
        harness.event(egui::Event::PointerMoved(from + (to - from) * t));
        harness.run_steps(1);
    }
    harness.event(pointer_button(to, false));
    harness.run_steps(2);
    let span = harness
        .state()
        .view()
        .selection
        .clone()
        .and_then(|s| s.span)
        .expect("a span");
    assert!(span.start > 0, "{span:?}");

    harness.key_press_modifiers(Modifiers::ALT, Key::S);
    harness.run_steps(2);
    assert_eq!(n_sentences(&harness), n0 + 1);
    let session = harness.state().session().expect("session");
    let doc = &session.documents()[0];
    let first = doc.sentence_text(SentenceId(0)).expect("first part");
    let second = doc.sentence_text(SentenceId(1)).expect("second part");
    assert_eq!(format!("{first} {second}"), SIDIBE);
    assert_eq!(doc.sentences()[1].start, span.start);
    // Every claim still covers exactly its text.
    for claim in before.claims() {
        let now = session.claim(claim.id).expect("claim kept");
        assert_eq!(now.anchor.quote.exact, claim.anchor.quote.exact);
    }
    assert_eq!(session.validate(), Ok(()));

    // Alt+M on the first part joins it with the second again; undo restores each step.
    harness.key_press(Key::K);
    harness.run_steps(2);
    harness.key_press_modifiers(Modifiers::ALT, Key::M);
    harness.run_steps(2);
    assert_eq!(n_sentences(&harness), n0);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    assert_eq!(n_sentences(&harness), n0 + 1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    assert_eq!(harness.state().session().expect("session"), &before);
}

#[test]
fn an_article_update_in_the_window_lists_orphans_that_can_be_attached_again() {
    let (dir, path) = example_session();
    // A new version of the Dutch article: the claimed number corrected, the sentence
    // with the statistics bureau deleted.
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/articles/mali-rusland.nl.txt"),
    )
    .expect("article")
    .replace("Zeker 10.000 mensen", "Zeker 12.000 mensen")
    .replace(
        "Volgens een plaatselijk statistiekbureau is ruim negentig procent van de inwoners van \
         Bamako ontevreden over de rol van Frankrijk. ",
        "",
    );
    let new_version = dir.path().join("v2.txt");
    std::fs::write(&new_version, text).expect("write");
    let mut harness = harness_for(StartWith::File(path), dir.path());
    harness.get_by_label("File").click();
    harness.run_steps(2);
    harness.get_by_label_contains("Update document from file…");
    harness.key_press(Key::Escape);
    harness.state_mut().update_document(&new_version);
    harness.run_steps(3);
    let session = harness.state().session().expect("session");
    assert_eq!(session.orphans().len(), 1);
    let orphan = session.orphans()[0].id;
    let changed = session
        .claims()
        .iter()
        .find(|c| c.previous_wording.is_some())
        .expect("a changed claim")
        .id;
    harness.get_by_label_contains("Orphaned claims (1)");

    // View > Compare versions: the old and the new wording side by side.
    harness.get_by_label("View").click();
    harness.run_steps(2);
    harness
        .get_all_by_label_contains("Compare versions")
        .find(|node| {
            node.accesskit_node()
                .label()
                .is_some_and(|label| label.starts_with("Compare versions"))
        })
        .expect("the menu item")
        .click();
    harness.run_steps(3);
    harness.get_by_label("Compare versions");
    let has = |harness: &Harness<'_, ClaimdeskApp>, text: &str| {
        harness.query_all_by_label_contains(text).count() > 0
    };
    assert!(has(&harness, "Zeker 12.000 mensen"), "the new wording");
    assert!(
        has(&harness, "Volgens een plaatselijk statistiekbureau"),
        "the deleted text"
    );
    assert!(has(
        &harness,
        "1 claim(s) changed by the update, 1 orphaned"
    ));
    harness.get_by_label("Back to the article").click();
    harness.run_steps(2);

    // Every count says the orphan exists.
    assert!(has(&harness, "(and 1 orphaned)"), "the progress count");
    assert!(has(&harness, "1 orphaned)"), "the document's count");

    // The changed claim says what it read before; accepting clears the flag.
    let ctx = harness.ctx.clone();
    harness.state_mut().run_command(
        claimdesk::ui::command::AppCommand::SelectClaim(changed),
        &ctx,
    );
    harness.run_steps(2);
    harness.get_by_label("Changed by an update of the article");
    harness.get_by_label("Accept the new wording").click();
    harness.run_steps(2);
    let claim = |harness: &Harness<'_, ClaimdeskApp>, id| {
        harness.state().session().and_then(|s| s.claim(id)).cloned()
    };
    let accepted = claim(&harness, changed).expect("claim");
    assert_eq!(accepted.previous_wording, None);
    // The claim as checked is now the new wording (10.000 became 12.000).
    assert!(accepted.text.contains("12.000"), "{}", accepted.text);
    assert_eq!(accepted.text, accepted.anchor.quote.exact);
    let shown = harness.get_by_label("Claim as checked").value();
    assert!(
        shown
            .as_deref()
            .is_some_and(|text| text.contains("Zeker 12.000 mensen")),
        "the inspector shows the new wording: {shown:?}"
    );
    let mut session = harness.state().session().cloned().expect("session");
    // Rated (and needing no source in FEVER), so that ClaimReview and FEVER carry it.
    session
        .apply(claimdesk::intent::Edit::SetClaimField {
            id: changed,
            value: claimdesk::intent::ClaimField::Verdict(Verdict::HalfTrue),
            modified: claimdesk::timestamp::Timestamp::EPOCH,
        })
        .expect("rate");
    for format in [
        claimdesk::export::Format::ClaimReview,
        claimdesk::export::Format::Fever,
        claimdesk::export::Format::Csv,
    ] {
        let text = claimdesk::export::export(
            std::slice::from_ref(&session),
            format,
            claimdesk::export::ExportOptions::default(),
        )
        .expect("export");
        assert!(text.contains("Zeker 12.000 mensen"), "{format}");
        assert!(!text.contains("Zeker 10.000 mensen"), "{format}");
    }

    // Attach the orphan to a sentence the reviewer selects (at the top of the article).
    harness.key_press(Key::Home);
    harness.run_steps(3);
    harness.get_by_label(SIDIBE).click();
    harness.run_steps(2);
    let label = format!("Attach #{} to selection", &orphan.hex()[..4]);
    harness.get_by_label(&label).click();
    harness.run_steps(2);
    let attached = claim(&harness, orphan).expect("attached again");
    assert_eq!(attached.anchor.quote.exact, SIDIBE);
    assert!(
        harness
            .state()
            .session()
            .expect("session")
            .orphans()
            .is_empty()
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    assert_eq!(
        harness.state().session().expect("session").orphans().len(),
        1
    );
}

/// Serves one saved news page on 127.0.0.1 (every path), from a background thread.
fn serve_page(page: &'static str) -> String {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let body =
                std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(page)).expect("page");
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
        }
    });
    base
}

#[test]
fn open_url_fetches_the_article_and_the_first_save_archives_the_page() {
    let dir = tempfile::tempdir().expect("tempdir");
    let base = serve_page("tests/data/web/pages/measles-cases.quality_paper.html");
    let mut harness = harness_for(StartWith::Nothing, dir.path());
    harness.get_by_label("File").click();
    harness.run_steps(2);
    harness.get_by_label_contains("Open URL…").click();
    // A modal is laid out unseen in its first frame.
    harness.run_steps(3);
    let field = harness.get_by_label("Address (http:// or https://)");
    field.focus();
    field.type_text(&format!("{base}/news/measles"));
    harness.run_steps(1);
    harness.get_by_label("Fetch").click();
    // The fetch runs on a worker thread; the dialog waits for it.
    for _ in 0..100 {
        harness.run_steps(1);
        if harness.state().session().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let session = harness
        .state()
        .session()
        .expect("the fetched article is open");
    let doc = &session.documents()[0];
    assert_eq!(
        doc.title,
        "Measles cases rise in three states as vaccination rates fall"
    );
    assert_eq!(doc.meta.authors, ["Associated Press"]);
    let fetch = doc.meta.fetch.clone().expect("fetch record");
    assert_eq!(fetch.final_url, format!("{base}/news/measles"));

    // The article details are editable in the inspector, as one undoable edit.
    harness.run_steps(3);
    harness.get_by_label("Article details").click();
    harness.run_steps(2);
    let authors = harness.get_by_label("Authors (comma-separated)");
    assert_eq!(authors.value().as_deref(), Some("Associated Press"));
    authors.focus();
    harness.run_steps(1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_label("Authors (comma-separated)")
        .type_text("Mike Stobbe, Associated Press");
    harness.run_steps(2);
    let doc = &harness.state().session().expect("session").documents()[0];
    assert_eq!(doc.meta.authors, ["Mike Stobbe", "Associated Press"]);

    // Saving archives the page beside the review.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_steps(2);
    let target = dir.path().join("measles.ron");
    answer_path_prompt(&mut harness, &target);
    let saved = claimdesk::store::load(&target).expect("saved").session;
    let archived = claimdesk::fetch::archived_file(&target, &fetch).expect("archive name");
    assert!(archived.starts_with(dir.path().join("measles.sources")));
    assert_eq!(
        std::fs::read(&archived).expect("archived page"),
        std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/data/web/pages/measles-cases.quality_paper.html")
        )
        .expect("page")
    );
    assert_eq!(
        saved.documents()[0].meta.authors,
        ["Mike Stobbe", "Associated Press"]
    );
}

#[test]
fn a_claim_chosen_in_a_narrow_parallel_view_is_brought_into_view() {
    // In a narrow window the aligned rows are tall, and heights are estimated until a row
    // is shown: the chosen claim's row must still end up in view (and selected).
    let (dir, path) = example_session();
    let mut harness = harness_sized(&path, dir.path(), Vec2::new(900.0, 600.0));
    // A sentence near the top is selected first: the parallel view opens at its row.
    harness
        .get_all_by_label_contains("Vanuit zijn atelier")
        .last()
        .expect("a sentence near the top")
        .click();
    harness.run_steps(2);
    harness.key_press(Key::T);
    harness.run_steps(3);
    let session = harness.state().session().expect("session").clone();
    let claim = claim_starting(&session, "Mali has been in a spiral");
    // The Dutch side of the claim's row.
    let row_sentence = "Vast in een spiraal van geweld";
    assert_eq!(
        harness.query_all_by_label_contains(row_sentence).count(),
        0,
        "the row starts out of view"
    );
    harness
        .get_all_by_label_contains(&format!(
            "{} Mali has been in a spiral",
            session.claim_label(claim.id)
        ))
        .next()
        .expect("the claim in the list")
        .click();
    harness.run_steps(10);
    // The selected row's buttons sit under it in a narrow window: in view, so is the row.
    let split = harness.get_by_label_contains("Split row").rect();
    assert!(
        split.top() > 60.0 && split.bottom() < 600.0,
        "the selected row's buttons at {split:?}"
    );
    let sentence = harness
        .query_all_by_label_contains(row_sentence)
        .next()
        .expect("the row's sentence is laid out")
        .rect();
    assert!(
        sentence.bottom() > 60.0 && sentence.top() < 600.0,
        "the row's sentence at {sentence:?}"
    );
}

/// Exports through the window's path prompt, confirming the suggested name with Return.
fn export_with_suggested_name(harness: &mut Harness<'_, ClaimdeskApp>, format_label: &str) {
    menu_click(harness, "File", "Export");
    harness.get_by_label_contains(format_label).click();
    harness.run_steps(2);
    harness.get_by_label("Choose file and export").click();
    harness.run_steps(3);
    // The prompt's field has the focus with the suggestion in it: Return confirms.
    harness.key_press(Key::Enter);
    harness.run_steps(3);
}

#[test]
fn each_format_suggests_its_own_name_and_replacing_a_file_is_asked_first() {
    let (dir, path) = example_session();
    let mut harness = harness_for(StartWith::File(path), dir.path());
    export_with_suggested_name(&mut harness, "ClaimReview");
    let claimreview = dir.path().join("review.claimreview.json");
    let first = std::fs::read_to_string(&claimreview).expect("ClaimReview written");
    export_with_suggested_name(&mut harness, "W3C");
    let w3c = dir.path().join("review.w3c.json");
    assert!(w3c.exists(), "W3C written under its own name");
    assert_eq!(
        std::fs::read_to_string(&claimreview).expect("still there"),
        first,
        "the W3C export left the ClaimReview file alone"
    );
    // The same export again: asked first, with what the file is.
    std::fs::write(&w3c, "{}").expect("mark the file");
    export_with_suggested_name(&mut harness, "W3C");
    assert!(
        harness
            .query_by_label_contains("not a W3C Web Annotation JSON-LD export of Claimdesk")
            .is_some()
    );
    assert_eq!(
        std::fs::read_to_string(&w3c).expect("read"),
        "{}",
        "not replaced yet"
    );
    harness.key_press(Key::Enter);
    harness.run_steps(3);
    assert!(
        std::fs::read_to_string(&w3c)
            .expect("read")
            .contains("urn:claimdesk:collection:"),
        "replaced once confirmed"
    );
}

/// The sample's claim with two sources and a rationale, selected in the window.
fn select_claim_with_content(harness: &mut Harness<'_, ClaimdeskApp>) -> claimdesk::model::ClaimId {
    let id = harness
        .state()
        .session()
        .and_then(|s| {
            s.claims()
                .iter()
                .find(|c| c.sources.len() >= 2 && !c.note.is_empty())
                .map(|c| c.id)
        })
        .expect("a claim with sources and a rationale");
    let ctx = harness.ctx.clone();
    harness
        .state_mut()
        .run_command(claimdesk::ui::command::AppCommand::SelectClaim(id), &ctx);
    harness.run_steps(2);
    id
}

#[test]
fn keys_typed_for_a_field_never_run_as_shortcuts_when_focus_moves() {
    let (dir, path) = example_session();
    // 60 frames a second, as a window runs: each queued key is a frame of its own.
    let mut harness = harness_with_step(StartWith::File(path), dir.path(), 1.0 / 60.0);
    let id = select_claim_with_content(&mut harness);
    let claim = |harness: &Harness<'_, ClaimdeskApp>| {
        harness.state().session().and_then(|s| s.claim(id)).cloned()
    };
    let before = claim(&harness).expect("claim");

    // Typing into the rationale, Escape, and the burst's last keys a frame later.
    harness.get_by_label("Rationale").focus();
    harness.run_steps(1);
    harness.get_by_label("Rationale").type_text(" xyz");
    harness.key_press(Key::Escape);
    harness.run_steps(1);
    harness.key_press(Key::Num7);
    harness.key_press_modifiers(Modifiers::SHIFT, Key::Num5);
    harness.key_press(Key::C);
    harness.run_steps(1);
    let after = claim(&harness).expect("the claim is still there");
    assert_eq!(after.verdict, before.verdict, "7 and % reached no shortcut");

    // Tab from the Reviewer field onto a button, then a name typed on.
    harness.get_by_label("Reviewer").focus();
    harness.run_steps(1);
    harness.get_by_label("Reviewer").type_text("An");
    harness.key_press(Key::Tab);
    harness.run_steps(1);
    harness.key_press(Key::C);
    harness.key_press(Key::D);
    harness.run_steps(1);
    let after = claim(&harness).expect("C did not remove the claim");
    assert_eq!(after.status, before.status, "D did not mark it done");

    // After a pause the keys are shortcuts again, and Shift+5 is still not 5.
    harness.run_steps(60);
    harness.key_press_modifiers(Modifiers::SHIFT, Key::Num5);
    harness.run_steps(1);
    assert_eq!(claim(&harness).expect("claim").verdict, before.verdict);
    harness.key_press(Key::Num5);
    // Long enough for the toast to fade in.
    harness.run_steps(12);
    let rated = claim(&harness).expect("claim").verdict;
    assert_ne!(rated, before.verdict, "5 sets a verdict");
    // What the key did is shown, with Undo.
    let toast = harness
        .query_all_by_label_contains("(key 5)")
        .next()
        .and_then(|node| node.accesskit_node().value());
    assert!(
        toast
            .as_deref()
            .is_some_and(|text| text.contains("Set verdict")),
        "a toast says it: {toast:?} {:?}",
        harness.state().notices()
    );
    harness.get_by_label("Undo").click();
    harness.run_steps(2);
    assert_eq!(claim(&harness).expect("claim").verdict, before.verdict);
}

#[test]
fn unmarking_a_claim_with_content_offers_undo() {
    let (dir, path) = example_session();
    let mut harness = harness_for(StartWith::File(path), dir.path());
    let id = select_claim_with_content(&mut harness);
    harness.run_steps(4);
    harness.key_press(Key::C);
    harness.run_steps(2);
    let session = harness.state().session().cloned().expect("session");
    assert!(session.claim(id).is_none(), "C unmarks the claim");
    assert!(
        harness
            .query_all_by_label_contains("sources, a rationale")
            .next()
            .is_some(),
        "the toast says what went with it"
    );
    harness.get_by_label("Undo").click();
    harness.run_steps(2);
    let session = harness.state().session().cloned().expect("session");
    assert!(session.claim(id).is_some(), "Undo brings it back");
}

#[test]
fn the_bundled_sample_opens_under_its_title_and_closes_without_asking() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = harness_for(StartWith::Nothing, dir.path());
    harness.state_mut().open_bundled_sample();
    harness.run_steps(2);
    let workspace = harness.state().workspace().expect("the sample");
    assert!(!workspace.is_dirty(), "nothing changed yet");
    let title = workspace.session().meta().title.clone();
    assert!(
        harness
            .query_all_by_label_contains(&format!("{title} (not saved yet)"))
            .next()
            .is_some(),
        "the status bar names it"
    );
    let ctx = harness.ctx.clone();
    harness
        .state_mut()
        .run_command(claimdesk::ui::command::AppCommand::Close, &ctx);
    harness.run_steps(2);
    assert!(
        harness.state().workspace().is_none(),
        "closed without a question"
    );
}

#[test]
fn the_update_dialog_names_the_document_it_replaces() {
    let (dir, path) = example_session();
    let mut harness = harness_for(StartWith::File(path), dir.path());
    let ctx = harness.ctx.clone();
    harness
        .state_mut()
        .run_command(claimdesk::ui::command::AppCommand::UpdateDocument, &ctx);
    harness.run_steps(2);
    let title = harness
        .state()
        .session()
        .and_then(|s| s.documents().first().map(|d| d.title.clone()))
        .expect("a document");
    assert!(
        harness
            .query_all_by_label_contains(&format!("replaces the text of document 0 “{title}”"))
            .next()
            .is_some()
    );
}

#[test]
fn error_toasts_fade_and_information_sooner() {
    let (dir, path) = example_session();
    let mut harness = harness_for(StartWith::File(path), dir.path());
    let ctx = harness.ctx.clone();
    harness.state_mut().run_command(
        claimdesk::ui::command::AppCommand::ShowError("Something went wrong.".to_owned()),
        &ctx,
    );
    harness.run_steps(4);
    assert!(
        harness
            .query_by_label_contains("Something went wrong.")
            .is_some()
    );
    // 30 s later (kittest frames are 0.25 s apart) it is still there; after 45 s it is gone.
    harness.run_steps(120);
    assert!(
        harness
            .query_by_label_contains("Something went wrong.")
            .is_some()
    );
    harness.run_steps(80);
    assert!(
        harness.state().notices().is_empty(),
        "{:?}",
        harness.state().notices()
    );
}

#[test]
fn a_smaller_window_keeps_the_article_readable_and_a_new_article_starts_at_its_top() {
    let (dir, path) = example_session();
    let mut harness = harness_for(StartWith::File(path), dir.path());
    harness.set_size(Vec2::new(1600.0, 1000.0));
    harness.run_steps(3);
    harness.set_size(Vec2::new(900.0, 600.0));
    harness.run_steps(4);
    // Between the claims panel and the inspector the article keeps a readable width.
    let article_left = harness.get_by_label(SIDIBE).rect().left();
    let inspector_left = harness.get_by_label("Nothing selected").rect().left();
    assert!(
        inspector_left - article_left > 900.0 * 0.3,
        "article from {article_left} to {inspector_left}"
    );

    // Scrolled far down, then another article opened: it shows from its start.
    for _ in 0..6 {
        harness.key_press(Key::PageDown);
        harness.run_steps(2);
    }
    assert!(
        harness.query_by_label(SIDIBE).is_none(),
        "scrolled away from the top"
    );
    let article = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/articles/mali-rusland.nl.txt");
    let copy = dir.path().join("another.txt");
    std::fs::copy(article, &copy).expect("copy");
    harness.state_mut().open_path(&copy);
    harness.run_steps(4);
    assert!(
        harness.query_by_label(SIDIBE).is_some(),
        "the new article starts at its top"
    );
}
