//! XML archive reader: `schemas/newsgraph-archive-1.xsd` documents back into the article model.
//!
//! A streaming reader over quick-xml: one article is in memory at a time. No DTD is processed: a
//! `<!DOCTYPE` is refused, and the only entities are XML's five predefined ones and character references,
//! so no external entity can be fetched and no entity can expand. Every problem, malformed or foreign XML
//! included, is one [`Error::Xml`] line with the file and the line number.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;
use serde::de::DeserializeOwned;

use crate::emit::xml::{is_forbidden, Failure, Header, NAMESPACE};
use crate::error::{Error, Result};
use crate::model::{
    Article, Author, Entity, Geo, Metadata, Paragraph, Publisher, Quote, Section, Source, Span,
    TextPart, WarcRecord,
};

/// Namespaces of every version of the archive format; the last segment is the version.
const NAMESPACE_FAMILY: &str = "https://newsgraph.example/ns/archive/";

/// Reads every article of the archive at `path` (the first error ends it).
pub fn read_file(path: &Path) -> Result<Vec<Article>> {
    open(path, crate::read::DEFAULT_MAX_SIZE)?.collect()
}

/// Reads every article of an archive held in memory; `path` names it in errors.
pub fn from_bytes(path: &Path, bytes: &[u8]) -> Result<Vec<Article>> {
    ArchiveReader::new(path, bytes)?.collect()
}

/// Opens the archive at `path` and reads its header; the articles follow one by one, each of at most
/// `max_size` bytes.
pub fn open(path: &Path, max_size: u64) -> Result<ArchiveReader<Box<dyn BufRead>>> {
    if crate::read::is_stdin(path) {
        let stdin = Box::new(BufReader::new(std::io::stdin()));
        return ArchiveReader::with_max_size(path, stdin, max_size);
    }
    let file = File::open(path).map_err(|source| Error::Read {
        path: path.to_owned(),
        source,
    })?;
    ArchiveReader::with_max_size(path, Box::new(BufReader::new(file)), max_size)
}

/// A streaming archive reader: an iterator of articles. An article that is not right (an unknown
/// element, a span past its text, an IRI that is not one, more bytes than the limit) gives its error
/// and the reader goes on with the next article; XML that is not well-formed ends the file, since
/// nothing after it can be trusted.
///
/// Memory is bounded by the size limit: one article of at most that many bytes is read at a time, and
/// a single event (a text node, a tag) larger than it ends the file before it is read whole.
pub struct ArchiveReader<R: BufRead> {
    path: PathBuf,
    xml: NsReader<Tracked<R>>,
    buf: Vec<u8>,
    peeked: Option<Ev>,
    header: Header,
    /// Articles begun, for their numbers in messages.
    started: usize,
    /// The id of the article being read, once known.
    current_id: Option<String>,
    /// Element depth after the last event read (the root is 1, an article 2).
    depth: usize,
    /// Byte position where the element being read at depth 2 (an article) started.
    element_start: u64,
    /// Largest article, in bytes.
    max_size: u64,
    /// Skipping the rest of a refused article: no size check.
    skipping: bool,
    /// The XML itself is broken (or too large to read), or has ended: nothing more can be read.
    fatal: bool,
    /// An error met while skipping a refused article, said after that article's.
    pending: Option<Error>,
    seen_root: bool,
    done: bool,
    /// The inputs the archive records as failed when it was written (its `failures`, after the articles).
    failures: Vec<Failure>,
}

/// A simplified event: namespace-checked element starts (empty elements come as start + end), ends, and
/// decoded text; comments and processing instructions are skipped.
#[derive(Debug)]
enum Ev {
    Start {
        name: String,
        attrs: Attrs,
        line: usize,
    },
    End {
        line: usize,
    },
    Text {
        text: String,
        line: usize,
    },
    Eof {
        line: usize,
    },
}

impl Ev {
    fn line(&self) -> usize {
        match self {
            Ev::Start { line, .. }
            | Ev::End { line }
            | Ev::Text { line, .. }
            | Ev::Eof { line } => *line,
        }
    }
}

impl<R: BufRead> ArchiveReader<R> {
    /// Starts reading: checks the root element and reads the header.
    pub fn new(path: &Path, reader: R) -> Result<Self> {
        Self::with_max_size(path, reader, crate::read::DEFAULT_MAX_SIZE)
    }

    /// [`ArchiveReader::new`] with articles of at most `max_size` bytes.
    pub fn with_max_size(path: &Path, reader: R, max_size: u64) -> Result<Self> {
        let mut xml = NsReader::from_reader(Tracked::new(reader, max_size));
        let config = xml.config_mut();
        config.expand_empty_elements = true;
        config.check_end_names = true;
        config.trim_text(false);
        let mut r = Self {
            path: path.to_owned(),
            xml,
            buf: Vec::new(),
            peeked: None,
            header: Header::default(),
            started: 0,
            current_id: None,
            depth: 0,
            element_start: 0,
            max_size,
            skipping: false,
            fatal: false,
            pending: None,
            seen_root: false,
            done: false,
            failures: Vec::new(),
        };
        r.root()?;
        r.header = r.read_header()?;
        Ok(r)
    }

