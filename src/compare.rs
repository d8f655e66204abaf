//! Comparing models side by side: size and shape, who holds each kind, roles matched across
//! models, and which findings each model has. Data only; the formats live in submodules.
//!
//! Every join is a hash join over ids, archetypes or titles, so comparing two 100,000-role
//! models costs about as much as checking them.

mod dot;
mod human;
mod json;
mod markdown;
mod sections;

pub use dot::dot;
pub use human::human;
pub use json::json;
pub use markdown::markdown;

use crate::check::{self, Check, CheckOptions, Finding, Summary};
use crate::model::items;
use crate::model::{Canon, CheckLevel, IdVec, KindId, Level, Model, RoleId};
use crate::stats::{self, Stats};
use indexmap::IndexMap;
use std::collections::{BTreeSet, HashMap};

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

/// The roles of one model holding a kind, each list in file order without repeats.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Holders {
    /// Accountable on at least one scope.
    pub accountable: Vec<RoleId>,
    /// Responsible on at least one scope.
    pub responsible: Vec<RoleId>,
    /// Consulted on at least one scope.
    pub consulted: Vec<RoleId>,
}

/// Who is accountable for a kind on one scope; `None` where a model lacks the kind or scope.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScopeHolders {
    /// The scope's id.
    pub scope: String,
    /// Per model, the accountable roles, or `None`.
    pub accountable: Vec<Option<Vec<RoleId>>>,
}

/// One kind across the models.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KindRow {
    /// The kind's id.
    pub kind: String,
    /// Per model; `None` where the model does not have the kind.
    pub holders: Vec<Option<Holders>>,
    /// Every scope any model has, in order of first appearance.
    pub scopes: Vec<ScopeHolders>,
}

/// How the roles of a row were matched: the weakest rule that joined them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Match {
    /// The same id.
    Id,
    /// The same archetype.
    Archetype,
    /// The same title, case and spaces ignored.
    Title,
}

impl Match {
    /// The rule as `--match` names it.
    pub fn name(self) -> &'static str {
        match self {
            Match::Id => "id",
            Match::Archetype => "archetype",
            Match::Title => "title",
        }
    }
}

/// One role across the models: the matched role of each model, or `None`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoleRow {
    /// Unique among rows: the shared id, else the archetype or title that matched, else the id.
    pub key: String,
    /// `None` when the row has one role only.
    pub by: Option<Match>,
    /// Per model, the role, or `None`.
    pub roles: Vec<Option<RoleId>>,
}

impl RoleRow {
    /// Whether every model has a role in the row.
    pub fn in_every_model(&self) -> bool {
        self.roles.iter().all(Option::is_some)
    }
}

/// One finding (code and subject) across the models.
#[derive(Clone, Debug, PartialEq)]
pub struct FindingRow {
    /// The check.
    pub check: Check,
    /// See [`Finding::subject`].
    pub subject: String,
    /// Per model, the index of the finding in [`Side::findings`], or `None`.
    pub found: Vec<Option<usize>>,
}

