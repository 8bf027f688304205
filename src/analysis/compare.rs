//! A group's responses on one rubric, side by side: statistics per item, dimension, group and
//! overall; agreement (Krippendorff's alpha); what to talk about; where people want to go;
//! differences between perspectives (roles); and the participants' notes.
//!
//! Each response is reduced to a compact [`Participant`] as it is read, and every statistic is
//! built from per-item counts, so time and memory grow linearly with the number of responses.
//! The [`Comparison`] is both the JSON output and the context of the compare templates.

use std::collections::HashMap;

use serde::Serialize;

use crate::analysis::agreement::{self, Agreement, Reliability};
use crate::analysis::score::{self, round2};
use crate::analysis::stats::Stats;
use crate::model::response::{Answer, Response};
use crate::model::rubric::Rubric;
use crate::present::chart::{self, Radar};
use crate::present::view::{self, Generator, RubricInfo};

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
}

/// Above this many participants, the participants × dimensions table is left to JSON and CSV.
pub const MATRIX_LIMIT: usize = 100;

/// One answer, compact (two bytes): a point of the scale as its offset from the scale's
/// minimum (a scale has at most 21 points), "not applicable", or no answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stored {
    Point(u8),
    NotApplicable,
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
    /// Per item, in the rubric's order.
    answers: Vec<Stored>,
    /// Per dimension: where the person wants to be, and their note.
    desired: Vec<Option<i64>>,
    notes: Vec<Option<String>>,
    dimensions: Vec<Option<f64>>,
    groups: Vec<Option<f64>>,
    overall: Option<f64>,
}

impl Participant {
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
                None => Stored::Unanswered,
            })
            .collect();
        let scores = score::score(rubric, response);
        let (desired, notes) = rubric
            .dimensions()
            .map(|(_, d)| {
                let a = response.dimensions.get(&d.id);
                (a.and_then(|a| a.desired), a.and_then(|a| a.note.clone()))
            })
            .unzip();
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
            answers,
            desired,
            notes,
            dimensions: scores.dimensions().map(|d| d.score).collect(),
            groups: scores.groups.iter().map(|g| g.score).collect(),
            overall: scores.overall,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub generator: Generator,
    pub rubric: RubricInfo,
    /// The scale's points, lowest first: the order of every `counts` list.
    pub scale_points: Vec<i64>,
    pub participants: Vec<ParticipantRow>,
    pub anonymized: bool,
    /// What the reader should know: what was withheld, rubric versions that differ.
    pub notices: Vec<String>,
    pub overall: Stats,
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
    pub charts: Charts,
    /// What changed since an earlier round (`--baseline`); `None` without one.
    pub change: Option<ChangeOverTime>,
}

/// What changed between an earlier round and this one, on the same rubric.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeOverTime {
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
    now: &Comparison,
    then: &Comparison,
    now_people: &[Participant],
    then_people: &[Participant],
    anonymize: bool,
) -> ChangeOverTime {
    let dim_change = |id: &str, name: &str, t: &Stats, n: &Stats| {
        let c = view::change(t.mean, n.mean);
        let spread = match (t.sd, n.sd) {
            (Some(a), Some(b)) if b < a => "narrowed",
            (Some(a), Some(b)) if b > a => "widened",
            (Some(_), Some(_)) => "same",
            _ => "unknown",
        };
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
                let c = view::change(before.overall, p.overall);
                Some(PersonChange {
                    label: p.label.clone(),
                    overall_then: before.overall.map(round2),
                    overall_now: p.overall.map(round2),
                    change: c.change,
                    arrow: c.arrow,
                })
            })
            .collect()
    };
    ChangeOverTime {
        then_participants: then.participants.len(),
        now_participants: now.participants.len(),
        overall: dim_change("overall", "Overall", &then.overall, &now.overall),
        dimensions,
        people,
        matched_by_name: !anonymize,
    }
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
    /// How to read the ordinal alpha, after Krippendorff: high, moderate or low.
    pub reading: &'static str,
}

