//! The signature (发文机关署名), the date (成文日期) and the note (附注),
//! GB/T 9704 7.3.5 and 7.3.6, in the three variants the standard describes,
//! each also for a joint issue:
//! - 7.3.5.2 without a seal: one blank line under the body, the issuer two
//!   characters in from the right, the date on the next line starting two
//!   characters right of the issuer's first character; a date longer than
//!   the issuer sits two characters in with the issuer centred over it.
//!   Joint issuers stand one under another, the lead first.
//! - 7.3.5.1 with a seal: the date four characters in from the right, the
//!   issuer centred over it, room above for the seal (never drawn). Joint
//!   issuers stand side by side, two a row, the last one over the date.
//! - 7.3.5.3 with the signer's signature stamp: the signer's title and name
//!   four characters in from the right two blank lines under the body, the
//!   date one blank line under it, four characters in.

use super::blocks::{natural_line, text_items};
use super::kinds::paragraph_measure;
use super::page::{grid_baseline, line_runs, Item, ItemKind};
use super::paragraph::SetLine;
use super::shaping::{Origin, ShapedChar, Shaper, Span};
use super::Grid;
use crate::error::Result;
use crate::model::{wording, Meta, Sealing};
use crate::style::{FontRole, Style};

/// Blank lines between the body and a sealed signature: room for a seal of
/// about 42 mm whose top is within one line of the body and which presses
/// on the issuer's name (7.3.5.1; three lines is our choice).
pub(crate) const SEAL_ROOM_LINES: u32 = 3;

/// Blank lines between the body and a signature stamp (7.3.5.3 "下空二行").
pub(crate) const STAMP_ROOM_LINES: u32 = 2;

/// Characters from the right edge to the date with a seal or stamp (7.3.5.1, 7.3.5.3 "右空四字").
pub(crate) const SEALED_DATE_RIGHT_CHARS: f32 = 4.0;

/// The issuers of a sealed joint issue stand this many to a row, so two
/// seals of about 42 mm neither touch nor cross (7.3.5.1).
pub(crate) const SEALED_PER_ROW: usize = 2;

/// The signature, date and note, as items of whole lines (all of kind
/// [`ItemKind::Signature`], so 7.3.5.5 keeps them together with the body).
pub(crate) fn signature_items(
    meta: &Meta,
    style: &Style,
    grid: &Grid,
    shaper: &mut Shaper<'_>,
) -> Result<Vec<Item>> {
    let mut set = Setter {
        style,
        grid,
        shaper,
    };
    let sealing = if style.seal {
        Sealing::Sealed
    } else {
        meta.sealing
    };
    let mut items = match sealing {
        Sealing::Unsealed => set.unsealed(meta)?,
        Sealing::Sealed => set.sealed(meta)?,
        Sealing::Stamp => set.stamp(meta)?,
    };
    if let Some(note) = &meta.note {
        items.extend(set.note(note)?);
    }
    Ok(items)
}

/// One line of text set naturally on the grid, with its width.
struct Piece {
    chars: Vec<ShapedChar>,
    line: SetLine,
}

impl Piece {
    fn width(&self) -> f32 {
        self.line.right
    }
}

struct Setter<'s, 'f> {
    style: &'s Style,
    grid: &'s Grid,
    shaper: &'s mut Shaper<'f>,
}

impl Setter<'_, '_> {
    fn piece(&mut self, text: &str) -> Result<Piece> {
        let chars = self.shaper.shape(
            &[Span::new(text, FontRole::Body)],
            self.style.body_size_pt,
            Origin {
                line: 0,
                what: "signature",
            },
        )?;
        let line = natural_line(&chars, self.grid.cell);
        Ok(Piece { chars, line })
    }

