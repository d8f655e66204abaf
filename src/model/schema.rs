//! The model file's schema as plain data: what `export --format json` writes and what the
//! syntaxes round-trip through. A resolved [`Model`] converts to it without loss.

use super::{CheckLevel, Company, Level, Model, Track};
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelFile {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default)]
    pub company: Company,
    pub policy: PolicyFile,
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub checks: IndexMap<String, CheckLevel>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kind: Vec<KindFile>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scope: Vec<ScopeFile>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub role: Vec<RoleFile>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub person: Vec<PersonFile>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyFile {
    pub required: Vec<String>,
    pub max_span: usize,
    pub max_depth: usize,
    pub max_hats: usize,
    pub max_owned: usize,
    pub max_consulted: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindFile {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScopeFile {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleFile {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archetype: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub track: Option<Track>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reports_to: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dotted_to: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub external: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub owns: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub responsible: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consulted: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub informed: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonFile {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fills: Vec<String>,
}

impl Model {
    /// The resolved model in file form: built-in kinds and the implicit scope left out,
    /// every policy value spelled out.
    pub fn to_file(&self) -> ModelFile {
        let role_id = |index: usize| self.roles[index].id.clone();
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
