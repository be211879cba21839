//! Tables: the disclosure index block and the body's tables. Each text line
//! of a row takes one grid line (5.2.3), so the body after a table stays on
//! the grid.

use super::blocks::inline_spans;
use super::page::{ascent, line_runs, Item, ItemKind};
use super::paragraph::{advance, set_lines, Measure};
use super::shaping::{Origin, ShapedChar, Shaper, Span};
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

/// The index block (索引号, 公文目录, …) as a bordered table of label/value
/// pairs in 4号 (gbt9704.md "the disclosure metadata"): two pairs a row when
/// they fit on one line, else one pair a row. (Mixed rows — a long 索引号
/// alone, the rest in pairs — look tidier but make PDF readers extract the
/// cells out of order, so the table stays a regular grid.)
pub(crate) fn index_items(
    index: &[(String, String)],
    style: &Style,
    grid: &Grid,
    shaper: &mut Shaper<'_>,
) -> Result<Vec<Item>> {
    let size = style.index_size_pt;
    let origin = Origin {
        line: 0,
        what: "index block",
    };
    let mut cells = Vec::new();
    for (label, value) in index {
        let label = shaper.shape(
            &[Span::new(format!("{label}\u{FF1A}"), FontRole::Heading1)],
            size,
            origin,
        )?;
        let value = shaper.shape(&[Span::new(value.clone(), FontRole::Body)], size, origin)?;
        cells.push((label, value));
    }
    let pad = size / 2.0;
    let natural = |c: &[ShapedChar]| c.iter().map(|ch| advance(ch, size)).sum::<f32>() + 2.0 * pad;
    let max_label = cells.iter().map(|(l, _)| natural(l)).fold(0.0, f32::max);
    let max_value = cells.iter().map(|(_, v)| natural(v)).fold(0.0, f32::max);
    let per_row = if 2.0 * (max_label + max_value) <= grid.width {
        2
    } else {
        1
    };
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for pair_row in cells.chunks(per_row) {
        let mut row = Vec::new();
        for (label, value) in pair_row {
            row.push(Cell {
                chars: label.clone(),
                align: Align::Left,
            });
            row.push(Cell {
                chars: value.clone(),
                align: Align::Left,
            });
        }
        while row.len() < 2 * per_row {
            row.push(Cell {
                chars: Vec::new(),
                align: Align::Left,
            });
        }
        rows.push(row);
    }
    let widths = column_widths(&rows, size, grid.width);
    Ok(rows
        .iter()
        .map(|row| row_item(row, &widths, size, grid, shaper, false))
        .collect())
}

/// A table of the body, in body size; the header row in 黑体 and kept with
/// the first row.
pub(crate) fn body_table_items(
    table: &Table,
    style: &Style,
    grid: &Grid,
    shaper: &mut Shaper<'_>,
) -> Result<Vec<Item>> {
    let size = style.body_size_pt;
    let origin = Origin {
        line: table.line,
        what: "table",
    };
    let ncols = table
        .header
        .len()
        .max(table.rows.iter().map(|r| r.len()).max().unwrap_or(0));
    if ncols == 0 {
        return Ok(Vec::new());
    }
    let mut rows: Vec<Vec<Cell>> = Vec::new();
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
    let has_header = header.iter().any(|c| !c.chars.is_empty());
    if has_header {
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
    let widths = column_widths(&rows, size, grid.width);
    Ok(rows
        .iter()
        .enumerate()
        .map(|(i, row)| row_item(row, &widths, size, grid, shaper, has_header && i == 0))
        .collect())
}

/// Column widths filling the text block: each column's natural width, grown
/// in proportion when there is room; when there is not, narrow columns keep
/// theirs and the wide ones share the rest (their cells wrap).
fn column_widths(rows: &[Vec<Cell>], size: f32, total: f32) -> Vec<f32> {
    let ncols = rows.iter().map(|r| r.len()).max().unwrap_or(0);
    let pad = size / 2.0;
    let mut natural = vec![2.0 * pad + size; ncols];
    for row in rows {
        for (c, cell) in row.iter().enumerate() {
            let w: f32 = cell.chars.iter().map(|ch| advance(ch, size)).sum::<f32>() + 2.0 * pad;
            natural[c] = natural[c].max(w);
        }
    }
    let sum: f32 = natural.iter().sum();
    if sum <= total {
        return natural.iter().map(|w| w * total / sum).collect();
    }
    let fair = total / ncols as f32;
    let narrow: f32 = natural.iter().filter(|w| **w <= fair).sum();
    let wide: f32 = natural.iter().filter(|w| **w > fair).sum();
    natural
        .iter()
        .map(|w| {
            if *w <= fair {
                *w
            } else {
                (total - narrow) * w / wide
            }
        })
        .collect()
}

/// One row: its cells wrapped in their columns, one grid line per text line,
/// bordered all round.
fn row_item(
    row: &[Cell],
    widths: &[f32],
    size: f32,
    grid: &Grid,
    shaper: &Shaper<'_>,
    keep_with_next: bool,
) -> Item {
    let pad = size / 2.0;
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
    let lines = set.iter().map(|l| l.len()).max().unwrap_or(1).max(1) as u32;
    let height = lines as f32 * grid.pitch;
    let mut runs = Vec::new();
    let mut x = grid.left;
    for ((cell, cell_lines), w) in row.iter().zip(&set).zip(widths) {
        let inner = w - 2.0 * pad;
        for (k, line) in cell_lines.iter().enumerate() {
            let dx = match cell.align {
                Align::Left => 0.0,
                Align::Center => (inner - line.right) / 2.0,
                Align::Right => inner - line.right,
            };
            // The em box centred in its grid line, clear of the borders.
            let baseline = k as f32 * grid.pitch
                + (grid.pitch - size) / 2.0
                + ascent(shaper, &cell.chars[line.start..line.end]);
            runs.extend(line_runs(&cell.chars, line, x + pad + dx, baseline));
        }
        x += w;
    }
    let right = grid.left + widths.iter().sum::<f32>();
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
        lines,
        runs,
        rules,
        anchors: Vec::new(),
        keep_with_next,
        kind: ItemKind::Content,
    }
}

fn rule(x0: f32, y0: f32, x1: f32, y1: f32) -> Rule {
    Rule {
        x0,
        y0,
        x1,
        y1,
        width: BORDER_PT,
    }
}
