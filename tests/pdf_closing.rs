//! The closing block (版记, GB/T 9704 7.4), measured on the generated PDF:
//! its rules in the content streams (the last on the block's bottom edge),
//! its lines with `pdftotext -bbox` at ±0.5 mm, its page (even and
//! unnumbered when printed double-sided, 7.5), a 主送 moved into it (7.3.2),
//! and the error when it cannot fit on a page.
mod pdf_support;

use gongwen::model::Document;
use pdf_support::parts::*;
use pdf_support::*;

#[test]
fn closing_block_sits_on_the_block_bottom_between_its_rules() {
    let (lines, rules) = measure(&parse(NOTICE));
    assert_eq!(pages(&lines), 1, "{lines:#?}");
    let rules = full_width_rules(&rules, 1);
    assert_eq!(rules.len(), 3, "first, between and last rule: {rules:#?}");
    // 7.4.1: the last rule on the block's bottom edge, 0.35 mm like the
    // first; the one between 抄送 and the 印发 line 0.25 mm.
    near(rules[2].y0, BOTTOM_MM, "last rule");
    for (rule, mm) in rules.iter().zip([0.35, 0.25, 0.35]) {
        assert!(
            (pt_to_mm(rule.width) - mm).abs() < 0.02,
            "rule {rule:?}, expected {mm} mm"
        );
    }
    // The 印发 line is the block's last grid line (7.4.3): the printing
    // office one character in from the left, the date one in from the right.
    near(
        rules[1].y0,
        BOTTOM_MM - PITCH_MM,
        "rule above the 印发 line",
    );
    let printer = find(&lines, "楚雄州科学技术局办公室");
    near(printer.x_min, LEFT_MM + CLOSING_CHAR_MM, "印发机关");
    let printed = find(&lines, "2021年1月12日印发");
    near(printed.x_max, RIGHT_MM - CLOSING_CHAR_MM, "印发日期");
    for l in [printer, printed] {
        assert!(l.y_min > rules[1].y0 && l.y_max < rules[2].y0, "{l:?}");
    }
    // 7.4.2: 抄送 one character in; its wrapped line aligned after "抄送：";
    // a 。 after the last organ; no line of it outside the rules.
    let cc = find(&lines, "抄送：");
    near(cc.x_min, LEFT_MM + CLOSING_CHAR_MM, "抄送");
    near(
        rules[0].y0,
        pt_to_mm(rules[1].y0) - 2.0 * PITCH_MM,
        "first rule",
    );
    let wrapped = lines
        .iter()
        .find(|l| l.y_min > cc.y_max && l.y_max < rules[1].y0)
        .expect("a second 抄送 line");
    near(
        wrapped.x_min,
        LEFT_MM + 4.0 * CLOSING_CHAR_MM,
        "抄送 wrapped after the colon",
    );
    assert!(wrapped.text.ends_with("州纪委监委办公室。"), "{wrapped:?}");
    // The page keeps its number: it holds the body too.
    assert_eq!(page_numbers(&lines).len(), 1);
}

#[test]
fn the_disclosure_copy_has_no_closing_block() {
    let doc = parse(&NOTICE.replace("form: printed", "form: disclosure"));
    let (lines, rules) = measure(&doc);
    assert!(full_width_rules(&rules, 1).is_empty(), "{rules:?}");
    assert!(!lines.iter().any(|l| l.text.contains("抄送")));
}

/// A document of `n` body paragraphs of one full line each.
fn long_notice(n: usize, duplex: bool) -> Document {
    let line = "全州科技系统认真贯彻落实州委州政府决策部署推动科技创新取得成效。";
    let body = vec![line; n].join("\n\n");
    let front = NOTICE.split("---\n").nth(1).unwrap();
    parse(&format!("---\n{front}duplex: {duplex}\n---\n{body}\n"))
}

#[test]
fn double_sided_the_closing_block_goes_on_an_even_unnumbered_page() {
    // One page of text with room under it: single-sided, the 版记 shares it.
    let (lines, _) = measure(&long_notice(3, false));
    assert_eq!(pages(&lines), 1);
    // Double-sided, page 1 is a front: the 版记 goes to page 2, the back,
    // which holds nothing else and shows no number (7.4, 7.5).
    let (lines, rules) = measure(&long_notice(3, true));
    assert_eq!(pages(&lines), 2, "{lines:#?}");
    assert!(lines
        .iter()
        .any(|l| l.page == 2 && l.text.starts_with("抄送")));
    assert!(!lines
        .iter()
        .any(|l| l.page == 2 && l.text.contains("为贯彻")));
    assert_eq!(page_numbers(&lines), [(1, "—1—".to_string())]);
    near(
        full_width_rules(&rules, 2)[2].y0,
        BOTTOM_MM,
        "last rule on page 2",
    );
}

