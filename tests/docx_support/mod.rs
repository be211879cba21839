//! Shared support for the DOCX tests: the sample report, the parts of a
//! DOCX, a small XML tree to query, and a pretty printer for golden files.
#![allow(dead_code)]

use gongwen::model::Document;
use gongwen::pipeline::{Options, Pipeline};
use gongwen::style::Style;
use quick_xml::events::Event;
use quick_xml::Reader;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::PathBuf;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The shipped sample report as a Document, through the real pipeline.
pub fn sample() -> Document {
    let p = Pipeline::new(&Options {
        templates: Some(root().join("templates")),
        ..Options::default()
    })
    .expect("pipeline");
    let data = p
        .load(&root().join("data/chuxiong-2020.yaml"))
        .expect("load the sample data");
    p.document(&data).expect("sample document")
}

pub fn sample_docx() -> Vec<u8> {
    gongwen::docx::write(&sample(), &Style::default()).expect("write the sample DOCX")
}

/// Every entry of a ZIP archive, by name, in archive order.
pub fn entries(docx: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a ZIP archive");
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).expect("entry");
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes).expect("read entry");
            (f.name().to_string(), bytes)
        })
        .collect()
}

/// The XML parts as text, by name.
pub fn parts(docx: &[u8]) -> BTreeMap<String, String> {
    entries(docx)
        .into_iter()
        .map(|(n, b)| (n, String::from_utf8(b).expect("UTF-8 part")))
        .collect()
}

/// An element of a parsed part: name, attributes, children, text.
#[derive(Debug, Clone, Default)]
pub struct El {
    pub name: String,
    pub attrs: BTreeMap<String, String>,
    pub children: Vec<El>,
    /// The element's own character data, unescaped.
    pub text: String,
}

impl El {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.get(name).map(String::as_str)
    }

    /// The first child named `name`.
    pub fn child(&self, name: &str) -> Option<&El> {
        self.children.iter().find(|c| c.name == name)
    }

    /// Every descendant (and self) named `name`, in document order.
    pub fn all<'a>(&'a self, name: &str) -> Vec<&'a El> {
        let mut out = Vec::new();
        fn walk<'a>(e: &'a El, name: &str, out: &mut Vec<&'a El>) {
            if e.name == name {
                out.push(e);
            }
            for c in &e.children {
                walk(c, name, out);
            }
        }
        walk(self, name, &mut out);
        out
    }

    /// The `w:style` with this id.
    pub fn style(&self, id: &str) -> &El {
        self.all("w:style")
            .into_iter()
            .find(|s| s.attr("w:styleId") == Some(id))
            .unwrap_or_else(|| panic!("style {id} missing"))
    }

    /// All text below, concatenated.
    pub fn text_below(&self) -> String {
        let mut s = self.text.clone();
        for c in &self.children {
            s.push_str(&c.text_below());
        }
        s
    }

    /// Names of the element children, in order.
    pub fn child_names(&self) -> Vec<&str> {
        self.children.iter().map(|c| c.name.as_str()).collect()
    }
}

/// Parses a part, failing the test on any well-formedness error.
pub fn parse(xml: &str) -> El {
    let mut reader = Reader::from_str(xml);
    let mut stack = vec![El::default()];
    loop {
        match reader.read_event() {
            Err(e) => panic!("not well-formed at {}: {e}", reader.buffer_position()),
            Ok(Event::Eof) => break,
            Ok(Event::Start(s)) => stack.push(el(&s)),
            Ok(Event::Empty(s)) => {
                let e = el(&s);
                stack.last_mut().unwrap().children.push(e);
            }
            Ok(Event::End(_)) => {
                let e = stack.pop().unwrap();
                assert!(!stack.is_empty(), "unbalanced end tag");
                stack.last_mut().unwrap().children.push(e);
            }
            Ok(Event::Text(t)) => {
                let s = t.xml10_content().expect("text");
                stack.last_mut().unwrap().text.push_str(&s);
            }
            Ok(Event::GeneralRef(r)) => {
                let s = match r.resolve_char_ref().expect("character reference") {
                    Some(c) => c.to_string(),
                    None => match &*r.decode().expect("entity") {
                        "amp" => "&".into(),
                        "lt" => "<".into(),
                        "gt" => ">".into(),
                        "quot" => "\"".into(),
                        "apos" => "'".into(),
                        other => panic!("unknown entity &{other};"),
                    },
                };
                stack.last_mut().unwrap().text.push_str(&s);
            }
            Ok(_) => {}
        }
    }
    assert_eq!(stack.len(), 1, "unclosed element");
    let mut top = stack.pop().unwrap();
    assert_eq!(top.children.len(), 1, "exactly one root element");
    top.children.remove(0)
}

fn el(s: &quick_xml::events::BytesStart) -> El {
    let mut e = El {
        name: String::from_utf8_lossy(s.name().as_ref()).into_owned(),
        ..El::default()
    };
    for a in s.attributes() {
        let a = a.expect("attribute");
        let v = a
            .normalized_value(quick_xml::XmlVersion::Explicit1_0)
            .expect("attribute value")
            .into_owned();
        e.attrs
            .insert(String::from_utf8_lossy(a.key.as_ref()).into_owned(), v);
    }
    e
}

/// One element a line, two spaces an indent level; text stays on its element's line.
pub fn pretty(xml: &str) -> String {
    let mut reader = Reader::from_str(xml);
    let mut writer = quick_xml::Writer::new_with_indent(Vec::new(), b' ', 2);
    loop {
        match reader.read_event().expect("well-formed part") {
            Event::Eof => break,
            e => writer.write_event(e).expect("write"),
        }
    }
    let mut s = String::from_utf8(writer.into_inner()).expect("UTF-8");
    s.push('\n');
    s
}

/// A small document built in Rust, for tests that need particular content.
pub fn small_doc(blocks: Vec<gongwen::model::Block>) -> Document {
    use gongwen::model::{Date, Meta};
    Document {
        meta: Meta {
            title: "测试报告".into(),
            name: None,
            index: vec![("索引号".into(), "X-1".into())],
            issuer: "某某局".into(),
            date: Date {
                year: 2021,
                month: 1,
                day: 10,
            },
            attachments: vec![],
            keywords: vec!["科".into()],
            ..Default::default()
        },
        attachments: Vec::new(),
        blocks,
    }
}

pub fn para(content: Vec<gongwen::model::Inline>) -> gongwen::model::Block {
    gongwen::model::Block::Paragraph(gongwen::model::Paragraph {
        heading: None,
        content,
        kind: Default::default(),
        line: 1,
    })
}

/// What a reader sees in a paragraph: text, tabs as `\t`, breaks as `\n`.
pub fn visible(p: &El) -> String {
    let mut s = String::new();
    fn walk(e: &El, s: &mut String) {
        match e.name.as_str() {
            "w:t" => s.push_str(&e.text),
            "w:tab" => s.push('\t'),
            "w:br" => s.push('\n'),
            _ => e.children.iter().for_each(|c| walk(c, s)),
        }
    }
    walk(p, &mut s);
    s
}
