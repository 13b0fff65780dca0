//! Candidate rules: names found by their shape and context, without any gazetteer.
//!
//! Each rule proposes a [`Cand`]idate (kind, type, canonical name, byte range); `mod.rs` resolves overlaps
//! (longest wins, then the stronger rule) and groups candidates into entities.

use std::borrow::Cow;

use rustc_hash::FxHashSet as HashSet;

use super::gazetteer::Gazetteer;
use super::lexicon::*;
use super::text::{self, Run, Token};
use crate::model::EntityKind;

mod gates;

/// How much a rule is trusted when candidates overlap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    /// A capitalized name after a place preposition.
    Weak = 1,
    /// A shape rule (suffix, head word, cue phrase, given name).
    Shape = 2,
    /// A gazetteer entry.
    Known = 3,
}

/// A proposed entity mention.
#[derive(Debug, Clone, PartialEq)]
pub struct Cand<'a> {
    /// Start byte.
    pub start: usize,
    /// End byte.
    pub end: usize,
    /// Broad kind.
    pub kind: EntityKind,
    /// schema.org type.
    pub schema_type: &'a str,
    /// Canonical name (most borrow the text or the gazetteer).
    pub name: Cow<'a, str>,
    /// Gazetteer entry, when known.
    pub entry: Option<usize>,
    /// Rule strength.
    pub strength: Strength,
    /// A job title found with a person name ("Kulturchef Karin Lindqvist").
    pub title: Option<String>,
}

impl<'a> Cand<'a> {
    /// The gazetteer's entry `entry`, found at `start..end`.
    fn known(ctx: &Ctx<'a>, start: usize, end: usize, entry: usize) -> Self {
        let e = ctx.gaz.entry(entry);
        let mut c = Self::new(start, end, e.kind, e.schema_type, e.name, Strength::Known);
        c.entry = Some(entry);
        c
    }

    /// A place found by its shape ("Vaksala torg", "Chapel Street").
    fn place(start: usize, end: usize, name: impl Into<Cow<'a, str>>) -> Self {
        Self::new(
            start,
            end,
            EntityKind::Place,
            "Place",
            name,
            Strength::Shape,
        )
    }

    /// An organization found by its shape, named by the text from `start` on; its schema.org type from
    /// its words ([`org_type`]).
    fn organization(start: usize, name: &'a str) -> Self {
        Self::new(
            start,
            start + name.len(),
            EntityKind::Organization,
            org_type(name),
            name,
            Strength::Shape,
        )
    }

    fn new(
        start: usize,
        end: usize,
        kind: EntityKind,
        ty: &'a str,
        name: impl Into<Cow<'a, str>>,
        strength: Strength,
    ) -> Self {
        Self {
            start,
            end,
            kind,
            schema_type: ty,
            name: name.into(),
            entry: None,
            strength,
            title: None,
        }
    }
}

/// Everything the rules need about one text.
pub struct Ctx<'a> {
    /// The text.
    pub text: &'a str,
    /// Its tokens.
    pub toks: Vec<Token<'a>>,
    /// The tokens in lowercase (most borrowed), computed once for all rules.
    pub lowered: Vec<&'a str>,
    /// Words seen in lowercase anywhere in the article.
    pub lower: &'a HashSet<&'a str>,
    /// The gazetteer.
    pub gaz: &'a Gazetteer,
    /// Whether the article is in English (its language tag is `en`).
    pub english: bool,
    /// Each token's [`gates`] bits (which per-word rules may react to it) and the tokens with any set.
    gates: gates::Gates,
}

impl<'a> Ctx<'a> {
    /// The context of `text`, with its tokens and their lowercase forms.
    pub fn new(
        text: &'a str,
        toks: Vec<Token<'a>>,
        lowered: Vec<&'a str>,
        lower: &'a HashSet<&'a str>,
        gaz: &'a Gazetteer,
        english: bool,
    ) -> Self {
        let gates = gates::of(&toks, &lowered);
        Self {
            text,
            toks,
            lowered,
            lower,
            gaz,
            english,
            gates,
        }
    }

    /// The positions of the tokens whose gate `bit` is set, in order.
    fn gated(&self, bit: u8) -> impl Iterator<Item = usize> + '_ {
        let set = self.gates.set.iter().map(|&i| i as usize);
        set.filter(move |&i| self.gates.bits[i] & bit != 0)
    }
}

/// All rule candidates in each of an article's texts, in the order each text alone would give them.
///
/// Rule by rule over all the texts, not text by text: the rules' code is far larger than the first-level
/// instruction cache, so running every rule over the headline, then every rule over the caption and the
/// body, read it all in again for each text. Each rule's candidates in a text do not depend on the other
/// texts, so the order of the loops changes nothing but the time.
pub fn candidates<'a>(ctxs: &[Ctx<'a>]) -> Vec<Vec<Cand<'a>>> {
    let known: Vec<Vec<Cand<'a>>> = ctxs.iter().map(gazetteer).collect();
    let mut outs: Vec<Vec<Cand<'a>>> = ctxs
        .iter()
        .zip(&known)
        .map(|(ctx, known)| owned_names(ctx, known))
        .collect();
    for ((ctx, known), out) in ctxs.iter().zip(&known).zip(&mut outs) {
        token_rules(ctx, known, out);
    }
    for (known, out) in known.into_iter().zip(&mut outs) {
        out.extend(known);
    }
    for (ctx, out) in ctxs.iter().zip(&mut outs) {
        out.extend(party_abbreviations(ctx));
    }
    for (ctx, out) in ctxs.iter().zip(&mut outs) {
        out.extend(swedish_orgs(ctx));
    }
    for (ctx, out) in ctxs.iter().zip(&mut outs) {
        out.extend(initiatives(ctx));
    }
    let runs: Vec<Vec<Run>> = ctxs
        .iter()
        .map(|ctx| text::runs(ctx.text, &ctx.toks, &ctx.lowered, ctx.lower))
        .collect();
    for ((ctx, runs), out) in ctxs.iter().zip(&runs).zip(&mut outs) {
        out.extend(runs.iter().filter_map(|run| classify_run(ctx, run)));
    }
    for ((ctx, runs), out) in ctxs.iter().zip(&runs).zip(&mut outs) {
        if ctx.english {
            let joined = english_compounds(ctx, runs, out);
            out.extend(joined);
        }
    }
    outs
}

/// English names whose capitalized parts are joined by "and", "&" or a comma list and that end in a head
/// word of their kind: "Seaton and Tillydrone Youth Action", "Communities, Housing and Public Protection
/// Committee", "Shrewsbury and Telford Hospital NHS Trust", "Telford & Wrekin Council", "Brownfield,
/// Infrastructure and Land Fund", "Wyrley and Essington Canal". Each is a candidate found for the last
/// part, reaching back over the parts before it; being longer, it wins over the pieces. A part that is a
/// name of its own (it ends in a head word, the gazetteer knows it, it is a person) stops the reach, and a
/// comma list stopped so is a list of names, not one name.
fn english_compounds<'a>(ctx: &Ctx<'a>, runs: &[Run], found: &[Cand<'a>]) -> Vec<Cand<'a>> {
    let toks = &ctx.toks;
    let mut out = Vec::new();
    for c in found {
        if c.kind == EntityKind::Person || c.start == 0 {
            continue;
        }
        // Only a name that starts where a run of capitalized words starts can reach back.
        let Ok(r) = runs.binary_search_by_key(&c.start, |run| run.start(toks)) else {
            continue;
        };
        // The whole must end in a head word of its kind; of places only a canal's: "Great Lever and
        // Tonge Moor" are two areas.
        let head = &ctx.text[c.start..c.end];
        let head = without_apostrophe_s(head.rsplit(' ').next().unwrap_or(head));
        let headed = match c.kind {
            EntityKind::Organization => EN_ORG_HEADS.contains(head),
            EntityKind::Initiative => EN_INITIATIVE_HEADS.contains(&lowercase(head)),
            _ => head == "Canal",
        };
        if !headed {
            continue;
        }
        let mut saw_and = {
            let own = &ctx.text[c.start..c.end];
            own.contains(" and ") || own.contains(" & ")
        };
        let mut first = r;
        let mut start = c.start;
        let mut list_broken = false;
        while first > 0 {
            let prev = &runs[first - 1];
            let gap = &ctx.text[prev.end(toks)..runs[first].start(toks)];
            let and = gap == " and " || gap == " & ";
            if !(and || gap == ", " && saw_and) || and && saw_and && first < r {
                break;
            }
            // A listed part is one word that is not a place: "Communities, Housing and ...", not
            // "NHS Tayside, Dundee and Angus College".
            let part = compound_part(ctx, prev, &ctx.text[c.start..c.end]);
            let listed_ok = and
                || part.is_some_and(|s| {
                    toks[prev.last - 1].start == s
                        && ctx
                            .gaz
                            .lookup(toks[prev.last - 1].text)
                            .is_none_or(|e| ctx.gaz.entry(e).kind != EntityKind::Place)
                });
            match part {
                Some(s) if listed_ok && (and || c.kind != EntityKind::Place) => {
                    start = s;
                    first -= 1;
                    saw_and |= and;
                    // A part after an owner ("Homes England's Brownfield") reaches no further.
                    if s != prev.start(toks) {
                        break;
                    }
                }
                _ => {
                    // "..., Harrowby Fire and Rescue Service": after a comma, a name of its own ends a
                    // list of names; any other words make the list one of parts.
                    let last = toks[prev.last - 1].text;
                    let complete = EN_ORG_HEADS.contains(without_apostrophe_s(last))
                        || EN_PLACE_HEADS.contains(last);
                    list_broken = !and && !complete;
                    break;
                }
            }
        }
        if first == r || !saw_and || list_broken {
            continue;
        }
        // "in Limeside and Fitton Hill" lists two places; "the Wyrley and Essington Canal" is one.
        if c.kind == EntityKind::Place
            && runs[first].first.checked_sub(1).is_some_and(|p| {
                PLACE_PREPOSITIONS.contains(ctx.lowered[p]) || ctx.lowered[p] == "on"
            })
        {
            continue;
        }
        let own = &ctx.text[c.start..c.end];
        let name: Cow<'a, str> = if own.starts_with(c.name.as_ref()) {
            Cow::Borrowed(&ctx.text[start..c.start + c.name.len()])
        } else {
            Cow::Owned(format!("{}{}", &ctx.text[start..c.start], c.name))
        };
        let mut joined = Cand::new(start, c.end, c.kind, c.schema_type, name, c.strength);
        if c.kind == EntityKind::Organization {
            joined.schema_type = org_type(&joined.name);
        }
        out.push(joined);
    }
    // "The Office of the West Midlands Police and Crime Commissioner": the office of a force area's
    // commissioner is a body.
    for r in 1..runs.len() {
        let (run, prev) = (&runs[r], &runs[r - 1]);
        let words = &toks[run.first..run.last];
        if words.len() == 2
            && words[0].text == "Crime"
            && words[1].text == "Commissioner"
            && toks[prev.last - 1].text == "Police"
            && &ctx.text[prev.end(toks)..run.start(toks)] == " and "
        {
            let before = &ctx.text[..prev.start(toks)];
            let office = ["Office of the ", "Office of "]
                .iter()
                .find(|o| before.ends_with(*o))
                .map(|o| prev.start(toks) - o.len());
            if let Some(start) = office {
                out.push(Cand::organization(start, &ctx.text[start..run.end(toks)]));
            }
        }
    }
    out
}

/// "Salford Royal", "Preston Royal": a town and "Royal" is a hospital's short name, a body of its own.
fn is_town_royal(ctx: &Ctx, words: &[Token]) -> bool {
    words.len() == 2
        && words[1].text == "Royal"
        && ctx
            .gaz
            .lookup(words[0].text)
            .is_some_and(|e| ctx.gaz.entry(e).kind == EntityKind::Place)
}

/// Where a part before "and", "&" or a comma starts when it can be the first part of a longer name
/// (`whole` is the name after it): not a name of its own, not a person. After an owner's "'s" the part
/// starts past it.
fn compound_part(ctx: &Ctx, run: &Run, whole: &str) -> Option<usize> {
    let toks = &ctx.toks;
    let mut first = run.first;
    if let Some(owner) = (run.first..run.last)
        .rev()
        .find(|&k| is_possessive(toks[k].text))
    {
        first = owner + 1;
    }
    if first >= run.last {
        return None;
    }
    let words = &toks[first..run.last];
    let last = words[words.len() - 1].text;
    // "Warm Homes and Healthy Homes", "Kingsmills Road and Peris Road": each part is a name already; but
    // "the West Midlands Police and Crime Commissioner" is one office.
    let police_office = last == "Police" && whole.starts_with("Crime Commissioner");
    // One head word alone names nothing ("Communities, Housing and Public Protection Committee").
    let headed = words.len() > 1
        && (EN_ORG_HEADS.contains(without_apostrophe_s(last))
            || EN_PLACE_HEADS.contains(last)
            || is_town_royal(ctx, words));
    if headed && !police_office || is_title_word(last) {
        return None;
    }
    // "Sarah Jones and Leeds City Council", "Cllr Hill and ...": a person is not a name's first part.
    if HONORIFICS.contains(words[0].text)
        || (words.len() > 1 && ctx.gaz.is_given_name(words[0].text))
    {
        return None;
    }
    let (start, end) = (words[0].start, words[words.len() - 1].end);
    if ctx
        .gaz
        .lookup(&ctx.text[start..end])
        .is_some_and(|e| ctx.gaz.entry(e).kind != EntityKind::Place)
    {
        return None;
    }
    Some(start)
}

/// Gazetteer names in the text, but for a one-word place name opening a sentence when the article also
/// writes the word in lowercase ("Viken ligger stilla ... längs viken"): there it is the everyday word.
/// (Organizations keep theirs: "Polisen" opening a sentence is the police, as "polisen" is.)
fn gazetteer<'a>(ctx: &Ctx<'a>) -> Vec<Cand<'a>> {
    ctx.gaz
        .find(ctx.text)
        .into_iter()
        .filter(|h| {
            ctx.gaz.entry(h.entry).kind != EntityKind::Place
                || !common_word_at_sentence_start(ctx, h.start, h.end)
        })
        .map(|h| Cand::known(ctx, h.start, h.end, h.entry))
        .collect()
}

/// Whether `start..end` is one token that opens a sentence and that the article also writes in lowercase.
fn common_word_at_sentence_start(ctx: &Ctx, start: usize, end: usize) -> bool {
    let Ok(i) = ctx.toks.binary_search_by_key(&start, |t| t.start) else {
        return false;
    };
    let t = &ctx.toks[i];
    t.end == end && t.sentence_start && ctx.lower.contains(ctx.lowered[i])
}

