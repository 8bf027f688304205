//! Which column of an export holds what. A statement's column is headed by its item id, by the
//! statement's text (ignoring case, spacing, punctuation and quote styles), by a grid question
//! `Some question [statement text]`, or by a question row above a statement row. Name,
//! community and role are found by their usual headers, or named on the command line. Other
//! columns (`Timestamp`, `Email Address`, ...) are passed over and listed.

use std::collections::HashMap;

use super::{at, column_name};
use crate::error::Problem;
use crate::io::sheet::Sheet;
use crate::model::rubric::Rubric;

/// What a column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Col {
    Name,
    Community,
    Role,
    Item(String),
}

/// Columns named on the command line (`--name-column` ...): a header's text or a column letter.
#[derive(Debug, Clone, Default)]
pub struct ColumnNames {
    pub name: Option<String>,
    pub community: Option<String>,
    pub role: Option<String>,
}

/// How a sheet is laid out: how many header rows, what each column holds, which are passed over.
#[derive(Debug, Clone)]
pub struct Layout {
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

/// The layout of `sheet`: one header row, or two (a question row above a statement row) when
/// that finds more statements. Problems: a statement column matching two items, an item with
/// two columns, a statement-like header matching nothing.
pub fn layout(
    rubric: &Rubric,
    sheet: &Sheet,
    names: &ColumnNames,
    problems: &mut Vec<Problem>,
) -> Layout {
    let texts = Statements::of(rubric);
    let width = sheet.rows.iter().map(Vec::len).max().unwrap_or(0);
    let cell = |r: usize, c: usize| {
        sheet
            .rows
            .get(r)
            .and_then(|row| row.get(c))
            .map_or("", String::as_str)
    };
    // With two header rows, a column is named by the row below (the statement, under a
    // question that spans several columns), or by the row above (`Your name` above
    // `Open-Ended Response`).
    let names_of = |rows: usize, c: usize| -> Vec<&str> {
        (0..rows)
            .rev()
            .map(|r| cell(r, c))
            .filter(|h| !h.is_empty())
            .collect()
    };
    let found = |rows: usize| {
        (0..width)
            .filter(|&c| names_of(rows, c).iter().any(|h| texts.find(h).is_ok()))
            .count()
    };
    let header_rows = if sheet.rows.len() > 1 && found(2) > found(1) {
        2
    } else {
        1
    };
    let mut layout = Layout {
        header_rows,
        columns: Vec::new(),
        ignored: Vec::new(),
    };
    let mut seen: HashMap<Col, usize> = HashMap::new();
    for i in 0..width {
        let candidates = names_of(header_rows, i);
        let header = candidates.first().copied().unwrap_or("");
        let person = candidates.iter().find_map(|h| person_column(h, i, names));
        let item = candidates.iter().map(|h| texts.find(h)).find(Result::is_ok);
        let col = match (person, item) {
            (Some(col), _) => col,
            (None, Some(Ok(id))) => Col::Item(id.to_string()),
            _ => match texts.find(header) {
                Err(Some(message)) => {
                    problems.push(Problem::at(
                        at(1, i),
                        format!("column {} {message}", column_name(i)),
                    ));
                    continue;
                }
                _ => {
                    // A column without a header (a long row) is not worth a mention.
                    if !header.trim().is_empty() {
                        layout.ignored.push((i, header.to_string()));
                    }
                    continue;
                }
            },
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

/// The rubric's statements, normalized, for finding them in headers.
struct Statements<'a> {
    ids: HashMap<String, &'a str>,
    texts: Vec<(String, &'a str)>,
}

impl<'a> Statements<'a> {
    fn of(rubric: &'a Rubric) -> Self {
        Statements {
            ids: rubric
                .items()
                .map(|r| (r.item.id.to_lowercase(), r.item.id.as_str()))
                .collect(),
            texts: rubric
                .items()
                .map(|r| (normalize(&r.item.statement), r.item.id.as_str()))
                .collect(),
        }
    }

    /// The item a header names. `Err(None)`: it names none and does not look like a
    /// statement (an extra column, passed over); `Err(Some(why))`: it looks like one but
    /// matches no item, or matches two.
    fn find(&self, header: &str) -> Result<&'a str, Option<String>> {
        if let Some(id) = self.ids.get(&header.trim().to_lowercase()) {
            return Ok(id);
        }
        let words = normalize(statement_part(header));
        if words.is_empty() {
            return Err(None);
        }
        let exact: Vec<&str> = self
            .texts
            .iter()
            .filter(|(t, _)| *t == words)
            .map(|(_, id)| *id)
            .collect();
        let matches = match exact.is_empty() {
            true => self
                .texts
                .iter()
                .filter(|(t, _)| t.split(' ').count() >= 4 && words.contains(t.as_str()))
                .map(|(_, id)| *id)
                .collect(),
            false => exact,
        };
        match matches.as_slice() {
            [id] => Ok(id),
            [] if looks_like_a_statement(header) => {
                let closest =
                    crate::suggest::closest(&words, self.texts.iter().map(|(t, _)| t.as_str()))
                        .and_then(|t| self.texts.iter().find(|(x, _)| x == t))
                        .map(|(_, id)| format!(" (the closest is `{id}`)"))
                        .unwrap_or_default();
                Err(Some(format!(
                    "\"{}\" looks like a statement but is none of the rubric's{closest}",
                    crate::safe_text::quote(header)
                )))
            }
            [] => Err(None),
            many => Err(Some(format!(
                "\"{}\" matches more than one statement: {}",
                crate::safe_text::quote(header),
                many.join(", ")
            ))),
        }
    }
}

/// A grid column (`Question [statement]`) or a header of six words or more: a statement the
/// rubric should have, not an extra column.
fn looks_like_a_statement(header: &str) -> bool {
    let h = header.trim();
    (h.ends_with(']') && h.contains('[')) || normalize(h).split(' ').count() >= 6
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::assets;
    use crate::io::sheet::csv_text;

    fn rubric() -> Rubric {
        Rubric::parse(assets::shipped_rubric("wenger-trayner").unwrap().text).unwrap()
    }

    fn items(layout: &Layout) -> Vec<String> {
        layout
            .columns
            .iter()
            .map(|(i, c)| format!("{}={}", column_name(*i), describe(c)))
            .collect()
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
        let csv = "Timestamp,Email Address,Your name,relevance-1,\"I CAN SAY, in one or two sentences, what our partnership is about\",How true is each statement? [The topics of our last few meetings came from challenges that members brought from their practice.]\n";
        let sheet = csv_text(csv).unwrap();
        let mut problems = Vec::new();
        let l = layout(&r, &sheet, &ColumnNames::default(), &mut problems);
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
        let csv = "Respondent ID,Full name,How true is each of these?,,\n,,Our agenda is set mainly by what the sponsor or the organisers think matters.,\"When members' concerns have changed, our focus has changed with them.\",\n7,Ana,4,2\n";
        let sheet = csv_text(csv).unwrap();
        let mut problems = Vec::new();
        let l = layout(&r, &sheet, &ColumnNames::default(), &mut problems);
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
        let sheet = csv_text("Nom,Équipe,Fonction,relevance-1\n").unwrap();
        let names = ColumnNames {
            name: Some("nom".into()),
            community: Some("B".into()),
            role: Some("Fonction".into()),
        };
        let mut problems = Vec::new();
        let l = layout(&r, &sheet, &names, &mut problems);
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
    fn a_statement_like_header_that_matches_nothing_is_an_error() {
        let r = rubric();
        let sheet =
            csv_text("name,Q [Our agenda is set by the sponsor alone],We do many interesting things together here\n").unwrap();
        let mut problems = Vec::new();
        layout(&r, &sheet, &ColumnNames::default(), &mut problems);
        let m: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(m.len(), 2, "{m:?}");
        assert!(
            m[0].starts_with(
                "column B \"Q [Our agenda is set by the sponsor alone]\" looks like a statement"
            ),
            "{m:?}"
        );
    }
}
