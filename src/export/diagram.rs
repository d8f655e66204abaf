//! The view model every format draws: a [`Diagram`] is what a view shows of a model once
//! `--focus`, `--depth` and `--kinds` apply, with the findings to highlight.

use super::{Options, View};
use crate::check::{Check, Finding};
use crate::model::{Hierarchy, IdVec, KindId, Level, Model, RoleId, ScopeId, Track};
use indexmap::IndexMap;
use rustc_hash::FxBuildHasher;
use std::borrow::Cow;
use std::fmt::Write;

/// One responsibility line of a diagram: a role's kind on one scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line {
    /// The role holding it.
    pub role: RoleId,
    /// The scope.
    pub scope: ScopeId,
    /// The kind.
    pub kind: KindId,
    /// The RACI level the role holds the item at.
    pub level: Level,
    /// Part of a finding (a duplicate owner).
    pub flagged: bool,
}

/// What one role box shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoleBox {
    /// The model's role.
    pub role: RoleId,
    /// Drawn as a manager: `track = "manager"`, or no track and direct reports.
    pub manager_style: bool,
    /// `Name` or `Name (3 hats)` for each person who fills the role.
    pub people: Vec<String>,
    /// People are declared and nobody fills this role.
    pub vacant: bool,
    /// Named by a drawn finding (duplicate owner, reporting cycle).
    pub flagged: bool,
    /// Index into [`Diagram::teams`].
    pub team: Option<usize>,
    /// Roles below this one that `--depth` cut (drawn as "+N"); 0 when none.
    pub cut: usize,
    /// Its dotted-line managers, drawn as a note in the box rather than as lines across the
    /// chart.
    pub dotted: Vec<RoleId>,
}

/// The most characters of a title, a name list or a note drawn in a box: longer text is
/// shortened with an ellipsis, and the tooltip keeps it whole.
pub const MAX_TEXT: usize = 120;
/// The most people named in a box; the rest are counted.
const MAX_PEOPLE: usize = 6;

/// `text`, shortened to [`MAX_TEXT`] characters with an ellipsis.
pub fn shorten(text: &str) -> Cow<'_, str> {
    // No more bytes than that is no more characters: most text is not counted.
    if text.len() <= MAX_TEXT || text.chars().count() <= MAX_TEXT {
        Cow::Borrowed(text)
    } else {
        let kept: String = text.chars().take(MAX_TEXT - 1).collect();
        Cow::Owned(format!("{}…", kept.trim_end()))
    }
}

impl RoleBox {
    /// The title as drawn ([`shorten`]ed).
    pub fn title<'m>(&self, model: &'m Model) -> Cow<'m, str> {
        shorten(&model.roles[self.role].title)
    }

    /// Who fills the role (at most six named), or "vacant"; `None` without people.
    pub fn people_line(&self) -> Option<String> {
        self.people_text().map(Cow::into_owned)
    }

    /// [`RoleBox::people_line`], borrowed where it can be (one person, or vacant): a large
    /// chart's boxes have one person each.
    pub(super) fn people_text(&self) -> Option<Cow<'_, str>> {
        if self.vacant {
            return Some(Cow::Borrowed("vacant"));
        }
        let (named, rest) = self.people.split_at(self.people.len().min(MAX_PEOPLE));
        match (named, rest.len()) {
            ([], _) => None,
            ([one], 0) => Some(shorten(one)),
            (_, 0) => Some(Cow::Owned(shorten(&named.join(", ")).into_owned())),
            (_, more) => Some(Cow::Owned(
                shorten(&format!("{} and {more} more", named.join(", "))).into_owned(),
            )),
        }
    }

    /// "dotted line: TITLE, TITLE" for its dotted-line managers, if any.
    pub fn dotted_line(&self, model: &Model) -> Option<String> {
        (!self.dotted.is_empty()).then(|| {
            let titles: Vec<&str> = self
                .dotted
                .iter()
                .map(|&m| model.roles[m].title.as_str())
                .collect();
            shorten(&format!("dotted line: {}", titles.join(", "))).into_owned()
        })
    }

    /// "+N" when `--depth` cut N roles below it.
    pub fn cut_line(&self) -> Option<String> {
        (self.cut > 0).then(|| format!("+{}", self.cut))
    }

    /// The box's text: the title, then the people who fill it, then "+N" when `--depth` cut
    /// roles below it.
    pub fn label(&self, model: &Model) -> String {
        let mut label = self.title(model).into_owned();
        for line in [self.people_line(), self.cut_line()].into_iter().flatten() {
            label.push('\n');
            label.push_str(&line);
        }
        label
    }

    /// A tooltip: the whole title, what the box shortens, and what "+N" means.
    pub fn tooltip(&self, model: &Model) -> String {
        let mut tip = String::new();
        self.push_tooltip(model, &mut tip);
        tip
    }

    /// [`RoleBox::tooltip`], added to `tip`.
    pub fn push_tooltip(&self, model: &Model, tip: &mut String) {
        let role = &model.roles[self.role];
        // Piece by piece, not through `fmt`: a large chart has a tooltip per box.
        for piece in [&role.title, " (", &role.id, ")"] {
            tip.push_str(piece);
        }
        if let Some(description) = &role.description {
            tip.push_str(": ");
            tip.push_str(description);
        }
        if let Some(team) = &role.team {
            tip.push_str("\nteam: ");
            tip.push_str(team);
        }
        if self.people.len() > MAX_PEOPLE {
            let _ = write!(tip, "\nfilled by {}", self.people.join(", "));
        }
        if self.cut > 0 {
            let _ = write!(tip, "\n{} roles below, not drawn (--depth)", self.cut);
        }
    }
}

