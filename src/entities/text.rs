//! Tokens and capitalized runs: the units the entity rules look at.

use super::lexicon::{self, Words};
use crate::model::is_alphanumeric;

/// A word with its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    /// The word.
    pub text: &'a str,
    /// Start byte.
    pub start: usize,
    /// End byte.
    pub end: usize,
    /// Whether it starts with a capital letter.
    pub cap: bool,
    /// Whether it opens a sentence (so its capital says nothing).
    pub sentence_start: bool,
}

/// Splits text into word tokens: letters and digits, with inner apostrophes, hyphens and `!`
/// ("Nu!-arbetet", "Anna-Karin"). A hand-written scanner: this runs on every text of every article, so it
/// makes one forward pass and tells sentence starts by the last mark it passed.
pub fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::with_capacity(text.len() / 6);
    // The last character passed that is not space, a quotation mark, a dash or a bracket.
    let mut last_mark: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !is_alphanumeric(c) {
            if !is_space_or_quote(c) {
                last_mark = Some(c);
            }
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(i, c)) = chars.peek() {
            if is_alphanumeric(c) || c == '\'' || c == '’' || is_mark(c) {
                end = i + c.len_utf8();
                chars.next();
            } else if (c == '-' || c == '!') && continues_word(&text[i..]) {
                chars.next();
            } else {
                break;
            }
        }
        let word = &text[start..end];
        out.push(Token {
            text: word,
            start,
            end,
            cap: c.is_uppercase(),
            sentence_start: last_mark.is_none_or(|m| matches!(m, '.' | '!' | '?' | ':' | '…')),
        });
        last_mark = word.chars().rev().find(|&c| !is_space_or_quote(c));
    }
    out
}

/// Characters that may stand between a sentence mark and the next sentence's first word.
fn is_space_or_quote(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '"' | '”' | '“' | '\'' | '‘' | '’' | '«' | '»' | '–' | '—' | '-' | '―' | '('
        )
}

/// After a `-` or `!`: more joiners and then a letter or digit.
fn continues_word(rest: &str) -> bool {
    rest.trim_start_matches(['-', '!'])
        .chars()
        .next()
        .is_some_and(is_alphanumeric)
}

/// Combining marks (text is NFC, so these are rare).
fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// A run of capitalized tokens (with name connectors such as "of", "for", "van" inside).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// Index of the first token.
    pub first: usize,
    /// Index one past the last token.
    pub last: usize,
}

impl Run {
    /// Start byte of the run.
    pub fn start(&self, toks: &[Token]) -> usize {
        toks[self.first].start
    }

    /// End byte of the run.
    pub fn end(&self, toks: &[Token]) -> usize {
        toks[self.last - 1].end
    }
}

/// Words that may join capitalized words inside one name.
static CONNECTORS: Words = Words::new(&[
    "of", "for", "the", "de", "van", "von", "af", "&", "du", "la", "le", "der", "al", "el", "bin",
]);

/// Finds runs of capitalized tokens separated only by single spaces. A sentence-initial word that is a
/// common word (listed, or written in lowercase elsewhere in the text) is left out of the run.
pub fn runs(text: &str, toks: &[Token], lowercase_words: &rustc_hash::FxHashSet<&str>) -> Vec<Run> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !toks[i].cap || is_common_sentence_word(&toks[i], lowercase_words) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < toks.len() && joined(text, &toks[j - 1], &toks[j]) {
            if toks[j].cap {
                j += 1;
            } else if CONNECTORS.contains(toks[j].text)
                && j + 1 < toks.len()
                && toks[j + 1].cap
                && joined(text, &toks[j], &toks[j + 1])
            {
                j += 2;
            } else {
                break;
            }
        }
        out.push(Run { first: i, last: j });
        i = j;
    }
    out
}

/// True when only one space separates two tokens.
pub fn joined(text: &str, a: &Token, b: &Token) -> bool {
    let gap = &text[a.end..b.start];
    gap == " " || gap == "\u{a0}"
}

/// A sentence-initial capitalized token that is an ordinary word, not a name.
pub fn is_common_sentence_word(t: &Token, lowercase_words: &rustc_hash::FxHashSet<&str>) -> bool {
    t.sentence_start
        && (lexicon::SENTENCE_WORDS.contains(t.text)
            || lowercase_words.contains(t.text.to_lowercase().as_str()))
}

/// Every token written in lowercase in the text, to tell sentence-initial common words from names.
pub fn lowercase_words<'a>(toks: &[Token<'a>]) -> rustc_hash::FxHashSet<&'a str> {
    toks.iter()
        .filter(|t| !t.cap && t.text.chars().next().is_some_and(char::is_lowercase))
        .map(|t| t.text)
        .collect()
}

/// Byte offset → char offset.
pub fn char_offset(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}
