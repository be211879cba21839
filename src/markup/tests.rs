use super::*;

fn doc(body: &str) -> Document {
    let text = format!("---\ntitle: T\nissuer: 局\ndate: 2021-01-10\n---\n{body}");
    parse(&text, Path::new("t.md.hbs")).unwrap()
}

#[test]
fn headings_are_numbered_and_restart_under_their_parent() {
    let d = doc("# 甲\n\n## 乙\n\n### 丙\n\n#### 丁\n\n## 戊\n\n### 己\n\n# 庚\n\n## 辛\n");
    let numbers: Vec<&str> = d
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(h) => Some(h.number.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(
        numbers,
        [
            "一、",
            "（一）",
            "1.",
            "（1）",
            "（二）",
            "1.",
            "二、",
            "（一）"
        ]
    );
}

#[test]
fn level_two_runs_into_its_paragraph_unless_standalone() {
    let d = doc("## 甲。\n正文\n继续。\n\n## 乙:{.standalone}\n\n段落\n\n## 丙\n\n- 项\n");
    match &d.blocks[0] {
        Block::Paragraph(p) => {
            assert_eq!(
                p.heading.as_ref().map(|h| crate::model::plain(&h.content)),
                Some("甲。".into())
            );
            assert_eq!(crate::model::plain(&p.content), "正文继续。");
        }
        other => panic!("expected a run-in paragraph, got {other:?}"),
    }
    assert!(matches!(&d.blocks[1], Block::Heading(h) if h.number == "（二）"));
    assert!(matches!(&d.blocks[2], Block::Paragraph(p) if p.heading.is_none()));
    assert!(matches!(&d.blocks[3], Block::Heading(h) if h.number == "（三）"));
    assert!(matches!(&d.blocks[4], Block::List(l) if l.items.len() == 1));
}

#[test]
fn placeholders_are_lifted_out_of_text() {
    let d = doc("经费【待填:results.funds】万元。\n");
    assert_eq!(d.placeholders(), ["results.funds"]);
}

fn refused(body: &str) -> Error {
    let text = format!("---\ntitle: T\nissuer: 局\ndate: 2021-01-10\n---\n\n{body}");
    parse(&text, Path::new("t.md.hbs")).expect_err(body)
}

#[test]
fn markup_that_would_vanish_is_refused_at_its_line() {
    for (body, what) in [
        ("甲[注释](http://x.cn)乙\n", "link"),
        ("甲[^1]乙\n\n[^1]: 注\n", "footnote"),
        ("甲\n\n[a]: http://x.cn\n", "link definition"),
        ("![图](a.png)\n", "image"),
        ("甲<b>乙</b>\n", "HTML"),
        ("甲*乙*\n", "emphasis"),
        (
            "| a | b |\n|---|---|\n| 1 | 2 | 3 |\n",
            "3 cells under a header of 2",
        ),
        (
            "## 甲 {.noindent}\n\n乙\n",
            "unknown block attribute `.noindent`",
        ),
        ("正文 {.bold}\n", "unknown block attribute `{.bold}`"),
        ("正文 {.center}\n接着\n", "must end its paragraph"),
        ("## 附 {.attachment}\n\n乙\n", "level-1 heading"),
    ] {
        let e = refused(body);
        assert!(e.message.contains(what), "{body:?}: {e}");
        let line = e.location.as_ref().map(|l| l.line).unwrap_or(0);
        assert!(line >= 7, "{body:?}: {e}");
    }
    let hint = refused("正文 {.bold}\n").to_string();
    assert!(
        hint.contains("{.standalone}") && hint.contains("{.salutation}"),
        "{hint}"
    );
}

#[test]
fn paragraph_attributes_set_the_kind_and_vanish_from_the_text() {
    let d = doc("——2022年1月20日在会议上 {.subtitle}\n\n县长 张三 {.speaker}\n\n各位代表：{.salutation}\n\n## 甲\n\n居中 {.center}\n\n正文\n");
    let kinds: Vec<(ParagraphKind, String)> = d
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some((p.kind, crate::model::plain(&p.content))),
            _ => None,
        })
        .collect();
    assert_eq!(
        kinds,
        [
            (
                ParagraphKind::Subtitle,
                "——2022年1月20日在会议上".to_string()
            ),
            (ParagraphKind::Speaker, "县长 张三".to_string()),
            (ParagraphKind::Salutation, "各位代表：".to_string()),
            (ParagraphKind::Center, "居中".to_string()),
            (ParagraphKind::Body, "正文".to_string()),
        ]
    );
    // A heading does not run into a centred line.
    assert!(matches!(d.blocks[3], Block::Heading(_)));
}

#[test]
fn attachment_headings_start_attachment_pages_numbered_afresh() {
    let d = doc(
        "# 甲\n\n正文\n\n# 附件一 {.attachment}\n\n# 乙\n\n内容\n\n# 附件二 {.attachment}\n\n文\n",
    );
    assert_eq!(d.blocks.len(), 2);
    assert_eq!(d.meta.attachments, ["附件一", "附件二"]);
    assert_eq!(d.attachments.len(), 2);
    match &d.attachments[0].blocks[0] {
        Block::Heading(h) => assert_eq!(h.number, "一、"),
        b => panic!("{b:?}"),
    }
    let text = "---\ntitle: T\nissuer: 局\ndate: 2021-01-10\nattachments: [附件一]\n---\n# 附件二 {.attachment}\n";
    let e = parse(text, Path::new("t.md.hbs")).unwrap_err();
    assert!(
        e.to_string().contains("do not match") && e.to_string().contains("t.md.hbs:7"),
        "{e}"
    );
}

#[test]
fn escaped_marks_and_short_rows_are_fine() {
    let d = doc(
        "甲\\[a\\](b) \\{.x} \\<b\\> \\&amp;\n\n| a | b |\n|---|---|\n| 1 \\| 2 | 3 |\n| 4 |\n",
    );
    assert!(
        matches!(&d.blocks[0], Block::Paragraph(p) if crate::model::plain(&p.content) == "甲[a](b) {.x} <b> &amp;")
    );
}

#[test]
fn latin_words_keep_their_space_across_a_soft_break() {
    let d = doc("R&D\ninput 中\n文\n");
    match &d.blocks[0] {
        Block::Paragraph(p) => assert_eq!(crate::model::plain(&p.content), "R&D input 中文"),
        other => panic!("{other:?}"),
    }
}
