//! Where the head's elements sit (GB/T 9704-2012 7.2, 10.1–10.3), in points
//! measured down from the text block's top edge: pure numbers, no XML.
//!
//! "Line k" is grid line k of the 22-line block (pitch P = 225 mm / 22
//! [5.2.3]); a "top" is the top of an element's em box.

use crate::model::{Format, Head};
use crate::style::{mm, Style};

/// 3号: the size of every head line but the 标志 [5.2.2, 7.2.1–7.2.6].
pub(crate) const SMALL_PT: f32 = 16.0;

// The clauses' numbers (7.2.4, 7.2.7, 10.1, 10.2) are the PDF layout's own,
// so both copies place the head from one set.
use crate::layout::head::{
    ORDER_ORGAN_TOP_MM as ORDER_MARK_TOP_MM, ORGAN_TOP_MM as MARK_TOP_MM, RULE_GAP_MM,
};
use crate::layout::letter::MARKS_GAP_PT as LETTER_LINES_GAP_PT;
pub(crate) use crate::layout::letter::{
    BOTTOM_RULE_MM as LETTER_FOOT_RULE_MM, DOUBLE_GAP_MM as LETTER_RULE_APART_MM,
    ORGAN_SIZE_PT as LETTER_MARK_PT, ORGAN_TOP_MM as LETTER_MARK_FROM_PAPER_MM,
    RULE_LENGTH_MM as LETTER_RULE_LENGTH_MM, THICK_MM as LETTER_THICK_MM,
    THIN_MM as LETTER_THIN_MM,
};
/// The double rule sits 4 mm below a letter's 标志 [10.1], as the red rule under a 文号 [7.2.7].
pub(crate) const LETTER_RULE_GAP_MM: f32 = RULE_GAP_MM;

/// One line of text in the head: where its em box's top sits, and its size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Slot {
    pub top: f32,
    pub size: f32,
}

/// The whole head's geometry.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct HeadGeometry {
    /// 份号, 密级, 紧急程度: one slot each for those present, in that order.
    pub marks: Vec<Slot>,
    /// 发文机关标志: its top, and the size of each of its lines.
    pub organ: Option<Slot>,
    /// How many lines the 标志 stacks: one per organ, one in an order.
    pub organ_lines: usize,
    /// 发文字号 (the order number in an order).
    pub number: Slot,
    /// 签发人 lines, top to bottom; the last is level with the 文号.
    pub signers: Vec<Slot>,
    /// The red rule's centre, if the format has one.
    pub rule: Option<f32>,
    /// The grid line the title's first line sits on.
    pub title_line: u32,
}

/// Grid pitch P [5.2.3].
pub(crate) fn pitch(style: &Style) -> f32 {
    style.line_pitch_pt()
}

/// How many 签发人 lines: two names a line [7.2.6].
pub(crate) fn signer_lines(head: &Head) -> usize {
    head.signers.len().div_ceil(2)
}

/// The head of a document in `format` (not a letter: see [`letter`]).
pub(crate) fn document(head: &Head, format: Format, style: &Style) -> HeadGeometry {
    let p = pitch(style);
    // 份号, 密级, 紧急程度 on lines 0, 1, 2, packed from line 0 [7.2.1–7.2.3].
    let present = [&head.copy, &head.secrecy, &head.urgency]
        .iter()
        .filter(|v| v.is_some())
        .count();
    let marks = (0..present)
        .map(|i| Slot {
            top: i as f32 * p,
            size: SMALL_PT,
        })
        .collect();
    if format == Format::Order {
        return order(marks, style);
    }
    let k = head.organs.len().max(1);
    let s = signer_lines(head).max(1);
    // The title's first line: m = 9 + k + (s − 1), so the rule (2 P above it)
    // clears the 标志's lines and the 签发人 lines.
    let m = 9 + k as u32 + (s as u32 - 1);
    let rule = (m as f32 - 2.0) * p;
    // 文号: its em box's bottom 4 mm above the rule [7.2.5, 7.2.7].
    let number_top = rule - mm(RULE_GAP_MM) - SMALL_PT;
    let signers: Vec<Slot> = (0..signer_lines(head))
        .map(|j| Slot {
            top: number_top - (s - 1 - j) as f32 * p,
            size: SMALL_PT,
        })
        .collect();
    // 标志: from 35 mm below the block's top down to two lines above the
    // first 签发人/文号 line [7.2.4, 7.2.5]; one line per organ.
    let first_line = number_top - (s - 1) as f32 * p;
    let top = mm(MARK_TOP_MM);
    let height = first_line - 2.0 * p - top;
    HeadGeometry {
        marks,
        organ: (!head.organs.is_empty()).then_some(Slot {
            top,
            size: height / k as f32,
        }),
        organ_lines: head.organs.len(),
        number: Slot {
            top: number_top,
            size: SMALL_PT,
        },
        signers,
        rule: Some(rule),
        title_line: m,
    }
}

