//! Entities stage: people, places, organizations, initiatives and quote speakers.
//!
//! Pure and deterministic: the article's texts in, entities and speakers out. Candidates come from the
//! gazetteer automaton and from shape rules (`rules`); overlaps are resolved longest-first; candidates with
//! the same kind and canonical name become one entity with a stable key; then people get their short
//! mentions, job titles and employers (`people`), and quotes their speakers (`speakers`).

mod gazetteer;
mod lexicon;
mod people;
mod rules;
mod speakers;
mod text;

use std::collections::BTreeMap;

use rustc_hash::FxHashSet as HashSet;

pub use gazetteer::{Entry, Gazetteer};
pub use rules::Cand;

use crate::ids::{slug, Base};
use crate::model::{Article, Entity, EntityKind, Quote, Span, TextPart};
use crate::quotes::Found;

/// An entity key inside the stage: shared, since every mention and title refers to its entity by key and
/// a string copy for each was a large share of the stage's allocations.
pub type Key = std::rc::Rc<str>;

/// A resolved mention: the part, its byte range and char span, and the entity key.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Which text.
    pub part: TextPart,
    /// Byte range in that text.
    pub bytes: (usize, usize),
    /// Entity key.
    pub key: Key,
    /// Whether this is the full name (not a short form).
    pub full: bool,
}

/// The article's texts by part, in the order mentions are reported.
pub fn parts(article: &Article) -> Vec<(TextPart, String)> {
    let mut v = vec![(TextPart::Headline, article.headline.clone())];
    if let Some(c) = &article.caption {
        v.push((TextPart::Caption, c.clone()));
    }
    v.push((TextPart::Body, article.body()));
    v
}

/// Finds the entities an article names and resolves quote speakers; fills `entities` and `quotes`.
pub fn annotate(article: &mut Article, found: Vec<Found>, gaz: &Gazetteer, base: &Base) {
    annotate_all(&mut [article], vec![found], gaz, base);
}

/// [`annotate`] for several articles (`found` holds each one's quotes), the costliest steps stage by
/// stage over all their texts: tokens, gates, then each candidate rule in turn (see
/// [`rules::candidates`]).
pub fn annotate_all(
    articles: &mut [&mut Article],
    found: Vec<Vec<Found>>,
    gaz: &Gazetteer,
    base: &Base,
) {
    let texts: Vec<Vec<(TextPart, String)>> = articles.iter().map(|a| parts(a)).collect();
    let tokens: Vec<Vec<Vec<text::Token>>> = texts
        .iter()
        .map(|texts| texts.iter().map(|(_, t)| text::tokens(t)).collect())
        .collect();
    // Each text's lowercase forms fit in its own length (but for the rare letter that grows when lowered).
    let mut buffers: Vec<Vec<String>> = texts
        .iter()
        .map(|texts| {
            let room = |(_, t): &(TextPart, String)| String::with_capacity(t.len());
            texts.iter().map(room).collect()
        })
        .collect();
    let lowered: Vec<Vec<Vec<&str>>> = tokens
        .iter()
        .zip(&mut buffers)
        .map(|(tokens, buffers)| {
            let pairs = tokens.iter().zip(buffers);
            pairs
                .map(|(toks, buf)| text::lowercase_all(toks, buf))
                .collect()
        })
        .collect();
    let lower: Vec<HashSet<&str>> = tokens
        .iter()
        .zip(&lowered)
        .map(|(tokens, lowered)| text::lowercase_words(tokens, lowered))
        .collect();
    let mut ctxs: Vec<rules::Ctx> = Vec::new();
    for (((article, texts), (tokens, lowered)), lower) in articles
        .iter()
        .zip(&texts)
        .zip(tokens.into_iter().zip(lowered))
        .zip(&lower)
    {
        let english = article.language == "en";
        for (((_, t), toks), lowered) in texts.iter().zip(tokens).zip(lowered) {
            ctxs.push(rules::Ctx::new(t, toks, lowered, lower, gaz, english));
        }
    }
    let mut cands = rules::candidates(&ctxs).into_iter();
    drop(ctxs);
    let mut found_all: Vec<Named> = texts
        .iter()
        .map(|texts| {
            let found_by_part: Vec<(TextPart, Vec<Cand>)> = texts
                .iter()
                .zip(cands.by_ref())
                .map(|((part, _), cands)| (*part, resolve(cands)))
                .collect();
            named(texts, found_by_part, gaz, base)
        })
        .collect();
    for (n, texts) in found_all.iter_mut().zip(&texts) {
        people::short_mentions(texts, &n.entities, &mut n.mentions);
    }
    for (n, texts) in found_all.iter_mut().zip(&texts) {
        let municipality = n.municipality.as_deref();
        people::titles_and_employers(
            texts,
            &mut n.entities,
            &mut n.mentions,
            &n.titles,
            base,
            municipality,
        );
    }
    // Byte to char offsets, text by text: the speakers' stage and the mentions' spans both need them.
    let offsets: Vec<Vec<(TextPart, text::CharOffsets)>> = texts
        .iter()
        .map(|texts| {
            texts
                .iter()
                .map(|(part, t)| (*part, text::CharOffsets::new(t)))
                .collect()
        })
        .collect();
    let quotes: Vec<Vec<Quote>> = found_all
        .iter()
        .zip(&texts)
        .zip(&found)
        .zip(&offsets)
        .map(|(((n, texts), found), offsets)| {
            let body = part_offsets(offsets, TextPart::Body);
            speakers::resolve(texts, found, &n.entities, &n.mentions, body, gaz)
        })
        .collect();
    for (((article, offsets), n), quotes) in
        articles.iter_mut().zip(&offsets).zip(found_all).zip(quotes)
    {
        place_mentions(article, offsets, n, quotes);
    }
}

