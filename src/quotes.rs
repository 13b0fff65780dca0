//! Quote stage: finds quotations in the structured body and splits off their attribution clause.
//!
//! Dash paragraphs ("– ...") and block quotes are quotations as a whole; text in quotation marks
//! (`"..."`, `”...”`, `“...”`, `«...»`) inside ordinary paragraphs is one too when a speech verb attributes
//! it. The raw attribution ("Henrik Kant", "han", "Jane Smith, head of housing at Leeds City Council") is
//! handed to the entities stage, which decides who it is.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Article, ParagraphKind, Quote, Span, TextPart};

/// A quotation found in the body, with what the text says about its speaker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The quote (speaker not yet resolved).
    pub quote: Quote,
    /// The words naming the speaker in an inline attribution, if any.
    pub attribution: Option<String>,
    /// Index of the paragraph in body order (lead = 0 when present).
    pub paragraph: usize,
}

/// Speech verbs of Swedish and English news, in the forms used in attributions.
const VERBS: &str = "säger|sa|sade|berättar|berättade|menar|förklarar|förklarade|konstaterar|understryker|betonar|tillägger|fortsätter|svarar|skriver|säger hon|säger han|says|said|explains|explained|adds|added|continues|continued|tells|told|writes|wrote|argues|argued|insists|insisted|warns|warned|notes|noted|admits|admitted";

/// `, säger Henrik Kant.` / `? said Jane Smith, head of housing.`: the clause after the quoted words.
static TRAILING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<sep>[,!?]|[!?],)[”“\x22»]?\s+(?:{VERBS})\s+(?P<who>[^.!?]*?)\s*(?:[.!?](?:\s|$)|$)"
    ))
    .expect("valid regex")
});

/// `," Siddiqui said.` / `,” säger hon.`: the name (or pronoun) before the speech verb.
///
/// Every verb ends in an ASCII letter, so the word boundary after it is the ASCII one: a Unicode `\b`
/// would keep the regex off its DFA (several times slower on every quote).
static TRAILING_NAME_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?P<sep>[,!?]|[!?],)[”“\x22»]?\s+(?P<who>\p{{Lu}}[\p{{L}}'’\-]*(?:\s\p{{Lu}}[\p{{L}}'’\-]*){{0,3}}|han|hon|hen|he|she|they|de)\s+(?:{VERBS})(?-u:\b)[^.!?]{{0,80}}(?:[.!?](?:\s|$)|$)"
    ))
    .expect("valid regex")
});

/// Quoted passages: `"..."`, `”...”`, `“...”`, `«...»`.
static QUOTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#""(?P<a>[^"]{8,})"|[”“](?P<b>[^”“]{8,})”|«(?P<c>[^»]{8,})»"#).expect("valid regex")
});

/// `Jane Smith said: "` / `Anna Berg säger:` before a quoted passage.
static LEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<who>[\p{{Lu}}][^.!?:]*?)\s+(?:{VERBS})(?-u:\b)[^.!?:\x22”“]*:?\s*$"
    ))
    .expect("valid regex")
});

/// Compiles the patterns now (they otherwise compile on first use, while a conversion waits for them).
pub fn warm_up() {
    for re in [&TRAILING, &TRAILING_NAME_FIRST, &QUOTED, &LEADING] {
        LazyLock::force(re);
    }
}

