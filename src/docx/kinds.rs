//! The paragraphs a 公文 sets apart from the body text (`{.noindent}`,
//! `{.center}`, `{.right}`, `{.subtitle}`, `{.speaker}`, `{.salutation}`):
//! the body's paragraph style or Normal, with the alignment and fonts of
//! the kind as direct formatting, so a document without them is unchanged.

use super::styles as st;
use crate::layout::linebreak::{is_no_end, is_no_start};
use crate::model::ParagraphKind;
use crate::style::{mm, FontRole, Style};
use docx_rs::{AlignmentType, Paragraph as P, ParagraphChild};

/// The paragraph style a kind starts from: the body's (two characters'
/// first-line indent, 7.3.3) or Normal (no indent, 3号仿宋 [5.2.2]).
pub(crate) fn style_of(kind: ParagraphKind) -> &'static str {
    match kind {
        ParagraphKind::Body => st::BODY,
        _ => st::NORMAL,
    }
}

/// Whether a kind's lines are centred (and balanced, as a title's).
pub(crate) fn is_centred(kind: ParagraphKind) -> bool {
    matches!(
        kind,
        ParagraphKind::Center | ParagraphKind::Subtitle | ParagraphKind::Speaker
    )
}

/// The alignment and fonts of a kind, on a paragraph whose runs are built.
pub(crate) fn finish(mut p: P, kind: ParagraphKind) -> P {
    let align = match kind {
        ParagraphKind::Body => return p,
        // Flush left, wrapped lines justified like the body's.
        ParagraphKind::NoIndent | ParagraphKind::Salutation => AlignmentType::Both,
        ParagraphKind::Center | ParagraphKind::Subtitle | ParagraphKind::Speaker => {
            AlignmentType::Center
        }
        ParagraphKind::Right => AlignmentType::Right,
    };
    p = p.align(align);
    if matches!(kind, ParagraphKind::Subtitle | ParagraphKind::Speaker) {
        // A speech's subtitle and speaker line: 3号楷体 (convention, gbt9704.md).
        p = in_font(p, FontRole::Heading2);
    }
    p
}

/// Every run of `p`, and its paragraph mark, in the font of `role`.
pub(crate) fn in_font(mut p: P, role: FontRole) -> P {
    for child in &mut p.children {
        if let ParagraphChild::Run(run) = child {
            let r = std::mem::take(&mut **run);
            **run = r.fonts(st::fonts(role));
        }
    }
    p.fonts(st::fonts(role))
}

/// The indent on either side (twips) that makes Word break a centred line
/// of `text` where the PDF does: as even as the lines go, as a title's
/// (7.3.1) — the narrowest measure, in whole characters, that keeps the
/// number of lines and does not break inside an ordinal ("第十七届",
/// "第一次"); the PDF sets the same measure by the same greedy breaking.
/// `None` when the text takes one line, or no narrower measure will do.
pub(crate) fn balanced_indent(text: &str, style: &Style) -> Option<i32> {
    let cell = style.word_advance_pt();
    let latin = style.body_size_pt / 2.0 + (cell - style.body_size_pt);
    let chars: Vec<char> = text.chars().collect();
    let widths: Vec<f32> = chars
        .iter()
        .map(|c| if c.is_ascii() { latin } else { cell })
        .collect();
    let full = mm(style.text_width_mm);
    let first = line_starts(&chars, &widths, full);
    if first.len() < 2 {
        return None;
    }
    let mut chosen = None;
    let mut width = full;
    while width > 2.0 * cell {
        width -= cell;
        let starts = line_starts(&chars, &widths, width);
        if starts.len() != first.len() {
            break;
        }
        if !starts.iter().skip(1).any(|&s| splits_ordinal(&chars, s)) {
            chosen = Some(width);
        }
    }
    // A twip to spare each side, so a line that just fits is not pushed over
    // by rounding.
    chosen.map(|w| (((full - w) * 20.0 / 2.0).round() as i32 - 1).max(0))
}

/// Where each line starts when `chars` are set greedily in `width`: no break
/// inside a run of Latin letters or digits, before a closing mark, after an
/// opening mark, or inside a two-em dash or an ellipsis (clreq, GB/T 15834).
fn line_starts(chars: &[char], widths: &[f32], width: f32) -> Vec<usize> {
    let breakable = |i: usize| {
        let (a, b) = (chars[i - 1], chars[i]);
        let latin = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '%');
        !(latin(a) && latin(b)
            || is_no_start(b)
            || is_no_end(a)
            || (a == b && matches!(a, '—' | '…')))
    };
    let mut starts = vec![0];
    let mut x = 0.0;
    let mut group_start = 0;
    let mut group_x = 0.0;
    for (i, w) in widths.iter().enumerate().take(chars.len()) {
        if i > 0 && breakable(i) {
            group_start = i;
            group_x = x;
        }
        x += w;
        let line_start = *starts.last().unwrap_or(&0);
        if x > width + 0.01 && group_start > line_start {
            starts.push(group_start);
            x -= group_x;
            group_x = 0.0;
        }
    }
    starts
}

/// Whether a line starting at `start` splits an ordinal or a Chinese
/// numeral ("第十|七届", "十七|届").
fn splits_ordinal(chars: &[char], start: usize) -> bool {
    const NUMERALS: &str = "〇零一二三四五六七八九十百千万";
    const COUNTERS: &str = "届次号期批个年月日";
    let (Some(&a), Some(&b)) = (
        start.checked_sub(1).and_then(|i| chars.get(i)),
        chars.get(start),
    ) else {
        return false;
    };
    (a == '第' || NUMERALS.contains(a)) && (NUMERALS.contains(b) || COUNTERS.contains(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_subtitle_that_wraps_is_set_in_two_even_lines() {
        let s = Style::default();
        let text = "——2022年1月20日在双柏县第十七届人民代表大会第一次会议上";
        let indent = balanced_indent(text, &s).expect("two lines");
        // Narrower than the block: the second line is not two characters.
        let measure = mm(s.text_width_mm) - 2.0 * indent as f32 / 20.0;
        assert!(measure < 20.0 * s.word_advance_pt(), "{measure}");
        let cell = s.word_advance_pt();
        let chars: Vec<char> = text.chars().collect();
        let widths: Vec<f32> = chars
            .iter()
            .map(|c| if c.is_ascii() { 7.75 } else { cell })
            .collect();
        let starts = line_starts(&chars, &widths, measure);
        assert_eq!(starts.len(), 2);
        assert!(!splits_ordinal(&chars, starts[1]));
        assert!(
            chars.len() - starts[1] >= 10,
            "{}",
            chars[starts[1]..].iter().collect::<String>()
        );
        // A line that fits needs nothing.
        assert_eq!(balanced_indent("县长　李国华", &s), None);
    }
}
