//! What the property test crates share: the small test rubric.

use learnlead::model::rubric::Rubric;

/// The test rubric `small` (tests/fixtures/catalog/small.yaml), parsed.
pub fn small() -> Rubric {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/catalog/small.yaml"
    ))
    .unwrap();
    Rubric::parse(&text).unwrap()
}
