//! What the answers add up to: scores, statistics, agreement, comparison. Pure computation.

/// Krippendorff's alpha, through the coincidence matrix.
pub mod agreement;
/// The change in a score between two rounds.
pub mod change;
/// A group's responses side by side: statistics, agreement, what to talk about.
pub mod compare;
/// Scoring, defined once.
pub mod score;
/// Descriptive statistics for groups.
pub mod stats;
/// Progress over many rounds.
pub mod trend;
