//! The GB/T 9704 grid, measured on the generated PDF with `pdftotext -bbox`:
//! 28 characters a line across the 156 mm measure, 22 lines a page, the text
//! block 37 mm from the top and 28 mm from the left (5.2.1, 5.2.3), page
//! numbers' dashes 7 mm under the block, odd right and even left (7.5).
mod pdf_support;

use pdf_support::*;

const LEFT_MM: f32 = 28.0;
const TOP_MM: f32 = 37.0;
const MEASURE_MM: f32 = 156.0;
const BLOCK_BOTTOM_MM: f32 = 37.0 + 225.0;
const CELL_MM: f32 = 156.0 / 28.0;
const TOL_MM: f32 = 0.5;

fn reference_pdf() -> (std::path::PathBuf, Vec<BoxLine>, usize) {
    let pdf = temp_file("grid.pdf", &build_pdf(&sample_document()));
    let lines = bbox_lines(&pdf);
    let pages = lines.iter().map(|l| l.page).max().unwrap_or(0);
    (pdf, lines, pages)
}

fn reference_lines() -> (Vec<BoxLine>, usize) {
    let (_, lines, pages) = reference_pdf();
    (lines, pages)
}

/// Lines of running text: inside the text block, starting at the left edge
/// or at the two-character indent (so not the title, tables or signature).
fn body_lines(lines: &[BoxLine]) -> Vec<BoxLine> {
    lines
        .iter()
        .filter(|l| pt_to_mm(l.y_max) < BLOCK_BOTTOM_MM + TOL_MM)
        .filter(|l| {
            let x = pt_to_mm(l.x_min);
            (x - LEFT_MM).abs() < TOL_MM || (x - LEFT_MM - 2.0 * CELL_MM).abs() < TOL_MM
        })
        .cloned()
        .collect()
}

fn starts_paragraph(l: &BoxLine) -> bool {
    (pt_to_mm(l.x_min) - LEFT_MM - 2.0 * CELL_MM).abs() < TOL_MM
}

#[test]
fn full_lines_hold_28_characters_across_the_measure() {
    let (lines, _) = reference_lines();
    let body = body_lines(&lines);
    let mut full = 0;
    let mut plain = 0;
    let mut exact = 0;
    for (i, l) in body.iter().enumerate() {
        // A paragraph's last line is not justified: it is the one before a
        // line that starts a new paragraph (or the last one).
        let last_of_paragraph = body.get(i + 1).is_none_or(starts_paragraph);
        if last_of_paragraph {
            continue;
        }
        full += 1;
        // The glyph box of the last character is a 16 pt em, a little wider
        // than the 156/28 mm cell it sits in.
        let right = pt_to_mm(l.x_max) - (pt_to_mm(16.0) - CELL_MM);
        let edge = LEFT_MM + MEASURE_MM;
        // A closing mark that would start the next line hangs one cell past
        // the edge instead (Word's overflowPunct); the rest fills the measure.
        let last = l.text.chars().last().unwrap();
        let hangs =
            gongwen::layout::linebreak::may_hang(last) && (right - (edge + CELL_MM)).abs() < TOL_MM;
        assert!(
            hangs || (right - edge).abs() < TOL_MM,
            "page {} line “{}” ends at {right:.2} mm, not {edge} mm",
            l.page,
            l.text,
        );
        let indent = if starts_paragraph(l) { 2.0 } else { 0.0 };
        let mut inside = l.text.clone();
        if hangs {
            inside.pop();
        }
        let widths = char_widths(&inside) + indent;
        // Digits and Latin take their face's widths, and a number moves down
        // whole; their lines still fill the measure (checked above), but are
        // not counted.
        if l.text.chars().any(|c| c.is_ascii()) {
            continue;
        }
        plain += 1;
        // An opening mark moved down with its neighbour (push-out) leaves a
        // line one character short of the grid's 28, spread to the measure;
        // no mark is ever squeezed to gain one.
        assert!(
            (widths - 28.0).abs() <= 1.0,
            "page {} line “{}” holds {widths} characters",
            l.page,
            l.text
        );
        if (widths - 28.0).abs() < 0.01 {
            exact += 1;
        }
    }
    assert!(full > 100, "only {full} full lines found");
    // Lines of plain Chinese hold exactly 28 but where an opening mark or
    // a mark's neighbour moved down.
    assert!(
        exact * 10 >= plain * 9,
        "{exact} of {plain} full lines of plain Chinese hold exactly 28 characters"
    );
}

