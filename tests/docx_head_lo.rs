//! The DOCX head as LibreOffice sets it (the stand-in for Word): each
//! element of page 1 lands where GB/T 9704-2012 7.2 and 10 put it — the
//! 标志 35 mm below the block's top (信函: 30 mm from the paper's top, 令:
//! 20 mm), the 文号 two lines below the 标志, the red rule 4 mm below the
//! 文号 and the block's width, the title on its grid line; an upward
//! document's 文号 one character in from the left beside the last 签发人;
//! a letter's double rules 170 mm long, the lower one 20 mm above the
//! paper's bottom, and no page number on its page 1.
//!
//! Text is located with `pdftotext -bbox-layout`; the red rules by their
//! pixels in `pdftoppm`'s rendering. Needs `soffice` and poppler-utils.

mod docx_support;
mod head_cases;
mod lo_support;

use gongwen::model::Document;
use gongwen::style::{Style, PT_PER_MM};
use lo_support::{libreoffice_pdf, require, scratch};
use std::path::Path;
use std::process::Command;

/// The block's edges on the paper, in mm [5.2.1].
const TOP: f32 = 37.0;
const LEFT: f32 = 28.0;
const RIGHT: f32 = 184.0;
/// Grid pitch P = 225 mm / 22 [5.2.3].
const P: f32 = 225.0 / 22.0;
/// One 3号 character, in mm.
const CHAR: f32 = 16.0 / PT_PER_MM;
/// How far LibreOffice's copy may lie from the standard's position. The
/// PDF is held to 0.5 mm, and the two copies agree within 2 mm.
const TOLERANCE: f32 = 1.5;

/// A word on page 1, in mm from the paper's top-left corner.
#[derive(Debug, Clone)]
struct Word {
    text: String,
    x0: f32,
    x1: f32,
    /// The top of its em box: poppler reports a CJK font's box as 0.95 em
    /// above the baseline and 0.35 em below it; the em box of our faces
    /// (ascender 0.88 em) starts 0.07 em lower.
    top: f32,
}

fn attr(tag: &str, name: &str) -> f32 {
    let key = format!("{name}=\"");
    let at = tag.find(&key).expect("attribute") + key.len();
    tag[at..].split('"').next().unwrap().parse().unwrap()
}

fn words(pdf: &Path) -> Vec<Word> {
    let out = Command::new("pdftotext")
        .args(["-f", "1", "-l", "1", "-bbox-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("run pdftotext");
    let html = String::from_utf8_lossy(&out.stdout);
    let mm = |pt: f32| pt / PT_PER_MM;
    html.split("<word ")
        .skip(1)
        .map(|w| {
            let tag = &w[..w.find('>').unwrap()];
            let text = w[w.find('>').unwrap() + 1..w.find("</word>").unwrap()].to_string();
            let (y0, y1) = (attr(tag, "yMin"), attr(tag, "yMax"));
            Word {
                text,
                x0: mm(attr(tag, "xMin")),
                x1: mm(attr(tag, "xMax")),
                top: mm(y0 + (y1 - y0) * 0.07 / 1.3),
            }
        })
        .collect()
}

fn word<'a>(words: &'a [Word], starts: &str) -> &'a Word {
    words
        .iter()
        .find(|w| w.text.starts_with(starts))
        .unwrap_or_else(|| panic!("{starts} not on page 1: {words:#?}"))
}

/// A horizontal red rule: its top and bottom edge and its ends, in mm.
#[derive(Debug)]
struct Rule {
    top: f32,
    bottom: f32,
    x0: f32,
    x1: f32,
}

