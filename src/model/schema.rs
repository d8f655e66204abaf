//! The model file's schema as plain data: what `export --format json` writes and what the
//! syntaxes round-trip through. A resolved [`Model`] converts to it without loss.
//!
//! The field docs and `schemars` attributes describe the file as users write it: they become the
//! JSON Schema that `orgraph schema` prints (where `policy` may be left out, for one).

use super::{
    BUILTIN_KINDS, CheckLevel, Company, DEFAULT_MAX_CONSULTED, DEFAULT_MAX_DEPTH, DEFAULT_MAX_HATS,
    DEFAULT_MAX_OWNED, DEFAULT_MAX_SPAN, Level, Model, RoleId, Track,
};
use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// What an id may be: letters, digits, `-`, `_` and `.`.
pub const ID_PATTERN: &str = "^[A-Za-z0-9_.-]+$";
/// A responsibility entry: `KIND` (on every scope) or `KIND@SCOPE`.
pub const ENTRY_PATTERN: &str = "^[A-Za-z0-9_.-]+(@[A-Za-z0-9_.-]+)?$";

/// A model file: the organization's roles, their responsibilities, reporting lines and people.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ModelFile {
    /// The organization's name, shown in reports and diagrams.
    pub name: String,
    /// Free text about the model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `service`: business analysts own each client's `what` (see `orgraph archetypes`).
    #[serde(default)]
    pub company: Company,
    /// Limits the checks hold the model to; every field is optional.
    #[schemars(default)]
    pub policy: PolicyFile,
    /// A level per check code, overriding its default.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub checks: IndexMap<String, CheckLevel>,
    /// Responsibility kinds beyond the six built-in ones.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kind: Vec<KindFile>,
    /// What responsibilities are held on: products, product lines, markets. Without any, there
    /// is one scope, `product`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scope: Vec<ScopeFile>,
    /// The roles: nodes of the org chart.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub role: Vec<RoleFile>,
    /// The people who fill the roles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub person: Vec<PersonFile>,
}

/// The `[policy]` table: limits the checks hold the model to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(default)]
pub struct PolicyFile {
    /// Kinds every scope needs an accountable role for (`gap`).
    #[schemars(inner(pattern(ID_PATTERN)))]
    pub required: Vec<String>,
    /// Direct reports before `wide-span`.
    #[schemars(range(min = 1))]
    pub max_span: usize,
    /// Reporting layers before `deep-hierarchy`.
    #[schemars(range(min = 1))]
    pub max_depth: usize,
    /// Roles one person may fill before `overloaded-person`.
    #[schemars(range(min = 1))]
    pub max_hats: usize,
    /// Items one role may be accountable for before `overloaded-role`.
    #[schemars(range(min = 1))]
    pub max_owned: usize,
    /// Consulted roles on one item before `too-many-consulted`.
    #[schemars(range(min = 1))]
    pub max_consulted: usize,
}

/// The policy of a model that sets none.
impl Default for PolicyFile {
    fn default() -> Self {
        PolicyFile {
            required: BUILTIN_KINDS.iter().map(|(id, _)| id.to_string()).collect(),
            max_span: DEFAULT_MAX_SPAN,
            max_depth: DEFAULT_MAX_DEPTH,
            max_hats: DEFAULT_MAX_HATS,
            max_owned: DEFAULT_MAX_OWNED,
            max_consulted: DEFAULT_MAX_CONSULTED,
        }
    }
}

