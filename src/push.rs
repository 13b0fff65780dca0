//! `newsgraph push`: the store's graphs sent to a remote SPARQL store with the SPARQL 1.1 Graph Store HTTP
//! Protocol (Oxigraph server, Fuseki, GraphDB, Virtuoso, Neptune, ...).
//!
//! Each article graph is one `PUT ?graph=IRI` (which replaces the graph there exactly as `load` replaces it
//! here, so sending twice never doubles anything), from a few threads at once. A state file remembers the
//! SHA-256 of what each graph's last successful PUT sent to each endpoint, appended line by line as answers
//! arrive, so a run that was stopped (killed, the server gone) can simply be run again: it sends only what
//! is missing or changed. After the article graphs, the merge (`PUT ?default`) and the index graph follow,
//! so the presets answer there as they do here: the remote store's default graph must be a graph of its
//! own, as Oxigraph server's is unless it runs with `--union-default-graph` (a union default graph would
//! hold every statement once from the merge and again from each article graph); for a store whose default
//! graph is the union (Virtuoso), [`Remote::merge_graph`] names a graph for the merge instead. Graphs go as
//! N-Triples in requests of at most [`CHUNK`] triples.
//!
//! Transport errors, timeouts, 5xx, 408 and 429 answers are retried with growing pauses; another 4xx
//! answer is that graph's error, reported, and the run goes on. An answer that no other graph can do
//! better with (the store unreachable after every retry, 401, 403, 404, 405: wrong credentials or
//! endpoint) stops the sending: the graphs not yet tried are counted as failed in one line instead of one
//! line each.

use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::Mutex;
use std::time::Duration;

use oxigraph::model::{GraphNameRef, NamedNode};
use oxigraph::store::Store;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::store;

/// Where and how to send.
#[derive(Debug, Clone)]
pub struct Remote {
    /// The Graph Store Protocol endpoint (Oxigraph server: `http://host:7878/store`).
    pub endpoint: String,
    /// The `Authorization` header value, from the environment; never printed.
    pub authorization: Option<String>,
    /// Requests in flight at once.
    pub concurrency: usize,
    /// Attempts per graph beyond the first.
    pub retries: u32,
    /// Time limit of one request (`None`: none).
    pub timeout: Option<Duration>,
    /// The first pause before a retry; each next one doubles (up to 30 s).
    pub backoff: Duration,
    /// Where the merge goes: `None` is the remote default graph; a named graph for stores whose default
    /// graph is the union of all graphs (Virtuoso), queried there with `default-graph-uri`.
    pub merge_graph: Option<NamedNode>,
}

impl Remote {
    /// The `Authorization` header from `NEWSGRAPH_PUSH_TOKEN` (Bearer) or `NEWSGRAPH_PUSH_USER` and
    /// `NEWSGRAPH_PUSH_PASSWORD` (Basic): credentials stay out of command lines, which `ps` shows.
    pub fn authorization_from_env() -> Option<String> {
        use base64::Engine;
        if let Some(token) = std::env::var("NEWSGRAPH_PUSH_TOKEN")
            .ok()
            .filter(|t| !t.is_empty())
        {
            return Some(format!("Bearer {token}"));
        }
        let user = std::env::var("NEWSGRAPH_PUSH_USER")
            .ok()
            .filter(|u| !u.is_empty())?;
        let password = std::env::var("NEWSGRAPH_PUSH_PASSWORD").unwrap_or_default();
        let pair = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
        Some(format!("Basic {pair}"))
    }

    /// The endpoint as messages show it: without its query string, which some services use for keys.
    pub fn shown(&self) -> &str {
        self.endpoint
            .split_once('?')
            .map_or(self.endpoint.as_str(), |(before, _)| before)
    }

