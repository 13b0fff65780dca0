//! The gazetteer's tables, the rules that build them from rows of gazetteer files, and the hash and
//! probe that look names up in them.
//!
//! Shared by the build script and the runtime: `build.rs` includes this file as a module of its own,
//! builds the shipped gazetteer with it and writes the tables out as Rust statics, so that a start
//! builds nothing; the runtime builds the same tables with it when a user's gazetteer file is added.
//! One implementation of the parsing and merging rules, so that the compiled-in tables and a gazetteer
//! built at run time cannot drift apart. It therefore depends on std, `csv` and `rustc-hash` only.
//!
//! Every table holds numbers, not strings: a string is a [`Str`], a range of one text (`Tables::text`).
//! Generated as Rust source, tens of thousands of string literals would each be a constant of its own to
//! the compiler and a pointer to relocate when the binary is loaded; ranges of one text are neither.

use std::borrow::Cow;
use std::io::Read;

use rustc_hash::{FxHashMap, FxHashSet};

/// The shipped gazetteer files (in `data/gazetteer/`), in the order they are read. Localities come
/// first, so that every other file's row for a name wins over theirs; later files override earlier
/// ones for the same form (the islands of `se-regions.csv` retype municipality places).
#[cfg_attr(not(test), allow(dead_code))] // build.rs and the tests
pub const SHIPPED_FILES: [&str; 13] = [
    "se-localities.csv",
    "gb-localities.csv",
    "se-municipalities.csv",
    "se-municipality-orgs.csv",
    "goteborg-areas.csv",
    "goteborg-organizations.csv",
    "initiatives.csv",
    "countries.csv",
    "se-regions.csv",
    "se-national.csv",
    "stockholm-areas.csv",
    "uk-places.csv",
    "uk-organizations.csv",
];

/// The shipped given-name lists (in `data/names/`). The second holds Welsh, Scottish and Irish names the
/// SCB and US Census lists lack ("Carys", "Eilidh", "Niamh"): a file of its own because its source's
/// licence (GFDL) asks that extracts keep it.
#[cfg_attr(not(test), allow(dead_code))] // build.rs and the tests
pub const GIVEN_NAME_FILES: [&str; 2] = ["given-names.txt", "given-names-gb-ie.txt"];

/// [`Form::entry`] of a text that is only the first word of longer forms.
pub const NO_ENTRY: u32 = u32::MAX;

/// The kinds, by their number in [`EntryRow::kind`]: person, place, organization, initiative.
pub const PERSON: u8 = 0;

/// The schema.org type of a row that leaves `type` empty, by kind number.
pub const DEFAULT_TYPES: [&str; 4] = ["Person", "Place", "Organization", "Project"];

/// A string of a table: `len` bytes from byte `start` of the table's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Str {
    /// First byte.
    pub start: u32,
    /// Length in bytes.
    pub len: u32,
}

/// A [`Str`], short for the generated tables.
pub const fn s(start: u32, len: u32) -> Str {
    Str { start, len }
}

/// One row of a gazetteer: a known entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntryRow {
    /// Canonical name.
    pub name: Str,
    /// schema.org type.
    pub schema_type: Str,
    /// The range of [`Tables::same_as`] holding its IRIs.
    pub same_as: (u32, u32),
    /// Latitude, when `geo`.
    pub latitude: Str,
    /// Longitude, when `geo`.
    pub longitude: Str,
    /// Whether the row gives coordinates.
    pub geo: bool,
    /// Kind number (see [`PERSON`]).
    pub kind: u8,
}

/// An [`EntryRow`], short for the generated tables.
pub const fn e(
    name: Str,
    schema_type: Str,
    same_as: (u32, u32),
    latitude: Str,
    longitude: Str,
    geo: bool,
    kind: u8,
) -> EntryRow {
    EntryRow {
        name,
        schema_type,
        same_as,
        latitude,
        longitude,
        geo,
        kind,
    }
}

