//! A spreadsheet as rows of text cells, read from what online forms and spreadsheets export: CSV
//! separated by commas, semicolons or tabs (as spreadsheets in many locales save it; the
//! separator is the one that gives every row the same shape), with or without a byte-order
//! mark, or an `.xlsx` workbook (its first visible sheet, or the one named). Every read is
//! bounded: the file's size, what a workbook really unpacks to (counted as it is inflated, not
//! as its entries claim), and the cells a sheet holds (read one by one, never as the extent
//! the sheet declares). A CSV is read a row at a time as the rows are asked for, so an export of
//! 100,000 rows is never held whole.

use std::collections::VecDeque;
use std::io::{Cursor, Read};
use std::path::Path;

use crate::error::{Error, Location, Problem, Result};
use crate::io::input::{self, Kind};

/// The rows of a sheet, each as text cells, handed on one at a time (a sheet is an
/// [`Iterator`]): a CSV export is read as it goes, never held whole. Row 0 is the first row (a
/// header). A row that cannot be read is a [`Problem`] at it, and the last item.
pub struct Sheet {
    /// The workbook sheet that was read, for an `.xlsx`.
    pub name: Option<String>,
    /// The rows read ahead ([`Sheet::head`]), not yet handed on.
    ahead: VecDeque<std::result::Result<Vec<String>, Problem>>,
    rest: Rows,
}

/// Where a sheet's rows come from.
enum Rows {
    /// Rows held already: learnlead's long CSV once pivoted.
    Held(std::vec::IntoIter<std::result::Result<Vec<String>, Problem>>),
    /// CSV, read a record at a time.
    Csv(Box<CsvRows>),
    /// A workbook's rows, read on a thread of their own ([`send_rows`]), which is joined when
    /// it stops sending: a thread that failed is a problem, not the end of the sheet.
    Received(
        std::sync::mpsc::Receiver<std::result::Result<Vec<String>, Problem>>,
        Option<std::thread::JoinHandle<()>>,
    ),
    /// Nothing more: the end, or a row that could not be read.
    Done,
}

struct CsvRows {
    reader: csv::Reader<Box<dyn Read>>,
    record: csv::ByteRecord,
}

/// How many rows a sheet reads ahead: the header takes at most two.
const HEAD: usize = 2;

impl Sheet {
    /// A sheet of rows already read (the last may be a row that could not be).
    pub fn held(
        rows: impl IntoIterator<Item = std::result::Result<Vec<String>, Problem>>,
        name: Option<String>,
    ) -> Sheet {
        Sheet::of(
            Rows::Held(rows.into_iter().collect::<Vec<_>>().into_iter()),
            name,
        )
    }

    fn of(rest: Rows, name: Option<String>) -> Sheet {
        let mut sheet = Sheet {
            name,
            ahead: VecDeque::new(),
            rest,
        };
        while sheet.ahead.len() < HEAD {
            match sheet.next_of_rest() {
                Some(row) => sheet.ahead.push_back(row),
                None => break,
            }
        }
        sheet
    }

    /// The first rows (at most two: the header's), read ahead of the others (fewer if the
    /// sheet ends), or the problem with one of them (a header that is not UTF-8). They are still
    /// handed on by the iterator.
    pub fn head(&self) -> std::result::Result<Vec<Vec<String>>, Problem> {
        self.ahead.iter().cloned().collect()
    }

    fn next_of_rest(&mut self) -> Option<std::result::Result<Vec<String>, Problem>> {
        let row = match &mut self.rest {
            Rows::Held(rows) => rows.next(),
            Rows::Csv(csv) => csv.next(),
            Rows::Received(rows, reader) => match rows.recv() {
                Ok(row) => Some(row),
                Err(_) => match reader.take().map(std::thread::JoinHandle::join) {
                    Some(Err(_)) => Some(Err(Problem::at(
                        None,
                        "the sheet could not be read to its end (an internal error); export the answers as CSV",
                    ))),
                    _ => None,
                },
            },
            Rows::Done => None,
        };
        if !matches!(row, Some(Ok(_))) {
            self.rest = Rows::Done;
        }
        row
    }
}

