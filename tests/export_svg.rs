//! The built-in SVG painter: valid XML holding every role's title, and every box, line and
//! label of the layout (the layout itself is tested on its boxes in `export_layout.rs`).

mod common;

use orgraph::export::layout::layout;
use orgraph::export::{Diagram, Options, View, svg};
use quick_xml::Reader;
use quick_xml::events::Event;

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
                        .any(|t| t == &shown || t.starts_with(&format!("{shown} ("))),
                    "{} {}: no title {shown:?}",
                    path.display(),
                    view.name()
                );
            }
        }
    }
}

/// The painter draws each box, line and label of the layout once, and the page at its size.
#[test]
fn the_painter_draws_everything_the_layout_holds() {
    for path in common::all_models() {
        let model = common::load(&path);
        for view in View::ALL {
            let diagram = Diagram::new(&model, &[], &Options::new(view));
            let layout = layout(&diagram);
            let text = svg::paint(&layout);
            let name = format!("{} {}", path.display(), view.name());
            assert_eq!(
                text.matches("<g class=\"").count() - 1,
                layout.nodes.len(),
                "{name}"
            );
            assert_eq!(
                text.matches("<path class=\"").count(),
                layout.edges.len(),
                "{name}"
            );
            assert_eq!(
                text.matches("<text class=\"label\"").count(),
                layout.labels.len(),
                "{name}"
            );
            let size = format!("width=\"{}\" height=\"{}\"", layout.width, layout.height);
            assert!(text.contains(&size), "{name}");
            assert_eq!(text, svg::render(&diagram), "{name}");
        }
    }
}
