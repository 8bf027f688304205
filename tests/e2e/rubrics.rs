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
