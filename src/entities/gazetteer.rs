//! Gazetteers: known places, organizations, initiatives and people, found by the first word of their names.
//!
//! Entries come from the CSV files in `data/gazetteer/` and from users' `--gazetteer` files with the same
//! columns: `name,kind,type,aliases,same_as,latitude,longitude` (`|` between aliases, `#` for comment
//! lines, comma or tab separated). Swedish genitive forms ("Göteborgs") are added as forms of their own
//! so that inflected mentions resolve to the base entry.
//!
//! The shipped files' tables are built at compile time (`build.rs`, with `gazetteer/builder.rs`) and read in place:
//! building them took some 47 million instructions at every start, more than converting a small batch.
//! A user's file makes the gazetteer one built at run time, by the same code, from the shipped rows and
//! the user's.

use std::path::Path;

use crate::error::{Error, Result};
use crate::model::{EntityKind, Geo};

mod builder;

use super::text::{alphanumeric_and, alphanumeric_and_bits, leading_run};
use builder::{first_data_line, may_start, Builder, Checks, NameSet, Str, Tables, NO_ENTRY};

/// The tables `build.rs` made of the shipped files (`$OUT_DIR/gazetteer.rs`): [`shipped::BUILTIN`]
/// (the files with their names), [`shipped::tables`] and [`shipped::given_names`].
mod shipped {
    use super::builder::{e, f, s, EntryRow, Form, NameSet, Str, Tables};
    use std::borrow::Cow;

    include!(concat!(env!("OUT_DIR"), "/gazetteer.rs"));
}

use shipped::BUILTIN;

/// The kinds by their numbers in the tables (see [`builder::PERSON`]).
const KINDS: [EntityKind; 4] = [
    EntityKind::Person,
    EntityKind::Place,
    EntityKind::Organization,
    EntityKind::Initiative,
];

/// One known entity, borrowed from its gazetteer's tables.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Entry<'g> {
    /// Canonical name.
    pub name: &'g str,
    /// Broad kind.
    pub kind: EntityKind,
    /// schema.org type.
    pub schema_type: &'g str,
    /// Wikidata (or other) IRIs.
    pub same_as: SameAs<'g>,
    /// Coordinates.
    pub geo: Option<Coordinates<'g>>,
}

/// An entry's `same_as` IRIs.
#[derive(Clone, Copy)]
pub struct SameAs<'g> {
    tables: &'g Tables,
    iris: &'g [Str],
}

impl<'g> SameAs<'g> {
    /// The IRIs in their order.
    pub fn iter(self) -> impl Iterator<Item = &'g str> + 'g {
        let tables = self.tables;
        self.iris.iter().map(move |&iri| tables.str(iri))
    }

    /// The IRIs as owned strings.
    pub fn to_vec(self) -> Vec<String> {
        self.iter().map(str::to_owned).collect()
    }
}

impl PartialEq for SameAs<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
    }
}

impl std::fmt::Debug for SameAs<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// An entry's coordinates, as decimal strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Coordinates<'g> {
    /// Latitude in decimal degrees.
    pub latitude: &'g str,
    /// Longitude in decimal degrees.
    pub longitude: &'g str,
}

impl Coordinates<'_> {
    /// The coordinates as the article model holds them.
    pub fn to_geo(self) -> Geo {
        Geo {
            latitude: self.latitude.to_owned(),
            longitude: self.longitude.to_owned(),
        }
    }
}

/// A gazetteer hit in a text: byte range and entry index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Start byte.
    pub start: usize,
    /// End byte.
    pub end: usize,
    /// Index of the entry ([`Gazetteer::entry`]).
    pub entry: usize,
}

/// Known names and the tables that find them.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    /// The entries, every surface form (name, alias, genitive) and every first word of a longer form
    /// in one hash index, the longer forms by first word, and the bytes forms start with.
    tables: Tables,
    /// The given names (the shipped lists'; none in an empty gazetteer).
    given_names: NameSet,
    /// The rows the tables were made of, to add a user's file to.
    rows: Rows,
}

