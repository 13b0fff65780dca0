//! XML archive writer: the article model as a document of `schemas/newsgraph-archive-1.xsd`.
//!
//! The archive is written as a stream (XML declaration, root, header, then one `article` element at a
//! time), so a batch of any size needs the memory of one article. Every model field is kept, so that
//! [`crate::import`] rebuilds the same article. The layout and the rules for text (whitespace kept, `\r`
//! as `&#13;`, characters XML 1.0 forbids as `<char code="001B"/>`) are documented in the XSD.
//!
//! Indentation is written by hand rather than by quick-xml's indenting writer, which would put line
//! breaks inside mixed `Text` content and so change the text.

use std::borrow::Cow;
use std::fmt;
use std::io::{self, Write};

use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::name::QName;
use quick_xml::Writer;
use serde::Serialize;

use crate::model::{Article, Entity, Span};

/// The archive format's namespace; the trailing number is the format version.
pub const NAMESPACE: &str = "https://newsgraph.example/ns/archive/1";

/// The XSD for [`NAMESPACE`], in `schemas/`.
pub const SCHEMA_FILE: &str = "newsgraph-archive-1.xsd";

/// The archive header: what wrote the archive and, only when asked for, when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// Name of the tool that wrote the archive.
    pub generator: String,
    /// Its version.
    pub version: String,
    /// Creation time (`xs:dateTime`, UTC); `None` keeps archives deterministic.
    pub created: Option<String>,
}

impl Default for Header {
    /// This tool, this version, no creation time.
    fn default() -> Self {
        Self {
            generator: env!("CARGO_PKG_NAME").to_owned(),
            version: env!("CARGO_PKG_VERSION").to_owned(),
            created: None,
        }
    }
}

impl Header {
    /// The default header with the current time as creation time (`--timestamp`).
    pub fn now() -> Self {
        let now = jiff::Timestamp::now()
            .round(jiff::Unit::Second)
            .unwrap_or_else(|_| jiff::Timestamp::now());
        Self {
            created: Some(now.to_string()),
            ..Self::default()
        }
    }
}

/// A character XML 1.0 cannot carry, found in an article's text and archived as a `<char>` element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Forbidden {
    /// Which field of the article holds it (`headline`, `section 2 paragraph 3`, `entity person/x name`, ...).
    pub field: String,
    /// Its offset in that field, in characters.
    pub offset: usize,
    /// The character.
    pub ch: char,
}

impl fmt::Display for Forbidden {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "character U+{:04X} (not allowed in XML 1.0) in {} at character {}, archived as <char code=\"{:04X}\"/>",
            u32::from(self.ch),
            self.field,
            self.offset,
            u32::from(self.ch)
        )
    }
}

/// Whether XML 1.0 forbids `c` in a document, even as a character reference. Surrogates cannot occur in
/// a Rust `str`, so these are the C0 controls other than tab, line feed and carriage return, and the two
/// noncharacters U+FFFE and U+FFFF.
pub fn is_forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

/// The archive of one article (default header), as a string. Characters XML 1.0 forbids are kept as
/// `<char>` elements; [`forbidden_chars`] lists them for warnings.
pub fn to_string(article: &Article) -> String {
    let mut out = Vec::new();
    write_article(&mut out, &Header::default(), article).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("the writer writes UTF-8")
}

/// Writes a complete archive holding one article to `out`; returns the forbidden characters it escaped.
pub fn write_article<W: Write>(
    out: W,
    header: &Header,
    article: &Article,
) -> io::Result<Vec<Forbidden>> {
    let mut w = ArchiveWriter::new(out, header)?;
    let found = w.write_article(article)?;
    w.finish()?;
    Ok(found)
}

/// The characters XML 1.0 forbids in the article's texts, in document order, as the writer reports them.
pub fn forbidden_chars(article: &Article) -> Vec<Forbidden> {
    let mut w = ArchiveWriter {
        out: io::sink(),
        xml: Writer::new(Vec::new()),
        depth: 0,
        found: Vec::new(),
    };
    w.write_article(article).unwrap_or_default()
}

/// One `article` element rendered on its own, as [`ArchiveWriter::write_rendered`] appends it, with the
/// forbidden characters it escaped: lets a batch render on its worker threads and keep only the bytes of
/// a chunk, not its article models.
pub fn render_article(article: &Article) -> io::Result<(Vec<u8>, Vec<Forbidden>)> {
    let mut w = ArchiveWriter {
        out: Vec::new(),
        xml: Writer::new(Vec::new()),
        // Inside `<archive>`, where `write_article` writes.
        depth: 1,
        found: Vec::new(),
    };
    let found = w.write_article(article)?;
    Ok((w.out, found))
}