    /// Refuses an endpoint that is not an `http` or `https` URL, or that carries credentials
    /// (`https://user:secret@host/`): URLs end up in error messages, logs and `ps`, so credentials come
    /// from the environment only. The message never repeats the URL.
    pub fn check_endpoint(endpoint: &str) -> Result<()> {
        let rest = endpoint
            .strip_prefix("http://")
            .or_else(|| endpoint.strip_prefix("https://"))
            .ok_or_else(|| Error::Push("--endpoint: not an http:// or https:// URL".to_owned()))?;
        if endpoint
            .chars()
            .any(|c| c.is_whitespace() || c.is_control())
        {
            return Err(Error::Push(
                "--endpoint: the URL holds spaces or control characters".to_owned(),
            ));
        }
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        if authority.contains('@') {
            return Err(Error::Push(
                "--endpoint: the URL holds credentials (user@ or user:password@), which would show in messages and process lists; give them in NEWSGRAPH_PUSH_USER and NEWSGRAPH_PUSH_PASSWORD (Basic) or NEWSGRAPH_PUSH_TOKEN (Bearer) instead".to_owned(),
            ));
        }
        if authority.is_empty() {
            return Err(Error::Push("--endpoint: the URL names no host".to_owned()));
        }
        if endpoint.contains('#') {
            return Err(Error::Push(
                "--endpoint: the URL has a fragment (#...)".to_owned(),
            ));
        }
        Ok(())
    }
}

/// Which graphs to send besides the article graphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The whole store: article graphs, then the merge replacing the remote default graph and the index.
    Store,
    /// Some articles only (`push FILE...`): their graphs, and their statements added to the remote
    /// default graph (`POST ?default`, which merges); the index, which counts over every article, is
    /// not sent.
    Articles,
}

/// What a push did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Pushed {
    /// Graphs sent (article graphs, then the merge and the index when they changed).
    pub sent: usize,
    /// Article graphs the state file says the remote already holds as they are.
    pub unchanged: usize,
    /// Graphs that could not be sent, each reported through `on_event` (those not tried after the
    /// store failed, in one report).
    pub failed: usize,
}

/// What `push` tells its caller as it goes.
pub enum Event<'a> {
    /// The article graphs are listed: `total` of them.
    Started { total: usize },
    /// One more article graph dealt with (sent, unchanged or failed), of `total`.
    Progress { done: usize, total: usize },
    /// A graph that could not be sent (or graphs not tried).
    Failed(&'a Error),
}

/// What became of one article graph.
enum Outcome {
    Unchanged,
    Sent(String),
    Failed(String),
    /// Not tried: the store failed in a way no other graph can do better with.
    NotTried,
}

/// One graph to send: its name (`None`: the default graph), its N-Triples in chunks of at most
/// [`CHUNK`] triples and their SHA-256.
struct Job {
    graph: Option<NamedNode>,
    chunks: Vec<Vec<u8>>,
    hash: String,
}

/// Triples per request. A graph larger than this (the merge: hundreds of thousands of triples) goes as
/// one `PUT` of the first chunk (replacing the graph) and a `POST` (adding) of each next one: Oxigraph
/// server commits each request in one transaction, and its transactions slow down with their size (the
/// merge of 10,000 articles, 627,000 triples: 16-26 s as one PUT, 6.4 s as 13 requests of 50,000).
/// Until its last chunk is in, the remote graph is incomplete; its state line is written after the
/// last, so a stopped run sends the whole graph again.
const CHUNK: usize = 20_000;

/// Why a graph was not sent, and whether the other graphs can fare better.
struct Failure {
    message: String,
    /// The store cannot be reached or refuses every request (401, 403, 404).
    fatal: bool,
}

