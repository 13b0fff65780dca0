//! Main text of an HTML page: the article body without the page around it.
//!
//! Three steps, each a walk that never recurses (a page of 100,000 nested `<div>`s is a page like any
//! other):
//! 1. **Blocks**: the page is cut into text blocks in reading order (paragraphs, headings, block quotes,
//!    list items, captions, and runs of loose text), leaving out what is never article text: scripts,
//!    navigation, forms, hidden elements, and elements whose tag, role, class or id says menu, cookie
//!    banner, share buttons, comments, teasers, footer and the like. A pruned box introduced by "Läs
//!    också"/"Related" is kept aside as a list of related titles.
//! 2. **Container**: paragraph text scores the elements above it (readability's method: the parent gets
//!    a paragraph's score, the grandparent half, the next a third, less what is link text); the best
//!    scored element is the article body, with siblings that score nearly as well.
//! 3. **Structure**: the body's blocks become the article model's lead, sections with subheadings,
//!    paragraphs, block quotes, related titles and the first figure's image and caption; a standfirst
//!    just before the body (between the headline and it) becomes the lead.

use super::dom::{Dom, Node};
use ego_tree::{NodeId, NodeRef};

use super::meta::{absolute, collapse};
use crate::model::{Paragraph, ParagraphKind, Section};
use crate::structure::{self, Structure};

/// Elements whose content is never article text.
const DROPPED_TAGS: [&str; 22] = [
    "script", "style", "noscript", "template", "nav", "aside", "form", "button", "iframe", "svg",
    "select", "textarea", "input", "dialog", "object", "embed", "canvas", "video", "audio", "map",
    "menu", "head",
];

/// Roles of page furniture.
const DROPPED_ROLES: [&str; 9] = [
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "dialog",
    "alertdialog",
    "menu",
    "menubar",
];

/// Class or id words of page furniture (matched inside the lowercased `class` and `id`).
const DROPPED_WORDS: [&str; 44] = [
    "cookie",
    "consent",
    "gdpr",
    "share",
    "sharing",
    "social",
    "comment",
    "disqus",
    "newsletter",
    "subscribe",
    "advert",
    "ad-slot",
    "adslot",
    "ad-container",
    "sponsor",
    "promo",
    "sidebar",
    "breadcrumb",
    "menu",
    "navbar",
    "nav-",
    "skip-link",
    "skiplink",
    "popup",
    "modal",
    "related",
    "recommend",
    "teaser",
    "more-stories",
    "most-read",
    "mostread",
    "trending",
    "footer",
    "masthead",
    "toolbar",
    "byline",
    "author",
    "dateline",
    "article-meta",
    "entry-meta",
    "post-meta",
    "visually-hidden",
    "sr-only",
    "screen-reader",
];

/// Class or id words of a standfirst (lead paragraph) in the usual CMS templates.
const LEAD_WORDS: [&str; 9] = [
    "lead",
    "ingress",
    "standfirst",
    "preamble",
    "intro",
    "summary",
    "dek",
    "excerpt",
    "preface",
];

/// Inline elements: their text flows into the block around them.
const INLINE_TAGS: [&str; 30] = [
    "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark",
    "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr", "font",
    "img", "label", "del",
];

/// Elements whose whole text is one block.
const LEAF_BLOCKS: [&str; 14] = [
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "li",
    "figcaption",
    "pre",
    "dt",
    "dd",
    "address",
];

/// Shortest paragraph (in characters) that scores its container.
const MIN_SCORED: usize = 25;

/// What a text block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Paragraph,
    Heading(u8),
    Quote,
    Item,
    Caption,
}

