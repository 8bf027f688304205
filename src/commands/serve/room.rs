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

use super::live::{self, Live, Next};
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
use crate::present::room::{
    ConsoleDimension, ConsoleSession, RoomConsole, RoomMessage, RoomStatus,
};

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
    /// Carried by the console's forms (with the facilitator's cookie) so that a page elsewhere
    /// cannot post a change: not the facilitator's token, which the page never holds.
    pub form_token: String,
    /// The participants' full address, for the console's code.
    pub participants_url: String,
    pub anonymize: bool,
    pub framing: Framing,
    /// The workshop session, live.
    pub live: Mutex<Live>,
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
    /// The count from the responses already in the folder.
    pub(super) fn from_responses(responses: &[crate::model::response::Response]) -> Tally {
        let mut tally = Tally::default();
        for r in responses {
            match r.is_complete() {
                true => tally.status.finished += 1,
                false => tally.status.partial += 1,
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
            (["p", t, "thanks"], Method::GET) if same(t, &self.participants) => {
                self.thanks(&request)
            }
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
            (["f", "reveal", dim], Method::GET) if self.has_facilitator_cookie(&request) => {
                self.reveal(dim)
            }
            (["f", "session"], Method::POST) if self.has_facilitator_cookie(&request) => {
                self.change(&request)
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
    /// receive it. The changes to the session are posted from the console's forms, which carry
    /// the token as well (a cross-site post carries no `Lax` cookie, nor the token).
    fn facilitator_cookie(&self) -> String {
        format!("ll_f={}; Path=/f; HttpOnly; SameSite=Lax", self.facilitator)
    }

    fn has_facilitator_cookie(&self, request: &Request) -> bool {
        cookie(request, "ll_f").is_some_and(|v| same(v, &self.facilitator))
    }

    /// The questionnaire; each phone gets an id in a cookie, so it is counted once however often
    /// it reloads.
    fn questionnaire(&self, request: &Request) -> Reply {
        let phone = phone_of(request);
        let mut reply = match self.form_for(phone.as_deref()) {
            Ok(Some(html)) => Reply::html(200, html),
            Ok(None) => self.waiting(phone.as_deref()),
            Err(e) => {
                crate::say_err!("error: the questionnaire could not be made: {e}");
                self.message(
                    500,
                    "Not ready",
                    &["The questionnaire could not be made. Tell the facilitator."],
                )
            }
        };
        let id = phone.unwrap_or_else(|| {
            let id = token().unwrap_or_default();
            reply.headers.push((
                "Set-Cookie",
                format!("ll_p={id}; Path=/p; HttpOnly; SameSite=Lax"),
            ));
            id
        });
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
        let Ok(mut live) = self.live.lock() else {
            return self.message(500, "Not saved", &["Tell the facilitator."]);
        };
        let (saved, complete, first) =
            self.save_answer(&mut live, phone_of(request).as_deref(), response);
        drop(live);
        match saved {
            Ok(()) => {
                let number = self.count_answer(complete, first);
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
    /// kept while the person worked. When the facilitator has opened a topic this phone has
    /// not answered, it leads there; otherwise it looks again every few seconds.
    fn thanks(&self, request: &Request) -> Reply {
        let phone = phone_of(request);
        let more = !self.to_answer(phone.as_deref()).is_empty();
        let mut page = RoomMessage::new(
            &self.rubric,
            "Thank you",
            &[match more {
                true => "Your answers are with the facilitator. Another topic is open.",
                false => "Your answers are with the facilitator. When the facilitator opens the next topic, it appears here: this page looks every 10 seconds.",
            }],
        );
        page.forget_key = Some(format!("learnlead:{}:{}", self.stamp.id, self.stamp.hash));
        match more {
            true => page.link = Some(self.next_topic_link()),
            false => page.refresh = Some(10),
        }
        self.page(200, "room-message.html.j2", &page)
    }

    fn next_topic_link(&self) -> crate::present::room::Link {
        crate::present::room::Link {
            href: format!("/p/{}", self.participants),
            text: "Answer the next topic".into(),
        }
    }

    /// The page while no open topic is left for this phone: it looks again every 10 seconds.
    fn waiting(&self, phone: Option<&str>) -> Reply {
        let answered =
            phone.is_some_and(|p| self.live.lock().is_ok_and(|l| l.phones.contains_key(p)));
        let mut page = RoomMessage::new(
            &self.rubric,
            "Waiting for the next topic",
            &[match answered {
                true => "You have answered every topic open so far. When the facilitator opens the next one, it appears here: this page looks every 10 seconds.",
                false => "The facilitator has not opened a topic yet. It appears here when they do: this page looks every 10 seconds.",
            }],
        );
        page.refresh = Some(10);
        self.page(200, "room-message.html.j2", &page)
    }

    /// The open dimensions this phone has not answered, in the rubric's order.
    fn to_answer(&self, phone: Option<&str>) -> Vec<String> {
        let Ok(live) = self.live.lock() else {
            return Vec::new();
        };
        let done = phone
            .and_then(|p| live.phones.get(p))
            .and_then(|f| crate::io::response_file::load(f).ok())
            .map(|r| live::answered_dimensions(&self.rubric, &r))
            .unwrap_or_default();
        live.open
            .iter()
            .filter(|d| !done.contains(d))
            .cloned()
            .collect()
    }

    /// The questionnaire for this phone: the open dimensions it has not answered, with the
    /// session's scope; `None` when there are none.
    fn form_for(&self, phone: Option<&str>) -> Result<Option<String>> {
        let dims = self.to_answer(phone);
        if dims.is_empty() {
            return Ok(None);
        }
        let scope = self.live.lock().ok().and_then(|l| l.session.scope.clone());
        let mut context =
            crate::present::view::worksheet_scoped(&self.rubric, scope.as_deref(), &dims);
        context.submit = Some(format!("/p/{}", self.participants));
        render::render(
            "form.html.j2",
            Markup::Html,
            None,
            &context,
            &Framing::default(),
        )
        .map(Some)
    }

    /// Saves an answer: added to this phone's earlier response this run, or as a new file.
    /// Returns whether it was saved, whether the response now answers every covered
    /// statement, and whether it is a new response.
    fn save_answer(
        &self,
        live: &mut Live,
        phone: Option<&str>,
        mut response: crate::model::response::Response,
    ) -> (Result<()>, bool, bool) {
        let covered: Vec<String> = live
            .session
            .covered(&self.rubric)
            .iter()
            .map(|d| (*d).to_string())
            .collect();
        let earlier = phone
            .and_then(|p| live.phones.get(p).cloned())
            .and_then(|f| crate::io::response_file::load(&f).ok().map(|r| (f, r)));
        let before = earlier
            .as_ref()
            .map(|(_, r)| live::answered_dimensions(&self.rubric, r))
            .unwrap_or_default();
        if let Some((_, r)) = &earlier {
            response = live::merge(r.clone(), response);
        }
        response.scope.clone_from(&live.session.scope);
        response.covers = match live.session.dimensions.is_empty() {
            true => Vec::new(),
            false => covered.clone(),
        };
        let covered_refs: Vec<&str> = covered.iter().map(String::as_str).collect();
        let complete = live::answers_all(&self.rubric, &response, &covered_refs);
        response.completed = match complete {
            true => response
                .completed
                .or_else(|| Some(crate::model::response::now())),
            false => None,
        };
        let added: Vec<String> = live::answered_dimensions(&self.rubric, &response)
            .into_iter()
            .filter(|d| !before.contains(d))
            .collect();
        let saved = match earlier {
            Some((file, _)) => crate::io::response_file::save(&response, &file),
            None => response.to_yaml().and_then(|text| {
                let stem = names::response_stem(&response);
                let candidates = std::iter::from_fn(|| {
                    self.names.lock().ok().map(|mut n| n.take(&stem, "yaml"))
                })
                .take(100_000);
                let file = output::create_first_free(&self.dir, candidates, text.as_bytes(), true)?;
                if let Some(p) = phone {
                    live.remember(p, file);
                }
                Ok(())
            }),
        };
        let first = before.is_empty();
        if saved.is_ok() {
            live.count(&added);
        }
        (saved, complete, first)
    }

    /// Whether `peer` may send another answer ([`Recent::allow`]).
    fn may_answer(&self, peer: std::net::IpAddr) -> bool {
        self.recent
            .lock()
            .map_or(true, |mut r| r.allow(peer, std::time::Instant::now()))
    }

    /// Counts a saved answer (`first`: a new response, not a phone's next topic); returns how
    /// many were received since the server started.
    fn count_answer(&self, complete: bool, first: bool) -> usize {
        let Ok(mut tally) = self.state.lock() else {
            return 0;
        };
        tally.received += 1;
        match (first, complete) {
            (true, true) => tally.status.finished += 1,
            (true, false) => tally.status.partial += 1,
            (false, true) => {
                tally.status.partial = tally.status.partial.saturating_sub(1);
                tally.status.finished += 1;
            }
            (false, false) => {}
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
            session: self.console_session(),
        };
        self.page(200, "room-console.html.j2", &console)
    }

    /// The session as the console shows it.
    fn console_session(&self) -> ConsoleSession {
        let live = self.live.lock().ok();
        let live = live.as_deref();
        let dims = live
            .map(|l| l.session.covered(&self.rubric))
            .unwrap_or_default();
        let dimensions = dims
            .iter()
            .filter_map(|id| self.rubric.find_dimension(id))
            .map(|(_, d)| ConsoleDimension {
                id: d.id.clone(),
                name: d.name.clone(),
                open: live.is_some_and(|l| l.open.contains(&d.id)),
                answered: live
                    .and_then(|l| l.answered.get(&d.id).copied())
                    .unwrap_or(0),
                revealed_with: live.and_then(|l| l.revealed.get(&d.id).copied()),
                reveal_url: format!("/f/reveal/{}", d.id),
                landed: live.and_then(|l| l.session.agreed.get(&d.id).cloned()),
            })
            .collect();
        let session =
            live.map(|l| crate::present::view::session_view(&self.rubric, &l.session, false));
        ConsoleSession {
            scope: live.and_then(|l| l.session.scope.clone()),
            file: live
                .map(|l| l.path.display().to_string())
                .unwrap_or_default(),
            token: self.form_token.clone(),
            post_url: "/f/session".into(),
            dimensions,
            points: crate::collect::session_editor::half_steps(&self.rubric),
            actions: session.map(|s| s.actions).unwrap_or_default(),
        }
    }

    /// A change posted from the console: checked, applied and saved to the session file at
    /// once; then back to the console (or on to the revealed answers).
    fn change(&self, request: &Request) -> Reply {
        let fields = match web::urlencoded(&request.body) {
            Ok(f) => f,
            Err(e) => return self.message(400, "Not a change", &[e.as_str()]),
        };
        // The console's forms carry the token: a page elsewhere cannot post here in its name.
        let token = fields
            .iter()
            .find(|(k, _)| k == "t")
            .map(|(_, v)| v.as_str());
        if !token.is_some_and(|t| same(t, &self.form_token)) {
            return self.message(
                403,
                "Not from the console",
                &["Make changes from the facilitator's console."],
            );
        }
        let Ok(mut live) = self.live.lock() else {
            return self.message(500, "Not saved", &["Try again."]);
        };
        let before = live.session.clone();
        let next = match live.apply(&self.rubric, &fields) {
            Ok(n) => n,
            Err(problem) => {
                drop(live);
                let mut page = RoomMessage::new(&self.rubric, "Not recorded", &[]);
                page.problems = vec![problem];
                page.link = Some(crate::present::room::Link {
                    href: "/f/console".into(),
                    text: "Back to the console".into(),
                });
                return self.page(400, "room-message.html.j2", &page);
            }
        };
        if live.session != before {
            let saved = match live.on_disk {
                true => crate::io::session_file::save(&live.session, &live.path),
                false => crate::io::session_file::create(&live.session, &live.path),
            };
            if saved.is_ok() {
                live.on_disk = true;
            }
            if let Err(e) = saved {
                live.session = before;
                crate::say_err!("error: the session could not be saved: {e}");
                return self.message(
                    500,
                    "Not saved",
                    &["The session file could not be saved; nothing was changed. Try again."],
                );
            }
        }
        let location = match next {
            Next::Console(anchor) => format!("/f/console#{anchor}"),
            Next::Reveal(dim) => format!("/f/reveal/{dim}"),
        };
        let mut reply = Reply::html(303, String::new());
        reply.headers.push(("Location", location));
        reply
    }

    /// The answers to one dimension, anonymous (participants as letters), once the
    /// facilitator has revealed it; each look counts the answers that arrived since.
    fn reveal(&self, dim: &str) -> Reply {
        let (revealed, path) = match self.live.lock() {
            Ok(l) => (
                l.revealed.contains_key(dim),
                l.on_disk.then(|| l.path.clone()),
            ),
            Err(_) => return self.message(500, "Not here", &["Try again."]),
        };
        if !revealed {
            return self.message(404, "Not revealed", &["Reveal this dimension from the console first: its answers stay hidden until then."]);
        }
        if let Ok(mut l) = self.live.lock() {
            let n = l.answered.get(dim).copied().unwrap_or(0);
            l.revealed.insert(dim.to_string(), n);
        }
        let flags = crate::cli::SessionFlags {
            session: path,
            scope: None,
            only: vec![dim.to_string()],
        };
        self.group_page(true, flags)
    }

    /// The group report on what has arrived: participants as letters, or with their names.
    fn report(&self, anonymous: bool) -> Reply {
        let path = self
            .live
            .lock()
            .ok()
            .and_then(|l| l.on_disk.then(|| l.path.clone()));
        let flags = crate::cli::SessionFlags {
            session: path,
            ..Default::default()
        };
        self.group_page(anonymous, flags)
    }

    /// The group report on the session's dimensions in `flags`.
    fn group_page(&self, anonymous: bool, scoped: crate::cli::SessionFlags) -> Reply {
        let args = crate::cli::GroupArgs {
            inputs: vec![self.dir.clone()],
            anonymize: anonymous,
            min_group: 3,
            by: None,
            baseline: Vec::new(),
            rubric: Some(self.rubric_name.clone()),
            config: None,
            seed: crate::analysis::compare::DEFAULT_SEED,
            include_partial: true,
            in_room: true,
            scoped,
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

/// The phone's id from its cookie, when it is one the room gave out (32 hex digits).
fn phone_of(request: &Request) -> Option<String> {
    cookie(request, "ll_p")
        .filter(|id| id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit()))
        .map(str::to_string)
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
