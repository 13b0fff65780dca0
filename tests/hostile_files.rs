//! Hostile and unlucky files (issue 23): outputs that would overwrite inputs, archives that carry false
//! IRIs, bad articles among good ones, oversized text nodes, symbolic links out of an input folder, file
//! names with control characters, stale temporary files, unwritable and full outputs, link schemes.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{command as newsgraph, run};

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The `error:` lines of a run.
fn errors(o: &Output) -> Vec<String> {
    err(o)
        .lines()
        .filter(|l| l.starts_with("error: "))
        .map(str::to_owned)
        .collect()
}

/// Three articles with people, places and quotes (so their archive has mentions and spans).
const ARTICLES: [(&str, &str); 3] = [
    (
        "a.txt",
        "Ny skola i Hammarkullen\n\nGöteborgs Stad bygger en ny skola i Hammarkullen, säger Anna Berg.\n\n– Vi börjar i vår, säger Anna Berg.\n",
    ),
    (
        "b.txt",
        "Parken rustas\n\nKarin Lindqvist, stadsbyggnadsdirektör i Göteborgs Stad, visar parken i Bergsjön.\n\n– Den blir grönare, säger Karin Lindqvist.\n",
    ),
    (
        "c.txt",
        "Biblioteket öppnar\n\nBiblioteket i Angered öppnar igen på måndag, säger Per Holm.\n",
    ),
];

/// A folder `in/` with [`ARTICLES`], and their archive `all.xml` as `archive` writes it.
fn archived() -> (tempfile::TempDir, String) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    for (name, text) in ARTICLES {
        std::fs::write(dir.join(name), text).unwrap();
    }
    let o = run(&["archive", "--out", "all.xml", "in"], tmp.path());
    assert!(o.status.success(), "{}", err(&o));
    let doc = std::fs::read_to_string(tmp.path().join("all.xml")).unwrap();
    assert_eq!(doc.matches("<article ").count(), 3);
    (tmp, doc)
}

/// `doc` with `edit` applied to its second article only.
fn in_second_article(doc: &str, edit: impl Fn(&str) -> String) -> String {
    let starts: Vec<usize> = doc.match_indices("<article ").map(|(i, _)| i).collect();
    let (from, to) = (starts[1], starts[2]);
    format!("{}{}{}", &doc[..from], edit(&doc[from..to]), &doc[to..])
}

