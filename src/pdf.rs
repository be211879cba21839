//! Pages to PDF with krilla: subset-embedded fonts, extractable text, an
//! outline of the numbered headings, document metadata, page labels, and
//! structure tags (paragraphs and headings in reading order; page numbers,
//! rules and highlight bands marked as artifacts, outside the text).
//!
//! Nothing here reads the clock or the environment, so the same layout gives
//! the same bytes.

use std::num::NonZeroU32;

use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Size, Transform};
use krilla::metadata::{DateTime, Metadata};
use krilla::outline::{Outline, OutlineNode};
use krilla::page::{NumberingStyle, PageLabel, PageSettings};
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, SpanTag, Tag, TagGroup, TagKind, TagTree,
};
use krilla::text::{GlyphId, KrillaGlyph};
use krilla::SerializeSettings;

use crate::error::{Error, Result};
use crate::fonts::FontBook;
use crate::layout::{Color, GlyphRun, Layout, Part, Rule};
use crate::model::Document;

/// Stroke width that thickens a face with no bold cut (points per point of size).
pub(crate) const FAKE_BOLD_PER_PT: f32 = 0.03;

/// The em box's top above the baseline, as a fraction of the size (CJK faces: 0.88).
pub(crate) const HIGHLIGHT_ASCENT: f32 = 0.88;

/// The pale yellow behind a value still to be filled in.
pub(crate) const HIGHLIGHT_RGB: [u8; 3] = [255, 240, 150];

/// Writes the layout as PDF bytes.
pub fn write(layout: &Layout, doc: &Document, fonts: &FontBook) -> Result<Vec<u8>> {
    let settings = SerializeSettings {
        enable_tagging: true,
        ..SerializeSettings::default()
    };
    let mut pdf = krilla::Document::new_with(settings);
    let size = Size::from_wh(layout.page_width, layout.page_height)
        .ok_or_else(|| Error::new("the page size is not positive"))?;

    let mut structure = Structure::default();
    for page in &layout.pages {
        // Page labels 1, 2, 3 … matching the printed numbers (7.5). Every
        // page states its label: a page without one would start a range
        // with no numbering style, and viewers would show it blank.
        let page_settings = PageSettings::new(size).with_page_label(PageLabel::new(
            Some(NumberingStyle::Arabic),
            None,
            NonZeroU32::new(page.number.max(1)),
        ));
        let mut pdf_page = pdf.start_page_with(page_settings);
        let mut surface = pdf_page.surface();
        // Bands and rules are decoration, not text: one artifact. Bands
        // first, so no band covers the text beside it; each character has
        // its full cell, so a band starts at its first glyph.
        if !page.rules.is_empty() || page.runs.iter().any(|r| r.highlight) {
            surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(
                ArtifactType::Layout,
            )));
            for run in page.runs.iter().filter(|r| r.highlight) {
                draw_highlight(&mut surface, run);
            }
            for rule in &page.rules {
                draw_rule(&mut surface, rule);
            }
            surface.end_tagged();
        }
        let drawn = draw_text(&mut surface, &page.runs, fonts, &mut structure);
        surface.finish();
        drawn?;
        pdf_page.finish();
    }

    pdf.set_tag_tree(structure.tree());
    pdf.set_outline(outline(layout));
    pdf.set_metadata(metadata(doc));
    pdf.finish()
        .map_err(|e| Error::new(format!("cannot write the PDF: {e:?}")))
}

/// Draws a page's text, each line of a block one marked section (its part
/// of the block's structure element), the page number an artifact.
fn draw_text(
    surface: &mut Surface<'_>,
    runs: &[GlyphRun],
    fonts: &FontBook,
    structure: &mut Structure,
) -> Result<()> {
    let mut open: Option<&GlyphRun> = None;
    let mut drawn = Ok(());
    for run in runs {
        let same_line = open.is_some_and(|o| {
            o.part == run.part && o.part != Part::Loose && o.baseline == run.baseline
        });
        if !same_line {
            if open.is_some() {
                surface.end_tagged();
            }
            if run.part == Part::PageNumber {
                surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(
                    ArtifactType::PageNumber,
                )));
            } else {
                let id = surface.start_tagged(ContentTag::Span(SpanTag::empty()));
                structure.add(run.part, id);
            }
            open = Some(run);
        }
        drawn = draw_run(surface, run, fonts);
        if drawn.is_err() {
            break;
        }
    }
    // A marked section left open would make krilla panic.
    if open.is_some() {
        surface.end_tagged();
    }
    drawn
}

