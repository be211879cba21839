//! Both copies of every 公文 fixture (tests/fixtures/gongwen/<case>, built
//! through the CLI in the printed form) put the same elements on the same
//! pages at the same heights: LibreOffice's rendering of the DOCX (the
//! stand-in for Word) and the PDF agree within 2 mm for the 标志, the 文号,
//! the title's first line, the 主送, the first body line, the signature, the
//! date, the 附注, each "附件N" and the 版记's lines.
//!
//! A line's height is measured at its baseline (pdftotext -bbox gives each
//! word's box; the box's share above the baseline is a property of the PDF's
//! writer, measured below). Run with `--nocapture` to see the deviations.
//! Needs `soffice` and poppler-utils.

mod common;
mod lo_support;
mod pdf_support;

use std::path::PathBuf;

use pdf_support::pt_to_mm;

/// The copies agree to this, in mm (acceptance: the same place within 2 mm).
const TOLERANCE_MM: f32 = 2.0;

/// Where the copies still paginate differently, so an element stands whole
/// lines or pages apart (not a matter of where a line's text sits):
/// - joint, transmittal: the PDF carries the body's last two lines to the
///   signature's page (7.3.5.5); the DOCX keeps them on the page before, so
///   LibreOffice shows the signature without text above it;
/// - notice: LibreOffice sets 21 of page 1's 22 lines (its footer takes
///   room from the block), so everything after stands a line lower.
///
/// Each must still differ: the test fails when one is fixed, to be removed.
const KNOWN_PAGINATION: &[(&str, &[&str])] = &[
    ("joint", &["signature", "date", "附注"]),
    ("transmittal", &["signature", "date", "附注"]),
    ("notice", &["signature", "date", "附注"]),
];

fn known(case: &str, name: &str) -> bool {
    KNOWN_PAGINATION
        .iter()
        .any(|(c, names)| *c == case && names.contains(&name))
}

/// Where poppler puts a word's box around its baseline, per PDF writer, as
/// measured against the glyph origins (PyMuPDF): the PDF gives a CJK face's
/// em box (0.88 em above the baseline, 1 em high) and Liberation Serif's box
/// (0.693 em above, 0.909 em high); LibreOffice gives every face a box
/// 0.95 em above and 0.35 em below the baseline.
#[derive(Clone, Copy)]
enum Writer {
    Pdf,
    LibreOffice,
}

impl Writer {
    /// (share of the box above the baseline, box height in em) for a word
    /// starting with `first`.
    fn box_of(self, first: char) -> (f32, f32) {
        match self {
            Writer::Pdf if first.is_ascii() => (0.693 / 0.909, 0.909),
            Writer::Pdf => (0.88, 1.0),
            Writer::LibreOffice => (0.95 / 1.3, 1.3),
        }
    }
}

/// One line of text: the words on one baseline of a page.
#[derive(Debug, Clone)]
struct Line {
    page: usize,
    /// Baseline, mm from the paper's top.
    baseline: f32,
    /// Left edge, mm from the paper's left.
    left: f32,
    /// Type size, pt.
    em: f32,
    text: String,
}

/// A PDF's lines: its words (pdftotext -bbox) grouped by baseline.
fn lines(pdf: &std::path::Path, writer: Writer) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    for w in pdf_support::ink::words(pdf) {
        let Some(first) = w.text.chars().next() else {
            continue;
        };
        let (above, height) = writer.box_of(first);
        let h = w.y_max - w.y_min;
        let baseline = pt_to_mm(w.y_min + h * above);
        let em = h / height;
        match lines
            .iter_mut()
            .find(|l| l.page == w.page && (l.baseline - baseline).abs() < 1.0)
        {
            Some(l) => {
                if pt_to_mm(w.x_min) < l.left {
                    l.text = format!("{}{}", w.text, l.text);
                    l.left = pt_to_mm(w.x_min);
                } else {
                    l.text.push_str(&w.text);
                }
                if !first.is_ascii() {
                    l.em = em;
                }
            }
            None => lines.push(Line {
                page: w.page,
                baseline,
                left: pt_to_mm(w.x_min),
                em,
                text: w.text.clone(),
            }),
        }
    }
    lines.sort_by(|a, b| {
        (a.page, a.baseline)
            .partial_cmp(&(b.page, b.baseline))
            .unwrap()
    });
    lines
}

