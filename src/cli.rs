//! The command line: clap derive structs. Doc comments become `--help`; longer help with
//! examples lives in `src/help/*.txt`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// `learnlead --version`: the version, the commit and the target it was built for.
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("LEARNLEAD_COMMIT"),
    ", ",
    env!("LEARNLEAD_TARGET"),
    ")"
);

#[derive(Debug, Parser)]
#[command(
    name = "learnlead",
    version = VERSION,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

impl From<ColorWhen> for crate::collect::prompt::ColorWhen {
    fn from(when: ColorWhen) -> Self {
        match when {
            ColorWhen::Auto => Self::Auto,
            ColorWhen::Always => Self::Always,
            ColorWhen::Never => Self::Never,
        }
    }
}

/// Paper sizes for PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Paper {
    A4,
    Letter,
}

impl From<Paper> for crate::present::pdf::Paper {
    fn from(paper: Paper) -> Self {
        match paper {
            Paper::A4 => Self::A4,
            Paper::Letter => Self::Letter,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Answer a rubric's questions in the terminal (or from a file) and save a response
    #[command(
        long_about = include_str!("help/assess.txt"),
        after_help = include_str!("help/assess-examples.txt")
    )]
    Assess(AssessArgs),

    /// Turn a response into a reflection report: Markdown, HTML, PDF, JSON or a terminal table
    #[command(
        long_about = include_str!("help/report.txt"),
        after_help = include_str!("help/report-examples.txt")
    )]
    Report(ReportArgs),

    /// Compare a group's responses: statistics, agreement, and what to talk about first
    #[command(
        long_about = include_str!("help/compare.txt"),
        after_help = include_str!("help/compare-examples.txt")
    )]
    Compare(CompareArgs),

    /// One folder to hand over: the branded group report, each participant's report, the data
    #[command(
        long_about = include_str!("help/bundle.txt"),
        after_help = include_str!("help/bundle-examples.txt")
    )]
    Bundle(BundleArgs),

    /// Write a commented example learnlead.yaml (branding and framing) to FILE
    #[command(name = "init-config", after_help = include_str!("help/init-config.txt"))]
    InitConfig {
        /// Where to write it, usually learnlead.yaml (never overwrites)
        file: PathBuf,
    },

    /// Make one response file per row of a CSV file (from an online form or a spreadsheet)
    #[command(after_help = include_str!("help/import.txt"))]
    Import(ImportArgs),

    /// Print the questionnaire as a paper form, for workshops held in a room
    #[command(after_help = include_str!("help/worksheet.txt"))]
    Worksheet(WorksheetArgs),

    /// Write the questionnaire as one HTML page anyone can answer in a browser, offline, and
    /// save as a response file
    #[command(after_help = include_str!("help/form.txt"))]
    Form(FormArgs),

    /// Write out the shipped report templates, as a starting point for your own
    #[command(subcommand)]
    Templates(TemplatesCommand),

    /// List, show, check and write rubrics
    #[command(subcommand)]
    Rubrics(RubricsCommand),

    /// Serve the questionnaire to a room: participants answer on their phones, each answer is
    /// saved as a response file, the facilitator watches and shows the group report
    #[command(after_help = include_str!("help/serve.txt"))]
    Serve(ServeArgs),

    /// Keep a workshop session: its scope and dimensions, where the group landed, its
    /// actions, and the follow-up of an earlier session
    #[command(
        long_about = include_str!("help/session.txt"),
        after_help = include_str!("help/session-examples.txt")
    )]
    Session(SessionArgs),

    /// Print shell completions for learnlead (bash, zsh, fish, powershell, elvish)
    #[command(after_help = include_str!("help/completions.txt"))]
    Completions {
        /// The shell to complete in
        shell: clap_complete::Shell,
    },

    /// Print learnlead's manual page (roff), for `man`
    #[command(after_help = include_str!("help/man.txt"))]
    Man,
}

/// A workshop session's scope and dimensions: from a session file, or given here.
#[derive(Debug, Clone, Default, Args)]
pub struct SessionFlags {
    /// The session file [default: session.yaml in the responses folder, if there is one]
    #[arg(long, value_name = "FILE")]
    pub session: Option<PathBuf>,