/// The offsets index of one part of an article's texts.
fn part_offsets<'o, 'a>(
    offsets: &'o [(TextPart, text::CharOffsets<'a>)],
    part: TextPart,
) -> &'o text::CharOffsets<'a> {
    let found = offsets.iter().find(|(p, _)| *p == part);
    &found.expect("part exists").1
}

/// What an article's candidates name, before people's short mentions and titles are added.
struct Named {
    entities: BTreeMap<Key, Entity>,
    mentions: Vec<Mention>,
    /// Job titles found with a person's name, by the person's key.
    titles: Vec<(Key, String)>,
    /// The municipality the article is about, if it names one.
    municipality: Option<String>,
}

/// The entities and mentions of an article's resolved candidates (`found_by_part`, text by text).
fn named(
    texts: &[(TextPart, String)],
    found_by_part: Vec<(TextPart, Vec<Cand>)>,
    gaz: &Gazetteer,
    base: &Base,
) -> Named {
    let mut entities: BTreeMap<Key, Entity> = BTreeMap::new();
    let mut mentions = Vec::new();
    let mut titles: Vec<(Key, String)> = Vec::new();
    let municipality = municipality(&found_by_part, gaz);
    let surnames = surnames(&found_by_part);
    // "Natural Resources Wales (NRW)": an abbreviation given in brackets after an organization's name
    // names that organization wherever it stands alone.
    let mut abbreviations: rustc_hash::FxHashMap<&str, Key> = Default::default();
    for ((part, cands), (_, text)) in found_by_part.into_iter().zip(texts) {
        let part = &part;
        for c in cands {
            if surname_not_place(&c, text, &surnames) {
                continue;
            }
            let abbreviated = (c.kind == EntityKind::Organization)
                .then(|| abbreviations.get(c.name.as_ref()))
                .flatten();
            let key = match abbreviated {
                Some(key) => key.clone(),
                None => key_for(&c, &entities, municipality.as_deref()),
            };
            if c.kind == EntityKind::Organization && abbreviated.is_none() {
                if let Some(a) = abbreviation_after(text, c.end) {
                    abbreviations.entry(a).or_insert_with(|| key.clone());
                }
            }
            // Most candidates name an entity already met: no copy of the key for those.
            if !entities.contains_key(&key) {
                entities.insert(key.clone(), new_entity(&c, &key, gaz, base));
            }
            if let Some(title) = &c.title {
                titles.push((key.clone(), title.clone()));
            }
            mentions.push(Mention {
                part: *part,
                bytes: (c.start, c.end),
                key,
                full: true,
            });
        }
    }
    Named {
        entities,
        mentions,
        titles,
        municipality,
    }
}