    /// The archive's header.
    pub fn header(&self) -> &Header {
        &self.header
    }

    /// The inputs the archive records as failed when it was written: complete once
    /// [`ArchiveReader::next_article`] has returned `None`, since they follow the last article.
    pub fn failures(&self) -> &[Failure] {
        &self.failures
    }

    /// The next article, `None` after the last. After an error in one article, the next call goes on
    /// with the article after it (unless the error ended the file).
    pub fn next_article(&mut self) -> Result<Option<Article>> {
        if let Some(e) = self.pending.take() {
            return Err(e);
        }
        if self.done {
            return Ok(None);
        }
        self.current_id = None;
        match self.article_or_end() {
            Ok(Some(a)) => Ok(Some(a)),
            Ok(None) => {
                self.done = true;
                Ok(None)
            }
            Err(e) => {
                self.recover();
                Err(e)
            }
        }
    }

    /// After an error: the rest of the element it was met in is skipped (the reader is then between
    /// articles again), unless the XML itself is broken or the archive has ended.
    fn recover(&mut self) {
        self.peeked = None;
        if self.fatal || self.depth == 0 {
            self.done = true;
            return;
        }
        self.skipping = true;
        while self.depth > 1 {
            match self.next() {
                Ok(Ev::Eof { line }) => {
                    self.pending = Some(self.eof_error(&Ev::Eof { line }));
                    break;
                }
                Ok(_) => {}
                Err(e) => {
                    self.pending = Some(e);
                    break;
                }
            }
        }
        self.skipping = false;
        self.done = self.pending.is_some();
    }

    /// An error met inside an article, named by the article's number and id: `article 2 ("b"): ...`.
    fn in_article(&self, e: Error) -> Error {
        match e {
            Error::Xml {
                path,
                line,
                message,
            } => {
                let id = self
                    .current_id
                    .as_ref()
                    .map(|id| format!(" ({id:?})"))
                    .unwrap_or_default();
                Error::Xml {
                    path,
                    line,
                    message: format!("article {}{id}: {message}", self.started),
                }
            }
            e => e,
        }
    }

    fn article_or_end(&mut self) -> Result<Option<Article>> {
        match self.next_element()? {
            Ev::Start { name, attrs, line } if name == "article" => {
                self.started += 1;
                self.article(attrs, line)
                    .map(Some)
                    .map_err(|e| self.in_article(e))
            }
            Ev::Start { name, attrs, line } if name == "failures" && self.started > 0 => {
                self.read_failures(attrs, line)?;
                self.expect_end()?;
                self.after_root()?;
                Ok(None)
            }
            Ev::Start { name, line, .. } => {
                Err(self.err(line, format!("unexpected element <{name}> in <archive>")))
            }
            Ev::End { line } => {
                if self.started == 0 {
                    return Err(self.err(line, "the archive holds no article"));
                }
                self.after_root()?;
                Ok(None)
            }
            ev => Err(self.eof_error(&ev)),
        }
    }

    // ----- document structure

    /// The prolog and the root element: `<archive>` in the version-1 namespace.
    fn root(&mut self) -> Result<()> {
        match self.next_element()? {
            Ev::Start { name, attrs, line } => {
                if attrs.namespace == NAMESPACE && name == "archive" {
                    return attrs.finish(self, line);
                }
                let message = match attrs.namespace.strip_prefix(NAMESPACE_FAMILY) {
                    Some(version) if name == "archive" => format!(
                        "archive format version {version:?} is not supported (this newsgraph reads version 1, {NAMESPACE})"
                    ),
                    _ => format!(
                        "not a newsgraph archive: the root element is <{name}>{}, expected <archive> in namespace {NAMESPACE}",
                        if attrs.namespace.is_empty() {
                            " in no namespace".to_owned()
                        } else {
                            format!(" in namespace {}", attrs.namespace)
                        }
                    ),
                };
                Err(self.err(line, message))
            }
            ev => Err(self.err(ev.line(), "not a newsgraph archive: no root element")),
        }
    }

    fn read_header(&mut self) -> Result<Header> {
        let (attrs, line) = self.expect_start("header")?;
        attrs.finish(self, line)?;
        let (mut attrs, gline) = self.expect_start("generator")?;
        let generator = attrs.required(self, "name", gline)?;
        let version = attrs.required(self, "version", gline)?;
        attrs.finish(self, gline)?;
        self.expect_end()?;
        let created = self.optional_text("created")?;
        self.expect_end()?;
        Ok(Header {
            generator,
            version,
            created,
        })
    }

