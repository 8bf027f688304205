//! One error type for the whole tool, printed in one place (`main`).
//!
//! Every variant carries what a person needs to act on it: the file, and the line and column where
//! they are known. [`Error::exit_code`] is the only place that decides exit codes: 2 for usage
//! errors and invalid input files, 1 for everything else.

use std::fmt;
use std::path::{Path, PathBuf};

/// A position in a text file, 1-based, as editors show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// One thing wrong with an input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub location: Option<Location>,
    pub message: String,
}

impl Problem {
    pub fn at(location: Option<Location>, message: impl Into<String>) -> Self {
        Problem {
            location,
            message: message.into(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The command line asked for something that cannot be done as asked.
    #[error("{0}")]
    Usage(String),

    /// A file is where a new one was to go; it was left as it is.
    #[error("{} already exists; it was left as it is (choose another file name)", path.display())]
    Exists { path: PathBuf },

    /// A file learnlead did not write is where its output was to go.
    #[error(
        "{} already exists and learnlead did not write it; it was left as it is. Choose another file, or add --force to replace it",
        path.display()
    )]
    NotOurs { path: PathBuf },

    /// A folder was named where a file is written.
    #[error("{} is a folder; name a file to write", path.display())]
    IsFolder { path: PathBuf },

    /// The folder a new file goes in does not exist (learnlead creates none on a guess).
    #[error(
        "the folder {} does not exist; create it, or choose another place for {file}",
        folder.display()
    )]
    NoFolder { folder: PathBuf, file: String },

    /// A link to nowhere was named; it was left as it is.
    #[error("{} is a link to a file that does not exist; it was left as it is", path.display())]
    DanglingLink { path: PathBuf },

    /// Another learnlead has the response open.
    #[error(
        "{} is already open in another learnlead (lock file {}); finish there first. If no other learnlead is running, remove the lock file",
        file.display(),
        lock.display()
    )]
    Locked { file: PathBuf, lock: PathBuf },

    /// What stands where the lock goes is not a lock learnlead wrote.
    #[error(
        "the lock file {} for {} is {kind}, not a lock learnlead wrote; it was left as it is. If no other learnlead is running, remove it",
        lock.display(),
        file.display()
    )]
    NotALock {
        file: PathBuf,
        lock: PathBuf,
        kind: &'static str,
    },

    /// Every name tried in a folder is taken.
    #[error("no free file name in {} (like {like})", folder.display())]
    NoFreeName { folder: PathBuf, like: String },

    /// An input file (rubric, response, answers, CSV, config) is not valid. Holds every problem
    /// found, so a person can fix them all in one go.
    #[error("{}", format_problems(file, problems))]
    Invalid {
        file: PathBuf,
        problems: Vec<Problem>,
    },

    /// Input files were checked and found not valid; their problems were already printed.
    #[error("{0}")]
    NotValid(String),

    /// Input files are valid but drew warnings, and the command was asked to be strict
    /// (`rubrics validate --strict`); the warnings were already printed.
    #[error("{0}")]
    Warned(String),

    /// An input file could not be read.
    #[error("cannot read {}: {}", file.display(), io_words(cause))]
    Read {
        file: PathBuf,
        /// Kept for the message, in plain words (not as a `source`: its text is the OS's).
        cause: std::io::Error,
    },

    /// An output file or folder could not be written.
    #[error("cannot write {}: {}", file.display(), io_words(cause))]
    Write {
        file: PathBuf,
        cause: std::io::Error,
    },

    /// A report template failed to load or render: the template is input, like a file. The
    /// message names the template and line, with the lines around it; the cause is the
    /// template engine's own error.
    #[error("{message}")]
    Template {
        message: String,
        #[source]
        cause: Option<minijinja::Error>,
    },

    /// The person stopped the questionnaire (Ctrl-C, Esc at the first question, a closed
    /// terminal): where the answers are, and the command that continues.
    #[error("{}", stopped_words(saved.as_deref(), resume))]
    Stopped {
        saved: Option<PathBuf>,
        /// The command that continues, when something was saved.
        resume: String,
    },

    /// JSON, CSV or YAML output could not be made.
    #[error("cannot write the {what} output")]
    Encode {
        what: &'static str,
        #[source]
        cause: Box<dyn std::error::Error + Send + Sync>,
    },

    /// The browser could not print a PDF, or could not be run.
    #[error("{message}")]
    Browser {
        message: String,
        #[source]
        cause: Option<std::io::Error>,
    },

    /// The system asked learnlead to stop (a kill, a closed terminal) while it served; what was
    /// saved was said.
    #[error("stopped by the system")]
    Signalled { code: i32 },

    /// Something that cannot happen did: a bug in learnlead.
    #[error("internal error: {0}")]
    Internal(String),
}

fn stopped_words(saved: Option<&Path>, resume: &str) -> String {
    match saved {
        Some(p) => format!(
            "Stopped. Your answers so far are saved in {}.\nContinue with: {resume}",
            p.display()
        ),
        None => "Stopped before the first answer; nothing was saved.".to_string(),
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Error::Encode {
            what: "JSON",
            cause: Box::new(e),
        }
    }
}

