//! `newsgraph serve`: a read-only SPARQL 1.1 Protocol endpoint over the store.
//!
//! `GET /query?query=...`, `POST /query` with a form (`query=...`) or a raw `application/sparql-query`
//! body; `default-graph-uri` and `named-graph-uri` choose the dataset (default: the merge of all article
//! graphs, the store's default graph). Results are negotiated with `Accept`: SPARQL JSON (default), XML,
//! CSV or TSV for SELECT/ASK; Turtle (default), N-Triples, N-Quads, JSON-LD or RDF/XML for
//! CONSTRUCT/DESCRIBE. Updates are refused.
//!
//! The store is opened read-only, so `query` and `export` can read it while it is served. Each query has a
//! time limit (`--timeout`, 30 s by default) after which it is stopped and answered 503, and at most
//! `--max-queries` run at once: more are answered 503 at once. The server takes `SPARE_CONNECTIONS`
//! more connections than it runs queries, so slow queries never take every connection and cheap
//! requests (`GET /`, a 503) are still answered.
//!
//! Results are streamed: rows are serialized into the response (chunked) as the client reads it, a
//! chunk at a time, so an answer of millions of rows never sits in memory. The first row is computed
//! before the status is sent, so a query that fails or runs out of time before its first answer gets
//! its status (400, 503, 500); an error later (the time limit, a storage error) cuts the response short
//! without its last chunk, which HTTP clients report as an incomplete body. A client that goes away
//! makes the next write fail, which drops the query and frees its slot.

use std::cell::RefCell;
use std::io::Read;
use std::net::{SocketAddr, TcpListener, ToSocketAddrs};
use std::path::Path;
use std::process::ExitCode;
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use oxhttp::model::header::{ACCEPT, ALLOW, CONTENT_TYPE, RETRY_AFTER};
use oxhttp::model::{Body, HeaderValue, Method, Request, Response, StatusCode};
use oxhttp::Server;
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{PreparedSparqlQuery, QueryResults, QuerySolutionIter, QueryTripleIter};
use oxigraph::store::Store;

use super::{report, ServeArgs};
use crate::emit::graph::SCHEMA;
use crate::error::Error;
use crate::query::{self, Deadline};
use crate::store;

/// Largest request body accepted (a query, a form), in bytes.
pub const MAX_BODY: u64 = 1024 * 1024;
/// Socket read/write timeout.
const TIMEOUT: Duration = Duration::from_secs(60);
/// Connections served at once beyond the running queries: each query (streaming its answer) holds one
/// connection, and these stay for everything else (`GET /`, answers of 503, idle keep-alive clients).
pub const SPARE_CONNECTIONS: usize = 56;
/// Queries evaluated at once by default: a few per core (with the spare connections, 64 connections).
pub const DEFAULT_MAX_QUERIES: u16 = 8;
/// Bytes of results serialized ahead of the client: what a streamed answer holds in memory.
const STREAM_CHUNK: usize = 64 * 1024;

/// Connections a server running `max_queries` queries at once takes.
pub fn max_connections(max_queries: usize) -> usize {
    max_queries + SPARE_CONNECTIONS
}

/// What one server allows its queries.
pub struct Limits {
    /// Time limit of one query.
    pub timeout: Option<Duration>,
    /// Queries evaluated at once.
    pub max_queries: usize,
    running: Arc<AtomicUsize>,
}

impl Limits {
    /// Limits with no query running.
    pub fn new(timeout: Option<Duration>, max_queries: usize) -> Self {
        Self {
            timeout,
            max_queries,
            running: Arc::new(AtomicUsize::new(0)),
        }
    }

    /// A slot for one query, or `None` when `max_queries` are running.
    fn slot(&self) -> Option<Slot> {
        let before = self.running.fetch_add(1, Ordering::AcqRel);
        let slot = Slot(Arc::clone(&self.running));
        (before < self.max_queries).then_some(slot)
    }
}

