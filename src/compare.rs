//! Comparing models side by side: size and shape, who holds each kind, roles matched across
//! models, and which findings each model has; with two models, what changed from the first to
//! the second. Data only; the formats live in submodules.
//!
//! Every join is a hash join over ids, archetypes or titles, so comparing two 100,000-role
//! models costs about as much as checking them.

mod changes;
mod dot;
mod findings;
mod human;
mod json;
mod kinds;
mod markdown;
mod matching;
mod sections;

pub use changes::{
    Both, Changes, PeopleChanges, PersonChange, RoleChanges, SpanChange, changes, manager,
};
pub use dot::{SUMMARY_ROLES, dot};
pub use findings::{FindingRow, keyed_by_check};
pub use human::human;
pub use json::json;
pub use kinds::{Holders, KindRow, ScopeHolders};
pub use markdown::markdown;
pub use matching::{Match, RoleRow, Rules};

use crate::check::{self, CheckOptions, Finding, Summary};
use crate::model::{Canon, CheckLevel, Model, RoleId};
use crate::stats::{self, Stats};
use std::collections::{BTreeSet, HashMap};

/// What the formats show: everything, or only what differs (`--changes-only`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Show {
    /// Every section.
    #[default]
    Everything,
    /// With two models, the changes and the findings introduced and resolved; with more, the
    /// kinds, roles and findings that are not the same in every model. The DOT output is the
    /// summary view.
    Differences,
}

/// The most models one comparison takes: a model's presence in a row is one bit of a `u64`.
pub const MAX_MODELS: usize = 64;

/// One model of a comparison, with what was measured and found in it.
pub struct Side<'m> {
    /// The model.
    pub model: &'m Model,
    /// A short, unique name for column headers: the file stem, else the path.
    pub label: String,
    /// Its size and shape.
    pub stats: Stats,
    /// Findings at the levels the model's `[checks]` sets over the defaults.
    pub findings: Vec<Finding>,
    /// Its findings counted by level.
    pub summary: Summary,
}

impl<'m> Side<'m> {
    /// The ids of roles of this model, given by index.
    pub fn ids(&self, roles: &[RoleId]) -> Vec<&'m str> {
        roles
            .iter()
            .map(|&r| self.model.roles[r].id.as_str())
            .collect()
    }
}

/// Everything `orgraph compare` reports, in the order the models were given.
pub struct Comparison<'m> {
    /// Each model with its stats and findings.
    pub sides: Vec<Side<'m>>,
    /// Who holds each kind, every kind of any model.
    pub kinds: Vec<KindRow>,
    /// Roles matched across the models.
    pub roles: Vec<RoleRow>,
    /// Findings by code, subject and message, with the models that have them.
    pub findings: Vec<FindingRow>,
    /// The rules roles were matched by, in order.
    pub rules: Rules,
    /// With exactly two models, what changed from the first to the second, by id.
    pub changes: Option<Changes>,
}

/// How much the models differ; all zero when they have the same roles, holders and findings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Differences {
    /// Role rows missing from at least one model.
    pub roles: usize,
    /// Kinds whose holders (by id, at any level) are not the same in every model.
    pub kinds: usize,
    /// Findings missing from at least one model.
    pub findings: usize,
}

impl Differences {
    /// Whether the models do not differ at all.
    pub fn none(&self) -> bool {
        *self == Differences::default()
    }
}

/// Why models could not be compared.
#[derive(Debug, PartialEq, Eq)]
pub enum CompareError {
    /// More than [`MAX_MODELS`] models; the number given.
    TooManyModels(usize),
}

impl std::fmt::Display for CompareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CompareError::TooManyModels(n) => write!(
                f,
                "cannot compare {n} models at once; the most is {MAX_MODELS}"
            ),
        }
    }
}

impl std::error::Error for CompareError {}

/// Compares `models`, in the order given; checks run at default levels and each model's `[checks]`.
///
/// ```
/// use orgraph::model::{Format, load_str};
/// let canon = orgraph::Canon::builtin();
/// let before = "name = \"Before\"\n[[role]]\nid = \"ceo\"\ntitle = \"CEO\"\n";
/// let after = format!("{before}[[role]]\nid = \"pm\"\ntitle = \"PM\"\nreports_to = \"ceo\"\n");
/// let models = [
///     load_str("before.toml", Format::Toml, before, &canon)?,
///     load_str("after.toml", Format::Toml, &after, &canon)?,
/// ];
/// let comparison = orgraph::compare::compare(&models, &canon)?;
/// assert_eq!(comparison.sides[1].stats.layers, 2);
/// // `pm` is a role only the second model has.
/// assert_eq!(comparison.differences().roles, 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn compare<'m>(models: &'m [Model], canon: &Canon) -> Result<Comparison<'m>, CompareError> {
    compare_by(models, canon, &Rules::default())
}

