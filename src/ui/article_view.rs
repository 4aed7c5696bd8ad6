//! The centre panel: the article as flowing paragraphs, each sentence a click target.
//!
//! Only the paragraphs inside the visible part of the scroll area are laid out, so a
//! 100k-sentence document costs no more per frame than a short one. Paragraph heights are
//! estimated until a paragraph has been seen, then measured; the paragraph list and the
//! claim spans are derived once per document and session revision, not per frame.
//!
//! Interaction: a click selects a sentence, shift-click extends the selection, and a drag
//! inside a sentence selects a span within it. Claims are shaded in their verdict's colour
//! and carry a verdict code in the left gutter, so colour is never the only cue.

use std::ops::Range;
use std::sync::Arc;

use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{FontId, Galley, Pos2, Rect, Sense, Shape, Stroke, Vec2};

use crate::model::{DocId, Document, SentenceId, Session, Verdict};
use crate::ui::command::ScrollTarget;
use crate::ui::row_heights::RowHeights;
use crate::ui::theme;
use crate::ui::view::{Selection, ViewState};
use crate::word_bounds;

/// A run of sentences shown as one block of text.
#[derive(Clone, Debug)]
struct Paragraph {
    sentences: Range<usize>,
    chars: Range<usize>,
    is_heading: bool,
}

#[derive(Clone, Debug)]
struct ClaimSpan {
    range: Range<usize>,
    verdict: Verdict,
}

/// What the view derives from a document and keeps between frames.
#[derive(Default)]
pub struct ArticleCache {
    doc_key: Option<(DocId, String)>,
    paragraphs: Vec<Paragraph>,
    /// Paragraph index of each sentence.
    sentence_paragraph: Vec<usize>,
    /// Paragraph heights (estimated until measured), for `layout_key`.
    rows: RowHeights,
    layout_key: (u32, u32),
    claims_key: Option<(DocId, u64)>,
    /// Claims on the document, sorted by start.
    claim_spans: Vec<ClaimSpan>,
    /// The visible part of the article in the previous frame (content coordinates).
    last_viewport: Option<Rect>,
}

impl ArticleCache {
    fn update_document(&mut self, doc: &Document) {
        let key = (doc.id, doc.content_hash().to_owned());
        if self.doc_key.as_ref() == Some(&key) {
            return;
        }
        self.paragraphs = paragraphs_of(doc);
        self.sentence_paragraph = vec![0; doc.sentences().len()];
        for (para_idx, para) in self.paragraphs.iter().enumerate() {
            for sentence_idx in para.sentences.clone() {
                if let Some(slot) = self.sentence_paragraph.get_mut(sentence_idx) {
                    *slot = para_idx;
                }
            }
        }
        self.rows = RowHeights::default();
        self.layout_key = (0, 0);
        self.claims_key = None;
        self.last_viewport = None;
        self.doc_key = Some(key);
    }

    fn update_claims(&mut self, session: &Session, doc: DocId, revision: u64) {
        if self.claims_key == Some((doc, revision)) {
            return;
        }
        self.claim_spans = session
            .claims_in(doc)
            .into_iter()
            .map(|claim| ClaimSpan {
                range: claim.anchor.range(),
                verdict: claim.verdict,
            })
            .collect();
        self.claims_key = Some((doc, revision));
    }

    /// Estimates every height for a new wrap width or font size.
    fn update_layout(&mut self, wrap_width: f32, font_size: f32) {
        let key = (wrap_width.round() as u32, (font_size * 10.0).round() as u32);
        if key == self.layout_key && self.rows.len() == self.paragraphs.len() {
            return;
        }
        let chars_per_row = (wrap_width / (font_size * 0.5)).max(10.0);
        let row_height = font_size * 1.35;
        let estimates = self
            .paragraphs
            .iter()
            .map(|para| {
                let n_rows = (para.chars.len() as f32 / chars_per_row).ceil().max(1.0);
                n_rows * row_height + theme::PARAGRAPH_SPACING
            })
            .collect();
        self.rows.set_estimates(estimates);
        self.layout_key = key;
    }

