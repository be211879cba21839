//! A TrueType subsetter for OFD: the glyphs a document uses (and glyph 0,
//! and the parts of composite glyphs), renumbered in their original order,
//! with a new `cmap` from the characters they stand for.
//!
//! OFD readers find glyphs through the font's `cmap` (the text of a
//! `TextCode` is characters, not glyph numbers), and office readers accept
//! only TrueType outlines; so the subset keeps `glyf`/`loca` and a real
//! `cmap`, plus the tables a rasteriser needs to size and place glyphs:
//! `head`, `hhea`, `hmtx`, `maxp`, `OS/2`, `name`, `post` (as format 3, no
//! glyph names) and the hinting tables `cvt `, `fpgm`, `prep` when present.

use std::collections::{BTreeMap, BTreeSet};

use ttf_parser::{RawFace, Tag};

use super::sfnt::{self, be16, be32, put16, put32};

/// A font to write, from the glyphs and characters a document draws with it.
pub struct Subset {
    pub bytes: Vec<u8>,
}

/// Why a face cannot be subset.
#[derive(Debug)]
pub struct SubsetError(pub String);

fn fail(what: impl Into<String>) -> SubsetError {
    SubsetError(what.into())
}

/// Subsets face `index` of `font` to the glyphs of `chars` (character →
/// glyph of the original face).
pub fn subset(font: &[u8], index: u32, chars: &BTreeMap<char, u16>) -> Result<Subset, SubsetError> {
    let raw = RawFace::parse(font, index).map_err(|e| fail(format!("not a font ({e})")))?;
    let table = |tag: &[u8; 4]| raw.table(Tag::from_bytes(tag));
    let need = |tag: &[u8; 4]| {
        table(tag).ok_or_else(|| {
            let name = String::from_utf8_lossy(tag).trim().to_string();
            if tag == b"glyf" || tag == b"loca" {
                fail("it has no TrueType outlines (glyf/loca); OFD readers need them")
            } else {
                fail(format!("it has no `{name}` table"))
            }
        })
    };
    // Outlines first: a CFF font is refused for what it lacks most.
    let glyf = need(b"glyf")?;
    let loca = need(b"loca")?;
    let head = need(b"head")?;
    let hhea = need(b"hhea")?;
    let maxp = need(b"maxp")?;
    let hmtx = need(b"hmtx")?;
    if head.len() < 54 || hhea.len() < 36 || maxp.len() < 6 {
        return Err(fail("its head, hhea or maxp table is truncated"));
    }
    let num_glyphs = be16(maxp, 4) as usize;
    let long_loca = be16(head, 50) == 1;
    let glyph = |gid: u16| -> Result<&[u8], SubsetError> {
        let g = gid as usize;
        if g >= num_glyphs {
            return Err(fail(format!("glyph {gid} is past the font's {num_glyphs}")));
        }
        let (a, b) = if long_loca {
            (be32(loca, 4 * g) as usize, be32(loca, 4 * g + 4) as usize)
        } else {
            (
                2 * be16(loca, 2 * g) as usize,
                2 * be16(loca, 2 * g + 2) as usize,
            )
        };
        glyf.get(a..b)
            .ok_or_else(|| fail(format!("glyph {gid} lies outside the glyf table")))
    };

    // Glyph 0 (the .notdef a reader draws for a missing glyph), the glyphs
    // used, and every component of a composite, to any depth.
    let mut keep: BTreeSet<u16> = BTreeSet::new();
    let mut todo: Vec<u16> = chars.values().copied().chain([0]).collect();
    while let Some(gid) = todo.pop() {
        if keep.insert(gid) {
            for (_, component) in components(glyph(gid)?) {
                if !keep.contains(&component) {
                    todo.push(component);
                }
            }
        }
    }
    let order: Vec<u16> = keep.into_iter().collect();
    let new_id: BTreeMap<u16, u16> = order
        .iter()
        .enumerate()
        .map(|(i, g)| (*g, i as u16))
        .collect();

    // glyf and loca (long offsets), composites pointing at the new numbers.
    let mut new_glyf = Vec::new();
    let mut new_loca = Vec::with_capacity(4 * (order.len() + 1));
    for gid in &order {
        put32(&mut new_loca, new_glyf.len() as u32);
        let data = glyph(*gid)?;
        let start = new_glyf.len();
        new_glyf.extend_from_slice(data);
        for (at, component) in components(data) {
            let renumbered = new_id.get(&component).copied().unwrap_or(0);
            new_glyf[start + at..start + at + 2].copy_from_slice(&renumbered.to_be_bytes());
        }
        while new_glyf.len() % 4 != 0 {
            new_glyf.push(0);
        }
    }
    put32(&mut new_loca, new_glyf.len() as u32);

    // hmtx: one full metric per glyph.
    let metrics = be16(hhea, 34).max(1) as usize;
    let mut new_hmtx = Vec::with_capacity(4 * order.len());
    for gid in &order {
        let g = *gid as usize;
        let advance = be16(hmtx, 4 * g.min(metrics - 1));
        let lsb = if g < metrics {
            be16(hmtx, 4 * g + 2)
        } else {
            be16(hmtx, 4 * metrics + 2 * (g - metrics))
        };
        put16(&mut new_hmtx, advance);
        put16(&mut new_hmtx, lsb);
    }

    let n = order.len() as u16;
    let mut new_head = head.to_vec();
    put32_at(&mut new_head, 8, 0); // checkSumAdjustment, set once the font is whole
    new_head[50..52].copy_from_slice(&1u16.to_be_bytes()); // long loca
    let mut new_hhea = hhea.to_vec();
    new_hhea[34..36].copy_from_slice(&n.to_be_bytes());
    let mut new_maxp = maxp.to_vec();
    new_maxp[4..6].copy_from_slice(&n.to_be_bytes());
    // post format 3: the same header, no glyph names (the names index the old numbering).
    let mut new_post = table(b"post").map(|p| p.to_vec()).unwrap_or_default();
    if new_post.len() >= 32 {
        new_post.truncate(32);
        put32_at(&mut new_post, 0, 0x0003_0000);
    } else {
        new_post = Vec::new();
    }

    let cmap_map: BTreeMap<u32, u16> = chars
        .iter()
        .map(|(c, g)| (*c as u32, new_id.get(g).copied().unwrap_or(0)))
        .collect();
    let new_cmap = sfnt::cmap(&cmap_map);

    let mut tables: Vec<([u8; 4], Vec<u8>)> = vec![
        (*b"cmap", new_cmap),
        (*b"glyf", new_glyf),
        (*b"head", new_head),
        (*b"hhea", new_hhea),
        (*b"hmtx", new_hmtx),
        (*b"loca", new_loca),
        (*b"maxp", new_maxp),
    ];
    if !new_post.is_empty() {
        tables.push((*b"post", new_post));
    }
    for tag in [b"OS/2", b"name", b"cvt ", b"fpgm", b"prep"] {
        if let Some(t) = table(tag) {
            tables.push((*tag, t.to_vec()));
        }
    }
    Ok(Subset {
        bytes: sfnt::assemble(tables),
    })
}

