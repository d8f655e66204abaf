//! `orgraph report`: one self-contained HTML page for one or more models (SPEC section 8).
//!
//! For each model: its size and shape, its findings (counts, a filterable table, each check's
//! explanation), the org chart from the built-in layout ([`crate::export::layout`], the one
//! `export` draws with) with pan, zoom, collapse and search, and the RACI matrix; for several
//! models, the comparison. The page needs nothing but itself: its style and script are inline,
//! it uses the system's fonts, and its Content-Security-Policy lets no request leave it and no
//! script run but its own.
//!
//! Templates are [maud](https://maud.lambda.xyz/): every interpolated string is HTML-escaped
//! unless wrapped in `PreEscaped`, which only the page's own assets and the escaped chart JSON use.

mod changes;
mod chart;
mod compare;
mod embed;
mod findings;
mod overview;
mod raci;

use crate::check::{self, CheckOptions, Finding};
use crate::compare::{CompareError, Comparison};
use crate::model::{Canon, Model, RoleId};
use maud::{DOCTYPE, Markup, PreEscaped, html};

const STYLE: &str = include_str!("report.css");
const SCRIPT: &str = include_str!("report.js");

/// One model of a report, with its findings at the levels its `[checks]` sets.
pub struct Reported<'m> {
    /// The model.
    pub model: &'m Model,
    /// Its findings, sorted as the checks return them.
    pub findings: &'m [Finding],
}

/// The report of `models`, in the order given: checks run at their default levels and each
/// model's `[checks]`; with two or more models, the comparison too.
pub fn report(models: &[Model], canon: &Canon) -> Result<String, CompareError> {
    if models.len() < 2 {
        let findings: Vec<Vec<Finding>> = models
            .iter()
            .map(|model| {
                let options = CheckOptions {
                    canon: canon.clone(),
                    ..CheckOptions::default()
                };
                check::check(model, &options).findings
            })
            .collect();
        let reported: Vec<Reported> = models
            .iter()
            .zip(&findings)
            .map(|(model, findings)| Reported { model, findings })
            .collect();
        return Ok(page(&reported, None));
    }
    let comparison = crate::compare::compare(models, canon)?;
    let reported: Vec<Reported> = comparison
        .sides
        .iter()
        .map(|side| Reported {
            model: side.model,
            findings: &side.findings,
        })
        .collect();
    Ok(page(&reported, Some(&comparison)))
}

/// The whole page.
pub fn page(models: &[Reported], comparison: Option<&Comparison>) -> String {
    let title = match models {
        [one] => format!("{}: orgraph report", one.model.name),
        _ => format!("{} models: orgraph report", models.len()),
    };
    let files: Vec<&str> = models.iter().map(|r| r.model.path()).collect();
    let policy = embed::content_security_policy(STYLE, SCRIPT);
    let markup = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy" content=(policy);
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content=(concat!("orgraph ", env!("CARGO_PKG_VERSION")));
                title { (title) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                header.page {
                    h1 { (title) }
                    p { "From " (files.join(", ")) ". Made by orgraph; works offline." }
                    nav.toc aria-label="Contents" {
                        ol {
                            @for (m, reported) in models.iter().enumerate() {
                                li { a href={ "#m" (m) } { (reported.model.name) } }
                            }
                            @if comparison.is_some() {
                                li { a href="#comparison" { "Comparison" } }
                            }
                            @if comparison.is_some_and(|c| c.changes.is_some()) {
                                li { a href="#changes" { "Changes" } }
                            }
                        }
                    }
                }
                main {
                    @for (m, reported) in models.iter().enumerate() {
                        (model_section(m, reported))
                    }
                    @if let Some(comparison) = comparison {
                        (compare::section(comparison))
                    }
                }
                script { (PreEscaped(SCRIPT)) }
            }
        }
    };
    markup.into_string()
}

/// Everything about one model; element ids start with `m<index>-`.
fn model_section(m: usize, reported: &Reported) -> Markup {
    let model = reported.model;
    let prefix = format!("m{m}");
    let chart = chart::Chart::new(reported);
    html! {
        section.model id=(prefix) aria-labelledby={ (prefix) "-name" } {
            h2 id={ (prefix) "-name" } { (model.name) }
            @if let Some(description) = &model.description {
                p.lead { (description) }
            }
            p.file { "File: " code { (model.path()) } }
            (overview::section(&prefix, model))
            (findings::section(&prefix, reported, &chart))
            (chart::section(&prefix, reported, &chart))
            (raci::section(&prefix, reported))
        }
    }
}

/// A role as the report names it everywhere: its title, then its id.
fn role_name(model: &Model, role: RoleId) -> Markup {
    let role = &model.roles[role];
    html! { span.role-name { (role.title) " " code { (role.id) } } }
}
