//! Krippendorff's alpha: how much participants agree, beyond chance, on the items of a rubric.
//!
//! Units are items, coders are participants, values are item scores; missing and "not
//! applicable" answers are allowed. Alpha is computed through the coincidence matrix, in one
//! pass over the answers, so its cost grows linearly with the number of participants:
//! for each item, the count of each value is enough to add its pairs to the matrix.
//!
//! `alpha = 1 - D_o / D_e`, with the interval metric `δ²(c,k) = (c-k)²` and the ordinal metric
//! `δ²(c,k) = (Σ_{g=c..k} n_g - (n_c + n_k)/2)²` (Krippendorff, *Computing Krippendorff's
//! Alpha-Reliability*, 2011).

use serde::Serialize;

/// Alpha with both metrics, or why it cannot be computed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Agreement {
    pub ordinal: Option<f64>,
    pub interval: Option<f64>,
    /// Why alpha is undefined, when it is.
    pub undefined: Option<String>,
    /// How many values could be paired (answers to items that at least two people scored).
    pub pairable: usize,
}

/// Counts of values per unit: `units[u][v]` is how many coders gave unit `u` the value
/// `min + v`. Values are whole points on a scale of `points` points.
pub struct Reliability {
    points: usize,
    /// The coincidence matrix, `points × points`, row-major.
    coincidences: Vec<f64>,
    coders_seen: usize,
}

impl Reliability {
    pub fn new(points: usize) -> Self {
        Reliability {
            points,
            coincidences: vec![0.0; points * points],
            coders_seen: 0,
        }
    }

    /// Adds one unit, given how many coders chose each value (index 0 = the lowest point).
    pub fn add_unit(&mut self, counts: &[usize]) {
        debug_assert_eq!(counts.len(), self.points);
        let m: usize = counts.iter().sum();
        self.coders_seen = self.coders_seen.max(m);
        if m < 2 {
            return; // a value nobody else coded cannot be paired
        }
        let w = 1.0 / (m - 1) as f64;
        for c in 0..self.points {
            if counts[c] == 0 {
                continue;
            }
            for k in 0..self.points {
                let pairs = if c == k {
                    counts[c] * (counts[c] - 1)
                } else {
                    counts[c] * counts[k]
                };
                self.coincidences[c * self.points + k] += pairs as f64 * w;
            }
        }
    }

    /// Alpha for the units added so far.
    pub fn agreement(&self) -> Agreement {
        let p = self.points;
        let marginals: Vec<f64> = (0..p)
            .map(|c| (0..p).map(|k| self.coincidences[c * p + k]).sum())
            .collect();
        let n: f64 = marginals.iter().sum();
        let pairable = n.round() as usize;
        let undefined = |why: &str| Agreement {
            ordinal: None,
            interval: None,
            undefined: Some(why.to_string()),
            pairable,
        };
        if self.coders_seen < 2 {
            return undefined("fewer than two participants answered any item");
        }
        if n < 2.0 {
            return undefined("no item was scored by two or more participants");
        }
        let alpha = |delta: &dyn Fn(usize, usize) -> f64| {
            let mut observed = 0.0;
            let mut expected = 0.0;
            for c in 0..p {
                for k in 0..p {
                    let d = delta(c, k);
                    observed += self.coincidences[c * p + k] * d;
                    expected += marginals[c] * marginals[k] * d;
                }
            }
            if expected == 0.0 {
                None
            } else {
                Some(1.0 - (n - 1.0) * observed / expected)
            }
        };
        let interval = alpha(&|c, k| {
            let d = c as f64 - k as f64;
            d * d
        });
        let ordinal = alpha(&|c, k| {
            let (lo, hi) = (c.min(k), c.max(k));
            let between: f64 = marginals[lo..=hi].iter().sum();
            let d = between - f64::midpoint(marginals[c], marginals[k]);
            d * d
        });
        if interval.is_none() {
            return undefined("every answer was the same, so there is no variation to agree on");
        }
        Agreement {
            ordinal,
            interval,
            undefined: None,
            pairable,
        }
    }
}

