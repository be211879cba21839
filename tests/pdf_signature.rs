//! The signature and date without a seal (GB/T 9704 7.3.5.2), and the rule
//! that they never stand alone on a page (7.3.5.5).
mod pdf_support;

use gongwen::style::{mm, Style};
use pdf_support::*;

fn signature_lines(
    doc: &gongwen::model::Document,
) -> (SetText, SetText, Vec<SetText>, gongwen::layout::Layout) {
    let layout = lay_out(doc);
    let lines = layout_lines(&layout);
    let name = lines
        .iter()
        .find(|l| l.text == doc.meta.issuer)
        .cloned()
        .expect("issuer line");
    let date = lines
        .iter()
        .find(|l| l.text == doc.meta.date.chinese())
        .cloned()
        .expect("date line");
    (name, date, lines, layout)
}

#[test]
fn issuer_two_characters_in_from_the_right_and_date_two_right_of_its_start() {
    let style = Style::default();
    let cell = style.char_pitch_pt();
    let right = mm(28.0 + 156.0);
    let doc = paragraphs(&["全州科技工作取得明显成效。"]);
    let (name, date, lines, layout) = signature_lines(&doc);
    // The issuer's last cell ends two characters in from the right edge.
    let name_cells_end = name.left + 8.0 * cell;
    assert!(
        (name_cells_end - (right - 2.0 * cell)).abs() < 0.5,
        "issuer ends at {name_cells_end}"
    );
    // The date starts two characters right of the issuer's first character.
    assert!(
        (date.left - (name.left + 2.0 * cell)).abs() < 0.5,
        "date at {}, issuer at {}",
        date.left,
        name.left
    );
    // One blank line under the body; the date on the next line.
    let body = lines
        .iter()
        .find(|l| l.text.starts_with("全州"))
        .expect("body line");
    let pitch = layout.pages[0].line_pitch;
    assert!((name.baseline - body.baseline - 2.0 * pitch).abs() < 0.5);
    assert!((date.baseline - name.baseline - pitch).abs() < 0.5);
}

#[test]
fn a_date_longer_than_the_issuer_sits_two_in_from_the_right_with_the_issuer_centred() {
    let style = Style::default();
    let cell = style.char_pitch_pt();
    let right = mm(28.0 + 156.0);
    let mut doc = paragraphs(&["全州科技工作取得明显成效。"]);
    doc.meta.issuer = "科技局".into();
    doc.meta.date = gongwen::model::Date {
        year: 2021,
        month: 12,
        day: 31,
    };
    let (name, date, _, _) = signature_lines(&doc);
    // "2021年12月31日": its last cell, a Han character's, ends where the
    // glyph's 16 pt em box ends less the spacing every character gives up
    // to the 28-a-line grid. (8 digits take their face's advances less that
    // spacing, as in the DOCX: a little under 4 cells.)
    let date_width = date.right - (style.body_size_pt - cell) - date.left;
    assert!(
        (date_width - 7.0 * cell).abs() < 0.1 * cell,
        "date is {date_width} wide"
    );
    assert!(
        (date.left + date_width - (right - 2.0 * cell)).abs() < 0.5,
        "date ends at {}",
        date.left + date_width
    );
    let name_centre = name.left + 1.5 * cell;
    let date_centre = date.left + date_width / 2.0;
    assert!(
        (name_centre - date_centre).abs() < 0.5,
        "issuer centred at {name_centre}, date at {date_centre}"
    );
}

#[test]
fn signature_never_stands_alone_on_a_new_page() {
    // Title, blank line, then exactly 20 lines of body fill page 1: the
    // signature (blank, issuer, date) would start page 2 on its own.
    let han = "科技创新工作取得明显成效";
    let body: String = han.chars().cycle().take(26 + 19 * 28).collect();
    let doc = paragraphs(&[&body]);
    let layout = lay_out(&doc);
    assert_eq!(
        layout.pages.len(),
        1,
        "the signature went to a page of its own"
    );
    assert!(
        layout.warnings.iter().any(|w| w.contains("7.3.5.5")),
        "tightening is reported: {:?}",
        layout.warnings
    );
    let page = &layout.pages[0];
    // Still inside the text block: 23 lines (20 body + title + blank … + 3) in 225 mm.
    let lines = layout_lines(&layout);
    let last = lines.last().expect("lines");
    assert_eq!(last.text, doc.meta.date.chinese());
    assert!(
        last.baseline < block_bottom_pt(),
        "date below the text block"
    );
    // 22 lines of title and body, a blank line, issuer, date: 25 lines in 225 mm.
    assert!(
        (page.line_pitch - gongwen::style::mm(225.0) / 25.0).abs() < 0.01,
        "pitch {}",
        page.line_pitch
    );
    assert!(
        layout.warnings[0].contains("25 lines"),
        "{}",
        layout.warnings[0]
    );
}

#[test]
fn a_date_pushed_alone_onto_a_new_page_comes_back_under_its_issuer() {
    // Title, blank line and 18 body lines: the blank line and the issuer
    // fill page 1, the date alone would start page 2.
    let han = "科技创新工作取得明显成效";
    let body: String = han.chars().cycle().take(26 + 17 * 28).collect();
    let doc = paragraphs(&[&body]);
    let layout = lay_out(&doc);
    assert_eq!(layout.pages.len(), 1);
    let lines = layout_lines(&layout);
    let n = lines.len();
    assert_eq!(lines[n - 2].text, doc.meta.issuer);
    assert_eq!(lines[n - 1].text, doc.meta.date.chinese());
    let pitch = layout.pages[0].line_pitch;
    // Issuer and date on consecutive lines, one blank line above the issuer.
    assert!((lines[n - 1].baseline - lines[n - 2].baseline - pitch).abs() < 0.5);
    assert!((lines[n - 2].baseline - lines[n - 3].baseline - 2.0 * pitch).abs() < 0.5);
    assert!(
        (pitch - gongwen::style::mm(225.0) / 23.0).abs() < 0.01,
        "pitch {pitch}"
    );
}
