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
    let sheet = crate::io::sheet::read(&args.file, args.sheet.as_deref())?;
    if let Some(name) = &sheet.name {
        crate::say_err!("note: read the sheet `{}`", crate::safe_text::quote(name));
    }
    let options = import::Options {
        names: import::ColumnNames {
            name: args.name_column.clone(),
            community: args.community_column.clone(),
            role: args.role_column.clone(),
        },
        header_rows: args.header_rows.map(usize::from),
        ignore: args.ignore_column.clone(),
    };
    let mut read =
        import::read(&rubric, &sheet, &options).map_err(|p| Error::invalid(&args.file, p))?;
    for row in &mut read.rows {
        row.response.rubric = stamp.clone();
    }
    if args.dry_run {
        return crate::io::output::print(&mapping(&read));
    }
    if read.rows.is_empty() {
        return Err(Error::usage(format!(
            "{} has no rows under its header",
            args.file.display()
        )));
    }
    say_what_was_left(&args.file, &read);
    let Some(out_dir) = &args.out_dir else {
        return Err(Error::usage(
            "--out-dir names the folder to write the responses to",
        ));
    };
    let written = write_all(out_dir, &read.rows)?;
    let complete = read
        .rows
        .iter()
        .filter(|r| r.response.is_complete())
        .count();
    crate::say!(
        "wrote {} response(s) to {} ({} complete, {} unfinished)",
        written,
        out_dir.display(),
        complete,
        written - complete
    );
    crate::say!(
        "next: learnlead compare {}",
        crate::safe_text::shell_arg(&out_dir.display().to_string())
    );
    Ok(())
}

/// One line each: the columns passed over, and the items no column answers.
fn say_what_was_left(file: &Path, read: &import::Import) {
    if !read.ignored.is_empty() {
        let cols: Vec<String> = read
            .ignored
            .iter()
            .map(|(c, h)| format!("{c} \"{}\"", crate::safe_text::quote(h)))
            .collect();
        crate::say_err!(
            "note: passed over {} column(s): {}",
            cols.len(),
            cols.join(", ")
        );
    }
    if !read.missing.is_empty() {
        crate::say_err!(
            "warning: {} has no column for {} item(s), left unanswered: {}",
            file.display(),
            read.missing.len(),
            read.missing.join(", ")
        );
    }
}

/// What `--dry-run` prints: each column and what it was read as, the columns passed over, the
/// items without a column, and the rows.
fn mapping(read: &import::Import) -> String {
    let mut t = crate::present::table::new(&["column", "header", "read as"]);
    for (letter, header, col) in &read.mapping {
        let what = match col {
            import::Col::Name => "name".to_string(),
            import::Col::Community => "community".to_string(),
            import::Col::Role => "role".to_string(),
            import::Col::Item(id) => id.clone(),
        };
        t.add_row(vec![letter.clone(), crate::safe_text::quote(header), what]);
    }
    for (letter, header) in &read.ignored {
        t.add_row(vec![
            letter.clone(),
            crate::safe_text::quote(header),
            "(passed over)".into(),
        ]);
    }
    let mut s = format!("{t}\n");
    if read.header_rows > 1 {
        s.push_str(&format!("The header takes {} rows.\n", read.header_rows));
    }
    if !read.missing.is_empty() {
        s.push_str(&format!("No column for: {}\n", read.missing.join(", ")));
    }
    let complete = read
        .rows
        .iter()
        .filter(|r| r.response.is_complete())
        .count();
    s.push_str(&format!(
        "{} row(s) would become responses ({} complete). Nothing was written (--dry-run).\n",
        read.rows.len(),
        complete
    ));
    s
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
