//! JSON roles and people read straight into their [`Role`] and [`Person`], without a tree: a
//! large model is a million of them. Only a plain item is read here, one in which the reader
//! would find nothing wrong (known fields once each, strings without escapes, a valid id, ...);
//! any other gives `None`, and [`raw`](super::raw) reads it through its tree, which reports
//! the problem exactly as for TOML and YAML.

use super::raw::{PERSON_FIELDS, ROLE_FIELDS, RoleRefs};
use super::reader::is_valid_id;
use super::symbols::{Ref, Symbols};
use super::syntax::Flat;
use super::{Level, Person, Role, Track};
use crate::source::{FileId, Span};

/// The plain role that starts at `start` in `text`.
pub(super) fn role(
    text: &str,
    start: usize,
    file: FileId,
    symbols: &mut Symbols,
) -> Option<(Role, RoleRefs)> {
    let mut object = Flat::new(text, start)?;
    let mut seen = Seen::default();
    let (mut id, mut title, mut description, mut archetype) = (None, None, None, None);
    let (mut track, mut reports_to, mut team, mut external) = (None, None, None, None);
    let mut dotted_to = Vec::new();
    // By level, then in file order: the reader's order (owns, responsible, ...).
    let mut entries: Vec<(Level, Ref)> = Vec::new();
    while let Some(key) = object.key()? {
        let level = match key {
            "owns" => Some(Level::Accountable),
            "responsible" => Some(Level::Responsible),
            "consulted" => Some(Level::Consulted),
            "informed" => Some(Level::Informed),
            _ => None,
        };
        seen.first(ROLE_FIELDS, key)?;
        if let Some(level) = level {
            object.strings(|item, span| {
                entries.push((level, symbols.reference(item, Span::new(file, span))));
            })?;
            continue;
        }
        match key {
            "dotted_to" => object.strings(|item, span| {
                dotted_to.push(symbols.reference(item, Span::new(file, span)));
            })?,
            "external" => {
                let (value, span) = object.bool()?;
                external = value.then(|| Span::new(file, span));
            }
            _ => {
                let (value, span) = object.string()?;
                let span = Span::new(file, span);
                match key {
                    "id" => id = Some((value, span)),
                    "title" => title = Some(value),
                    "description" => description = Some(value.to_string()),
                    "archetype" => archetype = Some((value, span)),
                    "track" => track = Some(Track::parse(value)?),
                    "reports_to" => reports_to = Some(symbols.reference(value, span)),
                    "team" => team = Some(value.to_string()),
                    _ => return None,
                }
            }
        }
    }
    let (id, span) = id.filter(|(id, _)| is_valid_id(id))?;
    entries.sort_by_key(|(level, _)| *level);
    let archetype_span = archetype.map(|(_, span)| span);
    let refs = RoleRefs::new(reports_to, entries, archetype_span, external, dotted_to);
    let role = Role {
        id: id.to_string(),
        title: title?.to_string(),
        description,
        archetype: archetype.map(|(archetype, _)| archetype.to_string()),
        track,
        reports_to: None,
        dotted_to: Vec::new(),
        team,
        external: external.is_some(),
        responsibilities: Vec::new(),
        span,
    };
    Some((role, refs))
}

/// The plain person that starts at `start` in `text`, with the roles they fill as written.
pub(super) fn person(
    text: &str,
    start: usize,
    file: FileId,
    symbols: &mut Symbols,
) -> Option<(Person, Vec<Ref>)> {
    let mut object = Flat::new(text, start)?;
    let mut seen = Seen::default();
    let (mut id, mut name) = (None, None);
    let mut fills = Vec::new();
    while let Some(key) = object.key()? {
        seen.first(PERSON_FIELDS, key)?;
        match key {
            "fills" => object.strings(|item, span| {
                fills.push(symbols.reference(item, Span::new(file, span)));
            })?,
            "id" => id = Some(object.string()?),
            "name" => name = Some(object.string()?.0.to_string()),
            _ => return None,
        }
    }
    let (id, span) = id.filter(|(id, _)| is_valid_id(id))?;
    fills.shrink_to_fit();
    let person = Person {
        id: id.to_string(),
        name,
        fills: Vec::new(),
        span: Span::new(file, span),
    };
    Some((person, fills))
}

/// The fields of one object read so far, a bit each: a field given twice is for the reader
/// to report.
#[derive(Default)]
struct Seen(u32);

impl Seen {
    /// `None` if `key` is none of `fields`, or was seen already.
    fn first(&mut self, fields: &[&str], key: &str) -> Option<()> {
        let bit = 1 << fields.iter().position(|field| *field == key)?;
        if self.0 & bit != 0 {
            return None;
        }
        self.0 |= bit;
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_role_is_read_whole_with_its_references() {
        let mut symbols = Symbols::default();
        let text = r#"{"id": "pm", "title": "PM", "informed": ["what"], "owns": ["how@x", "what"],
            "external": false, "reports_to": "cpo", "team": "core"}"#;
        let (role, refs) = role(text, 0, FileId(0), &mut symbols).unwrap();
        assert_eq!((role.id.as_str(), role.title.as_str()), ("pm", "PM"));
        assert_eq!(role.team.as_deref(), Some("core"));
        assert_eq!(&text[role.span.range()], "\"pm\"");
        assert!(!role.external && refs.external().is_none());
        let entries: Vec<(Level, &str)> = refs
            .entries
            .iter()
            .map(|(level, entry)| (*level, symbols.get(entry.sym)))
            .collect();
        // By level, as the tree reader orders them, then as written.
        assert_eq!(
            entries,
            [
                (Level::Accountable, "how@x"),
                (Level::Accountable, "what"),
                (Level::Informed, "what")
            ]
        );
        let reports_to = refs.reports_to.unwrap();
        assert_eq!(symbols.get(reports_to.sym), "cpo");
        assert_eq!(&text[reports_to.span.range()], "\"cpo\"");
    }

    #[test]
    fn anything_the_reader_would_report_is_left_to_it() {
        for text in [
            r#"{"id": "pm"}"#,
            r#"{"id": "p m", "title": "PM"}"#,
            r#"{"id": "pm", "title": "PM", "title": "PM"}"#,
            r#"{"id": "pm", "title": "PM", "nmae": "x"}"#,
            r#"{"id": "pm", "title": "PM", "name": "x"}"#,
            r#"{"id": "pm", "title": "PM", "track": "boss"}"#,
            r#"{"id": "pm", "title": "P\u004d"}"#,
            r#"{"id": "pm", "title": null}"#,
            r#"{"id": "pm", "title": "PM", "owns": ["what", 1]}"#,
            r#"{"id": "pm", "title": "PM", "external": "yes"}"#,
            r#"["pm"]"#,
        ] {
            assert!(
                role(text, 0, FileId(0), &mut Symbols::default()).is_none(),
                "{text}"
            );
        }
        for text in [
            r#"{"id": "ann", "fills": ["pm"], "title": "PM"}"#,
            r#"{"name": "Ann"}"#,
        ] {
            assert!(
                person(text, 0, FileId(0), &mut Symbols::default()).is_none(),
                "{text}"
            );
        }
        let text = r#"{"id": "ann", "name": "Ann", "fills": ["pm", "cpo"]}"#;
        let (ann, fills) = person(text, 0, FileId(0), &mut Symbols::default()).unwrap();
        assert_eq!((ann.id.as_str(), ann.name.as_deref()), ("ann", Some("Ann")));
        assert_eq!(fills.len(), 2);
    }
}
