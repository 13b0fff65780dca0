//! Gazetteers: known places, organizations, initiatives and people, found by the first word of their names.
//!
//! Entries come from the CSV files in `data/gazetteer/` (compiled in) and from users' `--gazetteer` files
//! with the same columns: `name,kind,type,aliases,same_as,latitude,longitude` (`|` between aliases, `#` for
//! comment lines, comma or tab separated). Swedish genitive forms ("Göteborgs") are added as forms of their
//! own so that inflected mentions resolve to the base entry.

use rustc_hash::{FxHashMap, FxHashSet};
use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result};
use crate::model::{EntityKind, Geo};

/// The data files shipped in the binary, with their names for error messages. Localities come first, so
/// that every other file's row for a name wins over theirs.
const BUILTIN: [(&str, &str); 13] = [
    (
        "se-localities.csv",
        include_str!("../../data/gazetteer/se-localities.csv"),
    ),
    (
        "gb-localities.csv",
        include_str!("../../data/gazetteer/gb-localities.csv"),
    ),
    (
        "se-municipalities.csv",
        include_str!("../../data/gazetteer/se-municipalities.csv"),
    ),
    (
        "se-municipality-orgs.csv",
        include_str!("../../data/gazetteer/se-municipality-orgs.csv"),
    ),
    (
        "goteborg-areas.csv",
        include_str!("../../data/gazetteer/goteborg-areas.csv"),
    ),
    (
        "goteborg-organizations.csv",
        include_str!("../../data/gazetteer/goteborg-organizations.csv"),
    ),
    (
        "initiatives.csv",
        include_str!("../../data/gazetteer/initiatives.csv"),
    ),
    (
        "countries.csv",
        include_str!("../../data/gazetteer/countries.csv"),
    ),
    // Later files override earlier ones for the same form: the islands here retype municipality places.
    (
        "se-regions.csv",
        include_str!("../../data/gazetteer/se-regions.csv"),
    ),
    (
        "se-national.csv",
        include_str!("../../data/gazetteer/se-national.csv"),
    ),
    (
        "stockholm-areas.csv",
        include_str!("../../data/gazetteer/stockholm-areas.csv"),
    ),
    (
        "uk-places.csv",
        include_str!("../../data/gazetteer/uk-places.csv"),
    ),
    (
        "uk-organizations.csv",
        include_str!("../../data/gazetteer/uk-organizations.csv"),
    ),
];

const GIVEN_NAMES: &str = include_str!("../../data/names/given-names.txt");
/// Welsh, Scottish and Irish given names the SCB and US Census lists lack ("Carys", "Eilidh", "Niamh"); a
/// separate file because its source's licence (GFDL) asks that extracts keep it.
const GIVEN_NAMES_GB_IE: &str = include_str!("../../data/names/given-names-gb-ie.txt");

/// One known entity.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Canonical name.
    pub name: String,
    /// Broad kind.
    pub kind: EntityKind,
    /// schema.org type.
    pub schema_type: String,
    /// Wikidata (or other) IRIs.
    pub same_as: Vec<String>,
    /// Coordinates.
    pub geo: Option<Geo>,
}

/// A gazetteer hit in a text: byte range and entry index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Start byte.
    pub start: usize,
    /// End byte.
    pub end: usize,
    /// Index into [`Gazetteer::entries`].
    pub entry: usize,
}

/// Known names and the tables that find them.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    /// Every surface form (name, alias, genitive) and every first word of a longer form, by text.
    names: FxHashMap<Box<str>, Slot>,
    /// The forms that go on past their first word ("Göteborgs Stad", "St."), grouped by that word and
    /// longest first within a group; [`Slot::longer`] holds each group's range.
    longer: Vec<(String, usize)>,
    /// The bytes a surface form can start with: only word starts holding one are searched.
    first_bytes: [u64; 4],
    /// Whether every form starts with an ASCII capital or a character beyond ASCII (as the shipped
    /// names do): then `find` skips all other bytes eight at a time.
    capitals_only: bool,
    /// The shipped lists' names, borrowed from the binary rather than copied.
    given_names: FxHashSet<&'static str>,
}

