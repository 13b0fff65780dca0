//! The article model: the single source of truth that every output (JSON-LD, RDF, XML) is a view of.
//!
//! The types derive serde (for the XML reader/writer and tests) and schemars (for
//! `schemas/article.schema.json`). Text offsets are counted in Unicode scalar values (`char`s), the unit
//! that XPath, Python and most text tools count in, so an archivist can check a mention with any of them.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One article, as read, structured and enriched with the entities it names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Article {
    /// Stable article id: front matter `id`, else `url`, else the file stem.
    pub id: String,
    /// The article's IRI (`{base}article/{slug(id)}`); also the name of its graph in the store.
    pub iri: String,
    /// Where the article came from and how its bytes were decoded.
    pub source: Source,
    /// BCP 47 language tag (`sv`, `en`, ...), from front matter or detected.
    pub language: String,
    /// Whether `language` was given by front matter or detected from the text.
    pub language_origin: Origin,
    /// The headline; see `headline_rule` for where it came from.
    pub headline: String,
    /// Which rule chose the headline (front matter, Markdown `#`, kicker sentence, ...).
    pub headline_rule: HeadlineRule,
    /// The image caption line, when the article has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    /// The lead (standfirst) paragraph, without a kicker sentence that became the headline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead: Option<String>,
    /// Titles listed under "Läs också:" / "Read also:" / "Related:".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<String>,
    /// Body sections in reading order; the first one may have no heading.
    pub sections: Vec<Section>,
    /// Metadata from front matter (or Markdown), all optional.
    pub meta: Metadata,
    /// People, places, organizations and initiatives the article names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entities: Vec<Entity>,
    /// Quotations in reading order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<Quote>,
    /// What the conversion had to shorten (a headline of thousands of characters), for the commands to
    /// say as warnings naming the file. Not part of the article: no output holds it.
    #[serde(skip)]
    #[schemars(skip)]
    pub warnings: Vec<String>,
}

/// Provenance of the input file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Source {
    /// File name (without directories, so output does not depend on where the batch was run).
    pub file_name: String,
    /// Size of the file in bytes.
    pub size: u64,
    /// SHA-256 of the file's bytes, lowercase hex.
    pub sha256: String,
    /// The encoding the bytes were decoded from (WHATWG label, e.g. `UTF-8`, `windows-1252`).
    pub encoding: String,
    /// Whether a byte order mark was present.
    pub bom: bool,
    /// Line ends found in the file.
    pub line_ends: LineEnds,
    /// Which reader handled the file.
    pub format: InputFormat,
    /// The WARC record the page came from, for pages read from a web archive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warc: Option<WarcRecord>,
}

/// Where in a web archive (WARC file) a page was found: enough to fetch the same record again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WarcRecord {
    /// `WARC-Record-ID`, as written (usually `<urn:uuid:...>`).
    pub record_id: String,
    /// `WARC-Target-URI`: the address the page was harvested from.
    pub target_uri: String,
    /// `WARC-Date`: when the page was harvested (its retrieval date), as written.
    pub date: String,
}

/// Line-end convention of the source file (normalized to `\n` in the model).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum LineEnds {
    /// `\n` only (or no line end at all).
    Lf,
    /// `\r\n` only.
    Crlf,
    /// A mix of `\r\n`, `\r` and `\n`.
    Mixed,
}

/// The input shape a reader recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum InputFormat {
    /// Plain-text export (the seed shape).
    Text,
    /// Markdown.
    Markdown,
    /// An HTML page (a file, or a response record of a WARC file: see `Source::warc`).
    Html,
}

/// Whether a value was stated by the input or inferred by newsgraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// Stated by front matter.
    Given,
    /// Inferred from the text.
    Detected,
}

/// The rule that produced the headline; documented in README.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum HeadlineRule {
    /// Front matter `headline` or `title`.
    FrontMatter,
    /// A Markdown level-1 heading.
    MarkdownHeading,
    /// A short unpunctuated line standing alone before the lead.
    HeadlineLine,
    /// The short kicker sentence that opens the first paragraph.
    Kicker,
    /// The first sentence of the first paragraph (shortened), when nothing better exists.
    FirstSentence,
    /// The HTML page's own metadata: embedded JSON-LD, microdata or OpenGraph.
    PageMetadata,
    /// The HTML page's `<h1>` (or its `<title>`) when its metadata gives no headline.
    HtmlHeading,
}

