//! Chinese line breaking (clreq §3.1.7, GB/T 15834): no line starts with a
//! closing mark or ends with an opening one; —— and …… stay whole; a number
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
fn a_comma_never_starts_a_line() {
    // The comma would be the first character of line 2: its neighbour goes with it (push out).
    let doc = paragraphs(&[&format!(
        "{FILL_26},后面还有很多很多的文字需要继续排下去直到换行为止。"
    )]);
    let lines = body_lines(&doc);
    assert!(
        lines.iter().all(|l| !l.starts_with('\u{FF0C}')),
        "{lines:?}"
    );
    assert!(
        lines.iter().any(|l| l.starts_with("六\u{FF0C}")),
        "{lines:?}"
    );
}

#[test]
fn a_comma_is_pulled_in_when_the_line_has_marks_to_squeeze() {
    // 23 Han characters and two 、 fill 25 cells; "六," needs two more of
    // the 26: squeezing the two 、 by half a cell each makes room (push in).
    let lead: String = FILL_26.chars().take(23).collect();
    let lead = format!(
        "{}、{}、{}",
        &lead[..3 * 8],
        &lead[3 * 8..3 * 16],
        &lead[3 * 16..]
    );
    let doc = paragraphs(&[&format!(
        "{lead}六,后面还有很多很多的文字需要继续排下去直到换行为止。"
    )]);
    let lines = body_lines(&doc);
    assert!(lines.iter().any(|l| l.ends_with("六\u{FF0C}")), "{lines:?}");
    assert!(
        lines.iter().all(|l| !l.starts_with('\u{FF0C}')),
        "{lines:?}"
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
fn a_number_keeps_its_percent_sign_and_unit() {
    for figure in ["94.3%", "2780万元", "108.6%"] {
        // Try the figure at every position across the end of the first line.
        for shift in 0..6 {
            let lead: String = FILL_26.chars().take(26 - shift).collect();
            let doc = paragraphs(&[&format!(
                "{lead}{figure}之后还有文字继续排列下去直到第二行结束为止还有更多的字。"
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
                assert!(
                    (l.right - right_edge).abs() < 1.0,
                    "shift {shift}: “{}” ends at {}",
                    l.text,
                    l.right
                );
            }
        }
    }
}
