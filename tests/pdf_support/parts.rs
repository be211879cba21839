//! Measuring the parts of a 公文 around its body in the generated PDF: the
//! text block's edges in millimetres, lines found by their text, the rules
//! drawn in the content streams, and a notice that has every part.

use std::path::Path;

use gongwen::model::Document;

use super::*;

pub const LEFT_MM: f32 = 28.0;
pub const RIGHT_MM: f32 = 28.0 + 156.0;
pub const TOP_MM: f32 = 37.0;
pub const BOTTOM_MM: f32 = 37.0 + 225.0;
pub const CELL_MM: f32 = 156.0 / 28.0;
pub const PITCH_MM: f32 = 225.0 / 22.0;
/// One character of the 版记's 4号 (14 pt) type (7.4.2 "左右各空一字").
pub const CLOSING_CHAR_MM: f32 = 14.0 * 25.4 / 72.0;
pub const TOL_MM: f32 = 0.5;

pub fn parse(markup: &str) -> Document {
    gongwen::markup::parse(markup, Path::new("test.md")).expect("markup")
}

/// The document's PDF: its lines as `pdftotext -bbox` sees them, and its rules.
pub fn measure(doc: &Document) -> (Vec<BoxLine>, Vec<DrawnRule>) {
    let pdf = temp_file("parts.pdf", &build_pdf(doc));
    (bbox_lines(&pdf), drawn_rules(&pdf))
}

pub fn find<'a>(lines: &'a [BoxLine], start: &str) -> &'a BoxLine {
    lines
        .iter()
        .find(|l| l.text.starts_with(start))
        .unwrap_or_else(|| panic!("no line starting with {start:?} in {lines:#?}"))
}

pub fn near(actual_pt: f32, expected_mm: f32, what: &str) {
    let got = pt_to_mm(actual_pt);
    assert!(
        (got - expected_mm).abs() < TOL_MM,
        "{what}: {got:.2} mm, expected {expected_mm:.2} mm"
    );
}

/// Where a line's last cell ends: a full-width glyph's box is its 16 pt em,
/// a little wider than the grid's 15.79 pt cell (5.2.3).
pub fn cells_end(l: &BoxLine) -> f32 {
    l.x_max - (16.0 - 156.0 / 28.0 * 72.0 / 25.4)
}

/// The page-number lines ("— N —") under the text block.
pub fn page_numbers(lines: &[BoxLine]) -> Vec<(usize, String)> {
    lines
        .iter()
        .filter(|l| pt_to_mm(l.y_min) > BOTTOM_MM && l.text.contains('—'))
        .map(|l| (l.page, l.text.clone()))
        .collect()
}

pub fn pages(lines: &[BoxLine]) -> usize {
    lines.iter().map(|l| l.page).max().unwrap_or(0)
}

/// How many grid lines the layout sets the last line `b` below the last
/// line `a` (each the whole line's text, else its start) (for lines opening with digits, whose box top
/// in `pdftotext` is the Latin face's, not the grid line's).
pub fn baseline_gap(doc: &Document, a: &str, b: &str) -> i32 {
    let lines = layout_lines(&lay_out(doc));
    let at = |s: &str| {
        let mut found = lines.iter().rev();
        found
            .clone()
            .find(|l| l.text == s)
            .or_else(|| found.find(|l| l.text.starts_with(s)))
            .unwrap_or_else(|| panic!("no line {s}"))
            .baseline
    };
    let gap = (at(b) - at(a)) / (PITCH_MM * 72.0 / 25.4);
    assert!((gap - gap.round()).abs() < 0.02, "{a} to {b}: {gap} lines");
    gap.round() as i32
}

/// A straight line stroked in a page's content stream (`w … m … l`), in
/// points from the page's top-left corner.
#[derive(Debug, Clone, Copy)]
pub struct DrawnRule {
    pub page: usize,
    pub width: f32,
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

/// Every rule of the PDF, read from its uncompressed content streams
/// (`qpdf --qdf`), where each is drawn in a y-down frame (`1 0 0 -1 0 H cm`).
pub fn drawn_rules(pdf: &Path) -> Vec<DrawnRule> {
    let qdf = pdf.with_extension("qdf.pdf");
    let out = tool(
        "qpdf",
        &[
            "--qdf",
            "--object-streams=disable",
            pdf.to_str().unwrap(),
            qdf.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "qpdf failed");
    let bytes = std::fs::read(&qdf).expect("qdf");
    let text = String::from_utf8_lossy(&bytes);
    let mut page = 0;
    let mut rules = Vec::new();
    for line in text.lines() {
        if let Some(n) = line.strip_prefix("%% Contents for page ") {
            page = n.trim().parse().unwrap_or(0);
            continue;
        }
        let ops: Vec<&str> = line.split_whitespace().collect();
        let Some(w) = ops.iter().position(|o| *o == "w") else {
            continue;
        };
        let num = |i: usize| ops.get(i).and_then(|s| s.parse::<f32>().ok());
        if ops.get(w + 3) == Some(&"m") && ops.get(w + 6) == Some(&"l") {
            if let (Some(width), Some(x0), Some(y0), Some(x1), Some(y1)) =
                (num(w - 1), num(w + 1), num(w + 2), num(w + 4), num(w + 5))
            {
                rules.push(DrawnRule {
                    page,
                    width,
                    x0,
                    y0,
                    x1,
                    y1,
                });
            }
        }
    }
    rules
}

/// The rules across the whole text block on `page`, top to bottom.
pub fn full_width_rules(rules: &[DrawnRule], page: usize) -> Vec<DrawnRule> {
    let mut out: Vec<DrawnRule> = rules
        .iter()
        .filter(|r| r.page == page && (r.y0 - r.y1).abs() < 0.01)
        .filter(|r| {
            (pt_to_mm(r.x0) - LEFT_MM).abs() < TOL_MM && (pt_to_mm(r.x1) - RIGHT_MM).abs() < TOL_MM
        })
        .copied()
        .collect();
    out.sort_by(|a, b| a.y0.total_cmp(&b.y0));
    out
}

pub const NOTICE: &str = "---
title: 楚雄州科学技术局关于开展2021年度科技型中小企业评价工作的通知
form: printed
addressees: [各县市科技局, 州级有关部门]
issuer: 楚雄州科学技术局
date: 2021-01-10
sealing: sealed
note: 此件公开发布
cc: [云南省科学技术厅, 州委办公室, 州人大常委会办公室, 州政府办公室, 州政协办公室, 州纪委监委办公室]
printer: 楚雄州科学技术局办公室
printed: 2021-01-12
---
为贯彻落实《科技型中小企业评价办法》，现就做好2021年度评价工作有关事项通知如下。
";
