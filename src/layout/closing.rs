//! The closing block (版记, GB/T 9704 7.4), printed form only, at the bottom
//! of the last page's text block: a 0.35 mm rule, a moved 主送 ("主送：")
//! and the 抄送 lines, a 0.25 mm rule, the 印发机关 and 印发日期 line, and a
//! 0.35 mm rule on the block's bottom edge; each line one grid line, 4号仿宋,
//! one character in from either side. A double-sided copy puts it on an
//! even page (the back cover), with a blank page before it when needed;
//! neither page, when it holds nothing else, carries a number (7.5). A
//! letter's 版记 is its 抄送 alone, without rules (10.1).

use super::blocks::natural_line;
use super::page::{grid_baseline, line_runs, place, unnumbered_page, Item, ItemKind};
use super::paragraph::{set_lines, Measure};
use super::shaping::{Origin, Shaper, Span};
use super::{GlyphRun, Grid, Page, Rule};
use crate::error::{Error, Result};
use crate::model::{wording, Format, Meta};
use crate::style::{mm, FontRole};

/// 4号 = 14 pt, the closing block's text (7.4.2, 7.4.3).
pub(crate) const CLOSING_SIZE_PT: f32 = 14.0;

/// The first and the last rule, 0.35 mm (7.4.1).
pub(crate) const OUTER_RULE_MM: f32 = 0.35;

/// The rules between the block's parts, 0.25 mm (7.4.1).
pub(crate) const INNER_RULE_MM: f32 = 0.25;

/// The closing block as one item of whole grid lines, rules included;
/// `None` when there is nothing to close with. `moved_addressees`: the
/// 主送 list left page 1 for here (7.3.2).
pub(crate) fn closing_item(
    meta: &Meta,
    moved_addressees: bool,
    grid: &Grid,
    shaper: &mut Shaper<'_>,
) -> Result<Option<Item>> {
    let mut upper: Vec<Vec<GlyphRun>> = Vec::new();
    if moved_addressees {
        upper.extend(labelled_lines("主送", &meta.addressees, grid, shaper)?);
    }
    upper.extend(labelled_lines("抄送", &meta.closing.cc, grid, shaper)?);
    // A letter's 版记 has no 印发 line and no rules (10.1).
    let letter = meta.format == Format::Letter;
    let lower = if letter {
        Vec::new()
    } else {
        printing_line(meta, grid, shaper)?
    };
    if upper.is_empty() && lower.is_empty() {
        return Ok(None);
    }
    let split = upper.len() as u32;
    let lines: Vec<Vec<GlyphRun>> = upper.into_iter().chain(lower).collect();
    let count = lines.len() as u32;
    if count > grid.lines {
        return Err(Error::new(format!(
            "the closing block (版记) takes {count} lines, more than the {} of a page",
            grid.lines
        ))
        .hint(
            "shorten `cc` (抄送) in the front matter, or `addressees` (主送), which moves \
             to the 版记 when it fills page 1 (GB/T 9704 7.4)",
        ));
    }
    let mut runs = Vec::new();
    for (k, line) in lines.into_iter().enumerate() {
        for mut run in line {
            // Each element on its own grid line (7.4), set as any grid line.
            run.baseline += k as f32 * grid.pitch + grid_baseline(grid.pitch);
            runs.push(run);
        }
    }
    let mut rules = Vec::new();
    if !letter {
        rules.push(rule(0.0, OUTER_RULE_MM, grid));
        if split > 0 && split < count {
            rules.push(rule(split as f32 * grid.pitch, INNER_RULE_MM, grid));
        }
        rules.push(rule(count as f32 * grid.pitch, OUTER_RULE_MM, grid));
    }
    Ok(Some(Item {
        lines: count,
        runs,
        rules,
        anchors: Vec::new(),
        keep_with_next: false,
        kind: ItemKind::Content,
        repeat: None,
    }))
}

/// A rule across the text block, `y` below the item's top.
fn rule(y: f32, width_mm: f32, grid: &Grid) -> Rule {
    Rule {
        x0: grid.left,
        y0: y,
        x1: grid.left + grid.width,
        y1: y,
        width: mm(width_mm),
        // 7.4.1: the 版记's rules are black; only the head's are red.
        color: super::Color::BLACK,
    }
}

fn origin() -> Origin<'static> {
    Origin {
        line: 0,
        what: "closing block (版记)",
    }
}

/// "抄送：" (or "主送：") and the names joined by "，", a "。" after the
/// last, one character in from either side, wrapped lines aligned after
/// the colon (7.4.2). Baselines from each line's top.
fn labelled_lines(
    label: &str,
    names: &[String],
    grid: &Grid,
    shaper: &mut Shaper<'_>,
) -> Result<Vec<Vec<GlyphRun>>> {
    if names.is_empty() {
        return Ok(Vec::new());
    }
    let size = CLOSING_SIZE_PT;
    // The label and its full-width colon, one character each.
    let label_width = (label.chars().count() + 1) as f32 * size;
    let text = wording::closing_list(label, names);
    let chars = shaper.shape(&[Span::new(text, FontRole::Body)], size, origin())?;
    let measure = Measure {
        width: grid.width - 2.0 * size,
        cell: size,
        first_indent: 0.0,
        rest_indent: label_width,
        justify: true,
    };
    Ok(set_lines(&chars, &measure)
        .iter()
        .map(|line| line_runs(&chars, line, grid.left + size, 0.0))
        .collect())
}

