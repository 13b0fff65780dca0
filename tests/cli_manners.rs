//! Command-line manners (issue 22): pipes, stdin, several inputs, options a command does not take,
//! completions and the man page, report formats, and inputs that used to be lost without a word.

mod common;

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Output, Stdio};

use common::{command as newsgraph, run};

/// Runs with `stdin` as standard input.
fn run_with_stdin(args: &[&str], dir: &Path, stdin: &[u8]) -> Output {
    let mut child = newsgraph(args, dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

/// Runs with stdout a pipe whose reader reads `keep` bytes and closes it (`newsgraph ... | head -c`).
fn run_into_short_pipe(args: &[&str], dir: &Path, keep: usize) -> (Option<i32>, String) {
    let mut child = newsgraph(args, dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut buf = vec![0; keep];
    child.stdout.take().unwrap().read_exact(&mut buf).unwrap();
    // stdout is dropped here: the pipe is closed while the command still has output to write.
    let out = child.wait_with_output().unwrap();
    (out.status.code(), err(&out))
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A directory with a few small articles; the big one writes well past a pipe's buffer.
fn articles() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("a.txt"),
        "Rubrik A\n\nFörsta artikeln om skolan. Mer text.\n",
    )
    .unwrap();
    std::fs::write(
        tmp.path().join("b.txt"),
        "Rubrik B\n\nAndra artikeln om parken. Mer text.\n",
    )
    .unwrap();
    let body = "Ett stycke om Göteborg och Hammarkullen, säger Anna Berg. ".repeat(4000);
    std::fs::write(
        tmp.path().join("big.txt"),
        format!("Stor rubrik\n\n{body}\n"),
    )
    .unwrap();
    tmp
}

#[test]
fn a_closed_pipe_ends_every_command_quietly() {
    let tmp = articles();
    let st = tmp.path().join("st");
    assert!(run(
        &["load", "--store", st.to_str().unwrap(), "big.txt"],
        tmp.path()
    )
    .status
    .success());
    for args in [
        &["convert", "big.txt"][..],
        &["convert", "--format", "nquads", "big.txt", "a.txt"],
        &["export", "--store", "st"],
        &[
            "query",
            "--store",
            "st",
            "--format",
            "csv",
            "SELECT * WHERE { ?s ?p ?o }",
        ],
        &["query", "--store", "st", "SELECT * WHERE { ?s ?p ?o }"],
        &[
            "query",
            "--store",
            "st",
            "--format",
            "json",
            "SELECT * WHERE { ?s ?p ?o }",
        ],
        &["query", "--store", "st", "CONSTRUCT WHERE { ?s ?p ?o }"],
        &["schema"],
        &["man"],
    ] {
        let (code, stderr) = run_into_short_pipe(args, tmp.path(), 100);
        assert_eq!(code, Some(0), "{args:?}: {stderr}");
        assert_eq!(stderr, "", "{args:?}: nothing to say about a closed pipe");
    }
}

#[test]
fn a_full_disk_on_stdout_is_one_error_line() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    let tmp = articles();
    for args in [
        &["convert", "big.txt"][..],
        &["schema"],
        &["completions", "bash"],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let o = newsgraph(args, tmp.path()).stdout(full).output().unwrap();
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", err(&o));
        let e = err(&o);
        assert_eq!(e.lines().count(), 1, "{args:?}: {e}");
        assert!(e.starts_with("error: <stdout>: cannot write"), "{e}");
        assert!(!e.contains("panicked"), "{e}");
    }
}

#[test]
fn a_dash_reads_stdin_with_its_id_from_id_or_front_matter() {
    let tmp = articles();
    let text = std::fs::read(tmp.path().join("a.txt")).unwrap();
    let o = run_with_stdin(&["convert", "--format", "nquads", "-"], tmp.path(), &text);
    assert!(o.status.success(), "{}", err(&o));
    assert!(
        out(&o).contains("<https://id.newsgraph.example/article/stdin>"),
        "{}",
        out(&o)
    );
    let o = run_with_stdin(&["convert", "--id", "from-pipe", "-"], tmp.path(), &text);
    assert!(
        out(&o).contains("\"identifier\": \"from-pipe\""),
        "{}",
        out(&o)
    );
    let fm = b"---\nid: given\n---\nRubrik\n\nText om skolan. Mer.\n";
    let o = run_with_stdin(&["convert", "-"], tmp.path(), fm);
    assert!(out(&o).contains("\"identifier\": \"given\""), "{}", out(&o));
    let o = run_with_stdin(&["convert", "--id", "chosen", "-"], tmp.path(), fm);
    assert!(
        out(&o).contains("\"identifier\": \"chosen\""),
        "--id wins: {}",
        out(&o)
    );
    // load and archive take it too.
    let o = run_with_stdin(&["load", "--store", "st", "-"], tmp.path(), &text);
    assert!(o.status.success(), "{}", err(&o));
    let o = run_with_stdin(&["archive", "--out", "a.xml", "-"], tmp.path(), &text);
    assert!(o.status.success(), "{}", err(&o));
    // import reads an archive from stdin.
    let xml = std::fs::read(tmp.path().join("a.xml")).unwrap();
    let o = run_with_stdin(&["import", "-"], tmp.path(), &xml);
    assert!(out(&o).contains("\"identifier\": \"stdin\""), "{}", err(&o));
    // --id without '-' is a usage error.
    let o = run(&["convert", "--id", "x", "a.txt"], tmp.path());
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
}

#[test]
fn several_inputs_without_out_give_one_array_or_one_stream_with_graphs() {
    let tmp = articles();
    let o = run(&["convert", "a.txt", "b.txt"], tmp.path());
    assert!(o.status.success(), "{}", err(&o));
    let docs: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    assert_eq!(docs.as_array().map(Vec::len), Some(2));
    let o = run(
        &["convert", "--format", "nquads", "a.txt", "b.txt"],
        tmp.path(),
    );
    let text = out(&o);
    for id in ["a", "b"] {
        let graph = format!("<https://id.newsgraph.example/article/{id}> .\n");
        assert!(
            text.lines().any(|l| format!("{l}\n").ends_with(&graph)),
            "{text}"
        );
    }
    assert!(
        text.lines().all(|l| l.matches('<').count() >= 3),
        "every line has a graph: {text}"
    );
    // import does the same with two archives.
    for f in ["a", "b"] {
        let xml = format!("{f}.xml");
        let txt = format!("{f}.txt");
        assert!(run(&["archive", "--out", &xml, &txt], tmp.path())
            .status
            .success());
    }
    let o = run(
        &["import", "--format", "nquads", "a.xml", "b.xml"],
        tmp.path(),
    );
    assert_eq!(out(&o), text, "convert and import agree");
    // One archive of two articles is one input: its statements in the default graph, as its JSON-LD
    // array means them, and as converting the files one by one gives them.
    assert!(run(
        &["archive", "--out", "two.xml", "a.txt", "b.txt"],
        tmp.path()
    )
    .status
    .success());
    let o = run(&["import", "--format", "nquads", "two.xml"], tmp.path());
    let one_by_one: String = ["a.txt", "b.txt"]
        .iter()
        .map(|f| out(&run(&["convert", "--format", "nquads", f], tmp.path())))
        .collect();
    assert_eq!(out(&o), one_by_one);
    let o = run(&["import", "two.xml"], tmp.path());
    let docs: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    assert_eq!(docs.as_array().map(Vec::len), Some(2));
    // One input stays one document in the default graph.
    let o = run(&["convert", "--format", "nquads", "a.txt"], tmp.path());
    assert!(out(&o)
        .lines()
        .all(|l| l.matches('<').count() <= 3 || l.contains('"')));
}

#[test]
fn options_a_command_does_not_use_are_refused() {
    let tmp = articles();
    for args in [
        &["query", "--gazetteer", "nope.csv", "ASK {}"][..],
        &["import", "--base", "https://x.example/", "a.xml"],
        &["serve", "--max-size", "10"],
        &["schema", "--base", "https://x.example/"],
        &["export", "--gazetteer", "nope.csv"],
    ] {
        let o = run(args, tmp.path());
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(
            err(&o).contains("unexpected argument"),
            "{args:?}: {}",
            err(&o)
        );
    }
}

#[test]
fn completions_and_man_page_are_printed() {
    let tmp = articles();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let o = run(&["completions", shell], tmp.path());
        assert!(o.status.success(), "{shell}");
        assert!(out(&o).contains("convert"), "{shell}");
    }
    let o = run(&["man"], tmp.path());
    assert!(o.status.success());
    assert!(
        out(&o).starts_with(".ie") || out(&o).contains(".TH newsgraph"),
        "{}",
        out(&o)
    );
}

