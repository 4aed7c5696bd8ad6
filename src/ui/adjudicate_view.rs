//! The adjudication view (File > Compare reviews…): other reviewers' sessions of the open
//! article, sentence by sentence. Each row says who marked the sentence and with which
//! verdict (a reviewer code and a verdict code on the verdict's colour, never colour
//! alone); sentences where they disagree come first; on the selected row, "Accept R2"
//! copies that reviewer's claim (span, verdict, sources, note) into the open session.
//! The agreement figures sit in a side panel. `[` and `]` go to the previous and next
//! disagreement.

use std::path::PathBuf;
use std::sync::Arc;

use egui::RichText;

use crate::agree::adjudicate::{SentenceVotes, sentence_votes};
use crate::agree::{Agreement, Reviewer, agreement, coverage};
use crate::model::{DocId, SentenceId, Session, Verdict};
use crate::timestamp::Timestamp;
use crate::ui::command::AppCommand;
use crate::ui::outbox::Outbox;
use crate::ui::theme;
use crate::ui::view::{Selection, ViewState};

/// One reviewer's session being compared.
pub struct Review {
    pub name: String,
    pub path: PathBuf,
    pub session: Session,
}

/// The reviews being compared, the selected sentence and what is computed from them.
#[derive(Default)]
pub struct Adjudication {
    pub reviews: Vec<Review>,
    /// The sentence selected in the view.
    pub selected: Option<SentenceId>,
    /// Scroll to the selected row on the next frame.
    pub scroll_to_selected: bool,
    /// Bumped whenever `reviews` changes, to invalidate the cache.
    generation: u64,
    cache: Option<Computed>,
}

struct Computed {
    key: (u64, DocId, u64),
    /// `None`: no review has this document. Shared, so a frame borrows it cheaply.
    rows: Option<Arc<Vec<SentenceVotes>>>,
    /// The open session's own verdict per sentence of the document.
    own: Arc<Vec<Option<Verdict>>>,
    agreement: Arc<Result<Agreement, String>>,
}

impl Adjudication {
    /// Adds a review (a reviewer's session).
    pub fn add(&mut self, review: Review) {
        self.reviews.push(review);
        self.generation += 1;
    }

    /// Removes review `idx`.
    pub fn remove(&mut self, idx: usize) {
        if idx < self.reviews.len() {
            self.reviews.remove(idx);
            self.generation += 1;
        }
    }

    /// The rows for `doc` of `session` (recomputed when the session or the reviews change).
    fn computed(&mut self, session: &Session, revision: u64, doc: DocId) -> &Computed {
        let key = (revision, doc, self.generation);
        if let Some(computed) = self.cache.take_if(|c| c.key == key) {
            return self.cache.insert(computed);
        }
        let reviewers: Vec<Reviewer> = self
            .reviews
            .iter()
            .map(|r| Reviewer {
                name: &r.name,
                session: &r.session,
            })
            .collect();
        let document = session.document(doc);
        let rows = document
            .and_then(|doc| sentence_votes(doc, &reviewers))
            .map(Arc::new);
        let own = document.map_or_else(Vec::new, |document| {
            let claims: Vec<_> = session.claims().iter().filter(|c| c.doc == doc).collect();
            coverage(document, &claims)
                .into_iter()
                .map(|c| c.rated.or(c.any).map(|claim| claim.verdict))
                .collect()
        });
        // Agreement does not depend on the open session: kept while only it changes.
        let agreement = match &self.cache {
            Some(old) if old.key.2 == self.generation => Arc::clone(&old.agreement),
            _ => Arc::new(agreement(&reviewers).map_err(|err| err.to_string())),
        };
        self.cache.insert(Computed {
            key,
            rows,
            own: Arc::new(own),
            agreement,
        })
    }

    /// Moves the selection to the next (or previous) sentence where reviewers disagree.
    pub fn step_disagreement(&mut self, forward: bool) {
        let Some(rows) = self.cache.as_ref().and_then(|c| c.rows.as_ref()) else {
            return;
        };
        // Disagreements come first in the rows; step through them in text order.
        let disagreeing: Vec<SentenceId> = rows
            .iter()
            .filter(|row| row.disagrees)
            .map(|row| row.sentence)
            .collect();
        let next = match self.selected {
            Some(current) if forward => disagreeing.iter().find(|&&s| s > current),
            Some(current) => disagreeing.iter().rev().find(|&&s| s < current),
            None if forward => disagreeing.first(),
            None => disagreeing.last(),
        };
        if let Some(&sentence) = next {
            self.selected = Some(sentence);
            self.scroll_to_selected = true;
        }
    }
}