/// Sends the store's graphs to `remote` (see the module's documentation). `state` is the state file (made
/// when missing); `all` ignores what it says and sends everything.
pub fn push(
    st: &Store,
    store_path: &Path,
    remote: &Remote,
    scope: Scope,
    state: &Path,
    all: bool,
    mut on_event: impl FnMut(Event<'_>),
) -> Result<Pushed> {
    let mut log = StateLog::open(state, &remote.endpoint)?;
    let known = if all {
        HashMap::new()
    } else {
        std::mem::take(&mut log.known)
    };
    let mut done = Pushed::default();
    let graphs = store::graphs(st, store_path)?;
    let total = graphs.len();
    on_event(Event::Started { total });
    let agent = agent(remote);
    let queue = Mutex::new(graphs.iter());
    let stopped = AtomicBool::new(false);
    let mut not_tried = 0usize;
    let (tx, rx) = mpsc::channel::<(String, Outcome)>();
    std::thread::scope(|scope| -> Result<()> {
        for _ in 0..remote.concurrency.max(1) {
            let (tx, queue, agent, known, stopped) = (tx.clone(), &queue, &agent, &known, &stopped);
            scope.spawn(move || loop {
                let Some(g) = queue.lock().expect("queue lock").next() else {
                    return;
                };
                let outcome = match graph_job(st, store_path, Some(g)) {
                    Err(e) => Outcome::Failed(e.to_string()),
                    Ok(job) if known.get(g.as_str()) == Some(&job.hash) => Outcome::Unchanged,
                    Ok(_) if stopped.load(Ordering::Relaxed) => Outcome::NotTried,
                    Ok(job) => match send(agent, remote, &job, Method::Put) {
                        Ok(()) => Outcome::Sent(job.hash),
                        Err(f) => {
                            if f.fatal {
                                stopped.store(true, Ordering::Relaxed);
                            }
                            Outcome::Failed(f.message)
                        }
                    },
                };
                if tx.send((g.as_str().to_owned(), outcome)).is_err() {
                    return;
                }
            });
        }
        drop(tx);
        for (seen, (name, outcome)) in (1..).zip(rx) {
            match outcome {
                Outcome::Unchanged => done.unchanged += 1,
                Outcome::Sent(hash) => {
                    log.record(&name, &hash)?;
                    done.sent += 1;
                }
                Outcome::Failed(message) => {
                    done.failed += 1;
                    on_event(Event::Failed(&Error::Push(format!("<{name}>: {message}"))));
                }
                Outcome::NotTried => not_tried += 1,
            }
            on_event(Event::Progress { done: seen, total });
        }
        Ok(())
    })?;
    let articles_failed = done.failed + not_tried;
    // The merge and the index are derived from the article graphs: sent after them, when they changed,
    // and only once every article graph is there (else a re-run sends them with the missing graphs).
    let derived: &[(Option<NamedNode>, Method)] = match scope {
        Scope::Store => &[
            (None, Method::Put),
            (
                Some(NamedNode::new_unchecked(store::index::GRAPH)),
                Method::Put,
            ),
        ],
        Scope::Articles => &[(None, Method::Post)],
    };
    for (graph, method) in derived {
        // The local default graph is the merge; it goes to `merge_graph` when one is given.
        let target = graph.as_ref().or(remote.merge_graph.as_ref());
        let shown = target.map_or("the default graph (the merge)".to_owned(), |g| {
            format!("<{g}>")
        });
        if articles_failed > 0 {
            not_tried += 1;
            continue;
        }
        let mut job = graph_job(st, store_path, graph.as_ref())?;
        job.graph = target.cloned();
        let name = target.map_or(DEFAULT_KEY, NamedNode::as_str);
        if known.get(name) == Some(&job.hash) {
            continue;
        }
        match send(&agent, remote, &job, *method) {
            Ok(()) => {
                log.record(name, &job.hash)?;
                done.sent += 1;
            }
            Err(f) => {
                done.failed += 1;
                on_event(Event::Failed(&Error::Push(format!(
                    "{shown}: {}",
                    f.message
                ))));
            }
        }
    }
    if not_tried > 0 {
        done.failed += not_tried;
        let why = if stopped.load(Ordering::Relaxed) {
            "after the store failed as above"
        } else {
            "while article graphs are missing there (the merge and the index follow them)"
        };
        on_event(Event::Failed(&Error::Push(format!(
            "{not_tried} graphs not sent {why}; run push again to send what is missing"
        ))));
    }
    Ok(done)
}

/// The state file's key for the default graph.
const DEFAULT_KEY: &str = "default";

/// How a graph is sent: `PUT` replaces the remote graph, `POST` adds to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Method {
    Put,
    Post,
}

