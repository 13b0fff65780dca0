//! Hostile and unlucky text (issue 23, items 2 and 3): huge articles convert with their headline and
//! description capped and a warning, and front matter over its size or nesting limit is refused with
//! one error line naming the file while the batch goes on. No test here times anything: the convert
//! bench's `large:` and `line:` rows carry the speed figures.

mod common;

use std::process::Output;

use common::{run as newsgraph, stderr};

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).expect("JSON-LD on stdout")
}

fn text<'a>(doc: &'a serde_json::Value, key: &str) -> &'a str {
    doc[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} in {doc:.200}"))
}

/// `n` generated seed-shaped articles one after the other: one large article.
fn large_article(n: usize) -> String {
    (0..n)
        .map(|i| newsgraph::synth::article(i) + "\n")
        .collect()
}

#[test]
fn a_token_of_megabytes_is_not_a_headline_of_megabytes() {
    let dir = tempfile::tempdir().unwrap();
    let token = "Ö".repeat(2 << 20);
    std::fs::write(
        dir.path().join("token.txt"),
        format!("{token}\n\nIngressen kommer här. Och mer text.\n"),
    )
    .unwrap();
    let o = newsgraph(&["convert", "token.txt"], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let doc = json(&o);
    let headline = text(&doc, "headline");
    assert_eq!(headline.chars().count(), 300);
    assert!(headline.ends_with("ÖÖ…"));
    assert_eq!(
        stderr(&o),
        format!(
            "warning: token.txt: headline of {} characters cut to 300\n",
            token.chars().count()
        )
    );
    // The text itself is all there: the token is the lead (the headline was its first sentence).
    assert!(text(&doc, "articleBody").starts_with(&token));
}

#[test]
fn long_headlines_are_cut_at_a_word_end_from_every_source() {
    let dir = tempfile::tempdir().unwrap();
    let words = "Kommunen bygger nya skolor i hela staden ".repeat(20);
    let files = [
        ("heading.md", format!("# {words}\n\nIngress här.\n")),
        (
            "title.txt",
            format!("---\ntitle: {words}\n---\nIngress här.\n\nMer text.\n"),
        ),
        (
            "page.html",
            format!("<!doctype html><html><body><h1>{words}</h1><p>Ingress här, i brödtexten.</p></body></html>"),
        ),
    ];
    for (name, content) in &files {
        std::fs::write(dir.path().join(name), content).unwrap();
        let o = newsgraph(&["convert", name], dir.path());
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        let doc = json(&o);
        let headline = text(&doc, "headline");
        assert!(headline.chars().count() <= 300, "{name}: {headline}");
        let kept = headline.strip_suffix('…').expect("marked as cut");
        assert!(words.starts_with(kept), "{name}: {headline}");
        assert!(
            words[kept.len()..].starts_with(' '),
            "{name}: cut at a word end: {headline}"
        );
        assert!(
            stderr(&o).contains(&format!("warning: {name}: headline of ")),
            "{name}: {}",
            stderr(&o)
        );
    }
}

#[test]
fn the_description_is_capped_and_the_body_keeps_the_whole_lead() {
    let dir = tempfile::tempdir().unwrap();
    let lead = "Staden satsar på bibliotek i alla stadsdelar och fler öppettider. ".repeat(60);
    let lead = lead.trim_end();
    std::fs::write(
        dir.path().join("a.txt"),
        format!("Rubrik här\n\n{lead}\n\nMer text.\n"),
    )
    .unwrap();
    let o = newsgraph(&["convert", "a.txt"], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let doc = json(&o);
    let description = text(&doc, "description");
    assert!(description.chars().count() <= 1000);
    assert!(description.chars().count() > 900);
    assert!(lead.starts_with(description.strip_suffix('…').unwrap()));
    assert!(text(&doc, "articleBody").starts_with(lead));
    // Nothing is lost, so nothing to warn about.
    assert_eq!(stderr(&o), "");
}

#[test]
fn archive_and_load_say_the_warning_too() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("token.txt"),
        format!("{}\n\nIngress här. Mer text.\n", "x".repeat(5000)),
    )
    .unwrap();
    let warning = "warning: token.txt: headline of 5000 characters cut to 300\n";
    let o = newsgraph(
        &["archive", "--quiet", "--out", "a.xml", "token.txt"],
        dir.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stderr(&o), warning);
    let o = newsgraph(
        &["load", "--quiet", "--store", "st", "token.txt"],
        dir.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stderr(&o), warning);
    let o = newsgraph(&["convert", "--json-errors", "token.txt"], dir.path());
    let line: serde_json::Value = serde_json::from_str(stderr(&o).trim()).unwrap();
    assert_eq!(line["level"], "warning");
    assert_eq!(line["file"], "token.txt");
}

