//! The entity index: for every entity the articles name, how many articles mention it and how many it
//! wrote, kept by `load` in one named graph of its own ([`GRAPH`]). The presets rank people, places,
//! organizations and initiatives by these counts; counting the mentions at query time costs a few
//! microseconds per mention in the query engine (about a second for the million mentions of 100,000
//! articles), reading the index one row per entity.
//!
//! It also orders the articles by date, for the presets that list the latest ones: every article has
//! `ng:published` (its `schema:datePublished` as text, "" when it has none), and the newest [`WINDOW`]
//! articles also `ng:recent` with the same text. Sorting every article by date costs the engine about a
//! second at 100,000 articles; sorting the window, a few milliseconds. A preset that wants more rows than
//! the window holds reads `ng:published` instead (see `query::preset_text`).
//!
//! And it lists, for every entity that at least [`TOGETHER_MIN`] articles mention, the [`TOGETHER_TOP`]
//! entities named in most of the same articles: `?e ng:with ?pair . ?pair ng:entity ?o ; ng:together N`.
//! Counting the co-mentions of an entity that 40% of 100,000 articles name reads 400,000 rows (over a
//! second); the list is a hundred. An entity named less often is counted at query time, which is cheap
//! for it (see `query::run_preset`).
//!
//! The counts are derived from the merge (the default graph): `?article schema:mentions ?entity` holds once
//! per article there. A load recounts the entities its articles mention or mentioned, after its own
//! writes; a marker file says that the index may be behind while it works, so that a load stopped half-way
//! is repaired by the next writer (a full recount) and refused by readers until then.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use oxigraph::model::{
    GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, QuadRef, Term,
};
use oxigraph::store::{StorageError, Store};

use crate::error::Result;

/// The index graph's name.
pub const GRAPH: &str = "https://newsgraph.example/ns/index";
/// `?entity ng:articles N`: the number of articles that mention the entity.
pub const ARTICLES: &str = "https://newsgraph.example/ns/index#articles";
/// `?entity ng:authored N`: the number of articles the entity is an author of.
pub const AUTHORED: &str = "https://newsgraph.example/ns/index#authored";

/// `?article ng:published "2024-05-03"`: the article's date as text, for ordering ("" without one).
pub const PUBLISHED: &str = "https://newsgraph.example/ns/index#published";
/// `?article ng:recent "2024-05-03"`: [`PUBLISHED`], stated for the newest [`WINDOW`] articles only.
pub const RECENT: &str = "https://newsgraph.example/ns/index#recent";
/// How many articles carry [`RECENT`]: the newest by date, ties broken by IRI (the order of the presets'
/// `ORDER BY DESC(?day) ?article`).
pub const WINDOW: usize = 1000;

/// `?entity ng:with ?pair`: one of the entities named in most of the same articles (see [`TOGETHER_TOP`]).
pub const WITH: &str = "https://newsgraph.example/ns/index#with";
/// `?pair ng:entity ?other`: the other entity of a co-mention.
pub const ENTITY: &str = "https://newsgraph.example/ns/index#entity";
/// `?pair ng:together N`: the number of articles that name both entities of a co-mention.
pub const TOGETHER: &str = "https://newsgraph.example/ns/index#together";
/// Articles an entity must be mentioned in to get a co-mention list; below it, counting at query time
/// reads at most a few thousand rows.
pub const TOGETHER_MIN: u64 = 100;
/// Entities in a co-mention list: the most co-mentioned, ties broken by IRI (the order of the `together`
/// preset's `ORDER BY DESC(?articles) ?o`).
pub const TOGETHER_TOP: usize = 100;

/// `?entity ng:top true`: the entity is among the [`TOP_WINDOW`] that most articles mention (with every
/// entity mentioned as often as the last of them), so a preset ranking people or organizations sorts a
/// thousand rows instead of every entity of the archive.
pub const TOP: &str = "https://newsgraph.example/ns/index#top";
/// Entities ranked in the [`TOP`] window (more when the last ones tie).
pub const TOP_WINDOW: usize = 1000;

const DATE_PUBLISHED: &str = "http://schema.org/datePublished";
const MENTIONS: &str = "http://schema.org/mentions";
const AUTHOR: &str = "http://schema.org/author";