/// A graph's N-Triples (in the store's order, so the same graph always gives the same bytes) in chunks,
/// and its hash. N-Triples rather than Turtle: every Graph Store implementation takes it, it is parsed
/// fastest, and it can be cut at any line.
fn graph_job(st: &Store, store_path: &Path, graph: Option<&NamedNode>) -> Result<Job> {
    let name = graph.map_or(GraphNameRef::DefaultGraph, |g| g.as_ref().into());
    let mut chunks = Vec::new();
    let mut chunk = Vec::new();
    let mut in_chunk = 0;
    let mut hasher = Sha256::new();
    for q in st.quads_for_pattern(None, None, None, Some(name)) {
        let q = q.map_err(|e| store::storage_error(store_path, &e))?;
        let start = chunk.len();
        writeln!(chunk, "{} {} {} .", q.subject, q.predicate, q.object).expect("writes to memory");
        hasher.update(&chunk[start..]);
        in_chunk += 1;
        if in_chunk == CHUNK {
            chunks.push(std::mem::take(&mut chunk));
            in_chunk = 0;
        }
    }
    if !chunk.is_empty() || chunks.is_empty() {
        chunks.push(chunk);
    }
    Ok(Job {
        graph: graph.cloned(),
        chunks,
        hash: crate::read::hex(&hasher.finalize()),
    })
}

fn agent(remote: &Remote) -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(remote.timeout)
        .http_status_as_error(false)
        .build()
        .into()
}

/// The graph's chunks, the first with `method` and the others added with `POST`.
fn send(
    agent: &ureq::Agent,
    remote: &Remote,
    job: &Job,
    method: Method,
) -> std::result::Result<(), Failure> {
    for (i, body) in job.chunks.iter().enumerate() {
        let method = if i == 0 { method } else { Method::Post };
        send_chunk(agent, remote, job.graph.as_ref(), body, method)?;
    }
    Ok(())
}

/// One request with its retries.
fn send_chunk(
    agent: &ureq::Agent,
    remote: &Remote,
    graph: Option<&NamedNode>,
    body: &[u8],
    method: Method,
) -> std::result::Result<(), Failure> {
    let mut pause = remote.backoff;
    let mut attempt = 0;
    loop {
        let mut request = match method {
            Method::Put => agent.put(&remote.endpoint),
            Method::Post => agent.post(&remote.endpoint),
        }
        .header("Content-Type", "application/n-triples");
        request = match graph {
            Some(g) => request.query("graph", g.as_str()),
            None => request.query("default", ""),
        };
        if let Some(auth) = &remote.authorization {
            request = request.header("Authorization", auth);
        }
        let (retry, fatal, message) = match request.send(body) {
            Ok(r) if r.status().is_success() => return Ok(()),
            Ok(r) => {
                let status = r.status();
                let code = status.as_u16();
                let retry = status.is_server_error() || code == 429 || code == 408;
                let fatal = matches!(code, 401 | 403 | 404 | 405);
                (retry, fatal, format!("the store answered {status}"))
            }
            // The error names the URL at most, which holds no credentials (see `check_endpoint`).
            Err(e) => (true, true, format!("cannot reach the store: {e}")),
        };
        if !retry || attempt >= remote.retries {
            let tries = if attempt == 0 {
                String::new()
            } else {
                format!(" ({} attempts)", attempt + 1)
            };
            return Err(Failure {
                message: format!("{message}{tries}"),
                fatal,
            });
        }
        std::thread::sleep(pause);
        pause = pause.saturating_mul(2).min(Duration::from_secs(30));
        attempt += 1;
    }
}

/// The state file: lines `HASH<TAB>ENDPOINT<TAB>GRAPH`, the last one for an endpoint and graph winning,
/// appended as answers arrive (each line one `write`), so a kill loses at most the graphs in flight, which
/// are then sent again (PUT is idempotent). Opening it rewrites it with one line per endpoint and graph,
/// so it does not grow with the runs.
struct StateLog {
    path: PathBuf,
    endpoint: String,
    file: std::fs::File,
    /// What the file says this endpoint holds: graph → hash.
    known: HashMap<String, String>,
}

impl StateLog {
    fn open(path: &Path, endpoint: &str) -> Result<Self> {
        let lines = read_state(path)?;
        let write_err = |source| Error::Write {
            path: path.to_owned(),
            source,
        };
        let mut known = HashMap::new();
        let mut text = String::new();
        let mut keys: Vec<_> = lines.keys().collect();
        keys.sort();
        for key @ (e, graph) in keys {
            let hash = &lines[key];
            text.push_str(&format!("{hash}\t{e}\t{graph}\n"));
            if e == endpoint {
                known.insert(graph.clone(), hash.clone());
            }
        }
        let tmp = crate::batch::temp_beside(path)?;
        tmp.as_file()
            .write_all(text.as_bytes())
            .map_err(write_err)?;
        crate::batch::persist(tmp, path)?;
        let file = std::fs::OpenOptions::new()
            .append(true)
            .open(path)
            .map_err(write_err)?;
        Ok(Self {
            path: path.to_owned(),
            endpoint: endpoint.to_owned(),
            file,
            known,
        })
    }

