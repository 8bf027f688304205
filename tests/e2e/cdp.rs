//! A small Chrome DevTools Protocol client over `--remote-debugging-pipe`: Chromium reads
//! commands on its file descriptor 3 and writes replies and events on 4, each message JSON
//! ended by a NUL byte. Enough to set the viewport and the media type, load a page and run a
//! script in it, which the command-line flags of headless Chromium cannot do (print media).

use std::io::{BufRead, BufReader, Write};
use std::os::fd::{FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use serde_json::{json, Value};

/// How long one command or page load may take.
const WAIT: Duration = Duration::from_secs(60);

pub struct Browser {
    child: Child,
    commands: std::fs::File,
    messages: Receiver<Value>,
    next_id: u64,
    _profile: tempfile::TempDir,
}

/// One tab, attached with its own session.
pub struct Tab {
    session: String,
}

impl Browser {
    /// Starts headless `chromium` with a fresh profile.
    pub fn start(chromium: &Path) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let (to_browser_read, to_browser_write) = pipe();
        let (from_browser_read, from_browser_write) = pipe();
        let mut cmd = Command::new(chromium);
        cmd.args(learnlead::present::pdf::HEADLESS_FLAGS)
            .arg("--remote-debugging-pipe")
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let (read_fd, write_fd) = (raw(&to_browser_read), raw(&from_browser_write));
        // SAFETY: between fork and exec only dup2 runs, which is async-signal-safe.
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
        let child = cmd.spawn().expect("chromium starts");
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
        Browser {
            child,
            commands: std::fs::File::from(to_browser_write),
            messages,
            next_id: 0,
            _profile: profile,
        }
    }

    /// Sends `method` (to `session`, or to the browser) and waits for its result.
    fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut msg = json!({"id": id, "method": method, "params": params});
        if let Some(s) = session {
            msg["sessionId"] = json!(s);
        }
        let mut bytes = serde_json::to_vec(&msg).unwrap();
        bytes.push(0);
        self.commands.write_all(&bytes).unwrap();
        let reply = self.wait_for(|m| m["id"] == json!(id));
        assert!(reply.get("error").is_none(), "{method}: {reply}");
        reply["result"].clone()
    }

    fn wait_for(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        loop {
            let m = self
                .messages
                .recv_timeout(WAIT)
                .expect("Chromium answers in time");
            if wanted(&m) {
                return m;
            }
        }
    }

    /// A new tab `width` CSS pixels wide, in `media` ("screen" or "print").
    pub fn tab(&mut self, width: u32, media: &str) -> Tab {
        let target = self.call(None, "Target.createTarget", json!({"url": "about:blank"}));
        let attached = self.call(
            None,
            "Target.attachToTarget",
            json!({"targetId": target["targetId"], "flatten": true}),
        );
        let session = attached["sessionId"].as_str().unwrap().to_string();
        let s = Some(session.as_str());
        self.call(s, "Page.enable", json!({}));
        self.call(
            s,
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600}),
        );
        self.call(s, "Emulation.setEmulatedMedia", json!({"media": media}));
        Tab { session }
    }

    /// Loads `page` in `tab` and waits until it has loaded.
    pub fn open(&mut self, tab: &Tab, page: &Path) {
        let s = Some(tab.session.as_str());
        self.call(
            s,
            "Page.navigate",
            json!({"url": format!("file://{}", page.display())}),
        );
        let session = tab.session.clone();
        self.wait_for(|m| m["method"] == "Page.loadEventFired" && m["sessionId"] == session);
    }

    /// Loads the address `url` in `tab` and waits until it has loaded.
    pub fn open_url(&mut self, tab: &Tab, url: &str) {
        self.call(Some(&tab.session), "Page.navigate", json!({ "url": url }));
        self.wait_load(tab);
    }

    /// Waits for the page in `tab` to finish loading (after a navigation the page started).
    pub fn wait_load(&mut self, tab: &Tab) {
        let session = tab.session.clone();
        self.wait_for(|m| m["method"] == "Page.loadEventFired" && m["sessionId"] == session);
    }

    /// Runs `script` in `tab` and returns its value (awaiting a promise).
    pub fn eval(&mut self, tab: &Tab, script: &str) -> Value {
        let r = self.call(
            Some(&tab.session),
            "Runtime.evaluate",
            json!({"expression": script, "awaitPromise": true, "returnByValue": true}),
        );
        assert!(r.get("exceptionDetails").is_none(), "{r}");
        r["result"]["value"].clone()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn pipe() -> (OwnedFd, OwnedFd) {
    let mut fds = [0; 2];
    // SAFETY: pipe2 writes two new descriptors into `fds`, which we then own. Close-on-exec,
    // so that only the two the browser is given (as 3 and 4) reach it.
    unsafe {
        assert_eq!(libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC), 0);
        (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1]))
    }
}

fn raw(fd: &OwnedFd) -> i32 {
    use std::os::fd::AsRawFd;
    fd.as_raw_fd()
}
