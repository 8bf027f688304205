//! The individual report's view: everything `report.html.j2` and `report.md.j2` receive, built
//! from a rubric, a response, its scores and (optionally) earlier rounds. Scores here are
//! rounded to two decimals; the exact ones stay in `score`.

use super::words::{report_words, ReportWords, Worded, REPORT_SECTIONS};
use super::{respondent, rubric_info, BandRef, Generator, Respondent, RubricInfo};
use crate::analysis::change::change;
pub use crate::analysis::change::Change;
use crate::analysis::score::{round2, DimensionScore, GroupScore, ItemScore, Scores};
use crate::analysis::trend::{Series, Trend};
use crate::model::response::{date_of, Answer, Response};
use crate::model::rubric::{Dimension, Item, Rubric};
use crate::present::chart::{self, Radar};
use crate::present::format::fmt_score;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct ReportView {
    pub generator: Generator,
    pub rubric: RubricInfo,
    pub respondent: Respondent,
    /// Every item answered (or not applicable) and the questionnaire finished.
    pub complete: bool,
    /// Things the reader should know, such as a rubric that changed since the response.
    pub warnings: Vec<String>,
    pub overall: Option<f64>,
    pub overall_band: Option<BandRef>,
    /// Position of the overall score on the scale, 0 to 100.
    pub overall_percent: Option<f64>,
    pub groups: Vec<GroupView>,
    /// Up to three dimensions to build on: the highest scores.
    pub strengths: Vec<DimensionRef>,
    /// Up to three dimensions to work on: the largest gaps to where the person wants to be, or
    /// where no one was given, the lowest scores.
    pub focus: Vec<DimensionRef>,
    /// `gap` or `score`: what `focus` was chosen by.
    pub focus_by: &'static str,
    /// The first of `focus`, with what its next band looks like and one method to try from
    /// here: the report's "your next step".
    pub next_step: Option<NextStep>,
    pub coverage: CoverageView,
    /// The earlier response this one is compared with, if any.
    pub baseline: Option<BaselineInfo>,
    /// Whether any dimension has a desired position.
    pub has_desired: bool,
    pub charts: Charts,
    /// With two or more earlier rounds (`--baseline` given more than once): every round's
    /// scores, oldest first, with a small chart per dimension.
    pub trend: Option<TrendView>,
    /// In a bundle: the way back to the group report (`../index.html`).
    pub index_link: Option<String>,
    /// What was being rated, when a workshop session set it.
    pub scope: Option<String>,
    /// The dimensions the session did not ask, by name.
    pub not_assessed: Vec<String>,
    /// How these figures were made.
    pub method: super::MethodView,
    /// The report's phrases; templates get them as `words` (not part of the JSON).
    #[serde(skip)]
    pub words: ReportWords,
}

impl ReportView {
    /// What templates receive: the view, with its words and sections.
    pub fn context(&self) -> Worded<'_, Self, ReportWords> {
        Worded::new(self, &self.words, &REPORT_SECTIONS)
    }
}