impl Iterator for Sheet {
    type Item = std::result::Result<Vec<String>, Problem>;

    fn next(&mut self) -> Option<Self::Item> {
        match self.ahead.pop_front() {
            Some(row) => Some(row),
            None => self.next_of_rest(),
        }
    }
}

impl std::fmt::Debug for Sheet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sheet")
            .field("name", &self.name)
            .field("head", &self.head())
            .finish_non_exhaustive()
    }
}

impl CsvRows {
    /// The next record, its cells trimmed; a stream that fails (a byte that is not UTF-8, past
    /// the size limit) is a problem.
    fn next(&mut self) -> Option<std::result::Result<Vec<String>, Problem>> {
        match self.reader.read_byte_record(&mut self.record) {
            Ok(false) => None,
            Ok(true) => Some(Ok(cells(&self.record))),
            Err(e) => Some(Err(stream_problem(&e))),
        }
    }
}

/// A record's cells as text, trimmed. The bytes were checked as they were read
/// ([`Utf8Checked`]): they are UTF-8.
fn cells(record: &csv::ByteRecord) -> Vec<String> {
    record
        .iter()
        .map(|field| String::from_utf8_lossy(field).trim().to_string())
        .collect()
}

const NOT_TEXT: &str =
    "this file is neither UTF-8 text (CSV) nor an .xlsx workbook; save it as CSV UTF-8 or .xlsx";

/// A CSV stream that failed, in words.
fn stream_problem(e: &csv::Error) -> Problem {
    let line = e.position().map(|p| Location {
        line: p.line() as usize,
        column: 1,
    });
    match e.kind() {
        csv::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::FileTooLarge => {
            Problem::at(None, input::too_large_words(Kind::Csv))
        }
        csv::ErrorKind::Io(io) => match io.get_ref().and_then(|e| e.downcast_ref::<NotUtf8>()) {
            Some(NotUtf8(at)) => Problem::at(Some(*at), NOT_TEXT),
            None => Problem::at(
                line,
                format!(
                    "the file could not be read to its end: {}",
                    crate::error::io_words(io)
                ),
            ),
        },
        _ => Problem::at(line, format!("this row cannot be read: {e}")),
    }
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

/// How much of a CSV is looked at to guess its separator ([`separator`]).
const GUESS_BYTES: u64 = 1024 * 1024;

/// Reads `path` (`-` is standard input): an `.xlsx` workbook when its bytes are a ZIP archive,
/// else CSV text, read as its rows are asked for.
pub fn read(path: &Path, sheet: Option<&str>) -> Result<Sheet> {
    let mut input = input::open(path, Kind::Csv)?;
    let failed = |e| input::read_failed(path, Kind::Csv, e);
    let mut start = Vec::new();
    (&mut input)
        .take(GUESS_BYTES)
        .read_to_end(&mut start)
        .map_err(failed)?;
    if start.starts_with(b"PK\x03\x04") {
        input.read_to_end(&mut start).map_err(failed)?;
        return xlsx(path, start, sheet);
    }
    if let Some(name) = sheet {
        return Err(Error::SheetOfCsv {
            path: path.to_path_buf(),
            name: crate::safe_text::quote(name).clone(),
        });
    }
    if start.starts_with(b"\xEF\xBB\xBF") {
        start.drain(..3);
    }
    // The rows wholly within the start (a longer file's last one may be cut off); lines may
    // end in a carriage return alone (Excel for Mac's "CSV (Macintosh)").
    let whole = if start.len() as u64 >= GUESS_BYTES - 3 {
        start
            .iter()
            .rposition(|b| matches!(b, b'\n' | b'\r'))
            .map_or(start.len(), |i| i + 1)
    } else {
        start.len()
    };
    let separator = separator(&start[..whole]);
    Ok(csv(Cursor::new(start).chain(input), separator))
}

/// Passes bytes on while checking that they are UTF-8, counting lines and characters, so that
/// the first byte that is not is placed exactly (inside quotes and cells of many lines too):
/// the read fails there with [`NotUtf8`].
struct Utf8Checked<R> {
    inner: R,
    /// Bytes read but not yet checked: the start of a character cut by the end of a read, or
    /// the bad bytes (read again, they fail).
    carry: Vec<u8>,
    /// Bytes checked and counted, not yet passed on (to a reader with room for less than a
    /// character).
    ready: Vec<u8>,
    line: usize,
    column: usize,
}

/// Where the first byte that is not UTF-8 is.
#[derive(Debug)]
struct NotUtf8(Location);

impl std::fmt::Display for NotUtf8 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "not UTF-8 at {}:{}", self.0.line, self.0.column)
    }
}

