//! The org model: roles, the responsibilities they hold, reporting lines and the people who fill
//! them. Loaded once from a file, then shared by checks, diagrams and comparisons.

pub mod canon;
mod direct;
mod extends;
mod hierarchy;
mod ids;
pub mod items;
mod load;
mod raw;
mod reader;
mod resolve;
pub mod schema;
mod symbols;
pub(crate) mod syntax;

pub use crate::registry::CheckLevel;
pub use canon::{Archetype, Canon};
pub use extends::MAX_EXTENDS;
pub use hierarchy::Hierarchy;
use ids::Keyed;
pub use ids::{Id, IdVec, KindId, PersonId, RoleId, ScopeId, Section};
pub use items::ItemIndex;
pub use load::{LoadError, MAX_DIAGNOSTICS, load, load_str};
pub use reader::did_you_mean;
pub use syntax::Format;

use crate::source::{Sources, Span};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// The responsibility kinds every model has, from the source document, with their meaning.
pub const BUILTIN_KINDS: [(&str, &str); 6] = [
    (
        "what",
        "defines what the product is and does: requirements for the market",
    ),
    (
        "how",
        "defines how it gets built: delivery approach, resources, schedule",
    ),
    ("strategy", "the product's strategy over its life cycle"),
    ("execution", "executes the strategy across projects"),
    (
        "market",
        "listens and talks to the market of the product; takes it off the shelf",
    ),
    (
        "customers",
        "listens and talks to the customers of the market",
    ),
];

/// The scope a model has when it declares none.
pub const DEFAULT_SCOPE: &str = "product";

/// A RACI level of a responsibility.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// A: the one who decides and answers for it (`owns`).
    Accountable,
    /// R: does the work.
    Responsible,
    /// C: asked before the decision.
    Consulted,
    /// I: told after it.
    Informed,
}

impl Level {
    /// Every level, in RACI order.
    pub const ALL: [Level; 4] = [
        Level::Accountable,
        Level::Responsible,
        Level::Consulted,
        Level::Informed,
    ];

    /// The level's name in messages and JSON: `accountable`, `responsible`, ...
    pub fn name(self) -> &'static str {
        match self {
            Level::Accountable => "accountable",
            Level::Responsible => "responsible",
            Level::Consulted => "consulted",
            Level::Informed => "informed",
        }
    }

    /// The RACI letter.
    pub fn letter(self) -> char {
        match self {
            Level::Accountable => 'A',
            Level::Responsible => 'R',
            Level::Consulted => 'C',
            Level::Informed => 'I',
        }
    }

    /// The model file's key for this level.
    pub fn field(self) -> &'static str {
        match self {
            Level::Accountable => "owns",
            _ => self.name(),
        }
    }
}

/// Whether a role manages people: its `track`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Track {
    /// An individual contributor: `ic-with-reports` if people report to the role.
    Ic,
    /// A manager of people: `manager-without-reports` if nobody reports to the role.
    Manager,
}

impl Track {
    /// The track named `text` (`ic`, `manager`), if it is one.
    pub fn parse(text: &str) -> Option<Track> {
        match text {
            "ic" => Some(Track::Ic),
            "manager" => Some(Track::Manager),
            _ => None,
        }
    }

    /// The track as a model file writes it.
    pub fn name(self) -> &'static str {
        match self {
            Track::Ic => "ic",
            Track::Manager => "manager",
        }
    }
}

/// What the company sells, which changes who the canon says owns `what` (`company`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Company {
    /// A company that builds products: product managers own `what`.
    #[default]
    Product,
    /// A services firm: business analysts own each client's `what`.
    Service,
}

impl Company {
    /// The company type named `text` (`product`, `service`), if it is one.
    pub fn parse(text: &str) -> Option<Company> {
        match text {
            "product" => Some(Company::Product),
            "service" => Some(Company::Service),
            _ => None,
        }
    }

    /// The company type as a model file writes it.
    pub fn name(self) -> &'static str {
        match self {
            Company::Product => "product",
            Company::Service => "service",
        }
    }
}

