//! One data file, two copies: the printed 公文 (head, 主送, 版记) and the
//! disclosure copy (index block), chosen with `--form` on build and check.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use serde_yaml::Value;

const SUFFIX: &str = "-公开";

/// A county's merged data (overlay over the base file).
fn county_data(file: &Path) -> Value {
    gongwen::data::load(file).expect("county data").value
}

fn strings(v: &Value) -> Vec<String> {
    v.as_sequence()
        .expect("a list")
        .iter()
        .map(|s| s.as_str().expect("a name").to_string())
        .collect()
}

#[test]
fn every_county_gets_both_copies_the_printed_one_with_its_own_number_addressees_and_cc() {
    let dir = common::scratch("forms-counties");
    let counties = common::root().join("data/counties");
    let (both, written) = (dir.join("both"), dir.join("as-written"));
    let o = common::build(
        &dir,
        &counties,
        &both,
        &["--form", "both", "--format", "txt"],
    );
    assert!(o.status.success(), "{}", common::stderr(&o));
    let o = common::build(&dir, &counties, &written, &["--format", "txt"]);
    assert!(o.status.success(), "{}", common::stderr(&o));

    let files = common::files_below(&both);
    let files = files
        .iter()
        .map(|f| f.to_str().unwrap())
        .collect::<Vec<_>>();
    assert_eq!(files.len(), 20, "two copies of ten counties: {files:?}");
    for file in common::county_files() {
        let data = county_data(&file);
        let org = data["org"].as_str().unwrap();
        let copy = &data["printed_copy"];
        let number = copy["number"].as_str().unwrap();
        let addressees = strings(&copy["addressees"]);
        let cc = strings(&copy["cc"]);
        let stem = format!("{org}2020年科技创新工作情况及2021年工作要点");
        let printed = fs::read_to_string(both.join(format!("{stem}.txt"))).unwrap();
        let public = fs::read_to_string(both.join(format!("{stem}{SUFFIX}.txt"))).unwrap();

        // The printed copy: 标志 and 文号 above the title, 主送 under it, 抄送 in the 版记.
        let want_head = format!(
            "{org}文件\n\n{number}\n\n{stem}\n\n{}：\n\n",
            addressees.join("，")
        );
        assert!(printed.starts_with(&want_head), "{org}:\n{printed}");
        let want_closing = format!("抄送：{}。\n{org}办公室\u{3000}\u{3000}", cc.join("，"));
        assert!(printed.contains(&want_closing), "{org}:\n{printed}");
        assert!(
            !printed.contains("索引号："),
            "{org}: no index block in print"
        );

        // The disclosure copy is what a build without --form makes, byte for byte.
        let as_written = fs::read_to_string(written.join(format!("{stem}.txt"))).unwrap();
        assert_eq!(public, as_written, "{org}");
        assert!(public.contains("索引号："), "{org}");
        for printed_only in [number, cc[0].as_str(), addressees[0].as_str()] {
            assert!(
                !public.contains(printed_only),
                "{org}: {printed_only} in the disclosure copy"
            );
        }
    }
    // Numbers differ between counties: each overlay gives its own.
    let numbers: std::collections::BTreeSet<String> = common::county_files()
        .iter()
        .map(|f| {
            county_data(f)["printed_copy"]["number"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(numbers.len(), 10, "{numbers:?}");
}

#[test]
fn the_disclosure_copy_of_the_sample_stays_the_published_text_under_every_flag() {
    let dir = common::scratch("forms-sample");
    let data = common::root().join("data/chuxiong-2020.yaml");
    let reference = common::sample_text(&[]);
    for (flag, name) in [("disclosure", ""), ("both", SUFFIX)] {
        let out = dir.join(flag);
        let o = common::build(&dir, &data, &out, &["--form", flag, "--format", "txt"]);
        assert!(o.status.success(), "{}", common::stderr(&o));
        let file = out.join(format!(
            "楚雄州科学技术局2020年科技创新工作情况及2021年工作要点{name}.txt"
        ));
        assert_eq!(
            fs::read_to_string(&file).unwrap(),
            reference,
            "--form {flag}"
        );
    }
    let out = dir.join("printed");
    let o = common::build(&dir, &data, &out, &["--form", "printed", "--format", "txt"]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let files = common::files_below(&out);
    assert_eq!(files.len(), 1, "--form printed writes one copy: {files:?}");
    let text = fs::read_to_string(out.join(&files[0])).unwrap();
    assert!(
        text.starts_with("楚雄州科学技术局文件\n\n楚科发〔2021〕3号\n\n"),
        "{text}"
    );
}

/// A project whose template reads `form`, in `dir`; returns its data file.
fn project(dir: &Path, body: &str) -> PathBuf {
    fs::create_dir_all(dir.join(".git")).unwrap();
    fs::create_dir_all(dir.join("templates")).unwrap();
    fs::write(
        dir.join("d.yaml"),
        "template: t\nnumber: 楚科发〔2021〕3号\n",
    )
    .unwrap();
    let template = format!(
        "---\ntitle: 通知\nissuer: 某局\ndate: 2021-01-10\nform: disclosure\n\
         index: {{ 文号: \"\" }}\norgan: 某局\nnumber: {{{{yaml number}}}}\n---\n{body}"
    );
    fs::write(dir.join("templates/t.md.hbs"), template).unwrap();
    dir.join("d.yaml")
}

#[test]
fn the_flag_overrides_the_front_matter_and_the_template_sees_it() {
    let dir = common::scratch("forms-override");
    let data = project(
        &dir,
        "{{#if (eq form \"printed\")}}印发稿。{{else}}公开稿。{{/if}}\n",
    );
    let out = dir.join("out");
    let o = common::build(&dir, &data, &out, &["--form", "printed", "--format", "txt"]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let text = fs::read_to_string(out.join("通知.txt")).unwrap();
    assert_eq!(
        text,
        "某局\n\n楚科发〔2021〕3号\n\n通知\n\n印发稿。\n\n某局\n\n2021年1月10日\n"
    );
    // Without the flag the front matter's `form: disclosure` holds.
    let o = common::build(&dir, &data, &out, &["--format", "txt"]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let text = fs::read_to_string(out.join("通知.txt")).unwrap();
    assert_eq!(
        text,
        "通知\n\n文  号：\n\n公开稿。\n\n某局\n\n2021年1月10日\n"
    );
}

#[test]
fn when_one_copy_fails_neither_is_written_and_old_outputs_stay() {
    let dir = common::scratch("forms-whole");
    let data = project(
        &dir,
        "{{#if (eq form \"printed\")}}{{missing}}{{/if}}正文。\n",
    );
    let out = dir.join("out");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("通知.txt"), "old printed").unwrap();
    fs::write(out.join(format!("通知{SUFFIX}.txt")), "old disclosure").unwrap();
    let o = common::build(&dir, &data, &out, &["--form", "both", "--format", "txt"]);
    let err = common::stderr(&o);
    assert!(!o.status.success(), "{err}");
    assert!(
        err.contains("missing") && err.contains("templates/t.md.hbs:"),
        "{err}"
    );
    assert_eq!(
        common::contents(&out),
        [
            (
                PathBuf::from(format!("通知{SUFFIX}.txt")),
                b"old disclosure".to_vec()
            ),
            (PathBuf::from("通知.txt"), b"old printed".to_vec()),
        ]
    );
}

#[test]
fn a_disclosure_name_that_clashes_with_another_document_is_refused() {
    let dir = common::scratch("forms-clash");
    let data = project(&dir, "正文。\n");
    fs::write(
        dir.join("e.yaml"),
        "template: t\nnumber: 楚科发〔2021〕4号\nname: 通知-公开\n",
    )
    .unwrap();
    // `name:` is written by the template only when the data has one.
    let t = fs::read_to_string(dir.join("templates/t.md.hbs")).unwrap();
    let t = t.replacen(
        "form: disclosure\n",
        "form: disclosure\n{{#if name}}\nname: {{yaml name}}\n{{/if}}\n",
        1,
    );
    fs::write(dir.join("templates/t.md.hbs"), t).unwrap();
    let out = dir.join("out");
    let o = common::gongwen(
        &dir,
        &[
            "build",
            data.to_str().unwrap(),
            "e.yaml",
            "--form",
            "both",
            "--format",
            "txt",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    let err = common::stderr(&o);
    assert!(!o.status.success(), "{err}");
    assert!(
        err.contains("`通知-公开` is already taken by") && err.contains("d.yaml"),
        "{err}"
    );
    // The first document is built whole; the clashing one not at all.
    assert_eq!(
        common::files_below(&out),
        [PathBuf::from("通知-公开.txt"), PathBuf::from("通知.txt")]
    );
}

#[test]
fn an_unknown_form_is_refused_with_the_known_ones() {
    let dir = common::scratch("forms-unknown");
    let o = common::gongwen(&dir, &["build", "--form", "print"]);
    let err = common::stderr(&o);
    assert!(!o.status.success());
    assert!(
        err.contains("printed") && err.contains("disclosure") && err.contains("both"),
        "{err}"
    );
    assert!(!dir.join("out").exists(), "nothing is written");
}

#[test]
fn check_lists_the_number_addressees_and_cc_only_the_printed_copy_shows_at_their_lines() {
    let dir = common::scratch("forms-check");
    fs::copy(
        common::root().join("data/counties/dayao-2020.yaml"),
        dir.join("dayao.yaml"),
    )
    .unwrap();
    fs::copy(
        common::root().join("data/chuxiong-2020.yaml"),
        dir.join("chuxiong-2020.yaml"),
    )
    .unwrap();
    let text = fs::read_to_string(dir.join("dayao.yaml"))
        .unwrap()
        .replace(
            "extends: ../chuxiong-2020.yaml",
            "extends: chuxiong-2020.yaml",
        )
        .replace("  number: 大科发〔2021〕6号", "  number: ~")
        .replace("    - 县直有关部门", "    - ~")
        .replace("    - 县政府办公室", "    - ~");
    fs::write(dir.join("dayao.yaml"), &text).unwrap();
    let line_of = |want: &str, from: usize| {
        text.lines()
            .enumerate()
            .skip(from)
            .find(|(_, l)| *l == want)
            .unwrap()
            .0
            + 1
    };
    let line = line_of("  number: ~", 0);
    let (addressee, cc) = (
        line_of("    - ~", 0),
        line_of("    - ~", line_of("  cc:", 0)),
    );

    // 文号, 主送 and 抄送 still to fill in, each at the data line that left it empty.
    let o = common::gongwen(&dir, &["check", "dayao.yaml"]);
    let found = common::stdout(&o);
    assert!(!o.status.success());
    assert_eq!(
        found.trim(),
        format!(
            "dayao.yaml:{line}: printed_copy.number: 待填\n\
             dayao.yaml:{addressee}: printed_copy.addressees.1: 待填\n\
             dayao.yaml:{cc}: printed_copy.cc.3: 待填"
        )
    );
    let o = common::gongwen(&dir, &["check", "dayao.yaml", "--form", "disclosure"]);
    assert!(o.status.success(), "{}", common::stdout(&o));

    // --strict refuses the printed copy, naming the line; the disclosure copy builds.
    let out = dir.join("out");
    let args = |form| {
        [
            "build",
            "dayao.yaml",
            "--strict",
            "--format",
            "txt",
            "--form",
            form,
            "--out",
            "out",
        ]
    };
    let o = common::gongwen(&dir, &args("printed"));
    let err = common::stderr(&o);
    assert!(!o.status.success(), "{err}");
    assert!(
        err.contains(&format!("printed_copy.number (dayao.yaml:{line})")),
        "{err}"
    );
    assert!(!out.exists() || common::files_below(&out).is_empty());
    let o = common::gongwen(&dir, &args("disclosure"));
    assert!(o.status.success(), "{}", common::stderr(&o));
}

#[test]
fn both_copies_in_every_format_are_named_apart_and_the_same_every_run() {
    let dir = common::scratch("forms-formats");
    let data = common::root().join("data/counties/dayao-2020.yaml");
    let mut runs = Vec::new();
    for run in ["a", "b"] {
        let out = dir.join(run);
        let o = common::build(
            &dir,
            &data,
            &out,
            &["--form", "both", "--format", "docx,pdf,txt,ofd"],
        );
        assert!(o.status.success(), "{}", common::stderr(&o));
        runs.push(common::contents(&out));
    }
    let names: Vec<String> = runs[0]
        .iter()
        .map(|(p, _)| p.to_string_lossy().into_owned())
        .collect();
    let stem = "大姚县科学技术局2020年科技创新工作情况及2021年工作要点";
    let mut want: Vec<String> = ["docx", "ofd", "pdf", "txt"]
        .iter()
        .flat_map(|ext| [format!("{stem}.{ext}"), format!("{stem}{SUFFIX}.{ext}")])
        .collect();
    want.sort();
    assert_eq!(names, want);
    assert!(runs[0] == runs[1], "two runs differ");
    // The two copies are different documents, not one written twice.
    let bytes = |name: &str| {
        &runs[0]
            .iter()
            .find(|(p, _)| p.to_str() == Some(name))
            .unwrap()
            .1
    };
    assert!(
        bytes(&format!("{stem}.txt")) != bytes(&format!("{stem}{SUFFIX}.txt")),
        "the printed and the disclosure text are the same"
    );
}
