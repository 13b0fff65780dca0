//! The store under hostile or unlucky conditions: writes that fail half-way through a load (a full
//! disk), table files with flipped bytes, and endpoint clients that ask for too much or leave early.
//! Every child process runs under a watchdog, so a hang fails the test instead of stalling the suite.

mod common;

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use newsgraph::article::Options;
use newsgraph::emit;
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, Quad};

fn newsgraph(args: &[&str]) -> Command {
    let mut c = Command::new(common::bin());
    c.args(args)
        .current_dir(common::root())
        .env_remove("NEWSGRAPH_BASE")
        .env_remove("NEWSGRAPH_STORE");
    c
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Resource limits of a child process.
#[derive(Clone, Copy, Default)]
struct Limits {
    /// Largest file the child may write (`RLIMIT_FSIZE`, with `SIGXFSZ` ignored: a write past it fails
    /// with EFBIG, as writes to a full disk fail with ENOSPC).
    file_size: Option<u64>,
    /// Largest address space (`RLIMIT_AS`): a child whose memory runs away fails instead of taking the
    /// machine's memory.
    address_space: Option<u64>,
}

/// Runs `cmd` under `limits`, killing it (and failing the test) when it runs longer than `watchdog`.
/// Returns its exit status, stdout and stderr.
fn run_limited(
    mut cmd: Command,
    limits: Limits,
    watchdog: Duration,
) -> (ExitStatus, String, String) {
    use std::os::unix::process::CommandExt;
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            let set = |resource, value: u64| {
                let limit = libc::rlimit {
                    rlim_cur: value,
                    rlim_max: value,
                };
                if libc::setrlimit(resource, &limit) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            };
            if let Some(bytes) = limits.file_size {
                libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
                set(libc::RLIMIT_FSIZE, bytes)?;
            }
            if let Some(bytes) = limits.address_space {
                set(libc::RLIMIT_AS, bytes)?;
            }
            Ok(())
        });
    }
    let mut child = cmd.spawn().expect("binary runs");
    // Read both pipes on threads of their own: a child that writes much must not block on a full pipe.
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            text(&bytes)
        })
    };
    let out = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let err = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > watchdog {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "still running after {watchdog:?}, killed; stderr so far: {}",
                err.join().unwrap()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    (status, out.join().unwrap(), err.join().unwrap())
}

/// The quads an article file must have in the store.
fn expected_quads(path: &Path) -> (NamedNode, HashSet<Quad>) {
    let a = newsgraph::article::from_file(path, &Options::default()).unwrap();
    let g = NamedNode::new(&a.iri).unwrap();
    let quads = emit::rdf::quads(
        &emit::graph::article_node(&a),
        &GraphName::NamedNode(g.clone()),
    );
    (g, quads.into_iter().collect())
}

type Versions = HashMap<NamedNode, HashSet<Quad>>;

fn versions(files: &[PathBuf]) -> Versions {
    files.iter().map(|f| expected_quads(f)).collect()
}

/// Opens the store as the next `load` does (which repairs an index a failed load left stale) and checks
/// it: every article graph is exactly one of `versions` of it, and the default graph is the merge of the
/// article graphs. Returns, per version, how many graphs are in that version.
fn check_store(store: &Path, versions: &[&Versions]) -> Vec<usize> {
    let st = newsgraph::store::open(store).expect("the store opens after the failure");
    let graphs = newsgraph::store::graphs(&st, store).unwrap();
    let mut per_version = vec![0; versions.len()];
    let mut union = HashSet::new();
    for g in &graphs {
        let actual: HashSet<Quad> = st
            .quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(g.as_ref())))
            .map(Result::unwrap)
            .collect();
        let version = versions
            .iter()
            .position(|v| v.get(g) == Some(&actual))
            .unwrap_or_else(|| panic!("graph {g} is incomplete or mixed ({} quads)", actual.len()));
        per_version[version] += 1;
        union.extend(
            actual
                .into_iter()
                .map(|q| format!("{} {} {}", q.subject, q.predicate, q.object)),
        );
    }
    let merged: HashSet<String> = st
        .quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph))
        .map(|q| {
            let q = q.unwrap();
            format!("{} {} {}", q.subject, q.predicate, q.object)
        })
        .collect();
    assert!(union == merged, "the merge differs from the article graphs");
    per_version
}

