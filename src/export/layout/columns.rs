//! The responsibilities view: roles in a column, grouped in team frames, and the scopes in a
//! column beside them, with room between for the lines' labels.

use super::metrics::box_size;
use super::{
    LABEL_STEP, Placement, Rect, TeamFrame, Text, lines_per_role, place_gaps, role_lines, scope_box,
};
use crate::export::Diagram;

/// From the roles' column to the scopes': room for the lines and their labels.
const SCOPE_DISTANCE: f64 = 420.0;

pub(super) fn column_layout(diagram: &Diagram, x0: f64, y0: f64) -> Placement {
    let role_lines = role_lines(diagram);
    let sizes: Vec<(f64, f64)> = role_lines.iter().map(|l| box_size(l)).collect();
    let column_width = sizes.iter().map(|s| s.0).fold(60.0, f64::max);
    let count = lines_per_role(diagram);
    let x = x0 + 12.0 + column_width / 2.0;
    let mut roles = vec![Rect::default(); diagram.roles.len()];
    let mut teams = Vec::new();
    let mut y = y0;
    // Teams in order of first appearance, then roles without a team.
    let groups = (0..diagram.teams.len()).map(Some).chain([None]);
    for team in groups {
        let members: Vec<usize> = (0..diagram.roles.len())
            .filter(|&p| diagram.roles[p].team == team)
            .collect();
        if members.is_empty() {
            continue;
        }
        let top = y;
        if team.is_some() {
            y += 18.0;
        }
        for p in members {
            // A role's slot is tall enough for its stack of line labels.
            let slot = sizes[p].1.max(count[p] as f64 * LABEL_STEP + 4.0);
            roles[p] = Rect {
                x,
                y: y + (slot - sizes[p].1) / 2.0,
                w: sizes[p].0,
                h: sizes[p].1,
            };
            y += slot + 10.0;
        }
        if let Some(team) = team {
            let frame = Rect {
                x,
                y: top,
                w: column_width + 24.0,
                h: y - top,
            };
            let name = Text {
                text: diagram.teams[team].clone(),
                x: frame.left() + 8.0,
                y: frame.y + 13.0,
            };
            teams.push(TeamFrame { team, frame, name });
            y += 16.0;
        }
    }
    let roles_bottom = y;
    let scope_x = x + column_width / 2.0 + SCOPE_DISTANCE;
    let sizes: Vec<Rect> = diagram
        .scopes
        .iter()
        .map(|&s| scope_box(diagram, s).1)
        .collect();
    let scopes_height: f64 = sizes.iter().map(|r| r.h + 40.0).sum();
    let mut sy = y0 + ((roles_bottom - y0 - scopes_height) / 2.0).max(0.0);
    let scopes: Vec<Rect> = sizes
        .iter()
        .map(|r| {
            let rect = Rect {
                x: scope_x,
                y: sy,
                ..*r
            };
            sy += r.h + 40.0;
            rect
        })
        .collect();
    let scope_right = scopes.iter().map(Rect::right).fold(scope_x, f64::max);
    let gaps = place_gaps(diagram, &scopes, 6.0, |scope, down, rect| Rect {
        x: scope_right + 60.0 + rect.w / 2.0,
        y: scope.y + down,
        ..rect
    });
    Placement {
        tree_parent: vec![None; diagram.roles.len()],
        hangs: vec![None; diagram.roles.len()],
        roles,
        role_lines,
        scopes,
        gaps,
        teams,
        cycle_closers: Vec::new(),
    }
}
