//! Word lists the extraction rules use: job titles, organization and place heads, cue words.
//! They are language facts written for this project (no outside source), kept here so rules stay short.

use std::sync::OnceLock;

pub(crate) mod word_lists;

use rustc_hash::{FxHashMap, FxHashSet};

/// A word list, hashed on first use: the rules consult these lists for every token of every article, so a
/// membership or ending test is a few hash lookups instead of a scan of the list.
pub struct Words {
    list: &'static [&'static str],
    index: OnceLock<Index>,
}

/// The hashed form of a list, with bit filters that turn most words away before any hashing: the
/// entries' shapes (length, first and last byte) and the last four bytes of their lowercase forms (the
/// last two, for entries shorter than four bytes).
struct Index {
    set: FxHashSet<&'static str>,
    shapes: [u64; 64],
    /// Buckets of the last four bytes of the entries of four bytes or more. Two-byte tails alone let
    /// through every Swedish word in "-en" or "-et"; four bytes turn away nearly all.
    tails4: [u64; 64],
    /// Buckets of the last two bytes of the entries of two or three bytes.
    tails: [u64; 64],
    /// The entries in lowercase, longest first.
    lower: Vec<String>,
    /// Entries of three bytes or more by their last three bytes (positions in `lower`, longest first):
    /// every entry a word ends with shares the word's last three bytes, so one lookup finds them all.
    by_tail: FxHashMap<[u8; 3], Vec<usize>>,
    /// Entries shorter than three bytes (positions in `lower`).
    short: Vec<usize>,
    /// Whether an entry is one byte long (and so escapes the two-byte tail filter).
    one_byte: bool,
}

impl Index {
    /// A word ends in an entry of four bytes or more only if their last four bytes agree, and in a
    /// shorter one only if their last two do; entries of one byte have no tail to filter on.
    #[inline]
    fn may_end(&self, word: &str) -> bool {
        tail4_of(word).is_some_and(|t| test(&self.tails4, t))
            || self.one_byte
            || tail_bucket(word).is_some_and(|t| test(&self.tails, t))
    }
}

/// Position in `Index::shapes` for a word (4,096 buckets): the low four bits of its length, first byte
/// and last byte. Words of one list rarely share a bucket with the text's other words.
fn shape_bucket(word: &str) -> Option<usize> {
    let bytes = word.as_bytes();
    let (first, last) = (bytes.first()?, bytes.last()?);
    Some((bytes.len() & 15) << 8 | usize::from(first & 15) << 4 | usize::from(last & 15))
}

/// Position among `1 << bits` buckets for a word's last four bytes (read as a little-endian number), by
/// a multiplicative hash.
fn tail4_bucket(tail: u32, bits: u32) -> usize {
    (tail.wrapping_mul(0x9E37_79B1) >> (32 - bits)) as usize
}

/// Position in `Index::tails4` for a word's last four bytes (4,096 buckets).
fn tail4_of(word: &str) -> Option<usize> {
    word.as_bytes()
        .last_chunk::<4>()
        .map(|&t| tail4_bucket(u32::from_le_bytes(t), 12))
}

/// Position in `Index::tails` for a word's last two bytes (4,096 buckets).
fn tail_bucket(word: &str) -> Option<usize> {
    match word.as_bytes() {
        [.., a, b] => Some(usize::from(*b) | (usize::from(*a & 0x0f) << 8)),
        _ => None,
    }
}

fn test(bits: &[u64], i: usize) -> bool {
    bits[i / 64] & (1 << (i % 64)) != 0
}

fn set(bits: &mut [u64], i: usize) {
    bits[i / 64] |= 1 << (i % 64);
}

