//! People: short mentions ("Henrik", "Kant"), job titles and employers.

use std::collections::BTreeMap;

use super::gazetteer::is_word_boundary;
use super::lexicon::{
    generic_body, is_swedish_body_word, is_title_word, sv_title_base, title_base_form,
    EMPLOYER_PREPOSITIONS, HONORIFICS, TITLE_MODIFIERS,
};
use super::rules::{capitalize, decapitalize, org_type};
use super::{Key, Mention, Spans};
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
///
/// Every short name is found in one pass of one automaton over each text (a search per name made an
/// article naming many people quadratic); the hits are then taken in the order a search per name would
/// take them (by name, then text, then place), so which of two overlapping short forms wins is the same.
/// Each given and family name of the article's people with the people who bear it; ordered, so that
/// which of two overlapping short forms wins never depends on a hash seed.
fn short_name_owners(entities: &BTreeMap<Key, Entity>) -> BTreeMap<&str, Vec<&Key>> {
    let mut owners: BTreeMap<&str, Vec<&Key>> = BTreeMap::new();
    for (key, e) in entities
        .iter()
        .filter(|(_, e)| e.kind == EntityKind::Person)
    {
        for short in e.given_name.iter().chain(e.family_name.iter()) {
            owners.entry(short.as_str()).or_default().push(key);
        }
    }
    owners
}

pub fn short_mentions(
    texts: &[(TextPart, String)],
    entities: &BTreeMap<Key, Entity>,
    mentions: &mut Vec<Mention>,
) {
    let owners = short_name_owners(entities);
    // Names are never empty (they are words of the text); an empty one would match everywhere.
    let unique: Vec<(&str, &Key)> = owners
        .iter()
        .filter(|(short, k)| k.len() == 1 && !short.is_empty())
        .map(|(short, k)| (*short, k[0]))
        .collect();
    if unique.is_empty() {
        return;
    }
    let mut covered: Vec<Spans> = texts
        .iter()
        .map(|(part, text)| {
            let mut spans = Spans::for_len(text.len());
            for m in mentions.iter().filter(|m| m.part == *part) {
                let held = spans.insert(m.bytes.0, m.bytes.1);
                debug_assert!(held, "mentions of one part do not overlap");
            }
            spans
        })
        .collect();
    let mut added = Vec::new();
    for (name, text_index, start) in short_form_hits(texts, &unique) {
        let (short, key) = unique[name];
        let (part, text) = &texts[text_index];
        let end = start + short.len();
        let end = if is_word_boundary(text, start, end) {
            end
        } else if text[end..].starts_with('s') && is_word_boundary(text, start, end + 1) {
            end + 1
        } else {
            continue;
        };
        if covered[text_index].insert(start, end) {
            added.push(Mention {
                part: *part,
                bytes: (start, end),
                key: Key::clone(key),
                full: false,
            });
        }
    }
    mentions.extend(added);
}

/// Where each short name occurs in each text, as a search per name and text finds it (`memmem`'s
/// matches, which do not overlap one another), ordered by name, text and place.
fn short_form_hits(
    texts: &[(TextPart, String)],
    unique: &[(&str, &Key)],
) -> Vec<(usize, usize, usize)> {
    if unique.len() <= FEW_NAMES {
        hits_by_name(texts, unique)
    } else {
        hits_by_automaton(texts, unique)
    }
}

/// [`short_form_hits`] for many names: every name found in one pass of one automaton over each text.
fn hits_by_automaton(
    texts: &[(TextPart, String)],
    unique: &[(&str, &Key)],
) -> Vec<(usize, usize, usize)> {
    let automaton = aho_corasick::AhoCorasick::new(unique.iter().map(|(short, _)| short))
        .expect("short names make an automaton");
    let mut hits = Vec::new();
    // Per name, where its last match taken in this text ends: a search per name goes on from there.
    let mut next_free = vec![0usize; unique.len()];
    for (text_index, (_, text)) in texts.iter().enumerate() {
        next_free.fill(0);
        // Overlapping matches come out in the order they end; for one name, in the order they start.
        for m in automaton.find_overlapping_iter(text.as_str()) {
            let name = m.pattern().as_usize();
            if m.start() >= next_free[name] {
                next_free[name] = m.end();
                hits.push((name, text_index, m.start()));
            }
        }
    }
    hits.sort_unstable();
    hits
}

