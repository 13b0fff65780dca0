//! The RDF says exactly what the JSON-LD means, and every term is schema.org's and fits its subject.
//!
//! The JSON-LD is read back with oxigraph's JSON-LD parser and the bundled official schema.org context
//! (CI repeats this with pyld, an independent processor); the vocabulary check reads the bundled
//! schema.org release.

mod common;

use std::collections::{BTreeSet, HashMap, HashSet};

use newsgraph::article::{self, Options};
use newsgraph::emit::{self, Format};
use oxigraph::io::{JsonLdProfileSet, LoadedDocument, RdfFormat, RdfParser};
use oxigraph::model::{Quad, Term};

const CONTEXT: &str = include_str!("../schemas/schemaorg/schemaorgcontext.jsonld");
const VOCAB: &str = include_str!("../schemas/schemaorg/schemaorg-all-http.nt");
const S: &str = "http://schema.org/";

fn parse(data: &str, format: RdfFormat) -> BTreeSet<String> {
    let mut parser = RdfParser::from_format(format).for_reader(data.as_bytes());
    if matches!(format, RdfFormat::JsonLd { .. }) {
        parser = parser.with_document_loader(|url| {
            assert!(
                url.starts_with("https://schema.org"),
                "unexpected context {url}"
            );
            Ok(LoadedDocument {
                url: url.into(),
                content: CONTEXT.as_bytes().to_vec(),
                format: RdfFormat::JsonLd {
                    profile: JsonLdProfileSet::empty(),
                },
            })
        });
    }
    parser.map(|q| q.expect("valid RDF").to_string()).collect()
}

#[test]
fn jsonld_expands_to_exactly_the_nquads() {
    let opts = Options::default();
    for path in common::inputs() {
        let a = article::from_file(&path, &opts).unwrap();
        let from_jsonld = parse(
            &emit::render(&a, Format::Jsonld, false),
            RdfFormat::JsonLd {
                profile: JsonLdProfileSet::empty(),
            },
        );
        let nquads = parse(&emit::render(&a, Format::Nquads, false), RdfFormat::NQuads);
        let turtle = parse(&emit::render(&a, Format::Turtle, false), RdfFormat::Turtle);
        let only_jsonld: Vec<_> = from_jsonld.difference(&nquads).collect();
        let only_nq: Vec<_> = nquads.difference(&from_jsonld).collect();
        assert!(
            only_jsonld.is_empty() && only_nq.is_empty(),
            "{}: only in JSON-LD {only_jsonld:#?}\nonly in N-Quads {only_nq:#?}",
            path.display()
        );
        assert_eq!(nquads, turtle, "{}: Turtle differs", path.display());
    }
}

/// The parts of the schema.org vocabulary the check needs.
struct Vocab {
    classes: HashSet<String>,
    props: HashSet<String>,
    supers: HashMap<String, Vec<String>>,
    domains: HashMap<String, Vec<String>>,
}

impl Vocab {
    fn load() -> Self {
        let mut v = Vocab {
            classes: HashSet::new(),
            props: HashSet::new(),
            supers: HashMap::new(),
            domains: HashMap::new(),
        };
        for q in RdfParser::from_format(RdfFormat::NTriples).for_reader(VOCAB.as_bytes()) {
            let q = q.unwrap();
            let (s, p) = (q.subject.to_string(), q.predicate.as_str().to_owned());
            let s = s.trim_matches(['<', '>']).to_owned();
            let o = match &q.object {
                Term::NamedNode(n) => n.as_str().to_owned(),
                _ => continue,
            };
            match p.as_str() {
                "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
                    if o.ends_with("rdf-schema#Class") =>
                {
                    v.classes.insert(s);
                }
                "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
                    if o.ends_with("22-rdf-syntax-ns#Property") =>
                {
                    v.props.insert(s);
                }
                "http://www.w3.org/2000/01/rdf-schema#subClassOf" => {
                    v.supers.entry(s).or_default().push(o)
                }
                "http://schema.org/domainIncludes" => v.domains.entry(s).or_default().push(o),
                _ => {}
            }
        }
        v
    }

