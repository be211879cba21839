//! GB/T 9704-2012 as named numbers. The DOCX and PDF writers both read this,
//! so the editable and the printable copy agree.

/// Points per millimetre (1 pt = 1/72 in, 1 in = 25.4 mm).
pub const PT_PER_MM: f32 = 72.0 / 25.4;

/// Converts millimetres to points.
pub fn mm(v: f32) -> f32 {
    v * PT_PER_MM
}

/// The roles a font plays in an official document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FontRole {
    /// 小标宋: the title [GB/T 9704 7.3.1].
    Title,
    /// 仿宋: the body and level-3/4 headings [5.2.2, 7.3.3].
    Body,
    /// 黑体: level-1 headings and attachment labels [7.3.3, 8].
    Heading1,
    /// 楷体: level-2 headings [7.3.3].
    Heading2,
    /// 宋体: page numbers [7.5].
    PageNumber,
}

impl FontRole {
    pub const ALL: [FontRole; 5] = [
        FontRole::Title,
        FontRole::Body,
        FontRole::Heading1,
        FontRole::Heading2,
        FontRole::PageNumber,
    ];

    /// The official font families, as an office PC has them installed, best first.
    pub fn official_families(self) -> &'static [&'static str] {
        match self {
            FontRole::Title => &["方正小标宋简体", "FZXiaoBiaoSong-B05S", "方正小标宋_GBK"],
            FontRole::Body => &["仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong"],
            FontRole::Heading1 => &["黑体", "SimHei"],
            FontRole::Heading2 => &["楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi"],
            FontRole::PageNumber => &["宋体", "SimSun"],
        }
    }

    /// The name written into a DOCX (w:rFonts eastAsia): the first official family.
    pub fn docx_family(self) -> &'static str {
        self.official_families()[0]
    }

    /// A short name for messages.
    pub fn label(self) -> &'static str {
        match self {
            FontRole::Title => "title (小标宋)",
            FontRole::Body => "body (仿宋)",
            FontRole::Heading1 => "level-1 heading (黑体)",
            FontRole::Heading2 => "level-2 heading (楷体)",
            FontRole::PageNumber => "page number (宋体)",
        }
    }
}

/// Digits and Latin letters: Times New Roman in an office document.
pub const LATIN_FAMILY: &str = "Times New Roman";

/// The page and type settings of an official document.
#[derive(Debug, Clone, PartialEq)]
pub struct Style {
    /// A4 [5.2].
    pub page_width_mm: f32,
    pub page_height_mm: f32,
    /// 天头 37 mm [5.2.1].
    pub margin_top_mm: f32,
    /// 订口 28 mm [5.2.1].
    pub margin_left_mm: f32,
    /// 版心 156 × 225 mm [5.2.1].
    pub text_width_mm: f32,
    pub text_height_mm: f32,
    /// 28 characters a line, 22 lines a page [5.2.3].
    pub chars_per_line: u32,
    pub lines_per_page: u32,
    /// 3号 = 16 pt, body text [5.2.2].
    pub body_size_pt: f32,
    /// 2号 = 22 pt, title [7.3.1].
    pub title_size_pt: f32,
    /// 4号 = 14 pt, the disclosure index block (our choice, see gbt9704.md).
    pub index_size_pt: f32,
    /// 4号 = 14 pt, page numbers [7.5].
    pub page_number_size_pt: f32,
    /// Page numbers sit 7 mm below the text block [7.5].
    pub page_number_gap_mm: f32,
    /// First-line indent, in characters [7.3.3 "每自然段左空二字"].
    pub indent_chars: u32,
    /// The issuer sits this many characters in from the right, no seal [7.3.5.2].
    pub signature_right_chars: u32,
    /// Level-3 headings in bold: a local custom, not the standard.
    pub level3_bold: bool,
    /// With a seal the date sits 4 characters in from the right [7.3.5.1]; we default to none.
    pub seal: bool,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            page_width_mm: 210.0,
            page_height_mm: 297.0,
            margin_top_mm: 37.0,
            margin_left_mm: 28.0,
            text_width_mm: 156.0,
            text_height_mm: 225.0,
            chars_per_line: 28,
            lines_per_page: 22,
            body_size_pt: 16.0,
            title_size_pt: 22.0,
            index_size_pt: 14.0,
            page_number_size_pt: 14.0,
            page_number_gap_mm: 7.0,
            indent_chars: 2,
            signature_right_chars: 2,
            level3_bold: false,
            seal: false,
        }
    }
}

impl Style {
    /// Right margin: what the page leaves beside the text block (≈ 26 mm) [5.2.1].
    pub fn margin_right_mm(&self) -> f32 {
        self.page_width_mm - self.margin_left_mm - self.text_width_mm
    }

    /// Bottom margin (≈ 35 mm) [5.2.1].
    pub fn margin_bottom_mm(&self) -> f32 {
        self.page_height_mm - self.margin_top_mm - self.text_height_mm
    }

    /// Character pitch: 156 mm / 28 ≈ 15.79 pt, so 28 characters fill the measure [5.2.3].
    pub fn char_pitch_pt(&self) -> f32 {
        mm(self.text_width_mm) / self.chars_per_line as f32
    }

    /// Character spacing of body text, in twentieths of a point (the unit of
    /// `w:spacing`): 28 characters at 16 pt are 448 pt, wider than the 156 mm
    /// (442 pt) measure, so each gives up enough that 28 fit [5.2.3]; rounded
    /// down to whole twentieths, −5.
    pub fn body_spacing_twentieths(&self) -> i32 {
        let give = (self.char_pitch_pt() - self.body_size_pt) * 20.0;
        (give.floor() as i32).min(0)
    }

    /// What a full-width body character advances where Word sets the DOCX:
    /// its size plus the character spacing, 15.75 pt. Lines are filled with
    /// this advance (and indents counted in whole 16 pt characters, as
    /// `w:firstLineChars` is) so that both copies break where Word breaks;
    /// justified lines are then spread to the full 156 mm [5.2.3].
    pub fn word_advance_pt(&self) -> f32 {
        self.body_size_pt + self.body_spacing_twentieths() as f32 / 20.0
    }

    /// Line pitch: 225 mm / 22 ≈ 28.95 pt, so 22 lines fill the block [5.2.3].
    pub fn line_pitch_pt(&self) -> f32 {
        mm(self.text_height_mm) / self.lines_per_page as f32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_fills_the_text_block() {
        let s = Style::default();
        assert!((s.char_pitch_pt() * 28.0 - mm(156.0)).abs() < 0.01);
        assert!((s.line_pitch_pt() * 22.0 - mm(225.0)).abs() < 0.01);
        // Right and bottom margins per 5.2.1: about 26 mm and 35 mm.
        assert!((s.margin_right_mm() - 26.0).abs() < 1.0);
        assert!((s.margin_bottom_mm() - 35.0).abs() < 1.0);
    }
}
