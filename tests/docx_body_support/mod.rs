//! Documents with every part of the body a printed 公文 may have, built in
//! Rust for the DOCX body tests: 主送, paragraph kinds, signature variants,
//! 附注, attendance lists, attachment pages and the closing block.
#![allow(dead_code)]

use gongwen::model::{
    Attachment, Attendance, Block, Closing, Date, Document, Form, Inline, Meta, Paragraph,
    ParagraphKind, Sealing,
};

pub fn kind_para(text: &str, kind: ParagraphKind) -> Block {
    Block::Paragraph(Paragraph {
        heading: None,
        content: vec![Inline::Text(text.into())],
        kind,
        line: 1,
    })
}

pub fn para(text: &str) -> Block {
    kind_para(text, ParagraphKind::Body)
}

/// A notice: 主送, body, one attachment named in the note, sealed, 附注,
/// the attachment's page, and a 版记 with 抄送 and the 印发 line.
pub fn notice() -> Document {
    Document {
        meta: Meta {
            title: "楚雄州科学技术局关于开展科技活动周的通知".into(),
            issuer: "楚雄州科学技术局".into(),
            date: Date {
                year: 2021,
                month: 1,
                day: 10,
            },
            attachments: vec!["科技活动周安排表".into()],
            form: Form::Printed,
            addressees: vec!["各县市科技局".into(), "州级有关部门".into()],
            sealing: Sealing::Sealed,
            note: Some("此件公开发布".into()),
            closing: Closing {
                cc: vec!["州委办公室".into(), "州政府办公室".into()],
                printer: Some("楚雄州科学技术局办公室".into()),
                printed: Some("2021年1月12日".into()),
            },
            ..Default::default()
        },
        blocks: vec![
            para("为深入实施创新驱动发展战略，州科技局决定在全州开展科技活动周。"),
            para("请各地认真组织，按时报送活动开展情况。"),
        ],
        attachments: vec![Attachment {
            title: "科技活动周安排表".into(),
            blocks: vec![
                kind_para(
                    "——2021年5月在楚雄州科技活动周启动仪式上",
                    ParagraphKind::Subtitle,
                ),
                kind_para("州科技局局长　张三", ParagraphKind::Speaker),
                kind_para("各位代表：", ParagraphKind::Salutation),
                para("活动周期间，各地集中开展科普宣传。"),
            ],
            line: 1,
        }],
    }
}

/// A 纪要's attendance lists.
pub fn attendance() -> Vec<Attendance> {
    vec![
        Attendance {
            label: "出席".into(),
            names: [
                "张三", "李四", "王五", "赵六", "孙七", "周八", "吴九", "郑十", "钱一", "陈二",
                "褚三", "卫四", "蒋五",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect(),
        },
        Attendance {
            label: "请假".into(),
            names: vec!["冯六".into()],
        },
    ]
}
