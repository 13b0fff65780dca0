//! JSON-LD writer: the node tree as compact schema.org JSON-LD (`"@context": "https://schema.org"`).
//!
//! Values are written so that the official context reads them back as the RDF writer states them: plain
//! strings for text, numbers for integers, plain strings for the properties the context types as `@id` or
//! `schema:Date`, and explicit value objects for decimals. `tests` checks this against the bundled context.

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use super::graph::{Node, Value, XSD};

/// The context every document names; resolved offline from the bundled copy when processed.
pub const CONTEXT: &str = "https://schema.org";

/// Properties the schema.org context coerces to `@id`: their IRIs are written as plain strings.
pub const ID_COERCED: [&str; 4] = ["url", "image", "sameAs", "contentUrl"];

/// The article node as a JSON-LD document.
pub fn document(root: &Node) -> serde_json::Value {
    serde_json::to_value(Document(root)).expect("JSON-LD documents always serialize")
}

/// Pretty-printed document with a final newline, as `convert` writes it. Serialized straight from the
/// node tree (no intermediate `serde_json::Value`): this runs once per article in every batch.
pub fn to_string(root: &Node) -> String {
    let mut s =
        serde_json::to_string_pretty(&Document(root)).expect("JSON-LD documents always serialize");
    s.push('\n');
    s
}

/// The root node with its `@context`.
struct Document<'a>(&'a Node);

/// A node's `@type`, `@id` and properties, in the tree's order.
struct JsonNode<'a> {
    node: &'a Node,
    context: bool,
}

/// One property's values: a single value as itself, several as an array.
struct Values<'a> {
    prop: &'a str,
    values: &'a [Value],
}

/// One value, written the way the schema.org context reads it back as the RDF writer states it.
struct JsonValue<'a> {
    prop: &'a str,
    value: &'a Value,
}

impl Serialize for Document<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        JsonNode {
            node: self.0,
            context: true,
        }
        .serialize(s)
    }
}

impl Serialize for JsonNode<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let n = self.node;
        let mut map = s.serialize_map(Some(n.props.len() + 2 + usize::from(self.context)))?;
        if self.context {
            map.serialize_entry("@context", CONTEXT)?;
        }
        match n.types.as_slice() {
            [one] => map.serialize_entry("@type", one)?,
            many => map.serialize_entry("@type", many)?,
        }
        map.serialize_entry("@id", &n.id)?;
        for (prop, values) in &n.props {
            map.serialize_entry(prop, &Values { prop, values })?;
        }
        map.end()
    }
}

impl Serialize for Values<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let prop = self.prop;
        if let [value] = self.values {
            return JsonValue { prop, value }.serialize(s);
        }
        let mut seq = s.serialize_seq(Some(self.values.len()))?;
        for value in self.values {
            seq.serialize_element(&JsonValue { prop, value })?;
        }
        seq.end()
    }
}

impl Serialize for JsonValue<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.value {
            Value::Text(t) | Value::Date(t) => s.serialize_str(t),
            Value::Int(i) => s.serialize_i64(*i),
            Value::Decimal(d) => {
                let mut map = s.serialize_map(Some(2))?;
                map.serialize_entry("@value", d)?;
                map.serialize_entry("@type", &format!("{XSD}decimal"))?;
                map.end()
            }
            Value::Iri(iri) if ID_COERCED.contains(&self.prop) => s.serialize_str(iri),
            Value::Iri(iri) | Value::Ref(iri) => {
                let mut map = s.serialize_map(Some(1))?;
                map.serialize_entry("@id", iri)?;
                map.end()
            }
            Value::Node(node) => JsonNode {
                node,
                context: false,
            }
            .serialize(s),
        }
    }
}
