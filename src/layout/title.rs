//! The title (7.3.1): 2号小标宋, centred; a long title wraps into balanced
//! lines, longest first (a trapezoid), breaking between phrases rather than
//! inside a word or name.

use super::blocks::natural_line;
use super::linebreak::break_opportunities;
use super::page::{grid_baseline, line_runs, Item, ItemKind};
use super::paragraph::{advance, SetLine};
use super::shaping::{Origin, Shaper, Span};
use super::Grid;
use crate::error::Result;
use crate::style::{mm, FontRole, Style};

/// More lines than this are not searched for balance; they are filled greedily.
const MAX_BALANCED_LINES: usize = 4;

/// Break candidates beyond which balancing is not searched (about four lines of 2号).
const MAX_SEARCHED_BREAKS: usize = 90;

/// `issuer` is a name the title usually contains (楚雄州科学技术局关于……):
/// a line never breaks inside it when another break will do.
pub(crate) fn title_items(
    title: &str,
    issuer: &str,
    style: &Style,
    grid: &Grid,
    shaper: &mut Shaper<'_>,
) -> Result<Vec<Item>> {
    let size = style.title_size_pt;
    let chars = shaper.shape(
        &[Span::new(title, FontRole::Title)],
        size,
        Origin {
            line: 0,
            what: "title",
        },
    )?;
    if chars.is_empty() {
        return Ok(Vec::new());
    }
    let codes: Vec<char> = chars.iter().map(|c| c.c).collect();
    let widths: Vec<f32> = chars.iter().map(|c| advance(c, size)).collect();
    // The DOCX's breaks, so the printed and the editable copy have the same
    // lines; the real widths decide only if those lines would not fit.
    let mut breaks = balanced_breaks(title, issuer, style);
    if chars.len() != codes_len(title) || !fits(&widths, &breaks, grid.width) {
        let names = name_spans(&codes, issuer);
        breaks = choose_breaks(&codes, &widths, grid.width, size, &names);
    }
    let mut items = Vec::new();
    let mut start = 0;
    for end in breaks.into_iter().chain(std::iter::once(chars.len())) {
        let piece = &chars[start..end];
        let mut line = natural_line(piece, size);
        let x = (grid.width - line.right) / 2.0;
        line = SetLine { start, end, ..line };
        let baseline = grid_baseline(grid.pitch);
        items.push(Item {
            lines: 1,
            runs: line_runs(&chars, &line, grid.left + x, baseline),
            rules: Vec::new(),
            anchors: Vec::new(),
            keep_with_next: false,
            kind: ItemKind::Content,
            repeat: None,
        });
        start = end;
    }
    Ok(items)
}

/// Where a title breaks into balanced lines (character indices), measured
/// with nominal widths: a Han character or full-width mark one em, an ASCII
/// character half of one, as Word sets them. The DOCX writes these breaks so
/// an editable copy shows the same trapezoid as the printed one.
pub fn balanced_breaks(title: &str, issuer: &str, style: &Style) -> Vec<usize> {
    let size = style.title_size_pt;
    let codes: Vec<char> = title.chars().collect();
    let widths: Vec<f32> = codes
        .iter()
        .map(|c| if c.is_ascii() { size / 2.0 } else { size })
        .collect();
    let names = name_spans(&codes, issuer);
    // Half an em to spare: a word processor may set digits a little wider
    // than half an em, and a line that overflows wraps into a stray third line.
    let measure = mm(style.text_width_mm) - size / 2.0;
    choose_breaks(&codes, &widths, measure, size, &names)
}

fn codes_len(title: &str) -> usize {
    title.chars().count()
}

/// Whether every line between `breaks` fits the measure.
fn fits(widths: &[f32], breaks: &[usize], measure: f32) -> bool {
    let mut bounds = vec![0];
    bounds.extend_from_slice(breaks);
    bounds.push(widths.len());
    bounds
        .windows(2)
        .all(|w| widths[w[0]..w[1]].iter().sum::<f32>() <= measure + 0.01)
}

/// How bad it is to break between `a` and `b`, 0 (a phrase boundary) to 10
/// (perhaps inside a word). Without a dictionary, phrase boundaries are
/// recognised by punctuation, the joining words 及/和/与/暨/关于, the
/// particle 的, and the edges of figures.
fn break_penalty(before: &[char], b: char) -> u32 {
    let a = before.last().copied().unwrap_or(' ');
    if matches!(
        a,
        // 、 , : ; ) ” 》 and a space
        '、' | '\u{FF0C}' | '\u{FF1A}' | '\u{FF1B}' | ' ' | '\u{FF09}' | '”' | '》'
    ) {
        return 0;
    }
    if matches!(b, '及' | '和' | '与' | '暨' | '\u{FF08}' | '“' | '《') || a == '的' || b == '关'
    {
        return 0;
    }
    if b.is_ascii_digit() && !a.is_ascii_digit() {
        return 2;
    }
    if splits_common_word(a, b) {
        return 30;
    }
    10
}

/// Two-character words common in report titles, which a line must not split
/// (年度, 工作, 情况 …). A short list, not a dictionary: it catches the usual
/// cases, and balance decides the rest.
fn splits_common_word(a: char, b: char) -> bool {
    const WORDS: &[&str] = &[
        "年度", "工作", "情况", "科技", "科学", "技术", "创新", "发展", "建设", "管理", "规划",
        "方案", "意见", "通知", "报告", "决定", "实施", "关于", "项目", "目标", "任务", "完成",
        "重点", "安排", "全州", "全县", "全市", "全省", "政府", "委员", "办公", "经济", "社会",
        "服务", "改革", "产业", "企业", "人民", "自治", "研究", "推进", "加强", "要点", "总结",
        "计划", "部署", "落实", "统计", "公报", "预算", "决算", "执行", "主要", "年度",
    ];
    WORDS.iter().any(|w| {
        let mut it = w.chars();
        it.next() == Some(a) && it.next() == Some(b)
    })
}

