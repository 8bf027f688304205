//! The instrument report (`rubrics analyze`): the rubric, and how well it measures.

use serde::Serialize;

use crate::analysis::instrument::Instrument;
use crate::model::rubric::Rubric;
use crate::present::view::{rubric_info, Generator, RubricInfo};

#[derive(Debug, Clone, Serialize)]
pub struct InstrumentView {
    pub generator: Generator,
    pub rubric: RubricInfo,
    /// The rubric's content hash: which exact wording the figures are about.
    pub rubric_hash: String,
    /// The scale's points, lowest first: the order of every `counts` list.
    pub scale_points: Vec<i64>,
    #[serde(flatten)]
    pub instrument: Instrument,
}

pub fn instrument_view(rubric: &Rubric, instrument: Instrument) -> InstrumentView {
    InstrumentView {
        generator: Generator::default(),
        rubric: rubric_info(rubric),
        rubric_hash: rubric.content_hash(),
        scale_points: (rubric.scale.min..=rubric.scale.max).collect(),
        instrument,
    }
}
