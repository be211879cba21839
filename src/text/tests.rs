use super::*;
use crate::model::{
    Attachment, Attendance, Closing, Date, Format, Head, Meta, Paragraph, ParagraphKind, Sealing,
};

fn para(text: &str, kind: ParagraphKind) -> Block {
    Block::Paragraph(Paragraph {
        heading: None,
        content: vec![Inline::Text(text.into())],
        kind,
        line: 1,
    })
}

fn date(year: i32, month: u32, day: u32) -> Date {
    Date { year, month, day }
}

/// A 下行文 notice with every element the printed form has.
fn notice(form: Form) -> Document {
    Document {
        meta: Meta {
            title: "关于开展科技活动周的通知".into(),
            index: vec![("文号".into(), "楚科发〔2021〕3号".into())],
            issuer: "楚雄州科学技术局".into(),
            date: date(2021, 1, 10),
            attachments: vec!["活动安排".into(), "报名表".into()],
            form,
            head: Head {
                copy: Some("000001".into()),
                secrecy: Some("秘密★1年".into()),
                urgency: Some("特急".into()),
                organs: vec!["楚雄州科学技术局".into()],
                suffix: Some("文件".into()),
                number: Some("楚科发〔2021〕3号".into()),
                signers: Vec::new(),
            },
            addressees: vec!["各县市科技局".into(), "州级有关部门".into()],
            sealing: Sealing::Sealed,
            note: Some("此件公开发布".into()),
            closing: Closing {
                cc: vec!["州委办公室".into(), "州政府办公室".into()],
                printer: Some("楚雄州科学技术局办公室".into()),
                printed: Some(date(2021, 1, 12).chinese()),
            },
            ..Meta::default()
        },
        blocks: vec![para("现将有关事项通知如下。", ParagraphKind::Body)],
        attachments: vec![
            Attachment {
                title: "活动安排".into(),
                blocks: vec![para("5月20日开幕。", ParagraphKind::Body)],
                line: 9,
            },
            Attachment {
                title: "报名表".into(),
                blocks: vec![para("（略）", ParagraphKind::Center)],
                line: 12,
            },
        ],
    }
}

#[test]
fn the_printed_form_reads_head_body_signature_note_attachments_closing() {
    let want = "\
000001
秘密★1年
特急

楚雄州科学技术局文件

楚科发〔2021〕3号

关于开展科技活动周的通知

各县市科技局，州级有关部门：

现将有关事项通知如下。

附件：1.活动安排
\u{3000}\u{3000}\u{3000}2.报名表

楚雄州科学技术局

2021年1月10日

（此件公开发布）

附件1

活动安排

5月20日开幕。

附件2

报名表

（略）

抄送：州委办公室，州政府办公室。
楚雄州科学技术局办公室\u{3000}\u{3000}2021年1月12日印发
";
    assert_eq!(write(&notice(Form::Printed)), want);
}

#[test]
fn the_disclosure_form_has_the_index_and_neither_head_nor_closing_block() {
    let text = write(&notice(Form::Disclosure));
    let want_start =
        "关于开展科技活动周的通知\n\n文  号：楚科发〔2021〕3号\n\n各县市科技局，州级有关部门：\n\n";
    assert!(text.starts_with(want_start), "{text}");
    for absent in ["000001", "特急", "局文件", "抄送", "印发"] {
        assert!(
            !text.contains(absent),
            "{absent} in the disclosure copy:\n{text}"
        );
    }
    // The note and the attachment pages are part of the document in either copy.
    assert!(
        text.contains("（此件公开发布）\n\n附件1\n\n活动安排\n"),
        "{text}"
    );
}

#[test]
fn the_printed_form_shows_no_index_block() {
    let text = write(&notice(Form::Printed));
    assert!(!text.contains("文  号："), "{text}");
}

#[test]
fn an_upward_document_puts_its_signers_on_the_number_line() {
    let mut doc = notice(Form::Printed);
    doc.meta.head = Head {
        organs: vec!["楚雄州科学技术局".into()],
        suffix: Some("文件".into()),
        number: Some("楚科报〔2021〕5号".into()),
        signers: vec!["张三".into(), "李四".into(), "王五".into()],
        ..Head::default()
    };
    let text = write(&doc);
    assert!(
        text.starts_with(
            "楚雄州科学技术局文件\n\n楚科报〔2021〕5号\u{3000}\u{3000}签发人：张三\u{3000}李四\u{3000}王五\n\n关于"
        ),
        "{text}"
    );
}

