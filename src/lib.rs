//! learnlead: social learning leadership self-assessment.
//!
//! Data flows one way: files -> a parsed and validated model ([`rubric`], [`response`]) ->
//! scores and statistics -> a view -> rendered text -> written atomically ([`output`]).
//! The binary (`main.rs`) only parses arguments and calls [`run`].

/// Krippendorff's alpha, through the coincidence matrix.
pub mod agreement;
/// Answers given outside the questionnaire (`assess --answers`).
pub mod answers;
/// The only place that knows what is embedded in the binary.
pub mod assets;
/// Finds rubrics by id or path: shipped, in the user's folder, or a file.
pub mod catalog;
/// Chart geometry for reports.
pub mod chart;
/// Removing temporary files and locks on every exit, signals included.
pub mod cleanup;
/// The command line (clap).
pub mod cli;
/// One module per command.
pub mod commands;
/// A group's responses side by side: statistics, agreement, what to talk about.
pub mod compare;
/// A consultant's branding and framing (learnlead.yaml).
pub mod config;
/// The error type and exit codes.
pub mod error;
/// Responses from a CSV file.
pub mod import;
/// Bounded reads of every file a person gives.
pub mod input;
/// A lock on a response file while the questionnaire has it open.
pub mod lock;
/// Standard output and the one write path for every command.
pub mod output;
/// PDF by printing HTML with a local Chromium or Chrome.
pub mod pdf;
/// The terminal prompts: the only place that knows inquire.
pub mod prompt;
/// The questionnaire's logic, apart from the terminal.
pub mod questionnaire;
/// Rendering reports with minijinja templates.
pub mod render;
/// A person's answers to a rubric: the response file.
pub mod response;
/// The rubric model and its validation.
pub mod rubric;
/// Text from others made safe for terminals, spreadsheets and messages.
pub mod safe_text;
/// Scoring, defined once.
pub mod score;
/// Building a set of files beside its destination, then moving it into place.
pub mod staging;
/// Descriptive statistics for groups.
pub mod stats;
/// Terminal tables.
pub mod table;
/// The report's view: the template context.
pub mod view;
/// The only place that knows the YAML library.
pub mod yaml;

use cli::{Cli, Command};
use error::Result;

/// Prints an error as people read it: `error: ...`, then each cause on its own line, with
/// anything a file could have slipped into the message made inert for the terminal. A stop the
/// person chose is said without "error".
pub fn report_error(err: &error::Error) {
    use std::error::Error as _;
    let mut text = match err {
        error::Error::Interrupted(m) => m.clone(),
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
    eprintln!("{}", safe_text::for_terminal(&text));
}

/// Runs one command line.
pub fn run(cli: Cli) -> Result<()> {
    let catalog = catalog::Catalog::new(cli.global.rubrics_dir);
    match cli.command {
        Command::Assess(args) => commands::assess::run(&catalog, args),
        Command::Report(args) => commands::report::run(&catalog, args),
        Command::Compare(args) => commands::compare::run(&catalog, args),
        Command::Import(args) => commands::import::run(&catalog, args),
        Command::Bundle(args) => commands::bundle::run(&catalog, args),
        Command::InitConfig { file } => commands::bundle::init_config(&file),
        Command::Worksheet(args) => commands::worksheet::run(&catalog, args),
        Command::Templates(c) => commands::templates::run(c),
        Command::Rubrics(c) => commands::rubrics::run(&catalog, c),
    }
}
