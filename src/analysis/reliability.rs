//! Scale quality: do the statements of one dimension hang together?
//!
//! One dimension of a rubric is measured by k statements. This module takes each
//! respondent's answers to those statements (already reverse-scored, missing as `None`) and
//! reports the usual internal-consistency figures, computed the way the reference tools do:
//!
//! - Cronbach's alpha, `k/(k-1) · (1 - trace(C)/sum(C))` over the item covariance matrix `C`,
//!   as pingouin's `cronbach_alpha` and R psych's `alpha` compute it (Cronbach, L. J. (1951).
//!   Coefficient alpha and the internal structure of tests. *Psychometrika* 16, 297–334).
//! - Its 95% interval after Feldt, Woodruff & Salih (1987). Statistical inference for
//!   coefficient alpha. *Applied Psychological Measurement* 11, 93–103:
//!   `1 - (1 - alpha) · F(0.975 | 0.025; n-1, (n-1)(k-1))`.
//! - McDonald's omega total from a one-factor minimum-residual (ULS) solution on the item
//!   correlation matrix (McDonald, R. P. (1999). *Test theory: A unified treatment*.
//!   Erlbaum): principal axes for a start, Levenberg–Marquardt to the least-squares
//!   solution, loadings held within [-1, 1]; checked against Python factor_analyzer's
//!   `method='minres'` and R psych's `fa(fm="minres")`.
//! - The average inter-item correlation (Clark, L. A., & Watson, D. (1995). Constructing
//!   validity: Basic issues in objective scale development. *Psychological Assessment* 7,
//!   309–319).
//! - Per statement: n, mean, standard deviation, the corrected item-total (item-rest)
//!   correlation, and alpha if the statement were dropped, as psych's `alpha` reports them
//!   (`r.drop`, `alpha.drop`).
//!
//! Missing answers ("not applicable", "don't know", not answered) are handled one of two ways
//! ([`Missing`]). Nothing here panics on degenerate data: a figure that is not defined is
//! `None`, never NaN. Results do not depend on the order of rows or of statements.
//!
//! Std only; the F quantile for Feldt's interval is computed here from the regularized
//! incomplete beta function.

/// How answers that are missing (not answered, not applicable, don't know) are handled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    /// Each covariance and correlation uses every respondent who answered both statements
    /// (pandas `DataFrame.cov()`, R `use = "pairwise"`). Keeps the most data; the matrix may
    /// combine slightly different groups of people.
    Pairwise,
    /// Only respondents who answered every statement count (R `use = "complete.obs"`).
    Listwise,
}

/// Internal consistency of one dimension's statements.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ScaleQuality {
    /// Respondents the coefficients rest on. Listwise: those who answered every statement.
    /// Pairwise: those who answered at least one (pingouin counts every row of its table,
    /// which is the same number when no row is empty).
    pub n_used: usize,
    /// Number of statements.
    pub k: usize,
    /// Cronbach's alpha; `None` below two statements, below two respondents per pair of
    /// statements, or when the variance of the total is zero (to rounding).
    pub alpha: Option<f64>,
    /// Feldt's 95% interval for alpha (lower, upper), with `n_used` as n.
    pub alpha_ci: Option<(f64, f64)>,
    /// McDonald's omega total, one-factor minres solution; `None` below three statements or
    /// when a correlation is undefined (a statement everyone answered alike).
    pub omega: Option<f64>,
    /// Mean of the correlations between distinct statements that are defined.
    pub mean_inter_item_r: Option<f64>,
    /// One entry per statement, in input order.
    pub items: Vec<ItemQuality>,
}

/// Figures for one statement.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ItemQuality {
    /// How many respondents answered this statement (counted over every row, whatever
    /// `Missing` is).
    pub n: usize,
    /// Mean of those answers.
    pub mean: Option<f64>,
    /// Sample standard deviation of those answers (n - 1); none below two answers.
    pub sd: Option<f64>,
    /// Correlation of the statement with the sum of the other statements (corrected
    /// item-total correlation). Negative when the statement runs against the others, as an
    /// unreversed reverse-keyed statement does.
    pub item_rest_r: Option<f64>,
    /// Cronbach's alpha of the other statements; none below three statements.
    pub alpha_if_dropped: Option<f64>,
}

/// Alpha, its interval, omega, the average inter-item correlation and per-statement figures
/// for one dimension.
///
/// `rows[r][i]` is respondent `r`'s answer to statement `i`, reverse-keyed statements already
/// reversed as `(min + max) - x`, `None` (or a non-finite number) when missing. Rows shorter
/// than the longest are taken as missing the statements they lack.
///
/// - Alpha and alpha-if-dropped come from the covariance matrix `C` (listwise: complete rows;
///   pairwise: pairwise-complete covariances), so alpha-if-dropped is alpha of `C` without
///   that statement's row and column, on the same respondents (psych `alpha.drop`).
/// - Item-rest correlations come from the same matrix, as psych's `r.drop`:
///   `Σ_{j≠i} C_ij / sqrt(C_ii · Σ_{j,l≠i} C_jl)`. Listwise, this is exactly the Pearson
///   correlation of the statement with the sum of the others over complete rows; pairwise it
///   is the same formula on pairwise covariances, clamped to [-1, 1].
/// - Correlations (average inter-item r, omega) are Pearson correlations over the same
///   respondents (pairwise: each pair's complete rows, as pandas `corr()` and R
///   `cor(use = "pairwise")`). psych's `alpha` reports `average_r` from the pairwise
///   covariances instead, which can differ slightly with missing answers.
/// - Per-statement n, mean and sd describe every answer given to that statement, as psych's
///   item statistics do, also under listwise deletion.
pub fn scale_quality(rows: &[Vec<Option<f64>>], missing: Missing) -> ScaleQuality {
    let k = rows.iter().map(Vec::len).max().unwrap_or(0);
    let table: Vec<Vec<Option<f64>>> = rows
        .iter()
        .map(|row| {
            (0..k)
                .map(|i| row.get(i).copied().flatten().filter(|x| x.is_finite()))
                .collect()
        })
        .collect();
    let sample: Vec<&[Option<f64>]> = table
        .iter()
        .filter(|row| match missing {
            Missing::Listwise => row.iter().all(Option::is_some),
            Missing::Pairwise => row.iter().any(Option::is_some),
        })
        .map(Vec::as_slice)
        .collect();
    let n_used = sample.len();
    let pairs = PairMatrix::new(&sample, k);
    let cov = pairs.covariances();
    let all: Vec<usize> = (0..k).collect();
    let alpha = cov.as_ref().and_then(|c| alpha_of(c, k, &all));
    let alpha_ci = alpha.and_then(|a| feldt_interval(a, n_used, k));
    let omega = pairs
        .correlations()
        .filter(|_| k >= 3)
        .and_then(|r| omega_total(&r, k));
    let items = (0..k)
        .map(|i| {
            let (n, mean, sd) = describe(table.iter().filter_map(|row| row[i]));
            let others: Vec<usize> = all.iter().copied().filter(|&j| j != i).collect();
            ItemQuality {
                n,
                mean,
                sd,
                item_rest_r: cov.as_ref().and_then(|c| item_rest(c, k, i)),
                alpha_if_dropped: cov
                    .as_ref()
                    .filter(|_| k >= 3)
                    .and_then(|c| alpha_of(c, k, &others)),
            }
        })
        .collect();
    ScaleQuality {
        n_used,
        k,
        alpha,
        alpha_ci,
        omega,
        mean_inter_item_r: pairs.mean_off_diagonal_r(),
        items,
    }
}