/// A body section: an optional subheading and its paragraphs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Section {
    /// The subheading; `None` for text before the first subheading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    /// Paragraphs in order.
    pub paragraphs: Vec<Paragraph>,
}

/// One paragraph of body text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Paragraph {
    /// The paragraph's text as written (lines joined by a space).
    pub text: String,
    /// What kind of paragraph it is.
    pub kind: ParagraphKind,
}

/// Paragraph kinds the structure stage distinguishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum ParagraphKind {
    /// Ordinary text.
    Text,
    /// A paragraph opening with a dash ("– ..."), the Nordic way of quoting speech.
    DashQuote,
    /// A Markdown block quote (`>`) or an HTML `<blockquote>`.
    BlockQuote,
}

/// Front-matter metadata. Everything is optional because plain exports carry none of it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Metadata {
    /// Canonical URL of the article (an absolute IRI).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Publication date: `YYYY-MM-DD` or an RFC 3339 date-time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_published: Option<String>,
    /// Modification date, same forms as `date_published`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_modified: Option<String>,
    /// Authors in the order given.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<Author>,
    /// The publisher.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<Publisher>,
    /// Newspaper section.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// Image URL (an absolute IRI).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// Keywords in the order given.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    /// Front-matter keys newsgraph does not map, kept so that nothing is lost.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, String>,
}

/// An author (a `schema:Person`): a name, and the author's page when the input gives one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Author {
    /// The author's name as given.
    pub name: String,
    /// The author's page (an absolute IRI).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl Author {
    /// An author known only by name.
    pub fn named(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            url: None,
        }
    }
}

/// The publisher (a `schema:Organization`): a name, its site and its logo when the input gives them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Publisher {
    /// The publisher's name as given.
    pub name: String,
    /// The publisher's site (an absolute IRI).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The publisher's logo image (an absolute IRI).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<String>,
}

impl Publisher {
    /// A publisher known only by name.
    pub fn named(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            url: None,
            logo: None,
        }
    }
}

/// A person, place, organization or initiative the article names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Entity {
    /// Stable key, `{kind}/{slug}`; the IRI is the base followed by this key.
    pub key: String,
    /// The entity's IRI: the same in every article and run.
    pub iri: String,
    /// Broad kind.
    pub kind: EntityKind,
    /// The schema.org type (`Person`, `City`, `GovernmentOrganization`, `Project`, ...).
    pub schema_type: String,
    /// Canonical name.
    pub name: String,
    /// Given name (people).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given_name: Option<String>,
    /// Family name (people).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family_name: Option<String>,
    /// Job title as the text gives it (people).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_title: Option<String>,
    /// Key of the employer entity (people).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub works_for: Option<String>,
    /// Same-as links (Wikidata) from a gazetteer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub same_as: Vec<String>,
    /// Coordinates from a gazetteer (places).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geo: Option<Geo>,
    /// Whether the article is mainly about this entity (`schema:about`).
    #[serde(default)]
    pub about: bool,
    /// Where the article names it.
    pub mentions: Vec<Span>,
}

/// Broad entity kinds; each maps to a schema.org type family.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub enum EntityKind {
    /// `schema:Person`.
    Person,
    /// `schema:Place` or a subtype.
    Place,
    /// `schema:Organization` or a subtype.
    Organization,
    /// `schema:Project`: programmes, projects, focus areas, campaigns.
    Initiative,
}

/// Coordinates as decimal strings, so they survive every round trip unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Geo {
    /// Latitude in decimal degrees (WGS 84).
    pub latitude: String,
    /// Longitude in decimal degrees (WGS 84).
    pub longitude: String,
}

/// A quotation and who said it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Quote {
    /// The quoted words, without dash, quotation marks or attribution clause.
    pub text: String,
    /// Key of the speaker entity, when the text says who it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// Where the quote stands (including its attribution clause).
    pub span: Span,
}

/// A character range in one part of the article.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Span {
    /// Which text the offsets count in.
    pub part: TextPart,
    /// First character (0-based, in `char`s).
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

