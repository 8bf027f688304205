//! Opening an address in the person's own browser (`serve --open`): `xdg-open` on Linux, `open`
//! on macOS, the URL handler on Windows.

use std::process::{Command, Stdio};

/// Opens `url` in the default browser; an error when no opener could be started.
pub fn in_browser(url: &str) -> std::io::Result<()> {
    let mut cmd = if cfg!(windows) {
        // Not `cmd /c start`: cmd would read `&` in an address as the end of a command.
        let mut c = Command::new("rundll32");
        c.arg("url.dll,FileProtocolHandler");
        c
    } else if cfg!(target_os = "macos") {
        Command::new("open")
    } else {
        Command::new("xdg-open")
    };
    cmd.arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map(drop)
}
