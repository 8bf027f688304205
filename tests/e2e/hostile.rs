//! The hostile corpus: `tests/hostile/KIND/NAME`, each file named after what it attacks. Every
//! command that reads that kind of file is run on each one, in a folder of its own, and must
//! end cleanly: exit 2, an `error:` line (after the list of problems, where there are several), no panic, nothing written, nothing from a file it
//! should not read (the password file), no escape sequence reaching the terminal, and no line
//! that repeats a huge value.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::support::{learnlead, run, workspace};

/// The commands that read a file of `kind`, with `{}` for the file.
fn commands(kind: &str) -> &'static [&'static [&'static str]] {
    match kind {
        "responses" => &[
            &["report", "{}"],
            &["report", "{}", "--format", "html", "--out", "out.html"],
            &["compare", "{}"],
            &["compare", "{}", "--format", "csv", "--out", "out.csv"],
            &["bundle", "{}", "--out-dir", "bundle"],
        ],
        "rubrics" => &[
            &["rubrics", "validate", "{}"],
            &["rubrics", "show", "{}"],
            &["worksheet", "--rubric", "{}"],
            &[
                "assess",
                "--answers",
                "answers.yaml",
                "--rubric",
                "{}",
                "--out",
                "r.yaml",
            ],
        ],
        "answers" => &[&[
            "assess",
            "--answers",
            "{}",
            "--rubric",
            "small",
            "--out",
            "r.yaml",
        ]],
        "csv" => &[&["import", "{}", "--rubric", "small", "--out-dir", "imported"]],
        "configs" => &[
            &["report", "valid.yaml", "--config", "{}", "--format", "html"],
            &["compare", "valid.yaml", "--config", "{}", "--format", "md"],
        ],
        "templates" => &[&[
            "report",
            "valid.yaml",
            "--template",
            "{}",
            "--format",
            "html",
            "--out",
            "out.html",
        ]],
        other => panic!("no commands for hostile {other}"),
    }
}

/// The hash the test rubric has today, from the valid response in `dir`.
fn hash(dir: &Path) -> String {
    let text = std::fs::read_to_string(dir.join("valid.yaml")).unwrap();
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with("hash:"))
        .unwrap();
    line.trim_start()
        .trim_start_matches("hash:")
        .trim()
        .trim_matches('\'')
        .to_string()
}

fn listing(dir: &Path) -> BTreeSet<PathBuf> {
    let mut out = BTreeSet::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p.clone());
            }
            out.insert(p.strip_prefix(dir).unwrap().to_path_buf());
        }
    }
    out
}

fn corpus(kind: &str) -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/hostile")
        .join(kind);
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "the {kind} corpus is empty");
    files
}

/// Runs every command for `kind` on every file of its corpus; returns the failures.
fn attack(kind: &str) -> Vec<String> {
    let mut failures = Vec::new();
    for file in corpus(kind) {
        let work = workspace();
        let name = file.file_name().unwrap().to_str().unwrap().to_string();
        // `hash: HASH` stands for the test rubric's real hash: such a response claims the
        // rubric as it is, so what does not fit it is an error, not an older version's answer.
        let bytes = std::fs::read(&file).unwrap();
        let bytes = match String::from_utf8(bytes) {
            Ok(text) => text
                .replace("hash: HASH", &format!("hash: '{}'", hash(work.path())))
                .into_bytes(),
            Err(e) => e.into_bytes(),
        };
        std::fs::write(work.path().join(&name), bytes).unwrap();
        for command in commands(kind) {
            let before = listing(work.path());
            let args: Vec<String> = command.iter().map(|a| a.replace("{}", &name)).collect();
            let r = run(learnlead().current_dir(work.path()).args(&args));
            let said = format!("{}{}", r.stdout, r.stderr);
            let mut wrong = Vec::new();
            if r.code != 2 {
                wrong.push(format!("exit {}", r.code));
            }
            if !r.stderr.contains("error: ") {
                wrong.push("no `error:` line".into());
            }
            if said.contains("panicked") || said.contains("internal error") {
                wrong.push("a panic".into());
            }
            if said.contains("root:x:0:0") || said.contains("/bin/sh\n") {
                wrong.push("the password file's content".into());
            }
            if said.contains('\u{1b}') || said.contains('\u{202e}') || said.contains('\u{7}') {
                wrong.push("a raw escape or bidi control".into());
            }
            if said.lines().any(|l| l.chars().count() > 400) {
                wrong.push("a line over 400 characters".into());
            }
            if listing(work.path()) != before {
                wrong.push("files written".into());
            }
            if !wrong.is_empty() {
                failures.push(format!(
                    "{kind}/{name}: `learnlead {}`: {}\n    stderr: {}",
                    args.join(" "),
                    wrong.join(", "),
                    r.stderr.chars().take(300).collect::<String>()
                ));
            }
        }
    }
    failures
}

macro_rules! corpus_test {
    ($name:ident, $kind:literal) => {
        #[test]
        fn $name() {
            let failures = attack($kind);
            assert!(failures.is_empty(), "\n{}", failures.join("\n"));
        }
    };
}

corpus_test!(hostile_responses_end_cleanly, "responses");
corpus_test!(hostile_rubrics_end_cleanly, "rubrics");
corpus_test!(hostile_answers_end_cleanly, "answers");
corpus_test!(hostile_csv_files_end_cleanly, "csv");
corpus_test!(hostile_configs_end_cleanly, "configs");
corpus_test!(hostile_templates_end_cleanly, "templates");
