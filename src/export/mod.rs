//! Drawing a model: the views (`org`, `responsibilities`, `full`) as DOT through graphviz-rust,
//! SVG with a built-in layout or Graphviz, PNG/PDF through Graphviz, Mermaid, RACI matrices and
//! the resolved model as JSON.
//!
//! Every format draws from one [`Diagram`]: what a view shows once `--focus`, `--depth` and
//! `--kinds` are applied, with the findings to highlight.

pub mod dot;
pub mod escape;
pub mod layout;
pub mod mermaid;
pub mod raci;
pub mod svg;

use crate::check::{Check, Finding};
use crate::model::Hierarchy;
use crate::model::{Level, Model, Track};
use indexmap::IndexMap;
use std::fmt;

/// What a diagram shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum View {
    /// The reporting tree.
    Org,
    /// Roles and the scopes they hold responsibilities on.
    Responsibilities,
    /// Both together.
    Full,
}

impl View {
    pub const ALL: [View; 3] = [View::Org, View::Responsibilities, View::Full];

    pub fn name(self) -> &'static str {
        match self {
            View::Org => "org",
            View::Responsibilities => "responsibilities",
            View::Full => "full",
        }
    }

    fn shows_reporting(self) -> bool {
        self != View::Responsibilities
    }

    fn shows_responsibilities(self) -> bool {
        self != View::Org
    }
}

/// An output format of `orgraph export`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Dot,
    Svg,
    Png,
    Pdf,
    Mermaid,
    RaciMd,
    RaciCsv,
    Json,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Dot => "dot",
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Pdf => "pdf",
            Format::Mermaid => "mermaid",
            Format::RaciMd => "raci-md",
            Format::RaciCsv => "raci-csv",
            Format::Json => "json",
        }
    }

    /// The file extension of the default output path.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Mermaid => "mmd",
            Format::RaciMd => "md",
            Format::RaciCsv => "csv",
            _ => self.name(),
        }
    }

    /// Whether the view changes the output; RACI matrices and the model JSON have none.
    pub fn has_view(self) -> bool {
        !matches!(self, Format::RaciMd | Format::RaciCsv | Format::Json)
    }

    /// The default file name for a model stem: `STEM-VIEW.EXT`, `STEM-raci.EXT`, `STEM.json`.
    pub fn file_name(self, stem: &str, view: View) -> String {
        match self {
            Format::Json => format!("{stem}.json"),
            Format::RaciMd | Format::RaciCsv => format!("{stem}-raci.{}", self.extension()),
            _ => format!("{stem}-{}.{}", view.name(), self.extension()),
        }
    }
}

/// Who lays out SVG: the built-in tidy-tree layout or Graphviz `dot`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Engine {
    /// The built-in tidy-tree layout (SVG only)
    Builtin,
    /// Graphviz `dot`, which must be on the PATH
    Graphviz,
}

impl Engine {
    /// Graphviz when `dot` is on the PATH, the built-in layout otherwise.
    pub fn detect() -> Engine {
        if graphviz_available() {
            Engine::Graphviz
        } else {
            Engine::Builtin
        }
    }
}

/// Whether Graphviz `dot` is an executable file on the PATH.
pub fn graphviz_available() -> bool {
    let Some(path) = std::env::var_os("PATH") else {
        return false;
    };
    std::env::split_paths(&path).any(|dir| {
        ["dot", "dot.exe"].iter().any(|name| {
            let file = dir.join(name);
            file.is_file() && is_executable(&file)
        })
    })
}

#[cfg(unix)]
fn is_executable(path: &std::path::Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(_path: &std::path::Path) -> bool {
    true
}

/// Why an export could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportError {
    UnknownRole {
        id: String,
        suggestion: Option<String>,
    },
    UnknownKind {
        id: String,
        suggestion: Option<String>,
        known: Vec<String>,
    },
    /// PNG or PDF asked for, and Graphviz is missing or not chosen.
    NeedsGraphviz { format: &'static str },
    /// Graphviz ran and failed.
    Graphviz(String),
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hint = |suggestion: &Option<String>| match suggestion {
            Some(s) => format!(" (did you mean `{s}`?)"),
            None => String::new(),
        };
        match self {
            ExportError::UnknownRole { id, suggestion } => {
                write!(f, "no role `{id}` in the model{}", hint(suggestion))
            }
            ExportError::UnknownKind {
                id,
                suggestion,
                known,
            } => write!(
                f,
                "no kind `{id}` in the model{}; known kinds: {}",
                hint(suggestion),
                known.join(", ")
            ),
            ExportError::NeedsGraphviz { format } => write!(
                f,
                "{format} output needs Graphviz `dot` on the PATH: install Graphviz (apt-get install graphviz, brew install graphviz)"
            ),
            ExportError::Graphviz(message) => write!(f, "Graphviz failed: {}", message.trim()),
        }
    }
}

