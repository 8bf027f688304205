//! A lock on a response file while a questionnaire has it open, so two `assess --resume` runs
//! on one file cannot erase each other's answers. The lock is a file beside the response
//! (`.NAME.lock`, holding the process id), created with create-new semantics, removed when the
//! questionnaire ends (Ctrl-C and signals included, see [`crate::io::cleanup`]). A lock left by a
//! process that no longer runs is stale, and is taken over.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::io::cleanup::Guard;

#[derive(Debug)]
pub struct Lock {
    _guard: Guard,
}

/// The lock file for `file`.
pub fn lock_path(file: &Path) -> PathBuf {
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let lock = format!(".{name}.lock");
    match file.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.join(lock),
        _ => PathBuf::from(lock),
    }
}

impl Lock {
    /// Takes the lock on `file`, or says that another learnlead has it open.
    pub fn acquire(file: &Path) -> Result<Lock> {
        let path = lock_path(file);
        for _ in 0..2 {
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(mut f) => {
                    let guard = Guard::new(path.clone());
                    let _ = writeln!(f, "{}", std::process::id());
                    return Ok(Lock { _guard: guard });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => match holder(&path) {
                    Holder::Gone => {
                        let _ = std::fs::remove_file(&path);
                        continue;
                    }
                    Holder::Running => {
                        return Err(Error::Locked {
                            file: file.to_path_buf(),
                            lock: path,
                        })
                    }
                    Holder::NotALock(kind) => {
                        return Err(Error::NotALock {
                            file: file.to_path_buf(),
                            lock: path,
                            kind,
                        })
                    }
                },
                Err(e) => return Err(Error::write(&path, e)),
            }
        }
        Err(Error::Locked {
            file: file.to_path_buf(),
            lock: path,
        })
    }
}

/// Who holds a lock file, as far as can be told.
enum Holder {
    /// No process: the file names one that ended, or it is a link to nowhere. Stale.
    Gone,
    /// A learnlead that runs (or it cannot be told).
    Running,
    /// Something learnlead never writes as a lock: a folder, a named pipe, a device.
    NotALock(&'static str),
}

/// The most a lock file holds: a process id and a line end.
const LOCK_BYTES: u64 = 64;

/// Reads the lock file as every input is read: a regular file only (a named pipe or a device
/// is never waited on or read), and only its first bytes.
fn holder(lock: &Path) -> Holder {
    use std::io::Read;
    match (std::fs::symlink_metadata(lock), std::fs::metadata(lock)) {
        // A link to nowhere, or a file gone meanwhile: nobody holds it.
        (Ok(_), Err(_)) | (Err(_), _) => return Holder::Gone,
        _ => {}
    }
    let Ok(file) = crate::platform::files::read_options().open(lock) else {
        return Holder::Running;
    };
    match file.metadata() {
        Ok(m) if m.is_file() => {}
        Ok(m) => return Holder::NotALock(crate::platform::files::kind_words(&m.file_type())),
        Err(_) => return Holder::Running,
    }
    let mut text = String::new();
    if file.take(LOCK_BYTES).read_to_string(&mut text).is_err() {
        return Holder::Running;
    }
    let Ok(pid) = text.trim().parse::<u32>() else {
        // Being written this moment, or not ours: leave it.
        return Holder::Running;
    };
    if pid != std::process::id() && crate::platform::process::is_running(pid) == Some(false) {
        Holder::Gone
    } else {
        Holder::Running
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_is_refused_and_released_on_drop() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("ana.yaml");
        let lock = Lock::acquire(&file).unwrap();
        assert!(lock_path(&file).exists());
        let err = Lock::acquire(&file).unwrap_err();
        assert!(matches!(err, Error::Locked { .. }), "{err}");
        assert!(err
            .to_string()
            .contains("already open in another learnlead"));
        drop(lock);
        assert!(!lock_path(&file).exists());
        drop(Lock::acquire(&file).unwrap());
    }

    #[cfg(unix)]
    #[test]
    fn a_lock_that_is_a_pipe_a_device_or_a_dangling_link_never_hangs() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("ana.yaml");
        // A named pipe: refused at once, not waited on.
        let made = std::process::Command::new("mkfifo")
            .arg(lock_path(&file))
            .status();
        if made.is_ok_and(|s| s.success()) {
            let start = std::time::Instant::now();
            let err = Lock::acquire(&file).unwrap_err();
            assert!(
                matches!(
                    err,
                    Error::NotALock {
                        kind: "a named pipe (FIFO)",
                        ..
                    }
                ),
                "{err}"
            );
            assert!(start.elapsed() < std::time::Duration::from_secs(2));
            std::fs::remove_file(lock_path(&file)).unwrap();
        }
        // A link to a device that never ends: refused, not read.
        std::os::unix::fs::symlink("/dev/zero", lock_path(&file)).unwrap();
        let err = Lock::acquire(&file).unwrap_err();
        assert!(
            matches!(
                err,
                Error::NotALock {
                    kind: "a device",
                    ..
                }
            ),
            "{err}"
        );
        std::fs::remove_file(lock_path(&file)).unwrap();
        // A link to nowhere: stale, taken over.
        std::os::unix::fs::symlink(dir.path().join("gone"), lock_path(&file)).unwrap();
        let lock = Lock::acquire(&file).unwrap();
        assert!(lock_path(&file).is_file());
        drop(lock);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_stale_lock_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("ana.yaml");
        // A process id above Linux's maximum (4194304) never runs.
        std::fs::write(lock_path(&file), "99999999\n").unwrap();
        drop(Lock::acquire(&file).unwrap());
        assert!(!lock_path(&file).exists());
    }
}
