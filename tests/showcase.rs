//! Everything the markup has, end to end: data and a template of their own
//! (tests/fixtures/showcase/) through the CLI into text, DOCX and PDF.

mod common;
mod docx_support;

use std::path::PathBuf;

use unicode_normalization::UnicodeNormalization;

/// Builds the showcase in every format; returns (txt, pdf path).
fn build_showcase(name: &str) -> (String, PathBuf) {
    let (text, pdf, _) = build_all(name);
    (text, pdf)
}

/// Builds the showcase in every format; returns (txt, pdf path, docx path).
fn build_all(name: &str) -> (String, PathBuf, PathBuf) {
    let fixture = common::root().join("tests/fixtures/showcase");
    let out = common::scratch(name).join("out");
    let templates = fixture.join("templates");
    let o = common::build(
        &fixture,
        &fixture.join("data.yaml"),
        &out,
        &[
            "--format",
            "docx,pdf,txt",
            "--templates",
            templates.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", common::stderr(&o));
    let files = common::files_below(&out);
    assert_eq!(files.len(), 3, "{files:?}");
    let find = |ext: &str| {
        out.join(
            files
                .iter()
                .find(|f| f.extension().is_some_and(|e| e == ext))
                .unwrap(),
        )
    };
    (
        std::fs::read_to_string(find("txt")).unwrap(),
        find("pdf"),
        find("docx"),
    )
}

#[test]
fn markup_becomes_numbered_headings_lists_tables_and_attachments() {
    let (text, _) = build_showcase("showcase-text");
    for expected in [
        "索引号：11532300015167356F-/2022-0101001 公文目录：规划总结",
        "一、主要指标完成情况",
        // A level-2 heading runs into its paragraph …
        "（一）科技投入稳步增长。全州财政科技拨款",
        // … unless a list follows it.
        "（二）主要目标计划：\n\n——全社会研发投入（R&D）总量增长10%以上。\n\n——认定高新技术企业",
        // {.standalone} keeps a heading on its own line; level 4 runs in.
        "1.科技项目\n\n组织申报",
        "（1）生物医药。全年完成",
        // Derived figures come from helpers, nulls show as placeholders.
        "完成目标任务2947万元的94.3%",
        "0.29个百分点",
        "经费【待填:missing】万元",
        "指标\t目标\t完成\t完成率\n向上争取资金（万元）\t2947\t2780\t94.3%",
        "附件：1.楚雄州2021年科技创新主要指标完成情况表\n\u{3000}\u{3000}\u{3000}2.楚雄州2022年",
        "楚雄彝族自治州科学技术局\n\n2022年1月5日\n",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
}

#[test]
fn the_pdf_says_what_the_text_says() {
    let (text, pdf) = build_showcase("showcase-pdf");
    let o = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext is needed (apt-get install poppler-utils)");
    let extracted = String::from_utf8_lossy(&o.stdout);
    let comparable = |s: &str| -> String { s.nfkc().filter(|c| !c.is_whitespace()).collect() };
    // Page numbers ("— 1 —") are furniture, not text of the document.
    let without_numbers: String = extracted
        .lines()
        .filter(|l| !(l.starts_with('—') && l.ends_with('—')))
        .collect();
    assert_eq!(comparable(&without_numbers), comparable(&text));
}

#[test]
fn windows_line_endings_and_a_byte_order_mark_change_nothing() {
    let fixture = common::root().join("tests/fixtures/showcase");
    let dir = common::scratch("showcase-crlf");
    std::fs::create_dir_all(dir.join("templates")).unwrap();
    let windows = |text: String| format!("\u{feff}{}", text.replace('\n', "\r\n"));
    for file in ["data.yaml", "templates/showcase.md.hbs"] {
        let text = std::fs::read_to_string(fixture.join(file)).unwrap();
        std::fs::write(dir.join(file), windows(text)).unwrap();
    }
    let out = dir.join("out");
    let o = common::build(
        &dir,
        &dir.join("data.yaml"),
        &out,
        &[
            "--format",
            "txt",
            "--templates",
            dir.join("templates").to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", common::stderr(&o));
    let (expected, _) = build_showcase("showcase-crlf-reference");
    let files = common::files_below(&out);
    assert_eq!(
        std::fs::read_to_string(out.join(&files[0])).unwrap(),
        expected
    );
}

#[test]
fn the_printed_and_the_editable_copy_break_the_title_alike() {
    let (_, pdf, docx) = build_all("showcase-title");
    // The PDF's first lines, down to the index block.
    let o = std::process::Command::new("pdftotext")
        .args(["-l", "1"])
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext is needed (apt-get install poppler-utils)");
    let printed: Vec<String> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .take_while(|l| !l.starts_with("索引号"))
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect();
    // The DOCX title paragraph, its manual breaks as lines.
    let parts = docx_support::parts(&std::fs::read(&docx).unwrap());
    let body = docx_support::parse(&parts["word/document.xml"]);
    let title = body
        .all("w:p")
        .into_iter()
        .find(|p| p.all("w:pStyle").first().and_then(|s| s.attr("w:val")) == Some("Title"))
        .expect("a Title paragraph");
    let editable: Vec<String> = docx_support::visible(title)
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(printed.len(), 3, "{printed:?}");
    assert_eq!(printed, editable);
}
