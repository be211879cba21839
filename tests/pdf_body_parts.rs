//! The parts of a 公文 around its body, measured on the generated PDF with
//! `pdftotext -bbox` and the rules drawn in its content streams, at ±0.5 mm
//! (GB/T 9704-2012): 主送 at the left edge one blank line under the title
//! (7.3.2), 附注 two characters in on the line after the date (7.3.6), the
//! signature variants (7.3.5), the 纪要 attendance lists (10.3), attachment
//! pages (7.3.7, 8), the paragraph kinds, and the closing block (版记, 7.4)
//! with its last rule on the block's bottom edge, on an even, unnumbered page
//! when printed double-sided (7.5).
mod pdf_support;

use std::path::Path;

use gongwen::model::Document;
use pdf_support::*;

const LEFT_MM: f32 = 28.0;
const RIGHT_MM: f32 = 28.0 + 156.0;
const TOP_MM: f32 = 37.0;
const BOTTOM_MM: f32 = 37.0 + 225.0;
const CELL_MM: f32 = 156.0 / 28.0;
const PITCH_MM: f32 = 225.0 / 22.0;
/// One character of the 版记's 4号 (14 pt) type (7.4.2 "左右各空一字").
const CLOSING_CHAR_MM: f32 = 14.0 * 25.4 / 72.0;
const TOL_MM: f32 = 0.5;

fn parse(markup: &str) -> Document {
    gongwen::markup::parse(markup, Path::new("test.md")).expect("markup")
}

/// The document's PDF: its lines as `pdftotext -bbox` sees them, and its rules.
fn measure(doc: &Document) -> (Vec<BoxLine>, Vec<DrawnRule>) {
    let pdf = temp_file("parts.pdf", &build_pdf(doc));
    (bbox_lines(&pdf), drawn_rules(&pdf))
}

fn find<'a>(lines: &'a [BoxLine], start: &str) -> &'a BoxLine {
    lines
        .iter()
        .find(|l| l.text.starts_with(start))
        .unwrap_or_else(|| panic!("no line starting with {start:?} in {lines:#?}"))
}

fn near(actual_pt: f32, expected_mm: f32, what: &str) {
    let got = pt_to_mm(actual_pt);
    assert!(
        (got - expected_mm).abs() < TOL_MM,
        "{what}: {got:.2} mm, expected {expected_mm:.2} mm"
    );
}

/// Where a line's last cell ends: a full-width glyph's box is its 16 pt em,
/// a little wider than the grid's 15.79 pt cell (5.2.3).
fn cells_end(l: &BoxLine) -> f32 {
    l.x_max - (16.0 - 156.0 / 28.0 * 72.0 / 25.4)
}

/// The page-number lines ("— N —") under the text block.
fn page_numbers(lines: &[BoxLine]) -> Vec<(usize, String)> {
    lines
        .iter()
        .filter(|l| pt_to_mm(l.y_min) > BOTTOM_MM && l.text.contains('—'))
        .map(|l| (l.page, l.text.clone()))
        .collect()
}

fn pages(lines: &[BoxLine]) -> usize {
    lines.iter().map(|l| l.page).max().unwrap_or(0)
}

/// How many grid lines the layout sets the last line `b` below the last
/// line `a` (each the whole line's text, else its start) (for lines opening with digits, whose box top
/// in `pdftotext` is the Latin face's, not the grid line's).
fn baseline_gap(doc: &Document, a: &str, b: &str) -> i32 {
    let lines = layout_lines(&lay_out(doc));
    let at = |s: &str| {
        let mut found = lines.iter().rev();
        found
            .clone()
            .find(|l| l.text == s)
            .or_else(|| found.find(|l| l.text.starts_with(s)))
            .unwrap_or_else(|| panic!("no line {s}"))
            .baseline
    };
    let gap = (at(b) - at(a)) / (PITCH_MM * 72.0 / 25.4);
    assert!((gap - gap.round()).abs() < 0.02, "{a} to {b}: {gap} lines");
    gap.round() as i32
}

/// A straight line stroked in a page's content stream (`w … m … l`), in
/// points from the page's top-left corner.
#[derive(Debug, Clone, Copy)]
struct DrawnRule {
    page: usize,
    width: f32,
    x0: f32,
    y0: f32,
    x1: f32,
    y1: f32,
}