/// What a text in [`Gazetteer::names`] stands for.
///
/// A form found at a word start either ends where the text's first word ends or goes on past it with
/// a character that is not a word character: so the first word picks every form that can match there
/// whole. (A form ending inside the word matches no whole word either; the walk over the whole trie
/// that this replaced took it only to skip to its end, where the next word start was anyway.) Built in
/// a few milliseconds where the automaton took ten, and a lookup per capitalized word costs about what
/// the walk did.
///
/// Keys are boxed strings and entries 32-bit, so that a bucket takes 32 bytes rather than 48: the table
/// holds some eighteen thousand forms, and a smaller one is faulted in faster at start-up and missed less
/// in the caches by the lookup at every capitalized word.
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    /// The entry the text names when it is a surface form.
    entry: Option<u32>,
    /// The range of [`Gazetteer::longer`] holding the forms that start with this word.
    longer: (u32, u32),
}

impl Gazetteer {
    /// The gazetteer shipped with newsgraph.
    pub fn builtin() -> Self {
        let mut g = Self::default();
        // Room for every row and its genitive up front: growing the tables rehashed them several times.
        let rows: usize = BUILTIN.iter().map(|(_, text)| line_count(text)).sum();
        g.entries.reserve(rows);
        g.names.reserve(2 * rows);
        // The given names are hashed on another core meanwhile (a quarter of the time).
        let ((), given) = rayon::join(
            || {
                let files = BUILTIN.map(|(name, text)| (Path::new(name), text));
                g.add_texts(&files, b',', Source::Shipped)
                    .expect("shipped gazetteers are valid (tested)");
            },
            given_names,
        );
        g.given_names = given;
        g.build();
        g
    }

    /// The canonical name of the shipped entry that `value` names, by its name or an alias in any case
    /// ("gothenburg" → "Göteborg"). Reads the shipped files without building the lookup tables, so that
    /// `query` can resolve an entity parameter in a few milliseconds. A name wins over an alias.
    pub fn canonical_name(value: &str) -> Option<String> {
        let wanted = value.trim().to_lowercase();
        let mut by_alias = None;
        for (_, text) in BUILTIN {
            let mut reader = csv::ReaderBuilder::new()
                .comment(Some(b'#'))
                .flexible(true)
                .from_reader(text.as_bytes());
            let headers = reader.headers().ok()?.clone();
            let col = |name: &str| headers.iter().position(|h| h.trim() == name);
            let (name_col, alias_col) = (col("name")?, col("aliases"));
            for record in reader.records().flatten() {
                let name = record.get(name_col).unwrap_or("").trim();
                if name.to_lowercase() == wanted {
                    return Some(name.to_owned());
                }
                let aliases = alias_col.and_then(|c| record.get(c)).unwrap_or("");
                if by_alias.is_none()
                    && aliases
                        .split('|')
                        .any(|a| a.trim().to_lowercase() == wanted)
                {
                    by_alias = Some(name.to_owned());
                }
            }
        }
        by_alias
    }