/// One text block of the page.
#[derive(Debug, Clone)]
struct Block {
    kind: Kind,
    text: String,
    /// Characters of the text inside links.
    link_chars: usize,
    /// Whether all its text is bold (`<p><strong>Subheading</strong></p>`).
    all_bold: bool,
    /// The element that holds it: a leaf block's parent, a loose run's element.
    owner: NodeId,
    /// The block element itself, or the owner for loose text.
    node: NodeId,
    /// The image of the figure a caption belongs to.
    image: Option<String>,
    /// Whether the block or an element above it has a standfirst class.
    lead_hint: bool,
    /// The text's length in characters (counted once: scoring and the lead asks it several times).
    char_count: usize,
}

impl Block {
    fn chars(&self) -> usize {
        self.char_count
    }

    fn link_density(&self) -> f64 {
        self.link_chars as f64 / self.chars().max(1) as f64
    }
}

/// A pruned box that lists related articles under a "Läs också"/"Related" label.
#[derive(Debug)]
struct RelatedBox {
    node: NodeId,
    titles: Vec<String>,
}

/// The article body of `doc` as the structure stage gives it (no headline: the caller chooses it from
/// the metadata), and the first `<h1>`. `headline` (when the metadata gives one) is not repeated in the
/// body; `description` helps find the standfirst; `base` resolves a figure's image.
pub fn extract(
    doc: &Dom,
    headline: Option<&str>,
    description: Option<&str>,
    base: Option<&str>,
) -> (Structure, Option<String>) {
    let mut walk = Walk {
        doc,
        blocks: Vec::new(),
        related: Vec::new(),
        base,
    };
    walk.run(doc.tree.root());
    let h1 = walk
        .blocks
        .iter()
        .find(|b| b.kind == Kind::Heading(1))
        .map(|b| b.text.clone());
    let headline = headline.or(h1.as_deref());
    let chosen = choose_body(doc, &walk.blocks);
    let s = build(doc, &walk, &chosen, headline, description);
    (s, h1)
}

/// Step 1: the blocks of the page in reading order.
struct Walk<'b> {
    doc: &'b Dom,
    blocks: Vec<Block>,
    related: Vec<RelatedBox>,
    base: Option<&'b str>,
}

