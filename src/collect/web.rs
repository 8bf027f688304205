//! A response from the questionnaire page's form as a browser posts it
//! (`application/x-www-form-urlencoded`): the fields `name`, `community`, `role` (a declared
//! role's id, or empty) with `role-other`, and per statement `item:ID` (a point, `na` or `dk`),
//! per dimension `desired:ID` and `note:ID`. What a stranger's browser sends is checked like a
//! file from someone else: every id against the rubric, every text's length, every number.

use crate::model::response::{now, Answer, DimensionAnswer, Response, RubricStamp};
use crate::model::rubric::Rubric;

/// The most fields a posted answer may have: a rubric of a few hundred statements, each with a
/// field, and two per dimension. A body of a million `x=1&` pairs is refused before it is read
/// into a million strings.
pub const MAX_FIELDS: usize = 2_000;

/// The most problems said about one post: the page lists them, and a person fixes the first few.
const MAX_PROBLEMS: usize = 20;

/// The longest name, community or role a page sends (its fields hold 200 characters): longer
/// is not a person typing, and each is repeated across a group report.
const MAX_LABEL_CHARS: usize = 200;

/// The pairs of a URL-encoded body, decoded (`+` is a space, `%XX` a byte); an error when the
/// bytes are not UTF-8 once decoded, or a `%` is not followed by two hex digits.
pub fn urlencoded(body: &[u8]) -> Result<Vec<(String, String)>, String> {
    if body.split(|b| *b == b'&').filter(|p| !p.is_empty()).count() > MAX_FIELDS {
        return Err(format!(
            "more than {MAX_FIELDS} fields: that is not what the questionnaire sends"
        ));
    }
    body.split(|b| *b == b'&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let mut parts = pair.splitn(2, |b| *b == b'=');
            let key = decode(parts.next().unwrap_or_default())?;
            let value = decode(parts.next().unwrap_or_default())?;
            Ok((key, value))
        })
        .collect()
}

fn decode(bytes: &[u8]) -> Result<String, String> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .ok_or("a `%` not followed by two hex digits")?;
                out.push(hex);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| "text that is not UTF-8".to_string())
}

