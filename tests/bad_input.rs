//! Bad input, one row a case: each row is a small template and data file (or a
//! change to the sample) and what a person must see. A refused input exits 1
//! with `error:` naming the file and line to edit, never panics, and writes
//! nothing; an input that is odd but valid builds, and its text shows the
//! value exactly as written.

mod common;

use std::path::Path;

/// The mini template every row uses unless it brings its own.
const MINI: &str = "---\ntitle: {{yaml org}}\nissuer: {{yaml org}}\ndate: 2021-01-10\n---\n全年争取资金{{results.funds}}万元，完成{{percent results.funds targets.funds}}%。\n\n单位：{{org}}。\n";

struct Case {
    name: &'static str,
    /// The data file (`data.yaml`); `template: mini` is added in front unless it starts `!raw`.
    data: &'static str,
    /// Templates besides `mini` (or replacing it): (name, text).
    templates: Vec<(&'static str, &'static str)>,
    args: &'static [&'static str],
    outcome: Outcome,
}

enum Outcome {
    /// Refused: the message holds each string, and `FILE:LINE` (or `FILE:LINE:COL`).
    Refused {
        says: &'static [&'static str],
        at: &'static str,
        not: &'static [&'static str],
    },
    /// Built: the text output holds each string.
    Built { shows: &'static [&'static str] },
}

use Outcome::{Built, Refused};

const DATA: &str = "org: 楚雄州科学技术局\nresults:\n  funds: 2780\ntargets:\n  funds: 2947\n";

fn deep(n: usize) -> String {
    "{{#if org}}".repeat(n) + "x" + &"{{/if}}".repeat(n)
}

