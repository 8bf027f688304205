//! What to talk about first: conversation starters (the most spread), shared strengths and
//! shared gaps (the least spread, high or low).

use serde::Serialize;

use super::{by_cmp, DimensionStats, ItemStats};
use crate::analysis::score::round2;
use crate::model::rubric::Rubric;

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

/// Conversation starters (most spread), shared strengths and shared gaps (least spread, high or
/// low mean). Spread is low at a standard deviation of a fifth of the scale or less.
pub(super) fn talk(rubric: &Rubric, items: &[ItemStats], dims: &[DimensionStats]) -> Talk {
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
