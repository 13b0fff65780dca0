//! No panics on any input: arbitrary bytes and near-articles go through the reader and the whole pipeline
//! (every output format).

use std::path::Path;
use std::sync::LazyLock;

use newsgraph::article::{self, Options};
use newsgraph::emit::{self, Format};
use proptest::prelude::*;

static OPTS: LazyLock<Options> = LazyLock::new(Options::default);

fn pipeline(name: &str, bytes: &[u8]) {
    if let Ok(a) = article::from_bytes(Path::new(name), bytes, &OPTS) {
        for f in [Format::Jsonld, Format::Nquads, Format::Turtle] {
            let out = emit::render(&a, f, true);
            assert!(!out.is_empty());
        }
        let body = a.body();
        let chars = body.chars().count();
        for q in &a.quotes {
            assert!(
                q.span.start <= q.span.end && q.span.end <= chars,
                "quote span out of range"
            );
        }
        for e in &a.entities {
            for m in &e.mentions {
                assert!(m.start < m.end && m.end <= a.part_text(m.part).chars().count());
            }
        }
    }
}

/// Pieces that article files are made of, including the awkward ones.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("---".to_owned()),
        Just("+++".to_owned()),
        Just("id: a/../b".to_owned()),
        Just("date: 2024-02-30".to_owned()),
        Just("title = \"x\"".to_owned()),
        Just("Läs också:".to_owned()),
        Just("Read also:".to_owned()),
        Just("– Vi är glada, säger Anna Berg.".to_owned()),
        Just("\"We waited,\" said Jane Smith, head of housing at Leeds City Council.".to_owned()),
        Just("# Rubrik".to_owned()),
        Just("## Underrubrik".to_owned()),
        Just("> Citat".to_owned()),
        Just("![bild](http://x.example/a.jpg)".to_owned()),
        Just("stadsbyggnadsdirektör Henrik Berg i Göteborgs Stad".to_owned()),
        Just("inom ramen för Jämlikt Göteborg".to_owned()),
        Just("”".to_owned()),
        Just("".to_owned()),
        "[A-ZÅÄÖa-zåäö ,.!?–\"”-]{0,80}",
        "\\PC{0,40}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        pipeline("x.txt", &bytes);
        pipeline("x.md", &bytes);
    }

    #[test]
    fn near_articles_never_panic(lines in proptest::collection::vec(piece(), 0..30), crlf in any::<bool>(), md in any::<bool>()) {
        let text = lines.join(if crlf { "\r\n" } else { "\n" });
        pipeline(if md { "x.md" } else { "x.txt" }, text.as_bytes());
        pipeline("x.txt", &encoding_rs::WINDOWS_1252.encode(&text).0);
    }
}