/// A text of the name table: a surface form (name, alias, genitive), the first word of longer forms,
/// or both.
///
/// A form found at a word start either ends where the text's first word ends or goes on past it with
/// a character that is not a word character: so the first word picks every form that can match there
/// whole, and one lookup per capitalized word finds them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Form {
    /// The text.
    pub text: Str,
    /// The entry the text names when it is a surface form, else [`NO_ENTRY`].
    pub entry: u32,
    /// The range of [`Tables::longer`] holding the forms that start with this word.
    pub longer: (u32, u32),
}

/// A [`Form`], short for the generated tables.
pub const fn f(text: Str, entry: u32, longer: (u32, u32)) -> Form {
    Form {
        text,
        entry,
        longer,
    }
}

/// A gazetteer's lookup tables: what `Gazetteer::find` and `lookup` read. Borrowed from statics for the
/// shipped gazetteer, owned when built at run time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tables {
    /// Every string of the tables, one after the other.
    pub text: Cow<'static, str>,
    /// The entries, in the order of their rows (a row overridden by a later one keeps its place).
    pub entries: Cow<'static, [EntryRow]>,
    /// The entries' `same_as` IRIs.
    pub same_as: Cow<'static, [Str]>,
    /// The texts a lookup can find, in no particular order; [`Self::index`] finds them.
    pub forms: Cow<'static, [Form]>,
    /// Open addressing over [`Self::forms`] (see [`probe`]).
    pub index: Cow<'static, [u64]>,
    /// The forms that go on past their first word ("Göteborgs Stad", "St."), with their entries,
    /// grouped by that word and longest first within a group; [`Form::longer`] holds each group's range.
    pub longer: Cow<'static, [(Str, u32)]>,
    /// The bytes a surface form can start with: only word starts holding one are searched.
    pub first_bytes: [u64; 4],
    /// Whether every form starts with an ASCII capital or a character beyond ASCII (as the shipped
    /// names do): then `find` skips all other bytes eight at a time.
    pub capitals_only: bool,
}

impl Default for Tables {
    /// No names; `capitals_only` is false until tables are built.
    fn default() -> Self {
        Self {
            text: Cow::Borrowed(""),
            entries: Cow::Borrowed(&[]),
            same_as: Cow::Borrowed(&[]),
            forms: Cow::Borrowed(&[]),
            index: Cow::Borrowed(&[0]),
            longer: Cow::Borrowed(&[]),
            first_bytes: [0; 4],
            capitals_only: false,
        }
    }
}

impl Tables {
    /// The text of `s`.
    pub fn str(&self, s: Str) -> &str {
        &self.text[s.start as usize..][..s.len as usize]
    }

    /// The bytes of `s`, without the check that its ends are character boundaries.
    #[inline]
    pub fn bytes(&self, s: Str) -> &[u8] {
        &self.text.as_bytes()[s.start as usize..][..s.len as usize]
    }

    /// The position in [`Self::forms`] of `key`, if the table holds it.
    #[inline]
    pub fn form(&self, key: &str) -> Option<&Form> {
        let key = key.as_bytes();
        let id = probe(&self.index, hash(key), |id| {
            self.bytes(self.forms[id].text) == key
        })?;
        Some(&self.forms[id])
    }
}

/// A set of names (the given names), hashed as [`Tables::index`] is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameSet {
    /// The names, one after the other.
    pub text: Cow<'static, str>,
    /// Each name's range of the text.
    pub names: Cow<'static, [Str]>,
    /// Open addressing over [`Self::names`] (see [`probe`]).
    pub index: Cow<'static, [u64]>,
}

impl Default for NameSet {
    fn default() -> Self {
        Self {
            text: Cow::Borrowed(""),
            names: Cow::Borrowed(&[]),
            index: Cow::Borrowed(&[0]),
        }
    }
}

