//! How answers come in: the questionnaire (behind the `Prompter` trait), exports of online forms
//! and spreadsheets, and the questionnaire page's form posted to `serve`.

/// Responses from an export (CSV or .xlsx).
pub mod import;
/// The terminal prompts: the only place that knows inquire.
pub mod prompt;
/// The questionnaire's logic, apart from the terminal.
pub mod questionnaire;
/// A scripted person, for the tests of the questionnaire and the session editor.
#[cfg(test)]
pub mod script;
/// Recording a workshop session from the terminal: where the group landed, its actions.
pub mod session_editor;
/// A response from the questionnaire page's form, as a browser posts it.
pub mod web;