impl Words {
    /// A list; hashed when first consulted.
    pub const fn new(list: &'static [&'static str]) -> Self {
        Self {
            list,
            index: OnceLock::new(),
        }
    }

    fn index(&self) -> &Index {
        self.index.get_or_init(|| {
            let mut lower: Vec<String> = self.list.iter().map(|w| w.to_lowercase()).collect();
            lower.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
            lower.dedup();
            let mut index = Index {
                set: self.list.iter().copied().collect(),
                shapes: [0; 64],
                tails4: [0; 64],
                tails: [0; 64],
                lower: Vec::new(),
                by_tail: FxHashMap::default(),
                short: Vec::new(),
                one_byte: lower.iter().any(|w| w.len() < 2),
            };
            for w in self.list {
                if let Some(b) = shape_bucket(w) {
                    set(&mut index.shapes, b);
                }
            }
            for (i, w) in lower.iter().enumerate() {
                match tail4_of(w) {
                    Some(t) => set(&mut index.tails4, t),
                    None => {
                        if let Some(t) = tail_bucket(w) {
                            set(&mut index.tails, t);
                        }
                    }
                }
                match w.as_bytes().last_chunk::<3>() {
                    Some(tail) => index.by_tail.entry(*tail).or_default().push(i),
                    None => index.short.push(i),
                }
            }
            index.lower = lower;
            index
        })
    }

    /// Whether `word` is on the list.
    pub fn contains(&self, word: &str) -> bool {
        let index = self.index();
        shape_bucket(word).is_some_and(|b| test(&index.shapes, b)) && index.set.contains(word)
    }

    /// False when a lowercase `word` surely ends in no entry; true when it may. [`Words::endings`] asks
    /// this first; a rule that asks it for every word calls it alone, which costs less than starting
    /// an empty search.
    #[inline]
    pub fn may_end(&self, word: &str) -> bool {
        self.index().may_end(word)
    }

    /// The entries, in list order.
    pub fn iter(&self) -> std::slice::Iter<'static, &'static str> {
        self.list.iter()
    }

    /// The entries that a lowercase `word` ends with (entries compared in lowercase), as slices of `word`,
    /// longest first.
    pub fn endings<'w>(&self, word: &'w str) -> impl Iterator<Item = &'w str> + use<'w, '_> {
        let index = self.index();
        let possible = index.may_end(word);
        let long = word
            .as_bytes()
            .last_chunk::<3>()
            .filter(|_| possible)
            .and_then(|tail| index.by_tail.get(tail))
            .map_or(&[][..], Vec::as_slice);
        long.iter()
            .chain(&index.short)
            .map(|&i| index.lower[i].as_str())
            // An entry is valid UTF-8, so where it starts in `word` is a char boundary.
            .filter(|e| word.ends_with(e))
            .map(|e| &word[word.len() - e.len()..])
    }
}

/// The shapes (see `Index`) of the words of several lists and literals: one bit test tells that a word is
/// on none of them, for rules that would otherwise look it up in each list in turn.
pub struct Shapes {
    lists: &'static [&'static Words],
    words: &'static [&'static str],
    bits: OnceLock<[u64; 64]>,
}

impl Shapes {
    /// The shapes of `lists` and `words`, computed on first use.
    pub const fn new(lists: &'static [&'static Words], words: &'static [&'static str]) -> Self {
        Self {
            lists,
            words,
            bits: OnceLock::new(),
        }
    }

    fn bits(&self) -> &[u64; 64] {
        self.bits.get_or_init(|| {
            let mut bits = [0; 64];
            let all = self.lists.iter().flat_map(|l| l.iter()).chain(self.words);
            for w in all {
                if let Some(b) = shape_bucket(w) {
                    set(&mut bits, b);
                }
            }
            bits
        })
    }

    /// False when `word` is surely on none of the lists; true when it may be.
    pub fn may_contain(&self, word: &str) -> bool {
        shape_bucket(word).is_some_and(|b| test(self.bits(), b))
    }

    /// Every word of the lists and literals.
    pub fn entries(&self) -> impl Iterator<Item = &'static str> + '_ {
        let lists = self.lists.iter().flat_map(|l| l.iter());
        lists.chain(self.words).copied()
    }

    /// Whether `word` is on one of the lists or is one of the literals, as it stands.
    #[cfg(test)]
    pub fn contains(&self, word: &str) -> bool {
        self.lists.iter().any(|l| l.contains(word)) || self.words.contains(&word)
    }
}

/// The number of tail buckets ([`tail_of`]).
pub const TAIL_BUCKETS: usize = 1 << 14;

/// The tail bucket of a lowercase word (a hash of its last four bytes), as [`Tails`] file it; `None` for
/// words shorter than four bytes, which end in none of a [`Tails`]' endings.
#[inline]
pub fn tail_of(word: &str) -> Option<usize> {
    word.as_bytes()
        .last_chunk::<4>()
        .map(|&t| tail_bucket_of_last4(u32::from_le_bytes(t)))
}

/// [`tail_of`] for a word whose last four bytes a caller has already read, as a little-endian number.
#[inline]
pub fn tail_bucket_of_last4(last4: u32) -> usize {
    tail4_bucket(last4, 14)
}

/// The last four bytes of the endings of several lists and literals (compared in lowercase): one bit
/// test tells that a lowercase word ends in none of them, for rules that would otherwise ask each
/// list's [`Words::endings`] in turn (16,384 buckets: the lists together hold a few hundred).
pub struct Tails {
    lists: &'static [&'static Words],
    endings: &'static [&'static str],
    /// Whether every word passes (an ending is shorter than four bytes), and the tails' buckets.
    bits: OnceLock<(bool, [u64; 256])>,
}

