//! Helpers shared by the end-to-end tests.

use std::path::PathBuf;

use assert_cmd::Command;

/// The `learnlead` binary with no colour, as a facilitator with a rubric of their own runs it:
/// their rubrics folder (`LEARNLEAD_RUBRICS`) holds the test rubric `small`, so responses to
/// it are found by id, as responses to shipped rubrics are. Tests of a new user's view remove
/// the variable.
///
/// `LEARNLEAD_E2E_EXE` runs another build instead (the Windows one, cross-built), through
/// `LEARNLEAD_E2E_RUNNER` when set (`wine`): `.ci/run` runs the `core` tests that way.
pub fn learnlead() -> Command {
    let mut cmd = match (
        std::env::var_os("LEARNLEAD_E2E_EXE"),
        std::env::var_os("LEARNLEAD_E2E_RUNNER"),
    ) {
        // Relative to the project, so that tests may run it from another folder.
        (Some(exe), runner) => {
            let exe = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(exe);
            match runner {
                Some(runner) => {
                    let mut c = Command::new(runner);
                    c.arg(exe);
                    c
                }
                None => Command::new(exe),
            }
        }
        _ => Command::cargo_bin("learnlead").expect("the learnlead binary is built"),
    };
    cmd.env("LEARNLEAD_RUBRICS", fixture("catalog"))
        .env("NO_COLOR", "1")
        .env("COLUMNS", "120");
    cmd
}

/// Whether the tests run a build for another system (the Windows one, under Wine).
pub fn foreign_build() -> bool {
    std::env::var_os("LEARNLEAD_E2E_EXE").is_some()
}

/// The test rubric `small`, as a path to give `--rubric`.
pub fn small_rubric() -> String {
    fixture("catalog/small.yaml").display().to_string()
}

/// The text of a PDF (`pdftotext`), or `None` with a note where it is not installed; on CI its
/// absence is a failure.
pub fn pdf_text(pdf: &std::path::Path) -> Option<String> {
    let Ok(out) = std::process::Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
    else {
        assert!(
            std::env::var("CI").is_err(),
            "CI must have pdftotext: .ci/run installs poppler-utils"
        );
        eprintln!("skipped the PDF text check: no pdftotext (apt-get install poppler-utils)");
        return None;
    };
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

pub fn fixture(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

/// What a finished command printed, as text.
pub struct Outcome {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run(cmd: &mut Command) -> Outcome {
    let out = cmd.output().expect("learnlead runs");
    Outcome {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A response file made from an answers fixture through `learnlead assess --answers`, so it
/// always matches the rubric as it is now, with fixed times so that reports are stable.
pub fn response_from(dir: &std::path::Path, answers: &str, rubric: &str, name: &str) -> PathBuf {
    response_on(dir, answers, rubric, name, "2026-03-02")
}

/// As [`response_from`], answered on `date` (YYYY-MM-DD).
pub fn response_on(
    dir: &std::path::Path,
    answers: &str,
    rubric: &str,
    name: &str,
    date: &str,
) -> PathBuf {
    let out = dir.join(name);
    let made = run(learnlead()
        .args(["assess", "--rubric", rubric, "--partial", "--answers"])
        .arg(fixture(&format!("answers/{answers}")))
        .arg("--out")
        .arg(&out));
    assert_eq!(made.code, 0, "{}", made.stderr);
    let text = std::fs::read_to_string(&out).unwrap();
    let fixed: Vec<String> = text
        .lines()
        .map(|l| {
            if l.starts_with("started:") {
                format!("started: {date}T09:00:00Z")
            } else if l.starts_with("completed:") {
                format!("completed: {date}T09:12:00Z")
            } else {
                l.to_string()
            }
        })
        .collect();
    std::fs::write(&out, fixed.join("\n") + "\n").unwrap();
    out
}

/// A fresh folder holding the answers fixture `answers.yaml` and a valid response to the test
/// rubric made from it, `valid.yaml`, for the commands that need one.
pub fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixture("answers/small-full.yaml"),
        dir.path().join("answers.yaml"),
    )
    .unwrap();
    let made = run(learnlead()
        .current_dir(dir.path())
        .args(["assess", "--answers", "answers.yaml", "--rubric", "small"])
        .args(["--out", "valid.yaml"]));
    assert_eq!(made.code, 0, "{}", made.stderr);
    dir
}

/// The first of `programs` found on PATH.
pub fn on_path(programs: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    programs
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |d| d.join(name)))
        .find(|p| p.is_file())
}

/// A browser to test HTML in: Chromium or Chrome on PATH.
pub fn browser() -> Option<PathBuf> {
    on_path(&[
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ])
}

/// Loads `html` in headless Chromium with a probe script appended (the page itself has none),
/// and returns what the probe measured: the first chart's size, bars, scripts, notes, title and
/// heading. Fails on any console message.
pub fn probe_in_browser(chromium: &std::path::Path, html: &str) -> serde_json::Value {
    probe_with(
        chromium,
        html,
        r"var svg = document.querySelector('figure.chart svg');
var r = svg ? svg.getBoundingClientRect() : {width: 0, height: 0};
out.radar = [r.width, r.height];
out.bars = document.querySelectorAll('td svg[role=img]').length;
out.scripts = document.querySelectorAll('script').length;
out.notes = Array.prototype.map.call(document.querySelectorAll('.note-box'), function (n) { return n.textContent; });
out.title = document.title;
out.h1 = document.querySelector('h1').textContent;",
    )
}

/// What `js` puts in `out` when run at the end of the page `html` in headless Chromium; no
/// console message may be logged.
pub fn probe_with(chromium: &std::path::Path, html: &str, js: &str) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    let probe = format!(
        r#"<script>
var out = {{}};
{js}
var pre = document.createElement('pre'); pre.id = 'probe'; pre.textContent = JSON.stringify(out); document.body.appendChild(pre);
</script></body>"#
    );
    let page = dir.path().join("page.html");
    std::fs::write(&page, html.replace("</body>", &probe)).unwrap();
    let out = std::process::Command::new(chromium)
        .args(learnlead::present::devtools::HEADLESS_FLAGS)
        .args(["--enable-logging=stderr", "--v=0", "--dump-dom"])
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("profile").display()
        ))
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&out.stdout);
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{log}");
    let console: Vec<&str> = log.lines().filter(|l| l.contains("CONSOLE")).collect();
    assert!(console.is_empty(), "console messages: {console:?}");
    let start = dom.find("<pre id=\"probe\">").expect("the probe ran") + "<pre id=\"probe\">".len();
    let end = start + dom[start..].find("</pre>").unwrap();
    let json = dom[start..end]
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    serde_json::from_str(&json).unwrap()
}

