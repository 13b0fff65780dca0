//! Article stage: combines the decoded text, its front matter and its structure into the article model,
//! then runs the quote and entity stages. Front matter wins over what the text suggests.

use std::path::Path;

use crate::entities::{self, Gazetteer};
use crate::error::{Error, Result};
use crate::frontmatter::FrontMatter;
use crate::ids::Base;
use crate::model::{Article, HeadlineRule, InputFormat, Metadata, Origin};
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
}

impl Default for Options {
    fn default() -> Self {
        Self {
            base: Base::default(),
            max_size: read::DEFAULT_MAX_SIZE,
            gazetteer: std::sync::Arc::new(Gazetteer::builtin()),
        }
    }
}

/// Reads one file and turns it into an article.
pub fn from_file(path: &Path, opts: &Options) -> Result<Article> {
    let decoded = read::read_file(path, opts.max_size)?;
    from_decoded(path, decoded, opts)
}

/// Turns bytes (as read from `path`) into an article; the path names the file in errors and gives the id.
pub fn from_bytes(path: &Path, bytes: &[u8], opts: &Options) -> Result<Article> {
    let decoded = read::decode(path, bytes)?;
    from_decoded(path, decoded, opts)
}

/// Prepares what conversion builds on first use (the quote patterns, the language tables), so that it can
/// be done on another core while the gazetteer is built instead of while the first articles wait.
pub fn warm_up() {
    crate::quotes::warm_up();
    crate::lang::warm_up();
}

fn from_decoded(path: &Path, d: Decoded, opts: &Options) -> Result<Article> {
    let fm = &d.front;
    let mut s = match d.source.format {
        InputFormat::Text => structure::plain(&d.text, fm.headline.is_some()),
        InputFormat::Markdown => markdown::markdown(&d.text, fm.headline.is_some()),
    };
    let (headline, headline_rule) = choose_headline(path, fm, &mut s)?;
    let id = article_id(path, fm);
    let mut meta = metadata(fm);
    if let Some(img) = s.image.take() {
        match oxigraph::model::NamedNode::new(&img) {
            Ok(_) if meta.image.is_none() => meta.image = Some(img),
            Ok(_) => {}
            Err(_) => {
                meta.extra.insert("imagePath".into(), img);
            }
        }
    }
    let mut article = Article {
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
    };
    (article.language, article.language_origin) = match &fm.language {
        Some(l) => (l.clone(), Origin::Given),
        None => (detect_language(&article), Origin::Detected),
    };
    let found = quotes::find(&article);
    entities::annotate(&mut article, found, &opts.gazetteer, &opts.base);
    Ok(article)
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

/// Front matter `id`, else `url`, else the file stem.
fn article_id(path: &Path, fm: &FrontMatter) -> String {
    fm.id
        .clone()
        .or_else(|| fm.url.as_ref().map(|u| url_id(u)))
        .unwrap_or_else(|| {
            path.file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        })
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
    let mut text = format!("{}\n", a.headline);
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
