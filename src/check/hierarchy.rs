//! Checks over the reporting tree: cycles, roots, spans, depth, tracks, idle roles, external
//! managers. Spans count seats (SPEC §4): a direct-report role counts as the people who fill
//! it, a vacant role as one. External roles are never the subject of these checks but
//! `external-manager`.

use super::{
    Check, Context, Finding, Rule, Writer, id_list, name_list, no_related, role_list, role_name,
};
use crate::model::{RoleId, Track};

/// The roles of the model that are not external, with their index.
fn modelled<'m>(cx: &'m Context) -> impl Iterator<Item = (RoleId, &'m crate::model::Role)> + 'm {
    cx.model.roles.iter().filter(|(_, role)| !role.external)
}

/// A finding of `check` about `role` alone, pointing at it; its text is the check's [`Writer`]'s.
fn about(check: Check, role: RoleId, r: &crate::model::Role) -> Finding {
    Finding::data(check, &[]).roles(vec![role]).at(Some(r.span))
}

/// "1 direct report", "12 direct reports", saying in how many roles when that differs.
fn reports_phrase(seats: usize, roles: usize) -> String {
    let plural = if seats == 1 { "" } else { "s" };
    if seats == roles {
        format!("{seats} direct report{plural}")
    } else {
        format!(
            "{seats} direct report{plural} (people filling {roles} role{})",
            if roles == 1 { "" } else { "s" }
        )
    }
}

pub(super) const REPORTING_CYCLE: Rule = Rule {
    check: Check::ReportingCycle,
    run: reporting_cycle,
    explain: r#"What it looks for: `reports_to` lines that come back to where they started:
a reports to b, b reports to c, c reports to a. The finding lists the cycle's roles in reporting
order. Dotted lines (`dotted_to`) are not reporting lines and never form a cycle.

Why it matters: a reporting chain must end at someone who decides. In a cycle, escalation never
ends, nobody is on top, and layers and spans cannot be measured (the roles of a cycle are left out
of the other hierarchy checks).

How to fix it: make one role of the cycle report outside it, or to nobody if it leads the company.

Example:
    [[role]]
    id = "vp-product"
    reports_to = "ceo"    # was: "head-of-product", which reports to vp-product
"#,
    writer: None,
};

fn reporting_cycle(cx: &Context, out: &mut Vec<Finding>) {
    let model = cx.model;
    // A long cycle is shown by its first roles; the finding's roles list all of it.
    const SHOWN: usize = 5;
    for cycle in &cx.hierarchy().cycles {
        let first = &model.roles[cycle[0]].id;
        let mut chain: Vec<String> = cycle
            .iter()
            .take(SHOWN)
            .map(|&r| role_name(model, r).to_string())
            .collect();
        if cycle.len() > SHOWN {
            chain.push(format!("... {} more", cycle.len() - SHOWN));
        }
        chain.push(format!("`{first}`"));
        let mut finding = Finding::new(
            Check::ReportingCycle,
            format!("reporting lines form a cycle: {}", chain.join(" -> ")),
            match cycle.as_slice() {
                [_] => format!("make `{first}` report to another role, or remove its `reports_to`"),
                _ => format!(
                    "make one of {} report to a role outside the cycle, or remove its `reports_to`",
                    id_list(cycle.iter().map(|&r| model.roles[r].id.as_str()))
                ),
            },
        )
        .roles(cycle.clone())
        .at(Some(model.roles[cycle[0]].span));
        for &role in &cycle[1..] {
            finding = finding.also(model.roles[role].span, "in the cycle");
        }
        out.push(finding);
    }
}

pub(super) const MULTIPLE_ROOTS: Rule = Rule {
    check: Check::MultipleRoots,
    run: multiple_roots,
    explain: r#"What it looks for: more than one role without `reports_to`.

Why it matters: an organization chart with several tops has no one who settles a conflict
between them. It is also the usual sign of a typo in a `reports_to`, or of a part of the org that
was pasted in and never attached.

How to fix it: give every role but the top one a manager.

Example:
    [[role]]
    id = "vp-marketing"
    reports_to = "ceo"
"#,
    writer: None,
};

fn multiple_roots(cx: &Context, out: &mut Vec<Finding>) {
    let model = cx.model;
    let roots: Vec<RoleId> = cx
        .hierarchy()
        .roots
        .iter()
        .copied()
        .filter(|&r| !model.roles[r].external)
        .collect();
    if roots.len() < 2 {
        return;
    }
    let first = &model.roles[roots[0]];
    out.push(
        Finding::new(
            Check::MultipleRoots,
            format!(
                "{} roles report to nobody: {}",
                roots.len(),
                role_list(model, &roots)
            ),
            format!(
                "give all but one of them a `reports_to`, e.g. `reports_to = \"{}\"`",
                first.id
            ),
        )
        .at(Some(model.roles[roots[1]].span))
        .also(first.span, "another root")
        .roles(roots),
    );
}

pub(super) const WIDE_SPAN: Rule = Rule {
    check: Check::WideSpan,
    run: wide_span,
    explain: r#"What it looks for: a role with more than `[policy] max_span` direct reports
(default 10), counted in seats: when the model declares people, a direct-report role counts as
the number of people who fill it (a vacant role counts 1); without people, each role counts 1.
Dotted lines do not count.

Why it matters: a manager with too many reports cannot coach them, review their work or notice
when two of them are doing the same job; decisions queue up.

How to fix it: add a layer of leads, split the team, or raise `max_span` if this span is a
deliberate choice (say, a team of senior individual contributors).

Example:
    [policy]
    max_span = 12
"#,
    writer: Some(WIDE_SPAN_TEXT),
};

fn wide_span(cx: &Context, out: &mut Vec<Finding>) {
    let limit = cx.model.policy.max_span;
    for (role, r) in modelled(cx) {
        if cx.hierarchy().span(role) > limit {
            out.push(about(Check::WideSpan, role, r));
        }
    }
}

const WIDE_SPAN_TEXT: Writer = Writer {
    message: |model, finding, f| {
        let role = finding.roles[0];
        let hierarchy = model.hierarchy();
        write!(
            f,
            "{} has {}, more than max_span {}",
            role_name(model, role),
            reports_phrase(hierarchy.span(role), hierarchy.reports[role].len()),
            model.policy.max_span
        )
    },
    help: |model, finding, f| {
        write!(
            f,
            "add a layer of leads under `{}`, or raise `max_span` in [policy]",
            model.roles[finding.roles[0]].id
        )
    },
    related: no_related,
};

pub(super) const NARROW_SPAN: Rule = Rule {
    check: Check::NarrowSpan,
    run: narrow_span,
    explain: r#"What it looks for: a role with exactly one direct report, counted in seats: a
manager whose one report role is filled by four engineers manages four people and is not
reported. When the model declares people, a direct-report role counts as the number of people
who fill it (a vacant role counts 1); without people, each role counts 1. Dotted lines do not
count.

Why it matters: a manager of one is a layer that mostly passes messages along; it slows decisions
and blurs who owns what between the two roles.

How to fix it: merge the two roles, have the single report move up a level, or give the manager
the team it is meant to have. Allow the check if your org uses such pairs on purpose.

Example:
    [checks]
    narrow-span = "allow"
"#,
    writer: Some(NARROW_SPAN_TEXT),
};

fn narrow_span(cx: &Context, out: &mut Vec<Finding>) {
    for (role, r) in modelled(cx) {
        // One seat: one report role, filled by one person or vacant.
        if let ([_], 1) = (
            cx.hierarchy().reports[role].as_slice(),
            cx.hierarchy().span(role),
        ) {
            out.push(about(Check::NarrowSpan, role, r));
        }
    }
}

const NARROW_SPAN_TEXT: Writer = Writer {
    message: |model, finding, f| {
        let role = finding.roles[0];
        let Some(&report) = model.hierarchy().reports[role].first() else {
            return Ok(());
        };
        write!(
            f,
            "{} has one direct report, {}: a layer that adds little",
            role_name(model, role),
            role_name(model, report)
        )
    },
    help: |model, finding, f| {
        let role = finding.roles[0];
        let Some(&report) = model.hierarchy().reports[role].first() else {
            return Ok(());
        };
        let (id, report_id) = (&model.roles[role].id, &model.roles[report].id);
        write!(
            f,
            "merge `{id}` and `{report_id}`, or have `{report_id}` report one level up"
        )
    },
    related: no_related,
};

pub(super) const DEEP_HIERARCHY: Rule = Rule {
    check: Check::DeepHierarchy,
    run: deep_hierarchy,
    explain: r#"What it looks for: a reporting chain longer than `[policy] max_depth` layers
(default 8; the top role is layer 1). One finding is reported for each role at the first layer
past the limit.

Why it matters: every layer filters what reaches the top; deep chains make the product manager's
"what" travel far before it meets the engineers who build it.

How to fix it: remove layers that only pass work along, or raise `max_depth` for a very large
company.

Example:
    [policy]
    max_depth = 10
"#,
    writer: Some(DEEP_HIERARCHY_TEXT),
};

fn deep_hierarchy(cx: &Context, out: &mut Vec<Finding>) {
    let model = cx.model;
    let limit = model.policy.max_depth;
    for (role, layer) in cx.hierarchy().layer.iter_enumerated() {
        // The first role past the limit on each chain: one finding per subtree that is too deep.
        if *layer == Some(limit + 1) && !model.roles[role].external {
            out.push(about(Check::DeepHierarchy, role, &model.roles[role]));
        }
    }
}

const DEEP_HIERARCHY_TEXT: Writer = Writer {
    message: |model, finding, f| {
        let limit = model.policy.max_depth;
        write!(
            f,
            "{} is at layer {}, deeper than max_depth {limit}",
            role_name(model, finding.roles[0]),
            limit + 1
        )
    },
    help: |_, _, f| {
        f.write_str("flatten the chain above it: remove layers that only pass work along")
    },
    related: no_related,
};

pub(super) const IC_WITH_REPORTS: Rule = Rule {
    check: Check::IcWithReports,
    run: ic_with_reports,
    explain: r#"What it looks for: a role with `track = "ic"` that has direct reports.

Why it matters: the source document draws this line itself: the Product Manager manages the
product as an individual contributor, the Engineering Manager manages people and resources. A
role that is both is usually a hidden management layer, or a track that was never updated.

How to fix it: set `track = "manager"`, or move the reports to a manager.

Example:
    [[role]]
    id = "lead-pm"
    track = "manager"
"#,
    writer: Some(IC_WITH_REPORTS_TEXT),
};

fn ic_with_reports(cx: &Context, out: &mut Vec<Finding>) {
    for (role, r) in modelled(cx) {
        if r.track == Some(Track::Ic) && !cx.hierarchy().reports[role].is_empty() {
            out.push(about(Check::IcWithReports, role, r));
        }
    }
}

const IC_WITH_REPORTS_TEXT: Writer = Writer {
    message: |model, finding, f| {
        let role = finding.roles[0];
        let hierarchy = model.hierarchy();
        write!(
            f,
            "{} is an individual contributor (track = \"ic\") but has {}",
            role_name(model, role),
            reports_phrase(hierarchy.span(role), hierarchy.reports[role].len())
        )
    },
    help: |_, _, f| f.write_str("set `track = \"manager\"`, or move its reports to a manager"),
    related: no_related,
};

pub(super) const MANAGER_WITHOUT_REPORTS: Rule = Rule {
    check: Check::ManagerWithoutReports,
    run: manager_without_reports,
    explain: r#"What it looks for: a role with `track = "manager"` that nobody reports to.

Why it matters: a manager without a team is a title, not a role; either the team is missing from
the model or the role is really an individual contributor.

How to fix it: add the team's `reports_to` lines, or set `track = "ic"`.

Example:
    [[role]]
    id = "engineer"
    reports_to = "engineering-manager"
"#,
    writer: Some(MANAGER_WITHOUT_REPORTS_TEXT),
};

fn manager_without_reports(cx: &Context, out: &mut Vec<Finding>) {
    for (role, r) in modelled(cx) {
        if r.track == Some(Track::Manager) && cx.hierarchy().reports[role].is_empty() {
            out.push(about(Check::ManagerWithoutReports, role, r));
        }
    }
}

const MANAGER_WITHOUT_REPORTS_TEXT: Writer = Writer {
    message: |model, finding, f| {
        write!(
            f,
            "{} is on the manager track but nobody reports to it",
            role_name(model, finding.roles[0])
        )
    },
    help: |_, _, f| f.write_str("set `track = \"ic\"`, or have the roles it manages report to it"),
    related: no_related,
};

pub(super) const IDLE_ROLE: Rule = Rule {
    check: Check::IdleRole,
    run: idle_role,
    explain: r#"What it looks for: a role that holds no responsibility at any RACI level and
has no direct reports. It does not run on a plain org chart (a model where no role holds any
responsibility): there every individual contributor would be idle.

Why it matters: a role is defined by what it is responsible for. One that neither holds anything
nor manages anyone is either missing from the model's RACI or missing from the organization's
purpose, and in both cases nobody can tell what it is for.

How to fix it: add what the role owns, does, or is consulted on; or remove it.

Example:
    [[role]]
    id = "business-analyst"
    title = "Business Analyst"
    responsible = ["what"]
"#,
    writer: Some(IDLE_ROLE_TEXT),
};

fn idle_role(cx: &Context, out: &mut Vec<Finding>) {
    for (role, r) in modelled(cx) {
        if r.responsibilities.is_empty() && cx.hierarchy().reports[role].is_empty() {
            out.push(about(Check::IdleRole, role, r));
        }
    }
}

const IDLE_ROLE_TEXT: Writer = Writer {
    message: |model, finding, f| {
        write!(
            f,
            "{} holds no responsibility and has no direct reports",
            role_name(model, finding.roles[0])
        )
    },
    help: |_, _, f| {
        f.write_str(
            "give it what it is accountable or responsible for (`owns`, `responsible`), or remove it",
        )
    },
    related: no_related,
};

pub(super) const EXTERNAL_MANAGER: Rule = Rule {
    check: Check::ExternalManager,
    run: external_manager,
    explain: r#"What it looks for: roles that report to an external role (`external = true`): a
role outside the modelled organization, such as a manager an HR export does not include or the
parent company's CEO. One finding per model lists the external roles with their direct reports
(counted in seats, as spans are), the most first.

Why it matters: the model's top is not where decisions end. Spans, layers and escalation above
these roles are unknown, and the reports of one external manager may be one team that the model
shows as several.

How to fix it: add the missing managers to the model (export the whole reporting line), or keep
them external on purpose and allow the check.

Example:
    [[role]]
    id = "gl-615f06"
    title = "Director, Sales"
    external = true          # not in this export; its reports are the sales team

    [checks]
    external-manager = "allow"
"#,
    writer: None,
};

fn external_manager(cx: &Context, out: &mut Vec<Finding>) {
    let model = cx.model;
    let mut managers: Vec<(RoleId, usize)> = model
        .roles
        .iter()
        .filter(|(role, r)| r.external && !cx.hierarchy().reports[*role].is_empty())
        .map(|(role, _)| (role, cx.hierarchy().span(role)))
        .collect();
    if managers.is_empty() {
        return;
    }
    // The most reports first; then file order.
    managers.sort_by_key(|&(role, span)| (std::cmp::Reverse(span), role));
    let named = name_list(managers.iter(), |&(role, span)| {
        format!("{} with {span}", role_name(model, role))
    });
    let roles: Vec<RoleId> = managers.iter().map(|&(role, _)| role).collect();
    let mut finding = Finding::new(
        Check::ExternalManager,
        match roles.len() {
            1 => format!("an external role, outside the model, has direct reports: {named}"),
            n => format!("{n} external roles, outside the model, have direct reports: {named}"),
        },
        "add the missing managers to the model, or allow `external-manager` if they are outside it on purpose",
    )
    .at(Some(model.roles[roles[0]].span));
    for &role in &roles[1..] {
        finding = finding.also(model.roles[role].span, "external");
    }
    out.push(finding.roles(roles));
}
