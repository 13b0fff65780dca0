//! Quote speakers: the attribution's name, a pronoun's antecedent, or the person the surrounding
//! paragraphs speak about. When nothing says who spoke, the quote keeps no speaker rather than a guess.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use super::lexicon::PRONOUNS;
use super::text::CharOffsets;
use super::{Gazetteer, Key, Mention};
use crate::model::{Entity, EntityKind, Quote, TextPart};
use crate::quotes::Found;

/// Quotes with their speakers resolved.
pub fn resolve(
    texts: &[(TextPart, String)],
    found: &[Found],
    entities: &BTreeMap<Key, Entity>,
    mentions: &[Mention],
    offsets: &CharOffsets,
    gaz: &Gazetteer,
) -> Vec<Quote> {
    let body = &texts
        .iter()
        .find(|(p, _)| *p == TextPart::Body)
        .expect("body")
        .1;
    // The people and organizations the body names, by char offset (`offsets` indexes the body).
    let mut people: Vec<(usize, &str)> = Vec::new();
    let mut orgs: Vec<(usize, &str)> = Vec::new();
    // How the body writes each organization it names: "SL" for Storstockholms Lokaltrafik, "NRW" after
    // "Natural Resources Wales (NRW)" (the entities stage gave both forms one key).
    let mut org_forms: FxHashMap<&str, &str> = FxHashMap::default();
    for m in mentions.iter().filter(|m| m.part == TextPart::Body) {
        let list = match entities.get(&m.key).map(|e| e.kind) {
            Some(EntityKind::Person) => &mut people,
            Some(EntityKind::Organization) => {
                org_forms
                    .entry(&body[m.bytes.0..m.bytes.1])
                    .or_insert(&m.key);
                &mut orgs
            }
            _ => continue,
        };
        list.push((offsets.get(m.bytes.0), &*m.key));
    }
    people.sort();
    orgs.sort();
    // First names of the people the article names: a paragraph using one alone speaks of them.
    let known_first: Vec<&str> = entities
        .values()
        .filter(|e| e.kind == EntityKind::Person)
        .filter_map(|e| e.name.split_whitespace().next())
        .collect();
    let caption_person = mentions
        .iter()
        .filter(|m| m.part == TextPart::Caption)
        .find(|m| {
            entities
                .get(&m.key)
                .is_some_and(|e| e.kind == EntityKind::Person)
        })
        .map(|m| m.key.to_string());
    let mut by_noun = FxHashMap::default();
    // Built at the first attribution, and only for an article naming many people and organizations.
    let index = std::cell::OnceCell::new();
    let mut out: Vec<Quote> = Vec::new();
    let mut previous: Option<(usize, Option<String>)> = None;
    // The paragraph of the last unattributed quote given no speaker: the list of comments it opens
    // ("We asked shoppers what they thought:") goes on without one.
    let mut comments: Option<usize> = None;
    let mut headings = Vec::new();
    for f in found {
        if f.heading {
            headings.push(out.len());
            out.push(f.quote.clone());
            continue;
        }
        // The people are in text order: the last one before the quote is found by halving (a scan per
        // quote made an article of many quotes and names quadratic).
        let before = people.partition_point(|(at, _)| *at < f.quote.span.start);
        let last_person = before.checked_sub(1).map(|i| people[i].1.to_string());
        // The paragraph before the quote's, and whether anyone is named from its start to the quote
        // (whom a pronoun in the attribution means).
        // Only a quote with no attribution or a pronoun looks there: a name needs no context.
        let at = offsets.byte(f.quote.span.start);
        let context = f.attribution.as_deref().is_none_or(is_pronoun);
        let (from, to) = if context {
            paragraph_before(body, at)
        } else {
            (at, at)
        };
        let prev = &body[from..to];
        let named_there = people.partition_point(|(at, _)| *at < offsets.get(from)) < before;
        // A colon ends the paragraph before, and nobody is named from its start to the quote.
        // Or that paragraph introduces someone unnamed or by a given name alone ("16-åriga Wilma har
        // gått till Kulan ..." and then her dash quote).
        let introduced = f.attribution.is_none()
            && !named_there
            && (prev.trim_end().ends_with(':')
                || names_by_given_name(prev, gaz, &known_first)
                || mentions_unnamed(prev));
        let speaker = match &f.attribution {
            Some(who) if is_pronoun(who) => {
                // "One father, who did not want to be named, ... “...,” he said.": the same paragraph
                // can introduce the unnamed speaker too.
                let own = &body[to..at];
                let named_in_own = people.partition_point(|(at, _)| *at < offsets.get(to)) < before;
                let unnamed_before = !named_there
                    && (introduces_unnamed(prev, gaz, &known_first) || mentions_unnamed(prev));
                if unnamed_before || !named_in_own && mentions_unnamed(own) {
                    None
                } else {
                    last_person.or_else(|| previous.as_ref().and_then(|p| p.1.clone()))
                }
            }
            Some(who) => {
                let who = subject(without_channel(who));
                named_by(who.strip_prefix("The ").unwrap_or(who), entities, &index)
                    .or_else(|| {
                        spokesperson_org(who, f.quote.span.start, &orgs, entities, &mut by_noun)
                    })
                    .or_else(|| {
                        // "skriver SL", "In a statement, NRW": a form the body writes the name in,
                        // as the whole attribution or its last word.
                        let who = who.trim();
                        let last_word = who.rsplit([' ', ',']).next().unwrap_or(who);
                        let key = org_forms.get(who).or_else(|| org_forms.get(last_word))?;
                        Some(key.to_string())
                    })
            }
            None => match &previous {
                Some((para, speaker)) if *para + 1 == f.paragraph && speaker.is_some() => {
                    speaker.clone()
                }
                // "We asked shoppers what they thought:" and a list of comments: nobody named.
                _ if introduced
                    || comments.is_some_and(|p| p == f.paragraph || p + 1 == f.paragraph) =>
                {
                    None
                }
                _ => last_person.or_else(|| caption_person.clone()),
            },
        };
        if f.attribution.is_none() && speaker.is_none() {
            comments = Some(f.paragraph);
        }
        previous = Some((f.paragraph, speaker.clone()));
        out.push(Quote {
            speaker,
            ..f.quote.clone()
        });
    }
    if !headings.is_empty() {
        // Each body quote normalized once, for all the heading quotes looked up in them.
        let body: Vec<(usize, String)> = (0..out.len())
            .filter(|&i| out[i].span.part == TextPart::Body)
            .map(|i| (i, crate::quotes::normalized(&out[i].text)))
            .collect();
        for i in headings {
            out[i].speaker = said_in_body(&out, &body, i);
        }
    }
    out
}

