//! What the pages of `learnlead serve` show: a message page (thanks, what to fix, a refusal)
//! and the facilitator's console. Rendered with the shipped templates `room-message.html.j2`
//! and `room-console.html.j2`, like every other page, so everything a person typed is escaped
//! in one way.

use serde::Serialize;

use crate::model::rubric::Rubric;
use crate::present::view::{rubric_info, Generator, RubricInfo};

/// How many have opened the questionnaire and sent answers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct RoomStatus {
    /// Phones and laptops that opened the questionnaire (each counted once).
    pub opened: usize,
    /// Answers sent with every statement answered.
    pub finished: usize,
    /// Answers sent with some statements left out.
    pub partial: usize,
}

/// A page that says one thing: thanks, what to fix, or why not.
#[derive(Debug, Serialize)]
pub struct RoomMessage {
    pub generator: Generator,
    pub rubric: RubricInfo,
    pub title: String,
    pub paragraphs: Vec<String>,
    /// Problems to fix, one per line.
    pub problems: Vec<String>,
    /// The key under which the questionnaire page kept the answers in the browser, to forget
    /// once they are saved.
    pub forget_key: Option<String>,
    /// Seconds after which the page reloads itself (waiting for the next topic).
    pub refresh: Option<u32>,
    /// A way on: the next topic.
    pub link: Option<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub href: String,
    pub text: String,
}

impl RoomMessage {
    pub fn new(rubric: &Rubric, title: &str, paragraphs: &[&str]) -> RoomMessage {
        RoomMessage {
            generator: Generator::default(),
            rubric: rubric_info(rubric),
            title: title.to_string(),
            paragraphs: paragraphs
                .iter()
                .map(std::string::ToString::to_string)
                .collect(),
            problems: Vec::new(),
            forget_key: None,
            refresh: None,
            link: None,
        }
    }
}

/// The facilitator's console: the participants' code big enough to scan from the back of the
/// room, the count, live, and the way to the group report.
#[derive(Debug, Serialize)]
pub struct RoomConsole {
    pub generator: Generator,
    pub rubric: RubricInfo,
    pub participants_url: String,
    /// The participants' address as a QR code: an SVG picture made here, not from input.
    pub qr_svg: String,
    pub status: RoomStatus,
    /// Where the page asks for the count (JSON), and the link that reloads it without scripts.
    pub status_url: String,
    pub console_url: String,
    /// The group report with participants as letters, for the projector.
    pub report_url: String,
    /// The group report with names; none when the room is anonymous (`serve --anonymize`).
    pub named_report_url: Option<String>,
    pub out_dir: String,
    /// The command that makes the group report after the session.
    pub next_command: String,
    /// The workshop session the console steps through.
    pub session: ConsoleSession,
}

/// The session on the console: the dimensions to open, reveal and record, and the actions.
#[derive(Debug, Serialize)]
pub struct ConsoleSession {
    pub scope: Option<String>,
    pub file: String,
    /// Sent back with every change the console posts.
    pub token: String,
    pub post_url: String,
    pub dimensions: Vec<ConsoleDimension>,
    /// Where the group may land: whole and half steps.
    pub points: Vec<f64>,
    pub actions: Vec<crate::present::view::ActionView>,
}

#[derive(Debug, Serialize)]
pub struct ConsoleDimension {
    pub id: String,
    pub name: String,
    pub open: bool,
    /// How many have answered some of its statements.
    pub answered: usize,
    /// How many had when it was revealed; none while hidden.
    pub revealed_with: Option<usize>,
    pub reveal_url: String,
    pub landed: Option<crate::model::session::Agreed>,
}
