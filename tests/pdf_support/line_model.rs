//! The documents the line model is checked on (the sample, one county, the
//! showcase fixture, a draft) and measurements of their set lines: glyph by
//! glyph, as the PDF draws them.

use std::path::{Path, PathBuf};

use gongwen::layout::linebreak::{break_opportunities, is_no_end, is_no_start, may_hang};
use gongwen::layout::Layout;
use gongwen::model::Document;
use gongwen::pipeline::{Options, Pipeline};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn document(templates: Option<PathBuf>, data: &Path) -> Document {
    let pipeline = Pipeline::new(&Options {
        templates,
        ..Options::default()
    })
    .expect("pipeline");
    let data = pipeline.load(data).expect("data");
    pipeline.document(&data).expect("document")
}

/// One county's report (an overlay of the sample).
pub fn county_document() -> Document {
    document(None, &root().join("data/counties/dayao-2020.yaml"))
}

/// The showcase fixture through its own templates.
pub fn showcase_fixture_document() -> Document {
    let fixture = root().join("tests/fixtures/showcase");
    document(Some(fixture.join("templates")), &fixture.join("data.yaml"))
}

/// Next year's draft of the sample: every result still to be filled in.
pub fn draft_document() -> Document {
    let dir =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("line-model-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp dir");
    let out = dir.join("chuxiong-2021.yaml");
    let drafted =
        gongwen::draft::draft(&root().join("data/chuxiong-2020.yaml"), Some(&out)).expect("draft");
    std::fs::write(&drafted.path, drafted.text).expect("write draft");
    document(None, &drafted.path)
}

/// The four documents every line-model check runs on.
pub fn line_model_documents() -> Vec<(&'static str, Document)> {
    vec![
        ("sample", super::sample_document()),
        ("county", county_document()),
        ("showcase", showcase_fixture_document()),
        ("draft", draft_document()),
    ]
}

/// One drawn glyph.
#[derive(Debug, Clone)]
pub struct Glyph {
    pub c: char,
    pub x: f32,
    /// The face's advance at the run's size.
    pub natural: f32,
    pub size: f32,
}

impl Glyph {
    /// As wide as a Han character (the layout's own test).
    pub fn full_width(&self) -> bool {
        !self.c.is_ascii() && self.natural >= 0.75 * self.size
    }

    /// The room the glyph needs on a line whose characters sit `pitch`
    /// apart: a full cell, or its advance less the spacing every character
    /// gives up to make 28 fit (the DOCX's character spacing).
    pub fn room(&self, pitch: f32) -> f32 {
        let pitch = pitch.min(self.size);
        if self.full_width() {
            pitch
        } else {
            self.natural - (self.size - pitch)
        }
    }
}

/// The glyphs on one baseline of a page, left to right.
#[derive(Debug, Clone)]
pub struct GlyphLine {
    pub page: u32,
    pub baseline: f32,
    pub glyphs: Vec<Glyph>,
}

impl GlyphLine {
    pub fn text(&self) -> String {
        self.glyphs.iter().map(|g| g.c).collect()
    }

    pub fn left(&self) -> f32 {
        self.glyphs.first().map_or(0.0, |g| g.x)
    }

    pub fn size(&self) -> f32 {
        self.glyphs.iter().map(|g| g.size).fold(0.0, f32::max)
    }
}

/// The text block's left edge and width, and one cell: what a full-width
/// character advances where Word sets the DOCX (16 pt less the −0.25 pt
/// character spacing that fits 28 to the 156 mm line, 5.2.3).
pub fn block() -> (f32, f32, f32) {
    let w = gongwen::style::mm(156.0);
    let cell = gongwen::style::Style::default().word_advance_pt();
    (gongwen::style::mm(28.0), w, cell)
}

/// Every line of glyphs inside the text block (page numbers left out).
pub fn glyph_lines(layout: &Layout) -> Vec<GlyphLine> {
    let mut out: Vec<GlyphLine> = Vec::new();
    for page in &layout.pages {
        let first = out.len();
        for run in page
            .runs
            .iter()
            .filter(|r| r.baseline < super::block_bottom_pt())
        {
            let glyphs = run.glyphs.iter().map(|g| Glyph {
                c: run.text[g.text.clone()].chars().next().unwrap_or(' '),
                x: g.x,
                natural: g.width,
                size: run.size,
            });
            match out[first..]
                .iter_mut()
                .find(|l| (l.baseline - run.baseline).abs() < 0.5)
            {
                Some(l) => l.glyphs.extend(glyphs),
                None => out.push(GlyphLine {
                    page: page.number,
                    baseline: run.baseline,
                    glyphs: glyphs.collect(),
                }),
            }
        }
        out[first..].sort_by(|a, b| a.baseline.total_cmp(&b.baseline));
    }
    for l in &mut out {
        l.glyphs.sort_by(|a, b| a.x.total_cmp(&b.x));
    }
    out
}

/// Full-width characters set narrower than a full cell: the next glyph on
/// the line starts before the cell ends. (A line's last glyph has no
/// neighbour to crowd it, so a hanging mark is never counted.)
pub fn squeezed(lines: &[GlyphLine]) -> Vec<String> {
    let (_, _, cell) = block();
    let mut out = Vec::new();
    for l in lines {
        for w in l.glyphs.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            if a.full_width() && b.x - a.x < cell.min(a.size) - 0.01 {
                out.push(format!("p{} “{}” in {}", l.page, a.c, l.text()));
            }
        }
    }
    out
}

