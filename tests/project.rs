//! A project on disk works without flags: `gongwen new` makes one that builds
//! at once, a `templates/` directory beside or above the data is found, and
//! `template:` may name a file by a path relative to the data file.

mod common;

use std::fs;
use std::path::Path;

fn sample_data() -> String {
    fs::read_to_string(common::root().join("data/chuxiong-2020.yaml")).expect("sample data")
}

fn builtin_template() -> String {
    fs::read_to_string(common::root().join("templates/work-report.md.hbs")).expect("template")
}

/// The built-in template with `mark` added to the title, so a build shows which one it used.
fn marked_template(mark: &str) -> String {
    let t = builtin_template();
    let marked = t.replacen("年工作要点", &format!("年工作要点{mark}"), 1);
    assert_ne!(marked, t, "the title line moved; update the marker");
    marked
}

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// The first line (the title) of every text output below `out`, sorted.
fn titles(out: &Path) -> Vec<String> {
    let mut t: Vec<String> = common::files_below(out)
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            let text = fs::read_to_string(out.join(p)).unwrap();
            text.lines().next().unwrap_or_default().to_string()
        })
        .collect();
    t.sort();
    t
}

fn assert_ok(o: &std::process::Output, what: &str) {
    assert!(o.status.success(), "{what} failed:\n{}", common::stderr(o));
}

#[test]
fn gongwen_new_makes_a_project_that_builds_and_checks_with_no_flags() {
    let dir = common::scratch("new-project");
    assert_ok(&common::gongwen(&dir, &["new", "demo"]), "gongwen new");
    let demo = dir.join("demo");
    assert_eq!(
        fs::read_to_string(demo.join("templates/work-report.md.hbs")).unwrap(),
        builtin_template()
    );
    assert_eq!(
        fs::read_to_string(demo.join("report.yaml")).unwrap(),
        sample_data()
    );
    let readme = fs::read_to_string(demo.join("README.md")).unwrap();
    for needed in [
        "gongwen build",
        "gongwen check",
        "templates/",
        "模板",
        "--form both",
        "-公开",
    ] {
        assert!(
            readme.contains(needed),
            "README lacks {needed:?}:\n{readme}"
        );
    }

    // `cd demo && gongwen build`: the editable and the printable copy.
    assert_ok(&common::gongwen(&demo, &["build"]), "gongwen build");
    let made = common::files_below(&demo.join("out"));
    let has = |ext: &str| made.iter().any(|p| p.extension().is_some_and(|e| e == ext));
    assert!(has("docx") && has("pdf"), "out/ holds {made:?}");
    let check = common::gongwen(&demo, &["check"]);
    assert_ok(&check, "gongwen check");
    assert!(common::stderr(&check).contains("ok report.yaml"));

    // Editing the project's template changes the document: no --templates needed.
    write(
        &demo.join("templates/work-report.md.hbs"),
        &marked_template("（改）"),
    );
    assert_ok(
        &common::gongwen(&demo, &["build", "--format", "txt", "--out", "txt"]),
        "build after editing",
    );
    assert_eq!(
        titles(&demo.join("txt")),
        ["楚雄州科学技术局2020年科技创新工作情况及2021年工作要点（改）"]
    );
}

#[test]
fn gongwen_new_refuses_a_directory_that_holds_anything() {
    let dir = common::scratch("new-refuses");
    write(&dir.join("taken/notes.txt"), "mine");
    let o = common::gongwen(&dir, &["new", "taken"]);
    assert!(!o.status.success());
    let err = common::stderr(&o);
    assert!(err.contains("error: taken is not empty"), "{err}");
    assert_eq!(
        common::files_below(&dir.join("taken")),
        [Path::new("notes.txt")]
    );
    assert_eq!(
        fs::read_to_string(dir.join("taken/notes.txt")).unwrap(),
        "mine"
    );
    // An empty directory is a fine place for a project.
    fs::create_dir(dir.join("empty")).unwrap();
    assert_ok(
        &common::gongwen(&dir, &["new", "empty"]),
        "new in an empty dir",
    );
    assert!(dir.join("empty/report.yaml").is_file());
}

#[test]
fn templates_above_the_data_are_found_up_to_the_project_root() {
    let dir = common::scratch("project-root");
    write(
        &dir.join("templates/work-report.md.hbs"),
        &marked_template("（外）"),
    );
    write(
        &dir.join("proj/templates/work-report.md.hbs"),
        &marked_template("（项目）"),
    );
    write(&dir.join("proj/reports/2020/report.yaml"), &sample_data());
    write(&dir.join("bare/.git/HEAD"), "ref: refs/heads/main\n");
    write(&dir.join("bare/reports/report.yaml"), &sample_data());
    let build = |input: &str, out: &str| {
        let o = common::gongwen(&dir, &["build", input, "--format", "txt", "--out", out]);
        assert_ok(&o, input);
        titles(&dir.join(out))
    };
    // The nearest templates/ two levels up, not the one above it.
    assert_eq!(
        build("proj/reports/2020/report.yaml", "o1"),
        ["楚雄州科学技术局2020年科技创新工作情况及2021年工作要点（项目）"]
    );
    // `.git` marks the project root: templates/ beyond it belong to someone else.
    assert_eq!(
        build("bare/reports/report.yaml", "o2"),
        ["楚雄州科学技术局2020年科技创新工作情况及2021年工作要点"]
    );
    // check reads the same templates: a typo there is found without --templates.
    write(
        &dir.join("proj/templates/work-report.md.hbs"),
        &builtin_template().replacen("{{org}}", "{{orgn}}", 1),
    );
    let o = common::gongwen(&dir, &["check", "proj/reports/2020/report.yaml"]);
    assert!(!o.status.success());
    let out = common::stdout(&o) + &common::stderr(&o);
    assert!(out.contains("`orgn`"), "{out}");
    assert!(out.contains("proj/templates/work-report.md.hbs"), "{out}");
}

