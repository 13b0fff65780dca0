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

use crate::emit::xml::{is_forbidden, Header, NAMESPACE};
use crate::error::{Error, Result};
use crate::model::{
    Article, Author, Entity, Geo, Metadata, Paragraph, Publisher, Quote, Section, Source, Span,
    TextPart, WarcRecord,
};

/// Namespaces of every version of the archive format; the last segment is the version.
const NAMESPACE_FAMILY: &str = "https://newsgraph.example/ns/archive/";

/// Reads every article of the archive at `path`.
pub fn read_file(path: &Path) -> Result<Vec<Article>> {
    open(path)?.collect()
}

/// Reads every article of an archive held in memory; `path` names it in errors.
pub fn from_bytes(path: &Path, bytes: &[u8]) -> Result<Vec<Article>> {
    ArchiveReader::new(path, bytes)?.collect()
}

/// Opens the archive at `path` and reads its header; the articles follow one by one.
pub fn open(path: &Path) -> Result<ArchiveReader<Box<dyn BufRead>>> {
    if crate::read::is_stdin(path) {
        return ArchiveReader::new(path, Box::new(BufReader::new(std::io::stdin())));
    }
    let file = File::open(path).map_err(|source| Error::Read {
        path: path.to_owned(),
        source,
    })?;
    ArchiveReader::new(path, Box::new(BufReader::new(file)))
}

/// A streaming archive reader: an iterator of articles (it stops after the first error).
pub struct ArchiveReader<R: BufRead> {
    path: PathBuf,
    xml: NsReader<Tracked<R>>,
    buf: Vec<u8>,
    peeked: Option<Ev>,
    header: Header,
    articles: usize,
    seen_root: bool,
    done: bool,
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
        let mut xml = NsReader::from_reader(Tracked::new(reader));
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
            articles: 0,
            seen_root: false,
            done: false,
        };
        r.root()?;
        r.header = r.read_header()?;
        Ok(r)
    }

    /// The archive's header.
    pub fn header(&self) -> &Header {
        &self.header
    }

    /// The next article, `None` after the last.
    pub fn next_article(&mut self) -> Result<Option<Article>> {
        if self.done {
            return Ok(None);
        }
        let result = self.article_or_end();
        if !matches!(result, Ok(Some(_))) {
            self.done = true;
        }
        result
    }

    fn article_or_end(&mut self) -> Result<Option<Article>> {
        match self.next_element()? {
            Ev::Start { name, attrs, line } if name == "article" => {
                let a = self.article(attrs, line)?;
                self.articles += 1;
                Ok(Some(a))
            }
            Ev::Start { name, line, .. } => {
                Err(self.err(line, format!("unexpected element <{name}> in <archive>")))
            }
            Ev::End { line } => {
                if self.articles == 0 {
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
        let mut m = Metadata {
            url: self.optional_text("url")?,
            date_published: self.optional_text("datePublished")?,
            date_modified: self.optional_text("dateModified")?,
            ..Metadata::default()
        };
        while let Some((mut attrs, l)) = self.optional_start("author")? {
            let url = attrs.take("url");
            attrs.finish(self, l)?;
            let name = self.text_content()?;
            m.authors.push(Author { name, url });
        }
        if let Some((mut attrs, l)) = self.optional_start("publisher")? {
            let (url, logo) = (attrs.take("url"), attrs.take("logo"));
            attrs.finish(self, l)?;
            let name = self.text_content()?;
            m.publisher = Some(Publisher { name, url, logo });
        }
        m.section = self.optional_text("articleSection")?;
        m.image = self.optional_text("image")?;
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
        let kind = attrs.enumeration(self, "kind", line)?;
        let schema_type = attrs.required(self, "type", line)?;
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
        while let Some(s) = self.optional_text("sameAs")? {
            same_as.push(s);
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
                        "article {:?}: {what} ends at character {} but its {:?} text has {} characters",
                        a.id,
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
                return Err(self.err(
                    line,
                    format!("article {:?}: no entity with key {key:?}", a.id),
                ));
            }
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
                    let line = self.xml.get_ref().line_at(self.xml.error_position());
                    return Err(self.err(line, format!("malformed XML: {e}")));
                }
            };
            let line = self.xml.get_ref().line_at(pos);
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
    consumed: u64,
    newlines: usize,
    mark_pos: u64,
    mark_newlines: usize,
    since_mark: Vec<u8>,
}

impl<R: BufRead> Tracked<R> {
    fn new(inner: R) -> Self {
        Self {
            inner,
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
        let n = self.inner.read(out)?;
        self.record(n, out);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Tracked<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
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
