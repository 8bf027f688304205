//! `learnlead serve`: driven with raw HTTP requests (as an attacker on the room's Wi-Fi would
//! send them), with the facilitator's console, and with a real browser, as a room would. Every
//! server here listens on 127.0.0.1 only.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::cdp::Browser;
use crate::support::{browser_or_skip, learnlead, run};

/// A running `learnlead serve` on a free port of this computer, stopped when dropped.
struct Served {
    child: Child,
    /// Everything it printed so far.
    out: Arc<Mutex<String>>,
    err: Arc<Mutex<String>>,
    participants: String,
    facilitator: String,
    /// The thread reading what it prints: done when it has exited. Joined by `stop`, which
    /// only Unix has (signals).
    #[cfg_attr(not(unix), allow(dead_code))]
    reader: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Served {
    fn origin(&self) -> &str {
        &self.participants[..self.participants.find("/p/").unwrap()]
    }

    fn printed(&self) -> String {
        self.out.lock().unwrap().clone()
    }

    fn warned(&self) -> String {
        self.err.lock().unwrap().clone()
    }

    /// Stops it with `signal` and waits; its exit code and everything it printed.
    #[cfg(unix)]
    fn stop(mut self, signal: &str) -> (i32, String) {
        let pid = self.child.id().to_string();
        Command::new("kill").args([signal, &pid]).status().unwrap();
        let status = self.child.wait().unwrap();
        // Everything it printed before it exited, read to the end.
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
        (status.code().unwrap_or(-1), self.printed())
    }
}

/// `learnlead serve ARGS` in `dir` on 127.0.0.1, with a request timeout of one second (ten by
/// default), optionally under a shell line that sets limits first (`ulimit -n 64; exec`).
fn serve_with(dir: &std::path::Path, extra: &[&str], shell_prefix: Option<&str>) -> Served {
    let bin = assert_cmd::cargo::cargo_bin("learnlead");
    let mut args: Vec<String> = [
        "serve",
        "--rubric",
        "wenger-trayner",
        "--bind",
        "127.0.0.1",
        "--port",
        "0",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    if !extra.contains(&"--request-timeout") {
        args.extend(["--request-timeout".to_string(), "1".to_string()]);
    }
    args.push("--out-dir".to_string());
    args.push(dir.display().to_string());
    args.extend(extra.iter().map(|s| s.to_string()));
    let mut cmd = match shell_prefix {
        Some(prefix) => {
            let mut c = Command::new("sh");
            let quoted: Vec<String> = std::iter::once(bin.display().to_string())
                .chain(args)
                .map(|a| format!("'{a}'"))
                .collect();
            c.arg("-c")
                .arg(format!("{prefix} exec {}", quoted.join(" ")));
            c
        }
        None => {
            let mut c = Command::new(bin);
            c.args(args);
            c
        }
    };
    let mut child = cmd
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let out = Arc::new(Mutex::new(String::new()));
    let err = Arc::new(Mutex::new(String::new()));
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let (mut participants, mut facilitator) = (None, None);
    while participants.is_none() || facilitator.is_none() {
        let line = lines.next().expect("serve prints its addresses").unwrap();
        out.lock().unwrap().push_str(&format!("{line}\n"));
        if let Some(u) = line.trim().strip_prefix("http://") {
            let url = format!("http://{u}");
            if url.contains("/p/") {
                participants = Some(url);
            } else if url.contains("/f/") {
                facilitator = Some(url);
            }
        }
    }
    // Keep reading what it prints, so it never blocks on a full pipe.
    let sink = out.clone();
    let reader = std::thread::spawn(move || {
        for line in lines.map_while(Result::ok) {
            sink.lock().unwrap().push_str(&format!("{line}\n"));
        }
    });
    let sink = err.clone();
    let stderr = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            sink.lock().unwrap().push_str(&format!("{line}\n"));
        }
    });
    Served {
        child,
        out,
        err,
        participants: participants.unwrap(),
        facilitator: facilitator.unwrap(),
        reader: Some(reader),
    }
}

fn serve(dir: &std::path::Path) -> Served {
    serve_with(dir, &[], None)
}

/// One HTTP/1.1 request: the status, the head and the body.
fn request(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, String, String) {
    let rest = url.strip_prefix("http://").unwrap();
    let (host, path) = rest.split_at(rest.find('/').unwrap());
    let mut stream = TcpStream::connect(host).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
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
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    (status, head.to_string(), body.to_string())
}