/// Imports `doc` (written as `bad.xml`) into `out/` as JSON-LD; returns the run and the ids written.
fn import_into_folder(dir: &Path, doc: &str, extra: &[&str]) -> (Output, Vec<String>) {
    std::fs::write(dir.join("bad.xml"), doc).unwrap();
    let _ = std::fs::remove_dir_all(dir.join("out"));
    let mut args = vec!["import", "--out", "out"];
    args.extend_from_slice(extra);
    args.push("bad.xml");
    let o = run(&args, dir);
    let mut written: Vec<String> = std::fs::read_dir(dir.join("out"))
        .map(|entries| {
            entries
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    written.sort();
    (o, written)
}

/// A named pipe `name` in `dir`.
fn fifo(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    path
}

// ----- item 4: no output over an input

#[test]
fn no_command_writes_over_its_own_input() {
    let (tmp, _) = archived();
    let dir = tmp.path();
    let source = std::fs::read(dir.join("in/a.txt")).unwrap();

    // archive: the output named as an input, directly or through a folder and `..`.
    for args in [
        &["archive", "--out", "in/a.txt", "in/a.txt"][..],
        &["archive", "--out", "in/../in/a.txt", "in"],
    ] {
        let o = run(args, dir);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", err(&o));
        assert_eq!(errors(&o).len(), 1, "{args:?}: {}", err(&o));
        assert!(err(&o).contains("is also an input"), "{}", err(&o));
        assert!(!err(&o).contains("converted"), "{}", err(&o));
    }
    assert_eq!(std::fs::read(dir.join("in/a.txt")).unwrap(), source);

    // convert: an input named like the output it would give (`x.jsonld` holding article text).
    std::fs::create_dir(dir.join("d")).unwrap();
    std::fs::write(dir.join("d/x.jsonld"), ARTICLES[2].1).unwrap();
    let o = run(&["convert", "--out", "d", "d/x.jsonld", "in/a.txt"], dir);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(
        err(&o).contains("d/x.jsonld: is also an input"),
        "{}",
        err(&o)
    );
    assert!(err(&o).contains("1 converted, 1 failed"), "{}", err(&o));
    assert_eq!(
        std::fs::read_to_string(dir.join("d/x.jsonld")).unwrap(),
        ARTICLES[2].1
    );

    // import: an archive whose article would be written as the archive itself.
    std::fs::copy(dir.join("in/a.txt"), dir.join("a.txt")).unwrap();
    assert!(run(&["archive", "--out", "d/a.xml", "a.txt"], dir)
        .status
        .success());
    let archive = std::fs::read(dir.join("d/a.xml")).unwrap();
    let o = run(&["import", "--format", "xml", "--out", "d", "d/a.xml"], dir);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(err(&o).contains("d/a.xml: is also an input"), "{}", err(&o));
    assert_eq!(std::fs::read(dir.join("d/a.xml")).unwrap(), archive);

    // An output that is not a regular file (here a pipe; run as root, `--out /dev/null` replaced the
    // device) is never replaced by a renamed file.
    let fifo = fifo(dir, "pipe.xml");
    let o = run(&["archive", "--out", "pipe.xml", "in/a.txt"], dir);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert!(
        err(&o).contains("pipe.xml: not a regular file"),
        "{}",
        err(&o)
    );
    let o = run(&["export", "--store", "nostore", "--out", "pipe.xml"], dir);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert!(
        err(&o).contains("pipe.xml: not a regular file"),
        "{}",
        err(&o)
    );
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());

    // export: not into the store folder it reads.
    assert!(run(&["load", "--store", "st", "in"], dir).status.success());
    let o = run(&["export", "--store", "st", "--out", "st/dump.nq"], dir);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert!(err(&o).contains("is also an input (st)"), "{}", err(&o));
    assert!(!dir.join("st/dump.nq").exists());
}

// ----- item 5: IRIs from an archive

#[test]
fn import_refuses_iris_that_are_not_iris() {
    let (tmp, doc) = archived();
    let dir = tmp.path();
    let iri_of = |doc: &str| {
        let start = doc.find("<article iri=\"").unwrap() + 14;
        doc[start..start + doc[start..].find('"').unwrap()].to_owned()
    };
    let injected = "https://x.example/a&gt; &lt;http://schema.org/publisher&gt; &quot;INJECTED&quot; .&#10;&lt;https://x.example/b";
    let cases: Vec<(String, &str)> = vec![
        (
            in_second_article(&doc, |a| a.replacen(&iri_of(a), injected, 1)),
            "article IRI",
        ),
        (
            in_second_article(&doc, |a| {
                let entity = a.find("<entity ").unwrap();
                let at = entity + a[entity..].find(" iri=\"").unwrap() + 6;
                format!("{}not an iri&gt; &lt;x{}", &a[..at], &a[at..])
            }),
            "entity IRI",
        ),
        (
            in_second_article(&doc, |a| {
                a.replacen("<meta/>", "<meta><url>javascript alert(1)</url></meta>", 1)
            }),
            "url",
        ),
        (
            in_second_article(&doc, |a| {
                a.replacen(" type=\"Person\"", " type=\"Person&gt; &lt;x\"", 1)
            }),
            "type",
        ),
    ];
    for (bad, what) in cases {
        std::fs::write(dir.join("bad.xml"), &bad).unwrap();
        let o = run(&["import", "--format", "nquads", "bad.xml"], dir);
        assert_eq!(o.status.code(), Some(1), "{what}: {}", err(&o));
        let e = errors(&o);
        assert_eq!(e.len(), 1, "{what}: {}", err(&o));
        assert!(
            e[0].contains("article 2 (\"b\"): invalid") && e[0].contains(what),
            "{what}: {}",
            e[0]
        );
        let nquads = out(&o);
        assert!(!nquads.contains("INJECTED") && !nquads.contains("not an iri"));
        // Every line is one statement of the two good articles, and parses.
        for line in nquads.lines() {
            assert!(line.starts_with('<') && line.ends_with(" ."), "{line}");
        }
        assert!(nquads.contains("/article/a>") && nquads.contains("/article/c>"));
        assert!(!nquads.contains("/article/b>"));
    }
}

// ----- item 6: a bad article among good ones

#[test]
fn import_reports_a_bad_article_and_goes_on_with_the_next() {
    let (tmp, doc) = archived();
    let dir = tmp.path();
    let unknown = in_second_article(&doc, |a| a.replacen("<meta/>", "<bogus/><meta/>", 1));
    let offset = in_second_article(&doc, |a| a.replacen(" end=\"", " end=\"99999", 1));
    let no_entity = in_second_article(&doc, |a| {
        let at = a.find(" speaker=\"").unwrap() + 10;
        format!("{}nobody-{}", &a[..at], &a[at..])
    });
    for (bad, what) in [
        (unknown, "found <bogus>"),
        (offset, "ends at character 99999"),
        (no_entity, "no entity with key"),
    ] {
        let (o, written) = import_into_folder(dir, &bad, &[]);
        assert_eq!(o.status.code(), Some(1), "{what}: {}", err(&o));
        let e = errors(&o);
        assert_eq!(e.len(), 1, "{what}: {}", err(&o));
        assert!(
            e[0].starts_with("error: bad.xml:")
                && e[0].contains("article 2 (\"b\"): ")
                && e[0].contains(what),
            "{}",
            e[0]
        );
        assert_eq!(written, ["a.jsonld", "c.jsonld"], "{what}");
        assert!(err(&o).contains("2 converted, 1 failed"), "{}", err(&o));
    }
    // Malformed XML ends the file there: what came before it is kept.
    let broken = in_second_article(&doc, |a| a.replacen("</headline>", "</x>", 1));
    let (o, written) = import_into_folder(dir, &broken, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(errors(&o).len(), 1, "{}", err(&o));
    assert!(err(&o).contains("malformed XML"), "{}", err(&o));
    assert_eq!(written, ["a.jsonld"]);
}

// ----- item 7: size limits while importing

#[test]
fn import_applies_max_size_to_each_article_and_text_node() {
    let (tmp, doc) = archived();
    let dir = tmp.path();
    // Article 2 grows past the limit in many small paragraphs: refused, article 3 still read.
    let paragraph = format!(
        "<paragraph kind=\"text\">{}</paragraph>",
        "Ord och mer ord. ".repeat(50)
    );
    let long = in_second_article(&doc, |a| {
        let at = a.find("</section>").unwrap();
        format!("{}{}{}", &a[..at], paragraph.repeat(200), &a[at..])
    });
    let (o, written) = import_into_folder(dir, &long, &["--max-size", "100000"]);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    let e = errors(&o);
    assert_eq!(e.len(), 1, "{}", err(&o));
    assert!(
        e[0].contains("article 2 (\"b\"): more than 100000 bytes, over the limit"),
        "{}",
        e[0]
    );
    assert_eq!(written, ["a.jsonld", "c.jsonld"]);
    // The default limit takes it.
    let (o, written) = import_into_folder(dir, &long, &[]);
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(written.len(), 3);
    // One text node past the limit ends the file before it is read whole.
    let huge = in_second_article(&doc, |a| {
        a.replacen("<lead>", &format!("<lead>{}", "x".repeat(300_000)), 1)
    });
    let (o, written) = import_into_folder(dir, &huge, &["--max-size", "100000"]);
    assert_eq!(o.status.code(), Some(1));
    let e = errors(&o);
    assert_eq!(e.len(), 1, "{}", err(&o));
    assert!(
        e[0].contains("a text or tag of more than 100000 bytes"),
        "{}",
        e[0]
    );
    assert_eq!(written, ["a.jsonld"]);
}

/// Runs `script` with `sh`, its address space limited to `kib` KiB: an import that buffered an endless
/// text node would fail to allocate and abort.
fn run_limited(script: &str, kib: u64, dir: &Path) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {kib} && {script}"))
        .env("NG", common::bin())
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
fn endless_input_to_import_is_one_error_line_in_bounded_memory() {
    let (tmp, doc) = archived();
    let dir = tmp.path();
    // Check first that the binary runs at all under the limit.
    let o = run_limited("\"$NG\" import all.xml > /dev/null", 1_500_000, dir);
    assert!(o.status.success(), "{}", err(&o));
    let head = &doc[..doc.find("<lead>").unwrap() + 6];
    std::fs::write(dir.join("head.xml"), head).unwrap();
    for (script, what) in [
        ("\"$NG\" import --max-size 1000000 /dev/zero", "/dev/zero"),
        (
            "(cat head.xml; yes aaaaaaaaaaaaaaa) | \"$NG\" import --max-size 1000000 -",
            "an endless text node",
        ),
    ] {
        let o = run_limited(script, 1_500_000, dir);
        assert_eq!(o.status.code(), Some(1), "{what}: {}", err(&o));
        let e = err(&o);
        assert_eq!(e.lines().count(), 1, "{what}: {e}");
        assert!(
            e.starts_with("error: ") && e.contains("more than 1000000 bytes"),
            "{what}: {e}"
        );
    }
}

// ----- item 10: symbolic links

#[test]
fn links_out_of_an_input_folder_are_not_followed_unless_asked() {
    let tmp = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), ARTICLES[0].1).unwrap();
    std::fs::create_dir(outside.path().join("docs")).unwrap();
    std::fs::write(outside.path().join("docs/doc.txt"), ARTICLES[1].1).unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("sub/c.txt"), ARTICLES[2].1).unwrap();
    use std::os::unix::fs::symlink;
    symlink(outside.path().join("secret.txt"), dir.join("secret.txt")).unwrap();
    symlink(outside.path().join("docs"), dir.join("docs")).unwrap();
    // Links that stay inside are followed, a loop is reported and does not hang.
    symlink(dir.join("sub/c.txt"), dir.join("inner.txt")).unwrap();
    symlink("sub", dir.join("also")).unwrap();
    symlink("..", dir.join("sub/up")).unwrap();

    let o = run(&["convert", "--out", "out", "in"], tmp.path());
    let mut written: Vec<String> = std::fs::read_dir(tmp.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    // `also/c.txt` and `sub/c.txt` are one article id twice: the second is a duplicate.
    assert_eq!(written, ["c.jsonld", "inner.jsonld"], "{}", err(&o));
    let e = err(&o);
    for name in ["in/secret.txt", "in/docs"] {
        assert!(
            e.lines().any(
                |l| l.starts_with(&format!("warning: {name}: symbolic link to "))
                    && l.contains("outside the input folder: not read (--follow reads it)")
            ),
            "{e}"
        );
    }
    assert!(e.contains("symbolic link loop"), "{e}");
    assert!(!e.contains("doc.txt"), "{e}");

    let o = run(&["convert", "--follow", "--out", "all", "in"], tmp.path());
    let mut written: Vec<String> = std::fs::read_dir(tmp.path().join("all"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(
        written,
        ["c.jsonld", "doc.jsonld", "inner.jsonld", "secret.jsonld"],
        "{}",
        err(&o)
    );
    assert!(!err(&o).contains("warning"), "{}", err(&o));
}

// ----- item 11: the smaller ones

#[test]
fn file_names_with_control_characters_are_quoted_in_messages() {
    let tmp = tempfile::tempdir().unwrap();
    let name = "a\nerror: forged\u{1b}[31m.txt";
    std::fs::write(tmp.path().join(name), "").unwrap();
    let o = run(&["convert", "--out", "out", "."], tmp.path());
    assert_eq!(o.status.code(), Some(1));
    let e = err(&o);
    assert_eq!(e.lines().count(), 2, "{e}"); // the error and the summary
    assert!(!e.contains('\u{1b}'), "{e}");
    assert!(
        e.starts_with("error: \"./a\\nerror: forged\\u{1b}[31m.txt\": empty file\n"),
        "{e}"
    );
    let o = run(&["--json-errors", "convert", name], tmp.path());
    let line = err(&o);
    assert_eq!(line.lines().count(), 1, "{line}");
    let v: serde_json::Value = serde_json::from_str(&line).unwrap();
    assert_eq!(v["file"], name);
}

#[test]
fn utf16_big_endian_without_bom_is_read() {
    let tmp = tempfile::tempdir().unwrap();
    let text = "Rubrik här\n\nEn ingress om Göteborg. Mer text.\n";
    let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    std::fs::write(tmp.path().join("be.txt"), bytes).unwrap();
    let o = run(&["convert", "be.txt"], tmp.path());
    assert!(o.status.success(), "{}", err(&o));
    assert!(
        out(&o).contains("\"headline\": \"Rubrik här\""),
        "{}",
        out(&o)
    );
}

/// Every file of a folder with its size and modification time.
fn snapshot(dir: &Path) -> Vec<(PathBuf, u64, std::time::SystemTime)> {
    let mut all: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let m = e.metadata().unwrap();
            (e.into_path(), m.len(), m.modified().unwrap())
        })
        .collect();
    all.sort();
    all
}

