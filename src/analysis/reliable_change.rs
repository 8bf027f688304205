//! Reliable change: is a change in a score between two rounds larger than measurement error
//! alone would produce?
//!
//! Jacobson, N. S., & Truax, P. (1991). Clinical significance: A statistical approach to
//! defining meaningful change in psychotherapy research. *Journal of Consulting and Clinical
//! Psychology* 59, 12–19:
//!
//! - standard error of measurement `SEM = sd · √(1 - r)`,
//! - standard error of the difference between two scores `S_diff = √2 · SEM`,
//! - a change is reliable (p < .05, two-sided) when `|x2 - x1| > 1.96 · S_diff`, that is when
//!   the reliable change index `RCI = (x2 - x1) / S_diff` is beyond ±1.96.
//!
//! `sd` is the standard deviation of the score in a reference group (usually the first round),
//! `r` its reliability (for a rubric dimension: Cronbach's alpha or omega of its statements).

/// The smallest change in a score that counts as reliable: `1.96 · √2 · sd · √(1 - r)`.
///
/// The reliability is taken within [0, 1]: a negative alpha counts as 0 (the threshold is
/// then `1.96 · √2 · sd`), and 1 gives a threshold of 0. The sign of `sd` is ignored. NaN in,
/// NaN out.
pub fn reliable_change_threshold(sd: f64, reliability: f64) -> f64 {
    1.96 * std::f64::consts::SQRT_2 * standard_error_of_measurement(sd, reliability)
}

/// Jacobson & Truax's reliable change index `(after - before) / S_diff`; beyond ±1.96 the
/// change is reliable. `None` when `S_diff` is zero (perfect reliability or no spread) or a
/// number is not finite.
pub fn reliable_change_index(before: f64, after: f64, sd: f64, reliability: f64) -> Option<f64> {
    let s_diff = std::f64::consts::SQRT_2 * standard_error_of_measurement(sd, reliability);
    let rci = (after - before) / s_diff;
    (s_diff > 0.0 && rci.is_finite()).then_some(rci)
}

/// `SEM = |sd| · √(1 - r)`, with `r` taken within [0, 1].
fn standard_error_of_measurement(sd: f64, reliability: f64) -> f64 {
    sd.abs() * (1.0 - reliability.clamp(0.0, 1.0)).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn near(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-9, "{a} vs {b}");
    }

    // By hand: sd 7.5, r .88: SEM = 7.5 · √.12 = 2.598076; S_diff = √2 · 2.598076 = 3.674235;
    // threshold = 1.96 · 3.674235 = 7.201500.
    // A rubric dimension on a 1–5 scale, sd .8, alpha .80: SEM = .8 · √.2 = .357771;
    // S_diff = .505964; threshold = .991690, about one point. From 3.1 to 4.3:
    // RCI = 1.2 / .505964 = 2.371708, beyond 1.96: reliable.
    #[test]
    fn matches_hand_computed_examples() {
        near(reliable_change_threshold(7.5, 0.88), 7.201_499_843_782_544);
        near(
            reliable_change_threshold(0.8, 0.80),
            0.991_690_274_228_803_6,
        );
        near(
            reliable_change_index(3.1, 4.3, 0.8, 0.80).unwrap(),
            2.371_708_245_126_284,
        );
        assert!((4.3_f64 - 3.1).abs() > reliable_change_threshold(0.8, 0.80));
        assert!((3.9_f64 - 3.1).abs() < reliable_change_threshold(0.8, 0.80));
    }

    #[test]
    fn edges() {
        near(reliable_change_threshold(1.0, 0.0), 2.771_858_582_251_266);
        near(reliable_change_threshold(1.0, -0.4), 2.771_858_582_251_266);
        assert_eq!(reliable_change_threshold(1.0, 1.0), 0.0);
        assert_eq!(reliable_change_index(3.0, 4.0, 1.0, 1.0), None);
        assert_eq!(reliable_change_index(3.0, 4.0, 0.0, 0.5), None);
        near(
            reliable_change_threshold(-0.8, 0.8),
            reliable_change_threshold(0.8, 0.8),
        );
        assert!(reliable_change_threshold(f64::NAN, 0.8).is_nan());
        near(
            reliable_change_index(4.3, 3.1, 0.8, 0.8).unwrap(),
            -2.371_708_245_126_284,
        );
    }
}
