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
    /// A quote that stands as the headline or a subheading: no attribution, and the paragraphs around
    /// it say nothing of who spoke, so only a body quote that holds its words can tell.
    pub heading: bool,
}

/// Speech verbs of Swedish and English news, in the forms used in attributions.
const VERBS: &str = "säger|sa|sade|berättar|berättade|menar|förklarar|förklarade|konstaterar|understryker|betonar|tillägger|fortsätter|svarar|skriver|skrev|meddelar|meddelade|uppger|uppgav|påpekar|poängterar|framhåller|hävdar|medger|säger hon|säger han|says|say|said|explains|explained|adds|added|continues|continued|tells|told|writes|wrote|argues|argued|insists|insisted|warns|warned|notes|noted|admits|admitted|states|stated|replies|replied|recalls|recalled";

/// `, säger Henrik Kant.` / `? said Jane Smith, head of housing.`: the clause after the quoted words.
static TRAILING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<sep>[,!?]|[!?],)[”“\x22»]?\s+(?:{VERBS})\s+(?P<who>[^.!?]*?)\s*(?:[.!?](?:\s|$)|$)"
    ))
    .expect("valid regex")
});

/// Who speaks before the verb in `,” X said.`: up to four capitalized words, a pronoun, or a short
/// phrase after a determiner ("the spokesperson", "the Environment Agency", "one resident"), which
/// real reports use for spokespeople, bodies and unnamed people alike. Bounded, so matching stays
/// linear.
const NAME_FIRST: &str = r"\p{Lu}[\p{L}'’\-]*(?:\s\p{Lu}[\p{L}'’\-]*){0,3}|(?:the|a|an|one|another)(?:\s[\p{L}'’\-]+){1,4}?|han|hon|hen|he|she|they|de";

/// `," Siddiqui said.` / `,” säger hon.`: the name (or pronoun) before the speech verb.
///
/// Every verb ends in an ASCII letter, so the word boundary after it is the ASCII one: a Unicode `\b`
/// would keep the regex off its DFA (several times slower on every quote).
static TRAILING_NAME_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?P<sep>[,!?]|[!?],)[”“\x22»]?\s+(?P<who>{NAME_FIRST})\s+(?:{VERBS})(?-u:\b)[^.!?]{{0,80}}(?:[.!?](?:\s|$)|$)"
    ))
    .expect("valid regex")
});

/// The attribution after a passage in quotation marks and the `,`, `!` or `?` after it, if any (see
/// [`trailing`]): like [`TRAILING`] and [`TRAILING_NAME_FIRST`] in one, but it also ends where the next
/// passage opens (`“...,” he said, “...”`), so that a quote split by its attribution is seen as one.
///
/// The separator is not part of the pattern: a pattern with it took as long again to compile (about
/// a tenth of a single-article run) for what [`after_separator`] does with a byte or two.
static TRAILING_MARKED: LazyLock<Regex> = LazyLock::new(|| trailing_marked(""));

/// The pattern of [`TRAILING_MARKED`] after `separator`.
fn trailing_marked(separator: &str) -> Regex {
    Regex::new(&format!(
        r"^{separator}[”“\x22»]?\s+(?:(?:{VERBS})\s+(?P<who>[^.!?”“\x22]*?)|(?P<who2>{NAME_FIRST})\s+(?:{VERBS})(?-u:\b)[^.!?”“\x22]{{0,80}}?)\s*(?:[.!?](?:\s|$)|$|[,:]?\s*[”“\x22])"
    ))
    .expect("valid regex")
}

/// Quoted passages: `"..."`, `”...”`, `“...”`, `«...»`.
///
/// Marks pair with the next closing mark whatever the length between (a short passage is turned away
/// where it is used, see [`MIN_QUOTE_CHARS`]), so that a short name in quotes never pairs the marks of
/// two passages.
static QUOTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#""(?P<a>[^"]+)"|[”“](?P<b>[^”“]+)”|«(?P<c>[^»]+)»"#).expect("valid regex")
});

/// The shortest quoted passage taken as speech in general; a shorter one is speech only as a partial
/// quote: lowercase first ("could be “anchors”", ”symbolpolitik”), in a sentence that attributes it.
const MIN_QUOTE_CHARS: usize = 8;

/// `kallar tidplanen ”...”`, `described the system as “...”`: verbs that name what was said rather than
/// report it; the passage after them is speech when it is a partial quote (lowercase first).
static LEADING_NAMING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?P<who>[\p{Lu}][^.!?:\x22”“]*?)\s+(?:kallar|kallade|beskriver|beskrev|calls|called|describes|described)(?-u:\b)[^.!?:\x22”“]*$",
    )
    .expect("valid regex")
});

/// `Jane Smith said: "` / `Anna Berg säger:` before a quoted passage.
static LEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<who>[\p{{Lu}}][^.!?:\x22”“]*?)\s+(?:{VERBS})(?-u:\b)[^.!?:\x22”“]*:?\s*$"
    ))
    .expect("valid regex")
});