/// Covariance and correlation of one pair of statements over the rows that answer both.
#[derive(Debug, Clone, Copy)]
struct Pair {
    cov: Option<f64>,
    corr: Option<f64>,
}

/// Every pair's statistics, `k × k`, row-major.
struct PairMatrix {
    k: usize,
    pairs: Vec<Pair>,
}

impl PairMatrix {
    fn new(sample: &[&[Option<f64>]], k: usize) -> Self {
        let mut pairs = vec![
            Pair {
                cov: None,
                corr: None
            };
            k * k
        ];
        for i in 0..k {
            for j in i..k {
                let p = pair(sample, i, j);
                pairs[i * k + j] = p;
                pairs[j * k + i] = p;
            }
        }
        PairMatrix { k, pairs }
    }

    /// The covariance matrix, if every entry is defined.
    fn covariances(&self) -> Option<Vec<f64>> {
        self.pairs.iter().map(|p| p.cov).collect()
    }

    /// The correlation matrix, if every entry is defined.
    fn correlations(&self) -> Option<Vec<f64>> {
        self.pairs.iter().map(|p| p.corr).collect()
    }

    fn mean_off_diagonal_r(&self) -> Option<f64> {
        let k = self.k;
        let defined: Vec<f64> = (0..k)
            .flat_map(|i| (i + 1..k).map(move |j| (i, j)))
            .filter_map(|(i, j)| self.pairs[i * k + j].corr)
            .collect();
        (!defined.is_empty()).then(|| defined.iter().sum::<f64>() / defined.len() as f64)
    }
}