/// Scores across rounds, with a sparkline per score for HTML and one in text.
#[derive(Debug, Clone, Serialize)]
pub struct TrendView {
    #[serde(flatten)]
    pub trend: Trend,
    pub overall_chart: SeriesChart,
    /// One per dimension, in the order of `dimensions`.
    pub charts: Vec<SeriesChart>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SeriesChart {
    /// For SVG; `None` with fewer than two scores.
    pub spark: Option<chart::Spark>,
    /// The same as blocks of text: `▂▄▇`, a space for a round without a score.
    pub text: String,
}

/// `trend` with its charts, on `rubric`'s scale.
pub fn trend_view(rubric: &Rubric, trend: Trend) -> TrendView {
    let (min, max) = (rubric.scale.min, rubric.scale.max);
    let chart_of = |s: &Series| SeriesChart {
        spark: chart::sparkline(&s.values, min, max),
        text: crate::present::format::spark_text(&s.values, min, max),
    };
    TrendView {
        overall_chart: chart_of(&trend.overall),
        charts: trend.dimensions.iter().map(chart_of).collect(),
        trend,
    }
}

/// Adds the rounds before the baseline: the trend across all of them, and the radar's dashed
/// shape becomes the first round (the table's changes stay since the previous round).
pub fn add_rounds(view: &mut ReportView, rubric: &Rubric, first: &Scores, trend: Trend) {
    let first_date = trend.rounds.first().map(|r| r.date.clone());
    let all: Vec<&DimensionView> = view
        .groups
        .iter()
        .flat_map(|g| g.dimensions.iter())
        .collect();
    let axes: Vec<(String, String)> = all.iter().map(|d| (d.id.clone(), d.name.clone())).collect();
    let series = vec![
        ("now", all.iter().map(|d| d.score).collect()),
        (
            "baseline",
            all.iter()
                .map(|d| first.dimension(&d.id).and_then(|x| x.score))
                .collect(),
        ),
        (
            "desired",
            all.iter().map(|d| d.desired.map(|v| v as f64)).collect(),
        ),
    ];
    view.charts.radar = chart::radar(&axes, rubric.scale.min, rubric.scale.max, &series);
    view.charts.baseline_date = first_date;
    view.trend = Some(trend_view(rubric, trend));
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupView {
    pub id: String,
    pub name: String,
    pub description: String,
    pub score: Option<f64>,
    pub percent: Option<f64>,
    pub dimensions: Vec<DimensionView>,
    pub baseline: Option<Change>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DimensionView {
    pub id: String,
    pub name: String,
    pub group: String,
    pub question: String,
    pub description: String,
    pub score: Option<f64>,
    /// Position of the score on the scale, 0 to 100, for bars.
    pub percent: Option<f64>,
    pub band: Option<BandRef>,
    pub desired: Option<i64>,
    pub desired_percent: Option<f64>,
    /// `desired - score`.
    pub gap: Option<f64>,
    /// The person's own note.
    pub note: Option<String>,
    /// The reflection prompts for this dimension's band.
    pub prompts: Vec<String>,
    /// What the practice looks like at this dimension's band, and at the band above it.
    pub looks_like: Option<String>,
    pub next_band: Option<BandRef>,
    pub looks_like_next: Option<String>,
    /// One method to try from this band.
    pub next_method: Option<String>,
    pub perspectives: Vec<String>,
    pub methods: Vec<String>,
    pub pitfalls: Vec<String>,
    pub quality_signs: Vec<String>,
    pub items: Vec<ItemView>,
    /// Why there is no score though some statements were answered: "1 of 4 statements
    /// answered with a point: too few to score (a score needs 2)".
    pub too_few: Option<String>,
    pub answered: usize,
    pub not_applicable: usize,
    pub unanswered: usize,
    pub baseline: Option<Change>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ItemView {
    pub id: String,
    pub statement: String,
    pub reverse: bool,
    /// The answer as given, when it is a score.
    pub answer: Option<i64>,
    /// The scale label of the answer, "not applicable", or "not answered".
    pub answer_label: String,
    pub not_applicable: bool,
    pub na_reason: Option<String>,
    /// The answer as scored (reverse items flipped).
    pub score: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DimensionRef {
    pub id: String,
    pub name: String,
    pub group: String,
    pub score: Option<f64>,
    pub desired: Option<i64>,
    pub gap: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CoverageView {
    pub answered: usize,
    pub not_applicable: usize,
    pub dont_know: usize,
    pub unanswered: usize,
    /// The statements the person was asked (those for other roles are not).
    pub total: usize,
    /// Items answered "not applicable", with the reasons given.
    pub not_applicable_items: Vec<CoverageItem>,
    pub dont_know_items: Vec<CoverageItem>,
    pub unanswered_items: Vec<CoverageItem>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CoverageItem {
    pub id: String,
    pub statement: String,
    pub dimension: String,
    pub reason: Option<String>,
}

/// A change since the baseline.

#[derive(Debug, Clone, Serialize)]
pub struct BaselineInfo {
    pub display_name: String,
    pub date: String,
    pub overall: Option<Change>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Charts {
    /// A radar chart of all dimensions; `None` with fewer than three dimensions.
    pub radar: Option<Radar>,
    /// A sentence describing the radar chart, for screen readers and print.
    pub radar_text: String,
    /// The date of the dashed shape: the baseline, or with many rounds the first.
    pub baseline_date: Option<String>,
}

/// Builds the view of `response` (scored as `scores`), compared with `baseline` if given.
pub fn report(
    rubric: &Rubric,
    response: &Response,
    scores: &Scores,
    baseline: Option<(&Response, &Scores)>,
) -> ReportView {
    let ctx = Ctx {
        rubric,
        response,
        baseline: baseline.map(|(_, s)| s),
    };
    let mut coverage_lists = CoverageLists::default();
    let groups = rubric
        .groups
        .iter()
        .zip(&scores.groups)
        .map(|(g, gs)| ctx.group(g, gs, &mut coverage_lists))
        .collect::<Vec<_>>();
    let all: Vec<&DimensionView> = groups.iter().flat_map(|g| g.dimensions.iter()).collect();
    let (focus, focus_by) = focus(&all);
    let next_step = focus
        .first()
        .and_then(|f| all.iter().find(|d| d.id == f.id))
        .map(|d| next_step(d, focus_by));
    let strengths = strengths(&all, &focus);
    let charts = ctx.charts(&all);
    let has_desired = all.iter().any(|d| d.desired.is_some());
    let c = scores.coverage;
    let mut words = report_words(&rubric.title, next_step.as_ref(), focus_by);
    if let Some((b, _)) = baseline {
        words.changed_most = Some(format!(
            "What changed most since {}",
            date_of(b.completed.as_deref().unwrap_or(&b.started))
        ));
        words.largest_changes = largest_changes(&all);
    }
    ReportView {
        words,
        generator: Generator {
            name: "learnlead",
            version: env!("CARGO_PKG_VERSION"),
        },
        rubric: rubric_info(rubric),
        respondent: respondent(response),
        complete: response.is_complete() && c.unanswered == 0,
        warnings: warnings(rubric, response, baseline.map(|(b, _)| b)),
        overall: scores.overall.map(round2),
        overall_band: scores
            .overall
            .and_then(|s| rubric.band_for(s))
            .map(|b| BandRef {
                id: b.id.clone(),
                name: b.name.clone(),
            }),
        overall_percent: ctx.percent(scores.overall),
        groups,
        strengths,
        focus,
        focus_by,
        next_step,
        coverage: CoverageView {
            answered: c.answered,
            not_applicable: c.not_applicable,
            dont_know: c.dont_know,
            unanswered: c.unanswered,
            total: c.total(),
            not_applicable_items: coverage_lists.not_applicable,
            dont_know_items: coverage_lists.dont_know,
            unanswered_items: coverage_lists.unanswered,
        },
        baseline: baseline.map(|(b, bs)| BaselineInfo {
            display_name: b.display_name().to_string(),
            date: date_of(b.completed.as_deref().unwrap_or(&b.started)).to_string(),
            overall: Some(change(bs.overall, scores.overall)),
        }),
        has_desired,
        charts: Charts {
            baseline_date: baseline
                .map(|(b, _)| date_of(b.completed.as_deref().unwrap_or(&b.started)).to_string()),
            ..charts
        },
        trend: None,
        index_link: None,
        scope: response.scope.clone(),
        not_assessed: Vec::new(),
        method: super::person_method(rubric, response.role.as_deref()),
    }
}

/// What the reader should know first: a rubric changed since, a baseline of someone else.
fn warnings(rubric: &Rubric, response: &Response, baseline: Option<&Response>) -> Vec<String> {
    let mut warnings = Vec::new();
    if response.rubric_changed(rubric) {
        warnings.push(format!(
            "The rubric has changed since this response was given (version {} then, {} now). Answers are matched by item id; items the rubric no longer has are left out.",
            response.rubric.version, rubric.version
        ));
    }
    if let Some(b) = baseline {
        if b.name != response.name {
            warnings.push(format!(
                "The baseline is {}'s response and this is {}'s: the change shown is between two people, not over time.",
                b.display_name(),
                response.display_name()
            ));
        }
    }
    warnings
}

/// Statements not applicable, and statements not answered, as the coverage lists them.
/// The statements answered "not applicable", "don't know", and not answered.
#[derive(Default)]
struct CoverageLists {
    not_applicable: Vec<CoverageItem>,
    dont_know: Vec<CoverageItem>,
    unanswered: Vec<CoverageItem>,
}

/// What every part of a report's view is built from.
struct Ctx<'a> {
    rubric: &'a Rubric,
    response: &'a Response,
    baseline: Option<&'a Scores>,
}

impl Ctx<'_> {
    /// A score's place on the scale, 0 to 100, for bars.
    fn percent(&self, v: Option<f64>) -> Option<f64> {
        let (min, max) = (self.rubric.scale.min as f64, self.rubric.scale.max as f64);
        v.map(|v| round2((v - min) / (max - min) * 100.0))
    }

    fn band_ref(&self, id: &Option<String>) -> Option<BandRef> {
        id.as_ref()
            .and_then(|id| self.rubric.bands.iter().find(|b| &b.id == id))
            .map(|b| BandRef {
                id: b.id.clone(),
                name: b.name.clone(),
            })
    }

    fn group(
        &self,
        g: &crate::model::rubric::Group,
        gs: &GroupScore,
        coverage: &mut CoverageLists,
    ) -> GroupView {
        let dimensions = g
            .dimensions
            .iter()
            .zip(&gs.dimensions)
            .map(|(d, ds)| self.dimension(g, d, ds, coverage))
            .collect();
        let then = self
            .baseline
            .and_then(|s| s.groups.iter().find(|x| x.id == g.id))
            .and_then(|x| x.score);
        GroupView {
            id: g.id.clone(),
            name: g.name.clone(),
            description: g.description.trim().to_string(),
            score: gs.score.map(round2),
            percent: self.percent(gs.score),
            dimensions,
            baseline: self.baseline.map(|_| change(then, gs.score)),
        }
    }

    fn dimension(
        &self,
        g: &crate::model::rubric::Group,
        d: &Dimension,
        ds: &DimensionScore,
        coverage: &mut CoverageLists,
    ) -> DimensionView {
        let items = d
            .items
            .iter()
            .zip(&ds.items)
            .filter(|(_, is)| is.asked || is.answer.is_some() || is.not_applicable || is.dont_know)
            .map(|(item, is)| self.item(d, item, is, coverage))
            .collect();
        let prompts = ds
            .band
            .as_ref()
            .and_then(|b| d.prompts.get(b))
            .cloned()
            .unwrap_or_default();
        let then = self
            .baseline
            .and_then(|s| s.dimension(&d.id))
            .and_then(|x| x.score);
        let band = ds
            .band
            .as_ref()
            .and_then(|id| self.rubric.bands.iter().position(|b| &b.id == id));
        let next = band.and_then(|i| self.rubric.bands.get(i + 1));
        let band = band.map(|i| &self.rubric.bands[i]);
        let next_method = band.and_then(|b| d.method_for(&b.id)).map(str::to_string);
        DimensionView {
            too_few: ds.too_few.map(|(scored, asked)| {
                format!(
                    "{scored} of {asked} statements answered with a point: too few to score (a score needs {}); the answers are below",
                    crate::analysis::score::needed(asked)
                )
            }),
            id: d.id.clone(),
            name: d.name.clone(),
            group: g.name.clone(),
            question: d.question.clone(),
            description: d.description.trim().to_string(),
            score: ds.score.map(round2),
            percent: self.percent(ds.score),
            band: self.band_ref(&ds.band),
            desired: ds.desired,
            desired_percent: self.percent(ds.desired.map(|v| v as f64)),
            gap: ds.gap.map(round2),
            note: self
                .response
                .dimensions
                .get(&d.id)
                .and_then(|a| a.note.clone()),
            prompts,
            looks_like: band.and_then(|b| d.looks_like.get(&b.id)).cloned(),
            next_band: next.map(|b| BandRef {
                id: b.id.clone(),
                name: b.name.clone(),
            }),
            looks_like_next: next.and_then(|b| d.looks_like.get(&b.id)).cloned(),
            next_method: next_method.clone(),
            perspectives: d.perspectives.clone(),
            // The one to try from here is said on its own, so the list goes on from it.
            methods: d
                .methods_for(band.map(|b| b.id.as_str()))
                .into_iter()
                .filter(|m| Some(m) != next_method.as_ref())
                .collect(),
            pitfalls: d.pitfalls.clone(),
            quality_signs: d.quality_signs.clone(),
            items,
            answered: ds.coverage.answered,
            not_applicable: ds.coverage.not_applicable,
            unanswered: ds.coverage.unanswered,
            baseline: self.baseline.map(|_| {
                let noise = crate::analysis::reliable_change::noise(self.rubric, d);
                let threshold =
                    crate::analysis::reliable_change::reliable_change_threshold(noise.sd, noise.alpha);
                crate::analysis::change::change_beyond(then, ds.score, Some(threshold))
            }),
        }
    }

    /// One statement and its answer; a statement not applicable or not answered is also
    /// listed in `coverage`.
    fn item(
        &self,
        d: &Dimension,
        item: &Item,
        is: &ItemScore,
        coverage: &mut CoverageLists,
    ) -> ItemView {
        let answer = self.response.answers.get(&item.id);
        let na_reason = match answer {
            Some(Answer::NotApplicable { reason }) => reason.clone(),
            _ => None,
        };
        let listed = CoverageItem {
            id: item.id.clone(),
            statement: item.statement.trim().to_string(),
            dimension: d.name.clone(),
            reason: na_reason.clone(),
        };
        match answer {
            Some(Answer::NotApplicable { .. }) => coverage.not_applicable.push(listed),
            Some(Answer::DontKnow) => coverage.dont_know.push(listed),
            None => coverage.unanswered.push(listed),
            Some(Answer::Score(_)) => {}
        }
        ItemView {
            id: item.id.clone(),
            statement: item.statement.trim().to_string(),
            reverse: item.reverse,
            answer: is.answer,
            answer_label: match answer {
                Some(Answer::Score(a)) => {
                    format!("{a} · {}", self.rubric.answer_label(d, item, *a))
                }
                Some(Answer::NotApplicable { .. }) => "not applicable".into(),
                Some(Answer::DontKnow) => "don't know".into(),
                None => "not answered".into(),
            },
            not_applicable: is.not_applicable,
            na_reason,
            score: is.score,
        }
    }

    /// The radar of now, the baseline (if any) and where the person wants to be, and the
    /// same in words.
    fn charts(&self, all: &[&DimensionView]) -> Charts {
        let axes: Vec<(String, String)> =
            all.iter().map(|d| (d.id.clone(), d.name.clone())).collect();
        let mut series: Vec<(&'static str, Vec<Option<f64>>)> =
            vec![("now", all.iter().map(|d| d.score).collect())];
        if let Some(bs) = self.baseline {
            series.push((
                "baseline",
                all.iter()
                    .map(|d| bs.dimension(&d.id).and_then(|x| x.score))
                    .collect(),
            ));
        }
        series.push((
            "desired",
            all.iter().map(|d| d.desired.map(|v| v as f64)).collect(),
        ));
        let (min, max) = (self.rubric.scale.min, self.rubric.scale.max);
        Charts {
            radar: chart::radar(&axes, min, max, &series),
            radar_text: radar_text(all, self.baseline.is_some()),
            baseline_date: None,
        }
    }
}

fn dim_ref(d: &DimensionView) -> DimensionRef {
    DimensionRef {
        id: d.id.clone(),
        name: d.name.clone(),
        group: d.group.clone(),
        score: d.score,
        desired: d.desired,
        gap: d.gap,
    }
}

fn by_value(a: Option<f64>, b: Option<f64>) -> std::cmp::Ordering {
    a.partial_cmp(&b).unwrap_or(std::cmp::Ordering::Equal)
}

/// Where to focus next: the largest gaps between where the person is and wants to be, or,
/// when they named none, the lowest scores; with which of the two it is.
fn focus(all: &[&DimensionView]) -> (Vec<DimensionRef>, &'static str) {
    let mut by_gap: Vec<&DimensionView> = all
        .iter()
        .copied()
        .filter(|d| d.gap.is_some_and(|g| g > 0.0))
        .collect();
    if by_gap.is_empty() {
        let mut by_score: Vec<&DimensionView> =
            all.iter().copied().filter(|d| d.score.is_some()).collect();
        by_score.sort_by(|a, b| by_value(a.score, b.score));
        return (by_score.into_iter().take(3).map(dim_ref).collect(), "score");
    }
    by_gap.sort_by(|a, b| by_value(b.gap, a.gap));
    (by_gap.into_iter().take(3).map(dim_ref).collect(), "gap")
}

/// The person's next step: the dimension, why it was chosen, and from the rubric what its next
/// band looks like and one method to try from here.
#[derive(Debug, Clone, Serialize)]
pub struct NextStep {
    pub id: String,
    pub name: String,
    /// `gap` (the largest gap to where the person wants to be) or `score` (the lowest score).
    pub why: &'static str,
    pub score: Option<f64>,
    pub desired: Option<i64>,
    pub band: Option<BandRef>,
    pub next_band: Option<BandRef>,
    /// What the next band looks like (at the top band, what this one looks like).
    pub looks_like: Option<String>,
    pub method: Option<String>,
}

/// How many of the largest changes since the baseline the report opens with.
const CHANGES_SHOWN: usize = 3;

/// The dimensions that moved most since the baseline: those beyond measurement error first,
/// largest first (up or down), "Leadership ▼-1.5"; then, if there is room, the largest within
/// it, "Voices ▲+0.5 (within noise)".
fn largest_changes(all: &[&DimensionView]) -> Vec<String> {
    let mut moved: Vec<(bool, f64, String)> = all
        .iter()
        .filter_map(|d| {
            let b = d.baseline.as_ref()?;
            let c = b.change.filter(|c| *c != 0.0)?;
            let noise = b.reliable == Some(false);
            Some((
                noise,
                c.abs(),
                // The arrow holds to its number, so that a wrapped line never parts them.
                format!(
                    "{} {}{}{}",
                    d.name,
                    b.arrow,
                    crate::present::format::fmt_signed(Some(c)),
                    if noise { " (within noise)" } else { "" }
                ),
            ))
        })
        .collect();
    moved.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
    moved
        .into_iter()
        .take(CHANGES_SHOWN)
        .map(|(_, _, t)| t)
        .collect()
}

fn next_step(d: &DimensionView, why: &'static str) -> NextStep {
    NextStep {
        id: d.id.clone(),
        name: d.name.clone(),
        why,
        score: d.score,
        desired: d.desired,
        band: d.band.clone(),
        next_band: d.next_band.clone(),
        looks_like: d.looks_like_next.clone().or_else(|| d.looks_like.clone()),
        method: d.next_method.clone(),
    }
}

/// Strengths are the highest scores; those already named in focus are left out unless
/// nothing else is scored (a rubric of two or three dimensions).
fn strengths(all: &[&DimensionView], focus: &[DimensionRef]) -> Vec<DimensionRef> {
    let mut by_score: Vec<&DimensionView> =
        all.iter().copied().filter(|d| d.score.is_some()).collect();
    by_score.sort_by(|a, b| by_value(b.score, a.score));
    let outside_focus: Vec<&DimensionView> = by_score
        .iter()
        .copied()
        .filter(|d| !focus.iter().any(|f| f.id == d.id))
        .collect();
    if !outside_focus.is_empty() {
        by_score = outside_focus;
    }
    by_score.into_iter().take(3).map(dim_ref).collect()
}

fn radar_text(dims: &[&DimensionView], with_baseline: bool) -> String {
    let parts: Vec<String> = dims
        .iter()
        .map(|d| {
            let mut s = format!(
                "{} {}",
                d.name,
                d.score
                    .map_or_else(|| "no score".into(), |v| fmt_score(Some(v)))
            );
            if let Some(want) = d.desired {
                s.push_str(&format!(" (wants {want})"));
            }
            if with_baseline {
                if let Some(Change { score: Some(t), .. }) = &d.baseline {
                    s.push_str(&format!(", was {}", fmt_score(Some(*t))));
                }
            }
            s
        })
        .collect();
    format!(
        "Radar chart of the scores per dimension: {}.",
        parts.join("; ")
    )
}

/// The report as JSON for scripts: `rubric`, `respondent`, `overall`, and `groups`, each with
/// `id`, `score` and `dimensions`, each dimension with `id`, `score`, `band`, `desired` and its
/// item scores. Documented in docs/json.md; field names are stable.
pub fn json(view: &ReportView, rubric_hash: &str) -> serde_json::Value {
    use serde_json::json;
    let change = |c: &Option<Change>| {
        c.as_ref()
            .map(|c| json!({"then": c.score, "change": c.change, "direction": c.direction, "reliable": c.reliable, "threshold": c.threshold}))
    };
    json!({
        "rubric": {
            "id": view.rubric.id,
            "title": view.rubric.title,
            "version": view.rubric.version,
            "hash": rubric_hash,
        },
        "respondent": {
            "name": view.respondent.name,
            "community": view.respondent.community,
            "role": view.respondent.role,
            "started": view.respondent.started,
            "completed": view.respondent.completed,
        },
        "complete": view.complete,
        "warnings": view.warnings,
        "overall": view.overall,
        "overall_band": view.overall_band.as_ref().map(|b| &b.id),
        "groups": view.groups.iter().map(|g| json!({
            "id": g.id,
            "name": g.name,
            "score": g.score,
            "baseline": change(&g.baseline),
            "dimensions": g.dimensions.iter().map(|d| json!({
                "id": d.id,
                "name": d.name,
                "score": d.score,
                "too_few": d.too_few,
                "band": d.band.as_ref().map(|b| &b.id),
                "desired": d.desired,
                "gap": d.gap,
                "note": d.note,
                "answered": d.answered,
                "not_applicable": d.not_applicable,
                "unanswered": d.unanswered,
                "baseline": change(&d.baseline),
                "items": d.items.iter().map(|i| json!({
                    "id": i.id,
                    "answer": i.answer,
                    "score": i.score,
                    "reverse": i.reverse,
                    "not_applicable": i.not_applicable,
                    "na_reason": i.na_reason,
                })).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "strengths": view.strengths.iter().map(|d| &d.id).collect::<Vec<_>>(),
        "focus": view.focus.iter().map(|d| &d.id).collect::<Vec<_>>(),
        "focus_by": view.focus_by,
        "coverage": {
            "answered": view.coverage.answered,
            "not_applicable": view.coverage.not_applicable,
            "unanswered": view.coverage.unanswered,
            "total": view.coverage.total,
        },
        "baseline": view.baseline.as_ref().map(|b| json!({
            "name": b.display_name,
            "date": b.date,
            "overall": change(&b.overall),
        })),
        "trend": view.trend.as_ref().map(|t| &t.trend),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::score::score;
    use crate::model::response::DimensionAnswer;

    fn rubric() -> Rubric {
        crate::testing::shipped("cop-functions")
    }

    fn with(answers: &[(&str, i64)]) -> Response {
        let mut r = Response::new(&rubric());
        for (id, v) in answers {
            r.answers.insert(id.to_string(), Answer::Score(*v));
        }
        r
    }

    /// A response scoring each named dimension `v` on every one of its statements (a reverse
    /// statement answered so that it scores `v`).
    fn scoring(dims: &[(&str, i64)]) -> Response {
        let rubric = rubric();
        let mut r = Response::new(&rubric);
        let (min, max) = (rubric.scale.min, rubric.scale.max);
        for (dim, v) in dims {
            let (_, d) = rubric.find_dimension(dim).unwrap();
            for i in &d.items {
                let given = if i.reverse { min + max - v } else { *v };
                r.answers.insert(i.id.clone(), Answer::Score(given));
            }
        }
        r
    }

    #[test]
    fn focus_is_by_gap_when_desired_is_given_else_lowest_scores() {
        let r = rubric();
        let mut resp = scoring(&[
            ("education", 2),
            ("support", 5),
            ("integration", 1),
            ("cultivation", 4),
        ]);
        let s = score(&r, &resp);
        let v = report(&r, &resp, &s, None);
        assert_eq!(v.focus_by, "score");
        let focus: Vec<&str> = v.focus.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(focus, ["integration", "education", "cultivation"]);
        let strengths: Vec<&str> = v.strengths.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(strengths, ["support"]);

        resp.dimensions.insert(
            "support".into(),
            DimensionAnswer {
                desired: Some(5),
                note: None,
            },
        );
        resp.dimensions.insert(
            "cultivation".into(),
            DimensionAnswer {
                desired: Some(5),
                note: None,
            },
        );
        let s = score(&r, &resp);
        let v = report(&r, &resp, &s, None);
        assert_eq!(v.focus_by, "gap");
        let focus: Vec<&str> = v.focus.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(focus, ["cultivation"], "support has no gap (5 -> 5)");
        assert!(v.has_desired);
    }

    #[test]
    fn prompts_follow_the_band() {
        let r = rubric();
        let resp = with(&[("education-1", 1), ("education-2", 1)]);
        let s = score(&r, &resp);
        let v = report(&r, &resp, &s, None);
        let edu = &v.groups[0].dimensions[0];
        assert_eq!(edu.band.as_ref().unwrap().id, "emerging");
        assert_eq!(edu.prompts, r.groups[0].dimensions[0].prompts["emerging"]);
        assert!(
            v.groups[0].dimensions[1].prompts.is_empty(),
            "no score, no band, no prompts"
        );
    }

    #[test]
    fn changes_against_a_baseline_have_arrows() {
        let r = rubric();
        let before = scoring(&[("education", 2), ("support", 4)]);
        let after = scoring(&[("education", 4), ("support", 4), ("integration", 3)]);
        let (sb, sa) = (score(&r, &before), score(&r, &after));
        let v = report(&r, &after, &sa, Some((&before, &sb)));
        let dims = &v.groups[0].dimensions;
        let edu = dims[0].baseline.as_ref().unwrap();
        assert_eq!(
            (edu.change, edu.direction, edu.arrow),
            (Some(2.0), "up", "▲")
        );
        let sup = dims[1].baseline.as_ref().unwrap();
        assert_eq!((sup.change, sup.direction), (Some(0.0), "same"));
        let int = dims[4].baseline.as_ref().unwrap();
        assert_eq!((int.change, int.direction), (None, "none"));
        let shapes: Vec<&str> = v
            .charts
            .radar
            .as_ref()
            .unwrap()
            .shapes
            .iter()
            .map(|s| s.kind)
            .collect();
        assert_eq!(shapes, ["now", "baseline"]);
        assert!(
            v.charts.radar_text.contains("Education 4, was 2"),
            "{}",
            v.charts.radar_text
        );
    }

    #[test]
    fn coverage_lists_not_applicable_reasons_and_unanswered_items() {
        let r = rubric();
        let mut resp = with(&[("education-1", 2)]);
        resp.answers.insert(
            "education-2".into(),
            Answer::NotApplicable {
                reason: Some("no repository yet".into()),
            },
        );
        let s = score(&r, &resp);
        let v = report(&r, &resp, &s, None);
        assert_eq!(
            v.coverage.not_applicable_items[0].reason.as_deref(),
            Some("no repository yet")
        );
        let left = r.item_count() - 2;
        assert_eq!(v.coverage.unanswered, left);
        assert_eq!(v.coverage.unanswered_items.len(), left);
        assert!(!v.complete);
    }
}
