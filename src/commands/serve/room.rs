//! The room's state and what it answers to each request: the participants' questionnaire and
//! their posted answers, the facilitator's console, its count and the group report. Runs on the
//! server's worker threads ([`crate::io::http::Handler`]); every page comes from a template.
//!
//! Addresses: `/p/TOKEN` is the participants' (the questionnaire; answers are posted to it).
//! `/f/TOKEN` is the facilitator's: it sets the token in a cookie and sends the browser to
//! `/f/console`, so that the address bar of a projected console holds no secret. `/f/status`
//! (JSON), `/f/report` (participants as letters) and `/f/named` (with names, unless the room is
//! anonymous) need the cookie, or the token in the path (`/f/TOKEN/report`).

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Mutex;

use hyper::Method;

use crate::collect::web;
use crate::error::Result;
use crate::io::catalog::Catalog;
use crate::io::http::{Handler, Reply, Request};
use crate::io::names::{self, NameSet};
use crate::io::output;
use crate::model::config::Framing;
use crate::model::response::RubricStamp;
use crate::model::rubric::Rubric;
use crate::present::document::{produce, Format, GroupDocument, Options};
use crate::present::pdf::Paper;
use crate::present::render::{self, Markup};
use crate::present::room::{RoomConsole, RoomMessage, RoomStatus};

/// The most phones counted as having opened the questionnaire (a bound on the set of ids).
const MAX_OPENED: usize = 100_000;

/// The most answers one address on the network may send in a minute.
const ANSWERS_PER_MINUTE: usize = 10;

/// Everything the room needs to answer a request.
pub(super) struct Room {
    pub catalog: Catalog,
    pub rubric: Rubric,
    /// How the rubric was named, so the group report finds it again.
    pub rubric_name: String,
    pub stamp: RubricStamp,
    pub dir: PathBuf,
    pub participants: String,
    pub facilitator: String,
    /// The participants' full address, for the console's code.
    pub participants_url: String,
    pub anonymize: bool,
    pub framing: Framing,
    /// The questionnaire page, rendered once.
    pub form: String,
    pub state: Mutex<Tally>,
    pub names: Mutex<NameSet>,
    /// Who sent an answer in the last minute, and when.
    pub recent: Mutex<Recent>,
}

/// The answers of the last minute: who sent them, and when.
#[derive(Debug, Default)]
pub(super) struct Recent(Vec<(std::net::IpAddr, std::time::Instant)>);

impl Recent {
    /// Whether `peer` may send another answer at `now`: at most [`ANSWERS_PER_MINUTE`] a minute
    /// from one address on the network (a phone sends one; a script filling the disk is slowed
    /// to a trickle). This computer itself is not bounded.
    pub(super) fn allow(&mut self, peer: std::net::IpAddr, now: std::time::Instant) -> bool {
        if peer.is_loopback() {
            return true;
        }
        let minute = std::time::Duration::from_secs(60);
        self.0.retain(|(_, t)| now.duration_since(*t) < minute);
        if self.0.iter().filter(|(ip, _)| *ip == peer).count() >= ANSWERS_PER_MINUTE {
            return false;
        }
        if self.0.len() < 100_000 {
            self.0.push((peer, now));
        }
        true
    }
}

/// What the room has counted since it started (with what was in the folder before).
#[derive(Debug, Default)]
pub(super) struct Tally {
    pub status: RoomStatus,
    /// Answers received since the server started.
    pub received: usize,
    opened: HashSet<String>,
}

impl Tally {
    /// The count from the response files already in the folder.
    pub(super) fn from_files(files: &[PathBuf]) -> Tally {
        let mut tally = Tally::default();
        for f in files {
            match crate::io::response_file::load(f) {
                Ok(r) if r.is_complete() => tally.status.finished += 1,
                Ok(_) => tally.status.partial += 1,
                Err(_) => {}
            }
        }
        tally
    }
}

impl Handler for Room {
    fn handle(&self, request: Request) -> Reply {
        let parts: Vec<&str> = request.path.split('/').filter(|p| !p.is_empty()).collect();
        let method = request.method.clone();
        match (parts.as_slice(), method) {
            (["p", t], Method::GET) if same(t, &self.participants) => self.questionnaire(&request),
            (["p", t], Method::POST) if same(t, &self.participants) => self.answer(&request),
            (["p", t, "thanks"], Method::GET) if same(t, &self.participants) => self.thanks(),
            (["p", t], _) if same(t, &self.participants) => {
                self.message(405, "Not allowed", &["Open the address you were given."])
            }
            (["f", t], Method::GET) if same(t, &self.facilitator) => self.enter_console(),
            (["f", t, page], Method::GET) if same(t, &self.facilitator) => {
                self.facilitator_page(page)
            }
            (["f", page], Method::GET) if self.has_facilitator_cookie(&request) => {
                self.facilitator_page(page)
            }
            (["p" | "f", ..], _) => self.message(
                403,
                "Not for this address",
                &["This address is not one the facilitator gave out."],
            ),
            _ => self.message(404, "Not here", &["Open the address you were given."]),
        }
    }
}

