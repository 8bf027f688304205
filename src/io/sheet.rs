//! A spreadsheet as rows of text cells, read from what online forms and spreadsheets export: CSV
//! separated by commas, semicolons or tabs (as spreadsheets in many locales save it), with or
//! without a byte-order mark, or an `.xlsx` workbook (its first sheet). Every read is bounded.

use std::io::Cursor;
use std::path::Path;

use crate::error::{Error, Location, Problem, Result};
use crate::io::input::{self, Kind};

/// The cells of a sheet, row by row, as text; row 0 is the first row (a header).
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub rows: Vec<Vec<String>>,
}

/// The most an `.xlsx` may hold once unpacked: the bound on its compressed size does not bound
/// what it expands to.
const MAX_UNPACKED: u64 = 64 * 1024 * 1024;

/// Reads `path` (`-` is standard input): an `.xlsx` workbook when its bytes are a ZIP archive,
/// else CSV text.
pub fn read(path: &Path) -> Result<Sheet> {
    let bytes = input::read(path, Kind::Csv)?;
    if bytes.starts_with(b"PK\x03\x04") {
        return xlsx(path, bytes);
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

/// CSV text as a sheet, its separator guessed from the header row: the one of `,` `;` and tab
/// that occurs most often outside quotes.
pub fn csv_text(text: &str) -> std::result::Result<Sheet, Problem> {
    let first = text.lines().next().unwrap_or("");
    let separator = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|s| count_outside_quotes(first, *s as char))
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator)
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
    Ok(Sheet { rows })
}

fn count_outside_quotes(line: &str, c: char) -> usize {
    let mut quoted = false;
    let mut n = 0;
    for ch in line.chars() {
        match ch {
            '"' => quoted = !quoted,
            ch if ch == c && !quoted => n += 1,
            _ => {}
        }
    }
    n
}

/// The first worksheet of an `.xlsx` workbook, refused if it would unpack beyond
/// [`MAX_UNPACKED`].
fn xlsx(path: &Path, bytes: Vec<u8>) -> Result<Sheet> {
    use calamine::{Data, Reader, Xlsx};
    let bad = |message: String| Error::invalid_one(path, Problem::at(None, message));
    let unpacked = unpacked_size(&bytes).map_err(|e| bad(format!("not a readable .xlsx ({e})")))?;
    if unpacked > MAX_UNPACKED {
        return Err(bad(format!(
            "this workbook unpacks to {} MB, more than the {} MB learnlead reads; export the answers as CSV",
            unpacked / (1024 * 1024),
            MAX_UNPACKED / (1024 * 1024)
        )));
    }
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes))
        .map_err(|e| bad(format!("not a readable .xlsx workbook ({e})")))?;
    let Some(first) = book.sheet_names().first().cloned() else {
        return Err(bad("the workbook has no sheets".into()));
    };
    let range = book
        .worksheet_range(&first)
        .map_err(|e| bad(format!("cannot read the sheet `{first}` ({e})")))?;
    let rows = range
        .rows()
        .map(|row| {
            row.iter()
                .map(|cell| match cell {
                    Data::Empty => String::new(),
                    Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => {
                        format!("{}", *f as i64)
                    }
                    other => other.to_string().trim().to_string(),
                })
                .collect()
        })
        .collect();
    Ok(Sheet { rows })
}

/// What the ZIP archive says its files unpack to, in total.
fn unpacked_size(bytes: &[u8]) -> std::result::Result<u64, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let file = zip.by_index_raw(i).map_err(|e| e.to_string())?;
        total = total.saturating_add(file.size());
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn rows_may_differ_in_length_and_cells_are_trimmed() {
        let s = csv_text("a,b,c\n 1 ,2\n").unwrap();
        assert_eq!(s.rows[1], ["1", "2"]);
    }
}
