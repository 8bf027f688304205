//! How well a rubric measures, from the responses to it: per dimension, whether its statements
//! hang together (alpha with its interval, omega, the average inter-item correlation), per
//! statement how it was answered and how it goes with the others, and the flags a rubric author
//! acts on, in words. Reverse-keyed statements are reversed before every coefficient; the
//! figures do not depend on the order of the statements or of the responses.

use serde::Serialize;

use crate::analysis::reliability::{self, Missing, ScaleQuality};
use crate::model::response::{Answer, Response};
use crate::model::rubric::{Dimension, Rubric};

/// Below this many respondents a dimension's figures are shown, marked as unstable.
pub const STABLE_N: usize = 30;

/// Alpha from which statements "hang together well", and from which "loosely" (conventions
/// after Nunnally 1978 and DeVellis; docs/statistics.md).
pub const ALPHA_WELL: f64 = 0.80;
pub const ALPHA_LOOSELY: f64 = 0.60;

/// A statement answered by fewer people is left out of its dimension's coefficients.
pub const MIN_ANSWERS: usize = 3;

/// How much alpha must rise without a statement to flag it.
pub const ALPHA_RISE: f64 = 0.05;

#[derive(Debug, Clone, Serialize)]
pub struct Instrument {
    pub responses: usize,
    /// `pairwise` or `listwise`: how missing answers were handled.
    pub missing: &'static str,
    pub dimensions: Vec<DimensionQuality>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DimensionQuality {
    pub id: String,
    pub name: String,
    #[serde(flatten)]
    pub quality: ScaleQuality,
    /// `well`, `loosely`, `not at all`, or `cannot tell`.
    pub reading: &'static str,
    /// The reading as a sentence a consultant can quote.
    pub sentence: String,
    /// Fewer respondents than the figures need.
    pub unstable: bool,
    /// What an author should look at, in words.
    pub flags: Vec<String>,
    pub statements: Vec<StatementQuality>,
    /// The standard deviation of people's dimension scores (of those with enough statements
    /// scored for one).
    pub score_sd: Option<f64>,
    /// What to store with the rubric (`reliability:` under the dimension) so that a change
    /// between rounds is judged against this dimension's own measurement error; none while
    /// the figures are unstable.
    pub store: Option<crate::model::rubric::StoredReliability>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatementQuality {
    pub id: String,
    pub statement: String,
    pub reverse: bool,
    /// Answers per point of the scale, as given, lowest point first.
    pub counts: Vec<usize>,
    /// Of those asked the statement: the share who said "not applicable", and "don't know".
    pub na_share: Option<f64>,
    pub dk_share: Option<f64>,
    pub flags: Vec<String>,
}

/// The instrument's quality from `responses` (already checked against `rubric`; a response
/// counts on the dimensions it was asked).
pub fn analyze(rubric: &Rubric, responses: &[Response], missing: Missing) -> Instrument {
    Instrument {
        responses: responses.len(),
        missing: match missing {
            Missing::Pairwise => "pairwise",
            Missing::Listwise => "listwise",
        },
        dimensions: rubric
            .dimensions()
            .map(|(_, d)| dimension(rubric, d, responses, missing))
            .collect(),
    }
}

fn dimension(
    rubric: &Rubric,
    d: &Dimension,
    responses: &[Response],
    missing: Missing,
) -> DimensionQuality {
    let (min, max) = (rubric.scale.min, rubric.scale.max);
    let points = (max - min + 1) as usize;
    let asked_here: Vec<&Response> = responses
        .iter()
        .filter(|r| r.covers.is_empty() || r.covers.contains(&d.id))
        .collect();
    let rows: Vec<Vec<Option<f64>>> = asked_here
        .iter()
        .map(|r| {
            d.items
                .iter()
                .map(|i| match r.answers.get(&i.id) {
                    Some(Answer::Score(v)) if rubric.asks(i, r.role.as_deref()) => {
                        Some(if i.reverse { min + max - v } else { *v } as f64)
                    }
                    _ => None,
                })
                .collect()
        })
        .collect();
    // A statement too few answered (one asked of a single perspective, say) would leave every
    // coefficient undefined: the figures are of the others, and it is said.
    let answered: Vec<usize> = (0..d.items.len())
        .map(|i| {
            rows.iter()
                .filter(|r| r.get(i).copied().flatten().is_some())
                .count()
        })
        .collect();
    let kept: Vec<usize> = (0..d.items.len())
        .filter(|&i| answered[i] >= MIN_ANSWERS)
        .collect();
    let mut kept_rows: Vec<Vec<Option<f64>>> = rows
        .iter()
        .map(|r| kept.iter().map(|&i| r.get(i).copied().flatten()).collect())
        .collect();
    // In one order whatever the files' order, so that no figure changes even in its last
    // digit with the order in which files are named.
    kept_rows.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    let mut quality = reliability::scale_quality(&kept_rows, missing);
    let mut rows = rows;
    rows.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    let whole = reliability::scale_quality(&rows, missing);
    quality.items = (0..d.items.len())
        .map(|i| match kept.iter().position(|&k| k == i) {
            Some(p) => quality.items[p].clone(),
            None => reliability::ItemQuality {
                item_rest_r: None,
                alpha_if_dropped: None,
                ..whole.items[i].clone()
            },
        })
        .collect();
    let statements: Vec<StatementQuality> = d
        .items
        .iter()
        .zip(&quality.items)
        .map(|(item, q)| {
            let asked: Vec<&&Response> = asked_here
                .iter()
                .filter(|r| rubric.asks(item, r.role.as_deref()))
                .collect();
            let mut counts = vec![0; points];
            let (mut na, mut dk) = (0, 0);
            for r in &asked {
                match r.answers.get(&item.id) {
                    Some(Answer::Score(v)) => {
                        if let Some(c) = usize::try_from(v - min).ok().and_then(|i| counts.get_mut(i)) {
                            *c += 1;
                        }
                    }
                    Some(Answer::NotApplicable { .. }) => na += 1,
                    Some(Answer::DontKnow) => dk += 1,
                    None => {}
                }
            }
            let share = |n: usize| (!asked.is_empty()).then(|| n as f64 / asked.len() as f64);
            let mut flags = Vec::new();
            if q.item_rest_r.is_some_and(|r| r < 0.0) {
                flags.push(match item.reverse {
                    true => "it runs against the other statements: check whether it should be reverse-scored at all".to_string(),
                    false => "it runs against the other statements: check whether it should be reverse-scored".to_string(),
                });
            }
            if q.n >= 2 && q.sd == Some(0.0) {
                flags.push("everyone answered it alike: it tells no one apart".to_string());
            }
            if q.n < MIN_ANSWERS {
                flags.push(format!(
                    "{} answered it: too few to count it in the dimension's figures",
                    q.n
                ));
            }
            if share(na + dk).is_some_and(|s| s > 0.5) {
                flags.push("most people could not answer it (not applicable or don't know)".to_string());
            }
            StatementQuality {
                id: item.id.clone(),
                statement: item.statement.clone(),
                reverse: item.reverse,
                counts,
                na_share: share(na),
                dk_share: share(dk),
                flags,
            }
        })
        .collect();
    let (reading, sentence) = reading(&quality);
    // `k` is the statements the figures rest on.
    quality.k = kept.len();
    let unstable = quality.n_used < STABLE_N;
    let mut flags = Vec::new();
    if unstable {
        flags.push(format!(
            "{} respondents: the figures need at least {STABLE_N}, so they are shown but unstable",
            quality.n_used
        ));
    }
    if let Some(alpha) = quality.alpha {
        for (item, q) in d.items.iter().zip(&quality.items) {
            if let Some(without) = q.alpha_if_dropped.filter(|w| w - alpha >= ALPHA_RISE) {
                flags.push(format!(
                    "alpha rises from {} to {} without “{}” ({})",
                    two(alpha),
                    two(without),
                    crate::safe_text::shorten(&item.statement, 60),
                    item.id
                ));
            }
        }
    }
    let scores: Vec<f64> = kept_rows
        .iter()
        .filter_map(|r| {
            let given: Vec<f64> = r.iter().flatten().copied().collect();
            let enough =
                !given.is_empty() && given.len() >= crate::analysis::score::needed(r.len());
            enough.then(|| given.iter().sum::<f64>() / given.len() as f64)
        })
        .collect();
    let mut scores = scores;
    let score_sd = crate::analysis::stats::Stats::from_values(&mut scores, 0, None).sd;
    let store = match (quality.alpha, score_sd) {
        (Some(alpha), Some(sd)) if !unstable && alpha >= 0.0 && sd > 0.0 => {
            Some(crate::model::rubric::StoredReliability {
                alpha: (alpha * 100.0).round() / 100.0,
                sd: (sd * 100.0).round() / 100.0,
                n: scores.len(),
            })
        }
        _ => None,
    };
    DimensionQuality {
        score_sd,
        store,
        id: d.id.clone(),
        name: d.name.clone(),
        quality,
        reading,
        sentence,
        unstable,
        flags,
        statements,
    }
}

/// How well the statements hang together, in a word and in a sentence.
fn reading(q: &ScaleQuality) -> (&'static str, String) {
    let Some(alpha) = q.alpha else {
        return (
            "cannot tell",
            "Whether these statements hang together cannot be told: too few answers, or no variation in them.".to_string(),
        );
    };
    let interval = q
        .alpha_ci
        .map(|(lo, hi)| format!(" (95% interval {} to {})", two(lo), two(hi)))
        .unwrap_or_default();
    let (word, how) = match alpha {
        a if a >= ALPHA_WELL => ("well", "hang together well"),
        a if a >= ALPHA_LOOSELY => ("loosely", "hang together loosely"),
        _ => ("not at all", "do not hang together"),
    };
    (
        word,
        format!("These statements {how}: alpha {}{interval}.", two(alpha)),
    )
}

fn two(v: f64) -> String {
    format!("{v:.2}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const RUBRIC: &str = r"
id: t
title: T
version: '1'
source: {authors: [A], title: T}
description: D
scale: {min: 1, max: 5, labels: {1: a, 2: b, 3: c, 4: d, 5: e}, not_applicable: true, dont_know: true}
bands: [{id: all, name: All, from: 1, to: 5}]
groups:
  - id: g
    name: G
    description: D
    dimensions:
      - id: d
        name: D
        question: q?
        description: D
        items:
          - {id: a, statement: A}
          - {id: b, statement: B}
          - {id: c, statement: C, reverse: true}
          - {id: e, statement: E}
";

    fn response(r: &Rubric, a: &[(&str, Answer)]) -> Response {
        let mut resp = Response::new(r);
        for (id, ans) in a {
            resp.answers.insert((*id).to_string(), ans.clone());
        }
        resp
    }

    #[test]
    fn a_reverse_item_is_reversed_and_a_wrongly_keyed_one_is_flagged() {
        let r = Rubric::parse(RUBRIC).unwrap();
        // `c` is reverse-keyed and answered as a reverse item should be; `e` runs against the
        // others (it should have been reverse-keyed); `b` is answered alike by everyone.
        let people: Vec<Response> = [(1, 5, 5), (2, 4, 4), (4, 2, 2), (5, 1, 1), (3, 3, 3)]
            .iter()
            .map(|&(a, c, e)| {
                response(
                    &r,
                    &[
                        ("a", Answer::Score(a)),
                        ("b", Answer::Score(3)),
                        ("c", Answer::Score(c)),
                        ("e", Answer::Score(e)),
                    ],
                )
            })
            .collect();
        let out = analyze(&r, &people, Missing::Pairwise);
        let d = &out.dimensions[0];
        let flags = |id: &str| {
            d.statements
                .iter()
                .find(|s| s.id == id)
                .unwrap()
                .flags
                .join("; ")
        };
        assert!(
            flags("e").contains("should be reverse-scored"),
            "{:?}",
            d.statements
        );
        assert!(
            !flags("c").contains("reverse"),
            "c is reversed before the figures: {}",
            flags("c")
        );
        assert!(flags("b").contains("alike"), "{}", flags("b"));
        assert!(
            d.unstable && d.flags[0].contains("5 respondents"),
            "{:?}",
            d.flags
        );
        assert!(
            d.flags.iter().any(|f| f.contains("without “E” (e)")),
            "{:?}",
            d.flags
        );
        // Order of responses does not matter.
        let mut reversed = people.clone();
        reversed.reverse();
        let again = analyze(&r, &reversed, Missing::Pairwise);
        assert_eq!(again.dimensions[0].quality.alpha, d.quality.alpha);
    }

    #[test]
    fn most_could_not_answer_is_flagged_and_shares_are_of_those_asked() {
        let r = Rubric::parse(RUBRIC).unwrap();
        let people: Vec<Response> = (0..4)
            .map(|i| {
                response(
                    &r,
                    &[
                        ("a", Answer::Score(2 + i % 3)),
                        (
                            "b",
                            if i == 0 {
                                Answer::Score(3)
                            } else if i == 1 {
                                Answer::DontKnow
                            } else {
                                Answer::NotApplicable { reason: None }
                            },
                        ),
                    ],
                )
            })
            .collect();
        let out = analyze(&r, &people, Missing::Pairwise);
        let b = &out.dimensions[0].statements[1];
        assert_eq!((b.na_share, b.dk_share), (Some(0.5), Some(0.25)));
        assert!(
            b.flags.iter().any(|f| f.contains("could not answer")),
            "{:?}",
            b.flags
        );
        assert_eq!(b.counts, vec![0, 0, 1, 0, 0]);
    }
}
