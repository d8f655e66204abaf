//! The views as DOT, written straight to a writer (`writer`) for `--format dot` and for
//! Graphviz.
//!
//! Node ids are generated (`Name`: `r3` is role 3, `s0` scope 0, `g1` a gap); user text only
//! reaches the graph inside an HTML-like label, through [`escape::dot`], or a tooltip, through
//! [`escape::dot_string`]. Other attribute values are fixed, generated names or numbers
//! (`Value`), so no user text can slip into them.

use super::palette::{
    BORDER, DOTTED_COLOR, FAINT_COLOR, FINDING_COLOR, FONT, FRAME_COLOR, GAP_FILL, IC_FILL,
    MANAGER_FILL, NOTE_COLOR, SCOPE_BORDER, SCOPE_FILL, TEAM_BORDER, TEXT_COLOR, kind_color,
};
mod chart;
mod writer;

use super::diagram::Line;
use super::diagram::RoleBox;
use super::diagram::shorten;
use super::layout::metrics::{WRAP, box_width, wrap};
use super::{Diagram, LegendEntry, View, escape, gap_label, line_label};
use crate::model::{Level, RoleId, ScopeId};
use chart::Chart;
use std::collections::HashMap;
use std::io::{self, Write};
use writer::{Attribute, DotWriter, Name, Value};

/// The DOT text of a diagram.
pub fn render(diagram: &Diagram) -> String {
    let mut out = Vec::new();
    // A Vec takes every write, and every piece written is a `str`.
    let _ = write(diagram, &mut out);
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// An attribute with a fixed value, never user text.
const fn attr(key: &'static str, value: &'static str) -> Attribute<'static> {
    (key, Value::Fixed(value))
}

/// User text in a font; the closing tag also keeps the label parseable by graphviz-rust
/// (which the tests parse it with), whose grammar wants an HTML label to end in `>>`.
fn text(text: &str, size: &'static str, color: &'static str) -> String {
    let mut markup = String::new();
    push_text(&mut markup, text, size, color);
    markup
}

/// [`text`], added to `markup`.
fn push_text(markup: &mut String, text: &str, size: &'static str, color: &'static str) {
    for piece in ["<font point-size=\"", size, "\" color=\"", color, "\">"] {
        markup.push_str(piece);
    }
    escape::push_dot(markup, text);
    markup.push_str("</font>");
}

fn role_name(role: RoleId) -> Name {
    Name::Role(role.index())
}

fn scope_name(scope: ScopeId) -> Name {
    Name::Scope(scope.index())
}

