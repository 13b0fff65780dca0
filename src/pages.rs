//! Pages of the things the store names: what `serve` answers at an entity's or an article's IRI.
//!
//! Linked data promises that an IRI, looked up, says what it names. An entity's page is read from the
//! merge (the store's default graph, each statement once): its name, types, `sameAs` links, job titles
//! and employers, and the articles that mention it, newest first, each with the quotes the entity said
//! in it. An article's page is its own graph: what that article said. Machines get the same statements
//! as RDF ([`Page::triples`]); people get [`Page::html`].
//!
//! Everything is read with direct pattern lookups, not SPARQL: a page costs a few index reads per
//! article listed, however large the store.

use std::fmt::Write as _;
use std::path::Path;

use oxigraph::model::vocab::rdf;
use oxigraph::model::{GraphNameRef, NamedNode, NamedNodeRef, Term, TermRef, Triple};
use oxigraph::store::Store;

use crate::emit::graph::SCHEMA;
use crate::error::Result;
use crate::store::{index, storage_error};

/// Articles listed on an entity's page (the newest).
pub const MAX_ARTICLES: usize = 100;
/// `schema:mentions` statements given with an entity's RDF (the newest articles' first).
pub const MAX_MENTIONS: usize = 1000;

/// What the store says about one IRI.
#[derive(Debug)]
pub struct Page {
    pub iri: NamedNode,
    /// `schema:name`, or an article's headline.
    pub name: Option<String>,
    /// Types, as local names of schema.org (`Person`) or full IRIs.
    pub types: Vec<String>,
    pub same_as: Vec<String>,
    pub job_titles: Vec<String>,
    /// Employers (`worksFor`): IRI and name.
    pub works_for: Vec<Link>,
    /// For an entity: the newest articles that mention it, with its quotes in each.
    pub mentioned_in: Vec<Mention>,
    /// Articles that mention it in all.
    pub mention_count: usize,
    /// For an article: what it is, what it names and who it quotes.
    pub article: Option<ArticleFacts>,
    /// The statements given to machines.
    pub triples: Vec<Triple>,
}

/// An IRI and its name (the IRI when it has none).
#[derive(Debug, Clone)]
pub struct Link {
    pub iri: String,
    pub name: String,
}

/// An article that mentions an entity.
#[derive(Debug)]
pub struct Mention {
    pub article: Link,
    pub date: String,
    /// What the entity said in it.
    pub quotes: Vec<String>,
}

/// An article's own facts.
#[derive(Debug, Default)]
pub struct ArticleFacts {
    pub date: String,
    pub language: String,
    pub description: String,
    pub url: Option<String>,
    pub mentions: Vec<Link>,
    /// Quotes in order: text and speaker.
    pub quotes: Vec<(String, Option<Link>)>,
}

fn schema(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{SCHEMA}{local}"))
}

/// Reads the store; `path` names it in read errors.
struct Reader<'a> {
    st: &'a Store,
    path: &'a Path,
}

impl Reader<'_> {
    /// Objects of `subject predicate ?o` in `graph`.
    fn objects(
        &self,
        subject: NamedNodeRef<'_>,
        predicate: &NamedNode,
        graph: GraphNameRef<'_>,
    ) -> Result<Vec<Term>> {
        self.st
            .quads_for_pattern(
                Some(subject.into()),
                Some(predicate.as_ref()),
                None,
                Some(graph),
            )
            .map(|q| {
                q.map(|q| q.object)
                    .map_err(|e| storage_error(self.path, &e))
            })
            .collect()
    }

    /// Subjects of `?s predicate object` in the merge.
    fn subjects(&self, predicate: &NamedNode, object: TermRef<'_>) -> Result<Vec<NamedNode>> {
        let mut out = Vec::new();
        for q in self.st.quads_for_pattern(
            None,
            Some(predicate.as_ref()),
            Some(object),
            Some(GraphNameRef::DefaultGraph),
        ) {
            if let oxigraph::model::NamedOrBlankNode::NamedNode(n) =
                q.map_err(|e| storage_error(self.path, &e))?.subject
            {
                out.push(n);
            }
        }
        Ok(out)
    }

    /// The first literal value of `subject predicate ?o` in the merge.
    fn literal(&self, subject: NamedNodeRef<'_>, predicate: &NamedNode) -> Result<Option<String>> {
        Ok(self
            .objects(subject, predicate, GraphNameRef::DefaultGraph)?
            .into_iter()
            .find_map(|t| match t {
                Term::Literal(l) => Some(l.value().to_owned()),
                _ => None,
            }))
    }

    /// An IRI with its name (or headline).
    fn link(&self, iri: &NamedNode) -> Result<Link> {
        let name = match self.literal(iri.as_ref(), &schema("name"))? {
            Some(n) => Some(n),
            None => self.literal(iri.as_ref(), &schema("headline"))?,
        };
        Ok(Link {
            iri: iri.as_str().to_owned(),
            name: name.unwrap_or_else(|| iri.as_str().to_owned()),
        })
    }
}

