//! `cargo bench --bench import`: `learnlead import` (the real binary) on synthetic exports of
//! 1,000 and 10,000 rows answering every statement of the default rubric, headed by the
//! statements' text as a form export is. A fifth of the people share one name, so naming the
//! files is measured where names collide. Set `LEARNLEAD_BENCH_SIZES` (for example
//! `1000,100000`) for other sizes.

#![allow(unreachable_pub, clippy::unwrap_used, clippy::pedantic)] // test code: a failing unwrap is a failing test

use std::fmt::Write as _;
use std::process::Command;
use std::time::Instant;

use learnlead::io::assets;
use learnlead::model::rubric::Rubric;

fn main() {
    let sizes: Vec<usize> = std::env::var("LEARNLEAD_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000]);
    let rubric = Rubric::parse(assets::shipped_rubric("wenger-trayner").unwrap().text).unwrap();
    println!("import, default rubric: a CSV headed by statement text, one response per row");
    println!(
        "{:>7}  {:>10}  {:>13}  {:>12}  {:>14}",
        "rows", "MB", "seconds", "per row", "peak memory"
    );
    for n in sizes {
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("export.csv");
        std::fs::write(&csv, export(&rubric, n)).unwrap();
        let size = std::fs::metadata(&csv).unwrap().len() as f64 / 1e6;
        let start = Instant::now();
        let out = Command::new(env!("CARGO_BIN_EXE_learnlead"))
            .arg("import")
            .arg(&csv)
            .args(["--rubric", "wenger-trayner", "--out-dir"])
            .arg(dir.path().join("responses"))
            .output()
            .unwrap();
        let seconds = start.elapsed().as_secs_f64();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let per_row = seconds / n as f64 * 1e6;
        let peak = children_peak_mib().map_or("–".to_string(), |m| format!("{m:.0} MiB"));
        println!("{n:>7}  {size:>10.1}  {seconds:>13.2}  {per_row:>9.0} µs  {peak:>14}");
    }
}

/// A form export: Timestamp, Your name, then one column per statement (its text), each cell
/// "4 - Mostly true" style (in the statement's own answer words); every fifth person is called
/// Ana Silva.
fn export(rubric: &Rubric, rows: usize) -> String {
    let items: Vec<_> = rubric.items().collect();
    let mut csv = String::from("Timestamp,Your name");
    for i in &items {
        write!(csv, ",\"{}\"", i.item.statement.replace('"', "\"\"")).unwrap();
    }
    csv.push('\n');
    for r in 0..rows {
        let name = match r % 5 {
            0 => "Ana Silva".to_string(),
            _ => format!("Person {r}"),
        };
        write!(csv, "2026-11-22 10:00:00,{name}").unwrap();
        for (k, i) in items.iter().enumerate() {
            let point = 1 + ((r * 7 + k * 3) % 5) as i64;
            let label = rubric.answer_label(i.dimension, i.item, point);
            write!(csv, ",{point} - {label}").unwrap();
        }
        csv.push('\n');
    }
    csv
}

/// The largest peak memory of a finished child process so far (Linux, macOS): with sizes in
/// ascending order, the last import's.
fn children_peak_mib() -> Option<f64> {
    #[cfg(unix)]
    {
        // SAFETY: getrusage writes into the zeroed struct it is given and reads nothing else.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: a valid pointer to a rusage owned here.
        let ok = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) } == 0;
        // ru_maxrss is in KiB on Linux, in bytes on macOS.
        let kib = if cfg!(target_os = "macos") {
            usage.ru_maxrss as f64 / 1024.0
        } else {
            usage.ru_maxrss as f64
        };
        ok.then_some(kib / 1024.0)
    }
    #[cfg(not(unix))]
    {
        None
    }
}
