//! The document body: title, index block, 主送, the blocks of the model, the
//! attachment note, then the signature, attachment pages and closing block
//! (each in its own module) — as docx-rs paragraphs and tables.

use super::kinds;
use super::styles::{self as st, heading, heading_char};
use super::table;
use super::text::{add_text, breakable_placeholder, ZERO_WIDTH_SPACE};
use super::units::{body_char, twips_mm, width_in_chars};
use crate::error::Result;
use crate::model::{Block, Document, Heading, Inline, List, Paragraph};
use crate::style::Style;
use docx_rs::{Paragraph as P, Run, SpecialIndentType, Table as T};

/// A paragraph or a table, in reading order. Each is built once and moved
/// straight into the document, so the size difference does not matter.
#[allow(clippy::large_enum_variant)]
pub(crate) enum Part {
    P(P),
    T(T),
}

/// The official dash that leads each list item.
const DASH: &str = "——";

/// A title with a line break at each balanced break.
pub(crate) fn title_lines(title: &str, issuer: &str, style: &Style) -> String {
    let breaks = crate::layout::title::balanced_breaks(title, issuer, style);
    let mut out = String::new();
    for (i, c) in title.chars().enumerate() {
        if breaks.contains(&i) {
            out.push('\n');
        }
        out.push(c);
    }
    out
}

pub(crate) fn body(doc: &Document, style: &Style) -> Result<Vec<Part>> {
    let mut out = Vec::new();
    // Title [7.3.1], broken into balanced lines (a trapezoid or diamond, as
    // the printed copy has it), then one blank line: the body starts a line
    // below it, as a 主送机关 would [7.3.2].
    out.push(Part::P(P::new().style(st::TITLE).add_run(add_text(
        Run::new(),
        &title_lines(&doc.meta.title, &doc.meta.issuer, style),
    ))));
    // A speech's subtitle and speaker lines stand right under its title.
    let (under_title, rest) = crate::model::split_speech_opening(&doc.blocks);
    blocks(under_title, style, &mut out)?;
    out.push(blank());
    // The index block is the disclosure copy's; the printed form has the head.
    let disclosure = doc.meta.form == crate::model::Form::Disclosure;
    if let Some(index) = table::index_table(&doc.meta.index, style).filter(|_| disclosure) {
        out.push(Part::T(index));
        out.push(blank());
    }
    // 主送机关 on the line after the blank [7.3.2].
    out.extend(super::addressees::addressees(doc, style));
    blocks(rest, style, &mut out)?;
    if !doc.meta.attachments.is_empty() {
        // One blank line below the body [7.3.4].
        out.push(blank());
        out.extend(attachments(&doc.meta.attachments, style));
    }
    // A 纪要's attendance lists [10.3].
    out.extend(super::attendance::attendance(&doc.meta.attendance, style));
    // Issuer(s), date and note [7.3.5, 7.3.6].
    out.extend(super::signature::signature(&doc.meta, style));
    out.extend(super::attachment::attachment_pages(doc, style)?);
    out.extend(super::closing::closing(doc, style));
    Ok(out)
}

/// The blocks of a body (the document's or an attachment's), in order.
pub(crate) fn blocks(blocks: &[Block], style: &Style, out: &mut Vec<Part>) -> Result<()> {
    for block in blocks {
        match block {
            Block::Heading(h) => out.push(Part::P(heading_paragraph(h))),
            Block::Paragraph(p) => out.push(Part::P(paragraph(p, style))),
            Block::List(l) => out.extend(list(l)),
            // Word calls a table without rows damaged; an empty table shows nothing anyway.
            Block::Table(t) => {
                if let Some(t) = table::body_table(t, style)? {
                    out.push(Part::T(t));
                    // A blank line keeps the next paragraph clear of the
                    // bottom border, as in the PDF.
                    out.push(blank());
                }
            }
        }
    }
    Ok(())
}

pub(crate) fn blank() -> Part {
    Part::P(P::new().style(st::NORMAL))
}

/// The runs of some inline content; placeholders stand out in yellow so no
/// missing value goes to print unnoticed.
fn runs(p: P, content: &[Inline], char_style: Option<&str>) -> P {
    styled_runs(p, content, char_style, false)
}

