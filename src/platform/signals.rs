//! Being told to stop. On Linux and macOS: SIGINT (Ctrl-C), SIGTERM (a `kill`) and SIGHUP (a
//! closed terminal). On Windows: Ctrl-C, Ctrl-Break, and the console window being closed, the
//! user logging off or the machine shutting down.

/// Why the process is asked to stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// Ctrl-C (or Ctrl-Break): the person at the keyboard.
    Interrupt,
    /// A `kill`, a log-off or a shutdown.
    Terminate,
    /// The terminal or console window was closed.
    Hangup,
}

impl Stop {
    /// The exit status, as shells report a process stopped by the signal (128 + its number).
    pub fn exit_code(self) -> i32 {
        match self {
            Stop::Interrupt => 130,
            Stop::Terminate => 143,
            Stop::Hangup => 129,
        }
    }
}

/// Calls `handler` on a thread of its own each time the process is asked to stop. Installed
/// once, by `main`. On Windows the process ends when `handler` returns from a closed window.
pub fn install(handler: fn(Stop)) {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        std::thread::spawn(move || {
            for signal in signals.forever() {
                handler(match signal {
                    SIGINT => Stop::Interrupt,
                    SIGHUP => Stop::Hangup,
                    _ => Stop::Terminate,
                });
            }
        });
    }
    #[cfg(windows)]
    {
        windows::install(handler);
    }
}

#[cfg(windows)]
mod windows {
    use super::Stop;
    use std::sync::OnceLock;
    use windows_sys::Win32::System::Console::{
        SetConsoleCtrlHandler, CTRL_BREAK_EVENT, CTRL_CLOSE_EVENT, CTRL_C_EVENT,
    };

    static HANDLER: OnceLock<fn(Stop)> = OnceLock::new();

    unsafe extern "system" fn on_console_event(event: u32) -> i32 {
        let Some(handler) = HANDLER.get() else {
            return 0;
        };
        handler(match event {
            CTRL_C_EVENT | CTRL_BREAK_EVENT => Stop::Interrupt,
            CTRL_CLOSE_EVENT => Stop::Hangup,
            _ => Stop::Terminate,
        });
        1
    }

    pub(super) fn install(handler: fn(Stop)) {
        if HANDLER.set(handler).is_ok() {
            // SAFETY: the callback is a plain function that lives as long as the process.
            unsafe {
                SetConsoleCtrlHandler(Some(on_console_event), 1);
            }
        }
    }
}