/// Work of the block walk: an element to enter, or a run of inline siblings forming loose text.
enum Work<'a> {
    Enter(NodeRef<'a, Node>, Ctx),
    Run(Vec<NodeRef<'a, Node>>, NodeId, Ctx),
}

/// What the walk knows about the elements above.
#[derive(Debug, Clone, Copy, Default)]
struct Ctx {
    in_article: bool,
    lead_hint: bool,
    figure: Option<NodeId>,
}

impl<'b> Walk<'b> {
    fn run(&mut self, root: NodeRef<'_, Node>) {
        let mut stack = vec![Work::Enter(root, Ctx::default())];
        while let Some(work) = stack.pop() {
            match work {
                Work::Enter(node, ctx) => self.enter(node, ctx, &mut stack),
                Work::Run(nodes, owner, ctx) => {
                    let (text, link_chars, all_bold) = inline_text(&nodes);
                    if !text.is_empty() {
                        self.push(
                            Kind::Paragraph,
                            text,
                            link_chars,
                            all_bold,
                            owner,
                            owner,
                            ctx,
                        );
                    }
                }
            }
        }
    }

    fn enter<'a>(&mut self, node: NodeRef<'a, Node>, mut ctx: Ctx, stack: &mut Vec<Work<'a>>) {
        if let Some(el) = node.value().as_element() {
            let name = el.name();
            if is_dropped(node, ctx) {
                self.keep_related(node);
                return;
            }
            if matches!(name, "article" | "main") || el.attr("itemprop") == Some("articleBody") {
                ctx.in_article = true;
            }
            if has_word(el, &LEAD_WORDS) {
                ctx.lead_hint = true;
            }
            if name == "figure" {
                ctx.figure = Some(node.id());
            }
            if let Some(level) = LEAF_BLOCKS.iter().position(|t| *t == name) {
                self.leaf(node, level, ctx);
                return;
            }
        } else if !matches!(node.value(), Node::Document | Node::Fragment) {
            return;
        }
        // Children in order: runs of inline content become loose-text blocks, elements are entered.
        let mut items: Vec<Work<'a>> = Vec::new();
        let mut run: Vec<NodeRef<'a, Node>> = Vec::new();
        for child in node.children() {
            let inline = match child.value() {
                Node::Text(_) => true,
                // Loose text broken by `<br>` is one block per line (old CMSs write paragraphs so).
                Node::Element(e) if e.name() == "br" => {
                    if !run.is_empty() {
                        items.push(Work::Run(std::mem::take(&mut run), node.id(), ctx));
                    }
                    continue;
                }
                Node::Element(e) => INLINE_TAGS.contains(&e.name()),
                _ => continue,
            };
            if inline {
                run.push(child);
            } else {
                if !run.is_empty() {
                    items.push(Work::Run(std::mem::take(&mut run), node.id(), ctx));
                }
                items.push(Work::Enter(child, ctx));
            }
        }
        if !run.is_empty() {
            items.push(Work::Run(run, node.id(), ctx));
        }
        stack.extend(items.into_iter().rev());
    }

    /// A leaf block: its whole text (pruned descendants left out).
    fn leaf(&mut self, node: NodeRef<'_, Node>, level: usize, ctx: Ctx) {
        let (text, link_chars, all_bold) = inline_text(&[node]);
        if text.is_empty() {
            return;
        }
        let name = LEAF_BLOCKS[level];
        let kind = if ctx.figure.is_some() || name == "figcaption" {
            Kind::Caption
        } else {
            match name {
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Kind::Heading(name.as_bytes()[1] - b'0'),
                "blockquote" => Kind::Quote,
                "li" | "dt" | "dd" => Kind::Item,
                _ => Kind::Paragraph,
            }
        };
        let owner = node.parent().map_or(node.id(), |p| p.id());
        self.push(kind, text, link_chars, all_bold, owner, node.id(), ctx);
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        kind: Kind,
        text: String,
        link_chars: usize,
        all_bold: bool,
        owner: NodeId,
        node: NodeId,
        ctx: Ctx,
    ) {
        let image = match (kind, ctx.figure) {
            (Kind::Caption, Some(f)) => self.figure_image(f),
            _ => None,
        };
        self.blocks.push(Block {
            kind,
            char_count: text.chars().count(),
            text,
            link_chars,
            all_bold,
            owner,
            node,
            image,
            lead_hint: ctx.lead_hint,
        });
    }

    /// The image of a figure (its `img`'s `src`, or a lazy loader's `data-src`), made absolute.
    fn figure_image(&self, figure: NodeId) -> Option<String> {
        figure_image(self.doc, figure, self.base)
    }

    /// Keeps the titles of a pruned box that a "Läs också"/"Related" label introduces.
    fn keep_related(&mut self, node: NodeRef<'_, Node>) {
        let mut label = None;
        let mut titles = Vec::new();
        let mut skip = 0usize;
        for edge in node.traverse() {
            match edge {
                ego_tree::iter::Edge::Open(n) => {
                    if skip > 0 || is_invisible(n) {
                        skip += 1;
                        continue;
                    }
                    match n.value() {
                        Node::Text(t) if label.is_none() && !t.trim().is_empty() => {
                            label = Some(structure::is_related_marker(t.trim()));
                        }
                        Node::Element(e) if e.name() == "a" => {
                            let (text, _, _) = inline_text(&[n]);
                            if !text.is_empty() {
                                titles.push(text);
                            }
                        }
                        _ => {}
                    }
                }
                ego_tree::iter::Edge::Close(_) => skip = skip.saturating_sub(1),
            }
            if label == Some(false) {
                return;
            }
        }
        if label == Some(true) && !titles.is_empty() {
            self.related.push(RelatedBox {
                node: node.id(),
                titles,
            });
        }
    }
}

