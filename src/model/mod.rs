//! What the files mean: parsed from text and checked, with no files read here.

/// Answers given outside the questionnaire (`assess --answers`).
pub mod answers;
/// A consultant's branding and framing (learnlead.yaml).
pub mod config;
/// A person's answers to a rubric: the response file's content.
pub mod response;
/// The rubric model and its validation.
pub mod rubric;
/// A workshop session: scope, dimensions covered, what the group agreed, its actions.
pub mod session;