/// Finds every quotation in the article's body, in reading order.
pub fn find(article: &Article) -> Vec<Found> {
    let mut found = Vec::new();
    let mut pending: Option<(usize, String)> = None;
    for (index, (start, text, kind)) in body_paragraphs(article).into_iter().enumerate() {
        match kind {
            Some(ParagraphKind::DashQuote) | Some(ParagraphKind::BlockQuote) => {
                let inner = strip_dash(text);
                let offset = text.chars().count() - inner.chars().count();
                let (quote_text, attribution) = split_attribution(inner);
                if quote_text.is_empty() {
                    continue;
                }
                found.push(Found {
                    quote: Quote {
                        text: quote_text,
                        speaker: None,
                        span: Span {
                            part: TextPart::Body,
                            start: start + offset,
                            end: start + text.chars().count(),
                        },
                    },
                    attribution,
                    paragraph: index,
                });
            }
            _ => {
                if let Some(open) = unclosed_opening(text) {
                    let inner = open.trim_end().to_owned();
                    pending = Some(match pending.take() {
                        Some((s, prev)) => (s, format!("{prev} {inner}")),
                        None => (start, inner),
                    });
                    continue;
                }
                let mut quotes = marked_quotes(text, start, index);
                if let Some((first_start, opening)) = pending.take() {
                    if let Some(q) = quotes.first_mut().filter(|q| q.quote.span.start == start) {
                        q.quote.text = format!("{opening} {}", q.quote.text);
                        q.quote.span.start = first_start;
                    }
                }
                found.extend(quotes);
            }
        }
    }
    found
}

/// A paragraph that opens a quotation it does not close (the quote goes on in the next paragraph):
/// the text after the opening mark.
fn unclosed_opening(text: &str) -> Option<&str> {
    let first = text
        .chars()
        .next()
        .filter(|c| matches!(c, '"' | '”' | '“' | '«'))?;
    let marks = text
        .chars()
        .filter(|c| matches!(c, '"' | '”' | '“' | '«' | '»'))
        .count();
    (marks % 2 == 1).then(|| &text[first.len_utf8()..])
}

/// Paragraphs in body order with their start offset (in chars) and kind (`None` for the lead and
/// headings, which can still hold marked quotes).
pub fn body_paragraphs(article: &Article) -> Vec<(usize, &str, Option<ParagraphKind>)> {
    let mut out = Vec::new();
    let mut offset = 0;
    if let Some(lead) = &article.lead {
        out.push((offset, lead.as_str(), None));
        offset += lead.chars().count() + 2;
    }
    for section in &article.sections {
        if let Some(h) = &section.heading {
            offset += h.chars().count() + 2;
        }
        for p in &section.paragraphs {
            out.push((offset, p.text.as_str(), Some(p.kind)));
            offset += p.text.chars().count() + 2;
        }
    }
    out
}

/// The paragraph without its opening dash and the space after it.
fn strip_dash(text: &str) -> &str {
    if crate::structure::is_dash_quote(text) {
        let mut chars = text.chars();
        chars.next();
        chars.as_str().trim_start()
    } else {
        text
    }
}

/// Splits "Quoted words, säger X. More quoted words." into the quote and "X".
pub fn split_attribution(text: &str) -> (String, Option<String>) {
    let name_first = || {
        text.match_indices([',', '!', '?'])
            .find_map(|(i, _)| TRAILING_NAME_FIRST.captures(&text[i..]).map(|c| (i, c)))
    };
    // `captures` finds the match with its fast engines first and resolves the groups only inside it.
    if let Some(c) = TRAILING.captures(text) {
        return split_at(text, 0, &c);
    }
    match name_first() {
        Some((offset, c)) => split_at(text, offset, &c),
        None => (clean_quote(text), None),
    }
}

/// The quote around an attribution that `c` matched in `text[offset..]`.
fn split_at(text: &str, offset: usize, c: &regex::Captures) -> (String, Option<String>) {
    let whole = c.get(0).expect("match");
    let who = c["who"].trim().trim_end_matches(',').to_owned();
    let mut quote = text[..offset + whole.start()].trim_end().to_owned();
    if c["sep"].starts_with(['!', '?']) {
        quote.push_str(&c["sep"][..1]);
    }
    let rest = text[offset + whole.end()..].trim();
    if !rest.is_empty() {
        if !quote.ends_with(['.', '!', '?', '…']) {
            quote.push('.');
        }
        quote.push(' ');
        quote.push_str(rest);
    }
    (clean_quote(&quote), (!who.is_empty()).then_some(who))
}

