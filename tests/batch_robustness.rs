//! A batch stops cleanly on SIGINT/SIGTERM (summary, whole documents, no
//! temporary files, exit 130/143), and one document that recurses deeply
//! cannot take the others down.
#![cfg(unix)]

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const FORMATS: [&str; 3] = ["docx", "pdf", "txt"];

/// `n` county overlays with their own output names.
fn overlays(dir: &Path, n: usize) -> PathBuf {
    let names = common::county_files();
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    let base = common::root().join("data/chuxiong-2020.yaml");
    for i in 0..n {
        let text = std::fs::read_to_string(&names[i % names.len()]).unwrap();
        let text = text.replace(
            "extends: ../chuxiong-2020.yaml",
            &format!("extends: {}", base.display()),
        );
        std::fs::write(
            input.join(format!("d{i:03}.yaml")),
            format!("{text}\nname: doc-{i:03}\n"),
        )
        .unwrap();
    }
    input
}

#[test]
fn a_signal_stops_the_batch_with_its_summary_and_whole_documents() {
    const N: usize = 40;
    for (signal, status, name) in [
        (libc::SIGINT, 130, "SIGINT"),
        (libc::SIGTERM, 143, "SIGTERM"),
    ] {
        let dir = common::scratch(&format!("signal-{name}"));
        let input = overlays(&dir, N);
        let mut child = Command::new(env!("CARGO_BIN_EXE_gongwen"))
            .env("LC_ALL", "C")
            .current_dir(&dir)
            .args(["build", input.to_str().unwrap(), "--out", "out", "-j", "2"])
            .args(["--format", &FORMATS.join(",")])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Signal once the first document is written: the batch is half-way.
        let mut err = BufReader::new(child.stderr.take().unwrap());
        let mut log = String::new();
        let mut sent = false;
        let mut line = String::new();
        while err.read_line(&mut line).unwrap() > 0 {
            if !sent && line.starts_with("built ") {
                // SAFETY: kill(2) on our own child's pid.
                let r = unsafe { libc::kill(child.id() as libc::pid_t, signal) };
                assert_eq!(r, 0);
                sent = true;
            }
            log.push_str(&line);
            line.clear();
        }
        let exit = child.wait().unwrap();
        assert!(sent, "no document was built\n{log}");
        assert_eq!(exit.code(), Some(status), "{name}\n{log}");
        let summary = log.lines().last().unwrap_or_default();
        assert!(
            summary.starts_with("built ")
                && summary.contains(&format!("stopped by {name}"))
                && summary.contains("not built"),
            "{name}: {summary}"
        );
        let built: usize = summary["built ".len()..]
            .split(',')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!(
            (1..N).contains(&built),
            "{name}: {built} built of {N}\n{log}"
        );
        // Each document has all its formats or none; nothing temporary is left.
        let out = dir.join("out");
        let files = common::files_below(&out);
        assert_eq!(files.len(), built * FORMATS.len(), "{files:?}");
        for i in 0..N {
            let have = FORMATS
                .iter()
                .filter(|f| out.join(format!("doc-{i:03}.{f}")).exists())
                .count();
            assert!(
                have == 0 || have == FORMATS.len(),
                "doc-{i:03}: {have} formats"
            );
        }
    }
}

#[test]
fn a_deeply_nested_template_cannot_take_the_batch_down() {
    let dir = common::scratch("deep-template");
    let templates = dir.join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    // 2,000 nested blocks overflowed a worker's default 2 MiB stack and aborted the
    // process, taking every other document of the batch with it.
    let depth = 2000;
    std::fs::write(
        templates.join("deep.md.hbs"),
        format!(
            "{}x{}",
            "{{#if org}}".repeat(depth),
            "{{/if}}".repeat(depth)
        ),
    )
    .unwrap();
    let base = common::root().join("data/chuxiong-2020.yaml");
    std::fs::write(
        dir.join("deep.yaml"),
        format!("extends: {}\ntemplate: deep\nname: deep\n", base.display()),
    )
    .unwrap();
    std::fs::write(
        dir.join("plain.yaml"),
        format!("extends: {}\nname: plain\n", base.display()),
    )
    .unwrap();
    let o = common::gongwen(
        &dir,
        &[
            "build",
            "deep.yaml",
            "plain.yaml",
            "--templates",
            templates.to_str().unwrap(),
            "--format",
            "txt",
            "--out",
            "out",
            "-j",
            "2",
        ],
    );
    let err = common::stderr(&o);
    // An ordinary failure of one document (exit 1), at the template's line, not a crash.
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(!err.contains("overflow"), "{err}");
    assert!(err.contains("nested more than 64 deep"), "{err}");
    assert!(err.contains("deep.md.hbs:1:"), "{err}");
    assert!(err.contains("failed deep.yaml"), "{err}");
    assert!(err.contains("built plain.yaml"), "{err}");
    assert!(err.contains("built 1, failed 1"), "{err}");
    assert_eq!(
        common::files_below(&dir.join("out")),
        vec![PathBuf::from("plain.txt")]
    );
}

#[test]
fn a_reader_that_closes_the_pipe_early_ends_the_run_without_a_panic() {
    use std::io::Read;
    let dir = common::scratch("closed-pipe");
    // A thousand failing inputs: more messages than a pipe holds.
    let inputs: Vec<String> = (0..1000)
        .map(|i| {
            let p = dir.join(format!("bad{i}.yaml"));
            std::fs::write(&p, "org: [unclosed\n").unwrap();
            p.display().to_string()
        })
        .collect();
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .env("LC_ALL", "C")
        .arg("build")
        .args(&inputs)
        .args(["--format", "txt", "--out"])
        .arg(dir.join("out"))
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read one byte of the messages, then hang up.
    let mut stderr = child.stderr.take().unwrap();
    let mut first = [0u8; 1];
    stderr.read_exact(&mut first).unwrap();
    drop(stderr);
    let status = child.wait().unwrap();
    // Rust's panic exit code is 101; a closed pipe must not be one.
    assert_ne!(status.code(), Some(101), "{status:?}");
}
