//! Every HTML page learnlead writes (the form included), in a real browser (headless Chromium, driven over the
//! DevTools protocol): on a desktop (1280 px), on a phone (390 px) and as printed. On each, the
//! page is no wider than its viewport, no element clips its content, and chart text is at least
//! 12 px on screen. On desktop and phone, axe-core (pinned in tests/browser/package.json) finds
//! no serious or critical violation.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::cdp::{Browser, Tab};
use crate::support::{browser_or_skip, learnlead, run, workshop};

/// The printable width of an A4 page with learnlead's margins (210 mm - 28 mm), in CSS pixels.
const PRINT_WIDTH: u32 = 688;

/// Measures the loaded page: its width against the viewport, the elements whose content
/// overflows them (scroll regions a keyboard can reach excepted, on screen only), and SVG text
/// rendered smaller than 12 px.
const MEASURE: &str = r#"(() => {
  const print = matchMedia('print').matches;
  const doc = document.documentElement;
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.className && el.className.baseVal === undefined && el.className ? '.' + el.className.split(' ').join('.') : '') +
    ' "' + (el.textContent || '').trim().slice(0, 40) + '"';
  // Visually hidden on purpose (screen-reader text): clipped to nothing.
  const hidden = el => {
    for (let e = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.position === 'absolute' && s.clip !== 'auto') return true;
    }
    return false;
  };
  const clipped = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('svg') || !el.getClientRects().length || hidden(el)) continue;
    const cs = getComputedStyle(el);
    const scrolls = cs.overflowX === 'auto' || cs.overflowX === 'scroll';
    if (scrolls && !print && el.tabIndex >= 0 && el.getAttribute('role') === 'region') continue;
    if (cs.overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1) clipped.push(name(el));
    const r = el.getBoundingClientRect();
    if (r.right > doc.clientWidth + 1) clipped.push('beyond the page: ' + name(el));
  }
  const small = [];
  for (const t of document.querySelectorAll('svg text')) {
    if (!t.getClientRects().length) continue;
    const m = t.getScreenCTM();
    const px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
    if (px < 11.5) small.push(t.textContent + ' at ' + px.toFixed(1) + 'px');
  }
  return { width: doc.scrollWidth, viewport: doc.clientWidth, clipped: clipped.slice(0, 8), small: small.slice(0, 8) };
})()"#;

/// Runs axe-core and keeps the serious and critical violations.
pub const AXE: &str = r#"axe.run(document, { resultTypes: ['violations'] }).then(r => r.violations
  .filter(v => v.impact === 'serious' || v.impact === 'critical')
  .map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')))"#;

/// axe-core's script, installed by `npm ci` in tests/browser (.ci/run does it); on CI its
/// absence is a failure.
pub fn axe_script() -> Option<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/browser/node_modules/axe-core/axe.min.js");
    let found = std::fs::read_to_string(path).ok();
    if found.is_none() {
        assert!(
            std::env::var("CI").is_err(),
            "CI must have axe-core: .ci/run installs it (npm ci in tests/browser)"
        );
        eprintln!("axe-core skipped: run `npm ci` in tests/browser");
    }
    found
}

/// A copy of `response` dated `date`, as an earlier round, in `dir` (not among the responses
/// the group pages are made from).
fn earlier(dir: &Path, response: &Path, date: &str) -> PathBuf {
    let text = std::fs::read_to_string(response).unwrap();
    let dated: String = text
        .lines()
        .map(|l| match l.split_once(':') {
            Some(("started", _)) => format!("started: {date}T09:00:00Z\n"),
            Some(("completed", _)) => format!("completed: {date}T09:12:00Z\n"),
            _ => format!("{l}\n"),
        })
        .collect();
    let out = dir.join(format!("round-{date}.yaml"));
    std::fs::write(&out, dated).unwrap();
    out
}