/// Writes the graph: defaults, team clusters, roles, scopes, gaps, lines, legend.
pub fn write(diagram: &Diagram, out: &mut dyn Write) -> io::Result<()> {
    let model = diagram.model;
    let rankdir = if diagram.view == View::Responsibilities {
        "LR"
    } else {
        "TB"
    };
    // Responsibility lines take a lane each: narrower lanes keep the chart from widening.
    let nodesep = if diagram.lines.is_empty() {
        "0.3"
    } else {
        "0.15"
    };
    // The title and the legend are the graph's label, which Graphviz sets apart from the
    // layout: no node or line can come over them.
    let title = format!(
        "<table border=\"0\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"4\">\n<tr><td align=\"left\">{}</td></tr>\n<tr><td align=\"left\">{}</td></tr>\n</table>",
        text(&model.name, "18", TEXT_COLOR),
        legend(diagram)
    );
    DotWriter::digraph(out, |dot| {
        dot.defaults(
            "graph",
            &[
                ("label", Value::Html(&title)),
                attr("labelloc", "t"),
                attr("labeljust", "l"),
                attr("fontname", FONT),
                attr("rankdir", rankdir),
                // Children keep file order, so a small model change gives a small drawing change.
                attr("ordering", "out"),
                // Ranks are global, so the scopes' `rank=sink` holds across components.
                attr("newrank", "true"),
                attr("nodesep", nodesep),
                attr("ranksep", "0.55"),
            ],
        )?;
        dot.defaults(
            "node",
            &[
                attr("shape", "box"),
                attr("style", "rounded,filled"),
                attr("fillcolor", IC_FILL),
                attr("fontname", FONT),
                attr("color", BORDER),
                attr("margin", "0.15,0.07"),
            ],
        )?;
        dot.defaults(
            "edge",
            &[
                attr("fontname", FONT),
                attr("color", BORDER),
                attr("arrowhead", "none"),
                // Reporting lines are heavy, so that responsibility lines (weight 1) to the
                // scopes below cannot pull reports down a rank.
                attr("weight", "10"),
            ],
        )?;

        if diagram.view.shows_reporting() {
            org_chart(diagram, dot)?;
        } else {
            role_columns(diagram, dot)?;
        }

        if !diagram.scopes.is_empty() {
            dot.subgraph(Name::Scopes, |dot| {
                dot.attribute(attr("rank", "sink"))?;
                for &scope in &diagram.scopes {
                    let label = text(model.scopes[scope].display_name(), "11", TEXT_COLOR);
                    dot.node(
                        scope_name(scope),
                        &[
                            ("label", Value::Html(&label)),
                            attr("shape", "ellipse"),
                            attr("style", "filled"),
                            attr("fillcolor", SCOPE_FILL),
                            attr("color", SCOPE_BORDER),
                        ],
                    )?;
                }
                Ok(())
            })?;
        }
        for (index, &(kind, scope)) in diagram.gaps.iter().enumerate() {
            let label = text(&gap_label(model, kind, scope), "11", FINDING_COLOR);
            dot.node(
                Name::Gap(index),
                &[
                    ("label", Value::Html(&label)),
                    attr("style", "dashed,filled"),
                    attr("color", FINDING_COLOR),
                    attr("fillcolor", GAP_FILL),
                ],
            )?;
            dot.edge(
                Name::Gap(index),
                scope_name(scope),
                &[
                    attr("color", FINDING_COLOR),
                    attr("style", "dashed"),
                    attr("weight", "1"),
                ],
            )?;
        }

        responsibility_edges(diagram, dot)
    })
}

/// The responsibilities view's roles, which no reporting line arranges: teams (clusters) in a
/// few columns, left to right, the scopes in a column on the right. In one column, 61 roles
/// made a strip 1 wide and 17 high.
fn role_columns(diagram: &Diagram, dot: &mut DotWriter) -> io::Result<()> {
    let count = diagram.roles.len();
    // About four times as many roles in a column as there are columns.
    let columns = (count.div_ceil(4) as f64).sqrt().ceil().max(1.0) as usize;
    let target = count.div_ceil(columns);
    let mut column = 0;
    let mut filled = 0;
    // Teams whole, in order of first appearance, then roles without a team one by one.
    // One pass over the roles, not one per team: a large org has thousands of teams.
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); diagram.teams.len()];
    let mut loose = Vec::new();
    for (p, role) in diagram.roles.iter().enumerate() {
        match role.team {
            Some(team) => members[team].push(p),
            None => loose.push(p),
        }
    }
    let groups = members
        .into_iter()
        .enumerate()
        .map(|(team, members)| (Some(team), members))
        .chain(loose.into_iter().map(|p| (None, vec![p])));
    // Each column's roles, by position in the diagram.
    let mut ranks: Vec<Vec<usize>> = Vec::new();
    let mut scratch = Scratch::default();
    for (team, members) in groups.filter(|(_, m)| !m.is_empty()) {
        if filled > 0 && filled + members.len() > target {
            column += 1;
            filled = 0;
        }
        filled += members.len();
        if ranks.len() <= column {
            ranks.push(Vec::new());
        }
        ranks[column].extend(&members);
        let mut node = |dot: &mut DotWriter, p: usize| {
            let title = wrap(&diagram.roles[p].title(diagram.model), WRAP);
            role_node(diagram, dot, &mut scratch, p, &title_markup(&title), None)
        };
        match team {
            Some(team) => cluster(diagram, dot, team, team, |dot| {
                members.iter().try_for_each(|&p| node(dot, p))
            })?,
            None => {
                for &p in &members {
                    node(dot, p)?;
                }
            }
        }
    }
    // Invisible anchors, one a column, chained left to right: each column's roles share its
    // anchor's rank.
    for k in 0..ranks.len() {
        dot.node(
            Name::Anchor(k),
            &[
                attr("style", "invis"),
                attr("shape", "point"),
                attr("width", "0"),
            ],
        )?;
        if k > 0 {
            dot.edge(
                Name::Anchor(k - 1),
                Name::Anchor(k),
                &[attr("style", "invis")],
            )?;
        }
    }
    for (k, rank) in ranks.iter().enumerate() {
        dot.subgraph(Name::Column(k), |dot| {
            dot.attribute(attr("rank", "same"))?;
            dot.node(Name::Anchor(k), &[])?;
            for &p in rank {
                dot.node(role_name(diagram.roles[p].role), &[])?;
            }
            Ok(())
        })?;
    }
    Ok(())
}