/// A running query; frees its slot when dropped (with the response body that streams its answer).
struct Slot(Arc<AtomicUsize>);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Runs `serve` until the process is stopped.
pub fn run(args: &ServeArgs) -> ExitCode {
    let st = match store::open_existing(&args.store) {
        Ok(s) => s,
        Err(e) => {
            report::error(&e);
            return ExitCode::FAILURE;
        }
    };
    let addrs = match resolve(&args.bind) {
        Ok(a) => a,
        Err(e) => {
            report::error_text(format!("--bind {}: {e}", args.bind));
            return ExitCode::from(2);
        }
    };
    let limits = Limits::new(args.timeout.0, usize::from(args.max_queries));
    let connections = max_connections(limits.max_queries);
    let path = args.store.clone();
    let mut server = Server::new(move |request| handle(&st, &path, request, &limits))
        .with_global_timeout(TIMEOUT)
        .with_max_concurrent_connections(connections);
    for a in &addrs {
        server = server.bind(*a);
    }
    let listening = match server.spawn() {
        Ok(l) => l,
        Err(e) => {
            report::error_text(format!("--bind {}: {e}", args.bind));
            return ExitCode::FAILURE;
        }
    };
    for a in &addrs {
        report::status(format!(
            "SPARQL endpoint at http://{a}/query (store {}); stop with Ctrl-C",
            args.store.display()
        ));
    }
    match listening.join() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            report::error_text(e.to_string());
            ExitCode::FAILURE
        }
    }
}

/// The socket addresses of `bind`; port 0 is replaced by a free port so that it can be announced.
fn resolve(bind: &str) -> std::io::Result<Vec<SocketAddr>> {
    let mut addrs: Vec<SocketAddr> = bind.to_socket_addrs()?.collect();
    if addrs.is_empty() {
        return Err(std::io::Error::other("no address"));
    }
    for a in &mut addrs {
        if a.port() == 0 {
            let port = TcpListener::bind(*a)?.local_addr()?.port();
            a.set_port(port);
        }
    }
    Ok(addrs)
}

fn text(status: StatusCode, message: &str) -> Response<Body> {
    Response::builder()
        .status(status)
        .header(CONTENT_TYPE, "text/plain; charset=utf-8")
        .body(Body::from(format!("{message}\n")))
        .expect("valid response")
}

