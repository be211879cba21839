//! `gongwen import`: last year's document — the disclosure page's text, the
//! DOCX gongwen writes, a DOCX another program wrote, the page's HTML —
//! becomes a template and data whose build reproduces it line for line, every
//! figure of the prose in the data and the derived ones computed by helpers.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use unicode_normalization::UnicodeNormalization;

fn nfkc_lines(text: &str) -> Vec<String> {
    text.lines().map(|l| l.nfkc().collect()).collect()
}

fn fixture(name: &str) -> PathBuf {
    common::root().join("tests/fixtures/import").join(name)
}

fn reference_path() -> PathBuf {
    common::root().join("tests/fixtures/reference/chuxiong-kjj-2020.txt")
}

/// The reference from its title to its date (the rest is the page's furniture).
fn reference_lines() -> Vec<String> {
    let lines = nfkc_lines(&std::fs::read_to_string(reference_path()).unwrap());
    let start = lines.iter().position(|l| l.contains("工作要点")).unwrap();
    let end = lines.iter().rposition(|l| l == "2021年1月10日").unwrap();
    lines[start..=end].to_vec()
}

/// Imports `input` into `dir` as `name`; returns (data, template) text and stderr.
fn import(dir: &Path, input: &Path, name: &str) -> (String, String, String) {
    let o = common::gongwen(dir, &["import", input.to_str().unwrap(), "--name", name]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let data = std::fs::read_to_string(dir.join(format!("{name}.yaml"))).unwrap();
    let template = std::fs::read_to_string(dir.join(format!("templates/{name}.md.hbs"))).unwrap();
    (data, template, common::stderr(&o))
}

/// Builds `dir/name.yaml` as text with no flags but the format; returns the text.
fn build_text(dir: &Path, name: &str) -> String {
    let out = dir.join("out");
    let _ = std::fs::remove_dir_all(&out);
    let o = common::gongwen(
        dir,
        &[
            "build",
            &format!("{name}.yaml"),
            "--format",
            "txt",
            "--out",
            "out",
        ],
    );
    assert!(o.status.success(), "{}", common::stderr(&o));
    let files = common::files_below(&out);
    assert_eq!(files.len(), 1, "{files:?}");
    std::fs::read_to_string(out.join(&files[0])).unwrap()
}

fn assert_same_lines(ours: &[String], expected: &[String], what: &str) {
    for (i, (a, b)) in expected.iter().zip(ours).enumerate() {
        assert_eq!(b, a, "{what}: line {} differs", i + 1);
    }
    assert_eq!(ours.len(), expected.len(), "{what}: line count");
}

#[test]
fn the_reference_text_round_trips_line_for_line() {
    let dir = common::scratch("import-reference");
    let (data, _, stderr) = import(&dir, &reference_path(), "report");
    let ours = nfkc_lines(&build_text(&dir, "report"));
    assert_same_lines(&ours, &reference_lines(), "reference text");
    // The page's furniture is left out, and the clerk is told what.
    assert!(
        stderr.contains("首页 >> 公开信息内容") && stderr.contains("下载"),
        "{stderr}"
    );
    assert!(
        data.contains("# 导入时略去的网页内容：首页 >> 公开信息内容"),
        "{data}"
    );
}

/// Figures of the prose as the text reads them: Arabic numbers (not those
/// quoted as names, “1133”) and Chinese ordinals (第四届, 前三届).
fn figures_in(text: &str) -> usize {
    let chars: Vec<char> = text.chars().collect();
    let mut n = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            let quoted = start > 0 && chars[start - 1] == '“' && chars.get(i) == Some(&'”');
            if !quoted {
                n += 1;
            }
            continue;
        }
        if (c == '第' || c == '前')
            && chars
                .get(i + 1)
                .is_some_and(|d| "一二三四五六七八九十".contains(*d))
            && chars.get(i + 2) == Some(&'届')
        {
            n += 1;
        }
        i += 1;
    }
    n
}

/// The template's body with every `{{…}}` expression taken out.
fn literal_body(template: &str) -> String {
    let body = template.splitn(3, "---\n").nth(2).unwrap();
    let mut out = String::new();
    let mut rest = body;
    while let Some(open) = rest.find("{{") {
        out.push_str(&rest[..open]);
        let close = rest[open..].find("}}").unwrap();
        rest = &rest[open + close + 2..];
    }
    out.push_str(rest);
    out
}

