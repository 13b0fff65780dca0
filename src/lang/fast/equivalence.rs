//! Equivalence of `fastlang::detect` with whatlang's allowlisted `Detector::detect`:
//! same Option-ness, same language, bit-identical confidence.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::{self as fastlang, Detection, ALLOWED_LANGS};
use proptest::prelude::*;
use proptest::test_runner::TestRunner;
use whatlang::Detector;

/// Counts compared inputs, to report how many cases the tests covered.
static COMPARED: AtomicUsize = AtomicUsize::new(0);

fn reference(text: &str) -> Option<Detection> {
    Detector::with_allowlist(ALLOWED_LANGS.to_vec())
        .detect(text)
        .map(|info| {
            // `Detection::is_reliable` must agree with `Info::is_reliable`.
            let d = Detection {
                lang: info.lang(),
                confidence: info.confidence(),
            };
            assert_eq!(
                d.is_reliable(),
                info.is_reliable(),
                "is_reliable on {text:?}"
            );
            d
        })
}

fn same(a: Option<Detection>, b: Option<Detection>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => a.lang == b.lang && a.confidence.to_bits() == b.confidence.to_bits(),
        _ => false,
    }
}

fn check(text: &str) {
    COMPARED.fetch_add(1, Ordering::Relaxed);
    let ours = fastlang::detect(text);
    let theirs = reference(text);
    assert!(
        same(ours, theirs),
        "mismatch on {text:?}: ours {ours:?}, whatlang {theirs:?}"
    );
}

/// Checks every prefix of 1..=400 chars of `text`, starting at char offset `start`.
fn check_prefixes(text: &str, start: usize) -> usize {
    let chars: Vec<char> = text.chars().skip(start).take(400).collect();
    let mut s = String::with_capacity(chars.len() * 4);
    for &ch in &chars {
        s.push(ch);
        check(&s);
    }
    chars.len()
}

const OWN_TEXTS: [&str; 9] = [
    // Swedish
    "Kommunen har beslutat att bygga en ny förskola i Gårdsten. Arbetet börjar i höst och \
     beräknas vara klart till sommaren 2026. – Vi behöver fler platser, säger förvaltningschefen \
     Åsa Öberg. Föräldrarna är nöjda, men några grannar oroar sig för trafiken på gatan.",
    // English
    "The council has approved plans for a new primary school on the edge of the estate. \
     Work will begin in the autumn and should be finished by the summer of 2026. \"We simply \
     need more places,\" said the head of education. Parents welcomed the news, although some \
     neighbours are worried about traffic.",
    // Danish
    "Kommunen har besluttet at bygge en ny børnehave i bydelen. Arbejdet går i gang til \
     efteråret og forventes at være færdigt i sommeren 2026. Vi har brug for flere pladser, \
     siger forvaltningschefen. Forældrene er glade, men nogle naboer er bekymrede for trafikken.",
    // Norwegian (Bokmål)
    "Kommunen har vedtatt å bygge en ny barnehage i bydelen. Arbeidet starter til høsten og \
     skal etter planen være ferdig sommeren 2026. Vi trenger flere plasser, sier \
     kommunaldirektøren. Foreldrene er fornøyde, men noen naboer er bekymret for trafikken.",
    // Finnish
    "Kaupunki on päättänyt rakentaa uuden päiväkodin kaupunginosaan. Työt alkavat syksyllä ja \
     niiden on määrä valmistua kesällä 2026. Tarvitsemme lisää paikkoja, sanoo toimialajohtaja. \
     Vanhemmat ovat tyytyväisiä, mutta osa naapureista on huolissaan liikenteestä.",
    // German
    "Die Stadt hat beschlossen, im Stadtteil eine neue Kindertagesstätte zu bauen. Die Arbeiten \
     beginnen im Herbst und sollen im Sommer 2026 abgeschlossen sein. „Wir brauchen mehr Plätze“, \
     sagt die Dezernentin. Die Eltern freuen sich, aber einige Nachbarn fürchten mehr Verkehr auf der Straße.",
    // French
    "La ville a décidé de construire une nouvelle crèche dans le quartier. Les travaux \
     commenceront à l'automne et devraient être terminés à l'été 2026. « Nous avons besoin de \
     plus de places », explique la directrice. Les parents sont ravis, mais certains voisins \
     s'inquiètent de la circulation.",
    // Spanish
    "El ayuntamiento ha decidido construir una nueva guardería en el barrio. Las obras \
     comenzarán en otoño y deberían terminar en el verano de 2026. «Necesitamos más plazas», \
     explica la directora. ¿Y los vecinos? Los padres están contentos, pero algunos vecinos \
     están preocupados por el tráfico.",
    // Dutch
    "De gemeente heeft besloten een nieuw kinderdagverblijf in de wijk te bouwen. De \
     werkzaamheden beginnen in het najaar en moeten in de zomer van 2026 klaar zijn. \"We hebben \
     meer plaatsen nodig\", zegt de wethouder. De ouders zijn blij, maar sommige buren maken zich \
     zorgen over het verkeer.",
];