impl From<Agreement> for AgreementView {
    fn from(a: Agreement) -> Self {
        AgreementView {
            reading: agreement::reading(a.ordinal),
            ordinal: a.ordinal.map(round3),
            interval: a.interval.map(round3),
            undefined: a.undefined,
            pairable: a.pairable,
        }
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
}

/// What to talk about first.
#[derive(Debug, Clone, Serialize)]
pub struct Talk {
    /// Items where answers are most spread: conversation starters.
    pub items: Vec<TalkRef>,
    /// Dimensions where scores are most spread.
    pub dimensions: Vec<TalkRef>,
    /// High mean, low spread: what the group agrees it does well.
    pub shared_strengths: Vec<TalkRef>,
    /// Low mean, low spread: what the group agrees needs work.
    pub shared_gaps: Vec<TalkRef>,
    /// The standard deviation at or below which spread counts as low.
    pub low_spread: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct TalkRef {
    pub id: String,
    pub name: String,
    pub dimension: String,
    pub mean: Option<f64>,
    pub sd: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ByRole {
    pub roles: Vec<RoleInfo>,
    /// Per dimension, one entry per role (in the order of `roles`).
    pub dimensions: Vec<RoleDimension>,
    /// Dimensions where the roles' means differ most.
    pub most_different: Vec<RoleDimension>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RoleInfo {
    pub role: String,
    pub n: usize,
    /// Withheld to protect a small subgroup (anonymized, fewer than --min-group).
    pub withheld: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct RoleDimension {
    pub id: String,
    pub name: String,
    /// One per role; `None` where withheld.
    pub stats: Vec<Option<Stats>>,
    /// The largest difference between two roles' means.
    pub spread: Option<f64>,
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

#[derive(Debug, Clone, Serialize)]
pub struct Charts {
    /// Radar chart with shapes `max`, `min` and `mean`.
    pub radar: Option<Radar>,
    pub radar_text: String,
}

/// The long format for spreadsheets, R and pandas: one row per participant and item, with the
/// answer as given and its score (empty for not applicable and unanswered). A name or role that
/// a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) is written with a leading
/// `'` ([`crate::safe_text::csv_cell`]). The header row is learnlead's mark on the file.
pub fn write_csv<W: std::io::Write>(
    rubric: &Rubric,
    participants: &[Participant],
    anonymize: bool,
    out: W,
) -> Result<(), csv::Error> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(crate::io::output::CSV_MARK.split(','))?;
    let items: Vec<_> = rubric.items().collect();
    for p in participants {
        let role = if anonymize {
            ""
        } else {
            p.role.as_deref().unwrap_or("")
        };
        for (r, a) in items.iter().zip(&p.answers) {
            let (answer, score) = match *a {
                Stored::Unanswered => (String::new(), String::new()),
                Stored::NotApplicable => ("na".to_string(), String::new()),
                Stored::Point(offset) => {
                    let v = rubric.scale.min + i64::from(offset);
                    let s = score::item_score(rubric, r.item, Some(&Answer::Score(v)));
                    (v.to_string(), s.map(|s| s.to_string()).unwrap_or_default())
                }
            };
            // Names and roles are people's text: never a formula in a spreadsheet.
            w.write_record([
                &*crate::safe_text::csv_cell(&p.label),
                &*crate::safe_text::csv_cell(role),
                r.group.id.as_str(),
                r.dimension.id.as_str(),
                r.item.id.as_str(),
                &answer,
                &score,
            ])?;
        }
    }
    w.flush()?;
    Ok(())
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
    let (min, max) = (rubric.scale.min, rubric.scale.max);
    let points = (max - min + 1) as usize;
    let n_items = rubric.item_count();
    let mut notices = Vec::new();
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
    let small_group = opts.anonymize && participants.len() < opts.min_group;
    if small_group {
        notices.push(format!(
            "With fewer than {} participants, the distributions of answers are withheld so that no one can be recognised by their answers.",
            opts.min_group
        ));
    }

    // One pass over the answers: per item, how many chose each point, and how many said n/a.
    let mut raw = vec![vec![0usize; points]; n_items];
    let mut na = vec![0usize; n_items];
    for p in participants.iter() {
        for (i, a) in p.answers.iter().enumerate() {
            match *a {
                Stored::Unanswered => {}
                Stored::NotApplicable => na[i] += 1,
                Stored::Point(offset) => raw[i][usize::from(offset)] += 1,
            }
        }
    }
    let item_refs: Vec<_> = rubric.items().collect();
    // Scored counts: reverse items flipped.
    let scored: Vec<Vec<usize>> = item_refs
        .iter()
        .zip(&raw)
        .map(|(r, c)| {
            if r.item.reverse {
                c.iter().rev().copied().collect()
            } else {
                c.clone()
            }
        })
        .collect();
    let withhold = |c: Vec<usize>| if small_group { None } else { Some(c) };

    let items: Vec<ItemStats> = item_refs
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut stats = Stats::from_counts(min, scored[i].clone(), na[i]);
            stats.counts = withhold(raw[i].clone());
            ItemStats {
                id: r.item.id.clone(),
                statement: r.item.statement.trim().to_string(),
                dimension: r.dimension.name.clone(),
                reverse: r.item.reverse,
                stats,
            }
        })
        .collect();

    // Agreement: all items, and each dimension's items.
    let mut overall_rel = Reliability::new(points);
    for c in &scored {
        overall_rel.add_unit(c);
    }
    let sum_counts = |range: std::ops::Range<usize>| {
        let mut total = vec![0usize; points];
        for c in &scored[range] {
            for (t, v) in total.iter_mut().zip(c) {
                *t += v;
            }
        }
        total
    };

    let dims: Vec<(
        &crate::model::rubric::Group,
        &crate::model::rubric::Dimension,
    )> = rubric.dimensions().collect();
    let mut first_item = 0;
    let mut dim_ranges = Vec::new();
    for (_, d) in &dims {
        dim_ranges.push(first_item..first_item + d.items.len());
        first_item += d.items.len();
    }
    let column = |f: &dyn Fn(&Participant) -> Option<f64>| -> (Vec<f64>, usize) {
        let mut values = Vec::with_capacity(participants.len());
        let mut none = 0;
        for p in participants.iter() {
            match f(p) {
                Some(v) => values.push(v),
                None => none += 1,
            }
        }
        (values, none)
    };
    let percent = |v: Option<f64>| v.map(|v| round2((v - min as f64) / (max - min) as f64 * 100.0));
    let mut has_desired = false;
    let dimensions: Vec<DimensionStats> = dims
        .iter()
        .enumerate()
        .map(|(k, (g, d))| {
            let (mut values, none) = column(&|p| p.dimensions[k]);
            let stats = Stats::from_values(
                &mut values,
                none,
                withhold(sum_counts(dim_ranges[k].clone())),
            );
            let mut rel = Reliability::new(points);
            for c in &scored[dim_ranges[k].clone()] {
                rel.add_unit(c);
            }
            let mut wanted = vec![0usize; points];
            let mut wanted_none = 0;
            for p in participants.iter() {
                match p.desired[k] {
                    Some(v) if (min..=max).contains(&v) => wanted[(v - min) as usize] += 1,
                    _ => wanted_none += 1,
                }
            }
            let desired = (wanted.iter().sum::<usize>() > 0).then(|| {
                has_desired = true;
                let mut s = Stats::from_counts(min, wanted, wanted_none);
                if small_group {
                    s.counts = None;
                }
                s
            });
            DimensionStats {
                id: d.id.clone(),
                name: d.name.clone(),
                group: g.name.clone(),
                question: d.question.clone(),
                percent: percent(stats.mean),
                stats,
                agreement: rel.agreement().into(),
                desired,
            }
        })
        .collect();

    let mut dim_index = 0;
    let groups: Vec<GroupStats> = rubric
        .groups
        .iter()
        .enumerate()
        .map(|(k, g)| {
            let (mut values, none) = column(&|p| p.groups[k]);
            let start = dim_ranges[dim_index].start;
            dim_index += g.dimensions.len();
            let end = dim_ranges[dim_index - 1].end;
            GroupStats {
                id: g.id.clone(),
                name: g.name.clone(),
                stats: Stats::from_values(&mut values, none, withhold(sum_counts(start..end))),
            }
        })
        .collect();
    let (mut values, none) = column(&|p| p.overall);
    let overall = Stats::from_values(&mut values, none, withhold(sum_counts(0..n_items)));

    let talk = talk(rubric, &items, &dimensions);
    let by_role = opts.by_role.then(|| by_role(participants, &dims, opts));
    if let Some(b) = &by_role {
        if b.roles.iter().any(|r| r.withheld) {
            notices.push(format!(
                "Roles with fewer than {} participants are not shown on their own, so that no one can be recognised.",
                opts.min_group
            ));
        }
    }

    let any_notes = participants
        .iter()
        .any(|p| p.notes.iter().any(Option::is_some));
    let notes_omitted = opts.anonymize && !opts.with_notes && any_notes;
    let notes = if notes_omitted {
        Vec::new()
    } else {
        dims.iter()
            .enumerate()
            .map(|(k, (_, d))| DimensionNotes {
                id: d.id.clone(),
                name: d.name.clone(),
                notes: participants
                    .iter()
                    .filter_map(|p| {
                        p.notes[k].as_ref().map(|t| Note {
                            by: (!opts.anonymize).then(|| p.label.clone()),
                            text: t.clone(),
                        })
                    })
                    .collect(),
            })
            .filter(|n| !n.notes.is_empty())
            .collect()
    };

    let axes: Vec<(String, String)> = dims
        .iter()
        .map(|(_, d)| (d.id.clone(), d.name.clone()))
        .collect();
    let series = [
        ("max", dimensions.iter().map(|d| d.stats.max).collect()),
        ("min", dimensions.iter().map(|d| d.stats.min).collect()),
        ("mean", dimensions.iter().map(|d| d.stats.mean).collect()),
    ];
    let radar = chart::radar(&axes, min, max, &series);
    let radar_text = format!(
        "Radar chart of the group's mean per dimension, with the range from the lowest to the highest participant: {}.",
        dimensions
            .iter()
            .map(|d| match (d.stats.mean, d.stats.min, d.stats.max) {
                (Some(m), Some(lo), Some(hi)) => format!(
                    "{} mean {} (from {} to {})",
                    d.name,
                    crate::present::table::fmt_score(Some(m)),
                    crate::present::table::fmt_score(Some(lo)),
                    crate::present::table::fmt_score(Some(hi))
                ),
                _ => format!("{} no scores", d.name),
            })
            .collect::<Vec<_>>()
            .join("; ")
    );

    let rows = participants
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
            overall: p.overall.map(round2),
            dimensions: p.dimensions.iter().map(|d| d.map(round2)).collect(),
        })
        .collect::<Vec<_>>();