    /// What is being rated, in one line: "the Makers CoP core team, over the past six months"
    /// (over the session file's)
    #[arg(long, value_name = "TEXT")]
    pub scope: Option<String>,

    /// Only these dimensions, by id, comma-separated: `--only relevance,voices,power` (over the
    /// session file's)
    #[arg(long, value_name = "IDS", value_delimiter = ',')]
    pub only: Vec<String>,
}

#[derive(Debug, Args)]
pub struct AssessArgs {
    /// The rubric: a shipped id, an id in your rubrics folder, or a path to a YAML file
    /// [default: wenger-trayner]
    #[arg(long, value_name = "RUBRIC")]
    pub rubric: Option<String>,

    /// Where to save the response [default: NAME-DATE.yaml in the current folder, never
    /// replacing a file]
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// Colour in the questionnaire: auto (on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE
    /// forces it), always or never
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,

    /// Replace an existing response at --out
    #[arg(long)]
    pub force: bool,

    /// Your name (blank for anonymous); asked if not given
    #[arg(long)]
    pub name: Option<String>,

    /// Your community or context; asked if not given
    #[arg(long)]
    pub community: Option<String>,

    /// The perspective you answer from, one the rubric declares (the default rubric's: convenor,
    /// the person who runs the space; member; sponsor); asked if not given
    #[arg(long)]
    pub role: Option<String>,

    /// Continue an unfinished response where it stopped (or review a finished one)
    #[arg(long, value_name = "FILE", conflicts_with_all = ["out", "answers", "force"])]
    pub resume: Option<PathBuf>,

    /// Build the response from a YAML file of answers instead of asking (for scripts and paper)
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,

    /// With --answers: accept a file that leaves items out (the response stays unfinished)
    #[arg(long, requires = "answers")]
    pub partial: bool,

    #[command(flatten)]
    pub scoped: SessionFlags,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The response file (from `learnlead assess`)
    pub response: PathBuf,

    /// The format [default: from --out's extension, else table on a
    /// terminal, else md]
    #[arg(long, value_enum)]
    pub format: Option<ReportFormat>,

    /// Write the report to FILE (atomically; `-` is standard output) instead of standard output
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// Replace --out even if it is a file learnlead did not write (its own earlier output is
    /// replaced without asking)
    #[arg(long, requires = "out")]
    pub force: bool,

    /// Render with your own minijinja template instead of the shipped one (md or html)
    #[arg(long, value_name = "FILE")]
    pub template: Option<PathBuf>,

    /// An earlier response of the same person on the same rubric: show the change since. Give
    /// it once per earlier round, in any order: rounds are put in the order of their dates, the
    /// change is since the latest, and three or more rounds show a trend
    #[arg(long, value_name = "RESPONSE")]
    pub baseline: Vec<PathBuf>,

    /// The rubric to score on [default: the one the response names]
    #[arg(long, value_name = "RUBRIC")]
    pub rubric: Option<String>,

    /// Branding and framing [default: learnlead.yaml in the current folder, if any]
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    #[command(flatten)]
    pub pdf: PdfArgs,
}

/// What `compare` and `bundle` share: which responses, on which rubric, shown how.
#[derive(Debug, Args)]
pub struct GroupArgs {
    /// Response files, or folders of them (every .yaml file in the folder)
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,

    /// Show participants as "Participant A", "B", ...: no names, communities, notes or file
    /// names in the output (and, in a bundle, no individual reports)
    #[arg(long)]
    pub anonymize: bool,

    /// With --anonymize: withhold answer distributions of groups smaller than this
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub min_group: usize,

    /// Side by side per perspective: `role`
    #[arg(long, value_enum, value_name = "FIELD")]
    pub by: Option<CompareBy>,

    /// An earlier round on the same rubric: a folder of its responses (or one response file).
    /// Give it once per round, in any order: rounds are put in the order of their dates, what
    /// changed is since the latest, and three or more rounds show a trend
    #[arg(long, value_name = "INPUT")]
    pub baseline: Vec<PathBuf>,