/// A headline or subheading quote's speaker: whoever says its words in a body quote (news repeats
/// them there, often from mid-sentence and with a capital of their own: "Slag mot villaägarna" from
/// "Det här är ett slag mot villaägarna."), else whoever says most of its words in one quote (a
/// headline shortens: "We can hear the sea under the floor" from "you can hear it booming under the
/// floor"), else nobody, since no attribution or paragraph around a heading says who spoke.
fn said_in_body(quotes: &[Quote], body: &[(usize, String)], heading: usize) -> Option<String> {
    let words = crate::quotes::normalized(&quotes[heading].text);
    let others = || body.iter().filter(|(i, _)| *i != heading);
    if let Some((i, _)) = others().find(|(_, lower)| lower.contains(&words)) {
        return quotes[*i].speaker.clone();
    }
    let own = content_words(&words);
    if own.len() < 3 {
        return None;
    }
    others()
        .map(|(i, lower)| {
            let theirs = content_words(lower);
            (own.iter().filter(|w| theirs.contains(w)).count(), *i)
        })
        .filter(|(shared, _)| *shared * 4 >= own.len() * 3)
        .max_by_key(|(shared, _)| *shared)
        .and_then(|(_, i)| quotes[i].speaker.clone())
}

/// The words of three letters or more in a lowercased text: what two wordings of one remark share.
fn content_words(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| w.chars().count() >= 3)
        .collect()
}

/// The byte range of the paragraph before the one that holds `at` (paragraphs are apart by a blank
/// line in the body): where a pronoun's speaker was introduced.
fn paragraph_before(body: &str, at: usize) -> (usize, usize) {
    // Line ends by `memrchr`, then the one before: `str::rfind` went back over the body a byte at a
    // time, and `memmem::rfind` built a searcher for each call.
    let blank_before = |end: usize| {
        let before = &body.as_bytes()[..end];
        let mut line_ends = memchr::memrchr_iter(b'\n', before);
        line_ends
            .find(|&i| i > 0 && before[i - 1] == b'\n')
            .map(|i| i - 1)
    };
    let own = blank_before(at).unwrap_or(0);
    let from = blank_before(own).map_or(0, |i| i + 2);
    (from, own)
}

