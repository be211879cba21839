//! A slip of the keyboard in a template name, a helper or a data key gets the
//! nearest existing name suggested, as `--set` already does for keys.

mod common;

use std::fs;

/// Builds the sample in a project of its own, with one edit to the data and one
/// to the project's template; returns the error output, failing if the build succeeded.
fn error_of(name: &str, data_edit: (&str, &str), template_edit: (&str, &str)) -> String {
    let dir = common::scratch(name);
    fs::create_dir_all(dir.join(".git")).unwrap();
    fs::create_dir_all(dir.join("templates")).unwrap();
    let data = fs::read_to_string(common::root().join("data/chuxiong-2020.yaml")).unwrap();
    let template = fs::read_to_string(common::root().join("templates/work-report.md.hbs")).unwrap();
    let edited = |text: &str, (from, to): (&str, &str)| {
        let out = text.replacen(from, to, 1);
        assert!(from.is_empty() || out != text, "`{from}` not found");
        out
    };
    fs::write(dir.join("report.yaml"), edited(&data, data_edit)).unwrap();
    fs::write(
        dir.join("templates/work-report.md.hbs"),
        edited(&template, template_edit),
    )
    .unwrap();
    let o = common::gongwen(&dir, &["build", "report.yaml", "--format", "txt"]);
    assert!(!o.status.success(), "the build should fail");
    assert!(common::files_below(&dir.join("out")).is_empty());
    let err = common::stderr(&o);
    assert!(!err.contains("panicked"), "{err}");
    err
}

#[test]
fn an_unknown_template_name_lists_the_known_ones_and_the_nearest() {
    let err = error_of(
        "template-name",
        ("template: work-report", "template: work-reprot"),
        ("", ""),
    );
    assert!(
        err.contains("error: no template named `work-reprot`"),
        "{err}"
    );
    assert!(err.contains("report.yaml:4"), "{err}");
    assert!(
        err.contains("did you mean `work-report`? known templates: work-report"),
        "{err}"
    );
    // Nothing near: the list alone, no guess.
    let err = error_of(
        "template-far",
        ("template: work-report", "template: notice"),
        ("", ""),
    );
    assert!(err.contains("known templates: work-report"), "{err}");
    assert!(!err.contains("did you mean"), "{err}");
}

#[test]
fn an_unknown_helper_suggests_the_nearest_helper() {
    let err = error_of("helper", ("", ""), ("{{add year 1}}", "{{ad year 1}}"));
    assert!(err.contains("error: unknown helper `ad`"), "{err}");
    assert!(err.contains("templates/work-report.md.hbs:2"), "{err}");
    assert!(err.contains("did you mean `add`?"), "{err}");
    assert!(err.contains("date_padded"), "the list of helpers: {err}");
}

#[test]
fn a_missing_key_suggests_the_nearest_key_at_its_level() {
    let err = error_of("key", ("", ""), ("{{results.funds}}", "{{results.fund}}"));
    assert!(
        err.contains("the template uses `results.fund`, which the data does not have"),
        "{err}"
    );
    assert!(err.contains("did you mean `results.funds`?"), "{err}");
    // The level counts: `targets.funds` is as near, but not a sibling of `results.fund`.
    assert!(!err.contains("`targets.funds`?"), "{err}");
    // A typo in the map's own name is suggested at that level, the rest kept.
    let err = error_of(
        "key-parent",
        ("", ""),
        ("{{results.funds}}", "{{reslts.funds}}"),
    );
    assert!(err.contains("did you mean `results.funds`?"), "{err}");
}
