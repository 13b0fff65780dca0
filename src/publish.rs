//! `newsgraph publish`: the store as open data a portal can harvest.
//!
//! Writes, into a new folder that replaces the target in one rename: gzip-compressed dumps (the article
//! graphs as N-Quads with their graph names, the merge as Turtle, the article graphs as JSON-LD), one
//! JSON-LD file per article, a DCAT-AP 3 catalogue describing them (`catalog.ttl`, `catalog.jsonld`) and a
//! VoID description (`void.ttl`). The catalogue's figures (temporal and spatial coverage, languages, byte
//! sizes, SHA-256 checksums) are computed from the store and the files as written, so a harvester can check
//! every download against it. Data portals (data.europa.eu, Sweden's dataportal.se) harvest DCAT-AP; the
//! shapes it is checked against in CI are the official DCAT-AP 3.0.1 SHACL shapes.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use flate2::write::GzEncoder;
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{BlankNode, Graph, Literal, NamedNode, NamedOrBlankNode, Term, Triple};
use oxigraph::sparql::QueryResults;
use oxigraph::store::Store;
use sha2::{Digest, Sha256};

use crate::emit::graph::SCHEMA;
use crate::error::{Error, Result};
use crate::query::{self, Deadline};
use crate::store::{self, ExportFormat};

const DCAT: &str = "http://www.w3.org/ns/dcat#";
const DCT: &str = "http://purl.org/dc/terms/";
const FOAF: &str = "http://xmlns.com/foaf/0.1/";
const SPDX: &str = "http://spdx.org/rdf/terms#";
const VOID: &str = "http://rdfs.org/ns/void#";
const EU_LANGUAGE: &str = "http://publications.europa.eu/resource/authority/language/";
const EU_THEME: &str = "http://publications.europa.eu/resource/authority/data-theme/";
const EU_FILE_TYPE: &str = "http://publications.europa.eu/resource/authority/file-type/";
/// The schema.org types newsgraph gives places (see `data/gazetteer/`), for the spatial coverage.
const PLACE_TYPES: &str = "<http://schema.org/Place> <http://schema.org/City> <http://schema.org/Country> \
    <http://schema.org/AdministrativeArea> <http://schema.org/State> <http://schema.org/Landform> \
    <http://schema.org/BodyOfWater> <http://schema.org/CivicStructure> <http://schema.org/TouristAttraction>";
const IANA: &str = "http://www.iana.org/assignments/media-types/";
const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
const VCARD: &str = "http://www.w3.org/2006/vcard/ns#";
const DCATAP: &str = "http://data.europa.eu/r5r/";
const GSP: &str = "http://www.opengis.net/ont/geosparql#";

/// The EU data-theme vocabulary's codes and English labels (Publications Office of the EU, authority
/// table "data-theme", http://publications.europa.eu/resource/authority/data-theme).
const THEMES: [(&str, &str); 14] = [
    ("AGRI", "Agriculture, fisheries, forestry and food"),
    ("ECON", "Economy and finance"),
    ("EDUC", "Education, culture and sport"),
    ("ENER", "Energy"),
    ("ENVI", "Environment"),
    ("GOVE", "Government and public sector"),
    ("HEAL", "Health"),
    ("INTR", "International issues"),
    ("JUST", "Justice, legal system and public safety"),
    ("OP_DATPRO", "Provisional data"),
    ("REGI", "Regions and cities"),
    ("SOCI", "Population and society"),
    ("TECH", "Science and technology"),
    ("TRAN", "Transport"),
];

/// The ADMS publisher types (W3C ADMS, http://purl.org/adms/publishertype/).
const PUBLISHER_TYPES: [&str; 11] = [
    "Academia-ScientificOrganisation",
    "Company",
    "IndustryConsortium",
    "LocalAuthority",
    "NationalAuthority",
    "NonGovernmentalOrganisation",
    "NonProfitOrganisation",
    "PrivateIndividual(s)",
    "RegionalAuthority",
    "StandardisationBody",
    "SupraNationalAuthority",
];

/// A theme's code and label; an unknown code is refused with the list of known ones.
fn theme_label(code: &str) -> Result<(&'static str, &'static str)> {
    let up = code.to_uppercase();
    THEMES
        .iter()
        .find(|(c, _)| *c == up)
        .copied()
        .ok_or_else(|| {
            let codes: Vec<&str> = THEMES.iter().map(|(c, _)| *c).collect();
            Error::Publish(format!(
                "--theme {code:?}: not an EU data theme ({})",
                codes.join(", ")
            ))
        })
}

