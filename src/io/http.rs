//! A small HTTP/1.1 server for a room of phones on a shared network, where anyone on the Wi-Fi
//! can send anything. Every resource a request could take is bounded by design ([`Limits`]):
//!
//! - the request head: its size and number of headers (431), and the time to send it, which
//!   also closes connections that sit idle;
//! - the body: a declared length over the limit is refused before anything is read (413), a
//!   body sent without a length is cut at the limit (413), and a body that does not arrive in
//!   time is abandoned (408);
//! - connections: at most [`Limits::max_connections`] at once, fewer when the system allows this
//!   process fewer open files, and at most [`Limits::max_per_client`] from one address, so one
//!   machine on the network cannot take them all; each lives at most
//!   [`Limits::max_connection_age`];
//! - work: the handler runs on a pool of threads of its own, so a slow disk for one answer never
//!   holds a page for another.
//!
//! When the system refuses a new connection (no file descriptors left), the server says so on
//! the terminal, at most once a second, and keeps serving the connections it has. It ends only
//! when told to stop.

use std::convert::Infallible;
use std::net::{SocketAddr, TcpListener as StdListener};
use std::sync::Arc;
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::{Method, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};

use crate::error::{Error, Result};

/// What one request and the server as a whole may take.
#[derive(Debug, Clone)]
pub struct Limits {
    /// To send the request head; also how long a connection may sit idle between requests.
    pub header_timeout: Duration,
    /// To send the whole body.
    pub body_timeout: Duration,
    /// The largest body accepted.
    pub max_body: usize,
    /// The largest request head (request line and headers), in bytes.
    pub max_head: usize,
    /// The most headers a request may have.
    pub max_headers: usize,
    /// The most connections open at once.
    pub max_connections: usize,
    /// The longest one connection is kept: then it is closed after its current request.
    pub max_connection_age: Duration,
    /// The most connections one address on the network may hold at once (a phone's browser
    /// opens a few): one machine cannot take every slot. This computer itself is not bounded.
    pub max_per_client: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(10),
            max_body: 1024 * 1024,
            max_head: 16 * 1024,
            max_headers: 64,
            max_connections: 256,
            max_connection_age: Duration::from_secs(120),
            max_per_client: 16,
        }
    }
}

/// A request as the handler sees it: read whole, within the limits.
#[derive(Debug)]
pub struct Request {
    /// The address it came from.
    pub peer: std::net::IpAddr,
    pub method: Method,
    /// The path, without the query.
    pub path: String,
    pub query: String,
    /// The `Cookie` header, if any.
    pub cookie: Option<String>,
    pub body: Bytes,
}

/// What the handler answers.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    /// Headers beyond the ones every reply gets.
    pub headers: Vec<(&'static str, String)>,
}

impl Reply {
    /// An HTML page.
    pub fn html(status: u16, body: String) -> Reply {
        Reply {
            status,
            content_type: "text/html; charset=utf-8",
            body: body.into_bytes(),
            headers: Vec::new(),
        }
    }

    /// A JSON document.
    pub fn json(body: Vec<u8>) -> Reply {
        Reply {
            status: 200,
            content_type: "application/json",
            body,
            headers: Vec::new(),
        }
    }

    /// A page in plain words, for the refusals the server makes before any handler runs.
    fn plain(status: StatusCode, words: &str) -> Reply {
        Reply {
            status: status.as_u16(),
            content_type: "text/plain; charset=utf-8",
            body: format!("{words}\n").into_bytes(),
            headers: vec![("Connection", "close".into())],
        }
    }
}

/// What answers requests. Called on a thread that may block (writing a file, flushing it).
pub trait Handler: Send + Sync + 'static {
    fn handle(&self, request: Request) -> Reply;
}

