//! The WordprocessingML pieces the head is made of, written directly (docx-rs
//! has no frames, character scale or per-side borders): runs in a font role,
//! size and colour; paragraphs off the grid with an exact line height.
//!
//! Where the text sits in a line of exact height H: LibreOffice puts the
//! baseline 0.8 H below the line's top; Word centres the font's ascent and
//! descent in the line, which for the official CJK faces (ascent + descent
//! about 1 em, the ascent about 0.86 em) lands within 0.03 em of the same
//! place at H = 1.1 em. A line of exact height 1.1 × size therefore puts
//! the em box of a CJK face (ascender 0.88 em, as the PDF sets it) at the
//! line's top, and a paragraph's space before places that top where the
//! head's geometry wants it. Measured in LibreOffice: within 0.25 mm.

use super::units::{half_points, twips};
use super::xml::Element;
use crate::model::{PLACEHOLDER_CLOSE, PLACEHOLDER_OPEN};
use crate::style::{FontRole, LATIN_FAMILY};

/// Red for the 标志 and the head's rules: RGB(255, 0, 0) [7.2.4, 7.2.7].
pub(crate) const RED: &str = "FF0000";

/// The exact line height that puts the em box's top at the line's top.
pub(crate) fn line_for(size_pt: f32) -> f32 {
    size_pt * 1.1
}

fn val(name: &str, v: &str) -> Element {
    Element::new(name).attr("w:val", v)
}

/// How a run is set.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Face {
    pub role: FontRole,
    pub size_pt: f32,
    pub red: bool,
    /// Horizontal scale in percent (`w:w`), 100 for none.
    pub scale: u32,
    /// A value still to be filled in: highlighted, as in the body.
    pub marked: bool,
}

impl Face {
    pub fn new(role: FontRole, size_pt: f32) -> Self {
        Face {
            role,
            size_pt,
            red: false,
            scale: 100,
            marked: false,
        }
    }

    pub fn red(mut self) -> Self {
        self.red = true;
        self
    }

    pub fn scaled(mut self, percent: u32) -> Self {
        self.scale = percent.clamp(1, 600);
        self
    }

    fn rpr(&self) -> Element {
        let sz = half_points(self.size_pt).to_string();
        let mut rpr = Element::new("w:rPr").child(
            Element::new("w:rFonts")
                .attr("w:ascii", LATIN_FAMILY)
                .attr("w:hAnsi", LATIN_FAMILY)
                .attr("w:eastAsia", self.role.docx_family())
                .attr("w:cs", LATIN_FAMILY)
                .attr("w:hint", "eastAsia"),
        );
        if self.red {
            rpr = rpr.child(val("w:color", RED));
        }
        // Natural spacing: the body's −0.25 pt fits 28 characters to the grid,
        // the head is not on the character grid.
        rpr = rpr.child(val("w:spacing", "0"));
        if self.scale != 100 {
            rpr = rpr.child(val("w:w", &self.scale.to_string()));
        }
        rpr = rpr.child(val("w:sz", &sz)).child(val("w:szCs", &sz));
        if self.marked {
            rpr = rpr.child(val("w:highlight", "yellow"));
        }
        rpr
    }
}

/// A run of `text` in `face`.
fn one_run(text: &str, face: Face) -> Element {
    Element::new("w:r")
        .child(face.rpr())
        .child(Element::new("w:t").attr("xml:space", "preserve").text(text))
}

/// The runs of `text` in `face`; a placeholder in it (a value still to be
/// filled in, 【待填:…】) highlighted, as in the body, so no missing value
/// goes to print unnoticed.
pub(crate) fn run(text: &str, face: Face) -> Vec<Element> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(PLACEHOLDER_OPEN) {
        let end = rest[start..]
            .find(PLACEHOLDER_CLOSE)
            .map_or(rest.len(), |e| start + e + PLACEHOLDER_CLOSE.len());
        if start > 0 {
            out.push(one_run(&rest[..start], face));
        }
        let mut marked = face;
        marked.marked = true;
        out.push(one_run(&rest[start..end], marked));
        rest = &rest[end..];
    }
    if !rest.is_empty() || out.is_empty() {
        out.push(one_run(rest, face));
    }
    out
}

/// A tab character in `face` (so the tab's line keeps the face's height).
pub(crate) fn tab(face: Face) -> Element {
    Element::new("w:r")
        .child(face.rpr())
        .child(Element::new("w:tab"))
}