/// Names that a known place's genitive opens: "Upplands Lokaltrafik", "Göteborgs Symfoniker" (with a
/// capitalized word: an organization, not the place).
fn owned_names<'a>(ctx: &Ctx<'a>, known: &[Cand<'a>]) -> Vec<Cand<'a>> {
    let mut out = Vec::new();
    let next_word = |end: usize| {
        let rest = ctx.text[end..].strip_prefix(' ')?;
        let len = rest
            .find(|c: char| !c.is_alphanumeric() && c != '-')
            .unwrap_or(rest.len());
        let word = &rest[..len];
        word.starts_with(char::is_uppercase)
            .then_some((end + 1 + len, word))
    };
    for k in known.iter().filter(|k| k.kind == EntityKind::Place) {
        let written = &ctx.text[k.start..k.end];
        let genitive = written.ends_with('s') && !k.name.ends_with('s');
        let Some((end, word)) = next_word(k.end).filter(|_| genitive) else {
            continue;
        };
        let is_known = ctx.gaz.lookup(word).is_some();
        let lower = word.to_lowercase();
        // "Angereds Torg", "Göteborgs Centrum" are places.
        let place_word = is_swedish_place(&lower, 2)
            || SV_PLACE_NOUN_HEADS.contains(&lower)
            || EN_PLACE_HEADS.contains(word);
        if !is_known && !place_word && !ctx.gaz.is_given_name(word) && word.chars().count() > 3 {
            let name = &ctx.text[k.start..end];
            out.push(Cand::new(
                k.start,
                end,
                EntityKind::Organization,
                org_type(name),
                name,
                Strength::Shape,
            ));
        }
    }
    out
}

/// "FUB Göteborg": an abbreviation and a place right after it are the organization's local branch.
fn local_branch<'a>(ctx: &Ctx<'a>, i: usize, known: &[Cand<'a>]) -> Option<Cand<'a>> {
    let t = &ctx.toks[i];
    if ctx.gaz.lookup(t.text).is_some() {
        return None;
    }
    // The gazetteer's hits are in text order and do not overlap: the one starting there is found by
    // halving.
    let at = known.partition_point(|k| k.start < t.end + 1);
    let place = known
        .get(at)
        .filter(|k| k.start == t.end + 1 && k.kind == EntityKind::Place)
        .filter(|k| ctx.text[t.end..k.start] == *" ")?;
    let name = &ctx.text[t.start..place.end];
    Some(Cand::new(
        t.start,
        place.end,
        EntityKind::Organization,
        "Organization",
        name,
        Strength::Known,
    ))
}

/// "Anna Berg (S)", "Cllr Jane Hill (Lab)": a party abbreviation in brackets right after a name is the
/// party. The bracket's content alone would be too short to trust anywhere else.
fn party_abbreviations<'a>(ctx: &Ctx<'a>) -> Vec<Cand<'a>> {
    let bytes = ctx.text.as_bytes();
    memchr::memchr_iter(b'(', bytes)
        .filter_map(|open| {
            let inner_start = open + 1;
            let close = memchr::memchr(
                b')',
                &bytes[inner_start..(inner_start + 9).min(bytes.len())],
            )?;
            let inner = &ctx.text[inner_start..inner_start + close];
            let (_, party) = PARTY_ABBREVIATIONS
                .iter()
                .find(|(abbr, _)| *abbr == inner)?;
            // After a capitalized word and a space: a name, not an enumeration "(a)" or "(S)" alone.
            let before = ctx.text[..open].strip_suffix(' ')?;
            let last_word = before.rsplit(' ').next()?;
            if !last_word.chars().next().is_some_and(char::is_uppercase) {
                return None;
            }
            let entry = ctx.gaz.lookup(party);
            let ty = entry.map_or("PoliticalParty", |e| ctx.gaz.entry(e).schema_type);
            let mut c = Cand::new(
                inner_start,
                inner_start + close,
                EntityKind::Organization,
                ty,
                *party,
                Strength::Known,
            );
            c.entry = entry;
            Some(c)
        })
        .collect()
}

/// Swedish local papers named after "till", "för", "enligt" ("säger hon till Mitt i", "berättar för
/// GP"): short names that are ordinary words or an English abbreviation elsewhere.
fn masthead_at<'a>(ctx: &Ctx<'a>, i: usize) -> Option<Cand<'a>> {
    let toks = &ctx.toks;
    let t = &toks[i];
    let end = match t.text {
        "GP" => t.end,
        "Mitt" if toks.get(i + 1).is_some_and(|n| n.text == "i") => toks[i + 1].end,
        _ => return None,
    };
    let after_cue = i > 0 && ["till", "för", "enligt", "tidningen"].contains(&toks[i - 1].text);
    after_cue.then(|| {
        Cand::new(
            t.start,
            end,
            EntityKind::Organization,
            "NewsMediaOrganization",
            &ctx.text[t.start..end],
            Strength::Known,
        )
    })
}

/// A Swedish administration's full name: "förvaltningen för arbetsmarknad och vuxenutbildning",
/// "Förvaltningen för funktionsstöd", "nämnden för konsument- och medborgarservice": the head, "för", one
/// field, and a second field after "och" unless that is an organization of its own.
fn administration_at<'a>(ctx: &Ctx<'a>, i: usize) -> Option<Cand<'a>> {
    let toks = &ctx.toks;
    let head = ctx.lowered[i];
    if i + 2 >= toks.len()
        || !matches!(head, "förvaltningen" | "nämnden" | "förvaltning" | "nämnd")
        || toks[i + 1].text != "för"
    {
        return None;
    }
    let field = &toks[i + 2];
    let joined = |a: usize| text::joined(ctx.text, &toks[a], &toks[a + 1]);
    if field.cap || !joined(i) || !joined(i + 1) {
        return None;
    }
    let mut last = i + 2;
    // "konsument- och medborgarservice": the hyphen leaves the first field's word open.
    let open_compound = ctx.text[field.end..].starts_with("- och ");
    let second = toks.get(last + 2).filter(|w| {
        toks[last + 1].text == "och"
            && !w.cap
            && (open_compound || (joined(last) && joined(last + 1)))
            && SV_ORG_ENDINGS_ANY_CASE
                .endings(ctx.lowered[last + 2])
                .next()
                .is_none()
    });
    if second.is_some() {
        last += 2;
    }
    let (start, end) = (toks[i].start, toks[last].end);
    let name = capitalize(&ctx.text[start..end]);
    Some(Cand::new(
        start,
        end,
        EntityKind::Organization,
        "GovernmentOrganization",
        name,
        Strength::Known,
    ))
}

/// The rules that look at one token, in one pass over the tokens with a byte test before each:
/// administrations' full names, mastheads, dated plans, "New Deal for X", an abbreviation's local
/// branch ("FUB Göteborg").
fn token_rules<'a>(ctx: &Ctx<'a>, known: &[Cand<'a>], out: &mut Vec<Cand<'a>>) {
    for i in ctx.gated(gates::TOKEN | gates::NAME_CUE) {
        let t = &ctx.toks[i];
        // The rules of names with their years need a number next; most words have none.
        let number_next = number_follows(&ctx.toks, i);
        match t.text.as_bytes()[0] {
            b'f' | b'F' | b'n' | b'N' if t.text.len() >= 6 => out.extend(administration_at(ctx, i)),
            b'G' | b'M' if t.text.len() <= 4 => out.extend(masthead_at(ctx, i)),
            _ => {}
        }
        // Each rule tests its own cue words.
        if ctx.gates.bits[i] & gates::NAME_CUE != 0 {
            out.extend(place_after_cue(ctx, i));
            out.extend(org_after_cue(ctx, i));
        }
        if !t.cap {
            if number_next {
                out.extend(dated_lowercase_name(ctx, i));
                out.extend(numbered_road(ctx, i));
            }
            continue;
        }
        if number_next {
            out.extend(year_name_before_appositive(ctx, i));
            if t.text.len() >= 9 {
                out.extend(dated_plan(ctx, i));
            }
        }
        if t.text == "New" {
            out.extend(new_deal(ctx, i));
        }
        if t.text == "Green" && ctx.english {
            out.extend(green_member(ctx, i));
        }
        if t.text.len() >= 6 && t.text.contains('-') {
            out.extend(party_running(ctx, t));
        }
        if number_next {
            out.extend(dated_name(ctx, i));
        }
        if is_acronym(t.text) {
            out.extend(local_branch(ctx, i, known));
        }
        if t.text.len() >= 3 && t.text.chars().nth(1).is_some_and(char::is_uppercase) {
            out.extend(dateline_place(ctx, t));
        }
        out.extend(radio_channel(ctx, i));
        out.extend(road_by_number(ctx, i));
    }
}

/// "the A590", "beside the A5", "där väg 9 möter E6": a British A or M road, or a European route, by
/// its number is a place (not "an A4 sheet" or "A1 grades").
fn road_by_number<'a>(ctx: &Ctx<'a>, i: usize) -> Option<Cand<'a>> {
    let t = &ctx.toks[i];
    let most = match t.text.as_bytes()[0] {
        b'A' => 4,
        b'M' => 3,
        b'E' => 2,
        _ => return None,
    };
    let digits = &t.text[1..];
    let number = (1..=most).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0');
    let before = i.checked_sub(1).map(|k| ctx.lowered[k]);
    let after = ctx.lowered.get(i + 1).copied();
    let other = matches!(before, Some("an" | "a" | "ett" | "en"))
        || matches!(
            after,
            Some("sheet" | "paper" | "size" | "grade" | "grades" | "format")
        );
    (number && !other).then(|| Cand::place(t.start, t.end, t.text))
}

/// "väg 158", "riksväg 40", "länsväg 170": a Swedish road by its number is a place.
fn numbered_road<'a>(ctx: &Ctx<'a>, i: usize) -> Option<Cand<'a>> {
    if !matches!(ctx.lowered[i], "väg" | "riksväg" | "länsväg") {
        return None;
    }
    let (t, n) = (&ctx.toks[i], ctx.toks.get(i + 1)?);
    let number = (1..=4).contains(&n.text.len()) && n.text.bytes().all(|b| b.is_ascii_digit());
    (number && text::joined(ctx.text, t, n))
        .then(|| Cand::place(t.start, n.end, &ctx.text[t.start..n.end]))
}

/// "P4 Uppland", "P4 Göteborg": a channel of Sveriges Radio by its region.
fn radio_channel<'a>(ctx: &Ctx<'a>, i: usize) -> Option<Cand<'a>> {
    let (t, n) = (&ctx.toks[i], ctx.toks.get(i + 1)?);
    if t.text != "P4" || !n.cap || !text::joined(ctx.text, t, n) {
        return None;
    }
    Some(Cand::new(
        t.start,
        n.end,
        EntityKind::Organization,
        "NewsMediaOrganization",
        &ctx.text[t.start..n.end],
        Strength::Shape,
    ))
}

/// "ÖRGRYTE-HÄRLANDA. Under hösten ...": a dateline in capitals names the place the gazetteer knows
/// under the word in its usual case.
fn dateline_place<'a>(ctx: &Ctx<'a>, t: &Token<'a>) -> Option<Cand<'a>> {
    if !is_dateline(ctx, t) || t.text.chars().any(char::is_lowercase) {
        return None;
    }
    let entry = place_in_capitals(ctx, t.text)?;
    Some(Cand::known(ctx, t.start, t.end, entry))
}

/// The gazetteer's place that a word in capitals names in its usual case ("ÖRGRYTE-HÄRLANDA" is
/// "Örgryte-Härlanda"): each part after a hyphen or space keeps its first letter and lowers the rest.
fn place_in_capitals(ctx: &Ctx, word: &str) -> Option<usize> {
    let mut name = String::with_capacity(word.len());
    let mut first = true;
    for c in word.chars() {
        match first {
            true => name.push(c),
            false => name.extend(c.to_lowercase()),
        }
        first = c == '-' || c == ' ';
    }
    let entry = ctx.gaz.lookup(&name)?;
    (ctx.gaz.entry(entry).kind == EntityKind::Place).then_some(entry)
}

/// "Green councillor Abi Turner", "the Green candidate": the adjective names the Green Party, as
/// "Labour councillor" names Labour (whose adjective is the gazetteer's alias); "Green" alone is a word.
fn green_member<'a>(ctx: &Ctx<'a>, i: usize) -> Option<Cand<'a>> {
    let next = ctx.toks.get(i + 1)?;
    let member = matches!(
        ctx.lowered[i + 1],
        "councillor" | "councillors" | "candidate" | "candidates" | "mp" | "ms" | "msp" | "peer"
    );
    if !member || !text::joined(ctx.text, &ctx.toks[i], next) {
        return None;
    }
    let entry = ctx.gaz.lookup("Green Party")?;
    Some(Cand::known(ctx, ctx.toks[i].start, ctx.toks[i].end, entry))
}

/// The words `token_rules` starts a rule at (in any case: its gate compares them in lowercase):
/// administrations' heads, mastheads, "New Deal", "Green councillor", "P4".
static TOKEN_RULE_WORDS: Shapes = Shapes::new(
    &[],
    &[
        "förvaltningen",
        "nämnden",
        "förvaltning",
        "nämnd",
        "GP",
        "Mitt",
        "New",
        "Green",
        "P4",
    ],
);

/// Every cue word before a place's or an organization's name, for the cue words' gate.
static NAME_CUES: Shapes = Shapes::new(&[&SV_PLACE_CUE_WORDS, &ORG_CUE_WORDS], &[]);

/// The endings of [`ORG_CUE_ENDINGS`], for the cue words' gate.
static ORG_CUE_TAILS: Tails = Tails::new(&[&ORG_CUE_ENDINGS], &[]);

/// Nouns that name the kind of organization the capitalized words after them are: "bostadsbolaget
/// Mimer", "studieförbundet ABF", "the charity National Energy Action", "the housing association Believe
/// Housing".
static ORG_CUE_WORDS: Words = Words::new(&[
    "bostadsbolaget",
    "fastighetsbolaget",
    "hyresvärden",
    "energibolaget",
    "byggföretaget",
    "företaget",
    "föreningen",
    "stiftelsen",
    "studieförbundet",
    "organisationen",
    "charity",
    "association",
    "firm",
    "company",
    "organisation",
    "organization",
]);

/// Endings of Swedish compounds that name the kind of business the capitalized words after them are:
/// "cykelverkstaden Bergsjö Cykel", "hyresvärdsföretaget X", "kaféet Mariabageriet".
static ORG_CUE_ENDINGS: Words = Words::new(&[
    "verkstaden",
    "butiken",
    "företaget",
    "bolaget",
    "kaféet",
    "caféet",
    "restaurangen",
    "bageriet",
]);

/// Whether a lowercase word is a compound of one of [`ORG_CUE_ENDINGS`] (or the ending alone).
#[inline]
fn is_org_cue_compound(lower: &str) -> bool {
    ORG_CUE_ENDINGS.may_end(lower) && ORG_CUE_ENDINGS.endings(lower).next().is_some()
}

/// The organization named by capitalized words (up to four) right after an organization cue word;
/// English cues only after "the" ("the charity X"), since "a company" names none.
fn org_after_cue<'a>(ctx: &Ctx<'a>, cue: usize) -> Option<Cand<'a>> {
    let lower = ctx.lowered[cue];
    let cue_word = ORG_CUE_WORDS.contains(lower) || is_org_cue_compound(lower);
    if !cue_word || ctx.toks[cue].cap && !ctx.toks[cue].sentence_start {
        return None;
    }
    let english = lower.is_ascii() && !lower.ends_with("et") && !lower.ends_with("en");
    if english && cue.checked_sub(1).is_none_or(|p| ctx.lowered[p] != "the") {
        return None;
    }
    let (first, last) = capitalized_after(ctx, cue, 4)?;
    let (start, end) = (ctx.toks[first].start, ctx.toks[last].end);
    let name = without_apostrophe_s(&ctx.text[start..end]);
    (!known_as_other(ctx, name, EntityKind::Organization)).then(|| Cand::organization(start, name))
}

/// The words of [`SV_PLACE_CUES`]; the plural ones list their names.
static SV_PLACE_CUE_WORDS: Words = Words::new(&[
    "stadsdelen",
    "stadsdelarna",
    "området",
    "områdena",
    "bostadsområdet",
    "bostadsområdena",
    "stadsdelsområdet",
    "primärområdet",
    "kvarteret",
    "förorten",
    "tätorten",
    "orten",
    "byn",
]);

/// The place named by capitalized words (up to three) right after a place cue, each part of a list with
/// "och" after a plural cue; nothing when the gazetteer knows the name as something else or the words
/// are a sentence's first.
fn place_after_cue<'a>(ctx: &Ctx<'a>, cue: usize) -> Vec<Cand<'a>> {
    let toks = &ctx.toks;
    if !SV_PLACE_CUE_WORDS.contains(ctx.lowered[cue]) {
        return Vec::new();
    }
    let plural = ctx.lowered[cue].ends_with("na");
    let mut out = Vec::new();
    let mut at = cue;
    while let Some(c) = capitalized_after(ctx, at, 3) {
        let (first, last) = c;
        let (start, end) = (toks[first].start, toks[last].end);
        let name = &ctx.text[start..end];
        if known_as_other(ctx, name, EntityKind::Place) {
            break;
        }
        out.push(Cand::place(start, end, name));
        let and = toks
            .get(last + 1)
            .is_some_and(|n| n.text == "och" && text::joined(ctx.text, &toks[last], n));
        if !plural || !and {
            break;
        }
        at = last + 1;
    }
    out
}

