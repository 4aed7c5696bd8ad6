//! The parallel view: an original and its translation in aligned rows, with divergences
//! marked in the margin (their detail on hover), counterparts highlighted, and the
//! alignment correctable by hand (merge a row with the next, split a row).
//!
//! The alignment lives in the session (so corrections are saved and undoable); the
//! divergences are derived from it and cached until the alignment or the texts change
//! (not on every edit: rating a claim leaves them alone).

use std::borrow::Cow;
use std::collections::HashMap;

use egui::{RichText, Sense};

use crate::align::{AlignedPair, Divergence, DivergenceKind};
use crate::model::{DocId, Document, SentenceId, Session, Verdict};
use crate::ui::command::AppCommand;
use crate::ui::outbox::Outbox;
use crate::ui::row_heights::RowHeights;
use crate::ui::theme;
use crate::ui::view::{Selection, ViewState};

/// A claim's part of one sentence.
#[derive(Clone, Debug)]
struct ClaimMark {
    span: std::ops::Range<usize>,
    verdict: Verdict,
    starts_here: bool,
}

/// Divergences of the shown alignment, kept between frames.
#[derive(Default)]
pub struct CompareCache {
    /// The session revision the claim verdicts were read at.
    verdicts_key: Option<(DocId, DocId, u64)>,
    /// The documents (ids and content hashes) and pairs the divergences were computed
    /// from; compared only when the session revision changes.
    divergences_key: Option<(DocId, DocId, String, String)>,
    divergences_pairs: Vec<AlignedPair>,
    divergences_dismissed: Vec<crate::model::alignment::DismissedFlag>,
    /// Divergences per pair index, ranked (figures and quotations first), each with
    /// whether a reviewer dismissed it. Computed on the alignment as stored (A the
    /// original), whichever way round it is shown.
    by_pair: Vec<Vec<(Divergence, bool)>>,
    /// The claims over each sentence of the two documents: the part of the sentence they
    /// cover (code points from its start), their verdict, and whether they start there.
    claims: HashMap<(DocId, u32), Vec<ClaimMark>>,
    n_divergences: usize,
    n_dismissed: usize,
    /// Row heights (estimated until measured), for the column width in `layout_key`.
    rows: RowHeights,
    layout_key: Option<(DocId, DocId, usize, u32)>,
    /// A row being brought into view, and the frames it may still take: the rows above
    /// it are estimated until shown, so its top moves as they are measured.
    pending_scroll: Option<(usize, u8)>,
}

/// Frames a row brought into view may take to settle (each measures the rows shown).
const SCROLL_SETTLE_FRAMES: u8 = 6;
/// Room left above a row brought into view, as in the article view.
const SCROLL_MARGIN_ABOVE: f32 = 60.0;

impl CompareCache {
    fn update(
        &mut self,
        session: &Session,
        (a, b): (&Document, &Document),
        stored: &crate::model::Alignment,
        revision: u64,
    ) {
        let key = (a.id, b.id, revision);
        if self.verdicts_key == Some(key) {
            return;
        }
        self.verdicts_key = Some(key);
        self.claims.clear();
        for claim in session
            .claims()
            .iter()
            .filter(|c| c.doc == a.id || c.doc == b.id)
        {
            let doc = if claim.doc == a.id { a } else { b };
            for sentence in claim.anchor.first.0..=claim.anchor.last.0 {
                let Some(range) = doc.sentence(SentenceId(sentence)).map(|s| s.range()) else {
                    continue;
                };
                let start = claim.anchor.start.max(range.start) - range.start;
                let end = claim.anchor.end.min(range.end).saturating_sub(range.start);
                if start < end {
                    self.claims
                        .entry((claim.doc, sentence))
                        .or_default()
                        .push(ClaimMark {
                            span: start..end,
                            verdict: claim.verdict,
                            starts_here: claim.anchor.first.0 == sentence,
                        });
                }
            }
        }
        // Flags are computed on the alignment as stored, so a dismissed flag is the same
        // flag whichever way round the documents are shown.
        let (Some(stored_a), Some(stored_b)) =
            (session.document(stored.a), session.document(stored.b))
        else {
            return;
        };
        let divergences_key = (
            stored_a.id,
            stored_b.id,
            stored_a.content_hash().to_owned(),
            stored_b.content_hash().to_owned(),
        );
        if self.divergences_key.as_ref() == Some(&divergences_key)
            && self.divergences_pairs == stored.pairs
            && self.divergences_dismissed == stored.dismissed
        {
            return;
        }
        let mut divergences = crate::align::document_divergences(stored_a, stored_b, &stored.pairs);
        // Ranked: numbers, dates, percentages and quotations first.
        divergences.sort_by_key(|d| d.kind);
        self.by_pair = vec![Vec::new(); stored.pairs.len()];
        // Each divergence belongs to the pair with exactly its sentences.
        let row_of: HashMap<(&[u32], &[u32]), usize> = stored
            .pairs
            .iter()
            .enumerate()
            .map(|(idx, p)| ((p.a.as_slice(), p.b.as_slice()), idx))
            .collect();
        self.n_divergences = 0;
        self.n_dismissed = 0;
        for divergence in divergences {
            let idx = row_of
                .get(&(divergence.a.as_slice(), divergence.b.as_slice()))
                .copied();
            if let Some(slot) = idx.and_then(|idx| self.by_pair.get_mut(idx)) {
                let dismissed = stored.is_dismissed(
                    divergence.kind,
                    &divergence.a,
                    &divergence.b,
                    &divergence.detail,
                );
                if dismissed {
                    self.n_dismissed += 1;
                } else {
                    self.n_divergences += 1;
                }
                slot.push((divergence, dismissed));
            }
        }
        self.divergences_key = Some(divergences_key);
        self.divergences_pairs = stored.pairs.clone();
        self.divergences_dismissed = stored.dismissed.clone();
    }

