//! Text from the data with XML specials and control characters: the reader
//! sees exactly the text of the data, or the writer refuses it with a clear
//! error — never a file Word calls damaged.

mod docx_support;

use docx_support::{para, parse, parts, small_doc, visible};
use gongwen::model::{Block, Inline, List, Table};
use gongwen::style::Style;

const SPECIALS: &str = "R&D <b>粗</b> \"引号\" 'apos' &amp; ]]> 甲\t乙";

#[test]
fn xml_specials_tabs_and_breaks_keep_their_visible_text() {
    let mut doc = small_doc(vec![
        para(vec![Inline::Text(SPECIALS.into())]),
        para(vec![Inline::Text(
            "第一行\n第二行\r\n第三行\r第四行".into(),
        )]),
        Block::List(List {
            items: vec![vec![Inline::Strong("<&>".into())]],
            line: 3,
        }),
        Block::Table(Table {
            header: vec![vec![Inline::Text("A&B".into())]],
            rows: vec![vec![vec![Inline::Text("x<y".into())]]],
            align: vec![],
            line: 4,
        }),
    ]);
    doc.meta.title = "R&D <标题> \"q\"".into();
    doc.meta.issuer = "A&B局".into();
    doc.meta.keywords = vec!["<k>".into(), "&".into()];
    let docx = gongwen::docx::write(&doc, &Style::default()).expect("specials are fine");
    let parts = parts(&docx);
    for xml in parts.values() {
        parse(xml);
    }
    let body = parse(&parts["word/document.xml"]);
    let texts: Vec<String> = body.all("w:p").into_iter().map(visible).collect();
    for want in [
        "R&D <标题> \"q\"",
        SPECIALS,
        "第一行\n第二行\n第三行\n第四行",
        "——<&>",
        "A&B",
        "x<y",
        "A&B局",
    ] {
        assert!(
            texts.iter().any(|t| t == want),
            "{want:?} not among {texts:#?}"
        );
    }
    let core = parse(&parts["docProps/core.xml"]);
    assert_eq!(core.child("dc:title").unwrap().text, "R&D <标题> \"q\"");
    assert_eq!(core.child("cp:keywords").unwrap().text, "<k>、&");
}

#[test]
fn control_characters_xml_cannot_hold_are_rejected_clearly() {
    for c in (0u32..0x20).filter_map(char::from_u32) {
        if matches!(c, '\t' | '\n' | '\r') {
            continue;
        }
        let doc = small_doc(vec![para(vec![Inline::Text(format!("前{c}后"))])]);
        let err = gongwen::docx::write(&doc, &Style::default())
            .expect_err(&format!("U+{:04X} must be rejected", c as u32));
        let msg = err.to_string();
        assert!(msg.contains(&format!("U+{:04X}", c as u32)), "{msg}");
        assert!(msg.contains("control character"), "{msg}");
    }
    // In the metadata too.
    let mut doc = small_doc(vec![]);
    doc.meta.title = "标题\u{1}".into();
    let msg = gongwen::docx::write(&doc, &Style::default())
        .unwrap_err()
        .to_string();
    assert!(msg.contains("title") && msg.contains("U+0001"), "{msg}");
}