#[test]
fn a_joint_issue_stacks_its_organs_and_signs_with_each_issuer() {
    let mut doc = notice(Form::Printed);
    doc.meta.head.organs = vec!["楚雄州科学技术局".into(), "楚雄州财政局".into()];
    doc.meta.co_issuers = vec!["楚雄州财政局".into()];
    let text = write(&doc);
    assert!(
        text.contains("特急\n\n楚雄州科学技术局\n楚雄州财政局\n文件\n\n楚科发"),
        "{text}"
    );
    assert!(
        text.contains("楚雄州科学技术局\n\n楚雄州财政局\n\n2021年1月10日"),
        "{text}"
    );
}

#[test]
fn a_signature_stamp_shows_the_signer_in_place_of_the_organ() {
    let mut doc = notice(Form::Printed);
    doc.meta.sealing = Sealing::Stamp;
    doc.meta.signer = Some("局长 张三".into());
    let text = write(&doc);
    assert!(
        text.contains("2.报名表\n\n局长 张三\n\n2021年1月10日\n\n（此件"),
        "{text}"
    );
}

#[test]
fn minutes_list_attendance_after_the_attachment_note() {
    let mut doc = notice(Form::Printed);
    doc.meta.format = Format::Minutes;
    doc.meta.attendance = vec![
        Attendance {
            label: "出席".into(),
            names: vec!["张三".into(), "李四".into()],
        },
        Attendance {
            label: "请假".into(),
            names: Vec::new(),
        },
        Attendance {
            label: "列席".into(),
            names: vec!["王五".into()],
        },
    ];
    let text = write(&doc);
    assert!(
        text.contains("2.报名表\n\n出席：张三、李四\n列席：王五\n\n楚雄州科学技术局"),
        "{text}"
    );
}

#[test]
fn a_letter_and_an_order_start_with_the_organ() {
    let mut doc = notice(Form::Printed);
    doc.meta.format = Format::Letter;
    doc.meta.head.suffix = None;
    let text = write(&doc);
    assert!(
        text.starts_with("楚雄州科学技术局\n\n000001\n秘密★1年\n特急\n\n楚科发〔2021〕3号\n\n"),
        "{text}"
    );
    let mut doc = notice(Form::Printed);
    doc.meta.format = Format::Order;
    doc.meta.head = Head {
        organs: vec!["楚雄州人民政府".into()],
        suffix: Some("令".into()),
        number: Some("第3号".into()),
        ..Head::default()
    };
    assert!(
        write(&doc).starts_with("楚雄州人民政府令\n\n第3号\n\n关于"),
        "{}",
        write(&doc)
    );
    // An order without a title goes from its number to its body, no empty line between.
    doc.meta.title = String::new();
    assert!(
        write(&doc).starts_with("楚雄州人民政府令\n\n第3号\n\n各县市"),
        "{}",
        write(&doc)
    );
}

#[test]
fn one_attachment_is_labelled_without_a_number() {
    let mut doc = notice(Form::Printed);
    doc.attachments.truncate(1);
    doc.meta.attachments.truncate(1);
    let text = write(&doc);
    assert!(text.contains("附件：活动安排\n"), "{text}");
    assert!(
        text.contains("（此件公开发布）\n\n附件\n\n活动安排\n\n5月20日"),
        "{text}"
    );
}

#[test]
fn speech_lines_stand_as_their_own_paragraphs() {
    let mut doc = notice(Form::Printed);
    doc.blocks = vec![
        para("——2022年1月20日在州科技工作会议上", ParagraphKind::Subtitle),
        para("州科学技术局局长 张三", ParagraphKind::Speaker),
        para("各位代表：", ParagraphKind::Salutation),
        para("现在，我代表州科学技术局作工作报告。", ParagraphKind::Body),
    ];
    let text = write(&doc);
    assert!(
        text.contains(
            "——2022年1月20日在州科技工作会议上\n\n州科学技术局局长 张三\n\n各位代表：\n\n现在，"
        ),
        "{text}"
    );
}

#[test]
fn a_closing_block_without_printing_office_still_says_when_it_was_printed() {
    let closing = Closing {
        cc: Vec::new(),
        printer: None,
        printed: Some(date(2021, 1, 12).chinese()),
    };
    assert_eq!(
        parts::closing(&closing).as_deref(),
        Some("2021年1月12日印发")
    );
    assert_eq!(parts::closing(&Closing::default()), None);
}