    /// Adds a user gazetteer file (CSV, or TSV when the name ends in `.tsv`).
    pub fn add_file(&mut self, path: &Path) -> Result<()> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
            path: path.to_owned(),
            source,
        })?;
        self.add_csv(path, &text, Source::User)?;
        self.build();
        Ok(())
    }

    /// Whether `word` is a known given name.
    pub fn is_given_name(&self, word: &str) -> bool {
        self.given_names.contains(word)
    }

    /// The entry at `index`.
    pub fn entry(&self, index: usize) -> &Entry {
        &self.entries[index]
    }

    /// Looks up an entry by exact canonical name or alias.
    pub fn lookup(&self, name: &str) -> Option<usize> {
        Some(self.names.get(name)?.entry? as usize)
    }

    /// Every whole-word occurrence of a known name, leftmost-longest, without overlaps.
    ///
    /// A name must start where a word starts, so only word starts whose first byte can begin a name
    /// are looked up, by their first word: most words are turned away by that byte or that lookup. The
    /// longest name found at a start is taken when it also ends where a word ends; either way the
    /// search goes on after it.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        let bytes = text.as_bytes();
        let mut hits = Vec::new();
        let mut from = 0;
        let mut try_at = |start: usize| {
            if start < from
                || !self.may_start(bytes[start])
                || text[..start].chars().next_back().is_some_and(is_word_char)
            {
                return;
            }
            let Some((entry, end)) = self.longest_at(text, start) else {
                return;
            };
            from = end;
            if is_word_boundary(text, start, end) {
                hits.push(Hit { start, end, entry });
            }
        };
        if self.capitals_only {
            // Eight bytes at a time, only capitals and the first bytes of other characters are tried.
            // Whole chunks are read as one word (a copy into a buffer took a `memcpy` call each); the
            // last, shorter one is padded with zeros, which are not tried.
            let chunks = bytes.chunks_exact(8);
            let mut last = [0u8; 8];
            last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
            let words = chunks.map(|c| u64::from_le_bytes(c.try_into().expect("eight bytes")));
            for (k, word) in words.chain([u64::from_le_bytes(last)]).enumerate() {
                let mut bits = capital_or_lead_bytes(word);
                while bits != 0 {
                    try_at(k * 8 + bits.trailing_zeros() as usize / 8);
                    bits &= bits - 1;
                }
            }
        } else {
            (0..bytes.len()).for_each(try_at);
        }
        hits
    }

    /// The entry and end of the longest form at `start` that does not end inside a word.
    fn longest_at(&self, text: &str, start: usize) -> Option<(usize, usize)> {
        let rest = &text[start..];
        let word = &rest[..first_word_len(rest)];
        let slot = self.names.get(word)?;
        let (from, to) = slot.longer;
        self.longer[from as usize..to as usize]
            .iter()
            .find(|(form, _)| rest.starts_with(form.as_str()))
            .map(|(form, entry)| (*entry, start + form.len()))
            .or_else(|| Some((slot.entry? as usize, start + word.len())))
    }

    /// Whether some surface form starts with byte `b`.
    fn may_start(&self, b: u8) -> bool {
        self.first_bytes[usize::from(b >> 6)] >> (b & 63) & 1 != 0
    }

    /// Adds one gazetteer file's rows, comma or tab separated as its first row says.
    fn add_csv(&mut self, path: &Path, text: &str, source: Source) -> Result<()> {
        let delimiter = if path.extension().is_some_and(|e| e == "tsv")
            || first_data_line(text).contains('\t')
        {
            b'\t'
        } else {
            b','
        };
        self.add_texts(&[(path, text)], delimiter, source)
    }

    /// Adds the rows of `files`, each with its own header row, read one after the other by one CSV
    /// reader: building a reader's state machine cost as much as reading some two hundred rows, and
    /// the shipped files are thirteen.
    ///
    /// Each row is checked as UTF-8 once and its fields are cut from it; a `StringRecord` checked each
    /// field again whenever it was read.
    fn add_texts(&mut self, files: &[(&Path, &str)], delimiter: u8, source: Source) -> Result<()> {
        let starts = Starts::new(files);
        // Each text is followed by a line end, so that a last row without one does not run on into the
        // next file's header.
        let stream = files.iter().fold(
            Box::new(std::io::empty()) as Box<dyn Read>,
            |stream, (_, text)| Box::new(Read::chain(stream, text.as_bytes()).chain(&b"\n"[..])),
        );
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .comment(Some(b'#'))
            .flexible(true)
            .has_headers(false)
            .from_reader(stream);
        let err = |(file, line): (usize, u64), message: String| Error::Gazetteer {
            path: files[file].0.to_owned(),
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
                    let found = Columns::new(&row, source)
                        .ok_or_else(|| err(at, "no `name` column".into()))?;
                    columns = Some((at.0, found));
                    continue;
                }
            };
            let entry = columns.entry(&row).map_err(|m| err(at, m))?;
            let index = self.entries.len();
            let aliases = columns.get(&row, columns.aliases).split('|');
            for form in std::iter::once(entry.name.as_str()).chain(aliases.map(str::trim)) {
                if !form.is_empty() {
                    self.add_form(form, index, entry.kind);
                }
            }
            self.entries.push(entry);
        }
    }

    /// Adds a surface form and its Swedish genitive ("Göteborg" → "Göteborgs") when it has none. A form
    /// added again (by a later file) now names the later entry.
    fn add_form(&mut self, form: &str, entry: usize, kind: EntityKind) {
        let entry = Some(u32::try_from(entry).expect("fewer than 2^32 gazetteer entries"));
        self.names.entry(form.into()).or_default().entry = entry;
        if kind != EntityKind::Person && !form.ends_with(['s', 'x', 'z']) {
            // Not `format!`: its machinery cost more than the copy, once per row.
            let mut genitive = String::with_capacity(form.len() + 1);
            genitive.push_str(form);
            genitive.push('s');
            self.names
                .entry(genitive.into_boxed_str())
                .or_default()
                .entry = entry;
        }
    }

    /// Groups the forms longer than their first word under that word, and notes the bytes forms start
    /// with.
    fn build(&mut self) {
        // Each form with the length of its first word, which the sort compares, and that word's first
        // eight bytes as a number, which orders two words as their bytes do and tells most apart
        // without comparing the strings.
        let mut longer: Vec<(String, usize, usize, u64)> = self
            .names
            .iter()
            .map(|(form, slot)| (form, slot, first_word_len(form)))
            .filter(|&(form, _, word)| word < form.len())
            .filter_map(|(form, slot, word)| {
                let key = prefix_key(&form.as_bytes()[..word]);
                Some((String::from(&**form), slot.entry? as usize, word, key))
            })
            .collect();
        // Longest first within a group; two forms of one length cannot both match at one place.
        longer.sort_unstable_by(|(a, _, wa, ka), (b, _, wb, kb)| {
            ka.cmp(kb)
                .then_with(|| a[..*wa].cmp(&b[..*wb]))
                .then(b.len().cmp(&a.len()))
        });
        self.names
            .values_mut()
            .for_each(|slot| slot.longer = (0, 0));
        let mut from = 0;
        for group in longer.chunk_by(|(a, _, wa, _), (b, _, wb, _)| a[..*wa] == b[..*wb]) {
            let (form, _, word, _) = &group[0];
            let word = &form[..*word];
            let to = from + group.len() as u32;
            match self.names.get_mut(word) {
                Some(slot) => slot.longer = (from, to),
                None => {
                    let slot = Slot {
                        entry: None,
                        longer: (from, to),
                    };
                    self.names.insert(word.into(), slot);
                }
            }
            from = to;
        }
        let longer = longer.into_iter().map(|(form, entry, _, _)| (form, entry));
        self.longer = longer.collect();
        self.note_first_bytes();
    }

    /// Sets [`Self::first_bytes`] and [`Self::capitals_only`] from the forms.
    fn note_first_bytes(&mut self) {
        self.first_bytes = [0; 4];
        let forms = self.names.iter().filter(|(_, slot)| slot.entry.is_some());
        for (form, _) in forms {
            if let Some(&b) = form.as_bytes().first() {
                self.first_bytes[usize::from(b >> 6)] |= 1 << (b & 63);
            }
        }
        self.capitals_only = (0..=255u8)
            .filter(|&b| self.may_start(b))
            .all(|b| b.is_ascii_uppercase() || b >= 0xc0);
    }
}

