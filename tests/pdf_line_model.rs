//! Word's line model in the PDF (gbt9704.md "How Word lays out a line"), on
//! the sample, one county, the showcase and a draft: every Han character and
//! full-width mark one full cell (GB/T 15834 5.1), no glyph drawn over
//! another, 28 cells to a full line of plain Chinese with at most one closing
//! mark hanging past the edge, no prohibited line start or end, and each
//! line extracted whole.
mod pdf_support;

use pdf_support::line_model::*;
use pdf_support::*;

#[test]
fn no_mark_is_squeezed_and_no_glyphs_overlap() {
    for (name, doc) in line_model_documents() {
        let lines = glyph_lines(&lay_out(&doc));
        let squeezed = squeezed(&lines);
        let overlapping = overlapping(&lines);
        eprintln!(
            "{name}: {} lines, {} squeezed, {} overlapping",
            lines.len(),
            squeezed.len(),
            overlapping.len()
        );
        assert!(
            squeezed.is_empty(),
            "{name}: {} squeezed: {squeezed:#?}",
            squeezed.len()
        );
        assert!(
            overlapping.is_empty(),
            "{name}: {} overlapping: {overlapping:#?}",
            overlapping.len()
        );
    }
}

#[test]
fn no_line_is_letter_spaced() {
    // A line that breaks early (before a number, or an opening
    // mark) shares out less than a cell; a quarter cell between two
    // characters would read as letter-spacing. Placeholders break like text,
    // so a draft's lines are no exception.
    for (name, doc) in line_model_documents() {
        let spaced = letter_spaced(&glyph_lines(&lay_out(&doc)), 0.25);
        assert!(spaced.is_empty(), "{name}: {spaced:#?}");
    }
}

#[test]
fn full_lines_of_plain_chinese_hold_28_cells_and_keep_the_prohibitions() {
    let mut total = 0;
    for (name, doc) in line_model_documents() {
        let lines = glyph_lines(&lay_out(&doc));
        let count = count_lines(&lines);
        eprintln!(
            "{name}: {} full plain lines, {} with 28 cells, {} pushed out, {} hanging; {} wrong",
            count.plain_full,
            count.with_28,
            count.pushed_out.len(),
            count.hanging,
            count.wrong.len()
        );
        assert!(count.wrong.is_empty(), "{name}: {:#?}", count.wrong);
        assert!(
            count.plain_full > 0,
            "{name}: no full line of plain Chinese"
        );
        assert_eq!(
            count.with_28 + count.pushed_out.len(),
            count.plain_full,
            "{name}"
        );
        total += count.plain_full;
    }
    assert!(total > 200, "only {total} full lines of plain Chinese");
}

#[test]
fn pdftotext_returns_each_line_whole() {
    for (name, doc) in line_model_documents() {
        let layout = lay_out(&doc);
        let fonts = fonts();
        let pdf = gongwen::pdf::write(&layout, &doc, &fonts).expect("pdf");
        let path = temp_file("whole-lines.pdf", &pdf);
        let out = tool("pdftotext", &[path.to_str().unwrap(), "-"]);
        assert!(out.status.success(), "pdftotext failed");
        let extracted: std::collections::HashSet<String> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(without_whitespace)
            .collect();
        let lines = body_text_lines(&glyph_lines(&layout));
        let broken: Vec<String> = lines
            .iter()
            .map(|l| without_whitespace(&l.text()))
            .filter(|t| !extracted.contains(t))
            .collect();
        assert!(lines.len() > 10, "{name}: {} lines", lines.len());
        assert!(
            broken.is_empty(),
            "{name}: lines not extracted whole: {broken:#?}"
        );
    }
}

#[test]
fn page_labels_read_1_2_3_and_dashes_sit_7_mm_under_the_block() {
    for (name, doc) in line_model_documents() {
        let pdf = temp_file("extras.pdf", &build_pdf(&doc));
        let out = tool(
            "qpdf",
            &["--json", "--json-key=pages", pdf.to_str().unwrap()],
        );
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("qpdf json");
        let pages = json["pages"].as_array().expect("pages");
        for (i, page) in pages.iter().enumerate() {
            let label = &page["label"];
            assert_eq!(label["/S"], "/D", "{name} page {}: {label}", i + 1);
            assert_eq!(label["/St"], i as u64 + 1, "{name} page {}: {label}", i + 1);
            // GB/T 9704 7.5: the dashes 7 mm under the block (262 mm from the top).
            let gap = render::first_stroke_below(&pdf, i + 1, 262.0, 3.0)
                .unwrap_or_else(|| panic!("{name} page {}: no dash", i + 1));
            assert!(
                (gap - 7.0).abs() <= 0.3,
                "{name} page {}: dash {gap:.2} mm under the block",
                i + 1
            );
        }
    }
}
