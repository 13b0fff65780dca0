//! The page's own metadata: embedded JSON-LD (`NewsArticle`, `Article`, ... at the top, in arrays or in
//! `@graph`), microdata, OpenGraph and `article:*` properties, `<meta name>` tags, `<link
//! rel="canonical">`, `<html lang>` and `<time datetime>`. Each source fills what it states; earlier
//! sources win, in that order: what a publisher put in structured data is the most deliberate statement,
//! a bare `<time>` in the page the least.

use ego_tree::NodeRef;
use serde_json::Value;

use super::dom::{text_of, Dom, Node};

use crate::model::{Author, Publisher};

/// schema.org types that describe an article (the page's main entity).
const ARTICLE_TYPES: [&str; 10] = [
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "BlogPosting",
    "Report",
    "TechArticle",
];

/// What the page says about itself. Every field is optional; URLs are absolute (resolved against the
/// page's address) and dates are `YYYY-MM-DD` or RFC 3339.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMeta {
    /// The headline (JSON-LD `headline`, microdata, `og:title`).
    pub headline: Option<String>,
    /// The summary (`description`, `og:description`).
    pub description: Option<String>,
    /// The canonical address.
    pub url: Option<String>,
    /// Publication date.
    pub date_published: Option<String>,
    /// Modification date.
    pub date_modified: Option<String>,
    /// Authors in the order given.
    pub authors: Vec<Author>,
    /// The publisher (JSON-LD, microdata, else `og:site_name`).
    pub publisher: Option<Publisher>,
    /// The main image.
    pub image: Option<String>,
    /// The newspaper section.
    pub section: Option<String>,
    /// Keywords.
    pub keywords: Vec<String>,
    /// The language tag (`<html lang>`, JSON-LD `inLanguage`, `og:locale`).
    pub language: Option<String>,
    /// The document's `<title>`.
    pub title: Option<String>,
}

impl PageMeta {
    /// Fills what `self` lacks from `other`.
    fn or(mut self, other: PageMeta) -> PageMeta {
        fn fill<T>(a: &mut Option<T>, b: Option<T>) {
            if a.is_none() {
                *a = b;
            }
        }
        fill(&mut self.headline, other.headline);
        fill(&mut self.description, other.description);
        fill(&mut self.url, other.url);
        fill(&mut self.date_published, other.date_published);
        fill(&mut self.date_modified, other.date_modified);
        if self.authors.is_empty() {
            self.authors = other.authors;
        }
        match (&mut self.publisher, other.publisher) {
            (None, p) => self.publisher = p,
            (Some(mine), Some(p)) if mine.name == p.name => {
                fill(&mut mine.url, p.url);
                fill(&mut mine.logo, p.logo);
            }
            _ => {}
        }
        fill(&mut self.image, other.image);
        fill(&mut self.section, other.section);
        if self.keywords.is_empty() {
            self.keywords = other.keywords;
        }
        fill(&mut self.language, other.language);
        fill(&mut self.title, other.title);
        self
    }
}

/// Reads the page's metadata; `address` (a WARC target URI) resolves relative links when the page has no
/// canonical link of its own.
pub fn read(doc: &Dom, address: Option<&str>) -> PageMeta {
    let tags = Tags::collect(doc);
    let base = tags
        .canonical
        .as_deref()
        .and_then(|c| absolute(c, address))
        .or_else(|| tags.base_href.as_deref().and_then(|b| absolute(b, address)))
        .or_else(|| address.and_then(|a| absolute(a, None)));
    let base = base.as_deref();
    let from_json = tags
        .json_ld
        .iter()
        .filter_map(|text| serde_json::from_str::<Value>(text).ok())
        .find_map(|v| json_ld(&v, base))
        .unwrap_or_default();
    let from_microdata = microdata(doc, base);
    let from_tags = tags.meta(base);
    let mut meta = from_json.or(from_microdata).or(from_tags);
    // The canonical link states the page's own address; structured data often repeats it.
    if let Some(c) = tags.canonical.as_deref().and_then(|c| absolute(c, address)) {
        meta.url = Some(c);
    }
    if meta.url.is_none() {
        meta.url = address.and_then(|a| absolute(a, None));
    }
    meta
}

