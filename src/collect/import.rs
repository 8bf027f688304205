//! Responses from a CSV file, as exported from an online form or a spreadsheet: one row per
//! participant, a `name` column (and optional `community` and `role`), one column per item id.
//! A cell is a score on the scale, `na`, or empty (unanswered). Every bad cell is reported by
//! its row and column, as a spreadsheet shows them.

use crate::error::{Location, Problem};
use crate::model::response::{now, Answer, Response};
use crate::model::rubric::Rubric;

/// One row, made into a response.
#[derive(Debug)]
pub struct Row {
    /// The row number in the spreadsheet (the header is row 1).
    pub row: usize,
    pub response: Response,
}

/// The spreadsheet's name of a column: A, B, ..., Z, AA, ...
pub fn column_name(index: usize) -> String {
    let mut n = index + 1;
    let mut s = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        s.push((b'A' + r as u8) as char);
        n = (n - 1) / 26;
    }
    s.iter().rev().collect()
}

/// What a column holds.
enum Col {
    Name,
    Community,
    Role,
    Item(String),
}

/// A position in the sheet: the row as a spreadsheet numbers it, and a 0-based column.
fn at(row: usize, col: usize) -> Option<Location> {
    Some(Location {
        line: row,
        column: col + 1,
    })
}

/// Reads every row of `text` into a response on `rubric`. Returns every problem found, or, if
/// there are none, the responses and the rubric's items that had no column (unanswered).
pub fn read(rubric: &Rubric, text: &str) -> Result<(Vec<Row>, Vec<String>), Vec<Problem>> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            return Err(vec![Problem::at(
                at(1, 0),
                format!("cannot read the header row: {e}"),
            )])
        }
    };
    let mut problems = Vec::new();
    let columns = columns(rubric, &headers, &mut problems);
    let missing: Vec<String> = rubric
        .items()
        .filter(|r| !headers.iter().any(|h| h.trim() == r.item.id))
        .map(|r| r.item.id.clone())
        .collect();
    let mut rows = Vec::new();
    for (n, record) in reader.records().enumerate() {
        let row = n + 2;
        match record {
            Ok(record) => rows.push(Row {
                row,
                response: response(rubric, row, &record, &columns, &mut problems),
            }),
            Err(e) => problems.push(Problem::at(at(row, 0), format!("row {row}: {e}"))),
        }
    }
    if problems.is_empty() {
        Ok((rows, missing))
    } else {
        Err(problems)
    }
}

/// What each header names: `name`, `community`, `role` or an item. A column given twice, or
/// one that names nothing known, is a problem.
fn columns(
    rubric: &Rubric,
    headers: &csv::StringRecord,
    problems: &mut Vec<Problem>,
) -> Vec<(usize, Col)> {
    let mut columns = Vec::new();
    // Each column once: a second `name` or item column would silently win over the first.
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, h) in headers.iter().enumerate() {
        let key = h.trim();
        let lower = key.to_ascii_lowercase();
        let canonical = match lower.as_str() {
            "name" | "community" | "role" => lower.clone(),
            _ => key.to_string(),
        };
        if let Some(first) = seen.insert(canonical, i) {
            problems.push(Problem::at(
                at(1, i),
                format!(
                    "columns {} and {} are both `{}`; keep one of them",
                    column_name(first),
                    column_name(i),
                    crate::safe_text::quote(key)
                ),
            ));
            continue;
        }
        let col = match lower.as_str() {
            "name" => Col::Name,
            "community" => Col::Community,
            "role" => Col::Role,
            _ if rubric.find_item(key).is_some() => Col::Item(key.to_string()),
            _ => {
                problems.push(Problem::at(
                    at(1, i),
                    format!(
                        "column {} `{}` is not `name`, `community`, `role` or an item of the rubric `{}`{}",
                        column_name(i),
                        crate::safe_text::quote(key),
                        rubric.id,
                        crate::suggest::did_you_mean(
                            key,
                            ["name", "community", "role"]
                                .into_iter()
                                .chain(rubric.items().map(|r| r.item.id.as_str()))
                        )
                    ),
                ));
                continue;
            }
        };
        columns.push((i, col));
    }
    if !columns.iter().any(|(_, c)| matches!(c, Col::Name)) {
        problems.push(Problem::at(at(1, 0), "the header row has no `name` column"));
    }
    columns
}

