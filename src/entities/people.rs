//! People: short mentions ("Henrik", "Kant"), job titles and employers.

use std::collections::BTreeMap;

use super::gazetteer::is_word_boundary;
use super::lexicon::{
    is_title_word, title_base_form, EMPLOYER_PREPOSITIONS, SV_ORG_ENDINGS_ANY_CASE, TITLE_MODIFIERS,
};
use super::rules::{capitalize, decapitalize, org_type};
use super::{Key, Mention};
use crate::ids::Base;
use crate::model::{Entity, EntityKind, TextPart};

/// Given and family name: the first word, and the rest.
pub fn split_name(name: &str) -> (Option<String>, Option<String>) {
    match name.split_once(' ') {
        Some((g, f)) => (Some(g.to_owned()), Some(f.to_owned())),
        None => (None, None),
    }
}

/// Adds mentions by given name or family name alone (and their genitives), where exactly one person in
/// the article has that name and no other mention covers the place.
pub fn short_mentions(
    texts: &[(TextPart, String)],
    entities: &BTreeMap<Key, Entity>,
    mentions: &mut Vec<Mention>,
) {
    // Ordered, so that which of two overlapping short forms wins never depends on a hash seed.
    let mut owners: BTreeMap<&str, Vec<&Key>> = BTreeMap::new();
    for (key, e) in entities
        .iter()
        .filter(|(_, e)| e.kind == EntityKind::Person)
    {
        for short in e.given_name.iter().chain(e.family_name.iter()) {
            owners.entry(short.as_str()).or_default().push(key);
        }
    }
    let mut added = Vec::new();
    for (short, keys) in owners.iter().filter(|(_, k)| k.len() == 1) {
        // One search finds both the short form and its genitive ("Kant", "Kants"). `memmem` finds the
        // same non-overlapping matches as `str::match_indices`, with SIMD; its searcher is built once for
        // all the texts.
        let finder = memchr::memmem::Finder::new(short.as_bytes());
        for (part, text) in texts {
            for start in finder.find_iter(text.as_bytes()) {
                let end = start + short.len();
                let end = if is_word_boundary(text, start, end) {
                    end
                } else if text[end..].starts_with('s') && is_word_boundary(text, start, end + 1) {
                    end + 1
                } else {
                    continue;
                };
                let covered = mentions
                    .iter()
                    .chain(added.iter())
                    .any(|m: &Mention| m.part == *part && start < m.bytes.1 && m.bytes.0 < end);
                if !covered {
                    added.push(Mention {
                        part: *part,
                        bytes: (start, end),
                        key: Key::clone(keys[0]),
                        full: false,
                    });
                }
            }
        }
    }
    mentions.extend(added);
}

/// Sets each person's job title and employer from the first mention that gives them:
/// "Name, title i/på/at Org", then "title Name".
pub fn titles_and_employers(
    texts: &[(TextPart, String)],
    entities: &mut BTreeMap<Key, Entity>,
    mentions: &mut Vec<Mention>,
    run_titles: &[(Key, String)],
    base: &Base,
    municipality: Option<&str>,
) {
    let mut ordered: Vec<Mention> = mentions.iter().filter(|m| m.full).cloned().collect();
    ordered.sort_by_key(|m| (m.part, m.bytes.0));
    for m in &ordered {
        if entities
            .get(&m.key)
            .is_none_or(|e| e.kind != EntityKind::Person || e.job_title.is_some())
        {
            continue;
        }
        let text = &texts.iter().find(|(p, _)| *p == m.part).expect("part").1;
        if let Some((title, employer)) = title_after(&text[m.bytes.1..]) {
            let org = employer.and_then(|(s, e)| {
                employer_key(
                    text,
                    m.part,
                    (m.bytes.1 + s, m.bytes.1 + e),
                    entities,
                    mentions,
                    base,
                    municipality,
                )
            });
            let person = entities.get_mut(&m.key).expect("checked");
            person.job_title = Some(title);
            person.works_for = org;
        } else if let Some((title, org_end)) = genitive_title(&text[..m.bytes.0]) {
            let org = mentions
                .iter()
                .find(|o| o.part == m.part && o.bytes.1 == org_end)
                .and_then(|o| entities.get(&o.key))
                .filter(|e| e.kind == EntityKind::Organization)
                .map(|e| e.key.clone());
            let person = entities.get_mut(&m.key).expect("checked");
            person.job_title = Some(title);
            person.works_for = org;
        } else if let Some(title) = title_before(&text[..m.bytes.0]) {
            entities.get_mut(&m.key).expect("checked").job_title = Some(title);
        }
    }
    for (key, title) in run_titles {
        if let Some(e) = entities.get_mut(key) {
            e.job_title.get_or_insert_with(|| title.clone());
        }
    }
}

