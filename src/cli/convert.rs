//! `newsgraph convert`: article files to JSON-LD, N-Quads, Turtle or XML, on stdout or one file per article.

use std::process::ExitCode;

use super::{exit_code, progress, ConvertArgs};
use crate::article::Options;
use crate::batch;
use crate::emit;
use crate::ids;

/// Runs `convert`.
pub fn run(args: &ConvertArgs, opts: &Options, quiet: bool) -> ExitCode {
    let (files, mut summary) = super::inputs(&args.inputs);
    let to_stdout = args.output.out.is_none();
    if to_stdout && (files.len() > 1 || args.inputs.iter().any(|p| p.is_dir())) {
        eprintln!("error: several inputs need --out DIR (stdout takes one FILE)");
        return ExitCode::from(2);
    }
    if let Some(dir) = &args.output.out {
        if !super::create_out_dir(dir) {
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
