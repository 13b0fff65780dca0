//! Query benchmark: every preset and five analyst questions over generated archives in which people,
//! places and organizations recur with a realistic skew (`synth::Archive`: a few in most articles, most in
//! one or two), timed cold (the first run after the store is opened) and warm (the median and best of
//! the next runs), each result read to the end and written as CSV to a sink.
//!
//! Run: `cargo bench --profile dev --bench query`. Sizes come from `NEWSGRAPH_BENCH_SIZES` (default
//! `10000,100000`), warm runs from `NEWSGRAPH_BENCH_RUNS` (default 5). Each archive is loaded once with
//! `store::load_with` (the load's own path, merge included) into `NEWSGRAPH_BENCH_DIR` (default: a
//! temporary folder) and kept there as `query-store-N`, so a second run reuses it; the load time is printed.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use newsgraph::query::{self, Deadline, QueryFormat};
use newsgraph::store;
use newsgraph::synth::Archive;

/// Longest run of one query: a query stopped at this limit shows 0 rows and the limit as its time.
const LIMIT: Duration = Duration::from_secs(30);

/// The analyst questions: name, SPARQL.
const QUESTIONS: [(&str, &str); 5] = [
    (
        "q1 quotes by people titled kulturchef",
        "PREFIX schema: <http://schema.org/>
         SELECT ?name ?text ?headline WHERE {
           ?p schema:jobTitle \"kulturchef\" ; schema:name ?name .
           ?q schema:creator ?p ; schema:text ?text .
           ?article schema:hasPart ?q ; schema:headline ?headline .
         }",
    ),
    (
        "q2 places named with an initiative",
        "PREFIX schema: <http://schema.org/>
         SELECT ?initiative ?place (COUNT(?article) AS ?articles) WHERE {
           ?i a schema:Project ; schema:name ?initiative .
           ?article schema:mentions ?i , ?p .
           ?p a schema:Place ; schema:name ?place .
         } GROUP BY ?initiative ?place ORDER BY DESC(?articles) LIMIT 50",
    ),
    (
        "q3 people in more than one article",
        "PREFIX schema: <http://schema.org/>
         SELECT ?person (COUNT(?article) AS ?articles) WHERE {
           ?person a schema:Person .
           ?article schema:mentions ?person .
         } GROUP BY ?person HAVING (COUNT(?article) > 1) ORDER BY DESC(?articles)",
    ),
    (
        "q4 an organization's people over time",
        "PREFIX schema: <http://schema.org/>
         SELECT ?year ?name ?title (COUNT(?article) AS ?articles) WHERE {
           ?p schema:worksFor <https://id.newsgraph.example/organization/goteborgs-stad> ; schema:name ?name .
           GRAPH ?article { ?p schema:jobTitle ?title }
           ?article schema:datePublished ?date .
           BIND(YEAR(?date) AS ?year)
         } GROUP BY ?year ?name ?title ORDER BY ?year ?name",
    ),
    (
        "q5 people named together most",
        "PREFIX schema: <http://schema.org/>
         SELECT ?a ?b (COUNT(?article) AS ?articles) WHERE {
           ?article schema:mentions ?p1 , ?p2 .
           ?p1 a schema:Person ; schema:name ?a .
           ?p2 a schema:Person ; schema:name ?b .
           FILTER(?a < ?b)
         } GROUP BY ?a ?b ORDER BY DESC(?articles) ?a LIMIT 20",
    ),
];

