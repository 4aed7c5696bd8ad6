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

/// Text colour that reads on top of a verdict's strong colour: black or white, whichever
/// contrasts more (at least 4.5:1 for every verdict; see the tests).
pub fn on_verdict_color(verdict: Verdict) -> Color32 {
    let fill = verdict_color(verdict);
    if contrast(fill, Color32::BLACK) >= contrast(fill, Color32::WHITE) {
        Color32::BLACK
    } else {
        Color32::WHITE
    }
}

/// A verdict's colour as an outline on `background`: darkened (on a light background) or
/// lightened (on a dark one) until it stands out at least 3:1, as WCAG asks of controls.
pub fn verdict_outline(verdict: Verdict, background: Color32) -> Color32 {
    let toward = if luminance(background) > 0.5 {
        Color32::BLACK
    } else {
        Color32::WHITE
    };
    let base = verdict_color(verdict);
    (0..=20)
        .map(|step| base.lerp_to_gamma(toward, f32::from(step as u8) / 20.0))
        .find(|&color| contrast(color, background) >= 3.0)
        .unwrap_or(toward)
}

/// WCAG relative luminance of an sRGB colour.
pub fn luminance(color: Color32) -> f32 {
    let channel = |c: u8| {
        let c = f32::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(color.r()) + 0.7152 * channel(color.g()) + 0.0722 * channel(color.b())
}

/// WCAG contrast ratio of two colours (1 to 21).
pub fn contrast(a: Color32, b: Color32) -> f32 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
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

/// Draws a clear ring around a widget that has keyboard focus (egui's own is faint on
/// outlined buttons).
pub fn focus_ring(ui: &egui::Ui, response: &egui::Response) {
    if response.has_focus() {
        let color = if ui.visuals().dark_mode {
            Color32::from_rgb(0xFF, 0xD7, 0x00)
        } else {
            Color32::from_rgb(0x1A, 0x1A, 0x1A)
        };
        ui.painter().rect_stroke(
            response.rect.expand(2.5),
            4.0,
            egui::Stroke::new(2.0, color),
            egui::StrokeKind::Outside,
        );
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts_meet_wcag_contrast_in_both_themes() {
        for &verdict in Verdict::ALL {
            let fill = verdict_color(verdict);
            let text = contrast(fill, on_verdict_color(verdict));
            assert!(text >= 4.5, "{verdict:?}: text on its colour {text:.2}");
            for visuals in [egui::Visuals::light(), egui::Visuals::dark()] {
                for background in [visuals.panel_fill, visuals.window_fill] {
                    let outline = contrast(verdict_outline(verdict, background), background);
                    assert!(
                        outline >= 3.0,
                        "{verdict:?} outline on {background:?}: {outline:.2}"
                    );
                }
            }
        }
    }
}