    fn ancestors(&self, t: &str) -> HashSet<String> {
        let mut seen = HashSet::from([t.to_owned()]);
        let mut stack = vec![t.to_owned()];
        while let Some(c) = stack.pop() {
            for s in self.supers.get(&c).into_iter().flatten() {
                if seen.insert(s.clone()) {
                    stack.push(s.clone());
                }
            }
        }
        seen
    }

    /// Problems with one article's quads: unknown types or properties, properties off their domain.
    fn check(&self, quads: &[Quad]) -> Vec<String> {
        let mut types: HashMap<String, Vec<String>> = HashMap::new();
        for q in quads {
            if q.predicate.as_str().ends_with("22-rdf-syntax-ns#type") {
                if let Term::NamedNode(t) = &q.object {
                    types
                        .entry(q.subject.to_string())
                        .or_default()
                        .push(t.as_str().to_owned());
                }
            }
        }
        let mut problems = Vec::new();
        for ts in types.values() {
            problems.extend(
                ts.iter()
                    .filter(|t| !self.classes.contains(*t))
                    .map(|t| format!("unknown type {t}")),
            );
        }
        for q in quads {
            let p = q.predicate.as_str();
            if !p.starts_with(S) {
                continue;
            }
            if !self.props.contains(p) {
                problems.push(format!("unknown property {p}"));
                continue;
            }
            let subject_types = types
                .get(&q.subject.to_string())
                .cloned()
                .unwrap_or_default();
            let domains = self.domains.get(p).cloned().unwrap_or_default();
            let fits = subject_types
                .iter()
                .any(|t| self.ancestors(t).iter().any(|a| domains.contains(a)));
            if !fits {
                problems.push(format!("{p} does not fit {subject_types:?}"));
            }
        }
        problems
    }
}

#[test]
fn every_term_is_schema_org_and_fits_its_subject() {
    let vocab = Vocab::load();
    let opts = Options::default();
    for path in common::inputs() {
        let a = article::from_file(&path, &opts).unwrap();
        let node = newsgraph::emit::graph::article_node(&a);
        let quads = newsgraph::emit::rdf::quads(&node, &oxigraph::model::GraphName::DefaultGraph);
        let problems: BTreeSet<String> = vocab.check(&quads).into_iter().collect();
        assert!(problems.is_empty(), "{}: {problems:#?}", path.display());
    }
}

#[test]
fn the_vocabulary_check_catches_misfits() {
    let vocab = Vocab::load();
    let bad = "<http://x/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://schema.org/NewsArticle> .\n<http://x/a> <http://schema.org/relatedLink> <http://x/b> .\n<http://x/a> <http://schema.org/noSuchTerm> \"x\" .\n";
    let quads: Vec<Quad> = RdfParser::from_format(RdfFormat::NQuads)
        .for_reader(bad.as_bytes())
        .map(Result::unwrap)
        .collect();
    assert_eq!(vocab.check(&quads).len(), 2);
}

/// A base ending in `#` is allowed, and an IRI holds at most one `#`: the parts of an article (sections,
/// quotes, image) and of an entity (coordinates) must still be IRIs that RDF parsers take, in every
/// format, and say the same in each.
#[test]
fn a_hash_base_gives_iris_with_one_fragment() {
    let opts = Options {
        base: newsgraph::ids::Base::new("https://example.org/ns#").unwrap(),
        ..Options::default()
    };
    let mut parts = 0;
    for path in common::inputs() {
        let a = article::from_file(&path, &opts).unwrap();
        let nquads = parse(&emit::render(&a, Format::Nquads, false), RdfFormat::NQuads);
        let from_jsonld = parse(
            &emit::render(&a, Format::Jsonld, false),
            RdfFormat::JsonLd {
                profile: JsonLdProfileSet::empty(),
            },
        );
        assert_eq!(nquads, from_jsonld, "{}", path.display());
        for quad in &nquads {
            for iri in quad
                .split(['<', '>'])
                .filter(|t| t.starts_with("https://example.org/ns#"))
            {
                assert_eq!(iri.matches('#').count(), 1, "{iri}");
                parts += usize::from(iri.contains("/quote-") || iri.ends_with("/image"));
            }
        }
    }
    assert!(parts > 0, "no quote or image IRI was checked");
}
