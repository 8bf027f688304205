//! Descriptive statistics for a group: n, not applicable, mean, median, min, max, sample
//! standard deviation, and how many answers fell on each point of the scale.

use serde::Serialize;

use crate::analysis::score::round2;

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Stats {
    /// How many values were scored.
    pub n: usize,
    /// How many participants answered "not applicable" or had nothing to score here.
    pub na: usize,
    pub mean: Option<f64>,
    pub median: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// Sample standard deviation (n - 1); none below two values.
    pub sd: Option<f64>,
    /// How many answers fell on each point of the scale, lowest point first; `None` where
    /// withheld to protect a small group.
    pub counts: Option<Vec<usize>>,
}

impl Stats {
    /// Statistics of whole points on a scale, from how many answers fell on each point
    /// (`counts[0]` is the point `min`). Linear in the number of points.
    pub fn from_counts(min: i64, counts: Vec<usize>, na: usize) -> Stats {
        let n: usize = counts.iter().sum();
        if n == 0 {
            return Stats {
                na,
                counts: Some(counts),
                ..Stats::default()
            };
        }
        let value = |i: usize| (min + i as i64) as f64;
        let sum: f64 = counts
            .iter()
            .enumerate()
            .map(|(i, c)| value(i) * *c as f64)
            .sum();
        let mean = sum / n as f64;
        let ss: f64 = counts
            .iter()
            .enumerate()
            .map(|(i, c)| (value(i) - mean).powi(2) * *c as f64)
            .sum();
        // The value at a 0-based position of the sorted answers (`pos` is below `n`, so the
        // point is always found).
        let at = |pos: usize| {
            let mut seen = 0;
            let point = counts.iter().position(|c| {
                seen += c;
                pos < seen
            });
            value(point.unwrap_or_default())
        };
        let median = if n % 2 == 1 {
            at(n / 2)
        } else {
            f64::midpoint(at(n / 2 - 1), at(n / 2))
        };
        let first = counts.iter().position(|c| *c > 0).unwrap_or(0);
        let last = counts.iter().rposition(|c| *c > 0).unwrap_or(0);
        Stats {
            n,
            na,
            mean: Some(round2(mean)),
            median: Some(median),
            min: Some(value(first)),
            max: Some(value(last)),
            sd: (n > 1).then(|| round2((ss / (n - 1) as f64).sqrt())),
            counts: Some(counts),
        }
    }

    /// Statistics of any values (dimension or group scores, which are means). The values are
    /// reordered. `counts` is passed through.
    pub fn from_values(values: &mut [f64], na: usize, counts: Option<Vec<usize>>) -> Stats {
        let n = values.len();
        if n == 0 {
            return Stats {
                na,
                counts,
                ..Stats::default()
            };
        }
        let mean = values.iter().sum::<f64>() / n as f64;
        let ss: f64 = values.iter().map(|v| (v - mean).powi(2)).sum();
        let cmp = |a: &f64, b: &f64| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal);
        // Median by selection: linear, no full sort.
        let (_, upper, _) = values.select_nth_unstable_by(n / 2, cmp);
        let upper = *upper;
        let median = if n % 2 == 1 {
            upper
        } else {
            let lower = values[..n / 2].iter().copied().fold(f64::MIN, f64::max);
            f64::midpoint(lower, upper)
        };
        let min = values.iter().copied().fold(f64::MAX, f64::min);
        let max = values.iter().copied().fold(f64::MIN, f64::max);
        Stats {
            n,
            na,
            mean: Some(round2(mean)),
            median: Some(round2(median)),
            min: Some(round2(min)),
            max: Some(round2(max)),
            sd: (n > 1).then(|| round2((ss / (n - 1) as f64).sqrt())),
            counts,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn from_counts_by_hand() {
        // Answers 1, 2, 2, 4, 5 on a 1..5 scale.
        let s = Stats::from_counts(1, vec![1, 2, 0, 1, 1], 3);
        assert_eq!(s.n, 5);
        assert_eq!(s.na, 3);
        assert_eq!(s.mean, Some(2.8));
        assert_eq!(s.median, Some(2.0));
        assert_eq!((s.min, s.max), (Some(1.0), Some(5.0)));
        // Deviations -1.8, -0.8, -0.8, 1.2, 2.2: squares sum to 10.8; / 4 = 2.7; sqrt = 1.643
        assert_eq!(s.sd, Some(1.64));
    }

    #[test]
    fn even_counts_take_the_middle_two() {
        let s = Stats::from_counts(1, vec![0, 1, 1, 0, 0], 0); // 2, 3
        assert_eq!(s.median, Some(2.5));
        // Odd counts take the middle one: 1, 2, 3, 4, 5 -> 3.
        let odd = Stats::from_counts(1, vec![1, 1, 1, 1, 1], 0);
        assert_eq!(odd.median, Some(3.0));
        // The lowest and highest points anyone chose, with nobody at the ends of the scale.
        let inner = Stats::from_counts(1, vec![0, 1, 0, 1, 0], 0);
        assert_eq!((inner.min, inner.max), (Some(2.0), Some(4.0)));
        assert_eq!(s.sd, Some(0.71));
    }

    #[test]
    fn from_values_by_hand() {
        let mut v = vec![3.5, 1.0, 4.25, 2.0];
        let s = Stats::from_values(&mut v, 1, None);
        assert_eq!(s.mean, Some(2.69)); // 10.75 / 4 = 2.6875
        assert_eq!(s.median, Some(2.75)); // (2 + 3.5) / 2
        assert_eq!((s.min, s.max), (Some(1.0), Some(4.25)));
        assert_eq!(s.sd, Some(1.46)); // squares of deviations sum to 6.421875; sqrt(6.421875 / 3)
        let mut odd = vec![5.0, 1.0, 3.0];
        assert_eq!(Stats::from_values(&mut odd, 0, None).median, Some(3.0));
    }

    #[test]
    fn from_values_takes_the_middle_of_an_odd_count_and_passes_counts_through() {
        let mut v = vec![10.0, 1.0, 4.0, 2.0, 3.0];
        let s = Stats::from_values(&mut v, 0, Some(vec![1, 2]));
        assert_eq!(s.median, Some(3.0));
        assert_eq!(s.counts, Some(vec![1, 2]));
        let one = Stats::from_values(&mut [3.5], 0, None);
        assert_eq!(
            (one.mean, one.sd),
            (Some(3.5), None),
            "one value has no spread"
        );
    }

    #[test]
    fn one_value_has_no_spread_and_none_has_no_statistics() {
        let s = Stats::from_counts(1, vec![0, 0, 1, 0, 0], 0);
        assert_eq!((s.mean, s.sd), (Some(3.0), None));
        let e = Stats::from_values(&mut [], 2, Some(vec![0, 0]));
        assert_eq!((e.n, e.na, e.mean, e.median), (0, 2, None, None));
        assert_eq!(e.counts, Some(vec![0, 0]), "counts are passed through");
        // An item everyone said n/a to: no statistics, but the n/a count and the (empty)
        // distribution are kept.
        let na = Stats::from_counts(1, vec![0, 0, 0], 4);
        assert_eq!((na.n, na.na, na.mean), (0, 4, None));
        assert_eq!(na.counts, Some(vec![0, 0, 0]));
    }
}
