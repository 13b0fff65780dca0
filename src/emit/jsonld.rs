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
pub const ID_COERCED: [&str; 5] = ["url", "image", "sameAs", "contentUrl", "logo"];

/// The article node as a JSON-LD document (through serde; the reference `to_string` is tested against).
pub fn document(root: &Node) -> serde_json::Value {
    serde_json::to_value(Document(root)).expect("JSON-LD documents always serialize")
}

/// Pretty-printed document with a final newline, as `convert` writes it: byte for byte what
/// `serde_json::to_string_pretty(&document(root))` gives, written straight from the node tree. Strings are
/// copied in runs between the bytes that need escaping (found with `memchr`) instead of byte by byte:
/// this runs once per article in every batch, and most of a document is article text.
pub fn to_string(root: &Node) -> String {
    // A seed-sized article's document is about 10 KB: room for it at once spares a copy while growing.
    let mut w = Pretty {
        out: String::with_capacity(16384),
        depth: 0,
    };
    w.node(root, true);
    w.out.push('\n');
    w.out
}

/// A writer with `serde_json`'s pretty layout: two spaces per level, `"key": value`, one item a line.
struct Pretty {
    out: String,
    depth: usize,
}

impl Pretty {
    fn newline(&mut self) {
        /// Enough indentation for the deepest tree (article, entity, place, geo: four levels and arrays).
        const SPACES: &str = "\n                                ";
        match SPACES.get(..1 + 2 * self.depth) {
            Some(indent) => self.out.push_str(indent),
            None => {
                self.out.push('\n');
                (0..self.depth).for_each(|_| self.out.push_str("  "));
            }
        }
    }

    /// Opens an object or array (`{` or `[`); items follow with `item`, then `close`.
    fn open(&mut self, bracket: char) {
        self.out.push(bracket);
        self.depth += 1;
    }

    /// Starts the next item of the open object or array.
    fn item(&mut self, first: &mut bool) {
        if !std::mem::take(first) {
            self.out.push(',');
        }
        self.newline();
    }

    /// Closes with `}` or `]`; an empty one stays on its line (`[]`).
    fn close(&mut self, bracket: char, empty: bool) {
        self.depth -= 1;
        if !empty {
            self.newline();
        }
        self.out.push(bracket);
    }

    fn key(&mut self, first: &mut bool, key: &str) {
        self.item(first);
        write_str(&mut self.out, key);
        self.out.push_str(": ");
    }

    fn node(&mut self, n: &Node, context: bool) {
        self.open('{');
        let mut first = true;
        if context {
            self.key(&mut first, "@context");
            write_str(&mut self.out, CONTEXT);
        }
        self.key(&mut first, "@type");
        write_str(&mut self.out, n.ty);
        self.key(&mut first, "@id");
        write_str(&mut self.out, &n.id);
        for (prop, values) in &n.props {
            self.key(&mut first, prop);
            match values.as_slice() {
                [value] => self.value(prop, value),
                many => {
                    self.open('[');
                    let mut first = true;
                    for value in many {
                        self.item(&mut first);
                        self.value(prop, value);
                    }
                    self.close(']', first);
                }
            }
        }
        self.close('}', first);
    }

    /// One value, shaped like `JsonValue` shapes it.
    fn value(&mut self, prop: &str, value: &Value) {
        match value {
            Value::Text(t) | Value::Date(t) => write_str(&mut self.out, t),
            Value::Int(i) => self.out.push_str(itoa::Buffer::new().format(*i)),
            Value::Decimal(d) => {
                self.open('{');
                let mut first = true;
                self.key(&mut first, "@value");
                write_str(&mut self.out, d);
                self.key(&mut first, "@type");
                self.out.push('"');
                self.out.push_str(XSD);
                self.out.push_str("decimal\"");
                self.close('}', false);
            }
            Value::Iri(iri) if ID_COERCED.contains(&prop) => write_str(&mut self.out, iri),
            Value::Iri(iri) | Value::Ref(iri) => {
                self.open('{');
                let mut first = true;
                self.key(&mut first, "@id");
                write_str(&mut self.out, iri);
                self.close('}', false);
            }
            Value::Node(node) => self.node(node, false),
        }
    }
}

