//! Chinese line breaking (clreq §3.1.7, GB/T 15834) as Word does it: no
//! line starts with a closing mark (it hangs past the edge instead) or ends
//! with an opening one; no mark is squeezed; —— and …… stay whole; a number
//! keeps its % or unit.
mod pdf_support;

use gongwen::layout::linebreak::{is_no_end, is_no_start};
use pdf_support::*;

/// 26 Han characters fill a first line (two characters of indent + 26 = 28).
const FILL_26: &str = "一二三四五六七八九十一二三四五六七八九十一二三四五六";

fn body_lines(doc: &gongwen::model::Document) -> Vec<String> {
    let layout = lay_out(doc);
    layout_lines(&layout).into_iter().map(|l| l.text).collect()
}

#[test]
fn no_sample_line_starts_with_a_closing_mark_or_ends_with_an_opening_one() {
    let layout = lay_out(&sample_document());
    let lines = layout_lines(&layout);
    assert!(lines.len() > 100);
    for l in lines {
        let first = l.text.chars().next().unwrap();
        let last = l.text.chars().last().unwrap();
        // Lists open with their dash: "——" begins an item, not a broken line.
        let dash_item = l.text.starts_with("——");
        assert!(
            dash_item || !is_no_start(first),
            "page {} line starts with “{first}”: {}",
            l.page,
            l.text
        );
        assert!(
            !is_no_end(last),
            "page {} line ends with “{last}”: {}",
            l.page,
            l.text
        );
    }
}

#[test]
fn a_comma_that_would_start_a_line_hangs_past_the_edge() {
    // The comma would be the first character of line 2: it hangs one cell
    // past the right edge of line 1 (Word's overflowPunct), which keeps its
    // 28 cells.
    let doc = paragraphs(&[&format!(
        "{FILL_26},后面还有很多很多的文字需要继续排下去直到换行为止。"
    )]);
    let layout = lay_out(&doc);
    let lines = layout_lines(&layout);
    let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
    assert!(
        texts.iter().all(|l| !l.starts_with('\u{FF0C}')),
        "{texts:?}"
    );
    let first = lines
        .iter()
        .find(|l| l.text.ends_with("六\u{FF0C}"))
        .expect("comma hangs");
    let cell = gongwen::style::Style::default().char_pitch_pt();
    let edge = gongwen::style::mm(28.0 + 156.0);
    // The comma's em box starts at the edge.
    assert!(
        (first.right - 16.0 - edge).abs() < 0.1,
        "comma set at {}, edge at {edge}",
        first.right - 16.0
    );
    assert!(first.right - edge < cell + 0.5);
}

#[test]
fn marks_are_never_squeezed_to_pull_a_comma_in() {
    // 23 Han characters and two 、 fill 25 cells and "六," two more: the
    // old push-in squeezed the two 、 to half a cell to take the comma in.
    // Each mark keeps its full cell (GB/T 15834 5.1): 六 still fits as the
    // 28th cell (two of indent), and the comma hangs.
    let lead: String = FILL_26.chars().take(23).collect();
    let lead = format!(
        "{}、{}、{}",
        &lead[..3 * 8],
        &lead[3 * 8..3 * 16],
        &lead[3 * 16..]
    );
    let doc = paragraphs(&[&format!(
        "{lead}六七,后面还有很多很多的文字需要继续排下去直到换行为止。"
    )]);
    let layout = lay_out(&doc);
    let lines = line_model::glyph_lines(&layout);
    assert!(line_model::squeezed(&lines).is_empty(), "{lines:?}");
    let texts: Vec<String> = lines.iter().map(|l| l.text()).collect();
    assert!(texts.iter().any(|l| l.ends_with("三六")), "{texts:?}");
    assert!(
        texts.iter().any(|l| l.starts_with("七\u{FF0C}")),
        "{texts:?}"
    );
}

#[test]
fn an_opening_mark_moves_down_and_its_line_is_justified() {
    // “ would be the 28th cell: it moves to the next line with 三, and the
    // 27 characters left are spread to the full measure.
    let doc = paragraphs(&[&format!(
        "{}“三张牌”战略定位深入实施科教兴州人才强州创新驱动发展战略。",
        &FILL_26[..FILL_26.len() - 3]
    )]);
    let layout = lay_out(&doc);
    let lines = layout_lines(&layout);
    // lines[0] is the title.
    assert!(lines[2].text.starts_with("“三"), "{lines:?}");
    let glyphs = line_model::glyph_lines(&layout);
    let first = &glyphs[1];
    assert_eq!(first.glyphs.len(), 25, "{first:?}");
    let last = first.glyphs.last().unwrap();
    let cell = gongwen::style::Style::default().char_pitch_pt();
    let edge = gongwen::style::mm(28.0 + 156.0);
    assert!(
        (last.x + cell - edge).abs() < 0.05,
        "line ends at {}",
        last.x + cell
    );
}

