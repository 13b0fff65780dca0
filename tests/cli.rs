//! The command line as users and outside checks run it: contracts, exit codes and one-line errors.

mod common;

use std::path::Path;
use std::process::{Command, Output};

fn run(args: &[&str], dir: &Path) -> Output {
    Command::new(common::bin())
        .args(args)
        .current_dir(dir)
        .env_remove("NEWSGRAPH_BASE")
        .env_remove("NEWSGRAPH_STORE")
        .output()
        .expect("binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn one_file_goes_to_stdout_and_matches_the_golden_file() {
    let sample = &common::samples()[0];
    let stem = sample.file_stem().unwrap().to_string_lossy().into_owned();
    let out = run(
        &["convert", "--format", "nquads", sample.to_str().unwrap()],
        &common::root(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let golden =
        std::fs::read_to_string(common::root().join(format!("samples/golden/{stem}.nq"))).unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), golden);
}

#[test]
fn out_dir_gets_one_file_per_article_and_bad_files_do_not_stop_the_batch() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir_all(input.join("sub")).unwrap();
    std::fs::write(
        input.join("good.txt"),
        "Rubrik här\n\nEn ingress som säger något. Och mer.\n",
    )
    .unwrap();
    std::fs::write(
        input.join("sub/other.md"),
        "# Title\n\nA lead paragraph here.\n",
    )
    .unwrap();
    std::fs::write(input.join("empty.txt"), "").unwrap();
    std::fs::write(input.join("binary.txt"), b"\x00\x01\x02garbage").unwrap();
    std::fs::write(input.join("unterminated.txt"), "---\nid: x\n\nText\n").unwrap();
    std::fs::write(
        input.join("baddate.txt"),
        "---\nid: y\ndate: 2023-02-30\n---\nText här.\n",
    )
    .unwrap();
    std::fs::write(
        input.join("dup.txt"),
        "---\nid: good\n---\nRubrik\n\nText här. Mer.\n",
    )
    .unwrap();
    let out_dir = tmp.path().join("out");
    let out = run(
        &[
            "convert",
            "--out",
            out_dir.to_str().unwrap(),
            input.to_str().unwrap(),
        ],
        tmp.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let error_lines: Vec<&str> = err.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(error_lines.len(), 5, "{err}");
    for (file, words) in [
        ("empty.txt", "empty file"),
        ("binary.txt", "binary file"),
        ("unterminated.txt:1", "unterminated"),
        ("baddate.txt:3", "invalid date"),
        ("good.txt", "duplicate article id"),
    ] {
        assert!(
            error_lines
                .iter()
                .any(|l| l.contains(file) && l.contains(words)),
            "no error naming {file} with {words:?} in:\n{err}"
        );
    }
    assert!(
        err.lines()
            .last()
            .unwrap()
            .contains("2 converted, 5 failed"),
        "{err}"
    );
    let mut written: Vec<String> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(written, ["good.jsonld", "other.jsonld"]);
}

#[test]
fn unsafe_ids_make_safe_file_names() {
    let tmp = tempfile::tempdir().unwrap();
    let f = tmp.path().join("a.txt");
    std::fs::write(
        &f,
        "---\nid: ../../etc/passwd\n---\nRubrik\n\nText här. Mer.\n",
    )
    .unwrap();
    let g = tmp.path().join("b.txt");
    std::fs::write(&g, "---\nid: CON\n---\nRubrik\n\nText här. Mer.\n").unwrap();
    let out_dir = tmp.path().join("out");
    let out = run(&["convert", "--out", "out", "a.txt", "b.txt"], tmp.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let mut written: Vec<String> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(written, ["con-x.jsonld", "etc-passwd.jsonld"]);
}

/// Several inputs without --out give one JSON array (issue 22; they were refused before), each document
/// the one that converting its file alone gives.
#[test]
fn several_inputs_without_out_give_a_json_array_of_the_golden_documents() {
    let s = common::samples();
    let out = run(
        &["convert", s[0].to_str().unwrap(), s[1].to_str().unwrap()],
        &common::root(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let docs: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for (doc, sample) in docs.as_array().unwrap().iter().zip(&s[..2]) {
        let stem = sample.file_stem().unwrap().to_string_lossy().into_owned();
        let golden =
            std::fs::read_to_string(common::root().join(format!("samples/golden/{stem}.jsonld")))
                .unwrap();
        assert_eq!(
            doc,
            &serde_json::from_str::<serde_json::Value>(&golden).unwrap()
        );
    }
}

#[test]
fn missing_file_and_bad_base_are_one_line_errors() {
    let out = run(&["convert", "nope.txt"], &common::root());
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out).lines().count(), 1);
    assert!(stderr(&out).contains("nope.txt: cannot read"));
    let s = &common::samples()[0];
    let out = run(
        &["convert", "--base", "not-an-iri", s.to_str().unwrap()],
        &common::root(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("base IRI"));
}

#[test]
fn base_comes_from_flag_or_config_file() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("a.txt"), "Rubrik\n\nText här. Mer.\n").unwrap();
    std::fs::write(
        tmp.path().join("newsgraph.toml"),
        "base = \"https://data.example.org/news/\"\n",
    )
    .unwrap();
    let out = run(&["convert", "--format", "nquads", "a.txt"], tmp.path());
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("<https://data.example.org/news/article/a>")
    );
    let out = run(
        &["convert", "--format", "nquads", "--base", "urn:x:", "a.txt"],
        tmp.path(),
    );
    assert_eq!(out.status.code(), Some(2), "a base must end with / or #");
    let out = run(
        &[
            "convert",
            "--format",
            "nquads",
            "--base",
            "http://o.example/#",
            "a.txt",
        ],
        tmp.path(),
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("<http://o.example/#article/a>"));
}

