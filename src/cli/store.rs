//! `newsgraph load` and `newsgraph export`: article files into the store, the store out as RDF.

use std::io::Write;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use oxigraph::model::NamedNode;

use super::{progress, report, ExportArgs, LoadArgs};
use crate::article::Options;
use crate::error::{Error, Shown};
use crate::store::{self, Event};

/// Without a terminal, a plain progress line this often on long loads.
const PROGRESS_EVERY: Duration = Duration::from_secs(10);

/// Runs `load`.
pub fn load(args: &LoadArgs, opts: &Options, found: super::Found, quiet: bool) -> ExitCode {
    let start = Instant::now();
    let (files, walked) = super::report_inputs(found);
    if args.inputs.is_empty() && !args.store.join("CURRENT").is_file() {
        report::error_text(format!(
            "no input files (and no store at {} to bring up to date)",
            Shown(&args.store)
        ));
        return ExitCode::from(2);
    }
    let st = match store::open(&args.store) {
        Ok(s) => s,
        Err(e) => {
            report::error(&e);
            return ExitCode::FAILURE;
        }
    };
    if st.migrated && !quiet {
        report::status(format!(
            "store {}: brought up to date (layout {}: the default graph is the merge of the article graphs; the index orders articles by date)",
            Shown(&args.store),
            store::LAYOUT
        ));
    }
    let bar = progress(files.len(), quiet);
    let plain_progress = !quiet && bar.is_hidden() && files.len() > 1;
    let mut last_line = Instant::now();
    let mut done = 0usize;
    let result = store::load(&st, &args.store, &files, opts, |event| {
        done += 1;
        bar.inc(1);
        match event {
            Event::Failed(e) => bar.suspend(|| report::error(&e)),
            Event::Loaded {
                path,
                iri,
                quads,
                outcome,
                warnings,
            } => {
                for w in warnings {
                    bar.suspend(|| report::warning(path, w));
                }
                report::detail(format!(
                    "{}: loaded as <{iri}>: {outcome:?}, {quads} quads",
                    Shown(path)
                ))
            }
        }
        if plain_progress && last_line.elapsed() >= PROGRESS_EVERY {
            last_line = Instant::now();
            report::status(format!(
                "progress: {done}/{} articles converted, {:.0} s",
                files.len(),
                start.elapsed().as_secs_f64()
            ));
        }
    });
    bar.finish_and_clear();
    match result {
        Ok((stats, notes)) => {
            super::convert::print_notes(&notes, quiet);
            let failed = stats.failed + walked.failed;
            if !quiet {
                report::status(format!(
                    "loaded {} articles ({} new, {} replaced, {} unchanged), {} quads, {} failed, in {:.2} s",
                    stats.articles(),
                    stats.new,
                    stats.replaced,
                    stats.unchanged,
                    stats.quads,
                    failed,
                    start.elapsed().as_secs_f64()
                ));
            }
            if failed == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(e) => {
            report::error_text(format!("{e}; none of the new articles was loaded"));
            ExitCode::FAILURE
        }
    }
}

/// Runs `export`.
pub fn export(args: &ExportArgs, base: &crate::ids::Base) -> ExitCode {
    if let Some(out) = &args.out {
        if let Err(e) = check_export_file(out, &args.store) {
            report::error(&e);
            return ExitCode::from(2);
        }
        super::remove_stale_temps(crate::batch::folder_of(out));
    }
    let st = match store::open_existing(&args.store) {
        Ok(s) => s,
        Err(e) => {
            report::error(&e);
            return ExitCode::FAILURE;
        }
    };
    let graph = match &args.article {
        None => None,
        Some(a) => {
            let iri = if a.contains(':') {
                a.clone()
            } else {
                base.article(a)
            };
            let graph = match NamedNode::new(&iri) {
                Ok(g) => g,
                Err(e) => {
                    report::error_text(format!("--article {a:?}: invalid IRI: {e}"));
                    return ExitCode::from(2);
                }
            };
            match st.contains_named_graph(&graph) {
                Ok(true) => Some(graph),
                Ok(false) => {
                    report::error(&store_error(
                        &args.store,
                        &format!("no article graph <{iri}>"),
                    ));
                    return ExitCode::FAILURE;
                }
                Err(e) => {
                    report::error(&store::storage_error(&args.store, &e));
                    return ExitCode::FAILURE;
                }
            }
        }
    };
    let result = match &args.out {
        None => {
            let stdout = std::io::stdout().lock();
            store::export(
                &st,
                &args.store,
                args.format,
                graph.as_ref(),
                std::io::BufWriter::new(stdout),
            )
        }
        Some(path) => export_to_file(&st, args, graph.as_ref(), path),
    };
    match result {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => super::failed_stdout(&e),
    }
}

fn store_error(path: &std::path::Path, message: &str) -> Error {
    Error::Store {
        path: path.to_owned(),
        message: message.to_owned(),
    }
}

/// Streams the export into a temporary file beside `path`, then renames it over `path`.
fn export_to_file(
    st: &oxigraph::store::Store,
    args: &ExportArgs,
    graph: Option<&NamedNode>,
    path: &std::path::Path,
) -> crate::Result<u64> {
    let err = |source| Error::Write {
        path: path.to_owned(),
        source,
    };
    let tmp = crate::batch::temp_beside(path)?;
    let mut writer = std::io::BufWriter::new(tmp.as_file());
    let n = store::export(st, &args.store, args.format, graph, &mut writer)?;
    writer.flush().map_err(err)?;
    drop(writer);
    crate::batch::persist(tmp, path)?;
    Ok(n)
}

/// Refuses an export file that is not a regular file or lies in the store folder (the export's input:
/// a file written there could replace one of the store's own).
fn check_export_file(out: &std::path::Path, store: &std::path::Path) -> crate::Result<()> {
    crate::batch::check_output_file(out)?;
    crate::batch::check_outside(out, store)
}
