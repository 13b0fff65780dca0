//! The article as a tree of schema.org nodes: the one description that both the JSON-LD and the RDF
//! writers serialize, so the two can never say different things.

use std::borrow::Cow;

use crate::model::{Article, Entity, EntityLookup};

/// The schema.org namespace, as the official JSON-LD context maps it.
pub const SCHEMA: &str = "http://schema.org/";
/// XML Schema datatypes namespace.
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";

/// A property value. Strings borrow from the article where they can: the tree is built for every
/// article in a batch and dropped right after it is written.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    /// A plain string (`xsd:string`).
    Text(Cow<'a, str>),
    /// An integer (`xsd:integer`).
    Int(i64),
    /// A date or date-time; only for properties the schema.org context types as `schema:Date`.
    Date(Cow<'a, str>),
    /// A decimal number kept as written (`xsd:decimal`).
    Decimal(Cow<'a, str>),
    /// An IRI that names a web resource (`url`, `sameAs`, `contentUrl`).
    Iri(Cow<'a, str>),
    /// A node described here.
    Node(Node<'a>),
    /// A node described elsewhere in the tree.
    Ref(Cow<'a, str>),
}

/// A schema.org node: IRI, type and properties in a fixed order.
#[derive(Debug, Clone, PartialEq)]
pub struct Node<'a> {
    /// The node's IRI.
    pub id: Cow<'a, str>,
    /// The schema.org type name (`NewsArticle`): every node of an article has exactly one.
    pub ty: &'a str,
    /// Property names (schema.org terms) with their values.
    pub props: Vec<(&'static str, Values<'a>)>,
}

/// A property's values. Most properties have one, which is kept inline: a vector for each would be
/// most of the allocations of building the tree, which happens for every article of a batch.
#[derive(Debug, Clone, PartialEq)]
pub enum Values<'a> {
    /// One value.
    One(Value<'a>),
    /// Two or more values.
    Many(Vec<Value<'a>>),
}

impl<'a> Values<'a> {
    /// The values in order.
    pub fn as_slice(&self) -> &[Value<'a>] {
        match self {
            Values::One(v) => std::slice::from_ref(v),
            Values::Many(v) => v,
        }
    }
}

impl<'a> Node<'a> {
    /// A node with room for `props` properties (the tree's nodes have a known size).
    fn new(id: impl Into<Cow<'a, str>>, ty: &'a str, props: usize) -> Self {
        Self {
            id: id.into(),
            ty,
            props: Vec::with_capacity(props),
        }
    }

    /// Adds a property unless it has no values; one value is stored without a vector.
    fn set(&mut self, prop: &'static str, values: impl IntoIterator<Item = Value<'a>>) {
        let mut values = values.into_iter();
        let Some(first) = values.next() else {
            return;
        };
        let values = match values.next() {
            None => Values::One(first),
            Some(second) => {
                let mut many = vec![first, second];
                many.extend(values);
                Values::Many(many)
            }
        };
        self.props.push((prop, values));
    }

    fn text(&mut self, prop: &'static str, value: Option<impl Into<Cow<'a, str>>>) {
        if let Some(v) = value {
            self.props.push((prop, Values::One(Value::Text(v.into()))));
        }
    }
}

/// The lead as the article's description, cut to [`crate::structure::DESCRIPTION_CHARS`] (the whole
/// lead is in `articleBody`).
fn description(lead: &str) -> Cow<'_, str> {
    match crate::structure::shorten(lead, crate::structure::DESCRIPTION_CHARS) {
        Some(short) => Cow::Owned(short),
        None => Cow::Borrowed(lead),
    }
}

/// The first IRI of the tree (a node's, a link's) that is not an absolute IRI, or a type that is not a
/// type name: the writers put them out as they are, so one from an archive must be checked before.
pub fn invalid_iri<'n>(node: &'n Node<'_>) -> Option<&'n str> {
    if oxiri::Iri::parse(node.id.as_ref()).is_err() {
        return Some(&node.id);
    }
    if !node.ty.bytes().all(|b| b.is_ascii_alphanumeric()) || node.ty.is_empty() {
        return Some(node.ty);
    }
    node.props
        .iter()
        .flat_map(|(_, values)| values.as_slice())
        .find_map(|v| match v {
            Value::Iri(i) | Value::Ref(i) => {
                oxiri::Iri::parse(i.as_ref()).err().map(|_| i.as_ref())
            }
            Value::Node(n) => invalid_iri(n),
            _ => None,
        })
}

/// The article as a `NewsArticle` node with everything it says nested inside.
pub fn article_node(a: &Article) -> Node<'_> {
    let mut n = Node::new(a.iri.as_str(), "NewsArticle", 24);
    n.text("identifier", Some(a.id.as_str()));
    n.set("url", a.meta.url.iter().map(|u| Value::Iri(u.into())));
    n.text("headline", Some(a.headline.as_str()));
    n.text("description", a.lead.as_deref().map(description));
    n.text("inLanguage", Some(a.language.as_str()));
    n.set(
        "datePublished",
        a.meta.date_published.iter().map(|d| Value::Date(d.into())),
    );
    n.set(
        "dateModified",
        a.meta.date_modified.iter().map(|d| Value::Date(d.into())),
    );
    n.set(
        "author",
        a.meta.authors.iter().map(|author| {
            let mut n = named_node(a, "person", "Person", &author.name);
            n.set("url", author.url.iter().map(|u| Value::Iri(u.into())));
            Value::Node(n)
        }),
    );
    n.set(
        "publisher",
        a.meta.publisher.iter().map(|p| {
            let mut n = named_node(a, "organization", "Organization", &p.name);
            n.set("url", p.url.iter().map(|u| Value::Iri(u.into())));
            n.set("logo", p.logo.iter().map(|u| Value::Node(logo_node(u))));
            Value::Node(n)
        }),
    );
    n.text("articleSection", a.meta.section.as_deref());
    n.set(
        "keywords",
        a.meta.keywords.iter().map(|k| Value::Text(k.into())),
    );
    n.set("license", license(a));
    n.set("wordCount", [Value::Int(a.word_count() as i64)]);
    n.set("image", image_node(a).map(Value::Node));
    n.text("articleBody", Some(a.body()));
    n.set(
        "about",
        a.entities
            .iter()
            .filter(|e| e.about)
            .map(|e| Value::Ref(e.iri.as_str().into())),
    );
    let lookup = a.entity_lookup();
    n.set(
        "mentions",
        a.entities
            .iter()
            .map(|e| Value::Node(entity_node(&lookup, e))),
    );
    n.set(
        "hasPart",
        section_nodes(a)
            .chain(quote_nodes(a, &lookup))
            .map(Value::Node),
    );
    n.set("citation", related_nodes(a).map(Value::Node));
    n
}

/// A person or organization by name (author, publisher): the same IRI an extracted entity of that name
/// gets, so bylines join with mentions in the store.
fn named_node<'a>(a: &Article, kind: &str, ty: &'a str, name: &'a str) -> Node<'a> {
    let iri = entity_iri(a, kind, name);
    let mut n = Node::new(iri, ty, 3);
    n.text("name", Some(name));
    n
}

/// IRI for a name of a kind, under the article's base.
fn entity_iri(a: &Article, kind: &str, name: &str) -> String {
    [a.base(), kind, "/", &crate::ids::slug(name)].concat()
}

/// `{iri}#{name}-{n}`, the IRI of an article's n-th section, quote or related link, made with one
/// allocation and without the formatting machinery (several hundred instructions a call).
fn fragment(iri: &str, name: &str, n: usize) -> String {
    let mut digits = itoa::Buffer::new();
    [iri, part_separator(iri), name, "-", digits.format(n)].concat()
}

/// `{iri}#{name}`: the IRI of a node that belongs to one article or entity (its image, its coordinates).
fn part(iri: &str, name: &str) -> String {
    [iri, part_separator(iri), name].concat()
}

/// What joins a part's name to its owner's IRI: `#`, unless the owner already has a fragment (a base
/// ending in `#`, a canonical URL with one). An IRI holds at most one `#` (RFC 3987), and a second one
/// makes every RDF parser refuse the output, so parts of such owners hang below it with `/`, which
/// cannot meet another identifier: slugs never hold `/`.
fn part_separator(iri: &str) -> &'static str {
    if iri.contains('#') {
        "/"
    } else {
        "#"
    }
}

/// A publisher's logo as an `ImageObject` named by the image's own IRI, so that every article of the
/// publisher that gives the same logo says the same thing about it.
fn logo_node(url: &str) -> Node<'_> {
    let mut n = Node::new(url, "ImageObject", 1);
    n.set("contentUrl", [Value::Iri(url.into())]);
    n
}

/// Front matter's `license` (kept among the extra metadata): an IRI as a link, other text as text.
fn license(a: &Article) -> Option<Value<'_>> {
    let text = a.meta.extra.get("license")?.as_str();
    let iri = text.contains(':') && oxigraph::model::NamedNode::new(text).is_ok();
    Some(if iri {
        Value::Iri(text.into())
    } else {
        Value::Text(text.into())
    })
}