/// Gives each entity its mentions as character spans and fills the article's entities (those
/// mentioned, in the order first mentioned) and quotes.
fn place_mentions(
    article: &mut Article,
    offsets: &[(TextPart, text::CharOffsets)],
    named: Named,
    quotes: Vec<Quote>,
) {
    let Named {
        mut entities,
        mentions,
        ..
    } = named;
    for m in &mentions {
        if let Some(e) = entities.get_mut(&m.key) {
            e.mentions.push(to_span(offsets, m));
        }
    }
    for e in entities.values_mut() {
        e.mentions.sort();
        e.mentions.dedup();
    }
    let mut list: Vec<Entity> = entities
        .into_values()
        .filter(|e| !e.mentions.is_empty())
        .collect();
    list.sort_by(|a, b| (a.mentions[0], &a.key).cmp(&(b.mentions[0], &b.key)));
    mark_about(&mut list, &quotes);
    article.entities = list;
    article.quotes = quotes;
}

/// The family names of the people the article names in full ("Sarah Barnes" → "Barnes").
fn surnames(found: &[(TextPart, Vec<Cand>)]) -> HashSet<String> {
    found
        .iter()
        .flat_map(|(_, cands)| cands)
        .filter(|c| c.kind == EntityKind::Person)
        .filter_map(|c| c.name.rsplit(' ').next().filter(|s| s.len() < c.name.len()))
        .map(str::to_string)
        .collect()
}

/// A place found where the text names a person by surname alone: `"…," Barnes said` after "Sarah
/// Barnes" is the person, not the London district. The word "in", "i", "to", "from" or "till" before it
/// still makes it the place ("in Barnes").
fn surname_not_place(c: &Cand, text: &str, surnames: &HashSet<String>) -> bool {
    if c.kind != EntityKind::Place || !surnames.contains(&text[c.start..c.end]) {
        return false;
    }
    let before = text[..c.start].trim_end();
    let word = before.rsplit([' ', '\n']).next().unwrap_or("");
    !matches!(
        word,
        "in" | "i"
            | "to"
            | "from"
            | "till"
            | "från"
            | "near"
            | "nära"
            | "of"
            | "at"
            | "på"
            | "around"
            | "kring"
    )
}

/// The abbreviation in brackets right after an organization's name ending at `end`: " (NRW)" → "NRW".
fn abbreviation_after(text: &str, end: usize) -> Option<&str> {
    let inner = text.get(end..)?.strip_prefix(" (")?;
    let close = inner.find(')')?;
    let a = &inner[..close];
    ((2..=6).contains(&a.len()) && a.bytes().all(|b| b.is_ascii_uppercase())).then_some(a)
}

/// Keeps the longest candidates (then the strongest, then the earliest) that do not overlap.
fn resolve(mut cands: Vec<Cand>) -> Vec<Cand> {
    cands.sort_by(|a, b| {
        (b.end - b.start, b.strength, a.start).cmp(&(a.end - a.start, a.strength, b.start))
    });
    let mut spans = Spans::for_len(cands.iter().map(|c| c.end).max().unwrap_or(0));
    let mut taken: Vec<Cand> = Vec::new();
    for c in cands {
        if spans.insert(c.start, c.end) {
            taken.push(c);
        }
    }
    taken.sort_by_key(|c| c.start);
    taken
}

/// Byte ranges that do not overlap one another, as a bitmap of the bytes they cover and one of the bytes
/// they start at: whether a new range overlaps any of them is a look at the words of its own bytes (one,
/// for a name), where an ordered set of ranges took a descent through a tree, and a look at each range
/// taken made an article of a hundred thousand names quadratic. Ranges held are never empty (they are
/// words of a text).
#[derive(Debug, Default)]
pub struct Spans {
    covered: Vec<u64>,
    starts: Vec<u64>,
}

impl Spans {
    /// Room for ranges within the first `len` bytes, allocated once: grown range by range, the bitmaps
    /// were reallocated some thirty times an article.
    pub fn for_len(len: usize) -> Self {
        let words = len.div_ceil(64);
        Self {
            covered: vec![0; words],
            starts: vec![0; words],
        }
    }