/// Whether an element is page furniture (see the constants above).
fn is_dropped(node: NodeRef<'_, Node>, ctx: Ctx) -> bool {
    let Some(el) = node.value().as_element() else {
        return false;
    };
    let name = el.name();
    if matches!(name, "html" | "body" | "main" | "article")
        || el.attr("itemprop") == Some("articleBody")
    {
        return false;
    }
    if DROPPED_TAGS.contains(&name) || is_invisible(node) {
        return true;
    }
    // A page's header and footer; an article's own header holds its headline and standfirst.
    if matches!(name, "header" | "footer") && (!ctx.in_article || name == "footer") {
        return true;
    }
    if el
        .attr("role")
        .is_some_and(|r| DROPPED_ROLES.contains(&r.trim().to_ascii_lowercase().as_str()))
    {
        return true;
    }
    has_word(el, &DROPPED_WORDS)
}

/// Hidden elements: the `hidden` attribute, `aria-hidden`, `display:none`.
fn is_invisible(node: NodeRef<'_, Node>) -> bool {
    let Some(el) = node.value().as_element() else {
        return false;
    };
    if el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") {
        return true;
    }
    // `display:none` among the style's characters, whitespace left out and case ignored, without a
    // copy per styled element ('d' occurs only first in the pattern, so a mismatch restarts at the
    // current character).
    const PATTERN: &[u8] = b"display:none";
    el.attr("style").is_some_and(|s| {
        let mut at = 0;
        for c in s.chars().filter(|c| !c.is_whitespace()) {
            let c = c.to_ascii_lowercase();
            if c == char::from(PATTERN[at]) {
                at += 1;
                if at == PATTERN.len() {
                    return true;
                }
            } else {
                at = usize::from(c == char::from(PATTERN[0]));
            }
        }
        false
    })
}

/// Whether the element's class or id holds one of `words`.
fn has_word(el: &super::dom::Element, words: &[&str]) -> bool {
    let class = el.attr("class").unwrap_or("");
    let id = el.attr("id").unwrap_or("");
    // Asked of every element (twice): tokens are lowercased only when they hold a capital.
    class
        .split_whitespace()
        .chain(id.split_whitespace())
        .any(|token| {
            let token = if token.bytes().any(|b| b.is_ascii_uppercase()) {
                std::borrow::Cow::Owned(token.to_ascii_lowercase())
            } else {
                std::borrow::Cow::Borrowed(token)
            };
            words.iter().any(|w| matches_word(&token, w))
        })
}

/// `word` as a part of a class token: the whole token, or at a `-`/`_` boundary (`article-lead`,
/// `entry_summary`), or as its start (`sharebuttons`). `lead` does not match `leader`, nor `ad` `head`.
fn matches_word(token: &str, word: &str) -> bool {
    token.split(['-', '_']).any(|part| part == word)
        || (word.len() >= 5 && token.contains(word))
        || (word.ends_with('-') && token.contains(word))
}

