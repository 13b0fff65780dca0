//! Batch stage: finds input files, converts them in parallel in bounded chunks (so memory stays flat and
//! output order is the input order whatever the thread count), and writes outputs atomically.

use std::collections::HashMap;
use std::io::Write;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::article::{self, Options};
use crate::error::{Error, Result};
use crate::model::Article;

/// File extensions taken from directories (explicitly named files are taken whatever their name); WARC
/// files (`.warc`, `.warc.gz`) are taken too.
pub const ARTICLE_EXTENSIONS: [&str; 9] = [
    "txt", "text", "md", "markdown", "mdown", "html", "htm", "xhtml", "shtml",
];

/// Articles converted in parallel before their outputs are written: bounds memory on huge batches.
pub const CHUNK: usize = 512;

/// Which symbolic links a folder walk follows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Links {
    /// Only links whose target lies inside the folder named on the command line: a link in an archive
    /// folder to `/etc/passwd` or `/usr/share/doc` must not make outside files articles.
    #[default]
    Inside,
    /// Every link (`--follow`).
    All,
}

/// What the command line's paths list: the input files, the errors met listing them, and the links
/// left out because they lead out of their folder.
#[derive(Debug, Default)]
pub struct Listing {
    /// The input files, in path order, each once.
    pub files: Vec<PathBuf>,
    /// Problems met while listing (unreadable folders, link loops, broken links).
    pub errors: Vec<Error>,
    /// Symbolic links not followed ([`Links::Inside`]): each link and where it leads.
    pub skipped_links: Vec<(PathBuf, PathBuf)>,
}

/// [`list_inputs`] following only the links that stay inside their folder, as files and errors.
pub fn collect_inputs(args: &[PathBuf]) -> (Vec<PathBuf>, Vec<Error>) {
    let listing = list_inputs(args, Links::Inside);
    (listing.files, listing.errors)
}

/// Expands the command line's files and directories (`-`: standard input, as [`crate::read::STDIN`]) into
/// a de-duplicated list of files, each directory's in path order. Directories are read recursively,
/// following the symbolic links that `links` allows (with loop detection); files named on the command
/// line are read whatever they are. Problems are returned alongside the files that could be listed.
///
/// Each directory's entries are sorted by name as it is read: walked depth first, that is the order
/// sorting the whole list of paths would give, without comparing long paths component by component
/// (which took longer than listing 10,000 files).
pub fn list_inputs(args: &[PathBuf], links: Links) -> Listing {
    let mut listing = Listing::default();
    for arg in args {
        if arg.as_os_str() == "-" {
            listing.files.push(PathBuf::from(crate::read::STDIN));
        } else if arg.is_dir() {
            walk(arg, links, &mut listing);
        } else {
            listing.files.push(arg.clone());
        }
    }
    // One argument cannot name a file twice; several can (a folder and a file in it).
    if args.len() > 1 {
        let mut seen = rustc_hash::FxHashSet::default();
        let keep: Vec<bool> = listing
            .files
            .iter()
            .map(|f| seen.insert(f.as_path()))
            .collect();
        let mut keep = keep.into_iter();
        listing.files.retain(|_| keep.next().unwrap_or(true));
    }
    listing
}

/// Lists the article files under the folder `root`. Only links are checked against the folder (one
/// `realpath` each): whatever else the walk reaches is inside it.
fn walk(root: &Path, links: Links, listing: &mut Listing) {
    let inside = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_owned());
    let skipped = &mut listing.skipped_links;
    let walk = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if links == Links::All || e.depth() == 0 || !e.path_is_symlink() {
                return true;
            }
            match std::fs::canonicalize(e.path()) {
                Ok(target) if !target.starts_with(&inside) => {
                    skipped.push((e.path().to_owned(), target));
                    false
                }
                _ => true,
            }
        });
    for entry in walk {
        match entry {
            Ok(e) if e.file_type().is_file() && is_article_file(e.path()) => {
                listing.files.push(e.into_path())
            }
            Ok(_) => {}
            Err(e) => listing.errors.push(walk_error(root, e)),
        }
    }
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
    !hidden && (ARTICLE_EXTENSIONS.contains(&ext.as_str()) || crate::warc::is_warc(path))
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
/// file already used gets a `DuplicateId` error instead of its article. Each page of a WARC file is one
/// result, named by the file and its record.
pub fn convert_each(
    files: &[PathBuf],
    opts: &Options,
    mut sink: impl FnMut(&Path, Result<Article>),
) -> Notes {
    convert_each_while(files, opts, |path, result| {
        sink(path, result);
        true
    })
}