/// The capitalized words (at most `most`, not opening a sentence) joined right after token `at`.
fn capitalized_after(ctx: &Ctx, at: usize, most: usize) -> Option<(usize, usize)> {
    let toks = &ctx.toks;
    let first = at + 1;
    let head = toks.get(first)?;
    if !head.cap || head.sentence_start || !text::joined(ctx.text, &toks[at], head) {
        return None;
    }
    let mut last = first;
    while last - first + 1 < most
        && toks
            .get(last + 1)
            .is_some_and(|n| n.cap && !n.sentence_start && text::joined(ctx.text, &toks[last], n))
    {
        last += 1;
    }
    Some((first, last))
}

/// Swedish organization compounds ("Stadsbyggnadskontoret", "trafikkontoret", "Familjebostäder") and
/// "X kommun", "X stad", "Region X", "X AB".
fn swedish_orgs<'a>(ctx: &Ctx<'a>) -> Vec<Cand<'a>> {
    let mut out = Vec::new();
    for i in ctx.gated(gates::SV_BODY) {
        let (t, lower) = (&ctx.toks[i], ctx.lowered[i]);
        let town_company = t.cap && town_prefixed(ctx, t.text, lower, &SV_TOWN_COMPANY_ENDINGS);
        // "Stockholmsområdet" ends in "rådet" but is an area, not a council; a capital at a sentence's
        // start says nothing, so there only the endings of any case count.
        // "Hyresgästföreningen Kortedala protesterar": at a sentence's start, a place after the word
        // says it is a name.
        let capital = t.cap
            && (!t.sentence_start
                || is_swedish_body_word(lower, true)
                    && (place_follows(ctx, t)
                        || town_prefixed(ctx, t.text, lower, &SV_ORG_ENDINGS_CAPITAL)));
        if is_swedish_body_word(lower, capital) || town_company {
            let word = t.start;
            let t = genitive_owner(ctx, t)
                .or_else(|| coordinated_compound(ctx, t))
                .unwrap_or(*t);
            if let Some(c) = with_area(ctx, &t) {
                out.push(c);
                continue;
            }
            // "som stadsdelsförvaltningen driver": every district has one, so the word alone names none.
            if t.start == word && generic_body(lower).is_some() {
                continue;
            }
            let name = capitalize(t.text);
            out.push(Cand::new(
                t.start,
                t.end,
                EntityKind::Organization,
                org_type(&name),
                name,
                Strength::Shape,
            ));
        }
    }
    out.extend(municipal_and_company(ctx));
    out
}

/// The endings [`is_swedish_body_word`] reads, for the gate that passes most words over before it.
static SV_BODY_ENDINGS: Tails =
    Tails::new(&[&SV_ORG_ENDINGS_ANY_CASE, &SV_ORG_ENDINGS_CAPITAL], &[]);

/// Whether a capitalized body word opens with a town's name ("Karlshamnsbostäder", "Styrsöbolaget",
/// "Piteå-Tidningen"): a town's own company or paper, a name even at a sentence's start, where
/// "Bolaget" alone is only "the company".
fn town_prefixed(ctx: &Ctx, word: &str, lower: &str, endings: &Words) -> bool {
    let Some(ending) = endings.endings(lower).max_by_key(|e| e.len()) else {
        return false;
    };
    if lower.len() != word.len() {
        return false;
    }
    let prefix = word[..word.len() - ending.len()].trim_end_matches('-');
    let base = prefix.strip_suffix('s').unwrap_or(prefix);
    [prefix, base]
        .iter()
        .any(|p| p.chars().count() >= 3 && is_place_name(ctx, p))
}

/// Endings that make a town's company of a word only with the town before them ("Härnösandshus",
/// "Uppsalahem"): alone they are common nouns ("flerbostadshus", "äldreboendehem").
static SV_TOWN_COMPANY_ENDINGS: Words = Words::new(&["hus", "hem"]);

/// "Socialförvaltningen Hisingen", "Socialnämnden Hisingens arbete": an administration named with its
/// area is one organization (the genitive "s" is not part of the name).
fn with_area<'a>(ctx: &Ctx<'a>, t: &Token<'a>) -> Option<Cand<'a>> {
    let rest = ctx.text[t.end..].strip_prefix(' ')?;
    let word_end = rest
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(rest.len());
    let word = &rest[..word_end];
    let area = if SV_ADMINISTRATION_AREAS.contains(word) {
        word
    } else if let Some(w) = word
        .strip_suffix('s')
        .filter(|w| SV_ADMINISTRATION_AREAS.contains(w))
    {
        w
    } else if let Some(end) = t.cap.then(|| regional_branch(ctx, rest)).flatten() {
        // "Räddningstjänsten Västra Blekinge", "Hyresgästföreningen Region Västra Sverige".
        let end = t.end + 1 + end;
        return Some(Cand::organization(t.start, &ctx.text[t.start..end]));
    } else if t.cap
        && !name_goes_on(&rest[word_end..])
        && (is_place_name(ctx, word) || t.text == "Vårdcentralen" && word.len() > 3)
    {
        // "Hyresgästföreningen Fruängen", "Vårdcentralen Rosenlund": a body's local branch by its place.
        let end = t.end + 1 + word_end;
        let name = &ctx.text[t.start..end];
        return Some(Cand::organization(t.start, name));
    } else {
        return None;
    };
    let end = t.end + 1 + word_end;
    let name = format!("{} {area}", capitalize(t.text));
    Some(Cand::new(
        t.start,
        end,
        EntityKind::Organization,
        "GovernmentOrganization",
        name,
        Strength::Shape,
    ))
}

/// The byte length of a region that names a body's branch at the start of `rest`: a compass word and a
/// place ("Västra Blekinge") or "Region" and up to three capitalized words ("Region Västra Sverige").
fn regional_branch(ctx: &Ctx, rest: &str) -> Option<usize> {
    let mut words = rest.split(' ');
    let first = words.next()?;
    let second = words.next()?.trim_end_matches(|c: char| !c.is_alphabetic());
    if COMPASS_WORDS.contains(first) && is_place_name(ctx, second) {
        return Some(first.len() + 1 + second.len());
    }
    if first != "Region" || !second.starts_with(char::is_uppercase) {
        return None;
    }
    let mut end = first.len() + 1 + second.len();
    for w in words.take(2) {
        let w = w.trim_end_matches(|c: char| !c.is_alphabetic());
        if !w.starts_with(char::is_uppercase) {
            break;
        }
        end += 1 + w.len();
    }
    Some(end)
}

/// Compass words that open a region's name ("Västra Blekinge", "Norra Halland").
static COMPASS_WORDS: Words = Words::new(&["Västra", "Östra", "Norra", "Södra", "Mellersta"]);

/// Whether the word right after a token (one space between) names a place: not when a capitalized word
/// follows it too, since "Oppositionsregionrådet Nora Lindgren" is a title before a person's name.
fn place_follows(ctx: &Ctx, t: &Token) -> bool {
    ctx.text[t.end..].strip_prefix(' ').is_some_and(|rest| {
        let end = rest
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(rest.len());
        is_place_name(ctx, &rest[..end]) && !name_goes_on(&rest[end..])
    })
}

/// Whether text after a word goes on with a capitalized word, as a person's name does.
fn name_goes_on(after: &str) -> bool {
    after
        .strip_prefix(' ')
        .is_some_and(|rest| rest.starts_with(char::is_uppercase))
}

/// Whether a capitalized word names a place: the gazetteer's, or a Swedish place name by its ending.
fn is_place_name(ctx: &Ctx, word: &str) -> bool {
    if !word.starts_with(char::is_uppercase) || word.chars().count() < 3 {
        return false;
    }
    match ctx.gaz.lookup(word) {
        Some(e) => ctx.gaz.entry(e).kind == EntityKind::Place,
        None => is_swedish_place(&lowercase(word), 1),
    }
}

/// "Malmö stad", "Ale kommun", "Västra Götalands län", "Region Skåne", "Länsstyrelsen i Skåne",
/// "Bostads AB Poseidon", "Volvo AB": one or two capitalized words before or after the head word.
fn municipal_and_company<'a>(ctx: &Ctx<'a>) -> Vec<Cand<'a>> {
    let toks = &ctx.toks;
    let joined = |a: usize, b: usize| text::joined(ctx.text, &toks[a], &toks[b]);
    // "Enligt Farsta stadsdelsförvaltning": a word that only opens the sentence is not part of the name.
    let caps_before = |i: usize| {
        let mut first = i;
        while first > 0 && i - first < 2 && toks[first - 1].cap && joined(first - 1, first) {
            first -= 1;
        }
        if first < i && toks[first].sentence_start && SENTENCE_WORDS.contains(toks[first].text) {
            first += 1;
        }
        first
    };
    let caps_after = |i: usize| {
        let mut last = i;
        while last + 1 < toks.len() && last - i < 2 && toks[last + 1].cap && joined(last, last + 1)
        {
            last += 1;
        }
        last
    };
    let english = ctx.english;
    let mut out = Vec::new();
    for i in ctx.gated(gates::MUNICIPAL) {
        let t = &toks[i];
        // A lowercase compound of a head noun, or a head in the genitive: its base form, which ends the name.
        let noun = (!t.cap && i > 0)
            .then(|| org_noun_head(ctx.lowered[i]))
            .flatten();
        let (first, last, ty) = match t.text {
            "kommun" | "stad" | "Stad" | "län" if i > 0 => {
                (caps_before(i), i, "GovernmentOrganization")
            }
            // "Länsstyrelsen i Stockholm", "Länsstyrelsen i Gävleborgs län": the county is part of the name.
            "Länsstyrelsen"
                if toks.get(i + 1).is_some_and(|n| n.text == "i")
                    && toks.get(i + 2).is_some_and(|n| n.cap)
                    && joined(i, i + 1)
                    && joined(i + 1, i + 2) =>
            {
                let county = caps_after(i + 2);
                let lan = toks.get(county + 1).is_some_and(|n| n.text == "län")
                    && joined(county, county + 1);
                (i, county + usize::from(lan), "GovernmentOrganization")
            }
            "Region" | "Länsstyrelsen" => (i, caps_after(i), "GovernmentOrganization"),
            "Statens" => match state_body_end(ctx, i) {
                Some(last) => (i, last, "GovernmentOrganization"),
                None => continue,
            },
            // "Ny skola i ...": an adjective opening the sentence is no name.
            w if i > 0
                && (noun.is_some() || SV_ORG_NOUN_HEADS.contains(w))
                && !(toks[i - 1].sentence_start
                    && matches!(
                        ctx.lowered[i - 1],
                        "ny" | "nya" | "gamla" | "stora" | "lilla" | "inget" | "ingen" | "inga"
                    )) =>
            {
                (caps_before(i), i, org_type(noun.unwrap_or(w)))
            }
            w if SV_ORG_HEADS_WITH_PLACE.contains(w)
                && toks
                    .get(i + 1)
                    .is_some_and(|n| ["i", "för"].contains(&n.text))
                && toks.get(i + 2).is_some_and(|n| n.cap)
                && joined(i, i + 1)
                && joined(i + 1, i + 2) =>
            {
                (i, caps_after(i + 2), org_type(w))
            }
            // "KALMAR. Kalmar kommun bygger ...": a dateline or kicker in capitals opening a paragraph.
            w if is_acronym(w) && is_dateline(ctx, t) => continue,
            // "FAKTA", "NYHETER", "FALKENBERG/LAHOLM": a kicker, fact box or dateline in capitals.
            w if is_acronym(w)
                && (KICKER_WORDS.contains(w) || place_in_capitals(ctx, w).is_some()) =>
            {
                continue
            }
            w if is_acronym(w) && ctx.gaz.lookup(w).is_none() => (i, i, "Organization"),
            // Swedish heads: in English text "Cardiff park" is a park in Cardiff, not one named so.
            w if i > 0
                && toks[i - 1].cap
                && SV_PLACE_NOUN_HEADS.contains(w)
                && joined(i - 1, i)
                && !english =>
            {
                let first = caps_before(i);
                // "På väg": a sentence word alone before the head names nothing; "Ny gård i ...": nor
                // does an adjective opening the sentence.
                let adjective = toks[first].sentence_start
                    && matches!(
                        ctx.lowered[first],
                        "ny" | "nya" | "en" | "ett" | "inget" | "ingen"
                    );
                if first == i || adjective {
                    continue;
                }
                let (start, end) = (toks[first].start, t.end);
                out.push(Cand::place(start, end, &ctx.text[start..end]));
                continue;
            }
            "AB" => match (caps_before(i), caps_after(i)) {
                (f, _) if f < i => (f, i, "Organization"),
                (_, l) => (i, l, "Organization"),
            },
            _ => continue,
        };
        if first == last && t.text != "Länsstyrelsen" && !is_acronym(t.text) {
            continue;
        }
        // "Tuve församlings lokaler": the genitive's "s" is no part of the name.
        let genitive = noun.map_or(0, |n| ctx.lowered[last].len() - n.len());
        let (start, end) = (toks[first].start, toks[last].end - genitive);
        let name = &ctx.text[start..end];
        out.push(Cand::new(
            start,
            end,
            EntityKind::Organization,
            ty,
            name,
            Strength::Shape,
        ));
    }
    out
}

/// "idrotts- och föreningsförvaltningen", "kultur-, idrott- och fritidsnämnden": a compound sharing its
/// last part with the words before "- och" (and before "-, " ahead of them).
fn coordinated_compound<'a>(ctx: &Ctx<'a>, t: &Token<'a>) -> Option<Token<'a>> {
    let before = ctx.text[..t.start].strip_suffix("- och ")?;
    let word_start = |before: &str| {
        before
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphabetic())
            .last()
            .map(|(i, _)| i)
    };
    let mut start = word_start(before)?;
    // Earlier parts, each "X-, " (a bound: names list a few, and a text of dashes stays linear).
    for _ in 0..4 {
        match ctx.text[..start].strip_suffix("-, ").and_then(word_start) {
            Some(s) => start = s,
            None => break,
        }
    }
    // "äldre samt vård- och omsorgsnämnden" (Göteborg's committee): a lowercase word joined by "samt",
    // or one capitalized only because it opens the sentence.
    if let Some(s) = ctx.text[..start]
        .strip_suffix(" samt ")
        .and_then(word_start)
    {
        let before = ctx.text[..s].trim_end();
        let opens_sentence = before.is_empty() || before.ends_with(['.', '!', '?', '\n']);
        if ctx.text[s..].starts_with(char::is_lowercase) || opens_sentence {
            start = s;
        }
    }
    let first = ctx.text[start..].chars().next()?;
    let text = &ctx.text[start..t.end];
    Some(Token {
        text,
        start,
        cap: first.is_uppercase(),
        upper: text::has_capital(text),
        ..*t
    })
}

/// "Upplands Lokaltrafik": a capitalized genitive right before an organization word belongs to its name.
fn genitive_owner<'a>(ctx: &Ctx<'a>, t: &Token<'a>) -> Option<Token<'a>> {
    // Tokens are in text order: found by halving, not by a scan from the first one per word.
    let i = ctx.toks.binary_search_by_key(&t.start, |x| x.start).ok()?;
    let prev = ctx.toks.get(i.checked_sub(1)?)?;
    let owner = prev.cap
        && prev.text.ends_with('s')
        && !prev.sentence_start
        && text::joined(ctx.text, prev, t);
    owner.then(|| Token {
        text: &ctx.text[prev.start..t.end],
        start: prev.start,
        upper: true,
        ..*t
    })
}

