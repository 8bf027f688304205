//! Where learnlead meets the operating system. Windows, macOS and Linux differ in a few
//! things learnlead needs; each such concern has one small file here, and these files are
//! the only ones in the crate (tests aside) that say `cfg(unix)` or `cfg(windows)`:
//!
//! - [`files`]: opening a file without waiting on a writer, what kind of entry a path is,
//!   replacing a file in one step, flushing a folder to disk, private folders.
//! - [`process`]: whether a process (the holder of a lock) still runs.
//! - [`signals`]: being told to stop (Ctrl-C, a closed terminal or console window, a kill).
//! - [`browsers`]: where Chrome, Chromium and Edge are installed.
//! - [`browser_pipe`]: starting a browser with a private pipe to talk to it, where the system
//!   allows one.
//! - [`terminal`]: which symbols the terminal can show.
//! - [`open`]: opening an address in the person's own browser.

pub mod browser_pipe;
pub mod browsers;
pub mod files;
pub mod open;
pub mod process;
pub mod signals;
pub mod terminal;
