//! PDF by printing the HTML report with a locally installed Chromium or Chrome in headless
//! mode. The reports' print styles keep charts, table rows and statement blocks whole.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::error::{Error, Result};

/// Paper sizes for print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Paper {
    A4,
    Letter,
}

impl Paper {
    fn css(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::Letter => "letter",
        }
    }
}

/// How the browser is started: headless, with nothing that reaches the network on its own (on a
/// closed network those connections fail, many at a time). A fresh `--user-data-dir` goes
/// with them.
pub const HEADLESS_FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

/// Browsers looked for on PATH, in order.
const BROWSERS: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
];

/// The browser named, or the first Chromium or Chrome on PATH.
pub fn find_browser(named: Option<&Path>) -> Result<PathBuf> {
    if let Some(p) = named {
        if p.is_file() {
            return Ok(p.to_path_buf());
        }
        return Err(Error::usage(format!(
            "--browser {} is not a file; name a Chromium or Chrome executable",
            p.display()
        )));
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    BROWSERS
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |d| d.join(name)))
        .find(|p| p.is_file())
        .ok_or_else(|| {
            Error::Other(
                "PDF needs Chromium or Chrome, and none was found on PATH. Install one (Debian and Ubuntu: `apt-get install chromium`; macOS: Google Chrome) or name it with --browser PATH. Or write HTML and print it from a browser."
                    .into(),
            )
        })
}

/// Prints `html` to PDF bytes on `paper` with `browser`.
pub fn print(html: &str, paper: Paper, browser: &Path) -> Result<Vec<u8>> {
    let dir = tempfile_dir()?;
    let page = dir.join("page.html");
    let pdf = dir.join("page.pdf");
    // The paper size is the page's own choice in CSS; tell it which.
    let html = html.replacen(
        "</head>",
        &format!("<style>@page {{ size: {}; }}</style></head>", paper.css()),
        1,
    );
    std::fs::write(&page, html).map_err(|e| Error::write(&page, e))?;
    let out = Command::new(browser)
        .args(HEADLESS_FLAGS)
        .arg("--no-pdf-header-footer")
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .map_err(|e| Error::Other(format!("cannot run {}: {e}", browser.display())));
    let result = out.and_then(|out| {
        if !out.status.success() || !pdf.is_file() {
            let log = String::from_utf8_lossy(&out.stderr);
            let last: Vec<&str> = log.lines().rev().take(3).collect();
            return Err(Error::Other(format!(
                "{} could not print the PDF: {}",
                browser.display(),
                last.into_iter().rev().collect::<Vec<_>>().join(" / ")
            )));
        }
        std::fs::read(&pdf).map_err(|e| Error::read(&pdf, e))
    });
    let _ = std::fs::remove_dir_all(&dir);
    result
}

/// Prints several pages, each to its own PDF, in order. A few browsers run side by side (one
/// per core, at most four): each print is a whole browser start, and most of it is waiting.
/// The first failure is the error.
pub fn print_all(pages: &[String], paper: Paper, browser: &Path) -> Result<Vec<Vec<u8>>> {
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 4)
        .min(pages.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut printed: Vec<(usize, Result<Vec<u8>>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(page) = pages.get(i) else {
                            return mine;
                        };
                        let result = print(page, paper, browser);
                        let failed = result.is_err();
                        mine.push((i, result));
                        if failed {
                            return mine;
                        }
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| {
                h.join().unwrap_or_else(|_| {
                    vec![(0, Err(Error::Other("a printing thread failed".into())))]
                })
            })
            .collect()
    });
    printed.sort_by_key(|(i, _)| *i);
    printed.into_iter().map(|(_, pdf)| pdf).collect()
}

/// A fresh private folder for the browser's page, profile and PDF.
fn tempfile_dir() -> Result<PathBuf> {
    let base = std::env::temp_dir();
    for n in 0..100u32 {
        let p = base.join(format!("learnlead-pdf-{}-{n}", std::process::id()));
        if std::fs::create_dir(&p).is_ok() {
            return Ok(p);
        }
    }
    Err(Error::Other(
        "cannot create a temporary folder for printing".into(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_named_browser_is_a_usage_error() {
        let err = find_browser(Some(Path::new("/no/such/chrome"))).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert!(err.to_string().contains("--browser /no/such/chrome"));
    }
}
