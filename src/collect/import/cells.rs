//! A cell as an answer, however a form wrote it: the number (`4`), the label (`Mostly true`),
//! both (`4 - Mostly true`, `4 (Mostly true)`), `N/A` or `Not applicable`, `Don't know`, in any
//! case; empty is unanswered.

use super::columns::normalize;
use crate::model::response::Answer;
use crate::model::rubric::{ItemRef, Rubric};

const NOT_APPLICABLE: &[&str] = &["na", "n a", "not applicable", "does not apply"];
const DONT_KNOW: &[&str] = &["dk", "dont know", "do not know", "i dont know"];

/// The answer a cell gives to `item`: `None` when empty; else why it is not one.
pub fn answer(rubric: &Rubric, item: ItemRef, cell: &str) -> Result<Option<Answer>, String> {
    let (min, max) = (rubric.scale.min, rubric.scale.max);
    let cell = cell.trim();
    if cell.is_empty() {
        return Ok(None);
    }
    let words = normalize(cell);
    if NOT_APPLICABLE.contains(&words.as_str()) {
        if !rubric.scale.not_applicable {
            return Err("the rubric does not offer \"not applicable\"".into());
        }
        return Ok(Some(Answer::NotApplicable { reason: None }));
    }
    if DONT_KNOW.contains(&words.as_str()) {
        if !rubric.scale.dont_know {
            return Err("the rubric does not offer \"don't know\"".into());
        }
        return Ok(Some(Answer::DontKnow));
    }
    let labels = rubric.labels_for(item.dimension, item.item);
    let point = leading_number(cell).or_else(|| {
        labels
            .iter()
            .find(|(_, label)| normalize(label) == words)
            .map(|(p, _)| *p)
    });
    match point {
        Some(v) if (min..=max).contains(&v) => Ok(Some(Answer::Score(v))),
        Some(v) => Err(format!("{v} is outside the scale {min}..{max}")),
        None => {
            let named: Vec<&str> = labels.values().map(String::as_str).collect();
            Err(format!(
                "\"{}\" is not a score ({min} to {max}), a label ({}){}{} or empty",
                crate::safe_text::quote(cell),
                named.join(", "),
                if rubric.scale.not_applicable {
                    ", `na`"
                } else {
                    ""
                },
                if rubric.scale.dont_know { ", `dk`" } else { "" }
            ))
        }
    }
}

/// The whole number a cell starts with, when the rest is nothing or a label after a
/// separator: `4`, `4 - Mostly true`, `4 (Mostly true)`, `4. Mostly true`, `-1`. A number
/// with decimals (`3.5`) is none.
fn leading_number(cell: &str) -> Option<i64> {
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
    cell[..end].parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::assets;

    fn rubric() -> Rubric {
        Rubric::parse(assets::shipped_rubric("wenger-trayner").unwrap().text).unwrap()
    }

    fn cell(item: &str, text: &str) -> Result<Option<Answer>, String> {
        let r = rubric();
        let item = r.find_item(item).unwrap();
        answer(&r, item, text)
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
        assert_eq!(
            cell("leadership-1", "One or two"),
            Ok(Some(Answer::Score(2)))
        );
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