    /// Estimates row heights when the rows or the column width change.
    fn update_heights(&mut self, a: &Document, b: &Document, pairs: &[AlignedPair], column: f32) {
        let key = (a.id, b.id, pairs.len(), column.round() as u32);
        if self.layout_key == Some(key) {
            return;
        }
        let chars_per_row = (column / 7.0).max(10.0);
        let lines = |doc: &Document, ids: &[u32]| -> f32 {
            ids.iter()
                .map(|&id| {
                    let n = doc.sentence(SentenceId(id)).map_or(0, |s| s.end - s.start);
                    (n as f32 / chars_per_row).ceil().max(1.0)
                })
                .sum()
        };
        self.rows.set_estimates(
            pairs
                .iter()
                .map(|p| lines(a, &p.a).max(lines(b, &p.b)).max(2.0) * 18.0 + 20.0)
                .collect(),
        );
        self.layout_key = Some(key);
    }
}

/// The two documents compared: the view's choice, else a translation and its original,
/// else the first two documents.
pub fn compared_documents(session: &Session, view: &ViewState) -> Option<(DocId, DocId)> {
    if let Some((a, b)) = view.compare
        && session.document(a).is_some()
        && session.document(b).is_some()
        && a != b
    {
        return Some((a, b));
    }
    if let Some(translation) = session
        .documents()
        .iter()
        .find(|d| d.translation_of.is_some())
    {
        return translation.translation_of.map(|of| (of, translation.id));
    }
    match session.documents() {
        [first, second, ..] => Some((first.id, second.id)),
        _ => None,
    }
}

fn kind_code(kind: DivergenceKind, pair: &AlignedPair) -> &'static str {
    match kind {
        DivergenceKind::Number => "NUM",
        DivergenceKind::Date => "DATE",
        DivergenceKind::Percent => "%",
        DivergenceKind::Name => "NAME",
        DivergenceKind::Quote => "QUOTE",
        DivergenceKind::Moved => "MOVED",
        DivergenceKind::Unaligned if pair.a.is_empty() => "ONLY B",
        DivergenceKind::Unaligned => "ONLY A",
    }
}

