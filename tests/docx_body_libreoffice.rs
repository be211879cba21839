//! Where LibreOffice (the stand-in for Word) sets the body parts of a printed
//! 公文 from our DOCX, measured on its PDF: 主送 at the block's left edge
//! [7.3.2], 附注 two characters in on the line after the date [7.3.6],
//! "附件" at the top left of a new page with its title on line 3 [7.3.7],
//! and the 版记's last rule on the block's bottom edge [7.4.1] — each within
//! 2 mm.

mod docx_body_support;
mod docx_support;
mod lo_support;

use gongwen::pipeline::{Options, Pipeline};
use gongwen::style::{mm, Style};
use lo_support::{libreoffice_pdf, require, scratch};
use std::path::Path;
use std::process::Command;

/// 2 mm, in points: how far LibreOffice may stray from the clause.
const TOLERANCE_PT: f32 = 2.0 * 72.0 / 25.4;

/// A fixture's document, through the real pipeline.
fn fixture_docx(case: &str) -> Vec<u8> {
    let dir = docx_support::root()
        .join("tests/fixtures/gongwen")
        .join(case);
    let p = Pipeline::new(&Options {
        templates: Some(dir.join("templates")),
        ..Options::default()
    })
    .expect("pipeline");
    let data = p.load(&dir.join("data.yaml")).expect("load the fixture");
    let doc = p.document(&data).expect("the fixture's document");
    gongwen::docx::write(&doc, &Style::default()).expect("write the DOCX")
}

/// One word of `pdftotext -bbox`: its page (from 0), box in points, text.
#[derive(Debug, Clone)]
struct Word {
    page: usize,
    x_min: f32,
    x_max: f32,
    y_min: f32,
    text: String,
}

fn words(pdf: &Path) -> Vec<Word> {
    require("pdftotext", "-v");
    let out = Command::new("pdftotext")
        .arg("-bbox")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("run pdftotext");
    let html = String::from_utf8_lossy(&out.stdout);
    let attr = |line: &str, name: &str| -> f32 {
        let key = format!("{name}=\"");
        let start = line.find(&key).expect("attribute") + key.len();
        let end = start + line[start..].find('"').expect("closing quote");
        line[start..end].parse().expect("a number")
    };
    let mut page = None::<usize>;
    let mut out = Vec::new();
    for line in html.lines().map(str::trim) {
        if line.starts_with("<page") {
            page = Some(page.map_or(0, |p| p + 1));
        } else if line.starts_with("<word") {
            let text_start = line.find('>').expect("tag end") + 1;
            let text_end = line.rfind("</word>").expect("end tag");
            out.push(Word {
                page: page.expect("a page first"),
                x_min: attr(line, "xMin"),
                x_max: attr(line, "xMax"),
                y_min: attr(line, "yMin"),
                text: line[text_start..text_end].to_string(),
            });
        }
    }
    out
}

fn find<'a>(words: &'a [Word], start: &str) -> &'a Word {
    words
        .iter()
        .find(|w| w.text.starts_with(start))
        .unwrap_or_else(|| panic!("no word starting {start:?} in {words:#?}"))
}

/// The y (points from the page's top) of each horizontal rule that spans
/// at least nine tenths of the text block on page `page` (from 1), from a
/// 144 dpi greyscale render.
fn rules(pdf: &Path, page: usize, style: &Style) -> Vec<f32> {
    require("pdftoppm", "-v");
    let stem = pdf.with_extension("");
    let out = Command::new("pdftoppm")
        .args(["-gray", "-r", "144", "-f", &page.to_string(), "-l"])
        .arg(page.to_string())
        .arg(pdf)
        .arg(&stem)
        .output()
        .expect("run pdftoppm");
    assert!(out.status.success(), "pdftoppm failed");
    let pgm = std::fs::read_dir(stem.parent().unwrap())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "pgm"))
        .expect("the render");
    let bytes = std::fs::read(&pgm).unwrap();
    std::fs::remove_file(&pgm).unwrap();
    // Binary PGM: "P5", width, height, maximum, one white-space byte, pixels.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..at]).into_owned());
    }
    let pixels = &bytes[at + 1..];
    let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    let px_per_pt = 144.0 / 72.0;
    let left = (mm(style.margin_left_mm) * px_per_pt) as usize;
    let right = (mm(style.margin_left_mm + style.text_width_mm) * px_per_pt) as usize;
    let needed = (right - left) * 9 / 10;
    let mut ys = Vec::new();
    for y in 0..h {
        let row = &pixels[y * w..(y + 1) * w];
        let dark = row[left..right.min(w)].iter().filter(|&&v| v < 128).count();
        if dark >= needed {
            let pt = y as f32 / px_per_pt;
            // One rule is a few pixel rows thick: keep its middle.
            match ys.last_mut() {
                Some((first, last)) if pt - *last < 1.0 => *last = pt,
                _ => ys.push((pt, pt)),
            }
        }
    }
    ys.into_iter().map(|(a, b)| (a + b) / 2.0).collect()
}

