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

    /// A rubric named on the command line is neither shipped nor in the rubrics folder.
    #[error("no rubric `{name}`{guess}; available: {} (or give a path to a YAML file)", available.join(", "))]
    UnknownRubric {
        name: String,
        /// "; did you mean `x`?", or nothing.
        guess: String,
        available: Vec<String>,
    },

    /// A response answers a rubric that is neither shipped nor in the rubrics folder.
    #[error("the response answers the rubric `{id}`, which is neither shipped nor in your rubrics folder{hint}")]
    RubricNotFound { id: String, hint: String },

    /// A response names its rubric with something that is not a rubric id.
    #[error("the response names the rubric `{id}`, which is not a rubric id; name the rubric with --rubric")]
    NotARubricId { id: String },

    /// A file in the rubrics folder holds a rubric with another id than its name.
    #[error("{} has the id `{id}`, not `{name}`: name the file after its rubric's id", path.display())]
    RubricFileMisnamed {
        path: PathBuf,
        id: String,
        name: String,
    },

    /// The rubrics folder named does not exist.
    #[error("the rubrics folder {} does not exist (from --rubrics-dir or LEARNLEAD_RUBRICS)", path.display())]
    NoRubricsFolder { path: PathBuf },

    /// Files that were to be read together answer different rubrics.
    #[error("all responses must answer the same rubric, `{rubric}`; these answer another:\n  {}", files.join("\n  "))]
    MixedRubrics { rubric: String, files: Vec<String> },

    /// An earlier round answers another rubric than this one.
    #[error("the baseline {} answers the rubric `{theirs}`, not `{ours}`: compare rounds on the same rubric", path.display())]
    OtherRubric {
        path: PathBuf,
        theirs: String,
        ours: String,
    },

    /// A folder of responses holds none.
    #[error("{} holds no response files (.yaml)", folder.display())]
    NoResponses { folder: PathBuf },

    /// A path names something other than what the command reads or writes there.
    #[error("{} is {is}, not {wanted}", path.display())]
    WrongKind {
        path: PathBuf,
        /// "a folder", "a file", "a named pipe", ...
        is: &'static str,
        /// What the command wanted there.
        wanted: &'static str,
    },

    /// A file's name is needed and the path has none (such as `..`), or a file is needed and the
    /// path is not one.
    #[error("{} is not {wanted}", path.display())]
    NotAFile { path: PathBuf, wanted: &'static str },

    /// The browser named with --browser is not a file.
    #[error("--browser {} is not a file; name a Chromium or Chrome executable", path.display())]
    NoBrowserFile { path: PathBuf },

    /// The output format cannot be told from a file name.
    #[error("cannot tell the format from {}; name the file .{} or add --format", path.display(), known.join(", ."))]
    UnknownExtension {
        path: PathBuf,
        known: Vec<&'static str>,
    },

    /// A document asked for in a format it is not written in.
    #[error("this document is not written as {format}; choose --format md or html")]
    NotOffered { format: &'static str },

    /// A PDF or Word document was to go to the terminal.
    #[error("{what} is not for the terminal: add --out FILE.{extension}")]
    NotForTerminal {
        what: &'static str,
        extension: &'static str,
    },

    /// The interactive questionnaire was started without a terminal.
    #[error(
        "`learnlead assess` asks its questions in a terminal, and this is not one.\n\
         To build a response from a file of answers, use `learnlead assess --answers FILE` \
         (see `learnlead assess --help`)."
    )]
    NoTerminal,

    /// A file that is not learnlead's to replace stands where a new response was to go.
    #[error("{} already holds {holds}; it was left as it is. Use --force to replace it, or choose another --out", path.display())]
    Occupied { path: PathBuf, holds: String },

    /// A folder that must be empty is not.
    #[error("{} already holds {}; nothing was written (choose an empty folder)", folder.display(), holds.join(", "))]
    FolderNotEmpty { folder: PathBuf, holds: Vec<String> },

    /// A bundle's folder is not empty, and --force was not given.
    #[error("{} is not empty; nothing was written. Choose a new folder, or add --force to replace an earlier bundle there", folder.display())]
    BundleFolderNotEmpty { folder: PathBuf },

    /// --force was given for a folder that is not a bundle learnlead wrote.
    #[error("{} is not a bundle learnlead wrote (it has no index.html of learnlead's), so --force does not replace it; nothing was written. Choose a new folder", folder.display())]
    NotOurBundle { folder: PathBuf },

    /// Another run filled a bundle's folder while this one was being made.
    #[error("{} was filled by another run while this bundle was made; nothing was written", folder.display())]
    FilledMeanwhile { folder: PathBuf },

    /// A spreadsheet has no sheet of the name asked for.
    #[error("{} has no sheet named `{name}`; its sheets: {}", path.display(), sheets.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", "))]
    NoSuchSheet {
        path: PathBuf,
        name: String,
        sheets: Vec<String>,
    },

    /// --sheet was given for a CSV file.
    #[error("--sheet `{name}` names a sheet, but {} is CSV, which has one", path.display())]
    SheetOfCsv { path: PathBuf, name: String },

    /// A table of answers has a header and nothing under it.
    #[error("{} has no rows under its header", path.display())]
    NoRows { path: PathBuf },

    /// A response would be too large for learnlead to read back.
    #[error(
        "this response would be larger than learnlead reads back ({limit}); shorten its notes"
    )]
    ResponseTooLarge { limit: String },

    /// `serve` could not listen where it was asked to.
    #[error(
        "cannot listen on {address}: {}; choose another --port or --bind",
        io_words(cause)
    )]
    CannotListen {
        address: String,
        cause: std::io::Error,
    },

    /// An input file could not be read as what it should be (a workbook that is not one); the
    /// reader's own error is kept as the cause.
    #[error("{}: {what}", file.display())]
    Unreadable {
        file: PathBuf,
        what: String,
        #[source]
        cause: Box<dyn std::error::Error + Send + Sync>,
    },

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
            | Error::UnknownRubric { .. }
            | Error::RubricNotFound { .. }
            | Error::NotARubricId { .. }
            | Error::RubricFileMisnamed { .. }
            | Error::NoRubricsFolder { .. }
            | Error::MixedRubrics { .. }
            | Error::OtherRubric { .. }
            | Error::NoResponses { .. }
            | Error::WrongKind { .. }
            | Error::NotAFile { .. }
            | Error::NoBrowserFile { .. }
            | Error::UnknownExtension { .. }
            | Error::NotOffered { .. }
            | Error::NotForTerminal { .. }
            | Error::NoTerminal
            | Error::Occupied { .. }
            | Error::FolderNotEmpty { .. }
            | Error::BundleFolderNotEmpty { .. }
            | Error::NotOurBundle { .. }
            | Error::FilledMeanwhile { .. }
            | Error::NoSuchSheet { .. }
            | Error::SheetOfCsv { .. }
            | Error::NoRows { .. }
            | Error::ResponseTooLarge { .. }
            | Error::CannotListen { .. }
            | Error::Unreadable { .. }
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