fn cases() -> Vec<Case> {
    let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
    let body = |b: &str| {
        leak(format!(
            "---\ntitle: {{{{yaml org}}}}\nissuer: {{{{yaml org}}}}\ndate: 2021-01-10\n---\n{b}"
        ))
    };
    vec![
        // Recursion and nesting.
        Case { name: "self-include", data: DATA, templates: vec![("mini", "---\ntitle: t\nissuer: i\ndate: 2021-01-10\n---\n\n{{#if org}}{{> mini}}{{/if}}\n")], args: &[],
            outcome: Refused { says: &["`mini` includes itself"], at: "mini.md.hbs:7", not: &[] } },
        Case { name: "mutual-include", data: DATA, templates: vec![("mini", "---\ntitle: t\nissuer: i\ndate: 2021-01-10\n---\n{{> other}}\n"), ("other", "甲\n{{#each results}}{{> mini}}{{/each}}\n")], args: &[],
            outcome: Refused { says: &["includes itself", "mini → other → mini"], at: "other.md.hbs:2:18", not: &[] } },
        Case { name: "deep-blocks", data: DATA, templates: vec![("mini", leak(format!("---\ntitle: t\nissuer: i\ndate: 2021-01-10\n---\n\n{}\n", deep(10_000))))], args: &[],
            outcome: Refused { says: &["blocks nested more than 64 deep"], at: "mini.md.hbs:7:", not: &[] } },
        Case { name: "deep-but-legal", data: DATA, templates: vec![("mini", leak(format!("---\ntitle: t\nissuer: i\ndate: 2021-01-10\n---\n{}\n", deep(60))))], args: &[],
            outcome: Built { shows: &["x"] } },
        Case { name: "deep-yaml", data: leak(format!("org: 局\ndeep: {}{}\n", "[".repeat(10_000), "]".repeat(10_000))), templates: vec![], args: &[],
            outcome: Refused { says: &["brackets nested more than 100 deep"], at: "data.yaml:3:107", not: &[] } },
        // Values are text.
        Case { name: "injected-heading", data: "org: \"甲局\\n# 注入 &amp; [a](b) <b> | x\"\nresults:\n  funds: 1\ntargets:\n  funds: 2\n", templates: vec![], args: &[],
            outcome: Built { shows: &["单位：甲局# 注入 &amp; [a](b) <b> | x。"] } },
        Case { name: "raw-markup-on-purpose", data: "org: 局\nmore: \"**要点**\"\n", templates: vec![("mini", body("甲{{{more}}}乙\n"))], args: &[],
            outcome: Built { shows: &["甲要点乙"] } },
        Case { name: "raw-value-with-a-link", data: "org: 楚雄州科学技术局\nmore: \"[链接](http://x)\"\n", templates: vec![("mini", body("甲{{{more}}}乙{{org}}\n"))], args: &[],
            outcome: Refused { says: &["a link", "the value of `more`"], at: "data.yaml:3", not: &[] } },
        Case { name: "map-as-text", data: "org: {name: 局}\nresults:\n  funds: 1\ntargets:\n  funds: 2\n", templates: vec![], args: &[],
            outcome: Refused { says: &["`org` is a map, but the template prints it as text"], at: "data.yaml:2", not: &["[object]"] } },
        Case { name: "list-as-text", data: "org: [甲, 乙]\nresults:\n  funds: 1\ntargets:\n  funds: 2\n", templates: vec![], args: &[],
            outcome: Refused { says: &["`org` is a list"], at: "data.yaml:2", not: &[] } },
        Case { name: "year-not-whole", data: "org: 局\nyear: 2020.5\nresults:\n  funds: 1\ntargets:\n  funds: 2\n", templates: vec![], args: &[],
            outcome: Refused { says: &["`year` is 2020.5, not a year"], at: "data.yaml:3", not: &[] } },
        Case { name: "huge-number", data: "org: 局\nresults:\n  funds: 1e308\ntargets:\n  funds: 2\n", templates: vec![], args: &[],
            outcome: Refused { says: &["`results.funds` is 1e+308, beyond any figure"], at: "data.yaml:4", not: &[] } },
        Case { name: "nan", data: "org: 局\nresults:\n  funds: .nan\ntargets:\n  funds: 2\n", templates: vec![], args: &[],
            outcome: Refused { says: &["`results.funds` is .nan"], at: "data.yaml:4", not: &["null"] } },
        Case { name: "inf", data: "org: 局\nresults:\n  funds: 1\ntargets:\n  funds: -.inf\n", templates: vec![], args: &[],
            outcome: Refused { says: &["`targets.funds` is infinite"], at: "data.yaml:6", not: &["null"] } },
        Case { name: "null-list", data: "org: 局\nitems: ~\n", templates: vec![("mini", body("{{#each items}}《{{this}}》{{/each}}\n"))], args: &[],
            outcome: Refused { says: &["`items` is not known yet"], at: "data.yaml:3", not: &["write `items: ~`"] } },
        Case { name: "set-unknown-key", data: DATA, templates: vec![], args: &["--set", "results.fundz=1"],
            outcome: Refused { says: &["no key `results.fundz`", "did you mean `results.funds`?", "--set-new"], at: "", not: &[] } },
        Case { name: "text-for-a-number", data: "org: 局\nresults:\n  funds: 两千\ntargets:\n  funds: 2\n", templates: vec![], args: &[],
            outcome: Refused { says: &["needs a number", "`results.funds`"], at: "data.yaml:4", not: &[] } },
        Case { name: "template-not-a-name", data: "!raw\ntemplate: [mini]\norg: 局\n", templates: vec![], args: &[],
            outcome: Refused { says: &["`template` must be a template name"], at: "data.yaml:1", not: &[] } },
        // Markup that would vanish.
        Case { name: "footnote", data: "org: 局\n", templates: vec![("mini", body("正文[^1]。\n\n[^1]: 注释\n"))], args: &[],
            outcome: Refused { says: &["footnote"], at: "mini.md.hbs:6", not: &[] } },
        Case { name: "link", data: "org: 局\n", templates: vec![("mini", body("\n见[网站](http://kjj.cxz.gov.cn)。\n"))], args: &[],
            outcome: Refused { says: &["a link"], at: "mini.md.hbs:7", not: &[] } },
        Case { name: "image", data: "org: 局\n", templates: vec![("mini", body("![图](a.png)\n"))], args: &[],
            outcome: Refused { says: &["an image"], at: "mini.md.hbs:6", not: &[] } },
        Case { name: "raw-html", data: "org: 局\n", templates: vec![("mini", body("正文<span>甲</span>\n"))], args: &[],
            outcome: Refused { says: &["HTML"], at: "mini.md.hbs:6", not: &[] } },
        Case { name: "ragged-row", data: "org: 局\n", templates: vec![("mini", body("| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n| 3 | 4 | 5 |\n"))], args: &[],
            outcome: Refused { says: &["3 cells under a header of 2"], at: "mini.md.hbs:9", not: &[] } },
        Case { name: "unknown-attribute", data: "org: 局\n", templates: vec![("mini", body("## 甲 {.noindent}\n\n乙\n"))], args: &[],
            outcome: Refused { says: &["unknown block attribute `.noindent`", "{.standalone}"], at: "mini.md.hbs:6", not: &[] } },
        Case { name: "literal-attribute", data: "org: 局\n", templates: vec![("mini", body("正文。{.indent}\n"))], args: &[],
            outcome: Refused { says: &["unknown block attribute `{.indent}`", "{.standalone}", "{.noindent}"], at: "mini.md.hbs:6", not: &[] } },
        Case { name: "unknown-front-matter-key", data: "org: 局\n", templates: vec![("mini", "---\ntitle: t\nissuer: i\ndate: 2021-01-10\nsubtitle: 副标题\n---\n正文\n")], args: &[],
            outcome: Refused { says: &["unknown field `subtitle`", "addressees"], at: "mini.md.hbs:5", not: &[] } },
        Case { name: "padded-document-number", data: "org: 局\nwenhao: 楚科发〔2021〕03号\n", templates: vec![("mini", "---\ntitle: t\nissuer: i\ndate: 2021-01-10\nnumber: {{yaml wenhao}}\n---\n正文\n")], args: &[],
            outcome: Refused { says: &["pads its serial with zeros", "7.2.5"], at: "data.yaml:3", not: &[] } },
        Case { name: "closing-block-too-tall", data: "org: 局\n", templates: vec![("mini", leak(format!("---\ntitle: t\nissuer: i\ndate: 2021-01-10\ncc: [{}]\nprinter: 办公室\n---\n正文\n", (0..60).map(|i| format!("云南省某某厅局办公室第{i}处")).collect::<Vec<_>>().join(", "))))], args: &[],
            outcome: Refused { says: &["the closing block (版记) would take", "more than the 22 of a page"], at: "mini.md.hbs:5", not: &[] } },
        Case { name: "document-number-without-brackets", data: "org: 局\n", templates: vec![("mini", "---\ntitle: t\nissuer: i\ndate: 2021-01-10\nnumber: 楚科发[2021]3号\n---\n正文\n")], args: &[],
            outcome: Refused { says: &["has no year in 〔〕"], at: "mini.md.hbs:5", not: &[] } },
        // Where errors point.
        Case { name: "duplicate-key", data: "org: 局\nresults:\n  funds: 1\n  other: 2\n  funds: 3\ntargets:\n  funds: 2\n", templates: vec![], args: &[],
            outcome: Refused { says: &["duplicate entry with key \"funds\""], at: "data.yaml:6:", not: &[] } },
        Case { name: "control-character", data: "org: 楚雄\u{1}局\n", templates: vec![], args: &[],
            outcome: Refused { says: &["control character (U+0001)"], at: "data.yaml:2:8", not: &[] } },
        Case { name: "bad-front-matter-date", data: "org: 局\nwhen: 2021-13-01\n", templates: vec![("mini", "---\ntitle: t\nissuer: i\ndate: {{yaml when}}\n---\n正文\n")], args: &[],
            outcome: Refused { says: &["`date` must be YYYY-MM-DD", "the value of `when`"], at: "data.yaml:3", not: &[] } },
        Case { name: "malformed-yaml", data: "org: 局\nresults: {funds: 1\n", templates: vec![], args: &[],
            outcome: Refused { says: &["malformed YAML"], at: "data.yaml:", not: &[] } },
        Case { name: "truncated-yaml", data: "org: \"楚雄州科", templates: vec![], args: &[],
            outcome: Refused { says: &["malformed YAML"], at: "data.yaml:2:", not: &[] } },
        Case { name: "wrong-type-list-for-map", data: "org: 局\nresults: [1, 2]\ntargets:\n  funds: 2\n", templates: vec![], args: &[],
            outcome: Refused { says: &["`results` is a list, but the template reads `results.funds`"], at: "data.yaml:3", not: &[] } },
        // Odd but valid text goes through as written.
        Case { name: "long-word", data: leak(format!("org: 局{}\nresults:\n  funds: 1\ntargets:\n  funds: 2\n", "x".repeat(3000))), templates: vec![], args: &[],
            outcome: Built { shows: &["单位：局xxxxxxxx"] } },
        Case { name: "xml-specials", data: "org: \"<w:t>&\\\"'</w:t>]]>\"\nresults:\n  funds: 1\ntargets:\n  funds: 2\n", templates: vec![], args: &[],
            outcome: Built { shows: &["单位：<w:t>&\"'</w:t>]]>。"] } },
        Case { name: "rtl", data: "org: \"局\u{202e}שלום\"\nresults:\n  funds: 1\ntargets:\n  funds: 2\n", templates: vec![], args: &[],
            outcome: Built { shows: &["单位：局\u{202e}שלום。"] } },
    ]
}