impl std::error::Error for NotUtf8 {}

impl<R: Read> Utf8Checked<R> {
    fn new(inner: R) -> Self {
        Utf8Checked {
            inner,
            carry: Vec::new(),
            ready: Vec::new(),
            line: 1,
            column: 1,
        }
    }

    fn count(&mut self, text: &str) {
        for c in text.chars() {
            if c == '\n' {
                self.line += 1;
                self.column = 1;
            } else {
                self.column += 1;
            }
        }
    }

    fn bad(&self) -> std::io::Error {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            NotUtf8(Location {
                line: self.line,
                column: self.column,
            }),
        )
    }
}

impl<R: Read> Read for Utf8Checked<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if !self.ready.is_empty() {
            let n = self.ready.len().min(buf.len());
            buf[..n].copy_from_slice(&self.ready[..n]);
            self.ready.drain(..n);
            return Ok(n);
        }
        if buf.len() < 4 {
            // Room for a whole character at least; the CSV reader reads in large blocks.
            let mut four = [0; 4];
            let n = self.fill(&mut four)?;
            if n == 0 {
                return Ok(0);
            }
            self.ready.extend_from_slice(&four[..n]);
            return self.read(buf);
        }
        self.fill(buf)
    }
}

impl<R: Read> Utf8Checked<R> {
    /// Reads into `buf` (room for four bytes at least) the next bytes that are whole
    /// characters, counted; fails at the first byte that is not UTF-8.
    fn fill(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            let held = self.carry.len().min(buf.len());
            buf[..held].copy_from_slice(&self.carry[..held]);
            self.carry.drain(..held);
            let n = held + self.inner.read(&mut buf[held..])?;
            match std::str::from_utf8(&buf[..n]) {
                Ok(text) => {
                    self.count(text);
                    return Ok(n);
                }
                Err(e) => {
                    let valid = e.valid_up_to();
                    let text = std::str::from_utf8(&buf[..valid]).unwrap_or_default();
                    self.count(text);
                    // The start of a character, cut by the end of what was read so far.
                    let cut = e.error_len().is_none() && n > held;
                    if valid == 0 && !cut {
                        return Err(self.bad());
                    }
                    self.carry.splice(0..0, buf[valid..n].iter().copied());
                    if valid > 0 {
                        return Ok(valid);
                    }
                }
            }
        }
    }
}

/// CSV text as a sheet, its separator guessed from the shape of its rows ([`separator`]).
pub fn csv_text(text: &str) -> Sheet {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let separator = separator(text.as_bytes());
    csv(Cursor::new(text.as_bytes().to_vec()), separator)
}

fn csv(from: impl Read + 'static, separator: u8) -> Sheet {
    let checked: Box<dyn Read> = Box::new(Utf8Checked::new(from));
    let reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator)
        .from_reader(checked);
    Sheet::of(
        Rows::Csv(Box::new(CsvRows {
            reader,
            record: csv::ByteRecord::new(),
        })),
        None,
    )
}