/// Sets a folder and its files read-only (or writable again).
fn read_only(dir: &Path, yes: bool) {
    use std::os::unix::fs::PermissionsExt;
    for e in walkdir::WalkDir::new(dir) {
        let e = e.unwrap();
        let mode = match (e.file_type().is_dir(), yes) {
            (true, true) => 0o555,
            (true, false) => 0o755,
            (false, true) => 0o444,
            (false, false) => 0o644,
        };
        std::fs::set_permissions(e.path(), std::fs::Permissions::from_mode(mode)).unwrap();
    }
}

/// The readers open the store read-only. Run as root (as CI is), permissions do not stop writes, so
/// the test also checks that no file of the store changes, which holds for any user.
#[test]
fn readers_write_nothing_into_a_read_only_store() {
    let (tmp, _) = archived();
    let dir = tmp.path();
    assert!(run(&["load", "--store", "st", "in"], dir).status.success());
    read_only(&dir.join("st"), true);
    let before = snapshot(&dir.join("st"));
    let q = run(
        &[
            "query",
            "--store",
            "st",
            "--format",
            "csv",
            "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
        ],
        dir,
    );
    let e = run(&["export", "--store", "st"], dir);
    let p = run(&["query", "--store", "st", "--preset", "people"], dir);
    read_only(&dir.join("st"), false);
    for o in [&q, &e, &p] {
        assert!(o.status.success(), "{}", err(o));
    }
    assert!(out(&e).lines().count() > 10);
    assert_eq!(snapshot(&dir.join("st")), before);
}

