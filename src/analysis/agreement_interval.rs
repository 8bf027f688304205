//! How sure we can be of Krippendorff's alpha: a bootstrap 95% interval and the probability
//! that alpha is below .667, the smallest value Krippendorff accepts for tentative conclusions.
//!
//! This is Krippendorff's algorithm for bootstrapping alpha, the one the KALPHA macro for SPSS
//! and SAS runs (Hayes, A. F., & Krippendorff, K. (2007). Answering the call for a standard
//! reliability measure for coding data. *Communication Methods and Measures* 1, 77–89;
//! Krippendorff, K. (2006, rev. 2011). Algorithm for bootstrapping a distribution of alpha;
//! Krippendorff, K. (2016). Bootstrapping distributions for Krippendorff's alpha). It resamples
//! *pairs of values*, not units or coders:
//!
//! 1. From the coincidence matrix `o` (the same one alpha is computed from, `n..` pairable
//!    values), each cell `c ≤ k` gets the probability `o_cc / n..` on the diagonal and
//!    `2·o_ck / n..` off it, and carries the metric difference `δ²_ck`.
//! 2. Each replicate draws `M` cells with those probabilities, with replacement, where
//!    `M = min(25·q, n..·(m - 1)/2)`, `q` the number of non-empty cells of `o` and `m` the
//!    number of coders (here: the most coders any one unit had, all the summaries tell).
//! 3. The replicate's alpha is `1 - Σδ² / (M·D_e)`, with the expected disagreement `D_e` of
//!    the data held fixed; values below -1 are set to -1.
//! 4. Replicates that came out exactly 1 only because every draw fell on the diagonal are
//!    corrected: if one value alone was ever agreed on, they are set to 0; otherwise
//!    `round(R·Σ_c (o_cc/n..)^M)` of them are (alpha is undefined for a sample without
//!    variation).
//! 5. The interval is the sorted replicates' `max(⌊.025R⌋, 1)`-th and `min(⌊.975R⌋ + 1, R)`-th
//!    values; `p_below_667` is the share of replicates below .667.
//!
//! Steps 1–5 follow the two public implementations of the algorithm, Stata's `kalpha`
//! (Klein & Reckmann, after Krippendorff 2013) and R's `kripp.boot` (Proutskova &
//! Gruszczynski, after Hayes's `kalpha.sps`), which agree on every step.
//!
//! Cost: building the coincidence matrix is linear in the units; each replicate then costs
//! `M ≤ 25·points²` draws, whatever the number of coders or units. What follows from the cap:
//! once `n..·(m - 1)/2` exceeds `25·q`, the interval no longer narrows as more people answer,
//! since it reflects `M` drawn pairs, not all of them. And because pairs are drawn, not units,
//! it does not reflect which items happened to be asked; Gwet (2015) criticises the algorithm
//! for this (resampling pairs with `D_e` held fixed rather than resampling units), as does
//! Zapf et al. (2016) according to Stata's `kalpha` help.
//!
//! The random numbers come from xoshiro256** seeded through SplitMix64 (Blackman & Vigna),
//! implemented here, so a seed gives the same interval on every platform.

/// The metric of the scale: which differences between values count as how large.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    /// `δ²(c, k) = (c - k)²`: equal steps between the points.
    Interval,
    /// `δ²(c, k) = (Σ_{g=c..k} n_g - (n_c + n_k)/2)²`: only the order of the points counts.
    Ordinal,
}

/// A bootstrap 95% interval for alpha and the probability that alpha is below .667.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct AlphaInterval {
    /// Lower end of the 95% interval.
    pub low: f64,
    /// Upper end of the 95% interval.
    pub high: f64,
    /// Share of the bootstrap replicates below .667 (Krippendorff's `q` for `α_min = .667`).
    pub p_below_667: f64,
    /// How many replicates were drawn (0 when alpha is exactly 1: there is nothing to
    /// resample, and KALPHA does not bootstrap either).
    pub replicates: usize,
}

