//! The plain-text writer: the document in the order its printed page reads.
//!
//! One element a paragraph, paragraphs separated by a blank line (a disclosure
//! page's text has that shape). The disclosure copy is the title, the index
//! block as one line of `label：value` pairs, then the body and signature; its
//! output is what the golden tests compare with the published reference. The
//! printed copy has the head (版头) above the title and the closing block (版记)
//! at the end instead of the index block. Both follow GB/T 9704 clause 7's
//! order: head, title, 主送, body, 附件说明, (纪要: attendance), signature, date,
//! 附注, attachment pages, closing block.

mod parts;

use crate::model::{plain, wording, Block, Document, Form, Inline};

/// Writes the text of a document in its form (`doc.meta.form`).
pub fn write(doc: &Document) -> String {
    let meta = &doc.meta;
    let printed = meta.form == Form::Printed;
    let mut out: Vec<String> = Vec::new();
    if printed {
        out.extend(parts::head(meta));
    }
    // An order (10.2) may have no title: its 标志 and number say what it is.
    if !meta.title.trim().is_empty() {
        out.push(meta.title.clone());
    }
    if !printed && !meta.index.is_empty() {
        out.push(index_line(&meta.index));
    }
    out.extend(parts::addressees(&meta.addressees));
    out.extend(blocks(&doc.blocks));
    let attachments = attachment_lines(&meta.attachments);
    if !attachments.is_empty() {
        out.push(attachments.join("\n"));
    }
    out.extend(parts::attendance(&meta.attendance));
    out.extend(parts::signature(meta));
    out.extend(meta.note.as_deref().map(wording::note));
    let count = doc.attachments.len();
    for (i, a) in doc.attachments.iter().enumerate() {
        out.push(crate::model::attachment_label(i + 1, count));
        out.push(a.title.clone());
        out.extend(blocks(&a.blocks));
    }
    if printed {
        out.extend(parts::closing(&meta.closing));
    }
    let mut text = out.join("\n\n");
    text.push('\n');
    text
}

/// The body's blocks, one paragraph each (a list item, a table row a line).
/// Paragraph kinds (centred, subtitle, speaker…) are how a line is set, not
/// what it says: their text stands as it is.
fn blocks(blocks: &[Block]) -> Vec<String> {
    let mut lines = Vec::new();
    for block in blocks {
        match block {
            Block::Heading(h) => lines.push(format!("{}{}", h.number, plain(&h.content))),
            Block::Paragraph(p) => {
                let lead = p
                    .heading
                    .as_ref()
                    .map(|h| format!("{}{}", h.number, plain(&h.content)))
                    .unwrap_or_default();
                lines.push(format!("{lead}{}", plain(&p.content)));
            }
            Block::List(l) => lines.extend(l.items.iter().map(|i| format!("——{}", plain(i)))),
            Block::Table(t) => {
                let row = |cells: &[Vec<Inline>]| {
                    cells
                        .iter()
                        .map(|c| plain(c))
                        .collect::<Vec<_>>()
                        .join("\t")
                };
                let mut rows = vec![row(&t.header)];
                rows.extend(t.rows.iter().map(|r| row(r)));
                lines.push(rows.join("\n"));
            }
        }
    }
    lines
}

/// `索引号：… 公文目录：… 文  号：…`: two-character labels are spaced to the
/// width of three, as disclosure pages align them.
pub fn index_line(index: &[(String, String)]) -> String {
    index
        .iter()
        .map(|(label, value)| format!("{}：{value}", spaced_label(label)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// "文号" → "文  号"; longer labels are left as they are.
pub fn spaced_label(label: &str) -> String {
    let chars: Vec<char> = label.chars().collect();
    if chars.len() == 2 {
        format!("{}  {}", chars[0], chars[1])
    } else {
        label.to_string()
    }
}

/// The attachment note [GB/T 9704 7.3.4]: "附件：1.名称", later ones aligned under the first name.
pub fn attachment_lines(attachments: &[String]) -> Vec<String> {
    match attachments {
        [] => Vec::new(),
        [one] => vec![format!("附件：{one}")],
        many => many
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let lead = if i == 0 {
                    "附件："
                } else {
                    "\u{3000}\u{3000}\u{3000}"
                };
                format!("{lead}{}.{a}", i + 1)
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests;
