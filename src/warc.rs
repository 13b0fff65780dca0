//! WARC reader: web harvests (Heritrix, wget, browsertrix, the Internet Archive) as a stream of pages.
//!
//! A `.warc` or `.warc.gz` file is read front to back through a buffer, never whole: gzip members (one
//! per record, or one for the file) are decoded as they come by flate2's `MultiGzDecoder`, each record's
//! header block is parsed with httparse, and only one record's content is in memory at a time. Every
//! HTML `response` record (and `resource` record) is a page; other records (`warcinfo`, `request`,
//! `metadata`, `revisit`, images, redirects) are skipped and counted. A damaged record is an error
//! naming the file and the record; the reader then looks for the next record, and a file cut short (or
//! a gzip member cut) ends with one error.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use flate2::bufread::MultiGzDecoder;

use crate::error::{Error, Result};

/// Longest header block accepted (a record's WARC headers, or an HTTP response's headers).
const MAX_HEADER: usize = 64 * 1024;

/// Whether the path names a WARC file (`.warc`, `.warc.gz`, `.arc.gz` is not read).
pub fn is_warc(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    name.ends_with(".warc") || name.ends_with(".warc.gz")
}

/// A page found in a WARC file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// 1-based number of the record in the file.
    pub number: usize,
    /// `WARC-Record-ID`.
    pub record_id: String,
    /// `WARC-Target-URI`.
    pub target_uri: String,
    /// `WARC-Date`.
    pub date: String,
    /// The HTTP `Content-Type` (it may declare the charset).
    pub content_type: Option<String>,
    /// The page's bytes (the HTTP body, de-chunked and decompressed).
    pub body: Vec<u8>,
}

impl Page {
    /// How the page is named in messages: the file and the record.
    pub fn label(&self, file: &Path) -> PathBuf {
        PathBuf::from(format!(
            "{}: record {} <{}>",
            file.display(),
            self.number,
            self.target_uri
        ))
    }
}

/// What the reader found next.
#[derive(Debug)]
pub enum Item {
    /// An HTML page.
    Page(Page),
    /// A record that is not an HTML page (its number and why).
    Skipped(usize, &'static str),
}

/// A streaming WARC reader: an iterator of pages, skipped records and errors.
pub struct Reader<R: BufRead> {
    inner: R,
    path: PathBuf,
    number: usize,
    max_size: u64,
    done: bool,
}

/// Opens a WARC file (gzip-compressed or not, told by its first bytes).
pub fn open(path: &Path, max_size: u64) -> Result<Reader<Box<dyn BufRead + Send>>> {
    let file = File::open(path).map_err(|source| Error::Read {
        path: path.to_owned(),
        source,
    })?;
    let mut buffered = BufReader::with_capacity(256 * 1024, file);
    let head = buffered.fill_buf().map_err(|source| Error::Read {
        path: path.to_owned(),
        source,
    })?;
    let inner: Box<dyn BufRead + Send> = if head.starts_with(&[0x1f, 0x8b]) {
        Box::new(BufReader::with_capacity(
            256 * 1024,
            MultiGzDecoder::new(buffered),
        ))
    } else {
        Box::new(buffered)
    };
    Ok(Reader::new(path, inner, max_size))
}

impl<R: BufRead> Reader<R> {
    /// A reader over decompressed WARC bytes; `path` names the file in messages.
    pub fn new(path: &Path, inner: R, max_size: u64) -> Self {
        Self {
            inner,
            path: path.to_owned(),
            number: 0,
            max_size,
            done: false,
        }
    }

    fn err(&self, number: usize, message: impl Into<String>) -> Error {
        Error::Warc {
            path: self.path.clone(),
            record: number,
            message: message.into(),
        }
    }