/// An input of an `archive` run that could not be archived, as recorded in the archive's `failures`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The input as it was given on the command line or found in a folder.
    pub source: String,
    /// The one-line error reported for it.
    pub message: String,
}

/// A streaming archive writer: [`ArchiveWriter::new`] writes the declaration, root and header, each
/// [`ArchiveWriter::write_article`] one article, [`ArchiveWriter::finish`] the end of the root.
pub struct ArchiveWriter<W: Write> {
    out: W,
    /// Each piece (header, one article) is written here first and copied to `out` only when complete,
    /// so an article that cannot be written leaves nothing behind.
    xml: Writer<Vec<u8>>,
    depth: usize,
    found: Vec<Forbidden>,
}

impl<W: Write> ArchiveWriter<W> {
    /// Starts an archive: XML declaration, `<archive>` and the header.
    pub fn new(out: W, header: &Header) -> io::Result<Self> {
        let mut w = Self {
            out,
            xml: Writer::new(Vec::new()),
            depth: 0,
            found: Vec::new(),
        };
        w.xml
            .write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        w.xml
            .write_event(Event::Text(BytesText::from_escaped("\n")))?;
        w.open("archive", &[("xmlns", NAMESPACE)])?;
        w.open("header", &[])?;
        w.empty(
            "generator",
            &[("name", &header.generator), ("version", &header.version)],
        )?;
        if let Some(created) = &header.created {
            w.text_element("created", &[], "header created", created)?;
        }
        w.close("header")?;
        w.flush_piece()?;
        Ok(w)
    }

    /// Writes one `article` element; returns the characters XML 1.0 forbids that it escaped.
    /// When a value cannot be written (an identifier holding a character XML forbids, error kind
    /// `InvalidData`), nothing of the article is written and the archive stays valid.
    pub fn write_article(&mut self, article: &Article) -> io::Result<Vec<Forbidden>> {
        self.found.clear();
        let depth = self.depth;
        if let Err(e) = self.article(article) {
            self.xml.get_mut().clear();
            self.depth = depth;
            return Err(e);
        }
        self.flush_piece()?;
        Ok(std::mem::take(&mut self.found))
    }

    /// Appends an article element made by [`render_article`].
    pub fn write_rendered(&mut self, piece: &[u8]) -> io::Result<()> {
        self.out.write_all(piece)
    }

    /// Copies the finished piece to the output.
    fn flush_piece(&mut self) -> io::Result<()> {
        let piece = self.xml.get_mut();
        self.out.write_all(piece)?;
        piece.clear();
        Ok(())
    }

    /// Writes the `failures` element after the last article: the inputs that could not be archived, so
    /// that the archive says so instead of leaving them silently out. Nothing when `failures` is empty.
    pub fn write_failures(&mut self, failures: &[Failure]) -> io::Result<()> {
        if failures.is_empty() {
            return Ok(());
        }
        self.open("failures", &[])?;
        for f in failures {
            self.open("failure", &[])?;
            self.text_element("source", &[], "failure source", &f.source)?;
            self.text_element("message", &[], "failure message", &f.message)?;
            self.close("failure")?;
        }
        self.close("failures")?;
        self.found.clear();
        self.flush_piece()
    }

    /// Closes the root element and returns the output (flushed).
    pub fn finish(mut self) -> io::Result<W> {
        self.close("archive")?;
        self.xml.get_mut().push(b'\n');
        self.flush_piece()?;
        self.out.flush()?;
        Ok(self.out)
    }

