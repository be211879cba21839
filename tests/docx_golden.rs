//! Golden test, pandoc style: every part of the sample report's DOCX,
//! pretty-printed, against the reviewed files in tests/golden/docx/.
//! `UPDATE_GOLDEN=1 cargo test --test docx_golden` rewrites them; review the
//! diff before committing.

mod common;
mod docx_support;

use docx_support::{parts, pretty, root, sample_docx};

#[test]
fn sample_parts_match_golden_files() {
    let dir = root().join("tests/golden/docx");
    let docx = sample_docx();
    let parts = parts(&docx);
    let mut expected: Vec<String> = Vec::new();
    let mut failures = Vec::new();
    for (name, xml) in &parts {
        // [Content_Types].xml and _rels/.rels as plain file names.
        let file = format!("{}.txt", name.replace('/', "__"));
        expected.push(file.clone());
        if let Err(e) = common::check_golden(&dir.join(&file), &pretty(xml)) {
            failures.push(format!("{name}: {e}"));
        }
    }
    // A part that disappeared is a change too.
    if !common::updating_golden() {
        if let Ok(entries) = std::fs::read_dir(&dir) {
            for e in entries.flatten() {
                let f = e.file_name().to_string_lossy().into_owned();
                if !expected.contains(&f) {
                    failures.push(format!("golden file {f} has no part in the DOCX"));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n\nIf the change is intended: UPDATE_GOLDEN=1 cargo test --test docx_golden, then review the diff.",
        failures.join("\n")
    );
}
