//! `learnlead assess` through a real pseudo-terminal (Linux and macOS: the pseudo-terminal
//! library's Windows side is a different API; the questionnaire's logic is unit-tested on every
//! system).

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession as Session;
use expectrl::{Eof, Expect};

use crate::support::{fixture, learnlead, run, small_rubric};

const ENTER: &str = "\r";
const ESC: &str = "\x1b";
const CTRL_C: &str = "\x03";

/// `learnlead ARGS` in a pseudo-terminal, in `dir`, with colour off.
fn spawn(dir: &Path, args: &[&str]) -> Session {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_learnlead"));
    cmd.args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .env_remove("LEARNLEAD_RUBRICS");
    let mut s = Session::spawn(cmd).expect("spawn in a pty");
    s.set_expect_timeout(Some(Duration::from_secs(15)));
    s
}

/// Waits for `text` on screen, then types `keys`.
fn at(s: &mut Session, text: &str, keys: &str) {
    s.expect(text)
        .unwrap_or_else(|e| panic!("waiting for {text:?}: {e}"));
    // Let the prompt finish drawing before typing, as a person would.
    std::thread::sleep(Duration::from_millis(60));
    s.send(keys).unwrap();
}

fn exit_code(s: &mut Session) -> i32 {
    let _ = s.expect(Eof);
    match s.get_process().wait().unwrap() {
        WaitStatus::Exited(_, code) => code,
        other => panic!("not exited: {other:?}"),
    }
}

/// The response file in `dir`, parsed.
fn response(path: &Path) -> serde_yaml::Value {
    let text = std::fs::read_to_string(path).unwrap();
    serde_yaml::from_str(&text).unwrap()
}

#[test]
fn answer_a_whole_rubric_going_back_once() {
    let dir = tempfile::tempdir().unwrap();
    let rubric = small_rubric();
    let mut s = spawn(
        dir.path(),
        &["assess", "--rubric", &rubric, "--out", "me.yaml"],
    );
    at(&mut s, "Your name", &format!("Ana{ENTER}"));
    at(
        &mut s,
        "community or context",
        &format!("Makers CoP{ENTER}"),
    );
    at(
        &mut s,
        "perspective you answer from",
        &format!("leader{ENTER}"),
    );
    at(&mut s, "1/3 · Together › Sharing", &format!("2{ENTER}")); // share-1 = 2
    at(&mut s, "2/3 · Together › Sharing", ESC); // back to share-1
    at(&mut s, "1/3 · Together › Sharing", &format!("4{ENTER}")); // share-1 = 4
    at(&mut s, "2/3 · Together › Sharing", &format!("n/a{ENTER}"));
    at(
        &mut s,
        "Why is it not applicable",
        &format!("no hoarding here{ENTER}"),
    );
    at(
        &mut s,
        "Where do you want to be on Sharing",
        &format!("4{ENTER}"),
    );
    at(
        &mut s,
        "A note on Sharing",
        &format!("We share | cases <b>weekly</b>{ENTER}"),
    );
    at(&mut s, "3/3 · Together › Caring", &format!("3{ENTER}"));
    at(
        &mut s,
        "Where do you want to be on Caring",
        &format!("4{ENTER}"),
    );
    at(&mut s, "A note on Caring", ENTER);
    at(&mut s, "Review your answers", ENTER);
    s.expect("Saved your response to me.yaml").unwrap();
    s.expect("Next: learnlead report me.yaml").unwrap();
    assert_eq!(exit_code(&mut s), 0);

    let r = response(&dir.path().join("me.yaml"));
    assert_eq!(r["name"].as_str(), Some("Ana"));
    assert_eq!(r["community"].as_str(), Some("Makers CoP"));
    assert_eq!(r["role"].as_str(), Some("leader"));
    assert_eq!(
        r["answers"]["share-1"].as_i64(),
        Some(4),
        "changed after going back"
    );
    assert_eq!(
        r["answers"]["share-2"]["na"].as_str(),
        Some("no hoarding here")
    );
    assert_eq!(r["answers"]["care-1"].as_i64(), Some(3));
    assert_eq!(r["dimensions"]["sharing"]["desired"].as_i64(), Some(4));
    assert_eq!(
        r["dimensions"]["sharing"]["note"].as_str(),
        Some("We share | cases <b>weekly</b>")
    );
    assert!(r["completed"].as_str().is_some());
    assert_eq!(r["rubric"]["id"].as_str(), Some("small"));
}

