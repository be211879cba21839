//! The signature block: issuer(s) and date in the three variants of
//! GB/T 9704 7.3.5, then the note (附注, 7.3.6) on the line after the date.
//!
//! Every name and date is placed by a paragraph indent in twips, so the
//! copy in Word and the PDF put them at the same place; a seal or a
//! signature stamp is never drawn, only its room left.

use super::body::{blank, measure, Part};
use super::styles as st;
use super::text::add_text;
use super::units::{body_char, body_spacing, width_in_chars};
use crate::model::{wording, Meta, Sealing};
use crate::style::Style;
use docx_rs::{AlignmentType, Paragraph as P, Run, Tab, TabValueType};

/// With a seal, the date sits four characters in from the right [7.3.5.1];
/// with a signature stamp, the signer's line and the date too [7.3.5.3].
const SEALED_RIGHT_CHARS: f32 = 4.0;

/// Blank lines between the body and a sealed signature: the seal (about
/// 42 mm, four lines) rises to within one line of the body [7.3.5.1], and
/// covers the issuer and the date below it. Our choice: three blank lines.
const SEALED_GAP_LINES: usize = 3;

/// Blank lines above the signer's line: the stamp stands two lines below
/// the body [7.3.5.3].
const STAMP_GAP_LINES: usize = 2;

/// Sealed joint issuers stand two to a row, so their seals of about 42 mm
/// neither touch nor cross [7.3.5.1].
const SEALED_PER_ROW: usize = 2;

/// The signature block and the note, with the blank lines above them.
pub(crate) fn signature(meta: &Meta, style: &Style) -> Vec<Part> {
    let issuers: Vec<&str> = meta.issuers().map(String::as_str).collect();
    let date = meta.date.chinese();
    let mut out = match meta.sealing {
        _ if style.seal => sealed(&issuers, &date, style),
        Sealing::Sealed => sealed(&issuers, &date, style),
        Sealing::Stamp => stamp(meta, &issuers, &date, style),
        Sealing::Unsealed => unsealed(&issuers, &date, style),
    };
    if let Some(note) = &meta.note {
        // The date stays on the page of the note under it.
        if let Some(date) = out.pop() {
            out.push(keep_with_next(date));
        }
        out.push(note_paragraph(note));
    }
    out
}

/// A line set flush right, `chars_in` body characters in from the right.
fn right(id: &str, text: &str, chars_in: f32, style: &Style) -> Part {
    let ch = body_char(style) as f32;
    let right = (chars_in.max(0.0) * ch).round() as i32;
    Part::P(
        P::new()
            .style(id)
            .align(AlignmentType::Right)
            .indent(None, None, Some(right), None)
            .add_run(add_text(Run::new(), text)),
    )
}

/// The widest of some names, in body characters.
fn widest(names: &[&str]) -> f32 {
    names.iter().map(|n| width_in_chars(n)).fold(0.0, f32::max)
}

/// Issuer and date without a seal [7.3.5.2]: the issuer two characters in
/// from the right; the date on the next line, its first character two
/// characters right of the issuer's first; if the date is the longer, it sits
/// two characters in from the right and the issuer is centred over it. A joint
/// issue stacks the issuers, the lead first, centred on one another.
///
/// The date is placed by its first character (a left indent), so digits of
/// whatever width cannot move it; the issuer is placed by its right edge.
fn unsealed(issuers: &[&str], date: &str, style: &Style) -> Vec<Part> {
    let (name_w, date_w) = (widest(issuers), width_in_chars(date));
    let ch = body_char(style) as f32;
    // What one character really advances: its size plus the body spacing.
    let advance = ch + body_spacing(style) as f32;
    let r = style.signature_right_chars as f32;
    // One blank line, then issuer and date [7.3.5.2].
    let mut out = vec![blank()];
    if date_w > name_w {
        for name in issuers {
            let over = r + (date_w - width_in_chars(name)) / 2.0;
            out.push(right(st::SIGNATURE, name, over, style));
        }
        out.push(right(st::DATE, date, r, style));
        return out;
    }
    for name in issuers {
        // Joint issuers centred on one another (as the PDF sets them).
        let over = r + (name_w - width_in_chars(name)) / 2.0;
        out.push(right(st::SIGNATURE, name, over, style));
    }
    let name_start = measure(style) as f32 - r * ch - name_w * advance;
    let date_start = (name_start + 2.0 * advance).round().max(0.0) as i32;
    // The date never wraps: its paragraph reaches into the right margin
    // (a negative right indent), so a renderer that spaces digits wider than
    // Word (LibreOffice adds CJK–Latin spacing) still sets it on one line.
    let overhang = -(r * ch).round() as i32;
    out.push(Part::P(
        P::new()
            .style(st::DATE)
            .align(AlignmentType::Left)
            .indent(Some(date_start), None, Some(overhang), None)
            .add_run(add_text(Run::new(), date)),
    ));
    out
}

