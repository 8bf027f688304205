//! A spreadsheet as rows of text cells, read from what online forms and spreadsheets export: CSV
//! separated by commas, semicolons or tabs (as spreadsheets in many locales save it; the
//! separator is the one that gives every row the same shape), with or without a byte-order
//! mark, or an `.xlsx` workbook (its first visible sheet, or the one named). Every read is
//! bounded: the file's size, what a workbook really unpacks to (counted as it is inflated, not
//! as its entries claim), and the cells a sheet holds (read one by one, never as the extent
//! the sheet declares).

use std::io::Cursor;
use std::path::Path;

use crate::error::{Error, Location, Problem, Result};
use crate::io::input::{self, Kind};

/// The cells of a sheet, row by row, as text; row 0 is the first row (a header).
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub rows: Vec<Vec<String>>,
    /// The workbook sheet that was read, for an `.xlsx`.
    pub name: Option<String>,
}

/// The most rows and columns read from a workbook sheet, and cells in all: far more than any
/// form export (100,000 people answering 500 statements fit), far less than a sheet's declared
/// extent of 1,048,576 rows by 16,384 columns.
pub const MAX_ROWS: u32 = 200_000;
pub const MAX_COLUMNS: u32 = 2_000;
const MAX_CELLS: usize = 20_000_000;

/// The most an `.xlsx` may hold once unpacked: the bound on its compressed size does not bound
/// what it expands to.
const MAX_UNPACKED: u64 = 64 * 1024 * 1024;

/// Reads `path` (`-` is standard input): an `.xlsx` workbook when its bytes are a ZIP archive,
/// else CSV text.
pub fn read(path: &Path, sheet: Option<&str>) -> Result<Sheet> {
    let bytes = input::read(path, Kind::Csv)?;
    if bytes.starts_with(b"PK\x03\x04") {
        return xlsx(path, bytes, sheet);
    }
    if let Some(name) = sheet {
        return Err(Error::SheetOfCsv {
            path: path.to_path_buf(),
            name: crate::safe_text::quote(name).clone(),
        });
    }
    let text = input::text_of(bytes).map_err(|(line, column)| {
        Error::invalid_one(
            path,
            Problem::at(
                Some(Location { line, column }),
                "this file is neither UTF-8 text (CSV) nor an .xlsx workbook; save it as CSV UTF-8 or .xlsx",
            ),
        )
    })?;
    csv_text(&text).map_err(|p| Error::invalid_one(path, p))
}

/// CSV text as a sheet, its separator guessed from the shape of its rows ([`separator`]).
pub fn csv_text(text: &str) -> std::result::Result<Sheet, Problem> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator(text))
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (n, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            Problem::at(
                Some(Location {
                    line: n + 1,
                    column: 1,
                }),
                format!("row {}: {e}", n + 1),
            )
        })?;
        rows.push(record.iter().map(|c| c.trim().to_string()).collect());
    }
    Ok(Sheet { rows, name: None })
}

/// The separator of `,` `;` and tab that splits the rows into the same number of fields, more
/// than one: a spreadsheet writes every row with as many cells as the header. Counting the
/// characters of the header alone misleads: a tab-separated export whose questions hold
/// commas. The first 1,000 rows are looked at; ties go to more fields, then to the comma.
fn separator(text: &str) -> u8 {
    let shape = |sep: u8| {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(sep)
            .from_reader(text.as_bytes());
        let counts: Vec<usize> = reader
            .records()
            .take(1000)
            .map_while(std::result::Result::ok)
            .map(|r| r.len())
            .filter(|n| *n > 0)
            .collect();
        let header = counts.first().copied().unwrap_or(0);
        let alike = counts.iter().filter(|n| **n == header).count();
        // Rows shaped like the header, out of all; then how many fields.
        let share = if counts.is_empty() {
            0
        } else {
            alike * 1000 / counts.len()
        };
        (header > 1, share, header)
    };
    [b',', b';', b'\t']
        .into_iter()
        .rev()
        .max_by_key(|s| shape(*s))
        .unwrap_or(b',')
}

/// A worksheet of an `.xlsx` workbook: `wanted`, else the first visible one. Refused if the
/// workbook would unpack beyond [`MAX_UNPACKED`], or the sheet holds a cell beyond
/// [`MAX_ROWS`] or [`MAX_COLUMNS`].
fn xlsx(path: &Path, bytes: Vec<u8>, wanted: Option<&str>) -> Result<Sheet> {
    use calamine::{Reader, SheetType, SheetVisible, Xlsx};
    let bad = |message: String| Error::invalid_one(path, Problem::at(None, message));
    inflate_within(path, &bytes, MAX_UNPACKED)?;
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| Error::Unreadable {
        file: path.to_path_buf(),
        what: "not a readable .xlsx workbook".into(),
        cause: Box::new(e),
    })?;
    let sheets = book.sheets_metadata().to_vec();
    let worksheets: Vec<&calamine::Sheet> = sheets
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet)
        .collect();
    let chosen = match wanted {
        Some(name) => {
            worksheets
                .iter()
                .find(|s| s.name == name)
                .ok_or_else(|| Error::NoSuchSheet {
                    path: path.to_path_buf(),
                    name: crate::safe_text::quote(name).clone(),
                    sheets: worksheets
                        .iter()
                        .map(|s| crate::safe_text::quote(&s.name).clone())
                        .collect(),
                })?
        }
        None => worksheets
            .iter()
            .find(|s| s.visible == SheetVisible::Visible)
            .ok_or_else(|| {
                bad("the workbook has no visible worksheet; name one with --sheet".into())
            })?,
    };
    let name = chosen.name.clone();
    let unreadable = |e: calamine::XlsxError| Error::Unreadable {
        file: path.to_path_buf(),
        what: format!("cannot read the sheet `{}`", crate::safe_text::quote(&name)),
        cause: Box::new(e),
    };
    let mut cells = book.worksheet_cells_reader(&name).map_err(unreadable)?;
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut count = 0usize;
    while let Some(cell) = cells.next_cell().map_err(unreadable)? {
        let (r, c) = cell.get_position();
        let text = cell_text(cell.get_value());
        if text.is_empty() {
            continue;
        }
        if r >= MAX_ROWS || c >= MAX_COLUMNS {
            return Err(bad(format!(
                "the sheet `{name}` has a value in cell {}{}, beyond the {MAX_COLUMNS} columns and {MAX_ROWS} rows learnlead reads; clear that cell, or export the answers as CSV",
                crate::collect::import::column_name(c as usize),
                r + 1
            )));
        }
        count += 1;
        let (r, c) = (r as usize, c as usize);
        if rows.len() <= r {
            rows.resize_with(r + 1, Vec::new);
        }
        let row = &mut rows[r];
        if row.len() <= c {
            count += c + 1 - row.len();
            row.resize(c + 1, String::new());
        }
        if count > MAX_CELLS {
            return Err(bad(format!(
                "the sheet `{name}` holds more than {MAX_CELLS} cells; export the answers as CSV"
            )));
        }
        row[c] = text;
    }
    Ok(Sheet {
        rows,
        name: Some(name),
    })
}