fn draw_run(surface: &mut Surface<'_>, run: &GlyphRun, fonts: &FontBook) -> Result<()> {
    let Some(first) = run.glyphs.first() else {
        return Ok(());
    };
    let font = fonts.pdf_font(run.font).ok_or_else(|| {
        Error::new(format!(
            "cannot embed the font {}",
            fonts.path(run.font).display()
        ))
    })?;
    // A squeezed run (a 标志 wider than the block, 7.2.4) is drawn in a
    // space scaled about its first glyph, its advances widened to match.
    let squeezed = run.scale_x != 1.0 && run.scale_x > 0.0;
    let scale = if squeezed { run.scale_x } else { 1.0 };
    // krilla places glyphs one after another; each advance is the distance
    // to the next glyph's position, so the layout's positions hold exactly.
    let glyphs: Vec<KrillaGlyph> = run
        .glyphs
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let advance = match run.glyphs.get(i + 1) {
                Some(next) => next.x - g.x,
                None => g.width,
            };
            KrillaGlyph::new(
                GlyphId::new(g.id as u32),
                advance / run.size / scale,
                0.0,
                0.0,
                0.0,
                g.text.clone(),
                None,
            )
        })
        .collect();
    if squeezed {
        surface.push_transform(&Transform::from_row(
            run.scale_x,
            0.0,
            0.0,
            1.0,
            first.x * (1.0 - run.scale_x),
            0.0,
        ));
    }
    surface.set_fill(Some(fill(run.color)));
    if run.bold {
        surface.set_stroke(Some(Stroke {
            width: FAKE_BOLD_PER_PT * run.size,
            paint: fill(run.color).paint,
            ..Stroke::default()
        }));
    } else {
        surface.set_stroke(None);
    }
    surface.draw_glyphs(
        Point::from_xy(first.x, run.baseline),
        &glyphs,
        font,
        &run.text,
        run.size,
        false,
    );
    surface.set_stroke(None);
    if squeezed {
        surface.pop();
    }
    Ok(())
}

/// Black as krilla's default (so black output stays byte-for-byte as it
/// was), any other colour as RGB.
fn fill(color: Color) -> Fill {
    if color.is_black() {
        return Fill::default();
    }
    let [r, g, b] = color.0;
    Fill {
        paint: krilla::color::rgb::Color::new(r, g, b).into(),
        ..Fill::default()
    }
}

/// A pale yellow band behind a run, the height of its em box, so a value
/// still to be filled in catches the eye in print and on screen.
fn draw_highlight(surface: &mut Surface<'_>, run: &GlyphRun) {
    let (Some(first), Some(last)) = (run.glyphs.first(), run.glyphs.last()) else {
        return;
    };
    let left = first.x;
    let top = run.baseline - HIGHLIGHT_ASCENT * run.size;
    let Some(rect) = krilla::geom::Rect::from_ltrb(left, top, last.x + last.width, top + run.size)
    else {
        return;
    };
    let mut path = PathBuilder::new();
    path.push_rect(rect);
    let Some(path) = path.finish() else {
        return;
    };
    surface.set_stroke(None);
    surface.set_fill(Some(Fill {
        paint: krilla::color::rgb::Color::new(HIGHLIGHT_RGB[0], HIGHLIGHT_RGB[1], HIGHLIGHT_RGB[2])
            .into(),
        ..Fill::default()
    }));
    surface.draw_path(&path);
}

