//! A table looks the same in the printed and the editable copy: the same
//! size, fonts, header style, column widths and row heights (both follow
//! `layout::table_plan`), and it never loses or overprints text — a row
//! taller than a page goes on over the next, a table too wide to read is
//! refused with the line that made it.

mod docx_support;
mod pdf_support;

use docx_support::{parse, parts};
use gongwen::model::{Align, Block, Document, Inline, Table};
use gongwen::style::{mm, Style};
use pdf_support::{lay_out, paragraphs, showcase_document, text};

fn with_table(doc: &mut Document, header: &[&str], rows: &[Vec<String>]) {
    doc.blocks.push(Block::Table(Table {
        header: header.iter().map(|h| text(h)).collect(),
        rows: rows
            .iter()
            .map(|r| r.iter().map(|c| vec![Inline::Text(c.clone())]).collect())
            .collect(),
        align: vec![Align::Left; header.len()],
        line: 12,
    }));
}

/// The x of each vertical rule the PDF draws, left to right, for rules
/// below `from_y` on the first page that has any.
fn pdf_columns(layout: &gongwen::layout::Layout, from_y: f32) -> Vec<f32> {
    let page = layout
        .pages
        .iter()
        .find(|p| p.rules.iter().any(|r| r.x0 == r.x1 && r.y0 >= from_y))
        .expect("a page with a table");
    let mut xs: Vec<f32> = page
        .rules
        .iter()
        .filter(|r| r.x0 == r.x1 && r.y0 >= from_y)
        .map(|r| r.x0)
        .collect();
    xs.sort_by(|a, b| a.partial_cmp(b).unwrap());
    xs.dedup_by(|a, b| (*a - *b).abs() < 0.01);
    xs
}

#[test]
fn the_showcase_table_has_the_same_size_fonts_and_columns_in_both_copies() {
    let doc = showcase_document();
    let style = Style::default();
    let layout = lay_out(&doc);
    let parts = parts(&gongwen::docx::write(&doc, &style).unwrap());
    let body = parse(&parts["word/document.xml"]);
    // The body table: the last one (the index block comes first).
    let tbl = *body.all("w:tbl").last().unwrap();
    let ppr = tbl.child("w:tblPr").unwrap();
    assert_eq!(
        ppr.child("w:tblLayout").and_then(|l| l.attr("w:type")),
        Some("fixed")
    );
    let left = mm(style.margin_left_mm);
    let mut docx_xs = vec![left];
    for col in tbl.child("w:tblGrid").unwrap().all("w:gridCol") {
        let w: f32 = col.attr("w:w").unwrap().parse().unwrap();
        docx_xs.push(docx_xs.last().unwrap() + w / 20.0);
    }
    // The PDF's body table: the rules below the index block's.
    let index_bottom = layout.pages[0]
        .rules
        .iter()
        .filter(|r| r.x0 != r.x1)
        .map(|r| r.y0)
        .fold(0.0f32, f32::max);
    let last_page_with_table = layout
        .pages
        .iter()
        .rev()
        .find(|p| p.rules.iter().any(|r| r.x0 == r.x1))
        .unwrap();
    let from = if last_page_with_table.number == 1 {
        index_bottom
    } else {
        0.0
    };
    let single = gongwen::layout::Layout {
        pages: vec![last_page_with_table.clone()],
        ..layout.clone()
    };
    let pdf_xs = pdf_columns(&single, from);
    assert_eq!(pdf_xs.len(), docx_xs.len(), "{pdf_xs:?} vs {docx_xs:?}");
    for (p, d) in pdf_xs.iter().zip(&docx_xs) {
        assert!(
            (p - d).abs() < 0.1,
            "column edge {p} pt in the PDF, {d} pt in the DOCX"
        );
    }
    // Rows: exactly one grid line each in the DOCX, the last less its ½ pt
    // bottom rule, so the table ends on a grid line.
    let rows = tbl.all("w:tr");
    for (i, tr) in rows.iter().enumerate() {
        let h = tr
            .child("w:trPr")
            .and_then(|p| p.child("w:trHeight"))
            .unwrap();
        let expected = if i + 1 == rows.len() { "569" } else { "579" };
        assert_eq!(h.attr("w:val"), Some(expected), "row {i}");
        assert_eq!(h.attr("w:hRule"), Some("exact"));
    }
    assert!(tbl.all("w:tr")[0]
        .child("w:trPr")
        .unwrap()
        .child("w:tblHeader")
        .is_some());
    // Size and fonts: 3号 in both; the header in 黑体 in both.
    let styles = parse(&parts["word/styles.xml"]);
    let sz = |id: &str| {
        let s = styles.style(id);
        s.child("w:rPr")
            .and_then(|r| r.child("w:sz"))
            .and_then(|e| e.attr("w:val"))
            .map(str::to_string)
    };
    assert_eq!(sz("TableText").as_deref(), Some("32"));
    let fonts = pdf_support::fonts();
    let header_run = last_page_with_table
        .runs
        .iter()
        .find(|r| r.text.contains("完成率"))
        .expect("the header row in the PDF");
    assert_eq!(header_run.size, 16.0);
    assert_eq!(
        header_run.font,
        fonts.role_font(gongwen::style::FontRole::Heading1),
        "the header is set in the level-1 heading face (黑体)"
    );
    let cell_run = last_page_with_table
        .runs
        .iter()
        .find(|r| r.text.contains("向上争取资金"))
        .unwrap();
    assert_eq!(cell_run.size, 16.0);
}

