//! The terminal [`Prompter`]: the only module that knows inquire. Esc means "back" (inquire has
//! no back key of its own), Ctrl-C or a closed terminal means "stop". `NO_COLOR` turns colour off.

use inquire::error::InquireError;
use inquire::ui::{RenderConfig, Styled};
use inquire::{Select, Text};

use crate::collect::questionnaire::{Grid, Prompter, Reply};
use crate::safe_text::for_terminal;

pub struct Terminal {
    render: RenderConfig<'static>,
}

impl Terminal {
    pub fn new() -> Self {
        let mut render = if no_color() {
            RenderConfig::empty()
        } else {
            RenderConfig::default_colored()
        };
        // Esc means "back" here, not "cancel".
        render.canceled_prompt_indicator = Styled::new("← back");
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

fn reply<T>(r: Result<T, InquireError>) -> Reply<T> {
    match r {
        Ok(v) => Reply::Value(v),
        Err(InquireError::OperationCanceled) => Reply::Back,
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
        crate::say!("{text}");
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
        let (question, help) = (for_terminal(question), for_terminal(help));
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
        reply(t.prompt())
    }

    fn choose(
        &mut self,
        question: &str,
        options: &[String],
        start: usize,
        help: &str,
    ) -> Reply<usize> {
        let page = options.len().clamp(1, 12);
        let (question, help) = (for_terminal(question), for_terminal(help));
        let options: Vec<String> = options
            .iter()
            .map(|o| for_terminal(o).into_owned())
            .collect();
        let last = options.len().saturating_sub(1);
        let s = Select::new(&question, options)
            .with_help_message(&help)
            .with_starting_cursor(start.min(last))
            .with_page_size(page)
            .with_render_config(self.render);
        reply(s.raw_prompt().map(|o| o.index))
    }
}
