//! Push benchmark: `newsgraph push` of a store of generated articles to an Oxigraph server (`oxigraph
//! serve`, the PyPI `oxigraph` CLI) on loopback, against the server's own bulk load (`oxigraph load`) of
//! the same statements into a fresh location as the reference.
//!
//! Run: `cargo bench --profile dev --bench push`. Sizes come from `NEWSGRAPH_BENCH_SIZES` (default
//! `10000`), the request concurrency of each push from `NEWSGRAPH_BENCH_CONCURRENCY` (default `4`, the
//! default of `push`; e.g. `1,4,8`). The reference binary is `$NEWSGRAPH_VENV/bin/oxigraph` (installed by
//! scripts/setup.sh; default venv `~/.cache/newsgraph-venv`); without it nothing can run.
//!
//! Not timed: generating the articles, loading them into the local store, writing the reference N-Quads
//! (what the push sends: the article graphs, the merge in the default graph and the index graph) and
//! starting the server (a fresh location for each push). Timed: the whole `push` child process (reading
//! the store, Turtle per graph, one HTTP PUT per article graph, then the merge and the index) until it
//! exits, which is when the server has committed every graph; and `oxigraph load` of the N-Quads file.
//! The ratio is push time over load time: what sending graph by graph over HTTP costs against the
//! server's own bulk path.

use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn main() {
    let sizes = std::env::var("NEWSGRAPH_BENCH_SIZES").unwrap_or_else(|_| "10000".into());
    let concurrency = std::env::var("NEWSGRAPH_BENCH_CONCURRENCY").unwrap_or_else(|_| "4".into());
    let venv = std::env::var("NEWSGRAPH_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cache/newsgraph-venv")
        });
    let oxigraph = venv.join("bin/oxigraph");
    if !oxigraph.is_file() {
        eprintln!(
            "note: {} not found (run scripts/setup.sh): no server to push to, nothing measured",
            oxigraph.display()
        );
        return;
    }
    // A private copy of the binary: the target folder is shared, and another checkout's build could
    // replace target/debug/newsgraph while the benchmark runs.
    let bin_dir = tempfile::tempdir().expect("temp dir");
    let bin = bin_dir.path().join("newsgraph");
    std::fs::copy(env!("CARGO_BIN_EXE_newsgraph"), &bin).expect("copy the binary");
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "push benchmark: {threads} CPUs; newsgraph {}; server and client on the same machine",
        env!("CARGO_PKG_VERSION")
    );
    println!(
        "{:>8} {:>10} {:>28} {:>9} {:>11} {:>8}",
        "articles", "quads", "side", "seconds", "articles/s", "ratio"
    );
    for size in sizes
        .split(',')
        .map(|s| s.trim().parse::<usize>().expect("size"))
    {
        let dir = tempfile::tempdir().expect("temp dir");
        let corpus = dir.path().join("corpus");
        newsgraph::synth::write_corpus(&corpus, size).expect("corpus");
        let store = dir.path().join("store");
        let loaded = Command::new(&bin)
            .args(["load", "--quiet", "--store"])
            .arg(&store)
            .arg(&corpus)
            .status()
            .expect("load runs");
        assert!(loaded.success());
        let nq = dir.path().join("sent.nq");
        let quads = write_sent_quads(&store, &nq);

        let reference = {
            let start = Instant::now();
            let status = Command::new(&oxigraph)
                .args(["load", "--location"])
                .arg(dir.path().join("reference"))
                .arg("--file")
                .arg(&nq)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .expect("oxigraph load runs");
            assert!(status.success(), "oxigraph load failed");
            start.elapsed().as_secs_f64()
        };
        println!(
            "{size:>8} {quads:>10} {:>28} {reference:>9.2} {:>11.0} {:>8}",
            "oxigraph load (reference)",
            size as f64 / reference,
            ""
        );
        for n in concurrency.split(',').map(str::trim) {
            let location = dir.path().join(format!("server-{n}"));
            let port = free_port();
            let mut server = Command::new(&oxigraph)
                .args(["serve", "--location"])
                .arg(&location)
                .arg("--bind")
                .arg(format!("127.0.0.1:{port}"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("oxigraph serve starts");
            wait_listening(port);
            let start = Instant::now();
            let out = Command::new(&bin)
                .args(["push", "--quiet", "--concurrency", n, "--endpoint"])
                .arg(format!("http://127.0.0.1:{port}/store"))
                .arg("--store")
                .arg(&store)
                .arg("--state")
                .arg(dir.path().join(format!("state-{n}")))
                .output()
                .expect("push runs");
            let secs = start.elapsed().as_secs_f64();
            let _ = server.kill();
            let _ = server.wait();
            assert!(
                out.status.success(),
                "push failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            println!(
                "{size:>8} {quads:>10} {:>28} {secs:>9.2} {:>11.0} {:>7.2}x",
                format!("newsgraph push -c {n}"),
                size as f64 / secs,
                secs / reference
            );
        }
    }
}

/// The statements a push sends (every graph of the store but the local sources graph) as N-Quads in
/// `out`; returns their number.
fn write_sent_quads(store: &Path, out: &Path) -> usize {
    let st = newsgraph::store::open_existing(store).expect("store opens");
    let mut w = std::io::BufWriter::new(std::fs::File::create(out).expect("nq file"));
    let mut n = 0;
    for q in st.iter() {
        let q = q.expect("store reads");
        if let oxigraph::model::GraphName::NamedNode(g) = &q.graph_name {
            if g.as_str() == newsgraph::store::SOURCES_GRAPH {
                continue;
            }
        }
        writeln!(w, "{q} .").expect("write");
        n += 1;
    }
    w.flush().expect("flush");
    n
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .expect("a free port")
        .local_addr()
        .expect("its address")
        .port()
}

fn wait_listening(port: u16) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "oxigraph serve did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
}