/// [`convert_each`] until `sink` returns `false` (its output went away): then the batch stops after
/// the chunk being converted, instead of converting every remaining input for nothing.
pub fn convert_each_while(
    files: &[PathBuf],
    opts: &Options,
    mut sink: impl FnMut(&Path, Result<Article>) -> bool,
) -> Notes {
    convert_chunks(
        files,
        opts,
        |_, article| Ok(article),
        |chunk| {
            for (path, result) in chunk {
                if !sink(&path, result) {
                    return ControlFlow::Break(());
                }
            }
            ControlFlow::Continue(())
        },
    )
}

/// What a batch tells besides its results: records of WARC files that were not pages.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Notes {
    /// Per WARC file (in input order), the number of records skipped as not HTML pages.
    pub skipped_records: Vec<(PathBuf, usize)>,
}

impl Notes {
    /// One line per WARC file that had skipped records.
    pub fn lines(&self) -> impl Iterator<Item = String> + '_ {
        self.skipped_records.iter().map(|(path, n)| {
            format!(
                "{}: {n} record{} skipped (not HTML pages: requests, metadata, images, redirects, ...)",
                crate::error::Shown(path),
                if *n == 1 { "" } else { "s" }
            )
        })
    }
}

/// One input of a batch: a file, a page of a WARC file, or what went wrong reading a WARC file.
enum Unit<'f> {
    File(&'f Path),
    Page(&'f Path, crate::warc::Page),
    Failed(PathBuf, Error),
}

impl Unit<'_> {
    /// How the input is named in messages and duplicate-id errors.
    fn name(&self) -> PathBuf {
        match self {
            Unit::File(p) => p.to_path_buf(),
            Unit::Page(file, page) => page.label(file),
            Unit::Failed(p, _) => p.clone(),
        }
    }
}

/// Lists the batch's units: files as they are, WARC files streamed record by record (so a WARC of any
/// size is never in memory), sent into `tx`; returns the notes.
fn list_units<'f>(
    files: &'f [PathBuf],
    opts: &Options,
    tx: &std::sync::mpsc::SyncSender<Unit<'f>>,
) -> Notes {
    let mut notes = Notes::default();
    for file in files {
        if !crate::warc::is_warc(file) {
            if tx.send(Unit::File(file)).is_err() {
                break;
            }
            continue;
        }
        let reader = match crate::warc::open(file, opts.max_size) {
            Ok(r) => r,
            Err(e) => {
                let _ = tx.send(Unit::Failed(file.clone(), e));
                continue;
            }
        };
        let mut skipped = 0;
        for item in reader {
            let unit = match item {
                Ok(crate::warc::Item::Page(page)) => Unit::Page(file, page),
                Ok(crate::warc::Item::Skipped(..)) => {
                    skipped += 1;
                    continue;
                }
                Err(e) => Unit::Failed(file.clone(), e),
            };
            if tx.send(unit).is_err() {
                return notes;
            }
        }
        if skipped > 0 {
            notes.skipped_records.push((file.clone(), skipped));
        }
    }
    notes
}

