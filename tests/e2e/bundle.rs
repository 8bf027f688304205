//! `learnlead bundle` and `init-config`: a consultant's deliverable, end to end.

use std::path::{Path, PathBuf};

use crate::support::{browser_or_skip, fixture, learnlead, probe_in_browser, run};

/// A folder with learnlead.yaml, a logo and the small group's responses.
pub fn engagement(dir: &Path) -> PathBuf {
    let made = run(learnlead()
        .current_dir(dir)
        .arg("import")
        .arg(fixture("csv/small-group.csv"))
        .args([
            "--rubric",
            &fixture("catalog/small.yaml").display().to_string(),
            "--out-dir",
            "responses",
        ]));
    assert_eq!(made.code, 0, "{}", made.stderr);
    std::fs::write(
        dir.join("logo.svg"),
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="80" height="30"><rect width="80" height="30" fill="#7a3e9d"/></svg>"##,
    )
    .unwrap();
    std::fs::write(
        dir.join("learnlead.yaml"),
        r##"title: Leadership review
client: Example Foundation
consultant: {name: Rae Consultant, contact: rae@example.org}
date: November 2026
logo: logo.svg
accent_color: "#7a3e9d"
summary: |
  **Strong** on sharing. <script>alert("summary")</script>
  <img src="https://tracker.example/pixel.png"> [click](javascript:alert(1))
recommendations: |
  1. Talk about *caring* first.
confidentiality: Confidential to Example Foundation.
"##,
    )
    .unwrap();
    dir.join("responses")
}

fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(files_under(&p));
        } else {
            out.push(p.display().to_string());
        }
    }
    out.sort();
    out
}

#[test]
fn a_bundle_holds_every_file_with_working_links_and_safe_branding() {
    let dir = tempfile::tempdir().unwrap();
    engagement(dir.path());
    let r =
        run(learnlead()
            .current_dir(dir.path())
            .args(["bundle", "responses", "--out-dir", "out"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = dir.path().join("out");
    let rel: Vec<String> = files_under(&out)
        .into_iter()
        .map(|f| {
            f.trim_start_matches(&format!("{}/", out.display()))
                .to_string()
        })
        .collect();
    assert_eq!(
        rel,
        [
            "data/group.json",
            "data/responses.csv",
            "data/rubric.yaml",
            "index.html",
            "reports/ana-okafor.html",
            "reports/bo-lindqvist.html",
            "reports/cy-moreau.html",
            "reports/dee-patel.html",
        ]
    );
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    // Every relative link resolves to a file in the folder; nothing external is loaded.
    let mut links = 0;
    for part in index.split("href=\"").skip(1) {
        // Attribute values are HTML-escaped (`/` as `&#x2f;`); a browser reads them decoded.
        let href = part[..part.find('"').unwrap()].replace("&#x2f;", "/");
        let href = href.as_str();
        if href.starts_with('#') || href.starts_with("https://") || href.starts_with("mailto:") {
            continue;
        }
        assert!(out.join(href).is_file(), "broken link {href}");
        links += 1;
    }
    assert_eq!(links, 4 + 3);
    assert!(!index.contains("<img src=\"http"), "no remote image");
    assert!(
        index.contains("&lt;img src="),
        "the consultant's <img> shows as text"
    );
    // Branding, and the consultant's Markdown rendered without HTML of its own.
    assert!(
        index
            .replace("&#x2f;", "/")
            .contains("<img src=\"data:image/svg+xml;base64,"),
        "logo embedded"
    );
    assert!(index.contains("--accent: #7a3e9d"));
    assert!(index.contains("Prepared for <strong>Example Foundation</strong>"));
    assert!(index.contains("<strong>Strong</strong> on sharing."));
    assert!(
        index.contains("&lt;script&gt;alert(\"summary\")&lt;/script&gt;"),
        "script shown as text"
    );
    assert!(!index.contains("<script"), "{index}");
    assert!(!index.contains("javascript:"));
    assert!(index.contains("Confidential to Example Foundation."));
    assert!(index.contains("<h2 id=\"method\">Method</h2>"));
    let report = std::fs::read_to_string(out.join("reports/ana-okafor.html")).unwrap();
    assert!(
        report.contains("Ana Okafor") && report.contains("Confidential to Example Foundation.")
    );
    let rubric = run(learnlead()
        .args(["rubrics", "validate"])
        .arg(out.join("data/rubric.yaml")));
    assert_eq!(
        rubric.code, 0,
        "the copied rubric validates: {}",
        rubric.stderr
    );
}

#[test]
fn a_bundle_refuses_a_folder_that_is_not_empty_and_writes_nothing_on_error() {
    let dir = tempfile::tempdir().unwrap();
    engagement(dir.path());
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("keep.txt"), "mine").unwrap();
    let r =
        run(learnlead()
            .current_dir(dir.path())
            .args(["bundle", "responses", "--out-dir", "out"]));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("is not empty; nothing was written"),
        "{}",
        r.stderr
    );
    assert_eq!(files_under(&out).len(), 1);

    // A response that does not fit: an error, and no folder at all.
    std::fs::write(dir.path().join("responses/zz-bad.yaml"), "format: 1\nrubric: {id: small, version: '1', hash: x}\nstarted: now\nanswers: {share-1: 9}\n").unwrap();
    let r = run(learnlead().current_dir(dir.path()).args([
        "bundle",
        "responses",
        "--out-dir",
        "fresh",
    ]));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("zz-bad.yaml"), "{}", r.stderr);
    assert!(!dir.path().join("fresh").exists());
}