/// Responsibility lines, one edge per role and scope, its label listing each kind and level in
/// the kind's colour and its line drawn in those colours side by side (a flagged line keeps an
/// edge of its own, in red). Graphviz gives every edge its own lane down to the scope, and an
/// edge label a lane of its own width: 225 labelled lines made the enterprise's full view 18
/// times as wide as high. Labels are `xlabel`s, set after the layout, so they take no lane.
fn responsibility_edges(diagram: &Diagram, dot: &mut DotWriter) -> io::Result<()> {
    let model = diagram.model;
    let mut bundles: Vec<Vec<&Line>> = Vec::new();
    let mut index: HashMap<(RoleId, ScopeId, bool), usize> = HashMap::new();
    for line in &diagram.lines {
        let key = (line.role, line.scope, line.flagged);
        let at = *index.entry(key).or_insert_with(|| {
            bundles.push(Vec::new());
            bundles.len() - 1
        });
        bundles[at].push(line);
    }
    for lines in bundles {
        let first = lines[0];
        let color = |line: &Line| {
            if line.flagged {
                FINDING_COLOR
            } else {
                kind_color(line.kind)
            }
        };
        let labels: Vec<String> = lines
            .iter()
            .map(|line| {
                format!(
                    "<font point-size=\"9\" color=\"{}\">{}</font>",
                    color(line),
                    escape::dot(&line_label(model, line))
                )
            })
            .collect();
        let mut colors: Vec<&str> = lines.iter().map(|line| color(line)).collect();
        colors.dedup();
        let bold = lines
            .iter()
            .any(|line| line.level == Level::Accountable || line.flagged);
        dot.edge(
            role_name(first.role),
            scope_name(first.scope),
            &[
                ("xlabel", Value::Html(&labels.join("<br/>"))),
                ("color", Value::Made(&colors.join(":"))),
                attr("style", "dashed"),
                attr("penwidth", if bold { "2.6" } else { "1.1" }),
                attr("weight", "1"),
            ],
        )?;
    }
    Ok(())
}

/// A team's cluster: its name and a dashed frame round what `members` writes.
fn cluster(
    diagram: &Diagram,
    dot: &mut DotWriter,
    index: usize,
    team: usize,
    members: impl FnOnce(&mut DotWriter) -> io::Result<()>,
) -> io::Result<()> {
    let label = text(&shorten(&diagram.teams[team]), "10", NOTE_COLOR);
    dot.subgraph(Name::Cluster(index), |dot| {
        dot.attribute(("label", Value::Html(&label)))?;
        dot.attribute(attr("style", "rounded,dashed"))?;
        dot.attribute(attr("color", TEAM_BORDER))?;
        members(dot)
    })
}

/// A wrapped title's lines as label markup.
fn title_markup(lines: &[String]) -> String {
    let mut markup = String::new();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            markup.push_str("<br/>");
        }
        escape::push_dot(&mut markup, line);
    }
    markup
}

/// Each role's box width (points): its title wrapped, and the people under it. Half the roles
/// of a large chart are measured on a second thread.
fn title_widths(diagram: &Diagram) -> Vec<f64> {
    crate::parallel::map(diagram.roles.len(), ROLES_AT_ONCE, |p| {
        let role = &diagram.roles[p];
        let title = wrap(&role.title(diagram.model), WRAP);
        let people = role.people_text();
        box_width(title.iter().map(String::as_str).chain(people.as_deref()))
    })
}