    /// The `failures` after the last article: each input the writing run could not archive, as its
    /// source and one-line message.
    fn read_failures(&mut self, attrs: Attrs, line: usize) -> Result<()> {
        attrs.finish(self, line)?;
        loop {
            match self.next_element()? {
                Ev::Start { name, attrs, line } if name == "failure" => {
                    attrs.finish(self, line)?;
                    let source = self.text_of("source")?;
                    let message = self.text_of("message")?;
                    self.expect_end()?;
                    self.failures.push(Failure { source, message });
                }
                Ev::End { line } if self.failures.is_empty() => {
                    return Err(self.err(line, "<failures> holds no <failure>"));
                }
                Ev::End { .. } => return Ok(()),
                Ev::Start { name, line, .. } => {
                    return Err(
                        self.err(line, format!("unexpected element <{name}> in <failures>"))
                    );
                }
                ev => return Err(self.eof_error(&ev)),
            }
        }
    }

    /// After `</archive>`: only whitespace, comments and processing instructions.
    fn after_root(&mut self) -> Result<()> {
        loop {
            match self.next()? {
                Ev::Eof { .. } => return Ok(()),
                Ev::Text { text, .. } if is_space(&text) => {}
                ev => return Err(self.err(ev.line(), "content after the root element")),
            }
        }
    }

    fn article(&mut self, mut attrs: Attrs, line: usize) -> Result<Article> {
        let iri = attrs.required(self, "iri", line)?;
        attrs.finish(self, line)?;
        let id = self.text_of("id")?;
        self.current_id = Some(id.clone());
        let iri = self.iri(iri, "article IRI", line)?;

        let (mut attrs, sline) = self.expect_start("source")?;
        let size = attrs.required(self, "size", sline)?;
        let size = self.number::<u64>(&size, "size", sline)?;
        let sha256 = attrs.required(self, "sha256", sline)?;
        if sha256.len() != 64
            || !sha256
                .bytes()
                .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        {
            return Err(self.err(
                sline,
                format!("invalid sha256 {sha256:?}: expected 64 lower-case hex digits"),
            ));
        }
        let encoding = attrs.required(self, "encoding", sline)?;
        let bom = attrs.boolean(self, "bom", sline)?;
        let line_ends = attrs.enumeration(self, "lineEnds", sline)?;
        let format = attrs.enumeration(self, "format", sline)?;
        attrs.finish(self, sline)?;
        let file_name = self.text_of("fileName")?;
        let warc = match self.optional_start("warcRecord")? {
            Some((mut attrs, l)) => {
                let date = attrs.required(self, "date", l)?;
                attrs.finish(self, l)?;
                let record_id = self.text_of("recordId")?;
                let target_uri = self.text_of("targetUri")?;
                self.expect_end()?;
                Some(WarcRecord {
                    record_id,
                    target_uri,
                    date,
                })
            }
            None => None,
        };
        self.expect_end()?;
        let source = Source {
            file_name,
            size,
            sha256,
            encoding,
            bom,
            line_ends,
            format,
            warc,
        };

        let (mut attrs, lline) = self.expect_start("language")?;
        let language_origin = attrs.enumeration(self, "origin", lline)?;
        attrs.finish(self, lline)?;
        let language = self.text_content()?;

        let (mut attrs, hline) = self.expect_start("headline")?;
        let headline_rule = attrs.enumeration(self, "rule", hline)?;
        attrs.finish(self, hline)?;
        let headline = self.text_content()?;

        let caption = self.optional_text("caption")?;
        let lead = self.optional_text("lead")?;
        let mut related = Vec::new();
        while let Some(t) = self.optional_text("related")? {
            related.push(t);
        }
        let mut sections = Vec::new();
        while let Some((attrs, l)) = self.optional_start("section")? {
            attrs.finish(self, l)?;
            sections.push(self.section()?);
        }
        let (attrs, mline) = self.expect_start("meta")?;
        attrs.finish(self, mline)?;
        let meta = self.metadata()?;
        let mut entities = Vec::new();
        while let Some((attrs, l)) = self.optional_start("entity")? {
            entities.push(self.entity(attrs, l)?);
        }
        let mut quotes = Vec::new();
        while let Some((mut attrs, l)) = self.optional_start("quote")? {
            let speaker = attrs.take("speaker");
            attrs.finish(self, l)?;
            let text = self.text_of("text")?;
            let span = self.span("span")?;
            self.expect_end()?;
            quotes.push(Quote {
                text,
                speaker,
                span,
            });
        }
        self.expect_end()?;

        let article = Article {
            id,
            iri,
            source,
            language,
            language_origin,
            headline,
            headline_rule,
            caption,
            lead,
            related,
            sections,
            meta,
            entities,
            quotes,
            warnings: Vec::new(),
        };
        self.check_article(&article, line)?;
        Ok(article)
    }

    fn section(&mut self) -> Result<Section> {
        let heading = self.optional_text("heading")?;
        let mut paragraphs = Vec::new();
        while let Some((mut attrs, l)) = self.optional_start("paragraph")? {
            let kind = attrs.enumeration(self, "kind", l)?;
            attrs.finish(self, l)?;
            paragraphs.push(Paragraph {
                text: self.text_content()?,
                kind,
            });
        }
        self.expect_end()?;
        Ok(Section {
            heading,
            paragraphs,
        })
    }

