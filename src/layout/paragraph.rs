//! Filling lines as Word fills them for the DOCX we write (gbt9704.md "How
//! Word lays out a line"): every Han character and full-width mark takes one
//! full cell and is never compressed (GB/T 15834 5.1; `doNotCompress`); a
//! closing mark that would start a line hangs one cell past the right edge
//! (`overflowPunct`); otherwise the line breaks at the last permitted place
//! (clreq §3.1.7 prohibitions) and is justified to the measure.

use super::linebreak::{break_opportunities, kinsoku_allows, may_hang};
use super::shaping::ShapedChar;

/// Slack for float comparisons, in points.
const EPS: f32 = 0.01;

/// How a block of text is set.
#[derive(Debug, Clone, Copy)]
pub struct Measure {
    /// The width of a full line, in points.
    pub width: f32,
    /// The width of one character cell: the grid pitch for body text
    /// (156 mm / 28, GB/T 9704 5.2.3), the font size elsewhere.
    pub cell: f32,
    /// Indent of the first line, in points (two cells for a paragraph, 7.3.3).
    pub first_indent: f32,
    /// Indent of the following lines (zero, or a hanging indent as in 7.3.4).
    pub rest_indent: f32,
    /// Whether full lines are spread to the measure. Only justified text
    /// hangs closing marks past its edge: a table cell keeps them inside.
    pub justify: bool,
}

/// One set line: a range of the characters and where each one is drawn.
#[derive(Debug, Clone)]
pub struct SetLine {
    pub start: usize,
    pub end: usize,
    /// x of each character's glyph origin, from the measure's left edge.
    pub x: Vec<f32>,
    /// x of the right edge of the line's last cell (past the measure when
    /// the line ends with a hanging mark).
    pub right: f32,
    /// Whether the line was justified to the full measure.
    pub full: bool,
}

/// The width a character takes on the line. Full-width characters take one
/// cell (GB/T 9704 4.2 "一字"). Every character gives up what the cell is
/// narrower than the font size (16 pt type on a 15.79 pt pitch, 5.2.3), as
/// the DOCX's character spacing makes Word do: so digits and Latin keep their
/// face's advance widths (Times New Roman's, as in Word) less that spacing.
pub fn advance(ch: &ShapedChar, cell: f32) -> f32 {
    if ch.is_full_width() {
        cell
    } else {
        (ch.natural + cell - ch.size).max(0.0)
    }
}

/// Whether justification may widen the gap between two neighbours: not
/// inside a run of digits or Latin (94.3%, R&D), nor inside —— or …….
fn stretchable(a: &ShapedChar, b: &ShapedChar) -> bool {
    if !a.is_full_width() && !b.is_full_width() {
        return false;
    }
    !(a.c == b.c && matches!(a.c, '—' | '…'))
}

/// Where a line may break after each character. A value still to be filled
/// in (【待填:key.path】) breaks like Chinese text, between any two of its
/// characters the prohibitions allow: its key path is not a word, and
/// keeping it whole would leave the line before it letter-spaced.
pub fn break_table(chars: &[ShapedChar]) -> Vec<bool> {
    let codes: Vec<char> = chars.iter().map(|c| c.c).collect();
    let mut may_break = break_opportunities(&codes);
    for i in 0..chars.len().saturating_sub(1) {
        if chars[i].highlight && chars[i + 1].highlight {
            may_break[i] = kinsoku_allows(codes[i], codes[i + 1]);
        }
        // A space at a break is not drawn, so the character before it ends
        // the line: an opening mark may not.
        if codes[i] == ' ' {
            let before = codes[..i].iter().rev().find(|c| **c != ' ');
            if before.is_some_and(|c| !kinsoku_allows(*c, ' ')) {
                may_break[i] = false;
            }
        }
    }
    may_break
}