/// Present in the store folder while the index may be behind the articles.
const STALE_FILE: &str = "NEWSGRAPH_INDEX_STALE";

/// Entities per recounting transaction (bounds a transaction's memory).
const CHUNK: usize = 4096;

/// The index graph as a graph name.
pub fn graph() -> NamedNodeRef<'static> {
    NamedNodeRef::new_unchecked(GRAPH)
}

/// Whether `graph` is the index graph (not an article graph).
pub fn is_index(graph: &NamedOrBlankNode) -> bool {
    matches!(graph, NamedOrBlankNode::NamedNode(n) if n.as_str() == GRAPH)
}

/// The entities whose counts a statement of an article graph changes: the object of `schema:mentions`
/// or `schema:author`.
pub fn counted(quad: QuadRef<'_>) -> Option<NamedNode> {
    match (quad.predicate.as_str(), quad.object) {
        (MENTIONS | AUTHOR, oxigraph::model::TermRef::NamedNode(n)) => Some(n.into_owned()),
        _ => None,
    }
}

/// Whether a load stopped before it brought the index up to date.
pub fn is_stale(path: &Path) -> bool {
    path.join(STALE_FILE).exists()
}

/// Marks the index as possibly behind (before a load writes anything).
pub fn mark_stale(path: &Path) -> Result<()> {
    crate::batch::write_atomic(
        &path.join(STALE_FILE),
        b"a newsgraph load is writing this store, or stopped before it finished its entity index\n",
    )
}

/// Marks the index as up to date.
pub fn mark_fresh(path: &Path) -> Result<()> {
    match std::fs::remove_file(path.join(STALE_FILE)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(crate::error::Error::Write {
            path: path.join(STALE_FILE),
            source: e,
        }),
        _ => Ok(()),
    }
}

/// Recounts `entities` from the merge and writes their counts and co-mention lists, in transactions of
/// [`CHUNK`] entities.
pub fn recount(store: &Store, entities: &HashSet<NamedNode>) -> Result<(), StorageError> {
    let entities: Vec<&NamedNode> = entities.iter().collect();
    let mut frequent: Vec<&NamedNode> = Vec::new();
    for chunk in entities.chunks(CHUNK) {
        let mut transaction = store.start_transaction()?;
        for e in chunk {
            let count = |predicate: &str| -> Result<u64, StorageError> {
                let mut n = 0;
                for q in transaction.quads_for_pattern(
                    None,
                    Some(NamedNodeRef::new_unchecked(predicate)),
                    Some(e.as_ref().into()),
                    Some(GraphNameRef::DefaultGraph),
                ) {
                    q?;
                    n += 1;
                }
                Ok(n)
            };
            let (articles, authored) = (count(MENTIONS)?, count(AUTHOR)?);
            if articles >= TOGETHER_MIN {
                frequent.push(e);
            }
            let mut old: Vec<Quad> = Vec::new();
            for predicate in [ARTICLES, AUTHORED] {
                for q in transaction.quads_for_pattern(
                    Some(e.as_ref().into()),
                    Some(NamedNodeRef::new_unchecked(predicate)),
                    None,
                    Some(graph().into()),
                ) {
                    old.push(q?);
                }
            }
            for q in &old {
                transaction.remove(q);
            }
            for q in counts(e, articles, authored) {
                transaction.insert(&q);
            }
        }
        transaction.commit()?;
    }
    let lists = co_mentions(store, &frequent)?;
    for chunk in entities.chunks(CHUNK) {
        let mut transaction = store.start_transaction()?;
        for e in chunk {
            relist(
                &mut transaction,
                e,
                lists.get(*e).map_or(&[], Vec::as_slice),
            )?;
        }
        transaction.commit()?;
    }
    Ok(())
}

