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
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    if holder_is_gone(&path) {
                        let _ = std::fs::remove_file(&path);
                        continue;
                    }
                    return Err(Error::usage(format!(
                        "{} is already open in another learnlead (lock file {}); finish there first. \
                         If no other learnlead is running, remove the lock file",
                        file.display(),
                        path.display()
                    )));
                }
                Err(e) => return Err(Error::write(&path, e)),
            }
        }
        Err(Error::usage(format!(
            "cannot take the lock {} for {}",
            path.display(),
            file.display()
        )))
    }
}

/// Whether the process that wrote the lock file no longer runs (or the file names none).
fn holder_is_gone(lock: &Path) -> bool {
    let Ok(text) = std::fs::read_to_string(lock) else {
        return false;
    };
    let Ok(pid) = text.trim().parse::<u32>() else {
        // Being written this moment, or not ours: leave it.
        return false;
    };
    if pid == std::process::id() {
        return false;
    }
    crate::platform::process::is_running(pid) == Some(false)
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
        let err = Lock::acquire(&file).unwrap_err().to_string();
        assert!(err.contains("already open in another learnlead"), "{err}");
        drop(lock);
        assert!(!lock_path(&file).exists());
        drop(Lock::acquire(&file).unwrap());
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