#[test]
fn json_errors_and_verbose_lines_on_stderr() {
    let tmp = articles();
    std::fs::write(tmp.path().join("empty.txt"), "").unwrap();
    let o = run(
        &[
            "--json-errors",
            "convert",
            "--out",
            "out",
            "empty.txt",
            "a.txt",
        ],
        tmp.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = err(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l:?}: {e}")))
        .collect();
    assert_eq!(lines.len(), 2, "the error and the summary: {lines:?}");
    assert_eq!(lines[1]["level"], "status");
    assert_eq!(lines[1]["message"], "1 converted, 1 failed");
    let v = &lines[0];
    assert_eq!(v["level"], "error");
    assert_eq!(v["file"], "empty.txt");
    assert_eq!(v["message"], "empty.txt: empty file");
    let o = run(&["convert", "-v", "a.txt"], tmp.path());
    let e = err(&o);
    assert!(e.contains("verbose: a.txt: read"), "{e}");
    assert!(e.contains("headline by rule"), "{e}");
    assert!(e.contains("verbose: done in"), "{e}");
}

#[test]
fn select_star_keeps_the_query_order_of_variables() {
    let tmp = articles();
    assert!(run(&["load", "--store", "st", "a.txt"], tmp.path())
        .status
        .success());
    let o = run(
        &[
            "query",
            "--store",
            "st",
            "--format",
            "csv",
            "SELECT * WHERE { ?s ?p ?o } LIMIT 1",
        ],
        tmp.path(),
    );
    assert!(out(&o).starts_with("s,p,o\r\n"), "{}", out(&o));
    let o = run(
        &[
            "query",
            "--store",
            "st",
            "--format",
            "csv",
            "select distinct * { ?z ?y ?x } limit 1",
        ],
        tmp.path(),
    );
    assert!(out(&o).starts_with("z,y,x\r\n"), "{}", out(&o));
}

#[test]
fn a_different_article_with_a_taken_id_is_refused_not_replaced() {
    let tmp = tempfile::tempdir().unwrap();
    for (dir, text) in [
        ("a", "Rubrik A\n\nOm skolan. Mer.\n"),
        ("b", "Rubrik B\n\nOm parken. Mer.\n"),
    ] {
        std::fs::create_dir(tmp.path().join(dir)).unwrap();
        std::fs::write(tmp.path().join(dir).join("article.txt"), text).unwrap();
    }
    let load = |args: &[&str]| run(&[&["load", "--store", "st"], args].concat(), tmp.path());
    assert!(load(&["a/article.txt"]).status.success());
    let o = load(&["b/article.txt"]);
    assert_eq!(o.status.code(), Some(1));
    let e = err(&o);
    assert!(
        e.starts_with("error: b/article.txt: article id \"article\" is already in the store from "),
        "{e}"
    );
    assert!(e.contains("--id-from path"), "{e}");
    let o = run(
        &[
            "query",
            "--store",
            "st",
            "--format",
            "csv",
            "SELECT ?h { ?a <http://schema.org/headline> ?h }",
        ],
        tmp.path(),
    );
    assert_eq!(
        out(&o),
        "h\r\nRubrik A\r\n",
        "the first article is still there"
    );
    // The same file again replaces (here: leaves) its own article; --id-from path keeps both.
    assert!(load(&["a/article.txt"]).status.success());
    assert!(load(&["--id-from", "path", "b/article.txt"])
        .status
        .success());
    let o = run(
        &[
            "query",
            "--store",
            "st",
            "--format",
            "csv",
            "SELECT ?id { ?a <http://schema.org/identifier> ?id } ORDER BY ?id",
        ],
        tmp.path(),
    );
    assert_eq!(out(&o), "id\r\narticle\r\nb/article\r\n");
}

#[test]
fn stray_control_characters_are_kept_and_utf16_without_bom_is_read() {
    let tmp = tempfile::tempdir().unwrap();
    let text = "Rubrik här\n\nEn ingress med \u{c} sidbrytning och \u{1b}[1m escape. Mer text.\n\nAndra stycket.\n";
    std::fs::write(tmp.path().join("ctl.txt"), text).unwrap();
    let o = run(&["convert", "ctl.txt"], tmp.path());
    assert!(o.status.success(), "{}", err(&o));
    assert!(
        out(&o).contains("\\f sidbrytning och \\u001b[1m"),
        "{}",
        out(&o)
    );
    let o = run(&["convert", "--format", "nquads", "ctl.txt"], tmp.path());
    assert!(
        out(&o).contains("\\f sidbrytning och \\u001B[1m"),
        "{}",
        out(&o)
    );
    let o = run(&["convert", "--format", "xml", "ctl.txt"], tmp.path());
    assert!(out(&o).contains("<char code=\"001B\"/>"), "{}", out(&o));
    let utf16: Vec<u8> = text
        .replace(['\u{c}', '\u{1b}'], " ")
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    std::fs::write(tmp.path().join("u16.txt"), utf16).unwrap();
    let o = run(&["convert", "u16.txt"], tmp.path());
    assert!(o.status.success(), "{}", err(&o));
    assert!(
        out(&o).contains("\"headline\": \"Rubrik här\""),
        "{}",
        out(&o)
    );
}

#[test]
fn front_matter_author_publisher_and_license_reach_the_json_ld() {
    let tmp = tempfile::tempdir().unwrap();
    let md = "---\ntitle: Min rubrik\nauthor: {name: Anna Berg, url: https://example.org/anna}\npublisher: {name: Stadsbladet, url: https://example.org/, logo: https://example.org/logo.png}\nlicense: https://creativecommons.org/licenses/by/4.0/\n---\n# Min rubrik\n\nEn ingress här om skolan.\n\n## Del två\n\nBrödtext här.\n";
    std::fs::write(tmp.path().join("a.md"), md).unwrap();
    let o = run(&["convert", "a.md"], tmp.path());
    assert!(o.status.success(), "{}", err(&o));
    let doc: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    assert_eq!(doc["author"]["url"], "https://example.org/anna");
    assert_eq!(doc["publisher"]["url"], "https://example.org/");
    assert_eq!(doc["publisher"]["logo"]["@type"], "ImageObject");
    assert_eq!(
        doc["publisher"]["logo"]["contentUrl"],
        "https://example.org/logo.png"
    );
    assert_eq!(
        doc["license"]["@id"],
        "https://creativecommons.org/licenses/by/4.0/"
    );
    // The heading that repeats the title is neither a section nor in the body twice.
    assert_eq!(doc["description"], "En ingress här om skolan.");
    let body = doc["articleBody"].as_str().unwrap();
    assert!(!body.contains("Min rubrik"), "{body}");
    // The archive keeps them, and import gives the same JSON-LD back.
    assert!(run(&["archive", "--out", "a.xml", "a.md"], tmp.path())
        .status
        .success());
    let back = run(&["import", "a.xml"], tmp.path());
    assert_eq!(out(&back), out(&o));
}
