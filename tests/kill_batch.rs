//! A batch killed (SIGKILL) at random moments loses nothing: after the next
//! run in the same output directory no temporary file is left, and every
//! document's formats are all from one run — all old or all new.
#![cfg(unix)]

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

const DOCUMENTS: usize = 200;
const KILLS: usize = 20;
/// Two formats per document: the property is about documents of several files.
const FORMATS: [&str; 2] = ["txt", "docx"];
/// Each run sets the issuer to this with its number, so every file tells which run wrote it.
const MARK: &str = "试验局";

/// 200 county overlays of a copy of the shipped base, each with its own output name.
fn inputs(dir: &Path) -> PathBuf {
    std::fs::copy(
        common::root().join("data/chuxiong-2020.yaml"),
        dir.join("base.yaml"),
    )
    .unwrap();
    let names = common::county_files();
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    for i in 0..DOCUMENTS {
        let text = std::fs::read_to_string(&names[i % names.len()]).unwrap();
        let text = text.replace("extends: ../chuxiong-2020.yaml", "extends: ../base.yaml");
        assert!(text.contains("extends: ../base.yaml"));
        std::fs::write(
            input.join(format!("d{i:03}.yaml")),
            format!("{text}\nname: doc-{i:03}\n"),
        )
        .unwrap();
    }
    input
}

fn build(dir: &Path, input: &Path, run: usize) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_gongwen"));
    c.current_dir(dir)
        .env("LC_ALL", "C")
        .args(["build", input.to_str().unwrap(), "--out", "out", "-j", "2"])
        .args(["--format", &FORMATS.join(",")])
        .args(["--set", &format!("org={MARK}{run}号")])
        .stdin(Stdio::null())
        .stdout(Stdio::null());
    c
}

/// The run number a file was written by.
fn run_of(path: &Path) -> usize {
    let text = if path.extension().is_some_and(|e| e == "docx") {
        let f = std::fs::File::open(path).unwrap();
        let mut zip = zip::ZipArchive::new(f).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut s = String::new();
        zip.by_name("docProps/core.xml")
            .unwrap()
            .read_to_string(&mut s)
            .unwrap();
        s
    } else {
        std::fs::read_to_string(path).unwrap()
    };
    let at = text
        .find(MARK)
        .unwrap_or_else(|| panic!("{} has no mark", path.display()));
    let digits: String = text[at + MARK.len()..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().unwrap()
}

fn temp_files(out: &Path) -> Vec<String> {
    std::fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.') || n.ends_with(".tmp"))
        .collect()
}

/// Every document has all its formats, all written by one run; returns how many are from `run`.
fn assert_whole(out: &Path, run: usize, after_kill: usize) -> usize {
    let mut newest = 0;
    for i in 0..DOCUMENTS {
        let runs: Vec<usize> = FORMATS
            .iter()
            .map(|f| run_of(&out.join(format!("doc-{i:03}.{f}"))))
            .collect();
        assert!(
            runs.iter().all(|r| *r == runs[0]),
            "after kill {after_kill}: doc-{i:03} mixes runs {runs:?} ({FORMATS:?})"
        );
        assert!(runs[0] <= run);
        newest += usize::from(runs[0] == run);
    }
    newest
}

/// A small pseudo-random sequence (the moments of the kills), seeded from the clock.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n.max(1)
    }
}

#[test]
fn random_kills_leave_every_document_whole_and_no_temporary_file() {
    let dir = common::scratch("kill-batch");
    let input = inputs(&dir);
    let out = dir.join("out");
    // A probe document, built into the same directory: the "next run" after each kill.
    std::fs::write(dir.join("probe.yaml"), "extends: base.yaml\nname: probe\n").unwrap();

    // Run 0 writes every document: the "old" outputs.
    let start = Instant::now();
    let o = build(&dir, &input, 0).output().unwrap();
    assert!(o.status.success(), "{}", common::stderr(&o));
    let full_run = start.elapsed();
    assert_eq!(assert_whole(&out, 0, 0), DOCUMENTS);

    let seed = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64;
    eprintln!("kill moments seeded with {seed}; a full run took {full_run:?}");
    let mut rng = Lcg(seed);
    let mut mid_commit = 0;
    for k in 1..=KILLS {
        let mut child = build(&dir, &input, k)
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let wait = Duration::from_millis(rng.below(full_run.as_millis() as u64));
        std::thread::sleep(wait);
        let _ = child.kill();
        let status = child.wait().unwrap();
        let left = temp_files(&out);
        mid_commit += usize::from(!left.is_empty());

        // The next run in the directory finishes or removes what the killed one left.
        let o = build(&dir, &dir.join("probe.yaml"), k).output().unwrap();
        assert!(o.status.success(), "{}", common::stderr(&o));
        let after = temp_files(&out);
        assert!(
            after.is_empty(),
            "kill {k} after {wait:?} ({status}) left {left:?}; after the next run: {after:?}"
        );
        let new = assert_whole(&out, k, k);
        eprintln!(
            "kill {k} at {wait:?}: {} temporary files, {new} documents new",
            left.len()
        );
    }
    eprintln!("{mid_commit} of {KILLS} kills left temporary files behind");

    // A last whole run: everything new, nothing left over.
    let o = build(&dir, &input, KILLS + 1).output().unwrap();
    assert!(o.status.success(), "{}", common::stderr(&o));
    assert_eq!(assert_whole(&out, KILLS + 1, KILLS + 1), DOCUMENTS);
    assert!(temp_files(&out).is_empty());
}