/// A reporting or dotted line, from the manager to the report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reporting {
    /// The manager.
    pub manager: RoleId,
    /// The report.
    pub report: RoleId,
    /// Part of a reporting cycle.
    pub flagged: bool,
}

/// A view of a model, filtered and with its findings attached: what every format draws.
pub struct Diagram<'m> {
    /// The model drawn.
    pub model: &'m Model,
    /// What the diagram shows.
    pub view: View,
    /// Visible roles, in model order.
    pub roles: Vec<RoleBox>,
    /// Position in [`Diagram::roles`] of each model role, if visible.
    pub position: IdVec<RoleId, Option<usize>>,
    /// Reporting lines between visible roles (empty in the responsibilities view).
    pub reporting: Vec<Reporting>,
    /// Dotted lines between visible roles (empty in the responsibilities view).
    pub dotted: Vec<Reporting>,
    /// Scopes shown: all of them where responsibilities are drawn, else those with a gap.
    pub scopes: Vec<ScopeId>,
    /// Responsibility lines of visible roles and shown kinds (empty in the org view).
    pub lines: Vec<Line>,
    /// Unowned required items drawn as placeholders: `(kind, scope)`.
    pub gaps: Vec<(KindId, ScopeId)>,
    /// Kinds in the legend.
    pub kinds: Vec<KindId>,
    /// Team names, in order of first appearance.
    pub teams: Vec<String>,
    /// Whether people are declared (the legend then explains hats and vacancies).
    pub has_people: bool,
}

