//! The store as users and analysts run it: load (idempotent, replacement, kill safety, locking), query
//! (presets, formats, parameters, malformed SPARQL), export and the SPARQL endpoint.

mod common;

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use newsgraph::article::Options;
use newsgraph::emit;
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, Quad};
use oxigraph::store::Store;

use common::http::{encode, http};

fn newsgraph(args: &[&str]) -> Command {
    let mut c = Command::new(common::bin());
    c.args(args)
        .current_dir(common::root())
        .env_remove("NEWSGRAPH_BASE")
        .env_remove("NEWSGRAPH_STORE");
    c
}

fn run(args: &[&str]) -> Output {
    newsgraph(args).output().expect("binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn load(store: &Path, inputs: &[&Path]) -> Output {
    let mut args = vec!["load", "--store", store.to_str().unwrap()];
    args.extend(inputs.iter().map(|p| p.to_str().unwrap()));
    run(&args)
}

fn samples_dir() -> PathBuf {
    common::root().join("samples")
}

/// The sample articles.
fn samples() -> Vec<PathBuf> {
    common::samples()
}

fn load_samples(store: &Path) -> Output {
    let files = samples();
    let refs: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    load(store, &refs)
}

/// A temporary store with the samples loaded.
fn sample_store() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let out = load_samples(&tmp.path().join("store"));
    assert!(out.status.success(), "{}", text(&out.stderr));
    tmp
}

/// Every quad in the store, sorted as N-Quads lines.
fn dump(store: &Path) -> Vec<String> {
    let st = Store::open(store).unwrap();
    let mut lines: Vec<String> = st.iter().map(|q| format!("{} .", q.unwrap())).collect();
    lines.sort();
    lines
}

/// The quads an article file must have in the store.
fn expected_quads(path: &Path) -> (NamedNode, HashSet<Quad>) {
    let a = newsgraph::article::from_file(path, &Options::default()).unwrap();
    let g = NamedNode::new(&a.iri).unwrap();
    let quads = emit::rdf::quads(
        &emit::graph::article_node(&a),
        &GraphName::NamedNode(g.clone()),
    );
    (g, quads.into_iter().collect())
}

const INDEX: &str = "https://newsgraph.example/ns/index";
const SOURCES: &str = newsgraph::store::SOURCES_GRAPH;

/// An IRI written `<…>` without its brackets, for ordering as the engine orders IRIs.
fn bare(iri: &str) -> &str {
    iri.trim_start_matches('<').trim_end_matches('>')
}

/// Asserts the store's layout invariants: the default graph holds exactly the triples of the article
/// graphs, each once, and the index graph holds for every entity the number of articles that mention it
/// and that it wrote. Returns the number of quads in article graphs.
fn assert_merge(st: &Store) -> usize {
    let mut in_graphs = 0;
    let mut union = HashSet::new();
    let mut merged = HashSet::new();
    let mut counted: HashMap<(String, &str), i64> = HashMap::new();
    let mut indexed: HashMap<(String, &str), i64> = HashMap::new();
    // Article → its date as the index must state it (`ng:published`), and what it states.
    let mut days: HashMap<String, String> = HashMap::new();
    let (mut published, mut recent) = (HashMap::new(), HashMap::new());
    // The co-mention lists: entity → pair nodes, pair → other entity, pair → articles; and the merge's
    // mentions per article.
    let mut pairs_of: Vec<(String, String)> = Vec::new();
    let mut pair_entity: HashMap<String, String> = HashMap::new();
    let mut pair_counts: HashMap<String, u64> = HashMap::new();
    let mut top: HashSet<String> = HashSet::new();
    let mut mentioned: HashMap<String, Vec<String>> = HashMap::new();
    for q in st.iter() {
        let q = q.unwrap();
        if matches!(&q.graph_name, GraphName::NamedNode(g) if g.as_str() == INDEX) {
            match q.predicate.as_str() {
                "https://newsgraph.example/ns/index#with" => {
                    pairs_of.push((q.subject.to_string(), q.object.to_string()));
                    continue;
                }
                "https://newsgraph.example/ns/index#top" => {
                    top.insert(q.subject.to_string());
                    continue;
                }
                "https://newsgraph.example/ns/index#entity" => {
                    pair_entity.insert(q.subject.to_string(), q.object.to_string());
                    continue;
                }
                _ => {}
            }
            let oxigraph::model::Term::Literal(value) = &q.object else {
                panic!("an index value is a literal: {q}")
            };
            let key = match q.predicate.as_str() {
                "https://newsgraph.example/ns/index#together" => {
                    pair_counts
                        .insert(q.subject.to_string(), value.value().parse::<u64>().unwrap());
                    continue;
                }
                "https://newsgraph.example/ns/index#articles" => "mentions",
                "https://newsgraph.example/ns/index#authored" => "author",
                "https://newsgraph.example/ns/index#published" => {
                    let old = published.insert(q.subject.to_string(), value.value().to_owned());
                    assert!(old.is_none(), "one date per article: {q}");
                    continue;
                }
                "https://newsgraph.example/ns/index#recent" => {
                    recent.insert(q.subject.to_string(), value.value().to_owned());
                    continue;
                }
                other => panic!("unexpected index statement {other}"),
            };
            let oxigraph::model::Term::Literal(n) = &q.object else {
                panic!("a count is a literal: {q}")
            };
            indexed.insert((q.subject.to_string(), key), n.value().parse().unwrap());
            continue;
        }
        if matches!(&q.graph_name, GraphName::NamedNode(g) if g.as_str() == newsgraph::store::SOURCES_GRAPH)
        {
            assert_eq!(q.predicate.as_str(), newsgraph::store::SOURCE, "{q}");
            continue;
        }
        if let GraphName::NamedNode(g) = &q.graph_name {
            let day = days.entry(g.to_string()).or_default();
            if q.predicate.as_str() == "http://schema.org/datePublished"
                && q.subject.to_string() == g.to_string()
            {
                if let oxigraph::model::Term::Literal(d) = &q.object {
                    if d.value() > day.as_str() {
                        *day = d.value().to_owned();
                    }
                }
            }
        }
        let triple = Quad::new(q.subject, q.predicate, q.object, GraphName::DefaultGraph);
        if triple.graph_name == q.graph_name {
            for (p, key) in [
                ("http://schema.org/mentions", "mentions"),
                ("http://schema.org/author", "author"),
            ] {
                if triple.predicate.as_str() == p {
                    *counted.entry((triple.object.to_string(), key)).or_default() += 1;
                }
            }
            if triple.predicate.as_str() == "http://schema.org/mentions" {
                mentioned
                    .entry(triple.subject.to_string())
                    .or_default()
                    .push(triple.object.to_string());
            }
            merged.insert(triple);
        } else {
            in_graphs += 1;
            union.insert(triple);
        }
    }
    assert_eq!(
        indexed, counted,
        "the index counts the merge's mentions and authors"
    );
    assert_eq!(published, days, "the index states every article's date");
    let mut newest: Vec<(&String, &String)> = days.iter().collect();
    newest.sort_by(|a, b| b.1.cmp(a.1).then(bare(a.0).cmp(bare(b.0))));
    newest.truncate(newsgraph::store::index::WINDOW);
    let newest: HashMap<String, String> = newest
        .into_iter()
        .map(|(a, d)| (a.clone(), d.clone()))
        .collect();
    assert_eq!(recent, newest, "the window holds the newest articles");
    let mut lists: HashMap<String, Vec<(String, u64)>> = HashMap::new();
    for (e, pair) in pairs_of {
        lists
            .entry(e)
            .or_default()
            .push((pair_entity[&pair].clone(), pair_counts[&pair]));
    }
    let mut expected: HashMap<String, Vec<(String, u64)>> = HashMap::new();
    let mut tallies: HashMap<&String, HashMap<&String, u64>> = HashMap::new();
    for entities in mentioned.values() {
        for e in entities {
            let tally = tallies.entry(e).or_default();
            for o in entities.iter().filter(|o| *o != e) {
                *tally.entry(o).or_default() += 1;
            }
        }
    }
    for (e, tally) in tallies {
        if (counted[&(e.clone(), "mentions")] as u64) < newsgraph::store::index::TOGETHER_MIN {
            continue;
        }
        let mut top: Vec<(String, u64)> = tally.into_iter().map(|(o, n)| (o.clone(), n)).collect();
        top.sort_by(|a, b| b.1.cmp(&a.1).then(bare(&a.0).cmp(bare(&b.0))));
        top.truncate(newsgraph::store::index::TOGETHER_TOP);
        expected.insert(e.clone(), top);
    }
    for list in lists.values_mut() {
        list.sort_by(|a, b| b.1.cmp(&a.1).then(bare(&a.0).cmp(bare(&b.0))));
    }
    assert_eq!(
        lists, expected,
        "the co-mention lists of the entities named most"
    );
    // Every counted entity, with its mentions (0 for an author never mentioned).
    let mut mentions_of: HashMap<String, i64> = HashMap::new();
    for ((e, k), n) in &counted {
        let n = if *k == "mentions" { *n } else { 0 };
        let entry = mentions_of.entry(e.clone()).or_insert(n);
        *entry = (*entry).max(n);
    }
    let mut by_count: Vec<i64> = mentions_of.values().copied().collect();
    by_count.sort_unstable_by(|a, b| b.cmp(a));
    let window = newsgraph::store::index::TOP_WINDOW;
    let least = if by_count.len() >= window {
        by_count[window - 1]
    } else {
        i64::MIN
    };
    let want_top: HashSet<String> = mentions_of
        .into_iter()
        .filter(|(_, n)| *n >= least)
        .map(|(e, _)| e)
        .collect();
    assert_eq!(top, want_top, "the most mentioned entities, ties included");
    assert!(
        union == merged,
        "the default graph is not the merge: {} triples missing from it, {} in it that no article states",
        union.difference(&merged).count(),
        merged.difference(&union).count()
    );
    in_graphs
}