/// The bootstrap interval of Krippendorff's alpha for the given metric.
///
/// `units[u][v]` is how many coders gave unit `u` the value `v` (index 0 = the lowest of
/// `points` points), the summaries [`super::agreement::Reliability::add_unit`] takes.
/// `replicates` is the number of bootstrap samples (1,000 is usual; Stata's `kalpha` defaults
/// to 20,000), `seed` makes the result reproducible.
///
/// `None` when alpha is undefined (fewer than two pairable values, or no variation), when
/// `replicates` is 0, or when a unit's counts are not `points` long. When alpha is exactly 1,
/// the interval is `[1, 1]` and `p_below_667` is 0, with no resampling.
pub fn alpha_interval(
    units: &[Vec<usize>],
    points: usize,
    metric: Metric,
    replicates: usize,
    seed: u64,
) -> Option<AlphaInterval> {
    if replicates == 0 || units.iter().any(|u| u.len() != points) {
        return None;
    }
    let data = Coincidences::new(units, points)?;
    let delta = data.delta2(metric);
    let expected = data.expected_disagreement(&delta);
    if expected <= 0.0 {
        return None;
    }
    let cells = data.cells(&delta);
    if cells.iter().all(|c| c.delta2 == 0.0) {
        // Every pair agrees: alpha is 1 and every resample would say so.
        return Some(AlphaInterval {
            low: 1.0,
            high: 1.0,
            p_below_667: 0.0,
            replicates: 0,
        });
    }
    let draws = data.draws();
    let mut rng = Xoshiro256::new(seed);
    let mut alphas: Vec<f64> = (0..replicates)
        .map(|_| {
            let sum: f64 = (0..draws)
                .map(|_| pick(&cells, rng.next_f64()).delta2)
                .sum();
            (1.0 - sum / (draws as f64 * expected)).max(-1.0)
        })
        .collect();
    correct_undefined(&mut alphas, &data, draws);
    alphas.sort_by(f64::total_cmp);
    let low_rank = (replicates * 25 / 1000).max(1);
    let high_rank = (replicates * 975 / 1000 + 1).min(replicates);
    let below = alphas.iter().filter(|&&a| a < 0.667).count();
    Some(AlphaInterval {
        low: alphas[low_rank - 1],
        high: alphas[high_rank - 1],
        p_below_667: below as f64 / replicates as f64,
        replicates,
    })
}

/// The coincidence matrix of the data, and what the bootstrap needs from it.
struct Coincidences {
    points: usize,
    /// `points × points`, row-major.
    o: Vec<f64>,
    /// `n_c`, the row sums.
    marginals: Vec<f64>,
    /// `n..`, the number of pairable values.
    n: f64,
    /// The most coders any unit had.
    coders: usize,
}

impl Coincidences {
    /// `None` when fewer than two values can be paired.
    fn new(units: &[Vec<usize>], points: usize) -> Option<Self> {
        let mut o = vec![0.0; points * points];
        let mut coders = 0;
        for counts in units {
            let m: usize = counts.iter().sum();
            coders = coders.max(m);
            if m < 2 {
                continue;
            }
            let w = 1.0 / (m - 1) as f64;
            for (c, &nc) in counts.iter().enumerate().filter(|(_, &n)| n > 0) {
                for (k, &nk) in counts.iter().enumerate() {
                    let pairs = if c == k { nc * (nc - 1) } else { nc * nk };
                    o[c * points + k] += pairs as f64 * w;
                }
            }
        }
        let marginals: Vec<f64> = o
            .chunks(points.max(1))
            .map(|row| row.iter().sum())
            .collect();
        let n: f64 = marginals.iter().sum();
        (n >= 2.0).then_some(Coincidences {
            points,
            o,
            marginals,
            n,
            coders,
        })
    }

    /// `δ²(c, k)` for every pair of points, row-major.
    fn delta2(&self, metric: Metric) -> Vec<f64> {
        let p = self.points;
        (0..p * p)
            .map(|i| {
                let (c, k) = (i / p, i % p);
                match metric {
                    Metric::Interval => (c as f64 - k as f64).powi(2),
                    Metric::Ordinal => {
                        let (lo, hi) = (c.min(k), c.max(k));
                        let between: f64 = self.marginals[lo..=hi].iter().sum();
                        (between - f64::midpoint(self.marginals[c], self.marginals[k])).powi(2)
                    }
                }
            })
            .collect()
    }