/// Every word [`initiatives`] reacts to as it stands (with [`INITIATIVE_ENDINGS`], those it reacts to by
/// their ending), for its gate.
static INITIATIVE_WORDS: Shapes = Shapes::new(
    &[
        &SV_INITIATIVE_CUES,
        &EN_INITIATIVE_HEADS,
        &EN_PLURAL_INITIATIVE_HEADS,
        &APPOSITIVE_HEADS,
    ],
    &[
        "för",
        "called",
        "calls",
        "named",
        "forest",
        "woodland",
        "namnet",
        "petition",
        "appeal",
        "consultation",
    ],
);

/// Every ending that [`initiatives`] reacts to: "-arbetet", "-lyftet", "-modellen", the compound cues
/// and the programme nouns.
static INITIATIVE_ENDINGS: Tails = Tails::new(
    &[&SV_COMPOUND_CUE_ENDINGS, &PROGRAMME_ENDINGS],
    &["-arbetet", "lyftet", "dialogen", "projektet", "modellen"],
);

/// Every head word `municipal_and_company` reacts to (acronyms aside), for its gate.
static MUNICIPAL_AND_COMPANY_HEADS: Shapes = Shapes::new(
    &[
        &SV_ORG_NOUN_HEADS,
        &SV_ORG_HEADS_WITH_PLACE,
        &SV_PLACE_NOUN_HEADS,
    ],
    &[
        "kommun",
        "stad",
        "Stad",
        "län",
        "Region",
        "Länsstyrelsen",
        "AB",
        "Statens",
    ],
);

/// "Statens geotekniska institut", "Statens haverikommission": the last of up to three lowercase words
/// after "Statens" that ends in a body's noun.
fn state_body_end(ctx: &Ctx, i: usize) -> Option<usize> {
    let mut k = i;
    while k - i < 3 {
        let (t, n) = (&ctx.toks[k], ctx.toks.get(k + 1)?);
        if n.cap || !text::joined(ctx.text, t, n) {
            return None;
        }
        k += 1;
        if STATE_BODY_ENDINGS.endings(ctx.lowered[k]).next().is_some() {
            return Some(k);
        }
    }
    None
}

/// Nouns that end the name of a state body after "Statens".
static STATE_BODY_ENDINGS: Words = Words::new(&[
    "institut",
    "verk",
    "styrelse",
    "myndighet",
    "råd",
    "nämnd",
    "museer",
    "kommission",
    "inspektion",
]);

/// Lowercase nouns that make a place of the capitalized word before them ("Vaksala torg").
static SV_PLACE_NOUN_HEADS: Words = Words::new(&[
    "torg", "gata", "väg", "park", "strand", "hamn", "station", "bro", "allé", "kaj", "centrum",
    "gård", "torget", "hamnen", "kajen", "stranden", "bryggan",
]);

/// Lowercase nouns that make an organization of the capitalized words before them ("Malmö universitet").
static SV_ORG_NOUN_HEADS: Words = Words::new(&[
    "teater",
    "Teater",
    "Bollklubb",
    "bollklubb",
    "stadsdelsnämnd",
    "stadsdelsförvaltning",
    "stadsdelsnämnden",
    "stadsdelsförvaltningen",
    "universitet",
    "högskola",
    "tingsrätt",
    "hovrätt",
    "konsthall",
    "stadsbibliotek",
    "bibliotek",
    "sjukhus",
    "universitetssjukhus",
    "museum",
    "konstmuseum",
    "stadsteater",
    "gymnasium",
    "byaförening",
    "förening",
    "idrottsförening",
    "församling",
    "vårdcentral",
    "räddningstjänst",
    "brandförsvar",
    "domkyrkoförsamling",
    "skola",
    "simhall",
    "simsällskap",
    "Simsällskap",
    "simklubb",
    "Simklubb",
    "fritidsgård",
    "vänner",
    "länstrafik",
]);

/// Endings of lowercase compounds that name an organization after capitalized words, as
/// [`SV_ORG_NOUN_HEADS`] do whole: "Askims villaägareförening", "Kvillebäckens förskola".
static SV_ORG_NOUN_HEAD_ENDINGS: Words =
    Words::new(&["förening", "skola", "församling", "klubb", "förbund"]);

/// The base form of a lowercase organization head noun that [`SV_ORG_NOUN_HEADS`] does not hold as it
/// stands: a compound of one of [`SV_ORG_NOUN_HEAD_ENDINGS`] ("företagarförening"), or either of them in
/// the genitive ("stadsdelsnämnds ordförande", "församlings lokaler").
fn org_noun_head(lower: &str) -> Option<&str> {
    // Most words end in no head noun, in the genitive or not: passed over before any look-up.
    let may_be_head = |w: &str| ORG_NOUN_HEAD_TAILS.may_end(w);
    if !may_be_head(lower) && !lower.strip_suffix('s').is_some_and(may_be_head) {
        return None;
    }
    let head = |w: &str| {
        SV_ORG_NOUN_HEADS.contains(w)
            || SV_ORG_NOUN_HEAD_ENDINGS
                .endings(w)
                .next()
                .is_some_and(|e| e.len() < w.len())
    };
    if SV_ORG_NOUN_HEADS.contains(lower) {
        return None;
    }
    if head(lower) {
        return Some(lower);
    }
    lower.strip_suffix('s').filter(|w| head(w))
}

/// The endings of [`SV_ORG_NOUN_HEADS`] and [`SV_ORG_NOUN_HEAD_ENDINGS`], for [`org_noun_head`].
static ORG_NOUN_HEAD_TAILS: Tails =
    Tails::new(&[&SV_ORG_NOUN_HEADS, &SV_ORG_NOUN_HEAD_ENDINGS], &[]);

/// Capitalized heads followed by "i X" / "för X" ("Högskolan i Borås", "Hovrätten för Västra Sverige").
static SV_ORG_HEADS_WITH_PLACE: Words = Words::new(&[
    "Högskolan",
    "Hovrätten",
    "Tingsrätten",
    "Universitetet",
    "Domkyrkoförsamlingen",
    "Polisen",
    "Kammarrätten",
]);

/// Section and box words Swedish and British pages set in capitals ("FAKTA", "NYHETER").
static KICKER_WORDS: Words = Words::new(&[
    "FAKTA",
    "NYHETER",
    "KULTUR",
    "SPORT",
    "DEBATT",
    "LEDARE",
    "FRITID",
    "LOKALT",
    "BIBLIOTEK",
    "TRAFIK",
    "SKOLA",
    "NEWS",
    "UPDATE",
]);

/// All-capital abbreviations that are not organizations.
static NOT_ORG_ACRONYMS: Words = Words::new(&[
    "TV", "IT", "OK", "PM", "AM", "VD", "CEO", "MP", "SM", "VM", "EM", "OS", "ID", "PR", "HR",
    "UK", "US", "USA", "EU", "GPS", "PDF", "SMS", "DNA", "COVID", "AI", "CO2", "LSS", "SFI", "IVA",
    "BVC", "HVB", "GP", "A", "I", "II", "III", "IV", "QC", "KC", "OBE", "MBE", "CBE", "PhD", "FC",
    "AB", "AFC", "CV", "CCTV", "GMT", "BST", "UTC", "LED",
]);

/// Whether a word opens its paragraph and is followed by a full stop: a dateline ("KALMAR.") or a
/// kicker ("FRITID."), which names the place or the section, not an organization.
fn is_dateline(ctx: &Ctx<'_>, t: &Token<'_>) -> bool {
    let line_start = ctx.text[..t.start].trim_end_matches([' ', '\t']);
    (line_start.is_empty() || line_start.ends_with('\n')) && ctx.text[t.end..].starts_with(". ")
}

/// An abbreviation in capitals (2-6 letters) such as "NHS" or "GMB".
fn is_acronym(w: &str) -> bool {
    is_short_capitals(w) && !NOT_ORG_ACRONYMS.contains(w)
}

/// Whether `w` is two to six ASCII capitals: an acronym's shape.
fn is_short_capitals(w: &str) -> bool {
    (2..=6).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_uppercase())
}

/// Whether the token after token `i` starts with a digit (a year, a road's or a channel's number).
fn number_follows(toks: &[Token], i: usize) -> bool {
    toks.get(i + 1)
        .is_some_and(|n| n.text.as_bytes()[0].is_ascii_digit())
}

/// Initiatives by cue phrase: "fokusområdet X", "inom ramen för X", "X-arbetet", "the X scheme",
/// quoted names after a cue word.
fn initiatives<'a>(ctx: &Ctx<'a>) -> Vec<Cand<'a>> {
    let mut out = Vec::new();
    let toks = &ctx.toks;
    for i in ctx.gated(gates::INITIATIVE) {
        let (t, lower) = (&toks[i], ctx.lowered[i]);
        let on_a_list = INITIATIVE_WORDS.may_contain(lower);
        if lower.ends_with("-arbetet") && t.cap {
            out.push(initiative(t.start, t.end, t.text));
        }
        // "Jordbrolyftet", "Läslyftet": a capitalized compound of "-lyftet" names a programme; so do
        // "Skönsbergsdialogen" and "Bäveåprojektet".
        let programme_compound = || {
            ["lyftet", "dialogen", "projektet"]
                .iter()
                .any(|e| lower.len() >= e.len() + 3 && lower.ends_with(e))
        };
        if t.cap && programme_compound() && (lower.ends_with("lyftet") || !t.sentence_start) {
            out.push(cued_initiative(t.start, t.end, t.text));
        }
        // "Hammarbymodellen", "Botkyrkamodellen": a capitalized compound of "-modellen" names a way of
        // working that a place made its programme.
        if t.cap
            && !t.sentence_start
            && lower.len() >= "modellen".len() + 3
            && lower.ends_with("modellen")
        {
            out.push(cued_initiative(t.start, t.end, t.text));
        }
        // "the “Tip Watch” scheme", "the \"Light Up Raploch\" appeal": a quoted name before a head word.
        // "Parents have set up a campaign, Keep Our Schools Local, and ...": a new programme's name in
        // commas right after it ("started a petition, Save the X15, which", "a mentoring scheme, Next
        // Step Poplar,", "its five-year strategy, Libraries for Everyone 2026-2031,", or quoted: "a
        // petition, "Keep Catford Market on the Broadway",").
        let introduced = || {
            (i.saturating_sub(3)..i).any(|k| {
                matches!(ctx.lowered[k], "a" | "an" | "new" | "its" | "their")
                    || is_possessive(toks[k].text)
            })
        };
        if !t.cap
            && matches!(
                lower,
                "campaign"
                    | "scheme"
                    | "programme"
                    | "project"
                    | "initiative"
                    | "petition"
                    | "strategy"
            )
            && ctx.text[t.end..].starts_with(", ")
            && introduced()
        {
            out.extend(name_in_commas(ctx, i + 1).or_else(|| quoted_after(ctx, t.end + 1)));
        }
        // "the council's "Your Council, Your Say" budget consultation": a word of what it does between.
        if !t.cap
            && (EN_INITIATIVE_HEADS.contains(lower) || matches!(lower, "appeal" | "consultation"))
        {
            let modified = i >= 1 && PROGRAMME_MODIFIERS.contains(ctx.lowered[i - 1]);
            let at = if modified { toks[i - 1].start } else { t.start };
            out.extend(quoted_before(ctx, at));
        }
        let compound = is_compound_cue(lower);
        // "Hållbara Sollentuna 2030, kommunens klimatprogram": a programme compound after an owner.
        let appositive = !t.cap && i >= 3 && is_programme_compound(lower);
        if appositive || APPOSITIVE_HEADS.contains(lower) {
            out.extend(named_before_appositive(ctx, i));
        }
        if !compound && !on_a_list {
            continue;
        }
        let cue = compound
            || SV_INITIATIVE_CUES.contains(lower)
            || (lower == "för"
                && i >= 2
                && toks[i - 1].text == "ramen"
                && toks[i - 2].text == "inom");
        // "försöket har fått namnet ”Lördag på plan”": a quoted name.
        if lower == "namnet" {
            out.extend(quoted_after(ctx, t.end));
            continue;
        }
        // "Projektet heter Svalare stad", "Satsningen, som kallas Midnight League": the name after a
        // naming verb.
        let verb_at = match toks.get(i + 1) {
            Some(n) if n.text == "som" && ctx.text[t.end..n.start] == *", " => i + 2,
            _ => i + 1,
        };
        let named = verb_at + 1 < toks.len() && ["heter", "kallas"].contains(&toks[verb_at].text);
        let first = if named { verb_at + 1 } else { i + 1 };
        let from = if named { toks[verb_at].end } else { t.end };
        if cue && i + 1 < toks.len() {
            let plural = SV_PLURAL_INITIATIVE_CUES.contains(lower);
            let name = quoted_after(ctx, from)
                .or_else(|| swedish_name_after(ctx, first))
                .or_else(|| plural.then(|| listed_after_comma(ctx, i)).flatten());
            if let Some(mut c) = name {
                // A cue word says what the name is: it wins over a shape rule on the same words
                // ("fokusområdet Blandad stad" is an initiative, not a municipality).
                c.strength = Strength::Known;
                if plural {
                    out.extend(listed(ctx, &c, " och "));
                } else {
                    out.push(c);
                }
            }
        }
        // "the X scheme called ...", "a consultation, called ...", "a wider plan it calls ...".
        let called = matches!(lower, "called" | "named" | "calls")
            && (i.saturating_sub(3)..i).any(|k| {
                EN_INITIATIVE_HEADS.contains(ctx.lowered[k]) || ctx.lowered[k] == "consultation"
            });
        if called {
            out.extend(quoted_after(ctx, t.end).or_else(|| english_name_after(ctx, i + 1)));
        }
        let community_forest =
            matches!(lower, "forest" | "woodland") && i >= 1 && toks[i - 1].text == "Community";
        if (EN_INITIATIVE_HEADS.contains(lower) || community_forest) && i >= 1 {
            out.extend(english_initiative_before(ctx, i));
        }
        // "the Warm Homes and Healthy Homes schemes": a plural head lists its names.
        if EN_PLURAL_INITIATIVE_HEADS.contains(lower) && i >= 1 && !t.cap {
            if let Some(c) = english_initiative_before(ctx, i) {
                out.extend(listed(ctx, &c, " and "));
            }
        }
    }
    out
}

/// Endings that make a Swedish compound a cue word of its own ("trygghetssatsningen Tryggare
/// Kronoparken", "forskningsprojektet Arbete och trygghet"): every kind of programme is named this way.
static SV_COMPOUND_CUE_ENDINGS: Words = Words::new(&[
    "satsningen",
    "program",
    "projektet",
    "programmet",
    "initiativet",
    "kampanjen",
    "planen",
    "arbetet",
]);

/// Whether a lowercase word is a compound ending in a programme noun, with a first part of at least
/// three letters ("jobbsatsningen", not "satsningen" itself, which the cue list holds).
fn is_compound_cue(lower: &str) -> bool {
    lower.len() >= "planen".len() + 3
        && SV_COMPOUND_CUE_ENDINGS
            .endings(lower)
            .next()
            .is_some_and(|e| lower.len() >= e.len() + 3)
}

/// "två satsningar, Simkunnig Kalmar och Läxhjälp på Funkabo, flyttar ...": after a plural cue and a
/// comma, the names listed up to the next mark.
fn listed_after_comma<'a>(ctx: &Ctx<'a>, cue: usize) -> Option<Cand<'a>> {
    let (t, next) = (&ctx.toks[cue], ctx.toks.get(cue + 1)?);
    if &ctx.text[t.end..next.start] != ", " {
        return None;
    }
    let mut c = swedish_name_after_gap(ctx, cue + 1)?;
    // A list needs its "och": "satsningar, Anna Berg säger" is no list of names.
    ctx.text[c.start..c.end].contains(" och ").then(|| {
        c.strength = Strength::Known;
        c
    })
}