    Comparison {
        generator: Generator {
            name: "learnlead",
            version: env!("CARGO_PKG_VERSION"),
        },
        rubric: view::rubric_info(rubric),
        scale_points: (min..=max).collect(),
        show_matrix: rows.len() <= MATRIX_LIMIT,
        participants: rows,
        anonymized: opts.anonymize,
        notices,
        overall,
        agreement: overall_rel.agreement().into(),
        groups,
        dimensions,
        items,
        talk,
        has_desired,
        by_role,
        notes,
        notes_omitted,
        charts: Charts { radar, radar_text },
        change: None,
    }
}

fn round3(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}

fn by_cmp(a: Option<f64>, b: Option<f64>) -> std::cmp::Ordering {
    a.partial_cmp(&b).unwrap_or(std::cmp::Ordering::Equal)
}

/// Conversation starters (most spread), shared strengths and shared gaps (least spread, high or
/// low mean). Spread is low at a standard deviation of a fifth of the scale or less.
fn talk(rubric: &Rubric, items: &[ItemStats], dims: &[DimensionStats]) -> Talk {
    let (min, max) = (rubric.scale.min as f64, rubric.scale.max as f64);
    let low_spread = round2((max - min) / 5.0);
    let middle = (min + max) / 2.0;
    let item_ref = |i: &ItemStats| TalkRef {
        id: i.id.clone(),
        name: i.statement.clone(),
        dimension: i.dimension.clone(),
        mean: i.stats.mean,
        sd: i.stats.sd,
    };
    let dim_ref = |d: &DimensionStats| TalkRef {
        id: d.id.clone(),
        name: d.name.clone(),
        dimension: d.name.clone(),
        mean: d.stats.mean,
        sd: d.stats.sd,
    };
    // Conversation starters are spread beyond what counts as low, so nothing is both a
    // disagreement and a shared strength or gap.
    let mut spread_items: Vec<&ItemStats> = items
        .iter()
        .filter(|i| i.stats.sd.is_some_and(|s| s > low_spread))
        .collect();
    spread_items.sort_by(|a, b| by_cmp(b.stats.sd, a.stats.sd));
    let mut spread_dims: Vec<&DimensionStats> = dims
        .iter()
        .filter(|d| d.stats.sd.is_some_and(|s| s > low_spread))
        .collect();
    spread_dims.sort_by(|a, b| by_cmp(b.stats.sd, a.stats.sd));
    let agreed: Vec<&DimensionStats> = dims
        .iter()
        .filter(|d| d.stats.n >= 2 && d.stats.sd.is_some_and(|s| s <= low_spread))
        .collect();
    let mut strengths: Vec<&DimensionStats> = agreed
        .iter()
        .copied()
        .filter(|d| d.stats.mean.is_some_and(|m| m >= middle))
        .collect();
    strengths.sort_by(|a, b| by_cmp(b.stats.mean, a.stats.mean));
    let mut gaps: Vec<&DimensionStats> = agreed
        .iter()
        .copied()
        .filter(|d| d.stats.mean.is_some_and(|m| m < middle))
        .collect();
    gaps.sort_by(|a, b| by_cmp(a.stats.mean, b.stats.mean));
    Talk {
        items: spread_items.into_iter().take(5).map(item_ref).collect(),
        dimensions: spread_dims.into_iter().take(3).map(dim_ref).collect(),
        shared_strengths: strengths.into_iter().take(3).map(dim_ref).collect(),
        shared_gaps: gaps.into_iter().take(3).map(dim_ref).collect(),
        low_spread,
    }
}

fn by_role(
    participants: &[Participant],
    dims: &[(
        &crate::model::rubric::Group,
        &crate::model::rubric::Dimension,
    )],
    opts: &Options,
) -> ByRole {
    // Roles in order of first appearance, matched without regard to case.
    let mut order: Vec<String> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut members: Vec<Vec<usize>> = Vec::new();
    for (i, p) in participants.iter().enumerate() {
        let role = p
            .role
            .clone()
            .unwrap_or_else(|| "(no role given)".to_string());
        let key = role.to_lowercase();
        let k = *index.entry(key).or_insert_with(|| {
            order.push(role.clone());
            members.push(Vec::new());
            order.len() - 1
        });
        members[k].push(i);
    }
    let roles: Vec<RoleInfo> = order
        .iter()
        .zip(&members)
        .map(|(r, m)| RoleInfo {
            role: r.clone(),
            n: m.len(),
            withheld: opts.anonymize && m.len() < opts.min_group,
        })
        .collect();
    let dimensions: Vec<RoleDimension> = dims
        .iter()
        .enumerate()
        .map(|(k, (_, d))| {
            let stats: Vec<Option<Stats>> = roles
                .iter()
                .zip(&members)
                .map(|(r, m)| {
                    (!r.withheld).then(|| {
                        let mut values: Vec<f64> = m
                            .iter()
                            .filter_map(|&i| participants[i].dimensions[k])
                            .collect();
                        let none = m.len() - values.len();
                        Stats::from_values(&mut values, none, None)
                    })
                })
                .collect();
            let means: Vec<f64> = stats.iter().flatten().filter_map(|s| s.mean).collect();
            let spread = (means.len() >= 2).then(|| {
                let hi = means.iter().copied().fold(f64::MIN, f64::max);
                let lo = means.iter().copied().fold(f64::MAX, f64::min);
                round2(hi - lo)
            });
            RoleDimension {
                id: d.id.clone(),
                name: d.name.clone(),
                stats,
                spread,
            }
        })
        .collect();
    let mut most: Vec<RoleDimension> = dimensions
        .iter()
        .filter(|d| d.spread.is_some_and(|s| s > 0.0))
        .cloned()
        .collect();
    most.sort_by(|a, b| by_cmp(b.spread, a.spread));
    most.truncate(3);
    ByRole {
        roles,
        dimensions,
        most_different: most,
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
            anonymize: false,
            min_group: 3,
            with_notes: false,
            by_role: true,
        }
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
        // d1 per person: Ana (5+5)/2 = 5, Bo (3+3)/2 = 3, Cy 1 -> mean 3, sd 2
        let d1 = &c.dimensions[0];
        assert_eq!(
            (d1.stats.mean, d1.stats.min, d1.stats.max, d1.stats.sd),
            (Some(3.0), Some(1.0), Some(5.0), Some(2.0))
        );
        assert_eq!(d1.desired.as_ref().unwrap().mean, Some(4.0));
        // overall per person: Ana (5 + 2)/2 = 3.5, Bo (3 + 2)/2 = 2.5, Cy (1 + 4)/2 = 2.5
        assert_eq!(c.overall.mean, Some(2.83));
        assert_eq!(c.overall.median, Some(2.5));
        assert_eq!(c.participants[0].dimensions, vec![Some(5.0), Some(2.0)]);
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
        assert_eq!(
            c.talk
                .shared_strengths
                .iter()
                .map(|t| t.id.as_str())
                .collect::<Vec<_>>(),
            ["d2"]
        );
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
        assert_eq!(c.notices.len(), 2);
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
            [("Leader", 2), ("member", 1)]
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
        let ch = change_over_time(&c_now, &c_then, &now, &then, false);
        // d1 then: Ana 1, Bo 5 (mean 3, sd 2.83); now: Ana 3, Cy 4 (mean 3.5, sd 0.71)
        let d1 = &ch.dimensions[0];
        assert_eq!(
            (d1.mean_then, d1.mean_now, d1.change),
            (Some(3.0), Some(3.5), Some(0.5))
        );
        assert_eq!((d1.arrow, d1.spread), ("▲", "narrowed"));
        assert_eq!(ch.people.len(), 1, "Ana is in both rounds");
        assert_eq!(ch.people[0].overall_then, Some(1.0));
        assert_eq!(ch.people[0].change, Some(2.0));
        let anon = change_over_time(&c_now, &c_then, &now, &then, true);
        assert!(anon.people.is_empty() && !anon.matched_by_name);
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