    fn metadata(&mut self) -> Result<Metadata> {
        let url = self.optional_text_line("url")?;
        let mut m = Metadata {
            url: self.optional_iri(url.0, "url", url.1)?,
            date_published: self.optional_text("datePublished")?,
            date_modified: self.optional_text("dateModified")?,
            ..Metadata::default()
        };
        while let Some((mut attrs, l)) = self.optional_start("author")? {
            let url = self.optional_iri(attrs.take("url"), "author url", l)?;
            attrs.finish(self, l)?;
            let name = self.text_content()?;
            m.authors.push(Author { name, url });
        }
        if let Some((mut attrs, l)) = self.optional_start("publisher")? {
            let url = self.optional_iri(attrs.take("url"), "publisher url", l)?;
            let logo = self.optional_iri(attrs.take("logo"), "publisher logo", l)?;
            attrs.finish(self, l)?;
            let name = self.text_content()?;
            m.publisher = Some(Publisher { name, url, logo });
        }
        m.section = self.optional_text("articleSection")?;
        let image = self.optional_text_line("image")?;
        m.image = self.optional_iri(image.0, "image", image.1)?;
        while let Some(k) = self.optional_text("keyword")? {
            m.keywords.push(k);
        }
        while let Some((attrs, l)) = self.optional_start("extra")? {
            attrs.finish(self, l)?;
            let name = self.text_of("name")?;
            let value = self.text_of("value")?;
            self.expect_end()?;
            if m.extra.insert(name.clone(), value).is_some() {
                return Err(self.err(l, format!("duplicate extra metadata {name:?}")));
            }
        }
        self.expect_end()?;
        Ok(m)
    }

    fn entity(&mut self, mut attrs: Attrs, line: usize) -> Result<Entity> {
        let key = attrs.required(self, "key", line)?;
        let iri = attrs.required(self, "iri", line)?;
        let iri = self.iri(iri, "entity IRI", line)?;
        let kind = attrs.enumeration(self, "kind", line)?;
        let schema_type = attrs.required(self, "type", line)?;
        if !is_type_name(&schema_type) {
            return Err(self.err(
                line,
                format!(
                    "invalid type {schema_type:?}: expected a schema.org type name such as Person"
                ),
            ));
        }
        let about = attrs.boolean(self, "about", line)?;
        attrs.finish(self, line)?;
        let name = self.text_of("name")?;
        let given_name = self.optional_text("givenName")?;
        let family_name = self.optional_text("familyName")?;
        let job_title = self.optional_text("jobTitle")?;
        let works_for = match self.optional_start("worksFor")? {
            Some((mut attrs, l)) => {
                let k = attrs.required(self, "key", l)?;
                attrs.finish(self, l)?;
                self.expect_end()?;
                Some(k)
            }
            None => None,
        };
        let mut same_as = Vec::new();
        while let (Some(s), l) = self.optional_text_line("sameAs")? {
            same_as.push(self.iri(s, "sameAs", l)?);
        }
        let geo = match self.optional_start("geo")? {
            Some((mut attrs, l)) => {
                let latitude = attrs.required(self, "latitude", l)?;
                let longitude = attrs.required(self, "longitude", l)?;
                attrs.finish(self, l)?;
                self.expect_end()?;
                Some(Geo {
                    latitude,
                    longitude,
                })
            }
            None => None,
        };
        let mut mentions = Vec::new();
        while let Some(span) = self.optional_span("mention")? {
            mentions.push(span);
        }
        self.expect_end()?;
        Ok(Entity {
            key,
            iri,
            kind,
            schema_type,
            name,
            given_name,
            family_name,
            job_title,
            works_for,
            same_as,
            geo,
            about,
            mentions,
        })
    }

    fn span(&mut self, name: &str) -> Result<Span> {
        match self.optional_span(name)? {
            Some(s) => Ok(s),
            None => {
                let ev = self.next_element()?;
                Err(self.unexpected(&ev, name))
            }
        }
    }

    fn optional_span(&mut self, name: &str) -> Result<Option<Span>> {
        let Some((mut attrs, l)) = self.optional_start(name)? else {
            return Ok(None);
        };
        let part = attrs.enumeration(self, "part", l)?;
        let start = attrs.required(self, "start", l)?;
        let start = self.number(&start, "start", l)?;
        let end = attrs.required(self, "end", l)?;
        let end = self.number(&end, "end", l)?;
        attrs.finish(self, l)?;
        self.expect_end()?;
        if start > end {
            return Err(self.err(l, format!("<{name}> start {start} is after its end {end}")));
        }
        Ok(Some(Span { part, start, end }))
    }

