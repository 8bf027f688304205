//! `cargo bench --bench import`: `learnlead import` (the real binary) on synthetic exports of
//! 1,000 and 10,000 rows answering every statement of the default rubric, headed by the
//! statements' text as a form export is. A fifth of the people share one name, so naming the
//! files is measured where names collide. Set `LEARNLEAD_BENCH_SIZES` (for example
//! `1000,100000`) for other sizes, and `LEARNLEAD_BENCH_KEEP` to a folder to keep each export there
//! as `export-N.csv`.

#![allow(unreachable_pub, clippy::unwrap_used, clippy::pedantic)] // test code: a failing unwrap is a failing test

use std::fmt::Write as _;
use std::process::Command;
use std::time::Instant;

use learnlead::io::assets;

#[path = "common.rs"]
mod common;
use common::children_usage;
use learnlead::model::rubric::Rubric;

fn main() {
    let sizes: Vec<usize> = std::env::var("LEARNLEAD_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000]);
    let rubric = Rubric::parse(assets::shipped_rubric("wenger-trayner").unwrap().text).unwrap();
    println!("import, default rubric: a CSV headed by statement text, one response per row");
    println!(
        "{:>7}  {:>8}  {:>9}  {:>9}  {:>13}  {:>13}  {:>12}",
        "rows", "MB", "seconds", "per row", "user per row", "system per row", "peak memory"
    );
    for n in sizes {
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("export.csv");
        // Written as it is made: the bench holding the export would count in the child's peak
        // memory (a child starts as a copy of its parent).
        let mut file = std::io::BufWriter::new(std::fs::File::create(&csv).unwrap());
        export(&rubric, n, &mut file);
        std::io::Write::flush(&mut file).unwrap();
        drop(file);
        if let Some(keep) = std::env::var_os("LEARNLEAD_BENCH_KEEP") {
            // The export itself, to profile an import by hand.
            std::fs::copy(
                &csv,
                std::path::Path::new(&keep).join(format!("export-{n}.csv")),
            )
            .unwrap();
        }
        let size = std::fs::metadata(&csv).unwrap().len() as f64 / 1e6;
        let before = children_usage();
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
        // learnlead's own work (user) and the file system's (system: creating a file per row),
        // apart: the second depends on the disk and what was deleted on it lately.
        let (user, system, peak) = match (before, children_usage()) {
            (Some(b), Some(a)) => (
                format!("{:.0} µs", (a.user - b.user) / n as f64 * 1e6),
                format!("{:.0} µs", (a.system - b.system) / n as f64 * 1e6),
                format!("{:.0} MiB", a.peak_mib),
            ),
            _ => ("–".into(), "–".into(), "–".into()),
        };
        println!(
            "{n:>7}  {size:>8.1}  {seconds:>9.2}  {per_row:>6.0} µs  {user:>13}  {system:>13}  {peak:>12}"
        );
    }
}

/// A form export: Timestamp, Your name, then one column per statement (its text), each cell
/// "4 - Mostly true" style (in the statement's own answer words); every fifth person is called
/// Ana Silva.
fn export(rubric: &Rubric, rows: usize, out: &mut impl std::io::Write) {
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
        out.write_all(csv.as_bytes()).unwrap();
        csv.clear();
    }
}