/// "Cykelplanen 2018–2030", "Trafikstrategin 2035": a capitalized plan, programme or strategy compound
/// with its period is an initiative (without a year, "Detaljplanen" is more often a common noun).
fn dated_plan<'a>(ctx: &Ctx<'a>, i: usize) -> Option<Cand<'a>> {
    let t = &ctx.toks[i];
    let lower = ctx.lowered[i];
    let compound = t.cap
        && [
            "planen",
            "programmet",
            "strategin",
            "satsningen",
            "projektet",
        ]
        .iter()
        .any(|e| lower.len() >= e.len() + 3 && lower.ends_with(e));
    if !compound {
        return None;
    }
    let end = year_range_after(ctx.text, t.end);
    (end > t.end).then(|| initiative(t.start, end, &ctx.text[t.start..end]))
}

/// Most tokens of a programme name that stands before its years with no cue word.
const DATED_NAME_TOKENS: usize = 5;

/// "en del av Hela Hjällbo 2023–2027", "försöket Nära vård i Jämtland 2025–2026": a name followed by a
/// range of years is a programme's even without a cue word (a place or body is not written with a
/// period). The name runs back from the years over capitalized words, lowercase content words and
/// joiners, and starts at its first capitalized word that is not an ordinary word opening a sentence.
fn dated_name<'a>(ctx: &Ctx<'a>, i: usize) -> Option<Cand<'a>> {
    let toks = &ctx.toks;
    let t = &toks[i];
    let end = year_range_after(ctx.text, t.end);
    // A range only ("2023–2027"): one year after a name is as often a date ("Göteborg 2025").
    if end < t.end + 10 || !text::joined(ctx.text, t, toks.get(i + 1)?) {
        return None;
    }
    let (mut start_at, mut lower_seen) = (None, false);
    for k in (i.saturating_sub(DATED_NAME_TOKENS - 1)..=i).rev() {
        let w = &toks[k];
        if k < i && !text::joined(ctx.text, w, &toks[k + 1]) {
            break;
        }
        let ok = w.cap || NAME_JOINERS.contains(w.text) || !NAME_STOPS.contains(w.text);
        // "Trafikverkets satsning Bärkraft Östergötland 2025–2030": a lowercase cue word is before
        // the name, never in it.
        let cue = !w.cap
            && k < i
            && (SV_INITIATIVE_CUES.contains(ctx.lowered[k])
                || APPOSITIVE_HEADS.contains(ctx.lowered[k])
                || is_compound_cue(ctx.lowered[k]));
        if !ok || cue || w.text.starts_with(|c: char| c.is_ascii_digit()) {
            break;
        }
        // "The Early Years Strategy 2023–2028": an article or ordinary word opening the sentence is
        // not the name's first word.
        // A cue word opening the sentence ("Satsningen Unga på Backa 2024–2026") is not part of it either.
        let lower = ctx.lowered[k];
        let ordinary = NAME_STOPS.contains(lower)
            || (w.sentence_start
                && (common_word_at_sentence_start(ctx, w.start, w.end)
                    || SV_INITIATIVE_CUES.contains(lower)
                    || is_compound_cue(lower)));
        // "Ombyggnaden ingår i Cykelplanen 2018–2030": past a lowercase word, only the capitalized word
        // right before it may open the name ("Nära vård i Jämtland"), and never a sentence's first word.
        if w.cap && !ordinary {
            if lower_seen && w.sentence_start {
                break;
            }
            start_at = Some(k);
            if lower_seen {
                break;
            }
        } else if !w.cap && !NAME_JOINERS.contains(w.text) {
            lower_seen = true;
        }
        if w.sentence_start {
            break;
        }
    }
    let start = toks[start_at?].start;
    let name = &ctx.text[start..end];
    if ctx.gaz.lookup(&ctx.text[start..t.end]).is_some() {
        return None;
    }
    Some(initiative(start, end, name))
}

/// "ett gemensamt program, Kumla lär 2025–2028": a capitalized word and a lowercase one before a range
/// of years, after a comma or a cue word, are a programme's name ("Växjö läser"). Elsewhere the same
/// shape is a place and its verb ("Bygget i Kortedala pågår 2024–2026"), so the words before must say it.
fn dated_lowercase_name<'a>(ctx: &Ctx<'a>, i: usize) -> Option<Cand<'a>> {
    let toks = &ctx.toks;
    let t = &toks[i];
    let end = year_range_after(ctx.text, t.end);
    if end < t.end + 10 || i < 2 {
        return None;
    }
    if NAME_JOINERS.contains(toks[i - 1].text) {
        return dated_programme_name(ctx, i, end);
    }
    let (name, before) = (&toks[i - 1], &toks[i - 2]);
    if NAME_STOPS.contains(t.text)
        || !name.cap
        || name.sentence_start
        || !text::joined(ctx.text, name, t)
    {
        return None;
    }
    let lower = ctx.lowered[i - 2];
    let cue = (text::joined(ctx.text, before, name)
        && (SV_INITIATIVE_CUES.contains(lower) || is_compound_cue(lower)))
        || &ctx.text[before.end..name.start] == ", ";
    cue.then(|| cued_initiative(name.start, end, &ctx.text[name.start..end]))
}

/// "Boendeplan för äldre 2024–2032": a capitalized compound of a programme noun, a joiner and the
/// lowercase word `i` before a range of years ending at `end` are the programme's name.
fn dated_programme_name<'a>(ctx: &Ctx<'a>, i: usize, end: usize) -> Option<Cand<'a>> {
    let toks = &ctx.toks;
    let (name, joiner, t) = (&toks[i - 2], &toks[i - 1], &toks[i]);
    let shape = name.cap
        && text::joined(ctx.text, name, joiner)
        && text::joined(ctx.text, joiner, t)
        && is_programme_compound(ctx.lowered[i - 2]);
    shape.then(|| cued_initiative(name.start, end, &ctx.text[name.start..end]))
}

/// Whether a lowercase word is a compound of a programme noun ("boendeplan", "kulturprogram").
fn is_programme_compound(lower: &str) -> bool {
    PROGRAMME_ENDINGS
        .endings(lower)
        .any(|e| lower.len() >= e.len() + 3)
}

/// Programme nouns, indefinite and definite, that end a compound naming a programme or that stand
/// after a name as its appositive ("Skolstruktur 2030, planen för ...").
static PROGRAMME_ENDINGS: Words = Words::new(&[
    "plan",
    "planen",
    "program",
    "programmet",
    "strategi",
    "strategin",
    "satsning",
    "satsningen",
    "projekt",
    "projektet",
    "vision",
    "visionen",
]);

/// "Skolstruktur 2030, planen för ...", "Stombuss 2030, Region Stockholms plan för ...": one capitalized
/// word and a year, then an appositive that says it is a programme (a programme noun, or an owner's
/// genitive and one), are a programme's name.
fn year_name_before_appositive<'a>(ctx: &Ctx<'a>, i: usize) -> Option<Cand<'a>> {
    let toks = &ctx.toks;
    let (t, year) = (&toks[i], toks.get(i + 1)?);
    let is_year = year.text.len() == 4 && year.text.starts_with("20");
    if !is_year || t.sentence_start || !text::joined(ctx.text, t, year) {
        return None;
    }
    let rest = ctx.text[year.end..].strip_prefix(", ")?;
    // Up to two capitalized owner words ("Region Stockholms"), then the programme noun.
    let mut words = rest.split(' ').take(3);
    let noun = words.find(|w| !w.starts_with(char::is_uppercase))?;
    let noun = noun.trim_end_matches(|c: char| !c.is_alphabetic());
    let owner = rest.starts_with(char::is_uppercase);
    let owned = !owner || rest[..rest.find(noun)?].trim_end().ends_with('s');
    let programme = PROGRAMME_ENDINGS.contains(noun) && owned;
    programme.then(|| cued_initiative(t.start, year.end, &ctx.text[t.start..year.end]))
}

/// A lowercase owner's genitive that opens an appositive: "council's", "estate's", "kommunens",
/// "stadens".
fn is_owner(t: &text::Token) -> bool {
    !t.cap && (is_possessive(t.text) || (t.text.len() >= 7 && t.text.ends_with("ens")))
}

/// Whether a word ends in the English possessive, with either apostrophe ("Council's", "London’s").
fn is_possessive(word: &str) -> bool {
    word.ends_with("'s") || word.ends_with("’s")
}

/// "New Deal for Tottenham", "New Deal for Communities": the programme and the place or group it names.
fn new_deal<'a>(ctx: &Ctx<'a>, i: usize) -> Option<Cand<'a>> {
    let toks = &ctx.toks;
    if toks[i].text != "New"
        || toks.get(i + 1)?.text != "Deal"
        || toks.get(i + 2)?.text != "for"
        || !toks.get(i + 3)?.cap
    {
        return None;
    }
    let mut last = i + 3;
    while toks
        .get(last + 1)
        .is_some_and(|n| n.cap && text::joined(ctx.text, &toks[last], n))
    {
        last += 1;
    }
    let (start, end) = (toks[i].start, toks[last].end);
    Some(cued_initiative(start, end, &ctx.text[start..end]))
}

/// "satsningarna Jobbsprånget och Sommarlyftet": after a plural cue, names joined by "och" are each
/// their own initiative (a singular cue keeps "Hållbara och jämlika livsmiljöer" whole).
fn listed<'a>(ctx: &Ctx<'a>, c: &Cand<'a>, and: &str) -> Vec<Cand<'a>> {
    let whole = &ctx.text[c.start..c.end];
    let parts: Vec<(usize, &str)> = whole
        .split(and)
        .scan(c.start, |at, part| {
            let start = *at;
            *at += part.len() + and.len();
            Some((start, part))
        })
        .collect();
    if parts.len() < 2
        || !parts
            .iter()
            .all(|(_, p)| p.chars().next().is_some_and(char::is_uppercase))
    {
        return vec![c.clone()];
    }
    parts
        .into_iter()
        .map(|(start, p)| {
            let mut part = initiative(start, start + p.len(), p);
            part.strength = c.strength;
            part
        })
        .collect()
}

/// The end of a year or year range right after `end` (" 2030", " 2022–2025", " 2018-2030"): programme
/// names carry their period.
fn year_range_after(text: &str, end: usize) -> usize {
    let rest = &text.as_bytes()[end..];
    // Most words are not followed by a space and a digit: the common case returns first.
    if !matches!(rest, [b' ', d, ..] if d.is_ascii_digit()) {
        return end;
    }
    let year = |b: &[u8]| {
        b.len() >= 4
            && b[..4].iter().all(u8::is_ascii_digit)
            && b.get(4).is_none_or(|c| !c.is_ascii_alphanumeric())
    };
    if rest.first() != Some(&b' ') || !year(&rest[1..]) {
        return end;
    }
    let after_first = end + 5;
    let tail = &text[after_first..];
    let dash = ['–', '—', '-', '‒', '−']
        .into_iter()
        .find(|d| tail.starts_with(*d))
        .map_or(0, char::len_utf8);
    if dash > 0 && year(&tail.as_bytes()[dash..]) {
        after_first + dash + 4
    } else {
        after_first
    }
}

fn initiative<'a>(start: usize, end: usize, name: impl Into<Cow<'a, str>>) -> Cand<'a> {
    Cand::new(
        start,
        end,
        EntityKind::Initiative,
        "Project",
        name,
        Strength::Shape,
    )
}

/// An initiative that a cue word or a programme noun says is one: it wins over a shape rule on the same
/// words.
fn cued_initiative<'a>(start: usize, end: usize, name: impl Into<Cow<'a, str>>) -> Cand<'a> {
    let mut c = initiative(start, end, name);
    c.strength = Strength::Known;
    c
}

/// A name in quotation marks that ends right before `at` (`“Tip Watch” scheme`): four words at most,
/// the first capitalized, so that a quoted remark before a noun is not taken.
fn quoted_before<'a>(ctx: &Ctx<'a>, at: usize) -> Option<Cand<'a>> {
    let before = ctx.text[..at].strip_suffix(' ')?;
    let close = before.chars().next_back()?;
    let open = match close {
        '”' => ['“', '”'],
        '"' => ['"', '"'],
        _ => return None,
    };
    let inner_end = before.len() - close.len_utf8();
    let start = before[..inner_end].rfind(open)?;
    let mark = before[start..].chars().next()?.len_utf8();
    let name = &before[start + mark..inner_end];
    let words = name.split_whitespace().count();
    // "Your Council, Your Say": a comma inside may part two capitalized halves.
    let commas_part_names = name
        .match_indices(", ")
        .all(|(i, _)| name[i + 2..].starts_with(char::is_uppercase))
        && !name.ends_with(',');
    let fits = (1..=4).contains(&words)
        && name.starts_with(char::is_uppercase)
        && !name.contains(['.', '!', '?'])
        && (!name.contains(',') || commas_part_names);
    fits.then(|| cued_initiative(start + mark, inner_end, name))
}

/// A quoted name right after a cue word: `satsningen ”Trygg i Angered”`.
fn quoted_after<'a>(ctx: &Ctx<'a>, from: usize) -> Option<Cand<'a>> {
    let rest = &ctx.text[from..];
    let trimmed = rest.trim_start();
    let open = trimmed.chars().next().filter(|c| "\"”“«".contains(*c))?;
    let body_start = from + (rest.len() - trimmed.len()) + open.len_utf8();
    let close = quoted_name_end(&ctx.text[body_start..])?;
    let name = &ctx.text[body_start..body_start + close];
    (name.chars().count() >= 3 && name.chars().next()?.is_uppercase())
        .then(|| initiative(body_start, body_start + close, name.trim()))
}

/// Most words a name in quotation marks may have.
const QUOTED_NAME_WORDS: usize = 8;

/// Where the closing mark of a quoted name is, when at most [`QUOTED_NAME_WORDS`] words come before
/// it: the search stops at the word after those, instead of running on to the next mark however far
/// it is (which made a text of many cue words and opening marks quadratic).
fn quoted_name_end(text: &str) -> Option<usize> {
    let (mut words, mut in_word) = (0, false);
    for (i, c) in text.char_indices() {
        if matches!(c, '"' | '”' | '»') {
            return Some(i);
        }
        if c.is_whitespace() {
            in_word = false;
        } else if !in_word {
            in_word = true;
            words += 1;
            if words > QUOTED_NAME_WORDS {
                return None;
            }
        }
    }
    None
}

/// Most tokens a rule walks over from its cue to find a name's other end: far more than any name has,
/// and a bound on the work per cue word, so that a text of cue words amid capitalized words stays linear.
const NAME_TOKENS: usize = 16;

/// A Swedish initiative name after a cue: a capitalized word, then capitalized words, or up to four
/// lowercase words until punctuation or a word that ends names ("Kultur nära alla har ...").
fn swedish_name_after<'a>(ctx: &Ctx<'a>, first: usize) -> Option<Cand<'a>> {
    let head = ctx.toks.get(first)?;
    if !text::joined(ctx.text, &ctx.toks[first - 1], head) {
        return None;
    }
    swedish_name_after_gap(ctx, first)
}

