//! The left panel: documents, review progress, and the filtered list of claims.

use egui::RichText;

use crate::model::{ClaimId, Session, Status, Verdict};
use crate::ui::theme;
use crate::ui::view::{ClaimFilter, Selection, ViewState};

/// The claim ids matching a filter, kept between frames (recomputed when the session or
/// the filter changes).
#[derive(Default)]
pub struct ClaimListCache {
    key: Option<(u64, ClaimFilter)>,
    ids: Vec<ClaimId>,
}

impl ClaimListCache {
    fn update(&mut self, session: &Session, revision: u64, filter: &ClaimFilter) {
        if self
            .key
            .as_ref()
            .is_some_and(|(rev, f)| *rev == revision && f == filter)
        {
            return;
        }
        let needle = filter.text.trim().to_lowercase();
        let mut claims: Vec<_> = session
            .claims()
            .iter()
            .filter(|c| filter.verdict.is_none_or(|v| c.verdict == v))
            .filter(|c| filter.status.is_none_or(|s| c.status == s))
            .filter(|c| {
                needle.is_empty()
                    || c.text.to_lowercase().contains(&needle)
                    || c.claimant.to_lowercase().contains(&needle)
                    || c.note.to_lowercase().contains(&needle)
            })
            .collect();
        claims.sort_by_key(|c| (c.doc, c.anchor.start, c.id));
        self.ids = claims.into_iter().map(|c| c.id).collect();
        self.key = Some((revision, filter.clone()));
    }
}

/// A labelled combo box choosing one of `all`, or "Any".
fn choice_filter<T: Copy + PartialEq>(
    ui: &mut egui::Ui,
    name: &str,
    value: &mut Option<T>,
    all: &[T],
    label_of: fn(T) -> &'static str,
) {
    ui.horizontal(|ui| {
        let label = ui.label(name);
        egui::ComboBox::from_id_salt(("filter", name))
            .selected_text(value.map_or("Any", label_of))
            .show_ui(ui, |ui| {
                ui.selectable_value(value, None, "Any");
                for &choice in all {
                    ui.selectable_value(value, Some(choice), label_of(choice));
                }
            })
            .response
            .labelled_by(label.id);
    });
}

/// Shows documents, progress and the claim list.
pub fn ui(
    ui: &mut egui::Ui,
    session: &Session,
    revision: u64,
    view: &mut ViewState,
    cache: &mut ClaimListCache,
) {
    ui.heading("Documents");
    for doc in session.documents() {
        let n_claims = session.claims().iter().filter(|c| c.doc == doc.id).count();
        let text = format!("{}  ({}, {} claims)", doc.title, doc.language, n_claims);
        if ui
            .add(egui::Button::selectable(view.doc == doc.id, text).truncate())
            .clicked()
        {
            view.doc = doc.id;
            view.find.computed_for = None;
        }
    }
    ui.separator();

    let n_claims = session.claims().len();
    let n_done = session
        .claims()
        .iter()
        .filter(|c| c.status == Status::Done)
        .count();
    let n_sentences = session.n_sentences().max(1);
    ui.label(format!("Claims done: {n_done} of {n_claims}"));
    ui.add(egui::ProgressBar::new(n_done as f32 / n_claims.max(1) as f32).desired_height(8.0));
    let n_visited = view.n_visited();
    ui.label(format!("Sentences visited: {n_visited} of {n_sentences}"));
    ui.add(egui::ProgressBar::new(n_visited as f32 / n_sentences as f32).desired_height(8.0));
    ui.separator();

    ui.heading("Claims");
    filter_ui(ui, &mut view.filter);
    cache.update(session, revision, &view.filter);
    let selected_claim = view
        .selection
        .as_ref()
        .and_then(|sel| crate::ui::view::claim_for_selection(session, sel));
    let row_height = ui.spacing().interact_size.y + 4.0;
    egui::ScrollArea::vertical()
        .id_salt("claims_list")
        .auto_shrink([false, false])
        .show_rows(ui, row_height, cache.ids.len(), |ui, rows| {
            for id in cache.ids.get(rows).unwrap_or_default() {
                let Some(claim) = session.claim(*id) else {
                    continue;
                };
                ui.horizontal(|ui| {
                    let code = theme::verdict_code(claim.verdict);
                    let badge = RichText::new(format!("{code:^3}"))
                        .monospace()
                        .background_color(theme::verdict_color(claim.verdict))
                        .color(theme::on_verdict_color(claim.verdict));
                    ui.label(badge);
                    let text = format!("{} {}", session.claim_label(claim.id), claim.text);
                    let response = ui.add(
                        egui::Button::selectable(selected_claim == Some(claim.id), text).truncate(),
                    );
                    if response.clicked() {
                        view.select(Selection::of_claim(session, claim));
                    }
                });
            }
        });
}

fn filter_ui(ui: &mut egui::Ui, filter: &mut ClaimFilter) {
    choice_filter(
        ui,
        "Verdict",
        &mut filter.verdict,
        Verdict::ALL,
        Verdict::label,
    );
    choice_filter(ui, "Status", &mut filter.status, Status::ALL, Status::label);
    ui.horizontal(|ui| {
        let label = ui.label("Search");
        ui.add(
            egui::TextEdit::singleline(&mut filter.text)
                .hint_text("text, claimant, note")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    });
}
