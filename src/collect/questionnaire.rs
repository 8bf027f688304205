//! The questionnaire's logic: what is asked in which order, going back, not applicable with a
//! reason, where the person wants to be, notes, the review before finishing, and where a resumed
//! response starts. It talks to the person only through the [`Prompter`] trait, so it is tested
//! with scripted answers; `prompt.rs` is the terminal implementation.
//!
//! After every answer the response is handed to `save`, so a crash or Ctrl-C loses at most the
//! question on screen.

use std::fmt::Write as _;

use crate::error::Result;
use crate::model::response::{now, Answer, Response};
use crate::model::rubric::{Dimension, Group, ItemRef, Rubric};
use crate::safe_text::shorten;

/// What the person did at a prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply<T> {
    Value(T),
    /// Go back to the previous question (Esc, or the "back" choice).
    Back,
    /// Stop now (Ctrl-C, closed terminal). Everything answered so far is saved.
    Quit,
}

/// A table the questionnaire shows: a title, headers and rows of plain text, and the columns
/// that hold numbers. How it is drawn is the prompter's business.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    pub title: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Columns aligned to the right.
    pub numeric: Vec<usize>,
}

/// How the questionnaire talks to a person.
pub trait Prompter {
    /// Shows text: an introduction, a heading.
    fn show(&mut self, text: &str);
    /// Shows a table.
    fn show_grid(&mut self, grid: &Grid);
    /// Asks for a line of text. `initial` is the current value, if any.
    fn text(&mut self, question: &str, help: &str, initial: Option<&str>) -> Reply<String>;
    /// Asks to choose one of `options`, the cursor starting at `start`; returns the index.
    /// Without a `start`, nothing is chosen until the person picks an option: Enter alone
    /// does not answer.
    fn choose(
        &mut self,
        question: &str,
        options: &[String],
        start: Option<usize>,
        help: &str,
    ) -> Reply<usize>;
}

/// How a questionnaire ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Every question answered and reviewed; the response is marked completed.
    Completed(Response),
    /// The person stopped; the response holds what they answered.
    Stopped(Response),
}

/// One question of the questionnaire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// (dimension index, item id index in the rubric's item order)
    Item {
        dimension: usize,
        item: usize,
    },
    Desired {
        dimension: usize,
    },
    Note {
        dimension: usize,
    },
}

pub const BACK_LABEL: &str = "← back to the previous question";
pub const NA_LABEL: &str = "n/a · not applicable here";
pub const DK_LABEL: &str = "dk · don't know";
pub const LOOKS_LIKE_LABEL: &str = "? what this looks like at each level";

pub const NO_TARGET_LABEL: &str = "– no target for now";
pub const OTHER_ROLE_LABEL: &str = "another perspective (type it)";
const CHOOSE_HELP: &str =
    "↑↓ move · enter choose · type to filter · esc back · ctrl-c stop (answers are saved)";

pub struct Questionnaire<'a> {
    rubric: &'a Rubric,
    /// The rubric's items and dimensions in order; steps index into these.
    items: Vec<ItemRef<'a>>,
    dimensions: Vec<(&'a Group, &'a Dimension)>,
    response: Response,
    steps: Vec<Step>,
    save: &'a mut dyn FnMut(&Response) -> Result<()>,
    /// Dimensions where the person chose no target in this session: not missing.
    skipped_desired: std::collections::HashSet<String>,
}

impl<'a> Questionnaire<'a> {
    pub fn new(
        rubric: &'a Rubric,
        mut response: Response,
        save: &'a mut dyn FnMut(&Response) -> Result<()>,
    ) -> Self {
        response.sort_like(rubric);
        Questionnaire {
            rubric,
            items: rubric.items().collect(),
            dimensions: rubric.dimensions().collect(),
            steps: steps(rubric, response.role.as_deref()),
            response,
            save,
            skipped_desired: Default::default(),
        }
    }

    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    pub fn response(&self) -> &Response {
        &self.response
    }

    /// Where a resumed response continues: the first item (or desired position) without an
    /// answer; `None` when everything is answered.
    pub fn resume_position(&self) -> Option<usize> {
        self.steps.iter().position(|s| match *s {
            Step::Item { item, .. } => !self.response.answers.contains_key(self.item_id(item)),
            Step::Desired { dimension } => {
                let id = self.dimension_id(dimension);
                !self.skipped_desired.contains(id)
                    && self
                        .response
                        .dimensions
                        .get(id)
                        .and_then(|d| d.desired)
                        .is_none()
            }
            Step::Note { .. } => false,
        })
    }

    /// The short introduction shown before the first question.
    pub fn introduction(&self) -> String {
        let r = self.rubric;
        let role = self.response.role.as_deref();
        let items = r.items().filter(|i| r.asks(i.item, role)).count();
        let dims = r.dimension_count();
        let minutes = minutes(r, role);
        let mut s = String::new();
        let _ = writeln!(s, "{}", r.title);
        let _ = writeln!(
            s,
            "after {}, {}",
            r.source.authors.join(" and "),
            r.source.title
        );
        let _ = writeln!(s);
        let _ = writeln!(
            s,
            "{items} statements in {dims} dimensions, about {minutes} minute{}.",
            if minutes == 1 { "" } else { "s" }
        );
        let _ = writeln!(s, "{}", r.description.trim());
        let _ = writeln!(s);
        let _ = writeln!(
            s,
            "Choose with ↑↓ and enter, or type the number. Esc goes back to the previous question."
        );
        let _ = writeln!(
            s,
            "Your answers are saved after each one: ctrl-c stops, and `learnlead assess --resume FILE` continues."
        );
        s
    }

