//! `learnlead worksheet`: the questionnaire as a paper form, for workshops held in a room; and
//! `learnlead form`: the questionnaire as one page to answer in a browser, offline.

use crate::cli::{FormArgs, WorksheetArgs, WorksheetFormat};
use crate::error::Result;
use crate::io::catalog::Catalog;
use crate::present::render::{self, Markup};
use crate::{io::assets, present::view};

pub fn run(catalog: &Catalog, args: WorksheetArgs) -> Result<()> {
    let loaded = catalog.load(args.rubric.as_deref().unwrap_or(assets::DEFAULT_RUBRIC))?;
    crate::commands::note_override(&loaded);
    let format = crate::commands::choose_format(
        args.format,
        args.out.as_deref(),
        &[
            (&["md", "markdown"], WorksheetFormat::Md),
            (&["html", "htm"], WorksheetFormat::Html),
        ],
        WorksheetFormat::Md,
        WorksheetFormat::Md,
    )?;
    let context = view::worksheet(&loaded.rubric);
    let framing = crate::model::config::Framing::default();
    let text = match format {
        WorksheetFormat::Md => render::render(
            "worksheet.md.j2",
            Markup::Markdown,
            None,
            &context,
            &framing,
        )?,
        WorksheetFormat::Html => {
            render::render("worksheet.html.j2", Markup::Html, None, &context, &framing)?
        }
    };
    let doc = match format {
        WorksheetFormat::Md => crate::io::output::Doc::Markdown,
        WorksheetFormat::Html => crate::io::output::Doc::Html,
    };
    crate::commands::write_out(args.out.as_deref(), text.into_bytes(), doc, args.force)
}

/// The questionnaire as a self-contained HTML page that saves a response file.
pub fn form(catalog: &Catalog, args: FormArgs) -> Result<()> {
    let loaded = catalog.load(args.rubric.as_deref().unwrap_or(assets::DEFAULT_RUBRIC))?;
    crate::commands::note_override(&loaded);
    let context = view::worksheet(&loaded.rubric);
    let framing = crate::model::config::Framing::default();
    let html = render::render("form.html.j2", Markup::Html, None, &context, &framing)?;
    crate::commands::write_out(
        args.out.as_deref(),
        html.into_bytes(),
        crate::io::output::Doc::Html,
        args.force,
    )?;
    if let Some(out) = &args.out {
        crate::say_err!(
            "Send {} to each participant (e-mail, chat). It works offline; each person saves a response file and sends it back. Put the files in one folder, then: learnlead compare FOLDER",
            out.display()
        );
    }
    Ok(())
}
