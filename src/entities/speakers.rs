//! Quote speakers: the attribution's name, a pronoun's antecedent, or the person the surrounding
//! paragraphs speak about. When nothing says who spoke, the quote keeps no speaker rather than a guess.

use std::collections::BTreeMap;

use super::lexicon::PRONOUNS;
use super::text::CharOffsets;
use super::{Key, Mention};
use crate::model::{Entity, EntityKind, Quote, TextPart};
use crate::quotes::Found;

/// Quotes with their speakers resolved.
pub fn resolve(
    texts: &[(TextPart, String)],
    found: &[Found],
    entities: &BTreeMap<Key, Entity>,
    mentions: &[Mention],
) -> Vec<Quote> {
    let body = &texts
        .iter()
        .find(|(p, _)| *p == TextPart::Body)
        .expect("body")
        .1;
    // The people and organizations the body names, by char offset: one pass, one index of the body.
    let offsets = CharOffsets::new(body);
    let mut people: Vec<(usize, &str)> = Vec::new();
    let mut orgs: Vec<(usize, &str)> = Vec::new();
    for m in mentions.iter().filter(|m| m.part == TextPart::Body) {
        let list = match entities.get(&m.key).map(|e| e.kind) {
            Some(EntityKind::Person) => &mut people,
            Some(EntityKind::Organization) => &mut orgs,
            _ => continue,
        };
        list.push((offsets.get(m.bytes.0), &*m.key));
    }
    people.sort();
    orgs.sort();
    let caption_person = mentions
        .iter()
        .filter(|m| m.part == TextPart::Caption)
        .find(|m| {
            entities
                .get(&m.key)
                .is_some_and(|e| e.kind == EntityKind::Person)
        })
        .map(|m| m.key.to_string());
    let mut out: Vec<Quote> = Vec::new();
    let mut previous: Option<(usize, Option<String>)> = None;
    for f in found {
        let last_person = people
            .iter()
            .filter(|(at, _)| *at < f.quote.span.start)
            .map(|(_, k)| k.to_string())
            .next_back();
        let speaker = match &f.attribution {
            Some(who) if is_pronoun(who) => {
                last_person.or_else(|| previous.as_ref().and_then(|p| p.1.clone()))
            }
            Some(who) => named(who, entities)
                .or_else(|| spokesperson_org(who, f.quote.span.start, &orgs, entities)),
            None => match &previous {
                Some((para, speaker)) if *para + 1 == f.paragraph && speaker.is_some() => {
                    speaker.clone()
                }
                _ => last_person.or_else(|| caption_person.clone()),
            },
        };
        previous = Some((f.paragraph, speaker.clone()));
        out.push(Quote {
            speaker,
            ..f.quote.clone()
        });
    }
    out
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

/// "A spokesperson said", "skriver klubben", "the trust said": the organization named last before the
/// quote, when the attribution is its spokesperson or the organization's own noun in definite form
/// ("klubben" for "Simklubben Elfsborg", "the council" for "Kirklees Council").
fn spokesperson_org(
    who: &str,
    at: usize,
    orgs: &[(usize, &str)],
    entities: &BTreeMap<Key, Entity>,
) -> Option<String> {
    let lower = who.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let spokesperson = words.iter().any(|w| SPOKESPEOPLE.contains(w));
    // The organization's own head noun: "klubben", "föreningen", "the council", "the trust".
    let noun = match words.as_slice() {
        ["the", noun, ..] => Some(noun.to_string()),
        [noun, ..] if noun.ends_with("en") || noun.ends_with("et") => Some(noun.to_string()),
        _ => None,
    };
    orgs.iter()
        .rev()
        .filter(|(start, _)| *start < at)
        .filter_map(|(_, key)| entities.get(*key))
        .find(|e| {
            spokesperson
                || noun.as_deref().is_some_and(|n| {
                    let name = e.name.to_lowercase();
                    n.chars().count() >= 5 && name.contains(n.trim_start_matches("the "))
                })
        })
        .map(|e| e.key.clone())
}

fn is_pronoun(who: &str) -> bool {
    let first = who.split_whitespace().next().unwrap_or("").to_lowercase();
    PRONOUNS.contains(first.as_str())
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
    let who = who.trim().to_lowercase();
    let title = title.to_lowercase();
    let last = title.rsplit(' ').next().unwrap_or(&title);
    [
        format!("{last}en"),
        format!("{last}n"),
        format!("the {last}"),
    ]
    .contains(&who)
}

/// Whether `name` occurs in `text` as whole words (also in the genitive).
fn contains_words(text: &str, name: &str) -> bool {
    memchr::memmem::find_iter(text.as_bytes(), name.as_bytes()).any(|i| {
        let end = i + name.len();
        let end = if text[end..].starts_with('s') {
            end + 1
        } else {
            end
        };
        super::gazetteer::is_word_boundary(text, i, end)
            || super::gazetteer::is_word_boundary(text, i, i + name.len())
    })
}