fn synth_files(dir: &Path, range: std::ops::Range<usize>, offset: usize) -> Vec<PathBuf> {
    std::fs::create_dir_all(dir).unwrap();
    range
        .map(|i| {
            let f = dir.join(format!("synth-{i:06}.txt"));
            std::fs::write(&f, newsgraph::synth::article(i + offset)).unwrap();
            f
        })
        .collect()
}

fn load_cmd(store: &Path, input: &Path) -> Command {
    newsgraph(&[
        "load",
        "--quiet",
        "--store",
        store.to_str().unwrap(),
        input.to_str().unwrap(),
    ])
}

/// How long a load in these tests may take before it counts as hung.
const LOAD_WATCHDOG: Duration = Duration::from_secs(180);

/// Asserts that a load ended with one error line about the store, exit code 1, the write error named.
fn assert_one_store_error(status: ExitStatus, err: &str) {
    assert_eq!(status.code(), Some(1), "{err}");
    assert_eq!(err.lines().count(), 1, "one error line: {err}");
    assert!(err.starts_with("error: store "), "{err}");
    assert!(
        err.contains("File too large"),
        "the write error is named: {err}"
    );
}

/// New articles go through the bulk loader: when its files cannot be written, the load ends with one
/// error line instead of waiting for good, and none of them is in the store.
#[test]
fn a_bulk_load_that_cannot_write_ends_with_one_error_line() {
    let tmp = tempfile::tempdir().unwrap();
    let files = synth_files(&tmp.path().join("in"), 0..3000, 0);
    let store = tmp.path().join("store");
    let limits = Limits {
        file_size: Some(1 << 20),
        ..Limits::default()
    };
    let (status, _, err) = run_limited(
        load_cmd(&store, &tmp.path().join("in")),
        limits,
        LOAD_WATCHDOG,
    );
    assert_one_store_error(status, &err);
    assert_eq!(
        check_store(&store, &[&versions(&files)]),
        [0],
        "all or nothing"
    );
}

/// Articles already in the store are replaced one transaction each: when the store's log cannot be
/// written any more, the load ends at that article with one error line (not one per remaining
/// article), every graph is its old or its new version, and the new articles of the same load are not
/// in the store.
#[test]
fn replacing_articles_that_cannot_be_written_ends_with_one_error_line() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    let old_files = synth_files(&input, 0..400, 0);
    let old = versions(&old_files);
    let store = tmp.path().join("store");
    let (status, _, err) = run_limited(load_cmd(&store, &input), Limits::default(), LOAD_WATCHDOG);
    assert!(status.success(), "{err}");
    // Every article changes, and new ones come after them in input order.
    let changed = synth_files(&input, 0..400, 1000);
    let added = synth_files(&input, 400..500, 0);
    let new = versions(&changed);
    let limits = Limits {
        file_size: Some(1 << 20),
        ..Limits::default()
    };
    let (status, _, err) = run_limited(load_cmd(&store, &input), limits, LOAD_WATCHDOG);
    assert_one_store_error(status, &err);
    let counts = check_store(&store, &[&old, &new, &versions(&added)]);
    assert!(
        counts[0] > 0 && counts[1] > 0,
        "the failure came between replacements: {counts:?} (old, new, added)"
    );
    assert_eq!(counts[0] + counts[1], 400);
    assert_eq!(counts[2], 0, "the new articles were not loaded");
    // The next load without a limit finishes the job.
    let (status, _, err) = run_limited(load_cmd(&store, &input), Limits::default(), LOAD_WATCHDOG);
    assert!(status.success(), "{err}");
    assert_eq!(
        check_store(&store, &[&old, &new, &versions(&added)]),
        [0, 400, 100]
    );
}

/// A store of `n` generated articles.
fn synth_store(dir: &Path, n: usize) -> PathBuf {
    let input = dir.join("in");
    synth_files(&input, 0..n, 0);
    let store = dir.join("store");
    let (status, _, err) = run_limited(load_cmd(&store, &input), Limits::default(), LOAD_WATCHDOG);
    assert!(status.success(), "{err}");
    store
}