/// What the catalogue says about the publication: given by flags or the config file's `[publish]` table.
#[derive(Debug, Clone, Default)]
pub struct Meta {
    /// The dataset's title.
    pub title: String,
    /// What the dataset holds.
    pub description: String,
    /// The publishing organization's name.
    pub publisher: String,
    /// The publisher's own IRI (its web site or registry entry), if it has one.
    pub publisher_url: Option<String>,
    /// The licence's IRI (for example `http://creativecommons.org/licenses/by/4.0/`).
    pub license: String,
    /// Where the folder will be published (an absolute http(s) IRI ending in `/`): download links and the
    /// catalogue's own IRIs are made from it.
    pub url: String,
    /// A public SPARQL endpoint serving the same store (`newsgraph serve` behind a proxy), if any.
    pub endpoint: Option<String>,
    /// Themes: codes of the EU data-theme vocabulary (`SOCI`, `GOVE`, ...) or IRIs.
    pub themes: Vec<String>,
    /// Free keywords.
    pub keywords: Vec<String>,
    /// An e-mail address for questions about the dataset.
    pub contact: Option<String>,
    /// The publisher's kind, a code of the ADMS publisher-type vocabulary (`LocalAuthority`, ...).
    pub publisher_type: Option<String>,
}

impl Meta {
    /// Refuses a description that misses what DCAT-AP makes mandatory, naming the missing fields.
    pub fn check(&self) -> Result<()> {
        let missing: Vec<&str> = [
            ("title", self.title.is_empty()),
            ("description", self.description.is_empty()),
            ("publisher", self.publisher.is_empty()),
            ("license", self.license.is_empty()),
            ("url", self.url.is_empty()),
        ]
        .iter()
        .filter(|(_, m)| *m)
        .map(|(n, _)| *n)
        .collect();
        if !missing.is_empty() {
            return Err(Error::Publish(format!(
                "missing {} (give --{} or set them in the config file's [publish] table)",
                missing.join(", "),
                missing.join(", --")
            )));
        }
        if !(self.url.starts_with("http://") || self.url.starts_with("https://"))
            || !self.url.ends_with('/')
        {
            return Err(Error::Publish(format!(
                "--url {:?}: give the http(s) address of the published folder, ending in '/'",
                self.url
            )));
        }
        for (name, iri) in [
            ("license", Some(&self.license)),
            ("publisher-url", self.publisher_url.as_ref()),
            ("endpoint", self.endpoint.as_ref()),
        ] {
            if let Some(iri) = iri {
                NamedNode::new(iri.as_str())
                    .map_err(|e| Error::Publish(format!("--{name} {iri:?}: not an IRI: {e}")))?;
            }
        }
        NamedNode::new(self.url.as_str())
            .map_err(|e| Error::Publish(format!("--url {:?}: not an IRI: {e}", self.url)))?;
        for t in &self.themes {
            theme_label(t)?;
        }
        if let Some(t) = &self.publisher_type {
            if !PUBLISHER_TYPES.contains(&t.as_str()) {
                return Err(Error::Publish(format!(
                    "--publisher-type {t:?}: not an ADMS publisher type ({})",
                    PUBLISHER_TYPES.join(", ")
                )));
            }
        }
        if let Some(c) = &self.contact {
            if !c.contains('@') || c.contains(char::is_whitespace) {
                return Err(Error::Publish(format!(
                    "--contact {c:?}: not an e-mail address"
                )));
            }
        }
        Ok(())
    }
}

/// One file of the publication, as the catalogue describes it.
#[derive(Debug, Clone)]
pub struct Dump {
    /// File name inside the publication folder.
    pub name: String,
    /// Statements it holds.
    pub statements: u64,
    /// Its size in bytes, as downloaded.
    pub bytes: u64,
    /// SHA-256 of its bytes, lower-case hex.
    pub sha256: String,
    kind: Kind,
}

/// The dump formats, with their IANA media types and EU file-type codes.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Nquads,
    Turtle,
    Jsonld,
}

impl Kind {
    fn export(self) -> ExportFormat {
        match self {
            Kind::Nquads => ExportFormat::Nquads,
            Kind::Turtle => ExportFormat::Turtle,
            Kind::Jsonld => ExportFormat::Jsonld,
        }
    }
    fn media_type(self) -> &'static str {
        match self {
            Kind::Nquads => "application/n-quads",
            Kind::Turtle => "text/turtle",
            Kind::Jsonld => "application/ld+json",
        }
    }
    fn file_type(self) -> &'static str {
        match self {
            Kind::Nquads => "RDF_N_QUADS",
            Kind::Turtle => "RDF_TURTLE",
            Kind::Jsonld => "JSON_LD",
        }
    }
    fn what(self) -> &'static str {
        match self {
            Kind::Nquads => {
                "Every article's graph as N-Quads, each statement with its article graph's name."
            }
            Kind::Turtle => "The merge of the article graphs as Turtle: each statement once.",
            Kind::Jsonld => "Every article's graph as JSON-LD, one named graph per article.",
        }
    }
}

