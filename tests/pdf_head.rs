//! The head of the printed 公文 in the PDF, measured with `pdftotext -bbox`
//! against GB/T 9704-2012 at ±0.5 mm: the 发文机关标志 35 mm under the text
//! block's top (7.2.4; a letter's 30 mm from the paper's top, 10.1), the
//! 发文字号 two lines under the 标志 (7.2.5), the red rule 4 mm under the 文号
//! and as wide as the block (7.2.7), the title two lines under the rule
//! (7.3.1); the 标志 and the rules red, the text black.
mod pdf_support;

use pdf_support::ink::*;
use pdf_support::*;

use gongwen::model::*;

const TOP_MM: f32 = 37.0;
const LEFT_MM: f32 = 28.0;
const WIDTH_MM: f32 = 156.0;
/// One line: 225 mm / 22 (5.2.3).
const P_MM: f32 = 225.0 / 22.0;

/// A printed 公文 with the given head, a two-line title and two paragraphs.
fn printed(format: Format, head: Head) -> Document {
    let mut doc = paragraphs(&[
        "为深入实施创新驱动发展战略,加快推进全州科技创新工作,经研究,现将有关事项通知如下。",
        "各县市科技局要结合实际,认真抓好贯彻落实。",
    ]);
    doc.meta.title = "楚雄州科学技术局关于做好2021年度科技计划项目申报工作的通知".into();
    doc.meta.form = Form::Printed;
    doc.meta.format = format;
    doc.meta.head = head;
    doc
}

fn notice() -> Document {
    printed(
        Format::Document,
        Head {
            copy: Some("000001".into()),
            secrecy: Some("秘密★1年".into()),
            urgency: Some("特急".into()),
            organs: vec!["楚雄州科学技术局".into()],
            suffix: Some("文件".into()),
            number: Some("楚科发〔2021〕3号".into()),
            signers: Vec::new(),
        },
    )
}

fn joint() -> Document {
    printed(
        Format::Document,
        Head {
            organs: vec!["楚雄州科学技术局".into(), "楚雄州财政局".into()],
            suffix: Some("文件".into()),
            number: Some("楚科联发〔2021〕1号".into()),
            ..Head::default()
        },
    )
}

fn upward() -> Document {
    let mut doc = printed(
        Format::Document,
        Head {
            urgency: Some("加急".into()),
            organs: vec!["楚雄州科学技术局".into()],
            suffix: Some("文件".into()),
            number: Some("楚科报〔2021〕5号".into()),
            signers: vec!["张三".into(), "李四".into(), "王五".into()],
            ..Head::default()
        },
    );
    doc.meta.title = "楚雄州科学技术局关于申请2021年度科技创新专项资金的请示".into();
    doc
}

fn letter() -> Document {
    let mut doc = printed(
        Format::Letter,
        Head {
            copy: Some("000012".into()),
            organs: vec!["楚雄州科学技术局".into()],
            number: Some("楚科函〔2021〕12号".into()),
            ..Head::default()
        },
    );
    doc.meta.title = "楚雄州科学技术局关于商请提供科技统计数据的函".into();
    doc
}

fn order() -> Document {
    let mut doc = printed(
        Format::Order,
        Head {
            organs: vec!["楚雄彝族自治州人民政府".into()],
            suffix: Some("令".into()),
            number: Some("第3号".into()),
            ..Head::default()
        },
    );
    doc.meta.title = String::new();
    doc
}

fn minutes() -> Document {
    printed(
        Format::Minutes,
        Head {
            organs: vec!["楚雄州科学技术局局务会议".into()],
            suffix: Some("纪要".into()),
            number: Some("第3期".into()),
            ..Head::default()
        },
    )
}

/// The laid-out PDF's words and the PDF's path.
fn measured(doc: &Document) -> (std::path::PathBuf, Vec<BoxLine>) {
    let pdf = temp_file("head.pdf", &build_pdf(doc));
    let words = words(&pdf);
    (pdf, words)
}

