//! `learnlead serve`: the room answers live. A small web server for one workshop: participants
//! open an address (with an unguessable token) on their phones and answer the questionnaire;
//! each answer becomes a response file in the folder; the facilitator's address (another token)
//! shows how many have answered and, when asked, the group report.
//!
//! Safe on a shared network: every page and post needs its token (403 otherwise), request
//! bodies are bounded, names and notes are escaped, only the folder is written (under new
//! names, never replacing a file) and nothing else is read. Every answer is on disk the moment
//! its page says thank you, so Ctrl-C loses nothing.

use std::io::Read;
use std::path::PathBuf;

use tiny_http::{Header, Method, Request, Response as HttpResponse, Server};

use crate::cli::{GroupArgs, ServeArgs};
use crate::collect::web;
use crate::error::{Error, Result};
use crate::io::catalog::Catalog;
use crate::io::{assets, names, output};
use crate::model::rubric::Rubric;
use crate::present::render::{self, Markup};
use crate::present::view;
use crate::safe_text::escape_html;

/// The most a posted answer may hold: far more than a questionnaire's fields and notes.
const MAX_BODY: u64 = 1024 * 1024;

struct State<'a> {
    catalog: &'a Catalog,
    rubric: Rubric,
    /// Where the rubric was named, so the report finds it again.
    rubric_name: String,
    dir: PathBuf,
    participants: String,
    facilitator: String,
    form: String,
}

pub fn run(catalog: &Catalog, args: ServeArgs) -> Result<()> {
    let name = args
        .rubric
        .clone()
        .unwrap_or_else(|| assets::DEFAULT_RUBRIC.to_string());
    let loaded = catalog.load(&name)?;
    crate::commands::note_override(&loaded);
    output::check_folder(&args.out_dir)?;
    std::fs::create_dir_all(&args.out_dir).map_err(|e| Error::write(&args.out_dir, e))?;
    let server = Server::http((args.bind.as_str(), args.port)).map_err(|e| {
        Error::usage(format!(
            "cannot listen on {}:{} ({e}); choose another --port",
            args.bind, args.port
        ))
    })?;
    let port = server.server_addr().to_ip().map_or(args.port, |a| a.port());
    let (participants, facilitator) = (token()?, token()?);
    let mut context = view::worksheet(&loaded.rubric);
    context.submit = Some(format!("/p/{participants}"));
    let form = render::render(
        "form.html.j2",
        Markup::Html,
        None,
        &context,
        &crate::model::config::Framing::default(),
    )?;
    let host = host(&args.bind);
    let p_url = format!("http://{host}:{port}/p/{participants}");
    let f_url = format!("http://{host}:{port}/f/{facilitator}");
    crate::say!(
        "Participants open (keep it to the room):\n  {p_url}\n{}",
        qr(&p_url)
    );
    crate::say!("Facilitator (answers so far, then the group report):\n  {f_url}");
    crate::say!(
        "Answers are saved in {} as they arrive. Ctrl-C stops.",
        args.out_dir.display()
    );
    let state = State {
        catalog,
        rubric: loaded.rubric,
        rubric_name: name,
        dir: args.out_dir,
        participants,
        facilitator,
        form,
    };
    for mut request in server.incoming_requests() {
        let (status, body) = handle(&state, &mut request);
        let reply = HttpResponse::from_data(body.into_bytes())
            .with_status_code(status)
            .with_header(header("Content-Type", "text/html; charset=utf-8"))
            .with_header(header("Cache-Control", "no-store"))
            .with_header(header("Referrer-Policy", "no-referrer"))
            .with_header(header("X-Content-Type-Options", "nosniff"))
            .with_header(header(
                "Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; form-action 'self'",
            ));
        // A participant who walked away mid-answer is no reason to stop serving the room.
        let _ = request.respond(reply);
    }
    Ok(())
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("a fixed, valid header")
}

/// One request: its status and page.
fn handle(state: &State, request: &mut Request) -> (u16, String) {
    let path = request.url().split('?').next().unwrap_or("").to_string();
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    let method = request.method().clone();
    match parts.as_slice() {
        ["p", t] if same(t, &state.participants) => match method {
            Method::Get => (200, state.form.clone()),
            Method::Post => answer(state, request),
            _ => (
                405,
                page("Not allowed", "<p>Open the address you were given.</p>"),
            ),
        },
        ["f", t] if same(t, &state.facilitator) && method == Method::Get => (200, status(state)),
        ["f", t, "report"] if same(t, &state.facilitator) && method == Method::Get => report(state),
        ["p" | "f", ..] => (
            403,
            page(
                "Not for this address",
                "<p>This address is not one the facilitator gave out.</p>",
            ),
        ),
        _ => (
            404,
            page("Not here", "<p>Open the address you were given.</p>"),
        ),
    }
}

/// Tokens compared without telling, by how long it takes, how much of one was right.
fn same(given: &str, token: &str) -> bool {
    given.len() == token.len()
        && given
            .bytes()
            .zip(token.bytes())
            .fold(0u8, |diff, (a, b)| diff | (a ^ b))
            == 0
}