/// The texts that spans point into.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub enum TextPart {
    /// `Article::headline`.
    Headline,
    /// `Article::caption`.
    Caption,
    /// `Article::body()`, the `articleBody` of the outputs.
    Body,
}

impl Article {
    /// The article body as published in `articleBody`: the lead, then each section's heading and
    /// paragraphs, separated by blank lines. Body spans count in this string.
    pub fn body(&self) -> String {
        self.body_parts().collect::<Vec<_>>().join("\n\n")
    }

    /// The texts that make up the body, in order: the lead, then each section's heading and paragraphs.
    pub fn body_parts(&self) -> impl Iterator<Item = &str> {
        let lead = self.lead.as_deref().into_iter();
        let sections = self.sections.iter().flat_map(|s| {
            let paragraphs = s.paragraphs.iter().map(|p| p.text.as_str());
            s.heading.as_deref().into_iter().chain(paragraphs)
        });
        lead.chain(sections)
    }

    /// The text a span's offsets count in.
    pub fn part_text(&self, part: TextPart) -> String {
        match part {
            TextPart::Headline => self.headline.clone(),
            TextPart::Caption => self.caption.clone().unwrap_or_default(),
            TextPart::Body => self.body(),
        }
    }

    /// Number of words in the body: whitespace-separated tokens holding a letter or digit.
    pub fn word_count(&self) -> usize {
        // The body's parts are joined by blank lines, so its words are the parts' words.
        self.body_parts().map(count_words).sum()
    }

    /// The IRI base the article's IRI was minted under (`{base}article/{slug}`).
    pub fn base(&self) -> &str {
        let suffix = format!("article/{}", crate::ids::slug(&self.id));
        self.iri.strip_suffix(&suffix).unwrap_or("")
    }

    /// Looks up an entity by key.
    pub fn entity(&self, key: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.key == key)
    }

    /// Looks up many keys of this article (every quote's speaker, every employer): by a map when the
    /// article names many entities, since a scan per key made an article of thousands of people and
    /// quotes quadratic.
    pub fn entity_lookup(&self) -> EntityLookup<'_> {
        let by_key = (self.entities.len() > EntityLookup::SCAN).then(|| {
            let mut map = rustc_hash::FxHashMap::default();
            for e in &self.entities {
                map.entry(e.key.as_str()).or_insert(e);
            }
            map
        });
        EntityLookup {
            article: self,
            by_key,
        }
    }
}

/// Entities of one article by key: see [`Article::entity_lookup`].
#[derive(Debug)]
pub struct EntityLookup<'a> {
    article: &'a Article,
    by_key: Option<rustc_hash::FxHashMap<&'a str, &'a Entity>>,
}

impl<'a> EntityLookup<'a> {
    /// Entities an article may name before they are looked up by a map: a scan of a few is cheaper
    /// than building one.
    const SCAN: usize = 32;

    /// The entity with `key` (the first, as [`Article::entity`] finds it).
    pub fn get(&self, key: &str) -> Option<&'a Entity> {
        match &self.by_key {
            Some(map) => map.get(key).copied(),
            None => self.article.entity(key),
        }
    }
}

/// Unicode's General Punctuation block (dashes, curly quotes, the ellipsis, spaces of set widths): common in
/// news text, and holding no letter, digit or script character, which the text scanners use to pass it over.
pub(crate) const GENERAL_PUNCTUATION: std::ops::RangeInclusive<char> = '\u{2000}'..='\u{206F}';

/// `char::is_alphanumeric` with the letters of Western European text (Latin-1) and general punctuation
/// answered without a table search: word counts and tokens test every character of every article.
#[inline]
pub(crate) fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{c0}'..='\u{ff}').contains(&c) {
        c != '×' && c != '÷'
    } else if GENERAL_PUNCTUATION.contains(&c) {
        // General punctuation (dashes, curly quotes, the ellipsis), common in news text: no letters.
        false
    } else {
        c.is_alphanumeric()
    }
}