/// The speaker that [`LEADING`] finds in the text before a quoted passage.
///
/// Its match holds none of `.!?:"”“` but for a colon followed only by space at the end, so it lies
/// after the last of them: only that tail is searched, not all the text before the passage (which made
/// a paragraph of many quotes quadratic).
fn leading(before: &str) -> Option<String> {
    let trimmed = before.trim_end();
    let core = trimmed.strip_suffix(':').unwrap_or(trimmed);
    speaker_after_last_stop(&LEADING, before, core)
}

/// [`LEADING_NAMING`]'s speaker in the text before a passage. The pattern holds no sentence end, colon
/// or quotation mark, so it is matched only after the last one: one pass, not one per start position.
fn leading_naming(before: &str) -> Option<String> {
    speaker_after_last_stop(&LEADING_NAMING, before, before)
}

/// `pattern`'s `who` in `before`, searched only from the last sentence end, colon or quotation mark of
/// `head` (a prefix of `before`) on: the leading patterns hold none of them.
fn speaker_after_last_stop(pattern: &Regex, before: &str, head: &str) -> Option<String> {
    let from = head
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, '.' | '!' | '?' | ':' | '"' | '”' | '“'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    pattern
        .captures(&before[from..])
        .map(|c| c["who"].trim().to_owned())
}

/// Char offsets of byte offsets into one text, counted from the last one asked for (offsets are mostly
/// asked for in order), so that a paragraph's quotes cost one count of its chars, not one each from
/// its start.
struct CharCursor<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CharCursor<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            byte: 0,
            chars: 0,
        }
    }

    /// The char offset of `byte` (a char boundary of the text).
    fn at(&mut self, byte: usize) -> usize {
        if byte >= self.byte {
            self.chars += self.text[self.byte..byte].chars().count();
        } else {
            self.chars -= self.text[byte..self.byte].chars().count();
        }
        self.byte = byte;
        self.chars
    }
}

/// Compiles the patterns every article's paragraphs go through now (they otherwise compile on first
/// use, while a conversion waits for them).
///
/// The ones for attributions around passages in quotation marks are left to compile when a passage
/// first needs them: about 3 ms of CPU that a run over articles without quotation marks never spends,
/// paid once and later by a run with them.
pub fn warm_up() {
    for re in [&TRAILING, &TRAILING_NAME_FIRST, &QUOTED] {
        LazyLock::force(re);
    }
}

/// A quotation whose paragraph ended before its closing mark: it goes on in the next paragraph, which
/// opens with a quotation mark again (the English convention for quotes over several paragraphs).
#[derive(Debug)]
struct Open {
    /// Char offset of the quote's first character in the body.
    start: usize,
    /// The quoted text so far.
    text: String,
    /// The attribution before it (`Sarah Whitworth said: “...`), if any.
    attribution: Option<String>,
    /// The paragraph it started in.
    paragraph: usize,
}

impl Open {
    /// The quote as found when no later paragraph closes it: kept only when something attributes it.
    fn into_found(self, end: usize) -> Option<Found> {
        self.attribution.is_some().then(|| Found {
            quote: Quote {
                text: clean_quote(&self.text),
                speaker: None,
                span: Span {
                    part: TextPart::Body,
                    start: self.start,
                    end,
                },
            },
            attribution: self.attribution,
            paragraph: self.paragraph,
            heading: false,
        })
    }
}

