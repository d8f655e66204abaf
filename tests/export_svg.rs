//! The built-in SVG: valid XML holding every role's title, and fast on a real 1,516-role org.

mod common;

use orgraph::export::{Diagram, Options, View, svg};
use quick_xml::Reader;
use quick_xml::events::Event;
use std::time::{Duration, Instant};

/// Every text and `<title>` of an SVG, checking that it is well-formed XML on the way.
fn texts(svg: &str) -> Result<Vec<String>, String> {
    let mut reader = Reader::from_str(svg);
    reader.config_mut().check_end_names = true;
    let mut texts = Vec::new();
    let mut current = String::new();
    let mut depth = 0i64;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("{e} at {}", reader.buffer_position()))?;
        match event {
            Event::Text(text) => current.push_str(&text.xml10_content()),
            Event::GeneralRef(reference) => {
                let name = reference.xml10_content();
                let c = match name.as_ref() {
                    "amp" => '&',
                    "lt" => '<',
                    "gt" => '>',
                    "quot" => '"',
                    "apos" => '\'',
                    _ => reference
                        .resolve_char_ref()
                        .map_err(|e| e.to_string())?
                        .ok_or_else(|| format!("unknown entity &{name};"))?,
                };
                current.push(c);
            }
            Event::Eof => break,
            other => {
                texts.push(std::mem::take(&mut current));
                match other {
                    Event::Start(_) => depth += 1,
                    Event::End(_) => depth -= 1,
                    _ => {}
                }
            }
        }
    }
    if depth != 0 {
        return Err(format!("unbalanced elements: {depth}"));
    }
    Ok(texts)
}

#[test]
fn builtin_svg_is_xml_with_every_title() {
    for path in common::all_models() {
        let model = common::load(&path);
        for view in View::ALL {
            let text = svg::render(&Diagram::new(&model, &[], &Options::new(view)));
            let texts =
                texts(&text).unwrap_or_else(|e| panic!("{} {}: {e}", path.display(), view.name()));
            for role in model.roles.values() {
                // Titles are wrapped on screen; the tooltip holds the whole one.
                let shown = orgraph::export::escape::shown(&role.title).replace('\n', " ");
                assert!(
                    texts
                        .iter()
                        .any(|t| t == &shown || t.starts_with(&format!("{shown}: "))),
                    "{} {}: no title {shown:?}",
                    path.display(),
                    view.name()
                );
            }
        }
    }
}

#[test]
fn builtin_svg_of_the_1516_role_sample_is_fast() {
    let model = common::d3::sample();
    assert_eq!(model.roles.len(), 1516);
    let start = Instant::now();
    let text = svg::render(&Diagram::new(&model, &[], &Options::new(View::Org)));
    let elapsed = start.elapsed();
    eprintln!(
        "built-in SVG of {} roles: {elapsed:?}, {} bytes",
        model.roles.len(),
        text.len()
    );
    assert!(texts(&text).is_ok());
    // Generous for a debug build on a busy machine; the release bench is the real measure.
    assert!(elapsed < Duration::from_secs(1), "{elapsed:?}");
}

/// The value of `name="..."` in an element's text.
fn attribute(element: &str, name: &str) -> Option<f64> {
    let start = element.find(&format!(" {name}=\""))? + name.len() + 3;
    let end = start + element[start..].find('"')?;
    element[start..end].parse().ok()
}

/// A drawn box: left, top, right, bottom.
type Frame = (f64, f64, f64, f64);

/// The boxes of an SVG by class (`role`, `scope`, `gap`), in drawing order.
fn frames(svg: &str, class: &str) -> Vec<Frame> {
    svg.split("<g class=\"")
        .skip(1)
        .filter(|group| {
            group
                .split('"')
                .next()
                .is_some_and(|c| c.split(' ').next() == Some(class))
        })
        .filter_map(|group| {
            if let Some(at) = group.find("<ellipse ") {
                let e = &group[at..];
                let (cx, cy) = (attribute(e, "cx")?, attribute(e, "cy")?);
                let (rx, ry) = (attribute(e, "rx")?, attribute(e, "ry")?);
                return Some((cx - rx, cy - ry, cx + rx, cy + ry));
            }
            let r = &group[group.find("<rect ")?..];
            let (x, y) = (attribute(r, "x")?, attribute(r, "y")?);
            Some((
                x,
                y,
                x + attribute(r, "width")?,
                y + attribute(r, "height")?,
            ))
        })
        .collect()
}

/// First and last point of each path of a class, for paths of straight moves (M, H, V).
fn path_ends(svg: &str, class: &str) -> Vec<((f64, f64), (f64, f64))> {
    let marker = format!("<path class=\"{class}\" d=\"");
    svg.split(&marker)
        .skip(1)
        .filter_map(|rest| {
            let d = rest.split('"').next()?;
            let commands = d.split_inclusive(['M', 'H', 'V']);
            let mut start = None;
            let (mut x, mut y) = (0.0, 0.0);
            let mut command = ' ';
            // "M1,2V3H4" splits into "M", "1,2V", "3H", "4": a command, then its values.
            for piece in commands {
                let (value, next) = match piece.chars().last() {
                    Some(c @ ('M' | 'H' | 'V')) => (&piece[..piece.len() - 1], c),
                    _ => (piece, ' '),
                };
                match command {
                    'M' => {
                        let (a, b) = value.split_once(',')?;
                        (x, y) = (a.parse().ok()?, b.parse().ok()?);
                        start = Some((x, y));
                    }
                    'H' => x = value.parse().ok()?,
                    'V' => y = value.parse().ok()?,
                    _ => {}
                }
                command = next;
            }
            Some((start?, (x, y)))
        })
        .collect()
}