/// [`swedish_name_after`] whatever stands between the cue and the name's first token.
fn swedish_name_after_gap<'a>(ctx: &Ctx<'a>, first: usize) -> Option<Cand<'a>> {
    let toks = &ctx.toks;
    let head = toks.get(first)?;
    if !head.cap {
        return None;
    }
    let mut last = first + 1;
    // Where the current name starts: "Nattvandring i Kumla och Sommarkul för alla" counts the words of
    // each listed name from its own first word.
    let mut part = first;
    // "Move & Learn": an ampersand between capitalized words joins them as a space does.
    let joined = |a: &Token, b: &Token| {
        text::joined(ctx.text, a, b) || b.cap && a.cap && &ctx.text[a.end..b.start] == " & "
    };
    while last < toks.len() && last - first < NAME_TOKENS && joined(&toks[last - 1], &toks[last]) {
        let t = &toks[last];
        // "Simglad i Nättraby fortsätta": after "i X", "på X", a lowercase word is the sentence's again.
        let after_place =
            last >= part + 2 && toks[last - 1].cap && NAME_JOINERS.contains(toks[last - 2].text);
        if after_place && !t.cap && !["och", "i"].contains(&t.text) {
            break;
        }
        // A year ends the words; `year_range_after` takes it with its range.
        if t.text.starts_with(|c: char| c.is_ascii_digit()) {
            break;
        }
        // "Gröna gårdar i stadens miljöprogram": "i" before an owner's definite genitive says whose
        // programme the name belongs to.
        let owner = |n: &Token| !n.cap && (n.text.ends_with("ens") || n.text.ends_with("ets"));
        if t.text == "i" && toks.get(last + 1).is_some_and(owner) {
            break;
        }
        // "Svalare stad och finansieras av Formas": a passive verb after "och" starts a new clause.
        let clause = t.text == "och" && toks.get(last + 1).is_some_and(|n| n.text.ends_with('s'));
        // "Mötesplats Noltorp och kostar drygt": after two capitalized words a lowercase word after
        // "och" is the sentence's verb, not the name's.
        let verb_after = t.text == "och"
            && last >= first + 2
            && toks[last - 1].cap
            && toks[last - 2].cap
            && toks.get(last + 1).is_some_and(|n| !n.cap);
        if clause || verb_after {
            break;
        }
        // "Unga in i arbetslivet": Swedish "in i", not the English stop word.
        let swedish_in = t.text == "in" && toks.get(last + 1).is_some_and(|n| n.text == "i");
        let lower_ok = !t.cap && (swedish_in || !NAME_STOPS.contains(t.text)) && last - part < 5;
        let next_is_content = toks.get(last + 1).is_some_and(|n| {
            !n.cap && !NAME_STOPS.contains(n.text) && text::joined(ctx.text, t, n)
        });
        // "Läxhjälp på Funkabo", "Unga på Hisingen": a joiner before a capitalized name, as "i" is.
        let next_is_name = toks
            .get(last + 1)
            .is_some_and(|n| n.cap && text::joined(ctx.text, t, n));
        let joiner = NAME_JOINERS.contains(t.text)
            && ((next_is_content && last - part < 4)
                || (t.text == "på" && next_is_name && last - part < 6));
        if t.cap
            || lower_ok
            || joiner
            || ((t.text == "och" || t.text == "i") && last + 1 < toks.len())
        {
            if t.text == "och" && next_is_name {
                part = last + 1;
            }
            last += 1;
        } else {
            break;
        }
    }
    while last > first + 1 && ["och", "i"].contains(&toks[last - 1].text) {
        last -= 1;
    }
    let start = head.start;
    let end = version_after(ctx.text, year_range_after(ctx.text, toks[last - 1].end));
    let name = &ctx.text[start..end];
    if known_as_other(ctx, name, EntityKind::Initiative) {
        return None;
    }
    Some(initiative(start, end, name))
}

/// Words that may stand inside an initiative name between content words ("Bostad för alla").
static NAME_JOINERS: Words = Words::new(&[
    "för", "med", "efter", "på", "av", "till", "utan", "mot", "i",
]);

/// "the Crosstown Connect scheme" → "Crosstown Connect"; "the Homes for Manchester programme" keeps its
/// inner "for"; a capitalized head belongs to the name ("York Flood Alleviation Scheme").
fn english_initiative_before<'a>(ctx: &Ctx<'a>, head: usize) -> Option<Cand<'a>> {
    let toks = &ctx.toks;
    let joined = |a: usize| text::joined(ctx.text, &toks[a], &toks[a + 1]);
    // "Hawthorn Drive" is a street; "the Keep Tidy drive" a campaign.
    if toks[head].cap && ctx.lowered[head] == "drive" {
        return None;
    }
    // "the Wakefield and Five Towns Community Woodland": a forest is a programme when it is the
    // community's.
    if matches!(ctx.lowered[head], "forest" | "woodland")
        && (!toks[head].cap || toks[head - 1].text != "Community")
    {
        return None;
    }
    // "the council's Wild Tots and Park Pals activity programmes": one lowercase word of what the
    // programme does may stand between the name and its head.
    let named_head = if !toks[head].cap
        && head >= 2
        && PROGRAMME_MODIFIERS.contains(ctx.lowered[head - 1])
        && toks[head - 2].cap
        && joined(head - 2)
        && joined(head - 1)
    {
        head - 1
    } else {
        head
    };
    let mut first = named_head;
    let mut colon = false;
    while named_head - first < NAME_TOKENS {
        if first > 0 && toks[first - 1].cap && joined(first - 1) {
            first -= 1;
        } else if first > 1
            && !colon
            && &ctx.text[toks[first - 1].end..toks[first].start] == ": "
            && toks[first].cap
            && toks[first - 1].cap
            && !toks[first - 1].sentence_start
            && joined(first - 2)
        {
            // "the government's Warm Homes: Social Housing Fund": a name may have a colon inside.
            colon = true;
            first -= 1;
        } else if first > 1
            && first < named_head
            && ["for", "at", "of", "and", "on", "in", "to"].contains(&toks[first - 1].text)
            && toks[first - 2].cap
            && joined(first - 2)
            && joined(first - 1)
        {
            first -= 2;
        } else {
            break;
        }
    }
    // "The Early Years Strategy ...": a sentence's article is not part of the name.
    if toks[first].sentence_start
        && ["The", "A", "An", "Its", "Their", "Our"].contains(&toks[first].text)
    {
        first += 1;
    }
    // "the government's Plan for Neighbourhoods", "the Long-Term Plan for Towns": a capitalized head
    // goes on with "for" and what the programme is for.
    // Alone, only a plan's or a fund's head does: "Campaign for Better Transport" is a charity.
    let for_end = for_name_after(ctx, head);
    let plan = matches!(
        ctx.lowered[head],
        "plan" | "fund" | "strategy" | "programme"
    );
    let alone = first == named_head && !(plan && for_end.is_some());
    if alone || toks[first].sentence_start && first + 1 == named_head {
        return None;
    }
    // "Lindsay Drive" is a street, not a fundraising drive; "Aberdeen City Health and Social Care
    // Partnership" is a body (so are integrated care partnerships), not a programme.
    if toks[head].cap
        && (EN_PLACE_HEADS.contains(toks[head].text)
            || toks[head].text == "Partnership" && toks[head - 1].text == "Care")
    {
        return None;
    }
    // "Working Tax Credit", "Household Support Fund", "Sure Start", "Clean Air Zone": these heads name
    // a programme only capitalized, and "Sophie Grant" is a person.
    let money_head = CAPITALIZED_ONLY_HEADS.contains(ctx.lowered[head]);
    // A person is a given name and the head ("Sophie Grant", "Mary Ann Grant"); "Urban Tree Challenge
    // Fund" opens with a word that is a given name too, but goes on with other words.
    let given = |k: usize| ctx.gaz.is_given_name(toks[k].text);
    let person = given(first) && (first + 1 == head || (first + 2 == head && given(first + 1)));
    if money_head && (!toks[head].cap || person) {
        return None;
    }
    let last = if toks[head].cap { head } else { named_head - 1 };
    // "NHS England's Hospital at Home scheme": the owner is not part of the name.
    if let Some(owner) = (first..last).rev().find(|&k| is_possessive(toks[k].text)) {
        first = owner + 1;
    }
    // A colon the name does not reach back over is a colon of the sentence ("Funding: Social Fund").
    if colon && toks[first].start > 0 && ctx.text[..toks[first].start].ends_with(": ") {
        return None;
    }
    let start = toks[first].start;
    let end = match for_end {
        Some(end) => end,
        None if last == head => year_range_after(ctx.text, toks[last].end),
        None => toks[last].end,
    };
    let mut c = initiative(start, end, &ctx.text[start..end]);
    // "funded by the Coalfields Regeneration Trust Fund": a fund that pays is a funder.
    if ctx.lowered[head] == "fund" && funder_before(ctx, first) {
        c.kind = EntityKind::Organization;
        c.schema_type = "Organization";
    }
    Some(c)
}

/// Capitalized words from token `first` up to a comma or full stop, two or more and not a person's
/// name: "a campaign, Keep Our Schools Local, and".
fn name_in_commas<'a>(ctx: &Ctx<'a>, first: usize) -> Option<Cand<'a>> {
    let toks = &ctx.toks;
    let head = toks.get(first)?;
    if !head.cap || ctx.gaz.is_given_name(head.text) || HONORIFICS.contains(head.text) {
        return None;
    }
    let mut last = first;
    while last - first < NAME_TOKENS {
        let Some(next) = toks.get(last + 1) else {
            break;
        };
        let small = ["to", "for", "of", "and", "the", "our", "in", "a"].contains(&next.text);
        if !text::joined(ctx.text, &toks[last], next) || !(next.cap || small) {
            break;
        }
        last += 1;
    }
    let end = year_range_after(ctx.text, toks[last].end);
    let closed = ctx.text[end..].starts_with([',', '.']) && toks[last].cap;
    (closed && last > first).then(|| cued_initiative(head.start, end, &ctx.text[head.start..end]))
}

/// Lowercase words of what a programme does, between its name and its head ("the Wild Tots activity
/// programme", "the Your Say budget consultation").
static PROGRAMME_MODIFIERS: Words = Words::new(&[
    "activity",
    "activities",
    "budget",
    "funding",
    "support",
    "training",
    "outreach",
    "wellbeing",
    "engagement",
    "skills",
    "employability",
]);

/// The end of "for" and one or two capitalized words after a capitalized programme head ("Plan for
/// Neighbourhoods", "Fund for Wales").
fn for_name_after(ctx: &Ctx, head: usize) -> Option<usize> {
    let toks = &ctx.toks;
    let joined = |a: usize| text::joined(ctx.text, &toks[a], &toks[a + 1]);
    let head_ok = toks[head].cap && !toks[head].sentence_start;
    if !head_ok || toks.get(head + 1)?.text != "for" || !toks.get(head + 2)?.cap {
        return None;
    }
    if !joined(head) || !joined(head + 1) {
        return None;
    }
    let mut last = head + 2;
    if toks.get(last + 1).is_some_and(|n| n.cap) && joined(last) {
        last += 1;
    }
    Some(toks[last].end)
}

/// Whether the words before `first` make the fund named from there a body that pays: "funded by the",
/// "backed by the", "a grant from the".
fn funder_before(ctx: &Ctx, first: usize) -> bool {
    let w = |back: usize| first.checked_sub(back).map(|k| ctx.lowered[k]);
    w(1) == Some("the")
        && match w(2) {
            Some("by") => matches!(w(3), Some("funded" | "backed" | "supported")),
            Some("from") => matches!(w(3), Some("grant" | "grants")),
            _ => false,
        }
}

/// Nouns that, after a comma and a determiner, say that the name before the comma is a programme's:
/// "Trygg uppväxt, den nationella satsningen", "Piteå 2030, kommunens vision", "Fair Work Wales, the
/// national employment support service".
static APPOSITIVE_HEADS: Words = Words::new(&[
    "satsning",
    "satsningen",
    "reform",
    "reformen",
    "vision",
    "visionen",
    "program",
    "programmet",
    "strategi",
    "strategin",
    "service",
    "programme",
    "scheme",
    "initiative",
    "strategy",
    "masterplan",
    "campaign",
    "plan",
    "course",
    "samarbete",
    "samarbetet",
]);

/// Determiners that open an appositive after a name ("den", "the") or a genitive owner ("kommunens").
static APPOSITIVE_OPENERS: Words = Words::new(&[
    "den",
    "det",
    "en",
    "ett",
    "the",
    "a",
    "an",
    "kommunens",
    "stadens",
    "regionens",
    "statens",
    "regeringens",
    "council's",
    "government's",
]);

/// Most lowercase words between an appositive's opener and its head ("the regional employment support
/// service").
const APPOSITIVE_WORDS: usize = 4;

/// Small words that join capitalized words into one name ("Safe and Strong Wolverhampton", "Fit for
/// Girls").
const CAPITAL_JOINERS: [&str; 4] = ["and", "och", "for", "of"];

/// "arbetet med Trygg uppväxt, den nationella satsning som ...": the name before a comma that an
/// appositive calls a programme. The name is the capitalized word after a preposition or cue and the
/// words up to the comma (capitalized words, lowercase content words, a year).
fn named_before_appositive<'a>(ctx: &Ctx<'a>, head: usize) -> Option<Cand<'a>> {
    let toks = &ctx.toks;
    let mut k = head.checked_sub(1)?;
    let opener = |k: usize| APPOSITIVE_OPENERS.contains(ctx.lowered[k]) || is_owner(&toks[k]);
    // "miljö- och klimatprogram": a hyphen that leaves a compound's head to the next word joins too.
    let joined = |k: usize| {
        text::joined(ctx.text, &toks[k], &toks[k + 1])
            || &ctx.text[toks[k].end..toks[k + 1].start] == "- "
    };
    while k > 0 && head - k <= APPOSITIVE_WORDS && !opener(k) {
        if toks[k].cap || !joined(k) {
            return None;
        }
        k -= 1;
    }
    if !opener(k) || k == 0 {
        return None;
    }
    // "the council's", "the city's": an article before the owner's genitive.
    if k > 1 && is_owner(&toks[k]) && matches!(ctx.lowered[k - 1], "the" | "den" | "det") {
        k -= 1;
    } else if k > 2
        && is_owner(&toks[k])
        && toks[k - 1].cap
        && matches!(ctx.lowered[k - 2], "the" | "den" | "det")
    {
        // "the Scottish government's employability programme": an adjective before the owner.
        k -= 2;
    }
    let last = k - 1;
    if &ctx.text[toks[last].end..toks[k].start] != ", " {
        return None;
    }
    // Back from the comma over the name's words to the word before it, which must end a clause's
    // preposition or cue ("med", "on", "inom", "som en del av").
    let mut first = last;
    while first > 0 && last - first < DATED_NAME_TOKENS {
        let w = &toks[first - 1];
        if !text::joined(ctx.text, w, &toks[first]) || w.sentence_start {
            break;
        }
        let digits = w.text.starts_with(|c: char| c.is_ascii_digit());
        // "Safe and Strong Wolverhampton": "and" between two capitalized words joins one name.
        let joins = CAPITAL_JOINERS.contains(&w.text)
            && first >= 2
            && toks[first - 2].cap
            && !toks[first - 2].sentence_start
            && toks[first].cap;
        if !digits && (w.cap || joins || !NAME_STOPS.contains(w.text)) {
            first -= 1;
        } else {
            break;
        }
    }
    let before = first.checked_sub(1).map(|p| ctx.lowered[p])?;
    let opens = NAME_STOPS.contains(before)
        || before == "i"
        || SV_INITIATIVE_CUES.contains(before)
        || EN_INITIATIVE_HEADS.contains(before);
    // The name opens with a capitalized word that is not a sentence's first.
    while first < last && !toks[first].cap {
        first += 1;
    }
    // "volunteers run Bwyd i Bawb, a scheme that ...": a name of capitalized words (and the small words
    // between them) needs no cue before it, the appositive says what it is.
    let small = |w: &str| NAME_JOINERS.contains(w) || CAPITAL_JOINERS.contains(&w);
    let capitalized = (first..=last).all(|j| toks[j].cap || small(toks[j].text)) && toks[last].cap;
    if !(opens || capitalized) || !toks[first].cap || toks[first].sentence_start || first == last {
        return None;
    }
    let (start, end) = (toks[first].start, toks[last].end);
    let name = &ctx.text[start..end];
    if known_as_other(ctx, name, EntityKind::Initiative) {
        return None;
    }
    Some(cued_initiative(start, end, name))
}