#[test]
fn interrupt_halfway_then_resume_and_finish_keeps_every_answer() {
    let dir = tempfile::tempdir().unwrap();
    let rubric = small_rubric();
    let mut s = spawn(
        dir.path(),
        &[
            "assess",
            "--rubric",
            &rubric,
            "--name",
            "Bo Li",
            "--community",
            "Net",
            "--role",
            "member",
        ],
    );
    at(&mut s, "1/3 · Together › Sharing", &format!("3{ENTER}"));
    at(&mut s, "2/3 · Together › Sharing", &format!("1{ENTER}"));
    at(&mut s, "Where do you want to be on Sharing", CTRL_C);
    // The rubric is a file of the person's own: the way back names it, since a response's
    // content is never used as a path.
    s.expect("Continue with: learnlead assess --resume")
        .unwrap();
    s.expect(format!("--rubric {}", small_rubric()).as_str())
        .unwrap();
    assert_eq!(exit_code(&mut s), 130);

    // The file is named after the person and today's date, and holds both answers.
    let files: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let name = &files[0];
    assert!(
        name.starts_with("bo-li-") && name.ends_with(".yaml"),
        "{name}"
    );
    let path = dir.path().join(name);
    let r = response(&path);
    assert_eq!(r["answers"]["share-1"].as_i64(), Some(3));
    assert_eq!(r["answers"]["share-2"].as_i64(), Some(1));
    assert!(r["completed"].is_null());

    let rubric = small_rubric();
    let mut s = spawn(
        dir.path(),
        &["assess", "--resume", name, "--rubric", &rubric],
    );
    s.expect("2 of 3 statements answered").unwrap();
    at(
        &mut s,
        "Where do you want to be on Sharing",
        &format!("3{ENTER}"),
    );
    at(&mut s, "A note on Sharing", &format!("resumed{ENTER}"));
    at(&mut s, "3/3 · Together › Caring", &format!("2{ENTER}"));
    at(
        &mut s,
        "Where do you want to be on Caring",
        &format!("3{ENTER}"),
    );
    at(&mut s, "A note on Caring", ENTER);
    at(&mut s, "Review your answers", ENTER);
    s.expect("Saved your response to").unwrap();
    assert_eq!(exit_code(&mut s), 0);

    let r = response(&path);
    assert_eq!(
        r["answers"]["share-1"].as_i64(),
        Some(3),
        "answer from before the interrupt"
    );
    assert_eq!(
        r["answers"]["share-2"].as_i64(),
        Some(1),
        "answer from before the interrupt"
    );
    assert_eq!(r["answers"]["care-1"].as_i64(), Some(2));
    assert_eq!(r["name"].as_str(), Some("Bo Li"));
    assert!(r["completed"].as_str().is_some());
}

#[test]
fn resuming_a_complete_response_offers_the_review() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("done.yaml");
    let made = run(learnlead()
        .args(["assess", "--rubric", &small_rubric(), "--answers"])
        .arg(fixture("answers/small-full.yaml"))
        .arg("--out")
        .arg(&out));
    assert_eq!(made.code, 0, "{}", made.stderr);
    let rubric = small_rubric();
    let mut s = spawn(
        dir.path(),
        &["assess", "--resume", "done.yaml", "--rubric", &rubric],
    );
    s.expect("done.yaml is complete").unwrap();
    at(&mut s, "Review your answers", &format!("\x1b[B{ENTER}")); // see a dimension
    at(&mut s, "Which dimension?", &format!("Caring{ENTER}"));
    at(
        &mut s,
        "Which answer do you want to change?",
        &format!("care-1{ENTER}"),
    );
    at(&mut s, "3/3 · Together › Caring", &format!("1{ENTER}"));
    at(&mut s, "Which answer do you want to change?", "\x1b"); // esc: back to the review
    at(&mut s, "Review your answers", ENTER);
    s.expect("Saved your response to done.yaml").unwrap();
    assert_eq!(exit_code(&mut s), 0);
    assert_eq!(response(&out)["answers"]["care-1"].as_i64(), Some(1));
}

#[test]
fn an_enter_before_choosing_records_nothing_at_80_columns() {
    let dir = tempfile::tempdir().unwrap();
    let rubric = small_rubric();
    let mut s = spawn(
        dir.path(),
        &[
            "assess",
            "--rubric",
            &rubric,
            "--name",
            "Cy",
            "--community",
            "Net",
            "--role",
            "member",
            "--out",
            "cy.yaml",
        ],
    );
    s.get_process_mut().set_window_size(80, 24).unwrap();
    // The first statement opens on a line that is not an answer: Enter there asks again.
    at(&mut s, "1/3 · Together › Sharing", ENTER);
    at(&mut s, "1/3 · Together › Sharing", &format!("2{ENTER}"));
    at(&mut s, "2/3 · Together › Sharing", CTRL_C);
    assert_eq!(exit_code(&mut s), 130);
    let r = response(&dir.path().join("cy.yaml"));
    assert_eq!(r["answers"]["share-1"].as_i64(), Some(2), "{r:?}");
    assert!(
        r["answers"]["share-2"].is_null(),
        "nothing recorded by the Enter"
    );
}