/// The first eight bytes of `word` as a big-endian number, zeros after a shorter word: two words'
/// numbers compare as their first eight bytes do.
fn prefix_key(word: &[u8]) -> u64 {
    let mut head = [0u8; 8];
    let n = word.len().min(8);
    head[..n].copy_from_slice(&word[..n]);
    u64::from_be_bytes(head)
}

/// The length of the first word of `text`: up to its first character that is not a word character.
fn first_word_len(text: &str) -> usize {
    // ASCII bytes by themselves, by a table rather than a chain of range tests, without decoding: a
    // name's first word is ASCII as a rule.
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii() {
            if !ASCII_WORD_BYTES[usize::from(b)] {
                return i;
            }
            i += 1;
            continue;
        }
        let c = crate::model::char_at(text, i);
        if !is_word_char(c) {
            return i;
        }
        i += c.len_utf8();
    }
    i
}

/// The ASCII bytes of words ([`is_word_char`]): letters, digits and `-`.
const ASCII_WORD_BYTES: [bool; 128] = super::text::alphanumeric_and(b'-');

/// Where a gazetteer file comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    /// Compiled in: its `same_as` IRIs and coordinates are checked by a test rather than at every
    /// start, where parsing some eight thousand IRIs took about 3% of a single-article run and the
    /// coordinates half as much again.
    Shipped,
    /// A user's file, checked in full.
    User,
}

