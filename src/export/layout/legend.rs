//! The legend's geometry: a framed column of rows at the top left, each a sample of what the
//! diagram draws and what it means.

use super::metrics::wrap_at;
use super::{MARGIN, Rect};
use crate::export::font;
use crate::export::{Diagram, LegendEntry};

/// The widest line of a row's text, about 60 characters.
const WRAP: f64 = 300.0;
/// The legend's text size.
pub const FONT_SIZE: f64 = 10.0;
/// From one line of a row's text to the next.
const LINE_STEP: f64 = 13.0;
/// The sample's size: a box, an ellipse or a stretch of line.
const SAMPLE_WIDTH: f64 = 44.0;
const SAMPLE_HEIGHT: f64 = 14.0;

/// The legend: its frame and heading, and a row per entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Legend {
    /// The frame's top left corner and size.
    pub left: f64,
    /// See `left`.
    pub top: f64,
    /// See `left`.
    pub width: f64,
    /// See `left`.
    pub height: f64,
    /// The start of the heading's baseline.
    pub heading: (f64, f64),
    /// One row per entry, top down.
    pub rows: Vec<LegendRow>,
}

/// One entry: a sample of what it explains, and its text to the sample's right.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendRow {
    /// What the row explains.
    pub entry: LegendEntry,
    /// Where the sample goes; a line sample runs along its middle.
    pub sample: Rect,
    /// Where each line of text starts.
    pub text_x: f64,
    /// Each line of text with its baseline's y.
    pub lines: Vec<(f64, String)>,
}

/// Lays out the legend from `top`; returns it and its extent (right edge, bottom).
pub(super) fn legend(diagram: &Diagram, top: f64) -> (Legend, (f64, f64)) {
    let model = diagram.model;
    let x = MARGIN + 10.0;
    let text_x = x + 56.0;
    let mut y = top + 22.0;
    let mut widest: f64 = 60.0;
    let mut rows = Vec::new();
    for entry in diagram.legend() {
        let mid = y + 6.0;
        let text = wrap_at(&entry.text(model), WRAP, FONT_SIZE);
        let lines: Vec<(f64, String)> = text
            .into_iter()
            .enumerate()
            .map(|(i, line)| (mid + 3.5 + i as f64 * LINE_STEP, line))
            .collect();
        for (_, line) in &lines {
            widest = widest.max(font::text_width(line, FONT_SIZE, false));
        }
        y += 6.0 + LINE_STEP * lines.len() as f64;
        rows.push(LegendRow {
            entry,
            sample: Rect {
                x: x + SAMPLE_WIDTH / 2.0,
                y: mid - SAMPLE_HEIGHT / 2.0,
                w: SAMPLE_WIDTH,
                h: SAMPLE_HEIGHT,
            },
            text_x,
            lines,
        });
    }
    let bottom = y + 4.0;
    let legend = Legend {
        left: MARGIN,
        top,
        width: text_x - MARGIN + widest + 10.0,
        height: bottom - top,
        heading: (x, top + 14.0),
        rows,
    };
    (legend, (text_x + widest + 10.0, bottom))
}