#[test]
fn the_reference_figures_are_in_the_data_and_the_derived_ones_computed() {
    let dir = common::scratch("import-figures");
    let (data, template, _) = import(&dir, &reference_path(), "report");
    // The prose: from the first paragraph to the last, without title, index and signature.
    let reference = reference_lines();
    let prose = reference[2..reference.len() - 2].join("\n");
    let total = figures_in(&prose);
    let left = figures_in(&literal_body(&template));
    let lifted = total - left;
    assert!(total > 90, "the reference has {total} figures in its prose");
    assert!(
        lifted * 100 >= total * 95,
        "{lifted} of {total} figures lifted; left in the template:\n{}",
        literal_body(&template)
    );
    // The four derived figures are helpers over raw figures the data keeps.
    for (helper, raw) in [
        ("{{percent ", ["2780", "2947"]),
        ("{{percent ", ["54.3", "50"]),
        ("{{pp ", ["0.87", "0.58"]),
        ("{{percent ", ["2509", "92992"]),
    ] {
        assert!(template.contains(helper), "{helper} missing");
        for r in raw {
            assert!(
                data.contains(&format!(": {r}   #")),
                "{r} is not in the data"
            );
        }
    }
    assert_eq!(template.matches("{{percent ").count(), 3);
    assert_eq!(template.matches("{{pp ").count(), 1);
    for derived in ["94.3", "108.6", "0.29", "2.7"] {
        assert!(
            !data.lines().any(|l| l
                .split('#')
                .next()
                .unwrap()
                .contains(&format!(": {derived}"))),
            "{derived} is computed, so the data must not hold it"
        );
    }
    // What was inferred is said in a comment.
    assert!(data.contains("# 推算：94.3% = "), "{data}");
    assert!(data.contains("# 推算：0.29个百分点 = "), "{data}");
    // Each figure carries its sentence.
    let funds = data.lines().find(|l| l.contains(": 2780 ")).unwrap();
    assert!(
        funds.contains("# 全年共向上争取科技项目资金2780万元"),
        "{funds}"
    );
}

#[test]
fn next_years_figures_go_in_the_data_and_the_derived_ones_follow() {
    let dir = common::scratch("import-edit");
    let (data, _, _) = import(&dir, &reference_path(), "report");
    // The clerk's edits: the year moves on, this year's funds are 2900 of 2947.
    let edited = data
        .replace("年度: 2020", "年度: 2021")
        .replace("科技项目资金: 2780", "科技项目资金: 2900");
    assert_ne!(edited, data);
    std::fs::write(dir.join("report.yaml"), edited).unwrap();
    let text = build_text(&dir, "report");
    assert!(
        text.starts_with("楚雄州科学技术局2021年科技创新工作情况及2022年工作要点\n"),
        "{text}"
    );
    assert!(
        text.contains("全年共向上争取科技项目资金2900万元，完成州政府下达目标任务2947万元的98.4%"),
        "{text}"
    );
    assert!(text.contains("一、2021年主要工作开展情况"));
}