/// The words of a text (letters and hyphens), for the checks on who a paragraph speaks of.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphabetic() || c == '-'))
        .filter(|w| !w.is_empty())
}

/// Whether text before a quote in its paragraph speaks of someone unnamed: "one father", "one woman",
/// "another resident", "en förälder".
fn mentions_unnamed(text: &str) -> bool {
    let mut before = "";
    words(text).any(|w| {
        let one = matches!(before, "one" | "One" | "another" | "Another")
            && w.starts_with(char::is_lowercase)
            && !matches!(w, "day" | "year" | "week" | "month" | "thing" | "time");
        let someone = matches!(before, "a" | "A" | "en" | "En" | "ett" | "Ett")
            && UNNAMED_PEOPLE.contains(&w);
        before = w;
        one || someone
    })
}

/// Nouns for people news quotes without naming: "a woman", "en kvinna", "ett barn".
const UNNAMED_PEOPLE: [&str; 34] = [
    "woman",
    "man",
    "mother",
    "father",
    "mum",
    "dad",
    "parent",
    "resident",
    "neighbour",
    "pensioner",
    "shopper",
    "commuter",
    "passenger",
    "volunteer",
    "tenant",
    "pupil",
    "teenager",
    "kvinna",
    "pappa",
    "mamma",
    "förälder",
    "granne",
    "pensionär",
    "elev",
    "tjej",
    "kille",
    "pendlare",
    "resenär",
    "besökare",
    "boende",
    "hyresgäst",
    "kund",
    "barn",
    "hundägare",
];

/// Words that open a paragraph about someone the text does not name ("One resident, who ...", "En
/// av deltagarna ...", "En annan förälder ...").
const UNNAMED_OPENERS: [&str; 4] = ["One", "Another", "En", "Ett"];

/// Whether `paragraph` (which names no known person) introduces someone unnamed or named by a given
/// name alone ("Barnskötaren Sofia har ...", "Volunteer Ruth, 68, ..."): a pronoun in the quote after
/// it is theirs, and the README gives such quotes no speaker rather than the person named earlier.
fn introduces_unnamed(paragraph: &str, gaz: &Gazetteer, known_first: &[&str]) -> bool {
    let opener = words(paragraph)
        .next()
        .is_some_and(|w| UNNAMED_OPENERS.contains(&w));
    opener || names_by_given_name(paragraph, gaz, known_first)
}

/// Whether a paragraph names someone by a given name alone ("16-åriga Wilma har gått ...").
///
/// A given name that opens the name of a person the article names is that person's short mention ("Anna
/// konstaterar ..." after "Anna Berg"), not someone new.
fn names_by_given_name(paragraph: &str, gaz: &Gazetteer, known_first: &[&str]) -> bool {
    let mut words = words(paragraph).peekable();
    while let Some(w) = words.next() {
        let capital_next = words
            .peek()
            .is_some_and(|n| n.starts_with(char::is_uppercase));
        if w.starts_with(char::is_uppercase)
            && !capital_next
            && gaz.is_given_name(w)
            && !known_first.contains(&w)
        {
            return true;
        }
    }
    false
}

/// Where an attribution goes on to say how or to whom it was said ("skriver förvaltningen i ett mejl
/// till Södermanlands Nyheter", "skriver IVO i sitt beslut", "the trust said in a statement to the BBC").
const CHANNELS: [&str; 8] = [
    " i ett ",
    " i en ",
    " i sitt ",
    " i sin ",
    " till ",
    " in a statement",
    " in its ",
    " to the ",
];

/// The attribution without its channel: the paper or body it was sent to is no speaker, and would
/// otherwise be found before the definite noun ("förvaltningen") that names the one who wrote.
fn without_channel(who: &str) -> &str {
    // Every channel opens with a space: the first space that opens one is the cut. (A substring search
    // per channel built eight searchers for every quote.)
    let cut = who
        .match_indices(' ')
        .map(|(at, _)| at)
        .find(|&at| CHANNELS.iter().any(|c| who[at..].starts_with(c)))
        .unwrap_or(who.len());
    &who[..cut]
}

