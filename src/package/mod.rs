//! Package stage: a batch delivered as an E-ARK submission information package (CSIP 2.1, SIP profile).
//!
//! ```text
//! DIR/METS.xml                                   root METS: header, metadata, every file with SHA-256
//! DIR/metadata/descriptive/articles.xml          the XML archive of all articles
//! DIR/metadata/descriptive/articles.jsonld       their JSON-LD (one array)
//! DIR/metadata/preservation/premis.xml           PREMIS: objects, conversion events, agents, rights
//! DIR/metadata/other/newsgraph.toml              the settings `package verify` rebuilds rep2 with
//! DIR/representations/rep1/data/...              the original files, byte for byte
//! DIR/representations/rep2/data/ID.jsonld, .nq   what newsgraph made of each article
//! DIR/documentation/README.txt, DIR/schemas/     what the package is; the archive's XSD
//! ```
//!
//! Why this shape: the XML archive alone carries normalized text and a checksum of bytes it does not
//! deliver; an archive needs the originals, fixity it can recompute, and the provenance of what was
//! derived (including what failed). The package is built in a hidden folder beside `DIR` and renamed
//! at the end, so it is whole or absent. Articles stream through: originals are copied one at a time,
//! conversion runs in the batch's bounded chunks, and the METS and PREMIS parts that must come after
//! all files are spooled to temporary files. Workers render each article (XML piece, JSON-LD, N-Quads)
//! and drop its model, so a chunk in flight is bytes only; an article's original is found again from the
//! input list in order (no map of inputs), and the names taken in rep1 and rep2 are kept as 16-byte
//! digests; after each chunk (and every 512 zip entries) the pages the allocator freed are handed back
//! ([`crate::memory`]). What grows with the batch, measured: about 270 bytes per article (the input list,
//! the batch's map of ids, these names) and, for zip, the zip writer's record of each entry (about 700
//! bytes) until its central directory is written.

pub mod formats;
pub mod mets;
pub mod premis;
pub mod verify;
pub mod xml;

use std::collections::HashSet;
use std::fs::File;
use std::io::{BufWriter, Seek, Write};
use std::ops::ControlFlow;
use std::path::{Component, Path, PathBuf};

use crate::article::Options;
use crate::batch::{self, Notes, Summary};
use crate::emit::xml::{ArchiveWriter, Forbidden};
use crate::error::{Error, Result};
use mets::Entry;
use xml::Hashing;

/// Where the settings `package verify` needs are kept, in the package.
pub const SETTINGS: &str = "metadata/other/newsgraph.toml";
/// Where the originals go.
pub const REP1: &str = "representations/rep1/data";
/// Where the derived files go.
pub const REP2: &str = "representations/rep2/data";

/// What the package header says beside the software: who submits, who created the records, their ids,
/// the rights, and whether the articles name private persons.
#[derive(Debug, Clone, Default)]
pub struct Header {
    /// The submitting organization.
    pub submitter: Option<String>,
    /// The archive creator (the organization whose records these are).
    pub creator: Option<String>,
    /// Reference codes of the records (METS `altRecordID`).
    pub record_ids: Vec<String>,
    /// A rights statement (PREMIS `rights`).
    pub rights: Option<String>,
    /// The articles name private persons (personal data).
    pub private_persons: bool,
}

/// The settings an article was converted with, as `package verify` needs them to convert it again.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Settings {
    /// The tool and version that made the package.
    pub generator: String,
    /// IRI base.
    pub base: String,
    /// `stem` or `path`.
    pub id_from: String,
    /// Largest input accepted, in bytes.
    pub max_size: u64,
    /// Extra gazetteer files given (by name; `verify` needs them again with `--gazetteer`).
    #[serde(default)]
    pub gazetteers: Vec<String>,
    /// Link schemes accepted besides http and https (the config file's `url_schemes`).
    #[serde(default)]
    pub url_schemes: Vec<String>,
    /// The articles name private persons.
    #[serde(default)]
    pub private_persons: bool,
}

/// A package delivered as one file instead of a folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Container {
    /// A POSIX tar file holding the package folder (CSIP allows a package in tar or zip form).
    Tar,
    /// A zip file holding the package folder (deflated, every entry dated 1980-01-01 so that the same
    /// package gives the same bytes).
    Zip,
}

