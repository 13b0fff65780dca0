//! Tokens and capitalized runs: the units the entity rules look at.

use super::lexicon::{self, Words};
use crate::model::{bytes_within, char_at, is_alphanumeric, is_uppercase, HIGH_BITS};

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
    /// Whether it has a capital letter anywhere (so its lowercase form differs from it).
    pub upper: bool,
    /// Whether it opens a sentence (so its capital says nothing).
    pub sentence_start: bool,
}

/// Splits text into word tokens: letters and digits, with inner apostrophes, hyphens and `!`
/// ("Nu!-arbetet", "Anna-Karin"). A hand-written scanner: this runs on every text of every article, so it
/// makes one forward pass, reads ASCII bytes without decoding them, and tells sentence starts by the last
/// mark it passed.
pub fn tokens(text: &str) -> Vec<Token<'_>> {
    // Room for a token every four bytes: prose has one every five to six, and growing this vector (tens
    // of kilobytes for an article) would copy it whole.
    let mut out = Vec::with_capacity(text.len() / 4);
    // Whether the last character passed that is not space, a quotation mark, a dash or a bracket ends a
    // sentence (true at the start of the text). A line break ends one too: paragraphs are joined with
    // them, and a heading or kicker before a paragraph has no full stop. A word never ends with such a mark.
    let mut after_sentence = true;
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < text.len() {
        // Between words, ASCII bytes go by table; an ASCII word start needs no decoding either.
        let b = bytes[i];
        let (cap, mut end) = if b.is_ascii() {
            match GAP_BYTES[usize::from(b)] {
                Gap::Word => (b.is_ascii_uppercase(), i + 1),
                Gap::Space => {
                    i += 1;
                    continue;
                }
                gap => {
                    after_sentence = gap == Gap::SentenceEnd;
                    i += 1;
                    continue;
                }
            }
        } else {
            let c = char_at(text, i);
            if !is_alphanumeric(c) {
                if !is_space_or_quote(c) {
                    after_sentence = matches!(c, '.' | '!' | '?' | ':' | '…');
                }
                i += c.len_utf8();
                continue;
            }
            (is_uppercase(c), i + c.len_utf8())
        };
        let start = i;
        let mut upper = cap;
        while end < text.len() {
            // Eight bytes at a time while they are ASCII letters, digits and apostrophes: a word ends
            // inside its first eight bytes as a rule, found without a branch per byte.
            if let Some(chunk) = bytes.get(end..end + 8) {
                let (run, capitals) = word_bytes(u64::from_le_bytes(chunk.try_into().expect("8")));
                upper |= capitals;
                end += run;
                if run == 8 {
                    continue;
                }
            }
            // ASCII bytes go by table, without decoding: letters, digits and apostrophes continue the word,
            // `-` and `!` continue it when a letter or digit follows, anything else ends it.
            let Some(&b) = bytes.get(end) else { break };
            if b.is_ascii() {
                if WORD_BYTES[usize::from(b)] {
                    upper |= b.is_ascii_uppercase();
                    end += 1;
                    continue;
                }
                if (b == b'-' || b == b'!') && continues_word(&text[end..]) {
                    end += 1;
                    continue;
                }
                break;
            }
            let d = char_at(text, end);
            if is_alphanumeric(d) || d == '’' || is_mark(d) {
                upper |= is_uppercase(d);
                end += d.len_utf8();
            } else {
                break;
            }
        }
        out.push(Token {
            text: &text[start..end],
            start,
            end,
            cap,
            upper,
            sentence_start: after_sentence,
        });
        after_sentence = false;
        // A space after a word, the commonest gap by far, says nothing about sentences: passed here
        // rather than by another turn of the loop.
        i = end + usize::from(bytes.get(end) == Some(&b' '));
    }
    out
}

/// How many of eight bytes (in text order, little-endian) are ASCII letters, digits or apostrophes
/// before the first that is not, and whether a capital is among them.
fn word_bytes(x: u64) -> (usize, bool) {
    let run = leading_run(alphanumeric_and_bits(x, b'\''));
    let capitals = bytes_within(x & !HIGH_BITS, b'A', b'Z');
    let in_run = if run == 8 {
        HIGH_BITS
    } else {
        (1u64 << (8 * run)) - 1
    };
    (run, capitals & in_run != 0)
}