/// The code a reviewer goes by in the view: R1, R2, …
pub fn reviewer_code(idx: usize) -> String {
    format!("R{}", idx + 1)
}

/// Draws the view.
pub fn ui(
    ui: &mut egui::Ui,
    session: &Session,
    revision: u64,
    view: &mut ViewState,
    adjudication: &mut Adjudication,
    outbox: &mut Outbox,
) {
    let doc_id = view.doc;
    // Side panels go first, before anything else takes the space.
    if adjudication.reviews.len() >= 2 {
        let n_reviews = adjudication.reviews.len();
        let agreement_result =
            Arc::clone(&adjudication.computed(session, revision, doc_id).agreement);
        egui::Panel::right("agreement_panel")
            .resizable(false)
            .default_size(250.0)
            .show(ui, |ui| agreement_ui(ui, &agreement_result, n_reviews));
    }
    let doc_title = session
        .document(doc_id)
        .map_or(String::new(), |d| d.title.clone());
    ui.horizontal_wrapped(|ui| {
        ui.heading("Compare reviews");
        ui.label(RichText::new(format!("of {doc_title}")).weak());
        if ui.button("Add review…").clicked() {
            outbox.command(AppCommand::CompareReviews);
        }
        if ui.button("Back to the article").clicked() {
            outbox.command(AppCommand::CloseComparison);
        }
    });
    let mut remove = None;
    ui.horizontal_wrapped(|ui| {
        for (idx, review) in adjudication.reviews.iter().enumerate() {
            ui.label(RichText::new(reviewer_code(idx)).monospace().strong());
            ui.label(&review.name)
                .on_hover_text(review.path.display().to_string());
            if ui
                .small_button("Remove")
                .on_hover_text(format!("Stop comparing {}", review.name))
                .clicked()
            {
                remove = Some(idx);
            }
            ui.separator();
        }
    });
    if let Some(idx) = remove {
        adjudication.remove(idx);
    }
    match adjudication.reviews.len() {
        0 => {
            ui.label("Add the sessions of the reviewers who checked this article: Add review…");
            return;
        }
        1 => {
            ui.label("Add a second review to see where reviewers differ and how far they agree.");
        }
        _ => {}
    }
    let computed = adjudication.computed(session, revision, doc_id);
    let own = Arc::clone(&computed.own);
    let Some(rows) = computed.rows.clone() else {
        ui.label(
            "None of these reviews has this document (the same text). Choose another \
             document on the left.",
        );
        return;
    };

    let n_disagree = rows.iter().filter(|row| row.disagrees).count();
    ui.label(format!(
        "{n_disagree} of {} sentences where reviewers disagree, listed first.  \
         [ and ] go to the previous and next one.",
        rows.len()
    ));
    ui.separator();
    let Some(doc) = session.document(doc_id) else {
        return;
    };
    let line = ui.text_style_height(&egui::TextStyle::Body) + ui.spacing().item_spacing.y;
    let row_height = line + ui.spacing().interact_size.y + ui.spacing().item_spacing.y * 2.0;
    let mut scroll = egui::ScrollArea::vertical()
        .id_salt("adjudication_rows")
        .auto_shrink([false, false]);
    if adjudication.scroll_to_selected
        && let Some(pos) = rows
            .iter()
            .position(|row| Some(row.sentence) == adjudication.selected)
    {
        let spacing = ui.spacing().item_spacing.y;
        // Two rows of context above; never a negative offset, which egui would only
        // clamp a frame later (the rows would jump).
        let offset = ((row_height + spacing) * pos as f32 - 2.0 * (row_height + spacing)).max(0.0);
        scroll = scroll.vertical_scroll_offset(offset);
        adjudication.scroll_to_selected = false;
    }
    let now = Timestamp::now();
    scroll.show_rows(ui, row_height, rows.len(), |ui, range| {
        for row in &rows[range] {
            let is_selected = adjudication.selected == Some(row.sentence);
            let text = doc.sentence_text(row.sentence).unwrap_or_default();
            ui.horizontal(|ui| {
                let mark = if row.disagrees {
                    RichText::new("differ")
                        .strong()
                        .color(ui.visuals().warn_fg_color)
                } else {
                    RichText::new("agree ").weak()
                };
                ui.label(mark.monospace());
                let label = format!("{}  {}", row.sentence.0, text.replace('\n', " "));
                let response = ui
                    .add(
                        egui::Button::selectable(is_selected, label)
                            .truncate()
                            .sense(egui::Sense::CLICK),
                    )
                    .on_hover_text(text);
                if response.clicked() {
                    adjudication.selected = Some(row.sentence);
                    view.select(Selection::sentence(doc_id, row.sentence));
                    view.scroll_to = None;
                }
            });
            ui.horizontal(|ui| {
                ui.add_space(48.0);
                let own = own.get(row.sentence.0 as usize).copied().flatten();
                chip(ui, "Now", own).on_hover_text("The open session (the adjudicated review)");
                for (idx, vote) in row.votes.iter().enumerate() {
                    let code = reviewer_code(idx);
                    chip(ui, &code, vote.map(|v| v.verdict)).on_hover_text(match vote {
                        Some(v) => {
                            format!("{}: {}", adjudication.reviews[idx].name, v.verdict.label())
                        }
                        None => format!("{}: not a claim", adjudication.reviews[idx].name),
                    });
                    if is_selected
                        && let Some(vote) = vote
                        && ui
                            .small_button(format!("Accept {code}"))
                            .on_hover_text(format!(
                                "Copy {}'s claim (span, verdict, sources, note) into this session",
                                adjudication.reviews[idx].name
                            ))
                            .clicked()
                    {
                        match crate::intent::accept_claim_edit(
                            session,
                            &adjudication.reviews[idx].session,
                            vote.claim,
                            now,
                        ) {
                            Ok(edit) => outbox.edit(edit),
                            Err(err) => outbox.command(AppCommand::ShowError(err.to_string())),
                        }
                    }
                }
            });
        }
    });
}

