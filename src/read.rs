//! Read stage: bytes → decoded, normalized text plus front matter.
//!
//! Archives hold UTF-8 (with or without BOM), UTF-16 with BOM and legacy Windows-1252/ISO-8859-1 files with
//! any line ends. Every twin of a file (re-encoded, CRLF) must give the same text, so the text is decoded,
//! line ends are folded to `\n` and Unicode is put in NFC before anything looks at it.

use std::path::Path;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use sha2::{Digest, Sha256};
use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, Result};
use crate::frontmatter::{self, FrontMatter};
use crate::model::{InputFormat, LineEnds, Source};

/// Default size limit: far above any news article, low enough to refuse a mislabelled video.
pub const DEFAULT_MAX_SIZE: u64 = 50 * 1024 * 1024;

/// A decoded input file, ready for the structure stage.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// Provenance of the bytes.
    pub source: Source,
    /// Front matter, empty when the file has none.
    pub front: FrontMatter,
    /// The text after the front matter: `\n` line ends, NFC.
    pub text: String,
    /// 1-based line number of `text`'s first line in the file, for error messages.
    pub first_line: usize,
}

/// Reads and decodes one file. `max_size` guards against huge inputs before they are read.
pub fn read_file(path: &Path, max_size: u64) -> Result<Decoded> {
    decode(path, &read_bytes(path, max_size)?)
}

/// How standard input is named among the inputs (the command line's `-`) and in messages.
pub const STDIN: &str = "<stdin>";

/// Whether `path` stands for standard input (see [`STDIN`]).
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == STDIN
}

/// Reads one file's bytes (standard input for [`STDIN`]), refusing files over `max_size` before reading
/// them.
pub fn read_bytes(path: &Path, max_size: u64) -> Result<Vec<u8>> {
    let read_err = |source| Error::Read {
        path: path.to_owned(),
        source,
    };
    if is_stdin(path) {
        return read_limited(path, std::io::stdin().lock(), 0, max_size);
    }
    // One open and one fstat: the size is checked on the open file, so nothing is read past the limit.
    let mut file = std::fs::File::open(path).map_err(read_err)?;
    let size = file.metadata().map_err(read_err)?.len();
    if size > max_size {
        return Err(Error::TooLarge {
            path: path.to_owned(),
            size,
            limit: max_size,
        });
    }
    read_limited(path, &mut file, size, max_size)
}

/// Reads at most `max_size` bytes from `reader` (`size` expected), refusing more.
fn read_limited(
    path: &Path,
    reader: impl std::io::Read,
    size: u64,
    max_size: u64,
) -> Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0).saturating_add(1));
    // Through `take`, `read_to_end` trusts the buffer's capacity instead of asking the file for its size
    // and position again (two system calls per file); the limit also stops a file that grew meanwhile.
    std::io::Read::read_to_end(&mut std::io::Read::take(reader, max_size + 1), &mut bytes)
        .map_err(|source| Error::Read {
            path: path.to_owned(),
            source,
        })?;
    if bytes.len() as u64 > max_size {
        return Err(Error::TooLarge {
            path: path.to_owned(),
            size: bytes.len() as u64,
            limit: max_size,
        });
    }
    Ok(bytes)
}

/// Decodes bytes that came from `path` (the path is used for the file name, the format and errors).
pub fn decode(path: &Path, bytes: &[u8]) -> Result<Decoded> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Empty {
            path: path.to_owned(),
        });
    }
    let (raw, encoding, bom) = decode_bytes(path, bytes)?;
    check_text(path, &raw)?;
    let line_ends = line_ends(&raw);
    let text = normalize(raw);
    let (front, body, first_line) = frontmatter::split(path, &text)?;
    if body.trim().is_empty() {
        return Err(Error::NoText {
            path: path.to_owned(),
        });
    }
    let format = input_format(path, &front, body);
    // Without front matter the body is the whole text, which is then kept as it is rather than copied.
    let body_start = text.len() - body.len();
    let source = Source {
        file_name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        size: bytes.len() as u64,
        sha256: hex(&Sha256::digest(bytes)),
        encoding: encoding.name().to_owned(),
        bom,
        line_ends,
        format,
        warc: None,
    };
    let text = if body_start == 0 {
        text
    } else {
        text[body_start..].to_owned()
    };
    Ok(Decoded {
        source,
        front,
        text,
        first_line,
    })
}

