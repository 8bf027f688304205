//! Which column of an export holds what. A statement's column is headed by its item id, by the
//! statement's text (ignoring case, spacing, punctuation and quote styles), by a grid question
//! `Some question [statement text]`, or by a question row above a statement row. Name,
//! community and role are found by their usual headers, or named on the command line. Other
//! columns (`Timestamp`, `Email Address`, ...) are passed over and listed.

use std::collections::HashMap;

use super::{at, column_name};
use crate::error::Problem;
use crate::model::rubric::Rubric;

/// What a column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Col {
    Name,
    Community,
    Role,
    Item(String),
    /// A free-text column kept as the note on this dimension (`--notes-column`).
    Note(String),
}

/// Columns named on the command line (`--name-column` ...): a header's text or a column letter.
#[derive(Debug, Clone, Default)]
pub struct ColumnNames {
    pub name: Option<String>,
    pub community: Option<String>,
    pub role: Option<String>,
}

/// How to read the sheet, as the command line says.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub names: ColumnNames,
    /// How many header rows (`--header-rows`); guessed when not given.
    pub header_rows: Option<usize>,
    /// Columns to pass over (`--ignore-column`): a header's text or a column letter.
    pub ignore: Vec<String>,
    /// Free-text columns kept as notes (`--notes-column`): the column (a header's text or a
    /// letter) and the id of the dimension the note is on.
    pub notes: Vec<(String, String)>,
}

/// Whether `given` (a header's text or a column letter) names column `index`, headed `header`.
fn names_column(given: &str, index: usize, header: &str) -> bool {
    let name = normalize(given);
    given.trim().eq_ignore_ascii_case(&column_name(index))
        || (!name.is_empty() && name == normalize(header))
}

/// How a sheet is laid out: how many header rows, what each column holds, which are passed over.
#[derive(Debug, Clone)]
pub(super) struct Layout {
    pub header_rows: usize,
    pub columns: Vec<(usize, Col)>,
    /// Columns passed over: their letter and header.
    pub ignored: Vec<(usize, String)>,
}

const NAME: &[&str] = &[
    "name",
    "your name",
    "full name",
    "your full name",
    "participant",
    "participant name",
    "respondent",
    "first and last name",
    "name optional",
    "your name optional",
];
const COMMUNITY: &[&str] = &[
    "community",
    "your community",
    "community or context",
    "your community or context",
    "team",
    "group",
    "organisation",
    "organization",
];
const ROLE: &[&str] = &[
    "role",
    "your role",
    "perspective",
    "your perspective",
    "the perspective you answer from",
    "position",
];

/// Text as it is compared: lowercase, quotes of every style and apostrophes dropped, other
/// punctuation as spaces, runs of space as one.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            '\'' | '’' | '‘' | '`' | '´' => {}
            c if c.is_alphanumeric() => out.push(c),
            _ => out.push(' '),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The statement a header names: the grid form's text in brackets, else the header itself.
fn statement_part(header: &str) -> &str {
    let h = header.trim();
    match (h.rfind('['), h.ends_with(']')) {
        (Some(open), true) => &h[open + 1..h.len() - 1],
        _ => h,
    }
}

