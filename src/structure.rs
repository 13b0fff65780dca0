//! Structure stage for plain-text exports: caption, headline, lead, related block, sections, paragraphs.
//!
//! The rules follow how news exports are laid out (see README.md, "Input shapes"): blocks are separated by
//! blank lines; a subheading is a short line without final punctuation directly followed by its paragraph;
//! a paragraph opening with a dash is quoted speech.

use crate::model::{HeadlineRule, Paragraph, ParagraphKind, Section};

/// Most words a kicker sentence may have to become the headline.
const KICKER_WORDS: usize = 8;
/// Most words in a subheading or a stand-alone headline line.
const HEADING_WORDS: usize = 12;
/// Most characters in a subheading.
const HEADING_CHARS: usize = 90;
/// Most characters in a caption line.
const CAPTION_CHARS: usize = 200;
/// Words kept when a first sentence is shortened into a headline.
const HEADLINE_WORDS: usize = 14;
/// Most characters a headline keeps, whatever gave it: a line or a first sentence without spaces (a
/// token of megabytes) or a front-matter title would otherwise be a headline of that size.
pub const HEADLINE_CHARS: usize = 300;
/// Most characters of the lead given as the article's description (the whole lead stays in the body).
pub const DESCRIPTION_CHARS: usize = 1000;

/// What the structure stage finds; the article stage combines it with front matter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Structure {
    /// Headline and the rule that chose it.
    pub headline: Option<(String, HeadlineRule)>,
    /// Image caption.
    pub caption: Option<String>,
    /// Image URL (Markdown image).
    pub image: Option<String>,
    /// Lead paragraph.
    pub lead: Option<String>,
    /// Related article titles.
    pub related: Vec<String>,
    /// Body sections.
    pub sections: Vec<Section>,
}

/// Structures a plain-text article. `has_headline` says front matter already gives the headline, so no
/// line of the text is taken for one. The kicker rule is applied later, by the article stage.
pub fn plain(text: &str, has_headline: bool) -> Structure {
    let lines = trimmed_lines(text);
    let blocks = blocks(&lines);
    let mut s = Structure::default();
    let mut rest = &blocks[..];
    if let Some((first, tail)) = rest.split_first() {
        if !tail.is_empty() && is_caption(first) {
            s.caption = Some(first[0].to_owned());
            rest = tail;
        }
    }
    if let Some((first, tail)) = rest.split_first() {
        let headline_line =
            first.len() == 1 && is_heading_line(first[0]) && !is_related_marker(first[0]);
        if !has_headline && !tail.is_empty() && headline_line {
            s.headline = Some((first[0].to_owned(), HeadlineRule::HeadlineLine));
            rest = tail;
        }
    }
    let mut sections = vec![Section {
        heading: None,
        paragraphs: Vec::new(),
    }];
    let mut i = 0;
    while i < rest.len() {
        let block = &rest[i];
        i += 1;
        if is_related_marker(block[0]) {
            let titles = if block.len() > 1 {
                &block[1..]
            } else if i < rest.len() {
                i += 1;
                rest[i - 1]
            } else {
                &[][..]
            };
            s.related.extend(titles.iter().map(|t| t.to_string()));
            continue;
        }
        // "Läs också: Title" lines, a block of one or several.
        if block.iter().all(|l| inline_related(l).is_some()) {
            let titles = block.iter().filter_map(|l| inline_related(l));
            s.related.extend(titles.map(str::to_owned));
            continue;
        }
        if s.lead.is_none() && sections.len() == 1 && sections[0].paragraphs.is_empty() {
            s.lead = Some(join_lines(block));
            continue;
        }
        if block.len() > 1 && is_subheading(block[0], block[1], block.len()) {
            sections.push(Section {
                heading: Some(block[0].to_owned()),
                paragraphs: vec![paragraph(&block[1..])],
            });
        } else if block.len() == 1 && i < rest.len() && is_heading_line(block[0]) {
            sections.push(Section {
                heading: Some(block[0].to_owned()),
                paragraphs: Vec::new(),
            });
        } else {
            sections
                .last_mut()
                .expect("never empty")
                .paragraphs
                .push(paragraph(block));
        }
    }
    s.sections = sections
        .into_iter()
        .filter(|sec| sec.heading.is_some() || !sec.paragraphs.is_empty())
        .collect();
    s
}