fn image_node(a: &Article) -> Option<Node<'_>> {
    if a.caption.is_none() && a.meta.image.is_none() {
        return None;
    }
    let mut n = Node::new(part(&a.iri, "image"), "ImageObject", 2);
    n.set(
        "contentUrl",
        a.meta.image.iter().map(|u| Value::Iri(u.into())),
    );
    n.text("caption", a.caption.as_deref());
    Some(n)
}

fn entity_node<'a>(lookup: &EntityLookup<'a>, e: &'a Entity) -> Node<'a> {
    let mut n = Node::new(e.iri.as_str(), &e.schema_type, 8);
    n.text("name", Some(e.name.as_str()));
    n.text("givenName", e.given_name.as_deref());
    n.text("familyName", e.family_name.as_deref());
    n.text("jobTitle", e.job_title.as_deref());
    let employer = e.works_for.as_deref().and_then(|k| lookup.get(k));
    n.set(
        "worksFor",
        employer.map(|o| Value::Ref(o.iri.as_str().into())),
    );
    n.set("sameAs", e.same_as.iter().map(|s| Value::Iri(s.into())));
    if let Some(geo) = &e.geo {
        let mut g = Node::new(part(&e.iri, "geo"), "GeoCoordinates", 2);
        g.set("latitude", [Value::Decimal(geo.latitude.as_str().into())]);
        g.set("longitude", [Value::Decimal(geo.longitude.as_str().into())]);
        n.set("geo", [Value::Node(g)]);
    }
    n
}