    /// Whether `start..end` overlaps a range held (`a < d && c < b`, as a scan of the ranges asks): an
    /// empty range overlaps one that holds it strictly inside.
    pub fn overlaps(&self, start: usize, end: usize) -> bool {
        debug_assert!(start <= end, "a range ends after it starts");
        if start >= end {
            return start > 0
                && bit(&self.covered, start - 1)
                && bit(&self.covered, start)
                && !bit(&self.starts, start);
        }
        (start / 64..=(end - 1) / 64).any(|w| {
            self.covered
                .get(w)
                .is_some_and(|&bits| bits & byte_mask(w, start, end) != 0)
        })
    }

    /// Holds `start..end` unless it overlaps a range held; whether it was taken. An empty range is
    /// never held.
    pub fn insert(&mut self, start: usize, end: usize) -> bool {
        if self.overlaps(start, end) {
            return false;
        }
        if start < end {
            let last = (end - 1) / 64;
            if self.covered.len() <= last {
                self.covered.resize(last + 1, 0);
                self.starts.resize(last + 1, 0);
            }
            for w in start / 64..=last {
                self.covered[w] |= byte_mask(w, start, end);
            }
            self.starts[start / 64] |= 1 << (start % 64);
        }
        true
    }
}

/// Whether byte `i`'s bit is set.
fn bit(bits: &[u64], i: usize) -> bool {
    bits.get(i / 64).is_some_and(|w| w >> (i % 64) & 1 != 0)
}

/// The bits of the bitmap's word `w` (bytes `64 * w` to `64 * w + 63`) that `start..end` covers.
fn byte_mask(w: usize, start: usize, end: usize) -> u64 {
    let lo = start.saturating_sub(64 * w);
    let hi = (end - 64 * w).min(64);
    (u64::MAX >> (64 - (hi - lo))) << lo
}

/// The municipality an article is about, by the name of its organization ("Göteborgs Stad", "Malmö
/// stad", "Ale kommun"): the one the article names most, else the one whose town it names most.
fn municipality(found: &[(TextPart, Vec<Cand>)], gaz: &Gazetteer) -> Option<String> {
    // Each name's count and the order it was first named in (a hashed count: an article can name
    // thousands of "X kommun").
    let mut counts: rustc_hash::FxHashMap<&str, (usize, usize)> = Default::default();
    fn count<'a>(counts: &mut rustc_hash::FxHashMap<&'a str, (usize, usize)>, name: &'a str) {
        let next = counts.len();
        counts.entry(name).or_insert((0, next)).0 += 1;
    }
    let cands = || found.iter().flat_map(|(_, cs)| cs);
    for c in cands().filter(|c| c.kind == EntityKind::Organization) {
        if is_municipality_name(&c.name) {
            count(&mut counts, &c.name);
        }
    }
    if counts.is_empty() {
        // One buffer for every form: `format!` cost more than the look-ups it fed.
        let mut form = String::new();
        let mut lookup = |name: &str, ending: &str| {
            form.clear();
            form.push_str(name);
            form.push_str(ending);
            gaz.lookup(&form)
        };
        for c in cands().filter(|c| c.kind == EntityKind::Place && c.entry.is_some()) {
            let org = lookup(&c.name, " kommun")
                .or_else(|| lookup(&c.name, "s kommun"))
                .map(|i| gaz.entry(i))
                .filter(|e| e.kind == EntityKind::Organization);
            if let Some(org) = org {
                count(&mut counts, org.name);
            }
        }
    }
    // The most named; the first named among equals.
    counts
        .into_iter()
        .max_by_key(|&(_, (k, first))| (k, std::cmp::Reverse(first)))
        .map(|(name, _)| name.to_owned())
}

/// "Ale kommun", "Malmö stad", "Göteborgs Stad", "Region Gotland": a municipality's own name.
fn is_municipality_name(name: &str) -> bool {
    name.split(' ').count() >= 2
        && (name.ends_with(" kommun")
            || name.ends_with(" stad")
            || name.ends_with(" Stad")
            || name == "Region Gotland")
}

/// Heads of a municipal committee's or administration's name: every municipality has a
/// "kulturförvaltningen" and a "byggnadsnämnden" of its own (and every region a "regionstyrelsen"; the
/// article's municipality stands in for its region, which keeps two regions' boards apart).
const MUNICIPAL_BODY_HEADS: [&str; 8] = [
    "förvaltningen",
    "förvaltning",
    "nämnden",
    "nämnd",
    "kontoret",
    "kommunstyrelsen",
    "regionstyrelsen",
    "fullmäktige",
];