    /// What the XSD cannot say: spans lie inside their text, speakers and employers are entities.
    fn check_article(&self, a: &Article, line: usize) -> Result<()> {
        let lengths = [TextPart::Headline, TextPart::Caption, TextPart::Body]
            .map(|p| (p, a.part_text(p).chars().count()));
        let len = |p: TextPart| lengths.iter().find(|(q, _)| *q == p).map_or(0, |(_, n)| *n);
        let spans = a
            .entities
            .iter()
            .flat_map(|e| {
                e.mentions
                    .iter()
                    .map(move |m| (format!("mention of {}", e.key), m))
            })
            .chain(
                a.quotes
                    .iter()
                    .enumerate()
                    .map(|(i, q)| (format!("quote {}", i + 1), &q.span)),
            );
        for (what, s) in spans {
            if s.end > len(s.part) {
                return Err(self.err(
                    line,
                    format!(
                        "{what} ends at character {} but its {:?} text has {} characters",
                        s.end,
                        s.part,
                        len(s.part)
                    ),
                ));
            }
        }
        let refs = a
            .quotes
            .iter()
            .filter_map(|q| q.speaker.as_ref())
            .chain(a.entities.iter().filter_map(|e| e.works_for.as_ref()));
        let lookup = a.entity_lookup();
        for key in refs {
            if lookup.get(key).is_none() {
                return Err(self.err(line, format!("no entity with key {key:?}")));
            }
        }
        // Every IRI the outputs write, those made from the article's (sections, quotes, authors) too.
        if let Some(bad) = crate::emit::graph::invalid_iri(&crate::emit::graph::article_node(a)) {
            return Err(self.err(
                line,
                format!("its outputs would hold {bad:?}, which is not an absolute IRI"),
            ));
        }
        Ok(())
    }

    // ----- element helpers

    /// The next start of `name`, or an error.
    fn expect_start(&mut self, name: &str) -> Result<(Attrs, usize)> {
        match self.next_element()? {
            Ev::Start {
                name: n,
                attrs,
                line,
            } if n == name => Ok((attrs, line)),
            ev => Err(self.unexpected(&ev, name)),
        }
    }

    /// The start of `name` if it comes next (after whitespace).
    fn optional_start(&mut self, name: &str) -> Result<Option<(Attrs, usize)>> {
        let ev = self.next_element()?;
        match ev {
            Ev::Start {
                name: n,
                attrs,
                line,
            } if n == name => Ok(Some((attrs, line))),
            ev => {
                self.peeked = Some(ev);
                Ok(None)
            }
        }
    }

    /// The end of the current element (after whitespace).
    fn expect_end(&mut self) -> Result<()> {
        match self.next_element()? {
            Ev::End { .. } => Ok(()),
            Ev::Start { name, line, .. } => {
                Err(self.err(line, format!("unexpected element <{name}>")))
            }
            ev => Err(self.eof_error(&ev)),
        }
    }

    /// A `Text` element without attributes: `<name>text</name>`.
    fn text_of(&mut self, name: &str) -> Result<String> {
        let (attrs, line) = self.expect_start(name)?;
        attrs.finish(self, line)?;
        self.text_content()
    }

    /// [`Self::optional_text`] with the line of its element (the line of what follows when it is absent).
    fn optional_text_line(&mut self, name: &str) -> Result<(Option<String>, usize)> {
        match self.optional_start(name)? {
            Some((attrs, line)) => {
                attrs.finish(self, line)?;
                Ok((Some(self.text_content()?), line))
            }
            None => Ok((None, self.peeked.as_ref().map_or(0, Ev::line))),
        }
    }

    fn optional_text(&mut self, name: &str) -> Result<Option<String>> {
        match self.optional_start(name)? {
            Some((attrs, line)) => {
                attrs.finish(self, line)?;
                self.text_content().map(Some)
            }
            None => Ok(None),
        }
    }

    /// The content of a `Text` element up to its end tag: character data, with each `<char code>` put
    /// back as its character. Whitespace is kept exactly.
    fn text_content(&mut self) -> Result<String> {
        let mut text = String::new();
        loop {
            match self.next()? {
                Ev::Text { text: t, .. } => text.push_str(&t),
                Ev::End { .. } => return Ok(text),
                Ev::Start {
                    name,
                    mut attrs,
                    line,
                } if name == "char" => {
                    let code = attrs.required(self, "code", line)?;
                    attrs.finish(self, line)?;
                    let c = u32::from_str_radix(&code, 16)
                        .ok()
                        .filter(|_| code.len() == 4)
                        .and_then(char::from_u32)
                        .filter(|&c| is_forbidden(c))
                        .ok_or_else(|| {
                            self.err(
                                line,
                                format!("<char code={code:?}>: expected the 4 hex digits of a character XML 1.0 forbids"),
                            )
                        })?;
                    text.push(c);
                    self.expect_end()?;
                }
                Ev::Start { name, line, .. } => {
                    return Err(self.err(line, format!("unexpected element <{name}> in text")))
                }
                ev @ Ev::Eof { .. } => return Err(self.eof_error(&ev)),
            }
        }
    }

    /// The next event that is not whitespace between elements.
    fn next_element(&mut self) -> Result<Ev> {
        loop {
            match self.next()? {
                Ev::Text { text, .. } if is_space(&text) => {}
                Ev::Text { line, .. } => {
                    return Err(self.err(line, "unexpected text between elements"))
                }
                ev => return Ok(ev),
            }
        }
    }

