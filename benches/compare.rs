//! `cargo bench --bench compare`: `learnlead compare DIR --format json` (the real binary, as a
//! person runs it, its JSON written to a file) on 100, 1,000, 10,000 and 100,000 synthetic
//! responses to the default rubric. Prints the time, the peak memory of the process, and the
//! memory each response adds over the smallest group's. Set `LEARNLEAD_BENCH_SIZES` (for
//! example `100,1000`) to run fewer sizes. Responses are generated once into
//! `target/bench-data/N/` and reused.

#![allow(unreachable_pub, clippy::unwrap_used, clippy::pedantic)] // test code: a failing unwrap is a failing test

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Instant;

use learnlead::io::assets;
use learnlead::model::rubric::Rubric;

#[path = "common.rs"]
mod common;
use common::{children_usage, generate};

fn main() {
    let sizes: Vec<usize> = std::env::var("LEARNLEAD_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![100, 1_000, 10_000, 100_000]);
    let rubric = Rubric::parse(assets::shipped_rubric("wenger-trayner").unwrap().text).unwrap();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    println!(
        "compare, default rubric ({} items), files to JSON",
        rubric.item_count()
    );
    println!(
        "{:>9}  {:>9}  {:>12}  {:>12}  {:>22}",
        "responses", "seconds", "per response", "peak memory", "per response over base"
    );
    let mut base: Option<(usize, f64)> = None;
    for n in sizes {
        let dir = root.join(n.to_string());
        generate(&rubric, &dir, n);
        let out = tempfile::NamedTempFile::new().unwrap();
        let start = Instant::now();
        let status = Command::new(env!("CARGO_BIN_EXE_learnlead"))
            .arg("compare")
            .arg(&dir)
            .args(["--format", "json"])
            .stdout(out.reopen().unwrap())
            .stderr(Stdio::null())
            .status()
            .unwrap();
        let secs = start.elapsed().as_secs_f64();
        assert!(status.success());
        assert!(std::fs::metadata(out.path()).unwrap().len() > 1000);
        // With sizes in ascending order, the largest peak so far is this run's.
        let peak = children_usage().map_or(f64::NAN, |u| u.peak_mib);
        let over = match base {
            Some((m, p)) if n > m => format!("{:.2} KiB", (peak - p) * 1024.0 / (n - m) as f64),
            _ => "–".to_string(),
        };
        base = base.or(Some((n, peak)));
        println!(
            "{:>9}  {:>9.3}  {:>9.1} µs  {:>8.0} MiB  {:>22}",
            n,
            secs,
            secs / n as f64 * 1e6,
            peak,
            over
        );
    }
}