/// The layout of `sheet`: one header row, or two (a question row above a statement row; see
/// [`header_rows`]). Problems: a statement column matching two items, an item with two columns,
/// a grid question or a near match that matches no statement whole.
pub(super) fn layout(
    rubric: &Rubric,
    head: &[Vec<String>],
    options: &Options,
    problems: &mut Vec<Problem>,
) -> Layout {
    let texts = Statements::of(rubric);
    let cell = |r: usize, c: usize| {
        head.get(r)
            .and_then(|row| row.get(c))
            .map_or("", String::as_str)
    };
    let header_rows = options
        .header_rows
        .unwrap_or_else(|| header_rows(rubric, head, &texts, problems));
    // A column past the header's is no column: its cells are a problem where they are read.
    let width = head
        .iter()
        .take(header_rows)
        .map(Vec::len)
        .max()
        .unwrap_or(0);
    // With two header rows, a column is named by the row below (the statement, under a
    // question that spans several columns), or by the row above (`Your name` above
    // `Open-Ended Response`).
    let names_of = |c: usize| -> Vec<&str> {
        (0..header_rows)
            .rev()
            .map(|r| cell(r, c))
            .filter(|h| !h.is_empty())
            .collect()
    };
    let mut layout = Layout {
        header_rows,
        columns: Vec::new(),
        ignored: Vec::new(),
    };
    let mut seen: HashMap<Col, usize> = HashMap::new();
    for i in 0..width {
        let candidates = names_of(i);
        let header = candidates.first().copied().unwrap_or("");
        if options
            .ignore
            .iter()
            .any(|g| candidates.iter().any(|h| names_column(g, i, h)) || names_column(g, i, ""))
        {
            layout.ignored.push((i, header.to_string()));
            continue;
        }
        let note = options.notes.iter().find(|(g, _)| {
            candidates.iter().any(|h| names_column(g, i, h)) || names_column(g, i, "")
        });
        if let Some((_, dimension)) = note {
            layout.columns.push((i, Col::Note(dimension.clone())));
            continue;
        }
        let person = candidates
            .iter()
            .find_map(|h| person_column(h, i, &options.names));
        let item = candidates.iter().map(|h| texts.find(h)).find(Result::is_ok);
        let col = match (person, item) {
            (Some(col), _) => col,
            (None, Some(Ok(id))) => Col::Item(id.to_string()),
            _ => {
                if let Err(Some(message)) = texts.find(header) {
                    problems.push(Problem::at(
                        at(1, i),
                        format!("column {} {message}", column_name(i)),
                    ));
                    continue;
                } else {
                    // A column without a header (a long row) is not worth a mention.
                    if !header.trim().is_empty() {
                        layout.ignored.push((i, header.to_string()));
                    }
                    continue;
                }
            }
        };
        if let Some(first) = seen.insert(col.clone(), i) {
            problems.push(Problem::at(
                at(1, i),
                format!(
                    "columns {} and {} are both {}; keep one of them",
                    column_name(first),
                    column_name(i),
                    describe(&col)
                ),
            ));
            continue;
        }
        layout.columns.push((i, col));
    }
    layout
}

/// How many rows the header takes. The second row is a header row (statements under a question
/// that spans them, as SurveyMonkey exports) only when most of its cells are statements and
/// none is an answer: a participant's comment that quotes a statement does not make her row a
/// header. A second row of statements and other text, without answers, is not clear either
/// way: that is a problem asking for `--header-rows`.
fn header_rows(
    rubric: &Rubric,
    head: &[Vec<String>],
    texts: &Statements,
    problems: &mut Vec<Problem>,
) -> usize {
    let Some(second) = head.get(1) else {
        return 1;
    };
    let filled: Vec<&str> = second
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    let statements = filled.iter().filter(|c| texts.find(c).is_ok()).count();
    if statements == 0 || filled.iter().any(|c| super::cells::is_an_answer(rubric, c)) {
        return 1;
    }
    if statements * 2 > filled.len() {
        return 2;
    }
    // About a row, not a cell: no position (the message names the row).
    problems.push(Problem::at(
        None,
        format!(
            "row 2 holds {statements} statement(s) among {} filled cells and no answer: is it a second header row (statements under a question) or a participant's row? Say --header-rows 2 or --header-rows 1",
            filled.len()
        ),
    ));
    1
}

impl std::hash::Hash for Col {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        std::mem::discriminant(self).hash(state);
        if let Col::Item(id) = self {
            id.hash(state);
        }
    }
}

/// How a column is named in a message.
fn describe(col: &Col) -> String {
    match col {
        Col::Name => "the name".into(),
        Col::Community => "the community".into(),
        Col::Role => "the role".into(),
        Col::Item(id) => format!("`{id}`"),
        Col::Note(id) => format!("the note on `{id}`"),
    }
}

