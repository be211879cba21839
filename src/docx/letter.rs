//! The 信函格式 head (GB/T 9704-2012 10.1): the 标志 30 mm from the paper's
//! top, a red double rule (thick over thin) 4 mm below it and another (thin
//! over thick) 20 mm above the paper's bottom, both 170 mm long and centred
//! on the page; 份号/密级/紧急 flush left and the 文号 flush right under the
//! rule; the title two lines below them. Page 1 has no page number (a
//! first-page footer without one, see `super::build`).
//!
//! The 标志 and the rules lie outside the text block (or across its top
//! edge), so they are frames placed on the page (`w:framePr`, anchored to
//! the page, text flowing through them): they take no room in the text's
//! flow, and the lines under the rule are placed from the block's top as in
//! the 文件 format.

use super::head_geometry::{self as geo, SMALL_PT};
use super::head_xml::{line_for, run, squeeze, tab, width_pt, Face, Jc, Para, RED};
use super::units::{line_pitch, twips, twips_mm};
use super::xml::Element;
use crate::model::Head;
use crate::style::{mm, FontRole, Style};

/// A frame at (`x_mm`, `y_mm`) from the paper's top-left corner, `w_mm` wide
/// and exactly `h_pt` high; text flows through it.
fn frame(x_mm: f32, y_mm: f32, w_mm: f32, h_pt: f32) -> Element {
    Element::new("w:framePr")
        .attr("w:w", &twips_mm(w_mm).to_string())
        .attr("w:h", &twips(h_pt).to_string())
        .attr("w:hRule", "exact")
        .attr("w:wrap", "through")
        .attr("w:vAnchor", "page")
        .attr("w:hAnchor", "page")
        .attr("w:x", &twips_mm(x_mm).to_string())
        .attr("w:y", &twips_mm(y_mm).to_string())
}

/// A double rule in a frame whose top edge is `y_mm` from the paper's top:
/// the top line `upper` thick, the bottom `lower`, the gap between.
fn double_rule(style: &Style, y_mm: f32, upper_mm: f32, lower_mm: f32) -> Element {
    let x = (style.page_width_mm - geo::LETTER_RULE_LENGTH_MM) / 2.0;
    let mut p = Para::new(0.0, mm(geo::LETTER_RULE_APART_MM), Jc::Left);
    p.top_border = Some((mm(upper_mm), RED));
    p.bottom_border = Some((mm(lower_mm), RED));
    p.frame = Some(frame(
        x,
        y_mm,
        geo::LETTER_RULE_LENGTH_MM,
        geo::letter_rule_height(),
    ));
    p.element()
}

pub(crate) fn elements(head: &Head, style: &Style) -> Vec<Element> {
    let g = geo::letter(head, style);
    let block = mm(style.text_width_mm);
    let mut out = Vec::new();
    // The 标志: the organs stacked, one line each, no 文件 [10.1]; red
    // 小标宋, every line squeezed alike to the block. Each line is a frame
    // of its own, one em high (its em box starts at the frame's top, see
    // `head_xml`; the frame cuts off only the empty tenth below it).
    let size = g.organ.size;
    let widest = head
        .organs
        .iter()
        .map(|o| width_pt(o, size))
        .fold(0.0, f32::max);
    let face = Face::new(FontRole::Title, size)
        .red()
        .scaled(squeeze(widest, block));
    for (i, organ) in head.organs.iter().enumerate() {
        let mut p = Para::new(0.0, line_for(size), Jc::Center);
        p.runs.extend(run(organ, face));
        p.frame = Some(frame(
            style.margin_left_mm,
            geo::LETTER_MARK_FROM_PAPER_MM + i as f32 * size / crate::style::PT_PER_MM,
            style.text_width_mm,
            size,
        ));
        out.push(p.element());
    }
    let rule_top_mm = style.margin_top_mm + g.rule_top / crate::style::PT_PER_MM;
    out.push(double_rule(
        style,
        rule_top_mm,
        geo::LETTER_THICK_MM,
        geo::LETTER_THIN_MM,
    ));
    let foot_mm = style.page_height_mm
        - geo::LETTER_FOOT_RULE_MM
        - geo::letter_rule_height() / crate::style::PT_PER_MM;
    out.push(double_rule(
        style,
        foot_mm,
        geo::LETTER_THIN_MM,
        geo::LETTER_THICK_MM,
    ));
    // The lines under the rule, in the text's flow from the block's top.
    let body = Face::new(FontRole::Body, SMALL_PT);
    let hei = Face::new(FontRole::Heading1, SMALL_PT);
    let marks: Vec<(&String, Face)> = [
        (&head.copy, body),
        (&head.secrecy, hei),
        (&head.urgency, hei),
    ]
    .into_iter()
    .filter_map(|(t, f)| t.as_ref().map(|t| (t, f)))
    .collect();
    let lines = marks.len().max(usize::from(head.number.is_some()));
    let mut y = 0.0;
    for i in 0..lines {
        let top = g.first_line + i as f32 * geo::pitch(style);
        let mut p = Para::new(top - y, line_for(SMALL_PT), Jc::Left);
        if let Some((text, face)) = marks.get(i) {
            p.runs.extend(run(text, *face));
        }
        if i == 0 {
            if let Some(number) = &head.number {
                p.tabs.push((block, Jc::Right));
                p.runs.push(tab(body));
                p.runs.extend(run(number, body));
            }
        }
        y = top + p.line;
        out.push(p.element());
    }
    let title_top = (g.title_line as usize * line_pitch(style)) as f32 / 20.0;
    if title_top - y > 0.05 {
        out.push(Para::new(0.0, title_top - y, Jc::Left).element());
    }
    out
}