    /// The claims overlapping `chars`.
    fn claims_in(&self, chars: &Range<usize>) -> impl Iterator<Item = &ClaimSpan> {
        // Claims are sorted by start; any claim overlapping starts before `chars.end`.
        let end = self
            .claim_spans
            .partition_point(|c| c.range.start < chars.end);
        self.claim_spans[..end]
            .iter()
            .filter(move |c| c.range.end > chars.start)
    }
}

/// Groups sentences into paragraphs: a blank line between two sentences starts a new one.
fn paragraphs_of(doc: &Document) -> Vec<Paragraph> {
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    let sentences = doc.sentences();
    for (idx, sentence) in sentences.iter().enumerate() {
        let continues = idx > 0
            && paragraphs.last().is_some_and(|para| {
                let gap = doc.slice(para.chars.end..sentence.start).unwrap_or("\n\n");
                gap.matches('\n').count() < 2
            });
        match paragraphs.last_mut() {
            Some(para) if continues => {
                para.sentences.end = idx + 1;
                para.chars.end = sentence.end;
                para.is_heading = false;
            }
            _ => {
                let text = doc.slice(sentence.range()).unwrap_or_default();
                paragraphs.push(Paragraph {
                    sentences: idx..idx + 1,
                    chars: sentence.range(),
                    is_heading: crate::segment::reads_as_heading(text),
                });
            }
        }
    }
    paragraphs
}

/// A paragraph as laid out this frame, for hit-testing pointer positions.
struct PlacedParagraph {
    galley: Arc<Galley>,
    origin: Pos2,
    chars_start: usize,
}

impl PlacedParagraph {
    fn char_at(&self, pos: Pos2) -> usize {
        self.chars_start + self.galley.cursor_from_pos(pos - self.origin).index.0
    }

    fn contains_y(&self, y: f32) -> bool {
        let top = self.origin.y;
        top <= y && y <= top + self.galley.size().y
    }
}

/// Shows the article of `view.doc`.
pub fn ui(
    ui: &mut egui::Ui,
    session: &Session,
    revision: u64,
    view: &mut ViewState,
    cache: &mut ArticleCache,
    font_size: f32,
) {
    let Some(doc) = session.document(view.doc) else {
        ui.centered_and_justified(|ui| ui.label("This session has no documents."));
        return;
    };
    cache.update_document(doc);
    cache.update_claims(session, doc.id, revision);
    let wrap_width =
        (ui.available_width() - theme::GUTTER_WIDTH - 16.0).clamp(120.0, theme::MAX_TEXT_WIDTH);
    cache.update_layout(wrap_width, font_size);

    let mut scroll_area = egui::ScrollArea::vertical()
        .id_salt(("article", view.generation, doc.id))
        .auto_shrink([false, false]);
    if let Some((scroll_doc, sentence)) = view.scroll_to.take() {
        if scroll_doc == doc.id
            && let Some(&para_idx) = cache.sentence_paragraph.get(sentence.idx())
        {
            let top = cache.rows.top(para_idx).unwrap_or(0.0);
            let bottom = cache.rows.top(para_idx + 1).unwrap_or(top);
            let is_visible = cache
                .last_viewport
                .is_some_and(|viewport| top >= viewport.min.y && bottom <= viewport.max.y);
            if !is_visible {
                scroll_area = scroll_area.vertical_scroll_offset((top - 60.0).max(0.0));
            }
        } else if scroll_doc != doc.id {
            view.scroll_to = Some((scroll_doc, sentence));
        }
    }

    if let (Some(target), Some(viewport)) = (view.scroll_request.take(), cache.last_viewport) {
        scroll_area =
            scroll_area.vertical_scroll_offset(scroll_offset(target, viewport, cache.rows.total()));
    }

    scroll_area.show_viewport(ui, |ui, viewport| {
        cache.last_viewport = Some(viewport);
        let origin = ui.max_rect().min;
        let full_width = ui.available_width();
        let first_visible = cache.rows.first_at(viewport.min.y);
        let mut placed = Vec::new();
        let is_dark = ui.visuals().dark_mode;
        let mut para_idx = first_visible;
        while let (Some(para), Some(top)) =
            (cache.paragraphs.get(para_idx), cache.rows.top(para_idx))
        {
            if top > viewport.max.y {
                break;
            }
            let galley = layout_paragraph(ui, doc, para, cache, font_size, wrap_width);
            let measured = galley.size().y + theme::PARAGRAPH_SPACING;
            cache.rows.measured(para_idx, measured);
            let para_origin = origin + Vec2::new(theme::GUTTER_WIDTH, top);
            let placed_para = PlacedParagraph {
                galley,
                origin: para_origin,
                chars_start: para.chars.start,
            };
            paint_paragraph(ui, doc, para, &placed_para, cache, view, is_dark);
            placed.push(placed_para);
            para_idx += 1;
        }
        cache.rows.settle();
        ui.set_min_size(Vec2::new(full_width, cache.rows.total()));
        handle_pointer(ui, doc, &placed, view);
    });
}

