//! The page as a tree: html5ever parses (as browsers do, repairing whatever markup it meets) into an
//! ego-tree arena. An arena, not reference-counted nodes, because the extraction walks and the tree is
//! dropped without recursion, so a page of 100,000 nested elements is no harder than any other.
//! The tree sink follows scraper's (MIT), with only the node kinds the extraction needs.

use std::borrow::Cow;
use std::cell::{Ref, RefCell};

use ego_tree::{NodeId, NodeRef, Tree};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, LocalName, QualName};

/// A node of the page.
#[derive(Debug, Clone)]
pub enum Node {
    /// The document root.
    Document,
    /// A template's contents.
    Fragment,
    /// Text (adjacent text is merged).
    Text(StrTendril),
    /// An element.
    Element(Element),
    /// Comments, doctypes, processing instructions: never article text.
    Other,
}

impl Node {
    /// The element, when the node is one.
    pub fn as_element(&self) -> Option<&Element> {
        match self {
            Node::Element(e) => Some(e),
            _ => None,
        }
    }
}

/// An element: its name and attributes.
#[derive(Debug, Clone)]
pub struct Element {
    name: QualName,
    attrs: Vec<(LocalName, StrTendril)>,
    /// A `<style>`, or a `<script>` that is not JSON-LD: its text is code, never read (see [`Sink`]).
    raw: bool,
}

impl Element {
    /// The local name (`p`, `div`, ...), lowercase for HTML elements.
    pub fn name(&self) -> &str {
        &self.name.local
    }

    /// An attribute's value.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| &**n == name)
            .map(|(_, v)| &**v)
    }
}

/// A parsed page.
#[derive(Debug)]
pub struct Dom {
    /// The node tree; its root is the document.
    pub tree: Tree<Node>,
}

impl Dom {
    /// Parses a page as a browser would.
    pub fn parse(text: &str) -> Dom {
        let sink = Sink(RefCell::new(Tree::new(Node::Document)));
        html5ever::parse_document(sink, Default::default()).one(text)
    }

    /// The `<html>` element.
    pub fn root_element(&self) -> Option<NodeRef<'_, Node>> {
        self.tree
            .root()
            .children()
            .find(|n| n.value().as_element().is_some())
    }
}

/// The text under a node, concatenated (code in scripts and styles left out: the tree keeps only its
/// start).
pub fn text_of(node: NodeRef<'_, Node>) -> String {
    let mut out = String::new();
    for n in node.descendants() {
        if let Node::Text(t) = n.value() {
            if !n.parent().is_some_and(|p| is_raw(p.value())) {
                out.push_str(t);
            }
        }
    }
    out
}

/// Whether the node is an element whose text is code (see [`Element`]).
fn is_raw(node: &Node) -> bool {
    node.as_element().is_some_and(|e| e.raw)
}

/// Whether an element's text is code that no stage reads: a style sheet, or a script other than JSON-LD.
fn is_code(name: &QualName, attrs: &[Attribute]) -> bool {
    match &*name.local {
        "style" => true,
        "script" => !attrs.iter().any(|a| {
            &*a.name.local == "type" && a.value.trim().eq_ignore_ascii_case("application/ld+json")
        }),
        _ => false,
    }
}

/// Builds the tree for html5ever. Scripts and styles are often half of a page's bytes and html5ever hands
/// their text over line by line: the sink keeps a code element's text only up to its first non-blank
/// piece (so the tree still tells blank code from code), instead of copying it all into one string.
struct Sink(RefCell<Tree<Node>>);

impl TreeSink for Sink {
    type Output = Dom;
    type Handle = NodeId;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Dom {
        Dom {
            tree: self.0.into_inner(),
        }
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn get_document(&self) -> NodeId {
        self.0.borrow().root().id()
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }

    fn elem_name<'a>(&'a self, target: &NodeId) -> Ref<'a, QualName> {
        Ref::map(self.0.borrow(), |tree| {
            match tree.get(*target).map(|n| n.value()) {
                Some(Node::Element(e)) => &e.name,
                _ => unreachable!("html5ever asks element names of elements only"),
            }
        })
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, _: ElementFlags) -> NodeId {
        let template = &*name.local == "template";
        let raw = is_code(&name, &attrs);
        let attrs = attrs.into_iter().map(|a| (a.name.local, a.value)).collect();
        let mut tree = self.0.borrow_mut();
        let mut node = tree.orphan(Node::Element(Element { name, attrs, raw }));
        if template {
            node.append(Node::Fragment);
        }
        node.id()
    }

    fn create_comment(&self, _text: StrTendril) -> NodeId {
        self.0.borrow_mut().orphan(Node::Other).id()
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> NodeId {
        self.0.borrow_mut().orphan(Node::Other).id()
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {
        self.0.borrow_mut().root_mut().append(Node::Other);
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        let mut tree = self.0.borrow_mut();
        let Some(mut parent) = tree.get_mut(*parent) else {
            return;
        };
        match child {
            NodeOrText::AppendNode(id) => {
                parent.append_id(id);
            }
            NodeOrText::AppendText(text) => {
                let code = is_raw(parent.value());
                let merged = parent.last_child().is_some_and(|mut n| match n.value() {
                    Node::Text(t) => {
                        if !code || t.trim().is_empty() {
                            t.push_tendril(&text);
                        }
                        true
                    }
                    _ => false,
                });
                if !merged {
                    parent.append(Node::Text(text));
                }
            }
        }
    }

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        let mut tree = self.0.borrow_mut();
        if let NodeOrText::AppendNode(id) = new_node {
            if let Some(mut n) = tree.get_mut(id) {
                n.detach();
            }
        }
        let Some(mut sibling) = tree.get_mut(*sibling) else {
            return;
        };
        if sibling.parent().is_none() {
            return;
        }
        match new_node {
            NodeOrText::AppendNode(id) => {
                sibling.insert_id_before(id);
            }
            NodeOrText::AppendText(text) => {
                let merged = sibling.prev_sibling().is_some_and(|mut n| match n.value() {
                    Node::Text(t) => {
                        t.push_tendril(&text);
                        true
                    }
                    _ => false,
                });
                if !merged {
                    sibling.insert_before(Node::Text(text));
                }
            }
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        let has_parent = self
            .0
            .borrow()
            .get(*element)
            .is_some_and(|n| n.parent().is_some());
        if has_parent {
            self.append_before_sibling(element, child)
        } else {
            self.append(prev_element, child)
        }
    }

    fn remove_from_parent(&self, target: &NodeId) {
        if let Some(mut n) = self.0.borrow_mut().get_mut(*target) {
            n.detach();
        }
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        if let Some(mut p) = self.0.borrow_mut().get_mut(*new_parent) {
            p.reparent_from_id_append(*node);
        }
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        let mut tree = self.0.borrow_mut();
        let Some(mut node) = tree.get_mut(*target) else {
            return;
        };
        if let Node::Element(e) = node.value() {
            for a in attrs {
                if !e.attrs.iter().any(|(n, _)| *n == a.name.local) {
                    e.attrs.push((a.name.local, a.value));
                }
            }
        }
    }

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        let tree = self.0.borrow();
        tree.get(*target)
            .and_then(|n| n.first_child())
            .map_or(*target, |c| c.id())
    }

    fn mark_script_already_started(&self, _node: &NodeId) {}
}