/// A reviewer's (or the session's) verdict on a sentence: their code and the verdict code
/// on the verdict's colour; a dash when they did not mark it.
fn chip(ui: &mut egui::Ui, who: &str, verdict: Option<Verdict>) -> egui::Response {
    match verdict {
        Some(verdict) => ui.label(
            RichText::new(format!(" {who} {} ", theme::verdict_code(verdict)))
                .monospace()
                .background_color(theme::verdict_color(verdict))
                .color(theme::on_verdict_color(verdict)),
        ),
        None => ui.label(RichText::new(format!(" {who} -  ")).monospace().weak()),
    }
}

/// The agreement figures of the compared reviews.
fn agreement_ui(ui: &mut egui::Ui, result: &Result<Agreement, String>, n_reviews: usize) {
    ui.heading("Agreement");
    let agreement = match result {
        Ok(agreement) => agreement,
        Err(err) => {
            if n_reviews < 2 {
                ui.label("Add a second review to measure agreement.");
            } else {
                ui.label(err);
            }
            return;
        }
    };
    let figure = |value: Option<f64>| value.map_or("undefined".to_owned(), |v| format!("{v:.3}"));
    ui.label(format!(
        "{} sentences in the shared documents, {} reviewers",
        agreement.units,
        agreement.reviewers.len()
    ));
    ui.add_space(4.0);
    ui.label(RichText::new("Which sentences are claims").strong());
    egui::Grid::new("claim_agreement")
        .num_columns(2)
        .show(ui, |ui| {
            ui.label("Percent agreement");
            ui.label(
                agreement
                    .claim
                    .percent
                    .map_or("undefined".to_owned(), |p| format!("{:.1}%", p * 100.0)),
            );
            ui.end_row();
            ui.label("Fleiss' κ");
            ui.label(figure(agreement.claim.fleiss_kappa));
            ui.end_row();
            ui.label("Krippendorff's α");
            ui.label(figure(agreement.claim.krippendorff_alpha));
            ui.end_row();
            for pair in &agreement.claim.cohen_kappa {
                ui.label(format!(
                    "Cohen's κ {}/{}",
                    reviewer_code(pair.a),
                    reviewer_code(pair.b)
                ));
                ui.label(figure(pair.value));
                ui.end_row();
            }
        });
    ui.add_space(4.0);
    ui.label(RichText::new("Verdicts").strong());
    egui::Grid::new("verdict_agreement")
        .num_columns(2)
        .show(ui, |ui| {
            ui.label("Sentences rated");
            ui.label(agreement.verdict.units.to_string());
            ui.end_row();
            ui.label("α ordinal");
            ui.label(figure(agreement.verdict.alpha_ordinal));
            ui.end_row();
            ui.label("α nominal");
            ui.label(figure(agreement.verdict.alpha_nominal));
            ui.end_row();
        });
    if !agreement.undefined.is_empty() {
        ui.add_space(4.0);
        for reason in agreement
            .undefined
            .values()
            .collect::<std::collections::BTreeSet<_>>()
        {
            ui.weak(format!("Undefined: {reason}"));
        }
    }
}