/// Indices at which new lines start.
/// Where `name` occurs in `codes`, as ranges of character indices.
fn name_spans(codes: &[char], name: &str) -> Vec<std::ops::Range<usize>> {
    let name: Vec<char> = name.chars().collect();
    if name.len() < 2 || name.len() > codes.len() {
        return Vec::new();
    }
    (0..=codes.len() - name.len())
        .filter(|&i| codes[i..i + name.len()] == name[..])
        .map(|i| i..i + name.len())
        .collect()
}

/// Penalty for a break inside a name (the issuer's): worse than splitting a word.
const INSIDE_NAME: u32 = 50;

fn choose_breaks(
    codes: &[char],
    widths: &[f32],
    measure: f32,
    size: f32,
    names: &[std::ops::Range<usize>],
) -> Vec<usize> {
    let total: f32 = widths.iter().sum();
    if total <= measure + 0.01 {
        return Vec::new();
    }
    let may = break_opportunities(codes);
    let candidates: Vec<usize> = (1..codes.len()).filter(|&k| may[k - 1]).collect();
    // The search tries every placement of up to three breaks; a title longer
    // than any real one (four full lines) is filled greedily instead.
    if candidates.len() > MAX_SEARCHED_BREAKS {
        return greedy(widths, measure);
    }
    let min_lines = (total / measure).ceil() as usize;
    let mut prefix = vec![0.0f32; widths.len() + 1];
    for (i, w) in widths.iter().enumerate() {
        prefix[i + 1] = prefix[i] + w;
    }
    for lines in min_lines.max(2)..=MAX_BALANCED_LINES {
        let mut best: Option<(f32, Vec<usize>)> = None;
        let mut chosen = Vec::new();
        search(&candidates, 0, lines - 1, &mut chosen, &mut |breaks| {
            let mut bounds = vec![0];
            bounds.extend_from_slice(breaks);
            bounds.push(codes.len());
            let ws: Vec<f32> = bounds
                .windows(2)
                .map(|w| prefix[w[1]] - prefix[w[0]])
                .collect();
            if ws.iter().any(|w| *w > measure + 0.01) {
                return;
            }
            // A trapezoid (longest first) or a diamond (longest in the
            // middle), never a short line over a long one at the top.
            if !is_trapezoid_or_diamond(&ws) {
                return;
            }
            let penalty: u32 = breaks
                .iter()
                .map(|&k| {
                    let inside = names.iter().any(|r| r.start < k && k < r.end);
                    break_penalty(&codes[..k], codes[k]) + if inside { INSIDE_NAME } else { 0 }
                })
                .sum();
            let spread = (ws[0] - ws[ws.len() - 1]) / size;
            let score = penalty as f32 * 10.0 + spread;
            if best.as_ref().is_none_or(|(s, _)| score < *s) {
                best = Some((score, breaks.to_vec()));
            }
        });
        if let Some((_, breaks)) = best {
            return breaks;
        }
    }
    greedy(widths, measure)
}

fn is_trapezoid_or_diamond(ws: &[f32]) -> bool {
    let peak = ws.iter().enumerate().fold(
        0,
        |best, (i, w)| if *w > ws[best] + 0.01 { i } else { best },
    );
    let rising = ws[..=peak].windows(2).all(|w| w[1] >= w[0] - 0.01);
    let falling = ws[peak..].windows(2).all(|w| w[1] <= w[0] + 0.01);
    // Only a title of three lines or more has a middle to be widest.
    rising && falling && (peak == 0 || peak + 1 < ws.len())
}

fn search(
    candidates: &[usize],
    from: usize,
    left: usize,
    chosen: &mut Vec<usize>,
    visit: &mut dyn FnMut(&[usize]),
) {
    if left == 0 {
        visit(chosen);
        return;
    }
    for i in from..candidates.len() {
        chosen.push(candidates[i]);
        search(candidates, i + 1, left - 1, chosen, visit);
        chosen.pop();
    }
}

fn greedy(widths: &[f32], measure: f32) -> Vec<usize> {
    let mut out = Vec::new();
    let mut w = 0.0;
    for (i, x) in widths.iter().enumerate() {
        if w + x > measure + 0.01 && i > 0 {
            out.push(i);
            w = 0.0;
        }
        w += x;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_title_breaks_before_ji() {
        let t: Vec<char> = "楚雄州科学技术局2020年科技创新工作情况及2021年工作要点"
            .chars()
            .collect();
        let w: Vec<f32> = t
            .iter()
            .map(|c| if c.is_ascii_digit() { 11.0 } else { 22.0 })
            .collect();
        let b = choose_breaks(&t, &w, 442.0, 22.0, &[]);
        let first: String = t[..b[0]].iter().collect();
        assert_eq!(first, "楚雄州科学技术局2020年科技创新工作情况");
    }

    #[test]
    fn never_breaks_inside_the_issuer_name() {
        // 30 characters of 22 pt in a 442 pt measure: two lines, the
        // balanced break (15) would fall inside the name (10..18).
        let title = "甲乙丙丁戊己庚辛壬癸楚雄州科学技术局子丑寅卯辰巳午未申酉戌亥";
        let t: Vec<char> = title.chars().collect();
        let w = vec![22.0; t.len()];
        assert_eq!(choose_breaks(&t, &w, 442.0, 22.0, &[]), vec![15]);
        let names = name_spans(&t, "楚雄州科学技术局");
        assert_eq!(names, vec![10..18]);
        assert_eq!(choose_breaks(&t, &w, 442.0, 22.0, &names), vec![18]);
    }
}
