//! `newsgraph publish`: the store as a folder of dumps with a DCAT-AP catalogue (see `crate::publish`).

use std::process::ExitCode;

use super::{report, PublishArgs};
use crate::publish::{self, Meta};
use crate::store;

/// Opens the store read-only, writes the publication and prints what it holds.
pub fn run(args: &PublishArgs, meta: &Meta, quiet: bool) -> ExitCode {
    if let Err(e) = meta.check() {
        report::error(&e);
        return ExitCode::from(2);
    }
    let st = match store::open_existing(&args.store) {
        Ok(s) => s,
        Err(e) => {
            report::error(&e);
            return ExitCode::FAILURE;
        }
    };
    match publish::publish(&st, &args.store, &args.out, meta, &publish::today()) {
        Ok(p) => {
            if !quiet {
                let dumps: Vec<String> = p
                    .dumps
                    .iter()
                    .map(|d| {
                        format!(
                            "{} ({} statements, {} bytes)",
                            d.name, d.statements, d.bytes
                        )
                    })
                    .collect();
                eprintln!(
                    "published {} articles ({} statements in the merge) to {}: {}, catalog.ttl, catalog.jsonld, void.ttl",
                    p.articles,
                    p.triples,
                    args.out.display(),
                    dumps.join(", ")
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            report::error(&e);
            ExitCode::FAILURE
        }
    }
}
