//! `learnlead rubrics list|show|validate|init|schema`.

use crate::support::{fixture, learnlead, run};

#[test]
fn list_shows_the_four_shipped_rubrics_from_any_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(learnlead()
        .current_dir(dir.path())
        .args(["rubrics", "list"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    for id in [
        "wenger-trayner",
        "leadership-roles",
        "pioneering-leaders",
        "cop-functions",
    ] {
        assert!(out.stdout.contains(id), "{id} missing:\n{}", out.stdout);
    }
    assert!(out.stdout.contains("shipped"));
}

#[test]
fn list_as_json_counts_groups_dimensions_items() {
    let out = run(learnlead().args(["rubrics", "list", "--format", "json"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let rows: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let wt = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "wenger-trayner")
        .unwrap();
    assert_eq!(wt["groups"], 4);
    assert_eq!(wt["dimensions"], 12);
    assert_eq!(wt["from"], "shipped");
}

#[test]
fn user_rubrics_folder_is_listed_and_can_replace_a_shipped_id() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixture("../../src/io/assets/starter-rubric.yaml"),
        dir.path().join("my-rubric.yaml"),
    )
    .unwrap();
    let shipped = run(learnlead().args(["rubrics", "show", "cop-functions", "--format", "yaml"]));
    std::fs::write(
        dir.path().join("cop-functions.yaml"),
        shipped
            .stdout
            .replace("title: The five functions", "title: Our five functions"),
    )
    .unwrap();
    let out = run(learnlead()
        .env("LEARNLEAD_RUBRICS", dir.path())
        .args(["rubrics", "list"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("my-rubric"), "{}", out.stdout);
    assert!(out.stdout.contains("replaces shipped"), "{}", out.stdout);
    assert_eq!(
        out.stdout.matches("cop-functions").count(),
        2,
        "{}",
        out.stdout
    ); // id + file name

    let show = run(learnlead().arg("--rubrics-dir").arg(dir.path()).args([
        "rubrics",
        "show",
        "cop-functions",
    ]));
    assert!(
        show.stdout.starts_with("Our five functions"),
        "{}",
        show.stdout
    );
}

#[test]
fn show_json_uses_the_format_field_names() {
    let out = run(learnlead().args(["rubrics", "show", "wenger-trayner", "--format", "json"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let r: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(r["id"], "wenger-trayner");
    assert_eq!(r["scale"]["min"], 1);
    assert_eq!(r["scale"]["max"], 5);
    let first = &r["groups"][0]["dimensions"][0];
    assert_eq!(first["id"], "relevance");
    assert_eq!(first["question"], "what is our learning partnership about?");
    assert!(first["items"][0]["statement"].as_str().unwrap().len() > 20);
}

#[test]
fn show_text_is_an_outline_and_a_path_works() {
    let out = run(learnlead()
        .args(["rubrics", "show"])
        .arg(fixture("../../rubrics/cop-functions.yaml")));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("Education [education]:"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("(R)"));
}

#[test]
fn show_yaml_round_trips_through_validate() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(learnlead().args(["rubrics", "show", "wenger-trayner", "--format", "yaml"]));
    let file = dir.path().join("copy.yaml");
    std::fs::write(&file, out.stdout).unwrap();
    let v = run(learnlead().args(["rubrics", "validate"]).arg(&file));
    assert_eq!(v.code, 0, "{}", v.stderr);
}

#[test]
fn unknown_rubric_lists_the_available_ones() {
    let out = run(learnlead().args(["rubrics", "show", "wenger"]));
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("no rubric `wenger`"), "{}", out.stderr);
    assert!(out.stderr.contains("wenger-trayner"), "{}", out.stderr);
}

#[test]
fn validate_accepts_the_shipped_rubrics() {
    let out = run(learnlead().args(["rubrics", "validate"]).args(
        [
            "wenger-trayner",
            "leadership-roles",
            "pioneering-leaders",
            "cop-functions",
        ]
        .map(|id| fixture(&format!("../../rubrics/{id}.yaml"))),
    ));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout.matches(": ok").count(), 4);
}

/// Each broken rubric: exit 2, and the message names the file, the line and column, and what
/// is wrong.
#[test]
fn broken_rubrics_get_a_clear_message_with_file_line_and_column() {
    let cases = [
        ("malformed.yaml", ":11:11:", "did not find expected key"),
        (
            "wrong-type.yaml",
            ":25:8:",
            "scale.min: invalid type: string \"one\", expected a whole number",
        ),
        ("unknown-key.yaml", ":65:9:", "unknown field `questoin`"),
        ("duplicate-id.yaml", ":70:13:", "duplicate id `first-1`"),
        (
            "bad-scale.yaml",
            ":25:3:",
            "scale.min (6) must be less than scale.max (5)",
        ),
        (
            "band-gap.yaml",
            ":45:5:",
            "gap between bands `emerging` (to 2.5) and `developing` (from 2.75)",
        ),
        (
            "empty-dimension.yaml",
            ":67:9:",
            "dimension `first-dimension` has no items",
        ),
    ];
    for (file, location, message) in cases {
        let path = fixture(&format!("rubrics/{file}"));
        let out = run(learnlead().args(["rubrics", "validate"]).arg(&path));
        assert_eq!(out.code, 2, "{file}: {}", out.stderr);
        let expected = format!("{}{location} ", path.display());
        assert!(
            out.stderr.contains(&expected),
            "{file}: want {expected:?} in\n{}",
            out.stderr
        );
        assert!(
            out.stderr.contains(message),
            "{file}: want {message:?} in\n{}",
            out.stderr
        );
        assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    }
}

#[test]
fn validate_reports_all_problems_at_once() {
    let path = fixture("rubrics/many-problems.yaml");
    let out = run(learnlead().args(["rubrics", "validate"]).arg(&path));
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains(":11:1: `version` is empty"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("gap between bands"), "{}", out.stderr);
    assert!(
        out.stderr.contains("duplicate id `first-1`"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("3 problems in"), "{}", out.stderr);
}

#[test]
fn validate_checks_every_file_even_after_a_bad_one() {
    let out = run(learnlead()
        .args(["rubrics", "validate"])
        .arg(fixture("rubrics/band-gap.yaml"))
        .arg(fixture("../../rubrics/cop-functions.yaml")));
    assert_eq!(out.code, 2);
    assert!(
        out.stdout.contains("cop-functions.yaml: ok"),
        "{}",
        out.stdout
    );
    assert!(
        out.stderr.contains("1 of 2 rubric file(s) are not valid"),
        "{}",
        out.stderr
    );
}

#[test]
fn missing_file_is_a_clear_error() {
    let out = run(learnlead().args(["rubrics", "validate", "no-such-file.yaml"]));
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("cannot read no-such-file.yaml"),
        "{}",
        out.stderr
    );
}

#[test]
fn init_writes_a_starter_that_validates_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.yaml");
    let out = run(learnlead().args(["rubrics", "init"]).arg(&file));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v = run(learnlead().args(["rubrics", "validate"]).arg(&file));
    assert_eq!(v.code, 0, "{}", v.stderr);

    std::fs::write(&file, "my own work").unwrap();
    let again = run(learnlead().args(["rubrics", "init"]).arg(&file));
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "my own work");
}

#[test]
fn schema_is_json_and_describes_the_format() {
    let out = run(learnlead().args(["rubrics", "schema"]));
    assert_eq!(out.code, 0);
    let schema: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        schema["properties"]["scale"]["properties"]["min"]["type"],
        "integer"
    );
    assert_eq!(schema["additionalProperties"], false);
}

#[test]
fn help_documents_exit_codes_and_examples() {
    let out = run(learnlead().arg("--help"));
    assert!(out.stdout.contains("Exit codes:"), "{}", out.stdout);
    let out = run(learnlead().args(["rubrics", "validate", "--help"]));
    assert!(out.stdout.contains("Examples:"), "{}", out.stdout);
}

#[test]
fn usage_error_exits_2() {
    let out = run(learnlead().args(["rubrics", "frobnicate"]));
    assert_eq!(out.code, 2);
}

#[test]
fn warnings_are_located_and_fail_only_a_strict_check() {
    let dir = tempfile::tempdir().unwrap();
    let thin = dir.path().join("thin.yaml");
    // The test rubric: two dimensions of one or two statements, no looks_like.
    std::fs::copy(fixture("catalog/small.yaml"), &thin).unwrap();
    let out = run(learnlead().args(["rubrics", "validate"]).arg(&thin));
    assert_eq!(out.code, 0, "warnings alone pass: {}", out.stderr);
    assert!(out.stdout.contains("warnings)"), "{}", out.stdout);
    let caring = format!("{}:", thin.display());
    let line = out
        .stderr
        .lines()
        .find(|l| l.contains("dimension `caring` has 1 statement;"))
        .unwrap_or_else(|| panic!("{}", out.stderr));
    assert!(line.starts_with(&caring), "{line}");
    let at: Vec<&str> = line[caring.len()..].splitn(3, ':').collect();
    assert!(
        at[0].parse::<usize>().is_ok() && at[1].parse::<usize>().is_ok(),
        "line and column: {line}"
    );
    assert!(line.contains(": warning: "), "{line}");

    let strict = run(learnlead()
        .args(["rubrics", "validate", "--strict"])
        .arg(&thin));
    assert_eq!(strict.code, 1, "{}", strict.stderr);
    assert!(
        strict.stderr.contains("have warnings (--strict)"),
        "{}",
        strict.stderr
    );
    let broken = dir.path().join("broken.yaml");
    std::fs::write(&broken, "id: [").unwrap();
    let both = run(learnlead()
        .args(["rubrics", "validate", "--strict"])
        .arg(&thin)
        .arg(&broken));
    assert_eq!(
        both.code, 2,
        "a file that is not valid wins: {}",
        both.stderr
    );
}

/// The README and `assess --help` give how long a rubric takes; the questionnaire's own
/// estimate is what they must say.
#[test]
fn the_time_people_are_told_is_the_questionnaires_estimate() {
    use learnlead::collect::questionnaire::minutes;
    let rubric = |id: &str| {
        let asset = learnlead::io::assets::shipped_rubric(id).unwrap();
        learnlead::model::rubric::Rubric::parse(asset.text).unwrap()
    };
    let default = minutes(&rubric("wenger-trayner"), None);
    let readme = std::fs::read_to_string(fixture("../../README.md")).unwrap();
    assert!(
        readme.contains(&format!("(about {default} minutes)")),
        "README: the default rubric takes about {default} minutes"
    );
    let scorecard = minutes(&rubric("cop-functions"), None);
    assert_eq!(
        scorecard, 6,
        "the README calls cop-functions a six-minute check"
    );
    assert!(readme.contains("a six-minute check of the five functions"));
    let help = run(learnlead().args(["assess", "--help"]));
    let words = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen",
    ];
    assert!(
        help.stdout.contains(&format!(
            "({} minutes for the default rubric)",
            words[default]
        )),
        "{}",
        help.stdout
    );
}

