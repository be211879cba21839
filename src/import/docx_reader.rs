//! A DOCX as Word, WPS, LibreOffice or gongwen write it: `word/document.xml`'s
//! paragraphs and tables, with what their styles say (the title, a run-in
//! heading's own character style) and the numbers Word's automatic numbering
//! shows (`word/numbering.xml`), so a list Word numbers reads as it prints.

use std::collections::HashMap;
use std::io::Read;

use quick_xml::escape::unescape;

use super::{Para, Source};
use crate::docx::xml::{parse, Element, Node};
use crate::error::{Error, Result};

/// The largest `document.xml` read (a report's is well under 1 MB).
const MAX_PART: u64 = 64 << 20;

pub fn read(bytes: &[u8]) -> Result<Vec<Source>> {
    let not_docx = |why: String| {
        Error::new(format!("cannot read the DOCX: {why}"))
            .hint("save it again from Word, WPS or LibreOffice as .docx")
    };
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| not_docx(format!("not a ZIP package ({e})")))?;
    let mut part = Vec::new();
    zip.by_name("word/document.xml")
        .map_err(|_| not_docx("it has no word/document.xml".into()))?
        .take(MAX_PART)
        .read_to_end(&mut part)
        .map_err(|e| not_docx(e.to_string()))?;
    let root = parse(&part, "word/document.xml")
        .map_err(|e| not_docx(e.message.replace("internal error: ", "")))?;
    let mut ctx = Context {
        styles: styles(part_tree(&mut zip, "word/styles.xml").as_ref()),
        numbering: Numbering::read(part_tree(&mut zip, "word/numbering.xml").as_ref()),
        counters: HashMap::new(),
    };
    let body = children(&root)
        .find(|e| local(&e.name) == "body")
        .ok_or_else(|| not_docx("word/document.xml has no body".into()))?;
    let mut out = Vec::new();
    blocks(body, &mut ctx, &mut out);
    Ok(out)
}

/// A part's XML tree, or None when the package has no readable part of that name.
fn part_tree(zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>, name: &str) -> Option<Element> {
    let mut part = Vec::new();
    zip.by_name(name)
        .ok()?
        .take(MAX_PART)
        .read_to_end(&mut part)
        .ok()?;
    parse(&part, name).ok()
}

/// What the reader knows besides the paragraph in hand.
struct Context {
    styles: HashMap<String, Style>,
    numbering: Numbering,
    /// The counters of each abstract numbering, by level.
    counters: HashMap<String, [u32; 9]>,
}

/// A paragraph style: its name (lower-cased) and the numbering it carries.
struct Style {
    name: String,
    num: Option<(String, usize)>,
}

/// `word/numbering.xml`: numbering ids to their abstract definitions' levels.
#[derive(Default)]
struct Numbering {
    abstract_of: HashMap<String, String>,
    /// (abstract id, level) → (format, text with %1…%9, start).
    levels: HashMap<(String, usize), (String, String, u32)>,
}

impl Numbering {
    fn read(root: Option<&Element>) -> Numbering {
        let mut n = Numbering::default();
        let Some(root) = root else { return n };
        for e in children(root) {
            match local(&e.name) {
                "abstractNum" => {
                    let Some(id) = attr(e, "abstractNumId") else {
                        continue;
                    };
                    for lvl in children(e).filter(|c| local(&c.name) == "lvl") {
                        let Some(ilvl) = attr(lvl, "ilvl").and_then(|v| v.parse().ok()) else {
                            continue;
                        };
                        let get = |name: &str| {
                            children(lvl).find(|c| local(&c.name) == name).and_then(val)
                        };
                        let start = get("start").and_then(|v| v.parse().ok()).unwrap_or(1);
                        n.levels.insert(
                            (id.clone(), ilvl),
                            (
                                get("numFmt").unwrap_or_default(),
                                get("lvlText").unwrap_or_default(),
                                start,
                            ),
                        );
                    }
                }
                "num" => {
                    let Some(id) = attr(e, "numId") else { continue };
                    if let Some(a) = children(e)
                        .find(|c| local(&c.name) == "abstractNumId")
                        .and_then(val)
                    {
                        n.abstract_of.insert(id, a);
                    }
                }
                _ => {}
            }
        }
        n
    }
}

