//! `learnlead report`: a response as a reflection report in Markdown, HTML, JSON or a table.

use std::path::Path;

use crate::analysis::score;
use crate::cli::{ReportArgs, ReportFormat};
use crate::commands::{load_response, write_out};
use crate::error::{Error, Result};
use crate::io::catalog::Catalog;
use crate::model::response::Response;
use crate::model::rubric::Rubric;
use crate::present::document::{self, Format, ReportDocument};
use crate::present::view;

pub fn run(catalog: &Catalog, args: ReportArgs) -> Result<()> {
    let format = choose_format(args.format, args.out.as_deref())?;
    if args.template.is_some() && !format.takes_a_template() {
        return Err(Error::usage(
            "--template renders md or html; choose --format md or html (or an --out ending in .md or .html)",
        ));
    }
    let (response, rubric) = load_response(catalog, &args.response, args.rubric.as_deref())?;
    let earlier = baselines(catalog, &args, &response)?;
    let beside = earlier_beside(&args, &response);
    let framing = crate::commands::framing(args.config.as_deref())?;
    let view = build_view(&rubric, &response, &earlier);
    for w in &view.warnings {
        crate::say_prose!("warning: {w}");
    }
    let doc = ReportDocument {
        view: &view,
        rubric_hash: rubric.content_hash(),
        full_report: args
            .out
            .is_none()
            .then(|| full_report_command(&args, beside.as_deref())),
    };
    let options = crate::commands::produce_options(args.template.as_deref(), &framing, &args.pdf);
    let bytes = document::produce(&doc, format, &options)?;
    write_out(args.out.as_deref(), bytes, format.doc(), args.force)
}

/// Where no earlier round is named: an earlier response by the same person beside this one,
/// said with the way to compare with it.
fn earlier_beside(args: &ReportArgs, response: &Response) -> Option<std::path::PathBuf> {
    if !args.baseline.is_empty() {
        return None;
    }
    let (old, date) = crate::io::response_file::earlier_beside(&args.response, response)?;
    crate::say_prose!(
        "An earlier response of yours, of {date}, is beside this one. To see what changed since then, add --baseline {}",
        crate::safe_text::shell_arg(&old.display().to_string())
    );
    Some(old)
}

/// The command that writes the full report: with the earlier rounds named (or the earlier
/// response `beside` this one), to a file name not taken yet.
fn full_report_command(args: &ReportArgs, beside: Option<&Path>) -> String {
    use crate::safe_text::shell_arg;
    let arg = |p: &Path| shell_arg(&p.display().to_string());
    let mut baselines: Vec<String> = args.baseline.iter().map(|p| arg(p)).collect();
    baselines.extend(beside.map(arg));
    let mut command = format!("learnlead report {}", arg(&args.response));
    for b in &baselines {
        command.push_str(&format!(" --baseline {b}"));
    }
    let stem = if baselines.is_empty() {
        "report"
    } else {
        "progress"
    };
    command.push_str(&format!(
        " --out {}",
        crate::io::names::free_here(stem, "html")
    ));
    command
}

/// The earlier rounds named with `--baseline`, oldest first, on the response's rubric.
fn baselines(catalog: &Catalog, args: &ReportArgs, response: &Response) -> Result<Vec<Response>> {
    let mut earlier = Vec::with_capacity(args.baseline.len());
    for path in &args.baseline {
        let named = rubric_path_or_id(args, response);
        earlier.push(load_response(catalog, path, Some(&named))?.0);
    }
    earlier.sort_by(|a, b| round_date(a).cmp(round_date(b)));
    if earlier
        .last()
        .is_some_and(|b| round_date(b) > round_date(response))
    {
        crate::say_prose!(
            "warning: a baseline is dated after the response; the change is shown from the latest baseline to the response"
        );
    }
    Ok(earlier)
}

/// The report's view: the scores, the change since the latest earlier round, and with two or
/// more earlier rounds the trend.
fn build_view(full: &Rubric, response: &Response, earlier: &[Response]) -> view::ReportView {
    let asked = response.asked_of(full);
    let rubric = &asked;
    let scores = score::score(rubric, response);
    let earlier_scores: Vec<score::Scores> =
        earlier.iter().map(|b| score::score(rubric, b)).collect();
    let mut view = view::report(
        rubric,
        response,
        &scores,
        earlier.last().zip(earlier_scores.last()),
    );
    if earlier.len() >= 2 {
        let rounds = earlier
            .iter()
            .zip(&earlier_scores)
            .chain([(response, &scores)])
            .map(|(r, s)| round_scores(r, s))
            .collect();
        let trend = crate::analysis::trend::trend(rubric, rounds);
        view::add_rounds(&mut view, rubric, &earlier_scores[0], trend);
    }
    view.not_assessed = response.not_asked(full);
    view
}

/// When a response was answered: its completion date, else its start.
fn round_date(r: &Response) -> &str {
    crate::model::response::date_of(r.completed.as_deref().unwrap_or(&r.started))
}

/// One person's round, for the trend.
fn round_scores(r: &Response, s: &score::Scores) -> crate::analysis::trend::RoundScores {
    crate::analysis::trend::RoundScores {
        date: round_date(r).to_string(),
        participants: 1,
        overall: s.overall,
        dimensions: s.dimensions().map(|d| d.score).collect(),
    }
}

/// The baseline must be on the same rubric as the response: name it the same way.
fn rubric_path_or_id(args: &ReportArgs, response: &Response) -> String {
    args.rubric
        .clone()
        .or_else(|| response.rubric.file.clone())
        .unwrap_or_else(|| response.rubric.id.clone())
}

/// The formats a report is written in.
const FORMATS: &[Format] = &[
    Format::Table,
    Format::Md,
    Format::Html,
    Format::Json,
    Format::Pdf,
    Format::Docx,
];

/// `--format`, else the extension of `--out`, else a table on a terminal and Markdown elsewhere.
fn choose_format(format: Option<ReportFormat>, out: Option<&Path>) -> Result<Format> {
    use std::io::IsTerminal;
    Format::choose(
        format.map(Format::from),
        out,
        FORMATS,
        std::io::stdout().is_terminal(),
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
            Format::Json
        );
        assert_eq!(f(None, Some("a.HTML")).unwrap(), Format::Html);
        assert_eq!(f(None, Some("a.md")).unwrap(), Format::Md);
        assert_eq!(f(None, Some("a.json")).unwrap(), Format::Json);
        assert_eq!(f(None, Some("a.pdf")).unwrap(), Format::Pdf);
        assert_eq!(f(None, Some("a.docx")).unwrap(), Format::Docx);
        assert!(
            f(None, Some("a.odt")).is_err(),
            "an unknown extension is an error"
        );
        assert!(f(None, Some("a.csv")).is_err(), "a report has no CSV");
    }
}
