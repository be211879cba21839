//! Pagination: items of whole grid lines onto pages of 22 lines (5.2.3), a
//! heading never last on a page, the signature never alone on a new page
//! (7.3.5.5), and the page numbers (7.5).

use super::head::LineTops;
use super::paragraph::{advance, SetLine};
use super::shaping::{Origin, ShapedChar, Shaper, Span};
use super::signature_page::keep_signature_with_text;
use super::{Anchor, GlyphRun, Grid, Page, PlacedGlyph, Rule};
use crate::error::Result;
use crate::style::{mm, FontRole, Style};

/// What an item is, for the pagination rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ItemKind {
    /// Text or a table row.
    Content,
    /// An empty grid line; dropped at the top of a page.
    Blank,
    /// The issuer's name, the date and the blank line above them.
    Signature,
    /// The head of the printed form (7.2): its elements at the clauses'
    /// positions, which a tightened page keeps.
    Head,
}

/// A vertical slice of the document: whole grid lines, drawn relative to its top.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    pub lines: u32,
    /// Baselines relative to the item's top, at the grid's pitch.
    pub runs: Vec<GlyphRun>,
    pub rules: Vec<Rule>,
    pub anchors: Vec<Anchor>,
    /// A heading line: it must share its page with the next item.
    pub keep_with_next: bool,
    pub kind: ItemKind,
    /// A table's header row, drawn again above this item when it starts a
    /// page (as Word repeats a `w:tblHeader` row).
    pub repeat: Option<Box<Item>>,
}

impl Item {
    /// Nothing drawn: a blank line.
    pub fn is_empty(&self) -> bool {
        self.runs.is_empty() && self.rules.is_empty()
    }

    pub fn blank(kind: ItemKind) -> Item {
        Item {
            lines: 1,
            runs: Vec::new(),
            rules: Vec::new(),
            anchors: Vec::new(),
            keep_with_next: false,
            kind,
            repeat: None,
        }
    }
}

/// Splits one set line into glyph runs (one per face, size and weight).
/// `x0` is the measure's left edge, `baseline` relative to whatever the
/// caller measures from.
pub(crate) fn line_runs(
    chars: &[ShapedChar],
    line: &SetLine,
    x0: f32,
    baseline: f32,
) -> Vec<GlyphRun> {
    let mut runs: Vec<GlyphRun> = Vec::new();
    for (k, i) in (line.start..line.end).enumerate() {
        let ch = &chars[i];
        let same = runs.last().is_some_and(|r| {
            r.font == ch.font
                && r.size == ch.size
                && r.bold == ch.bold
                && r.highlight == ch.highlight
        });
        if !same {
            runs.push(GlyphRun {
                font: ch.font,
                size: ch.size,
                bold: ch.bold,
                highlight: ch.highlight,
                baseline,
                glyphs: Vec::new(),
                text: String::new(),
                part: super::Part::default(),
                color: super::Color::BLACK,
                scale_x: 1.0,
            });
        }
        if let Some(run) = runs.last_mut() {
            let from = run.text.len();
            run.text.push(ch.c);
            run.glyphs.push(PlacedGlyph {
                id: ch.glyph,
                x: x0 + line.x[k],
                width: ch.natural,
                text: from..run.text.len(),
            });
        }
    }
    runs
}

/// Where the text of a grid line sits: its baseline 4/5 of the line below
/// the line's top, whatever the face and size. The DOCX declares every grid
/// line an exact line of one pitch (5.2.3: 225 mm / 22), and LibreOffice
/// (our stand-in for Word) sets the baseline of an exact line 4/5 of its
/// height below its top (measured: tests/copies_positions.rs); Word centres
/// the text in an exact line, which for 3号 CJK type is about 0.9 mm higher
/// and for 2号 0.1 mm. Body lines, titles, table rows, signatures and the
/// 版记 follow this one rule, so both copies put a line's text in the same
/// place. The head (7.2) is placed by its em boxes instead, as the standard
/// measures it ([`ascent`]).
pub(crate) fn grid_baseline(pitch: f32) -> f32 {
    EXACT_LINE_BASELINE * pitch
}

/// The fraction of an exact line above its baseline (see [`grid_baseline`]).
pub(crate) const EXACT_LINE_BASELINE: f32 = 0.8;

