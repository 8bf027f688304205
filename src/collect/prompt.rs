//! The terminal [`Prompter`]: the only module that knows inquire. Esc means "back" (inquire has
//! no back key of its own), Ctrl-C or a closed terminal means "stop". `NO_COLOR` turns colour off.

use inquire::error::InquireError;
use inquire::ui::{RenderConfig, Styled};
use inquire::{Select, Text};

use crate::collect::questionnaire::{Grid, Prompter, Reply};
use crate::present::format::wrap;
use crate::present::table::terminal_width;
use crate::safe_text::for_terminal;

/// Text made inert and wrapped to the terminal's width as it is now (so a resized terminal
/// gets the next question at its new width); `margin` columns are left for inquire's "? ".
fn fit(text: &str, margin: usize) -> String {
    wrap(
        &for_terminal(text),
        terminal_width().saturating_sub(margin + 1),
    )
}

pub struct Terminal {
    render: RenderConfig<'static>,
}

/// When the questionnaire uses colour (`--color`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

/// The `--color` choice, set once from the command line.
static COLOR: std::sync::OnceLock<ColorWhen> = std::sync::OnceLock::new();

/// Sets the `--color` choice (the first call wins).
pub fn set_color(when: ColorWhen) {
    let _ = COLOR.set(when);
}

/// Whether the questionnaire uses colour: `--color always` or `never` decide; with `auto`,
/// `NO_COLOR` turns it off and `CLICOLOR_FORCE` on, else it is on where stdout is a terminal.
pub fn use_color() -> bool {
    use std::io::IsTerminal;
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty() && v != "0");
    match COLOR.get().copied().unwrap_or(ColorWhen::Auto) {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto if no_color() => false,
        ColorWhen::Auto if set("CLICOLOR_FORCE") => true,
        ColorWhen::Auto => std::io::stdout().is_terminal(),
    }
}

impl Terminal {
    pub fn new() -> Self {
        let mut render = if use_color() {
            RenderConfig::default_colored()
        } else {
            RenderConfig::empty()
        };
        // Esc means "back" here, not "cancel": the prompt is taken off the screen (see
        // `reply`), so it needs no indicator.
        render.canceled_prompt_indicator = Styled::new("");
        Terminal { render }
    }
}

impl Default for Terminal {
    fn default() -> Self {
        Self::new()
    }
}

/// `NO_COLOR` set to anything but the empty string turns colour off (https://no-color.org).
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// The line the cursor rests on before anything is chosen. It has no digit, so typing a
/// number filters it away.
const NOTHING_CHOSEN: &str = "(choose an answer: ↑↓ or type its number)";

/// Takes the last `lines` printed lines off the screen (a question inquire left there).
fn erase(lines: usize) {
    use std::io::{IsTerminal, Write};
    let mut out = std::io::stdout();
    if out.is_terminal() && lines > 0 {
        // Up to the first line of the question, then clear to the end of the screen.
        let _ = write!(out, "\x1b[{lines}F\x1b[J");
        let _ = out.flush();
    }
}

/// `question`, with a line of its own for the answer when the longest of `options` would not
/// fit after its last line: inquire echoes the answer there, and a terminal `width` columns
/// wide would break it mid-word.
fn answer_room(question: String, options: &[String], width: usize) -> String {
    let longest = options.iter().map(|o| o.chars().count()).max().unwrap_or(0);
    let last = question.lines().last().map_or(0, |l| l.chars().count());
    // Two columns for inquire's "? " or "> ", one for the space before the answer.
    match 2 + last + 1 + longest > width {
        true => format!("{question}\n "),
        false => question,
    }
}

/// What the person did. After Esc, inquire leaves the abandoned question on screen; it is
/// erased (its `lines`, as wrapped), so that only answered questions stay in the scrollback.
fn reply<T>(r: Result<T, InquireError>, lines: usize) -> Reply<T> {
    match r {
        Ok(v) => Reply::Value(v),
        Err(InquireError::OperationCanceled) => {
            erase(lines);
            Reply::Back
        }
        // Ctrl-C, a closed terminal, or any other failure to ask: stop, keeping what is saved.
        // inquire leaves the cursor on its help line; what is printed next starts below it.
        Err(_) => {
            println!();
            Reply::Quit
        }
    }
}

