//! An attachment's pages (附件, GB/T 9704 7.3.7 and 8): each starts a new
//! page with "附件N" in 3号黑体 flush left on the block's first line, its
//! title (2号小标宋, centred and balanced like the document's) on line 3,
//! then its own blocks in the body's format. Page numbers continue.

use super::blocks::{block_items, text_items, Parts};
use super::page::{Item, ItemKind};
use super::paragraph::Measure;
use super::shaping::{Origin, Shaper, Span};
use super::{title, Anchor, Grid};
use crate::error::Result;
use crate::model::Attachment;
use crate::style::{FontRole, Style};

/// The items of one attachment, to be paginated from the top of a new page.
#[allow(clippy::too_many_arguments)]
pub(crate) fn attachment_items(
    attachment: &Attachment,
    label: &str,
    issuer: &str,
    style: &Style,
    grid: &Grid,
    shaper: &mut Shaper<'_>,
    parts: &mut Parts,
) -> Result<Vec<Item>> {
    let measure = Measure {
        width: grid.width,
        cell: grid.cell,
        first_indent: 0.0,
        rest_indent: 0.0,
        justify: false,
    };
    let mut items = text_items(
        &[Span::new(label, FontRole::Heading1)],
        style,
        grid,
        shaper,
        measure,
        Origin {
            line: attachment.line,
            what: "attachment label",
        },
        None,
        false,
    )?;
    parts.whole(&mut items, 0);
    // In the outline, the attachment holds its own numbered headings.
    if let Some(first) = items.first_mut() {
        first.anchors.push(Anchor {
            level: 0,
            title: format!("{label} {}", attachment.title),
            y: 0.0,
        });
    }
    // Line 2 is blank: the title is on the page's third line (8 "第三行").
    items.push(Item::blank(ItemKind::Blank));
    let mark = items.len();
    items.extend(title::title_items(
        &attachment.title,
        issuer,
        style,
        grid,
        shaper,
    )?);
    parts.whole(&mut items[mark..], 0);
    let (under_title, body) = crate::model::split_speech_opening(&attachment.blocks);
    block_items(under_title, style, grid, shaper, parts, &mut items)?;
    // One blank line between the title part and the attachment's text, as
    // under the document's title.
    items.push(Item::blank(ItemKind::Blank));
    block_items(body, style, grid, shaper, parts, &mut items)?;
    Ok(items)
}