/// Each role's title as label markup, wrapped as [`title_widths`] measured it.
fn title_markups(diagram: &Diagram) -> Vec<String> {
    let markup = |role: &RoleBox| title_markup(&wrap(&role.title(diagram.model), WRAP));
    diagram.roles.iter().map(markup).collect()
}

/// Roles one thread takes at a time: fewer take less time than starting a second thread.
const ROLES_AT_ONCE: usize = 8192;
/// Columns of stacked boxes one thread takes at a time (most hold a few boxes).
const COLUMNS_AT_ONCE: usize = 1024;

/// The text of a role's box, kept from one box to the next: 100,000 boxes made half a million
/// short-lived strings.
#[derive(Default)]
struct Scratch {
    label: String,
    tooltip: String,
    quoted: String,
}

/// A role's box: the title (`title`, wrapped as markup), the people, its dotted-line managers
/// and "+N" below, a tooltip with the whole text; `width` (points) for a box in a column.
fn role_node(
    diagram: &Diagram,
    dot: &mut DotWriter,
    scratch: &mut Scratch,
    p: usize,
    title: &str,
    width: Option<f64>,
) -> io::Result<()> {
    let model = diagram.model;
    let role = &diagram.roles[p];
    let Scratch {
        label,
        tooltip,
        quoted,
    } = scratch;
    label.clear();
    for piece in [
        "<font point-size=\"11\" color=\"",
        TEXT_COLOR,
        "\">",
        title,
        "</font>",
    ] {
        label.push_str(piece);
    }
    if role.vacant {
        for piece in [
            "<br/><font point-size=\"9\" color=\"",
            FAINT_COLOR,
            "\"><i>vacant</i></font>",
        ] {
            label.push_str(piece);
        }
    } else if let Some(people) = role.people_text() {
        label.push_str("<br/>");
        push_text(label, &people, "9", NOTE_COLOR);
    }
    if let Some(dotted) = role.dotted_line(model) {
        for piece in [
            "<br/><font point-size=\"9\" color=\"",
            DOTTED_COLOR,
            "\"><i>",
        ] {
            label.push_str(piece);
        }
        escape::push_dot(label, &dotted);
        label.push_str("</i></font>");
    }
    if let Some(cut) = role.cut_line() {
        for piece in [
            "<br/><font point-size=\"9\" color=\"",
            NOTE_COLOR,
            "\"><b>",
            &cut,
            "</b></font>",
        ] {
            label.push_str(piece);
        }
    }
    tooltip.clear();
    role.push_tooltip(model, tooltip);
    quoted.clear();
    escape::push_dot_string(quoted, tooltip);
    let style: &[Attribute] = match (role.manager_style, role.vacant) {
        (true, false) => &[
            attr("style", "filled,bold"),
            attr("fillcolor", MANAGER_FILL),
        ],
        (true, true) => &[
            attr("style", "filled,bold,dashed"),
            attr("fillcolor", MANAGER_FILL),
        ],
        (false, true) => &[attr("style", "rounded,filled,dashed")],
        (false, false) => &[],
    };
    let flag: &[Attribute] = if role.flagged {
        &[attr("color", FINDING_COLOR), attr("penwidth", "2.6")]
    } else {
        &[]
    };
    let text = [
        ("label", Value::Html(label)),
        ("tooltip", Value::Quoted(quoted)),
    ];
    let width = width.map(|width| ("width", Value::Number(width / 72.0)));
    // In an array, not a vector: one allocation less for each of 100,000 boxes.
    let mut attributes = [attr("", ""); 7];
    let all = (text.into_iter())
        .chain(style.iter().copied())
        .chain(flag.iter().copied())
        .chain(width);
    let mut count = 0;
    for (slot, attribute) in attributes.iter_mut().zip(all) {
        *slot = attribute;
        count += 1;
    }
    dot.node(role_name(role.role), &attributes[..count])
}

/// What goes inside a team's cluster of the org chart, written after everything else.
#[derive(Clone, Copy)]
enum Member {
    /// A role's box, by position in [`Diagram::roles`].
    Role(usize),
    /// The trunk point of column `k`'s box `i`, and the rank it shares with the box.
    Trunk(usize, usize),
}