/// A cell as text: whole numbers without `.0`, errors as the spreadsheet shows them (`#N/A`).
fn cell_text(value: &calamine::DataRef<'_>) -> String {
    use calamine::DataRef;
    match value {
        DataRef::Empty => String::new(),
        DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        DataRef::Float(f) => f.to_string(),
        DataRef::Int(i) => i.to_string(),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
            s.trim().to_string()
        }
        DataRef::SharedString(s) => s.trim().to_string(),
        DataRef::Bool(b) => b.to_string(),
        DataRef::DateTime(d) => d.as_f64().to_string(),
        DataRef::Error(e) => e.to_string(),
    }
}

/// Inflates every entry of the ZIP archive `bytes` (the workbook `path`), counting the bytes
/// that really come out (an entry's header may claim less than it holds), and stops past
/// `limit`.
fn inflate_within(path: &Path, bytes: &[u8], limit: u64) -> Result<()> {
    use std::io::Read;
    let unreadable = |cause: Box<dyn std::error::Error + Send + Sync>| Error::Unreadable {
        file: path.to_path_buf(),
        what: "not a readable .xlsx workbook".into(),
        cause,
    };
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| unreadable(e.into()))?;
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let entry = zip.by_index(i).map_err(|e| unreadable(e.into()))?;
        let n = std::io::copy(&mut entry.take(limit + 1 - total), &mut std::io::sink())
            .map_err(|e| unreadable(e.into()))?;
        total += n;
        if total > limit {
            return Err(Error::invalid_one(
                path,
                Problem::at(
                    None,
                    format!(
                        "this workbook unpacks to more than the {} MB learnlead reads; export the answers as CSV",
                        limit / (1024 * 1024)
                    ),
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sheet_of_a_csv_and_a_broken_workbook_are_refused_with_their_cause() {
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("answers.csv");
        std::fs::write(&csv, "name,a-1\nAna,3\n").unwrap();
        let err = read(&csv, Some("Sheet1")).unwrap_err();
        assert!(
            matches!(&err, Error::SheetOfCsv { path, name } if *path == csv && name == "Sheet1")
        );
        let book = dir.path().join("answers.xlsx");
        std::fs::write(&book, b"PK\x03\x04 not really a workbook").unwrap();
        let err = read(&book, None).unwrap_err();
        assert!(
            matches!(&err, Error::Unreadable { file, .. } if *file == book),
            "{err:?}"
        );
        assert!(
            std::error::Error::source(&err).is_some(),
            "the zip reader's error is kept"
        );
        assert_eq!(err.exit_code(), 2);
    }

    #[test]
    fn the_separator_is_guessed_from_the_header() {
        let comma = csv_text("name,a-1,\"x, y\"\nAna,3,4\n").unwrap();
        assert_eq!(comma.rows[0], ["name", "a-1", "x, y"]);
        let semicolon = csv_text("name;a-1;a-2\nAna;3;\"4; really\"\n").unwrap();
        assert_eq!(semicolon.rows[1], ["Ana", "3", "4; really"]);
        let tab = csv_text("name\ta-1\nAna\t3\n").unwrap();
        assert_eq!(tab.rows, [vec!["name", "a-1"], vec!["Ana", "3"]]);
    }

    #[test]
    fn the_separator_is_the_one_that_gives_every_row_one_shape() {
        // Tabs between cells, commas inside the questions: tab.
        let tsv = "Name\tHow, in a word, is it?\tAnd this, too?\nAna\t4\t3\nBo\t2\t1\n";
        assert_eq!(csv_text(tsv).unwrap().rows[1], ["Ana", "4", "3"]);
        // Semicolons between cells, a comma in one answer.
        let ssv = "name;a-1;note\nAna;3;yes, really\nBo;4;no\n";
        assert_eq!(csv_text(ssv).unwrap().rows[1], ["Ana", "3", "yes, really"]);
    }

    #[test]
    fn rows_may_differ_in_length_and_cells_are_trimmed() {
        let s = csv_text("a,b,c\n 1 ,2\n").unwrap();
        assert_eq!(s.rows[1], ["1", "2"]);
    }
}