/// Breaks `chars` into lines of `m`.
pub fn set_lines(chars: &[ShapedChar], m: &Measure) -> Vec<SetLine> {
    let n = chars.len();
    if n == 0 {
        return Vec::new();
    }
    let may_break = break_table(chars);
    let adv: Vec<f32> = chars.iter().map(|c| advance(c, m.cell)).collect();

    let mut lines = Vec::new();
    let mut start = 0;
    while start < n {
        let indent = if lines.is_empty() {
            m.first_indent
        } else {
            m.rest_indent
        };
        let avail = m.width - indent;
        // The characters that fit: chars[start..fit].
        let mut fit = start;
        let mut width = 0.0;
        while fit < n && width + adv[fit] <= avail + EPS {
            width += adv[fit];
            fit += 1;
        }
        let (end, hang) = if fit >= n {
            (n, false)
        } else {
            choose_break(chars, &may_break, start, fit, m.justify)
        };
        // Spaces where a line breaks (between Latin words) are not drawn,
        // so the line's last letter meets the measure.
        let mut shown = end;
        while !hang && shown > start + 1 && chars[shown - 1].c == ' ' {
            shown -= 1;
        }
        let fit = Fit {
            indent,
            avail,
            // A line that breaks before its text ends is full; so is one
            // whose last mark hangs (the mark did not fit inside it).
            full: m.justify && (end < n || hang),
            hang,
        };
        let mut line = place(&chars[start..shown], &adv[start..shown], &fit);
        line.start = start;
        line.end = shown;
        lines.push(line);
        start = end;
    }
    lines
}

/// Where a line that holds `chars[start..fit]` (and not `chars[fit]`) ends,
/// and whether its last character hangs past the measure.
fn choose_break(
    chars: &[ShapedChar],
    may_break: &[bool],
    start: usize,
    fit: usize,
    may_overflow: bool,
) -> (usize, bool) {
    let n = chars.len();
    let next = chars[fit].c;
    // A space that does not fit ends the line, undrawn.
    if next == ' ' && may_break[fit] {
        return (fit + 1, false);
    }
    // A closing mark that would start the next line hangs past the edge
    // (overflowPunct), if what follows it may start a line.
    if may_overflow
        && fit > start
        && may_hang(next)
        && chars[fit].is_full_width()
        && (fit + 1 == n || may_break[fit])
    {
        return (fit + 1, true);
    }
    // Otherwise the line ends at its last permitted break (an opening mark
    // moves down with its neighbour, a closing mark takes one with it).
    if let Some(j) = (start..fit).rev().find(|&j| may_break[j]) {
        return (j + 1, false);
    }
    // One unbreakable run wider than the line: cut it where it overflows.
    (fit.max(start + 1), false)
}

/// How one line is to be fitted to its measure.
struct Fit {
    /// Where the line starts, from the measure's left edge.
    indent: f32,
    /// The width it fills when justified.
    avail: f32,
    /// Whether it is justified.
    full: bool,
    /// Whether its last character hangs past the measure.
    hang: bool,
}

