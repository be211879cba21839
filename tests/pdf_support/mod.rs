//! Shared helpers for the PDF tests: documents to lay out, and poppler/qpdf
//! wrappers that fail clearly when the tools are missing.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, OnceLock};

use gongwen::fonts::FontBook;
use gongwen::model::*;
use gongwen::style::Style;

pub mod ink;
pub mod line_model;
pub mod parts;
pub mod render;

/// The shipped fonts only, so results do not depend on installed fonts.
pub fn fonts() -> Arc<FontBook> {
    static BOOK: OnceLock<Arc<FontBook>> = OnceLock::new();
    BOOK.get_or_init(|| Arc::new(FontBook::load_shipped(&[]).expect("shipped fonts")))
        .clone()
}

/// Replaces the ASCII punctuation the disclosure page normalised with the
/// full-width forms of the real document (DESIGN.md).
pub fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            ',' => '\u{FF0C}',
            ':' => '\u{FF1A}',
            ';' => '\u{FF1B}',
            '(' => '\u{FF08}',
            ')' => '\u{FF09}',
            _ => c,
        })
        .collect()
}

pub fn text(s: &str) -> Vec<Inline> {
    vec![Inline::Text(full_width(s))]
}

/// The shipped sample report, through the whole pipeline (data → template → markup).
pub fn sample_document() -> Document {
    use gongwen::pipeline::{Options, Pipeline, SAMPLE_PATH};
    let pipeline = Pipeline::new(&Options::default()).expect("pipeline");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let data = pipeline.load(&root.join(SAMPLE_PATH)).expect("sample data");
    pipeline.document(&data).expect("sample document")
}

/// A document with a long title, lists, a table and all four heading levels.
pub fn showcase_document() -> Document {
    let h = |level: u8, number: &str, t: &str| Heading {
        level,
        number: full_width(number),
        content: text(t),
        line: 1,
    };
    let para = |t: &str| {
        Block::Paragraph(Paragraph {
            heading: None,
            content: text(t),
            kind: Default::default(),
            line: 2,
        })
    };
    Document {
        meta: Meta {
            title: "楚雄彝族自治州科学技术局关于2021年度全州科技创新工作目标任务完成情况暨2022年重点工作安排意见的报告".into(),
            name: None,
            index: vec![("索引号".into(), "11532300015167356F-/2022-0101001".into()), ("公文目录".into(), "规划总结".into())],
            issuer: "楚雄彝族自治州科学技术局".into(),
            date: Date { year: 2022, month: 1, day: 5 },
            attachments: vec!["楚雄州2021年科技创新主要指标完成情况表".into(), "楚雄州2022年科技创新重点项目清单".into()],
            keywords: vec!["科技".into(), "报告".into()],
            ..Default::default()
        },
        attachments: Vec::new(),
        blocks: vec![
            para("2021年,全州科技系统认真贯彻落实州委、州政府决策部署,完成向上争取科技项目资金2780万元,完成目标任务2947万元的94.3%;全社会研发投入(R&D)强度达0.48%。"),
            Block::Heading(h(1, "一、", "主要指标完成情况")),
            Block::Paragraph(Paragraph { heading: Some(h(2, "(一)", "科技投入稳步增长。")), content: text("全州财政科技拨款占财政支出比重为0.58%,差全省平均水平0.87%的0.29个百分点,“十四五”开局良好。"), kind: Default::default(), line: 3 }),
            Block::Heading(h(2, "(二)", "主要目标计划:")),
            Block::List(List { items: vec![text("全社会研发投入(R&D)总量增长10%以上。"), text("认定高新技术企业10户以上,新增科技型中小企业30户以上。")], line: 4 }),
            Block::Heading(h(3, "1.", "科技项目")),
            para("组织申报“新基建”项目39项,计划总投资318亿元。"),
            Block::Heading(h(4, "(1)", "生物医药")),
            para("全年完成中药材种植面积54.3万亩,完成年度目标任务50万亩的108.6%。"),
            Block::Table(Table {
                header: vec![text("指标"), text("目标"), text("完成"), text("完成率")],
                rows: vec![
                    vec![text("向上争取资金(万元)"), text("2947"), text("2780"), text("94.3%")],
                    vec![text("中药材种植(万亩)"), text("50"), text("54.3"), text("108.6%")],
                ],
                align: vec![Align::Left, Align::Right, Align::Right, Align::Right],
                line: 5,
            }),
            para("以上情况,特此报告。"),
        ],
    }
}

