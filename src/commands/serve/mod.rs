//! `learnlead serve`: the room answers live. A web server for one workshop: participants open an
//! address (with an unguessable token) on their phones and answer the questionnaire; each answer
//! becomes a response file in the folder; the facilitator's console (another token) shows the
//! participants' code, the count as it grows and the group report, with participants as letters
//! unless asked for names.
//!
//! Safe on a shared network: the server bounds every request ([`crate::io::http`]), every page
//! and post needs its token (403 otherwise), names and notes are escaped by the templates, only
//! the folder is written (under new names, never replacing a file), and nothing else is read.
//! Every answer is on disk the moment its page says thank you, so stopping loses nothing.
//!
//! The terminal keeps the facilitator's address apart from what the room sees: it is printed
//! first, marked private, and on a terminal the screen is cleared before the participants' code
//! is drawn.

mod live;
mod room;

use std::io::IsTerminal;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::cli::ServeArgs;
use crate::error::{Error, Result};
use crate::io::catalog::Catalog;
use crate::io::http::{self, Limits};
use crate::io::names::NameSet;
use crate::io::{assets, output};
use crate::platform::signals::Stop;

use live::Live;
use room::{Room, Tally};

pub fn run(catalog: &Catalog, args: ServeArgs) -> Result<()> {
    let rubric_name = args
        .rubric
        .clone()
        .unwrap_or_else(|| assets::DEFAULT_RUBRIC.to_string());
    let loaded = catalog.load(&rubric_name)?;
    crate::commands::note_override(&loaded);
    output::check_folder(&args.out_dir)?;
    std::fs::create_dir_all(&args.out_dir).map_err(|e| Error::write(&args.out_dir, e))?;
    let listener = std::net::TcpListener::bind((args.bind.as_str(), args.port)).map_err(|e| {
        Error::CannotListen {
            address: http::origin(&args.bind, args.port),
            cause: e,
        }
    })?;
    let port = listener.local_addr().map_or(args.port, |a| a.port());
    let origin = http::origin(&host(&args.bind), port);
    let room = Arc::new(make_room(
        catalog,
        &args,
        loaded.rubric,
        rubric_name,
        &origin,
    )?);
    let facilitator_url = format!("{origin}/f/{}", room.facilitator);
    announce_facilitator(&room, &facilitator_url, args.open);
    // From here on a stop ends the server in its own way, saying what was saved: before the
    // participants' address is out, so no one can have answered without it being said.
    let stops = crate::io::cleanup::route_stops();
    announce_participants(&room);

    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel();
    let why: Arc<Mutex<Option<Stop>>> = Arc::default();
    let why_set = why.clone();
    std::thread::spawn(move || {
        if let Ok(stop) = stops.recv() {
            if let Ok(mut w) = why_set.lock() {
                *w = Some(stop);
            }
            let _ = stop_tx.send(());
        }
    });
    let mut limits = Limits {
        max_connections: http::connection_limit(256),
        ..Limits::default()
    };
    if let Some(secs) = args.request_timeout {
        limits.header_timeout = Duration::from_secs_f64(secs);
        limits.body_timeout = Duration::from_secs_f64(secs);
    }
    http::serve(listener, limits, room.clone(), stop_rx, |line| {
        crate::say_err!("{line}");
    })?;
    farewell(&room);
    match why.lock().ok().and_then(|w| *w) {
        Some(Stop::Interrupt) | None => Ok(()),
        Some(other) => Err(Error::Signalled {
            code: other.exit_code(),
        }),
    }
}

fn make_room(
    catalog: &Catalog,
    args: &ServeArgs,
    rubric: crate::model::rubric::Rubric,
    rubric_name: String,
    origin: &str,
) -> Result<Room> {
    let (participants, facilitator) = (room::token()?, room::token()?);
    let (session, path, on_disk) = start_session(args, &rubric)?;
    // One look at the folder, at the start: the count and the names taken so far.
    let files = output::yaml_files_in(&args.out_dir)?;
    let responses: Vec<_> = files
        .iter()
        .filter_map(|f| crate::io::response_file::load(f).ok())
        .filter(|r| r.rubric.id == rubric.id)
        .collect();
    let tally = Tally::from_responses(&responses);
    let live = Live::start(session, path, on_disk, &rubric, &responses);
    let taken = files
        .iter()
        .filter_map(|f| f.file_name().map(|n| n.to_string_lossy().into_owned()));
    Ok(Room {
        catalog: catalog.clone(),
        stamp: crate::model::response::RubricStamp::of(&rubric),
        rubric,
        rubric_name,
        dir: args.out_dir.clone(),
        participants_url: format!("{origin}/p/{participants}"),
        participants,
        facilitator,
        form_token: room::token()?,
        anonymize: args.anonymize,
        framing: crate::commands::framing(None)?,
        live: Mutex::new(live),
        state: Mutex::new(tally),
        names: Mutex::new(NameSet::with_taken(taken)),
        recent: Mutex::default(),
    })
}