/// Headers every reply carries: nothing is cached, nothing leaks the address to another site,
/// and a page may load nothing from anywhere else.
const SECURITY_HEADERS: &[(&str, &str)] = &[
    ("Cache-Control", "no-store"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    (
        "Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'",
    ),
];

/// The most connections this process can hold: the limit asked for, or fewer when the system
/// allows fewer open files (leaving room for the files the answers are written to).
pub fn connection_limit(wanted: usize) -> usize {
    match crate::platform::process::open_file_limit() {
        Some(files) => wanted.min(files.saturating_sub(32).max(8)),
        None => wanted,
    }
}

/// Serves `listener` with `handler` until `stop` says to stop. Errors only when the server
/// cannot start; once it runs, nothing a client does ends it.
pub fn serve(
    listener: StdListener,
    limits: Limits,
    handler: Arc<dyn Handler>,
    stop: tokio::sync::oneshot::Receiver<()>,
    log: fn(&str),
) -> Result<()> {
    listener
        .set_nonblocking(true)
        .map_err(|e| Error::Internal(format!("cannot listen: {e}")))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("learnlead-serve")
        .build()
        .map_err(|e| Error::Internal(format!("cannot start the server: {e}")))?;
    runtime.block_on(accept_loop(listener, limits, handler, stop, log))?;
    // Connections still open (a phone's idle page) are not waited for.
    runtime.shutdown_timeout(Duration::from_secs(1));
    Ok(())
}

async fn accept_loop(
    listener: StdListener,
    limits: Limits,
    handler: Arc<dyn Handler>,
    mut stop: tokio::sync::oneshot::Receiver<()>,
    log: fn(&str),
) -> Result<()> {
    let listener = tokio::net::TcpListener::from_std(listener)
        .map_err(|e| Error::Internal(format!("cannot listen: {e}")))?;
    let limits = Arc::new(limits);
    let slots = Arc::new(tokio::sync::Semaphore::new(limits.max_connections));
    let per_client: Arc<std::sync::Mutex<std::collections::HashMap<std::net::IpAddr, usize>>> =
        Arc::default();
    let mut last_refusal: Option<Instant> = None;
    let mut last_complaint: Option<Instant> = None;
    loop {
        let permit = tokio::select! {
            _ = &mut stop => return Ok(()),
            permit = slots.clone().acquire_owned() => permit.map_err(|e| Error::Internal(e.to_string()))?,
        };
        let accepted = tokio::select! {
            _ = &mut stop => return Ok(()),
            accepted = listener.accept() => accepted,
        };
        match accepted {
            Ok((stream, peer)) => {
                let ip = peer.ip();
                let Some(held) = ClientSlot::take(&per_client, ip, limits.max_per_client) else {
                    // Closed at once: this address holds its share of connections already.
                    if last_refusal.is_none_or(|t| t.elapsed() > Duration::from_secs(10)) {
                        log(&format!(
                            "warning: {ip} holds {} connections and was refused more; everyone else is served",
                            limits.max_per_client
                        ));
                        last_refusal = Some(Instant::now());
                    }
                    drop(stream);
                    continue;
                };
                let _ = stream.set_nodelay(true);
                let (limits, handler) = (limits.clone(), handler.clone());
                tokio::spawn(async move {
                    connection(stream, peer, &limits, handler).await;
                    drop(held);
                    drop(permit);
                });
            }
            Err(e) => {
                // Out of file descriptors, or a connection reset before it was taken: say so
                // (not on every attempt), wait a moment, and go on serving.
                if last_complaint.is_none_or(|t| t.elapsed() > Duration::from_secs(1)) {
                    log(&format!(
                        "warning: cannot take a new connection ({}); still serving the others",
                        crate::error::io_words(&e)
                    ));
                    last_complaint = Some(Instant::now());
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
    }
}

/// One of the connections an address on the network holds; given back when dropped.
struct ClientSlot {
    ip: std::net::IpAddr,
    counts: Arc<std::sync::Mutex<std::collections::HashMap<std::net::IpAddr, usize>>>,
}

impl ClientSlot {
    /// A slot for `ip` (`Some(Some(_))`), unless it holds `most` already (`None`). This computer
    /// itself is not counted (`Some(None)`).
    #[allow(clippy::option_option)]
    fn take(
        counts: &Arc<std::sync::Mutex<std::collections::HashMap<std::net::IpAddr, usize>>>,
        ip: std::net::IpAddr,
        most: usize,
    ) -> Option<Option<ClientSlot>> {
        if ip.is_loopback() {
            return Some(None);
        }
        let mut map = counts.lock().ok()?;
        let n = map.entry(ip).or_default();
        if *n >= most {
            return None;
        }
        *n += 1;
        Some(Some(ClientSlot {
            ip,
            counts: counts.clone(),
        }))
    }
}

impl Drop for ClientSlot {
    fn drop(&mut self) {
        if let Ok(mut map) = self.counts.lock() {
            if let Some(n) = map.get_mut(&self.ip) {
                *n -= 1;
                if *n == 0 {
                    map.remove(&self.ip);
                }
            }
        }
    }
}

/// One connection: requests one after another, within the limits, for at most its age.
async fn connection(
    stream: tokio::net::TcpStream,
    peer: SocketAddr,
    limits: &Arc<Limits>,
    handler: Arc<dyn Handler>,
) {
    let service_limits = limits.clone();
    let service = hyper::service::service_fn(move |request| {
        let (limits, handler) = (service_limits.clone(), handler.clone());
        async move { Ok::<_, Infallible>(respond(request, peer.ip(), &limits, handler).await) }
    });
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .max_header_size(limits.max_head)
        .max_buf_size(limits.max_head.max(8192) + limits.max_body.min(64 * 1024))
        .max_headers(limits.max_headers)
        .keep_alive(true);
    let conn = builder.serve_connection(TokioIo::new(stream), service);
    tokio::pin!(conn);
    tokio::select! {
        _ = conn.as_mut() => {}
        () = tokio::time::sleep(limits.max_connection_age) => {
            conn.as_mut().graceful_shutdown();
            let _ = tokio::time::timeout(limits.body_timeout, conn).await;
        }
    }
}

/// Reads the request within the limits, then lets the handler answer it on a blocking thread.
async fn respond(
    request: hyper::Request<Incoming>,
    peer: std::net::IpAddr,
    limits: &Limits,
    handler: Arc<dyn Handler>,
) -> hyper::Response<Full<Bytes>> {
    let reply = match read(request, peer, limits).await {
        Ok(request) => tokio::task::spawn_blocking(move || handler.handle(request))
            .await
            .unwrap_or_else(|_| {
                Reply::plain(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Something went wrong here; try again.",
                )
            }),
        Err(refusal) => refusal,
    };
    to_response(reply)
}

/// The request with its body, or the refusal: 413 for a body over the limit (declared or
/// sent), 408 for one that does not arrive in time, 400 for one that breaks off.
async fn read(
    request: hyper::Request<Incoming>,
    peer: std::net::IpAddr,
    limits: &Limits,
) -> Result<Request, Reply> {
    let too_large = || {
        Reply::plain(
            StatusCode::PAYLOAD_TOO_LARGE,
            "That is more than a questionnaire holds.",
        )
    };
    let declared = request
        .headers()
        .get(hyper::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limits.max_body as u64) {
        return Err(too_large());
    }
    let (parts, body) = request.into_parts();
    let collected = tokio::time::timeout(
        limits.body_timeout,
        Limited::new(body, limits.max_body).collect(),
    )
    .await;
    let body = match collected {
        Err(_) => {
            return Err(Reply::plain(
                StatusCode::REQUEST_TIMEOUT,
                "The request took too long to arrive; try again.",
            ))
        }
        Ok(Err(e)) if e.is::<http_body_util::LengthLimitError>() => return Err(too_large()),
        Ok(Err(_)) => {
            return Err(Reply::plain(
                StatusCode::BAD_REQUEST,
                "The request broke off; try again.",
            ))
        }
        Ok(Ok(c)) => c.to_bytes(),
    };
    Ok(Request {
        peer,
        method: parts.method,
        path: parts.uri.path().to_string(),
        query: parts.uri.query().unwrap_or_default().to_string(),
        cookie: parts
            .headers
            .get(hyper::header::COOKIE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string),
        body,
    })
}

fn to_response(reply: Reply) -> hyper::Response<Full<Bytes>> {
    let mut response = hyper::Response::new(Full::new(Bytes::from(reply.body)));
    *response.status_mut() =
        StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let headers = response.headers_mut();
    let pairs = SECURITY_HEADERS
        .iter()
        .map(|(k, v)| (*k, (*v).to_string()))
        .chain([("Content-Type", reply.content_type.to_string())])
        .chain(reply.headers);
    for (name, value) in pairs {
        if let Ok(value) = hyper::header::HeaderValue::from_str(&value) {
            headers.insert(name, value);
        }
    }
    response
}

/// `http://HOST:PORT`, with an IPv6 address in brackets, as a browser needs it.
pub fn origin(host: &str, port: u16) -> String {
    match host.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V6(v6)) => format!("http://[{v6}]:{port}"),
        _ => format!("http://{host}:{port}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_open_in_a_browser() {
        assert_eq!(origin("::1", 8080), "http://[::1]:8080");
        assert_eq!(origin("192.0.2.7", 80), "http://192.0.2.7:80");
        assert_eq!(origin("fe80::1", 1), "http://[fe80::1]:1");
    }

    #[test]
    fn one_address_on_the_network_holds_a_bounded_share_of_connections() {
        let counts = Arc::default();
        let phone: std::net::IpAddr = "192.0.2.7".parse().unwrap();
        let held: Vec<_> = (0..3)
            .map(|_| ClientSlot::take(&counts, phone, 3).expect("within its share"))
            .collect();
        assert!(
            ClientSlot::take(&counts, phone, 3).is_none(),
            "a fourth is refused"
        );
        let other: std::net::IpAddr = "192.0.2.8".parse().unwrap();
        assert!(
            ClientSlot::take(&counts, other, 3).is_some(),
            "others are served"
        );
        drop(held);
        assert!(
            ClientSlot::take(&counts, phone, 3).is_some(),
            "given back when closed"
        );
        let here: std::net::IpAddr = "127.0.0.1".parse().unwrap();
        for _ in 0..10 {
            assert!(
                matches!(ClientSlot::take(&counts, here, 3), Some(None)),
                "unbounded"
            );
        }
    }

    #[test]
    fn the_limits_are_the_documented_ones() {
        let l = Limits::default();
        assert_eq!(l.header_timeout, Duration::from_secs(10));
        assert_eq!(l.body_timeout, Duration::from_secs(10));
        assert_eq!(l.max_body, 1 << 20);
        assert!(connection_limit(256) <= 256);
        assert!(connection_limit(256) >= 8);
    }
}