fn overlap(a: &Frame, b: &Frame) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

/// No two boxes overlap, and each reporting line runs from its manager's bottom edge to its
/// report's top or left edge (but the one that closes a cycle, which curves round the side).
fn check_drawing(name: &str, model: &orgraph::model::Model, view: View) -> String {
    let diagram = Diagram::new(model, &[], &Options::new(view));
    let svg = svg::render(&diagram);
    let roles = frames(&svg, "role");
    assert_eq!(roles.len(), diagram.roles.len(), "{name}");
    let mut all: Vec<(usize, Frame)> = roles.iter().copied().enumerate().collect();
    all.extend(frames(&svg, "scope").into_iter().map(|f| (usize::MAX, f)));
    all.extend(frames(&svg, "gap").into_iter().map(|f| (usize::MAX, f)));
    // Sweep by left edge, so that the 1,516-role org is checked quickly.
    all.sort_by(|a, b| a.1.0.total_cmp(&b.1.0));
    for (i, (p, a)) in all.iter().enumerate() {
        for (q, b) in all[i + 1..].iter().take_while(|(_, b)| b.0 < a.2) {
            assert!(
                !overlap(a, b),
                "{name}: boxes {p} {a:?} and {q} {b:?} overlap"
            );
        }
    }
    let near = |a: f64, b: f64| (a - b).abs() < 0.11;
    let within = |x: f64, f: &Frame| f.0 - 0.11 <= x && x <= f.2 + 0.11;
    let mut drawn: Vec<(usize, usize)> = path_ends(&svg, "reports")
        .into_iter()
        .map(|((x0, y0), (x1, y1))| {
            let from = roles.iter().position(|f| near(y0, f.3) && within(x0, f));
            let to = roles.iter().position(|f| {
                (near(y1, f.1) && near(x1, (f.0 + f.2) / 2.0))
                    || (near(x1, f.0) && near(y1, (f.1 + f.3) / 2.0))
            });
            match (from, to) {
                (Some(from), Some(to)) => (from, to),
                _ => panic!("{name}: a line from ({x0}, {y0}) to ({x1}, {y1}) joins no boxes"),
            }
        })
        .collect();
    drawn.sort_unstable();
    let mut expected: Vec<(usize, usize)> = diagram
        .reporting
        .iter()
        .filter(|line| !line.flagged)
        .filter_map(|line| diagram.ends(line))
        .collect();
    expected.sort_unstable();
    let curves = svg.matches("<path class=\"reports\" d=\"M").count() - drawn.len();
    assert!(
        drawn.iter().all(|line| expected.contains(line)),
        "{name}: {drawn:?}"
    );
    assert_eq!(
        drawn.len() + curves,
        expected.len(),
        "{name}: reporting lines"
    );
    svg
}

#[test]
fn boxes_never_overlap_and_lines_join_the_right_boxes() {
    for path in common::all_models() {
        let model = common::load(&path);
        for view in View::ALL {
            check_drawing(&format!("{} {}", path.display(), view.name()), &model, view);
        }
    }
}

#[test]
fn the_1516_role_sample_is_stacked_into_a_readable_width() {
    let model = common::d3::sample();
    let svg = check_drawing("d3 sample org", &model, View::Org);
    let root = &svg[svg.find("<svg ").expect("an svg element")..];
    let (width, height) = (
        attribute(root, "width").expect("a width"),
        attribute(root, "height").expect("a height"),
    );
    eprintln!("built-in SVG of the 1,516-role sample: {width} x {height} px");
    assert!(width <= 15_000.0, "{width} px wide");
    assert!(height <= 5_000.0, "{height} px high");
    // A team of individual contributors hangs as a column: its boxes share a left edge.
    let roles = frames(&svg, "role");
    let lefts: std::collections::BTreeSet<i64> = roles.iter().map(|f| f.0 as i64).collect();
    assert!(lefts.len() < roles.len() / 4, "{} columns", lefts.len());
}

/// A manager whose team's wide boxes push it right of its left sibling's team must take its
/// small right siblings along: they used to be placed from where it stood before it moved, on
/// top of it.
#[test]
fn siblings_after_a_moved_team_do_not_land_on_it() {
    let mut text = String::from("name = \"Moved team\"\n");
    let mut role = |id: &str, title: &str, manager: &str| {
        text.push_str(&format!(
            "[[role]]\nid = \"{id}\"\ntitle = \"{title}\"\nreports_to = \"{manager}\"\n\
             responsible = [\"how\"]\n"
        ));
    };
    role("ceo", "CEO", "");
    for team in ["a", "b"] {
        role(team, &format!("Head {team}"), "ceo");
        for n in 1..=3 {
            role(
                &format!("{team}{n}"),
                &format!("Principal Engineer, Team {team}{n}"),
                team,
            );
        }
    }
    for n in 1..=5 {
        role(&format!("c{n}"), &format!("Staff Engineer {n}"), "ceo");
    }
    let text = text.replace("reports_to = \"\"\n", "");
    let model = orgraph::model::load_str(
        "moved.toml",
        orgraph::model::Format::Toml,
        &text,
        &orgraph::Canon::builtin(),
    )
    .unwrap_or_else(|e| panic!("{}", e.render(false)));
    for view in View::ALL {
        check_drawing(&format!("moved team {}", view.name()), &model, view);
    }
}