    fn unexpected(&self, ev: &Ev, expected: &str) -> Error {
        match ev {
            Ev::Start { name, line, .. } => {
                self.err(*line, format!("expected <{expected}>, found <{name}>"))
            }
            Ev::End { line } => self.err(*line, format!("expected <{expected}>, found an end tag")),
            Ev::Text { line, .. } => self.err(*line, format!("expected <{expected}>, found text")),
            Ev::Eof { line } => self.err(
                *line,
                format!("expected <{expected}>, found the end of the file"),
            ),
        }
    }

    fn eof_error(&self, ev: &Ev) -> Error {
        match ev {
            Ev::Eof { line } => {
                self.err(*line, "unexpected end of file (the archive is truncated)")
            }
            ev => self.unexpected(ev, "end tag"),
        }
    }

    fn number<T: std::str::FromStr>(&self, value: &str, name: &str, line: usize) -> Result<T> {
        value.parse().map_err(|_| {
            self.err(
                line,
                format!("invalid {name} {value:?}: expected a non-negative integer"),
            )
        })
    }

    fn err(&self, line: usize, message: impl Into<String>) -> Error {
        Error::Xml {
            path: self.path.clone(),
            line,
            message: message.into(),
        }
    }

    // ----- events

    /// The next event: decoded, namespace-checked, with its line; text, references and CDATA come as text.
    fn next(&mut self) -> Result<Ev> {
        if let Some(ev) = self.peeked.take() {
            return Ok(ev);
        }
        let mut buf = std::mem::take(&mut self.buf);
        loop {
            buf.clear();
            let pos = self.xml.buffer_position();
            self.xml.get_mut().mark();
            let (ns, event) = match self.xml.read_resolved_event_into(&mut buf) {
                Ok((ns, event)) => (namespace(ns), event),
                Err(e) => {
                    self.fatal = true;
                    return Err(self.read_error(&e, pos));
                }
            };
            let line = self.xml.get_ref().line_at(pos);
            self.track_depth(&event, pos);
            if self.depth >= 2
                && !self.skipping
                && self.xml.buffer_position() - self.element_start > self.max_size
            {
                return Err(self.err(
                    line,
                    format!(
                        "more than {} bytes, over the limit (raise it with --max-size)",
                        self.max_size
                    ),
                ));
            }
            let ns = ns.map_err(|p| {
                self.err(
                    line,
                    format!("malformed XML: undeclared namespace prefix {p:?}"),
                )
            })?;
            if let Some(ev) = self.convert(ns, event, line)? {
                self.buf = buf;
                return Ok(ev);
            }
        }
    }

    /// Follows the element depth; notes where an element at depth 2 (an article) starts.
    fn track_depth(&mut self, event: &Event<'_>, pos: u64) {
        match event {
            Event::Start(_) => {
                self.depth += 1;
                if self.depth == 2 {
                    self.element_start = pos;
                }
            }
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            // Nothing follows the end of the file, whatever was open.
            Event::Eof => self.fatal = true,
            _ => {}
        }
    }

    /// What quick-xml could not read, at the line where it stopped: malformed XML, a read error, or an
    /// event larger than the size limit (the reader refused to buffer more of it).
    fn read_error(&self, e: &quick_xml::Error, pos: u64) -> Error {
        let tracked = self.xml.get_ref();
        if tracked.overflowed {
            return self.err(
                tracked.line_at(pos),
                format!(
                    "a text or tag of more than {} bytes, over the limit (raise it with --max-size); the rest of the file is not read",
                    self.max_size
                ),
            );
        }
        let line = tracked.line_at(self.xml.error_position());
        self.err(line, format!("malformed XML: {e}"))
    }

    /// An IRI read from the archive, which the outputs write as it is: it must be an absolute IRI, or
    /// `iri="x> <y"` would put statements of its own into the N-Quads.
    fn iri(&self, value: String, what: &str, line: usize) -> Result<String> {
        match oxiri::Iri::parse(value.as_str()) {
            Ok(_) => Ok(value),
            Err(e) => Err(self.err(
                line,
                format!("invalid {what} {value:?}: not an absolute IRI ({e})"),
            )),
        }
    }

    fn optional_iri(
        &self,
        value: Option<String>,
        what: &str,
        line: usize,
    ) -> Result<Option<String>> {
        value.map(|v| self.iri(v, what, line)).transpose()
    }