/// The name, community or role column: the one named on the command line (by header or
/// letter), else one with a usual header.
fn person_column(header: &str, index: usize, names: &ColumnNames) -> Option<Col> {
    let words = normalize(header);
    let named = |given: &Option<String>| {
        given.as_deref().is_some_and(|g| {
            normalize(g) == words || g.trim().eq_ignore_ascii_case(&column_name(index))
        })
    };
    for (given, usual, col) in [
        (&names.name, NAME, Col::Name),
        (&names.community, COMMUNITY, Col::Community),
        (&names.role, ROLE, Col::Role),
    ] {
        if named(given) || (given.is_none() && usual.contains(&words.as_str())) {
            return Some(col);
        }
    }
    None
}

/// How many headers get a "closest statement" suggestion: each costs an edit distance per
/// statement, and a sheet of thousands of statement-like headers must stay quick to read.
const SUGGESTIONS: usize = 20;

/// The rubric's statements, normalized, for finding them in headers.
struct Statements<'a> {
    ids: HashMap<String, &'a str>,
    /// Each normalized statement and the items that have it (two items may share a wording).
    exact: HashMap<String, Vec<&'a str>>,
    texts: Vec<(String, &'a str)>,
    suggested: std::cell::Cell<usize>,
}

impl<'a> Statements<'a> {
    fn of(rubric: &'a Rubric) -> Self {
        let texts: Vec<(String, &'a str)> = rubric
            .items()
            .map(|r| (normalize(&r.item.statement), r.item.id.as_str()))
            .collect();
        let mut exact: HashMap<String, Vec<&'a str>> = HashMap::new();
        for (t, id) in &texts {
            exact.entry(t.clone()).or_default().push(id);
        }
        Statements {
            ids: rubric
                .items()
                .map(|r| (r.item.id.to_lowercase(), r.item.id.as_str()))
                .collect(),
            exact,
            texts,
            suggested: std::cell::Cell::new(0),
        }
    }

    /// The item a header names: its id, or its statement whole (in a grid question's brackets,
    /// or after a question number such as `Q3.`). `Err(None)`: it names none (an extra column,
    /// passed over); `Err(Some(why))`: a grid question that names no statement, a header close
    /// to a statement but not the same (never taken silently), or one that matches two.
    fn find(&self, header: &str) -> Result<&'a str, Option<String>> {
        if let Some(id) = self.ids.get(&header.trim().to_lowercase()) {
            return Ok(id);
        }
        let words = normalize(statement_part(header));
        if words.is_empty() {
            return Err(None);
        }
        let exact = self
            .exact
            .get(&words)
            .or_else(|| self.exact.get(without_question_number(&words)));
        match exact.map(Vec::as_slice) {
            Some([id]) => return Ok(id),
            Some(many) if many.len() > 1 => {
                return Err(Some(format!(
                    "\"{}\" matches more than one statement: {}",
                    crate::safe_text::quote(header),
                    many.join(", ")
                )))
            }
            _ => {}
        }
        // Close, but not the same: one holds the other. Listed, never taken.
        let near = self.texts.iter().find(|(t, _)| {
            let (long, short) = if t.len() > words.len() {
                (t.as_str(), words.as_str())
            } else {
                (words.as_str(), t.as_str())
            };
            short.split(' ').count() >= 4 && long.contains(short)
        });
        if let Some((_, id)) = near {
            return Err(Some(format!(
                "\"{}\" is close to the statement `{id}` but not the same; if it is that statement, head the column `{id}`; if not, leave it out with --ignore-column",
                crate::safe_text::quote(header)
            )));
        }
        if !is_grid(header) {
            return Err(None);
        }
        let closest = if self.suggested.get() < SUGGESTIONS {
            self.suggested.set(self.suggested.get() + 1);
            crate::suggest::closest(&words, self.texts.iter().map(|(t, _)| t.as_str()))
                .and_then(|t| self.texts.iter().find(|(x, _)| x == t))
                .map(|(_, id)| format!(" (the closest is `{id}`)"))
                .unwrap_or_default()
        } else {
            String::new()
        };
        Err(Some(format!(
            "\"{}\" asks about a statement that is none of the rubric's{closest}; leave it out with --ignore-column if it is not one",
            crate::safe_text::quote(header)
        )))
    }
}

