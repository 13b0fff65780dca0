//! `newsgraph query`: SPARQL from the command line, a file or a preset, over the merge of all article graphs.

use std::io::Read;
use std::process::ExitCode;

use super::{report, QueryArgs};
use crate::error::{Error, Result, Shown};
use crate::query;
use crate::store;

/// Runs `query`.
pub fn run(args: &QueryArgs) -> ExitCode {
    if args.list {
        return super::print_stdout(list().as_bytes());
    }
    match answer(args) {
        Ok(()) | Err(Error::ClosedOutput) => ExitCode::SUCCESS,
        Err(e @ Error::Query(_)) => {
            report::error(&e);
            ExitCode::from(2)
        }
        Err(e) => {
            report::error(&e);
            ExitCode::FAILURE
        }
    }
}

/// The presets, one a line: name, parameters, description.
fn list() -> String {
    let presets = query::presets();
    let width = presets.iter().map(|p| p.name.len()).max().unwrap_or(0);
    let mut out = String::new();
    for p in presets {
        out.push_str(&format!("{:<width$}  {}\n", p.name, p.description));
        for (name, description) in &p.params {
            out.push_str(&format!(
                "{:<width$}    --param {name}=...  {description}\n",
                ""
            ));
        }
    }
    out
}

fn answer(args: &QueryArgs) -> Result<()> {
    // Parse everything before opening the store, so a bad query fails fast and without touching it.
    // A listing preset's limit is in its text (see query::preset_text); any other query's outermost
    // LIMIT is replaced.
    let limit = args.limit;
    let preset = args.preset.as_deref().map(query::preset).transpose()?;
    let (text, source, needed): (String, String, Vec<String>) = if let Some(p) = &preset {
        let needed = p.params.iter().map(|(n, _)| n.clone()).collect();
        (String::new(), format!("preset {}", p.name), needed)
    } else if let Some(file) = &args.file {
        let mut text = String::new();
        let read = if file.as_os_str() == "-" {
            std::io::stdin().read_to_string(&mut text).map(|_| ())
        } else {
            std::fs::read_to_string(file).map(|t| text = t)
        };
        read.map_err(|source| Error::Read {
            path: file.clone(),
            source,
        })?;
        (text, Shown(file).to_string(), Vec::new())
    } else {
        (
            args.sparql.clone().unwrap_or_default(),
            String::new(),
            Vec::new(),
        )
    };
    let mut params = args
        .params
        .iter()
        .map(|p| query::parse_param(p))
        .collect::<Result<Vec<_>>>()?;
    if let Some(name) = &args.preset {
        for n in &needed {
            if !params.iter().any(|(v, _)| v.as_str() == n) {
                return Err(Error::Query(format!(
                    "preset {name} needs --param {n}=VALUE"
                )));
            }
        }
        if let Some((v, _)) = params
            .iter()
            .find(|(v, _)| !needed.iter().any(|n| n == v.as_str()))
        {
            return Err(Error::Query(format!(
                "preset {name} has no parameter {}",
                v.as_str()
            )));
        }
    }
    let deadline = query::Deadline::start(args.timeout.0).reading(&args.store);
    // A query is parsed before the store is opened, so that a bad one fails fast and without touching
    // it; a preset (ours, known to parse) is run by `run_preset`, which may need it twice.
    let prepared = match &preset {
        Some(_) => None,
        None => Some(query::prepare(&text, &source, limit, &deadline)?),
    };
    let st = store::open_existing(&args.store)?;
    let results = match (prepared, &preset) {
        (Some(prepared), _) => query::execute(&st, query::bind(prepared, &params), &deadline)?,
        (None, Some(p)) => {
            for (variable, term) in &mut params {
                if variable.as_str() == "entity" {
                    *term = query::entity_name(&st, term.clone())?;
                }
            }
            query::run_preset(&st, p, args.limit, &params, &deadline)?
        }
        (None, None) => unreachable!("a query without a preset is prepared above"),
    };
    let stdout = std::io::stdout().lock();
    let rows = query::write_results(
        results,
        args.format,
        std::io::BufWriter::new(stdout),
        &deadline,
    )?;
    if args.format == query::QueryFormat::Table
        && args.limit.is_none()
        && args.preset.is_some()
        && rows == query::PRESET_LIMIT
    {
        report::note(format!(
            "the preset shows its first {} rows: --limit N for more, --limit 0 for all",
            query::PRESET_LIMIT
        ));
    }
    Ok(())
}