/// With a seal [7.3.5.1]: room for the seal, the date four characters in
/// from the right and the issuer centred over it. A joint issue lines the
/// issuers up in rows of two, in order, each row under room for its seals:
/// the right one centred over the date, the left one half the block further
/// left, so two seals of about 42 mm neither touch nor cross; an issuer
/// alone in the last row stands over the date.
fn sealed(issuers: &[&str], date: &str, style: &Style) -> Vec<Part> {
    let date_w = width_in_chars(date);
    let mut out = Vec::new();
    for row in issuers.chunks(SEALED_PER_ROW) {
        out.extend((0..SEALED_GAP_LINES).map(|_| blank()));
        match row {
            [name] => {
                let over = SEALED_RIGHT_CHARS + (date_w - width_in_chars(name)) / 2.0;
                out.push(right(st::SIGNATURE, name, over, style));
            }
            _ => out.push(side_by_side(row, date_w, style)),
        }
    }
    out.push(right(st::DATE, date, SEALED_RIGHT_CHARS, style));
    out
}

/// Two issuers on one line, each centred on a centre tab: the right one
/// over the date, the left one half the block's width to its left.
fn side_by_side(issuers: &[&str], date_w: f32, style: &Style) -> Part {
    let ch = body_char(style) as f32;
    let advance = ch + body_spacing(style) as f32;
    let width = measure(style) as f32;
    let date_start = width - SEALED_RIGHT_CHARS * ch - date_w * advance;
    let right_centre = date_start + date_w * advance / 2.0;
    let mut p = P::new().style(st::SIGNATURE).align(AlignmentType::Left);
    let mut text = String::new();
    for (i, name) in issuers.iter().enumerate() {
        let centre = right_centre - width / 2.0 * (issuers.len() - 1 - i) as f32;
        p = p.add_tab(
            Tab::new()
                .val(TabValueType::Center)
                .pos(centre.round().max(0.0) as usize),
        );
        text.push('\t');
        text.push_str(name);
    }
    Part::P(p.add_run(add_text(Run::new(), &text)))
}

/// With the signer's signature stamp [7.3.5.3]: two blank lines, the signer's
/// full title and name four characters in from the right (a joint issue: one
/// signer a line, a blank line between, aligned), one blank line, the date four
/// characters in from the right. The signer's lines are the `signer` text's
/// lines; without one, the issuers stand in for it.
fn stamp(meta: &Meta, issuers: &[&str], date: &str, style: &Style) -> Vec<Part> {
    let signers: Vec<&str> = match &meta.signer {
        Some(s) => s.lines().map(str::trim).filter(|l| !l.is_empty()).collect(),
        None => issuers.to_vec(),
    };
    let mut out: Vec<Part> = (0..STAMP_GAP_LINES).map(|_| blank()).collect();
    for (i, line) in signers.iter().enumerate() {
        // One signer a line, a blank line for each stamp between [7.3.5.3].
        if i > 0 {
            out.push(blank());
        }
        out.push(right(st::SIGNATURE, line, SEALED_RIGHT_CHARS, style));
    }
    out.push(keep_with_next(blank()));
    out.push(right(st::DATE, date, SEALED_RIGHT_CHARS, style));
    out
}

/// A blank line that stays on the page of what follows it.
fn keep_with_next(part: Part) -> Part {
    match part {
        Part::P(p) => Part::P(p.keep_next(true)),
        other => other,
    }
}

/// The note [7.3.6]: "（text）" two characters in, on the line after the date.
fn note_paragraph(note: &str) -> Part {
    Part::P(
        P::new()
            .style(st::BODY)
            .add_run(add_text(Run::new(), &wording::note(note))),
    )
}