/// Chromium, or `None` with a note that the test was skipped; on CI its absence is a failure.
/// (Where the build found no browser, the browser tests are ignored instead: build.rs.)
pub fn browser_or_skip() -> Option<PathBuf> {
    let found = browser();
    if found.is_none() {
        assert!(
            std::env::var("CI").is_err(),
            "CI must have Chromium: .ci/run installs it"
        );
        eprintln!("skipped: no chromium on PATH (apt-get install chromium)");
    }
    found
}

/// On CI the browser tests must run: a missing browser is a failure, not a skip.
#[test]
fn ci_has_a_browser() {
    if std::env::var("CI").is_ok() {
        assert!(
            browser().is_some(),
            "CI must have Chromium: .ci/run installs it"
        );
    }
}

/// Turns the workshop's answer files into responses in `dir`, and returns them.
pub fn workshop(dir: &std::path::Path) -> Vec<PathBuf> {
    let answers = fixture("workshop");
    let mut made = Vec::new();
    for entry in std::fs::read_dir(&answers).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let out = dir.join(path.file_name().unwrap());
        let r = run(learnlead()
            .args(["assess", "--rubric", "wenger-trayner", "--answers"])
            .arg(&path)
            .arg("--out")
            .arg(&out));
        assert_eq!(r.code, 0, "{}", r.stderr);
        made.push(out);
    }
    made.sort();
    made
}

/// A Word document's text, without LibreOffice: its XML parts with the tags taken out, each
/// paragraph on a line.
pub fn word_text(docx: &std::path::Path) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(docx).unwrap()).unwrap();
    let mut xml = String::new();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        if part.name().starts_with("word/") && part.name().ends_with(".xml") {
            std::io::Read::read_to_string(&mut part, &mut xml).unwrap();
        }
    }
    let mut text = String::new();
    let mut in_tag = false;
    for (i, ch) in xml.char_indices() {
        match ch {
            '<' => {
                in_tag = true;
                if xml[i..].starts_with("</w:p>") {
                    text.push('\n');
                }
            }
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}
