//! The template and the data file of an imported document, as text a clerk
//! reads: the template keeps the wording and the structure, the data every
//! figure with the sentence it came from.

use super::figures::{Context, Group, Lifter, Value, YEAR_KEY};
use super::parts::chinese_date;
use super::scan::base_year;
use super::structure::{Block, FrontValue, Outline};
use super::Imported;

/// Top-level data keys besides the sections' groups.
const ISSUER: &str = "发文机关";
const DATE: &str = "成文日期";
const INDEX: &str = "公开信息";
const HEAD: &str = "文头";
const CLOSING: &str = "版记";
const ADDRESSEES: &str = "主送机关";
const NOTE: &str = "附注";
const ATTACHMENTS: &str = "附件";
const TITLE_GROUP: &str = "标题";

/// The front-matter key, the data group it lives in (None: top level), and its data key.
const FRONT_KEYS: &[(&str, Option<&str>, &str)] = &[
    ("copy", Some(HEAD), "份号"),
    ("secrecy", Some(HEAD), "密级"),
    ("urgency", Some(HEAD), "紧急程度"),
    ("organ", Some(HEAD), "发文机关标志"),
    ("number", Some(HEAD), "发文字号"),
    ("signers", Some(HEAD), "签发人"),
    ("addressees", None, ADDRESSEES),
    ("note", None, NOTE),
    ("cc", Some(CLOSING), "抄送"),
    ("printer", Some(CLOSING), "印发机关"),
    ("printed", Some(CLOSING), "印发日期"),
];

pub fn write(o: &Outline, name: &str, source: &str) -> Imported {
    let texts = std::iter::once(o.title.as_str())
        .chain(o.blocks.iter().flat_map(block_texts))
        .chain(
            o.pages
                .iter()
                .flat_map(|(_, b)| b.iter().flat_map(block_texts)),
        );
    let year = base_year(texts);
    let reserved = [
        "template",
        YEAR_KEY,
        ISSUER,
        DATE,
        INDEX,
        HEAD,
        CLOSING,
        ADDRESSEES,
        NOTE,
        ATTACHMENTS,
        TITLE_GROUP,
    ];
    let mut lifter = Lifter::new(year, &reserved);
    let title_group = lifter.group(TITLE_GROUP);
    // The title group keeps its name: figures of the title other than years are rare.
    lifter.groups[title_group].key = TITLE_GROUP.into();
    let title = lifter.lift(&o.title, title_group, Context::Yaml);

    let mut t = String::from("---\n");
    t.push_str(&format!("title: {{{{#yaml}}}}{title}{{{{/yaml}}}}\n"));
    let mut index_data = Vec::new();
    if !o.index.is_empty() {
        t.push_str("index:\n");
        for (label, value) in &o.index {
            let key = data_key(label);
            // A label said twice is said once.
            if index_data.iter().any(|(k, _): &(String, Value)| *k == key) {
                continue;
            }
            let (expr, v) = match chinese_date(value) {
                Some((y, m, d)) => {
                    let padded = value.contains("年0") || value.contains("月0");
                    let helper = if padded { "date_padded" } else { "date" };
                    (
                        format!("{{{{{helper} {INDEX}.{key}}}}}"),
                        Value::Date(format!("{y:04}-{m:02}-{d:02}")),
                    )
                }
                None => (
                    format!("{{{{yaml {INDEX}.{key}}}}}"),
                    Value::Text(value.clone()),
                ),
            };
            let plain = label.chars().all(|c| c.is_alphanumeric());
            let label = if plain { label.clone() } else { quoted(label) };
            t.push_str(&format!("  {label}: {expr}\n"));
            index_data.push((key, v));
        }
    }
    let mut head: Vec<(&str, &str, FrontValue)> = Vec::new();
    for (key, value) in &o.front {
        if *key == "organ_suffix" {
            if let FrontValue::One(s) = value {
                t.push_str(&format!("organ_suffix: {}\n", quoted(s)));
            }
            continue;
        }
        let Some((_, group, data)) = FRONT_KEYS.iter().find(|(k, _, _)| k == key) else {
            continue;
        };
        let path = match group {
            Some(g) => format!("{g}.{data}"),
            None => data.to_string(),
        };
        match value {
            FrontValue::Many(_) => t.push_str(&format!(
                "{key}:\n{{{{#each {path}}}}}\n  - {{{{yaml this}}}}\n{{{{/each}}}}\n"
            )),
            _ => t.push_str(&format!("{key}: {{{{yaml {path}}}}}\n")),
        }
        head.push((group.unwrap_or(""), data, value.clone()));
    }
    t.push_str(&format!("issuer: {{{{yaml {ISSUER}}}}}\n"));
    t.push_str(&format!("date: {{{{yaml {DATE}}}}}\n"));
    // With attachment pages the 附件说明 comes from their titles.
    if !o.attachments.is_empty() && o.pages.is_empty() {
        t.push_str(&format!(
            "attachments:\n{{{{#each {ATTACHMENTS}}}}}\n  - {{{{yaml this}}}}\n{{{{/each}}}}\n"
        ));
    }
    t.push_str("---\n");
    t.push_str(&format!(
        "{{{{!-- 由 gongwen import 从 {} 导入。数字和日期在数据文件里；一、（一）1.（1）各级序号由 gongwen 生成，不要手写。 --}}}}\n",
        source
    ));

    let mut group = lifter.group("导语");
    let mut body: Vec<String> = Vec::new();
    blocks_text(&o.blocks, &mut lifter, &mut group, &mut body);
    for (title, blocks) in &o.pages {
        group = lifter.group(title);
        body.push(format!(
            "# {} {{.attachment}}",
            lifter.lift(title, group, Context::Body)
        ));
        blocks_text(blocks, &mut lifter, &mut group, &mut body);
    }
    t.push_str(&body.join("\n\n"));
    t.push('\n');

    let data = data_text(o, name, source, &lifter, &index_data, &head);
    Imported {
        template: t,
        data,
        dropped: o.dropped.clone(),
        lifted: lifter.lifted,
        derived: lifter.derived,
    }
}

