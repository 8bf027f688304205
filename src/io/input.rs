//! Every file learnlead reads from a person goes through [`read`]: it must be a regular file (a
//! folder, FIFO or device gets a clear message and is never opened for long), and at most its
//! kind's limit is read, so a mistaken or hostile argument (`/dev/zero`, a 1 GB "logo") cannot
//! hang the tool or fill its memory. Text also loses a UTF-8 byte-order mark (Excel and Notepad
//! write one) and must be UTF-8.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use crate::error::{Error, Problem, Result};

pub use crate::limits::{check_text_len, size_words, Kind, MAX_TEXT_BYTES};

/// Reads the file at `path` as `kind`: bytes, at most the kind's limit.
pub fn read(path: &Path, kind: Kind) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    open(path, kind)?
        .read_to_end(&mut bytes)
        .map_err(|e| read_failed(path, kind, e))?;
    Ok(bytes)
}

/// A read of [`open`]'s stream that failed, said of the file: past its limit, or its cause.
pub fn read_failed(path: &Path, kind: Kind, e: std::io::Error) -> Error {
    match e.kind() {
        std::io::ErrorKind::FileTooLarge => too_large(path, kind),
        _ => Error::read(path, e),
    }
}

/// The file at `path` (`-` is standard input) as a stream of at most its kind's limit, for a
/// file too large to hold (an export of 100,000 rows): read past the limit, it fails with
/// [`std::io::ErrorKind::FileTooLarge`] ([`too_large_words`] says it to a person).
pub fn open(path: &Path, kind: Kind) -> Result<Bounded> {
    let inner: Box<dyn Read> = if is_stdin(path) {
        Box::new(std::io::stdin())
    } else {
        Box::new(open_regular(path, kind)?)
    };
    Ok(Bounded {
        inner,
        left: kind.limit(),
    })
}

/// A stream that fails once more than its limit has been read from it ([`open`]).
pub struct Bounded {
    inner: Box<dyn Read>,
    left: u64,
}

impl Read for Bounded {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        // One byte past the limit is asked for, to tell a file of exactly the limit from a
        // larger one.
        let wanted = usize::try_from(self.left.saturating_add(1))
            .unwrap_or(usize::MAX)
            .min(buf.len());
        let n = self.inner.read(&mut buf[..wanted])?;
        self.left = self.left.checked_sub(n as u64).ok_or_else(|| {
            std::io::Error::new(std::io::ErrorKind::FileTooLarge, "past the size limit")
        })?;
        Ok(n)
    }
}

/// Whether `path` is `-`, which means standard input wherever a file is read.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Why a path is not inside its folder.
#[derive(Debug)]
pub enum NotInside {
    /// The folder or the path cannot be resolved (missing, a link to nowhere): in words.
    Unreadable(String),
    /// It resolves to somewhere outside the folder.
    Outside,
}

/// Where `path` really is (links followed), if that lies in `dir` or below it. A template's
/// includes and a configuration's logo must stay in their own folder, so a file from someone
/// else cannot reach a file elsewhere on this computer.
pub fn inside(dir: &Path, path: &Path) -> std::result::Result<std::path::PathBuf, NotInside> {
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let words = |p: &Path, e: std::io::Error| {
        NotInside::Unreadable(format!("{}: {}", p.display(), crate::error::io_words(&e)))
    };
    let real_dir = std::fs::canonicalize(dir).map_err(|e| words(dir, e))?;
    let real = std::fs::canonicalize(path).map_err(|e| words(path, e))?;
    if real.starts_with(&real_dir) {
        Ok(real)
    } else {
        Err(NotInside::Outside)
    }
}

/// Reads the file at `path` as `kind`, as UTF-8 text without a byte-order mark.
pub fn read_text(path: &Path, kind: Kind) -> Result<String> {
    let bytes = read(path, kind)?;
    text_of(bytes).map_err(|(line, column)| {
        Error::invalid_one(
            path,
            Problem::at(
                Some(crate::error::Location { line, column }),
                "this file is not UTF-8 text; save it as UTF-8 and try again",
            ),
        )
    })
}

/// `bytes` as text, without a leading byte-order mark; on bad UTF-8, the line and column of the
/// first bad byte.
pub fn text_of(mut bytes: Vec<u8>) -> std::result::Result<String, (usize, usize)> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = good.iter().filter(|b| **b == b'\n').count() + 1;
        let line_start = good.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
        (line, column)
    })
}