/// The org and full views' roles and reporting lines, shaped as an org chart ([`Chart`]):
/// boxes (in their team's cluster where the team hangs together), columns of stacked reports
/// hanging off a trunk, and invisible lines that put each row of a forest below the last.
fn org_chart(diagram: &Diagram, dot: &mut DotWriter) -> io::Result<()> {
    let widths = title_widths(diagram);
    // The chart needs the widths, the boxes their titles' markup: one is made beside the other
    // (a large chart's arrangement takes as long as the markup).
    let (chart, titles) = crate::parallel::join_if(
        diagram.roles.len() >= ROLES_AT_ONCE,
        || Chart::new(diagram, &widths),
        || title_markups(diagram),
    );
    let width = |p: usize| chart.column_of[p].map(|k| chart.columns[k].width);
    // A cluster's members are written last, inside it; the rest as they come.
    let mut clusters: Vec<Vec<Member>> = vec![Vec::new(); chart.cluster_team.len()];
    for p in 0..titles.len() {
        if let Some(c) = chart.cluster[p] {
            clusters[c].push(Member::Role(p));
        }
    }
    for (k, column) in chart.columns.iter().enumerate() {
        for (i, &b) in column.boxes.iter().enumerate() {
            if let Some(c) = chart.cluster[b] {
                clusters[c].push(Member::Trunk(k, i));
            }
        }
    }
    dot.in_halves(titles.len(), ROLES_AT_ONCE, |dot, roles| {
        let mut scratch = Scratch::default();
        for p in roles.filter(|&p| chart.cluster[p].is_none()) {
            role_node(diagram, dot, &mut scratch, p, &titles[p], width(p))?;
        }
        Ok(())
    })?;
    // Column k's box i: its trunk point, the column's group, the frameless cluster and the box.
    let trunk_names = |k: usize, i: usize| {
        let b = chart.columns[k].boxes[i];
        [
            Name::Trunk(k, i),
            Name::Group(k),
            Name::TrunkCluster(k, i),
            role_name(diagram.roles[b].role),
        ]
    };
    let trunk_stamp = dot.stamp(trunk)?;
    dot.in_halves(chart.columns.len(), COLUMNS_AT_ONCE, |dot, columns| {
        for k in columns {
            let column = &chart.columns[k];
            for (i, &b) in column.boxes.iter().enumerate() {
                if chart.cluster[b].is_none() {
                    dot.stamp_out(&trunk_stamp, trunk_names(k, i))?;
                }
                if i > 0 {
                    let span = column.spans[i - 1];
                    let attributes = [attr("weight", "100"), ("minlen", Value::Count(span))];
                    let count = if span > 1 { 2 } else { 1 };
                    dot.edge(
                        Name::Trunk(k, i - 1),
                        Name::Trunk(k, i),
                        &attributes[..count],
                    )?;
                }
                // A flat edge: straight across into the box's side.
                dot.edge(Name::Trunk(k, i), role_name(diagram.roles[b].role), &[])?;
            }
        }
        Ok(())
    })?;
    // Reporting lines in the reports' order, a column's line where its first box's would be.
    let mut drawn = vec![false; chart.columns.len()];
    for line in &diagram.reporting {
        let Some((m, r)) = diagram.ends(line) else {
            continue;
        };
        let from = role_name(line.manager);
        match chart.column_of[r] {
            Some(k) if chart.columns[k].manager == m => {
                if !std::mem::replace(&mut drawn[k], true) {
                    dot.edge(from, Name::Trunk(k, 0), &[])?;
                }
            }
            _ if line.flagged => dot.edge(
                from,
                role_name(line.report),
                &[attr("color", FINDING_COLOR), attr("penwidth", "2.6")],
            )?,
            _ => dot.edge(from, role_name(line.report), &[])?,
        }
    }
    let hidden = [attr("style", "invis"), attr("weight", "0")];
    for (k, (lowest, roots)) in chart.rows.iter().enumerate() {
        dot.node(
            Name::Row(k),
            &[
                attr("style", "invis"),
                attr("shape", "point"),
                attr("width", "0"),
            ],
        )?;
        dot.edge(
            role_name(diagram.roles[*lowest].role),
            Name::Row(k),
            &hidden,
        )?;
        for &root in roots {
            dot.edge(Name::Row(k), role_name(diagram.roles[root].role), &hidden)?;
        }
    }
    let mut scratch = Scratch::default();
    for (index, members) in clusters.iter().enumerate() {
        cluster(diagram, dot, index, chart.cluster_team[index], |dot| {
            members.iter().try_for_each(|&member| match member {
                Member::Role(p) => role_node(diagram, dot, &mut scratch, p, &titles[p], width(p)),
                Member::Trunk(k, i) => trunk(dot, trunk_names(k, i)),
            })
        })?;
    }
    Ok(())
}