#[test]
fn the_docx_gongwen_writes_round_trips() {
    let dir = common::scratch("import-own-docx");
    let o = common::gongwen(&dir, &["build", "--format", "docx", "--out", "docx"]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let files = common::files_below(&dir.join("docx"));
    let docx = dir.join("docx").join(&files[0]);
    import(&dir, &docx, "report");
    let ours = nfkc_lines(&build_text(&dir, "report"));
    assert_same_lines(&ours, &reference_lines(), "gongwen's DOCX");
}

fn typed_lines() -> Vec<String> {
    nfkc_lines(&std::fs::read_to_string(fixture("typed-by-hand.txt")).unwrap())
}

#[test]
fn a_docx_libreoffice_wrote_round_trips() {
    // typed-by-hand.docx is LibreOffice's conversion of typed-by-hand.html.
    let dir = common::scratch("import-lo-docx");
    let (data, template, _) = import(&dir, &fixture("typed-by-hand.docx"), "report");
    let ours = nfkc_lines(&build_text(&dir, "report"));
    assert_same_lines(&ours, &typed_lines(), "LibreOffice's DOCX");
    // Levels, run-in headings, the table, the dash list and the 附件说明 are markup.
    for markup in [
        "\n# 资金到位情况\n",
        "\n## 省级资金。\n",
        "\n## 按项目类别分列如下：\n\n| 项目类别 |",
        "\n## 资金到位率。 {.standalone}\n\n截至",
        "\n### 研发补助。\n",
        "\n#### 众创空间。\n",
        "\n|---|---|---|\n",
        "\n- 加快资金拨付进度",
        "{{growth ",
        "{{percent ",
        "attachments:\n{{#each 附件}}",
    ] {
        assert!(template.contains(markup), "{markup:?} missing:\n{template}");
    }
    assert!(data.contains("基础研究_金额: 320"), "{data}");
}

#[test]
fn the_pages_html_round_trips() {
    let dir = common::scratch("import-html");
    import(&dir, &fixture("typed-by-hand.html"), "report");
    let ours = nfkc_lines(&build_text(&dir, "report"));
    assert_same_lines(&ours, &typed_lines(), "HTML");
}

#[test]
fn a_docx_this_libreoffice_writes_round_trips() {
    let ok = Command::new("soffice")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        ok,
        "`soffice` is needed for this test: apt-get install libreoffice-writer-nogui"
    );
    let dir = common::scratch("import-lo-now");
    std::fs::copy(fixture("typed-by-hand.html"), dir.join("typed.html")).unwrap();
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.join("profile").display()
        ))
        .args([
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
        ])
        .arg(&dir)
        .arg(dir.join("typed.html"))
        .output()
        .expect("run soffice");
    let docx = dir.join("typed.docx");
    assert!(out.status.success() && docx.exists(), "{out:?}");
    import(&dir, &docx, "report");
    let ours = nfkc_lines(&build_text(&dir, "report"));
    assert_same_lines(&ours, &typed_lines(), "LibreOffice's DOCX, converted now");
}

#[test]
fn head_and_closing_block_become_front_matter() {
    let dir = common::scratch("import-printed");
    let (data, template, _) = import(&dir, &fixture("notice-printed.txt"), "notice");
    for key in [
        "copy: {{yaml 文头.份号}}",
        "secrecy: {{yaml 文头.密级}}",
        "urgency: {{yaml 文头.紧急程度}}",
        "organ: {{yaml 文头.发文机关标志}}",
        "organ_suffix: \"文件\"",
        "number: {{yaml 文头.发文字号}}",
        "addressees:\n{{#each 主送机关}}",
        "note: {{yaml 附注}}",
        "cc:\n{{#each 版记.抄送}}",
        "printer: {{yaml 版记.印发机关}}",
        "printed: {{yaml 版记.印发日期}}",
        "# {{年度}}年度科技型中小企业评价工作进度安排表 {.attachment}",
    ] {
        assert!(template.contains(key), "{key:?} missing:\n{template}");
    }
    for value in [
        "份号: \"000001\"",
        "发文字号: \"楚科发〔2021〕3号\"",
        "印发日期: 2021-01-11",
        "附注: \"联系人：李明，电话：0878-3122000\"",
    ] {
        assert!(data.contains(value), "{value:?} missing:\n{data}");
    }
    // It builds to what the same notice written in gongwen builds to.
    let ours = build_text(&dir, "notice");
    let notice = common::root().join("tests/fixtures/gongwen/notice/data.yaml");
    let o = common::gongwen(
        &dir,
        &[
            "build",
            notice.to_str().unwrap(),
            "--format",
            "txt",
            "--out",
            "orig",
        ],
    );
    assert!(o.status.success(), "{}", common::stderr(&o));
    let orig = common::files_below(&dir.join("orig"));
    let expected = std::fs::read_to_string(dir.join("orig").join(&orig[0])).unwrap();
    assert_eq!(ours, expected);
}

