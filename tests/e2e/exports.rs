//! `import` reads real exports as they come: Google Forms, Microsoft Forms (.xlsx),
//! SurveyMonkey (two header rows) and a spreadsheet saved with semicolons and a byte-order mark.
//! The fixtures in tests/fixtures/exports/ are shaped as each tool writes them, for the
//! version of `cop-functions` they were made with (2.0, kept in tests/fixtures/rubrics/), so
//! that rewording the shipped rubric does not change what these tests read.

use crate::support::{fixture, learnlead, run};

/// The rubric the exports were made with.
fn cop_functions() -> String {
    fixture("rubrics/cop-functions-2.0.yaml")
        .display()
        .to_string()
}

fn import(file: &str, dir: &std::path::Path) -> crate::support::Outcome {
    run(learnlead()
        .arg("import")
        .arg(fixture(&format!("exports/{file}")))
        .args(["--rubric", &cop_functions(), "--out-dir"])
        .arg(dir))
}

fn responses(dir: &std::path::Path) -> Vec<serde_yaml::Value> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| serde_yaml::from_str(&std::fs::read_to_string(f).unwrap()).unwrap())
        .collect()
}

#[test]
fn every_export_becomes_complete_responses_without_editing() {
    for file in [
        "google-forms.csv",
        "microsoft-forms.xlsx",
        "surveymonkey.csv",
        "spreadsheet-semicolon.csv",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let out = import(file, dir.path());
        assert_eq!(out.code, 0, "{file}: {}", out.stderr);
        assert!(
            out.stdout.contains("wrote 3 response(s)"),
            "{file}: {}",
            out.stdout
        );
        assert!(
            out.stdout.contains("(3 complete, 0 unfinished)"),
            "{file}: {}",
            out.stdout
        );
        let names: Vec<String> = responses(dir.path())
            .iter()
            .map(|r| r["name"].as_str().unwrap_or("").to_string())
            .collect();
        assert_eq!(
            names,
            ["Ana Okafor", "Bo Lindqvist", "Chloé Martin"],
            "{file}"
        );
        // And compare reads them as they are.
        let compared = run(learnlead().arg("compare").arg(dir.path()).args([
            "--rubric",
            &cop_functions(),
            "--format",
            "json",
        ]));
        assert_eq!(compared.code, 0, "{file}: {}", compared.stderr);
    }
}

#[test]
fn labels_not_applicable_and_dont_know_cells_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let out = import("google-forms.csv", dir.path());
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("note: passed over 2 column(s): A \"Timestamp\", B \"Email Address\""),
        "{}",
        out.stderr
    );
    let all = responses(dir.path());
    let ana = &all[0];
    assert_eq!(ana["role"], "member");
    assert_eq!(ana["answers"]["education-2"], "na", "Not applicable");
    assert_eq!(all[1]["answers"]["education-3"], "dk", "Don't know");
    // encouragement-1 uses the how-often answers: a label like "Often" is read in its words.
    assert!(ana["answers"]["encouragement-1"].as_i64().is_some());
}

#[test]
fn a_dry_run_shows_the_mapping_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("never");
    let out = run(learnlead()
        .arg("import")
        .arg(fixture("exports/surveymonkey.csv"))
        .args(["--rubric", &cop_functions(), "--dry-run", "--out-dir"])
        .arg(&target));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("The header takes 2 rows."),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("Your name / Open-Ended Response"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("(passed over)"), "{}", out.stdout);
    assert!(
        out.stdout
            .contains("3 row(s) would become responses (3 complete)"),
        "{}",
        out.stdout
    );
    assert!(!target.exists(), "nothing written");
}

#[test]
fn columns_can_be_named_and_a_wrong_cell_is_named_by_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("x.csv");
    std::fs::write(
        &csv,
        "Nom,Équipe,Members bring questions from their daily work to the community.\nAna,Makers,Sometimes true\n",
    )
    .unwrap();
    let out = run(learnlead()
        .arg("import")
        .arg(&csv)
        .args([
            "--rubric",
            "cop-functions",
            "--name-column",
            "nom",
            "--community-column",
            "B",
            "--out-dir",
        ])
        .arg(dir.path().join("out")));
    assert_eq!(out.code, 2);
    let f = csv.display().to_string();
    assert!(
        out.stderr.contains(&format!("{f}:2:3: row 2, column C `education-1`: \"Sometimes true\" is not a score (1 to 5), a label (Not true,")),
        "{}",
        out.stderr
    );
    assert!(!dir.path().join("out").exists());
}

fn import_small(file: &str, dir: &std::path::Path, extra: &[&str]) -> crate::support::Outcome {
    run(learnlead()
        .arg("import")
        .arg(fixture(&format!("exports/{file}")))
        .args(["--rubric", "small", "--out-dir"])
        .arg(dir)
        .args(extra))
}

fn names(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = responses(dir)
        .iter()
        .filter_map(|r| r["name"].as_str().map(str::to_string))
        .collect();
    names.sort();
    names
}