impl std::error::Error for ExportError {}

/// What to draw, resolved against a model.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    pub view: View,
    /// A role index: that role, its chain of managers and its subtree.
    pub focus: Option<usize>,
    /// Levels shown below the focus (or below the roots).
    pub depth: Option<usize>,
    /// Kind indexes to show; `None` for all.
    pub kinds: Option<Vec<usize>>,
    /// Draw the findings (gaps, duplicate owners, reporting cycles).
    pub findings: bool,
}

impl Options {
    pub fn new(view: View) -> Options {
        Options {
            view,
            focus: None,
            depth: None,
            kinds: None,
            findings: true,
        }
    }

    /// Resolves `--focus` and `--kinds` ids against the model.
    pub fn resolve(
        model: &Model,
        view: View,
        focus: Option<&str>,
        depth: Option<usize>,
        kinds: &[String],
    ) -> Result<Options, ExportError> {
        let focus = focus
            .map(|id| {
                model
                    .roles
                    .get_index_of(id)
                    .ok_or_else(|| ExportError::UnknownRole {
                        id: id.to_string(),
                        suggestion: crate::model::did_you_mean(
                            id,
                            model.roles.keys().map(String::as_str),
                        )
                        .map(str::to_string),
                    })
            })
            .transpose()?;
        let kinds = if kinds.is_empty() {
            None
        } else {
            let mut indexes = kinds
                .iter()
                .map(|id| {
                    model
                        .kinds
                        .get_index_of(id.as_str())
                        .ok_or_else(|| ExportError::UnknownKind {
                            id: id.clone(),
                            suggestion: crate::model::did_you_mean(
                                id,
                                model.kinds.keys().map(String::as_str),
                            )
                            .map(str::to_string),
                            known: model.kinds.keys().cloned().collect(),
                        })
                })
                .collect::<Result<Vec<_>, _>>()?;
            indexes.sort_unstable();
            indexes.dedup();
            Some(indexes)
        };
        Ok(Options {
            view,
            focus,
            depth,
            kinds,
            findings: true,
        })
    }

    fn shows_kind(&self, kind: usize) -> bool {
        self.kinds
            .as_ref()
            .is_none_or(|kinds| kinds.contains(&kind))
    }
}

/// One responsibility line of a diagram: a role's kind on one scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line {
    pub role: usize,
    pub scope: usize,
    pub kind: usize,
    pub level: Level,
    /// Part of a finding (a duplicate owner).
    pub flagged: bool,
}

/// What one role box shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoleBox {
    /// Index into the model's roles.
    pub role: usize,
    pub manager_style: bool,
    /// `Name` or `Name (3 hats)` for each person who fills the role.
    pub people: Vec<String>,
    /// People are declared and nobody fills this role.
    pub vacant: bool,
    /// Named by a drawn finding (duplicate owner, reporting cycle).
    pub flagged: bool,
    /// Index into [`Diagram::teams`].
    pub team: Option<usize>,
}

impl RoleBox {
    /// The box's text: the title, then the people who fill it.
    pub fn label(&self, model: &Model) -> String {
        let title = &model.roles[self.role].title;
        if self.vacant {
            format!("{title}\nvacant")
        } else if self.people.is_empty() {
            title.clone()
        } else {
            format!("{title}\n{}", self.people.join(", "))
        }
    }
}

/// A reporting or dotted line, from the manager to the report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reporting {
    pub manager: usize,
    pub report: usize,
    /// Part of a reporting cycle.
    pub flagged: bool,
}

/// A view of a model, filtered and with its findings attached: what every format draws.
pub struct Diagram<'m> {
    pub model: &'m Model,
    pub view: View,
    /// Visible roles, in model order.
    pub roles: Vec<RoleBox>,
    /// Position in [`Diagram::roles`] of each model role, if visible.
    pub position: Vec<Option<usize>>,
    /// Reporting lines between visible roles (empty in the responsibilities view).
    pub reporting: Vec<Reporting>,
    pub dotted: Vec<Reporting>,
    /// Scope indexes shown: all of them where responsibilities are drawn, else those with a gap.
    pub scopes: Vec<usize>,
    pub lines: Vec<Line>,
    /// Unowned required items drawn as placeholders: `(kind, scope)`.
    pub gaps: Vec<(usize, usize)>,
    /// Kinds in the legend.
    pub kinds: Vec<usize>,
    /// Team names, in order of first appearance.
    pub teams: Vec<String>,
    /// Whether people are declared (the legend then explains hats and vacancies).
    pub has_people: bool,
}