/// [`alphanumeric_and`] for eight bytes at once (in text order, little-endian): the top bit of each
/// byte that is an ASCII letter or digit, or `extra`. Each byte is compared with ranges by adding to it
/// without carries: bytes are first cut to seven bits, and the eighth bit marks a byte beyond ASCII as
/// none of these.
#[inline]
pub fn alphanumeric_and_bits(x: u64, extra: u8) -> u64 {
    let seven = x & !HIGH_BITS;
    // With bit 5 set, capitals fall among the lowercase letters; digits are tested as they are.
    let letters = bytes_within(seven | 0x2020_2020_2020_2020, b'a', b'z');
    let kept = letters | bytes_within(seven, b'0', b'9') | bytes_within(seven, extra, extra);
    kept & !(x & HIGH_BITS)
}

/// How many of eight bytes lead before the first whose top bit is clear in `bits` (see
/// [`alphanumeric_and_bits`]).
#[inline]
pub fn leading_run(bits: u64) -> usize {
    (!bits & HIGH_BITS).trailing_zeros() as usize / 8
}

/// ASCII bytes that continue a word by themselves: letters, digits and the apostrophe.
static WORD_BYTES: [bool; 128] = alphanumeric_and(b'\'');

/// A table of the ASCII bytes that are letters or digits, or `extra`.
pub const fn alphanumeric_and(extra: u8) -> [bool; 128] {
    let mut table = [false; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric() || b as u8 == extra;
        b += 1;
    }
    table
}

/// What an ASCII byte is to [`tokens`] outside a word.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Gap {
    /// A letter or digit: a word starts.
    Word,
    /// Space, a quotation mark, a dash or a bracket: says nothing about sentences.
    Space,
    /// `.`, `!`, `?` or `:`: the next word opens a sentence.
    SentenceEnd,
    /// Anything else: the next word does not open a sentence.
    Other,
}

/// [`Gap`] of every ASCII byte, as the character tests of [`tokens`] have it.
static GAP_BYTES: [Gap; 128] = {
    let mut table = [Gap::Other; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_alphanumeric() {
            Gap::Word
        } else if matches!(
            c,
            b' ' | b'\t' | b'\x0b'..=b'\r' | b'"' | b'\'' | b'-' | b'('
        ) {
            Gap::Space
        } else if matches!(c, b'.' | b'!' | b'?' | b':' | b'\n') {
            Gap::SentenceEnd
        } else {
            Gap::Other
        };
        b += 1;
    }
    table
};

/// Characters that may stand between a sentence mark and the next sentence's first word.
fn is_space_or_quote(c: char) -> bool {
    (c.is_whitespace() && c != '\n')
        || matches!(c, '"' | '”' | '“' | '\'' | '‘' | '’' | '«' | '»' | '(')
        || crate::structure::is_quote_dash(c)
}

