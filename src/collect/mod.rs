//! How answers come in: the questionnaire (behind the `Prompter` trait) and CSV import.

/// Responses from a CSV file.
pub mod import;
/// The terminal prompts: the only place that knows inquire.
pub mod prompt;
/// The questionnaire's logic, apart from the terminal.
pub mod questionnaire;
