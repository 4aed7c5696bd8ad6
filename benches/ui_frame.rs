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
