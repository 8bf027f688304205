//! The change in a score between two rounds: the difference, its direction, and an arrow that
//! reads in black and white.

use serde::Serialize;

use crate::analysis::score::round2;

#[derive(Debug, Clone, Serialize)]
pub struct Change {
    /// The score then.
    pub score: Option<f64>,
    /// Now minus then.
    pub change: Option<f64>,
    /// `up`, `down`, `same`, or `none` when either score is missing.
    pub direction: &'static str,
    /// ▲, ▼, = or –: an arrow that reads in black and white.
    pub arrow: &'static str,
}

/// The change from `then` to `now`. Changes under 0.005 count as the same.
pub fn change(then: Option<f64>, now: Option<f64>) -> Change {
    match (then, now) {
        (Some(t), Some(n)) => {
            let c = round2(n - t);
            let (direction, arrow) = if c > 0.0 {
                ("up", "▲")
            } else if c < 0.0 {
                ("down", "▼")
            } else {
                ("same", "=")
            };
            Change {
                score: Some(round2(t)),
                change: Some(c),
                direction,
                arrow,
            }
        }
        _ => Change {
            score: then.map(round2),
            change: None,
            direction: "none",
            arrow: "–",
        },
    }
}