/// The end of a version number right after `end` (" 2.0"): "Drottninghög 2.0" is a programme's name.
fn version_after(text: &str, end: usize) -> usize {
    let rest = &text.as_bytes()[end..];
    let digits = |b: &[u8]| b.iter().take_while(|c| c.is_ascii_digit()).count();
    if rest.first() != Some(&b' ') {
        return end;
    }
    let major = digits(&rest[1..]);
    if major == 0 || major > 2 || rest.get(1 + major) != Some(&b'.') {
        return end;
    }
    let minor = digits(&rest[2 + major..]);
    let after = 2 + major + minor;
    if minor == 0 || rest.get(after).is_some_and(u8::is_ascii_alphanumeric) {
        return end;
    }
    end + after
}

/// Plural heads after names listed with "and" ("the Sure Start and Flying Start programmes").
static EN_PLURAL_INITIATIVE_HEADS: Words = Words::new(&[
    "programmes",
    "programs",
    "schemes",
    "projects",
    "initiatives",
    "campaigns",
]);

/// Heads that end a programme's name only when capitalized as part of it: lowercase, they are ordinary
/// words ("a fresh start", "a 20mph zone", "a grant").
static CAPITALIZED_ONLY_HEADS: Words = Words::new(&[
    "credit",
    "fund",
    "grant",
    "allowance",
    "start",
    "zone",
    "entitlement",
]);

/// "The scheme, called Waiting Well, ...": capitalized words after "called", with "for", "of", "and",
/// "in", "at", "on" between them ("Homes for Manchester").
fn english_name_after<'a>(ctx: &Ctx<'a>, first: usize) -> Option<Cand<'a>> {
    let toks = &ctx.toks;
    let head = toks.get(first)?;
    if !head.cap || !text::joined(ctx.text, &toks[first - 1], head) {
        return None;
    }
    let joined = |a: usize| {
        toks.get(a + 1)
            .is_some_and(|n| text::joined(ctx.text, &toks[a], n))
    };
    let mut last = first;
    while last - first < NAME_TOKENS && joined(last) {
        let next = &toks[last + 1];
        if next.cap && !next.sentence_start {
            last += 1;
        } else if ["for", "of", "and", "in", "at", "on"].contains(&next.text)
            && joined(last + 1)
            && toks[last + 2].cap
        {
            last += 2;
        } else {
            break;
        }
    }
    let (start, end) = (head.start, toks[last].end);
    Some(initiative(start, end, &ctx.text[start..end]))
}

/// Endings of an English word that says which party runs a body: "Labour-run Middlesbrough Council".
const CONTROL_SUFFIXES: [&str; 3] = ["-run", "-led", "-controlled"];

/// "Labour-run Middlesbrough Council" → "Middlesbrough Council": the party that runs a council is not
/// part of its name (the party is a candidate of its own, [`party_running`]).
fn without_control_prefix(start: usize, text: &str) -> (usize, &str) {
    // The party has one or two words ("Labour-run", "Plaid Cymru-led").
    let mut words = text.match_indices(' ').map(|(i, _)| i).take(2);
    for end in words.by_ref() {
        if CONTROL_SUFFIXES.iter().any(|s| text[..end].ends_with(s)) {
            return (start + end + 1, &text[end + 1..]);
        }
    }
    (start, text)
}

/// "Conservative-run", "Labour-led": the party named before the hyphen, when the gazetteer knows it.
fn party_running<'a>(ctx: &Ctx<'a>, t: &Token<'a>) -> Option<Cand<'a>> {
    let suffix = CONTROL_SUFFIXES.iter().find(|s| t.text.ends_with(*s))?;
    let name = &t.text[..t.text.len() - suffix.len()];
    // "Plaid Cymru-led": a party of two words, the first a token of its own.
    let start = ctx.text[..t.start]
        .strip_suffix(' ')
        .and_then(|b| b.rfind(' ').map(|i| i + 1).or(Some(0)))
        .filter(|&s| ctx.text[s..].starts_with(char::is_uppercase));
    let two_words = start.map(|s| &ctx.text[s..t.start + name.len()]);
    // "Conservative-run": the gazetteer knows the party as "Conservatives".
    let (start, entry) = match ctx
        .gaz
        .lookup(name)
        .or_else(|| ctx.gaz.lookup(&format!("{name}s")))
    {
        Some(entry) => (t.start, entry),
        None => (start?, ctx.gaz.lookup(two_words?)?),
    };
    (ctx.gaz.entry(entry).kind == EntityKind::Organization)
        .then(|| Cand::known(ctx, start, t.start + name.len(), entry))
}

/// A word without its possessive "'s" or "’s" (curly-quote texts write "London’s"), stripped by suffix
/// rather than with a substring searcher, which cost more than the rest of the test on every
/// capitalized run.
fn without_apostrophe_s(mut word: &str) -> &str {
    while let Some(rest) = word.strip_suffix("'s").or_else(|| word.strip_suffix("’s")) {
        word = rest;
    }
    word
}

/// A word without one possessive ending, straight ("Office's") or typographic ("Office’s").
fn without_possessive(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word)
}

/// The organization that owns what follows it in a run: the words from `start` to the owner's "'s" ("the
/// Home Office" of "the Home Office's Safer Streets Fund"), without a leading article or the possessive.
fn owner_organization<'a>(ctx: &Ctx<'a>, start: usize, owner_end: usize) -> Cand<'a> {
    let (start, text) = strip_article(ctx, start, &ctx.text[start..owner_end]);
    let name = without_possessive(text);
    Cand::organization(start, name)
}

/// Head words of a street's name, which an honorific and a given name can start ("Sir Thomas Street").
const STREET_HEADS: [&str; 12] = [
    "Street", "Road", "Avenue", "Lane", "Drive", "Way", "Square", "Place", "Gardens", "Terrace",
    "Close", "Crescent",
];

/// Whether the gazetteers know `name` as something other than `kind`: a listed entry knows its kind
/// better than a shape rule does (a company the gazetteer lists stays a company after a programme's cue).
fn known_as_other(ctx: &Ctx<'_>, name: &str, kind: EntityKind) -> bool {
    ctx.gaz
        .lookup(name)
        .is_some_and(|e| ctx.gaz.entry(e).kind != kind)
}

/// Last words of newspapers' names, Swedish and British ("Motala Tidning", "Norrköpings Tidningar",
/// "Ystads Allehanda", "Liverpool Echo", "Yorkshire Post"), from the papers' own mastheads.
static PAPER_HEADS: Words = Words::new(&[
    "Tidning",
    "Tidningar",
    "Tidningen",
    "Nyheter",
    "Dagblad",
    "Dagbladet",
    "Allehanda",
    "Kuriren",
    "Korrespondenten",
    "Standard",
    "Courier",
    "Gazette",
    "Echo",
    "Herald",
    "Advertiser",
    "Chronicle",
    "Argus",
    "Mercury",
    "Journal",
    "Telegraph",
    "Observer",
    "Post",
    "Times",
]);

/// Classifies a capitalized run as organization, place or person by its words and context.
fn classify_run<'a>(ctx: &Ctx<'a>, run: &Run) -> Option<Cand<'a>> {
    let toks = &ctx.toks;
    let words = &toks[run.first..run.last];
    let (first, last) = (words[0].text, words[words.len() - 1].text);
    let (start, end) = (run.start(toks), run.end(toks));
    let text = &ctx.text[start..end];
    // "HM Coastguard", "HM Land Registry": the Crown's services; "Libraries NI", "Sport NI": Northern
    // Ireland's public bodies by their field.
    let crown_or_ni = ctx.english
        && words.len() > 1
        && (first == "HM" || last == "NI" && ctx.gaz.lookup(first).is_none());
    if crown_or_ni {
        return Some(Cand::organization(start, text));
    }
    // "BBC Radio Kent", "BBC Essex": the BBC's local outlets are organizations, not their county;
    // "Tidningen Ångermanland": a paper named by its region.
    if (first == "BBC" || first == "Tidningen" && !ctx.english) && words.len() > 1 {
        return Some(Cand::new(
            start,
            end,
            EntityKind::Organization,
            "NewsMediaOrganization",
            text,
            Strength::Shape,
        ));
    }
    // "Alingsås Tidning", "Halifax Courier", "Dumfries and Galloway Standard": a town's name before a
    // newspaper word is the paper's masthead, not the town.
    if words.len() > 1 && PAPER_HEADS.contains(last) {
        // "the Dumfries and Galloway Standard": a region's two names joined by "and" open it.
        let f = run.first;
        let joined_and = f >= 2
            && toks[f - 1].text == "and"
            && toks[f - 2].cap
            && text::joined(ctx.text, &toks[f - 2], &toks[f - 1])
            && text::joined(ctx.text, &toks[f - 1], &toks[f]);
        let start = if joined_and { toks[f - 2].start } else { start };
        let (start, name) = strip_article(ctx, start, &ctx.text[start..end]);
        return Some(Cand::new(
            start,
            end,
            EntityKind::Organization,
            "NewsMediaOrganization",
            name,
            Strength::Shape,
        ));
    }
    // "EU-projektet Resilient Rivers": a programme noun before the name is the initiative rule's cue.
    if words.len() > 1 && is_compound_cue(ctx.lowered[run.first]) {
        return None;
    }
    // "the Home Office's Crime Unit": an owner named by an organization head is the organization, and what
    // it owns is not part of it, whatever the run ends in
    // ("Wrekin Council's Cabinet Member for Housing").
    if let Some(k) = words[..words.len() - 1]
        .iter()
        .position(|w| is_possessive(w.text))
    {
        if k > 0 && EN_ORG_HEADS.contains(without_possessive(words[k].text)) {
            return Some(owner_organization(ctx, start, words[k].end));
        }
    }
    if let Some(c) = local_body(ctx, run) {
        return Some(c);
    }
    // "NHS Grampian", "NHS Tayside": a health board named by its area; "Hwb Maesgeirchen", "Coleg Sir
    // Gâr": a Welsh body's head noun comes first.
    if (first == "NHS" || WELSH_ORG_STARTS.contains(first)) && words.len() > 1 {
        return Some(Cand::organization(start, text));
    }
    // "Cabinet Member for Housing", "Director of Public Health": a title with its portfolio, no body.
    if let Some(k) = words.iter().position(|w| w.text == "for" || w.text == "of") {
        if k > 0 && is_title_word(words[k - 1].text) {
            return None;
        }
    }
    // "the Home Office's Safer Streets Fund": a body's programme; the body is the words before "'s" and
    // the programme a candidate of `initiatives`.
    if words.len() > 2 && EN_INITIATIVE_HEADS.contains(ctx.lowered[run.last - 1]) {
        if let Some(owner) = words[..words.len() - 1]
            .iter()
            .rposition(|w| is_possessive(w.text))
        {
            return (owner > 0 || !words[0].sentence_start)
                .then(|| owner_organization(ctx, start, words[owner].end));
        }
    }
    // "Motala Centrumförening", "Kungsbacka Bostadsbolaget": a town before a Swedish body word is the
    // body's, not a place of its own.
    if !ctx.english
        && (2..=3).contains(&words.len())
        && ctx.gaz.lookup(without_possessive(first)).is_some()
        && is_swedish_body_word(ctx.lowered[run.last - 1], true)
    {
        return Some(Cand::organization(start, text));
    }
    if EN_ORG_HEADS.contains(without_apostrophe_s(last))
        || is_town_royal(ctx, words)
        || (words.len() > 1
            && EN_ORG_STARTS.contains(first)
            && ["of", "for"].contains(&words[1].text))
    {
        let (start, text) = without_control_prefix(start, text);
        let (start, name) = strip_article(ctx, start, text);
        if words.len() > 1 || !toks[run.first].sentence_start {
            let name = without_apostrophe_s(name);
            return Some(Cand::organization(start, name));
        }
        return None;
    }
    let last_lower = ctx.lowered[run.last - 1];
    // "the Broadwater Farm estate": the estate's name is the place.
    let estate = ctx.lowered.get(run.last).is_some_and(|w| *w == "estate")
        && text::joined(ctx.text, &toks[run.last - 1], &toks[run.last]);
    if estate && !toks[run.first].sentence_start {
        return Some(Cand::place(start, end, text));
    }
    // "Cllr Jane Hill", "Dr Anna Wood": an honorific before a given name makes a person of a surname that
    // is also a place's head word; "Sir Thomas Street" keeps its street.
    if words.len() > 2
        && HONORIFICS.contains(first)
        && ctx.gaz.is_given_name(words[1].text)
        && !STREET_HEADS.contains(&last)
    {
        if let Some(c) = person(ctx, run) {
            return Some(c);
        }
    }
    // "the River Wensum": "River" before the name as well as after it ("Afon River" is rare).
    let river = words.len() > 1 && first == "River";
    if river
        || (words.len() > 1 && EN_PLACE_HEADS.contains(last))
        || is_swedish_place(last_lower, words.len())
    {
        return Some(Cand::place(start, end, text));
    }
    if let Some(c) = person(ctx, run) {
        return Some(c);
    }
    if CALENDAR_WORDS.contains(first)
        || words.iter().all(|w| {
            w.text
                .chars()
                .all(|c| c.is_uppercase() || !c.is_alphabetic())
        })
    {
        return None;
    }
    let prev = run.first.checked_sub(1).map(|i| toks[i]);
    let after_preposition = prev.is_some_and(|p| {
        PLACE_PREPOSITIONS.contains(p.text) && text::joined(ctx.text, &p, &toks[run.first])
    });
    // "i Hammarkullen och Bergsjön", "in Gorton and Collyhurst": the second name after "och"/"and".
    let after_conjunction = run.first >= 3
        && ["och", "and"].contains(&toks[run.first - 1].text)
        && toks[run.first - 2].cap
        && PLACE_PREPOSITIONS.contains(toks[run.first - 3].text)
        && (run.first - 3..run.first).all(|k| text::joined(ctx.text, &toks[k], &toks[k + 1]));
    let after_preposition = after_preposition
        || after_conjunction
        || in_place_list(ctx, run.first)
        || in_listed_places(ctx, run.first, run.last);
    // "secretary in Inverclyde, Tom Devlin, said": a given name that a speech verb or title marks opens a
    // person's name, not another place in the list.
    let person_named = ctx.gaz.is_given_name(first)
        && words.len() >= 2
        && person_context(ctx, run.first, run.last);
    if after_preposition && words.len() <= 3 && !person_named {
        // "i Frölundas": the genitive's "s" is not part of the name. (This used to ask whether the text
        // also writes the name without it, which it always does, right here: the search only cost a scan
        // of the text before the name for each such word.)
        let name = match text.strip_suffix('s') {
            Some(base) if words.len() == 1 => base,
            _ => text,
        };
        return Some(Cand::new(
            start,
            end,
            EntityKind::Place,
            "Place",
            name,
            Strength::Weak,
        ));
    }
    None
}

/// National networks whose local bodies are named by the network and the area ("Healthwatch Oldham").
static LOCAL_NETWORKS: Words = Words::new(&["Healthwatch"]);

/// An organization named with its town: "First Choice Homes Oldham", "St Leger Homes of Doncaster",
/// "Citizens Advice Doncaster Borough", "Healthwatch Oldham": the words before the town (and "of") end
/// in an organization head, are an organization the gazetteer knows, or are a national network's name.
fn local_body<'a>(ctx: &Ctx<'a>, run: &Run) -> Option<Cand<'a>> {
    let toks = &ctx.toks;
    let words = &toks[run.first..run.last];
    if words.len() < 2 {
        return None;
    }
    let mut town = words.len() - 1;
    if words[town].text == "Borough" && town > 1 {
        town -= 1;
    }
    let is_place = |w: &Token| {
        ctx.gaz
            .lookup(without_apostrophe_s(w.text))
            .is_some_and(|e| ctx.gaz.entry(e).kind == EntityKind::Place)
    };
    if !is_place(&words[town]) {
        return None;
    }
    let owner_end = if town > 1 && words[town - 1].text == "of" {
        town - 1
    } else {
        town
    };
    let mut owner = &words[..owner_end];
    // "Tenants of First Choice Homes Oldham": a sentence's first word before "of" is not the name's.
    if owner.len() > 2 && owner[0].sentence_start && owner[1].text == "of" {
        owner = &owner[2..];
    }
    let (start, end) = (owner[0].start, words[words.len() - 1].end);
    let owner_text = &ctx.text[start..owner[owner.len() - 1].end];
    let by_head = owner.len() > 1 && EN_ORG_HEADS.contains(owner[owner.len() - 1].text);
    let known = ctx
        .gaz
        .lookup(owner_text)
        .is_some_and(|e| ctx.gaz.entry(e).kind == EntityKind::Organization);
    let network = owner.len() == 1 && LOCAL_NETWORKS.contains(owner[0].text);
    if !(by_head || known || network) {
        return None;
    }
    Some(Cand::organization(
        start,
        without_apostrophe_s(&ctx.text[start..end]),
    ))
}

