//! `cargo bench --bench compare`: compare on 100, 1,000, 10,000 and 100,000 synthetic responses
//! to the default rubric, from files on disk to JSON, as `learnlead compare DIR --format json`
//! does. Prints the time and the peak memory of the process. Set `LEARNLEAD_BENCH_SIZES` (for
//! example `100,1000`) to run fewer sizes. Responses are generated once into
//! `target/bench-data/N/` and reused.

#![allow(unreachable_pub, clippy::unwrap_used, clippy::pedantic)] // test code: a failing unwrap is a failing test

use std::path::PathBuf;
use std::time::Instant;

use learnlead::analysis::compare::{compare, Options};
use learnlead::commands::compare::{load, response_files};
use learnlead::io::assets;
use learnlead::io::catalog::Catalog;
use learnlead::model::rubric::Rubric;

#[path = "common.rs"]
mod common;
use common::generate;

/// The peak resident memory of this process so far, in MiB (Linux).
fn peak_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    let sizes: Vec<usize> = std::env::var("LEARNLEAD_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![100, 1_000, 10_000, 100_000]);
    let rubric = Rubric::parse(assets::shipped_rubric("wenger-trayner").unwrap().text).unwrap();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    let catalog = Catalog::default();
    println!(
        "compare, default rubric ({} items), files to JSON",
        rubric.item_count()
    );
    println!(
        "{:>9}  {:>9}  {:>12}  {:>14}",
        "responses", "seconds", "per response", "peak memory"
    );
    for n in sizes {
        let dir = root.join(n.to_string());
        generate(&rubric, &dir, n);
        let start = Instant::now();
        let files = response_files(std::slice::from_ref(&dir)).unwrap();
        let listed = start.elapsed().as_secs_f64();
        let (rubric, mut participants) = load(&catalog, &files, None).unwrap();
        let loaded = start.elapsed().as_secs_f64();
        let opts = Options {
            anonymize: false,
            min_group: 3,
            with_notes: false,
            by_role: true,
            seed: learnlead::analysis::compare::DEFAULT_SEED,
        };
        let comparison = compare(&rubric, &mut participants, &opts);
        let compared = start.elapsed().as_secs_f64();
        let json = serde_json::to_string_pretty(&comparison).unwrap();
        let secs = start.elapsed().as_secs_f64();
        assert!(json.len() > 1000);
        println!(
            "{:>9}  {:>9.3}  {:>10.1} µs  {:>10.0} MiB",
            n,
            secs,
            secs / n as f64 * 1e6,
            peak_mib().unwrap_or(f64::NAN)
        );
        if std::env::var_os("LEARNLEAD_BENCH_PHASES").is_some() {
            let total = start.elapsed().as_secs_f64();
            println!(
                "           list {listed:.3} s, read {:.3} s, compare {:.3} s, json {:.3} s",
                loaded - listed,
                compared - loaded,
                total - compared
            );
        }
    }
}