fn run(case: &Case) {
    let dir = common::scratch(&format!("bad-{}", case.name));
    // `!raw` data is written as is; the rest names the mini template first.
    let data = match case.data.strip_prefix("!raw\n") {
        Some(raw) => raw.to_string(),
        None => format!("template: mini\n{}", case.data),
    };
    std::fs::write(dir.join("data.yaml"), &data).unwrap();
    let templates = dir.join("templates");
    std::fs::create_dir(&templates).unwrap();
    std::fs::write(templates.join("mini.md.hbs"), MINI).unwrap();
    for (name, text) in &case.templates {
        std::fs::write(templates.join(format!("{name}.md.hbs")), text).unwrap();
    }
    let mut args = vec![
        "build",
        "data.yaml",
        "--templates",
        "templates",
        "--format",
        "txt",
        "--out",
        "out",
    ];
    args.extend(case.args);
    let o = common::gongwen(&dir, &args);
    let err = common::stderr(&o);
    assert!(
        !err.contains("panicked") && o.status.code().is_some(),
        "{}: crashed\n{err}",
        case.name
    );
    match &case.outcome {
        Refused { says, at, not } => {
            assert_eq!(
                o.status.code(),
                Some(1),
                "{}: expected a refusal\n{err}",
                case.name
            );
            assert!(
                err.contains("error: "),
                "{}: no error line\n{err}",
                case.name
            );
            for s in *says {
                assert!(err.contains(s), "{}: message lacks {s:?}\n{err}", case.name);
            }
            for s in *not {
                assert!(!err.contains(s), "{}: message says {s:?}\n{err}", case.name);
            }
            if !at.is_empty() {
                assert!(
                    err.contains(&format!("--> {at}")) || err.contains(&format!("/{at}")),
                    "{}: not at {at}\n{err}",
                    case.name
                );
            }
            assert!(
                common::files_below(&dir.join("out")).is_empty(),
                "{}: wrote files",
                case.name
            );
        }
        Built { shows } => {
            assert!(o.status.success(), "{}: refused\n{err}", case.name);
            let files = common::files_below(&dir.join("out"));
            let text = std::fs::read_to_string(dir.join("out").join(&files[0])).unwrap();
            for s in *shows {
                assert!(text.contains(s), "{}: text lacks {s:?}\n{text}", case.name);
            }
        }
    }
}

