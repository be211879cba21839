//! Times the PDF half on the sample report: loading the font book, layout,
//! and writing the PDF (subsetting and compressing five CJK faces); and the
//! OFD written from the same layout, which should cost no more than the PDF.
//! Run with `cargo bench --bench pdf`.

use std::path::PathBuf;
use std::time::Instant;

#[path = "support/mod.rs"]
mod support;
use support::time;

use gongwen::fonts::FontBook;
use gongwen::pipeline::{Options, Pipeline};
use gongwen::style::Style;

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let p = Pipeline::new(&Options::default()).expect("pipeline");
    let data = p
        .load(&root.join("data/chuxiong-2020.yaml"))
        .expect("sample");
    let doc = p.document(&data).expect("document");
    let style = Style::default();

    let t = Instant::now();
    let fonts = FontBook::load(&[]).expect("fonts");
    println!(
        "{:<40} once {:>9.3} ms",
        "font book (system scan + shipped)",
        t.elapsed().as_secs_f64() * 1e3
    );
    let t = Instant::now();
    let layout = gongwen::layout::layout(&doc, &style, &fonts).expect("layout");
    let bytes = gongwen::pdf::write(&layout, &doc, &fonts).expect("pdf");
    println!(
        "{:<40} once {:>9.3} ms   ({} pages, {} KB)",
        "first report (fonts mapped and parsed)",
        t.elapsed().as_secs_f64() * 1e3,
        layout.pages.len(),
        bytes.len() / 1024
    );

    let layout = time("layout", 20, || {
        gongwen::layout::layout(&doc, &style, &fonts).expect("layout")
    });
    time("write pdf", 10, || {
        gongwen::pdf::write(&layout, &doc, &fonts).expect("pdf")
    });
    let ofd = time("write ofd", 10, || {
        gongwen::ofd::write(&layout, &doc, &fonts).expect("ofd")
    });
    println!(
        "{:<40} sizes: pdf {} KB, ofd {} KB",
        "sample report",
        bytes.len() / 1024,
        ofd.len() / 1024
    );
    time("layout + write pdf", 10, || {
        let layout = gongwen::layout::layout(&doc, &style, &fonts).expect("layout");
        gongwen::pdf::write(&layout, &doc, &fonts).expect("pdf")
    });
    time("layout + write ofd", 10, || {
        let layout = gongwen::layout::layout(&doc, &style, &fonts).expect("layout");
        gongwen::ofd::write(&layout, &doc, &fonts).expect("ofd")
    });
    let sample = root.join("data/chuxiong-2020.yaml");
    time("whole report: data -> Document -> PDF", 10, || {
        let data = p.load(&sample).expect("sample");
        let doc = p.document(&data).expect("document");
        gongwen::pdf::render(&doc, &style, &fonts).expect("pdf")
    });
}