/// Paragraph alignment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Jc {
    Left,
    Center,
    Right,
}

/// A paragraph off the grid: `before` points of space, then lines of
/// exactly `line` points.
#[derive(Debug, Clone)]
pub(crate) struct Para {
    pub before: f32,
    pub line: f32,
    pub jc: Jc,
    pub left: f32,
    pub right: f32,
    /// Tab stops: position in points from the margin (as Word measures
    /// them), and whether the text after it ends there (right) or starts there.
    pub tabs: Vec<(f32, Jc)>,
    /// A top border: (width in points, colour).
    pub top_border: Option<(f32, &'static str)>,
    /// A bottom border: (width in points, colour).
    pub bottom_border: Option<(f32, &'static str)>,
    /// A `w:framePr`: the paragraph is a frame placed on the page.
    pub frame: Option<Element>,
    pub runs: Vec<Element>,
}

impl Para {
    pub fn new(before: f32, line: f32, jc: Jc) -> Self {
        Para {
            before,
            line,
            jc,
            left: 0.0,
            right: 0.0,
            tabs: Vec::new(),
            top_border: None,
            bottom_border: None,
            frame: None,
            runs: Vec::new(),
        }
    }

    pub fn element(self) -> Element {
        let mut ppr = Element::new("w:pPr").child(val("w:pStyle", super::styles::NORMAL));
        if let Some(frame) = self.frame {
            ppr = ppr.child(frame);
        }
        // The head stays together on page 1.
        ppr = ppr.child(Element::new("w:keepNext"));
        if self.top_border.is_some() || self.bottom_border.is_some() {
            let side = |name: &str, (w, color): (f32, &str)| {
                Element::new(name)
                    .attr("w:val", "single")
                    // Eighths of a point (ST_EighthPointMeasure).
                    .attr(
                        "w:sz",
                        &((w * 8.0).round().clamp(2.0, 96.0) as i32).to_string(),
                    )
                    .attr("w:space", "0")
                    .attr("w:color", color)
            };
            let mut bdr = Element::new("w:pBdr");
            if let Some(b) = self.top_border {
                bdr = bdr.child(side("w:top", b));
            }
            if let Some(b) = self.bottom_border {
                bdr = bdr.child(side("w:bottom", b));
            }
            ppr = ppr.child(bdr);
        }
        if !self.tabs.is_empty() {
            let mut tabs = Element::new("w:tabs");
            for (pos, jc) in &self.tabs {
                let kind = if *jc == Jc::Right { "right" } else { "left" };
                tabs = tabs.child(
                    Element::new("w:tab")
                        .attr("w:val", kind)
                        .attr("w:pos", &twips(*pos).to_string()),
                );
            }
            ppr = ppr.child(tabs);
        }
        ppr = ppr.child(val("w:snapToGrid", "0")).child(
            Element::new("w:spacing")
                .attr("w:before", &twips(self.before.max(0.0)).to_string())
                .attr("w:after", "0")
                .attr("w:line", &twips(self.line.max(0.05)).max(1).to_string())
                .attr("w:lineRule", "exact"),
        );
        if self.left != 0.0 || self.right != 0.0 {
            let mut ind = Element::new("w:ind");
            if self.left != 0.0 {
                ind = ind.attr("w:left", &twips(self.left).to_string());
            }
            if self.right != 0.0 {
                ind = ind.attr("w:right", &twips(self.right).to_string());
            }
            ppr = ppr.child(ind.attr("w:firstLine", "0"));
        }
        let jc = match self.jc {
            Jc::Left => "left",
            Jc::Center => "center",
            Jc::Right => "right",
        };
        ppr = ppr.child(val("w:jc", jc));
        let mut p = Element::new("w:p").child(ppr);
        for r in self.runs {
            p = p.child(r);
        }
        p
    }
}

/// How wide `text` sets at `size_pt`: Han characters and full-width marks one
/// em, ASCII half (Times New Roman digits).
pub(crate) fn width_pt(text: &str, size_pt: f32) -> f32 {
    super::units::width_in_chars(text) * size_pt
}

/// The horizontal scale (percent) that fits `width` into `room`: 100 when it fits.
pub(crate) fn squeeze(width: f32, room: f32) -> u32 {
    if width <= room || width <= 0.0 {
        100
    } else {
        ((room / width) * 100.0).floor().max(1.0) as u32
    }
}
