//! `learnlead import FILE.csv --rubric RUBRIC --out-dir DIR`: one response file per row.

use std::path::Path;

use crate::cli::ImportArgs;
use crate::collect::import;
use crate::error::{Error, Result};
use crate::io::catalog::Catalog;
use crate::io::names::{renumbered, slug, NameSet};
use crate::io::staging::Staging;

pub fn run(catalog: &Catalog, args: ImportArgs) -> Result<()> {
    let loaded = catalog.load(&args.rubric)?;
    crate::commands::note_override(&loaded);
    let stamp = loaded.stamp();
    let rubric = loaded.rubric;
    let text = crate::io::input::read_text(&args.file, crate::io::input::Kind::Csv)?;
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
        crate::say_err!(
            "warning: {} has no column for {} item(s), left unanswered: {}",
            args.file.display(),
            missing.len(),
            missing.join(", ")
        );
    }
    let written = write_all(&args.out_dir, &rows)?;
    let complete = rows.iter().filter(|r| r.response.is_complete()).count();
    crate::say!(
        "wrote {} response(s) to {} ({} complete, {} unfinished)",
        written,
        args.out_dir.display(),
        complete,
        written - complete
    );
    crate::say!("next: learnlead compare {}", args.out_dir.display());
    Ok(())
}

/// Writes one response file per row into `out_dir`, all or nothing: the files are built in a
/// working folder beside it, flushed to disk once, then moved in (a new or empty folder in one
/// rename; else file by file under free names, never replacing a file, taken back out if one
/// fails). Returns how many were written.
fn write_all(out_dir: &Path, rows: &[import::Row]) -> Result<usize> {
    if out_dir.exists() && !out_dir.is_dir() {
        return Err(Error::usage(format!(
            "{} is a file, not a folder",
            out_dir.display()
        )));
    }
    let staging = Staging::beside(out_dir)?;
    let mut names = NameSet::default();
    for row in rows {
        let stem = match row.response.name.as_deref().map(slug) {
            Some(s) if !s.is_empty() => s,
            _ => format!("row-{}", row.row),
        };
        let path = staging.path().join(names.take(&stem, "yaml"));
        let text = row.response.to_yaml()?;
        std::fs::write(&path, text).map_err(|e| Error::write(&path, e))?;
    }
    staging.sync()?;
    // A folder filled meanwhile by a parallel run is merged into, never replaced.
    match staging.rename_into_place()? {
        None => Ok(rows.len()),
        Some(staging) => Ok(staging.merge_into(renumbered)?.len()),
    }
}
