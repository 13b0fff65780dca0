//! `newsgraph convert`: article files to JSON-LD, N-Quads, Turtle or XML, on stdout or one file per article.

use std::path::Path;
use std::process::ExitCode;

use super::{exit_code, progress, report, ConvertArgs};
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
        return to_stdout(&files, args, opts, summary);
    };
    if !super::create_out_dir(dir) {
        return ExitCode::FAILURE;
    }
    super::remove_stale_temps(dir);
    let bar = progress(files.len(), quiet);
    let (format, named_graph) = (args.output.format, args.output.named_graph);
    // An input named like an output (`a.jsonld` read as an article) could be written over.
    let guard = batch::InputGuard::new(&files, |p| {
        p.extension().is_some_and(|e| e == format.extension())
    });
    // A chunk is handed over once converted and staged; the next one converts meanwhile (see
    // batch::convert_chunks), so the time between hand-overs is the batch's pace.
    let mut chunk_started = std::time::Instant::now();
    let notes = batch::convert_chunks(
        &files,
        opts,
        |path, article| {
            // Said in input order when the chunk is handed over, not as the threads finish.
            let detail = report::describe(path, &article);
            let warnings = warnings(&article, format);
            let dest = dir.join(format!("{}.{}", ids::slug(&article.id), format.extension()));
            guard.check(&dest)?;
            let text = emit::render(&article, format, named_graph);
            Ok((Staged::write(dest, text.as_bytes())?, warnings, detail))
        },
        |chunk| {
            report::detail(format!(
                "{} articles converted and staged in {:.3} s",
                chunk.len(),
                chunk_started.elapsed().as_secs_f64()
            ));
            bar.inc(chunk.len() as u64);
            let staged = chunk
                .iter()
                .filter_map(|(_, r)| r.as_ref().ok().map(|s| &s.0));
            let synced = batch::sync_staged(staged);
            if let Err(e) = &synced {
                bar.suspend(|| {
                    report::error_text(format!("{e}; this chunk's outputs are not written"))
                });
            }
            for (path, result) in chunk {
                match (&synced, result) {
                    (_, Err(e)) => count(&bar, &mut summary, Err::<(), _>(e)),
                    (Err(_), Ok(_)) => summary.failed += 1,
                    (Ok(()), Ok((staged, warnings, detail))) => {
                        if let Some(d) = detail {
                            bar.suspend(|| report::detail(d));
                        }
                        for w in warnings {
                            bar.suspend(|| report::warning(&path, w));
                        }
                        count(&bar, &mut summary, staged.commit());
                    }
                }
            }
            if let Err(e) = batch::sync_dir(dir) {
                count(&bar, &mut summary, Err::<(), _>(e));
            }
            chunk_started = std::time::Instant::now();
            std::ops::ControlFlow::Continue(())
        },
    );
    bar.finish_and_clear();
    print_notes(&notes, quiet);
    if !quiet {
        report::status(summary.to_string());
    }
    exit_code(summary)
}

/// The articles to stdout: one as it is, several as one JSON-LD array or one N-Quads stream with named
/// graphs (see [`super::import::Stdout`]). Once stdout fails nothing more is written; a closed pipe ends
/// the run quietly.
fn to_stdout(
    files: &[std::path::PathBuf],
    args: &ConvertArgs,
    opts: &Options,
    mut summary: Summary,
) -> ExitCode {
    let bar = indicatif::ProgressBar::hidden();
    let mut out = super::import::Stdout::new(args.output.format, files.len() > 1);
    let mut broken: Option<crate::Error> = None;
    let notes = batch::convert_each_while(files, opts, |path: &Path, result| {
        let article = match result {
            Ok(article) => article,
            Err(e) => {
                count(&bar, &mut summary, Err::<(), _>(e));
                return true;
            }
        };
        report::article(path, &article);
        for w in warnings(&article, args.output.format) {
            report::warning(path, w);
        }
        match out.write(&article, args.output.named_graph) {
            Ok(()) => summary.ok += 1,
            Err(source) => broken = Some(super::stdout_error(source)),
        }
        // Nothing more can be written: the rest of the batch is not converted.
        broken.is_none()
    });
    print_notes(&notes, false);
    if broken.is_none() {
        broken = out.finish().err().map(super::stdout_error);
    }
    match broken {
        Some(e) => super::failed_stdout(&e),
        None => exit_code(summary),
    }
}

/// The batch's notes (WARC records skipped), one line each on stderr.
pub(super) fn print_notes(notes: &batch::Notes, quiet: bool) {
    if !quiet {
        for line in notes.lines() {
            report::note(line);
        }
    }
}

/// What the conversion shortened (a runaway headline), and characters an XML archive cannot hold (kept
/// as `<char>` elements), reported as warnings.
fn warnings(article: &Article, format: Format) -> Vec<String> {
    let mut out = article.warnings.clone();
    if format == Format::Xml {
        out.extend(
            emit::xml::forbidden_chars(article)
                .iter()
                .map(|f| f.to_string()),
        );
    }
    out
}

/// Adds a result to the summary, printing its error.
fn count<T>(bar: &indicatif::ProgressBar, summary: &mut Summary, result: Result<T>) {
    match result {
        Ok(_) => summary.ok += 1,
        Err(e) => {
            bar.suspend(|| report::error(&e));
            summary.failed += 1;
        }
    }
}
