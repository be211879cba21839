//! Golden test, pandoc style: every part of the sample report's DOCX,
//! pretty-printed, against the reviewed files in tests/golden/docx/.
//! `UPDATE_GOLDEN=1 cargo test --test docx_golden` rewrites them; review the
//! diff before committing.

mod docx_support;

use docx_support::{parts, pretty, root, sample_docx};

#[test]
fn sample_parts_match_golden_files() {
    let dir = root().join("tests/golden/docx");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1");
    let docx = sample_docx();
    let parts = parts(&docx);
    let mut expected: Vec<String> = Vec::new();
    let mut failures = Vec::new();
    for (name, xml) in &parts {
        // [Content_Types].xml and _rels/.rels as plain file names.
        let file = format!("{}.txt", name.replace('/', "__"));
        expected.push(file.clone());
        let path = dir.join(&file);
        let got = pretty(xml);
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &got).unwrap();
            continue;
        }
        match std::fs::read_to_string(&path) {
            Ok(want) if want == got => {}
            Ok(want) => {
                let line = want
                    .lines()
                    .zip(got.lines())
                    .position(|(a, b)| a != b)
                    .unwrap_or(want.lines().count().min(got.lines().count()));
                failures.push(format!(
                    "{name}: differs from {} at line {}:\n  want: {}\n  got:  {}",
                    path.display(),
                    line + 1,
                    want.lines().nth(line).unwrap_or("<end>"),
                    got.lines().nth(line).unwrap_or("<end>")
                ));
            }
            Err(_) => failures.push(format!("{name}: no golden file {}", path.display())),
        }
    }
    // A part that disappeared is a change too.
    if !update {
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