/// Sections as `CreativeWork` parts with their subheading as `headline` and their text.
fn section_nodes(a: &Article) -> impl Iterator<Item = Node<'_>> {
    a.sections.iter().enumerate().map(|(i, s)| {
        let mut n = Node::new(fragment(&a.iri, "section", i + 1), "CreativeWork", 3);
        n.set("position", [Value::Int(i as i64 + 1)]);
        n.text("headline", s.heading.as_deref());
        n.text("text", section_text(&s.paragraphs));
        n
    })
}

/// A section's paragraphs joined by blank lines; a single paragraph is borrowed.
fn section_text(paragraphs: &[crate::model::Paragraph]) -> Option<Cow<'_, str>> {
    match paragraphs {
        [] => None,
        [one] => Some(Cow::Borrowed(&one.text)),
        many => {
            let mut text = String::with_capacity(many.iter().map(|p| p.text.len() + 2).sum());
            for (i, p) in many.iter().enumerate() {
                if i > 0 {
                    text.push_str("\n\n");
                }
                text.push_str(&p.text);
            }
            Some(Cow::Owned(text))
        }
    }
}

/// Quotes as `Quotation` parts with their speaker as `creator`.
fn quote_nodes<'a: 'l, 'l>(
    a: &'a Article,
    lookup: &'l EntityLookup<'a>,
) -> impl Iterator<Item = Node<'a>> + 'l {
    a.quotes.iter().enumerate().map(move |(i, q)| {
        let mut n = Node::new(fragment(&a.iri, "quote", i + 1), "Quotation", 3);
        n.set("position", [Value::Int(i as i64 + 1)]);
        n.text("text", Some(q.text.as_str()));
        let speaker = q.speaker.as_deref().and_then(|k| lookup.get(k));
        n.set(
            "creator",
            speaker.map(|s| Value::Ref(s.iri.as_str().into())),
        );
        n
    })
}

/// Related articles as cited `CreativeWork`s with their headline.
fn related_nodes(a: &Article) -> impl Iterator<Item = Node<'_>> {
    a.related.iter().enumerate().map(|(i, title)| {
        let mut n = Node::new(fragment(&a.iri, "related", i + 1), "CreativeWork", 2);
        n.set("position", [Value::Int(i as i64 + 1)]);
        n.text("headline", Some(title.as_str()));
        n
    })
}
