//! Tells the tests whether a browser is here: without Chromium or Chrome on PATH, the browser
//! tests are compiled as ignored (`cfg(no_browser)`), so `cargo test` reports them as
//! ignored, never as passed. CI installs Chromium first (.ci/run); a test there fails if it
//! is missing. After installing a browser, `touch build.rs` to run them.

fn main() {
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
