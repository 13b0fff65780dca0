//! Which tokens each per-word rule looks at, decided once per token.
//!
//! Four rules walk every token of every text: the cue words before names (`token_rules`), initiatives,
//! Swedish bodies and municipal or company names. Each reacts to the words of its lists and to words
//! with some endings, and used to turn the others away by bit filters asked rule by rule: a hash, a
//! load and a hard-to-predict branch per word and rule, and the filters by word shape passed about one
//! word in twelve ("för", "stad" and every word shaped like them). Here each token's lowercase form and
//! its last four bytes are hashed once; one load from each joint table gives every rule's answer, and
//! the rules pass over the tokens whose bit is clear. A bit set is only a "may": each rule still tests
//! its words exactly.

use std::sync::LazyLock;

use super::super::lexicon::{tail_bucket_of_last4, tail_of, Shapes, Tails, TAIL_BUCKETS};
use super::super::text::Token;
use super::{
    is_short_capitals, number_follows, CONTROL_SUFFIXES, INITIATIVE_ENDINGS, INITIATIVE_WORDS,
    MUNICIPAL_AND_COMPANY_HEADS, NAME_CUES, ORG_CUE_TAILS, ORG_NOUN_HEAD_TAILS, SV_BODY_ENDINGS,
    SV_TOWN_COMPANY_ENDINGS, TOKEN_RULE_WORDS,
};

/// A cue word before a place's or an organization's name (`token_rules`).
pub const NAME_CUE: u8 = 1;
/// A word `initiatives` reacts to, as it stands or by its ending.
pub const INITIATIVE: u8 = 2;
/// A word `swedish_orgs` reacts to: a body's ending or a town's company.
pub const SV_BODY: u8 = 4;
/// A head word or acronym `municipal_and_company` reacts to.
pub const MUNICIPAL: u8 = 8;
/// A word one of `token_rules`' own rules starts at (cue words aside), or a word before a number.
pub const TOKEN: u8 = 16;

/// The joint tables: for each word or tail bucket, the rules whose words or endings fall in it.
///
/// Few buckets hold anything, so each table is read through a bitmap of its non-empty buckets (two
/// kilobytes, which stay in the first-level cache) rather than at a random place of sixteen kilobytes
/// for every word.
struct Tables {
    words: Table,
    tails: Table,
    /// Rules whose ending filter passes every word (an ending shorter than four bytes).
    always: u8,
}

/// One joint table and the bitmap of its non-empty buckets, of [`BUCKETS`] buckets (both tables have
/// as many): fixed sizes let a masked bucket index them without bounds checks.
struct Table {
    /// A bit per bucket: whether it holds anything.
    used: Box<[u64; BUCKETS / 64]>,
    /// The bits of bucket `b` at `b + 1`; 0 at 0, which every empty bucket reads.
    bits: Box<[u8; BUCKETS + 1]>,
}

/// The number of buckets of each table, words' as many as tails': the lists hold a few hundred words,
/// so few prose words share one.
const BUCKETS: usize = TAIL_BUCKETS;

impl Table {
    fn new(bits_of: impl Fn(usize) -> u8) -> Self {
        let mut used = Box::new([0u64; BUCKETS / 64]);
        let mut bits = Box::new([0u8; BUCKETS + 1]);
        for b in 0..BUCKETS {
            bits[b + 1] = bits_of(b);
            used[b / 64] |= u64::from(bits[b + 1] != 0) << (b % 64);
        }
        Self { used, bits }
    }

    /// The bits of `bucket`: an empty bucket (most are) reads slot 0.
    #[inline]
    fn get(&self, bucket: usize) -> u8 {
        let bucket = bucket & (BUCKETS - 1);
        let used = (self.used[bucket / 64] >> (bucket % 64)) as usize & 1;
        // `used.wrapping_neg()` is all ones or zero: slot `bucket + 1` or slot 0.
        self.bits[(bucket + 1) & used.wrapping_neg()]
    }
}