/// The red rules at least 100 mm long on page 1, top to bottom.
fn red_rules(pdf: &Path, dir: &Path) -> Vec<Rule> {
    const DPI: f32 = 300.0;
    let stem = dir.join("page");
    let ok = Command::new("pdftoppm")
        .args(["-f", "1", "-l", "1", "-singlefile", "-r", "300"])
        .arg(pdf)
        .arg(&stem)
        .status()
        .expect("run pdftoppm")
        .success();
    assert!(ok);
    let ppm = std::fs::read(stem.with_extension("ppm")).unwrap();
    // P6 header: magic, width, height, maxval, each followed by white space.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while ppm[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !ppm[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&ppm[start..at]).into_owned());
    }
    let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    let pixels = &ppm[at + 1..];
    let px_mm = 25.4 / DPI;
    let red = |x: usize, y: usize| {
        let i = (y * w + x) * 3;
        pixels[i] > 200 && pixels[i + 1] < 90 && pixels[i + 2] < 90
    };
    let mut rules: Vec<Rule> = Vec::new();
    let mut last_row = None;
    for y in 0..h {
        // The longest red run in the row.
        let (mut best, mut run, mut best_end) = (0, 0, 0);
        for x in 0..w {
            run = if red(x, y) { run + 1 } else { 0 };
            if run > best {
                best = run;
                best_end = x;
            }
        }
        if (best as f32) * px_mm < 100.0 {
            continue;
        }
        let (x0, x1) = (
            (best_end + 1 - best) as f32 * px_mm,
            (best_end + 1) as f32 * px_mm,
        );
        let (top, bottom) = (y as f32 * px_mm, (y + 1) as f32 * px_mm);
        match rules.last_mut() {
            Some(r) if last_row == Some(y - 1) => r.bottom = bottom,
            _ => rules.push(Rule {
                top,
                bottom,
                x0,
                x1,
            }),
        }
        last_row = Some(y);
    }
    rules
}

fn render(name: &str, doc: &Document) -> (Vec<Word>, Vec<Rule>, Vec<Vec<String>>) {
    require("pdftoppm", "-v");
    let dir = scratch(&format!("head-{name}"));
    let docx = gongwen::docx::write(doc, &Style::default()).unwrap();
    let pdf = libreoffice_pdf(&docx, &dir, name);
    let rules = red_rules(&pdf, &dir);
    (words(&pdf), rules, lo_support::page_lines(&pdf))
}

fn near(what: &str, got: f32, want: f32) {
    eprintln!(
        "{what}: {got:.2} mm (standard {want:.2}, off {:+.2})",
        got - want
    );
    assert!(
        (got - want).abs() <= TOLERANCE,
        "{what}: {got:.2} mm, the standard's place is {want:.2} mm"
    );
}

/// 文号 top for a head whose title sits on line `m`: 4 mm + 16 pt above the rule at (m − 2) P.
fn number_top(m: f32) -> f32 {
    TOP + (m - 2.0) * P - 4.0 - CHAR
}

#[test]
fn a_single_organ_head_sits_where_7_2_puts_it() {
    let (words, rules, _) = render("notice", &head_cases::notice());
    near("份号", word(&words, "000001").top, TOP);
    near("密级", word(&words, "秘密").top, TOP + P);
    near("紧急程度", word(&words, "特急").top, TOP + 2.0 * P);
    let mark = word(&words, "楚雄州科学技术局文件");
    near("标志 top", mark.top, TOP + 35.0);
    near(
        "标志 centred",
        (mark.x0 + mark.x1) / 2.0,
        (LEFT + RIGHT) / 2.0,
    );
    let number = word(&words, "楚科发");
    near("文号 top", number.top, number_top(10.0));
    assert_eq!(rules.len(), 1, "{rules:?}");
    let rule = &rules[0];
    near("rule centre", (rule.top + rule.bottom) / 2.0, TOP + 8.0 * P);
    near("rule left end", rule.x0, LEFT);
    near("rule right end", rule.x1, RIGHT);
    near(
        "title on line 10",
        word(&words, "楚雄州科学技术局关于").top,
        TOP + 10.0 * P,
    );
}

#[test]
fn a_joint_head_stacks_the_organs_and_centres_the_suffix_on_them() {
    let (words, rules, _) = render("joint", &head_cases::joint());
    let first = word(&words, "楚雄州科学技术局");
    let second = word(&words, "楚雄州财政局");
    let suffix = word(&words, "文件");
    near("标志 top", first.top, TOP + 35.0);
    // Stacked at their size: the 标志's height (35 mm down to two lines
    // above the 文号) shared by the two organs.
    let size = (number_top(11.0) - 2.0 * P - (TOP + 35.0)) / 2.0;
    near("second organ one line below", second.top, first.top + size);
    near(
        "文件 centred on the names",
        suffix.top,
        (first.top + second.top) / 2.0,
    );
    near("文件 at the block's right", suffix.x1, RIGHT);
    assert!(
        suffix.x0 > first.x1.max(second.x1),
        "文件 overlaps the names"
    );
    near("文号 top", word(&words, "楚科联发").top, number_top(11.0));
    near(
        "rule centre",
        (rules[0].top + rules[0].bottom) / 2.0,
        TOP + 9.0 * P,
    );
    near(
        "title on line 11",
        word(&words, "楚雄州财政局关于").top,
        TOP + 11.0 * P,
    );
}