    fn article(&mut self, a: &Article) -> io::Result<()> {
        self.open("article", &[("iri", &a.iri)])?;
        self.text_element("id", &[], "id", &a.id)?;
        let s = &a.source;
        self.open(
            "source",
            &[
                ("size", &s.size.to_string()),
                ("sha256", &s.sha256),
                ("encoding", &s.encoding),
                ("bom", bool_str(s.bom)),
                ("lineEnds", &enum_str(&s.line_ends)),
                ("format", &enum_str(&s.format)),
            ],
        )?;
        self.text_element("fileName", &[], "source fileName", &s.file_name)?;
        if let Some(w) = &s.warc {
            self.open("warcRecord", &[("date", &w.date)])?;
            self.text_element("recordId", &[], "source warcRecord recordId", &w.record_id)?;
            self.text_element(
                "targetUri",
                &[],
                "source warcRecord targetUri",
                &w.target_uri,
            )?;
            self.close("warcRecord")?;
        }
        self.close("source")?;
        self.text_element(
            "language",
            &[("origin", &enum_str(&a.language_origin))],
            "language",
            &a.language,
        )?;
        self.text_element(
            "headline",
            &[("rule", &enum_str(&a.headline_rule))],
            "headline",
            &a.headline,
        )?;
        if let Some(caption) = &a.caption {
            self.text_element("caption", &[], "caption", caption)?;
        }
        if let Some(lead) = &a.lead {
            self.text_element("lead", &[], "lead", lead)?;
        }
        for (i, title) in a.related.iter().enumerate() {
            self.text_element("related", &[], &format!("related {}", i + 1), title)?;
        }
        for (i, section) in a.sections.iter().enumerate() {
            let n = i + 1;
            if section.heading.is_none() && section.paragraphs.is_empty() {
                self.empty("section", &[])?;
                continue;
            }
            self.open("section", &[])?;
            if let Some(h) = &section.heading {
                self.text_element("heading", &[], &format!("section {n} heading"), h)?;
            }
            for (j, p) in section.paragraphs.iter().enumerate() {
                let field = format!("section {n} paragraph {}", j + 1);
                self.text_element(
                    "paragraph",
                    &[("kind", &enum_str(&p.kind))],
                    &field,
                    &p.text,
                )?;
            }
            self.close("section")?;
        }
        self.metadata(a)?;
        for e in &a.entities {
            self.entity(e)?;
        }
        for (i, q) in a.quotes.iter().enumerate() {
            match &q.speaker {
                Some(k) => self.open("quote", &[("speaker", k)])?,
                None => self.open("quote", &[])?,
            }
            self.text_element("text", &[], &format!("quote {} text", i + 1), &q.text)?;
            self.span("span", &q.span)?;
            self.close("quote")?;
        }
        self.close("article")
    }

    fn metadata(&mut self, a: &Article) -> io::Result<()> {
        let m = &a.meta;
        let empty = m.url.is_none()
            && m.date_published.is_none()
            && m.date_modified.is_none()
            && m.authors.is_empty()
            && m.publisher.is_none()
            && m.section.is_none()
            && m.image.is_none()
            && m.keywords.is_empty()
            && m.extra.is_empty();
        if empty {
            return self.empty("meta", &[]);
        }
        self.open("meta", &[])?;
        let single = [
            ("url", &m.url),
            ("datePublished", &m.date_published),
            ("dateModified", &m.date_modified),
        ];
        for (name, value) in single {
            if let Some(v) = value {
                self.text_element(name, &[], &format!("meta {name}"), v)?;
            }
        }
        for (i, v) in m.authors.iter().enumerate() {
            let attrs: Vec<(&str, &str)> = v.url.iter().map(|u| ("url", u.as_str())).collect();
            let field = format!("meta author {}", i + 1);
            self.text_element("author", &attrs, &field, &v.name)?;
        }
        if let Some(p) = &m.publisher {
            let attrs: Vec<(&str, &str)> = [("url", &p.url), ("logo", &p.logo)]
                .into_iter()
                .filter_map(|(k, v)| v.as_deref().map(|v| (k, v)))
                .collect();
            self.text_element("publisher", &attrs, "meta publisher", &p.name)?;
        }
        let single = [("articleSection", &m.section), ("image", &m.image)];
        for (name, value) in single {
            if let Some(v) = value {
                self.text_element(name, &[], &format!("meta {name}"), v)?;
            }
        }
        for (i, v) in m.keywords.iter().enumerate() {
            self.text_element("keyword", &[], &format!("meta keyword {}", i + 1), v)?;
        }
        for (name, value) in &m.extra {
            self.open("extra", &[])?;
            self.text_element("name", &[], "meta extra name", name)?;
            self.text_element("value", &[], &format!("meta extra {name:?}"), value)?;
            self.close("extra")?;
        }
        self.close("meta")
    }

    fn entity(&mut self, e: &Entity) -> io::Result<()> {
        self.open(
            "entity",
            &[
                ("key", &e.key),
                ("iri", &e.iri),
                ("kind", &enum_str(&e.kind)),
                ("type", &e.schema_type),
                ("about", bool_str(e.about)),
            ],
        )?;
        let field = |what: &str| format!("entity {} {what}", e.key);
        self.text_element("name", &[], &field("name"), &e.name)?;
        let optional = [
            ("givenName", &e.given_name),
            ("familyName", &e.family_name),
            ("jobTitle", &e.job_title),
        ];
        for (name, value) in optional {
            if let Some(v) = value {
                self.text_element(name, &[], &field(name), v)?;
            }
        }
        if let Some(k) = &e.works_for {
            self.empty("worksFor", &[("key", k)])?;
        }
        for (i, iri) in e.same_as.iter().enumerate() {
            self.text_element("sameAs", &[], &field(&format!("sameAs {}", i + 1)), iri)?;
        }
        if let Some(g) = &e.geo {
            self.empty(
                "geo",
                &[("latitude", &g.latitude), ("longitude", &g.longitude)],
            )?;
        }
        for m in &e.mentions {
            self.span("mention", m)?;
        }
        self.close("entity")
    }