impl Container {
    /// The file extension of the container.
    fn extension(self) -> &'static str {
        match self {
            Self::Tar => "tar",
            Self::Zip => "zip",
        }
    }
}

/// What happened to each input, for the caller to report as it goes.
pub trait Reporter {
    /// An input that failed (it is recorded as a failed event in the package too).
    fn failed(&mut self, e: &Error);
    /// A warning about an input that went in.
    fn warning(&mut self, path: &Path, message: String);
}

/// Where a package goes: the folder `out`, or with a container the file `out` with its extension added
/// when it lacks it.
pub fn target(out: &Path, container: Option<Container>) -> PathBuf {
    match container {
        Some(c) if out.extension().is_none_or(|e| e != c.extension()) => {
            let mut name = out.as_os_str().to_owned();
            name.push(".");
            name.push(c.extension());
            PathBuf::from(name)
        }
        _ => out.to_owned(),
    }
}

/// Writes the package of `files` to `out` (a folder that must not exist yet, or with `container` the
/// file [`target`] names). Returns the summary and the WARC notes; an `Err` is a failure of the package
/// as a whole (nothing is left behind then).
pub fn write(
    out: &Path,
    container: Option<Container>,
    files: &[PathBuf],
    opts: &Options,
    header: &Header,
    gazetteers: &[PathBuf],
    reporter: &mut dyn Reporter,
) -> Result<(Summary, Notes)> {
    let target = target(out, container);
    let out = target.as_path();
    if out.exists() {
        return Err(Error::Package {
            path: out.to_owned(),
            message: "already exists; a package is written to a new folder".to_owned(),
        });
    }
    let parent = parent_of(out);
    let tmp = tempfile::Builder::new()
        .prefix(".newsgraph-")
        .suffix(".tmp")
        .tempdir_in(parent)
        .map_err(|source| Error::Write {
            path: out.to_owned(),
            source,
        })?;
    let name = out.file_name().map_or_else(
        || "package".to_owned(),
        |n| n.to_string_lossy().into_owned(),
    );
    // The package's id is its folder's name, also inside a tar or zip file.
    let objid = match container {
        Some(c) => name
            .strip_suffix(&format!(".{}", c.extension()))
            .unwrap_or(&name)
            .to_owned(),
        None => name,
    };
    let mut b = Builder::new(tmp.path(), out, &objid, header)?;
    b.settings(opts, gazetteers, header)?;
    let copied = b.copy_originals(files, reporter)?;
    let notes = b.convert(files, &copied, opts, reporter)?;
    let summary = b.summary;
    b.finish()?;
    crate::memory::release();
    match container {
        None => persist(tmp, out)?,
        Some(Container::Tar) => pack_tar(tmp, &objid, out)?,
        Some(Container::Zip) => pack_zip(tmp, &objid, out)?,
    }
    Ok((summary, notes))
}

/// Writes the built folder as a tar file (its files under the folder `objid`), atomically, and removes
/// the folder.
fn pack_tar(tmp: tempfile::TempDir, objid: &str, out: &Path) -> Result<()> {
    let err = |source| Error::Write {
        path: out.to_owned(),
        source,
    };
    let file = batch::temp_beside(out)?;
    let mut tar = tar::Builder::new(BufWriter::new(file));
    tar.follow_symlinks(false);
    tar.append_dir_all(objid, tmp.path()).map_err(err)?;
    let buffered = tar.into_inner().map_err(err)?;
    persist_file(buffered, out)
}