/// The words each rule reacts to (`MUNICIPAL`'s as they stand, compared here in lowercase, which only
/// widens the gate) and the endings.
const WORDS: [(u8, &Shapes); 4] = [
    (NAME_CUE, &NAME_CUES),
    (INITIATIVE, &INITIATIVE_WORDS),
    (MUNICIPAL, &MUNICIPAL_AND_COMPANY_HEADS),
    (TOKEN, &TOKEN_RULE_WORDS),
];
const ENDINGS: [(u8, &Tails); 4] = [
    (NAME_CUE, &ORG_CUE_TAILS),
    (INITIATIVE, &INITIATIVE_ENDINGS),
    (SV_BODY, &SV_BODY_ENDINGS),
    (MUNICIPAL, &ORG_NOUN_HEAD_TAILS),
];

/// A lowercase word's bucket in [`Tables::words`]: a hash of its length and its first and last eight
/// bytes (four for shorter words), read as two numbers rather than byte by byte, with one multiply to
/// mix them. Words of up to sixteen bytes are hashed whole; two longer words that differ only in their
/// middle share a bucket, which only lets a rule look at a word it then turns away.
fn word_bucket(lower: &str) -> usize {
    buckets(lower).0
}

/// A lowercase word's bucket in [`Tables::words`] and its tail bucket ([`tail_of`]), from one read of
/// its first and last bytes.
#[inline]
fn buckets(lower: &str) -> (usize, Option<usize>) {
    let b = lower.as_bytes();
    let n = b.len();
    let (first, last) = match n {
        8.. => (le8(&b[..8]), le8(&b[n - 8..])),
        4.. => (le4(&b[..4]), le4(&b[n - 4..])),
        _ => (b.iter().rev().fold(0, |v, &c| v << 8 | u64::from(c)), 0),
    };
    // The last four bytes: the top half of the last eight, or the last four themselves.
    let tail = (n >= 4).then(|| tail_bucket_of_last4((last >> (32 * u64::from(n >= 8))) as u32));
    let mixed =
        (first ^ last.rotate_left(29) ^ (n as u64) << 56).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    ((mixed >> (64 - BUCKETS.trailing_zeros())) as usize, tail)
}

fn le8(b: &[u8]) -> u64 {
    u64::from_le_bytes(b.try_into().expect("eight bytes"))
}

fn le4(b: &[u8]) -> u64 {
    u64::from(u32::from_le_bytes(b.try_into().expect("four bytes")))
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let mut words = vec![0u8; BUCKETS];
    for (bit, list) in WORDS {
        for w in list.entries() {
            words[word_bucket(&w.to_lowercase())] |= bit;
        }
    }
    let tails = |b: usize| {
        let passed = ENDINGS.iter().filter(|(_, f)| f.has_bucket(b));
        passed.fold(0, |g, (bit, _)| g | bit)
    };
    let always = ENDINGS
        .iter()
        .filter(|(_, f)| f.passes_all())
        .fold(0, |g, (bit, _)| g | bit);
    Tables {
        words: Table::new(|b| words[b]),
        tails: Table::new(tails),
        always,
    }
});

/// Each token's gate bits, and the tokens with any bit set.
pub struct Gates {
    /// Each token's bits: which of the rules above may react to it.
    pub bits: Vec<u8>,
    /// The positions of the tokens with a bit set, in order (about one token in ten): the rules walk
    /// these instead of every token.
    pub set: Vec<u32>,
}

