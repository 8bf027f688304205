//! One way from a view to a document. Every format learnlead writes is a [`Format`]; the one
//! table from file extension to format is [`Format::from_path`]; and [`produce`] turns a
//! document's view into bytes in a format, whatever the document: the individual report, the
//! group report. A command reads: load, analyse, build the view, produce, write. Adding a format
//! is one arm in [`produce`]; adding a document is one [`Document`] implementation.

use std::io::Write;
use std::path::Path;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::io::output::Doc;
use crate::model::config::Framing;
use crate::present::pdf::Paper;
use crate::present::render::{self, Markup};

/// A format learnlead writes a document in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Tables for the terminal.
    Table,
    Md,
    Html,
    Json,
    /// One row per answer (the group report).
    Csv,
    /// The HTML printed by Chromium, Chrome or Edge.
    Pdf,
    /// A Word document to edit.
    Docx,
}

impl Format {
    /// Every format, for a command that writes them all.
    pub const ALL: &'static [Format] = &[
        Format::Table,
        Format::Md,
        Format::Html,
        Format::Json,
        Format::Csv,
        Format::Pdf,
        Format::Docx,
    ];
}

/// The one table from a file's extension to its format.
const BY_EXTENSION: &[(&str, Format)] = &[
    ("md", Format::Md),
    ("markdown", Format::Md),
    ("html", Format::Html),
    ("htm", Format::Html),
    ("json", Format::Json),
    ("csv", Format::Csv),
    ("pdf", Format::Pdf),
    ("docx", Format::Docx),
    ("txt", Format::Table),
];

impl Format {
    /// The format a file's extension names, among `allowed`.
    pub fn from_path(path: &Path, allowed: &[Format]) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        BY_EXTENSION
            .iter()
            .find(|(e, f)| *e == ext && allowed.contains(f))
            .map(|(_, f)| *f)
    }

    /// `given` (`--format`), else the one `out`'s extension names, else a table on a terminal
    /// and Markdown elsewhere. An extension none of `allowed` has is an error listing them.
    pub fn choose(
        given: Option<Format>,
        out: Option<&Path>,
        allowed: &[Format],
        on_terminal: bool,
    ) -> Result<Format> {
        if let Some(f) = given {
            return Ok(f);
        }
        match out.filter(|p| *p != Path::new("-")) {
            Some(path) => Format::from_path(path, allowed).ok_or_else(|| {
                let known: Vec<&str> = BY_EXTENSION
                    .iter()
                    .filter(|(_, f)| allowed.contains(f))
                    .map(|(e, _)| *e)
                    .collect();
                Error::UnknownExtension {
                    path: path.to_path_buf(),
                    known,
                }
            }),
            None if on_terminal => Ok(Format::Table),
            None => Ok(Format::Md),
        }
    }

    /// The kind of file it is, for marking it as learnlead's.
    pub fn doc(self) -> Doc {
        match self {
            Format::Table => Doc::Text,
            Format::Md => Doc::Markdown,
            Format::Html => Doc::Html,
            Format::Json => Doc::Json,
            Format::Csv => Doc::Csv,
            Format::Pdf => Doc::Pdf,
            Format::Docx => Doc::Docx,
        }
    }

    /// Whether a person's own template (`--template`) can render it: HTML and Markdown, and PDF
    /// (printed from the HTML).
    pub fn takes_a_template(self) -> bool {
        matches!(self, Format::Html | Format::Md | Format::Pdf)
    }
}

/// A document learnlead makes from a view: its templates' name, and how it looks in the
/// formats that are not a template (those it offers). It serializes as the view its templates
/// receive (docs/templates.md).
pub trait Document: Serialize {
    /// The shipped templates' name without its extension: `report` for `report.html.j2` and
    /// `report.md.j2`.
    const TEMPLATE: &'static str;
    /// The terminal's tables.
    fn table(&self) -> Option<String> {
        None
    }
    /// The JSON document (docs/json.md), marked as learnlead's, written into `out` as it is
    /// made.
    fn json(&self, _out: &mut dyn Write) -> Option<Result<()>> {
        None
    }
    /// The Word document.
    fn docx(&self, _framing: &Framing) -> Option<Result<Vec<u8>>> {
        None
    }
    /// One row per answer, written into `out` as it is made.
    fn csv(&self, _out: &mut dyn Write) -> Option<Result<()>> {
        None
    }
}

/// How to produce: a person's template, the branding, and how to print.
pub struct Options<'a> {
    pub template: Option<&'a Path>,
    pub framing: &'a Framing,
    pub paper: Paper,
    /// The browser named with `--browser`; else one is looked for when printing.
    pub browser: Option<&'a Path>,
}