    /// The next record, `None` at the end of the file.
    fn next_item(&mut self) -> Result<Option<Item>> {
        let Some(version) = self.version_line()? else {
            return Ok(None);
        };
        self.number += 1;
        let number = self.number;
        if !version.starts_with("WARC/") {
            return Err(self.resync(number, "expected a WARC/1.x version line"));
        }
        let block = self.header_block(number)?;
        let headers = parse_headers(&block).map_err(|m| self.err(number, m))?;
        let get = |name: &str| {
            headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.clone())
        };
        let length: u64 = match get("Content-Length").map(|l| l.trim().parse()) {
            Some(Ok(n)) => n,
            _ => return Err(self.resync(number, "missing or invalid Content-Length")),
        };
        let kind = get("WARC-Type").unwrap_or_default().to_ascii_lowercase();
        let content_type = get("Content-Type").unwrap_or_default().to_ascii_lowercase();
        let wanted = kind == "response" && content_type.starts_with("application/http")
            || kind == "resource" && is_html_type(&content_type);
        if !wanted || length > self.max_size {
            self.skip(number, length)?;
            let why = if wanted {
                "larger than --max-size"
            } else {
                "not an HTTP response or HTML resource"
            };
            if wanted {
                return Err(self.err(
                    number,
                    format!("{length} bytes, over the {}-byte limit", self.max_size),
                ));
            }
            return Ok(Some(Item::Skipped(number, why)));
        }
        let content = self.content(number, length)?;
        let record_id = get("WARC-Record-ID").unwrap_or_default();
        let target_uri = get("WARC-Target-URI")
            .unwrap_or_default()
            .trim_matches(['<', '>'])
            .to_owned();
        let date = get("WARC-Date").unwrap_or_default();
        let page = |content_type: Option<String>, body: Vec<u8>| Page {
            number,
            record_id: record_id.clone(),
            target_uri: target_uri.clone(),
            date: date.clone(),
            content_type,
            body,
        };
        if kind == "resource" {
            return Ok(Some(Item::Page(page(Some(content_type), content))));
        }
        match http_page(&content) {
            Ok(Some((ct, body))) => Ok(Some(Item::Page(page(ct, body)))),
            Ok(None) => Ok(Some(Item::Skipped(
                number,
                "not an HTML page with status 200",
            ))),
            Err(m) => Err(self.err(number, m)),
        }
    }

    /// The record's first line, skipping the blank lines between records; `None` at the end.
    fn version_line(&mut self) -> Result<Option<String>> {
        loop {
            let mut line = Vec::new();
            let n = self
                .read_line(&mut line)
                .map_err(|e| self.io_err(self.number + 1, e))?;
            if n == 0 {
                return Ok(None);
            }
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Ok(Some(String::from_utf8_lossy(&line).trim().to_owned()));
        }
    }

    /// One line, at most [`MAX_HEADER`] bytes.
    fn read_line(&mut self, line: &mut Vec<u8>) -> io::Result<usize> {
        (&mut self.inner)
            .take(MAX_HEADER as u64)
            .read_until(b'\n', line)
    }

    /// The header lines up to the blank line, with their line ends.
    fn header_block(&mut self, number: usize) -> Result<Vec<u8>> {
        let mut block = Vec::new();
        loop {
            let start = block.len();
            let n = self
                .read_line(&mut block)
                .map_err(|e| self.io_err(number, e))?;
            if n == 0 {
                return Err(self.err(
                    number,
                    "the file ends inside the record's headers (truncated)",
                ));
            }
            if block[start..].iter().all(u8::is_ascii_whitespace) {
                return Ok(block);
            }
            if block.len() > MAX_HEADER {
                return Err(self.resync(number, "header block too long"));
            }
        }
    }