#[test]
fn an_opening_quote_does_not_end_a_line() {
    // The first line's last cell would hold “.
    let doc = paragraphs(&[&format!(
        "{}“三张牌”战略定位深入实施科教兴州人才强州创新驱动发展战略。",
        &FILL_26[..FILL_26.len() - 3]
    )]);
    let lines = body_lines(&doc);
    assert!(lines.iter().all(|l| !l.ends_with('“')), "{lines:?}");
    assert!(lines.iter().any(|l| l.contains("“三")), "{lines:?}");
}

#[test]
fn two_em_dash_and_ellipsis_are_never_split() {
    for mark in ["——", "……"] {
        // Put the mark across the end of the first line.
        let doc = paragraphs(&[&format!(
            "{}{mark}接下来的文字一直写到第二行的末尾还要更多更多更多更多更多。",
            &FILL_26[..FILL_26.len() - 3]
        )]);
        let lines = body_lines(&doc);
        let single = mark.chars().next().unwrap();
        for l in &lines {
            let lead = l.chars().take_while(|c| *c == single).count();
            let trail = l.chars().rev().take_while(|c| *c == single).count();
            assert!(lead % 2 == 0 && trail % 2 == 0, "{mark} split: {lines:?}");
        }
    }
}

#[test]
fn a_number_keeps_its_digits_and_percent_sign_as_word_does() {
    // Word keeps a number whole (one Latin word) and never starts a line
    // with % (the kinsoku list); it breaks between the number and a Han
    // unit as between any Latin word and Han text (gbt9704.md "How Word
    // lays out a line"), so the PDF does too.
    for figure in ["94.3%", "2780", "108.6%", "261.97"] {
        // Try the figure at every position across the end of the first line.
        for shift in 0..6 {
            let lead: String = FILL_26.chars().take(26 - shift).collect();
            let doc = paragraphs(&[&format!(
                "{lead}{figure}万元之后还有文字继续排列下去直到第二行结束为止还有更多的字。"
            )]);
            let lines = body_lines(&doc);
            assert!(
                lines.iter().any(|l| l.contains(figure)),
                "{figure} split at shift {shift}: {lines:?}"
            );
        }
    }
}

#[test]
fn a_han_unit_may_start_a_line_after_its_number_as_in_word() {
    // The indent and 24 characters leave two cells: the four half-width
    // digits of 3000 fit in them, 万 does not and starts the next line,
    // rather than pulling the number down and leaving the line spread.
    let lead: String = FILL_26.chars().take(24).collect();
    let doc = paragraphs(&[&format!(
        "{lead}3000万元之后还有文字继续排列下去直到第二行结束为止还有更多的字。"
    )]);
    let lines = body_lines(&doc);
    // lines[0] is the title.
    assert!(lines[1].ends_with("3000"), "{lines:?}");
    assert!(lines[2].starts_with("万元"), "{lines:?}");
}

#[test]
fn every_shift_of_the_sample_text_keeps_the_rules_and_the_measure() {
    // The sample's paragraphs, shifted by 0 to 27 characters, put every
    // mark at every position of a line at least once.
    let doc = sample_document();
    let texts: Vec<String> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            gongwen::model::Block::Paragraph(p) => Some(gongwen::model::plain(&p.content)),
            _ => None,
        })
        .collect();
    let right_edge = gongwen::style::mm(28.0 + 156.0);
    let cell = gongwen::style::Style::default().char_pitch_pt();
    for shift in 0..28 {
        let lead: String = "一".repeat(shift);
        let shifted: Vec<String> = texts.iter().map(|t| format!("{lead}{t}")).collect();
        let refs: Vec<&str> = shifted.iter().map(String::as_str).collect();
        let layout = lay_out(&paragraphs(&refs));
        let lines = layout_lines(&layout);
        for (i, l) in lines.iter().enumerate() {
            let first = l.text.chars().next().unwrap();
            let last = l.text.chars().last().unwrap();
            assert!(
                !is_no_start(first),
                "shift {shift}: line starts with “{first}”: {}",
                l.text
            );
            assert!(
                !is_no_end(last),
                "shift {shift}: line ends with “{last}”: {}",
                l.text
            );
            // A line followed by a line of the same paragraph is full.
            let continued = lines.get(i + 1).is_some_and(|n| {
                (n.left - gongwen::style::mm(28.0)).abs() < 0.1 && n.page == l.page
            });
            if continued {
                // The last cell ends at the edge, or a closing mark hangs
                // one cell past it.
                let end = l.right - (16.0 - cell);
                let hangs = gongwen::layout::linebreak::may_hang(last);
                assert!(
                    (end - right_edge).abs() < 0.05
                        || (hangs && (end - right_edge - cell).abs() < 0.05),
                    "shift {shift}: “{}” ends at {}",
                    l.text,
                    l.right
                );
            }
        }
    }
}
