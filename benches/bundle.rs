//! `cargo bench --bench bundle`: `learnlead bundle` (the real binary) on 16 and 100 synthetic
//! responses to the default rubric, without and with `--pdf` (one browser session prints every
//! page). The PDF runs need Chromium or Chrome on PATH and are skipped without one. Set
//! `LEARNLEAD_BENCH_SIZES` (for example `16`) to run fewer sizes.

#![allow(unreachable_pub, clippy::unwrap_used, clippy::pedantic)] // test code: a failing unwrap is a failing test

use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

use learnlead::io::assets;
use learnlead::model::rubric::Rubric;

#[path = "common.rs"]
mod common;

fn main() {
    let sizes: Vec<usize> = std::env::var("LEARNLEAD_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![16, 100]);
    let rubric = Rubric::parse(assets::shipped_rubric("wenger-trayner").unwrap().text).unwrap();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    let browser = learnlead::present::pdf::find_browser(None).ok();
    println!("bundle, default rubric: a report per person and the index");
    println!(
        "{:>9}  {:>12}  {:>12}",
        "responses", "HTML (s)", "with PDF (s)"
    );
    for n in sizes {
        let dir = root.join(n.to_string());
        common::generate(&rubric, &dir, n);
        let run = |pdf: bool| {
            let out = tempfile::tempdir().unwrap();
            let mut cmd = Command::new(env!("CARGO_BIN_EXE_learnlead"));
            cmd.arg("bundle")
                .arg(&dir)
                .arg("--out-dir")
                .arg(out.path().join("b"));
            if pdf {
                cmd.arg("--pdf");
            }
            let start = Instant::now();
            let status = cmd.output().unwrap().status;
            assert!(status.success(), "bundle failed");
            start.elapsed().as_secs_f64()
        };
        let html = run(false);
        let pdf = browser.as_ref().map(|_| run(true));
        println!(
            "{:>9}  {:>12.2}  {:>12}",
            n,
            html,
            pdf.map_or("no browser".to_string(), |s| format!("{s:.2}"))
        );
    }
}
