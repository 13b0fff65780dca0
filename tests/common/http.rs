//! A minimal HTTP/1.1 client for the tests of `newsgraph serve` (loopback only), and a served store.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One HTTP response.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    /// Header lines, names lowercased: `("content-type", "text/csv")`.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    /// The first value of a header (name in lowercase).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Sends `request` (which should ask the server to close) and reads the whole response; chunked bodies
/// are decoded.
pub fn exchange(addr: &str, request: &str) -> Reply {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    s.set_write_timeout(Some(Duration::from_secs(20))).unwrap();
    s.write_all(request.as_bytes()).unwrap();
    let mut response = Vec::new();
    s.take(10 * 1024 * 1024).read_to_end(&mut response).unwrap();
    let split = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map_or(response.len(), |at| at + 4);
    let (head, body) = (text(&response[..split]), &response[split..]);
    let status = head.split(' ').nth(1).unwrap_or("0").parse().unwrap();
    let headers: Vec<(String, String)> = head
        .lines()
        .skip(1)
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let chunked = headers
        .iter()
        .any(|(n, v)| n == "transfer-encoding" && v.eq_ignore_ascii_case("chunked"));
    let body = if chunked { dechunk(body) } else { text(body) };
    Reply {
        status,
        headers,
        body,
    }
}

/// Status code, content type and body of a response.
pub fn http(addr: &str, request: &str) -> (u16, String, String) {
    let r = exchange(addr, request);
    let content_type = r.header("content-type").unwrap_or_default().to_owned();
    (r.status, content_type, r.body)
}

/// A GET of `target` with extra header lines (each ending in CRLF).
pub fn get(addr: &str, target: &str, headers: &str) -> Reply {
    exchange(
        addr,
        &format!("GET {target} HTTP/1.1\r\nHost: {addr}\r\n{headers}Connection: close\r\n\r\n"),
    )
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The payload of a chunked body (sizes in hex, each chunk ended by CRLF, a last chunk of size 0); chunks
/// may split a character, so they are joined as bytes.
pub fn dechunk(mut body: &[u8]) -> String {
    let mut out = Vec::new();
    while let Some(end) = body.windows(2).position(|w| w == b"\r\n") {
        let size = std::str::from_utf8(&body[..end]).unwrap();
        let n = usize::from_str_radix(size.trim(), 16).expect("a chunk size");
        if n == 0 {
            break;
        }
        out.extend_from_slice(&body[end + 2..end + 2 + n]);
        body = &body[end + 2 + n + 2..];
    }
    text(&out)
}

/// Percent-encodes everything but unreserved characters.
pub fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// `newsgraph serve` on a free loopback port, its stderr lines collected; killed when dropped.
pub struct Served {
    pub child: Child,
    pub addr: String,
    log: Arc<Mutex<Vec<String>>>,
}

impl Served {
    /// Serves `store` with `extra` options.
    pub fn start(store: &Path, extra: &[&str]) -> Self {
        let mut child = Command::new(super::bin())
            .args([
                "serve",
                "--store",
                store.to_str().unwrap(),
                "--bind",
                "127.0.0.1:0",
            ])
            .args(extra)
            .current_dir(super::root())
            .env_remove("NEWSGRAPH_STORE")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let first = lines.next().and_then(Result::ok).unwrap_or_default();
        let addr = first
            .split("http://")
            .nth(1)
            .and_then(|r| r.split('/').next())
            .unwrap_or_else(|| panic!("no address in {first:?}"))
            .to_owned();
        let log = Arc::new(Mutex::new(Vec::new()));
        let collected = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                collected.lock().unwrap().push(line);
            }
        });
        Self { child, addr, log }
    }

    /// The stderr lines written since it started (after the address line).
    pub fn log(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }

    /// Waits up to `limit` for a stderr line containing `needle`.
    pub fn wait_for_line(&self, needle: &str, limit: Duration) -> Option<String> {
        let start = std::time::Instant::now();
        while start.elapsed() < limit {
            if let Some(l) = self.log().into_iter().find(|l| l.contains(needle)) {
                return Some(l);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
