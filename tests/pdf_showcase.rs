//! A document with a long title, dash lists, a table and all four heading
//! levels, checked for what a reader would notice.
mod pdf_support;

use gongwen::style::{mm, FontRole};
use pdf_support::*;

/// A run is in its role's face, or (digits and Latin) in the Latin face.
fn r_font_ok(run: &gongwen::layout::GlyphRun, role: usize, latin: Option<usize>) -> bool {
    run.font == role || (Some(run.font) == latin && run.text.is_ascii())
}

#[test]
fn a_long_title_wraps_into_balanced_centred_lines() {
    let doc = showcase_document();
    let layout = lay_out(&doc);
    let title_size = 22.0;
    let fonts = fonts();
    let title_font = fonts.role_font(FontRole::Title);
    let mut rows: Vec<(f32, String, f32, f32)> = Vec::new();
    // The title's runs, in 小标宋 but for its digits (Times New Roman's
    // widths), joined by baseline.
    for run in layout.pages[0].runs.iter().filter(|r| r.size == title_size) {
        assert!(
            r_font_ok(run, title_font, fonts.latin_font()),
            "title run “{}” in font {}",
            run.text,
            run.font
        );
        let left = run.glyphs.first().unwrap().x;
        let right = run.glyphs.last().map(|g| g.x + g.width).unwrap();
        match rows.iter_mut().find(|r| (r.0 - run.baseline).abs() < 0.01) {
            Some(row) => {
                row.1.push_str(&run.text);
                row.2 = row.2.min(left);
                row.3 = row.3.max(right);
            }
            None => rows.push((run.baseline, run.text.clone(), left, right)),
        }
    }
    assert!(rows.len() >= 2, "{rows:?}");
    let joined: String = rows.iter().map(|r| r.1.as_str()).collect();
    assert_eq!(joined, doc.meta.title);
    let centre = mm(28.0 + 78.0);
    for (_, text, left, right) in &rows {
        assert!(
            ((left + right) / 2.0 - centre).abs() < 2.0,
            "“{text}” is not centred"
        );
        assert!(
            right - left <= mm(156.0) + 0.5,
            "“{text}” is wider than the text block"
        );
    }
    // Phrases, not words, are split: no line ends inside 年度, 工作, 情况.
    for pair in rows.windows(2) {
        let a = pair[0].1.chars().last().unwrap();
        let b = pair[1].1.chars().next().unwrap();
        for word in ["年度", "工作", "情况", "科技"] {
            let mut w = word.chars();
            assert!(
                !(w.next() == Some(a) && w.next() == Some(b)),
                "title split inside {word}: {rows:?}"
            );
        }
    }
    // Balanced: the longest line is not twice the shortest.
    let widths: Vec<f32> = rows.iter().map(|r| r.3 - r.2).collect();
    let (lo, hi) = widths
        .iter()
        .fold((f32::MAX, 0.0f32), |(lo, hi), w| (lo.min(*w), hi.max(*w)));
    assert!(hi < 2.0 * lo, "unbalanced title lines: {widths:?}");
}