fn main() {
    let sizes = std::env::var("NEWSGRAPH_BENCH_SIZES").unwrap_or_else(|_| "10000,100000".into());
    let runs: usize = std::env::var("NEWSGRAPH_BENCH_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5)
        .max(1);
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = std::env::var("NEWSGRAPH_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| tmp.path().to_owned());
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("query benchmark: {threads} CPUs; {runs} warm runs per query");
    for size in sizes
        .split(',')
        .map(|s| s.trim().parse::<usize>().expect("size"))
    {
        let path = dir.join(format!("query-store-{size}"));
        build(&path, size);
        let st = store::open_existing(&path).expect("open the store");
        let quads = st.len().expect("count");
        println!("\n{size} articles, {quads} quads (article graphs and their merge)");
        println!(
            "{:<44} {:>8} {:>10} {:>10} {:>10}",
            "query", "rows", "cold ms", "warm ms", "best ms"
        );
        drop(st);
        for (name, timed, params) in queries() {
            // Cold: a fresh open of the store (RocksDB's caches empty; the OS page cache as it is).
            let st = store::open_existing(&path).expect("open the store");
            let (rows, cold) = time(&st, &timed, &params);
            let mut warm: Vec<Duration> = (0..runs).map(|_| time(&st, &timed, &params).1).collect();
            warm.sort();
            println!(
                "{name:<44} {rows:>8} {:>10.1} {:>10.1} {:>10.1}",
                ms(cold),
                ms(warm[warm.len() / 2]),
                ms(warm[0])
            );
        }
    }
}

/// Every preset (with the most mentioned organization as its entity parameter), then the questions.
/// A query to time: a preset (run as `query --preset` runs it, see `query::run_preset`) or SPARQL text.
enum Timed {
    Preset(query::Preset),
    Text(&'static str),
}

fn queries() -> Vec<(String, Timed, Vec<String>)> {
    let mut out = Vec::new();
    for p in query::presets() {
        let params: Vec<String> = p
            .params
            .iter()
            .map(|(n, _)| format!("{n}=göteborgs stad"))
            .collect();
        // The entity-parameter presets also for an entity two articles name (`together` then counts
        // instead of reading the index's list; `mentions` falls back to all articles).
        if !params.is_empty() {
            let rare = p
                .params
                .iter()
                .map(|(n, _)| format!("{n}={RARE}"))
                .collect();
            out.push((
                format!("preset {} (rare entity)", p.name),
                Timed::Preset(p.clone()),
                rare,
            ));
        }
        out.push((format!("preset {}", p.name), Timed::Preset(p), params));
    }
    for (name, text) in QUESTIONS {
        out.push((name.to_owned(), Timed::Text(text), Vec::new()));
    }
    out
}

/// A person the generated archives name in few articles.
const RARE: &str = "Anders Granberg";

/// Runs one query to the end, writing CSV to a sink: rows and time.
fn time(st: &store::Opened, timed: &Timed, params: &[String]) -> (usize, Duration) {
    let start = Instant::now();
    let params: Vec<_> = params
        .iter()
        .map(|p| {
            let (v, t) = query::parse_param(p).expect("param");
            (v, query::entity_name(st, t).expect("entity"))
        })
        .collect();
    let deadline = Deadline::start(Some(LIMIT));
    let results = match timed {
        Timed::Preset(p) => query::run_preset(st, p, None, &params, &deadline),
        Timed::Text(text) => {
            let prepared = query::prepare(text, "", None, &deadline).expect("query parses");
            query::execute(st, query::bind(prepared, &params), &deadline)
        }
    };
    let rows =
        results.and_then(|r| query::write_results(r, QueryFormat::Csv, std::io::sink(), &deadline));
    match rows {
        Ok(rows) => (rows, start.elapsed()),
        Err(newsgraph::Error::Timeout(_)) => (0, LIMIT),
        Err(e) => panic!("{e}"),
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Loads the archive of `size` articles into `path` unless a complete one is there.
fn build(path: &Path, size: usize) {
    let done = path.join("bench-complete");
    if done.is_file() {
        return;
    }
    let _ = std::fs::remove_dir_all(path);
    let start = Instant::now();
    let archive = Archive::new(size);
    let st = store::open(path).expect("create the store");
    let stats = store::load_with(
        &st,
        path,
        |send| {
            for i in 0..archive.len() {
                let a = archive.article(i);
                let name = PathBuf::from(format!("{}.txt", a.id));
                if !send(&name, Ok(a)) {
                    break;
                }
            }
        },
        |_| {},
    )
    .expect("load");
    st.flush().expect("flush");
    drop(st);
    std::fs::write(&done, "").expect("mark");
    println!(
        "loaded {} generated articles ({} quads in article graphs) in {:.1} s",
        stats.articles(),
        stats.quads,
        start.elapsed().as_secs_f64()
    );
}
