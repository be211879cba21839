//! From text to glyphs: each character gets a glyph from its role's face, or
//! from a fallback face (with a warning), or is an error naming it.

use std::collections::HashMap;

use crate::error::{Error, Result};
use crate::fonts::{FontBook, FontId};
use crate::style::FontRole;

/// A run of text in one role and emphasis, before shaping.
#[derive(Debug, Clone)]
pub struct Span {
    pub text: String,
    pub role: FontRole,
    pub bold: bool,
    /// A value still to be filled in (【待填:…】), marked for the reviewer.
    pub highlight: bool,
}

impl Span {
    pub fn new(text: impl Into<String>, role: FontRole) -> Span {
        Span {
            text: text.into(),
            role,
            bold: false,
            highlight: false,
        }
    }

    pub fn bold(mut self, bold: bool) -> Span {
        self.bold = bold;
        self
    }

    pub fn highlight(mut self, highlight: bool) -> Span {
        self.highlight = highlight;
        self
    }
}

/// One character with its glyph and its natural advance.
#[derive(Debug, Clone)]
pub struct ShapedChar {
    pub c: char,
    pub font: FontId,
    pub glyph: u16,
    pub size: f32,
    /// The face's advance, in points at `size`.
    pub natural: f32,
    pub bold: bool,
    pub highlight: bool,
}

impl ShapedChar {
    /// A character as wide as a Han character: it takes one grid cell (GB/T 9704 4.2 "字").
    /// ASCII is half-width however wide its glyph (a % or W is still Latin).
    pub fn is_full_width(&self) -> bool {
        !self.c.is_ascii() && self.natural >= 0.75 * self.size
    }
}

/// Where the text being shaped comes from, for messages.
#[derive(Debug, Clone, Copy)]
pub struct Origin<'a> {
    /// Line in the rendered markup (0 when not known).
    pub line: usize,
    /// What the text is ("title", "paragraph", …).
    pub what: &'a str,
}

/// Glyph lookup with caches; one per layout run.
pub struct Shaper<'a> {
    fonts: &'a FontBook,
    faces: HashMap<FontId, Option<ttf_parser::Face<'a>>>,
    glyphs: HashMap<(FontId, char), Option<(u16, f32)>>,
    fallback: HashMap<(FontId, char), Option<FontId>>,
    warned: std::collections::BTreeSet<(FontId, char)>,
    pub warnings: Vec<String>,
}

impl<'a> Shaper<'a> {
    pub fn new(fonts: &'a FontBook) -> Shaper<'a> {
        Shaper {
            fonts,
            faces: HashMap::new(),
            glyphs: HashMap::new(),
            fallback: HashMap::new(),
            warned: Default::default(),
            warnings: Vec::new(),
        }
    }

    pub fn fonts(&self) -> &'a FontBook {
        self.fonts
    }

    /// Glyph id and advance (em) of `c` in `font`, if the face has it.
    fn glyph(&mut self, font: FontId, c: char) -> Option<(u16, f32)> {
        if let Some(hit) = self.glyphs.get(&(font, c)) {
            return *hit;
        }
        let fonts = self.fonts;
        let face = self.faces.entry(font).or_insert_with(|| fonts.face(font));
        let found = face.as_ref().and_then(|face| {
            let g = face.glyph_index(c).filter(|g| g.0 != 0)?;
            let adv = face.glyph_hor_advance(g).unwrap_or(0) as f32 / face.units_per_em() as f32;
            Some((g.0, adv))
        });
        self.glyphs.insert((font, c), found);
        found
    }

    /// Shapes spans into characters at `size`. `context` is the whole text,
    /// quoted in the error when a character has no glyph anywhere.
    pub fn shape(
        &mut self,
        spans: &[Span],
        size: f32,
        origin: Origin<'_>,
    ) -> Result<Vec<ShapedChar>> {
        let mut out = Vec::new();
        // Digits and Latin in Times New Roman (or its shipped stand-in with
        // the same widths), as the DOCX sets them; page numbers keep 宋体
        // digits (GB/T 9704 7.5).
        let latin = self.fonts.latin_font();
        for span in spans {
            let role_font = self.fonts.role_font(span.role);
            for c in span.text.chars() {
                if c.is_control() || is_invisible(c) {
                    continue;
                }
                let in_latin = match latin {
                    Some(l) if c.is_ascii_graphic() && span.role != FontRole::PageNumber => {
                        self.glyph(l, c).map(|(g, adv)| (l, g, adv))
                    }
                    _ => None,
                };
                let (font, glyph, adv) = match in_latin
                    .or_else(|| self.glyph(role_font, c).map(|(g, adv)| (role_font, g, adv)))
                {
                    Some(found) => found,
                    None => self.fallback_glyph(role_font, span.role, c, spans, origin)?,
                };
                out.push(ShapedChar {
                    c,
                    font,
                    glyph,
                    size,
                    natural: adv * size,
                    bold: span.bold,
                    highlight: span.highlight,
                });
            }
        }
        Ok(out)
    }

    fn fallback_glyph(
        &mut self,
        role_font: FontId,
        role: FontRole,
        c: char,
        spans: &[Span],
        origin: Origin<'_>,
    ) -> Result<(FontId, u16, f32)> {
        let fonts = self.fonts;
        let other = *self
            .fallback
            .entry((role_font, c))
            .or_insert_with(|| fonts.fallback_for(c, role_font));
        if let Some(other) = other {
            if let Some((g, adv)) = self.glyph(other, c) {
                if self.warned.insert((role_font, c)) {
                    self.warnings.push(format!(
                        "the {} font {} has no “{c}” (U+{:04X}); drawn with {} ({}){}",
                        role.label(),
                        fonts.family(role_font),
                        c as u32,
                        fonts.family(other),
                        fonts.path(other).display(),
                        where_(origin),
                    ));
                }
                return Ok((other, g, adv));
            }
        }
        let text: String = spans.iter().map(|s| s.text.as_str()).collect();
        Err(Error::new(format!(
            "no font has the character “{c}” (U+{:04X}), in the {} “{}”{}",
            c as u32,
            origin.what,
            around(&text, c),
            where_(origin),
        ))
        .hint("install a font that has it (or pass --font-dir DIR), or replace the character in the data"))
    }
}

/// Format characters that draw nothing (zero-width spaces and joiners, a
/// byte-order mark, variation selectors, soft hyphens): text pasted from web
/// pages carries them, and no font needs a glyph for them.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2060}'..='\u{2064}'
            | '\u{FEFF}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{E0100}'..='\u{E01EF}'
    )
}

fn where_(origin: Origin<'_>) -> String {
    if origin.line > 0 {
        format!(" (line {} of the rendered markup)", origin.line)
    } else {
        String::new()
    }
}

/// Up to ten characters either side of the first `c` in `text`.
fn around(text: &str, c: char) -> String {
    let chars: Vec<char> = text.chars().collect();
    let Some(i) = chars.iter().position(|x| *x == c) else {
        return text.to_string();
    };
    let start = i.saturating_sub(10);
    let end = (i + 11).min(chars.len());
    let mut s = String::new();
    if start > 0 {
        s.push('…');
    }
    s.extend(&chars[start..end]);
    if end < chars.len() {
        s.push('…');
    }
    s
}
