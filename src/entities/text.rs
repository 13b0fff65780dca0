//! Tokens and capitalized runs: the units the entity rules look at.

use std::sync::LazyLock;

use regex::Regex;

use super::lexicon;

/// Words: letters and digits, with inner apostrophes, hyphens and `!` ("Nu!-arbetet", "Anna-Karin").
static WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}'’]*(?:[-!]+[\p{L}\p{N}][\p{L}\p{M}\p{N}'’]*)*")
        .expect("valid regex")
});

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

/// Splits text into word tokens.
pub fn tokens(text: &str) -> Vec<Token<'_>> {
    WORD.find_iter(text)
        .map(|m| {
            let before = text[..m.start()]
                .trim_end_matches(|c: char| c.is_whitespace() || "\"”“'‘’«»–—-―(".contains(c));
            Token {
                text: m.as_str(),
                start: m.start(),
                end: m.end(),
                cap: m.as_str().chars().next().is_some_and(char::is_uppercase),
                sentence_start: before.is_empty() || before.ends_with(['.', '!', '?', ':', '…']),
            }
        })
        .collect()
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
const CONNECTORS: &[&str] = &[
    "of", "for", "the", "de", "van", "von", "af", "&", "du", "la", "le", "der", "al", "el", "bin",
];

/// Finds runs of capitalized tokens separated only by single spaces. A sentence-initial word that is a
/// common word (listed, or written in lowercase elsewhere in the text) is left out of the run.
pub fn runs(
    text: &str,
    toks: &[Token],
    lowercase_words: &std::collections::HashSet<String>,
) -> Vec<Run> {
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
            } else if CONNECTORS.contains(&toks[j].text)
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
pub fn is_common_sentence_word(
    t: &Token,
    lowercase_words: &std::collections::HashSet<String>,
) -> bool {
    t.sentence_start
        && (lexicon::SENTENCE_WORDS.contains(&t.text)
            || lowercase_words.contains(&t.text.to_lowercase()))
}

/// Every token written in lowercase in the text, to tell sentence-initial common words from names.
pub fn lowercase_words(toks: &[Token]) -> std::collections::HashSet<String> {
    toks.iter()
        .filter(|t| !t.cap && t.text.chars().next().is_some_and(char::is_lowercase))
        .map(|t| t.text.to_owned())
        .collect()
}

/// Byte offset → char offset.
pub fn char_offset(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}
