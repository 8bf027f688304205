//! A cell as an answer, however a form wrote it: the number (`4`), the label (`Mostly true`),
//! both (`4 - Mostly true`, `4 (Mostly true)`), `N/A` or `Not applicable`, `Don't know`, in any
//! case; empty is unanswered.

use super::columns::normalize;
use crate::model::response::Answer;
use crate::model::rubric::{ItemRef, Rubric};

const NOT_APPLICABLE: &[&str] = &["na", "n a", "not applicable", "does not apply"];
const DONT_KNOW: &[&str] = &["dk", "dont know", "do not know", "i dont know"];

/// Why a cell is not an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum CellError {
    /// Not an answer at all, in words.
    Bad(String),
    /// A number and a label that say different points (`1 - Completely true`, where the
    /// rubric's 1 is "Not true"): the form numbers its options another way.
    Contradicts {
        number: i64,
        label: String,
        /// The point the label is on the rubric's scale.
        label_point: i64,
    },
}

impl CellError {
    /// The problem in words, for one cell.
    pub(super) fn words(&self, rubric: &Rubric, item: ItemRef) -> String {
        match self {
            CellError::Bad(m) => m.clone(),
            CellError::Contradicts {
                number,
                label,
                label_point,
            } => {
                let labels = rubric.labels_for(item.dimension, item.item);
                let meant = labels
                    .get(number)
                    .map(|l| format!(" (on the rubric's scale, {number} is \"{l}\")"))
                    .unwrap_or_default();
                format!(
                    "the number {number} and the label \"{}\" disagree: \"{}\" is {label_point}{meant}; fix the form's numbering, or give the label alone",
                    crate::safe_text::quote(label),
                    crate::safe_text::quote(label)
                )
            }
        }
    }
}

/// Excel's error values, as a cell shows them (`#N/A` is an error, never "not applicable").
const SPREADSHEET_ERRORS: &[&str] = &[
    "#N/A",
    "#DIV/0!",
    "#VALUE!",
    "#REF!",
    "#NAME?",
    "#NUM!",
    "#NULL!",
    "#SPILL!",
    "#CALC!",
    "#GETTING_DATA",
    "#FIELD!",
    "#BLOCKED!",
    "#BUSY!",
    "#CONNECT!",
    "#UNKNOWN!",
];

/// The answer a cell gives to `item`: `None` when empty; else why it is not one.
pub(super) fn answer(
    rubric: &Rubric,
    item: ItemRef,
    cell: &str,
) -> Result<Option<Answer>, CellError> {
    let (min, max) = (rubric.scale.min, rubric.scale.max);
    let cell = cell.trim();
    if cell.is_empty() {
        return Ok(None);
    }
    if let Some(e) = SPREADSHEET_ERRORS
        .iter()
        .find(|e| cell.eq_ignore_ascii_case(e))
    {
        return Err(CellError::Bad(format!(
            "the spreadsheet error {e} is not an answer; fix the formula or clear the cell"
        )));
    }
    let words = normalize(cell);
    if NOT_APPLICABLE.contains(&words.as_str()) {
        if !rubric.scale.not_applicable {
            return Err(CellError::Bad(
                "the rubric does not offer \"not applicable\"".into(),
            ));
        }
        return Ok(Some(Answer::NotApplicable { reason: None }));
    }
    if DONT_KNOW.contains(&words.as_str()) {
        if !rubric.scale.dont_know {
            return Err(CellError::Bad(
                "the rubric does not offer \"don't know\"".into(),
            ));
        }
        return Ok(Some(Answer::DontKnow));
    }
    let labels = rubric.labels_for(item.dimension, item.item);
    let label_point = |text: &str| {
        let w = normalize(text);
        labels
            .iter()
            .find(|(_, label)| normalize(label) == w)
            .map(|(p, _)| *p)
    };
    let point = match leading_number(cell) {
        Some((number, rest)) => {
            // A number with a label: both must say the same point.
            if let Some(p) = label_point(rest).filter(|p| *p != number) {
                return Err(CellError::Contradicts {
                    number,
                    label: rest.trim().to_string(),
                    label_point: p,
                });
            }
            Some(number)
        }
        None => label_point(cell),
    };
    match point {
        Some(v) if (min..=max).contains(&v) => Ok(Some(Answer::Score(v))),
        Some(v) => Err(CellError::Bad(format!(
            "{v} is outside the scale {min}..{max}"
        ))),
        None => {
            let named: Vec<&str> = labels.values().map(String::as_str).collect();
            Err(CellError::Bad(format!(
                "\"{}\" is not a score ({min} to {max}), a label ({}){}{} or empty",
                crate::safe_text::quote(cell),
                named.join(", "),
                if rubric.scale.not_applicable {
                    ", `na`"
                } else {
                    ""
                },
                if rubric.scale.dont_know { ", `dk`" } else { "" }
            )))
        }
    }
}

