//! A group's responses on one rubric, side by side: statistics per item, dimension, group and
//! overall; agreement (Krippendorff's alpha); what to talk about; where people want to go;
//! differences between perspectives (roles); and the participants' notes.
//!
//! Each response is reduced to a compact [`Participant`] as it is read, and every statistic is
//! built from per-item counts, so time and memory grow linearly with the number of responses.
//! The [`Comparison`] holds the numbers; `present::view::group` adds what a reader needs around
//! them (the rubric, the charts) for the JSON output and the templates.
//!
//! - [`counts`]: answers counted per item and point, and the statistics built on them;
//! - [`talk`]: what to talk about first;
//! - [`by_role`]: perspectives side by side;
//! - [`change`]: what changed since an earlier round.

use serde::Serialize;

use crate::analysis::agreement::{self, Agreement};
use crate::analysis::score::{self, round2};
use crate::analysis::stats::Stats;
use crate::model::response::{Answer, Response};
use crate::model::rubric::Rubric;

mod by_role;
mod change;
mod counts;
pub use counts::DEFAULT_SEED;
mod rows;
mod talk;

pub use by_role::{ByRole, RoleDimension, RoleInfo};
pub use change::{change_over_time, ChangeOverTime, DimensionChange, PersonChange};
pub use rows::ParticipantRows;
pub use talk::{GapsFrom, Talk, TalkRef};

/// How the comparison is made and shown.
#[derive(Debug, Clone)]
pub struct Options {
    /// Participants become "Participant A", "B", ...; no name, community, note or file name is
    /// shown.
    pub anonymize: bool,
    /// With `anonymize`, distributions of groups smaller than this are withheld.
    pub min_group: usize,
    /// With `anonymize`, show the notes anyway (without saying whose they are).
    pub with_notes: bool,
    /// Statistics side by side per role.
    pub by_role: bool,
    /// The seed of the bootstrap interval of agreement.
    pub seed: u64,
}

/// Above this many participants, the participants × dimensions table is left to JSON and CSV.
pub const MATRIX_LIMIT: usize = 100;

/// One answer, compact (two bytes): a point of the scale as its offset from the scale's
/// minimum (a scale has at most 21 points), "not applicable", or no answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stored {
    Point(u8),
    NotApplicable,
    DontKnow,
    Unanswered,
}

/// One participant's answers, compact.
#[derive(Debug, Clone)]
pub struct Participant {
    pub label: String,
    pub name: Option<String>,
    pub role: Option<String>,
    pub file: String,
    pub complete: bool,
    /// When the response was answered (completed, else started), YYYY-MM-DD.
    pub date: String,
    /// Per item, in the rubric's order.
    answers: Vec<Stored>,
    /// Per dimension: where the person wants to be, and their note; empty when they gave none.
    desired: Vec<Option<i64>>,
    notes: Vec<Option<String>>,
    scores: Scored,
}

/// A person's scores in one list (each dimension's, then each group's, then the overall), NaN
/// where there is none (too few answers): a third of the memory of three lists of options,
/// which counts at 100,000 people. No score is NaN: each is a mean of points.
#[derive(Debug, Clone)]
struct Scored {
    values: Box<[f64]>,
    dimensions: usize,
}

impl Scored {
    fn new(dimensions: &[Option<f64>], groups: &[Option<f64>], overall: Option<f64>) -> Scored {
        Scored {
            values: dimensions
                .iter()
                .chain(groups)
                .chain(std::iter::once(&overall))
                .map(|v| v.unwrap_or(f64::NAN))
                .collect(),
            dimensions: dimensions.len(),
        }
    }

    fn at(&self, i: usize) -> Option<f64> {
        self.values.get(i).copied().filter(|v| !v.is_nan())
    }
}

impl Participant {
    /// The score on dimension `k` (in the rubric's order), if there is one.
    fn dimension(&self, k: usize) -> Option<f64> {
        (k < self.scores.dimensions)
            .then(|| self.scores.at(k))
            .flatten()
    }

    /// The scores on every dimension, in the rubric's order.
    fn dimensions(&self) -> impl Iterator<Item = Option<f64>> + '_ {
        (0..self.scores.dimensions).map(|k| self.scores.at(k))
    }

    /// The score on group `k` (in the rubric's order), if there is one.
    fn group(&self, k: usize) -> Option<f64> {
        let i = self.scores.dimensions + k;
        (i + 1 < self.scores.values.len())
            .then(|| self.scores.at(i))
            .flatten()
    }

    /// The overall score, if there is one.
    fn overall(&self) -> Option<f64> {
        self.scores.at(self.scores.values.len() - 1)
    }
}

impl Participant {
    /// How many of the statements `rubric` asks of this person they answered (a point on the
    /// scale, not applicable or don't know), and how many it asks.
    pub fn answered_of(&self, rubric: &Rubric) -> (usize, usize) {
        let role = self.role.as_deref();
        rubric
            .items()
            .zip(&self.answers)
            .filter(|(r, _)| rubric.asks(r.item, role))
            .fold((0, 0), |(done, asked), (_, a)| match a {
                Stored::Unanswered => (done, asked + 1),
                _ => (done + 1, asked + 1),
            })
    }

