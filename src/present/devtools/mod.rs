//! A small Chrome DevTools Protocol client: enough to open a page in a tab, set the viewport
//! and the media type, run a script, and print to PDF, all in one browser session (printing a
//! bundle of a hundred reports starts the browser once, not a hundred times).
//!
//! Two ways to talk to the browser, one per system ([`Transport`]): on Linux and macOS a
//! private pipe (`--remote-debugging-pipe`: commands on its descriptor 3, replies on 4, each
//! message ended by a NUL byte), which no other program can reach; on Windows, where a child
//! gets no extra descriptors, a WebSocket to a port the browser picks on 127.0.0.1
//! (`--remote-debugging-port=0`), open only while it prints. Messages are bounded in size, and
//! every step has a deadline, not a timeout that a chattering browser could keep renewing.
//!
//! Why our own client rather than a crate: the maintained DevTools crates are async
//! (chromiumoxide, on tokio, with the whole generated protocol) or bring an HTTP client and a
//! WebSocket library each (headless_chrome); learnlead needs six commands, and a print must
//! not depend on an async runtime being up. The server's tokio stays in `serve`.

mod websocket;

use std::io::{BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::error::{Error, Result};

/// How the browser is started: headless, with nothing that reaches the network on its own (on a
/// closed network those connections fail, many at a time). A fresh `--user-data-dir` goes
/// with them.
pub const HEADLESS_FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

/// The largest message the browser may send: a printed PDF, as base64, of a report of a
/// hundred pages is a few MiB.
const MAX_MESSAGE: usize = 256 << 20;

/// How learnlead talks to the browser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transport {
    /// A private pipe (Linux, macOS).
    Pipe,
    /// A WebSocket to a port on 127.0.0.1 that the browser picks (Windows; works everywhere).
    Port,
}

impl Transport {
    /// The pipe where the system can give one, else the port.
    pub fn for_this_system() -> Transport {
        if crate::platform::browser_pipe::AVAILABLE {
            Transport::Pipe
        } else {
            Transport::Port
        }
    }
}

/// Where commands go.
enum Sender {
    Pipe(std::io::PipeWriter),
    Socket(std::net::TcpStream),
}

impl Sender {
    fn send(&mut self, json: &[u8]) -> std::io::Result<()> {
        match self {
            Sender::Pipe(p) => {
                p.write_all(json)?;
                p.write_all(&[0])?;
                p.flush()
            }
            Sender::Socket(s) => websocket::send_text(s, json),
        }
    }
}

/// A headless browser, driven over DevTools; stopped (and waited for) when dropped.
pub struct Browser {
    child: Child,
    commands: Sender,
    messages: Receiver<std::result::Result<Value, String>>,
    next_id: u64,
    /// How long one step (a command, a load, a print) may take at most.
    wait: Duration,
    /// When the current step must be done.
    deadline: Instant,
    name: String,
    /// What the browser says on its standard error, for the message when it fails.
    log: std::path::PathBuf,
    /// Registers the browser to be stopped before its profile is removed on Ctrl-C.
    _stop_first: crate::io::cleanup::ChildGuard,
}

/// One tab, attached with its own session.
pub struct Tab {
    session: String,
}

impl Browser {
    /// Starts `chromium` headless with its profile in `profile`, over this system's
    /// transport; each later step may take `wait` at most before the browser counts as hung.
    pub fn start(chromium: &Path, profile: &Path, wait: Duration) -> Result<Browser> {
        Browser::start_with(chromium, profile, wait, Transport::for_this_system(), false)
    }

    /// [`Browser::start`] for printing pages someone else may have written: the browser
    /// reaches no host at all (every name and address maps to nowhere, so not even a
    /// connection is opened ahead of a request).
    pub fn start_offline(chromium: &Path, profile: &Path, wait: Duration) -> Result<Browser> {
        Browser::start_with(chromium, profile, wait, Transport::for_this_system(), true)
    }

