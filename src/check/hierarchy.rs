//! Checks over the reporting tree: cycles, roots, spans, depth, tracks, idle roles.

use super::{Check, Context, Finding, id_list};
use crate::model::Track;

pub(crate) fn reporting_cycle(cx: &Context, out: &mut Vec<Finding>) {
    let model = cx.model;
    for cycle in &cx.hierarchy.cycles {
        let ids: Vec<&str> = cycle.iter().map(|&r| model.roles[r].id.as_str()).collect();
        let chain = ids
            .iter()
            .chain(ids.first())
            .copied()
            .collect::<Vec<_>>()
            .join(" -> ");
        let mut finding = Finding::new(
            Check::ReportingCycle,
            format!("reporting lines form a cycle: {chain}"),
            match ids.as_slice() {
                [one] => format!("make `{one}` report to another role, or remove its `reports_to`"),
                _ => format!(
                    "make one of {} report to a role outside the cycle, or remove its `reports_to`",
                    id_list(ids.iter().copied())
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

pub(crate) fn multiple_roots(cx: &Context, out: &mut Vec<Finding>) {
    let model = cx.model;
    let roots = &cx.hierarchy.roots;
    if roots.len() < 2 {
        return;
    }
    let names = id_list(roots.iter().map(|&r| model.roles[r].id.as_str()));
    let first = &model.roles[roots[0]];
    out.push(
        Finding::new(
            Check::MultipleRoots,
            format!("{} roles report to nobody: {names}", roots.len()),
            format!(
                "give all but one of them a `reports_to`, e.g. `reports_to = \"{}\"`",
                first.id
            ),
        )
        .roles(roots.clone())
        .at(Some(model.roles[roots[1]].span))
        .also(first.span, "another root"),
    );
}

pub(crate) fn wide_span(cx: &Context, out: &mut Vec<Finding>) {
    let model = cx.model;
    let limit = model.policy.max_span;
    for (role, reports) in cx.hierarchy.reports.iter().enumerate() {
        if reports.len() > limit {
            let id = &model.roles[role].id;
            out.push(
                Finding::new(
                    Check::WideSpan,
                    format!(
                        "`{id}` has {} direct reports, more than max_span {limit}",
                        reports.len()
                    ),
                    format!("add a layer of leads under `{id}`, or raise `max_span` in [policy]"),
                )
                .roles(vec![role])
                .at(Some(model.roles[role].span)),
            );
        }
    }
}

pub(crate) fn narrow_span(cx: &Context, out: &mut Vec<Finding>) {
    let model = cx.model;
    for (role, reports) in cx.hierarchy.reports.iter().enumerate() {
        if let [report] = reports.as_slice() {
            let id = &model.roles[role].id;
            let report = &model.roles[*report].id;
            out.push(
                Finding::new(
                    Check::NarrowSpan,
                    format!("`{id}` has one direct report, `{report}`: a layer that adds little"),
                    format!("merge `{id}` and `{report}`, or have `{report}` report one level up"),
                )
                .roles(vec![role])
                .at(Some(model.roles[role].span)),
            );
        }
    }
}

pub(crate) fn deep_hierarchy(cx: &Context, out: &mut Vec<Finding>) {
    let model = cx.model;
    let limit = model.policy.max_depth;
    for (role, layer) in cx.hierarchy.layer.iter().enumerate() {
        // The first role past the limit on each chain: one finding per subtree that is too deep.
        if *layer == Some(limit + 1) {
            let id = &model.roles[role].id;
            out.push(
                Finding::new(
                    Check::DeepHierarchy,
                    format!(
                        "`{id}` is at layer {}, deeper than max_depth {limit}",
                        limit + 1
                    ),
                    "flatten the chain above it: remove layers that only pass work along".into(),
                )
                .roles(vec![role])
                .at(Some(model.roles[role].span)),
            );
        }
    }
}

pub(crate) fn ic_with_reports(cx: &Context, out: &mut Vec<Finding>) {
    let model = cx.model;
    for (index, role) in model.roles.values().enumerate() {
        let reports = cx.hierarchy.reports[index].len();
        if role.track == Some(Track::Ic) && reports > 0 {
            out.push(
                Finding::new(
                    Check::IcWithReports,
                    format!(
                        "`{}` is an individual contributor (track = \"ic\") but has {reports} direct report{}",
                        role.id,
                        if reports == 1 { "" } else { "s" }
                    ),
                    "set `track = \"manager\"`, or move its reports to a manager".into(),
                )
                .roles(vec![index])
                .at(Some(role.span)),
            );
        }
    }
}

pub(crate) fn manager_without_reports(cx: &Context, out: &mut Vec<Finding>) {
    let model = cx.model;
    for (index, role) in model.roles.values().enumerate() {
        if role.track == Some(Track::Manager) && cx.hierarchy.reports[index].is_empty() {
            out.push(
                Finding::new(
                    Check::ManagerWithoutReports,
                    format!(
                        "`{}` is on the manager track but nobody reports to it",
                        role.id
                    ),
                    "set `track = \"ic\"`, or have the roles it manages report to it".into(),
                )
                .roles(vec![index])
                .at(Some(role.span)),
            );
        }
    }
}

pub(crate) fn idle_role(cx: &Context, out: &mut Vec<Finding>) {
    let model = cx.model;
    for (index, role) in model.roles.values().enumerate() {
        if role.responsibilities.is_empty() && cx.hierarchy.reports[index].is_empty() {
            out.push(
                Finding::new(
                    Check::IdleRole,
                    format!("`{}` holds no responsibility and has no direct reports", role.id),
                    "give it what it is accountable or responsible for (`owns`, `responsible`), or remove it".into(),
                )
                .roles(vec![index])
                .at(Some(role.span)),
            );
        }
    }
}