/// What a publication holds.
#[derive(Debug, Clone)]
pub struct Published {
    /// The compressed dumps.
    pub dumps: Vec<Dump>,
    /// Articles (article graphs), each also written as its own JSON-LD file under `articles/`.
    pub articles: usize,
    /// Statements in the merge.
    pub triples: u64,
}

/// Figures the catalogue and VoID take from the store.
#[derive(Debug, Default)]
struct Facts {
    first: Option<String>,
    last: Option<String>,
    languages: Vec<String>,
    places: Vec<(String, Option<String>)>,
    classes: Vec<(String, u64)>,
    entities: u64,
    triples: u64,
}

/// Writes the publication of `store` into `out` (see the module's documentation). `out` is replaced when it
/// holds an earlier publication and refused when it holds anything else.
pub fn publish(
    st: &Store,
    store_path: &Path,
    out: &Path,
    meta: &Meta,
    today: &str,
) -> Result<Published> {
    meta.check()?;
    crate::batch::check_outside(out, store_path)?;
    check_target(out)?;
    let tmp = temp_folder(out)?;
    let result = write_all(st, store_path, &tmp, meta, today);
    match result {
        Ok(p) => {
            replace(&tmp, out)?;
            Ok(p)
        }
        Err(e) => {
            let _ = std::fs::remove_dir_all(&tmp);
            Err(e)
        }
    }
}

fn write_all(
    st: &Store,
    store_path: &Path,
    dir: &Path,
    meta: &Meta,
    today: &str,
) -> Result<Published> {
    let mut dumps = Vec::new();
    for (name, kind) in [
        ("articles.nq.gz", Kind::Nquads),
        ("merge.ttl.gz", Kind::Turtle),
        ("articles.jsonld.gz", Kind::Jsonld),
    ] {
        dumps.push(write_dump(st, store_path, &dir.join(name), name, kind)?);
    }
    let articles = write_articles(st, store_path, &dir.join("articles"))?;
    let facts = facts(st)?;
    let catalogue = catalogue(meta, &dumps, &facts, articles, today)?;
    write_graph(&dir.join("catalog.ttl"), &catalogue, RdfFormat::Turtle)?;
    write_graph(
        &dir.join("catalog.jsonld"),
        &catalogue,
        RdfFormat::JsonLd {
            profile: JsonLdProfileSet::empty(),
        },
    )?;
    write_graph(
        &dir.join("void.ttl"),
        &void(meta, &dumps, &facts)?,
        RdfFormat::Turtle,
    )?;
    Ok(Published {
        dumps,
        articles,
        triples: facts.triples,
    })
}