/// Up to this many short names, a `memmem` search per name beats building an automaton, which costs
/// more than a whole ordinary article's search; past it, the one-pass automaton keeps an article that
/// names hundreds of people linear.
const FEW_NAMES: usize = 24;

/// [`short_form_hits`] for a few names: one search per name and text, already in the hits' order.
fn hits_by_name(
    texts: &[(TextPart, String)],
    unique: &[(&str, &Key)],
) -> Vec<(usize, usize, usize)> {
    let mut hits = Vec::new();
    for (name, (short, _)) in unique.iter().enumerate() {
        let finder = memchr::memmem::Finder::new(short.as_bytes());
        for (text_index, (_, text)) in texts.iter().enumerate() {
            hits.extend(
                finder
                    .find_iter(text.as_bytes())
                    .map(|start| (name, text_index, start)),
            );
        }
    }
    hits
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
    let mut index = MentionIndex::new(mentions);
    for m in &ordered {
        if entities
            .get(&m.key)
            .is_none_or(|e| e.kind != EntityKind::Person || e.job_title.is_some())
        {
            continue;
        }
        let text = &texts.iter().find(|(p, _)| *p == m.part).expect("part").1;
        let (title, org) = if let Some((title, employer)) = title_after(&text[m.bytes.1..]) {
            let range = employer.map(|(s, e)| (m.bytes.1 + s, m.bytes.1 + e));
            (title, range.map(Employer::At))
        } else if let Some((title, org_end)) = genitive_title(&text[..m.bytes.0]) {
            let org = index
                .ending(m.part, org_end)
                .and_then(|i| entities.get(&mentions[i].key))
                .filter(|e| e.kind == EntityKind::Organization)
                .map(|e| e.key.clone());
            (title, org.map(Employer::Known))
        } else if let Some((title, body)) = swedish_genitive_title(&text[..m.bytes.0]) {
            (title, Some(Employer::At(body)))
        } else if let Some((title, body)) = title_then_where(&text[..m.bytes.0]) {
            (title, body.map(Employer::At))
        } else if let Some(title) = title_before(&text[..m.bytes.0]) {
            // "Västra Hisingen stadsdelsnämnds ordförande X": an organization named in the genitive
            // right before the title is the employer.
            let org = owner_end(&text[..m.bytes.0])
                .and_then(|end| index.ending(m.part, end))
                .and_then(|i| entities.get(&mentions[i].key))
                .filter(|e| e.kind == EntityKind::Organization)
                .map(|e| e.key.clone());
            let Some(org) = org else {
                entities.get_mut(&m.key).expect("checked").job_title = Some(title);
                continue;
            };
            (title, Some(Employer::Known(org)))
        } else {
            continue;
        };
        let org = match org {
            Some(Employer::Known(key)) => Some(key),
            Some(Employer::At(range)) => employer_key(
                text,
                m.part,
                range,
                entities,
                (mentions, &mut index),
                base,
                municipality,
            ),
            None => None,
        };
        let person = entities.get_mut(&m.key).expect("checked");
        person.job_title = Some(title);
        person.works_for = org;
    }
    for (key, title) in run_titles {
        if let Some(e) = entities.get_mut(key) {
            e.job_title.get_or_insert_with(|| title.clone());
        }
    }
}

