//! One page's `Content.xml`: the layout's highlight bands, rules and glyph
//! runs, in that order (as the PDF draws them, so no band covers text), at
//! the layout's positions converted to millimetres.
//!
//! Every object's inner coordinates start at its `Boundary`'s top-left
//! corner (GB/T 33190-2016, 8.1); y runs downwards, as in the layout.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::fonts::FontId;
use crate::layout::{Color, GlyphRun, Page, Rule};

use super::xml::{escape, mm, num, DECLARATION, NS};
use super::Ids;

// The PDF writer's fake-bold stroke, band height and band colour, so both
// copies look alike.
use crate::pdf::{FAKE_BOLD_PER_PT, HIGHLIGHT_ASCENT, HIGHLIGHT_RGB};

/// How far a text object's boundary reaches below the baseline, in sizes:
/// past the deepest descender of the faces used (Fandol: 0.12 em), so a
/// reader that clips to the boundary cuts nothing.
const BOUNDARY_DESCENT: f32 = 0.3;

/// How far a text object's boundary reaches past its first and last glyph's
/// advance, in sizes: ink that overhangs its advance (a fake-bold stroke,
/// a Latin letter's overhang) stays inside.
const BOUNDARY_SIDE: f32 = 0.1;

/// The page's content part.
pub fn content(page: &Page, font_ids: &BTreeMap<FontId, u32>, ids: &mut Ids) -> String {
    let mut out = String::with_capacity(256 * page.runs.len() + 512);
    out.push_str(DECLARATION);
    let _ = write!(
        out,
        "<ofd:Page xmlns:ofd=\"{NS}\"><ofd:Content><ofd:Layer ID=\"{}\">",
        ids.next()
    );
    for run in page.runs.iter().filter(|r| r.highlight) {
        highlight(&mut out, run, ids);
    }
    for rule in &page.rules {
        rule_path(&mut out, rule, ids);
    }
    for run in &page.runs {
        if let Some(font) = font_ids.get(&run.font) {
            text(&mut out, run, *font, ids);
        }
    }
    out.push_str("</ofd:Layer></ofd:Content></ofd:Page>\n");
    out
}

/// A filled rectangle behind a run, the height of its em box.
fn highlight(out: &mut String, run: &GlyphRun, ids: &mut Ids) {
    let (Some(first), Some(last)) = (run.glyphs.first(), run.glyphs.last()) else {
        return;
    };
    let left = mm(first.x);
    let top = mm(run.baseline - HIGHLIGHT_ASCENT * run.size);
    let (w, h) = (num(mm(last.x + last.width) - left), num(mm(run.size)));
    let _ = write!(
        out,
        "<ofd:PathObject ID=\"{}\" Boundary=\"{} {} {w} {h}\" Stroke=\"false\" Fill=\"true\">\
         <ofd:FillColor Value=\"{} {} {}\"/>\
         <ofd:AbbreviatedData>M 0 0 L {w} 0 L {w} {h} L 0 {h} C</ofd:AbbreviatedData></ofd:PathObject>",
        ids.next(),
        num(left),
        num(top),
        HIGHLIGHT_RGB[0],
        HIGHLIGHT_RGB[1],
        HIGHLIGHT_RGB[2],
    );
}

/// A straight stroked line; its boundary takes in half the width on every side.
fn rule_path(out: &mut String, rule: &Rule, ids: &mut Ids) {
    let half = rule.width / 2.0;
    let left = rule.x0.min(rule.x1) - half;
    let top = rule.y0.min(rule.y1) - half;
    let width = (rule.x1 - rule.x0).abs() + rule.width;
    let height = (rule.y1 - rule.y0).abs() + rule.width;
    let at = |x: f32, y: f32| format!("{} {}", num(mm(x - left)), num(mm(y - top)));
    let _ = write!(
        out,
        "<ofd:PathObject ID=\"{}\" Boundary=\"{} {} {} {}\" LineWidth=\"{}\">\
         <ofd:StrokeColor Value=\"{}\"/>\
         <ofd:AbbreviatedData>M {} L {}</ofd:AbbreviatedData></ofd:PathObject>",
        ids.next(),
        num(mm(left)),
        num(mm(top)),
        num(mm(width)),
        num(mm(height)),
        num(mm(rule.width)),
        rgb(rule.color),
        at(rule.x0, rule.y0),
        at(rule.x1, rule.y1),
    );
}