/// `char::is_uppercase` with Latin-1 answered without a table search: the tokenizer asks it of every
/// letter beyond ASCII, and Swedish, German or French text has one in every few words.
#[inline]
pub(crate) fn is_uppercase(c: char) -> bool {
    if u32::from(c) < 0x100 {
        c.is_ascii_uppercase() || (('\u{c0}'..='\u{de}').contains(&c) && c != '×')
    } else {
        c.is_uppercase()
    }
}

/// Calls `f` with the chars of `c.to_lowercase()`, with ASCII and the Latin-1 capitals (À to Þ but ×)
/// lowered by adding 0x20 instead of a table search.
#[inline]
pub(crate) fn for_each_lowercase(c: char, mut f: impl FnMut(char)) {
    match c {
        'A'..='Z' | 'À'..='Ö' | 'Ø'..='Þ' => {
            f(char::from_u32(u32::from(c) + 0x20).expect("a Latin-1 letter"))
        }
        c if u32::from(c) < 0x100 => f(c),
        c => c.to_lowercase().for_each(f),
    }
}

/// `char::is_whitespace` with Latin-1 answered without a table search.
#[inline]
fn is_whitespace(c: char) -> bool {
    if u32::from(c) < 0x100 {
        matches!(c, ' ' | '\t'..='\r' | '\u{85}' | '\u{a0}')
    } else {
        c.is_whitespace()
    }
}

/// Counts whitespace-separated tokens that hold at least one letter or digit (dashes are not words).
///
/// This runs on every paragraph of every article, so it classifies sixteen bytes at a time and counts
/// the words of 64 bytes with one addition. In a 64-bit block let `m` mark the bytes that are not
/// whitespace and `a` those that start a letter or digit (`a` lies inside `m`). Adding `a` to `m` sends
/// a carry from the first letter of each run of non-space bytes to the space that ends the run, and
/// nowhere else: the bits that come up outside `m` are the words. A run that reaches the top of a block
/// carries into the next one, like a limb of a big integer.
pub fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut counter = WordCounter::default();
    let mut units = bytes.chunks_exact(16);
    for (k, unit) in units.by_ref().enumerate() {
        let unit = <&[u8; 16]>::try_from(unit).expect("chunks of sixteen");
        counter.push(classes(text, k * 16, unit));
    }
    let rest = units.remainder();
    if !rest.is_empty() {
        // Past the end of the text is space.
        let mut unit = [b' '; 16];
        unit[..rest.len()].copy_from_slice(rest);
        counter.push(classes(text, bytes.len() - rest.len(), &unit));
    }
    counter.finish()
}

/// The 64-byte blocks of [`count_words`]: the bits of up to four 16-byte units, and the count so far.
#[derive(Default)]
struct WordCounter {
    m: u64,
    a: u64,
    filled: u32,
    words: u32,
    carry: bool,
}

impl WordCounter {
    /// Adds the non-space and word-start bits of the next sixteen bytes.
    #[inline]
    fn push(&mut self, (m, a): (u64, u64)) {
        self.m |= m << (self.filled * 16);
        self.a |= a << (self.filled * 16);
        self.filled += 1;
        if self.filled == 4 {
            self.count_block();
        }
    }

    /// Counts the words that end in the block (or reach past it, as the carry).
    #[inline]
    fn count_block(&mut self) {
        let (sum, c1) = self.m.overflowing_add(self.a);
        let (sum, c2) = sum.overflowing_add(u64::from(self.carry));
        self.carry = c1 || c2;
        self.words += (sum & !self.m).count_ones();
        (self.m, self.a, self.filled) = (0, 0, 0);
    }

    /// The count, with a block's unfilled bytes taken as space.
    fn finish(mut self) -> usize {
        if self.filled > 0 {
            self.count_block();
        }
        self.words as usize + usize::from(self.carry)
    }
}

