//! Page numbers [7.5]: "— N —" in 4号 宋体, one character in from the right
//! on odd pages and from the left on even pages (even/odd footers).

use super::styles as st;
use super::units::twips;
use crate::style::Style;
use docx_rs::{AlignmentType, Footer, PageNum, Paragraph, Run};

/// The dash on each side of the number (一字线).
const DASH: &str = "—";

/// Odd pages: right aligned, one character in.
pub(crate) fn odd(style: &Style) -> Footer {
    footer(style, AlignmentType::Right)
}

/// Even pages: left aligned, one character in.
pub(crate) fn even(style: &Style) -> Footer {
    footer(style, AlignmentType::Left)
}

fn footer(style: &Style, align: AlignmentType) -> Footer {
    // One character of the page number's own size.
    let one = twips(style.page_number_size_pt);
    let (left, right) = match align {
        AlignmentType::Left => (Some(one), None),
        _ => (None, Some(one)),
    };
    let p = Paragraph::new()
        .style(st::FOOTER)
        .align(align)
        .indent(left, None, right, None)
        .add_run(Run::new().add_text(format!("{DASH} ")))
        .add_page_num(PageNum::new())
        .add_run(Run::new().add_text(format!(" {DASH}")));
    Footer::new().add_paragraph(p)
}

/// A footer without a page number, for a first page that shows none [10.1].
pub(crate) fn blank() -> Footer {
    Footer::new().add_paragraph(Paragraph::new().style(st::FOOTER))
}
