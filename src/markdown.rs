//! Structure stage for Markdown articles, on pulldown-cmark's event stream.
//!
//! `#` is the headline, `##`..`######` are subheadings, `>` is a block quote, an image paragraph gives the
//! image and its caption, and a "Related"/"Läs också" heading or paragraph introduces related titles.

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use crate::model::{HeadlineRule, Paragraph, ParagraphKind, Section};
use crate::structure::{self, Structure};

/// One block of Markdown flattened to text.
#[derive(Debug)]
enum Block {
    Heading(HeadingLevel, String),
    Para {
        text: String,
        quote: bool,
        item: bool,
    },
    Image {
        url: String,
        alt: String,
    },
}

/// Structures a Markdown article. `given` is the headline front matter gives: a `#` heading that only
/// repeats it (as files with both a `title:` and a `# Title` do) is left out, not made a section.
pub fn markdown(text: &str, given: Option<&str>) -> Structure {
    let has_headline = given.is_some();
    let mut s = Structure::default();
    let mut sections = vec![Section {
        heading: None,
        paragraphs: Vec::new(),
    }];
    let mut in_related = false;
    for block in flatten(text) {
        match block {
            Block::Heading(HeadingLevel::H1, h) if s.headline.is_none() && !has_headline => {
                s.headline = Some((h, HeadlineRule::MarkdownHeading));
            }
            Block::Heading(HeadingLevel::H1, h)
                if given.is_some_and(|g| same_words(g, &h)) && nothing_yet(&s, &sections) => {}
            Block::Heading(_, h) if structure::is_related_marker(&h) => in_related = true,
            Block::Heading(_, h) => {
                in_related = false;
                sections.push(Section {
                    heading: Some(h),
                    paragraphs: Vec::new(),
                });
            }
            Block::Image { url, alt } => {
                s.image.get_or_insert(url);
                if !alt.is_empty() {
                    s.caption.get_or_insert(alt);
                }
            }
            Block::Para { text, quote, item } => {
                let mut lines: Vec<&str> = text
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .collect();
                if lines
                    .first()
                    .is_some_and(|l| structure::is_related_marker(l))
                {
                    lines.remove(0);
                    s.related.extend(lines.iter().map(|l| l.to_string()));
                    in_related = lines.is_empty();
                    continue;
                }
                if !quote && lines.iter().all(|l| structure::inline_related(l).is_some()) {
                    let titles = lines.iter().filter_map(|l| structure::inline_related(l));
                    s.related.extend(titles.map(str::to_owned));
                    continue;
                }
                if in_related && (item || !quote) {
                    s.related.extend(lines.iter().map(|l| l.to_string()));
                    continue;
                }
                let joined = lines.join(" ");
                let first_para = sections.len() == 1 && sections[0].paragraphs.is_empty();
                if first_para
                    && s.lead.is_none()
                    && !quote
                    && !item
                    && !structure::is_dash_quote(&joined)
                {
                    s.lead = Some(joined);
                    continue;
                }
                let mut p = structure::paragraph(&[joined.as_str()]);
                if quote {
                    p = Paragraph {
                        text: p.text,
                        kind: ParagraphKind::BlockQuote,
                    };
                }
                sections.last_mut().expect("never empty").paragraphs.push(p);
            }
        }
    }
    s.sections = sections
        .into_iter()
        .filter(|sec| sec.heading.is_some() || !sec.paragraphs.is_empty())
        .collect();
    s
}

