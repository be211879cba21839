//! A 纪要's attendance lists (GB/T 9704 10.3): two characters in, "出席："
//! in 3号黑体 and the names in 3号仿宋 separated by "、", wrapped lines
//! aligned after the colon; then "请假：" and "列席：" the same way.

use super::blocks::text_items;
use super::kinds::paragraph_measure;
use super::page::Item;
use super::paragraph::Measure;
use super::shaping::{Origin, Shaper, Span};
use super::Grid;
use crate::error::Result;
use crate::model::{wording, Attendance};
use crate::style::{FontRole, Style};

/// One list's lines; none when it names no one.
pub(crate) fn attendance_items(
    list: &Attendance,
    style: &Style,
    grid: &Grid,
    shaper: &mut Shaper<'_>,
) -> Result<Vec<Item>> {
    if list.names.is_empty() {
        return Ok(Vec::new());
    }
    let origin = Origin {
        line: 0,
        what: "attendance list",
    };
    let label = format!("{}\u{FF1A}", list.label);
    // Two characters in, as a paragraph; wrapped lines after the colon.
    let paragraph = paragraph_measure(style, grid);
    let label_width = label.chars().count() as f32 * paragraph.cell;
    let measure = Measure {
        rest_indent: paragraph.first_indent + label_width,
        ..paragraph
    };
    let spans = [
        Span::new(label, FontRole::Heading1),
        Span::new(wording::attendance_names(&list.names), FontRole::Body),
    ];
    text_items(&spans, style, grid, shaper, measure, origin, None, false)
}