/// One request, following a 303 to the page it names as a browser does (an answer is posted,
/// then the browser is sent to the thank-you page).
fn http(method: &str, url: &str, body: &[u8]) -> (u16, String) {
    let (status, head, body) = request(method, url, &[], body);
    if status == 303 {
        let location = head
            .lines()
            .find_map(|l| {
                l.strip_prefix("location: ")
                    .or_else(|| l.strip_prefix("Location: "))
            })
            .unwrap_or_default()
            .trim()
            .to_string();
        let origin = &url[..url[7..].find('/').map_or(url.len(), |i| i + 7)];
        let (status, _, body) = request("GET", &format!("{origin}{location}"), &[], b"");
        return (status, body);
    }
    (status, body)
}

/// Raw bytes to the server; what it answers within `wait` (empty when it closed or said
/// nothing).
fn raw(origin: &str, bytes: &[u8], wait: Duration) -> String {
    let mut stream = TcpStream::connect(origin.strip_prefix("http://").unwrap()).unwrap();
    stream.set_read_timeout(Some(wait)).unwrap();
    let _ = stream.write_all(bytes);
    let mut reply = Vec::new();
    let _ = stream.read_to_end(&mut reply);
    String::from_utf8_lossy(&reply).into_owned()
}

fn files(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The page is still served, quickly: the server is up and not held by anyone.
fn still_serving(s: &Served) {
    let start = Instant::now();
    let (status, page) = http("GET", &s.participants, b"");
    assert_eq!(status, 200, "{page}");
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "{:?}",
        start.elapsed()
    );
}

const ANSWER: &[u8] = b"name=Ana&role=member&item%3Arelevance-1=4&item%3Arelevance-2=dk&note%3Arelevance=%3Cb%3Ehi%3C%2Fb%3E";

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
    // The wrong token, another path, the facilitator's pages with the participants' token.
    let wrong = s.participants.replace("/p/", "/p/0");
    assert_eq!(http("GET", &wrong, b"").0, 403);
    let as_facilitator = s.participants.replace("/p/", "/f/");
    assert_eq!(http("GET", &as_facilitator, b"").0, 403);
    assert_eq!(http("GET", &format!("{as_facilitator}/named"), b"").0, 403);
    let (status, page) = http("GET", &format!("{}/../../etc/passwd", s.origin()), b"");
    assert_eq!(status, 404);
    assert!(!page.contains("root:"));
    let bad = http(
        "POST",
        &s.participants,
        b"name=%3Cscript%3E&item%3A..%2F..%2Fetc=4",
    );
    assert_eq!(bad.0, 400);
    assert!(!bad.1.contains("<script>"), "escaped: {}", bad.1);
    assert!(files(&room).is_empty(), "nothing saved from a bad post");

    // Two people with the same name: two files, neither replaced.
    for _ in 0..2 {
        let (status, thanks) = http("POST", &s.participants, ANSWER);
        assert_eq!(status, 200, "{thanks}");
        assert!(thanks.contains("Thank you"));
    }
    let saved = files(&room);
    assert_eq!(saved.len(), 2, "{saved:?}");
    assert!(saved[0].starts_with("ana-") && saved[1].starts_with("ana-"));
    // The terminal says which answer arrived, not whose.
    std::thread::sleep(Duration::from_millis(200));
    let printed = s.printed();
    assert!(printed.contains("received answer 2"), "{printed}");
    assert!(
        !printed.contains("ana-"),
        "no file name, no name: {printed}"
    );
    // Two statements of 47 each: left out of a group report unless kept on purpose.
    let refused = run(learnlead()
        .arg("compare")
        .arg(&room)
        .args(["--format", "json"]));
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(
        refused.stderr.contains("--include-partial"),
        "{}",
        refused.stderr
    );
    let compared =
        run(learnlead()
            .arg("compare")
            .arg(&room)
            .args(["--format", "json", "--include-partial"]));
    assert_eq!(compared.code, 0, "{}", compared.stderr);
}