/// The parallel pipeline under every batch command. Inputs are files, and the pages of WARC files; each
/// chunk of [`CHUNK`] inputs is converted and then put through `stage` (rendering, writing a temporary
/// file) on all cores; `sink` then gets the chunk's results in input order, named by the input (a WARC
/// page by its file and record), so output order does not depend on the thread count. An input whose
/// article IRI (and so output name) an earlier one already took gets a `DuplicateId` error and its staged
/// output is dropped.
///
/// WARC files are read on a thread of their own, conversion runs one chunk ahead on another, so the
/// cores keep converting while `sink` (which runs on the calling thread) writes out the chunk before; at
/// most three chunks are in memory. When `sink` breaks, the batch stops: the chunk being converted is
/// finished and dropped, nothing more is listed or converted.
pub fn convert_chunks<'f, T: Send>(
    files: &'f [PathBuf],
    opts: &Options,
    stage: impl Fn(&Path, Article) -> Result<T> + Sync,
    mut sink: impl FnMut(Vec<(PathBuf, Result<T>)>) -> ControlFlow<()>,
) -> Notes {
    let stage = &stage;
    std::thread::scope(|scope| {
        let (unit_tx, unit_rx) = std::sync::mpsc::sync_channel::<Unit<'f>>(CHUNK);
        let lister = scope.spawn(move || list_units(files, opts, &unit_tx));
        let (tx, rx) = std::sync::mpsc::sync_channel(1);
        scope.spawn(move || loop {
            let chunk: Vec<Unit<'f>> = unit_rx.iter().take(CHUNK).collect();
            if chunk.is_empty() {
                break;
            }
            let names: Vec<PathBuf> = chunk.iter().map(Unit::name).collect();
            let results: Vec<Result<(String, String, T)>> = chunk
                .into_par_iter()
                .zip(names.par_iter())
                .chunks(GROUP)
                .flat_map_iter(|group| convert_group(group, opts, stage))
                .collect();
            if tx.send((names, results)).is_err() {
                break;
            }
        });
        let mut ids: HashMap<String, PathBuf> = HashMap::new();
        for (names, results) in rx {
            let checked = names.into_iter().zip(results).map(|(name, result)| {
                let result = result.and_then(|(iri, id, value)| match ids.get(&iri) {
                    Some(first) => Err(Error::DuplicateId {
                        path: name.clone(),
                        id,
                        first: first.clone(),
                    }),
                    None => {
                        ids.insert(iri, name.clone());
                        Ok(value)
                    }
                });
                (name, result)
            });
            if sink(checked.collect()).is_break() {
                // Dropping the receiver ends the converting thread at its next send, and with it the
                // lister.
                break;
            }
        }
        lister.join().unwrap_or_default()
    })
}

/// Articles a worker converts together, stage by stage ([`article::enrich_all`]): enough for each stage's
/// code to be read into the instruction cache once for several articles, few enough that their texts stay
/// in the data caches. Measured with callgrind on seed-sized articles: 8 cut first-level instruction
/// misses per article from 5.6k to 2.1k; 16 cut them no further but missed a 1 MB second-level cache 4
/// times as often, with larger articles sooner.
const GROUP: usize = 8;