/// Shows the parallel view.
pub fn ui(
    ui: &mut egui::Ui,
    session: &Session,
    revision: u64,
    view: &mut ViewState,
    cache: &mut CompareCache,
    outbox: &mut Outbox,
) {
    let Some((a_id, b_id)) = compared_documents(session, view) else {
        ui.centered_and_justified(|ui| {
            ui.label("Comparing needs two documents: add the translation with File > Open… into a session, or start from `claimdesk new A B`.");
        });
        return;
    };
    let (Some(doc_a), Some(doc_b)) = (session.document(a_id), session.document(b_id)) else {
        return;
    };
    ui.horizontal_wrapped(|ui| {
        document_picker(ui, session, "Original (A)", a_id, |id| {
            view.compare = Some((id, b_id))
        });
        document_picker(ui, session, "Translation (B)", b_id, |id| {
            view.compare = Some((a_id, id))
        });
        let alignment = session.alignment(a_id, b_id);
        let label = if alignment.is_some() {
            "Re-align"
        } else {
            "Align"
        };
        let hint = if alignment.is_some_and(|al| al.is_edited) {
            "Align again from scratch (your corrections can be undone back)"
        } else {
            "Align the sentences of A and B and mark B as A's translation"
        };
        if ui.button(label).on_hover_text(hint).clicked() {
            outbox.command(AppCommand::AlignDocuments(a_id, b_id));
        }
        if let Some(alignment) = alignment {
            let n_pairs = alignment
                .pairs
                .iter()
                .filter(|p| !p.a.is_empty() && !p.b.is_empty())
                .count();
            ui.label(format!(
                "{n_pairs} aligned pairs · {} divergences",
                cache.n_divergences
            ))
            .on_hover_text(
                "Flags in the margin, most telling first (numbers, dates, percentages, \
                 quotations). Right-click a flag to dismiss it once you have checked it.",
            );
            if cache.n_dismissed > 0 {
                ui.checkbox(
                    &mut view.show_dismissed_flags,
                    format!("Show {} dismissed", cache.n_dismissed),
                );
            }
        }
    });
    ui.separator();
    let Some(alignment) = session.alignment(a_id, b_id) else {
        ui.label("These documents are not aligned yet. Press Align.");
        return;
    };
    // The stored alignment may run B → A; show it the way round the user chose.
    let pairs: Cow<[AlignedPair]> = if alignment.a == a_id {
        Cow::Borrowed(&alignment.pairs)
    } else {
        Cow::Owned(
            alignment
                .pairs
                .iter()
                .map(|p| AlignedPair {
                    a: p.b.clone(),
                    b: p.a.clone(),
                    score: p.score,
                    is_moved: p.is_moved,
                })
                .collect(),
        )
    };
    cache.update(session, (doc_a, doc_b), alignment, revision);
    let is_flipped = alignment.a != a_id;
    let stored_docs = (session.document(alignment.a), session.document(alignment.b));

    let selected_row = view.selection.as_ref().and_then(|sel| {
        let (first, _) = sel.ordered();
        pairs.iter().position(|p| {
            (sel.doc == a_id && p.a.contains(&first.0))
                || (sel.doc == b_id && p.b.contains(&first.0))
        })
    });
    let is_dark = ui.visuals().dark_mode;
    let full = ui.available_width() - 16.0;
    let margin = 70.0;
    // The selected row's corrections sit beside the row when there is room, else under it.
    let actions_beside = full >= 620.0;
    let actions = if actions_beside { 180.0 } else { 0.0 };
    // Room for the spacing between the four columns, the row frame and the scroll bar.
    let n_gaps = if actions_beside { 3.0 } else { 2.0 };
    let spacing = n_gaps * ui.spacing().item_spacing.x + 2.0 * 6.0 + ui.spacing().scroll.bar_width;
    let column = ((full - margin - actions - spacing) / 2.0).max(120.0);
    cache.update_heights(doc_a, doc_b, &pairs, column);
    // A claim chosen in the list, or J/K/N/P, brings its row into view. Row heights are
    // estimated until a row has been shown, so the row's top is set again on the next
    // frames until the rows around it are measured and it stays put.
    if let Some((doc, sentence)) = view.scroll_to
        && (doc == a_id || doc == b_id)
    {
        cache.pending_scroll = pairs
            .iter()
            .position(|p| {
                (doc == a_id && p.a.contains(&sentence.0))
                    || (doc == b_id && p.b.contains(&sentence.0))
            })
            .map(|row| (row, SCROLL_SETTLE_FRAMES));
        view.scroll_to = None;
    }
    let mut scroll_area = egui::ScrollArea::vertical()
        .id_salt(("compare", view.generation, a_id, b_id))
        .auto_shrink([false, false]);
    let scrolled_to = cache
        .pending_scroll
        .and_then(|(row, _)| cache.rows.top(row));
    if let Some(top) = scrolled_to {
        scroll_area = scroll_area.vertical_scroll_offset((top - SCROLL_MARGIN_ABOVE).max(0.0));
    }
    // Only the rows in view are laid out: row heights are estimated until a row has been
    // shown, then measured, as in the article view.
    scroll_area.show_viewport(ui, |ui, viewport| {
        let origin = ui.max_rect().min;
        let first = cache.rows.first_at(viewport.min.y);
        let mut row = first;
        while let (Some(pair), Some(top)) = (pairs.get(row), cache.rows.top(row)) {
            if top > viewport.max.y {
                break;
            }
            let rect = egui::Rect::from_min_size(
                origin + egui::vec2(0.0, top),
                egui::vec2(full, 10_000.0),
            );
            let used = ui
                .scope_builder(egui::UiBuilder::new().max_rect(rect), |ui| {
                    let is_selected = selected_row == Some(row);
                    let frame = egui::Frame::new().inner_margin(4.0).stroke(if is_selected {
                        theme::selection_stroke(is_dark)
                    } else {
                        egui::Stroke::NONE
                    });
                    frame.show(ui, |ui| {
                        ui.horizontal_top(|ui| {
                            ui.allocate_ui(egui::vec2(margin, 0.0), |ui| {
                                ui.set_width(margin);
                                ui.vertical(|ui| {
                                    for (divergence, dismissed) in
                                        cache.by_pair.get(row).into_iter().flatten()
                                    {
                                        if *dismissed && !view.show_dismissed_flags {
                                            continue;
                                        }
                                        flag_chip(
                                            ui,
                                            divergence,
                                            *dismissed,
                                            pair,
                                            (is_flipped, stored_docs, alignment),
                                            outbox,
                                        );
                                    }
                                });
                            });
                            for (doc, ids) in [(doc_a, &pair.a), (doc_b, &pair.b)] {
                                ui.allocate_ui(egui::vec2(column, 0.0), |ui| {
                                    ui.set_width(column);
                                    ui.vertical(|ui| {
                                        for &sentence in ids.iter() {
                                            let marks = cache
                                                .claims
                                                .get(&(doc.id, sentence))
                                                .map_or(&[][..], Vec::as_slice);
                                            sentence_ui(ui, doc, sentence, view, marks, is_dark);
                                        }
                                    });
                                });
                            }
                            // Row corrections only on the selected row: no noise on the
                            // others (the column stays, so nothing shifts).
                            if actions_beside {
                                ui.allocate_ui(egui::vec2(actions, 0.0), |ui| {
                                    ui.set_width(actions);
                                    if is_selected {
                                        ui.vertical(|ui| {
                                            row_actions_ui(ui, &pairs, row, (a_id, b_id), outbox);
                                        });
                                    }
                                });
                            }
                        });
                        if is_selected && !actions_beside {
                            ui.horizontal_wrapped(|ui| {
                                row_actions_ui(ui, &pairs, row, (a_id, b_id), outbox);
                            });
                        }
                    });
                    ui.separator();
                })
                .response
                .rect;
            cache.rows.measured(row, used.height());
            row += 1;
        }
        cache.rows.settle();
        ui.set_min_size(egui::vec2(full, cache.rows.total()));
    });
    if let Some((row, frames_left)) = cache.pending_scroll {
        let has_settled = cache.rows.top(row) == scrolled_to;
        cache.pending_scroll = (!has_settled && frames_left > 1).then(|| (row, frames_left - 1));
        if cache.pending_scroll.is_some() {
            ui.ctx().request_repaint();
        }
    }
}

