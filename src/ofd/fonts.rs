//! The faces a layout draws with, each subset to the characters it sets.

use std::collections::BTreeMap;

use crate::error::{Error, Result};
use crate::fonts::{FontBook, FontId};
use crate::layout::Layout;

use super::subset;

/// The characters each face sets, with the glyph the layout chose for each.
pub fn characters(layout: &Layout) -> BTreeMap<FontId, BTreeMap<char, u16>> {
    let mut used: BTreeMap<FontId, BTreeMap<char, u16>> = BTreeMap::new();
    for run in layout.pages.iter().flat_map(|p| &p.runs) {
        let chars = used.entry(run.font).or_default();
        for g in &run.glyphs {
            // The layout sets one glyph per character (layout::page::line_runs).
            if let Some(c) = run.text.get(g.text.clone()).and_then(|t| t.chars().next()) {
                chars.entry(c).or_insert(g.id);
            }
        }
    }
    used
}

/// A TrueType subset of face `font` holding `chars`.
pub fn embed(fonts: &FontBook, font: FontId, chars: &BTreeMap<char, u16>) -> Result<Vec<u8>> {
    let path = fonts.path(font);
    let cannot = |why: &str| {
        Error::new(format!(
            "cannot embed the font {} in the OFD: {why}",
            path.display()
        ))
        .hint("OFD readers need TrueType outlines; pass --font-dir DIR with a TrueType (.ttf) face of the same family")
    };
    let (data, index) = fonts
        .file_data(font)
        .ok_or_else(|| cannot("the file cannot be read"))?;
    subset::subset(data, index, chars)
        .map(|s| s.bytes)
        .map_err(|e| cannot(&e.0))
}

/// How `PublicRes.xml` names a face: its PostScript name (which tells the
/// bold cut of a family from the regular one), its family, and whether it is bold.
pub fn names(fonts: &FontBook, font: FontId) -> (String, String, bool) {
    let family = fonts.family(font).to_string();
    let Some(face) = fonts.face(font) else {
        return (family.clone(), family, false);
    };
    let postscript = face
        .names()
        .into_iter()
        .filter(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
        .find_map(|n| n.to_string())
        .unwrap_or_else(|| family.clone());
    (postscript, family, face.is_bold())
}
