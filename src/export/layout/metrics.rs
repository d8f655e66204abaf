//! Text metrics: how wide a line of text is and how text wraps, without a font. Widths are
//! generous estimates for 11px Helvetica, so that text stays inside its box in any renderer.

use crate::export::escape;

/// Text size in role, scope and gap boxes.
pub const FONT_SIZE: f64 = 11.0;
/// From one line of a box's text to the next.
pub const LINE_HEIGHT: f64 = 14.0;
/// A generous average glyph width for 11px Helvetica, so text stays inside its box.
pub const CHAR_WIDTH: f64 = 6.4;
/// Between a box's text and its left and right sides.
pub const PAD_X: f64 = 10.0;
/// Between a box's text and its top and bottom.
pub const PAD_Y: f64 = 7.0;
/// Characters per line of a box's title.
pub const WRAP: usize = 28;
/// The narrowest box.
const MIN_BOX_WIDTH: f64 = 60.0;

/// The estimated width of a line of box text; wide (CJK and other) characters count more.
pub fn text_width(text: &str) -> f64 {
    text.chars()
        .map(|c| if c > '\u{10FF}' { 1.8 } else { 1.0 })
        .sum::<f64>()
        * CHAR_WIDTH
}

/// Word-wraps text to lines of about `width` characters; explicit newlines are kept.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in escape::shown(text).split('\n') {
        let mut line = String::new();
        for word in paragraph.split(' ') {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    lines
}

/// The size of a box holding these lines: width, height.
pub fn box_size(lines: &[String]) -> (f64, f64) {
    let widest = lines.iter().map(|l| text_width(l)).fold(0.0, f64::max);
    (
        (widest + 2.0 * PAD_X).max(MIN_BOX_WIDTH),
        lines.len() as f64 * LINE_HEIGHT + 2.0 * PAD_Y,
    )
}

/// The baseline of line `line` (from 0) of the text in a box whose top is `top`.
pub fn baseline(top: f64, line: usize) -> f64 {
    top + PAD_Y + FONT_SIZE + line as f64 * LINE_HEIGHT - 2.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_words_and_newlines() {
        assert_eq!(
            wrap("Head of Product Marketing, Europe", 16),
            vec!["Head of Product", "Marketing,", "Europe"]
        );
        assert_eq!(wrap("a\nb", 10), vec!["a", "b"]);
    }

    #[test]
    fn boxes_fit_their_text() {
        let lines = wrap("Head of Product Marketing, Europe", WRAP);
        let (w, h) = box_size(&lines);
        assert!(lines.iter().all(|l| text_width(l) + 2.0 * PAD_X <= w));
        assert!(baseline(0.0, lines.len() - 1) + PAD_Y <= h);
        assert_eq!(box_size(&["a".to_string()]).0, MIN_BOX_WIDTH);
    }
}