impl NameSet {
    /// The set of `names` (each once, in their first order).
    #[cfg_attr(not(test), allow(dead_code))] // build.rs and the tests
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        let mut seen = FxHashSet::default();
        let (mut text, mut strs) = (String::new(), Vec::new());
        for name in names {
            if seen.insert(name) {
                strs.push(Str {
                    start: offset(text.len()),
                    len: offset(name.len()),
                });
                text.push_str(name);
            }
        }
        let mut index = empty_index(strs.len());
        for (id, &name) in strs.iter().enumerate() {
            let start = name.start as usize;
            insert(
                &mut index,
                hash(&text.as_bytes()[start..][..name.len as usize]),
                id,
            );
        }
        Self {
            text: Cow::Owned(text),
            names: Cow::Owned(strs),
            index: Cow::Owned(index),
        }
    }

    /// Whether `word` is in the set.
    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        let word = word.as_bytes();
        let bytes = self.text.as_bytes();
        let found = probe(&self.index, hash(word), |id| {
            let name = self.names[id];
            bytes[name.start as usize..][..name.len as usize] == *word
        });
        found.is_some()
    }

    /// The names, in their first order.
    #[cfg_attr(not(test), allow(dead_code))] // build.rs and the tests
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        let at = |s: &Str| &self.text[s.start as usize..][..s.len as usize];
        self.names.iter().map(at)
    }
}

/// The hash of a key of [`Tables::index`] and [`NameSet`]: rustc-hash's string hash (a wyhash-like mix
/// by Orson Peters, in `FxHasher::write`) followed by FxHash's multiply, computed in 64 bits on every
/// platform. Written out here rather than taken from `FxHasher`, whose result depends on the width of
/// `usize` (and whose algorithm may change with the crate's version): the build script hashes on the
/// host and the lookups run on the target, and both must agree.
#[inline]
pub fn hash(bytes: &[u8]) -> u64 {
    const SEED1: u64 = 0x243f_6a88_85a3_08d3;
    const SEED2: u64 = 0x1319_8a2e_0370_7344;
    const PREVENT_TRIVIAL_ZERO_COLLAPSE: u64 = 0xa409_3822_299f_31d0;
    const K: u64 = 0xf135_7aea_2e62_a9c5;
    let len = bytes.len();
    let (mut s0, mut s1) = (SEED1, SEED2);
    if len <= 16 {
        if len >= 8 {
            s0 ^= u64::from_le_bytes(bytes[0..8].try_into().expect("8 bytes"));
            s1 ^= u64::from_le_bytes(bytes[len - 8..].try_into().expect("8 bytes"));
        } else if len >= 4 {
            s0 ^= u64::from(u32::from_le_bytes(bytes[0..4].try_into().expect("4 bytes")));
            s1 ^= u64::from(u32::from_le_bytes(
                bytes[len - 4..].try_into().expect("4 bytes"),
            ));
        } else if len > 0 {
            s0 ^= u64::from(bytes[0]);
            s1 ^= u64::from(bytes[len - 1]) << 8 | u64::from(bytes[len / 2]);
        }
    } else {
        let mut bulk = &bytes[..len - 1];
        while let Some((chunk, rest)) = bulk.split_first_chunk::<16>() {
            let x = u64::from_le_bytes(chunk[..8].try_into().expect("8 bytes"));
            let y = u64::from_le_bytes(chunk[8..].try_into().expect("8 bytes"));
            let t = multiply_mix(s0 ^ x, PREVENT_TRIVIAL_ZERO_COLLAPSE ^ y);
            s0 = s1;
            s1 = t;
            bulk = rest;
        }
        let suffix = &bytes[len - 16..];
        s0 ^= u64::from_le_bytes(suffix[0..8].try_into().expect("8 bytes"));
        s1 ^= u64::from_le_bytes(suffix[8..16].try_into().expect("8 bytes"));
    }
    (multiply_mix(s0, s1) ^ len as u64).wrapping_mul(K)
}

/// The two halves of the 128-bit product, folded.
#[inline]
fn multiply_mix(x: u64, y: u64) -> u64 {
    let full = u128::from(x) * u128::from(y);
    (full as u64) ^ (full >> 64) as u64
}