/// The scroll offset a page or start/end key leads to from `viewport`, for content
/// `total` high: a page keeps a tenth of the old view in sight, for reading on.
pub fn scroll_offset(target: ScrollTarget, viewport: egui::Rect, total: f32) -> f32 {
    let page = viewport.height() * 0.9;
    let last = (total - viewport.height()).max(0.0);
    match target {
        ScrollTarget::PageDown => (viewport.min.y + page).min(last),
        ScrollTarget::PageUp => (viewport.min.y - page).max(0.0),
        ScrollTarget::Top => 0.0,
        ScrollTarget::Bottom => last,
    }
}

/// Lays out one paragraph with claim shading.
fn layout_paragraph(
    ui: &egui::Ui,
    doc: &Document,
    para: &Paragraph,
    cache: &ArticleCache,
    font_size: f32,
    wrap_width: f32,
) -> Arc<Galley> {
    let is_dark = ui.visuals().dark_mode;
    let text: String = doc
        .slice(para.chars.clone())
        .unwrap_or_default()
        .chars()
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    // Body text in the strong colour: the default grey is too faint for long reading.
    let color = ui.visuals().strong_text_color();
    let size = if para.is_heading {
        font_size * 1.3
    } else {
        font_size
    };
    let base = TextFormat {
        font_id: FontId::proportional(size),
        color,
        line_height: Some(size * 1.35),
        ..Default::default()
    };
    // Cut the text where shading changes: at claim starts and ends.
    let mut cuts = vec![0, para.chars.len()];
    let claims: Vec<&ClaimSpan> = cache.claims_in(&para.chars).collect();
    for claim in &claims {
        for at in [claim.range.start, claim.range.end] {
            if let Some(rel) = at.checked_sub(para.chars.start)
                && rel < para.chars.len()
            {
                cuts.push(rel);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let index = crate::offsets::CharIndex::new(&text);
    let mut job = LayoutJob::default();
    job.wrap.max_width = wrap_width;
    job.text = text.clone();
    for pair in cuts.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        let abs = para.chars.start + start;
        let claim = claims
            .iter()
            .find(|c| c.range.start <= abs && abs < c.range.end);
        let mut format = base.clone();
        if let Some(claim) = claim {
            format.background = theme::verdict_fill(claim.verdict, is_dark);
        }
        let (Some(from), Some(to)) = (index.byte_of(&text, start), index.byte_of(&text, end))
        else {
            continue;
        };
        job.sections.push(egui::text::LayoutSection {
            leading_space: 0.0,
            byte_range: egui::text::ByteIndex(from)..egui::text::ByteIndex(to),
            format,
        });
    }
    ui.painter().layout_job(job)
}

/// Screen rectangles covering code points `range` (relative to the paragraph) of a galley.
fn range_rects(placed: &PlacedParagraph, range: Range<usize>) -> Vec<Rect> {
    let galley = &placed.galley;
    let start = galley.pos_from_cursor(CCursor::new(range.start));
    let end = galley.pos_from_cursor(CCursor::new(range.end));
    let mut rects = Vec::new();
    for row in &galley.rows {
        let row_rect = row.rect();
        if row_rect.max.y <= start.min.y + 0.5 || row_rect.min.y >= end.max.y - 0.5 {
            continue;
        }
        let is_first = (row_rect.min.y - start.min.y).abs() < 0.5;
        let is_last = (row_rect.min.y - end.min.y).abs() < 0.5;
        let left = if is_first {
            start.min.x
        } else {
            row_rect.min.x
        };
        let right = if is_last { end.min.x } else { row_rect.max.x };
        if right > left {
            let rect = Rect::from_x_y_ranges(left..=right, row_rect.y_range());
            rects.push(rect.translate(placed.origin.to_vec2()));
        }
    }
    rects
}

/// Draws one laid-out paragraph with its overlays and registers its sentence widgets.
fn paint_paragraph(
    ui: &mut egui::Ui,
    doc: &Document,
    para: &Paragraph,
    placed: &PlacedParagraph,
    cache: &ArticleCache,
    view: &mut ViewState,
    is_dark: bool,
) {
    let painter = ui.painter().clone();
    // Reserve a slot behind the text for find-match highlights.
    let background = painter.add(Shape::Noop);
    painter.galley(
        placed.origin,
        placed.galley.clone(),
        ui.visuals().text_color(),
    );
    let para_start = para.chars.start;
    let relative = |range: &Range<usize>| {
        range.start.saturating_sub(para_start).min(para.chars.len())
            ..range.end.saturating_sub(para_start).min(para.chars.len())
    };

    let mut highlights = Vec::new();
    for found in view
        .find
        .matches
        .iter()
        .filter(|m| m.start < para.chars.end && para.chars.start < m.end)
    {
        for rect in range_rects(placed, relative(found)) {
            highlights.push(Shape::rect_filled(rect, 2.0, theme::find_match_fill()));
        }
    }
    painter.set(background, Shape::Vec(highlights));

    // Verdict codes in the gutter, at the row where each claim starts; claims starting on
    // the same row share it side by side instead of hiding one another.
    let mut rows: Vec<(f32, Vec<Verdict>)> = Vec::new();
    for claim in cache.claims_in(&para.chars) {
        if claim.range.start < para.chars.start {
            continue;
        }
        let rel = claim.range.start - para_start;
        let row_y = placed.galley.pos_from_cursor(CCursor::new(rel)).center().y;
        match rows.iter_mut().find(|(y, _)| (*y - row_y).abs() < 1.0) {
            Some((_, verdicts)) => verdicts.push(claim.verdict),
            None => rows.push((row_y, vec![claim.verdict])),
        }
    }
    for (row_y, verdicts) in rows {
        let center = Pos2::new(
            placed.origin.x - theme::GUTTER_WIDTH / 2.0,
            placed.origin.y + row_y,
        );
        let area = Rect::from_center_size(center, Vec2::new(theme::GUTTER_WIDTH - 6.0, 16.0));
        // Named for screen readers (and tests), and explained on hover.
        let names: Vec<&str> = verdicts.iter().map(|verdict| verdict.label()).collect();
        let description = format!("Claims starting on this line: {}", names.join(", "));
        let id = ui
            .scope_id()
            .with(("gutter", doc.id, para.chars.start, row_y.to_bits()));
        let response = ui.interact(area, id, Sense::hover());
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &description));
        response.on_hover_text(&description);
        for badge in gutter_badges(area, &verdicts) {
            let (fill, text_color) = match badge.verdict {
                Some(verdict) => (
                    theme::verdict_color(verdict),
                    theme::on_verdict_color(verdict),
                ),
                None => (
                    ui.visuals().widgets.inactive.bg_fill,
                    ui.visuals().text_color(),
                ),
            };
            painter.rect_filled(badge.rect, 3.0, fill);
            painter.text(
                badge.rect.center(),
                egui::Align2::CENTER_CENTER,
                badge.text,
                FontId::proportional(if verdicts.len() > 1 { 9.0 } else { 11.0 }),
                text_color,
            );
        }
    }

    // One widget per row of each sentence: click targets with accessible names.
    let selected = view.selection.clone().filter(|sel| sel.doc == doc.id);
    for sentence_idx in para.sentences.clone() {
        let Some(sentence) = doc.sentences().get(sentence_idx) else {
            continue;
        };
        let sentence_id = SentenceId(sentence_idx as u32);
        let rects = range_rects(placed, relative(&sentence.range()));
        let text = doc.slice(sentence.range()).unwrap_or_default();
        let mut is_hovered = false;
        for (piece, rect) in rects.iter().enumerate() {
            let id = ui
                .scope_id()
                .with(("sentence", doc.id, sentence_idx, piece));
            let response = ui.interact(*rect, id, Sense::click_and_drag());
            let label = if piece == 0 {
                text.to_owned()
            } else {
                format!("(continued) {text}")
            };
            response
                .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, label.clone()));
            is_hovered |= response.hovered();
            if response.clicked() {
                let extend = ui.input(|i| i.modifiers.shift);
                click_sentence(view, doc.id, sentence_id, extend);
            }
            // The press origin, not the current position: a drag only starts once the
            // pointer has moved a little.
            if response.drag_started()
                && let Some(pos) = ui.input(|i| i.pointer.press_origin())
            {
                view.drag_origin = Some((doc.id, placed.char_at(pos)));
            }
        }
        if is_hovered {
            view.hovered = Some((doc.id, sentence_id));
            for rect in &rects {
                painter.hline(
                    rect.x_range(),
                    rect.bottom() - 1.0,
                    Stroke::new(1.0, theme::hover_color(is_dark)),
                );
            }
        }
        if let Some(sel) = &selected {
            let (first, last) = sel.ordered();
            let outline = match &sel.span {
                Some(span) if sel.first == sentence_id => Some(relative(span)),
                Some(_) => None,
                None if first <= sentence_id && sentence_id <= last => {
                    Some(relative(&sentence.range()))
                }
                None => None,
            };
            if let Some(range) = outline {
                for rect in range_rects(placed, range) {
                    painter.rect_stroke(
                        rect.expand(1.5),
                        3.0,
                        theme::selection_stroke(is_dark),
                        egui::StrokeKind::Outside,
                    );
                }
            }
        }
    }
}