impl<'a> Options<'a> {
    /// No template of a person's, the given framing, A4 and the browser looked for: for the
    /// documents that take no branding (a worksheet, the instrument report).
    pub fn plain(framing: &'a Framing) -> Options<'a> {
        Options {
            template: None,
            framing,
            paper: Paper::A4,
            browser: None,
        }
    }
}

/// `doc` in `format`.
pub fn produce<D: Document>(doc: &D, format: Format, options: &Options) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    produce_to(doc, format, options, &mut bytes)?;
    Ok(bytes)
}

/// [`produce`] into `out`: JSON and CSV, which grow with the group, are written as they are
/// made, never held whole; every other format is made whole, then written.
pub fn produce_to<D: Document>(
    doc: &D,
    format: Format,
    options: &Options,
    out: &mut dyn Write,
) -> Result<()> {
    let html = || {
        render::render(
            &format!("{}.html.j2", D::TEMPLATE),
            Markup::Html,
            options.template,
            doc,
            options.framing,
        )
    };
    let whole = match format {
        Format::Json => {
            return doc
                .json(out)
                .unwrap_or(Err(Error::NotOffered { format: "JSON" }))
        }
        Format::Csv => {
            return doc
                .csv(out)
                .unwrap_or(Err(Error::NotOffered { format: "CSV" }))
        }
        Format::Html => html()?.into_bytes(),
        Format::Md => render::render(
            &format!("{}.md.j2", D::TEMPLATE),
            Markup::Markdown,
            options.template,
            doc,
            options.framing,
        )?
        .into_bytes(),
        Format::Pdf => {
            let browser = crate::present::pdf::find_browser(options.browser)?;
            crate::present::pdf::print(&html()?, options.paper, &browser)?
        }
        Format::Table => doc
            .table()
            .ok_or(Error::NotOffered { format: "a table" })?
            .into_bytes(),
        Format::Docx => doc.docx(options.framing).unwrap_or(Err(Error::NotOffered {
            format: "a Word document",
        }))?,
    };
    out.write_all(&whole)
        .map_err(crate::io::output::write_failed)
}

/// How a view that starts with its own `generator` (name and version, for templates) begins
/// in pretty JSON, and what the document's mark puts in its place.
fn generator_object() -> (String, String) {
    let version = env!("CARGO_PKG_VERSION");
    (
        format!("{{\n  \"generator\": {{\n    \"name\": \"learnlead\",\n    \"version\": \"{version}\"\n  }}"),
        format!("{{\n  \"generator\": \"learnlead {version}\""),
    )
}

/// `value` as a pretty JSON document whose first key, `generator`, marks it as learnlead's.
pub fn json_document<T: serde::Serialize>(value: &T) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    json_document_to(value, &mut bytes)?;
    Ok(bytes)
}

/// [`json_document`], written into `out` as it is made.
///
/// Written straight from the view: a view whose first field is its `generator` (the group
/// report, with a row per participant) has it replaced as it goes out, with no tree of JSON
/// values built in between (which took more memory than the view itself) and no copy of the
/// document held. Anything else goes through a JSON value.
pub fn json_document_to<T: serde::Serialize>(value: &T, out: &mut dyn Write) -> Result<()> {
    let (theirs, mark) = generator_object();
    let mut swap = Swap {
        out: &mut *out,
        theirs: theirs.as_bytes(),
        mark: mark.as_bytes(),
        head: Vec::new(),
        started: false,
        passing: false,
    };
    let straight = serde_json::to_writer_pretty(&mut swap, value);
    match (straight, swap.started) {
        (Ok(()), true) => out
            .write_all(b"\n")
            .map_err(crate::io::output::write_failed),
        // Nothing was written: the view does not start with its generator.
        (_, false) => out
            .write_all(&json_via_value(value)?)
            .map_err(crate::io::output::write_failed),
        (Err(e), true) => Err(e.into()),
    }
}

/// A writer that holds back the first bytes of a JSON document until it knows whether they
/// are a view's `generator` object, then writes the mark in its place and passes the rest on.
/// If they are not, it writes nothing and fails.
struct Swap<'a> {
    out: &'a mut dyn Write,
    theirs: &'a [u8],
    mark: &'a [u8],
    head: Vec<u8>,
    /// Something was written to `out`: from here on, a failure is the document's.
    started: bool,
    /// The generator was found and replaced: the rest goes straight through.
    passing: bool,
}

