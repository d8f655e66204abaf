//! SVG without Graphviz: paints the built-in [`layout`](super::layout) of a diagram.

use super::decimal::Tenths;
use super::font::CSS_FAMILY;
use super::layout::TITLE_SIZE;
use super::layout::metrics::{FONT_SIZE, baseline};
use super::layout::{
    Edge, EdgeKind, Label, Layout, Legend, Node, NodeKind, Rect, Segment, TeamFrame, Text, layout,
};
use super::palette::{
    BORDER, FINDING_COLOR, FRAME_COLOR, GAP_FILL, IC_FILL, MANAGER_FILL, SCOPE_BORDER, SCOPE_FILL,
    TEAM_BORDER, TEXT_COLOR, WHITE, kind_color,
};
use super::{Diagram, LegendEntry, escape};
use crate::model::{KindId, Level};
use std::fmt::Write;

/// The SVG document of a diagram, laid out by the built-in engine.
pub fn render(diagram: &Diagram) -> String {
    paint(&layout(diagram))
}

/// The SVG document of a laid-out diagram.
pub fn paint(layout: &Layout) -> String {
    let (width, height) = (layout.width, layout.height);
    let title_text = escape::xml(&layout.title.text);
    // About what 100,000 roles take a box, a line and a label: the document grows in place
    // instead of being copied as it doubles.
    let estimate =
        4096 + 400 * layout.nodes.len() + 120 * (layout.edges.len() + layout.labels.len());
    let mut doc = String::with_capacity(estimate);
    let _ = write!(
        doc,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">\n\
         <title>{title_text}</title>\n\
         <style>\n\
         text {{ font-family: {CSS_FAMILY}; font-size: {FONT_SIZE}px; fill: {TEXT_COLOR}; text-anchor: middle; }}\n\
         .title {{ font-size: {TITLE_SIZE}px; text-anchor: start; }}\n\
         .legend text, .note {{ font-size: 10px; text-anchor: start; }}\n\
         .label {{ font-size: 9px; }}\n\
         .role rect {{ fill: {IC_FILL}; stroke: {BORDER}; stroke-width: 1; }}\n\
         .manager rect {{ fill: {MANAGER_FILL}; stroke-width: 2; }}\n\
         .vacant rect {{ stroke-dasharray: 4 3; }}\n\
         .flagged rect {{ stroke: {FINDING_COLOR}; stroke-width: 2.6; }}\n\
         .scope ellipse {{ fill: {SCOPE_FILL}; stroke: {SCOPE_BORDER}; }}\n\
         .gap rect {{ fill: {GAP_FILL}; stroke: {FINDING_COLOR}; stroke-dasharray: 4 3; }}\n\
         .gap text {{ fill: {FINDING_COLOR}; }}\n\
         .team {{ fill: none; stroke: {TEAM_BORDER}; stroke-dasharray: 5 4; }}\n\
         .reports {{ fill: none; stroke: {BORDER}; shape-rendering: crispEdges; }}\n\
         .line {{ fill: none; stroke-dasharray: 6 4; }}\n\
         .flag {{ fill: none; stroke: {FINDING_COLOR}; stroke-width: 2.6; }}\n\
         .frame {{ fill: {WHITE}; stroke: {FRAME_COLOR}; }}\n\
         </style>\n\
         <rect width=\"100%\" height=\"100%\" fill=\"{WHITE}\"/>\n"
    );
    title(&mut doc, &layout.title);
    legend(&mut doc, &layout.legend);
    for team in &layout.teams {
        team_frame(&mut doc, team);
    }
    for edge in &layout.edges {
        path(&mut doc, edge);
    }
    for node in &layout.nodes {
        boxed(&mut doc, node);
    }
    for label in &layout.labels {
        line_label(&mut doc, label);
    }
    doc.push_str("</svg>\n");
    doc
}

fn title(body: &mut String, title: &Text) {
    let _ = writeln!(
        body,
        "<text class=\"title\" x=\"{}\" y=\"{:.1}\">{}</text>",
        title.x,
        title.y,
        escape::xml(&title.text)
    );
}

/// The colour of a responsibility line and its label.
fn line_color(kind: KindId, flagged: bool) -> &'static str {
    if flagged {
        FINDING_COLOR
    } else {
        kind_color(kind)
    }
}

