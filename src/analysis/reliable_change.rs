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

/// The alpha assumed for a dimension whose rubric stores none (`reliability` in the rubric,
/// from `rubrics analyze`): cautious, as short scales of a few statements often reach no more.
pub const DEFAULT_ALPHA: f64 = 0.7;

/// What measurement error a dimension's score carries: its alpha and the spread of people's
/// scores, stored with the rubric or assumed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Noise {
    pub alpha: f64,
    pub sd: f64,
    /// Whether the figures come from the rubric (else the cautious default).
    pub stored: bool,
}

/// The noise of `dim`'s score: what the rubric stores, else alpha [`DEFAULT_ALPHA`] and an sd
/// of a quarter of the scale (1 on a 1–5 scale), which is wider than most groups' spread.
pub fn noise(
    rubric: &crate::model::rubric::Rubric,
    dim: &crate::model::rubric::Dimension,
) -> Noise {
    match dim.reliability {
        Some(r) => Noise {
            alpha: r.alpha,
            sd: r.sd,
            stored: true,
        },
        None => Noise {
            alpha: DEFAULT_ALPHA,
            sd: (rubric.scale.max - rubric.scale.min) as f64 / 4.0,
            stored: false,
        },
    }
}

/// The smallest change in a group's mean that measurement error does not explain, for groups
/// of `n_then` and `n_now` people: `1.96 · SEM · √(1/n_then + 1/n_now)` with `SEM = sd ·
/// √(1 - alpha)`. Each person's error is independent, so a group mean's error shrinks with
/// the group. `None` when a group is empty.
pub fn group_threshold(noise: Noise, n_then: usize, n_now: usize) -> Option<f64> {
    if n_then == 0 || n_now == 0 {
        return None;
    }
    let sem = standard_error_of_measurement(noise.sd, noise.alpha);
    Some(1.96 * sem * (1.0 / n_then as f64 + 1.0 / n_now as f64).sqrt())
}

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

    #[test]
    fn a_group_means_threshold_shrinks_with_the_group() {
        let n = Noise {
            alpha: 0.8,
            sd: 0.8,
            stored: true,
        };
        // SEM = .8 · √.2 = .357771; 1.96 · SEM · √(1/8 + 1/8) = .350615
        near(group_threshold(n, 8, 8).unwrap(), 0.350_615_458_871_967);
        assert!(group_threshold(n, 80, 80).unwrap() < group_threshold(n, 8, 8).unwrap());
        assert_eq!(group_threshold(n, 0, 8), None);
    }
}