fn texts(terms: Vec<Term>) -> Vec<String> {
    let mut v: Vec<String> = terms
        .into_iter()
        .map(|t| match t {
            Term::Literal(l) => l.value().to_owned(),
            Term::NamedNode(n) => n.into_string(),
            other => other.to_string(),
        })
        .collect();
    v.sort();
    v.dedup();
    v
}

fn iris(terms: Vec<Term>) -> Vec<NamedNode> {
    terms
        .into_iter()
        .filter_map(|t| match t {
            Term::NamedNode(n) => Some(n),
            _ => None,
        })
        .collect()
}

/// The page of `iri`, or `None` when the store says nothing about it.
pub fn describe(st: &Store, path: &Path, iri: &NamedNode) -> Result<Option<Page>> {
    let r = Reader { st, path };
    let about: Vec<Triple> = st
        .quads_for_pattern(
            Some(iri.as_ref().into()),
            None,
            None,
            Some(GraphNameRef::DefaultGraph),
        )
        .map(|q| q.map(Triple::from).map_err(|e| storage_error(path, &e)))
        .collect::<Result<_>>()?;
    if about.is_empty() {
        return Ok(None);
    }
    let types: Vec<String> = about
        .iter()
        .filter(|t| t.predicate == rdf::TYPE)
        .filter_map(|t| match &t.object {
            Term::NamedNode(n) => Some(
                n.as_str()
                    .strip_prefix(SCHEMA)
                    .unwrap_or(n.as_str())
                    .to_owned(),
            ),
            _ => None,
        })
        .collect();
    let is_article = types.iter().any(|t| t == "NewsArticle" || t == "Article");
    let merge = GraphNameRef::DefaultGraph;
    let mut page = Page {
        iri: iri.clone(),
        name: r
            .link(iri)
            .ok()
            .map(|l| l.name)
            .filter(|n| n != iri.as_str()),
        types,
        same_as: texts(r.objects(iri.as_ref(), &schema("sameAs"), merge)?),
        job_titles: texts(r.objects(iri.as_ref(), &schema("jobTitle"), merge)?),
        works_for: Vec::new(),
        mentioned_in: Vec::new(),
        mention_count: 0,
        article: None,
        triples: Vec::new(),
    };
    for employer in iris(r.objects(iri.as_ref(), &schema("worksFor"), merge)?) {
        page.works_for.push(r.link(&employer)?);
    }
    if is_article {
        article_page(&r, &mut page)?;
    } else {
        entity_page(&r, &mut page, about)?;
    }
    Ok(Some(page))
}

