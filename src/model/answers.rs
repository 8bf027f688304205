//! Answers given outside the questionnaire: a YAML file for scripts, tests and people who
//! answered on paper (`learnlead assess --answers FILE`).
//!
//! ```yaml
//! name: Ana              # optional
//! community: Makers CoP  # optional
//! role: member           # optional
//! answers:
//!   relevance-1: 4       # a score on the rubric's scale, `na`, or {na: reason}
//! notes:
//!   relevance: free text
//! desired:               # optional
//!   relevance: 4
//! ```

use serde::Deserialize;

use crate::error::Problem;
use crate::model::response::{now, unique_keys, Answer, Ids, Response};
use crate::model::rubric::Rubric;
use crate::path;
use crate::yaml::{self, Seg};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AnswersFile {
    name: Option<String>,
    community: Option<String>,
    role: Option<String>,
    #[serde(default, deserialize_with = "unique_keys")]
    answers: Ids<Answer>,
    #[serde(default, deserialize_with = "unique_keys")]
    notes: Ids<String>,
    #[serde(default, deserialize_with = "unique_keys")]
    desired: Ids<i64>,
}

/// Builds a response to `rubric` from the text of an answers file. Every problem is reported:
/// unknown ids and scores off the scale, and (unless `partial`) the items left out.
pub fn build(rubric: &Rubric, text: &str, partial: bool) -> Result<Response, Vec<Problem>> {
    let file: AnswersFile = yaml::from_str(text).map_err(|p| vec![p])?;
    let mut response = Response::new(rubric);
    let clean = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    response.name = clean(file.name);
    response.community = clean(file.community);
    response.role = clean(file.role);
    response.answers = file.answers;
    for (id, note) in &file.notes {
        let entry = response.dimensions.entry(id.clone()).or_default();
        entry.note = clean(Some(note.clone()));
    }
    for (id, desired) in &file.desired {
        response.dimensions.entry(id.clone()).or_default().desired = Some(*desired);
    }

    // The response's own checks, located in the answers file's layout.
    let locator = yaml::Locator::new(text);
    let mut problems: Vec<Problem> = response
        .problem_paths(rubric)
        .into_iter()
        .map(|(p, message)| {
            let p = answers_file_path(&p, &file.notes);
            Problem::at(locator.locate(&p), message)
        })
        .collect();
    let missing = response.unanswered(rubric);
    if !missing.is_empty() && !partial {
        problems.push(Problem::at(
            locator.locate(&[Seg::from("answers")]),
            format!(
                "{} of {} items have no answer: {} (answer them, or use --partial to save an unfinished response)",
                missing.len(),
                rubric
                    .items()
                    .filter(|r| rubric.asks(r.item, response.role.as_deref()))
                    .count(),
                missing.join(", ")
            ),
        ));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    response.sort_like(rubric);
    if missing.is_empty() {
        response.completed = Some(now());
    }
    Ok(response)
}

/// Where a response-file path is written in an answers file.
fn answers_file_path(p: &[Seg], notes: &Ids<String>) -> Vec<Seg> {
    match p {
        [Seg::Key(d), Seg::Key(id), Seg::Key(k)] if d == "dimensions" && k == "desired" => {
            path!["desired", id.as_str()]
        }
        [Seg::Key(d), Seg::Key(id)] if d == "dimensions" => {
            let key = if notes.contains_key(id) {
                "notes"
            } else {
                "desired"
            };
            path![key, id.as_str()]
        }
        other => other.to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rubric() -> Rubric {
        crate::testing::shipped("pioneering-leaders")
    }

    fn all_answers() -> String {
        let r = rubric();
        let mut s = String::from("name: Ana\nanswers:\n");
        for i in r.items() {
            s.push_str(&format!("  {}: 3\n", i.item.id));
        }
        s
    }

    #[test]
    fn a_full_answers_file_gives_a_completed_response() {
        let text =
            all_answers() + "notes:\n  name: We never named ourselves.\ndesired:\n  name: 4\n";
        let resp = build(&rubric(), &text, false).unwrap();
        assert!(resp.is_complete());
        assert_eq!(resp.name.as_deref(), Some("Ana"));
        assert_eq!(resp.answers.len(), rubric().item_count());
        assert_eq!(resp.dimensions["name"].desired, Some(4));
        assert_eq!(
            resp.dimensions["name"].note.as_deref(),
            Some("We never named ourselves.")
        );
    }

    #[test]
    fn errors_name_the_item_and_its_line() {
        let text = all_answers().replace("  name-2: 3\n", "  name-2: 7\n  nme-3: 2\n")
            + "desired:\n  nam: 4\n  connect: 9\n";
        let problems = build(&rubric(), &text, false).unwrap_err();
        let got: Vec<String> = problems
            .iter()
            .map(|p| format!("{}: {}", p.location.map_or(0, |l| l.line), p.message))
            .collect();
        // name, answers: and one line per item (one more for nme-3), then desired:.
        let desired = 2 + rubric().item_count() + 1 + 1;
        assert_eq!(
            got,
            [
                "4: item `name-2`: 7 is outside the scale 1..5".to_string(),
                "5: `nme-3` is not an item of the rubric `pioneering-leaders` (did you mean `name-3`?)"
                    .to_string(),
                format!(
                    "{}: `nam` is not a dimension of the rubric `pioneering-leaders` (did you mean `name`?)",
                    desired + 1
                ),
                format!(
                    "{}: dimension `connect`: desired 9 is outside the scale 1..5",
                    desired + 2
                ),
            ]
        );
    }

    #[test]
    fn items_left_out_are_listed_unless_partial() {
        let text = "answers:\n  name-1: 2\n  connect-1: na\n";
        let problems = build(&rubric(), text, false).unwrap_err();
        assert_eq!(problems.len(), 1);
        let n = rubric().item_count();
        let expected = format!(
            "{} of {n} items have no answer: name-2, name-3, name-4, name-5, connect-2",
            n - 2
        );
        assert!(
            problems[0].message.starts_with(&expected),
            "{}",
            problems[0].message
        );
        let resp = build(&rubric(), text, true).unwrap();
        assert!(!resp.is_complete());
        assert_eq!(resp.answers.len(), 2);
    }

    #[test]
    fn scores_one_past_either_end_of_the_scale_are_refused() {
        for (value, ok) in [(0, false), (1, true), (5, true), (6, false)] {
            let text = format!("answers:\n  name-1: {value}\ndesired:\n  name: {value}\n");
            let result = build(&rubric(), &text, true);
            assert_eq!(result.is_ok(), ok, "{value}: {result:?}");
            if let Err(problems) = result {
                assert_eq!(
                    problems.len(),
                    2,
                    "the answer and the desired: {problems:?}"
                );
            }
        }
    }

    #[test]
    fn an_id_given_twice_is_refused() {
        let problems = build(&rubric(), "answers:\n  name-1: 2\n  name-1: 3\n", true).unwrap_err();
        assert!(
            problems[0].message.contains("`name-1` is given twice"),
            "{problems:?}"
        );
    }

    #[test]
    fn unknown_keys_are_refused() {
        let problems = build(&rubric(), "nmae: Ana\n", true).unwrap_err();
        assert!(problems[0].message.contains("unknown field `nmae`"));
    }
}