    /// [`Browser::start`] over the transport given, offline or not.
    pub fn start_with(
        chromium: &Path,
        profile: &Path,
        wait: Duration,
        transport: Transport,
        offline: bool,
    ) -> Result<Browser> {
        let log = profile.with_extension("log");
        let log_file = std::fs::File::create(&log).map_err(|e| Error::write(&log, e))?;
        let mut cmd = Command::new(chromium);
        cmd.args(HEADLESS_FLAGS)
            .arg(format!("--user-data-dir={}", profile.display()))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log_file);
        if offline {
            cmd.arg("--host-rules=MAP * ~NOTFOUND");
        }
        // The browser's own temporary files go beside its profile, in learnlead's private
        // folder, and are removed with it.
        let tmp = profile.with_extension("tmp");
        if std::fs::create_dir_all(&tmp).is_ok() {
            cmd.env("TMPDIR", &tmp).env("TMP", &tmp).env("TEMP", &tmp);
        }
        let cannot_run = |e: std::io::Error| Error::Browser {
            message: format!(
                "cannot run {}: {}",
                chromium.display(),
                crate::error::io_words(&e)
            ),
            cause: Some(e),
        };
        let (tx, messages) = mpsc::channel();
        let deadline = Instant::now() + wait;
        let (child, commands, guard) = match transport {
            Transport::Pipe => {
                cmd.arg("--remote-debugging-pipe");
                let (child, (to, from), guard) = crate::io::cleanup::spawn_child(|| {
                    crate::platform::browser_pipe::spawn(cmd).map(|(c, to, from)| (c, (to, from)))
                })
                .map_err(cannot_run)?;
                read_messages(
                    tx,
                    move |r: &mut BufReader<std::io::PipeReader>| {
                        websocket::read_nul_message(r, MAX_MESSAGE)
                    },
                    BufReader::new(from),
                );
                (child, Sender::Pipe(to), guard)
            }
            Transport::Port => {
                cmd.arg("--remote-debugging-port=0")
                    .arg("--remote-debugging-address=127.0.0.1");
                let (mut child, (), guard) =
                    crate::io::cleanup::spawn_child(|| cmd.spawn().map(|c| (c, ())))
                        .map_err(cannot_run)?;
                let socket = match connect_port(profile, deadline, &mut child) {
                    Ok(s) => s,
                    Err(e) => {
                        let _ = child.kill();
                        let _ = child.wait();
                        return Err(Error::Browser {
                            message: format!(
                                "cannot reach {} on its DevTools port: {}",
                                chromium.display(),
                                crate::error::io_words(&e)
                            ),
                            cause: Some(e),
                        });
                    }
                };
                let reader = socket.try_clone().map_err(cannot_run)?;
                read_messages(
                    tx,
                    move |r: &mut BufReader<std::net::TcpStream>| {
                        websocket::read_message(r, MAX_MESSAGE)
                    },
                    BufReader::new(reader),
                );
                (child, Sender::Socket(socket), guard)
            }
        };
        Ok(Browser {
            _stop_first: guard,
            child,
            commands,
            messages,
            next_id: 0,
            wait,
            deadline,
            name: chromium.display().to_string(),
            log,
        })
    }

    /// Sends `method` (to `session`, or to the browser) and waits for its result.
    fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Result<Value> {
        self.next_id += 1;
        let id = self.next_id;
        let mut msg = json!({"id": id, "method": method, "params": params});
        if let Some(s) = session {
            msg["sessionId"] = json!(s);
        }
        let bytes = serde_json::to_vec(&msg).unwrap_or_default();
        if self.commands.send(&bytes).is_err() {
            return Err(self.stopped());
        }
        let reply = self.wait_for(|m| m["id"] == json!(id))?;
        if let Some(e) = reply.get("error") {
            return Err(Error::Browser {
                message: format!(
                    "{} refused {method}: {}",
                    self.name,
                    crate::safe_text::quote(&e.to_string())
                ),
                cause: None,
            });
        }
        Ok(reply["result"].clone())
    }

    /// Starts a step: it, and everything it waits for, must be done within the browser's
    /// `wait`, however much the browser says meanwhile.
    fn begin_step(&mut self) {
        self.deadline = Instant::now() + self.wait;
    }

    fn wait_for(&mut self, wanted: impl Fn(&Value) -> bool) -> Result<Value> {
        loop {
            let left = self.deadline.saturating_duration_since(Instant::now());
            match self.messages.recv_timeout(left) {
                Ok(Ok(m)) if wanted(&m) => return Ok(m),
                Ok(Ok(m)) if m["method"] == "Fetch.requestPaused" => self.refuse(&m)?,
                Ok(Ok(_)) => {}
                Ok(Err(words)) => {
                    let _ = self.child.kill();
                    return Err(Error::Browser {
                        message: format!("{} stopped being read: {words}", self.name),
                        cause: None,
                    });
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => return Err(self.stopped()),
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    let _ = self.child.kill();
                    return Err(Error::Browser {
                        message: format!(
                            "{} did not print the PDF within {} s and was stopped; try again, or print the HTML from a browser",
                            self.name,
                            self.wait.as_secs()
                        ),
                        cause: None,
                    });
                }
            }
        }
    }

    /// Refuses a request a locked tab's page made: nothing is loaded but the page itself.
    fn refuse(&mut self, paused: &Value) -> Result<()> {
        self.next_id += 1;
        let msg = json!({
            "id": self.next_id,
            "method": "Fetch.failRequest",
            "params": {"requestId": paused["params"]["requestId"], "errorReason": "BlockedByClient"},
            "sessionId": paused["sessionId"],
        });
        let bytes = serde_json::to_vec(&msg).unwrap_or_default();
        self.commands.send(&bytes).map_err(|_| self.stopped())
    }

    /// Locks `tab` for printing pages someone else may have written (a house style's
    /// template): every request its pages make (a web address, a file, a local server, a style
    /// sheet, a font, an image that is not inside the page) is refused, and the pages' scripts
    /// do not run. Pages are then given as text ([`Browser::print_html`]) to an empty
    /// document, which may not reach local files.
    pub fn lock(&mut self, tab: &Tab) -> Result<()> {
        self.begin_step();
        let s = Some(tab.session.as_str());
        self.call(
            s,
            "Fetch.enable",
            json!({"patterns": [{"urlPattern": "*"}]}),
        )?;
        self.call(
            s,
            "Emulation.setScriptExecutionDisabled",
            json!({"value": true}),
        )?;
        Ok(())
    }

    /// Prints `html` in the locked `tab`: the page is set as the document's content, laid out,
    /// and printed, all within one deadline.
    pub fn print_html(&mut self, tab: &Tab, html: &str) -> Result<Vec<u8>> {
        self.begin_step();
        let s = Some(tab.session.as_str());
        let tree = self.call(s, "Page.getFrameTree", json!({}))?;
        let frame = tree["frameTree"]["frame"]["id"].clone();
        self.call(
            s,
            "Page.setDocumentContent",
            json!({"frameId": frame, "html": html}),
        )?;
        self.print_loaded(tab)
    }

    /// The browser closed its end of the pipe: it stopped. Its last words say why.
    fn stopped(&mut self) -> Error {
        let _ = self.child.wait();
        let log = std::fs::read_to_string(&self.log).unwrap_or_default();
        let last: Vec<&str> = log.lines().rev().take(3).collect();
        let said: Vec<&str> = last.into_iter().rev().collect();
        Error::Browser {
            message: format!(
                "{} could not print the PDF: {}",
                self.name,
                crate::safe_text::quote(&said.join(" / "))
            ),
            cause: None,
        }
    }

    /// A new tab `width` CSS pixels wide, in `media` ("screen" or "print").
    pub fn tab(&mut self, width: u32, media: &str) -> Result<Tab> {
        self.begin_step();
        let target = self.call(None, "Target.createTarget", json!({"url": "about:blank"}))?;
        let attached = self.call(
            None,
            "Target.attachToTarget",
            json!({"targetId": target["targetId"], "flatten": true}),
        )?;
        let session = attached["sessionId"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        let s = Some(session.as_str());
        self.call(s, "Page.enable", json!({}))?;
        self.call(
            s,
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600}),
        )?;
        self.call(s, "Emulation.setEmulatedMedia", json!({"media": media}))?;
        Ok(Tab { session })
    }

    /// Loads the address `url` in `tab` and waits until it has loaded.
    pub fn open_url(&mut self, tab: &Tab, url: &str) -> Result<()> {
        self.begin_step();
        self.navigate(tab, url)
    }

    fn navigate(&mut self, tab: &Tab, url: &str) -> Result<()> {
        self.call(Some(&tab.session), "Page.navigate", json!({ "url": url }))?;
        self.wait_loaded(tab)
    }

    /// Loads the file `page` in `tab` and waits until it has loaded.
    pub fn open(&mut self, tab: &Tab, page: &Path) -> Result<()> {
        self.open_url(tab, &file_url(page))
    }

    /// Waits for the page in `tab` to finish loading (after a navigation the page started).
    pub fn wait_load(&mut self, tab: &Tab) -> Result<()> {
        self.begin_step();
        self.wait_loaded(tab)
    }

    fn wait_loaded(&mut self, tab: &Tab) -> Result<()> {
        let session = tab.session.clone();
        self.wait_for(|m| m["method"] == "Page.loadEventFired" && m["sessionId"] == session)
            .map(|_| ())
    }

    /// Runs `script` in `tab` and returns its value (awaiting a promise).
    pub fn eval(&mut self, tab: &Tab, script: &str) -> Result<Value> {
        self.begin_step();
        let r = self.call(
            Some(&tab.session),
            "Runtime.evaluate",
            json!({"expression": script, "awaitPromise": true, "returnByValue": true}),
        )?;
        if let Some(e) = r.get("exceptionDetails") {
            return Err(Error::Browser {
                message: format!(
                    "a script failed: {}",
                    crate::safe_text::quote(&e.to_string())
                ),
                cause: None,
            });
        }
        Ok(r["result"]["value"].clone())
    }

    /// Prints the page loaded in `tab` to PDF, its size and margins as its CSS says.
    pub fn print(&mut self, tab: &Tab) -> Result<Vec<u8>> {
        self.begin_step();
        self.print_loaded(tab)
    }

    fn print_loaded(&mut self, tab: &Tab) -> Result<Vec<u8>> {
        use base64::Engine;
        let r = self.call(
            Some(&tab.session),
            "Page.printToPDF",
            json!({"printBackground": true, "preferCSSPageSize": true, "displayHeaderFooter": false}),
        )?;
        base64::engine::general_purpose::STANDARD
            .decode(r["data"].as_str().unwrap_or_default())
            .map_err(|e| Error::Browser {
                message: format!("{} sent a PDF that is not base64 ({e})", self.name),
                cause: None,
            })
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads the browser's messages on a thread of its own, each parsed as JSON, into `tx`; a
/// message over the limit (or a broken stream) ends the reading with the reason.
fn read_messages<R: std::io::Read + Send + 'static>(
    tx: mpsc::Sender<std::result::Result<Value, String>>,
    next: impl Fn(&mut BufReader<R>) -> std::io::Result<Option<Vec<u8>>> + Send + 'static,
    mut reader: BufReader<R>,
) {
    std::thread::spawn(move || loop {
        match next(&mut reader) {
            Ok(Some(bytes)) => {
                if let Ok(v) = serde_json::from_slice::<Value>(&bytes) {
                    if tx.send(Ok(v)).is_err() {
                        return;
                    }
                }
            }
            Ok(None) => return,
            Err(e) => {
                let _ = tx.send(Err(e.to_string()));
                return;
            }
        }
    });
}

