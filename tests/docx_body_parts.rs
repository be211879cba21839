//! The DOCX's body parts of a printed 公文, read from document.xml: 主送,
//! paragraph kinds, the signature variants (one issuer and joint), 附注,
//! attendance lists, attachment pages and the closing block (版记).

mod docx_body_support;
mod docx_support;

use docx_body_support::{attendance, kind_para, notice, para};
use docx_support::{parse, parts, El};
use gongwen::model::{Document, Form, Format, ParagraphKind, Sealing};
use gongwen::style::Style;

/// 1 字 at 3号 in twips, and at 4号.
const CH: i64 = 320;
const CH4: i64 = 280;

fn body(doc: &Document) -> El {
    let docx = gongwen::docx::write(doc, &Style::default()).expect("write");
    let xml = parts(&docx)["word/document.xml"].clone();
    parse(&xml).child("w:body").expect("w:body").clone()
}

/// The body's top-level paragraphs and tables, in order.
fn blocks(body: &El) -> Vec<&El> {
    body.children
        .iter()
        .filter(|c| c.name == "w:p" || c.name == "w:tbl")
        .collect()
}

/// What a reader sees: the runs' text, tabs and breaks (not the tab stops).
fn visible(e: &El) -> String {
    e.all("w:r")
        .into_iter()
        .map(docx_support::visible)
        .collect()
}

fn paragraph<'a>(body: &'a El, text: &str) -> &'a El {
    body.children
        .iter()
        .find(|p| p.name == "w:p" && visible(p) == text)
        .unwrap_or_else(|| panic!("no paragraph {text:?}"))
}

fn ppr<'a>(p: &'a El, name: &str) -> Option<&'a El> {
    p.child("w:pPr").and_then(|ppr| ppr.child(name))
}

fn int(e: Option<&El>, attr: &str) -> Option<i64> {
    e.and_then(|e| e.attr(attr)).and_then(|v| v.parse().ok())
}

fn style_of(p: &El) -> Option<&str> {
    ppr(p, "w:pStyle").and_then(|s| s.attr("w:val"))
}

fn east_asia_fonts(p: &El) -> Vec<&str> {
    p.all("w:r")
        .into_iter()
        .filter_map(|r| r.child("w:rPr").and_then(|r| r.child("w:rFonts")))
        .filter_map(|f| f.attr("w:eastAsia"))
        .collect()
}

#[test]
fn addressees_are_flush_left_and_end_with_a_colon() {
    let b = body(&notice());
    let p = paragraph(&b, "各县市科技局，州级有关部门：");
    assert_eq!(style_of(p), Some("Normal"), "no first-line indent");
    assert!(ppr(p, "w:ind").is_none(), "主送 is indented");
    // One blank line below the title (the printed form has no index block).
    let all = blocks(&b);
    let at = all.iter().position(|e| std::ptr::eq(*e, p)).unwrap();
    assert_eq!(style_of(all[0]), Some("Title"));
    assert_eq!((at, visible(all[1]).as_str()), (2, ""));
}

#[test]
fn sealed_date_sits_four_characters_in_with_the_issuer_centred_over_it() {
    let b = body(&notice());
    let date = paragraph(&b, "2021年1月10日");
    let issuer = paragraph(&b, "楚雄州科学技术局");
    assert_eq!(int(ppr(date, "w:ind"), "w:right"), Some(4 * CH));
    // Issuer 8 characters, date 6.5: centred, the issuer's right edge
    // 4 + (6.5 − 8) / 2 = 3.25 characters in.
    assert_eq!(int(ppr(issuer, "w:ind"), "w:right"), Some(1040));
    // Three blank lines of room for the seal above the issuer [7.3.5.1].
    let all = blocks(&b);
    let at = all.iter().position(|e| std::ptr::eq(*e, issuer)).unwrap();
    assert!(all[at - 3..at].iter().all(|p| visible(p).is_empty()));
    assert!(!visible(all[at - 4]).is_empty());
}

#[test]
fn the_note_follows_the_date_two_characters_in() {
    let b = body(&notice());
    let all = blocks(&b);
    let date = all
        .iter()
        .position(|p| visible(p) == "2021年1月10日")
        .unwrap();
    assert_eq!(visible(all[date + 1]), "（此件公开发布）");
    assert_eq!(style_of(all[date + 1]), Some("BodyText"));
}

