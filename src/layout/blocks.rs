//! The document's parts, top to bottom, as items of whole grid lines:
//! title, index table, body, attachment note, signature and date.

use super::page::{ascent, line_runs, Item, ItemKind};
use super::paragraph::{advance, set_lines, Measure, SetLine};
use super::shaping::{Origin, Shaper, Span};
use super::{table, title, Anchor, Grid, Part};
use crate::error::Result;
use crate::model::{plain, Block, Document, Heading, Inline};
use crate::style::{FontRole, Style};

/// Every item of the document, in reading order.
pub(crate) fn document_items(
    doc: &Document,
    style: &Style,
    grid: &Grid,
    shaper: &mut Shaper<'_>,
) -> Result<Vec<Item>> {
    let mut parts = Parts::default();
    let mut items = title::title_items(&doc.meta.title, &doc.meta.issuer, style, grid, shaper)?;
    parts.whole(&mut items, 0);
    if !doc.meta.index.is_empty() {
        // The index block sits one blank line under the title (our layout;
        // gbt9704.md "the disclosure metadata").
        items.push(Item::blank(ItemKind::Blank));
        let mark = items.len();
        items.extend(table::index_items(&doc.meta.index, style, grid, shaper)?);
        parts.each(&mut items[mark..]);
    }
    // One blank line between the heading part and the body (7.3.2, as 主送机关).
    items.push(Item::blank(ItemKind::Blank));

    for block in &doc.blocks {
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
                spans.extend(inline_spans(&p.content));
                items.extend(text_items(
                    &spans,
                    style,
                    grid,
                    shaper,
                    paragraph_measure(style, grid),
                    Origin {
                        line: p.line,
                        what: "paragraph",
                    },
                    p.heading.as_ref().map(anchor_of),
                    false,
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

    if !doc.meta.attachments.is_empty() {
        // 7.3.4: one blank line under the body.
        items.push(Item::blank(ItemKind::Blank));
        let mark = items.len();
        items.extend(attachment_items(
            &doc.meta.attachments,
            style,
            grid,
            shaper,
        )?);
        parts.whole(&mut items[mark..], 0);
    }
    let mark = items.len();
    items.extend(signature_items(doc, style, grid, shaper)?);
    parts.each(&mut items[mark..]);
    Ok(items)
}

/// Numbers the blocks in reading order and marks their runs, so the PDF can
/// tag each paragraph and heading as one structure element across lines
/// and pages.
#[derive(Default)]
struct Parts {
    next: u32,
}

impl Parts {
    /// The items are one block (a paragraph's lines); `heading` its level, or 0.
    fn whole(&mut self, items: &mut [Item], heading: u8) {
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
    fn each(&mut self, items: &mut [Item]) {
        for item in items.iter_mut().filter(|i| !i.runs.is_empty()) {
            self.whole(std::slice::from_mut(item), 0);
        }
    }
}

/// Body paragraphs: two characters' first-line indent (7.3.3 "左空二字"),
/// justified to the grid (5.2.3).
fn paragraph_measure(style: &Style, grid: &Grid) -> Measure {
    Measure {
        width: grid.width,
        cell: style.word_advance_pt(),
        first_indent: style.indent_chars as f32 * style.body_size_pt,
        rest_indent: 0.0,
        justify: true,
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
fn text_items(
    spans: &[Span],
    style: &Style,
    grid: &Grid,
    shaper: &mut Shaper<'_>,
    measure: Measure,
    origin: Origin<'_>,
    anchor: Option<Anchor>,
    keep_with_next: bool,
) -> Result<Vec<Item>> {
    let chars = shaper.shape(spans, style.body_size_pt, origin)?;
    let lines = set_lines(&chars, &measure);
    let mut anchor = anchor;
    Ok(lines
        .iter()
        .map(|line| {
            let baseline = ascent(shaper, &chars[line.start..line.end]);
            Item {
                lines: 1,
                runs: line_runs(&chars, line, grid.left, baseline),
                rules: Vec::new(),
                anchors: anchor.take().into_iter().collect(),
                keep_with_next,
                kind: ItemKind::Content,
                repeat: None,
            }
        })
        .collect())
}

/// 7.3.4: "附件:1.名称" (full-width colon), later names aligned under the first, wrapped lines
/// aligned with the name; no punctuation after a name.
fn attachment_items(
    names: &[String],
    style: &Style,
    grid: &Grid,
    shaper: &mut Shaper<'_>,
) -> Result<Vec<Item>> {
    let origin = Origin {
        line: 0,
        what: "attachment note",
    };
    // "附件" and a full-width colon.
    let label = "附件\u{FF1A}";
    let label_width = width_of(label, style, grid, shaper, origin)?;
    let indent = style.indent_chars as f32 * grid.cell;
    let mut items = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let number = if names.len() > 1 {
            format!("{}.", i + 1)
        } else {
            String::new()
        };
        let number_width = width_of(&number, style, grid, shaper, origin)?;
        let (text, first_indent) = if i == 0 {
            (format!("{label}{number}{name}"), indent)
        } else {
            (format!("{number}{name}"), indent + label_width)
        };
        let measure = Measure {
            width: grid.width,
            cell: grid.cell,
            first_indent,
            rest_indent: indent + label_width + number_width,
            justify: true,
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

fn width_of(
    text: &str,
    style: &Style,
    grid: &Grid,
    shaper: &mut Shaper<'_>,
    origin: Origin<'_>,
) -> Result<f32> {
    let chars = shaper.shape(
        &[Span::new(text, FontRole::Body)],
        style.body_size_pt,
        origin,
    )?;
    Ok(chars.iter().map(|c| advance(c, grid.cell)).sum())
}

/// The issuer and the date without a seal (7.3.5.2): one blank line under the
/// body, the issuer two characters in from the right, the date on the next line
/// starting two characters right of the issuer's first character; a date longer
/// than the issuer sits two characters in from the right with the issuer
/// centred over it. With a seal (7.3.5.1) the date sits four characters in
/// from the right and the issuer is centred over it.
fn signature_items(
    doc: &Document,
    style: &Style,
    grid: &Grid,
    shaper: &mut Shaper<'_>,
) -> Result<Vec<Item>> {
    let origin = Origin {
        line: 0,
        what: "signature",
    };
    let size = style.body_size_pt;
    let name = shaper.shape(
        &[Span::new(doc.meta.issuer.clone(), FontRole::Body)],
        size,
        origin,
    )?;
    let date = shaper.shape(
        &[Span::new(doc.meta.date.chinese(), FontRole::Body)],
        size,
        origin,
    )?;
    let name_line = natural_line(&name, grid.cell);
    let date_line = natural_line(&date, grid.cell);
    let (wn, wd) = (name_line.right, date_line.right);
    let cell = grid.cell;
    let (name_x, date_x) = if style.seal {
        let date_x = grid.width - 4.0 * cell - wd;
        (date_x + (wd - wn) / 2.0, date_x)
    } else {
        let right = grid.width - style.signature_right_chars as f32 * cell;
        if wd > wn + 0.01 {
            let date_x = right - wd;
            (date_x + (wd - wn) / 2.0, date_x)
        } else {
            let name_x = right - wn;
            (name_x, name_x + 2.0 * cell)
        }
    };
    // An issuer wider than the text block still starts inside it.
    let (name_x, date_x) = (name_x.max(0.0), date_x.max(0.0));
    let mut items = vec![Item::blank(ItemKind::Signature)];
    for (chars, line, x) in [(&name, &name_line, name_x), (&date, &date_line, date_x)] {
        if chars.is_empty() {
            continue;
        }
        let baseline = ascent(shaper, chars);
        items.push(Item {
            lines: 1,
            runs: line_runs(chars, line, grid.left + x, baseline),
            rules: Vec::new(),
            anchors: Vec::new(),
            keep_with_next: false,
            kind: ItemKind::Signature,
            repeat: None,
        });
    }
    Ok(items)
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
