//! `learnlead report` in every format, read as a person and a parser would.

use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::support::{browser_or_skip, fixture, learnlead, response_from, response_on, run};

struct Fixtures {
    _dir: tempfile::TempDir,
    full: PathBuf,
    baseline: PathBuf,
    partial: PathBuf,
    small: PathBuf,
    small_before: PathBuf,
}

fn fixtures() -> Fixtures {
    let dir = tempfile::tempdir().unwrap();
    let small_rubric = fixture("catalog/small.yaml").display().to_string();
    let f = Fixtures {
        full: response_from(dir.path(), "wt-full.yaml", "wenger-trayner", "full.yaml"),
        baseline: response_on(
            dir.path(),
            "wt-baseline.yaml",
            "wenger-trayner",
            "baseline.yaml",
            "2025-09-15",
        ),
        partial: response_from(
            dir.path(),
            "wt-partial.yaml",
            "wenger-trayner",
            "partial.yaml",
        ),
        small: response_from(dir.path(), "small-full.yaml", &small_rubric, "small.yaml"),
        small_before: response_on(
            dir.path(),
            "small-before.yaml",
            &small_rubric,
            "small-before.yaml",
            "2025-09-15",
        ),
        _dir: dir,
    };
    f
}

fn report(response: &Path, args: &[&str]) -> String {
    let out = run(learnlead().arg("report").arg(response).args(args));
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.stdout
}

/// Paths of temporary files vary from run to run; snapshots show a placeholder.
fn redact(text: &str, f: &Fixtures) -> String {
    text.replace(&f._dir.path().display().to_string(), "[TMP]")
}

#[test]
fn snapshots_of_every_format() {
    let f = fixtures();
    insta::assert_snapshot!("full.md", report(&f.full, &["--format", "md"]));
    insta::assert_snapshot!("partial.md", report(&f.partial, &["--format", "md"]));
    insta::assert_snapshot!(
        "baseline.md",
        report(
            &f.full,
            &["--format", "md", "--baseline", f.baseline.to_str().unwrap()]
        )
    );
    insta::assert_snapshot!("full.json", report(&f.full, &["--format", "json"]));
    insta::assert_snapshot!(
        "baseline.table",
        redact(
            &report(
                &f.full,
                &[
                    "--format",
                    "table",
                    "--baseline",
                    f.baseline.to_str().unwrap()
                ]
            ),
            &f
        )
    );
    insta::assert_snapshot!(
        "partial.table",
        redact(&report(&f.partial, &["--format", "table"]), &f)
    );
    insta::assert_snapshot!(
        "small-baseline.html",
        redact(
            &report(
                &f.small,
                &[
                    "--format",
                    "html",
                    "--baseline",
                    f.small_before.to_str().unwrap()
                ]
            ),
            &f
        )
    );
}

/// Walks Markdown as a CommonMark + GFM parser reads it.
struct MdShape {
    tables: Vec<Vec<usize>>, // cells per row, per table
    html: Vec<String>,
    text: String,
    headings: usize,
}

fn parse_md(md: &str) -> MdShape {
    let mut shape = MdShape {
        tables: vec![],
        html: vec![],
        text: String::new(),
        headings: 0,
    };
    let mut row_cells = 0;
    for event in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Table(_)) => shape.tables.push(vec![]),
            Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => row_cells = 0,
            Event::Start(Tag::TableCell) => row_cells += 1,
            Event::End(TagEnd::TableHead) | Event::End(TagEnd::TableRow) => {
                shape.tables.last_mut().unwrap().push(row_cells)
            }
            Event::Start(Tag::Heading { .. }) => shape.headings += 1,
            Event::Html(h) | Event::InlineHtml(h) => shape.html.push(h.to_string()),
            Event::Text(t) | Event::Code(t) => shape.text.push_str(&t),
            Event::End(_) | Event::SoftBreak | Event::HardBreak => shape.text.push('\n'),
            _ => {}
        }
    }
    shape
}