    /// Exactly `length` bytes of content.
    fn content(&mut self, number: usize, length: u64) -> Result<Vec<u8>> {
        let mut content = Vec::with_capacity(usize::try_from(length).unwrap_or(0).min(1 << 24));
        let read = (&mut self.inner)
            .take(length)
            .read_to_end(&mut content)
            .map_err(|e| self.io_err(number, e))?;
        if (read as u64) < length {
            self.done = true;
            return Err(self.err(
                number,
                format!(
                    "the file ends {} bytes into a {length}-byte record (truncated)",
                    read
                ),
            ));
        }
        Ok(content)
    }

    /// Passes over `length` bytes of content without keeping them.
    fn skip(&mut self, number: usize, length: u64) -> Result<()> {
        let skipped = io::copy(&mut (&mut self.inner).take(length), &mut io::sink())
            .map_err(|e| self.io_err(number, e))?;
        if skipped < length {
            self.done = true;
            return Err(self.err(number, "the file ends inside the record (truncated)"));
        }
        Ok(())
    }

    /// After a damaged record: reads on to the next line that starts a record, so that the records after
    /// it are still read. Returns the error describing the damage.
    fn resync(&mut self, number: usize, message: &str) -> Error {
        loop {
            let buf = match self.inner.fill_buf() {
                Ok([]) => break,
                Ok(b) => b,
                Err(e) => {
                    self.done = true;
                    return self.io_err(number, e);
                }
            };
            // The next record starts at a line beginning with "WARC/".
            if buf.starts_with(b"WARC/") {
                break;
            }
            let mut line = Vec::new();
            if self.read_line(&mut line).unwrap_or(0) == 0 {
                break;
            }
        }
        self.err(number, format!("{message}; skipped to the next record"))
    }

    /// A read error: a gzip member cut or damaged ends the file.
    fn io_err(&mut self, number: usize, e: io::Error) -> Error {
        self.done = true;
        let what = match e.kind() {
            io::ErrorKind::UnexpectedEof => {
                "the file ends inside a gzip member (truncated)".to_owned()
            }
            io::ErrorKind::InvalidInput | io::ErrorKind::InvalidData => {
                format!("damaged gzip data ({e})")
            }
            _ => format!("cannot read: {e}"),
        };
        self.err(number, what)
    }
}

impl<R: BufRead> Iterator for Reader<R> {
    type Item = Result<Item>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let item = self.next_item();
        if matches!(item, Ok(None)) {
            self.done = true;
        }
        item.transpose()
    }
}

/// `Name: value` lines (httparse; WARC headers have HTTP's syntax), with folded lines unfolded.
fn parse_headers(block: &[u8]) -> std::result::Result<Vec<(String, String)>, String> {
    let mut size = 128;
    loop {
        let mut storage = vec![httparse::EMPTY_HEADER; size];
        match httparse::parse_headers(block, &mut storage) {
            Ok(httparse::Status::Complete((_, headers))) => {
                return Ok(headers
                    .iter()
                    .map(|h| {
                        (
                            h.name.to_owned(),
                            String::from_utf8_lossy(h.value).trim().to_owned(),
                        )
                    })
                    .collect())
            }
            Ok(httparse::Status::Partial) => return Err("incomplete header block".into()),
            Err(httparse::Error::TooManyHeaders) if size < 4096 => size *= 4,
            Err(e) => return Err(format!("malformed header block: {e}")),
        }
    }
}

fn is_html_type(content_type: &str) -> bool {
    let ct = content_type.trim().to_ascii_lowercase();
    ct.starts_with("text/html") || ct.starts_with("application/xhtml+xml")
}

/// An archived response's `Content-Type` and body.
type HttpPage = (Option<String>, Vec<u8>);

