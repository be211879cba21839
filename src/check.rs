//! `gongwen check`: what a reviewer would catch before a report goes out,
//! found without writing anything.

use crate::markup::is_cjk;
use crate::model::{plain, Block, Document};

/// Half-width punctuation next to Chinese text, which GB/T 15834 sets full-width:
/// (line of the rendered markup, the mark, a few characters around it).
pub fn half_width_punctuation(doc: &Document) -> Vec<(usize, char, String)> {
    let mut found = Vec::new();
    let mut scan = |line: usize, text: &str| {
        let chars: Vec<char> = text.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            if !matches!(c, ',' | ';' | ':' | '?' | '!' | '(' | ')') {
                continue;
            }
            let before = i.checked_sub(1).map(|j| chars[j]);
            let after = chars.get(i + 1).copied();
            if before.is_some_and(is_cjk) || after.is_some_and(is_cjk) {
                let from = i.saturating_sub(6);
                let to = (i + 7).min(chars.len());
                found.push((line, c, chars[from..to].iter().collect()));
            }
        }
    };
    for block in &doc.blocks {
        match block {
            Block::Heading(h) => scan(h.line, &plain(&h.content)),
            Block::Paragraph(p) => {
                if let Some(h) = &p.heading {
                    scan(h.line, &plain(&h.content));
                }
                scan(p.line, &plain(&p.content));
            }
            Block::List(l) => l.items.iter().for_each(|i| scan(l.line, &plain(i))),
            Block::Table(t) => t
                .header
                .iter()
                .chain(t.rows.iter().flatten())
                .for_each(|c| scan(t.line, &plain(c))),
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn finds_ascii_commas_in_chinese_but_not_in_latin_text() {
        let text = "---\ntitle: T\nissuer: 局\ndate: 2021-01-10\n---\n全州科技,工作(R&D)。\n\nR&D, GDP (2020).\n";
        let doc = crate::markup::parse(text, Path::new("t")).unwrap();
        let marks: Vec<char> = half_width_punctuation(&doc).iter().map(|f| f.1).collect();
        assert_eq!(marks, [',', '(', ')']);
    }
}