impl Room {
    fn facilitator_page(&self, page: &str) -> Reply {
        match page {
            "console" => self.console(),
            "status" => self.status_json(),
            "report" => self.report(true),
            "named" if !self.anonymize => self.report(false),
            _ => self.message(404, "Not here", &["Open the address you were given."]),
        }
    }

    /// The facilitator's address: the token goes into a cookie, and the browser to a console
    /// address without it.
    fn enter_console(&self) -> Reply {
        let mut reply = Reply::html(303, String::new());
        reply.headers.push(("Location", "/f/console".into()));
        reply
            .headers
            .push(("Set-Cookie", self.facilitator_cookie()));
        reply
    }

    /// The facilitator's token as a cookie for the `/f` pages. `Lax`, not `Strict`: the address
    /// is often opened from a link in mail or a chat, and the console it leads to must then
    /// receive it; every `/f` page only shows, none changes anything.
    fn facilitator_cookie(&self) -> String {
        format!("ll_f={}; Path=/f; HttpOnly; SameSite=Lax", self.facilitator)
    }

    fn has_facilitator_cookie(&self, request: &Request) -> bool {
        cookie(request, "ll_f").is_some_and(|v| same(v, &self.facilitator))
    }

    /// The questionnaire; each phone gets an id in a cookie, so it is counted once however often
    /// it reloads.
    fn questionnaire(&self, request: &Request) -> Reply {
        let mut reply = Reply::html(200, self.form.clone());
        let id = match cookie(request, "ll_p") {
            Some(id) if id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit()) => {
                id.to_string()
            }
            _ => {
                let id = token().unwrap_or_default();
                reply.headers.push((
                    "Set-Cookie",
                    format!("ll_p={id}; Path=/p; HttpOnly; SameSite=Lax"),
                ));
                id
            }
        };
        if let Ok(mut tally) = self.state.lock() {
            if tally.opened.len() < MAX_OPENED && tally.opened.insert(id) {
                tally.status.opened = tally.opened.len().max(tally.status.opened);
            }
        }
        reply
    }

    /// A posted answer: checked, saved under a new name, counted and thanked; or the problems,
    /// with the way back (the browser still holds the answers).
    fn answer(&self, request: &Request) -> Reply {
        if !self.may_answer(request.peer) {
            return self.message(
                429,
                "Too many answers",
                &["This device has sent many answers in the last minute. Wait a moment, then send yours again: it is still in the page."],
            );
        }
        let fields = match web::urlencoded(&request.body) {
            Ok(f) => f,
            Err(e) => return self.message(400, "Not an answer", &[e.as_str()]),
        };
        let response = match web::response(&self.rubric, &self.stamp, &fields) {
            Ok(r) => r,
            Err(problems) => {
                let mut page = RoomMessage::new(&self.rubric, "Something to fix", &[]);
                page.problems = problems;
                return self.page(400, "room-message.html.j2", &page);
            }
        };
        let complete = response.is_complete();
        let saved = response.to_yaml().and_then(|text| {
            let stem = names::response_stem(&response);
            let candidates =
                std::iter::from_fn(|| self.names.lock().ok().map(|mut n| n.take(&stem, "yaml")))
                    .take(100_000);
            output::create_first_free(&self.dir, candidates, text.as_bytes(), true)
        });
        match saved {
            Ok(_) => {
                let number = self.count_answer(complete);
                crate::say!(
                    "received answer {number}{}",
                    if complete {
                        ""
                    } else {
                        " (part of the questionnaire)"
                    }
                );
                // Post, then redirect: reloading the thank-you page sends nothing again.
                let mut reply = Reply::html(303, String::new());
                reply
                    .headers
                    .push(("Location", format!("/p/{}/thanks", self.participants)));
                reply
            }
            Err(e) => {
                crate::say_err!("error: an answer could not be saved: {e}");
                self.message(
                    500,
                    "Not saved",
                    &["Your answers could not be saved. Tell the facilitator, and try again: they are still in this page."],
                )
            }
        }
    }

    /// The page after an answer is saved. It also tells the browser to forget the answers it
    /// kept while the person worked.
    fn thanks(&self) -> Reply {
        let mut page = RoomMessage::new(
            &self.rubric,
            "Thank you",
            &["Your answers are with the facilitator."],
        );
        page.forget_key = Some(format!("learnlead:{}:{}", self.stamp.id, self.stamp.hash));
        self.page(200, "room-message.html.j2", &page)
    }

    /// Whether `peer` may send another answer ([`Recent::allow`]).
    fn may_answer(&self, peer: std::net::IpAddr) -> bool {
        self.recent
            .lock()
            .map_or(true, |mut r| r.allow(peer, std::time::Instant::now()))
    }

    /// Counts a saved answer; returns how many were received since the server started.
    fn count_answer(&self, complete: bool) -> usize {
        let Ok(mut tally) = self.state.lock() else {
            return 0;
        };
        tally.received += 1;
        match complete {
            true => tally.status.finished += 1,
            false => tally.status.partial += 1,
        }
        tally.received
    }

    /// The count as it stands.
    pub(super) fn status(&self) -> RoomStatus {
        self.state.lock().map(|t| t.status).unwrap_or_default()
    }

    fn status_json(&self) -> Reply {
        Reply::json(serde_json::to_vec(&self.status()).unwrap_or_default())
    }

    fn console(&self) -> Reply {
        let console = RoomConsole {
            generator: Default::default(),
            rubric: crate::present::view::rubric_info(&self.rubric),
            participants_url: self.participants_url.clone(),
            qr_svg: crate::present::qr::svg(&self.participants_url),
            status: self.status(),
            status_url: "/f/status".into(),
            console_url: "/f/console".into(),
            report_url: "/f/report".into(),
            named_report_url: (!self.anonymize).then(|| "/f/named".into()),
            out_dir: self.dir.display().to_string(),
            next_command: next_command(&self.dir),
        };
        self.page(200, "room-console.html.j2", &console)
    }

    /// The group report on what has arrived: participants as letters, or with their names.
    fn report(&self, anonymous: bool) -> Reply {
        let args = crate::cli::GroupArgs {
            inputs: vec![self.dir.clone()],
            anonymize: anonymous,
            min_group: 3,
            by: None,
            baseline: Vec::new(),
            rubric: Some(self.rubric_name.clone()),
            config: None,
            scoped: crate::cli::SessionFlags::default(),
        };
        let html = crate::commands::compare::Group::read(&self.catalog, &args, !anonymous)
            .and_then(|g| {
                let doc = GroupDocument {
                    view: &g.view,
                    answers: None,
                };
                let options = Options {
                    template: None,
                    framing: &self.framing,
                    paper: Paper::A4,
                    browser: None,
                };
                produce(&doc, Format::Html, &options)
            });
        match html {
            Ok(h) => Reply::html(200, String::from_utf8_lossy(&h).into_owned()),
            Err(e) => self.message(200, "No report yet", &[e.to_string().as_str()]),
        }
    }

    fn message(&self, status: u16, title: &str, paragraphs: &[&str]) -> Reply {
        self.page(
            status,
            "room-message.html.j2",
            &RoomMessage::new(&self.rubric, title, paragraphs),
        )
    }

    fn page<T: serde::Serialize>(&self, status: u16, template: &str, view: &T) -> Reply {
        match render::render(template, Markup::Html, None, view, &Framing::default()) {
            Ok(html) => Reply::html(status, html),
            Err(e) => {
                crate::say_err!("error: a page could not be made: {e}");
                Reply::html(
                    500,
                    String::from(
                        "<!DOCTYPE html><title>Error</title><p>Something went wrong here.</p>",
                    ),
                )
            }
        }
    }
}

