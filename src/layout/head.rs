//! The head (版头) of the printed 公文, GB/T 9704-2012 7.2: 份号, 密级和保密期限,
//! 紧急程度, 发文机关标志, 发文字号, 签发人 and the red rule; the same head for a
//! 纪要 (10.3), and the order format's (10.2). The head is one item of whole
//! grid lines, so the title that follows sits on the grid; inside it each
//! element stands where its clause puts it, in millimetres, off the grid.
//! The letter format's head (10.1) is in `letter.rs`.

use super::blocks::natural_line;
use super::page::{ascent, line_runs, Item, ItemKind};
use super::paragraph::SetLine;
use super::shaping::{Origin, ShapedChar, Shaper, Span};
use super::{letter, Color, GlyphRun, Grid, Rule};
use crate::error::{Error, Result};
use crate::model::{Document, Format, Head, PLACEHOLDER_CLOSE, PLACEHOLDER_OPEN};
use crate::style::{mm, FontRole, Style};

/// 7.2.4: the 标志's top edge 35 mm below the text block's top.
pub(crate) const ORGAN_TOP_MM: f32 = 35.0;

/// 10.2: an order's 标志 20 mm below the text block's top.
pub(crate) const ORDER_ORGAN_TOP_MM: f32 = 20.0;

/// 10.2 leaves the 标志's size open; ours: the size a one-organ 标志 has in
/// the 文件 format (about 47 pt), so the two heads look alike.
const ORDER_ORGANS_LIKE: u32 = 1;

/// 7.2.7: the red rule 4 mm below the 发文字号.
pub(crate) const RULE_GAP_MM: f32 = 4.0;

/// 7.2.7 leaves the rule's thickness open; 0.35 mm, as the 版记's heavy rules (7.4.1).
const RULE_MM: f32 = 0.35;

/// 7.2.5, 7.2.6 "空二行", 7.3.1 "红色分隔线下空二行", 10.2: two lines (2 P)
/// between the 标志 and the 文号, and between the rule and the title.
pub(crate) const TWO_LINES: f32 = 2.0;

/// The grid line of the title under a one-organ head without 签发人: the
/// 标志 then fills 35 mm … (8 P − 4 mm − 3号 − 2 P), about 47 pt. Each further
/// organ (7.2.4, stacked) and each further 签发人 line (7.2.6) adds a line.
const TITLE_LINE_BASE: u32 = 9;

/// 签发人 names a line (7.2.6: several names go two to a line, in the
/// organs' order, left to right and top to bottom).
const SIGNERS_A_LINE: usize = 2;

/// The head of the printed form, or `None` when the document has none.
pub(crate) fn head_item(
    doc: &Document,
    style: &Style,
    grid: &Grid,
    shaper: &mut Shaper<'_>,
) -> Result<Option<Item>> {
    let head = &doc.meta.head;
    let item = match doc.meta.format {
        // A letter always shows its red double rules (10.1).
        Format::Letter => letter::letter_item(head, style, grid, shaper).map(Some),
        _ if head.is_empty() => Ok(None),
        Format::Order => {
            let mut item = order_item(head, style, grid, shaper)?;
            // An order often has no title: the text then starts two lines
            // under the number (10.2), and the blank line that follows the
            // (empty) title is the second of them.
            if doc.meta.title.is_empty() {
                item.lines -= 1;
            }
            Ok(Some(item))
        }
        Format::Document | Format::Minutes => document_item(head, style, grid, shaper).map(Some),
    }?;
    // 7.3.3: page 1 shows the title and some text under the head.
    if let Some(item) = &item {
        if item.lines + 2 > grid.lines {
            return Err(Error::new(format!(
                "the head takes {} of the page's {} lines: {} organs and {} 签发人 leave no room for the title and text",
                item.lines,
                grid.lines,
                head.organs.len(),
                head.signers.len()
            ))
            .hint("list fewer organs in `organ` or fewer names in `signers`"));
        }
    }
    Ok(item)
}

