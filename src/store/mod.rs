//! Store stage: the embedded Oxigraph store (RocksDB on disk) that analysts query with SPARQL.
//!
//! Layout (version 3, see [`LAYOUT`]): each article's statements live in one named graph, the article's
//! IRI, so loading an article again replaces exactly what it said and nothing else; the store's default
//! graph holds the RDF merge of all article graphs, each triple once however many articles state it. A
//! query sees the merge as its default graph, so an entity described by a thousand articles is described
//! once, joins do not multiply by the number of articles, and `COUNT`, `DESCRIBE` and `CONSTRUCT` are right;
//! `GRAPH ?g` and `FROM` still see the article graphs. `load` keeps the merge: a triple enters it with the
//! first article stating it and leaves it with the last one.
//!
//! Articles new to the store go through oxigraph's bulk loader (sorted SST files ingested at the end of the
//! load: all or nothing, merge included); an article already in the store is replaced in its own
//! transaction (old statements that are gone removed, from the merge too when no other article states
//! them, new ones inserted, an unchanged article not written at all). After a failure or a kill, every
//! article graph is therefore complete or absent and the merge agrees with them. Conversion runs in
//! parallel on other threads and feeds the loader through a bounded channel, so the loader never waits for
//! the whole batch and memory stays flat.
//!
//! One process writes a store at a time (RocksDB's lock); the commands that only read (`query`, `export`,
//! `serve`) open it read-only and hold a shared lock on the same file, so any number of them run together
//! while a writer is refused, and a reader never sees a store that is being written.

use std::collections::HashSet;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, Quad, QuadRef};
use oxigraph::store::{StorageError, Store};

use crate::article::Options;
use crate::batch;
use crate::emit;
use crate::error::{Error, Result};
use crate::model::Article;

pub mod index;

/// Store folder used when neither `--store` nor `NEWSGRAPH_STORE` says otherwise (in the current directory).
pub const DEFAULT_DIR: &str = "newsgraph-store";

/// The store layout this version writes and reads: `3` is article graphs plus their merge in the default
/// graph, and an index graph with entity counts and article dates (see [`index`]). Layout 2 had the
/// counts only; stores of layout 1 (article graphs only, written before the merge existed) have no marker
/// file. A writer brings both up to date; readers refuse them with what to run.
pub const LAYOUT: &str = "3";

/// File in the store folder that records the layout (RocksDB leaves files it does not know alone).
const LAYOUT_FILE: &str = "NEWSGRAPH_LAYOUT";

/// The graph that records where each article came from (`<article> ng:source "path"`), so that a later
/// article with the same id from elsewhere is refused instead of replacing it. Not an article graph: left
/// out of the merge and of exports, like the index.
pub const SOURCES_GRAPH: &str = "https://newsgraph.example/ns/sources";
/// `<article> ng:source "/abs/path/a.txt"`: the input an article was loaded from.
pub const SOURCE: &str = "https://newsgraph.example/ns/index#source";

/// Whether a graph is one of the store's own (the index, the sources), not an article graph.
fn is_own_graph(name: &str) -> bool {
    name == index::GRAPH || name == SOURCES_GRAPH
}

/// How an input is recorded as an article's source: its absolute path (stdin and WARC pages by name).
fn source_key(file: &Path) -> String {
    std::fs::canonicalize(file)
        .or_else(|_| std::path::absolute(file))
        .unwrap_or_else(|_| file.to_owned())
        .to_string_lossy()
        .into_owned()
}

/// The source statement of an article graph.
fn source_quad(graph: &NamedNode, source: &str) -> Quad {
    Quad::new(
        graph.clone(),
        NamedNode::new_unchecked(SOURCE),
        oxigraph::model::Literal::new_simple_literal(source),
        NamedNode::new_unchecked(SOURCES_GRAPH),
    )
}