/// Every rule of the PDF, read from its uncompressed content streams
/// (`qpdf --qdf`), where each is drawn in a y-down frame (`1 0 0 -1 0 H cm`).
fn drawn_rules(pdf: &Path) -> Vec<DrawnRule> {
    let qdf = pdf.with_extension("qdf.pdf");
    let out = tool(
        "qpdf",
        &[
            "--qdf",
            "--object-streams=disable",
            pdf.to_str().unwrap(),
            qdf.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "qpdf failed");
    let bytes = std::fs::read(&qdf).expect("qdf");
    let text = String::from_utf8_lossy(&bytes);
    let mut page = 0;
    let mut rules = Vec::new();
    for line in text.lines() {
        if let Some(n) = line.strip_prefix("%% Contents for page ") {
            page = n.trim().parse().unwrap_or(0);
            continue;
        }
        let ops: Vec<&str> = line.split_whitespace().collect();
        let Some(w) = ops.iter().position(|o| *o == "w") else {
            continue;
        };
        let num = |i: usize| ops.get(i).and_then(|s| s.parse::<f32>().ok());
        if ops.get(w + 3) == Some(&"m") && ops.get(w + 6) == Some(&"l") {
            if let (Some(width), Some(x0), Some(y0), Some(x1), Some(y1)) =
                (num(w - 1), num(w + 1), num(w + 2), num(w + 4), num(w + 5))
            {
                rules.push(DrawnRule {
                    page,
                    width,
                    x0,
                    y0,
                    x1,
                    y1,
                });
            }
        }
    }
    rules
}

/// The rules across the whole text block on `page`, top to bottom.
fn full_width_rules(rules: &[DrawnRule], page: usize) -> Vec<DrawnRule> {
    let mut out: Vec<DrawnRule> = rules
        .iter()
        .filter(|r| r.page == page && (r.y0 - r.y1).abs() < 0.01)
        .filter(|r| {
            (pt_to_mm(r.x0) - LEFT_MM).abs() < TOL_MM && (pt_to_mm(r.x1) - RIGHT_MM).abs() < TOL_MM
        })
        .copied()
        .collect();
    out.sort_by(|a, b| a.y0.total_cmp(&b.y0));
    out
}

const NOTICE: &str = "---
title: 楚雄州科学技术局关于开展2021年度科技型中小企业评价工作的通知
form: printed
addressees: [各县市科技局, 州级有关部门]
issuer: 楚雄州科学技术局
date: 2021-01-10
sealing: sealed
note: 此件公开发布
cc: [云南省科学技术厅, 州委办公室, 州人大常委会办公室, 州政府办公室, 州政协办公室, 州纪委监委办公室]
printer: 楚雄州科学技术局办公室
printed: 2021-01-12
---
为贯彻落实《科技型中小企业评价办法》，现就做好2021年度评价工作有关事项通知如下。
";

#[test]
fn addressees_flush_left_one_blank_line_under_the_title() {
    let (lines, _) = measure(&parse(NOTICE));
    let title_last = find(&lines, "科技型中小企业评价工作的通知");
    let addressees = find(&lines, "各县市科技局");
    assert_eq!(addressees.text, "各县市科技局，州级有关部门：");
    near(addressees.x_min, LEFT_MM, "主送 left edge");
    near(
        addressees.y_min,
        pt_to_mm(title_last.y_min) + 2.0 * PITCH_MM,
        "主送 one blank line under the title",
    );
    // The body starts on the next line, two characters in (7.3.3).
    let body = find(&lines, "为贯彻落实");
    near(
        body.y_min,
        pt_to_mm(addressees.y_min) + PITCH_MM,
        "body under 主送",
    );
    near(body.x_min, LEFT_MM + 2.0 * CELL_MM, "body indent");
}

#[test]
fn sealed_signature_date_four_in_issuer_centred_and_note_on_the_next_line() {
    let (lines, _) = measure(&parse(NOTICE));
    let body = find(&lines, "为贯彻落实");
    let issuer = lines
        .iter()
        .find(|l| l.text == "楚雄州科学技术局")
        .expect("issuer line");
    let date = find(&lines, "2021年1月10日");
    // 7.3.5.1: the date four characters in from the right, the issuer
    // centred over it; room for the seal: three blank lines under the body.
    near(
        cells_end(date),
        RIGHT_MM - 4.0 * CELL_MM,
        "date's right end",
    );
    let centre = |l: &BoxLine| (l.x_min + cells_end(l)) / 2.0;
    near(
        centre(issuer),
        pt_to_mm(centre(date)),
        "issuer centred over the date",
    );
    // The body is two lines.
    near(
        issuer.y_min,
        pt_to_mm(body.y_min) + 5.0 * PITCH_MM,
        "issuer three blank lines under the body",
    );
    // 7.3.6: 附注 two characters in, on the line after the date (a line
    // opening with digits has its own box top: the date is between).
    let note = find(&lines, "（此件公开发布）");
    near(
        note.x_min,
        LEFT_MM + 2.0 * CELL_MM,
        "附注 two characters in",
    );
    near(
        note.y_min,
        pt_to_mm(issuer.y_min) + 2.0 * PITCH_MM,
        "附注 two lines under the issuer",
    );
    assert!(
        issuer.y_max < date.y_min && date.y_max < note.y_min,
        "{date:?}"
    );
    assert_eq!(
        baseline_gap(&parse(NOTICE), "楚雄州科学技术局", "2021年1月10日"),
        1
    );
    assert_eq!(baseline_gap(&parse(NOTICE), "2021年1月10日", "（此件"), 1);
}

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
    let doc = parse(&markup);
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

#[test]
fn attachment_pages_start_with_their_label_and_title_on_line_three() {
    let doc = parse(
        "---
title: 关于印发两个办法的通知
issuer: 楚雄州科学技术局
date: 2021-01-10
---
现将两个办法印发给你们，请遵照执行。

# 楚雄州科技计划项目管理办法 {.attachment}

# 总则

为规范项目管理，制定本办法。

# 楚雄州科技计划资金管理办法 {.attachment}

# 总则

为规范资金管理，制定本办法。
",
    );
    let (lines, _) = measure(&doc);
    assert_eq!(pages(&lines), 3, "{lines:#?}");
    for (page, label, title) in [
        (2, "附件1", "楚雄州科技计划项目管理办法"),
        (3, "附件2", "楚雄州科技计划资金管理办法"),
    ] {
        let l = find(&lines, label);
        assert_eq!((l.page, l.text.as_str()), (page, label));
        // 8: "附件N" at the block's top-left, its title centred on line 3.
        near(l.x_min, LEFT_MM, "附件N left");
        near(l.y_min, TOP_MM, "附件N top");
        let t = find(&lines, title);
        assert_eq!(t.page, page);
        near(
            t.y_min,
            TOP_MM + 2.0 * PITCH_MM,
            "attachment title on line 3",
        );
        near(
            (t.x_min + t.x_max) / 2.0,
            (LEFT_MM + RIGHT_MM) / 2.0,
            "attachment title centred",
        );
        // Its headings are numbered afresh.
        let heading = lines
            .iter()
            .find(|l| l.page == page && l.text.starts_with("一、总则"))
            .expect("heading 一、");
        assert!(heading.y_min > t.y_max);
    }
    // The 附件说明 lists both; page numbers continue through the attachments.
    find(&lines, "附件：1.楚雄州科技计划项目管理办法");
    let numbers: Vec<String> = page_numbers(&lines).into_iter().map(|(_, n)| n).collect();
    assert_eq!(numbers, ["—1—", "—2—", "—3—"]);
}

#[test]
fn a_speech_attachment_has_subtitle_speaker_and_salutation_lines() {
    let doc = parse(
        "---
title: 关于印发政府工作报告的通知
issuer: 双柏县人民政府
date: 2022-01-25
---
现将《政府工作报告》印发给你们。

# 政府工作报告 {.attachment}

——2022年1月20日在双柏县第十七届人民代表大会第一次会议上 {.subtitle}

县长　李国华 {.speaker}

各位代表：{.salutation}

现在，我代表县人民政府，向大会报告政府工作，请予审议。

## 经济运行稳中有进。

全县地区生产总值增长8.5%。

第一季度完成全年任务的四分之一。 {.right}

以上数据为快报数。 {.noindent}

（完） {.center}
",
    );
    let (lines, _) = measure(&doc);
    let centre = (LEFT_MM + RIGHT_MM) / 2.0;
    let mid = |l: &BoxLine| (l.x_min + cells_end(l)) / 2.0;
    let title = find(&lines, "政府工作报告");
    let subtitle = find(&lines, "——2022年1月20日");
    // Straight under the title, centred, and balanced: a wrapped subtitle
    // does not leave a character alone on its second line.
    near(
        subtitle.y_min,
        pt_to_mm(title.y_min) + PITCH_MM,
        "subtitle under the title",
    );
    near(mid(subtitle), centre, "subtitle centred");
    let second = lines
        .iter()
        .find(|l| l.page == subtitle.page && (l.y_min - subtitle.y_min - 28.95).abs() < 1.0)
        .expect("the subtitle's second line");
    // …nor breaks inside an ordinal (第十七届).
    assert_eq!(second.text, "人民代表大会第一次会议上");
    near(mid(second), centre, "subtitle's second line centred");
    let speaker = find(&lines, "县长");
    near(
        speaker.y_min,
        pt_to_mm(second.y_min) + PITCH_MM,
        "speaker line",
    );
    near(mid(speaker), centre, "speaker centred");
    // A blank line, then the salutation flush left, then the body indented.
    let salutation = find(&lines, "各位代表：");
    near(salutation.x_min, LEFT_MM, "salutation flush left");
    near(
        salutation.y_min,
        pt_to_mm(speaker.y_min) + 2.0 * PITCH_MM,
        "salutation",
    );
    near(
        find(&lines, "现在").x_min,
        LEFT_MM + 2.0 * CELL_MM,
        "body indent",
    );
    near(
        cells_end(find(&lines, "第一季度")),
        RIGHT_MM,
        "{.right} flush right",
    );
    near(
        find(&lines, "以上数据").x_min,
        LEFT_MM,
        "{.noindent} flush left",
    );
    near(mid(find(&lines, "（完）")), centre, "{.center} centred");

    // Subtitle and speaker in 楷体, as a level-2 heading; the salutation in 仿宋.
    let layout = lay_out(&doc);
    let font_of = |start: &str| {
        layout
            .pages
            .iter()
            .flat_map(|p| &p.runs)
            .find(|r| r.text.starts_with(start))
            .map(|r| r.font)
            .unwrap_or_else(|| panic!("no run {start}"))
    };
    assert_eq!(font_of("县长"), font_of("（一）"));
    assert_eq!(font_of("——"), font_of("（一）"));
    assert_eq!(font_of("各位代表"), font_of("现在"));
}

#[test]
fn joint_issuers_side_by_side_sealed_and_stacked_unsealed() {
    let markup = "---
title: 关于印发资金管理办法的通知
issuer: [楚雄州科学技术局, 楚雄州财政局]
date: 2021-03-15
sealing: sealed
---
现印发给你们，请认真遵照执行。
";
    let (lines, _) = measure(&parse(markup));
    let date = find(&lines, "2021年3月15日");
    let row = lines
        .iter()
        .find(|l| l.text.starts_with("楚雄州科学技术局"))
        .expect("issuers' row");
    // 7.3.5.1: the issuers in order on one row, the last over the date.
    assert_eq!(row.text, "楚雄州科学技术局楚雄州财政局");
    assert_eq!(
        baseline_gap(&parse(markup), "楚雄州科学技术局", "2021年3月15日"),
        1
    );
    let last_centre = pt_to_mm(cells_end(row)) - 3.0 * CELL_MM;
    let date_centre = pt_to_mm((date.x_min + cells_end(date)) / 2.0);
    assert!(
        (last_centre - date_centre).abs() < TOL_MM,
        "last issuer centred at {last_centre} mm, the date at {date_centre} mm"
    );

    let (lines, _) = measure(&parse(&markup.replace("sealing: sealed\n", "")));
    let lead = lines
        .iter()
        .find(|l| l.text == "楚雄州科学技术局")
        .expect("lead issuer");
    let other = lines
        .iter()
        .find(|l| l.text == "楚雄州财政局")
        .expect("second issuer");
    let date = find(&lines, "2021年3月15日");
    // 7.3.5.2: the lead first, the others under it, the date last.
    near(
        other.y_min,
        pt_to_mm(lead.y_min) + PITCH_MM,
        "second issuer under the lead",
    );
    near(
        date.x_min,
        pt_to_mm(lead.x_min) + 2.0 * CELL_MM,
        "date two characters right of the lead's start",
    );
    let unsealed = parse(&markup.replace("sealing: sealed\n", ""));
    assert_eq!(baseline_gap(&unsealed, "楚雄州财政局", "2021年3月15日"), 1);
    near(
        cells_end(lead),
        RIGHT_MM - 2.0 * CELL_MM,
        "lead two characters in",
    );
}

#[test]
fn a_signature_stamp_has_the_signer_and_the_date_four_characters_in() {
    let doc = parse(
        "---
title: 楚雄彝族自治州人民政府令
issuer: 楚雄彝族自治州人民政府
date: 2021-05-10
sealing: stamp
signer: 州长　李文彬
---
《楚雄彝族自治州科学技术奖励办法》现予公布施行。
",
    );
    let (lines, _) = measure(&doc);
    let body = find(&lines, "《楚雄彝族");
    let signer = find(&lines, "州长");
    let date = find(&lines, "2021年5月10日");
    // 7.3.5.3: two blank lines under the body, four characters in from the
    // right; the date one blank line under it, four characters in.
    near(
        signer.y_min,
        pt_to_mm(body.y_min) + 3.0 * PITCH_MM,
        "signer line",
    );
    near(
        cells_end(signer),
        RIGHT_MM - 4.0 * CELL_MM,
        "signer's right end",
    );
    assert_eq!(baseline_gap(&doc, "州长", "2021年5月10日"), 2);
    near(
        cells_end(date),
        RIGHT_MM - 4.0 * CELL_MM,
        "date's right end",
    );
    assert!(!lines.iter().any(|l| l.text == "楚雄彝族自治州人民政府"));
}

#[test]
fn minutes_list_attendance_two_in_wrapped_after_the_colon() {
    let names: Vec<String> = (1..=8).map(|i| format!("张{i}号")).collect();
    let doc = parse(&format!(
        "---
title: 局务会议纪要
format: minutes
issuer: 楚雄州科学技术局办公室
date: 2021-03-02
attendance: {{出席: [{}], 请假: [陈静]}}
---
会议研究了全州科技创新工作。
",
        names.join(", ")
    ));
    let (lines, _) = measure(&doc);
    let body = find(&lines, "会议研究");
    let present = find(&lines, "出席：");
    near(
        present.x_min,
        LEFT_MM + 2.0 * CELL_MM,
        "出席 two characters in",
    );
    near(
        present.y_min,
        pt_to_mm(body.y_min) + 2.0 * PITCH_MM,
        "one blank line under the body",
    );
    let wrapped = lines
        .iter()
        .find(|l| l.page == present.page && (l.y_min - present.y_min - 28.95).abs() < 1.0)
        .expect("出席 wraps");
    near(
        wrapped.x_min,
        LEFT_MM + 5.0 * CELL_MM,
        "wrapped names after the colon",
    );
    let absent = find(&lines, "请假：陈静");
    near(
        absent.y_min,
        pt_to_mm(wrapped.y_min) + PITCH_MM,
        "请假 on the next line",
    );
}

#[test]
fn joint_signature_stamps_stand_one_under_another_four_characters_in() {
    let doc = parse(
        "---
title: 关于印发资金管理办法的通知
issuer: [楚雄州科学技术局, 楚雄州财政局]
date: 2021-03-15
sealing: stamp
signer: \"楚雄州科学技术局局长　张三\\n楚雄州财政局局长　李四\"
---
现将办法印发给你们，请认真遵照执行。
",
    );
    let (lines, _) = measure(&doc);
    let lead = find(&lines, "楚雄州科学技术局局长");
    let other = find(&lines, "楚雄州财政局局长");
    // 7.3.5.3: one signer a line, the lead first, aligned on the right.
    near(
        other.y_min,
        pt_to_mm(lead.y_min) + 2.0 * PITCH_MM,
        "second signer",
    );
    for l in [lead, other] {
        near(cells_end(l), RIGHT_MM - 4.0 * CELL_MM, "signer's right end");
    }
    assert_eq!(baseline_gap(&doc, "楚雄州财政局局长", "2021年3月15日"), 2);
}

#[test]
fn the_outline_nests_each_attachments_headings_under_it() {
    let doc = parse(
        "---
title: 关于印发政府工作报告的通知
issuer: 双柏县人民政府
date: 2022-01-25
---
# 工作要求

请认真贯彻落实。

# 政府工作报告 {.attachment}

# 过去一年工作回顾

全县经济社会保持平稳健康发展。
",
    );
    let pdf = temp_file("outline.pdf", &build_pdf(&doc));
    // The attachment's entry holds its own 一、 heading.
    let json = tool(
        "qpdf",
        &["--json", "--json-key=outlines", pdf.to_str().unwrap()],
    );
    let text = String::from_utf8_lossy(&json.stdout);
    let outlines: serde_json::Value = serde_json::from_str(&text).expect("qpdf json");
    let top: Vec<&serde_json::Value> = outlines["outlines"].as_array().unwrap().iter().collect();
    let titles: Vec<&str> = top.iter().map(|o| o["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["一、工作要求", "附件 政府工作报告"]);
    let kids: Vec<&str> = top[1]["kids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["title"].as_str().unwrap())
        .collect();
    assert_eq!(kids, ["一、过去一年工作回顾"]);
}