/// Compares `models` as [`compare`] does, matching roles by `rules` (`--match`).
pub fn compare_by<'m>(
    models: &'m [Model],
    canon: &Canon,
    rules: &Rules,
) -> Result<Comparison<'m>, CompareError> {
    if models.len() > MAX_MODELS {
        return Err(CompareError::TooManyModels(models.len()));
    }
    // At the default levels and each model's own `[checks]`, with this canon.
    let options = &CheckOptions {
        canon: canon.clone(),
        ..CheckOptions::default()
    };
    // Checking dominates the cost and each model is checked on its own: one thread per model,
    // while this one matches roles and kinds.
    let (sides, kinds, roles, changes) = std::thread::scope(|scope| {
        let checked: Vec<_> = models
            .iter()
            .zip(labels(models))
            .map(|(model, label)| scope.spawn(move || side(model, label, options)))
            .collect();
        let kinds = kinds::kinds(models);
        let roles = matching::match_roles(models, rules);
        let changes = match models {
            [before, after] => Some(changes::changes(before, after)),
            _ => None,
        };
        let sides: Vec<Side> = checked
            .into_iter()
            .map(|thread| {
                thread
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect();
        (sides, kinds, roles, changes)
    });
    Ok(Comparison {
        kinds,
        roles,
        findings: findings::findings(&sides),
        sides,
        rules: rules.clone(),
        changes,
    })
}

fn side<'m>(model: &'m Model, label: String, options: &CheckOptions) -> Side<'m> {
    let findings = check::check(model, options).findings;
    Side {
        model,
        label,
        stats: stats::stats(model),
        summary: Summary::of(&findings),
        findings,
    }
}

impl Comparison<'_> {
    /// How many role rows, kinds and findings differ between the models.
    pub fn differences(&self) -> Differences {
        Differences {
            roles: self.roles.iter().filter(|r| !r.in_every_model()).count(),
            kinds: self
                .kinds
                .iter()
                .filter(|k| self.held_differently(k))
                .count(),
            findings: self.findings.iter().filter(|f| !f.in_every_model()).count(),
        }
    }

    /// Whether the roles holding a kind (by id, at any level shown) differ between models.
    pub fn held_differently(&self, row: &KindRow) -> bool {
        let held: Vec<Option<[Vec<&str>; 3]>> = row
            .holders
            .iter()
            .zip(&self.sides)
            .map(|(holders, side)| {
                holders.as_ref().map(|h| {
                    [
                        side.ids(&h.accountable),
                        side.ids(&h.responsible),
                        side.ids(&h.consulted),
                    ]
                })
            })
            .collect();
        held.windows(2).any(|pair| pair[0] != pair[1])
    }

    /// Whether every model has a role in the row, each with the same id.
    pub fn same_id_everywhere(&self, row: &RoleRow) -> bool {
        let mut ids = row
            .roles
            .iter()
            .enumerate()
            .map(|(side, role)| role.map(|r| self.role_id(side, r)));
        let first = ids.next().flatten();
        first.is_some() && ids.all(|id| id == first)
    }

    /// With two models read as before and after: findings only in the second (introduced) and
    /// only in the first (resolved). `None` unless there are exactly two models.
    pub fn change(&self) -> Option<(Vec<&FindingRow>, Vec<&FindingRow>)> {
        if self.sides.len() != 2 {
            return None;
        }
        let only = |present: usize| {
            self.findings
                .iter()
                .filter(|row| row.found[present].is_some() && row.found[1 - present].is_none())
                .collect()
        };
        Some((only(1), only(0)))
    }

    /// The finding of `row` in model `side`, if it has one.
    pub fn finding(&self, row: &FindingRow, side: usize) -> Option<&Finding> {
        row.found[side].map(|index| &self.sides[side].findings[index])
    }

    /// The id of role `role` of model `side`.
    pub fn role_id(&self, side: usize, role: RoleId) -> &str {
        &self.sides[side].model.roles[role].id
    }

    /// The level of a row's finding in each model.
    pub fn levels(&self, row: &FindingRow) -> Vec<Option<CheckLevel>> {
        (0..self.sides.len())
            .map(|side| self.finding(row, side).map(|f| f.level))
            .collect()
    }
}

/// Column names: file stems when they tell the models apart, else paths, numbered if need be.
fn labels(models: &[Model]) -> Vec<String> {
    let stem = |model: &Model| {
        std::path::Path::new(model.path())
            .file_stem()
            .map_or_else(|| model.path().to_string(), |s| s.to_string_lossy().into())
    };
    let stems: Vec<String> = models.iter().map(stem).collect();
    let unique = stems.iter().collect::<BTreeSet<_>>().len() == stems.len();
    let mut labels = if unique {
        stems
    } else {
        models.iter().map(|m| m.path().to_string()).collect()
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    for label in &mut labels {
        let count = seen.entry(label.clone()).or_insert(0);
        *count += 1;
        if *count > 1 {
            label.push_str(&format!(" ({count})"));
        }
    }
    labels
}