/// The 印发机关 one character in from the left and "……印发" one character in
/// from the right, on one line (7.4.3); none when neither is given.
fn printing_line(meta: &Meta, grid: &Grid, shaper: &mut Shaper<'_>) -> Result<Vec<Vec<GlyphRun>>> {
    let size = CLOSING_SIZE_PT;
    let closing = &meta.closing;
    let mut runs = Vec::new();
    if let Some(printer) = closing.printer.as_ref().filter(|p| !p.trim().is_empty()) {
        let chars = shaper.shape(
            &[Span::new(printer.clone(), FontRole::Body)],
            size,
            origin(),
        )?;
        let line = natural_line(&chars, size);
        runs.extend(line_runs(&chars, &line, grid.left + size, 0.0));
    }
    if let Some(date) = &closing.printed {
        let text = wording::printing_date(date);
        let chars = shaper.shape(&[Span::new(text, FontRole::Body)], size, origin())?;
        let line = natural_line(&chars, size);
        let x = grid.left + grid.width - size - line.right;
        runs.extend(line_runs(&chars, &line, x, 0.0));
    }
    Ok(if runs.is_empty() {
        Vec::new()
    } else {
        vec![runs]
    })
}

/// Sets the closing block at the bottom of the last page's block, or of a
/// new page when it does not fit under the last page's text; double-sided,
/// on an even page, a blank page before it when needed (7.4, 7.5).
pub(crate) fn place_closing(pages: &mut Vec<Page>, item: Item, duplex: bool, grid: &Grid) {
    let fits = pages.last().is_some_and(|page| {
        // A page tightened for the signature (7.3.5.5) has no room left.
        page.line_pitch >= grid.pitch - 0.01 && page.lines_used + item.lines <= grid.lines
    });
    let even = pages.len().is_multiple_of(2);
    if !(fits && (even || !duplex)) {
        if duplex && pages.len().is_multiple_of(2) {
            // The next page would be odd, a front: leave it blank.
            pages.push(unnumbered_page(grid));
        }
        pages.push(unnumbered_page(grid));
    }
    let offset = grid.lines - item.lines;
    if let Some(page) = pages.last_mut() {
        place(page, item, offset, grid);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::style::Style;

    /// Pages of text using `used` grid lines each, numbered, at the grid's pitch.
    fn pages(used: &[u32], grid: &Grid) -> Vec<Page> {
        used.iter()
            .enumerate()
            .map(|(k, &lines_used)| Page {
                number: k as u32 + 1,
                numbered: true,
                line_pitch: grid.pitch,
                lines_used,
                ..Page::default()
            })
            .collect()
    }

    fn closing(lines: u32) -> Item {
        Item {
            lines,
            rules: vec![Rule {
                x0: 0.0,
                y0: 0.0,
                x1: 1.0,
                y1: 0.0,
                width: 1.0,
                color: crate::layout::Color::BLACK,
            }],
            ..Item::blank(ItemKind::Content)
        }
    }

    /// Where the closing block went: (page count, its page, numbered pages).
    fn place(used: &[u32], lines: u32, duplex: bool) -> (usize, usize, Vec<bool>) {
        let grid = Grid::new(&Style::default());
        let mut pages = pages(used, &grid);
        place_closing(&mut pages, closing(lines), duplex, &grid);
        let on = pages.iter().position(|p| !p.rules.is_empty()).unwrap_or(99) + 1;
        let numbered = pages.iter().map(|p| p.numbered).collect();
        (pages.len(), on, numbered)
    }

    #[test]
    fn under_the_text_when_it_fits_else_on_a_page_of_its_own() {
        assert_eq!(place(&[19], 3, false), (1, 1, vec![true]));
        assert_eq!(place(&[20], 3, false), (2, 2, vec![true, false]));
    }

    #[test]
    fn double_sided_it_stands_on_an_even_page() {
        // Room on page 1, but page 1 is a front: page 2 takes it.
        assert_eq!(place(&[5], 3, true), (2, 2, vec![true, false]));
        // Room on page 2, a back.
        assert_eq!(place(&[22, 5], 3, true), (2, 2, vec![true, true]));
        // No room on page 2: page 3 stays blank, page 4 takes it.
        assert_eq!(
            place(&[22, 21], 3, true),
            (4, 4, vec![true, true, false, false])
        );
    }

    #[test]
    fn its_last_rule_lies_on_the_block_bottom() {
        let grid = Grid::new(&Style::default());
        let mut pages = pages(&[3], &grid);
        let mut item = closing(3);
        item.rules[0].y0 = 3.0 * grid.pitch;
        item.rules[0].y1 = item.rules[0].y0;
        place_closing(&mut pages, item, false, &grid);
        let rule = pages[0].rules[0];
        assert!(
            (rule.y0 - (grid.top + grid.height)).abs() < 0.01,
            "{rule:?}"
        );
    }
}