/// The co-mention lists of `entities`, read from the merge in one pass over the articles that name any
/// of them (each article's mentions read once, however many of them it names), entities numbered so
/// that the tallies stay small.
fn co_mentions(
    store: &Store,
    entities: &[&NamedNode],
) -> Result<HashMap<NamedNode, Vec<(NamedNode, u64)>>, StorageError> {
    let mentions = NamedNodeRef::new_unchecked(MENTIONS);
    let default = Some(GraphNameRef::DefaultGraph);
    let mut articles: HashSet<NamedOrBlankNode> = HashSet::new();
    for e in entities {
        for q in store.quads_for_pattern(None, Some(mentions), Some(e.as_ref().into()), default) {
            articles.insert(q?.subject);
        }
    }
    let mut numbers: HashMap<NamedNode, u32> = HashMap::new();
    let mut names: Vec<NamedNode> = Vec::new();
    let mut number = |n: NamedNode| -> u32 {
        *numbers.entry(n).or_insert_with_key(|n| {
            names.push(n.clone());
            (names.len() - 1) as u32
        })
    };
    let slots: HashMap<u32, usize> = entities
        .iter()
        .enumerate()
        .map(|(slot, e)| (number((*e).clone()), slot))
        .collect();
    let mut tallies: Vec<HashMap<u32, u64>> = vec![HashMap::new(); entities.len()];
    let mut named: Vec<u32> = Vec::new();
    for a in &articles {
        named.clear();
        for q in store.quads_for_pattern(Some(a.as_ref()), Some(mentions), None, default) {
            if let Term::NamedNode(o) = q?.object {
                named.push(number(o));
            }
        }
        for e in &named {
            if let Some(&slot) = slots.get(e) {
                for o in named.iter().filter(|o| *o != e) {
                    *tallies[slot].entry(*o).or_default() += 1;
                }
            }
        }
    }
    Ok(entities
        .iter()
        .zip(tallies)
        .map(|(e, tally)| {
            let mut top: Vec<(u32, u64)> = tally.into_iter().collect();
            top.sort_unstable_by(|a, b| {
                b.1.cmp(&a.1).then_with(|| {
                    names[a.0 as usize]
                        .as_str()
                        .cmp(names[b.0 as usize].as_str())
                })
            });
            top.truncate(TOGETHER_TOP);
            let top = top
                .into_iter()
                .map(|(o, n)| (names[o as usize].clone(), n))
                .collect();
            ((*e).clone(), top)
        })
        .collect())
}

/// Replaces the co-mention list of `entity` ([`WITH`]) with `top` (empty: no list).
fn relist(
    transaction: &mut oxigraph::store::Transaction<'_>,
    entity: &NamedNode,
    top: &[(NamedNode, u64)],
) -> Result<(), StorageError> {
    let with = NamedNodeRef::new_unchecked(WITH);
    let pairs: Vec<Quad> = transaction
        .quads_for_pattern(
            Some(entity.as_ref().into()),
            Some(with),
            None,
            Some(graph().into()),
        )
        .collect::<Result<_, _>>()?;
    for q in &pairs {
        if let Term::NamedNode(pair) = &q.object {
            let described: Vec<Quad> = transaction
                .quads_for_pattern(Some(pair.as_ref().into()), None, None, Some(graph().into()))
                .collect::<Result<_, _>>()?;
            for d in &described {
                transaction.remove(d);
            }
        }
        transaction.remove(q);
    }
    for (other, n) in top {
        let pair = pair_node(entity, other);
        transaction.insert(QuadRef::new(entity, with, &pair, graph()));
        transaction.insert(QuadRef::new(
            &pair,
            NamedNodeRef::new_unchecked(ENTITY),
            other,
            graph(),
        ));
        transaction.insert(&Quad::new(
            pair,
            NamedNode::new_unchecked(TOGETHER),
            Literal::from(*n as i64),
            graph(),
        ));
    }
    Ok(())
}

/// The node of a co-mention in the index graph: named after both entities, so the same pair gets the
/// same IRI in every load.
fn pair_node(entity: &NamedNode, other: &NamedNode) -> NamedNode {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(format!("{}\n{}", entity.as_str(), other.as_str()).as_bytes());
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    NamedNode::new_unchecked(format!("{GRAPH}/with/{hex}"))
}

/// The day of an article, as [`PUBLISHED`] states it, from the article's own statements (`quads` of its
/// graph `article`): the text of its `schema:datePublished` (the latest if it had several), else "".
pub fn day_of<'a>(
    article: NamedNodeRef<'_>,
    quads: impl IntoIterator<Item = QuadRef<'a>>,
) -> String {
    quads
        .into_iter()
        .filter(|q| q.predicate.as_str() == DATE_PUBLISHED && q.subject == article.into())
        .filter_map(|q| match q.object {
            oxigraph::model::TermRef::Literal(l) => Some(l.value()),
            _ => None,
        })
        .max()
        .unwrap_or("")
        .to_owned()
}