#[test]
fn a_saved_answer_moves_to_a_thank_you_page_and_an_empty_one_is_not_saved() {
    let dir = tempfile::tempdir().unwrap();
    let room = dir.path().join("room");
    let s = serve(&room);
    let (status, head, _) = request("POST", &s.participants, &[], ANSWER);
    assert_eq!(status, 303, "{head}");
    let thanks = format!("{}/thanks", s.participants);
    assert!(
        head.to_ascii_lowercase()
            .contains(&format!("location: {}", &thanks[s.origin().len()..])),
        "{head}"
    );
    // Reloading the thank-you page sends nothing again.
    for _ in 0..3 {
        let (status, page) = http("GET", &thanks, b"");
        assert_eq!(status, 200);
        assert!(
            page.contains("Your answers are with the facilitator"),
            "{page}"
        );
    }
    assert_eq!(files(&room).len(), 1);
    // Nothing answered, or not a form at all: nothing saved, nothing counted.
    for junk in [&b""[..], b"zzz", b"name=Ana"] {
        let (status, page) = http("POST", &s.participants, junk);
        assert_eq!(status, 400, "{page}");
    }
    assert_eq!(files(&room).len(), 1);
    let (_, json) = http("GET", &format!("{}/status", s.facilitator), b"");
    let status: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(status["partial"], 1, "{status}");
}

#[test]
fn a_body_announced_and_never_sent_neither_crashes_nor_holds_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let s = serve(&dir.path().join("room"));
    // A length no memory holds, without a token: refused before anything is read.
    let reply = raw(
        s.origin(),
        b"POST /nothing HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000000000000\r\n\r\n",
        Duration::from_secs(5),
    );
    assert!(reply.starts_with("HTTP/1.1 413"), "{reply}");
    still_serving(&s);
    // A body over a kilobyte that never comes, one that asks to continue first, and a chunked
    // one that never ends (with the token): each is cut at the timeout, and meanwhile everyone
    // else is served.
    let origin = s.origin().to_string();
    let path = s.participants[origin.len()..].to_string();
    let hold = |bytes: Vec<u8>| {
        let origin = origin.clone();
        std::thread::spawn(move || {
            let start = Instant::now();
            let reply = raw(&origin, &bytes, Duration::from_secs(20));
            (reply, start.elapsed())
        })
    };
    let held = [
        hold(b"POST /p/x HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\nname=".to_vec()),
        hold(
            format!("POST {path} HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\nExpect: 100-continue\r\n\r\n")
                .into_bytes(),
        ),
        hold(
            format!("POST {path} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nname=\r\n")
                .into_bytes(),
        ),
    ];
    std::thread::sleep(Duration::from_millis(200));
    still_serving(&s);
    for h in held {
        let (reply, took) = h.join().unwrap();
        assert!(
            took < Duration::from_secs(5),
            "cut at the timeout: {took:?}"
        );
        assert!(
            reply.is_empty() || reply.contains(" 408 ") || reply.starts_with("HTTP/1.1 100"),
            "{reply}"
        );
    }
    still_serving(&s);
}

#[test]
fn oversized_and_endless_headers_get_431_and_cost_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let s = serve(&dir.path().join("room"));
    // A header line of 4 MB with no end: refused at the bound, long before its end.
    let mut stream = TcpStream::connect(s.origin().strip_prefix("http://").unwrap()).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    stream
        .write_all(b"GET / HTTP/1.1\r\nHost: x\r\nX-Long: ")
        .unwrap();
    let chunk = vec![b'a'; 64 * 1024];
    let mut sent = 0;
    for _ in 0..64 {
        if stream.write_all(&chunk).is_err() {
            break;
        }
        sent += chunk.len();
    }
    let mut reply = String::new();
    let _ = stream.read_to_string(&mut reply);
    assert!(
        reply.starts_with("HTTP/1.1 431"),
        "after {sent} bytes: {reply}"
    );
    let many: String = (0..500).map(|i| format!("X-{i}: a\r\n")).collect();
    let reply = raw(
        s.origin(),
        format!("GET / HTTP/1.1\r\nHost: x\r\n{many}\r\n").as_bytes(),
        Duration::from_secs(5),
    );
    assert!(reply.starts_with("HTTP/1.1 431"), "{reply}");
    still_serving(&s);
}

#[cfg(unix)]
#[test]
fn idle_connections_at_a_low_file_limit_never_stop_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let s = serve_with(&dir.path().join("room"), &[], Some("ulimit -n 64;"));
    // Far more idle connections than the process may have files: some wait, none stop it.
    let origin = s.origin().strip_prefix("http://").unwrap().to_string();
    let idle: Vec<TcpStream> = (0..120)
        .filter_map(|_| TcpStream::connect(&origin).ok())
        .collect();
    assert!(idle.len() > 60, "{} connected", idle.len());
    std::thread::sleep(Duration::from_millis(300));
    // The idle ones are closed after the request timeout; then a page is served.
    let start = Instant::now();
    let (status, _) = http("GET", &s.participants, b"");
    assert_eq!(status, 200);
    assert!(
        start.elapsed() < Duration::from_secs(8),
        "{:?}",
        start.elapsed()
    );
    drop(idle);
    still_serving(&s);
}

