//! Scoring, defined once and used by every command and format.
//!
//! - Item score: the answer, or `min + max - answer` for a reverse item; "not applicable" and
//!   "don't know" have no score.
//! - Dimension score: the mean of its scored items, when enough of them are scored: at least
//!   half of the statements the person was asked, and at least two (one, for a dimension that
//!   asks only one). With fewer, the dimension has no score, band or next step, and says so
//!   ([`DimensionScore::too_few`]): a sponsor who answered 1 of 4 statements gets no band.
//!   Group score: the mean of its scored dimensions. Overall: the mean of all scored
//!   dimensions. Nothing scored gives no score (`None`), never zero.
//! - Scores are kept exact; [`round2`] rounds them for people and for JSON.

use serde::Serialize;

use crate::model::response::{Answer, Response};
use crate::model::rubric::{Item, Rubric};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scores {
    pub overall: Option<f64>,
    pub groups: Vec<GroupScore>,
    pub coverage: Coverage,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupScore {
    pub id: String,
    pub score: Option<f64>,
    pub dimensions: Vec<DimensionScore>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DimensionScore {
    pub id: String,
    pub score: Option<f64>,
    /// The id of the band the score falls in.
    pub band: Option<String>,
    pub desired: Option<i64>,
    /// `desired - score`: how far the person wants to move (negative: they want less).
    pub gap: Option<f64>,
    pub items: Vec<ItemScore>,
    pub coverage: Coverage,
    /// Some statements were scored, but too few to score the dimension: (scored, asked).
    pub too_few: Option<(usize, usize)>,
}

/// How many of `asked` statements must be scored for a dimension score: half, and at least
/// two (one when only one is asked).
pub fn needed(asked: usize) -> usize {
    asked.div_ceil(2).max(asked.min(2))
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemScore {
    pub id: String,
    /// The answer as given: a point on the scale, or `None` for n/a and unanswered.
    pub answer: Option<i64>,
    /// The answer as scored (reversed for reverse items).
    pub score: Option<f64>,
    pub not_applicable: bool,
    pub dont_know: bool,
    /// Whether the person was asked it (a statement for other roles is not).
    pub asked: bool,
}

/// Of the items a person was asked: how many were answered, not applicable, don't know, or
/// left unanswered. Items for other roles are not counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Coverage {
    pub answered: usize,
    pub not_applicable: usize,
    pub dont_know: usize,
    pub unanswered: usize,
}

impl Coverage {
    fn add(&mut self, other: Coverage) {
        self.answered += other.answered;
        self.not_applicable += other.not_applicable;
        self.dont_know += other.dont_know;
        self.unanswered += other.unanswered;
    }

    pub fn total(&self) -> usize {
        self.answered + self.not_applicable + self.dont_know + self.unanswered
    }

    fn count(&mut self, answer: Option<&Answer>) {
        match answer {
            Some(Answer::Score(_)) => self.answered += 1,
            Some(Answer::NotApplicable { .. }) => self.not_applicable += 1,
            Some(Answer::DontKnow) => self.dont_know += 1,
            None => self.unanswered += 1,
        }
    }
}

/// The score of one answer to one item.
pub fn item_score(rubric: &Rubric, item: &Item, answer: Option<&Answer>) -> Option<f64> {
    match answer {
        Some(Answer::Score(a)) if item.reverse => {
            Some((rubric.scale.min + rubric.scale.max - a) as f64)
        }
        Some(Answer::Score(a)) => Some(*a as f64),
        _ => None,
    }
}

/// The mean of the values that are there; `None` when none are.
pub fn mean(values: impl IntoIterator<Item = Option<f64>>) -> Option<f64> {
    let (sum, n) = values
        .into_iter()
        .flatten()
        .fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

/// Rounds to two decimals, halves away from zero, as people and spreadsheets expect.
///
/// Rounding goes through the decimal form, so that a true tie rounds as a tie. Scores are
/// fractions with small denominators (a mean of whole numbers, a mean of such means), but
/// their sum in floating point lands a hair off: an overall of exactly 3.125 (37.5 over 12)
/// arrives as 3.1249999999999996, and 2.135 is stored as 2.13499999.... The value is first
/// written with nine decimals, which puts such sums back on the fraction they stand for (a
/// score's distance from a tie that is not one is far larger: at least 1/(2q) for a
/// denominator q, over 1e-9 for any q below 500 million), then rounded by its digits.
pub fn round2(v: f64) -> f64 {
    if !v.is_finite() || v.abs() >= 1e12 {
        return (v * 100.0).round() / 100.0;
    }
    let decimal = format!("{:.9}", v.abs());
    let (whole, fraction) = decimal.split_once('.').unwrap_or((&decimal, "000000000"));
    let whole: i64 = whole.parse().unwrap_or(0);
    let hundredths: i64 = fraction[..2].parse().unwrap_or(0);
    let up = i64::from(&fraction[2..] >= "5000000");
    let rounded = (whole * 100 + hundredths + up) as f64 / 100.0;
    if v < 0.0 {
        -rounded
    } else {
        rounded
    }
}

/// Scores `response` on `rubric`. Answers to items the rubric no longer has are ignored.
pub fn score(rubric: &Rubric, response: &Response) -> Scores {
    let mut groups = Vec::with_capacity(rubric.groups.len());
    let mut coverage = Coverage::default();
    let mut all_dimension_scores = Vec::new();
    for group in &rubric.groups {
        let mut dims = Vec::with_capacity(group.dimensions.len());
        for d in &group.dimensions {
            let mut cov = Coverage::default();
            let items: Vec<ItemScore> = d
                .items
                .iter()
                .map(|item| {
                    let answer = response.answers.get(&item.id);
                    let asked = rubric.asks(item, response.role.as_deref());
                    if asked || answer.is_some() {
                        cov.count(answer);
                    }
                    ItemScore {
                        id: item.id.clone(),
                        answer: match answer {
                            Some(Answer::Score(a)) => Some(*a),
                            _ => None,
                        },
                        score: item_score(rubric, item, answer),
                        not_applicable: matches!(answer, Some(Answer::NotApplicable { .. })),
                        dont_know: matches!(answer, Some(Answer::DontKnow)),
                        asked,
                    }
                })
                .collect();
            let (score, too_few) = dimension_score(items.iter().map(|i| (i.score, i.asked)));
            let desired = response.dimensions.get(&d.id).and_then(|a| a.desired);
            coverage.add(cov);
            all_dimension_scores.push(score);
            dims.push(DimensionScore {
                id: d.id.clone(),
                score,
                band: score.and_then(|s| rubric.band_for(s)).map(|b| b.id.clone()),
                desired,
                gap: match (desired, score) {
                    (Some(want), Some(s)) => Some(want as f64 - s),
                    _ => None,
                },
                items,
                coverage: cov,
                too_few,
            });
        }
        groups.push(GroupScore {
            id: group.id.clone(),
            score: mean(dims.iter().map(|d| d.score)),
            dimensions: dims,
        });
    }
    Scores {
        overall: mean(all_dimension_scores),
        groups,
        coverage,
    }
}

/// A dimension's score from its items' scores (with whether each was asked): the mean of the
/// scored ones when there are [`needed`] of them; else none, and (scored, asked) when some were
/// scored but too few.
fn dimension_score(
    items: impl Iterator<Item = (Option<f64>, bool)>,
) -> (Option<f64>, Option<(usize, usize)>) {
    let (mut sum, mut scored, mut asked) = (0.0, 0usize, 0usize);
    for (score, was_asked) in items {
        if let Some(v) = score {
            sum += v;
            scored += 1;
        }
        asked += usize::from(was_asked);
    }
    let enough = scored > 0 && scored >= needed(asked);
    let score = enough.then(|| sum / scored as f64);
    (score, (scored > 0 && !enough).then_some((scored, asked)))
}

/// The scores alone, as comparing many responses needs them: per dimension in the rubric's
/// order, per group, and overall; the same rules as [`score`], without its per-item detail (so
/// no id is copied per response).
#[derive(Debug, Clone, PartialEq)]
pub struct ScoresOnly {
    pub dimensions: Vec<Option<f64>>,
    pub groups: Vec<Option<f64>>,
    pub overall: Option<f64>,
}

/// [`score`]'s numbers for `response` on `rubric`, computed without allocating per item.
pub fn scores_only(rubric: &Rubric, response: &Response) -> ScoresOnly {
    let role = response.role.as_deref();
    let mut dimensions = Vec::with_capacity(rubric.dimension_count());
    let mut groups = Vec::with_capacity(rubric.groups.len());
    for group in &rubric.groups {
        let first = dimensions.len();
        for d in &group.dimensions {
            let items = d.items.iter().map(|item| {
                let answer = response.answers.get(&item.id);
                let asked = rubric.asks(item, role);
                (item_score(rubric, item, answer), asked)
            });
            dimensions.push(dimension_score(items).0);
        }
        groups.push(mean(dimensions[first..].iter().copied()));
    }
    ScoresOnly {
        overall: mean(dimensions.iter().copied()),
        dimensions,
        groups,
    }
}

impl Scores {
    pub fn dimensions(&self) -> impl Iterator<Item = &DimensionScore> {
        self.groups.iter().flat_map(|g| g.dimensions.iter())
    }

    pub fn dimension(&self, id: &str) -> Option<&DimensionScore> {
        self.dimensions().find(|d| d.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::response::DimensionAnswer;

    const RUBRIC: &str = r#"
id: t
title: T
version: "1"
source: {authors: [A], title: S}
description: D
scale: {min: 1, max: 5, labels: {1: a, 2: b, 3: c, 4: d, 5: e}, not_applicable: true}
bands:
  - {id: low, name: Low, from: 1, to: 3}
  - {id: high, name: High, from: 3, to: 5}
groups:
  - id: g1
    name: G1
    description: D
    dimensions:
      - id: d1
        name: D1
        question: Q
        description: D
        items:
          - {id: i1, statement: S}
          - {id: i2, statement: S, reverse: true}
          - {id: i3, statement: S}
      - id: d2
        name: D2
        question: Q
        description: D
        items:
          - {id: i4, statement: S}
  - id: g2
    name: G2
    description: D
    dimensions:
      - id: d3
        name: D3
        question: Q
        description: D
        items:
          - {id: i5, statement: S}
"#;

    fn setup(answers: &[(&str, Answer)]) -> (Rubric, Response) {
        let rubric = Rubric::parse(RUBRIC).unwrap();
        let mut resp = Response::new(&rubric);
        for (id, a) in answers {
            resp.answers.insert(id.to_string(), a.clone());
        }
        (rubric, resp)
    }

    fn na() -> Answer {
        Answer::NotApplicable { reason: None }
    }

    /// The test rubric, offering "don't know" too.
    fn with_dont_know() -> Rubric {
        let text = RUBRIC.replace(
            "not_applicable: true}",
            "not_applicable: true, dont_know: true}",
        );
        Rubric::parse(&text).unwrap()
    }

    #[test]
    fn reverse_items_are_flipped() {
        let (r, resp) = setup(&[("i1", Answer::Score(5)), ("i2", Answer::Score(5))]);
        let s = score(&r, &resp);
        let d1 = s.dimension("d1").unwrap();
        assert_eq!(d1.items[1].answer, Some(5));
        assert_eq!(d1.items[1].score, Some(1.0));
        assert_eq!(d1.score, Some(3.0));
        assert_eq!(d1.band.as_deref(), Some("high"));
    }

    #[test]
    fn not_applicable_is_no_score_not_zero() {
        // i2 is reverse-scored: 2 scores 4.
        let (r, resp) = setup(&[
            ("i1", Answer::Score(4)),
            ("i2", Answer::Score(2)),
            ("i3", na()),
        ]);
        let s = score(&r, &resp);
        let d1 = s.dimension("d1").unwrap();
        assert_eq!(d1.score, Some(4.0));
        assert_eq!(
            d1.coverage,
            Coverage {
                answered: 2,
                not_applicable: 1,
                dont_know: 0,
                unanswered: 0
            }
        );
    }

    #[test]
    fn the_whole_coverage_adds_every_dimension_and_counts_every_kind() {
        let r = with_dont_know();
        let mut resp = Response::new(&r);
        resp.answers.insert("i1".into(), Answer::Score(2));
        resp.answers.insert("i2".into(), na());
        resp.answers.insert("i3".into(), Answer::DontKnow);
        resp.answers.insert("i4".into(), na());
        // i5 left unanswered.
        let c = score(&r, &resp).coverage;
        assert_eq!(
            c,
            Coverage {
                answered: 1,
                not_applicable: 2,
                dont_know: 1,
                unanswered: 1
            },
            "not applicable in two dimensions adds up"
        );
        assert_eq!(
            c.total(),
            5,
            "every kind counts towards the statements asked"
        );
    }

    #[test]
    fn dont_know_is_no_score_and_counted_apart_from_not_applicable() {
        let r = with_dont_know();
        let mut resp = Response::new(&r);
        resp.answers.insert("i1".into(), Answer::Score(2));
        resp.answers.insert("i2".into(), Answer::DontKnow);
        resp.answers.insert("i3".into(), Answer::Score(2));
        let d1 = score(&r, &resp).dimension("d1").unwrap().clone();
        assert_eq!(d1.score, Some(2.0), "only the scores count");
        assert_eq!((d1.coverage.dont_know, d1.coverage.answered), (1, 2));
        assert!(d1.items[1].dont_know && !d1.items[1].not_applicable);
    }

    #[test]
    fn statements_for_other_roles_are_not_missing() {
        let text = RUBRIC
            .replace(
                "groups:\n",
                "roles: [{id: lead, name: Lead}, {id: member, name: Member}]\ngroups:\n",
            )
            .replace(
                "{id: i3, statement: S}",
                "{id: i3, statement: S, roles: [lead]}",
            );
        let r = Rubric::parse(&text).unwrap();
        let mut resp = Response::new(&r);
        resp.role = Some("member".into());
        resp.answers.insert("i1".into(), Answer::Score(4));
        resp.answers.insert("i2".into(), Answer::Score(2));
        let d1 = score(&r, &resp).dimension("d1").unwrap().clone();
        assert_eq!(d1.coverage.unanswered, 0, "i3 is for leads");
        assert_eq!(d1.coverage.total(), 2);
        assert!(!d1.items[2].asked);
        resp.role = Some("lead".into());
        let d1 = score(&r, &resp).dimension("d1").unwrap().clone();
        assert_eq!(d1.coverage.unanswered, 1, "a lead is asked i3");
    }

    #[test]
    fn empty_dimensions_have_no_score_and_do_not_pull_means_down() {
        let (r, resp) = setup(&[
            ("i1", Answer::Score(2)),
            ("i3", Answer::Score(2)),
            ("i4", na()),
            ("i5", Answer::Score(4)),
        ]);
        let s = score(&r, &resp);
        assert_eq!(s.dimension("d2").unwrap().score, None);
        assert_eq!(s.dimension("d2").unwrap().band, None);
        assert_eq!(
            s.dimension("d2").unwrap().too_few,
            None,
            "nothing scored is not too few"
        );
        assert_eq!(s.groups[0].score, Some(2.0)); // d2 is left out, not counted as 0
        assert_eq!(s.overall, Some(3.0)); // mean of d1 (2) and d3 (4)
        assert_eq!(s.coverage.total(), 5);
        assert_eq!(s.coverage.unanswered, 1);
    }

    #[test]
    fn nothing_scored_is_null_everywhere() {
        let (r, resp) = setup(&[]);
        let s = score(&r, &resp);
        assert_eq!(s.overall, None);
        assert!(s.groups.iter().all(|g| g.score.is_none()));
        let json = serde_json::to_value(&s).unwrap();
        assert!(json["overall"].is_null());
    }

    #[test]
    fn overall_is_the_mean_of_dimensions_not_of_groups() {
        // g1 has d1 = 1 and d2 = 2 (group 1.5); g2 has d3 = 5. Mean of groups would be 3.25.
        let (r, resp) = setup(&[
            ("i1", Answer::Score(1)),
            ("i2", Answer::Score(5)),
            ("i3", Answer::Score(1)),
            ("i4", Answer::Score(2)),
            ("i5", Answer::Score(5)),
        ]);
        let s = score(&r, &resp);
        assert_eq!(s.groups[0].score, Some(1.5));
        assert_eq!(s.overall, Some((1.0 + 2.0 + 5.0) / 3.0));
    }

    #[test]
    fn gap_is_desired_minus_score() {
        let (r, mut resp) = setup(&[("i4", Answer::Score(2))]);
        resp.dimensions.insert(
            "d2".into(),
            DimensionAnswer {
                desired: Some(4),
                note: None,
            },
        );
        let s = score(&r, &resp);
        assert_eq!(s.dimension("d2").unwrap().gap, Some(2.0));
        assert_eq!(s.dimension("d1").unwrap().gap, None);
    }

    #[test]
    fn rounding_is_to_two_decimals_halves_away_from_zero() {
        assert_eq!(round2(10.0 / 3.0), 3.33);
        assert_eq!(round2(11.0 / 3.0), 3.67);
        assert_eq!(round2(2.125), 2.13);
        assert_eq!(round2(-0.125), -0.13);
        assert_eq!(round2(4.0), 4.0);
        assert_eq!(round2(0.0), 0.0);
        assert_eq!(round2(-2.0 / 3.0), -0.67);
    }

    #[test]
    fn a_true_tie_rounds_up_though_its_float_sum_falls_short() {
        // Twelve dimension scores that sum to exactly 37.5, added up as floats.
        // Each a dimension's mean as scoring computes it: a sum of answers over a count.
        let dims = [
            (14, 4),
            (4, 4),
            (8, 3),
            (12, 4),
            (14, 3),
            (4, 3),
            (3, 3),
            (13, 3),
            (20, 4),
            (7, 3),
            (11, 3),
            (15, 3),
        ]
        .map(|(sum, n): (i32, i32)| f64::from(sum) / f64::from(n));
        let overall = mean(dims.iter().copied().map(Some)).unwrap();
        assert_ne!(overall, 3.125, "the float sum is not exact");
        assert_eq!(round2(overall), 3.13);
        // Decimal ties that binary cannot hold exactly.
        assert_eq!(round2(2.135), 2.14);
        assert_eq!(round2(1.005), 1.01);
        assert_eq!(round2(-1.005), -1.01);
        // Just below a tie stays below.
        assert_eq!(round2(3.1249), 3.12);
    }

    #[test]
    fn rounding_keeps_zero_positive_and_passes_extremes_through() {
        assert!(
            round2(0.0).is_sign_positive(),
            "never -0, which JSON would print"
        );
        assert!(round2(0.001).is_sign_positive());
        assert!(round2(f64::NAN).is_nan());
        assert_eq!(round2(f64::INFINITY), f64::INFINITY);
        assert_eq!(round2(-f64::INFINITY), -f64::INFINITY);
        // Past 1e12 the decimal form is not needed (nor used); two decimals all the same.
        assert_eq!(round2(2e12 + 0.126), 2e12 + 0.13);
        assert_eq!(round2(-2e12 - 0.126), -2e12 - 0.13);
    }

    #[test]
    fn a_dimension_needs_half_its_statements_and_at_least_two_scored() {
        assert_eq!(
            (needed(1), needed(2), needed(3), needed(4), needed(5)),
            (1, 2, 2, 2, 3)
        );
        let r = Rubric::parse(
            crate::io::assets::shipped_rubric("wenger-trayner")
                .unwrap()
                .text,
        )
        .unwrap();
        let d = &r.groups[0].dimensions[0];
        let mut resp = Response::new(&r);
        resp.role = Some("member".into());
        let ids: Vec<&str> = d
            .items
            .iter()
            .filter(|i| r.asks(i, Some("member")))
            .map(|i| i.id.as_str())
            .collect();
        resp.answers.insert(ids[0].into(), Answer::Score(4));
        for id in &ids[1..] {
            resp.answers
                .insert((*id).into(), Answer::NotApplicable { reason: None });
        }
        let s = score(&r, &resp);
        let dim = s.dimension(&d.id).unwrap();
        assert_eq!(
            (dim.score, dim.band.as_deref()),
            (None, None),
            "1 of {} is too few",
            ids.len()
        );
        assert_eq!(dim.too_few, Some((1, ids.len())));
        resp.answers.insert(ids[1].into(), Answer::Score(2));
        let dim_ok = score(&r, &resp);
        let two = dim_ok.dimension(&d.id).unwrap();
        assert_eq!(
            (two.score, two.too_few),
            (Some(3.0), None),
            "2 of {} is half",
            ids.len()
        );
    }

    #[test]
    fn the_scores_alone_are_the_scores() {
        let r = crate::testing::shipped("wenger-trayner");
        for fixture in ["wt-full.yaml", "wt-partial.yaml", "wt-baseline.yaml"] {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/answers")
                .join(fixture);
            let text = std::fs::read_to_string(path).unwrap();
            let resp = crate::model::answers::build(&r, &text, true).unwrap();
            let full = score(&r, &resp);
            let lean = scores_only(&r, &resp);
            assert_eq!(
                lean.dimensions,
                full.dimensions().map(|d| d.score).collect::<Vec<_>>(),
                "{fixture}"
            );
            assert_eq!(
                lean.groups,
                full.groups.iter().map(|g| g.score).collect::<Vec<_>>(),
                "{fixture}"
            );
            assert_eq!(lean.overall, full.overall, "{fixture}");
        }
    }
}