/// Flips `count` bytes in the middle of every table file larger than `min` bytes: the middle of a
/// table file is in its data blocks (its index and footer are at its end), so the store opens and the
/// damage is met when a query reads those blocks. Returns the number of files damaged.
fn flip_table_bytes(store: &Path, min: u64, count: usize) -> usize {
    let mut damaged = 0;
    for entry in std::fs::read_dir(store).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "sst") {
            continue;
        }
        let mut bytes = std::fs::read(&path).unwrap();
        if (bytes.len() as u64) < min {
            continue;
        }
        let middle = bytes.len() / 2;
        for b in &mut bytes[middle..middle + count] {
            *b ^= 0xA5;
        }
        std::fs::write(&path, bytes).unwrap();
        damaged += 1;
    }
    damaged
}

/// What a query of a damaged store may use: far less than what the engine took when it kept every
/// repeated read error (gigabytes within seconds).
const QUERY_MEMORY: u64 = 3 << 30;

/// A store whose table files have flipped bytes: every query that reads them stops at the first read
/// error with one line naming it and exit code 1, in bounded memory (the engine used to collect the
/// same error forever and grow until the machine ran out of memory).
#[test]
fn queries_of_a_corrupted_store_stop_with_one_error_line() {
    let tmp = tempfile::tempdir().unwrap();
    let store = synth_store(tmp.path(), 1500);
    let damaged = flip_table_bytes(&store, 256 * 1024, 64);
    assert!(
        damaged >= 3,
        "the test store has large table files ({damaged})"
    );
    let s = store.to_str().unwrap();
    let limits = Limits {
        address_space: Some(QUERY_MEMORY),
        ..Limits::default()
    };
    let watchdog = Duration::from_secs(120);
    for (sparql, format) in [
        ("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "csv"),
        (
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
            "csv",
        ),
        ("SELECT ?s ?p ?o WHERE { ?s ?p ?o }", "table"),
        (
            "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o . ?o ?q ?r }",
            "csv",
        ),
        ("CONSTRUCT WHERE { ?s ?p ?o }", "ntriples"),
    ] {
        let cmd = newsgraph(&["query", "--store", s, "--format", format, sparql]);
        let (status, _, err) = run_limited(cmd, limits, watchdog);
        assert_eq!(status.code(), Some(1), "{sparql}: {err}");
        assert_eq!(err.lines().count(), 1, "{sparql}: {err}");
        assert!(
            err.starts_with("error: store ") && err.contains("Corruption"),
            "{sparql}: {err}"
        );
    }
    let (status, _, err) = run_limited(newsgraph(&["export", "--store", s]), limits, watchdog);
    assert_eq!(status.code(), Some(1), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("Corruption"), "{err}");
    // The endpoint answers such a query 500 with the same line, and keeps answering.
    let (child, addr) = start_serve(&store, &[]);
    with_child(child, move || {
        let (head, body) = get(&addr, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }");
        assert_eq!(head.status, 500, "{body}");
        assert!(body.contains("Corruption"), "{body}");
        assert_eq!(get_path(&addr, "/").0.status, 200);
    });
}

/// Starts `newsgraph serve` on a free loopback port with `extra` options, its memory limited; returns
/// it and its address.
fn start_serve(store: &Path, extra: &[&str]) -> (std::process::Child, String) {
    use std::io::BufRead;
    use std::os::unix::process::CommandExt;
    let mut args = vec![
        "serve",
        "--store",
        store.to_str().unwrap(),
        "--bind",
        "127.0.0.1:0",
    ];
    args.extend(extra);
    let mut cmd = newsgraph(&args);
    cmd.stdout(Stdio::null()).stderr(Stdio::piped());
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: QUERY_MEMORY,
                rlim_max: QUERY_MEMORY,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let mut child = cmd.spawn().unwrap();
    let mut stderr = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_owned();
    // Keep reading the server's messages so that it never blocks on a full pipe.
    std::thread::spawn(move || std::io::copy(&mut stderr, &mut std::io::sink()));
    (child, addr)
}

/// Runs `f` and stops the child whatever happens.
fn with_child(mut child: std::process::Child, f: impl FnOnce() + std::panic::UnwindSafe) {
    let result = std::panic::catch_unwind(f);
    let _ = child.kill();
    let _ = child.wait();
    if let Err(e) = result {
        std::panic::resume_unwind(e);
    }
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The status line and headers of a response.
struct Head {
    status: u16,
    headers: Vec<(String, String)>,
}

impl Head {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn is_chunked(&self) -> bool {
        self.header("transfer-encoding") == Some("chunked")
    }
}

/// Sends a request for `target` on a new connection (`Connection: close`) and reads the head.
fn request(addr: &str, target: &str, accept: &str) -> std::io::BufReader<std::net::TcpStream> {
    use std::io::Write;
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    write!(
        s,
        "GET {target} HTTP/1.1\r\nHost: {addr}\r\nAccept: {accept}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    std::io::BufReader::new(s)
}

fn read_head(r: &mut impl std::io::BufRead) -> Head {
    let mut line = String::new();
    r.read_line(&mut line).unwrap();
    let status = line.split(' ').nth(1).unwrap_or("0").parse().unwrap_or(0);
    let mut headers = Vec::new();
    loop {
        line.clear();
        r.read_line(&mut line).unwrap();
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        if let Some((n, v)) = l.split_once(':') {
            headers.push((n.trim().to_ascii_lowercase(), v.trim().to_owned()));
        }
    }
    Head { status, headers }
}

/// Reads a chunked body to its end, at most `max` bytes of it (the rest is left unread); returns the
/// bytes and whether the body ended properly with its last chunk.
fn read_chunked(r: &mut impl std::io::BufRead, max: usize) -> (Vec<u8>, bool) {
    let mut body = Vec::new();
    loop {
        let mut size = String::new();
        if r.read_line(&mut size).unwrap_or(0) == 0 {
            return (body, false);
        }
        let Ok(n) = usize::from_str_radix(size.trim(), 16) else {
            return (body, false);
        };
        if n == 0 {
            let mut end = String::new();
            let _ = r.read_line(&mut end);
            return (body, end == "\r\n");
        }
        let mut chunk = vec![0; n + 2];
        if r.read_exact(&mut chunk).is_err() {
            return (body, false);
        }
        body.extend_from_slice(&chunk[..n]);
        if body.len() >= max {
            return (body, false);
        }
    }
}

/// The whole answer to `GET target`: its head and its body (chunked or not).
fn get_path(addr: &str, target: &str) -> (Head, String) {
    let mut r = request(addr, target, "text/csv");
    let head = read_head(&mut r);
    let body = if head.is_chunked() {
        let (body, complete) = read_chunked(&mut r, usize::MAX);
        assert!(complete, "the body ends with its last chunk");
        body
    } else {
        let mut body = Vec::new();
        r.read_to_end(&mut body).unwrap();
        body
    };
    (head, text(&body))
}

/// The answer to a query as CSV.
fn get(addr: &str, sparql: &str) -> (Head, String) {
    get_path(addr, &format!("/query?query={}", encode(sparql)))
}

/// Sends the query and returns the connection once the head of the answer is read.
fn start_query(addr: &str, sparql: &str) -> (Head, std::io::BufReader<std::net::TcpStream>) {
    let mut r = request(
        addr,
        &format!("/query?query={}", encode(sparql)),
        "text/csv",
    );
    (read_head(&mut r), r)
}

/// A query whose answer has no end in practice: the samples' merge cubed (billions of rows).
const ENDLESS: &str = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";

/// Polls `ASK {}` until it is answered 200 (a query slot is free) or `within` passes; returns the last
/// status.
fn wait_for_slot(addr: &str, within: Duration) -> u16 {
    let start = Instant::now();
    loop {
        let status = get(addr, "ASK {}").0.status;
        if status == 200 || start.elapsed() > within {
            return status;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// A temporary store with the samples loaded.
fn sample_store() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    let mut args = vec!["load", "--quiet", "--store", store.to_str().unwrap()];
    let files = common::samples();
    args.extend(files.iter().map(|f| f.to_str().unwrap()));
    let (status, _, err) = run_limited(newsgraph(&args), Limits::default(), LOAD_WATCHDOG);
    assert!(status.success(), "{err}");
    (tmp, store)
}

/// An answer is streamed (chunked, begun before the query has finished) and equals the `query`
/// command's; an endless one is cut at the time limit without its last chunk, and its slot is free
/// again.
#[test]
fn serve_streams_answers_and_cuts_them_at_the_time_limit() {
    let (_tmp, store) = sample_store();
    let all = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o";
    let out = newsgraph(&[
        "query",
        "--store",
        store.to_str().unwrap(),
        "--format",
        "csv",
        all,
    ])
    .output()
    .unwrap();
    assert!(out.status.success());
    let expected = text(&out.stdout);
    let (child, addr) = start_serve(&store, &["--timeout", "3", "--max-queries", "1"]);
    with_child(child, move || {
        let (head, body) = get(&addr, all);
        assert_eq!(head.status, 200);
        assert!(head.is_chunked(), "streamed: {:?}", head.headers);
        assert_eq!(body, expected);
        assert!(expected.lines().count() > 1000, "a large answer");

        // Rows come while the query runs; at its time limit the body stops short of its last chunk.
        let (head, mut r) = start_query(&addr, ENDLESS);
        assert_eq!(head.status, 200, "rows are sent before the query ends");
        assert!(head.is_chunked());
        let (body, complete) = read_chunked(&mut r, usize::MAX);
        assert!(!complete, "an answer cut short has no last chunk");
        assert!(body.len() > 100_000, "{} bytes streamed", body.len());
        assert!(text(&body).starts_with("a,b,c,d,e,f,g,h,i\r\n"));
        assert_eq!(wait_for_slot(&addr, Duration::from_secs(30)), 200);
    });
}

/// A client that leaves in the middle of an answer stops its query: the only query slot is free again
/// long before the query's time limit.
#[test]
fn a_client_that_leaves_mid_answer_frees_its_query_slot() {
    let (_tmp, store) = sample_store();
    let (child, addr) = start_serve(&store, &["--timeout", "600", "--max-queries", "1"]);
    with_child(child, move || {
        let (head, mut r) = start_query(&addr, ENDLESS);
        assert_eq!(head.status, 200);
        let (body, _) = read_chunked(&mut r, 10_000);
        assert!(body.len() >= 10_000);
        assert_eq!(
            get(&addr, "ASK {}").0.status,
            503,
            "the query holds the slot"
        );
        drop(r);
        assert_eq!(
            wait_for_slot(&addr, Duration::from_secs(30)),
            200,
            "the slot is freed when the client leaves"
        );
    });
}

/// With every query slot taken by clients that stopped reading and most of the spare connections held
/// by idle clients, `GET /` is still answered: the server takes more connections than it runs queries.
#[test]
fn the_front_page_answers_while_every_query_slot_and_most_connections_are_busy() {
    const QUERIES: usize = 16;
    const IDLE: usize = 50;
    let (_tmp, store) = sample_store();
    let (child, addr) = start_serve(
        &store,
        &["--timeout", "600", "--max-queries", &QUERIES.to_string()],
    );
    with_child(child, move || {
        // Clients that ask for an endless answer and read none of it: their queries block on writing.
        let stalled: Vec<_> = (0..QUERIES).map(|_| start_query(&addr, ENDLESS)).collect();
        assert!(stalled.iter().all(|(h, _)| h.status == 200));
        assert_eq!(get(&addr, "ASK {}").0.status, 503, "every slot is taken");
        let idle: Vec<std::net::TcpStream> = (0..IDLE)
            .map(|_| std::net::TcpStream::connect(&addr).unwrap())
            .collect();
        let (head, body) = get_path(&addr, "/");
        assert_eq!(head.status, 200, "{body}");
        assert!(body.contains("SPARQL endpoint"), "{body}");
        drop((stalled, idle));
    });
}

/// `SERVICE` asks the server to fetch from another endpoint, which it never does: a client error with a
/// clear message, not a server error; `query` refuses it in one line too.
#[test]
fn service_is_refused_as_a_client_error() {
    let (_tmp, store) = sample_store();
    let queries = [
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "ASK { ?s ?p ?o FILTER EXISTS { SERVICE <http://example.org/sparql> { ?s ?p ?o } } }",
    ];
    for sparql in queries {
        let out = newsgraph(&["query", "--store", store.to_str().unwrap(), sparql])
            .output()
            .unwrap();
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("does not federate"), "{err}");
    }
    let (child, addr) = start_serve(&store, &[]);
    with_child(child, move || {
        for sparql in queries {
            let (head, body) = get(&addr, sparql);
            assert_eq!(head.status, 400, "{body}");
            assert!(
                body.contains("SERVICE <http://example.org/sparql>"),
                "{body}"
            );
            assert!(body.contains("does not federate"), "{body}");
        }
        // SERVICE SILENT fails silently, as the standard says: one empty solution.
        let (head, body) = get(
            &addr,
            "SELECT * WHERE { SERVICE SILENT <http://example.org/sparql> { ?s ?p ?o } }",
        );
        assert_eq!(head.status, 200, "{body}");
    });
}
