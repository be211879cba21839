//! 主送机关 (GB/T 9704 7.3.2): one blank line under the title, flush left,
//! wrapped lines flush left too, a full-width colon after the last name.
//! When the head, the title and the list would fill page 1 with no body text
//! (7.3.3 wants the body to start on page 1), the list moves to the closing
//! block as "主送：" (7.4.2).

use super::blocks::text_items;
use super::page::Item;
use super::paragraph::Measure;
use super::shaping::{Origin, Shaper, Span};
use super::Grid;
use crate::error::Result;
use crate::style::{FontRole, Style};

/// Between two addressees: a full-width comma, as 公文 list organs of
/// different kinds ("各县市人民政府，州直各部门").
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
        width: grid.width,
        cell: grid.cell,
        first_indent: 0.0,
        rest_indent: 0.0,
        justify: true,
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

/// Whether the addressees leave page 1 without a line of body text: what
/// stands above them (head, title, blank lines) and they fill its grid.
pub(crate) fn must_move(above: &[Item], addressees: &[Item], grid: &Grid) -> bool {
    if addressees.is_empty() {
        return false;
    }
    let lines = |items: &[Item]| items.iter().map(|i| i.lines).sum::<u32>();
    lines(above) + lines(addressees) >= grid.lines
}