/// The rows of a [`Gazetteer`].
#[derive(Debug, Clone, Default)]
enum Rows {
    /// None: an empty gazetteer.
    #[default]
    Empty,
    /// The shipped files', whose tables are compiled in: taken back into rows only when a file is
    /// added.
    Shipped,
    /// Rows read at run time, whose tables are built after each file.
    Read(Box<Builder>),
}

impl Gazetteer {
    /// The gazetteer shipped with newsgraph: its tables, compiled in, are read in place.
    pub fn builtin() -> Self {
        Self {
            tables: shipped::tables(),
            given_names: shipped::given_names(),
            rows: Rows::Shipped,
        }
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

    /// Adds a user gazetteer file (CSV, or TSV when the name ends in `.tsv`). Its rows come after those
    /// already in: a form of a later row names that row's entry.
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
    #[inline]
    pub fn is_given_name(&self, word: &str) -> bool {
        self.given_names.contains(word)
    }

    /// The entry at `index`.
    pub fn entry(&self, index: usize) -> Entry<'_> {
        let t = &self.tables;
        let row = &t.entries[index];
        let (from, to) = row.same_as;
        Entry {
            name: t.str(row.name),
            kind: KINDS[usize::from(row.kind)],
            schema_type: t.str(row.schema_type),
            same_as: SameAs {
                tables: t,
                iris: &t.same_as[from as usize..to as usize],
            },
            geo: row.geo.then(|| Coordinates {
                latitude: t.str(row.latitude),
                longitude: t.str(row.longitude),
            }),
        }
    }

