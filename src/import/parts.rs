//! The parts of a 公文 around its body, each known by its text: page furniture,
//! the head (份号, 密级, 紧急程度, 标志, 发文字号, 签发人), the index block, the
//! 主送机关, the 附件说明, the date, and the closing block (附注, 抄送, 印发).

use super::structure::{numbered, FrontValue, Outline};
use super::Source;

/// Lines a disclosure page adds around the document.
pub(super) fn is_furniture(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let t = t.as_str();
    let breadcrumb = (t.contains(">>") || t.contains('>') || t.contains('＞') || t.contains('»'))
        && (t.contains("首页")
            || t.contains("当前位置")
            || t.contains("您的位置")
            || t.contains("主页"));
    breadcrumb
        || t.starts_with("当前位置")
        || t.starts_with("您当前的位置")
        || t.starts_with("您的位置")
        || matches!(
            t.trim_matches(['【', '】', '[', ']', '|', '｜']),
            "打印"
                | "关闭"
                | "关闭窗口"
                | "【打印】【关闭】"
                | "打印本页"
                | "关闭本页"
                | "下载"
                | "附件:"
                | "附件："
                | "返回顶部"
                | "分享到:"
                | "分享到："
                | "收藏"
        )
        || (t.contains("打印") && t.contains("关闭"))
        || t.starts_with("字号:")
        || t.starts_with("字号：")
        || t.starts_with("【字体")
        || t.starts_with("分享到")
        || t.starts_with("浏览次数")
        || t.contains("浏览次数")
        || t.contains("【字体")
        || t.starts_with("发布时间")
        || t.starts_with("来源：")
        || t.starts_with("信息来源")
        || t.starts_with("上一篇")
        || t.starts_with("下一篇")
        || t.starts_with("扫一扫")
}

/// `附件` or `附件2` on a line of its own: an attachment page's label [GB/T 9704 7.3.7].
pub(super) fn is_attachment_label(text: &str) -> bool {
    text.trim()
        .strip_prefix("附件")
        .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()))
}

/// An element of the head (份号, 密级, 紧急程度, 发文字号, 签发人).
pub(super) fn is_head_text(t: &str) -> bool {
    head_element(t, &mut Vec::new())
}

