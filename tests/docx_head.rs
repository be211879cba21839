//! The head (版头) of the printed form in the DOCX, read from its XML
//! [GB/T 9704-2012 7.2, 10]: the 标志 red 小标宋, the 文号 centred (or left,
//! beside the 签发人, in an upward document), the red rule a paragraph
//! border the block's width, a joint issue's "文件" beside the stacked
//! names, the letter's frames and unnumbered first page; no index block in
//! the printed form, no head in the disclosure form; every file passes the
//! Open XML checks.

mod docx_support;
mod head_cases;

use docx_support::{parse, parts, visible, El};
use gongwen::model::{Document, Form};
use gongwen::style::Style;
use std::process::Command;

/// What the runs of `p` show (tab stops in its properties are not text).
fn shown(p: &El) -> String {
    p.all("w:r").iter().map(|r| visible(r)).collect()
}

fn docx(doc: &Document) -> Vec<u8> {
    gongwen::docx::write(doc, &Style::default()).expect("write the DOCX")
}

fn body(doc: &Document) -> El {
    let parts = parts(&docx(doc));
    parse(&parts["word/document.xml"])
}

/// The paragraphs (outside tables too) whose visible text is `text`.
fn paragraphs_with<'a>(root: &'a El, text: &str) -> Vec<&'a El> {
    root.all("w:p")
        .into_iter()
        .filter(|p| visible(p).contains(text))
        .collect()
}

/// The run properties of the run that holds `text`.
fn run_props<'a>(root: &'a El, text: &str) -> &'a El {
    root.all("w:r")
        .into_iter()
        .find(|r| visible(r).contains(text))
        .and_then(|r| r.child("w:rPr"))
        .unwrap_or_else(|| panic!("no run holds {text}"))
}

fn colour(rpr: &El) -> Option<&str> {
    rpr.child("w:color").and_then(|c| c.attr("w:val"))
}

fn east_asia(rpr: &El) -> &str {
    rpr.child("w:rFonts")
        .and_then(|f| f.attr("w:eastAsia"))
        .expect("an East Asian font")
}

fn jc(p: &El) -> Option<&str> {
    p.child("w:pPr")
        .and_then(|ppr| ppr.child("w:jc"))
        .and_then(|j| j.attr("w:val"))
}

/// The block's width in twips: 156 mm [5.2.1].
const BLOCK_TWIPS: i32 = 8844;

#[test]
fn the_organ_mark_is_red_xiaobiaosong_squeezed_into_the_block() {
    let root = body(&head_cases::notice());
    let rpr = run_props(&root, "楚雄州科学技术局文件");
    assert_eq!(colour(rpr), Some("FF0000"), "the 标志 is red [7.2.4]");
    assert_eq!(east_asia(rpr), "方正小标宋简体");
    // Ten characters at the 标志's size (about 47 pt) are wider than the
    // 156 mm block: scaled horizontally to fit, never wrapped.
    let scale: u32 = rpr
        .child("w:w")
        .and_then(|w| w.attr("w:val"))
        .expect("a horizontal scale")
        .parse()
        .unwrap();
    let size: f32 = rpr
        .child("w:sz")
        .unwrap()
        .attr("w:val")
        .unwrap()
        .parse::<f32>()
        .unwrap()
        / 2.0;
    let width_twips = 10.0 * size * 20.0 * scale as f32 / 100.0;
    assert!(size > 40.0 && size < 55.0, "{size} pt");
    assert!(
        width_twips <= BLOCK_TWIPS as f32 && width_twips > BLOCK_TWIPS as f32 * 0.97,
        "{width_twips} twips at {scale}%"
    );
    let p = paragraphs_with(&root, "楚雄州科学技术局文件")[0];
    assert_eq!(jc(p), Some("center"));
    // Everything else in the document is black.
    for r in root.all("w:r") {
        if !visible(r).contains("楚雄州科学技术局文件") {
            let c = r.child("w:rPr").and_then(colour);
            assert!(
                c.is_none() || c == Some("000000"),
                "{} is {c:?}",
                visible(r)
            );
        }
    }
}

#[test]
fn the_number_is_centred_and_the_red_rule_spans_the_block_under_it() {
    let root = body(&head_cases::notice());
    let number = paragraphs_with(&root, "楚科发〔2021〕3号");
    assert_eq!(number.len(), 1);
    assert_eq!(jc(number[0]), Some("center"));
    assert_eq!(east_asia(run_props(&root, "楚科发")), "仿宋_GB2312");
    let ps = root.all("w:p");
    let at = ps
        .iter()
        .position(|p| visible(p).contains("楚科发"))
        .unwrap();
    // The next paragraph carries the rule as its top border, red, 1 pt
    // (0.35 mm), with no indent: the block's full width [7.2.7].
    let rule = ps[at + 1];
    let ppr = rule.child("w:pPr").unwrap();
    let top = ppr
        .child("w:pBdr")
        .and_then(|b| b.child("w:top"))
        .expect("a top border");
    assert_eq!(top.attr("w:color"), Some("FF0000"));
    assert_eq!(top.attr("w:val"), Some("single"));
    assert_eq!(top.attr("w:sz"), Some("8"));
    assert!(ppr.child("w:ind").is_none(), "the rule is indented");
    assert!(visible(rule).is_empty());
    // The title follows the rule.
    assert!(visible(ps[at + 2]).starts_with("楚雄州科学技术局关于"));
}