impl Tails {
    /// The tails of `lists` and `endings`, computed on first use. An ending shorter than four bytes
    /// makes the filter pass every word (a test holds the filters used free of such endings).
    pub const fn new(lists: &'static [&'static Words], endings: &'static [&'static str]) -> Self {
        Self {
            lists,
            endings,
            bits: OnceLock::new(),
        }
    }

    fn entries(&self) -> impl Iterator<Item = String> + '_ {
        let all = self.lists.iter().flat_map(|l| l.iter()).chain(self.endings);
        all.map(|w| w.to_lowercase())
    }

    fn bits(&self) -> &(bool, [u64; 256]) {
        self.bits.get_or_init(|| {
            let mut bits = [0; 256];
            let mut all = false;
            for e in self.entries() {
                match tail_of(&e) {
                    Some(tail) => set(&mut bits, tail),
                    None => all = true,
                }
            }
            (all, bits)
        })
    }

    /// False when a lowercase `word` surely ends in none of the endings; true when it may.
    pub fn may_end(&self, word: &str) -> bool {
        // An ending shorter than four bytes has no tail to filter on: then every word may end in it.
        let (all, bits) = self.bits();
        *all || tail_of(word).is_some_and(|t| test(bits, t))
    }

    /// Whether a lowercase word in the tail bucket `bucket` ([`tail_of`]) may end in one of the
    /// endings: for tables that join several filters.
    pub fn has_bucket(&self, bucket: usize) -> bool {
        let (all, bits) = self.bits();
        *all || test(bits, bucket)
    }

    /// Whether an ending is shorter than four bytes, so that every word may end in one (words shorter
    /// than four bytes included, which have no tail bucket).
    pub fn passes_all(&self) -> bool {
        self.bits().0
    }

    /// The shortest ending, in bytes (for the test that every one has four).
    #[cfg(test)]
    pub fn shortest(&self) -> usize {
        self.entries().map(|e| e.len()).min().unwrap_or(usize::MAX)
    }
}

/// Swedish job-title endings: a lowercase word ending in one of these is a title ("stadsbyggnadsdirektör").
pub static SV_TITLE_ENDINGS: Words = Words::new(&[
    "direktör",
    "chef",
    "ansvarig",
    "ledare",
    "ordförande",
    "kommunalråd",
    "oppositionsråd",
    "stadsråd",
    "regionråd",
    "samordnare",
    "handläggare",
    "sekreterare",
    "strateg",
    "ingenjör",
    "arkitekt",
    "lärare",
    "rektor",
    "läkare",
    "sköterska",
    "forskare",
    "professor",
    "docent",
    "expert",
    "talesperson",
    "ombudsman",
    "skyddsombud",
    "redaktör",
    "tränare",
    "kapten",
    "inspektör",
    "konsult",
    "ekonom",
    "planerare",
    "utvecklare",
    "kommissarie",
    "åklagare",
    "domare",
    "advokat",
    "jurist",
    "präst",
    "kyrkoherde",
    "bibliotekarie",
    "pedagog",
    "kurator",
    "psykolog",
    "minister",
    "statsråd",
    "ledamot",
    "politiker",
    "borgmästare",
    "landshövding",
    "grundare",
    "koordinator",
    "förvaltare",
    "kommunikatör",
    "informatör",
    "talesman",
    "talskvinna",
    "vd",
    "controller",
    "biolog",
    "analytiker",
    "förare",
    "guide",
    "författare",
    "konstnär",
    "musiker",
    "regissör",
    "kurator",
    "ordf",
    "producent",
    "sjuksköterska",
    "barnmorska",
    "undersköterska",
    "polis",
    "brandman",
    "räddningschef",
    "ägare",
    "innehavare",
    "företagare",
    "entreprenör",
    "direktor",
    "vicerektor",
    "skolchef",
    "fritidsledare",
    "kock",
    "byggherre",
    "projektör",
    "antikvarie",
    "intendent",
    "arkivarie",
    "historiker",
    "statistiker",
    "samhällsvetare",
    "stadsträdgårdsmästare",
    "trafikplanerare",
    "miljöstrateg",
    "borgarråd",
    "undervisningsråd",
    "konsulent",
    "lektor",
    "adjunkt",
    "doktorand",
    "prefekt",
    "kriminolog",
    "sociolog",
    "assistent",
]);

/// English job-title words (lowercase); multiword titles are built from these with "of" phrases.
pub static EN_TITLE_WORDS: Words = Words::new(&[
    "director",
    "head",
    "chief",
    "executive",
    "manager",
    "officer",
    "councillor",
    "councilor",
    "leader",
    "chair",
    "chairman",
    "chairwoman",
    "chairperson",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "mayor",
    "minister",
    "secretary",
    "coordinator",
    "co-ordinator",
    "principal",
    "headteacher",
    "headmaster",
    "headmistress",
    "teacher",
    "professor",
    "lecturer",
    "researcher",
    "scientist",
    "inspector",
    "superintendent",
    "constable",
    "sergeant",
    "detective",
    "nurse",
    "doctor",
    "surgeon",
    "consultant",
    "engineer",
    "architect",
    "planner",
    "president",
    "founder",
    "co-founder",
    "owner",
    "editor",
    "coach",
    "captain",
    "deputy",
    "analyst",
    "economist",
    "lawyer",
    "solicitor",
    "barrister",
    "judge",
    "campaigner",
    "organiser",
    "organizer",
    "librarian",
    "curator",
    "commissioner",
    "governor",
    "trustee",
    "administrator",
    "supervisor",
    "ranger",
    "warden",
    "midwife",
    "paramedic",
    "firefighter",
    "pastor",
    "vicar",
    "priest",
    "rabbi",
    "imam",
    "historian",
    "author",
    "artist",
    "designer",
    "producer",
    "partner",
    "adviser",
    "advisor",
    "treasurer",
    "clerk",
    "steward",
    "mp",
    "mep",
    "prosecutor",
    "conservator",
    "carer",
    "cabinet",
    "defender",
    "volunteer",
    "member",
    "convener",
    "convenor",
    "lead",
    "boss",
    "ceo",
    "joiner",
]);