/// Finds every quotation in the article's body, in reading order.
pub fn find(article: &Article) -> Vec<Found> {
    let mut found = Vec::new();
    let mut pending: Option<Open> = None;
    let mut previous_end = 0;
    // The quote in marks whose attribution ended the paragraph before (its index in `found`): a
    // paragraph of quotation right after it goes on with it (`“...,” she said.` then `“...”`).
    let mut attributed: Option<usize> = None;
    let paragraphs = body_paragraphs(article);
    for (index, p) in paragraphs.iter().enumerate() {
        let (start, text, kind) = (p.start, p.text, p.kind);
        let ends_attributed = attributed.take();
        match kind {
            Some(ParagraphKind::DashQuote) | Some(ParagraphKind::BlockQuote) => {
                found.extend(pending.take().and_then(|o| o.into_found(previous_end)));
                for (line_start, line) in dash_lines(text) {
                    let inner = strip_dash(line);
                    let offset = line_start + line.chars().count() - inner.chars().count();
                    let (quote_text, attribution) = split_attribution(inner);
                    if !quote_text.is_empty() {
                        found.push(Found {
                            quote: Quote {
                                text: quote_text,
                                speaker: None,
                                span: Span {
                                    part: TextPart::Body,
                                    start: start + offset,
                                    end: start + line_start + line.chars().count(),
                                },
                            },
                            attribution,
                            paragraph: index,
                            heading: false,
                        });
                    }
                }
            }
            _ => {
                let mut rest = text;
                let mut rest_start = start;
                if let Some(open) = pending.take() {
                    // Swedish style goes on without a new opening mark and closes with the first mark.
                    if opens_with_mark(text) || odd_marks(text) {
                        match continue_open(open, text, start, index) {
                            Continued::Open(o) => {
                                pending = Some(o);
                                previous_end = start + p.chars;
                                continue;
                            }
                            Continued::Closed(f, used) => {
                                found.push(f);
                                rest = &text[used..];
                                rest_start = start + text[..used].chars().count();
                            }
                        }
                    } else {
                        found.extend(open.into_found(previous_end));
                    }
                }
                let (closed, open) = split_unclosed(rest);
                let quotes = marked_quotes(closed, rest_start, index);
                // A paragraph that is one quoted passage and nothing else is speech even without a verb
                // ("Helen said the lesson was ..." and then her words in the next paragraph).
                let whole = (quotes.is_empty()
                    && open.is_none()
                    && rest.len() == text.len()
                    && opens_with_mark(text))
                .then(|| whole_quote(text, start, index))
                .flatten();
                let fresh = quotes.is_empty() && rest.len() == text.len();
                found.extend(quotes);
                match (whole, ends_attributed.filter(|_| fresh)) {
                    (Some(w), Some(k)) => {
                        let last = &mut found[k];
                        join_passage(&mut last.quote.text, &w.quote.text);
                        last.quote.span.end = w.quote.span.end;
                    }
                    (w, _) => found.extend(w),
                }
                if let Some((at, inner)) = open {
                    let before = &closed[..at];
                    let open_start = rest_start + rest[..at].chars().count();
                    let mut o = Open {
                        start: open_start,
                        text: inner.trim().to_owned(),
                        attribution: leading(before),
                        paragraph: index,
                    };
                    // `“...,” said X, title. “Then more ...` (the passage left open for the next
                    // paragraph), or a paragraph that opens one right after an attributed quote: the
                    // quote goes on.
                    let goes_on = match found.last() {
                        Some(last) if last.paragraph == index => {
                            last.attribution.is_some()
                                && last.quote.span.end >= rest_start
                                && last.quote.span.end <= open_start
                                && rest
                                    .chars()
                                    .skip(last.quote.span.end - rest_start)
                                    .take(open_start - last.quote.span.end)
                                    .all(char::is_whitespace)
                        }
                        _ => {
                            fresh && at == 0 && ends_attributed == Some(found.len().wrapping_sub(1))
                        }
                    };
                    if goes_on {
                        let last = found.pop().expect("a quote before");
                        let mut joined = last.quote.text;
                        join_passage(&mut joined, &o.text);
                        o = Open {
                            start: last.quote.span.start,
                            text: joined,
                            attribution: last.attribution,
                            paragraph: last.paragraph,
                        };
                    }
                    pending = Some(o);
                }
                let end = start + p.chars;
                attributed = found
                    .last()
                    .filter(|f| {
                        pending.is_none()
                            && f.attribution.is_some()
                            && f.quote.span.end == end
                            && (f.paragraph == index || f.quote.span.start >= start)
                    })
                    .map(|_| found.len() - 1);
            }
        }
        previous_end = start + p.chars;
    }
    found.extend(pending.and_then(|o| o.into_found(previous_end)));
    add_heading_quotes(article, &paragraphs, &mut found);
    found
}

/// Most headline and subheading quotes an article gets: each is looked for in the body's quotes, so
/// a bound keeps an article of thousands of quoted subheadings linear.
const MAX_HEADING_QUOTES: usize = 16;

/// Puts the headline's and the subheadings' quotes (`“It feels like it will never open”: ...`,
/// `## "We can't keep up"`) among `found` in reading order: news puts a speaker's words there.
///
/// `paragraphs` are the article's [`body_paragraphs`], whose lengths place the headings between them.
fn add_heading_quotes(article: &Article, paragraphs: &[BodyParagraph], found: &mut Vec<Found>) {
    let mut heads = Vec::new();
    heads.extend(heading_quote(&article.headline, TextPart::Headline, 0, 0));
    // The chars that paragraphs take, each with the blank line after it.
    let length = |ps: &[BodyParagraph]| ps.iter().map(|p| p.chars + 2).sum::<usize>();
    let mut index = usize::from(article.lead.is_some());
    let mut offset = length(&paragraphs[..index]);
    for section in &article.sections {
        if let Some(h) = &section.heading {
            heads.extend(heading_quote(h, TextPart::Body, offset, index));
            offset += h.chars().count() + 2;
        }
        let next = index + section.paragraphs.len();
        offset += length(&paragraphs[index..next]);
        index = next;
    }
    // A quote inside a heading's words (`Tenants ‘living with buckets’ as ...`) counts only when a body
    // quote holds its words: a heading also quotes names and terms.
    if heads.iter().any(|(_, standalone)| !standalone) {
        let body: Vec<String> = found.iter().map(|f| normalized(&f.quote.text)).collect();
        heads.retain(|(q, standalone)| {
            *standalone || {
                let words = normalized(&q.quote.text);
                body.iter().any(|b| b.contains(&words))
            }
        });
    }
    for (q, _) in heads.into_iter().take(MAX_HEADING_QUOTES) {
        let at = match q.quote.span.part {
            TextPart::Body => found.partition_point(|f| f.quote.span.start < q.quote.span.start),
            _ => 0,
        };
        found.insert(at, q);
    }
}

/// Lowercase words of a passage, hyphens as spaces and other marks dropped: "once-in-a-generation" in a
/// body quote holds the subheading's "Once in a generation".
pub fn normalized(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(c.to_lowercase());
        } else if c.is_whitespace() || matches!(c, '-' | '‐' | '–' | '—') {
            space = true;
        }
    }
    out
}

