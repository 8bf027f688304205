//! Which symbols the terminal can show. Terminals on Linux and macOS, Windows Terminal and the
//! terminals of editors show block elements (`▁▂▃▄▅▆▇█`); the classic Windows console's fonts
//! lack most of them, and plain characters are used there.

/// Whether the terminal shows the small block elements of sparklines. `LEARNLEAD_SYMBOLS`
/// (`unicode` or `plain`) decides when set.
pub fn shows_blocks() -> bool {
    match std::env::var("LEARNLEAD_SYMBOLS").as_deref() {
        Ok("plain") => return false,
        Ok("unicode") => return true,
        _ => {}
    }
    if cfg!(windows) {
        // Windows Terminal, VS Code's terminal and ConEmu say who they are; the classic
        // console says nothing.
        ["WT_SESSION", "TERM_PROGRAM", "ConEmuANSI"]
            .iter()
            .any(|v| std::env::var_os(v).is_some())
    } else {
        true
    }
}