/// Opens `path` for reading only if it is a regular file (a link to one is followed). The file
/// is opened without blocking, so a FIFO cannot hang the tool, then checked on the open handle,
/// so it cannot be swapped between the check and the read.
fn open_regular(path: &Path, kind: Kind) -> Result<File> {
    let file = crate::platform::files::read_options()
        .open(path)
        .map_err(|e| Error::read(path, e))?;
    let meta = file.metadata().map_err(|e| Error::read(path, e))?;
    if !meta.is_file() {
        return Err(Error::invalid_one(
            path,
            Problem::at(
                None,
                format!(
                    "this is {}, not a file; learnlead reads {} only from a regular file",
                    file_type_words(&meta.file_type()),
                    kind.noun()
                ),
            ),
        ));
    }
    if meta.len() > kind.limit() {
        return Err(too_large(path, kind));
    }
    Ok(file)
}

fn too_large(path: &Path, kind: Kind) -> Error {
    Error::invalid_one(path, Problem::at(None, too_large_words(kind)))
}

/// That a file is larger than its kind's limit, in words.
pub fn too_large_words(kind: Kind) -> String {
    format!(
        "this file is too large to be {} (the limit is {}); is it the right file?",
        kind.noun(),
        size_words(kind.limit())
    )
}

/// What a file system entry is, in words.
pub fn file_type_words(t: &std::fs::FileType) -> &'static str {
    crate::platform::files::kind_words(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bounded_stream_reads_to_its_limit_and_fails_past_it() {
        let bounded = |len: usize, left: u64| Bounded {
            inner: Box::new(std::io::Cursor::new(vec![b'x'; len])),
            left,
        };
        let mut out = Vec::new();
        bounded(10, 10).read_to_end(&mut out).unwrap();
        assert_eq!(out.len(), 10, "a file of exactly the limit is read whole");
        let err = bounded(11, 10).read_to_end(&mut Vec::new()).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::FileTooLarge);
    }

    #[test]
    fn a_file_over_its_limit_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("logo.png");
        std::fs::write(&p, vec![0u8; Kind::Logo.limit() as usize + 1]).unwrap();
        let err = read(&p, Kind::Logo).unwrap_err().to_string();
        assert!(err.contains("too large to be a logo"), "{err}");
        assert!(err.contains("512 KiB"), "{err}");
        std::fs::write(&p, vec![0u8; Kind::Logo.limit() as usize]).unwrap();
        assert_eq!(read(&p, Kind::Logo).unwrap().len(), 512 * 1024);
    }

    #[cfg(unix)]
    #[test]
    fn devices_folders_and_fifos_are_refused_without_reading() {
        let err = read(Path::new("/dev/zero"), Kind::Csv).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert!(err.to_string().contains("a device"), "{err}");
        let dir = tempfile::tempdir().unwrap();
        let err = read(dir.path(), Kind::Response).unwrap_err().to_string();
        assert!(err.contains("a folder"), "{err}");
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            let err = read(&fifo, Kind::Response).unwrap_err().to_string();
            assert!(err.contains("named pipe"), "{err}");
        }
    }

    #[test]
    fn a_byte_order_mark_is_dropped_and_bad_utf8_located() {
        assert_eq!(text_of(b"\xEF\xBB\xBFid: a".to_vec()).unwrap(), "id: a");
        assert_eq!(text_of(b"a\nbc\xFFd".to_vec()).unwrap_err(), (2, 3));
    }

    #[cfg(unix)]
    #[test]
    fn a_path_through_a_link_out_of_its_folder_is_not_inside() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("templates");
        std::fs::create_dir(&dir).unwrap();
        std::fs::write(root.path().join("secret.txt"), "s").unwrap();
        std::fs::write(dir.join("mine.j2"), "m").unwrap();
        std::os::unix::fs::symlink(root.path().join("secret.txt"), dir.join("link.txt")).unwrap();
        assert!(inside(&dir, &dir.join("mine.j2")).is_ok());
        assert!(matches!(
            inside(&dir, &dir.join("link.txt")),
            Err(NotInside::Outside)
        ));
        assert!(matches!(
            inside(&dir, &dir.join("../secret.txt")),
            Err(NotInside::Outside)
        ));
        assert!(matches!(
            inside(&dir, &dir.join("missing.txt")),
            Err(NotInside::Unreadable(_))
        ));
    }
}
