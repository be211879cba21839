//! Tables: the body's tables as their shared plan says
//! ([`crate::layout::table_plan`], which the PDF follows too), and the
//! disclosure index block.
//!
//! A body table is laid out fixed (`w:tblLayout fixed`): Word keeps the
//! planned column widths instead of fitting them to its own measure of the
//! text. Each row is exactly as many grid lines (579 twips, 5.2.3) as it has
//! text lines, so the body after the table stays on the grid; the header row
//! repeats on each page the table continues on (`w:tblHeader`, added in
//! post-processing).

use super::body::styled_runs;
use super::styles as st;
use super::units::line_pitch;
use crate::error::Result;
use crate::layout::table_plan::{index_label, index_plan, plan, PAD_EM};
use crate::model::{Align, Inline, Table};
use crate::style::Style;
use docx_rs::{
    AlignmentType, BorderType, HeightRule, Paragraph as P, Table as T, TableBorder,
    TableBorderPosition, TableBorders, TableCell, TableCellMargins, TableLayoutType, TableRow,
    WidthType,
};

/// Rule width in eighths of a point: ½ pt, the PDF's `BORDER_PT`.
const BORDER_EIGHTHS: usize = 4;

/// The rule's width in twips. LibreOffice adds the bottom rule below the
/// last row and then starts the next paragraph on the following grid line,
/// a whole line lower than the PDF; the last row gives up this much so the
/// table ends on a grid line.
const BORDER_TWIPS: f32 = BORDER_EIGHTHS as f32 * 20.0 / 8.0;

/// Row heights of `lines` grid lines each, the last shortened by the rule.
fn row_heights(lines: &[u32], pitch: f32) -> Vec<f32> {
    let n = lines.len();
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let h = *l as f32 * pitch;
            if i + 1 == n {
                h - BORDER_TWIPS
            } else {
                h
            }
        })
        .collect()
}

/// Single ½-point black rules all round and between cells (the standard
/// sets no table rules; these are Word's plain table grid, and the PDF's).
fn borders() -> TableBorders {
    let line = |pos| {
        TableBorder::new(pos)
            .border_type(BorderType::Single)
            .size(BORDER_EIGHTHS)
            .color("000000")
    };
    TableBorders::new()
        .set(line(TableBorderPosition::Top))
        .set(line(TableBorderPosition::Left))
        .set(line(TableBorderPosition::Bottom))
        .set(line(TableBorderPosition::Right))
        .set(line(TableBorderPosition::InsideH))
        .set(line(TableBorderPosition::InsideV))
}

fn cell(content: &[Inline], width: usize, style_id: &str, align: Align) -> TableCell {
    let jc = match align {
        Align::Left => AlignmentType::Left,
        Align::Center => AlignmentType::Center,
        Align::Right => AlignmentType::Right,
    };
    let p = styled_runs(P::new().style(style_id).align(jc), content, None, false);
    TableCell::new()
        .width(width, WidthType::Dxa)
        .add_paragraph(p)
}

/// A table of the body; `None` when it has no cells.
pub(crate) fn body_table(t: &Table, style: &Style) -> Result<Option<T>> {
    let Some(plan) = plan(t, style)? else {
        return Ok(None);
    };
    let pitch = line_pitch(style) as f32;
    // A page's worth of grid lines: a taller row may grow and split.
    let page_lines = style.lines_per_page;
    let row = |cells: Vec<TableCell>, lines: u32, height: f32| {
        let r = TableRow::new(cells).row_height(height);
        if lines <= page_lines {
            r.height_rule(HeightRule::Exact)
        } else {
            r.height_rule(HeightRule::AtLeast)
        }
    };
    let widths: Vec<usize> = plan.widths.iter().map(|w| *w as usize).collect();
    let heights = row_heights(&plan.row_lines, pitch);
    let mut lines = plan.row_lines.iter().copied().zip(heights);
    let mut rows = Vec::new();
    let empty: &[Inline] = &[];
    if plan.has_header {
        let cells = (0..plan.columns)
            .map(|i| {
                let c = t.header.get(i).map(Vec::as_slice).unwrap_or(empty);
                cell(c, widths[i], st::TABLE_HEADER, Align::Center)
            })
            .collect();
        let (l, h) = lines.next().unwrap_or((1, pitch));
        rows.push(row(cells, l, h));
    }
    for r in &t.rows {
        let cells = (0..plan.columns)
            .map(|i| {
                let c = r.get(i).map(Vec::as_slice).unwrap_or(empty);
                let align = t.align.get(i).copied().unwrap_or(Align::Left);
                cell(c, widths[i], st::TABLE_TEXT, align)
            })
            .collect();
        let (l, h) = lines.next().unwrap_or((1, pitch));
        rows.push(row(cells, l, h));
    }
    Ok(Some(fixed_table(rows, widths, plan.size)))
}

/// A bordered table of fixed column widths (twips) with the PDF's cell
/// padding: half a character of the table's size each side, none above or
/// below (the grid line already leaves room around the text).
fn fixed_table(rows: Vec<TableRow>, widths: Vec<usize>, size: f32) -> T {
    let pad = (PAD_EM * size * 20.0).round() as usize;
    T::new(rows)
        .width(widths.iter().sum(), WidthType::Dxa)
        .set_grid(widths)
        .layout(TableLayoutType::Fixed)
        .margins(TableCellMargins::new().margin(0, pad, 0, pad))
        .set_borders(borders())
}

/// The disclosure index block as its shared plan says
/// ([`crate::layout::table_plan::index_plan`]): 4号, labels in 黑体 with a
/// colon, one or two label/value pairs a row, each row a grid line, bordered.
pub(crate) fn index_table(pairs: &[(String, String)], style: &Style) -> Option<T> {
    let plan = index_plan(pairs, style)?;
    let pitch = line_pitch(style) as f32;
    let widths: Vec<usize> = plan.table.widths.iter().map(|w| *w as usize).collect();
    let heights = row_heights(&plan.table.row_lines, pitch);
    let text = |s: &str| vec![Inline::Text(s.to_string())];
    let rows = pairs
        .chunks(plan.pairs_per_row)
        .zip(heights)
        .map(|(chunk, h)| {
            let mut cells = Vec::new();
            for (l, v) in chunk {
                let i = cells.len();
                cells.push(cell(
                    &text(&index_label(l)),
                    widths[i],
                    st::INDEX_LABEL,
                    Align::Left,
                ));
                cells.push(cell(&text(v), widths[i + 1], st::INDEX_TEXT, Align::Left));
            }
            while cells.len() < plan.table.columns {
                let i = cells.len();
                cells.push(cell(&[], widths[i], st::INDEX_TEXT, Align::Left));
            }
            TableRow::new(cells)
                .row_height(h)
                .height_rule(HeightRule::Exact)
        })
        .collect();
    Some(fixed_table(rows, widths, plan.table.size))
}
