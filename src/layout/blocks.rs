//! The document's parts, top to bottom, as items of whole grid lines:
//! title, index table, 主送, body, attachment note, attendance lists,
//! signature, date and 附注; then each attachment's items, and the 版记.

use super::kinds::{balanced, kind_setting, kind_spans, paragraph_measure, LineAlign};
use super::page::{grid_baseline, line_runs, Item, ItemKind};
use super::paragraph::{advance, set_lines, Measure, SetLine};
use super::shaping::{Origin, Shaper, Span};
use super::{
    addressees, attachment, attendance, closing, head, signature, table, title, Anchor, Grid, Part,
};
use crate::error::Result;
use crate::model::{plain, Block, Document, Form, Heading, Inline};
use crate::style::{FontRole, Style};

/// The document's items, split where the pagination must start a new page.
pub(crate) struct Sections {
    /// From the title to the signature, 附注 and attendance lists.
    pub main: Vec<Item>,
    /// Each attachment's page(s), in order (7.3.7: each starts a new page).
    pub attachments: Vec<Vec<Item>>,
    /// The closing block (版记, 7.4), printed form only: one item set at
    /// the bottom of the last page.
    pub closing: Option<Item>,
    /// The 主送 stands above the body and, in the printed form, could move
    /// to the 版记 (7.3.2) should it leave page 1 without body text.
    pub addressees_may_move: bool,
    /// The structure index of the first part after the 主送 (body text,
    /// or what stands in its place), to tell whether page 1 shows it.
    pub body_part: u32,
}

/// Every item of the document, in reading order; `move_addressees` puts
/// the 主送 in the 版记 as "主送：" (7.3.2), in the printed form.
pub(crate) fn document_items(
    doc: &Document,
    style: &Style,
    grid: &Grid,
    shaper: &mut Shaper<'_>,
    move_addressees: bool,
) -> Result<Sections> {
    let mut parts = Parts::default();
    let printed = doc.meta.form == Form::Printed;
    let mut items = Vec::new();
    // The printed form opens with the head (7.2), the title on the grid line
    // under it; the disclosure copy has none.
    if printed {
        items.extend(head::head_item(doc, style, grid, shaper)?);
        parts.each(&mut items);
    }
    let mark = items.len();
    items.extend(title::title_items(
        &doc.meta.title,
        &doc.meta.issuer,
        style,
        grid,
        shaper,
    )?);
    parts.whole(&mut items[mark..], 0);
    // A speech's subtitle and speaker lines stand right under its title.
    let (under_title, body) = crate::model::split_speech_opening(&doc.blocks);
    block_items(under_title, style, grid, shaper, &mut parts, &mut items)?;
    // The index block belongs to the disclosure copy only.
    if !printed && !doc.meta.index.is_empty() {
        // The index block sits one blank line under the title (our layout;
        // gbt9704.md "the disclosure metadata").
        items.push(Item::blank(ItemKind::Blank));
        let mark = items.len();
        items.extend(table::index_items(&doc.meta.index, style, grid, shaper)?);
        parts.each(&mut items[mark..]);
    }
    // One blank line between the heading part and the body (7.3.2, as 主送机关).
    items.push(Item::blank(ItemKind::Blank));

    let moved = printed && move_addressees && !doc.meta.addressees.is_empty();
    if !moved {
        let mark = items.len();
        items.extend(addressees::addressee_items(
            &doc.meta.addressees,
            style,
            grid,
            shaper,
        )?);
        parts.whole(&mut items[mark..], 0);
    }
    let addressees_may_move = printed && !moved && !doc.meta.addressees.is_empty();
    let body_part = parts.next;

    block_items(body, style, grid, shaper, &mut parts, &mut items)?;

    if !doc.meta.attachments.is_empty() {
        // 7.3.4: one blank line under the body.
        items.push(Item::blank(ItemKind::Blank));
        let mark = items.len();
        items.extend(attachment_note_items(
            &doc.meta.attachments,
            style,
            grid,
            shaper,
        )?);
        parts.whole(&mut items[mark..], 0);
    }
    if !doc.meta.attendance.is_empty() {
        // 10.3: one blank line under the body (or the 附件说明).
        items.push(Item::blank(ItemKind::Blank));
        for list in &doc.meta.attendance {
            let mark = items.len();
            items.extend(attendance::attendance_items(list, style, grid, shaper)?);
            parts.whole(&mut items[mark..], 0);
        }
    }
    let mark = items.len();
    items.extend(signature::signature_items(&doc.meta, style, grid, shaper)?);
    parts.each(&mut items[mark..]);

    let count = doc.attachments.len();
    let mut pages = Vec::with_capacity(count);
    for (i, attachment) in doc.attachments.iter().enumerate() {
        let label = crate::model::attachment_label(i + 1, count);
        pages.push(attachment::attachment_items(
            attachment,
            &label,
            &doc.meta.issuer,
            style,
            grid,
            shaper,
            &mut parts,
        )?);
    }

    let closing = if printed {
        closing::closing_item(&doc.meta, moved, grid, shaper)?
    } else {
        None
    };
    Ok(Sections {
        main: items,
        attachments: pages,
        closing,
        addressees_may_move,
        body_part,
    })
}