/// A `[[kind]]` table: a responsibility kind of the model's own.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KindFile {
    /// What roles' entries name, as in `owns = ["resources@checkout"]`.
    #[schemars(pattern(ID_PATTERN))]
    pub id: String,
    /// What holding this kind means.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A `[[scope]]` table: what responsibilities are held on.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScopeFile {
    /// What roles' entries name after `@`, as in `owns = ["what@checkout"]`.
    #[schemars(pattern(ID_PATTERN))]
    pub id: String,
    /// The name diagrams and reports show; default: the id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Free text about the scope.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A `[[role]]` table: a node of the org chart and the responsibilities it holds.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleFile {
    /// Unique among the roles; what `reports_to`, `dotted_to` and `fills` name.
    #[schemars(pattern(ID_PATTERN))]
    pub id: String,
    /// The job title, as the organization writes it.
    pub title: String,
    /// Free text about the role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The canonical role this one is (`orgraph archetypes` lists them), checked by
    /// `archetype-drift`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(ID_PATTERN))]
    pub archetype: Option<String>,
    /// Individual contributor or manager of people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub track: Option<Track>,
    /// The id of the role's manager; roles without one are roots.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(ID_PATTERN))]
    pub reports_to: Option<String>,
    /// Dotted-line managers (matrix organizations); not part of the reporting tree.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(inner(pattern(ID_PATTERN)))]
    pub dotted_to: Vec<String>,
    /// Groups roles; teams are clusters in diagrams.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// Someone outside the modelled organization whom roles report to (a manager missing from
    /// an HR export, a parent company). Holds no responsibilities.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub external: bool,
    /// Accountable for these items: `KIND` (every scope) or `KIND@SCOPE`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(inner(pattern(ENTRY_PATTERN)))]
    pub owns: Vec<String>,
    /// Responsible for these items (RACI "R"): `KIND` or `KIND@SCOPE`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(inner(pattern(ENTRY_PATTERN)))]
    pub responsible: Vec<String>,
    /// Consulted on these items (RACI "C"): `KIND` or `KIND@SCOPE`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(inner(pattern(ENTRY_PATTERN)))]
    pub consulted: Vec<String>,
    /// Informed of these items (RACI "I"): `KIND` or `KIND@SCOPE`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(inner(pattern(ENTRY_PATTERN)))]
    pub informed: Vec<String>,
}

/// A `[[person]]` table: someone who fills one or more roles.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonFile {
    /// Unique among the people.
    #[schemars(pattern(ID_PATTERN))]
    pub id: String,
    /// The person's name; default: the id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Ids of the roles this person fills (several: one person, several hats).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(inner(pattern(ID_PATTERN)))]
    pub fills: Vec<String>,
}

impl Model {
    /// The resolved model in file form: built-in kinds and the implicit scope left out,
    /// every policy value spelled out.
    pub fn to_file(&self) -> ModelFile {
        let role_id = |role: RoleId| self.roles[role].id.clone();
        ModelFile {
            name: self.name.clone(),
            description: self.description.clone(),
            company: self.company,
            policy: PolicyFile {
                required: self
                    .policy
                    .required
                    .iter()
                    .map(|&k| self.kinds[k].id.clone())
                    .collect(),
                max_span: self.policy.max_span,
                max_depth: self.policy.max_depth,
                max_hats: self.policy.max_hats,
                max_owned: self.policy.max_owned,
                max_consulted: self.policy.max_consulted,
            },
            checks: self
                .checks
                .iter()
                .map(|c| (c.code.clone(), c.level))
                .collect(),
            kind: self
                .kinds
                .values()
                .filter(|k| k.span.is_some())
                .map(|k| KindFile {
                    id: k.id.clone(),
                    description: k.description.clone(),
                })
                .collect(),
            scope: self
                .scopes
                .values()
                .filter(|s| s.span.is_some())
                .map(|s| ScopeFile {
                    id: s.id.clone(),
                    name: s.name.clone(),
                    description: s.description.clone(),
                })
                .collect(),
            role: self
                .roles
                .values()
                .map(|role| {
                    let entries = |level: Level| {
                        role.responsibilities
                            .iter()
                            .filter(|r| r.level == level)
                            .map(|r| match r.scope {
                                Some(scope) => {
                                    format!("{}@{}", self.kinds[r.kind].id, self.scopes[scope].id)
                                }
                                None => self.kinds[r.kind].id.clone(),
                            })
                            .collect()
                    };
                    RoleFile {
                        id: role.id.clone(),
                        title: role.title.clone(),
                        description: role.description.clone(),
                        archetype: role.archetype.clone(),
                        track: role.track,
                        reports_to: role.reports_to.map(role_id),
                        dotted_to: role.dotted_to.iter().map(|&r| role_id(r)).collect(),
                        team: role.team.clone(),
                        external: role.external,
                        owns: entries(Level::Accountable),
                        responsible: entries(Level::Responsible),
                        consulted: entries(Level::Consulted),
                        informed: entries(Level::Informed),
                    }
                })
                .collect(),
            person: self
                .people
                .values()
                .map(|person| PersonFile {
                    id: person.id.clone(),
                    name: person.name.clone(),
                    fills: person.fills.iter().map(|&r| role_id(r)).collect(),
                })
                .collect(),
        }
    }
}