#[test]
fn markdown_tables_are_tables_and_notes_cannot_break_them() {
    let f = fixtures();
    let md = report(
        &f.full,
        &["--format", "md", "--baseline", f.baseline.to_str().unwrap()],
    );
    let shape = parse_md(&md);
    // Groups, dimensions, and one table of statements for each of the twelve dimensions.
    assert_eq!(shape.tables.len(), 14, "{:?}", shape.tables);
    for (t, rows) in shape.tables.iter().enumerate() {
        assert!(rows.len() >= 2, "table {t} has a header and rows");
        assert!(
            rows.iter().all(|&c| c == rows[0]),
            "table {t} rows differ: {rows:?}"
        );
    }
    assert_eq!(
        shape.tables[0],
        vec![5; 5],
        "groups: name, score, bar, band, change; header and 4 rows"
    );
    assert_eq!(
        shape.tables[1][0], 8,
        "dimensions: group, dimension, score, bar, band, want, gap, change"
    );
    assert!(
        shape.html.is_empty(),
        "raw HTML got through: {:?}",
        shape.html
    );
    // Exactly the headings of the template: title, 6 sections (round by round needs an earlier
    // round), the next step, strengths, focus, 4 groups, 12 dimensions.
    assert_eq!(shape.headings, 1 + 6 + 3 + 4 + 12);
    // What people typed shows as text, as they typed it.
    assert!(
        shape
            .text
            .contains("<script>alert(\"x\")</script> We drifted | a lot"),
        "{}",
        shape.text
    );
    assert!(shape.text.contains("# Not a heading"));
    assert!(shape.text.contains("**not bold** & <b>not html</b>"));
    assert!(shape.text.contains("Ana <Admin> | Lead"));
    assert!(shape.text.contains("We have no senior people | yet"));
}

#[test]
fn json_has_the_documented_fields() {
    let f = fixtures();
    let json: serde_json::Value =
        serde_json::from_str(&report(&f.full, &["--format", "json"])).unwrap();
    assert_eq!(json["rubric"]["id"], "wenger-trayner");
    assert_eq!(json["respondent"]["name"], "Ana <Admin> | Lead");
    assert!(json["overall"].as_f64().is_some());
    let g = &json["groups"][0];
    assert_eq!(g["id"], "meaning");
    let d = &g["dimensions"][0];
    assert_eq!(d["id"], "relevance");
    assert_eq!(d["band"], "established");
    assert_eq!(d["desired"], 5);
    // Asked of no role in particular: every statement, the sponsor's fifth too.
    assert_eq!(d["items"].as_array().unwrap().len(), 5);
    assert_eq!(d["items"][2]["reverse"], true);
    assert_eq!(d["items"][2]["answer"], 2);
    assert_eq!(d["items"][2]["score"], 4.0);
}

#[test]
fn a_partial_response_has_no_scores_where_nothing_was_answered() {
    let f = fixtures();
    let json: serde_json::Value =
        serde_json::from_str(&report(&f.partial, &["--format", "json"])).unwrap();
    assert_eq!(json["complete"], false);
    assert!(json["groups"][3]["score"].is_null());
    assert!(json["groups"][3]["dimensions"][0]["band"].is_null());
    // A member is asked 47 of the 60 statements; Bo answered 15.
    assert_eq!(json["coverage"]["unanswered"], 47 - 15);
}

#[test]
fn format_follows_the_out_extension_and_writes_atomically() {
    let f = fixtures();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.html");
    let r = run(learnlead()
        .arg("report")
        .arg(&f.small)
        .arg("--out")
        .arg(&out));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file left"
    );
}

#[test]
fn a_user_template_of_any_name_escapes_html() {
    // Escaping follows the output when the template's name says nothing (`mine.j2`): HTML
    // output escapes what people typed, Markdown output leaves it to the `md` filter.
    let f = fixtures();
    let dir = tempfile::tempdir().unwrap();
    for name in ["mine.j2", "mine.txt.j2"] {
        let t = dir.path().join(name);
        std::fs::write(&t, "<p>{{ respondent.name }}</p>\n").unwrap();
        let html = report(
            &f.full,
            &["--format", "html", "--template", t.to_str().unwrap()],
        );
        assert!(
            html.starts_with("<p>Ana &lt;Admin&gt; | Lead</p>"),
            "{name}: {html}"
        );
    }
}

