//! Whole command runs as snapshots: exit code, standard output and standard error together
//! (insta-cmd, as minijinja-cli tests itself). Every compare format, the main error messages,
//! and `--help`. A change in what a person sees shows up here for review.

use std::path::Path;
use std::process::Command;

use insta_cmd::assert_cmd_snapshot;

use crate::support::fixture;

/// `learnlead` in `dir`, with `dir/rubrics` as the rubrics folder, no colour, 100 columns.
/// Paths are relative, so the snapshots hold no machine's folders.
fn cli(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_learnlead"));
    cmd.current_dir(dir)
        .env("LEARNLEAD_RUBRICS", "rubrics")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100");
    cmd
}

/// A folder holding the test rubric in `rubrics/`, the small group's responses in
/// `responses/`, and the fixtures the error cases read.
fn group() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("rubrics")).unwrap();
    for (from, to) in [
        ("catalog/small.yaml", "rubrics/small.yaml"),
        ("csv/small-group.csv", "small-group.csv"),
        ("csv/small-bad.csv", "small-bad.csv"),
        ("rubrics/many-problems.yaml", "many-problems.yaml"),
    ] {
        std::fs::copy(fixture(from), dir.path().join(to)).unwrap();
    }
    std::fs::write(
        dir.path().join("broken.md.j2"),
        "# {{ rubric.title }}\n{{ rubric.titel }}\n",
    )
    .unwrap();
    let out = cli(dir.path())
        .args(["import", "small-group.csv"])
        .args(["--rubric", "small", "--out-dir", "responses"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir
}

/// Runs `args` in a fresh group folder and snapshots the run under `name`.
macro_rules! snapshot_run {
    ($name:literal, $args:expr) => {{
        let dir = group();
        insta::with_settings!({
            snapshot_suffix => $name,
            omit_expression => true,
            filters => vec![
                (r"/tmp/\.tmp[A-Za-z0-9]+", "[TMP]"),
            ],
        }, {
            assert_cmd_snapshot!(cli(dir.path()).args($args));
        });
    }};
}

#[test]
fn compare_in_every_format() {
    snapshot_run!("table", ["compare", "responses", "--format", "table"]);
    snapshot_run!("md", ["compare", "responses", "--format", "md"]);
    snapshot_run!("json", ["compare", "responses", "--format", "json"]);
    snapshot_run!("csv", ["compare", "responses", "--format", "csv"]);
    snapshot_run!("html", ["compare", "responses", "--format", "html"]);
    snapshot_run!(
        "by-role",
        ["compare", "responses", "--by", "role", "--format", "table"]
    );
    snapshot_run!(
        "anonymized",
        ["compare", "responses", "--anonymize", "--format", "table"]
    );
}

#[test]
fn main_error_messages() {
    snapshot_run!("missing-file", ["report", "nowhere.yaml"]);
    snapshot_run!("folder-without-responses", ["compare", "."]);
    snapshot_run!(
        "unknown-rubric",
        ["assess", "--rubric", "nope", "--answers", "x.yaml"]
    );
    snapshot_run!(
        "out-over-a-response",
        [
            "report",
            "responses/ana-okafor.yaml",
            "--format",
            "md",
            "--out",
            "responses/bo-lindqvist.yaml"
        ]
    );
    snapshot_run!(
        "bad-cells",
        [
            "import",
            "small-bad.csv",
            "--rubric",
            "small",
            "--out-dir",
            "x"
        ]
    );
    snapshot_run!(
        "invalid-rubric",
        ["rubrics", "validate", "many-problems.yaml"]
    );
    snapshot_run!("no-terminal", ["assess"]);
    snapshot_run!(
        "template-error",
        [
            "report",
            "responses/ana-okafor.yaml",
            "--template",
            "broken.md.j2",
            "--format",
            "md"
        ]
    );
    snapshot_run!(
        "bundle-into-a-file",
        [
            "bundle",
            "responses",
            "--out-dir",
            "responses/ana-okafor.yaml"
        ]
    );
}

#[test]
fn help_for_every_command() {
    snapshot_run!("help", ["--help"]);
    for command in [
        "assess",
        "report",
        "compare",
        "import",
        "worksheet",
        "form",
        "serve",
        "bundle",
        "init-config",
        "templates",
        "rubrics",
        "completions",
        "man",
    ] {
        let dir = group();
        insta::with_settings!({ snapshot_suffix => format!("help-{command}"), omit_expression => true }, {
            assert_cmd_snapshot!(cli(dir.path()).args([command, "--help"]));
        });
    }
}

/// Each command's main path, as a person runs it: what it says, on which stream, and its exit.
#[test]
fn each_command_main_path() {
    snapshot_run!("rubrics-list", ["rubrics", "list"]);
    snapshot_run!("rubrics-show", ["rubrics", "show", "small"]);
    snapshot_run!(
        "rubrics-validate-ok",
        ["rubrics", "validate", "rubrics/small.yaml"]
    );
    snapshot_run!(
        "report-table",
        ["report", "responses/ana-okafor.yaml", "--format", "table"]
    );
    snapshot_run!(
        "report-to-a-file",
        ["report", "responses/ana-okafor.yaml", "--out", "ana.html"]
    );
    snapshot_run!(
        "import-dry-run",
        [
            "import",
            "small-group.csv",
            "--rubric",
            "small",
            "--dry-run"
        ]
    );
    snapshot_run!(
        "import",
        [
            "import",
            "small-group.csv",
            "--rubric",
            "small",
            "--out-dir",
            "again"
        ]
    );
    snapshot_run!(
        "worksheet-md",
        ["worksheet", "--rubric", "small", "--format", "md"]
    );
    snapshot_run!(
        "form-to-a-file",
        ["form", "--rubric", "small", "--out", "survey.html"]
    );
    snapshot_run!("init-config", ["init-config", "learnlead.yaml"]);
    snapshot_run!("templates-export", ["templates", "export", "mine"]);
    snapshot_run!(
        "bundle",
        ["bundle", "responses", "--out-dir", "deliverable"]
    );
    snapshot_run!(
        "compare-to-a-file",
        ["compare", "responses", "--out", "group.md"]
    );
}

/// The commonest refusals beyond the main error messages.
#[test]
fn commonest_refusals() {
    snapshot_run!(
        "report-unknown-extension",
        ["report", "responses/ana-okafor.yaml", "--out", "ana.odt"]
    );
    snapshot_run!("compare-a-missing-folder", ["compare", "nowhere"]);
    snapshot_run!(
        "import-for-another-rubric",
        [
            "import",
            "small-group.csv",
            "--rubric",
            "cop-functions",
            "--dry-run"
        ]
    );
    snapshot_run!(
        "init-config-over-a-file",
        ["init-config", "small-group.csv"]
    );
    snapshot_run!(
        "form-into-a-missing-folder",
        ["form", "--rubric", "small", "--out", "no/such/survey.html"]
    );
}