#[test]
fn validate_takes_a_rubric_id_and_holds_statements_to_the_writing_rules() {
    let shipped = run(learnlead().args(["rubrics", "validate", "--strict", "wenger-trayner"]));
    assert_eq!(shipped.code, 0, "{}", shipped.stderr);
    assert!(
        shipped.stdout.contains("wenger-trayner.yaml (shipped): ok"),
        "{}",
        shipped.stdout
    );
    let unknown = run(learnlead().args(["rubrics", "validate", "nope"]));
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("no rubric `nope`"),
        "{}",
        unknown.stderr
    );
    // A rubric of one's own, by id from the rubrics folder, with a statement that says "most".
    let dir = tempfile::tempdir().unwrap();
    let mine = learnlead::io::assets::STARTER_RUBRIC
        .replace("id: my-rubric", "id: mine")
        .replace(
            "A second practice someone could point to.",
            "Most members bring a second practice.",
        );
    std::fs::write(dir.path().join("mine.yaml"), mine).unwrap();
    let warned = run(learnlead()
        .args(["rubrics", "validate", "--strict", "mine", "--rubrics-dir"])
        .arg(dir.path()));
    assert_eq!(warned.code, 1, "{}", warned.stderr);
    assert!(
        warned.stderr.contains("mine.yaml:") && warned.stderr.contains("says `most`"),
        "{}",
        warned.stderr
    );
}

