//! Shared by the timing programs in benches/.

use std::time::{Duration, Instant};

/// Runs `f` once to warm up, then `iterations` times; prints the mean and the
/// best run and returns the warm-up's result.
pub fn time<R>(label: &str, iterations: u32, mut f: impl FnMut() -> R) -> R {
    let out = f();
    let mut best = Duration::MAX;
    let start = Instant::now();
    for _ in 0..iterations {
        let t = Instant::now();
        std::hint::black_box(f());
        best = best.min(t.elapsed());
    }
    let mean = start.elapsed() / iterations;
    println!(
        "{label:<40} mean {:>9.3} ms   best {:>9.3} ms",
        mean.as_secs_f64() * 1e3,
        best.as_secs_f64() * 1e3
    );
    out
}
