//! 主送机关 (GB/T 9704 7.3.2): one blank line under the title, flush left,
//! wrapped lines flush left too, a full-width colon after the last name.
//! When page 1 would show no body text under the head, the title and the
//! list (7.3.3 wants the body to start on page 1), the list moves to the
//! closing block as "主送：" (7.4.2).

use super::blocks::text_items;
use super::kinds::paragraph_measure;
use super::page::Item;
use super::paragraph::Measure;
use super::shaping::{Origin, Shaper, Span};
use super::{Grid, Page, Part};
use crate::error::Result;
use crate::style::{FontRole, Style};

/// Between two addressees: a full-width comma, as 公文 list organs of
/// different kinds ("各县市人民政府，州直各部门"); 7.3.2 fixes only the
/// colon after the last, and 7.4.2 the comma between 抄送 organs.
pub(crate) const SEPARATOR: &str = "\u{FF0C}";

/// The addressee line's text: the names and a full-width colon (7.3.2).
pub(crate) fn addressee_text(names: &[String]) -> String {
    format!("{}\u{FF1A}", names.join(SEPARATOR))
}

/// The addressee lines, body size, flush left; none when there are none.
pub(crate) fn addressee_items(
    names: &[String],
    style: &Style,
    grid: &Grid,
    shaper: &mut Shaper<'_>,
) -> Result<Vec<Item>> {
    if names.is_empty() {
        return Ok(Vec::new());
    }
    let measure = Measure {
        first_indent: 0.0,
        ..paragraph_measure(style, grid)
    };
    text_items(
        &[Span::new(addressee_text(names), FontRole::Body)],
        style,
        grid,
        shaper,
        measure,
        Origin {
            line: 0,
            what: "addressees (主送)",
        },
        None,
        false,
    )
}

/// Whether a page shows the body: a part at or after `body_part` (the
/// first after the 主送), once pagination has placed everything (the head,
/// the title, the 主送 and the lines 7.3.5.5 carries over to the signature).
pub(crate) fn shows_body(page: &Page, body_part: u32) -> bool {
    page.runs
        .iter()
        .any(|r| matches!(r.part, Part::Block { index, .. } if index >= body_part))
}
