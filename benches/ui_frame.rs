//! CPU time per frame of the real window while scrolling through a big session (≈ 11 MB,
//! 100k sentences, 20k claims), driven headless through egui_kittest. Each sample is one
//! frame: a mouse-wheel step over the article, then the app's whole UI pass (layout,
//! interaction, painting commands; no GPU rendering). Run: `cargo bench --bench ui_frame`.

mod common;

use std::path::PathBuf;

use claimdesk::ui::app::{AppOptions, ClaimdeskApp, Preferences, StartWith};
use claimdesk::workspace::Workspace;
use egui::{Event, Modifiers, MouseWheelUnit, Pos2, TouchPhase, Vec2};
use egui_kittest::Harness;

fn main() {
    divan::main();
}

fn harness() -> Harness<'static, ClaimdeskApp> {
    let mut app = ClaimdeskApp::new(
        StartWith::Nothing,
        Preferences::default(),
        AppOptions {
            use_native_dialogs: false,
            untitled_autosave_dir: None,
        },
    );
    app.install_workspace(Workspace::new(
        common::big_session(),
        Some(PathBuf::from("big.ron")),
    ));
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1400.0, 900.0))
        .build_ui_state(|ui, app: &mut ClaimdeskApp| app.show(ui), app);
    harness.event(Event::PointerMoved(Pos2::new(700.0, 450.0)));
    harness.run_steps(3);
    harness
}

fn wheel(delta_y: f32) -> Event {
    Event::MouseWheel {
        unit: MouseWheelUnit::Point,
        delta: Vec2::new(0.0, delta_y),
        phase: TouchPhase::Move,
        source: egui::MouseWheelSource::Unknown,
        modifiers: Modifiers::NONE,
    }
}

/// Scrolling down through the article, 120 points per frame.
#[divan::bench(sample_count = 300, sample_size = 1)]
fn scroll_frame(bencher: divan::Bencher) {
    let mut harness = harness();
    bencher.bench_local(|| {
        harness.event(wheel(-120.0));
        harness.step();
    });
}

/// Jumping far into the document (as after a claim-list click), then a frame.
#[divan::bench(sample_count = 100, sample_size = 1)]
fn jump_frame(bencher: divan::Bencher) {
    let mut harness = harness();
    let mut step = 0u32;
    bencher.bench_local(|| {
        step += 1;
        harness.event(wheel(-60_000.0 * (1 + step % 7) as f32));
        harness.step();
    });
}

/// The adjudication view over the big article with five reviewers' sessions (each with
/// its own verdicts and 500 claims the others lack): a frame while scrolling its rows.
#[divan::bench(sample_count = 300, sample_size = 1)]
fn adjudication_scroll_frame(bencher: divan::Bencher) {
    use claimdesk::intent::{ClaimField, Edit};
    use claimdesk::model::{SentenceId, Verdict};
    let mut harness = harness();
    let base = harness.state().session().expect("session").clone();
    for r in 0..5usize {
        let mut review = base.clone();
        let now = claimdesk::timestamp::Timestamp::from_unix_secs(1_800_000_000);
        let ids: Vec<_> = review
            .claims()
            .iter()
            .step_by(3 + r)
            .map(|c| c.id)
            .collect();
        let edits = ids
            .into_iter()
            .map(|id| Edit::SetClaimField {
                id,
                value: ClaimField::Verdict(Verdict::ALL[1 + r]),
                modified: now,
            })
            .collect();
        review.apply(Edit::Batch(edits)).expect("re-rate");
        let doc = review.documents()[0].id;
        let n = review.documents()[0].sentences().len() as u32;
        for i in 0..500u32 {
            let sentence = SentenceId((i * 13 + r as u32 * 7) % n);
            if let Ok(claim) =
                claimdesk::intent::new_claim_on_sentences(&review, doc, sentence, sentence, now)
            {
                let _ = review.apply(Edit::AddClaim(Box::new(claim)));
            }
        }
        harness
            .state_mut()
            .add_loaded_review(&PathBuf::from(format!("r{r}.ron")), review);
    }
    harness.run_steps(3);
    bencher.bench_local(|| {
        harness.event(wheel(-120.0));
        harness.step();
    });
}
