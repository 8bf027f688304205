//! What to talk about first: where the group is most divided (statements and dimensions), the
//! shared gaps (where most want to be higher than they are), and what most agreed on, called a
//! strength only in the rubric's upper bands.

use serde::Serialize;

use super::{band_name, by_cmp, DimensionStats, ItemStats, Participant};
use crate::analysis::score::round2;
use crate::model::rubric::Rubric;

/// How many statements and dimensions each list of the panel shows at most.
const SHOWN: usize = 3;

/// What to talk about first.
#[derive(Debug, Clone, Serialize)]
pub struct Talk {
    /// Statements where answers are most spread, most spread first.
    pub items: Vec<TalkRef>,
    /// Dimensions where the participants' scores are most spread, most spread first.
    pub dimensions: Vec<TalkRef>,
    /// Where most want to be higher than they are (`gaps_from: "desired"`); without anyone's
    /// wanted positions, where the group agrees its score is in a lower band (`"scores"`).
    pub shared_gaps: Vec<TalkRef>,
    pub gaps_from: GapsFrom,
    /// Dimensions with the least spread, least first, each with its band.
    pub agreed: Vec<TalkRef>,
    /// The ids of the `agreed` dimensions whose mean is in an upper band: only these are
    /// strengths.
    pub shared_strengths: Vec<String>,
    /// The standard deviation at or below which spread counts as low.
    pub low_spread: f64,
}

/// Where the shared gaps come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum GapsFrom {
    /// Participants' wanted positions.
    Desired,
    /// Low, agreed scores (nobody said where they want to be).
    Scores,
}

#[derive(Debug, Clone, Serialize)]
pub struct TalkRef {
    pub id: String,
    pub name: String,
    /// The dimension's name (for a dimension, its own).
    pub dimension: String,
    pub mean: Option<f64>,
    pub sd: Option<f64>,
    /// The name of the band the mean falls in.
    pub band: Option<String>,
    /// How many answers fell on each point, lowest first: for a statement the answers as
    /// given, for a dimension its statements' answers as scored. `None` where withheld.
    pub counts: Option<Vec<usize>>,
    /// A reverse-scored statement: `counts` and `answer_mean` are the answers as given, `mean`
    /// is as scored.
    pub reverse: bool,
    /// The mean of the answers as given (differs from `mean` for reverse-scored statements).
    pub answer_mean: Option<f64>,
    /// For a shared gap: how many want to be higher than they are, of how many said both;
    /// `None` where distributions are withheld.
    pub wanting_more: Option<usize>,
    pub of: Option<usize>,
    /// For a shared gap: how many participants gave no wanted position (or no score) here.
    pub without_target: Option<usize>,
    /// For a shared gap: the mean wanted position.
    pub desired_mean: Option<f64>,
    /// The words of the lowest and the highest point `counts` run between (a statement's own
    /// answer set, else the scale's), to label a chart's ends.
    pub ends: [String; 2],
}

/// The labels of the lowest and highest points of `labels`.
fn ends_of(labels: &std::collections::BTreeMap<i64, String>) -> [String; 2] {
    let word = |l: Option<(&i64, &String)>| l.map_or_else(String::new, |(_, w)| w.clone());
    [
        word(labels.first_key_value()),
        word(labels.last_key_value()),
    ]
}

impl TalkRef {
    fn item(rubric: &Rubric, i: &ItemStats) -> TalkRef {
        TalkRef {
            id: i.id.clone(),
            name: i.statement.clone(),
            dimension: i.dimension.clone(),
            mean: i.stats.mean,
            sd: i.stats.sd,
            band: band_name(rubric, i.stats.mean),
            counts: i.stats.counts.clone(),
            reverse: i.reverse,
            answer_mean: i.answer_mean,
            wanting_more: None,
            of: None,
            without_target: None,
            desired_mean: None,
            ends: match rubric.find_item(&i.id) {
                Some(r) => ends_of(rubric.labels_for(r.dimension, r.item)),
                None => ends_of(&rubric.scale.labels),
            },
        }
    }