/// 文件格式 (7.2) and 纪要格式 (10.3).
fn document_item(head: &Head, style: &Style, grid: &Grid, shaper: &mut Shaper<'_>) -> Result<Item> {
    let p = grid.pitch;
    let size = style.body_size_pt;
    let k = head.organs.len().max(1) as u32;
    let s = signer_lines(head.signers.len()).max(1) as u32;
    let (title_line, number_top) = document_lines(k, s, style, grid);
    let rule_y = (title_line as f32 - TWO_LINES) * p;
    let first_line_top = number_top - (s - 1) as f32 * p;

    let mut runs = marks_runs(head, style, grid, shaper, |i| i as f32 * p)?;
    // 7.2.4: from 35 mm under the block's top to two lines above the 文号 (or
    // the first 签发人 line).
    let organ_top = mm(ORGAN_TOP_MM);
    let organ_bottom = first_line_top - TWO_LINES * p;
    runs.extend(organ_runs(
        head,
        organ_top,
        organ_bottom - organ_top,
        grid.left,
        grid.width,
        shaper,
    )?);
    if head.is_upward() {
        runs.extend(signer_runs(&head.signers, number_top, style, grid, shaper)?);
    }
    if let Some(number) = &head.number {
        let line = Shaped::new(shaper, number, FontRole::Body, size, grid.cell, "发文字号")?;
        // 7.2.5: centred; an upward document's one character in from the left.
        let x = if head.is_upward() {
            grid.cell
        } else {
            (grid.width - line.width()) / 2.0
        };
        runs.extend(line.runs(shaper, grid.left + x, number_top));
    }
    let rule = Rule {
        x0: grid.left,
        y0: rule_y,
        x1: grid.left + grid.width,
        y1: rule_y,
        width: mm(RULE_MM),
        color: Color::RED,
    };
    Ok(head_lines(title_line, runs, vec![rule]))
}

/// 命令(令)格式 (10.2): the 标志 20 mm under the block's top, the order number
/// two lines under it, centred, and the text on the first grid line two
/// lines under the number's line; no rule.
fn order_item(head: &Head, style: &Style, grid: &Grid, shaper: &mut Shaper<'_>) -> Result<Item> {
    let p = grid.pitch;
    let mut runs = marks_runs(head, style, grid, shaper, |i| i as f32 * p)?;
    // One line: an order's organs run together (10.2 "发文机关全称加命令或令").
    let one_line = Head {
        organs: (!head.organs.is_empty())
            .then(|| head.organs.concat())
            .into_iter()
            .collect(),
        ..head.clone()
    };
    let organ_top = mm(ORDER_ORGAN_TOP_MM);
    let organ_height = document_organ_height(ORDER_ORGANS_LIKE, style, grid);
    runs.extend(organ_runs(
        &one_line,
        organ_top,
        organ_height,
        grid.left,
        grid.width,
        shaper,
    )?);
    let number_top = organ_top + organ_height + TWO_LINES * p;
    if let Some(number) = &head.number {
        let size = style.body_size_pt;
        let line = Shaped::new(shaper, number, FontRole::Body, size, grid.cell, "令号")?;
        runs.extend(line.runs(
            shaper,
            grid.left + (grid.width - line.width()) / 2.0,
            number_top,
        ));
    }
    // The number's line, then two blank lines.
    let title_line = ((number_top + (1.0 + TWO_LINES) * p) / p - 0.01).ceil() as u32;
    Ok(head_lines(title_line, runs, Vec::new()))
}

/// The 标志's height in the 文件 format with `organs` organs and no 签发人.
fn document_organ_height(organs: u32, style: &Style, grid: &Grid) -> f32 {
    let (_, number_top) = document_lines(organs, 1, style, grid);
    number_top - TWO_LINES * grid.pitch - mm(ORGAN_TOP_MM)
}

/// The title's grid line and the 文号's top in the 文件 format (7.2) with
/// `organs` organs and `signer_lines` 签发人 lines (at least one each).
fn document_lines(organs: u32, signer_lines: u32, style: &Style, grid: &Grid) -> (u32, f32) {
    let title_line = TITLE_LINE_BASE + organs + (signer_lines - 1);
    // 7.3.1: the title two lines under the rule; 7.2.7: the rule 4 mm under
    // the 文号's em box.
    let rule_y = (title_line as f32 - TWO_LINES) * grid.pitch;
    (title_line, rule_y - mm(RULE_GAP_MM) - style.body_size_pt)
}

/// The head as an item of `lines` grid lines, drawn from the block's top.
pub(crate) fn head_lines(lines: u32, runs: Vec<GlyphRun>, rules: Vec<Rule>) -> Item {
    Item {
        lines,
        runs,
        rules,
        anchors: Vec::new(),
        // The head never stands on a page without the title.
        keep_with_next: true,
        kind: ItemKind::Head,
        repeat: None,
    }
}

/// Where the lines of a page start and how their contents scale. A page
/// tightened for the signature (7.3.5.5) closes up its lines; a head on it
/// and the title under it keep their clauses' positions (7.2, 7.3.1), and
/// the lines under them close up in the room they leave.
pub(crate) struct LineTops {
    top: f32,
    grid_pitch: f32,
    /// Lines of the head and the title, at the grid's pitch.
    fixed: u32,
    /// The pitch of the lines under it.
    pitch: f32,
}