/// The non-space and word-start bits of the sixteen bytes at `at` (whitespace as `char::is_whitespace`
/// has it, U+000B included). ASCII bytes are classified together, with SSE2 (which every x86-64 has);
/// a character of more bytes is decoded on its first byte, and its other bytes count as neither space
/// nor the start of a word.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn classes(text: &str, at: usize, unit: &[u8; 16]) -> (u64, u64) {
    use std::arch::x86_64::*;
    // SAFETY: SSE2 is part of every x86-64 target, and the load reads the sixteen bytes of `unit`.
    let (m, a, high, seconds) = unsafe {
        let v = _mm_loadu_si128(unit.as_ptr().cast());
        let set = |b: u8| _mm_set1_epi8(b as i8);
        // Signed compares: bytes from 0x80 up are negative and fall in no range.
        let within = |x, lo: u8, hi: u8| {
            _mm_and_si128(
                _mm_cmpgt_epi8(x, set(lo - 1)),
                _mm_cmpgt_epi8(set(hi + 1), x),
            )
        };
        let space = _mm_or_si128(within(v, 0x09, 0x0d), _mm_cmpeq_epi8(v, set(b' ')));
        let lower = _mm_or_si128(v, set(0x20));
        let alnum = _mm_or_si128(within(v, b'0', b'9'), within(lower, b'a', b'z'));
        let bits = |x| u64::from(_mm_movemask_epi8(x) as u16);
        // Doubling each byte moves its bit 6 to the top.
        (
            !bits(space) & 0xffff,
            bits(alnum),
            bits(v),
            bits(_mm_add_epi8(v, v)),
        )
    };
    if high == 0 {
        return (m, a);
    }
    // First bytes of characters beyond ASCII have their two top bits set.
    other_chars(text, at, high & seconds, (m, a))
}

/// [`classes`] on other targets: the two halves eight bytes at a time.
#[cfg(not(target_arch = "x86_64"))]
#[inline(always)]
fn classes(text: &str, at: usize, unit: &[u8; 16]) -> (u64, u64) {
    swar_classes(text, at, unit)
}

/// The top bit of every byte of a 64-bit word.
pub(crate) const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// Bit 7 of each byte of `x` (bytes below 0x80) that lies in `lo..=hi`: eight byte tests with two
/// additions, since no sum crosses into the next byte.
#[inline]
pub(crate) fn bytes_within(x: u64, lo: u8, hi: u8) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    (x + ONES * u64::from(0x80 - lo)) & !(x + ONES * u64::from(0x7f - hi)) & HIGH_BITS
}

/// [`classes`] without SIMD instructions: each half as a 64-bit word, every byte's class in its top
/// bit, gathered by a multiplication.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn swar_classes(text: &str, at: usize, unit: &[u8; 16]) -> (u64, u64) {
    const HIGH: u64 = HIGH_BITS;
    let within = bytes_within;
    // Bit 7 of byte `i` → bit `i`.
    let gather = |x: u64| (x >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56;
    let (mut m, mut a) = (0, 0);
    for (half, eight) in unit.chunks_exact(8).enumerate() {
        let x = u64::from_le_bytes(eight.try_into().expect("eight bytes"));
        let (high, x7) = (x & HIGH, x & !HIGH);
        let space = (within(x7, 0x09, 0x0d) | within(x7, b' ', b' ')) & !high;
        let lower = x7 | 0x2020_2020_2020_2020;
        let alnum = (within(x7, b'0', b'9') | within(lower, b'a', b'z')) & !high;
        let (hm, ha) = (gather(!space & HIGH), gather(alnum));
        let (hm, ha) = other_chars(text, at + half * 8, gather(high & (x << 1)), (hm, ha));
        m |= hm << (half * 8);
        a |= ha << (half * 8);
    }
    (m, a)
}

/// Classifies the characters beyond ASCII whose first bytes are the bits of `firsts`.
fn other_chars(text: &str, at: usize, mut firsts: u64, (mut m, mut a): (u64, u64)) -> (u64, u64) {
    let bytes = text.as_bytes();
    while firsts != 0 {
        let i = firsts.trailing_zeros() as usize;
        firsts &= firsts - 1;
        // U+00C0 to U+00FF (0xC3 and a second byte) are letters but for × and ÷: Swedish, German and
        // French text's most common characters beyond ASCII, told without decoding.
        if bytes[at + i] == 0xC3 && !matches!(bytes[at + i + 1], 0x97 | 0xB7) {
            a |= 1 << i;
            continue;
        }
        let c = char_at(text, at + i);
        if is_whitespace(c) {
            m &= !(1 << i);
        } else if is_alphanumeric(c) {
            a |= 1 << i;
        }
    }
    (m, a)
}

