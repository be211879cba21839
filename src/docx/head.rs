//! The head (版头, GB/T 9704-2012 7.2) of the printed form, in the 文件,
//! 纪要 (10.3) and 命令 (10.2) formats; the 信函 format is in [`super::letter`].
//!
//! Every element is a paragraph off the grid with an exact line height, its
//! space before placing its em box where [`super::head_geometry`] says; the
//! head ends exactly on the grid line where the title starts, so the title
//! and the body below it stay on the 22-line grid.

use super::head_geometry::{self as geo, HeadGeometry, Slot, SMALL_PT};
use super::head_xml::{line_for, run, squeeze, tab, width_pt, Face, Jc, Para, RED};
use super::units::line_pitch;
use super::xml::{Element, Node};
use crate::model::{Document, Form, Format, Head};
use crate::style::{mm, FontRole, Style};

/// The red rule's thickness: 1 pt (0.35 mm); 7.2.7 leaves it open.
const RULE_PT: f32 = 1.0;

/// One 3号 character: the unit of the head's indents [4.2].
const CHAR_PT: f32 = SMALL_PT;

/// The elements to put before the title, in order: nothing in the
/// disclosure form or when the front matter gives no head.
pub(crate) fn elements(doc: &Document, style: &Style) -> Vec<Element> {
    let head = &doc.meta.head;
    if doc.meta.form != Form::Printed {
        return Vec::new();
    }
    match doc.meta.format {
        // A letter always shows its red double rules [10.1].
        Format::Letter => super::letter::elements(head, style),
        _ if head.is_empty() => Vec::new(),
        format => document_head(head, format, doc.meta.title.is_empty(), style),
    }
}

/// Puts the head at the start of the document's body (`w:body`).
pub(crate) fn insert(document: &mut Element, doc: &Document, style: &Style) {
    let head = elements(doc, style);
    if head.is_empty() {
        return;
    }
    if let Some(body) = document.find_mut("w:body") {
        body.children
            .splice(0..0, head.into_iter().map(Node::Element));
    }
}

/// Whether page 1 goes without a page number: a printed letter [10.1].
pub(crate) fn unnumbered_first_page(doc: &Document) -> bool {
    doc.meta.form == Form::Printed && doc.meta.format == Format::Letter
}

/// Keeps track of where the last paragraph ended, in points below the block's top.
struct Flow {
    y: f32,
    out: Vec<Element>,
}

impl Flow {
    /// One line of text whose em box's top sits at `slot.top`.
    fn line(&mut self, slot: Slot, mut para: Para) {
        para.before = slot.top - self.y;
        para.line = line_for(slot.size);
        self.y = slot.top + para.line;
        self.out.push(para.element());
    }

    /// An empty paragraph that ends at `y`.
    fn space_to(&mut self, y: f32) {
        if y - self.y > 0.05 {
            self.out
                .push(Para::new(0.0, y - self.y, Jc::Left).element());
            self.y = y;
        }
    }
}

/// `untitled`: the document has no title (an order may have none [10.2]);
/// an order's body then starts on the title's line, under the empty title's
/// line and the blank line after it, so its head ends two lines earlier.
fn document_head(head: &Head, format: Format, untitled: bool, style: &Style) -> Vec<Element> {
    let g = geo::document(head, format, style);
    let mut flow = Flow {
        y: 0.0,
        out: Vec::new(),
    };
    marks(head, &g, &mut flow);
    organ(head, &g, style, &mut flow);
    number_and_signers(head, &g, style, &mut flow);
    // The title starts on the DOCX grid's line m (whole twips: 579 a line).
    let title_line = if untitled && g.rule.is_none() {
        g.title_line.saturating_sub(2)
    } else {
        g.title_line
    };
    let title_top = (title_line as usize * line_pitch(style)) as f32 / 20.0;
    if let Some(rule) = g.rule {
        // The red rule [7.2.7]: the top border of an empty paragraph that
        // runs from the rule down to the title, the block's full width.
        let mut p = Para::new(rule - RULE_PT / 2.0 - flow.y, 0.0, Jc::Left);
        p.line = title_top - (rule + RULE_PT / 2.0);
        p.top_border = Some((RULE_PT, RED));
        flow.out.push(p.element());
        flow.y = title_top;
    } else {
        flow.space_to(title_top);
    }
    flow.out
}

