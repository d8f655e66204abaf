//! The font the binary carries: Liberation Sans (SIL Open Font License, `assets/fonts/LICENSE`),
//! which has the metrics of Arial and Helvetica. The built-in layout measures text with it, the
//! SVG names it first, and PNG rendering draws with it, so that text fits its boxes in the PNG
//! on a machine without fonts and, in a browser, with Arial or Helvetica.

use skrifa::MetadataProvider;
use skrifa::instance::{LocationRef, Size};
use std::sync::OnceLock;

/// The regular face, embedded.
pub const REGULAR: &[u8] = include_bytes!("../../assets/fonts/LiberationSans-Regular.ttf");
/// The bold face, embedded.
pub const BOLD: &[u8] = include_bytes!("../../assets/fonts/LiberationSans-Bold.ttf");
/// The family name both faces declare.
pub const FAMILY: &str = "Liberation Sans";
/// The SVG `font-family`: the embedded face, then faces with the same metrics.
pub const CSS_FAMILY: &str = "'Liberation Sans', Arial, Helvetica, sans-serif";

/// Characters below this are measured once and kept in a table: Latin, Greek, Cyrillic.
const TABLE: usize = 0x0530;

/// Advance widths in ems, by face.
struct Widths {
    table: Vec<f32>,
    face: &'static [u8],
}

impl Widths {
    fn new(face: &'static [u8]) -> Widths {
        let table = (0..TABLE as u32)
            .map(|c| char::from_u32(c).map_or(0.0, |c| measure(face, c)))
            .collect();
        Widths { table, face }
    }

    fn get(&self, c: char) -> f32 {
        match self.table.get(c as usize) {
            Some(&width) => width,
            None => measure(self.face, c),
        }
    }
}

/// A character's advance in ems; one without a glyph counts as a full em (wide scripts are
/// about that wide where a browser finds a font for them).
fn measure(face: &[u8], c: char) -> f32 {
    let Ok(font) = skrifa::FontRef::new(face) else {
        return 0.6;
    };
    let units = f32::from(
        font.metrics(Size::unscaled(), LocationRef::default())
            .units_per_em,
    );
    match font.charmap().map(c) {
        Some(glyph) => font
            .glyph_metrics(Size::unscaled(), LocationRef::default())
            .advance_width(glyph)
            .map_or(1.0, |w| w / units),
        None if c.is_control() => 0.0,
        None => 1.0,
    }
}

fn widths(bold: bool) -> &'static Widths {
    static REGULAR_WIDTHS: OnceLock<Widths> = OnceLock::new();
    static BOLD_WIDTHS: OnceLock<Widths> = OnceLock::new();
    if bold {
        BOLD_WIDTHS.get_or_init(|| Widths::new(BOLD))
    } else {
        REGULAR_WIDTHS.get_or_init(|| Widths::new(REGULAR))
    }
}

/// The width of a line of text at a font size, in the same unit as the size.
pub fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    f64::from(ems(text, 0.0, bold)) * size
}

/// `so_far` plus the advances of `text`, in ems: a line measured as it grows adds each piece to
/// what it had, and gets the very sum [`text_width`] would (the same additions, in order).
pub fn ems(text: &str, so_far: f32, bold: bool) -> f32 {
    let widths = widths(bold);
    text.chars().fold(so_far, |sum, c| sum + widths.get(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_liberation_sans_metrics() {
        // Arial's (and so Liberation Sans's) advances: 'a' 1139/2048, 'W' 1933/2048, space 569/2048.
        assert!((text_width("a", 2048.0, false) - 1139.0).abs() < 0.5);
        assert!((text_width("W", 2048.0, false) - 1933.0).abs() < 0.5);
        assert!((text_width(" ", 2048.0, false) - 569.0).abs() < 0.5);
        assert!(text_width("Legend", 10.0, true) > text_width("Legend", 10.0, false));
        // Beyond the table, and without a glyph: an em.
        assert_eq!(text_width("\u{4e2d}", 10.0, false), 10.0);
    }
}
