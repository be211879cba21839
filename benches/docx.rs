//! DOCX writer timing: the sample report, written many times.
//! `cargo bench --bench docx` prints size and time per document.

#[path = "../tests/docx_support/mod.rs"]
mod docx_support;

use std::time::Instant;

fn main() {
    let doc = docx_support::sample();
    let style = gongwen::style::Style::default();
    let first = gongwen::docx::write(&doc, &style).expect("write the sample DOCX");
    let rounds = 50;
    let start = Instant::now();
    let mut total = 0usize;
    for _ in 0..rounds {
        total += gongwen::docx::write(&doc, &style).expect("write").len();
    }
    let each = start.elapsed() / rounds;
    println!(
        "docx sample: {} bytes ({:.1} KB), {:.2} ms per document ({} rounds, {} bytes total)",
        first.len(),
        first.len() as f64 / 1024.0,
        each.as_secs_f64() * 1000.0,
        rounds,
        total
    );
}
