//! `newsgraph publish`: the dumps hold what `export` gives, the catalogue's sizes and checksums are the
//! files', a second run gives the same bytes, and missing or wrong descriptions are refused in one line.

mod common;

use std::io::Read;
use std::path::Path;
use std::process::{Command, Output};

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Graph, NamedNodeRef, Quad, TermRef};
use sha2::{Digest, Sha256};

const ARGS: [&str; 14] = [
    "--title",
    "Nyheter från Exempelstad",
    "--description",
    "Artiklar som länkade data",
    "--publisher",
    "Exempelstad",
    "--license",
    "http://creativecommons.org/licenses/by/4.0/",
    "--url",
    "https://data.example.se/news/",
    "--theme",
    "SOCI",
    "--endpoint",
    "https://data.example.se/sparql",
];

fn newsgraph(dir: &Path, args: &[&str]) -> Output {
    Command::new(common::bin())
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1764892800")
        .env_remove("NEWSGRAPH_BASE")
        .env_remove("NEWSGRAPH_STORE")
        .output()
        .expect("binary runs")
}

/// A store of the samples, loaded once per test in its own folder.
fn store_of_samples(dir: &Path) {
    let samples = common::root().join("samples");
    let o = newsgraph(
        dir,
        &["load", "-q", "--store", "st", samples.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

fn publish(dir: &Path, out: &str, extra: &[&str]) -> Output {
    let mut args = vec!["publish", "-q", "--store", "st", "--out", out];
    args.extend(ARGS);
    args.extend(extra);
    newsgraph(dir, &args)
}

fn gunzip(path: &Path) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap())
        .read_to_end(&mut out)
        .unwrap();
    out
}

fn quads(bytes: &[u8], format: RdfFormat) -> Vec<Quad> {
    let mut q: Vec<Quad> = RdfParser::from_format(format)
        .for_slice(bytes)
        .collect::<Result<_, _>>()
        .unwrap();
    q.sort_by_key(|q| q.to_string());
    q
}

fn export(dir: &Path, args: &[&str]) -> Vec<u8> {
    let mut all = vec!["export", "--store", "st"];
    all.extend(args);
    let o = newsgraph(dir, &all);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    o.stdout
}

fn catalogue(dir: &Path) -> Graph {
    let bytes = std::fs::read(dir.join("pub/catalog.ttl")).unwrap();
    RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(&bytes)
        .map(|q| q.unwrap().into())
        .collect::<Vec<oxigraph::model::Triple>>()
        .iter()
        .collect()
}

fn object<'a>(g: &'a Graph, s: &str, p: &str) -> Option<TermRef<'a>> {
    g.object_for_subject_predicate(NamedNodeRef::new(s).unwrap(), NamedNodeRef::new(p).unwrap())
}