    /// Reduces a response (already checked against `rubric`) to what comparing needs.
    pub fn new(rubric: &Rubric, response: &Response, file: String) -> Participant {
        let min = rubric.scale.min;
        let answers = rubric
            .items()
            .map(|r| match response.answers.get(&r.item.id) {
                // The response was checked against the rubric: the offset fits the scale.
                Some(Answer::Score(v)) => v
                    .checked_sub(min)
                    .and_then(|o| u8::try_from(o).ok())
                    .map_or(Stored::Unanswered, Stored::Point),
                Some(Answer::NotApplicable { .. }) => Stored::NotApplicable,
                Some(Answer::DontKnow) => Stored::DontKnow,
                None => Stored::Unanswered,
            })
            .collect();
        let scores = score::scores_only(rubric, response);
        let (mut desired, mut notes): (Vec<Option<i64>>, Vec<Option<String>>) = rubric
            .dimensions()
            .map(|(_, d)| {
                let a = response.dimensions.get(&d.id);
                (a.and_then(|a| a.desired), a.and_then(|a| a.note.clone()))
            })
            .unzip();
        // Most people give no note, many no wanted position: an empty list costs nothing.
        if desired.iter().all(Option::is_none) {
            desired = Vec::new();
        }
        if notes.iter().all(Option::is_none) {
            notes = Vec::new();
        }
        desired.shrink_to_fit();
        notes.shrink_to_fit();
        Participant {
            label: String::new(),
            name: response.name.clone(),
            role: response
                .role
                .as_deref()
                .map(str::trim)
                .filter(|r| !r.is_empty())
                .map(str::to_string),
            file,
            complete: response.is_complete(),
            date: crate::model::response::date_of(
                response.completed.as_deref().unwrap_or(&response.started),
            )
            .to_string(),
            answers,
            desired,
            notes,
            scores: Scored::new(&scores.dimensions, &scores.groups, scores.overall),
        }
    }

