//! A DOCX as Word, WPS, LibreOffice or gongwen write it: `word/document.xml`'s
//! paragraphs and tables, with what their styles say (title, heading level,
//! a run-in heading's own character style).

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
    let names = style_names(&mut zip);
    let body = children(&root)
        .find(|e| local(&e.name) == "body")
        .ok_or_else(|| not_docx("word/document.xml has no body".into()))?;
    let mut out = Vec::new();
    blocks(body, &names, &mut out);
    Ok(out)
}

/// Style ids to style names (`a5` → `title` in a Chinese Word), lower-cased;
/// empty when the package has no readable styles part.
fn style_names(zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>) -> HashMap<String, String> {
    let mut part = Vec::new();
    let Ok(file) = zip.by_name("word/styles.xml") else {
        return HashMap::new();
    };
    if file.take(MAX_PART).read_to_end(&mut part).is_err() {
        return HashMap::new();
    }
    let Ok(root) = parse(&part, "word/styles.xml") else {
        return HashMap::new();
    };
    children(&root)
        .filter(|s| local(&s.name) == "style")
        .filter_map(|s| {
            let id = s.attrs.iter().find(|(k, _)| local(k) == "styleId")?.1.clone();
            let name = children(s).find(|c| local(&c.name) == "name").and_then(val)?;
            Some((id, name.to_ascii_lowercase()))
        })
        .collect()
}

type Styles = HashMap<String, String>;

fn blocks(parent: &Element, names: &Styles, out: &mut Vec<Source>) {
    for e in children(parent) {
        match local(&e.name) {
            "p" => {
                let p = paragraph(e, names);
                if !p.text.trim().is_empty() {
                    out.push(Source::Para(p));
                }
            }
            "tbl" => out.push(Source::Table(table(e, names))),
            // Content controls and tracked insertions wrap ordinary blocks.
            "sdt" | "sdtContent" | "ins" | "customXml" => blocks(e, names, out),
            _ => {}
        }
    }
}

fn table(tbl: &Element, names: &Styles) -> Vec<Vec<String>> {
    children(tbl)
        .filter(|e| local(&e.name) == "tr")
        .map(|tr| {
            children(tr)
                .filter(|e| local(&e.name) == "tc")
                .map(|tc| {
                    let mut inner = Vec::new();
                    blocks(tc, names, &mut inner);
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

fn paragraph(p: &Element, names: &Styles) -> Para {
    let mut para = Para::default();
    let mut lead_open = true;
    let mut lead_len = 0;
    for e in children(p) {
        match local(&e.name) {
            "pPr" => {
                let id = children(e)
                    .find(|c| local(&c.name) == "pStyle")
                    .and_then(val)
                    .unwrap_or_default();
                let style = names
                    .get(&id)
                    .cloned()
                    .unwrap_or_else(|| id.to_ascii_lowercase());
                para.title = style == "title" || style == "标题";
                para.level = heading_level(&style);
                if let Some(level) = children(e)
                    .find(|c| local(&c.name) == "outlineLvl")
                    .and_then(val)
                    .and_then(|v| v.parse::<u8>().ok())
                {
                    para.level = para.level.or(Some(level + 1));
                }
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
    para
}

/// `Heading2`, `heading 2`, `标题 2` → 2.
fn heading_level(style: &str) -> Option<u8> {
    let rest = style
        .strip_prefix("heading")
        .or_else(|| style.strip_prefix("标题"))?;
    let n: u8 = rest.trim().parse().ok()?;
    (1..=4).contains(&n).then_some(n)
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
