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
}