/// Whether `name` is a municipal body's generic name ("kulturförvaltningen", "förvaltningen för
/// funktionsstöd", "idrotts- och föreningsnämnden"), which many municipalities share, rather than a name
/// only one body has ("Socialförvaltningen Hisingen", "Rinkeby-Kista stadsdelsnämnd").
pub fn is_municipal_body(name: &str) -> bool {
    // An ending or the whole word, capitalized or not ("Kulturförvaltningen", "Förvaltningen för ...").
    let head = |w: &str| {
        MUNICIPAL_BODY_HEADS.iter().any(|h| {
            w.len() >= h.len()
                && w.as_bytes()[w.len() - h.len()..].eq_ignore_ascii_case(h.as_bytes())
        })
    };
    let mut words = name.split(' ');
    let first = words.next().unwrap_or_default();
    let mut last = first;
    for w in words {
        if w.starts_with(char::is_uppercase) {
            return false;
        }
        last = w;
    }
    // "park- och naturförvaltningen" is generic; "Rinkeby-Kista stadsdelsnämnd" names its district.
    head(first) || (first.ends_with('-') && head(last))
}

/// The key of an organization named `name`: a municipal body's key also names the municipality the
/// article is about, so that Malmö's "kulturförvaltningen" and Göteborg's are two entities.
pub fn org_key(name: &str, municipality: Option<&str>) -> Key {
    municipal_body_key(name, municipality)
        .unwrap_or_else(|| remembered_key(EntityKind::Organization, name))
}

/// The key of a municipal body named `name` in the article's municipality; `None` for other names.
fn municipal_body_key(name: &str, municipality: Option<&str>) -> Option<Key> {
    let m = municipality.filter(|_| is_municipal_body(name))?;
    Some(remembered_key(
        EntityKind::Organization,
        &[name, " ", m].concat(),
    ))
}

/// The entity key for a candidate: gazetteer entries by their name; a Swedish genitive ("Henrik Kants")
/// joins the base name when that entity exists; a municipal body is qualified by the municipality.
fn key_for(c: &Cand, known: &BTreeMap<Key, Entity>, municipality: Option<&str>) -> Key {
    if c.kind == EntityKind::Organization {
        if let Some(key) = municipal_body_key(&c.name, municipality) {
            return key;
        }
    }
    let key = remembered_key(c.kind, &c.name);
    if !known.contains_key(&key) {
        if let Some(long) = local_body_named_before(c, &key, known) {
            return long;
        }
        if let Some(base) = c.name.strip_suffix('s') {
            let k = remembered_key(c.kind, base);
            if known.contains_key(&k) {
                return k;
            }
        }
    }
    key
}

/// "St Leger Homes" after "St Leger Homes of Doncaster", "First Choice Homes" after "First Choice Homes
/// Oldham": an organization named by its head word is the one the article named with its town before,
/// when there is just one. (Their keys share the short name's key as a prefix, so one ordered look-up.)
///
/// A one-word name is the longer name it opens in the same way ("Länsstyrelsen" after "Länsstyrelsen i
/// Västra Götalands län", "Kulturhuset" after "Kulturhuset Ängeln", "BAE" after "BAE Systems
/// Hägglunds"), but for the national networks whose local parts are bodies of their own ("NHS").
fn local_body_named_before(c: &Cand, key: &Key, known: &BTreeMap<Key, Entity>) -> Option<Key> {
    let last = c.name.rsplit(' ').next()?;
    let one_word = !c.name.contains(' ') && !["NHS", "BBC", "UK", "EU"].contains(&last);
    if c.kind != EntityKind::Organization || !(one_word || lexicon::EN_ORG_HEADS.contains(last)) {
        return None;
    }
    let prefix = [key.as_ref(), "-"].concat();
    let mut longer = known
        .range::<str, _>((
            std::ops::Bound::Included(prefix.as_str()),
            std::ops::Bound::Unbounded,
        ))
        .take_while(|(k, _)| k.starts_with(&prefix))
        .filter(|(_, e)| {
            e.kind == EntityKind::Organization
                && e.name.strip_prefix(c.name.as_ref()).is_some_and(|rest| {
                    let town = rest.strip_prefix(" of ").unwrap_or(rest).trim_start();
                    rest.starts_with(' ') && !town.is_empty() && (one_word || !town.contains(' '))
                })
        })
        .map(|(k, _)| k);
    let first = longer.next()?;
    longer.next().is_none().then(|| first.clone())
}