/// A writer that hashes and counts what passes through it, so that a dump's checksum and size come from
/// the bytes written, not from reading the file again.
struct Hashing<W> {
    inner: W,
    hash: Sha256,
    bytes: u64,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hash.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

fn write_dump(st: &Store, store_path: &Path, path: &Path, name: &str, kind: Kind) -> Result<Dump> {
    let io = |source| Error::Write {
        path: path.to_owned(),
        source,
    };
    let file = File::create(path).map_err(io)?;
    let hashing = Hashing {
        inner: BufWriter::new(file),
        hash: Sha256::new(),
        bytes: 0,
    };
    let mut gz = GzEncoder::new(hashing, flate2::Compression::default());
    let statements = store::export(st, store_path, kind.export(), None, &mut gz)?;
    let mut hashing = gz.finish().map_err(io)?;
    hashing.flush().map_err(io)?;
    hashing.inner.get_ref().sync_all().map_err(io)?;
    Ok(Dump {
        name: name.to_owned(),
        statements,
        bytes: hashing.bytes,
        sha256: crate::read::hex(&hashing.hash.finalize()),
        kind,
    })
}

/// One JSON-LD file per article graph, named by the last segment of the article's IRI.
fn write_articles(st: &Store, store_path: &Path, dir: &Path) -> Result<usize> {
    let io = |path: &Path, source| Error::Write {
        path: path.to_owned(),
        source,
    };
    std::fs::create_dir(dir).map_err(|e| io(dir, e))?;
    let graphs = store::graphs(st, store_path)?;
    let mut seen = std::collections::HashSet::new();
    for g in &graphs {
        let name = file_name(g.as_str(), &mut seen);
        let path = dir.join(format!("{name}.jsonld"));
        let mut w = BufWriter::new(File::create(&path).map_err(|e| io(&path, e))?);
        store::export(st, store_path, ExportFormat::Jsonld, Some(g), &mut w)?;
        w.flush().map_err(|e| io(&path, e))?;
    }
    Ok(graphs.len())
}

/// A safe file name from an article IRI's last segment, made unique with a number when two IRIs end alike.
fn file_name(iri: &str, seen: &mut std::collections::HashSet<String>) -> String {
    let last = iri
        .trim_end_matches('/')
        .rsplit(['/', '#'])
        .next()
        .unwrap_or("");
    let mut name: String = last
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if name.is_empty() {
        name = "article".into();
    }
    let mut unique = name.clone();
    let mut n = 2;
    while !seen.insert(unique.clone()) {
        unique = format!("{name}-{n}");
        n += 1;
    }
    unique
}

fn write_graph(path: &Path, graph: &Graph, format: RdfFormat) -> Result<()> {
    let io = |source| Error::Write {
        path: path.to_owned(),
        source,
    };
    let mut ser = RdfSerializer::from_format(format);
    for (prefix, iri) in [
        ("dcat", DCAT),
        ("dct", DCT),
        ("foaf", FOAF),
        ("spdx", SPDX),
        ("void", VOID),
        ("xsd", "http://www.w3.org/2001/XMLSchema#"),
        ("schema", SCHEMA),
        ("skos", SKOS),
        ("vcard", VCARD),
        ("dcatap", DCATAP),
        ("gsp", GSP),
    ] {
        ser = ser.with_prefix(prefix, iri).expect("valid prefixes");
    }
    let mut w = ser.for_writer(BufWriter::new(File::create(path).map_err(io)?));
    // Sorted, so that the same store gives the same bytes (a graph iterates in hash order).
    let mut triples: Vec<_> = graph.iter().collect();
    triples.sort_by_cached_key(|t| {
        (
            t.subject.to_string(),
            t.predicate.as_str() != rdf::TYPE.as_str(),
            t.predicate.to_string(),
            t.object.to_string(),
        )
    });
    for t in triples {
        w.serialize_triple(t).map_err(io)?;
    }
    w.finish().map_err(io)?.flush().map_err(io)
}

/// Reads the figures the descriptions need from the store's merge.
fn facts(st: &Store) -> Result<Facts> {
    let rows = |text: &str| select(st, text);
    let mut f = Facts::default();
    let article = format!("<{SCHEMA}NewsArticle>");
    if let Some(r) = rows(&format!(
        "SELECT (MIN(SUBSTR(STR(?d), 1, 10)) AS ?a) (MAX(SUBSTR(STR(?d), 1, 10)) AS ?b) \
         WHERE {{ ?x a {article} ; <{SCHEMA}datePublished> ?d }}"
    ))?
    .into_iter()
    .next()
    {
        f.first = r[0].clone();
        f.last = r[1].clone();
    }
    f.languages = rows(&format!(
        "SELECT DISTINCT ?l WHERE {{ ?x a {article} ; <{SCHEMA}inLanguage> ?l }} ORDER BY ?l"
    ))?
    .into_iter()
    .filter_map(|r| r[0].clone())
    .collect();
    // The most named places with a Wikidata id: a portal shows them as the dataset's coverage.
    f.places = rows(&format!(
        "SELECT ?w (COUNT(DISTINCT ?g) AS ?n) (SAMPLE(?lat) AS ?y) (SAMPLE(?lon) AS ?x) \
         WHERE {{ VALUES ?t {{ {PLACE_TYPES} }} GRAPH ?g {{ ?p a ?t }} \
         ?p <{SCHEMA}sameAs> ?w FILTER(STRSTARTS(STR(?w), \"http://www.wikidata.org/entity/\")) \
         OPTIONAL {{ ?p <{SCHEMA}geo> ?geo . ?geo <{SCHEMA}latitude> ?lat ; <{SCHEMA}longitude> ?lon }} }} \
         GROUP BY ?w ORDER BY DESC(?n) ?w LIMIT 20"
    ))?
    .into_iter()
    .filter_map(|r| {
        let point = match (&r[2], &r[3]) {
            (Some(lat), Some(lon)) => Some(format!("POINT({lon} {lat})")),
            _ => None,
        };
        Some((r[0].clone()?, point))
    })
    .collect();
    f.classes =
        rows("SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY ?c")?
            .into_iter()
            .filter_map(|r| Some((r[0].clone()?, r[1].as_deref()?.parse().ok()?)))
            .collect();
    f.entities = count(&rows(
        "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c }",
    )?);
    f.triples = count(&rows("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")?);
    Ok(f)
}

fn count(rows: &[Vec<Option<String>>]) -> u64 {
    rows.first()
        .and_then(|r| r[0].as_deref())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// A SELECT's rows, each value as its lexical form (IRIs without brackets).
fn select(st: &Store, text: &str) -> Result<Vec<Vec<Option<String>>>> {
    let deadline = Deadline::start(None);
    let prepared = query::prepare(text, "publish", None, &deadline)?;
    let QueryResults::Solutions(solutions) = query::execute(st, prepared, &deadline)? else {
        return Ok(Vec::new());
    };
    let vars = solutions.variables().to_vec();
    let mut out = Vec::new();
    for s in solutions {
        let s = s.map_err(|e| deadline.error(e))?;
        out.push(
            vars.iter()
                .map(|v| {
                    s.get(v).map(|t| match t {
                        Term::NamedNode(n) => n.as_str().to_owned(),
                        Term::Literal(l) => l.value().to_owned(),
                        other => other.to_string(),
                    })
                })
                .collect(),
        );
    }
    Ok(out)
}

/// Builds triples with IRIs checked once, so that the description code reads as the catalogue it makes.
struct Builder {
    graph: Graph,
    blanks: usize,
}

fn iri(s: &str) -> Result<NamedNode> {
    NamedNode::new(s).map_err(|e| Error::Publish(format!("{s:?}: not an IRI: {e}")))
}

fn term(ns: &str, local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{ns}{local}"))
}

impl Builder {
    fn new() -> Self {
        Self {
            graph: Graph::new(),
            blanks: 0,
        }
    }
    fn add(&mut self, s: &NamedOrBlankNode, p: NamedNode, o: impl Into<Term>) {
        self.graph.insert(&Triple::new(s.clone(), p, o.into()));
    }
    fn typed(&mut self, s: &NamedOrBlankNode, ns: &str, class: &str) {
        self.add(s, rdf::TYPE.into_owned(), term(ns, class));
    }
    /// `s p o` with the object typed `class`: DCAT-AP's range shapes want every object's class stated.
    fn link(&mut self, s: &NamedOrBlankNode, p: NamedNode, o: NamedNode, ns: &str, class: &str) {
        self.typed(&o.clone().into(), ns, class);
        self.add(s, p, o);
    }
    /// `s p concept`, the concept with its label: DCAT-AP wants a `skos:prefLabel` on every concept used.
    fn concept(&mut self, s: &NamedOrBlankNode, p: NamedNode, concept: NamedNode, label: &str) {
        let label = Literal::new_language_tagged_literal_unchecked(label, "en");
        self.add(&concept.clone().into(), term(SKOS, "prefLabel"), label);
        self.link(s, p, concept, SKOS, "Concept");
    }
    /// A new blank node with a stable label, so that the same store publishes the same bytes.
    fn blank(&mut self, hint: &str) -> NamedOrBlankNode {
        self.blanks += 1;
        BlankNode::new_unchecked(format!("{hint}{}", self.blanks)).into()
    }
}

fn date(s: &str) -> Literal {
    Literal::new_typed_literal(s, xsd::DATE)
}

/// A vocabulary code as words: `LocalAuthority` → `Local authority`, `PublicDomain` → `Public domain`.
fn words(code: &str) -> String {
    let mut out = String::new();
    for (i, c) in code.chars().enumerate() {
        if i > 0 && c.is_uppercase() && !out.ends_with(['-', '(']) {
            out.push(' ');
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The ADMS licence type of the common open licences, which DCAT-AP recommends stating.
fn licence_type(license: &str) -> Option<&'static str> {
    let l = license.to_ascii_lowercase();
    if l.contains("publicdomain") || l.contains("/cc0") {
        Some("PublicDomain")
    } else if l.contains("creativecommons.org/licenses/by") {
        Some("Attribution")
    } else {
        None
    }
}

fn catalogue(
    meta: &Meta,
    dumps: &[Dump],
    f: &Facts,
    articles: usize,
    today: &str,
) -> Result<Graph> {
    let mut b = Builder::new();
    let base = &meta.url;
    let own = |frag: &str| -> Result<NamedOrBlankNode> {
        Ok(iri(&format!("{base}catalog.ttl#{frag}"))?.into())
    };
    let (cat, set) = (own("catalog")?, own("dataset")?);
    let publisher = agent(&mut b, meta)?;
    let contact = contact(&mut b, meta)?;
    let license = iri(&meta.license)?;
    let text = |s: &str| Literal::from(s);

    b.typed(&cat, DCAT, "Catalog");
    b.add(&cat, term(DCT, "title"), text(&meta.title));
    b.add(&cat, term(DCT, "description"), text(&meta.description));
    b.add(&cat, term(DCT, "publisher"), publisher.clone());
    b.link(
        &cat,
        term(DCT, "license"),
        license.clone(),
        DCT,
        "LicenseDocument",
    );
    if let Some(t) = licence_type(&meta.license) {
        let kind = term("http://purl.org/adms/licencetype/", t);
        b.concept(&license.clone().into(), term(DCT, "type"), kind, &words(t));
    }
    b.link(&cat, term(FOAF, "homepage"), iri(base)?, FOAF, "Document");
    b.add(&cat, term(DCT, "issued"), date(today));
    b.add(&cat, term(DCT, "modified"), date(today));
    let scheme = iri(EU_THEME.trim_end_matches('/'))?;
    b.link(
        &cat,
        term(DCAT, "themeTaxonomy"),
        scheme.clone(),
        SKOS,
        "ConceptScheme",
    );
    b.add(
        &scheme.clone().into(),
        term(DCT, "title"),
        Literal::new_language_tagged_literal_unchecked("Data theme", "en"),
    );
    b.add(&cat, term(DCAT, "dataset"), set.clone());

    b.typed(&set, DCAT, "Dataset");
    b.add(&set, term(DCT, "title"), text(&meta.title));
    b.add(
        &set,
        term(DCT, "description"),
        text(&format!("{} ({articles} articles)", meta.description)),
    );
    b.add(&set, term(DCT, "publisher"), publisher.clone());
    b.add(&set, term(DCT, "issued"), date(today));
    b.add(&set, term(DCT, "modified"), date(today));
    b.add(
        &set,
        term(DCT, "identifier"),
        text(&format!("{base}catalog.ttl#dataset")),
    );
    b.link(&set, term(DCT, "conformsTo"), iri(SCHEMA)?, DCT, "Standard");
    let mut themes = Vec::new();
    for t in &meta.themes {
        let (code, label) = theme_label(t)?;
        let concept = iri(&format!("{EU_THEME}{code}"))?;
        b.add(
            &concept.clone().into(),
            term(SKOS, "prefLabel"),
            Literal::new_language_tagged_literal_unchecked(label, "en"),
        );
        b.add(
            &concept.clone().into(),
            term(SKOS, "inScheme"),
            scheme.clone(),
        );
        themes.push(concept);
    }
    for (who, keywords_too) in [(&set, true), (&own("sparql")?, meta.endpoint.is_some())] {
        if !keywords_too {
            continue;
        }
        for k in &meta.keywords {
            b.add(who, term(DCAT, "keyword"), text(k));
        }
        for t in &themes {
            b.link(who, term(DCAT, "theme"), t.clone(), SKOS, "Concept");
        }
        if let Some(c) = &contact {
            b.add(who, term(DCAT, "contactPoint"), c.clone());
        }
    }
    for l in &f.languages {
        if let Some(code) = eu_language(l) {
            let lang = iri(&format!("{EU_LANGUAGE}{code}"))?;
            b.link(
                &cat,
                term(DCT, "language"),
                lang.clone(),
                DCT,
                "LinguisticSystem",
            );
            b.add(&set, term(DCT, "language"), lang);
        }
    }
    if let (Some(first), Some(last)) = (&f.first, &f.last) {
        let period = b.blank("period");
        b.typed(&period, DCT, "PeriodOfTime");
        b.add(&period, term(DCAT, "startDate"), date(first));
        b.add(&period, term(DCAT, "endDate"), date(last));
        b.add(&set, term(DCT, "temporal"), period);
    }
    for (p, point) in &f.places {
        let place = iri(p)?;
        b.link(&set, term(DCT, "spatial"), place.clone(), DCT, "Location");
        b.add(&cat, term(DCT, "spatial"), place.clone());
        if let Some(point) = point {
            let wkt = Literal::new_typed_literal(point, term(GSP, "wktLiteral"));
            b.add(&place.into(), term(DCAT, "centroid"), wkt);
        }
    }
    for d in dumps {
        distribution(&mut b, meta, &set, d, &license, today)?;
    }
    if let Some(endpoint) = &meta.endpoint {
        let service = own("sparql")?;
        let endpoint = iri(endpoint)?;
        b.typed(&service, DCAT, "DataService");
        b.add(
            &service,
            term(DCT, "title"),
            text(&format!("{}: SPARQL endpoint", meta.title)),
        );
        b.add(&service, term(DCAT, "endpointURL"), endpoint.clone());
        // The SPARQL 1.1 service description is served at the endpoint itself.
        b.add(&service, term(DCAT, "endpointDescription"), endpoint);
        b.link(
            &service,
            term(DCT, "conformsTo"),
            iri("https://www.w3.org/TR/sparql11-protocol/")?,
            DCT,
            "Standard",
        );
        b.add(&service, term(DCAT, "servesDataset"), set.clone());
        b.add(&service, term(DCT, "publisher"), publisher);
        b.add(&service, term(DCT, "license"), license);
        b.add(&cat, term(DCAT, "service"), service);
    }
    Ok(b.graph)
}

/// The publisher as a FOAF agent, typed by the ADMS publisher types when one is given.
fn agent(b: &mut Builder, meta: &Meta) -> Result<NamedOrBlankNode> {
    let publisher: NamedOrBlankNode = match &meta.publisher_url {
        Some(u) => iri(u)?.into(),
        None => iri(&format!("{}catalog.ttl#publisher", meta.url))?.into(),
    };
    b.typed(&publisher, FOAF, "Agent");
    b.add(
        &publisher,
        term(FOAF, "name"),
        Literal::from(meta.publisher.as_str()),
    );
    if let Some(t) = &meta.publisher_type {
        let kind = term("http://purl.org/adms/publishertype/", t);
        b.concept(&publisher, term(DCT, "type"), kind, &words(t));
    }
    Ok(publisher)
}

/// The contact point as a vCard with an e-mail address.
fn contact(b: &mut Builder, meta: &Meta) -> Result<Option<NamedOrBlankNode>> {
    let Some(mail) = &meta.contact else {
        return Ok(None);
    };
    let card: NamedOrBlankNode = iri(&format!("{}catalog.ttl#contact", meta.url))?.into();
    b.typed(&card, VCARD, "Kind");
    b.add(
        &card,
        term(VCARD, "fn"),
        Literal::from(meta.publisher.as_str()),
    );
    b.add(
        &card,
        term(VCARD, "hasEmail"),
        iri(&format!("mailto:{mail}"))?,
    );
    Ok(Some(card))
}

/// One compressed dump as a DCAT distribution, with its size and checksum.
fn distribution(
    b: &mut Builder,
    meta: &Meta,
    set: &NamedOrBlankNode,
    d: &Dump,
    license: &NamedNode,
    today: &str,
) -> Result<()> {
    let dist: NamedOrBlankNode = iri(&format!("{}catalog.ttl#{}", meta.url, d.name))?.into();
    let url = iri(&format!("{}{}", meta.url, d.name))?;
    b.add(set, term(DCAT, "distribution"), dist.clone());
    b.typed(&dist, DCAT, "Distribution");
    b.add(&dist, term(DCT, "title"), Literal::from(d.name.as_str()));
    b.add(
        &dist,
        term(DCT, "description"),
        Literal::new_language_tagged_literal_unchecked(d.kind.what(), "en"),
    );
    b.add(&dist, term(DCAT, "accessURL"), url.clone());
    b.add(&dist, term(DCAT, "downloadURL"), url);
    b.link(
        &dist,
        term(DCAT, "mediaType"),
        iri(&format!("{IANA}{}", d.kind.media_type()))?,
        DCT,
        "MediaType",
    );
    b.link(
        &dist,
        term(DCAT, "compressFormat"),
        iri(&format!("{IANA}application/gzip"))?,
        DCT,
        "MediaType",
    );
    b.link(
        &dist,
        term(DCT, "format"),
        iri(&format!("{EU_FILE_TYPE}{}", d.kind.file_type()))?,
        DCT,
        "MediaTypeOrExtent",
    );
    b.add(&dist, term(DCT, "license"), license.clone());
    b.add(&dist, term(DCT, "issued"), date(today));
    b.add(&dist, term(DCT, "modified"), date(today));
    let available =
        iri("http://publications.europa.eu/resource/authority/planned-availability/AVAILABLE")?;
    b.concept(&dist, term(DCATAP, "availability"), available, "Available");
    b.add(
        &dist,
        term(DCAT, "byteSize"),
        Literal::new_typed_literal(d.bytes.to_string(), xsd::NON_NEGATIVE_INTEGER),
    );
    let sum = b.blank("checksum");
    b.typed(&sum, SPDX, "Checksum");
    b.add(
        &sum,
        term(SPDX, "algorithm"),
        term(SPDX, "checksumAlgorithm_sha256"),
    );
    b.add(
        &sum,
        term(SPDX, "checksumValue"),
        Literal::new_typed_literal(&d.sha256, xsd::HEX_BINARY),
    );
    b.add(&dist, term(SPDX, "checksum"), sum);
    Ok(())
}

/// The VoID description: how many statements and entities, per class, and where to get them.
fn void(meta: &Meta, dumps: &[Dump], f: &Facts) -> Result<Graph> {
    let mut b = Builder::new();
    let set: NamedOrBlankNode = iri(&format!("{}void.ttl#dataset", meta.url))?.into();
    let int = |n: u64| Literal::new_typed_literal(n.to_string(), xsd::INTEGER);
    b.typed(&set, VOID, "Dataset");
    b.add(&set, term(DCT, "title"), Literal::from(meta.title.as_str()));
    b.add(&set, term(DCT, "license"), iri(&meta.license)?);
    b.add(&set, term(VOID, "triples"), int(f.triples));
    b.add(&set, term(VOID, "entities"), int(f.entities));
    b.add(&set, term(VOID, "vocabulary"), iri(SCHEMA)?);
    for d in dumps {
        b.add(
            &set,
            term(VOID, "dataDump"),
            iri(&format!("{}{}", meta.url, d.name))?,
        );
    }
    if let Some(endpoint) = &meta.endpoint {
        b.add(&set, term(VOID, "sparqlEndpoint"), iri(endpoint)?);
    }
    for (class, n) in &f.classes {
        let part = b.blank("class");
        b.add(&set, term(VOID, "classPartition"), part.clone());
        b.add(&part, term(VOID, "class"), iri(class)?);
        b.add(&part, term(VOID, "entities"), int(*n));
    }
    Ok(b.graph)
}

/// The EU language authority's code for a BCP 47 tag (the languages newsgraph detects).
fn eu_language(tag: &str) -> Option<&'static str> {
    let primary = tag.split('-').next()?.to_ascii_lowercase();
    Some(match primary.as_str() {
        "sv" => "SWE",
        "en" => "ENG",
        "de" => "DEU",
        "fr" => "FRA",
        "es" => "SPA",
        "da" => "DAN",
        "nb" | "no" => "NOR",
        "nn" => "NNO",
        "fi" => "FIN",
        "nl" => "NLD",
        "it" => "ITA",
        "pt" => "POR",
        "pl" => "POL",
        _ => return None,
    })
}

/// Today's date (UTC) as `YYYY-MM-DD`, or the date of `SOURCE_DATE_EPOCH` when it is set, the
/// reproducible-builds convention, so that a publication can be made byte for byte again.
pub fn today() -> String {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        });
    civil_date(secs.div_euclid(86_400))
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// Refuses a target that exists and is not an earlier publication, so that a typo never replaces a folder.
fn check_target(out: &Path) -> Result<()> {
    if !out.exists() {
        return Ok(());
    }
    let empty = out
        .read_dir()
        .map(|mut d| d.next().is_none())
        .unwrap_or(false);
    if out.is_dir() && (empty || out.join("catalog.ttl").is_file()) {
        return Ok(());
    }
    Err(Error::Publish(format!(
        "{}: exists and is not an earlier publication (no catalog.ttl): choose another --out",
        out.display()
    )))
}

fn temp_folder(out: &Path) -> Result<PathBuf> {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let name = out
        .file_name()
        .map_or_else(|| "publish".into(), |n| n.to_string_lossy().into_owned());
    let tmp = parent.join(format!(".{name}.newsgraph-{}.tmp", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).map_err(|source| Error::Write {
        path: tmp.clone(),
        source,
    })?;
    Ok(tmp)
}

/// Puts the new folder in place of the old one: the old one moves aside first, so that a reader sees one
/// publication or the other, never a mixture.
fn replace(tmp: &Path, out: &Path) -> Result<()> {
    let io = |source| Error::Write {
        path: out.to_owned(),
        source,
    };
    if out.exists() {
        let old = tmp.with_extension("old");
        std::fs::rename(out, &old).map_err(io)?;
        std::fs::rename(tmp, out).map_err(io)?;
        std::fs::remove_dir_all(&old).map_err(io)?;
    } else {
        std::fs::rename(tmp, out).map_err(io)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_file_names_are_safe_and_unique() {
        let mut seen = Default::default();
        assert_eq!(file_name("https://x.example/article/a-b", &mut seen), "a-b");
        assert_eq!(
            file_name("https://y.example/article/a-b", &mut seen),
            "a-b-2"
        );
        assert_eq!(file_name("https://x.example/article/../é", &mut seen), "-");
        assert_eq!(file_name("urn:x:", &mut seen), "urn-x-");
    }

    #[test]
    fn missing_mandatory_fields_are_named() {
        let e = Meta::default().check().unwrap_err().to_string();
        assert!(
            e.contains("title, description, publisher, license, url"),
            "{e}"
        );
        let meta = Meta {
            title: "t".into(),
            description: "d".into(),
            publisher: "p".into(),
            license: "http://creativecommons.org/licenses/by/4.0/".into(),
            url: "https://data.example/news".into(),
            ..Meta::default()
        };
        assert!(meta
            .check()
            .unwrap_err()
            .to_string()
            .contains("ending in '/'"));
    }

    #[test]
    fn codes_read_as_words() {
        assert_eq!(words("LocalAuthority"), "Local authority");
        assert_eq!(
            words("Academia-ScientificOrganisation"),
            "Academia-Scientific organisation"
        );
        assert_eq!(words("PublicDomain"), "Public domain");
    }

    #[test]
    fn days_become_dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(11_016), "2000-02-29");
        assert_eq!(civil_date(20_792), "2026-12-05");
        assert_eq!(civil_date(-1), "1969-12-31");
    }

    #[test]
    fn languages_map_to_the_eu_authority() {
        assert_eq!(eu_language("sv"), Some("SWE"));
        assert_eq!(eu_language("en-GB"), Some("ENG"));
        assert_eq!(eu_language("xx"), None);
    }
}