/// The key with hash `h` in an open-addressing index, found by `is` (which compares the key of an id).
///
/// The index has a power-of-two number of slots, at most half of them used (so a probe that misses
/// meets an empty slot soon); linear probing. A slot holds the high half of its key's hash above the
/// key's id plus one (0: empty), so that a slot of another key is passed over without reading that key.
/// A key's first slot is picked by the high half too: a multiplicative hash's best-mixed bits.
#[inline]
pub fn probe(index: &[u64], h: u64, mut is: impl FnMut(usize) -> bool) -> Option<usize> {
    let mask = index.len() - 1;
    let high = h >> 32;
    let mut i = high as usize & mask;
    loop {
        let slot = index[i];
        if slot == 0 {
            return None;
        }
        if slot >> 32 == high {
            let id = (slot as u32 - 1) as usize;
            if is(id) {
                return Some(id);
            }
        }
        i = (i + 1) & mask;
    }
}

/// An index with room for `keys` keys (see [`probe`]).
fn empty_index(keys: usize) -> Vec<u64> {
    vec![0; (2 * keys).next_power_of_two()]
}

/// Puts the key `id` with hash `h` in the first free slot from its own.
fn insert(index: &mut [u64], h: u64, id: usize) {
    let mask = index.len() - 1;
    let high = h >> 32;
    let mut i = high as usize & mask;
    while index[i] != 0 {
        i = (i + 1) & mask;
    }
    let id = u32::try_from(id + 1).expect("fewer than 2^32 keys");
    index[i] = high << 32 | u64::from(id);
}

/// A table position as a 32-bit number.
fn offset(n: usize) -> u32 {
    u32::try_from(n).expect("gazetteer tables under 4 GiB")
}

/// The shipped given names, but for everyday words: the lines of `lists` that are neither empty nor
/// comments nor in `common` (the lexicon's lists of sentence and calendar words and words that
/// registers also list as given names), nor single characters. Registered given names that are also
/// everyday words ("The", "Frost", "May") would start too many false people.
#[cfg_attr(not(test), allow(dead_code))] // build.rs and the tests
pub fn given_names<'a>(lists: &[&'a str], common: &[&[&str]]) -> Vec<&'a str> {
    let common: FxHashSet<&str> = common.iter().flat_map(|l| l.iter().copied()).collect();
    let lines = lists.iter().flat_map(|list| list.lines()).map(str::trim);
    let names = lines.filter(|l| !l.is_empty() && !l.starts_with('#'));
    names
        .filter(|l| l.chars().count() >= 2 && !common.contains(l))
        .collect()
}

/// How far a file's rows are checked.
#[derive(Debug, Clone, Copy)]
pub struct Checks {
    /// Whether coordinates must be plain decimals within range.
    pub coordinates: bool,
    /// Whether a `same_as` value is an absolute IRI, when they are checked.
    pub iri: Option<fn(&str) -> bool>,
}

/// What is wrong with a row: the file (its position in the files read together), the line and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// Position of the file among those read together.
    pub file: usize,
    /// Line in that file.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// A gazetteer's rows as they are read: the entries and every surface form with the entry it names.
/// [`Self::tables`] makes the lookup tables of them.
#[derive(Debug, Clone, Default)]
pub struct Builder {
    /// The strings of the entries and forms.
    text: String,
    /// Where each string of [`Self::text`] is, so that one met again (a type, a name that is also a
    /// form) is stored once.
    strings: FxHashMap<Box<str>, Str>,
    entries: Vec<EntryRow>,
    same_as: Vec<Str>,
    /// Every surface form (name, alias, genitive) with its entry (a form added again, by a later row,
    /// names the later entry) and, once known, where its text is in [`Self::text`].
    forms: FxHashMap<Box<str>, (u32, Option<Str>)>,
}