/// When the article `graph` is in the store from another source than `source`, that source: a different
/// article that only shares the id. The same path or the same `url` is the same article; a graph
/// loaded before sources were recorded counts as the same.
fn other_source(
    store: &Store,
    graph: &NamedNode,
    source: &str,
    url: Option<&str>,
) -> Result<Option<String>, StorageError> {
    let recorded = store
        .quads_for_pattern(
            Some(graph.as_ref().into()),
            Some(NamedNode::new_unchecked(SOURCE).as_ref()),
            None,
            Some(NamedNode::new_unchecked(SOURCES_GRAPH).as_ref().into()),
        )
        .next()
        .transpose()?;
    let Some(recorded) = recorded else {
        return Ok(None);
    };
    let recorded = match recorded.object {
        oxigraph::model::Term::Literal(l) => l.value().to_owned(),
        other => other.to_string(),
    };
    if recorded == source {
        return Ok(None);
    }
    if let Some(url) = url {
        let same_url = store
            .quads_for_pattern(
                Some(graph.as_ref().into()),
                Some(oxigraph::model::NamedNodeRef::new_unchecked(
                    "http://schema.org/url",
                )),
                Some(NamedNode::new_unchecked(url).as_ref().into()),
                Some(graph.as_ref().into()),
            )
            .next()
            .is_some();
        if same_url {
            return Ok(None);
        }
    }
    Ok(Some(recorded))
}

/// Converted articles waiting for the loader: bounds memory when conversion outruns loading.
const CHANNEL: usize = 256;

/// Memory target handed to oxigraph's bulk loader, in MB (its default is 2 GB per thread). Each loader
/// thread sorts batches of about `BULK_MEMORY_MB * 1000 / threads` quads (100k on two cores, about 1,300
/// seed-sized articles). Small batches keep peak memory flat whatever the corpus size and keep the work
/// left after the last article is converted (sorting the last batch) short; measured with
/// `benches/load.rs`, 1000 MB made a 10k-article load slower and three times as large in memory.
const BULK_MEMORY_MB: usize = 200;

/// An open store and, for a reader, the shared lock that keeps writers out while it is open. Derefs to the
/// Oxigraph [`Store`]. The store is closed before the lock is released (field order).
pub struct Opened {
    store: Store,
    _lock: Option<File>,
    /// The store was of an earlier layout and has just been brought up to date.
    pub migrated: bool,
}

impl std::ops::Deref for Opened {
    type Target = Store;
    fn deref(&self) -> &Store {
        &self.store
    }
}

/// Opens (and creates when missing) the store at `path` for reading and writing, bringing a store of an
/// earlier layout up to date (see [`LAYOUT`]). Only one process can hold a store open for writing, and
/// not while readers have it open: both get a clear "in use" error.
pub fn open(path: &Path) -> Result<Opened> {
    if path.exists() && !looks_like_store(path) {
        return Err(store_error(
            path,
            "exists but is not an Oxigraph store (not a directory, or a non-empty directory without a RocksDB CURRENT file)",
        ));
    }
    let store = Store::open(path).map_err(|e| storage_error(path, &e))?;
    remove_stale_bulk_files(path);
    let migrated = match read_layout(path)? {
        Some(l) if l == LAYOUT => false,
        // Layout 2 lacks the articles' dates in the index: rebuilt below.
        Some(l) if l == "2" => {
            index::mark_stale(path)?;
            write_layout(path)?;
            true
        }
        Some(other) => return Err(newer_layout(path, &other)),
        None => {
            let has_articles = store
                .named_graphs()
                .next()
                .transpose()
                .map_err(|e| storage_error(path, &e))?
                .is_some();
            if has_articles {
                index::mark_stale(path)?;
                merge_default_graph(&store).map_err(|e| storage_error(path, &e))?;
            }
            write_layout(path)?;
            has_articles
        }
    };
    if index::is_stale(path) {
        index::rebuild(&store).map_err(|e| storage_error(path, &e))?;
        index::mark_fresh(path)?;
    }
    Ok(Opened {
        store,
        _lock: None,
        migrated,
    })
}