/// A heading's quote, and whether its shape makes it one on its own.
///
/// A heading that is a quoted passage and a title around it: the quote first and nothing after it but a
/// colon or dash and the rest (`”Det är trångt” – föräldrar kräver ...`, `‘We can hear the sea’: ...`), or
/// the title first and the quote last after a dash or colon (`Motalabron stängs – ”Det blir kaos”`), is
/// one on its own. A passage elsewhere in the heading (`‘Where else would we go?’ Teenagers fear ...`,
/// `Lido ‘will be back for summer’, says councillor`) is one only when a body quote holds its words. Single
/// quotation marks count here, as BBC headlines and subheadings use them.
fn heading_quote(text: &str, part: TextPart, start: usize, index: usize) -> Option<(Found, bool)> {
    let (from, to, standalone) = match quote_opening(text).or_else(|| quote_closing(text)) {
        Some((from, to)) => (from, to, true),
        None => {
            let (from, to) = quote_inside(text)?;
            (from, to, false)
        }
    };
    let quoted = &text[from..to];
    // The range opens and closes with its marks (`quoted_end`), single ones included.
    let open = quoted.chars().next()?.len_utf8();
    let close = quoted.chars().next_back()?.len_utf8();
    let inner = quoted.get(open..quoted.len() - close)?.trim().to_owned();
    // A heading is no sentence: a passage ending in a full stop is a paragraph of speech that the
    // structure stage took for a subheading, and it belongs to the quote before it.
    if inner.ends_with('.') || inner.chars().count() < MIN_QUOTE_CHARS {
        return None;
    }
    let at = start + text[..from].chars().count();
    let span = Span {
        part,
        start: at,
        end: at + quoted.chars().count(),
    };
    let mut found = unattributed(quoted, span, index, true);
    found.quote.text = inner;
    Some((found, standalone))
}

/// The byte range of the first passage in quotation marks that opens a word of `text` and holds two
/// words or more.
fn quote_inside(text: &str) -> Option<(usize, usize)> {
    text.char_indices()
        .filter(|&(i, c)| {
            matches!(c, '"' | '“' | '”' | '‘' | '\'' | '«')
                && text[..i]
                    .chars()
                    .next_back()
                    .is_none_or(char::is_whitespace)
        })
        .find_map(|(i, _)| {
            let end = quoted_end(&text[i..])?;
            text[i..i + end]
                .trim()
                .contains(' ')
                .then_some((i, i + end))
        })
}

/// The byte range (marks included) of a quoted passage that opens `text` and is followed by nothing or
/// by a colon or dash.
fn quote_opening(text: &str) -> Option<(usize, usize)> {
    let end = quoted_end(text)?;
    let rest = text[end..].trim_start();
    let ends = rest.is_empty() || rest.starts_with([':', '–', '—', '-', '\u{2012}', '\u{2212}']);
    ends.then_some((0, end))
}

/// The byte range of a quoted passage that ends `text` after a dash or colon (`Title – ”Quote”`).
fn quote_closing(text: &str) -> Option<(usize, usize)> {
    let text = text.trim_end();
    let sep = text.rfind([':', '–', '—', '\u{2012}', '\u{2212}'])?;
    let after = &text[sep..];
    let mark = sep + after.chars().next()?.len_utf8();
    let from = mark + (text[mark..].len() - text[mark..].trim_start().len());
    let end = quoted_end(&text[from..])?;
    (from + end == text.len() && from > mark).then_some((from, text.len()))
}

