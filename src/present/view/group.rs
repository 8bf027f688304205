//! The group report's view: the comparison's numbers, with the rubric and the charts, as
//! `compare.html.j2`, `compare.md.j2` and `compare --format json` receive them.

use super::words::{group_words, GroupWords, Worded, GROUP_SECTIONS};
use super::{rubric_info, BandRef, Generator, RubricInfo, TrendView};
use crate::model::rubric::Rubric;
use crate::present::chart::{self, Radar};
use crate::present::format::{fmt_score, fmt_signed};
use serde::Serialize;

/// The comparison's parts, as the group report shows them.
pub use crate::analysis::compare::{
    AgreementView, ByRole, ChangeOverTime, Comparison, GapsFrom, TalkRef,
};
pub use crate::analysis::stats::Stats;

/// What the group report shows: the comparison's numbers, with the rubric they were made on
/// and the charts. Its fields are flattened into one object: the JSON output of
/// `compare --format json` and the context of the compare templates (docs/templates.md).
#[derive(Debug, Clone, Serialize)]
pub struct GroupReport {
    pub generator: Generator,
    pub rubric: RubricInfo,
    #[serde(flatten)]
    pub comparison: Comparison,
    pub charts: GroupCharts,
    /// The rubric's facilitation material for the dimensions the conversation starts with:
    /// the most divided, then the shared gaps.
    pub focus: Vec<FocusView>,
    /// The dimensions gathered under each reading of their agreement, in the order the
    /// readings first occur.
    pub agreement_readings: Vec<Reading>,
    /// With two or more earlier rounds: the group's mean in every round, oldest first.
    pub trend: Option<TrendView>,
    /// The workshop session: scope, dimensions covered, where the group landed, actions.
    pub session: Option<super::SessionView>,
    /// How these figures were made.
    pub method: super::MethodView,
    /// The report's phrases; templates get them as `words` (not part of the JSON).
    #[serde(skip)]
    pub words: GroupWords,
}

impl GroupReport {
    /// What templates receive: the view, with its words and sections.
    pub fn context(&self) -> Worded<'_, Self, GroupWords> {
        Worded::new(self, &self.words, &GROUP_SECTIONS)
    }
}