#[test]
fn ten_phones_opening_the_page_at_once_all_get_it_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let s = serve_with(&dir.path().join("room"), &["--request-timeout", "30"], None);
    let origin = s.origin().strip_prefix("http://").unwrap().to_string();
    // Others keep connections open meanwhile (keep-alive, between pages).
    let _open: Vec<TcpStream> = (0..8)
        .filter_map(|_| TcpStream::connect(&origin).ok())
        .collect();
    let start = Instant::now();
    let phones: Vec<_> = (0..10)
        .map(|_| {
            let url = s.participants.clone();
            std::thread::spawn(move || http("GET", &url, b"").0)
        })
        .collect();
    for p in phones {
        assert_eq!(p.join().unwrap(), 200);
    }
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn the_console_keeps_the_token_out_of_the_address_bar_and_counts_live() {
    let dir = tempfile::tempdir().unwrap();
    let room = dir.path().join("room");
    let s = serve(&room);
    let printed = s.printed();
    // The facilitator's address is printed first, marked private, far from the code.
    let f_line = printed.lines().position(|l| l.contains("/f/")).unwrap();
    let p_line = printed.lines().position(|l| l.contains("/p/")).unwrap();
    let code = printed.lines().position(|l| l.contains('█')).unwrap();
    assert!(f_line < code && code < p_line, "{printed}");
    assert!(code - f_line >= 10, "{printed}");
    assert!(printed.contains("keep this private"), "{printed}");

    let (status, head, _) = request("GET", &s.facilitator, &[], b"");
    assert_eq!(status, 303, "{head}");
    let head = head.to_ascii_lowercase();
    assert!(head.contains("location: /f/console"), "{head}");
    let token = s.facilitator.rsplit('/').next().unwrap();
    assert!(
        head.contains(&format!("set-cookie: ll_f={token}")),
        "{head}"
    );
    assert!(
        head.contains("httponly") && head.contains("samesite=lax"),
        "{head}"
    );
    let cookie = format!("ll_f={token}");
    let console = format!("{}/f/console", s.origin());
    let (status, _, page) = request("GET", &console, &[("Cookie", &cookie)], b"");
    assert_eq!(status, 200);
    assert!(page.contains("<svg"), "the code as a picture");
    let p_token = s.participants.rsplit('/').next().unwrap();
    assert!(page.contains(p_token), "the participants' address");
    assert!(!page.contains(token), "no facilitator secret in the page");
    assert!(
        !page.contains("http-equiv=\"refresh\""),
        "no reloading page"
    );
    assert_eq!(http("GET", &console, b"").0, 403, "not without the cookie");

    for _ in 0..3 {
        assert_eq!(http("POST", &s.participants, ANSWER).0, 200);
    }
    let (status, _, json) = request(
        "GET",
        &format!("{}/f/status", s.origin()),
        &[("Cookie", &cookie)],
        b"",
    );
    assert_eq!(status, 200);
    let status: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(status["partial"], 3, "{status}");
    assert_eq!(status["finished"], 0, "{status}");
}

#[test]
fn the_projected_report_is_anonymous_and_names_need_a_second_link() {
    let dir = tempfile::tempdir().unwrap();
    let room = dir.path().join("room");
    let s = serve(&room);
    let answers = [
        &b"name=Ana+Zed&role=member&item%3Arelevance-1=4"[..],
        b"name=Bo+Yu&role=member&item%3Arelevance-1=2",
        b"name=Cy+Xi&role=member&item%3Arelevance-1=3",
    ];
    for a in answers {
        assert_eq!(http("POST", &s.participants, a).0, 200);
    }
    let (status, report) = http("GET", &format!("{}/report", s.facilitator), b"");
    assert_eq!(status, 200);
    assert!(report.contains("Participant A"), "{report}");
    for name in ["Ana Zed", "Bo Yu", "Cy Xi"] {
        assert!(!report.contains(name), "{name} in the projected report");
    }
    let (status, named) = http("GET", &format!("{}/named", s.facilitator), b"");
    assert_eq!(status, 200);
    assert!(named.contains("Ana Zed"), "{named}");
    drop(s);

    let s = serve_with(&room, &["--anonymize"], None);
    let (status, _) = http("GET", &format!("{}/named", s.facilitator), b"");
    assert_eq!(status, 404, "no names at all in an anonymous room");
    let (_, console) = http("GET", &format!("{}/console", s.facilitator), b"");
    assert!(!console.contains("/f/named"), "{console}");
}

