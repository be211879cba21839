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
use super::units::{line_pitch, twips_mm, width_in_chars};
use crate::error::Result;
use crate::layout::table_plan::{plan, PAD_EM};
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
    // The PDF's padding: half a character each side, none above or below
    // (the grid line already leaves room around the text).
    let pad = (PAD_EM * plan.size * 20.0).round() as usize;
    Ok(Some(
        T::new(rows)
            .set_grid(widths.clone())
            .width(widths.iter().sum(), WidthType::Dxa)
            .layout(TableLayoutType::Fixed)
            .margins(TableCellMargins::new().margin(0, pad, 0, pad))
            .set_borders(borders()),
    ))
}

/// Word's default left and right cell margins, in twips.
const CELL_MARGIN: usize = 108;

/// The disclosure index block: one label/value pair a row, bordered, 4号,
/// labels in 黑体 with a colon, as the printed copy shows it (gbt9704.md,
/// "Not in the standard").
pub(crate) fn index_table(pairs: &[(String, String)], style: &Style) -> T {
    let total = twips_mm(style.text_width_mm).max(1) as usize;
    let label_text = |l: &str| {
        if l.ends_with('：') || l.ends_with(':') {
            l.to_string()
        } else {
            format!("{l}：")
        }
    };
    // The label column fits the longest label at 4号 with a character to
    // spare (fonts differ), plus the cell margins.
    let widest = pairs
        .iter()
        .map(|(l, _)| width_in_chars(&label_text(l)))
        .fold(0.0f32, f32::max);
    let label =
        (((widest + 1.0) * style.index_size_pt * 20.0) as usize + 2 * CELL_MARGIN).min(total / 2);
    let value = total - label;
    let text = |s: &str| vec![Inline::Text(s.to_string())];
    // One grid line a row, as the PDF sets it [5.2.3]: without a height
    // the border would add its width to each row and push the body off the grid.
    let heights = row_heights(&vec![1; pairs.len()], line_pitch(style) as f32);
    let rows = pairs
        .iter()
        .zip(heights)
        .map(|((l, v), h)| {
            TableRow::new(vec![
                cell(&text(&label_text(l)), label, st::INDEX_LABEL, Align::Left),
                cell(&text(v), value, st::INDEX_TEXT, Align::Left),
            ])
            .row_height(h)
            .height_rule(HeightRule::Exact)
        })
        .collect();
    T::new(rows)
        .set_grid(vec![label, value])
        .width(label + value, WidthType::Dxa)
        .set_borders(borders())
}
