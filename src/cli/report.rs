//! What the commands say on stderr: errors, warnings and notes as one line each, in text (`error: ...`)
//! or, with `--json-errors`, as JSON lines that scripts read without parsing prose; and with `--verbose`
//! what was read, which rules fired and how long steps took.
//!
//! The choice is made once per process from the command line, so every command and every batch callback
//! reports the same way without passing a flag around.

use std::borrow::Cow;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::error::{needs_escape, Shown};

static JSON: AtomicBool = AtomicBool::new(false);
static VERBOSE: AtomicBool = AtomicBool::new(false);

/// Sets how this process reports (from `--json-errors` and `--verbose`).
pub fn configure(json: bool, verbose: bool) {
    JSON.store(json, Ordering::Relaxed);
    VERBOSE.store(verbose, Ordering::Relaxed);
}

/// Whether `--verbose` was given.
pub fn verbose() -> bool {
    VERBOSE.load(Ordering::Relaxed)
}

/// An error of the library: its one line, with the file it names in JSON.
pub fn error(e: &crate::Error) {
    line("error", e.path(), &e.to_string());
}

/// An error told in words (a usage problem, a message with context added).
pub fn error_text(message: impl AsRef<str>) {
    line("error", None, message.as_ref());
}

/// A warning about one file (the input is still converted).
pub fn warning(file: &Path, message: impl std::fmt::Display) {
    line(
        "warning",
        Some(file),
        &format!("{}: {message}", Shown(file)),
    );
}

/// A note (records skipped, the preset's row limit, a store brought up to date).
pub fn note(message: impl AsRef<str>) {
    line("note", None, message.as_ref());
}

/// A status line (a batch's summary, a load's progress, where a server listens): as it is in text, a
/// JSON line of level `status` with `--json-errors`, so that every stderr line of a script's run parses.
pub fn status(message: impl AsRef<str>) {
    use std::io::Write;
    let text = if JSON.load(Ordering::Relaxed) {
        json_line("status", None, message.as_ref())
    } else {
        format!("{}\n", one_line(message.as_ref()))
    };
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// A `--verbose` line (nothing without the flag).
pub fn detail(message: impl AsRef<str>) {
    if verbose() {
        line("verbose", None, message.as_ref());
    }
}

/// A `--verbose` account of one converted article: what was read and which rules fired.
pub fn article(path: &Path, a: &crate::model::Article) {
    if let Some(text) = describe(path, a) {
        line("verbose", Some(path), &text);
    }
}

/// With `--verbose`, [`article`]'s line, to be said later (`None` without the flag).
pub fn describe(path: &Path, a: &crate::model::Article) -> Option<String> {
    verbose().then(|| account(path, a))
}

/// `a.txt: read 4242 bytes (UTF-8, Text, Lf) → id "a"; headline by Kicker; language sv (Detected); ...`.
fn account(path: &Path, a: &crate::model::Article) -> String {
    use crate::model::EntityKind;
    let s = &a.source;
    let kinds = [
        (EntityKind::Person, "people"),
        (EntityKind::Place, "places"),
        (EntityKind::Organization, "organizations"),
        (EntityKind::Initiative, "initiatives"),
    ];
    let entities: Vec<String> = kinds
        .iter()
        .map(|(k, name)| {
            let n = a.entities.iter().filter(|e| e.kind == *k).count();
            format!("{n} {name}")
        })
        .collect();
    let speakers = a.quotes.iter().filter(|q| q.speaker.is_some()).count();
    format!(
        "{}: read {} bytes ({}{}, {:?}, line ends {:?}) → id {:?}; headline by rule {:?}; language {} ({:?}); \
         caption {}; {} sections, {} related; {} quotes ({speakers} with a speaker); {}",
        Shown(path),
        s.size,
        s.encoding,
        if s.bom { " with BOM" } else { "" },
        s.format,
        s.line_ends,
        a.id,
        a.headline_rule,
        a.language,
        a.language_origin,
        if a.caption.is_some() { "found" } else { "none" },
        a.sections.len(),
        a.related.len(),
        a.quotes.len(),
        entities.join(", "),
    )
}

/// Writes one report line to stderr. Errors writing to stderr are ignored: there is nowhere left to say them.
fn line(level: &str, file: Option<&Path>, message: &str) {
    use std::io::Write;
    let text = if JSON.load(Ordering::Relaxed) {
        json_line(level, file, message)
    } else {
        format!("{level}: {}\n", one_line(message))
    };
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// The message with any control character left in it (a name quoted from an input, an error text of
/// the system) escaped, so that each report is exactly one line and sends nothing to the terminal.
fn one_line(message: &str) -> Cow<'_, str> {
    if !message.chars().any(needs_escape) {
        return Cow::Borrowed(message);
    }
    let mut out = String::with_capacity(message.len() + 8);
    for c in message.chars() {
        if needs_escape(c) {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `{"level":"error","file":"a.txt","message":"a.txt: empty file"}` and a line end.
fn json_line(level: &str, file: Option<&Path>, message: &str) -> String {
    let mut object = serde_json::Map::new();
    object.insert("level".into(), level.into());
    if let Some(f) = file {
        object.insert("file".into(), f.to_string_lossy().into_owned().into());
    }
    object.insert("message".into(), message.into());
    let mut text = serde_json::Value::Object(object).to_string();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_json_line_is_one_object_with_the_file() {
        let line = json_line(
            "error",
            Some(Path::new("a \"b\".txt")),
            "a \"b\".txt: empty file",
        );
        assert!(line.ends_with('\n') && line.matches('\n').count() == 1);
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["level"], "error");
        assert_eq!(v["file"], "a \"b\".txt");
        assert_eq!(v["message"], "a \"b\".txt: empty file");
    }

    #[test]
    fn a_text_line_escapes_what_a_terminal_would_act_on() {
        assert_eq!(one_line("a.txt: empty file"), "a.txt: empty file");
        assert_eq!(
            one_line("x\ny\u{1b}[31m\u{202e}z"),
            "x\\ny\\u{1b}[31m\\u{202e}z"
        );
        let name = Path::new("a\nb\u{1b}]0;owned\u{7}.txt");
        assert_eq!(
            Shown(name).to_string(),
            "\"a\\nb\\u{1b}]0;owned\\u{7}.txt\""
        );
        assert_eq!(
            Shown(Path::new("vanlig fil.txt")).to_string(),
            "vanlig fil.txt"
        );
    }
}