/// Where the quoted passage that `text` opens with ends (after its closing mark): `"` pairs with `"`,
/// `“` and `”` with `”`, `«` with `»`, and `‘` or `'` with the first `’` or `'` that no letter follows
/// (an apostrophe sits inside a word: "can't").
fn quoted_end(text: &str) -> Option<usize> {
    let open = text.chars().next()?;
    let body = &text[open.len_utf8()..];
    let at = match open {
        '"' => body.find('"')?,
        '“' | '”' => body.find('”')?,
        '«' => body.find('»')?,
        '‘' | '\'' => body.char_indices().find_map(|(i, c)| {
            let closing = matches!(c, '’' | '\'')
                && i > 0
                && !body[i + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
            closing.then_some(i)
        })?,
        _ => return None,
    };
    let close = body[at..].chars().next()?.len_utf8();
    Some(open.len_utf8() + at + close)
}

/// A quote found with no attribution of its own: its speaker comes from context, if from anywhere.
fn unattributed(quoted: &str, span: Span, paragraph: usize, heading: bool) -> Found {
    Found {
        quote: Quote {
            text: clean_quote(quoted),
            speaker: None,
            span,
        },
        attribution: None,
        paragraph,
        heading,
    }
}

/// What a paragraph that opens with a quotation mark does to an open quotation.
enum Continued {
    /// It leaves it open too.
    Open(Open),
    /// It closes it: the whole quotation, and how many bytes of the paragraph it took.
    Closed(Found, usize),
}

/// The next paragraph of an open quotation: appended, and closed at its first closing mark (with the
/// attribution after it, if any).
fn continue_open(mut open: Open, text: &str, start: usize, index: usize) -> Continued {
    let mark_len = if opens_with_mark(text) {
        text.chars().next().map_or(0, char::len_utf8)
    } else {
        0
    };
    if mark_len > 0 && unclosed_opening(text).is_some() {
        join_passage(&mut open.text, text[mark_len..].trim());
        return Continued::Open(open);
    }
    let close = text[mark_len..]
        .find(['"', '”', '»'])
        .map_or(text.len(), |i| i + mark_len);
    let inner = &text[mark_len..close];
    let after_close = (close + 1).min(text.len());
    let after_close = (after_close..=text.len())
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(text.len());
    let (attribution, tail) = match trailing(&text[after_close..]) {
        Some((who, tail)) => (Some(who), tail),
        None => (open.attribution.take(), 0),
    };
    let used = after_close + tail;
    let found = Found {
        quote: Quote {
            text: {
                let mut joined = open.text.clone();
                join_passage(&mut joined, inner.trim_end_matches(',').trim());
                clean_quote(&joined)
            },
            speaker: None,
            span: Span {
                part: TextPart::Body,
                start: open.start,
                end: start + text[..used].chars().count(),
            },
        },
        attribution,
        paragraph: index,
        heading: false,
    };
    Continued::Closed(found, used)
}

/// Appends the next passage of a quote: a new sentence (capital first) ends the one before with a full
/// stop where the attribution took its comma (`"...," she said. "That told us ..."`).
fn join_passage(quote: &mut String, next: &str) {
    let new_sentence = next.starts_with(char::is_uppercase);
    if new_sentence && !quote.ends_with(['.', '!', '?', '…']) {
        quote.push('.');
    }
    quote.push(' ');
    quote.push_str(next);
}

fn odd_marks(text: &str) -> bool {
    count_marks(text) % 2 == 1
}

/// The quotation marks (`"`, `”`, `“`, `«`, `»`) in `text`, found by their lead bytes without decoding
/// the rest: this runs over every paragraph of every article.
fn count_marks(text: &str) -> usize {
    let bytes = text.as_bytes();
    memchr::memchr3_iter(b'"', 0xE2, 0xC2, bytes)
        .filter(|&i| match bytes[i] {
            b'"' => true,
            0xE2 => {
                bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0x9C | 0x9D))
            }
            _ => matches!(bytes.get(i + 1), Some(0xAB | 0xBB)),
        })
        .count()
}

/// A paragraph that is a single passage in quotation marks, as a quote with no attribution.
fn whole_quote(text: &str, start: usize, index: usize) -> Option<Found> {
    let m = QUOTED.find(text)?;
    let rest = text[m.end()..].trim();
    if m.start() != 0
        || !(rest.is_empty() || rest == ".")
        || m.as_str().chars().count() < MIN_QUOTE_CHARS + 2
    {
        return None;
    }
    let span = Span {
        part: TextPart::Body,
        start,
        end: start + text.chars().count(),
    };
    Some(unattributed(m.as_str(), span, index, false))
}

fn opens_with_mark(text: &str) -> bool {
    text.starts_with(['"', '”', '“', '«'])
}

/// Splits a paragraph before a quotation mark it leaves unclosed: the part with complete passages, and
/// the opening's byte offset with the text after it. A paragraph that opens with the mark is left whole
/// when nothing precedes it (handled by [`unclosed_opening`] for the quote-only paragraph).
fn split_unclosed(text: &str) -> (&str, Option<(usize, &str)>) {
    if !odd_marks(text) {
        return (text, None);
    }
    let Some((at, mark)) = text
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, '"' | '”' | '“' | '«'))
    else {
        return (text, None);
    };
    let inner = &text[at + mark.len_utf8()..];
    if inner.trim().chars().count() < 8 {
        return (text, None);
    }
    (&text[..at], Some((at, inner)))
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

/// A paragraph of the body, as the quote search reads it.
pub struct BodyParagraph<'a> {
    /// Where it starts in the body, in chars.
    pub start: usize,
    /// Its text.
    pub text: &'a str,
    /// Its length in chars, counted once here rather than wherever an offset past it is wanted.
    pub chars: usize,
    /// Its kind (`None` for the lead, which can still hold marked quotes).
    pub kind: Option<ParagraphKind>,
}

/// The lead and the paragraphs in body order (headings are counted in the offsets but left out).
pub fn body_paragraphs(article: &Article) -> Vec<BodyParagraph<'_>> {
    let mut out = Vec::new();
    let mut offset = 0;
    if let Some(lead) = &article.lead {
        push_paragraph(&mut out, &mut offset, lead, None);
    }
    for section in &article.sections {
        if let Some(h) = &section.heading {
            offset += h.chars().count() + 2;
        }
        for p in &section.paragraphs {
            push_paragraph(&mut out, &mut offset, &p.text, Some(p.kind));
        }
    }
    out
}

/// Adds a paragraph at `offset` and moves `offset` past it and the blank line after it.
fn push_paragraph<'a>(
    out: &mut Vec<BodyParagraph<'a>>,
    offset: &mut usize,
    text: &'a str,
    kind: Option<ParagraphKind>,
) {
    let chars = text.chars().count();
    out.push(BodyParagraph {
        start: *offset,
        text,
        chars,
        kind,
    });
    *offset += chars + 2;
}