/// The response the fields give, on `rubric` (stamped with `stamp`, made once for the rubric),
/// started and (when every statement asked is answered) completed now; else every problem, in
/// words.
pub fn response(
    rubric: &Rubric,
    stamp: &RubricStamp,
    fields: &[(String, String)],
) -> Result<Response, Vec<String>> {
    let mut problems = Vec::new();
    let mut r = Response::stamped(stamp.clone());
    let mut role_other = None;
    for (key, value) in fields {
        let value = value.trim();
        if let Err(m) = crate::io::input::check_text_len(key, value) {
            problems.push(m);
            continue;
        }
        let text = (!value.is_empty()).then(|| value.to_string());
        if matches!(key.as_str(), "name" | "community" | "role" | "role-other")
            && value.chars().count() > MAX_LABEL_CHARS
        {
            problems.push(format!(
                "the {} is longer than {MAX_LABEL_CHARS} characters",
                if key == "role-other" {
                    "role"
                } else {
                    key.as_str()
                }
            ));
            continue;
        }
        match key.split_once(':') {
            None => match key.as_str() {
                "name" => r.name = text,
                "community" => r.community = text,
                "role" => r.role = text,
                "role-other" => role_other = text,
                _ => {}
            },
            Some(("item", id)) => match rubric.find_item(id) {
                None => problems.push(format!(
                    "`{}` is not a statement of this questionnaire",
                    crate::safe_text::quote(id)
                )),
                Some(_) if value.is_empty() => {}
                Some(_) => match answer(value) {
                    Some(a) => {
                        r.answers.insert(id.to_string(), a);
                    }
                    None => problems.push(format!(
                        "`{}` is not an answer",
                        crate::safe_text::quote(value)
                    )),
                },
            },
            Some((kind @ ("desired" | "note"), id)) => {
                if rubric.find_dimension(id).is_none() {
                    problems.push(format!(
                        "`{}` is not a dimension of this questionnaire",
                        crate::safe_text::quote(id)
                    ));
                    continue;
                }
                let entry: &mut DimensionAnswer = r.dimensions.entry(id.to_string()).or_default();
                match (kind, value.parse::<i64>()) {
                    ("desired", Ok(v)) => entry.desired = Some(v),
                    ("desired", Err(_)) if value.is_empty() => {}
                    ("desired", Err(_)) => problems.push(format!(
                        "`{}` is not a point of the scale",
                        crate::safe_text::quote(value)
                    )),
                    _ => entry.note = text,
                }
            }
            Some(_) => {}
        }
    }
    if r.role.is_none() {
        r.role = role_other;
    }
    // A statement for other roles, checked by a page without its script, is not kept.
    let role = r.role.clone();
    r.answers.retain(|id, _| {
        rubric
            .find_item(id)
            .is_some_and(|i| rubric.asks(i.item, role.as_deref()))
    });
    r.dimensions
        .retain(|_, d| d.desired.is_some() || d.note.is_some());
    problems.extend(r.problem_paths(rubric).into_iter().map(|(_, m)| m));
    if problems.is_empty() && r.answers.is_empty() {
        problems.push("no statement is answered: answer at least one before sending".into());
    }
    if problems.len() > MAX_PROBLEMS {
        let more = problems.len() - MAX_PROBLEMS;
        problems.truncate(MAX_PROBLEMS);
        problems.push(format!("and {more} more"));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    r.sort_like(rubric);
    if r.unanswered(rubric).is_empty() {
        r.completed = Some(now());
    }
    Ok(r)
}

fn answer(value: &str) -> Option<Answer> {
    match value {
        "na" => Some(Answer::NotApplicable { reason: None }),
        "dk" => Some(Answer::DontKnow),
        v => v.parse().ok().map(Answer::Score),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rubric() -> Rubric {
        crate::testing::shipped("wenger-trayner")
    }

    #[test]
    fn url_encoding_is_decoded_and_bad_escapes_refused() {
        let pairs = urlencoded(b"name=Zo%C3%AB+%3Cb%3E&item%3Arelevance-1=4&empty=").unwrap();
        assert_eq!(
            pairs,
            [
                ("name".to_string(), "Zoë <b>".to_string()),
                ("item:relevance-1".to_string(), "4".to_string()),
                ("empty".to_string(), String::new()),
            ]
        );
        assert!(urlencoded(b"name=%zz").is_err());
        assert!(urlencoded(b"name=%ff").is_err(), "not UTF-8");
    }

    fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn fields_become_a_response_for_the_role() {
        let r = rubric();
        let resp = response(
            &r,
            &RubricStamp::of(&r),
            &fields(&[
                ("name", " Ana "),
                ("role", "member"),
                ("item:relevance-1", "4"),
                ("item:relevance-2", "na"),
                ("item:relevance-3", "dk"),
                ("item:relevance-4", ""),
                ("item:power-4", "5"),
                ("desired:relevance", "5"),
                ("note:relevance", "a <b>note</b>"),
                ("desired:power", ""),
            ]),
        )
        .unwrap();
        assert_eq!(resp.name.as_deref(), Some("Ana"));
        assert_eq!(resp.answers.len(), 3, "power-4 is for convenors");
        assert_eq!(resp.answers["relevance-3"], Answer::DontKnow);
        assert_eq!(resp.dimensions["relevance"].desired, Some(5));
        assert_eq!(
            resp.dimensions["relevance"].note.as_deref(),
            Some("a <b>note</b>")
        );
        assert!(!resp.dimensions.contains_key("power"));
        assert!(!resp.is_complete());
    }

    #[test]
    fn a_name_with_characters_yaml_refuses_raw_is_saved_so_it_reads_back() {
        let r = rubric();
        let name = "Ana \u{7f} \u{85}\u{90} \u{feff} Zed";
        let resp = response(
            &r,
            &RubricStamp::of(&r),
            &fields(&[("name", name), ("item:relevance-1", "4")]),
        )
        .unwrap();
        let text = resp.to_yaml().unwrap();
        let back = Response::parse(&text).unwrap();
        assert_eq!(back.name.as_deref(), Some(name));
    }

    #[test]
    fn a_post_of_nothing_of_too_many_fields_or_of_long_names_is_refused_briefly() {
        let r = rubric();
        let stamp = RubricStamp::of(&r);
        let none = response(&r, &stamp, &fields(&[("name", "Ana")])).unwrap_err();
        assert!(none[0].contains("no statement is answered"), "{none:?}");
        let many = "item:x=1&".repeat(MAX_FIELDS + 1);
        assert!(urlencoded(many.as_bytes())
            .unwrap_err()
            .contains("more than 2000 fields"));
        let junk: Vec<(String, String)> = (0..500)
            .map(|i| (format!("item:nope-{i}"), "1".to_string()))
            .collect();
        let problems = response(&r, &stamp, &junk).unwrap_err();
        assert_eq!(problems.len(), MAX_PROBLEMS + 1);
        assert_eq!(problems.last().unwrap(), "and 480 more");
        let long = "<".repeat(MAX_LABEL_CHARS + 1);
        let problems = response(
            &r,
            &stamp,
            &fields(&[("name", long.as_str()), ("item:relevance-1", "4")]),
        )
        .unwrap_err();
        assert_eq!(problems, ["the name is longer than 200 characters"]);
    }

    #[test]
    fn unknown_ids_and_answers_off_the_scale_are_refused() {
        let r = rubric();
        let problems = response(
            &r,
            &RubricStamp::of(&r),
            &fields(&[
                ("item:../../etc/passwd", "4"),
                ("item:relevance-1", "9"),
                ("item:relevance-2", "maybe"),
                ("desired:nope", "3"),
                ("role-other", "sponsor"),
            ]),
        )
        .unwrap_err();
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(
            problems
                .iter()
                .any(|p| p.contains("9 is outside the scale 1..5")),
            "{problems:?}"
        );
    }
}