/// Where each of several texts read as one stream begins, to name the file and line of a row.
struct Starts<'a> {
    files: &'a [(&'a Path, &'a str)],
    /// Each text's first byte in the stream, where each is followed by a line end.
    bytes: Vec<u64>,
}

impl<'a> Starts<'a> {
    fn new(files: &'a [(&'a Path, &'a str)]) -> Self {
        let mut byte = 0;
        let bytes = files.iter().map(|(_, text)| {
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
        let before: usize = self.files[..file].iter().map(|(_, t)| line_count(t)).sum();
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

/// Where a gazetteer file's columns are, read once from its header row, and whether its IRIs and
/// coordinates are checked.
struct Columns {
    checked: bool,
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
    fn new(headers: &Row, source: Source) -> Option<Self> {
        let col = |name: &str| headers.fields().position(|h| h.trim() == name);
        Some(Self {
            checked: source == Source::User,
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
    fn entry(&self, row: &Row) -> Result<Entry, String> {
        let get = |column| self.get(row, column);
        parse_entry(
            get(Some(self.name)),
            get(self.kind),
            get(self.schema_type),
            (get(self.same_as), self.checked),
            (get(self.latitude), get(self.longitude)),
        )
    }
}

/// The shipped given names, but for everyday words.
fn given_names() -> FxHashSet<&'static str> {
    let lists = [GIVEN_NAMES, GIVEN_NAMES_GB_IE];
    let mut names = FxHashSet::default();
    names.reserve(lists.iter().map(|list| line_count(list)).sum());
    let lines = lists.iter().flat_map(|list| list.lines()).map(str::trim);
    names.extend(lines.filter(|l| !l.is_empty() && !l.starts_with('#') && !is_common_word(l)));
    names
}

/// The number of lines of `text` (at most one more than its newlines).
fn line_count(text: &str) -> usize {
    memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1
}

/// Registered given names that are also everyday words ("The", "Frost", "May") start too many false
/// people; they are left out of the name list.
fn is_common_word(name: &str) -> bool {
    use super::lexicon::{CALENDAR_WORDS, NOT_GIVEN_NAMES, SENTENCE_WORDS};
    static WORDS: std::sync::LazyLock<FxHashSet<&str>> = std::sync::LazyLock::new(|| {
        SENTENCE_WORDS
            .iter()
            .chain(CALENDAR_WORDS.iter())
            .chain(NOT_GIVEN_NAMES.iter())
            .copied()
            .collect()
    });
    name.chars().count() < 2 || WORDS.contains(name)
}

fn first_data_line(text: &str) -> &str {
    text.lines().find(|l| !l.starts_with('#')).unwrap_or("")
}

fn parse_entry(
    name: &str,
    kind: &str,
    ty: &str,
    (same_as, checked): (&str, bool),
    (lat, lon): (&str, &str),
) -> Result<Entry, String> {
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
        default_type(kind)
    } else {
        ty
    }
    .to_owned();
    if !schema_type.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(format!(
            "type {schema_type:?} is not a schema.org type name"
        ));
    }
    let same_as: Vec<&str> = same_as
        .split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    // The check `NamedNode::new` makes, on the borrowed text (it copied each IRI first).
    let bad = same_as
        .iter()
        .find(|s| checked && oxiri::Iri::parse(**s).is_err());
    if let Some(bad) = bad {
        return Err(format!("same_as {bad:?} is not an absolute IRI"));
    }
    let geo = match (lat, lon) {
        ("", "") => None,
        (la, lo) if !checked || is_coordinate(la, 90.0) && is_coordinate(lo, 180.0) => Some(Geo {
            latitude: la.to_owned(),
            longitude: lo.to_owned(),
        }),
        _ => return Err(format!("invalid coordinates {lat:?}, {lon:?}")),
    };
    Ok(Entry {
        name: name.to_owned(),
        kind,
        schema_type,
        same_as: same_as.into_iter().map(str::to_owned).collect(),
        geo,
    })
}

/// The kind a gazetteer row's `kind` names, in any case. Comparing ASCII letters only is enough: the
/// one other character that lowercases to an ASCII letter, the Kelvin sign, gives a `k`, which no
/// name has.
fn kind_named(kind: &str) -> Option<EntityKind> {
    const KINDS: [(&str, EntityKind); 6] = [
        ("person", EntityKind::Person),
        ("place", EntityKind::Place),
        ("organization", EntityKind::Organization),
        ("organisation", EntityKind::Organization),
        ("initiative", EntityKind::Initiative),
        ("project", EntityKind::Initiative),
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

/// The schema.org type used when a gazetteer row leaves `type` empty.
pub fn default_type(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "Person",
        EntityKind::Place => "Place",
        EntityKind::Organization => "Organization",
        EntityKind::Initiative => "Project",
    }
}

/// The top bit of each byte of `x` that is an ASCII capital or the first byte of a character beyond
/// ASCII (from 0xC0 up). Sums stay inside their byte: the bytes are masked to seven bits first.
fn capital_or_lead_bytes(x: u64) -> u64 {
    use crate::model::{bytes_within, HIGH_BITS};
    let (high, low) = (x & HIGH_BITS, x & !HIGH_BITS);
    let capital = bytes_within(low, b'A', b'Z') & !high;
    // Bit 6 moved up to bit 7: set in 0xC0 and above.
    let lead = high & (x << 1);
    capital | lead
}

/// True when the range is not inside a longer word.
pub fn is_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
}

fn is_word_char(c: char) -> bool {
    crate::model::is_alphanumeric(c) || c == '-' || c == '\u{AD}'
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn first_words_end_where_the_first_char_not_of_a_word_is(
            text in "[a-zA-Z0-9åÅöÖé\\-\u{ad}\u{301}' .,:()”’–Σ]{0,24}"
        ) {
            let by_chars = text
                .char_indices()
                .find(|&(_, c)| !is_word_char(c))
                .map_or(text.len(), |(i, _)| i);
            proptest::prop_assert_eq!(first_word_len(&text), by_chars);
        }
    }

    #[test]
    fn shipped_gazetteers_load_and_match_inflections() {
        let g = Gazetteer::builtin();
        let text = "Göteborgs Stad satsar i Göteborgs nordost.";
        let hits: Vec<&str> = g
            .find(text)
            .iter()
            .map(|h| g.entry(h.entry).name.as_str())
            .collect();
        assert_eq!(hits, ["Göteborgs Stad", "Göteborg"]);
        assert!(g.is_given_name("Anders"));
        assert!(g.find("Göteborgsk").is_empty());
    }

    /// The shipped files pass the checks of a user's file, IRIs included.
    #[test]
    fn shipped_files_pass_the_user_checks() {
        for (name, text) in BUILTIN {
            let mut g = Gazetteer::default();
            g.add_csv(Path::new(name), text, Source::User).unwrap();
        }
    }

    #[test]
    fn names_are_found_at_word_starts_only() {
        let mut g = Gazetteer::default();
        let csv = "name,kind\nBerg Stad,organization\nStad Nora,place\nNora,place\nKant,person\n";
        g.add_csv(Path::new("test.csv"), csv, Source::User).unwrap();
        g.build();
        let names = |text: &str| -> Vec<(String, &str)> {
            g.find(text)
                .iter()
                .map(|h| {
                    (
                        text[h.start..h.end].to_owned(),
                        g.entry(h.entry).name.as_str(),
                    )
                })
                .collect()
        };
        // The longest name at a word start wins; the search goes on after it.
        assert_eq!(names("i Stad Nora."), [("Stad Nora".into(), "Stad Nora")]);
        assert_eq!(names("Noras torg"), [("Noras".into(), "Nora")]);
        // Not inside a word, nor joined by a hyphen; after an apostrophe a word starts.
        assert_eq!(names("Bonora, Nora-Kant, Kants"), []);
        assert_eq!(names("O’Kant"), [("Kant".into(), "Kant")]);
        // A name that would start inside a word does not hide one that starts after it.
        assert_eq!(
            names("XBerg Stad Nora"),
            [("Stad Nora".into(), "Stad Nora")]
        );
    }

    #[test]
    fn the_byte_filter_takes_capitals_and_lead_bytes() {
        for b in 0..=255u8 {
            let x = u64::from(b) << 16;
            let expected = b.is_ascii_uppercase() || b >= 0xc0;
            assert_eq!(capital_or_lead_bytes(x) == 0x80 << 16, expected, "{b:#x}");
            assert_eq!(capital_or_lead_bytes(x) & !(0x80 << 16), 0, "{b:#x}");
        }
        // Both paths find the same names.
        let mut g = Gazetteer::builtin();
        assert!(g.capitals_only);
        let text =
            "Hon bor i Göteborg, nära Ale kommun och Östersund. ÖSTERSUND, Åre; å Åre-Östersund";
        let fast = g.find(text);
        g.capitals_only = false;
        assert_eq!(g.find(text), fast);
        assert_eq!(fast.len(), 4);
        // At every length, so that names fall in the last, partial eight bytes too.
        let ends = text.char_indices().map(|(i, _)| i).chain([text.len()]);
        for end in ends {
            g.capitals_only = true;
            let fast = g.find(&text[..end]);
            g.capitals_only = false;
            assert_eq!(g.find(&text[..end]), fast, "{end}");
        }
    }

    /// The forms of the shipped gazetteers with their entries, and aho-corasick's anchored
    /// leftmost-longest search over them: the trie walk `find` used before the first-word lookup.
    fn automaton(g: &Gazetteer) -> (Vec<(&str, usize)>, aho_corasick::AhoCorasick) {
        use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind, StartKind};
        let forms: Vec<(&str, usize)> = g
            .names
            .iter()
            .filter_map(|(form, slot)| Some((&**form, slot.entry? as usize)))
            .collect();
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .kind(Some(AhoCorasickKind::DFA))
            .build(forms.iter().map(|(f, _)| f))
            .unwrap();
        (forms, ac)
    }

    /// `find` as it was, with the automaton run anchored at each word start.
    fn find_by_automaton(
        forms: &[(&str, usize)],
        ac: &aho_corasick::AhoCorasick,
        text: &str,
    ) -> Vec<Hit> {
        use aho_corasick::{Anchored, Input};
        let (mut hits, mut from) = (Vec::new(), 0);
        for start in 0..text.len() {
            if start < from
                || !text.is_char_boundary(start)
                || text[..start].chars().next_back().is_some_and(is_word_char)
            {
                continue;
            }
            let input = Input::new(text)
                .span(start..text.len())
                .anchored(Anchored::Yes);
            let Some(m) = ac.find(input) else { continue };
            from = m.end();
            if is_word_boundary(text, start, m.end()) {
                let entry = forms[m.pattern().as_usize()].1;
                hits.push(Hit {
                    start,
                    end: m.end(),
                    entry,
                });
            }
        }
        hits
    }

    /// The first-word lookup finds what an anchored search over every form finds, at every word start
    /// of texts full of names, inflections, names inside words and cut-off names, but for forms ending
    /// inside a word; and `find` gives exactly the hits it gave with the automaton.
    #[test]
    fn the_first_word_lookup_agrees_with_an_automaton_over_all_forms() {
        use aho_corasick::{Anchored, Input};
        let g = Gazetteer::builtin();
        let (forms, ac) = automaton(&g);
        let mut texts = vec![
            "Göteborgs Stad satsar i Göteborgs nordost. Ale kommuns Östersund Åre-Östersund"
                .to_owned(),
            crate::synth::article(7),
            crate::synth::article(1234),
        ];
        // Every form, whole, cut short by a character and run into the next one.
        let words: Vec<&str> = forms.iter().map(|(f, _)| *f).collect();
        texts.push(words.join(" "));
        fn cut<'a>(f: &&'a str) -> &'a str {
            &f[..f.char_indices().last().map_or(0, |(i, _)| i)]
        }
        texts.push(words.iter().map(cut).collect::<Vec<_>>().join("|"));
        texts.push(words.concat());
        texts.push(words.join("’s "));
        let mut matches = 0;
        for text in &texts {
            for start in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
                if text[..start].chars().next_back().is_some_and(is_word_char) {
                    continue;
                }
                let input = Input::new(text)
                    .span(start..text.len())
                    .anchored(Anchored::Yes);
                let word_end = start + first_word_len(&text[start..]);
                let expected = ac
                    .find(input)
                    .map(|m| (forms[m.pattern().as_usize()].1, m.end()))
                    .filter(|&(_, end)| end >= word_end);
                assert_eq!(g.longest_at(text, start), expected, "at {start}");
                matches += usize::from(expected.is_some());
            }
            assert_eq!(g.find(text), find_by_automaton(&forms, &ac, text));
        }
        assert!(matches > forms.len(), "{matches}");
    }

    /// Files read through one reader keep their own headers, rows and line numbers: a last row
    /// without a line end does not run into the next file, and a header after comment lines is that
    /// file's, not a row of the file before.
    #[test]
    fn files_read_as_one_stream_keep_their_headers_and_lines() {
        let (a, b, c) = (Path::new("a.csv"), Path::new("b.csv"), Path::new("c.csv"));
        let first = "name,kind\nNora,place";
        let second = "# a comment\n# another\nkind,name,type\norganization,Berg AB,Corporation\n";
        let mut g = Gazetteer::default();
        g.add_texts(&[(a, first), (b, second)], b',', Source::User)
            .unwrap();
        g.build();
        let nora = g.entry(g.lookup("Nora").unwrap());
        assert_eq!(
            (nora.kind, nora.schema_type.as_str()),
            (EntityKind::Place, "Place")
        );
        let berg = g.entry(g.lookup("Berg AB").unwrap());
        assert_eq!(berg.schema_type, "Corporation");
        assert_eq!(g.entries.len(), 2);
        let bad = "# notes\nname,kind\nX,place\nY,planet\n";
        match g.add_texts(&[(a, first), (c, bad)], b',', Source::User) {
            Err(Error::Gazetteer { path, line, .. }) => assert_eq!((path.as_path(), line), (c, 4)),
            other => panic!("{other:?}"),
        }
        let headless = "# only notes\nX,place\n";
        match Gazetteer::default().add_texts(&[(a, first), (c, headless)], b',', Source::User) {
            Err(Error::Gazetteer { path, message, .. }) => {
                assert_eq!((path.as_path(), message.as_str()), (c, "no `name` column"));
            }
            other => panic!("{other:?}"),
        }
    }

    /// The shipped files are read by one comma-separated reader.
    #[test]
    fn shipped_files_are_comma_separated() {
        for (name, text) in BUILTIN {
            assert!(!first_data_line(text).contains('\t'), "{name}");
            assert!(!name.ends_with(".tsv"), "{name}");
        }
    }

    #[test]
    fn user_files_are_checked_line_by_line() {
        let mut g = Gazetteer::builtin();
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("mine.tsv");
        std::fs::write(&f, "name\tkind\ttype\taliases\tsame_as\tlatitude\tlongitude\nLillgatan\tplace\tPlace\tLillg.\t\t57.7\t11.9\n").unwrap();
        g.add_file(&f).unwrap();
        let hit = g.find("på Lillgatan")[0];
        assert_eq!(g.entry(hit.entry).geo.as_ref().unwrap().latitude, "57.7");
        let bad = dir.path().join("bad.csv");
        std::fs::write(&bad, "name,kind\nX,planet\n").unwrap();
        match g.add_file(&bad) {
            Err(Error::Gazetteer { line: 2, .. }) => {}
            other => panic!("{other:?}"),
        }
    }
}
