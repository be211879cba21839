//! Under a zh_CN locale the interface speaks Chinese — `--help`, errors,
//! hints, check findings — and under any other it speaks English; the
//! locale is LC_ALL, else LC_MESSAGES, else LANG, as POSIX says.

mod common;

use std::path::Path;
use std::process::{Command, Output};

/// Runs gongwen with only the locale variables given.
fn run(cwd: &Path, locale: &[(&str, &str)], args: &[&str]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_gongwen"));
    c.args(args).current_dir(cwd).env("NO_COLOR", "1");
    for var in ["LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"] {
        c.env_remove(var);
    }
    for (k, v) in locale {
        c.env(k, v);
    }
    c.output().expect("run gongwen")
}

const ZH: &[(&str, &str)] = &[("LANG", "zh_CN.UTF-8")];
const C: &[(&str, &str)] = &[("LANG", "C")];

/// English prose left in a line meant to be Chinese: two English words in a
/// row, outside backticks (code, keys) — a list of names (`cn, percent`) or a
/// lone option name is not prose.
fn english_prose(line: &str) -> Option<String> {
    let words: Vec<&str> = line
        .split('`')
        .step_by(2)
        .flat_map(str::split_whitespace)
        .collect();
    let word = |w: &str| {
        let w = w
            .trim_start_matches('(')
            .trim_end_matches([',', '.', ';', ':', '?', '!', ')']);
        !w.is_empty() && w.chars().all(|c| c.is_ascii_alphabetic())
    };
    words
        .windows(2)
        .find(|pair| word(pair[0]) && word(pair[1]) && !pair[0].ends_with(','))
        .map(|pair| pair.join(" "))
}

#[test]
fn help_is_in_chinese_under_zh_cn_and_in_english_under_c() {
    let dir = common::scratch("i18n-help");
    for args in [&["--help"][..], &["build", "--help"], &["check", "-h"]] {
        let zh = common::stdout(&run(&dir, ZH, args));
        assert!(zh.contains("用法：gongwen"), "{args:?}\n{zh}");
        assert!(zh.contains("选项："), "{args:?}\n{zh}");
        assert!(zh.contains("显示帮助"), "{args:?}\n{zh}");
        for line in zh.lines().filter(|l| !l.starts_with("用法：")) {
            assert_eq!(english_prose(line), None, "{args:?}: {line:?}");
        }
        let en = common::stdout(&run(&dir, C, args));
        assert!(en.contains("Usage: gongwen"), "{args:?}\n{en}");
        assert!(en.contains("Print help"), "{args:?}\n{en}");
        assert!(!en.contains("用法"), "{args:?}\n{en}");
    }
    let zh = common::stdout(&run(&dir, ZH, &["--help"]));
    assert!(zh.contains("由数据生成公文"), "{zh}");
    assert!(zh.contains("命令："), "{zh}");
}

#[test]
fn lc_all_then_lc_messages_then_lang_decide() {
    let dir = common::scratch("i18n-precedence");
    let chinese = |locale: &[(&str, &str)]| {
        common::stdout(&run(&dir, locale, &["--help"])).contains("用法：")
    };
    assert!(!chinese(&[("LC_ALL", "C"), ("LANG", "zh_CN.UTF-8")]));
    assert!(chinese(&[
        ("LC_ALL", "zh_CN.UTF-8"),
        ("LANG", "en_US.UTF-8")
    ]));
    assert!(chinese(&[("LC_MESSAGES", "zh_CN.UTF-8"), ("LANG", "C")]));
    assert!(!chinese(&[
        ("LC_MESSAGES", "en_US.UTF-8"),
        ("LANG", "zh_CN.UTF-8")
    ]));
    // An empty variable is as good as unset.
    assert!(chinese(&[("LC_ALL", ""), ("LANG", "zh_CN.GB18030")]));
    assert!(!chinese(&[]));
}

#[test]
fn every_build_error_reads_in_chinese_under_zh_cn_with_its_file_and_line() {
    let fixtures = common::root().join("tests/fixtures/errors");
    let mut cases: Vec<_> = std::fs::read_dir(&fixtures)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 8);
    for case in cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let out = common::scratch(&format!("i18n-err-{name}")).join("out");
        let mut args = vec![
            "build".to_string(),
            "data.yaml".into(),
            "--format".into(),
            "txt".into(),
            "--out".into(),
            out.display().to_string(),
        ];
        if case.join("templates").is_dir() {
            args.extend(["--templates".into(), "templates".into()]);
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let expected = std::fs::read_to_string(case.join("expected")).unwrap();
        // The places named, as `--> file:line`, are the same in both languages.
        let places: Vec<&str> = expected
            .lines()
            .filter(|l| {
                l.contains(':')
                    && l.split(':')
                        .nth(1)
                        .is_some_and(|n| n.parse::<usize>().is_ok())
            })
            .collect();

        let zh = run(&case, ZH, &args);
        assert!(!zh.status.success(), "{name}");
        let err = common::stderr(&zh);
        assert!(err.contains("\n错误："), "{name}: {err}");
        assert!(
            !err.contains("error:") && !err.contains("hint:"),
            "{name}: {err}"
        );
        for place in &places {
            assert!(
                err.lines()
                    .any(|l| l.starts_with("  --> ") && l.contains(place)),
                "{name}: no {place}\n{err}"
            );
        }
        if expected.contains("hint:") {
            assert!(err.contains("\n  = 提示："), "{name}: {err}");
        }
        // The handlebars parser names the grammar rules it expected; the rest is Chinese.
        for line in err
            .lines()
            .filter(|l| !l.starts_with("  --> ") && !l.contains("Handlebars 语法有误"))
        {
            assert_eq!(english_prose(line), None, "{name}: {line:?}\n{err}");
        }

        let en = common::stderr(&run(&case, C, &args));
        assert!(en.contains("\nerror: "), "{name}: {en}");
        assert!(!en.contains("错误："), "{name}: {en}");
        for line in expected.lines().filter(|l| !l.is_empty()) {
            assert!(en.contains(line), "{name}: English lacks {line:?}\n{en}");
        }
    }
}