    /// One quick-xml event as an [`Ev`]; `None` for what is skipped (declaration, comments, PIs).
    fn convert(&mut self, ns: String, event: Event<'_>, line: usize) -> Result<Option<Ev>> {
        let ev = match event {
            Event::Start(e) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                let attrs = self.attributes(&e, ns, line)?;
                Ev::Start { name, attrs, line }
            }
            Event::End(_) => Ev::End { line },
            Event::Empty(_) => unreachable!("empty elements are expanded"),
            Event::Text(t) => {
                let text = t
                    .xml10_content()
                    .map_err(|e| self.err(line, format!("malformed XML: {e}")))?;
                Ev::Text {
                    text: self.checked(text.into_owned(), line)?,
                    line,
                }
            }
            Event::CData(c) => {
                let raw = String::from_utf8(c.into_inner().into_owned())
                    .map_err(|_| self.err(line, "malformed XML: CDATA section is not UTF-8"))?;
                let text = raw.replace("\r\n", "\n").replace('\r', "\n");
                Ev::Text {
                    text: self.checked(text, line)?,
                    line,
                }
            }
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => c,
                    Ok(None) => {
                        let name = String::from_utf8_lossy(&r).into_owned();
                        match predefined_entity(&name) {
                                Some(c) => c,
                                None => {
                                    return Err(self.err(
                                        line,
                                        format!("unknown entity &{name}; (archives use no DTD and no entities other than XML's five)"),
                                    ))
                                }
                            }
                    }
                    Err(e) => return Err(self.err(line, format!("malformed XML: {e}"))),
                };
                Ev::Text {
                    text: self.checked(c.to_string(), line)?,
                    line,
                }
            }
            Event::Decl(d) => {
                self.declaration(&d, line)?;
                return Ok(None);
            }
            Event::DocType(_) => return Err(self.err(
                line,
                "DOCTYPE is not allowed in an archive (no DTD processing, no external entities)",
            )),
            Event::Comment(_) | Event::PI(_) => return Ok(None),
            Event::Eof => Ev::Eof { line },
        };
        if let Ev::Start { name, attrs, line } = &ev {
            // The root element is checked by `root` with a clearer message; inside it, every element
            // is in the archive namespace.
            if !self.seen_root {
                self.seen_root = true;
            } else if attrs.namespace != NAMESPACE {
                let ns = if attrs.namespace.is_empty() {
                    "no namespace".to_owned()
                } else {
                    format!("namespace {}", attrs.namespace)
                };
                return Err(self.err(*line, format!("unexpected element <{name}> in {ns}")));
            }
        }
        Ok(Some(ev))
    }

    fn attributes(&self, e: &BytesStart<'_>, namespace: String, line: usize) -> Result<Attrs> {
        let mut list = Vec::new();
        for a in e.attributes() {
            let a = a.map_err(|err| self.err(line, format!("malformed XML: {err}")))?;
            let key = String::from_utf8_lossy(a.key.as_ref()).into_owned();
            if key == "xmlns"
                || key.starts_with("xmlns:")
                || key.starts_with("xsi:")
                || key.starts_with("xml:")
            {
                continue;
            }
            let value = a
                .decode_and_unescape_value(self.xml.decoder())
                .map_err(|err| self.err(line, format!("malformed XML: attribute {key}: {err}")))?
                .into_owned();
            list.push((key, self.checked(value, line)?));
        }
        Ok(Attrs { namespace, list })
    }

    fn declaration(&self, d: &quick_xml::events::BytesDecl<'_>, line: usize) -> Result<()> {
        let version = d
            .version()
            .map_err(|e| self.err(line, format!("malformed XML declaration: {e}")))?;
        if version.as_ref() != b"1.0" {
            let v = String::from_utf8_lossy(&version).into_owned();
            return Err(self.err(
                line,
                format!("XML version {v:?} is not supported (archives are XML 1.0)"),
            ));
        }
        if let Some(enc) = d.encoding() {
            let enc = enc.map_err(|e| self.err(line, format!("malformed XML declaration: {e}")))?;
            if !enc.eq_ignore_ascii_case(b"utf-8") {
                let e = String::from_utf8_lossy(&enc).into_owned();
                return Err(self.err(
                    line,
                    format!("encoding {e:?} is not supported (archives are UTF-8)"),
                ));
            }
        }
        Ok(())
    }

    /// Refuses characters XML 1.0 forbids (literal or as character references): archives carry them as
    /// `<char>` elements.
    fn checked(&self, text: String, line: usize) -> Result<String> {
        match text.chars().find(|&c| is_forbidden(c)) {
            Some(c) => Err(self.err(
                line,
                format!(
                    "malformed XML: character U+{:04X} is not allowed in XML 1.0 (archives write it as <char code=\"{:04X}\"/>)",
                    u32::from(c),
                    u32::from(c)
                ),
            )),
            None => Ok(text),
        }
    }
}

impl<R: BufRead> Iterator for ArchiveReader<R> {
    type Item = Result<Article>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_article().transpose()
    }
}

/// A resolved namespace as a string (empty for none), or the unknown prefix.
fn namespace(ns: ResolveResult<'_>) -> std::result::Result<String, String> {
    match ns {
        ResolveResult::Bound(ns) => Ok(String::from_utf8_lossy(ns.as_ref()).into_owned()),
        ResolveResult::Unbound => Ok(String::new()),
        ResolveResult::Unknown(p) => Err(String::from_utf8_lossy(&p).into_owned()),
    }
}