/// Path data: `M1.0,2.0V3.0C...`.
pub fn path_data(path: &[Segment]) -> String {
    let mut d = String::new();
    write_path_data(&mut d, path);
    d
}

/// [`path_data`], written at the end of `d`.
fn write_path_data(d: &mut String, path: &[Segment]) {
    for segment in path {
        let _ = match *segment {
            Segment::MoveTo(x, y) => write!(d, "M{},{}", Tenths(x), Tenths(y)),
            Segment::HorizontalTo(x) => write!(d, "H{}", Tenths(x)),
            Segment::VerticalTo(y) => write!(d, "V{}", Tenths(y)),
            Segment::LineTo(x, y) => write!(d, "L{},{}", Tenths(x), Tenths(y)),
            Segment::QuadTo((cx, cy), (x, y)) => write!(
                d,
                "Q{},{} {},{}",
                Tenths(cx),
                Tenths(cy),
                Tenths(x),
                Tenths(y)
            ),
            Segment::CubicTo((ax, ay), (bx, by), (x, y)) => write!(
                d,
                "C{},{} {},{} {},{}",
                Tenths(ax),
                Tenths(ay),
                Tenths(bx),
                Tenths(by),
                Tenths(x),
                Tenths(y)
            ),
        };
    }
}

fn path(body: &mut String, edge: &Edge) {
    let (class, style) = match edge.kind {
        EdgeKind::Reports { flagged } | EdgeKind::ClosesCycle { flagged } => {
            (if flagged { "flag" } else { "reports" }, String::new())
        }
        EdgeKind::Responsibility {
            kind,
            level,
            flagged,
        } => {
            let width = if level == Level::Accountable || flagged {
                2.6
            } else {
                1.1
            };
            let color = line_color(kind, flagged);
            ("line", format!("stroke:{color};stroke-width:{width}"))
        }
        EdgeKind::Gap => ("flag", "stroke-dasharray:4 3;stroke-width:1.2".to_string()),
    };
    let _ = write!(body, "<path class=\"{class}\" d=\"");
    write_path_data(body, &edge.path);
    body.push('"');
    if !style.is_empty() {
        let _ = write!(body, " style=\"{style}\"");
    }
    match &edge.tooltip {
        Some(tip) => {
            let _ = writeln!(body, "><title>{}</title></path>", escape::xml(tip));
        }
        None => body.push_str("/>\n"),
    }
}

/// A box with its centred lines of text and a tooltip.
fn boxed(body: &mut String, node: &Node) {
    let class = match node.kind {
        NodeKind::Role {
            manager,
            vacant,
            flagged,
            ..
        } => {
            let mut class = String::from("role");
            for (on, name) in [
                (manager, " manager"),
                (vacant, " vacant"),
                (flagged, " flagged"),
            ] {
                if on {
                    class.push_str(name);
                }
            }
            class
        }
        NodeKind::Scope { .. } => "scope".to_string(),
        NodeKind::Gap { .. } => "gap".to_string(),
    };
    let _ = write!(
        body,
        "<g class=\"{class}\"><title>{}</title>",
        escape::xml(&node.tooltip)
    );
    let rect = node.rect;
    if let NodeKind::Scope { .. } = node.kind {
        let _ = write!(
            body,
            "<ellipse cx=\"{}\" cy=\"{}\" rx=\"{}\" ry=\"{}\"/>",
            Tenths(rect.x),
            Tenths(rect.mid_y()),
            Tenths(rect.w / 2.0),
            Tenths(rect.h / 2.0)
        );
    } else {
        let _ = write!(
            body,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"4\"/>",
            Tenths(rect.left()),
            Tenths(rect.y),
            Tenths(rect.w),
            Tenths(rect.h)
        );
    }
    let x = Tenths(rect.x);
    let _ = write!(body, "<text class=\"t\" x=\"{x}\">");
    for (i, line) in node.lines.iter().enumerate() {
        let _ = write!(
            body,
            "<tspan x=\"{x}\" y=\"{}\">{}</tspan>",
            Tenths(baseline(rect.y, i)),
            escape::xml(line)
        );
    }
    body.push_str("</text>\n</g>\n");
}