/// The `<head>` (and body) tags metadata comes from, gathered in one walk.
#[derive(Debug, Default)]
struct Tags {
    /// `(property or name, content)` of every `<meta>`, names lowercased.
    meta: Vec<(String, String)>,
    canonical: Option<String>,
    base_href: Option<String>,
    json_ld: Vec<String>,
    lang: Option<String>,
    title: Option<String>,
    /// The first `<time datetime>` of the body.
    time: Option<String>,
}

impl Tags {
    fn collect(doc: &Dom) -> Self {
        let mut t = Tags {
            lang: doc
                .root_element()
                .and_then(|r| r.value().as_element()?.attr("lang"))
                .map(str::to_owned),
            ..Tags::default()
        };
        for node in doc.tree.root().descendants() {
            let Some(el) = node.value().as_element() else {
                continue;
            };
            match el.name() {
                "meta" => {
                    let key = el
                        .attr("property")
                        .or_else(|| el.attr("name"))
                        .or_else(|| el.attr("http-equiv"));
                    if let (Some(k), Some(v)) = (key, el.attr("content")) {
                        t.meta
                            .push((k.trim().to_ascii_lowercase(), v.trim().to_owned()));
                    }
                }
                "link" => {
                    let rel = el.attr("rel").unwrap_or("").to_ascii_lowercase();
                    if rel.split_whitespace().any(|r| r == "canonical") && t.canonical.is_none() {
                        t.canonical = el.attr("href").map(|h| h.trim().to_owned());
                    }
                }
                "base" if t.base_href.is_none() => {
                    t.base_href = el.attr("href").map(|h| h.trim().to_owned());
                }
                "script" => {
                    let ty = el.attr("type").unwrap_or("").trim().to_ascii_lowercase();
                    if ty == "application/ld+json" {
                        t.json_ld.push(text_of(node));
                    }
                }
                "title" if t.title.is_none() => t.title = Some(collapse(&text_of(node))),
                "time" if t.time.is_none() => t.time = el.attr("datetime").map(str::to_owned),
                _ => {}
            }
        }
        t
    }

    /// The first content of these meta names or properties.
    fn first(&self, keys: &[&str]) -> Option<String> {
        keys.iter().find_map(|k| {
            self.meta
                .iter()
                .find(|(name, v)| name == k && !v.is_empty())
                .map(|(_, v)| v.clone())
        })
    }

    fn all<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.meta
            .iter()
            .filter(move |(name, _)| name == key)
            .map(|(_, v)| v.as_str())
    }

    /// OpenGraph, `article:*`, Dublin Core and plain `<meta name>` tags, the language and `<time>`.
    fn meta(&self, base: Option<&str>) -> PageMeta {
        let date = |keys: &[&str]| {
            keys.iter()
                .filter_map(|k| self.first(&[k]))
                .find_map(|d| normalize_date(&d))
        };
        let mut authors: Vec<Author> = self
            .all("author")
            .flat_map(split_names)
            .map(Author::named)
            .collect();
        if authors.is_empty() {
            // `article:author` holds a profile URL or a name.
            authors = self
                .all("article:author")
                .filter(|v| !v.contains("://"))
                .flat_map(split_names)
                .map(Author::named)
                .collect();
        }
        let mut keywords: Vec<String> = self.all("article:tag").map(str::to_owned).collect();
        if keywords.is_empty() {
            keywords = self
                .first(&["news_keywords", "keywords"])
                .map(|k| split_list(&k))
                .unwrap_or_default();
        }
        PageMeta {
            headline: self
                .first(&["og:title", "twitter:title"])
                .map(|t| collapse(&t)),
            description: self
                .first(&["description", "og:description", "twitter:description"])
                .map(|t| collapse(&t)),
            url: self.first(&["og:url"]).and_then(|u| absolute(&u, base)),
            date_published: date(&[
                "article:published_time",
                "date",
                "pubdate",
                "publishdate",
                "publish-date",
                "dcterms.date",
                "dcterms.issued",
                "dc.date.issued",
                "dc.date",
                "sailthru.date",
            ])
            .or_else(|| self.time.as_deref().and_then(normalize_date)),
            date_modified: date(&[
                "article:modified_time",
                "og:updated_time",
                "dcterms.modified",
            ]),
            authors,
            publisher: self.first(&["og:site_name"]).map(Publisher::named),
            image: self
                .first(&["og:image", "og:image:url", "twitter:image"])
                .and_then(|u| absolute(&u, base)),
            section: self.first(&["article:section"]),
            keywords,
            language: self
                .lang
                .as_deref()
                .and_then(crate::frontmatter::language_tag)
                .or_else(|| {
                    self.first(&["content-language", "og:locale", "dc.language"])
                        .and_then(|l| crate::frontmatter::language_tag(&l))
                }),
            title: self.title.clone().filter(|t| !t.is_empty()),
        }
    }
}