/// An entity: its description and the newest articles that mention it.
fn entity_page(r: &Reader<'_>, page: &mut Page, about: Vec<Triple>) -> Result<()> {
    let iri = page.iri.clone();
    let published = NamedNode::new_unchecked(index::PUBLISHED);
    let index_graph = NamedNode::new_unchecked(index::GRAPH);
    let mut articles: Vec<(String, NamedNode)> = Vec::new();
    for article in r.subjects(&schema("mentions"), iri.as_ref().into())? {
        let date = r
            .objects(article.as_ref(), &published, index_graph.as_ref().into())?
            .into_iter()
            .find_map(|t| match t {
                Term::Literal(l) => Some(l.value().to_owned()),
                _ => None,
            })
            .unwrap_or_default();
        articles.push((date, article));
    }
    articles.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    page.mention_count = articles.len();
    // What it said: its quotes, by the article that holds them.
    let mut quotes: Vec<(NamedNode, i64, String)> = Vec::new();
    for quote in r.subjects(&schema("creator"), iri.as_ref().into())? {
        let Some(text) = r.literal(quote.as_ref(), &schema("text"))? else {
            continue;
        };
        let position = r
            .literal(quote.as_ref(), &schema("position"))?
            .and_then(|p| p.parse().ok())
            .unwrap_or(0);
        for article in r.subjects(&schema("hasPart"), quote.as_ref().into())? {
            quotes.push((article, position, text.clone()));
        }
    }
    quotes.sort_by_key(|q| q.1);
    for (date, article) in articles.iter().take(MAX_ARTICLES) {
        page.mentioned_in.push(Mention {
            article: r.link(article)?,
            date: date.clone(),
            quotes: quotes
                .iter()
                .filter(|q| &q.0 == article)
                .map(|q| q.2.clone())
                .collect(),
        });
    }
    page.triples = about;
    page.triples.extend(
        articles
            .iter()
            .take(MAX_MENTIONS)
            .map(|(_, a)| Triple::new(a.clone(), schema("mentions"), iri.clone())),
    );
    Ok(())
}

/// An article: its own graph, what it names and whom it quotes.
fn article_page(r: &Reader<'_>, page: &mut Page) -> Result<()> {
    let iri = page.iri.clone();
    let graph = GraphNameRef::NamedNode(iri.as_ref());
    page.triples =
        r.st.quads_for_pattern(None, None, None, Some(graph))
            .map(|q| q.map(Triple::from).map_err(|e| storage_error(r.path, &e)))
            .collect::<Result<_>>()?;
    let one = |p: &str| -> Result<String> {
        Ok(r.literal(iri.as_ref(), &schema(p))?.unwrap_or_default())
    };
    let mut facts = ArticleFacts {
        date: one("datePublished")?,
        language: one("inLanguage")?,
        description: one("description")?,
        url: r
            .objects(iri.as_ref(), &schema("url"), GraphNameRef::DefaultGraph)?
            .into_iter()
            .find_map(|t| match t {
                Term::NamedNode(n) => Some(n.into_string()),
                Term::Literal(l) => Some(l.value().to_owned()),
                _ => None,
            }),
        ..ArticleFacts::default()
    };
    for entity in iris(r.objects(iri.as_ref(), &schema("mentions"), graph)?) {
        facts.mentions.push(r.link(&entity)?);
    }
    facts.mentions.sort_by(|a, b| a.name.cmp(&b.name));
    let mut quotes = Vec::new();
    for part in iris(r.objects(iri.as_ref(), &schema("hasPart"), graph)?) {
        let kinds = iris(r.objects(part.as_ref(), &rdf::TYPE.into_owned(), graph)?);
        if !kinds
            .iter()
            .any(|k| k.as_str() == format!("{SCHEMA}Quotation"))
        {
            continue;
        }
        let text = r
            .literal(part.as_ref(), &schema("text"))?
            .unwrap_or_default();
        let position: i64 = r
            .literal(part.as_ref(), &schema("position"))?
            .and_then(|p| p.parse().ok())
            .unwrap_or(0);
        let speaker = match iris(r.objects(part.as_ref(), &schema("creator"), graph)?).first() {
            Some(s) => Some(r.link(s)?),
            None => None,
        };
        quotes.push((position, text, speaker));
    }
    quotes.sort_by_key(|q| q.0);
    facts.quotes = quotes.into_iter().map(|(_, t, s)| (t, s)).collect();
    page.article = Some(facts);
    Ok(())
}

/// Text made safe inside HTML elements and double-quoted attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The style of the server's pages.
pub const STYLE: &str = "body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;color:#222}\
a{color:#0645ad}blockquote{margin:.3rem 0 .3rem 1rem;padding-left:.7rem;border-left:3px solid #ccc;color:#444}\
dt{font-weight:600}dd{margin:0 0 .5rem 1rem}.type{color:#666;font-size:.9rem}li{margin:.3rem 0}\
footer{margin-top:2rem;font-size:.85rem;color:#666}";