/// Writes the built folder as a zip file (its files under the folder `objid`, in name order), atomically,
/// and removes the folder.
fn pack_zip(tmp: tempfile::TempDir, objid: &str, out: &Path) -> Result<()> {
    let err = |source| Error::Write {
        path: out.to_owned(),
        source,
    };
    let zip_err = |e: zip::result::ZipError| err(std::io::Error::other(e));
    let file = batch::temp_beside(out)?;
    let mut zip = zip::ZipWriter::new(BufWriter::new(file));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let walk = walkdir::WalkDir::new(tmp.path())
        .follow_links(false)
        .sort_by_file_name();
    let mut entries = 0usize;
    for entry in walk {
        let entry = entry.map_err(|e| err(e.into()))?;
        let rel = entry
            .path()
            .strip_prefix(tmp.path())
            .expect("walked under the folder");
        let name = Path::new(objid).join(rel).to_string_lossy().into_owned();
        if entry.file_type().is_dir() {
            zip.add_directory(name, options.unix_permissions(0o755))
                .map_err(zip_err)?;
            continue;
        }
        let size = entry.metadata().map_err(|e| err(e.into()))?.len();
        let options = options
            .unix_permissions(0o644)
            .large_file(size >= u64::from(u32::MAX));
        zip.start_file(name, options).map_err(zip_err)?;
        let mut src = File::open(entry.path()).map_err(err)?;
        std::io::copy(&mut src, &mut zip).map_err(err)?;
        // Each entry's deflate state (a few hundred KB) is freed when the next starts (crate::memory).
        entries += 1;
        if entries.is_multiple_of(batch::CHUNK) {
            crate::memory::release();
        }
    }
    let buffered = zip.finish().map_err(zip_err)?;
    persist_file(buffered, out)
}

/// Flushes a container written to its temporary file beside `out`, renames it into place and syncs the
/// folder that holds it, so that the rename itself survives a power cut.
fn persist_file(buffered: BufWriter<tempfile::NamedTempFile>, out: &Path) -> Result<()> {
    let file = buffered.into_inner().map_err(|e| Error::Write {
        path: out.to_owned(),
        source: e.into_error(),
    })?;
    batch::persist(file, out)?;
    batch::sync_dir(parent_of(out))
}

/// The folder `out` is in (`.` for a bare name).
fn parent_of(out: &Path) -> &Path {
    out.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Makes the built folder durable and renames it into place.
fn persist(tmp: tempfile::TempDir, out: &Path) -> Result<()> {
    let err = |source| Error::Write {
        path: out.to_owned(),
        source,
    };
    #[cfg(target_os = "linux")]
    File::open(tmp.path())
        .and_then(|d| rustix::fs::syncfs(&d).map_err(Into::into))
        .map_err(err)?;
    let path = tmp.keep();
    if let Err(e) = std::fs::rename(&path, out) {
        let _ = std::fs::remove_dir_all(&path);
        return Err(err(e));
    }
    batch::sync_dir(parent_of(out))
}

/// A spool: a temporary file written now and copied into a document at the end.
type Spool = BufWriter<File>;

fn spool(dir: &Path) -> std::io::Result<Spool> {
    Ok(BufWriter::new(tempfile::tempfile_in(dir)?))
}

/// The package being built in its temporary folder.
struct Builder<'a> {
    root: &'a Path,
    /// The target, for error messages.
    out: &'a Path,
    objid: &'a str,
    header: &'a Header,
    created: String,
    rep1: Spool,
    rep2: Spool,
    events: Spool,
    premis: Hashing<BufWriter<File>>,
    archive: ArchiveWriter<Hashing<BufWriter<File>>>,
    jsonld: Hashing<BufWriter<File>>,
    jsonld_count: usize,
    settings: Option<Entry>,
    /// Output names taken in rep2 (slugs of article ids can meet), as digests ([`name_key`]).
    names: HashSet<NameKey>,
    counter: usize,
    summary: Summary,
}

/// A name taken in the package, kept as the first 16 bytes of its SHA-256: a batch's names cost 16 bytes
/// each instead of a string, and two names meet by chance with probability 2^-128.
type NameKey = [u8; 16];

fn name_key(name: &str) -> NameKey {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(name.as_bytes());
    let mut key = [0; 16];
    key.copy_from_slice(&digest[..16]);
    key
}

/// What a worker makes of one article: everything the package writes of it, so that the article model
/// is dropped on the worker thread.
struct Rendered {
    id: String,
    iri: String,
    /// The `article` element of the descriptive archive and its escaped characters, or why it cannot be
    /// written (`InvalidData`: that article fails, the archive stays valid).
    xml: std::io::Result<(Vec<u8>, Vec<Forbidden>)>,
    jsonld: String,
    nquads: String,
}

/// Finds each converted unit's original again by walking the converted inputs in order: results come in
/// input order, a file's unit is named by its path and a WARC page by its file's path and record.
struct Sources<'f> {
    inputs: &'f [PathBuf],
    at: usize,
}