/// A dash paragraph's quotes with their char offsets: comments listed one a line in marks (`– “More
/// benches”` / `– “Keep the oaks”`, which the structure stage joins into one paragraph) are one quote
/// each. A dash between marks starts the next; a dash inside a passage is the speaker's own.
fn dash_lines(text: &str) -> Vec<(usize, &str)> {
    let mut out: Vec<(usize, &str)> = Vec::new();
    let (mut from, mut from_chars) = (0, 0);
    // Only a space after a closing mark can start a line: those are found by the marks' last bytes
    // (`"`, and the last bytes of `”` and `’`), and chars are counted only up to a line found.
    let bytes = text.as_bytes();
    for end in memchr::memchr3_iter(b'"', 0x9d, 0x99, bytes).map(|at| at + 1) {
        // A space after it puts `end` at a char boundary.
        if bytes.get(end) != Some(&b' ') || !text[..end].ends_with(['"', '”', '’']) {
            continue;
        }
        let rest = &text[end + 1..];
        let listed = crate::structure::is_dash_quote(rest)
            && rest
                .chars()
                .nth(2)
                .is_some_and(|m| matches!(m, '“' | '"' | '”' | '‘'));
        if listed {
            let chars = from_chars + text[from..end].chars().count();
            out.push((from_chars, &text[from..end]));
            from = end + 1;
            from_chars = chars + 1;
        }
    }
    out.push((from_chars, &text[from..]));
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
    // `find` rather than `captures`: the groups of a match are read off its text (see
    // `trailing_groups`), which saves resolving them with the backtracking engine for every quote.
    if let Some(m) = TRAILING.find(text) {
        let (sep, who) = trailing_groups(m.as_str());
        return split_around(text, m.range(), sep, who);
    }
    match name_first() {
        Some((offset, c)) => {
            let whole = c.get(0).expect("match").range();
            split_around(
                text,
                offset + whole.start..offset + whole.end,
                &c["sep"],
                &c["who"],
            )
        }
        None => (clean_quote(text), None),
    }
}

/// The `sep` and `who` groups of a [`TRAILING`] match, from its text. The separator is `!,` or `?,`
/// when a comma follows the mark (the first alternative, one mark, cannot go on with a comma). The verb
/// is the first of [`VERBS`] that the text after the separator, a quotation mark and space starts with
/// and that space follows, as the pattern's first matching alternative is (every alternative that fits
/// there leads to the same end: the rest is letters and space that the lazy `who` takes). `who` runs
/// from the space after the verb to the match's end, less the closing mark and space: the lazy group
/// stops where `\s*` and the mark begin, and callers trim it.
fn trailing_groups(m: &str) -> (&str, &str) {
    let sep_len = if m.starts_with(['!', '?']) && m[1..].starts_with(',') {
        2
    } else {
        1
    };
    let (sep, rest) = m.split_at(sep_len);
    let rest = rest.strip_prefix(['”', '“', '"', '»']).unwrap_or(rest);
    let rest = rest.trim_start();
    let verb = VERBS
        .split('|')
        .find(|v| {
            rest.strip_prefix(v)
                .is_some_and(|r| r.starts_with(char::is_whitespace))
        })
        .expect("a TRAILING match has a verb and space after its separator");
    let who = rest[verb.len()..].trim_end();
    (sep, who.strip_suffix(['.', '!', '?']).unwrap_or(who))
}

/// The quote around an attribution that `whole` spans in `text`, with its separator and speaker.
fn split_around(
    text: &str,
    whole: std::ops::Range<usize>,
    sep: &str,
    who: &str,
) -> (String, Option<String>) {
    let who = who.trim().trim_end_matches(',').to_owned();
    let mut quote = text[..whole.start].trim_end().to_owned();
    if sep.starts_with(['!', '?']) {
        quote.push_str(&sep[..1]);
    }
    let rest = text[whole.end..].trim();
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
    let mut out: Vec<Found> = Vec::new();
    // Where the last quote's attribution ended: a passage that opens there goes on with that quote.
    let mut last_end: Option<usize> = None;
    let mut chars = CharCursor::new(text);
    for m in QUOTED.captures_iter(text) {
        let whole = m.get(0).expect("match");
        let inner = m
            .name("a")
            .or(m.name("b"))
            .or(m.name("c"))
            .expect("one group");
        let after = &text[whole.end()..];
        let before = &text[..whole.start()];
        let partial = inner.as_str().starts_with(char::is_lowercase);
        if !partial && inner.as_str().chars().count() < MIN_QUOTE_CHARS {
            continue;
        }
        let continues = last_end
            .is_some_and(|e| e >= whole.start() || text[e..whole.start()].trim().is_empty());
        if continues {
            let last = out.last_mut().expect("a quote before");
            let tail = trailing(after).map_or(0, |(_, tail)| tail);
            join_passage(
                &mut last.quote.text,
                &clean_quote(inner.as_str().trim_end_matches(',')),
            );
            last.quote.span.end = start + chars.at(whole.end() + tail);
            last_end = Some(whole.end() + tail);
            continue;
        }
        let (who, tail) = match trailing(after) {
            Some(found) => found,
            None => match leading(before)
                .or_else(|| partial.then(|| leading_naming(before)).flatten())
                .or_else(|| {
                    partial
                        .then(|| same_sentence_speaker(&out, text, last_end, before))
                        .flatten()
                }) {
                Some(who) => (who, 0),
                None => continue,
            },
        };
        let end_byte = whole.end() + tail;
        last_end = Some(end_byte);
        out.push(Found {
            quote: Quote {
                text: clean_quote(inner.as_str().trim_end_matches(',')),
                speaker: None,
                span: Span {
                    part: TextPart::Body,
                    start: start + chars.at(whole.start()),
                    end: start + chars.at(end_byte),
                },
            },
            attribution: Some(who),
            paragraph,
            heading: false,
        });
    }
    out
}

