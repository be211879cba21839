//! Golden test of the text writer: every 公文 fixture (tests/fixtures/gongwen/)
//! and the sample work report, built through the command line in both forms,
//! against the reviewed files in tests/golden/text/ (`CASE.printed.txt`,
//! `CASE.disclosure.txt`). `UPDATE_GOLDEN=1 cargo test --test text_golden`
//! rewrites them; review the diff before committing.

mod common;

use std::path::{Path, PathBuf};

const SUFFIX: &str = "-公开";

/// (case, data file, its project directory to run in).
fn cases() -> Vec<(String, PathBuf)> {
    let root = common::root().join("tests/fixtures/gongwen");
    let mut cases: Vec<(String, PathBuf)> = std::fs::read_dir(&root)
        .expect("tests/fixtures/gongwen")
        .map(|e| e.expect("a fixture").path())
        .filter(|p| p.join("data.yaml").is_file())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, p.join("data.yaml"))
        })
        .collect();
    cases.sort();
    // work-report/ is the reference work report, whose printed copy has a head and a 版记.
    assert!(cases.iter().any(|(c, _)| c == "work-report"), "{cases:?}");
    cases
}

/// Both copies' text of one data file: (printed, disclosure).
fn both_texts(dir: &Path, data: &Path) -> (String, String) {
    let out = dir.join("out");
    let o = common::build(dir, data, &out, &["--form", "both", "--format", "txt"]);
    assert!(
        o.status.success(),
        "{}: {}",
        data.display(),
        common::stderr(&o)
    );
    let files = common::files_below(&out);
    assert_eq!(files.len(), 2, "{files:?}");
    let (public, printed): (Vec<&PathBuf>, Vec<&PathBuf>) = files
        .iter()
        .partition(|f| f.to_string_lossy().ends_with(&format!("{SUFFIX}.txt")));
    let read = |f: &PathBuf| std::fs::read_to_string(out.join(f)).expect("text");
    (read(printed[0]), read(public[0]))
}

#[test]
fn every_case_reads_as_its_golden_text_in_both_forms() {
    let golden = common::root().join("tests/golden/text");
    let mut failures = Vec::new();
    for (case, data) in cases() {
        let dir = common::scratch(&format!("text-golden-{case}"));
        let (printed, public) = both_texts(&dir, &data);
        for (file, got) in [
            (format!("{case}.printed.txt"), printed),
            (format!("{case}.disclosure.txt"), public),
        ] {
            if let Err(e) = common::check_golden(&golden.join(&file), &got) {
                failures.push(format!("{file}: {e}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n(UPDATE_GOLDEN=1 rewrites the golden files; review the diff)",
        failures.join("\n")
    );
}

#[test]
fn the_sample_disclosure_golden_is_the_reference_text() {
    // The disclosure golden of the work report is today's published text, which
    // tests/reference.rs holds line for line: the two must not drift apart.
    let golden = common::root().join("tests/golden/text/work-report.disclosure.txt");
    let want = std::fs::read_to_string(golden).expect("golden file");
    assert_eq!(want, common::sample_text(&[]));
}
