//! `newsgraph convert`: article files to JSON-LD, N-Quads, Turtle or XML, on stdout or one file per article.

use std::path::Path;
use std::process::ExitCode;

use super::{exit_code, progress, ConvertArgs};
use crate::article::Options;
use crate::batch::{self, Staged, Summary};
use crate::emit::{self, Format};
use crate::error::Result;
use crate::ids;
use crate::model::Article;

/// Runs `convert`.
pub fn run(args: &ConvertArgs, opts: &Options, found: super::Found, quiet: bool) -> ExitCode {
    let (files, mut summary) = super::report_inputs(found);
    let Some(dir) = &args.output.out else {
        if files.len() > 1 || args.inputs.iter().any(|p| p.is_dir()) {
            eprintln!("error: several inputs need --out DIR (stdout takes one FILE)");
            return ExitCode::from(2);
        }
        to_stdout(&files, args, opts, &mut summary);
        return exit_code(summary);
    };
    if !super::create_out_dir(dir) {
        return ExitCode::FAILURE;
    }
    let bar = progress(files.len(), quiet);
    let (format, named_graph) = (args.output.format, args.output.named_graph);
    let notes = batch::convert_chunks(
        &files,
        opts,
        |_, article| {
            let warnings = warnings(&article, format);
            let name = format!("{}.{}", ids::slug(&article.id), format.extension());
            let text = emit::render(&article, format, named_graph);
            Ok((Staged::write(dir.join(name), text.as_bytes())?, warnings))
        },
        |chunk| {
            bar.inc(chunk.len() as u64);
            let staged = chunk
                .iter()
                .filter_map(|(_, r)| r.as_ref().ok().map(|s| &s.0));
            let synced = batch::sync_staged(staged);
            if let Err(e) = &synced {
                bar.suspend(|| eprintln!("error: {e}; this chunk's outputs are not written"));
            }
            for (path, result) in chunk {
                match (&synced, result) {
                    (_, Err(e)) => count(&bar, &mut summary, Err::<(), _>(e)),
                    (Err(_), Ok(_)) => summary.failed += 1,
                    (Ok(()), Ok((staged, warnings))) => {
                        for w in warnings {
                            bar.suspend(|| eprintln!("warning: {}: {w}", path.display()));
                        }
                        count(&bar, &mut summary, staged.commit());
                    }
                }
            }
            if let Err(e) = batch::sync_dir(dir) {
                count(&bar, &mut summary, Err::<(), _>(e));
            }
        },
    );
    bar.finish_and_clear();
    print_notes(&notes, quiet);
    if !quiet {
        eprintln!("{summary}");
    }
    exit_code(summary)
}

/// One file to stdout (a WARC file's pages as several documents: see [`super::import::Stdout`]).
fn to_stdout(
    files: &[std::path::PathBuf],
    args: &ConvertArgs,
    opts: &Options,
    summary: &mut Summary,
) {
    let bar = indicatif::ProgressBar::hidden();
    let mut out = super::import::Stdout::new(args.output.format);
    let mut broken = None;
    let notes = batch::convert_each(files, opts, |path: &Path, result| {
        if broken.is_some() {
            return;
        }
        let written = result.and_then(|article| {
            for w in warnings(&article, args.output.format) {
                eprintln!("warning: {}: {w}", path.display());
            }
            out.write(&article, args.output.named_graph)
                .map_err(|source| stdout_error(&mut broken, source))
        });
        count(&bar, summary, written);
    });
    print_notes(&notes, false);
    if let Err(source) = out.finish() {
        count(
            &bar,
            summary,
            Err::<(), _>(stdout_error(&mut broken, source)),
        );
    }
}

fn stdout_error(broken: &mut Option<()>, source: std::io::Error) -> crate::Error {
    *broken = Some(());
    crate::Error::Write {
        path: "<stdout>".into(),
        source,
    }
}

/// The batch's notes (WARC records skipped), one line each on stderr.
pub(super) fn print_notes(notes: &batch::Notes, quiet: bool) {
    if !quiet {
        for line in notes.lines() {
            eprintln!("note: {line}");
        }
    }
}

/// Characters an XML archive cannot hold, reported as warnings (they are kept as `<char>` elements).
fn warnings(article: &Article, format: Format) -> Vec<String> {
    if format == Format::Xml {
        emit::xml::forbidden_chars(article)
            .iter()
            .map(|f| f.to_string())
            .collect()
    } else {
        Vec::new()
    }
}

/// Adds a result to the summary, printing its error.
fn count<T>(bar: &indicatif::ProgressBar, summary: &mut Summary, result: Result<T>) {
    match result {
        Ok(_) => summary.ok += 1,
        Err(e) => {
            bar.suspend(|| eprintln!("error: {e}"));
            summary.failed += 1;
        }
    }
}