impl<'m> Diagram<'m> {
    /// The view `options` asks for, with `findings` drawn unless `options.findings` is off.
    pub fn new(model: &'m Model, findings: &[Finding], options: &Options) -> Diagram<'m> {
        let mut diagram = Diagram::unmarked(model, options);
        diagram.mark(findings, options);
        diagram
    }

    /// The view without what findings mark: nothing flagged, no gaps, and so none of the
    /// scopes and kinds that only gaps show. [`Diagram::mark`] adds them; the boxes are made
    /// while the checks run.
    pub(super) fn unmarked(model: &'m Model, options: &Options) -> Diagram<'m> {
        let view = options.view;
        let visible = visible_roles(model, model.hierarchy(), options);
        let lines = if view.shows_responsibilities() {
            responsibility_lines(model, &visible, options)
        } else {
            Vec::new()
        };
        // With `--kinds`, the responsibilities view keeps only the roles that hold those kinds.
        let keep: IdVec<RoleId, bool> = if view == View::Responsibilities && options.kinds.is_some()
        {
            let mut holds = IdVec::filled(false, model.roles.len());
            for line in &lines {
                holds[line.role] = true;
            }
            holds
        } else {
            visible
        };
        let (mut roles, position, teams) = role_boxes(model, &keep);
        let hierarchy = model.hierarchy();
        for role in &mut roles {
            let reports = &hierarchy.reports[role.role];
            // Every report hidden: `--depth` cut here (the focus hides only siblings).
            if options.depth.is_some()
                && !reports.is_empty()
                && reports.iter().all(|&r| position[r].is_none())
            {
                role.cut = hierarchy.subtree[role.role]
                    .saturating_sub(1)
                    .max(reports.len());
            }
            if !view.shows_reporting() {
                role.dotted.clear();
            }
        }
        let (reporting, dotted) = if view.shows_reporting() {
            reporting_lines(model, &position)
        } else {
            (Vec::new(), Vec::new())
        };
        Diagram {
            model,
            view,
            roles,
            position,
            reporting,
            dotted,
            scopes: Vec::new(),
            lines,
            gaps: Vec::new(),
            kinds: Vec::new(),
            teams,
            has_people: !model.people.is_empty(),
        }
    }

    /// Marks what `findings` name (unless `options.findings` is off), and shows the scopes and
    /// kinds that follow from the gaps.
    pub(super) fn mark(&mut self, findings: &[Finding], options: &Options) {
        let findings: &[Finding] = if options.findings { findings } else { &[] };
        let marks = Marks::new(self.model, findings, options);
        for role in &mut self.roles {
            role.flagged = marks.flagged_role[role.role];
        }
        for line in &mut self.reporting {
            line.flagged = marks.flagged_line[line.report];
        }
        for line in &mut self.lines {
            line.flagged = line.level == Level::Accountable
                && marks
                    .duplicate_owners
                    .binary_search(&(line.role, line.kind, line.scope))
                    .is_ok();
        }
        let view = self.view;
        let gaps = marks.gaps;
        self.scopes = if view.shows_responsibilities() {
            self.model.scopes.ids().collect()
        } else {
            let mut scopes: Vec<ScopeId> = gaps.iter().map(|&(_, scope)| scope).collect();
            scopes.sort_unstable();
            scopes.dedup();
            scopes
        };
        self.kinds = self
            .model
            .kinds
            .ids()
            .filter(|&kind| options.shows_kind(kind))
            .filter(|&kind| view.shows_responsibilities() || gaps.iter().any(|&(k, _)| k == kind))
            .collect();
        self.gaps = gaps;
    }

    /// Positions in [`Diagram::roles`] of a reporting or dotted line's manager and report.
    pub fn ends(&self, line: &Reporting) -> Option<(usize, usize)> {
        Some((self.position[line.manager]?, self.position[line.report]?))
    }
}

/// The checks whose findings a diagram draws; an export runs only these.
pub const DRAWN_CHECKS: [Check; 3] = [Check::Gap, Check::DuplicateOwner, Check::ReportingCycle];

/// What the drawn findings ([`DRAWN_CHECKS`]) mark, by model index.
struct Marks {
    /// Roles named by a duplicate owner or a reporting cycle.
    flagged_role: IdVec<RoleId, bool>,
    /// Roles whose reporting line is part of a cycle.
    flagged_line: IdVec<RoleId, bool>,
    /// `(role, kind, scope)` of each duplicate owner, sorted.
    duplicate_owners: Vec<(RoleId, KindId, ScopeId)>,
    /// Unowned required items of the shown kinds, `(kind, scope)`, sorted.
    gaps: Vec<(KindId, ScopeId)>,
}

impl Marks {
    fn new(model: &Model, findings: &[Finding], options: &Options) -> Marks {
        let mut marks = Marks {
            flagged_role: IdVec::filled(false, model.roles.len()),
            flagged_line: IdVec::filled(false, model.roles.len()),
            duplicate_owners: Vec::new(),
            gaps: Vec::new(),
        };
        for finding in findings {
            match finding.check {
                Check::Gap => {
                    if let (Some(kind), Some(scope)) = (finding.kind, finding.scope)
                        && options.shows_kind(kind)
                    {
                        marks.gaps.push((kind, scope));
                    }
                }
                Check::DuplicateOwner => {
                    for &role in &finding.roles {
                        marks.flagged_role[role] = true;
                        if let (Some(kind), Some(scope)) = (finding.kind, finding.scope) {
                            marks.duplicate_owners.push((role, kind, scope));
                        }
                    }
                }
                Check::ReportingCycle => {
                    for &role in &finding.roles {
                        marks.flagged_role[role] = true;
                        marks.flagged_line[role] = true;
                    }
                }
                _ => {}
            }
        }
        marks.gaps.sort_unstable();
        marks.gaps.dedup();
        marks.duplicate_owners.sort_unstable();
        marks
    }
}

/// The boxes of the kept roles in model order, each model role's position among them, and the
/// team names in order of first appearance.
fn role_boxes(
    model: &Model,
    keep: &IdVec<RoleId, bool>,
) -> (Vec<RoleBox>, IdVec<RoleId, Option<usize>>, Vec<String>) {
    let reports = &model.hierarchy().reports;
    let fillers = model.fillers();
    let has_people = !model.people.is_empty();
    let mut teams: IndexMap<&str, (), FxBuildHasher> = IndexMap::default();
    let mut position = IdVec::filled(None, model.roles.len());
    // Sized up front: grown box by box, a large chart's boxes were copied and their memory
    // zeroed again at every doubling.
    let mut roles = Vec::with_capacity(keep.iter().filter(|&&kept| kept).count());
    for (index, role) in model.roles.iter().filter(|(i, _)| keep[*i]) {
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
            flagged: false,
            team,
            cut: 0,
            dotted: role.dotted_to.clone(),
        });
    }
    let teams = teams.into_keys().map(str::to_string).collect();
    (roles, position, teams)
}

