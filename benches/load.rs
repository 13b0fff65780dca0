//! Load benchmark: newsgraph's whole load (article files → conversion → store) against oxigraph's own
//! loader (`oxigraph load`, the PyPI `oxigraph` CLI of the same 0.5 line) on newsgraph's N-Quads for the
//! same articles, side by side on the same machine in one run.
//!
//! Run: `cargo bench --profile dev --bench load`. Sizes come from `NEWSGRAPH_BENCH_SIZES` (default
//! `1000,10000`; `100000` on request). The reference binary is `$NEWSGRAPH_VENV/bin/oxigraph` (installed
//! by scripts/setup.sh; default venv `~/.cache/newsgraph-venv`); without it only newsgraph's side runs.
//! Each side runs as its own child process into a fresh store; the wall time and the child's peak resident
//! memory (from wait4's rusage) are reported. The N-Quads file is written before the timing starts
//! (`convert --format nquads --named-graph` output, concatenated), so the reference does not pay for
//! conversion while newsgraph does: the ratio is newsgraph's whole job against loading alone.
//!
//! newsgraph also keeps the merge of the article graphs in the default graph (see `store`), so the
//! reference runs twice: on the article graphs alone (what the layout costs shows against this row) and on
//! the same quads newsgraph writes, article graphs plus their merge (the like-for-like comparison).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use newsgraph::article::Options;
use newsgraph::emit::{self, Format};

fn main() {
    let sizes = std::env::var("NEWSGRAPH_BENCH_SIZES").unwrap_or_else(|_| "1000,10000".into());
    let venv = std::env::var("NEWSGRAPH_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cache/newsgraph-venv")
        });
    let reference = venv.join("bin/oxigraph");
    let have_reference = reference.is_file();
    if !have_reference {
        eprintln!(
            "note: {} not found (run scripts/setup.sh): reference side skipped",
            reference.display()
        );
    }
    // A private copy of the binary: the target folder is shared, and another checkout's build could
    // replace target/debug/newsgraph while the benchmark runs.
    let bin_dir = tempfile::tempdir().expect("temp dir");
    let bin = bin_dir.path().join("newsgraph");
    std::fs::copy(env!("CARGO_BIN_EXE_newsgraph"), &bin).expect("copy the binary");
    let help = Command::new(&bin)
        .arg("--help")
        .output()
        .expect("binary runs");
    assert!(
        String::from_utf8_lossy(&help.stdout).contains("load"),
        "{} has no load command (replaced by another build?): run the benchmark again",
        env!("CARGO_BIN_EXE_newsgraph")
    );
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "load benchmark: {threads} CPUs; newsgraph {}",
        env!("CARGO_PKG_VERSION")
    );
    println!(
        "{:>8} {:>10} {:>22} {:>9} {:>9} {:>11} {:>10}",
        "articles", "quads", "loader", "seconds", "cpu s", "peak KiB", "ratio"
    );
    for size in sizes
        .split(',')
        .map(|s| s.trim().parse::<usize>().expect("size"))
    {
        let dir = tempfile::tempdir().expect("temp dir");
        let corpus = dir.path().join("corpus");
        newsgraph::synth::write_corpus(&corpus, size).expect("corpus");
        let nq = dir.path().join("corpus.nq");
        let with_merge = dir.path().join("corpus-and-merge.nq");
        let quads = write_nquads(&corpus, &nq, &with_merge);

        let ours = measure(
            Command::new(&bin)
                .args(["load", "--quiet", "--store"])
                .arg(dir.path().join("store-newsgraph"))
                .arg(&corpus),
        );
        println!(
            "{size:>8} {quads:>10} {:>22} {:>9.3} {:>9.2} {:>11} {:>10}",
            "newsgraph load (files)", ours.0, ours.2, ours.1, ""
        );
        if have_reference {
            for (label, file) in [
                ("oxigraph load (graphs)", &nq),
                ("oxigraph load (+merge)", &with_merge),
            ] {
                let store = dir.path().join(format!("store-oxigraph-{}", label.len()));
                let theirs = measure(
                    Command::new(&reference)
                        .args(["load", "--location"])
                        .arg(store)
                        .arg("--file")
                        .arg(file),
                );
                println!(
                    "{size:>8} {quads:>10} {label:>22} {:>9.3} {:>9.2} {:>11} {:>9.2}x",
                    theirs.0,
                    theirs.2,
                    theirs.1,
                    ours.0 / theirs.0
                );
                println!(
                    "{:>8} {:>10} {:>22} {:>9} {:>9} {:>11} {:>9.2}x",
                    "",
                    "",
                    "(cpu ratio)",
                    "",
                    "",
                    "",
                    ours.2 / theirs.2
                );
            }
        }
    }
}

/// newsgraph's N-Quads (named graphs) for every article of the corpus in `out`, and the same followed by
/// their merge (each distinct triple once, in the default graph) in `with_merge`; returns the quad count
/// of the article graphs.
fn write_nquads(corpus: &Path, out: &Path, with_merge: &Path) -> usize {
    let (files, errors) = newsgraph::batch::collect_inputs(&[corpus.to_owned()]);
    assert!(errors.is_empty());
    let mut w = std::io::BufWriter::new(std::fs::File::create(out).expect("nq file"));
    let mut quads = 0;
    let mut merge = std::collections::HashSet::new();
    newsgraph::batch::convert_each(&files, &Options::default(), |_, r| {
        let article = r.expect("synthetic articles convert");
        let text = emit::render(&article, Format::Nquads, true);
        quads += text.lines().count();
        w.write_all(text.as_bytes()).expect("write");
        let node = emit::graph::article_node(&article);
        for q in emit::rdf::quads(&node, &oxigraph::model::GraphName::DefaultGraph) {
            merge.insert(format!("{q} .\n"));
        }
    });
    w.flush().expect("flush");
    drop(w);
    std::fs::copy(out, with_merge).expect("copy");
    let mut w = std::io::BufWriter::new(
        std::fs::OpenOptions::new()
            .append(true)
            .open(with_merge)
            .expect("nq file"),
    );
    for line in merge {
        w.write_all(line.as_bytes()).expect("write");
    }
    w.flush().expect("flush");
    quads
}

/// Runs a command to completion: wall seconds, the child's peak resident memory in KiB and its CPU
/// seconds (user + system, less sensitive than wall time to other work on the machine).
fn measure(cmd: &mut Command) -> (f64, i64, f64) {
    let log = tempfile::tempfile().expect("log file");
    cmd.stdout(std::process::Stdio::null())
        .stderr(log.try_clone().expect("log file"));
    let start = Instant::now();
    let child = cmd.spawn().expect("command starts");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: pid is our child, not yet waited for; the pointers are valid for the call.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let secs = start.elapsed().as_secs_f64();
    assert_eq!(waited, pid, "wait4");
    drop(child);
    let mut stderr = String::new();
    let mut log = log;
    use std::io::{Read, Seek};
    let _ = log.rewind().and_then(|()| log.read_to_string(&mut stderr));
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "{cmd:?} failed: {stderr}"
    );
    let cpu = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    (
        secs,
        usage.ru_maxrss,
        cpu(usage.ru_utime) + cpu(usage.ru_stime),
    )
}
