//! The issuer and date of the DOCX as LibreOffice sets them: a long date
//! stays on one line, and the date never goes to a page without its issuer
//! [GB/T 9704 7.3.5].

mod docx_support;
mod lo_support;

use docx_support::{para, small_doc};
use gongwen::model::{Date, Inline};
use gongwen::style::Style;
use lo_support::{libreoffice_pdf, page_lines, scratch};

#[test]
fn a_long_date_stays_on_one_line() {
    let mut doc = small_doc(vec![para(vec![Inline::Text("正文。".into())])]);
    doc.meta.issuer = "楚雄州科学技术局".into();
    doc.meta.date = Date {
        year: 2025,
        month: 12,
        day: 20,
    };
    let docx = gongwen::docx::write(&doc, &Style::default()).unwrap();
    let dir = scratch("long-date");
    let pages = page_lines(&libreoffice_pdf(&docx, &dir, "long-date"));
    let lines: Vec<&String> = pages.iter().flatten().collect();
    assert!(
        lines.iter().any(|l| l.as_str() == "2025年12月20日"),
        "the date is not whole on one line: {lines:?}"
    );
}

#[test]
fn the_date_never_goes_to_a_page_without_its_issuer() {
    // One-line paragraphs that bring the issuer to the last line of page 1
    // or near it (title, blank, index block, blank: four lines before them).
    let line = "全州科技系统坚决贯彻落实州委州政府决策部署。";
    for n in 15..=17 {
        let blocks = (0..n)
            .map(|_| para(vec![Inline::Text(line.into())]))
            .collect();
        let mut doc = small_doc(blocks);
        doc.meta.issuer = "楚雄州科学技术局".into();
        let docx = gongwen::docx::write(&doc, &Style::default()).unwrap();
        let dir = scratch(&format!("date-page-{n}"));
        let pages = page_lines(&libreoffice_pdf(&docx, &dir, "date"));
        let page_of = |text: &str| {
            pages
                .iter()
                .position(|p| p.iter().any(|l| l.contains(text)))
                .unwrap_or_else(|| panic!("{text} not found: {pages:?}"))
        };
        assert_eq!(
            page_of("楚雄州科学技术局"),
            page_of("2021年1月10日"),
            "{n} paragraphs: the date went to another page than the issuer"
        );
    }
}