fn plain(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{200B}')
        .collect()
}

/// Builds one fixture's DOCX and PDF through the CLI, printed form.
fn build(case: &str) -> (PathBuf, PathBuf, PathBuf) {
    let dir = common::root().join("tests/fixtures/gongwen").join(case);
    let out = common::scratch(&format!("positions-{case}"));
    let o = common::build(
        &dir,
        &dir.join("data.yaml"),
        &out.join("out"),
        // Each case's templates/ (for work-report, the project's) is found from its data file.
        &["--format", "docx,pdf", "--form", "printed"],
    );
    assert!(o.status.success(), "{case}: {}", common::stderr(&o));
    let files = common::files_below(&out.join("out"));
    let find = |ext: &str| {
        files
            .iter()
            .find(|f| f.extension().is_some_and(|e| e == ext))
            .map(|f| out.join("out").join(f))
            .unwrap_or_else(|| panic!("{case}: no {ext}"))
    };
    (find("docx"), find("pdf"), out)
}

/// Whether `s` reads as a date "YYYY年M月D日".
fn is_date(s: &str) -> bool {
    let Some(rest) = s.strip_suffix('日') else {
        return false;
    };
    let parts: Vec<&str> = rest.split(['年', '月']).collect();
    parts.len() == 3
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_digit() || "〇一二三四五六七八九十".contains(c))
        })
}

/// The elements of the PDF, by name: each the line where it starts.
fn elements(lines: &[Line]) -> Vec<(String, Line)> {
    let mut found: Vec<(String, Line)> = Vec::new();
    let page1: Vec<&Line> = lines.iter().filter(|l| l.page == 1).collect();
    let organ = page1.iter().find(|l| pt_to_mm(l.em) > 9.0);
    if let Some(organ) = organ {
        found.push(("标志".into(), (*organ).clone()));
    }
    let number = page1
        .iter()
        .find(|l| l.text.contains('〔') || (l.text.starts_with('第') && l.text.ends_with('号')));
    if let Some(n) = number {
        found.push(("文号".into(), (*n).clone()));
    }
    let after_head = number.or(organ).map_or(0.0, |l| l.baseline);
    let title = page1
        .iter()
        .find(|l| l.baseline > after_head && (l.em - 22.0).abs() < 0.5);
    if let Some(t) = title {
        found.push(("title".into(), (*t).clone()));
    }
    let title_y = title.map_or(after_head, |t| t.baseline);
    // 主送 ends with a full-width colon and starts at the block's left edge.
    let body_16: Vec<&&Line> = page1
        .iter()
        .filter(|l| l.baseline > title_y && (l.em - 16.0).abs() < 0.5)
        .collect();
    let addressees = body_16
        .iter()
        .position(|l| l.left < 28.5 && plain(&l.text).ends_with('：'));
    if let Some(i) = addressees {
        found.push(("主送".into(), (**body_16[i]).clone()));
    }
    // The first body line: indented two characters, under the 主送.
    let from = addressees.map_or(0, |i| i + 1);
    if let Some(first) = body_16[from..]
        .iter()
        .find(|l| (l.left - 28.0 - 2.0 * pt_to_mm(16.0)).abs() < 1.0)
    {
        found.push(("first body line".into(), (***first).clone()));
    }
    // The date, the line before it (the signature) and the 附注 after it.
    for (i, l) in lines.iter().enumerate() {
        if is_date(&plain(&l.text)) && (l.em - 16.0).abs() < 0.5 {
            if i > 0 && lines[i - 1].page == l.page {
                found.push(("signature".into(), lines[i - 1].clone()));
            }
            found.push(("date".into(), l.clone()));
            if let Some(n) = lines
                .get(i + 1)
                .filter(|n| n.page == l.page && plain(&n.text).starts_with('（'))
            {
                found.push(("附注".into(), n.clone()));
            }
        }
    }
    for l in lines.iter().filter(|l| l.page > 1) {
        let t = plain(&l.text);
        if let Some(n) = t.strip_prefix("附件") {
            if n.chars().all(|c| c.is_ascii_digit()) && l.left < 28.5 {
                found.push((t.clone(), l.clone()));
            }
        }
    }
    // The 版记: the 4号 lines of the last page, the page number aside.
    let last = lines.iter().map(|l| l.page).max().unwrap_or(1);
    let closing =
        |l: &Line| l.page == last && (l.em - 14.0).abs() < 0.5 && !l.text.starts_with('—');
    for l in lines.iter().filter(|l| closing(l)) {
        found.push(("版记 line".into(), l.clone()));
    }
    // An attachment's title, text and table rows: every other line on a
    // page that opens with "附件N".
    let attachment_pages: Vec<usize> = found
        .iter()
        .filter(|(n, _)| n.starts_with("附件"))
        .map(|(_, l)| l.page)
        .collect();
    for l in lines.iter().filter(|l| attachment_pages.contains(&l.page)) {
        let t = plain(&l.text);
        if closing(l) || t.starts_with("附件") || t.starts_with('—') {
            continue;
        }
        let name = if (l.em - 22.0).abs() < 0.5 {
            "attachment title"
        } else {
            "attachment text, table rows"
        };
        found.push((name.into(), l.clone()));
    }
    found
}