#[test]
fn the_copy_number_secrecy_and_urgency_stack_flush_left_in_order() {
    let root = body(&head_cases::notice());
    let texts: Vec<String> = root.all("w:p").iter().take(3).map(|p| visible(p)).collect();
    assert_eq!(texts, ["000001", "秘密★1年", "特急"]);
    assert_eq!(east_asia(run_props(&root, "特急")), "黑体");
    for p in root.all("w:p").iter().take(3) {
        assert_eq!(jc(p), Some("left"));
    }
}

#[test]
fn a_joint_issue_stacks_the_organs_with_the_suffix_beside_them() {
    let root = body(&head_cases::joint());
    let tables = root.all("w:tbl");
    let head = tables
        .iter()
        .find(|t| visible(t).contains("楚雄州财政局"))
        .expect("the joint 标志 is a table");
    // One row per organ, the name in the left cell; the suffix in the
    // right cell, merged down the rows and centred on them.
    let rows = head.all("w:tr");
    assert_eq!(rows.len(), 2);
    let cell = |row: &El, i: usize| -> El { row.all("w:tc")[i].clone() };
    let names: Vec<String> = rows.iter().map(|r| shown(&cell(r, 0))).collect();
    assert_eq!(names, ["楚雄州科学技术局", "楚雄州财政局"]);
    let merge = |c: &El| -> Option<String> {
        let pr = c.child("w:tcPr").unwrap();
        pr.child("w:vMerge")
            .map(|m| m.attr("w:val").unwrap_or("continue").to_string())
    };
    let (suffix, below) = (cell(rows[0], 1), cell(rows[1], 1));
    assert_eq!(shown(&suffix), "文件");
    assert_eq!(merge(&suffix).as_deref(), Some("restart"));
    assert_eq!(merge(&below).as_deref(), Some("continue"));
    let valign = suffix.child("w:tcPr").and_then(|p| p.child("w:vAlign"));
    assert_eq!(valign.and_then(|v| v.attr("w:val")), Some("center"));
    // The organs stack at their size: each row exactly one em high.
    let size: i32 = run_props(head, "楚雄州财政局")
        .child("w:sz")
        .unwrap()
        .attr("w:val")
        .unwrap()
        .parse()
        .unwrap();
    for r in &rows {
        let h = r.all("w:trHeight")[0];
        assert_eq!(h.attr("w:hRule"), Some("exact"));
        // (The font size is in half points: within a quarter point.)
        let row = h.attr("w:val").unwrap().parse::<i32>().unwrap();
        assert!(
            (row - size * 10).abs() <= 5,
            "row {row} twips, font {size} half points"
        );
    }
    // No borders: the table only places the text.
    let borders = head
        .child("w:tblPr")
        .and_then(|p| p.child("w:tblBorders"))
        .unwrap();
    assert!(borders
        .children
        .iter()
        .all(|b| b.attr("w:val") == Some("nil")));
    let widths: i32 = head
        .all("w:gridCol")
        .iter()
        .map(|c| c.attr("w:w").unwrap().parse::<i32>().unwrap())
        .sum();
    assert!((widths - BLOCK_TWIPS).abs() <= 2, "{widths}");
    for text in ["楚雄州财政局", "文件"] {
        assert_eq!(colour(run_props(head, text)), Some("FF0000"));
    }
}

#[test]
fn an_upward_document_sets_the_number_left_and_the_signers_right_on_one_line() {
    let root = body(&head_cases::request());
    let line = paragraphs_with(&root, "楚科呈〔2021〕5号");
    assert_eq!(line.len(), 1);
    let text = shown(line[0]);
    // The number one character in from the left, a tab, the last signer.
    assert_eq!(text, "楚科呈〔2021〕5号\t王五");
    let ind = line[0]
        .child("w:pPr")
        .and_then(|p| p.child("w:ind"))
        .unwrap();
    assert_eq!(ind.attr("w:left"), Some("320"));
    let first = paragraphs_with(&root, "签发人：");
    assert_eq!(shown(first[0]), "签发人：张三\t李四");
    assert_eq!(east_asia(run_props(&root, "签发人：")), "仿宋_GB2312");
    assert_eq!(east_asia(run_props(&root, "张三")), "楷体_GB2312");
    // 王五 sits under 张三: the tab stop is where the first line's names begin.
    let label_x: i32 = first[0]
        .child("w:pPr")
        .and_then(|p| p.child("w:ind"))
        .and_then(|i| i.attr("w:left"))
        .unwrap()
        .parse()
        .unwrap();
    let tab: i32 = line[0].all("w:tabs")[0].all("w:tab")[0]
        .attr("w:pos")
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(tab - label_x, 4 * 320, "the names align after 签发人：");
    // The first line ends one character in from the right: 9 characters.
    assert_eq!(BLOCK_TWIPS - 320 - label_x, 9 * 320);
}