impl Sources<'_> {
    /// The package path of the original `name` came from.
    fn of(&mut self, name: &Path) -> Option<String> {
        while let Some(input) = self.inputs.get(self.at) {
            if name == input
                || crate::warc::is_warc(input)
                    && name
                        .to_string_lossy()
                        .starts_with(&format!("{}: record ", input.display()))
            {
                return Some(format!("{REP1}/{}", package_name(input)));
            }
            self.at += 1;
        }
        None
    }
}

impl<'a> Builder<'a> {
    fn new(root: &'a Path, out: &'a Path, objid: &'a str, header: &'a Header) -> Result<Self> {
        let io = |source| Error::Write {
            path: out.to_owned(),
            source,
        };
        for dir in [
            "metadata/descriptive",
            "metadata/preservation",
            "metadata/other",
            REP1,
            REP2,
            "documentation",
            "schemas",
        ] {
            std::fs::create_dir_all(root.join(dir)).map_err(io)?;
        }
        let create = |rel: &str| -> Result<Hashing<BufWriter<File>>> {
            let f = File::create(root.join(rel)).map_err(io)?;
            Ok(Hashing::new(BufWriter::new(f)))
        };
        let mut premis = create("metadata/preservation/premis.xml")?;
        premis::start(&mut premis).map_err(io)?;
        let mut jsonld = create("metadata/descriptive/articles.jsonld")?;
        jsonld.write_all(b"[").map_err(io)?;
        let archive = ArchiveWriter::new(
            create("metadata/descriptive/articles.xml")?,
            &crate::emit::xml::Header::default(),
        )
        .map_err(io)?;
        Ok(Self {
            root,
            out,
            objid,
            header,
            created: xml::now(),
            rep1: spool(root).map_err(io)?,
            rep2: spool(root).map_err(io)?,
            events: spool(root).map_err(io)?,
            premis,
            archive,
            jsonld,
            jsonld_count: 0,
            settings: None,
            names: HashSet::new(),
            counter: 0,
            summary: Summary::default(),
        })
    }

    fn io(&self, source: std::io::Error) -> Error {
        Error::Write {
            path: self.out.to_owned(),
            source,
        }
    }

    fn next_id(&mut self, prefix: &str) -> String {
        self.counter += 1;
        format!("{prefix}-{:06}", self.counter)
    }

    /// Writes a whole small file into the package and returns its entry.
    fn small_file(&mut self, rel: &str, bytes: &[u8], format: formats::Format) -> Result<Entry> {
        std::fs::write(self.root.join(rel), bytes).map_err(|e| self.io(e))?;
        use sha2::Digest;
        Ok(Entry {
            id: self.next_id("file"),
            path: rel.to_owned(),
            size: bytes.len() as u64,
            sha256: xml::hex(&sha2::Sha256::digest(bytes)),
            format,
        })
    }

    /// The settings file (so that `verify` converts the originals the same way).
    fn settings(&mut self, opts: &Options, gazetteers: &[PathBuf], header: &Header) -> Result<()> {
        let s = Settings {
            generator: format!("{} {}", env!("CARGO_PKG_NAME"), env!("CARGO_PKG_VERSION")),
            base: opts.base.as_str().to_owned(),
            id_from: match opts.id_from {
                crate::article::IdFrom::Stem => "stem",
                crate::article::IdFrom::Path => "path",
            }
            .to_owned(),
            max_size: opts.max_size,
            gazetteers: gazetteers.iter().map(|g| g.display().to_string()).collect(),
            url_schemes: opts.url_schemes.clone(),
            private_persons: header.private_persons,
        };
        let text = format!(
            "# The settings newsgraph converted these articles with (read by `newsgraph package verify`).\n{}",
            toml::to_string(&s).expect("settings serialize")
        );
        let e = self.small_file(SETTINGS, text.as_bytes(), formats::TEXT)?;
        self.object(&e, None)?;
        self.settings = Some(e);
        Ok(())
    }

    fn object(&mut self, e: &Entry, original: Option<&str>) -> Result<()> {
        premis::object(&mut self.premis, e, original).map_err(|err| self.io(err))
    }

    fn event(&mut self, e: &premis::Event) -> Result<()> {
        premis::event(&mut self.events, e).map_err(|err| self.io(err))
    }

