//! Responses from an export of an online form or a spreadsheet: one row per participant. The
//! columns are found by [`columns`] (statements by id or text, name, community and role by their
//! usual headers), each cell read by [`cells`]. Every bad cell is reported by its row and column,
//! as a spreadsheet shows them.

mod cells;
mod columns;

pub use columns::{normalize, Col, ColumnNames, Options};

use crate::error::{Location, Problem};
use crate::io::sheet::Sheet;
use crate::model::response::{now, Answer, Response, RubricStamp};
use crate::model::rubric::Rubric;

/// One row, made into a response.
#[derive(Debug)]
pub struct Row {
    /// The row number in the spreadsheet (the first row is 1).
    pub row: usize,
    pub response: Response,
}

/// What an export held: the responses (kept by [`read_all`]; [`read_each`] hands each on as
/// it is read), how many there were, and how its columns were read.
#[derive(Debug, Default)]
pub struct Import {
    pub rows: Vec<Row>,
    /// How many rows became responses, and how many of those answer every statement.
    pub counted: usize,
    pub complete: usize,
    /// How many rows the header takes (1, or 2 with a question row above the statements).
    pub header_rows: usize,
    /// Each column read: its letter, its header, and what it holds.
    pub mapping: Vec<(String, String, Col)>,
    /// Columns passed over: letter and header.
    pub ignored: Vec<(String, String)>,
    /// The rubric's items that had no column (left unanswered).
    pub missing: Vec<String>,
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

/// learnlead's long CSV (its header is [`crate::io::output::CSV_MARK`]: participant, role,
/// group, dimension, item, answer, score), as one row per participant with a column per item,
/// in the order the participants first appear; any other sheet as it is.
fn from_long(sheet: Sheet) -> Sheet {
    let long = sheet.head().is_ok_and(|head| {
        head.first().is_some_and(|header| {
            header
                .iter()
                .map(String::as_str)
                .eq(crate::io::output::CSV_MARK.split(','))
        })
    });
    if !long {
        return sheet;
    }
    let name = sheet.name.clone();
    let mut items: Vec<String> = Vec::new();
    let mut people: Vec<(String, String, std::collections::HashMap<String, String>)> = Vec::new();
    // Where each item and person is, by name: a row is placed in constant time, so the pivot
    // stays linear in the rows (a search through the people made it quadratic).
    let mut item_seen: std::collections::HashSet<String> = Default::default();
    let mut person_at: std::collections::HashMap<String, usize> = Default::default();
    let mut failed = None;
    for row in sheet.skip(1) {
        let row = match row {
            Ok(row) => row,
            Err(problem) => {
                failed = Some(problem);
                break;
            }
        };
        let cell = |i: usize| row.get(i).map_or("", |c| c.as_str());
        let (person, role, item, answer) = (cell(0), cell(1), cell(4), cell(5));
        if person.is_empty() || item.is_empty() {
            continue;
        }
        if !item_seen.contains(item) {
            item_seen.insert(item.to_string());
            items.push(item.to_string());
        }
        // A name the CSV wrote with a leading ' (so a spreadsheet runs no formula) is the name.
        let name = person.strip_prefix('\'').unwrap_or(person);
        let role = role.strip_prefix('\'').unwrap_or(role);
        let at = if let Some(&i) = person_at.get(name) {
            i
        } else {
            people.push((name.to_string(), role.to_string(), Default::default()));
            person_at.insert(name.to_string(), people.len() - 1);
            people.len() - 1
        };
        people[at].2.insert(item.to_string(), answer.to_string());
    }
    let header = ["name", "role"]
        .iter()
        .map(std::string::ToString::to_string)
        .chain(items.iter().cloned())
        .collect::<Vec<_>>();
    let rows = people.into_iter().map(|(name, role, answers)| {
        [name, role]
            .into_iter()
            .chain(
                items
                    .iter()
                    .map(|i| answers.get(i).cloned().unwrap_or_default()),
            )
            .collect()
    });
    let rows: Vec<_> = std::iter::once(header)
        .chain(rows)
        .map(Ok)
        .chain(failed.map(Err))
        .collect();
    Sheet::held(rows, name)
}

/// A position in the sheet: the row as a spreadsheet numbers it, and a 0-based column.
fn at(row: usize, col: usize) -> Option<Location> {
    Some(Location {
        line: row,
        column: col + 1,
    })
}

/// Reads every row of `sheet` under its header into a response on `rubric`. Returns every
/// problem found, or, if there are none, the responses and how the columns were read. Rows
/// with no cell filled are passed over.
pub fn read(rubric: &Rubric, sheet: Sheet, options: &Options) -> Result<Import, Vec<Problem>> {
    let (import, problems) = read_all(rubric, sheet, options);
    if problems.is_empty() {
        Ok(import)
    } else {
        Err(problems)
    }
}

/// How the sheet was read, and every problem found: for `--dry-run`, which shows the mapping
/// even when some cells or columns are wrong. The responses are kept in `rows`.
pub fn read_all(rubric: &Rubric, sheet: Sheet, options: &Options) -> (Import, Vec<Problem>) {
    let mut rows = Vec::new();
    let (mut import, problems) = read_each(rubric, sheet, options, &mut |row| rows.push(row));
    import.rows = rows;
    (import, problems)
}

/// [`read_all`], handing each row's response to `each` as it is made, while no problem has
/// been found (after one, the rows are still read, for their problems, but not handed on): an
/// import of 100,000 rows holds one response at a time.
pub fn read_each(
    rubric: &Rubric,
    sheet: Sheet,
    options: &Options,
    each: &mut dyn FnMut(Row),
) -> (Import, Vec<Problem>) {
    // learnlead's own long CSV (`compare --format csv`, one row per person and statement) comes
    // back as one row per person.
    let sheet = from_long(sheet);
    let head = match sheet.head() {
        Ok(head) => head,
        // A header that cannot be read (not UTF-8): that alone is the problem, before any
        // about columns it would otherwise seem to lack.
        Err(problem) => return (Import::default(), vec![problem]),
    };
    let mut problems = Vec::new();
    let layout = columns::layout(rubric, &head, options, &mut problems);
    // A column's header as the sheet shows it: its header rows, top first.
    let header = |i: usize| {
        (0..layout.header_rows)
            .filter_map(|r| head.get(r).and_then(|row| row.get(i)))
            .filter(|h| !h.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(" / ")
    };
    let missing = rubric
        .items()
        .filter(|r| {
            !layout
                .columns
                .iter()
                .any(|(_, c)| *c == Col::Item(r.item.id.clone()))
        })
        .map(|r| r.item.id.clone())
        .collect();
    if !layout
        .columns
        .iter()
        .any(|(_, c)| matches!(c, Col::Item(_)))
        && problems.is_empty()
    {
        // About the whole sheet, not a cell: no position.
        problems.push(Problem::at(
            None,
            format!(
                "no column is one of the rubric `{}`'s statements (by id or by text); is it the right rubric (--rubric)?",
                rubric.id
            ),
        ));
    }
    // Cells past the last header: the row is shifted, or the header lost a column.
    let headed = (0..layout.header_rows)
        .filter_map(|r| head.get(r))
        .map(|row| {
            row.iter()
                .rposition(|h| !h.trim().is_empty())
                .map_or(0, |i| i + 1)
        })
        .max()
        .unwrap_or(0);
    let (mut counted, mut complete) = (0, 0);
    let mut found = Contradictions::default();
    let mut known = Known::default();
    let stamp = RubricStamp::of(rubric);
    for (n, cells) in sheet.enumerate() {
        let cells = match cells {
            Ok(cells) => cells,
            Err(problem) => {
                // The rows end here; the problems found so far are said with it.
                problems.push(problem);
                break;
            }
        };
        if n < layout.header_rows || cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let row = n + 1;
        if let Some(extra) = cells.iter().skip(headed).position(|c| !c.trim().is_empty()) {
            let i = headed + extra;
            problems.push(Problem::at(
                at(row, i),
                format!(
                    "row {row}, column {}: a cell past the last column with a header; is the row shifted?",
                    column_name(i)
                ),
            ));
            continue;
        }
        let response = response(
            rubric,
            &stamp,
            row,
            &cells,
            &layout.columns,
            &mut problems,
            &mut found,
            &mut known,
        );
        counted += 1;
        complete += usize::from(response.is_complete());
        if problems.is_empty() {
            each(Row { row, response });
        }
    }
    problems.extend(found.problems(rubric, &layout.columns));
    let import = Import {
        rows: Vec::new(),
        counted,
        complete,
        header_rows: layout.header_rows,
        mapping: layout
            .columns
            .iter()
            .map(|(i, c)| (column_name(*i), header(*i), c.clone()))
            .collect(),
        ignored: layout
            .ignored
            .iter()
            .map(|(i, h)| (column_name(*i), h.clone()))
            .collect(),
        missing,
    };
    (import, problems)
}

/// Cells whose number and label disagree, and per column how many cells hold a number.
#[derive(Debug, Default)]
struct Contradictions {
    /// Row, column index, and the contradiction.
    contradictions: Vec<(usize, usize, cells::CellError)>,
    numbered: std::collections::HashMap<usize, usize>,
}

/// Whether a cell starts with a number (`4`, `4 - Mostly true`).
fn has_number(cell: &str) -> bool {
    cell.trim_start_matches('-')
        .starts_with(|c: char| c.is_ascii_digit())
}

impl Contradictions {
    /// The problems: a column whose every numbered cell counts the other way round is one
    /// problem; any other contradiction is a problem at its cell.
    fn problems(self, rubric: &Rubric, columns: &[(usize, Col)]) -> Vec<Problem> {
        let (min, max) = (rubric.scale.min, rubric.scale.max);
        let mut by_column: std::collections::BTreeMap<usize, Vec<(usize, &cells::CellError)>> =
            Default::default();
        for (row, col, e) in &self.contradictions {
            by_column.entry(*col).or_default().push((*row, e));
        }
        let mut problems = Vec::new();
        for (col, found) in by_column {
            let reversed = found.iter().all(|(_, e)| {
                matches!(e, cells::CellError::Contradicts { number, label_point, .. } if *number == min + max - label_point)
            });
            if reversed && found.len() == self.numbered.get(&col).copied().unwrap_or(0) {
                let (row, e) = found[0];
                if let cells::CellError::Contradicts { number, label, .. } = e {
                    problems.push(Problem::at(
                        at(row, col),
                        format!(
                            "column {} numbers its options the other way round (row {row}: \"{number} - {}\"); every one of its {} numbered cells would be read inverted. Renumber the form's options as the rubric does ({min} is the lowest), or give the labels alone",
                            column_name(col),
                            crate::safe_text::quote(label),
                            found.len()
                        ),
                    ));
                }
                continue;
            }
            let id = columns.iter().find_map(|(i, c)| match c {
                Col::Item(id) if *i == col => rubric.find_item(id),
                _ => None,
            });
            for (row, e) in found {
                let words = id.map_or_else(String::new, |item| e.words(rubric, item));
                problems.push(Problem::at(
                    at(row, col),
                    format!("row {row}, column {}: {words}", column_name(col)),
                ));
            }
        }
        problems
    }
}

/// The answers already read from each column's cells: a form's column holds a handful of
/// distinct cells (`4 - Mostly true`), each read once, not once per row. At most [`KNOWN`]
/// per column are kept, so a column of all different cells costs no more memory than a row.
#[derive(Debug, Default)]
struct Known(std::collections::HashMap<usize, crate::model::response::Ids<Answer>>);

const KNOWN: usize = 64;

impl Known {
    /// The answer `cell` gives in column `col` to `item` (see [`cells::answer`]).
    fn answer(
        &mut self,
        rubric: &Rubric,
        item: crate::model::rubric::ItemRef,
        col: usize,
        cell: &str,
    ) -> Result<Option<Answer>, cells::CellError> {
        let known = self.0.entry(col).or_default();
        if let Some(a) = known.get(cell) {
            return Ok(Some(a.clone()));
        }
        let answer = cells::answer(rubric, item, cell)?;
        if let Some(a) = &answer {
            if known.len() < KNOWN {
                known.insert(cell.to_string(), a.clone());
            }
        }
        Ok(answer)
    }
}

/// One row as a response; each bad cell is a problem naming its row and column.
#[allow(clippy::too_many_arguments)] // the row, where it goes, and what is learnt along the way
fn response(
    rubric: &Rubric,
    stamp: &RubricStamp,
    row: usize,
    cells: &[String],
    columns: &[(usize, Col)],
    problems: &mut Vec<Problem>,
    found: &mut Contradictions,
    known: &mut Known,
) -> Response {
    let mut response = Response::stamped(stamp.clone());
    for (i, col) in columns {
        let cell = cells.get(*i).map_or("", |c| c.trim());
        let text = (!cell.is_empty()).then(|| cell.to_string());
        // Said only when there is a problem to place.
        let place = || format!("row {row}, column {}", column_name(*i));
        match col {
            Col::Name | Col::Community | Col::Role => {
                if let Err(m) = crate::io::input::check_text_len("this text", cell) {
                    problems.push(Problem::at(at(row, *i), format!("{}: {m}", place())));
                    continue;
                }
                match col {
                    Col::Name => response.name = text,
                    Col::Community => response.community = text,
                    _ => response.role = text,
                }
            }
            Col::Note(dimension) => {
                if let Err(m) = crate::io::input::check_text_len("this note", cell) {
                    problems.push(Problem::at(at(row, *i), format!("{}: {m}", place())));
                    continue;
                }
                if let Some(text) = text {
                    let entry = response.dimensions.entry(dimension.clone()).or_default();
                    let note = match entry.note.take() {
                        Some(before) => format!("{before}\n{text}"),
                        None => text,
                    };
                    // Two columns on one dimension are one note, within the limit of one.
                    if let Err(m) = crate::io::input::check_text_len("the note", &note) {
                        problems.push(Problem::at(at(row, *i), format!("{}: {m}", place())));
                    }
                    entry.note = Some(note);
                }
            }
            Col::Item(id) => {
                let Some(item) = rubric.find_item(id) else {
                    continue;
                };
                match known.answer(rubric, item, *i, cell) {
                    Ok(Some(a)) => {
                        response.answers.insert(id.clone(), a);
                    }
                    Ok(None) => {}
                    Err(e @ cells::CellError::Contradicts { .. }) => {
                        found.contradictions.push((row, *i, e));
                    }
                    Err(e) => problems.push(Problem::at(
                        at(row, *i),
                        format!("{} `{id}`: {}", place(), e.words(rubric, item)),
                    )),
                }
                if !cell.is_empty() {
                    *found.numbered.entry(*i).or_default() += usize::from(has_number(cell));
                }
            }
        }
    }
    response.sort_like(rubric);
    if response.unanswered(rubric).is_empty() {
        response.completed = Some(now());
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::sheet::csv_text;
    use crate::model::response::Answer;

    fn rubric() -> Rubric {
        crate::testing::shipped("pioneering-leaders")
    }

    fn import(csv: &str) -> Result<Import, Vec<Problem>> {
        read(&rubric(), csv_text(csv), &Options::default())
    }

    fn messages(csv: &str) -> Vec<String> {
        import(csv)
            .unwrap_err()
            .into_iter()
            .map(|p| p.message)
            .collect()
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
        let read = import(csv).unwrap();
        assert_eq!(read.rows.len(), 2);
        let ana = &read.rows[0].response;
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
        assert_eq!(read.rows[1].response.name, None);
        assert_eq!(read.rows[1].row, 3);
        assert!(read.missing.contains(&"illuminate-3".to_string()));
        assert!(!ana.is_complete());
    }

    #[test]
    fn every_bad_cell_is_named_by_row_and_column() {
        let csv = "name,name-1,name-2,name-3\nAna,4,1,x\nBo,9,2,3\n";
        let problems = import(csv).unwrap_err();
        let msgs: Vec<String> = problems.iter().map(|p| p.message.clone()).collect();
        assert_eq!(msgs.len(), 2, "{msgs:?}");
        assert!(
            msgs[0].starts_with(
                "row 2, column D `name-3`: \"x\" is not a score (1 to 5), a label (Not true,"
            ),
            "{msgs:?}"
        );
        assert_eq!(
            msgs[1],
            "row 3, column B `name-1`: 9 is outside the scale 1..5"
        );
        assert_eq!(problems[1].location, Some(Location { line: 3, column: 2 }));
    }

    #[test]
    fn extra_columns_are_passed_over_and_short_rows_are_unanswered() {
        let read =
            import("Timestamp,Email Address,Name,nme-2,name-1\n2026-01-01,a@b.c,Ana,x,4\nlater,b@c.d,Bo\n\n")
                .unwrap();
        let ignored: Vec<&str> = read.ignored.iter().map(|(c, _)| c.as_str()).collect();
        assert_eq!(
            ignored,
            ["A", "B", "D"],
            "a short unknown header is passed over"
        );
        assert_eq!(read.rows.len(), 2, "the empty row is no participant");
        assert!(read.rows[1].response.answers.is_empty());
    }

    #[test]
    fn a_cell_past_the_header_and_a_sheet_of_no_statements_are_errors() {
        assert_eq!(
            messages("name,name-1\nAna,4,5\n"),
            ["row 2, column C: a cell past the last column with a header; is the row shifted?"]
        );
        let m = messages("name,Email\nAna,a@b.c\n");
        assert!(
            m[0].starts_with("no column is one of the rubric `pioneering-leaders`'s statements"),
            "{m:?}"
        );
    }

    #[test]
    fn name_community_and_role_each_go_to_their_own_field() {
        let read = import("Role,Your name,Community,name-1\nleader,Ana,Makers,4\n").unwrap();
        let r = &read.rows[0].response;
        assert_eq!(r.name.as_deref(), Some("Ana"));
        assert_eq!(r.community.as_deref(), Some("Makers"));
        assert_eq!(r.role.as_deref(), Some("leader"));
    }

    #[test]
    fn a_column_given_twice_is_an_error_naming_both() {
        assert_eq!(
            messages("name,name-1,Name,name-1\nAna,4,Bo,5\n"),
            [
                "columns A and C are both the name; keep one of them",
                "columns B and D are both `name-1`; keep one of them",
            ]
        );
    }

    #[test]
    fn scores_just_off_the_scale_are_refused_and_its_ends_kept() {
        assert_eq!(
            messages("name,name-1,name-2\nAna,0,6\n"),
            [
                "row 2, column B `name-1`: 0 is outside the scale 1..5",
                "row 2, column C `name-2`: 6 is outside the scale 1..5",
            ]
        );
        let read = import("name,name-1,name-2\nAna,1,5\n").unwrap();
        assert_eq!(read.rows[0].response.answers["name-1"], Answer::Score(1));
        assert_eq!(read.rows[0].response.answers["name-2"], Answer::Score(5));
    }

    #[test]
    fn a_name_too_long_to_read_back_is_refused() {
        let csv = format!(
            "name,name-1\n{},4\n",
            "x".repeat(crate::io::input::MAX_TEXT_BYTES + 1)
        );
        let problems = import(&csv).unwrap_err();
        assert!(
            problems[0].message.contains("the limit is 64 KiB"),
            "{problems:?}"
        );
    }
}