/// Selects a sentence; with `extend`, stretches the selection from its first sentence.
fn click_sentence(view: &mut ViewState, doc: DocId, sentence: SentenceId, extend: bool) {
    let selection = match &view.selection {
        Some(current) if extend && current.doc == doc => Selection {
            doc,
            first: current.first,
            last: sentence,
            span: None,
        },
        _ => Selection::sentence(doc, sentence),
    };
    view.select(selection);
    // Selecting by pointer should not scroll the text under the pointer.
    view.scroll_to = None;
}

/// Finishes a drag inside the article: a span within one sentence, or a sentence range.
fn handle_pointer(ui: &egui::Ui, doc: &Document, placed: &[PlacedParagraph], view: &mut ViewState) {
    let Some((drag_doc, origin_char)) = view.drag_origin else {
        return;
    };
    let (is_down, pos) = ui.input(|i| (i.pointer.primary_down(), i.pointer.interact_pos()));
    let Some(pos) = pos else { return };
    let Some(para) = placed.iter().find(|p| p.contains_y(pos.y)) else {
        if !is_down {
            view.drag_origin = None;
        }
        return;
    };
    let current_char = para.char_at(pos);
    let (start, end) = (origin_char.min(current_char), origin_char.max(current_char));
    if drag_doc == doc.id && start < end {
        let first = doc
            .sentence_at(start)
            .or_else(|| doc.sentence_at(start + 1));
        let last = doc.sentence_at(end.saturating_sub(1));
        if let (Some(first), Some(last)) = (first, last) {
            let selection = if first == last {
                let sentence = doc.sentence(first).map(|s| s.range()).unwrap_or(start..end);
                let span = start.max(sentence.start)..end.min(sentence.end);
                // Snapped to whole words: no pixel precision needed.
                let span = doc
                    .slice(sentence.clone())
                    .and_then(|text| {
                        word_bounds::snap_to_words(
                            text,
                            span.start - sentence.start,
                            span.end - sentence.start,
                        )
                    })
                    .map_or(span, |(s, e)| sentence.start + s..sentence.start + e);
                let is_whole = span == sentence;
                Selection {
                    doc: doc.id,
                    first,
                    last,
                    span: (!is_whole).then_some(span),
                }
            } else {
                Selection {
                    doc: doc.id,
                    first,
                    last,
                    span: None,
                }
            };
            view.select(selection);
            view.scroll_to = None;
        }
    }
    if !is_down {
        view.drag_origin = None;
    }
}

