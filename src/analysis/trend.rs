//! Progress over many rounds: the overall and per-dimension scores of each round, oldest
//! first, for a person (their responses over time) or a group (its mean in each round).

use serde::Serialize;

use crate::analysis::change::change;
use crate::analysis::score::round2;
use crate::model::rubric::Rubric;

/// Every round's scores, oldest first.
#[derive(Debug, Clone, Serialize)]
pub struct Trend {
    pub rounds: Vec<Round>,
    pub overall: Series,
    pub dimensions: Vec<Series>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Round {
    /// The round's date, YYYY-MM-DD.
    pub date: String,
    /// How many responses the round holds (1 for a person).
    pub participants: usize,
}

/// One score across the rounds.
#[derive(Debug, Clone, Serialize)]
pub struct Series {
    pub id: String,
    pub name: String,
    /// One value per round, in the order of `rounds`; `None` where nothing was scored.
    pub values: Vec<Option<f64>>,
    /// The last value minus the first, and its arrow.
    pub change: Option<f64>,
    pub arrow: &'static str,
}

/// One round as the trend needs it: its date, its size, the overall score and one score per
/// dimension in the rubric's order.
pub struct RoundScores {
    pub date: String,
    pub participants: usize,
    pub overall: Option<f64>,
    pub dimensions: Vec<Option<f64>>,
}

/// The trend across `rounds`, put in date order (rounds of the same date keep their order).
pub fn trend(rubric: &Rubric, mut rounds: Vec<RoundScores>) -> Trend {
    rounds.sort_by(|a, b| a.date.cmp(&b.date));
    let series = |id: &str, name: &str, values: Vec<Option<f64>>| {
        // The change from the exact scores; the values shown are rounded.
        let first = values.iter().flatten().next().copied();
        let last = values.iter().rev().flatten().next().copied();
        let c = change(first, last);
        let values: Vec<Option<f64>> = values.into_iter().map(|v| v.map(round2)).collect();
        Series {
            id: id.to_string(),
            name: name.to_string(),
            change: if values.iter().flatten().count() >= 2 {
                c.change
            } else {
                None
            },
            arrow: if values.iter().flatten().count() >= 2 {
                c.arrow
            } else {
                "–"
            },
            values,
        }
    };
    let overall = series(
        "overall",
        "Overall",
        rounds.iter().map(|r| r.overall).collect(),
    );
    let dimensions = rubric
        .dimensions()
        .enumerate()
        .map(|(k, (_, d))| {
            let values = rounds
                .iter()
                .map(|r| r.dimensions.get(k).copied().flatten())
                .collect();
            series(&d.id, &d.name, values)
        })
        .collect();
    Trend {
        rounds: rounds
            .iter()
            .map(|r| Round {
                date: r.date.clone(),
                participants: r.participants,
            })
            .collect(),
        overall,
        dimensions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round(date: &str, overall: f64, first: Option<f64>) -> RoundScores {
        RoundScores {
            date: date.into(),
            participants: 1,
            overall: Some(overall),
            dimensions: vec![first],
        }
    }

    #[test]
    fn rounds_are_ordered_by_date_and_the_change_runs_first_to_last() {
        let r = crate::testing::shipped("cop-functions");
        let t = trend(
            &r,
            vec![
                round("2026-03-01", 3.0, Some(3.5)),
                round("2025-03-01", 2.0, None),
                round("2025-09-01", 2.555, Some(2.0)),
                round("2025-06-01", 8.0 / 3.0, Some(10.0 / 3.0)),
            ],
        );
        let dates: Vec<&str> = t.rounds.iter().map(|r| r.date.as_str()).collect();
        assert_eq!(
            dates,
            ["2025-03-01", "2025-06-01", "2025-09-01", "2026-03-01"]
        );
        assert_eq!(
            t.overall.values,
            [Some(2.0), Some(2.67), Some(2.56), Some(3.0)]
        );
        assert_eq!((t.overall.change, t.overall.arrow), (Some(1.0), "▲"));
        // Education: nothing scored in the first round; the change runs from the first score,
        // exact (10/3 to 3.5 is 0.17, though 3.33 to 3.5 reads 0.17 too).
        let e = &t.dimensions[0];
        assert_eq!(e.values, [None, Some(3.33), Some(2.0), Some(3.5)]);
        assert_eq!(e.change, Some(0.17));
        // A dimension with no scores at all has no change.
        assert_eq!((t.dimensions[1].change, t.dimensions[1].arrow), (None, "–"));
        assert_eq!(t.dimensions.len(), r.dimension_count());
    }
}