/// Each token's gate bits: which of the rules above may react to it.
pub fn of(toks: &[Token], lowered: &[&str]) -> Gates {
    let t = &*TABLES;
    let tail = |w: &str| tail_of(w).map_or(0, |b| t.tails.get(b));
    let mut set = Vec::with_capacity(toks.len() / 4);
    let bits = toks
        .iter()
        .zip(lowered)
        .enumerate()
        .map(|(i, (tok, &lower))| {
            let len = tok.text.len();
            let (word, tail_bucket) = buckets(lower);
            let ends = tail_bucket.map_or(0, |b| t.tails.get(b)) | t.always;
            let word = t.words.get(word);
            let mut g = (word | ends) & INITIATIVE | word & (MUNICIPAL | TOKEN);
            if number_follows(toks, i) || tok.cap && capitalized_rule(tok.text) {
                g |= TOKEN;
            }
            // A cue word is lowercase, or capitalized only by opening a sentence.
            if (!tok.cap || tok.sentence_start) && len >= 3 {
                g |= (word | ends) & NAME_CUE;
            }
            // The shortest organization word is a three-letter prefix and a five-letter ending ("nämnd").
            let town_company = || tok.cap && SV_TOWN_COMPANY_ENDINGS.may_end(lower);
            if len >= 8 && (ends & SV_BODY != 0 || town_company()) {
                g |= SV_BODY;
            }
            // A lowercase head noun ends the name, in the genitive too ("församlings").
            if !tok.cap && i > 0 {
                let genitive = lower.strip_suffix('s').map_or(0, tail);
                g |= (ends | genitive) & MUNICIPAL;
            }
            // An acronym (`is_acronym` tests it whole).
            if is_short_capitals(tok.text) {
                g |= MUNICIPAL;
            }
            if g != 0 {
                set.push(i as u32);
            }
            g
        })
        .collect();
    Gates { bits, set }
}

/// Whether a capitalized word may start one of `token_rules`' rules by its shape: an acronym or a
/// dateline in capitals (a second byte beyond ASCII may be a capital's), "Labour-run", "the A590".
fn capitalized_rule(word: &str) -> bool {
    let bytes = word.as_bytes();
    let second = bytes.get(1).copied().unwrap_or(0);
    let road = matches!(bytes[0], b'A' | b'M' | b'E') && second.is_ascii_digit();
    second.is_ascii_uppercase()
        || second >= 0x80
        || road
        || CONTROL_SUFFIXES.iter().any(|s| word.ends_with(s))
}

#[cfg(test)]
mod tests {
    use super::super::super::text;
    use super::super::*;
    use super::*;

    /// The bits of the rules that react to a word: by its being on their lists (as it stands or in
    /// lowercase, as each rule reads it) or by their ending filters (the town-company test without the
    /// town, so a little wider).
    fn asked(toks: &[Token], lowered: &[&str], i: usize) -> u8 {
        let (t, lower, len) = (&toks[i], lowered[i], toks[i].text.len());
        let cue = (!t.cap || t.sentence_start)
            && len >= 3
            && (NAME_CUES.contains(lower) || is_org_cue_compound(lower));
        let initiative = INITIATIVE_WORDS.contains(lower) || INITIATIVE_ENDINGS.may_end(lower);
        let town_company = t.cap && SV_TOWN_COMPANY_ENDINGS.endings(lower).next().is_some();
        let body = len >= 8 && (town_company || SV_BODY_ENDINGS.may_end(lower));
        let municipal = (!t.cap && i > 0 && org_noun_head(lower).is_some())
            || MUNICIPAL_AND_COMPANY_HEADS.contains(t.text)
            || is_acronym(t.text);
        let number_next = toks
            .get(i + 1)
            .is_some_and(|n| n.text.as_bytes()[0].is_ascii_digit());
        let first = t.text.as_bytes()[0];
        let token = number_next
            || matches!(first, b'f' | b'F' | b'n' | b'N')
                && len >= 6
                && matches!(lower, "förvaltningen" | "nämnden" | "förvaltning" | "nämnd")
            || matches!(t.text, "GP" | "Mitt")
            || t.cap
                && (matches!(t.text, "New" | "Green" | "P4")
                    || len >= 6 && t.text.contains('-') && party_running_suffix(t.text)
                    || is_acronym(t.text)
                    || len >= 3 && t.text.chars().nth(1).is_some_and(char::is_uppercase)
                    || matches!(first, b'A' | b'M' | b'E')
                        && t.text[1..]
                            .bytes()
                            .next()
                            .is_some_and(|b| b.is_ascii_digit()));
        [
            (token, TOKEN),
            (cue, NAME_CUE),
            (initiative, INITIATIVE),
            (body, SV_BODY),
            (municipal, MUNICIPAL),
        ]
        .iter()
        .filter(|(on, _)| *on)
        .fold(0, |g, (_, bit)| g | bit)
    }