    fn dimension(rubric: &Rubric, d: &DimensionStats) -> TalkRef {
        TalkRef {
            id: d.id.clone(),
            name: d.name.clone(),
            dimension: d.name.clone(),
            mean: d.stats.mean,
            sd: d.stats.sd,
            band: band_name(rubric, d.stats.mean),
            counts: d.stats.counts.clone(),
            reverse: false,
            answer_mean: d.stats.mean,
            wanting_more: None,
            of: None,
            without_target: None,
            desired_mean: d.desired.as_ref().and_then(|s| s.mean),
            ends: ends_of(&rubric.scale.labels),
        }
    }
}

/// What to talk about first. Spread is low at a standard deviation of a fifth of the scale or
/// less, and divided above it, so nothing is both divided and agreed.
pub(super) fn talk(
    rubric: &Rubric,
    items: &[ItemStats],
    dims: &[DimensionStats],
    participants: &[Participant],
    withhold: bool,
) -> Talk {
    let low_spread = round2((rubric.scale.max - rubric.scale.min) as f64 / 5.0);
    let divided = |sd: Option<f64>| sd.is_some_and(|s| s > low_spread);
    // A statement about one's own experience ("I ...") is answered of different things by
    // different people: its spread is not a difference of view, so it is not offered here.
    let own = |i: &ItemStats| {
        rubric
            .find_item(&i.id)
            .is_some_and(|r| r.item.is_first_person())
    };
    let mut spread_items: Vec<&ItemStats> = items
        .iter()
        .filter(|i| divided(i.stats.sd) && !own(i))
        .collect();
    spread_items.sort_by(|a, b| by_cmp(b.stats.sd, a.stats.sd));
    let mut spread_dims: Vec<&DimensionStats> =
        dims.iter().filter(|d| divided(d.stats.sd)).collect();
    spread_dims.sort_by(|a, b| by_cmp(b.stats.sd, a.stats.sd));
    let mut agreed: Vec<&DimensionStats> = dims
        .iter()
        .filter(|d| d.stats.n >= 2 && d.stats.sd.is_some_and(|s| s <= low_spread))
        .collect();
    agreed.sort_by(|a, b| by_cmp(a.stats.sd, b.stats.sd));
    let agreed: Vec<TalkRef> = agreed
        .into_iter()
        .take(SHOWN)
        .map(|d| TalkRef::dimension(rubric, d))
        .collect();
    let shared_strengths = agreed
        .iter()
        .filter(|t| in_band(rubric, t.mean, crate::model::rubric::Rubric::is_upper))
        .map(|t| t.id.clone())
        .collect();
    let (shared_gaps, gaps_from) = gaps(rubric, dims, participants, withhold, low_spread);
    Talk {
        items: spread_items
            .into_iter()
            .take(SHOWN)
            .map(|i| TalkRef::item(rubric, i))
            .collect(),
        dimensions: spread_dims
            .into_iter()
            .take(SHOWN)
            .map(|d| TalkRef::dimension(rubric, d))
            .collect(),
        shared_gaps,
        gaps_from,
        agreed,
        shared_strengths,
        low_spread,
    }
}

fn in_band(
    rubric: &Rubric,
    mean: Option<f64>,
    kind: impl Fn(&Rubric, &crate::model::rubric::Band) -> bool,
) -> bool {
    mean.and_then(|m| rubric.band_for(m))
        .is_some_and(|b| kind(rubric, b))
}

