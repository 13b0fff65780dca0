//! Convert throughput and peak memory over a generated corpus of seed-sized articles, per output format.
//!
//! Run: `bash scripts/bench.sh convert` (or `cargo bench --profile dev --bench convert`). Sizes come from
//! `NEWSGRAPH_BENCH_SIZES` (default `1000,10000`). Each size and format runs in its own child process so
//! that its peak memory (VmHWM) is its own. The reference line reads the same files and hashes them (the
//! floor any converter pays), so the figures can be compared as ratios on a noisy machine.

use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

use newsgraph::article::Options;
use newsgraph::emit::{self, Format};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--child") {
        child(args[i + 1].parse().expect("size"), &args[i + 2]);
        return;
    }
    let sizes = std::env::var("NEWSGRAPH_BENCH_SIZES").unwrap_or_else(|_| "1000,10000".into());
    println!(
        "{:<10} {:>7} {:>12} {:>10} {:>12}",
        "format", "articles", "articles/s", "seconds", "peak KiB"
    );
    for size in sizes.split(',') {
        for format in ["read", "jsonld", "nquads", "turtle"] {
            let out = Command::new(std::env::current_exe().expect("exe"))
                .args(["--child", size, format])
                .output()
                .expect("child runs");
            print!("{}", String::from_utf8_lossy(&out.stdout));
            eprint!("{}", String::from_utf8_lossy(&out.stderr));
        }
    }
}

fn child(size: usize, format: &str) {
    let dir = tempfile::tempdir().expect("temp dir");
    newsgraph::synth::write_corpus(dir.path(), size).expect("corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let opts = Options::default();
    let start = Instant::now();
    let mut bytes = 0usize;
    if format == "read" {
        use rayon::prelude::*;
        use sha2::Digest;
        bytes = files
            .par_iter()
            .map(|f| sha2::Sha256::digest(std::fs::read(f).unwrap()).len())
            .sum();
    } else {
        let fmt = match format {
            "jsonld" => Format::Jsonld,
            "nquads" => Format::Nquads,
            _ => Format::Turtle,
        };
        newsgraph::batch::convert_each(&files, &opts, |_, r| {
            bytes += emit::render(&r.expect("synthetic articles convert"), fmt, true).len();
        });
    }
    let secs = start.elapsed().as_secs_f64();
    assert!(bytes > 0);
    println!(
        "{format:<10} {size:>7} {:>12.0} {secs:>10.3} {:>12}",
        size as f64 / secs,
        peak_kib()
    );
}

/// Peak resident memory of this process (Linux).
fn peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}