impl Builder {
    /// The rows that `tables` were built of, to add more to: their entries and text as they are, and
    /// their forms with the entries they name. (The first words that name no entry are grouped anew
    /// by [`Self::tables`].) Reading the shipped files again gives the same rows, in about ten times
    /// the time.
    pub fn from_tables(tables: &Tables) -> Self {
        let mut forms = FxHashMap::default();
        forms.reserve(tables.forms.len());
        for form in tables.forms.iter().filter(|form| form.entry != NO_ENTRY) {
            let text = tables.str(form.text);
            forms.insert(text.into(), (form.entry, Some(form.text)));
        }
        Self {
            text: tables.text.clone().into_owned(),
            strings: FxHashMap::default(),
            entries: tables.entries.to_vec(),
            same_as: tables.same_as.to_vec(),
            forms,
        }
    }

    /// Adds the rows of `files`, each with its own header row, read one after the other by one CSV
    /// reader: building a reader's state machine cost as much as reading some two hundred rows, and
    /// the shipped files are thirteen.
    ///
    /// Each row is checked as UTF-8 once and its fields are cut from it; a `StringRecord` checked each
    /// field again whenever it was read. A row in error ends the reading; the rows before it stay.
    pub fn add_texts(
        &mut self,
        files: &[&str],
        delimiter: u8,
        checks: Checks,
    ) -> Result<(), RowError> {
        let starts = Starts::new(files);
        // Each text is followed by a line end, so that a last row without one does not run on into the
        // next file's header.
        let stream = files.iter().fold(
            Box::new(std::io::empty()) as Box<dyn Read>,
            |stream, text| Box::new(Read::chain(stream, text.as_bytes()).chain(&b"\n"[..])),
        );
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .comment(Some(b'#'))
            .flexible(true)
            .has_headers(false)
            .from_reader(stream);
        let err = |(file, line): (usize, u64), message: String| RowError {
            file,
            line: starts.line_in(file, line) as usize,
            message,
        };
        let mut record = csv::ByteRecord::new();
        let mut columns: Option<(usize, Columns)> = None;
        loop {
            let read = reader.read_byte_record(&mut record).map_err(|e| {
                let line = e.position().map_or(0, csv::Position::line);
                err(
                    (starts.file_of(reader.position().byte()), line),
                    e.to_string(),
                )
            })?;
            if !read {
                return Ok(());
            }
            let line = record.position().map_or(0, csv::Position::line);
            let at = (starts.file_of(reader.position().byte()), line);
            let text = std::str::from_utf8(record.as_slice())
                .map_err(|e| err(at, format!("not UTF-8: {e}")))?;
            let row = Row {
                text,
                record: &record,
            };
            let columns = match &columns {
                Some((file, columns)) if *file == at.0 => columns,
                // A file's first row is its header.
                _ => {
                    let found = Columns::new(&row, checks)
                        .ok_or_else(|| err(at, "no `name` column".into()))?;
                    columns = Some((at.0, found));
                    continue;
                }
            };
            let entry = columns.entry(&row).map_err(|m| err(at, m))?;
            let index =
                u32::try_from(self.entries.len()).expect("fewer than 2^32 gazetteer entries");
            let aliases = columns.get(&row, columns.aliases).split('|');
            for form in std::iter::once(entry.name).chain(aliases.map(str::trim)) {
                if !form.is_empty() {
                    self.add_form(form, index, entry.kind);
                }
            }
            self.push_entry(&entry);
        }
    }

    /// Stores a parsed row's strings and appends its entry.
    fn push_entry(&mut self, entry: &Parsed) {
        let from = offset(self.same_as.len());
        for iri in entry.same_as.split('|').map(str::trim) {
            if !iri.is_empty() {
                let iri = self.intern(iri);
                self.same_as.push(iri);
            }
        }
        let (latitude, longitude) = entry.geo.unwrap_or_default();
        let row = EntryRow {
            name: self.intern(entry.name),
            schema_type: self.intern(entry.schema_type),
            same_as: (from, offset(self.same_as.len())),
            latitude: self.intern(latitude),
            longitude: self.intern(longitude),
            geo: entry.geo.is_some(),
            kind: entry.kind,
        };
        self.entries.push(row);
    }