pub fn build_pdf(doc: &Document) -> Vec<u8> {
    let fonts = fonts();
    let layout = gongwen::layout::layout(doc, &Style::default(), &fonts).expect("layout");
    gongwen::pdf::write(&layout, doc, &fonts).expect("pdf")
}

/// Runs a poppler/qpdf tool; panics with a clear message when it is missing.
pub fn tool(name: &str, args: &[&str]) -> std::process::Output {
    Command::new(name).args(args).output().unwrap_or_else(|e| {
        panic!("`{name}` is needed by this test (apt-get install poppler-utils qpdf): {e}")
    })
}

/// Writes bytes to a fresh file under the target dir's tmp, returning its path.
pub fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pdf-tests");
    std::fs::create_dir_all(&dir).expect("tmp dir");
    // Tests run in parallel: every call gets its own file.
    static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let path = dir.join(format!("{}-{n}-{name}", std::process::id()));
    std::fs::write(&path, bytes).expect("write tmp");
    path
}

/// One visual line as pdftotext sees it: the words on one baseline of a page.
#[derive(Debug, Clone)]
pub struct BoxLine {
    pub page: usize,
    pub x_min: f32,
    pub x_max: f32,
    pub y_min: f32,
    pub y_max: f32,
    pub text: String,
}

fn attr(tag: &str, name: &str) -> f32 {
    let key = format!("{name}=\"");
    tag.find(&key)
        .and_then(|i| {
            let rest = &tag[i + key.len()..];
            rest[..rest.find('"')?].parse().ok()
        })
        .unwrap_or(f32::NAN)
}

/// Runs `pdftotext -bbox` and groups the words into lines by page and top edge.
pub fn bbox_lines(pdf: &Path) -> Vec<BoxLine> {
    let out = tool("pdftotext", &["-bbox", pdf.to_str().unwrap(), "-"]);
    assert!(out.status.success(), "pdftotext -bbox failed");
    let html = String::from_utf8_lossy(&out.stdout);
    let mut lines: Vec<BoxLine> = Vec::new();
    let mut page = 0;
    for raw in html.lines() {
        let l = raw.trim();
        if l.starts_with("<page ") {
            page += 1;
        } else if l.starts_with("<word ") {
            let text = l[l.find('>').unwrap() + 1..l.rfind("</word>").unwrap()]
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&amp;", "&");
            let (x0, y0, x1, y1) = (
                attr(l, "xMin"),
                attr(l, "yMin"),
                attr(l, "xMax"),
                attr(l, "yMax"),
            );
            match lines
                .iter_mut()
                .find(|b| b.page == page && (b.y_min - y0).abs() < 0.5)
            {
                Some(b) => {
                    b.x_min = b.x_min.min(x0);
                    b.x_max = b.x_max.max(x1);
                    b.text.push_str(&text);
                }
                None => lines.push(BoxLine {
                    page,
                    x_min: x0,
                    x_max: x1,
                    y_min: y0,
                    y_max: y1,
                    text,
                }),
            }
        }
    }
    lines.sort_by(|a, b| (a.page, a.y_min).partial_cmp(&(b.page, b.y_min)).unwrap());
    lines
}

/// Where a grid line's text sits (src/layout/page.rs `grid_baseline`): its
/// baseline this share of a line below the grid line's top, whatever the
/// type's size — where LibreOffice (for Word) sets the text of an exact line.
pub const BASELINE_IN_LINE: f32 = 0.8;

/// The ascender of the shipped CJK faces: the share of a CJK line's em box
/// (the box `pdftotext -bbox` reports for our PDF) above its baseline.
pub const CJK_ASCENT: f32 = 0.88;

