//! The document model shared by every writer: one small tree, plain data.
//!
//! Markup is parsed into a [`Document`]; the text, DOCX and PDF writers only
//! read it. Heading numbers are already generated here, so every writer shows
//! the same 一、/(一)/1./(1) without numbering anything itself.

use serde::Serialize;

/// A whole report: its metadata and its body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    pub meta: Meta,
    pub blocks: Vec<Block>,
}

/// What the front matter says about the document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Meta {
    /// The title (标题), as one string; writers decide where it wraps.
    pub title: String,
    /// Output file stem, when the data names one (`name:`); else the title is used.
    pub name: Option<String>,
    /// The disclosure-page index block (索引号, 公文目录, …), label/value pairs in order.
    pub index: Vec<(String, String)>,
    /// The issuing organ (发文机关署名).
    pub issuer: String,
    /// The date of writing (成文日期) shown under the signature.
    pub date: Date,
    /// Attachment names (附件说明), in order.
    pub attachments: Vec<String>,
    /// Subject words (主题词), for document metadata.
    pub keywords: Vec<String>,
}

/// A calendar date; always from the data, never from the clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// GB/T 9704 7.3.5.1: Arabic numerals, full year, no zero padding.
    pub fn chinese(&self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }

    /// ISO 8601, for document properties.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// One block of the body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Block {
    /// A heading that stands on its own line.
    Heading(Heading),
    /// A paragraph, possibly led by a run-in heading ("(一)……。全州……").
    Paragraph(Paragraph),
    /// An official dash list: each item is set as "——item" on its own line.
    List(List),
    /// A table.
    Table(Table),
}

/// A numbered heading.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Heading {
    /// 1 to 4: 一、 / (一) / 1. / (1).
    pub level: u8,
    /// The generated number with its punctuation, e.g. "一、" or "(二)".
    pub number: String,
    pub content: Vec<Inline>,
    /// Line in the rendered markup, for messages.
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Paragraph {
    /// A level-2 or deeper heading run into this paragraph.
    pub heading: Option<Heading>,
    pub content: Vec<Inline>,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct List {
    pub items: Vec<Vec<Inline>>,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    pub header: Vec<Vec<Inline>>,
    pub rows: Vec<Vec<Vec<Inline>>>,
    pub align: Vec<Align>,
    pub line: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// A run of text within a block.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Inline {
    Text(String),
    /// Bold text (`**…**`).
    Strong(String),
    /// A value the data leaves to be filled in; shown as 【待填:path】 and highlighted.
    Placeholder(String),
}

impl Inline {
    /// The text as a reader sees it.
    pub fn visible(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Inline::Text(s) | Inline::Strong(s) => s.as_str().into(),
            Inline::Placeholder(path) => placeholder_text(path).into(),
        }
    }
}

/// The visible form of a missing value; templates render nulls as this.
pub fn placeholder_text(path: &str) -> String {
    format!("{PLACEHOLDER_OPEN}{path}{PLACEHOLDER_CLOSE}")
}

pub const PLACEHOLDER_OPEN: &str = "【待填:";
pub const PLACEHOLDER_CLOSE: &str = "】";

/// The key paths of the placeholders written out in a string (front matter values).
pub fn placeholders_in(text: &str) -> impl Iterator<Item = &str> {
    text.split(PLACEHOLDER_OPEN)
        .skip(1)
        .filter_map(|rest| rest.find(PLACEHOLDER_CLOSE).map(|end| &rest[..end]))
}

/// Concatenates the visible text of a run of inlines.
pub fn plain(content: &[Inline]) -> String {
    content.iter().map(|i| i.visible()).collect()
}

impl Document {
    /// Every placeholder in the document (front matter, then body), in reading order.
    pub fn placeholders(&self) -> Vec<&str> {
        fn scan<'a>(content: &'a [Inline], out: &mut Vec<&'a str>) {
            for i in content {
                if let Inline::Placeholder(p) = i {
                    out.push(p.as_str());
                }
            }
        }
        let mut out = Vec::new();
        let m = &self.meta;
        let meta_texts = std::iter::once(&m.title)
            .chain(m.index.iter().map(|(_, v)| v))
            .chain(std::iter::once(&m.issuer))
            .chain(&m.attachments);
        for text in meta_texts {
            out.extend(placeholders_in(text));
        }
        for block in &self.blocks {
            match block {
                Block::Heading(h) => scan(&h.content, &mut out),
                Block::Paragraph(p) => {
                    if let Some(h) = &p.heading {
                        scan(&h.content, &mut out);
                    }
                    scan(&p.content, &mut out);
                }
                Block::List(l) => l.items.iter().for_each(|i| scan(i, &mut out)),
                Block::Table(t) => t
                    .header
                    .iter()
                    .chain(t.rows.iter().flatten())
                    .for_each(|c| scan(c, &mut out)),
            }
        }
        out
    }
}