/// Whether `cell` would be an answer to some statement of `rubric` (a header row holds none).
pub(super) fn is_an_answer(rubric: &Rubric, cell: &str) -> bool {
    rubric
        .items()
        .any(|r| matches!(answer(rubric, r, cell), Ok(Some(_))))
}

/// The whole number a cell starts with, when the rest is nothing or a label after a
/// separator: `4`, `4 - Mostly true`, `4 (Mostly true)`, `4. Mostly true`, `-1`. A number
/// with decimals (`3.5`) is none.
fn leading_number(cell: &str) -> Option<(i64, &str)> {
    let digits_at = usize::from(cell.starts_with('-'));
    let end = cell[digits_at..]
        .find(|c: char| !c.is_ascii_digit())
        .map_or(cell.len(), |i| i + digits_at);
    if end == digits_at {
        return None;
    }
    let rest = cell[end..].trim_start();
    let separated = rest.is_empty()
        || rest.starts_with(['-', '–', '—', ':', '(', '='])
        || (rest.starts_with('.') && !rest[1..].starts_with(|c: char| c.is_ascii_digit()))
        || cell[end..].starts_with(' ') && !rest.starts_with(|c: char| c.is_ascii_digit());
    if !separated {
        return None;
    }
    let label = rest
        .trim_start_matches(['-', '–', '—', ':', '(', '=', '.'])
        .trim();
    let label = label.strip_suffix(')').unwrap_or(label).trim();
    cell[..end].parse().ok().map(|n| (n, label))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rubric() -> Rubric {
        crate::testing::shipped("wenger-trayner")
    }

    fn cell(item: &str, text: &str) -> Result<Option<Answer>, String> {
        let r = rubric();
        let item = r.find_item(item).unwrap();
        answer(&r, item, text).map_err(|e| e.words(&r, item))
    }

    #[test]
    fn numbers_labels_and_both_are_read() {
        let four = Ok(Some(Answer::Score(4)));
        for text in [
            "4",
            " 4 ",
            "Mostly true",
            "mostly TRUE",
            "4 - Mostly true",
            "4 – Mostly true",
            "4 (Mostly true)",
            "4. Mostly true",
            "4: Mostly true",
            "4 Mostly true",
        ] {
            assert_eq!(cell("relevance-1", text), four, "{text}");
        }
        assert_eq!(cell("relevance-1", ""), Ok(None));
        // A statement with its own answer set is read in its words.
        assert_eq!(cell("engagement-2", "Often"), four);
        assert_eq!(cell("leadership-1", "Rarely"), Ok(Some(Answer::Score(2))));
    }

    #[test]
    fn not_applicable_and_dont_know_in_their_usual_spellings() {
        let na = Ok(Some(Answer::NotApplicable { reason: None }));
        for text in ["na", "N/A", "n.a.", "Not applicable", "NOT APPLICABLE"] {
            assert_eq!(cell("relevance-1", text), na, "{text}");
        }
        for text in ["dk", "Don't know", "Don’t know", "do not know"] {
            assert_eq!(
                cell("relevance-1", text),
                Ok(Some(Answer::DontKnow)),
                "{text}"
            );
        }
    }

    #[test]
    fn a_number_its_label_contradicts_is_refused() {
        let r = rubric();
        let item = r.find_item("relevance-1").unwrap();
        assert_eq!(
            answer(&r, item, "1 - Completely true"),
            Err(CellError::Contradicts {
                number: 1,
                label: "Completely true".into(),
                label_point: 5
            })
        );
        let words = cell("relevance-1", "1 (Completely true)").unwrap_err();
        assert!(
            words.contains("\"Completely true\" is 5 (on the rubric's scale, 1 is \"Not true\")"),
            "{words}"
        );
        // A label the rubric does not have is the form's own wording: the number counts.
        assert_eq!(cell("relevance-1", "4 - agree"), Ok(Some(Answer::Score(4))));
    }

    #[test]
    fn spreadsheet_errors_are_errors_not_answers() {
        for text in ["#N/A", "#n/a", "#DIV/0!", "#VALUE!", "#REF!"] {
            let e = cell("relevance-1", text).unwrap_err();
            assert!(e.contains("spreadsheet error"), "{text}: {e}");
        }
    }

    #[test]
    fn anything_else_is_refused_with_what_would_do() {
        assert_eq!(
            cell("relevance-1", "6"),
            Err("6 is outside the scale 1..5".into())
        );
        assert_eq!(
            cell("relevance-1", "0 - none"),
            Err("0 is outside the scale 1..5".into())
        );
        let e = cell("relevance-1", "3.5").unwrap_err();
        assert!(
            e.starts_with("\"3.5\" is not a score (1 to 5), a label (Not true, Slightly true"),
            "{e}"
        );
        assert!(e.ends_with("`na`, `dk` or empty"), "{e}");
        assert!(cell("relevance-1", "42nd").is_err());
        assert!(cell("relevance-1", "Mostly").is_err());
    }
}