/// `words` without a question number in front (`q3 ...`, `3 ...`, `3a ...`).
fn without_question_number(words: &str) -> &str {
    match words.split_once(' ') {
        Some((first, rest))
            if first
                .trim_start_matches('q')
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit())
                && first
                    .trim_start_matches('q')
                    .trim_start_matches(|c: char| c.is_ascii_digit())
                    .len()
                    <= 1 =>
        {
            rest
        }
        _ => words,
    }
}

/// A grid question's column: `Question [statement]`.
fn is_grid(header: &str) -> bool {
    let h = header.trim();
    h.ends_with(']') && h.contains('[')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::sheet::csv_text;

    fn rubric() -> Rubric {
        crate::testing::shipped("wenger-trayner")
    }

    fn items(layout: &Layout) -> Vec<String> {
        layout
            .columns
            .iter()
            .map(|(i, c)| format!("{}={}", column_name(*i), describe(c)))
            .collect()
    }

    #[test]
    fn a_question_number_in_front_is_passed_over_and_nothing_else_is() {
        assert_eq!(
            without_question_number("q3 we share cases"),
            "we share cases"
        );
        assert_eq!(
            without_question_number("3a we share cases"),
            "we share cases"
        );
        assert_eq!(
            without_question_number("12 we share cases"),
            "we share cases"
        );
        assert_eq!(
            without_question_number("members share cases"),
            "members share cases"
        );
        assert_eq!(without_question_number("q3abc we share"), "q3abc we share");
        assert_eq!(without_question_number("qa we share"), "qa we share");
    }

    #[test]
    fn only_a_bracketed_ending_is_a_grid_question() {
        assert!(is_grid("How true? [We share cases.]"));
        assert!(!is_grid("We share cases.]"));
        assert!(!is_grid("[We share cases."));
    }

    #[test]
    fn a_statement_written_twice_in_a_rubric_is_named_as_ambiguous() {
        let twice = crate::testing::SMALL.replace(
            "statement: We notice who is missing.",
            "statement: We share cases.",
        );
        let r = Rubric::parse(&twice).unwrap();
        let found = Statements::of(&r).find("We share cases.");
        match found {
            Err(Some(m)) => assert!(m.contains("matches more than one statement"), "{m}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_grid_header_names_the_statement_in_its_brackets() {
        assert_eq!(
            statement_part("How true? [We share cases.]"),
            "We share cases."
        );
        assert_eq!(statement_part("Q[We share cases.]"), "We share cases.");
        assert_eq!(statement_part("  We share cases.  "), "We share cases.");
        assert_eq!(statement_part("We share [cases"), "We share [cases");
    }

    #[test]
    fn a_column_is_named_by_its_letter_or_its_header_and_an_empty_name_names_none() {
        assert!(names_column("b", 1, "Anything else?"));
        assert!(names_column("anything ELSE", 1, "Anything else?"));
        assert!(!names_column("Comments", 1, "Anything else?"));
        // A name that is only punctuation is not an empty header's name.
        assert!(!names_column("?", 1, ""));
        assert!(!names_column("?", 1, "—"));
    }

    #[test]
    fn columns_to_pass_over_and_to_keep_as_notes_are_named_by_header() {
        let r = rubric();
        let sheet = csv_text("name,relevance-1,Timestamp,Anything else?\n");
        let options = Options {
            // A column that would otherwise be read (the name) is passed over when named.
            ignore: vec!["NAME".into()],
            notes: vec![("anything else".into(), "relevance".into())],
            ..Options::default()
        };
        let mut problems = Vec::new();
        let l = layout(&r, &sheet.head().unwrap(), &options, &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        let ignored: Vec<&str> = l.ignored.iter().map(|(_, h)| h.as_str()).collect();
        assert_eq!(ignored, ["name", "Timestamp"]);
        assert!(
            !l.columns.iter().any(|(_, c)| *c == Col::Name),
            "{:?}",
            l.columns
        );
        assert!(
            l.columns.contains(&(3, Col::Note("relevance".into()))),
            "{:?}",
            l.columns
        );
    }

    #[test]
    fn normalizing_ignores_case_spacing_punctuation_and_quote_styles() {
        assert_eq!(normalize("  Don’t  KNOW!! "), "dont know");
        assert_eq!(normalize("\"Our agenda…\""), "our agenda");
        assert_eq!(normalize("N/A"), "n a");
    }

    #[test]
    fn statements_are_found_by_id_text_grid_or_two_header_rows() {
        let r = rubric();
        let csv = "Timestamp,Email Address,Your name,relevance-1,\"WHEN MEMBERS talk about the partnership, they describe its focus in terms of their own work\",How true is each statement? [The topics of our last few meetings came from challenges that members brought from their practice.]\n";
        let sheet = csv_text(csv);
        let mut problems = Vec::new();
        let l = layout(
            &r,
            &sheet.head().unwrap(),
            &Options::default(),
            &mut problems,
        );
        assert_eq!(problems.len(), 1, "relevance-1 twice: {problems:?}");
        assert!(problems[0]
            .message
            .contains("columns D and E are both `relevance-1`"));
        assert_eq!(
            items(&l),
            ["C=the name", "D=`relevance-1`", "F=`relevance-2`"]
        );
        let ignored: Vec<&str> = l.ignored.iter().map(|(_, h)| h.as_str()).collect();
        assert_eq!(ignored, ["Timestamp", "Email Address"]);
        assert_eq!(l.header_rows, 1);
    }

    #[test]
    fn a_question_row_above_a_statement_row_is_two_header_rows() {
        let r = rubric();
        let csv = "Respondent ID,Full name,How true is each of these?,,\n,,What we discuss is decided by the organisers or the sponsor.,\"We check with members whether our focus still fits the challenges they face.\",\n7,Ana,4,2\n";
        let sheet = csv_text(csv);
        let mut problems = Vec::new();
        let l = layout(
            &r,
            &sheet.head().unwrap(),
            &Options::default(),
            &mut problems,
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(l.header_rows, 2);
        assert_eq!(
            items(&l),
            ["B=the name", "C=`relevance-3`", "D=`relevance-4`"]
        );
    }

    #[test]
    fn person_columns_can_be_named_by_header_or_letter() {
        let r = rubric();
        let sheet = csv_text("Nom,Équipe,Fonction,relevance-1\n");
        let names = ColumnNames {
            name: Some("nom".into()),
            community: Some("B".into()),
            role: Some("Fonction".into()),
        };
        let mut problems = Vec::new();
        let options = Options {
            names,
            ..Options::default()
        };
        let l = layout(&r, &sheet.head().unwrap(), &options, &mut problems);
        assert_eq!(
            items(&l),
            [
                "A=the name",
                "B=the community",
                "C=the role",
                "D=`relevance-1`"
            ]
        );
    }

    #[test]
    fn a_grid_question_naming_no_statement_is_an_error_and_free_text_is_passed_over() {
        let r = rubric();
        let sheet =
            csv_text("name,Q [What we discuss is decided by the sponsor alone],Anything else you want to tell us about the community?\n");
        let mut problems = Vec::new();
        let l = layout(
            &r,
            &sheet.head().unwrap(),
            &Options::default(),
            &mut problems,
        );
        let m: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(m.len(), 1, "{m:?}");
        assert!(
            m[0].starts_with(
                "column B \"Q [What we discuss is decided by the sponsor alone]\" asks about a statement that is none of the rubric's (the closest is `relevance-3`)"
            ),
            "{m:?}"
        );
        let ignored: Vec<&str> = l.ignored.iter().map(|(_, h)| h.as_str()).collect();
        assert_eq!(
            ignored,
            ["Anything else you want to tell us about the community?"]
        );
    }

    #[test]
    fn a_statement_is_matched_whole_never_inside_a_longer_header() {
        let r = rubric();
        let statement = r.find_item("relevance-2").unwrap().item.statement.clone();
        // The statement after a question number is the statement.
        let sheet = csv_text(&format!("name,\"Q7. {statement}\"\n"));
        let mut problems = Vec::new();
        let l = layout(
            &r,
            &sheet.head().unwrap(),
            &Options::default(),
            &mut problems,
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(items(&l), ["A=the name", "B=`relevance-2`"]);
        // A header that holds the statement and says the opposite is close, not the same.
        let sheet = csv_text(&format!("name,\"It is not true that {statement}\"\n"));
        let mut problems = Vec::new();
        let l = layout(
            &r,
            &sheet.head().unwrap(),
            &Options::default(),
            &mut problems,
        );
        assert_eq!(items(&l), ["A=the name"], "not taken");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0]
                .message
                .contains("is close to the statement `relevance-2` but not the same"),
            "{problems:?}"
        );
        // Passed over on purpose, it is no problem.
        let options = Options {
            ignore: vec!["B".into()],
            ..Options::default()
        };
        let mut problems = Vec::new();
        let l = layout(&r, &sheet.head().unwrap(), &options, &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(l.ignored.len(), 1);
    }

    #[test]
    fn a_short_statement_inside_a_longer_free_text_header_is_not_a_near_match() {
        // "We share cases." has three words: a question that happens to hold them is another
        // question, passed over, not taken for the statement nor refused as close to it.
        let r = crate::testing::small();
        let header = "We share cases with partners outside the network every month: how?";
        let sheet = csv_text(&format!("name,share-1,{header}\nAna,3,often\n"));
        let mut problems = Vec::new();
        let l = layout(
            &r,
            &sheet.head().unwrap(),
            &Options::default(),
            &mut problems,
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(items(&l), ["A=the name", "B=`share-1`"]);
        let ignored: Vec<&str> = l.ignored.iter().map(|(_, h)| h.as_str()).collect();
        assert_eq!(ignored, [header]);
    }

    #[test]
    fn thousands_of_statement_like_headers_cost_a_bounded_number_of_suggestions() {
        let r = rubric();
        // Each a statement of the rubric with one letter changed and a number: close to it,
        // the same as none.
        let statement = r.find_item("relevance-1").unwrap().item.statement.clone();
        let changed = statement.replacen('a', "o", 1);
        let header: Vec<String> = (0..12_000)
            .map(|i| format!("\"Question [{changed} {i}]\""))
            .collect();
        let sheet = csv_text(&format!("name,{}\n", header.join(",")));
        let mut problems = Vec::new();
        layout(
            &r,
            &sheet.head().unwrap(),
            &Options::default(),
            &mut problems,
        );
        assert_eq!(problems.len(), 12_000);
        let suggested = problems
            .iter()
            .filter(|p| p.message.contains("the closest is"))
            .count();
        assert!(
            suggested > 0 && suggested <= SUGGESTIONS,
            "edit distances are bounded ({suggested}), not one per header"
        );
    }

    #[test]
    fn a_second_row_is_a_header_only_when_it_holds_statements_and_no_answer() {
        let r = rubric();
        let s1 = r.find_item("relevance-1").unwrap().item.statement.clone();
        let s2 = r.find_item("relevance-2").unwrap().item.statement.clone();
        // A participant whose comment quotes a statement is a participant.
        let csv = format!("name,relevance-1,relevance-2,Comments\nAna,4,3,\"{s1}\"\nBo,2,2,\n");
        let mut problems = Vec::new();
        let l = layout(
            &r,
            &csv_text(&csv).head().unwrap(),
            &Options::default(),
            &mut problems,
        );
        assert_eq!(l.header_rows, 1);
        assert!(problems.is_empty(), "{problems:?}");
        // Statements under a question: two header rows.
        let csv = format!("Full name,How true?,\n,\"{s1}\",\"{s2}\"\nAna,4,3\n");
        let l = layout(
            &r,
            &csv_text(&csv).head().unwrap(),
            &Options::default(),
            &mut Vec::new(),
        );
        assert_eq!(l.header_rows, 2);
        // Unclear: asked for.
        let csv = format!("name,relevance-1,Other\n,\"{s1}\",Some text\nAna,4,x\n");
        let mut problems = Vec::new();
        layout(
            &r,
            &csv_text(&csv).head().unwrap(),
            &Options::default(),
            &mut problems,
        );
        assert!(
            problems[0]
                .message
                .contains("--header-rows 2 or --header-rows 1"),
            "{problems:?}"
        );
    }
}