/// The text of inline content: whitespace collapsed, pruned and hidden elements left out, `<br>` a space.
/// Also the characters inside links and whether all of it is bold.
fn inline_text(nodes: &[NodeRef<'_, Node>]) -> (String, usize, bool) {
    let mut out = String::new();
    let (mut link_chars, mut bold_chars, mut total) = (0usize, 0usize, 0usize);
    let (mut in_link, mut in_bold, mut skip) = (0usize, 0usize, 0usize);
    let mut space = false;
    for &start in nodes {
        for edge in start.traverse() {
            match edge {
                ego_tree::iter::Edge::Open(n) => {
                    if skip > 0 {
                        skip += 1;
                        continue;
                    }
                    match n.value() {
                        Node::Element(e) => {
                            let name = e.name();
                            if DROPPED_TAGS.contains(&name) || is_invisible(n) {
                                skip = 1;
                                continue;
                            }
                            match name {
                                "a" => in_link += 1,
                                "b" | "strong" => in_bold += 1,
                                "br" => space = true,
                                _ => {}
                            }
                            if !INLINE_TAGS.contains(&name) {
                                space = true;
                            }
                        }
                        Node::Text(t) => {
                            for (i, word) in t.split_whitespace().enumerate() {
                                if (i > 0 || space || t.starts_with(char::is_whitespace))
                                    && !out.is_empty()
                                {
                                    out.push(' ');
                                }
                                out.push_str(word);
                                let n = word.chars().count();
                                total += n;
                                if in_link > 0 {
                                    link_chars += n;
                                }
                                if in_bold > 0 {
                                    bold_chars += n;
                                }
                                space = false;
                            }
                            if t.ends_with(char::is_whitespace) {
                                space = true;
                            }
                        }
                        _ => {}
                    }
                }
                ego_tree::iter::Edge::Close(n) => {
                    if skip > 0 {
                        skip -= 1;
                        continue;
                    }
                    if let Some(e) = n.value().as_element() {
                        match e.name() {
                            "a" => in_link = in_link.saturating_sub(1),
                            "b" | "strong" => in_bold = in_bold.saturating_sub(1),
                            name if !INLINE_TAGS.contains(&name) => space = true,
                            _ => {}
                        }
                    }
                }
            }
        }
    }
    (out, link_chars, total > 0 && bold_chars == total)
}

/// Step 2: the element holding the article body, and the blocks chosen as the body (indexes).
struct Chosen {
    body: Vec<usize>,
    top: Option<NodeId>,
}

fn choose_body(doc: &Dom, blocks: &[Block]) -> Chosen {
    let mut scores: rustc_hash::FxHashMap<NodeId, f64> = rustc_hash::FxHashMap::default();
    for b in blocks {
        if !matches!(b.kind, Kind::Paragraph | Kind::Quote) || b.chars() < MIN_SCORED {
            continue;
        }
        let score = (1.0
            + b.text.matches([',', '.']).count() as f64 * 0.5
            + (b.chars() as f64 / 100.0).min(3.0))
            * (1.0 - b.link_density());
        let mut node = doc.tree.get(b.owner);
        for level in 1..=3 {
            let Some(n) = node else { break };
            *scores.entry(n.id()).or_default() += score / level as f64;
            node = n.parent();
        }
    }
    let top = scores
        .iter()
        .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(id, s)| (*id, *s));
    let Some((top, top_score)) = top else {
        return Chosen {
            body: (0..blocks.len()).collect(),
            top: None,
        };
    };
    // Siblings of the top element that score nearly as well hold more of the same text.
    let mut roots = vec![top];
    if let Some(parent) = doc.tree.get(top).and_then(|t| t.parent()) {
        for sib in parent.children() {
            let s = scores.get(&sib.id()).copied().unwrap_or(0.0);
            if sib.id() != top && s >= (top_score * 0.3).max(3.0) {
                roots.push(sib.id());
            }
        }
    }
    let body = blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| under_any(doc, b.node, &roots))
        .map(|(i, _)| i)
        .collect();
    Chosen {
        body,
        top: Some(top),
    }
}

/// Whether `node` is one of `roots` or inside one of them.
fn under_any(doc: &Dom, node: NodeId, roots: &[NodeId]) -> bool {
    let mut n = doc.tree.get(node);
    while let Some(x) = n {
        if roots.contains(&x.id()) {
            return true;
        }
        n = x.parent();
    }
    false
}

/// Short lines of page furniture that sit among the body's blocks: bylines, dates, photo credits.
fn is_furniture(text: &str) -> bool {
    if crate::model::count_words(text) > 14 {
        return false;
    }
    let lower = text.to_lowercase();
    const STARTS: [&str; 22] = [
        "by ",
        "av ",
        "text:",
        "text och foto",
        "foto:",
        "photo:",
        "bild:",
        "image:",
        "published",
        "publicerad",
        "updated",
        "uppdaterad",
        "senast uppdaterad",
        "last updated",
        "share",
        "dela",
        "tipsa",
        "print",
        "skriv ut",
        "read time",
        "lästid",
        "advertisement",
    ];
    STARTS.iter().any(|s| lower.starts_with(s)) || lower == "annons"
}