/// The article node of a JSON-LD document (top level, array or `@graph`), read into metadata; other
/// nodes of the graph are looked up when the article refers to them by `@id`.
fn json_ld(doc: &Value, base: Option<&str>) -> Option<PageMeta> {
    let mut nodes = Vec::new();
    collect_nodes(doc, &mut nodes, 0);
    let article = nodes.iter().find(|n| has_type(n, &ARTICLE_TYPES))?;
    let lookup = |v: &Value| -> Value {
        match v.get("@id").and_then(Value::as_str) {
            Some(id) if v.as_object().is_some_and(|o| o.len() == 1) => nodes
                .iter()
                .find(|n| n.get("@id").and_then(Value::as_str) == Some(id))
                .map(|n| (*n).clone())
                .unwrap_or_else(|| v.clone()),
            _ => v.clone(),
        }
    };
    let text = |key: &str| article.get(key).and_then(first_text).map(|t| collapse(&t));
    let authors = values(article.get("author"))
        .map(&lookup)
        .filter(|a| !has_type(a, &["Organization", "NewsMediaOrganization"]))
        .filter_map(|a| match &a {
            Value::String(s) => Some(Author::named(collapse(s))),
            Value::Object(_) => Some(Author {
                name: a.get("name").and_then(first_text).map(|n| collapse(&n))?,
                url: a
                    .get("url")
                    .and_then(first_text)
                    .and_then(|u| absolute(&u, base)),
            }),
            _ => None,
        })
        .filter(|a| !a.name.is_empty())
        .collect();
    let publisher = values(article.get("publisher"))
        .map(&lookup)
        .find_map(|p| match &p {
            Value::String(s) => Some(Publisher::named(collapse(s))),
            Value::Object(_) => Some(Publisher {
                name: p.get("name").and_then(first_text).map(|n| collapse(&n))?,
                url: p
                    .get("url")
                    .and_then(first_text)
                    .and_then(|u| absolute(&u, base)),
                logo: p
                    .get("logo")
                    .map(&lookup)
                    .and_then(|l| image_url(&l))
                    .and_then(|u| absolute(&u, base)),
            }),
            _ => None,
        });
    let keywords = values(article.get("keywords"))
        .filter_map(|k| k.as_str().map(split_list))
        .flatten()
        .collect();
    let url = article
        .get("url")
        .and_then(first_text)
        .or_else(|| {
            article.get("mainEntityOfPage").and_then(|m| {
                m.as_str()
                    .map(str::to_owned)
                    .or_else(|| m.get("@id").and_then(first_text))
            })
        })
        .and_then(|u| absolute(&u, base));
    Some(PageMeta {
        headline: text("headline").or_else(|| text("name")),
        description: text("description"),
        url,
        date_published: text("datePublished").and_then(|d| normalize_date(&d)),
        date_modified: text("dateModified").and_then(|d| normalize_date(&d)),
        authors,
        publisher,
        image: values(article.get("image"))
            .map(&lookup)
            .find_map(|i| image_url(&i))
            .and_then(|u| absolute(&u, base)),
        section: text("articleSection"),
        keywords,
        language: text("inLanguage").and_then(|l| crate::frontmatter::language_tag(&l)),
        title: None,
    })
}