/// Modifiers that belong to a title when they stand right before it ("deputy head", "biträdande rektor").
pub static TITLE_MODIFIERS: Words = Words::new(&[
    "biträdande",
    "tillförordnad",
    "tf",
    "t.f.",
    "ställföreträdande",
    "vice",
    "förste",
    "deputy",
    "acting",
    "interim",
    "assistant",
    "senior",
    "chief",
    "local",
    "lead",
    "associate",
    "executive",
    "managing",
    "general",
    "former",
    "tidigare",
    "före",
    "detta",
    "ward",
    "county",
    "city",
    "opposition",
    "shadow",
]);

/// Capitalized titles that stand before a name ("Councillor Sean Doyle", "Dr Anna Berg").
pub static HONORIFICS: Words = Words::new(&[
    "Councillor",
    "Councilor",
    "Cllr",
    "Mayor",
    "Dr",
    "Dr.",
    "Professor",
    "Prof",
    "Prof.",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "Mr",
    "Mr.",
    "Mrs",
    "Mrs.",
    "Ms",
    "Ms.",
    "Rev",
    "Reverend",
    "Inspector",
    "Detective",
    "Sergeant",
    "Constable",
    "Captain",
    "Judge",
    "Minister",
    "President",
    "Chief",
]);

/// Endings of Swedish organization names; the first group may be written in lowercase in running text
/// ("trafikkontoret"), the second needs a capital ("Familjebostäder", "Kulturskolan").
pub static SV_ORG_ENDINGS_ANY_CASE: Words = Words::new(&[
    "förvaltningen",
    "domstolen",
    "nämnden",
    "kontoret",
    "kommunstyrelsen",
    "fullmäktige",
    "inspektionen",
    "myndigheten",
    "regionstyrelsen",
    "utskottet",
]);
/// Endings of [`SV_ORG_ENDINGS_ANY_CASE`] that name a body on their own, with no prefix: a municipality's
/// and a region's executive board ("beslut i kommunstyrelsen", "regionstyrelsen i maj").
pub const SV_WHOLE_WORD_BODIES: [&str; 2] = ["kommunstyrelsen", "regionstyrelsen"];
/// Body words that every district has one of: a name only with the district's ("Farsta
/// stadsdelsförvaltning", "Stadsdelsnämnden Västra Hisingen"), each with the stem its names share.
const GENERIC_BODIES: [(&str, &str); 2] = [
    ("stadsdelsförvaltningen", "stadsdelsförvaltning"),
    ("stadsdelsnämnden", "stadsdelsnämnd"),
];

/// The stem of a generic body word (see [`GENERIC_BODIES`]) given in lowercase, which a named one's name
/// holds.
pub fn generic_body(lower: &str) -> Option<&'static str> {
    GENERIC_BODIES
        .iter()
        .find(|(word, _)| *word == lower)
        .map(|(_, stem)| *stem)
}

/// Endings of [`SV_ORG_ENDINGS_CAPITAL`] that name a body on their own when capitalized: "Vårdcentralen
/// Rosenlund", where the place names which one.
const SV_CAPITAL_WHOLE_WORD_BODIES: [&str; 1] = ["vårdcentralen"];

/// Whether a Swedish word names a body by its ending: "trafikkontoret", "kommunstyrelsen", and with a
/// capital "Familjebostäder"-like company words ("Bostadsbolaget"); `lower` is the word in lowercase.
pub fn is_swedish_body_word(lower: &str, capitalized: bool) -> bool {
    SV_ORG_ENDINGS_ANY_CASE
        .endings(lower)
        .any(|e| lower.len() >= e.len() + 3 || SV_WHOLE_WORD_BODIES.contains(&e))
        || (capitalized
            && !lower.ends_with("området")
            && SV_ORG_ENDINGS_CAPITAL
                .endings(lower)
                .any(|e| lower.len() >= e.len() + 3 || SV_CAPITAL_WHOLE_WORD_BODIES.contains(&e)))
}