/// A trunk point (`point`, of the column `group`) and the frameless cluster (`frame`) that
/// keeps a box (`role`) beside it: with only a rank in common, Graphviz put other boxes between
/// them and drew the line between them as a long curve.
fn trunk(dot: &mut DotWriter, [point, group, frame, role]: [Name; 4]) -> io::Result<()> {
    dot.node(
        point,
        &[
            attr("shape", "point"),
            attr("width", "0.03"),
            attr("color", BORDER),
            ("group", Value::Name(group)),
        ],
    )?;
    dot.subgraph(frame, |dot| {
        dot.attribute(attr("rank", "same"))?;
        dot.attribute(attr("peripheries", "0"))?;
        dot.attribute(attr("margin", "0"))?;
        dot.attribute(attr("label", ""))?;
        dot.node(point, &[])?;
        dot.node(role, &[])
    })
}

/// The legend: a table of samples, each styled as in the drawing, and what they mean.
fn legend(diagram: &Diagram) -> String {
    let model = diagram.model;
    let mut rows = String::from("\n<tr><td colspan=\"2\" align=\"left\"><b>Legend</b></td></tr>");
    let line = |color: &str, dashed: bool| {
        let glyphs = if dashed {
            "━ ━ ━"
        } else {
            "━━━━"
        };
        format!("<td><font color=\"{color}\">{glyphs}</font></td>")
    };
    for entry in diagram.legend() {
        let sample = match entry {
            LegendEntry::Manager => {
                format!("<td border=\"2\" color=\"{BORDER}\" bgcolor=\"{MANAGER_FILL}\">Role</td>")
            }
            LegendEntry::IndividualContributor => {
                format!("<td border=\"1\" color=\"{BORDER}\" style=\"rounded\">Role</td>")
            }
            LegendEntry::Scope => {
                format!(
                    "<td border=\"1\" color=\"{SCOPE_BORDER}\" bgcolor=\"{SCOPE_FILL}\" style=\"rounded\">Scope</td>"
                )
            }
            LegendEntry::Gap => format!(
                "<td border=\"1\" color=\"{FINDING_COLOR}\" bgcolor=\"{GAP_FILL}\" style=\"dashed\"><font color=\"{FINDING_COLOR}\">gap</font></td>"
            ),
            LegendEntry::ReportsTo => line(BORDER, false),
            LegendEntry::DottedLine => {
                format!("<td><font color=\"{DOTTED_COLOR}\"><i>Role</i></font></td>")
            }
            LegendEntry::Kind(kind) => line(kind_color(kind), true),
            LegendEntry::Finding => line(FINDING_COLOR, false),
            LegendEntry::People => "<td>Name</td>".to_string(),
            LegendEntry::Levels => "<td>A R C I</td>".to_string(),
        };
        let meaning = match entry {
            LegendEntry::Kind(kind) => text(&entry.text(model), "10", kind_color(kind)),
            LegendEntry::Finding => text(&entry.text(model), "10", FINDING_COLOR),
            _ => text(&entry.text(model), "10", TEXT_COLOR),
        };
        // One row a line keeps the DOT diffable.
        rows.push_str(&format!(
            "\n<tr>{sample}<td align=\"left\" balign=\"left\">{meaning}</td></tr>"
        ));
    }
    format!(
        "<font point-size=\"10\"><table border=\"1\" color=\"{FRAME_COLOR}\" cellborder=\"0\" cellspacing=\"3\" cellpadding=\"2\" style=\"rounded\">{rows}\n</table></font>"
    )
}
