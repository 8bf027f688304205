//! Names the build for `learnlead --version` (its commit and target, so a bug report says which
//! build it was), and tells the tests whether a browser is here: without Chromium or Chrome on PATH, the browser
//! tests are compiled as ignored (`cfg(no_browser)`), so `cargo test` reports them as
//! ignored, never as passed. CI installs Chromium first (.ci/run); a test there fails if it
//! is missing. After installing a browser, `touch build.rs` to run them.

fn main() {
    version();
    println!("cargo::rustc-check-cfg=cfg(no_browser)");
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=PATH");
    let path = std::env::var_os("PATH").unwrap_or_default();
    let found = [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ]
    .iter()
    .flat_map(|name| std::env::split_paths(&path).map(move |d| d.join(name)))
    .any(|p| p.is_file());
    if !found {
        println!("cargo::rustc-cfg=no_browser");
    }
}

/// `LEARNLEAD_COMMIT` (a release build may set it) or the checkout's commit, and the target.
fn version() {
    println!("cargo::rerun-if-env-changed=LEARNLEAD_COMMIT");
    let target = std::env::var("TARGET").unwrap_or_else(|_| "unknown".into());
    println!("cargo::rustc-env=LEARNLEAD_TARGET={target}");
    for git_file in [".git/HEAD", ".git/refs/heads", ".git/packed-refs"] {
        // Only files that exist: a missing one would make cargo run this script every build.
        if std::path::Path::new(git_file).exists() {
            println!("cargo::rerun-if-changed={git_file}");
        }
    }
    let commit = std::env::var("LEARNLEAD_COMMIT").ok().or_else(|| {
        let out = std::process::Command::new("git")
            .args(["rev-parse", "--short=10", "HEAD"])
            .output()
            .ok()?;
        let text = String::from_utf8(out.stdout).ok()?;
        (out.status.success() && !text.trim().is_empty()).then(|| text.trim().to_string())
    });
    println!(
        "cargo::rustc-env=LEARNLEAD_COMMIT={}",
        commit.unwrap_or_else(|| "unknown".into())
    );
}