    fn record(&mut self, graph: &str, hash: &str) -> Result<()> {
        let line = format!("{hash}\t{}\t{graph}\n", self.endpoint);
        self.file
            .write_all(line.as_bytes())
            .map_err(|source| Error::Write {
                path: self.path.clone(),
                source,
            })
    }
}

/// The state file's lines as (endpoint, graph) → hash.
fn read_state(path: &Path) -> Result<HashMap<(String, String), String>> {
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(HashMap::new()),
        Err(source) => {
            return Err(Error::Read {
                path: path.to_owned(),
                source,
            })
        }
    };
    let mut out = HashMap::new();
    for line in std::io::BufReader::new(file).lines() {
        let line = line.map_err(|source| Error::Read {
            path: path.to_owned(),
            source,
        })?;
        // A line cut by a kill has too few fields or a short hash: ignored, so that graph is sent again.
        let mut fields = line.splitn(3, '\t');
        if let (Some(hash), Some(endpoint), Some(graph)) =
            (fields.next(), fields.next(), fields.next())
        {
            if hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit()) && !graph.is_empty()
            {
                out.insert((endpoint.to_owned(), graph.to_owned()), hash.to_owned());
            }
        }
    }
    Ok(out)
}

/// The state file used when none is given: beside the store folder, `STORE.push-state`.
pub fn default_state(store: &Path) -> PathBuf {
    let mut name = store
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_else(|| store::DEFAULT_DIR.into());
    name.push(".push-state");
    store.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cut_state_line_is_ignored_and_the_last_line_wins_per_endpoint() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("state");
        let a = "a".repeat(64);
        let b = "b".repeat(64);
        std::fs::write(
            &path,
            format!("{a}\thttp://one/\thttps://x/1\n{b}\thttp://one/\thttps://x/1\n{a}\thttp://one/\thttps://x/2\n{a}\thttp://two/\thttps://x/3\nabc\thttp://one/\thttps://x/3\n{a}\thttp://one"),
        )
        .unwrap();
        let one = StateLog::open(&path, "http://one/").unwrap();
        assert_eq!(one.known.get("https://x/1"), Some(&b));
        assert_eq!(one.known.get("https://x/2"), Some(&a));
        assert_eq!(one.known.len(), 2);
        drop(one);
        // Rewritten with one line per endpoint and graph; the other endpoint's line kept.
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.lines().count(), 3, "{text}");
        let two = StateLog::open(&path, "http://two/").unwrap();
        assert_eq!(two.known.len(), 1);
        assert_eq!(two.known.get("https://x/3"), Some(&a));
    }

    #[test]
    fn endpoints_with_credentials_or_other_schemes_are_refused_without_echoing_them() {
        for bad in [
            "https://user:hunter2@example.org/store",
            "http://user@example.org/store",
            "ftp://example.org/store",
            "http:///store",
            "http://example.org/store#x",
            "http://example.org/st ore",
        ] {
            let e = Remote::check_endpoint(bad).unwrap_err().to_string();
            assert!(!e.contains("hunter2") && !e.contains(bad), "{e}");
        }
        Remote::check_endpoint("http://127.0.0.1:7878/store").unwrap();
        Remote::check_endpoint("https://example.org/data?x=1&user=a@b").unwrap();
        let remote = Remote {
            endpoint: "https://example.org/store?key=secret".to_owned(),
            authorization: None,
            concurrency: 1,
            retries: 0,
            timeout: None,
            backoff: Duration::ZERO,
            merge_graph: None,
        };
        assert_eq!(remote.shown(), "https://example.org/store");
    }

    #[test]
    fn the_default_state_file_is_beside_the_store() {
        assert_eq!(
            default_state(Path::new("a/newsgraph-store")),
            Path::new("a/newsgraph-store.push-state")
        );
        assert_eq!(default_state(Path::new("s/")), Path::new("s.push-state"));
    }
}
