//! The summary view: only the roles that changed, each listed under its manager. Graphs of
//! thousands of roles stay readable because nothing unchanged is drawn and the layout runs
//! left to right: managers in the first column, the lists of their changed reports in the
//! second, so the page grows down, not across, and every line runs between the two columns
//! (never through a label).
//!
//! With two models the roles are joined by id (as the `changes` section): one list per
//! manager, added roles green, removed red, a moved role joined to its old manager by a dashed
//! grey line. With more models, one cluster per model lists the roles not in every model.

use super::{attr, defaults, edge, label, legend, note, old_manager_line};
use crate::compare::{Comparison, RoleRow};
use crate::export::escape::dot as escape;
use crate::export::palette::{
    ADDED_FILL, BORDER, DOTTED_COLOR, DROPPED_FILL, NOTE_COLOR, PARTIAL_FILL, WHITE,
};
use crate::model::{Model, RoleId};
use graphviz_rust::dot_structures::{
    Graph, GraphAttributes, Id, Node, NodeId, Port, Stmt, Subgraph, Vertex,
};
use indexmap::IndexMap;
use std::collections::HashSet;

/// A changed role, as one line of its manager's list.
struct Entry<'m> {
    model: &'m Model,
    role: RoleId,
    fill: &'static str,
    notes: Vec<String>,
    /// With two models: the old manager of a moved role, by id.
    old_manager: Option<&'m str>,
}

/// A manager, by id, in a cluster (one per model, or one for two models joined by id).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Key<'m> {
    cluster: usize,
    manager: Option<&'m str>,
}

/// The managers in the view and the changed roles under each, in the order first met.
#[derive(Default)]
struct Lists<'m> {
    groups: IndexMap<Key<'m>, Vec<Entry<'m>>>,
    /// Where to read each manager's title: the model it is drawn from.
    models: IndexMap<Key<'m>, &'m Model>,
}

impl<'m> Lists<'m> {
    fn add(&mut self, cluster: usize, entry: Entry<'m>) {
        let model = entry.model;
        let manager = crate::compare::manager(model, entry.role);
        let key = Key { cluster, manager };
        self.models.entry(key).or_insert(model);
        self.groups.entry(key).or_default().push(entry);
    }

    /// A manager with no list of its own (the old manager of a moved role).
    fn manager(&mut self, key: Key<'m>, model: &'m Model) {
        self.models.entry(key).or_insert(model);
    }
}

