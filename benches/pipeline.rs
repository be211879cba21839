//! Times the front of the pipeline on the sample report: data (with YAML and
//! `extends`), template, markup, and the text writer. Run with `cargo bench`.

use std::path::PathBuf;

#[path = "support/mod.rs"]
mod support;
use support::time;

use gongwen::pipeline::{Format, Options, Pipeline};

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let sample = root.join("data/chuxiong-2020.yaml");
    let county = root.join("data/counties/shuangbai-2020.yaml");
    time("compile templates", 50, || {
        Pipeline::new(&Options::default()).unwrap()
    });
    let p = Pipeline::new(&Options::default()).unwrap();
    time("load sample data", 200, || p.load(&sample).unwrap());
    time("load county overlay (extends)", 200, || {
        p.load(&county).unwrap()
    });
    let data = p.load(&sample).unwrap();
    time("template + markup -> Document", 200, || {
        p.document(&data).unwrap()
    });
    let doc = p.document(&data).unwrap();
    // The PDF's font book is loaded once, before timing the writers.
    p.fonts().unwrap();
    for &format in Format::ALL {
        time(&format!("write {}", format.extension()), 20, || {
            p.write(&doc, format).unwrap()
        });
    }
}