/// [`runs`], all bold when `bold`.
pub(crate) fn styled_runs(mut p: P, content: &[Inline], char_style: Option<&str>, bold: bool) -> P {
    for inline in content.iter().filter(|i| !i.visible().is_empty()) {
        let base = || {
            let mut run = Run::new();
            if let Some(s) = char_style {
                run = run.style(s);
            }
            if bold || matches!(inline, Inline::Strong(_)) {
                run = run.bold();
            }
            run
        };
        match inline {
            Inline::Text(_) | Inline::Strong(_) => {
                p = p.add_run(add_text(base(), &inline.visible()));
            }
            Inline::Placeholder(_) => {
                // Each zero-width space (a break opportunity) in a run of its
                // own without the body's character spacing: it then takes no
                // width at all, and the placeholder's letters keep the same
                // advances as any Latin text, as the PDF sets them.
                let text = breakable_placeholder(&inline.visible());
                for (i, part) in text.split(ZERO_WIDTH_SPACE).enumerate() {
                    let marked = || base().highlight("yellow");
                    if i > 0 {
                        p = p.add_run(
                            marked()
                                .character_spacing(0)
                                .add_text(ZERO_WIDTH_SPACE.to_string()),
                        );
                    }
                    if !part.is_empty() {
                        p = p.add_run(add_text(marked(), part));
                    }
                }
            }
        }
    }
    p
}

fn heading_paragraph(h: &Heading) -> P {
    let p = P::new()
        .style(heading(h.level))
        .add_run(add_text(Run::new(), &h.number));
    runs(p, &h.content, None)
}

/// A paragraph, with its run-in heading (if any) as leading runs in the
/// heading's character style: "(一)提高政治站位……。全州科技系统……" [7.3.3].
///
/// The paragraph carries the heading's outline level, so Word's navigation
/// pane (and LibreOffice's navigator) lists it with the other headings. Word's
/// style separator (a hidden paragraph mark after the heading) would list the
/// heading alone, but LibreOffice before 24.8 sets the two halves as two
/// paragraphs — the heading on a line of its own — so the copies would no
/// longer agree.
fn paragraph(para: &Paragraph, style: &Style) -> P {
    let mut p = P::new().style(kinds::style_of(para.kind));
    if let Some(h) = &para.heading {
        p = p.outline_lvl(h.level.clamp(1, 9) as usize - 1);
        let cs = heading_char(h.level);
        p = p.add_run(add_text(Run::new().style(cs), &h.number));
        p = runs(p, &h.content, Some(cs));
    }
    if para.heading.is_none() && kinds::is_centred(para.kind) {
        if let Some(indent) = kinds::balanced_indent(&crate::model::plain(&para.content), style) {
            p = p.indent(Some(indent), None, Some(indent), None);
        }
    }
    kinds::finish(runs(p, &para.content, None), para.kind)
}

/// One "——item" paragraph per item.
fn list(l: &List) -> Vec<Part> {
    l.items
        .iter()
        .map(|item| {
            let p = P::new()
                .style(st::LIST_DASH)
                .add_run(Run::new().add_text(DASH));
            Part::P(runs(p, item, None))
        })
        .collect()
}

/// The text block's width in twips [5.2.1].
pub(crate) fn measure(style: &Style) -> usize {
    twips_mm(style.text_width_mm).max(1) as usize
}

/// The attachment note [7.3.4]: two characters in, "附件：1.××××"; further
/// names numbered and aligned under the first, as are wrapped lines.
fn attachments(names: &[String], style: &Style) -> Vec<Part> {
    const LABEL: &str = "附件：";
    let ch = body_char(style);
    let indent = ch * style.indent_chars as i32;
    let label = ch * width_in_chars(LABEL) as i32;
    let numbered = names.len() > 1;
    names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let number = if numbered {
                format!("{}.", i + 1)
            } else {
                String::new()
            };
            // Wrapped lines align with the name, after the label and number.
            let hang = label + (ch as f32 * width_in_chars(&number)) as i32;
            let mut p = P::new().style(st::ATTACHMENT).indent(
                Some(indent + hang),
                Some(SpecialIndentType::Hanging(if i == 0 {
                    hang
                } else {
                    hang - label
                })),
                None,
                None,
            );
            if i == 0 {
                p = p.add_run(Run::new().add_text(LABEL));
            }
            Part::P(p.add_run(add_text(Run::new(), &format!("{number}{name}"))))
        })
        .collect()
}