fn draw_rule(surface: &mut Surface<'_>, rule: &Rule) {
    let mut path = PathBuilder::new();
    path.move_to(rule.x0, rule.y0);
    path.line_to(rule.x1, rule.y1);
    let Some(path) = path.finish() else {
        return;
    };
    surface.set_fill(None);
    surface.set_stroke(Some(Stroke {
        width: rule.width,
        paint: fill(rule.color).paint,
        ..Stroke::default()
    }));
    surface.draw_path(&path);
    surface.set_stroke(None);
}

/// The numbered headings, nested by level, each pointing at its line.
fn outline(layout: &Layout) -> Outline {
    // A stack of open nodes: (level, node).
    let mut stack: Vec<(u8, OutlineNode)> = Vec::new();
    let mut outline = Outline::new();
    fn close_to(level: u8, stack: &mut Vec<(u8, OutlineNode)>, outline: &mut Outline) {
        while stack.last().is_some_and(|(l, _)| *l >= level) {
            if let Some((_, node)) = stack.pop() {
                match stack.last_mut() {
                    Some((_, parent)) => parent.push_child(node),
                    None => outline.push_child(node),
                }
            }
        }
    }
    for (index, page) in layout.pages.iter().enumerate() {
        for anchor in &page.anchors {
            close_to(anchor.level, &mut stack, &mut outline);
            let dest = XyzDestination::new(index, Point::from_xy(0.0, anchor.y));
            // Level-1 entries open, so the outline shows the (一) headings too.
            let node = OutlineNode::new(anchor.title.clone(), dest).with_open(anchor.level == 1);
            stack.push((anchor.level, node));
        }
    }
    close_to(0, &mut stack, &mut outline);
    outline
}

/// The tag tree being built: one element per block, in reading order, each
/// holding the runs drawn for it on however many lines and pages.
#[derive(Default)]
struct Structure {
    /// (block, element); `None` for a run of no known block.
    groups: Vec<(Option<u32>, TagGroup)>,
}

impl Structure {
    fn add(&mut self, part: Part, id: Identifier) {
        let (block, kind): (Option<u32>, TagKind) = match part {
            Part::Block { index, heading } if heading > 0 => (
                Some(index),
                Tag::Hn(
                    std::num::NonZeroU16::new(heading as u16).unwrap_or(std::num::NonZeroU16::MIN),
                    None,
                )
                .into(),
            ),
            Part::Block { index, .. } => (Some(index), Tag::P.into()),
            Part::Loose | Part::PageNumber => (None, Tag::P.into()),
        };
        match self.groups.last_mut() {
            Some((last, group)) if block.is_some() && *last == block => group.push(id),
            _ => self
                .groups
                .push((block, TagGroup::with_children(kind, vec![id.into()]))),
        }
    }

    fn tree(self) -> TagTree {
        let mut tree = TagTree::new().with_lang(Some("zh-CN".to_string()));
        for (_, group) in self.groups {
            tree.push(group);
        }
        tree
    }
}

fn metadata(doc: &Document) -> Metadata {
    let d = doc.meta.date;
    let mut date = DateTime::new(d.year.clamp(0, u16::MAX as i32) as u16);
    if let (Ok(m), Ok(day)) = (u8::try_from(d.month), u8::try_from(d.day)) {
        date = date.month(m).day(day);
    }
    let mut meta = Metadata::new()
        .title(doc.meta.title.clone())
        .language("zh-CN".to_string())
        .creator("gongwen".to_string())
        .creation_date(date);
    if !doc.meta.issuer.is_empty() {
        meta = meta.authors(vec![doc.meta.issuer.clone()]);
    }
    if !doc.meta.keywords.is_empty() {
        meta = meta.keywords(doc.meta.keywords.clone());
    }
    meta
}

/// Lays out and writes a document in one call: the PDF bytes and the
/// layout's warnings (fallback fonts, a tightened last page).
pub fn render(
    doc: &Document,
    style: &crate::style::Style,
    fonts: &FontBook,
) -> Result<(Vec<u8>, Vec<String>)> {
    let layout = crate::layout::layout(doc, style, fonts)?;
    let bytes = write(&layout, doc, fonts)?;
    Ok((bytes, layout.warnings))
}
