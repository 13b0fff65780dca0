//! `newsgraph push` against a real Oxigraph server (the PyPI `oxigraph` CLI, `oxigraph serve`) started on
//! loopback by each test: after a push the server holds the same graphs with the same statements and the
//! presets give the same answers there as here; a re-run sends nothing; a server that is gone, or killed
//! mid-push, leaves failures (one line each, exit 1) and a re-run that completes with nothing lost or
//! doubled. A loopback stand-in checks retries and that credentials reach the server and no message.
//!
//! The server binary is `$NEWSGRAPH_VENV/bin/oxigraph` (scripts/setup.sh installs it; default venv
//! `~/.cache/newsgraph-venv`), else `oxigraph` on PATH. Without it the server tests say so and pass,
//! except in CI (`CI` set), where they fail.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The Oxigraph server binary, or `None` (outside CI) when it is not installed.
fn oxigraph() -> Option<PathBuf> {
    let venv = std::env::var_os("NEWSGRAPH_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").unwrap_or_default())
                .join(".cache/newsgraph-venv")
        });
    let path = std::env::var_os("PATH").unwrap_or_default();
    let candidates = std::iter::once(venv.join("bin/oxigraph"))
        .chain(std::env::split_paths(&path).map(|d| d.join("oxigraph")));
    for c in candidates {
        if c.is_file() {
            return Some(c);
        }
    }
    if std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false") {
        panic!("CI: the oxigraph server binary is missing (run scripts/setup.sh)");
    }
    eprintln!("skipped: no oxigraph binary ($NEWSGRAPH_VENV/bin/oxigraph or on PATH; scripts/setup.sh installs it)");
    None
}