/// Every object of a JSON-LD document: the top, array items and `@graph` members (nested a few levels).
fn collect_nodes<'v>(v: &'v Value, out: &mut Vec<&'v Value>, depth: usize) {
    if depth > 4 {
        return;
    }
    match v {
        Value::Array(items) => items.iter().for_each(|i| collect_nodes(i, out, depth + 1)),
        Value::Object(o) => {
            out.push(v);
            if let Some(g) = o.get("@graph") {
                collect_nodes(g, out, depth + 1);
            }
        }
        _ => {}
    }
}

fn has_type(v: &Value, types: &[&str]) -> bool {
    values(v.get("@type")).any(|t| {
        t.as_str().is_some_and(|t| {
            let t = t.rsplit(['/', ':']).next().unwrap_or(t);
            types.contains(&t)
        })
    })
}

/// A property's values: one value, or each item of an array.
fn values(v: Option<&Value>) -> Box<dyn Iterator<Item = &Value> + '_> {
    match v {
        None | Some(Value::Null) => Box::new(std::iter::empty()),
        Some(Value::Array(items)) => Box::new(items.iter()),
        Some(v) => Box::new(std::iter::once(v)),
    }
}

/// A string value (the first of an array; a language-tagged `@value` object's value).
fn first_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => items.iter().find_map(first_text),
        Value::Object(o) => o.get("@value").and_then(first_text),
        _ => None,
    }
}

/// An image given as a URL or as an `ImageObject` with `url` or `contentUrl`.
fn image_url(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_owned()),
        Value::Object(o) => o
            .get("url")
            .or_else(|| o.get("contentUrl"))
            .and_then(first_text),
        Value::Array(items) => items.iter().find_map(image_url),
        _ => None,
    }
}

/// Microdata of the first article item (`itemscope` with an article `itemtype`).
fn microdata(doc: &Dom, base: Option<&str>) -> PageMeta {
    let Some(scope) = doc.tree.root().descendants().find(|n| {
        n.value().as_element().is_some_and(|e| {
            e.attr("itemscope").is_some()
                && e.attr("itemtype")
                    .is_some_and(|t| ARTICLE_TYPES.iter().any(|a| t.ends_with(&format!("/{a}"))))
        })
    }) else {
        return PageMeta::default();
    };
    let mut m = PageMeta::default();
    for e in scope.descendants().skip(1) {
        let Some(props) = e.value().as_element().and_then(|el| el.attr("itemprop")) else {
            continue;
        };
        if !owned_by(e, scope) {
            continue;
        }
        for prop in props.split_whitespace() {
            match prop {
                "headline" if m.headline.is_none() => m.headline = Some(item_value(e)),
                "description" if m.description.is_none() => m.description = Some(item_value(e)),
                "datePublished" if m.date_published.is_none() => {
                    m.date_published = normalize_date(&item_value(e))
                }
                "dateModified" if m.date_modified.is_none() => {
                    m.date_modified = normalize_date(&item_value(e))
                }
                "articleSection" if m.section.is_none() => m.section = Some(item_value(e)),
                "keywords" if m.keywords.is_empty() => m.keywords = split_list(&item_value(e)),
                "image" if m.image.is_none() => {
                    m.image = nested(e, "url")
                        .or_else(|| Some(item_value(e)))
                        .and_then(|u| absolute(&u, base))
                }
                "url" | "mainEntityOfPage" if m.url.is_none() => {
                    m.url = absolute(&item_value(e), base)
                }
                "author" => {
                    let name = nested(e, "name").or_else(|| (!is_item(e)).then(|| item_value(e)));
                    if let Some(name) = name.filter(|n| !n.is_empty()) {
                        let url = nested(e, "url").and_then(|u| absolute(&u, base));
                        m.authors.push(Author { name, url });
                    }
                }
                "publisher" if m.publisher.is_none() => {
                    let name = nested(e, "name").or_else(|| (!is_item(e)).then(|| item_value(e)));
                    m.publisher = name.filter(|n| !n.is_empty()).map(|name| Publisher {
                        name,
                        url: nested(e, "url").and_then(|u| absolute(&u, base)),
                        logo: nested(e, "logo").and_then(|u| absolute(&u, base)),
                    });
                }
                _ => {}
            }
        }
    }
    m
}

/// Whether the element starts an item (`itemscope`).
fn is_item(e: NodeRef<'_, Node>) -> bool {
    e.value()
        .as_element()
        .is_some_and(|el| el.attr("itemscope").is_some())
}

