//! Every DOCX the project makes passes the Open XML SDK's checks, as ported
//! by `openxml-audit` (PyPI; `.ci/run` installs it): the sample, a county,
//! the showcase and a draft, in permissive mode, with no errors — and no
//! schema findings either, since an element out of order is what makes Word
//! call a file damaged.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

fn built_docx(dir: &Path, input: &Path, extra: &[&str]) -> PathBuf {
    let out = dir.join("out");
    let mut args = vec!["--format", "docx"];
    args.extend(extra);
    let o = common::build(dir, input, &out, &args);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let files = common::files_below(&out);
    assert_eq!(files.len(), 1, "{files:?}");
    out.join(&files[0])
}

/// The audit's findings for one file: (errors, warnings as text).
fn audit(docx: &Path) -> (u64, Vec<String>) {
    // As a module, so a user-level install off PATH is found too.
    let out = Command::new("python3")
        .args(["-m", "openxml_audit"])
        .args([
            "--policy",
            "permissive",
            "--output",
            "json",
            "--max-errors",
            "0",
        ])
        .arg(docx)
        .output()
        .unwrap_or_else(|e| {
            panic!("python3 with `openxml-audit` is needed for this test (pip install openxml-audit): {e}")
        });
    let report = String::from_utf8_lossy(&out.stdout);
    let json: serde_json::Value = serde_json::from_str(&report).unwrap_or_else(|e| {
        panic!(
            "openxml-audit gave no JSON ({e}; pip install openxml-audit):\n{report}{}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let file = &json[0];
    let errors = file["error_count"].as_u64().expect("error_count");
    let findings = file["errors"]
        .as_array()
        .map(|all| {
            all.iter()
                .map(|e| {
                    format!(
                        "{} at {} {}",
                        e["description"].as_str().unwrap_or("?"),
                        e["part_uri"].as_str().unwrap_or("?"),
                        e["path"].as_str().unwrap_or("?")
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    (errors, findings)
}

#[test]
fn every_docx_passes_the_open_xml_validator() {
    let dir = common::scratch("openxml-audit");
    let cases = common::four_documents(&dir);
    for (name, input, extra) in cases {
        let case = dir.join(name);
        std::fs::create_dir_all(&case).unwrap();
        let extra: Vec<&str> = extra.iter().map(String::as_str).collect();
        let docx = built_docx(&case, &input, &extra);
        let (errors, findings) = audit(&docx);
        assert_eq!(errors, 0, "{name}: {findings:#?}");
        assert!(findings.is_empty(), "{name}: {findings:#?}");
    }
}

#[test]
fn every_printed_gongwen_fixture_passes_the_open_xml_validator() {
    let dir = common::scratch("openxml-audit-gongwen");
    let fixtures = common::root().join("tests/fixtures/gongwen");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&fixtures)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("data.yaml").exists())
        .collect();
    cases.sort();
    assert!(
        !cases.is_empty(),
        "no fixtures under {}",
        fixtures.display()
    );
    for case in cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let out = dir.join(&name);
        std::fs::create_dir_all(&out).unwrap();
        let docx = built_docx(&out, &case.join("data.yaml"), &[]);
        let (errors, findings) = audit(&docx);
        assert_eq!(errors, 0, "{name}: {findings:#?}");
        assert!(findings.is_empty(), "{name}: {findings:#?}");
    }
}
