//! `learnlead bundle`: one folder to hand over. Everything is rendered in memory first; the
//! folder is written only when every file rendered, and a folder that is not empty is refused
//! without `--force`.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::catalog::Catalog;
use crate::cli::BundleArgs;
use crate::commands::compare::Group;
use crate::compare::{self, Comparison};
use crate::config;
use crate::error::{Error, Result};
use crate::output;
use crate::render::{self, Markup};
use crate::{score, view, yaml};

#[derive(Serialize)]
struct BundleView<'a> {
    #[serde(flatten)]
    comparison: &'a Comparison,
    /// Links to each participant's report, relative to the index.
    reports: Vec<Link>,
    /// Links to the data files.
    data: Vec<Link>,
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

pub fn run(catalog: &Catalog, args: BundleArgs) -> Result<()> {
    check_out_dir(&args.out_dir, args.force)?;
    let framing = config::find(args.group.config.as_deref())?;
    let browser = if args.pdf {
        Some(crate::pdf::find_browser(args.print.browser.as_deref())?)
    } else {
        None
    };
    let Group {
        files,
        rubric,
        participants,
        comparison,
    } = Group::read(catalog, &args.group, false)?;

    // Every file, rendered before anything is written: (path in the folder, content).
    let mut out: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    let mut reports = Vec::new();
    let mut pages: Vec<String> = Vec::new();
    if !args.group.anonymize {
        // Each person's report keeps the branding; the summary and recommendations are about
        // the group, and stay in the index.
        let mut personal = framing.clone();
        for section in ["summary", "recommendations"] {
            personal.show.insert(section.to_string(), false);
        }
        let mut used = std::collections::HashSet::new();
        for (file, p) in files.iter().zip(&participants) {
            let response = crate::commands::read_response(file, &rubric)?;
            let scores = score::score(&rubric, &response);
            let v = view::report(&rubric, &response, &scores, None);
            let html = render::render("report.html.j2", Markup::Html, None, &v, &personal)?;
            let base = crate::commands::assess::slug(&p.label);
            let base = if base.is_empty() {
                "participant".to_string()
            } else {
                base
            };
            let mut name = format!("reports/{base}.html");
            let mut n = 2;
            while !used.insert(name.clone()) {
                name = format!("reports/{base}-{n}.html");
                n += 1;
            }
            reports.push(Link::new(p.label.clone(), name));
            pages.push(html);
        }
        if let Some(browser) = &browser {
            // Each person's report on paper too: it is what most participants are handed.
            let pdfs = crate::pdf::print_all(&pages, args.print.paper, browser)?;
            for (link, pdf) in reports.iter_mut().zip(pdfs) {
                let name = format!("{}.pdf", link.href.trim_end_matches(".html"));
                out.push((PathBuf::from(&name), pdf));
                link.pdf = Some(name);
            }
        }
        for (link, html) in reports.iter().zip(pages) {
            out.push((PathBuf::from(&link.href), html.into_bytes()));
        }
    }
    let json =
        serde_json::to_string_pretty(&comparison).map_err(|e| Error::Other(e.to_string()))?;
    let mut csv = Vec::new();
    compare::write_csv(&rubric, &participants, args.group.anonymize, &mut csv)
        .map_err(|e| Error::Other(e.to_string()))?;
    let rubric_yaml = yaml::to_string(&rubric).map_err(Error::Other)?;
    let data = vec![
        Link::new("Group statistics (JSON)", "data/group.json"),
        Link::new(
            "Every answer, one row per participant and statement (CSV)",
            "data/responses.csv",
        ),
        Link::new(
            format!("The rubric used: {} (YAML)", rubric.title),
            "data/rubric.yaml",
        ),
    ];
    out.push(("data/group.json".into(), (json + "\n").into_bytes()));
    out.push(("data/responses.csv".into(), csv));
    out.push(("data/rubric.yaml".into(), rubric_yaml.into_bytes()));
    let index = render::render(
        "bundle.html.j2",
        Markup::Html,
        None,
        &BundleView {
            comparison: &comparison,
            reports,
            data,
        },
        &framing,
    )?;
    if let Some(browser) = &browser {
        let pdf = crate::pdf::print(&index, args.print.paper, browser)?;
        out.push(("index.pdf".into(), pdf));
    }
    out.push(("index.html".into(), index.into_bytes()));

    for dir in ["reports", "data"] {
        let d = args.out_dir.join(dir);
        std::fs::create_dir_all(&d).map_err(|e| Error::write(&d, e))?;
    }
    for (rel, bytes) in &out {
        output::write_atomic(&args.out_dir.join(rel), bytes)?;
    }
    println!(
        "wrote {} files to {}; open {}",
        out.len(),
        args.out_dir.display(),
        args.out_dir.join("index.html").display()
    );
    Ok(())
}

/// The folder must be new or empty, unless `force`.
fn check_out_dir(dir: &Path, force: bool) -> Result<()> {
    if dir.exists() && !dir.is_dir() {
        return Err(Error::usage(format!(
            "{} is a file, not a folder",
            dir.display()
        )));
    }
    let not_empty = dir.is_dir()
        && std::fs::read_dir(dir)
            .map_err(|e| Error::read(dir, e))?
            .next()
            .is_some();
    if not_empty && !force {
        return Err(Error::usage(format!(
            "{} is not empty; nothing was written. Choose a new folder, or add --force to write into it",
            dir.display()
        )));
    }
    Ok(())
}

/// `learnlead init-config FILE`: the commented example configuration.
pub fn init_config(file: &Path) -> Result<()> {
    output::write_new(file, config::EXAMPLE.as_bytes())?;
    println!(
        "wrote {}; edit it, then run report, compare or bundle in this folder",
        file.display()
    );
    println!("(the example names logo.png: put your logo beside it, or remove that line)");
    Ok(())
}