/// The character at byte `i` (a char boundary), with ASCII read straight from the byte: the scanners
/// that look at every character of every article walk bytes, not `chars()`.
#[inline]
pub(crate) fn char_at(text: &str, i: usize) -> char {
    match text.as_bytes()[i] {
        b if b.is_ascii() => char::from(b),
        _ => text[i..].chars().next().expect("i < text.len()"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Word counting one character at a time: what `count_words` must agree with.
    fn count_words_by_chars(text: &str) -> usize {
        let (mut words, mut in_word) = (0, false);
        for c in text.chars() {
            if c.is_whitespace() {
                in_word = false;
            } else if c.is_alphanumeric() && !in_word {
                words += 1;
                in_word = true;
            }
        }
        words
    }

    #[test]
    fn block_word_counts_agree_with_counting_by_chars() {
        let pieces = [
            "a", "Å", "×", "÷", "ÿ", " ", "\u{a0}", "\t", "\n", "–", "-", "12", "ö", "\u{2003}",
            "x\u{301}", "«", "!", "\u{b}", "\u{85}", "²", "漢", "\u{3000}", "😀", "ab", "  ",
        ];
        // Every length around the 8- and 64-byte edges, with characters straddling them.
        let mut seed = 1u64;
        for len in 0..300 {
            let mut text = String::new();
            while text.len() < len {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            assert_eq!(count_words(&text), count_words_by_chars(&text), "{text:?}");
        }
        for text in [
            "",
            " ",
            "a",
            &"a".repeat(64),
            &"a".repeat(128),
            &" a".repeat(64),
            &"–".repeat(30),
        ] {
            assert_eq!(count_words(text), count_words_by_chars(text), "{text:?}");
        }
    }

    #[test]
    fn simd_and_word_classes_agree() {
        let text =
            "Å är en ö – 12 000 kr,\u{a0}«väl»!\t\u{b}x\u{2003}y 漢字 😀 ZZ zz@[`{".repeat(3);
        let bytes = text.as_bytes();
        for at in 0..bytes.len().saturating_sub(16) {
            if !text.is_char_boundary(at) {
                continue;
            }
            let unit = <&[u8; 16]>::try_from(&bytes[at..at + 16]).unwrap();
            assert_eq!(
                classes(&text, at, unit),
                swar_classes(&text, at, unit),
                "{at}"
            );
        }
        for b in 0..128u8 {
            let unit = [b; 16];
            let got = swar_classes("", 0, &unit);
            let space = (b as char).is_whitespace();
            let alnum = (b as char).is_alphanumeric();
            assert_eq!(
                got,
                (
                    if space { 0 } else { 0xffff },
                    if alnum { 0xffff } else { 0 }
                ),
                "{b}"
            );
            assert_eq!(classes("", 0, &unit), got, "{b}");
        }
    }

    proptest::proptest! {
        #[test]
        fn block_word_counts_agree_on_any_text(text in "\\PC{0,200}") {
            proptest::prop_assert_eq!(count_words(&text), count_words_by_chars(&text));
        }

        #[test]
        fn block_word_counts_agree_on_spaced_words(text in "([a-zåäö0-9]{1,9}[ \t\n–,.]{1,3}){0,40}") {
            proptest::prop_assert_eq!(count_words(&text), count_words_by_chars(&text));
        }
    }

    #[test]
    fn words_hold_a_letter_or_digit_and_the_latin1_shortcut_agrees_with_unicode() {
        assert_eq!(count_words("Å är en ö – 12 000 kr, «väl»!"), 8);
        assert_eq!(count_words(" \n\t "), 0);
        for c in ('\0'..='\u{2fff}').chain(['\u{1f600}']) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_whitespace(c), c.is_whitespace(), "{c:?}");
        }
    }

    #[test]
    fn the_latin1_case_shortcuts_agree_with_unicode_for_every_char() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            assert_eq!(is_uppercase(c), c.is_uppercase(), "{c:?}");
            let mut lowered = String::new();
            for_each_lowercase(c, |l| lowered.push(l));
            assert_eq!(lowered, c.to_lowercase().to_string(), "{c:?}");
        }
    }
}