impl FindingRow {
    /// Whether every model has the finding.
    pub fn in_every_model(&self) -> bool {
        self.found.iter().all(Option::is_some)
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
    /// Findings by code and subject, with the models that have them.
    pub findings: Vec<FindingRow>,
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
    let (sides, kinds, roles) = std::thread::scope(|scope| {
        let checked: Vec<_> = models
            .iter()
            .zip(labels(models))
            .map(|(model, label)| scope.spawn(move || side(model, label, options)))
            .collect();
        let kinds = kinds(models);
        let roles = match_roles(models);
        let sides: Vec<Side> = checked
            .into_iter()
            .map(|thread| {
                thread
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect();
        (sides, kinds, roles)
    });
    Ok(Comparison {
        kinds,
        roles,
        findings: findings(&sides),
        sides,
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
        let kinds = self
            .kinds
            .iter()
            .filter(|row| {
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
            })
            .count();
        Differences {
            roles: self.roles.iter().filter(|r| !r.in_every_model()).count(),
            kinds,
            findings: self.findings.iter().filter(|f| !f.in_every_model()).count(),
        }
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

/// Who holds each kind in each model, per scope and over all scopes.
fn kinds(models: &[Model]) -> Vec<KindRow> {
    let mut kind_ids: IndexMap<&str, ()> = IndexMap::new();
    let mut scope_ids: IndexMap<&str, ()> = IndexMap::new();
    for model in models {
        kind_ids.extend(model.kinds.keys().map(|k| (k.as_str(), ())));
        scope_ids.extend(model.scopes.keys().map(|s| (s.as_str(), ())));
    }
    let held: Vec<IdVec<KindId, Holders>> = models.iter().map(holders_by_kind).collect();
    kind_ids
        .keys()
        .map(|&kind| {
            let index: Vec<Option<KindId>> = models.iter().map(|m| m.kinds.id_of(kind)).collect();
            let holders = index
                .iter()
                .zip(&held)
                .map(|(k, held)| k.map(|k| held[k].clone()))
                .collect();
            let scopes = scope_ids
                .keys()
                .map(|&scope| ScopeHolders {
                    scope: scope.to_string(),
                    accountable: models
                        .iter()
                        .zip(&index)
                        .map(|(model, kind)| {
                            let scope = model.scopes.id_of(scope)?;
                            let holdings = model.items().holdings((*kind)?, scope);
                            let owners = items::holders(holdings, Level::Accountable);
                            Some(owners.iter().map(|h| h.role).collect())
                        })
                        .collect(),
                })
                .collect();
            KindRow {
                kind: kind.to_string(),
                holders,
                scopes,
            }
        })
        .collect()
}

/// For every kind of the model, the roles holding it at each level that compare shows.
fn holders_by_kind(model: &Model) -> IdVec<KindId, Holders> {
    let mut held = IdVec::filled(Holders::default(), model.kinds.len());
    for (role, r) in model.roles.iter() {
        for responsibility in &r.responsibilities {
            let holders = &mut held[responsibility.kind];
            let list = match responsibility.level {
                Level::Accountable => &mut holders.accountable,
                Level::Responsible => &mut holders.responsible,
                Level::Consulted => &mut holders.consulted,
                Level::Informed => continue,
            };
            // Roles come in file order, so a role holding the kind twice is adjacent.
            if list.last() != Some(&role) {
                list.push(role);
            }
        }
    }
    held
}

/// A row while matching: the roles so far and the models they come from, as bits.
struct Draft {
    roles: Vec<Option<RoleId>>,
    mask: u64,
    key: String,
    by: Option<Match>,
    merged: bool,
}

/// Matches roles across models: by id, then archetype, then normalized title.
///
/// Each rule is a hash join: rows missing some model are grouped by the rule's key, and within
/// a group each row joins the earliest open row that has none of its models (first fit, in
/// file order). So with two models the k-th unmatched product manager of one pairs with the
/// k-th of the other, and a row already matched by id in two models can gain a third.
fn match_roles(models: &[Model]) -> Vec<RoleRow> {
    let full: u64 = if models.len() == 64 {
        u64::MAX
    } else {
        (1 << models.len()) - 1
    };
    let mut drafts: Vec<Draft> = Vec::new();
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    for (m, model) in models.iter().enumerate() {
        for (index, role) in model.roles.iter() {
            let row = *by_id.entry(role.id.as_str()).or_insert_with(|| {
                drafts.push(Draft {
                    roles: vec![None; models.len()],
                    mask: 0,
                    key: role.id.clone(),
                    by: None,
                    merged: false,
                });
                drafts.len() - 1
            });
            let draft = &mut drafts[row];
            draft.roles[m] = Some(index);
            draft.mask |= 1 << m;
            if draft.mask.count_ones() > 1 {
                draft.by = Some(Match::Id);
            }
        }
    }
    let first_role = |draft: &Draft| {
        let m = draft.mask.trailing_zeros() as usize;
        draft.roles[m].map(|r| &models[m].roles[r])
    };
    join(&mut drafts, full, Match::Archetype, |draft| {
        let role = first_role(draft)?;
        Some((role.archetype.clone()?, role.archetype.clone()?))
    });
    join(&mut drafts, full, Match::Title, |draft| {
        let role = first_role(draft)?;
        Some((role.normalized_title(), role.title.clone()))
    });

    let mut seen: HashMap<String, usize> = HashMap::new();
    drafts
        .into_iter()
        .filter(|draft| !draft.merged)
        .map(|draft| {
            let count = seen.entry(draft.key.clone()).or_insert(0);
            *count += 1;
            let key = if *count == 1 {
                draft.key
            } else {
                format!("{}#{count}", draft.key)
            };
            RoleRow {
                key,
                by: draft.by,
                roles: draft.roles,
            }
        })
        .collect()
}

/// One matching rule over the rows still missing a model; `key` gives a row's join key and
/// the key a row formed by this rule shows.
fn join(
    drafts: &mut [Draft],
    full: u64,
    rule: Match,
    key: impl Fn(&Draft) -> Option<(String, String)>,
) {
    let mut groups: IndexMap<String, Vec<usize>> = IndexMap::new();
    let mut shown: HashMap<String, String> = HashMap::new();
    for (row, draft) in drafts.iter().enumerate() {
        if draft.merged || draft.mask == full {
            continue;
        }
        if let Some((key, show)) = key(draft) {
            shown.entry(key.clone()).or_insert(show);
            groups.entry(key).or_default().push(row);
        }
    }
    for (key, rows) in groups {
        // Open rows of the group by the models they have, earliest first.
        let mut open: HashMap<u64, BTreeSet<usize>> = HashMap::new();
        for row in rows {
            let mask = drafts[row].mask;
            let target = open
                .iter()
                .filter(|(other, _)| *other & mask == 0)
                .filter_map(|(other, rows)| Some((*rows.first()?, *other)))
                .min();
            let Some((target, target_mask)) = target else {
                open.entry(mask).or_default().insert(row);
                continue;
            };
            if let Some(rows) = open.get_mut(&target_mask) {
                rows.remove(&target);
            }
            let incoming = &mut drafts[row];
            incoming.merged = true;
            let roles = std::mem::take(&mut incoming.roles);
            let shared_id = (incoming.by == Some(Match::Id)).then(|| incoming.key.clone());
            let into = &mut drafts[target];
            for (slot, role) in into.roles.iter_mut().zip(roles) {
                if role.is_some() {
                    *slot = role;
                }
            }
            if into.by.is_none() {
                // A shared id names the row best, then what this rule matched on.
                into.key = shared_id
                    .or_else(|| shown.get(&key).cloned())
                    .unwrap_or_else(|| key.clone());
            }
            into.by = Some(rule);
            into.mask |= mask;
            if into.mask != full {
                open.entry(into.mask).or_default().insert(target);
            }
        }
    }
}

/// Findings by code and subject, with the models each appears in; sorted by code, subject.
fn findings(sides: &[Side]) -> Vec<FindingRow> {
    let mut rows: HashMap<(Check, String), FindingRow> = HashMap::new();
    for (m, side) in sides.iter().enumerate() {
        for (index, finding) in side.findings.iter().enumerate() {
            let subject = finding.subject(side.model);
            let row = rows
                .entry((finding.check, subject.clone()))
                .or_insert_with(|| FindingRow {
                    check: finding.check,
                    subject,
                    found: vec![None; sides.len()],
                });
            // Two findings of one check on one subject (drift both ways) count once.
            row.found[m].get_or_insert(index);
        }
    }
    let mut rows: Vec<FindingRow> = rows.into_values().collect();
    rows.sort_by(|a, b| (a.check.code(), &a.subject).cmp(&(b.check.code(), &b.subject)));
    rows
}