#[test]
fn joint_issuers_stack_unsealed_and_stand_side_by_side_sealed() {
    let mut doc = notice();
    doc.meta.co_issuers = vec!["楚雄州财政局".into()];
    doc.meta.sealing = Sealing::Unsealed;
    let b = body(&doc);
    let lead = paragraph(&b, "楚雄州科学技术局");
    let co = paragraph(&b, "楚雄州财政局");
    // Stacked, centred on one another: the shorter name one character
    // further in from the right.
    let right = |p: &El| int(ppr(p, "w:ind"), "w:right").unwrap();
    assert_eq!(right(lead), 2 * CH);
    assert_eq!(right(co), 3 * CH);

    doc.meta.sealing = Sealing::Sealed;
    let b = body(&doc);
    let row = paragraph(&b, "\t楚雄州科学技术局\t楚雄州财政局");
    let tabs = ppr(row, "w:tabs").expect("centre tabs").all("w:tab");
    assert_eq!(tabs.len(), 2);
    assert!(tabs.iter().all(|t| t.attr("w:val") == Some("center")));
    // Half the block apart (78 mm): two seals of 42 mm stay clear.
    let pos: Vec<i64> = tabs
        .iter()
        .map(|t| int(Some(t), "w:pos").unwrap())
        .collect();
    assert_eq!(pos[1] - pos[0], 8844 / 2);

    // A third issuer: a row of its own, over the date, under room for its seal.
    doc.meta.co_issuers.push("楚雄州农业农村局".into());
    let b = body(&doc);
    let all = blocks(&b);
    let third = all
        .iter()
        .position(|p| visible(p) == "楚雄州农业农村局")
        .expect("the third issuer alone");
    assert!(all[third - 3..third].iter().all(|p| visible(p).is_empty()));
    assert_eq!(visible(all[third - 4]), "\t楚雄州科学技术局\t楚雄州财政局");
    assert_eq!(visible(all[third + 1]), "2021年1月10日");
}

#[test]
fn a_signature_stamp_leaves_room_and_sets_the_signer_four_characters_in() {
    let mut doc = notice();
    doc.meta.sealing = Sealing::Stamp;
    doc.meta.signer = Some("局长　张三".into());
    let b = body(&doc);
    let all = blocks(&b);
    let signer = all.iter().position(|p| visible(p) == "局长　张三").unwrap();
    assert!(visible(all[signer - 1]).is_empty() && visible(all[signer - 2]).is_empty());
    assert!(
        visible(all[signer + 1]).is_empty(),
        "one blank line under the stamp"
    );
    assert_eq!(visible(all[signer + 2]), "2021年1月10日");
    for p in [all[signer], all[signer + 2]] {
        assert_eq!(int(ppr(p, "w:ind"), "w:right"), Some(4 * CH));
    }
}

#[test]
fn paragraph_kinds_are_set_as_asked() {
    let mut doc = notice();
    doc.blocks = vec![
        kind_para("不缩进", ParagraphKind::NoIndent),
        kind_para("居中", ParagraphKind::Center),
        kind_para("居右", ParagraphKind::Right),
        kind_para("——副标题", ParagraphKind::Subtitle),
        kind_para("讲话人", ParagraphKind::Speaker),
        kind_para("各位代表：", ParagraphKind::Salutation),
        para("正文。"),
    ];
    let b = body(&doc);
    let jc = |t: &str| {
        ppr(paragraph(&b, t), "w:jc")
            .and_then(|j| j.attr("w:val"))
            .map(str::to_string)
    };
    assert_eq!(jc("居中").as_deref(), Some("center"));
    assert_eq!(jc("居右").as_deref(), Some("right"));
    for t in ["不缩进", "各位代表："] {
        assert_eq!(style_of(paragraph(&b, t)), Some("Normal"), "{t} indented");
    }
    assert_eq!(style_of(paragraph(&b, "正文。")), Some("BodyText"));
    for t in ["——副标题", "讲话人"] {
        assert_eq!(jc(t).as_deref(), Some("center"));
        let fonts = east_asia_fonts(paragraph(&b, t));
        assert!(
            !fonts.is_empty() && fonts.iter().all(|f| f.starts_with("楷体")),
            "{t}: {fonts:?}"
        );
    }
}