#[test]
fn temporary_files_of_interrupted_runs_are_removed() {
    let (tmp, _) = archived();
    let dir = tmp.path();
    std::fs::create_dir(dir.join("out")).unwrap();
    // A process that has ended, and one that runs (this test).
    let mut child = Command::new("true").spawn().unwrap();
    let gone = child.id();
    child.wait().unwrap();
    let stale = dir.join(format!("out/.newsgraph-{gone}-Ab12Cd.tmp"));
    let live = dir.join(format!("out/.newsgraph-{}-Ef34Gh.tmp", std::process::id()));
    let other = dir.join("out/.newsgraph-notes.tmp");
    for f in [&stale, &live, &other] {
        std::fs::write(f, "half").unwrap();
    }
    let o = run(&["convert", "--out", "out", "in"], dir);
    assert!(o.status.success(), "{}", err(&o));
    assert!(!stale.exists());
    assert!(live.exists() && other.exists());
    assert!(
        err(&o).contains("note: out: removed 1 temporary file left by an interrupted run"),
        "{}",
        err(&o)
    );
    // The same for the commands that write one file.
    std::fs::write(&stale, "half").unwrap();
    let o = run(&["archive", "--out", "out/all.xml", "in"], dir);
    assert!(o.status.success(), "{}", err(&o));
    assert!(!stale.exists());
}