#[test]
fn a_first_participant_whose_comment_quotes_a_statement_is_a_participant() {
    let dir = tempfile::tempdir().unwrap();
    let out = import_small("first-participant-quotes-a-statement.csv", dir.path(), &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(names(dir.path()), ["Ana Okafor", "Bo Lindqvist"]);
}

#[test]
fn a_tab_separated_export_with_commas_in_its_questions_is_read_by_tabs() {
    let dir = tempfile::tempdir().unwrap();
    let out = import_small("tab-separated-commas-in-headers.tsv", dir.path(), &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(names(dir.path()), ["Ana Okafor", "Bo Lindqvist"]);
}

#[test]
fn the_first_visible_sheet_is_read_and_said_and_another_can_be_named() {
    let dir = tempfile::tempdir().unwrap();
    let out = import_small("xlsx-hidden-first-sheet.xlsx", &dir.path().join("a"), &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("read the sheet `Responses`"),
        "{}",
        out.stderr
    );
    assert_eq!(names(&dir.path().join("a")), ["Ana Okafor", "Bo Lindqvist"]);
    // The hidden one, named on purpose: it holds no statements.
    let out = import_small(
        "xlsx-hidden-first-sheet.xlsx",
        &dir.path().join("b"),
        &["--sheet", "Old answers"],
    );
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("read the sheet `Old answers`"),
        "{}",
        out.stderr
    );
    let out = import_small(
        "xlsx-hidden-first-sheet.xlsx",
        &dir.path().join("c"),
        &["--sheet", "Nope"],
    );
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("its sheets: `Old answers`, `Responses`"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_workbook_that_lies_or_reaches_its_last_cell_is_refused_without_a_crash() {
    for (file, says) in [
        (
            "xlsx-value-in-the-last-cell.xlsx",
            "has a value in cell XFD1048576",
        ),
        (
            "xlsx-entry-lies-about-its-size.xlsx",
            "unpacks to more than the 64 MB",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let out = run(learnlead()
            .arg("import")
            .arg(
                std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("tests/hostile/csv")
                    .join(file),
            )
            .args(["--rubric", "small", "--out-dir"])
            .arg(dir.path().join("out")));
        assert_eq!(out.code, 2, "{file}: {}", out.stderr);
        assert!(out.stderr.contains(says), "{file}: {}", out.stderr);
    }
}

#[test]
fn options_numbered_the_other_way_round_are_said_once_for_the_column() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(learnlead()
        .arg("import")
        .arg(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/hostile/csv/options-numbered-the-other-way-round.csv"),
        )
        .args(["--rubric", "small", "--out-dir"])
        .arg(dir.path().join("out")));
    assert_eq!(out.code, 2, "{}", out.stderr);
    let lines: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.contains("column B"))
        .collect();
    assert_eq!(lines.len(), 1, "{}", out.stderr);
    assert!(
        lines[0].contains("numbers its options the other way round"),
        "{}",
        out.stderr
    );
    assert!(!dir.path().join("out").exists(), "nothing written");
}

#[test]
fn the_long_csv_compare_writes_imports_back_to_the_same_answers() {
    let dir = tempfile::tempdir().unwrap();
    let out = import_small(
        "first-participant-quotes-a-statement.csv",
        &dir.path().join("a"),
        &[],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let csv = dir.path().join("long.csv");
    let out = run(learnlead()
        .arg("compare")
        .arg(dir.path().join("a"))
        .args(["--rubric", "small", "--format", "csv", "--out"])
        .arg(&csv));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = run(learnlead()
        .arg("import")
        .arg(&csv)
        .args(["--rubric", "small", "--out-dir"])
        .arg(dir.path().join("b")));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let answers = |d: &str| -> Vec<(String, String)> {
        let mut all: Vec<(String, String)> = responses(&dir.path().join(d))
            .iter()
            .map(|r| {
                (
                    r["name"].as_str().unwrap_or_default().to_string(),
                    serde_yaml::to_string(&r["answers"]).unwrap(),
                )
            })
            .collect();
        all.sort();
        all
    };
    assert_eq!(answers("a"), answers("b"));
}

#[test]
fn a_google_forms_export_with_free_text_and_its_own_role_question_imports() {
    let dir = tempfile::tempdir().unwrap();
    let out = import_small("google-forms-free-text.csv", &dir.path().join("a"), &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(names(&dir.path().join("a")), ["Ana Okafor", "Bo Lindqvist"]);
    assert!(
        out.stderr.contains("passed over 3 column(s)"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("may be the perspective people answer from: add --role-column C"),
        "{}",
        out.stderr
    );
    let out = import_small(
        "google-forms-free-text.csv",
        &dir.path().join("b"),
        &["--role-column", "C"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let roles: Vec<String> = responses(&dir.path().join("b"))
        .iter()
        .map(|r| r["role"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(roles, ["member", "leader"]);
    // The free-text answers, kept as each person's note on the dimension named for them; the
    // note reaches the group report.
    let out = import_small(
        "google-forms-free-text.csv",
        &dir.path().join("c"),
        &[
            "--role-column",
            "C",
            "--notes-column",
            "Anything else you want to tell us about the community?=sharing",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let kept = responses(&dir.path().join("c"));
    assert_eq!(
        kept[0]["dimensions"]["sharing"]["note"],
        "We meet too rarely"
    );
    let md = run(learnlead()
        .arg("compare")
        .arg(dir.path().join("c"))
        .args(["--format", "md"]));
    assert!(
        md.stdout.contains("**Ana Okafor**: We meet too rarely"),
        "{}",
        md.stdout
    );
    // A dimension the rubric does not have is refused before anything is read.
    let out = import_small(
        "google-forms-free-text.csv",
        &dir.path().join("d"),
        &["--notes-column", "G=nowhere"],
    );
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("has no dimension `nowhere`; its dimensions: sharing, caring"),
        "{}",
        out.stderr
    );
    assert!(!dir.path().join("d").exists());
    let out = import_small(
        "google-forms-free-text.csv",
        &dir.path().join("e"),
        &["--notes-column", "=sharing"],
    );
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("names no column"), "{}", out.stderr);
    // A column that matches nothing is said, not silently dropped.
    let out = import_small(
        "google-forms-free-text.csv",
        &dir.path().join("f"),
        &["--notes-column", "Comments=sharing"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("matches no column"), "{}", out.stderr);
}

#[test]
fn a_dry_run_shows_the_whole_mapping_even_with_problems_then_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(learnlead()
        .arg("import")
        .arg(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/hostile/csv/header-contains-a-statement.csv"),
        )
        .args(["--rubric", "small", "--dry-run"])
        .current_dir(dir.path()));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stdout.contains("share-1"),
        "the mapping is shown: {}",
        out.stdout
    );
    assert!(
        out.stdout.contains("(not read: a problem, below)"),
        "{}",
        out.stdout
    );
    assert!(
        out.stderr.contains("is close to the statement `care-1`"),
        "{}",
        out.stderr
    );
}

/// An export of `rows` people on the small rubric, longer than the part its separator is
/// guessed from (1 MiB) when `rows` is in the tens of thousands; `bad_row` (1-based, under the
/// header) holds a name in Latin-1, as an old spreadsheet saves it.
fn long_export(rows: usize, bad_row: Option<usize>) -> Vec<u8> {
    let mut bytes = b"name;share-1;share-2;care-1\n".to_vec();
    for i in 1..=rows {
        if Some(i) == bad_row {
            bytes.extend(b"Zo\xe9;1;2;3\n");
        } else {
            bytes.extend(
                format!(
                    "Person {i} of a long export, with a long name;{};{};4\n",
                    1 + i % 4,
                    1 + i % 3
                )
                .as_bytes(),
            );
        }
    }
    bytes
}

#[test]
fn a_long_export_is_read_as_it_goes_from_a_file_or_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let text = long_export(20_000, None);
    assert!(text.len() > 1 << 20);
    let out = run(learnlead()
        .args(["import", "-", "--rubric", "small", "--out-dir"])
        .arg(dir.path().join("all"))
        .write_stdin(text));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        std::fs::read_dir(dir.path().join("all")).unwrap().count(),
        20_000,
        "every row, the last ones past the separator's guess included, split by semicolons"
    );
    // Named by the first 40 letters of the name.
    let last = std::fs::read_to_string(
        dir.path()
            .join("all/person-20000-of-a-long-export-with-a-lon.yaml"),
    )
    .unwrap();
    assert!(last.contains("share-1: 1"), "{last}");
}

/// `import CSV --rubric small --out-dir out`, `out` beside the CSV.
fn import_into_out(csv: &std::path::Path) -> crate::support::Outcome {
    run(learnlead()
        .arg("import")
        .arg(csv)
        .args(["--rubric", "small", "--out-dir"])
        .arg(csv.with_file_name("out")))
}

#[test]
fn a_row_far_down_that_is_not_text_stops_the_import_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("old.csv");
    std::fs::write(&csv, long_export(20_000, Some(19_000))).unwrap();
    let out = import_into_out(&csv);

    assert_eq!(out.code, 2, "{}", out.stderr);
    let at = format!("{}:19001:3: this file is neither UTF-8 text", csv.display());
    assert!(out.stderr.contains(&at), "{}", out.stderr);
    assert!(
        !dir.path().join("out").exists(),
        "the 18,999 rows read before it are not written"
    );
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(left.len(), 1, "no working folder is left: {left:?}");
}

#[test]
fn a_header_that_is_not_text_is_the_one_problem_said() {
    // Windows-1252, as Excel on Windows saves "CSV" by default.
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("export.csv");
    std::fs::write(&csv, b"Pr\xe9nom;share-1;share-2;care-1\nAna;3;4;2\n").unwrap();
    let out = import_into_out(&csv);
    assert_eq!(out.code, 2, "{}", out.stderr);
    let at = format!("{}:1:3: this file is neither UTF-8 text", csv.display());
    assert!(out.stderr.contains(&at), "{}", out.stderr);
    assert!(
        !out.stderr.contains("no column is one of"),
        "no second guess about the rubric: {}",
        out.stderr
    );
}
