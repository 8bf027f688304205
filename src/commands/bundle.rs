//! `learnlead bundle`: one folder to hand over. Everything is rendered in memory first, then
//! written into a working folder beside the destination and moved into place in one step, so
//! an interrupted or failed run leaves the destination as it was. A folder that is not empty
//! is refused, and with `--force` only an earlier bundle is replaced, whole.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::cli::BundleArgs;
use crate::commands::compare::Group;
use crate::error::{Error, Result};
use crate::io::catalog::Catalog;
use crate::io::names::{slug, NameSet};
use crate::io::output::{self, Doc};
use crate::io::staging::Staging;
use crate::model::config::Framing;
use crate::present::document::{produce, Format, Options, ReportDocument};
use crate::present::render::{self, Markup};
use crate::present::view::{GroupReport, GroupWords, Worded};
use crate::{analysis::score, present::view, yaml};

#[derive(Serialize)]
struct BundleView<'a> {
    #[serde(flatten)]
    comparison: Worded<'a, GroupReport, GroupWords>,
    /// Links to each participant's report, relative to the index.
    reports: Vec<Link>,
    /// Links to the data files.
    data: Vec<Link>,
    /// `index.pdf`, when the index is printed too.
    index_pdf: Option<&'static str>,
    /// `index.docx`, when the index is written as a Word document too.
    index_docx: Option<&'static str>,
}

#[derive(Serialize)]
struct Link {
    label: String,
    href: String,
    /// The same document printed to PDF, with `--pdf`; else null.
    pdf: Option<String>,
}

impl Link {
    fn new(label: impl Into<String>, href: impl Into<String>) -> Link {
        Link {
            label: label.into(),
            href: href.into(),
            pdf: None,
        }
    }
}

/// The bundle's files, rendered in memory before anything is written: (path in the folder,
/// content).
type Files = Vec<(PathBuf, Vec<u8>)>;

pub fn run(catalog: &Catalog, args: BundleArgs) -> Result<()> {
    check_out_dir(&args.out_dir, args.force)?;
    let framing = crate::commands::framing(args.group.config.as_deref())?;
    let browser = match args.pdf {
        true => Some(crate::present::pdf::find_browser(
            args.print.browser.as_deref(),
        )?),
        false => None,
    };
    let group = Group::read(catalog, &args.group, false)?;
    let mut out: Files = Vec::new();
    // Printing takes seconds a page: a bar on a terminal (stderr), nothing elsewhere.
    let pages = match args.group.anonymize {
        true => 1,
        false => group.participants.len() + 1,
    };
    let progress = browser.as_ref().map(|_| printing_bar(pages as u64));
    let reports = match args.group.anonymize {
        true => Vec::new(),
        false => personal_reports(
            &group,
            &framing,
            browser.as_deref(),
            &args,
            &mut out,
            progress.as_ref(),
        )?,
    };
    let data = data_files(&group, args.group.anonymize, &mut out)?;
    let index = render::render(
        "bundle.html.j2",
        Markup::Html,
        None,
        &BundleView {
            comparison: group.view.context(),
            reports,
            data,
            index_pdf: browser.as_ref().map(|_| "index.pdf"),
            index_docx: args.docx.then_some("index.docx"),
        },
        &framing,
    )?;
    if let Some(browser) = &browser {
        let pdf = crate::present::pdf::print(&index, args.print.paper.into(), browser)?;
        out.push(("index.pdf".into(), output::mark(Doc::Pdf, pdf)));
    }
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    if args.docx {
        let docx = crate::present::docx::group(&group.view, &framing)?;
        out.push(("index.docx".into(), output::mark(Doc::Docx, docx)));
    }
    out.push((
        "index.html".into(),
        output::mark(Doc::Html, index.into_bytes()),
    ));
    write_folder(&args.out_dir, &out, args.force)?;
    crate::say!(
        "wrote {} files to {}; open {}",
        out.len(),
        args.out_dir.display(),
        args.out_dir.join("index.html").display()
    );
    Ok(())
}