/// `X said the plan had “run out of ideas” and that libraries were “always first in the firing line”`:
/// a partial quote later in the sentence of an attributed one is the same speaker's.
fn same_sentence_speaker(
    out: &[Found],
    text: &str,
    last_end: Option<usize>,
    before: &str,
) -> Option<String> {
    let between = &text[last_end?.min(before.len())..before.len()];
    if between.contains(['.', '!', '?', ':', '\n']) {
        return None;
    }
    out.last()?.attribution.clone()
}

/// The attribution following a quoted passage (`,” säger X.` / `," said X.`) and its length in bytes.
///
/// A passage followed by no `,`, `!` or `?` is read as if it had a comma (`"..." said X`).
fn trailing(after: &str) -> Option<(String, usize)> {
    let (skip, c) = after_separator(after)?;
    let m = c.get(0)?;
    let who = c.name("who").or(c.name("who2"))?.as_str();
    let who = who.trim().trim_end_matches(',').to_owned();
    // The match may end on the next passage's opening mark: that mark is not the attribution's.
    let matched = m.as_str();
    // `"..." Another said: "..."`: a colon introduces the next passage as a new quote of another
    // speaker; it is not this passage's attribution.
    if matched
        .trim_end_matches(['”', '“', '"'])
        .trim_end()
        .ends_with(':')
    {
        return None;
    }
    let end = match matched.chars().next_back() {
        Some(c @ ('”' | '“' | '"')) => m.end() - c.len_utf8(),
        _ => m.end(),
    };
    (!who.is_empty()).then(|| (who, (skip + end).min(after.len())))
}