/// 7.2.4, 7.2.5, 7.2.7, 7.3.1 on a one-organ notice with 份号, 密级 and 紧急.
#[test]
fn a_notice_head_stands_where_the_clauses_put_it() {
    let (pdf, lines) = measured(&notice());
    let organ = line(&lines, "楚雄州科学技术局文件");
    assert_mm("标志 top", top(organ), TOP_MM + 35.0);
    // Centred, and no wider than the block.
    assert!(pt_to_mm(organ.x_min) >= LEFT_MM - TOL_MM, "{organ:?}");
    assert!(
        pt_to_mm(organ.x_max) <= LEFT_MM + WIDTH_MM + TOL_MM,
        "{organ:?}"
    );
    let number = line(&lines, "楚科发〔2021〕3号");
    assert_mm(
        "文号 top, two lines under the 标志",
        top(number),
        bottom(organ) + 2.0 * P_MM,
    );
    let centre = (pt_to_mm(number.x_min) + pt_to_mm(number.x_max)) / 2.0;
    assert_mm("文号 centred", centre, LEFT_MM + WIDTH_MM / 2.0);
    // The stacked marks: 份号, 密级, 紧急程度 on lines 0, 1, 2, flush left.
    for (i, mark) in ["000001", "秘密★1年", "特急"].iter().enumerate() {
        let l = line(&lines, mark);
        assert_mm(&format!("{mark} left"), pt_to_mm(l.x_min), LEFT_MM);
        if !mark.is_ascii() {
            assert_mm(&format!("{mark} top"), top(l), TOP_MM + i as f32 * P_MM);
        }
    }
    let picture = Picture::of(&pdf, 1);
    let rules = picture.red_rules(100.0);
    assert_eq!(rules.len(), 1, "one red rule: {rules:?}");
    let (y, x0, x1) = rules[0];
    assert_mm("rule, 4 mm under the 文号", y, bottom(number) + 4.0);
    assert_mm("rule's left end", x0, LEFT_MM);
    assert_mm("rule's right end", x1, LEFT_MM + WIDTH_MM);
    let title = line(&lines, "楚雄州科学技术局关于");
    assert_mm(
        "title, two lines under the rule",
        line_top(title),
        y + 2.0 * P_MM,
    );
    // And on the grid (5.2.3): the body keeps its lines.
    let k = (line_top(title) - TOP_MM) / P_MM;
    assert!((k - k.round()).abs() * P_MM < TOL_MM, "title on line {k}");
}

/// 7.2.4: a joint issue stacks the organs, "文件" to their right, centred on them.
#[test]
fn a_joint_head_stacks_the_organs_with_the_suffix_beside_them() {
    let (pdf, lines) = measured(&joint());
    let lead = line(&lines, "楚雄州科学技术局");
    let second = line(&lines, "楚雄州财政局");
    let suffix = line(&lines, "文件");
    assert_mm("标志 top", top(lead), TOP_MM + 35.0);
    assert_mm("second organ under the first", top(second), bottom(lead));
    assert_mm(
        "文件 centred on the stack",
        (top(suffix) + bottom(suffix)) / 2.0,
        (top(lead) + bottom(second)) / 2.0,
    );
    assert!(suffix.x_min > lead.x_max && suffix.x_min > second.x_max);
    assert_mm(
        "文件 at the right edge",
        pt_to_mm(suffix.x_max),
        LEFT_MM + WIDTH_MM,
    );
    // Each name centred on the width 文件 leaves.
    let names_centre = (LEFT_MM + pt_to_mm(suffix.x_min)) / 2.0;
    for name in [lead, second] {
        assert_mm(
            &name.text,
            (pt_to_mm(name.x_min) + pt_to_mm(name.x_max)) / 2.0,
            names_centre,
        );
    }
    let number = line(&lines, "楚科联发");
    assert_mm(
        "文号 two lines under the stack",
        top(number),
        bottom(second) + 2.0 * P_MM,
    );
    let rules = Picture::of(&pdf, 1).red_rules(100.0);
    assert_eq!(rules.len(), 1, "{rules:?}");
    assert_mm(
        "rule, 4 mm under the 文号",
        rules[0].0,
        bottom(number) + 4.0,
    );
    let title = line(&lines, "楚雄州科学技术局关于");
    assert_mm(
        "title two lines under the rule",
        line_top(title),
        rules[0].0 + 2.0 * P_MM,
    );
}

