//! The little of a WebSocket client (RFC 6455) that talking to a browser's DevTools port on
//! 127.0.0.1 needs: the opening handshake, masked text frames out, whole messages in
//! (fragments joined, control frames passed over), each bounded in size. Used where the
//! system cannot give the browser a pipe (Windows).

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::TcpStream;

/// Opens a WebSocket to `path` on `127.0.0.1:port`: returns the stream, ready for frames.
pub(super) fn connect(port: u16, path: &str) -> io::Result<TcpStream> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_nodelay(true)?;
    let mut key = [0u8; 16];
    getrandom::fill(&mut key).map_err(|e| io::Error::other(e.to_string()))?;
    let key = {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.encode(key)
    };
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
    )?;
    // The reply's head, read a byte at a time so nothing after it is taken from the stream.
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if head.len() > 16 * 1024 || stream.read(&mut byte)? == 0 {
            return Err(io::Error::other("the browser did not open a WebSocket"));
        }
        head.push(byte[0]);
    }
    let status = head.split(|b| *b == b' ').nth(1).unwrap_or_default();
    if status != b"101" {
        return Err(io::Error::other(format!(
            "the browser refused the WebSocket ({})",
            String::from_utf8_lossy(head.split(|b| *b == b'\r').next().unwrap_or_default())
        )));
    }
    Ok(stream)
}

/// Sends `text` as one masked text frame.
pub(super) fn send_text(stream: &mut impl Write, text: &[u8]) -> io::Result<()> {
    let mut frame = Vec::with_capacity(text.len() + 14);
    frame.push(0x81);
    match text.len() {
        n if n < 126 => frame.push(0x80 | n as u8),
        n if u16::try_from(n).is_ok() => {
            frame.push(0x80 | 126);
            frame.extend_from_slice(&(n as u16).to_be_bytes());
        }
        n => {
            frame.push(0x80 | 127);
            frame.extend_from_slice(&(n as u64).to_be_bytes());
        }
    }
    let mut mask = [0u8; 4];
    getrandom::fill(&mut mask).map_err(|e| io::Error::other(e.to_string()))?;
    frame.extend_from_slice(&mask);
    frame.extend(text.iter().enumerate().map(|(i, b)| b ^ mask[i % 4]));
    stream.write_all(&frame)?;
    stream.flush()
}

/// Reads the next whole data message, at most `limit` bytes; `None` when the browser closed
/// the connection. Pings and pongs are passed over (the browser sends none unasked).
pub(super) fn read_message(
    reader: &mut BufReader<impl Read>,
    limit: usize,
) -> io::Result<Option<Vec<u8>>> {
    let mut message = Vec::new();
    loop {
        let mut head = [0u8; 2];
        match reader.read_exact(&mut head) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
            Err(e) => return Err(e),
        }
        let (fin, opcode) = (head[0] & 0x80 != 0, head[0] & 0x0f);
        let masked = head[1] & 0x80 != 0;
        let len = match head[1] & 0x7f {
            126 => {
                let mut b = [0u8; 2];
                reader.read_exact(&mut b)?;
                u64::from(u16::from_be_bytes(b))
            }
            127 => {
                let mut b = [0u8; 8];
                reader.read_exact(&mut b)?;
                u64::from_be_bytes(b)
            }
            n => u64::from(n),
        };
        let mut mask = [0u8; 4];
        if masked {
            reader.read_exact(&mut mask)?;
        }
        if message.len() as u64 + len > limit as u64 {
            return Err(too_long(limit));
        }
        let start = message.len();
        (&mut *reader).take(len).read_to_end(&mut message)?;
        if (message.len() - start) as u64 != len {
            return Ok(None);
        }
        if masked {
            for (i, b) in message[start..].iter_mut().enumerate() {
                *b ^= mask[i % 4];
            }
        }
        match opcode {
            0x8 => return Ok(None),
            // Control frames may come between fragments; they are not part of the message.
            0x9 | 0xA => {
                message.truncate(start);
                continue;
            }
            _ if fin => return Ok(Some(message)),
            _ => {}
        }
    }
}