    /// Asks for name, community and role; `ask[i]` false skips one (given on the command line).
    pub fn ask_about(&mut self, p: &mut dyn Prompter, ask: [bool; 3]) -> Result<Option<()>> {
        type Field = fn(&mut Response) -> &mut Option<String>;
        let questions: [(&str, &str, Field); 3] = [
            (
                "Your name",
                "optional: leave blank to stay anonymous",
                |r| &mut r.name,
            ),
            (
                "Your community or context",
                "for example: the community of practice you take part in",
                |r| &mut r.community,
            ),
            (
                "The perspective you answer from",
                "for example: convenor (who runs the space), member, sponsor, partner at the boundary",
                |r| &mut r.role,
            ),
        ];
        let asked: Vec<usize> = (0..questions.len()).filter(|&i| ask[i]).collect();
        let mut i = 0;
        while i < asked.len() {
            let (q, help, field) = questions[asked[i]];
            let current = field(&mut self.response).clone();
            let reply = match asked[i] == 2 && !self.rubric.roles.is_empty() {
                true => self.ask_role(p, current.as_deref()),
                false => p.text(q, help, current.as_deref()),
            };
            match reply {
                Reply::Value(v) => {
                    let v = v.trim();
                    *field(&mut self.response) = (!v.is_empty()).then(|| v.to_string());
                    (self.save)(&self.response)?;
                    i += 1;
                }
                Reply::Back => i = i.saturating_sub(1),
                Reply::Quit => return Ok(None),
            }
        }
        Ok(Some(()))
    }

    /// The perspective, from the roles the rubric declares, or another one typed in.
    fn ask_role(&self, p: &mut dyn Prompter, current: Option<&str>) -> Reply<String> {
        let roles = &self.rubric.roles;
        let mut options: Vec<String> = roles.iter().map(|r| r.name.clone()).collect();
        options.push(OTHER_ROLE_LABEL.to_string());
        let start = self
            .rubric
            .role_of(current)
            .and_then(|r| roles.iter().position(|x| x.id == r.id))
            .unwrap_or(0);
        match p.choose(
            "The perspective you answer from",
            &options,
            Some(start),
            "statements are chosen for your perspective · esc back",
        ) {
            Reply::Value(c) if c < roles.len() => Reply::Value(roles[c].id.clone()),
            Reply::Value(_) => p.text(
                "Your perspective",
                "for example: partner at the boundary (you are asked every statement)",
                current,
            ),
            Reply::Back => Reply::Back,
            Reply::Quit => Reply::Quit,
        }
    }

    /// Asks every step from `start`, then the review. Saves after every answer. The steps
    /// follow the role given by then: a statement for other roles is not asked.
    pub fn run(mut self, p: &mut dyn Prompter, start: usize) -> Result<Outcome> {
        let first = self.steps.get(start).copied();
        self.steps = steps(self.rubric, self.response.role.as_deref());
        let start = first
            .and_then(|f| self.steps.iter().position(|s| *s == f))
            .unwrap_or(start);
        let mut i = start.min(self.steps.len());
        let mut shown_heading: Option<usize> = None;
        loop {
            while i < self.steps.len() {
                let dim = self.dimension_of(self.steps[i]);
                if shown_heading != Some(dim) {
                    p.show(&self.heading(dim));
                    shown_heading = Some(dim);
                }
                match self.ask(p, i, i > 0)? {
                    Reply::Value(()) => i += 1,
                    Reply::Back => {
                        if i == 0 {
                            p.show("This is the first question.");
                        }
                        i = i.saturating_sub(1);
                    }
                    Reply::Quit => return Ok(Outcome::Stopped(self.response)),
                }
            }
            match self.review(p)? {
                Reply::Value(()) => break,
                Reply::Back => {
                    i = self.steps.len().saturating_sub(1);
                    shown_heading = None;
                }
                Reply::Quit => return Ok(Outcome::Stopped(self.response)),
            }
        }
        self.response.completed = Some(now());
        (self.save)(&self.response)?;
        Ok(Outcome::Completed(self.response))
    }

    /// The review: one line per dimension (how much is answered, where the person wants to be,
    /// their note), then finish, answer what is missing, or open a dimension to see its
    /// statements in full and change any answer. One dimension at a time fits the screen.
    fn review(&mut self, p: &mut dyn Prompter) -> Result<Reply<()>> {
        loop {
            p.show_grid(&self.review_summary());
            let missing = self.resume_position();
            let mut options = vec![
                "Save and finish".to_string(),
                "See a dimension's answers and change them".to_string(),
            ];
            if let Some(m) = missing {
                options[0] = format!("Answer what is missing ({})", self.step_label(m));
            }
            match p.choose(
                "Review your answers",
                &options,
                Some(0),
                "enter choose · esc back to the last question",
            ) {
                Reply::Value(0) if missing.is_none() => return Ok(Reply::Value(())),
                Reply::Value(0) => {
                    // Only what is missing, one after the other; esc returns to the review.
                    while let Some(m) = self.resume_position() {
                        match self.ask(p, m, true)? {
                            Reply::Value(()) => {}
                            Reply::Back => break,
                            Reply::Quit => return Ok(Reply::Quit),
                        }
                    }
                }
                Reply::Value(_) => {
                    if let Reply::Quit = self.review_dimension(p)? {
                        return Ok(Reply::Quit);
                    }
                }
                Reply::Back => return Ok(Reply::Back),
                Reply::Quit => return Ok(Reply::Quit),
            }
        }
    }