/// Distance from the top of a line's em box to its baseline: the ascender
/// of the line's CJK face (its first non-ASCII character, so a line opening
/// with digits in a Latin face sits like its neighbours), so the em box — and
/// what a PDF viewer reports — starts at the line top.
pub(crate) fn ascent(shaper: &Shaper<'_>, line: &[ShapedChar]) -> f32 {
    let ch = line.iter().find(|c| !c.c.is_ascii()).or(line.first());
    match ch {
        Some(ch) => {
            let a = shaper
                .fonts()
                .metrics(ch.font)
                .map(|m| m.ascender)
                .unwrap_or(0.88);
            // A face with odd metrics still gets a baseline inside the em box.
            a.clamp(0.7, 1.0) * ch.size
        }
        None => 0.0,
    }
}

/// Places items on pages.
pub(crate) fn paginate(items: Vec<Item>, grid: &Grid, warnings: &mut Vec<String>) -> Vec<Page> {
    // Each page: the items on it with their line offsets.
    let mut pages: Vec<Vec<(u32, Item)>> = vec![Vec::new()];
    let mut used = 0u32;
    let mut i = 0;
    while i < items.len() {
        let item = &items[i];
        if item.kind == ItemKind::Blank && used == 0 {
            // A blank line at the top of a page is not printed (5.2.3 grid starts with text).
            i += 1;
            continue;
        }
        // A heading goes with what follows it: the whole chain must fit.
        let mut chain = item.lines;
        let mut j = i;
        while items[j].keep_with_next && j + 1 < items.len() {
            j += 1;
            chain += items[j].lines;
        }
        let need = if item.keep_with_next {
            chain
        } else {
            item.lines
        };
        if used > 0 && used + need > grid.lines && need <= grid.lines {
            pages.push(Vec::new());
            used = 0;
            if item.kind == ItemKind::Blank {
                i += 1;
                continue;
            }
        } else if used > 0 && used + item.lines > grid.lines {
            pages.push(Vec::new());
            used = 0;
        }
        if let (0, Some(header), Some(page)) = (used, &item.repeat, pages.last_mut()) {
            // A table continued on a new page: its header row first.
            page.push((0, (**header).clone()));
            used = header.lines;
        }
        if let Some(page) = pages.last_mut() {
            page.push((used, item.clone()));
        }
        used += item.lines;
        i += 1;
    }

    // 7.3.5.5: the signature and date never stand alone on a page.
    let pitches = keep_signature_with_text(&mut pages, grid, warnings);

    pages
        .into_iter()
        .zip(pitches)
        .enumerate()
        .map(|(k, (items, pitch))| {
            let tops = LineTops::new(&items, grid, pitch);
            let mut page = Page {
                number: k as u32 + 1,
                numbered: true,
                line_pitch: pitch,
                ..Page::default()
            };
            for (offset, item) in items {
                let (top, scale) = tops.at(offset);
                place_at(&mut page, item, offset, top, scale);
            }
            page
        })
        .collect()
}

/// Draws an item on a page with its top on grid line `offset`, at the
/// page's line pitch (the grid's, or tighter, 7.3.5.5).
pub(crate) fn place(page: &mut Page, item: Item, offset: u32, grid: &Grid) {
    let pitch = page.line_pitch;
    let top = grid.top + offset as f32 * pitch;
    place_at(page, item, offset, top, pitch / grid.pitch);
}

/// Places `item` with its top at `top`, its contents scaled by `scale` (a
/// page closed up for the signature, 7.3.5.5).
fn place_at(page: &mut Page, item: Item, offset: u32, top: f32, scale: f32) {
    page.lines_used = page.lines_used.max(offset + item.lines);
    for mut run in item.runs {
        run.baseline = top + run.baseline * scale;
        page.runs.push(run);
    }
    for r in item.rules {
        page.rules.push(Rule {
            y0: top + r.y0 * scale,
            y1: top + r.y1 * scale,
            ..r
        });
    }
    for a in item.anchors {
        page.anchors.push(Anchor {
            y: top + a.y * scale,
            ..a
        });
    }
}

/// An empty page of the grid, for the closing block or the blank page a
/// double-sided copy needs before it; neither is numbered (7.5).
pub(crate) fn unnumbered_page(grid: &Grid) -> Page {
    Page {
        numbered: false,
        line_pitch: grid.pitch,
        ..Page::default()
    }
}

