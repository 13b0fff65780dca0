//! `newsgraph import`: XML archives read back into articles, written as JSON-LD, N-Quads, Turtle or XML,
//! on stdout or one file per article. The archives are read as streams, one article at a time.

use std::collections::HashMap;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use super::{exit_code, report, ImportArgs};
use crate::batch::{self, Summary};
use crate::emit::xml::{ArchiveWriter, Header};
use crate::emit::{self, Format};
use crate::error::{Error, Result, Shown};
use crate::ids;
use crate::import;
use crate::model::Article;

/// Runs `import`.
pub fn run(args: &ImportArgs, quiet: bool) -> ExitCode {
    let mut summary = Summary::default();
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    let format = args.output.format;
    let mut sink = match &args.output.out {
        Some(dir) => {
            if !super::create_out_dir(dir) {
                return ExitCode::FAILURE;
            }
            super::remove_stale_temps(dir);
            // `--format xml --out DIR` could name an article after the archive being read.
            let guard = batch::InputGuard::new(&args.inputs, |p| {
                p.extension().is_some_and(|e| e == format.extension())
            });
            Sink::Dir(dir.clone(), guard)
        }
        None => Sink::Stdout(Box::new(Stdout::new(
            args.output.format,
            args.inputs.len() > 1,
        ))),
    };
    for arg in &args.inputs {
        let path = if arg.as_os_str() == "-" {
            PathBuf::from(crate::read::STDIN)
        } else {
            arg.clone()
        };
        let mut reader = match import::open(&path, args.max_size) {
            Ok(r) => r,
            Err(e) => {
                report::error(&e);
                summary.failed += 1;
                continue;
            }
        };
        // A bad article is reported and the next one read (the reader ends when the XML itself breaks).
        for result in reader.by_ref() {
            let article = match result {
                Ok(a) => a,
                Err(e) => {
                    report::error(&e);
                    summary.failed += 1;
                    continue;
                }
            };
            if let Some(first) = seen.get(&article.iri) {
                report::error(&Error::DuplicateId {
                    path: path.clone(),
                    id: article.id,
                    first: first.clone(),
                });
                summary.failed += 1;
                continue;
            }
            seen.insert(article.iri.clone(), path.clone());
            if args.output.format == Format::Xml {
                for f in emit::xml::forbidden_chars(&article) {
                    report::warning(&path, format!("article {:?}: {f}", article.id));
                }
            }
            report::detail(format!(
                "{}: article {:?} read back from the archive",
                Shown(&path),
                article.id
            ));
            match sink.write(&article, args.output.format, args.output.named_graph) {
                Ok(()) => summary.ok += 1,
                Err(e) if matches!(sink, Sink::Stdout(_)) => {
                    // Nothing more can reach stdout: a closed pipe ends quietly, anything else with its line.
                    return super::failed_stdout(&e);
                }
                Err(e) => {
                    report::error(&e);
                    summary.failed += 1;
                }
            }
        }
        // Inputs the writing run could not archive: not articles, and not failures of this import (the
        // exit code stays as reading went), but the user must learn the archive is not the whole batch.
        for f in reader.failures() {
            report::warning(
                &path,
                format!(
                    "an input failed when this archive was written and is not in it: {}",
                    f.message
                ),
            );
        }
    }
    if let Sink::Stdout(s) = sink {
        let finished = super::stdout_outcome(s.finish());
        if finished != ExitCode::SUCCESS {
            return finished;
        }
    } else if !quiet {
        report::status(summary.to_string());
    }
    exit_code(summary)
}

enum Sink {
    Dir(PathBuf, batch::InputGuard),
    Stdout(Box<Stdout>),
}

impl Sink {
    fn write(&mut self, article: &Article, format: Format, named_graph: bool) -> Result<()> {
        match self {
            Sink::Dir(dir, guard) => {
                let dest = dir.join(format!("{}.{}", ids::slug(&article.id), format.extension()));
                guard.check(&dest)?;
                batch::write_atomic(&dest, emit::render(article, format, named_graph).as_bytes())
            }
            Sink::Stdout(s) => s.write(article, named_graph).map_err(super::stdout_error),
        }
    }
}

/// Articles on stdout: JSON-LD as one document, or a JSON array of documents when there are several;
/// N-Quads as the articles' triples, and with several input files one stream in which each article's
/// statements are in its named graph (as the store keeps them: several files' triples in one default
/// graph would no longer say which article said what). One input that holds many articles (a WARC
/// file, an archive) keeps them in the default graph, the statements its JSON-LD array means. Turtle one
/// document after the other (a valid Turtle merge); XML as one archive.
pub(super) struct Stdout {
    format: Format,
    /// Several input files: N-Quads in named graphs.
    several_inputs: bool,
    archive: Option<ArchiveWriter<BufWriter<io::Stdout>>>,
    plain: Option<BufWriter<io::Stdout>>,
    /// The first article, held until it is known whether a second one follows.
    pending: Option<(Article, bool)>,
    count: usize,
}

impl Stdout {
    pub(super) fn new(format: Format, several_inputs: bool) -> Self {
        Self {
            format,
            several_inputs,
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
        if self.count == 1 && self.format == Format::Jsonld {
            self.pending = Some((article.clone(), named_graph));
            return Ok(());
        }
        if let Some((first, named)) = self.pending.take() {
            if self.format == Format::Jsonld {
                self.out().write_all(b"[\n")?;
            }
            self.render(&first, named, true)?;
        }
        self.render(article, named_graph, false)
    }

    /// Writes one article; `first` of several (so a JSON-LD array's separator goes after the others).
    fn render(&mut self, article: &Article, named_graph: bool, first: bool) -> io::Result<()> {
        let several = self.count > 1;
        let format = self.format;
        let text = emit::render(
            article,
            format,
            named_graph || (self.several_inputs && format == Format::Nquads),
        );
        let out = self.out();
        match format {
            Format::Jsonld if several => {
                if !first {
                    out.write_all(b",\n")?;
                }
                out.write_all(text.trim_end().as_bytes())
            }
            _ => out.write_all(text.as_bytes()),
        }
    }

    fn out(&mut self) -> &mut BufWriter<io::Stdout> {
        self.plain.as_mut().expect("plain output when not XML")
    }

    pub(super) fn finish(mut self) -> io::Result<()> {
        if let Some(w) = self.archive {
            return w.finish()?.flush();
        }
        if self.plain.is_none() {
            return Ok(());
        }
        if let Some((first, named)) = self.pending.take() {
            self.render(&first, named, true)?;
        } else if self.format == Format::Jsonld && self.count > 1 {
            self.out().write_all(b"\n]\n")?;
        }
        self.out().flush()
    }
}
