//! learnlead: social learning leadership self-assessment.
//!
//! The folders are the layers, and data flows one way through them:
//!
//! - [`model`]: what the files mean. The rubric and its validation, a person's response, an
//!   answers file, a consultant's configuration. Parsed from text; no files are read here.
//! - [`analysis`]: what the answers add up to. Scoring, statistics, agreement, comparison.
//! - [`present`]: how results look. Formatting, the views templates receive, rendering,
//!   terminal tables, charts, PDF.
//! - [`collect`]: how answers come in. The questionnaire and its terminal, CSV import.
//! - [`io`]: files and the machine. Bounded reads, the one write path, embedded assets, the
//!   rubric catalog, YAML, locks, working folders, cleanup on signals.
//! - [`commands`]: one file per command; the only layer that prints.
//!
//! [`error`], [`limits`], [`memory`], [`safe_text`] and [`yaml`] are leaves every layer may use:
//! the model reads its files with [`yaml`] and bounds texts with [`limits`], below [`io`]. The binary (`main.rs`) only
//! parses arguments, calls [`run`] and prints errors ([`report_error`]).

/// What the answers add up to.
pub mod analysis;
/// The command line (clap).
pub mod cli;
/// How answers come in.
pub mod collect;
/// One module per command.
pub mod commands;
/// The error type and exit codes.
pub mod error;
/// Files and the machine.
pub mod io;
/// How long a text a person types may be.
pub mod limits;
/// A bound on the memory a user's template may take.
pub mod memory;
/// What the files mean.
pub mod model;
/// Where learnlead meets the operating system: the only place with `cfg(unix)`/`cfg(windows)`.
pub mod platform;
/// How results look.
pub mod present;
/// Text from others made safe for terminals, spreadsheets and messages.
pub mod safe_text;
pub mod suggest;
/// What the unit tests share.
#[cfg(test)]
pub(crate) mod testing;
/// The only place that knows the YAML library: reading with locations, writing.
pub mod yaml;

use cli::{Cli, Command};
use error::Result;

/// Prints an error as people read it: `error: ...`, then each cause on its own line, with
/// anything a file could have slipped into the message made inert for the terminal. A stop the
/// person chose is said without "error".
pub fn report_error(err: &error::Error) {
    use std::error::Error as _;
    let mut text = match err {
        e @ error::Error::Stopped { .. } => e.to_string(),
        e => format!("error: {e}"),
    };
    let mut cause = err.source();
    while let Some(c) = cause {
        let c_text = c.to_string();
        if !text.contains(&c_text) {
            text.push_str(&format!("\n  caused by: {c_text}"));
        }
        cause = c.source();
    }
    // A template's error shows the template's lines with a caret under the column: whole.
    let text = match err {
        error::Error::Template { .. } => text,
        _ => present::table::prose_for_stderr(&text),
    };
    eprintln!("{}", safe_text::for_terminal(&text));
}

/// Runs one command line.
pub fn run(cli: Cli) -> Result<()> {
    let catalog = io::catalog::Catalog::new(cli.global.rubrics_dir);
    match cli.command {
        Command::Assess(args) => {
            collect::prompt::set_color(args.color.into());
            commands::assess::run(&catalog, args)
        }
        Command::Report(args) => commands::report::run(&catalog, args),
        Command::Compare(args) => commands::compare::run(&catalog, args),
        Command::Import(args) => commands::import::run(&catalog, args),
        Command::Bundle(args) => commands::bundle::run(&catalog, args),
        Command::InitConfig { file } => commands::bundle::init_config(&file),
        Command::Worksheet(args) => commands::worksheet::run(&catalog, args),
        Command::Form(args) => commands::worksheet::form(&catalog, args),
        Command::Serve(args) => commands::serve::run(&catalog, args),
        Command::Session(args) => commands::session::run(&catalog, args),
        Command::Templates(c) => commands::templates::run(c),
        Command::Rubrics(c) => commands::rubrics::run(&catalog, c),
        Command::Completions { shell } => commands::shell::completions(shell),
        Command::Man => commands::shell::man(),
    }
}
