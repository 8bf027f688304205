//! `learnlead rubrics list|show|validate|init|schema|analyze`.

use std::fmt::Write as _;
use std::path::Path;

use crate::cli::{ListFormat, RubricsCommand, ShowFormat};
use crate::error::{Error, Result};
use crate::io::assets;
use crate::io::catalog::{Catalog, Loaded};
use crate::io::output;
use crate::model::rubric::Rubric;
use crate::present::table;
use crate::yaml;

pub fn run(catalog: &Catalog, command: RubricsCommand) -> Result<()> {
    match command {
        RubricsCommand::List { format } => list(catalog, format),
        RubricsCommand::Show { rubric, format } => show(catalog, &rubric, format),
        RubricsCommand::Validate { files, strict } => validate(catalog, &files, strict),
        RubricsCommand::Init { file } => init(&file),
        RubricsCommand::Schema => output::print(assets::RUBRIC_SCHEMA),
        RubricsCommand::Analyze(args) => analyze(catalog, args),
    }
}

/// `rubrics analyze`: the instrument's quality from every response given, a person counted
/// once per folder.
fn analyze(catalog: &Catalog, args: crate::cli::AnalyzeArgs) -> Result<()> {
    use crate::present::document::{self, AnalyzeDocument, Format};
    use std::io::IsTerminal;
    let format = Format::choose(
        args.format.map(|f| match f {
            crate::cli::AnalyzeFormat::Table => Format::Table,
            crate::cli::AnalyzeFormat::Json => Format::Json,
            crate::cli::AnalyzeFormat::Md => Format::Md,
            crate::cli::AnalyzeFormat::Html => Format::Html,
        }),
        args.out.as_deref(),
        &[Format::Table, Format::Json, Format::Md, Format::Html],
        std::io::stdout().is_terminal(),
    )?;
    let mut rubric: Option<Rubric> = None;
    let mut responses = Vec::new();
    for input in &args.inputs {
        let files = crate::commands::compare::response_files(std::slice::from_ref(input))?;
        let r = match &rubric {
            Some(r) => r.clone(),
            None => crate::commands::compare::rubric_of(catalog, &files, args.rubric.as_deref())?,
        };
        let mut round = Vec::with_capacity(files.len());
        for f in &files {
            round.push(crate::commands::read_response(f, &r)?);
        }
        responses.extend(once_per_person(round));
        rubric = Some(r);
    }
    let rubric = rubric.ok_or_else(|| Error::usage("no responses to analyze"))?;
    let missing = match args.listwise {
        true => crate::analysis::reliability::Missing::Listwise,
        false => crate::analysis::reliability::Missing::Pairwise,
    };
    let instrument = crate::analysis::instrument::analyze(&rubric, &responses, missing);
    let view = crate::present::view::instrument_view(&rubric, instrument);
    let framing = crate::model::config::Framing::default();
    let options = document::Options::plain(&framing);
    let bytes = document::produce(&AnalyzeDocument { view: &view }, format, &options)?;
    crate::commands::write_out(args.out.as_deref(), bytes, format.doc(), args.force)
}

/// One response per named person in a round: their latest (a resubmission replaces the
/// earlier answer). Anonymous responses are each a person.
fn once_per_person(
    round: Vec<crate::model::response::Response>,
) -> Vec<crate::model::response::Response> {
    let when = |r: &crate::model::response::Response| {
        r.completed.clone().unwrap_or_else(|| r.started.clone())
    };
    let mut named: std::collections::BTreeMap<String, crate::model::response::Response> =
        std::collections::BTreeMap::new();
    let mut out = Vec::new();
    for r in round {
        match r
            .name
            .as_deref()
            .map(|n| n.trim().to_lowercase())
            .filter(|n| !n.is_empty())
        {
            None => out.push(r),
            Some(key) => match named.get(&key) {
                Some(kept) if when(kept) >= when(&r) => {}
                _ => {
                    named.insert(key, r);
                }
            },
        }
    }
    out.extend(named.into_values());
    out
}

fn list(catalog: &Catalog, format: ListFormat) -> Result<()> {
    let (rubrics, broken) = catalog.list()?;
    for e in &broken {
        crate::say_err!("warning: skipped a rubric that does not validate:\n{e}");
    }
    match format {
        ListFormat::Json => {
            let rows: Vec<serde_json::Value> = rubrics
                .iter()
                .map(|l| {
                    serde_json::json!({
                        "id": l.rubric.id,
                        "title": l.rubric.title,
                        "version": l.rubric.version,
                        "groups": l.rubric.groups.len(),
                        "dimensions": l.rubric.dimension_count(),
                        "items": l.rubric.item_count(),
                        "from": origin_label(l),
                        "overrides_shipped": l.overrides_shipped,
                    })
                })
                .collect();
            output::print(&(to_json(&rows)? + "\n"))
        }
        ListFormat::Table => {
            let mut t = table::new(&["id", "title", "groups", "dimensions", "items", "from"]);
            table::align_right(&mut t, &[2, 3, 4]);
            for l in &rubrics {
                let r = &l.rubric;
                t.add_row(vec![
                    r.id.clone(),
                    r.title.clone(),
                    r.groups.len().to_string(),
                    r.dimension_count().to_string(),
                    r.item_count().to_string(),
                    origin_label(l),
                ]);
            }
            output::print(&format!("{t}\n"))
        }
    }
}

fn origin_label(l: &Loaded) -> String {
    if l.overrides_shipped {
        format!("{} (replaces shipped)", l.origin)
    } else {
        l.origin.to_string()
    }
}

