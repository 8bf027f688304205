//! What the benchmarks share: deterministic synthetic responses to the default rubric.

#![allow(unreachable_pub, clippy::unwrap_used, clippy::pedantic, dead_code)] // bench code: a failing unwrap is a failing run

use std::path::Path;

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

pub fn generate(rubric: &Rubric, dir: &Path, n: usize) {
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

/// CPU time and peak memory of the finished child processes so far (Linux, macOS).
pub struct Usage {
    pub user: f64,
    pub system: f64,
    /// The largest peak of any child: with sizes in ascending order, the last import's.
    pub peak_mib: f64,
}

pub fn children_usage() -> Option<Usage> {
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
        let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
        ok.then(|| Usage {
            user: seconds(usage.ru_utime),
            system: seconds(usage.ru_stime),
            peak_mib: kib / 1024.0,
        })
    }
    #[cfg(not(unix))]
    {
        None
    }
}