/// Answers one request to the store `st`, opened from `path`.
pub fn handle(
    st: &Store,
    store_path: &Path,
    request: &mut Request<Body>,
    limits: &Limits,
) -> Response<Body> {
    let path = request.uri().path();
    if path == "/" && request.uri().query().is_none() && request.method() == Method::GET {
        return text(
            StatusCode::OK,
            "newsgraph SPARQL endpoint: GET or POST /query with query=... (SPARQL 1.1 Protocol)",
        );
    }
    if !matches!(path, "/query" | "/sparql" | "/") {
        return text(StatusCode::NOT_FOUND, "not found: the endpoint is /query");
    }
    let url_params = match parse_form(request.uri().query().unwrap_or("")) {
        Ok(p) => p,
        Err(e) => return text(StatusCode::BAD_REQUEST, &e),
    };
    let (query_text, params) = match *request.method() {
        Method::GET => match single(&url_params, "query") {
            Ok(q) => (q, url_params),
            Err(e) => return text(StatusCode::BAD_REQUEST, &e),
        },
        Method::POST => {
            let content_type = request
                .headers()
                .get(CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            let body = match read_body(request.body_mut()) {
                Ok(b) => b,
                Err((status, message)) => return text(status, &message),
            };
            match content_type.as_str() {
                "application/sparql-query" => (body, url_params),
                "application/x-www-form-urlencoded" => {
                    let mut form = match parse_form(&body) {
                        Ok(f) => f,
                        Err(e) => return text(StatusCode::BAD_REQUEST, &e),
                    };
                    if form.iter().any(|(k, _)| k == "update") {
                        return text(StatusCode::FORBIDDEN, "read-only endpoint: SPARQL Update is not accepted");
                    }
                    match single(&form, "query") {
                        Ok(q) => {
                            form.extend(url_params);
                            (q, form)
                        }
                        Err(e) => return text(StatusCode::BAD_REQUEST, &e),
                    }
                }
                "application/sparql-update" => {
                    return text(StatusCode::FORBIDDEN, "read-only endpoint: SPARQL Update is not accepted")
                }
                other => {
                    return text(
                        StatusCode::UNSUPPORTED_MEDIA_TYPE,
                        &format!("unsupported Content-Type {other:?}: use application/sparql-query or application/x-www-form-urlencoded"),
                    )
                }
            }
        }
        _ => {
            let mut r = text(StatusCode::METHOD_NOT_ALLOWED, "use GET or POST");
            r.headers_mut()
                .insert(ALLOW, HeaderValue::from_static("GET, POST"));
            return r;
        }
    };
    let accept = request
        .headers()
        .get(ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("*/*")
        .to_owned();
    let Some(slot) = limits.slot() else {
        let mut r = text(
            StatusCode::SERVICE_UNAVAILABLE,
            &format!(
                "busy: {} queries are running, the most this server runs at once; retry shortly",
                limits.max_queries
            ),
        );
        r.headers_mut()
            .insert(RETRY_AFTER, HeaderValue::from_static("1"));
        return r;
    };
    let asked = Query {
        text: &query_text,
        params: &params,
        accept: &accept,
    };
    evaluate(st, store_path, &asked, limits.timeout, slot)
}

/// The request body as text, at most `MAX_BODY` bytes; the error is the status and message to answer.
fn read_body(body: &mut Body) -> Result<String, (StatusCode, String)> {
    let mut bytes = Vec::new();
    body.take(MAX_BODY + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| {
            (
                StatusCode::BAD_REQUEST,
                format!("cannot read the request body: {e}"),
            )
        })?;
    if bytes.len() as u64 > MAX_BODY {
        return Err((
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("request body over {MAX_BODY} bytes"),
        ));
    }
    String::from_utf8(bytes).map_err(|_| {
        (
            StatusCode::BAD_REQUEST,
            "request body is not UTF-8".to_owned(),
        )
    })
}

fn single(params: &[(String, String)], name: &str) -> Result<String, String> {
    let mut values = params.iter().filter(|(k, _)| k == name);
    match (values.next(), values.next()) {
        (Some((_, v)), None) => Ok(v.clone()),
        (None, _) => Err(format!("missing the {name} parameter")),
        (Some(_), Some(_)) => Err(format!("more than one {name} parameter")),
    }
}

/// One query request: its text, its protocol parameters and its `Accept` header.
struct Query<'a> {
    text: &'a str,
    params: &'a [(String, String)],
    accept: &'a str,
}

/// Evaluates a query on the store `st` (at `path`) and answers with its results, streamed.
fn evaluate(
    st: &Store,
    path: &Path,
    asked: &Query<'_>,
    timeout: Option<Duration>,
    slot: Slot,
) -> Response<Body> {
    let (params, accept) = (asked.params, asked.accept);
    let deadline = Deadline::start(timeout).reading(path);
    let mut prepared = match query::prepare(asked.text, "", None, &deadline) {
        Ok(p) => p,
        Err(e) => return text(StatusCode::BAD_REQUEST, &e.to_string()),
    };
    if let Err(message) = choose_dataset(&mut prepared, params) {
        return text(StatusCode::BAD_REQUEST, &message);
    }
    let results = match query::execute(st, prepared, &deadline) {
        Ok(r) => r,
        Err(e) => return failed(&e),
    };
    let streamed = match results {
        QueryResults::Solutions(solutions) => {
            let Some(format) = negotiate(accept, SOLUTION_TYPES) else {
                return not_acceptable(SOLUTION_TYPES);
            };
            stream_solutions(solutions, solution_format(format), deadline)
        }
        QueryResults::Boolean(value) => {
            let Some(format) = negotiate(accept, SOLUTION_TYPES) else {
                return not_acceptable(SOLUTION_TYPES);
            };
            let format = solution_format(format);
            let mut out = Vec::new();
            match QueryResultsSerializer::from_format(format)
                .serialize_boolean_to_writer(&mut out, value)
            {
                Ok(_) => return ok(format.media_type(), Body::from(out)),
                Err(e) => return failed(&query::write_error(e)),
            }
        }
        QueryResults::Graph(triples) => {
            let Some(media) = negotiate(accept, GRAPH_TYPES) else {
                return not_acceptable(GRAPH_TYPES);
            };
            stream_triples(triples, graph_format(media), deadline)
        }
    };
    match streamed {
        Ok((media, mut body)) => {
            body.slot = Some(slot);
            ok(media, Body::from_read(body))
        }
        Err(e) => failed(&e),
    }
}

/// Sets the dataset a query reads from the protocol's `default-graph-uri` and `named-graph-uri`
/// parameters (none: the store's default graph, the merge); the error is the message of a 400.
fn choose_dataset(
    prepared: &mut PreparedSparqlQuery,
    params: &[(String, String)],
) -> Result<(), String> {
    let mut default = Vec::new();
    let mut named = Vec::new();
    for (k, v) in params {
        let list = match k.as_str() {
            "default-graph-uri" => &mut default,
            "named-graph-uri" => &mut named,
            _ => continue,
        };
        let iri = NamedNode::new(v).map_err(|e| format!("{k}: invalid IRI <{v}>: {e}"))?;
        list.push(iri);
    }
    if !default.is_empty() || !named.is_empty() {
        let dataset = prepared.dataset_mut();
        dataset.set_default_graph(default.into_iter().map(GraphName::NamedNode).collect());
        dataset.set_available_named_graphs(
            named.into_iter().map(NamedOrBlankNode::NamedNode).collect(),
        );
    }
    Ok(())
}

/// A 200 answer of `media` (text types in UTF-8).
fn ok(media: &str, body: Body) -> Response<Body> {
    let content_type = if media.starts_with("text/") && !media.contains("charset") {
        format!("{media}; charset=utf-8")
    } else {
        media.to_owned()
    };
    Response::builder()
        .status(StatusCode::OK)
        .header(CONTENT_TYPE, content_type)
        .body(body)
        .expect("valid response")
}

/// The bytes serialized and not yet sent, shared by a serializer (writing) and [`Streamed`] (reading).
#[derive(Clone, Default)]
struct Buffer(Rc<RefCell<Vec<u8>>>);

impl std::io::Write for Buffer {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Serializes the next result into the buffer; `false` once the results (and their closing bytes) are
/// written.
type Step = Box<dyn FnMut() -> Result<bool, Error>>;

/// A query's answer as a response body: results are serialized as the client reads, about
/// [`STREAM_CHUNK`] bytes ahead. Holds the query (its iterator, its deadline) and its slot, so that a
/// response dropped half-way (the client went away) stops the query and frees the slot.
struct Streamed {
    buffer: Buffer,
    /// Bytes of `buffer` already read.
    sent: usize,
    step: Step,
    done: bool,
    slot: Option<Slot>,
}

impl Streamed {
    fn new(buffer: Buffer, step: Step) -> Self {
        Self {
            buffer,
            sent: 0,
            step,
            done: false,
            slot: None,
        }
    }

    /// Copies buffered bytes into `out`, if there are any.
    fn take(&mut self, out: &mut [u8]) -> Option<usize> {
        let mut buffer = self.buffer.0.borrow_mut();
        let waiting = &buffer[self.sent..];
        if waiting.is_empty() {
            return None;
        }
        let n = out.len().min(waiting.len());
        out[..n].copy_from_slice(&waiting[..n]);
        self.sent += n;
        if self.sent == buffer.len() {
            buffer.clear();
            self.sent = 0;
        }
        Some(n)
    }
}

impl Read for Streamed {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        loop {
            if let Some(n) = self.take(out) {
                return Ok(n);
            }
            if self.done || out.is_empty() {
                return Ok(0);
            }
            while !self.done && self.buffer.0.borrow().len() < STREAM_CHUNK {
                match (self.step)() {
                    Ok(more) => self.done = !more,
                    Err(e) => {
                        // The status is sent: cutting the body short is how the client learns of it.
                        self.done = true;
                        self.slot = None;
                        self.buffer.0.borrow_mut().clear();
                        self.sent = 0;
                        return Err(std::io::Error::other(e.to_string()));
                    }
                }
            }
            if self.done {
                // Evaluated to the end: the slot is free before the client has the last bytes.
                self.slot = None;
            }
        }
    }
}

/// The answer of a SELECT query as a body, once its first row is known (see the module docs).
fn stream_solutions(
    solutions: QuerySolutionIter<'static>,
    format: QueryResultsFormat,
    deadline: Deadline,
) -> Result<(&'static str, Streamed), Error> {
    let buffer = Buffer::default();
    let variables = solutions.variables().to_vec();
    let mut rows = solutions.peekable();
    if let Some(Err(_)) = rows.peek() {
        if let Some(Err(e)) = rows.next() {
            return Err(deadline.error(e));
        }
    }
    let mut serializer = Some(
        QueryResultsSerializer::from_format(format)
            .serialize_solutions_to_writer(buffer.clone(), variables)
            .map_err(query::write_error)?,
    );
    let step = move || -> Result<bool, Error> {
        if deadline.is_cancelled() {
            return Err(deadline.expired());
        }
        match (rows.next(), serializer.take()) {
            (Some(row), Some(mut s)) => {
                s.serialize(&row.map_err(|e| deadline.error(e))?)
                    .map_err(query::write_error)?;
                serializer = Some(s);
                Ok(true)
            }
            (None, Some(s)) => s.finish().map(|_| false).map_err(query::write_error),
            (_, None) => Ok(false),
        }
    };
    Ok((format.media_type(), Streamed::new(buffer, Box::new(step))))
}

/// The answer of a CONSTRUCT or DESCRIBE query as a body, once its first triple is known.
fn stream_triples(
    triples: QueryTripleIter<'static>,
    format: RdfFormat,
    deadline: Deadline,
) -> Result<(&'static str, Streamed), Error> {
    let buffer = Buffer::default();
    let mut triples = triples.peekable();
    if let Some(Err(_)) = triples.peek() {
        if let Some(Err(e)) = triples.next() {
            return Err(deadline.error(e));
        }
    }
    let mut serializer = RdfSerializer::from_format(format);
    if !matches!(format, RdfFormat::NTriples | RdfFormat::NQuads) {
        serializer = serializer
            .with_prefix("schema", SCHEMA)
            .expect("valid prefix");
    }
    let mut writer = Some(serializer.for_writer(buffer.clone()));
    let step = move || -> Result<bool, Error> {
        if deadline.is_cancelled() {
            return Err(deadline.expired());
        }
        match (triples.next(), writer.take()) {
            (Some(t), Some(mut w)) => {
                w.serialize_triple(&t.map_err(|e| deadline.error(e))?)
                    .map_err(query::write_error)?;
                writer = Some(w);
                Ok(true)
            }
            (None, Some(w)) => w.finish().map(|_| false).map_err(query::write_error),
            (_, None) => Ok(false),
        }
    };
    Ok((format.media_type(), Streamed::new(buffer, Box::new(step))))
}

/// The answer to a query that failed while it was evaluated: 503 for one stopped at its time limit.
fn failed(e: &Error) -> Response<Body> {
    match e {
        Error::Timeout(_) => text(StatusCode::SERVICE_UNAVAILABLE, &e.to_string()),
        _ => text(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    }
}

/// Media types offered for SELECT/ASK results, the default first.
const SOLUTION_TYPES: &[&str] = &[
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
    "application/json",
    "application/xml",
    "text/xml",
];

/// Media types offered for CONSTRUCT/DESCRIBE results, the default first.
const GRAPH_TYPES: &[&str] = &[
    "text/turtle",
    "application/n-triples",
    "application/n-quads",
    "application/ld+json",
    "application/rdf+xml",
    "application/trig",
    "text/plain",
];

fn solution_format(media: &str) -> QueryResultsFormat {
    match media {
        "application/sparql-results+xml" | "application/xml" | "text/xml" => {
            QueryResultsFormat::Xml
        }
        "text/csv" => QueryResultsFormat::Csv,
        "text/tab-separated-values" => QueryResultsFormat::Tsv,
        _ => QueryResultsFormat::Json,
    }
}

fn graph_format(media: &str) -> RdfFormat {
    match media {
        "application/n-triples" | "text/plain" => RdfFormat::NTriples,
        "application/n-quads" => RdfFormat::NQuads,
        "application/ld+json" => RdfFormat::JsonLd {
            profile: JsonLdProfileSet::empty(),
        },
        "application/rdf+xml" => RdfFormat::RdfXml,
        "application/trig" => RdfFormat::TriG,
        _ => RdfFormat::Turtle,
    }
}

fn not_acceptable(offered: &[&str]) -> Response<Body> {
    text(
        StatusCode::NOT_ACCEPTABLE,
        &format!(
            "no acceptable result format; offered: {}",
            offered.join(", ")
        ),
    )
}

/// Picks the offered media type the `Accept` header prefers (highest q, then header order; `*/*` and
/// `type/*` take the first offered match).
pub fn negotiate(accept: &str, offered: &[&'static str]) -> Option<&'static str> {
    let mut ranges: Vec<(f32, usize, String)> = Vec::new();
    for (i, part) in accept.split(',').enumerate() {
        let mut pieces = part.split(';');
        let range = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
        if range.is_empty() {
            continue;
        }
        let mut q = 1.0f32;
        for p in pieces {
            if let Some(v) = p.trim().strip_prefix("q=") {
                q = v.trim().parse().unwrap_or(0.0);
            }
        }
        if q > 0.0 {
            ranges.push((q, i, range));
        }
    }
    ranges.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, _, range) in &ranges {
        let found = if range == "*/*" {
            offered.first().copied()
        } else if let Some(main) = range.strip_suffix("/*") {
            offered
                .iter()
                .copied()
                .find(|o| o.split('/').next() == Some(main))
        } else {
            offered.iter().copied().find(|o| *o == range)
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

/// Decodes `application/x-www-form-urlencoded` text (also URL query strings).
pub fn parse_form(s: &str) -> Result<Vec<(String, String)>, String> {
    s.split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            Ok((percent_decode(k)?, percent_decode(v)?))
        })
        .collect()
}

fn percent_decode(s: &str) -> Result<String, String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .ok_or_else(|| "malformed percent-encoding in the request".to_owned())?;
                out.push(hex);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| "percent-encoded text is not UTF-8".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_decode() {
        let f = parse_form("query=SELECT+%3Fs%20WHERE+%7B%7D&x=%C3%A5").unwrap();
        assert_eq!(f[0], ("query".into(), "SELECT ?s WHERE {}".into()));
        assert_eq!(f[1].1, "å");
        assert!(parse_form("a=%ZZ").is_err());
        assert!(parse_form("a=%C3").is_err());
    }

    #[test]
    fn accept_is_negotiated() {
        assert_eq!(
            negotiate("*/*", SOLUTION_TYPES),
            Some("application/sparql-results+json")
        );
        assert_eq!(
            negotiate(
                "text/csv;q=0.5, application/sparql-results+xml",
                SOLUTION_TYPES
            ),
            Some("application/sparql-results+xml")
        );
        assert_eq!(negotiate("text/*", SOLUTION_TYPES), Some("text/csv"));
        assert_eq!(negotiate("image/png", SOLUTION_TYPES), None);
        assert_eq!(
            negotiate("text/html, */*;q=0.1", GRAPH_TYPES),
            Some("text/turtle")
        );
    }
}
