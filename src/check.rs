//! `gongwen check`'s lints: what a reviewer would catch before a report goes
//! out, found in the document without writing anything. Each lint carries the
//! text it is about, so [`crate::review`] can point at the data line (or the
//! template line) that produced it.

use crate::markup::is_cjk;
use crate::model::{Block, Document, Inline};

/// One thing a reviewer would flag.
#[derive(Debug, Clone, PartialEq)]
pub struct Lint {
    pub message: String,
    pub hint: &'static str,
    /// The line of the rendered markup (0 for the front matter).
    pub rendered_line: usize,
    /// Pieces of the offending text, most specific first, to find where it came from.
    pub snippets: Vec<String>,
    /// For an entry of the index block: its label, whose template line names the key.
    pub index_label: Option<String>,
}

/// Stands in for a placeholder: not Chinese, not punctuation, so nothing inside
/// a 【待填:…】 is flagged and nothing next to one is judged by it.
const HOLE: char = '\u{FFFC}';

/// The visible text of a run with each placeholder as one [`HOLE`].
fn text_of(content: &[Inline]) -> String {
    content
        .iter()
        .map(|i| match i {
            Inline::Placeholder(_) => HOLE.to_string(),
            other => other.visible().into_owned(),
        })
        .collect()
}

/// Every text unit of the document with its rendered line (0 for the front
/// matter): the title, the front matter's other texts a page prints (主送,
/// 附注, 抄送, …), the body, and each attachment page's title and body.
fn units(doc: &Document) -> Vec<(usize, String)> {
    let m = &doc.meta;
    let mut out = vec![(0, text_of(&text_inlines(&m.title)))];
    let front = m
        .addressees
        .iter()
        .chain(&m.co_issuers)
        .chain(&m.signer)
        .chain(&m.note)
        .chain(m.attendance.iter().flat_map(|a| &a.names))
        .chain(&m.closing.cc)
        .chain(&m.closing.printer);
    out.extend(front.map(|t| (0, text_of(&text_inlines(t)))));
    block_units(&doc.blocks, &mut out);
    for a in &doc.attachments {
        out.push((a.line, text_of(&text_inlines(&a.title))));
        block_units(&a.blocks, &mut out);
    }
    out
}

/// A front-matter text as a run, its placeholders apart, so that a lint
/// never reads the inside of a 【待填:…】.
fn text_inlines(text: &str) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(crate::model::PLACEHOLDER_OPEN) {
        let after = &rest[start + crate::model::PLACEHOLDER_OPEN.len()..];
        let Some(end) = after.find(crate::model::PLACEHOLDER_CLOSE) else {
            break;
        };
        out.push(Inline::Text(rest[..start].to_string()));
        out.push(Inline::Placeholder(after[..end].to_string()));
        rest = &after[end + crate::model::PLACEHOLDER_CLOSE.len()..];
    }
    out.push(Inline::Text(rest.to_string()));
    out
}

/// The text units of a list of blocks.
fn block_units(blocks: &[Block], out: &mut Vec<(usize, String)>) {
    for block in blocks {
        match block {
            Block::Heading(h) => out.push((h.line, text_of(&h.content))),
            Block::Paragraph(p) => {
                if let Some(h) = &p.heading {
                    out.push((h.line, text_of(&h.content)));
                }
                out.push((p.line, text_of(&p.content)));
            }
            Block::List(l) => out.extend(l.items.iter().map(|i| (l.line, text_of(i)))),
            Block::Table(t) => out.extend(
                t.header
                    .iter()
                    .chain(t.rows.iter().flatten())
                    .map(|c| (t.line, text_of(c))),
            ),
        }
    }
}

