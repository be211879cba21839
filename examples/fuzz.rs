//! A mutation fuzz loop over the whole pipeline, in process.
//!
//! ```sh
//! nice cargo run --release --example fuzz -- templates 600   # seconds
//! nice cargo run --release --example fuzz -- data 600 [SEED]
//! cargo run --release --example fuzz -- replay data target/fuzz/data/hang-216.txt
//! ```
//!
//! Each input is the shipped template (or sample data) with a few random
//! mutations: bytes deleted, duplicated or swapped, lines moved, and tokens
//! that have broken parsers before inserted (blocks, partials, markup marks,
//! control characters, emoji, Ext-B, right-to-left marks, huge numbers,
//! YAML tags). Every input runs data → template → markup → DOCX and text (and
//! every 16th the PDF) on a worker thread with an 8 MiB stack, as a command-line
//! build has. An error is the expected answer to bad input; a panic or an input
//! that takes more than 20 s is a finding: the input is saved under
//! `target/fuzz/<target>/` and the loop goes on (a stack overflow aborts the
//! process, and the input it was running is left in `target/fuzz/current`).
//! The last line printed is the tally: inputs run, built, refused, findings.

use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use gongwen::pipeline::{Format, Options, Pipeline};

const TEMPLATE: &str = include_str!("../templates/work-report.md.hbs");
const DATA: &str = include_str!("../data/chuxiong-2020.yaml");

/// Tokens that have tripped the stages before, or could.
const TOKENS: &[&str] = &[
    "{{#if org}}",
    "{{/if}}",
    "{{#each results.plans_drafted}}",
    "{{/each}}",
    "{{> work-report}}",
    "{{#with region}}",
    "{{/with}}",
    "{{{org}}}",
    "{{org}}",
    "{{region}}",
    "{{this}}",
    "{{../year}}",
    "{{percent results.funds 0}}",
    "{{cn 1e300}}",
    "{{#*inline \"p\"}}{{> p}}{{/inline}}{{> p}}",
    "\n# ",
    "\n## ",
    "\n- ",
    "\n1. ",
    "\n> ",
    "\n    ",
    "|",
    "\n|a|b|\n|-|-|\n|1|2|3|\n",
    "[",
    "](",
    "![",
    "<b>",
    "&amp;",
    "*",
    "_",
    "`",
    "[^1]",
    "\n[^1]: x\n",
    "{.noindent}",
    "\\",
    "---\n",
    "\u{0}",
    "\u{7}",
    "\u{1b}",
    "\u{feff}",
    "\u{200b}",
    "\u{202e}",
    "\u{5d0}\u{5d1}",
    "😀",
    "\u{20BB7}",
    "\u{FDD0}",
    "\u{FDD1}",
    "【待填:x】",
    "“",
    "《",
    "（",
    ",",
    "：",
    ": ",
    "\n  - ",
    "~",
    "!counter ",
    ".nan",
    ".inf",
    "1e308",
    "-0",
    "2020.5",
    "\"",
    "'",
    "{a: 1}",
    "[1, 2]",
    "&anchor ",
    "*anchor",
    "!!binary ",
    "? ",
    "\t",
];

#[path = "../tests/common/rng.rs"]
mod rng;
use rng::Rng;

fn boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn mutate(base: &str, rng: &mut Rng) -> String {
    let mut s = base.to_string();
    for _ in 0..1 + rng.below(4) {
        let a = boundary(&s, rng.below(s.len() + 1));
        let b = boundary(&s, a + rng.below(64));
        match rng.below(7) {
            0 => s.replace_range(a..b, ""),
            1 => {
                let piece = s[a..b].to_string();
                s.insert_str(b, &piece);
            }
            2..=4 => s.insert_str(a, TOKENS[rng.below(TOKENS.len())]),
            5 => {
                let mut lines: Vec<&str> = s.lines().collect();
                if lines.len() > 2 {
                    let (x, y) = (rng.below(lines.len()), rng.below(lines.len()));
                    lines.swap(x, y);
                }
                s = lines.join("\n");
            }
            _ => {
                // Deep nesting, far past any limit.
                let n = 1 + rng.below(20_000);
                let (open, close) = if rng.below(2) == 0 {
                    ("{{#if org}}", "{{/if}}")
                } else {
                    ("[", "]")
                };
                s.insert_str(a, &(open.repeat(n) + &close.repeat(n)));
            }
        }
        if s.len() > 4_000_000 {
            s.truncate(boundary(&s, 4_000_000));
        }
    }
    s
}

#[derive(Default)]
struct Tally {
    runs: u64,
    built: u64,
    refused: u64,
    panics: u64,
    hangs: u64,
}