/// Neighbours drawn into each other's room.
pub fn overlapping(lines: &[GlyphLine]) -> Vec<String> {
    let (_, _, cell) = block();
    let mut out = Vec::new();
    for l in lines {
        for w in l.glyphs.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            if b.x < a.x + a.room(cell) - 0.01 {
                out.push(format!("p{} “{}{}” in {}", l.page, a.c, b.c, l.text()));
            }
        }
    }
    out
}

/// Lines spread wider than `limit` cells between some two neighbours (the
/// slack a justified line shares out), with the widest gap.
pub fn letter_spaced(lines: &[GlyphLine], limit: f32) -> Vec<String> {
    let (_, _, cell) = block();
    let mut out = Vec::new();
    for l in body_text_lines(lines) {
        let widest = l
            .glyphs
            .windows(2)
            .map(|w| w[1].x - w[0].x - w[0].room(cell))
            .fold(0.0f32, f32::max);
        if widest > limit * cell {
            out.push(format!(
                "p{} {:.2} cells: {}",
                l.page,
                widest / cell,
                l.text()
            ));
        }
    }
    out
}

/// Body text lines: set at 3号 and starting at the block's left edge or
/// two cells in (the title, tables and the signature start elsewhere).
pub fn body_text_lines(lines: &[GlyphLine]) -> Vec<GlyphLine> {
    let (left, _, cell) = block();
    lines
        .iter()
        .filter(|l| (l.size() - 16.0).abs() < 0.01)
        .filter(|l| {
            let x = l.left();
            // A first line starts two 16 pt characters in (`w:firstLineChars`).
            (x - left).abs() < 0.05 || (x - left - 2.0 * 16.0).abs() < 0.05
        })
        .cloned()
        .collect()
}

/// What one full line of body text holds.
#[derive(Debug, Default)]
pub struct LineCount {
    /// Full lines of plain Chinese (no digits or Latin).
    pub plain_full: usize,
    /// Of those, how many hold 28 cells inside the measure.
    pub with_28: usize,
    /// Lines ending with a closing mark hung past the edge.
    pub hanging: usize,
    /// Lines that hold fewer than 28 cells, with why.
    pub pushed_out: Vec<String>,
    /// Lines that break the rules, with what is wrong.
    pub wrong: Vec<String>,
}

/// Counts and checks the full lines of body text (a line followed by a
/// continuation line of its paragraph): the cells each holds, hanging marks
/// and line-start/line-end prohibitions.
pub fn count_lines(lines: &[GlyphLine]) -> LineCount {
    let (left, width, cell) = block();
    let edge = left + width;
    let body = body_text_lines(lines);
    let mut count = LineCount::default();
    for (i, l) in body.iter().enumerate() {
        let text = l.text();
        let first = l.glyphs[0].c;
        let last = l.glyphs[l.glyphs.len() - 1].c;
        let continuation = (l.left() - left).abs() < 0.05;
        if continuation && is_no_start(first) {
            count
                .wrong
                .push(format!("p{} starts with “{first}”: {text}", l.page));
        }
        if is_no_end(last) {
            count
                .wrong
                .push(format!("p{} ends with “{last}”: {text}", l.page));
        }
        // Past the edge only a hanging closing mark, the line's last glyph,
        // starting where the measure ends.
        let past: Vec<&Glyph> = l.glyphs.iter().filter(|g| g.x >= edge - 0.05).collect();
        let hangs = match past.as_slice() {
            [] => false,
            [g] if may_hang(g.c) && std::ptr::eq(*g, &l.glyphs[l.glyphs.len() - 1]) => {
                if (g.x - edge).abs() > 0.05 {
                    count.wrong.push(format!(
                        "p{} hangs “{}” at {:.2}, not at the edge: {text}",
                        l.page,
                        g.c,
                        g.x - edge
                    ));
                }
                true
            }
            _ => {
                count
                    .wrong
                    .push(format!("p{} sets glyphs past the edge: {text}", l.page));
                false
            }
        };
        let Some(next) = body.get(i + 1) else {
            continue;
        };
        let continued = (next.left() - left).abs() < 0.05;
        if !continued {
            continue;
        }
        count.hanging += hangs as usize;
        let inside = l.glyphs.len() - hangs as usize;
        let right = if hangs {
            edge
        } else {
            let g = &l.glyphs[l.glyphs.len() - 1];
            g.x + g.room(cell)
        };
        if (right - edge).abs() > 0.05 {
            count.wrong.push(format!(
                "p{} full line ends {:.2} pt from the edge: {text}",
                l.page,
                right - edge
            ));
        }
        if text.chars().any(|c| c.is_ascii()) {
            continue;
        }
        count.plain_full += 1;
        let indent = if continuation { 0 } else { 2 };
        let cells = inside + indent;
        if cells == 28 {
            count.with_28 += 1;
            continue;
        }
        // Fewer only when what the next line starts with could not be split
        // (a mark with its neighbour, a whole number) and did not fit.
        let n: Vec<char> = next.text().chars().collect();
        let first_break = break_opportunities(&n).iter().position(|b| *b);
        let reason = first_break.is_some_and(|k| k > 0);
        if cells < 28 && reason {
            count.pushed_out.push(format!(
                "p{} {cells} cells: {text} | {}",
                l.page,
                next.text()
            ));
        } else {
            count.wrong.push(format!(
                "p{} holds {cells} cells: {text} | {}",
                l.page,
                next.text()
            ));
        }
    }
    count
}