pub(super) fn graph(comparison: &Comparison) -> Graph {
    let sides = &comparison.sides;
    let (lists, title, clusters) = match (&comparison.changes, sides.as_slice()) {
        (Some(_), [before, after]) => {
            let lists = two(comparison, before.model, after.model);
            let changed: usize = lists.groups.values().map(Vec::len).sum();
            let title = format!(
                "Changes from {} to {}: the {changed} roles that changed, under their managers",
                escape(&before.label),
                escape(&after.label),
            );
            (lists, title, Vec::new())
        }
        _ => {
            let labels: Vec<String> = sides.iter().map(|s| escape(&s.label)).collect();
            let title = format!(
                "Comparing {}: the roles not in every model, under their managers",
                labels.join(" · ")
            );
            (several(comparison), title, labels)
        }
    };
    let mut stmts = defaults(title, "LR");
    stmts.push(Stmt::GAttribute(GraphAttributes::Graph(vec![
        attr("ranksep", "0.8"),
        // A summary of thousands of lines: keep the router's work bounded.
        attr("searchsize", "30"),
    ])));
    let mut per_cluster: Vec<Vec<Stmt>> = vec![Vec::new(); clusters.len().max(1)];
    let mut lines = Vec::new();
    let index: IndexMap<Key, usize> = lists
        .models
        .keys()
        .enumerate()
        .map(|(i, &key)| (key, i))
        .collect();
    // Left to right, dot stacks the first nodes at the bottom: the last written is on top.
    for (i, (key, model)) in lists.models.iter().enumerate().rev() {
        per_cluster[key.cluster].push(manager_node(i, model, key.manager));
        let Some(entries) = lists.groups.get(key) else {
            continue;
        };
        per_cluster[key.cluster].push(list_node(i, entries));
        lines.push(edge(
            Vertex::N(plain(format!("m{i}"))),
            Vertex::N(plain(format!("l{i}"))),
            Vec::new(),
        ));
        for (row, entry) in entries.iter().enumerate() {
            let old = Key {
                cluster: key.cluster,
                manager: entry.old_manager,
            };
            if let (Some(_), Some(&from)) = (entry.old_manager, index.get(&old)) {
                let port = Port(Some(Id::Plain(format!("r{row}"))), Some("w".to_string()));
                lines.push(old_manager_line(
                    Vertex::N(plain(format!("m{from}"))),
                    Vertex::N(NodeId(Id::Plain(format!("l{i}")), Some(port))),
                ));
            }
        }
    }
    if clusters.is_empty() {
        stmts.extend(per_cluster.into_iter().flatten());
    } else {
        for (cluster, (name, body)) in clusters.iter().zip(per_cluster).enumerate() {
            let mut inner = vec![Stmt::GAttribute(GraphAttributes::Graph(vec![
                label(format!("<b>{name}</b>")),
                attr("style", "rounded"),
                attr("color", BORDER),
            ]))];
            inner.extend(body);
            stmts.push(Stmt::Subgraph(Subgraph {
                id: Id::Plain(format!("cluster_m{cluster}")),
                stmts: inner,
            }));
        }
    }
    stmts.extend(lines);
    let mut swatches = vec![
        (ADDED_FILL, BORDER, false, "added: not in the first model"),
        (
            DROPPED_FILL,
            BORDER,
            false,
            "removed: not in the last model",
        ),
    ];
    if comparison.changes.is_some() {
        swatches.extend([
            (WHITE, BORDER, false, "changed: manager, title or people"),
            (
                WHITE,
                DOTTED_COLOR,
                true,
                "dashed grey line: a moved role&apos;s old manager",
            ),
        ]);
    } else {
        swatches.push((PARTIAL_FILL, BORDER, false, "in some models only"));
    }
    stmts.push(legend(&swatches));
    Graph::DiGraph {
        id: Id::Plain("compare".to_string()),
        strict: false,
        stmts,
    }
}

fn plain(id: String) -> NodeId {
    NodeId(Id::Plain(id), None)
}

/// Two snapshots joined by id: every role added, removed, moved, retitled or whose people
/// changed, under its manager (the old one for a removed role).
fn two<'m>(comparison: &Comparison, before: &'m Model, after: &'m Model) -> Lists<'m> {
    let mut lists = Lists::default();
    let fillers = [before.fillers(), after.fillers()];
    let people = |model: usize, role: RoleId| -> HashSet<&str> {
        let model_ref = [before, after][model];
        fillers[model][role]
            .iter()
            .map(|&p| model_ref.people.key(p))
            .collect()
    };
    for (role, r) in after.roles.iter() {
        let Some(was) = before.roles.id_of(&r.id) else {
            lists.add(
                0,
                entry(after, role, ADDED_FILL, vec!["added".into()], None),
            );
            continue;
        };
        let mut notes = Vec::new();
        let old_manager = crate::compare::manager(before, was);
        let moved = old_manager != crate::compare::manager(after, role);
        if moved {
            notes.push(match old_manager {
                Some(m) => format!("moved from {}", title_of(before, m)),
                None => "moved: had no manager".into(),
            });
        }
        if before.roles[was].title != r.title {
            notes.push(format!("was: {}", before.roles[was].title));
        }
        let (old, new) = (people(0, was), people(1, role));
        let (came, went) = (new.difference(&old).count(), old.difference(&new).count());
        let people: Vec<String> = [(came, "joined"), (went, "left")]
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, verb)| format!("{n} {verb}"))
            .collect();
        if !people.is_empty() {
            notes.push(format!("people: {}", people.join(", ")));
        }
        if !notes.is_empty() {
            let old_manager = old_manager.filter(|_| moved);
            lists.add(0, entry(after, role, WHITE, notes, old_manager));
        }
    }
    let removed = comparison
        .changes
        .as_ref()
        .map(|c| c.roles.removed.as_slice());
    for &role in removed.unwrap_or_default() {
        lists.add(
            0,
            entry(before, role, DROPPED_FILL, vec!["removed".into()], None),
        );
    }
    // Old managers of moved roles that manage no changed role now still need a node.
    let old: Vec<&str> = lists
        .groups
        .values()
        .flatten()
        .filter_map(|e| e.old_manager)
        .collect();
    for manager in old {
        let model = if after.roles.id_of(manager).is_some() {
            after
        } else {
            before
        };
        let key = Key {
            cluster: 0,
            manager: Some(manager),
        };
        lists.manager(key, model);
    }
    lists
}

