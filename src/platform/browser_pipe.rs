//! A browser started with a private pipe for the DevTools protocol: Chromium reads commands on
//! its file descriptor 3 and writes replies on 4 (`--remote-debugging-pipe`). Only Linux and
//! macOS can hand a child extra descriptors; on Windows the browser is reached on a port of
//! 127.0.0.1 instead (see `present::devtools`).

use std::io::{PipeReader, PipeWriter};
use std::process::{Child, Command};

/// Whether this system can give a browser a private pipe.
pub const AVAILABLE: bool = cfg!(unix);

/// Starts `cmd` with a pipe to it as its descriptor 3 and one from it as 4. Returns the child,
/// the end to write commands to, and the end to read replies from.
pub fn spawn(cmd: Command) -> std::io::Result<(Child, PipeWriter, PipeReader)> {
    #[cfg(unix)]
    {
        spawn_unix(cmd)
    }
    #[cfg(not(unix))]
    {
        let _ = cmd;
        Err(std::io::Error::new(
            std::io::ErrorKind::Unsupported,
            "no DevTools pipe on this system",
        ))
    }
}

#[cfg(unix)]
fn spawn_unix(mut cmd: Command) -> std::io::Result<(Child, PipeWriter, PipeReader)> {
    use std::os::fd::AsRawFd;
    use std::os::unix::process::CommandExt;
    // A process group of its own: stopping it stops its helpers too (see process::stop_child).
    cmd.process_group(0);
    // Both pipes are made close-on-exec: only the two ends moved to 3 and 4 reach the browser.
    let (to_browser_read, to_browser_write) = std::io::pipe()?;
    let (from_browser_read, from_browser_write) = std::io::pipe()?;
    let (read_fd, write_fd) = (to_browser_read.as_raw_fd(), from_browser_write.as_raw_fd());
    // SAFETY: between fork and exec only dup2 and fcntl run, which are async-signal-safe.
    unsafe {
        cmd.pre_exec(move || {
            for (fd, target) in [(read_fd, 3), (write_fd, 4)] {
                // dup2 onto itself keeps close-on-exec: clear it instead.
                let done = match fd == target {
                    true => libc::fcntl(fd, libc::F_SETFD, 0),
                    false => libc::dup2(fd, target),
                };
                if done < 0 {
                    return Err(std::io::Error::last_os_error());
                }
            }
            Ok(())
        });
    }
    let child = cmd.spawn()?;
    drop(to_browser_read);
    drop(from_browser_write);
    Ok((child, to_browser_write, from_browser_read))
}
