//! Trust: what a person wrote is never lost or replaced, parallel runs never share a name, a
//! set of files is written whole or not at all, and nothing is read or run that should not be.
//! The hostile corpus (hostile.rs) covers bad files one by one; these cover the file system.

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use crate::support::{fixture, learnlead, run, workspace};

fn names(dir: &Path) -> Vec<String> {
    let mut n: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    n.sort();
    n
}

#[test]
fn output_to_a_device_or_standard_output_never_becomes_a_file() {
    let w = workspace();
    let r = run(learnlead().current_dir(w.path()).args([
        "report",
        "valid.yaml",
        "--format",
        "md",
        "--out",
        "/dev/null",
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let meta = std::fs::metadata("/dev/null").unwrap();
    assert!(!meta.is_file(), "/dev/null is still a device");

    let r = run(learnlead().current_dir(w.path()).args([
        "report",
        "valid.yaml",
        "--format",
        "md",
        "--out",
        "-",
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("# Reflection report"), "{}", r.stdout);
    assert_eq!(names(w.path()), ["answers.yaml", "valid.yaml"]);
}

/// Runs learnlead with `args` twice: its standard output a pipe whose reader goes away at once
/// (`learnlead ... | head`), which is no error and says nothing, then a full disk, which is
/// said, with exit 1.
fn closed_pipe_then_full_disk(args: &[&std::ffi::OsStr]) {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_learnlead"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "{args:?}: a closed pipe is not an error: {err}"
    );
    assert!(err.is_empty(), "{err}");
    if let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_learnlead"))
            .args(args)
            .stdout(full)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.contains("cannot write standard output: the disk is full"),
            "{err}"
        );
    }
}

#[test]
fn a_closed_pipe_ends_output_quietly_and_a_full_disk_is_an_error() {
    let args = ["rubrics", "show", "wenger-trayner", "--format", "json"];
    closed_pipe_then_full_disk(&args.map(std::ffi::OsStr::new));
}

#[test]
fn a_groups_csv_and_json_stream_to_a_closed_pipe_a_full_disk_and_a_file() {
    let w = workspace();
    let group = w.path().join("group");
    std::fs::create_dir(&group).unwrap();
    crate::support::workshop(&group);
    for format in ["csv", "json"] {
        // Written as it is made: a reader that goes away is no error, a full disk is one.
        let args = [
            "compare".as_ref(),
            group.as_os_str(),
            "--format".as_ref(),
            format.as_ref(),
        ];
        closed_pipe_then_full_disk(&args);
        // To a file: the same document as on standard output, whole.
        let file = w.path().join(format!("group.{format}"));
        let to_file = run(learnlead()
            .arg("compare")
            .arg(&group)
            .arg("--out")
            .arg(&file));
        assert_eq!(to_file.code, 0, "{}", to_file.stderr);
        let printed = run(learnlead()
            .arg("compare")
            .arg(&group)
            .args(["--format", format]));
        assert_eq!(std::fs::read_to_string(&file).unwrap(), printed.stdout);
    }
}

#[cfg(unix)]
#[test]
fn output_to_a_fifo_is_written_through_it() {
    let w = workspace();
    let fifo = w.path().join("pipe");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let r = run(learnlead().current_dir(w.path()).args([
        "report",
        "valid.yaml",
        "--format",
        "json",
        "--out",
        "pipe",
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    // The reader ends once learnlead has written through the pipe and closed it; had
    // learnlead never opened it, the reader would wait forever: fail instead.
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while !reader.is_finished() {
        assert!(
            std::time::Instant::now() < deadline,
            "nothing was written through the pipe"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let got = reader.join().unwrap();
    assert!(got.contains("\"generator\": \"learnlead"), "{got}");
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
}

#[cfg(unix)]
#[test]
fn a_fifo_or_device_given_as_input_is_refused_at_once() {
    let w = workspace();
    let fifo = w.path().join("pipe.yaml");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    for args in [
        &["report", "pipe.yaml"][..],
        &["compare", "pipe.yaml"],
        &["import", "pipe.yaml", "--rubric", "small", "--out-dir", "x"],
        &["report", "/dev/zero"],
        &["import", "/dev/zero", "--rubric", "small", "--out-dir", "x"],
    ] {
        let mut cmd = learnlead();
        cmd.current_dir(w.path())
            .args(args)
            .timeout(Duration::from_secs(20));
        let r = run(&mut cmd);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(
            r.stderr.contains("named pipe") || r.stderr.contains("a device"),
            "{args:?}: {}",
            r.stderr
        );
    }
    assert!(!w.path().join("x").exists());
}

#[test]
fn a_file_learnlead_did_not_write_is_replaced_only_with_force() {
    let w = workspace();
    // Someone's answers file, a rubric, a response with one misspelt key: not learnlead output.
    let answers = std::fs::read_to_string(w.path().join("answers.yaml")).unwrap();
    let misspelt = std::fs::read_to_string(w.path().join("valid.yaml"))
        .unwrap()
        .replace("answers:", "answerz:");
    std::fs::write(w.path().join("misspelt.yaml"), &misspelt).unwrap();
    for (target, before) in [("answers.yaml", &answers), ("misspelt.yaml", &misspelt)] {
        for command in [
            &["report", "valid.yaml", "--format", "md"][..],
            &["compare", "valid.yaml", "--format", "csv"],
            &["worksheet", "--rubric", "small", "--format", "md"],
        ] {
            let r = run(learnlead()
                .current_dir(w.path())
                .args(command)
                .args(["--out", target]));
            assert_eq!(r.code, 2, "{command:?} {target}: {}", r.stderr);
            assert!(r.stderr.contains("--force"), "{}", r.stderr);
            assert_eq!(
                &std::fs::read_to_string(w.path().join(target)).unwrap(),
                before
            );
        }
    }
    let r = run(learnlead()
        .current_dir(w.path())
        .args(["report", "valid.yaml", "--format", "md", "--force", "--out"])
        .arg("misspelt.yaml"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let now = std::fs::read_to_string(w.path().join("misspelt.yaml")).unwrap();
    assert!(now.starts_with("# Reflection report"));
}

#[test]
fn learnlead_replaces_its_own_output_in_every_format() {
    let w = workspace();
    for (command, out) in [
        (&["report", "valid.yaml"][..], "r.md"),
        (&["report", "valid.yaml"], "r.html"),
        (&["report", "valid.yaml"], "r.json"),
        (&["report", "valid.yaml"], "r.txt"),
        (&["compare", "valid.yaml"], "g.md"),
        (&["compare", "valid.yaml"], "g.html"),
        (&["compare", "valid.yaml"], "g.json"),
        (&["compare", "valid.yaml"], "g.csv"),
        (&["compare", "valid.yaml"], "g.txt"),
        (&["worksheet", "--rubric", "small"], "w.md"),
        (&["worksheet", "--rubric", "small"], "w.html"),
    ] {
        for round in ["new", "again"] {
            let r = run(learnlead()
                .current_dir(w.path())
                .args(command)
                .args(["--out", out]));
            assert_eq!(r.code, 0, "{command:?} {out} ({round}): {}", r.stderr);
        }
    }
}

#[cfg(unix)]
#[test]
fn a_link_is_followed_and_kept() {
    let w = workspace();
    let r = run(learnlead().current_dir(w.path()).args([
        "report",
        "valid.yaml",
        "--format",
        "html",
        "--out",
        "real.html",
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    std::os::unix::fs::symlink("real.html", w.path().join("link.html")).unwrap();
    let r = run(learnlead().current_dir(w.path()).args([
        "report",
        "valid.yaml",
        "--format",
        "html",
        "--out",
        "link.html",
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let link = std::fs::symlink_metadata(w.path().join("link.html")).unwrap();
    assert!(link.file_type().is_symlink(), "the link is still a link");
}

/// Runs `learnlead ARGS` `n` times at once in `dir`; each must succeed.
fn in_parallel(dir: &Path, n: usize, args: &[&str]) {
    let children: Vec<_> = (0..n)
        .map(|_| {
            std::process::Command::new(env!("CARGO_BIN_EXE_learnlead"))
                .current_dir(dir)
                .env("LEARNLEAD_RUBRICS", fixture("catalog"))
                .args(args)
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{err}");
    }
}

#[test]
fn twenty_parallel_runs_into_one_folder_keep_twenty_responses() {
    let w = workspace();
    let args = ["assess", "--answers", "answers.yaml", "--rubric", "small"];
    in_parallel(w.path(), 20, &args);
    let made: Vec<String> = names(w.path())
        .into_iter()
        .filter(|n| n.starts_with("ana-"))
        .collect();
    assert_eq!(made.len(), 20, "{made:?}");
    assert!(
        names(w.path()).iter().all(|n| !n.ends_with(".tmp")),
        "no temporary file is left"
    );
}

#[test]
fn two_parallel_imports_into_one_folder_keep_both_sets() {
    let w = workspace();
    let csv = fixture("csv/small-group.csv");
    let args = [
        "import",
        csv.to_str().unwrap(),
        "--rubric",
        "small",
        "--out-dir",
        "group",
    ];
    in_parallel(w.path(), 2, &args);
    assert_eq!(names(&w.path().join("group")).len(), 8);
    assert_eq!(
        names(w.path()),
        ["answers.yaml", "group", "valid.yaml"],
        "no working folder is left"
    );
}

/// A CSV of `rows` participants of the test rubric.
#[cfg(unix)]
fn big_csv(dir: &Path, rows: usize) -> std::path::PathBuf {
    let mut text = String::from("name,share-1,share-2,care-1\n");
    for i in 0..rows {
        text.push_str(&format!("Person {i},{},{},{}\n", 1 + i % 4, 1 + i % 3, 4));
    }
    let p = dir.join("big.csv");
    std::fs::write(&p, text).unwrap();
    p
}

#[cfg(unix)]
#[test]
fn an_import_stopped_midway_leaves_the_folder_as_it_was() {
    let w = workspace();
    big_csv(w.path(), 40_000);
    for signal in ["-TERM", "-INT"] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_learnlead"))
            .current_dir(w.path())
            .env("LEARNLEAD_RUBRICS", fixture("catalog"))
            .args(["import", "big.csv", "--rubric", "small", "--out-dir", "out"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(400));
        let _ = std::process::Command::new("kill")
            .arg(signal)
            .arg(child.id().to_string())
            .status();
        let status = child.wait().unwrap();
        let out = w.path().join("out");
        if status.success() {
            // It finished before the signal: then the whole set is there.
            assert_eq!(names(&out).len(), 40_000);
            std::fs::remove_dir_all(&out).unwrap();
        } else {
            assert!(!out.exists(), "a stopped import writes nothing");
        }
        assert_eq!(
            names(w.path()),
            ["answers.yaml", "big.csv", "valid.yaml"],
            "no working folder is left after {signal}"
        );
    }
}

#[test]
fn a_forced_anonymized_bundle_replaces_a_named_one_whole() {
    let w = workspace();
    let group = w.path().join("group");
    let r = run(learnlead()
        .current_dir(w.path())
        .arg("import")
        .arg(fixture("csv/small-group.csv"))
        .args(["--rubric", "small", "--out-dir", "group"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let bundle = |extra: &[&str]| {
        run(learnlead()
            .current_dir(w.path())
            .args(["bundle", "group", "--out-dir", "out"])
            .args(extra))
    };
    assert_eq!(bundle(&[]).code, 0);
    assert!(w.path().join("out/reports/ana-okafor.html").exists());
    let r = bundle(&["--anonymize", "--force"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let reports = names(&w.path().join("out/reports"));
    assert!(reports.is_empty(), "no named report is left: {reports:?}");
    assert_eq!(
        names(w.path()),
        ["answers.yaml", "group", "out", "valid.yaml"]
    );
    drop(group);

    // --force replaces only a bundle learnlead wrote.
    let mine = w.path().join("mine");
    std::fs::create_dir(&mine).unwrap();
    std::fs::write(mine.join("thesis.docx"), "years of work").unwrap();
    let r = run(learnlead().current_dir(w.path()).args([
        "bundle",
        "group",
        "--out-dir",
        "mine",
        "--force",
    ]));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("not a bundle learnlead wrote"),
        "{}",
        r.stderr
    );
    assert_eq!(names(&mine), ["thesis.docx"]);
}

#[cfg(unix)]
#[test]
fn a_bundle_that_fails_midway_leaves_no_folder() {
    use std::os::unix::fs::PermissionsExt;
    let w = workspace();
    // A "browser" that fails: the bundle stops at printing, after its pages were rendered.
    let fake = w.path().join("broken-browser");
    std::fs::write(&fake, "#!/bin/sh\necho 'cannot start' >&2\nexit 3\n").unwrap();
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let r = run(learnlead()
        .current_dir(w.path())
        .args([
            "bundle",
            "valid.yaml",
            "--out-dir",
            "out",
            "--pdf",
            "--browser",
        ])
        .arg(&fake));
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("could not print"), "{}", r.stderr);
    assert_eq!(
        names(w.path()),
        ["answers.yaml", "broken-browser", "valid.yaml"]
    );
}

#[test]
fn one_file_named_three_ways_is_one_person() {
    let w = workspace();
    let r = run(learnlead().current_dir(w.path()).args([
        "compare",
        "valid.yaml",
        "valid.yaml",
        "./valid.yaml",
        "--format",
        "json",
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("counted once"), "{}", r.stderr);
    let json: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(json["participants"].as_array().unwrap().len(), 1);
}

#[test]
fn a_configuration_among_the_responses_is_passed_over() {
    let w = workspace();
    let group = w.path().join("group");
    std::fs::create_dir(&group).unwrap();
    std::fs::copy(w.path().join("valid.yaml"), group.join("ana.yaml")).unwrap();
    std::fs::write(group.join("learnlead.yaml"), "title: Our review\n").unwrap();
    let r = run(learnlead()
        .current_dir(w.path())
        .args(["compare", "group", "--format", "json"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("learnlead.yaml is a configuration"),
        "{}",
        r.stderr
    );
}

#[test]
fn names_cannot_be_spreadsheet_formulas_or_terminal_commands() {
    let w = workspace();
    let csv = "name,role,share-1,share-2,care-1\n\
        \"=HYPERLINK(\"\"http://x.example\"\",\"\"click\"\")\",+cmd|' /C calc'!A0,1,2,3\n\
        \"Eve\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}[2J\u{202e}\",@SUM(A1),2,3,4\n";
    std::fs::write(w.path().join("evil.csv"), csv).unwrap();
    let r = run(learnlead().current_dir(w.path()).args([
        "import",
        "evil.csv",
        "--rubric",
        "small",
        "--out-dir",
        "evil",
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);

    let r = run(learnlead()
        .current_dir(w.path())
        .args(["compare", "evil", "--format", "csv"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut reader = csv::Reader::from_reader(r.stdout.as_bytes());
    for row in reader.records() {
        let row = row.unwrap();
        for cell in [&row[0], &row[1]] {
            let first = cell.trim_start().chars().next();
            assert!(
                !matches!(first, Some('=' | '+' | '-' | '@')),
                "a formula reached the CSV: {cell:?}"
            );
        }
    }
    assert!(r.stdout.contains("'=HYPERLINK"), "{}", r.stdout);

    let r = run(learnlead()
        .current_dir(w.path())
        .args(["compare", "evil", "--format", "table"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        !r.stdout.contains('\u{1b}'),
        "an escape reached the terminal"
    );
    assert!(
        !r.stdout.contains('\u{202e}'),
        "a bidi override reached the terminal"
    );
    assert!(r.stdout.contains("\\u{1b}"), "shown, inert: {}", r.stdout);
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let w = workspace();
    let response = std::fs::read(w.path().join("valid.yaml")).unwrap();
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(&response);
    std::fs::write(w.path().join("bom.yaml"), &bom).unwrap();
    let r = run(learnlead()
        .current_dir(w.path())
        .args(["report", "bom.yaml", "--format", "json"]));
    assert_eq!(r.code, 0, "{}", r.stderr);

    let mut csv = b"\xEF\xBB\xBF".to_vec();
    csv.extend(std::fs::read(fixture("csv/small-group.csv")).unwrap());
    std::fs::write(w.path().join("bom.csv"), csv).unwrap();
    let r = run(learnlead().current_dir(w.path()).args([
        "import",
        "bom.csv",
        "--rubric",
        "small",
        "--out-dir",
        "bom",
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[cfg(unix)]
#[test]
fn a_template_cannot_include_a_file_outside_its_folder() {
    let w = workspace();
    let t = w.path().join("templates");
    std::fs::create_dir(&t).unwrap();
    std::fs::write(w.path().join("secret.txt"), "SECRET-CANARY").unwrap();
    std::os::unix::fs::symlink(w.path().join("secret.txt"), t.join("passwd.txt")).unwrap();
    std::fs::write(t.join("mine.html.j2"), "{% include \"passwd.txt\" %}\n").unwrap();
    let r = run(learnlead()
        .current_dir(w.path())
        .args(["report", "valid.yaml", "--format", "html", "--template"])
        .arg(t.join("mine.html.j2")));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("outside the template's folder"),
        "{}",
        r.stderr
    );
    assert!(!format!("{}{}", r.stdout, r.stderr).contains("SECRET-CANARY"));
}

#[test]
fn texts_too_long_to_read_back_are_refused_when_they_come_in() {
    let w = workspace();
    let long = "x".repeat(70 * 1024);
    let r = run(learnlead()
        .current_dir(w.path())
        .args([
            "assess",
            "--answers",
            "answers.yaml",
            "--rubric",
            "small",
            "--name",
        ])
        .arg(&long));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("--name is 70 KiB long; the limit is 64 KiB"),
        "{}",
        r.stderr
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_response_open_in_another_learnlead_is_not_resumed() {
    use expectrl::session::OsSession as Session;
    use expectrl::{Eof, Expect};
    let w = workspace();
    // A live process (this test) holds the lock.
    std::fs::write(
        w.path().join(".valid.yaml.lock"),
        format!("{}\n", std::process::id()),
    )
    .unwrap();
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_learnlead"));
    cmd.current_dir(w.path())
        .env("LEARNLEAD_RUBRICS", fixture("catalog"))
        .env("NO_COLOR", "1")
        .args(["assess", "--resume", "valid.yaml"]);
    let mut s = Session::spawn(cmd).unwrap();
    s.set_expect_timeout(Some(Duration::from_secs(15)));
    s.expect("already open in another learnlead").unwrap();
    let _ = s.expect(Eof);
    // The lock left by a process that has ended is stale: taken over, then released.
    std::fs::write(w.path().join(".valid.yaml.lock"), "99999999\n").unwrap();
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_learnlead"));
    cmd.current_dir(w.path())
        .env("LEARNLEAD_RUBRICS", fixture("catalog"))
        .env("NO_COLOR", "1")
        .args(["assess", "--resume", "valid.yaml"]);
    let mut s = Session::spawn(cmd).unwrap();
    s.set_expect_timeout(Some(Duration::from_secs(15)));
    s.expect("valid.yaml is complete").unwrap();
    assert_eq!(
        std::fs::read_to_string(w.path().join(".valid.yaml.lock"))
            .unwrap()
            .trim(),
        s.get_process().pid().to_string(),
        "the new run holds the lock"
    );
    std::thread::sleep(Duration::from_millis(100));
    s.send("\x03").unwrap();
    let _ = s.expect(Eof);
    std::thread::sleep(Duration::from_millis(200));
    assert!(
        !w.path().join(".valid.yaml.lock").exists(),
        "the lock is released on exit"
    );
}

#[test]
#[cfg_attr(no_browser, ignore = "needs Chromium or Chrome on PATH")]
fn a_printed_page_loads_nothing_but_itself() {
    let Some(chromium) = crate::support::browser_or_skip() else {
        return;
    };
    // A listener on 127.0.0.1 that counts every connection the printing browser makes.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    listener.set_nonblocking(true).unwrap();
    let dir = workspace();
    let template = dir.path().join("house.html.j2");
    let hostile = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/hostile/printing/reaches-out-while-printing.html.j2");
    let text = std::fs::read_to_string(hostile)
        .unwrap()
        .replace("PORT", &port.to_string());
    std::fs::write(&template, text).unwrap();
    let out = run(learnlead()
        .current_dir(dir.path())
        .args([
            "report",
            "valid.yaml",
            "--out",
            "r.pdf",
            "--template",
            "house.html.j2",
        ])
        .arg("--browser")
        .arg(&chromium));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let mut reached = Vec::new();
    while let Ok((mut stream, _)) = listener.accept() {
        use std::io::Read;
        stream.set_nonblocking(false).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_millis(300)))
            .unwrap();
        let mut first = [0u8; 120];
        let n = stream.read(&mut first).unwrap_or(0);
        reached.push(String::from_utf8_lossy(&first[..n]).into_owned());
    }
    assert!(
        reached.is_empty(),
        "the page reached 127.0.0.1:{port}: {reached:?}"
    );
    let pdf = std::fs::read(dir.path().join("r.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let Some(text) = crate::support::pdf_text(&dir.path().join("r.pdf")) else {
        return;
    };
    assert!(
        text.contains("A small rubric"),
        "the report itself is printed: {text}"
    );
    assert!(!text.contains("root:"), "no local file in the PDF");
    assert!(!text.contains("SCRIPT RAN"), "no script ran");
}

#[cfg(unix)]
#[test]
#[cfg_attr(no_browser, ignore = "needs Chromium or Chrome on PATH")]
fn stopping_while_printing_stops_the_browser_and_leaves_no_profile() {
    let Some(chromium) = crate::support::browser_or_skip() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let responses = dir.path().join("responses");
    std::fs::create_dir(&responses).unwrap();
    crate::support::workshop(&responses);
    let tmp = dir.path().join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("learnlead"))
        .current_dir(dir.path())
        .args([
            "bundle",
            "responses",
            "--out-dir",
            "out",
            "--pdf",
            "--browser",
        ])
        .arg(&chromium)
        .env("TMPDIR", &tmp)
        .env("LEARNLEAD_RUBRICS", fixture("catalog"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait until a browser has written its profile, then stop learnlead as Ctrl-C would.
    let started = std::time::Instant::now();
    let profile_written = || {
        std::fs::read_dir(&tmp).unwrap().flatten().any(|d| {
            std::fs::read_dir(d.path().join("profile-0")).is_ok_and(|mut p| p.next().is_some())
        })
    };
    while !profile_written() && started.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(profile_written(), "the browser started");
    std::thread::sleep(Duration::from_millis(200));
    std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130));
    std::thread::sleep(Duration::from_millis(300));
    let left: Vec<_> = std::fs::read_dir(&tmp)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    let inside: Vec<String> = left
        .iter()
        .flat_map(|d| std::fs::read_dir(d).into_iter().flatten().flatten())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(left.is_empty(), "left behind: {left:?} holding {inside:?}");
    assert!(!dir.path().join("out").exists(), "no half bundle");
}

#[test]
fn a_configuration_others_may_change_is_passed_over_and_one_used_is_named() {
    let dir = workspace();
    let config = dir.path().join("learnlead.yaml");
    std::fs::write(&config, "title: Send your answers to evil@example.org\n").unwrap();
    let below = dir.path().join("round-1");
    std::fs::create_dir(&below).unwrap();
    std::fs::copy(dir.path().join("valid.yaml"), below.join("valid.yaml")).unwrap();
    let report = |extra: &[&str]| {
        run(learnlead()
            .current_dir(&below)
            .args(["report", "valid.yaml", "--format", "html"])
            .args(extra))
    };
    // Mine, and only I may change it: used, and named in the report.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&config, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    let used = report(&[]);
    assert_eq!(used.code, 0, "{}", used.stderr);
    assert!(used.stdout.contains("Send your answers to"), "applied");
    assert!(
        used.stdout
            .replace("&#x2f;", "/")
            .contains("with the branding and framing of ../learnlead.yaml"),
        "the report names it"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Anyone may change it: passed over, with why and how to use it on purpose.
        std::fs::set_permissions(&config, std::fs::Permissions::from_mode(0o666)).unwrap();
        let passed = report(&[]);
        assert_eq!(passed.code, 0, "{}", passed.stderr);
        assert!(!passed.stdout.contains("evil@example.org"), "not applied");
        assert!(
            passed.stderr.contains("passed over the configuration")
                && passed.stderr.contains("other users may change it")
                && passed.stderr.contains("--config"),
            "{}",
            passed.stderr
        );
        let on_purpose = report(&["--config", "../learnlead.yaml"]);
        assert!(
            on_purpose.stdout.contains("evil@example.org"),
            "used on purpose"
        );
        // Another user's file (only root can make one here).
        std::fs::set_permissions(&config, std::fs::Permissions::from_mode(0o644)).unwrap();
        let chowned = std::process::Command::new("chown")
            .args(["65534"])
            .arg(&config)
            .status();
        if chowned.is_ok_and(|s| s.success()) {
            let passed = report(&[]);
            assert!(!passed.stdout.contains("evil@example.org"), "not applied");
            assert!(
                passed.stderr.contains("belongs to another user"),
                "{}",
                passed.stderr
            );
        }
    }
}
