//! A 纪要's attendance lists [10.3]: one blank line after the body (or the
//! attachment note), each list two characters in, its label "出席：" in
//! 3号黑体 and the names in 3号仿宋, wrapped lines aligned after the colon.

use super::body::{blank, Part};
use super::styles as st;
use super::text::add_text;
use super::units::{body_char, width_in_chars};
use crate::model::{wording, Attendance};
use crate::style::{FontRole, Style};
use docx_rs::{Paragraph as P, Run, SpecialIndentType};

/// The lists, after one blank line; nothing when there are none.
pub(crate) fn attendance(lists: &[Attendance], style: &Style) -> Vec<Part> {
    let lists: Vec<&Attendance> = lists.iter().filter(|a| !a.names.is_empty()).collect();
    if lists.is_empty() {
        return Vec::new();
    }
    let ch = body_char(style);
    let indent = ch * style.indent_chars as i32;
    let mut out = vec![blank()];
    for list in lists {
        let label = format!("{}：", list.label);
        let hang = (ch as f32 * width_in_chars(&label)).round() as i32;
        let mut p = P::new().style(st::NORMAL).indent(
            Some(indent + hang),
            Some(SpecialIndentType::Hanging(hang)),
            None,
            None,
        );
        // The label in 黑体, the names in the body's 仿宋.
        p = p.add_run(add_text(
            Run::new().fonts(st::fonts(FontRole::Heading1)),
            &label,
        ));
        let names = wording::attendance_names(&list.names);
        out.push(Part::P(p.add_run(add_text(Run::new(), &names))));
    }
    out
}