/// Flattens the event stream into blocks of plain text (emphasis, links and code keep their text).
fn flatten(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut buf = String::new();
    let mut quote_depth = 0usize;
    let mut item_depth = 0usize;
    let mut image: Option<(String, String)> = None;
    let mut only_image = true;
    for event in Parser::new(text) {
        match event {
            Event::Start(Tag::BlockQuote(_)) => quote_depth += 1,
            Event::End(TagEnd::BlockQuote(_)) => quote_depth -= 1,
            Event::Start(Tag::Item) => item_depth += 1,
            Event::End(TagEnd::Item) => {
                push_para(&mut blocks, &mut buf, quote_depth > 0, true);
                item_depth -= 1;
            }
            Event::Start(Tag::Paragraph) | Event::Start(Tag::Heading { .. }) => {
                buf.clear();
                only_image = true;
            }
            Event::End(TagEnd::Heading(level)) => {
                blocks.push(Block::Heading(level, buf.trim().to_owned()));
                buf.clear();
            }
            Event::End(TagEnd::Paragraph) => {
                if let (Some((url, alt)), true) = (image.take(), only_image) {
                    blocks.push(Block::Image {
                        url,
                        alt: alt.trim().to_owned(),
                    });
                    buf.clear();
                } else if item_depth == 0 {
                    push_para(&mut blocks, &mut buf, quote_depth > 0, false);
                } else {
                    buf.push('\n');
                }
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                image = Some((dest_url.to_string(), String::new()))
            }
            Event::End(TagEnd::Image) => {}
            Event::Text(t) | Event::Code(t) => match image.as_mut() {
                Some((_, alt)) if only_image => alt.push_str(&t),
                _ => {
                    only_image = only_image && t.trim().is_empty();
                    buf.push_str(&t);
                }
            },
            Event::SoftBreak | Event::HardBreak => buf.push('\n'),
            _ => {}
        }
    }
    push_para(&mut blocks, &mut buf, false, false);
    blocks
}

fn push_para(blocks: &mut Vec<Block>, buf: &mut String, quote: bool, item: bool) {
    let text = std::mem::take(buf);
    if !text.trim().is_empty() {
        blocks.push(Block::Para {
            text: text.trim().to_owned(),
            quote,
            item,
        });
    }
}

/// Whether two headings say the same words (case, spacing and punctuation aside).
fn same_words(a: &str, b: &str) -> bool {
    let words = |t: &str| -> Vec<String> {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    words(a) == words(b)
}

/// Whether nothing of the article has been read yet (a heading here is the document's title).
fn nothing_yet(s: &Structure, sections: &[Section]) -> bool {
    s.lead.is_none() && sections.len() == 1 && sections[0].paragraphs.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_heading_that_repeats_the_front_matter_title_is_not_a_section() {
        let md = "# Min rubrik\n\nEn ingress här.\n\n## Del två\n\nBrödtext.\n";
        let s = markdown(md, Some("Min rubrik"));
        assert_eq!(s.headline, None);
        assert_eq!(s.lead.as_deref(), Some("En ingress här."));
        let headings: Vec<_> = s
            .sections
            .iter()
            .filter_map(|x| x.heading.as_deref())
            .collect();
        assert_eq!(headings, ["Del två"]);
        // A different first heading is text of its own and stays.
        let s = markdown(md, Some("En annan rubrik"));
        assert!(s
            .sections
            .iter()
            .any(|x| x.heading.as_deref() == Some("Min rubrik")));
    }

    #[test]
    fn markdown_shape_is_recognised() {
        let md = "# Ny skola i Angered\n\n![Eleverna på skolgården.](https://example.org/a.jpg)\n\nKommunen bygger en *ny* skola. Den öppnar snart.\n\n## Bakgrund\n\nBeslutet togs i maj.\n\n> Vi har väntat länge, säger Anna Berg.\n\n– Det blir bra, säger Bo Ek.\n\n## Läs också\n\n- Första titeln\n- Andra titeln\n";
        let s = markdown(md, None);
        assert_eq!(
            s.headline,
            Some(("Ny skola i Angered".into(), HeadlineRule::MarkdownHeading))
        );
        assert_eq!(s.caption.as_deref(), Some("Eleverna på skolgården."));
        assert_eq!(s.image.as_deref(), Some("https://example.org/a.jpg"));
        assert_eq!(
            s.lead.as_deref(),
            Some("Kommunen bygger en ny skola. Den öppnar snart.")
        );
        assert_eq!(s.related, ["Första titeln", "Andra titeln"]);
        assert_eq!(s.sections.len(), 1);
        let kinds: Vec<_> = s.sections[0].paragraphs.iter().map(|p| p.kind).collect();
        assert_eq!(
            kinds,
            [
                ParagraphKind::Text,
                ParagraphKind::BlockQuote,
                ParagraphKind::DashQuote
            ]
        );
    }
}
