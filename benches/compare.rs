//! `cargo bench --bench compare`: compare on 100, 1,000, 10,000 and 100,000 synthetic responses
//! to the default rubric, from files on disk to JSON, as `learnlead compare DIR --format json`
//! does. Prints the time and the peak memory of the process. Set `LEARNLEAD_BENCH_SIZES` (for
//! example `100,1000`) to run fewer sizes. Responses are generated once into
//! `target/bench-data/N/` and reused.

use std::path::{Path, PathBuf};
use std::time::Instant;

use learnlead::analysis::compare::{compare, Options};
use learnlead::commands::compare::{load, response_files};
use learnlead::io::assets;
use learnlead::io::catalog::Catalog;
use learnlead::model::response::{Answer, DimensionAnswer, Response};
use learnlead::model::rubric::Rubric;

/// A small, fast, deterministic generator (xorshift), so the data is the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn generate(rubric: &Rubric, dir: &Path, n: usize) {
    if dir.join(".complete").exists() {
        return;
    }
    std::fs::create_dir_all(dir).unwrap();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let roles = ["leader", "member", "member", "member", "sponsor"];
    for i in 0..n {
        let mut r = Response::new(rubric);
        r.name = Some(format!("Person {i}"));
        r.role = Some(roles[i % roles.len()].to_string());
        r.completed = Some(r.started.clone());
        // Each person leans high or low, so there is real variation to agree on.
        let lean = rng.below(3) as i64 - 1;
        for item in rubric.items() {
            let answer = if rng.below(25) == 0 {
                Answer::NotApplicable { reason: None }
            } else {
                Answer::Score((2 + lean + rng.below(3) as i64).clamp(1, 5))
            };
            r.answers.insert(item.item.id.clone(), answer);
        }
        for (_, d) in rubric.dimensions() {
            r.dimensions.insert(
                d.id.clone(),
                DimensionAnswer {
                    desired: Some(3 + rng.below(3) as i64),
                    note: None,
                },
            );
        }
        learnlead::io::response_file::save(&r, &dir.join(format!("p{i:06}.yaml"))).unwrap();
    }
    std::fs::write(dir.join(".complete"), "").unwrap();
}

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