/// One verdict code in the gutter (or a "+n" for codes that do not fit).
#[derive(Debug, PartialEq)]
struct GutterBadge {
    rect: Rect,
    verdict: Option<Verdict>,
    text: String,
}

/// The badges for the claims starting on one row, in `area`: one across the whole area
/// for a single claim; side by side for two or three; two and "+n" for more. They never
/// overlap, and every claim is shown or counted.
fn gutter_badges(area: Rect, verdicts: &[Verdict]) -> Vec<GutterBadge> {
    const MAX_SHOWN: usize = 3;
    let shown = if verdicts.len() > MAX_SHOWN {
        MAX_SHOWN - 1
    } else {
        verdicts.len()
    };
    let n_slots = if verdicts.len() > MAX_SHOWN {
        MAX_SHOWN
    } else {
        shown.max(1)
    };
    let gap = 1.0;
    let width = (area.width() - gap * (n_slots as f32 - 1.0)) / n_slots as f32;
    let slot = |idx: usize| {
        let left = area.left() + idx as f32 * (width + gap);
        Rect::from_min_size(Pos2::new(left, area.top()), Vec2::new(width, area.height()))
    };
    let mut badges: Vec<GutterBadge> = verdicts
        .iter()
        .take(shown)
        .enumerate()
        .map(|(idx, &verdict)| GutterBadge {
            rect: slot(idx),
            verdict: Some(verdict),
            text: theme::verdict_code(verdict).to_owned(),
        })
        .collect();
    if verdicts.len() > shown {
        badges.push(GutterBadge {
            rect: slot(shown),
            verdict: None,
            text: format!("+{}", verdicts.len() - shown),
        });
    }
    badges
}

#[cfg(test)]
mod gutter_tests {
    use super::*;

    #[test]
    fn claims_on_one_row_share_the_gutter_without_hiding_each_other() {
        let area = Rect::from_min_size(Pos2::ZERO, Vec2::new(40.0, 16.0));
        for n in 1..=6 {
            let verdicts: Vec<Verdict> = Verdict::ALL.iter().copied().cycle().take(n).collect();
            let badges = gutter_badges(area, &verdicts);
            for (i, a) in badges.iter().enumerate() {
                assert!(area.expand(0.01).contains_rect(a.rect), "{n}: {a:?}");
                for b in &badges[i + 1..] {
                    assert!(!a.rect.shrink(0.01).intersects(b.rect.shrink(0.01)), "{n}");
                }
            }
            let shown = badges.iter().filter(|b| b.verdict.is_some()).count();
            let counted: usize = badges
                .iter()
                .filter_map(|b| {
                    b.text
                        .strip_prefix('+')
                        .and_then(|k| k.parse::<usize>().ok())
                })
                .sum();
            assert_eq!(shown + counted, n, "every claim shown or counted");
        }
    }
}