/// 7.2.5, 7.2.6: an upward document's 文号 one character in from the left,
/// level with the last 签发人 line; the 签发人 one character in from the right.
#[test]
fn an_upward_head_puts_the_number_left_and_the_signers_right() {
    let (pdf, lines) = measured(&upward());
    let cell = WIDTH_MM / 28.0;
    let number = line(&lines, "楚科报");
    assert_mm(
        "文号 one character in",
        pt_to_mm(number.x_min),
        LEFT_MM + cell,
    );
    let first = line(&lines, "签发人：张三");
    let li = line(&lines, "李四");
    let last = line(&lines, "王五");
    assert_mm(
        "the last 签发人 level with the 文号",
        top(last),
        top(number),
    );
    assert_mm(
        "the first 签发人 line one line up",
        top(first),
        top(number) - P_MM,
    );
    assert_mm("李四 beside 张三", top(li), top(first));
    // 王五 under 张三 (the first name), the first line ending one character in.
    let zhang = pt_to_mm(first.x_max) - 2.0 * cell;
    assert_mm("王五 under 张三", pt_to_mm(last.x_min), zhang);
    assert_mm(
        "签发人 end one character in",
        pt_to_mm(li.x_max),
        LEFT_MM + WIDTH_MM - cell,
    );
    let organ = line(&lines, "楚雄州科学技术局文件");
    assert_mm("标志 top", top(organ), TOP_MM + 35.0);
    assert_mm(
        "two lines from 标志 to 签发人",
        top(first),
        bottom(organ) + 2.0 * P_MM,
    );
    let rules = Picture::of(&pdf, 1).red_rules(100.0);
    assert_mm(
        "rule, 4 mm under the 文号",
        rules[0].0,
        bottom(number) + 4.0,
    );
}

/// 10.1: a letter's 标志 30 mm from the paper's top, red double rules 170 mm
/// long under it and 20 mm above the paper's bottom, 文号 flush right, no
/// page number on page 1.
#[test]
fn a_letter_has_its_own_head_and_no_number_on_page_one() {
    let mut doc = letter();
    // Enough text for a second page.
    let para = doc.blocks[0].clone();
    doc.blocks = std::iter::repeat_n(para, 12).collect();
    let (pdf, lines) = measured(&doc);
    let organ = line(&lines, "楚雄州科学技术局");
    assert_mm("标志 top from the paper's top", top(organ), 30.0);
    let rules = Picture::of(&pdf, 1).red_rules(100.0);
    assert_eq!(rules.len(), 4, "two double rules: {rules:?}");
    for (_, x0, x1) in &rules {
        assert_mm("170 mm rule from", *x0, 20.0);
        assert_mm("170 mm rule to", *x1, 190.0);
    }
    // Our weights: 0.8 mm and 0.25 mm, 1 mm of paper between.
    assert_mm(
        "upper double rule 4 mm under the 标志",
        rules[0].0 - 0.4,
        bottom(organ) + 4.0,
    );
    assert_mm("its thin line", rules[1].0, rules[0].0 + 0.4 + 1.0 + 0.125);
    assert_mm(
        "lower double rule 20 mm above the paper's bottom",
        rules[3].0 + 0.4,
        297.0 - 20.0,
    );
    assert_mm("its thin line", rules[2].0, rules[3].0 - 0.4 - 1.0 - 0.125);
    // Thick over thin above, thin over thick below.
    let thickness = |y: f32| {
        let p = Picture::of(&pdf, 1);
        (0..p.height)
            .filter(|&r| (Picture::mm(r) - y).abs() < 1.0 && is_red(p.at(Picture::px(105.0), r)))
            .count()
    };
    assert!(thickness(rules[0].0) > thickness(rules[1].0));
    assert!(thickness(rules[3].0) > thickness(rules[2].0));
    let number = line(&lines, "楚科函");
    assert_mm(
        "文号 flush right",
        pt_to_mm(number.x_max),
        LEFT_MM + WIDTH_MM,
    );
    // 14 pt (7/8 of 3号) under the double rule.
    assert_mm(
        "文号 under the double rule",
        top(number),
        rules[1].0 + 0.125 + 14.0 * 25.4 / 72.0,
    );
    let numbers: Vec<&BoxLine> = lines.iter().filter(|l| l.text.starts_with('—')).collect();
    assert!(
        numbers.iter().all(|l| l.page != 1),
        "page 1 numbered: {numbers:?}"
    );
    assert!(
        numbers.iter().any(|l| l.page == 2),
        "page 2 unnumbered: {lines:#?}"
    );
}

