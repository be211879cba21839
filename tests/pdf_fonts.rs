//! Fonts: every role served, and a character no font has is an error that
//! names it and says where it is — never a silent empty box.
mod pdf_support;

use std::path::PathBuf;

use gongwen::fonts::FontBook;
use gongwen::style::{FontRole, Style};
use pdf_support::*;

#[test]
fn a_character_no_font_has_is_an_error_naming_it_and_where() {
    // U+2A6A5 (𪚥) is in no Fandol face.
    let doc = paragraphs(&["全州科技工作取得明显成效,𪚥字无处可寻。"]);
    let err =
        gongwen::layout::layout(&doc, &Style::default(), &fonts()).expect_err("missing glyph");
    let msg = err.to_string();
    assert!(msg.contains("U+2A6A5"), "{msg}");
    assert!(msg.contains("𪚥"), "{msg}");
    assert!(msg.contains("取得明显成效"), "the text around it: {msg}");
    assert!(msg.contains("line 7"), "the markup line: {msg}");
    assert!(err.hint.is_some(), "a hint says what to do: {msg}");
}

#[test]
fn a_character_only_another_font_has_falls_back_with_a_warning() {
    // DejaVu has ☃ (U+2603); the Fandol faces do not. Skip where it is not installed.
    let dejavu = PathBuf::from("/usr/share/fonts/truetype/dejavu");
    if !dejavu.join("DejaVuSans.ttf").is_file() {
        eprintln!("skipped: DejaVu fonts not installed");
        return;
    }
    let fonts = FontBook::load_shipped(&[dejavu]).expect("fonts");
    let doc = paragraphs(&["全州科技工作☃取得明显成效。"]);
    let layout = gongwen::layout::layout(&doc, &Style::default(), &fonts).expect("layout");
    assert!(
        layout
            .warnings
            .iter()
            .any(|w| w.contains("U+2603") && w.contains("DejaVu")),
        "{:?}",
        layout.warnings
    );
    let bytes = gongwen::pdf::write(&layout, &doc, &fonts).expect("pdf");
    let pdf = temp_file("fallback.pdf", &bytes);
    let out = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains('☃'));
}

#[test]
fn every_role_has_a_face_and_a_reason() {
    let book = fonts();
    let described = book.describe();
    assert_eq!(described.len(), FontRole::ALL.len());
    for (role, family, path, why) in described {
        assert!(path.is_file(), "{role:?}: {}", path.display());
        assert!(!family.is_empty() && !why.is_empty());
    }
    // The body is 仿宋's stand-in, the title 小标宋's.
    let body = book.role_font(FontRole::Body);
    assert!(book.family(body).contains("Fang"), "{}", book.family(body));
}

#[test]
fn a_missing_font_directory_is_an_error() {
    let err = FontBook::load_shipped(&[PathBuf::from("/no/such/fonts")]).expect_err("bad dir");
    assert!(err.to_string().contains("/no/such/fonts"));
}

#[test]
fn invisible_format_characters_from_pasted_text_are_skipped() {
    // A zero-width space, a byte-order mark and a variation selector.
    let doc = paragraphs(&["全州\u{200B}科技\u{FEFF}工作\u{FE0F}取得明显成效。"]);
    let layout = gongwen::layout::layout(&doc, &Style::default(), &fonts())
        .expect("no error for invisible characters");
    let text: String = layout_lines(&layout).into_iter().map(|l| l.text).collect();
    assert!(text.contains("全州科技工作取得明显成效。"), "{text}");
}

/// Times-Roman's advance widths for ASCII 32–126, in thousandths of an em
/// (Adobe's core-14 metrics, which Times New Roman shares).
const TIMES_WIDTHS: [u16; 95] = [
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250,
    278, // space–/
    500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, // 0–?
    921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, // @–O
    556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500, // P–_
    333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, // `–o
    500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541, // p–~
];

#[test]
fn digits_and_latin_have_times_new_romans_widths_without_it_installed() {
    // Word sets them in Times New Roman; the shipped stand-in must take the
    // same room, or lines with figures break elsewhere than in Word.
    let fonts = fonts();
    let latin = fonts.latin_font().expect("a face for digits and Latin");
    let face = fonts.face(latin).expect("face parses");
    let upem = face.units_per_em() as f32;
    for (c, want) in (' '..='~').zip(TIMES_WIDTHS) {
        let g = face.glyph_index(c).expect("glyph");
        let got = face.glyph_hor_advance(g).unwrap() as f32 * 1000.0 / upem;
        assert!(
            (got - want as f32).abs() < 0.5,
            "“{c}” is {got}, Times {want}"
        );
    }
    // And the PDF uses it for the figures of the body, not for page numbers (7.5: 宋体).
    let layout = lay_out(&sample_document());
    let runs: Vec<&gongwen::layout::GlyphRun> = layout.pages.iter().flat_map(|p| &p.runs).collect();
    assert!(runs
        .iter()
        .any(|r| r.font == latin && r.text.contains("2020")));
    let page_number = runs
        .iter()
        .find(|r| r.text.starts_with('—'))
        .expect("page number");
    assert_eq!(page_number.font, fonts.role_font(FontRole::PageNumber));
}