/// The [`PUBLISHED`] statement of an article.
pub fn published(article: &NamedNode, day: &str) -> Quad {
    Quad::new(
        article.clone(),
        NamedNode::new_unchecked(PUBLISHED),
        Literal::new_simple_literal(day),
        graph(),
    )
}

/// The [`PUBLISHED`] statements of `article` stored now.
pub fn published_of(
    transaction: &oxigraph::store::Transaction<'_>,
    article: &NamedNode,
) -> Result<Vec<Quad>, StorageError> {
    transaction
        .quads_for_pattern(
            Some(article.as_ref().into()),
            Some(NamedNodeRef::new_unchecked(PUBLISHED)),
            None,
            Some(graph().into()),
        )
        .collect()
}

/// Gives [`RECENT`] to the newest [`WINDOW`] articles (by their [`PUBLISHED`] day, then IRI) and takes it
/// from the others, writing only what changed. Reads every article's day: tens of milliseconds at
/// 100,000 articles, once per load.
pub fn refresh_window(store: &Store) -> Result<(), StorageError> {
    let days = |predicate: &str| -> Result<Vec<(String, NamedNode)>, StorageError> {
        let mut out = Vec::new();
        for q in store.quads_for_pattern(
            None,
            Some(NamedNodeRef::new_unchecked(predicate)),
            None,
            Some(graph().into()),
        ) {
            let q = q?;
            if let (NamedOrBlankNode::NamedNode(a), Term::Literal(l)) = (q.subject, q.object) {
                out.push((l.value().to_owned(), a));
            }
        }
        Ok(out)
    };
    let mut all = days(PUBLISHED)?;
    let newest = |a: &(String, NamedNode), b: &(String, NamedNode)| {
        b.0.cmp(&a.0).then_with(|| a.1.as_str().cmp(b.1.as_str()))
    };
    if all.len() > WINDOW {
        all.select_nth_unstable_by(WINDOW - 1, newest);
        all.truncate(WINDOW);
    }
    let wanted: HashSet<(String, NamedNode)> = all.into_iter().collect();
    let current: HashSet<(String, NamedNode)> = days(RECENT)?.into_iter().collect();
    let recent = |(day, a): &(String, NamedNode)| {
        Quad::new(
            a.clone(),
            NamedNode::new_unchecked(RECENT),
            Literal::new_simple_literal(day),
            graph(),
        )
    };
    let mut transaction = store.start_transaction()?;
    for gone in current.difference(&wanted) {
        transaction.remove(&recent(gone));
    }
    for new in wanted.difference(&current) {
        transaction.insert(&recent(new));
    }
    transaction.commit()
}

/// Gives [`TOP`] to the entities mentioned at least as often as the [`TOP_WINDOW`]th most mentioned one
/// and takes it from the others, writing only what changed.
pub fn refresh_top(store: &Store) -> Result<(), StorageError> {
    // Every entity with a count: mentioned ones with theirs, authors never mentioned with 0.
    let mut mentioned: HashMap<NamedNode, i64> = HashMap::new();
    for (predicate, counts) in [(ARTICLES, true), (AUTHORED, false)] {
        for q in store.quads_for_pattern(
            None,
            Some(NamedNodeRef::new_unchecked(predicate)),
            None,
            Some(graph().into()),
        ) {
            let q = q?;
            if let (NamedOrBlankNode::NamedNode(e), Term::Literal(n)) = (q.subject, q.object) {
                let n = if counts {
                    n.value().parse().unwrap_or(0)
                } else {
                    0
                };
                let entry = mentioned.entry(e).or_insert(n);
                *entry = (*entry).max(n);
            }
        }
    }
    let mut counts: Vec<(i64, NamedNode)> = mentioned.into_iter().map(|(e, n)| (n, e)).collect();
    // All of them while there are fewer than the window, so that a window of TOP_WINDOW or more
    // entities says that some are left out (see `windows_leave_out`).
    let least = if counts.len() >= TOP_WINDOW {
        counts.select_nth_unstable_by(TOP_WINDOW - 1, |a, b| b.0.cmp(&a.0));
        counts[TOP_WINDOW - 1].0
    } else {
        i64::MIN
    };
    let wanted: HashSet<NamedNode> = counts
        .into_iter()
        .filter(|(n, _)| *n >= least)
        .map(|(_, e)| e)
        .collect();
    let top = NamedNodeRef::new_unchecked(TOP);
    let mut current: HashSet<NamedNode> = HashSet::new();
    for q in store.quads_for_pattern(None, Some(top), None, Some(graph().into())) {
        if let NamedOrBlankNode::NamedNode(e) = q?.subject {
            current.insert(e);
        }
    }
    let marked = |e: &NamedNode| Quad::new(e.clone(), top, Literal::from(true), graph());
    let mut transaction = store.start_transaction()?;
    for gone in current.difference(&wanted) {
        transaction.remove(&marked(gone));
    }
    for new in wanted.difference(&current) {
        transaction.insert(&marked(new));
    }
    transaction.commit()
}