impl LineTops {
    pub(crate) fn new(items: &[(u32, Item)], grid: &Grid, pitch: f32) -> LineTops {
        let fixed = match items.first() {
            // The head, and the title's lines up to the blank line under it.
            Some((0, item)) if item.kind == ItemKind::Head => items
                .iter()
                .skip(1)
                .take_while(|(_, it)| it.kind != ItemKind::Blank)
                .fold(item.lines, |n, (_, it)| n + it.lines),
            _ => 0,
        };
        let rest = (grid.height / pitch).round() - fixed as f32;
        let tightened = (pitch - grid.pitch).abs() > 1e-3;
        let (fixed, below) = if fixed > 0 && tightened && rest >= 1.0 {
            // The page's lines in all, less the head's, in the room under it.
            (fixed, (grid.height - fixed as f32 * grid.pitch) / rest)
        } else {
            (0, pitch)
        };
        LineTops {
            top: grid.top,
            grid_pitch: grid.pitch,
            fixed,
            pitch: below,
        }
    }

    /// The top of line `offset` and the scale of what it holds.
    pub(crate) fn at(&self, offset: u32) -> (f32, f32) {
        if offset < self.fixed {
            return (self.top + offset as f32 * self.grid_pitch, 1.0);
        }
        let head = self.fixed as f32 * self.grid_pitch;
        let below = (offset - self.fixed) as f32 * self.pitch;
        (self.top + head + below, self.pitch / self.grid_pitch)
    }
}

/// How many lines the 签发人 take (7.2.6: two names a line).
fn signer_lines(count: usize) -> usize {
    count.div_ceil(SIGNERS_A_LINE)
}

/// 份号 (7.2.1, 3号 Arabic digits), 密级和保密期限 (7.2.2, 3号黑体) and 紧急程度
/// (7.2.3, 3号黑体), flush left, one a line in that order, only those given;
/// `top(i)` is the top of the `i`-th of them.
pub(crate) fn marks_runs(
    head: &Head,
    style: &Style,
    grid: &Grid,
    shaper: &mut Shaper<'_>,
    top: impl Fn(usize) -> f32,
) -> Result<Vec<GlyphRun>> {
    let marks = [
        (&head.copy, FontRole::Body, "份号"),
        (&head.secrecy, FontRole::Heading1, "密级"),
        (&head.urgency, FontRole::Heading1, "紧急程度"),
    ];
    let mut runs = Vec::new();
    for (i, (text, role, what)) in marks
        .into_iter()
        .filter_map(|(t, r, w)| t.as_ref().map(|t| (t, r, w)))
        .enumerate()
    {
        let line = Shaped::new(shaper, text, role, style.body_size_pt, grid.cell, what)?;
        runs.extend(line.runs(shaper, grid.left, top(i)));
    }
    Ok(runs)
}

/// 7.2.6: "签发人：" in 3号仿宋 and the names in 3号楷体, two a line, the
/// names of later lines under the first name, the whole one character in
/// from the right; the last line's top at `last_top`, each earlier line one
/// line above.
fn signer_runs(
    signers: &[String],
    last_top: f32,
    style: &Style,
    grid: &Grid,
    shaper: &mut Shaper<'_>,
) -> Result<Vec<GlyphRun>> {
    let size = style.body_size_pt;
    let label = Shaped::new(
        shaper,
        "签发人：",
        FontRole::Body,
        size,
        grid.cell,
        "签发人",
    )?;
    let mut names = Vec::new();
    for name in signers {
        names.push(Shaped::new(
            shaper,
            name,
            FontRole::Heading2,
            size,
            grid.cell,
            "签发人",
        )?);
    }
    // The names in columns as wide as the widest, one character apart.
    let column = names.iter().map(Shaped::width).fold(0.0, f32::max);
    let columns = signers.len().min(SIGNERS_A_LINE) as f32;
    let names_width = columns * column + (columns - 1.0).max(0.0) * grid.cell;
    let right = grid.left + grid.width - grid.cell;
    let names_x = right - names_width;
    let lines = signer_lines(signers.len());
    let mut runs = label.runs(
        shaper,
        names_x - label.width(),
        last_top - (lines - 1) as f32 * grid.pitch,
    );
    for (i, name) in names.iter().enumerate() {
        let (line, col) = (i / SIGNERS_A_LINE, i % SIGNERS_A_LINE);
        let top = last_top - (lines - 1 - line) as f32 * grid.pitch;
        runs.extend(name.runs(shaper, names_x + col as f32 * (column + grid.cell), top));
    }
    Ok(runs)
}