impl Page {
    /// The page as HTML; `href` gives the link of an IRI (a path on this server for IRIs it serves,
    /// `None` for IRIs that are not to be followed, which are shown as text).
    pub fn html(&self, href: &dyn Fn(&str) -> Option<String>) -> String {
        let link = |iri: &str, text: &str| match href(iri) {
            Some(h) => format!("<a href=\"{}\">{}</a>", escape(&h), escape(text)),
            None => escape(text),
        };
        let title = self.name.as_deref().unwrap_or(self.iri.as_str());
        let mut h = String::new();
        let _ = write!(
            h,
            "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">\
             <title>{}</title><style>{STYLE}</style></head><body>\n<p><a href=\"/\">newsgraph</a></p>\n\
             <h1>{}</h1>\n<p class=\"type\">{} · <code>{}</code></p>\n<dl>\n",
            escape(title),
            escape(title),
            escape(&self.types.join(", ")),
            escape(self.iri.as_str()),
        );
        if !self.job_titles.is_empty() {
            let _ = writeln!(
                h,
                "<dt>Job titles</dt><dd>{}</dd>",
                escape(&self.job_titles.join(", "))
            );
        }
        if !self.works_for.is_empty() {
            let items: Vec<String> = self
                .works_for
                .iter()
                .map(|l| link(&l.iri, &l.name))
                .collect();
            let _ = writeln!(h, "<dt>Works for</dt><dd>{}</dd>", items.join(", "));
        }
        if !self.same_as.is_empty() {
            let items: Vec<String> = self.same_as.iter().map(|s| link(s, s)).collect();
            let _ = writeln!(h, "<dt>Same as</dt><dd>{}</dd>", items.join("<br>"));
        }
        if let Some(a) = &self.article {
            for (label, value) in [
                ("Published", &a.date),
                ("Language", &a.language),
                ("Description", &a.description),
            ] {
                if !value.is_empty() {
                    let _ = writeln!(h, "<dt>{label}</dt><dd>{}</dd>", escape(value));
                }
            }
            if let Some(url) = &a.url {
                let _ = writeln!(h, "<dt>Original</dt><dd>{}</dd>", link(url, url));
            }
        }
        h.push_str("</dl>\n");
        if let Some(a) = &self.article {
            if !a.quotes.is_empty() {
                h.push_str("<h2>Quotes</h2>\n<ul>\n");
                for (text, speaker) in &a.quotes {
                    let by = speaker
                        .as_ref()
                        .map_or_else(|| "unknown speaker".to_owned(), |s| link(&s.iri, &s.name));
                    let _ = writeln!(
                        h,
                        "<li><blockquote>{}</blockquote>— {by}</li>",
                        escape(text)
                    );
                }
                h.push_str("</ul>\n");
            }
            if !a.mentions.is_empty() {
                h.push_str("<h2>Mentions</h2>\n<ul>\n");
                for m in &a.mentions {
                    let _ = writeln!(h, "<li>{}</li>", link(&m.iri, &m.name));
                }
                h.push_str("</ul>\n");
            }
        } else {
            let shown = if self.mention_count > self.mentioned_in.len() {
                format!(" (the newest {})", self.mentioned_in.len())
            } else {
                String::new()
            };
            let _ = writeln!(
                h,
                "<h2>Mentioned in {} articles{shown}</h2>\n<ul>",
                self.mention_count
            );
            for m in &self.mentioned_in {
                let date = if m.date.is_empty() {
                    String::new()
                } else {
                    format!(" <span class=\"type\">{}</span>", escape(&m.date))
                };
                let _ = write!(h, "<li>{}{date}", link(&m.article.iri, &m.article.name));
                for q in &m.quotes {
                    let _ = write!(h, "<blockquote>{}</blockquote>", escape(q));
                }
                h.push_str("</li>\n");
            }
            h.push_str("</ul>\n");
        }
        let _ = write!(
            h,
            "<footer>Also as <a href=\"?format=turtle\">Turtle</a>, <a href=\"?format=ntriples\">N-Triples</a>, \
             <a href=\"?format=jsonld\">JSON-LD</a>.</footer>\n</body></html>\n"
        );
        h
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_elements_and_attributes() {
        assert_eq!(
            escape(r#"<script>"a" & 'b'</script>"#),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;"
        );
    }
}
