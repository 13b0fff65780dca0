//! The character encoding of an HTML page, in the order browsers use: a byte order mark, then the charset
//! the server declared (the HTTP `Content-Type` of a WARC response), then a `<meta charset>` or
//! `<meta http-equiv="Content-Type">` in the first kilobytes, then valid UTF-8, then Windows-1252 (what
//! WHATWG decodes ISO-8859-1 as, and what legacy Swedish pages mostly are).

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

/// How far a `<meta>` charset declaration is looked for (WHATWG's prescan reads 1,024 bytes; pages with
/// long comments or inline styles before it are common, so a little more).
const PRESCAN: usize = 4096;

/// The decoded page, the encoding it was decoded from, and whether it had a byte order mark.
pub fn decode(bytes: &[u8], declared: Option<&str>) -> (String, &'static Encoding, bool) {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return (text.into_owned(), encoding, true);
    }
    let label = declared
        .and_then(charset_param)
        .or_else(|| meta_charset(&bytes[..bytes.len().min(PRESCAN)]));
    let encoding = label.and_then(|l| Encoding::for_label(l.as_bytes()));
    let encoding = match encoding {
        // A page that says UTF-16 without a BOM was transcoded on its way here (WHATWG: treat as UTF-8).
        Some(e) if e == UTF_16LE || e == UTF_16BE => None,
        other => other,
    };
    match encoding {
        Some(e) if e != UTF_8 => {
            let (text, _) = e.decode_without_bom_handling(bytes);
            (text.into_owned(), e, false)
        }
        // Declared UTF-8 or undeclared: UTF-8 when the bytes are, else the legacy Western encoding
        // (a page saved by an old CMS that claims UTF-8 but holds Windows-1252 is common in archives).
        _ => match simdutf8::basic::from_utf8(bytes) {
            Ok(text) => (text.to_owned(), UTF_8, false),
            Err(_) if encoding == Some(UTF_8) && mostly_utf8(bytes) => {
                let (text, _) = UTF_8.decode_without_bom_handling(bytes);
                (text.into_owned(), UTF_8, false)
            }
            Err(_) => {
                let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
                (text.into_owned(), WINDOWS_1252, false)
            }
        },
    }
}

/// True when the bytes hold well-formed multi-byte UTF-8 sequences: then a few invalid ones are damage
/// (decoded as U+FFFD), not a legacy encoding.
fn mostly_utf8(bytes: &[u8]) -> bool {
    bytes.utf8_chunks().any(|chunk| !chunk.valid().is_ascii())
}

/// The `charset=` parameter of a `Content-Type` value.
pub fn charset_param(content_type: &str) -> Option<&str> {
    let lower = content_type.to_ascii_lowercase();
    let at = lower.find("charset")?;
    let rest = content_type[at + "charset".len()..].trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let end = rest
        .find(|c: char| c == '"' || c == '\'' || c == ';' || c.is_whitespace())
        .unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

/// The charset a `<meta>` element of the first bytes declares: `<meta charset="...">` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=...">`. The bytes are looked at as
/// ASCII, as WHATWG's prescan does (every encoding a page may declare this way is ASCII-compatible).
fn meta_charset(head: &[u8]) -> Option<&str> {
    let text = std::str::from_utf8(head).unwrap_or_else(|e| {
        std::str::from_utf8(&head[..e.valid_up_to()]).expect("valid up to here")
    });
    let lower = text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find("<meta") {
        let start = from + at;
        let end = lower[start..].find('>').map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = tag.find("charset") {
            if let Some(label) = charset_param(&text[start + c..end]) {
                return Some(label);
            }
        }
        from = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declarations_boms_and_fallbacks_pick_the_encoding() {
        let page = "<html><head><meta charset=\"windows-1252\"></head><body>Göteborg</body></html>";
        let (cp1252, _, _) = WINDOWS_1252.encode(page);
        let (text, enc, bom) = decode(&cp1252, None);
        assert_eq!((enc, bom), (WINDOWS_1252, false));
        assert!(text.contains("Göteborg"));

        let equiv =
            "<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-1'><p>Å</p>";
        let (latin1, _, _) = WINDOWS_1252.encode(equiv);
        let (text, enc, _) = decode(&latin1, None);
        assert_eq!(enc, WINDOWS_1252);
        assert!(text.contains("<p>Å</p>"));

        // Undeclared: UTF-8 when valid, else Windows-1252.
        assert_eq!(decode("<p>Å</p>".as_bytes(), None).1, UTF_8);
        assert_eq!(decode(b"<p>\xc5</p>", None).1, WINDOWS_1252);
        // A server's header wins over the page; a BOM wins over both.
        let (text, enc, _) = decode(b"<p>\xc5</p>", Some("text/html; charset=iso-8859-1"));
        assert_eq!((text.as_str(), enc), ("<p>Å</p>", WINDOWS_1252));
        let (text, enc, bom) = decode(b"\xef\xbb\xbf<p>\xc3\x85</p>", Some("charset=latin1"));
        assert_eq!((text.as_str(), enc, bom), ("<p>Å</p>", UTF_8, true));
        // A page claiming UTF-8 that holds Windows-1252 bytes only is read as Windows-1252.
        let (text, enc, _) = decode(b"<meta charset=utf-8><p>G\xf6teborg</p>", None);
        assert_eq!(enc, WINDOWS_1252);
        assert!(text.contains("Göteborg"));
    }

    #[test]
    fn charset_parameters_are_read_in_their_usual_spellings() {
        assert_eq!(charset_param("text/html; charset=UTF-8"), Some("UTF-8"));
        assert_eq!(charset_param("text/html;charset=\"utf-8\""), Some("utf-8"));
        assert_eq!(charset_param("text/html"), None);
        assert_eq!(
            meta_charset(b"<meta name=x><META CHARSET='koi8-r'>"),
            Some("koi8-r")
        );
    }
}