/// The thresholds of a model's `[policy]`, defaults filled in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Policy {
    /// Kinds (indexes into [`Model::kinds`]) that every scope needs an owner for.
    pub required: Vec<KindId>,
    /// Direct reports before `wide-span`.
    pub max_span: usize,
    /// Reporting layers before `deep-hierarchy`.
    pub max_depth: usize,
    /// Roles one person may fill before `overloaded-person`.
    pub max_hats: usize,
    /// Items one role may be accountable for before `overloaded-role`.
    pub max_owned: usize,
    /// Consulted roles on one item before `too-many-consulted`.
    pub max_consulted: usize,
}

/// `max_span` unless the policy sets it.
pub const DEFAULT_MAX_SPAN: usize = 10;
/// `max_depth` unless the policy sets it.
pub const DEFAULT_MAX_DEPTH: usize = 8;
/// `max_hats` unless the policy sets it.
pub const DEFAULT_MAX_HATS: usize = 3;
/// `max_owned` unless the policy sets it.
pub const DEFAULT_MAX_OWNED: usize = 6;
/// `max_consulted` unless the policy sets it.
pub const DEFAULT_MAX_CONSULTED: usize = 4;

/// A kind of responsibility: one of [`BUILTIN_KINDS`] or one the model declares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Kind {
    /// Its id, as responsibilities name it (`what`, `resources`).
    pub id: String,
    /// What it means.
    pub description: Option<String>,
    /// Where the model declares it; `None` for the built-in kinds.
    pub span: Option<Span>,
}

impl Keyed for Kind {
    fn key(&self) -> &String {
        &self.id
    }
}

/// What a responsibility is held on: a product, a product line, a market, the company.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scope {
    /// Its id, as `KIND@SCOPE` names it.
    pub id: String,
    /// Its name for people.
    pub name: Option<String>,
    /// What it covers.
    pub description: Option<String>,
    /// Where the model declares it; `None` for the implicit `product` scope.
    pub span: Option<Span>,
}

impl Keyed for Scope {
    fn key(&self) -> &String {
        &self.id
    }
}

impl Scope {
    /// The name, else the id.
    pub fn display_name(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.id)
    }
}

/// One responsibility a role holds: a kind, on one scope or (`scope: None`) on every scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Responsibility {
    /// The kind.
    pub kind: KindId,
    /// The scope; `None` for every scope.
    pub scope: Option<ScopeId>,
    /// The RACI level it is held at.
    pub level: Level,
    /// The entry in the model file.
    pub span: Span,
}

/// A role: a node of the org chart, holding responsibilities, filled by people.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Role {
    /// Its id, unique among the model's roles.
    pub id: String,
    /// Its job title.
    pub title: String,
    /// What it does, in a sentence.
    pub description: Option<String>,
    /// The archetype of the canon it claims to be (`product-manager`).
    pub archetype: Option<String>,
    /// Whether it manages people, as the model says.
    pub track: Option<Track>,
    /// Its manager.
    pub reports_to: Option<RoleId>,
    /// Dotted-line managers (matrix organizations); not part of the reporting tree.
    pub dotted_to: Vec<RoleId>,
    /// The team it belongs to (a cluster in diagrams).
    pub team: Option<String>,
    /// Someone outside the modelled organization whom roles report to (`external = true`).
    pub external: bool,
    /// In file order: owns, then responsible, consulted, informed.
    pub responsibilities: Vec<Responsibility>,
    /// The role's `id` in the model file.
    pub span: Span,
}

impl Keyed for Role {
    fn key(&self) -> &String {
        &self.id
    }
}

impl Role {
    /// The title with case and spaces ignored: how duplicate titles and roles across models match.
    pub fn normalized_title(&self) -> String {
        let mut title = String::new();
        self.push_normalized_title(&mut title);
        title
    }

