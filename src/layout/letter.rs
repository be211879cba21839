//! The letter format's head (信函格式, GB/T 9704-2012 10.1): the 标志 30 mm
//! from the paper's top, a red double rule (thick over thin) 4 mm under it,
//! 份号/密级/紧急程度 flush left and the 发文字号 flush right under that rule,
//! and a second red double rule (thin over thick) 20 mm above the paper's
//! bottom edge, both 170 mm long and centred on the page. Page 1 carries no
//! page number (10.1); `layout` drops it.

use super::head::{head_lines, marks_runs, organ_runs, Shaped, RULE_GAP_MM, TWO_LINES};
use super::page::Item;
use super::shaping::Shaper;
use super::{Color, Grid, Rule};
use crate::error::Result;
use crate::model::Head;
use crate::style::{mm, FontRole, Style};

/// 10.1: the 标志's top edge 30 mm from the paper's top edge.
pub(crate) const ORGAN_TOP_MM: f32 = 30.0;

/// 10.1 leaves the 标志's size open; our choice: 30 pt (about 2号 × 1.4),
/// smaller than a 文件 标志, as a letter's head is lighter.
pub(crate) const ORGAN_SIZE_PT: f32 = 30.0;

/// 10.1: both double rules 170 mm long, centred on the page.
pub(crate) const RULE_LENGTH_MM: f32 = 170.0;

/// 10.1 names thick over thin and leaves the weights open; ours: a 0.8 mm
/// line and a 0.25 mm line, 1 mm of paper between them.
pub(crate) const THICK_MM: f32 = 0.8;
pub(crate) const THIN_MM: f32 = 0.25;
pub(crate) const DOUBLE_GAP_MM: f32 = 1.0;

/// 10.1: the lower double rule 20 mm above the paper's bottom edge (its
/// lower, thick line's bottom edge).
pub(crate) const BOTTOM_RULE_MM: f32 = 20.0;

/// 10.1: 份号 etc. and the 文号 "7/8 of a 3号 character's height" (14 pt)
/// under the double rule.
pub(crate) const MARKS_GAP_PT: f32 = 14.0;

/// The letter's head, drawn from the block's top: the 标志 and the upper
/// rule sit above it (30 mm from the paper's top is 7 mm above the block).
pub(crate) fn letter_item(
    head: &Head,
    style: &Style,
    grid: &Grid,
    shaper: &mut Shaper<'_>,
) -> Result<Item> {
    let p = grid.pitch;
    let size = style.body_size_pt;
    let k = head.organs.len().max(1) as f32;
    let organ_top = mm(ORGAN_TOP_MM) - grid.top;
    let organ_height = k * ORGAN_SIZE_PT;
    let mut runs = organ_runs(head, organ_top, organ_height, grid.left, grid.width, shaper)?;

    let page_width = mm(style.page_width_mm);
    let x0 = (page_width - mm(RULE_LENGTH_MM)) / 2.0;
    let x1 = x0 + mm(RULE_LENGTH_MM);
    let rule = |y: f32, width_mm: f32| Rule {
        x0,
        y0: y,
        x1,
        y1: y,
        width: mm(width_mm),
        color: Color::RED,
    };
    // Upper: thick over thin, its top edge 4 mm under the 标志.
    let upper = organ_top + organ_height + mm(RULE_GAP_MM);
    let thick = upper + mm(THICK_MM) / 2.0;
    let thin = upper + mm(THICK_MM + DOUBLE_GAP_MM + THIN_MM / 2.0);
    let upper_bottom = upper + mm(THICK_MM + DOUBLE_GAP_MM + THIN_MM);
    // Lower: thin over thick, its bottom edge 20 mm above the paper's
    // bottom, on page 1 (the head's page).
    let lower = mm(style.page_height_mm - BOTTOM_RULE_MM) - grid.top;
    let rules = vec![
        rule(thick, THICK_MM),
        rule(thin, THIN_MM),
        rule(
            lower - mm(THICK_MM + DOUBLE_GAP_MM + THIN_MM / 2.0),
            THIN_MM,
        ),
        rule(lower - mm(THICK_MM) / 2.0, THICK_MM),
    ];

    let marks_top = upper_bottom + MARKS_GAP_PT;
    runs.extend(marks_runs(head, style, grid, shaper, |i| {
        marks_top + i as f32 * p
    })?);
    if let Some(number) = &head.number {
        let line = Shaped::new(shaper, number, FontRole::Body, size, grid.cell, "发文字号")?;
        runs.extend(line.runs(shaper, grid.left + grid.width - line.width(), marks_top));
    }
    let marks = [&head.copy, &head.secrecy, &head.urgency]
        .iter()
        .filter(|m| m.is_some())
        .count()
        .max(usize::from(head.number.is_some()));
    let marks_bottom = match marks {
        0 => upper_bottom,
        n => marks_top + (n - 1) as f32 * p + size,
    };
    // The title on the first grid line at least two lines under them.
    let title_line = ((marks_bottom + TWO_LINES * p) / p - 0.01).ceil().max(0.0) as u32;
    Ok(head_lines(title_line, runs, rules))
}