/// Writes every kind of HTML page into `dir` and returns them by name.
fn every_page(dir: &Path) -> Vec<(&'static str, PathBuf)> {
    let responses = dir.join("responses");
    std::fs::create_dir(&responses).unwrap();
    let people = workshop(&responses);
    let page = |name: &'static str, args: &[&str], inputs: &[&Path]| {
        let out = dir.join(format!("{name}.html"));
        let r = run(learnlead()
            .args(args)
            .args(inputs)
            .args(["--format", "html", "--out"])
            .arg(&out));
        assert_eq!(r.code, 0, "{name}: {}", r.stderr);
        (name, out)
    };
    let files: Vec<&Path> = people.iter().map(PathBuf::as_path).collect();
    let first = earlier(dir, &people[7], "2025-03-10").display().to_string();
    let second = earlier(dir, &people[5], "2025-09-15").display().to_string();
    let mut pages = vec![
        page("report", &["report"], &[&people[7]]),
        page(
            "report-baseline",
            &["report", "--baseline"],
            &[&people[6], &people[7]],
        ),
        page(
            "report-rounds",
            &["report", "--baseline", &first, "--baseline", &second],
            &[&people[7]],
        ),
        page("compare", &["compare"], &files),
        page("compare-by-role", &["compare", "--by", "role"], &files),
        page(
            "compare-anonymized",
            &["compare", "--anonymize", "--by", "role", "--min-group", "4"],
            &files,
        ),
        page(
            "compare-present",
            &["compare", "--by", "role", "--present"],
            &files,
        ),
        page("worksheet", &["worksheet"], &[]),
        page("analyze", &["rubrics", "analyze"], &[&responses]),
    ];
    // A workshop session: scope, three dimensions, where the group landed, three actions.
    let session = dir.join("session");
    std::fs::create_dir(&session).unwrap();
    for p in &people {
        std::fs::copy(p, session.join(p.file_name().unwrap())).unwrap();
    }
    let r = run(learnlead().arg("session").arg(&session).args([
        "--scope",
        "the Makers CoP core team, over the past six months",
        "--only",
        "relevance,voices,power",
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let agreed = dir.join("agreed.yaml");
    std::fs::write(
        &agreed,
        "agreed:\n  voices: {point: 3.5, reasoning: Heard in meetings; newcomers much less, dissent: {count: 2, who: Sam, why: newcomers stay quiet for months}}\n  power: {point: 2}\nactions:\n- {text: Pair each newcomer with a member for their first month, dimension: voices, owner: Ana Lima, due: 2027-01-31, effort: low, impact: high}\n- {text: Rotate who chairs the monthly call, dimension: power, effort: high, impact: high}\n- {text: Ask the sponsor what they need to hear from us, effort: low, impact: low}\n",
    )
    .unwrap();
    let r = run(learnlead()
        .arg("session")
        .arg(&session)
        .arg("--from")
        .arg(&agreed));
    assert_eq!(r.code, 0, "{}", r.stderr);
    pages.push(page("compare-session", &["compare"], &[&session]));
    let form = dir.join("form.html");
    let r = run(learnlead().args(["form", "--out"]).arg(&form));
    assert_eq!(r.code, 0, "{}", r.stderr);
    pages.push(("form", form));
    // A branded bundle whose accent reads on white (4.53) but not on the tinted box of the
    // next step (4.17): its headings there must be darkened too.
    std::fs::write(
        dir.join("learnlead.yaml"),
        "title: Makers CoP review\naccent_color: \"#2b7bb9\"\n",
    )
    .unwrap();
    let r = run(learnlead().current_dir(dir).args([
        "bundle",
        "responses",
        "--out-dir",
        "bundle",
        "--config",
        "learnlead.yaml",
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    pages.push(("bundle-index", dir.join("bundle/index.html")));
    let report = std::fs::read_dir(dir.join("bundle/reports"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "html"))
        .unwrap();
    pages.push(("bundle-report", report));
    pages
}

fn check(browser: &mut Browser, tab: &Tab, page: &Path, view: &str) -> Vec<String> {
    browser.open(tab, page);
    let m: Value = browser.eval(tab, MEASURE);
    let mut found = Vec::new();
    if m["width"].as_f64() > m["viewport"].as_f64() {
        found.push(format!(
            "{view}: {} px wide in {} px",
            m["width"], m["viewport"]
        ));
    }
    for (what, list) in [
        ("clipped", &m["clipped"]),
        ("text under 12 px", &m["small"]),
    ] {
        if list.as_array().is_some_and(|l| !l.is_empty()) {
            found.push(format!("{view}: {what}: {list}"));
        }
    }
    found
}

#[test]
#[cfg_attr(no_browser, ignore = "needs Chromium or Chrome on PATH")]
fn every_page_fits_every_screen_and_page_and_passes_axe() {
    let Some(chromium) = browser_or_skip() else {
        return;
    };
    let axe = axe_script();
    let dir = tempfile::tempdir().unwrap();
    let pages = every_page(dir.path());
    let mut browser = Browser::start(&chromium);
    let views = [
        ("1280 px", browser.tab(1280, "screen"), true),
        ("390 px", browser.tab(390, "screen"), true),
        ("print", browser.tab(PRINT_WIDTH, "print"), false),
    ];
    let mut problems = Vec::new();
    for (name, page) in &pages {
        for (view, tab, run_axe) in &views {
            let label = format!("{name} at {view}");
            problems.extend(check(&mut browser, tab, page, &label));
            if let (Some(axe), true) = (&axe, run_axe) {
                browser.eval(tab, axe);
                let violations = browser.eval(tab, AXE);
                if violations.as_array().is_some_and(|v| !v.is_empty()) {
                    problems.push(format!("{label}: axe: {violations}"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(pages.len(), 13);
}