/// Covariance (n - 1) and Pearson correlation of statements `i` and `j` over the rows of
/// `sample` that answer both. A statement answered alike by all those rows has variance
/// exactly zero, and its correlations are undefined.
fn pair(sample: &[&[Option<f64>]], i: usize, j: usize) -> Pair {
    let xy: Vec<(f64, f64)> = sample
        .iter()
        .filter_map(|row| Some((row[i]?, row[j]?)))
        .collect();
    if xy.len() < 2 {
        return Pair {
            cov: None,
            corr: None,
        };
    }
    let n = xy.len() as f64;
    let x_centre = centre(xy.iter().map(|p| p.0), n);
    let y_centre = centre(xy.iter().map(|p| p.1), n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for &(x, y) in &xy {
        let (dx, dy) = (x - x_centre, y - y_centre);
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    let corr = (sxx > 0.0 && syy > 0.0).then(|| (sxy / (sxx * syy).sqrt()).clamp(-1.0, 1.0));
    Pair {
        cov: Some(sxy / (n - 1.0)),
        corr,
    }
}

/// The mean of `values`, or the common value itself when all are equal (so that deviations
/// from it are exactly zero, not rounding noise).
fn centre(values: impl Iterator<Item = f64> + Clone, n: f64) -> f64 {
    let mut it = values.clone();
    let first = it.next().unwrap_or(0.0);
    if it.all(|v| v == first) {
        first
    } else {
        values.sum::<f64>() / n
    }
}

/// n, mean and sample standard deviation of some answers.
fn describe(values: impl Iterator<Item = f64> + Clone) -> (usize, Option<f64>, Option<f64>) {
    let n = values.clone().count();
    if n == 0 {
        return (0, None, None);
    }
    let nf = n as f64;
    let mean = values.clone().sum::<f64>() / nf;
    let c = centre(values.clone(), nf);
    let ss: f64 = values.map(|v| (v - c).powi(2)).sum();
    let sd = (n >= 2).then(|| (ss / (nf - 1.0)).sqrt());
    (n, Some(mean), sd)
}

/// Cronbach's alpha of the statements `idx` from the covariance matrix `c` (`k × k`):
/// `m/(m-1) · (1 - trace/sum)`, as pingouin computes it.
fn alpha_of(c: &[f64], k: usize, idx: &[usize]) -> Option<f64> {
    let m = idx.len();
    if m < 2 {
        return None;
    }
    let trace: f64 = idx.iter().map(|&i| c[i * k + i]).sum();
    let total: f64 = idx
        .iter()
        .flat_map(|&i| idx.iter().map(move |&j| c[i * k + j]))
        .sum();
    // A total variance that is zero but for rounding (statements that cancel exactly, such
    // as x and 6 - x) gives no alpha, not a number of size 1e16.
    let scale: f64 = idx
        .iter()
        .flat_map(|&i| idx.iter().map(move |&j| c[i * k + j].abs()))
        .sum();
    if total.abs() <= 1e-12 * scale {
        return None;
    }
    let m = m as f64;
    Some(m / (m - 1.0) * (1.0 - trace / total))
}

/// Correlation of statement `i` with the sum of the others, from the covariance matrix
/// (psych's `r.drop`).
fn item_rest(c: &[f64], k: usize, i: usize) -> Option<f64> {
    if k < 2 {
        return None;
    }
    let others = || (0..k).filter(move |&j| j != i);
    let with_rest: f64 = others().map(|j| c[i * k + j]).sum();
    let rest_var: f64 = others()
        .flat_map(|j| others().map(move |l| c[j * k + l]))
        .sum();
    let rest_scale: f64 = others()
        .flat_map(|j| others().map(move |l| c[j * k + l].abs()))
        .sum();
    let own_var = c[i * k + i];
    (own_var > 0.0 && rest_var > 1e-12 * rest_scale)
        .then(|| (with_rest / (own_var * rest_var).sqrt()).clamp(-1.0, 1.0))
}

/// Feldt's 95% interval for alpha from `n` respondents and `k` statements.
fn feldt_interval(alpha: f64, n: usize, k: usize) -> Option<(f64, f64)> {
    if n < 2 || k < 2 {
        return None;
    }
    let d1 = (n - 1) as f64;
    let d2 = d1 * (k - 1) as f64;
    let upper_q = f_quantile(0.975, d1, d2)?;
    let lower_q = f_quantile(0.025, d1, d2)?;
    Some((1.0 - (1.0 - alpha) * upper_q, 1.0 - (1.0 - alpha) * lower_q))
}

// ---------------------------------------------------------------------------------------
// Omega total: one-factor minres (unweighted least squares), loadings within [-1, 1].
// ---------------------------------------------------------------------------------------

/// Largest communality used while finding a starting point: factor_analyzer's and psych's
/// lower bound on uniqueness (0.005).
const MAX_COMMUNALITY: f64 = 0.995;
/// Principal-axis iterations for the starting point.
const PAF_ITERATIONS: usize = 200;
/// Levenberg–Marquardt iterations for the least-squares solution.
const LM_ITERATIONS: usize = 2_000;

/// McDonald's omega total `(Σλ)² / ((Σλ)² + Σ(1 - λ²))` from a one-factor solution of the
/// correlation matrix `r` (`k × k`, row-major), loadings oriented so that `Σλ ≥ 0`.
///
/// The loadings λ are the minimum-residual (minres, unweighted least squares) solution: they
/// minimise `Σ_{i<j} (r_ij - λ_i·λ_j)²`, as factor_analyzer's and psych's `minres` do. They are
/// found in two steps: iterated principal-axis factoring (communalities from the squared
/// multiple correlations, or each statement's largest absolute correlation when `r` cannot
/// be inverted, on the diagonal; first eigenvector times the root of its eigenvalue; squared
/// loadings as the next communalities) gives a starting point, and Levenberg–Marquardt
/// iterations then converge to the least-squares solution to about 1e-12 (principal axes
/// alone can take many thousands of steps when correlations are small).
///
/// Heywood cases (the best fit would need a loading beyond ±1, a negative uniqueness): the
/// loadings are held within [-1, 1], so the offending statement gets uniqueness 0 and the
/// others are fitted around it, and omega stays within [0, 1]. factor_analyzer and psych
/// report loadings beyond 1 or stop near the boundary there, so their omegas differ in that
/// case only. When the statements barely correlate, the criterion can have more than one
/// minimum; this is the one reached from the principal-axis start (in random checks,
/// factor_analyzer reached the same one, or a worse one). `None` when `r` has no positive
/// first eigenvalue.
fn omega_total(r: &[f64], k: usize) -> Option<f64> {
    let start = principal_axes(r, k)?;
    let loadings = bounded_minres(r, k, start);
    let orient = if loadings.iter().sum::<f64>() < 0.0 {
        -1.0
    } else {
        1.0
    };
    let common = (orient * loadings.iter().sum::<f64>()).powi(2);
    let unique: f64 = loadings.iter().map(|l| 1.0 - l * l).sum();
    let total = common + unique;
    (total > 0.0).then(|| common / total)
}

/// One-factor loadings by iterated principal axes (at most [`PAF_ITERATIONS`] steps, or
/// until no communality moves by 1e-9), clamped to [-1, 1]; a starting point.
fn principal_axes(r: &[f64], k: usize) -> Option<Vec<f64>> {
    let mut h2 = smc(r, k).unwrap_or_else(|| largest_abs_r(r, k));
    let mut loadings = vec![0.0; k];
    for _ in 0..PAF_ITERATIONS {
        let mut reduced = r.to_vec();
        for i in 0..k {
            reduced[i * k + i] = h2[i];
        }
        let (value, vector) = top_eigenpair(&reduced, k)?;
        if value <= 0.0 {
            return None;
        }
        loadings = vector.iter().map(|v| v * value.sqrt()).collect();
        let next: Vec<f64> = loadings
            .iter()
            .map(|l| (l * l).clamp(0.0, MAX_COMMUNALITY))
            .collect();
        let change = next
            .iter()
            .zip(&h2)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        h2 = next;
        if change < 1e-9 {
            break;
        }
    }
    Some(loadings.iter().map(|l| l.clamp(-1.0, 1.0)).collect())
}

/// `Σ_{i<j} (r_ij - λ_i·λ_j)²`, the minres criterion.
fn residual_ss(r: &[f64], k: usize, l: &[f64]) -> f64 {
    (0..k)
        .flat_map(|i| (i + 1..k).map(move |j| (i, j)))
        .map(|(i, j)| (r[i * k + j] - l[i] * l[j]).powi(2))
        .sum()
}

/// Minimises [`residual_ss`] over loadings within [-1, 1] by Levenberg–Marquardt steps on
/// the statements not held at a bound, from `start`.
fn bounded_minres(r: &[f64], k: usize, start: Vec<f64>) -> Vec<f64> {
    let mut l = start;
    let mut f = residual_ss(r, k, &l);
    let mut damping = 1e-3;
    for _ in 0..LM_ITERATIONS {
        // Gradient and Gauss–Newton matrix of the criterion (halved).
        let grad: Vec<f64> = (0..k)
            .map(|i| {
                (0..k)
                    .filter(|&j| j != i)
                    .map(|j| -(r[i * k + j] - l[i] * l[j]) * l[j])
                    .sum()
            })
            .collect();
        // A loading at a bound that the gradient pushes further out stays there.
        let free: Vec<usize> = (0..k)
            .filter(|&i| !((l[i] >= 1.0 && grad[i] < 0.0) || (l[i] <= -1.0 && grad[i] > 0.0)))
            .collect();
        if free.iter().map(|&i| grad[i].abs()).fold(0.0, f64::max) < 1e-15 {
            break;
        }
        let m = free.len();
        let mut system = vec![0.0; m * m];
        for (a, &i) in free.iter().enumerate() {
            for (b, &j) in free.iter().enumerate() {
                system[a * m + b] = if i == j {
                    (0..k).filter(|&q| q != i).map(|q| l[q] * l[q]).sum::<f64>()
                } else {
                    l[i] * l[j]
                };
            }
        }
        let mut improved = false;
        while damping < 1e12 {
            let mut damped = system.clone();
            for a in 0..m {
                damped[a * m + a] += damping * (1.0 + system[a * m + a]);
            }
            let rhs: Vec<f64> = free.iter().map(|&i| -grad[i]).collect();
            let Some(step) = solve(&damped, m, &rhs) else {
                damping *= 10.0;
                continue;
            };
            let mut trial = l.clone();
            for (a, &i) in free.iter().enumerate() {
                trial[i] = (l[i] + step[a]).clamp(-1.0, 1.0);
            }
            let ft = residual_ss(r, k, &trial);
            if ft <= f {
                let moved = trial
                    .iter()
                    .zip(&l)
                    .map(|(a, b)| (a - b).abs())
                    .fold(0.0, f64::max);
                l = trial;
                let gain = f - ft;
                f = ft;
                damping = (damping / 10.0).max(1e-12);
                improved = moved > 1e-13 && gain > 1e-16 * (1.0 + f);
                break;
            }
            damping *= 10.0;
        }
        if !improved {
            break;
        }
    }
    l
}

/// Solves `a·x = b` for a `k × k` matrix by Gauss–Jordan elimination; `None` when singular.
fn solve(a: &[f64], k: usize, b: &[f64]) -> Option<Vec<f64>> {
    let inv = invert(a, k)?;
    Some(
        (0..k)
            .map(|i| (0..k).map(|j| inv[i * k + j] * b[j]).sum())
            .collect(),
    )
}

/// Squared multiple correlations `1 - 1/diag(R⁻¹)`, clamped to [0, 0.995]; `None` when `r`
/// is (nearly) singular.
fn smc(r: &[f64], k: usize) -> Option<Vec<f64>> {
    let inv = invert(r, k)?;
    let values: Vec<f64> = (0..k)
        .map(|i| inv[i * k + i])
        .map(|d| (1.0 - 1.0 / d).clamp(0.0, MAX_COMMUNALITY))
        .collect();
    values.iter().all(|v| v.is_finite()).then_some(values)
}

/// The largest absolute correlation of each statement with another, as starting
/// communalities.
fn largest_abs_r(r: &[f64], k: usize) -> Vec<f64> {
    (0..k)
        .map(|i| {
            (0..k)
                .filter(|&j| j != i)
                .map(|j| r[i * k + j].abs())
                .fold(0.0, f64::max)
                .min(MAX_COMMUNALITY)
        })
        .collect()
}

/// Inverse of a `k × k` matrix by Gauss–Jordan elimination with partial pivoting; `None`
/// when a pivot falls below 1e-12.
fn invert(a: &[f64], k: usize) -> Option<Vec<f64>> {
    let w = 2 * k;
    let mut m = vec![0.0; k * w];
    for i in 0..k {
        m[i * w..i * w + k].copy_from_slice(&a[i * k..i * k + k]);
        m[i * w + k + i] = 1.0;
    }
    for col in 0..k {
        let pivot_row =
            (col..k).max_by(|&x, &y| m[x * w + col].abs().total_cmp(&m[y * w + col].abs()))?;
        if m[pivot_row * w + col].abs() < 1e-12 {
            return None;
        }
        if pivot_row != col {
            for c in 0..w {
                m.swap(col * w + c, pivot_row * w + c);
            }
        }
        let p = m[col * w + col];
        for c in 0..w {
            m[col * w + c] /= p;
        }
        for row in (0..k).filter(|&row| row != col) {
            let factor = m[row * w + col];
            if factor != 0.0 {
                for c in 0..w {
                    m[row * w + c] -= factor * m[col * w + c];
                }
            }
        }
    }
    Some(
        (0..k)
            .flat_map(|i| m[i * w + k..i * w + w].to_vec())
            .collect(),
    )
}

/// The largest eigenvalue of a symmetric `k × k` matrix and its unit eigenvector, by the
/// cyclic Jacobi method.
fn top_eigenpair(a: &[f64], k: usize) -> Option<(f64, Vec<f64>)> {
    let mut a = a.to_vec();
    let mut v: Vec<f64> = (0..k * k)
        .map(|i| if i / k == i % k { 1.0 } else { 0.0 })
        .collect();
    let scale: f64 = a.iter().map(|x| x * x).sum::<f64>().max(f64::MIN_POSITIVE);
    for _sweep in 0..100 {
        let off: f64 = (0..k)
            .flat_map(|p| (p + 1..k).map(move |q| (p, q)))
            .map(|(p, q)| a[p * k + q].powi(2))
            .sum();
        if off <= 1e-30 * scale {
            break;
        }
        for p in 0..k {
            for q in p + 1..k {
                jacobi_rotate(&mut a, &mut v, k, p, q);
            }
        }
    }
    let top = (0..k).max_by(|&x, &y| a[x * k + x].total_cmp(&a[y * k + y]))?;
    let vector: Vec<f64> = (0..k).map(|row| v[row * k + top]).collect();
    Some((a[top * k + top], vector))
}

/// One Jacobi rotation that zeroes `a[p][q]`, applied to `a` (both sides) and to the
/// eigenvector columns `v`.
fn jacobi_rotate(a: &mut [f64], v: &mut [f64], k: usize, p: usize, q: usize) {
    let apq = a[p * k + q];
    if apq == 0.0 {
        return;
    }
    let theta = (a[q * k + q] - a[p * k + p]) / (2.0 * apq);
    let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
    let c = 1.0 / (t * t + 1.0).sqrt();
    let s = t * c;
    for row in 0..k {
        let (x, y) = (a[row * k + p], a[row * k + q]);
        a[row * k + p] = c * x - s * y;
        a[row * k + q] = s * x + c * y;
        let (x, y) = (v[row * k + p], v[row * k + q]);
        v[row * k + p] = c * x - s * y;
        v[row * k + q] = s * x + c * y;
    }
    for col in 0..k {
        let (x, y) = (a[p * k + col], a[q * k + col]);
        a[p * k + col] = c * x - s * y;
        a[q * k + col] = s * x + c * y;
    }
}

// ---------------------------------------------------------------------------------------
// The F distribution, through the regularized incomplete beta function.
// ---------------------------------------------------------------------------------------

/// The `p` quantile of the F distribution with `d1` and `d2` degrees of freedom, found by
/// bisection on the regularized incomplete beta function to 1e-15 in its argument.
fn f_quantile(p: f64, d1: f64, d2: f64) -> Option<f64> {
    if !(p > 0.0 && p < 1.0 && d1 > 0.0 && d2 > 0.0) {
        return None;
    }
    let (a, b) = (d1 / 2.0, d2 / 2.0);
    let (mut lo, mut hi) = (0.0_f64, 1.0_f64);
    for _ in 0..200 {
        let mid = f64::midpoint(lo, hi);
        if reg_inc_beta(mid, a, b)? < p {
            lo = mid;
        } else {
            hi = mid;
        }
        if hi - lo < 1e-15 {
            break;
        }
    }
    let y = f64::midpoint(lo, hi);
    (y < 1.0).then(|| d2 * y / (d1 * (1.0 - y)))
}

/// The regularized incomplete beta function `I_x(a, b)`, by its continued fraction
/// (DLMF 8.17.22), using the symmetry `I_x(a, b) = 1 - I_{1-x}(b, a)` where the fraction
/// converges slowly.
fn reg_inc_beta(x: f64, a: f64, b: f64) -> Option<f64> {
    if x <= 0.0 {
        return Some(0.0);
    }
    if x >= 1.0 {
        return Some(1.0);
    }
    let ln_front = a * x.ln() + b * (1.0 - x).ln() - ln_beta(a, b);
    if x < (a + 1.0) / (a + b + 2.0) {
        Some(ln_front.exp() * beta_fraction(x, a, b)? / a)
    } else {
        Some(1.0 - ln_front.exp() * beta_fraction(1.0 - x, b, a)? / b)
    }
}

/// The continued fraction of the incomplete beta function, by the modified Lentz method.
fn beta_fraction(x: f64, a: f64, b: f64) -> Option<f64> {
    const TINY: f64 = 1e-300;
    let guard = |v: f64| if v.abs() < TINY { TINY } else { v };
    let mut c = 1.0;
    let mut d = 1.0 / guard(1.0 - (a + b) * x / (a + 1.0));
    let mut h = d;
    for m in 1..10_000 {
        let m = f64::from(m);
        let even = m * (b - m) * x / ((a + 2.0 * m - 1.0) * (a + 2.0 * m));
        d = 1.0 / guard(1.0 + even * d);
        c = guard(1.0 + even / c);
        h *= d * c;
        let odd = -(a + m) * (a + b + m) * x / ((a + 2.0 * m) * (a + 2.0 * m + 1.0));
        d = 1.0 / guard(1.0 + odd * d);
        c = guard(1.0 + odd / c);
        let step = d * c;
        h *= step;
        if (step - 1.0).abs() < 1e-15 {
            return Some(h);
        }
    }
    None
}

fn ln_beta(a: f64, b: f64) -> f64 {
    ln_gamma(a) + ln_gamma(b) - ln_gamma(a + b)
}

/// ln Γ(x) for x > 0, by the Lanczos approximation (g = 7, nine terms), accurate to about
/// 1e-15 relative.
fn ln_gamma(x: f64) -> f64 {
    const G: f64 = 7.0;
    const COEF: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        // Reflection: Γ(x)Γ(1-x) = π / sin(πx).
        let pi = std::f64::consts::PI;
        return (pi / (pi * x).sin()).abs().ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let series = COEF[1..]
        .iter()
        .enumerate()
        .fold(COEF[0], |acc, (i, c)| acc + c / (x + (i + 1) as f64));
    let t = x + G + 0.5;
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + series.ln()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOL: f64 = 5e-4;

    fn close(actual: Option<f64>, expected: f64, what: &str) {
        let a = actual.unwrap_or_else(|| panic!("{what}: expected {expected}, got None"));
        assert!(
            (a - expected).abs() < TOL,
            "{what}: expected {expected}, got {a}"
        );
    }

    fn rows(data: &[&[f64]]) -> Vec<Vec<Option<f64>>> {
        data.iter()
            .map(|r| {
                r.iter()
                    .map(|&x| if x.is_nan() { None } else { Some(x) })
                    .collect()
            })
            .collect()
    }

    fn check_items(q: &ScaleQuality, item_rest: &[f64], dropped: &[f64]) {
        assert_eq!(q.items.len(), item_rest.len());
        for (i, item) in q.items.iter().enumerate() {
            close(
                item.item_rest_r,
                item_rest[i],
                &format!("item-rest r of item {i}"),
            );
            close(
                item.alpha_if_dropped,
                dropped[i],
                &format!("alpha if item {i} dropped"),
            );
        }
    }

    /// pingouin's documented Likert example, `pg.read_dataset('cronbach_alpha')`, pivoted to
    /// 15 respondents × 10 statements (Q1..Q10). pingouin's docs give alpha 0.5917 with
    /// interval [0.195, 0.84]; R psych::alpha gives the same alpha, r.drop and alpha.drop.
    const PINGOUIN_LIKERT: [[f64; 10]; 15] = [
        [3., 2., 4., 1., 4., 5., 1., 4., 3., 2.],
        [5., 4., 6., 3., 5., 1., 2., 5., 5., 5.],
        [7., 3., 5., 5., 6., 4., 3., 3., 6., 5.],
        [2., 4., 3., 3., 2., 2., 2., 6., 6., 3.],
        [6., 5., 6., 5., 4., 4., 4., 6., 7., 5.],
        [1., 2., 3., 4., 2., 5., 2., 3., 5., 2.],
        [4., 3., 5., 3., 5., 2., 1., 2., 4., 3.],
        [2., 4., 4., 3., 7., 2., 2., 4., 6., 5.],
        [6., 5., 5., 5., 1., 6., 5., 2., 3., 2.],
        [5., 4., 6., 4., 3., 5., 3., 1., 7., 2.],
        [4., 3., 5., 2., 5., 3., 2., 3., 4., 1.],
        [4., 2., 3., 2., 5., 3., 4., 2., 3., 4.],
        [5., 5., 6., 2., 3., 3., 2., 4., 4., 5.],
        [6., 5., 5., 4., 2., 2., 1., 4., 6., 5.],
        [4., 3., 5., 5., 3., 1., 3., 2., 3., 4.],
    ];

    fn likert() -> Vec<Vec<Option<f64>>> {
        PINGOUIN_LIKERT
            .iter()
            .map(|r| r.iter().map(|&x| Some(x)).collect())
            .collect()
    }

    // Reference (Python 3.11, pingouin 0.7.0, factor_analyzer 0.5.1, scipy 1.17; script
    // /tmp/stats/ref_reliability.py):
    //   w = pg.read_dataset('cronbach_alpha').pivot(index='Subj', columns='Items',
    //                                               values='Scores')
    //   w = w[[f"Q{i}" for i in range(1, 11)]]
    //   pg.cronbach_alpha(data=w)            # (0.591719, [0.195, 0.84])
    //   1 - (1 - a) * f.isf(0.025, 14, 126)  # 0.194921 ; f.isf(0.975, ...) -> 0.839821
    //   R = w.corr(); R.values[~np.eye(10, dtype=bool)].mean()   # 0.147838
    //   fa = FactorAnalyzer(n_factors=1, rotation=None, method='minres', is_corr_matrix=True)
    //   fa.fit(R); lam = fa.loadings_[:, 0]
    //   lam.sum()**2 / (lam.sum()**2 + (1 - lam**2).sum())       # 0.690076 (psych fa: 0.690074)
    //   C = w.cov(); r_drop[i] = C[i, rest].sum() / sqrt(C[i, i] * C[rest, rest].sum())
    //   np.corrcoef(w[c], w.drop(columns=c).sum(axis=1))          # same item-rest values
    //   pg.cronbach_alpha(data=w.drop(columns=c))                 # alpha if dropped
    #[test]
    fn matches_pingouin_documented_example() {
        let q = scale_quality(&likert(), Missing::Listwise);
        assert_eq!((q.n_used, q.k), (15, 10));
        close(q.alpha, 0.591_719, "alpha");
        let (lo, hi) = q.alpha_ci.unwrap();
        close(Some(lo), 0.194_921, "Feldt lower");
        close(Some(hi), 0.839_821, "Feldt upper");
        close(q.mean_inter_item_r, 0.147_838, "mean inter-item r");
        close(q.omega, 0.690_076, "omega");
        check_items(
            &q,
            &[
                0.574_767, 0.567_803, 0.521_391, 0.417_606, -0.107_583, -0.157_237, 0.261_008,
                0.092_173, 0.443_373, 0.433_688,
            ],
            &[
                0.468_690, 0.507_281, 0.518_350, 0.531_829, 0.668_489, 0.671_141, 0.568_506,
                0.610_119, 0.519_426, 0.522_591,
            ],
        );
        let first = &q.items[0];
        assert_eq!(first.n, 15);
        close(first.mean, 4.266_667, "mean of Q1");
        close(first.sd, 1.709_915, "sd of Q1");
        // Without missing answers the two ways agree.
        assert_eq!(scale_quality(&likert(), Missing::Pairwise), q);
    }

    /// Four statements on a 1–5 scale; Q4 is worded the other way round ("I rarely ...").
    const REVERSE_KEYED: [[f64; 4]; 10] = [
        [4., 4., 5., 2.],
        [5., 4., 4., 1.],
        [2., 2., 1., 4.],
        [3., 3., 3., 3.],
        [4., 5., 4., 2.],
        [1., 2., 2., 5.],
        [5., 5., 4., 1.],
        [3., 2., 3., 3.],
        [2., 1., 2., 5.],
        [4., 4., 5., 1.],
    ];

    // Reference (ref_reliability.py, case b):
    //   b = pd.DataFrame(REVERSE_KEYED, columns=['Q1', 'Q2', 'Q3', 'Q4'])
    //   pg.cronbach_alpha(data=b)          # -0.565017 : unreversed, alpha makes no sense
    //   item-rest (np.corrcoef with the sum of the others): Q4 -0.956810
    //   b['Q4'] = (1 + 5) - b['Q4']
    //   pg.cronbach_alpha(data=b)          # 0.960166, Feldt (0.895203, 0.988887)
    //   item-rest 0.929151 0.882947 0.851122 0.956810
    //   alpha if dropped 0.940508 0.952989 0.962082 0.932371
    //   omega (factor_analyzer minres) 0.961787 ; mean inter-item r 0.860082
    #[test]
    fn reversing_a_reverse_keyed_statement_makes_alpha_sane() {
        let raw: Vec<Vec<Option<f64>>> = REVERSE_KEYED
            .iter()
            .map(|r| r.iter().map(|&x| Some(x)).collect())
            .collect();
        let q = scale_quality(&raw, Missing::Listwise);
        close(q.alpha, -0.565_017, "alpha, unreversed");
        close(
            q.items[3].item_rest_r,
            -0.956_810,
            "item-rest r of unreversed Q4",
        );
        assert!(
            q.items[3].item_rest_r.unwrap() < 0.0,
            "the negative sign must survive"
        );
        close(q.items[3].alpha_if_dropped, 0.932_371, "alpha without Q4");
        close(
            q.mean_inter_item_r,
            -0.038_365,
            "mean inter-item r, unreversed",
        );

        let reversed: Vec<Vec<Option<f64>>> = raw
            .iter()
            .map(|r| {
                let mut r = r.clone();
                r[3] = r[3].map(|x| (1.0 + 5.0) - x);
                r
            })
            .collect();
        let q = scale_quality(&reversed, Missing::Listwise);
        close(q.alpha, 0.960_166, "alpha, reversed");
        let (lo, hi) = q.alpha_ci.unwrap();
        close(Some(lo), 0.895_203, "Feldt lower");
        close(Some(hi), 0.988_887, "Feldt upper");
        close(q.omega, 0.961_787, "omega");
        close(q.mean_inter_item_r, 0.860_082, "mean inter-item r");
        check_items(
            &q,
            &[0.929_151, 0.882_947, 0.851_122, 0.956_810],
            &[0.940_508, 0.952_989, 0.962_082, 0.932_371],
        );
    }

    /// pingouin's `pg.read_dataset('cronbach_wide_missing')`: 12 respondents × 11 binary
    /// statements, four answers missing (NaN below).
    fn wide_missing() -> Vec<Vec<Option<f64>>> {
        let n = f64::NAN;
        rows(&[
            &[1., 1., 1., 1., 1., 1., 1., 1., 1., 1., 1.],
            &[1., 1., 1., 1., 1., 1., 1., 1., 0., 1., 0.],
            &[n, 0., 1., 1., n, 1., 1., 1., 1., 0., 0.],
            &[1., 1., 1., 0., 1., 1., 0., 1., 1., 0., 0.],
            &[1., 1., 1., 1., 1., 0., 0., 0., 1., 0., 0.],
            &[0., 1., n, 0., 1., 1., 1., 1., 0., 0., 0.],
            &[1., 1., 1., 1., 0., 0., 1., 0., 0., 0., 0.],
            &[1., 1., 1., 1., 1., 0., 0., 0., 0., 0., 0.],
            &[0., 1., 0., 1., 1., 0., 0., 0., 0., 1., 0.],
            &[1., 0., 0., 1., 0., 1., 0., 0., n, 0., 0.],
            &[1., 1., 1., 0., 0., 0., 0., 0., 0., 0., 0.],
            &[1., 0., 0., 1., 0., 0., 0., 0., 0., 0., 0.],
        ])
    }

    // Reference (ref_reliability.py case c; R psych 2.2.9 psych_check.R agrees on alpha,
    // r.drop, alpha.drop, item n/mean/sd):
    //   m = pg.read_dataset('cronbach_wide_missing')
    //   pg.cronbach_alpha(data=m)                       # 0.732661, [0.435, 0.909] (n = 12)
    //   R = m.corr()  (pairwise); mean off-diagonal     # 0.199047 (psych average_r 0.197417,
    //                                                   #  from cov2cor of pairwise C)
    //   factor_analyzer minres on R -> omega 0.750769   (psych fa minres 0.750769, pa 0.750769)
    //   C = m.cov(); r_drop from C (psych r.drop)
    //   alpha.drop = pg.cronbach_alpha(m.drop(columns=c))
    #[test]
    fn missing_answers_pairwise() {
        let q = scale_quality(&wide_missing(), Missing::Pairwise);
        assert_eq!((q.n_used, q.k), (12, 11));
        close(q.alpha, 0.732_661, "alpha");
        let (lo, hi) = q.alpha_ci.unwrap();
        close(Some(lo), 0.435_310, "Feldt lower");
        close(Some(hi), 0.909_363, "Feldt upper");
        close(q.mean_inter_item_r, 0.199_047, "mean inter-item r");
        close(q.omega, 0.750_769, "omega");
        check_items(
            &q,
            &[
                -0.009_427, 0.176_770, 0.519_191, -0.064_078, 0.546_538, 0.473_725, 0.508_821,
                0.697_382, 0.449_275, 0.378_146, 0.568_723,
            ],
            &[
                0.758_390, 0.739_998, 0.693_133, 0.769_419, 0.687_229, 0.698_576, 0.692_992,
                0.661_129, 0.702_700, 0.713_492, 0.701_207,
            ],
        );
        assert_eq!(q.items[0].n, 11);
        close(q.items[0].mean, 0.818_182, "mean of Q1");
        close(q.items[0].sd, 0.404_520, "sd of Q1");
    }

    // Reference (ref_reliability.py case c, listwise; psych use="complete.obs" agrees):
    //   d = m.dropna()                                  # 9 complete rows
    //   pg.cronbach_alpha(data=m, nan_policy='listwise')  # 0.801695
    //   Feldt with n = 9: 1 - (1 - a) * f.isf(0.025, 8, 80) -> 0.533003 ; upper 0.947208
    //   (pingouin 0.7.0 prints [0.581, 0.933]: it takes n = 12, the rows before deletion)
    //   d.corr() mean off-diagonal 0.260036 ; factor_analyzer minres omega 0.814585
    //   item-rest = np.corrcoef(d[c], d.drop(columns=c).sum(axis=1)) ; alpha.drop on d
    #[test]
    fn missing_answers_listwise() {
        let q = scale_quality(&wide_missing(), Missing::Listwise);
        assert_eq!((q.n_used, q.k), (9, 11));
        close(q.alpha, 0.801_695, "alpha");
        let (lo, hi) = q.alpha_ci.unwrap();
        close(Some(lo), 0.533_003, "Feldt lower");
        close(Some(hi), 0.947_208, "Feldt upper");
        close(q.mean_inter_item_r, 0.260_036, "mean inter-item r");
        close(q.omega, 0.814_585, "omega");
        check_items(
            &q,
            &[
                0.118_888, 0.399_292, 0.428_571, 0.0, 0.518_563, 0.780_671, 0.554_479, 0.780_671,
                0.448_129, 0.448_129, 0.614_192,
            ],
            &[
                0.812_721, 0.792_453, 0.789_242, 0.829_475, 0.779_645, 0.747_568, 0.775_414,
                0.747_568, 0.787_796, 0.787_796, 0.776_014,
            ],
        );
        // Item descriptives use every answer to the statement, as psych's do.
        assert_eq!(q.items[0].n, 11);
        close(q.items[0].mean, 0.818_182, "mean of Q1");
    }

    // Reference (ref_reliability.py case d): the Likert example plus Q11 = 4 for everyone.
    //   z = w.copy(); z['Q11'] = 4
    //   pg.cronbach_alpha(data=z)          # 0.585802, [0.188, 0.837]; Feldt (0.187719, 0.837112)
    //   alpha if Q11 dropped = alpha of the original ten = 0.591719
    //   correlations with Q11 are NaN in pandas; the mean of the defined ones is 0.147838
    //   item-rest of Q1..Q10 unchanged (a constant adds no variance); alpha if Q1 dropped 0.462904
    #[test]
    fn a_statement_everyone_answered_alike() {
        for missing in [Missing::Listwise, Missing::Pairwise] {
            let data: Vec<Vec<Option<f64>>> = likert()
                .into_iter()
                .map(|mut r| {
                    r.push(Some(4.0));
                    r
                })
                .collect();
            let q = scale_quality(&data, missing);
            close(q.alpha, 0.585_802, "alpha");
            let (lo, hi) = q.alpha_ci.unwrap();
            close(Some(lo), 0.187_719, "Feldt lower");
            close(Some(hi), 0.837_112, "Feldt upper");
            close(
                q.mean_inter_item_r,
                0.147_838,
                "mean of the defined correlations",
            );
            assert_eq!(q.omega, None, "omega needs every correlation");
            let constant = &q.items[10];
            assert_eq!(constant.item_rest_r, None);
            assert_eq!(constant.sd, Some(0.0));
            close(
                constant.alpha_if_dropped,
                0.591_719,
                "alpha without the constant",
            );
            close(q.items[0].item_rest_r, 0.574_767, "item-rest of Q1");
            close(q.items[0].alpha_if_dropped, 0.462_904, "alpha without Q1");
            assert!(format!("{q:?}").find("NaN").is_none(), "{q:?}");
        }
    }

    #[test]
    fn results_do_not_depend_on_order() {
        let data = wide_missing();
        let k = data[0].len();
        // A fixed shuffle of the statements and a reversal of the rows.
        let perm: Vec<usize> = vec![7, 2, 10, 0, 5, 9, 1, 4, 8, 3, 6];
        let shuffled: Vec<Vec<Option<f64>>> = data
            .iter()
            .rev()
            .map(|r| perm.iter().map(|&p| r[p]).collect())
            .collect();
        for missing in [Missing::Pairwise, Missing::Listwise] {
            let a = scale_quality(&data, missing);
            let b = scale_quality(&shuffled, missing);
            let same = |x: Option<f64>, y: Option<f64>, what: &str| match (x, y) {
                (Some(x), Some(y)) => assert!((x - y).abs() < 1e-9, "{what}: {x} vs {y}"),
                (x, y) => assert_eq!(x, y, "{what}"),
            };
            assert_eq!(a.n_used, b.n_used);
            same(a.alpha, b.alpha, "alpha");
            same(a.alpha_ci.map(|c| c.0), b.alpha_ci.map(|c| c.0), "ci low");
            same(a.alpha_ci.map(|c| c.1), b.alpha_ci.map(|c| c.1), "ci high");
            same(a.omega, b.omega, "omega");
            same(a.mean_inter_item_r, b.mean_inter_item_r, "mean r");
            for (pos, &orig) in perm.iter().enumerate().take(k) {
                let (x, y) = (&a.items[orig], &b.items[pos]);
                assert_eq!(x.n, y.n);
                same(x.mean, y.mean, "mean");
                same(x.sd, y.sd, "sd");
                same(x.item_rest_r, y.item_rest_r, "item-rest");
                same(x.alpha_if_dropped, y.alpha_if_dropped, "alpha if dropped");
            }
        }
    }

    /// The Heywood example's answers (see the reference above the test).
    #[rustfmt::skip]
    const HEYWOOD: [[f64; 3]; 60] = [
        [3., 3., 3.], [2., 2., 2.], [3., 4., 2.], [2., 3., 2.], [3., 2., 4.], [4., 3., 4.],
        [1., 1., 2.], [3., 2., 4.], [3., 3., 3.], [2., 2., 3.], [1., 1., 2.], [2., 3., 1.],
        [3., 4., 2.], [3., 3., 3.], [2., 2., 2.], [1., 2., 1.], [2., 4., 1.], [2., 2., 2.],
        [3., 3., 2.], [4., 5., 3.], [3., 3., 4.], [2., 1., 2.], [4., 5., 3.], [2., 3., 1.],
        [2., 2., 3.], [4., 3., 4.], [3., 4., 2.], [3., 3., 2.], [3., 2., 4.], [2., 3., 2.],
        [3., 3., 2.], [4., 4., 4.], [1., 2., 1.], [1., 1., 1.], [3., 5., 1.], [2., 3., 2.],
        [3., 3., 3.], [4., 3., 4.], [3., 2., 4.], [2., 3., 2.], [3., 3., 3.], [1., 1., 2.],
        [1., 2., 1.], [4., 3., 4.], [3., 2., 4.], [5., 4., 4.], [3., 2., 4.], [2., 2., 2.],
        [2., 1., 4.], [3., 4., 2.], [2., 2., 2.], [3., 3., 3.], [1., 1., 3.], [2., 2., 3.],
        [5., 3., 5.], [2., 1., 4.], [3., 3., 3.], [4., 3., 4.], [2., 1., 3.], [2., 3., 2.],
    ];

    // Reference (ref_reliability.py case f, minres_ref.py): 60 simulated respondents, three
    // statements whose one-factor solution is a Heywood case: factor_analyzer's minres
    // loadings are 1.056264, 0.482211, 0.507839 (the first squared loading exceeds 1, its
    // uniqueness is negative, omega 0.750258). pingouin alpha 0.680644. Minres with the
    // loadings held within [-1, 1], by scipy.optimize.least_squares:
    //   iu = np.triu_indices(3, 1); res = lambda l: R[iu] - np.outer(l, l)[iu]
    //   least_squares(res, start, bounds=(-1, 1), xtol=1e-15, ftol=1e-15, gtol=1e-15)
    //   -> loadings [1, 0.492300, 0.520890], omega 0.731676
    #[test]
    fn heywood_case_is_bounded_not_a_panic() {
        let rows: Vec<Vec<Option<f64>>> = HEYWOOD
            .iter()
            .map(|r| r.iter().map(|&x| Some(x)).collect())
            .collect();
        let q = scale_quality(&rows, Missing::Pairwise);
        close(q.alpha, 0.680_644, "alpha");
        close(
            q.omega,
            0.731_676,
            "omega with the Heywood loading held at 1",
        );
    }

    #[test]
    fn too_little_data_gives_none_without_panicking() {
        let empty = scale_quality(&[], Missing::Pairwise);
        assert_eq!(
            (empty.n_used, empty.k, empty.alpha, empty.omega),
            (0, 0, None, None)
        );
        assert!(empty.items.is_empty());

        let one_item = scale_quality(&rows(&[&[1.], &[2.], &[3.]]), Missing::Listwise);
        assert_eq!(
            (one_item.alpha, one_item.alpha_ci, one_item.omega),
            (None, None, None)
        );
        assert_eq!(one_item.items[0].item_rest_r, None);
        assert_eq!(one_item.items[0].n, 3);

        let one_person = scale_quality(&rows(&[&[1., 2., 3.]]), Missing::Listwise);
        assert_eq!(one_person.n_used, 1);
        assert_eq!((one_person.alpha, one_person.alpha_ci), (None, None));
        assert_eq!(one_person.items[0].sd, None);

        // Two statements: alpha and item-rest defined, omega and alpha-if-dropped not.
        let two = scale_quality(&rows(&[&[1., 2.], &[2., 2.], &[3., 4.]]), Missing::Listwise);
        assert!(two.alpha.is_some() && two.omega.is_none());
        assert_eq!(two.items[0].alpha_if_dropped, None);

        // Nobody answered alike on anything, everybody alike on everything.
        let same = scale_quality(&rows(&[&[3., 3.], &[3., 3.], &[3., 3.]]), Missing::Pairwise);
        assert_eq!((same.alpha, same.mean_inter_item_r), (None, None));

        // Non-finite numbers count as missing; a ragged row misses what it lacks.
        let ragged = vec![
            vec![Some(1.0), Some(f64::NAN), Some(2.0)],
            vec![Some(2.0)],
            vec![Some(3.0), Some(3.0), Some(3.0)],
        ];
        let q = scale_quality(&ragged, Missing::Listwise);
        assert_eq!((q.k, q.n_used), (3, 1));
        assert_eq!(q.items[1].n, 1);
    }

    // Reference: scipy.stats.f.ppf(p, d1, d2), scipy 1.17.1.
    #[test]
    fn f_quantiles_match_scipy() {
        let cases = [
            (0.975, 14.0, 126.0, 1.971_873_074_658_070_4),
            (0.025, 14.0, 126.0, 0.392_325_692_290_807_44),
            (0.975, 1.0, 1.0, 647.789_011_477_844_2),
            (0.025, 1.0, 1.0, 0.001_543_712_508_674_131),
            (0.975, 8.0, 80.0, 2.354_941_128_642_467),
            (0.5, 3.0, 7.0, 0.870_944_253_187_285),
            (0.975, 9999.0, 189_981.0, 1.028_659_426_670_570_6),
            (0.025, 9999.0, 189_981.0, 0.971_780_409_046_182_5),
            (0.001, 2.0, 5.0, 0.001_000_700_560_476_419_4),
        ];
        for (p, d1, d2, expected) in cases {
            let q = f_quantile(p, d1, d2).unwrap();
            assert!(
                ((q - expected) / expected).abs() < 1e-10,
                "F({p}; {d1}, {d2}) = {q}, scipy {expected}"
            );
        }
        assert_eq!(f_quantile(0.0, 1.0, 1.0), None);
    }
}
