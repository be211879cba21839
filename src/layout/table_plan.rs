//! The plan of a body table that both copies follow: type size, column
//! widths and the text lines of each row, computed once from the text and
//! the style — no font files — so the PDF's layout and the DOCX writer draw
//! the same table.
//!
//! - Size: GB/T 9704 5.2.2 sets every element in 3号 unless the standard says
//!   otherwise, and it says nothing of tables; so a table is 3号, and each of
//!   its text lines takes one grid line (5.2.3), keeping the body after it on
//!   the grid. The header row is in 黑体, the face of the first heading level
//!   (7.3.3), the usual stand-in for bold in official documents.
//! - Widths are measured with nominal advances: one full cell for each Han
//!   character and full-width mark (GB/T 15834 5.1), Times New Roman's advance
//!   for Latin and digits (DESIGN.md, "Fonts") — the advances Word and the PDF
//!   both set them with.
//! - A table whose columns cannot each hold two characters is not set: its
//!   text would spill across cells. The error names the table's line.

use super::linebreak::{break_opportunities, is_no_start};
use crate::error::{Error, Result};
use crate::model::{Inline, Table};
use crate::style::{mm, Style};

/// Cell padding left and right, in ems of the table's size: half a character,
/// so text never touches a rule.
pub const PAD_EM: f32 = 0.5;

/// The narrowest column: two characters of text plus its padding.
const MIN_TEXT_EM: f32 = 2.0;

/// What both copies draw.
#[derive(Debug, Clone, PartialEq)]
pub struct TablePlan {
    /// Type size in points (3号, 5.2.2).
    pub size: f32,
    /// Column widths in twips (1/20 pt), summing to the text block's width.
    pub widths: Vec<u32>,
    /// Number of columns (the widest of header and rows).
    pub columns: usize,
    /// Whether the first row is a header row (any header cell has text).
    pub has_header: bool,
    /// Text lines of each row, header first when there is one.
    pub row_lines: Vec<u32>,
}

impl TablePlan {
    /// Column widths in points.
    pub fn widths_pt(&self) -> Vec<f32> {
        self.widths.iter().map(|w| *w as f32 / 20.0).collect()
    }
}

/// Times New Roman's advances for printable ASCII (U+0020–U+007E), in
/// thousandths of an em (the Times metrics Word and Liberation Serif share).
const TIMES_ASCII: [u16; 95] = [
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, // ' '../
    500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, // 0..?
    921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, // @..O
    556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500, // P.._
    333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, // `..o
    500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541, // p..~
];

/// A character's nominal advance in ems.
pub fn nominal_advance(c: char) -> f32 {
    let u = c as u32;
    if (0x20..0x7F).contains(&u) {
        return TIMES_ASCII[(u - 0x20) as usize] as f32 / 1000.0;
    }
    if ('\u{FF61}'..='\u{FFDC}').contains(&c) || (u < 0x2000 && c != '\u{B7}') {
        // Half-width forms and other Latin: half a cell.
        return 0.5;
    }
    1.0
}

fn text_of(cell: &[Inline]) -> Vec<char> {
    cell.iter()
        .flat_map(|i| i.visible().chars().collect::<Vec<_>>())
        .collect()
}

fn width_em(chars: &[char]) -> f32 {
    chars.iter().map(|c| nominal_advance(*c)).sum()
}

/// How many lines `chars` take in a measure `width` ems wide, broken where
/// the PDF's line breaker may break (clreq), a closing mark allowed to hang
/// past the edge as Word's `overflowPunct` lets it.
pub fn wrapped_lines(chars: &[char], width: f32) -> u32 {
    if chars.is_empty() {
        return 1;
    }
    let width = width.max(1.0);
    let allowed = break_opportunities(chars);
    let mut lines = 1u32;
    let mut x = 0.0f32;
    let mut start = 0;
    for (i, ok) in allowed.iter().enumerate() {
        if !ok {
            continue;
        }
        let seg = &chars[start..=i];
        start = i + 1;
        let w = width_em(seg);
        let hang = match seg.last() {
            Some(&c) if is_no_start(c) => nominal_advance(c),
            _ => 0.0,
        };
        if x + w - hang <= width + 1e-3 {
            x += w;
            continue;
        }
        if x > 0.0 {
            lines += 1;
        }
        // A segment wider than the line is cut where it must be.
        let mut rest = w - hang;
        while rest > width + 1e-3 {
            lines += 1;
            rest -= width;
        }
        x = rest + hang;
    }
    lines
}