/// 份号 (Times digits), 密级 and 紧急程度 (黑体), flush left [7.2.1–7.2.3].
fn marks(head: &Head, g: &HeadGeometry, flow: &mut Flow) {
    let texts = [
        (&head.copy, FontRole::Body),
        (&head.secrecy, FontRole::Heading1),
        (&head.urgency, FontRole::Heading1),
    ];
    let present = texts
        .iter()
        .filter_map(|(t, r)| t.as_ref().map(|t| (t, *r)));
    for ((text, role), slot) in present.zip(&g.marks) {
        let mut p = Para::new(0.0, 0.0, Jc::Left);
        p.runs.extend(run(text, Face::new(role, slot.size)));
        flow.line(*slot, p);
    }
}

/// The 发文机关标志 [7.2.4]: red 小标宋, centred; a joint issue stacks the
/// organs, the suffix to their right, centred on them.
fn organ(head: &Head, g: &HeadGeometry, style: &Style, flow: &mut Flow) {
    let Some(slot) = g.organ else { return };
    let block = mm(style.text_width_mm);
    let suffix = head.suffix.as_deref().unwrap_or("");
    let face = Face::new(FontRole::Title, slot.size).red();
    // One line: a single organ, or an order's organs run together [10.2].
    if g.organ_lines == 1 {
        let text = format!("{}{suffix}", head.organs.concat());
        let face = face.scaled(squeeze(width_pt(&text, slot.size), block));
        let mut p = Para::new(0.0, 0.0, Jc::Center);
        p.runs.extend(run(&text, face));
        flow.line(slot, p);
        return;
    }
    let widest = head
        .organs
        .iter()
        .map(|o| width_pt(o, slot.size))
        .fold(0.0, f32::max);
    let suffix_w = width_pt(suffix, slot.size);
    let face = face.scaled(squeeze(widest + suffix_w, block));
    let suffix_room = suffix_w * face.scale as f32 / 100.0;
    flow.space_to(slot.top);
    flow.out.push(joint_table(
        &head.organs,
        suffix,
        face,
        block - suffix_room,
        suffix_room,
    ));
    flow.y = slot.top + head.organs.len() as f32 * slot.size;
}

