//! Typed errors. Each one displays as a single line that names the file (and line where it helps), because
//! batch users read them in a log of thousands of files.

use std::path::PathBuf;

/// Everything that can go wrong with one input file or one command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file could not be read (missing, unreadable, a directory loop, ...).
    #[error("{}: cannot read: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The file holds no text.
    #[error("{}: empty file", path.display())]
    Empty { path: PathBuf },
    /// The file is larger than the configured limit.
    #[error("{}: file is {size} bytes, over the {limit}-byte limit (raise it with --max-size)", path.display())]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    /// The file looks like binary data, not text.
    #[error("{}: binary file, not text ({reason})", path.display())]
    Binary { path: PathBuf, reason: String },
    /// The bytes are not valid in the detected encoding.
    #[error("{}:{line}: undecodable bytes for {encoding}", path.display())]
    Decode {
        path: PathBuf,
        line: usize,
        encoding: &'static str,
    },
    /// The front-matter block is malformed.
    #[error("{}:{line}: front matter: {message}", path.display())]
    FrontMatter {
        path: PathBuf,
        line: usize,
        message: String,
    },
    /// A metadata value is not of the required form.
    #[error("{}:{line}: invalid {field} {value:?}: {message}", path.display())]
    InvalidValue {
        path: PathBuf,
        line: usize,
        field: &'static str,
        value: String,
        message: &'static str,
    },
    /// The article has no text after the front matter.
    #[error("{}: no article text", path.display())]
    NoText { path: PathBuf },
    /// A record of a WARC file cannot be read (damaged, truncated, too large).
    #[error("{}: record {record}: {message}", path.display())]
    Warc {
        path: PathBuf,
        record: usize,
        message: String,
    },
    /// A WARC file was given where one article is expected.
    #[error("{}: a WARC file holds many pages; convert, archive and load read it as a batch", path.display())]
    WarcNotOneArticle { path: PathBuf },
    /// Two files in one batch give the same article id.
    #[error("{}: duplicate article id {id:?} (already used by {})", path.display(), first.display())]
    DuplicateId {
        path: PathBuf,
        id: String,
        first: PathBuf,
    },
    /// An article's id is already taken in the store by an article from another source.
    #[error("{}: article id {id:?} is already in the store from {other}; not replaced (give it another id: front-matter `id`, or --id-from path)", path.display())]
    IdTaken {
        path: PathBuf,
        id: String,
        other: String,
    },
    /// An output file could not be written.
    #[error("{}: cannot write: {source}", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A gazetteer file is malformed.
    #[error("{}:{line}: gazetteer: {message}", path.display())]
    Gazetteer {
        path: PathBuf,
        line: usize,
        message: String,
    },
    /// A configuration value is wrong.
    #[error("configuration: {0}")]
    Config(String),
    /// An XML archive could not be read.
    #[error("{}:{line}: {message}", path.display())]
    Xml {
        path: PathBuf,
        line: usize,
        message: String,
    },
    /// A store operation failed.
    #[error("store {}: {message}", path.display())]
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
    /// An information package cannot be written, or a file of one fails verification.
    #[error("{}: {message}", path.display())]
    Package { path: PathBuf, message: String },
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
            | Error::Store { path, .. } => Some(path),
            Error::IdTaken { path, .. } | Error::Package { path, .. } => Some(path),
            Error::Config(_) | Error::Query(_) | Error::ClosedOutput | Error::Timeout(_) => None,
        }
    }
}

/// Result alias for the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;