/// After a `-` or `!`: more joiners and then a letter or digit.
fn continues_word(rest: &str) -> bool {
    let after = rest.trim_start_matches(['-', '!']);
    !after.is_empty() && is_alphanumeric(char_at(after, 0))
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
pub fn runs(
    text: &str,
    toks: &[Token],
    lowered: &[&str],
    lowercase_words: &rustc_hash::FxHashSet<&str>,
) -> Vec<Run> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !toks[i].cap || is_common_sentence_word(&toks[i], lowered[i], lowercase_words) {
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

/// A sentence-initial capitalized token (`lower` in lowercase) that is an ordinary word, not a name.
pub fn is_common_sentence_word(
    t: &Token,
    lower: &str,
    lowercase_words: &rustc_hash::FxHashSet<&str>,
) -> bool {
    t.sentence_start
        && (lexicon::SENTENCE_WORDS.contains(t.text) || lowercase_words.contains(lower))
}

/// Every token in lowercase, in token order: tokens without a capital are borrowed, the others are
/// written once into `buf` (one buffer per text instead of a string per token).
pub fn lowercase_all<'a>(toks: &[Token<'a>], buf: &'a mut String) -> Vec<&'a str> {
    let ranges: Vec<Option<(usize, usize)>> = toks
        .iter()
        .map(|t| {
            t.upper.then(|| {
                let start = buf.len();
                push_lowercase(t.text, buf);
                (start, buf.len())
            })
        })
        .collect();
    let buf: &'a String = buf;
    toks.iter()
        .zip(ranges)
        .map(|(t, range)| range.map_or(t.text, |(start, end)| &buf[start..end]))
        .collect()
}

/// Appends `word` in lowercase, as `str::to_lowercase` writes it but without a string of its own.
fn push_lowercase(word: &str, buf: &mut String) {
    if word.is_ascii() {
        // Copied whole and lowered in place: a char-by-char push costs several times more per byte.
        let start = buf.len();
        buf.push_str(word);
        buf[start..].make_ascii_lowercase();
    } else if word.contains('Σ') {
        // A capital sigma's lowercase depends on its neighbours: `str::to_lowercase` knows the rule.
        buf.push_str(&word.to_lowercase());
    } else {
        for c in word.chars() {
            crate::model::for_each_lowercase(c, |l| buf.push(l));
        }
    }
}

/// Whether a word has a capital letter anywhere (ASCII words tested on their bytes).
pub fn has_capital(word: &str) -> bool {
    if word.is_ascii() {
        word.bytes().any(|b| b.is_ascii_uppercase())
    } else {
        word.chars().any(is_uppercase)
    }
}

/// The words written in lowercase somewhere in the texts that a sentence-initial capitalized word also
/// spells (see [`is_common_sentence_word`]); `lowered` holds each text's tokens in lowercase. Only the
/// words such tokens ask about are gathered: hashing every lowercase token of every article cost more
/// than finding the runs.
pub fn lowercase_words<'a>(
    all: &[Vec<Token<'a>>],
    lowered: &[Vec<&str>],
) -> rustc_hash::FxHashSet<&'a str> {
    let asked: rustc_hash::FxHashSet<&str> = all
        .iter()
        .zip(lowered)
        .flat_map(|(toks, lower)| toks.iter().zip(lower))
        .filter(|(t, _)| t.cap && t.sentence_start && !lexicon::SENTENCE_WORDS.contains(t.text))
        .map(|(_, lower)| *lower)
        .collect();
    if asked.is_empty() {
        return rustc_hash::FxHashSet::default();
    }
    // Most lowercase tokens differ from every asked word in length or first byte: two bit tests turn
    // them away before hashing.
    let (mut lengths, mut firsts) = (0u64, 0u64);
    for w in &asked {
        lengths |= 1 << w.len().min(63);
        firsts |= 1 << (w.as_bytes()[0] & 63);
    }
    all.iter()
        .flatten()
        .filter(|t| {
            !t.cap
                && lengths & (1 << t.text.len().min(63)) != 0
                && firsts & (1 << (t.text.as_bytes()[0] & 63)) != 0
                && t.text.chars().next().is_some_and(char::is_lowercase)
                && asked.contains(t.text)
        })
        .map(|t| t.text)
        .collect()
}

/// Byte offset → char offset, by counting: the reference [`CharOffsets`] is tested against.
#[cfg(test)]
fn char_offset(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

/// Byte offset → char offset for many offsets into one text: the chars before every 64-byte block are
/// counted once, so each lookup counts at most one block (a char starts at every byte that does not
/// continue one).
pub struct CharOffsets<'a> {
    bytes: &'a [u8],
    blocks: Vec<usize>,
}

impl<'a> CharOffsets<'a> {
    const BLOCK: usize = 64;

    /// Indexes `text`.
    pub fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let mut blocks = Vec::with_capacity(bytes.len() / Self::BLOCK + 1);
        let mut before = 0;
        for block in bytes.chunks(Self::BLOCK) {
            blocks.push(before);
            before += starts(block);
        }
        blocks.push(before);
        Self { bytes, blocks }
    }

    /// The char offset of `byte` (a char boundary).
    pub fn get(&self, byte: usize) -> usize {
        let block = byte / Self::BLOCK;
        self.blocks[block] + starts(&self.bytes[block * Self::BLOCK..byte])
    }

    /// The byte offset of the char at char offset `chars` (the text's length past its last char): the
    /// inverse of [`CharOffsets::get`], found by halving over the blocks, then counting within one.
    pub fn byte(&self, chars: usize) -> usize {
        let block = self.blocks.partition_point(|&before| before <= chars) - 1;
        let from = (block * Self::BLOCK).min(self.bytes.len());
        let mut n = self.blocks[block];
        for (i, &b) in self.bytes[from..].iter().enumerate() {
            if b & 0xC0 != 0x80 {
                if n == chars {
                    return from + i;
                }
                n += 1;
            }
        }
        self.bytes.len()
    }
}

