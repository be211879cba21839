//! GB/T 9704 7.3.5.5: the signature and date never stand alone on a page.
//! When they would, the page before takes them, its lines drawn at most
//! [`MAX_EXTRA_LINES`] closer together; when that is not enough, the last
//! lines of text go to the new page with them.

use super::page::{Item, ItemKind};
use super::Grid;

/// How many lines a page may take beyond the grid's 22 (5.2.3) when it is
/// tightened for the signature (7.3.5.5 "调整行距、字距"): one, so the page
/// still reads as the grid (23 lines in 225 mm: a 9.8 mm pitch for 10.2 mm).
pub(crate) const MAX_EXTRA_LINES: u32 = 1;

/// Lines of text that go with the signature to its page when the page
/// before cannot be tightened enough: two, so the text there is not a lone
/// last line (our choice; 7.3.5.5 asks only that the signature not stand alone).
pub(crate) const TEXT_LINES_WITH_SIGNATURE: u32 = 2;

/// Items on each page with their line offsets, as pagination lays them.
pub(crate) type Pages = Vec<Vec<(u32, Item)>>;

/// Applies 7.3.5.5 to the last page; returns the line pitch of each page.
pub(crate) fn keep_signature_with_text(
    pages: &mut Pages,
    grid: &Grid,
    warnings: &mut Vec<String>,
) -> Vec<f32> {
    let mut pitches = vec![grid.pitch; pages.len()];
    let n = pages.len();
    if n < 2 {
        return pitches;
    }
    let alone = pages[n - 1]
        .iter()
        .all(|(_, it)| it.kind != ItemKind::Content);
    if !alone {
        return pitches;
    }
    if let Some(total) = tighten(pages, grid) {
        pitches.pop();
        if let Some(p) = pitches.last_mut() {
            *p = grid.height / total as f32;
        }
        warnings.push(format!(
            "the signature and date would stand alone on page {n}; page {} was tightened to {total} lines ({} more than the grid's {}) to keep them with the body (GB/T 9704 7.3.5.5)",
            n - 1,
            total - grid.lines,
            grid.lines
        ));
    } else if !carry_text_over(pages, grid) {
        warnings.push(format!(
            "the signature and date stand alone on page {n}: the text before them is one block taller than a page, which cannot be moved with them (GB/T 9704 7.3.5.5)"
        ));
    }
    pitches
}

/// Moves the last page's items onto the page before when that page then
/// holds at most [`MAX_EXTRA_LINES`] more than the grid; returns its lines.
fn tighten(pages: &mut Pages, grid: &Grid) -> Option<u32> {
    let n = pages.len();
    let prev = &pages[n - 2];
    let used: u32 = prev.iter().map(|(_, it)| it.lines).sum();
    let ends_with_text = prev
        .last()
        .is_some_and(|(_, it)| it.kind == ItemKind::Content);
    let moved: u32 = pages[n - 1]
        .iter()
        .skip_while(|(_, it)| it.is_empty())
        .map(|(_, it)| it.lines)
        .sum();
    let total = used + u32::from(ends_with_text) + moved;
    if total > grid.lines + MAX_EXTRA_LINES {
        return None;
    }
    let moved = pages.pop().unwrap_or_default();
    let prev = pages.last_mut()?;
    let mut used = used;
    // Keep the blank line between body and signature (7.3.5.2): add it when
    // the page ends with body text (the blank went over with the signature,
    // or was dropped at the top of the new page).
    if ends_with_text {
        prev.push((used, Item::blank(ItemKind::Signature)));
        used += 1;
    }
    for (_, it) in moved.into_iter().skip_while(|(_, it)| it.is_empty()) {
        let lines = it.lines;
        prev.push((used, it));
        used += lines;
    }
    Some(used.max(grid.lines))
}

/// Moves the last lines of text (with a heading they belong to, and
/// whatever followed them) from the page before onto the signature's page.
/// Returns false, changing nothing, when they do not fit there.
fn carry_text_over(pages: &mut Pages, grid: &Grid) -> bool {
    let n = pages.len();
    let mut prev: Vec<(u32, Item)> = pages[n - 2].clone();
    let mut carried: Vec<Item> = Vec::new();
    // What follows the last text (a blank line, the issuer) goes too.
    while prev
        .last()
        .is_some_and(|(_, it)| it.kind != ItemKind::Content)
    {
        if let Some((_, it)) = prev.pop() {
            carried.insert(0, it);
        }
    }
    let mut text_lines = 0;
    while text_lines < TEXT_LINES_WITH_SIGNATURE {
        match prev.pop() {
            Some((_, it)) if it.kind == ItemKind::Content => {
                text_lines += it.lines;
                carried.insert(0, it);
            }
            Some(other) => {
                prev.push(other);
                break;
            }
            None => break,
        }
    }
    // A heading is never the last line of a page: it goes with its text.
    while prev.last().is_some_and(|(_, it)| it.keep_with_next) {
        if let Some((_, it)) = prev.pop() {
            carried.insert(0, it);
        }
    }
    if text_lines == 0 {
        return false;
    }
    // A table row carried over repeats its header above it, as on any page
    // the table continues on.
    if let Some(header) = carried.first().and_then(|c| c.repeat.as_deref()) {
        carried.insert(0, header.clone());
    }
    let tail = pages[n - 1].clone();
    let mut page = Vec::new();
    let mut used = 0;
    for it in carried
        .into_iter()
        .chain(tail.into_iter().map(|(_, it)| it))
        .skip_while(|it| it.is_empty())
    {
        let lines = it.lines;
        page.push((used, it));
        used += lines;
    }
    if used > grid.lines {
        return false;
    }
    pages[n - 2] = prev;
    pages[n - 1] = page;
    if pages[n - 2].is_empty() {
        pages.remove(n - 2);
    }
    true
}
