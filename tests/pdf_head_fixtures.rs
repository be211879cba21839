//! The head of every 公文 fixture (tests/fixtures/gongwen/<case>), built
//! through the CLI and measured in its PDF against GB/T 9704-2012 at
//! ±0.5 mm: the 标志's top edge (35 mm under the block, 7.2.4; an order's
//! 20 mm, 10.2; a letter's 30 mm from the paper's top, 10.1), the 发文字号
//! two lines under the 标志 (7.2.5), the red rule 4 mm under the 文号 and the
//! block's width (7.2.7), the title two lines under it (7.3.1); the 标志 and
//! the rules red, the 文号 and the title black.
mod common;
mod pdf_support;

use std::path::PathBuf;

use pdf_support::ink::*;
use pdf_support::{pt_to_mm, BoxLine};

const TOP_MM: f32 = 37.0;
const LEFT_MM: f32 = 28.0;
const WIDTH_MM: f32 = 156.0;
/// One line: 225 mm / 22 (5.2.3).
const P_MM: f32 = 225.0 / 22.0;
/// Type this tall (em box) or taller is the 标志: the title's 2号 is 7.8 mm.
const ORGAN_EM_MM: f32 = 9.0;

/// Builds one fixture's PDF through the CLI.
fn build(case: &str) -> PathBuf {
    let dir = common::root().join("tests/fixtures/gongwen").join(case);
    let out = common::scratch(&format!("head-{case}"));
    let o = common::build(
        &dir,
        &dir.join("data.yaml"),
        &out,
        // Each case's templates/ (or, for work-report, the project's) is found from its data file.
        &["--format", "pdf"],
    );
    assert!(o.status.success(), "{case}: {}", common::stderr(&o));
    common::files_below(&out)
        .into_iter()
        .find(|f| f.extension().is_some_and(|e| e == "pdf"))
        .map(|f| out.join(f))
        .unwrap_or_else(|| panic!("{case}: no PDF"))
}

/// Page 1's head as measured: the 标志's words, the 文号, the red rules and
/// the first line under the head (the title, or an order's text).
struct Head {
    organ: Vec<BoxLine>,
    number: BoxLine,
    rules: Vec<(f32, f32, f32)>,
    first_under: BoxLine,
    picture: Picture,
}

impl Head {
    fn of(case: &str) -> Head {
        let pdf = build(case);
        let words: Vec<BoxLine> = words(&pdf).into_iter().filter(|w| w.page == 1).collect();
        let organ: Vec<BoxLine> = words
            .iter()
            .filter(|w| bottom(w) - top(w) >= ORGAN_EM_MM)
            .cloned()
            .collect();
        assert!(!organ.is_empty(), "{case}: no 标志 on page 1: {words:#?}");
        let organ_bottom = organ.iter().map(bottom).fold(0.0, f32::max);
        // The 文号 (an order's 令号) is the first line under the 标志.
        let number = words
            .iter()
            .filter(|w| top(w) > organ_bottom && (w.text.contains('〔') || w.text.ends_with('号')))
            .min_by(|a, b| a.y_min.total_cmp(&b.y_min))
            .unwrap_or_else(|| panic!("{case}: no 文号: {words:#?}"))
            .clone();
        let picture = Picture::of(&pdf, 1);
        let rules = picture.red_rules(100.0);
        let below = rules
            .iter()
            .map(|r| r.0)
            .filter(|y| *y < 200.0)
            .fold(bottom(&number), f32::max);
        let first_under = words
            .iter()
            .filter(|w| top(w) > below + 1.0)
            .min_by(|a, b| a.y_min.total_cmp(&b.y_min))
            .unwrap_or_else(|| panic!("{case}: nothing under the head"))
            .clone();
        Head {
            organ,
            number,
            rules,
            first_under,
            picture,
        }
    }

    fn organ_top(&self) -> f32 {
        self.organ.iter().map(top).fold(f32::MAX, f32::min)
    }

    fn organ_bottom(&self) -> f32 {
        self.organ.iter().map(bottom).fold(0.0, f32::max)
    }

    /// The 标志 red, the 文号 and the title black.
    fn assert_colours(&self, case: &str) {
        for w in &self.organ {
            let (red, black) =
                self.picture
                    .inks(pt_to_mm(w.x_min), top(w), pt_to_mm(w.x_max), bottom(w));
            assert!(
                red > 100 && black == 0,
                "{case}: 标志 “{}”: {red} red, {black} black",
                w.text
            );
        }
        for w in [&self.number, &self.first_under] {
            let (red, black) =
                self.picture
                    .inks(pt_to_mm(w.x_min), top(w), pt_to_mm(w.x_max), bottom(w));
            assert!(
                black > 0 && red == 0,
                "{case}: “{}”: {red} red, {black} black",
                w.text
            );
        }
    }
}