/// Names a thread remembers the keys of before it starts afresh, so that the memory stays flat however
/// many articles a batch holds. Far more than one article names, enough for a collection's recurring ones.
const REMEMBERED_KEYS: usize = 4096;

thread_local! {
    /// The keys [`remembered_key`] has made on this thread, by name and kind.
    static KEY_MEMO: std::cell::RefCell<rustc_hash::FxHashMap<String, Vec<(EntityKind, Key)>>> =
        std::cell::RefCell::default();
}

/// [`entity_key`], remembered by each thread across the articles it converts: names recur within an
/// article and across a collection, and a key costs a transliteration and several strings. The key is a
/// pure function of kind and name, so what is remembered never changes an output.
fn remembered_key(kind: EntityKind, name: &str) -> Key {
    KEY_MEMO.with_borrow_mut(|memo| {
        if let Some((_, key)) = memo
            .get(name)
            .and_then(|keys| keys.iter().find(|(k, _)| *k == kind))
        {
            return key.clone();
        }
        if memo.len() >= REMEMBERED_KEYS {
            memo.clear();
        }
        let key = Key::from(entity_key(kind, name));
        memo.entry(name.to_owned())
            .or_default()
            .push((kind, key.clone()));
        key
    })
}

/// `{kind}/{slug(name)}`: the same in every article and run.
pub fn entity_key(kind: EntityKind, name: &str) -> String {
    let prefix = match kind {
        EntityKind::Person => "person",
        EntityKind::Place => "place",
        EntityKind::Organization => "organization",
        EntityKind::Initiative => "initiative",
    };
    [prefix, "/", &slug(name)].concat()
}

fn new_entity(c: &Cand, key: &str, gaz: &Gazetteer, base: &Base) -> Entity {
    let entry = c.entry.map(|i| gaz.entry(i));
    let (given, family) = if c.kind == EntityKind::Person {
        people::split_name(&c.name)
    } else {
        (None, None)
    };
    Entity {
        key: key.to_owned(),
        iri: base.entity(key),
        kind: c.kind,
        schema_type: c.schema_type.to_owned(),
        name: c.name.clone().into_owned(),
        given_name: given,
        family_name: family,
        job_title: None,
        works_for: None,
        same_as: entry.map(|e| e.same_as.to_vec()).unwrap_or_default(),
        geo: entry.and_then(|e| e.geo.map(|g| g.to_geo())),
        about: false,
        mentions: Vec::new(),
    }
}

fn to_span(offsets: &[(TextPart, text::CharOffsets)], m: &Mention) -> Span {
    let index = part_offsets(offsets, m.part);
    Span {
        part: m.part,
        start: index.get(m.bytes.0),
        end: index.get(m.bytes.1),
    }
}

