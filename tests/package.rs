//! `newsgraph package`: an E-ARK information package of the samples (originals byte for byte, derived
//! files equal to `convert`, METS checksums, PREMIS events including failures), `package verify` on a
//! good package, a tampered original, a deleted file and an unlisted file, and (when xmllint is
//! installed) METS.xml and the PREMIS file against the schemas shipped in `schemas/`.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(args: &[&str], dir: &Path) -> Output {
    Command::new(common::bin())
        .args(args)
        .current_dir(dir)
        .env_remove("NEWSGRAPH_BASE")
        .output()
        .expect("binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The samples folder packaged into `dir/pkg` (run from the repository root, so originals keep the
/// path `samples/...`).
fn package_samples(dir: &Path, extra: &[&str]) -> (PathBuf, Output) {
    let pkg = dir.join("pkg");
    let mut args = vec![
        "package",
        "--out",
        pkg.to_str().unwrap(),
        "--submitter",
        "Exempelstad kommun",
        "--creator",
        "Kommunikationsavdelningen",
        "--record-id",
        "KS-2024-17",
        "--rights",
        "CC BY 4.0",
        "--private-persons",
    ];
    args.extend_from_slice(extra);
    args.push("samples");
    let out = run(&args, &common::root());
    (pkg, out)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn a_package_holds_the_originals_and_what_convert_makes_of_them() {
    let dir = tempfile::tempdir().unwrap();
    let (pkg, out) = package_samples(dir.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("converted, 0 failed"),
        "{}",
        stderr(&out)
    );
    // Originals byte for byte.
    for f in common::samples().iter().chain(&common::web_samples()) {
        let name = f.file_name().unwrap();
        let copy = pkg.join("representations/rep1/data/samples").join(name);
        assert_eq!(
            std::fs::read(f).unwrap(),
            std::fs::read(&copy).unwrap(),
            "{}",
            copy.display()
        );
    }
    // Derived files equal convert's output.
    let sample = &common::samples()[0];
    let stem = sample.file_stem().unwrap().to_str().unwrap();
    for (format, ext) in [("jsonld", "jsonld"), ("nquads", "nq")] {
        let direct = run(
            &["convert", "--format", format, sample.to_str().unwrap()],
            &common::root(),
        );
        let packaged = std::fs::read(pkg.join(format!("representations/rep2/data/{stem}.{ext}")));
        assert_eq!(packaged.unwrap(), direct.stdout, "{stem}.{ext}");
    }
    let mets = read(&pkg.join("METS.xml"));
    for needle in [
        "PROFILE=\"https://earksip.dilcis.eu/profile/E-ARK-SIP.xml\"",
        "csip:OAISPACKAGETYPE=\"SIP\"",
        "<mets:name>Exempelstad kommun</mets:name>",
        "ROLE=\"ARCHIVIST\"",
        "<mets:altRecordID TYPE=\"REFERENCECODE\">KS-2024-17</mets:altRecordID>",
        "USE=\"Representations/rep1\"",
        "xlink:href=\"metadata/preservation/premis.xml\"",
    ] {
        assert!(mets.contains(needle), "METS.xml lacks {needle}");
    }
    // Every file but METS.xml is listed with its SHA-256.
    let files = walk(&pkg);
    assert!(files.len() > 20);
    for rel in files.iter().filter(|r| *r != "METS.xml") {
        assert!(
            mets.contains(&format!("xlink:href=\"{rel}\"")),
            "{rel} not in METS.xml"
        );
    }
    let premis = read(&pkg.join("metadata/preservation/premis.xml"));
    for needle in [
        "<premis:formatRegistryKey>x-fmt/111</premis:formatRegistryKey>",
        "<premis:formatRegistryKey>fmt/289</premis:formatRegistryKey>",
        "<premis:eventType>migration</premis:eventType>",
        "<premis:agentVersion>",
        "<premis:otherRightsNote>CC BY 4.0</premis:otherRightsNote>",
        "<premis:otherRightsBasis>personal data</premis:otherRightsBasis>",
    ] {
        assert!(premis.contains(needle), "premis.xml lacks {needle}");
    }
    assert!(!premis.contains("<premis:eventOutcome>failure"));
    let verify = run(
        &["package", "verify", pkg.to_str().unwrap()],
        &common::root(),
    );
    assert!(verify.status.success(), "{}", stderr(&verify));
    assert!(
        stderr(&verify).contains(", 0 problems"),
        "{}",
        stderr(&verify)
    );
}

/// Package-relative paths of every file, `/`-separated.
fn walk(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(root).unwrap();
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn verify_names_a_tampered_original_a_deleted_file_and_an_unlisted_one() {
    let dir = tempfile::tempdir().unwrap();
    let (pkg, out) = package_samples(dir.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let original = pkg.join("representations/rep1/data/samples/sv-intervju-kultur.txt");
    let mut bytes = std::fs::read(&original).unwrap();
    let i = bytes.len() / 2;
    bytes[i] ^= 0x01;
    std::fs::write(&original, bytes).unwrap();
    let deleted = pkg.join("representations/rep2/data/en-council-housing.nq");
    std::fs::remove_file(&deleted).unwrap();
    std::fs::write(pkg.join("representations/rep2/data/extra.txt"), "x").unwrap();
    let verify = run(
        &["package", "verify", pkg.to_str().unwrap()],
        &common::root(),
    );
    let err = stderr(&verify);
    assert_eq!(verify.status.code(), Some(1), "{err}");
    let line = |needle: &str| err.lines().find(|l| l.contains(needle)).map(str::to_owned);
    let tampered = line("rep1/data/samples/sv-intervju-kultur.txt: checksum mismatch");
    assert!(tampered.is_some(), "{err}");
    assert!(line("en-council-housing.nq: missing").is_some(), "{err}");
    assert!(
        line("extra.txt: in the package but not listed").is_some(),
        "{err}"
    );
    // The tampered original no longer converts to what rep2 holds (or to nothing at all).
    assert!(line("sv-intervju-kultur.jsonld").is_some(), "{err}");
    assert!(err.lines().all(|l| !l.is_empty() && !l.contains('\t')));
}

#[test]
fn failed_inputs_are_recorded_as_failed_events_and_in_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    good_and_empty_inputs(dir.path());
    let pkg = dir.path().join("pkg");
    let out = run(
        &["package", "--out", pkg.to_str().unwrap(), "in"],
        dir.path(),
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("1 converted, 1 failed"), "{err}");
    assert!(err.contains("in/empty.txt: empty file"), "{err}");
    let premis = read(&pkg.join("metadata/preservation/premis.xml"));
    assert!(premis.contains("<premis:eventOutcome>failure</premis:eventOutcome>"));
    assert!(premis.contains("in/empty.txt: empty file"), "{premis}");
    // The failed original is delivered too, and verify agrees that it converts to nothing.
    assert!(pkg.join("representations/rep1/data/in/empty.txt").is_file());
    let verify = run(&["package", "verify", "pkg"], dir.path());
    assert!(verify.status.success(), "{}", stderr(&verify));
}

#[test]
fn a_package_is_never_written_over_an_existing_folder_and_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let pkg = dir.path().join("pkg");
    std::fs::create_dir(&pkg).unwrap();
    let (_, out) = package_samples(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "a temporary folder was left behind");
}

#[test]
fn ids_from_paths_survive_the_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let (pkg, out) = package_samples(dir.path(), &["--id-from", "path"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(pkg
        .join("representations/rep2/data/samples-sv-intervju-kultur.jsonld")
        .is_file());
    let verify = run(
        &["package", "verify", pkg.to_str().unwrap()],
        &common::root(),
    );
    assert!(verify.status.success(), "{}", stderr(&verify));
}

/// Whether `tool` runs (`tool probe`); under CI (env `CI` set and not "false") its absence fails the test
/// instead of skipping it, so the checks that need it cannot silently stop running there.
fn have(tool: &str, probe: &str, apt: &str) -> bool {
    if Command::new(tool).arg(probe).output().is_ok() {
        return true;
    }
    if std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false") {
        panic!("CI: {tool} is missing (apt-get install {apt})");
    }
    eprintln!("{tool} not installed: its check skipped");
    false
}

fn have_xmllint() -> bool {
    have("xmllint", "--version", "libxml2-utils")
}

fn xmllint_schema(xsd: &str, doc: &Path) {
    let o = Command::new("xmllint")
        .args(["--noout", "--nonet", "--schema"])
        .arg(common::root().join(xsd))
        .arg(doc)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}: {}", doc.display(), stderr(&o));
}

/// METS.xml against the METS schema and premis.xml against the Library of Congress PREMIS 3.0 schema
/// shipped in `schemas/`, offline, when xmllint is installed: a package of the samples with every header
/// option, and one whose inputs partly failed (its PREMIS holds failed events).
#[test]
fn mets_and_premis_validate_against_the_shipped_schemas() {
    if !have_xmllint() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (pkg, out) = package_samples(dir.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    xmllint_schema(
        "schemas/mets/mets.sip.local.v2-0.xsd",
        &pkg.join("METS.xml"),
    );
    xmllint_schema(
        "schemas/premis/premis.xsd",
        &pkg.join("metadata/preservation/premis.xml"),
    );

    good_and_empty_inputs(dir.path());
    let failed = dir.path().join("failed");
    let out = run(
        &[
            "package",
            "--out",
            failed.to_str().unwrap(),
            "in",
            "in/missing.txt",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let premis = failed.join("metadata/preservation/premis.xml");
    assert_eq!(
        read(&premis)
            .matches("<premis:eventOutcome>failure</premis:eventOutcome>")
            .count(),
        3,
        "two failed conversions and the package creation"
    );
    xmllint_schema("schemas/premis/premis.xsd", &premis);
    xmllint_schema(
        "schemas/mets/mets.sip.local.v2-0.xsd",
        &failed.join("METS.xml"),
    );
}

/// Packages the samples with `--archive KIND`, checks that the file `pkg.KIND` is all that is left, unpacks
/// it with `unpack` (given the file and the folder to unpack into) and verifies the package folder inside.
/// Returns the temporary folder and the file, or `None` when the unpacking tool is not installed (outside
/// CI, see [`have`]).
fn archive_round_trip(
    kind: &str,
    tool: (&str, &str, &str),
    unpack: impl FnOnce(&Path, &Path) -> Command,
) -> Option<(tempfile::TempDir, PathBuf)> {
    let dir = tempfile::tempdir().unwrap();
    let (_, out) = package_samples(dir.path(), &["--archive", kind]);
    assert!(out.status.success(), "{}", stderr(&out));
    let file = dir.path().join(format!("pkg.{kind}"));
    assert!(file.is_file());
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "only the {kind} file is left");
    let (name, probe, apt) = tool;
    if !have(name, probe, apt) {
        return None;
    }
    let x = dir.path().join("x");
    std::fs::create_dir(&x).unwrap();
    let unpacked = unpack(&file, &x).output().unwrap();
    assert!(unpacked.status.success(), "{}", stderr(&unpacked));
    let mets = read(&x.join("pkg/METS.xml"));
    assert!(mets.contains("OBJID=\"pkg\""));
    let verify = run(
        &["package", "verify", x.join("pkg").to_str().unwrap()],
        &common::root(),
    );
    assert!(verify.status.success(), "{}", stderr(&verify));
    Some((dir, file))
}

#[test]
fn archive_tar_delivers_one_file_holding_the_package_folder() {
    archive_round_trip("tar", ("tar", "--version", "tar"), |tar, x| {
        let mut c = Command::new("tar");
        c.arg("-xf").arg(tar).arg("-C").arg(x);
        c
    });
}

#[test]
fn archive_zip_delivers_one_file_holding_the_package_folder() {
    let Some((_dir, zip)) = archive_round_trip("zip", ("unzip", "-v", "unzip"), |zip, x| {
        let mut c = Command::new("unzip");
        c.arg("-q").arg(zip).arg("-d").arg(x);
        c
    }) else {
        return;
    };
    // Every entry carries the same date, so the file does not depend on when the folder was written.
    let listing = Command::new("unzip").arg("-Z").arg(&zip).output().unwrap();
    let listing = String::from_utf8_lossy(&listing.stdout);
    let entries: Vec<&str> = listing.lines().filter(|l| l.contains("pkg/")).collect();
    assert!(entries.iter().any(|l| l.contains("pkg/METS.xml")));
    assert!(entries.iter().all(|l| l.contains("80-Jan-01")), "{listing}");
}

/// Writes `DIR/in/` with one article that converts (`good.txt`) and one that fails (`empty.txt`).
fn good_and_empty_inputs(dir: &Path) {
    let inputs = dir.join("in");
    std::fs::create_dir(&inputs).unwrap();
    std::fs::write(
        inputs.join("good.txt"),
        "Rubrik\n\nEn mening om Göteborg.\n",
    )
    .unwrap();
    std::fs::write(inputs.join("empty.txt"), "").unwrap();
}