/// Opens an existing store read-only, for the commands that only read (query, export, serve). Takes a
/// shared lock on RocksDB's own lock file first, so that no process can open the store for writing while
/// it is read (a writer gets RocksDB's "in use" error) and a store being written is refused here. Any
/// number of readers can hold it together. Works on read-only media.
pub fn open_existing(path: &Path) -> Result<Opened> {
    if !path.join("CURRENT").is_file() {
        return Err(store_error(
            path,
            "no store here (load articles first: newsgraph load --store DIR FILES)",
        ));
    }
    let lock = shared_lock(path)?;
    match read_layout(path)? {
        Some(l) if l == LAYOUT => {}
        Some(l) if l == "2" => {
            return Err(store_error(
                path,
                format!(
                    "written by an earlier newsgraph (no article dates in its index): run `newsgraph load --store {}` once, without files, to bring it up to date",
                    path.display()
                ),
            ))
        }
        Some(other) => return Err(newer_layout(path, &other)),
        None => {
            return Err(store_error(
                path,
                format!(
                    "written by an earlier newsgraph (no merged default graph): run `newsgraph load --store {}` once, without files, to bring it up to date",
                    path.display()
                ),
            ))
        }
    }
    if index::is_stale(path) {
        return Err(store_error(
            path,
            format!(
                "a load stopped before it finished the entity index: run `newsgraph load --store {}` once, without files, to repair it",
                path.display()
            ),
        ));
    }
    let store = Store::open_read_only(path).map_err(|e| storage_error(path, &e))?;
    Ok(Opened {
        store,
        _lock: lock,
        migrated: false,
    })
}

/// A shared (read) lock on the store's `LOCK` file, the file RocksDB's writer locks exclusively: while it
/// is held, `Store::open` elsewhere fails with "Resource temporarily unavailable". `None` where the file
/// cannot be opened (read-only media without it): there is no writer to keep out.
fn shared_lock(path: &Path) -> Result<Option<File>> {
    let Ok(file) = File::open(path.join("LOCK")) else {
        return Ok(None);
    };
    match rustix::fs::fcntl_lock(&file, rustix::fs::FlockOperation::NonBlockingLockShared) {
        Ok(()) => Ok(Some(file)),
        Err(e) if e == rustix::io::Errno::AGAIN || e == rustix::io::Errno::ACCESS => {
            Err(store_error(
                path,
                "in use by another process that writes it (a running `newsgraph load`?): try again when it has finished",
            ))
        }
        // Locks unsupported here (some network file systems): read without one.
        Err(_) => Ok(None),
    }
}

