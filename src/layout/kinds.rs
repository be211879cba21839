//! How each kind of paragraph is set (`Paragraph.kind`): a body paragraph
//! indents two characters and is justified (7.3.3); the lines a 公文 sets
//! apart are flush left (a salutation, `{.noindent}`), centred (a speech's
//! subtitle and speaker line, `{.center}`) or flush right, and not spread.

use super::paragraph::{set_lines, Measure, SetLine};
use super::shaping::{ShapedChar, Span};
use super::Grid;
use crate::model::ParagraphKind;
use crate::style::{FontRole, Style};

/// Where a paragraph's lines sit across the measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LineAlign {
    Start,
    Center,
    End,
}

/// Body paragraphs: two characters' first-line indent (7.3.3 "左空二字"),
/// justified to the grid (5.2.3); lines filled at Word's advance and the
/// indent counted in whole characters, as the DOCX's `w:firstLineChars`.
pub(crate) fn paragraph_measure(style: &Style, grid: &Grid) -> Measure {
    Measure {
        width: grid.width,
        cell: style.word_advance_pt(),
        first_indent: style.indent_chars as f32 * style.body_size_pt,
        rest_indent: 0.0,
        justify: true,
    }
}

/// The measure and alignment of a kind of paragraph.
pub(crate) fn kind_setting(
    kind: ParagraphKind,
    style: &Style,
    grid: &Grid,
) -> (Measure, LineAlign) {
    let flush = Measure {
        first_indent: 0.0,
        ..paragraph_measure(style, grid)
    };
    let loose = Measure {
        justify: false,
        ..flush
    };
    match kind {
        ParagraphKind::Body => (paragraph_measure(style, grid), LineAlign::Start),
        ParagraphKind::NoIndent | ParagraphKind::Salutation => (flush, LineAlign::Start),
        ParagraphKind::Center | ParagraphKind::Subtitle | ParagraphKind::Speaker => {
            (loose, LineAlign::Center)
        }
        ParagraphKind::Right => (loose, LineAlign::End),
    }
}

/// A speech's subtitle and speaker lines are 3号楷体 (convention,
/// gbt9704.md); every other kind keeps the body's 仿宋.
pub(crate) fn kind_spans(spans: Vec<Span>, kind: ParagraphKind) -> Vec<Span> {
    match kind {
        ParagraphKind::Subtitle | ParagraphKind::Speaker => spans
            .into_iter()
            .map(|s| Span {
                role: FontRole::Heading2,
                ..s
            })
            .collect(),
        _ => spans,
    }
}

/// Centred lines as even as they go, as the title's (7.3.1): the narrowest
/// measure, in whole cells, that keeps the number of lines and does not
/// break inside an ordinal (第十七届, 第一次); so a subtitle that wraps by
/// one character does not leave it alone on a line.
pub(crate) fn balanced(
    chars: &[ShapedChar],
    measure: &Measure,
    lines: Vec<SetLine>,
) -> Vec<SetLine> {
    let count = lines.len();
    if count < 2 {
        return lines;
    }
    let mut choices = vec![lines];
    let mut width = measure.width;
    while width > 2.0 * measure.cell {
        width -= measure.cell;
        let narrower = set_lines(chars, &Measure { width, ..*measure });
        if narrower.len() != count {
            break;
        }
        choices.push(narrower);
    }
    // Narrowest first; the widest (the greedy fill) when every one splits.
    let whole = |ls: &Vec<SetLine>| {
        ls.windows(2)
            .all(|w| !splits_ordinal(chars, w[0].end, w[1].start))
    };
    let pick = choices.iter().rposition(whole).unwrap_or(0);
    choices.swap_remove(pick)
}

/// Whether a break between `chars[end - 1]` and `chars[start]` falls
/// inside an ordinal or a Chinese numeral ("第十|七届", "十七|届").
fn splits_ordinal(chars: &[ShapedChar], end: usize, start: usize) -> bool {
    const NUMERALS: &str = "〇零一二三四五六七八九十百千万";
    const COUNTERS: &str = "届次号期批个年月日";
    let (Some(a), Some(b)) = (
        end.checked_sub(1).and_then(|i| chars.get(i)),
        chars.get(start),
    ) else {
        return false;
    };
    let numeral = |c: char| NUMERALS.contains(c);
    (a.c == '第' || numeral(a.c)) && (numeral(b.c) || COUNTERS.contains(b.c))
}