    fn span(&mut self, name: &str, s: &Span) -> io::Result<()> {
        self.empty(
            name,
            &[
                ("part", &enum_str(&s.part)),
                ("start", &s.start.to_string()),
                ("end", &s.end.to_string()),
            ],
        )
    }

    // ----- low-level writing

    fn indent(&mut self) -> io::Result<()> {
        let mut s = String::with_capacity(1 + 2 * self.depth);
        s.push('\n');
        s.extend(std::iter::repeat_n(' ', 2 * self.depth));
        self.xml
            .write_event(Event::Text(BytesText::from_escaped(s)))
    }

    fn start<'a>(name: &'a str, attrs: &[(&str, &str)]) -> io::Result<BytesStart<'a>> {
        let mut start = BytesStart::new(name);
        for (key, value) in attrs {
            start.push_attribute(Attribute {
                key: QName(key.as_bytes()),
                value: Cow::Owned(escape_attribute(name, key, value)?.into_bytes()),
            });
        }
        Ok(start)
    }

    fn open(&mut self, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
        if self.depth > 0 {
            self.indent()?;
        }
        self.xml
            .write_event(Event::Start(Self::start(name, attrs)?))?;
        self.depth += 1;
        Ok(())
    }

    fn close(&mut self, name: &str) -> io::Result<()> {
        self.depth -= 1;
        self.indent()?;
        self.xml.write_event(Event::End(BytesEnd::new(name)))
    }

    fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
        self.indent()?;
        self.xml
            .write_event(Event::Empty(Self::start(name, attrs)?))
    }

    /// An element of type `Text` (or a simple type) on its own line: start tag, the text, end tag.
    fn text_element(
        &mut self,
        name: &str,
        attrs: &[(&str, &str)],
        field: &str,
        text: &str,
    ) -> io::Result<()> {
        self.indent()?;
        self.xml
            .write_event(Event::Start(Self::start(name, attrs)?))?;
        self.text(field, text)?;
        self.xml.write_event(Event::End(BytesEnd::new(name)))
    }

    /// Text content: `&`, `<`, `>` escaped, `\r` as `&#13;`, each forbidden character as `<char>`.
    fn text(&mut self, field: &str, text: &str) -> io::Result<()> {
        let mut run = String::new();
        for (offset, c) in text.chars().enumerate() {
            match c {
                '&' => run.push_str("&amp;"),
                '<' => run.push_str("&lt;"),
                '>' => run.push_str("&gt;"),
                '\r' => run.push_str("&#13;"),
                c if is_forbidden(c) => {
                    if !run.is_empty() {
                        let chunk = std::mem::take(&mut run);
                        self.xml
                            .write_event(Event::Text(BytesText::from_escaped(chunk)))?;
                    }
                    let code = format!("{:04X}", u32::from(c));
                    self.xml
                        .write_event(Event::Empty(Self::start("char", &[("code", &code)])?))?;
                    self.found.push(Forbidden {
                        field: field.to_owned(),
                        offset,
                        ch: c,
                    });
                }
                c => run.push(c),
            }
        }
        if !run.is_empty() {
            self.xml
                .write_event(Event::Text(BytesText::from_escaped(run)))?;
        }
        Ok(())
    }
}

/// An attribute value escaped for double quotes, with tab, line feed and carriage return as character
/// references so that attribute-value normalization does not change them. Attributes only hold
/// identifiers, IRIs, numbers and enumerations; a forbidden character in one is refused (no `<char>` is
/// possible there) rather than silently dropped.
fn escape_attribute(element: &str, key: &str, value: &str) -> io::Result<String> {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if is_forbidden(c) => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!(
                        "character U+{:04X} in {element}/@{key} {value:?} cannot be written to XML",
                        u32::from(c)
                    ),
                ))
            }
            c => out.push(c),
        }
    }
    Ok(out)
}

fn bool_str(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
}

/// The serde name of a unit enum variant: the same name JSON Schema and the XSD enumerations use.
fn enum_str<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        other => unreachable!("model enums serialize as strings, got {other:?}"),
    }
}