/// Every lint of a document, in reading order.
pub fn lints(doc: &Document) -> Vec<Lint> {
    let mut out = Vec::new();
    for (line, text) in units(doc) {
        half_width_punctuation(line, &text, &mut out);
        unpaired(line, &text, &mut out);
    }
    index_entries(doc, &mut out);
    for name in &doc.meta.attachments {
        if name.chars().last().is_some_and(is_punctuation) {
            out.push(Lint {
                message: format!("the attachment name “{name}” ends in a punctuation mark"),
                hint: "GB/T 9704 7.3.4: no punctuation after an attachment's name",
                rendered_line: 0,
                snippets: vec![name.clone()],
                index_label: None,
            });
        }
    }
    out
}

/// Half-width punctuation next to Chinese text, which GB/T 15834 sets full-width.
fn half_width_punctuation(line: usize, text: &str, out: &mut Vec<Lint>) {
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
            let around: String = chars[from..to].iter().filter(|&&c| c != HOLE).collect();
            out.push(Lint {
                message: format!("half-width `{c}` in Chinese text: …{around}…"),
                hint: "Chinese text takes full-width marks (，；：？！（）)",
                rendered_line: line,
                snippets: snippets(&chars, i),
                index_label: None,
            });
        }
    }
}

/// The text around position `i`, from wide to narrow, none spanning a placeholder.
fn snippets(chars: &[char], i: usize) -> Vec<String> {
    let mut out = Vec::new();
    for (l, r) in [(3, 3), (1, 1), (1, 0), (0, 1), (0, 0)] {
        let from = i.saturating_sub(l);
        let to = (i + r + 1).min(chars.len());
        let s: String = chars[from..to].iter().collect();
        if !s.contains(HOLE) && !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

/// “” 《》 （） that open without closing or close without opening.
fn unpaired(line: usize, text: &str, out: &mut Vec<Lint>) {
    const PAIRS: [(char, char); 3] = [('“', '”'), ('《', '》'), ('（', '）')];
    let chars: Vec<char> = text.chars().collect();
    for (open, close) in PAIRS {
        let mut stack = Vec::new();
        let mut stray = None;
        for (i, &c) in chars.iter().enumerate() {
            if c == open {
                stack.push(i);
            } else if c == close && stack.pop().is_none() && stray.is_none() {
                stray = Some(i);
            }
        }
        if let Some(i) = stray.or(stack.first().copied()) {
            let mark = chars[i];
            out.push(Lint {
                message: format!(
                    "`{mark}` has no matching `{}`",
                    if mark == open { close } else { open }
                ),
                hint: "quotation marks and brackets come in pairs (GB/T 15834)",
                rendered_line: line,
                snippets: snippets(&chars, i),
                index_label: None,
            });
        }
    }
}

/// 文号 with 〔〕 and an unpadded serial; 成文日期 without zero padding.
fn index_entries(doc: &Document, out: &mut Vec<Lint>) {
    for (label, value) in &doc.meta.index {
        let v = value.trim();
        if v.is_empty() || v.contains(crate::model::PLACEHOLDER_OPEN) {
            continue;
        }
        let lint = |message: String, hint: &'static str| Lint {
            message,
            hint,
            rendered_line: 0,
            snippets: vec![v.to_string()],
            index_label: Some(label.clone()),
        };
        let label_bare: String = label.chars().filter(|c| !c.is_whitespace()).collect();
        match label_bare.as_str() {
            "文号" => {
                if !(v.contains('〔') && v.contains('〕')) {
                    out.push(lint(
                        format!("the 文号 “{v}” does not put its year in 〔〕"),
                        "GB/T 9704 7.2.5: 楚科发〔2021〕3号, the year in 〔〕 (U+3014, U+3015)",
                    ));
                } else if v
                    .split('〕')
                    .nth(1)
                    .is_some_and(|serial| serial.starts_with('0'))
                {
                    out.push(lint(
                        format!("the 文号 “{v}” pads its serial with zeros"),
                        "GB/T 9704 7.2.5: the serial has no leading zeros (3号, not 003号)",
                    ));
                }
            }
            "成文日期" if padded_date(v) => out.push(lint(
                format!("the 成文日期 “{v}” pads the month or day with a zero"),
                "GB/T 9704 7.3.5.1: 2021年1月10日, without zero padding",
            )),
            _ => {}
        }
    }
}

/// `2021年01月10日`, `2021年1月05日`: a month or day written with a leading zero.
fn padded_date(s: &str) -> bool {
    s.contains("年0") || s.contains("月0")
}

fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation() || "。，、；：？！…—·）】》”’".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn doc(front: &str, body: &str) -> Document {
        let text = format!("---\ntitle: T\nissuer: 局\ndate: 2021-01-10\n{front}---\n{body}");
        crate::markup::parse(&text, Path::new("t")).unwrap()
    }

    fn messages(d: &Document) -> Vec<String> {
        lints(d).into_iter().map(|l| l.message).collect()
    }

    #[test]
    fn finds_ascii_commas_in_chinese_but_not_in_latin_text_nor_placeholders() {
        let d = doc(
            "",
            "全州科技,工作(R&D)。\n\nR&D, GDP (2020).\n\n经费【待填:results.funds】万元。\n",
        );
        let m = messages(&d);
        assert_eq!(m.len(), 3, "{m:?}");
        assert!(
            m[0].contains("`,`") && m[1].contains("`(`") && m[2].contains("`)`"),
            "{m:?}"
        );
    }

    #[test]
    fn unpaired_marks_are_found_and_pairs_pass() {
        let d = doc("", "“甲”《乙》（丙）\n\n“甲\n\n乙》\n\n（丙（丁）\n");
        let m = messages(&d);
        assert_eq!(
            m,
            [
                "`“` has no matching `”`",
                "`》` has no matching `《`",
                "`（` has no matching `）`"
            ]
        );
    }

    #[test]
    fn the_front_matter_texts_and_attachment_pages_are_linted_too() {
        let front =
            "addressees: [\"各县市科技局,州级有关部门\", \"【待填:printed_copy.addressees.1】\"]\n\
                     cc: [州委办公室（州政府办公室]\nnote: 此件公开发布\n";
        let body = "正文。\n\n# 进度表 {.attachment}\n\n企业自评,县市审核。\n";
        let m = messages(&doc(front, body));
        assert_eq!(m.len(), 3, "{m:?}");
        assert!(
            m[0].contains("`,`") && m[0].contains("科技局,州级"),
            "{m:?}"
        );
        assert!(m[1].contains("`（` has no matching"), "{m:?}");
        assert!(m[2].contains("自评,县市"), "{m:?}");
    }

    #[test]
    fn a_placeholder_in_the_title_is_not_read_as_half_width_text() {
        let text = "---\ntitle: 【待填:org】工作要点\nissuer: 局\ndate: 2021-01-10\n---\n正文。\n";
        let d = crate::markup::parse(text, Path::new("t")).unwrap();
        assert!(messages(&d).is_empty(), "{:?}", messages(&d));
    }

    #[test]
    fn doc_numbers_signing_dates_and_attachment_names() {
        let front = "index: { 文号: \"楚科发[2021]3号\", 成文日期: 2021年01月10日 }\nattachments: [\"名单。\", 名单]\n";
        let m = messages(&doc(front, "正文。\n"));
        assert_eq!(m.len(), 3, "{m:?}");
        assert!(
            m[0].contains("〔〕") && m[1].contains("pads the month") && m[2].contains("名单。"),
            "{m:?}"
        );
        let m = messages(&doc("index: { 文号: 楚科发〔2021〕003号 }\n", "正文。\n"));
        assert!(m[0].contains("pads its serial"), "{m:?}");
        let clean = "index: { 文号: 楚科发〔2021〕3号, 成文日期: 2021年11月18日, 发文日期: 2021年04月14日 }\n";
        assert!(messages(&doc(clean, "正文。\n")).is_empty());
    }
}