/// Merge the selected row with the next, or split it.
fn row_actions_ui(
    ui: &mut egui::Ui,
    pairs: &[AlignedPair],
    row: usize,
    (a_id, b_id): (DocId, DocId),
    outbox: &mut Outbox,
) {
    let can_merge = crate::model::alignment::can_merge_with_next(pairs, row);
    let merge = egui::Button::new(format!("Merge row {} with next", row + 1)).small();
    if ui.add_enabled(can_merge, merge).clicked() {
        outbox.command(AppCommand::MergePairs {
            a: a_id,
            b: b_id,
            row,
        });
    }
    let can_split = crate::model::alignment::can_split(pairs, row);
    let split = egui::Button::new(format!("Split row {}", row + 1)).small();
    if ui.add_enabled(can_split, split).clicked() {
        outbox.command(AppCommand::SplitPair {
            a: a_id,
            b: b_id,
            row,
        });
    }
}

fn sentence_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    sentence: u32,
    view: &mut ViewState,
    marks: &[ClaimMark],
    is_dark: bool,
) {
    let text = doc
        .sentence_text(SentenceId(sentence))
        .unwrap_or_default()
        .replace('\n', " ");
    let is_selected = view.selection.as_ref().is_some_and(|sel| {
        let (first, last) = sel.ordered();
        sel.doc == doc.id && first.0 <= sentence && sentence <= last.0
    });
    let body_font = egui::TextStyle::Body.resolve(ui.style());
    let text_color = ui.visuals().text_color();
    let mut job = egui::text::LayoutJob::default();
    // The verdict code of each claim that starts here, so colour is not the only cue.
    for mark in marks.iter().filter(|mark| mark.starts_here) {
        job.append(
            &format!(" {} ", theme::verdict_code(mark.verdict)),
            0.0,
            egui::TextFormat {
                font_id: egui::FontId::monospace(body_font.size * 0.8),
                color: theme::on_verdict_color(mark.verdict),
                background: theme::verdict_color(mark.verdict),
                ..Default::default()
            },
        );
        job.append(" ", 0.0, egui::TextFormat::default());
    }
    // Shaded only where a claim covers the sentence, which may be part of it.
    let chars: Vec<char> = text.chars().collect();
    for (piece, covering) in shaded_pieces(chars.len(), marks) {
        let (start, end) = (piece.start, piece.end);
        let mut format = egui::TextFormat {
            font_id: body_font.clone(),
            color: text_color,
            ..Default::default()
        };
        if let Some(mark) = covering {
            format.background = theme::verdict_fill(mark.verdict, is_dark);
        }
        if is_selected {
            format.underline = egui::Stroke::new(1.5, text_color);
        }
        let piece_text: String = chars[start..end].iter().collect();
        job.append(&piece_text, 0.0, format);
    }
    job.wrap.max_width = ui.available_width();
    // Laid out as a label, announced as what it is: a sentence to click.
    let galley = ui.fonts_mut(|fonts| fonts.layout_job(job));
    let (rect, response) = ui.allocate_exact_size(galley.size(), Sense::click());
    ui.painter().galley(rect.min, galley, text_color);
    // The accessible name is the sentence, after the verdicts of the claims starting there.
    let name = marks
        .iter()
        .filter(|mark| mark.starts_here)
        .map(|mark| format!("{} claim: ", mark.verdict.label()))
        .collect::<String>()
        + &text;
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
    if response.clicked() {
        view.select(Selection::sentence(doc.id, SentenceId(sentence)));
        view.scroll_to = None;
    }
}

