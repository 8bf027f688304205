//! A scripted person for tests: answers each prompt from a list, and records what was asked
//! and shown.

use std::collections::VecDeque;

use crate::collect::questionnaire::{Grid, Prompter, Reply};

/// What the scripted person does at each prompt, in order.
#[derive(Debug, Clone)]
pub enum Input {
    Pick(usize),
    Type(&'static str),
    Back,
    Quit,
}

pub struct Script {
    inputs: VecDeque<Input>,
    /// Every question asked, in order.
    pub asked: Vec<String>,
    /// The cursor start of every choice.
    pub starts: Vec<Option<usize>>,
    pub shown: Vec<String>,
}

impl Script {
    pub fn new(inputs: Vec<Input>) -> Self {
        Script {
            inputs: inputs.into(),
            asked: vec![],
            starts: vec![],
            shown: vec![],
        }
    }
    fn next(&mut self, q: &str) -> Input {
        self.asked.push(q.to_string());
        self.inputs
            .pop_front()
            .unwrap_or_else(|| panic!("script ran out at {q:?}"))
    }
}

impl Prompter for Script {
    fn show(&mut self, text: &str) {
        self.shown.push(text.to_string());
    }
    fn show_grid(&mut self, grid: &Grid) {
        let rows: Vec<String> = grid.rows.iter().map(|r| r.join(" | ")).collect();
        self.shown.push(format!(
            "{}\n{}\n{}",
            grid.title,
            grid.headers.join(" | "),
            rows.join("\n")
        ));
    }
    fn text(&mut self, q: &str, _: &str, _: Option<&str>) -> Reply<String> {
        match self.next(q) {
            Input::Type(t) => Reply::Value(t.to_string()),
            Input::Back => Reply::Back,
            Input::Quit => Reply::Quit,
            Input::Pick(_) => panic!("expected text at {q:?}"),
        }
    }
    fn choose(&mut self, q: &str, _: &[String], start: Option<usize>, _: &str) -> Reply<usize> {
        self.starts.push(start);
        match self.next(q) {
            Input::Pick(i) => Reply::Value(i),
            Input::Back => Reply::Back,
            Input::Quit => Reply::Quit,
            Input::Type(_) => panic!("expected a choice at {q:?}"),
        }
    }
}