    /// Looks up an entry by exact canonical name or alias.
    pub fn lookup(&self, name: &str) -> Option<usize> {
        let form = self.tables.form(name)?;
        (form.entry != NO_ENTRY).then_some(form.entry as usize)
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
                || !may_start(&self.tables.first_bytes, bytes[start])
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
        if self.tables.capitals_only {
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
    ///
    /// A form found at a word start either ends where the text's first word ends or goes on past it
    /// with a character that is not a word character: so the first word's entry in the name table
    /// holds every form that can match there whole. (A form ending inside the word matches no whole
    /// word either.)
    fn longest_at(&self, text: &str, start: usize) -> Option<(usize, usize)> {
        let rest = &text[start..];
        let word = &rest[..first_word_len(rest)];
        let t = &self.tables;
        let form = t.form(word)?;
        let (from, to) = form.longer;
        t.longer[from as usize..to as usize]
            .iter()
            .find(|&&(longer, _)| rest.as_bytes().starts_with(t.bytes(longer)))
            .map(|&(longer, entry)| (entry as usize, start + longer.len as usize))
            .or_else(|| (form.entry != NO_ENTRY).then(|| (form.entry as usize, start + word.len())))
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

    /// Adds the rows of `files` (see [`Builder::add_texts`]); [`Self::build`] makes the tables of
    /// them.
    fn add_texts(&mut self, files: &[(&Path, &str)], delimiter: u8, source: Source) -> Result<()> {
        let texts: Vec<&str> = files.iter().map(|(_, text)| *text).collect();
        let rows = self.rows();
        rows.add_texts(&texts, delimiter, source.checks())
            .map_err(|e| Error::Gazetteer {
                path: files[e.file].0.to_owned(),
                line: e.line,
                message: e.message,
            })
    }

    /// The rows to add to: the first time, the shipped ones are taken from the compiled-in tables,
    /// which hold the rows of the shipped files as they were read (a test builds both ways), so that
    /// a user's rows are added to them as they were when every start read the files.
    fn rows(&mut self) -> &mut Builder {
        if !matches!(self.rows, Rows::Read(_)) {
            let rows = match self.rows {
                Rows::Shipped => Builder::from_tables(&self.tables),
                _ => Builder::default(),
            };
            self.rows = Rows::Read(Box::new(rows));
        }
        match &mut self.rows {
            Rows::Read(rows) => rows,
            _ => unreachable!("set above"),
        }
    }

    /// Builds the tables of the rows read (see [`Builder::tables`]).
    fn build(&mut self) {
        if let Rows::Read(rows) = &mut self.rows {
            self.tables = rows.tables();
        }
    }
}

/// The length of the first word of `text`: up to its first character that is not a word character.
fn first_word_len(text: &str) -> usize {
    // ASCII bytes eight at a time while they are all word bytes (a name's first word is ASCII as a
    // rule), then by a table rather than a chain of range tests, without decoding.
    let bytes = text.as_bytes();
    let mut i = 0;
    loop {
        if let Some(chunk) = bytes.get(i..i + 8) {
            let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
            let run = leading_run(alphanumeric_and_bits(x, b'-'));
            i += run;
            if run == 8 {
                continue;
            }
        }
        let Some(&b) = bytes.get(i) else {
            return i;
        };
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
}

/// The ASCII bytes of words ([`is_word_char`]): letters, digits and `-`.
const ASCII_WORD_BYTES: [bool; 128] = alphanumeric_and(b'-');

/// Where a gazetteer file comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    /// Shipped: checked when built (`build.rs`, and a test for the IRIs), so not when a test reads
    /// them again.
    #[cfg(test)]
    Shipped,
    /// A user's file, checked in full.
    User,
}

impl Source {
    /// What is checked of each row.
    fn checks(self) -> Checks {
        match self {
            #[cfg(test)]
            Self::Shipped => Checks {
                coordinates: false,
                iri: None,
            },
            Self::User => Checks {
                coordinates: true,
                iri: Some(is_iri),
            },
        }
    }
}

/// The check `NamedNode::new` makes, on the borrowed text.
fn is_iri(s: &str) -> bool {
    oxiri::Iri::parse(s).is_ok()
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
            // The ASCII neighbours of the word bytes' ranges ('/', ':', '@', '[', '`', '{', '_', '^')
            // and control bytes test the eight-byte comparisons.
            text in "[a-zA-Z0-9åÅöÖé\\-\u{ad}\u{301}' .,:()”’–Σ/@\\[`{_^\t\n\x10\x1a]{0,24}"
        ) {
            let by_chars = text
                .char_indices()
                .find(|&(_, c)| !is_word_char(c))
                .map_or(text.len(), |(i, _)| i);
            proptest::prop_assert_eq!(first_word_len(&text), by_chars);
            // The build's own, which groups the longer forms: the lookups must cut words as it did.
            proptest::prop_assert_eq!(builder::first_word_len(&text), by_chars);
        }
    }

    /// The forms of `t`'s longer group under `form`, with their entries.
    fn group<'t>(t: &'t Tables, form: &builder::Form) -> Vec<(&'t str, u32)> {
        let (from, to) = form.longer;
        let group = &t.longer[from as usize..to as usize];
        group.iter().map(|&(f, entry)| (t.str(f), entry)).collect()
    }

    /// The two gazetteers have the same entries, and every form names the same entry and starts the
    /// same longer forms in both.
    fn assert_same_tables(compiled: &Gazetteer, built: &Gazetteer) {
        let (c, b) = (&compiled.tables, &built.tables);
        assert!(matches!(c.forms, std::borrow::Cow::Borrowed(_)));
        assert!(matches!(b.forms, std::borrow::Cow::Owned(_)));
        assert_eq!(c.entries.len(), b.entries.len());
        assert!(c.entries.len() > 7_000, "{}", c.entries.len());
        for i in 0..c.entries.len() {
            assert_eq!(compiled.entry(i), built.entry(i), "entry {i}");
        }
        assert_eq!(c.forms.len(), b.forms.len());
        for form in b.forms.iter() {
            let text = b.str(form.text);
            let found = c.form(text).unwrap_or_else(|| panic!("{text:?}"));
            assert_eq!(c.str(found.text), text);
            assert_eq!(found.entry, form.entry, "{text:?}");
            assert_eq!(group(c, found), group(b, form), "{text:?}");
            assert_eq!(compiled.lookup(text), built.lookup(text), "{text:?}");
        }
        assert_eq!(c.longer.len(), b.longer.len());
        assert_eq!(
            (c.first_bytes, c.capitals_only),
            (b.first_bytes, b.capitals_only)
        );
    }