/// The sentence (of `len` code points) cut where claims begin and end, each piece with
/// the claim covering it, if any.
fn shaded_pieces(
    len: usize,
    marks: &[ClaimMark],
) -> Vec<(std::ops::Range<usize>, Option<&ClaimMark>)> {
    let mut cuts: Vec<usize> = vec![0, len];
    for mark in marks {
        cuts.push(mark.span.start.min(len));
        cuts.push(mark.span.end.min(len));
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .map(|piece| {
            let covering = marks
                .iter()
                .find(|mark| mark.span.start <= piece[0] && piece[1] <= mark.span.end);
            (piece[0]..piece[1], covering)
        })
        .collect()
}

/// One divergence flag in the margin: its code, the divergence in full on hover, and a
/// context menu to dismiss or restore it (an edit, saved with the alignment).
fn flag_chip(
    ui: &mut egui::Ui,
    divergence: &Divergence,
    dismissed: bool,
    shown_pair: &AlignedPair,
    (is_flipped, (stored_a, stored_b), stored): (
        bool,
        (Option<&Document>, Option<&Document>),
        &crate::model::Alignment,
    ),
    outbox: &mut Outbox,
) {
    let code = kind_code(divergence.kind, shown_pair);
    let mut text = RichText::new(code)
        .small()
        .strong()
        .color(theme::divergence_color(divergence.kind));
    if dismissed {
        text = text.strikethrough().weak();
    }
    let mut hover = match (stored_a, stored_b) {
        (Some(a), Some(b)) => {
            let stored_pair = AlignedPair {
                a: divergence.a.clone(),
                b: divergence.b.clone(),
                score: shown_pair.score,
                is_moved: shown_pair.is_moved,
            };
            divergence_explained(divergence, &stored_pair, a, b)
        }
        _ => divergence.detail.clone(),
    };
    if is_flipped {
        hover.push_str("\n(A and B as the alignment stores them: A is the original.)");
    }
    hover.push_str(if dismissed {
        "\nDismissed. Right-click to restore."
    } else {
        "\nRight-click to dismiss once checked."
    });
    let response = ui
        .add(
            egui::Label::new(text)
                .selectable(false)
                .sense(egui::Sense::click()),
        )
        .on_hover_text(hover);
    response.context_menu(|ui| {
        let label = if dismissed {
            "Restore this flag"
        } else {
            "Dismiss this flag"
        };
        if ui.button(label).clicked() {
            outbox.command(AppCommand::DismissFlag {
                a: stored.a,
                b: stored.b,
                divergence: divergence.clone(),
                dismiss: !dismissed,
            });
            ui.close();
        }
    });
}

/// A divergence in full: what differs, and both sides quoted.
fn divergence_explained(
    divergence: &Divergence,
    pair: &AlignedPair,
    doc_a: &Document,
    doc_b: &Document,
) -> String {
    let side = |doc: &Document, ids: &[u32]| -> String {
        let text: String = ids
            .iter()
            .filter_map(|&id| doc.sentence_text(SentenceId(id)))
            .collect::<Vec<_>>()
            .join(" ")
            .replace('\n', " ");
        let shown: String = text.chars().take(200).collect();
        match (text.is_empty(), shown.len() < text.len()) {
            (true, _) => "(nothing aligned)".to_owned(),
            (false, true) => format!("“{shown}…”"),
            (false, false) => format!("“{shown}”"),
        }
    };
    let what = match divergence.kind {
        DivergenceKind::Number => "Numbers differ",
        DivergenceKind::Date => "Dates differ",
        DivergenceKind::Percent => "Percentages differ",
        DivergenceKind::Name => "Names differ",
        DivergenceKind::Quote => "A quotation differs",
        DivergenceKind::Moved => "This passage sits elsewhere in the other text",
        DivergenceKind::Unaligned => "No counterpart in the other text",
    };
    let mut text = what.to_owned();
    if !divergence.detail.is_empty() {
        text.push_str(&format!(": {}", divergence.detail));
    }
    text.push_str(&format!(
        ".\n\nA ({}): {}\nB ({}): {}",
        doc_a.title,
        side(doc_a, &pair.a),
        doc_b.title,
        side(doc_b, &pair.b)
    ));
    text
}

fn document_picker(
    ui: &mut egui::Ui,
    session: &Session,
    label: &str,
    current: DocId,
    mut choose: impl FnMut(DocId),
) {
    let label = ui.label(label);
    let title = session
        .document(current)
        .map(|d| d.title.clone())
        .unwrap_or_default();
    egui::ComboBox::from_id_salt(label.id)
        .selected_text(title)
        .width(220.0)
        .show_ui(ui, |ui| {
            for doc in session.documents() {
                if ui.selectable_label(doc.id == current, &doc.title).clicked() {
                    choose(doc.id);
                }
            }
        })
        .response
        .labelled_by(label.id);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_divergence_tooltip_says_what_differs_and_quotes_both_sides() {
        let a = crate::segment::segmented_document(
            DocId(0),
            "nl",
            "nl",
            None,
            "Sinds 2020 heeft een junta de macht.".to_owned(),
        );
        let b = crate::segment::segmented_document(
            DocId(1),
            "en",
            "en",
            None,
            "Since last year a junta has ruled.".to_owned(),
        );
        let pair = AlignedPair {
            a: vec![0],
            b: vec![0],
            score: 1.0,
            is_moved: false,
        };
        let divergence = Divergence {
            a: vec![0],
            b: vec![0],
            kind: DivergenceKind::Date,
            detail: "year 2020 only in A".to_owned(),
        };
        let text = divergence_explained(&divergence, &pair, &a, &b);
        assert!(
            text.starts_with("Dates differ: year 2020 only in A."),
            "{text}"
        );
        assert!(
            text.contains("A (nl): “Sinds 2020 heeft een junta de macht.”"),
            "{text}"
        );
        assert!(
            text.contains("B (en): “Since last year a junta has ruled.”"),
            "{text}"
        );
    }

    #[test]
    fn a_claim_on_part_of_a_sentence_shades_only_that_part() {
        let marks = [ClaimMark {
            span: 5..10,
            verdict: Verdict::False,
            starts_here: true,
        }];
        let pieces: Vec<_> = shaded_pieces(20, &marks)
            .into_iter()
            .map(|(range, mark)| (range, mark.map(|m| m.verdict)))
            .collect();
        assert_eq!(
            pieces,
            vec![(0..5, None), (5..10, Some(Verdict::False)), (10..20, None)]
        );
        let plain = shaded_pieces(8, &[]);
        assert_eq!(plain.len(), 1);
        assert_eq!(plain[0].0, 0..8);
        assert!(plain[0].1.is_none());
    }
}