/// Whether the property element belongs to `scope` itself, not to an item nested inside it.
fn owned_by(e: NodeRef<'_, Node>, scope: NodeRef<'_, Node>) -> bool {
    let mut node = e.parent();
    while let Some(n) = node {
        if n.id() == scope.id() {
            return true;
        }
        if is_item(n) {
            return false;
        }
        node = n.parent();
    }
    false
}

/// The value of the nested item's property `prop` (an `author` item's `name`, ...).
fn nested(item: NodeRef<'_, Node>, prop: &str) -> Option<String> {
    if !is_item(item) {
        return None;
    }
    item.descendants()
        .skip(1)
        .find(|e| {
            e.value()
                .as_element()
                .and_then(|el| el.attr("itemprop"))
                .is_some_and(|p| p.split_whitespace().any(|p| p == prop))
                && owned_by(*e, item)
        })
        .map(|e| {
            if prop == "logo" || prop == "image" {
                nested(e, "url").unwrap_or_else(|| item_value(e))
            } else {
                item_value(e)
            }
        })
}

/// A microdata property's value, as the microdata specification reads it from each element.
fn item_value(e: NodeRef<'_, Node>) -> String {
    let Some(el) = e.value().as_element() else {
        return String::new();
    };
    let attr = match el.name() {
        "meta" => el.attr("content"),
        "time" => el.attr("datetime"),
        "a" | "link" | "area" => el.attr("href"),
        "img" | "audio" | "video" | "source" | "embed" | "iframe" => el.attr("src"),
        "data" | "meter" => el.attr("value"),
        _ => el.attr("content"),
    };
    match attr {
        Some(v) => v.trim().to_owned(),
        None => collapse(&text_of(e)),
    }
}

/// `YYYY-MM-DD` or an RFC 3339 date-time, as the rest of newsgraph takes them; a date-time without an
/// offset keeps its date only (its time zone is unknown).
pub fn normalize_date(v: &str) -> Option<String> {
    let v = v.trim();
    // `+0100` offsets (common in `article:published_time`): RFC 3339 and xsd:dateTime write `+01:00`.
    if let Some(fixed) = fix_offset(v) {
        if crate::frontmatter::is_valid_date(&fixed) {
            return Some(fixed);
        }
    }
    if crate::frontmatter::is_valid_date(v) {
        return Some(v.to_owned());
    }
    let date = v.get(..10)?;
    (crate::frontmatter::is_valid_date(date) && v.len() >= 10).then(|| date.to_owned())
}

fn fix_offset(v: &str) -> Option<String> {
    let (head, tail) = v.split_at(v.len().checked_sub(5)?);
    let b = tail.as_bytes();
    ((b[0] == b'+' || b[0] == b'-') && b[1..].iter().all(u8::is_ascii_digit))
        .then(|| format!("{head}{}:{}", &tail[..3], &tail[3..]))
}

/// An absolute IRI for `link`, resolved against `base` when relative; `None` when it cannot be one.
pub fn absolute(link: &str, base: Option<&str>) -> Option<String> {
    let link = link.trim();
    if link.is_empty() || link.starts_with("data:") || link.starts_with("javascript:") {
        return None;
    }
    let resolved = match oxiri::Iri::parse(link) {
        Ok(iri) => iri.into_inner().to_owned(),
        Err(_) => {
            let base = oxiri::Iri::parse(base?).ok()?;
            base.resolve(link).ok()?.into_inner()
        }
    };
    let ok = oxigraph::model::NamedNode::new(resolved.as_str()).is_ok()
        && (resolved.starts_with("http://") || resolved.starts_with("https://"));
    ok.then_some(resolved)
}

/// Whitespace runs as single spaces, trimmed.
pub fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// A comma-separated list, trimmed, without empty items.
fn split_list(v: &str) -> Vec<String> {
    v.split(',')
        .map(collapse)
        .filter(|k| !k.is_empty())
        .collect()
}