/// The LibreOffice line that is the same element: on the same page, its
/// text starting as the PDF line's does; the nearest of those.
fn counterpart<'a>(lo: &'a [Line], pdf_line: &Line) -> Option<&'a Line> {
    let key: String = plain(&pdf_line.text).chars().take(6).collect();
    let want = pdf_line.baseline;
    lo.iter()
        .filter(|l| l.page == pdf_line.page && plain(&l.text).starts_with(&key))
        .min_by(|a, b| {
            let da = (a.baseline - want).abs();
            let db = (b.baseline - want).abs();
            da.total_cmp(&db)
        })
}

fn compare(case: &str) -> Vec<String> {
    let (docx, pdf, dir) = build(case);
    let lo_pdf = lo_support::libreoffice_pdf_as_word(&std::fs::read(&docx).unwrap(), &dir, case);
    let ours = lines(&pdf, Writer::Pdf);
    let theirs = lines(&lo_pdf, Writer::LibreOffice);
    let mut failures = Vec::new();
    let mut worst: Vec<(String, f32)> = Vec::new();
    let elements = elements(&ours);
    for name in ["标志", "文号", "first body line", "date"] {
        if !elements.iter().any(|(n, _)| n == name) {
            failures.push(format!("{case}: no {name} found in the PDF"));
        }
    }
    for (name, line) in &elements {
        let Some(other) = counterpart(&theirs, line) else {
            failures.push(format!(
                "{case}: {name} “{}” is on page {} of the PDF, not on that page in LibreOffice",
                line.text, line.page
            ));
            continue;
        };
        let d = other.baseline - line.baseline;
        if known(case, name) {
            println!("{case}: {name} {d:+.2} mm (known pagination difference)");
            if d.abs() <= TOLERANCE_MM {
                failures.push(format!(
                    "{case}: {name} now agrees ({d:+.2} mm): remove it from KNOWN_PAGINATION"
                ));
            }
            continue;
        }
        match worst.iter_mut().find(|(n, _)| n == name) {
            Some((_, w)) if w.abs() < d.abs() => *w = d,
            Some(_) => {}
            None => worst.push((name.clone(), d)),
        }
        if d.abs() > TOLERANCE_MM {
            failures.push(format!(
                "{case}: {name} “{}” (page {}): LibreOffice sets it {d:+.2} mm from the PDF",
                line.text, line.page
            ));
        }
    }
    let report: Vec<String> = worst.iter().map(|(n, d)| format!("{n} {d:+.2}")).collect();
    println!(
        "{case}: LibreOffice − PDF, max per element (mm): {}",
        report.join(", ")
    );
    failures
}

fn cases() -> Vec<String> {
    let mut cases: Vec<String> = std::fs::read_dir(common::root().join("tests/fixtures/gongwen"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("data.yaml").exists())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    cases.sort();
    cases
}

#[test]
fn libreoffice_sets_every_element_where_the_pdf_does() {
    let cases = cases();
    assert!(cases.len() >= 7, "fixtures: {cases:?}");
    let failures: Vec<String> = cases.iter().flat_map(|c| compare(c)).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