/// ", head of housing at Leeds City Council." → ("head of housing", byte range of "Leeds City Council").
fn title_after(after: &str) -> Option<(String, Option<(usize, usize)>)> {
    // "Axel Josefson (M), kommunstyrelsens ordförande": a party in parentheses stands between.
    let party = party_len(after);
    let (t, e) = title_after_name(&after[party..])?;
    Some((t, e.map(|(s, e)| (s + party, e + party))))
}

/// Length of " (M)" / " (KD)" / " (Lab)" right after a name, else 0.
fn party_len(after: &str) -> usize {
    let Some(inner) = after.strip_prefix(" (") else {
        return 0;
    };
    match inner.find(')') {
        Some(end) if (1..=4).contains(&end) && inner[..end].chars().all(char::is_alphabetic) => {
            end + 3
        }
        _ => 0,
    }
}

fn title_after_name(after: &str) -> Option<(String, Option<(usize, usize)>)> {
    let lead = [
        ", a ", ", an ", ", en ", ", ett ", ", ", " är ", " is ", " was ", " var ",
    ]
    .iter()
    .find(|l| after.starts_with(*l))?;
    let skip = lead.len() - 2;
    let (t, e) = title_phrase(&after[skip..])?;
    Some((t, e.map(|(s, e)| (s + skip, e + skip))))
}

/// The title phrase after `, ` (offsets count from the comma).
fn title_phrase(after: &str) -> Option<(String, Option<(usize, usize)>)> {
    let (skip, capitalized) = title_start(after.get(2..)?)?;
    let (t, e) = title_phrase_at(&after[skip..], capitalized)?;
    let t = if capitalized { t.to_lowercase() } else { t };
    Some((t, e.map(|(s, e)| (s + skip, e + skip))))
}

/// Where the title starts in the text after a name's comma, and whether it is written with capitals:
/// "head of ..." at once; "Cabinet Member for ..." and "HR-chef på ..." (a capitalized title word
/// first); "Labour councillor for ..." and "the council's cabinet member ..." after the words that
/// qualify it (a capitalized adjective, an owner).
fn title_start(rest: &str) -> Option<(usize, bool)> {
    let first = rest.split(' ').next()?;
    if first.starts_with(char::is_lowercase) {
        // "the council's cabinet member for ...": the owner is not part of the title.
        let owner = ["the ", "its ", "their "]
            .iter()
            .find_map(|a| rest.strip_prefix(a))
            .and_then(|r| {
                let w = r.split(' ').next()?;
                (w.ends_with("'s") || w.ends_with("’s")).then(|| rest.len() - r.len() + w.len() + 1)
            });
        return Some((owner.unwrap_or(0), false));
    }
    if is_title_word(first) {
        return Some((0, true));
    }
    // Up to two capitalized words before a lowercase title word ("Labour councillor", "Lib Dem leader").
    let mut offset = 0;
    for (i, w) in rest.split(' ').take(3).enumerate() {
        if w.starts_with(char::is_lowercase) {
            return (i > 0 && is_title_word(w)).then_some((offset, false));
        }
        if !w.chars().all(|c| c.is_alphabetic() || c == '-') {
            return None;
        }
        offset += w.len() + 1;
    }
    None
}