impl Write for Swap<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.passing {
            return self.out.write(buf);
        }
        let wanted = (self.theirs.len() - self.head.len()).min(buf.len());
        self.head.extend_from_slice(&buf[..wanted]);
        if !self.theirs.starts_with(&self.head) {
            return Err(std::io::Error::other("the view has no generator first"));
        }
        if self.head.len() == self.theirs.len() {
            self.started = true;
            self.out.write_all(self.mark)?;
            self.passing = true;
        }
        Ok(wanted)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// [`json_document`] through a JSON value, for views that do not start with a generator.
fn json_via_value<T: serde::Serialize>(value: &T) -> Result<Vec<u8>> {
    let body = serde_json::to_value(value)?;
    let mark = || serde_json::Value::from(format!("learnlead {}", env!("CARGO_PKG_VERSION")));
    let mut doc = serde_json::Map::new();
    doc.insert("generator".into(), mark());
    match body {
        serde_json::Value::Object(fields) => doc.extend(fields),
        other => {
            doc.insert("data".into(), other);
        }
    }
    // The mark wins over a view's own `generator` (which templates read as name and version).
    doc.insert("generator".into(), mark());
    let mut text = serde_json::to_string_pretty(&serde_json::Value::Object(doc))?;
    text.push('\n');
    Ok(text.into_bytes())
}

/// The individual report, as its templates, table, JSON and Word document show it.
pub struct ReportDocument<'a> {
    pub view: &'a crate::present::view::ReportView,
    /// The rubric's content hash, which the JSON carries.
    pub rubric_hash: String,
    /// The command that writes the full report, said under the terminal's table.
    pub full_report: Option<String>,
}

/// Templates receive the view with its words.
impl Serialize for ReportDocument<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.view.context().serialize(s)
    }
}

impl Document for ReportDocument<'_> {
    const TEMPLATE: &'static str = "report";

    fn table(&self) -> Option<String> {
        use crate::present::table;
        // A progress report opens with what changed most, as every other format does.
        let mut text = table::changed_most(self.view).map_or_else(String::new, |l| l + "\n");
        text.push_str(&format!("{}\n", table::report(self.view)));
        if let Some(t) = &self.view.trend {
            text.push_str(&format!("\n{}\n", table::trend_table(t)));
        }
        text.push_str(&table::report_summary(self.view));
        let title = crate::present::view::REPORT_SECTIONS
            .iter()
            .find(|s| s.id == "howmade")
            .map_or("", |s| s.title);
        text.push_str(&table::prose(&table::method_text(&self.view.method, title)));
        if let Some(command) = &self.full_report {
            text.push_str(&format!(
                "\nThe full report, with what each dimension looks like and what to reflect on:\n  {command}\n"
            ));
        }
        Some(text)
    }

    fn json(&self, out: &mut dyn Write) -> Option<Result<()>> {
        Some(json_document_to(
            &crate::present::view::json(self.view, &self.rubric_hash),
            out,
        ))
    }

    fn docx(&self, framing: &Framing) -> Option<Result<Vec<u8>>> {
        Some(crate::present::docx::report(self.view, framing))
    }
}

/// How well a rubric measures (`rubrics analyze`): templates, table and JSON.
pub struct AnalyzeDocument<'a> {
    pub view: &'a crate::present::view::InstrumentView,
}

impl Serialize for AnalyzeDocument<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.view.serialize(s)
    }
}

impl Document for AnalyzeDocument<'_> {
    const TEMPLATE: &'static str = "analyze";

    fn table(&self) -> Option<String> {
        Some(crate::present::table::instrument(self.view))
    }

    fn json(&self, out: &mut dyn Write) -> Option<Result<()>> {
        Some(json_document_to(self.view, out))
    }
}

/// The group report, as its templates, table, JSON, CSV and Word document show it.
pub struct GroupDocument<'a> {
    pub view: &'a crate::present::view::GroupReport,
    /// Every answer, for the CSV: the rubric, the participants, and whether they are anonymous.
    pub answers: Option<(
        &'a crate::model::rubric::Rubric,
        &'a [crate::analysis::compare::Participant],
        bool,
    )>,
}

/// Templates receive the view with its words.
impl Serialize for GroupDocument<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.view.context().serialize(s)
    }
}

impl Document for GroupDocument<'_> {
    const TEMPLATE: &'static str = "compare";

    fn table(&self) -> Option<String> {
        Some(crate::present::table::comparison(self.view))
    }

    fn json(&self, out: &mut dyn Write) -> Option<Result<()>> {
        Some(json_document_to(self.view, out))
    }

    fn docx(&self, framing: &Framing) -> Option<Result<Vec<u8>>> {
        Some(crate::present::docx::group(self.view, framing))
    }

    fn csv(&self, out: &mut dyn Write) -> Option<Result<()>> {
        let (rubric, participants, anonymize) = self.answers?;
        Some(
            crate::present::csv::write_csv(rubric, participants, anonymize, out)
                .map_err(Error::from),
        )
    }
}