/// A JSON string with `serde_json`'s escapes: `\"`, `\\`, `\b \f \n \r \t`, other controls as `\u00xx`.
fn write_str(out: &mut String, s: &str) {
    let bytes = s.as_bytes();
    out.push('"');
    let mut start = 0;
    let mut escape = |out: &mut String, i: usize| {
        out.push_str(&s[start..i]);
        match bytes[i] {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x08 => out.push_str("\\b"),
            0x0C => out.push_str("\\f"),
            b => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 15)]));
            }
        }
        start = i + 1;
    };
    // One branch-free pass (the compiler vectorizes it) learns whether anything needs escaping at all,
    // as in most names, IRIs and keys, which are then copied whole. Text holds line feeds but hardly
    // ever other control characters: without those, `memchr3` finds every byte to escape.
    let found = bytes.iter().fold(0u8, |acc, &b| {
        let escaped = b < 0x20 || b == b'"' || b == b'\\';
        acc | u8::from(escaped) | u8::from(b < 0x20 && b != b'\n') << 1
    });
    if found == 0 {
        out.push_str(s);
        out.push('"');
        return;
    }
    if found & 2 != 0 {
        for (i, &b) in bytes.iter().enumerate() {
            if b < 0x20 || b == b'"' || b == b'\\' {
                escape(out, i);
            }
        }
    } else {
        for i in memchr::memchr3_iter(b'"', b'\\', b'\n', bytes) {
            escape(out, i);
        }
    }
    out.push_str(&s[start..]);
    out.push('"');
}

/// The root node with its `@context`.
struct Document<'a>(&'a Node<'a>);

/// A node's `@type`, `@id` and properties, in the tree's order.
struct JsonNode<'a> {
    node: &'a Node<'a>,
    context: bool,
}

/// One property's values: a single value as itself, several as an array.
struct JsonValues<'a> {
    prop: &'a str,
    values: &'a [Value<'a>],
}

/// One value, written the way the schema.org context reads it back as the RDF writer states it.
struct JsonValue<'a> {
    prop: &'a str,
    value: &'a Value<'a>,
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
        map.serialize_entry("@type", n.ty)?;
        map.serialize_entry("@id", &n.id)?;
        for (prop, values) in &n.props {
            let values = values.as_slice();
            map.serialize_entry(prop, &JsonValues { prop, values })?;
        }
        map.end()
    }
}

impl Serialize for JsonValues<'_> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::graph::Values;

    fn pretty(root: &Node) -> String {
        serde_json::to_string_pretty(&document(root)).unwrap() + "\n"
    }

    #[test]
    fn the_direct_writer_gives_serde_jsons_bytes() {
        let tricky =
            "quote \" backslash \\ tab\t cr\r nl\n bell\u{7} esc\u{1b} del\u{7f} å – ”x” \u{2028}";
        let one = |v: Value<'static>| Values::One(v);
        let inner = Node {
            id: "https://x.example/b".into(),
            ty: "Person",
            props: vec![("name", one(Value::Text(tricky.into())))],
        };
        let root = Node {
            id: "https://x.example/a".into(),
            ty: "NewsArticle",
            props: vec![
                (
                    "headline",
                    one(Value::Text("only\nline feeds and \"quotes\"".into())),
                ),
                ("articleBody", one(Value::Text(tricky.into()))),
                ("wordCount", one(Value::Int(-42))),
                ("latitude", one(Value::Decimal("57.70887".into()))),
                (
                    "sameAs",
                    Values::Many(vec![
                        Value::Iri("http://www.wikidata.org/entity/Q25287".into()),
                        Value::Iri("https://sv.wikipedia.org/wiki/G%C3%B6teborg".into()),
                    ]),
                ),
                ("isBasedOn", one(Value::Iri("urn:x".into()))),
                ("about", one(Value::Ref("https://x.example/b".into()))),
                (
                    "mentions",
                    Values::Many(vec![Value::Node(inner.clone()), Value::Node(inner)]),
                ),
                ("keywords", Values::Many(vec![])),
                ("datePublished", one(Value::Date("2024-05-01".into()))),
            ],
        };
        assert_eq!(to_string(&root), pretty(&root));
        let bare = Node {
            id: "".into(),
            ty: "Thing",
            props: vec![],
        };
        assert_eq!(to_string(&bare), pretty(&bare));
    }

    /// A chain of nodes deeper than the writer's indentation table still gets serde_json's layout.
    #[test]
    fn deep_trees_are_indented_like_serde_json() {
        let mut node = Node {
            id: "https://x.example/leaf".into(),
            ty: "Thing",
            props: vec![("name", Values::One(Value::Text("leaf".into())))],
        };
        for depth in 0..24 {
            node = Node {
                id: format!("https://x.example/{depth}").into(),
                ty: "Thing",
                props: vec![("mentions", Values::Many(vec![Value::Node(node)]))],
            };
        }
        assert_eq!(to_string(&node), pretty(&node));
    }

    proptest::proptest! {
        /// Any text, controls and quotes included, is escaped exactly as serde_json escapes it.
        #[test]
        fn any_text_is_escaped_like_serde_json(text in "(?s).{0,80}", plain in "[a-z]{0,40}") {
            let root = Node {
                id: plain.clone().into(),
                ty: "Thing",
                props: vec![
                    ("name", Values::One(Value::Text(text.clone().into()))),
                    ("alternateName", Values::One(Value::Text(plain.into()))),
                    ("description", Values::One(Value::Text(format!("{text}\n{text}").into()))),
                ],
            };
            proptest::prop_assert_eq!(to_string(&root), pretty(&root));
        }
    }
}
