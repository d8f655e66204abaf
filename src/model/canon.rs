//! The canon: the source document's roles (archetypes) and the kinds each canonically owns.
//! Built in as data; `--canon FILE` replaces it with a file in the format [`Canon::to_toml`]
//! writes.

use super::LoadError;
use super::reader::{Reader, parse_source, read_source};
use super::syntax::{Format, Node};
use super::{Company, Track};
use crate::diag::Diagnostic;
use crate::source::Sources;
use crate::terminal::Escaped;
use indexmap::IndexMap;
use serde::Serialize;
use std::path::Path;

/// What heads a canon file: the format, for whoever edits a copy of the built-in one.
const FORMAT: &str = "\
# A canon: the roles a company has and the responsibility kinds each owns. `orgraph archetypes
# --format toml` prints the built-in one (the roles of the source document, \"Product
# Organization Roles\"); copy it, edit it and pass it with `--canon FILE`.
#
# Fields of an [[archetype]]:
#   id            the id models use in `archetype = \"...\"`
#   title         the usual job title
#   track         \"ic\" or \"manager\": whether the role usually manages people
#   owns          kinds this role is accountable for in a product company
#   service_owns  kinds it is accountable for in a service company (`company = \"service\"`);
#                 when absent, `owns` applies there too
#   may_own       kinds it may also own without drift: the lines companies draw differently
#   summary       one sentence on what the role is for
#   notes         nuances: where companies disagree

";

/// One built-in archetype, as static data: (id, title, track, owns, service_owns, may_own,
/// summary, notes).
type BuiltinArchetype = (
    &'static str,
    &'static str,
    Track,
    &'static [&'static str],
    Option<&'static [&'static str]>,
    &'static [&'static str],
    &'static str,
    &'static [&'static str],
);

/// The seven roles of the source document, in our own words.
const BUILTIN: [BuiltinArchetype; 7] = [
    (
        "product-manager",
        "Product Manager",
        Track::Ic,
        &["what", "strategy"],
        Some(&["strategy"]),
        &["what"],
        "Decides what the product is and does, from the market's requirements, and sets its strategy over the whole life cycle: puts the product on the shelf.",
        &[
            "Manages the product, not people: an individual contributor who leads by influence.",
            "Gathers requirements for a market, not for one customer.",
            "In a service company the business analyst usually holds the requirements instead.",
        ],
    ),
    (
        "product-marketing-manager",
        "Product Marketing Manager",
        Track::Ic,
        &["market"],
        None,
        &[],
        "Listens and talks to the market of the product, and takes the product off the shelf.",
        &["Often overlaps with product management; in small companies one person holds both."],
    ),
    (
        "marketing-manager",
        "Marketing Manager",
        Track::Manager,
        &["customers"],
        None,
        &[],
        "Listens and talks to the customers of the market: campaigns, channels, demand.",
        &[],
    ),
    (
        "project-manager",
        "Project Manager",
        Track::Ic,
        &["how"],
        None,
        &[],
        "Plans how the product gets delivered: allocates resources, runs the project life cycle, plans and tracks the schedule.",
        &[
            "Disputed: many hold that the technical how belongs to engineering (a chief architect) or to a program manager as Microsoft uses the term.",
            "In that reading project management is resource allocation, life cycle, schedule planning and tracking; declare a kind such as `resources` for it.",
        ],
    ),
    (
        "program-manager",
        "Program Manager",
        Track::Ic,
        &["execution"],
        None,
        &["how"],
        "Executes the product strategy across projects and teams.",
        &["At Microsoft a program manager also defines how a feature is built."],
    ),
    (
        "engineering-manager",
        "Engineering Manager",
        Track::Manager,
        &[],
        None,
        &["how"],
        "Manages the engineers and the other resources that build the product.",
        &[
            "Owns people, hiring and delivery capacity rather than one of the product kinds.",
            "The how may sit here, or with a chief architect, when the company draws it so.",
        ],
    ),
    (
        "business-analyst",
        "Business Analyst",
        Track::Ic,
        &[],
        Some(&["what"]),
        &[],
        "Gathers the requirements of one client or one set of users so the product can be built for them.",
        &[
            "In a product company the product manager holds the requirements; the analyst supports them.",
            "In a service company (company = \"service\") the analyst owns the client's what.",
        ],
    ),
];

/// One role of the canon, as the source document describes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Archetype {
    /// The id a role's `archetype` names.
    pub id: String,
    /// The usual job title.
    pub title: String,
    /// Whether the role usually manages people.
    pub track: Option<Track>,
    /// The kinds it is accountable for in a product company.
    pub owns: Vec<String>,
    /// The kinds it is accountable for in a service company, where they differ.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_owns: Option<Vec<String>>,
    /// Kinds it may own as well without drifting: lines companies draw differently.
    pub may_own: Vec<String>,
    /// What the role is for, in a sentence.
    pub summary: String,
    /// Nuances: where companies disagree.
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

/// The archetypes a model's roles are checked against, by id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Canon {
    /// Every archetype, by id, in the order of the canon.
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
    /// The roles of the source document, "Product Organization Roles".
    pub fn builtin() -> Canon {
        let strings = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let archetypes = BUILTIN
            .iter()
            .map(
                |&(id, title, track, owns, service_owns, may_own, summary, notes)| {
                    let archetype = Archetype {
                        id: id.to_string(),
                        title: title.to_string(),
                        track: Some(track),
                        owns: strings(owns),
                        service_owns: service_owns.map(strings),
                        may_own: strings(may_own),
                        summary: summary.to_string(),
                        notes: strings(notes),
                    };
                    (archetype.id.clone(), archetype)
                },
            )
            .collect();
        Canon { archetypes }
    }

    /// The canon as a `--canon` file: the format explained, then one `[[archetype]]` each.
    pub fn to_toml(&self) -> String {
        #[derive(Serialize)]
        struct CanonFile<'a> {
            archetype: Vec<&'a Archetype>,
        }
        let file = CanonFile {
            archetype: self.archetypes.values().collect(),
        };
        // Plain strings and lists always serialize.
        format!("{FORMAT}{}", toml::to_string(&file).unwrap_or_default())
    }

    /// Reads a canon file (`--canon`), in the format [`Canon::to_toml`] writes.
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

    /// Reads a canon from text in memory; `name` is what diagnostics call the file.
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
        let track = f
            .get("track")
            .and_then(|n| r.choice(n, "track", &["ic", "manager"], Track::parse));
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
        out.push_str(&format!(
            "{} ({})\n",
            archetype.id,
            Escaped(&archetype.title)
        ));
        out.push_str(&format!("  {}\n", Escaped(&archetype.summary)));
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
            out.push_str(&format!("  note: {}\n", Escaped(note)));
        }
        out.push('\n');
    }
    out
}
