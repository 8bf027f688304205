//! `learnlead session`: a workshop session file started, recorded into from a file, checked,
//! and refused with one clear error per problem, each with its file, line and column.

use crate::support::{learnlead, run};

const GOOD: &str = "session: 1\nid: 2026-12-04-ab12\nrubric: wenger-trayner\ndate: 2026-12-04\nscope: the core team, over the past six months\ndimensions: [relevance, voices, power]\n";

/// Runs `learnlead session --check` on a session file holding `text`; its exit code and
/// standard error.
fn check(text: &str) -> (i32, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("session.yaml");
    std::fs::write(&path, text).unwrap();
    let out = run(learnlead()
        .arg("session")
        .arg("--session")
        .arg(&path)
        .arg("--check"));
    (out.code, out.stderr, path.display().to_string())
}

#[test]
fn each_bad_session_file_gets_one_clear_error_with_its_line_and_column() {
    let cases: [(&str, String, &str); 5] = [
        (
            "an unknown dimension",
            GOOD.replace("[relevance, voices, power]", "[relevance, voices, powr]"),
            "`powr` is not a dimension of the rubric `wenger-trayner` (did you mean `power`?)",
        ),
        (
            "a point off the scale",
            format!("{GOOD}agreed:\n  voices:\n    point: 6\n"),
            "9:5: 6 is off the scale; an agreed point lies from 1 to 5",
        ),
        (
            "a due date that is not a date",
            format!("{GOOD}actions:\n- id: a1\n  text: Pair newcomers\n  due: end of March\n"),
            "10:3: `end of March` is not a date; write it as YYYY-MM-DD (2027-01-31)",
        ),
        (
            "an action with no text",
            format!("{GOOD}actions:\n- id: a1\n  text: ''\n"),
            "9:3: an action needs a text: what will be done",
        ),
        (
            "a previous that points at itself",
            format!("{GOOD}previous:\n  id: 2026-12-04-ab12\n  date: 2026-06-01\n"),
            "8:3: `previous` names this session itself; it must be an earlier one",
        ),
    ];
    for (what, text, said) in cases {
        let (code, stderr, path) = check(&text);
        assert_eq!(code, 2, "{what}: {stderr}");
        assert!(stderr.contains(&path), "{what}: names the file: {stderr}");
        assert!(stderr.contains(said), "{what}: {said} in {stderr}");
        assert_eq!(
            stderr.matches("error").count(),
            1,
            "{what}: one error: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
    // The shape is checked too: an unknown field, with its place.
    let (code, stderr, _) = check(&format!("{GOOD}agreed:\n  voices:\n    pint: 3\n"));
    assert_eq!(code, 2);
    assert!(stderr.contains("unknown field `pint`"), "{stderr}");
    // And a good one is printed, unchanged.
    let (code, stderr, _) = check(GOOD);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn a_session_is_started_once_recorded_from_a_file_and_never_replaces_another_file() {
    let dir = tempfile::tempdir().unwrap();
    let room = dir.path();
    let start = |extra: &[&str]| run(learnlead().arg("session").arg(room).args(extra));
    let out = start(&["--scope", "the core team", "--only", "voices,relevance"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("We are rating: the core team"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("Not assessed"), "{}", out.stdout);
    let text = std::fs::read_to_string(room.join("session.yaml")).unwrap();
    assert!(
        text.contains("dimensions:\n- relevance\n- voices\n"),
        "rubric order: {text}"
    );
    // Bad flags change nothing.
    let before = text.clone();
    for bad in [&["--only", "voice"][..], &["--scope", "two\nlines"]] {
        let out = start(bad);
        assert_eq!(out.code, 2, "{}", out.stderr);
    }
    assert_eq!(
        std::fs::read_to_string(room.join("session.yaml")).unwrap(),
        before
    );
    // A file of changes: each problem at its line in that file, and nothing recorded.
    let update = room.join("update.yaml");
    std::fs::write(
        &update,
        "agreed:\n  voices: {point: 3.5}\nactions:\n- text: Pair newcomers\n  due: 2027-02-30\n",
    )
    .unwrap();
    let out = start(&["--from", update.to_str().unwrap()]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("update.yaml:5:3: `2027-02-30` is not a date"),
        "{}",
        out.stderr
    );
    assert_eq!(
        std::fs::read_to_string(room.join("session.yaml")).unwrap(),
        before
    );
    std::fs::write(&update, "agreed:\n  voices: {point: 3.5, reasoning: heard}\nactions:\n- text: Pair newcomers\n  effort: low\n  impact: high\n").unwrap();
    let out = start(&["--from", update.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("Voices: 3.5"), "{}", out.stdout);
    assert!(
        out.stdout
            .contains("Quick wins (low effort, high impact): a1"),
        "{}",
        out.stdout
    );
    // A session is never written over a file that is not one.
    let other = room.join("notes.yaml");
    std::fs::write(&other, "mine: true\n").unwrap();
    let out = run(learnlead()
        .arg("session")
        .arg("--session")
        .arg(&other)
        .args(["--scope", "x"]));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert_eq!(std::fs::read_to_string(&other).unwrap(), "mine: true\n");
    // The schema is JSON.
    let schema = run(learnlead().args(["session", "--schema"]));
    let v: serde_json::Value = serde_json::from_str(&schema.stdout).unwrap();
    assert_eq!(v["title"], "learnlead session");
}