    /// The rubric to compare on [default: the one the responses name]
    #[arg(long, value_name = "RUBRIC")]
    pub rubric: Option<String>,

    /// Branding and framing [default: learnlead.yaml in the current folder, if any]
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// The seed of the bootstrap that gives agreement its 95% interval: the same seed, the
    /// same report
    #[arg(long, value_name = "N", default_value_t = crate::analysis::compare::DEFAULT_SEED)]
    pub seed: u64,

    /// Keep responses that answer fewer than half of the statements compared (left out by
    /// default, with a warning naming them)
    #[arg(long)]
    pub include_partial: bool,

    /// The live room's report (`serve`): every answer so far counts, and nothing is said on a
    /// terminal the room may see.
    #[arg(skip)]
    pub in_room: bool,

    #[command(flatten)]
    pub scoped: SessionFlags,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    #[command(flatten)]
    pub group: GroupArgs,

    /// The format [default: from --out's extension, else table on a
    /// terminal, else md]
    #[arg(long, value_enum)]
    pub format: Option<CompareFormat>,

    /// Write to FILE (atomically; `-` is standard output) instead of standard output
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// Replace --out even if it is a file learnlead did not write (its own earlier output is
    /// replaced without asking)
    #[arg(long, requires = "out")]
    pub force: bool,

    /// With --anonymize: show the participants' notes anyway, without saying whose
    #[arg(long, requires = "anonymize")]
    pub with_notes: bool,

    /// Render md or html with your own minijinja template
    #[arg(long, value_name = "FILE")]
    pub template: Option<PathBuf>,

    /// An HTML page for projecting in the room: large type, one topic per screen, the arrow
    /// keys to move
    #[arg(long, conflicts_with = "template")]
    pub present: bool,

    #[command(flatten)]
    pub pdf: PdfArgs,
}

#[derive(Debug, Args)]
pub struct BundleArgs {
    #[command(flatten)]
    pub group: GroupArgs,

    /// The folder to write (created if missing; must be empty unless --force)
    #[arg(long, value_name = "DIR")]
    pub out_dir: PathBuf,

    /// Replace a folder that is not empty: everything in it is replaced by the new bundle
    #[arg(long)]
    pub force: bool,

    /// Also print the group report to index.pdf, and each participant's report beside its HTML
    #[arg(long)]
    pub pdf: bool,

    /// Also write the group report as index.docx, a Word document to edit
    #[arg(long)]
    pub docx: bool,

    #[command(flatten)]
    pub print: PdfArgs,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The export: CSV (comma, semicolon or tab) or .xlsx, as Google Forms, Microsoft Forms,
    /// SurveyMonkey or a spreadsheet writes it; one row per participant. `-` reads standard input
    pub file: PathBuf,

    /// The rubric the columns belong to [default: wenger-trayner]
    #[arg(long, value_name = "RUBRIC")]
    pub rubric: Option<String>,

    /// Where to write the response files (created if missing; existing files are kept, and
    /// nothing is written unless every row is valid)
    #[arg(long, value_name = "DIR", required_unless_present = "dry_run")]
    pub out_dir: Option<PathBuf>,

    /// Print how the columns were read (column -> statement, passed over, rows) and write nothing
    #[arg(long)]
    pub dry_run: bool,

    /// The column with people's names: its header or its letter [default: a column headed
    /// `Name`, `Your name`, `Full name`, ...]
    #[arg(long, value_name = "COLUMN")]
    pub name_column: Option<String>,

    /// The column with the perspective people answer from [default: `Role`, `Your role`, ...]
    #[arg(long, value_name = "COLUMN")]
    pub role_column: Option<String>,

    /// The column with the community [default: `Community`, `Team`, `Organisation`, ...]
    #[arg(long, value_name = "COLUMN")]
    pub community_column: Option<String>,

    /// A column to pass over: its header or its letter (give it once per column)
    #[arg(long, value_name = "COLUMN")]
    pub ignore_column: Vec<String>,

