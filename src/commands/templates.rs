//! `learnlead templates export DIR`: the shipped templates, as a starting point.

use std::path::Path;

use crate::cli::TemplatesCommand;
use crate::error::{Error, Result};
use crate::io::assets;
use crate::io::output;

pub fn run(command: TemplatesCommand) -> Result<()> {
    match command {
        TemplatesCommand::Export { dir } => export(&dir),
    }
}

fn export(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::write(dir, e))?;
    // Check first, so that nothing is written unless everything can be.
    let existing: Vec<String> = assets::TEMPLATES
        .iter()
        .filter(|a| dir.join(a.name).exists())
        .map(|a| a.name.to_string())
        .collect();
    if !existing.is_empty() {
        return Err(Error::FolderNotEmpty {
            folder: dir.to_path_buf(),
            holds: existing,
        });
    }
    for a in assets::TEMPLATES {
        output::write_new(&dir.join(a.name), a.text.as_bytes())?;
        crate::say!("wrote {}", dir.join(a.name).display());
    }
    crate::say!("The context templates receive is documented in docs/templates.md.");
    Ok(())
}