/// Endings of Swedish newspapers' names ("Angeredsbladet", "Mölndals-Posten", "Norrbottens-Kuriren"):
/// organizations, in [`SV_ORG_ENDINGS_CAPITAL`] too.
pub static SV_MEDIA_ENDINGS: Words =
    Words::new(&["bladet", "posten", "kuriren", "allehanda", "tidningen"]);

/// See [`SV_ORG_ENDINGS_ANY_CASE`].
pub static SV_ORG_ENDINGS_CAPITAL: Words = Words::new(&[
    "tidningen",
    "förvaltning",
    "nämnd",
    "bolaget",
    "koncernen",
    "styrelsen",
    "verket",
    "förbundet",
    "föreningen",
    "regionen",
    "skolan",
    "gymnasiet",
    "universitetet",
    "högskolan",
    "bostäder",
    "fastigheter",
    "sjukhuset",
    "polisen",
    "stiftelsen",
    "akademin",
    "institutet",
    "kyrkan",
    "församlingen",
    "teatern",
    "operan",
    "museet",
    "biblioteket",
    "kåren",
    "byrån",
    "banken",
    "gruppen",
    "huset",
    "partiet",
    "trafik",
    "rådet",
    "förmedlingen",
    "rätten",
    "tingsrätt",
    "konsthall",
    "konsthallen",
    "förening",
    "badet",
    "vårdcentralen",
    "bladet",
    "posten",
    "kuriren",
    "allehanda",
    "trafiken",
    "kraft",
    "studentkår",
    "polisområde",
    "främjandet",
    "bageriet",
]);

/// English organization heads: a capitalized name ending in one of these is an organization.
pub static EN_ORG_HEADS: Words = Words::new(&[
    "Council",
    "Commerce",
    "Constabulary",
    "Trust",
    "Ltd",
    "Limited",
    "plc",
    "PLC",
    "Group",
    "Association",
    "Authority",
    "Agency",
    "Department",
    "Ministry",
    "Foundation",
    "Institute",
    "University",
    "College",
    "School",
    "Academy",
    "Hospital",
    "Infirmary",
    "Primary",
    "Hub",
    "Gallery",
    "Hotel",
    "Regulator",
    "Coastguard",
    "Buses",
    "Coaches",
    "Landscapes",
    "Motors",
    "Taxis",
    "Logistics",
    "Contractors",
    "Construction",
    "Roofing",
    "Police",
    "Service",
    "Services",
    "Board",
    "Commission",
    "Committee",
    "Partnership",
    "Society",
    "Union",
    "Club",
    "Company",
    "Corporation",
    "Inc",
    "Bank",
    "Museum",
    "Library",
    "Libraries",
    "BID",
    "Ombudsman",
    "Office",
    "Federation",
    "Alliance",
    "Charity",
    "Network",
    "Centre",
    "Center",
    "Cooperative",
    "Co-operative",
    "Housing",
    "Homes",
    "Trust's",
    "Parliament",
    "Government",
    "Executive",
    "Assembly",
    "Court",
    "Party",
    "Fund",
    "Press",
    "Times",
    "News",
    "Post",
    "Guardian",
    "Herald",
    "Theatre",
    "Orchestra",
    "Choir",
    "Church",
    "Cathedral",
    "Mosque",
    "Synagogue",
    "Brigade",
    "Services",
    "Surgery",
    "Clinic",
    "Practice",
    "Forum",
    "Action",
    "Watch",
    "FC",
    "AFC",
    "England",
    "Scotland",
    "Energi",
    "Volley",
    "IF",
    "IK",
    "BK",
    "FF",
]);

/// Welsh words that open an organization's name, its kind of body ("Hwb Maesgeirchen" a hub, "Coleg Sir
/// Gâr" a college, "Theatr Elli", "Canolfan Soar" a centre, "Ysgol Glan Clwyd" a school): Welsh puts the
/// head noun first. Meanings from the Welsh words' dictionary senses.
pub static WELSH_ORG_STARTS: Words = Words::new(&[
    "Hwb",
    "Coleg",
    "Theatr",
    "Canolfan",
    "Ysgol",
    "Menter",
    "Clwb",
    "Prifysgol",
    "Cyngor",
    "Llyfrgell",
    "Amgueddfa",
    "Cymdeithas",
]);

/// First words that start an English organization name ("University of Leeds", "Transport for London").
pub static EN_ORG_STARTS: Words = Words::new(&[
    "University",
    "Department",
    "Ministry",
    "Transport",
    "Bank",
    "Office",
    "Church",
    "Friends",
    "Museum",
    "Board",
    "Institute",
    "College",
]);

/// Government-like organization words: such organizations are `GovernmentOrganization`s.
pub static GOVERNMENT_WORDS: Words = Words::new(&[
    "Council",
    "Authority",
    "Ministry",
    "Department",
    "Police",
    "Agency",
    "Commission",
    "Parliament",
    "Government",
    "Assembly",
    "Transport",
    "kommun",
    "stad",
    "Stad",
    "Region",
    "regionen",
    "förvaltningen",
    "förvaltning",
    "nämnden",
    "nämnd",
    "kontoret",
    "styrelsen",
    "kommunstyrelsen",
    "fullmäktige",
    "verket",
    "inspektionen",
    "myndigheten",
    "polisen",
    "Länsstyrelsen",
    "Polisen",
    "Court",
    "Executive",
]);

