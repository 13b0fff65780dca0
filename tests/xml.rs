//! The XML archive: lossless round trips (model, JSON-LD and N-Quads) on every sample and the seed,
//! escaping of markup and of characters XML 1.0 forbids, one-line errors with line numbers for bad
//! archives, the `convert --format xml`, `archive` and `import` commands, and (when xmllint is installed)
//! validation against `schemas/newsgraph-archive-1.xsd`.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use newsgraph::article::{self, Options};
use newsgraph::emit::xml::{self, ArchiveWriter, Header};
use newsgraph::emit::{self, Format};
use newsgraph::import;
use newsgraph::model::Article;
use newsgraph::Error;

fn schema() -> PathBuf {
    common::root().join("schemas/newsgraph-archive-1.xsd")
}

fn round_trip(a: &Article) -> Article {
    let doc = xml::to_string(a);
    let mut back = import::from_bytes(Path::new("mem.xml"), doc.as_bytes())
        .unwrap_or_else(|e| panic!("{e}\n{doc}"));
    assert_eq!(back.len(), 1);
    back.pop().unwrap()
}

/// Validates `doc` with xmllint when it is installed; returns false when it is not.
fn xmllint_validates(doc: &str, name: &str) -> bool {
    if Command::new("xmllint").arg("--version").output().is_err() {
        return false;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(name);
    std::fs::write(&file, doc).unwrap();
    let out = Command::new("xmllint")
        .args(["--noout", "--nonet", "--schema"])
        .arg(schema())
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "xmllint rejects {name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    true
}

fn xml_error(doc: &str) -> (usize, String) {
    match import::from_bytes(Path::new("bad.xml"), doc.as_bytes()) {
        Err(e @ Error::Xml { .. }) => {
            let text = e.to_string();
            assert!(!text.contains('\n'), "error is one line: {text}");
            let Error::Xml { line, path, .. } = &e else {
                unreachable!()
            };
            assert!(
                text.starts_with(&format!("{}:{line}: ", path.display())),
                "{text}"
            );
            (*line, text)
        }
        Err(e) => panic!("expected an XML error, got {e}"),
        Ok(a) => panic!("expected an error, got {} articles", a.len()),
    }
}

#[test]
fn every_sample_and_the_seed_round_trip_losslessly() {
    let opts = Options::default();
    let inputs = common::inputs();
    assert!(inputs.len() >= 10);
    for path in inputs {
        let a = article::from_file(&path, &opts).unwrap_or_else(|e| panic!("{e}"));
        let back = round_trip(&a);
        assert_eq!(
            back,
            a,
            "{}: model differs after the round trip",
            path.display()
        );
        for format in [Format::Jsonld, Format::Nquads] {
            assert_eq!(
                emit::render(&back, format, false),
                emit::render(&a, format, false),
                "{}: {format:?} differs after the round trip",
                path.display()
            );
        }
        assert_eq!(
            emit::render(&back, Format::Nquads, true),
            emit::render(&a, Format::Nquads, true)
        );
        assert!(xml::forbidden_chars(&a).is_empty(), "{}", path.display());
    }
}

#[test]
fn archives_are_deterministic_and_valid() {
    let opts = Options::default();
    let mut archive = ArchiveWriter::new(Vec::new(), &Header::default()).unwrap();
    let mut articles = Vec::new();
    for path in common::inputs() {
        let a = article::from_file(&path, &opts).unwrap();
        assert_eq!(
            xml::to_string(&a),
            xml::to_string(&article::from_file(&path, &opts).unwrap())
        );
        let single = xml::to_string(&a);
        assert!(
            !single.contains("<created>"),
            "no wall-clock time unless asked for"
        );
        xmllint_validates(&single, &format!("{}.xml", a.id.replace('/', "_")));
        archive.write_article(&a).unwrap();
        articles.push(a);
    }
    let doc = String::from_utf8(archive.finish().unwrap()).unwrap();
    xmllint_validates(&doc, "all.xml");
    let mut reader = import::ArchiveReader::new(Path::new("all.xml"), doc.as_bytes()).unwrap();
    assert_eq!(reader.header(), &Header::default());
    let mut back = Vec::new();
    while let Some(a) = reader.next_article().unwrap() {
        back.push(a);
    }
    assert_eq!(back, articles);
}

#[test]
fn timestamp_is_written_only_when_asked_for() {
    let a = article::from_file(&common::samples()[0], &Options::default()).unwrap();
    let mut out = Vec::new();
    xml::write_article(&mut out, &Header::now(), &a).unwrap();
    let doc = String::from_utf8(out).unwrap();
    assert!(doc.contains("<created>"), "{doc}");
    xmllint_validates(&doc, "timestamp.xml");
    let reader = import::ArchiveReader::new(Path::new("t.xml"), doc.as_bytes()).unwrap();
    assert!(reader.header().created.is_some());
}

/// An article whose text holds markup characters, quotes and control characters XML 1.0 forbids.
/// Articles rendered alone (as `package` does on its workers) and appended make the same archive, and
/// report the same escaped characters, as articles written by the archive writer itself.
#[test]
fn rendered_articles_append_to_the_same_archive() {
    let opts = Options::default();
    let mut articles: Vec<Article> = common::inputs()
        .iter()
        .map(|p| article::from_file(p, &opts).unwrap())
        .collect();
    articles.push(tricky_article());
    let mut written = ArchiveWriter::new(Vec::new(), &Header::default()).unwrap();
    let mut appended = ArchiveWriter::new(Vec::new(), &Header::default()).unwrap();
    for a in &articles {
        let found = written.write_article(a).unwrap();
        let (piece, rendered_found) = xml::render_article(a).unwrap();
        appended.write_rendered(&piece).unwrap();
        assert_eq!(rendered_found, found, "{}", a.id);
    }
    assert!(
        !xml::render_article(&tricky_article()).unwrap().1.is_empty(),
        "the tricky article has characters to report"
    );
    let (written, appended) = (written.finish().unwrap(), appended.finish().unwrap());
    assert_eq!(
        String::from_utf8(appended).unwrap(),
        String::from_utf8(written).unwrap()
    );
}

fn tricky_article() -> Article {
    let text = "Bild: Anna & Bo <på> torget \"i dag\" och 'i morgon'.\n\n\
        Rubrik med <b>taggar</b> & \u{1b}[1m escape\n\n\
        Ingressen har ]]> och &amp; och en vertikal tab\u{b} samt en NUL-fri kontroll \u{7} här.\n\n\
        Första stycket talar om Göteborgs Stad och Hammarkullen, med en form feed\u{c} mitt i.\n\n\
        – Vi ska bygga mer & bättre, säger Anna Berg, stadsbyggnadsdirektör i Göteborgs Stad.\n";
    article::from_bytes(
        Path::new("tricky.txt"),
        text.as_bytes(),
        &Options::default(),
    )
    .unwrap()
}

#[test]
fn markup_quotes_and_forbidden_characters_are_kept_and_reported() {
    let a = tricky_article();
    let all_text = format!(
        "{}\n{}\n{}",
        a.headline,
        a.caption.clone().unwrap_or_default(),
        a.body()
    );
    for c in [
        '&', '<', '>', '"', '\'', '\u{1b}', '\u{b}', '\u{7}', '\u{c}',
    ] {
        assert!(
            all_text.contains(c),
            "the test article holds {c:?}: {all_text}"
        );
    }
    let doc = xml::to_string(&a);
    for escaped in [
        "&amp;",
        "&lt;",
        "&gt;",
        "<char code=\"001B\"/>",
        "<char code=\"000B\"/>",
        "<char code=\"000C\"/>",
    ] {
        assert!(doc.contains(escaped), "{escaped} in\n{doc}");
    }
    assert!(
        !doc.chars().any(xml::is_forbidden),
        "no forbidden character in the document"
    );
    assert!(!doc.contains("]]>"));
    let found = xml::forbidden_chars(&a);
    let codes: Vec<char> = found.iter().map(|f| f.ch).collect();
    assert!(
        codes.contains(&'\u{1b}') && codes.contains(&'\u{b}') && codes.contains(&'\u{7}'),
        "{found:?}"
    );
    let warning = found[0].to_string();
    assert!(
        warning.contains("U+") && warning.contains("<char code=") && !warning.contains('\n'),
        "{warning}"
    );
    assert_eq!(round_trip(&a), a);
    xmllint_validates(&doc, "tricky.xml");
}

#[test]
fn whitespace_carriage_returns_and_empty_texts_survive() {
    let mut a = article::from_file(&common::samples()[0], &Options::default()).unwrap();
    a.id.push_str(" \t<&>\"'");
    a.source.file_name = "odd\nname\r\t.txt".into();
    a.headline = format!("  {}\r\n\t ", a.headline);
    a.related.push(String::new());
    a.related.push("  \u{FFFF}\u{0}\u{1f}  ".into());
    let last = a.sections.len() - 1;
    a.sections[last].paragraphs[0]
        .text
        .push_str("\r\rslut\n\n  ");
    a.sections.push(newsgraph::model::Section {
        heading: Some(String::new()),
        paragraphs: Vec::new(),
    });
    a.sections.push(newsgraph::model::Section {
        heading: None,
        paragraphs: Vec::new(),
    });
    a.meta
        .extra
        .insert("nyckel & <värde>".into(), "  \r\n ".into());
    a.meta.keywords.push("\"x\"".into());
    let back = round_trip(&a);
    assert_eq!(back, a);
    xmllint_validates(&xml::to_string(&a), "whitespace.xml");
}

#[test]
fn convert_format_xml_and_import_agree_with_convert() {
    let sample = common::root().join("samples/sv-intervju-kultur.txt");
    let out = run(&[
        arg("convert"),
        arg("--format"),
        arg("xml"),
        sample.clone().into(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("a.xml");
    std::fs::write(&archive, &out.stdout).unwrap();
    xmllint_validates(&String::from_utf8(out.stdout).unwrap(), "convert.xml");
    for format in ["jsonld", "nquads", "turtle", "xml"] {
        let direct = run(&[
            arg("convert"),
            arg("--format"),
            arg(format),
            sample.clone().into(),
        ]);
        let imported = run(&[
            arg("import"),
            arg("--format"),
            arg(format),
            archive.clone().into(),
        ]);
        assert!(
            imported.status.success(),
            "{}",
            String::from_utf8_lossy(&imported.stderr)
        );
        assert_eq!(imported.stdout, direct.stdout, "import --format {format}");
    }
    // --out DIR: one file per article, named like convert's.
    let conv = dir.path().join("conv");
    let out = run(&[
        arg("convert"),
        arg("--format"),
        arg("xml"),
        arg("--out"),
        conv.clone().into(),
        sample.into(),
    ]);
    assert!(out.status.success());
    assert!(conv.join("sv-intervju-kultur.xml").is_file());
}

#[test]
fn archive_streams_a_directory_and_goes_on_past_bad_files() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let samples = common::samples();
    for s in &samples {
        std::fs::copy(s, input.join(s.file_name().unwrap())).unwrap();
    }
    std::fs::write(input.join("zz-empty.txt"), "").unwrap();
    std::fs::write(input.join("aa-binary.txt"), b"\x00\x01\x02binary").unwrap();
    let target = dir.path().join("out/all.xml");
    std::fs::create_dir(target.parent().unwrap()).unwrap();
    let out = run(&[
        arg("archive"),
        arg("--out"),
        target.clone().into(),
        input.clone().into(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let errors: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("error: "))
        .collect();
    assert_eq!(errors.len(), 2, "{stderr}");
    assert!(
        errors.iter().any(|l| l.contains("zz-empty.txt")),
        "{stderr}"
    );
    assert!(
        errors.iter().any(|l| l.contains("aa-binary.txt")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{} converted, 2 failed", samples.len())),
        "{stderr}"
    );
    let leftovers: Vec<_> = std::fs::read_dir(target.parent().unwrap())
        .unwrap()
        .collect();
    assert_eq!(leftovers.len(), 1, "only the archive, no temporary file");
    let doc = std::fs::read_to_string(&target).unwrap();
    xmllint_validates(&doc, "batch.xml");
    // The two bad files are recorded after the last article, in the order they were met.
    let recorded = doc.split("<failures>").nth(1).expect("a failures element");
    let (first, second) = (
        recorded.find("aa-binary.txt</source>").unwrap(),
        recorded.find("zz-empty.txt</source>").unwrap(),
    );
    assert!(first < second, "{recorded}");
    assert!(
        recorded.contains("zz-empty.txt: empty file</message>"),
        "{recorded}"
    );
    let back = import::read_file(&target).unwrap();
    assert_eq!(back.len(), samples.len());
    let opts = Options::default();
    for (a, s) in back.iter().zip(&samples) {
        assert_eq!(a, &article::from_file(s, &opts).unwrap());
    }
    // Same input, same bytes.
    let again = dir.path().join("out/again.xml");
    run(&[
        arg("archive"),
        arg("--out"),
        again.clone().into(),
        input.into(),
    ]);
    assert_eq!(std::fs::read(&again).unwrap(), doc.as_bytes());

    // import --out DIR writes one file per article; several JSON-LD documents on stdout form an array.
    let imported = dir.path().join("imported");
    let out = run(&[
        arg("import"),
        arg("--format"),
        arg("nquads"),
        arg("--out"),
        imported.clone().into(),
        target.clone().into(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(std::fs::read_dir(&imported).unwrap().count(), samples.len());
    let out = run(&[arg("import"), target.into()]);
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(json.as_array().map(Vec::len), Some(samples.len()));
}

/// An archive run with a bad input and a missing one: the archive records both (input as given, the
/// line reported), validates, and imports back to the good articles alone, unchanged, with each
/// recorded failure reported as a warning and the exit code of a clean read.
#[test]
fn archive_records_its_failed_inputs_and_import_reports_them() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.md");
    std::fs::write(&bad, "---\ntitle: [unclosed\n---\nText.\n").unwrap();
    let missing = dir.path().join("missing.txt");
    let good = common::root().join("samples/sv-intervju-kultur.txt");
    let target = dir.path().join("a.xml");
    let out = run(&[
        arg("archive"),
        arg("--out"),
        target.clone().into(),
        good.clone().into(),
        bad.clone().into(),
        missing.clone().into(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("1 converted, 2 failed"), "{stderr}");
    let doc = std::fs::read_to_string(&target).unwrap();
    xmllint_validates(&doc, "failures.xml");
    for path in [&bad, &missing] {
        let source = format!("<source>{}</source>", path.display());
        assert!(doc.contains(&source), "{source} not in\n{doc}");
    }
    assert!(doc.contains("front matter"), "{doc}");
    assert!(doc.contains("cannot read"), "{doc}");

    let mut reader = import::open(&target, 1 << 20).unwrap();
    let back: Vec<Article> = reader.by_ref().collect::<Result<_, _>>().unwrap();
    assert_eq!(
        back,
        vec![article::from_file(&good, &Options::default()).unwrap()]
    );
    let sources: Vec<&str> = reader
        .failures()
        .iter()
        .map(|f| f.source.as_str())
        .collect();
    assert_eq!(sources, [bad.to_str().unwrap(), missing.to_str().unwrap()]);

    let out = run(&[arg("import"), arg("--format"), arg("nquads"), target.into()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let warned: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("an input failed when this archive was written and is not in it"))
        .collect();
    assert_eq!(warned.len(), 2, "{stderr}");
    assert!(warned[1].contains("missing.txt: cannot read"), "{stderr}");
    let direct = run(&[arg("convert"), arg("--format"), arg("nquads"), good.into()]);
    assert_eq!(out.stdout, direct.stdout);
}

/// Failures written by the library keep characters XML forbids (as `char`) and markup, and read back
/// exactly; a `failures` element without a `failure` is refused.
#[test]
fn failure_records_round_trip_and_must_not_be_empty() {
    let a = article::from_file(
        &common::root().join("samples/en-council-housing.txt"),
        &Options::default(),
    )
    .unwrap();
    let failures = [xml::Failure {
        source: "in/a\u{1b}b <&>.txt".to_owned(),
        message: "in/a\u{1b}b <&>.txt: empty file".to_owned(),
    }];
    let mut w = ArchiveWriter::new(Vec::new(), &Header::default()).unwrap();
    w.write_article(&a).unwrap();
    w.write_failures(&failures).unwrap();
    let doc = String::from_utf8(w.finish().unwrap()).unwrap();
    assert!(doc.contains("<char code=\"001B\"/>"), "{doc}");
    xmllint_validates(&doc, "failure-chars.xml");
    let mut reader = import::ArchiveReader::new(Path::new("f.xml"), doc.as_bytes()).unwrap();
    assert_eq!(reader.by_ref().count(), 1);
    assert_eq!(reader.failures(), &failures);

    let empty = doc.replace(
        &doc[doc.find("<failures>").unwrap()..doc.find("</failures>").unwrap()],
        "<failures>",
    );
    let (_, message) = xml_error(&empty);
    assert!(
        message.contains("<failures> holds no <failure>"),
        "{message}"
    );
}

#[test]
fn archive_with_only_bad_inputs_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    let target = dir.path().join("a.xml");
    let out = run(&[
        arg("archive"),
        arg("--out"),
        target.clone().into(),
        dir.path().join("empty.txt").into(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!target.exists());
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file left"
    );
}

#[test]
fn malformed_xml_is_one_line_with_its_line_number() {
    let a = article::from_file(&common::samples()[0], &Options::default()).unwrap();
    let doc = xml::to_string(&a);
    // Truncated in the middle.
    let cut: String = doc.lines().take(12).collect::<Vec<_>>().join("\n");
    let (line, text) = xml_error(&cut);
    assert!(line >= 11, "{text}");
    // A mismatched end tag on line 5.
    let lines: Vec<&str> = doc.lines().collect();
    let mut bad = lines.clone();
    let broken = bad[4].replace("</", "</x");
    bad[4] = &broken;
    let (line, text) = xml_error(&bad.join("\n"));
    assert_eq!(line, 5, "{text}");
    // Not XML at all.
    let (line, _) = xml_error("just some text\n");
    assert_eq!(line, 1);
    // A bad attribute value, with the line of its element.
    let (line, text) = xml_error(
        &doc.replacen("lineEnds=\"lf\"", "lineEnds=\"sideways\"", 1)
            .replacen("lineEnds=\"crlf\"", "lineEnds=\"sideways\"", 1),
    );
    assert_eq!(
        line,
        doc.lines().position(|l| l.contains("<source ")).unwrap() + 1,
        "{text}"
    );
    assert!(text.contains("lineEnds"), "{text}");
    // A span outside its text.
    let (_, text) = xml_error(&doc.replacen("end=\"", "end=\"99999", 1));
    assert!(text.contains("characters"), "{text}");
    // A literal control character.
    let (line, text) = xml_error(&doc.replacen("<lead>", "<lead>\u{1}", 1));
    assert!(text.contains("U+0001"), "{text}");
    assert_eq!(
        line,
        doc.lines().position(|l| l.contains("<lead>")).unwrap() + 1
    );
}

#[test]
fn doctype_and_entities_are_refused() {
    let xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE archive [\n  <!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n]>\n\
        <archive xmlns=\"https://newsgraph.example/ns/archive/1\">&xxe;</archive>\n";
    let (line, text) = xml_error(xxe);
    assert_eq!(line, 2, "{text}");
    assert!(text.contains("DOCTYPE"), "{text}");
    let bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;\">]>\n<lolz>&lol2;</lolz>\n";
    assert!(xml_error(bomb).1.contains("DOCTYPE"));
    // An entity reference with no DTD at all.
    let a = article::from_file(&common::samples()[0], &Options::default()).unwrap();
    let doc = xml::to_string(&a).replacen("<lead>", "<lead>&xxe;", 1);
    let (line, text) = xml_error(&doc);
    assert!(text.contains("&xxe;"), "{text}");
    assert_eq!(
        line,
        doc.lines().position(|l| l.contains("&xxe;")).unwrap() + 1
    );
}

#[test]
fn foreign_xml_is_refused_clearly() {
    let (line, text) = xml_error(
        "<?xml version=\"1.0\"?>\n\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><body/></html>\n",
    );
    assert_eq!(line, 3);
    assert!(
        text.contains("not a newsgraph archive") && text.contains("<html>"),
        "{text}"
    );
    let (_, text) = xml_error("<archive><header/></archive>");
    assert!(
        text.contains("not a newsgraph archive") && text.contains("no namespace"),
        "{text}"
    );
    let (_, text) = xml_error("<archive xmlns=\"https://newsgraph.example/ns/archive/2\"/>");
    assert!(text.contains("version \"2\" is not supported"), "{text}");
    let (_, text) = xml_error("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><archive/>");
    assert!(text.contains("UTF-8"), "{text}");
    // A foreign element inside a real archive.
    let a = article::from_file(&common::samples()[0], &Options::default()).unwrap();
    let doc = xml::to_string(&a).replacen("<meta", "<x:evil xmlns:x=\"urn:x\"/><meta", 1);
    let (_, text) = xml_error(&doc);
    assert!(text.contains("evil"), "{text}");
    // An archive with a header and no article.
    let (_, text) = xml_error(
        "<archive xmlns=\"https://newsgraph.example/ns/archive/1\"><header><generator name=\"n\" version=\"1\"/></header></archive>",
    );
    assert!(text.contains("no article"), "{text}");
}

#[test]
fn import_reports_bad_archives_and_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.xml");
    let a = article::from_file(&common::samples()[0], &Options::default()).unwrap();
    std::fs::write(&good, xml::to_string(&a)).unwrap();
    let bad = dir.path().join("bad.xml");
    std::fs::write(&bad, "<html/>\n").unwrap();
    let out_dir = dir.path().join("out");
    let out = run(&[
        arg("import"),
        arg("--out"),
        out_dir.clone().into(),
        bad.clone().into(),
        good.into(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr
            .lines()
            .any(|l| l.starts_with(&format!("error: {}:1: ", bad.display()))),
        "{stderr}"
    );
    assert!(stderr.contains("1 converted, 1 failed"), "{stderr}");
    assert_eq!(std::fs::read_dir(&out_dir).unwrap().count(), 1);
}

fn arg(s: &str) -> std::ffi::OsString {
    s.into()
}

fn run(args: &[std::ffi::OsString]) -> Output {
    Command::new(common::bin())
        .args(args)
        .env_remove("NEWSGRAPH_BASE")
        .current_dir(common::root())
        .output()
        .expect("the binary runs")
}
