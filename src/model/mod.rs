//! The document model shared by every writer: one small tree, plain data.
//!
//! Markup is parsed into a [`Document`]; the text, DOCX and PDF writers only
//! read it. Heading numbers are already generated here, so every writer shows
//! the same 一、/(一)/1./(1) without numbering anything itself.

use serde::Serialize;

mod whole;
pub use whole::{
    attachment_label, wording, Attachment, Attendance, Closing, Form, Format, Head, Sealing,
    ATTENDANCE_LABELS,
};

/// A whole report: its metadata and its body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    pub meta: Meta,
    pub blocks: Vec<Block>,
    /// Attachment pages printed after the signature (7.3.7), in order.
    pub attachments: Vec<Attachment>,
}

/// What the front matter says about the document.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
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
    /// The printed 公文 or the disclosure copy.
    pub form: Form,
    /// 文件, 信函, 命令 or 纪要 (7, 10).
    pub format: Format,
    /// The head (版头, 7.2); printed in the printed form only.
    pub head: Head,
    /// 主送机关 (7.3.2), in order.
    pub addressees: Vec<String>,
    /// Further issuers of a joint issue, after `issuer` (7.3.5).
    pub co_issuers: Vec<String>,
    /// How the document is signed (7.3.5.1–7.3.5.3).
    pub sealing: Sealing,
    /// The signer's full title and name, for a signature stamp (7.3.5.3);
    /// one line per signer of a joint issue.
    pub signer: Option<String>,
    /// 附注 (7.3.6), without its parentheses.
    pub note: Option<String>,
    /// The closing block (版记, 7.4); printed in the printed form only.
    pub closing: Closing,
    /// Printed on both sides: the closing block goes on an even page (7.4, 7.5).
    pub duplex: bool,
    /// A 纪要's attendance lists (10.3).
    pub attendance: Vec<Attendance>,
}

impl Meta {
    /// Every issuer, the lead first (7.3.5: a joint issue lists them in order).
    pub fn issuers(&self) -> impl Iterator<Item = &String> {
        std::iter::once(&self.issuer).chain(&self.co_issuers)
    }
}

/// A calendar date; always from the data, never from the clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize)]
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
    /// How the paragraph is set (`{.center}`, `{.subtitle}`, …).
    pub kind: ParagraphKind,
    pub line: usize,
}

/// How a paragraph is set. A body paragraph indents two characters (7.3.3);
/// the others are the lines a 公文 sets apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub enum ParagraphKind {
    /// Two characters' first-line indent, justified (7.3.3).
    #[default]
    Body,
    /// Flush left, no indent (`{.noindent}`).
    NoIndent,
    /// Centred (`{.center}`).
    Center,
    /// Flush right (`{.right}`).
    Right,
    /// A speech's subtitle under the title, "——2022年1月20日在……会议上",
    /// centred in 楷体 (`{.subtitle}`; convention, gbt9704.md).
    Subtitle,
    /// The speaker's office and name, centred in 楷体 (`{.speaker}`).
    Speaker,
    /// The salutation, flush left ("各位代表：", `{.salutation}`).
    Salutation,
}

impl ParagraphKind {
    /// The block attribute that asks for this kind, and every kind by it.
    pub const ATTRIBUTES: [(&'static str, ParagraphKind); 6] = [
        ("noindent", ParagraphKind::NoIndent),
        ("center", ParagraphKind::Center),
        ("right", ParagraphKind::Right),
        ("subtitle", ParagraphKind::Subtitle),
        ("speaker", ParagraphKind::Speaker),
        ("salutation", ParagraphKind::Salutation),
    ];
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

/// The subtitle and speaker lines that open a speech (a convention, not the
/// standard: gbt9704.md), set directly under the title before its blank
/// line; and the blocks after them.
pub fn split_speech_opening(blocks: &[Block]) -> (&[Block], &[Block]) {
    let n = blocks
        .iter()
        .take_while(|b| {
            matches!(b, Block::Paragraph(p)
                if matches!(p.kind, ParagraphKind::Subtitle | ParagraphKind::Speaker))
        })
        .count();
    blocks.split_at(n)
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
        fn scan_block<'a>(block: &'a Block, out: &mut Vec<&'a str>) {
            match block {
                Block::Heading(h) => scan(&h.content, out),
                Block::Paragraph(p) => {
                    if let Some(h) = &p.heading {
                        scan(&h.content, out);
                    }
                    scan(&p.content, out);
                }
                Block::List(l) => l.items.iter().for_each(|i| scan(i, out)),
                Block::Table(t) => t
                    .header
                    .iter()
                    .chain(t.rows.iter().flatten())
                    .for_each(|c| scan(c, out)),
            }
        }
        let mut out = Vec::new();
        let m = &self.meta;
        let h = &m.head;
        let meta_texts = std::iter::once(&m.title)
            .chain(m.index.iter().map(|(_, v)| v))
            .chain(h.copy.iter().chain(&h.secrecy).chain(&h.urgency))
            .chain(h.organs.iter().chain(&h.number).chain(&h.signers))
            .chain(&m.addressees)
            .chain(m.issuers())
            .chain(&m.signer)
            .chain(&m.attachments)
            .chain(&m.note)
            .chain(m.attendance.iter().flat_map(|a| &a.names))
            .chain(m.closing.cc.iter().chain(&m.closing.printer));
        for text in meta_texts {
            out.extend(placeholders_in(text));
        }
        for block in &self.blocks {
            scan_block(block, &mut out);
        }
        for a in &self.attachments {
            out.extend(placeholders_in(&a.title));
            for block in &a.blocks {
                scan_block(block, &mut out);
            }
        }
        out
    }
}