    /// Copies each original into rep1 (hashing it on the way); an input that cannot be read or whose
    /// package path another input took is a failed event. Returns for each input whether it went in.
    fn copy_originals(
        &mut self,
        files: &[PathBuf],
        reporter: &mut dyn Reporter,
    ) -> Result<Vec<bool>> {
        let mut taken = HashSet::new();
        let mut copied = Vec::with_capacity(files.len());
        for input in files {
            let rel = format!("{REP1}/{}", package_name(input));
            let problem = if crate::read::is_stdin(input) {
                Some(
                    "standard input cannot be packaged: the package delivers the original files"
                        .to_owned(),
                )
            } else if !taken.insert(name_key(&rel)) {
                Some(format!("another input is already packaged as {rel}"))
            } else {
                None
            };
            let result = match problem {
                Some(message) => Err(Error::Package {
                    path: input.clone(),
                    message,
                }),
                None => self.copy_one(input, &rel),
            };
            copied.push(result.is_ok());
            if let Err(e) = result {
                self.failure(&e, None, reporter)?;
            }
        }
        Ok(copied)
    }

    fn copy_one(&mut self, input: &Path, rel: &str) -> Result<()> {
        let read_err = |source| Error::Read {
            path: input.to_owned(),
            source,
        };
        let mut src = File::open(input).map_err(read_err)?;
        let dest = self.root.join(rel);
        if let Some(dir) = dest.parent() {
            std::fs::create_dir_all(dir).map_err(|e| self.io(e))?;
        }
        let mut w = Hashing::new(BufWriter::new(File::create(&dest).map_err(|e| self.io(e))?));
        std::io::copy(&mut src, &mut w).map_err(read_err)?;
        let (buf, size, sha256) = w.finish();
        buf.into_inner().map_err(|e| self.io(e.into_error()))?;
        let e = Entry {
            id: self.next_id("file"),
            path: rel.to_owned(),
            size,
            sha256,
            format: formats::of_original(input),
        };
        mets::file(&mut self.rep1, &e, &self.created).map_err(|err| self.io(err))?;
        self.object(&e, Some(&input.display().to_string()))
    }

    /// A failed input: a failed event naming the error (and its original, when it is in the package).
    fn failure(
        &mut self,
        e: &Error,
        source: Option<&str>,
        reporter: &mut dyn Reporter,
    ) -> Result<()> {
        reporter.failed(e);
        self.summary.failed += 1;
        let id = self.next_id("event");
        let when = xml::now();
        self.event(&premis::Event {
            id,
            kind: "migration",
            when: &when,
            detail: conversion_detail(e.path()),
            outcome: "failure",
            outcome_note: Some(e.to_string()),
            sources: source.into_iter().collect(),
            outcomes: Vec::new(),
        })
    }

    /// Converts the originals (the batch's parallel chunks) and adds each article: derived files in rep2,
    /// the article in the descriptive XML archive and JSON-LD, a conversion event.
    fn convert(
        &mut self,
        files: &[PathBuf],
        copied: &[bool],
        opts: &Options,
        reporter: &mut dyn Reporter,
    ) -> Result<Notes> {
        // Usually every input went in, and the list given is converted as it is.
        let some: Vec<PathBuf>;
        let inputs = if copied.iter().all(|&c| c) {
            files
        } else {
            some = files
                .iter()
                .zip(copied)
                .filter(|(_, &c)| c)
                .map(|(f, _)| f.clone())
                .collect();
            &some
        };
        let mut sources = Sources { inputs, at: 0 };
        let mut fatal = None;
        let notes = batch::convert_chunks(
            inputs,
            opts,
            |_, article| {
                Ok(Rendered {
                    xml: crate::emit::xml::render_article(&article),
                    jsonld: crate::emit::render(&article, crate::emit::Format::Jsonld, false),
                    nquads: crate::emit::render(&article, crate::emit::Format::Nquads, false),
                    id: article.id,
                    iri: article.iri,
                })
            },
            |chunk| {
                for (name, result) in chunk {
                    let source = sources.of(&name);
                    let step = match result {
                        Ok(done) => self.add_article(&name, source.as_deref(), done, reporter),
                        Err(e) => self.failure(&e, source.as_deref(), reporter),
                    };
                    if let Err(e) = step {
                        fatal = Some(e);
                        return ControlFlow::Break(());
                    }
                }
                // The chunk's rendered output is freed by now (see crate::memory).
                crate::memory::release();
                ControlFlow::Continue(())
            },
        );
        match fatal {
            Some(e) => Err(e),
            None => Ok(notes),
        }
    }