    /// The pieces of each non-empty text.
    fn pieces<'a>(&mut self, texts: impl Iterator<Item = &'a String>) -> Result<Vec<Piece>> {
        texts
            .filter(|t| !t.trim().is_empty())
            .map(|t| self.piece(t))
            .collect()
    }

    /// One grid line holding `pieces`, each starting `x` from the block's
    /// left edge (never left of it); no item when nothing is on it.
    fn line(&self, pieces: &[(&Piece, f32)]) -> Option<Item> {
        let mut runs = Vec::new();
        for (piece, x) in pieces.iter().filter(|(p, _)| !p.chars.is_empty()) {
            let baseline = grid_baseline(self.grid.pitch);
            runs.extend(line_runs(
                &piece.chars,
                &piece.line,
                self.grid.left + x.max(0.0),
                baseline,
            ));
        }
        (!runs.is_empty()).then(|| Item { runs, ..blank() })
    }

    fn cells(&self, n: f32) -> f32 {
        n * self.grid.cell
    }

    /// 7.3.5.2, joint issuers stacked and centred on one another.
    fn unsealed(&mut self, meta: &Meta) -> Result<Vec<Item>> {
        let names = self.pieces(meta.issuers())?;
        let date = self.piece(&meta.date.chinese())?;
        let right = self.grid.width - self.cells(self.style.signature_right_chars as f32);
        let wn = names.iter().map(Piece::width).fold(0.0, f32::max);
        let wd = date.width();
        let (names_x, date_x) = if wd > wn + 0.01 {
            let date_x = right - wd;
            (date_x + (wd - wn) / 2.0, date_x)
        } else {
            let names_x = right - wn;
            (names_x, names_x + self.cells(2.0))
        };
        let mut items = vec![blank()];
        for name in &names {
            items.extend(self.line(&[(name, names_x + (wn - name.width()) / 2.0)]));
        }
        items.extend(self.line(&[(&date, date_x)]));
        Ok(items)
    }

    /// 7.3.5.1: the date four characters in; the issuers in rows of two,
    /// each row under room for its seals, the last issuer over the date.
    fn sealed(&mut self, meta: &Meta) -> Result<Vec<Item>> {
        let names = self.pieces(meta.issuers())?;
        let date = self.piece(&meta.date.chinese())?;
        let date_x = self.grid.width - self.cells(SEALED_DATE_RIGHT_CHARS) - date.width();
        let right_centre = date_x + date.width() / 2.0;
        // The left column mirrors the right across half the block: seals
        // 78 mm apart, clear of each other and of the block's edges.
        let left_centre = right_centre - self.grid.width / 2.0;
        let mut items = Vec::new();
        let rows: Vec<&[Piece]> = names.chunks(SEALED_PER_ROW).collect();
        for row in &rows {
            items.extend((0..SEAL_ROOM_LINES).map(|_| blank()));
            let placed: Vec<(&Piece, f32)> = match row {
                [alone] => vec![(alone, right_centre - alone.width() / 2.0)],
                [left, right, ..] => vec![
                    (left, left_centre - left.width() / 2.0),
                    (right, right_centre - right.width() / 2.0),
                ],
                [] => Vec::new(),
            };
            items.extend(self.line(&placed));
        }
        if rows.is_empty() {
            items.extend((0..SEAL_ROOM_LINES).map(|_| blank()));
        }
        items.extend(self.line(&[(&date, date_x)]));
        Ok(items)
    }

    /// 7.3.5.3: each signer's title and name four characters in from the
    /// right (one a line, the lead's first), the date one blank line under
    /// the last, four characters in.
    fn stamp(&mut self, meta: &Meta) -> Result<Vec<Item>> {
        let signers: Vec<String> = match &meta.signer {
            Some(s) => s.lines().map(str::to_string).collect(),
            None => meta.issuers().cloned().collect(),
        };
        let signers = self.pieces(signers.iter())?;
        let date = self.piece(&meta.date.chinese())?;
        let right = self.grid.width - self.cells(SEALED_DATE_RIGHT_CHARS);
        let mut items: Vec<Item> = (0..STAMP_ROOM_LINES).map(|_| blank()).collect();
        for (i, signer) in signers.iter().enumerate() {
            if i > 0 {
                items.push(blank());
            }
            items.extend(self.line(&[(signer, right - signer.width())]));
        }
        items.push(blank());
        items.extend(self.line(&[(&date, right - date.width())]));
        Ok(items)
    }

    /// 7.3.6: "（附注）" two characters in, on the line after the date.
    fn note(&mut self, note: &str) -> Result<Vec<Item>> {
        // Two characters in, as a paragraph.
        let measure = paragraph_measure(self.style, self.grid);
        let mut items = text_items(
            &[Span::new(wording::note(note), FontRole::Body)],
            self.style,
            self.grid,
            self.shaper,
            measure,
            Origin {
                line: 0,
                what: "note (附注)",
            },
            None,
            false,
        )?;
        for item in &mut items {
            item.kind = ItemKind::Signature;
        }
        Ok(items)
    }
}

fn blank() -> Item {
    Item::blank(ItemKind::Signature)
}
