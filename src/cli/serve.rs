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
//!
//! Manners of a server others run in production: `GET /query` without a query is the SPARQL service
//! description (Turtle by default); `HEAD` and `OPTIONS` are answered on every path; `--cors ORIGIN`
//! lets pages of that origin (or any, `*`) read the answers from a browser, preflights included; every
//! request gets one access-log line on stderr (method, path, status, milliseconds; none with `-q`),
//! written when its answer has been sent, so a streamed answer's line says how long it took and
//! whether it was cut short. SIGINT or SIGTERM stop the server gracefully: new requests are answered
//! 503, the requests in flight get up to [`GRACE`] to finish, and the process exits 0 (a second signal
//! exits at once, with 1).
//!
//! For people as well as programs: `GET /` is a page (compiled in, no outside resources) to run the
//! presets (`/presets.json`, `/preset/NAME?PARAM=...`, run as `query --preset` runs them) and queries of
//! one's own, and the IRIs of the store's entities and articles resolve under their base's path
//! ([`Base`]): HTML for browsers, Turtle, N-Triples or JSON-LD for machines (`crate::pages`).

use std::cell::RefCell;
use std::io::Read;
use std::net::{SocketAddr, TcpListener, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use oxhttp::model::header::{
    ACCEPT, ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_ORIGIN, ACCESS_CONTROL_MAX_AGE,
    ACCESS_CONTROL_REQUEST_HEADERS, ACCESS_CONTROL_REQUEST_METHOD, ALLOW, CONTENT_TYPE, HOST,
    ORIGIN, RETRY_AFTER, VARY,
};
use oxhttp::model::{Body, HeaderValue, Method, Request, Response, StatusCode};
use oxhttp::Server;
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::vocab::rdf;
use oxigraph::model::{BlankNode, GraphName, NamedNode, NamedOrBlankNode, Triple};
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

/// How long a stopping server waits for the requests in flight to finish.
pub const GRACE: Duration = Duration::from_secs(10);
/// What `Allow` lists: the methods answered on every path.
const METHODS: &str = "GET, HEAD, POST, OPTIONS";

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

/// Runs `serve` until SIGINT or SIGTERM, then stops gracefully; `quiet` leaves out the access log.
pub fn run(args: &ServeArgs, quiet: bool) -> ExitCode {
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
    // A second signal while stopping exits at once: registered before the flag it reads is set.
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        let registered =
            signal_hook::flag::register_conditional_shutdown(signal, 1, Arc::clone(&stop))
                .and_then(|_| signal_hook::flag::register(signal, Arc::clone(&stop)));
        if let Err(e) = registered {
            report::error_text(format!("cannot handle signal {signal}: {e}"));
            return ExitCode::FAILURE;
        }
    }
    let base = match served_base(&st, args) {
        Ok(b) => b,
        Err(e) => {
            report::error(&e);
            return ExitCode::from(2);
        }
    };
    let service = Arc::new(Service {
        base,
        st,
        path: args.store.clone(),
        limits: Limits::new(args.timeout.0, usize::from(args.max_queries)),
        cors: args.cors.clone(),
        log: !quiet,
        address: addrs[0],
        stopping: AtomicBool::new(false),
        in_flight: Arc::new(AtomicUsize::new(0)),
    });
    let connections = max_connections(service.limits.max_queries);
    let serving = Arc::clone(&service);
    let mut server = Server::new(move |request| serving.handle(request))
        .with_global_timeout(TIMEOUT)
        .with_max_concurrent_connections(connections);
    for a in &addrs {
        server = server.bind(*a);
    }
    // The listener threads run until the process ends: oxhttp has no way to stop them, so stopping
    // answers new requests 503 instead of closing the socket.
    if let Err(e) = server.spawn() {
        report::error_text(format!("--bind {}: {e}", args.bind));
        return ExitCode::FAILURE;
    }
    for a in &addrs {
        report::status(format!(
            "SPARQL endpoint at http://{a}/query (store {}); stop with Ctrl-C",
            args.store.display()
        ));
    }
    if !quiet {
        report::status(format!(
            "pages of <{}...> at http://{}{}...",
            service.base.iri, addrs[0], service.base.path
        ));
    }
    while !stop.load(Ordering::Acquire) {
        std::thread::sleep(Duration::from_millis(50));
    }
    service.stopping.store(true, Ordering::Release);
    let waiting = service.in_flight.load(Ordering::Acquire);
    report::status(format!(
        "stopping: {waiting} requests in flight, waiting up to {} s for them",
        GRACE.as_secs()
    ));
    let start = Instant::now();
    while service.in_flight.load(Ordering::Acquire) > 0 && start.elapsed() < GRACE {
        std::thread::sleep(Duration::from_millis(20));
    }
    // An answer built in full is written after its request leaves the count: a moment for the last.
    std::thread::sleep(Duration::from_millis(50));
    match service.in_flight.load(Ordering::Acquire) {
        0 => report::status("stopped"),
        n => report::status(format!(
            "stopped with {n} requests unfinished after {} s",
            GRACE.as_secs()
        )),
    }
    ExitCode::SUCCESS
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

/// The IRIs whose pages a server answers: those under `iri`, at `path` (the base's own path) and below.
pub struct Base {
    pub iri: String,
    pub path: String,
}

impl Base {
    /// `iri` (which ends with `/` or `#`) and its path.
    pub fn new(iri: &str) -> Result<Self, Error> {
        let base = crate::ids::Base::new(iri)?;
        let iri = base.as_str().to_owned();
        let after_scheme = iri.split_once("://").map_or("", |(_, rest)| rest);
        let path = after_scheme
            .find('/')
            .map_or("/", |at| &after_scheme[at..])
            .to_owned();
        if !path.ends_with('/') {
            return Err(Error::Config(format!(
                "--base-url {iri:?}: pages are served under a base that ends with '/'"
            )));
        }
        Ok(Self { iri, path })
    }

    /// The IRI a request path names, if it is under the base.
    fn iri_of(&self, path: &str) -> Option<String> {
        let rest = path.strip_prefix(&self.path)?;
        (!rest.is_empty()).then(|| format!("{}{rest}", self.iri))
    }

    /// Where a page links an IRI: the path of this server for IRIs under the base, the IRI itself for
    /// other http(s) IRIs, nowhere for the rest (fragments of an article, other schemes).
    fn href(&self, iri: &str) -> Option<String> {
        if let Some(rest) = iri.strip_prefix(&self.iri) {
            return (!rest.contains('#')).then(|| format!("{}{rest}", self.path));
        }
        (iri.starts_with("http://") || iri.starts_with("https://")).then(|| iri.to_owned())
    }
}

/// The base `--base-url` gives, else the one the store's article IRIs use (`BASE/article/ID`), else
/// the default base.
fn served_base(st: &Store, args: &ServeArgs) -> Result<Base, Error> {
    if let Some(url) = &args.base_url {
        return Base::new(url);
    }
    let article = st
        .quads_for_pattern(
            None,
            Some(rdf::TYPE),
            Some(
                NamedNode::new_unchecked(format!("{SCHEMA}NewsArticle"))
                    .as_ref()
                    .into(),
            ),
            Some(oxigraph::model::GraphNameRef::DefaultGraph),
        )
        .next()
        .and_then(Result::ok)
        .map(|q| q.subject.to_string());
    let found = article.as_deref().and_then(|a| {
        let a = a.trim_start_matches('<').trim_end_matches('>');
        a.rfind("article/").map(|at| a[..at].to_owned())
    });
    Base::new(found.as_deref().unwrap_or(crate::ids::DEFAULT_BASE))
}

/// A server's state: the store, its limits, who may read it from a browser, whether it is stopping.
pub struct Service {
    /// Whose pages it answers.
    base: Base,
    /// The store, opened read-only (with its shared lock).
    st: store::Opened,
    /// The store's folder (named in read errors).
    path: PathBuf,
    limits: Limits,
    /// `--cors` origins (`*`: any).
    cors: Vec<String>,
    /// Whether to write the access log.
    log: bool,
    /// Where the server listens (the service description's endpoint when a request has no `Host`).
    address: SocketAddr,
    stopping: AtomicBool,
    /// Requests being answered, streamed answers until their last byte.
    in_flight: Arc<AtomicUsize>,
}

/// One request being answered; leaves the count when dropped.
struct InFlight(Arc<AtomicUsize>);

impl InFlight {
    fn new(count: &Arc<AtomicUsize>) -> Self {
        count.fetch_add(1, Ordering::AcqRel);
        Self(Arc::clone(count))
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// An answer: built in full, or a query's results to stream.
enum Reply {
    Done(Response<Body>),
    Stream(&'static str, Streamed),
}

impl From<Response<Body>> for Reply {
    fn from(r: Response<Body>) -> Self {
        Reply::Done(r)
    }
}

/// The access-log line of one request, written when its answer is sent.
struct Logged {
    method: Method,
    path: String,
    started: Instant,
}

impl Logged {
    fn write(&self, status: StatusCode, note: &str) {
        let ms = self.started.elapsed().as_secs_f64() * 1000.0;
        report::status(format!(
            "{} {} {} {ms:.1} ms{note}",
            self.method,
            self.path,
            status.as_u16()
        ));
    }
}

impl Service {
    /// Answers one request: the route's answer with CORS headers, logged, counted while in flight.
    pub fn handle(&self, request: &mut Request<Body>) -> Response<Body> {
        let in_flight = InFlight::new(&self.in_flight);
        let logged = Logged {
            method: request.method().clone(),
            path: request.uri().path().to_owned(),
            started: Instant::now(),
        };
        let head = request.method() == Method::HEAD;
        let reply = if self.stopping.load(Ordering::Acquire) {
            let mut r = text(
                StatusCode::SERVICE_UNAVAILABLE,
                "shutting down: this server takes no new requests",
            );
            r.headers_mut()
                .insert(RETRY_AFTER, HeaderValue::from_static("5"));
            Reply::Done(r)
        } else {
            self.route(request)
        };
        let mut response = match reply {
            Reply::Done(mut r) => {
                if head {
                    *r.body_mut() = Body::empty();
                }
                if self.log {
                    logged.write(r.status(), "");
                }
                r
            }
            Reply::Stream(media, body) if head => {
                drop(body);
                if self.log {
                    logged.write(StatusCode::OK, "");
                }
                ok(media, Body::empty())
            }
            Reply::Stream(media, mut body) => {
                body.in_flight = Some(in_flight);
                body.logged = self.log.then_some(logged);
                ok(media, Body::from_read(body))
            }
        };
        self.cors(request, &mut response);
        response
    }

    /// Adds the CORS headers `--cors` allows for the request's `Origin`. `Access-Control-Allow-Methods`
    /// is not sent (oxhttp drops it as a forbidden header): GET, HEAD and POST, the only methods that
    /// do anything here, are CORS-safelisted and need none.
    fn cors(&self, request: &Request<Body>, response: &mut Response<Body>) {
        let origin = request.headers().get(ORIGIN);
        let allowed = if self.cors.iter().any(|c| c == "*") {
            Some(HeaderValue::from_static("*"))
        } else {
            let vary = !self.cors.is_empty();
            if vary {
                response
                    .headers_mut()
                    .insert(VARY, HeaderValue::from_static("Origin"));
            }
            origin
                .filter(|o| {
                    self.cors
                        .iter()
                        .any(|c| c.as_bytes().eq_ignore_ascii_case(o.as_bytes()))
                })
                .cloned()
        };
        let Some(allowed) = allowed else { return };
        let headers = response.headers_mut();
        headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, allowed);
        if request.method() == Method::OPTIONS
            && request
                .headers()
                .contains_key(ACCESS_CONTROL_REQUEST_METHOD)
        {
            // A read-only server: the request headers a page asks to send are allowed.
            let asked = request
                .headers()
                .get(ACCESS_CONTROL_REQUEST_HEADERS)
                .cloned()
                .unwrap_or_else(|| HeaderValue::from_static("Accept, Content-Type"));
            headers.insert(ACCESS_CONTROL_ALLOW_HEADERS, asked);
            headers.insert(ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600"));
        }
    }

    /// The answer of one path and method.
    fn route(&self, request: &mut Request<Body>) -> Reply {
        let path = request.uri().path();
        let method = request.method().clone();
        if method == Method::OPTIONS {
            let mut r = Response::builder()
                .status(StatusCode::NO_CONTENT)
                .body(Body::empty())
                .expect("valid response");
            r.headers_mut()
                .insert(ALLOW, HeaderValue::from_static(METHODS));
            return r.into();
        }
        let get = matches!(method, Method::GET | Method::HEAD);
        if path == "/" && request.uri().query().is_none() && get {
            return ok("text/html", Body::from(INDEX_HTML)).into();
        }
        if path == "/presets.json" && get {
            return ok("application/json", Body::from(self.presets_json())).into();
        }
        if let Some(name) = path.strip_prefix("/preset/") {
            if get {
                return self.preset(request, name);
            }
        }
        if !matches!(path, "/query" | "/sparql" | "/") {
            if let Some(iri) = self.base.iri_of(path) {
                if get {
                    return self.page(request, &iri);
                }
            }
            return text(StatusCode::NOT_FOUND, "not found: the endpoint is /query").into();
        }
        let url_params = match parse_form(request.uri().query().unwrap_or("")) {
            Ok(p) => p,
            Err(e) => return text(StatusCode::BAD_REQUEST, &e).into(),
        };
        if get && !url_params.iter().any(|(k, _)| k == "query") {
            return self.description(request);
        }
        self.protocol(request, url_params)
    }

    /// The presets for the browser page: name, description, parameters and text, and the base whose
    /// IRIs have pages here.
    fn presets_json(&self) -> String {
        let presets: Vec<serde_json::Value> = query::presets()
            .iter()
            .map(|p| {
                let params: Vec<serde_json::Value> = p
                    .params
                    .iter()
                    .map(|(n, d)| serde_json::json!({"name": n, "description": d}))
                    .collect();
                serde_json::json!({
                    "name": p.name,
                    "description": p.description,
                    "params": params,
                    "text": query::preset_text(p, None),
                })
            })
            .collect();
        serde_json::json!({
            "base": self.base.iri,
            "basePath": self.base.path,
            "presets": presets,
        })
        .to_string()
    }

    /// A preset run as `query --preset` runs it (the index's windows, entity names by alias), its
    /// parameters and `limit` from the URL.
    fn preset(&self, request: &Request<Body>, name: &str) -> Reply {
        let Ok(preset) = query::preset(name) else {
            return text(
                StatusCode::NOT_FOUND,
                &format!("not found: no preset {name:?}"),
            )
            .into();
        };
        let url_params = match parse_form(request.uri().query().unwrap_or("")) {
            Ok(p) => p,
            Err(e) => return text(StatusCode::BAD_REQUEST, &e).into(),
        };
        let mut limit = None;
        let mut params = Vec::new();
        for (k, v) in &url_params {
            if k == "limit" {
                match v.parse::<usize>() {
                    Ok(n) => limit = Some(n),
                    Err(_) => {
                        return text(
                            StatusCode::BAD_REQUEST,
                            &format!("limit {v:?} is not a number of rows"),
                        )
                        .into()
                    }
                }
            } else if preset.params.iter().any(|(n, _)| n == k) && !v.is_empty() {
                match query::parse_param(&format!("{k}={v}")) {
                    Ok(p) => params.push(p),
                    Err(e) => return text(StatusCode::BAD_REQUEST, &e.to_string()).into(),
                }
            }
        }
        if let Some((n, _)) = preset
            .params
            .iter()
            .find(|(n, _)| !params.iter().any(|(v, _)| v.as_str() == n))
        {
            return text(
                StatusCode::BAD_REQUEST,
                &format!("preset {name} needs the parameter {n}"),
            )
            .into();
        }
        for (variable, term) in &mut params {
            if variable.as_str() == "entity" {
                match query::entity_name(&self.st, term.clone()) {
                    Ok(t) => *term = t,
                    Err(e) => return failed(&e).into(),
                }
            }
        }
        let Some(slot) = self.limits.slot() else {
            return busy(self.limits.max_queries).into();
        };
        let deadline = Deadline::start(self.limits.timeout).reading(&self.path);
        match query::run_preset(&self.st, &preset, limit, &params, &deadline) {
            Ok(results) => answer(
                results,
                header(request, ACCEPT).unwrap_or("*/*"),
                deadline,
                slot,
            ),
            Err(e) => failed(&e).into(),
        }
    }

    /// The page of an entity or article IRI, negotiated: HTML for browsers, RDF for machines
    /// (`?format=` or an extension win over `Accept`).
    fn page(&self, request: &Request<Body>, iri: &str) -> Reply {
        let params = parse_form(request.uri().query().unwrap_or("")).unwrap_or_default();
        let mut iri = iri.to_owned();
        let mut media = None;
        if let Some((_, f)) = params.iter().find(|(k, _)| k == "format") {
            media = page_format(f);
            if media.is_none() {
                return text(
                    StatusCode::BAD_REQUEST,
                    &format!("format {f:?}: use html, turtle, ntriples or jsonld"),
                )
                .into();
            }
        } else if let Some((stem, ext)) = iri.rsplit_once('.') {
            // Slugs are letters, digits and hyphens: a dot in the last segment starts an extension.
            if !ext.contains('/') {
                if let Some(m) = page_format(ext) {
                    media = Some(m);
                    iri = stem.to_owned();
                }
            }
        }
        let media = match media {
            Some(m) => m,
            None => match negotiate(header(request, ACCEPT).unwrap_or("*/*"), PAGE_TYPES) {
                Some(m) => m,
                None => return not_acceptable(PAGE_TYPES).into(),
            },
        };
        let Ok(node) = NamedNode::new(&iri) else {
            return text(StatusCode::NOT_FOUND, "not found: not an IRI").into();
        };
        let page = match crate::pages::describe(&self.st, &self.path, &node) {
            Ok(Some(p)) => p,
            Ok(None) => {
                return text(
                    StatusCode::NOT_FOUND,
                    &format!("not found: the store says nothing about <{iri}>"),
                )
                .into()
            }
            Err(e) => return failed(&e).into(),
        };
        let mut r = if media == "text/html" {
            let html = page.html(&|i| self.base.href(i));
            ok("text/html", Body::from(html))
        } else {
            let format = graph_format(media);
            ok(
                format.media_type(),
                Body::from(rdf_bytes(&page.triples, format, &[("schema", SCHEMA)])),
            )
        };
        r.headers_mut()
            .insert(VARY, HeaderValue::from_static("Accept"));
        r.into()
    }

    /// The SPARQL 1.1 service description of the endpoint `request` reached, negotiated as RDF.
    fn description(&self, request: &Request<Body>) -> Reply {
        let accept = header(request, ACCEPT).unwrap_or("*/*");
        let Some(media) = negotiate(accept, GRAPH_TYPES) else {
            return not_acceptable(GRAPH_TYPES).into();
        };
        let host = header(request, HOST).map_or_else(|| self.address.to_string(), str::to_owned);
        let endpoint = NamedNode::new(format!("http://{host}{}", request.uri().path()))
            .or_else(|_| NamedNode::new(format!("http://{}/query", self.address)))
            .expect("an address makes an IRI");
        let sd = |local: &str| NamedNode::new_unchecked(format!("{SD}{local}"));
        let service = BlankNode::new_unchecked("service");
        let mut triples = vec![
            Triple::new(service.clone(), rdf::TYPE, sd("Service")),
            Triple::new(service.clone(), sd("endpoint"), endpoint),
            Triple::new(
                service.clone(),
                sd("supportedLanguage"),
                sd("SPARQL11Query"),
            ),
        ];
        for format in RESULT_FORMATS {
            triples.push(Triple::new(
                service.clone(),
                sd("resultFormat"),
                NamedNode::new_unchecked(format!("{FORMATS}{format}")),
            ));
        }
        let dataset = BlankNode::new_unchecked("dataset");
        let default = BlankNode::new_unchecked("merge");
        triples.extend([
            Triple::new(service.clone(), sd("defaultDataset"), dataset.clone()),
            Triple::new(dataset.clone(), rdf::TYPE, sd("Dataset")),
            Triple::new(dataset, sd("defaultGraph"), default.clone()),
            Triple::new(default, rdf::TYPE, sd("Graph")),
        ]);
        let format = graph_format(media);
        ok(
            format.media_type(),
            Body::from(rdf_bytes(
                &triples,
                format,
                &[("sd", SD), ("formats", FORMATS)],
            )),
        )
        .into()
    }

    /// A query by the SPARQL 1.1 Protocol (GET with `query`, POST).
    fn protocol(&self, request: &mut Request<Body>, url_params: Vec<(String, String)>) -> Reply {
        let (query_text, params) = match *request.method() {
            Method::GET | Method::HEAD => match single(&url_params, "query") {
                Ok(q) => (q, url_params),
                Err(e) => return text(StatusCode::BAD_REQUEST, &e).into(),
            },
            Method::POST => {
                let content_type = header(request, CONTENT_TYPE)
                    .unwrap_or("")
                    .split(';')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase();
                let body = match read_body(request.body_mut()) {
                    Ok(b) => b,
                    Err((status, message)) => return text(status, &message).into(),
                };
                match content_type.as_str() {
                    "application/sparql-query" => (body, url_params),
                    "application/x-www-form-urlencoded" => {
                        let mut form = match parse_form(&body) {
                            Ok(f) => f,
                            Err(e) => return text(StatusCode::BAD_REQUEST, &e).into(),
                        };
                        if form.iter().any(|(k, _)| k == "update") {
                            return text(StatusCode::FORBIDDEN, "read-only endpoint: SPARQL Update is not accepted").into();
                        }
                        match single(&form, "query") {
                            Ok(q) => {
                                form.extend(url_params);
                                (q, form)
                            }
                            Err(e) => return text(StatusCode::BAD_REQUEST, &e).into(),
                        }
                    }
                    "application/sparql-update" => {
                        return text(StatusCode::FORBIDDEN, "read-only endpoint: SPARQL Update is not accepted").into()
                    }
                    other => {
                        return text(
                            StatusCode::UNSUPPORTED_MEDIA_TYPE,
                            &format!("unsupported Content-Type {other:?}: use application/sparql-query or application/x-www-form-urlencoded"),
                        ).into()
                    }
                }
            }
            _ => {
                let mut r = text(StatusCode::METHOD_NOT_ALLOWED, "use GET or POST");
                r.headers_mut()
                    .insert(ALLOW, HeaderValue::from_static(METHODS));
                return r.into();
            }
        };
        let accept = header(request, ACCEPT).unwrap_or("*/*").to_owned();
        let Some(slot) = self.limits.slot() else {
            return busy(self.limits.max_queries).into();
        };
        let asked = Query {
            text: &query_text,
            params: &params,
            accept: &accept,
        };
        evaluate(&self.st, &self.path, &asked, self.limits.timeout, slot)
    }
}

/// Triples in an RDF format (prefixes where the format has them).
fn rdf_bytes(triples: &[Triple], format: RdfFormat, prefixes: &[(&str, &str)]) -> Vec<u8> {
    let mut serializer = RdfSerializer::from_format(format);
    if !matches!(format, RdfFormat::NTriples | RdfFormat::NQuads) {
        for (name, iri) in prefixes {
            serializer = serializer.with_prefix(*name, *iri).expect("valid prefix");
        }
    }
    let mut writer = serializer.for_writer(Vec::new());
    for t in triples {
        writer.serialize_triple(t).expect("writing to memory");
    }
    writer.finish().expect("writing to memory")
}

/// Media types of pages, the default (for `*/*`: machines) first.
const PAGE_TYPES: &[&str] = &[
    "text/turtle",
    "text/html",
    "application/n-triples",
    "application/ld+json",
];

/// The media type of a page's `?format=` or extension.
fn page_format(name: &str) -> Option<&'static str> {
    Some(match name {
        "html" | "htm" => "text/html",
        "turtle" | "ttl" => "text/turtle",
        "ntriples" | "nt" => "application/n-triples",
        "jsonld" | "json" => "application/ld+json",
        _ => return None,
    })
}

/// The answer when `max_queries` are running.
fn busy(max_queries: usize) -> Response<Body> {
    let mut r = text(
        StatusCode::SERVICE_UNAVAILABLE,
        &format!(
            "busy: {max_queries} queries are running, the most this server runs at once; retry shortly"
        ),
    );
    r.headers_mut()
        .insert(RETRY_AFTER, HeaderValue::from_static("1"));
    r
}

/// The browser page at `/`: HTML, CSS and script in one file, compiled in (it works offline).
const INDEX_HTML: &str = include_str!("serve/index.html");

/// A header's value as text, if it is there and visible ASCII.
fn header(request: &Request<Body>, name: oxhttp::model::HeaderName) -> Option<&str> {
    request.headers().get(name).and_then(|v| v.to_str().ok())
}

/// The SPARQL service description vocabulary.
const SD: &str = "http://www.w3.org/ns/sparql-service-description#";
/// The W3C's IRIs of formats.
const FORMATS: &str = "http://www.w3.org/ns/formats/";
/// The result formats the endpoint writes, as local names in [`FORMATS`].
const RESULT_FORMATS: &[&str] = &[
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "N-Quads",
    "JSON-LD",
    "RDF_XML",
    "TriG",
];

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
) -> Reply {
    let (params, accept) = (asked.params, asked.accept);
    let deadline = Deadline::start(timeout).reading(path);
    let mut prepared = match query::prepare(asked.text, "", None, &deadline) {
        Ok(p) => p,
        Err(e) => return text(StatusCode::BAD_REQUEST, &e.to_string()).into(),
    };
    if let Err(message) = choose_dataset(&mut prepared, params) {
        return text(StatusCode::BAD_REQUEST, &message).into();
    }
    let results = match query::execute(st, prepared, &deadline) {
        Ok(r) => r,
        Err(e) => return failed(&e).into(),
    };
    answer(results, accept, deadline, slot)
}

/// The answer of evaluated results in the format `accept` prefers, streamed while it holds `slot`.
fn answer(results: QueryResults<'static>, accept: &str, deadline: Deadline, slot: Slot) -> Reply {
    let streamed = match results {
        QueryResults::Solutions(solutions) => {
            let Some(format) = negotiate(accept, SOLUTION_TYPES) else {
                return not_acceptable(SOLUTION_TYPES).into();
            };
            stream_solutions(solutions, solution_format(format), deadline)
        }
        QueryResults::Boolean(value) => {
            let Some(format) = negotiate(accept, SOLUTION_TYPES) else {
                return not_acceptable(SOLUTION_TYPES).into();
            };
            let format = solution_format(format);
            let mut out = Vec::new();
            match QueryResultsSerializer::from_format(format)
                .serialize_boolean_to_writer(&mut out, value)
            {
                Ok(_) => return ok(format.media_type(), Body::from(out)).into(),
                Err(e) => return failed(&query::write_error(e)).into(),
            }
        }
        QueryResults::Graph(triples) => {
            let Some(media) = negotiate(accept, GRAPH_TYPES) else {
                return not_acceptable(GRAPH_TYPES).into();
            };
            stream_triples(triples, graph_format(media), deadline)
        }
    };
    match streamed {
        Ok((media, mut body)) => {
            body.slot = Some(slot);
            Reply::Stream(media, body)
        }
        Err(e) => failed(&e).into(),
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
    /// Why the answer was cut short, if it was.
    failure: Option<String>,
    in_flight: Option<InFlight>,
    logged: Option<Logged>,
}

impl Streamed {
    fn new(buffer: Buffer, step: Step) -> Self {
        Self {
            buffer,
            sent: 0,
            step,
            done: false,
            slot: None,
            failure: None,
            in_flight: None,
            logged: None,
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
                        self.failure = Some(e.to_string());
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

impl Drop for Streamed {
    /// The access-log line, once the answer is sent or abandoned.
    fn drop(&mut self) {
        let Some(logged) = &self.logged else { return };
        let note = match (&self.failure, self.done) {
            (Some(e), _) => format!(", cut short: {e}"),
            (None, true) => String::new(),
            (None, false) => ", cut short: the client left".to_owned(),
        };
        logged.write(StatusCode::OK, &note);
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
