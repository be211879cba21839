//! Tables: the disclosure index block and the body's tables. Each text line
//! of a row takes one grid line (5.2.3), so the body after a table stays on
//! the grid.

use super::blocks::inline_spans;
use super::page::{grid_baseline, line_runs, Item, ItemKind};
use super::paragraph::{set_lines, Measure};
use super::shaping::{Origin, ShapedChar, Shaper, Span};
use super::table_plan::{index_label, index_plan, plan, PAD_EM};
use super::{Grid, Rule};
use crate::error::Result;
use crate::model::{Align, Table};
use crate::style::{FontRole, Style};

/// Border width: a thin rule, as a word processor's default table (0.5 pt).
const BORDER_PT: f32 = 0.5;

struct Cell {
    chars: Vec<ShapedChar>,
    align: Align,
}

/// The index block (索引号, 公文目录, …) as its [`index_plan`] says (the
/// DOCX writer follows the same plan): 4号, labels in 黑体, one or two
/// label/value pairs a row, bordered.
pub(crate) fn index_items(
    index: &[(String, String)],
    style: &Style,
    grid: &Grid,
    shaper: &mut Shaper<'_>,
) -> Result<Vec<Item>> {
    let Some(plan) = index_plan(index, style) else {
        return Ok(Vec::new());
    };
    let size = plan.table.size;
    let origin = Origin {
        line: 0,
        what: "index block",
    };
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for pairs in index.chunks(plan.pairs_per_row) {
        let mut row = Vec::new();
        for (label, value) in pairs {
            let label = Span::new(index_label(label), FontRole::Heading1);
            row.push(Cell {
                chars: shaper.shape(&[label], size, origin)?,
                align: Align::Left,
            });
            let value = Span::new(value.clone(), FontRole::Body);
            row.push(Cell {
                chars: shaper.shape(&[value], size, origin)?,
                align: Align::Left,
            });
        }
        while row.len() < plan.table.columns {
            row.push(Cell {
                chars: Vec::new(),
                align: Align::Left,
            });
        }
        rows.push(row);
    }
    let widths = plan.table.widths_pt();
    Ok(rows
        .iter()
        .zip(&plan.table.row_lines)
        .flat_map(|(row, lines)| row_items(row, &widths, *lines, grid.lines, size, grid, false))
        .collect())
}

/// A table of the body, as its [`plan`] says (the DOCX writer follows the
/// same plan): 3号, the header row in 黑体, kept with the first row and
/// repeated at the top of each page the table continues on. A row taller
/// than a page is split across pages, never run off the bottom.
pub(crate) fn body_table_items(
    table: &Table,
    style: &Style,
    grid: &Grid,
    shaper: &mut Shaper<'_>,
) -> Result<Vec<Item>> {
    let Some(plan) = plan(table, style)? else {
        return Ok(Vec::new());
    };
    let size = plan.size;
    let origin = Origin {
        line: table.line,
        what: "table",
    };
    let ncols = plan.columns;
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    if plan.has_header {
        let mut header = Vec::new();
        for c in 0..ncols {
            let spans: Vec<Span> = table
                .header
                .get(c)
                .map(|inl| inline_spans(inl))
                .unwrap_or_default()
                .into_iter()
                .map(|s| Span {
                    role: FontRole::Heading1,
                    ..s
                })
                .collect();
            header.push(Cell {
                chars: shaper.shape(&spans, size, origin)?,
                align: Align::Center,
            });
        }
        rows.push(header);
    }
    for r in &table.rows {
        let mut row = Vec::new();
        for c in 0..ncols {
            let spans = r.get(c).map(|inl| inline_spans(inl)).unwrap_or_default();
            row.push(Cell {
                chars: shaper.shape(&spans, size, origin)?,
                align: table.align.get(c).copied().unwrap_or(Align::Left),
            });
        }
        rows.push(row);
    }
    let widths = plan.widths_pt();
    let mut items = Vec::new();
    let mut header: Option<Box<Item>> = None;
    for (i, (row, planned)) in rows.iter().zip(&plan.row_lines).enumerate() {
        let is_header = plan.has_header && i == 0;
        // A data row's slices leave room for the repeated header above them.
        let room = grid
            .lines
            .saturating_sub(header.as_ref().map_or(0, |h| h.lines))
            .max(1);
        let mut slices = row_items(row, &widths, *planned, room, size, grid, is_header);
        if is_header {
            header = slices.first().cloned().map(Box::new);
        } else {
            for s in &mut slices {
                s.repeat = header.clone();
            }
        }
        items.extend(slices);
    }
    Ok(items)
}

/// One row: its cells wrapped in their columns, one grid line per text line
/// (at least the `planned` lines both copies agree on), bordered all round;
/// cut into slices of at most `room` lines, each bordered, when it is taller
/// than a page.
#[allow(clippy::too_many_arguments)]
fn row_items(
    row: &[Cell],
    widths: &[f32],
    planned: u32,
    room: u32,
    size: f32,
    grid: &Grid,
    keep_with_next: bool,
) -> Vec<Item> {
    let pad = size * PAD_EM;
    let mut set = Vec::new();
    for (cell, w) in row.iter().zip(widths) {
        let measure = Measure {
            width: (w - 2.0 * pad).max(size),
            cell: size,
            first_indent: 0.0,
            rest_indent: 0.0,
            justify: false,
        };
        set.push(set_lines(&cell.chars, &measure));
    }
    let lines = set
        .iter()
        .map(|l| l.len() as u32)
        .max()
        .unwrap_or(1)
        .max(planned)
        .max(1);
    let room = room.max(1);
    let slices = lines.div_ceil(room);
    let right = grid.left + widths.iter().sum::<f32>();
    (0..slices)
        .map(|j| {
            let first = j * room;
            let count = room.min(lines - first);
            let height = count as f32 * grid.pitch;
            let mut runs = Vec::new();
            let mut x = grid.left;
            for ((cell, cell_lines), w) in row.iter().zip(&set).zip(widths) {
                let inner = w - 2.0 * pad;
                for (k, line) in cell_lines.iter().enumerate() {
                    let k = k as u32;
                    if k < first || k >= first + count {
                        continue;
                    }
                    let dx = match cell.align {
                        Align::Left => 0.0,
                        Align::Center => (inner - line.right) / 2.0,
                        Align::Right => inner - line.right,
                    };
                    // Each of the row's grid lines sets its text as any grid line.
                    let baseline = (k - first) as f32 * grid.pitch + grid_baseline(grid.pitch);
                    runs.extend(line_runs(&cell.chars, line, x + pad + dx, baseline));
                }
                x += w;
            }
            let mut rules = vec![
                rule(grid.left, 0.0, right, 0.0),
                rule(grid.left, height, right, height),
            ];
            let mut x = grid.left;
            rules.push(rule(x, 0.0, x, height));
            for w in widths {
                x += w;
                rules.push(rule(x, 0.0, x, height));
            }
            Item {
                lines: count,
                runs,
                rules,
                anchors: Vec::new(),
                keep_with_next,
                kind: ItemKind::Content,
                repeat: None,
            }
        })
        .collect()
}

fn rule(x0: f32, y0: f32, x1: f32, y1: f32) -> Rule {
    Rule {
        x0,
        y0,
        x1,
        y1,
        width: BORDER_PT,
        color: super::Color::BLACK,
    }
}