#[test]
fn headings_lists_and_tables_are_set_as_the_standard_says() {
    let doc = showcase_document();
    let layout = lay_out(&doc);
    let fonts = fonts();
    let runs: Vec<&gongwen::layout::GlyphRun> = layout.pages.iter().flat_map(|p| &p.runs).collect();
    // The face of the first run of the line that starts with `start`.
    let set_lines = layout_lines(&layout);
    let font_of = |start: &str| {
        let start = full_width(start);
        let line = set_lines
            .iter()
            .find(|l| l.text.starts_with(&start))
            .unwrap_or_else(|| panic!("no line starts with {start}"));
        runs.iter()
            .filter(|r| {
                r.glyphs
                    .first()
                    .is_some_and(|g| (g.x - line.left).abs() < 0.01)
            })
            .find(|r| (r.baseline - line.baseline).abs() < 0.01)
            .map(|r| r.font)
            .unwrap_or_else(|| panic!("no run starts {start}"))
    };
    // 7.3.3: 一、 in 黑体, (一) in 楷体, 1. and (1) in 仿宋.
    assert_eq!(font_of("一、"), fonts.role_font(FontRole::Heading1));
    assert_eq!(font_of("(一)"), fonts.role_font(FontRole::Heading2));
    assert_eq!(font_of("(二)"), fonts.role_font(FontRole::Heading2));
    // "1." is a half-width digit and full stop, in the digits' face as in
    // the DOCX; its heading text in 仿宋.
    assert_eq!(Some(font_of("1.")), fonts.latin_font());
    let heading3 = runs
        .iter()
        .find(|r| r.text.starts_with("科技项目"))
        .unwrap();
    assert_eq!(heading3.font, fonts.role_font(FontRole::Body));
    assert_eq!(font_of("(1)"), fonts.role_font(FontRole::Body));
    // The run-in heading is followed on its line by body text in 仿宋.
    let run_in = runs
        .iter()
        .position(|r| r.text.starts_with(&full_width("(一)")))
        .unwrap();
    assert_eq!(runs[run_in + 1].font, fonts.role_font(FontRole::Body));
    assert!((runs[run_in + 1].baseline - runs[run_in].baseline).abs() < 0.01);

    // Dash lists: each item its own line starting with ——, indented two characters.
    let lines = layout_lines(&layout);
    let cell = gongwen::style::Style::default().char_pitch_pt();
    let items: Vec<&SetText> = lines.iter().filter(|l| l.text.starts_with("——")).collect();
    assert_eq!(items.len(), 2);
    for item in items {
        assert!(
            (item.left - (mm(28.0) + 2.0 * cell)).abs() < 0.5,
            "{item:?}"
        );
    }

    // The table: bordered, inside the text block, its cells in reading order.
    let rules: Vec<&gongwen::layout::Rule> = layout.pages.iter().flat_map(|p| &p.rules).collect();
    assert!(
        rules.len() >= 3 * 6,
        "a 3-row table has borders: {}",
        rules.len()
    );
    for r in &rules {
        assert!(r.x0 >= mm(28.0) - 0.5 && r.x1 <= mm(184.0) + 0.5);
    }
    let table_row = lines
        .iter()
        .find(|l| l.text.starts_with("向上争取资金"))
        .expect("table row");
    assert!(
        table_row.text.contains("2780") && table_row.text.contains("94.3%"),
        "{table_row:?}"
    );
}

#[test]
fn attachment_note_sits_under_the_body_with_names_aligned() {
    let doc = showcase_document();
    let layout = lay_out(&doc);
    let lines = layout_lines(&layout);
    let cell = gongwen::style::Style::default().char_pitch_pt();
    let first = lines
        .iter()
        .find(|l| l.text.starts_with("附件"))
        .expect("attachment note");
    let second = lines
        .iter()
        .find(|l| l.text.starts_with("2."))
        .expect("second attachment");
    // 7.3.4: indented two characters; the second number under the first.
    assert!((first.left - (mm(28.0) + 2.0 * cell)).abs() < 0.5);
    assert!(
        (second.left - (first.left + 3.0 * cell)).abs() < 0.5,
        "{first:?} {second:?}"
    );
}

#[test]
fn a_value_still_to_be_filled_in_is_shown_and_highlighted() {
    let mut doc = paragraphs(&["全年争取资金"]);
    if let gongwen::model::Block::Paragraph(p) = &mut doc.blocks[0] {
        p.content
            .push(gongwen::model::Inline::Placeholder("results.funds".into()));
        p.content
            .push(gongwen::model::Inline::Text("万元。".into()));
    }
    let layout = lay_out(&doc);
    let run = layout
        .pages
        .iter()
        .flat_map(|p| &p.runs)
        .find(|r| r.text.contains("results.funds"))
        .expect("placeholder run");
    assert!(run.highlight);
    // Its key path is Latin, set in the digits' face: the value is the
    // highlighted runs of its line together.
    let value: String = layout
        .pages
        .iter()
        .flat_map(|p| &p.runs)
        .filter(|r| r.highlight && (r.baseline - run.baseline).abs() < 0.01)
        .map(|r| r.text.as_str())
        .collect();
    assert_eq!(value, gongwen::model::placeholder_text("results.funds"));
    let pdf = temp_file("placeholder.pdf", &build_pdf(&doc));
    let out = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("results.funds"));
}