fn run_one(pipeline: &Pipeline, data: &Path, pdf: bool) -> Result<(), String> {
    let data = pipeline.load(data).map_err(|e| e.to_string())?;
    let doc = pipeline.document(&data).map_err(|e| e.to_string())?;
    let mut formats = vec![Format::Docx, Format::Txt];
    if pdf {
        formats.push(Format::Pdf);
    }
    for f in formats {
        pipeline.write(&doc, f).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// `fuzz replay data|templates FILE`: runs one saved input and says how it ended and how long it took.
fn replay(target: &str, file: &Path) {
    let input = std::fs::read_to_string(file).expect("read the input");
    let dir = std::env::temp_dir().join(format!("gongwen-replay-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("templates")).expect("scratch");
    let start = Instant::now();
    let result = if target == "data" {
        std::fs::write(dir.join("input.yaml"), &input).expect("write");
        Pipeline::new(&Options::default())
            .map_err(|e| e.to_string())
            .and_then(|p| run_one(&p, &dir.join("input.yaml"), true))
    } else {
        std::fs::write(dir.join("templates/work-report.md.hbs"), &input).expect("write");
        std::fs::write(dir.join("data.yaml"), DATA).expect("write");
        Pipeline::new(&Options {
            templates: Some(dir.join("templates")),
            ..Options::default()
        })
        .map_err(|e| e.to_string())
        .and_then(|p| run_one(&p, &dir.join("data.yaml"), true))
    };
    let _ = std::fs::remove_dir_all(&dir);
    match result {
        Ok(()) => println!("built in {:.2} s", start.elapsed().as_secs_f64()),
        Err(e) => println!("refused in {:.2} s:\n{e}", start.elapsed().as_secs_f64()),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("replay") {
        let (target, file) = (
            args.get(2).expect("data or templates"),
            args.get(3).expect("FILE"),
        );
        return replay(target, Path::new(file));
    }
    let target = args
        .get(1)
        .map(String::as_str)
        .unwrap_or("data")
        .to_string();
    let seconds: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(60);
    let seed: u64 = args
        .get(3)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x9E37_79B9_7F4A_7C15);
    assert!(
        target == "data" || target == "templates",
        "target: data or templates"
    );
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let work = root.join("target/fuzz").join(&target);
    let scratch = work.join("scratch");
    std::fs::create_dir_all(scratch.join("templates")).expect("fuzz directory");
    // Panics are findings, counted below; their default report would flood the log.
    std::panic::set_hook(Box::new(|_| {}));

    let mut rng = Rng(seed);
    let mut tally = Tally::default();
    let start = Instant::now();
    let base_pipeline = Arc::new(Pipeline::new(&Options::default()).expect("pipeline"));
    base_pipeline.fonts().expect("fonts");
    let sample = scratch.join("data.yaml");
    std::fs::write(&sample, DATA).expect("sample");
    while start.elapsed() < Duration::from_secs(seconds) {
        let input = if target == "data" {
            mutate(DATA, &mut rng)
        } else {
            mutate(TEMPLATE, &mut rng)
        };
        std::fs::write(root.join("target/fuzz/current"), &input).expect("save input");
        let pdf = tally.runs % 16 == 0;
        let (tx, rx) = mpsc::channel();
        let scratch2 = scratch.clone();
        let input2 = input.clone();
        let target2 = target.clone();
        let shared = Arc::clone(&base_pipeline);
        let worker = std::thread::Builder::new()
            .stack_size(8 << 20)
            .spawn(move || {
                let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    if target2 == "data" {
                        let path = scratch2.join("input.yaml");
                        std::fs::write(&path, &input2).map_err(|e| e.to_string())?;
                        run_one(&shared, &path, pdf)
                    } else {
                        let dir = scratch2.join("templates");
                        std::fs::write(dir.join("work-report.md.hbs"), &input2)
                            .map_err(|e| e.to_string())?;
                        let p = Pipeline::new(&Options {
                            templates: Some(dir),
                            ..Options::default()
                        })
                        .map_err(|e| e.to_string())?;
                        run_one(&p, &scratch2.join("data.yaml"), pdf)
                    }
                }));
                let _ = tx.send(outcome.map_err(|_| ()));
            })
            .expect("worker");
        tally.runs += 1;
        match rx.recv_timeout(Duration::from_secs(20)) {
            Ok(Ok(Ok(()))) => tally.built += 1,
            Ok(Ok(Err(_))) => tally.refused += 1,
            Ok(Err(())) => {
                tally.panics += 1;
                save(&work, "panic", tally.runs, &input);
            }
            Err(_) => {
                tally.hangs += 1;
                save(&work, "hang", tally.runs, &input);
                eprintln!(
                    "input {} ran past 20 s; stopping (the worker cannot be killed)",
                    tally.runs
                );
                break;
            }
        }
        let _ = worker.join();
        if tally.runs % 500 == 0 {
            eprintln!(
                "{target}: {} inputs, {} built, {} refused, {} panics, {} hangs ({:.0} s)",
                tally.runs,
                tally.built,
                tally.refused,
                tally.panics,
                tally.hangs,
                start.elapsed().as_secs_f64()
            );
        }
    }
    println!(
        "{target}: {} inputs in {:.0} s: {} built, {} refused with an error, {} panics, {} hangs",
        tally.runs,
        start.elapsed().as_secs_f64(),
        tally.built,
        tally.refused,
        tally.panics,
        tally.hangs
    );
}

fn save(dir: &Path, kind: &str, n: u64, input: &str) {
    let path = dir.join(format!("{kind}-{n}.txt"));
    let _ = std::fs::write(&path, input);
    eprintln!("{kind}: input {n} saved to {}", path.display());
}