/// Reporting and dotted lines between shown roles, in model order.
fn reporting_lines(
    model: &Model,
    position: &IdVec<RoleId, Option<usize>>,
) -> (Vec<Reporting>, Vec<Reporting>) {
    let link = |report: RoleId, manager: RoleId| {
        (position[report].is_some() && position[manager].is_some()).then_some(Reporting {
            manager,
            report,
            flagged: false,
        })
    };
    // At most a line a role: sized once rather than grown and copied.
    let mut reporting = Vec::with_capacity(model.roles.len());
    reporting.extend(
        model
            .roles
            .iter()
            .filter_map(|(i, role)| link(i, role.reports_to?)),
    );
    let dotted = model
        .roles
        .iter()
        .flat_map(|(i, role)| role.dotted_to.iter().filter_map(move |&m| link(i, m)))
        .collect();
    (reporting, dotted)
}

/// The number of distinct roles a person fills.
fn hats(person: &crate::model::Person) -> usize {
    // Most people fill one role: no copy to sort for them.
    if person.fills.len() < 2 {
        return person.fills.len();
    }
    let mut roles = person.fills.clone();
    roles.sort_unstable();
    roles.dedup();
    roles.len()
}

/// Roles shown once `--focus` and `--depth` apply, by model role index.
pub(super) fn visible_roles(
    model: &Model,
    hierarchy: &Hierarchy,
    options: &Options,
) -> IdVec<RoleId, bool> {
    let count = model.roles.len();
    if options.focus.is_empty() && options.depth.is_none() {
        return IdVec::filled(true, count);
    }
    let mut visible = IdVec::filled(false, count);
    let starts: Vec<RoleId> = if options.focus.is_empty() {
        // Roles in a cycle have no root above them: they start the walk too.
        hierarchy
            .roots
            .iter()
            .chain(hierarchy.cycles.iter().flatten())
            .copied()
            .collect()
    } else {
        for &focus in &options.focus {
            // The chain of managers up to the top; a cycle ends it where it comes back.
            let mut next = Some(focus);
            while let Some(role) = next.filter(|&r| !visible[r]) {
                visible[role] = true;
                next = model.roles[role].reports_to;
            }
        }
        options.focus.clone()
    };
    // Breadth first from every start at once, so that a role is cut at its depth below the
    // nearest start (a team's roles may be under one another).
    let limit = options.depth.unwrap_or(usize::MAX);
    let mut seen = IdVec::filled(false, count);
    let mut queue: std::collections::VecDeque<(RoleId, usize)> =
        starts.into_iter().map(|role| (role, 0)).collect();
    while let Some((role, depth)) = queue.pop_front() {
        if std::mem::replace(&mut seen[role], true) {
            continue;
        }
        visible[role] = true;
        if depth < limit {
            queue.extend(
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
    visible: &IdVec<RoleId, bool>,
    options: &Options,
) -> Vec<Line> {
    let mut lines = Vec::new();
    for (index, role) in model.roles.iter().filter(|(i, _)| visible[*i]) {
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
                    flagged: false,
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

/// The placeholder text of a gap.
pub fn gap_label(model: &Model, kind: KindId, scope: ScopeId) -> String {
    format!(
        "nobody owns: {} @ {}",
        model.kinds[kind].id, model.scopes[scope].id
    )
}

/// A responsibility line's label: the kind and the RACI letter.
pub fn line_label(model: &Model, line: &Line) -> String {
    format!("{} · {}", model.kinds[line.kind].id, line.level.letter())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled_by(people: &[&str], vacant: bool) -> RoleBox {
        RoleBox {
            role: RoleId::new(0),
            manager_style: false,
            people: people.iter().map(|name| name.to_string()).collect(),
            vacant,
            flagged: false,
            team: None,
            cut: 0,
            dotted: Vec::new(),
        }
    }

    /// One person or a vacancy is borrowed; several are joined, past six counted; long text
    /// is shortened.
    #[test]
    fn the_people_line_names_six_and_counts_the_rest() {
        let line = |people: &[&str], vacant| filled_by(people, vacant).people_line();
        assert_eq!(line(&[], true).as_deref(), Some("vacant"));
        assert_eq!(line(&[], false), None);
        assert!(matches!(
            filled_by(&["Ada"], false).people_text(),
            Some(Cow::Borrowed("Ada"))
        ));
        assert_eq!(
            line(&["Ada", "Bo (2 hats)"], false).as_deref(),
            Some("Ada, Bo (2 hats)")
        );
        let eight = ["a", "b", "c", "d", "e", "f", "g", "h"];
        assert_eq!(
            line(&eight, false).as_deref(),
            Some("a, b, c, d, e, f and 2 more")
        );
        let long = "x".repeat(200);
        let shortened = line(&[long.as_str()], false).expect("a line");
        assert_eq!(shortened.chars().count(), MAX_TEXT);
        assert!(shortened.ends_with('…'));
    }
}
