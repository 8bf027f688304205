//! `cargo bench --bench serve`: `learnlead serve` (the real binary) on loopback under a room's
//! load and more: 50 clients at once post 1,000 complete answers to the default rubric (each
//! client one after another on its own connection, as a phone would). Reports answers per
//! second, the median and 99th percentile of the time from sending an answer to the server's
//! "saved" (a redirect to the thank-you page), and checks that every answer became one readable
//! response file. Set
//! `LEARNLEAD_BENCH_CLIENTS` and `LEARNLEAD_BENCH_ANSWERS` for other loads.

#![allow(unreachable_pub, clippy::unwrap_used, clippy::pedantic)] // test code: a failing unwrap is a failing test

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use learnlead::io::assets;
use learnlead::model::rubric::Rubric;

fn main() {
    let clients: usize = env_or("LEARNLEAD_BENCH_CLIENTS", 50);
    let answers: usize = env_or("LEARNLEAD_BENCH_ANSWERS", 1_000);
    let rubric = Rubric::parse(assets::shipped_rubric("wenger-trayner").unwrap().text).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let room = dir.path().join("room");
    let mut server = Command::new(env!("CARGO_BIN_EXE_learnlead"))
        .args(["serve", "--bind", "127.0.0.1", "--port", "0", "--out-dir"])
        .arg(&room)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(server.stdout.take().unwrap()).lines();
    let url = loop {
        let line = lines.next().expect("serve prints its addresses").unwrap();
        if let Some(u) = line.trim().strip_prefix("http://") {
            if u.contains("/p/") {
                break u.to_string();
            }
        }
    };
    std::thread::spawn(move || lines.for_each(drop));
    let (host, path) = url.split_at(url.find('/').unwrap());
    let start = Instant::now();
    let workers: Vec<_> = (0..clients)
        .map(|c| {
            let (host, path) = (host.to_string(), path.to_string());
            let mine: Vec<String> = (0..answers)
                .filter(|i| i % clients == c)
                .map(|i| body(&rubric, i))
                .collect();
            std::thread::spawn(move || post_all(&host, &path, &mine))
        })
        .collect();
    let mut latencies: Vec<Duration> = workers
        .into_iter()
        .flat_map(|w| w.join().unwrap())
        .collect();
    let seconds = start.elapsed().as_secs_f64();
    let _ = server.kill();
    let _ = server.wait();
    latencies.sort();
    let at = |q: f64| latencies[((latencies.len() as f64 * q) as usize).min(latencies.len() - 1)];
    let files = std::fs::read_dir(&room).unwrap().count();
    let compared = Command::new(env!("CARGO_BIN_EXE_learnlead"))
        .arg("compare")
        .arg(&room)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(compared.status.success(), "every file is readable");
    let json: serde_json::Value = serde_json::from_slice(&compared.stdout).unwrap();
    let read = json["participants"].as_array().map_or(0, Vec::len);
    println!(
        "serve, default rubric: {clients} clients posting {answers} complete answers on loopback"
    );
    println!(
        "{:>10}  {:>10}  {:>10}  {:>10}  {:>6}",
        "answers/s", "p50 ms", "p99 ms", "seconds", "files"
    );
    println!(
        "{:>10.0}  {:>10.1}  {:>10.1}  {:>10.2}  {:>6}",
        answers as f64 / seconds,
        at(0.50).as_secs_f64() * 1000.0,
        at(0.99).as_secs_f64() * 1000.0,
        seconds,
        files
    );
    assert_eq!(latencies.len(), answers, "every answer was thanked");
    assert_eq!(files, answers, "one file per answer");
    assert_eq!(read, answers, "every file read back");
}

fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Answer `i`: every statement answered, as the questionnaire page posts it.
fn body(rubric: &Rubric, i: usize) -> String {
    let mut b = format!("name=Person+{i}&role=convenor");
    for (k, item) in rubric.items().enumerate() {
        b.push_str(&format!("&item%3A{}={}", item.item.id, 1 + (i + k) % 5));
    }
    b
}

/// Posts each body in turn on one kept-alive connection; the time each took.
fn post_all(host: &str, path: &str, bodies: &[String]) -> Vec<Duration> {
    let mut stream = TcpStream::connect(host).unwrap();
    let mut taken = Vec::with_capacity(bodies.len());
    for b in bodies {
        let start = Instant::now();
        let request = format!(
            "POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{b}",
            b.len()
        );
        if stream.write_all(request.as_bytes()).is_err() {
            // The server closed a connection that had lived its time: open another.
            stream = TcpStream::connect(host).unwrap();
            stream.write_all(request.as_bytes()).unwrap();
        }
        read_reply(&mut stream);
        taken.push(start.elapsed());
    }
    taken
}

/// Reads one reply (head and a body of its Content-Length) and checks that it thanks.
fn read_reply(stream: &mut TcpStream) {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        stream.read_exact(&mut byte).unwrap();
        head.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&head).to_ascii_lowercase();
    // Saved: the browser is sent on to the thank-you page.
    assert!(
        head.starts_with("http/1.1 303") && head.contains("/thanks"),
        "{head}"
    );
    let len: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap();
    let mut body = vec![0u8; len];
    stream.read_exact(&mut body).unwrap();
}