impl<'m> Diagram<'m> {
    pub fn new(model: &'m Model, findings: &[Finding], options: &Options) -> Diagram<'m> {
        let hierarchy = model.hierarchy();
        let visible = visible_roles(model, hierarchy, options);
        let findings: &[Finding] = if options.findings { findings } else { &[] };
        let view = options.view;

        let mut flagged_role = vec![false; model.roles.len()];
        let mut flagged_line = vec![false; model.roles.len()];
        let mut duplicate_owners: Vec<(usize, usize, usize)> = Vec::new();
        let mut gaps = Vec::new();
        for finding in findings {
            match finding.check {
                Check::Gap => {
                    if let (Some(kind), Some(scope)) = (finding.kind, finding.scope)
                        && options.shows_kind(kind)
                    {
                        gaps.push((kind, scope));
                    }
                }
                Check::DuplicateOwner => {
                    for &role in &finding.roles {
                        flagged_role[role] = true;
                        if let (Some(kind), Some(scope)) = (finding.kind, finding.scope) {
                            duplicate_owners.push((role, kind, scope));
                        }
                    }
                }
                Check::ReportingCycle => {
                    for &role in &finding.roles {
                        flagged_role[role] = true;
                        flagged_line[role] = true;
                    }
                }
                _ => {}
            }
        }
        gaps.sort_unstable();
        gaps.dedup();

        let lines = if view.shows_responsibilities() {
            responsibility_lines(model, &visible, options, &duplicate_owners)
        } else {
            Vec::new()
        };
        // With `--kinds`, the responsibilities view keeps only the roles that hold those kinds.
        let keep: Vec<bool> = if view == View::Responsibilities && options.kinds.is_some() {
            let mut holds = vec![false; model.roles.len()];
            for line in &lines {
                holds[line.role] = true;
            }
            holds
        } else {
            visible
        };

        let reports = &hierarchy.reports;
        let fillers = model.fillers();
        let has_people = !model.people.is_empty();
        let mut teams: IndexMap<&str, ()> = IndexMap::new();
        let mut position = vec![None; model.roles.len()];
        let mut roles = Vec::new();
        for (index, role) in model.roles.values().enumerate().filter(|(i, _)| keep[*i]) {
            position[index] = Some(roles.len());
            let team = role
                .team
                .as_deref()
                .map(|team| teams.insert_full(team, ()).0);
            roles.push(RoleBox {
                role: index,
                manager_style: match role.track {
                    Some(track) => track == Track::Manager,
                    None => !reports[index].is_empty(),
                },
                people: fillers[index]
                    .iter()
                    .map(|&person| {
                        let person = &model.people[person];
                        match hats(person) {
                            1 => person.display_name().to_string(),
                            n => format!("{} ({n} hats)", person.display_name()),
                        }
                    })
                    .collect(),
                vacant: has_people && fillers[index].is_empty(),
                flagged: flagged_role[index],
                team,
            });
        }

        let link = |report: usize, manager: usize, flagged: bool| {
            (position[report].is_some() && position[manager].is_some()).then_some(Reporting {
                manager,
                report,
                flagged,
            })
        };
        let (reporting, dotted) = if view.shows_reporting() {
            let reporting = model
                .roles
                .values()
                .enumerate()
                .filter_map(|(i, role)| link(i, role.reports_to?, flagged_line[i]))
                .collect();
            let dotted = model
                .roles
                .values()
                .enumerate()
                .flat_map(|(i, role)| {
                    role.dotted_to
                        .iter()
                        .filter_map(move |&m| link(i, m, false))
                })
                .collect();
            (reporting, dotted)
        } else {
            (Vec::new(), Vec::new())
        };

        let scopes = if view.shows_responsibilities() {
            (0..model.scopes.len()).collect()
        } else {
            let mut scopes: Vec<usize> = gaps.iter().map(|&(_, scope)| scope).collect();
            scopes.sort_unstable();
            scopes.dedup();
            scopes
        };
        let kinds = (0..model.kinds.len())
            .filter(|&kind| options.shows_kind(kind))
            .filter(|&kind| view.shows_responsibilities() || gaps.iter().any(|&(k, _)| k == kind))
            .collect();

        Diagram {
            model,
            view,
            roles,
            position,
            reporting,
            dotted,
            scopes,
            lines,
            gaps,
            kinds,
            teams: teams.into_keys().map(str::to_string).collect(),
            has_people,
        }
    }

    /// Positions in [`Diagram::roles`] of a reporting or dotted line's manager and report.
    pub fn ends(&self, line: &Reporting) -> Option<(usize, usize)> {
        Some((self.position[line.manager]?, self.position[line.report]?))
    }
}

/// The number of distinct roles a person fills.
fn hats(person: &crate::model::Person) -> usize {
    let mut roles = person.fills.clone();
    roles.sort_unstable();
    roles.dedup();
    roles.len()
}

/// Roles shown once `--focus` and `--depth` apply, by model role index.
fn visible_roles(model: &Model, hierarchy: &Hierarchy, options: &Options) -> Vec<bool> {
    let count = model.roles.len();
    if options.focus.is_none() && options.depth.is_none() {
        return vec![true; count];
    }
    let mut visible = vec![false; count];
    let starts: Vec<usize> = match options.focus {
        Some(focus) => {
            // The chain of managers up to the top; a cycle ends it where it comes back.
            let mut next = Some(focus);
            while let Some(role) = next.filter(|&r| !visible[r]) {
                visible[role] = true;
                next = model.roles[role].reports_to;
            }
            vec![focus]
        }
        // Roles in a cycle have no root above them: they start the walk too.
        None => hierarchy
            .roots
            .iter()
            .chain(hierarchy.cycles.iter().flatten())
            .copied()
            .collect(),
    };
    let limit = options.depth.unwrap_or(usize::MAX);
    let mut seen = vec![false; count];
    let mut stack: Vec<(usize, usize)> = starts.into_iter().map(|role| (role, 0)).collect();
    while let Some((role, depth)) = stack.pop() {
        if std::mem::replace(&mut seen[role], true) {
            continue;
        }
        visible[role] = true;
        if depth < limit {
            stack.extend(
                hierarchy.reports[role]
                    .iter()
                    .map(|&report| (report, depth + 1)),
            );
        }
    }
    visible
}

/// One line per responsibility on each scope it covers, for visible roles and kinds.
fn responsibility_lines(
    model: &Model,
    visible: &[bool],
    options: &Options,
    duplicate_owners: &[(usize, usize, usize)],
) -> Vec<Line> {
    let mut lines = Vec::new();
    for (index, role) in model
        .roles
        .values()
        .enumerate()
        .filter(|(i, _)| visible[*i])
    {
        let first = lines.len();
        for responsibility in &role.responsibilities {
            if !options.shows_kind(responsibility.kind) {
                continue;
            }
            for scope in model.scopes_of(responsibility) {
                let kind = responsibility.kind;
                let level = responsibility.level;
                let line = Line {
                    role: index,
                    scope,
                    kind,
                    level,
                    flagged: level == Level::Accountable
                        && duplicate_owners.contains(&(index, kind, scope)),
                };
                // An entry repeated on a role is one line in the drawing.
                if !lines[first..].contains(&line) {
                    lines.push(line);
                }
            }
        }
    }
    lines
}

/// One colour per kind, by kind index; dark enough for text on white, none of them red (the
/// colour of findings) or grey (dotted lines).
pub const KIND_COLORS: [&str; 10] = [
    "#1f6fb4", "#2e8b2e", "#7b4fb0", "#c76a00", "#8c564b", "#0f8a9d", "#b8408f", "#5b6b00",
    "#3b4cc0", "#9a7400",
];

pub fn kind_color(kind: usize) -> &'static str {
    KIND_COLORS[kind % KIND_COLORS.len()]
}