#[test]
fn a_check_warning_reads_in_chinese_under_zh_cn() {
    let dir = common::scratch("i18n-check");
    let text = std::fs::read_to_string(common::root().join("data/chuxiong-2020.yaml")).unwrap();
    let planted = text.replacen("org: 楚雄州科学技术局", "org: 楚雄州科学技术局,办公室", 1);
    assert_ne!(planted, text);
    std::fs::write(dir.join("comma.yaml"), planted).unwrap();
    let line = text.lines().position(|l| l.starts_with("org: ")).unwrap() + 1;

    let zh = run(&dir, ZH, &["check", "comma.yaml"]);
    assert_eq!(zh.status.code(), Some(1));
    let listing = common::stdout(&zh);
    let want = format!("comma.yaml:{line}: 警告：中文文字中有半角的 `,`");
    assert!(listing.lines().any(|l| l.starts_with(&want)), "{listing}");
    assert!(
        listing.contains("  = 提示：中文文字应使用全角标点"),
        "{listing}"
    );
    assert!(
        common::stderr(&zh).contains("错误 0 处，警告 1 处，待填数值 0 处"),
        "{}",
        common::stderr(&zh)
    );

    let en = run(&dir, C, &["check", "comma.yaml"]);
    let listing = common::stdout(&en);
    let want = format!("comma.yaml:{line}: warning: half-width `,` in Chinese text");
    assert!(listing.lines().any(|l| l.starts_with(&want)), "{listing}");
    assert!(
        listing.contains("  = hint: Chinese text takes full-width marks"),
        "{listing}"
    );
    assert!(common::stderr(&en).contains("0 errors, 1 warning, 0 values still to fill in"));
}

/// Messages made of several pieces — a message with the value behind it,
/// a did-you-mean before a hint, a reason inside a sentence — read whole in Chinese.
#[test]
fn messages_made_of_pieces_read_whole_in_chinese() {
    const MINI: &str = "---\ntitle: {{yaml org}}\nissuer: {{yaml org}}\ndate: {{yaml when}}\nnumber: {{yaml wenhao}}\n---\n全年争取资金{{results.funds}}万元，完成{{percent results.funds targets.funds}}%。\n\n{{{more}}}\n";
    // The data: one line of the base replaced per case.
    let base = "template: mini\norg: 楚雄州科学技术局\nwhen: 2021-01-10\nwenhao: 楚科发〔2021〕3号\nmore: 正文\nresults:\n  funds: 2780\ntargets:\n  funds: 2947\n";
    /// (name, (line, its replacement), extra arguments, a Chinese phrase the message holds)
    type Case<'a> = (&'a str, (&'a str, &'a str), &'a [&'a str], &'a str);
    let cases: &[Case] = &[
        (
            "value-behind",
            ("when: 2021-01-10", "when: 2021-13-01"),
            &[],
            "（`when` 的值）",
        ),
        (
            "number-reason",
            ("wenhao: 楚科发〔2021〕3号", "wenhao: 楚科发〔2021〕03号"),
            &[],
            "序号编了虚位",
        ),
        (
            "did-you-mean",
            ("", ""),
            &["--set", "results.fundz=1"],
            "是否想写 `results.funds`？",
        ),
        (
            "missing-key-hint",
            ("  funds: 2780", "  fund: 2780"),
            &[],
            "是否想写 `results.fund`？如果不是，请在",
        ),
        (
            "helper-type",
            ("  funds: 2780", "  funds: 两千"),
            &[],
            "的第 1 个参数应是数字",
        ),
        (
            "link-in-value",
            ("more: 正文", "more: \"[甲](http://a.b)\""),
            &[],
            "公文标记中不能使用链接",
        ),
    ];
    for (name, (line, replacement), args, phrase) in cases {
        let dir = common::scratch(&format!("i18n-pieces-{name}"));
        let data = base.replacen(line, replacement, 1);
        std::fs::write(dir.join("data.yaml"), &data).unwrap();
        std::fs::create_dir(dir.join("templates")).unwrap();
        std::fs::write(dir.join("templates/mini.md.hbs"), MINI).unwrap();
        let mut all = vec![
            "build",
            "data.yaml",
            "--templates",
            "templates",
            "--format",
            "txt",
        ];
        all.extend(args.iter());
        let zh = run(&dir, ZH, &all);
        let err = common::stderr(&zh);
        assert!(!zh.status.success(), "{name}: built\n{err}");
        assert!(err.contains(phrase), "{name}: lacks {phrase:?}\n{err}");
        for line in err.lines().filter(|l| !l.starts_with("  --> ")) {
            assert_eq!(english_prose(line), None, "{name}: {line:?}\n{err}");
        }
    }
}