    /// The tables compiled in are the ones the runtime builds from the shipped files: every entry, every
    /// form with its entry and longer group, the first bytes, and the given names. (Both come from
    /// `builder.rs`; this holds the generated source, its hashes and probes, and the build's inputs
    /// to them.) Rows taken back from the compiled tables, as a user's file is added to, build them
    /// again too.
    #[test]
    fn the_compiled_tables_equal_those_built_from_the_shipped_files() {
        let compiled = Gazetteer::builtin();
        let mut rows = Builder::default();
        let files = BUILTIN.map(|(_, text)| text);
        rows.add_texts(&files, b',', Source::Shipped.checks())
            .unwrap();
        let from_files = Gazetteer {
            tables: rows.tables(),
            ..Gazetteer::default()
        };
        assert_same_tables(&compiled, &from_files);
        let mut from_compiled = Gazetteer::builtin();
        from_compiled.rows();
        from_compiled.build();
        assert!(matches!(from_compiled.rows, Rows::Read(_)));
        assert_same_tables(&compiled, &from_compiled);
        // The given names: the shipped lists but for everyday words and single letters.
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/names");
        let lists: Vec<String> = builder::GIVEN_NAME_FILES
            .iter()
            .map(|name| std::fs::read_to_string(dir.join(name)).unwrap())
            .collect();
        let lists: Vec<&str> = lists.iter().map(String::as_str).collect();
        use super::super::lexicon::word_lists;
        let common = word_lists::KEPT_FROM_GIVEN_NAMES;
        let names: rustc_hash::FxHashSet<&str> =
            builder::given_names(&lists, &common).into_iter().collect();
        assert!(names.len() > 20_000, "{}", names.len());
        assert_eq!(compiled.given_names.names.len(), names.len());
        assert!(compiled.given_names.iter().all(|n| names.contains(n)));
        assert!(names.iter().all(|n| compiled.is_given_name(n)));
        for word in ["Anders", "Carys", "Niamh"] {
            assert!(compiled.is_given_name(word), "{word}");
        }
        for word in ["May", "Frost", "Where", "anders", "Anders ", "", "Göteborg"] {
            assert!(!compiled.is_given_name(word), "{word}");
        }
        assert!(!Gazetteer::default().is_given_name("Anders"));
    }

    /// The shipped lists hash their keys well: a lookup reads few slots.
    #[test]
    fn the_compiled_indexes_are_short_probes() {
        let g = Gazetteer::builtin();
        let mean_probes = |index: &[u64], keys: usize| {
            let mask = index.len() - 1;
            let mut probes = 0;
            for (i, &slot) in index.iter().enumerate().filter(|(_, s)| **s != 0) {
                let home = (slot >> 32) as usize & mask;
                probes += (i.wrapping_sub(home) & mask) + 1;
            }
            assert!(index.len() >= 2 * keys, "load over a half");
            probes as f64 / keys as f64
        };
        let t = &g.tables;
        let forms = mean_probes(&t.index, t.forms.len());
        let names = &g.given_names;
        let given = mean_probes(&names.index, names.names.len());
        assert!(forms < 1.5 && given < 1.5, "{forms} {given}");
    }