fn show(catalog: &Catalog, name: &str, format: ShowFormat) -> Result<()> {
    let loaded = catalog.load(name)?;
    let rubric = &loaded.rubric;
    let text = match format {
        ShowFormat::Json => to_json(rubric)? + "\n",
        ShowFormat::Yaml => yaml::to_string(rubric)?,
        ShowFormat::Text => outline(rubric),
    };
    output::print(&text)
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String> {
    Ok(serde_json::to_string_pretty(value)?)
}

/// A rubric as a person reads it: groups, dimensions with their questions, numbered items.
pub fn outline(r: &Rubric) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{} ({} v{})", r.title, r.id, r.version);
    let _ = writeln!(
        s,
        "Source: {}, {}{}{}",
        r.source.authors.join(", "),
        r.source.title,
        r.source.year.map(|y| format!(" ({y})")).unwrap_or_default(),
        r.source
            .link
            .as_ref()
            .map(|l| format!(" <{l}>"))
            .unwrap_or_default()
    );
    let _ = writeln!(s, "\n{}\n", r.description.trim());
    let labels: Vec<String> = r
        .scale
        .labels
        .iter()
        .map(|(k, v)| format!("{k} {v}"))
        .collect();
    let _ = writeln!(s, "Scale: {}", labels.join(" · "));
    let unscored: Vec<&str> = [
        (r.scale.not_applicable, "\"not applicable\""),
        (r.scale.dont_know, "\"don't know\""),
    ]
    .iter()
    .filter(|(offered, _)| *offered)
    .map(|(_, w)| *w)
    .collect();
    if !unscored.is_empty() {
        let _ = writeln!(s, "       or {} (not scored)", unscored.join(" or "));
    }
    for (name, labels) in &r.answer_sets {
        let words: Vec<String> = labels.0.iter().map(|(k, v)| format!("{k} {v}")).collect();
        let _ = writeln!(s, "Answers `{name}`: {}", words.join(" · "));
    }
    if !r.roles.is_empty() {
        let roles: Vec<String> = r
            .roles
            .iter()
            .map(|x| format!("{} [{}]", x.name, x.id))
            .collect();
        let _ = writeln!(s, "Roles: {}", roles.join(" · "));
    }
    let bands: Vec<String> = r
        .bands
        .iter()
        .map(|b| format!("{} {}–{}", b.name, b.from, b.to))
        .collect();
    let _ = writeln!(s, "Bands: {}", bands.join(" · "));
    let _ = writeln!(
        s,
        "{} groups, {} dimensions, {} items. (R) marks a reverse-scored item; [answers: NAME]\nan item answered with that answer set instead of the scale.",
        r.groups.len(),
        r.dimension_count(),
        r.item_count()
    );
    for g in &r.groups {
        let _ = writeln!(s, "\n{} [{}]", g.name.to_uppercase(), g.id);
        for d in &g.dimensions {
            let _ = writeln!(s, "\n  {} [{}]: {}", d.name, d.id, d.question);
            for i in &d.items {
                let mark = if i.reverse { " (R)" } else { "" };
                let only = match i.roles.is_empty() {
                    true => String::new(),
                    false => format!(" (for {})", i.roles.join(", ")),
                };
                let set = match i.answers.as_ref().or(d.answers.as_ref()) {
                    Some(name) => format!(" [answers: {name}]"),
                    None => String::new(),
                };
                let _ = writeln!(
                    s,
                    "    {:<16} {}{mark}{set}{only}",
                    i.id,
                    i.statement.trim()
                );
            }
            outline_material(&mut s, r, d);
        }
    }
    s
}

/// What a dimension looks like at each band, and the perspectives to take on it.
fn outline_material(s: &mut String, r: &Rubric, d: &crate::model::rubric::Dimension) {
    for b in &r.bands {
        if let Some(text) = d.looks_like.get(&b.id) {
            let _ = writeln!(s, "    {}: {}", b.name, text.trim());
        }
    }
    if !d.perspectives.is_empty() {
        let _ = writeln!(s, "    Perspectives: {}", d.perspectives.join(" · "));
    }
}

/// Checks each file (or rubric id): its problems, or "ok" and its warnings. With `strict`, a
/// warning fails the check too.
fn validate(catalog: &Catalog, files: &[std::path::PathBuf], strict: bool) -> Result<()> {
    let mut failed = 0;
    let mut warned = 0;
    for name in files {
        match catalog.checked(name) {
            Ok((l, warnings, f)) => {
                crate::say!(
                    "{}: ok ({}: {}, {}{})",
                    f.display(),
                    l.rubric.id,
                    plural(l.rubric.dimension_count(), "dimension"),
                    plural(l.rubric.item_count(), "item"),
                    match warnings.len() {
                        0 => String::new(),
                        1 => ", 1 warning".to_string(),
                        n => format!(", {n} warnings"),
                    }
                );
                for w in &warnings {
                    let at = w.location.map(|l| format!(":{l}")).unwrap_or_default();
                    crate::say_err!("{}{at}: warning: {}", f.display(), w.message);
                }
                warned += usize::from(!warnings.is_empty());
            }
            Err(e) => {
                failed += 1;
                crate::say_err!("{e}");
            }
        }
    }
    if failed == 0 && strict && warned > 0 {
        return Err(Error::Warned(format!(
            "{warned} rubric file(s) have warnings (--strict)"
        )));
    }
    if failed > 0 {
        let of = if files.len() > 1 {
            format!(" of {}", files.len())
        } else {
            String::new()
        };
        return Err(Error::NotValid(format!(
            "{failed}{of} rubric file(s) are not valid"
        )));
    }
    Ok(())
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn init(file: &Path) -> Result<()> {
    output::write_new(file, assets::STARTER_RUBRIC.as_bytes())?;
    crate::say!("wrote a starter rubric to {}", file.display());
    crate::say!(
        "next: edit it, then `learnlead rubrics validate {}`",
        file.display()
    );
    Ok(())
}