#[test]
fn attendance_labels_are_hei_and_wrapped_names_align_after_the_colon() {
    let mut doc = notice();
    doc.meta.format = Format::Minutes;
    doc.meta.attendance = attendance();
    let b = body(&doc);
    let p = b
        .children
        .iter()
        .find(|p| visible(p).starts_with("出席："))
        .expect("the 出席 list");
    let ind = ppr(p, "w:ind");
    // Two characters in, wrapped lines after the three-character label.
    assert_eq!(int(ind, "w:left"), Some(5 * CH));
    assert_eq!(int(ind, "w:hanging"), Some(3 * CH));
    let fonts = east_asia_fonts(p);
    assert_eq!(fonts.first().copied(), Some("黑体"), "label not in 黑体");
    assert!(b.children.iter().any(|p| visible(p) == "请假：冯六"));
}

#[test]
fn an_attachment_starts_a_new_page_with_its_label_and_title() {
    let b = body(&notice());
    let all = blocks(&b);
    let label = all.iter().position(|p| visible(p) == "附件").unwrap();
    assert!(ppr(all[label], "w:pageBreakBefore").is_some());
    assert_eq!(east_asia_fonts(all[label]), vec!["黑体"]);
    assert!(visible(all[label + 1]).is_empty());
    assert_eq!(visible(all[label + 2]), "科技活动周安排表");
    assert_eq!(style_of(all[label + 2]), Some("Title"));
    // A speech's subtitle and speaker lines under its title, then a blank line.
    assert_eq!(
        visible(all[label + 3]),
        "——2021年5月在楚雄州科技活动周启动仪式上"
    );
    assert_eq!(visible(all[label + 4]), "州科技局局长　张三");
    assert!(visible(all[label + 5]).is_empty());
    assert_eq!(visible(all[label + 6]), "各位代表：");
    // Page numbers continue: one section for the whole document.
    assert_eq!(b.all("w:sectPr").len(), 1);
}

#[test]
fn several_attachments_are_numbered() {
    let mut doc = notice();
    let second = doc.attachments[0].clone();
    doc.attachments.push(second);
    let b = body(&doc);
    for label in ["附件1", "附件2"] {
        paragraph(&b, label);
    }
}

/// The closing block: its table and the paragraphs of its rows.
fn closing(b: &El) -> &El {
    let all = blocks(b);
    let t = all[all.len() - 2];
    assert_eq!(t.name, "w:tbl", "the 版记 is not the last table");
    t
}

#[test]
fn the_closing_block_is_a_table_on_the_blocks_bottom_edge_with_its_rules() {
    let b = body(&notice());
    let t = closing(&b);
    let pos = t
        .child("w:tblPr")
        .unwrap()
        .child("w:tblpPr")
        .expect("floating");
    assert_eq!(pos.attr("w:vertAnchor"), Some("margin"));
    assert_eq!(pos.attr("w:tblpYSpec"), Some("bottom"));
    assert_eq!(pos.attr("w:horzAnchor"), Some("page"));
    assert_eq!(
        pos.attr("w:tblpX"),
        Some("1587"),
        "not at the block's left edge (28 mm)"
    );
    let w = t.child("w:tblPr").unwrap().child("w:tblW").unwrap();
    assert_eq!(
        w.attr("w:w"),
        Some("8844"),
        "not the block's width (156 mm)"
    );
    let borders = t.child("w:tblPr").unwrap().child("w:tblBorders").unwrap();
    let sz = |n: &str| {
        borders
            .child(n)
            .and_then(|b| b.attr("w:sz"))
            .map(str::to_string)
    };
    assert_eq!(sz("w:top").as_deref(), Some("8"));
    assert_eq!(sz("w:insideH").as_deref(), Some("6"));
    assert_eq!(sz("w:bottom").as_deref(), Some("8"));
    let rows: Vec<String> = t.all("w:tr").iter().map(|r| visible(r)).collect();
    assert_eq!(
        rows,
        vec![
            "抄送：州委办公室，州政府办公室。",
            "\t楚雄州科学技术局办公室\t2021年1月12日印发"
        ]
    );
    // 抄送 one character (4号) in, wrapped lines after the colon.
    let cc = t.all("w:p")[0];
    assert_eq!(int(ppr(cc, "w:ind"), "w:left"), Some(4 * CH4));
    assert_eq!(int(ppr(cc, "w:ind"), "w:hanging"), Some(3 * CH4));
    assert_eq!(int(ppr(cc, "w:ind"), "w:right"), Some(CH4));
    // Character units of 4号 for Word and WPS.
    assert_eq!(int(ppr(cc, "w:ind"), "w:leftChars"), Some(400));
    // The 印发 line: office one character in, date one character in from the right.
    let printed = t.all("w:p")[1];
    let tabs: Vec<(String, i64)> = ppr(printed, "w:tabs")
        .unwrap()
        .all("w:tab")
        .iter()
        .map(|t| {
            (
                t.attr("w:val").unwrap().to_string(),
                int(Some(t), "w:pos").unwrap(),
            )
        })
        .collect();
    assert_eq!(
        tabs,
        vec![("left".into(), CH4), ("right".into(), 8844 - CH4)]
    );
}