#[test]
fn full_pages_hold_22_lines_from_the_top_left_of_the_text_block() {
    let (lines, pages) = reference_lines();
    assert!(pages >= 3);
    for page in 2..pages {
        let on_page: Vec<&BoxLine> = lines
            .iter()
            .filter(|l| l.page == page && pt_to_mm(l.y_max) < BLOCK_BOTTOM_MM + TOL_MM)
            .collect();
        // A heading never ends a page: the page before it may stop a line short.
        let next_starts_with_heading = lines
            .iter()
            .find(|l| l.page == page + 1)
            .is_some_and(|l| is_heading(&l.text));
        let want = if next_starts_with_heading {
            21..=22
        } else {
            22..=22
        };
        assert!(
            want.contains(&on_page.len()),
            "page {page} holds {} lines",
            on_page.len()
        );
        let top = pt_to_mm(grid_line_top(on_page[0]));
        assert!(
            (top - TOP_MM).abs() < TOL_MM,
            "page {page}: text starts {top:.2} mm from the top"
        );
        let left = on_page
            .iter()
            .map(|l| pt_to_mm(l.x_min))
            .fold(f32::MAX, f32::min);
        assert!(
            (left - LEFT_MM).abs() < TOL_MM,
            "page {page}: text starts {left:.2} mm from the left"
        );
        // The 22 lines fill the 225 mm block: the last starts 21 pitches down.
        let n = on_page.len();
        let last = pt_to_mm(grid_line_top(on_page[n - 1]));
        let want = TOP_MM + (n - 1) as f32 * 225.0 / 22.0;
        assert!(
            (last - want).abs() < TOL_MM,
            "page {page}: line 22 at {last:.2} mm, want {want:.2}"
        );
    }
}

/// Starts with 一、 or (一) and their kin.
fn is_heading(text: &str) -> bool {
    let t: Vec<char> = text.chars().collect();
    t.first() == Some(&'\u{FF08}') || t.get(1) == Some(&'、')
}

#[test]
fn page_numbers_sit_under_the_block_odd_right_even_left() {
    let (pdf, lines, pages) = reference_pdf();
    for page in 1..=pages {
        let number = lines
            .iter()
            .find(|l| l.page == page && pt_to_mm(l.y_min) > BLOCK_BOTTOM_MM)
            .unwrap_or_else(|| panic!("page {page} has no page number"));
        assert_eq!(without_whitespace(&number.text), format!("—{page}—"));
        // The dashes sit 7 mm under the block, measured to their ink (a
        // stroke of 3 mm or more: a dash, not a digit).
        let gap = render::first_stroke_below(&pdf, page, BLOCK_BOTTOM_MM, 3.0)
            .unwrap_or_else(|| panic!("page {page}: no dash under the block"));
        assert!(
            (gap - 7.0).abs() <= 0.3,
            "page {page}: the dashes are {gap:.2} mm under the block, not 7"
        );
        // One character of 4号 (14 pt) in from the edge of the block.
        let one_char = pt_to_mm(14.0);
        if page % 2 == 1 {
            let right = pt_to_mm(number.x_max);
            let want = LEFT_MM + MEASURE_MM - one_char;
            assert!(
                (right - want).abs() < TOL_MM,
                "odd page {page}: number ends at {right:.2} mm, want {want:.2}"
            );
        } else {
            let left = pt_to_mm(number.x_min);
            let want = LEFT_MM + one_char;
            assert!(
                (left - want).abs() < TOL_MM,
                "even page {page}: number starts at {left:.2} mm, want {want:.2}"
            );
        }
    }
}
