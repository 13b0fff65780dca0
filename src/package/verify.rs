//! `package verify`: reads a package back. Every file METS lists must be there with its size and
//! SHA-256, no file may be there that METS does not list, and converting the originals of rep1 again
//! (with the settings the package records) must give exactly the JSON-LD and N-Quads of rep2.
//!
//! Each problem is one error naming the file; the caller counts them for its exit code.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};

use quick_xml::events::{BytesStart, Event};

use super::mets::path_of_href;
use super::{Settings, REP1, REP2, SETTINGS};
use crate::article::{IdFrom, Options};
use crate::error::{Error, Result};
use crate::model::Article;

/// A file METS lists: where, how big, its checksum, and the file group it is in (`None` for metadata).
#[derive(Debug, Clone)]
struct Listed {
    path: String,
    size: Option<u64>,
    sha256: Option<String>,
    group: Option<String>,
}

/// What a verification found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    /// Files whose size and checksum were checked.
    pub files: usize,
    /// Articles converted again and compared.
    pub articles: usize,
    /// Problems found (each also given to the callback).
    pub problems: usize,
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} files checked, {} articles rebuilt, {} problem{}",
            self.files,
            self.articles,
            self.problems,
            if self.problems == 1 { "" } else { "s" }
        )
    }
}

/// Verifies the package in `dir`. `gazetteers` are the extra gazetteer files it was made with.
/// `Err` only when the package cannot be read at all (no METS.xml, a METS.xml that does not parse).
pub fn verify(
    dir: &Path,
    gazetteers: &[PathBuf],
    problem: &mut dyn FnMut(&Error),
) -> Result<Report> {
    let listed = read_mets(&dir.join("METS.xml"))?;
    let mut report = Report::default();
    let mut say = |e: Error, report: &mut Report| {
        report.problems += 1;
        problem(&e);
    };
    let problem_at = |rel: &str, message: String| Error::Package {
        path: dir.join(rel),
        message,
    };
    let mut known = HashSet::new();
    for l in &listed {
        known.insert(l.path.clone());
        report.files += 1;
        if let Err(message) = check_file(dir, l) {
            say(problem_at(&l.path, message), &mut report);
        }
    }
    for rel in unlisted(dir, &known) {
        say(
            problem_at(&rel, "in the package but not listed in METS.xml".to_owned()),
            &mut report,
        );
    }
    let opts = match settings(dir, gazetteers) {
        Ok(o) => o,
        Err(e) => {
            say(e, &mut report);
            return Ok(report);
        }
    };
    rebuild(dir, &listed, &opts, &mut report, &mut |e, r| say(e, r));
    Ok(report)
}

/// Checks one listed file: a safe path, present, its size and SHA-256 as listed.
fn check_file(dir: &Path, l: &Listed) -> std::result::Result<(), String> {
    if !safe(&l.path) {
        return Err("METS.xml points outside the package".to_owned());
    }
    let path = dir.join(&l.path);
    let mut file = match std::fs::File::open(&path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err("missing (listed in METS.xml)".to_owned())
        }
        Err(e) => return Err(format!("cannot read: {e}")),
    };
    let mut w = super::xml::Hashing::new(std::io::sink());
    std::io::copy(&mut file, &mut w).map_err(|e| format!("cannot read: {e}"))?;
    let (_, size, sha256) = w.finish();
    if let Some(listed) = &l.sha256 {
        if !listed.eq_ignore_ascii_case(&sha256) {
            return Err(format!(
                "checksum mismatch: METS.xml lists SHA-256 {listed}, the file has {sha256}"
            ));
        }
    }
    if let Some(listed) = l.size {
        if listed != size {
            return Err(format!(
                "size mismatch: METS.xml lists {listed} bytes, the file has {size}"
            ));
        }
    }
    Ok(())
}

/// A relative path with no `..`, root or empty part.
fn safe(rel: &str) -> bool {
    !rel.is_empty()
        && !rel.starts_with('/')
        && rel
            .split('/')
            .all(|p| !p.is_empty() && p != ".." && p != ".")
}

/// Files in the package that METS does not list (METS.xml itself aside).
fn unlisted(dir: &Path, known: &HashSet<String>) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(dir).ok()?;
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            (rel != "METS.xml" && !known.contains(&rel)).then_some(rel)
        })
        .collect()
}

/// Every file METS.xml references (`mets:file` with its `FLocat`, `mets:mdRef`), in document order.
fn read_mets(path: &Path) -> Result<Vec<Listed>> {
    let xml_err = |line: usize, message: String| Error::Xml {
        path: path.to_owned(),
        line,
        message,
    };
    let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
        path: path.to_owned(),
        source,
    })?;
    let mut reader = quick_xml::Reader::from_str(&text);
    let mut listed = Vec::new();
    let mut group: Option<String> = None;
    let mut pending: Option<Listed> = None;
    loop {
        let pos = reader.buffer_position() as usize;
        let line = || 1 + text[..pos.min(text.len())].matches('\n').count();
        let event = reader
            .read_event()
            .map_err(|e| xml_err(line(), e.to_string()))?;
        match event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"fileGrp" => group = attr(&e, b"USE"),
                b"file" => pending = Some(listing(&e, group.clone())),
                b"FLocat" => {
                    if let Some(mut l) = pending.take() {
                        l.path = href_path(&e).ok_or_else(|| {
                            xml_err(line(), "a FLocat without a usable xlink:href".to_owned())
                        })?;
                        listed.push(l);
                    }
                }
                b"mdRef" => {
                    let mut l = listing(&e, None);
                    l.path = href_path(&e).ok_or_else(|| {
                        xml_err(line(), "an mdRef without a usable xlink:href".to_owned())
                    })?;
                    listed.push(l);
                }
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == b"fileGrp" => group = None,
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(listed)
}

