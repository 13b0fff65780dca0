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

/// The HTML sample and every page of the WARC sample (`{stem}-{n}` for the n-th page).
#[test]
fn web_samples_match_their_golden_outputs() {
    let opts = Options::default();
    let mut problems = Vec::new();
    let samples = common::web_samples();
    assert!(samples.len() >= 2, "expected an HTML and a WARC sample");
    for path in samples {
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let mut articles = Vec::new();
        newsgraph::batch::convert_each(std::slice::from_ref(&path), &opts, |_, r| {
            articles.push(r.unwrap_or_else(|e| panic!("{e}")))
        });
        let warc = newsgraph::warc::is_warc(&path);
        assert!(articles.len() > usize::from(warc), "{}", path.display());
        for (i, a) in articles.iter().enumerate() {
            let name = if warc {
                format!("{stem}-{}", i + 1)
            } else {
                stem.clone()
            };
            for (format, ext) in [
                (Format::Jsonld, "jsonld"),
                (Format::Nquads, "nq"),
                (Format::Xml, "xml"),
            ] {
                let golden = common::root().join(format!("samples/golden/{name}.{ext}"));
                problems.extend(common::check_golden(
                    &golden,
                    &emit::render(a, format, false),
                ));
            }
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
    let mut files = common::inputs();
    files.extend(common::web_samples());
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

#[test]
fn seed_structure_is_recognised() {
    let Some(seed) = common::seed() else {
        eprintln!("seed not present beside the repository; skipped");
        return;
    };
    let a = article::from_file(&seed, &Options::default()).unwrap();
    assert_eq!(
        a.caption.as_deref(),
        Some("Henrik Kant, stadsbyggnadsdirektör i Göteborgs Stad.")
    );
    assert_eq!(a.headline, "Intervju med stadsbyggnadsdirektören");
    assert!(a
        .lead
        .as_deref()
        .unwrap()
        .starts_with("Göteborgs Stad satsar långsiktigt"));
    assert_eq!(a.related.len(), 3);
    assert_eq!(
        a.related[2],
        "Många satsningar för att ge barn en god start i livet"
    );
    let headings: Vec<&str> = a
        .sections
        .iter()
        .filter_map(|s| s.heading.as_deref())
        .collect();
    assert_eq!(
        headings,
        [
            "Stort engagemang",
            "Bättre tillgång på bostäder och service",
            "Från skrivbord ut till närmiljön"
        ]
    );
    assert_eq!(a.quotes.len(), 5);
    assert!(a
        .quotes
        .iter()
        .all(|q| !q.text.contains("säger") && !q.text.starts_with('–')));
    assert_eq!(a.language, "sv");
}

#[test]
fn legacy_encoded_and_crlf_twins_give_the_same_article() {
    let opts = Options::default();
    let original = common::root().join("samples/sv-intervju-kultur.txt");
    let text = std::fs::read_to_string(&original).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let twins = [
        encoding_rs::WINDOWS_1252.encode(&text).0.into_owned(),
        text.replace('\n', "\r\n").into_bytes(),
        [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat(),
    ];
    let expected = article::from_file(&original, &opts).unwrap();
    for bytes in twins {
        let path = dir.path().join("sv-intervju-kultur.txt");
        std::fs::write(&path, bytes).unwrap();
        let twin = article::from_file(&path, &opts).unwrap();
        for format in [Format::Jsonld, Format::Nquads] {
            assert_eq!(
                emit::render(&twin, format, false),
                emit::render(&expected, format, false)
            );
        }
        assert_eq!(twin.entities, expected.entities);
    }
}