/// Step 3: the article model's structure from the chosen blocks.
fn build(
    doc: &Dom,
    walk: &Walk<'_>,
    chosen: &Chosen,
    headline: Option<&str>,
    description: Option<&str>,
) -> Structure {
    let blocks = &walk.blocks;
    let mut s = Structure::default();
    let first_body = chosen.body.first().copied().unwrap_or(blocks.len());
    // A standfirst between the headline and the body.
    let h1_at = blocks[..first_body]
        .iter()
        .rposition(|b| b.kind == Kind::Heading(1))
        .map_or(0, |i| i + 1);
    let mut leads: Vec<&Block> = Vec::new();
    let mut caption: Option<&Block> = None;
    for b in &blocks[h1_at..first_body] {
        if b.kind == Kind::Caption {
            caption = caption.or(Some(b));
            continue;
        }
        let words = crate::model::count_words(&b.text);
        let described = description.is_some_and(|d| same_text(d, &b.text));
        let lead_like = b.kind == Kind::Paragraph
            && b.link_density() < 0.2
            && !is_furniture(&b.text)
            && (b.lead_hint && words >= 6 || described || words >= 15);
        if lead_like && leads.len() < 2 {
            leads.push(b);
        }
    }
    let mut sections = vec![Section {
        heading: None,
        paragraphs: Vec::new(),
    }];
    let mut in_related = false;
    for &i in &chosen.body {
        let b = &blocks[i];
        if headline.is_some_and(|h| same_text(h, &b.text)) && matches!(b.kind, Kind::Heading(_)) {
            continue;
        }
        if structure::is_related_marker(&b.text) {
            in_related = true;
            continue;
        }
        if let Some(title) = structure::inline_related(&b.text) {
            if b.link_chars > 0 {
                s.related.push(title.to_owned());
                continue;
            }
        }
        if in_related && (b.kind == Kind::Item || b.link_density() > 0.6) {
            s.related.push(b.text.clone());
            continue;
        }
        in_related = false;
        match b.kind {
            Kind::Caption => {
                caption = caption.or(Some(b));
            }
            Kind::Heading(1) => {}
            Kind::Heading(_) => sections.push(Section {
                heading: Some(b.text.clone()),
                paragraphs: Vec::new(),
            }),
            _ if b.link_density() > 0.5 || is_furniture(&b.text) => {}
            Kind::Paragraph if b.all_bold && structure::is_heading_line(&b.text) => {
                sections.push(Section {
                    heading: Some(b.text.clone()),
                    paragraphs: Vec::new(),
                })
            }
            Kind::Quote => sections
                .last_mut()
                .expect("never empty")
                .paragraphs
                .push(Paragraph {
                    text: b.text.clone(),
                    kind: ParagraphKind::BlockQuote,
                }),
            _ => {
                let first = sections.len() == 1 && sections[0].paragraphs.is_empty();
                if first
                    && s.lead.is_none()
                    && leads.is_empty()
                    && !structure::is_dash_quote(&b.text)
                {
                    s.lead = Some(b.text.clone());
                    continue;
                }
                sections
                    .last_mut()
                    .expect("never empty")
                    .paragraphs
                    .push(structure::paragraph(&[b.text.as_str()]));
            }
        }
    }
    if let Some((first, rest)) = leads.split_first() {
        s.lead = Some(first.text.clone());
        let extra = rest
            .iter()
            .map(|b| structure::paragraph(&[b.text.as_str()]));
        let body = std::mem::take(&mut sections[0].paragraphs);
        sections[0].paragraphs = extra.chain(body).collect();
    }
    // Related boxes and lists near the article (not a teaser rail elsewhere on the page).
    if let Some(top) = chosen.top {
        let scope = doc
            .tree
            .get(top)
            .and_then(|t| t.parent())
            .and_then(|p| p.parent())
            .map_or(top, |p| p.id());
        s.related
            .extend(related_outside(doc, blocks, &chosen.body, scope));
        for r in &walk.related {
            if under_any(doc, r.node, &[scope]) {
                s.related.extend(r.titles.iter().cloned());
            }
        }
    }
    if let Some(c) = caption {
        s.caption = Some(c.text.clone());
        s.image = c.image.clone();
    }
    s.sections = sections
        .into_iter()
        .filter(|sec| !sec.paragraphs.is_empty() || sec.heading.is_some())
        .collect();
    // A heading with nothing after it ends the page (a "Share"/"Contact" heading of a footer box).
    while s
        .sections
        .last()
        .is_some_and(|sec| sec.paragraphs.is_empty())
    {
        s.sections.pop();
    }
    s
}