    /// `D_e`, the disagreement expected by chance per pair:
    /// `Σ_{c,k} n_c·(n_k - [c = k])·δ²_ck / (n..·(n.. - 1))`.
    fn expected_disagreement(&self, delta: &[f64]) -> f64 {
        let p = self.points;
        let total: f64 = (0..p * p)
            .map(|i| {
                let (c, k) = (i / p, i % p);
                let same = if c == k { 1.0 } else { 0.0 };
                self.marginals[c] * (self.marginals[k] - same) * delta[i]
            })
            .sum();
        total / (self.n * (self.n - 1.0))
    }

    /// The non-empty cells `c ≤ k` with their cumulative probabilities (the last exactly 1).
    fn cells(&self, delta: &[f64]) -> Vec<Cell> {
        let p = self.points;
        let mut cumulative = 0.0;
        let mut cells: Vec<Cell> = (0..p)
            .flat_map(|c| (c..p).map(move |k| (c, k)))
            .filter(|&(c, k)| self.o[c * p + k] > 0.0)
            .map(|(c, k)| {
                let weight = if c == k { 1.0 } else { 2.0 };
                cumulative += weight * self.o[c * p + k] / self.n;
                Cell {
                    cumulative,
                    delta2: delta[c * p + k],
                }
            })
            .collect();
        if let Some(last) = cells.last_mut() {
            last.cumulative = 1.0;
        }
        cells
    }

    /// `M = min(25·q, round(n..·(m - 1)/2))`, at least 1.
    fn draws(&self) -> usize {
        let q = self.o.iter().filter(|&&x| x > 0.0).count();
        let pairs = (self.n * self.coders.saturating_sub(1) as f64 / 2.0).round() as usize;
        (25 * q).min(pairs).max(1)
    }
}

/// One cell of the coincidence matrix, as the bootstrap draws it.
#[derive(Debug, Clone, Copy)]
struct Cell {
    cumulative: f64,
    delta2: f64,
}

/// The cell whose probability segment holds `u` (uniform in [0, 1)).
fn pick(cells: &[Cell], u: f64) -> Cell {
    let i = cells
        .partition_point(|c| c.cumulative <= u)
        .min(cells.len() - 1);
    cells[i]
}

/// Step 4 of the algorithm: replicates that reached exactly 1 because every draw fell on the
/// diagonal, where alpha would be undefined, count as 0 — all of them when only one value was
/// ever agreed on, otherwise as many as chance predicts, `round(R·Σ_c (o_cc/n..)^M)`.
fn correct_undefined(alphas: &mut [f64], data: &Coincidences, draws: usize) {
    let ones = alphas.iter().filter(|&&a| a == 1.0).count();
    if ones == 0 {
        return;
    }
    let p = data.points;
    let diagonal: Vec<f64> = (0..p).map(|c| data.o[c * p + c] / data.n).collect();
    let agreed_values = diagonal.iter().filter(|&&d| d > 0.0).count();
    let to_zero = if agreed_values == 1 {
        ones
    } else {
        let exponent = i32::try_from(draws).unwrap_or(i32::MAX);
        let expected: f64 = diagonal.iter().map(|d| d.powi(exponent)).sum();
        ((alphas.len() as f64 * expected).round() as usize).min(ones)
    };
    for a in alphas.iter_mut().filter(|a| **a == 1.0).take(to_zero) {
        *a = 0.0;
    }
}

/// xoshiro256** 1.0 (Blackman & Vigna, 2018), seeded by SplitMix64: small, fast, and the same
/// sequence on every platform.
struct Xoshiro256 {
    s: [u64; 4],
}

