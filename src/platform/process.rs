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
        let r = unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) };
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