#[test]
fn bad_input_is_an_error_that_writes_nothing() {
    let dir = common::scratch("import-bad");
    std::fs::write(dir.join("broken.docx"), b"PK\x03\x04 not really a zip").unwrap();
    std::fs::write(dir.join("latin1.txt"), b"\xb1\xea\xcc\xe2\n").unwrap();
    std::fs::write(dir.join("old.doc"), b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1").unwrap();
    for (file, says) in [
        ("old.doc", "save it as .docx"),
        ("broken.docx", "cannot read the DOCX"),
        ("latin1.txt", "not UTF-8"),
        ("missing.docx", "missing.docx"),
    ] {
        let o = common::gongwen(&dir, &["import", file]);
        let err = common::stderr(&o);
        assert!(!o.status.success(), "{file}");
        assert!(err.contains("error") && err.contains(says), "{file}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    let left: Vec<_> = common::files_below(&dir);
    assert_eq!(left.len(), 3, "nothing written: {left:?}");
}

#[test]
fn existing_files_are_kept_unless_replacing_is_asked_for() {
    let dir = common::scratch("import-exists");
    import(&dir, &reference_path(), "report");
    std::fs::write(dir.join("report.yaml"), "# edited by hand\n").unwrap();
    let o = common::gongwen(
        &dir,
        &[
            "import",
            reference_path().to_str().unwrap(),
            "--name",
            "report",
        ],
    );
    assert!(!o.status.success());
    assert!(
        common::stderr(&o).contains("--force"),
        "{}",
        common::stderr(&o)
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("report.yaml")).unwrap(),
        "# edited by hand\n"
    );
    let o = common::gongwen(
        &dir,
        &[
            "import",
            reference_path().to_str().unwrap(),
            "--name",
            "report",
            "--force",
        ],
    );
    assert!(o.status.success(), "{}", common::stderr(&o));
    assert!(std::fs::read_to_string(dir.join("report.yaml"))
        .unwrap()
        .starts_with("# report.yaml"));
}

#[test]
fn the_same_document_imports_to_the_same_bytes() {
    let a = common::scratch("import-same-a");
    let b = common::scratch("import-same-b");
    let (da, ta, _) = import(&a, &fixture("typed-by-hand.docx"), "x");
    let (db, tb, _) = import(&b, &fixture("typed-by-hand.docx"), "x");
    assert_eq!((da, ta), (db, tb));
}

#[test]
fn a_disclosure_pages_html_loses_its_furniture_and_keeps_the_document() {
    let dir = common::scratch("import-page");
    let (data, template, stderr) = import(&dir, &fixture("disclosure-page.html"), "page");
    let text = build_text(&dir, "page");
    let lines: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(
        lines[0],
        "楚雄州科学技术局2020年科技创新工作情况及2021年工作要点"
    );
    assert_eq!(
        lines[1],
        "索引号：11532300015167356F-/2021-0414002 公文目录：规划总结 发文日期：2021年04月14日 主题词：科、教、文、卫、体 文  号： 成文日期：2021年11月18日"
    );
    assert!(lines[2].starts_with("2020年以来，在州委、州政府"), "{text}");
    assert_eq!(
        &lines[lines.len() - 2..],
        ["楚雄州科学技术局", "2021年1月10日"]
    );
    for gone in [
        "当前位置",
        "打印",
        "关闭窗口",
        "浏览次数",
        "下载",
        "ICP",
        "printit",
    ] {
        assert!(!text.contains(gone), "{gone} is in the document:\n{text}");
        assert!(!template.contains(gone), "{gone} is in the template");
    }
    for noted in [
        "当前位置：首页 >> 公开信息内容",
        "【打印本页】【关闭窗口】",
        "浏览次数",
    ] {
        assert!(
            stderr.contains(noted) && data.contains(noted),
            "{noted} not noted: {stderr}"
        );
    }
    assert_eq!(template.matches("{{percent ").count(), 3);
    assert_eq!(template.matches("{{pp ").count(), 1);
}

#[path = "common/rng.rs"]
mod rng;

/// Pieces a document (or a mangled one) is made of.
const PIECES: &[&str] = &[
    "一、",
    "（一）",
    "(二)",
    "1.",
    "（1）",
    "——",
    "第四届",
    "前三届",
    "2020年",
    "2021年1月10日",
    "2021年04月14日",
    "94.3%",
    "2780万元",
    "0.29个百分点",
    "12,307",
    "6.40",
    "05",
    "“1133”",
    "。",
    "，",
    "：",
    ":",
    "；",
    "\t",
    "\n",
    "\n\n",
    "附件：",
    "附件",
    "抄送：",
    "印发",
    "索引号:",
    "文  号:",
    "楚科发〔2021〕3号",
    "000001",
    "秘密★1年",
    "特急",
    "某局文件",
    "{{",
    "}}",
    "{{x}}",
    "---",
    "# ",
    "- ",
    "| ",
    "<p>",
    "</p>",
    "<table><tr><td>",
    "&amp;",
    "&#x4e00;",
    "*",
    "_",
    "[a](b)",
    "\\",
    "{.standalone}",
    "R&D",
    "首页 >> 内容",
    "打印",
    "下载",
    "甲",
    "乙项目",
    "增长",
    "的",
    "\u{3000}",
    " ",
    "\u{feff}",
    "~",
    "null",
    "true",
    "é",
    "𠀀",
];

#[test]
fn whatever_text_it_is_given_import_never_panics_and_what_it_writes_builds() {
    let dir = common::scratch("import-any");
    let mut rng = rng::Rng(0x1e2f_3a4b_5c6d_7e8f);
    for case in 0..40 {
        let mut doc = String::from("某局关于某事的报告\n");
        for _ in 0..rng.below(60) {
            doc.push_str(rng.pick(PIECES));
        }
        doc.push_str(if case % 2 == 0 {
            "\n某局\n2021年1月10日\n"
        } else {
            ""
        });
        let ext = if case % 3 == 0 { "html" } else { "txt" };
        let input = dir.join(format!("case{case}.{ext}"));
        std::fs::write(&input, &doc).unwrap();
        let name = format!("case{case}");
        let o = common::gongwen(&dir, &["import", input.to_str().unwrap(), "--name", &name]);
        let err = common::stderr(&o);
        assert!(!err.contains("panicked"), "case {case}:\n{doc}\n{err}");
        if !o.status.success() {
            assert!(err.starts_with("error"), "case {case}: {err}");
            continue;
        }
        let out = format!("out{case}");
        let b = common::gongwen(
            &dir,
            &[
                "build",
                &format!("{name}.yaml"),
                "--format",
                "txt",
                "--out",
                &out,
            ],
        );
        let berr = common::stderr(&b);
        assert!(
            b.status.success(),
            "case {case}: the import of\n{doc}\ndoes not build:\n{berr}\n{}",
            std::fs::read_to_string(dir.join(format!("templates/{name}.md.hbs"))).unwrap()
        );
    }
}

#[test]
fn a_damaged_docx_is_an_error_not_a_panic() {
    let dir = common::scratch("import-damaged");
    let good = std::fs::read(fixture("typed-by-hand.docx")).unwrap();
    let mut rng = rng::Rng(0x0dd0_c5e1_7a11_b0b5);
    for case in 0..24 {
        let mut bytes = good.clone();
        if case % 3 == 0 {
            bytes.truncate(rng.below(good.len()));
        } else {
            for _ in 0..1 + rng.below(8) {
                let at = rng.below(bytes.len());
                bytes[at] ^= 1 << rng.below(8);
            }
        }
        let input = dir.join(format!("damaged{case}.docx"));
        std::fs::write(&input, &bytes).unwrap();
        let name = format!("d{case}");
        let o = common::gongwen(&dir, &["import", input.to_str().unwrap(), "--name", &name]);
        let err = common::stderr(&o);
        assert!(!err.contains("panicked"), "case {case}: {err}");
        if !o.status.success() {
            assert!(err.starts_with("error"), "case {case}: {err}");
            assert!(!dir.join(format!("{name}.yaml")).exists());
        }
    }
}

#[test]
fn an_odd_file_name_cannot_break_the_template() {
    let dir = common::scratch("import-odd-name");
    let odd = dir.join("去年}}{{#each x}}\n--}}.txt");
    std::fs::copy(fixture("notice-printed.txt"), &odd).unwrap();
    import(&dir, &odd, "odd");
    import(&dir, &fixture("notice-printed.txt"), "plain");
    assert_eq!(build_text(&dir, "odd"), build_text(&dir, "plain"));
}