/// The blocks as markup, their figures lifted into the group of their section.
fn blocks_text(blocks: &[Block], lifter: &mut Lifter, group: &mut usize, body: &mut Vec<String>) {
    for b in blocks {
        match b {
            Block::Heading {
                level,
                text,
                standalone,
            } => {
                if *level <= 2 {
                    *group = lifter.group(text);
                }
                let mut line = format!(
                    "{} {}",
                    "#".repeat(*level as usize),
                    lifter.lift(text, *group, Context::Body)
                );
                if *standalone {
                    line.push_str(" {.standalone}");
                }
                body.push(line);
            }
            Block::Para(text) => body.push(lifter.lift(text, *group, Context::Body)),
            Block::List(items) => body.push(
                items
                    .iter()
                    .map(|i| format!("- {}", lifter.lift(i, *group, Context::Body)))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            Block::Table(rows) => body.push(table(rows, lifter, *group)),
        }
    }
}

fn block_texts(b: &Block) -> Vec<&str> {
    match b {
        Block::Heading { text, .. } | Block::Para(text) => vec![text.as_str()],
        Block::List(items) => items.iter().map(String::as_str).collect(),
        Block::Table(rows) => rows.iter().flatten().map(String::as_str).collect(),
    }
}

/// A GFM table: the first row is the header.
fn table(rows: &[Vec<String>], lifter: &mut Lifter, group: usize) -> String {
    let width = rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let mut lines = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let cells: Vec<String> = (0..width)
            .map(|c| {
                let text = row.get(c).map(String::as_str).unwrap_or("");
                // A figure in a cell is named by its row and its column: 基础研究_金额.
                if i > 0 && c > 0 {
                    let name = |s: Option<&String>| {
                        let s = s.map(String::as_str).unwrap_or("");
                        let s = s.split(['（', '(']).next().unwrap_or("");
                        data_key(s)
                    };
                    lifter.hint = Some(format!("{}_{}", name(row.first()), name(rows[0].get(c))));
                }
                let cell = lifter.lift(text, group, Context::Body);
                lifter.hint = None;
                cell
            })
            .collect();
        lines.push(format!("| {} |", cells.join(" | ")));
        if i == 0 {
            lines.push(format!("|{}", "---|".repeat(width)));
        }
    }
    lines.join("\n")
}

/// A data key from a label: its CJK letters and ASCII letters and digits.
fn data_key(label: &str) -> String {
    let k: String = label
        .chars()
        .filter(|c| c.is_alphanumeric() && !c.is_whitespace())
        .collect();
    if k.is_empty() {
        "项".into()
    } else {
        k
    }
}

fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