/// Names joined in one byline (`Anna Berg och Bo Ek`, `Jane Smith and John Doe`, commas).
fn split_names(v: &str) -> Vec<String> {
    let v = v
        .replace(" och ", ",")
        .replace(" and ", ",")
        .replace(" & ", ",");
    split_list(&v)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r##"<!doctype html><html lang="sv-SE"><head>
<title>Ny skola i Hjällbo | Exempelstad</title>
<link rel="canonical" href="/nyheter/ny-skola">
<meta property="og:title" content="OG-rubrik">
<meta property="og:site_name" content="Exempelstad">
<meta property="og:image" content="/bild.jpg">
<meta property="article:published_time" content="2024-03-05T09:00:00+0100">
<meta property="article:tag" content="skola"><meta property="article:tag" content="bygg">
<meta name="author" content="Anna Berg och Bo Ek">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
 {"@type":"WebPage","@id":"https://ex.se/nyheter/ny-skola"},
 {"@type":"NewsArticle","headline":"Ny skola i Hjällbo","datePublished":"2024-03-05",
  "author":[{"@type":"Person","name":"Anna Berg","url":"/personal/anna"}],
  "publisher":{"@id":"#org"}},
 {"@type":"NewsMediaOrganization","@id":"#org","name":"Exempelstad","logo":{"@type":"ImageObject","url":"https://ex.se/logo.png"}}]}
</script></head><body><time datetime="2020-01-01">1 jan</time></body></html>"##;

    #[test]
    fn json_ld_wins_and_tags_fill_the_rest() {
        let doc = Dom::parse(PAGE);
        let m = read(&doc, Some("https://ex.se/x"));
        assert_eq!(m.headline.as_deref(), Some("Ny skola i Hjällbo"));
        assert_eq!(m.url.as_deref(), Some("https://ex.se/nyheter/ny-skola"));
        assert_eq!(m.date_published.as_deref(), Some("2024-03-05"));
        assert_eq!(
            m.authors,
            [Author {
                name: "Anna Berg".into(),
                url: Some("https://ex.se/personal/anna".into())
            }]
        );
        let p = m.publisher.unwrap();
        assert_eq!(
            (p.name.as_str(), p.logo.as_deref()),
            ("Exempelstad", Some("https://ex.se/logo.png"))
        );
        assert_eq!(m.image.as_deref(), Some("https://ex.se/bild.jpg"));
        assert_eq!(m.keywords, ["skola", "bygg"]);
        assert_eq!(m.language.as_deref(), Some("sv-SE"));
    }

    #[test]
    fn tags_alone_give_metadata() {
        let page = PAGE.replace("application/ld+json", "text/plain");
        let m = read(&Dom::parse(&page), None);
        assert_eq!(m.headline.as_deref(), Some("OG-rubrik"));
        assert_eq!(
            m.date_published.as_deref(),
            Some("2024-03-05T09:00:00+01:00")
        );
        let names: Vec<_> = m.authors.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["Anna Berg", "Bo Ek"]);
        // No address to resolve against: relative links are dropped, not guessed.
        assert_eq!(m.url, None);
    }

    #[test]
    fn microdata_is_read() {
        let page = r#"<div itemscope itemtype="https://schema.org/NewsArticle">
<h1 itemprop="headline">Rubrik</h1><time itemprop="datePublished" datetime="2023-11-02">2 nov</time>
<span itemprop="author" itemscope itemtype="https://schema.org/Person"><a itemprop="url" href="https://ex.se/p/k"><span itemprop="name">Karin Ek</span></a></span>
</div>"#;
        let m = read(&Dom::parse(page), None);
        assert_eq!(m.headline.as_deref(), Some("Rubrik"));
        assert_eq!(m.date_published.as_deref(), Some("2023-11-02"));
        assert_eq!(m.authors[0].name, "Karin Ek");
        assert_eq!(m.authors[0].url.as_deref(), Some("https://ex.se/p/k"));
    }

    #[test]
    fn dates_are_normalized_or_dropped() {
        assert_eq!(
            normalize_date("2024-03-05T10:00:00").as_deref(),
            Some("2024-03-05")
        );
        assert_eq!(
            normalize_date("2024-03-05T10:00:00Z").as_deref(),
            Some("2024-03-05T10:00:00Z")
        );
        assert_eq!(normalize_date("5 mars 2024"), None);
        assert_eq!(normalize_date("2023-02-30"), None);
    }
}
