//! Size and shape metrics of a model: what `orgraph stats` reports and `compare` reuses.

use crate::model::{Level, Model};
use crate::terminal::Escaped;
use indexmap::IndexMap;
use serde::Serialize;

/// A model's size and shape.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Stats {
    /// The model's path, as given.
    pub model: String,
    /// The model's name.
    pub name: String,
    /// How many roles.
    pub roles: usize,
    /// How many people.
    pub people: usize,
    /// How many scopes.
    pub scopes: usize,
    /// How many kinds, the built-in ones included.
    pub kinds: usize,
    /// Responsibility edges, in total and by kind and level.
    pub responsibilities: Responsibilities,
    /// Roles that report to nobody (external roles are not roots).
    pub roots: Vec<String>,
    /// The longest reporting chain, counted in roles (cycles excluded).
    pub layers: usize,
    /// Direct reports of the roles that have any, counted in seats ([`span_of_control`]).
    pub span: SpanOfControl,
    /// Roles per person.
    pub hats: Hats,
    /// Roles nobody fills (only when the model declares people).
    pub vacancies: Vec<String>,
}

/// Responsibility edges: one per role, kind, scope and level.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Responsibilities {
    /// Every edge.
    pub total: usize,
    /// Edges of each kind, every kind listed.
    pub by_kind: IndexMap<String, usize>,
    /// Edges at each RACI level, every level listed.
    pub by_level: IndexMap<String, usize>,
}

/// Direct reports of the roles that have any, counted in seats.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SpanOfControl {
    /// Roles with at least one direct report.
    pub managers: usize,
    /// The fewest direct reports a manager has.
    pub min: usize,
    /// The median over managers.
    pub median: f64,
    /// The most direct reports a manager has.
    pub max: usize,
}

/// Roles per person.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Hats {
    /// The most roles one person fills.
    pub max: usize,
    /// Roles per person on average.
    pub mean: f64,
    /// People who fill more than one role.
    pub several: usize,
}

/// The median of sorted numbers; 0 for none.
pub fn median(sorted: &[usize]) -> f64 {
    match sorted.len() {
        0 => 0.0,
        n if n % 2 == 1 => sorted[n / 2] as f64,
        n => (sorted[n / 2 - 1] + sorted[n / 2]) as f64 / 2.0,
    }
}

/// The span of control of `model`'s managers, counted in seats (SPEC §4): a direct-report role
/// counts as the people who fill it, a vacant one as 1 (each role 1 in a model without people).
/// External roles are not managers of the model. `wide-span` and `narrow-span` count the same.
pub fn span_of_control(model: &Model) -> SpanOfControl {
    let hierarchy = model.hierarchy();
    let mut spans: Vec<usize> = hierarchy
        .reports
        .iter_enumerated()
        .filter(|(role, reports)| !reports.is_empty() && !model.roles[*role].external)
        .map(|(role, _)| hierarchy.span(role))
        .collect();
    spans.sort_unstable();
    SpanOfControl {
        managers: spans.len(),
        min: spans.first().copied().unwrap_or(0),
        median: median(&spans),
        max: spans.last().copied().unwrap_or(0),
    }
}

