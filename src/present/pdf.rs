//! PDF by printing the HTML report with a locally installed Chromium or Chrome in headless
//! mode. The reports' print styles keep charts, table rows and statement blocks whole.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};
use crate::io::cleanup::Guard;

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
            Error::Browser {
                message: "PDF needs Chromium or Chrome, and none was found on PATH. Install one (Debian and Ubuntu: `apt-get install chromium`; macOS: Google Chrome) or name it with --browser PATH. Or write HTML and print it from a browser."
                    .into(),
                cause: None,
            }
        })
}

/// How long one print may take before the browser is stopped: a page prints in a second or
/// two; a browser that hangs (a broken profile, a dialog) must not hang learnlead.
pub const PRINT_TIMEOUT: Duration = Duration::from_secs(120);

/// Prints `html` to PDF bytes on `paper` with `browser`, in a private temporary folder
/// (readable by this user only) that is removed on every exit, Ctrl-C included.
pub fn print(html: &str, paper: Paper, browser: &Path) -> Result<Vec<u8>> {
    print_within(html, paper, browser, PRINT_TIMEOUT)
}

fn print_within(html: &str, paper: Paper, browser: &Path, timeout: Duration) -> Result<Vec<u8>> {
    let dir = private_temp_dir()?;
    let page = dir.path().join("page.html");
    let pdf = dir.path().join("page.pdf");
    let log = dir.path().join("browser.log");
    // The paper size is the page's own choice in CSS; tell it which.
    let html = html.replacen(
        "</head>",
        &format!("<style>@page {{ size: {}; }}</style></head>", paper.css()),
        1,
    );
    std::fs::write(&page, html).map_err(|e| Error::write(&page, e))?;
    let log_file = std::fs::File::create(&log).map_err(|e| Error::write(&log, e))?;
    let mut child = Command::new(browser)
        .args(HEADLESS_FLAGS)
        .arg("--no-pdf-header-footer")
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("profile").display()
        ))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log_file)
        .spawn()
        .map_err(|e| Error::Browser {
            message: format!(
                "cannot run {}: {}",
                browser.display(),
                crate::error::io_words(&e)
            ),
            cause: Some(e),
        })?;
    let status = wait_within(&mut child, timeout).map_err(|e| Error::Browser {
        message: format!("waiting for {} failed", browser.display()),
        cause: Some(e),
    })?;
    let Some(status) = status else {
        return Err(Error::Browser {
            message: format!(
                "{} did not print the PDF within {} s and was stopped; try again, or print the HTML from a browser",
                browser.display(),
                timeout.as_secs()
            ),
            cause: None,
        });
    };
    if !status.success() || !pdf.is_file() {
        let log = std::fs::read_to_string(&log).unwrap_or_default();
        let last: Vec<&str> = log.lines().rev().take(3).collect();
        return Err(Error::Browser {
            message: format!(
                "{} could not print the PDF: {}",
                browser.display(),
                crate::safe_text::quote(&last.into_iter().rev().collect::<Vec<_>>().join(" / "))
            ),
            cause: None,
        });
    }
    std::fs::read(&pdf).map_err(|e| Error::read(&pdf, e))
}

/// Waits for `child` at most `timeout`; a child still running then is killed (`None`).
fn wait_within(
    child: &mut std::process::Child,
    timeout: Duration,
) -> std::io::Result<Option<std::process::ExitStatus>> {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        if start.elapsed() >= timeout {
            let _ = child.kill();
            let _ = child.wait();
            return Ok(None);
        }
        std::thread::sleep(Duration::from_millis(25));
    }
}

/// Prints several pages, each to its own PDF, in order. A few browsers run side by side (one
/// per core, at most four): each print is a whole browser start, and most of it is waiting.
/// The first failure is the error. `done` is called after each page, from the printing
/// threads (for a progress bar).
pub fn print_all(
    pages: &[String],
    paper: Paper,
    browser: &Path,
    done: &(dyn Fn() + Sync),
) -> Result<Vec<Vec<u8>>> {
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
                        done();
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
                    vec![(0, Err(Error::Internal("a printing thread failed".into())))]
                })
            })
            .collect()
    });
    printed.sort_by_key(|(i, _)| *i);
    printed.into_iter().map(|(_, pdf)| pdf).collect()
}

/// A fresh private folder (mode 0700) for the browser's page, profile and PDF, removed when
/// the guard is dropped or the process is stopped.
fn private_temp_dir() -> Result<Guard> {
    crate::io::staging::private_dir(&std::env::temp_dir(), |n| {
        format!("learnlead-pdf-{}-{n}", std::process::id())
    })
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

    #[cfg(unix)]
    #[test]
    fn a_hung_browser_is_stopped_and_its_private_folder_removed() {
        use std::os::unix::fs::PermissionsExt;
        // One test, so no other printing folder of this process exists meanwhile.
        let g = private_temp_dir().unwrap();
        let mode = std::fs::metadata(g.path()).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700);
        drop(g);
        let dir = tempfile::tempdir().unwrap();
        let fake = dir.path().join("hung-browser");
        std::fs::write(&fake, "#!/bin/sh\nsleep 30\n").unwrap();
        std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
        let before = Instant::now();
        let err = print_within(
            "<html><head></head></html>",
            Paper::A4,
            &fake,
            Duration::from_millis(300),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("did not print the PDF within"), "{err}");
        assert!(before.elapsed() < Duration::from_secs(10));
        let left = std::fs::read_dir(std::env::temp_dir())
            .unwrap()
            .filter_map(|e| e.ok())
            .any(|e| {
                e.file_name()
                    .to_string_lossy()
                    .starts_with(&format!("learnlead-pdf-{}-", std::process::id()))
            });
        assert!(!left, "the printing folder is removed");
    }
}