/// The items of body blocks, appended to `items`, each block numbered for
/// the PDF's structure tags.
pub(crate) fn block_items(
    blocks: &[Block],
    style: &Style,
    grid: &Grid,
    shaper: &mut Shaper<'_>,
    parts: &mut Parts,
    items: &mut Vec<Item>,
) -> Result<()> {
    for block in blocks {
        let mark = items.len();
        match block {
            Block::Heading(h) => {
                let spans = heading_spans(h, style);
                let anchor = anchor_of(h);
                items.extend(text_items(
                    &spans,
                    style,
                    grid,
                    shaper,
                    paragraph_measure(style, grid),
                    Origin {
                        line: h.line,
                        what: "heading",
                    },
                    Some(anchor),
                    true,
                )?);
                parts.whole(&mut items[mark..], h.level);
            }
            Block::Paragraph(p) => {
                let mut spans = p
                    .heading
                    .as_ref()
                    .map(|h| heading_spans(h, style))
                    .unwrap_or_default();
                spans.extend(kind_spans(inline_spans(&p.content), p.kind));
                let (measure, align) = kind_setting(p.kind, style, grid);
                items.extend(aligned_text_items(
                    &spans,
                    style,
                    grid,
                    shaper,
                    (measure, align),
                    Origin {
                        line: p.line,
                        what: "paragraph",
                    },
                    p.heading.as_ref().map(anchor_of),
                )?);
                parts.whole(&mut items[mark..], 0);
            }
            Block::List(list) => {
                for item in &list.items {
                    let mark = items.len();
                    // The official dash list: "——item", indented like a paragraph.
                    let mut spans = vec![Span::new("——", FontRole::Body)];
                    spans.extend(inline_spans(item));
                    items.extend(text_items(
                        &spans,
                        style,
                        grid,
                        shaper,
                        paragraph_measure(style, grid),
                        Origin {
                            line: list.line,
                            what: "list item",
                        },
                        None,
                        false,
                    )?);
                    parts.whole(&mut items[mark..], 0);
                }
            }
            Block::Table(t) => {
                items.extend(table::body_table_items(t, style, grid, shaper)?);
                parts.each(&mut items[mark..]);
                // A blank line keeps the next paragraph clear of the bottom border.
                items.push(Item::blank(ItemKind::Blank));
            }
        }
    }
    Ok(())
}

/// Numbers the blocks in reading order and marks their runs, so the PDF can
/// tag each paragraph and heading as one structure element across lines
/// and pages.
#[derive(Default)]
pub(crate) struct Parts {
    next: u32,
}

impl Parts {
    /// The items are one block (a paragraph's lines); `heading` its level, or 0.
    pub(crate) fn whole(&mut self, items: &mut [Item], heading: u8) {
        let part = Part::Block {
            index: self.next,
            heading,
        };
        self.next += 1;
        for run in items.iter_mut().flat_map(|i| &mut i.runs) {
            run.part = part;
        }
    }

    /// Each item with text is a block of its own (a table row, the issuer, the date).
    pub(crate) fn each(&mut self, items: &mut [Item]) {
        for item in items.iter_mut().filter(|i| !i.runs.is_empty()) {
            self.whole(std::slice::from_mut(item), 0);
        }
    }
}

/// The face of each heading level (7.3.3): 黑体, 楷体, 仿宋, 仿宋.
fn heading_spans(h: &Heading, style: &Style) -> Vec<Span> {
    let (role, bold) = match h.level {
        1 => (FontRole::Heading1, false),
        2 => (FontRole::Heading2, false),
        3 => (FontRole::Body, style.level3_bold),
        _ => (FontRole::Body, false),
    };
    let mut text = h.number.clone();
    text.push_str(&plain(&h.content));
    vec![Span::new(text, role).bold(bold)]
}

/// An outline entry: the heading's number and words, without the full stop
/// that ends a run-in heading (an outline lists titles, not sentences).
fn anchor_of(h: &Heading) -> Anchor {
    let words = plain(&h.content);
    Anchor {
        level: h.level,
        title: format!("{}{}", h.number, words.trim_end().trim_end_matches('。')),
        y: 0.0,
    }
}