pub(super) fn head_element(text: &str, front: &mut Vec<(&'static str, FrontValue)>) -> bool {
    let t = text.trim();
    let one = |s: &str| FrontValue::One(s.to_string());
    if t.len() == 6 && t.chars().all(|c| c.is_ascii_digit()) {
        front.push(("copy", one(t)));
        return true;
    }
    if ["绝密", "机密", "秘密"].iter().any(|l| t.starts_with(l)) && t.chars().count() <= 12 {
        front.push(("secrecy", one(t)));
        return true;
    }
    if t == "特急" || t == "加急" {
        front.push(("urgency", one(t)));
        return true;
    }
    // 发文机关标志 "楚雄州科学技术局文件".
    if let Some(organ) = t
        .strip_suffix("文件")
        .filter(|o| !o.is_empty() && t.chars().count() <= 30)
    {
        front.push(("organ", one(organ.trim())));
        front.push(("organ_suffix", one("文件")));
        return true;
    }
    let (number_part, signers) = match t.find("签发人") {
        Some(at) => (t[..at].trim(), Some(t[at..].trim())),
        None => (t, None),
    };
    let mut found = false;
    if number_part.contains('〔')
        && number_part.ends_with('号')
        && number_part.chars().count() <= 30
    {
        front.push(("number", one(number_part)));
        found = true;
    }
    if let Some(s) = signers {
        let names = s
            .trim_start_matches("签发人")
            .trim_start_matches([':', '：'])
            .split(|c: char| c.is_whitespace() || c == '、')
            .filter(|n| !n.is_empty())
            .map(str::to_string)
            .collect();
        front.push(("signers", FrontValue::Many(names)));
        found = true;
    }
    found
}

/// A 发文机关标志 is recognised only beside a 发文字号 (on a web page, lines
/// above the title are usually the site's own).
pub(super) fn organ_from_dropped(out: &mut Outline) {
    if !out.front.iter().any(|(k, _)| *k == "number") {
        return;
    }
    if let Some(pos) = out
        .dropped
        .iter()
        .rposition(|t| t.chars().count() <= 40 && !t.contains('>'))
    {
        let t = out.dropped.remove(pos);
        let t = t.trim();
        match t.strip_suffix("文件") {
            Some(organ) => {
                out.front
                    .push(("organ", FrontValue::One(organ.trim().into())));
                out.front
                    .push(("organ_suffix", FrontValue::One("文件".into())));
            }
            None => out.front.push(("organ", FrontValue::One(t.into()))),
        }
    }
}

/// 附注, 抄送 and the 印发 line after the date.
pub(super) fn closing_element(text: &str, front: &mut Vec<(&'static str, FrontValue)>) -> bool {
    let t = text.trim();
    if let Some(inner) = t
        .strip_prefix('（')
        .and_then(|r| r.strip_suffix('）'))
        .or_else(|| t.strip_prefix('(').and_then(|r| r.strip_suffix(')')))
    {
        front.push(("note", FrontValue::One(inner.into())));
        return true;
    }
    if let Some(rest) = t.strip_prefix("抄送：").or_else(|| t.strip_prefix("抄送:")) {
        let names = rest
            .trim_end_matches('。')
            .split(['，', ',', '、'])
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty())
            .collect();
        front.push(("cc", FrontValue::Many(names)));
        return true;
    }
    if let Some(body) = t.strip_suffix("印发") {
        if let Some(at) = body.rfind(|c: char| c.is_whitespace()) {
            if let Some((y, m, d)) = chinese_date(body[at..].trim()) {
                front.push(("printer", FrontValue::One(body[..at].trim().into())));
                front.push(("printed", FrontValue::Date(y, m, d)));
                return true;
            }
        }
    }
    false
}

/// `2021年1月10日` (padded or not), or in Chinese numerals as older documents
/// wrote it (二〇二一年一月十日); gongwen writes it in Arabic numerals [GB/T 9704 7.3.5.1].
pub(super) fn chinese_date(t: &str) -> Option<(i32, u32, u32)> {
    let (y, rest) = t.split_once('年')?;
    let (m, rest) = rest.split_once('月')?;
    let d = rest.strip_suffix('日')?;
    let num = |s: &str| {
        if !s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit()) {
            return s.parse::<u32>().ok();
        }
        super::structure::parse_cn(s)
    };
    // A year in Chinese numerals is spelt digit by digit: 二〇二一.
    let year = |s: &str| {
        let digits: Option<String> = s
            .chars()
            .map(|c| {
                "〇一二三四五六七八九"
                    .chars()
                    .position(|d| d == c)
                    .or((c == '零').then_some(0))
            })
            .map(|d| d.and_then(|d| char::from_digit(d as u32, 10)))
            .collect();
        match digits {
            Some(d) if d.len() == 4 => d.parse().ok(),
            _ => num(s),
        }
    };
    let (y, m, d) = (year(y)?, num(m)?, num(d)?);
    (y >= 1000 && (1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y as i32, m, d))
}

/// `索引号：… 公文目录：…` as one line, or the index table's rows.
pub(super) fn index_pairs(s: &Source) -> Vec<(String, String)> {
    match s {
        Source::Table(rows) => rows
            .iter()
            .flat_map(|r| r.chunks(2))
            .filter(|c| c.len() == 2)
            .map(|c| (label(&c[0]), c[1].trim().to_string()))
            // A label is a short name (索引号, 公文目录), not a sentence.
            .filter(|(l, _)| {
                !l.is_empty() && l.chars().count() <= 10 && l.chars().all(char::is_alphanumeric)
            })
            .collect(),
        Source::Para(p) => {
            // A label is the run of CJK characters before a colon ("文  号" spaced).
            let chars: Vec<char> = p.text.chars().collect();
            let mut labels: Vec<(usize, usize, String)> = Vec::new(); // (start, after colon, label)
            for (i, &c) in chars.iter().enumerate() {
                if c == ':' || c == '：' {
                    if let Some((start, label)) = label_before(&chars[..i]) {
                        labels.push((start, i + 1, label));
                    }
                }
            }
            labels
                .iter()
                .enumerate()
                .map(|(k, (_, after, l))| {
                    let end = labels.get(k + 1).map_or(chars.len(), |n| n.0);
                    let value: String = chars[*after..end].iter().collect();
                    (l.clone(), value.trim().to_string())
                })
                .collect()
        }
    }
}