/// The colours every format shares.
pub mod palette {
    /// Findings: gaps, duplicate owners, reporting cycles.
    pub const FINDING_COLOR: &str = "#d62728";
    pub const MANAGER_FILL: &str = "#dbe7f5";
    pub const IC_FILL: &str = "#ffffff";
    pub const BORDER: &str = "#4a5560";
    pub const DOTTED_COLOR: &str = "#8c8c8c";
    pub const SCOPE_FILL: &str = "#fbf1d9";
    pub const SCOPE_BORDER: &str = "#a07d2c";
    pub const GAP_FILL: &str = "#fdecea";
    pub const TEAM_BORDER: &str = "#9aa5b1";
}

/// The placeholder text of a gap.
pub fn gap_label(model: &Model, kind: usize, scope: usize) -> String {
    format!(
        "nobody owns: {} @ {}",
        model.kinds[kind].id, model.scopes[scope].id
    )
}

/// A responsibility line's label: the kind and the RACI letter.
pub fn line_label(model: &Model, line: &Line) -> String {
    format!("{} · {}", model.kinds[line.kind].id, line.level.letter())
}

/// Renders a model in a format. PNG and PDF need Graphviz; SVG uses it with
/// [`Engine::Graphviz`] and the built-in layout with [`Engine::Builtin`].
pub fn export(
    model: &Model,
    findings: &[Finding],
    options: &Options,
    format: Format,
    engine: Engine,
) -> Result<Vec<u8>, ExportError> {
    let text = match format {
        Format::Dot => dot::render(&Diagram::new(model, findings, options)),
        Format::Svg if engine == Engine::Builtin => {
            svg::render(&Diagram::new(model, findings, options))
        }
        Format::Svg | Format::Png | Format::Pdf => {
            if engine == Engine::Builtin || !graphviz_available() {
                return Err(ExportError::NeedsGraphviz {
                    format: format.name(),
                });
            }
            return dot::run_graphviz(&Diagram::new(model, findings, options), format);
        }
        Format::Mermaid => mermaid::render(&Diagram::new(model, findings, options)),
        Format::RaciMd => raci::markdown(&raci::Matrix::new(model, options)),
        Format::RaciCsv => raci::csv(&raci::Matrix::new(model, options)),
        Format::Json => {
            // Plain data with string keys: serializing it cannot fail.
            let mut json = serde_json::to_string_pretty(&model.to_file()).unwrap_or_default();
            json.push('\n');
            json
        }
    };
    Ok(text.into_bytes())
}