/// `\n` line ends and NFC; the common case (already LF and NFC) costs one scan and no copy.
pub(crate) fn normalize(raw: String) -> String {
    let lf = if has_cr(&raw) {
        raw.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        raw
    };
    if is_nfc(&lf) {
        lf
    } else {
        lf.nfc().collect()
    }
}

/// Whether the text is surely NFC. Characters below U+0300 are starters that NFC never changes, so only
/// the runs of characters from U+0300 up need the quick check (with its state reset between runs, as a
/// starter resets it); most article text is skipped at the byte level.
fn is_nfc(text: &str) -> bool {
    // A UTF-8 lead byte from 0xCC starts a character from U+0300 up.
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(start) = next_from_u0300(bytes, from) {
        // News text's dashes, quotation marks and ellipses (U+2010 to U+2027, `E2 80 90` to `E2 80 A7`)
        // are starters NFC keeps as they are (a test holds them to it): passed over like ASCII.
        if let [0xE2, 0x80, 0x90..=0xA7, ..] = bytes[start..] {
            from = start + 3;
            continue;
        }
        let end = text[start..]
            .char_indices()
            .find(|&(_, c)| c < '\u{300}')
            .map_or(text.len(), |(i, _)| start + i);
        if unicode_normalization::is_nfc_quick(text[start..end].chars())
            != unicode_normalization::IsNormalized::Yes
        {
            return false;
        }
        from = end;
    }
    true
}

/// The position of the first byte from `from` on that is 0xCC or above, eight bytes at a time: a byte
/// at or above 0xCC has its top bit set and, in its low seven bits, at least 0x4C, which adding 0x34
/// carries into the top bit (without reaching the next byte, since 0x7F + 0x34 < 0x100).
fn next_from_u0300(bytes: &[u8], from: usize) -> Option<usize> {
    const HIGH: u64 = crate::model::HIGH_BITS;
    const LOW7: u64 = !HIGH;
    const ADD: u64 = 0x3434_3434_3434_3434;
    let rest = bytes.get(from..)?;
    let mut chunks = rest.chunks_exact(8);
    for (k, chunk) in chunks.by_ref().enumerate() {
        let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let hits = ((x & LOW7) + ADD) & x & HIGH;
        if hits != 0 {
            return Some(from + k * 8 + hits.trailing_zeros() as usize / 8);
        }
    }
    let tail = rest.len() - chunks.remainder().len();
    let at = chunks.remainder().iter().position(|&b| b >= 0xCC)?;
    Some(from + tail + at)
}

/// Picks the encoding: a BOM wins; then valid UTF-8; then Windows-1252 (which WHATWG also uses for
/// ISO-8859-1), unless the bytes look like damaged UTF-8 or like binary data.
fn decode_bytes(path: &Path, bytes: &[u8]) -> Result<(String, &'static Encoding, bool)> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(decode_error(path, &text, encoding));
        }
        return Ok((text.into_owned(), encoding, true));
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
        if had_errors {
            return Err(decode_error(path, &text, encoding));
        }
        return Ok((text.into_owned(), encoding, false));
    }
    if memchr::memchr(0, bytes).is_some() {
        return Err(Error::Binary {
            path: path.to_owned(),
            reason: "contains NUL bytes".into(),
        });
    }
    // Every article is validated: simdutf8 does it with SIMD, where std's validator slows down at each
    // letter beyond ASCII. std's runs only to locate an error.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Ok((text.to_owned(), UTF_8, false));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((text.to_owned(), UTF_8, false)),
        Err(e) if looks_like_utf8(bytes) => {
            let line = 1 + bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            Err(Error::Decode {
                path: path.to_owned(),
                line,
                encoding: "UTF-8",
            })
        }
        Err(_) => {
            let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
            // Bytes 0x81, 0x8D, 0x8F, 0x90, 0x9D have no character in Windows-1252; WHATWG maps them to
            // C1 controls, which no real article contains.
            if let Some(pos) = text.find(|c: char| ('\u{80}'..='\u{9f}').contains(&c)) {
                let line = 1 + text[..pos].matches('\n').count();
                return Err(Error::Decode {
                    path: path.to_owned(),
                    line,
                    encoding: "windows-1252",
                });
            }
            Ok((text.into_owned(), WINDOWS_1252, false))
        }
    }
}