/// A joint issue's 标志 [7.2.4]: a borderless table, one row per organ
/// exactly one em high (the organs stack at their size), each name centred
/// in the left column; the suffix in the right column, its cell merged down
/// all the rows and centred on them.
///
/// Each name's line is 1.1 em (so its em box starts at the row's top, see
/// `head_xml`); the row cuts off only the empty tenth below the em box.
fn joint_table(organs: &[String], suffix: &str, face: Face, left: f32, right: f32) -> Element {
    let tw = |pt: f32| super::units::twips(pt).to_string();
    let dxa = |name: &str, pt: f32| {
        Element::new(name)
            .attr("w:w", &tw(pt))
            .attr("w:type", "dxa")
    };
    let none = |name: &str| Element::new(name).attr("w:val", "nil");
    let mut borders = Element::new("w:tblBorders");
    for side in [
        "w:top",
        "w:left",
        "w:bottom",
        "w:right",
        "w:insideH",
        "w:insideV",
    ] {
        borders = borders.child(none(side));
    }
    let mut margins = Element::new("w:tblCellMar");
    for side in ["w:top", "w:left", "w:bottom", "w:right"] {
        margins = margins.child(dxa(side, 0.0));
    }
    let tbl_pr = Element::new("w:tblPr")
        .child(dxa("w:tblW", left + right))
        .child(Element::new("w:jc").attr("w:val", "center"))
        .child(dxa("w:tblInd", 0.0))
        .child(borders)
        .child(Element::new("w:tblLayout").attr("w:type", "fixed"))
        .child(margins)
        .child(
            Element::new("w:tblLook")
                .attr("w:val", "0000")
                .attr("w:firstRow", "0")
                .attr("w:lastRow", "0")
                .attr("w:firstColumn", "0")
                .attr("w:lastColumn", "0")
                .attr("w:noHBand", "1")
                .attr("w:noVBand", "1"),
        );
    let with_suffix = !suffix.is_empty();
    let mut grid =
        Element::new("w:tblGrid").child(Element::new("w:gridCol").attr("w:w", &tw(left)));
    if with_suffix {
        grid = grid.child(Element::new("w:gridCol").attr("w:w", &tw(right)));
    }
    let line = line_for(face.size_pt);
    let mut tbl = Element::new("w:tbl").child(tbl_pr).child(grid);
    for (i, organ) in organs.iter().enumerate() {
        let mut name = Para::new(0.0, line, Jc::Center);
        name.runs.extend(run(organ, face));
        let mut row = Element::new("w:tr")
            .child(
                Element::new("w:trPr")
                    .child(Element::new("w:cantSplit"))
                    .child(
                        Element::new("w:trHeight")
                            .attr("w:val", &tw(face.size_pt))
                            .attr("w:hRule", "exact"),
                    ),
            )
            .child(
                Element::new("w:tc")
                    .child(Element::new("w:tcPr").child(dxa("w:tcW", left)))
                    .child(name.element()),
            );
        if with_suffix {
            let mut pr = Element::new("w:tcPr").child(dxa("w:tcW", right));
            let content = if i == 0 {
                pr = pr
                    .child(Element::new("w:vMerge").attr("w:val", "restart"))
                    .child(Element::new("w:vAlign").attr("w:val", "center"));
                // A tenth of an em before the 1.1 em line centres the em box,
                // not the line, on the names.
                let mut p = Para::new(face.size_pt * 0.1, line, Jc::Left);
                p.runs.extend(run(suffix, face));
                p.element()
            } else {
                pr = pr.child(Element::new("w:vMerge"));
                Para::new(0.0, 1.0, Jc::Left).element()
            };
            row = row.child(Element::new("w:tc").child(pr).child(content));
        }
        tbl = tbl.child(row);
    }
    tbl
}

/// 发文字号 [7.2.5], centred; in an upward document one character in from
/// the left, level with the last 签发人 line [7.2.6], whose names end one
/// character in from the right, two a line, wrapped names under the first.
fn number_and_signers(head: &Head, g: &HeadGeometry, style: &Style, flow: &mut Flow) {
    let body = Face::new(FontRole::Body, SMALL_PT);
    let kai = Face::new(FontRole::Heading2, SMALL_PT);
    let number = head.number.as_deref().unwrap_or("");
    if !head.is_upward() {
        if !number.is_empty() {
            let mut p = Para::new(0.0, 0.0, Jc::Center);
            p.runs.extend(run(number, body));
            flow.line(g.number, p);
        }
        return;
    }
    const LABEL: &str = "签发人：";
    // The names in two columns as wide as the widest name, one character
    // apart, ending one character in from the right; later lines' names
    // under the first line's, each at a tab stop.
    let block = mm(style.text_width_mm);
    let column = head
        .signers
        .iter()
        .map(|n| width_pt(n, SMALL_PT))
        .fold(0.0, f32::max);
    let columns = head.signers.len().min(2) as f32;
    let names_x = block - CHAR_PT - (columns * column + (columns - 1.0) * CHAR_PT);
    let second_x = names_x + column + CHAR_PT;
    let label_x = names_x - width_pt(LABEL, SMALL_PT);
    let lines: Vec<&[String]> = head.signers.chunks(2).collect();
    let last = lines.len() - 1;
    for (j, (names, slot)) in lines.iter().zip(&g.signers).enumerate() {
        let start = if j == 0 { label_x } else { names_x };
        let mut p = Para::new(0.0, 0.0, Jc::Left);
        if j == last {
            p.left = CHAR_PT;
            p.tabs.push((start, Jc::Left));
            p.runs.extend(run(number, body));
            p.runs.push(tab(body));
        } else {
            p.left = start;
        }
        p.tabs.push((second_x, Jc::Left));
        if j == 0 {
            p.runs.extend(run(LABEL, body));
        }
        for (i, name) in names.iter().enumerate() {
            if i > 0 {
                p.runs.push(tab(kai));
            }
            p.runs.extend(run(name, kai));
        }
        flow.line(*slot, p);
    }
}