#[test]
fn a_letter_closes_without_rules_or_printing_line() {
    let mut doc = notice();
    doc.meta.format = Format::Letter;
    let b = body(&doc);
    let t = closing(&b);
    let rows: Vec<String> = t.all("w:tr").iter().map(|r| visible(r)).collect();
    assert_eq!(rows, vec!["抄送：州委办公室，州政府办公室。"]);
    let borders = t.child("w:tblPr").unwrap().child("w:tblBorders");
    assert!(borders.is_none_or(|b| b.children.iter().all(|c| c.attr("w:val") != Some("single"))));
}

#[test]
fn the_disclosure_copy_has_no_closing_block() {
    let mut doc = notice();
    doc.meta.form = Form::Disclosure;
    let b = body(&doc);
    assert!(b.all("w:tblpPr").is_empty());
    assert!(!visible(&b).contains("印发"));
}

#[test]
fn double_sided_the_closing_block_opens_an_even_page_section_without_number() {
    let mut doc = notice();
    doc.meta.duplex = true;
    let b = body(&doc);
    let sections = b.all("w:sectPr");
    assert_eq!(sections.len(), 2, "the 版记 has no section of its own");
    let last = b.child("w:sectPr").unwrap();
    let val = |e: &El, n: &str| e.child(n).and_then(|c| c.attr("w:val")).map(str::to_string);
    assert_eq!(val(last, "w:type").as_deref(), Some("evenPage"));
    assert!(
        last.child("w:titlePg").is_some(),
        "the 版记 page would be numbered"
    );
    assert!(last
        .all("w:footerReference")
        .iter()
        .all(|f| f.attr("w:type") != Some("first")));
    // The text's section keeps its page numbers.
    assert_eq!(sections[0].all("w:footerReference").len(), 2);
    // Single-sided, one section.
    doc.meta.duplex = false;
    assert_eq!(body(&doc).all("w:sectPr").len(), 1);
}

#[test]
fn addressees_that_would_fill_page_one_move_to_the_closing_block() {
    let mut doc = notice();
    doc.meta.head.organs = vec!["楚雄州科学技术局".into()];
    doc.meta.head.suffix = Some("文件".into());
    // The title on line 10 under a one-organ head, two title lines, a blank
    // line: nine lines of 主送 leave page 1 without body text.
    doc.meta.addressees = (0..36).map(|i| format!("第{i:02}县科技局")).collect();
    let b = body(&doc);
    assert!(
        !b.children
            .iter()
            .any(|p| visible(p).ends_with("县科技局：")),
        "the 主送 stayed under the title"
    );
    let t = closing(&b);
    let first_row: Vec<String> = t.all("w:tr")[0]
        .all("w:p")
        .iter()
        .map(|p| visible(p))
        .collect();
    assert_eq!(
        first_row.len(),
        2,
        "主送 and 抄送 share the first row: {first_row:?}"
    );
    assert!(first_row[0].starts_with("主送：第00县科技局，第01县科技局"));
    assert!(first_row[0].ends_with("第35县科技局。"));
    assert!(first_row[1].starts_with("抄送："));

    // Seven lines of them leave two lines of body text: they stay.
    doc.meta.addressees.truncate(28);
    let b = body(&doc);
    assert!(b
        .children
        .iter()
        .any(|p| visible(p).ends_with("第27县科技局：")));
}
