//! The `newsgraph` binary: parses the command line and hands over to the library's `cli` module.

use clap::Parser;

/// mimalloc (its 2.x series) instead of glibc's malloc: a conversion makes a few hundred short-lived
/// allocations per article on every core, and glibc spent about a tenth of the CPU time on them. It
/// makes a 10,000-article batch about 6% faster for about 20 MB more resident memory, the same for
/// any corpus size (ARCHITECTURE.md, "Speed").
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    newsgraph::cli::run(newsgraph::cli::Cli::parse())
}
