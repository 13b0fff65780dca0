//! `newsgraph package`: a batch as an E-ARK information package (the work is in [`crate::package`]),
//! and `package verify`.

use std::path::Path;
use std::process::ExitCode;

use super::{exit_code, report, PackageArgs, VerifyArgs};
use crate::article::Options;
use crate::error::Error;
use crate::package::{self, Header};

/// Reports each input as the package goes: errors and warnings on stderr, one line each.
struct Lines;

impl package::Reporter for Lines {
    fn failed(&mut self, e: &Error) {
        report::error(e);
    }

    fn warning(&mut self, path: &Path, message: String) {
        report::warning(path, message);
    }
}

/// Runs `package --out DIR INPUT...`.
pub fn run(args: &PackageArgs, opts: &Options, found: super::Found, quiet: bool) -> ExitCode {
    let (files, listed) = super::report_inputs(found);
    let Some(out) = &args.out else {
        return ExitCode::from(2);
    };
    let header = Header {
        submitter: args.submitter.clone(),
        creator: args.creator.clone(),
        record_ids: args.record_ids.clone(),
        rights: args.rights.clone(),
        private_persons: args.private_persons,
    };
    let gazetteers = &args.conversion.gazetteers;
    let target = package::target(out, args.archive);
    match package::write(
        out,
        args.archive,
        &files,
        opts,
        &header,
        gazetteers,
        &mut Lines,
    ) {
        Ok((mut summary, notes)) => {
            super::convert::print_notes(&notes, quiet);
            summary.failed += listed.failed;
            if !quiet {
                report::status(format!("{summary}; package {}", target.display()));
            }
            exit_code(summary)
        }
        Err(e) => {
            report::error_text(format!("{e} (package not written)"));
            ExitCode::FAILURE
        }
    }
}

/// Runs `package verify DIR`: one line per problem, a summary, exit code 1 when anything is wrong.
pub fn verify(args: &VerifyArgs, quiet: bool) -> ExitCode {
    match package::verify::verify(&args.dir, &args.gazetteers, &mut |e| report::error(e)) {
        Ok(r) => {
            if !quiet {
                report::status(format!("{}: {r}", args.dir.display()));
            }
            if r.problems == 0 {
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