#[test]
fn every_bad_input_is_refused_at_its_line_or_built_as_written() {
    let all = cases();
    let mut names: Vec<&str> = all.iter().map(|c| c.name).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), all.len(), "case names are unique");
    for case in &all {
        run(case);
    }
}

/// Checked separately: the whole-document formats must take such text too.
#[test]
fn odd_text_builds_in_every_format_or_names_the_character_no_font_has() {
    let dir = common::scratch("bad-formats");
    let sample = common::root().join("data/chuxiong-2020.yaml");
    for (i, value) in [
        "😀",
        "𠀀",
        "שלום\u{202e}",
        "<w:t>&amp;\"'",
        &"x".repeat(3000),
    ]
    .iter()
    .enumerate()
    {
        let out = dir.join(format!("out{i}"));
        let set = format!("region.short={value}");
        let o = common::build(
            Path::new(&dir),
            &sample,
            &out,
            &["--format", "docx,pdf,txt", "--set", &set],
        );
        let err = common::stderr(&o);
        assert!(
            !err.contains("panicked") && o.status.code().is_some(),
            "{value}: crashed\n{err}"
        );
        if !o.status.success() {
            assert!(err.contains("no font has the character"), "{value}: {err}");
            let text = std::fs::read_to_string(&sample).unwrap();
            let line = text
                .lines()
                .position(|l| l.starts_with("  short:"))
                .unwrap()
                + 1;
            let at = format!(
                "that character is in `region.short`\n  --> {}:{line}",
                sample.display()
            );
            assert!(err.contains(&at), "{value}: wanted {at:?}\n{err}");
            assert!(common::files_below(&out).is_empty());
        } else {
            assert_eq!(common::files_below(&out).len(), 3, "{value}");
        }
    }
}