/// The value of cookie `name` in the request, if any.
fn cookie<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request
        .cookie
        .as_deref()?
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// Tokens compared without telling, by how long it takes, how much of one was right.
pub(super) fn same(given: &str, token: &str) -> bool {
    given.len() == token.len()
        && given
            .bytes()
            .zip(token.bytes())
            .fold(0u8, |diff, (a, b)| diff | (a ^ b))
            == 0
}

/// 128 random bits, as hex: an address nobody guesses.
pub(super) fn token() -> Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| {
        crate::error::Error::Internal(format!("no random numbers from the system: {e}"))
    })?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// The command that makes the group report from the folder.
pub(super) fn next_command(dir: &std::path::Path) -> String {
    format!(
        "learnlead compare {} --out group.html",
        crate::safe_text::shell_arg(&dir.display().to_string())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_compared_whole() {
        let (a, b) = (token().unwrap(), token().unwrap());
        assert_eq!(a.len(), 32);
        assert_ne!(a, b);
        assert!(same(&a, &a.clone()));
        assert!(!same(&a[..31], &a));
        assert!(!same(&b, &a));
    }

    #[test]
    fn one_address_sends_a_bounded_number_of_answers_a_minute() {
        let mut recent = Recent::default();
        let start = std::time::Instant::now();
        let phone: std::net::IpAddr = "192.0.2.7".parse().unwrap();
        for _ in 0..ANSWERS_PER_MINUTE {
            assert!(recent.allow(phone, start));
        }
        assert!(!recent.allow(phone, start), "one too many");
        assert!(
            recent.allow("192.0.2.8".parse().unwrap(), start),
            "another phone"
        );
        let later = start + std::time::Duration::from_secs(61);
        assert!(recent.allow(phone, later), "a minute later");
        let here: std::net::IpAddr = "::1".parse().unwrap();
        assert!(
            (0..100).all(|_| recent.allow(here, start)),
            "this computer is not bounded"
        );
    }
}
