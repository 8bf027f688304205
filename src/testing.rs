//! What the unit tests share: the shipped rubrics parsed, and the small test rubric of the
//! end-to-end tests (`tests/fixtures/catalog/small.yaml`), so no test module pastes its own.

use crate::model::rubric::Rubric;

/// The shipped rubric `id`, parsed.
pub(crate) fn shipped(id: &str) -> Rubric {
    let asset = crate::io::assets::shipped_rubric(id).expect("a shipped rubric");
    Rubric::parse(asset.text).expect("the shipped rubric parses")
}

/// The small test rubric: two dimensions, three items, every questionnaire feature.
pub(crate) const SMALL: &str = include_str!("../tests/fixtures/catalog/small.yaml");

/// [`SMALL`], parsed.
pub(crate) fn small() -> Rubric {
    Rubric::parse(SMALL).expect("the small rubric parses")
}
