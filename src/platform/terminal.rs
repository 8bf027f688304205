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

/// `text` as this terminal can show it: on a console whose font lacks the small block elements
/// of sparklines and answer bars (`▁▂▃▄▅▆▇`), they become plain characters (`_.:-=+*`). `█`,
/// `░`, `▲` and `▼` are in every console font and stay.
pub fn fit_symbols(text: &str) -> std::borrow::Cow<'_, str> {
    if shows_blocks() {
        return std::borrow::Cow::Borrowed(text);
    }
    plain_blocks(text)
}

fn plain_blocks(text: &str) -> std::borrow::Cow<'_, str> {
    const BLOCKS: [(char, char); 7] = [
        ('▁', '_'),
        ('▂', '.'),
        ('▃', ':'),
        ('▄', '-'),
        ('▅', '='),
        ('▆', '+'),
        ('▇', '*'),
    ];
    if !text.chars().any(|c| BLOCKS.iter().any(|(b, _)| *b == c)) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| BLOCKS.iter().find(|(b, _)| *b == c).map_or(c, |(_, p)| *p))
        .collect::<String>()
        .into()
}

/// Clears the screen and its scrollback and puts the cursor at the top: with escape sequences
/// where the terminal reads them, with the console's own calls on the classic Windows console.
pub fn clear_screen() {
    use crossterm::terminal::{Clear, ClearType};
    let mut out = std::io::stdout();
    let _ = crossterm::execute!(
        out,
        Clear(ClearType::Purge),
        Clear(ClearType::All),
        crossterm::cursor::MoveTo(0, 0)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_become_plain_characters_and_the_rest_stays() {
        assert_eq!(plain_blocks("1▁0 2▅2 3█4 ▲ ░"), "1_0 2=2 3█4 ▲ ░");
        assert!(matches!(
            plain_blocks("no blocks"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
