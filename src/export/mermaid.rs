//! A Mermaid flowchart of a diagram, as GitHub renders it in Markdown.

use super::palette::{
    BORDER, DOTTED_COLOR, FINDING_COLOR, FRAME_COLOR, GAP_FILL, IC_FILL, MANAGER_FILL,
    SCOPE_BORDER, SCOPE_FILL, kind_color,
};
use super::{Diagram, ExportError, LegendEntry, View, escape, gap_label, line_label};
use crate::model::Level;
use std::fmt::Write;

/// The most characters GitHub renders in a Mermaid diagram (Mermaid's `maxTextSize`).
pub const MAX_CHARACTERS: usize = 50_000;
/// The most links GitHub renders in a Mermaid diagram (Mermaid's `maxEdges`).
pub const MAX_LINKS: usize = 500;

/// The Mermaid text of a diagram, or an error where GitHub would refuse to render it.
pub fn render_within_limits(diagram: &Diagram) -> Result<String, ExportError> {
    let (text, links) = flowchart(diagram);
    // Mermaid counts JavaScript string length: UTF-16 units.
    let characters = text.encode_utf16().count();
    if characters > MAX_CHARACTERS || links > MAX_LINKS {
        return Err(ExportError::MermaidTooLarge { characters, links });
    }
    Ok(text)
}

/// The Mermaid text of a diagram.
pub fn render(diagram: &Diagram) -> String {
    flowchart(diagram).0
}

/// The Mermaid text of a diagram and its number of links.
fn flowchart(diagram: &Diagram) -> (String, usize) {
    let model = diagram.model;
    let direction = if diagram.view == View::Responsibilities {
        "LR"
    } else {
        "TB"
    };
    let mut out = format!("flowchart {direction}\n");
    let mut link_styles: Vec<String> = Vec::new();
    let mut links = String::new();
    let mut link = |from: String, arrow: &str, label: Option<String>, to: String, style: String| {
        match label {
            Some(label) => {
                let _ = writeln!(
                    links,
                    "  {from} {arrow}|\"{}\"| {to}",
                    escape::mermaid(&label)
                );
            }
            None => {
                let _ = writeln!(links, "  {from} {arrow} {to}");
            }
        }
        if !style.is_empty() {
            link_styles.push(format!("  linkStyle {} {style}", link_styles.len()));
        } else {
            link_styles.push(String::new());
        }
    };

    let role_node = |role: &super::RoleBox| {
        let class = match (role.flagged, role.manager_style) {
            (true, _) => "flagged",
            (false, true) => "manager",
            (false, false) => "ic",
        };
        format!(
            "r{}[\"{}\"]:::{class}",
            role.role.index(),
            escape::mermaid(&role.label(model))
        )
    };
    for (team_index, team) in diagram.teams.iter().enumerate() {
        let _ = writeln!(
            out,
            "  subgraph t{team_index}[\"{}\"]",
            escape::mermaid(team)
        );
        for role in diagram.roles.iter().filter(|r| r.team == Some(team_index)) {
            let _ = writeln!(out, "    {}", role_node(role));
        }
        out.push_str("  end\n");
    }
    for role in diagram.roles.iter().filter(|r| r.team.is_none()) {
        let _ = writeln!(out, "  {}", role_node(role));
    }
    for &scope in &diagram.scopes {
        let _ = writeln!(
            out,
            "  s{}([\"{}\"]):::scope",
            scope.index(),
            escape::mermaid(model.scopes[scope].display_name())
        );
    }
    for (index, &(kind, scope)) in diagram.gaps.iter().enumerate() {
        let _ = writeln!(
            out,
            "  g{index}[\"{}\"]:::gap",
            escape::mermaid(&gap_label(model, kind, scope))
        );
        link(
            format!("g{index}"),
            "-.-",
            None,
            format!("s{}", scope.index()),
            format!("stroke:{FINDING_COLOR}"),
        );
    }
    for line in &diagram.reporting {
        let style = if line.flagged {
            format!("stroke:{FINDING_COLOR},stroke-width:3px")
        } else {
            String::new()
        };
        link(
            format!("r{}", line.manager.index()),
            "---",
            None,
            format!("r{}", line.report.index()),
            style,
        );
    }
    for line in &diagram.dotted {
        link(
            format!("r{}", line.manager.index()),
            "-.-",
            None,
            format!("r{}", line.report.index()),
            format!("stroke:{DOTTED_COLOR}"),
        );
    }
    for line in &diagram.lines {
        let color = if line.flagged {
            FINDING_COLOR
        } else {
            kind_color(line.kind)
        };
        let width = if line.level == Level::Accountable {
            3
        } else {
            1
        };
        link(
            format!("r{}", line.role.index()),
            "-.->",
            Some(line_label(model, line)),
            format!("s{}", line.scope.index()),
            format!("stroke:{color},stroke-width:{width}px,color:{color}"),
        );
    }

    out.push_str("  subgraph legend[\"Legend\"]\n");
    for (index, entry) in diagram.legend().into_iter().enumerate() {
        let text = match entry {
            // Mermaid draws dotted lines as lines.
            LegendEntry::DottedLine => "dotted line".to_string(),
            _ => escape::mermaid(&entry.text(model)),
        };
        let class = match entry {
            LegendEntry::Manager => "manager".to_string(),
            LegendEntry::IndividualContributor => "ic".to_string(),
            LegendEntry::Scope => "scope".to_string(),
            LegendEntry::Gap => "gap".to_string(),
            LegendEntry::Finding => "flagged".to_string(),
            LegendEntry::Kind(kind) => {
                let color = kind_color(kind);
                let _ = writeln!(
                    out,
                    "    style l{index} color:{color},stroke:{color},stroke-width:2px"
                );
                "note".to_string()
            }
            LegendEntry::DottedLine => {
                let _ = writeln!(out, "    style l{index} stroke-dasharray:4 3");
                "note".to_string()
            }
            _ => "note".to_string(),
        };
        let _ = writeln!(out, "    l{index}[\"{text}\"]:::{class}");
    }
    out.push_str("  end\n");

    out.push_str(&links);
    for style in link_styles.iter().filter(|s| !s.is_empty()) {
        out.push_str(style);
        out.push('\n');
    }
    out.push_str(&format!(
        "  classDef manager fill:{MANAGER_FILL},stroke:{BORDER},stroke-width:2px\n  \
         classDef ic fill:{IC_FILL},stroke:{BORDER}\n  \
         classDef scope fill:{SCOPE_FILL},stroke:{SCOPE_BORDER}\n  \
         classDef gap fill:{GAP_FILL},stroke:{FINDING_COLOR},color:{FINDING_COLOR},stroke-dasharray:4 3\n  \
         classDef flagged fill:{IC_FILL},stroke:{FINDING_COLOR},stroke-width:3px\n  \
         classDef note fill:{IC_FILL},stroke:{FRAME_COLOR}\n"
    ));
    let links = link_styles.len();
    (out, links)
}
