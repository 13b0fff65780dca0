//! JSON-LD writer: the node tree as compact schema.org JSON-LD (`"@context": "https://schema.org"`).
//!
//! Values are written so that the official context reads them back as the RDF writer states them: plain
//! strings for text, numbers for integers, plain strings for the properties the context types as `@id` or
//! `schema:Date`, and explicit value objects for decimals. `tests` checks this against the bundled context.

use serde_json::{json, Map, Value as Json};

use super::graph::{Node, Value, XSD};

/// The context every document names; resolved offline from the bundled copy when processed.
pub const CONTEXT: &str = "https://schema.org";

/// Properties the schema.org context coerces to `@id`: their IRIs are written as plain strings.
pub const ID_COERCED: [&str; 4] = ["url", "image", "sameAs", "contentUrl"];

/// The article node as a JSON-LD document.
pub fn document(root: &Node) -> Json {
    let mut obj = Map::new();
    obj.insert("@context".into(), json!(CONTEXT));
    write_node(root, &mut obj);
    Json::Object(obj)
}

/// Pretty-printed document with a final newline, as `convert` writes it.
pub fn to_string(root: &Node) -> String {
    let mut s =
        serde_json::to_string_pretty(&document(root)).expect("JSON values always serialize");
    s.push('\n');
    s
}

fn write_node(node: &Node, obj: &mut Map<String, Json>) {
    obj.insert(
        "@type".into(),
        one_or_many(node.types.iter().map(|t| json!(t)).collect()),
    );
    obj.insert("@id".into(), json!(node.id));
    for (prop, values) in &node.props {
        let values = values.iter().map(|v| value(prop, v)).collect();
        obj.insert((*prop).to_owned(), one_or_many(values));
    }
}

fn value(prop: &str, v: &Value) -> Json {
    match v {
        Value::Text(s) | Value::Date(s) => json!(s),
        Value::Int(i) => json!(i),
        Value::Decimal(d) => json!({ "@value": d, "@type": format!("{XSD}decimal") }),
        Value::Iri(iri) if ID_COERCED.contains(&prop) => json!(iri),
        Value::Iri(iri) | Value::Ref(iri) => json!({ "@id": iri }),
        Value::Node(n) => {
            let mut obj = Map::new();
            write_node(n, &mut obj);
            Json::Object(obj)
        }
    }
}

fn one_or_many(mut values: Vec<Json>) -> Json {
    if values.len() == 1 {
        values.pop().expect("one value")
    } else {
        Json::Array(values)
    }
}