/// One row as a response; each bad cell is a problem naming its row and column.
fn response(
    rubric: &Rubric,
    row: usize,
    record: &csv::StringRecord,
    columns: &[(usize, Col)],
    problems: &mut Vec<Problem>,
) -> Response {
    let mut response = Response::new(rubric);
    for (i, col) in columns {
        let cell = record.get(*i).unwrap_or("").trim();
        let text = (!cell.is_empty()).then(|| cell.to_string());
        let place = format!("row {row}, column {}", column_name(*i));
        match col {
            Col::Name | Col::Community | Col::Role => {
                if let Err(m) = crate::io::input::check_text_len("this text", cell) {
                    problems.push(Problem::at(at(row, *i), format!("{place}: {m}")));
                    continue;
                }
                match col {
                    Col::Name => response.name = text,
                    Col::Community => response.community = text,
                    _ => response.role = text,
                }
            }
            Col::Item(id) => match answer(rubric, cell) {
                Ok(Some(a)) => {
                    response.answers.insert(id.clone(), a);
                }
                Ok(None) => {}
                Err(m) => problems.push(Problem::at(at(row, *i), format!("{place} `{id}`: {m}"))),
            },
        }
    }
    response.sort_like(rubric);
    if response.unanswered(rubric).is_empty() {
        response.completed = Some(now());
    }
    response
}