fn team_frame(body: &mut String, team: &TeamFrame) {
    let frame = team.frame;
    let _ = writeln!(
        body,
        "<rect class=\"team\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"6\"/>",
        Tenths(frame.left()),
        Tenths(frame.y),
        Tenths(frame.w),
        Tenths(frame.h)
    );
    let _ = writeln!(
        body,
        "<text class=\"note\" x=\"{}\" y=\"{}\">{}</text>",
        Tenths(team.name.x),
        Tenths(team.name.y),
        escape::xml(&team.name.text)
    );
}

/// A line's label on a white ground, so that the lines behind it do not cross its letters.
fn line_label(body: &mut String, label: &Label) {
    let ground = label.ground;
    let _ = writeln!(
        body,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{WHITE}\" opacity=\"0.9\"/>\
         <text class=\"label\" x=\"{}\" y=\"{}\" style=\"fill:{}\">{}</text>",
        Tenths(ground.left()),
        Tenths(ground.y),
        Tenths(ground.w),
        ground.h,
        Tenths(label.x),
        Tenths(label.y),
        line_color(label.kind, label.flagged),
        escape::xml(&label.text)
    );
}

/// The legend: a framed column of samples, each styled as in the drawing, and their meaning.
fn legend(body: &mut String, legend: &Legend) {
    let mut rows = String::new();
    for row in &legend.rows {
        rows.push_str(&sample(row.entry, row.sample));
        for (y, line) in &row.lines {
            let _ = write!(
                rows,
                "<text x=\"{}\" y=\"{y:.1}\">{}</text>",
                row.text_x,
                escape::xml(line)
            );
        }
        rows.push('\n');
    }
    let (x, y) = legend.heading;
    let _ = writeln!(
        body,
        "<g class=\"legend\"><rect class=\"frame\" x=\"{}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"6\"/>\
         <text x=\"{x:.1}\" y=\"{y:.1}\" style=\"font-weight:bold\">Legend</text>\n{rows}</g>",
        legend.left, legend.top, legend.width, legend.height,
    );
}

/// A legend entry's sample, drawn in `area`.
fn sample(entry: LegendEntry, area: Rect) -> String {
    let (x, y, w, h, mid) = (area.left(), area.y, area.w, area.h, area.mid_y());
    let line = |style: &str| {
        format!(
            "<path d=\"M{x},{mid:.1}H{:.1}\" style=\"fill:none;{style}\"/>",
            area.right()
        )
    };
    match entry {
        LegendEntry::Manager => format!(
            "<rect x=\"{x}\" y=\"{y:.1}\" width=\"{w}\" height=\"{h}\" rx=\"2\" style=\"fill:{MANAGER_FILL};stroke:{BORDER};stroke-width:2\"/>"
        ),
        LegendEntry::IndividualContributor => format!(
            "<rect x=\"{x}\" y=\"{y:.1}\" width=\"{w}\" height=\"{h}\" rx=\"4\" style=\"fill:{IC_FILL};stroke:{BORDER}\"/>"
        ),
        LegendEntry::Scope => format!(
            "<ellipse cx=\"{:.1}\" cy=\"{mid:.1}\" rx=\"{}\" ry=\"8\" style=\"fill:{SCOPE_FILL};stroke:{SCOPE_BORDER}\"/>",
            area.x,
            w / 2.0
        ),
        LegendEntry::Gap => format!(
            "<rect x=\"{x}\" y=\"{y:.1}\" width=\"{w}\" height=\"{h}\" style=\"fill:{GAP_FILL};stroke:{FINDING_COLOR};stroke-dasharray:4 3\"/>"
        ),
        LegendEntry::ReportsTo => line(&format!("stroke:{BORDER}")),
        LegendEntry::DottedLine => String::new(),
        LegendEntry::Kind(kind) => line(&format!(
            "stroke:{};stroke-width:2.6;stroke-dasharray:6 4",
            kind_color(kind)
        )),
        LegendEntry::Finding => line(&format!("stroke:{FINDING_COLOR};stroke-width:2.6")),
        LegendEntry::People | LegendEntry::Levels => String::new(),
    }
}
