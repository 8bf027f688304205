//! `learnlead serve`: driven with plain HTTP requests and with a real browser, as a room would.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

use crate::cdp::Browser;
use crate::support::{browser_or_skip, learnlead, run};

/// A running `learnlead serve` on a free port of this computer, stopped when dropped.
struct Served {
    child: Child,
    participants: String,
    facilitator: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(dir: &std::path::Path) -> Served {
    let bin = assert_cmd::cargo::cargo_bin("learnlead");
    let mut child = Command::new(bin)
        .args([
            "serve",
            "--rubric",
            "wenger-trayner",
            "--bind",
            "127.0.0.1",
            "--port",
            "0",
            "--out-dir",
        ])
        .arg(dir)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut urls = Vec::new();
    while urls.len() < 2 {
        let line = lines.next().expect("serve prints its addresses").unwrap();
        if let Some(u) = line.trim().strip_prefix("http://") {
            urls.push(format!("http://{u}"));
        }
    }
    // Keep reading what it prints, so it never blocks on a full pipe.
    std::thread::spawn(move || lines.for_each(drop));
    Served {
        child,
        participants: urls[0].clone(),
        facilitator: urls[1].clone(),
    }
}

/// One HTTP/1.1 request; the status and the body.
fn http(method: &str, url: &str, body: &[u8]) -> (u16, String) {
    let rest = url.strip_prefix("http://").unwrap();
    let (host, path) = rest.split_at(rest.find('/').unwrap());
    let mut stream = TcpStream::connect(host).unwrap();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).unwrap();
    let _ = stream.write_all(body);
    let mut reply = Vec::new();
    let _ = stream.read_to_end(&mut reply);
    let text = String::from_utf8_lossy(&reply).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map_or("", |(_, b)| b)
        .to_string();
    (status, body)
}

fn files(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn answers_posted_to_the_room_become_response_files_and_strangers_get_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let room = dir.path().join("room");
    let s = serve(&room);
    let (status, page) = http("GET", &s.participants, b"");
    assert_eq!(status, 200);
    assert!(
        page.contains("method=\"post\""),
        "a plain form that works without a script"
    );
    // The wrong token, another path, the facilitator's page with the participants' token.
    let wrong = s.participants.replace("/p/", "/p/0");
    assert_eq!(http("GET", &wrong, b"").0, 403);
    let as_facilitator = s.participants.replace("/p/", "/f/");
    assert_eq!(http("GET", &as_facilitator, b"").0, 403);
    let base = &s.participants[..s.participants.find("/p/").unwrap()];
    let (status, page) = http("GET", &format!("{base}/../../etc/passwd"), b"");
    assert_eq!(status, 404);
    assert!(!page.contains("root:"));
    let too_much = vec![b'a'; 2 * 1024 * 1024];
    assert_eq!(http("POST", &s.participants, &too_much).0, 413);
    let bad = http(
        "POST",
        &s.participants,
        b"name=%3Cscript%3E&item%3A..%2F..%2Fetc=4",
    );
    assert_eq!(bad.0, 400);
    assert!(!bad.1.contains("<script>"), "escaped: {}", bad.1);
    assert!(files(&room).is_empty(), "nothing saved from a bad post");

    // Two people with the same name: two files, neither replaced.
    let answer = b"name=Ana&role=member&item%3Arelevance-1=4&item%3Arelevance-2=dk&note%3Arelevance=%3Cb%3Ehi%3C%2Fb%3E";
    for _ in 0..2 {
        let (status, thanks) = http("POST", &s.participants, answer);
        assert_eq!(status, 200, "{thanks}");
        assert!(thanks.contains("Thank you"));
    }
    let saved = files(&room);
    assert_eq!(saved.len(), 2, "{saved:?}");
    assert!(saved[0].starts_with("ana-") && saved[1].starts_with("ana-"));
    let (status, watching) = http("GET", &s.facilitator, b"");
    assert_eq!(status, 200);
    assert!(
        watching.contains("http-equiv=\"refresh\""),
        "updates itself"
    );
    assert!(watching.contains("partly answered"), "{watching}");
    let (status, report) = http("GET", &format!("{}/report", s.facilitator), b"");
    assert_eq!(status, 200);
    assert!(report.contains("Group report: The disciplines"), "{report}");
    assert!(!report.contains("<b>hi</b>"), "the note is escaped");
    let compared = run(learnlead()
        .arg("compare")
        .arg(&room)
        .args(["--format", "json"]));
    assert_eq!(compared.code, 0, "{}", compared.stderr);
}

#[test]
#[cfg_attr(no_browser, ignore = "needs Chromium or Chrome on PATH")]
fn a_participant_answers_in_a_browser_and_the_facilitator_sees_it() {
    let Some(chromium) = browser_or_skip() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let room = dir.path().join("room");
    let s = serve(&room);
    let mut browser = Browser::start(&chromium);
    let tab = browser.tab(390, "screen");
    browser.open_url(&tab, &s.participants);
    browser.eval(
        &tab,
        r#"(() => {
          const form = document.getElementById('ll-form');
          const pick = (name, value) => {
            const el = form.querySelector(`input[name="${name}"][value="${value}"]`);
            el.checked = true;
            el.dispatchEvent(new Event('change', { bubbles: true }));
          };
          pick('role', 'convenor');
          document.getElementById('ll-name').value = 'Bo';
          [...form.querySelectorAll('fieldset.item')].forEach(f => pick('item:' + f.dataset.item, '4'));
          form.requestSubmit();
          return true;
        })()"#,
    );
    browser.wait_load(&tab);
    let text = browser.eval(&tab, "document.body.innerText");
    assert!(
        text.as_str()
            .unwrap()
            .contains("Your answers are with the facilitator"),
        "{text}"
    );
    let saved = files(&room);
    assert_eq!(saved.len(), 1, "{saved:?}");
    let md = run(learnlead()
        .arg("report")
        .arg(room.join(&saved[0]))
        .args(["--format", "md"]));
    assert_eq!(md.code, 0, "{}", md.stderr);
    assert!(md.stdout.contains("**Bo**"), "{}", md.stdout);
    assert!(
        md.stdout.contains("48 of 48 statements scored"),
        "a convenor is asked all 48: {}",
        md.stdout
    );
    browser.open_url(&tab, &s.facilitator);
    let watching = browser.eval(&tab, "document.body.innerText");
    assert!(
        watching.as_str().unwrap().contains("1 finished"),
        "{watching}"
    );
}
