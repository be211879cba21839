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
use crate::model::wording;
use crate::style::{FontRole, Style};

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
        &[Span::new(wording::addressee_line(names), FontRole::Body)],
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
