//! Filling lines: shaped characters into lines of a given measure, on the
//! character grid, justified, with clreq's line-start/line-end rules.

use super::linebreak::{break_opportunities, is_compressible, is_opening};
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
    /// Whether full lines are stretched or squeezed to the measure.
    pub justify: bool,
}

/// One set line: a range of the characters and where each one is drawn.
#[derive(Debug, Clone)]
pub struct SetLine {
    pub start: usize,
    pub end: usize,
    /// x of each character's glyph origin, from the measure's left edge.
    pub x: Vec<f32>,
    /// x of the right edge of the line's last cell.
    pub right: f32,
    /// Whether the line was justified to the full measure.
    pub full: bool,
}

/// The width a character takes on the line. Full-width characters take one
/// cell (GB/T 9704 4.2 "一字"); digits and Latin take their own width scaled to
/// the cell, so two half-width digits fill one cell.
pub fn advance(ch: &ShapedChar, cell: f32) -> f32 {
    if ch.is_full_width() {
        cell
    } else {
        ch.natural * cell / ch.size
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

/// Breaks `chars` into lines of `m`.
pub fn set_lines(chars: &[ShapedChar], m: &Measure) -> Vec<SetLine> {
    let n = chars.len();
    if n == 0 {
        return Vec::new();
    }
    let codes: Vec<char> = chars.iter().map(|c| c.c).collect();
    let may_break = break_opportunities(&codes);
    let adv: Vec<f32> = chars.iter().map(|c| advance(c, m.cell)).collect();
    // Segment ends: indices one past a permitted break.
    let seg_ends: Vec<usize> = (0..n).filter(|&i| may_break[i]).map(|i| i + 1).collect();

    let mut lines = Vec::new();
    let mut start = 0;
    let mut seg = 0;
    while start < n {
        let indent = if lines.is_empty() {
            m.first_indent
        } else {
            m.rest_indent
        };
        let avail = m.width - indent;
        let mut end = start;
        let mut width = 0.0;
        let mut squeeze = 0.0;
        while seg < seg_ends.len() {
            let seg_end = seg_ends[seg];
            let seg_width: f32 = adv[end..seg_end].iter().sum();
            if width + seg_width <= avail + EPS {
                width += seg_width;
                end = seg_end;
                seg += 1;
                continue;
            }
            // The line is not exactly full: either push in (clreq §3.2:
            // take the segment and squeeze the line's punctuation) or push
            // out (leave it and widen the gaps), whichever moves less; push
            // in wins a tie, as clreq prefers it.
            let over = width + seg_width - avail;
            let short = avail - width;
            if end > start
                && m.justify
                && short > EPS
                && over <= short + EPS
                && over <= m.cell + EPS
            {
                let room = squeezable(&codes[start..seg_end], m.cell);
                if room + EPS >= over {
                    width += seg_width;
                    end = seg_end;
                    squeeze = over;
                    seg += 1;
                }
            }
            if end == start {
                // One unbreakable run wider than the line: cut it by characters.
                while end < n && (end == start || width + adv[end] <= avail + EPS) {
                    width += adv[end];
                    end += 1;
                }
                while seg < seg_ends.len() && seg_ends[seg] <= end {
                    seg += 1;
                }
            }
            break;
        }
        if end == start {
            // Only reachable when the break table is exhausted; take the rest.
            end = n;
        }
        let last = end >= n;
        let full = m.justify && !last;
        let fit = Fit {
            indent,
            avail,
            squeeze,
            full,
        };
        // Spaces where a line breaks (between Latin words) are not drawn,
        // so the line's last letter meets the measure.
        let mut shown = end;
        while shown > start + 1 && chars[shown - 1].c == ' ' {
            shown -= 1;
        }
        let mut line = place(&chars[start..shown], &adv[start..shown], &fit);
        line.start = start;
        line.end = shown;
        lines.push(line);
        start = end;
    }
    lines
}

/// How much the punctuation inside a line (not its first or last character)
/// can give up: half a cell each.
fn squeezable(codes: &[char], cell: f32) -> f32 {
    if codes.len() < 3 {
        return 0.0;
    }
    codes[1..codes.len() - 1]
        .iter()
        .filter(|c| is_compressible(**c))
        .count() as f32
        * cell
        / 2.0
}

/// How one line is to be fitted to its measure.
struct Fit {
    /// Where the line starts, from the measure's left edge.
    indent: f32,
    /// The width it fills when justified.
    avail: f32,
    /// How much its punctuation must give up (push in).
    squeeze: f32,
    /// Whether it is justified.
    full: bool,
}

/// Positions the characters of one line.
fn place(chars: &[ShapedChar], adv: &[f32], fit: &Fit) -> SetLine {
    let Fit {
        indent,
        avail,
        squeeze,
        full,
    } = *fit;
    let codes: Vec<char> = chars.iter().map(|c| c.c).collect();
    let n = codes.len();
    let mut widths = adv.to_vec();
    let mut shift = vec![0.0f32; n];
    // Squeeze punctuation from the end of the line backwards, never the first
    // or last character, so the line's edges stay on the measure.
    let mut left = squeeze;
    if n >= 3 {
        for i in (1..n - 1).rev() {
            if left <= EPS {
                break;
            }
            if is_compressible(codes[i]) {
                let take = left.min(widths[i] / 2.0);
                widths[i] -= take;
                if is_opening(codes[i]) {
                    // An opening mark's ink is in the right half of its box.
                    shift[i] = -take;
                }
                left -= take;
            }
        }
    }
    let natural: f32 = widths.iter().sum();
    // Justification (5.2.3: full lines fill the measure): the slack goes into
    // the gaps next to Han characters; if there are none, into every gap.
    let mut open: Vec<bool> = chars
        .windows(2)
        .map(|w| stretchable(&w[0], &w[1]))
        .collect();
    if !open.iter().any(|o| *o) {
        open.iter_mut().for_each(|o| *o = true);
    }
    let gaps = open.iter().filter(|o| **o).count();
    let gap = if full && gaps > 0 {
        (avail - natural) / gaps as f32
    } else {
        0.0
    };
    let mut x = Vec::with_capacity(n);
    let mut pen = indent;
    for i in 0..n {
        x.push(pen + shift[i]);
        pen += widths[i];
        if open.get(i).copied().unwrap_or(false) {
            pen += gap;
        }
    }
    SetLine {
        start: 0,
        end: n,
        x,
        right: pen,
        full,
    }
}