/// The shared gaps. Where anyone said where they want to be: the dimensions where more than
/// half of those who said it (and have a score) want to be higher than they score now, the
/// largest difference of the means first. Otherwise: the agreed dimensions whose mean is in a
/// lower band, lowest first.
fn gaps(
    rubric: &Rubric,
    dims: &[DimensionStats],
    participants: &[Participant],
    withhold: bool,
    low_spread: f64,
) -> (Vec<TalkRef>, GapsFrom) {
    if dims.iter().any(|d| d.desired.is_some()) {
        let mut found: Vec<(f64, TalkRef)> = dims
            .iter()
            .enumerate()
            .filter_map(|(k, d)| {
                let (more, of) = wanting_more(participants, k);
                let difference = d.desired.as_ref()?.mean? - d.stats.mean?;
                (2 * more > of).then(|| {
                    let mut t = TalkRef::dimension(rubric, d);
                    (t.wanting_more, t.of, t.without_target) = match withhold {
                        true => (None, None, None),
                        false => (Some(more), Some(of), Some(participants.len() - of)),
                    };
                    (difference, t)
                })
            })
            .collect();
        found.sort_by(|a, b| b.0.total_cmp(&a.0));
        let gaps = found.into_iter().take(SHOWN).map(|(_, t)| t).collect();
        return (gaps, GapsFrom::Desired);
    }
    let mut low: Vec<&DimensionStats> = dims
        .iter()
        .filter(|d| d.stats.n >= 2 && d.stats.sd.is_some_and(|s| s <= low_spread))
        .filter(|d| in_band(rubric, d.stats.mean, crate::model::rubric::Rubric::is_lower))
        .collect();
    low.sort_by(|a, b| by_cmp(a.stats.mean, b.stats.mean));
    let gaps = low
        .into_iter()
        .take(SHOWN)
        .map(|d| TalkRef::dimension(rubric, d))
        .collect();
    (gaps, GapsFrom::Scores)
}