#[test]
fn dumps_hold_the_store_and_the_catalogue_describes_them_exactly() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    store_of_samples(dir);
    let o = publish(dir, "pub", &["--contact", "data@example.se"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));

    // The dumps are what export gives, statement for statement.
    let nq = quads(&gunzip(&dir.join("pub/articles.nq.gz")), RdfFormat::NQuads);
    assert!(!nq.is_empty());
    assert_eq!(nq, quads(&export(dir, &[]), RdfFormat::NQuads));
    let ttl = quads(&gunzip(&dir.join("pub/merge.ttl.gz")), RdfFormat::Turtle);
    assert_eq!(
        ttl,
        quads(&export(dir, &["--format", "turtle"]), RdfFormat::Turtle)
    );
    let jsonld = quads(
        &gunzip(&dir.join("pub/articles.jsonld.gz")),
        RdfFormat::JsonLd {
            profile: Default::default(),
        },
    );
    assert_eq!(
        jsonld, nq,
        "the JSON-LD dump holds the same quads as the N-Quads dump"
    );

    // One JSON-LD file per article, each the article's graph.
    let files: Vec<_> = std::fs::read_dir(dir.join("pub/articles"))
        .unwrap()
        .collect();
    let graphs: std::collections::HashSet<_> =
        nq.iter().map(|q| q.graph_name.to_string()).collect();
    assert_eq!(files.len(), graphs.len());
    let one = dir.join("pub/articles/sv-intervju-kultur.jsonld");
    let article = quads(
        &std::fs::read(&one).unwrap(),
        RdfFormat::JsonLd {
            profile: Default::default(),
        },
    );
    let exported = quads(
        &export(
            dir,
            &["--article", "sv-intervju-kultur", "--format", "nquads"],
        ),
        RdfFormat::NQuads,
    );
    assert_eq!(article, exported);

    // Each distribution's size and checksum are its file's.
    let g = catalogue(dir);
    for name in ["articles.nq.gz", "merge.ttl.gz", "articles.jsonld.gz"] {
        let bytes = std::fs::read(dir.join("pub").join(name)).unwrap();
        let dist = format!("https://data.example.se/news/catalog.ttl#{name}");
        let size = object(&g, &dist, "http://www.w3.org/ns/dcat#byteSize").unwrap();
        assert_eq!(
            size.to_string(),
            format!(
                "\"{}\"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger>",
                bytes.len()
            )
        );
        let TermRef::BlankNode(sum) =
            object(&g, &dist, "http://spdx.org/rdf/terms#checksum").unwrap()
        else {
            panic!("checksum node")
        };
        let value = g
            .object_for_subject_predicate(
                sum,
                NamedNodeRef::new("http://spdx.org/rdf/terms#checksumValue").unwrap(),
            )
            .unwrap();
        let hex: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(
            value.to_string(),
            format!("\"{hex}\"^^<http://www.w3.org/2001/XMLSchema#hexBinary>")
        );
        let url = object(&g, &dist, "http://www.w3.org/ns/dcat#downloadURL").unwrap();
        assert_eq!(
            url.to_string(),
            format!("<https://data.example.se/news/{name}>")
        );
    }
    // Coverage computed from the articles: the samples span 2024 and name Göteborg (Q25287).
    let set = "https://data.example.se/news/catalog.ttl#dataset";
    let spatial: Vec<String> = g
        .objects_for_subject_predicate(
            NamedNodeRef::new(set).unwrap(),
            NamedNodeRef::new("http://purl.org/dc/terms/spatial").unwrap(),
        )
        .map(|t| t.to_string())
        .collect();
    assert!(
        spatial.contains(&"<http://www.wikidata.org/entity/Q25287>".to_owned()),
        "{spatial:?}"
    );
    assert!(object(&g, set, "http://purl.org/dc/terms/temporal").is_some());
    let void = std::fs::read_to_string(dir.join("pub/void.ttl")).unwrap();
    assert!(
        void.contains(&format!("void:triples {}", ttl.len())),
        "{void}"
    );
}

#[test]
fn the_same_store_publishes_the_same_bytes_and_replaces_only_a_publication() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    store_of_samples(dir);
    assert!(publish(dir, "pub", &[]).status.success());
    let first = std::fs::read(dir.join("pub/catalog.ttl")).unwrap();
    let jsonld = std::fs::read(dir.join("pub/catalog.jsonld")).unwrap();
    assert!(
        publish(dir, "pub", &[]).status.success(),
        "an earlier publication is replaced"
    );
    assert_eq!(first, std::fs::read(dir.join("pub/catalog.ttl")).unwrap());
    assert_eq!(
        jsonld,
        std::fs::read(dir.join("pub/catalog.jsonld")).unwrap()
    );
    let left: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(left.is_empty(), "no temporary folder left: {left:?}");

    std::fs::create_dir(dir.join("mine")).unwrap();
    std::fs::write(dir.join("mine/notes.txt"), "keep me").unwrap();
    let o = publish(dir, "mine", &[]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("not an earlier publication"), "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.join("mine/notes.txt")).unwrap(),
        "keep me"
    );

    // Never into the store's own folder: that is the publication's input.
    let o = publish(dir, "st/pub", &[]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("is also an input"), "{err}");
    assert!(!dir.join("st/pub").exists());
}

#[test]
fn missing_or_wrong_descriptions_are_one_line_and_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    store_of_samples(dir);
    let o = newsgraph(
        dir,
        &["publish", "--store", "st", "--out", "pub", "--title", "T"],
    );
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("missing description, publisher, license, url"),
        "{err}"
    );
    for (extra, says) in [
        (["--theme", "NEWS"], "not an EU data theme"),
        (
            ["--publisher-type", "Newspaper"],
            "not an ADMS publisher type",
        ),
        (["--contact", "nobody"], "not an e-mail address"),
    ] {
        let o = publish(dir, "pub", &extra);
        assert_eq!(o.status.code(), Some(2), "{extra:?}");
        assert!(
            String::from_utf8_lossy(&o.stderr).contains(says),
            "{extra:?}"
        );
    }
    assert!(!dir.join("pub").exists());
    // The config file's [publish] table gives what the flags do not.
    std::fs::write(
        dir.join("newsgraph.toml"),
        "[publish]\ntitle = \"T\"\ndescription = \"D\"\npublisher = \"P\"\n\
         license = \"http://creativecommons.org/publicdomain/zero/1.0/\"\nurl = \"https://x.example/\"\n",
    )
    .unwrap();
    let o = newsgraph(dir, &["publish", "-q", "--store", "st", "--out", "pub"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(std::fs::read_to_string(dir.join("pub/catalog.ttl"))
        .unwrap()
        .contains("\"T\""));
}