/// A cell as an answer: a score on the scale, `na` or `dk` (where the rubric offers them), or
/// nothing when empty; else why not.
fn answer(rubric: &Rubric, cell: &str) -> Result<Option<Answer>, String> {
    let (min, max) = (rubric.scale.min, rubric.scale.max);
    if cell.is_empty() {
        return Ok(None);
    }
    if cell.eq_ignore_ascii_case("na") || cell.eq_ignore_ascii_case("n/a") {
        if !rubric.scale.not_applicable {
            return Err("the rubric does not offer \"not applicable\"".into());
        }
        return Ok(Some(Answer::NotApplicable { reason: None }));
    }
    if ["dk", "don't know", "dont know"]
        .iter()
        .any(|w| cell.eq_ignore_ascii_case(w))
    {
        if !rubric.scale.dont_know {
            return Err("the rubric does not offer \"don't know\"".into());
        }
        return Ok(Some(Answer::DontKnow));
    }
    match cell.parse::<i64>() {
        Ok(v) if (min..=max).contains(&v) => Ok(Some(Answer::Score(v))),
        Ok(v) => Err(format!("{v} is outside the scale {min}..{max}")),
        Err(_) => Err(format!(
            "\"{}\" is not a score ({min} to {max}){}{} or empty",
            crate::safe_text::quote(cell),
            if rubric.scale.not_applicable {
                ", `na`"
            } else {
                ""
            },
            if rubric.scale.dont_know { ", `dk`" } else { "" }
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::assets;

    fn rubric() -> Rubric {
        Rubric::parse(assets::shipped_rubric("pioneering-leaders").unwrap().text).unwrap()
    }

    #[test]
    fn dk_is_an_answer_where_the_rubric_offers_it() {
        let mut r = rubric();
        r.scale.dont_know = false;
        assert_eq!(
            answer(&r, "dk"),
            Err("the rubric does not offer \"don't know\"".into())
        );
        let mut offers = r.clone();
        offers.scale.dont_know = true;
        assert_eq!(answer(&offers, "DK"), Ok(Some(Answer::DontKnow)));
        assert_eq!(answer(&offers, "don't know"), Ok(Some(Answer::DontKnow)));
        let refused = answer(&offers, "maybe").unwrap_err();
        assert!(refused.ends_with("`na`, `dk` or empty"), "{refused}");
    }

    #[test]
    fn column_names_are_spreadsheet_letters() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
    }

    #[test]
    fn rows_become_responses() {
        let csv = "name,role,name-1,name-2,connect-1\nAna,leader,4,na,\n,member,1,2,3\n";
        let (rows, missing) = read(&rubric(), csv).unwrap();
        assert_eq!(rows.len(), 2);
        let ana = &rows[0].response;
        assert_eq!(ana.name.as_deref(), Some("Ana"));
        assert_eq!(ana.answers["name-1"], Answer::Score(4));
        assert_eq!(
            ana.answers["name-2"],
            Answer::NotApplicable { reason: None }
        );
        assert!(
            !ana.answers.contains_key("connect-1"),
            "empty is unanswered"
        );
        assert_eq!(rows[1].response.name, None);
        assert_eq!(rows[1].row, 3);
        assert!(missing.contains(&"illuminate-3".to_string()));
        assert!(!ana.is_complete());
    }

    #[test]
    fn every_bad_cell_is_named_by_row_and_column() {
        let csv = "name,name-1,nme-2,name-3\nAna,4,1,x\nBo,9,2,3\n";
        let problems = read(&rubric(), csv).unwrap_err();
        let msgs: Vec<String> = problems.iter().map(|p| p.message.clone()).collect();
        assert_eq!(
            msgs,
            [
                "column C `nme-2` is not `name`, `community`, `role` or an item of the rubric `pioneering-leaders` (did you mean `name-2`?)",
                "row 2, column D `name-3`: \"x\" is not a score (1 to 5), `na`, `dk` or empty",
                "row 3, column B `name-1`: 9 is outside the scale 1..5",
            ]
        );
        assert_eq!(problems[2].location, Some(Location { line: 3, column: 2 }));
    }

    #[test]
    fn a_ragged_row_is_an_error() {
        let problems = read(&rubric(), "name,name-1\nAna,4,5\n").unwrap_err();
        assert!(problems[0].message.starts_with("row 2:"), "{:?}", problems);
    }

    #[test]
    fn name_community_and_role_each_go_to_their_own_field() {
        let csv = "Role,name,Community,name-1\nleader,Ana,Makers,4\n";
        let (rows, _) = read(&rubric(), csv).unwrap();
        let r = &rows[0].response;
        assert_eq!(r.name.as_deref(), Some("Ana"));
        assert_eq!(r.community.as_deref(), Some("Makers"));
        assert_eq!(r.role.as_deref(), Some("leader"));
    }

    #[test]
    fn a_column_given_twice_is_an_error_naming_both() {
        let problems = read(&rubric(), "name,name-1,Name,name-1\nAna,4,Bo,5\n").unwrap_err();
        let msgs: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            msgs,
            [
                "columns A and C are both `Name`; keep one of them",
                "columns B and D are both `name-1`; keep one of them",
            ]
        );
    }

    #[test]
    fn scores_just_off_the_scale_are_refused_and_its_ends_kept() {
        let problems = read(&rubric(), "name,name-1,name-2\nAna,0,6\n").unwrap_err();
        let msgs: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            msgs,
            [
                "row 2, column B `name-1`: 0 is outside the scale 1..5",
                "row 2, column C `name-2`: 6 is outside the scale 1..5",
            ]
        );
        let (rows, _) = read(&rubric(), "name,name-1,name-2\nAna,1,5\n").unwrap();
        assert_eq!(rows[0].response.answers["name-1"], Answer::Score(1));
        assert_eq!(rows[0].response.answers["name-2"], Answer::Score(5));
    }

    #[test]
    fn a_name_too_long_to_read_back_is_refused() {
        let csv = format!(
            "name,name-1\n{},4\n",
            "x".repeat(crate::io::input::MAX_TEXT_BYTES + 1)
        );
        let problems = read(&rubric(), &csv).unwrap_err();
        assert!(
            problems[0].message.contains("the limit is 64 KiB"),
            "{problems:?}"
        );
    }
}