/// 命令(令)格式 [10.2]: the 标志 20 mm below the block's top, at the size a
/// single organ's 标志 has in the document format; the order number two
/// lines (2 P) below it; the title on the first grid line at least two
/// lines below the number's line. No rule.
fn order(marks: Vec<Slot>, style: &Style) -> HeadGeometry {
    let p = pitch(style);
    let single = Head {
        organs: vec![String::new()],
        ..Head::default()
    };
    let size = document(&single, Format::Document, style)
        .organ
        .map_or(SMALL_PT, |o| o.size);
    let top = mm(ORDER_MARK_TOP_MM);
    let number_top = top + size + 2.0 * p;
    let title_line = ((number_top + 3.0 * p) / p - 0.01).ceil() as u32;
    HeadGeometry {
        marks,
        organ: Some(Slot { top, size }),
        organ_lines: 1,
        number: Slot {
            top: number_top,
            size: SMALL_PT,
        },
        signers: Vec::new(),
        rule: None,
        title_line,
    }
}

/// A letter's head [10.1], measured from the block's top (negative above it).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LetterGeometry {
    /// The 标志's top (7 mm above the block: 30 mm from the paper's top) and
    /// the size of each of its lines (one per organ).
    pub organ: Slot,
    /// The top edge of the upper double rule's thick line.
    pub rule_top: f32,
    /// 份号, 密级, 紧急程度 (flush left) — the 文号 (flush right) shares the first.
    pub marks: Vec<Slot>,
    /// The first line under the rule.
    pub first_line: f32,
    pub title_line: u32,
}

/// The double rule's total height: thick, gap, thin.
pub(crate) fn letter_rule_height() -> f32 {
    mm(LETTER_THICK_MM + LETTER_RULE_APART_MM + LETTER_THIN_MM)
}

pub(crate) fn letter(head: &Head, style: &Style) -> LetterGeometry {
    let p = pitch(style);
    let top = mm(LETTER_MARK_FROM_PAPER_MM - style.margin_top_mm);
    // The organs stacked, one line of the 标志's size each.
    let k = head.organs.len().max(1) as f32;
    let rule_top = top + k * LETTER_MARK_PT + mm(LETTER_RULE_GAP_MM);
    let first_line = rule_top + letter_rule_height() + LETTER_LINES_GAP_PT;
    let present = [&head.copy, &head.secrecy, &head.urgency]
        .iter()
        .filter(|v| v.is_some())
        .count();
    let marks: Vec<Slot> = (0..present)
        .map(|i| Slot {
            top: first_line + i as f32 * p,
            size: SMALL_PT,
        })
        .collect();
    // The lines under the rule: at least the 文号's; the title two lines below them.
    let lines = present.max(usize::from(head.number.is_some()));
    let bottom = if lines == 0 {
        rule_top + letter_rule_height()
    } else {
        first_line + (lines - 1) as f32 * p + SMALL_PT
    };
    let title_line = ((bottom + 2.0 * p) / p - 0.01).ceil().max(0.0) as u32;
    LetterGeometry {
        organ: Slot {
            top,
            size: LETTER_MARK_PT,
        },
        rule_top,
        marks,
        first_line,
        title_line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(organs: usize, signers: usize) -> Head {
        Head {
            organs: (0..organs).map(|i| format!("机关{i}")).collect(),
            signers: (0..signers).map(|i| format!("人{i}")).collect(),
            number: Some("楚科发〔2021〕3号".into()),
            ..Head::default()
        }
    }

    #[test]
    fn a_single_organ_puts_the_title_on_line_10_and_the_rule_two_lines_above() {
        let s = Style::default();
        let g = document(&head(1, 0), Format::Document, &s);
        let p = pitch(&s);
        assert_eq!(g.title_line, 10);
        assert!((g.rule.unwrap() - 8.0 * p).abs() < 0.01);
        // 文号's bottom 4 mm above the rule; the 标志's bottom 2 P above the 文号.
        assert!((g.rule.unwrap() - (g.number.top + 16.0) - mm(4.0)).abs() < 0.01);
        let o = g.organ.unwrap();
        assert!((o.top - mm(35.0)).abs() < 0.01);
        assert!((g.number.top - (o.top + o.size) - 2.0 * p).abs() < 0.01);
    }

    #[test]
    fn a_joint_issue_stacks_one_line_per_organ_and_moves_the_title_down() {
        let s = Style::default();
        let one = document(&head(1, 0), Format::Document, &s);
        let two = document(&head(2, 0), Format::Document, &s);
        assert_eq!(two.title_line, 11);
        let (a, b) = (one.organ.unwrap(), two.organ.unwrap());
        // Two lines of the joint 标志 fill one line more than the single one.
        assert!((2.0 * b.size - a.size - pitch(&s)).abs() < 0.01);
    }

    #[test]
    fn the_last_signer_line_is_level_with_the_number() {
        let s = Style::default();
        let g = document(&head(1, 3), Format::Document, &s);
        assert_eq!(g.signers.len(), 2);
        assert_eq!(g.title_line, 11);
        assert!((g.signers[1].top - g.number.top).abs() < 0.01);
        assert!((g.signers[1].top - g.signers[0].top - pitch(&s)).abs() < 0.01);
        // The 标志 keeps its single-organ size.
        let one = document(&head(1, 0), Format::Document, &s);
        assert!((g.organ.unwrap().size - one.organ.unwrap().size).abs() < 0.01);
    }

    #[test]
    fn a_letter_head_starts_7_mm_above_the_block() {
        let s = Style::default();
        let g = letter(&head(1, 0), &s);
        assert!((g.organ.top + mm(7.0)).abs() < 0.01);
        assert!(g.title_line >= 3);
    }
}
