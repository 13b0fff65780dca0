//! Writes the benchmarks' synthetic corpus to a folder, for profiling and timing by hand.
//!
//! Run: `cargo run --example synth -- DIR COUNT` (COUNT defaults to 10,000).

fn main() -> std::io::Result<()> {
    let mut args = std::env::args_os().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: synth DIR [COUNT]");
        std::process::exit(2);
    };
    let count = match args.next().map(|c| c.to_string_lossy().parse::<usize>()) {
        None => 10_000,
        Some(Ok(n)) => n,
        Some(Err(e)) => {
            eprintln!("synth: COUNT: {e}");
            std::process::exit(2);
        }
    };
    newsgraph::synth::write_corpus(std::path::Path::new(&dir), count)
}