impl Context {
    /// The number Word shows before a paragraph numbered (`num`, `ilvl`), counting it.
    fn number(&mut self, num: &str, ilvl: usize) -> String {
        let Some(abs) = self.numbering.abstract_of.get(num).cloned() else {
            return String::new();
        };
        if ilvl >= 9 {
            return String::new();
        }
        let counters = self.counters.entry(abs.clone()).or_insert([0; 9]);
        let start = |l: usize| {
            self.numbering
                .levels
                .get(&(abs.clone(), l))
                .map_or(1, |(_, _, s)| *s)
        };
        counters[ilvl] = if counters[ilvl] == 0 {
            start(ilvl)
        } else {
            counters[ilvl] + 1
        };
        for c in &mut counters[ilvl + 1..] {
            *c = 0;
        }
        let counters = *counters;
        let Some((fmt, text, _)) = self.numbering.levels.get(&(abs.clone(), ilvl)) else {
            return String::new();
        };
        if fmt == "bullet" {
            // A bulleted paragraph of a 公文 is an item of the dash list.
            return "——".into();
        }
        if fmt == "none" {
            return String::new();
        }
        let mut out = text.clone();
        for (l, count) in counters.iter().enumerate().take(ilvl + 1) {
            let value = (*count).max(start(l));
            let fmt_l = self
                .numbering
                .levels
                .get(&(abs.clone(), l))
                .map_or("decimal", |(f, _, _)| f.as_str());
            out = out.replace(&format!("%{}", l + 1), &format_number(value, fmt_l));
        }
        out
    }
}

/// A counter in a level's format: decimal, or the Chinese counting forms.
fn format_number(n: u32, fmt: &str) -> String {
    match fmt {
        "chineseCounting"
        | "chineseCountingThousand"
        | "chineseLegalSimplified"
        | "ideographTraditional"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand" => crate::helpers::chinese_numeral(n as u64),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => {
            char::from_u32(0x2460 + n.saturating_sub(1)).map_or(n.to_string(), String::from)
        }
        "decimalZero" => format!("{n:02}"),
        _ => n.to_string(),
    }
}

fn attr(e: &Element, name: &str) -> Option<String> {
    e.attrs
        .iter()
        .find(|(k, _)| local(k) == name)
        .map(|(_, v)| v.clone())
}

/// `numPr`'s (numId, ilvl), when it names a numbering (numId 0 turns it off).
fn num_pr(ppr: &Element) -> Option<(String, usize)> {
    let n = children(ppr).find(|c| local(&c.name) == "numPr")?;
    let id = children(n)
        .find(|c| local(&c.name) == "numId")
        .and_then(val)?;
    let ilvl = children(n)
        .find(|c| local(&c.name) == "ilvl")
        .and_then(val)
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    Some((id, ilvl))
}

/// Style ids to their names (`a5` → `title` in a Chinese Word) and numbering.
fn styles(root: Option<&Element>) -> HashMap<String, Style> {
    let Some(root) = root else {
        return HashMap::new();
    };
    children(root)
        .filter(|s| local(&s.name) == "style")
        .filter_map(|s| {
            let id = attr(s, "styleId")?;
            let name = children(s)
                .find(|c| local(&c.name) == "name")
                .and_then(val)
                .unwrap_or_default()
                .to_ascii_lowercase();
            let num = children(s)
                .find(|c| local(&c.name) == "pPr")
                .and_then(num_pr);
            Some((id, Style { name, num }))
        })
        .collect()
}

