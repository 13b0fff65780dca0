//! `newsgraph package` time and peak memory over generated corpora, beside `newsgraph convert` of the same
//! files, as a folder and as a tar and a zip file (`--archive`): a package holds the originals, their
//! JSON-LD and N-Quads, METS and PREMIS, and its memory must not grow with the number of articles.
//!
//! Run: `cargo bench --profile dev --bench package`. Sizes come from `NEWSGRAPH_BENCH_SIZES` (default
//! `1000,10000`), the working folder from `NEWSGRAPH_BENCH_DIR` (default: the temporary folder). Each row
//! runs the command as a child process; its peak memory is the child's (`getrusage`). Compare rows of one
//! run as ratios: a shared machine's speed drifts.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

fn main() {
    let sizes = std::env::var("NEWSGRAPH_BENCH_SIZES").unwrap_or_else(|_| "1000,10000".into());
    let work =
        std::env::var_os("NEWSGRAPH_BENCH_DIR").map_or_else(std::env::temp_dir, PathBuf::from);
    println!("# working folder: {}", work.display());
    println!(
        "{:<16} {:>8} {:>12} {:>10} {:>10}",
        "row", "articles", "articles/s", "seconds", "peak KiB"
    );
    for size in sizes.split(',') {
        let size: usize = size.trim().parse().expect("NEWSGRAPH_BENCH_SIZES: numbers");
        let dir = tempfile::tempdir_in(&work).expect("temp dir");
        let corpus = dir.path().join("corpus");
        newsgraph::synth::write_corpus(&corpus, size).expect("corpus");
        for row in ["convert:jsonld", "package", "package:tar", "package:zip"] {
            let (secs, peak) = run(row, &corpus, dir.path());
            println!(
                "{row:<16} {size:>8} {:>12.0} {secs:>10.3} {peak:>10}",
                size as f64 / secs
            );
        }
    }
}

/// Runs one row's command in a child process; its seconds and peak memory (KiB), from `wait4` on that
/// child alone (`RUSAGE_CHILDREN` would give the largest of all rows so far).
fn run(row: &str, corpus: &Path, dir: &Path) -> (f64, u64) {
    let out = dir.join(row.replace(':', "-"));
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_newsgraph"));
    match row {
        "convert:jsonld" => cmd.args(["convert", "--quiet", "--format", "jsonld", "--out"]),
        "package" => cmd.args(["package", "--quiet", "--out"]),
        "package:tar" => cmd.args(["package", "--quiet", "--archive", "tar", "--out"]),
        _ => cmd.args(["package", "--quiet", "--archive", "zip", "--out"]),
    };
    cmd.arg(&out).arg(corpus);
    let start = Instant::now();
    let child = cmd.spawn().expect("newsgraph runs");
    let (status, peak) = wait_with_peak(child);
    let secs = start.elapsed().as_secs_f64();
    assert!(status.success(), "{row} failed");
    (secs, peak)
}

/// Waits for a child and reads its own peak resident memory (KiB) from `wait4`'s resource usage.
fn wait_with_peak(child: std::process::Child) -> (std::process::ExitStatus, u64) {
    use std::os::unix::process::ExitStatusExt;
    let pid = i32::try_from(child.id()).expect("pid");
    let mut status = 0;
    // SAFETY: wait4 only writes into the zeroed struct and the status it is given; the child is ours.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::wait4(pid, &mut status, 0, &mut usage);
        usage
    };
    (
        std::process::ExitStatus::from_raw(status),
        u64::try_from(usage.ru_maxrss).unwrap_or(0),
    )
}