impl Xoshiro256 {
    fn new(seed: u64) -> Self {
        let mut state = seed;
        let mut splitmix = || {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        Xoshiro256 {
            s: [splitmix(), splitmix(), splitmix(), splitmix()],
        }
    }

    fn next_u64(&mut self) -> u64 {
        let result = self.s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = self.s[1] << 17;
        self.s[2] ^= self.s[0];
        self.s[3] ^= self.s[1];
        self.s[1] ^= self.s[2];
        self.s[0] ^= self.s[3];
        self.s[2] ^= t;
        self.s[3] = self.s[3].rotate_left(45);
        result
    }

    /// Uniform in [0, 1), from the top 53 bits.
    fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Krippendorff's worked example (Computing Krippendorff's Alpha-Reliability, 2011,
    /// section C): four observers (rows), twelve units (columns), values 1..5, 0 = missing.
    #[rustfmt::skip]
    const KRIPPENDORFF_2011: [[usize; 12]; 4] = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, 0, 0, 0],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, 0, 3],
        [0, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, 0],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, 0],
    ];

    /// The worked example as per-unit counts of the values 1..5.
    fn published_example() -> Vec<Vec<usize>> {
        (0..12)
            .map(|unit| {
                let mut counts = vec![0; 5];
                for coder in &KRIPPENDORFF_2011 {
                    if coder[unit] > 0 {
                        counts[coder[unit] - 1] += 1;
                    }
                }
                counts
            })
            .collect()
    }

    /// The point estimate, the way agreement.rs computes it, for checking the interval.
    fn point_alpha(units: &[Vec<usize>], points: usize, metric: Metric) -> f64 {
        let data = Coincidences::new(units, points).unwrap();
        let delta = data.delta2(metric);
        let observed: f64 = data.o.iter().zip(&delta).map(|(o, d)| o * d).sum::<f64>() / data.n;
        1.0 - observed / data.expected_disagreement(&delta)
    }

    fn near(actual: f64, expected: f64, tolerance: f64, what: &str) {
        assert!(
            (actual - expected).abs() <= tolerance,
            "{what}: expected {expected} ± {tolerance}, got {actual}"
        );
    }

    // Reference (/tmp/stats/kalpha_ref.py: the algorithm re-implemented in Python from raw
    // reliability data after R kripp.boot and Stata kalpha, numpy's generator, 200,000
    // replicates; point estimates from the `krippendorff` package 0.9.0):
    //   kalpha_boot(kripp, [1, 2, 3, 4, 5], 'interval', 200_000, rng)
    //     alpha 0.849107, n.. 40, m 4, q 17, M 60, 95% CI (0.7156, 0.9478), P(<.667) 0.0063
    //   kalpha_boot(kripp, [1, 2, 3, 4, 5], 'ordinal', 200_000, rng)
    //     alpha 0.815388, 95% CI (0.6571, 0.9333), P(<.667) 0.0316
    // R kripp.boot's code (transcribed in /tmp/stats/kripp_boot_check.R), 100,000 replicates:
    //   interval (0.7156, 0.9478), P 0.0062; ordinal (0.6574, 0.9335), P 0.0315.
    #[test]
    fn matches_the_reference_on_krippendorffs_published_example() {
        let units = published_example();
        let data = Coincidences::new(&units, 5).unwrap();
        assert_eq!((data.n, data.coders, data.draws()), (40.0, 4, 60));
        for (metric, published, low, high, p) in [
            (Metric::Interval, 0.849, 0.7156, 0.9478, 0.0063),
            (Metric::Ordinal, 0.815, 0.6571, 0.9333, 0.0316),
        ] {
            let alpha = point_alpha(&units, 5, metric);
            near(alpha, published, 5e-4, "published alpha");
            let i = alpha_interval(&units, 5, metric, 20_000, 7).unwrap();
            assert!(
                i.low < alpha && alpha < i.high,
                "{metric:?}: {i:?} around {alpha}"
            );
            near(i.low, low, 0.02, "low");
            near(i.high, high, 0.02, "high");
            near(i.p_below_667, p, 0.01, "P(alpha < .667)");
            assert_eq!(i.replicates, 20_000);
        }
    }

    /// Hayes & Krippendorff (2007), Table 1: 40 units coded 0..3 by up to five observers,
    /// as per-unit counts of the values 0, 1, 2, 3 (the published ordinal alpha is .7598).
    #[rustfmt::skip]
    const HAYES_KRIPPENDORFF_2007: [[usize; 4]; 40] = [
        [0, 2, 2, 0], [1, 3, 0, 0], [0, 0, 1, 3], [3, 0, 0, 0], [4, 0, 0, 0],
        [4, 0, 0, 0], [1, 2, 1, 0], [1, 1, 1, 0], [0, 0, 4, 0], [0, 3, 1, 0],
        [2, 1, 0, 0], [4, 0, 0, 0], [0, 1, 3, 0], [0, 0, 2, 3], [0, 4, 0, 0],
        [0, 4, 0, 0], [0, 1, 3, 0], [0, 1, 1, 2], [1, 3, 0, 0], [4, 0, 0, 0],
        [2, 2, 0, 0], [4, 0, 0, 0], [0, 0, 1, 3], [4, 0, 0, 0], [0, 1, 3, 0],
        [1, 3, 0, 0], [4, 1, 0, 0], [0, 2, 2, 0], [0, 2, 2, 0], [0, 2, 2, 0],
        [2, 2, 0, 0], [0, 2, 2, 0], [0, 0, 4, 0], [0, 0, 3, 1], [0, 0, 4, 0],
        [0, 0, 3, 1], [0, 0, 4, 0], [0, 1, 3, 0], [0, 0, 4, 0], [0, 4, 0, 0],
    ];

    // Reference (kalpha_ref.py, 200,000 replicates):
    //   kalpha_boot(hk, [0, 1, 2, 3], 'ordinal', ...)   alpha 0.759829 (krippendorff pkg
    //     0.759829), n.. 159, m 5, q 14, M 318, 95% CI (0.7150, 0.8016), P(<.667) 0.0001
    //   kalpha_boot(hk, [0, 1, 2, 3], 'interval', ...)  alpha 0.757378, CI (0.7142, 0.7976)
    // R kripp.boot's code, 100,000 replicates: ordinal (0.7149, 0.8018), interval
    //   (0.7124, 0.7994).
    #[test]
    fn matches_the_reference_on_hayes_and_krippendorffs_example() {
        let units: Vec<Vec<usize>> = HAYES_KRIPPENDORFF_2007.iter().map(|u| u.to_vec()).collect();
        near(
            point_alpha(&units, 4, Metric::Ordinal),
            0.7598,
            5e-5,
            "published alpha",
        );
        assert_eq!(Coincidences::new(&units, 4).unwrap().draws(), 318);
        for (metric, low, high) in [
            (Metric::Ordinal, 0.7150, 0.8016),
            (Metric::Interval, 0.7142, 0.7976),
        ] {
            let i = alpha_interval(&units, 4, metric, 20_000, 11).unwrap();
            near(i.low, low, 0.02, "low");
            near(i.high, high, 0.02, "high");
            assert!(i.p_below_667 < 0.005, "{i:?}");
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_interval() {
        let units = published_example();
        let a = alpha_interval(&units, 5, Metric::Interval, 1000, 42);
        let b = alpha_interval(&units, 5, Metric::Interval, 1000, 42);
        assert_eq!(a, b);
        let c = alpha_interval(&units, 5, Metric::Interval, 1000, 43).unwrap();
        let a = a.unwrap();
        assert_ne!(a, c, "another seed draws other samples");
        near(a.low, c.low, 0.03, "low across seeds");
        near(a.high, c.high, 0.03, "high across seeds");
    }

    #[test]
    fn the_generator_is_xoshiro256_starstar_seeded_by_splitmix64() {
        // Reference: SplitMix64 from seed 0 gives 0xE220A8397B1DCDAF first (Vigna's
        // splitmix64.c); xoshiro256** from the state [1, 2, 3, 4] gives 11520, 0, 1509978240.
        let mut r = Xoshiro256 { s: [1, 2, 3, 4] };
        assert_eq!(
            [r.next_u64(), r.next_u64(), r.next_u64()],
            [11520, 0, 1_509_978_240]
        );
        let r = Xoshiro256::new(0);
        assert_eq!(r.s[0], 0xE220_A839_7B1D_CDAF);
        let mut r = Xoshiro256::new(1);
        assert!((0..10_000)
            .map(|_| r.next_f64())
            .all(|u| (0.0..1.0).contains(&u)));
    }

    #[test]
    fn perfect_agreement_is_certain() {
        let units = vec![vec![3, 0, 0], vec![0, 3, 0], vec![0, 0, 3], vec![0, 3, 0]];
        for metric in [Metric::Interval, Metric::Ordinal] {
            let i = alpha_interval(&units, 3, metric, 1000, 1).unwrap();
            assert_eq!((i.low, i.high, i.p_below_667), (1.0, 1.0, 0.0));
        }
    }

    #[test]
    fn near_perfect_agreement_is_nearly_certain() {
        // 40 units, three coders, one disagreement.
        let mut units: Vec<Vec<usize>> = (0..40)
            .map(|u| {
                let mut c = vec![0; 5];
                c[u % 5] = 3;
                c
            })
            .collect();
        units[0] = vec![2, 1, 0, 0, 0];
        let i = alpha_interval(&units, 5, Metric::Interval, 1000, 5).unwrap();
        assert!(
            i.p_below_667 == 0.0 && i.low > 0.9 && i.high == 1.0,
            "{i:?}"
        );
    }

    // Reference (kalpha_ref.py, `noisy`, 200,000 replicates): 10 units, 3 coders, values 1..5
    //   interval: alpha -0.005879, M 30, CI (-0.4236, 0.3521), P(<.667) 1.0
    //   ordinal:  alpha  0.003195,       CI (-0.4065, 0.3614), P(<.667) 1.0
    #[test]
    fn noisy_data_give_a_wide_interval() {
        let units = vec![
            vec![1, 0, 1, 0, 1],
            vec![0, 2, 0, 1, 0],
            vec![1, 1, 0, 0, 1],
            vec![0, 1, 1, 1, 0],
            vec![2, 1, 0, 0, 0],
            vec![0, 0, 1, 1, 1],
            vec![1, 0, 0, 2, 0],
            vec![0, 1, 0, 1, 1],
            vec![1, 1, 1, 0, 0],
            vec![0, 0, 2, 0, 1],
        ];
        for (metric, low, high) in [
            (Metric::Interval, -0.4236, 0.3521),
            (Metric::Ordinal, -0.4065, 0.3614),
        ] {
            let i = alpha_interval(&units, 5, metric, 20_000, 3).unwrap();
            assert!(i.high - i.low > 0.6, "{i:?}");
            assert_eq!(i.p_below_667, 1.0);
            near(i.low, low, 0.02, "low");
            near(i.high, high, 0.02, "high");
        }
    }

    #[test]
    fn undefined_alpha_gives_none() {
        // Nothing pairable; no variation; bad input.
        assert_eq!(
            alpha_interval(&[vec![1, 0, 0]], 3, Metric::Interval, 100, 1),
            None
        );
        assert_eq!(
            alpha_interval(&[vec![0, 3, 0], vec![0, 2, 0]], 3, Metric::Ordinal, 100, 1),
            None
        );
        assert_eq!(
            alpha_interval(&[vec![1, 1]], 3, Metric::Interval, 100, 1),
            None
        );
        assert_eq!(alpha_interval(&[], 3, Metric::Interval, 100, 1), None);
        assert_eq!(
            alpha_interval(&published_example(), 5, Metric::Interval, 0, 1),
            None
        );
        // One value agreed on, one pair that differs: defined, and no panic.
        let i = alpha_interval(&[vec![2, 0, 0], vec![1, 0, 1]], 3, Metric::Interval, 200, 1);
        assert!(i.is_some());
    }

    #[test]
    fn cost_does_not_grow_with_the_number_of_coders() {
        // 20 items answered by 10,000 people on a 5-point scale: the draws are capped at
        // 25 × (non-empty cells) = 625, as for a handful of people.
        let units: Vec<Vec<usize>> = (0..20)
            .map(|i| vec![500 + i, 1500, 4000 - 2 * i, 3000, 1000 + i])
            .collect();
        let data = Coincidences::new(&units, 5).unwrap();
        assert_eq!(data.coders, 10_000);
        assert_eq!(data.draws(), 625);
        let started = std::time::Instant::now();
        let i = alpha_interval(&units, 5, Metric::Ordinal, 1000, 9).unwrap();
        assert!(i.low <= i.high);
        assert!(
            started.elapsed() < std::time::Duration::from_secs(5),
            "{:?}",
            started.elapsed()
        );
    }
}
