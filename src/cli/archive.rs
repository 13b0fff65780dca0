//! `newsgraph archive`: a whole batch into one XML archive, streamed article by article into a temporary
//! file beside the target and renamed over it at the end, so a killed run never leaves half an archive.
//! Inputs that fail are reported, counted and recorded after the last article (`<failures>`), so the
//! archive itself says it is not the whole batch.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use super::{exit_code, progress, report, ArchiveArgs};
use crate::article::Options;
use crate::batch;
use crate::emit::xml::{ArchiveWriter, Failure, Header};
use crate::error::{Error, Result, Shown};

/// Runs `archive`.
pub fn run(args: &ArchiveArgs, opts: &Options, found: super::Found, quiet: bool) -> ExitCode {
    // Inputs that could not be resolved (a missing path, an unreadable folder) are failures of the run too.
    let mut failures: Vec<Failure> = found
        .errors
        .iter()
        .map(|e| failure(e.path().unwrap_or(std::path::Path::new("")), e))
        .collect();
    let (files, mut summary) = super::report_inputs(found);
    let out = &args.out;
    let guard = batch::InputGuard::new(&files, |p| p.file_name() == out.file_name());
    if let Err(e) = batch::check_output_file(out).and_then(|()| guard.check(out)) {
        report::error(&e);
        return ExitCode::from(2);
    }
    super::remove_stale_temps(batch::folder_of(out));
    let header = if args.timestamp {
        Header::now()
    } else {
        Header::default()
    };
    let write_err = |source: std::io::Error| Error::Write {
        path: out.clone(),
        source,
    };
    let result = (|| -> Result<bool> {
        let tmp = batch::temp_beside(out)?;
        let mut writer = ArchiveWriter::new(BufWriter::new(tmp), &header).map_err(write_err)?;
        let bar = progress(files.len(), quiet);
        let mut fatal = None;
        let notes = batch::convert_each(&files, opts, |path, result| {
            bar.inc(1);
            if fatal.is_some() {
                return;
            }
            if let Ok(article) = &result {
                for w in &article.warnings {
                    bar.suspend(|| report::warning(path, w));
                }
            }
            match result {
                Ok(article) => match writer.write_article(&article) {
                    Ok(found) => {
                        for f in found {
                            bar.suspend(|| report::warning(path, f));
                        }
                        summary.ok += 1;
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
                        // A value no XML can hold: this article is left out, the archive stays valid.
                        let e = Error::Write {
                            path: path.to_owned(),
                            source: e,
                        };
                        bar.suspend(|| report::error(&e));
                        failures.push(failure(path, &e));
                        summary.failed += 1;
                    }
                    Err(e) => fatal = Some(write_err(e)),
                },
                Err(e) => {
                    bar.suspend(|| report::error(&e));
                    failures.push(failure(path, &e));
                    summary.failed += 1;
                }
            }
        });
        bar.finish_and_clear();
        super::convert::print_notes(&notes, quiet);
        if let Some(e) = fatal {
            return Err(e);
        }
        if summary.ok == 0 {
            return Ok(false);
        }
        writer.write_failures(&failures).map_err(write_err)?;
        let buffered = writer.finish().map_err(write_err)?;
        let tmp = buffered
            .into_inner()
            .map_err(|e| write_err(e.into_error()))?;
        batch::persist(tmp, out)?;
        Ok(true)
    })();
    match result {
        Ok(true) => {}
        Ok(false) => {
            report::error_text(format!(
                "{}: not written: no input could be archived",
                Shown(out)
            ));
            summary.failed = summary.failed.max(1);
        }
        Err(e) => {
            // No archive: a summary of articles "converted" would only mislead.
            report::error_text(format!("{e} (archive not written)"));
            return ExitCode::FAILURE;
        }
    }
    if !quiet {
        report::status(summary.to_string());
    }
    let _ = std::io::stderr().flush();
    exit_code(summary)
}

/// The record of a failed input kept in the archive: the input as given and the line reported for it.
fn failure(path: &std::path::Path, e: &Error) -> Failure {
    Failure {
        source: path.to_string_lossy().into_owned(),
        message: e.to_string(),
    }
}