#[test]
fn body_parts_of_a_notice_stand_where_the_clauses_put_them() {
    let style = Style::default();
    let docx = fixture_docx("notice");
    let dir = scratch("docx-body-notice");
    let pdf = libreoffice_pdf(&docx, &dir, "notice");
    let words = words(&pdf);
    let left = mm(style.margin_left_mm);
    let top = mm(style.margin_top_mm);
    let pitch = style.line_pitch_pt();
    // What one body character advances in the DOCX: 16 pt less 0.25 pt.
    let ch = style.body_size_pt - 0.25;

    // 主送 [7.3.2]: flush left, at the block's left edge.
    let addressees = find(&words, "楚雄市科技局，");
    assert!(
        (addressees.x_min - left).abs() < TOLERANCE_PT,
        "主送 starts {:.1} pt from the page's edge, not at the block's left edge ({left:.1} pt)",
        addressees.x_min
    );

    // 附注 [7.3.6]: two characters in, on the line after the date (its last
    // character, 日, is a word of its own beside the digits).
    let note = find(&words, "（联系人");
    let date_line = words
        .iter()
        .filter(|w| w.page == note.page && w.text == "日" && w.y_min < note.y_min)
        .map(|w| w.y_min)
        .fold(f32::MIN, f32::max);
    assert!(
        (note.y_min - date_line - pitch).abs() < TOLERANCE_PT,
        "附注 at {:.1} pt, the date at {date_line:.1} pt: not the next line",
        note.y_min
    );
    assert!(
        (note.x_min - (left + 2.0 * ch)).abs() < TOLERANCE_PT,
        "附注 starts {:.1} pt from the block's edge, not two characters",
        note.x_min - left
    );

    // 附件 [7.3.7]: at the top left of a page after the 附注's, its title on line 3.
    let label = words
        .iter()
        .find(|w| w.text == "附件")
        .expect("the attachment's label");
    assert!(label.page > note.page, "附件 does not start a new page");
    assert!(
        (label.x_min - left).abs() < TOLERANCE_PT,
        "附件 not flush left"
    );
    let line_of = |y: f32| ((y - top) / pitch).floor() as i32;
    assert_eq!(
        line_of(label.y_min),
        0,
        "附件 not on the block's first line"
    );
    let title = words
        .iter()
        .find(|w| w.page == label.page && w.y_min > label.y_min)
        .expect("the attachment's title");
    assert_eq!(
        line_of(title.y_min),
        2,
        "the attachment's title {:?} is not on line 3",
        title.text
    );

    // 版记 [7.4.1]: on the last page, its last rule on the block's bottom edge.
    let last = words.iter().map(|w| w.page).max().unwrap();
    let printed = find(&words, "楚雄州科学技术局办公室");
    assert_eq!(printed.page, last, "the 版记 is not on the last page");
    let ys = rules(&pdf, last + 1, &style);
    let bottom = mm(style.margin_top_mm + style.text_height_mm);
    let below_text: Vec<f32> = ys
        .iter()
        .copied()
        .filter(|&y| y > find(&words, "抄送").y_min - pitch)
        .collect();
    assert_eq!(
        below_text.len(),
        3,
        "the 版记 has not three rules (first, between, last): {ys:?}"
    );
    let lowest = below_text[2];
    assert!(
        (lowest - bottom).abs() < TOLERANCE_PT,
        "the 版记's last rule at {lowest:.1} pt, the block's bottom edge at {bottom:.1} pt"
    );
    // The 印发 line sits between the last two rules.
    assert!(printed.y_min > below_text[1] && printed.y_min < below_text[2]);
}

