//! The `newsgraph` binary: parses the command line and hands over to the library's `cli` module.

use clap::Parser;

fn main() -> std::process::ExitCode {
    newsgraph::cli::run(newsgraph::cli::Cli::parse())
}

/// jemalloc for every allocation of the process, Rust's and C's alike.
///
/// A batch makes hundreds of small allocations per article, and glibc's malloc and free cost about 6% of
/// `convert`'s CPU time more than jemalloc's. The symbols are unprefixed, so RocksDB's own `malloc` is
/// jemalloc's too: oxigraph hands RocksDB's malloc'ed error strings to `CString::from_raw`, which frees them
/// with the Rust allocator, and a Rust-only allocator (mimalloc was tried) crashes `load` on the first
/// store error. This is the set-up TiKV runs RocksDB with.
#[cfg(all(target_os = "linux", not(target_env = "musl")))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;