    /// [`Role::normalized_title`] appended to `out`: one buffer serves a million roles.
    pub(crate) fn push_normalized_title(&self, out: &mut String) {
        // Most titles are ASCII: byte by byte, the same as the general case below.
        if self.title.is_ascii() {
            let bytes = self
                .title
                .bytes()
                .filter(|&b| !char::from(b).is_whitespace());
            return out.extend(bytes.map(|b| char::from(b.to_ascii_lowercase())));
        }
        out.extend(
            self.title
                .chars()
                .filter(|c| !c.is_whitespace())
                .flat_map(char::to_lowercase),
        );
    }
}

/// A person, filling one role or wearing several hats.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    /// Their id, unique among the model's people.
    pub id: String,
    /// Their name.
    pub name: Option<String>,
    /// The roles they fill, as the file lists them.
    pub fills: Vec<RoleId>,
    /// The person's `id` in the model file.
    pub span: Span,
}

impl Keyed for Person {
    fn key(&self) -> &String {
        &self.id
    }
}

impl Person {
    /// The name, else the id.
    pub fn display_name(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.id)
    }
}

/// A check level the model's `[checks]` table sets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckSetting {
    /// The check's code, a valid one (the loader checks).
    pub code: String,
    /// The level set.
    pub level: CheckLevel,
    /// The key in the model file.
    pub span: Span,
}

/// A loaded, fully resolved model: every reference is an index that exists.
#[derive(Debug)]
pub struct Model {
    /// The model's name.
    pub name: String,
    /// What it describes.
    pub description: Option<String>,
    /// What the company sells.
    pub company: Company,
    /// Its `[policy]`, defaults filled in.
    pub policy: Policy,
    /// Its `[checks]`, in file order (a base's first).
    pub checks: Vec<CheckSetting>,
    /// The built-in kinds, then the model's own.
    pub kinds: Section<KindId, Kind>,
    /// The model's scopes, or the one scope [`DEFAULT_SCOPE`].
    pub scopes: Section<ScopeId, Scope>,
    /// Every role, in file order (a base's first).
    pub roles: Section<RoleId, Role>,
    /// Every person, in file order (a base's first).
    pub people: Section<PersonId, Person>,
    /// The model's own file is `FileId(0)`; bases it extends follow.
    pub sources: Sources,
    /// Derived once, on first use: the model is not meant to change after it is loaded.
    derived: Derived,
}

/// What is computed from a model once and shared by everything that reads it.
#[derive(Debug, Default)]
struct Derived {
    hierarchy: OnceLock<Hierarchy>,
    items: OnceLock<ItemIndex>,
}

impl Model {
    /// The path the model was loaded from, as given.
    pub fn path(&self) -> &str {
        self.sources.name(crate::source::FileId(0))
    }

    /// `KIND@SCOPE` of one item.
    pub fn item_name(&self, kind: KindId, scope: ScopeId) -> String {
        format!("{}@{}", self.kinds[kind].id, self.scopes[scope].id)
    }

    /// The scopes a responsibility covers.
    pub fn scopes_of(
        &self,
        responsibility: &Responsibility,
    ) -> impl ExactSizeIterator<Item = ScopeId> + use<> {
        let range = match responsibility.scope {
            Some(scope) => scope.index()..scope.index() + 1,
            None => 0..self.scopes.len(),
        };
        range.map(ScopeId::new)
    }

    /// The reporting tree's shape, computed on first use and kept.
    pub fn hierarchy(&self) -> &Hierarchy {
        self.derived.hierarchy.get_or_init(|| Hierarchy::of(self))
    }

    /// Who holds each item at what level, computed on first use and kept.
    pub fn items(&self) -> &ItemIndex {
        self.derived.items.get_or_init(|| ItemIndex::of(self))
    }

    /// For every role, the people who fill it, in file order.
    pub fn fillers(&self) -> IdVec<RoleId, Vec<PersonId>> {
        let mut fillers = IdVec::filled(Vec::new(), self.roles.len());
        for (id, person) in self.people.iter() {
            for &role in &person.fills {
                if fillers[role].last() != Some(&id) {
                    fillers[role].push(id);
                }
            }
        }
        fillers
    }
}