/// The 发文机关标志 (7.2.4), red 小标宋, from `top` down `height`: one line
/// per organ, the size their share of the height. One organ: its name and
/// suffix ("文件") centred. Several: the names stacked, each centred on the
/// width the suffix leaves, the suffix right of them, centred on the stack.
/// Wider than the measure, it is squeezed to it, every line alike.
pub(crate) fn organ_runs(
    head: &Head,
    top: f32,
    height: f32,
    left: f32,
    width: f32,
    shaper: &mut Shaper<'_>,
) -> Result<Vec<GlyphRun>> {
    let organs = &head.organs;
    if organs.is_empty() || height <= 0.0 {
        return Ok(Vec::new());
    }
    let size = height / organs.len() as f32;
    let suffix = head.suffix.as_deref().unwrap_or("");
    let what = "发文机关标志";
    let mut runs = Vec::new();
    if organs.len() == 1 {
        let text = format!("{}{suffix}", organs[0]);
        let line = Shaped::new(shaper, &text, FontRole::Title, size, size, what)?;
        let scale = (width / line.width()).min(1.0);
        let x = left + (width - line.width() * scale) / 2.0;
        runs.extend(squeeze(line.runs(shaper, x, top), x, scale));
        return Ok(runs);
    }
    let names = organs
        .iter()
        .map(|o| Shaped::new(shaper, o, FontRole::Title, size, size, what))
        .collect::<Result<Vec<_>>>()?;
    let suffix = Shaped::new(shaper, suffix, FontRole::Title, size, size, what)?;
    let widest = names.iter().map(Shaped::width).fold(0.0, f32::max);
    let scale = (width / (widest + suffix.width())).min(1.0);
    let names_width = width - suffix.width() * scale;
    for (i, name) in names.iter().enumerate() {
        let x = left + (names_width - name.width() * scale) / 2.0;
        runs.extend(squeeze(
            name.runs(shaper, x, top + i as f32 * size),
            x,
            scale,
        ));
    }
    let x = left + names_width;
    let suffix_top = top + (height - size) / 2.0;
    runs.extend(squeeze(suffix.runs(shaper, x, suffix_top), x, scale));
    Ok(runs)
}

/// Red, and squeezed horizontally about `x` by `scale` (1: as designed).
fn squeeze(mut runs: Vec<GlyphRun>, x: f32, scale: f32) -> Vec<GlyphRun> {
    for run in &mut runs {
        run.color = Color::RED;
        if scale < 1.0 {
            run.scale_x = scale;
            for g in &mut run.glyphs {
                g.x = x + (g.x - x) * scale;
                g.width *= scale;
            }
        }
    }
    runs
}

/// One line of text, shaped and set at its natural width (no justification).
pub(crate) struct Shaped {
    chars: Vec<ShapedChar>,
    line: SetLine,
}

impl Shaped {
    /// `cell` is the width a full-width character takes: the grid's
    /// character pitch for 3号 text (5.2.3), the size for the 标志.
    pub(crate) fn new(
        shaper: &mut Shaper<'_>,
        text: &str,
        role: FontRole,
        size: f32,
        cell: f32,
        what: &str,
    ) -> Result<Shaped> {
        let chars = shaper.shape(&spans(text, role), size, Origin { line: 0, what })?;
        let line = natural_line(&chars, cell);
        Ok(Shaped { chars, line })
    }

    pub(crate) fn width(&self) -> f32 {
        self.line.right
    }

    /// The runs with the line's left edge at `x` and its em box's top at `top`.
    pub(crate) fn runs(&self, shaper: &Shaper<'_>, x: f32, top: f32) -> Vec<GlyphRun> {
        if self.chars.is_empty() {
            return Vec::new();
        }
        let baseline = top + ascent(shaper, &self.chars);
        line_runs(&self.chars, &self.line, x, baseline)
    }
}

/// The text as spans, a value still to be filled in (【待填:…】, as a
/// template renders a null) marked for the highlight band the body's have.
fn spans(text: &str, role: FontRole) -> Vec<Span> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(PLACEHOLDER_OPEN) {
        let Some(len) = rest[start..].find(PLACEHOLDER_CLOSE) else {
            break;
        };
        let end = start + len + PLACEHOLDER_CLOSE.len();
        if start > 0 {
            out.push(Span::new(&rest[..start], role));
        }
        out.push(Span::new(&rest[start..end], role).highlight(true));
        rest = &rest[end..];
    }
    if !rest.is_empty() {
        out.push(Span::new(rest, role));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_placeholder_in_the_head_is_highlighted() {
        let s = spans("楚科发〔2021〕【待填:serial】号", FontRole::Body);
        let marked: Vec<(&str, bool)> = s.iter().map(|s| (s.text.as_str(), s.highlight)).collect();
        assert_eq!(
            marked,
            [
                ("楚科发〔2021〕", false),
                ("【待填:serial】", true),
                ("号", false)
            ]
        );
    }
}