#[test]
fn a_letter_has_page_frames_double_rules_and_no_number_on_page_1() {
    let docx = docx(&head_cases::letter());
    let parts = parts(&docx);
    let root = parse(&parts["word/document.xml"]);
    let frames = root.all("w:framePr");
    assert_eq!(frames.len(), 3, "the 标志 and two double rules");
    for f in &frames {
        assert_eq!(f.attr("w:vAnchor"), Some("page"));
        assert_eq!(f.attr("w:hAnchor"), Some("page"));
    }
    // The 标志 30 mm from the paper's top [10.1].
    assert_eq!(frames[0].attr("w:y"), Some("1701"));
    let mark = run_props(&root, "楚雄州科学技术局");
    assert_eq!(colour(mark), Some("FF0000"));
    // The rules: 170 mm, centred on the page (20 mm in), red, thick over
    // thin at the top, thin over thick at the bottom.
    let sz = |p: &El, side: &str| -> i32 { p.all(side)[0].attr("w:sz").unwrap().parse().unwrap() };
    let rules: Vec<&El> = root
        .all("w:p")
        .into_iter()
        .filter(|p| !p.all("w:framePr").is_empty() && !p.all("w:pBdr").is_empty())
        .collect();
    assert_eq!(rules.len(), 2);
    for r in &rules {
        let f = r.all("w:framePr")[0];
        assert_eq!(f.attr("w:w"), Some("9638"));
        assert_eq!(f.attr("w:x"), Some("1134"));
        for b in ["w:top", "w:bottom"] {
            assert_eq!(r.all(b)[0].attr("w:color"), Some("FF0000"));
        }
    }
    assert!(sz(rules[0], "w:top") > sz(rules[0], "w:bottom"));
    assert!(sz(rules[1], "w:top") < sz(rules[1], "w:bottom"));
    let lower: i32 = rules[1].all("w:framePr")[0]
        .attr("w:y")
        .unwrap()
        .parse()
        .unwrap();
    let h: i32 = rules[1].all("w:framePr")[0]
        .attr("w:h")
        .unwrap()
        .parse()
        .unwrap();
    // Its bottom 20 mm above the paper's bottom edge (297 mm).
    assert!((lower + h - 15704).abs() <= 3, "{}", lower + h);
    // The 文号 flush right on the first line under the rule, beside the 份号.
    assert_eq!(
        shown(paragraphs_with(&root, "楚科函")[0]),
        "000012\t楚科函〔2021〕8号"
    );
    // Page 1: a first-page footer without a page number.
    let sect = root.all("w:sectPr")[0];
    assert!(sect.child("w:titlePg").is_some());
    let first = sect
        .all("w:footerReference")
        .into_iter()
        .find(|f| f.attr("w:type") == Some("first"))
        .expect("a first-page footer");
    let rels = parse(&parts["word/_rels/document.xml.rels"]);
    let target = rels
        .all("Relationship")
        .into_iter()
        .find(|r| r.attr("Id") == first.attr("r:id"))
        .and_then(|r| r.attr("Target"))
        .unwrap();
    let footer = &parts[&format!("word/{target}")];
    assert!(!footer.contains("PAGE"), "page 1 shows a number: {footer}");
}

#[test]
fn an_order_has_its_mark_and_number_but_no_rule() {
    let root = body(&head_cases::order());
    assert_eq!(colour(run_props(&root, "楚雄州人民政府令")), Some("FF0000"));
    assert_eq!(jc(paragraphs_with(&root, "第3号")[0]), Some("center"));
    assert!(root.all("w:pBdr").is_empty());
}

#[test]
fn the_disclosure_form_has_no_head_and_the_printed_form_no_index() {
    let printed = head_cases::notice();
    let mut disclosure = printed.clone();
    disclosure.meta.form = Form::Disclosure;
    let mut bare = disclosure.clone();
    bare.meta.head = Default::default();
    // The disclosure copy ignores the head entirely, byte for byte.
    assert_eq!(docx(&disclosure), docx(&bare));
    let text = |doc: &Document| visible(&body(doc));
    assert!(text(&disclosure).contains("索引号") && !text(&disclosure).contains("楚科发"));
    assert!(!text(&printed).contains("索引号") && text(&printed).contains("楚科发"));
}