#[test]
fn an_archive_that_cannot_be_written_is_one_error_line() {
    let (tmp, _) = archived();
    let dir = tmp.path();
    std::fs::write(dir.join("afile"), "x").unwrap();
    let o = run(&["archive", "--out", "afile/all.xml", "in"], dir);
    assert_eq!(o.status.code(), Some(1));
    let e = err(&o);
    assert_eq!(e.lines().count(), 1, "{e}");
    assert!(
        e.starts_with("error: afile/all.xml: cannot write") && e.contains("archive not written"),
        "{e}"
    );
}

#[test]
fn a_full_stdout_is_one_error_line_for_every_command() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    let (tmp, _) = archived();
    let dir = tmp.path();
    assert!(run(&["load", "--store", "st", "in"], dir).status.success());
    for args in [
        &["convert", "in"][..],
        &["convert", "--format", "nquads", "in"],
        &["import", "all.xml"],
        &["import", "--format", "xml", "all.xml"],
        &["export", "--store", "st"],
        &["export", "--store", "st", "--format", "jsonld"],
        &["query", "--store", "st", "SELECT * WHERE { ?s ?p ?o }"],
        &["query", "--store", "st", "--preset", "people"],
        &["query", "--list"],
        &["eval"],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let mut c = newsgraph(args, dir);
        if args == ["eval"] {
            c.current_dir(common::root());
        }
        let o = c.stdout(full).output().unwrap();
        let e = err(&o);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {e}");
        assert_eq!(e.lines().count(), 1, "{args:?}: {e}");
        // (export names the store in its line.)
        assert!(
            e.starts_with("error: ") && e.contains("No space left on device"),
            "{args:?}: {e}"
        );
    }
    // archive writes no stdout: its output is a file, and one that is not a regular file is refused
    // (see no_command_writes_over_its_own_input; never tried on /dev/full itself, which a binary
    // without the check replaces when run as root).
}

