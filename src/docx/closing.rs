//! The closing block (版记, 7.4) of the printed 公文: 抄送 and the 印发 line
//! in 4号仿宋 between rules of the text block's width, at the bottom of the
//! last page.
//!
//! It is a floating table (`w:tblpPr`) of the block's width whose bottom is
//! the text block's bottom edge (`vertAnchor="margin" tblpYSpec="bottom"`):
//! Word and LibreOffice both put it at the foot of the page it falls on and
//! set that page's text clear of it, so it sits on the last page when it
//! fits there and on a new page when it does not. The rules are the table's
//! borders: the first and last 0.35 mm (top and bottom), the one between
//! the 抄送 and the 印发 line 0.25 mm (between the rows) [7.4.1]; a border,
//! unlike a paragraph's, is not shortened by the indents of the text.
//!
//! Tried and dropped: a frame of paragraphs (`w:framePr`) with paragraph
//! borders — LibreOffice 7.4 does not make a frame of bordered paragraphs
//! and sets them inline; and a table placed from the margin — LibreOffice
//! sets a floating table as wide as the block inline too, unless it is
//! placed from the page's edge, as this one is.

use super::addressees::moved_to_closing;
use super::body::{measure, Part};
use super::styles as st;
use super::text::add_text;
use super::units::{half_points, line_pitch, twips, twips_mm};
use super::xml::{Element, Node};
use crate::model::{wording, Document, Form, Format};
use crate::style::{FontRole, Style};
use docx_rs::{
    AlignmentType, BorderType, LineSpacing, LineSpacingType, Paragraph as P, Run,
    SpecialIndentType, Tab, TabValueType, Table as T, TableBorder, TableBorderPosition,
    TableBorders, TableCell, TableCellMargins, TableLayoutType, TablePositionProperty, TableRow,
    WidthType,
};

/// 4号 = 14 pt: every line of the 版记 [7.4.2, 7.4.3].
const SIZE_PT: f32 = 14.0;

/// The first and last rules: 0.35 mm ≈ 1 pt, in eighths of a point [7.4.1].
const RULE_THICK: usize = 8;

/// The rules between: 0.25 mm ≈ 0.75 pt, in eighths of a point [7.4.1].
const RULE_THIN: usize = 6;

/// The paragraph that ends the document after the table (Word keeps one
/// there): one point high, so it never needs a page of its own.
const HAIRLINE_TWIPS: i32 = 20;

/// Rules are black (only the head's are red, 7.2.7).
const RULE_COLOUR: &str = "000000";

/// Whether the document gets a closing block: the printed form with
/// something to close with (a moved 主送 is something) [7.4].
pub(crate) fn has_closing(doc: &Document, style: &Style) -> bool {
    doc.meta.form == Form::Printed && (!doc.meta.closing.is_empty() || moved_to_closing(doc, style))
}

/// The 版记 and the document's last paragraph; nothing in the disclosure copy.
pub(crate) fn closing(doc: &Document, style: &Style) -> Vec<Part> {
    if !has_closing(doc, style) {
        return Vec::new();
    }
    let meta = &doc.meta;
    let c = &meta.closing;
    // A letter's 版记 has no printing office, date or rules [10.1].
    let letter = meta.format == Format::Letter;
    let one = twips(SIZE_PT);
    let width = measure(style);
    let mut rows = Vec::new();
    // A moved 主送 on the line above the 抄送, no rule between [7.4.2]:
    // both in the first row.
    let mut first = Vec::new();
    if moved_to_closing(doc, style) {
        first.push(labelled("主送", &meta.addressees, one, style));
    }
    if !c.cc.is_empty() {
        first.push(labelled("抄送", &c.cc, one, style));
    }
    if !first.is_empty() {
        rows.push(row(first, width));
    }
    if !letter && (c.printer.is_some() || c.printed.is_some()) {
        let date = c
            .printed
            .as_ref()
            .map(|d| wording::printing_date(d))
            .unwrap_or_default();
        let printer = c.printer.as_deref().unwrap_or_default();
        // The office one character in, the date one character in from the
        // right [7.4.3]: a left and a right tab stop.
        let p = line(style)
            .align(AlignmentType::Left)
            .add_tab(Tab::new().val(TabValueType::Left).pos(one as usize))
            .add_tab(
                Tab::new()
                    .val(TabValueType::Right)
                    .pos(width.saturating_sub(one as usize)),
            )
            .add_run(text_run(&format!("\t{printer}\t{date}")));
        rows.push(row(vec![p], width));
    }
    if rows.is_empty() {
        return Vec::new();
    }
    let mut table = T::new(rows)
        .width(width, WidthType::Dxa)
        .set_grid(vec![width])
        .layout(TableLayoutType::Fixed)
        .margins(TableCellMargins::new().margin(0, 0, 0, 0))
        .position(
            TablePositionProperty::new()
                .left_from_text(0)
                .right_from_text(0)
                .horizontal_anchor("page")
                .position_x(twips_mm(style.margin_left_mm))
                .vertical_anchor("margin")
                .position_y_alignment("bottom"),
        );
    table = table.set_borders(if letter {
        TableBorders::with_empty()
    } else {
        TableBorders::with_empty()
            .set(rule(TableBorderPosition::Top, RULE_THICK))
            .set(rule(TableBorderPosition::InsideH, RULE_THIN))
            .set(rule(TableBorderPosition::Bottom, RULE_THICK))
    });
    vec![
        Part::T(table),
        Part::P(
            P::new()
                .style(st::NORMAL)
                .snap_to_grid(false)
                .line_spacing(exact(HAIRLINE_TWIPS))
                .size(2),
        ),
    ]
}