fn predefined_entity(name: &str) -> Option<char> {
    Some(match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "apos" => '\'',
        "quot" => '"',
        _ => return None,
    })
}

/// A schema.org type name as the outputs write it (`Person`, `GovernmentOrganization`): letters and digits.
fn is_type_name(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_uppercase()) && s.bytes().all(|b| b.is_ascii_alphanumeric())
}

fn is_space(s: &str) -> bool {
    s.chars().all(|c| matches!(c, ' ' | '\t' | '\n' | '\r'))
}

/// An element's attributes (namespace declarations left out) and the element's namespace.
#[derive(Debug)]
struct Attrs {
    namespace: String,
    list: Vec<(String, String)>,
}

impl Attrs {
    fn take(&mut self, key: &str) -> Option<String> {
        let i = self.list.iter().position(|(k, _)| k == key)?;
        Some(self.list.remove(i).1)
    }

    fn required<R: BufRead>(
        &mut self,
        r: &ArchiveReader<R>,
        key: &str,
        line: usize,
    ) -> Result<String> {
        self.take(key)
            .ok_or_else(|| r.err(line, format!("missing attribute {key:?}")))
    }

    fn boolean<R: BufRead>(
        &mut self,
        r: &ArchiveReader<R>,
        key: &str,
        line: usize,
    ) -> Result<bool> {
        match self.required(r, key, line)?.as_str() {
            "true" | "1" => Ok(true),
            "false" | "0" => Ok(false),
            v => Err(r.err(line, format!("invalid {key} {v:?}: expected true or false"))),
        }
    }

    /// A model enum from its serde name (the names the XSD enumerates).
    fn enumeration<T: DeserializeOwned, R: BufRead>(
        &mut self,
        r: &ArchiveReader<R>,
        key: &str,
        line: usize,
    ) -> Result<T> {
        let v = self.required(r, key, line)?;
        serde_json::from_value(serde_json::Value::String(v.clone()))
            .map_err(|_| r.err(line, format!("invalid {key} {v:?}")))
    }

    /// Refuses attributes the format does not define.
    fn finish<R: BufRead>(self, r: &ArchiveReader<R>, line: usize) -> Result<()> {
        match self.list.first() {
            Some((k, _)) => Err(r.err(line, format!("unexpected attribute {k:?}"))),
            None => Ok(()),
        }
    }
}

/// A `BufRead` that counts the lines of what it has handed out, so that byte positions of quick-xml
/// events and errors become line numbers without keeping the document. Bytes consumed since the last
/// [`Tracked::mark`] (one event) are kept to place positions inside the current event.
struct Tracked<R> {
    inner: R,
    /// Largest event, in bytes: past it the reader fails instead of letting quick-xml buffer more.
    limit: u64,
    /// The last failure was the limit.
    overflowed: bool,
    consumed: u64,
    newlines: usize,
    mark_pos: u64,
    mark_newlines: usize,
    since_mark: Vec<u8>,
}

impl<R: BufRead> Tracked<R> {
    fn new(inner: R, limit: u64) -> Self {
        Self {
            inner,
            limit,
            overflowed: false,
            consumed: 0,
            newlines: 0,
            mark_pos: 0,
            mark_newlines: 0,
            since_mark: Vec::new(),
        }
    }

    fn mark(&mut self) {
        self.mark_pos = self.consumed;
        self.mark_newlines = self.newlines;
        self.since_mark.clear();
    }

    /// The 1-based line of byte position `pos`.
    fn line_at(&self, pos: u64) -> usize {
        let newlines = if pos <= self.mark_pos {
            self.mark_newlines
        } else {
            let n = usize::try_from(pos - self.mark_pos)
                .unwrap_or(usize::MAX)
                .min(self.since_mark.len());
            self.mark_newlines + self.since_mark[..n].iter().filter(|&&b| b == b'\n').count()
        };
        newlines + 1
    }

    fn record(&mut self, n: usize, bytes: &[u8]) {
        let bytes = &bytes[..n];
        self.consumed += bytes.len() as u64;
        self.newlines += bytes.iter().filter(|&&b| b == b'\n').count();
        self.since_mark.extend_from_slice(bytes);
    }
}

impl<R: BufRead> Read for Tracked<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.since_mark.len() as u64 > self.limit {
            self.overflowed = true;
            return Err(io::Error::other("over the size limit"));
        }
        let n = self.inner.read(out)?;
        self.record(n, out);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Tracked<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        // `since_mark` holds the event being read: one that passes the limit is not read further.
        if self.since_mark.len() as u64 > self.limit {
            self.overflowed = true;
            return Err(io::Error::other("over the size limit"));
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        // The buffer is already filled, so this `fill_buf` does no I/O.
        if let Ok(buf) = self.inner.fill_buf() {
            let bytes = &buf[..amt.min(buf.len())];
            self.consumed += bytes.len() as u64;
            self.newlines += bytes.iter().filter(|&&b| b == b'\n').count();
            self.since_mark.extend_from_slice(bytes);
        }
        self.inner.consume(amt);
    }
}