#[test]
fn links_of_other_schemes_are_refused_unless_configured() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let body = "Rubrik\n\nEn ingress om skolan. Mer text.\n";
    for (name, front) in [
        ("js.txt", "url: javascript:alert(1)"),
        ("img.txt", "image: \"javascript:alert(document.cookie)\""),
        (
            "author.txt",
            "author: {name: Anna Berg, url: \"data:text/html,x\"}",
        ),
        ("ftp.txt", "url: ftp://files.example/a.txt"),
    ] {
        std::fs::write(dir.join(name), format!("---\nid: x\n{front}\n---\n{body}")).unwrap();
        let o = run(&["convert", name], dir);
        assert_eq!(o.status.code(), Some(1), "{name}: {}", out(&o));
        let e = err(&o);
        assert!(
            e.starts_with(&format!("error: {name}:3: invalid "))
                && e.contains("scheme not allowed (allowed: http, https;"),
            "{e}"
        );
        assert_eq!(out(&o), "");
    }
    // The configuration allows more.
    std::fs::write(dir.join("newsgraph.toml"), "url_schemes = [\"FTP\"]\n").unwrap();
    let o = run(&["convert", "ftp.txt"], dir);
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).contains("\"url\": \"ftp://files.example/a.txt\""));
    let o = run(&["convert", "js.txt"], dir);
    assert!(
        err(&o).contains("(allowed: http, https, ftp;"),
        "{}",
        err(&o)
    );
    std::fs::write(dir.join("newsgraph.toml"), "url_schemes = [\"no good\"]\n").unwrap();
    let o = run(&["convert", "ftp.txt"], dir);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    // A Markdown image of another scheme is not the article's image.
    std::fs::remove_file(dir.join("newsgraph.toml")).unwrap();
    std::fs::write(
        dir.join("m.md"),
        "# Rubrik\n\n![Bild](javascript:alert(1))\n\nEn ingress om skolan. Mer text.\n",
    )
    .unwrap();
    let o = run(&["convert", "m.md"], dir);
    assert!(o.status.success(), "{}", err(&o));
    assert!(!out(&o).contains("javascript"), "{}", out(&o));
}
