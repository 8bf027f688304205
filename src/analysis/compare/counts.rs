//! Answers counted once, per item and point of the scale, and the statistics built on the
//! counts: per item, dimension, group and overall, with agreement. One pass over the answers,
//! so the work grows linearly with the number of participants.

use std::ops::Range;

use super::{AgreementView, DimensionStats, GroupStats, ItemStats, Participant, Stored};
use crate::analysis::agreement::Reliability;
use crate::analysis::agreement_interval::{alpha_interval, Metric};

/// Bootstrap replicates for the interval of alpha (Hayes and Krippendorff use 1,000 and more).
const REPLICATES: usize = 1000;

/// The seed when none is given: reports are the same each time.
pub const DEFAULT_SEED: u64 = 1;
use crate::analysis::score::round2;
use crate::analysis::stats::Stats;
use crate::model::rubric::Rubric;

/// The answers of a group, counted.
pub(super) struct Counts {
    min: i64,
    max: i64,
    /// Points on the scale.
    points: usize,
    /// Per item: how many chose each point, lowest first, as given.
    raw: Vec<Vec<usize>>,
    /// Per item: the same, as scored (reverse items flipped).
    scored: Vec<Vec<usize>>,
    /// Per item: how many said "not applicable", and "don't know".
    na: Vec<usize>,
    dk: Vec<usize>,
    /// Per dimension, in the rubric's order: its items' range in the item lists.
    dims: Vec<Range<usize>>,
    /// Distributions are withheld (a small group, anonymized).
    withhold: bool,
    /// The bootstrap's seed, so that a report is the same each time it is made.
    pub(super) seed: u64,
}

impl Counts {
    /// Counts every participant's answers to `rubric`.
    pub(super) fn tally(rubric: &Rubric, participants: &[Participant], withhold: bool) -> Counts {
        let (min, max) = (rubric.scale.min, rubric.scale.max);
        let points = (max - min + 1) as usize;
        let n_items = rubric.item_count();
        let mut raw = vec![vec![0usize; points]; n_items];
        let mut na = vec![0usize; n_items];
        let mut dk = vec![0usize; n_items];
        for p in participants {
            for (i, a) in p.answers.iter().enumerate() {
                match *a {
                    Stored::Unanswered => {}
                    Stored::NotApplicable => na[i] += 1,
                    Stored::DontKnow => dk[i] += 1,
                    Stored::Point(offset) => raw[i][usize::from(offset)] += 1,
                }
            }
        }
        let scored = rubric
            .items()
            .zip(&raw)
            .map(|(r, c)| match r.item.reverse {
                true => c.iter().rev().copied().collect(),
                false => c.clone(),
            })
            .collect();
        let mut dims = Vec::new();
        let mut first = 0;
        for (_, d) in rubric.dimensions() {
            dims.push(first..first + d.items.len());
            first += d.items.len();
        }
        Counts {
            min,
            max,
            points,
            raw,
            scored,
            na,
            dk,
            dims,
            withhold,
            seed: DEFAULT_SEED,
        }
    }

    /// `counts`, unless distributions are withheld.
    fn shown(&self, counts: Vec<usize>) -> Option<Vec<usize>> {
        (!self.withhold).then_some(counts)
    }

    /// The scored counts of the items in `range`, added up per point.
    fn sum(&self, range: Range<usize>) -> Vec<usize> {
        let mut total = vec![0usize; self.points];
        for c in &self.scored[range] {
            for (t, v) in total.iter_mut().zip(c) {
                *t += v;
            }
        }
        total
    }

    /// Agreement over the items in `range`, with its bootstrap interval (ordinal metric).
    fn agreement_over(&self, range: Range<usize>) -> AgreementView {
        let mut rel = Reliability::new(self.points);
        for c in &self.scored[range.clone()] {
            rel.add_unit(c);
        }
        let interval = alpha_interval(
            &self.scored[range],
            self.points,
            Metric::Ordinal,
            REPLICATES,
            self.seed,
        );
        AgreementView::with_interval(rel.agreement(), interval)
    }

    /// Agreement over all items.
    pub(super) fn agreement(&self) -> AgreementView {
        self.agreement_over(0..self.scored.len())
    }