/// Whether a window may leave something out: the store holds more articles than [`WINDOW`], or the
/// window of the most mentioned entities holds [`TOP_WINDOW`] or more (it holds every entity only while
/// there are fewer).
pub fn windows_leave_out(store: &Store) -> Result<bool, StorageError> {
    let over = |predicate: &str, limit: usize| -> Result<bool, StorageError> {
        let mut n = 0;
        for q in store.quads_for_pattern(
            None,
            Some(NamedNodeRef::new_unchecked(predicate)),
            None,
            Some(graph().into()),
        ) {
            q?;
            n += 1;
            if n >= limit {
                return Ok(true);
            }
        }
        Ok(false)
    };
    Ok(over(PUBLISHED, WINDOW + 1)? || over(TOP, TOP_WINDOW)?)
}

/// Rebuilds the whole index from the merge (a store brought up to date, or a load that was stopped).
pub fn rebuild(store: &Store) -> Result<(), StorageError> {
    let mut tally: HashMap<NamedNode, (u64, u64)> = HashMap::new();
    for (predicate, slot) in [(MENTIONS, 0), (AUTHOR, 1)] {
        for q in store.quads_for_pattern(
            None,
            Some(NamedNodeRef::new_unchecked(predicate)),
            None,
            Some(GraphNameRef::DefaultGraph),
        ) {
            if let Term::NamedNode(e) = q?.object {
                let entry = tally.entry(e).or_default();
                if slot == 0 {
                    entry.0 += 1;
                } else {
                    entry.1 += 1;
                }
            }
        }
    }
    let mut dated = Vec::new();
    for g in store.named_graphs() {
        let NamedOrBlankNode::NamedNode(article) = g? else {
            continue;
        };
        if article.as_str() == GRAPH || article.as_str() == super::SOURCES_GRAPH {
            continue;
        }
        let own: Vec<Quad> = store
            .quads_for_pattern(
                Some(article.as_ref().into()),
                Some(NamedNodeRef::new_unchecked(DATE_PUBLISHED)),
                None,
                Some(article.as_ref().into()),
            )
            .collect::<Result<_, _>>()?;
        let day = day_of(article.as_ref(), own.iter().map(Quad::as_ref));
        dated.push(published(&article, &day));
    }
    store.clear_graph(graph())?;
    let mut loader = store.bulk_loader();
    loader.load_quads(
        tally
            .iter()
            .flat_map(|(e, (m, a))| counts(e, *m, *a))
            .chain(dated),
    )?;
    loader.commit()?;
    let frequent: HashSet<NamedNode> = tally
        .into_iter()
        .filter(|(_, (m, _))| *m >= TOGETHER_MIN)
        .map(|(e, _)| e)
        .collect();
    recount(store, &frequent)?;
    refresh_top(store)?;
    refresh_window(store)
}

/// The index statements of one entity (none for a count of zero).
fn counts(entity: &NamedNode, articles: u64, authored: u64) -> Vec<Quad> {
    [(ARTICLES, articles), (AUTHORED, authored)]
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(p, n)| {
            Quad::new(
                entity.clone(),
                NamedNode::new_unchecked(p),
                Literal::from(n as i64),
                graph(),
            )
        })
        .collect()
}