pub(crate) fn inline_spans(content: &[Inline]) -> Vec<Span> {
    content
        .iter()
        .map(|i| match i {
            Inline::Text(s) => Span::new(s.clone(), FontRole::Body),
            Inline::Strong(s) => Span::new(s.clone(), FontRole::Body).bold(true),
            Inline::Placeholder(_) => {
                Span::new(i.visible().into_owned(), FontRole::Body).highlight(true)
            }
        })
        .collect()
}

/// Sets text in body size on the grid, one item per line.
#[allow(clippy::too_many_arguments)]
pub(crate) fn text_items(
    spans: &[Span],
    style: &Style,
    grid: &Grid,
    shaper: &mut Shaper<'_>,
    measure: Measure,
    origin: Origin<'_>,
    anchor: Option<Anchor>,
    keep_with_next: bool,
) -> Result<Vec<Item>> {
    let mut items = aligned_text_items(
        spans,
        style,
        grid,
        shaper,
        (measure, LineAlign::Start),
        origin,
        anchor,
    )?;
    for item in &mut items {
        item.keep_with_next = keep_with_next;
    }
    Ok(items)
}

/// Sets text in body size on the grid, each line placed across the measure
/// as `align` says, one item per line.
pub(crate) fn aligned_text_items(
    spans: &[Span],
    style: &Style,
    grid: &Grid,
    shaper: &mut Shaper<'_>,
    (measure, align): (Measure, LineAlign),
    origin: Origin<'_>,
    anchor: Option<Anchor>,
) -> Result<Vec<Item>> {
    let chars = shaper.shape(spans, style.body_size_pt, origin)?;
    let mut lines = set_lines(&chars, &measure);
    if align == LineAlign::Center {
        lines = balanced(&chars, &measure, lines);
    }
    let mut anchor = anchor;
    Ok(lines
        .iter()
        .map(|line| {
            let baseline = grid_baseline(grid.pitch);
            let shift = match align {
                LineAlign::Start => 0.0,
                LineAlign::Center => ((measure.width - line.right) / 2.0).max(0.0),
                LineAlign::End => (measure.width - line.right).max(0.0),
            };
            Item {
                lines: 1,
                runs: line_runs(&chars, line, grid.left + shift, baseline),
                rules: Vec::new(),
                anchors: anchor.take().into_iter().collect(),
                keep_with_next: false,
                kind: ItemKind::Content,
                repeat: None,
            }
        })
        .collect())
}

/// 7.3.4: "附件:1.名称" (full-width colon), later names aligned under the first, wrapped lines
/// aligned with the name; no punctuation after a name.
fn attachment_note_items(
    names: &[String],
    style: &Style,
    grid: &Grid,
    shaper: &mut Shaper<'_>,
) -> Result<Vec<Item>> {
    let origin = Origin {
        line: 0,
        what: "attachment note",
    };
    // Two characters in, filled as a paragraph is (7.3.4).
    let paragraph = paragraph_measure(style, grid);
    let (indent, cell) = (paragraph.first_indent, paragraph.cell);
    // "附件" and a full-width colon.
    let label = "附件\u{FF1A}";
    let label_width = width_of(label, style, cell, shaper, origin)?;
    let mut items = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let number = if names.len() > 1 {
            format!("{}.", i + 1)
        } else {
            String::new()
        };
        let number_width = width_of(&number, style, cell, shaper, origin)?;
        let (text, first_indent) = if i == 0 {
            (format!("{label}{number}{name}"), indent)
        } else {
            (format!("{number}{name}"), indent + label_width)
        };
        let measure = Measure {
            first_indent,
            rest_indent: indent + label_width + number_width,
            ..paragraph
        };
        items.extend(text_items(
            &[Span::new(text, FontRole::Body)],
            style,
            grid,
            shaper,
            measure,
            origin,
            None,
            false,
        )?);
    }
    Ok(items)
}

/// The width of `text` in body type, each character advancing as on a
/// line filled with `cell`.
pub(crate) fn width_of(
    text: &str,
    style: &Style,
    cell: f32,
    shaper: &mut Shaper<'_>,
    origin: Origin<'_>,
) -> Result<f32> {
    let chars = shaper.shape(
        &[Span::new(text, FontRole::Body)],
        style.body_size_pt,
        origin,
    )?;
    Ok(chars.iter().map(|c| advance(c, cell)).sum())
}

/// Characters set one after another on the grid, not justified.
pub(crate) fn natural_line(chars: &[super::shaping::ShapedChar], cell: f32) -> SetLine {
    let mut x = Vec::with_capacity(chars.len());
    let mut pen = 0.0;
    for ch in chars {
        x.push(pen);
        pen += advance(ch, cell);
    }
    SetLine {
        start: 0,
        end: chars.len(),
        x,
        right: pen,
        full: false,
    }
}