#[test]
fn the_templates_flag_wins_over_the_projects_templates() {
    let dir = common::scratch("flag-wins");
    write(&dir.join(".git/HEAD"), "ref: refs/heads/main\n");
    write(
        &dir.join("templates/work-report.md.hbs"),
        &marked_template("（项目）"),
    );
    write(
        &dir.join("flag/work-report.md.hbs"),
        &marked_template("（参数）"),
    );
    write(&dir.join("report.yaml"), &sample_data());
    let o = common::gongwen(
        &dir,
        &[
            "build",
            "report.yaml",
            "--templates",
            "flag",
            "--format",
            "txt",
        ],
    );
    assert_ok(&o, "build --templates");
    assert_eq!(
        titles(&dir.join("out")),
        ["楚雄州科学技术局2020年科技创新工作情况及2021年工作要点（参数）"]
    );
}

#[test]
fn a_template_path_is_relative_to_the_data_file() {
    let dir = common::scratch("template-path");
    write(&dir.join(".git/HEAD"), "ref: refs/heads/main\n");
    write(&dir.join("tpl/notice.md.hbs"), &marked_template("（通知）"));
    let data = sample_data().replacen("template: work-report", "template: ../tpl/notice.md.hbs", 1);
    write(&dir.join("data/report.yaml"), &data);
    // Run from elsewhere: the path is the data file's, not the working directory's.
    fs::create_dir_all(dir.join("elsewhere")).unwrap();
    let o = common::gongwen(
        &dir.join("elsewhere"),
        &[
            "build",
            "../data/report.yaml",
            "--format",
            "txt",
            "--out",
            "out",
        ],
    );
    assert_ok(&o, "build with a template path");
    assert_eq!(
        titles(&dir.join("elsewhere/out")),
        ["楚雄州科学技术局2020年科技创新工作情况及2021年工作要点（通知）"]
    );
    // A path to nothing names the data line and the file it looked for.
    write(
        &dir.join("data/report.yaml"),
        &data.replace("notice", "notise"),
    );
    let o = common::gongwen(&dir, &["build", "data/report.yaml", "--format", "txt"]);
    assert!(!o.status.success());
    let err = common::stderr(&o);
    assert!(
        err.contains("tpl/notise.md.hbs") && err.contains("does not exist"),
        "{err}"
    );
    assert!(err.contains("data/report.yaml:4"), "{err}");
    assert!(err.contains("did you mean `notice.md.hbs`?"), "{err}");
    assert!(common::files_below(&dir.join("out")).is_empty());
}

#[test]
fn one_batch_renders_each_project_with_its_own_templates() {
    let dir = common::scratch("batch-projects");
    write(&dir.join(".git/HEAD"), "ref: refs/heads/main\n");
    for (project, mark) in [("a", "（甲）"), ("b", "（乙）")] {
        write(
            &dir.join(project).join("templates/work-report.md.hbs"),
            &marked_template(mark),
        );
        write(&dir.join(project).join("report.yaml"), &sample_data());
    }
    // A project without templates/ gets the built-in one.
    let plain = sample_data().replacen("year: 2020 ", "year: 2019 ", 1);
    write(&dir.join("c/report.yaml"), &plain);
    let o = common::gongwen(
        &dir,
        &[
            "build", "a", "b", "c", "--format", "txt", "--out", "out", "-j", "3",
        ],
    );
    assert_ok(&o, "batch over three projects");
    assert_eq!(
        titles(&dir.join("out")),
        [
            "楚雄州科学技术局2019年科技创新工作情况及2020年工作要点",
            "楚雄州科学技术局2020年科技创新工作情况及2021年工作要点（乙）",
            "楚雄州科学技术局2020年科技创新工作情况及2021年工作要点（甲）",
        ]
    );
}

#[test]
fn a_broken_project_template_fails_its_documents_not_the_built_in_fallback() {
    let dir = common::scratch("broken-project-template");
    write(&dir.join(".git/HEAD"), "ref: refs/heads/main\n");
    // The project's work-report does not compile: its documents must fail, not
    // quietly get the built-in work-report instead.
    write(
        &dir.join("a/templates/work-report.md.hbs"),
        &builtin_template().replacen("{{/yaml}}", "", 1),
    );
    write(&dir.join("a/report.yaml"), &sample_data());
    write(&dir.join("b/report.yaml"), &sample_data());
    let o = common::gongwen(
        &dir,
        &["build", "a", "b", "--format", "txt", "--out", "out"],
    );
    let err = common::stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("failed a/report.yaml"), "{err}");
    assert!(err.contains("a/templates/work-report.md.hbs"), "{err}");
    assert!(err.contains("built b/report.yaml"), "{err}");
    assert_eq!(
        titles(&dir.join("out")),
        ["楚雄州科学技术局2020年科技创新工作情况及2021年工作要点"]
    );
}
