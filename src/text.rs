//! The plain-text writer: the document as a disclosure page shows it.
//!
//! One paragraph a line, blocks separated by a blank line, the index block as
//! one line of `label:value` pairs. Its output is what the golden tests compare
//! with the published reference.

use crate::model::{plain, Block, Document, Inline};

/// Writes the disclosure-page text of a document.
pub fn write(doc: &Document) -> String {
    let mut lines: Vec<String> = vec![doc.meta.title.clone()];
    if !doc.meta.index.is_empty() {
        lines.push(index_line(&doc.meta.index));
    }
    for block in &doc.blocks {
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
    let attachments = attachment_lines(&doc.meta.attachments);
    if !attachments.is_empty() {
        lines.push(attachments.join("\n"));
    }
    lines.push(doc.meta.issuer.clone());
    lines.push(doc.meta.date.chinese());
    let mut out = lines.join("\n\n");
    out.push('\n');
    out
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
