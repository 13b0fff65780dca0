//! Typed errors. Each one displays as a single line that names the file (and line where it helps), because
//! batch users read them in a log of thousands of files.

use std::path::{Path, PathBuf};

/// Everything that can go wrong with one input file or one command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file could not be read (missing, unreadable, a directory loop, ...).
    #[error("{}: cannot read: {source}", Shown(path))]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The file holds no text.
    #[error("{}: empty file", Shown(path))]
    Empty { path: PathBuf },
    /// The file is larger than the configured limit.
    #[error(
        "{}: file is {size} bytes, over the {limit}-byte limit (raise it with --max-size)",
        Shown(path)
    )]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    /// The file looks like binary data, not text.
    #[error("{}: binary file, not text ({reason})", Shown(path))]
    Binary { path: PathBuf, reason: String },
    /// The bytes are not valid in the detected encoding.
    #[error("{}:{line}: undecodable bytes for {encoding}", Shown(path))]
    Decode {
        path: PathBuf,
        line: usize,
        encoding: &'static str,
    },
    /// The front-matter block is malformed.
    #[error("{}:{line}: front matter: {message}", Shown(path))]
    FrontMatter {
        path: PathBuf,
        line: usize,
        message: String,
    },
    /// A metadata value is not of the required form.
    #[error("{}:{line}: invalid {field} {value:?}: {message}", Shown(path))]
    InvalidValue {
        path: PathBuf,
        line: usize,
        field: &'static str,
        value: String,
        message: &'static str,
    },
    /// The article has no text after the front matter.
    #[error("{}: no article text", Shown(path))]
    NoText { path: PathBuf },
    /// A record of a WARC file cannot be read (damaged, truncated, too large).
    #[error("{}: record {record}: {message}", Shown(path))]
    Warc {
        path: PathBuf,
        record: usize,
        message: String,
    },
    /// A WARC file was given where one article is expected.
    #[error(
        "{}: a WARC file holds many pages; convert, archive and load read it as a batch",
        Shown(path)
    )]
    WarcNotOneArticle { path: PathBuf },
    /// Two files in one batch give the same article id.
    #[error(
        "{}: duplicate article id {id:?} (already used by {})",
        Shown(path),
        Shown(first)
    )]
    DuplicateId {
        path: PathBuf,
        id: String,
        first: PathBuf,
    },
    /// An article's id is already taken in the store by an article from another source.
    #[error("{}: article id {id:?} is already in the store from {}; not replaced (give it another id: front-matter `id`, or --id-from path)", Shown(path), Shown(Path::new(other)))]
    IdTaken {
        path: PathBuf,
        id: String,
        other: String,
    },
    /// An output file could not be written.
    #[error("{}: cannot write: {source}", Shown(path))]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A gazetteer file is malformed.
    #[error("{}:{line}: gazetteer: {message}", Shown(path))]
    Gazetteer {
        path: PathBuf,
        line: usize,
        message: String,
    },
    /// A configuration value is wrong.
    #[error("configuration: {0}")]
    Config(String),
    /// An XML archive could not be read.
    #[error("{}:{line}: {message}", Shown(path))]
    Xml {
        path: PathBuf,
        line: usize,
        message: String,
    },
    /// A store operation failed.
    #[error("store {}: {message}", Shown(path))]
    Store { path: PathBuf, message: String },
    /// A SPARQL query is malformed or failed.
    #[error("query: {0}")]
    Query(String),
    /// The reader of the output went away (a closed pipe): nothing more to say.
    #[error("the output was closed")]
    ClosedOutput,
    /// A SPARQL query ran past its time limit and was stopped.
    #[error("query: stopped after {} s, its time limit (raise it with --timeout)", .0.as_secs_f64())]
    Timeout(std::time::Duration),
    /// The front-matter block is larger than the limit: refused before any parser sees it, since the
    /// YAML and TOML parsers take time that grows faster than the block.
    #[error("{}:1: front matter: over the {limit}-byte limit (its closing line must come within it); not parsed", Shown(path))]
    FrontMatterTooLarge { path: PathBuf, limit: usize },
    /// The front-matter block nests deeper than the limit: refused before any parser sees it.
    #[error(
        "{}:{line}: front matter: nested deeper than {limit} levels; not parsed",
        Shown(path)
    )]
    FrontMatterTooDeep {
        path: PathBuf,
        line: usize,
        limit: usize,
    },
    /// The store could not be read while a query ran (a damaged table file, an I/O error): the query
    /// stops at the first such error.
    #[error("store {}: cannot read: {message}", Shown(path))]
    StorageRead { path: PathBuf, message: String },
    /// An information package cannot be written, or a file of one fails verification.
    #[error("{}: {message}", Shown(path))]
    Package { path: PathBuf, message: String },
    /// A publication cannot be described or written as asked (`publish`).
    #[error("publish: {0}")]
    Publish(String),
    /// A graph could not be sent to a remote store (`push`).
    #[error("push: {0}")]
    Push(String),
    /// An output would be written over one of the command's own inputs.
    #[error(
        "{}: is also an input ({}); not written over it (choose another output)",
        Shown(path),
        Shown(input)
    )]
    OutputIsInput { path: PathBuf, input: PathBuf },
    /// An output path names something that is not a regular file (a device, a pipe, a folder): outputs
    /// are written to a new file and renamed into place, which would replace it.
    #[error("{}: not a regular file; not replaced (outputs are written to a new file and renamed into place)", Shown(path))]
    OutputNotAFile { path: PathBuf },
    /// A link (url, image, author or publisher url, logo) whose scheme is not allowed.
    #[error("{}:{line}: invalid {field} {value:?}: scheme not allowed (allowed: {allowed}; add more with url_schemes in the config file)", Shown(path))]
    UrlScheme {
        path: PathBuf,
        line: usize,
        field: &'static str,
        value: String,
        allowed: String,
    },
}