#[test]
fn an_upward_head_puts_the_number_left_level_with_the_last_signer() {
    let (words, rules, _) = render("request", &head_cases::request());
    let number = word(&words, "楚科呈");
    near("文号 one character in", number.x0, LEFT + CHAR);
    near("文号 top", number.top, number_top(11.0));
    let label = word(&words, "签发人");
    near("first 签发人 line", label.top, number_top(11.0) - P);
    near(
        "签发人 ends one character in",
        word(&words, "李四").x1,
        RIGHT - CHAR,
    );
    let last = word(&words, "王五");
    near("last 签发人 level with the 文号", last.top, number.top);
    near("王五 under 张三", last.x0, label.x0 + 4.0 * CHAR);
    near(
        "rule centre",
        (rules[0].top + rules[0].bottom) / 2.0,
        TOP + 9.0 * P,
    );
}

#[test]
fn a_letter_head_has_its_double_rules_and_no_page_number() {
    let (words, rules, lines) = render("letter", &head_cases::letter());
    near(
        "标志 30 mm from the paper's top",
        word(&words, "楚雄州科学技术局").top,
        30.0,
    );
    // Two double rules: four red bands, each 170 mm long, centred on the page.
    assert_eq!(rules.len(), 4, "{rules:?}");
    for r in &rules {
        near("rule from 20 mm", r.x0, 20.0);
        near("rule to 190 mm", r.x1, 190.0);
    }
    let (thick, thin) = (&rules[0], &rules[1]);
    assert!(
        thick.bottom - thick.top > thin.bottom - thin.top,
        "thick over thin"
    );
    near(
        "upper rule 4 mm under the 标志",
        thick.top,
        30.0 + 30.0 / PT_PER_MM + 4.0,
    );
    let (thin2, thick2) = (&rules[2], &rules[3]);
    assert!(
        thick2.bottom - thick2.top > thin2.bottom - thin2.top,
        "thin over thick"
    );
    near(
        "lower rule 20 mm above the paper's bottom",
        thick2.bottom,
        297.0 - 20.0,
    );
    // 份号 left and 文号 right, 7/8 of a character under the rule.
    let under = thin.bottom + 14.0 / PT_PER_MM;
    near("份号 under the rule", word(&words, "000012").top, under);
    let number = word(&words, "楚科函");
    near("文号 under the rule", number.top, under);
    near(
        "文号 flush right",
        words
            .iter()
            .find(|w| w.text == "号")
            .map_or(number.x1, |w| w.x1),
        RIGHT,
    );
    assert!(
        !lines[0].iter().any(|l| l.contains("—1—")),
        "page 1 shows a number: {:?}",
        lines[0]
    );
}

#[test]
fn an_order_head_puts_the_mark_20_mm_down_and_the_number_under_it() {
    let (words, rules, _) = render("order", &head_cases::order());
    let mark = word(&words, "楚雄州人民政府令");
    near("标志 top", mark.top, TOP + 20.0);
    let number = word(&words, "第");
    assert!(rules.is_empty(), "an order has no red rule: {rules:?}");
    // Two lines (2 P) under the 标志's em box, whose size is that of a
    // single organ's 标志 in the 文件 format.
    let size = number_top(10.0) - 2.0 * P - (TOP + 35.0);
    near(
        "令号 two lines under the 标志",
        number.top,
        TOP + 20.0 + size + 2.0 * P,
    );
}

#[test]
fn an_order_without_a_title_starts_its_text_on_the_title_line() {
    // With a one-line title the text starts two lines under it (the title's
    // line and a blank line); without one, on the title's line [10.2].
    let titled = head_cases::order();
    let mut untitled = titled.clone();
    untitled.meta.title.clear();
    let first_line = |name: &str, doc: &Document| {
        let (words, _, _) = render(name, doc);
        word(&words, "为深入实施").top
    };
    let (with, without) = (
        first_line("order-titled", &titled),
        first_line("order-untitled", &untitled),
    );
    eprintln!("text under a title at {with:.2} mm, without one at {without:.2} mm");
    assert!(
        (with - without - 2.0 * P).abs() < 0.3,
        "the text starts {:.2} mm higher without the title, not two lines",
        with - without
    );
}