fn graph_quads(st: &Store, g: &NamedNode) -> HashSet<Quad> {
    st.quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(g.as_ref())))
        .map(|q| q.unwrap())
        .collect()
}

fn query(store: &Path, args: &[&str]) -> Output {
    let mut all = vec!["query", "--store", store.to_str().unwrap()];
    all.extend(args);
    run(&all)
}

fn csv_rows(out: &Output) -> Vec<Vec<String>> {
    assert!(out.status.success(), "{}", text(&out.stderr));
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(out.stdout.as_slice());
    r.records()
        .map(|rec| rec.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn reloading_unchanged_input_leaves_exactly_the_same_quads() {
    let tmp = sample_store();
    let store = tmp.path().join("store");
    let before = dump(&store);
    assert!(!before.is_empty());
    let out = load_samples(&store);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(err.contains("0 new, 0 replaced, 10 unchanged"), "{err}");
    assert_eq!(dump(&store), before);
    // Every sample's graph is exactly what convert says.
    let st = Store::open(&store).unwrap();
    for f in samples() {
        let (g, expected) = expected_quads(&f);
        assert_eq!(graph_quads(&st, &g), expected, "{}", f.display());
    }
}

#[test]
fn a_changed_article_replaces_its_graph_and_nothing_else() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    let a = input.join("a.txt");
    let b = input.join("b.txt");
    std::fs::write(&a, newsgraph::synth::article(1)).unwrap();
    std::fs::write(&b, newsgraph::synth::article(2)).unwrap();
    let store = tmp.path().join("store");
    assert!(load(&store, &[&input]).status.success());
    let (gb, b_quads) = expected_quads(&b);
    let (ga, old_a) = expected_quads(&a);
    std::fs::write(&a, newsgraph::synth::article(3)).unwrap();
    let (_, new_a) = expected_quads(&a);
    assert_ne!(old_a, new_a);
    let out = load(&store, &[&a]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("0 new, 1 replaced, 0 unchanged"),
        "{}",
        text(&out.stderr)
    );
    let st = Store::open(&store).unwrap();
    assert_eq!(graph_quads(&st, &ga), new_a, "no stale statements remain");
    assert_eq!(
        graph_quads(&st, &gb),
        b_quads,
        "the other article is untouched"
    );
    assert_eq!(assert_merge(&st), new_a.len() + b_quads.len());
}

#[test]
fn bad_inputs_are_reported_and_the_rest_is_loaded() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(input.join("good.txt"), newsgraph::synth::article(5)).unwrap();
    std::fs::write(input.join("empty.txt"), "").unwrap();
    let store = tmp.path().join("store");
    let out = load(&store, &[&input]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.lines()
            .any(|l| l.starts_with("error:") && l.contains("empty.txt")),
        "{err}"
    );
    assert!(err.contains("loaded 1 articles (1 new"), "{err}");
    let st = Store::open(&store).unwrap();
    assert_eq!(newsgraph::store::graphs(&st, &store).unwrap().len(), 1);
}