/// 10.2: an order's 标志 20 mm under the block's top, the order number two
/// lines under it, the text two lines under the number.
#[test]
fn an_order_head_sets_the_number_and_the_text_two_lines_apart() {
    let (pdf, lines) = measured(&order());
    let organ = line(&lines, "楚雄彝族自治州人民政府令");
    assert_mm("标志 top", top(organ), TOP_MM + 20.0);
    // Twelve characters this size are wider than the block: squeezed to it.
    assert_mm(
        "squeezed from the left edge",
        pt_to_mm(organ.x_min),
        LEFT_MM,
    );
    assert_mm(
        "to the right edge",
        pt_to_mm(organ.x_max),
        LEFT_MM + WIDTH_MM,
    );
    let number = line(&lines, "第3号");
    assert_mm(
        "令号 two lines under the 标志",
        top(number),
        bottom(organ) + 2.0 * P_MM,
    );
    // The text on the first grid line two lines under the number's line.
    let body = line(&lines, "为深入实施");
    let grid_line = ((top(number) + 3.0 * P_MM - TOP_MM) / P_MM - 0.01).ceil();
    assert_mm(
        "text two lines under the 令号's line",
        line_top(body),
        TOP_MM + grid_line * P_MM,
    );
    assert!(
        Picture::of(&pdf, 1).red_rules(100.0).is_empty(),
        "an order has no rule"
    );
}

/// 7.2.4, 7.2.7: the 标志 and the rule red; everything else black.
#[test]
fn the_organ_and_the_rule_are_red_and_the_text_black() {
    for doc in [notice(), joint(), upward(), letter(), minutes()] {
        let (pdf, lines) = measured(&doc);
        let picture = Picture::of(&pdf, 1);
        let head = &doc.meta.head;
        let suffix = head.suffix.clone().unwrap_or_default();
        let single = format!("{}{suffix}", head.organs[0]);
        for l in lines.iter().filter(|l| l.page == 1) {
            let (red, black) =
                picture.inks(pt_to_mm(l.x_min), top(l), pt_to_mm(l.x_max), bottom(l));
            // The 标志 is the head's big type, above 100 mm; the issuer's
            // name at the foot is ordinary text.
            let is_organ = top(l) < 100.0
                && (l.text == single || head.organs.contains(&l.text) || l.text == suffix);
            if is_organ {
                assert!(
                    red > 100 && black == 0,
                    "{}: {red} red, {black} black",
                    l.text
                );
            } else {
                assert!(
                    black > 0 && red == 0,
                    "{}: {red} red, {black} black",
                    l.text
                );
            }
        }
        assert!(!picture.red_rules(100.0).is_empty());
    }
}

