//! A small Chrome DevTools Protocol client over `--remote-debugging-pipe`: Chromium reads
//! commands on its file descriptor 3 and writes replies and events on 4, each message JSON
//! ended by a NUL byte. No websocket, no async runtime: enough to open a page in a tab, set the
//! viewport and the media type, run a script, and print to PDF, all in one browser session
//! (printing a bundle of a hundred reports starts the browser once, not a hundred times).

use std::io::{BufRead, BufReader, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use serde_json::{json, Value};

use crate::error::{Error, Result};

/// A headless browser, driven over its DevTools pipe; stopped when dropped.
pub struct Browser {
    child: Child,
    commands: std::fs::File,
    messages: Receiver<Value>,
    next_id: u64,
    /// How long one command, load or print may take.
    wait: Duration,
    name: String,
    /// What the browser says on its standard error, for the message when it fails.
    log: std::path::PathBuf,
}

/// One tab, attached with its own session.
pub struct Tab {
    session: String,
}

impl Browser {
    /// Starts `chromium` headless with its profile in `profile`; each later step may take
    /// `wait` at most before the browser counts as hung.
    pub fn start(chromium: &Path, profile: &Path, wait: Duration) -> Result<Browser> {
        let log = profile.with_extension("log");
        let log_file = std::fs::File::create(&log).map_err(|e| Error::write(&log, e))?;
        let (to_browser_read, to_browser_write) = pipe()?;
        let (from_browser_read, from_browser_write) = pipe()?;
        let mut cmd = Command::new(chromium);
        cmd.args(crate::present::pdf::HEADLESS_FLAGS)
            .arg("--remote-debugging-pipe")
            .arg(format!("--user-data-dir={}", profile.display()))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log_file);
        let (read_fd, write_fd) = (to_browser_read.as_raw_fd(), from_browser_write.as_raw_fd());
        // SAFETY: between fork and exec only dup2 and fcntl run, which are async-signal-safe.
        unsafe {
            cmd.pre_exec(move || {
                for (fd, target) in [(read_fd, 3), (write_fd, 4)] {
                    // dup2 onto itself keeps close-on-exec: clear it instead.
                    let done = match fd == target {
                        true => libc::fcntl(fd, libc::F_SETFD, 0),
                        false => libc::dup2(fd, target),
                    };
                    if done < 0 {
                        return Err(std::io::Error::last_os_error());
                    }
                }
                Ok(())
            });
        }
        let child = cmd.spawn().map_err(|e| Error::Browser {
            message: format!(
                "cannot run {}: {}",
                chromium.display(),
                crate::error::io_words(&e)
            ),
            cause: Some(e),
        })?;
        drop(to_browser_read);
        drop(from_browser_write);
        let (tx, messages) = mpsc::channel();
        let reader = std::fs::File::from(from_browser_read);
        std::thread::spawn(move || {
            let mut reader = BufReader::new(reader);
            let mut buf = Vec::new();
            while reader.read_until(0, &mut buf).is_ok_and(|n| n > 0) {
                buf.pop();
                if let Ok(v) = serde_json::from_slice::<Value>(&buf) {
                    if tx.send(v).is_err() {
                        break;
                    }
                }
                buf.clear();
            }
        });
        Ok(Browser {
            child,
            commands: std::fs::File::from(to_browser_write),
            messages,
            next_id: 0,
            wait,
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
        let mut bytes = serde_json::to_vec(&msg).unwrap_or_default();
        bytes.push(0);
        if self.commands.write_all(&bytes).is_err() {
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

    fn wait_for(&mut self, wanted: impl Fn(&Value) -> bool) -> Result<Value> {
        loop {
            match self.messages.recv_timeout(self.wait) {
                Ok(m) if wanted(&m) => return Ok(m),
                Ok(_) => {}
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
        self.call(Some(&tab.session), "Page.navigate", json!({ "url": url }))?;
        self.wait_load(tab)
    }

    /// Loads the file `page` in `tab` and waits until it has loaded.
    pub fn open(&mut self, tab: &Tab, page: &Path) -> Result<()> {
        self.open_url(tab, &format!("file://{}", page.display()))
    }

    /// Waits for the page in `tab` to finish loading (after a navigation the page started).
    pub fn wait_load(&mut self, tab: &Tab) -> Result<()> {
        let session = tab.session.clone();
        self.wait_for(|m| m["method"] == "Page.loadEventFired" && m["sessionId"] == session)
            .map(|_| ())
    }

    /// Runs `script` in `tab` and returns its value (awaiting a promise).
    pub fn eval(&mut self, tab: &Tab, script: &str) -> Result<Value> {
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

/// A pipe whose ends are closed on exec (only the two given to the browser, as 3 and 4,
/// reach it).
fn pipe() -> Result<(OwnedFd, OwnedFd)> {
    let mut fds = [0; 2];
    // SAFETY: pipe2 writes two new descriptors into `fds`, which we then own.
    unsafe {
        if libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) != 0 {
            return Err(Error::Browser {
                message: "cannot make a pipe to the browser".into(),
                cause: Some(std::io::Error::last_os_error()),
            });
        }
        Ok((OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])))
    }
}