    /// Picks a dimension, shows its statements in full with the answers, and changes answers
    /// until the person goes back to the review.
    fn review_dimension(&mut self, p: &mut dyn Prompter) -> Result<Reply<()>> {
        let names: Vec<String> = self
            .review_summary()
            .rows
            .iter()
            .map(|r| format!("{} · {}", r[0], r[1]))
            .collect();
        let dim = match p.choose(
            "Which dimension?",
            &names,
            Some(0),
            "type to filter · esc back to the review",
        ) {
            Reply::Value(d) => d,
            Reply::Back => return Ok(Reply::Back),
            Reply::Quit => return Ok(Reply::Quit),
        };
        loop {
            p.show_grid(&self.dimension_grid(dim));
            let steps: Vec<usize> = (0..self.steps.len())
                .filter(|&s| self.dimension_of(self.steps[s]) == dim)
                .collect();
            let mut labels: Vec<String> = steps.iter().map(|&s| self.step_label(s)).collect();
            labels.push("← back to the review".to_string());
            match p.choose(
                "Which answer do you want to change?",
                &labels,
                Some(0),
                "type to filter · esc back to the review",
            ) {
                Reply::Value(c) if c < steps.len() => {
                    if let Reply::Quit = self.ask(p, steps[c], true)? {
                        return Ok(Reply::Quit);
                    }
                }
                Reply::Value(_) | Reply::Back => return Ok(Reply::Value(())),
                Reply::Quit => return Ok(Reply::Quit),
            }
        }
    }

    /// Asks step `i`; on an answer, records and saves it.
    fn ask(&mut self, p: &mut dyn Prompter, i: usize, can_go_back: bool) -> Result<Reply<()>> {
        match self.steps[i] {
            Step::Item { item, .. } => self.ask_item(p, item, can_go_back),
            Step::Desired { dimension } => self.ask_desired(p, dimension, can_go_back),
            Step::Note { dimension } => self.ask_note(p, dimension),
        }
    }

    /// The scale's points as choices for `item` (`3 · Sometimes true`, in its answer set's
    /// words), lowest first.
    fn scale_options(&self, item: ItemRef) -> (Vec<i64>, Vec<String>) {
        let r = self.rubric;
        let scale: Vec<i64> = (r.scale.min..=r.scale.max).collect();
        let options = scale
            .iter()
            .map(|v| format!("{v} · {}", r.answer_label(item.dimension, item.item, *v)))
            .collect();
        (scale, options)
    }

    /// Saves the response after a change, in the rubric's order.
    fn record(&mut self) -> Result<Reply<()>> {
        self.response.sort_like(self.rubric);
        (self.save)(&self.response)?;
        Ok(Reply::Value(()))
    }

    /// One statement: a point of the scale, "not applicable" (with a reason, if the rubric
    /// asks for one) or "don't know", where the rubric offers them. What the dimension looks
    /// like at each level is one more choice, shown on request.
    fn ask_item(
        &mut self,
        p: &mut dyn Prompter,
        item: usize,
        can_go_back: bool,
    ) -> Result<Reply<()>> {
        let r = self.rubric;
        let iref = self.items[item];
        let (scale, mut options) = self.scale_options(iref);
        let mut extra = |offered: bool, label: &str| {
            offered.then(|| {
                options.push(label.to_string());
                options.len() - 1
            })
        };
        let na_index = extra(r.scale.not_applicable, NA_LABEL);
        let dk_index = extra(r.scale.dont_know, DK_LABEL);
        let looks_index = extra(!iref.dimension.looks_like.is_empty(), LOOKS_LIKE_LABEL);
        let back_index = extra(can_go_back, BACK_LABEL);
        let current = self.response.answers.get(&iref.item.id).cloned();
        // A statement not answered yet starts with nothing chosen, so that an Enter pressed
        // by accident records nothing; an answered one starts on its answer.
        let start = match &current {
            Some(Answer::Score(v)) => usize::try_from(v - r.scale.min).ok(),
            Some(Answer::NotApplicable { .. }) => na_index,
            Some(Answer::DontKnow) => dk_index,
            None => None,
        };
        let (number, of) = self.item_position(item);
        // The scope on every question: a wide spread often comes from people rating
        // different things.
        let rating = match &self.response.scope {
            Some(scope) => format!("  [rating: {scope}]\n"),
            None => String::new(),
        };
        let question = format!(
            "{number}/{of} · {} › {}\n{rating}  {}",
            iref.group.name,
            iref.dimension.name,
            iref.item.statement.trim()
        );
        loop {
            let choice = match p.choose(&question, &options, start, CHOOSE_HELP) {
                Reply::Value(c) => c,
                Reply::Back => return Ok(Reply::Back),
                Reply::Quit => return Ok(Reply::Quit),
            };
            let answer = if choice < scale.len() {
                Answer::Score(scale[choice])
            } else if Some(choice) == na_index {
                match self.ask_na_reason(p, &current) {
                    Reply::Value(reason) => Answer::NotApplicable { reason },
                    Reply::Back => continue,
                    Reply::Quit => return Ok(Reply::Quit),
                }
            } else if Some(choice) == dk_index {
                Answer::DontKnow
            } else if Some(choice) == looks_index {
                p.show(&self.looks_like(iref.dimension));
                continue;
            } else {
                debug_assert_eq!(Some(choice), back_index);
                return Ok(Reply::Back);
            };
            self.response.answers.insert(iref.item.id.clone(), answer);
            return self.record();
        }
    }

    /// Which statement of how many this person is asked `item` is, counting from 1.
    fn item_position(&self, item: usize) -> (usize, usize) {
        let asked: Vec<usize> = self
            .steps
            .iter()
            .filter_map(|s| match s {
                Step::Item { item, .. } => Some(*item),
                _ => None,
            })
            .collect();
        let number = asked.iter().position(|i| *i == item).map_or(0, |n| n + 1);
        (number, asked.len())
    }

    /// What `dim` looks like at each band, as the rubric describes it.
    fn looks_like(&self, dim: &Dimension) -> String {
        let mut s = format!("What {} looks like at each level:\n", dim.name);
        for band in &self.rubric.bands {
            if let Some(text) = dim.looks_like.get(&band.id) {
                let _ = writeln!(
                    s,
                    "  {} ({}–{}): {}",
                    band.name,
                    band.from,
                    band.to,
                    text.trim()
                );
            }
        }
        s.push_str(&self.answers_explained());
        s
    }

