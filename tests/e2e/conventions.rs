//! What people expect of a command-line tool: completions and a man page, `-` for standard
//! input, "did you mean", file names that keep people's letters.

use crate::support::{fixture, learnlead, run};

#[test]
fn completions_for_each_shell_and_a_man_page() {
    for (shell, mark) in [
        ("bash", "_learnlead()"),
        ("zsh", "#compdef learnlead"),
        ("fish", "complete -c learnlead"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer[learnlead]"),
    ] {
        let out = run(learnlead().args(["completions", shell]));
        assert_eq!(out.code, 0, "{shell}: {}", out.stderr);
        assert!(out.stdout.contains(mark), "{shell}");
        assert!(
            out.stdout.contains("assess"),
            "{shell} completes the commands"
        );
    }
    let unknown = run(learnlead().args(["completions", "tcsh"]));
    assert_eq!(unknown.code, 2);
    let man = run(learnlead().arg("man"));
    assert_eq!(man.code, 0, "{}", man.stderr);
    assert!(man.stdout.starts_with(".ie") || man.stdout.contains(".TH learnlead 1"));
    assert!(man.stdout.contains(".SH NAME"));
    assert!(man.stdout.contains("completions"), "lists the commands");
}

#[test]
fn a_dash_is_standard_input_for_answers_responses_and_csv() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ana.yaml");
    let answers = std::fs::read(fixture("answers/small-full.yaml")).unwrap();
    let made = run(learnlead()
        .args(["assess", "--rubric", "small", "--answers", "-", "--out"])
        .arg(&out)
        .write_stdin(answers));
    assert_eq!(made.code, 0, "{}", made.stderr);
    let response = std::fs::read(&out).unwrap();
    let md = run(learnlead()
        .args(["report", "-", "--format", "md"])
        .write_stdin(response));
    assert_eq!(md.code, 0, "{}", md.stderr);
    assert!(
        md.stdout.starts_with("# Reflection report: A small rubric"),
        "{}",
        md.stdout
    );
    let csv = std::fs::read(fixture("csv/small-group.csv")).unwrap();
    let imported = run(learnlead()
        .args(["import", "-", "--rubric", "small", "--out-dir"])
        .arg(dir.path().join("group"))
        .write_stdin(csv));
    assert_eq!(imported.code, 0, "{}", imported.stderr);
    assert_eq!(
        std::fs::read_dir(dir.path().join("group")).unwrap().count(),
        4
    );
}

#[test]
fn a_misspelt_rubric_item_or_key_gets_a_suggestion() {
    let out = run(learnlead().args(["rubrics", "show", "wenger-trainer"]));
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("no rubric `wenger-trainer` (did you mean `wenger-trayner`?)"),
        "{}",
        out.stderr
    );
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("a.yaml");
    std::fs::write(&answers, "nmae: Ana\nanswers:\n  shar-1: 3\n").unwrap();
    let out = run(learnlead()
        .args(["assess", "--rubric", "small", "--partial", "--answers"])
        .arg(&answers)
        .arg("--out")
        .arg(dir.path().join("r.yaml")));
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("(did you mean `name`?)"),
        "{}",
        out.stderr
    );
    std::fs::write(&answers, "name: Ana\nanswers:\n  shar-1: 3\n").unwrap();
    let out = run(learnlead()
        .args(["assess", "--rubric", "small", "--partial", "--answers"])
        .arg(&answers)
        .arg("--out")
        .arg(dir.path().join("r.yaml")));
    assert!(
        out.stderr
            .contains("`shar-1` is not an item of the rubric `small` (did you mean `share-1`?)"),
        "{}",
        out.stderr
    );
}

#[test]
fn file_names_keep_the_letters_of_peoples_names() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("a.yaml");
    let text = std::fs::read_to_string(fixture("answers/small-full.yaml"))
        .unwrap()
        .replace("name: Ana", "name: Chloé Ørsted");
    std::fs::write(&answers, text).unwrap();
    let out = run(learnlead()
        .current_dir(dir.path())
        .args(["assess", "--rubric", "small", "--answers"])
        .arg(&answers));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let made: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("chloe"))
        .collect();
    assert_eq!(made.len(), 1, "{made:?}");
    assert!(made[0].starts_with("chloe-orsted-"), "{made:?}");
}
