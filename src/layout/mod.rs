//! The layout stage: a [`Document`] becomes pages of positioned glyphs,
//! following GB/T 9704-2012 (numbers in `style.rs` and gbt9704.md).
//!
//! Coordinates are points, from the top-left corner of the page, y downwards.
//! Every body line sits on the grid of 22 lines × 28 characters (5.2.3).

mod addressees;
mod attachment;
mod attendance;
mod blocks;
mod closing;
pub(crate) mod head;
mod kinds;
pub(crate) mod letter;
pub mod linebreak;
mod page;
pub mod paragraph;
pub mod shaping;
mod signature;
mod signature_page;
mod table;
pub mod table_plan;
pub mod title;

use std::ops::Range;

use crate::error::Result;
use crate::fonts::{FontBook, FontId};
use crate::model::{Document, Form, Format};
use crate::style::{mm, Style};

/// A laid-out document.
#[derive(Debug, Clone)]
pub struct Layout {
    pub page_width: f32,
    pub page_height: f32,
    pub pages: Vec<Page>,
    /// Things the reader should know (fallback fonts, tightened pages).
    pub warnings: Vec<String>,
}

/// One page.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// The page's number in the document (1-based); blank pages count too.
    pub number: u32,
    /// Whether the number is printed: not on a blank page nor on a page
    /// holding only the closing block (GB/T 9704 7.5).
    pub numbered: bool,
    pub runs: Vec<GlyphRun>,
    pub rules: Vec<Rule>,
    /// Outline targets of the headings on this page.
    pub anchors: Vec<Anchor>,
    /// The line pitch used on this page: the grid's, or tighter (7.3.5.5).
    pub line_pitch: f32,
    /// How many grid lines the page's content takes.
    pub lines_used: u32,
}

/// Glyphs of one face and size on one baseline.
#[derive(Debug, Clone)]
pub struct GlyphRun {
    pub font: FontId,
    pub size: f32,
    /// Drawn with a thin outline as well as filled (bold without a bold face).
    pub bold: bool,
    /// Set on a tinted background: a value still to be filled in.
    pub highlight: bool,
    pub baseline: f32,
    pub glyphs: Vec<PlacedGlyph>,
    /// The characters the glyphs carry, for text extraction.
    pub text: String,
    /// What the run is part of, for the PDF's structure tags.
    pub part: Part,
    /// Ink colour: black, or red for the 发文机关标志 (7.2.4).
    pub color: Color,
    /// Horizontal scale of the glyphs (1 = as designed): a 发文机关标志
    /// wider than the text block is squeezed to its width (7.2.4). The
    /// glyphs' `x` are already the squeezed positions.
    pub scale_x: f32,
}

/// An ink colour, 8-bit RGB.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Color(pub [u8; 3]);

impl Color {
    /// Text and most rules (5.2.2: "一般用黑色").
    pub const BLACK: Color = Color([0, 0, 0]);
    /// The 发文机关标志 and the head's rules (7.2.4, 7.2.7, 10.1), RGB(255, 0, 0).
    pub const RED: Color = Color([255, 0, 0]);

    pub fn is_black(self) -> bool {
        self == Color::BLACK
    }
}

/// What a run of glyphs belongs to: a block of the text in reading order,
/// or the page number, which is not part of the text (7.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Part {
    /// Not known: each line stands alone.
    #[default]
    Loose,
    /// The `index`-th block of the document (a title, a paragraph, a table
    /// row, the signature); a heading of `heading` level, or 0.
    Block { index: u32, heading: u8 },
    /// The page number.
    PageNumber,
}

/// A glyph at an absolute position.
#[derive(Debug, Clone)]
pub struct PlacedGlyph {
    pub id: u16,
    /// x of the glyph origin.
    pub x: f32,
    /// The glyph's own advance at the run's size.
    pub width: f32,
    /// The bytes of the run's text this glyph stands for.
    pub text: Range<usize>,
}

/// A straight line (table borders, the head's red rule).
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
    pub width: f32,
    pub color: Color,
}

/// Where a heading starts, for the PDF outline.
#[derive(Debug, Clone)]
pub struct Anchor {
    /// The heading's level, 1 to 4; 0 for an attachment, whose headings
    /// the outline nests under it.
    pub level: u8,
    pub title: String,
    pub y: f32,
}

/// The fixed geometry every stage uses: the text block and its grid.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Grid {
    /// Left edge of the text block (订口 28 mm, 5.2.1).
    pub left: f32,
    /// Top edge of the text block (天头 37 mm, 5.2.1).
    pub top: f32,
    /// Width of the text block (156 mm, 5.2.1).
    pub width: f32,
    /// Height of the text block (225 mm, 5.2.1).
    pub height: f32,
    /// Character pitch, 156 mm / 28 (5.2.3).
    pub cell: f32,
    /// Line pitch, 225 mm / 22 (5.2.3).
    pub pitch: f32,
    pub lines: u32,
}

impl Grid {
    pub(crate) fn new(style: &Style) -> Grid {
        Grid {
            left: mm(style.margin_left_mm),
            top: mm(style.margin_top_mm),
            width: mm(style.text_width_mm),
            height: mm(style.text_height_mm),
            cell: style.char_pitch_pt(),
            pitch: style.line_pitch_pt(),
            lines: style.lines_per_page,
        }
    }
}

/// Lays out a document: pages of positioned glyphs, rules and outline anchors.
pub fn layout(doc: &Document, style: &Style, fonts: &FontBook) -> Result<Layout> {
    let grid = Grid::new(style);
    let mut shaper = shaping::Shaper::new(fonts);
    let mut sections = blocks::document_items(doc, style, &grid, &mut shaper, false)?;
    let mut warnings = std::mem::take(&mut shaper.warnings);
    let mut main_warnings = Vec::new();
    let mut pages = page::paginate(sections.main, &grid, &mut main_warnings);
    let page_one_without_body = pages
        .first()
        .is_some_and(|p| !addressees::shows_body(p, sections.body_part));
    if sections.addressees_may_move && page_one_without_body {
        // 7.3.2: the 主送 goes to the 版记, so page 1 shows the body.
        sections = blocks::document_items(doc, style, &grid, &mut shaper, true)?;
        shaper.warnings.clear();
        main_warnings.clear();
        pages = page::paginate(sections.main, &grid, &mut main_warnings);
    }
    warnings.append(&mut main_warnings);
    // Each attachment starts a new page (7.3.7).
    for items in sections.attachments {
        pages.extend(page::paginate(items, &grid, &mut warnings));
    }
    if let Some(closing) = sections.closing {
        closing::place_closing(&mut pages, closing, doc.meta.duplex, &grid);
    }
    // Page numbers continue through the attachments (7.5).
    for (k, page) in pages.iter_mut().enumerate() {
        page.number = k as u32 + 1;
    }
    if doc.meta.form == Form::Printed && doc.meta.format == Format::Letter {
        // 10.1: a letter's first page shows no page number.
        if let Some(first) = pages.first_mut() {
            first.numbered = false;
        }
    }
    page::add_page_numbers(&mut pages, style, &grid, &mut shaper)?;
    warnings.append(&mut shaper.warnings);
    Ok(Layout {
        page_width: mm(style.page_width_mm),
        page_height: mm(style.page_height_mm),
        pages,
        warnings,
    })
}