/// Converts a group of units and runs `stage` on each article, in order; with each article's IRI and id.
fn convert_group<T>(
    group: Vec<(Unit<'_>, &PathBuf)>,
    opts: &Options,
    stage: &(impl Fn(&Path, Article) -> Result<T> + Sync),
) -> Vec<Result<(String, String, T)>> {
    let (units, names): (Vec<Unit>, Vec<&PathBuf>) = group.into_iter().unzip();
    let inputs = units
        .into_iter()
        .map(|unit| match unit {
            Unit::File(path) => Ok(article::Input::File(path)),
            Unit::Page(file, page) => Ok(article::Input::Page(file, page)),
            Unit::Failed(_, e) => Err(e),
        })
        .collect();
    article::enrich_all(article::parse_all(inputs, opts), opts)
        .into_iter()
        .zip(names)
        .map(|(article, name)| {
            let article = article?;
            let (iri, id) = (article.iri.clone(), article.id.clone());
            Ok((iri, id, stage(name, article)?))
        })
        .collect()
}

/// An output written to a hidden temporary file beside its destination, not yet visible.
///
/// Batches stage a whole chunk, make it durable with one [`sync_staged`] and only then rename each file
/// into place ([`Staged::commit`]): a killed run or a power cut leaves every output whole or absent, at the
/// cost of one filesystem sync per chunk instead of one `fsync` per file. The file is closed once written,
/// so that staged chunks never hold hundreds of descriptors (1,024 is a common limit).
#[derive(Debug)]
pub struct Staged {
    tmp: tempfile::TempPath,
    dest: PathBuf,
}

impl Staged {
    /// Writes `contents` to a temporary file beside `dest` (mode 0644; synced on its own only where
    /// [`sync_staged`] cannot sync the whole file system).
    pub fn write(dest: PathBuf, contents: &[u8]) -> Result<Self> {
        let tmp = filled_temp_beside(&dest, contents)?;
        #[cfg(not(target_os = "linux"))]
        tmp.as_file().sync_all().map_err(|source| Error::Write {
            path: dest.clone(),
            source,
        })?;
        Ok(Self {
            tmp: tmp.into_temp_path(),
            dest,
        })
    }

    /// Renames the file into place; call after [`sync_staged`].
    pub fn commit(self) -> Result<PathBuf> {
        match self.tmp.persist(&self.dest) {
            Ok(()) => Ok(self.dest),
            Err(e) => Err(Error::Write {
                path: self.dest,
                source: e.error,
            }),
        }
    }
}

/// Makes staged files durable before they are renamed into place: one `syncfs` of the file system of their
/// folder on Linux (elsewhere each file was synced when written).
pub fn sync_staged<'a>(staged: impl IntoIterator<Item = &'a Staged>) -> Result<()> {
    let Some(first) = staged.into_iter().next() else {
        return Ok(());
    };
    #[cfg(target_os = "linux")]
    {
        std::fs::File::open(folder_of(&first.dest))
            .and_then(|d| rustix::fs::syncfs(&d).map_err(Into::into))
            .map_err(|source| Error::Write {
                path: first.dest.clone(),
                source,
            })
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = first;
        Ok(())
    }
}

/// Syncs a directory so that the renames made in it survive a power cut.
pub fn sync_dir(dir: &Path) -> Result<()> {
    std::fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|source| Error::Write {
            path: dir.to_owned(),
            source,
        })
}

/// Writes one file atomically and durably: a temporary file beside it, then [`persist`] (an `fsync` of
/// its own).
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    persist(filled_temp_beside(path, contents)?, path)
}

/// [`temp_beside`] with `contents` written (not synced).
fn filled_temp_beside(path: &Path, contents: &[u8]) -> Result<tempfile::NamedTempFile> {
    let mut tmp = temp_beside(path)?;
    tmp.write_all(contents).map_err(|source| Error::Write {
        path: path.to_owned(),
        source,
    })?;
    Ok(tmp)
}

/// The folder a file is in (`.` for a bare file name): where its temporary file goes.
pub fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// A temporary file in `path`'s directory (mode 0644, the usual mode of a written file), to be filled and
/// then [`persist`]ed over `path`: a killed run leaves at most a hidden `.newsgraph-PID-*.tmp`, never a
/// half-written output, and a later run removes it ([`remove_stale_temps`]).
pub fn temp_beside(path: &Path) -> Result<tempfile::NamedTempFile> {
    use std::os::unix::fs::PermissionsExt;
    // The prefix names this process; asked of the kernel once, not once per output file.
    static PREFIX: std::sync::LazyLock<String> =
        std::sync::LazyLock::new(|| format!("{TEMP_PREFIX}{}-", std::process::id()));
    tempfile::Builder::new()
        .prefix(PREFIX.as_str())
        .suffix(TEMP_SUFFIX)
        .permissions(std::fs::Permissions::from_mode(0o644))
        .tempfile_in(folder_of(path))
        .map_err(|source| Error::Write {
            path: path.to_owned(),
            source,
        })
}