/// The text's trimmed lines; [`blocks`] splits them at blank lines.
fn trimmed_lines(text: &str) -> Vec<&str> {
    text.lines().map(str::trim).collect()
}

/// Blocks of non-empty lines separated by blank lines, as slices of `lines` (one list for the text,
/// not one per block).
fn blocks<'l, 't>(lines: &'l [&'t str]) -> Vec<&'l [&'t str]> {
    lines
        .split(|line| line.is_empty())
        .filter(|block| !block.is_empty())
        .collect()
}

/// A paragraph from a block's lines; a leading dash marks quoted speech.
pub fn paragraph(lines: &[&str]) -> Paragraph {
    let text = join_lines(lines);
    let kind = if is_dash_quote(&text) {
        ParagraphKind::DashQuote
    } else {
        ParagraphKind::Text
    };
    Paragraph { text, kind }
}

/// Hard-wrapped lines of one paragraph joined with single spaces.
fn join_lines(lines: &[&str]) -> String {
    lines.join(" ")
}

/// Nordic quoted speech opens with a dash followed by a space: en dash, em dash, hyphen, horizontal bar,
/// and the figure dash (U+2012) and minus sign (U+2212) that some publishing systems put in their place.
pub fn is_dash_quote(text: &str) -> bool {
    let mut chars = text.chars();
    matches!(chars.next(), Some(c) if is_quote_dash(c))
        && chars.next().is_some_and(char::is_whitespace)
}

/// The dashes that open a quoted paragraph.
pub fn is_quote_dash(c: char) -> bool {
    matches!(c, '–' | '—' | '-' | '―' | '‒' | '−')
}

/// A caption: the first block, one line, ending like a sentence, short.
fn is_caption(block: &[&str]) -> bool {
    block.len() == 1
        && block[0].chars().count() <= CAPTION_CHARS
        && block[0].ends_with(['.', '!', '?'])
        && !is_dash_quote(block[0])
        && !is_related_marker(block[0])
        && crate::model::count_words(block[0]) <= 30
}

/// A short line with no final punctuation that starts like a title: a capital, a digit or a quotation mark
/// (BBC and Guardian headlines often open with a quote: "‘We can hear the sea’: residents wait").
pub fn is_heading_line(line: &str) -> bool {
    let first = line.chars().next().unwrap_or(' ');
    (first.is_uppercase()
        || first.is_ascii_digit()
        || matches!(first, '”' | '"' | '“' | '‘' | '\'' | '«' | '»' | '„'))
        && line.chars().count() <= HEADING_CHARS
        && crate::model::count_words(line) <= HEADING_WORDS
        && !line
            .trim_end_matches(['”', '"', '’', '\'', '»'])
            .ends_with(['.', ',', ';', ':', '!', '…'])
        && !is_dash_quote(line)
}

/// A subheading directly followed by its paragraph. A hard-wrapped paragraph's first line is about as long
/// as its second, a subheading is clearly shorter: that tells them apart.
fn is_subheading(first: &str, second: &str, lines: usize) -> bool {
    is_heading_line(first)
        && (lines == 2 || first.chars().count() * 10 < second.chars().count() * 7)
}

/// `Läs också: Title` in one paragraph: the title (Göteborgs-Posten and Vårt Göteborg put each related
/// article on a line of its own this way).
pub fn inline_related(text: &str) -> Option<&str> {
    let (label, rest) = text.split_once(':')?;
    (is_related_marker(label) && !rest.trim().is_empty()).then(|| rest.trim())
}

/// "Läs också:", "Read also:", "Related:" and their usual variants, in lowercase.
const RELATED_MARKERS: [&str; 13] = [
    "läs också",
    "läs även",
    "läs mer",
    "se även",
    "relaterat",
    "relaterade artiklar",
    "read also",
    "read more",
    "also read",
    "related",
    "related articles",
    "related stories",
    "see also",
];