fn put32_at(buf: &mut [u8], at: usize, v: u32) {
    buf[at..at + 4].copy_from_slice(&v.to_be_bytes());
}

/// The components of a composite glyph: (offset of its glyph number within
/// the glyph's data, glyph number). Empty for a simple or empty glyph.
fn components(data: &[u8]) -> Vec<(usize, u16)> {
    const ARGS_ARE_WORDS: u16 = 0x0001;
    const HAVE_SCALE: u16 = 0x0008;
    const MORE_COMPONENTS: u16 = 0x0020;
    const HAVE_XY_SCALE: u16 = 0x0040;
    const HAVE_2X2: u16 = 0x0080;
    let mut out = Vec::new();
    if data.len() < 10 || (be16(data, 0) as i16) >= 0 {
        return out;
    }
    let mut at = 10;
    while at + 4 <= data.len() {
        let flags = be16(data, at);
        out.push((at + 2, be16(data, at + 2)));
        at += 4;
        at += if flags & ARGS_ARE_WORDS != 0 { 4 } else { 2 };
        at += if flags & HAVE_SCALE != 0 {
            2
        } else if flags & HAVE_XY_SCALE != 0 {
            4
        } else if flags & HAVE_2X2 != 0 {
            8
        } else {
            0
        };
        if flags & MORE_COMPONENTS == 0 {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An outline as a list of drawing commands, for comparing glyphs.
    #[derive(Default, PartialEq, Debug)]
    struct Commands(Vec<String>);

    impl ttf_parser::OutlineBuilder for Commands {
        fn move_to(&mut self, x: f32, y: f32) {
            self.0.push(format!("M{x},{y}"));
        }
        fn line_to(&mut self, x: f32, y: f32) {
            self.0.push(format!("L{x},{y}"));
        }
        fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
            self.0.push(format!("Q{x1},{y1},{x},{y}"));
        }
        fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
            self.0.push(format!("C{x1},{y1},{x2},{y2},{x},{y}"));
        }
        fn close(&mut self) {
            self.0.push("Z".into());
        }
    }

    fn shipped(file: &str) -> Vec<u8> {
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/fonts/").to_owned() + file)
            .expect("shipped font")
    }

    /// Every character keeps its outline (composites through their
    /// renumbered parts) and its advance; the subset is far smaller.
    #[test]
    fn a_subset_draws_every_character_as_the_original_does() {
        for (file, text) in [
            ("LiberationSerif-Regular.ttf", "Aéñ1%(R&D)Å"),
            (
                "FandolFang-Regular.ttf",
                "楚雄州科学技术局，2020年“三张牌”——",
            ),
        ] {
            let data = shipped(file);
            let face = ttf_parser::Face::parse(&data, 0).unwrap();
            let chars: BTreeMap<char, u16> = text
                .chars()
                .map(|c| (c, face.glyph_index(c).expect("glyph").0))
                .collect();
            let sub = subset(&data, 0, &chars).expect("subset");
            assert!(
                sub.bytes.len() * 10 < data.len(),
                "{file}: {} bytes",
                sub.bytes.len()
            );
            let new = ttf_parser::Face::parse(&sub.bytes, 0).expect("the subset parses");
            for c in text.chars() {
                let (a, b) = (face.glyph_index(c).unwrap(), new.glyph_index(c).unwrap());
                let (mut oa, mut ob) = (Commands::default(), Commands::default());
                face.outline_glyph(a, &mut oa);
                new.outline_glyph(b, &mut ob);
                assert!(!oa.0.is_empty(), "{file}: {c} has no outline");
                assert_eq!(oa, ob, "{file}: {c}");
                assert_eq!(
                    face.glyph_hor_advance(a),
                    new.glyph_hor_advance(b),
                    "{file}: {c}"
                );
            }
        }
    }

    #[test]
    fn a_face_without_truetype_outlines_is_refused_with_the_reason() {
        // A font of only a cmap: no glyf/loca, as a CFF font has none.
        let font = sfnt::assemble(vec![(*b"cmap", sfnt::cmap(&BTreeMap::new()))]);
        let err = subset(&font, 0, &BTreeMap::new()).err().expect("refused");
        assert!(err.0.contains("no TrueType outlines"), "{}", err.0);
    }
}
