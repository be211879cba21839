//! What the paragraphs of an imported document are: its title, index block,
//! head and closing block, the 一、/（一）/1./（1） levels (numbers removed, since
//! gongwen generates them), run-in headings, dash lists, tables, the 附件说明,
//! the signature and date — and the web-page furniture around it, left out.

use super::parts::{
    addressees, attachment_names, chinese_date, closing_element, head_element, index_pairs,
    is_attachment_label, is_furniture, is_head_text, organ_from_dropped,
};
use super::{Para, Source};
use crate::error::{Error, Result};

/// The document, recognised.
#[derive(Debug, Default, PartialEq)]
pub struct Outline {
    pub title: String,
    /// Head and closing-block elements as front-matter keys (`number`, `cc`, …).
    pub front: Vec<(&'static str, FrontValue)>,
    /// The disclosure index block, label and value.
    pub index: Vec<(String, String)>,
    pub blocks: Vec<Block>,
    /// The 附件说明's names.
    pub attachments: Vec<String>,
    /// Attachment pages after the signature: title and blocks.
    pub pages: Vec<(String, Vec<Block>)>,
    pub issuer: String,
    /// The signature date (year, month, day).
    pub date: (i32, u32, u32),
    /// Web-page furniture left out, as it read.
    pub dropped: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FrontValue {
    One(String),
    Many(Vec<String>),
    Date(i32, u32, u32),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// `level` 1–4; `standalone` when a paragraph follows that it must not run into.
    Heading {
        level: u8,
        text: String,
        standalone: bool,
    },
    Para(String),
    List(Vec<String>),
    Table(Vec<Vec<String>>),
}

/// Recognises the parts of the document in what a reader produced.
pub fn recognise(sources: Vec<Source>) -> Result<Outline> {
    let mut out = Outline::default();
    let mut items: Vec<Source> = Vec::new();
    for s in sources {
        match &s {
            Source::Para(p) if is_furniture(&p.text) => out.dropped.push(p.text.clone()),
            _ => items.push(s),
        }
    }
    let index_at = items.iter().position(|s| match s {
        Source::Para(p) => p.text.contains("索引号"),
        Source::Table(rows) => rows
            .iter()
            .any(|r| r.first().is_some_and(|c| c.contains("索引号"))),
    });
    let title_at = find_title(&items, index_at).ok_or_else(|| {
        Error::new("import: no title found")
            .hint("the document's title should be the first line of its text")
    })?;
    // The title may run over several paragraphs styled as the title, or centred
    // as it is (a subtitle, "——…" or "（…）", stays out of it).
    let mut title_end = title_at + 1;
    let mut title = para_text(&items[title_at]).to_string();
    if let Source::Para(first) = &items[title_at] {
        while let Some(Source::Para(p)) = items.get(title_end) {
            let t = p.text.trim();
            let same = (first.title && p.title) || (first.centered && p.centered && !p.title);
            let apart = t.starts_with("——") || t.starts_with('（') || t.starts_with('(');
            if !same || apart || chinese_date(t).is_some() || t.ends_with('：') {
                break;
            }
            title.push_str(p.text.trim());
            title_end += 1;
        }
    }
    out.title = title.trim().to_string();
    // Before the title: the head's elements, or page furniture.
    for s in &items[..title_at] {
        if let Source::Para(p) = s {
            if !head_element(&p.text, &mut out.front) && Some(title_at) != index_at {
                out.dropped.push(p.text.clone());
            }
        }
    }
    organ_from_dropped(&mut out);
    let mut start = title_end;
    if let Some(i) = index_at {
        out.index = index_pairs(&items[i]);
        if i >= title_end {
            // The index block right under the title; anything between was furniture.
            for s in &items[title_end..i] {
                out.dropped.push(para_text(s).to_string());
            }
            start = i + 1;
        }
    }
    // The end: the date under the signature, and the closing block after it.
    let date_at = items[start..]
        .iter()
        .rposition(|s| matches!(s, Source::Para(p) if chinese_date(p.text.trim()).is_some()))
        .map(|i| i + start);
    let Some(d) = date_at else {
        return Err(Error::new("import: no date under the signature (成文日期)")
            .hint("a 公文 ends with its issuer and date, a line such as 2021年1月10日; add it and import again"));
    };
    if let Source::Para(p) = &items[d] {
        out.date = chinese_date(p.text.trim()).unwrap_or_default();
    }
    after_date(&items[d + 1..], &mut out);
    let mut end = d;
    if let Some(Source::Para(p)) = items.get(d.wrapping_sub(1)).filter(|_| d > start) {
        let t = p.text.trim();
        if t.chars().count() <= 40 && !t.contains('。') && !t.contains('，') {
            out.issuer = t.to_string();
            end = d - 1;
        }
    }
    // The 附件说明 just above the signature.
    if let Some(a) = items[start..end].iter().rposition(|s| {
        matches!(s, Source::Para(p) if p.text.trim_start().starts_with("附件：") || p.text.trim_start().starts_with("附件:"))
    }) {
        let a = a + start;
        let names: Vec<String> = items[a..end]
            .iter()
            .map(|s| para_text(s).trim().to_string())
            .collect();
        if let Some(list) = attachment_names(&names) {
            out.attachments = list;
            end = a;
        }
    }
    // 主送 right under the title.
    if let Some(Source::Para(p)) = items.get(start).filter(|_| start < end) {
        if let Some(names) = addressees(&p.text) {
            out.front.push(("addressees", FrontValue::Many(names)));
            start += 1;
        }
    }
    out.blocks = body(&items[start..end]);
    Ok(out)
}

/// After the date: the closing block's elements, attachment pages ("附件" or
/// "附件2" alone, then the attachment's title), and page furniture.
fn after_date(after: &[Source], out: &mut Outline) {
    let mut page: Option<(String, Vec<Source>)> = None;
    let mut k = 0;
    while k < after.len() {
        let s = &after[k];
        k += 1;
        // A closing block laid out as a table (抄送 in one row, 印发机关 and date in the next).
        if let Source::Table(rows) = s {
            if page.is_none() {
                let mut known = true;
                for row in rows {
                    let line = row.join(" ");
                    known &= line.trim().is_empty() || closing_element(&line, &mut out.front);
                }
                if known {
                    continue;
                }
            }
        }
        if let Source::Para(p) = s {
            if closing_element(&p.text, &mut out.front) {
                continue;
            }
            if is_attachment_label(&p.text) {
                if let Some(Source::Para(t)) = after.get(k) {
                    if let Some((title, items)) = page.take() {
                        out.pages.push((title, body(&items)));
                    }
                    page = Some((t.text.trim().to_string(), Vec::new()));
                    k += 1;
                    continue;
                }
            }
        }
        match &mut page {
            Some((_, items)) => items.push(s.clone()),
            None => out.dropped.push(para_text(s).to_string()),
        }
    }
    if let Some((title, items)) = page.take() {
        out.pages.push((title, body(&items)));
    }
}

fn para_text(s: &Source) -> &str {
    match s {
        Source::Para(p) => &p.text,
        Source::Table(_) => "(表格)",
    }
}

fn find_title(items: &[Source], index_at: Option<usize>) -> Option<usize> {
    let paras = || {
        items.iter().enumerate().filter_map(|(i, s)| match s {
            Source::Para(p) => Some((i, p)),
            _ => None,
        })
    };
    if let Some((i, _)) = paras().find(|(_, p)| p.title) {
        return Some(i);
    }
    let plausible = |p: &Para| {
        let t = p.text.trim();
        !t.contains('。') && t.chars().count() <= 80 && !is_head_text(t)
    };
    if let Some(ix) = index_at {
        if let Some((i, p)) = paras().rfind(|(i, _)| *i < ix) {
            if plausible(p) && i + 1 == ix {
                return Some(i);
            }
        }
        if let Some((i, _)) = paras().find(|(i, p)| *i > ix && plausible(p)) {
            return Some(i);
        }
    }
    paras().find(|(_, p)| plausible(p)).map(|(i, _)| i)
}

const CN_DIGITS: &str = "〇零一二两三四五六七八九十百";

/// A heading number at the start: (level, its value, the text after it).
pub fn numbered(text: &str) -> Option<(u8, u32, &str)> {
    let cn_run = |s: &str| -> usize {
        s.char_indices()
            .find(|(_, c)| !CN_DIGITS.contains(*c))
            .map_or(s.len(), |(i, _)| i)
    };
    let digit_run = |s: &str| s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    // 一、
    let n = cn_run(text);
    if n > 0 {
        if let Some(rest) = text[n..].strip_prefix('、') {
            return Some((1, parse_cn(&text[..n])?, rest));
        }
    }
    // （一） and （1）
    if let Some(inner) = text.strip_prefix('（').or_else(|| text.strip_prefix('(')) {
        let n = cn_run(inner);
        if n > 0 {
            if let Some(rest) = inner[n..]
                .strip_prefix('）')
                .or_else(|| inner[n..].strip_prefix(')'))
            {
                return Some((2, parse_cn(&inner[..n])?, rest));
            }
        }
        let n = digit_run(inner);
        if n > 0 && n <= 3 {
            if let Some(rest) = inner[n..]
                .strip_prefix('）')
                .or_else(|| inner[n..].strip_prefix(')'))
            {
                return Some((4, inner[..n].parse().ok()?, rest));
            }
        }
        return None;
    }
    // 1. (not 1.5)
    let n = digit_run(text);
    if n > 0 && n <= 3 {
        if let Some(rest) = text[n..].strip_prefix(['.', '．']) {
            if !rest.starts_with(|c: char| c.is_ascii_digit()) {
                return Some((3, text[..n].parse().ok()?, rest));
            }
        }
    }
    None
}

/// 一 … 九十九.
pub fn parse_cn(s: &str) -> Option<u32> {
    (1..1000).find(|&n| crate::helpers::chinese_numeral(n as u64) == s)
}

/// The body's blocks, numbers removed where gongwen would generate the same ones.
fn body(items: &[Source]) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut counters = [0u32; 4];
    for s in items {
        let p = match s {
            Source::Table(rows) => {
                blocks.push(Block::Table(rows.clone()));
                continue;
            }
            Source::Para(p) => p,
        };
        let text = full_width(p.text.trim());
        if let Some(item) = text.strip_prefix("——") {
            match blocks.last_mut() {
                Some(Block::List(items)) => items.push(item.trim().to_string()),
                _ => blocks.push(Block::List(vec![item.trim().to_string()])),
            }
            continue;
        }
        match numbered(&text) {
            Some((level, n, rest)) if n == counters[level as usize - 1] + 1 => {
                counters[level as usize - 1] = n;
                for c in &mut counters[level as usize..] {
                    *c = 0;
                }
                let number_len = text.len() - rest.len();
                let (head, tail) = if level == 1 {
                    (rest, "")
                } else {
                    split_run_in(rest, p.lead.map(|l| l.saturating_sub(number_len)))
                };
                // Alone on its line: it must stay alone if a paragraph follows.
                blocks.push(Block::Heading {
                    level,
                    text: head.trim().to_string(),
                    standalone: level >= 2 && tail.trim().is_empty(),
                });
                if !tail.trim().is_empty() {
                    blocks.push(Block::Para(tail.trim().to_string()));
                }
            }
            _ => blocks.push(Block::Para(text)),
        }
    }
    // Only a heading followed by a paragraph needs to say it stands alone.
    for i in 0..blocks.len() {
        let next_para = matches!(blocks.get(i + 1), Some(Block::Para(_)));
        if let Block::Heading { standalone, .. } = &mut blocks[i] {
            *standalone &= next_para;
        }
    }
    blocks
}

/// The mark that ends a run-in heading; the heading keeps it.
const RUN_IN_END: char = '\u{3002}';

/// `提高政治站位，……部署。全州科技系统……` → heading and paragraph; by the
/// heading's own character style when the DOCX had one, else at the first 。.
fn split_run_in(rest: &str, lead: Option<usize>) -> (&str, &str) {
    if let Some(l) = lead.filter(|&l| l > 0 && l < rest.len() && rest.is_char_boundary(l)) {
        if rest[..l].ends_with(RUN_IN_END) {
            return rest.split_at(l);
        }
    }
    match rest.find(RUN_IN_END) {
        Some(at) => rest.split_at(at + RUN_IN_END.len_utf8()),
        None => (rest, ""),
    }
}

/// A disclosure page's ASCII `,:;()?!` beside Chinese text back to the full-width
/// forms the document uses (they read the same after NFKC).
pub fn full_width(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let wide = |c: Option<&char>| c.is_some_and(|c| (*c as u32) >= 0x2E80);
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let near = wide(i.checked_sub(1).and_then(|j| chars.get(j))) || wide(chars.get(i + 1));
        let mapped = match c {
            ',' if near => '，',
            ':' if near => '：',
            ';' if near => '；',
            '?' if near => '？',
            '!' if near => '！',
            '(' if near || paren_cjk(&chars[i + 1..]) => '（',
            ')' if near || paren_cjk_back(&chars[..i]) => '）',
            c => c,
        };
        out.push(mapped);
    }
    out
}