/// A posted answer: checked, saved under a new name, thanked; or the problems, with the way
/// back (the browser still holds the answers).
fn answer(state: &State, request: &mut Request) -> (u16, String) {
    let declared = request.body_length().unwrap_or(0) as u64;
    if declared > MAX_BODY {
        return (
            413,
            page(
                "Too much",
                "<p>That is more than a questionnaire holds.</p>",
            ),
        );
    }
    let mut body = Vec::new();
    if request
        .as_reader()
        .take(MAX_BODY + 1)
        .read_to_end(&mut body)
        .is_err()
        || body.len() as u64 > MAX_BODY
    {
        return (
            413,
            page(
                "Too much",
                "<p>That is more than a questionnaire holds.</p>",
            ),
        );
    }
    let fields = match web::urlencoded(&body) {
        Ok(f) => f,
        Err(e) => {
            return (
                400,
                page("Not an answer", &format!("<p>{}</p>", escape_html(&e))),
            )
        }
    };
    let response = match web::response(&state.rubric, &fields) {
        Ok(r) => r,
        Err(problems) => {
            let items: String = problems
                .iter()
                .map(|p| format!("<li>{}</li>", escape_html(p)))
                .collect();
            return (
                400,
                page(
                    "Something to fix",
                    &format!("<ul>{items}</ul><p>Go back: your answers are still in the page.</p>"),
                ),
            );
        }
    };
    let saved = response.to_yaml().and_then(|text| {
        let stem = names::response_stem(&response);
        output::create_free(
            &state.dir,
            |n| names::numbered(&stem, n, "yaml"),
            text.as_bytes(),
            true,
        )
    });
    match saved {
        Ok(path) => {
            crate::say!("received {}", path.display());
            let key = format!("learnlead:{}:{}", response.rubric.id, response.rubric.hash);
            (
                200,
                page(
                    "Thank you",
                    &format!(
                        "<p>Your answers are with the facilitator.</p><script>try {{ localStorage.removeItem(\"{}\"); }} catch (e) {{}}</script>",
                        escape_html(&key).replace('"', "")
                    ),
                ),
            )
        }
        Err(e) => {
            crate::say_err!("error: {e}");
            (
                500,
                page(
                    "Not saved",
                    "<p>The answers could not be saved. Tell the facilitator, and try again.</p>",
                ),
            )
        }
    }
}

/// The facilitator's page: how many answered, refreshed every few seconds.
fn status(state: &State) -> String {
    let files = output::yaml_files_in(&state.dir).unwrap_or_default();
    let (mut complete, mut unfinished) = (0, 0);
    for f in &files {
        match crate::io::response_file::load(f) {
            Ok(r) if r.is_complete() => complete += 1,
            Ok(_) => unfinished += 1,
            Err(_) => {}
        }
    }
    let report = format!("/f/{}/report", state.facilitator);
    let mut html = page(
        "Answers so far",
        &format!(
            "<p class=\"lead\"><strong>{complete}</strong> finished{}.</p><p><a href=\"{report}\">Show the group report</a> (as <code>learnlead compare {}</code> would)</p><p class=\"meta\">This page updates every five seconds.</p>",
            match unfinished {
                0 => String::new(),
                n => format!(", {n} partly answered"),
            },
            escape_html(&state.dir.display().to_string())
        ),
    );
    html = html.replacen(
        "<head>",
        "<head><meta http-equiv=\"refresh\" content=\"5\">",
        1,
    );
    html
}

/// The group report on what has arrived, ready to project.
fn report(state: &State) -> (u16, String) {
    let args = GroupArgs {
        inputs: vec![state.dir.clone()],
        anonymize: false,
        min_group: 3,
        by: None,
        baseline: Vec::new(),
        rubric: Some(state.rubric_name.clone()),
        config: None,
    };
    let html = crate::commands::compare::Group::read(state.catalog, &args, true).and_then(|g| {
        let framing = crate::commands::framing(None)?;
        render::render("compare.html.j2", Markup::Html, None, &g.view, &framing)
    });
    match html {
        Ok(h) => (200, h),
        Err(e) => (
            200,
            page(
                "No report yet",
                &format!("<p>{}</p>", escape_html(&e.to_string())),
            ),
        ),
    }
}

/// A small page in the reports' style.
fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title><style>body{{font:18px/1.5 system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#1d232a}}.meta{{color:#56606b}}.lead{{font-size:1.4rem}}a{{color:#1f5f8b}}</style></head><body><main><h1>{title}</h1>{body}</main></body></html>"
    )
}

/// 128 random bits, as hex: an address nobody guesses.
fn token() -> Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)
        .map_err(|e| Error::Internal(format!("no random numbers from the system: {e}")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
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
        .and_then(|s| s.connect("192.0.2.1:9").map(|_| s))
        .and_then(|s| s.local_addr())
        .map(|a| a.ip().to_string())
        .unwrap_or_else(|_| "127.0.0.1".to_string())
}

/// `url` as a QR code drawn with half blocks, for phones to scan off the screen.
fn qr(url: &str) -> String {
    match qrcode::QrCode::new(url.as_bytes()) {
        Ok(code) => code
            .render::<qrcode::render::unicode::Dense1x2>()
            .quiet_zone(true)
            .build(),
        Err(_) => String::new(),
    }
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
    fn the_qr_code_is_drawn_in_blocks() {
        let code = qr("http://192.0.2.7:8080/p/0123456789abcdef0123456789abcdef");
        assert!(code.lines().count() > 10);
        assert!(code.contains('█') || code.contains('▀'));
    }
}
