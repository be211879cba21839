//! Times 1,000 county variants (DOCX + PDF each) built in one batch on two
//! threads, as `gongwen build DIR -j 2` runs them, and reports the process's
//! peak memory. Each variant is a county overlay with its own output name and
//! figures, so no two documents are alike. Run with `cargo bench --bench variants`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use gongwen::batch::{self, Forms, Job};
use gongwen::pipeline::{Format, Options, Pipeline};

const VARIANTS: usize = 1000;

/// Writes the variant data files under `dir`, each extending one of the ten
/// county overlays shipped in data/counties/.
fn write_variants(root: &Path, dir: &Path) {
    let mut counties: Vec<PathBuf> = std::fs::read_dir(root.join("data/counties"))
        .expect("counties")
        .map(|e| e.expect("entry").path())
        .collect();
    counties.sort();
    std::fs::create_dir_all(dir).expect("variant directory");
    for i in 0..VARIANTS {
        let county = &counties[i % counties.len()];
        let stem = county.file_stem().and_then(|s| s.to_str()).expect("name");
        let text = format!(
            "extends: {}\nname: {stem}-{i:04}\nresults:\n  funds: {}\n  herbs_area: {}.{}\n",
            county.display(),
            100 + i,
            1 + i % 7,
            i % 10
        );
        std::fs::write(dir.join(format!("v{i:04}.yaml")), text).expect("variant");
    }
}

/// The peak resident memory of this process so far (Linux), in MiB.
fn peak_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// CPU time (user + system) this process has used so far (Linux), in seconds:
/// steadier than wall time on a machine busy with other work.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    // Clock ticks are 1/100 s on Linux.
    Some(ticks / 100.0)
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::temp_dir().join(format!("gongwen-bench-variants-{}", std::process::id()));
    let data = dir.join("data");
    write_variants(&root, &data);
    let t = Instant::now();
    let cpu_before = cpu_seconds();
    let pipeline = Pipeline::new(&Options::default()).expect("pipeline");
    let job = Job {
        inputs: vec![data],
        formats: Format::DEFAULT.to_vec(),
        out: dir.join("out"),
        threads: 2,
        strict: false,
        progress: false,
        forms: Forms::AsWritten,
    };
    let summary = batch::build(&pipeline, &job).expect("batch");
    let elapsed = t.elapsed().as_secs_f64();
    let cpu = cpu_before.zip(cpu_seconds()).map(|(a, b)| b - a);
    assert_eq!(
        summary.built.len(),
        VARIANTS,
        "{:?}",
        summary.failed.first()
    );
    println!(
        "{VARIANTS} variants, docx+pdf, 2 threads    {:>8.0} ms   {:>6.2} ms per variant   cpu {} per variant   peak {}",
        elapsed * 1e3,
        elapsed * 1e3 / VARIANTS as f64,
        cpu.map_or("unknown".to_string(), |c| format!("{:.2} ms", c * 1e3 / VARIANTS as f64)),
        peak_mib().map_or("unknown".to_string(), |m| format!("{m:.1} MiB"))
    );
    let _ = std::fs::remove_dir_all(&dir);
}