    /// Where `s` is in [`Self::text`], added there if it is not yet.
    fn intern(&mut self, s: &str) -> Str {
        if let Some(&at) = self.strings.get(s) {
            return at;
        }
        let at = Str {
            start: offset(self.text.len()),
            len: offset(s.len()),
        };
        self.text.push_str(s);
        self.strings.insert(s.into(), at);
        at
    }

    /// Adds a surface form and its Swedish genitive ("Göteborg" → "Göteborgs") when it has none, so
    /// that inflected mentions resolve to the base entry. A form added again (by a later row) now names
    /// the later entry.
    fn add_form(&mut self, form: &str, entry: u32, kind: u8) {
        self.set_form(form, entry);
        if kind != PERSON && !form.ends_with(['s', 'x', 'z']) {
            let mut genitive = String::with_capacity(form.len() + 1);
            genitive.push_str(form);
            genitive.push('s');
            self.set_form(&genitive, entry);
        }
    }

    fn set_form(&mut self, form: &str, entry: u32) {
        match self.forms.get_mut(form) {
            Some((e, _)) => *e = entry,
            None => {
                self.forms.insert(form.into(), (entry, None));
            }
        }
    }

    /// The lookup tables of the rows so far: every form in the index, the forms longer than their
    /// first word grouped under that word, and the bytes forms start with.
    pub fn tables(&mut self) -> Tables {
        let forms = std::mem::take(&mut self.forms);
        let mut table: Vec<Form> = Vec::with_capacity(forms.len());
        for (form, &(entry, at)) in &forms {
            table.push(Form {
                text: at.unwrap_or_else(|| self.intern(form)),
                entry,
                longer: (0, 0),
            });
        }
        self.forms = forms;
        let text = self.text.as_bytes();
        let word_of = |s: Str| {
            let form = &self.text[s.start as usize..][..s.len as usize];
            Str {
                start: s.start,
                len: offset(first_word_len(form)),
            }
        };
        let bytes = |s: Str| &text[s.start as usize..][..s.len as usize];
        // The forms that go on past their first word, by that word and longest first; two forms of one
        // length cannot both match at one place, but are ordered by their bytes so that the tables do
        // not depend on the order the forms were read in.
        let mut longer: Vec<(Str, u32, Str)> = table
            .iter()
            .map(|form| (form.text, form.entry, word_of(form.text)))
            .filter(|(form, _, word)| word.len < form.len)
            .collect();
        longer.sort_unstable_by(|(a, _, wa), (b, _, wb)| {
            bytes(*wa)
                .cmp(bytes(*wb))
                .then(b.len.cmp(&a.len))
                .then_with(|| bytes(*a).cmp(bytes(*b)))
        });
        let groups: Vec<&[(Str, u32, Str)]> = longer
            .chunk_by(|(_, _, wa), (_, _, wb)| bytes(*wa) == bytes(*wb))
            .collect();
        let mut index = empty_index(table.len() + groups.len());
        for (id, form) in table.iter().enumerate() {
            insert(&mut index, hash(bytes(form.text)), id);
        }
        let mut from = 0;
        for group in &groups {
            let word = group[0].2;
            let to = from + offset(group.len());
            let key = bytes(word);
            let h = hash(key);
            match probe(&index, h, |id| bytes(table[id].text) == key) {
                Some(id) => table[id].longer = (from, to),
                None => {
                    insert(&mut index, h, table.len());
                    table.push(Form {
                        text: word,
                        entry: NO_ENTRY,
                        longer: (from, to),
                    });
                }
            }
            from = to;
        }
        let longer: Vec<(Str, u32)> = longer
            .iter()
            .map(|&(form, entry, _)| (form, entry))
            .collect();
        let mut first_bytes = [0u64; 4];
        for form in table.iter().filter(|form| form.entry != NO_ENTRY) {
            if let Some(&b) = bytes(form.text).first() {
                first_bytes[usize::from(b >> 6)] |= 1 << (b & 63);
            }
        }
        let capitals_only = (0..=255u8)
            .filter(|&b| may_start(&first_bytes, b))
            .all(|b| b.is_ascii_uppercase() || b >= 0xc0);
        Tables {
            text: Cow::Owned(self.text.clone()),
            entries: Cow::Owned(self.entries.clone()),
            same_as: Cow::Owned(self.same_as.clone()),
            forms: Cow::Owned(table),
            index: Cow::Owned(index),
            longer: Cow::Owned(longer),
            first_bytes,
            capitals_only,
        }
    }
}