/// Every character of the input appears in the layout, once.
fn count_chars(layout: &gongwen::layout::Layout, c: char) -> usize {
    layout
        .pages
        .iter()
        .flat_map(|p| p.runs.iter())
        .map(|r| r.text.chars().filter(|x| *x == c).count())
        .sum()
}

#[test]
fn a_row_taller_than_a_page_goes_on_over_the_next_pages() {
    let mut doc = paragraphs(&["正文。"]);
    // About 70 lines of text: more than three pages.
    let long: String = (0..200)
        .map(|i| format!("第{}行科技创新。", i % 10))
        .collect();
    with_table(
        &mut doc,
        &["项目", "说明"],
        &[vec!["甲".into(), long.clone()]],
    );
    let layout = lay_out(&doc);
    let bottom = pdf_support::block_bottom_pt();
    assert!(layout.pages.len() >= 3, "{} pages", layout.pages.len());
    for page in &layout.pages {
        for run in &page.runs {
            if run.text.contains('—') {
                continue; // the page number
            }
            assert!(
                run.baseline < bottom,
                "text below the block on page {}",
                page.number
            );
        }
        for r in &page.rules {
            assert!(
                r.y1 <= bottom + 1.0,
                "a rule below the block on page {}",
                page.number
            );
        }
        // No tightening: the table pages keep the grid.
        assert!((page.line_pitch - Style::default().line_pitch_pt()).abs() < 0.5);
    }
    // Nothing lost: each 行 of the long cell is set.
    assert_eq!(count_chars(&layout, '行'), 200);
    // The header row repeats at the top of each page the table goes on to.
    let headed = layout
        .pages
        .iter()
        .filter(|p| p.runs.iter().any(|r| r.text.contains("说明")))
        .count();
    let with_table_text = layout
        .pages
        .iter()
        .filter(|p| p.runs.iter().any(|r| r.text.contains('行')))
        .count();
    assert_eq!(headed, with_table_text);
}

#[test]
fn a_huge_cell_on_the_last_page_is_not_squeezed_onto_it() {
    let mut doc = paragraphs(&["正文。"; 18]);
    let long: String = "科技创新工作稳步推进。".repeat(40);
    with_table(&mut doc, &["项目", "说明"], &[vec!["甲".into(), long]]);
    let layout = lay_out(&doc);
    let grid = Style::default().line_pitch_pt();
    for page in &layout.pages {
        // 7.3.5.5 allows closing up a few lines, never hundreds.
        assert!(
            page.line_pitch > grid * 22.0 / 26.0,
            "page {} tightened to a pitch of {} pt",
            page.number,
            page.line_pitch
        );
    }
    assert_eq!(count_chars(&layout, '推'), 40);
}