impl Prompter for Terminal {
    fn show(&mut self, text: &str) {
        crate::say!("{}", fit(text, 0));
    }

    fn show_grid(&mut self, grid: &Grid) {
        let headers: Vec<&str> = grid.headers.iter().map(String::as_str).collect();
        let mut table = crate::present::table::new(&headers);
        crate::present::table::align_right(&mut table, &grid.numeric);
        for row in &grid.rows {
            table.add_row(row.clone());
        }
        if grid.title.is_empty() {
            crate::say!("{table}");
        } else {
            crate::say!("\n{}\n{table}", grid.title);
        }
    }

    fn text(&mut self, question: &str, help: &str, initial: Option<&str>) -> Reply<String> {
        // Rubrics come from colleagues: what they say reaches the terminal inert.
        let (question, help) = (fit(question, 2), fit(help, 2));
        let mut t = Text::new(&question)
            .with_help_message(&help)
            .with_render_config(self.render)
            .with_validator(|text: &str| {
                Ok(match crate::io::input::check_text_len("this text", text) {
                    Ok(()) => inquire::validator::Validation::Valid,
                    Err(m) => inquire::validator::Validation::Invalid(m.into()),
                })
            });
        if let Some(i) = initial {
            t = t.with_initial_value(i);
        }
        reply(t.prompt(), question.lines().count())
    }

    fn choose(
        &mut self,
        question: &str,
        options: &[String],
        start: Option<usize>,
        help: &str,
    ) -> Reply<usize> {
        let (question, help) = (fit(question, 2), fit(help, 2));
        // Options stay one line each (inquire counts them as lines): cut to the width, after
        // inquire's two-column cursor.
        let width = terminal_width().saturating_sub(4);
        let mut options: Vec<String> = options
            .iter()
            .map(|o| crate::safe_text::shorten(&for_terminal(o), width))
            .collect();
        // inquire always has a cursor: with nothing chosen yet, it rests on a line that is not
        // an answer, and Enter there asks again.
        let placeholder = start.is_none();
        if placeholder {
            let line = crate::safe_text::shorten(NOTHING_CHOSEN, width);
            options.insert(0, line);
        }
        // Typing filters the answers; the line that is not one never matches what is typed.
        let scorer = |input: &str, option: &String, text: &str, index: usize| match placeholder
            && index == 0
        {
            true if !input.is_empty() => None,
            _ => (Select::<String>::DEFAULT_SCORER)(input, option, text, index),
        };
        let question = answer_room(question, &options, terminal_width());
        let page = options.len().clamp(1, 12);
        let last = options.len().saturating_sub(1);
        loop {
            let s = Select::new(&question, options.clone())
                .with_help_message(&help)
                .with_starting_cursor(start.unwrap_or(0).min(last))
                .with_page_size(page)
                .with_scorer(&scorer)
                .with_render_config(self.render);
            let lines = question.lines().count();
            match (start, reply(s.raw_prompt().map(|o| o.index), lines)) {
                (None, Reply::Value(0)) => erase(lines),
                (None, Reply::Value(i)) => return Reply::Value(i - 1),
                (_, other) => return other,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::answer_room;

    #[test]
    fn the_answer_gets_a_line_of_its_own_when_it_would_not_fit() {
        let options = [
            "1 · Not true".to_string(),
            "5 · Completely true".to_string(),
        ];
        let short = "1/46 · Meaning › Relevance\n  We meet.".to_string();
        assert_eq!(answer_room(short.clone(), &options, 80), short);
        let long = format!(
            "1/46 · Meaning › Relevance\n  {}",
            "word ".repeat(12).trim_end()
        );
        assert_eq!(
            answer_room(long.clone(), &options, 80),
            format!("{long}\n ")
        );
    }
}