/// The title phrase after `, ` that starts with it (offsets count from the comma).
///
/// `title_case`: the title is written with capitals ("Cabinet Member for Environment"), so a capital
/// after "for" or "of" is its portfolio, not an employer.
fn title_phrase_at(after: &str, title_case: bool) -> Option<(String, Option<(usize, usize)>)> {
    let rest = after.get(2..)?;
    let stop = rest
        .find([
            ',', '.', ';', ':', '(', ')', '–', '—', '‒', '−', '\n', '"', '”',
        ])
        .unwrap_or(rest.len());
    let mut phrase = &rest[..stop];
    for conj in [
        " och ", " and ", " som ", " who ", " which ", " says", " said", " säger",
    ] {
        // "idrotts- och föreningsförvaltningen" is one compound, not two phrases; "cabinet member for
        // culture and leisure" is one portfolio (a few lowercase words after "and" end the phrase).
        let portfolio = |i: usize| {
            let tail = &phrase[i + conj.len()..];
            conj == " and "
                && [" for ", " of "].iter().any(|p| phrase[..i].contains(p))
                && tail.split(' ').count() <= 3
                && !tail.contains(char::is_uppercase)
                && !tail.split(' ').any(is_title_word)
        };
        let hit = phrase
            .match_indices(conj)
            .find(|(i, _)| !phrase[..*i].ends_with('-') && !portfolio(*i));
        if let Some((i, _)) = hit {
            phrase = &phrase[..i];
        }
    }
    let words: Vec<&str> = phrase.split(' ').collect();
    let mut title_end = phrase.len();
    let mut employer = None;
    let mut offset = 0;
    for (i, w) in words.iter().enumerate() {
        // "councillor for Brinnington", "member for Leeds Central": the place they represent.
        let portfolio = i > 0
            && matches!(*w, "for" | "of")
            && (title_case
                || matches!(
                    words[i - 1],
                    "councillor" | "councilor" | "member" | "mp" | "msp" | "ms" | "mep"
                ));
        if i > 0 && EMPLOYER_PREPOSITIONS.contains(w) && !portfolio {
            let org_start = offset + w.len() + 1;
            let mut next = phrase.get(org_start..).unwrap_or("");
            let mut org_start = org_start;
            if let Some(rest) = next.strip_prefix("the ") {
                next = rest;
                org_start += 4;
            }
            let lower_org = next.split(' ').next().is_some_and(is_lowercase_org)
                || (next.contains("- och ")
                    && next.split(' ').next_back().is_some_and(is_lowercase_org));
            if next.chars().next().is_some_and(char::is_uppercase) || lower_org {
                title_end = offset.saturating_sub(1);
                employer = Some((2 + org_start, 2 + phrase.len()));
                break;
            }
        }
        offset += w.len() + 1;
    }
    let title = phrase[..title_end.min(phrase.len())].trim();
    let head: Vec<&str> = title.split(' ').take(4).collect();
    (!title.is_empty() && head.iter().any(|w| is_title_word(w)) && title.split(' ').count() <= 8)
        .then(|| (title.to_owned(), employer))
}

/// "Leeds City Council's head of housing, " (or without the comma) before a name: the title and the byte
/// where the organization's name ends.
fn genitive_title(before: &str) -> Option<(String, usize)> {
    let window_start = before.len().saturating_sub(100);
    let window_start = (window_start..before.len()).find(|i| before.is_char_boundary(*i))?;
    let window = &before[window_start..];
    let (pos, mark) = ["'s ", "’s "]
        .iter()
        .filter_map(|m| window.rfind(m).map(|p| (p, *m)))
        .max_by_key(|(p, _)| *p)?;
    let phrase = window[pos + mark.len()..]
        .trim_end()
        .trim_end_matches(',')
        .trim();
    let words: Vec<&str> = phrase.split(' ').collect();
    let lowercase = phrase.chars().next().is_some_and(char::is_lowercase);
    let ok = lowercase
        && words.len() <= 7
        && words.iter().take(4).any(|w| is_title_word(w))
        && !phrase.contains(['.', ';', ':', '"', '”']);
    ok.then(|| (phrase.to_owned(), window_start + pos))
}

