//! The line-layout switches the DOCX states explicitly, so that Word breaks
//! its lines where the PDF does (gbt9704.md, "How Word lays out a line"):
//!
//! - `w:characterSpacingControl doNotCompress`: no punctuation compression;
//!   every full-width mark keeps its full cell (GB/T 15834 5.1).
//! - `w:noLineBreaksBefore` / `w:noLineBreaksAfter` for zh-CN: Word's custom
//!   kinsoku lists, taken from the same predicates the PDF's line breaker
//!   uses, so both copies forbid the same line starts and ends (clreq §3.1.7).
//! - In the paragraph defaults: `w:kinsoku` on (apply those lists),
//!   `w:topLinePunct` off (no compression of a mark at a line's start),
//!   `w:wordWrap` on (Latin words are not split).
//! - Hanging punctuation (`w:overflowPunct`: a closing mark that would start
//!   a line hangs past the right edge instead) is on by the standard's
//!   default when the element is absent (ISO/IEC 29500-1 17.3.1.21), and is
//!   left to that default on purpose: LibreOffice 7.4 reads an explicit
//!   `w:overflowPunct w:val="1"` as "no hanging" (tried here: 21 more lines
//!   of the sample broke differently from the PDF), while it hangs marks
//!   when the element is absent, as Word does.

use super::xml::Element;
use crate::layout::linebreak::{is_no_end, is_no_start};

/// The blocks where the marks of Chinese text live: ASCII, Latin-1, General
/// Punctuation, CJK Symbols and Punctuation, Halfwidth and Fullwidth Forms.
const PUNCTUATION_BLOCKS: [(u32, u32); 5] = [
    (0x21, 0x7E),
    (0xA1, 0xFF),
    (0x2010, 0x205E),
    (0x3001, 0x303F),
    (0xFF01, 0xFF65),
];

fn marks(keep: fn(char) -> bool) -> String {
    PUNCTUATION_BLOCKS
        .iter()
        .flat_map(|&(a, b)| a..=b)
        .filter_map(char::from_u32)
        .filter(|&c| keep(c))
        .collect()
}

/// Marks that may not start a line.
pub(crate) fn no_breaks_before() -> String {
    marks(is_no_start)
}

/// Marks that may not end a line.
pub(crate) fn no_breaks_after() -> String {
    marks(is_no_end)
}

/// The settings.xml elements, in CT_Settings order.
pub(crate) fn settings() -> Vec<Element> {
    let lists =
        |name: &str, v: String| Element::new(name).attr("w:lang", "zh-CN").attr("w:val", &v);
    vec![
        Element::new("w:characterSpacingControl").attr("w:val", "doNotCompress"),
        lists("w:noLineBreaksAfter", no_breaks_after()),
        lists("w:noLineBreaksBefore", no_breaks_before()),
    ]
}

/// The paragraph-default switches (CT_PPrBase order is restored by the
/// post-processing's sort).
pub(crate) fn paragraph_defaults() -> Vec<Element> {
    let on = |name: &str, v: &str| Element::new(name).attr("w:val", v);
    vec![
        on("w:kinsoku", "1"),
        on("w:wordWrap", "1"),
        on("w:topLinePunct", "0"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_hold_the_chinese_marks() {
        let before = no_breaks_before();
        for c in "，。、；：？！）》」』】”’…—".chars() {
            assert!(before.contains(c), "{c} may start a line");
        }
        let after = no_breaks_after();
        for c in "（《「『【“‘".chars() {
            assert!(after.contains(c), "{c} may end a line");
        }
        assert!(!before.contains('（') && !after.contains('，'));
    }
}
