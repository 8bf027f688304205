//! `learnlead worksheet`: the questionnaire as a paper form, for workshops held in a room; and
//! `learnlead form`: the questionnaire as one page to answer in a browser, offline.

use std::path::{Path, PathBuf};

use crate::cli::{FormArgs, WorksheetArgs, WorksheetFormat};
use crate::commands::session::Scope;
use crate::error::Result;
use crate::io::catalog::Catalog;
use crate::present::document::{self, Format, WorksheetDocument};
use crate::present::render::{self, Markup};
use crate::{io::assets, present::view};

pub fn run(catalog: &Catalog, args: WorksheetArgs) -> Result<()> {
    let loaded = catalog.load(args.rubric.as_deref().unwrap_or(assets::DEFAULT_RUBRIC))?;
    crate::commands::note_override(&loaded);
    let format = Format::choose(
        args.format.map(|f| match f {
            WorksheetFormat::Md => Format::Md,
            WorksheetFormat::Html => Format::Html,
        }),
        args.out.as_deref(),
        &[Format::Md, Format::Html],
        false,
    )?;
    let scope = Scope::find(
        &args.scoped,
        folder_of(args.out.as_deref()).as_deref(),
        &loaded.rubric,
    )?;
    let view = view::worksheet_scoped(&loaded.rubric, scope.scope.as_deref(), &scope.dimensions);
    let framing = crate::model::config::Framing::default();
    let options = document::Options::plain(&framing);
    let bytes = document::produce(&WorksheetDocument { view: &view }, format, &options)?;
    crate::commands::write_out(args.out.as_deref(), bytes, format.doc(), args.force)
}

/// The questionnaire as a self-contained HTML page that saves a response file.
pub fn form(catalog: &Catalog, args: FormArgs) -> Result<()> {
    let loaded = catalog.load(args.rubric.as_deref().unwrap_or(assets::DEFAULT_RUBRIC))?;
    crate::commands::note_override(&loaded);
    let scope = Scope::find(
        &args.scoped,
        folder_of(args.out.as_deref()).as_deref(),
        &loaded.rubric,
    )?;
    let context = view::worksheet_scoped(&loaded.rubric, scope.scope.as_deref(), &scope.dimensions);
    let framing = crate::model::config::Framing::default();
    let html = render::render("form.html.j2", Markup::Html, None, &context, &framing)?;
    crate::commands::write_out(
        args.out.as_deref(),
        html.into_bytes(),
        crate::io::output::Doc::Html,
        args.force,
    )?;
    if let Some(out) = &args.out {
        crate::say_prose!(
            "Send {} to each participant (e-mail, chat). It works offline; each person saves a response file and sends it back. Put the files in one folder, then: learnlead compare FOLDER",
            out.display()
        );
    }
    Ok(())
}

/// The folder a page is written to, where its session.yaml would be: `--out`'s, else the
/// current one.
fn folder_of(out: Option<&Path>) -> Option<PathBuf> {
    match out.map(Path::parent) {
        Some(Some(p)) if !p.as_os_str().is_empty() => Some(p.to_path_buf()),
        _ => Some(PathBuf::from(".")),
    }
}
