//! Measuring the head of the printed 公文 in a PDF: its words one by one
//! (pdftotext -bbox), in millimetres from the paper's top-left corner, and
//! its ink in colour (pdftoppm): what is red, what is black, where the red
//! rules run.

use std::path::Path;

use super::{pt_to_mm, tool, BoxLine};

/// Measurements agree with the clauses to this, in mm.
pub const TOL_MM: f32 = 0.5;

/// A PDF's words (pdftotext -bbox), one apiece even on a shared baseline
/// (the 文号 and the last 签发人).
pub fn words(pdf: &Path) -> Vec<BoxLine> {
    let out = tool("pdftotext", &["-bbox", pdf.to_str().unwrap(), "-"]);
    assert!(out.status.success(), "pdftotext -bbox failed");
    let html = String::from_utf8_lossy(&out.stdout);
    let mut words = Vec::new();
    let mut page = 0;
    for l in html.lines().map(str::trim) {
        if l.starts_with("<page ") {
            page += 1;
        } else if l.starts_with("<word ") {
            let attr = |name: &str| -> f32 {
                let key = format!("{name}=\"");
                let rest = &l[l.find(&key).unwrap() + key.len()..];
                rest[..rest.find('"').unwrap()].parse().unwrap()
            };
            words.push(BoxLine {
                page,
                x_min: attr("xMin"),
                x_max: attr("xMax"),
                y_min: attr("yMin"),
                y_max: attr("yMax"),
                text: l[l.find('>').unwrap() + 1..l.rfind("</word>").unwrap()].to_string(),
            });
        }
    }
    words
}

/// The line on page 1 whose text starts with `start`, in mm from the paper's top-left.
pub fn line<'a>(lines: &'a [BoxLine], start: &str) -> &'a BoxLine {
    lines
        .iter()
        .find(|l| l.page == 1 && l.text.starts_with(start))
        .unwrap_or_else(|| panic!("no line “{start}…” on page 1: {lines:#?}"))
}

pub fn top(l: &BoxLine) -> f32 {
    pt_to_mm(l.y_min)
}

/// The top of the grid line a line of text is set on, in mm
/// ([`super::grid_line_top`]); for the title, body and attachment lines, not
/// the head, whose elements are placed by their em boxes (7.2).
pub fn line_top(l: &BoxLine) -> f32 {
    pt_to_mm(super::grid_line_top(l))
}

pub fn bottom(l: &BoxLine) -> f32 {
    pt_to_mm(l.y_max)
}

pub fn assert_mm(what: &str, got: f32, want: f32) {
    assert!(
        (got - want).abs() <= TOL_MM,
        "{what}: {got:.2} mm, want {want:.2} mm (±{TOL_MM})"
    );
}

/// A page rendered in colour: width, height and RGB pixels, at `DPI`.
pub const DPI: f32 = 200.0;

pub struct Picture {
    pub width: usize,
    pub height: usize,
    rgb: Vec<u8>,
}

impl Picture {
    pub fn of(pdf: &Path, page: usize) -> Picture {
        let page = page.to_string();
        let out = tool(
            "pdftoppm",
            &["-r", "200", "-f", &page, "-l", &page, pdf.to_str().unwrap()],
        );
        assert!(out.status.success(), "pdftoppm failed");
        let (width, height, rgb) = super::render::netpbm(out.stdout, "P6");
        Picture { width, height, rgb }
    }

    pub fn px(mm: f32) -> usize {
        (mm / 25.4 * DPI).round() as usize
    }

    pub fn mm(px: usize) -> f32 {
        px as f32 * 25.4 / DPI
    }

    pub fn at(&self, x: usize, y: usize) -> [u8; 3] {
        let i = 3 * (y * self.width + x);
        [self.rgb[i], self.rgb[i + 1], self.rgb[i + 2]]
    }

    /// Of the inked pixels in a box (mm), how many are red and how many black/grey.
    pub fn inks(&self, x0: f32, y0: f32, x1: f32, y1: f32) -> (usize, usize) {
        let (mut red, mut black) = (0, 0);
        for y in Self::px(y0)..Self::px(y1).min(self.height) {
            for x in Self::px(x0)..Self::px(x1).min(self.width) {
                let [r, g, b] = self.at(x, y);
                if is_red([r, g, b]) {
                    red += 1;
                } else if r < 128 && g < 128 && b < 128 {
                    black += 1;
                }
            }
        }
        (red, black)
    }

    /// Horizontal red rules at least `min_mm` long: (centre y, left x, right x), mm.
    pub fn red_rules(&self, min_mm: f32) -> Vec<(f32, f32, f32)> {
        let need = Self::px(min_mm);
        let mut rows: Vec<(usize, usize, usize)> = Vec::new();
        for y in 0..self.height {
            let red: Vec<usize> = (0..self.width).filter(|&x| is_red(self.at(x, y))).collect();
            if red.len() >= need {
                rows.push((y, red[0], red[red.len() - 1]));
            }
        }
        // Consecutive rows make one rule.
        let mut rules: Vec<Vec<(usize, usize, usize)>> = Vec::new();
        for row in rows {
            match rules.last_mut() {
                Some(r) if r.last().unwrap().0 + 1 == row.0 => r.push(row),
                _ => rules.push(vec![row]),
            }
        }
        rules
            .iter()
            .map(|r| {
                let y = r.iter().map(|p| p.0).sum::<usize>() as f32 / r.len() as f32 + 0.5;
                let x0 = r.iter().map(|p| p.1).min().unwrap();
                let x1 = r.iter().map(|p| p.2).max().unwrap() + 1;
                (y * 25.4 / DPI, Self::mm(x0), Self::mm(x1))
            })
            .collect()
    }
}

pub fn is_red([r, g, b]: [u8; 3]) -> bool {
    r > 200 && g < 100 && b < 100
}