#[test]
fn html_is_self_contained_and_escapes_what_people_typed() {
    let f = fixtures();
    let html = report(&f.full, &["--format", "html"]);
    assert!(!html.contains("<script"), "no script in the report itself");
    assert!(html.contains("&lt;script&gt;alert("));
    assert!(html.contains("Ana &lt;Admin&gt; | Lead"));
    for external in ["http://", "https://", "src=", "@import", "url("] {
        let hits: Vec<&str> = html.lines().filter(|l| l.contains(external)).collect();
        // The only link allowed is the rubric's source, as text in the header.
        assert!(
            hits.iter()
                .all(|l| l.contains("wenger-trayner.com") && !l.contains("src=")),
            "external resource {external}: {hits:?}"
        );
    }
    assert!(html.contains(r#"<html lang="en">"#));
    assert!(
        html.contains("role=\"img\""),
        "charts are images with a text alternative"
    );
    assert!(html
        .contains("<desc id=\"radar-desc\">Radar chart of the scores per dimension: Relevance 4"));
}

#[test]
fn invalid_response_is_a_clear_error_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let f = fixtures();
    let bad = dir.path().join("bad.yaml");
    let text = std::fs::read_to_string(&f.small)
        .unwrap()
        .replace("care-1: 2", "care-1: 9");
    std::fs::write(&bad, text).unwrap();
    let out_file = dir.path().join("r.html");
    let r = run(learnlead()
        .arg("report")
        .arg(&bad)
        .arg("--out")
        .arg(&out_file));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("bad.yaml:"), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("item `care-1`: 9 is outside the scale 1..4"),
        "{}",
        r.stderr
    );
    assert!(!out_file.exists());
}

#[test]
fn a_response_for_another_rubric_is_refused() {
    let f = fixtures();
    let r = run(learnlead()
        .arg("report")
        .arg(&f.full)
        .args(["--rubric", "cop-functions"]));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("answers the rubric `wenger-trayner`, not `cop-functions`"),
        "{}",
        r.stderr
    );
    let r = run(learnlead()
        .arg("report")
        .arg(&f.full)
        .arg("--baseline")
        .arg(&f.small));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("answers the rubric `small`, not `wenger-trayner`"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_changed_rubric_warns_and_reports_what_still_matches() {
    let dir = tempfile::tempdir().unwrap();
    let f = fixtures();
    let rubric = dir.path().join("small.yaml");
    let text = std::fs::read_to_string(fixture("catalog/small.yaml"))
        .unwrap()
        .replace(
            "          - {id: care-1, statement: We notice who is missing.}",
            "          - {id: care-2, statement: We call who is missing.}",
        )
        .replace("version: \"1\"", "version: \"2\"");
    std::fs::write(&rubric, text).unwrap();
    let r = run(learnlead()
        .arg("report")
        .arg(&f.small)
        .arg("--rubric")
        .arg(&rubric)
        .args(["--format", "json"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("no longer has care-1"), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("has changed since this response was given (version 1 then, 2 now)"),
        "{}",
        r.stderr
    );
    let json: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    // Sharing: share-1 answered 3, share-2 not applicable: one of two statements scored, too
    // few for a score, which the report says. Caring: care-1 is gone, care-2 not answered.
    let sharing = &json["groups"][0]["dimensions"][0];
    assert!(sharing["score"].is_null(), "{sharing}");
    assert!(
        sharing["too_few"]
            .as_str()
            .unwrap()
            .starts_with("1 of 2 statements"),
        "{sharing}"
    );
    assert_eq!(
        sharing["items"][0]["score"], 3.0,
        "the answer that still matches is shown"
    );
    assert!(json["groups"][0]["dimensions"][1]["score"].is_null());
}

#[test]
fn a_report_never_replaces_a_response() {
    let f = fixtures();
    let before = std::fs::read_to_string(&f.small).unwrap();
    let r = run(learnlead()
        .arg("report")
        .arg(&f.small)
        .args(["--format", "md", "--out"])
        .arg(&f.small));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("already exists and learnlead did not write it"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("--force"), "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&f.small).unwrap(), before);
}

#[test]
fn a_large_export_given_as_a_response_is_refused_briefly_and_replaced_only_when_forced() {
    let f = fixtures();
    let dir = tempfile::tempdir().unwrap();
    // A big data export passed by mistake where a response belongs.
    let export = dir.path().join("group.json");
    let big = format!("{{\"rubric\": \"{}\"}}", "x".repeat(5 << 20));
    std::fs::write(&export, &big).unwrap();
    let r = run(learnlead().arg("report").arg(&export));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("group.json"), "{}", r.stderr);
    assert!(
        r.stderr.len() < 600,
        "the message quotes the value short: {}",
        r.stderr.len()
    );
    // As --out it is not learnlead's own output: left as it is unless forced.
    let out = |force: bool| {
        let mut cmd = learnlead();
        cmd.arg("report").arg(&f.small).arg("--out").arg(&export);
        if force {
            cmd.arg("--force");
        }
        run(&mut cmd)
    };
    let r = out(false);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&export).unwrap(), big);
    let r = out(true);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&export).unwrap()).unwrap();
    assert_eq!(json["rubric"]["id"], "small");
    assert_eq!(
        json["generator"],
        format!("learnlead {}", env!("CARGO_PKG_VERSION"))
    );
    // Now it is learnlead's: the next run replaces it without asking.
    let r = out(false);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn missing_response_file() {
    let r = run(learnlead().args(["report", "nowhere.yaml"]));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("cannot read nowhere.yaml"),
        "{}",
        r.stderr
    );
}

