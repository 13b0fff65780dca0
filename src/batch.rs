//! Batch stage: finds input files, converts them in parallel in bounded chunks (so memory stays flat and
//! output order is the input order whatever the thread count), and writes outputs atomically.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::article::{self, Options};
use crate::error::{Error, Result};
use crate::model::Article;

/// File extensions taken from directories (explicitly named files are taken whatever their name).
pub const ARTICLE_EXTENSIONS: [&str; 5] = ["txt", "text", "md", "markdown", "mdown"];

/// Articles converted in parallel before their outputs are written: bounds memory on huge batches.
pub const CHUNK: usize = 512;

/// Expands the command line's files and directories into a sorted, de-duplicated list of files.
/// Directories are read recursively (following links, with loop detection); problems are returned as
/// errors alongside the files that could be listed.
pub fn collect_inputs(args: &[PathBuf]) -> (Vec<PathBuf>, Vec<Error>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for arg in args {
        if !arg.is_dir() {
            files.push(arg.clone());
            continue;
        }
        let mut found = Vec::new();
        for entry in walkdir::WalkDir::new(arg).follow_links(true) {
            match entry {
                Ok(e) if e.file_type().is_file() && is_article_file(e.path()) => {
                    found.push(e.into_path())
                }
                Ok(_) => {}
                Err(e) => errors.push(walk_error(arg, e)),
            }
        }
        found.sort();
        files.extend(found);
    }
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| seen.insert(f.clone()));
    (files, errors)
}

/// Files a directory walk takes: article extensions, not hidden, and not a folder's README/LICENSE/
/// CHANGELOG (archives and sample folders often carry one).
pub fn is_article_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_uppercase())
        .unwrap_or_default();
    let hidden = name.starts_with('.')
        || ["README", "LICENSE", "LICENCE", "CHANGELOG"]
            .iter()
            .any(|n| name.starts_with(n));
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    !hidden && ARTICLE_EXTENSIONS.contains(&ext.as_str())
}

fn walk_error(root: &Path, e: walkdir::Error) -> Error {
    let path = e.path().unwrap_or(root).to_owned();
    let message = if e.loop_ancestor().is_some() {
        "symbolic link loop".to_owned()
    } else {
        e.io_error()
            .map_or_else(|| e.to_string(), ToString::to_string)
    };
    Error::Read {
        path,
        source: std::io::Error::other(message),
    }
}

/// Converts `files` in parallel and hands each result to `sink` in input order. A file whose id an earlier
/// file already used gets a `DuplicateId` error instead of its article.
pub fn convert_each(
    files: &[PathBuf],
    opts: &Options,
    mut sink: impl FnMut(&Path, Result<Article>),
) {
    let mut ids: HashMap<String, PathBuf> = HashMap::new();
    for chunk in files.chunks(CHUNK) {
        let results: Vec<Result<Article>> = chunk
            .par_iter()
            .map(|path| article::from_file(path, opts))
            .collect();
        for (path, result) in chunk.iter().zip(results) {
            let result = result.and_then(|a| match ids.get(&a.iri) {
                Some(first) => Err(Error::DuplicateId {
                    path: path.clone(),
                    id: a.id,
                    first: first.clone(),
                }),
                None => {
                    ids.insert(a.iri.clone(), path.clone());
                    Ok(a)
                }
            });
            sink(path, result);
        }
    }
}

/// Writes `contents` to `path` atomically (see [`temp_beside`] and [`persist`]).
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    let mut tmp = temp_beside(path)?;
    tmp.write_all(contents).map_err(|source| Error::Write {
        path: path.to_owned(),
        source,
    })?;
    persist(tmp, path)
}

/// A temporary file in `path`'s directory, to be filled and then [`persist`]ed over `path`: a killed run
/// leaves at most a hidden `.newsgraph-*.tmp`, never a half-written output.
pub fn temp_beside(path: &Path) -> Result<tempfile::NamedTempFile> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    tempfile::Builder::new()
        .prefix(".newsgraph-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|source| Error::Write {
            path: path.to_owned(),
            source,
        })
}

/// Gives a filled temporary file the usual mode of a written file (temporary files are created 0600),
/// syncs it and renames it over `path`.
pub fn persist(tmp: tempfile::NamedTempFile, path: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let err = |source| Error::Write {
        path: path.to_owned(),
        source,
    };
    tmp.as_file()
        .set_permissions(std::fs::Permissions::from_mode(0o644))
        .map_err(err)?;
    tmp.as_file().sync_all().map_err(err)?;
    tmp.persist(path).map_err(|e| err(e.error))?;
    Ok(())
}

/// Counts of a batch run, printed as its last line.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    /// Articles that went through.
    pub ok: usize,
    /// Inputs that failed.
    pub failed: usize,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} converted, {} failed", self.ok, self.failed)
    }
}
