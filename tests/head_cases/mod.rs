//! Printed documents with a head (版头) in each format, built in Rust, for
//! the DOCX head tests: a 下行文 notice, a joint issue, an upward 请示, a 函,
//! a 令 and a 纪要.
#![allow(dead_code)]

use gongwen::model::{Block, Document, Form, Format, Head, Inline, Paragraph};

fn para(text: &str) -> Block {
    Block::Paragraph(Paragraph {
        heading: None,
        content: vec![Inline::Text(text.into())],
        kind: Default::default(),
        line: 1,
    })
}

fn printed(title: &str, format: Format, head: Head) -> Document {
    let mut doc = super::docx_support::small_doc(vec![
        para("为深入实施创新驱动发展战略，推动全州科技创新工作高质量发展，现将有关事项通知如下。"),
        para("请结合实际，认真抓好贯彻落实。"),
    ]);
    doc.meta.title = title.into();
    doc.meta.issuer = "楚雄州科学技术局".into();
    doc.meta.form = Form::Printed;
    doc.meta.format = format;
    doc.meta.head = head;
    doc
}

/// A 下行文 notice with every head element of one organ.
pub fn notice() -> Document {
    printed(
        "楚雄州科学技术局关于做好2021年科技项目申报工作的通知",
        Format::Document,
        Head {
            copy: Some("000001".into()),
            secrecy: Some("秘密★1年".into()),
            urgency: Some("特急".into()),
            organs: vec!["楚雄州科学技术局".into()],
            suffix: Some("文件".into()),
            number: Some("楚科发〔2021〕3号".into()),
            signers: vec![],
        },
    )
}

/// A joint issue of two organs.
pub fn joint() -> Document {
    printed(
        "楚雄州科学技术局 楚雄州财政局关于印发科技经费管理办法的通知",
        Format::Document,
        Head {
            organs: vec!["楚雄州科学技术局".into(), "楚雄州财政局".into()],
            suffix: Some("文件".into()),
            number: Some("楚科联发〔2021〕2号".into()),
            ..Head::default()
        },
    )
}

/// An upward 请示 with three 签发人 (two lines).
pub fn request() -> Document {
    printed(
        "楚雄州科学技术局关于申请科技创新专项经费的请示",
        Format::Document,
        Head {
            organs: vec!["楚雄州科学技术局".into()],
            suffix: Some("文件".into()),
            number: Some("楚科呈〔2021〕5号".into()),
            signers: vec!["张三".into(), "李四".into(), "王五".into()],
            ..Head::default()
        },
    )
}

/// A 函 in the 信函格式.
pub fn letter() -> Document {
    printed(
        "楚雄州科学技术局关于商请支持科技特派员工作的函",
        Format::Letter,
        Head {
            copy: Some("000012".into()),
            organs: vec!["楚雄州科学技术局".into()],
            number: Some("楚科函〔2021〕8号".into()),
            ..Head::default()
        },
    )
}

/// An order (令).
pub fn order() -> Document {
    printed(
        "楚雄州科技计划项目管理办法",
        Format::Order,
        Head {
            organs: vec!["楚雄州人民政府".into()],
            suffix: Some("令".into()),
            number: Some("第3号".into()),
            ..Head::default()
        },
    )
}

/// A 纪要.
pub fn minutes() -> Document {
    printed(
        "州科技局2021年第1次局务会议纪要",
        Format::Minutes,
        Head {
            organs: vec!["楚雄州科学技术局".into()],
            suffix: Some("纪要".into()),
            number: Some("〔2021〕1号".into()),
            ..Head::default()
        },
    )
}

/// Every case by name.
pub fn all() -> Vec<(&'static str, Document)> {
    vec![
        ("notice", notice()),
        ("joint", joint()),
        ("request", request()),
        ("letter", letter()),
        ("order", order()),
        ("minutes", minutes()),
    ]
}