/// UTF-16 without a byte-order mark, told by its zero bytes: text in Latin script (and most text) has a
/// zero high byte in nearly every code unit, so in the first [`SAMPLE`] bytes zeros fill one of the two
/// byte positions (odd ones for little-endian, even ones for big-endian) and almost never the other.
/// Binary data has no such pattern.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(SAMPLE) & !1];
    let units = sample.len() / 2;
    if units < 2 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    // Most files hold no zero byte at all: one SIMD search answers for them.
    memchr::memchr(0, sample)?;
    let zeros = |parity: usize| {
        sample
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros(0), zeros(1));
    // Most units of the text have the zero byte; the other position holds almost no zeros.
    let mostly = |n: usize| n * 10 >= units * 6;
    let rarely = |n: usize| n * 20 <= units;
    if mostly(odd) && rarely(even) {
        Some(encoding_rs::UTF_16LE)
    } else if mostly(even) && rarely(odd) {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Bytes looked at to judge a file's encoding and whether it is text: enough for any real pattern,
/// few enough that a huge file is judged at once.
const SAMPLE: usize = 8192;

/// True when the bytes hold well-formed multi-byte UTF-8 sequences: then invalid ones are damage, not a
/// legacy encoding (a Windows-1252 text almost never forms a valid UTF-8 sequence by chance).
fn looks_like_utf8(bytes: &[u8]) -> bool {
    bytes.utf8_chunks().any(|chunk| !chunk.valid().is_ascii())
}

fn decode_error(path: &Path, text: &str, encoding: &'static Encoding) -> Error {
    let pos = text.find('\u{FFFD}').unwrap_or(0);
    Error::Decode {
        path: path.to_owned(),
        line: 1 + text[..pos].matches('\n').count(),
        encoding: encoding.name(),
    }
}

/// Refuses "text" that is largely control characters: a binary file in a text encoding. Judged on the
/// first [`SAMPLE`] bytes and only on a high share (over a tenth of the characters, and at least
/// [`MIN_CONTROLS`] of them), so that the stray form feed or escape of an old export is kept, not
/// called binary (the outputs escape them; the XML archive writes them as `<char>` elements).
fn check_text(path: &Path, text: &str) -> Result<()> {
    let mut end = text.len().min(SAMPLE);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let (controls, total) = count_controls(&text.as_bytes()[..end]);
    if controls >= MIN_CONTROLS && controls * 10 > total {
        return Err(Error::Binary {
            path: path.to_owned(),
            reason: format!("{controls} control characters in the first {total}"),
        });
    }
    Ok(())
}

/// Fewest control characters that can make a file binary.
const MIN_CONTROLS: usize = 8;

/// Control characters and characters in UTF-8 `bytes`: controls are C0 other than tab, line ends and
/// form feed (one byte), DEL, and C1 (U+0080..U+009F, encoded C2 80..C2 9F).
fn count_controls(bytes: &[u8]) -> (usize, usize) {
    // Counted in blocks small enough for byte-wide counters so that the compiler can vectorize: a
    // character is a byte that does not continue one.
    let (mut total, mut c0) = (0usize, 0usize);
    for block in bytes.chunks(255) {
        let (mut t, mut c) = (0u8, 0u8);
        for &b in block {
            t += u8::from(b & 0xC0 != 0x80);
            c += u8::from((b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C)) || b == 0x7F);
        }
        total += usize::from(t);
        c0 += usize::from(c);
    }
    let c1 = memchr::memchr_iter(0xC2, bytes)
        .filter(|&i| bytes.get(i + 1).is_some_and(|b| (0x80..=0x9F).contains(b)))
        .count();
    (c0 + c1, total)
}

