//! `learnlead import FILE.csv --rubric RUBRIC --out-dir DIR`: one response file per row.

use std::collections::HashSet;
use std::path::PathBuf;

use crate::catalog::Catalog;
use crate::cli::ImportArgs;
use crate::error::{Error, Result};
use crate::import;
use crate::output;

pub fn run(catalog: &Catalog, args: ImportArgs) -> Result<()> {
    let loaded = catalog.load(&args.rubric)?;
    crate::commands::assess::note_override(&loaded);
    let stamp = loaded.stamp();
    let rubric = loaded.rubric;
    let text = output::read_text(&args.file)?;
    let (mut rows, missing) =
        import::read(&rubric, &text).map_err(|p| Error::invalid(&args.file, p))?;
    for row in &mut rows {
        row.response.rubric = stamp.clone();
    }
    if rows.is_empty() {
        return Err(Error::usage(format!(
            "{} has no rows under its header",
            args.file.display()
        )));
    }
    if !missing.is_empty() {
        eprintln!(
            "warning: {} has no column for {} item(s), left unanswered: {}",
            args.file.display(),
            missing.len(),
            missing.join(", ")
        );
    }
    std::fs::create_dir_all(&args.out_dir).map_err(|e| Error::write(&args.out_dir, e))?;
    // Every row is valid: choose every file name first (never an existing file), then write.
    let mut taken: HashSet<PathBuf> = HashSet::new();
    let mut plan = Vec::with_capacity(rows.len());
    for row in &rows {
        let base = match row
            .response
            .name
            .as_deref()
            .map(crate::commands::assess::slug)
        {
            Some(s) if !s.is_empty() => s,
            _ => format!("row-{}", row.row),
        };
        let mut n = 1;
        let path = loop {
            let name = if n == 1 {
                format!("{base}.yaml")
            } else {
                format!("{base}-{n}.yaml")
            };
            let p = args.out_dir.join(name);
            if !p.exists() && !taken.contains(&p) {
                break p;
            }
            n += 1;
        };
        taken.insert(path.clone());
        plan.push((path, &row.response));
    }
    for (path, response) in &plan {
        response.save(path)?;
    }
    let complete = rows.iter().filter(|r| r.response.is_complete()).count();
    println!(
        "wrote {} response(s) to {} ({} complete, {} unfinished)",
        plan.len(),
        args.out_dir.display(),
        complete,
        plan.len() - complete
    );
    println!("next: learnlead compare {}", args.out_dir.display());
    Ok(())
}
