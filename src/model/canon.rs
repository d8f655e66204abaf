//! The canon: the source document's roles (archetypes) and the kinds each canonically owns.
//! Built in from `canon.toml`; `--canon FILE` replaces it with a file of the same format.

use super::load::{LoadError, Reader, parse_source, read_source};
use super::syntax::{Format, Node};
use super::{Company, Track};
use crate::diag::Diagnostic;
use crate::source::Sources;
use indexmap::IndexMap;
use serde::Serialize;
use std::path::Path;

/// The built-in canon, in the format `--canon` files use.
pub const BUILTIN_CANON: &str = include_str!("canon.toml");

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Archetype {
    pub id: String,
    pub title: String,
    pub track: Option<Track>,
    pub owns: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_owns: Option<Vec<String>>,
    pub may_own: Vec<String>,
    pub summary: String,
    pub notes: Vec<String>,
}

impl Archetype {
    /// The kinds this archetype owns in a company of this type.
    pub fn owns_in(&self, company: Company) -> &[String] {
        match (company, &self.service_owns) {
            (Company::Service, Some(kinds)) => kinds,
            _ => &self.owns,
        }
    }

    /// Whether owning `kind` fits this archetype in a company of this type.
    pub fn fits(&self, kind: &str, company: Company) -> bool {
        self.owns_in(company).iter().any(|k| k == kind) || self.may_own.iter().any(|k| k == kind)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Canon {
    pub archetypes: IndexMap<String, Archetype>,
}

const ARCHETYPE_FIELDS: &[&str] = &[
    "id",
    "title",
    "track",
    "owns",
    "service_owns",
    "may_own",
    "summary",
    "notes",
];

impl Canon {
    pub fn builtin() -> Canon {
        match Canon::parse("canon.toml", Format::Toml, BUILTIN_CANON) {
            Ok(canon) => canon,
            // The built-in canon is tested to parse; an error here is a build defect.
            Err(error) => panic!("the built-in canon is invalid:\n{error}"),
        }
    }

    pub fn load(path: &Path) -> Result<Canon, LoadError> {
        let mut sources = Sources::default();
        match read_source(&mut sources, path, None) {
            Ok((file, format)) => Canon::from_sources(sources, file, format),
            Err(error) => Err(LoadError {
                sources,
                diagnostics: vec![error],
            }),
        }
    }

    pub fn parse(name: &str, format: Format, text: &str) -> Result<Canon, LoadError> {
        let mut sources = Sources::default();
        let file = sources.add(name, text.to_string());
        Canon::from_sources(sources, file, format)
    }

    fn from_sources(
        sources: Sources,
        file: crate::source::FileId,
        format: Format,
    ) -> Result<Canon, LoadError> {
        let mut errors = Vec::new();
        let canon = match parse_source(&sources, file, format) {
            Ok(node) => read_canon(
                &mut Reader {
                    file,
                    errors: &mut errors,
                },
                &node,
            ),
            Err(error) => {
                errors.push(error);
                None
            }
        };
        match canon {
            Some(canon) if errors.is_empty() => Ok(canon),
            _ => Err(LoadError {
                sources,
                diagnostics: errors,
            }),
        }
    }

    /// The archetypes that canonically own `kind` in a company of this type.
    pub fn owners_of(&self, kind: &str, company: Company) -> impl Iterator<Item = &Archetype> {
        self.archetypes
            .values()
            .filter(move |a| a.owns_in(company).iter().any(|k| k == kind))
    }
}

fn read_canon(reader: &mut Reader, node: &Node) -> Option<Canon> {
    let fields = reader.table(node, "the canon", &["archetype"])?;
    let mut archetypes = IndexMap::new();
    let list = reader.tables(&fields, "archetype", |r, node| {
        let f = r.table(node, "an archetype", ARCHETYPE_FIELDS)?;
        let id = r.id(&f, "archetype")?;
        let track = f.get("track").and_then(|n| {
            r.choice(n, "track", &["ic", "manager"], |t| match t {
                "ic" => Some(Track::Ic),
                "manager" => Some(Track::Manager),
                _ => None,
            })
        });
        let strings = |r: &mut Reader, field| {
            r.opt_list(&f, field)
                .into_iter()
                .map(|s| s.value)
                .collect::<Vec<_>>()
        };
        let archetype = Archetype {
            title: r
                .opt_string(&f, "title")
                .unwrap_or_else(|| id.value.clone()),
            track,
            owns: strings(r, "owns"),
            service_owns: f.get("service_owns").map(|_| strings(r, "service_owns")),
            may_own: strings(r, "may_own"),
            summary: r.opt_string(&f, "summary").unwrap_or_default(),
            notes: strings(r, "notes"),
            id: id.value,
        };
        Some((archetype, id.span))
    });
    for (archetype, span) in list {
        if archetypes.contains_key(&archetype.id) {
            reader.errors.push(
                Diagnostic::error(format!("duplicate archetype id `{}`", archetype.id))
                    .at(span, "defined again here"),
            );
            continue;
        }
        archetypes.insert(archetype.id.clone(), archetype);
    }
    Some(Canon { archetypes })
}

impl Default for Canon {
    fn default() -> Self {
        Canon::builtin()
    }
}

/// The canon as text for a person: each archetype with its track, kinds and nuances.
pub fn render_human(canon: &Canon) -> String {
    let mut out = String::new();
    for archetype in canon.archetypes.values() {
        let kinds = |kinds: &[String]| {
            if kinds.is_empty() {
                "-".to_string()
            } else {
                kinds.join(", ")
            }
        };
        out.push_str(&format!("{} ({})\n", archetype.id, archetype.title));
        out.push_str(&format!("  {}\n", archetype.summary));
        out.push_str(&format!(
            "  track: {}\n",
            archetype.track.map_or("-", Track::name)
        ));
        out.push_str(&format!("  owns: {}\n", kinds(&archetype.owns)));
        if let Some(service) = &archetype.service_owns {
            out.push_str(&format!(
                "  owns in a service company: {}\n",
                kinds(service)
            ));
        }
        if !archetype.may_own.is_empty() {
            out.push_str(&format!("  may also own: {}\n", kinds(&archetype.may_own)));
        }
        for note in &archetype.notes {
            out.push_str(&format!("  note: {note}\n"));
        }
        out.push('\n');
    }
    out
}
