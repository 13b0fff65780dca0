//! Store stage: the embedded Oxigraph store (RocksDB on disk) that analysts query with SPARQL.
//!
//! Each article's statements live in one named graph, the article's IRI, so loading an article again
//! replaces exactly what it said and nothing else. Articles new to the store go through oxigraph's bulk
//! loader (sorted SST files ingested at the end of the load: all or nothing); an article already in the
//! store is replaced in its own transaction (old statements that are gone removed, new ones inserted, an
//! unchanged article not written at all). After a failure or a kill, every article graph is therefore
//! complete or absent. Conversion runs in parallel on other threads and feeds the loader through a bounded
//! channel, so the loader never waits for the whole batch and memory stays flat.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, Quad};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::{StorageError, Store};

use crate::article::Options;
use crate::batch;
use crate::emit;
use crate::error::{Error, Result};

/// Store folder used when neither `--store` nor `NEWSGRAPH_STORE` says otherwise (in the current directory).
pub const DEFAULT_DIR: &str = "newsgraph-store";

/// Converted articles waiting for the loader: bounds memory when conversion outruns loading.
const CHANNEL: usize = 256;

/// Memory target handed to oxigraph's bulk loader, in MB (its default is 2 GB per thread). Each loader
/// thread sorts batches of about `BULK_MEMORY_MB * 1000 / threads` quads (100k on two cores, about 1,300
/// seed-sized articles). Small batches keep peak memory flat whatever the corpus size and keep the work
/// left after the last article is converted (sorting the last batch) short; measured with
/// `benches/load.rs`, 1000 MB made a 10k-article load slower and three times as large in memory.
const BULK_MEMORY_MB: usize = 200;

/// Opens (and creates when missing) the store at `path` for reading and writing. Only one process can
/// hold a store open for writing: a second gets a clear "in use" error.
pub fn open(path: &Path) -> Result<Store> {
    if path.exists() && !looks_like_store(path) {
        return Err(store_error(
            path,
            "exists but is not an Oxigraph store (not a directory, or a non-empty directory without a RocksDB CURRENT file)",
        ));
    }
    let store = Store::open(path).map_err(|e| storage_error(path, &e))?;
    remove_stale_bulk_files(path);
    Ok(store)
}

/// Opens an existing store for reading and writing; a missing store is an error (for query, export, serve).
pub fn open_existing(path: &Path) -> Result<Store> {
    if !path.join("CURRENT").is_file() {
        return Err(store_error(
            path,
            "no store here (load articles first: newsgraph load --store DIR FILES)",
        ));
    }
    open(path)
}

/// A directory that is empty or holds a RocksDB database (or a path not yet created).
fn looks_like_store(path: &Path) -> bool {
    path.is_dir()
        && (path.join("CURRENT").is_file()
            || std::fs::read_dir(path).is_ok_and(|mut d| d.next().is_none()))
}

/// Oxigraph's bulk loader writes `bulk-*.sst` files into the store folder and ingests them at the end of a
/// load; a killed load leaves them behind. They are never part of the database, and we hold the lock.
fn remove_stale_bulk_files(path: &Path) {
    let Ok(entries) = std::fs::read_dir(path) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("bulk-") && name.ends_with(".sst") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fn store_error(path: &Path, message: impl Into<String>) -> Error {
    Error::Store {
        path: path.to_owned(),
        message: message.into(),
    }
}

/// Maps a storage error to one line, recognising RocksDB's lock error.
pub fn storage_error(path: &Path, e: &StorageError) -> Error {
    let text = e.to_string();
    if text.contains("LOCK")
        || text.contains("lock hold")
        || text.contains("Resource temporarily unavailable")
    {
        return store_error(
            path,
            "in use by another process (a running `newsgraph load` or `newsgraph serve`?): stop it or use another --store",
        );
    }
    store_error(path, text.replace('\n', " "))
}

/// What happened to one loaded article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Not in the store before: bulk loaded (visible when the load commits).
    New,
    /// In the store with other statements: its graph was replaced in one transaction.
    Replaced,
    /// In the store with exactly these statements: nothing written.
    Unchanged,
}