/// More than two models: per model, the roles whose row is not in every model.
fn several<'m>(comparison: &'m Comparison) -> Lists<'m> {
    let mut lists = Lists::default();
    for row in comparison.roles.iter().filter(|r| !r.in_every_model()) {
        for (side, role) in row.roles.iter().enumerate() {
            if let Some(role) = *role {
                let model = comparison.sides[side].model;
                lists.add(side, entry(model, role, presence(row), Vec::new(), None));
            }
        }
    }
    lists
}

fn presence(row: &RoleRow) -> &'static str {
    match (row.roles.first(), row.roles.last()) {
        (Some(None), Some(Some(_))) => ADDED_FILL,
        (Some(Some(_)), Some(None)) => DROPPED_FILL,
        _ => PARTIAL_FILL,
    }
}

fn entry<'m>(
    model: &'m Model,
    role: RoleId,
    fill: &'static str,
    notes: Vec<String>,
    old_manager: Option<&'m str>,
) -> Entry<'m> {
    Entry {
        model,
        role,
        fill,
        notes,
        old_manager,
    }
}

/// `Title (id)` of the role with id `id`.
fn title_of(model: &Model, id: &str) -> String {
    match model.roles.get(id) {
        Some(role) => format!("{} ({id})", role.title),
        None => id.to_string(),
    }
}

fn manager_node(index: usize, model: &Model, manager: Option<&str>) -> Stmt {
    let markup = match manager.and_then(|id| model.roles.get(id)) {
        Some(role) => format!(
            "<b>{}</b><br/><font point-size=\"9\">{}</font>",
            escape(&role.title),
            escape(&role.id)
        ),
        None => "<i>no manager</i>".to_string(),
    };
    Stmt::Node(Node::new(plain(format!("m{index}")), vec![label(markup)]))
}

/// A manager's changed reports, one row each, with a port (`r0`, `r1`, ...) for the dashed
/// line from a moved role's old manager.
fn list_node(index: usize, entries: &[Entry]) -> Stmt {
    let rows: String = entries
        .iter()
        .enumerate()
        .map(|(row, e)| {
            let role = &e.model.roles[e.role];
            let notes: String = e.notes.iter().map(|n| note(n)).collect();
            format!(
                "<tr><td port=\"r{row}\" align=\"left\" balign=\"left\" bgcolor=\"{}\"><b>{}</b> <font point-size=\"9\" color=\"{NOTE_COLOR}\">{}</font>{notes}</td></tr>",
                e.fill,
                escape(&role.title),
                escape(&role.id)
            )
        })
        .collect();
    Stmt::Node(Node::new(
        plain(format!("l{index}")),
        vec![
            attr("shape", "plain"),
            attr("style", ""),
            label(format!(
                "<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" cellpadding=\"4\" color=\"{BORDER}\">{rows}</table>"
            )),
        ],
    ))
}
