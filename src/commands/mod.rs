//! One module per command: each takes its parsed arguments, calls into the library and prints
//! or writes the result. No other module prints.

pub mod assess;
pub mod bundle;
pub mod compare;
pub mod import;
pub mod report;
pub mod rubrics;
pub mod serve;
pub mod session;
pub mod shell;
pub mod templates;
pub mod worksheet;

use std::path::Path;

use crate::error::{Error, Result};
use crate::io::catalog::{Catalog, Loaded};
use crate::io::output::{self, Doc};
use crate::model::response::Response;
use crate::model::rubric::Rubric;

/// How to produce a document, from the command line: a person's template, the branding, and
/// the paper and browser for PDF.
pub fn produce_options<'a>(
    template: Option<&'a Path>,
    framing: &'a crate::model::config::Framing,
    pdf: &'a crate::cli::PdfArgs,
) -> crate::present::document::Options<'a> {
    crate::present::document::Options {
        template,
        framing,
        paper: pdf.paper.into(),
        browser: pdf.browser.as_deref(),
    }
}

/// Writes a command's result to `out` by the one write path ([`output::write_output`]), marked
/// as learnlead's so a later run may replace it, or to standard output. Binary output (PDF,
/// Word) is not written to a terminal.
pub fn write_out(out: Option<&Path>, bytes: Vec<u8>, doc: Doc, force: bool) -> Result<()> {
    use std::io::IsTerminal;
    // `--out -` is standard output, as no `--out` is.
    let out = out.filter(|p| *p != Path::new("-"));
    let on_terminal = out.is_none() && std::io::stdout().is_terminal();
    // A table is read in a terminal, as is anything printed there: escape sequences in a name
    // or a note must not reach it.
    let bytes = if doc == Doc::Text || (on_terminal && !doc.is_binary()) {
        match String::from_utf8(bytes) {
            Ok(text) if on_terminal => crate::safe_text::for_screen(&text).into_bytes(),
            Ok(text) => crate::safe_text::for_terminal(&text)
                .into_owned()
                .into_bytes(),
            Err(e) => e.into_bytes(),
        }
    } else {
        bytes
    };
    match out {
        Some(path) => {
            let written = output::write_output(path, &output::mark(doc, bytes), force)?;
            crate::say_prose!("wrote {}", written.display());
            Ok(())
        }
        None if doc.is_binary() && on_terminal => Err(Error::NotForTerminal {
            what: match doc {
                Doc::Pdf => "a PDF",
                _ => "a Word document",
            },
            extension: doc.extension(),
        }),
        // A table on standard output is for reading: no mark.
        None if doc == Doc::Text => output::print_bytes(&bytes),
        None => output::print_bytes(&output::mark(doc, bytes)),
    }
}

/// [`write_out`] of a document that `write` writes as it is made
/// ([`crate::present::document::produce_to`]): JSON and CSV, which grow with the group, go to
/// the file or standard output as they are made, never held whole. Anything else, and anything
/// shown in a terminal (which is made safe for it first), is made whole and written as
/// [`write_out`] writes it.
pub fn stream_out(
    out: Option<&Path>,
    doc: Doc,
    force: bool,
    write: output::Writer<'_>,
) -> Result<()> {
    use std::io::IsTerminal;
    let to = out.filter(|p| *p != Path::new("-"));
    let streams =
        matches!(doc, Doc::Json | Doc::Csv) && (to.is_some() || !std::io::stdout().is_terminal());
    if !streams {
        let mut bytes = Vec::new();
        write(&mut bytes)?;
        return write_out(out, bytes, doc, force);
    }
    // JSON and CSV carry their mark from where they are made (the generator, the header row).
    match to {
        Some(path) => {
            let written = output::write_output_with(path, force, write)?;
            crate::say_prose!("wrote {}", written.display());
            Ok(())
        }
        None => output::print_with(write),
    }
}

/// Says on standard error when a user's rubric takes the place of a shipped one.
pub fn note_override(loaded: &Loaded) {
    if loaded.overrides_shipped {
        crate::say_prose!(
            "note: using your rubric `{}` from {} in place of the shipped one",
            loaded.rubric.id,
            loaded.origin
        );
    }
}

/// The branding and framing: `--config FILE`, else the nearest `learnlead.yaml` in the current
/// folder or above it (which one is said on standard error), else none.
pub fn framing(explicit: Option<&Path>) -> Result<crate::model::config::Framing> {
    use crate::io::config_file::Source;
    let (mut framing, source) = crate::io::config_file::find(explicit)?;
    match &source {
        Source::Found(p) => crate::say_prose!("note: using the configuration {}", p.display()),
        Source::PassedOver { path, why } => crate::say_prose!(
            "warning: passed over the configuration {}: {why}. To use it on purpose: --config {}",
            path.display(),
            crate::safe_text::shell_arg(&path.display().to_string())
        ),
        Source::Given(_) | Source::None => {}
    }
    if let Source::Found(p) | Source::Given(p) = &source {
        framing.brand.config_file = Some(shown_path(p));
    }
    let brand = &framing.brand;
    if let (Some(ratio), Some(accent), Some(text)) = (
        brand.accent_contrast,
        &brand.accent_color,
        &brand.accent_text,
    ) {
        crate::say_prose!(
            "warning: the accent colour {accent} has a contrast of {ratio:.2}:1 on white, under the 4.5:1 text needs; headings and figures use {text} instead (charts keep {accent})"
        );
    }
    Ok(framing)
}

/// A path as the reports show it: relative to the current folder when it is in it or above
/// it (`learnlead.yaml`, `../learnlead.yaml`), else as given.
fn shown_path(path: &Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    let Some(dir) = path.parent() else {
        return path.display().to_string();
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    match (cwd.ancestors().position(|a| a == dir), name) {
        (Some(up), Some(name)) => format!("{}{name}", "../".repeat(up)),
        _ => path.display().to_string(),
    }
}

/// Reads a response file and the rubric it answers (`rubric` if named, else the one the file
/// names), and holds one against the other. When the rubric has changed since, answers to items
/// it no longer has are dropped with a warning; everything else that does not fit is an error
/// naming the file and line.
pub fn load_response(
    catalog: &Catalog,
    path: &Path,
    rubric: Option<&str>,
) -> Result<(Response, Rubric)> {
    let (response, text) = crate::io::response_file::read(path)?;
    let loaded = catalog.load_for(&response.rubric, rubric)?;
    note_override(&loaded);
    let rubric = loaded.rubric;
    let response = check_response(response, &text, path, &rubric)?;
    Ok((response, rubric))
}

/// Reads a response file answering `rubric` (already loaded).
pub fn read_response(path: &Path, rubric: &Rubric) -> Result<Response> {
    let (response, text) = crate::io::response_file::read(path)?;
    check_response(response, &text, path, rubric)
}

/// Holds a response against its rubric: when the rubric has changed since, answers to items it
/// no longer has are dropped with a warning; anything else that does not fit is an error naming
/// the file and line.
fn check_response(
    mut response: Response,
    text: &str,
    path: &Path,
    rubric: &Rubric,
) -> Result<Response> {
    if response.rubric.id == rubric.id && response.rubric_changed(rubric) {
        let gone = response.fit_to(rubric);
        if !gone.is_empty() {
            crate::say_prose!(
                "warning: {}: the rubric `{}` no longer has {}; those answers are left out",
                path.display(),
                rubric.id,
                gone.join(", ")
            );
        }
    }
    let problems = response.problems(rubric, Some(text));
    if !problems.is_empty() {
        return Err(Error::invalid(path, problems));
    }
    Ok(response)
}