/// The HTML page of an archived HTTP response: its `Content-Type` and its body (de-chunked and
/// decompressed); `None` when it is not a 200 response of HTML.
fn http_page(content: &[u8]) -> std::result::Result<Option<HttpPage>, String> {
    let mut storage = vec![httparse::EMPTY_HEADER; 128];
    let mut response = httparse::Response::new(&mut storage);
    let len = match response.parse(content) {
        Ok(httparse::Status::Complete(len)) => len,
        Ok(httparse::Status::Partial) => return Err("incomplete HTTP response headers".into()),
        Err(e) => return Err(format!("malformed HTTP response: {e}")),
    };
    if response.code != Some(200) {
        return Ok(None);
    }
    let header = |name: &str| {
        response
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).trim().to_owned())
    };
    let content_type = header("Content-Type");
    let body = &content[len..];
    let html = match &content_type {
        Some(ct) => is_html_type(ct),
        None => crate::html::sniff(body),
    };
    if !html {
        return Ok(None);
    }
    let chunked =
        header("Transfer-Encoding").is_some_and(|t| t.to_ascii_lowercase().contains("chunked"));
    let body = if chunked {
        dechunk(body)?
    } else {
        body.to_vec()
    };
    let body = match header("Content-Encoding").map(|e| e.to_ascii_lowercase()) {
        None => body,
        Some(e) if e.is_empty() || e == "identity" => body,
        Some(e) if e == "gzip" || e == "x-gzip" => {
            let mut out = Vec::new();
            MultiGzDecoder::new(&body[..])
                .read_to_end(&mut out)
                .map_err(|err| format!("the page's gzip content is damaged ({err})"))?;
            out
        }
        Some(e) if e == "deflate" => {
            let mut out = Vec::new();
            flate2::read::ZlibDecoder::new(&body[..])
                .read_to_end(&mut out)
                .map_err(|err| format!("the page's deflate content is damaged ({err})"))?;
            out
        }
        Some(e) => return Err(format!("unsupported content encoding {e:?}")),
    };
    Ok(Some((content_type, body)))
}

/// The body of a chunked HTTP message (chunk sizes parsed by httparse).
fn dechunk(mut body: &[u8]) -> std::result::Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let (start, size) = match httparse::parse_chunk_size(body) {
            Ok(httparse::Status::Complete(x)) => x,
            // Archived bodies are sometimes de-chunked already while the header still says chunked.
            _ if out.is_empty() => return Ok(body.to_vec()),
            _ => return Err("damaged chunked encoding".into()),
        };
        if size == 0 {
            return Ok(out);
        }
        let size = usize::try_from(size).map_err(|_| "chunk too large".to_string())?;
        let end = start
            .checked_add(size)
            .filter(|&e| e <= body.len())
            .ok_or("chunked body cut short")?;
        out.extend_from_slice(&body[start..end]);
        body = body[end..].strip_prefix(b"\r\n").unwrap_or(&body[end..]);
    }
}

/// A WARC record, for tests and benchmarks that make WARC files.
pub fn record(
    kind: &str,
    uri: &str,
    id: &str,
    date: &str,
    content_type: &str,
    block: &[u8],
) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{id}>\r\nWARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