/// The group report for projecting in the room (`compare --present`): HTML only.
pub struct PresentDocument<'a> {
    pub view: &'a crate::present::view::GroupReport,
}

/// Templates receive the view with its words.
impl Serialize for PresentDocument<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.view.context().serialize(s)
    }
}

impl Document for PresentDocument<'_> {
    const TEMPLATE: &'static str = "present";
}

/// The paper worksheet: HTML and Markdown only.
#[derive(Serialize)]
#[serde(transparent)]
pub struct WorksheetDocument<'a> {
    pub view: &'a crate::present::view::WorksheetView,
}

impl Document for WorksheetDocument<'_> {
    const TEMPLATE: &'static str = "worksheet";
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: &[Format] = Format::ALL;

    #[test]
    fn the_format_comes_from_the_flag_then_the_extension_then_where_it_goes() {
        let f = |given, out: Option<&str>, terminal| {
            Format::choose(given, out.map(Path::new), ALL, terminal)
        };
        assert_eq!(
            f(Some(Format::Json), Some("a.html"), false).unwrap(),
            Format::Json
        );
        assert_eq!(f(None, Some("a.HTML"), false).unwrap(), Format::Html);
        assert_eq!(f(None, Some("a.markdown"), false).unwrap(), Format::Md);
        assert_eq!(f(None, Some("a.docx"), false).unwrap(), Format::Docx);
        assert_eq!(f(None, Some("-"), true).unwrap(), Format::Table);
        assert_eq!(f(None, None, false).unwrap(), Format::Md);
        let err = f(None, Some("a.odt"), false).unwrap_err();
        assert!(
            matches!(&err, Error::UnknownExtension { path, .. } if path == Path::new("a.odt")),
            "{err:?}"
        );
        let err = err.to_string();
        assert!(err.contains("name the file .md, .markdown, .html"), "{err}");
        // A format the command does not write is not taken from an extension.
        let no_csv = &[Format::Md, Format::Html];
        let err = Format::choose(None, Some(Path::new("a.csv")), no_csv, false).unwrap_err();
        assert!(
            matches!(&err, Error::UnknownExtension { known, .. } if !known.contains(&"csv")),
            "{err:?}"
        );
        assert!(
            err.to_string().contains(".md, .markdown, .html, .htm"),
            "{err}"
        );
    }

    #[test]
    fn a_view_streamed_into_a_writer_that_fails_is_an_error_not_a_fallback() {
        #[derive(serde::Serialize)]
        struct View {
            generator: crate::present::view::Generator,
            rows: Vec<u32>,
        }
        let v = View {
            generator: crate::present::view::Generator::default(),
            rows: (0..10_000).collect(),
        };
        /// Takes 200 bytes, then fails: a disk that fills.
        struct Filling(Vec<u8>);
        impl Write for Filling {
            fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
                if self.0.len() >= 200 {
                    return Err(std::io::Error::other("full"));
                }
                self.0.extend_from_slice(buf);
                Ok(buf.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        // A writer that takes nothing: the mark fails, and no second document follows it.
        let mut none = Filling(vec![0; 200]);
        assert!(json_document_to(&v, &mut none).is_err());
        assert_eq!(none.0.len(), 200, "nothing written after the failed mark");
        let mut out = Filling(Vec::new());
        assert!(json_document_to(&v, &mut out).is_err());
        let text = String::from_utf8(out.0).unwrap();
        assert!(
            text.starts_with("{\n  \"generator\": \"learnlead "),
            "marked, and not written a second time through a value: {text}"
        );
        assert_eq!(text.matches("generator").count(), 1);
    }

    #[test]
    fn a_view_written_straight_is_marked_as_through_a_value() {
        #[derive(serde::Serialize)]
        struct View {
            generator: crate::present::view::Generator,
            rows: Vec<u32>,
            name: &'static str,
        }
        let v = View {
            generator: crate::present::view::Generator::default(),
            rows: vec![1, 2],
            name: "x",
        };
        let straight = json_document(&v).unwrap();
        assert_eq!(straight, json_via_value(&v).unwrap());
        let text = String::from_utf8(straight).unwrap();
        assert!(
            text.starts_with("{\n  \"generator\": \"learnlead "),
            "{text}"
        );
        #[derive(serde::Serialize)]
        struct Other {
            rows: Vec<u32>,
        }
        let other = json_document(&Other { rows: vec![3] }).unwrap();
        assert!(String::from_utf8(other)
            .unwrap()
            .starts_with("{\n  \"generator\": \"learnlead "));
    }
}