/// Educational organization words.
pub static EDUCATION_WORDS: Words = Words::new(&[
    "School",
    "Academy",
    "College",
    "University",
    "skolan",
    "gymnasiet",
    "universitetet",
    "högskolan",
    "universitet",
    "högskola",
]);

/// English place heads ("Chapel Street", "Piccadilly Gardens").
pub static EN_PLACE_HEADS: Words = Words::new(&[
    "Street",
    "Road",
    "Avenue",
    "Lane",
    "Square",
    "Gardens",
    "Park",
    "Way",
    "Bridge",
    "Station",
    "Estate",
    "Green",
    "Row",
    "Terrace",
    "Crescent",
    "Drive",
    "Close",
    "Hill",
    "Quay",
    "Wharf",
    "Market",
    "Common",
    "Canal",
    "Heath",
    "Moor",
    "Valley",
    "River",
    "Harbour",
    "Island",
    "Beach",
    "Airport",
    "Port",
    "Village",
    "Town",
    "City",
    "Borough",
    "County",
    "District",
    "Quarter",
    "Place",
    "Walk",
    "Parade",
    "Mews",
    "Grove",
    "Rise",
    "Yard",
    "Circus",
    "Ground",
    "Estuary",
    "Sound",
    "Fields",
    "Meadows",
    "Precinct",
    "Promenade",
    "Embankment",
    "Firth",
    "Loch",
]);

/// Swedish place endings ("Hammarkulletorget", "Chapmans torg", "Kungsgatan").
pub static SV_PLACE_ENDINGS: Words = Words::new(&[
    "banan",
    "ån",
    "höjden",
    "fältet",
    "piren",
    "udden",
    "torget",
    "gatan",
    "vägen",
    "gången",
    "platsen",
    "parken",
    "leden",
    "backen",
    "stigen",
    "allén",
    "kajen",
    "hamnen",
    "bron",
    "torg",
    "gränd",
    "plan",
    "berget",
    "skogen",
    "ängen",
    "viken",
    "ön",
    "holmen",
    "sjön",
    "älven",
    "dalen",
    "området",
    "centrum",
    "Torg",
    "Centrum",
    "terminalen",
]);

/// Prepositions after which a capitalized name is usually a place.
pub static PLACE_PREPOSITIONS: Words = Words::new(&[
    "i", "från", "till", "vid", "utanför", "nära", "mot", "kring", "runt", "genom", "över", "in",
    "from", "to", "near", "around", "across", "outside", "inside", "through", "towards", "between",
    "via", "at",
]);

/// Cue words before a Swedish initiative name ("fokusområdet X", "satsningen X").
pub static SV_INITIATIVE_CUES: Words = Words::new(&[
    "uppropet",
    "namninsamlingen",
    "sparpaketet",
    "fokusområdet",
    "ramprogram",
    "ramprogrammet",
    "projekt",
    "program",
    "satsning",
    "kampanj",
    "målområdet",
    "satsningen",
    "projektet",
    "programmet",
    "kampanjen",
    "initiativet",
    "nätverket",
    "konceptet",
    "modellen",
    "metoden",
    "insatsen",
    "planen",
    "plan",
    "strategin",
    "reformen",
    "utvecklingsprojektet",
    "pilotprojektet",
    "samarbetsprojektet",
    "arbetet",
    "uppdraget",
    "satsningarna",
    "projekten",
    "programmen",
    "kampanjerna",
    "initiativen",
    "satsningar",
    "kampanjer",
]);

/// English initiative heads ("the Crosstown Connect scheme").
pub static EN_INITIATIVE_HEADS: Words = Words::new(&[
    "credit",
    "fund",
    "grant",
    "allowance",
    "programme",
    "program",
    "scheme",
    "initiative",
    "project",
    "campaign",
    "strategy",
    "plan",
    "pilot",
    "partnership",
    "drive",
    "challenge",
    "pledge",
    "network",
    "trial",
    "start",
    "zone",
    "entitlement",
]);