    /// A free-text column to keep as each person's note on a dimension: COLUMN=DIMENSION, the
    /// column by its header or letter, the dimension by its id (give it once per column)
    #[arg(long, value_name = "COLUMN=DIMENSION")]
    pub notes_column: Vec<String>,

    /// How many rows the header takes: 1, or 2 for statements under a question row
    /// (SurveyMonkey) [default: guessed; asked for when unclear]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(1..=2))]
    pub header_rows: Option<u8>,

    /// The sheet of an .xlsx workbook to read [default: the first visible one]
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The rubric [default: wenger-trayner]
    #[arg(long, value_name = "RUBRIC")]
    pub rubric: Option<String>,

    /// Where to save each answer as a response file (created if missing; files there are kept)
    #[arg(long, value_name = "DIR")]
    pub out_dir: PathBuf,

    /// The address to listen on: 0.0.0.0 for every network of this computer (the room's
    /// Wi-Fi), 127.0.0.1 for this computer only
    #[arg(long, value_name = "ADDR", default_value = "0.0.0.0")]
    pub bind: String,

    /// The port to listen on (0: any free one)
    #[arg(long, value_name = "N", default_value_t = 8080)]
    pub port: u16,

    /// Project without names: the console offers only the report with participants as
    /// letters (by default it also links a report with names, for the facilitator alone)
    #[arg(long)]
    pub anonymize: bool,

    /// Open the facilitator's console in this computer's browser
    #[arg(long)]
    pub open: bool,

    /// Seconds a request may take to arrive, head and body each [default: 10]
    #[arg(long, value_name = "SECS", hide = true)]
    pub request_timeout: Option<f64>,

    #[command(flatten)]
    pub scoped: SessionFlags,
}

#[derive(Debug, Args)]
pub struct SessionArgs {
    /// The responses folder the session belongs to (its session.yaml) [default: the current
    /// folder]
    #[arg(value_name = "FOLDER")]
    pub folder: Option<PathBuf>,

    /// The session file, in place of FOLDER/session.yaml
    #[arg(long, value_name = "FILE", conflicts_with = "folder")]
    pub session: Option<PathBuf>,

    /// The rubric of a new session [default: the one the folder's responses name, else
    /// wenger-trayner]
    #[arg(long, value_name = "RUBRIC")]
    pub rubric: Option<String>,

    /// What is being rated, in one line
    #[arg(long, value_name = "TEXT")]
    pub scope: Option<String>,

    /// The dimensions the session covers, by id, comma-separated
    #[arg(long, value_name = "IDS", value_delimiter = ',')]
    pub only: Vec<String>,

    /// Start a new session that follows on from an earlier one (its folder or session file):
    /// its open actions are carried over for the group to update
    #[arg(long, value_name = "OLD")]
    pub follow_up: Option<PathBuf>,

    /// Record what a file says (agreed positions and actions, in the session format), for
    /// scripts; `-` reads standard input
    #[arg(long, value_name = "FILE")]
    pub from: Option<PathBuf>,

    /// Check the session and print it; change nothing
    #[arg(long, conflicts_with_all = ["scope", "only", "follow_up", "from"])]
    pub check: bool,

    /// Print the JSON Schema of the session format, for editors
    #[arg(long, conflicts_with_all = ["folder", "session", "rubric", "scope", "only", "follow_up", "from", "check"])]
    pub schema: bool,
}

#[derive(Debug, Args)]
pub struct FormArgs {
    /// The rubric [default: wenger-trayner]
    #[arg(long, value_name = "RUBRIC")]
    pub rubric: Option<String>,

    /// Write the page to FILE (for example survey.html) instead of standard output
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// Replace --out even if it is a file learnlead did not write (its own earlier output is
    /// replaced without asking)
    #[arg(long)]
    pub force: bool,

    #[command(flatten)]
    pub scoped: SessionFlags,
}

#[derive(Debug, Args)]
pub struct WorksheetArgs {
    /// The rubric [default: wenger-trayner]
    #[arg(long, value_name = "RUBRIC")]
    pub rubric: Option<String>,

    /// md or html [default: from --out's extension, else md]
    #[arg(long, value_enum)]
    pub format: Option<WorksheetFormat>,