    /// What the answers other than the scale's points mean, for the `?` screen.
    fn answers_explained(&self) -> String {
        let scale = &self.rubric.scale;
        let lowest = scale
            .labels
            .get(&scale.min)
            .map_or_else(|| scale.min.to_string(), |l| format!("{} · {l}", scale.min));
        let mut s = format!("\n  {lowest}: it does not happen here, though it could.\n");
        if scale.not_applicable {
            s.push_str(
                "  n/a · not applicable: it cannot happen here (the situation does not arise).\n",
            );
        }
        if scale.dont_know {
            s.push_str("  dk · don't know: it may happen, but you cannot see whether it does.\n");
        }
        s
    }

    /// Why a statement is not applicable, when the rubric asks (`None` when it does not, or
    /// the person leaves it blank).
    fn ask_na_reason(
        &self,
        p: &mut dyn Prompter,
        current: &Option<Answer>,
    ) -> Reply<Option<String>> {
        if !self.rubric.ask_na_reason {
            return Reply::Value(None);
        }
        let initial = match current {
            Some(Answer::NotApplicable { reason }) => reason.clone(),
            _ => None,
        };
        match p.text(
            "Why is it not applicable, or what don't you know? (optional)",
            "a few words; esc to choose another answer",
            initial.as_deref(),
        ) {
            Reply::Value(v) => {
                let v = v.trim().to_string();
                Reply::Value((!v.is_empty()).then_some(v))
            }
            Reply::Back => Reply::Back,
            Reply::Quit => Reply::Quit,
        }
    }

    /// Where the person wants to be on a dimension: a point of the scale (by its number alone:
    /// the bands describe practice, they are not rungs to aim for), starting at the person's
    /// score now (which the question shows); or no target for now.
    fn ask_desired(
        &mut self,
        p: &mut dyn Prompter,
        dimension: usize,
        can_go_back: bool,
    ) -> Result<Reply<()>> {
        let r = self.rubric;
        let (_, d) = self.dimensions[dimension];
        let scale: Vec<i64> = (r.scale.min..=r.scale.max).collect();
        let mut options: Vec<String> = scale
            .iter()
            .map(|v| format!("{v} of {}", r.scale.max))
            .collect();
        let skip = options.len();
        options.push(NO_TARGET_LABEL.to_string());
        if can_go_back {
            options.push(BACK_LABEL.to_string());
        }
        let now = crate::analysis::score::score(r, &self.response)
            .dimension(&d.id)
            .and_then(|s| s.score);
        let entry = self.response.dimensions.get(&d.id);
        let here =
            now.map(|now| (now.round() as i64 - r.scale.min).clamp(0, skip as i64 - 1) as usize);
        if let Some(h) = here {
            options[h].push_str(" (about where you are now)");
        }
        let start = match (entry.and_then(|a| a.desired), here) {
            (Some(v), _) => (v - r.scale.min) as usize,
            (None, Some(h)) => h,
            (None, None) => 0,
        };
        let question = match now {
            Some(now) => format!(
                "Where do you want to be on {} in six months to a year? You score {} now.",
                d.name,
                crate::present::format::fmt_score(Some(now))
            ),
            None => format!(
                "Where do you want to be on {} in six months to a year?",
                d.name
            ),
        };
        match p.choose(&question, &options, Some(start), CHOOSE_HELP) {
            Reply::Value(c) if c < scale.len() => {
                let entry = self.response.dimensions.entry(d.id.clone()).or_default();
                entry.desired = Some(scale[c]);
                self.record()
            }
            Reply::Value(c) if c == skip => {
                let entry = self.response.dimensions.entry(d.id.clone()).or_default();
                entry.desired = None;
                self.skipped_desired.insert(d.id.clone());
                self.record()
            }
            Reply::Value(_) | Reply::Back => Ok(Reply::Back),
            Reply::Quit => Ok(Reply::Quit),
        }
    }

    /// A note on a dimension (optional).
    fn ask_note(&mut self, p: &mut dyn Prompter, dimension: usize) -> Result<Reply<()>> {
        let (_, d) = self.dimensions[dimension];
        let current = self
            .response
            .dimensions
            .get(&d.id)
            .and_then(|a| a.note.clone());
        match p.text(
            &format!("A note on {} (optional): what comes to mind?", d.name),
            "enter to skip · esc back",
            current.as_deref(),
        ) {
            Reply::Value(v) => {
                let v = v.trim();
                let entry = self.response.dimensions.entry(d.id.clone()).or_default();
                entry.note = (!v.is_empty()).then(|| v.to_string());
                self.record()
            }
            Reply::Back => Ok(Reply::Back),
            Reply::Quit => Ok(Reply::Quit),
        }
    }

    fn heading(&self, dim: usize) -> String {
        let (g, d) = self.dimensions[dim];
        format!(
            "\n── {} › {} ({} of {}) ──\n{}\n{}\n",
            g.name,
            d.name,
            dim + 1,
            self.rubric.dimension_count(),
            crate::present::format::capitalized(&d.question),
            d.description.trim()
        )
    }