/// Mixed-script and other tricky texts (Greek final sigma, Turkish dotted I, ties).
const TRICKY_TEXTS: [&str; 8] = [
    "Russian word любовь means love, and Привет means hello. 水 is water; カタカナ.",
    "ΟΔΟΣ Odos ΣΟΦΙΑΣ street ΣΣ Σ. İstanbul İİ and Straße STRASSE ẞ",
    "a e i o u y å ä ö ü ß é è ê ñ ç æ ø œ ĳ š ž ¡ ¿",
    "水水水 abc 水水水水 def カタ",
    "Привет мир hello world Привет мир",
    "aaaa bbbb cccc dddd eeee ffff aaaa bbbb",
    "I am begging pardon",
    "Mit dem Wissen wächst der Zweifel",
];

fn file_texts() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs = vec![root.join("samples"), root.join("eval")];
    let mut files = Vec::new();
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("txt" | "md")
            ) {
                let bytes = std::fs::read(&path).expect("readable file");
                // Some samples are deliberately not UTF-8 (cp1252); the lossy
                // conversion keeps them as interesting input.
                let text = String::from_utf8_lossy(&bytes).into_owned();
                files.push((path.display().to_string(), text));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn edge_cases() {
    let cases = [
        "",
        " ",
        "    ",
        "\n\n\t ",
        "0",
        "1234567890",
        "12 34 56",
        "a",
        "A",
        "ß",
        "å",
        "é",
        "x",
        "¿",
        "ĳ",
        "水",
        "ж",
        "!?.,;:",
        "a1",
        "1a",
        "a a",
        "aa",
        "aaa",
        "a-b",
        "\u{0}",
        "\u{7f}",
        "\u{a0}",
        // Final sigma: `str::to_lowercase` gives 'ς' here, `char::to_lowercase` 'σ'.
        "aΣ0p0çÖÖÉÖççaaaçaÖåÖÖç¿Σ0pka0É",
    ];
    for case in cases {
        check(case);
    }
    assert!(fastlang::detect("").is_none());
    assert!(fastlang::detect("   ").is_none());
    assert!(fastlang::detect("2024").is_none());
    // whatlang ignores the allowlist for single-language scripts and for Mandarin.
    assert_eq!(
        fastlang::detect("Καλημέρα κόσμε").map(|d| d.lang),
        Some(whatlang::Lang::Ell)
    );
    assert_eq!(
        fastlang::detect("水").map(|d| d.lang),
        Some(whatlang::Lang::Jpn)
    );
    assert_eq!(fastlang::detect("Привет мир"), None);
}

#[test]
fn prefixes_of_own_texts() {
    let mut n = 0;
    for text in OWN_TEXTS.iter().chain(TRICKY_TEXTS.iter()) {
        n += check_prefixes(text, 0);
        check(text);
        check(&text.to_uppercase());
    }
    println!("own texts: {n} prefixes compared");
}

#[test]
fn prefixes_of_project_files() {
    let files = file_texts();
    assert!(!files.is_empty(), "no sample files found");
    let before = COMPARED.load(Ordering::Relaxed);
    let mut all = String::new();
    for (_path, text) in &files {
        // Prefixes from the start and from two offsets inside the body.
        for start in [0, 500, 1500] {
            check_prefixes(text, start);
        }
        check(text);
        all.push_str(text);
    }
    // One long text with far more than 600 distinct trigrams.
    check(&all);
    let n = COMPARED.load(Ordering::Relaxed) - before;
    println!("{} files: {n} inputs compared", files.len());
}

/// Characters for random strings: Latin letters (incl. åäöéüß and friends), digits,
/// punctuation, whitespace, and some Cyrillic, Greek and CJK.
const POOL: &[char] = &[
    'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's',
    't', 'u', 'v', 'w', 'x', 'y', 'z', 'A', 'E', 'S', 'T', 'Ö', 'Å', 'Ä', 'É', 'Ü', 'å', 'ä', 'ö',
    'é', 'ü', 'ß', 'æ', 'ø', 'ñ', 'ç', 'è', 'ê', 'ë', 'ï', 'î', 'œ', 'ĳ', 'š', 'ž', 'á', 'ó', '¿',
    '¡', '0', '1', '9', '.', ',', '!', '?', '-', '\'', '"', '(', ' ', ' ', ' ', ' ', '\n', '\t',
    'ж', 'и', 'Д', 'я', 'Σ', 'ο', '水', '中', 'の', 'カ', 'İ',
];

/// Words from the allowed languages, so random texts hit the trigram profiles.
const WORDS: &[&str] = &[
    "och", "att", "det", "är", "på", "för", "med", "som", "the", "and", "of", "to", "is", "that",
    "og", "er", "til", "af", "ikke", "jeg", "på", "ja", "on", "että", "ei", "se", "und", "die",
    "der", "nicht", "ist", "le", "la", "les", "et", "est", "de", "el", "los", "que", "y", "en",
    "het", "een", "van", "niet", "ik", "straße", "också", "børn", "über", "très", "niño",
];

fn random_chars() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(POOL), 0..160).prop_map(|v| v.into_iter().collect())
}

