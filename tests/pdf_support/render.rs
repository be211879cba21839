//! Measuring ink on a rendered page (poppler's pdftoppm), for what a reader
//! would measure with a ruler.

use std::path::Path;

/// Rendering resolution: 600 dpi, so one pixel is 0.042 mm.
const DPI: f32 = 600.0;

fn px(mm: f32) -> usize {
    (mm / 25.4 * DPI).round() as usize
}

/// A grey-scale render of the strip of `page` from `top_mm` down `height_mm`,
/// the page's full width: (width, rows of pixels, 0 = black).
fn strip(pdf: &Path, page: usize, top_mm: f32, height_mm: f32) -> (usize, Vec<u8>) {
    let page = page.to_string();
    let (y, h, w) = (
        px(top_mm).to_string(),
        px(height_mm).to_string(),
        px(210.0).to_string(),
    );
    let out = super::tool(
        "pdftoppm",
        &[
            "-gray",
            "-r",
            "600",
            "-f",
            &page,
            "-l",
            &page,
            "-x",
            "0",
            "-y",
            &y,
            "-W",
            &w,
            "-H",
            &h,
            pdf.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "pdftoppm failed");
    let (width, _, pixels) = netpbm(out.stdout, "P5");
    (width, pixels)
}

/// How far below `top_mm` the first row of ink lies that holds a dark
/// horizontal stroke at least `min_mm` long (a dash, not a digit), in mm.
/// A binary PGM ("P5") or PPM ("P6") as pdftoppm writes it: "P6\n<w> <h>\n255\n"
/// then the pixels; (width, height, pixels).
pub fn netpbm(bytes: Vec<u8>, magic: &str) -> (usize, usize, Vec<u8>) {
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        while !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..i]).into_owned());
    }
    assert_eq!(fields[0], magic, "pdftoppm wrote another kind of image");
    let width = fields[1].parse().unwrap();
    let height = fields[2].parse().unwrap();
    (width, height, bytes[i + 1..].to_vec())
}

pub fn first_stroke_below(pdf: &Path, page: usize, top_mm: f32, min_mm: f32) -> Option<f32> {
    let (width, pixels) = strip(pdf, page, top_mm, 20.0);
    let need = px(min_mm);
    pixels
        .chunks(width)
        .position(|row| {
            let mut run = 0;
            row.iter().any(|p| {
                run = if *p < 128 { run + 1 } else { 0 };
                run >= need
            })
        })
        .map(|row| row as f32 * 25.4 / DPI)
}
