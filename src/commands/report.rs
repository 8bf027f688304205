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
    let mut earlier = Vec::with_capacity(args.baseline.len());
    for path in &args.baseline {
        let named = rubric_path_or_id(&args, &response);
        earlier.push(load_response(catalog, path, Some(&named))?.0);
    }
    earlier.sort_by(|a, b| round_date(a).cmp(round_date(b)));
    let framing = crate::commands::framing(args.config.as_deref())?;
    let scores = score::score(&rubric, &response);
    let earlier_scores: Vec<score::Scores> =
        earlier.iter().map(|b| score::score(&rubric, b)).collect();
    let mut view = view::report(
        &rubric,
        &response,
        &scores,
        earlier.last().zip(earlier_scores.last()),
    );
    if earlier.len() >= 2 {
        let rounds = earlier
            .iter()
            .zip(&earlier_scores)
            .chain([(&response, &scores)])
            .map(|(r, s)| round_scores(r, s))
            .collect();
        let trend = crate::analysis::trend::trend(&rubric, rounds);
        view::add_rounds(&mut view, &rubric, &earlier_scores[0], trend);
    }
    if earlier
        .last()
        .is_some_and(|b| round_date(b) > round_date(&response))
    {
        crate::say_err!(
            "warning: a baseline is dated after the response; the change is shown from the latest baseline to the response"
        );
    }
    for w in &view.warnings {
        crate::say_err!("warning: {w}");
    }
    if format == ReportFormat::Docx {
        let bytes = crate::present::docx::report(&view, &framing)?;
        return write_out(args.out.as_deref(), bytes, Doc::Docx, args.force);
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
        let pdf = crate::present::pdf::print(&html, args.pdf.paper.into(), &browser)?;
        return write_out(args.out.as_deref(), pdf, Doc::Pdf, args.force);
    }
    let (text, doc) = match format {
        ReportFormat::Json => (
            json_document(&view::json(&view, &rubric.content_hash()))?,
            Doc::Json,
        ),
        ReportFormat::Table => {
            let mut text = format!("{}\n", table::report(&view));
            if let Some(t) = &view.trend {
                text.push_str(&format!("\n{}\n", table::trend_table(t)));
            }
            text.push_str(&table::report_summary(&view));
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
        ReportFormat::Html | ReportFormat::Pdf | ReportFormat::Docx => (
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

/// When a response was answered: its completion date, else its start.
fn round_date(r: &crate::model::response::Response) -> &str {
    crate::model::response::date_of(r.completed.as_deref().unwrap_or(&r.started))
}

/// One person's round, for the trend.
fn round_scores(
    r: &crate::model::response::Response,
    s: &score::Scores,
) -> crate::analysis::trend::RoundScores {
    crate::analysis::trend::RoundScores {
        date: round_date(r).to_string(),
        participants: 1,
        overall: s.overall,
        dimensions: s.dimensions().map(|d| d.score).collect(),
    }
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
            (&["docx"], Docx),
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
        assert_eq!(f(None, Some("a.docx")).unwrap(), ReportFormat::Docx);
        assert!(
            f(None, Some("a.odt")).is_err(),
            "an unknown extension is an error"
        );
    }
}
