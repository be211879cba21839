//! 主送机关 [7.3.2]: one blank line below the title, flush left with no
//! indent, wrapped lines flush left too, a full-width colon after the last.
//! When the head, title and 主送 would fill page 1 and leave it without
//! body text, the 主送 moves to the closing block as "主送：" [7.3.2, 7.4.2].

use super::body::Part;
use super::styles as st;
use super::text::add_text;
use super::units::width_in_chars;
use crate::model::{wording, Document, Form, Format};
use crate::style::Style;
use docx_rs::{Paragraph as P, Run};

/// The addressee line under the title; nothing when there are none or
/// when they move to the closing block.
pub(crate) fn addressees(doc: &Document, style: &Style) -> Option<Part> {
    let names = &doc.meta.addressees;
    if names.is_empty() || moved_to_closing(doc, style) {
        return None;
    }
    // Normal: no first-line indent [7.3.2 "顶格"], justified like the body.
    let text = wording::addressee_line(names);
    Some(Part::P(
        P::new()
            .style(st::NORMAL)
            .add_run(add_text(Run::new(), &text)),
    ))
}

/// Whether the 主送 goes to the closing block: in the printed form, when
/// the grid lines above the body — the head's, the title's, the blank line
/// and the 主送's own — leave none of page 1's 22 for body text [7.3.2].
pub(crate) fn moved_to_closing(doc: &Document, style: &Style) -> bool {
    let m = &doc.meta;
    if m.form != Form::Printed || m.addressees.is_empty() {
        return false;
    }
    let per_line = style.chars_per_line as f32;
    let text = wording::addressee_line(&m.addressees);
    let addressee_lines = (width_in_chars(&text) / per_line).ceil() as u32;
    let title_lines =
        crate::layout::title::balanced_breaks(&m.title, &m.issuer, style).len() as u32 + 1;
    let used = title_line(doc) + title_lines + 1 + addressee_lines;
    used >= style.lines_per_page
}

/// The grid line the title starts on under the head (issue plan, "The
/// geometry both writers follow"): 9 + k + (s − 1) below a 文件 head of k
/// organs and s lines of 签发人; an order's title two lines under its number
/// (20 mm ≈ 2 lines, the 标志, two lines, the number, two lines: line 7); a
/// letter's two lines under the lines below its double rule (line 3); with
/// no 标志, under the lines of 份号, 密级 and 紧急程度.
fn title_line(doc: &Document) -> u32 {
    let h = &doc.meta.head;
    if h.organs.is_empty() {
        return [&h.copy, &h.secrecy, &h.urgency]
            .iter()
            .filter(|x| x.is_some())
            .count() as u32;
    }
    match doc.meta.format {
        Format::Order => 7,
        Format::Letter => 3,
        Format::Document | Format::Minutes => {
            let k = h.organs.len() as u32;
            let s = (h.signers.len() as u32).div_ceil(2).max(1);
            9 + k + (s - 1)
        }
    }
}