/// Alpha in plain words, after Krippendorff's guidance (rely on data from .800, draw tentative
/// conclusions from .667). Near zero or below, answers agree no more than chance would: people
/// see it differently, which is not a failure but where the conversation is.
pub fn reading(alpha: Option<f64>) -> &'static str {
    match alpha {
        None => "undefined",
        Some(a) if a >= 0.8 => "you largely see this alike",
        Some(a) if a >= 0.667 => "you see this much alike, with some differences",
        Some(a) if a >= 0.2 => "you see some of this alike and some differently",
        Some(_) => "people see this differently",
    }
}

/// [`reading`], resting on the interval where there is one: "you largely see this alike" only
/// when its lower end is from .800, "much alike" from .667; otherwise the point, at most
/// "some alike and some differently".
pub fn reading_with_interval(alpha: Option<f64>, low: Option<f64>) -> &'static str {
    let Some(low) = low else {
        return reading(alpha);
    };
    match alpha {
        None => "undefined",
        Some(_) if low >= 0.8 => "you largely see this alike",
        Some(_) if low >= 0.667 => "you see this much alike, with some differences",
        Some(a) if a >= 0.2 => "you see some of this alike and some differently",
        Some(_) => "people see this differently",
    }
}

/// How much agreement an alpha is, in a word: strong from .800, good from .667, fair from .2,
/// little below.
fn strength(a: f64) -> &'static str {
    match a {
        a if a >= 0.8 => "strong",
        a if a >= 0.667 => "good",
        a if a >= 0.2 => "fair",
        _ => "little",
    }
}

