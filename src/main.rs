//! The `newsgraph` binary: parses the command line and hands over to the library's `cli` module.

use clap::Parser;

fn main() -> std::process::ExitCode {
    newsgraph::cli::run(newsgraph::cli::Cli::parse())
}