    /// One converted article into the package.
    fn add_article(
        &mut self,
        name: &Path,
        source: Option<&str>,
        r: Rendered,
        reporter: &mut dyn Reporter,
    ) -> Result<()> {
        match r.xml {
            Ok((piece, found)) => {
                self.archive
                    .write_rendered(&piece)
                    .map_err(|e| self.io(e))?;
                found
                    .into_iter()
                    .for_each(|f| reporter.warning(name, f.to_string()));
            }
            Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
                let e = Error::Write {
                    path: name.to_owned(),
                    source: e,
                };
                return self.failure(&e, source, reporter);
            }
            Err(e) => return Err(self.io(e)),
        }
        self.append_jsonld(&r.jsonld)?;
        let stem = self.output_stem(&r.id);
        let a = self.derived(&format!("{REP2}/{stem}.jsonld"), &r.jsonld, formats::JSONLD)?;
        let b = self.derived(&format!("{REP2}/{stem}.nq"), &r.nquads, formats::NQUADS)?;
        self.summary.ok += 1;
        let id = self.next_id("event");
        let when = xml::now();
        self.event(&premis::Event {
            id,
            kind: "migration",
            when: &when,
            detail: conversion_detail(Some(name)),
            outcome: "success",
            outcome_note: Some(format!("article {} ({})", r.id, r.iri)),
            sources: source.into_iter().collect(),
            outcomes: vec![&a.path, &b.path],
        })
    }

    /// A file name in rep2 for an article id: its slug, with a number added when another article's slug
    /// is the same.
    fn output_stem(&mut self, id: &str) -> String {
        let slug = crate::ids::slug(id);
        let mut stem = slug.clone();
        let mut n = 1;
        while !self.names.insert(name_key(&stem)) {
            n += 1;
            stem = format!("{slug}-{n}");
        }
        stem
    }

    fn append_jsonld(&mut self, doc: &str) -> Result<()> {
        let sep: &[u8] = if self.jsonld_count == 0 {
            b"\n"
        } else {
            b",\n"
        };
        self.jsonld_count += 1;
        let doc = doc.trim_end();
        self.jsonld
            .write_all(sep)
            .and_then(|()| self.jsonld.write_all(doc.as_bytes()))
            .map_err(|e| self.io(e))
    }

    fn derived(&mut self, rel: &str, text: &str, format: formats::Format) -> Result<Entry> {
        let e = self.small_file(rel, text.as_bytes(), format)?;
        mets::file(&mut self.rep2, &e, &self.created).map_err(|err| self.io(err))?;
        self.object(&e, None)?;
        Ok(e)
    }

    /// Closes the descriptive files and PREMIS, writes documentation, schemas and METS.
    fn finish(mut self) -> Result<()> {
        let io = |source| Error::Write {
            path: self.out.to_owned(),
            source,
        };
        let readme = documentation(self.header, self.summary);
        let readme =
            self.small_file("documentation/README.txt", readme.as_bytes(), formats::TEXT)?;
        let xsd = self.small_file(
            "schemas/newsgraph-archive-1.xsd",
            include_bytes!("../../schemas/newsgraph-archive-1.xsd"),
            formats::XML,
        )?;
        self.jsonld.write_all(b"\n]\n").map_err(io)?;
        let jsonld = close(
            self.out,
            "metadata/descriptive/articles.jsonld",
            self.jsonld,
            formats::JSONLD,
        )?;
        let archive_w = self.archive.finish().map_err(io)?;
        let archive = close(
            self.out,
            "metadata/descriptive/articles.xml",
            archive_w,
            formats::XML,
        )?;
        for e in [&jsonld, &archive, &readme, &xsd] {
            premis::object(&mut self.premis, e, None).map_err(io)?;
        }
        self.counter += 1;
        let id = format!("event-{:06}", self.counter);
        let when = xml::now();
        premis::event(
            &mut self.events,
            &premis::Event {
                id,
                kind: "information package creation",
                when: &when,
                detail: format!("newsgraph package: {}", self.summary),
                outcome: if self.summary.failed == 0 {
                    "success"
                } else {
                    "failure"
                },
                outcome_note: Some(self.summary.to_string()),
                sources: Vec::new(),
                outcomes: Vec::new(),
            },
        )
        .map_err(io)?;
        let mut events = rewound(self.events).map_err(io)?;
        premis::finish(&mut self.premis, &mut events, self.header).map_err(io)?;
        let premis = close(
            self.out,
            "metadata/preservation/premis.xml",
            self.premis,
            formats::XML,
        )?;
        let parts = mets::Parts {
            objid: self.objid,
            created: &self.created,
            header: self.header,
            descriptive: vec![
                (archive, "newsgraph-archive-1"),
                (jsonld, "schema.org JSON-LD"),
            ],
            premis,
            other: self
                .settings
                .take()
                .map(|s| (s, "newsgraph settings"))
                .into_iter()
                .collect(),
            documentation: vec![readme],
            schemas: vec![xsd],
        };
        let mut out = BufWriter::new(File::create(self.root.join("METS.xml")).map_err(io)?);
        let (mut rep1, mut rep2) = (
            rewound(self.rep1).map_err(io)?,
            rewound(self.rep2).map_err(io)?,
        );
        mets::write(&mut out, &parts, &mut rep1, &mut rep2).map_err(io)?;
        out.into_inner().map_err(|e| io(e.into_error()))?;
        Ok(())
    }
}

