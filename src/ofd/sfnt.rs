//! The sfnt container of a TrueType font: big-endian numbers, a `cmap`
//! built from characters, and tables assembled with their checksums.

use std::collections::BTreeMap;

pub fn be16(b: &[u8], at: usize) -> u16 {
    b.get(at..at + 2)
        .map(|s| u16::from_be_bytes([s[0], s[1]]))
        .unwrap_or(0)
}

pub fn be32(b: &[u8], at: usize) -> u32 {
    b.get(at..at + 4)
        .map(|s| u32::from_be_bytes([s[0], s[1], s[2], s[3]]))
        .unwrap_or(0)
}

pub fn put16(b: &mut Vec<u8>, v: u16) {
    b.extend_from_slice(&v.to_be_bytes());
}

pub fn put32(b: &mut Vec<u8>, v: u32) {
    b.extend_from_slice(&v.to_be_bytes());
}

/// The binary-search fields of a table of `n` entries of `size` bytes:
/// (searchRange, entrySelector, rangeShift).
fn search_fields(n: u16, size: u16) -> (u16, u16, u16) {
    let mut power = 1u16;
    let mut log = 0u16;
    while power.saturating_mul(2) <= n {
        power *= 2;
        log += 1;
    }
    let range = power.saturating_mul(size);
    (range, log, n.saturating_mul(size).saturating_sub(range))
}

/// A `cmap` table mapping code points to glyphs: a format 4 subtable for the
/// Basic Multilingual Plane (for Unicode and for Windows), and a format 12
/// subtable as well when a character lies beyond it.
pub fn cmap(map: &BTreeMap<u32, u16>) -> Vec<u8> {
    let bmp: BTreeMap<u32, u16> = map
        .iter()
        .filter(|(c, _)| **c < 0xFFFF)
        .map(|(c, g)| (*c, *g))
        .collect();
    let format4 = format4(&bmp);
    let format12 = map.keys().any(|c| *c > 0xFFFF).then(|| format12(map));
    let records: u16 = if format12.is_some() { 4 } else { 2 };
    let mut out = Vec::new();
    put16(&mut out, 0);
    put16(&mut out, records);
    let first = 4 + 8 * records as u32;
    let second = first + format4.len() as u32;
    let mut record = |platform: u16, encoding: u16, offset: u32| {
        put16(&mut out, platform);
        put16(&mut out, encoding);
        put32(&mut out, offset);
    };
    // Records sorted by platform, then encoding.
    record(0, 3, first);
    if format12.is_some() {
        record(0, 4, second);
    }
    record(3, 1, first);
    if format12.is_some() {
        record(3, 10, second);
    }
    out.extend_from_slice(&format4);
    if let Some(t) = format12 {
        out.extend_from_slice(&t);
    }
    out
}

/// Format 4: one segment per run of consecutive code points; a run whose
/// glyphs are consecutive too maps by `idDelta`, any other through the glyph array.
fn format4(map: &BTreeMap<u32, u16>) -> Vec<u8> {
    let mut runs: Vec<Vec<(u32, u16)>> = Vec::new();
    for (c, g) in map {
        match runs.last_mut() {
            Some(run) if run.last().is_some_and(|(last, _)| last + 1 == *c) => run.push((*c, *g)),
            _ => runs.push(vec![(*c, *g)]),
        }
    }
    let seg_count = runs.len() + 1; // and the closing 0xFFFF segment
    let mut ends = Vec::new();
    let mut starts = Vec::new();
    let mut deltas = Vec::new();
    let mut range_offsets = Vec::new();
    let mut glyph_array: Vec<u16> = Vec::new();
    for (i, run) in runs.iter().enumerate() {
        let (start, first_glyph) = run[0];
        starts.push(start as u16);
        ends.push(run[run.len() - 1].0 as u16);
        let sequential = run
            .iter()
            .all(|(c, g)| *g as u32 == first_glyph as u32 + (c - start));
        if sequential {
            deltas.push(first_glyph.wrapping_sub(start as u16));
            range_offsets.push(0u16);
        } else {
            deltas.push(0);
            // Bytes from this idRangeOffset entry to the run's first glyph.
            range_offsets.push((2 * (seg_count - i) + 2 * glyph_array.len()) as u16);
            glyph_array.extend(run.iter().map(|(_, g)| *g));
        }
    }
    starts.push(0xFFFF);
    ends.push(0xFFFF);
    deltas.push(1);
    range_offsets.push(0);

    let length = 16 + 8 * seg_count + 2 * glyph_array.len();
    let (range, selector, shift) = search_fields(seg_count as u16, 2);
    let mut out = Vec::with_capacity(length);
    put16(&mut out, 4);
    put16(&mut out, length.min(0xFFFF) as u16);
    put16(&mut out, 0); // language
    put16(&mut out, 2 * seg_count as u16);
    put16(&mut out, range);
    put16(&mut out, selector);
    put16(&mut out, shift);
    ends.iter().for_each(|v| put16(&mut out, *v));
    put16(&mut out, 0); // reservedPad
    starts.iter().for_each(|v| put16(&mut out, *v));
    deltas.iter().for_each(|v| put16(&mut out, *v));
    range_offsets.iter().for_each(|v| put16(&mut out, *v));
    glyph_array.iter().for_each(|v| put16(&mut out, *v));
    out
}