#[test]
fn a_large_article_keeps_every_quote_and_speaker() {
    // 300 seed-shaped articles as one: the quotes, speakers and people of each are all found, in
    // their places. (Its conversion time is the bench's to measure.)
    let dir = tempfile::tempdir().unwrap();
    let n = 300;
    let one_file = large_article(n);
    std::fs::write(dir.path().join("large.txt"), &one_file).unwrap();
    std::fs::write(dir.path().join("line.txt"), one_file.replace('\n', " ")).unwrap();
    let o = newsgraph(&["convert", "large.txt"], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let doc = json(&o);
    let body = text(&doc, "articleBody");
    let chars: Vec<char> = body.chars().collect();
    let quotes: Vec<&serde_json::Value> = doc["hasPart"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["@type"] == "Quotation")
        .collect();
    // Three dash quotes an article (the first article's lead is not a body quote).
    assert_eq!(quotes.len(), 3 * n);
    assert!(quotes.iter().all(|q| q["creator"].is_object()));
    let people = doc["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["@type"] == "Person")
        .count();
    // Each article's caption names its person first: every one of them is a Person of the whole.
    let named: std::collections::BTreeSet<String> = (0..n)
        .map(|i| {
            newsgraph::synth::article(i)
                .split(',')
                .next()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert!(named.len() > 10);
    assert!(
        people >= named.len(),
        "{people} people for {} named",
        named.len()
    );
    assert_eq!(stderr(&o), "");
    // Offsets of mentions (in the XML archive) point at their names in the body.
    let o = newsgraph(&["convert", "--format", "xml", "large.txt"], dir.path());
    let xml = String::from_utf8(o.stdout).unwrap();
    let mut checked = 0;
    for entity in xml.split("<entity ").skip(1) {
        let name = entity
            .split("<name>")
            .nth(1)
            .unwrap()
            .split("</name>")
            .next()
            .unwrap();
        for m in entity.split("<mention part=\"body\" ").skip(1) {
            let num = |a: &str| -> usize {
                m.split(&format!("{a}=\""))
                    .nth(1)
                    .unwrap()
                    .split('"')
                    .next()
                    .unwrap()
                    .parse()
                    .unwrap()
            };
            let said: String = chars[num("start")..num("end")]
                .iter()
                .collect::<String>()
                .to_lowercase();
            let name = name.to_lowercase();
            let first = name.split(' ').next().unwrap();
            let last = name.rsplit(' ').next().unwrap();
            assert!(
                said.starts_with(first) || said.starts_with(last) || name.starts_with(&said),
                "{name} at {said}"
            );
            checked += 1;
        }
    }
    assert!(checked > 3000, "{checked} mentions checked");
    // On one line it still converts whole.
    let o = newsgraph(&["convert", "line.txt"], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let doc = json(&o);
    assert!(text(&doc, "headline").chars().count() <= 300);
    assert!(doc["wordCount"].as_u64().unwrap() > 100_000);
}

/// Writes `files` and converts them all in one batch with `--out`: the output and the exit code.
fn batch(files: &[(&str, String)]) -> (Output, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec!["convert", "--out", "out"];
    for (name, content) in files {
        std::fs::write(dir.path().join(name), content).unwrap();
        args.push(name);
    }
    let o = newsgraph(&args, dir.path());
    (o, dir)
}

#[test]
fn front_matter_over_64_kib_is_refused_and_the_batch_goes_on() {
    let yaml_keys: String = (0..12_000)
        .map(|i| format!("key{i}: value {i}\n"))
        .collect();
    let toml_keys: String = (0..12_000)
        .map(|i| format!("key{i} = \"value {i}\"\n"))
        .collect();
    let (o, dir) = batch(&[
        (
            "good.txt",
            "---\nid: good\n---\nRubrik\n\nText här.\n".into(),
        ),
        ("big.txt", format!("---\n{yaml_keys}---\nRubrik\n\nText.\n")),
        (
            "big.md",
            format!("+++\n{toml_keys}+++\n# Rubrik\n\nText.\n"),
        ),
        ("open.txt", format!("---\n{yaml_keys}Rubrik\n\nText.\n")),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    for name in ["big.txt", "big.md", "open.txt"] {
        assert!(
            err.contains(&format!(
                "error: {name}:1: front matter: over the 65536-byte limit (its closing line must come within it); not parsed\n"
            )),
            "{name}: {err}"
        );
    }
    assert!(err.ends_with("1 converted, 3 failed\n"), "{err}");
    assert!(dir.path().join("out/good.jsonld").is_file());
}

#[test]
fn deeply_nested_front_matter_is_refused_and_the_batch_goes_on() {
    let deep = 60_000;
    let block_yaml: String = (0..40)
        .map(|d| format!("{}level{d}:\n", " ".repeat(d)))
        .collect();
    let dashes = format!("list:\n  {}x\n", "- ".repeat(100));
    let dotted = (0..40)
        .map(|d| format!("k{d}"))
        .collect::<Vec<_>>()
        .join(".");
    let inline = format!("x = {}1{}\n", "{ a = ".repeat(40), " }".repeat(40));
    let files = [
        (
            "good.txt",
            "---\nid: good\n---\nRubrik\n\nText här.\n".to_owned(),
        ),
        (
            "flow.txt",
            format!("---\nid: a\nx: {}\n---\nText.\n", "[".repeat(deep)),
        ),
        (
            "flow-map.txt",
            format!("---\nx: {}\n---\nText.\n", "{a: ".repeat(deep / 4)),
        ),
        ("block.txt", format!("---\n{block_yaml}---\nText.\n")),
        ("dashes.txt", format!("---\n{dashes}---\nText.\n")),
        (
            "array.txt",
            format!("+++\nid = \"a\"\nx = {}\n+++\nText.\n", "[".repeat(deep)),
        ),
        ("inline.txt", format!("+++\n{inline}+++\nText.\n")),
        ("dotted.txt", format!("+++\n{dotted} = 1\n+++\nText.\n")),
        ("table.txt", format!("+++\n[{dotted}]\nx = 1\n+++\nText.\n")),
    ];
    let (o, dir) = batch(&files);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    for (name, line) in [
        ("flow.txt", 3),
        ("flow-map.txt", 2),
        ("block.txt", 34),
        ("dashes.txt", 3),
        ("array.txt", 3),
        ("inline.txt", 2),
        ("dotted.txt", 2),
        ("table.txt", 2),
    ] {
        assert!(
            err.contains(&format!(
                "error: {name}:{line}: front matter: nested deeper than 32 levels; not parsed\n"
            )),
            "{name}: {err}"
        );
    }
    assert!(err.ends_with("1 converted, 8 failed\n"), "{err}");
    assert!(dir.path().join("out/good.jsonld").is_file());
}

#[test]
fn ordinary_nesting_is_read() {
    let (o, _dir) = batch(&[
        (
            "a.txt",
            "---\nid: a\nauthor:\n  - name: Anna Berg\n    url: https://example.org/anna\npublisher: {name: Stadsbladet, logo: {url: https://example.org/l.png}}\ntags: [skola, [bygg, 'x [y']]\n---\nRubrik\n\nText här.\n".into(),
        ),
        (
            "b.txt",
            "+++\nid = \"b\"\n[publisher]\nname = \"Stadsbladet\"\nlogo = { url = \"https://example.org/l.png\" }\n[[links]]\nurl = \"https://example.org/\"\n+++\nRubrik\n\nText här.\n".into(),
        ),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
}
