//! "How these figures were made": the method section every report ends with. Which rubric
//! (version and content hash), how "not applicable" and "don't know" were treated, which
//! statements are reverse-scored, and for a group how agreement and change were judged.

use serde::Serialize;

use crate::model::rubric::Rubric;

#[derive(Debug, Clone, Serialize)]
pub struct MethodView {
    /// The rubric as the figures rest on it: "The disciplines of ..., version 2.1, content
    /// sha256:...".
    pub rubric: String,
    /// How the answers were scored, a sentence each.
    pub lines: Vec<String>,
    /// The reverse-scored statements, each "id: statement".
    pub reverse: Vec<String>,
    /// Under what the reverse-scored statements are listed.
    pub reverse_intro: String,
}

/// The method of a person's report on `rubric` (as far as it was asked), answering as `role`:
/// only the reverse-scored statements they were asked are listed.
pub fn person_method(rubric: &Rubric, role: Option<&str>) -> MethodView {
    let mut m = method_view(rubric);
    m.reverse = rubric
        .items()
        .filter(|i| i.item.reverse && rubric.asks(i.item, role))
        .map(|i| format!("{}: {}", i.item.id, i.item.statement.trim()))
        .collect();
    m
}

/// The method of a report on `rubric` (as far as it was asked or compared).
pub fn method_view(rubric: &Rubric) -> MethodView {
    let (min, max) = (rubric.scale.min, rubric.scale.max);
    let mut lines = vec![format!(
        "Each statement is answered on a scale from {min} to {max}. {}",
        match rubric.scale.dont_know {
            true => "\"Not applicable\" and \"don't know\" are not scored: they count neither as 0 nor in a mean.",
            false => "\"Not applicable\" is not scored: it counts neither as 0 nor in a mean.",
        }
    )];
    lines.push(
        "A dimension's score is the mean of its scored statements, given when at least half of the statements the person was asked are scored (and at least two); otherwise the answers are shown without a score, band or next step. Group and overall scores are means of dimension scores.".to_string(),
    );
    let stored = rubric
        .dimensions()
        .filter(|(_, d)| d.reliability.is_some())
        .count();
    lines.push(match stored {
        0 => "A change between rounds counts as more than noise only when it is larger than measurement error allows (Jacobson and Truax's reliable change). This rubric stores no reliability of its own, so a cautious alpha of .7 and a spread of a quarter of the scale are assumed.".to_string(),
        n => format!(
            "A change between rounds counts as more than noise only when it is larger than measurement error allows (Jacobson and Truax's reliable change), from the alpha and spread stored with the rubric for {n} of its {} dimensions (a cautious alpha of .7 for the others).",
            rubric.dimension_count()
        ),
    });
    MethodView {
        rubric: format!(
            "{}, version {}, content {}",
            rubric.title,
            rubric.version,
            rubric.content_hash()
        ),
        lines,
        reverse: rubric
            .items()
            .filter(|i| i.item.reverse)
            .map(|i| format!("{}: {}", i.item.id, i.item.statement.trim()))
            .collect(),
        reverse_intro: format!(
            "Reverse-scored statements (agreeing is the weaker practice; scored as {} minus the answer):",
            min + max
        ),
    }
}

/// The group report's method: [`method_view`], with how agreement was estimated and which
/// responses were compared.
pub fn group_method(rubric: &Rubric, seed: u64, partial_kept: bool) -> MethodView {
    let mut m = method_view(rubric);
    m.lines.push(format!(
        "Agreement is Krippendorff's alpha over the statements (ordinal metric), with a 95% interval from 1,000 bootstrap resamples of its pairs of answers, as Hayes and Krippendorff's KALPHA draws them (seed {seed}: the same seed gives the same report)."
    ));
    m.lines.push(match partial_kept {
        true => "Responses answering fewer than half the statements compared were kept on request (--include-partial).".to_string(),
        false => "Responses answering fewer than half the statements compared are left out.".to_string(),
    });
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_method_names_the_rubric_its_hash_and_every_reverse_statement() {
        let r = crate::testing::shipped("wenger-trayner");
        let m = group_method(&r, 7, false);
        assert!(m.rubric.contains(&r.version) && m.rubric.contains(&r.content_hash()));
        let reversed = r.items().filter(|i| i.item.reverse).count();
        assert!(reversed > 0);
        assert_eq!(m.reverse.len(), reversed);
        assert!(m.reverse_intro.contains("scored as 6 minus the answer"));
        assert!(m.lines.iter().any(|l| l.contains("\"don't know\"")));
        assert!(m.lines.iter().any(|l| l.contains("seed 7")));
        assert!(m.lines.iter().any(|l| l.contains("left out")));
    }
}