/// A free loopback port (taken and released: the server binds it next).
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// An `oxigraph serve` child on loopback; killed (by its id) when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Server {
    fn start(bin: &Path, location: &Path, port: u16) -> Server {
        let child = Command::new(bin)
            .arg("serve")
            .arg("--location")
            .arg(location)
            .arg("--bind")
            .arg(format!("127.0.0.1:{port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("oxigraph serve starts");
        let server = Server { child, port };
        let deadline = Instant::now() + Duration::from_secs(30);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "oxigraph serve did not listen on {port}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }

    fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}/store", self.port)
    }

    /// A SELECT's answer as W3C CSV.
    fn csv(&self, sparql: &str) -> String {
        let mut r = ureq::post(format!("http://127.0.0.1:{}/query", self.port))
            .header("Accept", "text/csv")
            .header("Content-Type", "application/sparql-query")
            .send(sparql)
            .expect("the server answers the query");
        assert!(r.status().is_success(), "{}", r.status());
        r.body_mut().read_to_string().unwrap()
    }

    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

fn newsgraph(args: &[&str], store: &Path) -> Output {
    Command::new(common::bin())
        .args(args)
        .arg("--store")
        .arg(store)
        .env_remove("NEWSGRAPH_PUSH_TOKEN")
        .env_remove("NEWSGRAPH_PUSH_USER")
        .env_remove("NEWSGRAPH_PUSH_PASSWORD")
        .output()
        .expect("newsgraph runs")
}

fn push(store: &Path, endpoint: &str, extra: &[&str]) -> Output {
    let mut args = vec!["push", "--endpoint", endpoint];
    args.extend_from_slice(extra);
    newsgraph(&args, store)
}

/// The local store's answer as W3C CSV.
fn local_csv(store: &Path, args: &[&str]) -> String {
    let mut all = vec!["query", "--format", "csv"];
    all.extend_from_slice(args);
    let out = newsgraph(&all, store);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `(sent, unchanged, failed)` from the summary line.
fn summary(out: &Output) -> (usize, usize, usize) {
    let err = String::from_utf8_lossy(&out.stderr);
    let line = err
        .lines()
        .find(|l| l.starts_with("pushed to "))
        .unwrap_or_else(|| panic!("no summary in {err}"));
    let n = |word: &str| -> usize {
        let before = &line[..line.find(&format!(" {word}")).unwrap()];
        before.rsplit([' ', ':']).next().unwrap().parse().unwrap()
    };
    (n("sent"), n("unchanged"), n("failed"))
}

fn load(store: &Path, inputs: &[&Path]) {
    let mut cmd = Command::new(common::bin());
    cmd.args(["load", "--quiet", "--store"])
        .arg(store)
        .args(inputs);
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Statements per graph (the article graphs and the index; the local sources graph, which names files
/// on this machine, is not sent) and in the default graph.
const COUNTS: &str = "SELECT ?g (COUNT(*) AS ?n) WHERE { { GRAPH ?g { ?s ?p ?o } FILTER(?g != <https://newsgraph.example/ns/sources>) } UNION { ?s ?p ?o BIND(\"default\" AS ?g) } } GROUP BY ?g ORDER BY STR(?g)";

/// The remote server holds exactly what the local store holds.
fn assert_same_counts(store: &Path, server: &Server) {
    let local = local_csv(store, &[COUNTS]);
    let remote = server.csv(COUNTS);
    assert!(local.lines().count() > 3, "{local}");
    assert_eq!(local, remote, "statements per graph differ");
}

/// The preset's text with the parameter bound by a VALUES block where the engine binds it.
fn with_entity(text: &str, entity: &str) -> String {
    let pattern = "?e schema:name ?entity .";
    assert!(text.contains(pattern));
    text.replace(
        pattern,
        &format!("VALUES ?entity {{ {entity:?} }} {pattern}"),
    )
}

#[test]
fn a_pushed_store_answers_the_presets_as_the_local_store_and_a_rerun_sends_nothing() {
    let Some(bin) = oxigraph() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    load(&store, &[&common::root().join("samples")]);
    let server = Server::start(&bin, &tmp.path().join("server"), free_port());

    let out = push(&store, &server.endpoint(), &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The article graphs: every graph counted but the default graph and the index.
    let graphs = local_csv(&store, &[COUNTS]).lines().count() - 3;
    // Every article graph, the merge and the index.
    assert_eq!(summary(&out), (graphs + 2, 0, 0));
    assert!(tmp.path().join("store.push-state").is_file());
    assert_same_counts(&store, &server);

    // The presets: the same answers (the local side through `--preset`, as analysts run them).
    let entity = local_csv(&store, &["--preset", "places", "--limit", "1"])
        .lines()
        .nth(1)
        .unwrap()
        .split(',')
        .next()
        .unwrap()
        .to_owned();
    let mut compared = 0;
    for entry in std::fs::read_dir(common::root().join("queries")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_str().unwrap().to_owned();
        if name == "together-indexed" {
            continue; // `together` picks it for entities with co-mention lists: compared below.
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let (local, remote) = if text.contains("# param: entity") {
            let param = format!("entity={entity}");
            (
                local_csv(&store, &["--preset", &name, "--param", &param]),
                server.csv(&with_entity(&text, &entity)),
            )
        } else {
            (local_csv(&store, &["--preset", &name]), server.csv(&text))
        };
        assert!(local.lines().count() > 1, "{name}: no rows: {local}");
        assert_eq!(local, remote, "preset {name} answers differently there");
        compared += 1;
    }
    assert!(compared >= 8, "{compared} presets compared");
    let indexed =
        std::fs::read_to_string(common::root().join("queries/together-indexed.rq")).unwrap();
    if indexed.contains("?e schema:name ?entity .") {
        let q = with_entity(&indexed, &entity);
        assert_eq!(local_csv(&store, &[&q]), server.csv(&q));
    }

    // Run again: nothing to send; loading nothing new changes nothing.
    let again = push(&store, &server.endpoint(), &[]);
    assert!(again.status.success());
    assert_eq!(summary(&again), (0, graphs, 0));
    // --all sends everything again, and nothing doubles.
    let all = push(&store, &server.endpoint(), &["--all", "--concurrency", "1"]);
    assert_eq!(summary(&all), (graphs + 2, 0, 0));
    assert_same_counts(&store, &server);

    // A second server: its own lines in the same state file, everything sent.
    let other = Server::start(&bin, &tmp.path().join("server2"), free_port());
    let out = push(&store, &other.endpoint(), &[]);
    assert_eq!(summary(&out), (graphs + 2, 0, 0));
    assert_same_counts(&store, &other);
    assert_eq!(
        summary(&push(&store, &server.endpoint(), &[])),
        (0, graphs, 0)
    );
}

#[test]
fn a_server_that_is_not_there_fails_each_graph_on_one_line_and_a_rerun_completes() {
    let Some(bin) = oxigraph() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    load(&store, &[&common::root().join("samples")]);
    let port = free_port();
    let endpoint = format!("http://127.0.0.1:{port}/store");

    let out = push(&store, &endpoint, &["--retries", "1", "--concurrency", "2"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error: ")).collect();
    assert!(!errors.is_empty(), "{err}");
    for line in &errors {
        assert!(line.starts_with("error: push: "), "{line}");
    }
    assert!(
        errors.iter().any(|l| l.contains("cannot reach the store")),
        "{err}"
    );
    let (sent, unchanged, failed) = summary(&out);
    assert_eq!((sent, unchanged), (0, 0));
    let graphs = failed - 2;

    let server = Server::start(&bin, &tmp.path().join("server"), port);
    let out = push(&store, &endpoint, &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(summary(&out), (graphs + 2, 0, 0));
    assert_same_counts(&store, &server);
}

#[test]
fn a_server_killed_mid_push_leaves_a_rerun_with_nothing_lost_or_doubled() {
    let Some(bin) = oxigraph() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    newsgraph::synth::write_corpus(&corpus, 1500).unwrap();
    let store = tmp.path().join("store");
    load(&store, &[&corpus]);
    let port = free_port();
    let location = tmp.path().join("server");
    let mut server = Server::start(&bin, &location, port);
    let endpoint = server.endpoint();

    // Kill the server once the state file shows some graphs sent.
    let mut child = Command::new(common::bin())
        .args([
            "push",
            "--quiet",
            "--retries",
            "1",
            "--concurrency",
            "2",
            "--endpoint",
            &endpoint,
        ])
        .arg("--store")
        .arg(&store)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let state = tmp.path().join("store.push-state");
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let lines = std::fs::read_to_string(&state).map_or(0, |s| s.lines().count());
        if lines >= 50 {
            break;
        }
        assert!(Instant::now() < deadline, "the push made no progress");
        std::thread::sleep(Duration::from_millis(5));
    }
    server.kill();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(1), "{err}");
    let errors: Vec<&str> = err.lines().collect();
    assert!(!errors.is_empty());
    for line in &errors {
        assert!(line.starts_with("error: push: "), "{line}");
    }
    assert!(err.contains("not sent after the store failed"), "{err}");
    let sent_before = std::fs::read_to_string(&state).unwrap().lines().count();
    assert!(sent_before < 1500, "everything was sent before the kill");

    // The server back on the same folder: the re-run sends what is missing, and only that.
    let server = Server::start(&bin, &location, port);
    let out = push(&store, &endpoint, &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (sent, unchanged, failed) = summary(&out);
    assert_eq!(failed, 0);
    assert_eq!(
        sent + unchanged,
        1500 + 2,
        "{sent} sent, {unchanged} unchanged"
    );
    assert!((50..1500).contains(&unchanged), "{unchanged} unchanged");
    assert_same_counts(&store, &server);
    let people = local_csv(&store, &["--preset", "people"]);
    let text = std::fs::read_to_string(common::root().join("queries/people.rq")).unwrap();
    assert_eq!(people, server.csv(&text));
}

/// One request a loopback stand-in received: its request line and headers.
fn serve_fake(status: u16, answers: usize) -> (u16, std::thread::JoinHandle<Vec<String>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let handle = std::thread::spawn(move || {
        let mut seen = Vec::new();
        for _ in 0..answers {
            let (stream, _) = listener.accept().unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut head = String::new();
            let mut length = 0usize;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap() == 0 || line == "\r\n" {
                    break;
                }
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap();
                }
                head.push_str(&line);
            }
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            seen.push(head);
            let mut stream = stream;
            write!(
                stream,
                "HTTP/1.1 {status} Oops\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            )
            .unwrap();
        }
        seen
    });
    (port, handle)
}

#[test]
fn server_errors_are_retried_and_credentials_reach_the_server_but_no_message() {
    let tmp = tempfile::tempdir().unwrap();
    let sample = common::samples().into_iter().next().unwrap();
    let (port, fake) = serve_fake(503, 3);
    let out = Command::new(common::bin())
        .args(["push", "--retries", "2", "--endpoint"])
        .arg(format!("http://127.0.0.1:{port}/store"))
        .arg("--state")
        .arg(tmp.path().join("state"))
        .arg(&sample)
        .env("NEWSGRAPH_PUSH_USER", "analyst")
        .env("NEWSGRAPH_PUSH_PASSWORD", "s3cret-pw")
        .env_remove("NEWSGRAPH_PUSH_TOKEN")
        .output()
        .unwrap();
    let requests = fake.join().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(requests.len(), 3, "one request and two retries");
    for r in &requests {
        assert!(r.starts_with("PUT /store?graph=https%3A%2F%2F"), "{r}");
        assert!(
            r.to_ascii_lowercase()
                .contains("content-type: application/n-triples"),
            "{r}"
        );
        // Basic base64("analyst:s3cret-pw").
        assert!(r.contains("YW5hbHlzdDpzM2NyZXQtcHc="), "{r}");
    }
    assert!(err.contains("503") && err.contains("(3 attempts)"), "{err}");
    assert!(
        !err.contains("s3cret") && !err.contains("YW5hbHlzdDpzM2NyZXQtcHc="),
        "{err}"
    );

    // A bearer token, and a 401 stops the run at once with the reason.
    let (port, fake) = serve_fake(401, 1);
    let out = Command::new(common::bin())
        .args(["push", "--endpoint"])
        .arg(format!("http://127.0.0.1:{port}/store"))
        .arg("--state")
        .arg(tmp.path().join("state"))
        .arg(&sample)
        .env("NEWSGRAPH_PUSH_TOKEN", "tok-123")
        .output()
        .unwrap();
    let requests = fake.join().unwrap();
    assert!(requests[0].contains("Bearer tok-123") || requests[0].contains("bearer tok-123"));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(err.contains("401") && !err.contains("tok-123"), "{err}");

    // Credentials in the URL are refused before anything is sent, and not echoed.
    let out = Command::new(common::bin())
        .args([
            "push",
            "--endpoint",
            "http://analyst:s3cret-pw@127.0.0.1:9/store",
        ])
        .arg(&sample)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("credentials") && !err.contains("s3cret"),
        "{err}"
    );
}

/// Virtuoso open source (`virtuoso-t`, Debian's virtuoso-opensource-7-bin) with a fresh database in a
/// temporary folder, listening on loopback only; killed when dropped.
struct Virtuoso {
    child: Child,
    http: u16,
    _dir: tempfile::TempDir,
}

impl Virtuoso {
    /// `None` (outside CI) when Virtuoso is not installed.
    fn start() -> Option<Virtuoso> {
        let found = ["/usr/bin/virtuoso-t", "/usr/bin/isql-vt"]
            .iter()
            .all(|p| Path::new(p).is_file());
        if !found {
            if std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false") {
                panic!("CI: virtuoso-t is missing (scripts/setup.sh installs virtuoso-opensource-7-bin)");
            }
            eprintln!(
                "skipped: no virtuoso-t (scripts/setup.sh installs virtuoso-opensource-7-bin)"
            );
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let (sql, http) = (free_port(), free_port());
        let d = dir.path().display();
        let ini = format!(
            "[Database]\nDatabaseFile = {d}/virtuoso.db\nErrorLogFile = {d}/virtuoso.log\nLockFile = {d}/virtuoso.lck\nTransactionFile = {d}/virtuoso.trx\nxa_persistent_file = {d}/virtuoso.pxa\nMaxCheckpointRemap = 2000\nStriping = 0\nTempStorage = TempDatabase\n\n[TempDatabase]\nDatabaseFile = {d}/virtuoso-temp.db\nTransactionFile = {d}/virtuoso-temp.trx\nMaxCheckpointRemap = 2000\nStriping = 0\n\n[Parameters]\nServerPort = 127.0.0.1:{sql}\nServerThreads = 10\nCheckpointInterval = 60\nNumberOfBuffers = 10000\nMaxDirtyBuffers = 6000\nDirsAllowed = {d}\n\n[HTTPServer]\nServerPort = 127.0.0.1:{http}\nServerThreads = 10\nEnabledDavVSP = 0\n\n[SPARQL]\nResultSetMaxRows = 1000000\nMaxQueryExecutionTime = 60\n"
        );
        std::fs::write(dir.path().join("virtuoso.ini"), ini).unwrap();
        let child = Command::new("/usr/bin/virtuoso-t")
            .args(["-f", "-c", "virtuoso.ini"])
            .current_dir(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("virtuoso-t starts");
        let v = Virtuoso {
            child,
            http,
            _dir: dir,
        };
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let ready = ureq::get(format!("http://127.0.0.1:{http}/sparql?query=ASK%7B%7D"))
                .call()
                .is_ok_and(|r| r.status().is_success());
            if ready {
                break;
            }
            assert!(Instant::now() < deadline, "virtuoso did not start");
            std::thread::sleep(Duration::from_millis(200));
        }
        // The Graph Store endpoint /sparql-graph-crud runs as the SPARQL user: it may update, and write
        // any graph.
        let out = Command::new("/usr/bin/isql-vt")
            .arg(format!("127.0.0.1:{sql}"))
            .args(["dba", "dba"])
            .arg("exec=GRANT SPARQL_UPDATE TO \"SPARQL\"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        Some(v)
    }

    /// A query's rows from its JSON results; `dataset` the protocol's `default-graph-uri` and
    /// `named-graph-uri` parameters.
    fn rows(&self, sparql: &str, dataset: &[(&str, &str)]) -> Vec<Vec<(String, String)>> {
        let mut form = vec![("query", sparql)];
        form.extend_from_slice(dataset);
        let mut r = ureq::post(format!("http://127.0.0.1:{}/sparql", self.http))
            .header("Accept", "application/sparql-results+json")
            .send_form(form)
            .expect("virtuoso answers");
        assert!(r.status().is_success(), "{}", r.status());
        rows_of(&r.body_mut().read_to_string().unwrap())
    }
}

impl Drop for Virtuoso {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// SPARQL JSON results as rows of (variable, value), each `GROUP_CONCAT` list (" | ") sorted, since
/// engines concatenate in their own order; rows sorted.
fn rows_of(json: &str) -> Vec<Vec<(String, String)>> {
    let doc: serde_json::Value = serde_json::from_str(json).unwrap();
    let mut rows: Vec<Vec<(String, String)>> = doc["results"]["bindings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            let mut row: Vec<(String, String)> = b
                .as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| {
                    let value = v["value"].as_str().unwrap();
                    let mut parts: Vec<&str> = value.split(" | ").collect();
                    parts.sort();
                    (k.clone(), parts.join(" | "))
                })
                .filter(|(_, v)| !v.is_empty())
                .collect();
            row.sort();
            row
        })
        .collect();
    rows.sort();
    rows
}

#[test]
fn a_store_pushed_to_virtuoso_answers_the_presets_as_the_local_store() {
    let Some(virtuoso) = Virtuoso::start() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    load(&store, &[&common::root().join("samples")]);
    let merge = "https://newsgraph.example/ns/merge";
    let endpoint = format!("http://127.0.0.1:{}/sparql-graph-crud", virtuoso.http);
    let out = push(&store, &endpoint, &["--merge-graph", merge]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let graphs = local_csv(&store, &[COUNTS]).lines().count() - 3;
    assert_eq!(summary(&out), (graphs + 2, 0, 0));

    // Statements per graph, the merge in its named graph.
    let local = local_csv(&store, &[COUNTS]);
    for line in local.lines().skip(1) {
        let (g, n) = line.rsplit_once(',').unwrap();
        let g = if g == "default" { merge } else { g };
        let q = format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}");
        let remote = virtuoso.rows(&q, &[]);
        assert_eq!(remote[0][0].1, n.trim(), "statements in <{g}>");
    }

    // The presets: the same rows, with the merge as the default graph and the index as the named graph
    // they read (Virtuoso sees no other named graph once a default graph is given).
    let dataset = [
        ("default-graph-uri", merge),
        ("named-graph-uri", "https://newsgraph.example/ns/index"),
    ];
    let entity = local_csv(&store, &["--preset", "places", "--limit", "1"])
        .lines()
        .nth(1)
        .unwrap()
        .split(',')
        .next()
        .unwrap()
        .to_owned();
    for entry in std::fs::read_dir(common::root().join("queries")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_str().unwrap().to_owned();
        if name == "together-indexed" {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let (local, text) = if text.contains("# param: entity") {
            let param = format!("entity={entity}");
            let local = newsgraph(
                &[
                    "query", "--format", "json", "--preset", &name, "--param", &param,
                ],
                &store,
            );
            (local, with_entity(&text, &entity))
        } else {
            (
                newsgraph(&["query", "--format", "json", "--preset", &name], &store),
                text,
            )
        };
        assert!(local.status.success());
        let local = rows_of(&String::from_utf8(local.stdout).unwrap());
        assert!(!local.is_empty(), "{name}: no rows");
        assert_eq!(
            local,
            virtuoso.rows(&text, &dataset),
            "preset {name} answers differently in Virtuoso"
        );
    }

    // Run again: nothing sent.
    let again = push(&store, &endpoint, &["--merge-graph", merge]);
    assert_eq!(summary(&again), (0, graphs, 0));
}