/// Format 12: groups of consecutive code points with consecutive glyphs.
fn format12(map: &BTreeMap<u32, u16>) -> Vec<u8> {
    let mut groups: Vec<(u32, u32, u32)> = Vec::new();
    for (c, g) in map {
        let g = *g as u32;
        match groups.last_mut() {
            Some((start, end, glyph)) if *end + 1 == *c && *glyph + (*c - *start) == g => *end = *c,
            _ => groups.push((*c, *c, g)),
        }
    }
    let mut out = Vec::new();
    put16(&mut out, 12);
    put16(&mut out, 0);
    put32(&mut out, 16 + 12 * groups.len() as u32);
    put32(&mut out, 0); // language
    put32(&mut out, groups.len() as u32);
    for (start, end, glyph) in groups {
        put32(&mut out, start);
        put32(&mut out, end);
        put32(&mut out, glyph);
    }
    out
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, chunk| {
        let mut word = [0u8; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

/// A TrueType font file from its tables: the directory sorted by tag, each
/// table 4-byte aligned with its checksum, and the `head` table's
/// checkSumAdjustment making the whole file sum to 0xB1B0AFBA.
pub fn assemble(mut tables: Vec<([u8; 4], Vec<u8>)>) -> Vec<u8> {
    tables.sort_by_key(|t| t.0);
    let n = tables.len() as u16;
    let (range, selector, shift) = search_fields(n, 16);
    let mut out = Vec::new();
    put32(&mut out, 0x0001_0000);
    put16(&mut out, n);
    put16(&mut out, range);
    put16(&mut out, selector);
    put16(&mut out, shift);
    let mut offset = 12 + 16 * tables.len();
    for (tag, data) in &tables {
        out.extend_from_slice(tag);
        put32(&mut out, checksum(data));
        put32(&mut out, offset as u32);
        put32(&mut out, data.len() as u32);
        offset += data.len().div_ceil(4) * 4;
    }
    let mut head_at = None;
    for (tag, data) in &tables {
        if tag == b"head" {
            head_at = Some(out.len());
        }
        out.extend_from_slice(data);
        while out.len() % 4 != 0 {
            out.push(0);
        }
    }
    if let Some(at) = head_at {
        let adjust = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        out[at + 8..at + 12].copy_from_slice(&adjust.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_built_cmap_maps_every_character_back() {
        let map: BTreeMap<u32, u16> = [
            (0x20, 3),
            (0x31, 7),
            (0x32, 8),
            (0x33, 2),
            (0x4E00, 11),
            (0x5B57, 5),
            (0x20000, 9),
        ]
        .into_iter()
        .collect();
        let table = cmap(&map);
        let font = assemble(vec![(*b"cmap", table)]);
        // ttf_parser reads cmap subtables on their own.
        let raw = ttf_parser::RawFace::parse(&font, 0).expect("font");
        let data = raw
            .table(ttf_parser::Tag::from_bytes(b"cmap"))
            .expect("cmap");
        let cmap = ttf_parser::cmap::Table::parse(data).expect("cmap parses");
        for (c, g) in &map {
            let found = cmap
                .subtables
                .into_iter()
                .filter(|s| s.is_unicode())
                .find_map(|s| s.glyph_index(*c));
            assert_eq!(found.map(|g| g.0), Some(*g), "U+{c:04X}");
        }
    }
}