impl From<csv::Error> for Error {
    fn from(e: csv::Error) -> Self {
        Error::Encode {
            what: "CSV",
            cause: Box::new(e),
        }
    }
}

fn format_problems(file: &Path, problems: &[Problem]) -> String {
    let mut out = String::new();
    for (i, p) in problems.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        match p.location {
            Some(loc) => out.push_str(&format!("{}:{}: {}", file.display(), loc, p.message)),
            None => out.push_str(&format!("{}: {}", file.display(), p.message)),
        }
    }
    if problems.len() > 1 {
        out.push_str(&format!(
            "\n{} problems in {}",
            problems.len(),
            file.display()
        ));
    }
    out
}

impl Error {
    pub fn usage(message: impl Into<String>) -> Self {
        Error::Usage(message.into())
    }

    pub fn invalid(file: impl Into<PathBuf>, problems: Vec<Problem>) -> Self {
        Error::Invalid {
            file: file.into(),
            problems,
        }
    }

    /// A single problem with an input file.
    pub fn invalid_one(file: impl Into<PathBuf>, problem: Problem) -> Self {
        Error::invalid(file, vec![problem])
    }

    pub fn read(file: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Read {
            file: file.into(),
            cause: source,
        }
    }

    pub fn write(file: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Write {
            file: file.into(),
            cause: source,
        }
    }

    /// 2 for usage errors, invalid or missing input files and broken templates (a template is
    /// input too); 130 for an interrupted
    /// questionnaire (the shell convention for Ctrl-C); 1 for everything else.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_)
            | Error::Exists { .. }
            | Error::NotOurs { .. }
            | Error::IsFolder { .. }
            | Error::NoFolder { .. }
            | Error::DanglingLink { .. }
            | Error::Locked { .. }
            | Error::NotALock { .. }
            | Error::NoFreeName { .. }
            | Error::Invalid { .. }
            | Error::NotValid(_)
            | Error::Read { .. }
            | Error::Template { .. } => 2,
            Error::Stopped { .. } => 130,
            Error::Signalled { code } => *code,
            Error::Write { .. }
            | Error::Warned(_)
            | Error::Encode { .. }
            | Error::Browser { .. }
            | Error::Internal(_) => 1,
        }
    }
}

/// An I/O error in plain words, without the operating system's "(os error N)".
pub fn io_words(e: &std::io::Error) -> String {
    use std::io::ErrorKind::{
        AlreadyExists, InvalidData, IsADirectory, NotADirectory, NotFound, PermissionDenied,
        ReadOnlyFilesystem, StorageFull,
    };
    match e.kind() {
        NotFound => "no such file or folder".into(),
        PermissionDenied => "permission denied".into(),
        AlreadyExists => "it already exists".into(),
        IsADirectory => "it is a folder".into(),
        NotADirectory => "a part of the path is not a folder".into(),
        StorageFull => "the disk is full".into(),
        ReadOnlyFilesystem => "the file system is read-only".into(),
        InvalidData => "it is not UTF-8 text".into(),
        _ => {
            let text = e.to_string();
            match text.find(" (os error ") {
                Some(i) => text[..i].to_string(),
                None => text,
            }
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_name_file_line_and_column() {
        let err = Error::invalid(
            "r.yaml",
            vec![
                Problem::at(Some(Location { line: 3, column: 5 }), "bad"),
                Problem::at(None, "worse"),
            ],
        );
        assert_eq!(
            err.to_string(),
            "r.yaml:3:5: bad\nr.yaml: worse\n2 problems in r.yaml"
        );
        assert_eq!(err.exit_code(), 2);
    }

    #[test]
    fn io_errors_read_as_words() {
        let e = Error::read("a.yaml", std::io::Error::from_raw_os_error(2));
        assert_eq!(e.to_string(), "cannot read a.yaml: no such file or folder");
        let e = Error::write("b", std::io::Error::from_raw_os_error(28));
        assert_eq!(e.to_string(), "cannot write b: the disk is full");
        let e = Error::write("c", std::io::Error::from_raw_os_error(5));
        assert!(!e.to_string().contains("os error"), "{e}");
    }

    #[test]
    fn exit_codes() {
        assert_eq!(Error::usage("x").exit_code(), 2);
        assert_eq!(
            Error::read("f", std::io::Error::other("gone")).exit_code(),
            2
        );
        assert_eq!(Error::Internal("x".into()).exit_code(), 1);
        let template = Error::Template {
            message: "t".into(),
            cause: None,
        };
        assert_eq!(template.exit_code(), 2);
        let stopped = Error::Stopped {
            saved: None,
            resume: String::new(),
        };
        assert_eq!(stopped.exit_code(), 130);
        let json: Error = serde_json::from_str::<u8>("x").unwrap_err().into();
        assert_eq!(json.exit_code(), 1);
        use std::error::Error as _;
        assert!(json.source().is_some(), "the cause is kept");
        assert_eq!(
            Error::write("f", std::io::Error::other("full")).exit_code(),
            1
        );
    }
}
