//! What changed between an earlier round and this one, on the same rubric.

use std::collections::HashMap;

use serde::Serialize;

use super::{Comparison, Participant};
use crate::analysis::change::{change, change_beyond};
use crate::analysis::reliable_change::{group_threshold, noise};
use crate::analysis::score::round2;
use crate::analysis::stats::Stats;
use crate::model::rubric::Rubric;

/// What changed between an earlier round and this one, on the same rubric.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeOverTime {
    /// When the earlier round was answered (its last response), YYYY-MM-DD.
    pub then_date: Option<String>,
    /// How many participants each round had.
    pub then_participants: usize,
    pub now_participants: usize,
    pub overall: DimensionChange,
    pub dimensions: Vec<DimensionChange>,
    /// People present in both rounds, matched by name; empty when anonymized.
    pub people: Vec<PersonChange>,
    /// Whether people were matched (not when anonymized).
    pub matched_by_name: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct DimensionChange {
    pub id: String,
    pub name: String,
    pub mean_then: Option<f64>,
    pub mean_now: Option<f64>,
    /// Now minus then.
    pub change: Option<f64>,
    /// ▲, ▼, = or –.
    pub arrow: &'static str,
    pub sd_then: Option<f64>,
    pub sd_now: Option<f64>,
    /// `narrowed`, `widened`, `same`, or `unknown`.
    pub spread: &'static str,
    /// Whether the change of the mean exceeds what measurement error allows for groups of
    /// these sizes (`threshold`); `None` for the overall mean and where there is no change.
    pub reliable: Option<bool>,
    pub threshold: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PersonChange {
    pub label: String,
    pub overall_then: Option<f64>,
    pub overall_now: Option<f64>,
    pub change: Option<f64>,
    pub arrow: &'static str,
}

/// Compares this round (`now`, from `now_people`) with an earlier one. People are matched by
/// name, ignoring case and surrounding spaces, unless anonymized.
pub fn change_over_time(
    rubric: &Rubric,
    (now, then): (&Comparison, &Comparison),
    now_people: &[Participant],
    then_people: &[Participant],
    anonymize: bool,
) -> ChangeOverTime {
    let dim_change = |id: &str, name: &str, t: &Stats, n: &Stats| {
        let threshold = rubric
            .find_dimension(id)
            .and_then(|(_, d)| group_threshold(noise(rubric, d), t.n, n.n));
        let c = change_beyond(t.mean, n.mean, threshold);
        let spread = spread_word(t.sd, n.sd);
        DimensionChange {
            id: id.to_string(),
            name: name.to_string(),
            mean_then: t.mean,
            mean_now: n.mean,
            change: c.change,
            arrow: c.arrow,
            sd_then: t.sd,
            sd_now: n.sd,
            spread,
            reliable: c.reliable,
            threshold: c.threshold,
        }
    };
    let dimensions = now
        .dimensions
        .iter()
        .map(|d| {
            let t = then
                .dimensions
                .iter()
                .find(|x| x.id == d.id)
                .map(|x| x.stats.clone())
                .unwrap_or_default();
            dim_change(&d.id, &d.name, &t, &d.stats)
        })
        .collect();
    let key = |p: &Participant| {
        p.name
            .as_deref()
            .map(|n| n.trim().to_lowercase())
            .filter(|n| !n.is_empty())
    };
    let people = if anonymize {
        Vec::new()
    } else {
        let earlier: HashMap<String, &Participant> = then_people
            .iter()
            .filter_map(|p| key(p).map(|k| (k, p)))
            .collect();
        now_people
            .iter()
            .filter_map(|p| {
                let before = earlier.get(&key(p)?)?;
                let c = change(before.overall(), p.overall());
                Some(PersonChange {
                    label: p.label.clone(),
                    overall_then: before.overall().map(round2),
                    overall_now: p.overall().map(round2),
                    change: c.change,
                    arrow: c.arrow,
                })
            })
            .collect()
    };
    ChangeOverTime {
        then_date: None,
        then_participants: then.participants.len(),
        now_participants: now.participants.len(),
        overall: dim_change("overall", "Overall", &then.overall, &now.overall),
        dimensions,
        people,
        matched_by_name: !anonymize,
    }
}

/// How the spread moved from one round to the next: `narrowed`, `widened`, `same`, or
/// `unknown` when either round has no spread.
fn spread_word(then: Option<f64>, now: Option<f64>) -> &'static str {
    match (then, now) {
        (Some(a), Some(b)) if b < a => "narrowed",
        (Some(a), Some(b)) if b > a => "widened",
        (Some(_), Some(_)) => "same",
        _ => "unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::spread_word;

    #[test]
    fn spread_reads_as_a_word() {
        assert_eq!(spread_word(Some(1.0), Some(0.5)), "narrowed");
        assert_eq!(spread_word(Some(0.5), Some(1.0)), "widened");
        assert_eq!(spread_word(Some(0.7), Some(0.7)), "same");
        assert_eq!(spread_word(None, Some(0.7)), "unknown");
        assert_eq!(spread_word(Some(0.7), None), "unknown");
    }
}
