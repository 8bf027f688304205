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
    /// Whether the change exceeds what measurement error allows (`threshold`); `None` where
    /// no threshold applies or there is no change to judge.
    pub reliable: Option<bool>,
    /// The smallest change that is more than noise, where one applies.
    pub threshold: Option<f64>,
}

/// [`change`], judged against `threshold`: a change larger than it is reliable; one within it
/// reads "within noise".
pub fn change_beyond(then: Option<f64>, now: Option<f64>, threshold: Option<f64>) -> Change {
    let mut c = change(then, now);
    c.threshold = threshold.map(round2);
    c.reliable = match (c.change, threshold) {
        (Some(d), Some(t)) if d != 0.0 => Some(d.abs() > t),
        _ => None,
    };
    c
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
                reliable: None,
                threshold: None,
            }
        }
        _ => Change {
            score: then.map(round2),
            change: None,
            direction: "none",
            arrow: "–",
            reliable: None,
            threshold: None,
        },
    }
}