/// "i Gottsunda, Gränby och Luthagen", "in Huddersfield, Dewsbury and Batley": a one-word name in a list
/// of one-word capitalized names that follows a place preposition.
fn in_place_list(ctx: &Ctx, first: usize) -> bool {
    let toks = &ctx.toks;
    let gap = |a: usize| &ctx.text[toks[a].end..toks[a + 1].start];
    let mut k = first;
    for _ in 0..8 {
        if k == 0 {
            return false;
        }
        let prev = &toks[k - 1];
        if ["och", "and"].contains(&prev.text) && gap(k - 1) == " " && k >= 2 {
            if !toks[k - 2].cap || gap(k - 2) != " " {
                return false;
            }
            k -= 2;
        } else if gap(k - 1) == ", " && prev.cap && !prev.sentence_start {
            k -= 1;
        } else {
            return k != first && PLACE_PREPOSITIONS.contains(prev.text) && gap(k - 1) == " ";
        }
    }
    false
}

/// Whether the capitalized words from token `first` to `last` (exclusive) follow "in" (or "near")
/// directly, or stand inside a list of capitalized names after it: "in Low Fell", "in Leam Lane, Windy
/// Nook and Chopwell" (but not "in Leeds, Jane Smith said").
fn in_listed_places(ctx: &Ctx, first: usize, last: usize) -> bool {
    if !ctx.english {
        return false;
    }
    let toks = &ctx.toks;
    let gap = |a: usize| &ctx.text[toks[a].end..toks[a + 1].start];
    // ", Next" or " and Next" after the words: the list goes on (not ", said: “Staff ...").
    let list_goes_on = toks.get(last).is_some_and(|n| {
        (n.cap && gap(last - 1) == ", ")
            || (gap(last - 1) == " "
                && n.text == "and"
                && toks.get(last + 1).is_some_and(|m| m.cap))
    });
    if first > 0 && matches!(toks[first - 1].text, "in" | "near") && gap(first - 1) == " " {
        return true;
    }
    if !list_goes_on {
        return false;
    }
    let mut k = first;
    for _ in 0..24 {
        if k == 0 {
            return false;
        }
        let prev = &toks[k - 1];
        if matches!(prev.text, "in" | "near") && gap(k - 1) == " " {
            return true;
        }
        let listed = prev.cap && !prev.sentence_start && !CALENDAR_WORDS.contains(prev.text);
        let step = if listed && (gap(k - 1) == " " || gap(k - 1) == ", ") {
            1
        } else if k >= 2 && prev.text == "and" && gap(k - 1) == " " && toks[k - 2].cap {
            2
        } else {
            return false;
        };
        if step == 2 && gap(k - 2) != " " {
            return false;
        }
        k -= step;
    }
    false
}

/// A Swedish place name by its last word (`last_lower`, in lowercase): "Vaksala torg", "Hammarkullen".
fn is_swedish_place(last_lower: &str, words: usize) -> bool {
    SV_PLACE_ENDINGS
        .endings(last_lower)
        .any(|e| last_lower.len() > e.len() + 2 || (words > 1 && last_lower == e))
}

/// A word in lowercase, borrowed when it has no capital.
pub fn lowercase(word: &str) -> std::borrow::Cow<'_, str> {
    if text::has_capital(word) {
        std::borrow::Cow::Owned(word.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(word)
    }
}

/// A person: two to four capitalized words whose first is a known given name, or any two to four words
/// that a title, honorific or speech verb marks as a person. Leading titles are split off.
fn person<'a>(ctx: &Ctx<'a>, run: &Run) -> Option<Cand<'a>> {
    // Names have two words or more, and splitting off titles only makes a run shorter.
    if run.last - run.first < 2 {
        return None;
    }
    let toks = &ctx.toks;
    let mut first = run.first;
    let mut title = None;
    let mut titled = false;
    // "PSNI Inspector Mark Dunlop": a force's or body's acronym before the title is not in the name.
    if is_acronym(toks[first].text)
        && toks.get(first + 1).is_some_and(|t| {
            first + 1 < run.last && (HONORIFICS.contains(t.text) || is_title_word(t.text))
        })
    {
        first += 1;
    }
    while first < run.last
        && (HONORIFICS.contains(toks[first].text) || is_title_word(toks[first].text))
    {
        title = honorific_title(toks[first].text).or(title);
        titled = true;
        first += 1;
    }
    // A sentence-initial word before a given name is not part of the name ("Oppositionsrådet Dennis
    // Ljunggren", "Socialchefen Eva Holm"): a title is never glued into a name.
    if run.last - first >= 3
        && toks[first].sentence_start
        && !ctx.gaz.is_given_name(toks[first].text)
        && ctx.gaz.is_given_name(toks[first + 1].text)
    {
        first += 1;
    }
    // "Plaid Cymru's Luned Hopkin": a party or body in the genitive before the name is not part of it.
    if let Some(owner) = (first..run.last.saturating_sub(2))
        .rev()
        .find(|&i| is_possessive(toks[i].text))
    {
        first = owner + 1;
    }
    let n = run.last - first;
    if !(2..=4).contains(&n) {
        return None;
    }
    let words: Vec<&str> = toks[first..run.last].iter().map(|t| t.text).collect();
    // "St Cuthbert's": a saint names a church or a school, not a person in the story; "By Kirsty Lennox,
    // Local Democracy Reporter": a byline names the writer, who is no entity.
    let byline = first > 0 && toks[first - 1].text == "By" && toks[first - 1].sentence_start;
    if ["St", "St.", "Saint"].contains(&words[0]) || byline {
        return None;
    }
    // "NHS Grampian said", "NI Water said", "Dalton GP branch": an acronym does not open or end a
    // person's name.
    if words
        .iter()
        .any(|w| ["of", "for", "the", "&"].contains(w) || CALENDAR_WORDS.contains(w))
        || [words[0], words[words.len() - 1]]
            .iter()
            .any(|w| w.len() >= 2 && w.bytes().all(|b| b.is_ascii_uppercase()))
    {
        return None;
    }
    let given =
        ctx.gaz.is_given_name(words[0]) || words[0].split('-').all(|p| ctx.gaz.is_given_name(p));
    let marked = titled || person_context(ctx, first, run.last) || marked_strongly(ctx, run.last);
    // A known name among the first words makes the run something else ("Leeds City"); as the last word
    // it can be a surname ("Delroy Grantham").
    let known_word = words[..words.len() - 1]
        .iter()
        .any(|w| ctx.gaz.lookup(w).is_some())
        || (!marked_strongly(ctx, run.last) && ctx.gaz.lookup(words[words.len() - 1]).is_some());
    let org_head = words
        .iter()
        .any(|w| EN_ORG_HEADS.contains(without_apostrophe_s(w)));
    let person_like = given || (marked && !known_word);
    if !person_like || org_head || named_after_person(words[words.len() - 1]) {
        return None;
    }
    // "Cabinet Member for Community, Leisure and Public Safety, said": a part after "and" that only a
    // speech verb marks is the end of a list of capitalized words, not a person.
    if !given
        && !titled
        && first >= 2
        && matches!(toks[first - 1].text, "and")
        && toks[first - 2].cap
        && text::joined(ctx.text, &toks[first - 2], &toks[first - 1])
    {
        return None;
    }
    // "pensioners in Leam Lane, Windy Nook and Chopwell", "a care home in Low Fell, said": names in a
    // place list after "in" are places.
    if in_listed_places(ctx, first, run.last) && !toks[run.last - 1].text.ends_with("'s") {
        return None;
    }
    let (start, end) = (toks[first].start, toks[run.last - 1].end);
    let name = without_apostrophe_s(&ctx.text[start..end]).trim_end_matches('’');
    let mut c = Cand::new(
        start,
        start + name.len(),
        EntityKind::Person,
        "Person",
        name,
        Strength::Shape,
    );
    c.title = title;
    Some(c)
}

/// Whether a name's last word is a street's ("Edvard Griegsgången"): a street named after someone is a
/// place, though its words start with a given name.
fn named_after_person(last: &str) -> bool {
    let lower = lowercase(last);
    let street = SV_STREET_ENDINGS
        .endings(&lower)
        .any(|e| lower.len() > e.len() + 2);
    street
}

/// Endings of Swedish street and square names.
static SV_STREET_ENDINGS: Words = Words::new(&[
    "gatan", "vägen", "gången", "gränd", "platsen", "backen", "stigen", "allén", "torget", "kajen",
]);

/// ", who ...", ", 74, who" or a speech verb right after a name: only people are described so.
fn marked_strongly(ctx: &Ctx, last: usize) -> bool {
    let after = &ctx.text[ctx.toks[last - 1].end..];
    after.starts_with(", who ")
        || ctx
            .lowered
            .get(last)
            .is_some_and(|w| SPEECH_VERBS.contains(w))
}

/// A title word before, ", title" after, or a speech verb next to the name.
fn person_context(ctx: &Ctx, first: usize, last: usize) -> bool {
    let toks = &ctx.toks;
    let before = first.checked_sub(1).map(|i| ctx.lowered[i]);
    let after = &ctx.text[toks[last - 1].end..];
    let title_before = before.is_some_and(is_title_word);
    let verb_before = before.is_some_and(|w| SPEECH_VERBS.contains(w));
    let next_word = ctx.lowered.get(last).copied();
    let verb_after = next_word.is_some_and(|w| SPEECH_VERBS.contains(w));
    let title_after = after.starts_with(", ")
        && after[2..].split_whitespace().take(3).any(is_title_word)
        && after[2..].chars().next().is_some_and(char::is_lowercase);
    title_before || verb_before || verb_after || title_after || age_after(after)
}

/// "Carys Jenkins, 52, who ...", "Rolf Hedin, 67 år,": an age in commas after a name is said of a
/// person only.
fn age_after(after: &str) -> bool {
    let Some(rest) = after.strip_prefix(", ") else {
        return false;
    };
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let tail = &rest[digits..];
    (1..=3).contains(&digits) && (tail.starts_with(',') || tail.starts_with(" år,"))
}

/// Speech verbs that mark the name next to them as a speaker.
pub static SPEECH_VERBS: Words = Words::new(&[
    "säger",
    "sa",
    "sade",
    "berättar",
    "menar",
    "förklarar",
    "konstaterar",
    "says",
    "said",
    "explains",
    "explained",
    "adds",
    "added",
    "told",
    "tells",
    "believes",
    "thinks",
    "tycker",
    "anser",
]);

/// Drops a leading "The"/"the" from an organization name.
fn strip_article<'a>(ctx: &Ctx, start: usize, name: &'a str) -> (usize, &'a str) {
    let _ = ctx;
    match name.strip_prefix("The ") {
        Some(rest) => (start + 4, rest),
        None => (start, name),
    }
}

/// schema.org type for an organization name.
pub fn org_type(name: &str) -> &'static str {
    let lower = name.to_lowercase();
    let has = |list: &Words| {
        list.endings(&lower).next().is_some() || name.split_whitespace().any(|x| list.contains(x))
    };
    if has(&EDUCATION_WORDS) {
        "EducationalOrganization"
    } else if SV_MEDIA_ENDINGS.endings(&lower).next().is_some() {
        "NewsMediaOrganization"
    } else if has(&GOVERNMENT_WORDS) {
        "GovernmentOrganization"
    } else {
        "Organization"
    }
}

/// "trafikkontoret" → "Trafikkontoret".
pub fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    let Some(first) = c.next() else {
        return String::new();
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.extend(first.to_uppercase());
    out.push_str(c.as_str());
    out
}

/// "Kulturchef" → "kulturchef" (titles are written in lowercase in running text).
pub fn decapitalize(s: &str) -> String {
    if s.chars().skip(1).all(|c| !c.is_uppercase()) {
        let mut c = s.chars();
        c.next()
            .map_or_else(String::new, |f| f.to_lowercase().chain(c).collect())
    } else {
        s.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The four-byte tail filters pass every word that ends in one of their endings, which holds only
    /// while every ending has four bytes: a shorter one would make a filter pass everything.
    #[test]
    fn tail_filters_are_selective_and_pass_their_endings() {
        let filters: [(&Tails, &[&Words]); 3] = [
            (
                &INITIATIVE_ENDINGS,
                &[&SV_COMPOUND_CUE_ENDINGS, &PROGRAMME_ENDINGS],
            ),
            (
                &SV_BODY_ENDINGS,
                &[&SV_ORG_ENDINGS_ANY_CASE, &SV_ORG_ENDINGS_CAPITAL],
            ),
            (
                &ORG_NOUN_HEAD_TAILS,
                &[&SV_ORG_NOUN_HEADS, &SV_ORG_NOUN_HEAD_ENDINGS],
            ),
        ];
        for (filter, lists) in filters {
            assert!(filter.shortest() >= 4);
            for e in lists.iter().flat_map(|l| l.iter()) {
                let word = format!("stads{}", e.to_lowercase());
                assert!(filter.may_end(&word), "{word}");
            }
            assert!(!filter.may_end("och") && !filter.may_end("att"));
        }
        for word in [
            "lärarlyftet",
            "nu!-arbetet",
            "skönsbergsdialogen",
            "hammarbymodellen",
        ] {
            assert!(INITIATIVE_ENDINGS.may_end(word), "{word}");
        }
        let few = ["säger", "kommunen", "stadsdelen", "måndag", "skolgården"];
        let passed = few.iter().filter(|w| INITIATIVE_ENDINGS.may_end(w)).count();
        assert!(passed <= 1, "{passed} of {few:?}");
    }

    proptest::proptest! {
        #[test]
        fn quoted_names_end_as_finding_the_mark_and_counting_words_did(
            text in "(Trygg|i|Angered| |  |\n|”|\x22|»|“|x)*"
        ) {
            let old = text
                .find(['"', '”', '»'])
                .filter(|&close| text[..close].split_whitespace().count() <= QUOTED_NAME_WORDS);
            proptest::prop_assert_eq!(quoted_name_end(&text), old);
        }
    }

    #[test]
    fn compounds_of_programme_nouns_are_cues_and_the_nouns_alone_are_not() {
        for cue in [
            "trygghetssatsningen",
            "forskningsprojektet",
            "utvecklingsprogrammet",
            "läsinitiativet",
            "informationskampanjen",
        ] {
            assert!(is_compound_cue(cue), "{cue}");
        }
        for word in [
            "satsningen",
            "projektet",
            "programmet",
            "trygghet",
            "kampanjens",
        ] {
            assert!(!is_compound_cue(word), "{word}");
        }
    }

    #[test]
    fn apostrophe_s_is_trimmed_whichever_apostrophe_the_text_uses() {
        for word in [
            "",
            "'s",
            "'s's",
            "Leeds's",
            "Leeds",
            "s'",
            "Council's's",
            "x's'",
            "’s",
            "London’s",
            "Council’s's",
        ] {
            // Both apostrophes: the straight one and the typographic one that curly-quote texts use.
            let mut expected = word;
            while let Some(rest) = expected
                .strip_suffix("'s")
                .or_else(|| expected.strip_suffix("’s"))
            {
                expected = rest;
            }
            assert_eq!(without_apostrophe_s(word), expected, "{word:?}");
            if !word.contains('’') {
                assert_eq!(expected, word.trim_end_matches("'s"), "{word:?}");
            }
        }
    }
}
