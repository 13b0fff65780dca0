//! Article stage: combines the decoded text, its front matter and its structure into the article model,
//! then runs the quote and entity stages. Front matter wins over what the text suggests.

use std::path::Path;

use crate::entities::{self, Gazetteer};
use crate::error::{Error, Result};
use crate::frontmatter::FrontMatter;
use crate::html::{self, Page};
use crate::ids::Base;
use crate::model::{Article, HeadlineRule, InputFormat, Metadata, Origin, WarcRecord};
use crate::read::{self, Decoded};
use crate::structure::{self, Structure};
use crate::{lang, markdown, quotes};

/// Settings for turning files into articles.
#[derive(Debug, Clone)]
pub struct Options {
    /// IRI base for every identifier.
    pub base: Base,
    /// Largest file accepted, in bytes.
    pub max_size: u64,
    /// Known places, organizations, initiatives and people.
    pub gazetteer: std::sync::Arc<Gazetteer>,
    /// Where an article without a front-matter id or url gets its id.
    pub id_from: IdFrom,
    /// The id of the article read from stdin when its front matter gives none (default `stdin`).
    pub stdin_id: Option<String>,
    /// URL schemes accepted in links (url, image, author and publisher urls, logo) besides `http` and
    /// `https`, lowercase: `javascript:` or `file:` links must not reach a portal's pages by default.
    pub url_schemes: Vec<String>,
}

/// Where an article that names no id (front matter `id` or `url`) gets one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum IdFrom {
    /// The file name without its extension: `2024/a.txt` → `a`.
    #[default]
    Stem,
    /// The path as given without the extension, so that same-named files of different folders stay
    /// apart: `2024/a.txt` → `2024/a`.
    Path,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            base: Base::default(),
            max_size: read::DEFAULT_MAX_SIZE,
            gazetteer: std::sync::Arc::new(Gazetteer::builtin()),
            id_from: IdFrom::default(),
            stdin_id: None,
            url_schemes: Vec::new(),
        }
    }
}

/// An article with its text in parts and its metadata, before the stages that read the text for
/// language, quotes and entities ([`enrich_all`]).
pub struct Parsed {
    article: Article,
    /// The language the article gives for itself (front matter, the page's markup), if any.
    language: Option<String>,
}

/// Reads one file and turns it into an article. A WARC file holds many pages: see [`from_warc_page`].
pub fn from_file(path: &Path, opts: &Options) -> Result<Article> {
    parse_file(path, opts).map(|p| enrich(p, opts))
}

/// [`from_file`] up to the language, quote and entity stages.
pub fn parse_file(path: &Path, opts: &Options) -> Result<Parsed> {
    let bytes = read_file(path, opts)?;
    parse_bytes(path, &bytes, opts)
}

/// The bytes of a file that holds one article (not a WARC file).
fn read_file(path: &Path, opts: &Options) -> Result<Vec<u8>> {
    if crate::warc::is_warc(path) {
        return Err(Error::WarcNotOneArticle {
            path: path.to_owned(),
        });
    }
    read::read_bytes(path, opts.max_size)
}