/// Words for someone who speaks for an organization without being named.
const SPOKESPEOPLE: [&str; 6] = [
    "spokesperson",
    "spokeswoman",
    "spokesman",
    "pressekreterare",
    "presstalesperson",
    "talesperson",
];

/// Nouns that stand for an organization whatever its name ("the charity" for Shelter).
const GENERIC_ORG_NOUNS: [&str; 5] = [
    "charity",
    "organisation",
    "organization",
    "group",
    "organisationen",
];

/// "It said", "Det skriver": an organization's pronoun.
fn is_it(who: &str) -> bool {
    matches!(who.trim(), "It" | "it" | "Det" | "det")
}

/// An attribution's subject alone: without an opener before a comma ("In a statement, the authority"),
/// a relative clause ("Östgötatrafiken, som drivs av Region Östergötland", "The Chamber, which helped")
/// or an abbreviation in brackets ("Transport for Greater Manchester (TfGM)").
fn subject(who: &str) -> &str {
    let mut who = who.trim();
    // Every clause opens with a comma, which most attributions lack.
    if !who.contains(',') {
        return without_brackets(who);
    }
    for clause in [", which ", ", who ", ", som ", ", that "] {
        if let Some(at) = who.find(clause) {
            who = &who[..at];
        }
    }
    if let Some((opener, rest)) = who.split_once(", ") {
        let first = opener.split_whitespace().next().unwrap_or("");
        if OPENERS.contains(&first) && !rest.is_empty() {
            who = rest;
        }
    }
    without_brackets(who)
}

/// A name without the abbreviation in brackets after it ("Transport for Greater Manchester (TfGM)").
fn without_brackets(who: &str) -> &str {
    match who.strip_suffix(')').and_then(|w| w.rsplit_once(" (")) {
        Some((name, _)) => name.trim_end(),
        None => who,
    }
}

/// Words that open an adverbial before a sentence's subject ("In a statement, ...", "I ett pressmeddelande, ...").
const OPENERS: [&str; 10] = [
    "In", "On", "At", "After", "Later", "Earlier", "I", "På", "Efter", "Senare",
];

/// "A spokesperson said", "skriver klubben", "the trust said": the organization named last before the
/// quote, when the attribution is its spokesperson or the organization's own noun in definite form
/// ("klubben" for "Simklubben Elfsborg", "the council" for "Kirklees Council"). `orgs` are in text
/// order; `by_noun` remembers which of them each noun names, so that no quote looks back over all of
/// them (which made an article of many quotes and organizations quadratic).
fn spokesperson_org(
    who: &str,
    at: usize,
    orgs: &[(usize, &str)],
    entities: &BTreeMap<Key, Entity>,
    by_noun: &mut FxHashMap<String, Vec<usize>>,
) -> Option<String> {
    let lower = who.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    // "It said the building was “...”": the organization's pronoun is its spokesperson too.
    let spokesperson = words.iter().any(|w| SPOKESPEOPLE.contains(w)) || is_it(who);
    let before = orgs.partition_point(|(start, _)| *start < at);
    let key_of = |i: usize| entities.get(orgs[i].1).map(|e| e.key.clone());
    if spokesperson {
        return before.checked_sub(1).and_then(key_of);
    }
    // The organization's own head noun: "klubben", "föreningen", "the council", "the trust".
    let noun = match words.as_slice() {
        ["the", noun, ..] => *noun,
        [noun, ..] if noun.ends_with("en") || noun.ends_with("et") => *noun,
        _ => return None,
    };
    if noun.chars().count() < 5 {
        return None;
    }
    // "föreningen" in "Majornas Företagarförening": a definite noun's base form is in the name.
    let base = ["en", "et"]
        .iter()
        .find_map(|e| noun.strip_suffix(e))
        .filter(|b| b.chars().count() >= 5)
        .unwrap_or(noun);
    let naming = by_noun.entry(noun.to_owned()).or_insert_with(|| {
        (0..orgs.len())
            .filter(|&i| {
                entities
                    .get(orgs[i].1)
                    .is_some_and(|e| e.name.to_lowercase().contains(base))
            })
            .collect()
    });
    match naming.partition_point(|&i| i < before).checked_sub(1) {
        Some(last) => key_of(naming[last]),
        // "the charity said", "the organisation said": a noun no name holds means the organization
        // named last.
        None if GENERIC_ORG_NOUNS.contains(&noun) => before.checked_sub(1).and_then(key_of),
        None => None,
    }
}