/// Words that end a lowercase-continued initiative name ("Kultur nära alla har ...").
pub static NAME_STOPS: Words = Words::new(&[
    "är",
    "var",
    "har",
    "hade",
    "ska",
    "skulle",
    "kan",
    "kunde",
    "går",
    "gick",
    "blir",
    "blev",
    "finns",
    "fanns",
    "får",
    "fick",
    "vill",
    "ville",
    "måste",
    "kommer",
    "kom",
    "som",
    "där",
    "när",
    "men",
    "att",
    "med",
    "för",
    "från",
    "till",
    "på",
    "under",
    "efter",
    "sedan",
    "genom",
    "mellan",
    "inom",
    "utan",
    "också",
    "även",
    "redan",
    "just",
    "nu",
    "bland",
    "startade",
    "började",
    "pågår",
    "innebär",
    "handlar",
    "syftar",
    "ger",
    "gav",
    "leds",
    "drivs",
    "fortsätter",
    "vilket",
    "tillsammans",
    "samt",
    "eller",
    "the",
    "is",
    "was",
    "has",
    "had",
    "will",
    "would",
    "can",
    "could",
    "and",
    "which",
    "that",
    "who",
    "with",
    "from",
    "to",
    "at",
    "in",
    "on",
    "for",
    "by",
    "of",
    "as",
    "but",
    "or",
    "it",
    "its",
    "this",
    "these",
    "were",
    "are",
    "be",
    "been",
    "den",
    "det",
    "de",
    "han",
    "hon",
    "vi",
    "man",
    "sig",
    "sin",
    "sitt",
    "sina",
    "om",
    "av",
    "ut",
    "in",
    "upp",
    "ned",
    "ner",
    "hos",
    "vid",
    "mot",
    "så",
    "nya",
    "ny",
    "nytt",
    "tar",
    "tog",
    "gör",
    "gjorde",
    "startar",
    "startat",
    "heter",
    "kallas",
    "kallat",
    "drog",
    "drar",
    "riktar",
    "vänder",
    "lanserades",
    "lanseras",
    "syftade",
    "omfattar",
    "ledde",
    "leder",
    "hjälper",
]);

/// Words that are capitalized at the start of a sentence but are never names.
pub static SENTENCE_WORDS: Words = Words::new(word_lists::SENTENCE_WORDS);

/// Month and weekday names (never places or people after "in"/"i").
pub static CALENDAR_WORDS: Words = Words::new(word_lists::CALENDAR_WORDS);

/// Pronouns that refer back to the last person mentioned ("säger hon").
pub static PRONOUNS: Words = Words::new(&["han", "hon", "hen", "he", "she", "they", "de", "dom"]);

/// Prepositions that introduce an employer after a title ("kulturchef i Göteborgs Stad").
pub static EMPLOYER_PREPOSITIONS: Words = Words::new(&[
    "i", "på", "vid", "hos", "inom", "för", "at", "with", "of", "for", "in",
]);

/// True when a lowercase word is a job title (or ends like one, for Swedish compounds).
pub fn is_title_word(word: &str) -> bool {
    let w = super::rules::lowercase(word.trim_matches(|c: char| !c.is_alphanumeric()));
    if w.is_empty() {
        return false;
    }
    EN_TITLE_WORDS.contains(&w) || sv_title_base(&w).is_some()
}

/// The base form of a Swedish title word in lowercase, from itself or its definite form: "direktören" →
/// "direktör", "gruppledaren" → "gruppledare", "kommunalrådet" → "kommunalråd", "prefekt" → "prefekt".
pub fn sv_title_base(w: &str) -> Option<&str> {
    let is_base = |b: &str| {
        SV_TITLE_ENDINGS
            .endings(b)
            .any(|e| b.len() == e.len() || b.len() >= e.len() + 3 || e == "chef")
    };
    if is_base(w) {
        return Some(w);
    }
    // Swedish definite forms: "direktören", "ledaren", "kommunalrådet", "prefekten".
    // "ungdomsansvarige": an adjective's weak form.
    [
        w.strip_suffix("en"),
        w.strip_suffix("et"),
        w.strip_suffix('n'),
        w.strip_suffix('e').filter(|b| b.ends_with("ansvarig")),
    ]
    .into_iter()
    .flatten()
    .find(|b| b.len() >= 4 && SV_TITLE_ENDINGS.endings(b).next().is_some())
}

/// The job title an honorific before a name gives ("Cllr Jane Hill" → "councillor"); `None` for
/// courtesy titles and degrees, which are no job ("Dr", "Mrs", "Sir").
pub fn honorific_title(word: &str) -> Option<String> {
    match word.trim_end_matches('.') {
        "Cllr" | "Councillor" | "Councilor" => Some("councillor".to_owned()),
        "Prof" | "Professor" => Some("professor".to_owned()),
        "Dr" | "Mr" | "Mrs" | "Ms" | "Sir" | "Dame" | "Lord" | "Lady" | "Rev" | "Reverend" => None,
        other => Some(title_base_form(other)),
    }
}

/// A title word as a title is given: lowercase where only its first letter is a capital, and a Swedish
/// definite form in its base form ("Universitetslektorn" → "universitetslektor").
pub fn title_base_form(word: &str) -> String {
    let lower = super::rules::decapitalize(word);
    match sv_title_base(&lower) {
        Some(base) if base.len() < lower.len() => base.to_owned(),
        _ => lower,
    }
}

