//! GB/T 9704 numbers from [`Style`] in the units WordprocessingML uses:
//! twips (1/20 pt), half-points, twentieths of a point for character spacing.

use crate::style::{mm, Style};

/// Points to twips.
pub(crate) fn twips(pt: f32) -> i32 {
    (pt * 20.0).round() as i32
}

/// Millimetres to twips.
pub(crate) fn twips_mm(v: f32) -> i32 {
    twips(mm(v))
}

/// Points to half-points (`w:sz`).
pub(crate) fn half_points(pt: f32) -> usize {
    (pt * 2.0).round().max(1.0) as usize
}

/// The page, margins and grid of one section.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Page {
    pub width: u32,
    pub height: u32,
    pub top: i32,
    pub right: i32,
    pub bottom: i32,
    pub left: i32,
    /// From the page's bottom edge to the bottom of the footer line.
    pub footer: i32,
    /// Document grid line pitch.
    pub line_pitch: usize,
}

impl Page {
    pub fn new(style: &Style) -> Self {
        // The page number's line starts `page_number_gap_mm` below the text block [7.5];
        // Word measures the footer distance to the bottom of that line.
        let number_line_mm = style.page_number_size_pt / crate::style::PT_PER_MM;
        let footer_mm = style.margin_bottom_mm() - style.page_number_gap_mm - number_line_mm;
        Page {
            // A4 [5.2].
            width: twips_mm(style.page_width_mm) as u32,
            height: twips_mm(style.page_height_mm) as u32,
            // 天头 37 mm, 订口 28 mm, the rest is what the 156 × 225 mm block leaves [5.2.1].
            top: twips_mm(style.margin_top_mm),
            left: twips_mm(style.margin_left_mm),
            right: twips_mm(style.margin_right_mm()),
            bottom: twips_mm(style.margin_bottom_mm()),
            footer: twips_mm(footer_mm.max(0.0)),
            line_pitch: line_pitch(style),
        }
    }
}

/// The grid's line pitch [5.2.3]: 225 mm / 22 = 28.99 pt, rounded down to
/// whole twips (579, as in Word's official templates) so that 22 lines fit
/// the block; rounded up (580) Word would fit only 21.
pub(crate) fn line_pitch(style: &Style) -> usize {
    ((style.line_pitch_pt() * 20.0).floor() as usize).max(1)
}

/// One body character (1 字 at 3号 [4.2]) in twips: the unit of every indent.
pub(crate) fn body_char(style: &Style) -> i32 {
    twips(style.body_size_pt)
}

/// Character spacing for body text, in twentieths of a point: 28 characters at
/// 16 pt are 448 pt, wider than the 156 mm (442 pt) measure, so each character
/// gives up enough that 28 fit [5.2.3]. Rounded down to whole twentieths: −5.
/// A lines-only grid plus this spacing is what both Word and LibreOffice honour
/// (LibreOffice mis-reads Word's negative `charSpace` character grid).
pub(crate) fn body_spacing(style: &Style) -> i32 {
    style.body_spacing_twentieths()
}

/// How many body characters a string takes: Han characters and full-width
/// punctuation one, Latin letters and digits (Times New Roman) half.
pub(crate) fn width_in_chars(text: &str) -> f32 {
    text.chars()
        .map(|c| {
            if (c as u32) < 0x2000 || ('\u{FF61}'..='\u{FFDC}').contains(&c) {
                0.5
            } else {
                1.0
            }
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn official_numbers() {
        let s = Style::default();
        let p = Page::new(&s);
        assert_eq!((p.width, p.height), (11906, 16838));
        assert_eq!((p.top, p.left), (2098, 1587));
        assert_eq!(p.line_pitch, 579);
        assert_eq!(body_spacing(&s), -5);
        assert_eq!(body_char(&s), 320);
        assert_eq!(width_in_chars("2021年1月10日"), 6.5);
    }
}