    /// Statistics per item: of the scores (reverse items flipped), with the answers as given
    /// as its counts.
    pub(super) fn items(&self, rubric: &Rubric) -> Vec<ItemStats> {
        rubric
            .items()
            .enumerate()
            .map(|(i, r)| {
                let mut stats = Stats::from_counts(self.min, self.scored[i].clone(), self.na[i]);
                let answer_mean = match r.item.reverse {
                    true => Stats::from_counts(self.min, self.raw[i].clone(), 0).mean,
                    false => stats.mean,
                };
                stats.counts = self.shown(self.raw[i].clone());
                ItemStats {
                    id: r.item.id.clone(),
                    statement: r.item.statement.trim().to_string(),
                    dimension: r.dimension.name.clone(),
                    reverse: r.item.reverse,
                    stats,
                    answer_mean,
                    dk: self.dk[i],
                }
            })
            .collect()
    }

    /// Statistics per dimension: of the participants' dimension scores, with agreement and
    /// where people want to be; and whether anyone said where they want to be.
    pub(super) fn dimensions(
        &self,
        rubric: &Rubric,
        participants: &[Participant],
    ) -> (Vec<DimensionStats>, bool) {
        let mut has_desired = false;
        let dims = rubric
            .dimensions()
            .enumerate()
            .map(|(k, (g, d))| {
                let stats = column(
                    participants,
                    |p| p.dimension(k),
                    self.shown(self.sum(self.dims[k].clone())),
                );
                let desired = self.desired(participants, k);
                has_desired |= desired.is_some();
                DimensionStats {
                    id: d.id.clone(),
                    name: d.name.clone(),
                    group: g.name.clone(),
                    question: d.question.clone(),
                    percent: self.percent(stats.mean),
                    band: super::band_name(rubric, stats.mean),
                    stats,
                    agreement: self.agreement_over(self.dims[k].clone()),
                    desired,
                }
            })
            .collect();
        (dims, has_desired)
    }

    /// Where participants want to be on dimension `k`; `None` when nobody said.
    fn desired(&self, participants: &[Participant], k: usize) -> Option<Stats> {
        let mut wanted = vec![0usize; self.points];
        let mut none = 0;
        for p in participants {
            match p.desired.get(k).copied().flatten() {
                Some(v) if (self.min..=self.max).contains(&v) => {
                    wanted[(v - self.min) as usize] += 1;
                }
                _ => none += 1,
            }
        }
        (wanted.iter().sum::<usize>() > 0).then(|| {
            let mut s = Stats::from_counts(self.min, wanted, none);
            if self.withhold {
                s.counts = None;
            }
            s
        })
    }

    /// Statistics per group, of the participants' group scores.
    pub(super) fn groups(&self, rubric: &Rubric, participants: &[Participant]) -> Vec<GroupStats> {
        let mut first_dim = 0;
        rubric
            .groups
            .iter()
            .enumerate()
            .map(|(k, g)| {
                let dims = first_dim..first_dim + g.dimensions.len();
                first_dim = dims.end;
                let items = match (self.dims.get(dims.start), self.dims.get(dims.end - 1)) {
                    (Some(a), Some(b)) => a.start..b.end,
                    _ => 0..0,
                };
                GroupStats {
                    id: g.id.clone(),
                    name: g.name.clone(),
                    stats: column(participants, |p| p.group(k), self.shown(self.sum(items))),
                }
            })
            .collect()
    }

    /// Statistics of the participants' overall scores.
    pub(super) fn overall(&self, participants: &[Participant]) -> Stats {
        let all = self.shown(self.sum(0..self.scored.len()));
        column(participants, Participant::overall, all)
    }

    /// A mean's place on the scale, 0 to 100.
    fn percent(&self, mean: Option<f64>) -> Option<f64> {
        let span = (self.max - self.min) as f64;
        mean.map(|v| round2((v - self.min as f64) / span * 100.0))
    }
}

/// Statistics of one score per participant (those without one counted apart), with `counts`.
fn column(
    participants: &[Participant],
    score: impl Fn(&Participant) -> Option<f64>,
    counts: Option<Vec<usize>>,
) -> Stats {
    let mut values = Vec::with_capacity(participants.len());
    let mut none = 0;
    for p in participants {
        match score(p) {
            Some(v) => values.push(v),
            None => none += 1,
        }
    }
    Stats::from_values(&mut values, none, counts)
}
