//! PDF by printing the HTML report with a locally installed Chromium or Chrome in headless
//! mode. The reports' print styles keep charts, table rows and statement blocks whole.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::error::{Error, Result};
use crate::io::cleanup::Guard;
use crate::present::devtools::Browser;

/// Paper sizes for print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

/// The browser named, or the first Chrome, Chromium or Edge on PATH or in its usual install
/// place ([`crate::platform::browsers`]).
pub fn find_browser(named: Option<&Path>) -> Result<PathBuf> {
    if let Some(p) = named {
        if p.is_file() {
            return Ok(p.to_path_buf());
        }
        return Err(Error::NoBrowserFile {
            path: p.to_path_buf(),
        });
    }
    crate::platform::browsers::find().ok_or_else(|| Error::Browser {
        message: format!(
            "PDF needs Chrome, Chromium or Edge, and none was found on PATH or where it is usually installed. {}, or name it with --browser PATH. Or write HTML and print it from a browser.",
            crate::platform::browsers::install_hint()
        ),
        cause: None,
    })
}

/// How long one print may take before the browser is stopped: a page prints in a second or
/// two; a browser that hangs (a broken profile, a dialog) must not hang learnlead.
pub const PRINT_TIMEOUT: Duration = Duration::from_secs(120);

/// Prints `html` to PDF bytes on `paper` with `browser`, in a private temporary folder
/// (readable by this user only) that is removed on every exit, Ctrl-C included.
pub fn print(html: &str, paper: Paper, browser: &Path) -> Result<Vec<u8>> {
    let mut printed = print_all_within(&[html.to_string()], paper, browser, PRINT_TIMEOUT, &|| {})?;
    Ok(printed.pop().unwrap_or_default())
}

/// Prints several pages, each to its own PDF, in order, through one browser session: the
/// browser starts once, and each page is opened in the same tab and printed (a fraction of a
/// second each). The first failure is the error. `done` is called after each page (for a
/// progress bar).
pub fn print_all(
    pages: &[String],
    paper: Paper,
    browser: &Path,
    done: &(dyn Fn() + Sync),
) -> Result<Vec<Vec<u8>>> {
    print_all_within(pages, paper, browser, PRINT_TIMEOUT, done)
}

fn print_all_within(
    pages: &[String],
    paper: Paper,
    browser: &Path,
    timeout: Duration,
    done: &(dyn Fn() + Sync),
) -> Result<Vec<Vec<u8>>> {
    let dir = private_temp_dir()?;
    // A few sessions side by side (one per core, at most four) when there are many pages:
    // most of a print is the browser laying the page out.
    let sessions = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .clamp(1, 4)
        .min(pages.len().div_ceil(4).max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut printed: Vec<(usize, Vec<u8>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..sessions)
            .map(|k| {
                let (next, dir) = (&next, dir.path());
                scope.spawn(move || -> Result<Vec<(usize, Vec<u8>)>> {
                    let profile = dir.join(format!("profile-{k}"));
                    let mut session = Browser::start_offline(browser, &profile, timeout)?;
                    let tab = session.tab(800, "print")?;
                    session.lock(&tab)?;
                    let mut mine = Vec::new();
                    loop {
                        let n = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(html) = pages.get(n) else {
                            return Ok(mine);
                        };
                        mine.push((n, print_one(&mut session, &tab, html, paper)?));
                        done();
                    }
                })
            })
            .collect();
        let mut all = Vec::new();
        for w in workers {
            match w.join() {
                Ok(Ok(mine)) => all.extend(mine),
                Ok(Err(e)) => return Err(e),
                Err(_) => return Err(Error::Internal("a printing thread failed".into())),
            }
        }
        Ok(all)
    })?;
    printed.sort_by_key(|(n, _)| *n);
    Ok(printed.into_iter().map(|(_, pdf)| pdf).collect())
}