/// Whether the first word of `who` is a pronoun, in any case (lowered only when it has a capital).
fn is_pronoun(who: &str) -> bool {
    let first = who.split_whitespace().next().unwrap_or("");
    PRONOUNS.contains(&super::rules::lowercase(first))
}

/// Entities an article may name before [`named`] looks attributions up in a [`NameIndex`] rather than
/// trying each entity's names on each attribution (which made an article naming thousands of people
/// in thousands of quotes quadratic). Below this, the index would cost more to build than it saves.
const SCAN_ENTITIES: usize = 64;

/// [`named`], through `index` (built on first use) when the article names many entities.
fn named_by<'e>(
    who: &str,
    entities: &'e BTreeMap<Key, Entity>,
    index: &std::cell::OnceCell<Option<NameIndex<'e>>>,
) -> Option<String> {
    let index = index.get_or_init(|| {
        let many = entities
            .values()
            .filter(|e| matches!(e.kind, EntityKind::Person | EntityKind::Organization))
            .count()
            > SCAN_ENTITIES;
        many.then(|| NameIndex::new(entities))
    });
    match index {
        Some(index) => index.named(who),
        None => named(who, entities),
    }
}

/// What [`named`] looks for, indexed: every full name, short name and organization name in one
/// automaton each, and people by the definite form of their title. Gives the same answers as `named`.
struct NameIndex<'e> {
    people: Vec<&'e Entity>,
    orgs: Vec<&'e Entity>,
    full: NameFinder,
    short: NameFinder,
    org_names: NameFinder,
    /// "stadsbyggnadsdirektören", "the director": the people whose title that names.
    by_definite: FxHashMap<String, Vec<usize>>,
}

impl<'e> NameIndex<'e> {
    fn new(entities: &'e BTreeMap<Key, Entity>) -> Self {
        let of_kind =
            |kind| -> Vec<&Entity> { entities.values().filter(|e| e.kind == kind).collect() };
        let (people, orgs) = (
            of_kind(EntityKind::Person),
            of_kind(EntityKind::Organization),
        );
        let mut by_definite: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (i, e) in people.iter().enumerate() {
            if let Some(title) = &e.job_title {
                for form in definite_forms(title) {
                    by_definite.entry(form).or_default().push(i);
                }
            }
        }
        let shorts = people.iter().enumerate().flat_map(|(i, e)| {
            let names = e.given_name.iter().chain(e.family_name.iter());
            names.map(move |n| (n.as_str(), i))
        });
        Self {
            full: NameFinder::new(people.iter().enumerate().map(|(i, e)| (e.name.as_str(), i))),
            short: NameFinder::new(shorts),
            org_names: NameFinder::new(orgs.iter().enumerate().map(|(i, e)| (e.name.as_str(), i))),
            people,
            orgs,
            by_definite,
        }
    }

    /// [`named`]'s answer.
    fn named(&self, who: &str) -> Option<String> {
        let longest = |list: &[&Entity], found: Vec<usize>| {
            found
                .into_iter()
                .max_by_key(|&i| (list[i].name.len(), i))
                .map(|i| list[i].key.clone())
        };
        let full = who
            .split(',')
            .find_map(|segment| longest(&self.people, self.full.found(segment)));
        if full.is_some() {
            return full;
        }
        if let Some([one]) = self
            .by_definite
            .get(&who.trim().to_lowercase())
            .map(Vec::as_slice)
        {
            return Some(self.people[*one].key.clone());
        }
        let head = who.split(',').next().unwrap_or(who);
        if let [one] = self.short.found(head).as_slice() {
            return Some(self.people[*one].key.clone());
        }
        longest(&self.orgs, self.org_names.found(who))
    }
}

/// Names found in attributions as [`contains_words`] finds them, all in one automaton.
struct NameFinder {
    /// The distinct names, in pattern order, and the entities (by index) that have each.
    names: Vec<(String, Vec<usize>)>,
    automaton: Option<aho_corasick::AhoCorasick>,
}

