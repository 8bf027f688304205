//! `learnlead completions SHELL` and `learnlead man`: generated from the command definition,
//! so they always match it.

use clap::CommandFactory;

use crate::cli::Cli;
use crate::error::Result;
use crate::io::output;

/// Completions for `shell`, on standard output.
pub fn completions(shell: clap_complete::Shell) -> Result<()> {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "learnlead", &mut buf);
    output::print(&String::from_utf8_lossy(&buf))
}

/// The manual page, roff on standard output.
pub fn man() -> Result<()> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut buf)
        .map_err(|e| crate::error::Error::Encode {
            what: "man page",
            cause: Box::new(e),
        })?;
    output::print(&String::from_utf8_lossy(&buf))
}