#[test]
fn a_removed_folder_is_said_to_the_participant_and_the_terminal_and_serving_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let room = dir.path().join("room");
    let s = serve(&room);
    std::fs::remove_dir_all(&room).unwrap();
    let (status, page) = http("POST", &s.participants, ANSWER);
    assert_eq!(status, 500);
    assert!(page.contains("Tell the facilitator"), "{page}");
    std::thread::sleep(Duration::from_millis(200));
    assert!(s.warned().contains("could not be saved"), "{}", s.warned());
    still_serving(&s);
    std::fs::create_dir(&room).unwrap();
    assert_eq!(http("POST", &s.participants, ANSWER).0, 200);
}

#[test]
fn an_ipv6_address_is_printed_as_a_browser_opens_it() {
    if std::net::TcpListener::bind("[::1]:0").is_err() {
        eprintln!("no IPv6 loopback here; skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("learnlead"))
        .args(["serve", "--bind", "::1", "--port", "0", "--out-dir"])
        .arg(dir.path().join("room"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut child = out;
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let url = loop {
        let line = lines.next().unwrap().unwrap();
        if let Some(u) = line.trim().strip_prefix("http://") {
            break format!("http://{u}");
        }
    };
    let _ = child.kill();
    let _ = child.wait();
    assert!(url.starts_with("http://[::1]:"), "{url}");
}

#[cfg(unix)]
#[test]
fn stopping_says_what_was_saved_and_the_next_command() {
    let dir = tempfile::tempdir().unwrap();
    let room = dir.path().join("room");
    let s = serve(&room);
    assert_eq!(http("POST", &s.participants, ANSWER).0, 200);
    let (code, printed) = s.stop("-INT");
    assert_eq!(code, 0, "the facilitator stopped it: {printed}");
    assert!(printed.contains("Stopped. 1 answer is in"), "{printed}");
    assert!(printed.contains("learnlead compare"), "{printed}");
    let s = serve(&room);
    let (code, printed) = s.stop("-TERM");
    assert_ne!(code, 0, "stopped by the system: {printed}");
    assert!(printed.contains("Stopped. 1 answer is in"), "{printed}");
}

#[test]
#[cfg_attr(no_browser, ignore = "needs Chromium or Chrome on PATH")]
fn a_participant_answers_in_a_browser_and_the_console_counts_it_live() {
    let Some(chromium) = browser_or_skip() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let room = dir.path().join("room");
    let s = serve(&room);
    let mut browser = Browser::start(&chromium);
    // The facilitator's console, open before anyone answers.
    let console = browser.tab(1280, "screen");
    browser.open_url(&console, &s.facilitator);
    let address = browser.eval(&console, "location.href");
    assert!(
        address.as_str().unwrap().ends_with("/f/console"),
        "{address}"
    );
    if let Some(axe) = crate::pages::axe_script() {
        browser.eval(&console, &axe);
        let found = browser.eval(&console, crate::pages::AXE);
        assert_eq!(found, serde_json::json!([]), "axe on the console");
    }
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
    // The console counted it without being reloaded.
    let counted = browser.eval(
        &console,
        r#"new Promise(done => {
          const until = Date.now() + 8000;
          (function look() {
            const n = document.getElementById('ll-finished').textContent;
            if (n === '1' || Date.now() > until) { done(n); } else { setTimeout(look, 200); }
          })();
        })"#,
    );
    assert_eq!(counted, "1");
    let opened = browser.eval(&console, "document.getElementById('ll-opened').textContent");
    assert_eq!(opened, "1");
}

/// An answers file for `assess --answers` on the session's three dimensions, as a member.
fn session_answers(name: &str, point: u8) -> String {
    let mut s = format!("name: {name}\nrole: member\nanswers:\n");
    for d in ["relevance", "voices", "power"] {
        for i in 1..=4 {
            if d == "power" && i == 4 {
                continue; // asked of convenors only
            }
            s.push_str(&format!("  {d}-{i}: {point}\n"));
        }
    }
    s
}

/// A change posted from the console, with the facilitator's cookie and the console's form
/// token (read from the console page); the status and where it leads.
fn console_post(s: &Served, cookie: &str, form_token: &str, body: &str) -> (u16, String) {
    let (status, head, page) = request(
        "POST",
        &format!("{}/f/session", s.origin()),
        &[("Cookie", cookie)],
        format!("t={form_token}&{body}").as_bytes(),
    );
    let location = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("location: ")
                .map(str::to_string)
        })
        .unwrap_or(page);
    (status, location)
}