/// Whether some surface form starts with byte `b`, by [`Tables::first_bytes`].
#[inline]
pub fn may_start(first_bytes: &[u64; 4], b: u8) -> bool {
    first_bytes[usize::from(b >> 6)] >> (b & 63) & 1 != 0
}

/// The length of the first word of `text`: up to its first character that is not a word character
/// (letters and digits, `-` and the soft hyphen). The runtime has a faster one for the lookups; a test
/// holds the two equal.
pub fn first_word_len(text: &str) -> usize {
    text.char_indices()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '-' || c == '\u{AD}'))
        .map_or(text.len(), |(i, _)| i)
}

/// The first line of a gazetteer file that is not a comment: its header, which tells its delimiter.
pub fn first_data_line(text: &str) -> &str {
    text.lines().find(|l| !l.starts_with('#')).unwrap_or("")
}

/// The number of lines of `text` (at most one more than its newlines).
pub fn line_count(text: &str) -> usize {
    text.bytes().filter(|&b| b == b'\n').count() + 1
}

/// Where each of several texts read as one stream begins, to name the file and line of a row.
struct Starts<'a> {
    files: &'a [&'a str],
    /// Each text's first byte in the stream, where each is followed by a line end.
    bytes: Vec<u64>,
}

impl<'a> Starts<'a> {
    fn new(files: &'a [&'a str]) -> Self {
        let mut byte = 0;
        let bytes = files.iter().map(|text| {
            let start = byte;
            byte += text.len() as u64 + 1;
            start
        });
        let bytes = bytes.collect();
        Self { files, bytes }
    }

    /// The file of the row that ends at byte `end` of the stream.
    ///
    /// The reader places a row where the row before it ended, ahead of the comment lines between them,
    /// so a file's header row is placed in the file before: the file is told by where the row ends.
    fn file_of(&self, end: u64) -> usize {
        let last = end.saturating_sub(1);
        self.bytes.partition_point(|&byte| byte <= last).max(1) - 1
    }

    /// Stream line `line` as a line of `file`. Only an error asks, so the lines of the files before are
    /// counted then rather than for every load.
    fn line_in(&self, file: usize, line: u64) -> u64 {
        let before: usize = self.files[..file].iter().map(|t| line_count(t)).sum();
        (line + 1).saturating_sub(before as u64 + 1).max(1)
    }
}

/// One row of a gazetteer file: its fields' text, checked as UTF-8 once, and where each field is.
struct Row<'r> {
    text: &'r str,
    record: &'r csv::ByteRecord,
}

impl<'r> Row<'r> {
    /// The field at `i`, if the row has one. The fields are cut between delimiters, which are ASCII,
    /// so each is whole characters.
    fn field(&self, i: usize) -> Option<&'r str> {
        self.text.get(self.record.range(i)?)
    }

    /// The row's fields in order.
    fn fields(&self) -> impl Iterator<Item = &'r str> + '_ {
        (0..self.record.len()).map_while(|i| self.field(i))
    }
}

/// Where a gazetteer file's columns are, read once from its header row, and how its rows are checked.
struct Columns {
    checks: Checks,
    name: usize,
    kind: Option<usize>,
    schema_type: Option<usize>,
    aliases: Option<usize>,
    same_as: Option<usize>,
    latitude: Option<usize>,
    longitude: Option<usize>,
}