/// The plan of `table` in `style`'s text block. `Ok(None)` for a table with
/// no cells at all.
pub fn plan(table: &Table, style: &Style) -> Result<Option<TablePlan>> {
    let columns = table
        .header
        .len()
        .max(table.rows.iter().map(Vec::len).max().unwrap_or(0));
    if columns == 0 {
        return Ok(None);
    }
    // 3号 [5.2.2].
    let size = style.body_size_pt;
    let total = (mm(style.text_width_mm) * 20.0).round() as u32;
    let pad = PAD_EM * size * 20.0;
    let min = (MIN_TEXT_EM * size * 20.0 + 2.0 * pad).ceil() as u32;
    if min as usize * columns > total as usize {
        let fit = (total / min).max(1);
        return Err(Error::new(format!(
            "the table at line {} of the rendered markup has {columns} columns; \
             the {} mm text block holds at most {fit} columns of two 3号 characters",
            table.line, style.text_width_mm
        ))
        .hint("split the table, or set its columns as rows (one row per item)"));
    }
    let has_header = table.header.iter().any(|c| !text_of(c).is_empty());
    let cell = |row: &[Vec<Inline>], c: usize| row.get(c).map(|x| text_of(x)).unwrap_or_default();
    let mut rows: Vec<Vec<Vec<char>>> = Vec::new();
    if has_header {
        rows.push((0..columns).map(|c| cell(&table.header, c)).collect());
    }
    for r in &table.rows {
        rows.push((0..columns).map(|c| cell(r, c)).collect());
    }
    let natural: Vec<f32> = (0..columns)
        .map(|c| {
            rows.iter()
                .map(|r| width_em(&r[c]) * size * 20.0 + 2.0 * pad)
                .fold(min as f32, f32::max)
        })
        .collect();
    let widths = fit_columns(&natural, total as f32, min as f32);
    let row_lines = rows
        .iter()
        .map(|r| {
            r.iter()
                .zip(&widths)
                .map(|(text, w)| wrapped_lines(text, (*w as f32 - 2.0 * pad) / (size * 20.0)))
                .max()
                .unwrap_or(1)
        })
        .collect();
    Ok(Some(TablePlan {
        size,
        widths,
        columns,
        has_header,
        row_lines,
    }))
}

/// The plan of the disclosure index block (索引号, 公文目录, …; gbt9704.md
/// "the disclosure metadata"): 4号, label/value pairs, two pairs a row when
/// the widest pair fits twice in the block, else one a row. (Mixed rows — a
/// long 索引号 alone, the rest in pairs — look tidier but make PDF readers
/// extract the cells out of order, so the table stays a regular grid.)
#[derive(Debug, Clone, PartialEq)]
pub struct IndexPlan {
    pub table: TablePlan,
    /// Label/value pairs a row: 1 or 2.
    pub pairs_per_row: usize,
}

/// A label as the index block prints it: with a full-width colon.
pub fn index_label(label: &str) -> String {
    if label.ends_with('\u{FF1A}') || label.ends_with(':') {
        label.to_string()
    } else {
        format!("{label}\u{FF1A}")
    }
}

/// The index block's plan; `None` when there is nothing to show.
pub fn index_plan(index: &[(String, String)], style: &Style) -> Option<IndexPlan> {
    if index.is_empty() {
        return None;
    }
    let size = style.index_size_pt;
    let total = (mm(style.text_width_mm) * 20.0).round() as u32;
    let pad = PAD_EM * size * 20.0;
    let natural = |t: &str| width_em(&t.chars().collect::<Vec<_>>()) * size * 20.0 + 2.0 * pad;
    let max_label = index
        .iter()
        .map(|(l, _)| natural(&index_label(l)))
        .fold(0.0, f32::max);
    let max_value = index.iter().map(|(_, v)| natural(v)).fold(0.0, f32::max);
    let pairs_per_row = if 2.0 * (max_label + max_value) <= total as f32 {
        2
    } else {
        1
    };
    let rows: Vec<Vec<String>> = index
        .chunks(pairs_per_row)
        .map(|pairs| {
            let mut row: Vec<String> = pairs
                .iter()
                .flat_map(|(l, v)| [index_label(l), v.clone()])
                .collect();
            row.resize(2 * pairs_per_row, String::new());
            row
        })
        .collect();
    let columns = 2 * pairs_per_row;
    let naturals: Vec<f32> = (0..columns)
        .map(|c| {
            rows.iter()
                .map(|r| natural(&r[c]))
                .fold(2.0 * pad + size * 20.0, f32::max)
        })
        .collect();
    let min = (MIN_TEXT_EM * size * 20.0 + 2.0 * pad).ceil();
    let widths = fit_columns(&naturals, total as f32, min);
    let row_lines = rows
        .iter()
        .map(|r| {
            r.iter()
                .zip(&widths)
                .map(|(t, w)| {
                    let chars: Vec<char> = t.chars().collect();
                    wrapped_lines(&chars, (*w as f32 - 2.0 * pad) / (size * 20.0))
                })
                .max()
                .unwrap_or(1)
        })
        .collect();
    Some(IndexPlan {
        table: TablePlan {
            size,
            widths,
            columns,
            has_header: false,
            row_lines,
        },
        pairs_per_row,
    })
}