    /// Known names give their entries: by name, by genitive, as the first word of longer names.
    #[test]
    fn known_names_give_their_entries() {
        let g = Gazetteer::builtin();
        let entry = |name: &str| g.entry(g.lookup(name).unwrap_or_else(|| panic!("{name}")));
        let goteborg = entry("Göteborg");
        assert_eq!(
            (goteborg.name, goteborg.kind, goteborg.schema_type),
            ("Göteborg", EntityKind::Place, "City")
        );
        assert_eq!(
            goteborg.same_as.to_vec(),
            ["http://www.wikidata.org/entity/Q25287"]
        );
        let geo = goteborg.geo.unwrap().to_geo();
        assert_eq!(
            (geo.latitude.as_str(), geo.longitude.as_str()),
            ("57.70694", "11.96667")
        );
        assert_eq!(entry("Gothenburg"), goteborg);
        assert_eq!(entry("Göteborgs"), goteborg);
        let stad = entry("Göteborgs Stad");
        assert_eq!(
            (stad.name, stad.kind, stad.schema_type),
            (
                "Göteborgs Stad",
                EntityKind::Organization,
                "GovernmentOrganization"
            )
        );
        assert!(stad.geo.is_none());
        assert_eq!(entry("Göteborgs kommun"), stad);
        let hisingen = entry("Hisingen");
        assert_eq!(
            (hisingen.kind, hisingen.schema_type),
            (EntityKind::Place, "Place")
        );
        assert!(hisingen.same_as.iter().next().is_none() && hisingen.geo.is_none());
        assert_eq!(entry("Hisingens"), hisingen);
        // "Göteborgs" names Göteborg and starts "Göteborgs Stad": the longest form there wins.
        let text = "Göteborgs Stad bygger på Hisingen";
        let at = |start| {
            g.longest_at(text, start)
                .map(|(e, end)| (g.entry(e).name, end))
        };
        assert_eq!(at(0), Some(("Göteborgs Stad", 15)));
        assert_eq!(at(text.len() - 8), Some(("Hisingen", text.len())));
        assert_eq!(g.lookup("Göteborgs Sta"), None);
        assert_eq!(g.lookup("göteborg"), None);
        // A first word that is no name of its own is no entry.
        let t = &g.tables;
        let word = t.forms.iter().find(|f| f.entry == NO_ENTRY).unwrap();
        assert_eq!(g.lookup(t.str(word.text)), None, "{}", t.str(word.text));
    }

    /// A user's file comes after the shipped rows: its forms (and their genitives) name its entries,
    /// the other shipped names stay, and a second file adds to the first.
    #[test]
    fn user_files_override_shipped_forms() {
        let mut g = Gazetteer::builtin();
        let shipped = g.tables.entries.len();
        let goteborg = g.lookup("Göteborg");
        let dir = tempfile::tempdir().unwrap();
        let first = dir.path().join("first.csv");
        std::fs::write(
            &first,
            "name,kind,type,aliases
Hisingen,organization,Corporation,Hising
",
        )
        .unwrap();
        g.add_file(&first).unwrap();
        let second = dir.path().join("second.csv");
        std::fs::write(
            &second,
            "name,kind
Nyby,place
",
        )
        .unwrap();
        g.add_file(&second).unwrap();
        assert_eq!(g.tables.entries.len(), shipped + 2);
        let hisingen = g.lookup("Hisingen").unwrap();
        assert_eq!(hisingen, shipped);
        let e = g.entry(hisingen);
        assert_eq!(
            (e.kind, e.schema_type),
            (EntityKind::Organization, "Corporation")
        );
        for form in ["Hisingens", "Hising", "Hisings"] {
            assert_eq!(g.lookup(form), Some(hisingen), "{form}");
        }
        assert_eq!(g.lookup("Nybys"), Some(shipped + 1));
        assert_eq!(g.lookup("Göteborg"), goteborg);
        let names =
            |text| -> Vec<&str> { g.find(text).iter().map(|h| g.entry(h.entry).name).collect() };
        assert_eq!(
            names("Göteborgs Stad och Hisingens Nybys"),
            ["Göteborgs Stad", "Hisingen", "Nyby"]
        );
        assert!(g.is_given_name("Anders"));
    }