/// Progress events of [`load`], in input order.
#[derive(Debug)]
pub enum Event<'a> {
    /// An article went into the store (or into the pending bulk load).
    Loaded {
        path: &'a Path,
        iri: &'a str,
        quads: usize,
        outcome: Outcome,
    },
    /// An input failed (conversion or its replacement transaction); the load goes on.
    Failed(Error),
}

/// Counts of a load.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct LoadStats {
    /// Articles new to the store.
    pub new: usize,
    /// Articles whose graph was replaced.
    pub replaced: usize,
    /// Articles already in the store unchanged.
    pub unchanged: usize,
    /// Inputs that failed.
    pub failed: usize,
    /// Quads of the loaded articles (their graphs' sizes).
    pub quads: u64,
}

impl LoadStats {
    /// Articles that went through.
    pub fn articles(&self) -> usize {
        self.new + self.replaced + self.unchanged
    }
}

/// Converts `files` (in parallel) and loads them into `store`, one named graph per article. Per-input
/// problems are reported through `on_event` and counted; an error is returned only when the store itself
/// fails, in which case none of the new articles was loaded (articles replaced before stay replaced).
pub fn load(
    store: &Store,
    path: &Path,
    files: &[PathBuf],
    opts: &Options,
    mut on_event: impl FnMut(Event<'_>),
) -> Result<LoadStats> {
    let err = |e: StorageError| storage_error(path, &e);
    // A fresh store cannot hold any of the articles: skip the per-article look-up.
    let empty = store.named_graphs().next().is_none();
    let mut stats = LoadStats::default();
    // Three stages run at once: conversion (rayon's pool, in chunks) on a producer thread, the RDF view
    // of each article on this thread, and the bulk loader's sorting on its own threads.
    let (tx, rx) = mpsc::sync_channel::<(PathBuf, Result<crate::model::Article>)>(CHANNEL);
    std::thread::scope(|scope| -> Result<()> {
        scope.spawn(move || {
            batch::convert_each(files, opts, |file, result| {
                // The receiver is gone only after a store failure: the remaining results are not needed.
                let _ = tx.send((file.to_owned(), result));
            });
        });
        let mut loader = store
            .bulk_loader()
            .with_max_memory_size_in_megabytes(BULK_MEMORY_MB);
        let stats = &mut stats;
        let on_event = &mut on_event;
        let new_quads = rx.iter().filter_map(|(file, converted)| {
            let (graph, quads) = match converted {
                Ok(a) => {
                    let graph = NamedNode::new_unchecked(a.iri.as_str());
                    let node = emit::graph::article_node(&a);
                    let quads = emit::rdf::quads(&node, &GraphName::NamedNode(graph.clone()));
                    (graph, quads)
                }
                Err(e) => {
                    stats.failed += 1;
                    on_event(Event::Failed(e));
                    return None;
                }
            };
            let existing = if empty {
                Ok(false)
            } else {
                store.contains_named_graph(&graph)
            };
            let outcome = match existing {
                Ok(false) => Ok(Outcome::New),
                Ok(true) => replace(store, &graph, &quads),
                Err(e) => Err(e),
            };
            match outcome {
                Ok(outcome) => {
                    match outcome {
                        Outcome::New => stats.new += 1,
                        Outcome::Replaced => stats.replaced += 1,
                        Outcome::Unchanged => stats.unchanged += 1,
                    }
                    stats.quads += quads.len() as u64;
                    on_event(Event::Loaded {
                        path: &file,
                        iri: graph.as_str(),
                        quads: quads.len(),
                        outcome,
                    });
                    (outcome == Outcome::New).then_some(quads)
                }
                Err(e) => {
                    stats.failed += 1;
                    on_event(Event::Failed(store_error(
                        path,
                        format!("{}: not loaded: {e}", file.display()),
                    )));
                    None
                }
            }
        });
        loader.load_quads(new_quads.flatten()).map_err(err)?;
        loader.commit().map_err(err)
    })?;
    Ok(stats)
}

/// Replaces the graph `graph` with `quads` in one transaction: removes statements that are gone, inserts
/// new ones, and writes nothing when the article is unchanged.
fn replace(store: &Store, graph: &NamedNode, quads: &[Quad]) -> Result<Outcome, StorageError> {
    let mut transaction = store.start_transaction()?;
    let old: HashSet<Quad> = transaction
        .quads_for_pattern(None, None, None, Some(graph.into()))
        .collect::<Result<_, _>>()?;
    let new: HashSet<&Quad> = quads.iter().collect();
    let stale: Vec<&Quad> = old.iter().filter(|q| !new.contains(q)).collect();
    let added: Vec<&Quad> = quads.iter().filter(|q| !old.contains(*q)).collect();
    if stale.is_empty() && added.is_empty() {
        return Ok(Outcome::Unchanged);
    }
    for q in stale {
        transaction.remove(q);
    }
    transaction.extend(added);
    transaction.commit()?;
    Ok(Outcome::Replaced)
}

/// Formats of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// N-Quads: every statement with its article graph.
    Nquads,
    /// TriG: Turtle with one block per article graph.
    Trig,
    /// Turtle: the statements of all graphs merged (graph names dropped, duplicates removed).
    Turtle,
    /// JSON-LD: one `@graph` per article graph.
    Jsonld,
}