/// On dimension `k`: how many want to be higher than they score now, of how many have both a
/// score and a wanted position.
fn wanting_more(participants: &[Participant], k: usize) -> (usize, usize) {
    participants
        .iter()
        .filter_map(|p| Some((p.dimension(k)?, p.desired.get(k).copied().flatten()? as f64)))
        .fold((0, 0), |(more, of), (now, wanted)| {
            (more + usize::from(wanted > now), of + 1)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::agreement::Agreement;
    use crate::analysis::stats::Stats;

    const RUBRIC: &str = r#"
id: t
title: T
version: "1"
source: {authors: [A], title: S}
description: D
scale: {min: 1, max: 5, labels: {1: a, 2: b, 3: c, 4: d, 5: e}}
bands:
  - {id: low, name: Low, from: 1, to: 2.5}
  - {id: mid, name: Middle, from: 2.5, to: 3.75}
  - {id: high, name: High, from: 3.75, to: 5}
groups:
  - id: g
    name: G
    description: D
    dimensions:
      - {id: d1, name: D1, question: Q, description: D, items: [{id: a, statement: A}]}
      - {id: d2, name: D2, question: Q, description: D, items: [{id: b, statement: B}]}
      - {id: d3, name: D3, question: Q, description: D, items: [{id: mine, statement: I know whom to ask.}, {id: ours, statement: Members know whom to ask.}]}
"#;

    fn stats(n: usize, mean: f64, sd: f64) -> Stats {
        Stats {
            n,
            mean: Some(mean),
            sd: Some(sd),
            ..Stats::default()
        }
    }

    fn dim(id: &str, n: usize, mean: f64, sd: f64) -> DimensionStats {
        DimensionStats {
            id: id.into(),
            name: id.into(),
            group: "G".into(),
            question: "Q".into(),
            stats: stats(n, mean, sd),
            band: None,
            percent: None,
            agreement: Agreement {
                ordinal: None,
                interval: None,
                undefined: None,
                pairable: 0,
            }
            .into(),
            desired: None,
        }
    }

    fn item(id: &str, sd: f64) -> ItemStats {
        ItemStats {
            id: id.into(),
            statement: id.into(),
            dimension: "D".into(),
            reverse: false,
            stats: stats(3, 3.0, sd),
            answer_mean: Some(3.0),
            dk: 0,
        }
    }

    fn ids(refs: &[TalkRef]) -> Vec<&str> {
        refs.iter().map(|r| r.id.as_str()).collect()
    }

    /// A participant with a score and a wanted position on each of two dimensions.
    fn person(scores: [f64; 2], wanted: [Option<i64>; 2]) -> Participant {
        Participant {
            label: String::new(),
            name: None,
            role: None,
            file: String::new(),
            complete: true,
            date: String::new(),
            answers: Vec::new(),
            desired: wanted.to_vec(),
            notes: vec![None, None],
            scores: crate::analysis::compare::Scored::new(&scores.map(Some), &[], None),
        }
    }

    #[test]
    fn divided_above_a_fifth_of_the_scale_agreed_at_or_below_it() {
        // On 1..5 spread is low at an sd of 0.8 or less.
        let r = Rubric::parse(RUBRIC).unwrap();
        let dims = [
            dim("agreed-middle", 3, 3.0, 0.8),
            dim("agreed-high", 3, 4.0, 0.3),
            dim("spread", 3, 4.0, 0.81),
            dim("one-person", 1, 4.0, 0.0),
        ];
        let items = [item("at-limit", 0.8), item("past-limit", 0.81)];
        let t = talk(&r, &items, &dims, &[], false);
        assert_eq!(t.low_spread, 0.8);
        assert_eq!(ids(&t.items), ["past-limit"]);
        assert_eq!(ids(&t.dimensions), ["spread"]);
        assert_eq!(
            ids(&t.agreed),
            ["agreed-high", "agreed-middle"],
            "least spread first"
        );
        assert_eq!(t.agreed[1].band.as_deref(), Some("Middle"));
        // Only the one in the upper band is a strength: 3.0 is agreed, not strong.
        assert_eq!(t.shared_strengths, ["agreed-high"]);
    }

    #[test]
    fn without_wanted_positions_a_gap_is_agreed_and_in_a_lower_band() {
        let r = Rubric::parse(RUBRIC).unwrap();
        let dims = [
            dim("low", 3, 2.0, 0.5),
            dim("lower", 3, 1.5, 0.5),
            dim("middle", 3, 2.6, 0.5),
            dim("low-but-divided", 3, 2.0, 1.5),
        ];
        let t = talk(&r, &[], &dims, &[], false);
        assert_eq!(t.gaps_from, GapsFrom::Scores);
        assert_eq!(ids(&t.shared_gaps), ["lower", "low"], "lowest first");
    }

    #[test]
    fn with_wanted_positions_a_gap_is_where_most_want_higher() {
        let r = Rubric::parse(RUBRIC).unwrap();
        let mut d1 = dim("d1", 3, 3.0, 0.5);
        d1.desired = Some(stats(3, 4.0, 0.0));
        let mut d2 = dim("d2", 3, 3.0, 0.5);
        d2.desired = Some(stats(3, 3.67, 0.6));
        // d1: all three want 4, two score below it. d2: one of three wants higher.
        let people = [
            person([3.0, 3.0], [Some(4), Some(5)]),
            person([3.5, 3.0], [Some(4), Some(3)]),
            person([4.0, 3.0], [Some(4), None]),
        ];
        let t = talk(&r, &[], &[d1.clone(), d2.clone()], &people, false);
        assert_eq!(t.gaps_from, GapsFrom::Desired);
        assert_eq!(ids(&t.shared_gaps), ["d1"]);
        let gap = &t.shared_gaps[0];
        assert_eq!((gap.wanting_more, gap.of), (Some(2), Some(3)));
        assert_eq!(gap.desired_mean, Some(4.0));
        // Exactly half is not most: d2 with one of two.
        assert_eq!(wanting_more(&people, 1), (1, 2));
        // A small anonymized group: the gap is named, its counts withheld.
        let withheld = talk(&r, &[], &[d1, d2], &people, true);
        assert_eq!(withheld.shared_gaps[0].wanting_more, None);
        assert_eq!(withheld.shared_gaps[0].of, None);
        // Three people: the counts of who gave no target come with them.
        assert_eq!(t.shared_gaps[0].without_target, Some(0));
    }

    #[test]
    fn a_statement_about_ones_own_experience_is_not_a_difference_of_view() {
        let r = Rubric::parse(RUBRIC).unwrap();
        let items = [item("mine", 1.5), item("ours", 1.2)];
        let t = talk(&r, &items, &[], &[], false);
        assert_eq!(
            ids(&t.items),
            ["ours"],
            "the spread of an I-statement is not offered"
        );
    }
}
