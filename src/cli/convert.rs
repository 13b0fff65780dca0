//! `newsgraph convert`: article files to JSON-LD, N-Quads, Turtle or XML, on stdout or one file per article.

use std::process::ExitCode;

use super::{exit_code, progress, ConvertArgs};
use crate::article::Options;
use crate::batch::{self, Summary};
use crate::emit;
use crate::error::Error;
use crate::ids;

/// Runs `convert`.
pub fn run(args: &ConvertArgs, opts: &Options, quiet: bool) -> ExitCode {
    let (files, walk_errors) = batch::collect_inputs(&args.inputs);
    let mut summary = Summary {
        ok: 0,
        failed: walk_errors.len(),
    };
    for e in &walk_errors {
        eprintln!("error: {e}");
    }
    let to_stdout = args.output.out.is_none();
    if to_stdout && (files.len() > 1 || args.inputs.iter().any(|p| p.is_dir())) {
        eprintln!("error: several inputs need --out DIR (stdout takes one FILE)");
        return ExitCode::from(2);
    }
    if let Some(dir) = &args.output.out {
        if let Err(source) = std::fs::create_dir_all(dir) {
            eprintln!(
                "error: {}",
                Error::Write {
                    path: dir.clone(),
                    source
                }
            );
            return ExitCode::FAILURE;
        }
    }
    let bar = progress(files.len(), quiet);
    batch::convert_each(&files, opts, |path, result| {
        bar.inc(1);
        let written = result.and_then(|article| {
            if args.output.format == emit::Format::Xml {
                for f in emit::xml::forbidden_chars(&article) {
                    bar.suspend(|| eprintln!("warning: {}: {f}", path.display()));
                }
            }
            let text = emit::render(&article, args.output.format, args.output.named_graph);
            match &args.output.out {
                None => {
                    print!("{text}");
                    Ok(())
                }
                Some(dir) => {
                    let name = format!(
                        "{}.{}",
                        ids::slug(&article.id),
                        args.output.format.extension()
                    );
                    batch::write_atomic(&dir.join(name), text.as_bytes())
                }
            }
        });
        match written {
            Ok(()) => summary.ok += 1,
            Err(e) => {
                bar.suspend(|| eprintln!("error: {e}"));
                summary.failed += 1;
            }
        }
    });
    bar.finish_and_clear();
    if !quiet && !to_stdout {
        eprintln!("{summary}");
    }
    exit_code(summary)
}