/// A file name as messages show it: as it is, or quoted with escapes when it holds control or
/// bidirectional-override characters, so that a name can neither split a report line in two nor send
/// escape sequences to the terminal, nor pass for another name.
pub struct Shown<'a>(pub &'a Path);

impl std::fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = self.0.to_string_lossy();
        if name.chars().any(needs_escape) {
            write!(f, "{name:?}")
        } else {
            f.write_str(&name)
        }
    }
}

/// Control characters (C0, DEL, C1) and the bidirectional overrides and isolates.
pub fn needs_escape(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

impl Error {
    /// The file the error is about, when it is about one.
    pub fn path(&self) -> Option<&std::path::Path> {
        match self {
            Error::Read { path, .. }
            | Error::Empty { path }
            | Error::TooLarge { path, .. }
            | Error::Binary { path, .. }
            | Error::Decode { path, .. }
            | Error::FrontMatter { path, .. }
            | Error::InvalidValue { path, .. }
            | Error::NoText { path }
            | Error::Warc { path, .. }
            | Error::WarcNotOneArticle { path }
            | Error::DuplicateId { path, .. }
            | Error::Write { path, .. }
            | Error::Gazetteer { path, .. }
            | Error::Xml { path, .. }
            | Error::Store { path, .. }
            | Error::StorageRead { path, .. } => Some(path),
            Error::IdTaken { path, .. }
            | Error::OutputIsInput { path, .. }
            | Error::OutputNotAFile { path }
            | Error::UrlScheme { path, .. }
            | Error::Package { path, .. }
            | Error::FrontMatterTooLarge { path, .. }
            | Error::FrontMatterTooDeep { path, .. } => Some(path),
            Error::Config(_)
            | Error::Query(_)
            | Error::ClosedOutput
            | Error::Timeout(_)
            | Error::Publish(_)
            | Error::Push(_) => None,
        }
    }
}

/// Result alias for the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;