    /// A one-line description of a step and its current answer, for the review.
    fn step_label(&self, i: usize) -> String {
        match self.steps[i] {
            Step::Item { item, .. } => {
                let iref = self.items[item];
                let answer = self
                    .response
                    .answers
                    .get(&iref.item.id)
                    .map_or_else(|| "—".into(), std::string::ToString::to_string);
                format!(
                    "{} [{}] {}: {}",
                    iref.item.id,
                    answer,
                    iref.dimension.name,
                    shorten(&iref.item.statement, 60)
                )
            }
            Step::Desired { dimension } => {
                let id = self.dimension_id(dimension);
                let (_, d) = self.dimensions[dimension];
                let v = self
                    .response
                    .dimensions
                    .get(id)
                    .and_then(|a| a.desired)
                    .map_or_else(|| "—".into(), |v| v.to_string());
                format!("{} [{v}] where you want to be", d.name)
            }
            Step::Note { dimension } => {
                let id = self.dimension_id(dimension);
                let (_, d) = self.dimensions[dimension];
                let v = self
                    .response
                    .dimensions
                    .get(id)
                    .and_then(|a| a.note.clone())
                    .map_or_else(|| "—".into(), |n| shorten(&n, 50));
                format!("{} note: {v}", d.name)
            }
        }
    }

    /// One row per dimension: how many of the statements asked are answered, where the person
    /// wants to be (when the rubric asks), and their note, shortened.
    fn review_summary(&self) -> Grid {
        let desired = self.rubric.ask_desired;
        let rows = self
            .dimensions
            .iter()
            .enumerate()
            .map(|(k, (_, dim))| {
                let (answered, asked) = self
                    .steps
                    .iter()
                    .filter_map(|s| match *s {
                        Step::Item { dimension, item } if dimension == k => Some(item),
                        _ => None,
                    })
                    .fold((0, 0), |(a, n), item| {
                        let done = self.response.answers.contains_key(self.item_id(item));
                        (a + usize::from(done), n + 1)
                    });
                let a = self.response.dimensions.get(&dim.id);
                let mut row = vec![dim.name.clone(), format!("{answered} of {asked} answered")];
                if desired {
                    row.push(match a.and_then(|a| a.desired) {
                        Some(v) => format!("want {v}"),
                        None => "no target".into(),
                    });
                }
                row.push(
                    a.and_then(|a| a.note.as_deref())
                        .map(|n| shorten(n, 40))
                        .unwrap_or_default(),
                );
                row
            })
            .collect();
        let words = |w: &[&str]| w.iter().map(std::string::ToString::to_string).collect();
        Grid {
            title: "Your answers".into(),
            headers: if desired {
                words(&["dimension", "statements", "where you want to be", "note"])
            } else {
                words(&["dimension", "statements", "note"])
            },
            rows,
            numeric: Vec::new(),
        }
    }

    /// A dimension's statements asked of this person, in full, with their answers.
    fn dimension_grid(&self, dim: usize) -> Grid {
        let (g, d) = self.dimensions[dim];
        let rows = self
            .steps
            .iter()
            .filter_map(|s| match *s {
                Step::Item { dimension, item } if dimension == dim => Some(item),
                _ => None,
            })
            .map(|item| {
                let iref = self.items[item];
                let answer = self.response.answers.get(&iref.item.id).map_or_else(
                    || "— not answered".into(),
                    |a| match a {
                        Answer::Score(v) => format!(
                            "{v} · {}",
                            self.rubric.answer_label(iref.dimension, iref.item, *v)
                        ),
                        other => other.to_string(),
                    },
                );
                vec![
                    (item + 1).to_string(),
                    iref.item.statement.trim().to_string(),
                    answer,
                ]
            })
            .collect();
        Grid {
            title: format!("{} › {}", g.name, d.name),
            headers: ["#", "statement", "your answer"].map(String::from).to_vec(),
            rows,
            numeric: vec![0],
        }
    }

    fn dimension_of(&self, step: Step) -> usize {
        match step {
            Step::Item { dimension, .. }
            | Step::Desired { dimension }
            | Step::Note { dimension } => dimension,
        }
    }

    fn item_id(&self, item: usize) -> &str {
        &self.items[item].item.id
    }

    fn dimension_id(&self, dimension: usize) -> &str {
        &self.dimensions[dimension].1.id
    }
}

/// How long answering `rubric` from `role` takes, in whole minutes: about ten seconds a
/// statement and twenty a dimension (where you want to be, a note). The one estimate the
/// introduction gives, and the README's figures are tested against.
pub fn minutes(rubric: &Rubric, role: Option<&str>) -> usize {
    let items = rubric.items().filter(|i| rubric.asks(i.item, role)).count();
    (items * 10 + rubric.dimension_count() * 20).div_ceil(60)
}

