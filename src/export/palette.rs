//! The colours and font every drawing shares: each diagram format (DOT, SVG, Mermaid) and the
//! comparison's DOT. One place, so that a role, a finding or a kind looks the same everywhere.

use crate::model::KindId;

/// The font of every label.
pub const FONT: &str = "Helvetica";
/// Text.
pub const TEXT_COLOR: &str = "#1f2933";
/// Secondary text: the people under a title, team names.
pub const NOTE_COLOR: &str = "#52606d";
/// Faint text: "vacant".
pub const FAINT_COLOR: &str = "#7b8794";
/// The page, and boxes without a fill of their own.
pub const WHITE: &str = "#ffffff";
/// Findings: gaps, duplicate owners, reporting cycles.
pub const FINDING_COLOR: &str = "#d62728";
/// A manager's box.
pub const MANAGER_FILL: &str = "#dbe7f5";
/// An individual contributor's box.
pub const IC_FILL: &str = WHITE;
/// Boxes' borders and reporting lines.
pub const BORDER: &str = "#4a5560";
/// Dotted-line managers.
pub const DOTTED_COLOR: &str = "#8c8c8c";
/// A scope's ellipse.
pub const SCOPE_FILL: &str = "#fbf1d9";
/// A scope's outline.
pub const SCOPE_BORDER: &str = "#a07d2c";
/// A gap's placeholder (its border is the finding colour).
pub const GAP_FILL: &str = "#fdecea";
/// A team's frame.
pub const TEAM_BORDER: &str = "#9aa5b1";
/// The legend's frame.
pub const FRAME_COLOR: &str = "#c8c8c8";

/// Comparison: a role not in the first model but in the last.
pub const ADDED_FILL: &str = "#d3f9d8";
/// Comparison: a role in the first model but not in the last.
pub const DROPPED_FILL: &str = "#ffe3e3";
/// Comparison: a role in some models only, neither added nor dropped.
pub const PARTIAL_FILL: &str = "#fff3bf";
/// Comparison: a matched role that owns differently from its match.
pub const CHANGED_BORDER: &str = "#1c7ed6";

/// One colour per kind, by kind index; dark enough for text on white, none of them red (the
/// colour of findings) or grey (dotted lines).
pub const KIND_COLORS: [&str; 10] = [
    "#1f6fb4", "#2e8b2e", "#7b4fb0", "#c76a00", "#8c564b", "#0f8a9d", "#b8408f", "#5b6b00",
    "#3b4cc0", "#9a7400",
];

/// The colour of a kind, by its place among the model's kinds; kinds beyond ten reuse the
/// colours in turn.
pub fn kind_color(kind: KindId) -> &'static str {
    KIND_COLORS[kind.index() % KIND_COLORS.len()]
}
