//! `learnlead import FILE.csv --rubric RUBRIC --out-dir DIR`: one response file per row.

use std::path::Path;

use crate::cli::ImportArgs;
use crate::collect::import;
use crate::error::{Error, Result};
use crate::io::catalog::Catalog;
use crate::io::names::{renumbered, slug, NameSet};
use crate::io::staging::Staging;
use crate::model::rubric::Rubric;

pub fn run(catalog: &Catalog, args: ImportArgs) -> Result<()> {
    let loaded = catalog.load(
        args.rubric
            .as_deref()
            .unwrap_or(crate::io::assets::DEFAULT_RUBRIC),
    )?;
    crate::commands::note_override(&loaded);
    let stamp = loaded.stamp();
    let rubric = loaded.rubric;
    let sheet = crate::io::sheet::read(&args.file, args.sheet.as_deref())?;
    if let Some(name) = &sheet.name {
        crate::say_prose!("note: read the sheet `{}`", crate::safe_text::quote(name));
    }
    // The rows are read as they are imported: a CSV is never held whole.
    let options = import::Options {
        names: import::ColumnNames {
            name: args.name_column.clone(),
            community: args.community_column.clone(),
            role: args.role_column.clone(),
        },
        header_rows: args.header_rows.map(usize::from),
        ignore: args.ignore_column.clone(),
        notes: notes_columns(&rubric, &args.notes_column)?,
    };
    let out_dir = match (&args.out_dir, args.dry_run) {
        (_, true) => None,
        (Some(d), false) => Some(d.as_path()),
        (None, false) => {
            return Err(Error::usage(
                "--out-dir names the folder to write the responses to",
            ))
        }
    };
    // Each row's response is written into the working folder as it is read, and dropped: the
    // import holds one row at a time. A problem anywhere discards the working folder.
    let mut writer = out_dir.map(Writer::beside).transpose()?;
    let (read, problems) = import::read_each(&rubric, sheet, &options, &mut |mut row| {
        if let Some(w) = writer.as_mut() {
            row.response.rubric = stamp.clone();
            w.write(&row);
        }
    });
    for (column, dimension) in &options.notes {
        let found = read
            .mapping
            .iter()
            .any(|(_, _, c)| *c == import::Col::Note(dimension.clone()));
        if !found {
            crate::say_prose!(
                "warning: --notes-column {}={dimension} matches no column of {}; no notes were kept for it",
                crate::safe_text::quote(column),
                args.file.display()
            );
        }
    }
    if args.dry_run {
        // The whole mapping first, the problems marked; then the problems, and exit 2.
        crate::io::output::print(&mapping(&read, &problems))?;
    }
    if args.role_column.is_none() && !read.mapping.iter().any(|(_, _, c)| *c == import::Col::Role) {
        if let Some((letter, header)) = read.ignored.iter().find(|(_, h)| names_a_role(h)) {
            crate::say_prose!(
                "note: column {letter} \"{}\" may be the perspective people answer from: add --role-column {letter}",
                crate::safe_text::quote(header)
            );
        }
    }
    if !problems.is_empty() {
        return Err(Error::invalid(&args.file, problems));
    }
    let (Some(writer), Some(out_dir)) = (writer, out_dir) else {
        return Ok(()); // --dry-run
    };
    if read.counted == 0 {
        return Err(Error::NoRows {
            path: args.file.clone(),
        });
    }
    say_what_was_left(&args.file, &read);
    let written = writer.finish()?;
    let complete = read.complete;
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

/// The `--notes-column COLUMN=DIMENSION` given: each column with the dimension it is a note on,
/// which must be one of the rubric's.
fn notes_columns(rubric: &Rubric, given: &[String]) -> Result<Vec<(String, String)>> {
    given
        .iter()
        .map(|g| {
            let Some((column, dimension)) = g.rsplit_once('=') else {
                return Err(Error::usage(format!(
                    "--notes-column {} names no dimension: write COLUMN=DIMENSION, for example --notes-column \"Anything else?=relevance\"",
                    crate::safe_text::quote(g)
                )));
            };
            let dimension = dimension.trim();
            if column.trim().is_empty() {
                return Err(Error::usage(format!(
                    "--notes-column {} names no column: write COLUMN=DIMENSION, the column by its header or letter",
                    crate::safe_text::quote(g)
                )));
            }
            if rubric.find_dimension(dimension).is_none() {
                let ids: Vec<&str> = rubric.dimensions().map(|(_, d)| d.id.as_str()).collect();
                return Err(Error::usage(format!(
                    "--notes-column: the rubric `{}` has no dimension `{}`; its dimensions: {}",
                    rubric.id,
                    crate::safe_text::quote(dimension),
                    ids.join(", ")
                )));
            }
            Ok((column.trim().to_string(), dimension.to_string()))
        })
        .collect()
}

/// One line each: the columns passed over, and the items no column answers.
fn say_what_was_left(file: &Path, read: &import::Import) {
    if !read.ignored.is_empty() {
        let cols: Vec<String> = read
            .ignored
            .iter()
            .map(|(c, h)| format!("{c} \"{}\"", crate::safe_text::quote(h)))
            .collect();
        crate::say_prose!(
            "note: passed over {} column(s): {}",
            cols.len(),
            cols.join(", ")
        );
    }
    if !read.missing.is_empty() {
        crate::say_prose!(
            "warning: {} has no column for {} item(s), left unanswered: {}",
            file.display(),
            read.missing.len(),
            read.missing.join(", ")
        );
    }
}

/// Whether a header asks for the perspective people answer from, in the form's own words
/// ("Which perspective do you answer from?").
fn names_a_role(header: &str) -> bool {
    let words = import::normalize(header);
    words
        .split(' ')
        .any(|w| matches!(w, "role" | "perspective" | "position"))
}

/// What `--dry-run` prints: each column and what it was read as (a column with a problem
/// marked), the columns passed over, the items without a column, and the rows.
fn mapping(read: &import::Import, problems: &[crate::error::Problem]) -> String {
    // Columns with a problem, by letter (a problem's column is 1-based).
    let mut flagged: std::collections::BTreeSet<String> = problems
        .iter()
        .filter_map(|p| p.location)
        .filter(|l| l.column > 0)
        .map(|l| import::column_name(l.column - 1))
        .collect();
    let mut t = crate::present::table::new(&["column", "header", "read as"]);
    for (letter, header, col) in &read.mapping {
        let mut what = match col {
            import::Col::Name => "name".to_string(),
            import::Col::Community => "community".to_string(),
            import::Col::Role => "role".to_string(),
            import::Col::Item(id) => id.clone(),
            import::Col::Note(id) => format!("note on {id}"),
        };
        if flagged.remove(letter) {
            what.push_str(" (a problem: below)");
        }
        t.add_row(vec![letter.clone(), crate::safe_text::quote(header), what]);
    }
    for (letter, header) in &read.ignored {
        flagged.remove(letter);
        t.add_row(vec![
            letter.clone(),
            crate::safe_text::quote(header),
            "(passed over)".into(),
        ]);
    }
    // Columns that could not be read at all (two columns for one statement, a near match).
    for letter in flagged {
        t.add_row(vec![
            letter,
            String::new(),
            "(not read: a problem, below)".into(),
        ]);
    }
    let mut s = format!("{t}\n");
    if read.header_rows > 1 {
        s.push_str(&format!("The header takes {} rows.\n", read.header_rows));
    }
    if !read.missing.is_empty() {
        s.push_str(&format!("No column for: {}\n", read.missing.join(", ")));
    }
    s.push_str(&format!(
        "{} row(s) would become responses ({} complete). Nothing was written (--dry-run).\n",
        read.counted, read.complete
    ));
    if !problems.is_empty() {
        s.push_str(&format!(
            "{} problem(s) to fix first, listed below.\n",
            problems.len()
        ));
    }
    s
}

/// Writes one response file per row into `out_dir`, all or nothing: the files are built in a
/// working folder beside it as the rows are read, flushed to disk once, then moved in (a new or
/// empty folder in one rename; else file by file under free names, never replacing a file,
/// taken back out if one fails). Dropped unfinished, the working folder goes with it.
struct Writer {
    staging: Staging,
    names: NameSet,
    written: usize,
    /// The first failure; the rows after it are not written.
    failed: Option<Error>,
}

impl Writer {
    fn beside(out_dir: &Path) -> Result<Writer> {
        if out_dir.exists() && !out_dir.is_dir() {
            return Err(Error::WrongKind {
                path: out_dir.to_path_buf(),
                is: "a file",
                wanted: "a folder",
            });
        }
        Ok(Writer {
            staging: Staging::beside(out_dir)?,
            names: NameSet::default(),
            written: 0,
            failed: None,
        })
    }

    /// Writes one row's response under a name no other row has taken.
    fn write(&mut self, row: &import::Row) {
        // Once learnlead is being stopped (Ctrl-C, a kill), its working folder is being
        // removed: a file written now would keep the folder there.
        if self.failed.is_some() || crate::io::cleanup::stopping() {
            return;
        }
        let stem = match row.response.name.as_deref().map(slug) {
            Some(s) if !s.is_empty() => s,
            _ => format!("row-{}", row.row),
        };
        let path = self.staging.path().join(self.names.take(&stem, "yaml"));
        let written = row
            .response
            .to_yaml()
            .and_then(|text| std::fs::write(&path, text).map_err(|e| Error::write(&path, e)));
        match written {
            Ok(()) => self.written += 1,
            Err(e) => self.failed = Some(e),
        }
    }

    /// Moves the files into place; how many were written.
    fn finish(self) -> Result<usize> {
        if let Some(e) = self.failed {
            return Err(e);
        }
        // Stopped meanwhile: rows were passed over, and the working folder is being removed.
        // Nothing is moved into place (and, stopping, nothing is said of it).
        if crate::io::cleanup::stopping() {
            return Err(Error::Internal("the import was stopped".into()));
        }
        self.staging.sync()?;
        // A folder filled meanwhile by a parallel run is merged into, never replaced.
        match self.staging.rename_into_place()? {
            None => Ok(self.written),
            Some(staging) => Ok(staging.merge_into(renumbered)?.len()),
        }
    }
}