#[test]
#[cfg_attr(no_browser, ignore = "needs Chromium or Chrome on PATH")]
fn a_whole_workshop_scope_paced_reveal_agreement_actions_and_the_follow_up() {
    let Some(chromium) = browser_or_skip() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let room = dir.path().join("room");
    std::fs::create_dir(&room).unwrap();
    // The facilitator starts the session: what is rated, three dimensions.
    let started = run(learnlead().arg("session").arg(&room).args([
        "--scope",
        "the Makers CoP core team, over the past six months",
        "--only",
        "relevance,voices,power",
    ]));
    assert_eq!(started.code, 0, "{}", started.stderr);
    // Two answer the form page sent by e-mail: it shows the scope and only the session's
    // dimensions, and the file it saves records both.
    let survey = dir.path().join("survey.html");
    let made = run(learnlead()
        .arg("form")
        .arg("--session")
        .arg(room.join("session.yaml"))
        .arg("--out")
        .arg(&survey));
    assert_eq!(made.code, 0, "{}", made.stderr);
    for name in ["Tom", "Sia"] {
        let mut browser = Browser::start(&chromium);
        let tab = browser.tab(390, "screen");
        browser.open(&tab, &survey);
        let saved = browser.eval(
            &tab,
            &format!(
                r#"(() => {{
                  const form = document.getElementById('ll-form');
                  const pick = (name, value) => {{
                    const el = form.querySelector(`input[name="${{name}}"][value="${{value}}"]`);
                    el.checked = true;
                    el.dispatchEvent(new Event('change', {{ bubbles: true }}));
                  }};
                  pick('role', 'member');
                  const n = document.getElementById('ll-name');
                  n.value = '{name}';
                  n.dispatchEvent(new Event('input', {{ bubbles: true }}));
                  [...form.querySelectorAll('fieldset.item')].filter(f => !f.hidden).forEach(f => pick('item:' + f.dataset.item, '4'));
                  return {{ yaml: window.learnleadResponse(), dims: form.querySelectorAll('section.dim').length,
                           scope: document.body.innerText.includes('the Makers CoP core team') }};
                }})()"#
            ),
        );
        assert_eq!(
            (saved["dims"].as_u64(), saved["scope"].as_bool()),
            (Some(3), Some(true)),
            "{saved}"
        );
        let yaml = saved["yaml"].as_str().unwrap();
        assert!(
            yaml.contains("covers:") && yaml.contains("scope:"),
            "{yaml}"
        );
        std::fs::write(room.join(format!("{}.yaml", name.to_lowercase())), yaml).unwrap();
    }
    // Three hand in paper worksheets, typed up as answers files: the session's scope and
    // dimensions go into each response.
    for (i, name) in ["Uma", "Vic", "Wes"].iter().enumerate() {
        let file = dir.path().join(format!("{name}.txt"));
        std::fs::write(&file, session_answers(name, 2 + (i % 3) as u8)).unwrap();
        let out = room.join(format!("{}.yaml", name.to_lowercase()));
        let made = run(learnlead()
            .args(["assess", "--answers"])
            .arg(&file)
            .arg("--out")
            .arg(&out));
        assert_eq!(made.code, 0, "{}", made.stderr);
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.contains("scope: the Makers CoP core team"), "{text}");
        assert!(text.contains("covers:"), "{text}");
        // Its own report: the session's dimensions, the scope, and no false "rubric changed".
        let own = run(learnlead().arg("report").arg(&out).args(["--format", "md"]));
        assert_eq!(own.code, 0, "{}", own.stderr);
        assert!(
            own.stdout.contains("**Rating:** the Makers CoP core team"),
            "{}",
            own.stdout
        );
        assert!(
            own.stdout
                .contains("**Not assessed in this session:** Accountability"),
            "{}",
            own.stdout
        );
        assert!(!own.stdout.contains("has changed"), "{}", own.stdout);
    }

    let s = serve(&room);
    let token = s.facilitator.rsplit('/').next().unwrap().to_string();
    let cookie = format!("ll_f={token}");
    let console_url = format!("{}/f/console", s.origin());
    let console = |_: &Served| request("GET", &console_url, &[("Cookie", &cookie)], b"").2;
    let page = console(&s);
    let form_token = page
        .split("name=\"t\" value=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap()
        .to_string();
    assert_ne!(form_token, token, "the page holds no facilitator token");
    assert!(
        page.contains("the Makers CoP core team"),
        "scope on the console"
    );
    // One dimension at a time: close all, open Voices.
    assert_eq!(
        console_post(&s, &cookie, &form_token, "do=close-all").0,
        303
    );
    assert_eq!(
        console_post(&s, &cookie, &form_token, "do=open&dim=voices").0,
        303
    );
    // A post without the form token changes nothing.
    assert_eq!(
        console_post(&s, &cookie, "nope", "do=open&dim=power").0,
        403
    );

    // Three phones in real browsers: each sees only Voices, with the scope, and answers it.
    let mut phones = Vec::new();
    for name in ["Ana", "Bo", "Cy"] {
        let mut browser = Browser::start(&chromium);
        let tab = browser.tab(390, "screen");
        browser.open_url(&tab, &s.participants);
        let shown = browser.eval(
            &tab,
            "[...document.querySelectorAll('section.dim h3')].map(h => h.textContent).join(',') + '|' + document.body.innerText.includes('the Makers CoP core team')",
        );
        assert_eq!(shown, "Voices|true", "{name}");
        browser.eval(
            &tab,
            &format!(
                r#"(() => {{
                  const form = document.getElementById('ll-form');
                  const pick = (name, value) => {{
                    const el = form.querySelector(`input[name="${{name}}"][value="${{value}}"]`);
                    el.checked = true;
                    el.dispatchEvent(new Event('change', {{ bubbles: true }}));
                  }};
                  pick('role', 'member');
                  document.getElementById('ll-name').value = '{name}';
                  [...form.querySelectorAll('fieldset.item:not([hidden])')].forEach(f => pick('item:' + f.dataset.item, '3'));
                  form.requestSubmit();
                  return true;
                }})()"#
            ),
        );
        browser.wait_load(&tab);
        let text = browser.eval(&tab, "document.body.innerText");
        assert!(
            text.as_str()
                .unwrap()
                .contains("When the facilitator opens the next topic"),
            "{text}"
        );
        phones.push((browser, tab));
    }
    // Voices is revealed: the anonymous answers of the eight, and Voices alone.
    let (status, to) = console_post(&s, &cookie, &form_token, "do=reveal&dim=voices");
    assert_eq!((status, to.as_str()), (303, "/f/reveal/voices"));
    let (status, _, revealed) = request(
        "GET",
        &format!("{}/f/reveal/voices", s.origin()),
        &[("Cookie", &cookie)],
        b"",
    );
    assert_eq!(status, 200);
    assert!(revealed.contains("8 participants"), "{revealed}");
    assert!(
        revealed.contains("voices-1")
            || revealed.contains("In the past six months, we have invited")
    );
    assert!(
        !revealed.contains("power-1") && !revealed.contains("differences of status"),
        "Power stays hidden"
    );
    assert!(
        !revealed.contains("Ana") && !revealed.contains("Uma"),
        "anonymous"
    );
    // Power opens next: the phones that answered Voices are led to it, and add to their own
    // response (still eight participants).
    assert_eq!(
        console_post(&s, &cookie, &form_token, "do=open&dim=power").0,
        303
    );
    let (browser, tab) = &mut phones[0];
    browser.open_url(tab, &s.participants);
    let shown = browser.eval(
        tab,
        "[...document.querySelectorAll('section.dim h3')].map(h => h.textContent).join(',')",
    );
    assert_eq!(shown, "Power");
    // Where the group landed on Voices, and two actions, recorded from the console.
    assert_eq!(
        console_post(&s, &cookie, &form_token, "do=landed&dim=voices&point=3.5&reasoning=Heard+in+meetings%2C+newcomers+less&dissent_count=2&dissent_who=Bo&dissent_why=newcomers+stay+quiet").0,
        303
    );
    assert_eq!(
        console_post(&s, &cookie, &form_token, "do=landed&dim=voices&point=7").0,
        400
    );
    assert_eq!(
        console_post(&s, &cookie, &form_token, "do=action&text=Pair+each+newcomer+with+a+member&dimension=voices&owner=Ana&due=2027-01-31&effort=low&impact=high").0,
        303
    );
    assert_eq!(
        console_post(
            &s,
            &cookie,
            &form_token,
            "do=action&text=Rotate+who+chairs+the+call&dimension=power&effort=high&impact=high"
        )
        .0,
        303
    );
    let page = console(&s);
    assert!(page.contains("revealed with 8"), "{page}");
    assert!(page.contains("Pair each newcomer"), "{page}");
    if let Some(axe) = crate::pages::axe_script() {
        let mut browser = Browser::start(&chromium);
        let tab = browser.tab(1280, "screen");
        browser.open_url(&tab, &s.facilitator);
        browser.eval(&tab, &axe);
        let found = browser.eval(&tab, crate::pages::AXE);
        assert_eq!(
            found,
            serde_json::json!([]),
            "axe on the console with a session"
        );
    }
    drop(phones);
    drop(s);
    let responses: Vec<String> = files(&room)
        .into_iter()
        .filter(|f| f != "session.yaml")
        .collect();
    assert_eq!(responses.len(), 8, "{responses:?}");

    // The group report shows the scope, what was not assessed, where the group landed beside
    // its answers, and the actions with their grid.
    let md = run(learnlead()
        .arg("compare")
        .arg(&room)
        .args(["--format", "md"]));
    assert_eq!(md.code, 0, "{}", md.stderr);
    let md = md.stdout;
    for said in [
        "**We are rating:** the Makers CoP core team, over the past six months",
        "**Not assessed in this session:** Accountability",
        "### Voices: 3.5",
        "above the group's mean",
        "2 did not agree (Bo): newcomers stay quiet",
        "| a1 | Pair each newcomer with a member | Voices | Ana | 2027-01-31 | low | high | open |",
        "Quick wins: a1",
        "Major projects: a2",
    ] {
        assert!(md.contains(said), "{said} in\n{md}");
    }
    assert!(
        !md.contains("### Accountability"),
        "only the session's dimensions are compared"
    );
    let anon = run(learnlead()
        .arg("compare")
        .arg(&room)
        .args(["--anonymize", "--format", "json"]));
    assert!(
        !anon.stdout.contains("\"Ana\"") && !anon.stdout.contains("(Bo)"),
        "{}",
        anon.stdout
    );

    // The next round: a follow-up session carries the open actions; the group says what
    // happened to them, and the report opens with it.
    let next = dir.path().join("room-2");
    std::fs::create_dir(&next).unwrap();
    let follow = run(learnlead()
        .arg("session")
        .arg(&next)
        .arg("--follow-up")
        .arg(&room));
    assert_eq!(follow.code, 0, "{}", follow.stderr);
    let update = dir.path().join("update.yaml");
    std::fs::write(
        &update,
        "actions:\n- id: a1\n  status: done\n  note: six pairs so far\n- id: a2\n  status: dropped\n  note: nobody wanted to chair\nagreed:\n  voices: {point: 4}\n",
    )
    .unwrap();
    let recorded = run(learnlead()
        .arg("session")
        .arg(&next)
        .arg("--from")
        .arg(&update));
    assert_eq!(recorded.code, 0, "{}", recorded.stderr);
    for name in ["Uma", "Vic", "Wes"] {
        let file = dir.path().join(format!("{name}.txt"));
        let out = next.join(format!("{}.yaml", name.to_lowercase()));
        assert_eq!(
            run(learnlead()
                .args(["assess", "--answers"])
                .arg(&file)
                .arg("--out")
                .arg(&out))
            .code,
            0
        );
    }
    let md = run(learnlead()
        .arg("compare")
        .arg(&next)
        .arg("--baseline")
        .arg(&room)
        .args(["--format", "md"]));
    assert_eq!(md.code, 0, "{}", md.stderr);
    let first_section = md
        .stdout
        .split("\n## ")
        .nth(1)
        .unwrap_or_default()
        .to_string();
    let second_section = md
        .stdout
        .split("\n## ")
        .nth(2)
        .unwrap_or_default()
        .to_string();
    assert!(first_section.starts_with("The session"), "{}", md.stdout);
    assert!(
        second_section.starts_with("What happened to our actions"),
        "{}",
        md.stdout
    );
    assert!(second_section.contains("| Pair each newcomer with a member | Ana | 2027-01-31 | open | **done** | six pairs so far |"), "{second_section}");
    assert!(
        second_section.contains(
            "| Rotate who chairs the call |  |  | open | **dropped** | nobody wanted to chair |"
        ),
        "{second_section}"
    );
    assert!(
        second_section.contains("**Voices**: landed at 3.5 then, 4 now"),
        "{second_section}"
    );
}