/// The grid line's pitch, in pt (225 mm / 22, 5.2.3).
pub const LINE_PITCH_PT: f32 = 225.0 / 22.0 * 72.0 / 25.4;

/// The top of the grid line a line of CJK text is set on, in pt from the
/// page's top: its em box's baseline less [`BASELINE_IN_LINE`] of a line.
/// Grid positions are clause positions ("line k", "two lines below"); this
/// reads them back from where the text sits.
pub fn grid_line_top(l: &BoxLine) -> f32 {
    l.y_min + CJK_ASCENT * (l.y_max - l.y_min) - BASELINE_IN_LINE * LINE_PITCH_PT
}

pub fn pt_to_mm(v: f32) -> f32 {
    v * 25.4 / 72.0
}

/// Character widths as GB/T 9704 counts them: a Han character or full-width
/// mark is one, a half-width digit or Latin letter one half.
pub fn char_widths(s: &str) -> f32 {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
        .sum()
}

pub fn without_whitespace(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Text compared as DESIGN.md says: after Unicode NFKC (full-width and
/// half-width forms alike), ignoring whitespace.
pub fn comparable(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    without_whitespace(&s.nfkc().collect::<String>())
}

/// A set line as the layout places it: its page, baseline, text and extent.
#[derive(Debug, Clone)]
pub struct SetText {
    pub page: u32,
    pub baseline: f32,
    pub text: String,
    pub left: f32,
    pub right: f32,
}

/// The bottom of the text block (37 + 225 mm), in points.
pub fn block_bottom_pt() -> f32 {
    gongwen::style::mm(262.0)
}

/// The layout's lines inside the text block (runs sharing a page and
/// baseline), in reading order; page numbers are left out.
pub fn layout_lines(layout: &gongwen::layout::Layout) -> Vec<SetText> {
    all_layout_lines(layout)
        .into_iter()
        .filter(|l| l.baseline < block_bottom_pt())
        .collect()
}

/// Every line the layout sets, page numbers included.
pub fn all_layout_lines(layout: &gongwen::layout::Layout) -> Vec<SetText> {
    let mut out: Vec<SetText> = Vec::new();
    for page in &layout.pages {
        let mut runs: Vec<&gongwen::layout::GlyphRun> = page.runs.iter().collect();
        runs.sort_by(|a, b| {
            (a.baseline, a.glyphs.first().map(|g| g.x))
                .partial_cmp(&(b.baseline, b.glyphs.first().map(|g| g.x)))
                .unwrap()
        });
        for run in runs {
            let (Some(first), Some(last)) = (run.glyphs.first(), run.glyphs.last()) else {
                continue;
            };
            match out
                .iter_mut()
                .find(|l| l.page == page.number && (l.baseline - run.baseline).abs() < 1.0)
            {
                Some(l) => {
                    l.text.push_str(&run.text);
                    l.right = l.right.max(last.x + last.width);
                }
                None => out.push(SetText {
                    page: page.number,
                    baseline: run.baseline,
                    text: run.text.clone(),
                    left: first.x,
                    right: last.x + last.width,
                }),
            }
        }
    }
    out
}

pub fn lay_out(doc: &Document) -> gongwen::layout::Layout {
    gongwen::layout::layout(doc, &Style::default(), &fonts()).expect("layout")
}

/// A document of body paragraphs only, with a one-line title.
pub fn paragraphs(texts: &[&str]) -> Document {
    Document {
        meta: Meta {
            title: "测试".into(),
            name: None,
            index: Vec::new(),
            issuer: "楚雄州科学技术局".into(),
            date: Date {
                year: 2021,
                month: 1,
                day: 10,
            },
            attachments: Vec::new(),
            keywords: Vec::new(),
            ..Default::default()
        },
        attachments: Vec::new(),
        blocks: texts
            .iter()
            .map(|t| {
                Block::Paragraph(Paragraph {
                    heading: None,
                    content: text(t),
                    kind: Default::default(),
                    line: 7,
                })
            })
            .collect(),
    }
}
