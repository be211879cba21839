//! Times the sample with its template's body repeated 1, 10 and 100 times,
//! each format separately, from compiling the template to the output bytes:
//! the cost must grow linearly (100 copies within 120 times one copy).
//! Run with `cargo bench --bench growth`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use gongwen::pipeline::{Format, Options, Pipeline};

/// The shipped template with everything after the front matter repeated.
fn repeated_template(dir: &Path, copies: usize) -> PathBuf {
    let source = include_str!("../templates/work-report.md.hbs");
    // The body starts with the template's opening comment, after the front matter.
    let body_start = source
        .find("{{!--")
        .expect("the template opens its body with a comment");
    let dir = dir.join(format!("x{copies}"));
    std::fs::create_dir_all(&dir).expect("template directory");
    let text = format!(
        "{}{}",
        &source[..body_start],
        source[body_start..].repeat(copies)
    );
    std::fs::write(dir.join("work-report.md.hbs"), text).expect("template");
    dir
}

/// Best of `runs` of: compile the templates, load the data, build the document, write `format`.
fn best(templates: &Path, sample: &Path, format: Format, runs: u32) -> f64 {
    let mut best = f64::MAX;
    for _ in 0..runs {
        let t = Instant::now();
        let p = Pipeline::new(&Options {
            templates: Some(templates.to_path_buf()),
            ..Options::default()
        })
        .expect("pipeline");
        let data = p.load(sample).expect("data");
        let doc = p.document(&data).expect("document");
        std::hint::black_box(p.write(&doc, format).expect("write"));
        best = best.min(t.elapsed().as_secs_f64());
    }
    best
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let sample = root.join("data/chuxiong-2020.yaml");
    let dir = std::env::temp_dir().join(format!("gongwen-bench-growth-{}", std::process::id()));
    // The font book is loaded once per process; load it before timing.
    Pipeline::new(&Options::default())
        .expect("pipeline")
        .fonts()
        .expect("fonts");
    for &format in Format::ALL {
        let mut one = 0.0;
        for (copies, runs) in [(1, 20), (10, 5), (100, 3)] {
            let t = best(&repeated_template(&dir, copies), &sample, format, runs);
            if copies == 1 {
                one = t;
            }
            println!(
                "{:<4} body x{copies:<3}  best {:>9.2} ms   {:>6.1} x the single body",
                format.extension(),
                t * 1e3,
                t / one
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
