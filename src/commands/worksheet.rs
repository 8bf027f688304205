//! `learnlead worksheet`: the questionnaire as a paper form, for workshops held in a room.

use crate::catalog::Catalog;
use crate::cli::{WorksheetArgs, WorksheetFormat};
use crate::error::{Error, Result};
use crate::render::{self, Markup};
use crate::{assets, view};

pub fn run(catalog: &Catalog, args: WorksheetArgs) -> Result<()> {
    let loaded = catalog.load(args.rubric.as_deref().unwrap_or(assets::DEFAULT_RUBRIC))?;
    crate::commands::assess::note_override(&loaded);
    let format = match (args.format, args.out.as_deref()) {
        (Some(f), _) => f,
        (None, Some(p)) if p.extension().is_some_and(|e| e == "html" || e == "htm") => {
            WorksheetFormat::Html
        }
        (None, Some(p)) if p.extension().is_some_and(|e| e == "md") => WorksheetFormat::Md,
        (None, Some(p)) => {
            return Err(Error::usage(format!(
                "cannot tell the format from {}; add --format md or html",
                p.display()
            )))
        }
        (None, None) => WorksheetFormat::Md,
    };
    let context = view::worksheet(&loaded.rubric);
    let framing = crate::config::Framing::default();
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
    crate::commands::write_out(args.out.as_deref(), text.as_bytes(), false)
}