/// [`TRAILING_MARKED`]'s match after the separator `after` opens with, and the separator's length: a
/// `,`, `!` or `?`, else `!,` or `?,` (the order a pattern `([,!?]|[!?],)` tries them in), else none.
fn after_separator(after: &str) -> Option<(usize, regex::Captures<'_>)> {
    let lengths: &[usize] = match after.as_bytes() {
        [b'!' | b'?', b',', ..] => &[1, 2],
        [b',' | b'!' | b'?', ..] => &[1],
        _ => &[0],
    };
    lengths
        .iter()
        .find_map(|&n| Some((n, TRAILING_MARKED.captures(&after[n..])?)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`trailing`] as it was: a comma put before the text when it has none, in a copy.
    fn trailing_by_copy(after: &str) -> Option<(String, usize)> {
        let (probe, shift) = if after.starts_with([',', '!', '?']) {
            (after.to_owned(), 0)
        } else {
            (format!(",{after}"), 1)
        };
        static WITH_SEPARATOR: LazyLock<Regex> =
            LazyLock::new(|| trailing_marked(r"(?P<sep>[,!?]|[!?],)"));
        let c = WITH_SEPARATOR.captures(&probe)?;
        let m = c.get(0)?;
        let who = c.name("who").or(c.name("who2"))?.as_str();
        let who = who.trim().trim_end_matches(',').to_owned();
        let matched = m.as_str();
        let end = match matched.chars().next_back() {
            Some(c @ ('”' | '“' | '"')) => m.end() - c.len_utf8(),
            _ => m.end(),
        };
        (!who.is_empty()).then(|| (who, end.saturating_sub(shift).min(after.len())))
    }

    /// [`dash_lines`] as it was: every char read, the one before each space remembered.
    fn dash_lines_by_chars(text: &str) -> Vec<(usize, &str)> {
        let mut out: Vec<(usize, &str)> = Vec::new();
        let (mut from, mut from_chars) = (0, 0);
        let mut prev = None;
        for (chars, (i, c)) in text.char_indices().enumerate() {
            let rest = &text[i..];
            let listed = c == ' '
                && matches!(prev, Some('”' | '"' | '’'))
                && crate::structure::is_dash_quote(&rest[1..])
                && rest[1..]
                    .chars()
                    .nth(2)
                    .is_some_and(|m| matches!(m, '“' | '"' | '”' | '‘'));
            if listed {
                out.push((from_chars, &text[from..i]));
                from = i + 1;
                from_chars = chars + 1;
            }
            prev = Some(c);
        }
        out.push((from_chars, &text[from..]));
        out
    }

    /// The groups [`TRAILING`]'s captures give: what `trailing_groups` must read off a match.
    fn trailing_by_captures(text: &str) -> Option<(std::ops::Range<usize>, String, String)> {
        let c = TRAILING.captures(text)?;
        let who = c["who"].trim().trim_end_matches(',').to_owned();
        Some((c.get(0).expect("match").range(), c["sep"].to_owned(), who))
    }

    fn trailing_by_find(text: &str) -> Option<(std::ops::Range<usize>, String, String)> {
        let m = TRAILING.find(text)?;
        let (sep, who) = trailing_groups(m.as_str());
        let who = who.trim().trim_end_matches(',').to_owned();
        Some((m.range(), sep.to_owned(), who))
    }

    /// Texts shaped like attributions: quoted words, a separator, a mark, space, a verb (those sharing
    /// a start among them), space, a speaker and an end, each piece drawn from near misses too, and
    /// more text after.
    fn attribution_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::collection::vec;
        use proptest::sample::select;
        use proptest::strategy::Strategy;
        let words = [
            "Vi",
            "är",
            " ",
            "glada",
            "x",
            "å",
            "-",
            ".",
            "”",
            "hon",
            "Anna Berg",
            ",",
        ];
        let seps = [",", "!", "?", "!,", "?,", ",,", ";", ""];
        let marks = ["", "", "”", "“", "\"", "»", "»»"];
        let spaces = [" ", "  ", "\n", "\u{a0}", "\t ", ""];
        let verbs = [
            "sa",
            "sade",
            "säger",
            "säger hon",
            "said",
            "says",
            "say",
            "told",
            "adds",
            "added",
            "sägerx",
            "saidx",
            "recalled",
            "Said",
        ];
        let who = [
            "hon",
            "Anna Berg",
            "Jane",
            " ",
            "head of housing",
            ",",
            "x",
            "”",
            "å",
            "-",
        ];
        let ends = [".", "!", "?", ". ", "! ", "?x", ".\n", "", " ", "..", ".”"];
        (
            vec(select(words.to_vec()), 0..4),
            (
                select(seps.to_vec()),
                select(marks.to_vec()),
                select(spaces.to_vec()),
            ),
            (select(verbs.to_vec()), select(spaces.to_vec())),
            vec(select(who.to_vec()), 0..5),
            select(ends.to_vec()),
            vec(select(words.to_vec()), 0..4),
        )
            .prop_map(
                |(before, (sep, mark, space), (verb, space2), who, end, after)| {
                    let head = [sep, mark, space, verb, space2].concat();
                    [
                        before.concat(),
                        head,
                        who.concat(),
                        end.to_owned(),
                        after.concat(),
                    ]
                    .concat()
                },
            )
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(2000))]
        /// Reading `sep` and `who` off a match gives what resolving the groups gave.
        #[test]
        fn trailing_groups_are_the_captures(text in attribution_text()) {
            proptest::prop_assert_eq!(trailing_by_find(&text), trailing_by_captures(&text));
        }
    }

    proptest::proptest! {
        #[test]
        fn dash_lines_agree_with_reading_every_char(
            text in "(” – “|’ — ‘|\x22 - \x22|– |— |- |”|’|“|‘|\x22| |ŝ|✙|Åsa|benches|x)*"
        ) {
            // "ŝ" and "✙" hold the last bytes of "”" and "’" (0x9d, 0x99) without being marks.
            proptest::prop_assert_eq!(dash_lines(&text), dash_lines_by_chars(&text));
        }

        #[test]
        fn leading_agrees_with_matching_all_the_text_before(
            text in "(Anna Berg|Jane Smith|hon|säger|said|sa|says|:|\\.|\\?|!|”|“|\x22| |,|x|Ö)*"
        ) {
            let whole = LEADING.captures(&text).map(|c| c["who"].trim().to_owned());
            proptest::prop_assert_eq!(leading(&text), whole);
        }

        #[test]
        fn trailing_agrees_with_a_comma_put_before(
            after in "(,|!|\\?|”|“|\x22|»| |säger|said|sa|Anna Berg|she|hon|head of x|\\.|\n|x)*"
        ) {
            proptest::prop_assert_eq!(trailing(&after), trailing_by_copy(&after));
        }
    }

    #[test]
    fn marked_quotes_in_a_long_paragraph_have_their_places() {
        // Ten thousand quotes in one paragraph: each repetition after the first gives the same quotes
        // as the one before, one repetition's chars further on.
        let one = "Hon sa: ”Det här är citat med ord” och ”fler ord här,” säger Anna Berg. Sedan ";
        let text = format!("Åtta {}", one.repeat(5000));
        let found = marked_quotes(&text, 7, 0);
        assert_eq!(found.len(), 10_000);
        let per = one.chars().count();
        let chars: Vec<char> = text.chars().collect();
        for (i, f) in found.iter().enumerate() {
            assert_eq!(chars[f.quote.span.start - 7], '”', "{i}");
            if i >= 4 {
                let before = &found[i - 2];
                assert_eq!(f.quote.span.start, before.quote.span.start + per, "{i}");
                assert_eq!(f.quote.span.end, before.quote.span.end + per, "{i}");
                assert_eq!(
                    (&f.quote.text, &f.attribution),
                    (&before.quote.text, &before.attribution),
                    "{i}"
                );
            }
        }
        assert_eq!(found[3].quote.text, "fler ord här");
        assert!(found[2].attribution.is_some());
    }

    #[test]
    fn the_char_cursor_counts_as_chars_do() {
        let text = "Göteborg – ”åäö” x".repeat(50);
        let mut cursor = CharCursor::new(&text);
        let bytes: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        for &b in bytes.iter().step_by(3).chain(bytes.iter().rev().step_by(5)) {
            assert_eq!(cursor.at(b), text[..b].chars().count());
        }
    }

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