/// Prints page `n` in the locked `tab`: given to the browser as text, so it can reach no file,
/// and every request it makes refused.
fn print_one(
    session: &mut Browser,
    tab: &crate::present::devtools::Tab,
    html: &str,
    paper: Paper,
) -> Result<Vec<u8>> {
    // The paper size is the page's own choice in CSS; tell it which.
    let html = html.replacen(
        "</head>",
        &format!("<style>@page {{ size: {}; }}</style></head>", paper.css()),
        1,
    );
    let pdf = session.print_html(tab, &with_print_policy(&html))?;
    if !pdf.starts_with(b"%PDF-") {
        return Err(Error::Browser {
            message: "the browser printed something that is not a PDF".into(),
            cause: None,
        });
    }
    Ok(pdf)
}

/// What a printed page may load: nothing but itself (its pictures and fonts are inside it, as
/// `data:` addresses). A frame of another site runs in a process of its own, where the tab's
/// refusal of requests does not reach, so this policy is the first thing in the document,
/// before anything a template wrote.
const PRINT_POLICY: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline'\">";

/// `html` with [`PRINT_POLICY`] at its very start (after the doctype, so the page keeps its
/// standards mode).
fn with_print_policy(html: &str) -> String {
    let start = html.trim_start();
    let doctype_end = start
        .get(..15)
        .filter(|d| d.eq_ignore_ascii_case("<!doctype html>"))
        .map_or(0, str::len);
    format!(
        "{}{PRINT_POLICY}{}",
        &start[..doctype_end],
        &start[doctype_end..]
    )
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
    fn the_print_policy_comes_first_after_the_doctype() {
        assert_eq!(
            with_print_policy("<!DOCTYPE html>\n<html><head>"),
            format!("<!DOCTYPE html>{PRINT_POLICY}\n<html><head>")
        );
        assert!(with_print_policy("<p>x").starts_with(PRINT_POLICY));
    }

    #[test]
    fn a_missing_named_browser_is_a_usage_error() {
        let err = find_browser(Some(Path::new("/no/such/chrome"))).unwrap_err();
        assert!(
            matches!(&err, Error::NoBrowserFile { path } if path == Path::new("/no/such/chrome"))
        );
        assert_eq!(err.exit_code(), 2);
        assert!(err.to_string().contains("--browser /no/such/chrome"));
    }

    #[cfg(unix)] // the stand-in browser is a shell script
    #[test]
    fn a_hung_or_chattering_browser_is_stopped_and_its_private_folder_removed() {
        use std::os::unix::fs::PermissionsExt;
        // One test, so no other printing folder of this process exists meanwhile.
        let g = private_temp_dir().unwrap();
        let mode = std::fs::metadata(g.path()).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700);
        drop(g);
        let dir = tempfile::tempdir().unwrap();
        // A stand-in browser that never answers: it sleeps, or says something every 20 ms on
        // its DevTools pipe (the deadline is for the whole step, not renewed by each message).
        for (name, script, wait) in [
            ("hung-browser", "sleep 30", 300),
            (
                "chattering-browser",
                "while true; do printf '{\"method\":\"Log.entryAdded\"}\\000' >&4 || exit; sleep 0.02; done",
                500,
            ),
        ] {
            let fake = dir.path().join(name);
            std::fs::write(&fake, format!("#!/bin/sh\n{script}\n")).unwrap();
            std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
            let before = std::time::Instant::now();
            let err = print_all_within(
                &["<html><head></head></html>".to_string()],
                Paper::A4,
                &fake,
                Duration::from_millis(wait),
                &|| {},
            )
            .unwrap_err()
            .to_string();
            assert!(err.contains("did not print the PDF within"), "{name}: {err}");
            assert!(before.elapsed() < Duration::from_secs(5), "{name}: {:?}", before.elapsed());
        }
        let left = std::fs::read_dir(std::env::temp_dir())
            .unwrap()
            .filter_map(std::result::Result::ok)
            .any(|e| {
                e.file_name()
                    .to_string_lossy()
                    .starts_with(&format!("learnlead-pdf-{}-", std::process::id()))
            });
        assert!(!left, "the printing folder is removed");
    }
}