/// A title's employer as the title rules find it: an organization already named there ("Leeds City
/// Council's head of housing"), or the byte range of a name to make one of ("head of housing at X").
enum Employer {
    Known(String),
    At((usize, usize)),
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

/// Bytes after a name that its title phrase is looked for in: a title and an employer take a few dozen;
/// a phrase without punctuation in this many is cut here, so that each mention reads a bounded stretch
/// of the text, not all of it up to its next comma.
const TITLE_PHRASE_BYTES: usize = 1024;

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
    // "Gateshead's cabinet member for resources", "Telford & Wrekin Council's Cabinet Member for
    // Housing": an owner's capitalized name, then the title.
    let mut offset = 0;
    for w in rest.split(' ').take(5) {
        if !(w.starts_with(char::is_uppercase) || w == "&") {
            break;
        }
        offset += w.len() + 1;
        if let Some(base) = w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")) {
            let next = rest[offset..].split(' ').next().unwrap_or("");
            return (!base.is_empty() && is_title_word(next))
                .then(|| (offset, next.starts_with(char::is_uppercase)));
        }
    }
    // Up to two capitalized words before a lowercase title word ("Labour councillor", "Lib Dem leader");
    // a capitalized title after a capitalized qualifier ("Associate Director of ...").
    let mut offset = 0;
    for (i, w) in rest.split(' ').take(3).enumerate() {
        if w.starts_with(char::is_lowercase) {
            return (i > 0 && is_title_word(w)).then_some((offset, false));
        }
        if i > 0 && is_title_word(w) {
            return Some((0, true));
        }
        if !w.chars().all(|c| c.is_alphabetic() || c == '-') {
            return None;
        }
        offset += w.len() + 1;
    }
    None
}

/// Where `conj` (which opens with a space) first occurs in `phrase` at a place `keep` accepts, with the
/// matches `str::match_indices` gives: left to right, none overlapping the one before. `spaces` are the
/// phrase's spaces (or a longer text's, from which `phrase` was cut), found once for every conjunction:
/// a substring search per conjunction built a searcher each time, for every title phrase.
fn first_match(
    phrase: &str,
    spaces: &[usize],
    conj: &str,
    keep: impl Fn(usize) -> bool,
) -> Option<usize> {
    let mut next = 0;
    for &i in spaces.iter().take_while(|&&i| i < phrase.len()) {
        if i >= next && phrase.as_bytes()[i..].starts_with(conj.as_bytes()) {
            if keep(i) {
                return Some(i);
            }
            next = i + conj.len();
        }
    }
    None
}

