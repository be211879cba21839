//! The sample data and template reproduce the published reference report.

mod common;

use unicode_normalization::UnicodeNormalization;

fn nfkc(s: &str) -> String {
    s.nfkc().collect()
}

/// The reference from its title line to its date line: the first line
/// (breadcrumb) and the trailing 附件:/下载 are web-page furniture.
fn reference_lines() -> Vec<String> {
    let text = std::fs::read_to_string(
        common::root().join("tests/fixtures/reference/chuxiong-kjj-2020.txt"),
    )
    .expect("reference fixture");
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.contains("工作要点"))
        .expect("title line");
    let end = lines
        .iter()
        .rposition(|l| l.trim() == "2021年1月10日")
        .expect("date line");
    lines[start..=end].iter().map(|l| nfkc(l)).collect()
}

#[test]
fn sample_text_equals_the_reference_line_for_line() {
    let ours: Vec<String> = common::sample_text(&[]).lines().map(nfkc).collect();
    let reference = reference_lines();
    for (i, (a, b)) in reference.iter().zip(&ours).enumerate() {
        assert_eq!(b, a, "line {} differs", i + 1);
    }
    assert_eq!(ours.len(), reference.len(), "line count");
}

#[test]
fn sample_uses_full_width_punctuation_as_the_real_document_does() {
    let text = common::sample_text(&[]);
    assert!(text.contains("2020年以来，在州委、州政府"));
    assert!(text.contains("（R&D）"));
    assert!(!text.contains(','), "no ASCII comma in Chinese text");
}

#[test]
fn cli_build_writes_the_same_text_as_the_library() {
    let dir = common::scratch("cli-build");
    let data = common::root().join("data/chuxiong-2020.yaml");
    let out = dir.join("out");
    let o = common::gongwen(
        &common::root(),
        &[
            "build",
            data.to_str().unwrap(),
            "--format",
            "txt",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", common::stderr(&o));
    let files = common::files_below(&out);
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(
        files[0].to_str().unwrap(),
        "楚雄州科学技术局2020年科技创新工作情况及2021年工作要点.txt",
        "the file is named after the title"
    );
    let written = std::fs::read_to_string(out.join(&files[0])).unwrap();
    assert_eq!(written, common::sample_text(&[]));
}

#[test]
fn build_without_arguments_builds_the_shipped_sample_anywhere() {
    // An empty directory: no data/, no templates/ — the binary carries the sample.
    let dir = common::scratch("no-args");
    let o = common::gongwen(&dir, &["build", "--format", "txt"]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let files = common::files_below(&dir.join("out"));
    assert_eq!(files.len(), 1, "{files:?}");
    let text = std::fs::read_to_string(dir.join("out").join(&files[0])).unwrap();
    assert!(text.starts_with("楚雄州科学技术局2020年科技创新工作情况及2021年工作要点\n"));
}

#[test]
fn same_inputs_give_byte_identical_outputs() {
    let dir = common::scratch("determinism");
    let data = common::root().join("data/chuxiong-2020.yaml");
    let mut runs = Vec::new();
    for run in ["a", "b"] {
        let out = dir.join(run);
        let o = common::build(&dir, &data, &out, &["--format", "docx,txt"]);
        assert!(o.status.success(), "{}", common::stderr(&o));
        let files = common::contents(&out);
        assert_eq!(files.len(), 2);
        runs.push(files);
    }
    assert_eq!(runs[0], runs[1]);
}

#[test]
fn a_name_key_names_the_output_files() {
    let dir = common::scratch("name-key");
    let data = common::root().join("data/chuxiong-2020.yaml");
    let out = dir.join("out");
    let o = common::build(
        &dir,
        &data,
        &out,
        &["--format", "txt", "--set-new", "name=chuxiong-2020"],
    );
    assert!(o.status.success(), "{}", common::stderr(&o));
    let files = common::files_below(&out);
    assert_eq!(files, [std::path::PathBuf::from("chuxiong-2020.txt")]);
}