/// Flushes a hashed file of the package and returns its entry.
fn close(
    out: &Path,
    rel: &str,
    w: Hashing<BufWriter<File>>,
    format: formats::Format,
) -> Result<Entry> {
    let (buf, size, sha256) = w.finish();
    buf.into_inner().map_err(|e| Error::Write {
        path: out.to_owned(),
        source: e.into_error(),
    })?;
    let id = format!("file-{}", rel.replace(['/', '.'], "-"));
    Ok(Entry {
        id,
        path: rel.to_owned(),
        size,
        sha256,
        format,
    })
}

/// A spool flushed and rewound for reading.
fn rewound(spool: Spool) -> std::io::Result<File> {
    let mut f = spool.into_inner().map_err(|e| e.into_error())?;
    f.rewind()?;
    Ok(f)
}

/// What a conversion event says it did.
fn conversion_detail(input: Option<&Path>) -> String {
    let what = input.map_or_else(String::new, |p| format!(" of {}", p.display()));
    format!(
        "{} {} conversion{what} to schema.org JSON-LD, N-Quads and the newsgraph XML archive",
        env!("CARGO_PKG_NAME"),
        env!("CARGO_PKG_VERSION")
    )
}

/// An original's path inside rep1's `data/`: the path as given, with only its normal components (no
/// root, `.` or `..`), so that `--id-from path` gives the same ids when the package is verified.
pub fn package_name(input: &Path) -> String {
    let parts: Vec<String> = input
        .components()
        .filter_map(|c| match c {
            Component::Normal(p) => Some(p.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    if parts.is_empty() {
        "input".to_owned()
    } else {
        parts.join("/")
    }
}

/// The package's documentation: what is where, and what was asked of it.
fn documentation(header: &Header, summary: Summary) -> String {
    let mut text = format!(
        "Submission information package (E-ARK CSIP 2.1, SIP profile) written by {} {}.\n\n\
METS.xml                                the package: every file with its size and SHA-256\n\
metadata/descriptive/articles.xml       the articles as a newsgraph XML archive (schemas/newsgraph-archive-1.xsd)\n\
metadata/descriptive/articles.jsonld    the articles as schema.org JSON-LD (one array)\n\
metadata/preservation/premis.xml        PREMIS 3.0: objects with fixity and formats, conversion events\n\
                                        (failures with their error), agents, rights\n\
metadata/other/newsgraph.toml           the conversion settings\n\
representations/rep1/data/              the original files, byte for byte\n\
representations/rep2/data/              per article: ID.jsonld (JSON-LD) and ID.nq (N-Quads)\n\n\
Check it with: newsgraph package verify DIR\n\nArticles: {summary}.\n",
        env!("CARGO_PKG_NAME"),
        env!("CARGO_PKG_VERSION"),
    );
    if header.private_persons {
        text.push_str("The articles name private persons (personal data).\n");
    }
    text
}
