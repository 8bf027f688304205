//! The command line: clap derive structs. Doc comments become `--help`; longer help with
//! examples lives in `src/help/*.txt`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "learnlead",
    version,
    about = "Social learning leadership self-assessment: rubrics, a questionnaire, reflection reports",
    long_about = include_str!("help/main.txt"),
    after_help = include_str!("help/exit-codes.txt"),
    propagate_version = true
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct Global {
    /// A folder of your own rubrics (ID.yaml files), listed beside the shipped ones; a rubric here
    /// with a shipped id takes the shipped one's place
    #[arg(long, global = true, env = "LEARNLEAD_RUBRICS", value_name = "DIR")]
    pub rubrics_dir: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List, show, check and write rubrics
    #[command(subcommand)]
    Rubrics(RubricsCommand),
}

#[derive(Debug, Subcommand)]
pub enum RubricsCommand {
    /// List the rubrics you can name: shipped ones and your own
    #[command(after_help = include_str!("help/rubrics-list.txt"))]
    List {
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Show a rubric: as an outline to read, or as JSON or YAML for scripts
    #[command(after_help = include_str!("help/rubrics-show.txt"))]
    Show {
        /// A rubric id (shipped or in your rubrics folder) or a path to a YAML file
        rubric: String,
        #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
        format: ShowFormat,
    },
    /// Check rubric files and print every problem with its line and column
    #[command(after_help = include_str!("help/rubrics-validate.txt"))]
    Validate {
        /// Rubric files to check
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Write a commented starter rubric to FILE (never overwrites)
    #[command(after_help = include_str!("help/rubrics-init.txt"))]
    Init {
        /// Where to write the new rubric, e.g. my-rubric.yaml
        file: PathBuf,
    },
    /// Print the JSON Schema of the rubric format, for editors
    #[command(after_help = include_str!("help/rubrics-schema.txt"))]
    Schema,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    Text,
    Json,
    Yaml,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }
}