/// A rubric for the cross-check: one dimension of four statements (one reverse-keyed), one of
/// three with a statement everyone answers alike.
const QUALITY_RUBRIC: &str = r"
id: quality
title: Quality check
version: '1'
source: {authors: [Test Author], title: Test source}
description: For the cross-check of rubrics analyze.
scale: {min: 1, max: 5, labels: {1: a, 2: b, 3: c, 4: d, 5: e}, not_applicable: true, dont_know: true}
bands: [{id: all, name: All, from: 1, to: 5}]
groups:
  - id: all
    name: All
    description: D
    dimensions:
      - {id: one, name: One, question: q?, description: D, items: [{id: a, statement: A}, {id: b, statement: B}, {id: c, statement: C, reverse: true}, {id: e, statement: E}]}
      - {id: two, name: Two, question: q?, description: D, items: [{id: f, statement: F}, {id: g, statement: G}, {id: h, statement: H}]}
";

/// `rubrics analyze` agrees with pingouin, factor_analyzer and numpy to three decimals, on 40
/// people with a reverse-keyed statement, missing answers ("not applicable", "don't know") and
/// a statement everyone answers alike. The reference runs in the Python that .ci/run installs
/// (LEARNLEAD_PYTHON); without it the test says so, and on CI fails.
#[test]
fn analyze_agrees_with_pingouin_and_factor_analyzer_to_three_decimals() {
    let python = std::env::var_os("LEARNLEAD_PYTHON");
    let Some(python) = python else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI sets LEARNLEAD_PYTHON to a Python with pingouin (.ci/run)"
        );
        eprintln!("skipped: set LEARNLEAD_PYTHON to a Python with pingouin and factor_analyzer");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let rubric = dir.path().join("quality.yaml");
    std::fs::write(&rubric, QUALITY_RUBRIC).unwrap();
    let responses = dir.path().join("responses");
    std::fs::create_dir(&responses).unwrap();
    // 40 people: a latent level, statements near it (c reversed), some missing answers.
    let mut seed: u64 = 7;
    let mut next = |n: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    let mut one = Vec::new(); // scored rows of dimension one
    let mut two = Vec::new();
    for p in 0..40 {
        let level = 1 + next(5) as i64;
        let near = |noise: u64| (level + noise as i64 - 1).clamp(1, 5);
        let (a, b, c, e) = (
            near(next(3)),
            near(next(3)),
            6 - near(next(3)),
            near(next(3)),
        );
        let (f, g) = (near(next(3)), near(next(3)));
        let gap = |v: i64, roll: u64| match roll {
            0 => (String::from("na"), None),
            1 => (String::from("dk"), None),
            _ => (v.to_string(), Some(v)),
        };
        let (a_text, a_score) = gap(a, next(12));
        let (e_text, e_score) = gap(e, next(12));
        let answers = format!(
            "answers:\n  a: {a_text}\n  b: {b}\n  c: {c}\n  e: {e_text}\n  f: {f}\n  g: {g}\n  h: 3\n"
        );
        let file = dir.path().join(format!("p{p}.txt"));
        std::fs::write(&file, answers).unwrap();
        let made = run(learnlead()
            .args(["assess", "--answers"])
            .arg(&file)
            .arg("--rubric")
            .arg(&rubric)
            .arg("--out")
            .arg(responses.join(format!("p{p}.yaml"))));
        assert_eq!(made.code, 0, "{}", made.stderr);
        let cell = |v: Option<i64>| v.map_or(String::new(), |v| v.to_string());
        one.push(format!("{},{b},{},{}", cell(a_score), 6 - c, cell(e_score)));
        two.push(format!("{f},{g},3"));
    }
    let reference = |header: &str, rows: &[String]| -> serde_json::Value {
        let csv = dir.path().join(format!("{header}.csv").replace(',', ""));
        std::fs::write(&csv, format!("{header}\n{}\n", rows.join("\n"))).unwrap();
        let script = fixture("../reference/scale_quality.py");
        let out = std::process::Command::new(&python)
            .arg(script)
            .arg(&csv)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let analyze = |extra: &[&str]| -> serde_json::Value {
        let out = run(learnlead()
            .args(["rubrics", "analyze"])
            .arg(&responses)
            .arg("--rubric")
            .arg(&rubric)
            .args(["--format", "json"])
            .args(extra));
        assert_eq!(out.code, 0, "{}", out.stderr);
        serde_json::from_str(&out.stdout).unwrap()
    };
    let close = |ours: &serde_json::Value, theirs: &serde_json::Value, what: &str| {
        let (o, t) = (ours.as_f64().unwrap(), theirs.as_f64().unwrap());
        assert!((o - t).abs() < 5e-4, "{what}: learnlead {o}, reference {t}");
    };
    let pairwise = analyze(&[]);
    let listwise = analyze(&["--listwise"]);
    for (dim, header, rows) in [(0, "a,b,c,e", &one), (1, "f,g,h", &two)] {
        let r = reference(header, rows);
        let (p, l) = (&pairwise["dimensions"][dim], &listwise["dimensions"][dim]);
        close(&p["alpha"], &r["pairwise"]["alpha"], "pairwise alpha");
        close(&p["alpha_ci"][0], &r["pairwise"]["ci"][0], "Feldt lower");
        close(&p["alpha_ci"][1], &r["pairwise"]["ci"][1], "Feldt upper");
        close(&l["alpha"], &r["listwise"]["alpha"], "listwise alpha");
        let k = rows[0].split(',').count();
        for i in 0..k {
            if dim == 1 && i == 2 {
                // Everyone answered h alike: its correlation with the rest is not defined.
                assert!(l["items"][i]["item_rest_r"].is_null(), "{l}");
                continue;
            }
            close(
                &l["items"][i]["item_rest_r"],
                &r["listwise"]["item_rest"][i],
                "item-rest r",
            );
            close(
                &l["items"][i]["alpha_if_dropped"],
                &r["listwise"]["alpha_without"][i],
                "alpha if dropped",
            );
        }
        match dim {
            0 => close(&p["omega"], &r["omega"], "omega"),
            _ => assert!(
                p["omega"].is_null(),
                "no omega with a constant statement: {p}"
            ),
        }
    }
    let flags = pairwise["dimensions"][1]["statements"][2]["flags"].to_string();
    assert!(flags.contains("everyone answered it alike"), "{flags}");
    // The order of the files does not change a figure.
    let shuffled = dir.path().join("shuffled");
    std::fs::create_dir(&shuffled).unwrap();
    for p in 0..40 {
        std::fs::copy(
            responses.join(format!("p{p}.yaml")),
            shuffled.join(format!("{:02}.yaml", 39 - p)),
        )
        .unwrap();
    }
    let out = run(learnlead()
        .args(["rubrics", "analyze"])
        .arg(&shuffled)
        .arg("--rubric")
        .arg(&rubric)
        .args(["--format", "json"]));
    let again: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(again["dimensions"], pairwise["dimensions"]);
}