/// Whether a line is one of [`RELATED_MARKERS`], in any case, with or without a colon.
pub fn is_related_marker(line: &str) -> bool {
    // The longest marker is 20 bytes: most lines are ruled out before lowercasing.
    if line.trim().len() > 32 {
        return false;
    }
    let l = line.trim().trim_end_matches(':').trim().to_lowercase();
    RELATED_MARKERS.contains(&l.as_str())
}

/// The headline rule for texts without one: a short kicker sentence becomes the headline and leaves the
/// lead; otherwise the first sentence (shortened) is the headline and the lead stays whole.
pub fn headline_from_lead(lead: &str) -> (String, HeadlineRule, Option<String>) {
    let (first, rest) = split_first_sentence(lead);
    let words = crate::model::count_words(first);
    // A kicker leaves the lead, so one too long for a headline stays in it (the headline is then cut
    // from the first sentence, and the lead keeps every word).
    let short = first.chars().nth(HEADLINE_CHARS).is_none();
    if !rest.is_empty() && words <= KICKER_WORDS && short {
        let headline = first.trim_end_matches('.').trim().to_owned();
        return (headline, HeadlineRule::Kicker, Some(rest.to_owned()));
    }
    let mut headline: Vec<&str> = first.split_whitespace().take(HEADLINE_WORDS).collect();
    let cut = first.split_whitespace().count() > HEADLINE_WORDS;
    let mut text = headline.join(" ");
    if cut {
        headline.clear();
        text.push('…');
    } else {
        text = text.trim_end_matches('.').to_owned();
    }
    (text, HeadlineRule::FirstSentence, Some(lead.to_owned()))
}

/// `text` cut to at most `max` characters with "…" as the last: at the last space when that keeps at
/// least half of them, else inside the word; `None` when it fits. Reads at most `max` characters.
pub fn shorten(text: &str, max: usize) -> Option<String> {
    text.char_indices().nth(max)?;
    let keep_end = text
        .char_indices()
        .nth(max - 1)
        .map_or(text.len(), |(i, _)| i);
    let kept = &text[..keep_end];
    let at_word_end = text[keep_end..].starts_with(char::is_whitespace);
    let cut = match kept.rfind(char::is_whitespace) {
        Some(space) if !at_word_end && kept[..space].chars().count() >= max / 2 => &kept[..space],
        _ => kept,
    };
    let mut short = cut.trim_end().to_owned();
    short.push('…');
    Some(short)
}