fn value_text(v: &Value) -> String {
    match v {
        Value::Number(n) => n.clone(),
        Value::Text(s) => quoted(s),
        Value::Date(d) => d.clone(),
        Value::Counter(n) => format!("!counter {n}"),
    }
}

fn front_value_text(v: &FrontValue) -> String {
    match v {
        FrontValue::One(s) => quoted(s),
        FrontValue::Many(list) => format!(
            "[{}]",
            list.iter()
                .map(|s| quoted(s))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        FrontValue::Date(y, m, d) => format!("{y:04}-{m:02}-{d:02}"),
    }
}

fn data_text(
    o: &Outline,
    name: &str,
    source: &str,
    lifter: &Lifter,
    index: &[(String, Value)],
    head: &[(&str, &str, FrontValue)],
) -> String {
    let mut d = String::new();
    d.push_str(&format!(
        "# {name}.yaml：由 gongwen import 从 {source} 导入。\n"
    ));
    d.push_str(&format!(
        "# 数字和日期改这里；文字和结构在 templates/{name}.md.hbs。每个数字后的注释是它在原文中的句子。\n"
    ));
    if !o.dropped.is_empty() {
        d.push_str(&format!(
            "# 导入时略去的网页内容：{}\n",
            o.dropped.join("；").replace('\n', " ")
        ));
    }
    d.push_str(&format!("template: {name}\n\n"));
    if let Some(y) = lifter.base_year {
        d.push_str(&format!(
            "{YEAR_KEY}: {y}   # 文中的年份都由它推算（如 {} 年写作 {{{{add {YEAR_KEY} 1}}}}），换年只改这一处\n",
            y + 1
        ));
    }
    d.push_str(&format!("{ISSUER}: {}   # 落款\n", quoted(&o.issuer)));
    let (y, m, day) = o.date;
    d.push_str(&format!("{DATE}: {y:04}-{m:02}-{day:02}   # 落款日期\n"));
    if !o.attachments.is_empty() {
        d.push_str(&format!("{ATTACHMENTS}:   # 附件说明\n"));
        for a in &o.attachments {
            d.push_str(&format!("  - {}\n", quoted(a)));
        }
    }
    for (group, key, value) in head.iter().filter(|(g, _, _)| g.is_empty()) {
        let _ = group;
        d.push_str(&format!("{key}: {}\n", front_value_text(value)));
    }
    for g in [HEAD, CLOSING] {
        let entries: Vec<_> = head.iter().filter(|(group, _, _)| *group == g).collect();
        if !entries.is_empty() {
            d.push_str(&format!("\n{g}:\n"));
            for (_, key, value) in entries {
                d.push_str(&format!("  {key}: {}\n", front_value_text(value)));
            }
        }
    }
    if !index.is_empty() {
        d.push_str(&format!("\n{INDEX}:   # 信息公开索引\n"));
        for (key, value) in index {
            d.push_str(&format!("  {key}: {}\n", value_text(value)));
        }
    }
    for g in &lifter.groups {
        group_text(&mut d, g);
    }
    d
}

fn group_text(d: &mut String, g: &Group) {
    if g.figures.is_empty() && g.inferred.is_empty() {
        return;
    }
    d.push_str(&format!("\n{}:\n", g.key));
    for note in &g.inferred {
        d.push_str(&format!("  # {note}\n"));
    }
    for f in &g.figures {
        d.push_str(&format!(
            "  {}: {}   # {}\n",
            f.key,
            value_text(&f.value),
            f.comment
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::figures::literal;
    use super::*;

    #[test]
    fn data_keys_keep_letters_only() {
        assert_eq!(data_key("文  号"), "文号");
        assert_eq!(data_key("：："), "项");
    }

    #[test]
    fn literal_text_is_escaped_only_where_markup_would_read_it() {
        assert_eq!(
            literal("R&D 50% *注* 1.", Context::Body, false),
            "R&D 50% \\*注\\* 1."
        );
        assert_eq!(literal("1.甲", Context::Body, true), "1\\.甲");
        assert_eq!(literal("#甲", Context::Body, true), "\\#甲");
        assert_eq!(literal("&amp;", Context::Body, false), "\\&amp;");
        // Handlebars never sees a brace or a backslash of the text.
        assert_eq!(literal("{{x}}\\", Context::Body, false), "｛｛x｝｝＼");
        assert_eq!(literal("{", Context::Yaml, false), "｛");
    }
}