fn random_words() -> impl Strategy<Value = String> {
    let sep = prop::sample::select(&[" ", " ", " ", ", ", ". ", "\n", "-", " 12 "][..]);
    prop::collection::vec((prop::sample::select(WORDS), sep, any::<bool>()), 0..60).prop_map(|v| {
        v.into_iter()
            .map(|(w, s, upper)| {
                let w = if upper {
                    w.to_uppercase()
                } else {
                    w.to_string()
                };
                w + s
            })
            .collect()
    })
}

/// Runs `cases` random inputs through both detectors; on failure proptest shrinks
/// the input and the panic shows the minimal mismatching string.
fn run_random(strategy: impl Strategy<Value = String>, name: &str, cases: u32) {
    let config = ProptestConfig {
        cases,
        // Failures are reported (shrunk) in the panic message; no regression files.
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    let mut runner = TestRunner::new(config);
    let ran = AtomicUsize::new(0);
    let result = runner.run(&strategy, |text| {
        ran.fetch_add(1, Ordering::Relaxed);
        let (ours, theirs) = (fastlang::detect(&text), reference(&text));
        prop_assert!(same(ours, theirs), "ours {:?}, whatlang {:?}", ours, theirs);
        Ok(())
    });
    if let Err(err) = result {
        panic!("{name}: {err}");
    }
    let ran = ran.into_inner();
    assert!(ran >= cases as usize, "{name}: only {ran} cases ran");
    println!("{name}: {ran} random cases compared");
}

#[test]
fn random_char_strings() {
    run_random(random_chars(), "random chars", 3_000);
}

#[test]
fn random_word_strings() {
    run_random(random_words(), "random words", 3_000);
}

/// Long texts (up to thousands of distinct trigrams) exercise the cut to the 600
/// most frequent trigrams and ranks beyond 300, with confidences below 1.0.
fn long_mixed() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        prop::sample::select(WORDS).prop_map(|w| format!("{w} ")),
        prop::sample::select(POOL).prop_map(String::from),
        prop::sample::select(&OWN_TEXTS[..]).prop_map(|t| t.chars().take(80).collect::<String>()),
    ];
    prop::collection::vec(piece, 100..1200).prop_map(|v| v.concat())
}

#[test]
fn random_long_strings() {
    run_random(long_mixed(), "random long", 300);
}

/// Long texts made mostly of consonant clusters that are in no language profile,
/// with a few real words: at least 300 distinct trigrams whose profile hits are
/// few and far from their rank, so whatlang's clamp to `MAX_TOTAL_DISTANCE` is hit.
fn long_junk() -> impl Strategy<Value = String> {
    const CONSONANTS: &[char] = &[
        'b', 'f', 'g', 'j', 'k', 'p', 'q', 'v', 'w', 'x', 'z', 'ø', 'ä', 'é',
    ];
    let junk = prop::collection::vec(prop::sample::select(CONSONANTS), 2..7)
        .prop_map(|v| v.into_iter().collect::<String>() + " ");
    let piece = prop_oneof![
        20 => junk,
        1 => prop::sample::select(WORDS).prop_map(|w| format!("{w} ")),
    ];
    prop::collection::vec(piece, 150..700).prop_map(|v| v.concat())
}

#[test]
fn random_long_junk_strings() {
    run_random(long_junk(), "random long junk", 200);
}