/// A run as one text object: its characters in one `TextCode`, leading and
/// trailing spaces left out (the first glyph's X says where the text starts),
/// the distance from each glyph to the next in `DeltaX`.
fn text(out: &mut String, run: &GlyphRun, font: u32, ids: &mut Ids) {
    let blank = |g: &&crate::layout::PlacedGlyph| {
        run.text
            .get(g.text.clone())
            .is_none_or(|t| t.chars().all(char::is_whitespace))
    };
    let start = run.glyphs.iter().position(|g| !blank(&g));
    let end = run.glyphs.iter().rposition(|g| !blank(&g));
    let (Some(start), Some(end)) = (start, end) else {
        return;
    };
    let glyphs = &run.glyphs[start..=end];
    let first = &glyphs[0];
    let last = &glyphs[glyphs.len() - 1];
    let chars: String = glyphs
        .iter()
        .filter_map(|g| run.text.get(g.text.clone()))
        .collect();
    // A squeezed run (a 标志 wider than the block, 7.2.4) is drawn through a
    // horizontal scale (its CTM); inside it, the advances are the unsqueezed ones.
    let scale = if run.scale_x > 0.0 { run.scale_x } else { 1.0 };
    let deltas: Vec<String> = glyphs
        .windows(2)
        .map(|pair| num(mm(pair[1].x - pair[0].x) / scale))
        .collect();
    let side = mm(BOUNDARY_SIDE * run.size);
    let left = mm(first.x) - side;
    let top = mm(run.baseline - run.size);
    let width = mm(last.x + last.width) - left + side;
    let height = mm(run.size * (1.0 + BOUNDARY_DESCENT));
    let size = num(mm(run.size));
    let _ = write!(
        out,
        "<ofd:TextObject ID=\"{}\" Boundary=\"{} {} {} {}\" Font=\"{font}\" Size=\"{size}\"",
        ids.next(),
        num(left),
        num(top),
        num(width),
        num(height),
    );
    if scale != 1.0 {
        // Six decimals: a scale is multiplied by the whole line's width, and
        // three would misplace its last glyph by a tenth of a millimetre.
        let precise = format!("{scale:.6}");
        let precise = precise.trim_end_matches('0');
        let _ = write!(out, " CTM=\"{precise} 0 0 1 0 0\"");
    }
    if run.bold {
        let _ = write!(
            out,
            " Stroke=\"true\" LineWidth=\"{}\"",
            num(mm(FAKE_BOLD_PER_PT * run.size))
        );
    }
    let color = rgb(run.color);
    let _ = write!(out, "><ofd:FillColor Value=\"{color}\"/>");
    if run.bold {
        let _ = write!(out, "<ofd:StrokeColor Value=\"{color}\"/>");
    }
    let _ = write!(
        out,
        "<ofd:TextCode X=\"{}\" Y=\"{size}\"",
        num(side / scale)
    );
    if !deltas.is_empty() {
        let _ = write!(out, " DeltaX=\"{}\"", delta_array(&deltas));
    }
    let _ = write!(out, ">{}</ofd:TextCode></ofd:TextObject>", escape(&chars));
}

/// An OFD colour value, "R G B".
fn rgb(color: Color) -> String {
    let [r, g, b] = color.0;
    format!("{r} {g} {b}")
}

/// The advances, a repeated value written once as `g COUNT VALUE`
/// (GB/T 33190-2016, 11.3, table 48): a line of CJK text on the grid
/// is a handful of numbers, not one per character.
fn delta_array(deltas: &[String]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < deltas.len() {
        let mut j = i + 1;
        while j < deltas.len() && deltas[j] == deltas[i] {
            j += 1;
        }
        if j - i >= 2 {
            parts.push(format!("g {} {}", j - i, deltas[i]));
        } else {
            parts.push(deltas[i].clone());
        }
        i = j;
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_advances_are_written_once() {
        let d: Vec<String> = ["5.6", "5.6", "5.6", "2.8", "5.6"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(delta_array(&d), "g 3 5.6 2.8 5.6");
    }
}