/// How temporary outputs are named: `.newsgraph-PID-RANDOM.tmp`, PID the writing process's.
const TEMP_PREFIX: &str = ".newsgraph-";
const TEMP_SUFFIX: &str = ".tmp";

/// Removes from `dir` the temporary files that runs stopped before they could (Ctrl-C, a kill, a power
/// cut) left there: those of [`temp_beside`]'s naming whose process is no longer running. Files of a
/// live process (another run writing into the same folder) are left alone, and so is everything where
/// it cannot be told whether a process runs (no `/proc`). Returns how many were removed.
pub fn remove_stale_temps(dir: &Path) -> usize {
    if !Path::new("/proc/self").exists() {
        return 0;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(|e| e.ok())
        .filter(|e| stale_temp(&e.file_name().to_string_lossy()))
        .filter(|e| std::fs::remove_file(e.path()).is_ok())
        .count()
}

/// Whether a file name is a temporary output of a process that is gone.
fn stale_temp(name: &str) -> bool {
    let Some(rest) = name
        .strip_prefix(TEMP_PREFIX)
        .filter(|r| r.ends_with(TEMP_SUFFIX))
    else {
        return false;
    };
    let Some(pid) = rest.split('-').next().and_then(|p| p.parse::<u32>().ok()) else {
        return false;
    };
    pid != std::process::id() && !Path::new("/proc").join(pid.to_string()).exists()
}

/// The path a file would have once written: its canonical path, or for a file not yet there, its
/// folder's canonical path and its name (so `out/../a.txt` and a link to the folder are seen through).
pub fn canonical_target(path: &Path) -> Option<PathBuf> {
    if let Ok(p) = std::fs::canonicalize(path) {
        return Some(p);
    }
    let name = path.file_name()?;
    Some(std::fs::canonicalize(folder_of(path)).ok()?.join(name))
}

/// Refuses an output inside `input` (a folder that is the command's input, such as a store), or one that
/// holds it: writing or replacing either could destroy the input.
pub fn check_outside(out: &Path, input: &Path) -> Result<()> {
    match (canonical_target(out), std::fs::canonicalize(input)) {
        (Some(t), Ok(i)) if t.starts_with(&i) || i.starts_with(&t) => Err(Error::OutputIsInput {
            path: out.to_owned(),
            input: input.to_owned(),
        }),
        _ => Ok(()),
    }
}

/// The inputs of a batch that an output might be written over, so that no command overwrites its own
/// source (`archive --out a.txt a.txt`). Only inputs with a name an output could have are kept
/// (canonicalized once), so checking an output costs a lookup of its name.
#[derive(Debug, Default)]
pub struct InputGuard {
    by_name: HashMap<std::ffi::OsString, Vec<(PathBuf, PathBuf)>>,
}

impl InputGuard {
    /// Guards the `inputs` that `could_be_output` says an output could be named like.
    pub fn new(inputs: &[PathBuf], could_be_output: impl Fn(&Path) -> bool) -> Self {
        let mut by_name: HashMap<_, Vec<_>> = HashMap::new();
        for input in inputs.iter().filter(|p| !crate::read::is_stdin(p)) {
            if let (Some(name), true) = (input.file_name(), could_be_output(input)) {
                if let Ok(canonical) = std::fs::canonicalize(input) {
                    by_name
                        .entry(name.to_owned())
                        .or_default()
                        .push((canonical, input.clone()));
                }
            }
        }
        Self { by_name }
    }

    /// Refuses `dest` when it is one of the inputs.
    pub fn check(&self, dest: &Path) -> Result<()> {
        let Some(inputs) = dest.file_name().and_then(|n| self.by_name.get(n)) else {
            return Ok(());
        };
        let Some(target) = canonical_target(dest) else {
            return Ok(());
        };
        match inputs.iter().find(|(canonical, _)| *canonical == target) {
            Some((_, given)) => Err(Error::OutputIsInput {
                path: dest.to_owned(),
                input: given.clone(),
            }),
            None => Ok(()),
        }
    }
}

/// Refuses an output file that exists and is not a regular file: renaming a new file over a device
/// (`--out /dev/null` run as root) or a pipe would replace it.
pub fn check_output_file(path: &Path) -> Result<()> {
    match std::fs::metadata(path) {
        Ok(m) if !m.is_file() => Err(Error::OutputNotAFile {
            path: path.to_owned(),
        }),
        _ => Ok(()),
    }
}

/// Syncs a filled temporary file and renames it over `path`.
pub fn persist(tmp: tempfile::NamedTempFile, path: &Path) -> Result<()> {
    let err = |source| Error::Write {
        path: path.to_owned(),
        source,
    };
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A walk gives each folder's files in the order a sort of all their paths gives, names that sort
    /// around the separator included, and lists a file named twice once.
    #[test]
    fn inputs_come_in_path_order_without_repeats() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for name in [
            "b.txt",
            "a/x.txt",
            "a-b.txt",
            "a.b/y.md",
            "a/z/w.txt",
            "A.txt",
            "å.txt",
            "a0.txt",
            "a/README.md",
            ".hidden.txt",
            "c.json",
        ] {
            let path = root.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, "x").unwrap();
        }
        let (files, errors) = collect_inputs(&[root.to_path_buf()]);
        assert!(errors.is_empty());
        let mut sorted = files.clone();
        sorted.sort();
        assert_eq!(files, sorted);
        let names: Vec<_> = files
            .iter()
            .map(|f| f.strip_prefix(root).unwrap())
            .collect();
        let expected = [
            "A.txt",
            "a/x.txt",
            "a/z/w.txt",
            "a-b.txt",
            "a.b/y.md",
            "a0.txt",
            "b.txt",
            "å.txt",
        ];
        assert_eq!(names, expected.map(Path::new));
        let again = [root.to_path_buf(), root.join("b.txt"), root.join("a")];
        let (twice, _) = collect_inputs(&again);
        assert_eq!(twice, files);
    }

    /// Temporary outputs carry the writing process's id, so that a later run can tell whose they are.
    #[test]
    fn temporary_files_are_named_after_their_process() {
        let dir = tempfile::tempdir().unwrap();
        let tmp = temp_beside(&dir.path().join("a.jsonld")).unwrap();
        let name = tmp
            .path()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let mine = format!(".newsgraph-{}-", std::process::id());
        assert!(name.starts_with(&mine) && name.ends_with(".tmp"), "{name}");
        assert!(!stale_temp(&name), "a running process's file is not stale");
        assert!(!stale_temp(".newsgraph-x.tmp") && !stale_temp("a.tmp"));
        assert!(!stale_temp(".newsgraph-1-abc.tmp"), "init runs");
    }

    /// An output is refused when it is an input, however its path is spelled.
    #[test]
    fn an_output_that_is_an_input_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("in")).unwrap();
        std::fs::write(root.join("in/a.txt"), "x").unwrap();
        let inputs = [root.join("in/a.txt")];
        let guard = InputGuard::new(&inputs, |_| true);
        for same in ["in/a.txt", "in/../in/a.txt", "in/./a.txt"] {
            assert!(
                matches!(
                    guard.check(&root.join(same)),
                    Err(Error::OutputIsInput { .. })
                ),
                "{same}"
            );
        }
        assert!(guard.check(&root.join("a.txt")).is_ok());
        assert!(guard.check(&root.join("in/b.txt")).is_ok());
        assert!(guard.check(&root.join("nowhere/a.txt")).is_ok());
    }
}
