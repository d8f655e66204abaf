//! Text metrics: how wide a line of text is and how text wraps, measured with the font the
//! binary carries ([`font`]), which has Arial's and Helvetica's metrics.

use crate::export::{escape, font};

/// Text size in role, scope and gap boxes.
pub const FONT_SIZE: f64 = 11.0;
/// From one line of a box's text to the next.
pub const LINE_HEIGHT: f64 = 14.0;
/// Between a box's text and its left and right sides.
pub const PAD_X: f64 = 10.0;
/// Between a box's text and its top and bottom.
pub const PAD_Y: f64 = 7.0;
/// The widest line of a box's title before it wraps: about 28 characters.
pub const WRAP: f64 = 150.0;
/// The narrowest box.
const MIN_BOX_WIDTH: f64 = 60.0;

/// The width of a line of box text.
pub fn text_width(text: &str) -> f64 {
    font::text_width(text, FONT_SIZE, false)
}

/// Word-wraps text to lines at most `width` wide at `size` (a word wider than that is cut);
/// explicit newlines are kept. Each line is measured as it grows, not again for every word:
/// titles of 100,000 roles are wrapped in every layout.
pub fn wrap_at(text: &str, width: f64, size: f64) -> Vec<String> {
    let shown = escape::shown(text);
    // Most titles fit on one line. Measured whole, a line is the sum the words below reach one
    // by one (the same additions, in order), and every word's sum on the way is no more: it is
    // its own wrapping. A leading space is dropped below, so such a line takes the long way.
    if !shown.starts_with(' ')
        && !shown.contains('\n')
        && f64::from(font::ems(&shown, 0.0, false)) * size <= width
    {
        return vec![shown.into_owned()];
    }
    wrap_words(&shown, width, size)
}

/// [`wrap_at`] of a text already as shown, word by word.
fn wrap_words(shown: &str, width: f64, size: f64) -> Vec<String> {
    let fits = |ems: f32| f64::from(ems) * size <= width;
    let space = font::ems(" ", 0.0, false);
    let mut lines = Vec::new();
    for paragraph in shown.split('\n') {
        let mut line = String::new();
        let mut line_ems = 0.0;
        for word in paragraph.split(' ') {
            let joined = if line.is_empty() {
                font::ems(word, 0.0, false)
            } else {
                font::ems(word, line_ems + space, false)
            };
            if fits(joined) {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
                line_ems = joined;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // A word too wide for a line of its own is cut where the line is full.
            line_ems = 0.0;
            let mut chars = 0;
            for c in word.chars() {
                let c_ems = font::ems(c.encode_utf8(&mut [0; 4]), 0.0, false);
                if chars > 0 && !fits(line_ems + c_ems) {
                    lines.push(std::mem::replace(&mut line, c.to_string()));
                    line_ems = c_ems;
                    chars = 1;
                } else {
                    line.push(c);
                    line_ems += c_ems;
                    chars += 1;
                }
            }
        }
        lines.push(line);
    }
    lines
}

/// Word-wraps box text to lines at most `width` wide; explicit newlines are kept.
pub fn wrap(text: &str, width: f64) -> Vec<String> {
    wrap_at(text, width, FONT_SIZE)
}

/// The size of a box holding these lines: width, height.
pub fn box_size(lines: &[String]) -> (f64, f64) {
    (
        box_width(lines.iter().map(String::as_str)),
        lines.len() as f64 * LINE_HEIGHT + 2.0 * PAD_Y,
    )
}

/// The width of a box holding these lines.
pub fn box_width<'a>(lines: impl IntoIterator<Item = &'a str>) -> f64 {
    let widest = lines.into_iter().map(text_width).fold(0.0, f64::max);
    (widest + 2.0 * PAD_X).max(MIN_BOX_WIDTH)
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
            wrap("Head of Product Marketing, Europe", 90.0),
            vec!["Head of Product", "Marketing, Europe"]
        );
        assert_eq!(wrap("a\nb", 90.0), vec!["a", "b"]);
        // A word wider than the line is cut where the line is full.
        let cut = wrap(&"x".repeat(100), 60.0);
        assert!(cut.len() > 5 && cut.iter().all(|line| text_width(line) <= 60.0));
        assert_eq!(cut.concat(), "x".repeat(100));
    }

    proptest::proptest! {
        /// A line that fits is wrapped as the words would wrap it one by one.
        #[test]
        fn one_line_is_wrapped_as_word_by_word(
            text in "[ a-zA-Z.,\u{e9}\u{4e2d}\t\n]{0,40}",
            width in 20.0f64..200.0,
        ) {
            let shown = escape::shown(&text);
            proptest::prop_assert_eq!(wrap(&text, width), wrap_words(&shown, width, FONT_SIZE));
        }
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