    /// Write to FILE instead of standard output
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// Replace --out even if it is a file learnlead did not write (its own earlier output is
    /// replaced without asking)
    #[arg(long, requires = "out")]
    pub force: bool,

    #[command(flatten)]
    pub scoped: SessionFlags,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WorksheetFormat {
    Md,
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompareFormat {
    /// Tables in the terminal
    Table,
    /// Markdown, for GitHub, GitLab or a wiki
    Md,
    /// One self-contained page that prints well
    Html,
    /// For scripts (docs/json.md)
    Json,
    /// One row per answer, for spreadsheets, R or pandas
    Csv,
    /// Printed by Chromium or Chrome
    Pdf,
    /// A Word document to edit
    Docx,
}

impl From<CompareFormat> for crate::present::document::Format {
    fn from(f: CompareFormat) -> Self {
        match f {
            CompareFormat::Table => Self::Table,
            CompareFormat::Md => Self::Md,
            CompareFormat::Html => Self::Html,
            CompareFormat::Json => Self::Json,
            CompareFormat::Csv => Self::Csv,
            CompareFormat::Pdf => Self::Pdf,
            CompareFormat::Docx => Self::Docx,
        }
    }
}

impl From<ReportFormat> for crate::present::document::Format {
    fn from(f: ReportFormat) -> Self {
        match f {
            ReportFormat::Table => Self::Table,
            ReportFormat::Md => Self::Md,
            ReportFormat::Html => Self::Html,
            ReportFormat::Json => Self::Json,
            ReportFormat::Pdf => Self::Pdf,
            ReportFormat::Docx => Self::Docx,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompareBy {
    Role,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Markdown, for GitHub, GitLab or a wiki
    Md,
    /// One self-contained page that prints well and reads on a phone
    Html,
    /// For scripts (docs/json.md)
    Json,
    /// Tables in the terminal
    Table,
    /// Printed by Chromium or Chrome
    Pdf,
    /// A Word document to edit
    Docx,
}

/// How a PDF is printed (with `--format pdf` or `--pdf`).
#[derive(Debug, Args)]
pub struct PdfArgs {
    /// Paper size for PDF
    #[arg(long, value_enum, default_value_t = Paper::A4)]
    pub paper: Paper,

    /// The Chromium or Chrome that prints PDF [default: the first found on PATH]
    #[arg(long, value_name = "PATH")]
    pub browser: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum TemplatesCommand {
    /// Write the shipped templates into DIR (never overwrites a file)
    #[command(after_help = include_str!("help/templates-export.txt"))]
    Export {
        /// The folder to write into; created if missing
        dir: PathBuf,
    },
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
        /// Rubric files to check, or ids of shipped rubrics or rubrics in your folder
        #[arg(required = true, value_name = "FILE|ID")]
        files: Vec<PathBuf>,
        /// Fail on warnings too (a dimension with fewer than three statements, no
        /// reverse-scored one, or no `looks_like` for a band; a statement with a quantity word,
        /// one that holds another whole, a reverse one that only negates another)
        #[arg(long)]
        strict: bool,
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
    /// How well a rubric measures, from responses to it: whether each dimension's statements
    /// hang together (alpha, omega) and how each statement was answered
    #[command(after_help = include_str!("help/rubrics-analyze.txt"))]
    Analyze(AnalyzeArgs),
}

#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// Response files, or folders of them; many folders, groups and rounds pool together
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,

    /// table, json, md or html [default: from --out's extension, else table on a terminal,
    /// else md]
    #[arg(long, value_enum)]
    pub format: Option<AnalyzeFormat>,

    /// Write to FILE instead of standard output
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// Replace --out even if it is a file learnlead did not write
    #[arg(long, requires = "out")]
    pub force: bool,

    /// Count only people who answered every statement of a dimension (by default each pair of
    /// statements uses everyone who answered both)
    #[arg(long)]
    pub listwise: bool,

    /// The rubric [default: the one the responses name]
    #[arg(long, value_name = "RUBRIC")]
    pub rubric: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AnalyzeFormat {
    Table,
    Json,
    Md,
    Html,
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