/// An interval in words a group can read.
pub fn range_words(low: f64, high: f64) -> String {
    let (lo, hi) = (strength(low), strength(high));
    match lo == hi {
        true => format!("{lo} agreement, however the answers are resampled"),
        false => format!("could be anywhere from {lo} to {hi} agreement"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Krippendorff's worked example (Computing Krippendorff's Alpha-Reliability, 2011,
    /// section C): four observers, twelve units, values 1 to 5, with missing values.
    fn published_example() -> Reliability {
        let data: [[Option<usize>; 12]; 4] = {
            let n = None;
            let s = Some;
            [
                [
                    s(1),
                    s(2),
                    s(3),
                    s(3),
                    s(2),
                    s(1),
                    s(4),
                    s(1),
                    s(2),
                    n,
                    n,
                    n,
                ],
                [
                    s(1),
                    s(2),
                    s(3),
                    s(3),
                    s(2),
                    s(2),
                    s(4),
                    s(1),
                    s(2),
                    s(5),
                    n,
                    s(3),
                ],
                [
                    n,
                    s(3),
                    s(3),
                    s(3),
                    s(2),
                    s(3),
                    s(4),
                    s(2),
                    s(2),
                    s(5),
                    s(1),
                    n,
                ],
                [
                    s(1),
                    s(2),
                    s(3),
                    s(3),
                    s(2),
                    s(4),
                    s(4),
                    s(1),
                    s(2),
                    s(5),
                    s(1),
                    n,
                ],
            ]
        };
        let mut r = Reliability::new(5);
        for unit in 0..12 {
            let mut counts = [0usize; 5];
            for coder in &data {
                if let Some(v) = coder[unit] {
                    counts[v - 1] += 1;
                }
            }
            r.add_unit(&counts);
        }
        r
    }

    #[test]
    fn matches_krippendorffs_published_example() {
        let a = published_example().agreement();
        // Published: interval .849, ordinal .815 (and nominal .743, ratio .797).
        assert_eq!((a.interval.unwrap() * 1000.0).round() / 1000.0, 0.849);
        assert_eq!((a.ordinal.unwrap() * 1000.0).round() / 1000.0, 0.815);
        assert_eq!(a.pairable, 40);
    }

    #[test]
    fn perfect_agreement_is_one() {
        let mut r = Reliability::new(3);
        r.add_unit(&[2, 0, 0]);
        r.add_unit(&[0, 0, 2]);
        r.add_unit(&[0, 2, 0]);
        let a = r.agreement();
        assert_eq!(a.interval, Some(1.0));
        assert_eq!(a.ordinal, Some(1.0));
    }

    #[test]
    fn systematic_disagreement_is_below_zero() {
        let mut r = Reliability::new(2);
        r.add_unit(&[1, 1]);
        r.add_unit(&[1, 1]);
        let a = r.agreement();
        assert!(a.interval.unwrap() < 0.0, "{a:?}");
    }

    #[test]
    fn two_values_that_differ_are_enough_to_pair() {
        // The smallest defined case: one item, two people, two different answers. Observed
        // and expected disagreement are equal, so alpha is exactly 0.
        let mut r = Reliability::new(3);
        r.add_unit(&[1, 0, 1]);
        let a = r.agreement();
        assert_eq!(a.undefined, None);
        assert_eq!(a.pairable, 2);
        assert_eq!((a.ordinal, a.interval), (Some(0.0), Some(0.0)));
    }

    #[test]
    fn undefined_cases_say_why() {
        let mut one = Reliability::new(5);
        one.add_unit(&[0, 1, 0, 0, 0]);
        one.add_unit(&[0, 0, 1, 0, 0]);
        assert!(one
            .agreement()
            .undefined
            .unwrap()
            .contains("fewer than two participants"));

        let mut unpaired = Reliability::new(5);
        unpaired.add_unit(&[1, 0, 0, 0, 0]);
        unpaired.add_unit(&[0, 0, 0, 0, 0]);
        unpaired.add_unit(&[0, 1, 0, 0, 0]);
        unpaired.coders_seen = 2; // two people, but never on the same item
        assert!(unpaired
            .agreement()
            .undefined
            .unwrap()
            .contains("no item was scored by two"));

        let mut same = Reliability::new(5);
        same.add_unit(&[0, 0, 3, 0, 0]);
        same.add_unit(&[0, 0, 2, 0, 0]);
        let a = same.agreement();
        assert!(a.undefined.unwrap().contains("no variation"));
        assert_eq!(a.interval, None);
    }

    #[test]
    fn readings_follow_krippendorffs_guidance() {
        assert_eq!(reading(Some(0.81)), "you largely see this alike");
        assert_eq!(
            reading(Some(0.7)),
            "you see this much alike, with some differences"
        );
        assert_eq!(
            reading(Some(0.2)),
            "you see some of this alike and some differently"
        );
        assert_eq!(reading(Some(0.19)), "people see this differently");
        assert_eq!(reading(Some(-0.3)), "people see this differently");
    }

    #[test]
    fn the_words_rest_on_the_interval_not_the_point() {
        // A high point with a low interval is not "largely alike".
        assert_eq!(
            reading_with_interval(Some(0.85), Some(0.55)),
            "you see some of this alike and some differently"
        );
        assert_eq!(
            reading_with_interval(Some(0.85), Some(0.7)),
            "you see this much alike, with some differences"
        );
        assert_eq!(
            reading_with_interval(Some(0.9), Some(0.82)),
            "you largely see this alike"
        );
        assert_eq!(
            reading_with_interval(Some(0.1), Some(-0.3)),
            "people see this differently"
        );
        assert_eq!(reading_with_interval(Some(0.85), None), reading(Some(0.85)));
        assert_eq!(
            range_words(0.3, 0.85),
            "could be anywhere from fair to strong agreement"
        );
        assert_eq!(
            range_words(0.81, 0.95),
            "strong agreement, however the answers are resampled"
        );
    }
}
