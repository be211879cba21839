//! Bad input gets a clear error naming the file and line, a non-zero exit,
//! and writes nothing. One fixture directory per case under
//! `tests/fixtures/errors/`: `data.yaml`, optional `templates/`, and
//! `expected`, the lines the error message must contain.

mod common;

use std::path::Path;

fn run_case(case: &str) {
    let dir = common::root().join("tests/fixtures/errors").join(case);
    let out = common::scratch(&format!("err-{case}")).join("out");
    let data = dir.join("data.yaml");
    let templates = dir.join("templates");
    let mut args = vec![
        "build",
        data.to_str().unwrap(),
        "--format",
        "txt",
        "--out",
        out.to_str().unwrap(),
    ];
    if templates.is_dir() {
        args.extend(["--templates", templates.to_str().unwrap()]);
    }
    let o = common::gongwen(&dir, &args);
    let err = common::stderr(&o);
    assert!(
        !o.status.success(),
        "{case}: expected failure, got success\n{err}"
    );
    assert!(!err.contains("panicked"), "{case}: panicked\n{err}");
    assert!(err.contains("error: "), "{case}: no error line\n{err}");
    let expected = std::fs::read_to_string(dir.join("expected")).expect("expected file");
    for line in expected.lines().filter(|l| !l.is_empty()) {
        assert!(err.contains(line), "{case}: message lacks {line:?}\n{err}");
    }
    assert_eq!(
        common::files_below(&out),
        Vec::<std::path::PathBuf>::new(),
        "{case}: wrote files"
    );
}

macro_rules! error_cases {
    ($($name:ident => $dir:literal,)*) => {
        $(#[test] fn $name() { run_case($dir); })*
    };
}

error_cases! {
    malformed_yaml_names_file_line_and_column => "malformed-yaml",
    missing_key_names_the_key_the_template_and_its_line => "missing-key",
    template_syntax_error_names_template_and_line => "template-syntax",
    unknown_helper_is_named => "unknown-helper",
    missing_extends_file_is_named => "missing-extends",
    extends_cycle_is_named => "extends-cycle",
    helper_given_text_for_a_number_says_so => "wrong-type",
    markup_outside_the_official_forms_is_refused => "markup-unsupported",
    a_file_not_in_utf8_is_named_with_its_line => "not-utf8",
}

#[test]
fn every_fixture_has_a_test() {
    let dir = common::root().join("tests/fixtures/errors");
    let count = std::fs::read_dir(&dir).unwrap().count();
    assert_eq!(
        count, 9,
        "add a line to error_cases! for each new fixture directory"
    );
}

#[test]
fn a_failed_build_leaves_existing_outputs_untouched() {
    let dir = common::scratch("untouched");
    let out = dir.join("out");
    let data = common::root().join("data/chuxiong-2020.yaml");
    let ok = common::build(&dir, &data, &out, &[]);
    assert!(ok.status.success(), "{}", common::stderr(&ok));
    let before = common::contents(&out);
    // The same document, with a figure that is not a number.
    let bad = common::build(&dir, &data, &out, &["--set", "results.funds=很多"]);
    assert!(!bad.status.success());
    assert!(
        common::stderr(&bad).contains("needs a number"),
        "{}",
        common::stderr(&bad)
    );
    let after = common::contents(&out);
    assert_eq!(before, after);
}

#[test]
fn an_unwritable_output_path_is_an_error_not_a_panic() {
    let dir = common::scratch("unwritable");
    // A file where the output directory should be.
    let blocker = dir.join("out");
    std::fs::write(&blocker, "not a directory").unwrap();
    let o = common::gongwen(&dir, &["build", "--out", blocker.to_str().unwrap()]);
    let err = common::stderr(&o);
    assert!(!o.status.success());
    assert!(
        err.contains("error: cannot create output directory"),
        "{err}"
    );
    assert!(!err.contains("panicked"));
    assert_eq!(
        std::fs::read_to_string(&blocker).unwrap(),
        "not a directory"
    );
}

#[test]
fn titles_cannot_write_outside_the_output_directory() {
    let dir = common::scratch("escape");
    let out = dir.join("nested").join("out");
    for org in [
        "../../逃逸",
        "a/b\\c",
        "..",
        "局\u{7}\u{1b}[31m",
        "/etc/passwd",
    ] {
        let set = format!("org={org}");
        let o = common::gongwen(
            &dir,
            &[
                "build",
                "--format",
                "txt",
                "--out",
                out.to_str().unwrap(),
                "--set",
                &set,
            ],
        );
        assert!(o.status.success(), "{org:?}: {}", common::stderr(&o));
    }
    // Everything written sits directly in out/, and nothing appeared elsewhere.
    let all = common::files_below(&dir);
    assert_eq!(all.len(), 5, "{all:?}");
    for f in &all {
        assert_eq!(f.parent(), Some(Path::new("nested/out")), "{f:?}");
        let name = f.file_name().unwrap().to_str().unwrap();
        assert!(!name.chars().any(char::is_control), "{name:?}");
        assert!(!name.starts_with('.'), "{name:?}");
    }
}
