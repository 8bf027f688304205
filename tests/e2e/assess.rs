//! `learnlead assess` with `--answers`, and without a terminal.

use crate::support::{fixture, learnlead, run, small_rubric};

/// The response file in `dir`, parsed.
fn response(path: &std::path::Path) -> serde_yaml::Value {
    let text = std::fs::read_to_string(path).unwrap();
    serde_yaml::from_str(&text).unwrap()
}

#[test]
fn without_a_terminal_it_says_to_use_answers() {
    let out = run(learnlead().args(["assess", "--rubric", &small_rubric()]));
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--answers FILE"), "{}", out.stderr);
}

#[test]
fn answers_file_builds_a_complete_response() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(learnlead()
        .current_dir(dir.path())
        .args(["assess", "--rubric", &small_rubric(), "--answers"])
        .arg(fixture("answers/small-full.yaml")));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("Saved your response to ana-"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("OVERALL"), "{}", out.stdout);
    let file = std::fs::read_dir(dir.path())
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let r = response(&file);
    assert_eq!(
        r["answers"]["share-2"]["na"].as_str(),
        Some("we never hoard")
    );
    assert_eq!(r["dimensions"]["sharing"]["desired"].as_i64(), Some(4));
    assert_eq!(
        r["dimensions"]["caring"]["note"].as_str(),
        Some("Two people left | quietly")
    );
}

#[test]
fn answers_file_errors_name_the_item_file_and_line() {
    let out = run(learnlead()
        .args(["assess", "--rubric", &small_rubric(), "--answers"])
        .arg(fixture("answers/small-bad.yaml")));
    assert_eq!(out.code, 2);
    let f = fixture("answers/small-bad.yaml").display().to_string();
    assert!(
        out.stderr.contains(&format!(
            "{f}:4:3: item `share-1`: 7 is outside the scale 1..4"
        )),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains(&format!(
            "{f}:5:3: `share-3` is not an item of the rubric `small`"
        )),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("2 of 3 items have no answer: share-2, care-1"),
        "{}",
        out.stderr
    );
}

#[test]
fn answers_file_with_items_left_out_needs_partial() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("part.yaml");
    std::fs::write(&answers, "answers:\n  share-1: 2\n").unwrap();
    let refused = run(learnlead().current_dir(dir.path()).args([
        "assess",
        "--rubric",
        &small_rubric(),
        "--answers",
        "part.yaml",
    ]));
    assert_eq!(refused.code, 2);
    assert!(
        refused.stderr.contains("use --partial"),
        "{}",
        refused.stderr
    );
    let ok = run(learnlead().current_dir(dir.path()).args([
        "assess",
        "--rubric",
        &small_rubric(),
        "--answers",
        "part.yaml",
        "--partial",
        "--out",
        "p.yaml",
    ]));
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    assert!(ok.stdout.contains("unfinished"), "{}", ok.stdout);
    assert!(response(&dir.path().join("p.yaml"))["completed"].is_null());
}

#[test]
fn an_existing_complete_response_is_never_overwritten_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("mine.yaml");
    let args = |force: bool| {
        let mut c = learnlead();
        c.args(["assess", "--rubric", &small_rubric(), "--answers"])
            .arg(fixture("answers/small-full.yaml"))
            .arg("--out")
            .arg(&out);
        if force {
            c.arg("--force");
        }
        c
    };
    assert_eq!(run(&mut args(false)).code, 0);
    let before = std::fs::read_to_string(&out).unwrap();
    let again = run(&mut args(false));
    assert_eq!(again.code, 2);
    assert!(
        again.stderr.contains("already holds a finished response"),
        "{}",
        again.stderr
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), before);
    assert_eq!(run(&mut args(true)).code, 0);
}

#[test]
fn answers_for_an_unknown_rubric_or_missing_file_are_clear_errors() {
    let out = run(learnlead().args(["assess", "--rubric", "nope", "--answers", "x.yaml"]));
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("no rubric `nope`"), "{}", out.stderr);
    let out = run(learnlead().args([
        "assess",
        "--rubric",
        &small_rubric(),
        "--answers",
        "missing.yaml",
    ]));
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("cannot read missing.yaml"),
        "{}",
        out.stderr
    );
}

#[test]
fn an_out_in_a_missing_folder_is_refused_before_any_question() {
    let out = run(learnlead()
        .args(["assess", "--rubric", &small_rubric(), "--answers"])
        .arg(fixture("answers/small-full.yaml"))
        .args(["--out", "/no/such/folder/me.yaml"]));
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("the folder /no/such/folder does not exist"),
        "{}",
        out.stderr
    );
}
