//! Times the ten-county batch (DOCX + PDF for each) with one thread and with
//! every core, against one pipeline, as `gongwen build data/counties/` runs it.

use std::path::PathBuf;
use std::time::Instant;

use gongwen::batch::{self, default_threads, Forms, Job};
use gongwen::pipeline::{Format, Options, Pipeline};

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let out = std::env::temp_dir().join(format!("gongwen-bench-batch-{}", std::process::id()));
    let pipeline = Pipeline::new(&Options::default()).expect("pipeline");
    // Fonts load once per process; load them before timing the documents.
    let t = Instant::now();
    pipeline.fonts().expect("fonts");
    println!(
        "font book                                once {:>9.1} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    let mut threads = vec![1, default_threads()];
    threads.dedup();
    for n in threads {
        let job = Job {
            inputs: vec![root.join("data/counties")],
            formats: Format::DEFAULT.to_vec(),
            out: out.clone(),
            threads: n,
            strict: false,
            progress: false,
            forms: Forms::AsWritten,
        };
        let runs = 5;
        let mut best = f64::MAX;
        let start = Instant::now();
        for _ in 0..runs {
            let t = Instant::now();
            let summary = batch::build(&pipeline, &job).expect("batch");
            assert_eq!(summary.built.len(), 10, "{:?}", summary.failed);
            best = best.min(t.elapsed().as_secs_f64());
        }
        let mean = start.elapsed().as_secs_f64() / runs as f64;
        println!(
            "ten counties, docx+pdf, {n} thread{}        mean {:>9.1} ms   best {:>9.1} ms",
            if n == 1 { " " } else { "s" },
            mean * 1e3,
            best * 1e3
        );
    }
    let _ = std::fs::remove_dir_all(&out);
}