/// One reading of agreement ("people see this differently", ...) and the dimensions it fits.
#[derive(Debug, Clone, Serialize)]
pub struct Reading {
    /// `undefined` where alpha cannot be computed.
    pub reading: &'static str,
    pub dimensions: Vec<ReadingDimension>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReadingDimension {
    pub id: String,
    pub name: String,
    /// The ordinal alpha.
    pub alpha: Option<f64>,
}

/// A shared gap and what is said of it: how many want higher, of how many gave a target, now
/// and wanted; or, without targets, its mean, band and spread.
#[derive(Debug, Clone, Serialize)]
pub struct GapLine {
    pub id: String,
    pub name: String,
    pub text: String,
}

/// With `--by role`: the dimensions where the perspectives differ most, each with every role's
/// mean in a line ("convenor 4, member 2.5; a spread of 1.5").
fn role_lines(c: &Comparison) -> Vec<GapLine> {
    let Some(by) = &c.by_role else {
        return Vec::new();
    };
    by.most_different
        .iter()
        .map(|d| {
            let means: Vec<String> = by
                .roles
                .iter()
                .zip(&d.stats)
                .filter_map(|(r, s)| Some(format!("{} {}", r.role, fmt_score(s.as_ref()?.mean))))
                .collect();
            GapLine {
                id: d.id.clone(),
                name: d.name.clone(),
                text: format!("{}; a spread of {}", means.join(", "), fmt_score(d.spread)),
            }
        })
        .collect()
}

/// Each shared gap in a line.
/// The dimensions whose group mean moved most since the baseline: beyond measurement error
/// first, largest first; then the largest within it. At most three.
fn changed_most(c: &Comparison) -> Vec<String> {
    let Some(ch) = &c.change else {
        return Vec::new();
    };
    let mut moved: Vec<(bool, f64, String)> = ch
        .dimensions
        .iter()
        .filter_map(|d| {
            let v = d.change.filter(|v| *v != 0.0)?;
            let noise = d.reliable == Some(false);
            Some((
                noise,
                v.abs(),
                format!(
                    "{} {}{}{}",
                    d.name,
                    d.arrow,
                    fmt_signed(Some(v)),
                    if noise { " (within noise)" } else { "" }
                ),
            ))
        })
        .collect();
    moved.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
    moved.into_iter().take(3).map(|(_, _, t)| t).collect()
}

/// Per dimension, how sure its agreement is: the interval in words, then in numbers.
fn sure_lines(c: &Comparison) -> Vec<GapLine> {
    c.dimensions
        .iter()
        .filter_map(|d| {
            let a = &d.agreement;
            let (range, low, high, p) = (a.range.as_ref()?, a.low?, a.high?, a.p_below_667?);
            Some(GapLine {
                id: d.id.clone(),
                name: d.name.clone(),
                text: format!(
                    "{range} (alpha {}, 95% interval {} to {}; a {:.0}% chance it is below .667)",
                    three(a.ordinal),
                    three(Some(low)),
                    three(Some(high)),
                    p * 100.0
                ),
            })
        })
        .collect()
}

fn three(v: Option<f64>) -> String {
    v.map_or_else(|| "–".into(), |v| format!("{v:.2}"))
}

fn gap_lines(c: &Comparison) -> Vec<GapLine> {
    c.talk
        .shared_gaps
        .iter()
        .map(|r| GapLine {
            id: r.id.clone(),
            name: r.name.clone(),
            text: gap_text(r),
        })
        .collect()
}

fn gap_text(r: &TalkRef) -> String {
    let Some(wanted) = r.desired_mean else {
        let band = r
            .band
            .as_ref()
            .map(|b| format!(", {b}"))
            .unwrap_or_default();
        return format!("mean {}{band}, sd {}", fmt_score(r.mean), fmt_score(r.sd));
    };
    let who = match (r.wanting_more, r.of, r.without_target) {
        (Some(m), Some(of), Some(0)) => format!("{m} of {of} want higher; "),
        (Some(m), Some(of), Some(none)) => {
            format!("{m} of the {of} who gave a target ({none} gave none) want higher; ")
        }
        _ => String::new(),
    };
    format!(
        "{who}now {}, wanted {}",
        fmt_score(r.mean),
        fmt_score(Some(wanted))
    )
}

/// A dimension to talk about, with what the rubric offers for the conversation.
#[derive(Debug, Clone, Serialize)]
pub struct FocusView {
    pub id: String,
    pub name: String,
    pub question: String,
    /// Why it is here: `divided`, `gap`, or both.
    pub why: Vec<&'static str>,
    /// The band of the group's mean.
    pub band: Option<BandRef>,
    /// The reflection prompts for that band.
    pub prompts: Vec<String>,
    pub perspectives: Vec<String>,
    pub methods: Vec<String>,
    pub pitfalls: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupCharts {
    /// Radar chart with shapes `max`, `min` and `mean`.
    pub radar: Option<Radar>,
    /// The radar in words, for screen readers and print.
    pub radar_text: String,
}

/// The group report's view of `comparison`, made on `rubric`.
pub fn group_report(rubric: &Rubric, comparison: Comparison) -> GroupReport {
    GroupReport {
        generator: Generator {
            name: "learnlead",
            version: env!("CARGO_PKG_VERSION"),
        },
        rubric: rubric_info(rubric),
        charts: group_charts(rubric, &comparison),
        focus: group_focus(rubric, &comparison),
        agreement_readings: agreement_readings(&comparison),
        trend: None,
        session: None,
        method: super::group_method(rubric, crate::analysis::compare::DEFAULT_SEED, false),
        words: GroupWords {
            gap_lines: gap_lines(&comparison),
            role_lines: role_lines(&comparison),
            sure_lines: sure_lines(&comparison),
            changed_most: changed_most(&comparison),
            sure_intro: format!(
                "With {} {}, each alpha is an estimate: the range is where it falls in 95 of 100 resamplings of the answers (Hayes and Krippendorff's bootstrap).",
                comparison.participants.len(),
                if comparison.participants.len() == 1 { "person" } else { "people" }
            ),
            ..group_words(&rubric.title, comparison.talk.gaps_from)
        },
        comparison,
    }
}

/// The dimensions under each reading of their agreement.
fn agreement_readings(c: &Comparison) -> Vec<Reading> {
    let mut readings: Vec<Reading> = Vec::new();
    for d in &c.dimensions {
        let dim = ReadingDimension {
            id: d.id.clone(),
            name: d.name.clone(),
            alpha: d.agreement.ordinal,
        };
        match readings
            .iter_mut()
            .find(|r| r.reading == d.agreement.reading)
        {
            Some(r) => r.dimensions.push(dim),
            None => readings.push(Reading {
                reading: d.agreement.reading,
                dimensions: vec![dim],
            }),
        }
    }
    readings
}

/// The facilitation material for the most divided dimensions and the shared gaps, each once,
/// with the reflection prompts for the band of the group's mean.
fn group_focus(rubric: &Rubric, c: &Comparison) -> Vec<FocusView> {
    let mut focus: Vec<FocusView> = Vec::new();
    let talked = c.talk.dimensions.iter().map(|t| ("divided", t));
    for (why, t) in talked.chain(c.talk.shared_gaps.iter().map(|t| ("gap", t))) {
        if let Some(f) = focus.iter_mut().find(|f| f.id == t.id) {
            f.why.push(why);
            continue;
        }
        let Some((_, d)) = rubric.find_dimension(&t.id) else {
            continue;
        };
        let band = t.mean.and_then(|m| rubric.band_for(m));
        focus.push(FocusView {
            id: d.id.clone(),
            name: d.name.clone(),
            question: d.question.clone(),
            why: vec![why],
            band: band.map(|b| BandRef {
                id: b.id.clone(),
                name: b.name.clone(),
            }),
            prompts: band
                .and_then(|b| d.prompts.get(&b.id))
                .cloned()
                .unwrap_or_default(),
            perspectives: d.perspectives.clone(),
            methods: d.methods_for(band.map(|b| b.id.as_str())),
            pitfalls: d.pitfalls.clone(),
        });
    }
    focus
}

/// The radar of the group's mean per dimension, with the range from the lowest to the highest
/// participant, and the same in words.
fn group_charts(rubric: &Rubric, c: &Comparison) -> GroupCharts {
    let axes: Vec<(String, String)> = c
        .dimensions
        .iter()
        .map(|d| (d.id.clone(), d.name.clone()))
        .collect();
    let series = [
        ("max", c.dimensions.iter().map(|d| d.stats.max).collect()),
        ("min", c.dimensions.iter().map(|d| d.stats.min).collect()),
        ("mean", c.dimensions.iter().map(|d| d.stats.mean).collect()),
    ];
    let radar = chart::radar(&axes, rubric.scale.min, rubric.scale.max, &series);
    let described: Vec<String> = c
        .dimensions
        .iter()
        .map(|d| match (d.stats.mean, d.stats.min, d.stats.max) {
            (Some(m), Some(lo), Some(hi)) => format!(
                "{} mean {} (from {} to {})",
                d.name,
                fmt_score(Some(m)),
                fmt_score(Some(lo)),
                fmt_score(Some(hi))
            ),
            _ => format!("{} no scores", d.name),
        })
        .collect();
    GroupCharts {
        radar,
        radar_text: format!(
            "Radar chart of the group's mean per dimension, with the range from the lowest to the highest participant: {}.",
            described.join("; ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gap(more: usize, of: usize, none: usize) -> TalkRef {
        TalkRef {
            id: "voices".into(),
            name: "Voices".into(),
            dimension: "Voices".into(),
            mean: Some(2.5),
            sd: Some(0.5),
            band: Some("Emerging".into()),
            counts: None,
            reverse: false,
            answer_mean: Some(2.5),
            wanting_more: Some(more),
            of: Some(of),
            without_target: Some(none),
            desired_mean: Some(4.0),
            ends: ["Not true".into(), "Completely true".into()],
        }
    }

    #[test]
    fn a_gap_says_how_many_gave_no_target() {
        assert_eq!(
            gap_text(&gap(7, 7, 5)),
            "7 of the 7 who gave a target (5 gave none) want higher; now 2.5, wanted 4"
        );
        assert_eq!(
            gap_text(&gap(3, 4, 0)),
            "3 of 4 want higher; now 2.5, wanted 4"
        );
        let withheld = TalkRef {
            wanting_more: None,
            of: None,
            without_target: None,
            ..gap(0, 0, 0)
        };
        assert_eq!(gap_text(&withheld), "now 2.5, wanted 4");
        let low = TalkRef {
            desired_mean: None,
            ..gap(0, 0, 0)
        };
        assert_eq!(gap_text(&low), "mean 2.5, Emerging, sd 0.5");
    }
}