fn blocks(parent: &Element, ctx: &mut Context, out: &mut Vec<Source>) {
    for e in children(parent) {
        match local(&e.name) {
            "p" => {
                let p = paragraph(e, ctx);
                if !p.text.trim().is_empty() {
                    out.push(Source::Para(p));
                }
            }
            "tbl" => {
                let rows = table(e, ctx);
                out.push(Source::Table(rows));
            }
            // Content controls and tracked insertions wrap ordinary blocks.
            "sdt" | "sdtContent" | "ins" | "customXml" => blocks(e, ctx, out),
            _ => {}
        }
    }
}

fn table(tbl: &Element, ctx: &mut Context) -> Vec<Vec<String>> {
    children(tbl)
        .filter(|e| local(&e.name) == "tr")
        .map(|tr| {
            children(tr)
                .filter(|e| local(&e.name) == "tc")
                .map(|tc| {
                    let mut inner = Vec::new();
                    blocks(tc, ctx, &mut inner);
                    inner
                        .iter()
                        .filter_map(|b| match b {
                            Source::Para(p) => Some(p.text.trim().to_string()),
                            Source::Table(_) => None,
                        })
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect()
        })
        .filter(|row: &Vec<String>| !row.is_empty())
        .collect()
}

fn paragraph(p: &Element, ctx: &mut Context) -> Para {
    let mut para = Para::default();
    let mut number = None;
    let mut lead_open = true;
    let mut lead_len = 0;
    for e in children(p) {
        match local(&e.name) {
            "pPr" => {
                let id = children(e)
                    .find(|c| local(&c.name) == "pStyle")
                    .and_then(val)
                    .unwrap_or_default();
                let style = ctx.styles.get(&id);
                let name = style.map_or_else(|| id.to_ascii_lowercase(), |s| s.name.clone());
                para.title = name == "title" || name == "标题";
                para.centered = children(e)
                    .find(|c| local(&c.name) == "jc")
                    .and_then(val)
                    .is_some_and(|v| v == "center");
                number = num_pr(e).or_else(|| style.and_then(|s| s.num.clone()));
            }
            "r" | "hyperlink" | "ins" | "smartTag" | "fldSimple" => {
                let runs: Vec<&Element> = if local(&e.name) == "r" {
                    vec![e]
                } else {
                    children(e).filter(|r| local(&r.name) == "r").collect()
                };
                for r in runs {
                    let text = run_text(r);
                    if lead_open && is_lead_run(r) {
                        lead_len += text.len();
                    } else if !text.is_empty() {
                        lead_open = false;
                    }
                    para.text.push_str(&text);
                }
            }
            _ => {}
        }
    }
    if lead_len > 0 && lead_len < para.text.len() {
        para.lead = Some(lead_len);
    }
    if let Some((num, ilvl)) = number.filter(|(id, _)| id != "0") {
        let shown = ctx.number(&num, ilvl);
        if !para.text.trim().is_empty() && !shown.is_empty() {
            para.text.insert_str(0, &shown);
            para.lead = para.lead.map(|l| l + shown.len());
        }
    }
    para
}

/// A run set in a heading's character style (gongwen, Word's linked styles) or bold.
fn is_lead_run(r: &Element) -> bool {
    let Some(rpr) = children(r).find(|c| local(&c.name) == "rPr") else {
        return false;
    };
    children(rpr).any(|c| match local(&c.name) {
        "rStyle" => val(c).is_some_and(|v| v.to_ascii_lowercase().contains("heading")),
        "b" => !matches!(val(c).as_deref(), Some("0" | "false")),
        _ => false,
    })
}

fn run_text(r: &Element) -> String {
    let mut s = String::new();
    for c in children(r) {
        match local(&c.name) {
            "t" => {
                for n in &c.children {
                    if let Node::Text(t) = n {
                        s.push_str(&unescape(t).map(|u| u.into_owned()).unwrap_or(t.clone()));
                    }
                }
            }
            "tab" => s.push('\t'),
            // A line break inside a paragraph (the title's wrap) joins: gongwen breaks lines itself.
            "br" | "cr" => {}
            "noBreakHyphen" => s.push('-'),
            _ => {}
        }
    }
    s
}

fn children(e: &Element) -> impl Iterator<Item = &Element> {
    e.children.iter().filter_map(|n| match n {
        Node::Element(e) => Some(e),
        Node::Text(_) => None,
    })
}

fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

fn val(e: &Element) -> Option<String> {
    e.attrs
        .iter()
        .find(|(k, _)| local(k) == "val")
        .map(|(_, v)| unescape(v).map(|u| u.into_owned()).unwrap_or(v.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn docx(document: &str, styles: &str, numbering: &str) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        for (name, body) in [
            (
                "word/document.xml",
                format!("<w:document {W}><w:body>{document}</w:body></w:document>"),
            ),
            (
                "word/styles.xml",
                format!("<w:styles {W}>{styles}</w:styles>"),
            ),
            (
                "word/numbering.xml",
                format!("<w:numbering {W}>{numbering}</w:numbering>"),
            ),
        ] {
            zip.start_file(name, options).unwrap();
            zip.write_all(body.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    fn texts(s: &[Source]) -> Vec<String> {
        s.iter()
            .map(|b| match b {
                Source::Para(p) => p.text.clone(),
                Source::Table(r) => format!("{r:?}"),
            })
            .collect()
    }

    #[test]
    fn words_automatic_numbering_reads_as_it_prints() {
        // A Chinese Word's heading styles (ids "1", "2") numbered 一、 and （一）.
        let styles = r#"<w:style w:styleId="a5"><w:name w:val="Title"/></w:style>
            <w:style w:styleId="1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>
            <w:style w:styleId="2"><w:name w:val="heading 2"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="3"/></w:numPr></w:pPr></w:style>"#;
        let numbering = r#"<w:abstractNum w:abstractNumId="7">
              <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
              <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
            </w:abstractNum>
            <w:abstractNum w:abstractNumId="8"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>
            <w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>
            <w:num w:numId="4"><w:abstractNumId w:val="8"/></w:num>"#;
        let p = |style: &str, text: &str| {
            format!(
                r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
            )
        };
        let document = [
            p("a5", "标题"),
            p("1", "总体情况"),
            p("2", "甲。"),
            p("2", "乙。"),
            p("1", "下一步"),
            p("2", "丙。"),
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="4"/></w:numPr></w:pPr><w:r><w:t>一项</w:t></w:r></w:p>"#.into(),
            r#"<w:p><w:pPr><w:pStyle w:val="1"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>不编号</w:t></w:r></w:p>"#.into(),
        ]
        .concat();
        let s = read(&docx(&document, styles, numbering)).unwrap();
        assert_eq!(
            texts(&s),
            [
                "标题",
                "一、总体情况",
                "（一）甲。",
                "（二）乙。",
                "二、下一步",
                "（一）丙。",
                "——一项",
                "不编号"
            ]
        );
        assert!(matches!(&s[0], Source::Para(p) if p.title));
    }

    #[test]
    fn a_run_in_heading_is_told_by_its_character_style() {
        let document = r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>（一）甲，乙。</w:t></w:r><w:r><w:t>正文。</w:t></w:r></w:p>"#;
        let s = read(&docx(document, "", "")).unwrap();
        assert!(matches!(&s[0], Source::Para(p) if p.lead == Some("（一）甲，乙。".len())));
    }

    #[test]
    fn what_is_not_a_docx_is_an_error() {
        let e = read(b"PK\x03\x04junk").unwrap_err();
        assert!(e.message.contains("cannot read the DOCX"), "{}", e.message);
        let e = read(&docx("<w:p>", "", "")).unwrap_err();
        assert!(e.message.contains("cannot read the DOCX"), "{}", e.message);
    }
}
