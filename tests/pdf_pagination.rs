//! Pagination: a heading never ends a page; page labels follow the printed numbers.
mod pdf_support;

use gongwen::model::{Block, Heading, Inline};
use gongwen::style::Style;
use pdf_support::*;

#[test]
fn a_heading_never_stands_alone_at_the_bottom_of_a_page() {
    // Title + blank take 2 lines; 19 body lines leave line 22 for the heading.
    let han = "科技创新工作取得明显成效";
    let body: String = han.chars().cycle().take(26 + 18 * 28).collect();
    let mut doc = paragraphs(&[&body, "下一段正文。"]);
    doc.blocks.insert(
        1,
        Block::Heading(Heading {
            level: 1,
            number: "二、".into(),
            content: vec![Inline::Text("存在的困难和问题".into())],
            line: 9,
        }),
    );
    let layout = lay_out(&doc);
    let lines = layout_lines(&layout);
    let heading = lines
        .iter()
        .find(|l| l.text.starts_with("二、"))
        .expect("heading");
    let next = lines
        .iter()
        .find(|l| l.text.starts_with("下一段"))
        .expect("paragraph");
    assert_eq!(
        heading.page, 2,
        "the heading moved to the page of its paragraph"
    );
    assert_eq!(next.page, 2);
    // Title, blank line and 19 body lines: 21 of the 22 grid lines.
    assert_eq!(
        layout.pages[0].lines_used, 21,
        "page 1 ends a line short rather than with the heading"
    );
}

#[test]
fn level_three_bold_is_a_switch() {
    let doc = showcase_document();
    let fonts = fonts();
    for bold in [false, true] {
        let style = Style {
            level3_bold: bold,
            ..Style::default()
        };
        let layout = gongwen::layout::layout(&doc, &style, &fonts).expect("layout");
        let run = layout
            .pages
            .iter()
            .flat_map(|p| &p.runs)
            .find(|r| r.text.starts_with(&full_width("1.")))
            .expect("level-3 heading");
        assert_eq!(run.bold, bold);
    }
}

#[test]
fn page_labels_match_the_printed_numbers() {
    let pdf = temp_file("labels.pdf", &build_pdf(&sample_document()));
    let out = tool(
        "qpdf",
        &["--json", "--json-key=pages", pdf.to_str().unwrap()],
    );
    assert!(out.status.success(), "qpdf failed");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("qpdf json");
    let pages = json["pages"].as_array().expect("pages");
    assert!(pages.len() > 3);
    // Each page's label as a viewer shows it: decimal, reading 1, 2, 3 …
    for (i, page) in pages.iter().enumerate() {
        let label = &page["label"];
        assert_eq!(label["/S"], "/D", "page {}: {label}", i + 1);
        assert_eq!(label["/St"], i as u64 + 1, "page {}: {label}", i + 1);
    }
}