/// The separator of `,` `;` and tab that splits the rows into the same number of fields, more
/// than one: a spreadsheet writes every row with as many cells as the header. Counting the
/// characters of the header alone misleads: a tab-separated export whose questions hold
/// commas. The first 1,000 rows are looked at; ties go to more fields, then to the comma.
fn separator(text: &[u8]) -> u8 {
    let shape = |sep: u8| {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(sep)
            .from_reader(text);
        let counts: Vec<usize> = reader
            .byte_records()
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
    // Opened once here, so that a sheet that cannot be read at all is said at once.
    book.worksheet_cells_reader(&name)
        .map_err(|e| Error::Unreadable {
            file: path.to_path_buf(),
            what: format!("cannot read the sheet `{}`", crate::safe_text::quote(&name)),
            cause: Box::new(e),
        })?;
    // The rows are read on a thread of their own, which owns the workbook, and handed over a
    // few at a time as the import asks for them.
    let (tx, rx) = std::sync::mpsc::sync_channel(64);
    let reading = name.clone();
    let reader = std::thread::spawn(move || {
        if let Err(problem) = send_rows(&mut book, &reading, &tx) {
            let _ = tx.send(Err(problem));
        }
    });
    Ok(Sheet::of(Rows::Received(rx, Some(reader)), Some(name)))
}

/// Reads the sheet `name` of `book` a cell at a time, and sends each row once the next begins
/// (an empty row for each row without a value, so the rows keep their numbers), until the
/// sheet ends or nobody takes the rows any more. A cell beyond [`MAX_ROWS`] or [`MAX_COLUMNS`],
/// more than [`MAX_CELLS`] in all, or cells out of the sheet's order are a problem.
fn send_rows(
    book: &mut calamine::Xlsx<Cursor<Vec<u8>>>,
    name: &str,
    tx: &std::sync::mpsc::SyncSender<std::result::Result<Vec<String>, Problem>>,
) -> std::result::Result<(), Problem> {
    let unreadable = |e: calamine::XlsxError| {
        Problem::at(
            None,
            format!(
                "cannot read the sheet `{}`: {e}",
                crate::safe_text::quote(name)
            ),
        )
    };
    let bad = |message: String| Problem::at(None, message);
    let mut cells = book.worksheet_cells_reader(name).map_err(unreadable)?;
    // The row being filled, and its number.
    let (mut row, mut at): (Vec<String>, usize) = (Vec::new(), 0);
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
        let (r, c) = (r as usize, c as usize);
        if r < at {
            return Err(bad(format!(
                "the sheet `{name}` lists row {} after row {}; open it and save it again, or export the answers as CSV",
                r + 1,
                at + 1
            )));
        }
        while at < r {
            if tx.send(Ok(std::mem::take(&mut row))).is_err() {
                return Ok(()); // nobody reads on
            }
            at += 1;
        }
        count += 1;
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
    if !row.is_empty() {
        let _ = tx.send(Ok(row));
    }
    Ok(())
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

    /// Every row of `sheet`, each read well.
    fn rows(sheet: Sheet) -> Vec<Vec<String>> {
        sheet.map(|r| r.unwrap()).collect()
    }

    #[test]
    fn the_separator_is_guessed_from_the_header() {
        let comma = rows(csv_text("name,a-1,\"x, y\"\nAna,3,4\n"));
        assert_eq!(comma[0], ["name", "a-1", "x, y"]);
        let semicolon = rows(csv_text("name;a-1;a-2\nAna;3;\"4; really\"\n"));
        assert_eq!(semicolon[1], ["Ana", "3", "4; really"]);
        let tab = rows(csv_text("name\ta-1\nAna\t3\n"));
        assert_eq!(tab, [vec!["name", "a-1"], vec!["Ana", "3"]]);
    }

    #[test]
    fn the_separator_is_the_one_that_gives_every_row_one_shape() {
        // Tabs between cells, commas inside the questions: tab.
        let tsv = "Name\tHow, in a word, is it?\tAnd this, too?\nAna\t4\t3\nBo\t2\t1\n";
        assert_eq!(rows(csv_text(tsv))[1], ["Ana", "4", "3"]);
        // Semicolons between cells, a comma in one answer.
        let ssv = "name;a-1;note\nAna;3;yes, really\nBo;4;no\n";
        assert_eq!(rows(csv_text(ssv))[1], ["Ana", "3", "yes, really"]);
    }

    #[test]
    fn rows_may_differ_in_length_and_cells_are_trimmed() {
        let s = rows(csv_text("a,b,c\n 1 ,2\n"));
        assert_eq!(s[1], ["1", "2"]);
    }

    #[test]
    fn the_head_is_read_ahead_and_still_handed_on() {
        let sheet = csv_text("\u{feff}name,a-1\nAna,3\nBo,4\n");
        assert_eq!(sheet.head().unwrap(), [["name", "a-1"], ["Ana", "3"]]);
        assert_eq!(
            rows(sheet).len(),
            3,
            "the head rows come first, then the rest"
        );
    }

    /// A CSV file `export.csv` in `dir` longer than the part its separator is guessed from:
    /// `header`, then rows "Person N;3;yes, really", each line ended by `eol`; and how many
    /// rows it has under its header.
    fn past_the_guess(dir: &Path, header: &str, eol: &str) -> (std::path::PathBuf, usize) {
        let mut text = format!("{header}{eol}");
        let mut n = 0;
        while text.len() as u64 <= GUESS_BYTES + 1000 {
            n += 1;
            text.push_str(&format!("Person {n};3;yes, really{eol}"));
        }
        let path = dir.join("export.csv");
        std::fs::write(&path, &text).unwrap();
        (path, n)
    }

    #[test]
    fn a_file_is_read_as_it_goes_its_separator_guessed_from_its_start() {
        // Longer than the part the separator is guessed from, its last rows past it.
        let dir = tempfile::tempdir().unwrap();
        let (path, n) = past_the_guess(dir.path(), "\u{feff}name;a-1;note", "\n");
        let all = rows(read(&path, None).unwrap());
        assert_eq!(
            all[0],
            ["name", "a-1", "note"],
            "the byte-order mark is dropped"
        );
        assert_eq!(all.len(), n + 1);
        assert_eq!(all[n], [format!("Person {n}").as_str(), "3", "yes, really"]);
    }

    #[test]
    fn a_row_that_is_not_text_is_a_problem_at_its_line_and_column_and_the_last_row() {
        let mut bytes = b"name,a-1\nAna,3\nBo,4\n".to_vec();
        bytes.extend(b"Zo\xe9,2\nEli,5\n");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("latin1.csv");
        std::fs::write(&path, bytes).unwrap();
        let got: Vec<_> = read(&path, None).unwrap().collect();
        assert_eq!(
            got.len(),
            4,
            "three rows, then the problem, then nothing: {got:?}"
        );
        let problem = got[3].as_ref().unwrap_err();
        assert_eq!(problem.location, Some(Location { line: 4, column: 3 }));
        assert!(
            problem.message.contains("neither UTF-8 text"),
            "{problem:?}"
        );
    }

    #[test]
    fn a_stream_past_the_limit_is_a_problem_not_a_row_cut_short() {
        let e = csv::ReaderBuilder::new()
            .from_reader(FailingRead)
            .byte_records()
            .next()
            .unwrap()
            .unwrap_err();
        let problem = stream_problem(&e);
        assert!(problem.message.contains("too large"), "{problem:?}");
    }

    /// A workbook of one sheet, `Responses`, whose sheet data is `rows` (as the XML writes it).
    fn workbook(dir: &Path, rows: &str) -> std::path::PathBuf {
        use std::io::Write as _;
        let path = dir.join("book.xlsx");
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        for (name, text) in [
            ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_string()),
            ("_rels/.rels", format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#)),
            ("xl/workbook.xml", format!(r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="{rel}"><sheets><sheet name="Responses" sheetId="1" r:id="rId1"/></sheets></workbook>"#)),
            ("xl/_rels/workbook.xml.rels", format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#)),
            ("xl/worksheets/sheet1.xml", format!(r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>"#)),
        ] {
            zip.start_file(name, stored).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
        path
    }

    fn cell(at: &str, text: &str) -> String {
        format!(r#"<c r="{at}" t="inlineStr"><is><t>{text}</t></is></c>"#)
    }

    #[test]
    fn a_workbooks_rows_come_in_order_a_row_without_values_kept_in_its_place() {
        let dir = tempfile::tempdir().unwrap();
        let data = format!(
            r#"<row r="1">{}{}</row><row r="3">{}<c r="C3"><v>4</v></c></row>"#,
            cell("A1", "name"),
            cell("C1", "a-1"),
            cell("A3", "Ana")
        );
        let sheet = read(&workbook(dir.path(), &data), None).unwrap();
        assert_eq!(sheet.name.as_deref(), Some("Responses"));
        assert_eq!(
            rows(sheet),
            [vec!["name", "", "a-1"], vec![], vec!["Ana", "", "4"]]
        );
    }

    #[test]
    fn a_workbook_whose_rows_go_back_is_a_problem_after_the_rows_before() {
        let dir = tempfile::tempdir().unwrap();
        let rows = format!(
            r#"<row r="2">{}</row><row r="1">{}</row>"#,
            cell("A2", "Ana"),
            cell("A1", "name")
        );
        let got: Vec<_> = read(&workbook(dir.path(), &rows), None).unwrap().collect();
        // Row 1 (empty when row 2 came), then the problem, and nothing after it.
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got[0].as_ref().unwrap().is_empty());
        let problem = got[1].as_ref().unwrap_err();
        assert!(
            problem.message.contains("lists row 1 after row 2"),
            "{problem:?}"
        );
    }

    #[test]
    fn lines_that_end_in_a_carriage_return_alone_still_show_their_separator() {
        // Excel for Mac's "CSV (Macintosh)": no line feed in the part the guess reads.
        let dir = tempfile::tempdir().unwrap();
        let (path, _) = past_the_guess(dir.path(), "name;a-1;note", "\r");
        let all = rows(read(&path, None).unwrap());
        assert_eq!(all[0], ["name", "a-1", "note"]);
        assert_eq!(all[1], ["Person 1", "3", "yes, really"]);
    }

    #[test]
    fn a_byte_that_is_not_text_is_placed_exactly_inside_quotes_and_cells_of_many_lines() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.csv");
        std::fs::write(&path, b"name,note\n\"Ana\",\"line one\nZo\xe9\"\n").unwrap();
        let got: Vec<_> = read(&path, None).unwrap().collect();
        let problem = got.last().unwrap().as_ref().unwrap_err();
        assert_eq!(problem.location, Some(Location { line: 3, column: 3 }));
    }

    #[test]
    fn a_character_cut_between_two_reads_is_text() {
        /// Hands over one byte per read.
        struct Trickle(std::io::Cursor<Vec<u8>>);
        impl Read for Trickle {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                let n = buf.len().min(1);
                self.0.read(&mut buf[..n])
            }
        }
        let text = "é,ü;x\n€,ok\n";
        let mut out = String::new();
        Utf8Checked::new(Trickle(std::io::Cursor::new(text.as_bytes().to_vec())))
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, text);
        // Read into a buffer smaller than a character, too.
        let mut checked = Utf8Checked::new(std::io::Cursor::new("€".as_bytes().to_vec()));
        let (mut one, mut all) = ([0u8; 1], Vec::new());
        while checked.read(&mut one).unwrap() == 1 {
            all.push(one[0]);
        }
        assert_eq!(all, "€".as_bytes());
        // A character cut off by the end of the file is not text.
        let err = Utf8Checked::new(std::io::Cursor::new(b"ab\xe2\x82".to_vec()))
            .read_to_end(&mut Vec::new())
            .unwrap_err();
        assert!(err.to_string().contains("1:3"), "{err}");
    }

    /// A stream that is past its limit at once.
    struct FailingRead;
    impl Read for FailingRead {
        fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
            Err(std::io::Error::new(
                std::io::ErrorKind::FileTooLarge,
                "past the size limit",
            ))
        }
    }
}