impl NameFinder {
    /// From (name, entity index) pairs. Empty names are left out: no entity has one.
    fn new<'a>(pairs: impl Iterator<Item = (&'a str, usize)>) -> Self {
        let mut by_name: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (name, i) in pairs.filter(|(n, _)| !n.is_empty()) {
            let owners = by_name.entry(name).or_default();
            if owners.last() != Some(&i) {
                owners.push(i);
            }
        }
        let names: Vec<(String, Vec<usize>)> = by_name
            .into_iter()
            .map(|(n, owners)| (n.to_owned(), owners))
            .collect();
        let automaton = (!names.is_empty()).then(|| {
            aho_corasick::AhoCorasick::new(names.iter().map(|(n, _)| n))
                .expect("an article's names make an automaton")
        });
        Self { names, automaton }
    }

    /// The entities (indexes, ascending, once each) one of whose names `contains_words(text, name)`.
    fn found(&self, text: &str) -> Vec<usize> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        // Per name, where its last match taken ends: `memmem` takes matches that do not overlap.
        let mut next_free: FxHashMap<usize, usize> = FxHashMap::default();
        let mut out = Vec::new();
        for m in automaton.find_overlapping_iter(text) {
            let name = m.pattern().as_usize();
            let free = next_free.entry(name).or_insert(0);
            if m.start() < *free {
                continue;
            }
            *free = m.end();
            if words_at(text, m.start(), m.len()) {
                out.extend(&self.names[name].1);
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// The entity an attribution names: a person whose full name (or, failing that, a unique short name) it
/// contains, else an organization it names.
fn named(who: &str, entities: &BTreeMap<Key, Entity>) -> Option<String> {
    let people = || entities.values().filter(|e| e.kind == EntityKind::Person);
    // "Jane Smith, head of housing" names her first; "Sentencing him, Judge Catherine Lewis" last.
    let full = who.split(',').find_map(|segment| {
        people()
            .filter(|e| contains_words(segment, &e.name))
            .max_by_key(|e| e.name.len())
    });
    if let Some(e) = full {
        return Some(e.key.clone());
    }
    // "säger stadsbyggnadsdirektören": the person with that title.
    let by_title: Vec<&Entity> = people()
        .filter(|e| {
            e.job_title
                .as_deref()
                .is_some_and(|t| is_definite_of(who, t))
        })
        .collect();
    if by_title.len() == 1 {
        return Some(by_title[0].key.clone());
    }
    let head = who.split(',').next().unwrap_or(who);
    let short: Vec<&Entity> = people()
        .filter(|e| {
            e.given_name
                .iter()
                .chain(e.family_name.iter())
                .any(|n| contains_words(head, n))
        })
        .collect();
    if short.len() == 1 {
        return Some(short[0].key.clone());
    }
    entities
        .values()
        .filter(|e| e.kind == EntityKind::Organization && contains_words(who, &e.name))
        .max_by_key(|e| e.name.len())
        .map(|e| e.key.clone())
}

/// "stadsbyggnadsdirektören" is the definite form of the title "stadsbyggnadsdirektör".
fn is_definite_of(who: &str, title: &str) -> bool {
    definite_forms(title).contains(&who.trim().to_lowercase())
}

/// The definite forms of a title's head, in lowercase ("direktören", "direktörn", "the direktör"): its
/// last word before a preposition ("enhetschef för fritidsverksamheten" → "enhetschefen").
fn definite_forms(title: &str) -> [String; 3] {
    let title = title.to_lowercase();
    let head = [" för ", " på ", " i ", " vid ", " of ", " at ", " for "]
        .iter()
        .filter_map(|p| title.find(p))
        .min()
        .map_or(title.as_str(), |i| &title[..i]);
    let last = head.rsplit(' ').next().unwrap_or(head);
    [
        format!("{last}en"),
        format!("{last}n"),
        format!("the {last}"),
    ]
}

/// Whether `name` occurs in `text` as whole words (also in the genitive).
fn contains_words(text: &str, name: &str) -> bool {
    memchr::memmem::find_iter(text.as_bytes(), name.as_bytes())
        .any(|i| words_at(text, i, name.len()))
}

/// Whether the `len` bytes of a name found at `i` in `text` stand as whole words (also in the genitive).
fn words_at(text: &str, i: usize, len: usize) -> bool {
    let end = i + len;
    let end = if text[end..].starts_with('s') {
        end + 1
    } else {
        end
    };
    super::gazetteer::is_word_boundary(text, i, end)
        || super::gazetteer::is_word_boundary(text, i, i + len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entity(kind: EntityKind, name: &str, title: Option<&str>) -> Entity {
        let (given_name, family_name) = match kind {
            EntityKind::Person => super::super::people::split_name(name),
            _ => (None, None),
        };
        Entity {
            key: super::super::entity_key(kind, name),
            iri: String::new(),
            kind,
            schema_type: String::new(),
            name: name.into(),
            given_name,
            family_name,
            job_title: title.map(str::to_owned),
            works_for: None,
            same_as: Vec::new(),
            geo: None,
            about: false,
            mentions: Vec::new(),
        }
    }

    /// Pronouns are written as short lowercase words and found in any case; other words are not.
    #[test]
    fn pronouns_are_short_lowercase_ascii_and_found_in_any_case() {
        for p in PRONOUNS.iter() {
            assert!(
                p.len() <= 4 && p.bytes().all(|b| b.is_ascii_lowercase()),
                "{p}"
            );
            assert!(is_pronoun(p) && is_pronoun(&p.to_uppercase()), "{p}");
            assert!(is_pronoun(&format!("{} said", capitalized(p))), "{p}");
        }
        for other in ["Hans", "Heo", "", "Åsa", "HÖN", "theyre", "Ms Lind"] {
            assert!(!is_pronoun(other), "{other}");
        }
    }

    fn capitalized(w: &str) -> String {
        w[..1].to_uppercase() + &w[1..]
    }

    /// The paragraph before the one holding a byte, found by `memmem` as `str::rfind` found it.
    #[test]
    fn paragraph_before_is_the_one_before_the_blank_line() {
        let body = "One.\n\nTwo two.\n\nThree.\nStill three.\n\n\nFour.";
        let three = body.find("Three").unwrap();
        assert_eq!(
            &body[paragraph_before(body, three).0..paragraph_before(body, three).1],
            "Two two."
        );
        let two = body.find("Two").unwrap();
        assert_eq!(paragraph_before(body, two), (0, body.find("\n\n").unwrap()));
        assert_eq!(paragraph_before(body, 2), (0, 0));
        for at in 0..=body.len() {
            let own = body[..at].rfind("\n\n").unwrap_or(0);
            let from = body[..own].rfind("\n\n").map_or(0, |i| i + 2);
            assert_eq!(paragraph_before(body, at), (from, own), "{at}");
        }
    }

    #[test]
    fn the_name_index_answers_as_the_scan_does() {
        let given = ["Anna", "Ann", "Bo", "Eva", "Karin"];
        let family = ["Lind", "Lindqvist", "Berg", "Ek"];
        let titles = [
            "kulturchef",
            "head of housing",
            "stadsbyggnadsdirektör",
            "chef",
        ];
        let mut entities: BTreeMap<Key, Entity> = BTreeMap::new();
        let mut add = |e: Entity| {
            entities.insert(Key::from(e.key.as_str()), e);
        };
        for i in 0..400 {
            let family = format!("{}{}", family[i % 4], ["", "s", "a", "-Ek"][i / 4 % 4]);
            let name = format!("{} {family}", given[i % 5]);
            add(entity(
                EntityKind::Person,
                &name,
                (i % 3 == 0).then_some(titles[i % 4]),
            ));
        }
        for name in [
            "Leeds City Council",
            "Göteborgs Stad",
            "Simklubben Elfsborg",
            "Council",
            "Stad",
        ] {
            add(entity(EntityKind::Organization, name, None));
        }
        let index = NameIndex::new(&entities);
        let mut attributions: Vec<String> = Vec::new();
        for e in entities.values().step_by(3) {
            attributions.push(e.name.clone());
            attributions.push(format!("{}s", e.name));
            attributions.push(format!("Sentencing him, Judge {}, head of x", e.name));
            attributions.extend(e.given_name.iter().chain(e.family_name.iter()).cloned());
        }
        for extra in [
            "kulturchefen",
            "chefen",
            "the chef",
            "stadsbyggnadsdirektören",
            "Anna",
            "Lindqvist",
            "a spokesperson for Leeds City Council",
            "Göteborgs Stads pressekreterare",
            "Nobody Known",
            "",
            "AnnaLind",
            "Bo Lindqvists, Eva",
        ] {
            attributions.push(extra.to_owned());
        }
        let mut named_some = 0;
        for who in &attributions {
            let scan = named(who, &entities);
            named_some += usize::from(scan.is_some());
            assert_eq!(index.named(who), scan, "{who:?}");
        }
        assert!(named_some > attributions.len() / 2);
    }
}