/// The title phrase after `, ` that starts with it (offsets count from the comma).
///
/// `title_case`: the title is written with capitals ("Cabinet Member for Environment"), so a capital
/// after "for" or "of" is its portfolio, not an employer.
fn title_phrase_at(after: &str, title_case: bool) -> Option<(String, Option<(usize, usize)>)> {
    let rest = after.get(2..)?;
    let rest = &rest[..floor_char_boundary(rest, TITLE_PHRASE_BYTES)];
    let stop = rest
        .find([
            ',', '.', ';', ':', '(', ')', '–', '—', '‒', '−', '\n', '"', '”',
        ])
        .unwrap_or(rest.len());
    // "Cabinet Member for Housing, Enforcement and Transport": a capitalized portfolio listed with commas.
    let listed = if title_case && rest[..stop].contains(" for ") {
        listed_portfolio(&rest[stop..])
    } else {
        0
    };
    let stop = stop + listed;
    let mut phrase = &rest[..stop];
    let spaces: Vec<usize> = memchr::memchr_iter(b' ', phrase.as_bytes()).collect();
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
                && (listed > 0 || !tail.contains(char::is_uppercase))
                && !tail.split(' ').any(is_title_word)
        };
        let hit = first_match(phrase, &spaces, conj, |i| {
            !phrase[..i].ends_with('-') && !portfolio(i)
        });
        if let Some(i) = hit {
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

/// The length of ", Enforcement and Transport" (", X, Y and Z") at the start of `tail`: the rest of a
/// capitalized portfolio listed with commas, each item one to three capitalized words; 0 when `tail`
/// does not go on so up to a comma, a full stop or a colon.
fn listed_portfolio(tail: &str) -> usize {
    let mut at = 0;
    let mut items = 0;
    loop {
        let sep = [", ", " and "]
            .into_iter()
            .find(|s| tail[at..].starts_with(s));
        let Some(sep) = sep else {
            return 0;
        };
        let item_start = at + sep.len();
        let item_len = tail[item_start..]
            .split(' ')
            .take(3)
            .take_while(|w| {
                let w = w.trim_end_matches([',', '.', ':']);
                w.starts_with(char::is_uppercase)
                    && w.chars().all(|c| c.is_alphabetic() || c == '-')
            })
            .map(|w| w.trim_end_matches([',', '.', ':']).len() + 1)
            .sum::<usize>();
        if item_len == 0 {
            return 0;
        }
        at = item_start + item_len - 1;
        items += 1;
        if sep == " and " {
            let ends = tail[at..].is_empty() || tail[at..].starts_with([',', '.', ':', '\n']);
            return if ends { at } else { 0 };
        }
        if items > 4 {
            return 0;
        }
    }
}

/// "Leeds City Council's head of housing, " (or without the comma) before a name: the title and the byte
/// where the organization's name ends.
fn genitive_title(before: &str) -> Option<(String, usize)> {
    // "Oldham Council's cabinet member for health, Cllr Bernadette Lowe": an honorific stands between.
    let before = match before.strip_suffix(' ').map(|b| b.rsplit_once(' ')) {
        Some(Some((head, word))) if HONORIFICS.contains(word) => &before[..head.len() + 1],
        _ => before,
    };
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

/// "Kommunstyrelsens ordförande ", "grundskolenämndens förste vice ordförande " or "Idrotts- och
/// föreningsnämndens ordförande " before a name: a Swedish body in the genitive, then a title of up to three lowercase words. Gives the title and the byte range
/// of the body's name without its genitive "s", which is the person's employer.
fn swedish_genitive_title(before: &str) -> Option<(String, (usize, usize))> {
    let trimmed = before.strip_suffix(' ')?;
    // The last four words of the line, nearest the name first, with the byte where each starts.
    let mut words: Vec<(usize, &str)> = Vec::with_capacity(4);
    let mut end = trimmed.len();
    while words.len() < 6 {
        // Words end at any white space: a body at the end of the previous paragraph is not the owner.
        let start = trimmed[..end].rfind(char::is_whitespace).map_or(0, |i| {
            i + trimmed[i..].chars().next().map_or(1, char::len_utf8)
        });
        words.push((start, &trimmed[start..end]));
        match trimmed[..start].char_indices().next_back() {
            Some((i, ' ')) => end = i,
            _ => break,
        }
    }
    let lowercase_word = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_lowercase() || c == '-');
    (1..words.len().min(4)).find_map(|n| {
        let (title_words, (owner_start, owner)) = (&words[..n], words[n]);
        if !title_words.iter().all(|(_, w)| lowercase_word(w))
            || !title_words.iter().any(|(_, w)| is_title_word(w))
        {
            return None;
        }
        let body = owner
            .strip_suffix('s')
            .filter(|b| b.chars().all(|c| c.is_alphabetic() || c == '-'))?;
        let capitalized = body.starts_with(char::is_uppercase);
        is_swedish_body_word(&super::rules::lowercase(body), capitalized).then(|| {
            let title = &trimmed[title_words[n - 1].0..];
            let title = if n == 1 {
                title_base_form(title)
            } else {
                title.to_owned()
            };
            // "Idrotts- och föreningsnämndens": the compound's first part belongs to the body's name.
            let start = match (words.get(n + 1), words.get(n + 2)) {
                (Some((_, "och")), Some((first, part))) if part.ends_with('-') => {
                    // "äldre samt vård- och omsorgsnämndens": a word joined by "samt" too.
                    match (words.get(n + 3), words.get(n + 4)) {
                        (Some((_, "samt")), Some((word, _))) => *word,
                        _ => *first,
                    }
                }
                _ => owner_start,
            };
            (title, (start, owner_start + body.len()))
        })
    })
}

/// "Familjebostäders fastighetschef i Söderort, ", "Ordföranden i kollektivtrafiknämnden, " before a
/// name: a title, where it serves (a preposition and up to three words), and a comma. Gives the title in
/// its base form and the byte range of its body: the place when that is one ("i kollektivtrafiknämnden"),
/// else a body in the genitive before the title ("Familjebostäders").
fn title_then_where(before: &str) -> Option<(String, Option<(usize, usize)>)> {
    let trimmed = before.strip_suffix(", ")?;
    // Up to six words back, nearest the name first, with the byte where each starts; a clause ends them.
    let mut words: Vec<(usize, &str)> = Vec::with_capacity(6);
    let mut end = trimmed.len();
    while words.len() < 6 {
        let start = trimmed[..end].rfind(' ').map_or(0, |i| i + 1);
        let word = &trimmed[start..end];
        if word.is_empty() || word.contains(|c: char| !c.is_alphabetic() && c != '-') {
            break;
        }
        words.push((start, word));
        match start.checked_sub(1) {
            Some(i) if trimmed.as_bytes()[i] == b' ' => end = i,
            _ => break,
        }
    }
    let (at, title) = (2..words.len().min(5)).find_map(|t| {
        let preposition = ["i", "på", "för", "vid", "hos", "inom"].contains(&words[t - 1].1);
        let title = words[t].1;
        (preposition && sv_title_base(&super::rules::lowercase(title)).is_some())
            .then(|| (t, title_base_form(title)))
    })?;
    let (place_start, place) = (words[at - 2].0, trimmed.len());
    let body = if at == 2 && is_lowercase_org(&trimmed[place_start..place]) {
        Some((place_start, place))
    } else {
        words.get(at + 1).and_then(|&(start, owner)| {
            let body = owner.strip_suffix('s')?;
            is_swedish_body_word(&super::rules::lowercase(body), true)
                .then_some((start, start + body.len()))
        })
    };
    Some((title, body))
}

/// Where the name in the genitive before a one-word title ends, without its "s": the byte of the "s"
/// in "stadsdelsnämnds ordförande ".
fn owner_end(before: &str) -> Option<usize> {
    let trimmed = before.strip_suffix(' ')?;
    let title_start = trimmed.rfind(' ')?;
    let owner = trimmed[..title_start].strip_suffix('s')?;
    owner.ends_with(char::is_alphabetic).then_some(owner.len())
}

/// "… stadsbyggnadsdirektör " before a name → "stadsbyggnadsdirektör" (with a modifier before it).
fn title_before(before: &str) -> Option<String> {
    let trimmed = before.strip_suffix(' ')?;
    // "Its founder, Darren Mills": a title after an owner's pronoun or article, then a comma.
    if let Some(clause) = trimmed.strip_suffix(',') {
        let start = clause.rfind(' ').map_or(0, |i| i + 1);
        let word = &clause[start..];
        let owner = clause[..start]
            .trim_end()
            .rsplit(char::is_whitespace)
            .next()?;
        return (is_title_word(word)
            && word.chars().all(char::is_lowercase)
            && matches!(owner, "Its" | "its" | "Their" | "their" | "The" | "the"))
        .then(|| title_base_form(word));
    }
    // Any white space ends the word: a paragraph's first name follows a line break ("them.\n\nCouncillor").
    let word_start = trimmed.rfind(char::is_whitespace).map_or(0, |i| {
        i + trimmed[i..].chars().next().map_or(1, char::len_utf8)
    });
    let word = &trimmed[word_start..];
    if word.is_empty()
        || !is_title_word(word)
        || word.chars().any(|c| !c.is_alphabetic() && c != '-')
    {
        return None;
    }
    let prev = trimmed[..word_start].trim_end();
    let modifier = prev
        .rsplit(char::is_whitespace)
        .next()
        .filter(|m| TITLE_MODIFIERS.contains(m.to_lowercase().as_str()));
    let word = title_base_form(word);
    Some(match modifier {
        Some(m) => decapitalize(&format!("{m} {word}")),
        None => word,
    })
}

/// The largest char boundary of `text` at or before `at`.
fn floor_char_boundary(text: &str, at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    (0..=at)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

fn is_lowercase_org(word: &str) -> bool {
    let w = word.trim_end_matches(|c: char| !c.is_alphabetic());
    w.chars().next().is_some_and(char::is_lowercase) && is_swedish_body_word(w, false)
}

/// The organization at the employer position: an existing mention there (if it is an organization), else
/// a new organization named by the capitalized words found there.
fn employer_key(
    text: &str,
    part: TextPart,
    (start, end): (usize, usize),
    entities: &mut BTreeMap<Key, Entity>,
    (mentions, index): (&mut Vec<Mention>, &mut MentionIndex),
    base: &Base,
    municipality: Option<&str>,
) -> Option<String> {
    if let Some(i) = index.starting(part, start) {
        return entities
            .get(&mentions[i].key)
            .filter(|e| e.kind == EntityKind::Organization)
            .map(|e| e.key.clone());
    }
    if index.overlaps(part, start, end) {
        return None;
    }
    let raw = text[start..end].trim();
    if let Some(stem) = generic_body(&raw.to_lowercase()) {
        return named_body(entities, stem);
    }
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
    let mention = Mention {
        part,
        bytes: (start, start + raw.len()),
        key: Key::clone(&key),
        full: true,
    };
    index.add(mentions.len(), &mention);
    mentions.push(mention);
    Some(key.to_string())
}

/// The one organization of the article whose name holds `stem`: what "ledamot i stadsdelsnämnden" means
/// in an article that names "Rinkeby-Kista stadsdelsnämnd" (nothing when it names none, or several).
fn named_body(entities: &BTreeMap<Key, Entity>, stem: &str) -> Option<String> {
    let mut named = entities
        .values()
        .filter(|e| e.kind == EntityKind::Organization && e.name.to_lowercase().contains(stem));
    match (named.next(), named.next()) {
        (Some(e), None) => Some(e.key.clone()),
        _ => None,
    }
}

/// The mentions of an article by the byte where they start and where they end, and their ranges, for
/// the look-ups the title rules make at each person's mention (a scan of every mention for each made an
/// article naming many people quadratic). Mentions of one part never overlap one another, so a start
/// or an end names at most one of them.
struct MentionIndex {
    by_start: rustc_hash::FxHashMap<(TextPart, usize), usize>,
    by_end: rustc_hash::FxHashMap<(TextPart, usize), usize>,
    spans: BTreeMap<TextPart, Spans>,
}

impl MentionIndex {
    fn new(mentions: &[Mention]) -> Self {
        // Each part's bitmap sized once for its last mention, and the maps for all the mentions: grown
        // mention by mention, they were reallocated and rehashed again and again.
        let mut ends: BTreeMap<TextPart, usize> = BTreeMap::new();
        for m in mentions {
            let end = ends.entry(m.part).or_default();
            *end = (*end).max(m.bytes.1);
        }
        let room =
            || rustc_hash::FxHashMap::with_capacity_and_hasher(mentions.len(), <_>::default());
        let mut index = Self {
            by_start: room(),
            by_end: room(),
            spans: ends
                .into_iter()
                .map(|(part, end)| (part, Spans::for_len(end)))
                .collect(),
        };
        for (i, m) in mentions.iter().enumerate() {
            index.add(i, m);
        }
        index
    }

    /// Adds the mention at index `i`; the first one added keeps a start or an end, as a scan in order
    /// finds the first.
    fn add(&mut self, i: usize, m: &Mention) {
        self.by_start.entry((m.part, m.bytes.0)).or_insert(i);
        self.by_end.entry((m.part, m.bytes.1)).or_insert(i);
        let held = self
            .spans
            .entry(m.part)
            .or_default()
            .insert(m.bytes.0, m.bytes.1);
        debug_assert!(held, "mentions of one part do not overlap");
    }

    /// The mention of `part` that starts at `byte`.
    fn starting(&self, part: TextPart, byte: usize) -> Option<usize> {
        self.by_start.get(&(part, byte)).copied()
    }

    /// The mention of `part` that ends at `byte`.
    fn ending(&self, part: TextPart, byte: usize) -> Option<usize> {
        self.by_end.get(&(part, byte)).copied()
    }

    /// Whether a mention of `part` overlaps `start..end`.
    fn overlaps(&self, part: TextPart, start: usize, end: usize) -> bool {
        self.spans
            .get(&part)
            .is_some_and(|s| s.overlaps(start, end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Conjunction matches found from the spaces are those of `match_indices`, whatever a caller
        /// keeps and however the phrase was cut, overlapping candidates ("och och och") included.
        #[test]
        fn first_match_agrees_with_match_indices(
            text in "( och | and |och |and | said| |-|x|ö)*",
            cut in 0usize..40,
            from in 0usize..40,
            hyphens in proptest::bool::ANY,
        ) {
            let spaces: Vec<usize> = memchr::memchr_iter(b' ', text.as_bytes()).collect();
            let cut = super::floor_char_boundary(&text, cut.min(text.len()));
            let phrase = &text[..cut];
            // Keep the matches from a place on (so an overlapping one may follow a match turned away),
            // or those not after a hyphen.
            let keep = |i: usize| if hyphens { !phrase[..i].ends_with('-') } else { i >= from };
            for conj in [" och ", " and ", " said"] {
                let expected = phrase.match_indices(conj).map(|(i, _)| i).find(|&i| keep(i));
                proptest::prop_assert_eq!(first_match(phrase, &spaces, conj, keep), expected);
            }
        }
    }

    /// [`short_mentions`] as it was before its automaton: a search per name, a scan per hit.
    fn short_mentions_by_scan(
        texts: &[(TextPart, String)],
        entities: &BTreeMap<Key, Entity>,
        mentions: &mut Vec<Mention>,
    ) {
        let owners = short_name_owners(entities);
        let mut added = Vec::new();
        for (short, keys) in owners.iter().filter(|(_, k)| k.len() == 1) {
            let finder = memchr::memmem::Finder::new(short.as_bytes());
            for (part, text) in texts {
                for start in finder.find_iter(text.as_bytes()) {
                    let end = start + short.len();
                    let end = if is_word_boundary(text, start, end) {
                        end
                    } else if text[end..].starts_with('s') && is_word_boundary(text, start, end + 1)
                    {
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

    fn person(name: &str) -> Entity {
        let (given_name, family_name) = split_name(name);
        Entity {
            key: format!("person/{name}"),
            iri: String::new(),
            kind: EntityKind::Person,
            schema_type: "Person".into(),
            name: name.into(),
            given_name,
            family_name,
            job_title: None,
            works_for: None,
            same_as: Vec::new(),
            geo: None,
            about: false,
            mentions: Vec::new(),
        }
    }

    /// A long text naming many people in full, by given or family name, in the genitive, and with
    /// names inside others ("Ann" in "Anna", "Lind" in "Lindqvist"), with its full-name mentions.
    /// Texts, entities and full-name mentions.
    type Named = (Vec<(TextPart, String)>, BTreeMap<Key, Entity>, Vec<Mention>);

    fn many_people() -> Named {
        let given = ["Anna", "Ann", "Bo", "Eva", "Ali", "Karin", "Per"];
        let family = ["Lind", "Lindqvist", "Berg", "Ek", "Ekberg", "Holm"];
        let mut entities = BTreeMap::new();
        let mut body = String::new();
        let mut mentions = Vec::new();
        for i in 0..3000 {
            let name = format!(
                "{} {}{}",
                given[i % given.len()],
                family[i % family.len()],
                if i % 5 == 0 {
                    String::new()
                } else {
                    format!("x{}", i / 7)
                }
            );
            let key = Key::from(format!("person/{name}"));
            entities.insert(key.clone(), person(&name));
            let start = body.len();
            body.push_str(&name);
            mentions.push(Mention {
                part: TextPart::Body,
                bytes: (start, body.len()),
                key,
                full: true,
            });
            let (g, f) = name.split_once(' ').unwrap();
            body.push_str(&format!(
                " sa att {g} och {f}s vänner, {g}s och {f} Annas {g}{g} {f}. "
            ));
        }
        let head = "Eva Lind och Anna Berg".to_owned();
        (
            vec![(TextPart::Headline, head), (TextPart::Body, body)],
            entities,
            mentions,
        )
    }

    #[test]
    fn short_mentions_agree_with_a_search_per_name_on_a_long_text() {
        let (texts, entities, mentions) = many_people();
        let (mut fast, mut scan) = (mentions.clone(), mentions);
        short_mentions(&texts, &entities, &mut fast);
        short_mentions_by_scan(&texts, &entities, &mut scan);
        assert!(fast.len() > 3000 + 1000, "{} mentions", fast.len());
        assert_eq!(fast, scan);
    }

    /// The two ways of finding short names give the same hits in the same order, for many names and
    /// for the few of an ordinary article (names inside others, genitives, several texts).
    #[test]
    fn short_name_searches_agree() {
        let (texts, entities, _) = many_people();
        let owners = short_name_owners(&entities);
        let unique: Vec<(&str, &Key)> = owners
            .iter()
            .filter(|(_, k)| k.len() == 1)
            .map(|(short, k)| (*short, k[0]))
            .collect();
        assert!(unique.len() > FEW_NAMES, "{} names", unique.len());
        let many = hits_by_automaton(&texts, &unique);
        assert!(many.len() > 3000);
        assert_eq!(hits_by_name(&texts, &unique), many);
        let few = &unique[..FEW_NAMES];
        let hits = hits_by_name(&texts, few);
        assert!(!hits.is_empty());
        assert_eq!(hits, hits_by_automaton(&texts, few));
        assert_eq!(short_form_hits(&texts, few), hits);
    }

    #[test]
    fn the_mention_index_finds_what_scans_find() {
        let (_, _, mentions) = many_people();
        let index = MentionIndex::new(&mentions);
        for m in mentions.iter().step_by(7) {
            let (s, e) = m.bytes;
            for byte in [s, e, s + 1, e - 1] {
                let by_start = mentions
                    .iter()
                    .position(|x| x.part == m.part && x.bytes.0 == byte);
                let by_end = mentions
                    .iter()
                    .position(|x| x.part == m.part && x.bytes.1 == byte);
                assert_eq!(index.starting(m.part, byte), by_start);
                assert_eq!(index.ending(m.part, byte), by_end);
            }
            for (a, b) in [
                (s, s + 1),
                (e, e + 2),
                (s.saturating_sub(3), s),
                (e - 1, e + 5),
            ] {
                let scan = mentions
                    .iter()
                    .any(|x| x.part == m.part && x.bytes.0 < b && a < x.bytes.1);
                assert_eq!(index.overlaps(m.part, a, b), scan, "{a}..{b}");
            }
            assert!(!index.overlaps(TextPart::Caption, s, e));
        }
    }

    #[test]
    fn a_title_phrase_is_read_within_its_window() {
        // A name followed by a comma and a megabyte without punctuation: the title is read near the name.
        let after = format!(
            ", kulturchef i Göteborgs Stad {}",
            "och mer ".repeat(200_000)
        );
        let (t, e) = title_after(&after).unwrap();
        assert_eq!(t, "kulturchef");
        assert!(e.is_some());
    }

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
        assert_eq!(
            title_before("lighting.\n\nIts founder, ").as_deref(),
            Some("founder")
        );
        assert_eq!(title_before("said Jane Hill, founder, ").as_deref(), None);
    }

    #[test]
    fn english_council_titles_with_owners_honorifics_and_listed_portfolios() {
        let (t, e) = title_after(
            " (Lab), Telford & Wrekin Council's Cabinet Member for Housing, Enforcement and Transport, said:",
        )
        .unwrap();
        assert_eq!(t, "cabinet member for housing, enforcement and transport");
        assert!(e.is_none());
        let (t, _) = title_after(
            ", Gateshead's cabinet member for resources and a Labour councillor for Deckham, said",
        )
        .unwrap();
        assert_eq!(t, "cabinet member for resources");
        let (t, e) = title_after(
            ", Associate Director of Children's Services at Rotherham Doncaster and South Humber NHS Foundation Trust, said:",
        )
        .unwrap();
        assert_eq!(t, "associate director of children's services");
        assert!(e.is_some());
        let before = "Oldham Council's cabinet member for health and social care, Cllr ";
        let (t, end) = genitive_title(before).unwrap();
        assert_eq!(t, "cabinet member for health and social care");
        assert_eq!(&before[..end], "Oldham Council");
        // A comma list that does not end the title is left alone.
        let (t, _) = title_after(", Cabinet Member for Children, who said").unwrap();
        assert_eq!(t, "cabinet member for children");
    }
}