impl Columns {
    /// The columns named in `headers`; `None` without a `name` column.
    fn new(headers: &Row, checks: Checks) -> Option<Self> {
        let col = |name: &str| headers.fields().position(|h| h.trim() == name);
        Some(Self {
            checks,
            name: col("name")?,
            kind: col("kind"),
            schema_type: col("type"),
            aliases: col("aliases"),
            same_as: col("same_as"),
            latitude: col("latitude"),
            longitude: col("longitude"),
        })
    }

    /// The trimmed field of `row` in `column`, empty when the file or the row has none.
    fn get<'r>(&self, row: &Row<'r>, column: Option<usize>) -> &'r str {
        column.and_then(|i| row.field(i)).map_or("", str::trim)
    }

    /// The entry a row describes, or what is wrong with it.
    fn entry<'r>(&self, row: &Row<'r>) -> Result<Parsed<'r>, String> {
        let get = |column| self.get(row, column);
        parse_entry(
            get(Some(self.name)),
            get(self.kind),
            get(self.schema_type),
            get(self.same_as),
            (get(self.latitude), get(self.longitude)),
            self.checks,
        )
    }
}

/// A row's entry, its strings borrowed from the row.
struct Parsed<'r> {
    name: &'r str,
    kind: u8,
    schema_type: &'r str,
    /// The `same_as` field: IRIs between `|`.
    same_as: &'r str,
    geo: Option<(&'r str, &'r str)>,
}

fn parse_entry<'r>(
    name: &'r str,
    kind: &'r str,
    ty: &'r str,
    same_as: &'r str,
    (lat, lon): (&'r str, &'r str),
    checks: Checks,
) -> Result<Parsed<'r>, String> {
    if name.is_empty() {
        return Err("empty name".into());
    }
    let Some(kind) = kind_named(kind) else {
        return Err(format!(
            "unknown kind {:?} (person, place, organization, initiative)",
            kind.to_lowercase()
        ));
    };
    let schema_type = if ty.is_empty() {
        DEFAULT_TYPES[usize::from(kind)]
    } else {
        ty
    };
    if !schema_type.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(format!(
            "type {schema_type:?} is not a schema.org type name"
        ));
    }
    if let Some(is_iri) = checks.iri {
        // The check `NamedNode::new` makes, on the borrowed text.
        let iris = same_as.split('|').map(str::trim).filter(|s| !s.is_empty());
        if let Some(bad) = iris.into_iter().find(|s| !is_iri(s)) {
            return Err(format!("same_as {bad:?} is not an absolute IRI"));
        }
    }
    let geo = match (lat, lon) {
        ("", "") => None,
        (la, lo) if !checks.coordinates || is_coordinate(la, 90.0) && is_coordinate(lo, 180.0) => {
            Some((la, lo))
        }
        _ => return Err(format!("invalid coordinates {lat:?}, {lon:?}")),
    };
    Ok(Parsed {
        name,
        kind,
        schema_type,
        same_as,
        geo,
    })
}

/// The kind number a gazetteer row's `kind` names, in any case. Comparing ASCII letters only is enough:
/// the one other character that lowercases to an ASCII letter, the Kelvin sign, gives a `k`, which no
/// name has.
fn kind_named(kind: &str) -> Option<u8> {
    const KINDS: [(&str, u8); 6] = [
        ("person", 0),
        ("place", 1),
        ("organization", 2),
        ("organisation", 2),
        ("initiative", 3),
        ("project", 3),
    ];
    KINDS
        .iter()
        .find(|(name, _)| kind.eq_ignore_ascii_case(name))
        .map(|&(_, kind)| kind)
}

/// A plain decimal number within ±limit (the form `xsd:decimal` accepts).
fn is_coordinate(s: &str, limit: f64) -> bool {
    let plain = s.strip_prefix('-').unwrap_or(s);
    let digits_ok = !plain.is_empty()
        && plain.chars().all(|c| c.is_ascii_digit() || c == '.')
        && plain.matches('.').count() <= 1
        && !plain.starts_with('.')
        && !plain.ends_with('.');
    digits_ok && s.parse::<f64>().is_ok_and(|v| v.abs() <= limit)
}