/// The disclosure copy of the same data is today's: no head, the index block.
#[test]
fn the_disclosure_form_has_no_head_and_the_printed_form_no_index() {
    let mut doc = notice();
    doc.meta.index = vec![("索引号".into(), "11532300015167356F-/2021-0101001".into())];
    let (_, printed) = measured(&doc);
    assert!(printed.iter().all(|l| !l.text.contains("索引号")));
    doc.meta.form = Form::Disclosure;
    let (pdf, disclosed) = measured(&doc);
    assert!(disclosed.iter().any(|l| l.text.contains("索引号")));
    assert!(disclosed
        .iter()
        .all(|l| !l.text.contains("文件") && !l.text.contains("楚科发")));
    assert!(Picture::of(&pdf, 1).red_rules(20.0).is_empty());
    let title = line(&disclosed, "楚雄州科学技术局关于");
    assert_mm("title on the block's first line", line_top(title), TOP_MM);
}

/// The OFD draws the same head: the 标志 red (and squeezed through its CTM
/// when wider than the block), the rule red.
#[test]
fn the_ofd_draws_the_head_in_red() {
    let doc = order();
    let fonts = fonts();
    let layout = gongwen::layout::layout(&doc, &gongwen::style::Style::default(), &fonts).unwrap();
    let bytes = gongwen::ofd::write(&layout, &doc, &fonts).unwrap();
    let content = zip_part(&bytes, "Doc_0/Pages/Page_0/Content.xml");
    let organ = content
        .split("<ofd:TextObject")
        .find(|o| o.contains("人民政府令"))
        .expect("the 标志 in the OFD");
    assert!(
        organ.contains("<ofd:FillColor Value=\"255 0 0\"/>"),
        "{organ}"
    );
    assert!(organ.contains(" CTM=\"0."), "squeezed: {organ}");
    let body = content
        .split("<ofd:TextObject")
        .find(|o| o.contains("为深入实施"))
        .unwrap();
    assert!(body.contains("<ofd:FillColor Value=\"0 0 0\"/>"), "{body}");
    let layout =
        gongwen::layout::layout(&notice(), &gongwen::style::Style::default(), &fonts).unwrap();
    let bytes = gongwen::ofd::write(&layout, &notice(), &fonts).unwrap();
    let content = zip_part(&bytes, "Doc_0/Pages/Page_0/Content.xml");
    assert!(
        content.contains("<ofd:StrokeColor Value=\"255 0 0\"/>"),
        "the red rule"
    );
}

fn zip_part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut part = zip.by_name(name).unwrap_or_else(|_| panic!("no {name}"));
    let mut s = String::new();
    std::io::Read::read_to_string(&mut part, &mut s).unwrap();
    s
}

/// A head with more organs than a page holds is an error, not a page of red.
#[test]
fn a_head_taller_than_a_page_is_an_error() {
    let mut doc = joint();
    doc.meta.head.organs = (1..=14).map(|i| format!("第{i}机关")).collect();
    let err = gongwen::layout::layout(&doc, &gongwen::style::Style::default(), &fonts())
        .expect_err("14 organs do not fit");
    assert!(err.to_string().contains("head"), "{err}");
}

/// A page closed up to keep the signature with the text (7.3.5.5) keeps its
/// head and title where 7.2 and 7.3.1 put them; the lines under them close up.
#[test]
fn a_tightened_first_page_keeps_its_head_in_place() {
    let mut doc = notice();
    let para = doc.blocks[1].clone();
    doc.blocks = std::iter::repeat_n(para, 7).collect();
    let layout = lay_out(&doc);
    assert_eq!(layout.pages.len(), 1);
    assert!(
        layout.warnings.iter().any(|w| w.contains("tightened")),
        "{:?}",
        layout.warnings
    );
    let (pdf, lines) = measured(&doc);
    let organ = line(&lines, "楚雄州科学技术局文件");
    assert_mm("标志 top", top(organ), TOP_MM + 35.0);
    let rules = Picture::of(&pdf, 1).red_rules(100.0);
    let title = line(&lines, "楚雄州科学技术局关于");
    assert_mm(
        "title two lines under the rule",
        line_top(title),
        rules[0].0 + 2.0 * P_MM,
    );
    let date = line(&lines, "2021年1月10日");
    assert!(bottom(date) <= TOP_MM + 225.0 + TOL_MM, "{date:?}");
}