/// `(R&D)` inside Chinese text: the parenthesis pair counts as Chinese.
fn paren_cjk(after: &[char]) -> bool {
    let inner: Vec<&char> = after.iter().take_while(|c| **c != ')').collect();
    inner.len() < after.len()
        && after
            .get(inner.len() + 1)
            .is_some_and(|c| (*c as u32) >= 0x2E80)
}

fn paren_cjk_back(before: &[char]) -> bool {
    let open = before.iter().rposition(|c| *c == '(' || *c == '（');
    open.is_some_and(|o| o > 0 && (before[o - 1] as u32) >= 0x2E80 || before[o] == '（')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn centred(text: &str) -> Source {
        Source::Para(Para {
            centered: true,
            ..Para::plain(text)
        })
    }

    #[test]
    fn a_title_typed_as_centred_lines_is_one_title() {
        let o = recognise(vec![
            centred("楚雄州科学技术局关于开展"),
            centred("科技型中小企业评价工作的通知"),
            centred("（2021年1月10日）"),
            Source::Para(Para::plain("正文。")),
            Source::Para(Para::plain("楚雄州科学技术局")),
            Source::Para(Para::plain("2021年1月10日")),
        ])
        .unwrap();
        assert_eq!(
            o.title,
            "楚雄州科学技术局关于开展科技型中小企业评价工作的通知"
        );
        assert_eq!(
            o.blocks,
            [
                Block::Para("（2021年1月10日）".into()),
                Block::Para("正文。".into())
            ]
        );
        assert_eq!(o.issuer, "楚雄州科学技术局");
        assert_eq!(o.date, (2021, 1, 10));
    }

    #[test]
    fn a_closing_block_laid_out_as_a_table_is_read() {
        let o = recognise(vec![
            Source::Para(Para::plain("标题")),
            Source::Para(Para::plain("正文。")),
            Source::Para(Para::plain("某局")),
            Source::Para(Para::plain("2021年1月10日")),
            Source::Table(vec![
                vec!["抄送：甲，乙。".into()],
                vec!["某局办公室".into(), "2021年1月11日印发".into()],
            ]),
        ])
        .unwrap();
        assert_eq!(
            o.front,
            [
                ("cc", FrontValue::Many(vec!["甲".into(), "乙".into()])),
                ("printer", FrontValue::One("某局办公室".into())),
                ("printed", FrontValue::Date(2021, 1, 11)),
            ]
        );
        assert!(o.dropped.is_empty());
    }

    #[test]
    fn heading_numbers_by_level() {
        assert_eq!(numbered("一、甲"), Some((1, 1, "甲")));
        assert_eq!(numbered("（十二）乙"), Some((2, 12, "乙")));
        assert_eq!(numbered("(二)乙"), Some((2, 2, "乙")));
        assert_eq!(numbered("3.丙"), Some((3, 3, "丙")));
        assert_eq!(numbered("1.5亿元"), None);
        assert_eq!(numbered("（2）丁"), Some((4, 2, "丁")));
        assert_eq!(numbered("一是甲"), None);
    }

    #[test]
    fn ascii_punctuation_in_chinese_becomes_full_width() {
        assert_eq!(
            full_width("投入(R&D)6.04亿元,强度达0.48%:好"),
            "投入（R&D）6.04亿元，强度达0.48%：好"
        );
        assert_eq!(full_width("a, b (c)"), "a, b (c)");
    }
}