/// Widths filling `total`: each column's natural width grown in proportion
/// when there is room; when there is not, columns narrower than their fair
/// share keep their width (short figures never wrap) and the wide ones share
/// the rest, none below `min`. Whole twips, summing exactly to `total`.
fn fit_columns(natural: &[f32], total: f32, min: f32) -> Vec<u32> {
    let sum: f32 = natural.iter().sum();
    let raw: Vec<f32> = if sum <= total {
        natural.iter().map(|w| w * total / sum).collect()
    } else {
        let mut kept = vec![false; natural.len()];
        loop {
            let free_total = total
                - natural
                    .iter()
                    .zip(&kept)
                    .filter(|(_, k)| **k)
                    .map(|(w, _)| w)
                    .sum::<f32>();
            let free = kept.iter().filter(|k| !**k).count().max(1);
            let share = free_total / free as f32;
            let mut changed = false;
            for (w, k) in natural.iter().zip(kept.iter_mut()) {
                if !*k && *w <= share {
                    *k = true;
                    changed = true;
                }
            }
            if !changed {
                let wide: f32 = natural
                    .iter()
                    .zip(&kept)
                    .filter(|(_, k)| !**k)
                    .map(|(w, _)| w)
                    .sum();
                break natural
                    .iter()
                    .zip(&kept)
                    .map(|(w, k)| {
                        if *k {
                            *w
                        } else {
                            (free_total * w / wide).max(min)
                        }
                    })
                    .collect();
            }
        }
    };
    let mut widths: Vec<u32> = raw.iter().map(|w| w.floor() as u32).collect();
    // The rounding remainder goes to the widest column.
    let rest = (total as u32).saturating_sub(widths.iter().sum());
    if let Some(i) = (0..widths.len()).max_by_key(|&i| widths[i]) {
        widths[i] += rest;
    }
    widths
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Align;

    fn table(header: &[&str], rows: &[&[&str]]) -> Table {
        let cells = |r: &[&str]| {
            r.iter()
                .map(|s| vec![Inline::Text(s.to_string())])
                .collect()
        };
        Table {
            header: cells(header),
            rows: rows.iter().map(|r| cells(r)).collect(),
            align: vec![Align::Left; header.len()],
            line: 7,
        }
    }

    #[test]
    fn widths_fill_the_block_and_short_figures_stay_on_one_line() {
        let s = Style::default();
        let t = table(
            &["指标", "目标", "完成", "完成率"],
            &[&["向上争取资金（万元）", "2947", "2780", "94.3%"]],
        );
        let p = plan(&t, &s).unwrap().unwrap();
        assert_eq!(
            p.widths.iter().sum::<u32>(),
            (mm(156.0) * 20.0).round() as u32
        );
        assert_eq!(p.row_lines, vec![1, 1]);
        assert!(p.widths[0] > p.widths[1], "{:?}", p.widths);
    }

    #[test]
    fn long_cells_wrap_inside_their_column() {
        let s = Style::default();
        let long = "全州科技系统坚决贯彻落实州委州政府决策部署".repeat(4);
        let t = table(&["项目", "说明"], &[&["甲", &long]]);
        let p = plan(&t, &s).unwrap().unwrap();
        assert!(p.row_lines[1] >= 3, "{:?}", p.row_lines);
    }

    #[test]
    fn fifty_columns_are_an_error_naming_the_line() {
        let s = Style::default();
        let header: Vec<String> = (0..50).map(|i| format!("列{i}")).collect();
        let h: Vec<&str> = header.iter().map(String::as_str).collect();
        let err = plan(&table(&h, &[]), &s).unwrap_err();
        assert!(err.message.contains("line 7"), "{}", err.message);
        assert!(err.message.contains("50 columns"), "{}", err.message);
    }

    #[test]
    fn short_index_pairs_go_two_a_row_and_long_ones_one() {
        let s = Style::default();
        let pair = |l: &str, v: &str| (l.to_string(), v.to_string());
        let short = [pair("文号", "楚科发〔2021〕3号"), pair("主题词", "科技")];
        assert_eq!(index_plan(&short, &s).unwrap().pairs_per_row, 2);
        let long = [
            pair("索引号", "11532300015167356F-/2021-0414002"),
            pair("公文目录", "规划总结"),
        ];
        let p = index_plan(&long, &s).unwrap();
        assert_eq!(p.pairs_per_row, 1);
        assert_eq!(p.table.row_lines, vec![1, 1]);
        assert_eq!(index_label("文号"), "文号：");
    }

    #[test]
    fn wrapping_counts_lines_and_hangs_a_closing_mark() {
        // Four characters and a comma in a four-character measure: one line.
        assert_eq!(
            wrapped_lines(&"科技创新，".chars().collect::<Vec<_>>(), 4.0),
            1
        );
        assert_eq!(
            wrapped_lines(&"科技创新工作".chars().collect::<Vec<_>>(), 4.0),
            2
        );
        assert_eq!(wrapped_lines(&[], 4.0), 1);
    }
}