/// One input of [`parse_all`]: a file, or a page of a WARC file.
pub enum Input<'a> {
    /// A file that holds one article.
    File(&'a Path),
    /// A page of the WARC file named first.
    Page(&'a Path, crate::warc::Page),
}

/// An input after [`parse_all`]'s first stage.
enum AfterRead<'a> {
    /// A file's bytes.
    Bytes(&'a Path, Vec<u8>),
    /// A WARC page, parsed whole (boxed: a page's article is far larger than a file's bytes).
    Parsed(Box<Parsed>),
}

/// An input after [`parse_all`]'s second stage.
enum AfterDecode<'a> {
    /// A text file's decoded text.
    Text(&'a Path, Decoded),
    /// An HTML page, parsed whole.
    Parsed(Parsed),
}

/// [`parse_file`] and [`parse_warc_page`] for many inputs, stage by stage (every file read, then every
/// text decoded, then every structure found) for the reason given at [`enrich_all`]. Errors, given or
/// met, stay in place.
pub fn parse_all(inputs: Vec<Result<Input>>, opts: &Options) -> Vec<Result<Parsed>> {
    let read: Vec<Result<AfterRead>> = inputs
        .into_iter()
        .map(|input| match input? {
            Input::File(path) => Ok(AfterRead::Bytes(path, read_file(path, opts)?)),
            Input::Page(file, page) => {
                parse_warc_page(file, &page, opts).map(|p| AfterRead::Parsed(Box::new(p)))
            }
        })
        .collect();
    let decoded: Vec<Result<AfterDecode>> = read
        .into_iter()
        .map(|read| match read? {
            AfterRead::Bytes(path, bytes) if html::is_html(path, &bytes) => {
                parse_html(path, &bytes, opts).map(AfterDecode::Parsed)
            }
            AfterRead::Bytes(path, bytes) => {
                Ok(AfterDecode::Text(path, read::decode(path, &bytes)?))
            }
            AfterRead::Parsed(p) => Ok(AfterDecode::Parsed(*p)),
        })
        .collect();
    decoded
        .into_iter()
        .map(|decoded| match decoded? {
            AfterDecode::Text(path, d) => from_decoded(path, d, opts),
            AfterDecode::Parsed(p) => Ok(p),
        })
        .collect()
}

/// Turns bytes (as read from `path`) into an article; the path names the file in errors and gives the id.
/// HTML pages are told by their extension or their first bytes; everything else is read as text.
pub fn from_bytes(path: &Path, bytes: &[u8], opts: &Options) -> Result<Article> {
    parse_bytes(path, bytes, opts).map(|p| enrich(p, opts))
}

/// [`from_bytes`] up to the language, quote and entity stages.
fn parse_bytes(path: &Path, bytes: &[u8], opts: &Options) -> Result<Parsed> {
    if html::is_html(path, bytes) {
        return parse_html(path, bytes, opts);
    }
    let decoded = read::decode(path, bytes)?;
    from_decoded(path, decoded, opts)
}

/// An HTML page's bytes as an article.
fn parse_html(path: &Path, bytes: &[u8], opts: &Options) -> Result<Parsed> {
    let page = html::read(path, bytes, None, None)?;
    from_page(path, page, fallback_id(path, opts), opts)
}

/// Turns a page of the WARC file `file` into an article: its target URI is its address (when the page
/// names no canonical one), the record is its provenance, and errors name the file and the record.
pub fn from_warc_page(file: &Path, page: &crate::warc::Page, opts: &Options) -> Result<Article> {
    parse_warc_page(file, page, opts).map(|p| enrich(p, opts))
}

/// [`from_warc_page`] up to the language, quote and entity stages.
pub fn parse_warc_page(file: &Path, page: &crate::warc::Page, opts: &Options) -> Result<Parsed> {
    let label = page.label(file);
    let mut p = html::read(
        &label,
        &page.body,
        page.content_type.as_deref(),
        Some(&page.target_uri),
    )?;
    p.source.file_name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    p.source.warc = Some(WarcRecord {
        record_id: page.record_id.clone(),
        target_uri: page.target_uri.clone(),
        date: page.date.clone(),
    });
    let fallback = format!("{}-record-{}", file_stem(file), page.number);
    from_page(&label, p, fallback, opts)
}

/// An HTML page as an article: the page's metadata first, then its `<h1>` or title, then the rules the
/// text readers use.
fn from_page(path: &Path, page: Page, fallback_id: String, opts: &Options) -> Result<Parsed> {
    let Page {
        source,
        meta: pm,
        structure: mut s,
        heading,
    } = page;
    let publisher_name = pm.publisher.as_ref().map(|p| p.name.as_str());
    let (headline, headline_rule) = match (&pm.headline, heading, &pm.title) {
        (Some(h), _, _) => (h.clone(), HeadlineRule::PageMetadata),
        (None, Some(h), _) => (h, HeadlineRule::HtmlHeading),
        (None, None, Some(t)) => (
            html::title_headline(t, publisher_name),
            HeadlineRule::HtmlHeading,
        ),
        (None, None, None) => choose_headline(path, &FrontMatter::default(), &mut s)?,
    };
    let mut warnings = Vec::new();
    let headline = capped_headline(headline, &mut warnings);
    let id = match given_id(path, opts) {
        Some(id) => id,
        None => pm.url.as_deref().map_or(fallback_id, url_id),
    };
    let meta = Metadata {
        url: pm.url,
        date_published: pm.date_published,
        date_modified: pm.date_modified,
        authors: pm.authors,
        publisher: pm.publisher,
        section: pm.section,
        image: pm.image.or(s.image.take()),
        keywords: pm.keywords,
        extra: Default::default(),
    };
    let article = Article {
        iri: opts.base.article(&id),
        id,
        source,
        language: String::new(),
        language_origin: Origin::Given,
        headline,
        headline_rule,
        caption: s.caption,
        lead: s.lead,
        related: s.related,
        sections: s.sections,
        meta,
        entities: Vec::new(),
        quotes: Vec::new(),
        warnings,
    };
    Ok(Parsed {
        article,
        language: pm.language,
    })
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Prepares what conversion builds on first use (the quote patterns, the language tables), so that it can
/// be done while the inputs are listed (and a gazetteer with `--gazetteer` files is built) instead of
/// while the first articles wait.
pub fn warm_up() {
    crate::quotes::warm_up();
    crate::lang::warm_up();
}

fn from_decoded(path: &Path, d: Decoded, opts: &Options) -> Result<Parsed> {
    let fm = &d.front;
    let mut s = match d.source.format {
        InputFormat::Text => structure::plain(&d.text, fm.headline.is_some()),
        InputFormat::Markdown => markdown::markdown(&d.text, fm.headline.as_deref()),
        // The text readers never give HTML (pages go through `from_page`); read as text if they did.
        InputFormat::Html => structure::plain(&d.text, fm.headline.is_some()),
    };
    check_links(path, fm, opts)?;
    let (headline, headline_rule) = choose_headline(path, fm, &mut s)?;
    let mut warnings = Vec::new();
    let headline = capped_headline(headline, &mut warnings);
    let id = article_id(path, fm, opts);
    let mut meta = metadata(fm);
    if let Some(img) = s.image.take() {
        match oxigraph::model::NamedNode::new(&img) {
            Ok(_) if !opts.allows(&img) => {
                meta.extra.insert("imagePath".into(), img);
            }
            Ok(_) if meta.image.is_none() => meta.image = Some(img),
            Ok(_) => {}
            Err(_) => {
                meta.extra.insert("imagePath".into(), img);
            }
        }
    }
    let article = Article {
        iri: opts.base.article(&id),
        id,
        source: d.source,
        language: String::new(),
        language_origin: Origin::Given,
        headline,
        headline_rule,
        caption: fm.caption.clone().or(s.caption),
        lead: s.lead,
        related: s.related,
        sections: s.sections,
        meta,
        entities: Vec::new(),
        quotes: Vec::new(),
        warnings,
    };
    Ok(Parsed {
        article,
        language: fm.language.clone(),
    })
}

/// The headline, cut to [`structure::HEADLINE_CHARS`] when longer (a token of megabytes without a
/// space, a runaway title), with a warning saying so.
fn capped_headline(headline: String, warnings: &mut Vec<String>) -> String {
    match structure::shorten(&headline, structure::HEADLINE_CHARS) {
        None => headline,
        Some(short) => {
            warnings.push(format!(
                "headline of {} characters cut to {}",
                headline.chars().count(),
                structure::HEADLINE_CHARS
            ));
            short
        }
    }
}

/// Refuses front matter links whose scheme is not allowed (see [`Options::url_schemes`]).
fn check_links(path: &Path, fm: &FrontMatter, opts: &Options) -> Result<()> {
    match fm.links.iter().find(|(_, v, _)| !opts.allows(v)) {
        Some((field, value, line)) => Err(Error::UrlScheme {
            path: path.to_owned(),
            line: *line,
            field,
            value: value.clone(),
            allowed: opts.allowed_schemes(),
        }),
        None => Ok(()),
    }
}

impl Options {
    /// Whether a link's scheme is `http`, `https` or one of [`Options::url_schemes`].
    pub fn allows(&self, link: &str) -> bool {
        let Some((scheme, _)) = link.split_once(':') else {
            return false;
        };
        ["http", "https"]
            .iter()
            .copied()
            .chain(self.url_schemes.iter().map(String::as_str))
            .any(|s| s.eq_ignore_ascii_case(scheme))
    }

    /// The allowed schemes as a list for messages: `http, https, ftp`.
    fn allowed_schemes(&self) -> String {
        let mut all = vec!["http".to_owned(), "https".to_owned()];
        all.extend(self.url_schemes.iter().cloned());
        all.join(", ")
    }
}

/// The stages after the structure: the language (given, else detected), quotes and entities.
fn enrich(parsed: Parsed, opts: &Options) -> Article {
    let mut article = with_language(parsed);
    let found = quotes::find(&article);
    entities::annotate(&mut article, found, &opts.gazetteer, &opts.base);
    article
}

/// [`enrich`] for many articles, stage by stage: every article's language, then every article's quotes,
/// then entities. Each stage's code is larger than the processor's first-level instruction cache; run
/// article by article, all of it was read in again for every article. Errors pass through in place.
pub fn enrich_all(parsed: Vec<Result<Parsed>>, opts: &Options) -> Vec<Result<Article>> {
    let mut articles: Vec<Result<Article>> =
        parsed.into_iter().map(|p| p.map(with_language)).collect();
    let found: Vec<Vec<quotes::Found>> = articles
        .iter()
        .map(|a| a.as_ref().map_or_else(|_| Vec::new(), quotes::find))
        .collect();
    let (mut ok, found): (Vec<&mut Article>, Vec<_>) = articles
        .iter_mut()
        .zip(found)
        .filter_map(|(a, found)| Some((a.as_mut().ok()?, found)))
        .unzip();
    entities::annotate_all(&mut ok, found, &opts.gazetteer, &opts.base);
    articles
}

/// The article with its language: the one it gives, else the one detected from its text.
fn with_language(parsed: Parsed) -> Article {
    let Parsed {
        mut article,
        language,
    } = parsed;
    (article.language, article.language_origin) = match language {
        Some(l) => (l, Origin::Given),
        None => (detect_language(&article), Origin::Detected),
    };
    article
}

/// Front matter's headline, else the structure's, else the kicker/first-sentence rule on the lead, else
/// the first body paragraph's first sentence.
fn choose_headline(
    path: &Path,
    fm: &FrontMatter,
    s: &mut Structure,
) -> Result<(String, HeadlineRule)> {
    if let Some(h) = &fm.headline {
        return Ok((h.clone(), HeadlineRule::FrontMatter));
    }
    if let Some(h) = s.headline.take() {
        return Ok(h);
    }
    if let Some(lead) = s.lead.take() {
        let (headline, rule, lead) = structure::headline_from_lead(&lead);
        s.lead = lead;
        return Ok((headline, rule));
    }
    let first = s
        .sections
        .iter()
        .flat_map(|sec| {
            sec.heading
                .iter()
                .chain(sec.paragraphs.iter().map(|p| &p.text))
        })
        .next()
        .ok_or_else(|| Error::NoText {
            path: path.to_owned(),
        })?;
    let (headline, _, _) = structure::headline_from_lead(first);
    Ok((headline, HeadlineRule::FirstSentence))
}

/// `--id` for stdin (the command line names that article), else front matter `id`, else `url`, else
/// [`fallback_id`].
fn article_id(path: &Path, fm: &FrontMatter, opts: &Options) -> String {
    given_id(path, opts)
        .or_else(|| fm.id.clone())
        .or_else(|| fm.url.as_ref().map(|u| url_id(u)))
        .unwrap_or_else(|| fallback_id(path, opts))
}

/// The id the command line gives the article read from stdin (`--id`).
fn given_id(path: &Path, opts: &Options) -> Option<String> {
    opts.stdin_id.clone().filter(|_| read::is_stdin(path))
}

/// The id of an article that names none: `--id` (or `stdin`) for stdin, else the file's stem or, with
/// `--id-from path`, its path as given without the extension.
fn fallback_id(path: &Path, opts: &Options) -> String {
    if read::is_stdin(path) {
        return opts.stdin_id.clone().unwrap_or_else(|| "stdin".to_owned());
    }
    match opts.id_from {
        IdFrom::Stem => file_stem(path),
        IdFrom::Path => path_id(path),
    }
}

/// `./2024/a.txt` → `2024/a`: the path's normal components joined by `/`, the extension dropped.
fn path_id(path: &Path) -> String {
    let parts: Vec<String> = path
        .with_extension("")
        .components()
        .filter_map(|c| match c {
            std::path::Component::Normal(p) => Some(p.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    parts.join("/")
}

/// An id from a URL: host and path without the scheme, so ids from different sites stay apart.
fn url_id(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.trim_end_matches('/').to_owned()
}

fn metadata(fm: &FrontMatter) -> Metadata {
    Metadata {
        url: fm.url.clone(),
        date_published: fm.date_published.clone(),
        date_modified: fm.date_modified.clone(),
        authors: fm.authors.clone(),
        publisher: fm.publisher.clone(),
        section: fm.section.clone(),
        image: fm.image.clone(),
        keywords: fm.keywords.clone(),
        extra: fm.extra.clone(),
    }
}

/// Detects the language of the headline and the body. Only their first [`lang::SAMPLE_CHARS`]
/// characters are looked at, so the body is joined only as far as those reach.
fn detect_language(a: &Article) -> String {
    // A char takes at most four bytes: this many bytes hold the sample whatever the text.
    let enough = 4 * (lang::SAMPLE_CHARS + 1);
    // Room for the sample and the part that crosses its end (paragraphs are short as a rule): the
    // string then grows rarely rather than four or five times an article.
    let mut text = String::with_capacity(enough + 1024);
    text.push_str(&a.headline);
    text.push('\n');
    for (i, part) in a.body_parts().enumerate() {
        if text.len() >= enough {
            break;
        }
        if i > 0 {
            text.push_str("\n\n");
        }
        text.push_str(part);
    }
    lang::detect(&text)
}