/// One entry of a diagram's legend; each format draws it its own way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LegendEntry {
    Manager,
    IndividualContributor,
    ReportsTo,
    DottedLine,
    /// Hats and vacancies, when people are declared.
    People,
    Scope,
    /// A kind's colour.
    Kind(usize),
    /// What the RACI letters and line widths mean.
    Levels,
    Gap,
    /// Red lines and borders.
    Finding,
}

impl LegendEntry {
    pub fn text(self, model: &Model) -> String {
        match self {
            LegendEntry::Manager => "Manager".to_string(),
            LegendEntry::IndividualContributor => "Individual contributor".to_string(),
            LegendEntry::ReportsTo => "reports to".to_string(),
            LegendEntry::DottedLine => "dotted line".to_string(),
            LegendEntry::People => "Name (N hats): one person in N roles\nvacant: nobody fills the role".to_string(),
            LegendEntry::Scope => "Scope".to_string(),
            LegendEntry::Kind(kind) => match &model.kinds[kind].description {
                Some(description) => format!("{}: {description}", model.kinds[kind].id),
                None => model.kinds[kind].id.clone(),
            },
            LegendEntry::Levels => {
                "line label: kind · RACI level\nA accountable (bold), R responsible,\nC consulted, I informed".to_string()
            }
            LegendEntry::Gap => "nobody owns: KIND @ SCOPE".to_string(),
            LegendEntry::Finding => "red: duplicate owner or reporting cycle".to_string(),
        }
    }
}

impl Diagram<'_> {
    /// The legend: what this view draws, and only that.
    pub fn legend(&self) -> Vec<LegendEntry> {
        let mut entries = vec![LegendEntry::Manager, LegendEntry::IndividualContributor];
        if self.view.shows_reporting() {
            entries.push(LegendEntry::ReportsTo);
        }
        if !self.dotted.is_empty() {
            entries.push(LegendEntry::DottedLine);
        }
        if self.has_people {
            entries.push(LegendEntry::People);
        }
        if self.view.shows_responsibilities() || !self.gaps.is_empty() {
            entries.push(LegendEntry::Scope);
        }
        if self.view.shows_responsibilities() {
            entries.extend(self.kinds.iter().map(|&kind| LegendEntry::Kind(kind)));
            entries.push(LegendEntry::Levels);
        }
        if !self.gaps.is_empty() {
            entries.push(LegendEntry::Gap);
        }
        if self.lines.iter().any(|l| l.flagged)
            || self.reporting.iter().any(|r| r.flagged)
            || self.roles.iter().any(|r| r.flagged)
        {
            entries.push(LegendEntry::Finding);
        }
        entries
    }
}