/// An HTTP 200 response record holding `html`, for tests and benchmarks.
pub fn response_record(uri: &str, id: &str, date: &str, html: &str) -> Vec<u8> {
    let http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{html}",
        html.len()
    );
    record(
        "response",
        uri,
        id,
        date,
        "application/http; msgtype=response",
        http.as_bytes(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    const PAGE: &str = "<!doctype html><html><body><p>Hej</p></body></html>";

    fn items(bytes: &[u8]) -> Vec<std::result::Result<String, String>> {
        Reader::new(Path::new("h.warc"), bytes, 1 << 20)
            .map(|r| match r {
                Ok(Item::Page(p)) => Ok(format!("page {} {}", p.number, p.target_uri)),
                Ok(Item::Skipped(n, _)) => Ok(format!("skipped {n}")),
                Err(e) => Err(e.to_string()),
            })
            .collect()
    }

    fn harvest() -> Vec<u8> {
        let mut w = record(
            "warcinfo",
            "",
            "0",
            "2024-01-01T00:00:00Z",
            "application/warc-fields",
            b"software: test\r\n",
        );
        w.extend(record(
            "request",
            "https://ex.se/a",
            "1",
            "2024-01-01T00:00:00Z",
            "application/http; msgtype=request",
            b"GET /a HTTP/1.1\r\n\r\n",
        ));
        w.extend(response_record(
            "https://ex.se/a",
            "2",
            "2024-01-01T00:00:01Z",
            PAGE,
        ));
        w.extend(record(
            "response",
            "https://ex.se/logo.png",
            "3",
            "2024-01-01T00:00:02Z",
            "application/http; msgtype=response",
            b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG",
        ));
        w.extend(response_record(
            "https://ex.se/b",
            "4",
            "2024-01-01T00:00:03Z",
            PAGE,
        ));
        w
    }

    #[test]
    fn html_responses_are_pages_and_other_records_are_skipped() {
        let got = items(&harvest());
        assert_eq!(
            got,
            [
                Ok("skipped 1".into()),
                Ok("skipped 2".into()),
                Ok("page 3 https://ex.se/a".into()),
                Ok("skipped 4".into()),
                Ok("page 5 https://ex.se/b".into()),
            ]
        );
    }

    #[test]
    fn gzip_members_are_read_as_one_stream() {
        let mut gz = Vec::new();
        for rec in [
            response_record("https://ex.se/a", "1", "d", PAGE),
            response_record("https://ex.se/b", "2", "d", PAGE),
        ] {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            e.write_all(&rec).unwrap();
            gz.extend(e.finish().unwrap());
        }
        let reader = BufReader::new(MultiGzDecoder::new(&gz[..]));
        let pages = Reader::new(Path::new("h.warc.gz"), reader, 1 << 20)
            .filter(|r| matches!(r, Ok(Item::Page(_))))
            .count();
        assert_eq!(pages, 2);
        // A member cut short: the pages before it, then one error, then the end.
        let cut = &gz[..gz.len() - 20];
        let reader = BufReader::new(MultiGzDecoder::new(cut));
        let got: Vec<_> = Reader::new(Path::new("h.warc.gz"), reader, 1 << 20).collect();
        assert_eq!(got.len(), 2);
        assert!(matches!(got[0], Ok(Item::Page(_))));
        let e = got[1].as_ref().unwrap_err().to_string();
        assert!(e.starts_with("h.warc.gz: record 2: "), "{e}");
    }

    #[test]
    fn damaged_records_are_reported_and_reading_goes_on() {
        let mut w = harvest();
        // A wrong length: the record runs into the next one, which then cannot be read.
        let bad = response_record("https://ex.se/c", "9", "d", PAGE);
        let text = String::from_utf8(bad)
            .unwrap()
            .replace(&format!("Content-Length: {}", 9999), "");
        let text = text.replacen("Content-Length: ", "Content-Length: 1", 1);
        w.extend(text.into_bytes());
        w.extend(response_record("https://ex.se/d", "10", "d", PAGE));
        let got = items(&w);
        assert!(got.iter().any(|r| r.is_err()), "{got:?}");
        assert!(got[..5].iter().all(|r| r.is_ok()));
        // A file cut inside a record.
        let full = harvest();
        let got = items(&full[..full.len() - 30]);
        assert!(got
            .last()
            .unwrap()
            .as_ref()
            .unwrap_err()
            .contains("truncated"));
    }

    #[test]
    fn chunked_and_gzipped_bodies_are_decoded() {
        assert_eq!(
            dechunk(b"4\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n").unwrap(),
            b"Wikipedia"
        );
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(PAGE.as_bytes()).unwrap();
        let gz = e.finish().unwrap();
        let mut http =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n"
                .to_vec();
        http.extend(gz);
        let (_, body) = http_page(&http).unwrap().unwrap();
        assert_eq!(body, PAGE.as_bytes());
        assert_eq!(
            http_page(b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\nx").unwrap(),
            None
        );
    }
}
