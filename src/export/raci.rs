//! RACI matrices: one row per `KIND@SCOPE` item, one column per role, A/R/C/I in the cells.
//! The tables show only what someone holds: the items held and the roles holding them.

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

    /// The rows someone holds and the columns of the roles holding them: what a table shows.
    pub fn held(&self) -> (Vec<usize>, Vec<usize>) {
        let rows: Vec<usize> = (0..self.items.len())
            .filter(|&row| self.cells[row].iter().any(|cell| !cell.is_empty()))
            .collect();
        let columns = (0..self.roles.len())
            .filter(|&column| rows.iter().any(|&row| !self.cells[row][column].is_empty()))
            .collect();
        (rows, columns)
    }

    /// An item's name: `KIND@SCOPE`, or just `KIND` in a model of one scope.
    fn item(&self, row: usize) -> String {
        let (kind, scope) = self.items[row];
        if self.model.scopes.len() == 1 {
            self.model.kinds[kind].id.clone()
        } else {
            self.model.item_name(kind, scope)
        }
    }

    /// Each column's header: the role's title, with its id where another shown role has the
    /// same title.
    fn headers(&self, columns: &[usize]) -> Vec<String> {
        let title = |column: usize| self.model.roles[self.roles[column]].title.as_str();
        let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for &column in columns {
            *seen.entry(title(column)).or_default() += 1;
        }
        columns
            .iter()
            .map(|&column| {
                let role = &self.model.roles[self.roles[column]];
                if seen[title(column)] > 1 {
                    format!("{} ({})", role.title, role.id)
                } else {
                    role.title.clone()
                }
            })
            .collect()
    }

    fn cell(&self, row: usize, column: usize) -> String {
        self.cells[row][column]
            .iter()
            .map(|level| level.letter().to_string())
            .collect::<Vec<_>>()
            .join("/")
    }
}

/// A Markdown table of the items someone holds; the titles of the roles holding them head the
/// columns.
pub fn markdown(matrix: &Matrix) -> String {
    let model = matrix.model;
    let (rows, columns) = matrix.held();
    let mut out = format!("# RACI: {}\n\n", escape::markdown(&model.name));
    let headers: Vec<String> = matrix
        .headers(&columns)
        .iter()
        .map(|header| escape::markdown(header))
        .collect();
    out.push_str(&format!("| item | {} |\n", headers.join(" | ")));
    out.push_str(&format!("|---|{}\n", ":-:|".repeat(columns.len())));
    for &row in &rows {
        let cells: Vec<String> = columns
            .iter()
            .map(|&column| matrix.cell(row, column))
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

/// CSV with a header row, the same table as [`markdown`].
pub fn csv(matrix: &Matrix) -> String {
    let (rows, columns) = matrix.held();
    let mut out = String::from("item");
    for header in matrix.headers(&columns) {
        out.push(',');
        out.push_str(&escape::csv(&header));
    }
    out.push('\n');
    for &row in &rows {
        out.push_str(&escape::csv(&matrix.item(row)));
        for &column in &columns {
            out.push(',');
            out.push_str(&matrix.cell(row, column));
        }
        out.push('\n');
    }
    out
}