/// Measures `model`.
///
/// ```
/// use orgraph::model::{Format, load_str};
/// let text = "name = \"Acme\"\n[[role]]\nid = \"ceo\"\ntitle = \"CEO\"\n[[role]]\nid = \"pm\"\ntitle = \"PM\"\nreports_to = \"ceo\"\n";
/// let model = load_str("acme.toml", Format::Toml, text, &orgraph::Canon::builtin())?;
/// let stats = orgraph::stats::stats(&model);
/// assert_eq!((stats.roles, stats.layers, stats.span.max), (2, 2, 1));
/// # Ok::<(), orgraph::model::LoadError>(())
/// ```
pub fn stats(model: &Model) -> Stats {
    let hierarchy = model.hierarchy();
    let mut by_kind: IndexMap<String, usize> = model.kinds.keys().map(|k| (k.clone(), 0)).collect();
    let mut by_level: IndexMap<String, usize> = Level::ALL
        .iter()
        .map(|l| (l.name().to_string(), 0))
        .collect();
    let mut total = 0;
    for role in model.roles.values() {
        for responsibility in &role.responsibilities {
            let edges = model.scopes_of(responsibility).len();
            total += edges;
            by_kind[responsibility.kind.index()] += edges;
            by_level[responsibility.level as usize] += edges;
        }
    }
    let hats: Vec<usize> = model.people.values().map(|p| p.fills.len()).collect();
    let fillers = model.fillers();
    let vacancies = if model.people.is_empty() {
        Vec::new()
    } else {
        model
            .roles
            .values()
            .zip(&fillers)
            .filter(|(_, people)| people.is_empty())
            .map(|(role, _)| role.id.clone())
            .collect()
    };
    Stats {
        model: model.path().to_string(),
        name: model.name.clone(),
        roles: model.roles.len(),
        people: model.people.len(),
        scopes: model.scopes.len(),
        kinds: model.kinds.len(),
        responsibilities: Responsibilities {
            total,
            by_kind,
            by_level,
        },
        roots: hierarchy
            .roots
            .iter()
            .filter(|&&r| !model.roles[r].external)
            .map(|&r| model.roles[r].id.clone())
            .collect(),
        layers: hierarchy.layers(),
        span: span_of_control(model),
        hats: Hats {
            max: hats.iter().copied().max().unwrap_or(0),
            mean: if hats.is_empty() {
                0.0
            } else {
                hats.iter().sum::<usize>() as f64 / hats.len() as f64
            },
            several: hats.iter().filter(|&&n| n > 1).count(),
        },
        vacancies,
    }
}

/// A readable aligned table of the stats.
pub fn render_human(stats: &Stats) -> String {
    let mut rows: Vec<(String, String)> = vec![
        (
            "model".into(),
            format!("{} ({})", Escaped(&stats.name), Escaped(&stats.model)),
        ),
        ("roles".into(), stats.roles.to_string()),
        ("people".into(), stats.people.to_string()),
        ("scopes".into(), stats.scopes.to_string()),
        ("kinds".into(), stats.kinds.to_string()),
        (
            "responsibilities".into(),
            stats.responsibilities.total.to_string(),
        ),
    ];
    let counts = |map: &IndexMap<String, usize>| {
        map.iter()
            .map(|(key, n)| format!("{key} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    rows.push(("  by kind".into(), counts(&stats.responsibilities.by_kind)));
    rows.push((
        "  by level".into(),
        counts(&stats.responsibilities.by_level),
    ));
    rows.push((
        "roots".into(),
        format!("{} ({})", stats.roots.len(), abbreviate(&stats.roots)),
    ));
    rows.push(("layers".into(), stats.layers.to_string()));
    rows.push((
        "span of control".into(),
        format!(
            "{} managers; min {}, median {}, max {}",
            stats.span.managers, stats.span.min, stats.span.median, stats.span.max
        ),
    ));
    rows.push((
        "hats".into(),
        format!(
            "max {}, mean {:.2}; {} people fill several roles",
            stats.hats.max, stats.hats.mean, stats.hats.several
        ),
    ));
    rows.push((
        "vacancies".into(),
        if stats.people == 0 {
            "- (no people declared)".into()
        } else {
            format!(
                "{} ({})",
                stats.vacancies.len(),
                abbreviate(&stats.vacancies)
            )
        },
    ));
    let width = rows.iter().map(|(key, _)| key.len()).max().unwrap_or(0);
    rows.iter()
        .map(|(key, value)| format!("{key:<width$}  {value}\n"))
        .collect()
}

/// The first few ids of a list, and how many more.
fn abbreviate(ids: &[String]) -> String {
    const SHOWN: usize = 8;
    let mut text = ids
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if ids.len() > SHOWN {
        text.push_str(&format!(", and {} more", ids.len() - SHOWN));
    }
    if text.is_empty() { "none".into() } else { text }
}
