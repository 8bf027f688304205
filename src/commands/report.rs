//! `learnlead report`: a response as a reflection report in Markdown, HTML, JSON or a table.

use std::path::Path;

use crate::analysis::score;
use crate::cli::{ReportArgs, ReportFormat};
use crate::commands::{json_document, load_response, write_out};
use crate::error::{Error, Result};
use crate::io::catalog::Catalog;
use crate::io::output::Doc;
use crate::present::render::{self, Markup};
use crate::present::table;
use crate::present::view;

pub fn run(catalog: &Catalog, args: ReportArgs) -> Result<()> {
    let format = choose_format(args.format, args.out.as_deref())?;
    if args.template.is_some() && matches!(format, ReportFormat::Json | ReportFormat::Table) {
        return Err(Error::usage(
            "--template renders md or html; choose --format md or html (or an --out ending in .md or .html)",
        ));
    }
    let (response, rubric) = load_response(catalog, &args.response, args.rubric.as_deref())?;
    let baseline = match &args.baseline {
        Some(path) => {
            let (b, _) = load_response(catalog, path, Some(&rubric_path_or_id(&args, &response)))?;
            Some(b)
        }
        None => None,
    };
    let framing = crate::commands::framing(args.config.as_deref())?;
    let scores = score::score(&rubric, &response);
    let base_scores = baseline.as_ref().map(|b| score::score(&rubric, b));
    let view = view::report(
        &rubric,
        &response,
        &scores,
        baseline.as_ref().zip(base_scores.as_ref()),
    );
    for w in &view.warnings {
        crate::say_err!("warning: {w}");
    }
    if format == ReportFormat::Pdf {
        let browser = crate::present::pdf::find_browser(args.pdf.browser.as_deref())?;
        let html = render::render(
            "report.html.j2",
            Markup::Html,
            args.template.as_deref(),
            &view,
            &framing,
        )?;
        let pdf = crate::present::pdf::print(&html, args.pdf.paper, &browser)?;
        return write_out(args.out.as_deref(), pdf, Doc::Pdf, args.force);
    }
    let (text, doc) = match format {
        ReportFormat::Json => (
            json_document(&view::json(&view, &rubric.content_hash()))?,
            Doc::Json,
        ),
        ReportFormat::Table => {
            let mut text = format!("{}\n{}", table::report(&view), table::report_summary(&view));
            if args.out.is_none() {
                text.push_str(&format!(
                    "\nThe full report, with what each dimension looks like and questions to reflect on:\n  learnlead report {} --out report.html\n",
                    crate::safe_text::shell_arg(&args.response.display().to_string())
                ));
            }
            (text.into_bytes(), Doc::Text)
        }
        ReportFormat::Md => (
            render::render(
                "report.md.j2",
                Markup::Markdown,
                args.template.as_deref(),
                &view,
                &framing,
            )?
            .into_bytes(),
            Doc::Markdown,
        ),
        // PDF was printed and returned above.
        ReportFormat::Html | ReportFormat::Pdf => (
            render::render(
                "report.html.j2",
                Markup::Html,
                args.template.as_deref(),
                &view,
                &framing,
            )?
            .into_bytes(),
            Doc::Html,
        ),
    };
    write_out(args.out.as_deref(), text, doc, args.force)
}

/// The baseline must be on the same rubric as the response: name it the same way.
fn rubric_path_or_id(args: &ReportArgs, response: &crate::model::response::Response) -> String {
    args.rubric
        .clone()
        .or_else(|| response.rubric.file.clone())
        .unwrap_or_else(|| response.rubric.id.clone())
}

/// `--format`, else the extension of `--out`, else a table on a terminal and Markdown elsewhere.
fn choose_format(format: Option<ReportFormat>, out: Option<&Path>) -> Result<ReportFormat> {
    use ReportFormat::*;
    crate::commands::choose_format(
        format,
        out,
        &[
            (&["md", "markdown"], Md),
            (&["html", "htm"], Html),
            (&["json"], Json),
            (&["pdf"], Pdf),
            (&["txt"], Table),
        ],
        Table,
        Md,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_comes_from_flag_then_extension() {
        let f = |fmt, out: Option<&str>| choose_format(fmt, out.map(Path::new));
        assert_eq!(
            f(Some(ReportFormat::Json), Some("a.html")).unwrap(),
            ReportFormat::Json
        );
        assert_eq!(f(None, Some("a.HTML")).unwrap(), ReportFormat::Html);
        assert_eq!(f(None, Some("a.md")).unwrap(), ReportFormat::Md);
        assert_eq!(f(None, Some("a.json")).unwrap(), ReportFormat::Json);
        assert_eq!(f(None, Some("a.pdf")).unwrap(), ReportFormat::Pdf);
        assert!(f(None, Some("a.docx")).is_err());
    }
}
