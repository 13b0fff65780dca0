//! The `newsgraph` binary: parses the command line and hands over to the library's `cli` module.

use clap::Parser;

fn main() -> std::process::ExitCode {
    #[cfg(all(target_os = "linux", not(target_env = "musl")))]
    newsgraph::memory::set_release(purge);
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

/// Purges the freed pages of every jemalloc arena (`arena.<MALLCTL_ARENAS_ALL>.purge`), for
/// [`newsgraph::memory::release`] at the end of each step of a long run: a package's chunks and zip
/// entries free far more than they keep, and jemalloc would otherwise hold those pages for 10 s.
#[cfg(all(target_os = "linux", not(target_env = "musl")))]
fn purge() {
    // 4096 is jemalloc.h's MALLCTL_ARENAS_ALL (the sys crate does not export it).
    const NAME: &[u8] = b"arena.4096.purge\0";
    // SAFETY: a NUL-terminated control name that takes and returns nothing; a failure (none is
    // expected) only leaves the pages where they were.
    unsafe {
        tikv_jemalloc_sys::mallctl(
            NAME.as_ptr().cast(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            0,
        );
    }
}
