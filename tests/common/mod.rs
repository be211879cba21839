//! Shared test support: running the binary in a scratch directory.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh, empty scratch directory for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gongwen-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create scratch directory");
    dir
}

/// Runs the gongwen binary in `cwd`.
pub fn gongwen(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        // The tests read the English messages, whatever the machine's locale.
        .env("LC_ALL", "C")
        .output()
        .expect("run gongwen")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Every file below `dir`, relative to it, sorted.
pub fn files_below(dir: &Path) -> Vec<PathBuf> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
        if let Ok(entries) = std::fs::read_dir(dir) {
            for e in entries.flatten() {
                let p = e.path();
                if p.is_dir() {
                    walk(base, &p, out);
                } else {
                    out.push(p.strip_prefix(base).unwrap_or(&p).to_path_buf());
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// Builds the sample data through the library into its text form.
pub fn sample_text(sets: &[&str]) -> String {
    use gongwen::pipeline::{Format, Options, Pipeline};
    let p = Pipeline::new(&Options {
        templates: Some(root().join("templates")),
        sets: sets.iter().map(|s| s.to_string()).collect(),
        ..Options::default()
    })
    .expect("pipeline");
    let data = p
        .load(&root().join("data/chuxiong-2020.yaml"))
        .expect("load sample");
    let doc = p.document(&data).expect("document");
    String::from_utf8(p.write(&doc, Format::Txt).expect("txt").bytes).expect("utf-8")
}

/// Runs `gongwen build INPUT --out OUT [extra…]` in `cwd`.
pub fn build(cwd: &Path, input: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "build",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend(extra);
    gongwen(cwd, &args)
}

/// Every file below `dir` with its bytes, sorted by path.
pub fn contents(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    files_below(dir)
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(dir.join(&f)).expect("read output");
            (f, bytes)
        })
        .collect()
}

/// The shipped county overlays (`data/counties/*.yaml`), in sorted order.
pub fn county_files() -> Vec<PathBuf> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(root().join("data/counties"))
        .expect("data/counties")
        .map(|e| e.expect("a county file").path())
        .collect();
    names.sort();
    names
}

/// The four documents the two copies are compared on (issue acceptance:
/// the sample, a county, the showcase and a draft): (name, data file, extra
/// build arguments). The draft is made in `dir`.
pub fn four_documents(dir: &Path) -> Vec<(&'static str, PathBuf, Vec<String>)> {
    let root = root();
    let showcase = root.join("tests/fixtures/showcase");
    std::fs::copy(
        root.join("data/chuxiong-2020.yaml"),
        dir.join("chuxiong-2020.yaml"),
    )
    .expect("copy the sample");
    let o = gongwen(dir, &["draft", "chuxiong-2020.yaml"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let templates = showcase.join("templates").display().to_string();
    vec![
        ("sample", root.join("data/chuxiong-2020.yaml"), vec![]),
        ("county", root.join("data/counties/dayao-2020.yaml"), vec![]),
        (
            "showcase",
            showcase.join("data.yaml"),
            vec!["--templates".to_string(), templates],
        ),
        ("draft", dir.join("chuxiong-2021.yaml"), vec![]),
    ]
}

/// Whether this run rewrites the golden files (`UPDATE_GOLDEN=1`).
pub fn updating_golden() -> bool {
    std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1")
}

/// Compares `got` with the golden file at `path` — or, when updating,
/// writes it — and says where they first differ.
pub fn check_golden(path: &Path, got: &str) -> Result<(), String> {
    if updating_golden() {
        std::fs::create_dir_all(path.parent().expect("a golden file's directory")).unwrap();
        std::fs::write(path, got).unwrap();
        return Ok(());
    }
    match std::fs::read_to_string(path) {
        Ok(want) if want == got => Ok(()),
        Ok(want) => {
            let line = want
                .lines()
                .zip(got.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(want.lines().count().min(got.lines().count()));
            Err(format!(
                "differs from {} at line {}:\n  want: {}\n  got:  {}",
                path.display(),
                line + 1,
                want.lines().nth(line).unwrap_or("<end>"),
                got.lines().nth(line).unwrap_or("<end>")
            ))
        }
        Err(_) => Err(format!("no golden file {}", path.display())),
    }
}
