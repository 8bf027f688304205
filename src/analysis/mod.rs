//! What the answers add up to: scores, statistics, agreement, comparison. Pure computation.

/// Krippendorff's alpha, through the coincidence matrix.
pub mod agreement;
/// A bootstrap interval for Krippendorff's alpha, as Hayes and Krippendorff's KALPHA draws it.
pub mod agreement_interval;
/// The change in a score between two rounds.
pub mod change;
/// A group's responses side by side: statistics, agreement, what to talk about.
pub mod compare;
/// How well a rubric measures, from the responses to it (`rubrics analyze`).
pub mod instrument;
/// Whether a dimension's statements hang together: alpha, omega, item statistics.
pub mod reliability;
/// Whether a change exceeds what measurement error allows (Jacobson & Truax).
pub mod reliable_change;
/// Scoring, defined once.
pub mod score;
/// Descriptive statistics for groups.
pub mod stats;
/// Progress over many rounds.
pub mod trend;