/// "… stadsbyggnadsdirektör " before a name → "stadsbyggnadsdirektör" (with a modifier before it).
fn title_before(before: &str) -> Option<String> {
    let trimmed = before.strip_suffix(' ')?;
    let word_start = trimmed.rfind(' ').map_or(0, |i| i + 1);
    let word = &trimmed[word_start..];
    if word.is_empty()
        || !is_title_word(word)
        || word.chars().any(|c| !c.is_alphabetic() && c != '-')
    {
        return None;
    }
    let prev = trimmed[..word_start].trim_end();
    let modifier = prev
        .rsplit(' ')
        .next()
        .filter(|m| TITLE_MODIFIERS.contains(m.to_lowercase().as_str()));
    let word = title_base_form(word);
    Some(match modifier {
        Some(m) => decapitalize(&format!("{m} {word}")),
        None => word,
    })
}

fn is_lowercase_org(word: &str) -> bool {
    let w = word.trim_end_matches(|c: char| !c.is_alphabetic());
    w.chars().next().is_some_and(char::is_lowercase)
        && SV_ORG_ENDINGS_ANY_CASE
            .endings(w)
            .any(|e| w.len() >= e.len() + 3)
}

/// The organization at the employer position: an existing mention there (if it is an organization), else
/// a new organization named by the capitalized words found there.
fn employer_key(
    text: &str,
    part: TextPart,
    (start, end): (usize, usize),
    entities: &mut BTreeMap<Key, Entity>,
    mentions: &mut Vec<Mention>,
    base: &Base,
    municipality: Option<&str>,
) -> Option<String> {
    if let Some(m) = mentions
        .iter()
        .find(|m| m.part == part && m.bytes.0 == start)
    {
        return entities
            .get(&m.key)
            .filter(|e| e.kind == EntityKind::Organization)
            .map(|e| e.key.clone());
    }
    if mentions
        .iter()
        .any(|m| m.part == part && m.bytes.0 < end && start < m.bytes.1)
    {
        return None;
    }
    let raw = text[start..end].trim();
    let name = capitalize(raw);
    if name.split(' ').count() > 6 || name.is_empty() {
        return None;
    }
    let key = super::org_key(&name, municipality);
    entities.entry(Key::clone(&key)).or_insert_with(|| Entity {
        key: key.to_string(),
        iri: base.entity(&key),
        kind: EntityKind::Organization,
        schema_type: org_type(&name).to_owned(),
        name: name.clone(),
        given_name: None,
        family_name: None,
        job_title: None,
        works_for: None,
        same_as: Vec::new(),
        geo: None,
        about: false,
        mentions: Vec::new(),
    });
    mentions.push(Mention {
        part,
        bytes: (start, start + raw.len()),
        key: Key::clone(&key),
        full: true,
    });
    Some(key.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_and_employers_are_read_after_names() {
        let (t, e) = title_after(", head of housing at Leeds City Council, said").unwrap();
        assert_eq!(t, "head of housing");
        let (s, end) = e.unwrap();
        assert_eq!(
            &", head of housing at Leeds City Council, said"[s..end],
            "Leeds City Council"
        );
        let (t, e) = title_after(", stadsbyggnadsdirektör i Göteborgs Stad.").unwrap();
        assert_eq!(t, "stadsbyggnadsdirektör");
        assert!(e.is_some());
        let (t, e) = title_after(", projektchef på trafikkontoret.").unwrap();
        assert_eq!((t.as_str(), e.is_some()), ("projektchef", true));
        assert!(title_after(", som bor i Angered").is_none());
        let party = " (M), kommunstyrelsens ordförande i Ale kommun.";
        let (t, e) = title_after(party).unwrap();
        assert_eq!(t, "kommunstyrelsens ordförande");
        let (s, end) = e.unwrap();
        assert_eq!(&party[s..end], "Ale kommun");
        assert!(title_after(", 45, ").is_none());
    }

    #[test]
    fn titles_are_read_before_names() {
        assert_eq!(
            title_before("är stadsbyggnadsdirektör ").as_deref(),
            Some("stadsbyggnadsdirektör")
        );
        assert_eq!(
            title_before("Local councillor ").as_deref(),
            Some("local councillor")
        );
        assert_eq!(title_before("berättar ").as_deref(), None);
    }
}
