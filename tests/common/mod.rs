//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

pub mod http;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The sample articles in text shapes (`samples/*.txt|md`), sorted.
pub fn samples() -> Vec<PathBuf> {
    sample_files(|p| !is_web(p))
}

/// The web samples (`samples/*.html|warc`), sorted: a WARC file holds several articles.
pub fn web_samples() -> Vec<PathBuf> {
    sample_files(is_web)
}

fn is_web(path: &Path) -> bool {
    newsgraph::warc::is_warc(path) || path.extension().is_some_and(|e| e == "html")
}

fn sample_files(keep: impl Fn(&Path) -> bool) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("samples"))
        .expect("samples/ exists")
        .map(|e| e.expect("readable").path())
        .filter(|p| newsgraph::batch::is_article_file(p) && keep(p))
        .collect();
    files.sort();
    files
}

/// The seed interview beside the repository (CI has `../shared`), if present.
pub fn seed() -> Option<PathBuf> {
    let p = root().join("../shared/seed/interview-stadsbyggnadsdirektor-sv.txt");
    p.is_file().then_some(p)
}

/// The sample articles and, when present, the seed.
pub fn inputs() -> Vec<PathBuf> {
    let mut v = samples();
    v.extend(seed());
    v
}

/// Compares `actual` with the golden file; `NEWSGRAPH_BLESS=1` rewrites it instead.
/// Returns a description of the mismatch, if any.
pub fn check_golden(path: &Path, actual: &str) -> Option<String> {
    if std::env::var_os("NEWSGRAPH_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, actual).unwrap();
        return None;
    }
    match std::fs::read_to_string(path) {
        Ok(expected) if expected == actual => None,
        Ok(expected) => {
            let line = expected
                .lines()
                .zip(actual.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(expected.lines().count().min(actual.lines().count()));
            Some(format!(
                "{}: differs from line {}",
                path.display(),
                line + 1
            ))
        }
        Err(_) => Some(format!(
            "{}: missing (run with NEWSGRAPH_BLESS=1)",
            path.display()
        )),
    }
}

/// Path of the built binary.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_newsgraph"))
}

/// The binary with `args`, run in `dir`, with the environment variables that would change its defaults
/// removed (so a developer's own settings never change a test's outcome).
pub fn command(args: &[&str], dir: &Path) -> std::process::Command {
    let mut c = std::process::Command::new(bin());
    c.args(args)
        .current_dir(dir)
        .env_remove("NEWSGRAPH_BASE")
        .env_remove("NEWSGRAPH_STORE");
    c
}

/// [`command`], run to its end.
pub fn run(args: &[&str], dir: &Path) -> std::process::Output {
    command(args, dir).output().expect("binary runs")
}

/// A finished command's stderr as text.
pub fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
