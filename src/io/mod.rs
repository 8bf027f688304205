//! Files and the machine: bounded reads, the one write path, embedded assets, the rubric
//! catalog, locks, working folders and cleanup on signals.

/// The only place that knows what is embedded in the binary.
pub mod assets;
/// Finds rubrics by id or path: shipped, in the user's folder, or a file.
pub mod catalog;
/// Removing temporary files and locks on every exit, signals included.
pub mod cleanup;
/// A configuration on disk, and its logo.
pub mod config_file;
/// A small HTTP server with every resource bounded, for `serve`.
pub mod http;
/// Bounded reads of every file a person gives.
pub mod input;
/// A lock on a response file while the questionnaire has it open.
pub mod lock;
/// File names made from people's names.
pub mod names;
/// Standard output and the one write path for every command.
pub mod output;
/// A response on disk: read and saved.
pub mod response_file;
/// A workshop session on disk: found beside the responses, read and saved.
pub mod session_file;
/// A spreadsheet read from CSV (any common separator) or .xlsx.
pub mod sheet;
/// Building a set of files beside its destination, then moving it into place.
pub mod staging;
