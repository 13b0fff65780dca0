//! `newsgraph push`: the store's graphs, or those of article files, sent to a remote store (see
//! `crate::push`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use super::{progress, report, PushArgs};
use crate::article::Options;
use crate::error::Shown;
use crate::push::{self, Event, Pushed, Remote, Scope};
use crate::store;

/// Without a terminal, a plain progress line this often on long pushes.
const PROGRESS_EVERY: Duration = Duration::from_secs(10);

/// Pushes the store named by `--store`.
pub fn from_store(args: &PushArgs, quiet: bool) -> ExitCode {
    let Some(remote) = remote(args) else {
        return ExitCode::from(2);
    };
    let st = match store::open_existing(&args.store) {
        Ok(s) => s,
        Err(e) => {
            report::error(&e);
            return ExitCode::FAILURE;
        }
    };
    let state = args
        .state
        .clone()
        .unwrap_or_else(|| push::default_state(&args.store));
    send(&st, &args.store, &remote, Scope::Store, &state, args, quiet)
}

/// Converts the INPUT files as `load` does, into a temporary store, and pushes their graphs.
pub fn from_files(args: &PushArgs, opts: &Options, found: super::Found, quiet: bool) -> ExitCode {
    let Some(remote) = remote(args) else {
        return ExitCode::from(2);
    };
    let (files, walked) = super::report_inputs(found);
    let tmp = match tempfile::Builder::new()
        .prefix(".newsgraph-push-")
        .tempdir()
    {
        Ok(t) => t,
        Err(e) => {
            report::error_text(format!("cannot make a temporary store: {e}"));
            return ExitCode::FAILURE;
        }
    };
    let path = tmp.path().join("store");
    let st = match store::open(&path) {
        Ok(s) => s,
        Err(e) => {
            report::error(&e);
            return ExitCode::FAILURE;
        }
    };
    let mut failed = walked.failed;
    let loaded = store::load(&st, &path, &files, opts, |event| {
        if let store::Event::Failed(e) = event {
            failed += 1;
            report::error(&e);
        }
    });
    match loaded {
        Ok((_, notes)) => super::convert::print_notes(&notes, quiet),
        Err(e) => {
            report::error(&e);
            return ExitCode::FAILURE;
        }
    }
    let state = args
        .state
        .clone()
        .unwrap_or_else(|| PathBuf::from("newsgraph.push-state"));
    let code = send(&st, &path, &remote, Scope::Articles, &state, args, quiet);
    if failed > 0 {
        ExitCode::FAILURE
    } else {
        code
    }
}

/// The remote from the arguments and the environment; `None` after reporting a bad endpoint.
fn remote(args: &PushArgs) -> Option<Remote> {
    if let Err(e) = Remote::check_endpoint(&args.endpoint) {
        report::error(&e);
        return None;
    }
    let merge_graph = match args
        .merge_graph
        .as_deref()
        .map(oxigraph::model::NamedNode::new)
    {
        None => None,
        Some(Ok(g)) => Some(g),
        Some(Err(e)) => {
            report::error_text(format!("--merge-graph: not an absolute IRI: {e}"));
            return None;
        }
    };
    Some(Remote {
        endpoint: args.endpoint.clone(),
        authorization: Remote::authorization_from_env(),
        concurrency: usize::from(args.concurrency),
        retries: args.retries,
        timeout: args.timeout.0,
        backoff: Duration::from_millis(500),
        merge_graph,
    })
}

/// Sends, with a progress bar (or a plain line every 10 s without a terminal) and the summary.
fn send(
    st: &oxigraph::store::Store,
    path: &Path,
    remote: &Remote,
    scope: Scope,
    state: &Path,
    args: &PushArgs,
    quiet: bool,
) -> ExitCode {
    let start = Instant::now();
    let mut bar = indicatif::ProgressBar::hidden();
    let mut last_line = Instant::now();
    let result = push::push(
        st,
        path,
        remote,
        scope,
        state,
        args.all,
        |event| match event {
            Event::Started { total } => bar = progress(total, quiet),
            Event::Failed(e) => bar.suspend(|| report::error(e)),
            Event::Progress { done, total } => {
                bar.set_position(done as u64);
                if !quiet && bar.is_hidden() && total > 1 && last_line.elapsed() >= PROGRESS_EVERY {
                    last_line = Instant::now();
                    report::status(format!(
                        "progress: {done}/{total} article graphs, {:.0} s",
                        start.elapsed().as_secs_f64()
                    ));
                }
            }
        },
    );
    bar.finish_and_clear();
    match result {
        Ok(Pushed {
            sent,
            unchanged,
            failed,
        }) => {
            if !quiet {
                report::status(format!(
                    "pushed to {}: {sent} sent, {unchanged} unchanged, {failed} failed, in {:.2} s (state: {})",
                    remote.shown(),
                    start.elapsed().as_secs_f64(),
                    Shown(state)
                ));
            }
            if failed == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(e) => {
            report::error(&e);
            ExitCode::FAILURE
        }
    }
}