#[test]
fn an_anonymized_bundle_has_no_individual_reports_and_no_names() {
    let dir = tempfile::tempdir().unwrap();
    engagement(dir.path());
    let r = run(learnlead().current_dir(dir.path()).args([
        "bundle",
        "responses",
        "--out-dir",
        "out",
        "--anonymize",
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = dir.path().join("out");
    assert!(!out.join("reports").read_dir().unwrap().any(|_| true));
    for f in files_under(&out) {
        let text = std::fs::read_to_string(&f).unwrap();
        for name in ["Okafor", "Lindqvist", "Moreau", "Patel", "Makers"] {
            assert!(!text.contains(name), "{name} in {f}");
        }
    }
}

#[test]
#[cfg_attr(no_browser, ignore = "needs Chromium or Chrome on PATH")]
fn a_bundle_opens_in_a_browser_and_prints_to_pdf() {
    let Some(chromium) = browser_or_skip() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    engagement(dir.path());
    let r = run(learnlead()
        .current_dir(dir.path())
        .args([
            "bundle",
            "responses",
            "--out-dir",
            "out",
            "--pdf",
            "--paper",
            "letter",
        ])
        .arg("--browser")
        .arg(&chromium));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = dir.path().join("out");
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    let probe = probe_in_browser(&chromium, &index);
    assert_eq!(
        probe["h1"], "Leadership review",
        "the brand title is the heading"
    );
    assert_eq!(probe["scripts"], 1, "only the probe");
    // Each participant's report is printed too, and the index links to it beside the HTML.
    let printed: Vec<String> = files_under(&out.join("reports"))
        .into_iter()
        .filter(|f| f.ends_with(".pdf"))
        .collect();
    assert_eq!(printed.len(), 4, "{printed:?}");
    for name in ["ana-okafor", "bo-lindqvist", "cy-moreau", "dee-patel"] {
        let rel = format!("reports/{name}.pdf");
        let linked = index.replace("&#x2f;", "/");
        assert!(linked.contains(&format!("href=\"{rel}\"")), "{rel}");
        assert!(std::fs::read(out.join(&rel)).unwrap().starts_with(b"%PDF-"));
    }
    let index_text = index.replace("&#x2f;", "/");
    assert!(
        index_text.contains("href=\"index.pdf\""),
        "the index links its PDF"
    );
    let ana = std::fs::read_to_string(out.join("reports/ana-okafor.html"))
        .unwrap()
        .replace("&#x2f;", "/");
    assert!(
        ana.contains("href=\"../index.html\""),
        "a report links back to the index"
    );
    let pdf = out.join("index.pdf");
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let Some(text) = crate::support::pdf_text(&pdf) else {
        return;
    };
    assert!(
        text.contains("Group report: A small rubric"),
        "the rubric under the title: {text}"
    );
    assert!(text.contains("Example Foundation"), "{text}");
    let info = std::process::Command::new("pdfinfo")
        .arg(&pdf)
        .output()
        .unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("letter"), "{info}");
    let pages: usize = info
        .lines()
        .find(|l| l.starts_with("Pages:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|n| n.parse().ok())
        .unwrap();
    assert!(pages >= 3, "{info}");
    // Page by page: a cover first; then the title as the first heading; on every page the
    // running footer (the title, page N of M) and the confidentiality line.
    let page = |n: usize| {
        let out = std::process::Command::new("pdftotext")
            .args(["-layout", "-f", &n.to_string(), "-l", &n.to_string()])
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let cover = page(1);
    for line in [
        "Leadership review",
        "Prepared for Example Foundation",
        "by Rae Consultant",
        "November 2026",
    ] {
        assert!(cover.contains(line), "the cover has {line}: {cover}");
    }
    assert!(
        !cover.contains("What to talk about first"),
        "the cover stands alone: {cover}"
    );
    let second = page(2);
    let body: Vec<&str> = second
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("Confidential"))
        .collect();
    assert_eq!(
        body.first(),
        Some(&"Leadership review"),
        "the title is the heading: {second}"
    );
    assert!(
        second.contains("Summary"),
        "the summary comes early: {second}"
    );
    for n in 1..=pages {
        let text = page(n);
        assert!(
            text.contains(&format!("Page {n} of {pages}")),
            "page {n}: {text}"
        );
        assert!(
            text.contains("Confidential to Example Foundation."),
            "page {n}: {text}"
        );
    }
    let bo = std::process::Command::new("pdftotext")
        .arg(out.join("reports/bo-lindqvist.pdf"))
        .arg("-")
        .output()
        .unwrap();
    let bo = String::from_utf8_lossy(&bo.stdout);
    assert!(bo.contains("Bo Lindqvist"), "{bo}");
    assert!(!bo.contains("Ana Okafor"), "{bo}");
}

#[test]
fn report_and_compare_use_the_config_and_a_pdf_needs_a_browser() {
    let dir = tempfile::tempdir().unwrap();
    let responses = engagement(dir.path());
    let r = run(learnlead()
        .current_dir(dir.path())
        .arg("report")
        .arg(responses.join("ana-okafor.yaml"))
        .args(["--format", "md"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("using the configuration ")
            && r.stderr
                .contains(&format!("{}", dir.path().join("learnlead.yaml").display())),
        "says which config won: {}",
        r.stderr
    );
    // From a folder below, the same configuration is found and named.
    let below = dir.path().join("notes");
    std::fs::create_dir(&below).unwrap();
    let r = run(learnlead()
        .current_dir(&below)
        .arg("report")
        .arg(responses.join("ana-okafor.yaml"))
        .args(["--format", "md"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("learnlead.yaml"), "{}", r.stderr);
    assert!(
        r.stdout.contains("Example Foundation"),
        "branded from the folder above: {}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("prepared for Example Foundation by Rae Consultant"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("## Recommendations\n\n1. Talk about *caring* first."),
        "as written in Markdown: {}",
        r.stdout
    );
    let r = run(learnlead()
        .current_dir(dir.path())
        .env("PATH", "/nonexistent")
        .args(["compare", "responses", "--out", "g.pdf"]));
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("PDF needs Chrome, Chromium or Edge"),
        "{}",
        r.stderr
    );
    assert!(!dir.path().join("g.pdf").exists());
}

#[test]
fn a_bad_config_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    engagement(dir.path());
    std::fs::write(
        dir.path().join("bad.yaml"),
        "accent_color: purple\nlogo: missing.png\nsumary: typo\n",
    )
    .unwrap();
    let r = run(learnlead().current_dir(dir.path()).args([
        "compare",
        "responses",
        "--config",
        "bad.yaml",
        "--format",
        "md",
    ]));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("bad.yaml:3:1: unknown field `sumary`"),
        "{}",
        r.stderr
    );
    std::fs::write(
        dir.path().join("bad.yaml"),
        "accent_color: purple\nlogo: missing.png\n",
    )
    .unwrap();
    let r = run(learnlead().current_dir(dir.path()).args([
        "compare",
        "responses",
        "--config",
        "bad.yaml",
        "--format",
        "md",
    ]));
    assert!(
        r.stderr
            .contains("bad.yaml:1:1: accent_color \"purple\" is not a colour"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("bad.yaml:2:1: cannot read the logo"),
        "{}",
        r.stderr
    );
}

#[test]
fn init_config_writes_the_documented_example_once() {
    let dir = tempfile::tempdir().unwrap();
    let r = run(learnlead()
        .current_dir(dir.path())
        .args(["init-config", "learnlead.yaml"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = std::fs::read_to_string(dir.path().join("learnlead.yaml")).unwrap();
    for key in [
        "title:",
        "client:",
        "consultant:",
        "date:",
        "logo:",
        "accent_color:",
        "sections:",
        "summary:",
        "recommendations:",
        "confidentiality:",
    ] {
        assert!(text.contains(key), "{key}");
    }
    let again = run(learnlead()
        .current_dir(dir.path())
        .args(["init-config", "learnlead.yaml"]));
    assert_eq!(again.code, 2);
}

#[test]
fn a_house_template_extends_the_base_and_overrides_one_block() {
    let dir = tempfile::tempdir().unwrap();
    let responses = engagement(dir.path());
    let t = dir.path().join("house.html.j2");
    std::fs::write(&t, "{% extends \"report.html.j2\" %}\n{% block footer_text %}<p>House style of {{ brand.consultant_name }} & co.</p>{% endblock %}\n").unwrap();
    let r = run(learnlead()
        .current_dir(dir.path())
        .arg("report")
        .arg(responses.join("bo-lindqvist.yaml"))
        .arg("--template")
        .arg(&t)
        .args(["--format", "html"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("<p>House style of Rae Consultant &amp; co.</p>")
            || r.stdout.contains("House style of Rae Consultant & co."),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("Reflection report: A small rubric"),
        "the rest is the shipped report"
    );
    // A template that tries to leave its folder is refused.
    std::fs::write(&t, "{% include \"../../etc/passwd\" %}").unwrap();
    let r = run(learnlead()
        .current_dir(dir.path())
        .arg("report")
        .arg(responses.join("bo-lindqvist.yaml"))
        .arg("--template")
        .arg(&t)
        .args(["--format", "html"]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("template not found"), "{}", r.stderr);
    assert!(
        !r.stderr.contains("root:"),
        "nothing outside the folder was read"
    );
}

#[test]
fn an_accent_too_light_for_text_is_named_and_darkened_for_text() {
    let dir = tempfile::tempdir().unwrap();
    let responses = engagement(dir.path());
    let config = dir.path().join("yellow.yaml");
    std::fs::write(&config, "title: Review\naccent_color: \"#ffdd00\"\n").unwrap();
    let r = run(learnlead()
        .arg("report")
        .arg(responses.join("ana-okafor.yaml"))
        .args(["--format", "html", "--config"])
        .arg(&config));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("the accent colour #ffdd00 has a contrast of 1.35:1 on white"),
        "{}",
        r.stderr
    );
    let text = learnlead::model::config::readable_on_white("#ffdd00");
    assert!(
        r.stdout.contains(&format!("--heading: {text};")),
        "text in the darkened shade"
    );
    assert!(
        r.stdout.contains("--accent: #ffdd00;"),
        "fills keep the accent"
    );
}