    fn party_running_suffix(word: &str) -> bool {
        CONTROL_SUFFIXES.iter().any(|s| word.ends_with(s))
    }

    /// Every word of the lists the gated rules read, in lowercase, capitalized, in capitals, in a
    /// compound, in the genitive and opening a sentence.
    fn list_words() -> String {
        let lists: [&Words; 15] = [
            &SV_PLACE_CUE_WORDS,
            &ORG_CUE_WORDS,
            &ORG_CUE_ENDINGS,
            &SV_INITIATIVE_CUES,
            &EN_INITIATIVE_HEADS,
            &EN_PLURAL_INITIATIVE_HEADS,
            &APPOSITIVE_HEADS,
            &SV_COMPOUND_CUE_ENDINGS,
            &PROGRAMME_ENDINGS,
            &SV_ORG_ENDINGS_ANY_CASE,
            &SV_ORG_ENDINGS_CAPITAL,
            &SV_ORG_NOUN_HEADS,
            &SV_ORG_NOUN_HEAD_ENDINGS,
            &SV_ORG_HEADS_WITH_PLACE,
            &SV_PLACE_NOUN_HEADS,
        ];
        let mut text =
            String::from("Kommun stad Stad län Region Länsstyrelsen AB Statens NHS GMB. ");
        for w in lists.iter().flat_map(|l| l.iter()) {
            let (lower, cap) = (w.to_lowercase(), capitalize(w));
            let upper = w.to_uppercase();
            text +=
                &format!("x {lower} {cap} {upper} stads{lower} Karlstads{lower} {lower}s. {cap} ");
        }
        text
    }

    #[test]
    fn tail_buckets_from_the_word_read_agree_with_tail_of() {
        for w in [
            "",
            "a",
            "ab",
            "abc",
            "abcd",
            "abcde",
            "abcdefg",
            "abcdefgh",
            "abcdefghi",
            "förvaltningen",
            "ö",
            "åäö",
            "kulturförvaltningens",
        ] {
            assert_eq!(buckets(w).1, tail_of(w), "{w:?}");
        }
    }

    #[test]
    fn gates_pass_every_word_their_rules_test_and_few_others() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts = vec![list_words()];
        for dir in ["samples", "eval/dev/articles", "eval/test/articles"] {
            for entry in std::fs::read_dir(root.join(dir)).expect("folder") {
                let path = entry.expect("entry").path();
                texts.extend(std::fs::read_to_string(path).ok());
            }
        }
        assert!(texts.len() > 60, "the eval articles are read");
        let (mut words, mut gated) = (0, 0);
        for (n, text) in texts.iter().enumerate() {
            let toks = text::tokens(text);
            let mut buf = String::new();
            let lowered = text::lowercase_all(&toks, &mut buf);
            let Gates { bits: gates, set } = of(&toks, &lowered);
            let with_bits = (0..toks.len()).filter(|&i| gates[i] != 0);
            assert!(
                with_bits.map(|i| i as u32).eq(set),
                "the set lists the gated tokens"
            );
            for i in 0..toks.len() {
                let missed = asked(&toks, &lowered, i) & !gates[i];
                assert_eq!(missed, 0, "{:?} (text {n}): bits {missed:b}", toks[i].text);
            }
            if n > 0 {
                words += toks.len();
                gated += gates.iter().filter(|&&g| g != 0).count();
            }
        }
        // In prose the gates pass about one word in ten (most of them for a capital): a gate that passed
        // all would save nothing.
        assert!(gated * 5 < words, "{gated} of {words} words gated");
    }
}
