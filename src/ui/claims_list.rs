//! The left panel: documents, review progress, and the filtered list of claims.

use egui::RichText;

use crate::model::{Claim, ClaimId, Session, Status, Verdict};
use crate::ui::command::AppCommand;
use crate::ui::outbox::Outbox;
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
            .filter(|c| needle.is_empty() || claim_matches(c, &needle))
            .filter(|c| !filter.conflicts_only || session.conflicts_of(c.id).next().is_some())
            .collect();
        claims.sort_by_key(|c| (c.doc, c.anchor.start, c.id));
        self.ids = claims.into_iter().map(|c| c.id).collect();
        self.key = Some((revision, filter.clone()));
    }
}

/// Whether the claim's text, claimant, note, reviewer or any source (address, title,
/// publisher, quoted passage) contains `needle` (already lowercase).
fn claim_matches(claim: &Claim, needle: &str) -> bool {
    let has = |text: &str| text.to_lowercase().contains(needle);
    has(&claim.text)
        || has(&claim.claimant)
        || has(&claim.note)
        || has(&claim.reviewer)
        || claim.sources.iter().any(|source| {
            has(&source.url) || has(&source.title) || has(&source.publisher) || has(&source.quote)
        })
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

/// The languages whose sentence rules a document can be segmented with.
const SEGMENTATION_LANGUAGES: &[(&str, &str)] = &[
    ("en", "English"),
    ("nl", "Dutch"),
    ("de", "German"),
    ("fr", "French"),
    ("es", "Spanish"),
    ("it", "Italian"),
    ("pt", "Portuguese"),
    ("pl", "Polish"),
    ("da", "Danish"),
    ("fi", "Finnish"),
    ("ru", "Russian"),
    ("uk", "Ukrainian"),
];

/// The current document's language (detected when it was added), which chooses its
/// sentence rules; choosing another segments it again, as one undoable edit.
fn document_language_ui(
    ui: &mut egui::Ui,
    session: &Session,
    view: &ViewState,
    outbox: &mut Outbox,
) {
    let Some(doc) = session.document(view.doc) else {
        return;
    };
    let name = |code: &str| {
        SEGMENTATION_LANGUAGES
            .iter()
            .find(|(c, _)| *c == code)
            .map_or_else(|| code.to_owned(), |(_, name)| format!("{name} ({code})"))
    };
    ui.horizontal(|ui| {
        let label = ui.label("Sentence rules");
        let mut chosen = doc.language.clone();
        egui::ComboBox::from_id_salt(("document_language", doc.id))
            .selected_text(name(&doc.language))
            .show_ui(ui, |ui| {
                for (code, _) in SEGMENTATION_LANGUAGES {
                    ui.selectable_value(&mut chosen, (*code).to_owned(), name(code));
                }
            })
            .response
            .labelled_by(label.id)
            .on_hover_text(
                "The language whose rules split this document into sentences (detected when it \
                 was added). Another choice segments it again; claims keep their text.",
            );
        if chosen != doc.language {
            match crate::intent::resegment_document_edit(
                session,
                crate::segment::resegmented(doc, &chosen),
            ) {
                Ok(edit) => outbox.edit(edit),
                Err(err) => outbox.command(AppCommand::ShowError(format!(
                    "“{}” was not segmented again: {err}",
                    doc.title
                ))),
            }
        }
    });
}

/// Claims an article update could not place: each with its old text and verdict, and
/// "Attach to selection" when text of its document is selected.
fn orphans_ui(ui: &mut egui::Ui, session: &Session, view: &ViewState, outbox: &mut Outbox) {
    if session.orphans().is_empty() {
        return;
    }
    egui::CollapsingHeader::new(
        RichText::new(format!("Orphaned claims ({})", session.orphans().len()))
            .color(ui.visuals().warn_fg_color),
    )
    .default_open(true)
    .show(ui, |ui| {
        ui.weak("An update of the article moved or removed their text.");
        for orphan in session.orphans() {
            ui.horizontal_wrapped(|ui| {
                let code = theme::verdict_code(orphan.verdict);
                ui.label(
                    RichText::new(format!("{code:^3}"))
                        .monospace()
                        .background_color(theme::verdict_color(orphan.verdict))
                        .color(theme::on_verdict_color(orphan.verdict)),
                );
                ui.add(
                    egui::Label::new(format!(
                        "{} {}",
                        session.claim_label(orphan.id),
                        orphan.anchor.quote.exact
                    ))
                    .truncate(),
                )
                .on_hover_text(&orphan.anchor.quote.exact);
            });
            let target = view.selection.as_ref().filter(|sel| sel.doc == orphan.doc);
            let anchor = target.and_then(|selection| {
                let doc = session.document(selection.doc)?;
                doc.anchor_chars(selection.char_range(doc)?)
            });
            let button = egui::Button::new(format!(
                "Attach {} to selection",
                session.claim_label(orphan.id)
            ));
            if ui
                .add_enabled(anchor.is_some(), button)
                .on_disabled_hover_text("Select the claim's new text in its document first")
                .clicked()
                && let Some(anchor) = anchor
            {
                outbox.edit(crate::intent::adopt_orphan_edit(session, orphan.id, anchor));
            }
        }
    });
    ui.separator();
}

/// Shows documents, progress and the claim list.
pub fn ui(
    ui: &mut egui::Ui,
    session: &Session,
    revision: u64,
    view: &mut ViewState,
    cache: &mut ClaimListCache,
    outbox: &mut Outbox,
) {
    ui.heading("Documents");
    for doc in session.documents() {
        let n_claims = session.claims().iter().filter(|c| c.doc == doc.id).count();
        let n_orphans = session.orphans().iter().filter(|c| c.doc == doc.id).count();
        let orphans = if n_orphans > 0 {
            format!(", {n_orphans} orphaned")
        } else {
            String::new()
        };
        let text = format!(
            "{}  ({}, {} claims{orphans})",
            doc.title, doc.language, n_claims
        );
        if ui
            .add(egui::Button::selectable(view.doc == doc.id, text).truncate())
            .clicked()
        {
            view.doc = doc.id;
            view.find.computed_for = None;
        }
    }
    document_language_ui(ui, session, view, outbox);
    ui.separator();

    let n_claims = session.claims().len();
    let n_done = session
        .claims()
        .iter()
        .filter(|c| c.status == Status::Done)
        .count();
    let n_sentences = session.n_sentences().max(1);
    let n_orphans = session.orphans().len();
    if n_orphans > 0 {
        ui.label(format!(
            "Claims done: {n_done} of {n_claims} (and {n_orphans} orphaned)"
        ));
    } else {
        ui.label(format!("Claims done: {n_done} of {n_claims}"));
    }
    ui.add(egui::ProgressBar::new(n_done as f32 / n_claims.max(1) as f32).desired_height(8.0));
    let n_visited = view.n_visited();
    ui.label(format!("Sentences visited: {n_visited} of {n_sentences}"));
    ui.add(egui::ProgressBar::new(n_visited as f32 / n_sentences as f32).desired_height(8.0));
    ui.separator();

    orphans_ui(ui, session, view, outbox);
    ui.heading("Claims");
    filter_ui(ui, &mut view.filter, session.conflicts().len());
    cache.update(session, revision, &view.filter);
    let selected_claim = view
        .selection
        .as_ref()
        .and_then(|sel| crate::ui::view::claim_for_selection(session, sel));
    if cache.ids.is_empty() {
        ui.weak(if session.claims().is_empty() {
            "No claims yet: select a sentence and press Enter to mark one."
        } else {
            "No claims match the filter."
        });
        return;
    }
    let row_height = ui.spacing().interact_size.y + 4.0;
    let several_documents = session.documents().len() > 1;
    // In a narrow panel the status is one letter and the document its number, so the
    // claim's own words keep most of the row.
    let is_narrow = ui.available_width() < 260.0;
    let list = egui::ScrollArea::vertical()
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
                    // A fixed width, so the texts line up whatever the status.
                    let word = status_word(claim.status);
                    let (shown, n_columns) = if is_narrow {
                        (
                            word.chars().next().map(String::from).unwrap_or_default(),
                            1.0,
                        )
                    } else {
                        (word.to_owned(), 6.0)
                    };
                    let status = egui::Label::new(RichText::new(shown).monospace().weak());
                    let width = n_columns
                        * ui.fonts_mut(|fonts| {
                            fonts.glyph_width(&egui::TextStyle::Monospace.resolve(ui.style()), 'm')
                        });
                    ui.add_sized([width, ui.spacing().interact_size.y], status)
                        .on_hover_text(claim.status.label());
                    if several_documents {
                        // The document's id, as the command line and the file number it.
                        let doc = session.document(claim.doc);
                        let number = if is_narrow {
                            claim.doc.to_string()
                        } else {
                            format!("doc {}", claim.doc)
                        };
                        ui.label(RichText::new(number).weak())
                            .on_hover_text(doc.map_or("", |d| d.title.as_str()));
                    }
                    if session.conflicts_of(claim.id).next().is_some() {
                        ui.label(
                            RichText::new("!")
                                .strong()
                                .monospace()
                                .color(ui.visuals().warn_fg_color),
                        )
                        .on_hover_text(
                            "Merge conflict: two reviewers changed this claim differently",
                        );
                    }
                    let text = format!("{} {}", session.claim_label(claim.id), claim.text);
                    // One tab stop for the whole list (see below), not one per row.
                    let response = ui.add(
                        egui::Button::selectable(selected_claim == Some(claim.id), text)
                            .truncate()
                            .sense(egui::Sense::CLICK),
                    );
                    let response = response.on_hover_text(claim.text.as_str());
                    if response.clicked() {
                        view.select(Selection::of_claim(session, claim));
                    }
                });
            }
        });
    // The list is one stop in the Tab order; with it focused, the arrow keys move the
    // selection through the listed claims.
    let focus = ui.interact(
        list.inner_rect,
        crate::ui::command::claims_list_focus_id(),
        egui::Sense::FOCUSABLE,
    );
    focus.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::ListBox, true, "Claim list (arrow keys move)")
    });
    if focus.has_focus() {
        // The arrows act on the list rather than move the focus to another widget.
        ui.memory_mut(|memory| {
            memory.set_focus_lock_filter(
                crate::ui::command::claims_list_focus_id(),
                egui::EventFilter {
                    vertical_arrows: true,
                    ..Default::default()
                },
            );
        });
        ui.painter().rect_stroke(
            list.inner_rect.shrink(1.0),
            2.0,
            ui.visuals().selection.stroke,
            egui::StrokeKind::Inside,
        );
        let step = ui.input_mut(|input| {
            if input.consume_key(egui::Modifiers::NONE, egui::Key::ArrowDown) {
                1
            } else if input.consume_key(egui::Modifiers::NONE, egui::Key::ArrowUp) {
                -1
            } else {
                0
            }
        });
        if step != 0 {
            let at = selected_claim.and_then(|id| cache.ids.iter().position(|&c| c == id));
            let next = match at {
                Some(at) => at.saturating_add_signed(step).min(cache.ids.len() - 1),
                None => 0,
            };
            if let Some(claim) = cache.ids.get(next).and_then(|&id| session.claim(id)) {
                view.select(Selection::of_claim(session, claim));
            }
        }
    }
}

/// A claim's status in one short word for the list.
fn status_word(status: Status) -> &'static str {
    match status {
        Status::Todo => "to do",
        Status::InReview => "review",
        Status::Done => "done",
    }
}

fn filter_ui(ui: &mut egui::Ui, filter: &mut ClaimFilter, n_conflicts: usize) {
    if n_conflicts > 0 || filter.conflicts_only {
        let n_claims = n_conflicts;
        ui.checkbox(
            &mut filter.conflicts_only,
            RichText::new(format!("Only claims with merge conflicts ({n_claims})"))
                .color(ui.visuals().warn_fg_color),
        );
    }
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
                .hint_text("text, claimant, note, sources")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    });
}
