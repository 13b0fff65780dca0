//! Emit stage: views of the article model. `graph` builds the schema.org node tree once; `jsonld` and
//! `rdf` serialize it; `xml` writes the archive format.

pub mod graph;
pub mod jsonld;
pub mod rdf;
pub mod xml;

use oxigraph::io::RdfFormat;
use oxigraph::model::{GraphName, NamedNode};

use crate::model::Article;

/// Output formats of `convert`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// schema.org JSON-LD (one document per article).
    Jsonld,
    /// N-Quads: the article's triples (in its named graph with `--named-graph`).
    Nquads,
    /// Turtle with the `schema:` prefix.
    Turtle,
    /// XML archive (`schemas/newsgraph-archive-1.xsd`) holding the article; lossless, read back by `import`.
    Xml,
}

impl Format {
    /// File extension for `--out DIR`.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Jsonld => "jsonld",
            Format::Nquads => "nq",
            Format::Turtle => "ttl",
            Format::Xml => "xml",
        }
    }
}

/// Renders one article in `format`. N-Quads go in the default graph unless `named_graph`, matching what a
/// JSON-LD processor makes of the JSON-LD document; the store always uses the article's named graph.
pub fn render(article: &Article, format: Format, named_graph: bool) -> String {
    let node = graph::article_node(article);
    match format {
        Format::Jsonld => jsonld::to_string(&node),
        Format::Nquads => {
            let g = if named_graph {
                GraphName::NamedNode(NamedNode::new_unchecked(&article.iri))
            } else {
                GraphName::DefaultGraph
            };
            rdf::to_string(&rdf::quads(&node, &g), RdfFormat::NQuads)
        }
        Format::Turtle => rdf::to_string(
            &rdf::quads(&node, &GraphName::DefaultGraph),
            RdfFormat::Turtle,
        ),
        Format::Xml => xml::to_string(article),
    }
}
