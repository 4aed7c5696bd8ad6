//! Colours, glyphs and spacing: the only place the UI picks them.
//!
//! Verdict colours follow the Okabe–Ito palette, which stays distinguishable for the
//! common forms of colour blindness; every verdict also has a short code and a glyph, so
//! colour is never the only cue.

use egui::Color32;

use crate::model::{Status, Verdict};

/// Width of the gutter left of the article where verdict codes are drawn.
pub const GUTTER_WIDTH: f32 = 44.0;
/// Vertical space between paragraphs.
pub const PARAGRAPH_SPACING: f32 = 10.0;
/// Widest the article text runs, for comfortable reading.
pub const MAX_TEXT_WIDTH: f32 = 760.0;

/// The strong colour of a verdict (text, outlines, the gutter code).
pub fn verdict_color(verdict: Verdict) -> Color32 {
    match verdict {
        Verdict::Unrated => Color32::from_rgb(0x00, 0x72, 0xB2),
        Verdict::True => Color32::from_rgb(0x00, 0x9E, 0x73),
        Verdict::MostlyTrue => Color32::from_rgb(0x56, 0xB4, 0xE9),
        Verdict::HalfTrue => Color32::from_rgb(0xF0, 0xE4, 0x42),
        Verdict::MostlyFalse => Color32::from_rgb(0xE6, 0x9F, 0x00),
        Verdict::False => Color32::from_rgb(0xD5, 0x5E, 0x00),
        Verdict::Misleading => Color32::from_rgb(0xCC, 0x79, 0xA7),
        Verdict::Unverifiable => Color32::from_rgb(0x99, 0x99, 0x99),
    }
}

/// The shading behind a claim's text: the verdict colour, faint enough to read through.
pub fn verdict_fill(verdict: Verdict, is_dark: bool) -> Color32 {
    let alpha = if is_dark { 70 } else { 55 };
    verdict_color(verdict).gamma_multiply_u8(alpha)
}

/// A short code shown in the gutter and lists, so verdicts read without colour.
pub fn verdict_code(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Unrated => "?",
        Verdict::True => "T",
        Verdict::MostlyTrue => "MT",
        Verdict::HalfTrue => "HT",
        Verdict::MostlyFalse => "MF",
        Verdict::False => "F",
        Verdict::Misleading => "MIS",
        Verdict::Unverifiable => "UNV",
    }
}

/// The keyboard digit that sets a verdict (0 unrated, 1 true … 7 unverifiable).
pub fn verdict_digit(verdict: Verdict) -> u8 {
    match verdict {
        Verdict::Unrated => 0,
        Verdict::True => 1,
        Verdict::MostlyTrue => 2,
        Verdict::HalfTrue => 3,
        Verdict::MostlyFalse => 4,
        Verdict::False => 5,
        Verdict::Misleading => 6,
        Verdict::Unverifiable => 7,
    }
}

/// Text colour that reads on top of a verdict's strong colour.
pub fn on_verdict_color(verdict: Verdict) -> Color32 {
    match verdict {
        Verdict::HalfTrue | Verdict::MostlyTrue | Verdict::MostlyFalse => Color32::BLACK,
        _ => Color32::WHITE,
    }
}

/// The outline around the selected sentence.
pub fn selection_stroke(is_dark: bool) -> egui::Stroke {
    let color = if is_dark {
        Color32::from_rgb(0xFF, 0xD7, 0x00)
    } else {
        Color32::from_rgb(0x1A, 0x1A, 0x1A)
    };
    egui::Stroke::new(2.0, color)
}

/// The underline under the sentence the pointer is over.
pub fn hover_color(is_dark: bool) -> Color32 {
    if is_dark {
        Color32::from_gray(170)
    } else {
        Color32::from_gray(90)
    }
}

/// The highlight behind find matches.
pub fn find_match_fill() -> Color32 {
    Color32::from_rgba_unmultiplied(0xFF, 0xD7, 0x00, 110)
}

/// A status as words (the default font has no reliable status glyphs).
pub fn status_text(status: Status) -> &'static str {
    status.label()
}

/// The colour of a divergence's margin code.
pub fn divergence_color(kind: crate::align::DivergenceKind) -> Color32 {
    use crate::align::DivergenceKind;
    match kind {
        DivergenceKind::Number | DivergenceKind::Date | DivergenceKind::Percent => {
            Color32::from_rgb(0xD5, 0x5E, 0x00)
        }
        DivergenceKind::Name | DivergenceKind::Quote => Color32::from_rgb(0xCC, 0x79, 0xA7),
        DivergenceKind::Moved => Color32::from_rgb(0x56, 0xB4, 0xE9),
        DivergenceKind::Unaligned => Color32::from_rgb(0x99, 0x99, 0x99),
    }
}

/// The colour of error notices.
pub fn error_color() -> Color32 {
    Color32::from_rgb(0xD5, 0x5E, 0x00)
}
