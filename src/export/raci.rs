//! RACI matrices: one row per `KIND@SCOPE` item, one column per role, A/R/C/I in the cells.

use super::{Options, escape};
use crate::model::{KindId, Level, Model, RoleId, ScopeId};

/// The matrix of a model, with `--focus`, `--depth` and `--kinds` applied.
pub struct Matrix<'m> {
    /// The model tabulated.
    pub model: &'m Model,
    /// The roles, in model order.
    pub roles: Vec<RoleId>,
    /// `(kind, scope)` items, kinds first.
    pub items: Vec<(KindId, ScopeId)>,
    /// `cells[item][role column]`: the levels the role holds on the item, A before R, C, I.
    pub cells: Vec<Vec<Vec<Level>>>,
}

impl<'m> Matrix<'m> {
    /// The matrix of the roles and kinds `options` keep.
    pub fn new(model: &'m Model, options: &Options) -> Matrix<'m> {
        let visible = super::diagram::visible_roles(model, model.hierarchy(), options);
        let roles: Vec<RoleId> = model.roles.ids().filter(|&r| visible[r]).collect();
        let kinds: Vec<KindId> = model
            .kinds
            .ids()
            .filter(|&kind| options.shows_kind(kind))
            .collect();
        let scopes = model.scopes.len();
        let items: Vec<(KindId, ScopeId)> = kinds
            .iter()
            .flat_map(|&kind| model.scopes.ids().map(move |scope| (kind, scope)))
            .collect();
        let row_of = |kind: KindId, scope: ScopeId| {
            kinds
                .binary_search(&kind)
                .ok()
                .map(|k| k * scopes + scope.index())
        };
        let mut cells = vec![vec![Vec::new(); roles.len()]; items.len()];
        for (column, &role) in roles.iter().enumerate() {
            for responsibility in &model.roles[role].responsibilities {
                for scope in model.scopes_of(responsibility) {
                    if let Some(row) = row_of(responsibility.kind, scope) {
                        let cell: &mut Vec<Level> = &mut cells[row][column];
                        if !cell.contains(&responsibility.level) {
                            cell.push(responsibility.level);
                            cell.sort_unstable();
                        }
                    }
                }
            }
        }
        Matrix {
            model,
            roles,
            items,
            cells,
        }
    }

    fn item(&self, row: usize) -> String {
        let (kind, scope) = self.items[row];
        self.model.item_name(kind, scope)
    }

    fn cell(&self, row: usize, column: usize) -> String {
        self.cells[row][column]
            .iter()
            .map(|level| level.letter().to_string())
            .collect::<Vec<_>>()
            .join("/")
    }
}

/// A Markdown table; role titles head the columns.
pub fn markdown(matrix: &Matrix) -> String {
    let model = matrix.model;
    let mut out = format!("# RACI: {}\n\n", escape::markdown(&model.name));
    let titles: Vec<String> = matrix
        .roles
        .iter()
        .map(|&r| escape::markdown(&model.roles[r].title))
        .collect();
    out.push_str(&format!("| item | {} |\n", titles.join(" | ")));
    out.push_str(&format!("|---|{}\n", ":-:|".repeat(matrix.roles.len())));
    for row in 0..matrix.items.len() {
        let cells: Vec<String> = (0..matrix.roles.len())
            .map(|column| matrix.cell(row, column))
            .collect();
        out.push_str(&format!(
            "| {} | {} |\n",
            escape::markdown(&matrix.item(row)),
            cells.join(" | ")
        ));
    }
    out.push_str("\nA accountable, R responsible, C consulted, I informed.\n");
    out
}

/// CSV with a header row; role ids head the columns, so that scripts can join on them.
pub fn csv(matrix: &Matrix) -> String {
    let model = matrix.model;
    let mut out = String::from("item");
    for &role in &matrix.roles {
        out.push(',');
        out.push_str(&escape::csv(&model.roles[role].id));
    }
    out.push('\n');
    for row in 0..matrix.items.len() {
        out.push_str(&escape::csv(&matrix.item(row)));
        for column in 0..matrix.roles.len() {
            out.push(',');
            out.push_str(&matrix.cell(row, column));
        }
        out.push('\n');
    }
    out
}
