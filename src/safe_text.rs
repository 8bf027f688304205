//! Text from other people, made safe where it lands: a terminal (no escape sequences, no bidi
//! overrides), a spreadsheet (no formulas), an error message (short, visible).

use std::borrow::Cow;

/// `println!`, with the text made safe for a terminal ([`for_terminal`]): for every line that
/// may carry someone else's text (a name, a file name, an id from a file).
#[macro_export]
macro_rules! say {
    ($($arg:tt)*) => {
        println!("{}", $crate::safe_text::for_screen(&format!($($arg)*)))
    };
}

/// `eprintln!`, with the text made safe for a terminal ([`for_terminal`]).
#[macro_export]
macro_rules! say_err {
    ($($arg:tt)*) => {
        eprintln!("{}", $crate::safe_text::for_screen(&format!($($arg)*)))
    };
}

/// `eprintln!` of prose (a warning, a note): made safe, and wrapped to the terminal, at most
/// 90 columns, keeping a line with a command to copy whole.
#[macro_export]
macro_rules! say_prose {
    ($($arg:tt)*) => {
        eprintln!(
            "{}",
            $crate::safe_text::for_screen(&$crate::present::table::prose_for_stderr(&format!($($arg)*)))
        )
    };
}

/// `text` for the person's screen: made safe ([`for_terminal`]) and in symbols the terminal can
/// show ([`crate::platform::terminal::fit_symbols`]).
pub fn for_screen(text: &str) -> String {
    for_terminal(&crate::platform::terminal::fit_symbols(text)).into_owned()
}

/// The most characters of someone's value quoted in a message.
pub const QUOTE_CHARS: usize = 80;

/// Whether `c` could change what a terminal shows or does: control characters (escape
/// sequences start with ESC, U+009B is a one-byte CSI) and the Unicode bidi controls that can
/// reorder what is shown (U+202A..U+202E, U+2066..U+2069, U+200E, U+200F, U+061C).
fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// `text` as it may reach a terminal: every unsafe character shown as its `\u{..}` escape, so
/// it is visible and inert. Line breaks and tabs stay.
pub fn for_terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A value from a file, for an error message: on one line, inert, at most [`QUOTE_CHARS`]
/// characters (with "..." when cut).
pub fn quote(value: &str) -> String {
    let one_line: String = value
        .chars()
        .map(|c| if c == '\n' || c == '\t' { ' ' } else { c })
        .collect();
    let safe = for_terminal(&one_line);
    let mut chars = safe.chars();
    let short: String = chars.by_ref().take(QUOTE_CHARS).collect();
    if chars.next().is_some() {
        format!("{short}...")
    } else {
        short
    }
}

/// A text cell for a CSV file that will be opened in a spreadsheet: a cell that a spreadsheet
/// would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage return, even
/// after spaces) gets a leading `'`, as OWASP advises. Numbers stay numbers.
pub fn csv_cell(text: &str) -> Cow<'_, str> {
    let trimmed = text.trim_start_matches(' ');
    let risky = matches!(
        trimmed.chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r')
    );
    if risky && trimmed.parse::<f64>().is_err() {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// A path or word as one argument in a command people can paste into a POSIX shell: as it is
/// when it holds nothing a shell reads, else in single quotes. Also made inert for the terminal.
pub fn shell_arg(arg: &str) -> String {
    let plain = !arg.is_empty()
        && arg
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_./-:@%+=,".contains(c));
    let quoted = match plain {
        true => arg.to_string(),
        false => format!("'{}'", arg.replace('\'', "'\\''")),
    };
    for_terminal(&quoted).into_owned()
}

/// The first `max` characters of `s` on one line, with an ellipsis if cut.
pub fn shorten(s: &str, max: usize) -> String {
    let one_line = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        one_line
    } else {
        let cut: String = one_line.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_bidi_overrides_are_made_visible() {
        let name = "Ana\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}[2J\u{202e}gnp.exe";
        let shown = for_terminal(name);
        assert!(!shown.chars().any(is_unsafe), "{shown}");
        assert_eq!(
            shown,
            "Ana\\u{1b}]52;c;ZXZpbA==\\u{7}\\u{1b}[2J\\u{202e}gnp.exe"
        );
        assert_eq!(for_terminal("line\n\tnext"), "line\n\tnext");
        assert!(matches!(for_terminal("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn quotes_are_short_and_on_one_line() {
        assert_eq!(quote("a\nb"), "a b");
        let long = "x".repeat(200);
        let q = quote(&long);
        assert_eq!(q.chars().count(), QUOTE_CHARS + 3);
        assert!(q.ends_with("..."));
        assert_eq!(quote("\u{1b}[31m"), "\\u{1b}[31m");
    }

    #[test]
    fn formulas_are_defused_and_numbers_kept() {
        for cell in [
            "=HYPERLINK(\"http://x\",\"y\")",
            "+cmd|' /C calc'!A0",
            "-2+3",
            "@SUM(A1:A9)",
            "\t=1",
            "\r=1",
            "  =1+1",
        ] {
            assert_eq!(csv_cell(cell), format!("'{cell}"), "{cell:?}");
        }
        for cell in ["-2", "+3.5", "4", "Ana", "", "na", "a=b"] {
            assert_eq!(csv_cell(cell), cell, "{cell:?}");
        }
    }

    #[test]
    fn shell_args_are_quoted_only_when_a_shell_would_read_them() {
        assert_eq!(shell_arg("ana-2026-11-22.yaml"), "ana-2026-11-22.yaml");
        assert_eq!(shell_arg("my answers/ana.yaml"), "'my answers/ana.yaml'");
        assert_eq!(shell_arg("it's.yaml"), "'it'\\''s.yaml'");
        assert_eq!(shell_arg("$(rm -rf x).yaml"), "'$(rm -rf x).yaml'");
    }
}
