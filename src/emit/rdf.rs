//! RDF writer: the node tree as quads, and N-Quads/Turtle serialization through oxigraph's serializers.
//!
//! The quads are exactly what a JSON-LD processor reads from the JSON-LD writer's document with the
//! official schema.org context; CI proves it with pyld on every sample.

use std::collections::HashSet;
use std::io::Write;

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};

use super::graph::{Node, Value, SCHEMA};

/// The quads of a node tree, in tree order, each once, in `graph`.
pub fn quads(root: &Node, graph: &GraphName) -> Vec<Quad> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    walk(root, &root.id, graph, &mut out, &mut seen);
    out
}

/// Only nodes outside the article (people, places, ... that an author line or a second mention may
/// describe again) can repeat a statement, so only their quads go through the `seen` set: hashing the
/// article body and section texts for nothing was a large part of the N-Quads cost.
fn walk(node: &Node, root: &str, graph: &GraphName, out: &mut Vec<Quad>, seen: &mut HashSet<Quad>) {
    let subject = NamedOrBlankNode::from(iri(&node.id));
    let shared = !node.id.starts_with(root);
    let push = |q: Quad, out: &mut Vec<Quad>, seen: &mut HashSet<Quad>| {
        if !shared || seen.insert(q.clone()) {
            out.push(q);
        }
    };
    let q = Quad::new(subject.clone(), rdf::TYPE, schema(node.ty), graph.clone());
    push(q, out, seen);
    for (prop, values) in &node.props {
        let predicate = schema(prop);
        for v in values.as_slice() {
            let object: Term = match v {
                Value::Text(s) => Literal::new_simple_literal(s.as_ref()).into(),
                Value::Int(i) => Literal::new_typed_literal(i.to_string(), xsd::INTEGER).into(),
                Value::Date(d) => Literal::new_typed_literal(d.as_ref(), schema("Date")).into(),
                Value::Decimal(d) => Literal::new_typed_literal(d.as_ref(), xsd::DECIMAL).into(),
                Value::Iri(i) | Value::Ref(i) => iri(i).into(),
                Value::Node(n) => iri(&n.id).into(),
            };
            push(
                Quad::new(subject.clone(), predicate.clone(), object, graph.clone()),
                out,
                seen,
            );
            if let Value::Node(n) = v {
                walk(n, root, graph, out, seen);
            }
        }
    }
}

/// IRIs in the tree are minted by `ids` or validated by the reader, so they are always absolute.
fn iri(s: &str) -> NamedNode {
    NamedNode::new_unchecked(s)
}

fn schema(term: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{SCHEMA}{term}"))
}

/// Serializes quads as N-Quads or Turtle (Turtle takes the default graph's triples only).
pub fn write(quads: &[Quad], format: RdfFormat, writer: impl Write) -> std::io::Result<()> {
    let mut serializer = RdfSerializer::from_format(format)
        .with_prefix("schema", SCHEMA)
        .expect("valid prefix")
        .for_writer(writer);
    for q in quads {
        serializer.serialize_quad(q)?;
    }
    serializer.finish()?;
    Ok(())
}

/// Quads serialized to a string.
pub fn to_string(quads: &[Quad], format: RdfFormat) -> String {
    let mut buf = Vec::new();
    write(quads, format, &mut buf).expect("writing to memory cannot fail");
    String::from_utf8(buf).expect("serializers write UTF-8")
}