/// Waits (until `deadline`) for the browser to write its port into `DevToolsActivePort` in its
/// profile, then opens the WebSocket it names there.
fn connect_port(
    profile: &Path,
    deadline: Instant,
    child: &mut Child,
) -> std::io::Result<std::net::TcpStream> {
    let file = profile.join("DevToolsActivePort");
    loop {
        if let Ok(text) = std::fs::read_to_string(&file) {
            let mut lines = text.lines();
            if let (Some(port), Some(path)) = (lines.next(), lines.next()) {
                if let Ok(port) = port.trim().parse::<u16>() {
                    return websocket::connect(port, path.trim());
                }
            }
        }
        if let Ok(Some(status)) = child.try_wait() {
            return Err(std::io::Error::other(format!("it ended ({status})")));
        }
        if Instant::now() >= deadline {
            return Err(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                "it did not open its port in time",
            ));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A `file://` address for `path`, with what an address cannot hold escaped, on every system
/// (`C:\Users\Ana\page.html` becomes `file:///C:/Users/Ana/page.html`).
pub fn file_url(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let text = absolute.to_string_lossy().replace('\\', "/");
    let text = text.strip_prefix("//?/").unwrap_or(&text);
    let mut url = String::from("file://");
    if !text.starts_with('/') {
        url.push('/');
    }
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' | b':' => {
                url.push(char::from(b));
            }
            _ => url.push_str(&format!("%{b:02X}")),
        }
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_addresses_escape_what_an_address_cannot_hold() {
        assert_eq!(
            file_url(Path::new("/tmp/my report#1.html")),
            "file:///tmp/my%20report%231.html"
        );
    }

    /// Both transports print a page with the real browser, where one is installed: the port
    /// (Windows' way) is tried on this system too, so it is tested wherever the tests run.
    #[test]
    fn both_transports_drive_a_real_browser() {
        let Some(chromium) = crate::platform::browsers::find() else {
            assert!(std::env::var_os("CI").is_none(), "CI installs Chromium");
            eprintln!("no browser here; skipped");
            return;
        };
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join("page one.html");
        std::fs::write(&page, "<html><body><p id=x>hello</p></body></html>").unwrap();
        for (k, transport) in [Transport::Port, Transport::Pipe].into_iter().enumerate() {
            if transport == Transport::Pipe && !crate::platform::browser_pipe::AVAILABLE {
                continue;
            }
            let profile = dir.path().join(format!("profile-{k}"));
            let mut b = Browser::start_with(
                &chromium,
                &profile,
                Duration::from_secs(60),
                transport,
                false,
            )
            .unwrap();
            let tab = b.tab(800, "print").unwrap();
            b.open(&tab, &page).unwrap();
            let text = b
                .eval(&tab, "document.getElementById('x').textContent")
                .unwrap();
            assert_eq!(text, "hello", "{transport:?}");
            assert!(
                b.print(&tab).unwrap().starts_with(b"%PDF-"),
                "{transport:?}"
            );
        }
    }
}