/// Whether the text holds a carriage return (a SIMD search: most files have none).
fn has_cr(text: &str) -> bool {
    memchr::memchr(b'\r', text.as_bytes()).is_some()
}

pub(crate) fn line_ends(text: &str) -> LineEnds {
    if !has_cr(text) {
        return LineEnds::Lf;
    }
    let crlf = text.matches("\r\n").count();
    let cr = text.matches('\r').count() - crlf;
    let lf = text.matches('\n').count() - crlf;
    match (crlf > 0, cr + lf > 0) {
        (true, false) => LineEnds::Crlf,
        (true, true) => LineEnds::Mixed,
        (false, _) if cr > 0 && lf > 0 => LineEnds::Mixed,
        _ => LineEnds::Lf,
    }
}

/// Markdown when the extension says so, or when the first line is a Markdown level-1 heading.
fn input_format(path: &Path, front: &FrontMatter, body: &str) -> InputFormat {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let first = body.trim_start().lines().next().unwrap_or("");
    let declared = front.extra.get("format").map(|f| f.to_lowercase());
    if matches!(ext.as_str(), "md" | "markdown" | "mdown")
        || declared.as_deref() == Some("markdown")
        || (first.starts_with("# ") && declared.is_none())
    {
        InputFormat::Markdown
    } else {
        InputFormat::Text
    }
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    bytes
        .iter()
        .flat_map(|b| [DIGITS[usize::from(b >> 4)], DIGITS[usize::from(b & 15)]])
        .map(char::from)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_punctuation_nfc_passes_over_is_made_of_stable_starters() {
        for c in '\u{2010}'..='\u{2027}' {
            let once = std::iter::once(c);
            assert_eq!(
                unicode_normalization::is_nfc_quick(once),
                unicode_normalization::IsNormalized::Yes
            );
            assert_eq!(
                unicode_normalization::char::canonical_combining_class(c),
                0,
                "{c}"
            );
            let mut utf8 = [0; 4];
            assert!(matches!(
                c.encode_utf8(&mut utf8).as_bytes(),
                [0xE2, 0x80, 0x90..=0xA7]
            ));
        }
        // A mark after one of them is still read: "”" and a combining acute accent compose to nothing,
        // but the accent alone is not surely NFC.
        assert!(!is_nfc("a\u{201d}\u{301}"));
        assert!(is_nfc("– ”Ja,” säger hon … ‘quoted’"));
    }

    fn dec(bytes: &[u8]) -> Result<Decoded> {
        decode(Path::new("a.txt"), bytes)
    }

    #[test]
    fn twins_decode_to_the_same_text() {
        let utf8 = "Rubrik\n\nGöteborg – åäö.\n".as_bytes();
        let crlf = "Rubrik\r\n\r\nGöteborg – åäö.\r\n".as_bytes();
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(utf8);
        let (cp1252, _, _) = WINDOWS_1252.encode("Rubrik\n\nGöteborg – åäö.\n");
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "Rubrik\n\nGöteborg – åäö.\n".encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        let texts: Vec<String> = [utf8, crlf, &bom, &cp1252, &utf16]
            .iter()
            .map(|b| dec(b).unwrap().text)
            .collect();
        assert!(texts.iter().all(|t| t == &texts[0]), "{texts:?}");
        assert_eq!(dec(&cp1252).unwrap().source.encoding, "windows-1252");
        assert_eq!(dec(crlf).unwrap().source.line_ends, LineEnds::Crlf);
        assert!(dec(&bom).unwrap().source.bom);
    }

    #[test]
    fn bad_bytes_are_refused_with_a_reason() {
        assert!(matches!(dec(b""), Err(Error::Empty { .. })));
        assert!(matches!(dec(b" \n\n "), Err(Error::Empty { .. })));
        assert!(matches!(dec(b"abc\0def"), Err(Error::Binary { .. })));
        let broken = b"G\xc3\xb6teborg\nline two \xc3(\n";
        match dec(broken) {
            Err(Error::Decode { line, .. }) => assert_eq!(line, 2),
            other => panic!("{other:?}"),
        }
        assert!(matches!(dec(b"text \x81 here"), Err(Error::Decode { .. })));
    }

    proptest::proptest! {
        /// The eight-byte search finds what a byte-by-byte one does, from every start, bytes on both
        /// sides of 0xCC and of the carry included.
        #[test]
        fn the_search_for_bytes_from_0xcc_matches_a_byte_by_byte_one(
            bytes in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::num::u8::ANY,
                    proptest::sample::select(vec![0x4B, 0x4C, 0x7F, 0xCB, 0xCC, 0xFF, 0x80, 0xC3]),
                ],
                0..40,
            ),
            from in 0usize..42,
        ) {
            let by_bytes = bytes
                .get(from..)
                .and_then(|rest| rest.iter().position(|&b| b >= 0xCC))
                .map(|at| from + at);
            proptest::prop_assert_eq!(next_from_u0300(&bytes, from), by_bytes);
        }
    }

    #[test]
    fn the_nfc_shortcut_never_passes_text_that_nfc_changes() {
        let texts = [
            "Göteborg – ”citat” … 1 200 kr",
            "Go\u{308}teborg",
            "a\u{301}",
            "\u{1100}\u{1161}",
            "x\u{0323}\u{0307}y",
            "\u{212B}ngström",
            "ﬁne ½ Å",
        ];
        for t in texts {
            let composed: String = t.nfc().collect();
            assert!(!is_nfc(t) || composed == t, "{t:?}");
            assert_eq!(normalize(t.to_owned()), composed, "{t:?}");
        }
        assert!(is_nfc("Göteborg – ”citat” … 1 200 kr"));
    }

    #[test]
    fn control_characters_are_counted_on_bytes() {
        assert_eq!(
            count_controls("tab\tand\nline\u{c}feed\r".as_bytes()),
            (0, 18)
        );
        assert_eq!(count_controls("a\u{1b}b\u{85}c\u{7f}".as_bytes()), (3, 6));
        // Ä (C3 84) and … (E2 80 A6) hold bytes in 0x80..0x9F that are not controls.
        assert_eq!(count_controls("Ä…Ä…Ä…".as_bytes()), (0, 6));
        assert_eq!(hex(&[0x00, 0xab, 0x5f]), "00ab5f");
    }

    #[test]
    fn stray_controls_are_text_and_a_high_share_is_binary() {
        let path = Path::new("a.txt");
        let export = format!(
            "Rubrik\n\n{}\u{c}\n\u{1b}[0m{}",
            "Ett stycke text. ".repeat(8),
            "Mer."
        );
        assert!(check_text(path, &export).is_ok());
        assert!(
            check_text(path, "a\u{1b}b").is_ok(),
            "one escape in a short file"
        );
        let junk: String = (0..200u8).map(|i| char::from(i % 32)).collect();
        assert!(matches!(check_text(path, &junk), Err(Error::Binary { .. })));
        // Only a sample is judged: controls far into a long text do not count.
        let long = format!("{}{}", "text ".repeat(4000), "\u{1}".repeat(100));
        assert!(check_text(path, &long).is_ok());
    }

    #[test]
    fn utf16_without_bom_is_decoded() {
        let text = "Rubrik\n\nGöteborg – åäö. Text här.\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for (bytes, name) in [(le, "UTF-16LE"), (be, "UTF-16BE")] {
            let d = dec(&bytes).unwrap();
            assert_eq!(d.text, text);
            assert_eq!(d.source.encoding, name);
            assert!(!d.source.bom);
        }
        // Binary data with NUL bytes is still binary.
        assert!(matches!(
            dec(b"\x00\x01\x02\x03garbage!"),
            Err(Error::Binary { .. })
        ));
    }

    #[test]
    fn decomposed_unicode_is_composed() {
        let d = dec("Go\u{308}teborg".as_bytes()).unwrap();
        assert_eq!(d.text, "Göteborg");
    }
}