/// The config file holds conversion settings: a broken one stops the commands that convert (before any
/// file is read) and leaves those that only read the store or print the schema alone.
#[test]
fn a_broken_config_stops_conversion_but_not_schema_or_query() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("a.txt"), "Rubrik\n\nText här. Mer.\n").unwrap();
    std::fs::write(tmp.path().join("newsgraph.toml"), "base = [\n").unwrap();
    for args in [
        &["convert", "a.txt"][..],
        &["convert", "--out", "out", "a.txt"],
        &["archive", "--out", "a.xml", "a.txt"],
        &["load", "--store", "st", "a.txt"],
    ] {
        let out = run(args, tmp.path());
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.contains("newsgraph.toml"), "{args:?}: {err}");
    }
    for made in ["out", "a.xml", "st"] {
        assert!(!tmp.path().join(made).exists(), "{made}");
    }
    assert!(run(&["schema"], tmp.path()).status.success());
    let out = run(
        &["query", "--store", "st", "--preset", "people"],
        tmp.path(),
    );
    assert!(!stderr(&out).contains("newsgraph.toml"), "{}", stderr(&out));
}

#[test]
fn schema_file_is_up_to_date() {
    let out = run(&["schema"], &common::root());
    let committed = std::fs::read_to_string(common::root().join("schemas/article.schema.json"))
        .unwrap_or_default();
    assert!(
        String::from_utf8(out.stdout).unwrap() == committed,
        "schemas/article.schema.json is stale: run `newsgraph schema > schemas/article.schema.json`"
    );
}

#[test]
fn every_command_has_help() {
    for cmd in ["convert", "schema"] {
        let out = run(&[cmd, "--help"], &common::root());
        assert!(out.status.success());
        assert!(String::from_utf8_lossy(&out.stdout).contains("Usage"));
    }
}

#[test]
fn size_limit_undecodable_bytes_links_and_unwritable_output() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("in");
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(d.join("big.txt"), "Rubrik\n\nText här. ".repeat(200)).unwrap();
    std::fs::write(
        d.join("broken.txt"),
        b"G\xc3\xb6teborg\nrad tv\xc3\xa5\nrad \xc3( tre\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(&d, d.join("loop")).unwrap();
    std::os::unix::fs::symlink(d.join("missing.txt"), d.join("dangling.txt")).unwrap();
    let out = run(
        &["convert", "--max-size", "1000", "--out", "out", "in"],
        tmp.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("big.txt: file is") && err.contains("1000-byte limit"),
        "{err}"
    );
    assert!(
        err.contains("broken.txt:3: undecodable bytes for UTF-8"),
        "{err}"
    );
    assert!(
        err.contains("loop") && err.contains("symbolic link loop"),
        "{err}"
    );
    assert!(err.contains("dangling.txt: cannot read"), "{err}");
    std::fs::write(tmp.path().join("afile"), "x").unwrap();
    std::fs::write(tmp.path().join("ok.txt"), "Rubrik\n\nText här. Mer.\n").unwrap();
    let out = run(&["convert", "--out", "afile/sub", "ok.txt"], tmp.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("afile/sub: cannot write"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_killed_batch_leaves_only_complete_files() {
    let tmp = tempfile::tempdir().unwrap();
    newsgraph::synth::write_corpus(&tmp.path().join("in"), 4000).unwrap();
    let mut child = Command::new(common::bin())
        .args(["convert", "--quiet", "--out", "out", "in"])
        .current_dir(tmp.path())
        .spawn()
        .unwrap();
    let out_dir = tmp.path().join("out");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let outputs = |dir: &Path| {
        std::fs::read_dir(dir).map_or(0, |d| {
            d.filter(|e| {
                !e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .starts_with('.')
            })
            .count()
        })
    };
    while outputs(&out_dir) < 50 && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let mut complete = 0;
    for entry in std::fs::read_dir(&out_dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with(".newsgraph-") {
            continue; // an unfinished temporary file, never an output
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let json: serde_json::Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name} is half written: {e}"));
        assert_eq!(json["@type"], "NewsArticle");
        complete += 1;
    }
    assert!(complete >= 50, "only {complete} outputs before the kill");
}

#[test]
fn a_low_open_file_limit_does_not_fail_a_batch() {
    // Two chunks of staged outputs (512 each) would need more descriptors than this limit allows if they
    // were kept open until their rename.
    use std::os::unix::process::CommandExt;
    let tmp = tempfile::tempdir().unwrap();
    newsgraph::synth::write_corpus(&tmp.path().join("in"), 1200).unwrap();
    let mut cmd = Command::new(common::bin());
    cmd.args(["convert", "--out", "out", "in"])
        .current_dir(tmp.path());
    // SAFETY: setrlimit is async-signal-safe and only changes the child's own limit.
    unsafe {
        cmd.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: 128,
                rlim_max: 128,
            };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &limit) == 0 {
                Ok(())
            } else {
                Err(std::io::Error::last_os_error())
            }
        });
    }
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("1200 converted, 0 failed"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_dir(tmp.path().join("out")).unwrap().count(),
        1200
    );
}