impl ExportFormat {
    fn rdf_format(self) -> RdfFormat {
        match self {
            ExportFormat::Nquads => RdfFormat::NQuads,
            ExportFormat::Trig => RdfFormat::TriG,
            ExportFormat::Turtle => RdfFormat::Turtle,
            ExportFormat::Jsonld => RdfFormat::JsonLd {
                profile: JsonLdProfileSet::empty(),
            },
        }
    }
}

/// Writes the whole store, or one graph when `graph` is given, in `format`. Returns the number of
/// statements written.
pub fn export(
    store: &Store,
    path: &Path,
    format: ExportFormat,
    graph: Option<&NamedNode>,
    writer: impl Write,
) -> Result<u64> {
    let io = |e: std::io::Error| store_error(path, format!("cannot write the export: {e}"));
    let mut serializer = RdfSerializer::from_format(format.rdf_format());
    if format != ExportFormat::Nquads {
        serializer = serializer
            .with_prefix("schema", emit::graph::SCHEMA)
            .expect("valid prefix");
    }
    let mut out = serializer.for_writer(writer);
    let mut count = 0u64;
    match (graph, format) {
        (Some(g), ExportFormat::Turtle) => {
            for q in
                store.quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(g.as_ref())))
            {
                out.serialize_triple(q.map_err(|e| storage_error(path, &e))?.as_ref())
                    .map_err(io)?;
                count += 1;
            }
        }
        (Some(g), _) => {
            for q in
                store.quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(g.as_ref())))
            {
                out.serialize_quad(&q.map_err(|e| storage_error(path, &e))?)
                    .map_err(io)?;
                count += 1;
            }
        }
        (None, ExportFormat::Turtle) => {
            let mut prepared = SparqlEvaluator::new()
                .parse_query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
                .expect("valid query");
            prepared.dataset_mut().set_default_graph_as_union();
            let QueryResults::Graph(triples) = prepared
                .on_store(store)
                .execute()
                .map_err(|e| store_error(path, e.to_string()))?
            else {
                unreachable!("CONSTRUCT gives a graph")
            };
            for t in triples {
                out.serialize_triple(&t.map_err(|e| store_error(path, e.to_string()))?)
                    .map_err(io)?;
                count += 1;
            }
        }
        (None, _) => {
            for q in store.iter() {
                out.serialize_quad(&q.map_err(|e| storage_error(path, &e))?)
                    .map_err(io)?;
                count += 1;
            }
        }
    }
    out.finish().map_err(io)?.flush().map_err(io)?;
    Ok(count)
}

/// The article graphs in the store.
pub fn graphs(store: &Store, path: &Path) -> Result<Vec<NamedNode>> {
    let mut out = Vec::new();
    for g in store.named_graphs() {
        if let oxigraph::model::NamedOrBlankNode::NamedNode(n) =
            g.map_err(|e| storage_error(path, &e))?
        {
            out.push(n);
        }
    }
    Ok(out)
}