/// Party abbreviations as Swedish and British news write them after a politician's name ("Anna Berg (S)",
/// "Cllr Jane Hill (Lab)"), with the party's name as the gazetteers list it (`se-national.csv`,
/// `uk-organizations.csv`). Sources: riksdagen.se party abbreviations; the parties' own short forms.
pub const PARTY_ABBREVIATIONS: [(&str, &str); 18] = [
    ("S", "Socialdemokraterna"),
    ("M", "Moderaterna"),
    ("SD", "Sverigedemokraterna"),
    ("C", "Centerpartiet"),
    ("V", "Vänsterpartiet"),
    ("KD", "Kristdemokraterna"),
    ("L", "Liberalerna"),
    ("MP", "Miljöpartiet"),
    ("D", "Demokraterna"),
    ("Fi", "Feministiskt initiativ"),
    ("Lab", "Labour Party"),
    ("Con", "Conservative Party"),
    ("LD", "Liberal Democrats"),
    ("Lib Dem", "Liberal Democrats"),
    ("Green", "Green Party"),
    ("SNP", "Scottish National Party"),
    ("PC", "Plaid Cymru"),
    ("Reform", "Reform UK"),
];

/// Göteborg's four social administrations and committees since 2021 carry an area after their name
/// ("Socialförvaltningen Hisingen", "Socialnämnden Nordost"); source: goteborg.se organisation pages.
pub static SV_ADMINISTRATION_AREAS: Words =
    Words::new(&["Hisingen", "Nordost", "Centrum", "Sydväst"]);

/// Plural cue words: the names after them are listed ("satsningarna Jobbsprånget och Sommarlyftet").
pub static SV_PLURAL_INITIATIVE_CUES: Words = Words::new(&[
    "satsningarna",
    "projekten",
    "programmen",
    "kampanjerna",
    "initiativen",
    "fokusområdena",
    "satsningar",
    "kampanjer",
]);

#[cfg(test)]
mod tests {
    use super::*;

    static LIST: Words = Words::new(&["chef", "Torg", "ö", "kontoret", "a"]);

    #[test]
    fn membership_is_exact_and_filters_do_not_hide_entries() {
        for w in ["chef", "Torg", "ö", "kontoret", "a"] {
            assert!(LIST.contains(w), "{w}");
        }
        for w in ["", "Chef", "torg", "chefen", "b", "kontore", "öö"] {
            assert!(!LIST.contains(w), "{w}");
        }
    }

    #[test]
    fn endings_compare_entries_in_lowercase_at_char_boundaries() {
        let found = |w: &'static str| LIST.endings(w).collect::<Vec<_>>();
        assert_eq!(found("kulturchef"), ["chef"]);
        assert_eq!(found("stadsbyggnadskontoret"), ["kontoret"]);
        assert_eq!(found("vasatorg"), ["torg"]);
        assert_eq!(found("lilla ö"), ["ö"]);
        assert_eq!(found("idea"), ["a"]);
        assert!(found("chefen").is_empty());
        assert!(found("").is_empty());
    }

    /// Asserts that each word of `found` ends in its one entry of `list`, and each of `none` in none.
    fn assert_endings(list: &Words, found: &[(&str, &str)], none: &[&str]) {
        for (word, ending) in found {
            assert_eq!(list.endings(word).collect::<Vec<_>>(), [*ending], "{word}");
        }
        for word in none {
            assert!(list.endings(word).next().is_none(), "{word}");
        }
    }

    #[test]
    fn the_two_byte_tail_filter_keeps_every_real_ending() {
        static LONG: Words = Words::new(&["chef", "kontoret", "Torg", "allé"]);
        let found = [
            ("kulturchef", "chef"),
            ("trafikkontoret", "kontoret"),
            ("stortorg", "torg"),
            ("sturegatans allé", "allé"),
        ];
        assert_endings(
            &LONG,
            &found,
            &["chefen", "kontor", "torget", "alle", "f", ""],
        );
    }

    #[test]
    fn short_and_long_entries_pass_their_own_tail_filters() {
        static MIXED: Words = Words::new(&["ån", "hus", "torget", "Bolaget"]);
        let found = [
            ("klarälvsån", "ån"),
            ("flerbostadshus", "hus"),
            ("stortorget", "torget"),
            ("energibolaget", "bolaget"),
        ];
        assert_endings(
            &MIXED,
            &found,
            &["kommunen", "huset", "torg", "bolag", "n", ""],
        );
    }

    #[test]
    fn every_shipped_list_finds_its_own_entries() {
        for list in [
            &SV_TITLE_ENDINGS,
            &SV_ORG_ENDINGS_ANY_CASE,
            &SV_PLACE_ENDINGS,
            &SENTENCE_WORDS,
        ] {
            for w in list.iter() {
                assert!(list.contains(w), "{w}");
                let lower = w.to_lowercase();
                assert!(list.endings(&lower).any(|e| e == lower), "{w}");
            }
        }
    }
}