/// Page numbers "— N —" in 4号 宋体, the dashes 7 mm below the text block
/// (measured to the dash itself); odd pages one character in from the
/// right, even pages one character in from the left (7.5).
pub(crate) fn add_page_numbers(
    pages: &mut [Page],
    style: &Style,
    grid: &Grid,
    shaper: &mut Shaper<'_>,
) -> Result<()> {
    let size = style.page_number_size_pt;
    // 7.5 "一字": one character of the page number's own size.
    let one_char = size;
    // Where the dashes' ink starts: 7 mm under the block (7.5 "一字线上距版心下边缘7mm").
    let dash_top = grid.top + grid.height + mm(style.page_number_gap_mm);
    // A blank page and a page holding only the closing block show no number (7.5).
    for page in pages.iter_mut().filter(|p| p.numbered) {
        let text = format!("— {} —", page.number);
        let chars = shaper.shape(
            &[Span::new(text, FontRole::PageNumber)],
            size,
            Origin {
                line: 0,
                what: "page number",
            },
        )?;
        let mut x = Vec::with_capacity(chars.len());
        let mut pen = 0.0;
        for ch in &chars {
            x.push(pen);
            pen += advance(ch, size);
        }
        let width = pen;
        let left = if page.number % 2 == 1 {
            grid.left + grid.width - one_char - width
        } else {
            grid.left + one_char
        };
        let line = SetLine {
            start: 0,
            end: chars.len(),
            x,
            right: width,
            full: false,
        };
        let baseline = dash_top + ink_top(shaper, &chars);
        let mut runs = line_runs(&chars, &line, left, baseline);
        // Not part of the text: the PDF marks it as an artifact.
        for run in &mut runs {
            run.part = super::Part::PageNumber;
        }
        page.runs.extend(runs);
    }
    Ok(())
}

/// How far above the baseline the first character's ink reaches (the
/// page number's dash); the ascender when the face gives no box.
fn ink_top(shaper: &Shaper<'_>, chars: &[ShapedChar]) -> f32 {
    let Some(ch) = chars.first() else {
        return 0.0;
    };
    shaper
        .fonts()
        .face(ch.font)
        .and_then(|face| {
            let b = face.glyph_bounding_box(ttf_parser::GlyphId(ch.glyph))?;
            Some(b.y_max as f32 / face.units_per_em() as f32 * ch.size)
        })
        .unwrap_or_else(|| ascent(shaper, chars))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_line() -> Item {
        Item {
            rules: vec![Rule {
                x0: 0.0,
                y0: 0.0,
                x1: 1.0,
                y1: 0.0,
                width: 1.0,
                color: super::super::Color::BLACK,
            }],
            ..Item::blank(ItemKind::Content)
        }
    }

    fn signature_line() -> Item {
        Item {
            rules: text_line().rules,
            ..Item::blank(ItemKind::Signature)
        }
    }

    fn pages_of(body: u32, signature: u32) -> (Vec<Page>, Vec<String>) {
        let grid = Grid::new(&Style::default());
        let mut items: Vec<Item> = (0..body).map(|_| text_line()).collect();
        items.push(Item::blank(ItemKind::Signature));
        items.extend((0..signature).map(|_| signature_line()));
        let mut warnings = Vec::new();
        (paginate(items, &grid, &mut warnings), warnings)
    }

    #[test]
    fn a_signature_alone_is_closed_up_onto_the_page_before() {
        // 21 lines of text, the blank line and the issuer make 23: one over.
        let (pages, warnings) = pages_of(21, 1);
        assert_eq!(pages.len(), 1);
        assert!(
            warnings[0].contains("tightened to 23 lines"),
            "{warnings:?}"
        );
    }

    #[test]
    fn closing_up_stops_where_the_grid_would_be_lost() {
        // Five signature lines would make 28 lines of a 22-line page.
        let (pages, _) = pages_of(22, 5);
        assert_eq!(pages.len(), 2);
        let grid = Style::default().line_pitch_pt();
        assert!(pages.iter().all(|p| (p.line_pitch - grid).abs() < 0.01));
        // The last two lines of text went over with the signature.
        assert_eq!(pages[1].lines_used, 2 + 1 + 5);
    }
}