/// Drops enclosing quotation marks and surrounding space.
fn clean_quote(text: &str) -> String {
    text.trim()
        .trim_matches(|c| matches!(c, '"' | '”' | '“' | '«' | '»'))
        .trim()
        .to_owned()
}

/// Quotations in quotation marks inside an ordinary paragraph, kept when a speech verb attributes them
/// (before: `X said: "..."`; after: `"...," said X.`), so that titles in quotes are not taken for speech.
fn marked_quotes(text: &str, start: usize, paragraph: usize) -> Vec<Found> {
    let mut out = Vec::new();
    for m in QUOTED.captures_iter(text) {
        let whole = m.get(0).expect("match");
        let inner = m
            .name("a")
            .or(m.name("b"))
            .or(m.name("c"))
            .expect("one group");
        let after = &text[whole.end()..];
        let before = &text[..whole.start()];
        let (who, tail) = match trailing(after) {
            Some(found) => found,
            None => match LEADING.captures(before) {
                Some(c) => (c["who"].trim().to_owned(), 0),
                None => continue,
            },
        };
        let end_byte = whole.end() + tail;
        out.push(Found {
            quote: Quote {
                text: clean_quote(inner.as_str().trim_end_matches(',')),
                speaker: None,
                span: Span {
                    part: TextPart::Body,
                    start: start + before.chars().count(),
                    end: start + text[..end_byte].chars().count(),
                },
            },
            attribution: Some(who),
            paragraph,
        });
    }
    out
}

/// The attribution following a quoted passage (`,” säger X.` / `," said X.`) and its length in bytes.
fn trailing(after: &str) -> Option<(String, usize)> {
    let (probe, shift) = if after.starts_with([',', '!', '?']) {
        (after.to_owned(), 0)
    } else {
        (format!(",{after}"), 1)
    };
    let c = TRAILING
        .captures(&probe)
        .filter(|c| c.get(0).is_some_and(|m| m.start() == 0))
        .or_else(|| TRAILING_NAME_FIRST.captures(&probe))?;
    let m = c.get(0).filter(|m| m.start() == 0)?;
    let who = c["who"].trim().trim_end_matches(',').to_owned();
    (!who.is_empty()).then(|| (who, (m.end() - shift).min(after.len())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribution_is_split_off() {
        let (q, who) = split_attribution("Vi är glada, säger Anna Berg.");
        assert_eq!(
            (q.as_str(), who.as_deref()),
            ("Vi är glada", Some("Anna Berg"))
        );
        let (q, who) = split_attribution("Vi är glada, säger Anna Berg. Det blir bra.");
        assert_eq!(
            (q.as_str(), who.as_deref()),
            ("Vi är glada. Det blir bra.", Some("Anna Berg"))
        );
        let (q, who) = split_attribution("Varför inte? säger hon.");
        assert_eq!((q.as_str(), who.as_deref()), ("Varför inte?", Some("hon")));
        let (q, who) = split_attribution("Det stora engagemanget gör mig stolt. Men det tar tid.");
        assert_eq!(
            (q.as_str(), who),
            (
                "Det stora engagemanget gör mig stolt. Men det tar tid.",
                None
            )
        );
        let (_, who) =
            split_attribution("It works, said Jane Smith, head of housing at Leeds City Council.");
        assert_eq!(
            who.as_deref(),
            Some("Jane Smith, head of housing at Leeds City Council")
        );
    }

    #[test]
    fn marked_quotes_need_a_speech_verb() {
        let t = "\"We waited for years,\" said Jane Smith. The \"Better Homes\" scheme ends. Tom Lee said: \"It is a good day for the city.\"";
        let found = marked_quotes(t, 0, 0);
        let got: Vec<_> = found
            .iter()
            .map(|f| (f.quote.text.as_str(), f.attribution.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("We waited for years", Some("Jane Smith")),
                ("It is a good day for the city.", Some("Tom Lee"))
            ]
        );
    }
}