fn too_long(limit: usize) -> io::Error {
    io::Error::other(format!(
        "the browser sent a message over {} MiB",
        limit >> 20
    ))
}

/// Reads from `reader` up to the next NUL byte (the pipe's message end), at most `limit`
/// bytes; `None` at the end of the stream.
pub(super) fn read_nul_message(
    reader: &mut BufReader<impl Read>,
    limit: usize,
) -> io::Result<Option<Vec<u8>>> {
    let mut message = Vec::new();
    loop {
        let available = reader.fill_buf()?;
        if available.is_empty() {
            return Ok(None);
        }
        let (chunk, done) = match available.iter().position(|b| *b == 0) {
            Some(i) => (&available[..i], Some(i + 1)),
            None => (available, None),
        };
        if message.len() + chunk.len() > limit {
            return Err(too_long(limit));
        }
        message.extend_from_slice(chunk);
        if let Some(n) = done {
            reader.consume(n);
            return Ok(Some(message));
        } else {
            let n = chunk.len();
            reader.consume(n);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A frame as a server sends it: unmasked.
    fn frame(fin: bool, opcode: u8, payload: &[u8]) -> Vec<u8> {
        let mut f = vec![if fin { 0x80 } else { 0 } | opcode];
        match payload.len() {
            n if n < 126 => f.push(n as u8),
            n if n <= 65535 => {
                f.push(126);
                f.extend_from_slice(&(n as u16).to_be_bytes());
            }
            n => {
                f.push(127);
                f.extend_from_slice(&(n as u64).to_be_bytes());
            }
        }
        f.extend_from_slice(payload);
        f
    }

    #[test]
    fn fragments_join_and_pings_between_them_are_passed_over() {
        let mut bytes = frame(false, 1, b"{\"id\":");
        bytes.extend(frame(true, 9, b"ping"));
        bytes.extend(frame(true, 0, b"1}"));
        let big = vec![b'x'; 70_000];
        bytes.extend(frame(true, 1, &big));
        bytes.extend(frame(true, 8, b""));
        let mut r = BufReader::new(&bytes[..]);
        assert_eq!(
            read_message(&mut r, 1 << 20).unwrap().unwrap(),
            b"{\"id\":1}"
        );
        assert_eq!(
            read_message(&mut r, 1 << 20).unwrap().unwrap().len(),
            70_000
        );
        assert!(read_message(&mut r, 1 << 20).unwrap().is_none(), "closed");
    }

    #[test]
    fn a_message_over_the_limit_is_refused_before_it_is_read() {
        // The header claims 2^62 bytes; nothing of that size is ever allocated.
        let mut bytes = vec![0x81, 127];
        bytes.extend_from_slice(&(1u64 << 62).to_be_bytes());
        let err = read_message(&mut BufReader::new(&bytes[..]), 1 << 20).unwrap_err();
        assert!(err.to_string().contains("over 1 MiB"), "{err}");
        let endless = vec![b'x'; 3 << 20];
        let err = read_nul_message(&mut BufReader::new(&endless[..]), 1 << 20).unwrap_err();
        assert!(err.to_string().contains("over 1 MiB"), "{err}");
    }

    #[test]
    fn outgoing_frames_are_masked_and_sized() {
        let mut out = Vec::new();
        send_text(&mut out, &[b'a'; 200]).unwrap();
        assert_eq!(out[0], 0x81);
        assert_eq!(out[1], 0x80 | 126);
        assert_eq!(u16::from_be_bytes([out[2], out[3]]), 200);
        let mask = [out[4], out[5], out[6], out[7]];
        let unmasked: Vec<u8> = out[8..]
            .iter()
            .enumerate()
            .map(|(i, b)| b ^ mask[i % 4])
            .collect();
        assert_eq!(unmasked, vec![b'a'; 200]);
        let mut r = BufReader::new(&b"{\"a\":1}\0{\"b\":2}\0"[..]);
        assert_eq!(read_nul_message(&mut r, 64).unwrap().unwrap(), b"{\"a\":1}");
        assert_eq!(read_nul_message(&mut r, 64).unwrap().unwrap(), b"{\"b\":2}");
        assert!(read_nul_message(&mut r, 64).unwrap().is_none());
    }
}