    /// Kinds by name in any case, each with its default type.
    #[test]
    fn kinds_and_their_default_types() {
        let mut g = Gazetteer::default();
        let csv = "name,kind\nA,Person\nB,place\nC,organisation\nD,PROJECT\nE,initiative\n";
        g.add_csv(Path::new("k.csv"), csv, Source::User).unwrap();
        g.build();
        let kinds: Vec<_> = (0..5)
            .map(|i| (g.entry(i).kind, g.entry(i).schema_type))
            .collect();
        assert_eq!(
            kinds,
            [
                (EntityKind::Person, "Person"),
                (EntityKind::Place, "Place"),
                (EntityKind::Organization, "Organization"),
                (EntityKind::Initiative, "Project"),
                (EntityKind::Initiative, "Project"),
            ]
        );
        // People get no genitive.
        assert_eq!((g.lookup("As"), g.lookup("Bs")), (None, Some(1)));
    }

    #[test]
    fn shipped_gazetteers_load_and_match_inflections() {
        let g = Gazetteer::builtin();
        let text = "Göteborgs Stad satsar i Göteborgs nordost.";
        let hits: Vec<&str> = g.find(text).iter().map(|h| g.entry(h.entry).name).collect();
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
                .map(|h| (text[h.start..h.end].to_owned(), g.entry(h.entry).name))
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
        assert!(g.tables.capitals_only);
        let text =
            "Hon bor i Göteborg, nära Ale kommun och Östersund. ÖSTERSUND, Åre; å Åre-Östersund";
        let fast = g.find(text);
        g.tables.capitals_only = false;
        assert_eq!(g.find(text), fast);
        assert_eq!(fast.len(), 4);
        // At every length, so that names fall in the last, partial eight bytes too.
        let ends = text.char_indices().map(|(i, _)| i).chain([text.len()]);
        for end in ends {
            g.tables.capitals_only = true;
            let fast = g.find(&text[..end]);
            g.tables.capitals_only = false;
            assert_eq!(g.find(&text[..end]), fast, "{end}");
        }
    }

    /// The forms of the shipped gazetteers with their entries, and aho-corasick's anchored
    /// leftmost-longest search over them: the trie walk `find` used before the first-word lookup.
    fn automaton(g: &Gazetteer) -> (Vec<(&str, usize)>, aho_corasick::AhoCorasick) {
        use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind, StartKind};
        let t = &g.tables;
        let forms: Vec<(&str, usize)> = t
            .forms
            .iter()
            .filter(|form| form.entry != NO_ENTRY)
            .map(|form| (t.str(form.text), form.entry as usize))
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
        assert_eq!((nora.kind, nora.schema_type), (EntityKind::Place, "Place"));
        let berg = g.entry(g.lookup("Berg AB").unwrap());
        assert_eq!(berg.schema_type, "Corporation");
        assert_eq!(g.tables.entries.len(), 2);
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

    /// A set of names holds each once and nothing else, the empty one nothing.
    #[test]
    fn name_sets_hold_their_names() {
        let set = NameSet::new([
            "Anna",
            "Bo",
            "Anna",
            "Åsa-Britt",
            "A longer name than sixteen bytes",
        ]);
        assert_eq!(
            set.iter().collect::<Vec<_>>(),
            [
                "Anna",
                "Bo",
                "Åsa-Britt",
                "A longer name than sixteen bytes"
            ]
        );
        for name in set.iter() {
            assert!(set.contains(name), "{name}");
        }
        for word in [
            "",
            "Ann",
            "Annа",
            "Bo ",
            "bo",
            "Åsa",
            "A longer name than sixteen byte",
        ] {
            assert!(!set.contains(word), "{word}");
        }
        assert!(!NameSet::default().contains(""));
        assert!(!NameSet::new([]).contains("Anna"));
    }

    /// The shipped files are read by one comma-separated reader, in the build's order.
    #[test]
    fn shipped_files_are_comma_separated() {
        assert_eq!(BUILTIN.map(|(name, _)| name), builder::SHIPPED_FILES);
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
        assert_eq!(g.entry(hit.entry).geo.unwrap().latitude, "57.7");
        let bad = dir.path().join("bad.csv");
        std::fs::write(&bad, "name,kind\nX,planet\n").unwrap();
        match g.add_file(&bad) {
            Err(Error::Gazetteer { line: 2, .. }) => {}
            other => panic!("{other:?}"),
        }
    }
}
