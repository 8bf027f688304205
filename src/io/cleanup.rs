//! What learnlead leaves behind when it is stopped: nothing. Temporary folders (a bundle or an
//! import being built, a PDF being printed) and lock files are registered here while they
//! exist; when the process gets SIGINT, SIGTERM or SIGHUP (Ctrl-C outside the questionnaire, a
//! `kill`, a closed terminal) they are removed before it exits. [`Guard`] removes them on every
//! normal exit too, errors included.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::platform::signals::Stop;

static PATHS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
/// Child processes (a browser printing) that write into registered folders: stopped, and
/// waited for, before the folders are removed.
static CHILDREN: Mutex<Vec<u32>> = Mutex::new(Vec::new());

/// Where stop requests go instead of ending the process, while a command (`serve`) wants to
/// stop in its own way.
static ROUTE: Mutex<Option<std::sync::mpsc::Sender<Stop>>> = Mutex::new(None);

/// Starts listening for stop requests (Ctrl-C, a kill, a closed terminal or console window).
/// Called once, by `main`.
pub fn install() {
    crate::platform::signals::install(on_stop);
}

/// From now on, stop requests are sent to the receiver instead of ending the process: the
/// command that asked ends itself (and must clean up as it goes).
pub fn route_stops() -> std::sync::mpsc::Receiver<Stop> {
    let (tx, rx) = std::sync::mpsc::channel();
    if let Ok(mut route) = ROUTE.lock() {
        *route = Some(tx);
    }
    rx
}

/// Set when a stop request is being carried out: the process ends with the stop's status, even
/// if the command meanwhile fails (its browser was just stopped).
static STOPPING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether a stop request is being carried out.
pub fn stopping() -> bool {
    STOPPING.load(std::sync::atomic::Ordering::SeqCst)
}

/// Ends the process with `code`, unless a stop request is being carried out: then it waits for
/// that to end the process (with the stop's own status, after removing what was left).
pub fn exit(code: i32) -> ! {
    if STOPPING.load(std::sync::atomic::Ordering::SeqCst) {
        loop {
            std::thread::park();
        }
    }
    std::process::exit(code)
}

fn on_stop(stop: Stop) {
    if let Ok(route) = ROUTE.lock() {
        if let Some(tx) = route.as_ref() {
            if tx.send(stop).is_ok() {
                return;
            }
        }
    }
    let stopped_any = stop_children();
    remove_all(stopped_any);
    if stop == Stop::Interrupt {
        eprintln!("\nstopped; nothing was left half-written");
    }
    std::process::exit(stop.exit_code());
}

/// Marks the stop as begun and stops every registered child. Taken under the children's lock,
/// so no child is started (by [`spawn_child`]) after the list is taken.
fn stop_children() -> bool {
    let children = match CHILDREN.lock() {
        Ok(mut c) => {
            STOPPING.store(true, std::sync::atomic::Ordering::SeqCst);
            std::mem::take(&mut *c)
        }
        Err(poisoned) => std::mem::take(&mut *poisoned.into_inner()),
    };
    for pid in &children {
        crate::platform::process::stop_child(*pid, std::time::Duration::from_secs(3));
    }
    !children.is_empty()
}

/// A child process that is stopped (and waited for) before learnlead's temporary files are
/// removed on a stop signal; unregistered when dropped (its owner stops it on normal exits).
#[derive(Debug)]
pub struct ChildGuard {
    pid: u32,
}

/// Starts a child process (`start` returns it with whatever goes with it) registered to be
/// stopped first on a stop signal. Started under the children's lock: once a stop has begun, no
/// child is started, so none can write into a folder after it is removed.
pub fn spawn_child<T>(
    start: impl FnOnce() -> std::io::Result<(std::process::Child, T)>,
) -> std::io::Result<(std::process::Child, T, ChildGuard)> {
    let mut children = CHILDREN
        .lock()
        .map_err(|_| std::io::Error::other("stopping"))?;
    if stopping() {
        return Err(std::io::Error::other("learnlead is stopping"));
    }
    let (child, extra) = start()?;
    children.push(child.id());
    let guard = ChildGuard { pid: child.id() };
    Ok((child, extra, guard))
}

impl Drop for ChildGuard {
    fn drop(&mut self) {
        if let Ok(mut c) = CHILDREN.lock() {
            c.retain(|p| *p != self.pid);
        }
    }
}

/// Removes every registered path. After children were stopped, their helpers (a browser's
/// renderers and zygote, which end with it but not at once) may still write, even make a
/// folder again: then it looks again, a few times, until nothing is there.
fn remove_all(children_stopped: bool) {
    let paths = match PATHS.lock() {
        Ok(mut p) => std::mem::take(&mut *p),
        Err(poisoned) => std::mem::take(&mut *poisoned.into_inner()),
    };
    for p in &paths {
        remove(p);
    }
    if children_stopped {
        for _ in 0..4 {
            std::thread::sleep(std::time::Duration::from_millis(250));
            for p in &paths {
                remove(p);
            }
        }
    }
}

fn remove(path: &Path) {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => {
            // A child that just ended may have left a file being written a moment ago: try
            // again a few times.
            for _ in 0..20 {
                if std::fs::remove_dir_all(path).is_ok() || !path.exists() {
                    break;
                }
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
        }
        Ok(_) => {
            let _ = std::fs::remove_file(path);
        }
        Err(_) => {}
    }
}

/// A file or folder that is removed when the guard is dropped, or when the process is stopped
/// by a signal, unless [`Guard::keep`] is called.
#[derive(Debug)]
pub struct Guard {
    path: Option<PathBuf>,
}

impl Guard {
    /// Registers `path` (which the caller has just created) for removal.
    pub fn new(path: PathBuf) -> Guard {
        if let Ok(mut p) = PATHS.lock() {
            p.push(path.clone());
        }
        Guard { path: Some(path) }
    }

    pub fn path(&self) -> &Path {
        self.path.as_deref().unwrap_or(Path::new(""))
    }

    /// Keeps the path: it is no longer removed.
    pub fn keep(mut self) {
        if let Some(p) = self.path.take() {
            unregister(&p);
        }
    }
}

fn unregister(path: &Path) {
    if let Ok(mut p) = PATHS.lock() {
        if let Some(i) = p.iter().position(|q| q == path) {
            p.swap_remove(i);
        }
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        if let Some(p) = self.path.take() {
            // Removed before it is unregistered: a stop that ends the process meanwhile still
            // finds it, and removes the rest.
            remove(&p);
            unregister(&p);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_guard_removes_its_folder_unless_kept() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a");
        std::fs::create_dir(&a).unwrap();
        std::fs::write(a.join("x"), "x").unwrap();
        drop(Guard::new(a.clone()));
        assert!(!a.exists());

        let b = dir.path().join("b");
        std::fs::write(&b, "b").unwrap();
        Guard::new(b.clone()).keep();
        assert!(b.exists());
        assert!(!PATHS.lock().unwrap().contains(&b));
    }
}