fn attr(e: &BytesStart, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

fn href_path(e: &BytesStart) -> Option<String> {
    path_of_href(&attr(e, b"xlink:href")?)
}

fn listing(e: &BytesStart, group: Option<String>) -> Listed {
    let sha256 = match attr(e, b"CHECKSUMTYPE").as_deref() {
        Some("SHA-256") => attr(e, b"CHECKSUM"),
        _ => None,
    };
    Listed {
        path: String::new(),
        size: attr(e, b"SIZE").and_then(|s| s.parse().ok()),
        sha256,
        group,
    }
}

/// The conversion options recorded in the package, with the gazetteers given again.
fn settings(dir: &Path, gazetteers: &[PathBuf]) -> Result<Options> {
    let path = dir.join(SETTINGS);
    let bad = |message: String| Error::Package {
        path: path.clone(),
        message,
    };
    let text = std::fs::read_to_string(&path).map_err(|e| bad(format!("cannot read: {e}")))?;
    let s: Settings = toml::from_str(&text).map_err(|e| bad(e.message().to_owned()))?;
    let mut gazetteer = crate::entities::Gazetteer::builtin();
    for g in gazetteers {
        gazetteer.add_file(g)?;
    }
    Ok(Options {
        base: crate::ids::Base::new(&s.base)?,
        max_size: s.max_size,
        gazetteer: std::sync::Arc::new(gazetteer),
        id_from: if s.id_from == "path" {
            IdFrom::Path
        } else {
            IdFrom::Stem
        },
        stdin_id: None,
        url_schemes: s.url_schemes,
    })
}

/// Converts rep1's originals again, in package order (ids, duplicates and output names as when it was
/// made), and compares each article's JSON-LD and N-Quads with rep2's files.
fn rebuild(
    dir: &Path,
    listed: &[Listed],
    opts: &Options,
    report: &mut Report,
    say: &mut dyn FnMut(Error, &mut Report),
) {
    let rep2: Vec<&Listed> = listed
        .iter()
        .filter(|l| l.group.as_deref() == Some("Representations/rep2"))
        .collect();
    let mut unmatched: HashMap<&str, ()> = rep2.iter().map(|l| (l.path.as_str(), ())).collect();
    let mut names = HashSet::new();
    let mut iris = HashSet::new();
    let prefix = format!("{REP1}/");
    for l in listed
        .iter()
        .filter(|l| l.group.as_deref() == Some("Representations/rep1"))
    {
        let Some(name) = l.path.strip_prefix(&prefix) else {
            continue;
        };
        let real = dir.join(&l.path);
        for article in articles(&real, Path::new(name), opts) {
            if !iris.insert(article.iri.clone()) {
                continue;
            }
            report.articles += 1;
            let slug = crate::ids::slug(&article.id);
            let mut stem = slug.clone();
            let mut n = 1;
            while !names.insert(stem.clone()) {
                n += 1;
                stem = format!("{slug}-{n}");
            }
            for format in [crate::emit::Format::Jsonld, crate::emit::Format::Nquads] {
                let rel = format!("{REP2}/{stem}.{}", format.extension());
                unmatched.remove(rel.as_str());
                let expected = crate::emit::render(&article, format, false);
                let found = std::fs::read(dir.join(&rel));
                let message = match found {
                    Ok(bytes) if bytes == expected.as_bytes() => continue,
                    Ok(_) => format!("differs from what {} converts to", l.path),
                    Err(_) => format!("missing: {} converts to it", l.path),
                };
                say(
                    Error::Package {
                        path: dir.join(&rel),
                        message,
                    },
                    report,
                );
            }
        }
    }
    let mut left: Vec<&str> = unmatched.into_keys().collect();
    left.sort_unstable();
    for rel in left {
        say(
            Error::Package {
                path: dir.join(rel),
                message: "not rebuilt from any original of representations/rep1".to_owned(),
            },
            report,
        );
    }
}

/// The articles an original converts to (none when it fails: its failure is recorded in PREMIS, and a
/// derived file it no longer gives is reported as not rebuilt). `name` is its path as packaged, which
/// gives the ids it was converted with.
fn articles(real: &Path, name: &Path, opts: &Options) -> Vec<Article> {
    if crate::warc::is_warc(name) {
        let Ok(reader) = crate::warc::open(real, opts.max_size) else {
            return Vec::new();
        };
        return reader
            .filter_map(|item| match item {
                Ok(crate::warc::Item::Page(page)) => {
                    crate::article::from_warc_page(name, &page, opts).ok()
                }
                _ => None,
            })
            .collect();
    }
    let mut bytes = Vec::new();
    let read = std::fs::File::open(real).and_then(|mut f| f.read_to_end(&mut bytes));
    if read.is_err() || bytes.len() as u64 > opts.max_size {
        return Vec::new();
    }
    crate::article::from_bytes(name, &bytes, opts)
        .ok()
        .into_iter()
        .collect()
}
