//! The RACI matrix: the items someone holds (and the required ones nobody owns) by the roles
//! that hold them, A/R/C/I in the cells; gaps and duplicate owners marked in words.

use super::{Reported, role_name};
use crate::check::Check;
use crate::export::raci::Matrix;
use crate::export::{Options, View};
use crate::model::{KindId, Level, ScopeId};
use maud::{Markup, html};
use std::collections::HashSet;

/// Past this many role columns the matrix is too wide to read: each item lists its holders
/// by level instead.
const MAX_COLUMNS: usize = 150;
/// Holders named per level in that list before "and N more".
const NAMED: usize = 12;

pub(super) fn section(prefix: &str, reported: &Reported) -> Markup {
    let model = reported.model;
    let matrix = Matrix::new(model, &Options::new(View::Org));
    let flagged = |check: Check| -> HashSet<(KindId, ScopeId)> {
        reported
            .findings
            .iter()
            .filter(|f| f.check == check)
            .filter_map(|f| Some((f.kind?, f.scope?)))
            .collect()
    };
    let gaps = flagged(Check::Gap);
    let duplicates = flagged(Check::DuplicateOwner);
    let rows: Vec<usize> = (0..matrix.items.len())
        .filter(|&row| {
            matrix.cells[row].iter().any(|cell| !cell.is_empty())
                || gaps.contains(&matrix.items[row])
        })
        .collect();
    let columns: Vec<usize> = (0..matrix.roles.len())
        .filter(|&c| rows.iter().any(|&row| !matrix.cells[row][c].is_empty()))
        .collect();
    let item = |row: usize| {
        let (kind, scope) = matrix.items[row];
        let name = model.item_name(kind, scope);
        html! {
            th scope="row" title=[model.kinds[kind].description.as_deref()] {
                code { (name) }
                @if gaps.contains(&(kind, scope)) { span.mark { "gap: nobody accountable" } }
                @if duplicates.contains(&(kind, scope)) { span.mark { "duplicate owners" } }
            }
        }
    };
    html! {
        section.raci-section aria-labelledby={ (prefix) "-raci" } {
            h3 id={ (prefix) "-raci" } { "RACI matrix" }
            @if rows.is_empty() {
                p { "No role holds a responsibility: this model is a plain org chart." }
            } @else if columns.len() > MAX_COLUMNS {
                p.note { (columns.len()) " roles hold responsibilities, too many for one matrix: each item lists its holders by level." }
                div.raci-wrap {
                    table.raci {
                        thead { tr { th { "item" } @for level in Level::ALL { th { (level.name()) } } } }
                        tbody {
                            @for &row in &rows {
                                tr.gap[gaps.contains(&matrix.items[row])] .dup[duplicates.contains(&matrix.items[row])] {
                                    (item(row))
                                    @for level in Level::ALL {
                                        @let holders: Vec<usize> = columns.iter().copied()
                                            .filter(|&c| matrix.cells[row][c].contains(&level)).collect();
                                        td.list {
                                            @for (i, &c) in holders.iter().take(NAMED).enumerate() {
                                                @if i > 0 { "; " }
                                                (role_name(model, matrix.roles[c]))
                                            }
                                            @if holders.len() > NAMED { " and " (holders.len() - NAMED) " more" }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            } @else {
                div.raci-wrap {
                    table.raci {
                        caption.visually-hidden { "Items by roles: A accountable, R responsible, C consulted, I informed" }
                        thead {
                            tr {
                                th { "item" }
                                @for &c in &columns {
                                    @let role = &model.roles[matrix.roles[c]];
                                    th.role scope="col" title={ (role.title) " (" (role.id) ")" } {
                                        (role.title) " " code { (role.id) }
                                    }
                                }
                            }
                        }
                        tbody {
                            @for &row in &rows {
                                @let duplicate = duplicates.contains(&matrix.items[row]);
                                tr.gap[gaps.contains(&matrix.items[row])] .dup[duplicate] {
                                    (item(row))
                                    @for &c in &columns {
                                        @let cell = &matrix.cells[row][c];
                                        @let first = cell.first().map(|l| l.letter().to_string());
                                        td class=[first.map(|f| format!("{f}{}", if duplicate && cell.contains(&Level::Accountable) { " dup" } else { "" }))] {
                                            (cell.iter().map(|l| l.letter().to_string()).collect::<Vec<_>>().join("/"))
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            p.note { "A accountable (the owner), R responsible, C consulted, I informed; A/R: owns and does it. Only items someone holds, and required items nobody owns, are listed." }
        }
    }
}