/// Also the guard on the binary's allocator: RocksDB's error string goes back to the allocator that made
/// it, or this run crashes instead of printing the error (see `src/main.rs`).
#[test]
fn a_store_held_by_another_process_gives_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    let held = Store::open(&store).unwrap();
    let out = load_samples(&store);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("in use by another process"), "{err}");
    let out = query(&store, &["--preset", "people"]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("in use by another process"));
    drop(held);
}

#[test]
fn a_folder_that_is_not_a_store_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
    let out = load(tmp.path(), &[&samples_dir()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("not an Oxigraph store"),
        "{}",
        text(&out.stderr)
    );
    let out = query(&tmp.path().join("missing"), &["--preset", "people"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("no store here"));
}

#[test]
fn the_store_folder_comes_from_newsgraph_store_or_the_current_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let out = newsgraph(&["load", samples_dir().to_str().unwrap()])
        .current_dir(tmp.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(tmp.path().join("newsgraph-store/CURRENT").is_file());
    let env_store = tmp.path().join("env-store");
    let out = newsgraph(&["load", samples_dir().to_str().unwrap()])
        .env("NEWSGRAPH_STORE", &env_store)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(env_store.join("CURRENT").is_file());
}

#[test]
fn presets_are_listed_with_descriptions() {
    let out = run(&["query", "--list"]);
    assert!(out.status.success());
    let list = text(&out.stdout);
    for name in [
        "people",
        "places",
        "initiatives",
        "quotes",
        "together",
        "mentions",
    ] {
        assert!(
            list.lines()
                .any(|l| l.starts_with(name) && l.len() > name.len() + 10),
            "{name}: {list}"
        );
    }
    assert!(list.contains("--param entity="));
}

#[test]
fn presets_return_the_expected_rows_on_the_samples() {
    let tmp = sample_store();
    let store = tmp.path().join("store");
    let row = |rows: &[Vec<String>], first: &str| -> Vec<String> {
        rows.iter()
            .find(|r| r[0] == first)
            .unwrap_or_else(|| panic!("no row for {first}: {rows:?}"))
            .clone()
    };

    let people = csv_rows(&query(&store, &["--preset", "people", "--format", "csv"]));
    assert_eq!(
        people[0],
        [
            "name",
            "jobTitles",
            "employers",
            "articles",
            "authored",
            "person"
        ]
    );
    let karin = row(&people, "Karin Lindqvist");
    assert_eq!(karin[3], "2", "{karin:?}");
    assert!(!karin[1].is_empty(), "job title: {karin:?}");
    let helen = row(&people, "Helen Ashworth");
    assert_eq!(helen[3], "2", "{helen:?}");

    let places = csv_rows(&query(&store, &["--preset", "places", "--format", "csv"]));
    assert_eq!(places[0], ["name", "type", "articles", "wikidata", "place"]);
    assert!(row(&places, "Biskopsgården")[2].parse::<u32>().unwrap() >= 2);
    assert!(row(&places, "Hjällbo")[2].parse::<u32>().unwrap() >= 2);

    let initiatives = csv_rows(&query(
        &store,
        &["--preset", "initiatives", "--format", "csv"],
    ));
    assert_eq!(row(&initiatives, "Kultur nära alla")[1], "2");

    let quotes = csv_rows(&query(&store, &["--preset", "quotes", "--format", "csv"]));
    assert_eq!(
        quotes[0],
        ["speaker", "quote", "headline", "datePublished", "article"]
    );
    assert!(quotes.len() > 10);
    assert!(quotes.iter().any(|r| r[0] == "Karin Lindqvist"));

    let mentions = csv_rows(&query(
        &store,
        &[
            "--preset",
            "mentions",
            "--param",
            "entity=Karin Lindqvist",
            "--format",
            "csv",
        ],
    ));
    assert_eq!(mentions.len(), 3, "{mentions:?}");
    assert!(mentions[1..]
        .iter()
        .all(|r| r[0] == "Karin Lindqvist" && r[3].contains("/article/")));

    let together = csv_rows(&query(
        &store,
        &[
            "--preset",
            "together",
            "--param",
            "entity=Helen Ashworth",
            "--format",
            "csv",
        ],
    ));
    assert_eq!(row(&together, "Helen Ashworth")[0], "Helen Ashworth");
    assert!(
        together
            .iter()
            .any(|r| r[1] == "Leeds City Council" && r[3] == "2"),
        "{together:?}"
    );
}

#[test]
fn parameters_are_bound_as_values_not_pasted_into_the_query() {
    let tmp = sample_store();
    let store = tmp.path().join("store");
    let evil = r#"entity=x" } UNION { ?e ?p ?entity } #"#;
    let rows = csv_rows(&query(
        &store,
        &["--preset", "mentions", "--param", evil, "--format", "csv"],
    ));
    assert_eq!(rows.len(), 1, "only the header: {rows:?}");
    let out = query(&store, &["--preset", "mentions", "--format", "csv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("needs --param entity"));
    let out = query(&store, &["--preset", "people", "--param", "x=1"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn results_come_as_a_table_and_in_the_w3c_formats() {
    let tmp = sample_store();
    let store = tmp.path().join("store");
    let q = "PREFIX schema: <http://schema.org/> SELECT ?h WHERE { ?a a schema:NewsArticle ; schema:headline ?h } ORDER BY ?h";
    let table = query(&store, &[q]);
    assert!(table.status.success(), "{}", text(&table.stderr));
    let t = text(&table.stdout);
    assert!(t.starts_with("h\n---"), "{t}");
    assert!(t.trim_end().ends_with("(10 rows)"), "{t}");
    let csv = text(&query(&store, &["--format", "csv", q]).stdout);
    assert_eq!(csv.lines().count(), 11);
    assert!(csv.contains("\r\n"), "W3C CSV uses CRLF");
    let tsv = text(&query(&store, &["--format", "tsv", q]).stdout);
    assert!(tsv.starts_with("?h\n"));
    let json: serde_json::Value =
        serde_json::from_slice(&query(&store, &["--format", "json", q]).stdout).unwrap();
    assert_eq!(json["results"]["bindings"].as_array().unwrap().len(), 10);
    let xml = text(&query(&store, &["--format", "xml", q]).stdout);
    assert!(xml.contains("<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">"));
    let ask = query(&store, &["--format", "json", "ASK { ?s ?p ?o }"]);
    assert_eq!(text(&ask.stdout).trim(), r#"{"head":{},"boolean":true}"#);
    let construct = query(
        &store,
        &["PREFIX schema: <http://schema.org/> CONSTRUCT { ?a schema:headline ?h } WHERE { ?a a schema:NewsArticle ; schema:headline ?h }"],
    );
    assert!(construct.status.success(), "{}", text(&construct.stderr));
    let ttl = text(&construct.stdout);
    assert!(
        ttl.contains("@prefix schema: <http://schema.org/>") && ttl.contains("schema:headline"),
        "{ttl}"
    );
    let describe = query(
        &store,
        &[
            "--format",
            "ntriples",
            "DESCRIBE ?a WHERE { ?a a <http://schema.org/NewsArticle> } LIMIT 1",
        ],
    );
    assert!(describe.status.success() && !describe.stdout.is_empty());
    let wrong = query(&store, &["--format", "csv", "CONSTRUCT WHERE { ?s ?p ?o }"]);
    assert_eq!(wrong.status.code(), Some(2));
}

#[test]
fn malformed_sparql_gives_a_one_line_error_with_its_position() {
    let tmp = sample_store();
    let store = tmp.path().join("store");
    let out = query(&store, &["SELECT ?s WHERE { ?s ?p }"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("error: query: syntax error at 1:"), "{err}");
    let file = tmp.path().join("bad.rq");
    std::fs::write(
        &file,
        "PREFIX s: <http://schema.org/>\nSELECT * WHERE {\n  ?a s:headline ?h .\n  FILTER(\n}\n",
    )
    .unwrap();
    let out = query(&store, &["--file", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    let at = err
        .split("bad.rq: syntax error at ")
        .nth(1)
        .unwrap_or_else(|| panic!("{err}"));
    let (line, column) = at.split_once(':').unwrap();
    assert!(
        line.parse::<u32>().unwrap() >= 5
            && column.split(':').next().unwrap().parse::<u32>().is_ok(),
        "{err}"
    );
}

#[test]
fn export_writes_the_whole_store_or_one_article() {
    let tmp = sample_store();
    let store = tmp.path().join("store");
    let s = store.to_str().unwrap();
    let all = run(&["export", "--store", s]);
    assert!(all.status.success(), "{}", text(&all.stderr));
    let mut lines: Vec<String> = text(&all.stdout).lines().map(str::to_owned).collect();
    lines.sort();
    // The article graphs: the merge and the index are derived from them.
    let stored: Vec<String> = {
        let st = Store::open(&store).unwrap();
        let mut lines: Vec<String> = st
            .iter()
            .map(|q| q.unwrap())
            .filter(|q| matches!(&q.graph_name, GraphName::NamedNode(g) if g.as_str() != INDEX && g.as_str() != SOURCES))
            .map(|q| format!("{q} ."))
            .collect();
        lines.sort();
        lines
    };
    assert_eq!(lines.len(), stored.len());
    assert!(lines == stored, "export differs from the store");
    let sample = samples_dir().join("sv-intervju-kultur.txt");
    let (g, expected) = expected_quads(&sample);
    let one = run(&[
        "export",
        "--store",
        s,
        "--article",
        g.as_str(),
        "--format",
        "nquads",
    ]);
    assert!(one.status.success(), "{}", text(&one.stderr));
    assert_eq!(text(&one.stdout).lines().count(), expected.len());
    for format in ["trig", "turtle", "jsonld"] {
        let out_file = tmp.path().join(format!("all.{format}"));
        let out = run(&[
            "export",
            "--store",
            s,
            "--format",
            format,
            "--out",
            out_file.to_str().unwrap(),
        ]);
        assert!(out.status.success(), "{format}: {}", text(&out.stderr));
        let parsed = oxigraph::io::RdfParser::from_format(match format {
            "trig" => oxigraph::io::RdfFormat::TriG,
            "turtle" => oxigraph::io::RdfFormat::Turtle,
            _ => oxigraph::io::RdfFormat::JsonLd {
                profile: oxigraph::io::JsonLdProfileSet::empty(),
            },
        })
        .for_reader(std::fs::File::open(&out_file).unwrap())
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
        assert!(!parsed.is_empty(), "{format}");
        if format != "turtle" {
            assert_eq!(parsed.len(), lines.len(), "{format}");
        }
    }
    let missing = run(&["export", "--store", s, "--article", "no-such-article"]);
    assert_eq!(missing.status.code(), Some(1));
}

/// Fresh load killed at several points, then a reload (replacements) killed at several points: after each
/// kill every article graph is complete (old or new version) or absent.
#[test]
fn a_killed_load_leaves_every_article_graph_complete_or_absent() {
    const N: usize = 400;
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    newsgraph::synth::write_corpus(&corpus, N).unwrap();
    let files: Vec<PathBuf> = (0..N)
        .map(|i| corpus.join(format!("synth-{i:06}.txt")))
        .collect();
    let old: HashMap<NamedNode, HashSet<Quad>> = files.iter().map(|f| expected_quads(f)).collect();

    // A complete load, timed, to place the kills.
    let full = tmp.path().join("full");
    let start = Instant::now();
    assert!(load(&full, &[&corpus]).status.success());
    let duration = start.elapsed();

    let check = |store: &Path, versions: &[&HashMap<NamedNode, HashSet<Quad>>]| -> usize {
        let st = newsgraph::store::open(store).unwrap();
        let graphs = newsgraph::store::graphs(&st, store).unwrap();
        for g in &graphs {
            let actual = graph_quads(&st, g);
            assert!(
                versions.iter().any(|v| v.get(g) == Some(&actual)),
                "graph {g} is incomplete or mixed ({} quads)",
                actual.len()
            );
        }
        let in_graphs: usize = graphs.iter().map(|g| graph_quads(&st, g).len()).sum();
        assert_eq!(
            assert_merge(&st),
            in_graphs,
            "no statements outside article graphs but their merge"
        );
        let leftovers = std::fs::read_dir(store)
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .starts_with("bulk-")
            })
            .count();
        assert_eq!(leftovers, 0, "stale bulk files are cleaned up on open");
        graphs.len()
    };

    let kill_after = |store: &Path, delay: Duration| {
        let mut child = newsgraph(&[
            "load",
            "--quiet",
            "--store",
            store.to_str().unwrap(),
            corpus.to_str().unwrap(),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL
        child.wait().unwrap();
    };

    // 1. New articles (bulk loader): all or nothing.
    for (i, fraction) in [0.1, 0.4, 0.7, 0.95].into_iter().enumerate() {
        let store = tmp.path().join(format!("fresh-{i}"));
        kill_after(&store, duration.mul_f64(fraction));
        if store.join("CURRENT").exists() {
            let n = check(&store, &[&old]);
            assert!(
                n == 0 || n == N,
                "bulk load is all or nothing, got {n} graphs"
            );
        }
    }

    // 2. Replacements (one transaction per article): each graph old or new, never mixed.
    for (i, f) in files.iter().enumerate() {
        std::fs::write(f, newsgraph::synth::article(i + 1000)).unwrap();
    }
    let new: HashMap<NamedNode, HashSet<Quad>> = files.iter().map(|f| expected_quads(f)).collect();
    for fraction in [0.2, 0.5, 0.8] {
        kill_after(&full, duration.mul_f64(fraction));
        assert_eq!(check(&full, &[&old, &new]), N);
    }
    let out = load(&full, &[&corpus]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(check(&full, &[&new]), N);
}

#[test]
fn serve_answers_the_sparql_protocol_on_loopback() {
    let tmp = sample_store();
    let store = tmp.path().join("store");
    let (child, addr) = start_serve(&store, &[]);
    let count = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a <http://schema.org/NewsArticle> }";
    with_child(child, move || {
        let get = format!(
            "GET /query?query={} HTTP/1.1\r\nHost: {addr}\r\nAccept: application/sparql-results+json\r\nConnection: close\r\n\r\n",
            encode(count)
        );
        let (status, ct, body) = http(&addr, &get);
        assert_eq!(status, 200, "{body}");
        assert_eq!(ct, "application/sparql-results+json");
        let json: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(json["results"]["bindings"][0]["n"]["value"], "10");

        let form = format!("query={}", encode(count));
        let post = format!(
            "POST /query HTTP/1.1\r\nHost: {addr}\r\nAccept: text/csv\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{form}",
            form.len()
        );
        let (status, ct, body) = http(&addr, &post);
        assert_eq!(
            (status, ct.as_str()),
            (200, "text/csv; charset=utf-8"),
            "{body}"
        );
        assert_eq!(body, "n\r\n10\r\n");

        let construct = "CONSTRUCT WHERE { ?a a <http://schema.org/NewsArticle> }";
        let post = format!(
            "POST /query HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/sparql-query\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{construct}",
            construct.len()
        );
        let (status, ct, body) = http(&addr, &post);
        assert_eq!(
            (status, ct.as_str()),
            (200, "text/turtle; charset=utf-8"),
            "{body}"
        );
        assert_eq!(body.matches("schema:NewsArticle").count(), 10, "{body}");

        let bad = format!(
            "GET /query?query={} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n",
            encode("SELECT WHERE {")
        );
        let (status, _, body) = http(&addr, &bad);
        assert_eq!(status, 400);
        assert!(body.contains("syntax error"), "{body}");

        let unacceptable = format!(
            "GET /query?query={} HTTP/1.1\r\nHost: {addr}\r\nAccept: image/png\r\nConnection: close\r\n\r\n",
            encode(count)
        );
        assert_eq!(http(&addr, &unacceptable).0, 406);
        let update = "INSERT DATA { <http://e/s> <http://e/p> <http://e/o> }";
        let post = format!(
            "POST /query HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/sparql-update\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{update}",
            update.len()
        );
        assert_eq!(http(&addr, &post).0, 403);
        let huge = format!(
            "POST /query HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/sparql-query\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            2 * 1024 * 1024
        );
        let mut s = TcpStream::connect(&addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        s.write_all(huge.as_bytes()).unwrap();
        // The server reads at most 1 MiB of it, answers 413 and discards the rest.
        let chunk = vec![b' '; 64 * 1024];
        for _ in 0..32 {
            if s.write_all(&chunk).is_err() {
                break;
            }
        }
        let mut response = String::new();
        let _ = s.take(4096).read_to_string(&mut response);
        assert!(response.starts_with("HTTP/1.1 413"), "{response}");
        assert_eq!(
            http(
                &addr,
                &format!("GET /nothing HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n")
            )
            .0,
            404
        );
    });
}

/// One CSV cell: the first value of the first row of a one-value query.
fn one_value(store: &Path, sparql: &str) -> String {
    let rows = csv_rows(&query(store, &["--format", "csv", sparql]));
    assert_eq!(rows.len(), 2, "{rows:?}");
    rows[1][0].clone()
}

const GOTEBORGS_STAD: &str = "https://id.newsgraph.example/organization/goteborgs-stad";

#[test]
fn the_default_graph_is_the_merge_so_a_repeated_statement_counts_once() {
    let tmp = sample_store();
    let store = tmp.path().join("store");
    let stating = one_value(
        &store,
        &format!("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH ?g {{ <{GOTEBORGS_STAD}> <http://schema.org/name> ?x }} }}"),
    );
    assert!(
        stating.parse::<usize>().unwrap() >= 4,
        "{stating} articles name it"
    );
    let names = csv_rows(&query(
        &store,
        &[
            "--format",
            "csv",
            &format!("SELECT ?n WHERE {{ <{GOTEBORGS_STAD}> <http://schema.org/name> ?n }}"),
        ],
    ));
    assert_eq!(names, [["n"], ["Göteborgs Stad"]]);
    // COUNT(*) over the default graph is the number of distinct triples in all article graphs.
    let all = one_value(&store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }");
    let distinct = one_value(
        &store,
        &format!("SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{INDEX}> && ?g != <{SOURCES}>) }} }}"),
    );
    let in_graphs = one_value(
        &store,
        &format!(
            "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{INDEX}> && ?g != <{SOURCES}>) }}"
        ),
    );
    assert_eq!(all, distinct);
    assert!(in_graphs.parse::<usize>().unwrap() > all.parse::<usize>().unwrap());
    // DESCRIBE and CONSTRUCT give each statement once.
    let out = query(
        &store,
        &[
            "--format",
            "ntriples",
            &format!("DESCRIBE <{GOTEBORGS_STAD}>"),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let lines: Vec<String> = text(&out.stdout).lines().map(str::to_owned).collect();
    let unique: HashSet<&String> = lines.iter().collect();
    assert!(lines.len() >= 3, "{lines:?}");
    assert_eq!(lines.len(), unique.len(), "{lines:?}");
    // FROM still names one article's graph.
    let from = one_value(
        &store,
        "SELECT (COUNT(*) AS ?n) FROM <https://id.newsgraph.example/article/sv-intervju-kultur> WHERE { ?s ?p ?o }",
    );
    let (_, expected) = expected_quads(&samples_dir().join("sv-intervju-kultur.txt"));
    assert_eq!(from, expected.len().to_string());
    assert_merge(&Store::open_read_only(&store).unwrap());
}

#[test]
fn replacing_an_article_keeps_the_merge_exact() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    let (a, b) = (input.join("a.txt"), input.join("b.txt"));
    // Same text under two names: the same entity statements in two article graphs.
    std::fs::write(&a, newsgraph::synth::article(1)).unwrap();
    std::fs::write(&b, newsgraph::synth::article(1)).unwrap();
    let store = tmp.path().join("store");
    assert!(load(&store, &[&input]).status.success());
    let person = {
        let st = Store::open(&store).unwrap();
        assert_merge(&st);
        let q = st
            .quads_for_pattern(
                None,
                Some(oxigraph::model::NamedNodeRef::new("http://schema.org/jobTitle").unwrap()),
                None,
                Some(GraphNameRef::DefaultGraph),
            )
            .next()
            .unwrap()
            .unwrap();
        q.subject
    };
    // a now names other people; b still states the first person's description, so it stays merged.
    std::fs::write(&a, newsgraph::synth::article(5)).unwrap();
    let out = load(&store, &[&a]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let st = Store::open(&store).unwrap();
    assert_merge(&st);
    let described = |st: &Store| {
        st.quads_for_pattern(
            Some(person.as_ref()),
            None,
            None,
            Some(GraphNameRef::DefaultGraph),
        )
        .count()
    };
    assert!(described(&st) > 2);
    drop(st);
    // b goes too: the description leaves the merge with the last article stating it.
    std::fs::write(&b, newsgraph::synth::article(5)).unwrap();
    assert!(load(&store, &[&b]).status.success());
    let st = Store::open(&store).unwrap();
    assert_merge(&st);
    assert_eq!(described(&st), 0);
}

#[test]
fn a_store_of_the_earlier_layout_is_refused_by_readers_and_brought_up_to_date_by_load() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    {
        // What newsgraph wrote before the merge: article graphs only, no layout file.
        let st = Store::open(&store).unwrap();
        for f in samples() {
            st.extend(expected_quads(&f).1).unwrap();
        }
    }
    let out = query(&store, &["--preset", "people"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("earlier newsgraph") && err.contains("newsgraph load --store"),
        "{err}"
    );
    let out = run(&["load", "--store", store.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("brought up to date"),
        "{}",
        text(&out.stderr)
    );
    assert_merge(&Store::open(&store).unwrap());
    assert_eq!(
        one_value(&store, &format!("SELECT (COUNT(*) AS ?n) WHERE {{ <{GOTEBORGS_STAD}> <http://schema.org/name> ?x }}")),
        "1"
    );
    // Reloading the same files changes nothing.
    let before = dump(&store);
    assert!(load_samples(&store).status.success());
    assert_eq!(dump(&store), before);
    // Without files there must be a store to bring up to date.
    let out = run(&["load", "--store", tmp.path().join("none").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("no input files"),
        "{}",
        text(&out.stderr)
    );
}

/// Starts `newsgraph serve` on a free loopback port with `extra` options; returns it and its address.
fn start_serve(store: &Path, extra: &[&str]) -> (std::process::Child, String) {
    let mut args = vec![
        "serve",
        "--store",
        store.to_str().unwrap(),
        "--bind",
        "127.0.0.1:0",
    ];
    args.extend(extra);
    let mut child = newsgraph(&args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stderr.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_owned();
    (child, addr)
}

/// Runs `f` and stops the child whatever happens.
fn with_child(mut child: std::process::Child, f: impl FnOnce() + std::panic::UnwindSafe) {
    let result = std::panic::catch_unwind(f);
    let _ = child.kill();
    let _ = child.wait();
    if let Err(e) = result {
        std::panic::resume_unwind(e);
    }
}

#[test]
fn readers_share_the_store_and_keep_writers_out() {
    let tmp = sample_store();
    let store = tmp.path().join("store");
    let (child, _addr) = start_serve(&store, &[]);
    let store2 = store.clone();
    with_child(child, move || {
        let n = one_value(
            &store2,
            "SELECT (COUNT(*) AS ?n) WHERE { ?a a <http://schema.org/NewsArticle> }",
        );
        assert_eq!(n, "10", "query runs while the store is served");
        let export = run(&["export", "--store", store2.to_str().unwrap()]);
        assert!(export.status.success(), "{}", text(&export.stderr));
        let out = load_samples(&store2);
        assert_eq!(
            out.status.code(),
            Some(1),
            "a writer is kept out while it is served"
        );
        let err = text(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("in use by another process"), "{err}");
    });
    let out = load_samples(&store);
    assert!(out.status.success(), "{}", text(&out.stderr));
}

/// A query whose work grows as the cube of the store: it runs for minutes on the samples.
const RUNAWAY: &str = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";

#[test]
fn a_query_past_its_time_limit_stops_with_one_line() {
    let tmp = sample_store();
    let store = tmp.path().join("store");
    let start = Instant::now();
    let out = query(&store, &["--timeout", "0.5", RUNAWAY]);
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("stopped after 0.5 s") && err.contains("--timeout"),
        "{err}"
    );
    let bad = query(&store, &["--timeout", "soon", RUNAWAY]);
    assert_eq!(bad.status.code(), Some(2));
}

fn get_query(addr: &str, sparql: &str) -> (u16, String, String) {
    http(
        addr,
        &format!(
            "GET /query?query={} HTTP/1.1\r\nHost: {addr}\r\nAccept: text/csv\r\nConnection: close\r\n\r\n",
            encode(sparql)
        ),
    )
}

#[test]
fn serve_stops_runaway_queries_and_keeps_answering_others() {
    let tmp = sample_store();
    let store = tmp.path().join("store");
    let (child, addr) = start_serve(&store, &["--timeout", "2", "--max-queries", "2"]);
    with_child(child, move || {
        let runaway = {
            let addr = addr.clone();
            std::thread::spawn(move || {
                let start = Instant::now();
                let answer = get_query(&addr, RUNAWAY);
                (answer, start.elapsed())
            })
        };
        std::thread::sleep(Duration::from_millis(300));
        // Another client is answered while the runaway query runs.
        let start = Instant::now();
        let (status, _, body) = get_query(
            &addr,
            "SELECT (COUNT(*) AS ?n) WHERE { ?a a <http://schema.org/NewsArticle> }",
        );
        assert_eq!((status, body.as_str()), (200, "n\r\n10\r\n"));
        assert!(
            start.elapsed() < Duration::from_secs(1),
            "{:?}",
            start.elapsed()
        );
        // A second runaway fills the last slot; a third query is turned away at once.
        let second = {
            let addr = addr.clone();
            std::thread::spawn(move || get_query(&addr, RUNAWAY))
        };
        std::thread::sleep(Duration::from_millis(300));
        let (status, _, body) = get_query(&addr, "ASK {}");
        assert_eq!(status, 503, "{body}");
        assert!(body.contains("busy"), "{body}");
        let root = format!("GET / HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
        assert_eq!(http(&addr, &root).0, 200, "cheap requests are answered");
        let ((status, _, body), took) = runaway.join().unwrap();
        assert_eq!(status, 503, "{body}");
        assert!(body.contains("stopped after 2 s"), "{body}");
        assert!(took < Duration::from_secs(10), "{took:?}");
        assert_eq!(second.join().unwrap().0, 503);
        // Its slots are free again.
        assert_eq!(get_query(&addr, "ASK {}").0, 200);
    });
}

/// A load whose writes fail (here the file-size limit, as a full disk does) ends with one error line and
/// a non-zero exit instead of waiting for good; the store keeps every article graph complete or absent.
#[test]
fn a_load_that_cannot_write_ends_with_an_error_instead_of_hanging() {
    use std::os::unix::process::CommandExt;
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    newsgraph::synth::write_corpus(&corpus, 3000).unwrap();
    let store = tmp.path().join("store");
    let mut cmd = newsgraph(&[
        "load",
        "--quiet",
        "--store",
        store.to_str().unwrap(),
        corpus.to_str().unwrap(),
    ]);
    cmd.stdout(Stdio::null()).stderr(Stdio::piped());
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let limit = libc::rlimit {
                rlim_cur: 1 << 20,
                rlim_max: 1 << 20,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let mut child = cmd.spawn().unwrap();
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("load still running after 120 s with its writes failing");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert_eq!(status.code(), Some(1), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("error: store "), "{err}");
    let st = Store::open(&store).unwrap();
    assert_eq!(
        st.named_graphs().count(),
        0,
        "the bulk load is all or nothing"
    );
    assert_merge(&st);
}

#[test]
fn entity_parameters_match_any_case_and_known_aliases() {
    let tmp = sample_store();
    let store = tmp.path().join("store");
    let mentions = |entity: &str| {
        csv_rows(&query(
            &store,
            &[
                "--preset",
                "mentions",
                "--param",
                &format!("entity={entity}"),
                "--format",
                "csv",
            ],
        ))
    };
    let exact = mentions("Biskopsgården");
    assert!(exact.len() > 1, "{exact:?}");
    assert_eq!(mentions("biskopsgården"), exact);
    assert_eq!(mentions("BISKOPSGÅRDEN"), exact);
    let city = mentions("Göteborg");
    assert!(city.len() > 1, "{city:?}");
    assert_eq!(mentions("Gothenburg"), city, "the English name is an alias");
    assert_eq!(mentions("no such entity").len(), 1, "only the header");
}

#[test]
fn limit_sets_the_rows_of_presets_and_queries() {
    let tmp = sample_store();
    let store = tmp.path().join("store");
    let rows = |args: &[&str]| {
        let mut all = vec!["--format", "csv"];
        all.extend(args);
        csv_rows(&query(&store, &all)).len() - 1
    };
    let all_people = rows(&["--preset", "people"]);
    assert!(all_people > 3, "{all_people}");
    assert_eq!(rows(&["--preset", "people", "--limit", "2"]), 2);
    assert_eq!(rows(&["--preset", "people", "--limit", "0"]), all_people);
    assert!(rows(&["--preset", "places"]) > 2);
    assert_eq!(rows(&["--preset", "places", "--limit", "2"]), 2);
    let q = "SELECT ?a WHERE { ?a a <http://schema.org/NewsArticle> } LIMIT 3";
    assert_eq!(rows(&[q]), 3);
    assert_eq!(rows(&["--limit", "5", q]), 5);
    assert_eq!(rows(&["--limit", "0", q]), 10);
}

#[test]
fn a_reader_that_goes_away_ends_the_query_quietly() {
    let tmp = sample_store();
    let store = tmp.path().join("store");
    // The whole merge as N-Triples: far more than a pipe holds, so the writes meet the closed pipe.
    let mut child = newsgraph(&[
        "query",
        "--store",
        store.to_str().unwrap(),
        "--format",
        "ntriples",
        "CONSTRUCT WHERE { ?s ?p ?o }",
    ])
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .spawn()
    .unwrap();
    let mut first = [0u8; 10];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "");
}

/// The rows of a query's solutions, each as its values in order.
fn solution_rows(results: oxigraph::sparql::QueryResults<'_>) -> Vec<Vec<Option<String>>> {
    let oxigraph::sparql::QueryResults::Solutions(solutions) = results else {
        panic!("not solutions")
    };
    solutions
        .map(|s| {
            s.unwrap()
                .values()
                .iter()
                .map(|v| v.as_ref().map(ToString::to_string))
                .collect()
        })
        .collect()
}

/// A preset as it would run without the index's windows: over every article's date, every entity.
fn over_all_articles(
    st: &Store,
    preset: &newsgraph::query::Preset,
    limit: Option<usize>,
    params: &[(oxigraph::model::Variable, oxigraph::model::Term)],
) -> Vec<Vec<Option<String>>> {
    use newsgraph::query;
    let deadline = query::Deadline::start(None);
    let windowed = query::preset_text(preset, limit);
    let text = windowed
        .lines()
        .filter(|l| !l.ends_with("# window"))
        .collect::<Vec<_>>()
        .join("\n")
        .replace("ng:recent", "ng:published");
    let outer = if preset.has_limit() { None } else { limit };
    let prepared = query::bind(query::prepare(&text, "", outer, &deadline).unwrap(), params);
    solution_rows(query::execute(st, prepared, &deadline).unwrap())
}

/// The presets that list the latest articles read the index's window of the newest ones: with more
/// articles in the store than the window holds, loaded out of date order, they answer exactly as the same
/// queries over every article's date, for an entity most articles name and for one that a single old
/// article names (which falls back to all articles), at the default limit and beyond the window; and the
/// window follows articles replaced with a newer date.
#[test]
fn date_ordered_presets_answer_from_the_window_as_over_all_articles() {
    use newsgraph::query;
    use newsgraph::store::{self, index};
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("store");
    let total = index::WINDOW + 300;
    let archive = newsgraph::synth::Archive::new(total);
    let st = store::open(&path).unwrap();
    let feed = |order: Vec<usize>, change: fn(&mut newsgraph::model::Article)| {
        let archive = &archive;
        move |send: &mut dyn FnMut(&Path, newsgraph::Result<newsgraph::model::Article>) -> bool| {
            for i in order {
                let mut a = archive.article(i);
                change(&mut a);
                if !send(&PathBuf::from(format!("{}.txt", a.id)), Ok(a)) {
                    break;
                }
            }
        }
    };
    // Loaded out of date order (the archive's dates grow with its index).
    let order: Vec<usize> = (0..total).map(|i| (i * 7) % total).collect();
    store::load_with(&st, &path, feed(order, |_| {}), |_| {}).unwrap();
    assert_merge(&st);
    // The entity most articles name has its co-mention list (so `together` reads it).
    let listed = one_value_in(
        &st,
        &format!("SELECT (COUNT(*) AS ?n) WHERE {{ ?e <http://schema.org/name> \"Göteborgs Stad\" GRAPH <{INDEX}> {{ ?e <{INDEX}#with> ?pair }} }}"),
    );
    assert!(
        listed.starts_with(&format!("\"{}\"", index::TOGETHER_TOP)),
        "{listed}"
    );
    // The rarest entity: named by one article only.
    let rare = one_value_in(
        &st,
        &format!(
            "SELECT ?n WHERE {{ GRAPH <{INDEX}> {{ ?e <{INDEX}#articles> 1 }} ?e <http://schema.org/name> ?n }} ORDER BY ?n LIMIT 1"
        ),
    );
    let rare = rare.trim_matches('"').to_owned();
    let check = |st: &Store| {
        for name in ["quotes", "articles", "mentions", "together", "people"] {
            let preset = query::preset(name).unwrap();
            for entity in ["Göteborgs Stad", rare.as_str()] {
                let params: Vec<_> = preset
                    .params
                    .iter()
                    .map(|(n, _)| {
                        (
                            oxigraph::model::Variable::new(n).unwrap(),
                            oxigraph::model::Literal::new_simple_literal(entity).into(),
                        )
                    })
                    .collect();
                for limit in [None, Some(3), Some(index::WINDOW + 5)] {
                    let deadline = query::Deadline::start(None);
                    let got = solution_rows(
                        query::run_preset(st, &preset, limit, &params, &deadline).unwrap(),
                    );
                    let want = over_all_articles(st, &preset, limit, &params);
                    assert!(!got.is_empty(), "{name} {entity} {limit:?}: no rows");
                    assert_eq!(got, want, "{name} {entity} {limit:?}");
                }
            }
        }
    };
    check(&st);
    // Old articles replaced with the newest date of all enter the window; the articles they push out
    // leave it.
    let order: Vec<usize> = (0..20).collect();
    let stats = store::load_with(
        &st,
        &path,
        feed(order, |a| a.meta.date_published = Some("2030-01-01".into())),
        |_| {},
    )
    .unwrap();
    assert_eq!(stats.replaced, 20);
    assert_merge(&st);
    check(&st);
    let newest = one_value_in(
        &st,
        &format!("SELECT ?d WHERE {{ GRAPH <{INDEX}> {{ ?a <{INDEX}#recent> ?d }} }} ORDER BY DESC(?d) LIMIT 1"),
    );
    assert_eq!(newest, "\"2030-01-01\"");
}

/// One value of a one-row query on an open store, as N-Triples.
fn one_value_in(st: &Store, sparql: &str) -> String {
    #[allow(deprecated)]
    let results = st.query(sparql).unwrap();
    solution_rows(results)[0][0].clone().expect("bound")
}

/// A store of layout 2 (entity counts in the index, no article dates) is refused by readers and brought
/// up to date by a load without files.
#[test]
fn a_store_of_layout_2_gets_its_article_dates_on_the_next_load() {
    let tmp = sample_store();
    let store = tmp.path().join("store");
    let before = query(&store, &["--preset", "articles", "--format", "csv"]);
    assert!(before.status.success(), "{}", text(&before.stderr));
    assert!(text(&before.stdout).lines().count() > 5);
    {
        let st = Store::open(&store).unwrap();
        for p in ["published", "recent"] {
            let p = NamedNode::new(format!("{INDEX}#{p}")).unwrap();
            let old: Vec<Quad> = st
                .quads_for_pattern(None, Some(p.as_ref()), None, None)
                .map(Result::unwrap)
                .collect();
            assert!(!old.is_empty());
            for q in old {
                st.remove(&q).unwrap();
            }
        }
    }
    std::fs::write(store.join("NEWSGRAPH_LAYOUT"), "layout 2\n").unwrap();
    let out = query(&store, &["--preset", "articles"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("earlier newsgraph") && err.contains("newsgraph load --store"),
        "{err}"
    );
    let out = run(&["load", "--store", store.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("brought up to date"));
    assert_merge(&Store::open(&store).unwrap());
    let out = query(&store, &["--preset", "articles", "--format", "csv"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), text(&before.stdout));
}