    /// The answers as given, in the rubric's item order: the point on `rubric`'s scale, or
    /// none for "not applicable" and unanswered (told apart by [`Stored`]).
    pub fn given<'a>(
        &'a self,
        rubric: &'a Rubric,
    ) -> impl Iterator<Item = (Stored, Option<i64>)> + 'a {
        self.answers.iter().map(move |a| match *a {
            Stored::Point(offset) => (*a, Some(rubric.scale.min + i64::from(offset))),
            other => (other, None),
        })
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    /// The scale's points, lowest first: the order of every `counts` list.
    pub scale_points: Vec<i64>,
    pub participants: ParticipantRows,
    pub anonymized: bool,
    /// What the reader should know: what was withheld, rubric versions that differ.
    pub notices: Vec<String>,
    pub overall: Stats,
    /// The name of the band the overall mean falls in.
    pub overall_band: Option<String>,
    pub agreement: AgreementView,
    pub groups: Vec<GroupStats>,
    pub dimensions: Vec<DimensionStats>,
    pub items: Vec<ItemStats>,
    pub talk: Talk,
    pub has_desired: bool,
    pub by_role: Option<ByRole>,
    pub notes: Vec<DimensionNotes>,
    /// Notes exist but were left out (anonymized without --with-notes).
    pub notes_omitted: bool,
    /// Whether the participants × dimensions table is small enough to show.
    pub show_matrix: bool,
    /// What changed since an earlier round (`--baseline`); `None` without one.
    pub change: Option<ChangeOverTime>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ParticipantRow {
    pub label: String,
    /// Absent when anonymized.
    pub role: Option<String>,
    /// The response file; absent when anonymized.
    pub file: Option<String>,
    pub complete: bool,
    pub overall: Option<f64>,
    /// Dimension scores in the rubric's order.
    pub dimensions: Vec<Option<f64>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AgreementView {
    pub ordinal: Option<f64>,
    pub interval: Option<f64>,
    pub undefined: Option<String>,
    pub pairable: usize,
    /// How to read the ordinal alpha, after Krippendorff, resting on its 95% interval: "you
    /// largely see this alike" only when the whole interval is from .800.
    pub reading: &'static str,
    /// The bootstrap 95% interval of the ordinal alpha (Hayes and Krippendorff's KALPHA).
    pub low: Option<f64>,
    pub high: Option<f64>,
    /// The probability that alpha is below .667, where Krippendorff draws no conclusions.
    pub p_below_667: Option<f64>,
    /// The interval in words: "could be anywhere from fair to strong agreement".
    pub range: Option<String>,
}

impl AgreementView {
    /// Alpha and its bootstrap interval, read in words.
    pub fn with_interval(
        a: Agreement,
        interval: Option<crate::analysis::agreement_interval::AlphaInterval>,
    ) -> Self {
        let (low, high) = match &interval {
            Some(i) => (Some(i.low), Some(i.high)),
            None => (None, None),
        };
        AgreementView {
            reading: agreement::reading_with_interval(a.ordinal, low),
            ordinal: a.ordinal.map(round3),
            interval: a.interval.map(round3),
            undefined: a.undefined,
            pairable: a.pairable,
            low: low.map(round3),
            high: high.map(round3),
            p_below_667: interval.as_ref().map(|i| round3(i.p_below_667)),
            range: low.zip(high).map(|(l, h)| agreement::range_words(l, h)),
        }
    }
}

impl From<Agreement> for AgreementView {
    fn from(a: Agreement) -> Self {
        AgreementView::with_interval(a, None)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupStats {
    pub id: String,
    pub name: String,
    #[serde(flatten)]
    pub stats: Stats,
}

#[derive(Debug, Clone, Serialize)]
pub struct DimensionStats {
    pub id: String,
    pub name: String,
    pub group: String,
    pub question: String,
    #[serde(flatten)]
    pub stats: Stats,
    /// The name of the band the mean falls in.
    pub band: Option<String>,
    /// The mean's place on the scale, 0 to 100.
    pub percent: Option<f64>,
    pub agreement: AgreementView,
    /// Where participants want to be; `None` when nobody said.
    pub desired: Option<Stats>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ItemStats {
    pub id: String,
    pub statement: String,
    pub dimension: String,
    pub reverse: bool,
    /// Statistics of the item's scores (reverse items flipped); `counts` are the answers as
    /// given, lowest point first.
    #[serde(flatten)]
    pub stats: Stats,
    /// The mean of the answers as given: for a reverse-scored statement, `min + max` minus
    /// the scored `mean`; otherwise the same as `mean`.
    pub answer_mean: Option<f64>,
    /// How many answered "don't know" (not scored; `na` counts "not applicable").
    pub dk: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct DimensionNotes {
    pub id: String,
    pub name: String,
    pub notes: Vec<Note>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Note {
    /// Whose note; `None` when anonymized.
    pub by: Option<String>,
    pub text: String,
}

/// "Participant A", ..., "Participant Z", "Participant AA", ...
pub fn anonymous_label(i: usize) -> String {
    let mut n = i;
    let mut letters = Vec::new();
    loop {
        letters.push((b'A' + (n % 26) as u8) as char);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    letters.reverse();
    format!("Participant {}", letters.into_iter().collect::<String>())
}

/// Compares `participants` (all on `rubric`).
pub fn compare(rubric: &Rubric, participants: &mut [Participant], opts: &Options) -> Comparison {
    label(participants, opts);
    let mut notices = Vec::new();
    let small_group = opts.anonymize && participants.len() < opts.min_group;
    if small_group {
        notices.push(format!(
            "With fewer than {} participants, the distributions of answers are withheld so that no one can be recognised by their answers.",
            opts.min_group
        ));
    }
    let mut counts = counts::Counts::tally(rubric, participants, small_group);
    counts.seed = opts.seed;
    let items = counts.items(rubric);
    let (dimensions, has_desired) = counts.dimensions(rubric, participants);
    let groups = counts.groups(rubric, participants);
    let overall = counts.overall(participants);
    let talk = talk::talk(rubric, &items, &dimensions, participants, small_group);
    let by_role = opts
        .by_role
        .then(|| by_role::by_role(rubric, participants, opts));
    if by_role
        .as_ref()
        .is_some_and(|b| b.roles.iter().any(|r| r.withheld))
    {
        notices.push(format!(
            "Roles with fewer than {} participants are not shown on their own, so that no one can be recognised.",
            opts.min_group
        ));
    }
    if opts.anonymize {
        notices.push(
            "Participants are labelled A, B, C, ... in order of their overall score, lowest first: not by name or file.".to_string(),
        );
    }
    let (notes, notes_omitted) = notes(rubric, participants, opts);
    let rows = rows(participants, opts);
    Comparison {
        scale_points: (rubric.scale.min..=rubric.scale.max).collect(),
        show_matrix: rows.len() <= MATRIX_LIMIT,
        participants: ParticipantRows::new(rows),
        anonymized: opts.anonymize,
        notices,
        overall_band: band_name(rubric, overall.mean),
        overall,
        agreement: counts.agreement(),
        groups,
        dimensions,
        items,
        talk,
        has_desired,
        by_role,
        notes,
        notes_omitted,
        change: None,
    }
}

/// Each participant's label: their name, or "Participant A", ... when anonymized.
///
/// Anonymized, the participants are first put in order of their scores (overall, then each
/// dimension, then their answers), so that neither the labels nor the rows follow the files'
/// order, which usually follows names: "Participant A" is the lowest overall score.
fn label(participants: &mut [Participant], opts: &Options) {
    if opts.anonymize {
        participants.sort_by(|a, b| {
            by_cmp(a.overall(), b.overall())
                .then_with(|| {
                    a.dimensions()
                        .zip(b.dimensions())
                        .map(|(x, y)| by_cmp(x, y))
                        .find(|o| o.is_ne())
                        .unwrap_or(std::cmp::Ordering::Equal)
                })
                .then_with(|| a.answers.cmp(&b.answers))
        });
    }
    for (i, p) in participants.iter_mut().enumerate() {
        p.label = if opts.anonymize {
            anonymous_label(i)
        } else {
            p.name
                .clone()
                .filter(|n| !n.trim().is_empty())
                .unwrap_or_else(|| format!("anonymous ({})", p.file))
        };
    }
    if !opts.anonymize {
        disambiguate(participants);
    }
}

/// Two people of one name get two labels: the second "Eli Sand (2)", the third "Eli Sand (3)",
/// so that their columns, notes and links can be told apart.
fn disambiguate(participants: &mut [Participant]) {
    // Every label in use: the names as given, and each new one as it is made.
    let mut used: std::collections::HashSet<String> =
        participants.iter().map(|p| p.label.clone()).collect();
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for p in participants.iter_mut() {
        let n = seen.entry(p.label.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            // Among len + 1 candidates one is free: the set holds len labels.
            let label = (*n..=*n + used.len())
                .map(|k| format!("{} ({k})", p.label))
                .find(|l| !used.contains(l))
                .unwrap_or_default();
            used.insert(label.clone());
            p.label = label;
        }
    }
}

/// The participants' notes per dimension, attributed unless anonymized; left out (and said so)
/// when anonymized without `with_notes`.
fn notes(
    rubric: &Rubric,
    participants: &[Participant],
    opts: &Options,
) -> (Vec<DimensionNotes>, bool) {
    let any_notes = participants
        .iter()
        .any(|p| p.notes.iter().any(Option::is_some));
    if opts.anonymize && !opts.with_notes && any_notes {
        return (Vec::new(), true);
    }
    let notes = rubric
        .dimensions()
        .enumerate()
        .map(|(k, (_, d))| DimensionNotes {
            id: d.id.clone(),
            name: d.name.clone(),
            notes: participants
                .iter()
                .filter_map(|p| {
                    p.notes.get(k)?.as_ref().map(|t| Note {
                        by: (!opts.anonymize).then(|| p.label.clone()),
                        text: t.clone(),
                    })
                })
                .collect(),
        })
        .filter(|n| !n.notes.is_empty())
        .map(|mut n: DimensionNotes| {
            // Unattributed notes in the order of their text, not of the participants.
            if opts.anonymize {
                n.notes.sort_by(|a, b| a.text.cmp(&b.text));
            }
            n
        })
        .collect();
    (notes, false)
}

/// One row per participant: label, scores, and (unless anonymized) role and file.
fn rows(participants: &[Participant], opts: &Options) -> Vec<ParticipantRow> {
    participants
        .iter()
        .map(|p| ParticipantRow {
            label: p.label.clone(),
            role: if opts.anonymize { None } else { p.role.clone() },
            file: if opts.anonymize {
                None
            } else {
                Some(p.file.clone())
            },
            complete: p.complete,
            overall: p.overall().map(round2),
            dimensions: p.dimensions().map(|d| d.map(round2)).collect(),
        })
        .collect()
}

/// The name of the band `score` falls in.
pub(crate) fn band_name(rubric: &Rubric, score: Option<f64>) -> Option<String> {
    score
        .and_then(|m| rubric.band_for(m))
        .map(|b| b.name.clone())
}

fn round3(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}

/// Orders optional numbers, missing ones first.
fn by_cmp(a: Option<f64>, b: Option<f64>) -> std::cmp::Ordering {
    a.partial_cmp(&b).unwrap_or(std::cmp::Ordering::Equal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_persons_scores_are_one_list_with_none_where_there_is_none() {
        let p = Participant {
            label: String::new(),
            name: None,
            role: None,
            file: String::new(),
            complete: false,
            date: String::new(),
            answers: Vec::new(),
            desired: Vec::new(),
            notes: Vec::new(),
            scores: Scored::new(
                &[Some(2.5), None, Some(4.0)],
                &[Some(3.25), None],
                Some(3.0),
            ),
        };
        assert_eq!(
            p.dimensions().collect::<Vec<_>>(),
            [Some(2.5), None, Some(4.0)]
        );
        assert_eq!((p.dimension(2), p.dimension(3)), (Some(4.0), None));
        assert_eq!(
            (p.group(0), p.group(1), p.group(2)),
            (Some(3.25), None, None)
        );
        assert_eq!(p.overall(), Some(3.0));
        let none = Scored::new(&[None], &[None], None);
        assert_eq!(none.at(2), None, "no overall: none, not NaN");
    }
    use crate::model::response::DimensionAnswer;

    const RUBRIC: &str = r#"
id: t
title: T
version: "1"
source: {authors: [A], title: S}
description: D
scale: {min: 1, max: 5, labels: {1: a, 2: b, 3: c, 4: d, 5: e}, not_applicable: true}
bands: [{id: all, name: All, from: 1, to: 5}]
groups:
  - id: g
    name: G
    description: D
    dimensions:
      - id: d1
        name: D1
        question: Q
        description: D
        items: [{id: a, statement: A}, {id: b, statement: B, reverse: true}]
      - id: d2
        name: D2
        question: Q
        description: D
        items: [{id: c, statement: C}]
"#;

    fn people(rubric: &Rubric, rows: &[(&str, &str, [Option<i64>; 3])]) -> Vec<Participant> {
        rows.iter()
            .map(|(name, role, answers)| {
                let mut r = Response::new(rubric);
                r.name = Some(name.to_string());
                r.role = Some(role.to_string());
                for (id, a) in ["a", "b", "c"].iter().zip(answers) {
                    let answer = match a {
                        Some(0) => Answer::NotApplicable { reason: None },
                        Some(v) => Answer::Score(*v),
                        None => continue,
                    };
                    r.answers.insert(id.to_string(), answer);
                }
                r.dimensions.insert(
                    "d1".into(),
                    DimensionAnswer {
                        desired: Some(4),
                        note: Some(format!("note by {name}")),
                    },
                );
                Participant::new(rubric, &r, format!("{name}.yaml"))
            })
            .collect()
    }

    fn opts() -> Options {
        Options {
            seed: 1,
            anonymize: false,
            min_group: 3,
            with_notes: false,
            by_role: true,
        }
    }

    #[test]
    fn people_without_wanted_positions_or_notes_sit_beside_those_with_them() {
        let r = Rubric::parse(RUBRIC).unwrap();
        let mut ps = people(&r, &[("Ana", "leader", [Some(5), Some(1), Some(2)])]);
        let mut quiet = Response::new(&r);
        quiet.name = Some("Bo".into());
        for (id, v) in [("a", 3), ("b", 3), ("c", 2)] {
            quiet.answers.insert(id.into(), Answer::Score(v));
        }
        ps.push(Participant::new(&r, &quiet, "bo.yaml".into()));
        assert!(
            ps[1].desired.is_empty() && ps[1].notes.is_empty(),
            "nothing kept for nothing said"
        );
        let c = compare(
            &r,
            &mut ps,
            &Options {
                with_notes: true,
                ..opts()
            },
        );
        let d1 = c.dimensions[0].desired.as_ref().unwrap();
        assert_eq!((d1.n, d1.na), (1, 1), "Bo said nothing: counted apart");
        assert_eq!(c.notes[0].notes.len(), 1);
    }

    #[test]
    fn statistics_by_hand() {
        let r = Rubric::parse(RUBRIC).unwrap();
        // a: 5, 3, 1 -> mean 3; b (reverse): answers 1, 3, n/a -> scores 5, 3; c: 2, 2, 4
        let p = people(
            &r,
            &[
                ("Ana", "leader", [Some(5), Some(1), Some(2)]),
                ("Bo", "member", [Some(3), Some(3), Some(2)]),
                ("Cy", "member", [Some(1), Some(0), Some(4)]),
            ],
        );
        let mut p = p;
        let c = compare(&r, &mut p, &opts());
        let a = &c.items[0];
        assert_eq!(
            (a.stats.n, a.stats.mean, a.stats.median, a.stats.sd),
            (3, Some(3.0), Some(3.0), Some(2.0))
        );
        assert_eq!(a.stats.counts, Some(vec![1, 0, 1, 0, 1]));
        let b = &c.items[1];
        assert_eq!(
            (b.stats.n, b.stats.na, b.stats.mean),
            (2, 1, Some(4.0)),
            "scores 5 and 3"
        );
        assert_eq!(
            b.stats.counts,
            Some(vec![1, 0, 1, 0, 0]),
            "answers as given: 1 and 3"
        );
        // d1 per person: Ana (5+5)/2 = 5, Bo (3+3)/2 = 3; Cy scored 1 of its 2 statements,
        // too few for a d1 score -> mean 4, sd 1.41
        let d1 = &c.dimensions[0];
        assert_eq!(
            (d1.stats.mean, d1.stats.min, d1.stats.max, d1.stats.sd),
            (Some(4.0), Some(3.0), Some(5.0), Some(1.41))
        );
        assert_eq!((d1.stats.n, d1.stats.na), (2, 1));
        assert_eq!(d1.desired.as_ref().unwrap().mean, Some(4.0));
        // overall per person: Ana (5 + 2)/2 = 3.5, Bo (3 + 2)/2 = 2.5, Cy d2 alone = 4
        assert_eq!(c.overall.mean, Some(3.33));
        assert_eq!(c.overall.median, Some(3.5));
        assert_eq!(c.participants[0].dimensions, vec![Some(5.0), Some(2.0)]);
    }

    #[test]
    fn dont_know_is_counted_per_statement_apart_from_the_answers() {
        let text = RUBRIC.replace(
            "not_applicable: true}",
            "not_applicable: true, dont_know: true}",
        );
        let r = Rubric::parse(&text).unwrap();
        let mut ps: Vec<Participant> = ["Ana", "Bo", "Cy"]
            .iter()
            .map(|name| {
                let mut resp = Response::new(&r);
                resp.name = Some((*name).to_string());
                resp.answers.insert("a".into(), Answer::DontKnow);
                resp.answers.insert("c".into(), Answer::Score(3));
                Participant::new(&r, &resp, format!("{name}.yaml"))
            })
            .collect();
        let c = compare(&r, &mut ps, &opts());
        let a = c.items.iter().find(|i| i.id == "a").unwrap();
        assert_eq!((a.dk, a.stats.n), (3, 0), "three don't knows, no answer");
        assert_eq!(c.items.iter().find(|i| i.id == "c").unwrap().dk, 0);
    }

    #[test]
    fn group_level_counts_add_up_the_scored_answers_and_keep_na_apart() {
        let r = Rubric::parse(RUBRIC).unwrap();
        // Dee leaves a and c unanswered and says n/a to b: neither is an answer, and only b
        // counts as "not applicable".
        let mut p = people(
            &r,
            &[
                ("Ana", "leader", [Some(5), Some(1), Some(2)]),
                ("Bo", "member", [Some(3), Some(3), Some(2)]),
                ("Cy", "member", [Some(1), Some(0), Some(4)]),
                ("Dee", "member", [None, Some(0), None]),
            ],
        );
        let c = compare(&r, &mut p, &opts());
        let (a, b, item_c) = (&c.items[0], &c.items[1], &c.items[2]);
        assert_eq!((a.stats.n, a.stats.na), (3, 0), "unanswered is not n/a");
        assert_eq!((b.stats.n, b.stats.na), (2, 2));
        assert_eq!((item_c.stats.n, item_c.stats.na), (3, 0));
        // Scored counts per point 1..5: a [1,0,1,0,1], b (reverse; answers 1, 3 -> scores 5,
        // 3) [0,0,1,0,1], c [0,2,0,1,0].
        assert_eq!(c.dimensions[0].stats.counts, Some(vec![1, 0, 2, 0, 2]));
        assert_eq!(c.dimensions[1].stats.counts, Some(vec![0, 2, 0, 1, 0]));
        assert_eq!(c.groups[0].stats.counts, Some(vec![1, 2, 2, 1, 2]));
        assert_eq!(c.overall.counts, Some(vec![1, 2, 2, 1, 2]));
        // Dee has no dimension score at all, and Cy scored too few of d1's statements for
        // one: counted apart, not as zero.
        assert_eq!(c.dimensions[0].stats.n, 2);
        assert_eq!(c.participants[3].overall, None);
    }

    #[test]
    fn where_people_want_to_be_and_where_the_means_sit() {
        let r = Rubric::parse(RUBRIC).unwrap();
        let mut p = people(
            &r,
            &[
                ("Ana", "leader", [Some(5), Some(1), Some(2)]),
                ("Bo", "member", [Some(3), Some(3), None]),
                ("Cy", "member", [Some(1), Some(0), None]),
            ],
        );
        // Everyone wants 4 on d1 (the helper), except Cy, whose wish is off the scale (an
        // unchecked file): it is not counted. Nobody said anything about d2.
        p[2].desired[0] = Some(9);
        let c = compare(&r, &mut p, &opts());
        let d1 = c.dimensions[0].desired.as_ref().unwrap();
        assert_eq!((d1.n, d1.na, d1.mean), (2, 1, Some(4.0)));
        assert_eq!(d1.counts, Some(vec![0, 0, 0, 2, 0]));
        assert!(c.dimensions[1].desired.is_none(), "nobody said");
        assert!(c.has_desired);
        // d1's mean 4 (Ana 5, Bo 3; Cy scored 1 of 2 statements, too few) sits three
        // quarters of the way on 1..5; d2's mean 2 a quarter of the way. Two people have no d2
        // score: counted apart.
        assert_eq!(c.dimensions[0].percent, Some(75.0));
        assert_eq!(c.dimensions[1].percent, Some(25.0));
        assert_eq!((c.dimensions[1].stats.n, c.dimensions[1].stats.na), (1, 2));

        let mut nobody = people(&r, &[("Dee", "member", [Some(2), None, None])]);
        nobody[0].desired[0] = None;
        let c = compare(&r, &mut nobody, &opts());
        assert!(!c.has_desired);
        assert!(c.dimensions.iter().all(|d| d.desired.is_none()));
    }

    #[test]
    fn talk_by_spread_and_mean() {
        let r = Rubric::parse(RUBRIC).unwrap();
        let p = people(
            &r,
            &[
                ("Ana", "l", [Some(5), Some(1), Some(4)]),
                ("Bo", "m", [Some(1), Some(1), Some(4)]),
                ("Cy", "m", [Some(3), Some(1), Some(5)]),
            ],
        );
        let mut p = p;
        let c = compare(&r, &mut p, &opts());
        assert_eq!(c.talk.items[0].id, "a", "a is the most spread item");
        // d2 (4, 4, 5) is agreed, but the rubric's one band starts below the middle: agreed,
        // not a strength.
        let agreed: Vec<&str> = c.talk.agreed.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(agreed, ["d2"]);
        assert!(c.talk.shared_strengths.is_empty());
        // Everyone wants d1 at 4: Ana (scores 5, 5) does not want higher, Bo (1, 5 -> 3) and
        // Cy (3, 5 -> 4)... only Bo: not most.
        assert_eq!(c.talk.gaps_from, GapsFrom::Desired);
        assert!(c.talk.shared_gaps.is_empty());
        assert_eq!(c.talk.low_spread, 0.8);
    }

    #[test]
    fn anonymized_names_roles_files_and_notes_never_appear() {
        let r = Rubric::parse(RUBRIC).unwrap();
        let p = people(
            &r,
            &[
                ("Ana Secret", "sponsor", [Some(5), Some(1), Some(2)]),
                ("Bo Hidden", "member", [Some(3), Some(3), Some(2)]),
            ],
        );
        let mut p = p;
        let c = compare(
            &r,
            &mut p,
            &Options {
                anonymize: true,
                ..opts()
            },
        );
        let json = serde_json::to_string(&c).unwrap();
        for leak in ["Ana", "Secret", "Hidden", ".yaml", "note by"] {
            assert!(!json.contains(leak), "{leak} leaked: {json}");
        }
        assert_eq!(c.participants[1].label, "Participant B");
        assert!(c.notes_omitted);
        assert!(
            c.items[0].stats.counts.is_none(),
            "two people: distributions withheld"
        );
        let roles = c.by_role.as_ref().unwrap();
        assert!(roles.roles.iter().all(|r| r.withheld));
        assert!(roles
            .dimensions
            .iter()
            .all(|d| d.stats.iter().all(Option::is_none)));
        assert!(
            c.participants.iter().all(|p| p.role.is_none()),
            "roles are not tied to rows"
        );
        assert_eq!(c.notices.len(), 3, "{:?}", c.notices);
    }

    #[test]
    fn notes_are_unattributed_when_anonymized_and_attributed_otherwise() {
        let r = Rubric::parse(RUBRIC).unwrap();
        let rows = [
            ("Ana Secret", "sponsor", [Some(5), Some(1), Some(2)]),
            ("Bo Hidden", "member", [Some(3), Some(3), Some(2)]),
        ];
        let anonymized = Options {
            anonymize: true,
            with_notes: true,
            ..opts()
        };
        let c = compare(&r, &mut people(&r, &rows), &anonymized);
        assert!(!c.notes_omitted);
        let notes = &c.notes[0].notes;
        assert_eq!(notes.len(), 2);
        assert!(notes.iter().all(|n| n.by.is_none()), "{notes:?}");
        let named = compare(&r, &mut people(&r, &rows), &opts());
        let by: Vec<_> = named.notes[0].notes.iter().map(|n| n.by.clone()).collect();
        assert_eq!(
            by,
            [
                Some("Ana Secret".to_string()),
                Some("Bo Hidden".to_string())
            ]
        );
    }

    #[test]
    fn distributions_are_withheld_below_the_minimum_group_only() {
        let r = Rubric::parse(RUBRIC).unwrap();
        let three = [
            ("A", "member", [Some(5), Some(1), Some(2)]),
            ("B", "member", [Some(3), Some(3), Some(2)]),
            ("C", "member", [Some(1), Some(2), Some(4)]),
        ];
        let anonymized = Options {
            anonymize: true,
            min_group: 3,
            ..opts()
        };
        let at_minimum = compare(&r, &mut people(&r, &three), &anonymized);
        assert!(at_minimum.items[0].stats.counts.is_some(), "3 of 3: shown");
        assert!(!at_minimum.notices.iter().any(|n| n.contains("withheld")));
        let below = compare(&r, &mut people(&r, &three[..2]), &anonymized);
        assert!(below.items[0].stats.counts.is_none(), "2 of 3: withheld");
    }

    #[test]
    fn roles_at_the_minimum_are_shown_and_equal_means_are_not_a_difference() {
        let r = Rubric::parse(RUBRIC).unwrap();
        let rows = [
            ("A", "leader", [Some(5), Some(1), Some(2)]),
            ("B", "leader", [Some(3), Some(3), None]),
            ("C", "member", [Some(3), Some(3), Some(2)]),
            ("D", "member", [Some(5), Some(1), Some(2)]),
        ];
        let anonymized = Options {
            anonymize: true,
            min_group: 2,
            by_role: true,
            ..opts()
        };
        let c = compare(&r, &mut people(&r, &rows), &anonymized);
        let b = c.by_role.as_ref().unwrap();
        assert!(b.roles.iter().all(|r| !r.withheld), "2 of 2: shown");
        // d1: leaders (5 + 3) / 2 = 4, members (3 + 5) / 2 = 4: no difference. d2: leaders 2
        // (B has none: counted apart), members 2: none either.
        assert_eq!(b.dimensions[0].spread, Some(0.0));
        let leaders = b.roles.iter().position(|r| r.role == "leader").unwrap();
        let leaders_d2 = b.dimensions[1].stats[leaders].as_ref().unwrap();
        assert_eq!((leaders_d2.n, leaders_d2.na), (1, 1));
        assert!(b.most_different.is_empty(), "{:?}", b.most_different);
        // A real difference is measured from the lowest mean to the highest.
        let rows = [
            ("A", "leader", [Some(5), Some(1), Some(2)]),
            ("B", "member", [Some(2), Some(4), Some(2)]),
        ];
        let c = compare(
            &r,
            &mut people(&r, &rows),
            &Options {
                by_role: true,
                ..opts()
            },
        );
        let b = c.by_role.unwrap();
        assert_eq!(b.dimensions[0].spread, Some(3.0), "5 against 2");
        assert_eq!(b.most_different.len(), 1);
    }

    #[test]
    fn by_role_side_by_side_and_most_different() {
        let r = Rubric::parse(RUBRIC).unwrap();
        let p = people(
            &r,
            &[
                ("A", "Leader", [Some(5), Some(1), Some(5)]),
                ("B", "leader", [Some(5), Some(1), Some(4)]),
                ("C", "member", [Some(1), Some(5), Some(4)]),
            ],
        );
        let mut p = p;
        let c = compare(&r, &mut p, &opts());
        let b = c.by_role.unwrap();
        assert_eq!(
            b.roles
                .iter()
                .map(|r| (r.role.as_str(), r.n))
                .collect::<Vec<_>>(),
            [("Leader", Some(2)), ("member", Some(1))]
        );
        assert_eq!(b.most_different[0].id, "d1");
        assert_eq!(b.most_different[0].spread, Some(4.0));
    }

    #[test]
    fn one_participant_has_undefined_agreement() {
        let r = Rubric::parse(RUBRIC).unwrap();
        let mut p = people(&r, &[("A", "l", [Some(5), Some(1), Some(5)])]);
        let c = compare(&r, &mut p, &opts());
        assert!(c.agreement.undefined.is_some());
        assert_eq!(c.agreement.reading, "undefined");
    }

    #[test]
    fn change_over_time_matches_people_by_name_and_tracks_spread() {
        let r = Rubric::parse(RUBRIC).unwrap();
        let mut then = people(
            &r,
            &[
                ("Ana", "l", [Some(1), Some(5), Some(1)]),
                ("Bo", "m", [Some(5), Some(1), Some(5)]),
            ],
        );
        let mut now = people(
            &r,
            &[
                ("ana ", "l", [Some(3), Some(3), Some(3)]),
                ("Cy", "m", [Some(4), Some(2), Some(4)]),
            ],
        );
        let c_then = compare(&r, &mut then, &opts());
        let c_now = compare(&r, &mut now, &opts());
        let ch = change_over_time(&r, (&c_now, &c_then), &now, &then, false);
        // d1 then: Ana 1, Bo 5 (mean 3, sd 2.83); now: Ana 3, Cy 4 (mean 3.5, sd 0.71)
        let d1 = &ch.dimensions[0];
        assert_eq!(
            (d1.mean_then, d1.mean_now, d1.change),
            (Some(3.0), Some(3.5), Some(0.5))
        );
        assert_eq!((d1.arrow, d1.spread), ("▲", "narrowed"));
        // No stored reliability: alpha .7 and sd 1 (a quarter of 1..5); SEM .5477; for two
        // people in each round 1.96 · .5477 · √(1/2 + 1/2) = 1.07: +0.5 is within noise.
        assert_eq!((d1.threshold, d1.reliable), (Some(1.07), Some(false)));
        assert_eq!(
            ch.overall.reliable, None,
            "no threshold for the overall mean"
        );
        assert_eq!(ch.people.len(), 1, "Ana is in both rounds");
        assert_eq!(ch.people[0].overall_then, Some(1.0));
        assert_eq!(ch.people[0].change, Some(2.0));
        let anon = change_over_time(&r, (&c_now, &c_then), &now, &then, true);
        assert!(anon.people.is_empty() && !anon.matched_by_name);
    }

    #[test]
    fn anonymized_labels_and_rows_follow_scores_not_names_or_files() {
        let r = Rubric::parse(RUBRIC).unwrap();
        // Alphabetical order (and file order) is the reverse of the score order.
        let mut p = people(
            &r,
            &[
                ("Ana", "member", [Some(5), Some(1), Some(5)]),
                ("Bo", "member", [Some(4), Some(2), Some(4)]),
                ("Cy", "member", [Some(2), Some(4), Some(2)]),
                ("Dee", "member", [Some(1), Some(5), Some(1)]),
            ],
        );
        for (i, person) in p.iter_mut().enumerate() {
            person.notes[0] = Some(format!("{} note", ["zeta", "alpha", "mu", "beta"][i]));
        }
        let anonymized = Options {
            anonymize: true,
            with_notes: true,
            ..opts()
        };
        let c = compare(&r, &mut p, &anonymized);
        let rows: Vec<(String, Option<f64>)> = c
            .participants
            .iter()
            .map(|p| (p.label.clone(), p.overall))
            .collect();
        assert_eq!(
            rows,
            [
                ("Participant A".to_string(), Some(1.0)),
                ("Participant B".to_string(), Some(2.0)),
                ("Participant C".to_string(), Some(4.0)),
                ("Participant D".to_string(), Some(5.0)),
            ],
            "lowest score first, whatever the names"
        );
        let notes: Vec<&str> = c.notes[0].notes.iter().map(|n| n.text.as_str()).collect();
        assert_eq!(notes, ["alpha note", "beta note", "mu note", "zeta note"]);
        assert!(c
            .notices
            .iter()
            .any(|n| n.contains("in order of their overall score")));
        let rows = [
            ("Ana", "member", [Some(5), Some(1), Some(5)]),
            ("Dee", "member", [Some(1), Some(5), Some(1)]),
        ];
        let named = compare(&r, &mut people(&r, &rows), &opts());
        assert_eq!(
            named.participants[0].label, "Ana",
            "named: in the files' order"
        );
    }

    #[test]
    fn two_people_of_one_name_are_told_apart() {
        let mut ps: Vec<Participant> = ["Eli Sand", "Ana", "Eli Sand", "Eli Sand (2)", "Eli Sand"]
            .iter()
            .map(|n| Participant {
                label: String::new(),
                name: Some((*n).to_string()),
                role: None,
                file: String::new(),
                complete: true,
                date: String::new(),
                answers: Vec::new(),
                desired: Vec::new(),
                notes: Vec::new(),
                scores: Scored::new(&[], &[], None),
            })
            .collect();
        let opts = Options {
            anonymize: false,
            min_group: 1,
            with_notes: false,
            by_role: false,
            seed: 1,
        };
        label(&mut ps, &opts);
        let labels: Vec<&str> = ps.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Eli Sand",
                "Ana",
                "Eli Sand (3)",
                "Eli Sand (2)",
                "Eli Sand (4)"
            ]
        );
    }

    #[test]
    fn labels_run_past_z() {
        assert_eq!(anonymous_label(0), "Participant A");
        assert_eq!(anonymous_label(25), "Participant Z");
        assert_eq!(anonymous_label(26), "Participant AA");
        assert_eq!(anonymous_label(27), "Participant AB");
        assert_eq!(anonymous_label(26 * 27), "Participant AAA");
    }
}