/// 文件格式 (7.2) and 纪要 (10.3): the one-rule head.
#[test]
fn the_document_heads_stand_where_7_2_puts_them() {
    for case in [
        "notice",
        "joint",
        "request",
        "minutes",
        "transmittal",
        "work-report",
    ] {
        let head = Head::of(case);
        assert_mm(
            &format!("{case}: 标志 top"),
            head.organ_top(),
            TOP_MM + 35.0,
        );
        assert_mm(
            &format!("{case}: 文号 two lines under the 标志"),
            top(&head.number),
            head.organ_bottom() + 2.0 * P_MM,
        );
        assert_eq!(
            head.rules.len(),
            1,
            "{case}: one red rule: {:?}",
            head.rules
        );
        let (y, x0, x1) = head.rules[0];
        assert_mm(
            &format!("{case}: rule 4 mm under the 文号"),
            y,
            bottom(&head.number) + 4.0,
        );
        assert_mm(&format!("{case}: rule from the block's left"), x0, LEFT_MM);
        assert_mm(
            &format!("{case}: rule to the block's right"),
            x1,
            LEFT_MM + WIDTH_MM,
        );
        assert_mm(
            &format!("{case}: title two lines under the rule"),
            line_top(&head.first_under),
            y + 2.0 * P_MM,
        );
        // The 标志 inside the block, squeezed if it must be.
        for w in &head.organ {
            assert!(pt_to_mm(w.x_min) >= LEFT_MM - TOL_MM, "{case}: {w:?}");
            assert!(
                pt_to_mm(w.x_max) <= LEFT_MM + WIDTH_MM + TOL_MM,
                "{case}: {w:?}"
            );
        }
        let cell = WIDTH_MM / 28.0;
        let number_x = pt_to_mm(head.number.x_min);
        if case == "request" {
            // 7.2.5: an upward document's 文号 one character in from the left.
            assert_mm("request: 文号 one character in", number_x, LEFT_MM + cell);
        } else {
            let centre = (number_x + pt_to_mm(head.number.x_max)) / 2.0;
            assert_mm(
                &format!("{case}: 文号 centred"),
                centre,
                LEFT_MM + WIDTH_MM / 2.0,
            );
        }
        head.assert_colours(case);
    }
}

/// 10.1: the letter's 标志 30 mm from the paper's top, red double rules.
#[test]
fn the_letter_head_stands_where_10_1_puts_it() {
    let head = Head::of("letter");
    assert_mm("letter: 标志 top", head.organ_top(), 30.0);
    assert_eq!(head.rules.len(), 4, "two double rules: {:?}", head.rules);
    assert_mm(
        "upper double rule 4 mm under the 标志",
        head.rules[0].0 - 0.4,
        head.organ_bottom() + 4.0,
    );
    assert_mm(
        "lower double rule 20 mm above the paper's bottom",
        head.rules[3].0 + 0.4,
        277.0,
    );
    for (_, x0, x1) in &head.rules {
        assert_mm("a 170 mm rule, centred: from", *x0, 20.0);
        assert_mm("to", *x1, 190.0);
    }
    assert_mm(
        "文号 flush right",
        pt_to_mm(head.number.x_max),
        LEFT_MM + WIDTH_MM,
    );
    head.assert_colours("letter");
}

/// 10.2: the order's 标志 20 mm under the block, the 令号 two lines under it.
#[test]
fn the_order_head_stands_where_10_2_puts_it() {
    let head = Head::of("order");
    assert_mm("order: 标志 top", head.organ_top(), TOP_MM + 20.0);
    assert_mm(
        "令号 two lines under the 标志",
        top(&head.number),
        head.organ_bottom() + 2.0 * P_MM,
    );
    assert!(
        head.rules.is_empty(),
        "an order has no red rule: {:?}",
        head.rules
    );
    // The text on the first grid line two lines under the 令号's line.
    let line = ((top(&head.number) + 3.0 * P_MM - TOP_MM) / P_MM - 0.01).ceil();
    assert_mm(
        "text two lines under the 令号",
        line_top(&head.first_under),
        TOP_MM + line * P_MM,
    );
    head.assert_colours("order");
}
