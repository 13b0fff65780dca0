//! `newsgraph import`: XML archives read back into articles, written as JSON-LD, N-Quads, Turtle or XML,
//! on stdout or one file per article. The archives are read as streams, one article at a time.

use std::collections::HashMap;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use super::{exit_code, ImportArgs};
use crate::batch::{self, Summary};
use crate::emit::xml::{ArchiveWriter, Header};
use crate::emit::{self, Format};
use crate::error::{Error, Result};
use crate::ids;
use crate::import;
use crate::model::Article;

/// Runs `import`.
pub fn run(args: &ImportArgs, quiet: bool) -> ExitCode {
    let mut summary = Summary::default();
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    let mut sink = match &args.output.out {
        Some(dir) => {
            if !super::create_out_dir(dir) {
                return ExitCode::FAILURE;
            }
            Sink::Dir(dir.clone())
        }
        None => Sink::Stdout(Stdout::new(args.output.format)),
    };
    for path in &args.inputs {
        let reader = match import::open(path) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("error: {e}");
                summary.failed += 1;
                continue;
            }
        };
        for result in reader {
            let article = match result {
                Ok(a) => a,
                Err(e) => {
                    eprintln!("error: {e}");
                    summary.failed += 1;
                    break;
                }
            };
            if let Some(first) = seen.get(&article.iri) {
                let e = Error::DuplicateId {
                    path: path.clone(),
                    id: article.id,
                    first: first.clone(),
                };
                eprintln!("error: {e}");
                summary.failed += 1;
                continue;
            }
            seen.insert(article.iri.clone(), path.clone());
            if args.output.format == Format::Xml {
                for f in emit::xml::forbidden_chars(&article) {
                    eprintln!("warning: {}: article {:?}: {f}", path.display(), article.id);
                }
            }
            match sink.write(&article, args.output.format, args.output.named_graph) {
                Ok(()) => summary.ok += 1,
                Err(e) => {
                    eprintln!("error: {e}");
                    summary.failed += 1;
                    if matches!(sink, Sink::Stdout(_)) {
                        return ExitCode::FAILURE;
                    }
                }
            }
        }
    }
    if let Sink::Stdout(s) = sink {
        if let Err(e) = s.finish() {
            eprintln!("error: cannot write to stdout: {e}");
            return ExitCode::FAILURE;
        }
    } else if !quiet {
        eprintln!("{summary}");
    }
    exit_code(summary)
}

enum Sink {
    Dir(PathBuf),
    Stdout(Stdout),
}

impl Sink {
    fn write(&mut self, article: &Article, format: Format, named_graph: bool) -> Result<()> {
        match self {
            Sink::Dir(dir) => {
                let name = format!("{}.{}", ids::slug(&article.id), format.extension());
                batch::write_atomic(
                    &dir.join(name),
                    emit::render(article, format, named_graph).as_bytes(),
                )
            }
            Sink::Stdout(s) => s
                .write(article, named_graph)
                .map_err(|source| Error::Write {
                    path: PathBuf::from("<stdout>"),
                    source,
                }),
        }
    }
}

/// Articles on stdout: N-Quads and Turtle one after the other, XML as one archive, JSON-LD as one
/// document (or a JSON array of documents when there are several).
pub(super) struct Stdout {
    format: Format,
    archive: Option<ArchiveWriter<BufWriter<io::Stdout>>>,
    plain: Option<BufWriter<io::Stdout>>,
    /// JSON-LD: the first document, held until it is known whether a second one follows.
    pending: Option<String>,
    count: usize,
}

impl Stdout {
    pub(super) fn new(format: Format) -> Self {
        Self {
            format,
            archive: None,
            plain: Some(BufWriter::new(io::stdout())),
            pending: None,
            count: 0,
        }
    }

    pub(super) fn write(&mut self, article: &Article, named_graph: bool) -> io::Result<()> {
        self.count += 1;
        if self.format == Format::Xml {
            // The archive starts with the first article, so no article means no output at all.
            if self.archive.is_none() {
                let out = self.plain.take().expect("stdout not yet taken");
                self.archive = Some(ArchiveWriter::new(out, &Header::default())?);
            }
            let w = self.archive.as_mut().expect("archive started");
            return w.write_article(article).map(drop);
        }
        let out = self.plain.as_mut().expect("plain output when not XML");
        let text = emit::render(article, self.format, named_graph);
        if self.format != Format::Jsonld {
            return out.write_all(text.as_bytes());
        }
        match self.count {
            1 => {
                self.pending = Some(text);
                Ok(())
            }
            2 => {
                let first = self.pending.take().unwrap_or_default();
                write!(out, "[\n{},\n{}", first.trim_end(), text.trim_end())
            }
            _ => write!(out, ",\n{}", text.trim_end()),
        }
    }

    pub(super) fn finish(self) -> io::Result<()> {
        if let Some(w) = self.archive {
            return w.finish()?.flush();
        }
        let Some(mut out) = self.plain else {
            return Ok(());
        };
        if let Some(first) = self.pending {
            out.write_all(first.as_bytes())?;
        } else if self.format == Format::Jsonld && self.count > 1 {
            out.write_all(b"\n]\n")?;
        }
        out.flush()
    }
}