#[test]
fn templates_export_then_render_with_a_changed_copy() {
    let f = fixtures();
    let dir = tempfile::tempdir().unwrap();
    let r = run(learnlead().args(["templates", "export"]).arg(dir.path()));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mine = dir.path().join("report.md.j2");
    let text = std::fs::read_to_string(&mine).unwrap();
    std::fs::write(
        &mine,
        text.replace(
            "# {{ words.title | md }}",
            "# Our house report: {{ rubric.title }}",
        ),
    )
    .unwrap();
    let md = report(
        &f.small,
        &["--format", "md", "--template", mine.to_str().unwrap()],
    );
    assert!(md.starts_with("# Our house report: A small rubric"), "{md}");
    let again = run(learnlead().args(["templates", "export"]).arg(dir.path()));
    assert_eq!(again.code, 2, "never overwrites");
}

#[test]
fn a_broken_user_template_names_file_and_line() {
    let f = fixtures();
    let dir = tempfile::tempdir().unwrap();
    let t = dir.path().join("mine.md.j2");
    std::fs::write(&t, "# {{ rubric.title }}\n{{ rubric.titel }}\n").unwrap();
    let r = run(learnlead()
        .arg("report")
        .arg(&f.small)
        .arg("--template")
        .arg(&t)
        .args(["--format", "md"]));
    assert_eq!(
        r.code, 2,
        "a template is input: a broken one is a usage error"
    );
    assert!(
        r.stderr.contains("template mine.md.j2, line 2"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("rubric.titel"), "{}", r.stderr);
}

#[test]
fn an_endless_template_stops_with_an_error() {
    let f = fixtures();
    let dir = tempfile::tempdir().unwrap();
    let t = dir.path().join("loop.md.j2");
    std::fs::write(
        &t,
        "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}\n",
    )
    .unwrap();
    let r = run(learnlead()
        .arg("report")
        .arg(&f.small)
        .arg("--template")
        .arg(&t)
        .args(["--format", "md"]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("too much work"), "{}", r.stderr);
}

/// The HTML report in a real browser: it renders, the chart has a size, nothing errs, and a
/// note holding `<script>` shows as text. Skipped without a browser, except on CI.
#[test]
#[cfg_attr(no_browser, ignore = "needs Chromium or Chrome on PATH")]
fn html_report_renders_in_a_real_browser() {
    let Some(chromium) = browser_or_skip() else {
        return;
    };
    let f = fixtures();
    let html = report(
        &f.full,
        &[
            "--format",
            "html",
            "--baseline",
            f.baseline.to_str().unwrap(),
        ],
    );
    let probe = crate::support::probe_in_browser(&chromium, &html);
    assert!(probe["radar"][0].as_f64().unwrap() > 200.0, "{probe}");
    assert!(probe["radar"][1].as_f64().unwrap() > 150.0, "{probe}");
    assert_eq!(probe["bars"], 12 + 4, "a bar per dimension and per group");
    assert_eq!(
        probe["scripts"], 1,
        "only the probe: the note's <script> is text"
    );
    assert!(probe["notes"][0]
        .as_str()
        .unwrap()
        .starts_with("<script>alert(\"x\")</script>"));
    assert!(probe["title"]
        .as_str()
        .unwrap()
        .starts_with("Reflection report: The disciplines"));
    assert_eq!(
        probe["h1"],
        "Reflection report: The disciplines of social learning leadership"
    );
}

/// A person's report's sections, in the one order every format keeps
/// (src/present/view/words.rs).
const REPORT_ORDER: [&str; 6] = [
    "Overview",
    "Scores by dimension",
    "Round by round",
    "Strengths and focus",
    "Dimension by dimension",
    "Coverage",
];

#[test]
fn every_format_says_the_sections_in_one_order_with_the_same_words() {
    let f = fixtures();
    let positions = |lines: Vec<&str>| -> Vec<usize> {
        lines
            .iter()
            .filter_map(|l| REPORT_ORDER.iter().position(|t| l == t))
            .collect()
    };
    // Two earlier rounds, so that there is a round-by-round table.
    let (a, b) = (f.baseline.to_str().unwrap(), f.partial.to_str().unwrap());
    let md = report(
        &f.full,
        &["--format", "md", "--baseline", a, "--baseline", b],
    );
    let html = report(
        &f.full,
        &["--format", "html", "--baseline", a, "--baseline", b],
    );
    let out = f._dir.path().join("full.docx");
    let r = run(learnlead()
        .arg("report")
        .arg(&f.full)
        .arg("--out")
        .arg(&out));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let word = crate::support::word_text(&out);
    let md_titles = positions(md.lines().filter_map(|l| l.strip_prefix("## ")).collect());
    let html_titles = positions(
        html.split("<h2 id=\"")
            .skip(1)
            .filter_map(|h| h.split_once('>')?.1.split_once("</h2>").map(|t| t.0))
            .collect(),
    );
    let word_titles = positions(word.lines().collect());
    for (format, titles, text, all) in [
        ("md", md_titles, &md, vec![0, 1, 2, 3, 4, 5]),
        ("html", html_titles, &html, vec![0, 1, 2, 3, 4, 5]),
        // The Word document leaves out the round-by-round table (no earlier round given).
        ("docx", word_titles, &word, vec![0, 1, 3, 4, 5]),
    ] {
        assert_eq!(titles, all, "{format}: the sections, in order");
        for words in [
            "Your next step",
            "The largest gap to where you want to be",
            "Strengths to build on",
            "Where to focus next",
            "Questions for reflection",
            "What good looks like",
        ] {
            assert!(text.contains(words), "{format} lacks {words:?}");
        }
    }
}

#[test]
fn a_return_visit_is_guided_to_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let before = response_on(
        dir.path(),
        "wt-baseline.yaml",
        "wenger-trayner",
        "ana-2025.yaml",
        "2025-09-15",
    );
    // A report already there is never the one suggested.
    std::fs::write(dir.path().join("progress.html"), "mine").unwrap();
    let now = dir.path().join("ana-2026.yaml");
    let made = run(learnlead()
        .current_dir(dir.path())
        .args([
            "assess",
            "--rubric",
            "wenger-trayner",
            "--partial",
            "--answers",
        ])
        .arg(fixture("answers/wt-full.yaml"))
        .arg("--out")
        .arg(&now));
    assert_eq!(made.code, 0, "{}", made.stderr);
    let all = format!("{}{}", made.stdout, made.stderr);
    assert!(
        all.contains("You answered this rubric before, on 2025-09-15"),
        "{all}"
    );
    assert!(
        all.contains(&format!(
            "--baseline {} --out progress-2.html",
            before.display()
        )),
        "{all}"
    );
    // report says the same, and its table says since when.
    let r = run(learnlead()
        .current_dir(dir.path())
        .arg("report")
        .arg(&now)
        .args(["--format", "table"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("An earlier response of yours, of 2025-09-15"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.contains("--baseline"), "{}", r.stdout);
    let r = run(learnlead()
        .current_dir(dir.path())
        .arg("report")
        .arg(&now)
        .arg("--baseline")
        .arg(&before)
        .args(["--format", "table"]));
    assert!(r.stdout.contains("since 2025-09-15"), "{}", r.stdout);
    assert!(
        r.stdout.contains("What changed most since 2025-09-15:"),
        "{}",
        r.stdout
    );
}