/// One row of the block's width.
fn row(paragraphs: Vec<P>, width: usize) -> TableRow {
    let cell = paragraphs
        .into_iter()
        .fold(TableCell::new().width(width, WidthType::Dxa), |c, p| {
            c.add_paragraph(p)
        });
    TableRow::new(vec![cell])
}

fn rule(position: TableBorderPosition, size: usize) -> TableBorder {
    TableBorder::new(position)
        .border_type(BorderType::Single)
        .size(size)
        .color(RULE_COLOUR)
}

/// A 版记 line: 4号仿宋, one grid line high (5.2.3).
fn line(style: &Style) -> P {
    P::new()
        .style(st::NORMAL)
        .snap_to_grid(false)
        .line_spacing(exact(line_pitch(style) as i32))
        .size(half_points(SIZE_PT))
        .fonts(st::fonts(FontRole::Body))
}

fn exact(twips: i32) -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(twips)
}

/// "抄送：" (or "主送：") and the organs, one character in from the left and
/// right, wrapped lines aligned after the colon, a full stop after the last
/// [7.4.2].
fn labelled(label: &str, names: &[String], one: i32, style: &Style) -> P {
    // The label and its full-width colon, one character each.
    let hang = one * (label.chars().count() as i32 + 1);
    let text = wording::closing_list(label, names);
    line(style)
        .align(AlignmentType::Both)
        .indent(
            Some(one + hang),
            Some(SpecialIndentType::Hanging(hang)),
            Some(one),
            None,
        )
        .add_run(text_run(&text))
}

/// A run of 4号 text at its natural spacing (the body's −0.25 pt fits 3号
/// characters to the grid; 4号 lines have room).
fn text_run(text: &str) -> Run {
    add_text(
        Run::new().size(half_points(SIZE_PT)).character_spacing(0),
        text,
    )
}

/// Printed on both sides [7.4, 7.5]: the 版记 starts a section of its own
/// on an even page (`w:type evenPage`: Word and LibreOffice leave a blank
/// page before it when the text ends on an even page), and that page shows
/// no number (`w:titlePg` with no first-page footer; the blank page has
/// none either). The text's section keeps the document's properties, carried
/// by a hairline paragraph before the 版记.
///
/// Which page the text ends on is Word's to decide, so the 版记 always gets
/// a page of its own here, even when it would fit under the text of an even
/// last page.
pub(crate) fn even_page_section(document: &mut Element) {
    let Some(body) = document.find_mut("w:body") else {
        return;
    };
    let floating = |n: &Node| {
        matches!(n, Node::Element(t) if t.name == "w:tbl"
            && t.children.iter().any(|p| matches!(p, Node::Element(p) if p.name == "w:tblPr"
                && p.children.iter().any(|c| matches!(c, Node::Element(c) if c.name == "w:tblpPr")))))
    };
    let Some(at) = body.children.iter().position(floating) else {
        return;
    };
    let Some(text_section) = body.find_mut("w:sectPr").map(|s| s.clone()) else {
        return;
    };
    let val = |name: &str, v: &str| Element::new(name).attr("w:val", v);
    let hairline = HAIRLINE_TWIPS.to_string();
    let hairline_ppr = Element::new("w:pPr")
        .child(val("w:pStyle", st::NORMAL))
        .child(val("w:snapToGrid", "0"))
        .child(
            Element::new("w:spacing")
                .attr("w:line", &hairline)
                .attr("w:lineRule", "exact"),
        )
        .child(
            Element::new("w:rPr")
                .child(val("w:sz", "2"))
                .child(val("w:szCs", "2")),
        );
    let section_break = Element::new("w:p").child(hairline_ppr.clone().child(text_section));
    // The 版记's section starts with a paragraph: LibreOffice loses the
    // section's page break when a floating table comes first.
    let start = Element::new("w:p").child(hairline_ppr);
    body.children.insert(at, Node::Element(start));
    body.children.insert(at, Node::Element(section_break));
    if let Some(last) = body.find_mut("w:sectPr") {
        last.put(val("w:type", "evenPage"));
        last.put(Element::new("w:titlePg"));
    }
}