/// Titles listed under a "Läs också"/"Related" heading beside the body (in its own box of the same
/// article), which the body's own blocks do not hold.
fn related_outside(doc: &Dom, blocks: &[Block], body: &[usize], scope: NodeId) -> Vec<String> {
    let in_body: rustc_hash::FxHashSet<usize> = body.iter().copied().collect();
    let mut titles = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        let b = &blocks[i];
        i += 1;
        if in_body.contains(&(i - 1))
            || !structure::is_related_marker(&b.text)
            || !under_any(doc, b.node, &[scope])
        {
            continue;
        }
        while i < blocks.len()
            && !in_body.contains(&i)
            && (blocks[i].kind == Kind::Item || blocks[i].link_density() > 0.6)
        {
            titles.push(blocks[i].text.clone());
            i += 1;
        }
    }
    titles
}

/// Equal texts but for whitespace, case and final punctuation.
fn same_text(a: &str, b: &str) -> bool {
    let norm = |t: &str| {
        collapse(t)
            .trim_end_matches(['.', '!', '?', '…'])
            .to_lowercase()
    };
    norm(a) == norm(b)
}

/// The first image of a figure: `src`, else a lazy loader's `data-src`.
fn figure_image(doc: &Dom, figure: NodeId, base: Option<&str>) -> Option<String> {
    let fig = doc.tree.get(figure)?;
    fig.descendants().find_map(|n| {
        let el = n.value().as_element().filter(|e| e.name() == "img")?;
        let src = el.attr("src").or_else(|| el.attr("data-src"))?;
        absolute(src, base)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_none_is_found_whatever_the_spacing_and_case() {
        let styles = [
            ("display:none", true),
            ("color: red; DISPLAY : None !important", true),
            ("ddisplay:none", true),
            ("display:display:none", true),
            ("display: block; none", false),
            ("display:non e", true),
            ("display:nonE", true),
            ("display:nond", false),
            ("", false),
        ];
        for (style, hidden) in styles {
            let doc = Dom::parse(&format!("<div style=\"{style}\">x</div>"));
            let div = doc
                .tree
                .root()
                .descendants()
                .find(|n| n.value().as_element().is_some_and(|e| e.name() == "div"))
                .unwrap();
            assert_eq!(is_invisible(div), hidden, "{style:?}");
        }
    }

    #[test]
    fn class_and_id_words_are_found_in_any_case() {
        let doc = Dom::parse("<div class=\"Article-LEAD x\" id=\"Main\">x</div><p id=leader>y</p>");
        let el = |name: &str| {
            doc.tree
                .root()
                .descendants()
                .find_map(|n| n.value().as_element().filter(|e| e.name() == name).cloned())
                .unwrap()
        };
        assert!(has_word(&el("div"), &["lead"]));
        assert!(has_word(&el("div"), &["main"]));
        assert!(!has_word(&el("p"), &["lead"]));
    }
}