/// Splits at the first sentence end: `.`, `!` or `?` followed by a space and a capital letter or a dash.
pub fn split_first_sentence(text: &str) -> (&str, &str) {
    for (i, c) in text.char_indices() {
        if matches!(c, '.' | '!' | '?') {
            let after = &text[i + c.len_utf8()..];
            let trimmed = after.trim_start();
            if after.len() != trimmed.len()
                && trimmed
                    .chars()
                    .next()
                    .is_some_and(|n| n.is_uppercase() || n.is_ascii_digit() || "–—”\"".contains(n))
            {
                return (&text[..i + c.len_utf8()], trimmed);
            }
        }
    }
    (text, "")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Related-article markers in any case, with a colon or spaces; near misses and long lines are not.
    #[test]
    fn related_markers_are_known_in_any_case() {
        for m in RELATED_MARKERS {
            let capital = m[..1].to_uppercase() + &m[1..];
            for form in [
                m.to_owned(),
                m.to_uppercase(),
                capital,
                format!("  {m}: "),
                format!("{m}::"),
            ] {
                assert!(is_related_marker(&form), "{form:?}");
            }
        }
        let others = [
            "",
            ":",
            "Läs",
            "Ämnen",
            "Övrigt",
            "Mer att läsa",
            "läs också detta",
        ];
        for line in others.into_iter().chain([&"läs också ".repeat(4)[..]]) {
            assert!(!is_related_marker(line), "{line:?}");
        }
    }

    const SHAPE: &str = "Anna Berg, kulturchef i Exempelstad.\n\nIntervju med kulturchefen. Staden satsar på bibliotek. Mer text.\n\nLäs också:\nFörsta titeln\nAndra titeln – ”med citat”\n\nFörsta stycket i brödtexten.\n\n– Vi är glada, säger Anna Berg.\n\nNy rubrik\nStycket under rubriken.\n\nEn rubrik till\nOch ett stycke.\n";

    #[test]
    fn seed_shape_is_recognised() {
        let mut s = plain(SHAPE, false);
        let (h, rule, lead) = headline_from_lead(s.lead.as_deref().unwrap());
        s.headline = Some((h, rule));
        s.lead = lead;
        assert_eq!(
            s.caption.as_deref(),
            Some("Anna Berg, kulturchef i Exempelstad.")
        );
        assert_eq!(
            s.headline,
            Some(("Intervju med kulturchefen".into(), HeadlineRule::Kicker))
        );
        assert_eq!(
            s.lead.as_deref(),
            Some("Staden satsar på bibliotek. Mer text.")
        );
        assert_eq!(s.related, ["Första titeln", "Andra titeln – ”med citat”"]);
        let headings: Vec<_> = s.sections.iter().map(|x| x.heading.as_deref()).collect();
        assert_eq!(headings, [None, Some("Ny rubrik"), Some("En rubrik till")]);
        assert_eq!(s.sections[0].paragraphs[1].kind, ParagraphKind::DashQuote);
    }

    #[test]
    fn hard_wrapped_paragraphs_are_not_headings() {
        let text = "Rubrik här\n\nIngress som är lång nog. Och mer.\n\nDet här är en lång rad som bryts\nefter ett visst antal tecken i exporten\noch fortsätter på nästa rad.\n";
        let s = plain(text, false);
        assert_eq!(
            s.headline.as_ref().map(|h| h.1),
            Some(HeadlineRule::HeadlineLine)
        );
        assert_eq!(s.sections.len(), 1);
        assert!(s.sections[0].heading.is_none());
        assert!(s.sections[0].paragraphs[0]
            .text
            .starts_with("Det här är en lång rad som bryts efter"));
    }

    #[test]
    fn long_texts_are_shortened_at_a_space_where_one_is_near() {
        assert_eq!(shorten("kort rubrik", 300), None);
        assert_eq!(shorten(&"x".repeat(300), 300), None);
        let token = "x".repeat(10_000);
        let cut = shorten(&token, 300).unwrap();
        assert_eq!(cut.chars().count(), 300);
        assert!(cut.ends_with("x…"));
        let words = "ordet ".repeat(100);
        let cut = shorten(&words, 100).unwrap();
        assert!(cut.chars().count() <= 100);
        assert!(cut.ends_with("ordet…"), "{cut}");
        // A space only near the start: cut inside the long word instead.
        let late = format!("En {}", "å".repeat(500));
        assert_eq!(shorten(&late, 300).unwrap().chars().count(), 300);
    }

    #[test]
    fn a_kicker_too_long_for_a_headline_stays_in_the_lead() {
        let lead = format!("Kort {}. Resten av ingressen.", "ö".repeat(400));
        let (h, rule, l) = headline_from_lead(&lead);
        assert_eq!(rule, HeadlineRule::FirstSentence);
        assert_eq!(l.as_deref(), Some(lead.as_str()));
        assert!(
            h.chars().count() > HEADLINE_CHARS,
            "cut later, by the article stage"
        );
    }

    #[test]
    fn long_first_sentence_is_shortened_and_lead_kept() {
        let lead = "Kommunen har beslutat att bygga en ny skola i området efter flera års diskussioner med föräldrar och lärare om lokalerna. Den öppnar 2027.";
        let (h, rule, l) = headline_from_lead(lead);
        assert_eq!(rule, HeadlineRule::FirstSentence);
        assert!(h.ends_with('…'));
        assert_eq!(l.as_deref(), Some(lead));
    }
}
