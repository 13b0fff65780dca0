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
    /// A Markdown block quote (`>`).
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
    /// Author names in the order given.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// Publisher name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
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
        let mut parts: Vec<&str> = Vec::new();
        if let Some(lead) = &self.lead {
            parts.push(lead);
        }
        for section in &self.sections {
            if let Some(h) = &section.heading {
                parts.push(h);
            }
            parts.extend(section.paragraphs.iter().map(|p| p.text.as_str()));
        }
        parts.join("\n\n")
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
        let lead = self.lead.iter().map(String::as_str);
        let sections = self.sections.iter().flat_map(|s| {
            let paragraphs = s.paragraphs.iter().map(|p| p.text.as_str());
            s.heading.as_deref().into_iter().chain(paragraphs)
        });
        lead.chain(sections).map(count_words).sum()
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
}

/// `char::is_alphanumeric` with the letters of Western European text (Latin-1) answered without a table
/// search: word counts and tokens test every character of every article.
#[inline]
pub(crate) fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{c0}'..='\u{ff}').contains(&c) {
        c != '×' && c != '÷'
    } else {
        c.is_alphanumeric()
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
pub fn count_words(text: &str) -> usize {
    // One pass with a branch-free step for ASCII bytes (classified by table) that decodes only the
    // others: this runs on every paragraph of every article, and branching on each byte's class costs a
    // misprediction at every word boundary.
    let bytes = text.as_bytes();
    let (mut words, mut in_word, mut i) = (0usize, 0u8, 0);
    while i < bytes.len() {
        let (class, len) = match bytes[i] {
            b if b.is_ascii() => (ASCII_CLASS[usize::from(b)], 1),
            _ => {
                let c = char_at(text, i);
                let class = if is_whitespace(c) {
                    SPACE
                } else {
                    u8::from(is_alphanumeric(c)) * ALNUM
                };
                (class, c.len_utf8())
            }
        };
        let alnum = class & ALNUM;
        words += usize::from(alnum & !in_word & 1);
        in_word = (in_word | alnum) & !(class >> 1) & 1;
        i += len;
    }
    words
}

/// Class bits for `count_words`.
const ALNUM: u8 = 1;
const SPACE: u8 = 2;

/// `ALNUM` or `SPACE` (as `char::is_whitespace` has it, U+000B included) for every ASCII byte.
static ASCII_CLASS: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_alphanumeric() {
            ALNUM
        } else if matches!(c, b' ' | 0x09..=0x0D) {
            SPACE
        } else {
            0
        };
        b += 1;
    }
    table
};

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

    #[test]
    fn words_hold_a_letter_or_digit_and_the_latin1_shortcut_agrees_with_unicode() {
        assert_eq!(count_words("Å är en ö – 12 000 kr, «väl»!"), 8);
        assert_eq!(count_words(" \n\t "), 0);
        for c in ('\0'..='\u{2fff}').chain(['\u{1f600}']) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_whitespace(c), c.is_whitespace(), "{c:?}");
        }
    }
}