/// Bytes that start a char: a byte continues a char when its top bits are `10`, that is when it is below
/// -64 as a signed byte. Counted 64 bytes at a time in one-byte sums, which the compiler turns into
/// sixteen-byte compares (a `count_ones` per eight bytes had no `popcnt` instruction on the baseline
/// x86-64 target and cost a dozen instructions).
fn starts(bytes: &[u8]) -> usize {
    let block = |b: &[u8]| b.iter().fold(0u8, |n, &b| n + u8::from(b as i8 >= -0x40));
    bytes.chunks(64).map(|b| usize::from(block(b))).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Eight bytes at a time, each byte is kept as the table keeps it, in every position.
    #[test]
    fn alphanumeric_bits_agree_with_the_table() {
        for extra in [b'\'', b'-'] {
            let table = alphanumeric_and(extra);
            for b in 0..=255u8 {
                for k in 0..8 {
                    // The byte at position `k` among letters, so that neighbours carry nothing over.
                    let mut bytes = *b"abcdefgh";
                    bytes[k] = b;
                    let bits = alphanumeric_and_bits(u64::from_le_bytes(bytes), extra);
                    let kept = b < 128 && table[usize::from(b)];
                    assert_eq!(bits >> (8 * k + 7) & 1 == 1, kept, "{b:#x} at {k}");
                    assert_eq!(leading_run(bits), if kept { 8 } else { k }, "{b:#x} at {k}");
                }
            }
        }
    }

    #[test]
    fn char_starts_are_counted_block_by_block() {
        let text = "aé€😀 Öster-Malma ”citat” – ".repeat(7);
        for from in 0..text.len() {
            // Past 64 and 128 bytes: a block's one-byte sum ends and the next begins.
            for to in from..text.len().min(from + 140) {
                let slice = &text.as_bytes()[from..to];
                let by_byte = slice.iter().filter(|&&b| b & 0xC0 != 0x80).count();
                assert_eq!(starts(slice), by_byte, "{from}..{to}");
            }
        }
    }

    #[test]
    fn char_offsets_map_both_ways() {
        let text = "Åsa säger ”hej” – ".repeat(20) + "slut";
        let offsets = CharOffsets::new(&text);
        for (chars, (byte, _)) in text.char_indices().enumerate() {
            assert_eq!(offsets.get(byte), chars);
            assert_eq!(offsets.byte(chars), byte);
        }
        assert_eq!(offsets.byte(text.chars().count()), text.len());
    }

    #[test]
    fn tokens_keep_joined_words_and_know_sentence_starts() {
        let text = "”Nu!-arbetet går.” Anna-Karin Öst’s plan: Kent's – (Malmö) säger x-- y… Ja";
        let got: Vec<(&str, bool, bool)> = tokens(text)
            .iter()
            .map(|t| (t.text, t.cap, t.sentence_start))
            .collect();
        assert_eq!(
            got,
            [
                ("Nu!-arbetet", true, true),
                ("går", false, false),
                ("Anna-Karin", true, true),
                ("Öst’s", true, false),
                ("plan", false, false),
                ("Kent's", true, true),
                ("Malmö", true, false),
                ("säger", false, false),
                ("x", false, false),
                ("y", false, false),
                ("Ja", true, true),
            ]
        );
        for t in tokens(text) {
            assert_eq!(&text[t.start..t.end], t.text);
            assert_eq!(t.upper, has_capital(t.text), "{}", t.text);
        }
    }

    /// [`tokens`] written char by char from its rules: what the byte-table scanner must agree with.
    fn tokens_by_chars(text: &str) -> Vec<Token<'_>> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut out = Vec::new();
        let (mut after_sentence, mut k) = (true, 0);
        while k < chars.len() {
            let (start, c) = chars[k];
            if !is_alphanumeric(c) {
                if !is_space_or_quote(c) {
                    after_sentence = matches!(c, '.' | '!' | '?' | ':' | '…' | '\n');
                }
                k += 1;
                continue;
            }
            let mut j = k + 1;
            while j < chars.len() {
                let d = chars[j].1;
                let joiner = (d == '-' || d == '!') && continues_word(&text[chars[j].0..]);
                if is_alphanumeric(d) || d == '\'' || d == '’' || is_mark(d) || joiner {
                    j += 1;
                } else {
                    break;
                }
            }
            let end = chars.get(j).map_or(text.len(), |&(e, _)| e);
            let word = &text[start..end];
            out.push(Token {
                text: word,
                start,
                end,
                cap: c.is_uppercase(),
                upper: word.chars().any(char::is_uppercase),
                sentence_start: after_sentence,
            });
            after_sentence = false;
            k = j;
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn tokens_agree_with_the_char_by_char_rules(text in "[a-zA-ZåÅöÖéΣσ0-9 .,:!?'’\\-–”“(…\u{301}\u{a0}]{0,80}") {
            proptest::prop_assert_eq!(tokens(&text), tokens_by_chars(&text));
        }

        #[test]
        fn tokens_agree_on_any_text(text in "\\PC{0,80}") {
            proptest::prop_assert_eq!(tokens(&text), tokens_by_chars(&text));
        }

        // The bytes at each end of the ranges and just outside them, and bytes beyond ASCII.
        #[test]
        fn eight_word_bytes_agree_with_the_table(
            bytes in proptest::array::uniform8(proptest::sample::select(
                b"aAzZ09'@[`{/:&(-! \x7f\x80\xc3\xe1\xfa\xda".to_vec()
            ))
        ) {
            let run = bytes.iter().take_while(|&&b| b.is_ascii() && WORD_BYTES[usize::from(b)]).count();
            let capitals = bytes[..run].iter().any(u8::is_ascii_uppercase);
            proptest::prop_assert_eq!(word_bytes(u64::from_le_bytes(bytes)), (run, capitals));
        }
    }

    #[test]
    fn the_gap_table_agrees_with_the_character_tests() {
        for b in 0..128u8 {
            let c = char::from(b);
            let expected = if is_alphanumeric(c) {
                Gap::Word
            } else if is_space_or_quote(c) {
                Gap::Space
            } else if matches!(c, '.' | '!' | '?' | ':' | '\n') {
                Gap::SentenceEnd
            } else {
                Gap::Other
            };
            assert!(GAP_BYTES[usize::from(b)] == expected, "{c:?}");
        }
    }

    #[test]
    fn lowercase_forms_are_those_of_str_to_lowercase() {
        let text = "ÖSTERSUND Åre ΟΔΟΣ Σίσυφος İstanbul ǅemal Straße DŽ Kent's Anna-KARIN ß";
        let toks = tokens(text);
        let mut buf = String::new();
        let lowered = lowercase_all(&toks, &mut buf);
        for (t, l) in toks.iter().zip(&lowered) {
            // A word without a capital (titlecase "ǅ" is none) is kept as written.
            let expected = if has_capital(t.text) {
                t.text.to_lowercase()
            } else {
                t.text.to_owned()
            };
            assert_eq!(*l, expected, "{}", t.text);
        }
    }

    #[test]
    fn the_latin1_shortcut_lowercases_as_char_to_lowercase() {
        for c in (0..0x250).filter_map(char::from_u32) {
            // "Ö" makes the word non-ASCII, so the per-char path runs.
            let word = format!("Ö{c}x");
            let mut buf = String::from("kept ");
            push_lowercase(&word, &mut buf);
            assert_eq!(buf, format!("kept {}", word.to_lowercase()), "{c:?}");
        }
        let mut buf = String::new();
        push_lowercase("KENT'S", &mut buf);
        assert_eq!(buf, "kent's");
    }

    #[test]
    fn char_offsets_agree_with_counting_chars() {
        let text = "Göteborg – ”åäö” ".repeat(40);
        let index = CharOffsets::new(&text);
        for (byte, _) in text.char_indices().chain([(text.len(), ' ')]) {
            assert_eq!(index.get(byte), char_offset(&text, byte), "{byte}");
        }
    }
}