/// Prints the facilitator's address, first and apart from what the room sees; on a terminal,
/// waits for Enter, then clears the screen, so a projected terminal never shows it.
fn announce_facilitator(room: &Room, facilitator_url: &str, open: bool) {
    let terminal = std::io::stdout().is_terminal() && std::io::stdin().is_terminal();
    crate::say!(
        "learnlead serve: {} ({}). Answers are saved in {} as they arrive.\n",
        room.rubric.title,
        room.rubric.id,
        room.dir.display()
    );
    crate::say!(
        "FACILITATOR (keep this private: it opens everyone's answers and is not for the projector)\n  {facilitator_url}"
    );
    if open {
        match crate::platform::open::in_browser(facilitator_url) {
            Ok(()) => crate::say!("  Opened in your browser."),
            Err(e) => crate::say!(
                "  Could not open a browser ({}); open the address yourself.",
                crate::error::io_words(&e)
            ),
        }
    } else {
        crate::say!("  Open it on this computer (or start with --open).");
    }
    if terminal {
        crate::say!("\nPress Enter to clear the screen and show the participants' code.");
        let mut line = String::new();
        let _ = std::io::stdin().read_line(&mut line);
        crate::platform::terminal::clear_screen();
    } else {
        // Far apart from what the room sees.
        crate::say!("{}", "\n".repeat(11));
    }
}

/// Prints the participants' address and its code.
fn announce_participants(room: &Room) {
    crate::say!(
        "PARTICIPANTS: scan the code or type the address\n{}\n  {}\n",
        crate::present::qr::text(&room.participants_url),
        room.participants_url
    );
    crate::say!("Answers arrive below. Ctrl-C stops the server; every answer is already saved.");
}

/// What was saved, where, and the next command.
fn farewell(room: &Room) {
    let status = room.status();
    let saved = status.finished + status.partial;
    crate::say!(
        "\nStopped. {saved} answer{} in {} ({} finished, {} partly answered).\nNext: {}",
        if saved == 1 { " is" } else { "s are" },
        room.dir.display(),
        status.finished,
        status.partial,
        room::next_command(&room.dir)
    );
}

/// The address people type: the machine's address on the network when listening on all of
/// them, else the one given.
fn host(bind: &str) -> String {
    if bind != "0.0.0.0" && bind != "::" {
        return bind.to_string();
    }
    // A UDP socket "connected" to an outside address sends nothing, but says which local
    // address would be used.
    std::net::UdpSocket::bind("0.0.0.0:0")
        .and_then(|s| s.connect("192.0.2.1:9").map(|()| s))
        .and_then(|s| s.local_addr())
        .map_or_else(|_| "127.0.0.1".to_string(), |a| a.ip().to_string())
}

/// The room's session: session.yaml in the folder (or --session), with --scope and --only over
/// it and saved; else a new one, written now when --scope or --only says what it covers, or
/// else when the console first records something. Also whether it is on disk.
fn start_session(
    args: &ServeArgs,
    rubric: &crate::model::rubric::Rubric,
) -> Result<(crate::model::session::Session, std::path::PathBuf, bool)> {
    use crate::commands::session::Scope;
    let scope = Scope::find(&args.scoped, Some(&args.out_dir), rubric)?;
    if let Some((mut s, path)) = scope.session.clone() {
        if s.scope != scope.scope || s.dimensions != scope.dimensions {
            s.scope.clone_from(&scope.scope);
            s.dimensions.clone_from(&scope.dimensions);
            crate::io::session_file::save(&s, &path)?;
        }
        return Ok((s, path, true));
    }
    let today = crate::model::response::date_of(&crate::model::response::now()).to_string();
    let mut s = crate::model::session::Session::new(rubric, &today, &room::token()?[..4]);
    s.scope.clone_from(&scope.scope);
    s.dimensions.clone_from(&scope.dimensions);
    let path = args
        .scoped
        .session
        .clone()
        .unwrap_or_else(|| args.out_dir.join(crate::model::session::FILE_NAME));
    if scope.scope.is_none() && scope.dimensions.is_empty() {
        return Ok((s, path, false));
    }
    crate::io::session_file::create(&s, &path)?;
    crate::say_prose!(
        "Started the session {}: what the console records is kept there.",
        path.display()
    );
    Ok((s, path, true))
}