/// Labels a disclosure page's index block uses; a run of text ending in one is split there.
pub(super) const INDEX_LABELS: &[&str] = &[
    "索引号",
    "公文目录",
    "发文日期",
    "主题词",
    "文号",
    "成文日期",
    "发布机构",
    "发文机关",
    "信息分类",
    "公开方式",
    "公开范围",
    "公开时限",
    "有效性",
    "生效日期",
    "废止日期",
    "体裁分类",
    "主题分类",
    "组配分类",
    "发布日期",
    "文件编号",
    "名称",
];

/// The label ending at the end of `before`: (its first char's position, the label).
pub(super) fn label_before(before: &[char]) -> Option<(usize, String)> {
    let mut j = before.len();
    while j > 0 && is_cjk(before[j - 1]) {
        j -= 1;
    }
    let run: String = before[j..].iter().collect();
    if run.chars().count() == 1 {
        // "文  号": one character, spaces, one character.
        let mut k = j;
        while k > 0 && before[k - 1] == ' ' {
            k -= 1;
        }
        if (1..=4).contains(&(j - k))
            && k > 0
            && is_cjk(before[k - 1])
            && (k == 1 || !is_cjk(before[k - 2]))
        {
            return Some((k - 1, format!("{}{run}", before[k - 1])));
        }
    }
    if run.is_empty() {
        return None;
    }
    let known = INDEX_LABELS
        .iter()
        .filter(|l| run.ends_with(*l))
        .max_by_key(|l| l.len());
    match known {
        Some(l) => Some((before.len() - l.chars().count(), l.to_string())),
        None => Some((j, run)),
    }
}

pub(super) fn label(cell: &str) -> String {
    cell.trim()
        .trim_end_matches([':', '：'])
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

pub(super) fn is_cjk(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// `附件：1.甲` `2.乙` …, or `附件：甲`.
pub(super) fn attachment_names(lines: &[String]) -> Option<Vec<String>> {
    let first = lines.first()?;
    let first = first
        .strip_prefix("附件：")
        .or_else(|| first.strip_prefix("附件:"))?
        .trim();
    if first.is_empty() {
        return None;
    }
    if lines.len() == 1 {
        return Some(vec![strip_serial(first, 1).unwrap_or(first).to_string()]);
    }
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let l = if i == 0 { first } else { l.trim() };
            strip_serial(l, i + 1).map(str::to_string)
        })
        .collect()
}

pub(super) fn strip_serial(s: &str, n: usize) -> Option<&str> {
    let rest = s.strip_prefix(&n.to_string())?;
    rest.strip_prefix(['.', '．']).map(str::trim)
}

/// `各县市科技局，州级有关部门：` → the 主送机关.
pub(super) fn addressees(text: &str) -> Option<Vec<String>> {
    let t = text.trim();
    let inner = t.strip_suffix('：').or_else(|| t.strip_suffix(':'))?;
    if inner.chars().count() > 80 || inner.contains('。') || numbered(inner).is_some() {
        return None;
    }
    Some(
        inner
            .split(['，', ',', '、'])
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty())
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::Para;

    #[test]
    fn an_upward_documents_number_line_gives_its_signers() {
        let mut front = Vec::new();
        assert!(head_element(
            "楚科报〔2021〕5号　　签发人：张三　李四",
            &mut front
        ));
        assert_eq!(
            front,
            [
                ("number", FrontValue::One("楚科报〔2021〕5号".into())),
                (
                    "signers",
                    FrontValue::Many(vec!["张三".into(), "李四".into()])
                ),
            ]
        );
        assert!(!head_element("全州科技工作取得成效。", &mut front));
    }

    #[test]
    fn dates_in_arabic_or_chinese_numerals() {
        assert_eq!(chinese_date("2021年01月10日"), Some((2021, 1, 10)));
        assert_eq!(chinese_date("二〇二一年一月十日"), Some((2021, 1, 10)));
        assert_eq!(
            chinese_date("二〇二一年十二月三十一日"),
            Some((2021, 12, 31))
        );
        assert_eq!(chinese_date("2021年13月1日"), None);
        assert_eq!(chinese_date("全年12月"), None);
    }

    #[test]
    fn index_line_labels_may_be_spaced() {
        let p = Source::Para(Para::plain(
            "索引号:1153-/2021 公文目录:规划总结 文  号: 成文日期:2021年11月18日",
        ));
        assert_eq!(
            index_pairs(&p),
            vec![
                ("索引号".into(), "1153-/2021".into()),
                ("公文目录".into(), "规划总结".into()),
                ("文号".into(), "".into()),
                ("成文日期".into(), "2021年11月18日".into()),
            ]
        );
    }
}