/// Each participant's own report (`reports/NAME.html`, and `.pdf` with a browser), added to
/// `out`; returns the links to them. The reports keep the branding; the summary and
/// recommendations are about the group, and stay in the index.
fn personal_reports(
    group: &Group,
    framing: &Framing,
    browser: Option<&Path>,
    args: &BundleArgs,
    out: &mut Files,
    progress: Option<&indicatif::ProgressBar>,
) -> Result<Vec<Link>> {
    let mut personal = framing.clone();
    for section in ["summary", "recommendations"] {
        personal.show.insert(section.to_string(), false);
    }
    let (rubric, mut names) = (&group.rubric, NameSet::default());
    let mut reports = Vec::new();
    let mut pages: Vec<String> = Vec::new();
    for (file, p) in group.files.iter().zip(&group.participants) {
        let response = crate::commands::read_response(file, &group.full)?;
        let scores = score::score(rubric, &response);
        let mut v = view::report(rubric, &response, &scores, None);
        v.scope = group
            .view
            .session
            .as_ref()
            .and_then(|s| s.scope.clone())
            .or(v.scope);
        v.not_assessed = group
            .view
            .session
            .as_ref()
            .map(|s| s.not_assessed.clone())
            .unwrap_or_default();
        v.index_link = Some("../index.html".into());
        let doc = ReportDocument {
            view: &v,
            rubric_hash: String::new(),
            full_report: None,
        };
        let options = Options {
            template: None,
            framing: &personal,
            paper: args.print.paper.into(),
            browser: None,
        };
        let page = produce(&doc, Format::Html, &options)?;
        pages.push(String::from_utf8_lossy(&page).into_owned());
        let stem = match slug(&p.label) {
            s if s.is_empty() => "participant".to_string(),
            s => s,
        };
        let name = format!("reports/{}", names.take(&stem, "html"));
        reports.push(Link::new(p.label.clone(), name));
    }
    if let Some(browser) = browser {
        // Each person's report on paper too: it is what most participants are handed.
        let tick = || {
            if let Some(bar) = progress {
                bar.inc(1);
            }
        };
        let pdfs = crate::present::pdf::print_all(&pages, args.print.paper.into(), browser, &tick)?;
        for (link, pdf) in reports.iter_mut().zip(pdfs) {
            let name = format!("{}.pdf", link.href.trim_end_matches(".html"));
            out.push((PathBuf::from(&name), output::mark(Doc::Pdf, pdf)));
            link.pdf = Some(name);
        }
    }
    for (link, html) in reports.iter().zip(pages) {
        let html = output::mark(Doc::Html, html.into_bytes());
        out.push((PathBuf::from(&link.href), html));
    }
    // The index lists people by name, as a facilitator looks for them.
    reports.sort_by_cached_key(|l| (l.label.to_lowercase(), l.href.clone()));
    Ok(reports)
}

/// A progress bar for printing `pages` PDFs, drawn on standard error when it is a terminal.
fn printing_bar(pages: u64) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(pages),
        indicatif::ProgressDrawTarget::stderr(),
    );
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("printing PDFs {bar:30} {pos}/{len} ({elapsed})")
    {
        bar.set_style(style);
    }
    bar
}

/// The group statistics (JSON), every answer (CSV) and the rubric (YAML), added to `out`;
/// returns the links to them.
fn data_files(group: &Group, anonymize: bool, out: &mut Files) -> Result<Vec<Link>> {
    let mut csv = Vec::new();
    crate::present::csv::write_csv(&group.rubric, &group.participants, anonymize, &mut csv)?;
    out.push((
        "data/group.json".into(),
        crate::present::document::json_document(&group.view)?,
    ));
    out.push(("data/responses.csv".into(), csv));
    out.push((
        "data/rubric.yaml".into(),
        yaml::to_string(&group.rubric)?.into_bytes(),
    ));
    Ok(vec![
        Link::new("Group statistics (JSON)", "data/group.json"),
        Link::new(
            "Every answer, one row per participant and statement (CSV)",
            "data/responses.csv",
        ),
        Link::new(
            format!("The rubric used: {} (YAML)", group.rubric.title),
            "data/rubric.yaml",
        ),
    ])
}

/// The folder must be new or empty, or, with `force`, a bundle learnlead wrote (its
/// `index.html` carries learnlead's mark): a forced bundle replaces the whole folder, and
/// nothing that learnlead did not write is ever replaced.
fn check_out_dir(dir: &Path, force: bool) -> Result<()> {
    if dir.exists() && !dir.is_dir() {
        return Err(Error::WrongKind {
            path: dir.to_path_buf(),
            is: "a file",
            wanted: "a folder",
        });
    }
    if !is_non_empty(dir)? {
        return Ok(());
    }
    if !force {
        return Err(Error::BundleFolderNotEmpty {
            folder: dir.to_path_buf(),
        });
    }
    if !output::is_own_output(&dir.join("index.html")) {
        return Err(Error::NotOurBundle {
            folder: dir.to_path_buf(),
        });
    }
    Ok(())
}

fn is_non_empty(dir: &Path) -> Result<bool> {
    Ok(dir.is_dir()
        && std::fs::read_dir(dir)
            .map_err(|e| Error::read(dir, e))?
            .next()
            .is_some())
}

/// Writes the bundle's files, all or nothing: built in a working folder beside `dir`, then
/// put in its place in one step (replacing an earlier bundle whole, after [`check_out_dir`]).
fn write_folder(dir: &Path, files: &[(PathBuf, Vec<u8>)], force: bool) -> Result<()> {
    let staging = Staging::beside(dir)?;
    for sub in ["reports", "data"] {
        let d = staging.path().join(sub);
        std::fs::create_dir_all(&d).map_err(|e| Error::write(&d, e))?;
    }
    for (rel, bytes) in files {
        let p = staging.path().join(rel);
        std::fs::write(&p, bytes).map_err(|e| Error::write(dir.join(rel), e))?;
    }
    staging.sync()?;
    if is_non_empty(dir)? {
        // Checked again: the folder may have been filled since the run began.
        check_out_dir(dir, force)?;
        return staging.replace();
    }
    match staging.rename_into_place()? {
        None => Ok(()),
        Some(_) => Err(Error::FilledMeanwhile {
            folder: dir.to_path_buf(),
        }),
    }
}

/// `learnlead init-config FILE`: the commented example configuration.
pub fn init_config(file: &Path) -> Result<()> {
    output::write_new(file, crate::io::assets::CONFIG_EXAMPLE.as_bytes())?;
    crate::say!(
        "wrote {}; edit it, then run report, compare or bundle in this folder",
        file.display()
    );
    crate::say!("(the example names logo.png: put your logo beside it, or remove that line)");
    Ok(())
}