#[test]
fn double_sided_a_blank_page_comes_before_a_closing_block_that_would_be_odd() {
    // Text to the foot of an even page, leaving no room for the 版记:
    // single-sided it goes on the next page alone, unnumbered.
    let (n, text_pages) = (20..80)
        .find_map(|n| {
            let layout = lay_out(&long_notice(n, false));
            let count = layout.pages.len();
            let last_alone = !layout.pages[count - 1].numbered;
            (last_alone && count % 2 == 1).then_some((n, count - 1))
        })
        .expect("a length that fills an even page");
    // Double-sided, the page after the text would be a front: it stays
    // blank, and the 版记 goes on the back; neither shows a number (7.4, 7.5).
    let (lines, rules) = measure(&long_notice(n, true));
    let blank = text_pages + 1;
    let last = text_pages + 2;
    assert_eq!(pages(&lines), last, "{lines:#?}");
    assert!(!lines.iter().any(|l| l.page == blank));
    assert!(full_width_rules(&rules, blank).is_empty());
    assert!(lines
        .iter()
        .any(|l| l.page == last && l.text.starts_with("抄送")));
    let numbered: Vec<usize> = page_numbers(&lines).iter().map(|(p, _)| *p).collect();
    assert_eq!(
        numbered,
        (1..=text_pages).collect::<Vec<_>>(),
        "blank and 版记 pages unnumbered"
    );
    near(
        full_width_rules(&rules, last)[2].y0,
        BOTTOM_MM,
        "last rule on the 版记 page",
    );
}

#[test]
fn a_closing_block_taller_than_a_page_is_an_error_naming_the_key() {
    let many: Vec<String> = (1..=120).map(|i| format!("第{i}县市科学技术局")).collect();
    let markup = NOTICE.replace(
        "cc: [云南省科学技术厅, 州委办公室, 州人大常委会办公室, 州政府办公室, 州政协办公室, 州纪委监委办公室]",
        &format!("cc: [{}]", many.join(", ")),
    );
    // The front matter answers first, at the key's line.
    let err = gongwen::markup::parse(&markup, std::path::Path::new("test.md"))
        .expect_err("a 版记 of more than a page");
    let text = err.to_string();
    assert!(text.contains("版记") && text.contains("test.md:"), "{text}");
    // The layout counts exactly, for a document the markup let through.
    let mut doc = parse(NOTICE);
    doc.meta.closing.cc = many;
    let err = gongwen::layout::layout(&doc, &Default::default(), &fonts())
        .expect_err("a 版记 of more than a page");
    let text = err.to_string();
    assert!(text.contains("版记") && text.contains("`cc`"), "{text}");
}

#[test]
fn addressees_that_would_fill_page_one_move_to_the_closing_block() {
    let markup = |n: usize| {
        let names: Vec<String> = (1..=n).map(|i| format!("第{i}县市科学技术局")).collect();
        NOTICE
            .replace(
                "addressees: [各县市科技局, 州级有关部门]",
                &format!("addressees: [{}]", names.join(", ")),
            )
            .replace(
                "cc: [云南省科学技术厅, 州委办公室, 州人大常委会办公室, 州政府办公室, 州政协办公室, 州纪委监委办公室]",
                "cc: [云南省科学技术厅]",
            )
    };
    // The fewest addressees that leave page 1 no line of body text.
    let on_page_one = |n: usize| {
        let layout = lay_out(&parse(&markup(n)));
        layout_lines(&layout)
            .iter()
            .any(|l| l.page == 1 && l.text.starts_with("第1县市"))
    };
    assert!(on_page_one(30), "thirty addressees leave room for the body");
    let n = (30..80)
        .find(|&n| !on_page_one(n))
        .expect("a list that moves");
    let (lines, rules) = measure(&parse(&markup(n)));
    // One fewer stays on page 1, the body under it.
    let (fewer, _) = measure(&parse(&markup(n - 1)));
    let first = find(&fewer, "第1县市");
    let body = find(&fewer, "为贯彻落实");
    assert_eq!((first.page, body.page), (1, 1));
    // Page 1 shows body text (7.3.3), no 主送 above it.
    let body = find(&lines, "为贯彻落实");
    assert_eq!(body.page, 1);
    assert!(!lines
        .iter()
        .any(|l| l.page == 1 && l.text.starts_with("第1县市")));
    // The 版记 says "主送：" above 抄送, with no rule between them (7.4.2).
    let moved = find(&lines, "主送：第1县市科学技术局");
    let cc = find(&lines, "抄送：");
    assert_eq!(moved.page, cc.page);
    let page_rules = full_width_rules(&rules, cc.page);
    assert_eq!(page_rules.len(), 3, "{page_rules:#?}");
    assert!(page_rules[0].y0 < moved.y_min && cc.y_max < page_rules[1].y0);
    near(page_rules[2].y0, BOTTOM_MM, "last rule");
}