#[test]
fn cells_wrap_inside_their_columns() {
    let mut doc = paragraphs(&["正文。"]);
    let long = "全州科技系统坚决贯彻落实州委州政府决策部署。".repeat(3);
    with_table(
        &mut doc,
        &["序号", "内容", "备注"],
        &[vec!["1".into(), long.clone(), "无".into()]],
    );
    let layout = lay_out(&doc);
    let xs = pdf_columns(&layout, 0.0);
    assert_eq!(xs.len(), 4);
    let page = &layout.pages[0];
    // The runs inside the table that start in its middle column.
    let verticals: Vec<_> = page.rules.iter().filter(|r| r.x0 == r.x1).collect();
    let bottom = verticals.iter().map(|r| r.y1).fold(0.0f32, f32::max);
    let top = verticals.iter().map(|r| r.y0).fold(f32::MAX, f32::min);
    let middle = page.runs.iter().filter(|r| {
        (top..bottom).contains(&r.baseline)
            && !r.text.contains("内容")
            && r.glyphs
                .first()
                .is_some_and(|g| g.x >= xs[1] && g.x < xs[2])
    });
    let mut set = 0;
    for run in middle {
        set += run.text.chars().count();
        for g in &run.glyphs {
            assert!(
                // A hanging closing mark may sit in the padding, never past the rule.
                g.x >= xs[1] && g.x < xs[2],
                "a glyph of the middle column at {}..{} outside {}..{}",
                g.x,
                g.x + g.width,
                xs[1],
                xs[2]
            );
        }
    }
    assert_eq!(
        set,
        long.chars().count(),
        "the cell's text, all of it, in its column"
    );
}

#[test]
fn a_table_too_wide_to_read_is_refused_naming_its_line() {
    let mut doc = paragraphs(&["正文。"]);
    let header: Vec<String> = (1..=50).map(|i| format!("第{i}列")).collect();
    let h: Vec<&str> = header.iter().map(String::as_str).collect();
    with_table(&mut doc, &h, &[]);
    let style = Style::default();
    let pdf = gongwen::layout::layout(&doc, &style, &pdf_support::fonts()).unwrap_err();
    let docx = gongwen::docx::write(&doc, &style).unwrap_err();
    for e in [pdf, docx] {
        assert!(e.message.contains("line 12"), "{}", e.message);
        assert!(e.message.contains("50 columns"), "{}", e.message);
        assert!(e.hint.is_some());
    }
}

#[test]
fn the_index_block_has_the_same_rows_and_columns_in_both_copies() {
    let style = Style::default();
    for index in [
        // Short pairs go two a row, a long 索引号 makes it one a row.
        vec![
            ("文号", "楚科发〔2021〕3号"),
            ("主题词", "科技"),
            ("公文目录", "规划总结"),
        ],
        vec![
            ("索引号", "11532300015167356F-/2022-0101001"),
            ("公文目录", "规划总结"),
        ],
    ] {
        let mut doc = paragraphs(&["正文。"]);
        doc.meta.index = index
            .iter()
            .map(|(l, v)| (l.to_string(), v.to_string()))
            .collect();
        let layout = lay_out(&doc);
        let page = &layout.pages[0];
        let mut xs: Vec<f32> = page
            .rules
            .iter()
            .filter(|r| r.x0 == r.x1)
            .map(|r| r.x0)
            .collect();
        xs.sort_by(|a, b| a.partial_cmp(b).unwrap());
        xs.dedup_by(|a, b| (*a - *b).abs() < 0.01);
        let mut ys: Vec<f32> = page
            .rules
            .iter()
            .filter(|r| r.y0 == r.y1)
            .map(|r| r.y0)
            .collect();
        ys.sort_by(|a, b| a.partial_cmp(b).unwrap());
        ys.dedup_by(|a, b| (*a - *b).abs() < 0.01);

        let parts = parts(&gongwen::docx::write(&doc, &style).unwrap());
        let body = parse(&parts["word/document.xml"]);
        let tbl = body.all("w:tbl")[0];
        let mut docx_xs = vec![mm(style.margin_left_mm)];
        for col in tbl.child("w:tblGrid").unwrap().all("w:gridCol") {
            let w: f32 = col.attr("w:w").unwrap().parse().unwrap();
            docx_xs.push(docx_xs.last().unwrap() + w / 20.0);
        }
        let pairs_a_row = if index.len() == 3 { 2 } else { 1 };
        assert_eq!(xs.len(), 2 * pairs_a_row + 1, "{index:?}: {xs:?}");
        assert_eq!(xs.len(), docx_xs.len(), "{index:?}: {xs:?} vs {docx_xs:?}");
        for (p, d) in xs.iter().zip(&docx_xs) {
            assert!((p - d).abs() < 0.1, "{index:?}: column edge {p} vs {d}");
        }
        let rows = tbl.all("w:tr");
        assert_eq!(rows.len() + 1, ys.len(), "{index:?}: rows");
        assert!(rows.iter().all(|r| r.all("w:tc").len() + 1 == xs.len()));
    }
}
