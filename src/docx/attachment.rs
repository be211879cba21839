//! Attachment pages [7.3.7, 8]: each starts a new page with "附件N" in
//! 3号黑体 flush left on the first line, a blank line, its title centred on
//! line 3 as the main title is set (a speech's subtitle and speaker lines
//! under it), a blank line, then its own blocks in the body's format. Page
//! numbers continue: the pages stay in the one section.

use super::body::{blank, blocks, title_lines, Part};
use super::styles as st;
use super::text::add_text;
use crate::error::Result;
use crate::model::{attachment_label, Document};
use crate::style::{FontRole, Style};
use docx_rs::{AlignmentType, Paragraph as P, Run};

/// Every attachment's pages, in order.
pub(crate) fn attachment_pages(doc: &Document, style: &Style) -> Result<Vec<Part>> {
    let count = doc.attachments.len();
    let mut out = Vec::new();
    for (i, a) in doc.attachments.iter().enumerate() {
        let label = attachment_label(i + 1, count);
        out.push(Part::P(
            P::new()
                .style(st::NORMAL)
                .align(AlignmentType::Left)
                .page_break_before(true)
                .keep_next(true)
                .add_run(add_text(
                    Run::new().fonts(st::fonts(FontRole::Heading1)),
                    &label,
                )),
        ));
        out.push(blank());
        out.push(Part::P(P::new().style(st::TITLE).add_run(add_text(
            Run::new(),
            &title_lines(&a.title, &doc.meta.issuer, style),
        ))));
        let (under_title, rest) = crate::model::split_speech_opening(&a.blocks);
        blocks(under_title, style, &mut out)?;
        out.push(blank());
        blocks(rest, style, &mut out)?;
    }
    Ok(out)
}