/// Positions the characters of one line: each at its full advance, the
/// slack of a full line spread over the gaps, a hanging mark just past the
/// measure's right edge.
fn place(chars: &[ShapedChar], adv: &[f32], fit: &Fit) -> SetLine {
    let n = chars.len();
    // The characters inside the measure; a hanging mark is set after them.
    let inside = if fit.hang { n.saturating_sub(1) } else { n };
    let natural: f32 = adv[..inside].iter().sum();
    // Justification (5.2.3: full lines fill the measure): the slack goes into
    // the gaps next to Han characters; if there are none, into every gap.
    let mut open: Vec<bool> = chars[..inside]
        .windows(2)
        .map(|w| stretchable(&w[0], &w[1]))
        .collect();
    if !open.iter().any(|o| *o) {
        open.iter_mut().for_each(|o| *o = true);
    }
    let gaps = open.iter().filter(|o| **o).count();
    let gap = if fit.full && gaps > 0 {
        ((fit.avail - natural) / gaps as f32).max(0.0)
    } else {
        0.0
    };
    let mut x = Vec::with_capacity(n);
    let mut pen = fit.indent;
    for (i, a) in adv[..inside].iter().enumerate() {
        x.push(pen);
        pen += a;
        if open.get(i).copied().unwrap_or(false) {
            pen += gap;
        }
    }
    if fit.hang {
        // One cell past the edge: the mark starts where the measure ends.
        let edge = fit.indent + fit.avail;
        pen = pen.max(edge);
        x.push(pen);
        pen += adv[n - 1];
    }
    SetLine {
        start: 0,
        end: n,
        x,
        right: pen,
        full: fit.full,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Characters as the shaper gives them at 16 pt: Han and full-width
    /// marks one em, ASCII half an em (Times's digits).
    fn shaped(s: &str) -> Vec<ShapedChar> {
        s.chars()
            .map(|c| ShapedChar {
                c,
                font: 0,
                glyph: 1,
                size: 16.0,
                natural: if c.is_ascii() { 8.0 } else { 16.0 },
                bold: false,
                highlight: false,
            })
            .collect()
    }

    /// Five cells of 16 pt, no indent, justified.
    fn five() -> Measure {
        Measure {
            width: 80.0,
            cell: 16.0,
            first_indent: 0.0,
            rest_indent: 0.0,
            justify: true,
        }
    }

    fn texts(chars: &[ShapedChar], lines: &[SetLine]) -> Vec<String> {
        lines
            .iter()
            .map(|l| chars[l.start..l.end].iter().map(|c| c.c).collect())
            .collect()
    }

    #[test]
    fn a_closing_mark_that_would_start_a_line_hangs_past_the_edge() {
        let chars = shaped("一二三四五。六七");
        let lines = set_lines(&chars, &five());
        assert_eq!(texts(&chars, &lines), ["一二三四五。", "六七"]);
        // Five full cells, then the mark just past the edge.
        assert_eq!(lines[0].x, [0.0, 16.0, 32.0, 48.0, 64.0, 80.0]);
        assert_eq!(lines[0].right, 96.0);
    }

    #[test]
    fn an_opening_mark_moves_down_and_the_line_is_spread() {
        let chars = shaped("一二三四“五”六");
        let lines = set_lines(&chars, &five());
        assert_eq!(texts(&chars, &lines), ["一二三四", "“五”六"]);
        // Four characters spread over five cells: no mark squeezed, none drawn over another.
        assert_eq!(lines[0].x, [0.0, 64.0 / 3.0, 128.0 / 3.0, 64.0]);
        assert!((lines[0].right - 80.0).abs() < 0.01);
    }

    #[test]
    fn two_closing_marks_do_not_both_hang() {
        // 。 cannot hang with ” after it (” may not start a line): 五 moves down.
        let chars = shaped("一二三四五。”六");
        let lines = set_lines(&chars, &five());
        assert_eq!(texts(&chars, &lines), ["一二三四", "五。”六"]);
    }

    #[test]
    fn a_table_cell_keeps_its_marks_inside() {
        let chars = shaped("一二三四五。六");
        let m = Measure {
            justify: false,
            ..five()
        };
        let lines = set_lines(&chars, &m);
        assert_eq!(texts(&chars, &lines), ["一二三四", "五。六"]);
        assert!(lines.iter().all(|l| l.right <= 80.0 + EPS));
    }

    #[test]
    fn a_placeholder_breaks_inside_its_key_path() {
        let mut chars = shaped("一【待填:results.funds】");
        for c in &mut chars[1..] {
            c.highlight = true;
        }
        let lines = set_lines(&chars, &five());
        // The first line is filled to its last half cell, not spread.
        assert_eq!(texts(&chars, &lines), ["一【待填:r", "esults.fun", "ds】"]);
        assert_eq!(lines[0].x, [0.0, 16.0, 32.0, 48.0, 64.0, 72.0]);
    }
}