/// `about`: what the headline names, and the person quoted most (at least twice).
fn mark_about(list: &mut [Entity], quotes: &[Quote]) {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for q in quotes {
        if let Some(s) = &q.speaker {
            *counts.entry(s).or_default() += 1;
        }
    }
    let top = counts
        .iter()
        .filter(|(_, n)| **n >= 2)
        .max_by_key(|(k, n)| (**n, std::cmp::Reverse(**k)))
        .map(|(k, _)| k.to_string());
    for e in list.iter_mut() {
        e.about = e.mentions.iter().any(|m| m.part == TextPart::Headline)
            || top.as_deref() == Some(&e.key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`resolve`] as it was written before [`Spans`]: each candidate checked against every one taken.
    fn resolve_by_scan(mut cands: Vec<Cand>) -> Vec<Cand> {
        cands.sort_by(|a, b| {
            (b.end - b.start, b.strength, a.start).cmp(&(a.end - a.start, a.strength, b.start))
        });
        let mut taken: Vec<Cand> = Vec::new();
        for c in cands {
            if !taken.iter().any(|t| c.start < t.end && t.start < c.end) {
                taken.push(c);
            }
        }
        taken.sort_by_key(|c| c.start);
        taken
    }

    fn cand(start: usize, len: usize, strong: bool) -> Cand<'static> {
        Cand {
            start,
            end: start + len,
            kind: EntityKind::Place,
            schema_type: "Place",
            name: format!("{start}+{len}").into(),
            entry: None,
            strength: if strong {
                rules::Strength::Known
            } else {
                rules::Strength::Shape
            },
            title: None,
        }
    }

    proptest::proptest! {
        #[test]
        fn spans_agree_with_checking_every_range(ranges in proptest::collection::vec((0usize..300, 0usize..100), 0..60)) {
            // Ranges cross the bitmap's 64-byte words; an empty one is asked about but never held.
            let mut spans = Spans::default();
            let mut held: Vec<(usize, usize)> = Vec::new();
            for (start, len) in ranges {
                let end = start + len;
                let overlaps = held.iter().any(|&(s, e)| start < e && s < end);
                proptest::prop_assert_eq!(spans.overlaps(start, end), overlaps);
                proptest::prop_assert_eq!(spans.insert(start, end), !overlaps);
                if !overlaps && len > 0 {
                    held.push((start, end));
                }
            }
        }

        #[test]
        fn resolve_agrees_with_the_scan(found in proptest::collection::vec((0usize..200, 1usize..12, proptest::bool::ANY), 0..120)) {
            let cands: Vec<Cand> = found.into_iter().map(|(s, l, k)| cand(s, l, k)).collect();
            proptest::prop_assert_eq!(resolve(cands.clone()), resolve_by_scan(cands));
        }
    }

    #[test]
    fn resolve_is_right_on_many_candidates() {
        // Twenty thousand candidates, nested and overlapping in threes: what the scan took seconds for.
        let cands: Vec<Cand> = (0..20_000)
            .flat_map(|i| {
                [
                    cand(i * 10, 6, false),
                    cand(i * 10 + 2, 6, true),
                    cand(i * 10 + 1, 3, true),
                ]
            })
            .collect();
        let taken = resolve(cands.clone());
        // In each three, the longer strong one wins: six bytes from the third.
        let starts: Vec<usize> = taken.iter().map(|c| c.start).collect();
        assert_eq!(starts, (0..20_000).map(|i| i * 10 + 2).collect::<Vec<_>>());
        assert!(taken.iter().all(|c| c.end - c.start == 6));
        assert_eq!(
            resolve(cands[..3000].to_vec()),
            resolve_by_scan(cands[..3000].to_vec())
        );
    }

    #[test]
    fn municipal_bodies_are_told_from_bodies_with_a_name_of_their_own() {
        for generic in [
            "kulturförvaltningen",
            "Kulturnämnden",
            "Förvaltningen för funktionsstöd",
            "Idrotts- och föreningsförvaltningen",
            "stadsledningskontoret",
            "kommunstyrelsen",
        ] {
            assert!(is_municipal_body(generic), "{generic}");
        }
        for named in [
            "Socialförvaltningen Hisingen",
            "Rinkeby-Kista stadsdelsnämnd",
            "Göteborgs Stad",
            "Trafikverket",
            "Försäkringskassan",
        ] {
            assert!(!is_municipal_body(named), "{named}");
        }
    }

    #[test]
    fn remembered_keys_are_the_keys_before_and_after_the_memo_starts_afresh() {
        let kinds = [
            EntityKind::Person,
            EntityKind::Place,
            EntityKind::Organization,
        ];
        // Past the limit, so the memo is emptied at least once; each name asked twice and under three kinds.
        for round in 0..2 {
            for i in 0..REMEMBERED_KEYS + 100 {
                let name = format!("Göteborgs Stad {i}");
                for kind in kinds {
                    let key = remembered_key(kind, &name);
                    assert_eq!(
                        &*key,
                        entity_key(kind, &name),
                        "{name} {kind:?} round {round}"
                    );
                }
                let held = KEY_MEMO.with_borrow(|memo| memo.len());
                assert!(held <= REMEMBERED_KEYS, "{held} names held");
            }
        }
    }
}