/// openxml-audit's errors and findings for one file (see docx_validation.rs).
fn audit(path: &std::path::Path) -> Vec<String> {
    let out = Command::new("python3")
        .args([
            "-m",
            "openxml_audit",
            "--policy",
            "permissive",
            "--output",
            "json",
        ])
        .args(["--max-errors", "0"])
        .arg(path)
        .output()
        .expect("python3 with openxml-audit (pip install openxml-audit)");
    let report = String::from_utf8_lossy(&out.stdout);
    let json: serde_json::Value = serde_json::from_str(&report)
        .unwrap_or_else(|e| panic!("openxml-audit gave no JSON ({e}):\n{report}"));
    json[0]["errors"]
        .as_array()
        .map(|all| {
            all.iter()
                .map(|e| format!("{} at {}", e["description"], e["path"]))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn every_head_passes_the_open_xml_validator() {
    let dir = std::env::temp_dir().join(format!("gongwen-head-audit-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (name, doc) in head_cases::all() {
        let path = dir.join(format!("{name}.docx"));
        std::fs::write(&path, docx(&doc)).unwrap();
        let findings = audit(&path);
        assert!(findings.is_empty(), "{name}: {findings:#?}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A fixture under tests/fixtures/gongwen/, through the real pipeline.
fn fixture(case: &str) -> Document {
    use gongwen::pipeline::{Options, Pipeline};
    let dir = docx_support::root()
        .join("tests/fixtures/gongwen")
        .join(case);
    let p = Pipeline::new(&Options {
        templates: Some(dir.join("templates")),
        ..Options::default()
    })
    .expect("pipeline");
    let data = p.load(&dir.join("data.yaml")).expect("load the fixture");
    p.document(&data).expect("the fixture's document")
}

#[test]
fn every_fixtures_head_reaches_the_docx_in_red_with_its_number() {
    let cases = [
        "notice",
        "joint",
        "request",
        "letter",
        "order",
        "minutes",
        "transmittal",
    ];
    for case in cases {
        let doc = fixture(case);
        assert_eq!(doc.meta.form, Form::Printed, "{case}");
        let head = &doc.meta.head;
        assert!(!head.organs.is_empty(), "{case} has no 标志");
        let root = body(&doc);
        for organ in &head.organs {
            assert_eq!(
                colour(run_props(&root, organ)),
                Some("FF0000"),
                "{case}: {organ}"
            );
        }
        if let Some(number) = &head.number {
            assert_eq!(paragraphs_with(&root, number).len(), 1, "{case}: {number}");
        }
        // The head comes before the title, and no index block follows it.
        let ps = root.all("w:p");
        let organ_at = ps.iter().position(|p| visible(p).contains(&head.organs[0]));
        let title = doc.meta.title.chars().take(6).collect::<String>();
        if !title.is_empty() {
            let title_at = ps
                .iter()
                .rposition(|p| visible(p).starts_with(&title))
                .unwrap_or_else(|| panic!("{case}: no title"));
            assert!(
                organ_at < Some(title_at),
                "{case}: the head is not above the title"
            );
        }
        assert!(!visible(&root).contains("索引号"), "{case}");
    }
}

#[test]
fn signers_stand_in_two_columns_as_wide_as_the_longest_name() {
    let mut doc = head_cases::request();
    doc.meta.head.signers = ["张三", "李四", "王五", "欧阳明月"]
        .map(String::from)
        .to_vec();
    let root = body(&doc);
    let line = paragraphs_with(&root, "楚科呈")[0];
    assert_eq!(shown(line), "楚科呈〔2021〕5号\t王五\t欧阳明月");
    let tab: i32 = line.all("w:tabs")[0].all("w:tab")[0]
        .attr("w:pos")
        .unwrap()
        .parse()
        .unwrap();
    // Two columns as wide as 欧阳明月, one character apart, ending one
    // character in from the right: 王五 starts nine characters in from there.
    assert_eq!(BLOCK_TWIPS - 320 - tab, 9 * 320);
}

#[test]
fn a_value_still_to_fill_in_within_the_head_is_highlighted() {
    let mut doc = head_cases::notice();
    doc.meta.head.number = Some("楚科发〔2021〕【待填:wenhao】号".into());
    let root = body(&doc);
    let marked = run_props(&root, "【待填:wenhao】");
    assert_eq!(
        marked.child("w:highlight").and_then(|h| h.attr("w:val")),
        Some("yellow")
    );
    assert!(run_props(&root, "楚科发").child("w:highlight").is_none());
    assert_eq!(
        shown(paragraphs_with(&root, "楚科发")[0]),
        "楚科发〔2021〕【待填:wenhao】号"
    );
}
