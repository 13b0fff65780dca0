//! Golden files: every sample's JSON-LD, N-Quads and XML archive, byte for byte.
//! Regenerate after an intended change with `NEWSGRAPH_BLESS=1 cargo test --test golden` (see README).

mod common;

use newsgraph::article::{self, Options};
use newsgraph::emit::{self, Format};

#[test]
fn samples_match_their_golden_outputs() {
    let opts = Options::default();
    let mut problems = Vec::new();
    let samples = common::samples();
    assert!(samples.len() >= 8, "expected at least 8 samples");
    for path in samples {
        let a = article::from_file(&path, &opts).unwrap_or_else(|e| panic!("{e}"));
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        for (format, ext) in [
            (Format::Jsonld, "jsonld"),
            (Format::Nquads, "nq"),
            (Format::Xml, "xml"),
        ] {
            let golden = common::root().join(format!("samples/golden/{stem}.{ext}"));
            problems.extend(common::check_golden(
                &golden,
                &emit::render(&a, format, false),
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "golden mismatches:\n{}",
        problems.join("\n")
    );
}

#[test]
fn output_is_deterministic_across_runs_and_thread_counts() {
    let opts = Options::default();
    let files = common::inputs();
    let render_all = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| {
            let mut out = Vec::new();
            newsgraph::batch::convert_each(&files, &opts, |_, r| {
                out.push(emit::render(&r.unwrap(), Format::Nquads, true));
            });
            out
        })
    };
    assert_eq!(render_all(1), render_all(4));
}