/// The lines of each page as `pdftotext -layout` reads them (blank pages kept).
fn page_texts(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("run pdftotext");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

#[test]
fn double_sided_the_closing_block_is_on_an_unnumbered_even_page() {
    // The notice's text ends on page 2 (its attachment) and on page 1
    // without it: a blank page before the 版记 in the first case, none in
    // the second [7.4, 7.5].
    for (attachments, pages) in [(true, 4), (false, 2)] {
        let mut doc = docx_body_support::notice();
        doc.meta.duplex = true;
        if !attachments {
            doc.attachments.clear();
            doc.meta.attachments.clear();
        }
        let docx = gongwen::docx::write(&doc, &Style::default()).unwrap();
        let dir = scratch(&format!("docx-body-duplex-{pages}"));
        let pdf = lo_support::libreoffice_pdf_with_blank_pages(&docx, &dir, "duplex");
        let texts = page_texts(&pdf);
        assert_eq!(texts.len(), pages, "{texts:#?}");
        let last = texts.last().unwrap();
        assert!(
            last.contains("印发"),
            "the 版记 is not on the last page: {texts:#?}"
        );
        assert!(
            !last.contains('—'),
            "the 版记 page carries a page number: {last}"
        );
        if attachments {
            assert!(
                texts[2].trim().is_empty(),
                "page 3 is not blank: {}",
                texts[2]
            );
        }
        // The text's pages keep their numbers.
        assert!(texts[0].contains("— 1 —") || texts[0].contains("—1—"));
    }
}

#[test]
fn a_reports_speaker_is_centred_and_its_salutation_flush_left() {
    let style = Style::default();
    let docx = fixture_docx("transmittal");
    let dir = scratch("docx-body-transmittal");
    let pdf = libreoffice_pdf(&docx, &dir, "transmittal");
    let words = words(&pdf);
    let left = mm(style.margin_left_mm);
    let centre = left + mm(style.text_width_mm) / 2.0;
    // The speaker line "县长　李国华": two words either side of the space,
    // the line's middle on the block's middle.
    let office = words
        .iter()
        .find(|w| w.text == "县长")
        .expect("the speaker line");
    let name = words
        .iter()
        .find(|w| w.text == "李国华" && w.page == office.page)
        .expect("the speaker's name");
    let middle = (office.x_min + name.x_max) / 2.0;
    assert!(
        (middle - centre).abs() < TOLERANCE_PT,
        "the speaker line's middle at {middle:.1} pt, the block's at {centre:.1} pt"
    );
    let salutation = find(&words, "各位代表");
    assert!(
        (salutation.x_min - left).abs() < TOLERANCE_PT,
        "the salutation starts {:.1} pt in, not flush left",
        salutation.x_min - left
    );
}

#[test]
fn a_long_subtitle_wraps_into_even_lines_without_splitting_an_ordinal() {
    // Laid out as Word lays it out (LibreOffice's extra CJK–Latin space undone).
    let docx = fixture_docx("transmittal");
    let dir = scratch("docx-body-subtitle");
    let pages = lo_support::page_lines(&lo_support::libreoffice_pdf_as_word(
        &docx, &dir, "subtitle",
    ));
    let lines: Vec<&String> = pages.iter().flatten().collect();
    let first = lines
        .iter()
        .position(|l| l.starts_with("——2022年"))
        .expect("the subtitle");
    // Greedy filling would leave "议上" alone on the second line; the
    // balanced measure keeps "第十七届" whole, as the PDF does.
    assert_eq!(
        (lines[first].as_str(), lines[first + 1].as_str()),
        (
            "——2022年1月20日在双柏县第十七届",
            "人民代表大会第一次会议上"
        )
    );
}