/// The questions of a rubric in order, for someone answering from `role`: each dimension's
/// items (those asked of that role), then (when the rubric asks) where the person wants to be,
/// then a note.
pub fn steps(rubric: &Rubric, role: Option<&str>) -> Vec<Step> {
    let mut out = Vec::new();
    let mut item = 0;
    for (dimension, (_, d)) in rubric.dimensions().enumerate() {
        for i in &d.items {
            if rubric.asks(i, role) {
                out.push(Step::Item { dimension, item });
            }
            item += 1;
        }
        if rubric.ask_desired {
            out.push(Step::Desired { dimension });
        }
        out.push(Step::Note { dimension });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const RUBRIC: &str = r#"
id: t
title: T
version: "1"
source: {authors: [A], title: S}
description: D
scale: {min: 1, max: 3, labels: {1: low, 2: mid, 3: high}, not_applicable: true}
bands: [{id: all, name: All, from: 1, to: 3}]
ask_desired: true
ask_na_reason: true
groups:
  - id: g
    name: G
    description: D
    dimensions:
      - id: d1
        name: D1
        question: q1?
        description: D
        items: [{id: a, statement: A}, {id: b, statement: B}]
      - id: d2
        name: D2
        question: q2?
        description: D
        items: [{id: c, statement: C}]
"#;

    use crate::collect::script::{Input, Input::*, Script};

    fn rubric() -> Rubric {
        Rubric::parse(RUBRIC).unwrap()
    }

    /// Runs the questionnaire from `start` and returns the outcome, the number of saves and the
    /// script (for what was asked).
    fn run(resp: Response, start: Option<usize>, inputs: Vec<Input>) -> (Outcome, usize, Script) {
        let r = rubric();
        let mut saves = 0;
        let mut save = |_: &Response| -> Result<()> {
            saves += 1;
            Ok(())
        };
        let q = Questionnaire::new(&r, resp, &mut save);
        let start = start.unwrap_or_else(|| q.resume_position().unwrap_or(q.steps().len()));
        let mut script = Script::new(inputs);
        let outcome = q.run(&mut script, start).unwrap();
        (outcome, saves, script)
    }

    /// As [`run`], on a rubric of its own.
    fn run_on(r: &Rubric, resp: Response, inputs: Vec<Input>) -> (Outcome, Script) {
        let mut save = |_: &Response| -> Result<()> { Ok(()) };
        let q = Questionnaire::new(r, resp, &mut save);
        let mut script = Script::new(inputs);
        let outcome = q.run(&mut script, 0).unwrap();
        (outcome, script)
    }

    /// The test rubric with "don't know", two roles (`b` for leads only) and what d1 looks
    /// like at its one band.
    fn rubric_with_roles() -> Rubric {
        let text = RUBRIC
            .replace(
                "not_applicable: true}",
                "not_applicable: true, dont_know: true}",
            )
            .replace(
                "groups:\n",
                "roles: [{id: lead, name: Lead}, {id: member, name: Member}]\ngroups:\n",
            )
            .replace(
                "{id: b, statement: B}",
                "{id: b, statement: B, roles: [lead]}",
            )
            .replace(
                "        items: [{id: a,",
                "        looks_like: {all: Everyone brings cases.}\n        items: [{id: a,",
            );
        Rubric::parse(&text).unwrap()
    }

    #[test]
    fn a_sessions_scope_is_on_every_question() {
        let mut resp = Response::new(&rubric());
        resp.scope = Some("the core team, this year".into());
        let (_, _, script) = run(resp, Some(0), vec![Pick(0), Quit]);
        assert_eq!(script.asked.len(), 2);
        for q in &script.asked {
            assert!(q.contains("[rating: the core team, this year]"), "{q}");
        }
        let (_, _, plain) = run(Response::new(&rubric()), Some(0), vec![Quit]);
        assert!(!plain.asked[0].contains("rating:"));
    }

    #[test]
    fn dont_know_is_its_own_answer_and_looks_like_is_shown_on_request() {
        let r = rubric_with_roles();
        let mut resp = Response::new(&r);
        resp.role = Some("lead".into());
        // a: 1..3 at 0..2, n/a 3, dk 4, looks like 5. b also offers back (6).
        let (o, script) = run_on(
            &r,
            resp,
            vec![
                Pick(5),
                Pick(4),
                Pick(2),
                Pick(1),
                Type(""),
                Pick(0),
                Pick(0),
                Type(""),
                Pick(0),
            ],
        );
        let resp = completed(o);
        assert_eq!(resp.answers["a"], Answer::DontKnow);
        assert_eq!(resp.answers["b"], Answer::Score(3));
        assert!(
            script
                .shown
                .iter()
                .any(|s| s.contains("All (1–3): Everyone brings cases.")),
            "{:?}",
            script.shown
        );
        assert_eq!(
            script.asked[0], script.asked[1],
            "asked again after the description"
        );
    }

    #[test]
    fn declared_roles_are_offered_as_choices_or_another_is_typed() {
        let r = rubric_with_roles();
        let mut save = |_: &Response| -> Result<()> { Ok(()) };
        let mut q = Questionnaire::new(&r, Response::new(&r), &mut save);
        let mut script = Script::new(vec![Pick(1)]);
        q.ask_about(&mut script, [false, false, true]).unwrap();
        assert_eq!(
            q.response().role.as_deref(),
            Some("member"),
            "the role's id"
        );
        let mut script = Script::new(vec![Pick(2), Type("sponsor")]);
        q.ask_about(&mut script, [false, false, true]).unwrap();
        assert_eq!(q.response().role.as_deref(), Some("sponsor"));
        assert_eq!(
            script.starts,
            [Some(1)],
            "starts at the current role, member"
        );
    }

    #[test]
    fn a_member_is_not_asked_a_statement_for_leads() {
        let r = rubric_with_roles();
        let mut resp = Response::new(&r);
        resp.role = Some("Member".into());
        let (o, script) = run_on(
            &r,
            resp,
            vec![
                Pick(0),
                Pick(1),
                Type(""),
                Pick(0),
                Pick(0),
                Type(""),
                Pick(0),
            ],
        );
        let resp = completed(o);
        assert!(!resp.answers.contains_key("b"));
        assert!(
            script.asked[0].starts_with("1/2 · G › D1"),
            "{:?}",
            script.asked
        );
        assert!(script.asked.iter().all(|q| !q.contains("\n  B")));
    }

    #[test]
    fn where_you_want_to_be_starts_at_your_score_and_can_be_skipped() {
        let r = rubric();
        let mut resp = Response::new(&r);
        resp.answers.insert("a".into(), Answer::Score(3));
        resp.answers.insert("b".into(), Answer::Score(2));
        resp.answers.insert("c".into(), Answer::Score(1));
        // From d1's desired position: skip it (the 4th choice), no note; d2: 2, no note.
        let steps = steps(&r, None);
        let d1 = steps
            .iter()
            .position(|s| *s == Step::Desired { dimension: 0 })
            .unwrap();
        let mut save = |_: &Response| -> Result<()> { Ok(()) };
        let q = Questionnaire::new(&r, resp, &mut save);
        let mut script = Script::new(vec![Pick(3), Type(""), Pick(1), Pick(1), Type(""), Pick(0)]);
        let resp = completed(q.run(&mut script, d1).unwrap());
        assert_eq!(
            script.asked[0],
            "Where do you want to be on D1 in six months to a year? You score 2.5 now."
        );
        assert_eq!(
            script.starts[0],
            Some(2),
            "2.5 rounds to 3, the third choice"
        );
        assert_eq!(
            resp.dimensions.get("d1").and_then(|d| d.desired),
            None,
            "skipped"
        );
        assert_eq!(resp.dimensions["d2"].desired, Some(2));
        assert_eq!(
            script.starts[2],
            Some(1),
            "d2: c was just answered 2, the second choice"
        );
        assert!(
            script.asked.last().unwrap().starts_with("Review"),
            "a skipped target is not missing: {:?}",
            script.asked
        );
    }

    fn completed(o: Outcome) -> Response {
        match o {
            Outcome::Completed(r) => r,
            other => panic!("not completed: {other:?}"),
        }
    }

    #[test]
    fn asks_items_then_desired_then_note_per_dimension_in_order() {
        let r = rubric();
        let (o, saves, script) = run(
            Response::new(&r),
            Some(0),
            vec![
                Pick(0),
                Pick(2),
                Pick(1),
                Type("a note"),
                Pick(1),
                Pick(2),
                Type(""),
                Pick(0),
            ],
        );
        let resp = completed(o);
        assert_eq!(resp.answers["a"], Answer::Score(1));
        assert_eq!(resp.answers["b"], Answer::Score(3));
        assert_eq!(resp.answers["c"], Answer::Score(2));
        assert_eq!(resp.dimensions["d1"].desired, Some(2));
        assert_eq!(resp.dimensions["d1"].note.as_deref(), Some("a note"));
        assert_eq!(resp.dimensions["d2"].desired, Some(3));
        assert_eq!(resp.dimensions["d2"].note, None);
        assert!(resp.completed.is_some());
        assert_eq!(saves, 8, "one save per answer and one on finishing");
        assert!(
            script.asked[0].starts_with("1/3 · G › D1\n  A"),
            "{:?}",
            script.asked
        );
        assert_eq!(
            script.starts[..2],
            [None, None],
            "a statement not answered yet starts with nothing chosen"
        );
        assert!(script.asked[1].starts_with("2/3 · G › D1"));
        assert!(script.asked[2].contains("Where do you want to be on D1"));
        assert!(script.asked[3].contains("A note on D1"));
        assert!(script.asked[4].starts_with("3/3 · G › D2"));
        assert_eq!(script.asked[7], "Review your answers");
        assert!(script
            .shown
            .iter()
            .any(|s| s.contains("G › D1 (1 of 2)") && s.contains("Q1?")));
    }

    #[test]
    fn back_returns_to_the_previous_question_and_changes_its_answer() {
        let r = rubric();
        let (o, _, script) = run(
            Response::new(&r),
            Some(0),
            vec![
                Pick(0),
                Back,
                Pick(2),
                Pick(1),
                Pick(1),
                Type(""),
                Pick(0),
                Pick(0),
                Type(""),
                Pick(0),
            ],
        );
        let resp = completed(o);
        assert_eq!(
            resp.answers["a"],
            Answer::Score(3),
            "changed after going back"
        );
        assert!(
            script.asked[2].starts_with("1/3"),
            "back went to item 1: {:?}",
            script.asked
        );
        assert_eq!(
            script.starts[2],
            Some(0),
            "cursor starts on the earlier answer (1 = index 0)"
        );
    }

    #[test]
    fn the_back_choice_works_like_esc() {
        let r = rubric();
        // Options for items: 1, 2, 3, n/a, back -> index 4 is back.
        let (o, _, script) = run(
            Response::new(&r),
            Some(0),
            vec![
                Pick(1),
                Pick(4),
                Pick(1),
                Pick(0),
                Pick(0),
                Type(""),
                Pick(0),
                Pick(0),
                Type(""),
                Pick(0),
            ],
        );
        completed(o);
        assert!(script.asked[2].starts_with("1/3"));
    }

    #[test]
    fn back_at_the_first_question_stays_there() {
        let r = rubric();
        let (o, _, script) = run(
            Response::new(&r),
            Some(0),
            vec![
                Back,
                Pick(0),
                Pick(0),
                Pick(0),
                Type(""),
                Pick(0),
                Pick(0),
                Type(""),
                Pick(0),
            ],
        );
        completed(o);
        assert!(script.asked[1].starts_with("1/3"));
        assert!(script
            .shown
            .iter()
            .any(|s| s == "This is the first question."));
    }

    #[test]
    fn not_applicable_asks_for_a_reason_and_esc_there_returns_to_the_item() {
        let r = rubric();
        let (o, _, script) = run(
            Response::new(&r),
            Some(0),
            vec![
                Pick(3),
                Back, // n/a, then esc at the reason: back to the same item
                Pick(3),
                Type("  we have no sponsor  "),
                Pick(3),
                Type(""),
                Pick(0),
                Type(""),
                Pick(0),
                Pick(0),
                Type(""),
                Pick(0),
            ],
        );
        let resp = completed(o);
        assert_eq!(
            resp.answers["a"],
            Answer::NotApplicable {
                reason: Some("we have no sponsor".into())
            }
        );
        assert_eq!(resp.answers["b"], Answer::NotApplicable { reason: None });
        assert!(script.asked[1].starts_with("Why is it not applicable"));
        assert!(script.asked[2].starts_with("1/3"), "{:?}", script.asked);
    }

    #[test]
    fn review_can_change_any_answer_before_finishing() {
        let r = rubric();
        let (o, _, script) = run(
            Response::new(&r),
            Some(0),
            vec![
                Pick(0),
                Pick(0),
                Pick(0),
                Type(""),
                Pick(0),
                Pick(0),
                Type(""),
                Pick(1), // review: see a dimension
                Pick(0), // D1: a, b, where you want to be, note
                Pick(1),
                Pick(2), // b -> 3
                Pick(3),
                Type("changed my mind"), // the note
                Pick(4),                 // back to the review
                Pick(0),                 // save and finish
            ],
        );
        let resp = completed(o);
        assert_eq!(resp.answers["b"], Answer::Score(3));
        assert_eq!(
            resp.dimensions["d1"].note.as_deref(),
            Some("changed my mind")
        );
        let reviews = script
            .asked
            .iter()
            .filter(|q| *q == "Review your answers")
            .count();
        assert_eq!(reviews, 2);
        let summary = script
            .shown
            .iter()
            .rev()
            .find(|s| s.starts_with("Your answers"))
            .unwrap();
        assert!(
            summary.contains("D1 | 2 of 2 answered | want 1 | changed my mind"),
            "{summary}"
        );
        let d1 = script
            .shown
            .iter()
            .rev()
            .find(|s| s.starts_with("G › D1"))
            .unwrap();
        assert!(
            d1.contains("2 | B | 3 · high"),
            "the statement in full, its answer: {d1}"
        );
    }

    #[test]
    fn quit_stops_with_what_was_answered() {
        let r = rubric();
        let (o, saves, _) = run(Response::new(&r), Some(0), vec![Pick(1), Quit]);
        match o {
            Outcome::Stopped(resp) => {
                assert_eq!(resp.answers.len(), 1);
                assert!(resp.completed.is_none());
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(saves, 1);
    }

    #[test]
    fn resume_starts_at_the_first_unanswered_item() {
        let r = rubric();
        let mut resp = Response::new(&r);
        resp.answers.insert("a".into(), Answer::Score(2));
        let mut save = |_: &Response| -> Result<()> { Ok(()) };
        let q = Questionnaire::new(&r, resp.clone(), &mut save);
        assert_eq!(q.resume_position(), Some(1));

        resp.answers.insert("b".into(), Answer::Score(2));
        let q = Questionnaire::new(&r, resp.clone(), &mut save);
        assert_eq!(q.resume_position(), Some(2), "the desired position of d1");

        resp.dimensions.entry("d1".into()).or_default().desired = Some(3);
        let q = Questionnaire::new(&r, resp.clone(), &mut save);
        assert_eq!(
            q.resume_position(),
            Some(4),
            "the note is optional: on to item c"
        );

        let (o, _, script) = run(resp, None, vec![Pick(2), Pick(0), Type("x"), Pick(0)]);
        let done = completed(o);
        assert_eq!(done.answers["a"], Answer::Score(2), "earlier answers kept");
        assert!(script.asked[0].starts_with("3/3"), "{:?}", script.asked);
    }

    #[test]
    fn a_complete_response_goes_straight_to_review() {
        let r = rubric();
        let mut resp = Response::new(&r);
        for id in ["a", "b", "c"] {
            resp.answers.insert(id.into(), Answer::Score(1));
        }
        for d in ["d1", "d2"] {
            resp.dimensions.entry(d.into()).or_default().desired = Some(2);
        }
        let (o, _, script) = run(resp, None, vec![Pick(0)]);
        completed(o);
        assert_eq!(script.asked, ["Review your answers"]);
    }

    #[test]
    fn review_offers_to_answer_what_is_missing() {
        let r = rubric();
        let mut resp = Response::new(&r);
        resp.answers.insert("a".into(), Answer::Score(1));
        let steps = steps(&r, None).len();
        let (o, _, script) = run(
            resp,
            Some(steps),
            // Review: answer what is missing (b, desired d1, c, desired d2), then finish.
            vec![Pick(0), Pick(1), Pick(2), Pick(0), Pick(1), Pick(0)],
        );
        let done = completed(o);
        assert_eq!(done.answers.len(), 3);
        assert_eq!(done.answers["b"], Answer::Score(2));
        assert_eq!(done.dimensions["d1"].desired, Some(3));
        assert_eq!(done.dimensions["d2"].desired, Some(2));
        assert!(script.asked[1].starts_with("2/3"));
    }

    #[test]
    fn about_questions_skip_blank_and_can_go_back() {
        let r = rubric();
        let mut saves = 0;
        let mut save = |_: &Response| -> Result<()> {
            saves += 1;
            Ok(())
        };
        let mut q = Questionnaire::new(&r, Response::new(&r), &mut save);
        let mut script = Script::new(vec![
            Type(" "),
            Type("Makers"),
            Back,
            Type("Makers CoP"),
            Type("member"),
        ]);
        assert_eq!(q.ask_about(&mut script, [true; 3]).unwrap(), Some(()));
        let resp = q.response().clone();
        assert_eq!(resp.name, None);
        assert_eq!(resp.community.as_deref(), Some("Makers CoP"));
        assert_eq!(resp.role.as_deref(), Some("member"));
        assert_eq!(saves, 4);
    }

    #[test]
    fn introduction_says_what_how_long_and_that_answers_are_saved() {
        let r = rubric();
        let mut save = |_: &Response| -> Result<()> { Ok(()) };
        let q = Questionnaire::new(&r, Response::new(&r), &mut save);
        let intro = q.introduction();
        assert!(
            intro.contains("3 statements in 2 dimensions, about 2 minutes."),
            "{intro}"
        );
        assert!(intro.contains("saved after each one"));
    }

    #[test]
    fn shorten_cuts_on_characters() {
        assert_eq!(shorten("abc", 5), "abc");
        assert_eq!(shorten("ab\ncd  ef", 20), "ab cd ef");
        assert_eq!(shorten("été été été", 6), "été é…");
    }
}