fn read_layout(path: &Path) -> Result<Option<String>> {
    match std::fs::read_to_string(path.join(LAYOUT_FILE)) {
        Ok(text) => Ok(Some(
            text.lines()
                .find_map(|l| l.strip_prefix("layout "))
                .unwrap_or("")
                .trim()
                .to_owned(),
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(store_error(path, format!("cannot read {LAYOUT_FILE}: {e}"))),
    }
}

fn write_layout(path: &Path) -> Result<()> {
    let text = format!(
        "layout {LAYOUT}\n# newsgraph store: one named graph per article; the default graph is their RDF merge.\n"
    );
    crate::batch::write_atomic(&path.join(LAYOUT_FILE), text.as_bytes())
}

fn newer_layout(path: &Path, layout: &str) -> Error {
    store_error(
        path,
        format!("store layout {layout:?} is not one this newsgraph knows (it reads layout {LAYOUT}): use the newsgraph that wrote it"),
    )
}

/// Gives a store of layout 1 its merged default graph: every triple of every named graph, once, through
/// the bulk loader (one atomic ingestion at the end).
fn merge_default_graph(store: &Store) -> Result<(), StorageError> {
    let triples = store
        .quads_for_pattern(None, None, None, None)
        .filter_map(|q| match q {
            Ok(q) if q.graph_name.is_default_graph() => None,
            Ok(q) => Some(Ok(in_default_graph(q.as_ref()))),
            Err(e) => Some(Err(e)),
        });
    let mut loader = store
        .bulk_loader()
        .with_max_memory_size_in_megabytes(BULK_MEMORY_MB);
    loader.load_ok_quads::<StorageError, StorageError>(triples)?;
    loader.commit()
}

/// The triple of `quad` as a statement of the default graph (the merge).
fn in_default_graph(quad: QuadRef<'_>) -> Quad {
    Quad::new(
        quad.subject.into_owned(),
        quad.predicate.into_owned(),
        quad.object.into_owned(),
        GraphName::DefaultGraph,
    )
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
            "in use by another process (a running `newsgraph load`, `serve`, `query` or `export`?): wait for it or stop it, or use another --store",
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
        /// What the conversion shortened (see `Article::warnings`).
        warnings: &'a [String],
    },
    /// An input failed (conversion, or its id is taken); the load goes on. A store failure is not an
    /// event: it ends the load with an error.
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

/// Converts `files` (in parallel) and loads them into `store`, one named graph per article; also returns
/// the batch's notes (WARC records skipped). Per-input
/// problems are reported through `on_event` and counted; an error is returned only when the store itself
/// fails, in which case none of the new articles was loaded (articles replaced before stay replaced).
pub fn load(
    store: &Store,
    path: &Path,
    files: &[PathBuf],
    opts: &Options,
    on_event: impl FnMut(Event<'_>),
) -> Result<(LoadStats, batch::Notes)> {
    let mut notes = batch::Notes::default();
    let notes_of_batch = &mut notes;
    let stats = load_with(
        store,
        path,
        // After a store failure the sends fail and the rest of the conversion is dropped unused.
        move |send| {
            *notes_of_batch = batch::convert_each(files, opts, |file, result| {
                send(file, result);
            });
        },
        on_event,
    )?;
    Ok((stats, notes))
}

/// What hands articles to [`load_with`]: it calls its argument once per article, in order, and may stop
/// early when that returns `false` (the load failed and wants no more).
pub trait Producer: FnOnce(&mut dyn FnMut(&Path, Result<Article>) -> bool) + Send {}
impl<F: FnOnce(&mut dyn FnMut(&Path, Result<Article>) -> bool) + Send> Producer for F {}

/// [`load`] with the articles from `produce` (run on its own thread) instead of converted files: the
/// benchmarks feed generated articles through it.
pub fn load_with(
    store: &Store,
    path: &Path,
    produce: impl Producer,
    mut on_event: impl FnMut(Event<'_>),
) -> Result<LoadStats> {
    let err = |e: StorageError| storage_error(path, &e);
    // A fresh store cannot hold any of the articles: skip the per-article look-up.
    let empty = store.named_graphs().next().is_none();
    let mut stats = LoadStats::default();
    // The entities whose article counts this load changes, recounted once its articles are in.
    let mut touched: HashSet<NamedNode> = HashSet::new();
    index::mark_stale(path)?;
    // Three stages run at once: conversion (rayon's pool, in chunks) on a producer thread, the RDF view
    // of each article on this thread, and the bulk loader's sorting on its own threads.
    let (tx, rx) = mpsc::sync_channel::<(PathBuf, Result<Article>)>(CHANNEL);
    std::thread::scope(|scope| -> Result<()> {
        scope.spawn(move || {
            // The receiver is gone only after a store failure (it is dropped with this closure's
            // caller, before the scope waits for this thread): the remaining results are not needed.
            produce(&mut |file, result| tx.send((file.to_owned(), result)).is_ok());
        });
        // Owned here, so that a store failure drops it on the way out and the producer's next send
        // fails instead of blocking for good (the scope joins the producer after this closure returns).
        let rx = rx;
        let mut loader = store
            .bulk_loader()
            .with_max_memory_size_in_megabytes(BULK_MEMORY_MB);
        let stats = &mut stats;
        let on_event = &mut on_event;
        let touched = &mut touched;
        let new_quads = rx.iter().filter_map(|(file, converted)| {
            let (graph, quads, id, url, warnings) = match converted {
                Ok(a) => {
                    let graph = NamedNode::new_unchecked(a.iri.as_str());
                    let node = emit::graph::article_node(&a);
                    let quads = emit::rdf::quads(&node, &GraphName::NamedNode(graph.clone()));
                    (graph, quads, a.id, a.meta.url, a.warnings)
                }
                Err(e) => {
                    stats.failed += 1;
                    on_event(Event::Failed(e));
                    return None;
                }
            };
            let source = source_quad(&graph, &source_key(&file));
            let existing = if empty {
                Ok(false)
            } else {
                store.contains_named_graph(&graph)
            };
            let taken = match existing {
                Ok(true) => other_source(store, &graph, &source_key(&file), url.as_deref()),
                _ => Ok(None),
            };
            if let Ok(Some(other)) = taken {
                stats.failed += 1;
                on_event(Event::Failed(Error::IdTaken {
                    path: file.clone(),
                    id,
                    other,
                }));
                return None;
            }
            let outcome = match (existing, taken) {
                (Ok(false), _) => {
                    touched.extend(quads.iter().filter_map(|q| index::counted(q.as_ref())));
                    Ok(Outcome::New)
                }
                (Ok(true), Ok(_)) => replace(store, &graph, &quads, &source, touched),
                (Err(e), _) | (_, Err(e)) => Err(e),
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
                        warnings: &warnings,
                    });
                    (outcome == Outcome::New).then(|| {
                        let day = index::day_of(graph.as_ref(), quads.iter().map(Quad::as_ref));
                        let mut quads = quads;
                        quads.push(source);
                        Ok((quads, index::published(&graph, &day)))
                    })
                }
                // The store itself failed (a full disk): not this input's fault, and every later
                // write would fail the same way. The error ends the bulk load below, uncommitted.
                Err(e) => Some(Err(e)),
            }
        });
        // Each new statement goes into its article graph and into the merge (the bulk loader drops the
        // merge's repeats within a batch; a repeat across batches or of a stored triple is the same key).
        // The article's source and date are not part of the merge: they go into the sources graph and
        // the index graph with it.
        // A store failure met on the way is one error item, which stops the bulk loader.
        let with_merge = new_quads.flat_map(|article| {
            let (quads, published, failed) = match article {
                Ok((quads, published)) => (quads, Some(published), None),
                Err(e) => (Vec::new(), None, Some(e)),
            };
            quads
                .into_iter()
                .flat_map(|q| {
                    let merged = match &q.graph_name {
                        GraphName::NamedNode(g) if g.as_str() == SOURCES_GRAPH => None,
                        _ => Some(in_default_graph(q.as_ref())),
                    };
                    std::iter::once(q).chain(merged)
                })
                .chain(published)
                .map(Ok)
                .chain(failed.map(Err))
        });
        loader
            .load_ok_quads::<StorageError, StorageError>(with_merge)
            .map_err(err)?;
        loader.commit().map_err(err)
    })?;
    index::recount(store, &touched).map_err(err)?;
    index::refresh_top(store).map_err(err)?;
    index::refresh_window(store).map_err(err)?;
    index::mark_fresh(path)?;
    Ok(stats)
}

/// Replaces the graph `graph` with `quads` in one transaction: removes statements that are gone (from the
/// merge too when no other article graph states them), inserts new ones (into the merge too), and writes
/// nothing when the article is unchanged.
fn replace(
    store: &Store,
    graph: &NamedNode,
    quads: &[Quad],
    source: &Quad,
    touched: &mut HashSet<NamedNode>,
) -> Result<Outcome, StorageError> {
    let mut transaction = store.start_transaction()?;
    let old: HashSet<Quad> = transaction
        .quads_for_pattern(None, None, None, Some(graph.into()))
        .collect::<Result<_, _>>()?;
    let new: HashSet<&Quad> = quads.iter().collect();
    let stale: Vec<&Quad> = old.iter().filter(|q| !new.contains(q)).collect();
    let added: Vec<&Quad> = quads.iter().filter(|q| !old.contains(*q)).collect();
    if stale.is_empty() && added.is_empty() {
        // Unchanged: nothing is written, the source record included.
        return Ok(Outcome::Unchanged);
    }
    // The source record follows the article (a moved file with the same url, a graph loaded before
    // sources were recorded).
    let old_sources: Vec<Quad> = transaction
        .quads_for_pattern(
            Some(graph.as_ref().into()),
            None,
            None,
            Some(source.graph_name.as_ref()),
        )
        .collect::<Result<_, _>>()?;
    for q in old_sources.iter().filter(|q| *q != source) {
        transaction.remove(q);
    }
    transaction.insert(source);
    touched.extend(
        stale
            .iter()
            .chain(&added)
            .filter_map(|q| index::counted(q.as_ref())),
    );
    for q in &stale {
        transaction.remove(*q);
    }
    let day = index::published(
        graph,
        &index::day_of(graph.as_ref(), quads.iter().map(Quad::as_ref)),
    );
    for q in index::published_of(&transaction, graph)? {
        transaction.remove(&q);
    }
    transaction.insert(&day);
    for q in &added {
        transaction.insert(*q);
        transaction.insert(&in_default_graph(q.as_ref()));
    }
    // The transaction reads its own writes: a stale triple that no article graph states any more (this
    // one's new statements included) leaves the merge.
    for q in stale {
        let still_stated = transaction
            .quads_for_pattern(
                Some(q.subject.as_ref()),
                Some(q.predicate.as_ref()),
                Some(q.object.as_ref()),
                None,
            )
            .map(|r| r.map(|other| !other.graph_name.is_default_graph()))
            .find(|r| !matches!(r, Ok(false)))
            .transpose()?
            .is_some();
        if !still_stated {
            transaction.remove(&in_default_graph(q.as_ref()));
        }
    }
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
    /// Turtle: the merged graph (the store's default graph: every article's statements, each once).
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
    let io = |e: std::io::Error| {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Error::ClosedOutput
        } else {
            store_error(path, format!("cannot write the export: {e}"))
        }
    };
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
            // The merge is the default graph: each triple once.
            for q in store.quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph)) {
                out.serialize_triple(q.map_err(|e| storage_error(path, &e))?.as_ref())
                    .map_err(io)?;
                count += 1;
            }
        }
        (None, _) => {
            // The article graphs; the merge and the index are derived from them, so they are not repeated.
            for q in store.iter() {
                let q = q.map_err(|e| storage_error(path, &e))?;
                match &q.graph_name {
                    GraphName::DefaultGraph => continue,
                    GraphName::NamedNode(g) if is_own_graph(g.as_str()) => continue,
                    _ => {}
                }
                out.serialize_quad(&q).map_err(io)?;
                count += 1;
            }
        }
    }
    out.finish().map_err(io)?.flush().map_err(io)?;
    Ok(count)
}

/// The article graphs in the store (every named graph but the index).
pub fn graphs(store: &Store, path: &Path) -> Result<Vec<NamedNode>> {
    let mut out = Vec::new();
    for g in store.named_graphs() {
        if let oxigraph::model::NamedOrBlankNode::NamedNode(n) =
            g.map_err(|e| storage_error(path, &e))?
        {
            if !is_own_graph(n.as_str()) {
                out.push(n);
            }
        }
    }
    Ok(out)
}
