//! Per-county variants: one base file plus a small overlay each, built in one batch.

mod common;

use std::path::{Path, PathBuf};

const COUNTIES: [(&str, &str); 10] = [
    ("楚雄市", "市"),
    ("双柏县", "县"),
    ("牟定县", "县"),
    ("南华县", "县"),
    ("姚安县", "县"),
    ("大姚县", "县"),
    ("永仁县", "县"),
    ("元谋县", "县"),
    ("武定县", "县"),
    ("禄丰市", "市"),
];

#[test]
fn each_county_report_speaks_of_its_own_bureau_and_region() {
    let dir = common::scratch("counties");
    let out = dir.join("out");
    let o = common::build(
        &dir,
        &common::root().join("data/counties"),
        &out,
        &["--format", "docx,pdf,txt"],
    );
    assert!(o.status.success(), "{}", common::stderr(&o));
    let all = common::files_below(&out);
    for ext in ["docx", "pdf"] {
        let n = all
            .iter()
            .filter(|f| f.extension().is_some_and(|e| e == ext))
            .count();
        assert_eq!(n, 10, "one {ext} per county: {all:?}");
    }
    let files: Vec<PathBuf> = all
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "txt"))
        .collect();
    assert_eq!(files.len(), 10, "{files:?}");
    for (county, level) in COUNTIES {
        let file = files
            .iter()
            .find(|f| f.to_str().unwrap().starts_with(county))
            .unwrap_or_else(|| panic!("no report for {county}: {files:?}"));
        let text = std::fs::read_to_string(out.join(file)).unwrap();
        assert!(
            text.starts_with(&format!("{county}科学技术局2020年")),
            "{county}"
        );
        assert!(
            text.trim_end()
                .ends_with(&format!("{county}科学技术局\n\n2021年1月10日")),
            "{county}"
        );
        assert!(
            !text.contains("楚雄州科学技术局"),
            "{county} names the prefecture's bureau"
        );
        assert!(!text.contains("全州"), "{county} says 全州");
        assert!(!text.contains("州委"), "{county} says 州委");
        assert!(text.contains(&format!("全{level}科技系统")), "{county}");
        assert!(
            text.contains(&format!("{level}委、{level}政府")),
            "{county}"
        );
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}

/// A copy of data/ (the prefecture file and the county overlays) under `dir`;
/// the overlays extend ../chuxiong-2020.yaml, so the tree keeps its shape.
fn copy_data(dir: &Path) -> PathBuf {
    let data = dir.join("data");
    copy_dir(
        &common::root().join("data/counties"),
        &data.join("counties"),
    );
    std::fs::copy(
        common::root().join("data/chuxiong-2020.yaml"),
        data.join("chuxiong-2020.yaml"),
    )
    .unwrap();
    data
}

#[test]
fn one_malformed_file_is_reported_and_the_others_are_built() {
    let dir = common::scratch("batch-bad");
    let data = copy_data(&dir);
    let bad = data.join("counties/nanhua-2020.yaml");
    let text = std::fs::read_to_string(&bad).unwrap();
    std::fs::write(
        &bad,
        text.replace(
            "results:\n  plans_drafted:",
            "results:\n plans_drafted: [\n",
        ),
    )
    .unwrap();

    let out = dir.join("out");
    let o = common::build(&dir, &data.join("counties"), &out, &["--format", "txt"]);
    let err = common::stderr(&o);
    assert!(!o.status.success(), "{err}");
    assert!(
        err.contains("nanhua-2020.yaml:"),
        "names the bad file and line: {err}"
    );
    assert!(err.contains("built 9, failed 1"), "{err}");
    let files: Vec<PathBuf> = common::files_below(&out);
    assert_eq!(files.len(), 9, "{files:?}");
    assert!(
        files
            .iter()
            .all(|f| !f.to_str().unwrap().starts_with("南华县")),
        "{files:?}"
    );
    assert!(
        files.iter().all(|f| !f.to_str().unwrap().starts_with('.')),
        "a temporary file was left: {files:?}"
    );
}

#[test]
fn the_batch_is_byte_identical_whatever_the_thread_count() {
    let dir = common::scratch("threads");
    let input = common::root().join("data/counties");
    let mut runs = Vec::new();
    for jobs in ["1", "2", "4"] {
        let out = dir.join(format!("out-{jobs}"));
        let o = common::build(&dir, &input, &out, &["--format", "txt", "--jobs", jobs]);
        assert!(o.status.success(), "{}", common::stderr(&o));
        runs.push(common::contents(&out));
    }
    assert_eq!(runs[0].len(), 10);
    assert_eq!(runs[0], runs[1]);
    assert_eq!(runs[0], runs[2]);
}

#[test]
fn two_inputs_with_one_output_name_are_not_written_over_each_other() {
    let dir = common::scratch("batch-clash");
    let data = copy_data(&dir);
    // A second file for the same county: same title, so the same file name.
    std::fs::copy(
        data.join("counties/shuangbai-2020.yaml"),
        data.join("counties/shuangbai-2020-copy.yaml"),
    )
    .unwrap();
    let out = dir.join("out");
    let o = common::build(&dir, &data.join("counties"), &out, &["--format", "txt"]);
    let err = common::stderr(&o);
    assert!(!o.status.success(), "{err}");
    assert!(
        err.contains("shuangbai-2020.yaml") && err.contains("already taken by"),
        "the clash names both files: {err}"
    );
    assert_eq!(
        common::files_below(&out).len(),
        10,
        "the first of the two is built"
    );
}
