//! Whether a process still runs, to tell a lock left by a crashed learnlead (taken over) from
//! one held by a running one (respected).

/// `Some(false)` when no process `pid` runs, `Some(true)` when one does, `None` when this
/// system cannot tell (then a lock is respected).
pub fn is_running(pid: u32) -> Option<bool> {
    #[cfg(target_os = "linux")]
    {
        let proc_root = std::path::Path::new("/proc");
        if proc_root.join("self").exists() {
            return Some(proc_root.join(pid.to_string()).exists());
        }
        signal_zero(pid)
    }
    #[cfg(all(unix, not(target_os = "linux")))]
    {
        signal_zero(pid)
    }
    #[cfg(windows)]
    {
        windows_is_running(pid)
    }
}

/// Stops the child process `pid` and waits (up to `wait`) until it has ended, so that nothing
/// it writes lands after its files are removed: asked to end first (a browser then ends its own
/// helpers and removes its own temporary files), then, if it has not, ended at once. For a
/// child whose handle another thread holds (a browser being stopped on Ctrl-C): the child is
/// reaped here.
pub fn stop_child(pid: u32, wait: std::time::Duration) {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return;
        };
        let until = std::time::Instant::now() + wait;
        let ended = || {
            let mut status = 0;
            // SAFETY: waitpid on our own child's id, into a local we own.
            let r = unsafe { libc::waitpid(pid, &raw mut status, libc::WNOHANG) };
            r != 0
        };
        // The child, and its process group when it leads one (a browser started by
        // browser_pipe, with its helpers).
        let signal = |sig| {
            // SAFETY: signals to our own child and the group it leads.
            unsafe {
                libc::kill(-pid, sig);
                libc::kill(pid, sig);
            }
        };
        signal(libc::SIGTERM);
        while !ended() {
            if std::time::Instant::now() >= until {
                signal(libc::SIGKILL);
                let hard = std::time::Instant::now() + std::time::Duration::from_secs(1);
                while !ended() && std::time::Instant::now() < hard {
                    std::thread::sleep(std::time::Duration::from_millis(10));
                }
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        // Helpers left in the group, if any, end now.
        // SAFETY: as above; the group is the child's own.
        unsafe {
            libc::kill(-pid, libc::SIGKILL);
        }
    }
    #[cfg(windows)]
    {
        use windows_sys::Win32::Foundation::CloseHandle;
        use windows_sys::Win32::System::Threading::{
            OpenProcess, TerminateProcess, WaitForSingleObject, PROCESS_SYNCHRONIZE,
            PROCESS_TERMINATE,
        };
        // SAFETY: the handle is checked, used and closed here.
        unsafe {
            let handle = OpenProcess(PROCESS_TERMINATE | PROCESS_SYNCHRONIZE, 0, pid);
            if handle.is_null() {
                return;
            }
            TerminateProcess(handle, 1);
            WaitForSingleObject(handle, u32::try_from(wait.as_millis()).unwrap_or(u32::MAX));
            CloseHandle(handle);
        }
    }
}

/// How many files (sockets included) this process may have open at once, where the system
/// sets such a limit for it (Linux and macOS: the soft `RLIMIT_NOFILE`).
pub fn open_file_limit() -> Option<usize> {
    #[cfg(unix)]
    {
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: getrlimit writes one rlimit we own.
        let r = unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &raw mut limit) };
        if r != 0 || limit.rlim_cur == libc::RLIM_INFINITY {
            return None;
        }
        usize::try_from(limit.rlim_cur).ok()
    }
    #[cfg(not(unix))]
    {
        None
    }
}

/// `kill(pid, 0)`: delivers nothing, but says whether the process exists.
#[cfg(unix)]
fn signal_zero(pid: u32) -> Option<bool> {
    let pid = libc::pid_t::try_from(pid).ok()?;
    if pid <= 0 {
        return None;
    }
    // SAFETY: signal 0 sends nothing; the call only checks that the process exists.
    let r = unsafe { libc::kill(pid, 0) };
    if r == 0 {
        return Some(true);
    }
    match std::io::Error::last_os_error().raw_os_error() {
        Some(libc::ESRCH) => Some(false),
        // EPERM: it exists, and belongs to someone else.
        _ => Some(true),
    }
}

#[cfg(windows)]
fn windows_is_running(pid: u32) -> Option<bool> {
    use windows_sys::Win32::Foundation::{CloseHandle, STILL_ACTIVE};
    use windows_sys::Win32::System::Threading::{
        GetExitCodeProcess, OpenProcess, PROCESS_QUERY_LIMITED_INFORMATION,
    };
    // SAFETY: OpenProcess returns a handle we close, or null; GetExitCodeProcess writes one
    // u32 we own.
    unsafe {
        let handle = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, 0, pid);
        if handle.is_null() {
            // No such process (or not ours to look at: then it runs).
            return Some(
                std::io::Error::last_os_error().raw_os_error()
                    == Some(windows_sys::Win32::Foundation::ERROR_ACCESS_DENIED as i32),
            );
        }
        let mut code = 0u32;
        let ok = GetExitCodeProcess(handle, &mut code);
        CloseHandle(handle);
        if ok == 0 {
            return None;
        }
        Some(code == STILL_ACTIVE as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn this_process_runs_and_a_finished_one_does_not() {
        assert_eq!(is_running(std::process::id()), Some(true));
        let mut child = std::process::Command::new(std::env::current_exe().unwrap())
            .arg("--list")
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let pid = child.id();
        child.wait().unwrap();
        assert_eq!(is_running(pid), Some(false));
    }
}
