//! Query side: SPARQL over the store, ready-made queries ("presets") for the common questions, safe
//! parameters and result formatting.
//!
//! The default graph of every query is the store's default graph, which `load` keeps as the RDF merge of
//! all article graphs (see `store`): each triple once, however many articles state it. A query that names
//! its own dataset with `FROM` gets that instead; `GRAPH ?g` ranges over the article graphs. Presets are
//! the `queries/*.rq` files of the project, compiled into the binary so that it answers the same wherever
//! it runs; their header comments give a description (`# description:`)
//! and parameters (`# param: NAME description`). Parameter values are bound as RDF terms through the
//! evaluator's variable substitution, never pasted into the query text, so no value can change the query.

use std::io::Write;
use std::sync::mpsc;
use std::time::Duration;

use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::{Literal, NamedNode, Term, Variable};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{
    CancellationToken, PreparedSparqlQuery, QueryEvaluationError, QueryResults, QuerySolution,
    QuerySolutionIter, SparqlEvaluator,
};
use oxigraph::store::Store;

use crate::emit::graph::SCHEMA;
use crate::error::{Error, Result};
use crate::store::index;

/// The ranking of `together` read from the index's co-mention lists (see [`run_preset`]).
const TOGETHER_INDEXED: &str = include_str!("../queries/together-indexed.rq");

/// The presets: (name, query text), in the order `--list` shows them.
const PRESETS: [(&str, &str); 8] = [
    ("people", include_str!("../queries/people.rq")),
    ("places", include_str!("../queries/places.rq")),
    ("organizations", include_str!("../queries/organizations.rq")),
    ("initiatives", include_str!("../queries/initiatives.rq")),
    ("quotes", include_str!("../queries/quotes.rq")),
    ("together", include_str!("../queries/together.rq")),
    ("mentions", include_str!("../queries/mentions.rq")),
    ("articles", include_str!("../queries/articles.rq")),
];

/// A ready-made query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preset {
    /// Name for `--preset`.
    pub name: &'static str,
    /// One-line description (the `# description:` header).
    pub description: String,
    /// Parameters the query needs (`# param:` headers): name and description.
    pub params: Vec<(String, String)>,
    /// The SPARQL text.
    pub text: &'static str,
    /// Whether the query may find fewer rows in the index's window of the newest articles than over all
    /// of them (the `# fallback:` header; see [`run_preset`]).
    pub fallback: bool,
    /// The same query reading the index's co-mention list of its entity, when it has one (see
    /// [`run_preset`]).
    pub indexed: Option<&'static str>,
}

impl Preset {
    fn parse(name: &'static str, text: &'static str) -> Self {
        let mut description = String::new();
        let mut params = Vec::new();
        let mut fallback = false;
        for line in text.lines().take_while(|l| l.starts_with('#')) {
            let line = line.trim_start_matches('#').trim();
            if let Some(d) = line.strip_prefix("description:") {
                description = d.trim().to_owned();
            } else if let Some(p) = line.strip_prefix("param:") {
                let p = p.trim();
                let (n, d) = p.split_once(char::is_whitespace).unwrap_or((p, ""));
                params.push((n.to_owned(), d.trim().to_owned()));
            } else if line.starts_with("fallback:") {
                fallback = true;
            }
        }
        Self {
            name,
            description,
            params,
            text,
            fallback,
            indexed: (name == "together").then_some(TOGETHER_INDEXED),
        }
    }

    /// Whether the preset writes its own row limit (`LIMIT 100`, see [`preset_text`]).
    pub fn has_limit(&self) -> bool {
        self.text.contains(&format!("LIMIT {PRESET_LIMIT}"))
    }
}

/// All presets.
pub fn presets() -> Vec<Preset> {
    PRESETS.iter().map(|(n, t)| Preset::parse(n, t)).collect()
}

/// The preset called `name`.
pub fn preset(name: &str) -> Result<Preset> {
    presets()
        .into_iter()
        .find(|p| p.name == name)
        .ok_or_else(|| {
            let names: Vec<&str> = PRESETS.iter().map(|(n, _)| *n).collect();
            Error::Query(format!(
                "unknown preset {name:?} (presets: {})",
                names.join(", ")
            ))
        })
}

/// Rows the presets that list the archive show unless `--limit` says otherwise.
pub const PRESET_LIMIT: usize = 100;

/// The text of a preset with its row limit set: the presets that list the archive write their limit as
/// `LIMIT 100`, sometimes in a subquery that picks the rows before the costly joins, so the limit is set
/// in the text (the presets are ours) rather than on the outermost query; `Some(0)` removes it. A preset
/// without that limit is limited like any query (see [`prepare`]).
///
/// The presets that list the latest articles read the index's window of the newest ones (`ng:recent`,
/// see `store::index`); asked for more rows than the window holds, or for all, they read every article's
/// date (`ng:published`) instead.
pub fn preset_text(preset: &Preset, limit: Option<usize>) -> String {
    limited(preset.text, limit)
}

/// A preset's `text` with its limit set (see [`preset_text`]).
fn limited(text: &str, limit: Option<usize>) -> String {
    let ours = format!("LIMIT {PRESET_LIMIT}");
    let text = match limit {
        None => text.to_owned(),
        Some(0) => text.replace(&ours, ""),
        Some(n) => text.replace(&ours, &format!("LIMIT {n}")),
    };
    match limit {
        Some(n) if n == 0 || n > index::WINDOW.min(index::TOP_WINDOW) => without_windows(&text),
        _ => text,
    }
}

/// A preset's text without the index's windows: every article's date instead of the newest ones'
/// (`ng:recent` → `ng:published`), every entity instead of the most mentioned (lines marked `# window`
/// dropped).
fn without_windows(text: &str) -> String {
    text.lines()
        .filter(|l| !l.trim_end().ends_with("# window"))
        .collect::<Vec<_>>()
        .join("\n")
        .replace("ng:recent", "ng:published")
}

/// Whether a preset's text reads one of the index's windows.
fn reads_window(text: &str) -> bool {
    text.contains("ng:recent") || text.lines().any(|l| l.trim_end().ends_with("# window"))
}

/// Runs a preset with `params` bound and its limit set to `limit` (see [`preset_text`]; `None`: the
/// preset's own). A preset with a `# fallback:` header first runs over the index's windows: the newest
/// articles (`mentions`: answers at once for an entity that recent articles name often) or the most
/// mentioned entities (`people`). When that gives fewer rows than the limit and a window leaves something
/// out, it runs again without the windows, which is then cheap (the entity is rare) or unavoidable (the
/// archive has fewer people than the limit among its most mentioned entities). Either way the rows are
/// those of the query without windows. `together` reads the index's co-mention list of its entity when
/// there is one.
pub fn run_preset(
    store: &Store,
    preset: &Preset,
    limit: Option<usize>,
    params: &[(Variable, Term)],
    deadline: &Deadline,
) -> Result<QueryResults<'static>> {
    let text = preset_text(preset, limit);
    let source = format!("preset {}", preset.name);
    let outer_limit = if preset.has_limit() { None } else { limit };
    let run = |text: &str| -> Result<QueryResults<'static>> {
        let prepared = bind(prepare(text, &source, outer_limit, deadline)?, params);
        execute(store, prepared, deadline)
    };
    if let Some(indexed) = preset.indexed {
        let short = limit.is_none_or(|n| n > 0 && n <= index::TOGETHER_TOP);
        if short && has_comention_list(store, params)? {
            return run(&limited(indexed, limit));
        }
    }
    if !preset.fallback || !reads_window(&text) {
        return run(&text);
    }
    let QueryResults::Solutions(solutions) = run(&text)? else {
        return Err(Error::Query(format!("{source}: not a SELECT query")));
    };
    let variables: std::sync::Arc<[Variable]> = solutions.variables().into();
    let rows: Vec<QuerySolution> = solutions
        .collect::<std::result::Result<_, _>>()
        .map_err(|e| deadline.error(e))?;
    let wanted = limit.unwrap_or(PRESET_LIMIT);
    let more = index::windows_leave_out(store).map_err(|e| Error::Query(e.to_string()))?;
    if rows.len() >= wanted || !more {
        return Ok(QuerySolutionIter::new(variables, rows.into_iter().map(Ok)).into());
    }
    run(&without_windows(&text))
}

/// Whether the `entity` parameter names exactly one entity and the index holds its co-mention list.
fn has_comention_list(store: &Store, params: &[(Variable, Term)]) -> Result<bool> {
    let storage = |e: oxigraph::store::StorageError| Error::Query(e.to_string());
    let Some((_, Term::Literal(name))) = params.iter().find(|(v, _)| v.as_str() == "entity") else {
        return Ok(false);
    };
    let named: Vec<_> = store
        .quads_for_pattern(
            None,
            Some(oxigraph::model::NamedNodeRef::new_unchecked(
                "http://schema.org/name",
            )),
            Some(name.as_ref().into()),
            Some(oxigraph::model::GraphNameRef::DefaultGraph),
        )
        .take(2)
        .collect::<std::result::Result<_, _>>()
        .map_err(storage)?;
    let [only] = named.as_slice() else {
        return Ok(false);
    };
    let listed = store
        .quads_for_pattern(
            Some(only.subject.as_ref()),
            Some(oxigraph::model::NamedNodeRef::new_unchecked(index::WITH)),
            None,
            Some(index::graph().into()),
        )
        .next()
        .transpose()
        .map_err(storage)?
        .is_some();
    Ok(listed)
}

/// Parses `NAME=VALUE`. A value written `<IRI>` is bound as an IRI, anything else as a plain string literal.
pub fn parse_param(arg: &str) -> Result<(Variable, Term)> {
    let (name, value) = arg
        .split_once('=')
        .ok_or_else(|| Error::Query(format!("parameter {arg:?} is not NAME=VALUE")))?;
    let name = name.trim().trim_start_matches(['?', '$']);
    let variable = Variable::new(name).map_err(|_| {
        Error::Query(format!(
            "parameter name {name:?} is not a SPARQL variable name"
        ))
    })?;
    let term = match value.strip_prefix('<').and_then(|v| v.strip_suffix('>')) {
        Some(iri) => NamedNode::new(iri)
            .map_err(|e| Error::Query(format!("parameter {name}: invalid IRI <{iri}>: {e}")))?
            .into(),
        None => Literal::new_simple_literal(value).into(),
    };
    Ok((variable, term))
}

/// An entity name as the presets match it: a known alias becomes the shipped canonical name
/// ("Gothenburg" → "Göteborg"), then the name as the store spells it when it differs only in case
/// ("biskopsgården" → "Biskopsgården"). The presets then find the entity by the exact name through the
/// store's index instead of comparing every name in the store inside the query (seconds at 100,000
/// articles). Anything else is returned as it is.
pub fn entity_name(store: &Store, term: Term) -> Result<Term> {
    let Term::Literal(l) = &term else {
        return Ok(term);
    };
    if l.datatype() != oxigraph::model::vocab::xsd::STRING {
        return Ok(term);
    }
    let given = crate::entities::Gazetteer::canonical_name(l.value())
        .unwrap_or_else(|| l.value().to_owned());
    let name = oxigraph::model::NamedNodeRef::new_unchecked("http://schema.org/name");
    let storage = |e: oxigraph::store::StorageError| Error::Query(e.to_string());
    let exact = Literal::new_simple_literal(&given);
    let default = Some(oxigraph::model::GraphNameRef::DefaultGraph);
    if store
        .quads_for_pattern(None, Some(name), Some(exact.as_ref().into()), default)
        .next()
        .transpose()
        .map_err(storage)?
        .is_some()
    {
        return Ok(exact.into());
    }
    let wanted = given.to_lowercase();
    for q in store.quads_for_pattern(None, Some(name), None, default) {
        if let Term::Literal(n) = q.map_err(storage)?.object {
            if n.value().to_lowercase() == wanted {
                return Ok(n.into());
            }
        }
    }
    Ok(exact.into())
}

/// Parses a query (one-line error with its position when malformed). `source`
/// names where the query came from in errors (a file, a preset; empty for a query given as text). `limit`
/// replaces the LIMIT of a SELECT query (`Some(0)`: no limit; `None` keeps the query's own). The query
/// stops when `deadline` passes (see [`Deadline`]).
pub fn prepare(
    text: &str,
    source: &str,
    limit: Option<usize>,
    deadline: &Deadline,
) -> Result<PreparedSparqlQuery> {
    let parsed = spargebra::SparqlParser::new()
        .parse_query(text)
        .map_err(|e| {
            let msg = e.to_string().replace('\n', " ");
            let msg = msg
                .strip_prefix("error at ")
                .map_or(msg.clone(), |m| format!("syntax error at {m}"));
            Error::Query(if source.is_empty() {
                msg
            } else {
                format!("{source}: {msg}")
            })
        })?;
    if let Some(name) = service_of(&parsed) {
        let at = if source.is_empty() {
            String::new()
        } else {
            format!("{source}: ")
        };
        return Err(Error::Query(format!(
            "{at}SERVICE {name}: not supported, newsgraph does not federate queries (it answers from its own store only)"
        )));
    }
    let parsed = in_written_order(parsed, text);
    let parsed = match limit {
        Some(n) => with_limit(parsed, n),
        None => parsed,
    };
    Ok(SparqlEvaluator::new()
        .with_cancellation_token(deadline.token.clone())
        .for_query(parsed))
}

/// The endpoint of the first `SERVICE` (other than `SERVICE SILENT`, which the engine answers with no
/// rows) anywhere in a query, `EXISTS` filters included. The engine has no federation client built in,
/// so such a query is refused before it runs, with a clear message, rather than failing half-way.
fn service_of(query: &spargebra::Query) -> Option<&spargebra::term::NamedNodePattern> {
    let (spargebra::Query::Select { pattern, .. }
    | spargebra::Query::Construct { pattern, .. }
    | spargebra::Query::Describe { pattern, .. }
    | spargebra::Query::Ask { pattern, .. }) = query;
    service_in(pattern)
}

fn service_in(
    pattern: &spargebra::algebra::GraphPattern,
) -> Option<&spargebra::term::NamedNodePattern> {
    use spargebra::algebra::GraphPattern as P;
    match pattern {
        P::Service {
            name,
            inner,
            silent,
        } => (!silent).then_some(name).or_else(|| service_in(inner)),
        P::Join { left, right }
        | P::Lateral { left, right }
        | P::Union { left, right }
        | P::Minus { left, right } => service_in(left).or_else(|| service_in(right)),
        P::LeftJoin {
            left,
            right,
            expression,
        } => service_in(left)
            .or_else(|| service_in(right))
            .or_else(|| expression.as_ref().and_then(service_in_expression)),
        P::Filter { expr, inner } => service_in_expression(expr).or_else(|| service_in(inner)),
        P::Extend {
            inner, expression, ..
        } => service_in(inner).or_else(|| service_in_expression(expression)),
        P::OrderBy { inner, expression } => service_in(inner).or_else(|| {
            expression.iter().find_map(|e| match e {
                spargebra::algebra::OrderExpression::Asc(e)
                | spargebra::algebra::OrderExpression::Desc(e) => service_in_expression(e),
            })
        }),
        P::Group {
            inner, aggregates, ..
        } => service_in(inner).or_else(|| {
            aggregates.iter().find_map(|(_, a)| match a {
                spargebra::algebra::AggregateExpression::FunctionCall { expr, .. } => {
                    service_in_expression(expr)
                }
                spargebra::algebra::AggregateExpression::CountSolutions { .. } => None,
            })
        }),
        P::Graph { inner, .. }
        | P::Project { inner, .. }
        | P::Distinct { inner }
        | P::Reduced { inner }
        | P::Slice { inner, .. } => service_in(inner),
        P::Bgp { .. } | P::Path { .. } | P::Values { .. } => None,
    }
}

fn service_in_expression(
    expression: &spargebra::algebra::Expression,
) -> Option<&spargebra::term::NamedNodePattern> {
    use spargebra::algebra::Expression as E;
    match expression {
        E::Exists(pattern) => service_in(pattern),
        E::Or(a, b)
        | E::And(a, b)
        | E::Equal(a, b)
        | E::SameTerm(a, b)
        | E::Greater(a, b)
        | E::GreaterOrEqual(a, b)
        | E::Less(a, b)
        | E::LessOrEqual(a, b)
        | E::Add(a, b)
        | E::Subtract(a, b)
        | E::Multiply(a, b)
        | E::Divide(a, b) => service_in_expression(a).or_else(|| service_in_expression(b)),
        E::UnaryPlus(a) | E::UnaryMinus(a) | E::Not(a) => service_in_expression(a),
        E::If(a, b, c) => service_in_expression(a)
            .or_else(|| service_in_expression(b))
            .or_else(|| service_in_expression(c)),
        E::In(a, list) => std::iter::once(&**a)
            .chain(list)
            .find_map(service_in_expression),
        E::Coalesce(list) | E::FunctionCall(_, list) => list.iter().find_map(service_in_expression),
        _ => None,
    }
}

/// Binds the parameters of a prepared query (see [`parse_param`]).
pub fn bind(mut prepared: PreparedSparqlQuery, params: &[(Variable, Term)]) -> PreparedSparqlQuery {
    for (variable, term) in params {
        prepared = prepared.substitute_variable(variable.clone(), term.clone());
    }
    prepared
}

/// A `SELECT *` query with its columns in the order the query first names its variables: the parser
/// lists the in-scope variables sorted by name (`o, p, s` for `?s ?p ?o`), which is not what was written.
fn in_written_order(query: spargebra::Query, text: &str) -> spargebra::Query {
    use spargebra::algebra::GraphPattern;
    fn project(pattern: &mut GraphPattern) -> Option<&mut Vec<Variable>> {
        match pattern {
            GraphPattern::Project { variables, .. } => Some(variables),
            GraphPattern::Slice { inner, .. }
            | GraphPattern::Distinct { inner }
            | GraphPattern::Reduced { inner } => project(inner),
            _ => None,
        }
    }
    let spargebra::Query::Select {
        dataset,
        mut pattern,
        base_iri,
    } = query
    else {
        return query;
    };
    if selects_star(text) {
        if let Some(variables) = project(&mut pattern) {
            variables.sort_by_key(|v| first_use(text, v.as_str()));
        }
    }
    spargebra::Query::Select {
        dataset,
        pattern,
        base_iri,
    }
}

/// Whether the outermost SELECT (the first one: only PREFIX and BASE can stand before it) is `SELECT *`.
fn selects_star(text: &str) -> bool {
    let code: String = text
        .lines()
        .map(|l| {
            if l.trim_start().starts_with('#') {
                ""
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let upper = code.to_ascii_uppercase();
    let Some(at) = upper.find("SELECT") else {
        return false;
    };
    let mut rest = code[at + "SELECT".len()..].trim_start();
    for word in ["DISTINCT", "REDUCED"] {
        if rest.len() >= word.len() && rest[..word.len()].eq_ignore_ascii_case(word) {
            rest = rest[word.len()..].trim_start();
        }
    }
    rest.starts_with('*')
}

/// Byte offset of the first `?name` or `$name` in the query text (variables the text never names, such
/// as those of a parser's own making, go last).
fn first_use(text: &str, name: &str) -> usize {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(at) = text[from..].find(name).map(|i| from + i) {
        let end = at + name.len();
        let sigil = at > 0 && matches!(bytes[at - 1], b'?' | b'$');
        let whole = bytes
            .get(end)
            .is_none_or(|b| !(b.is_ascii_alphanumeric() || *b == b'_' || *b >= 0x80));
        if sigil && whole {
            return at;
        }
        from = end;
    }
    usize::MAX
}

/// The SELECT `query` with its outermost LIMIT set to `limit` (0: removed); other queries as they are.
fn with_limit(query: spargebra::Query, limit: usize) -> spargebra::Query {
    use spargebra::algebra::GraphPattern;
    let spargebra::Query::Select {
        dataset,
        pattern,
        base_iri,
    } = query
    else {
        return query;
    };
    let (inner, start) = match pattern {
        GraphPattern::Slice { inner, start, .. } => (*inner, start),
        other => (other, 0),
    };
    let pattern = if limit == 0 && start == 0 {
        inner
    } else {
        GraphPattern::Slice {
            inner: Box::new(inner),
            start,
            length: (limit > 0).then_some(limit),
        }
    };
    spargebra::Query::Select {
        dataset,
        pattern,
        base_iri,
    }
}

/// Runs a prepared query on the store. Evaluation goes on while the results are read; errors met then
/// go through [`Deadline::error`] too.
pub fn execute(
    store: &Store,
    prepared: PreparedSparqlQuery,
    deadline: &Deadline,
) -> Result<QueryResults<'static>> {
    prepared
        .on_store(store)
        .execute()
        .map_err(|e| deadline.error(e))
}

/// The time limit of one query. The engine checks a cancellation token at every statement it reads; a
/// watchdog thread cancels it when the limit passes, so a runaway query ends with [`Error::Timeout`] and
/// frees its thread. Dropping the deadline stops the watchdog.
pub struct Deadline {
    token: CancellationToken,
    limit: Option<Duration>,
    /// The store queried, named in read errors.
    store: Option<std::path::PathBuf>,
    _stop: Option<mpsc::Sender<()>>,
}

impl Deadline {
    /// Starts the clock; `None` is no limit.
    pub fn start(limit: Option<Duration>) -> Self {
        let token = CancellationToken::new();
        let stop = limit.map(|limit| {
            let (stop, stopped) = mpsc::channel::<()>();
            let cancel = token.clone();
            std::thread::spawn(move || {
                // Disconnected (the query ended) wakes this early; a timeout is the limit passing.
                if stopped.recv_timeout(limit) == Err(mpsc::RecvTimeoutError::Timeout) {
                    cancel.cancel();
                }
            });
            stop
        });
        Self {
            token,
            limit,
            store: None,
            _stop: stop,
        }
    }

    /// The same deadline for a query of the store at `path`: its read errors become
    /// [`Error::StorageRead`] naming it.
    pub fn reading(mut self, path: &std::path::Path) -> Self {
        self.store = Some(path.to_owned());
        self
    }

    /// Stops the query now (a client that went away).
    pub fn cancel(&self) {
        self.token.cancel();
    }

    /// Whether the query was stopped (its time is up, or [`Deadline::cancel`]).
    pub fn is_cancelled(&self) -> bool {
        self.token.is_cancelled()
    }

    /// The error of a query whose time is up, for work done outside the engine (writing results).
    pub fn expired(&self) -> Error {
        match self.limit {
            Some(limit) => Error::Timeout(limit),
            None => Error::Query("stopped".into()),
        }
    }

    /// One error line for an evaluation error: a cancelled query is a timeout, a storage error names the
    /// store.
    pub fn error(&self, e: QueryEvaluationError) -> Error {
        match (e, self.limit, &self.store) {
            (QueryEvaluationError::Cancelled, Some(limit), _) => Error::Timeout(limit),
            (QueryEvaluationError::Dataset(e), _, Some(path)) => Error::StorageRead {
                path: path.clone(),
                message: e.to_string().replace('\n', " "),
            },
            (e, _, _) => Error::Query(e.to_string().replace('\n', " ")),
        }
    }
}

/// Output formats of `query`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum QueryFormat {
    /// Aligned text table for reading on a terminal (long values shortened; CONSTRUCT/DESCRIBE give Turtle).
    Table,
    /// W3C SPARQL 1.1 Query Results CSV.
    Csv,
    /// W3C SPARQL 1.1 Query Results TSV.
    Tsv,
    /// W3C SPARQL 1.1 Query Results JSON (JSON-LD for CONSTRUCT/DESCRIBE).
    Json,
    /// W3C SPARQL Query Results XML (RDF/XML for CONSTRUCT/DESCRIBE).
    Xml,
    /// Turtle (CONSTRUCT/DESCRIBE only).
    Turtle,
    /// N-Triples (CONSTRUCT/DESCRIBE only).
    Ntriples,
    /// JSON-LD (CONSTRUCT/DESCRIBE only).
    Jsonld,
}

impl QueryFormat {
    fn results_format(self) -> Option<QueryResultsFormat> {
        match self {
            QueryFormat::Csv => Some(QueryResultsFormat::Csv),
            QueryFormat::Tsv => Some(QueryResultsFormat::Tsv),
            QueryFormat::Json => Some(QueryResultsFormat::Json),
            QueryFormat::Xml => Some(QueryResultsFormat::Xml),
            _ => None,
        }
    }

    fn rdf_format(self) -> Option<RdfFormat> {
        match self {
            QueryFormat::Table | QueryFormat::Turtle => Some(RdfFormat::Turtle),
            QueryFormat::Ntriples => Some(RdfFormat::NTriples),
            QueryFormat::Json | QueryFormat::Jsonld => Some(RdfFormat::JsonLd {
                profile: JsonLdProfileSet::empty(),
            }),
            QueryFormat::Xml => Some(RdfFormat::RdfXml),
            QueryFormat::Csv | QueryFormat::Tsv => None,
        }
    }
}

/// Writes query results in `format`; returns the number of rows (solutions, or triples for graphs).
pub fn write_results(
    results: QueryResults<'_>,
    format: QueryFormat,
    mut out: impl Write,
    deadline: &Deadline,
) -> Result<usize> {
    let io = write_error;
    let eval = |e: QueryEvaluationError| deadline.error(e);
    match results {
        QueryResults::Solutions(solutions) => {
            if format == QueryFormat::Table {
                return write_table(solutions, out, deadline);
            }
            let Some(rf) = format.results_format() else {
                return Err(Error::Query(
                    "SELECT gives solutions: use --format table, csv, tsv, json or xml".into(),
                ));
            };
            let mut serializer = QueryResultsSerializer::from_format(rf)
                .serialize_solutions_to_writer(out, solutions.variables().to_vec())
                .map_err(io)?;
            let mut rows = 0;
            for solution in solutions {
                serializer.serialize(&solution.map_err(eval)?).map_err(io)?;
                rows += 1;
            }
            serializer.finish().map_err(io)?.flush().map_err(io)?;
            Ok(rows)
        }
        QueryResults::Boolean(value) => {
            match format.results_format() {
                Some(rf) => {
                    QueryResultsSerializer::from_format(rf)
                        .serialize_boolean_to_writer(&mut out, value)
                        .map_err(io)?;
                }
                None if format == QueryFormat::Table => writeln!(out, "{value}").map_err(io)?,
                None => {
                    return Err(Error::Query(
                        "ASK gives a boolean: use --format table, csv, tsv, json or xml".into(),
                    ))
                }
            }
            out.flush().map_err(io)?;
            Ok(1)
        }
        QueryResults::Graph(triples) => {
            let Some(rf) = format.rdf_format() else {
                return Err(Error::Query(
                    "CONSTRUCT and DESCRIBE give RDF: use --format turtle, ntriples, jsonld, json or xml".into(),
                ));
            };
            let mut serializer = RdfSerializer::from_format(rf);
            if rf != RdfFormat::NTriples {
                serializer = serializer
                    .with_prefix("schema", SCHEMA)
                    .expect("valid prefix");
            }
            let mut writer = serializer.for_writer(out);
            let mut rows = 0;
            for t in triples {
                writer.serialize_triple(&t.map_err(eval)?).map_err(io)?;
                rows += 1;
            }
            writer.finish().map_err(io)?.flush().map_err(io)?;
            Ok(rows)
        }
    }
}

/// A failed write of the results: a reader that went away (`query ... | head`) is [`Error::ClosedOutput`],
/// which the command ends on quietly, as other tools in a pipe do.
pub(crate) fn write_error(e: std::io::Error) -> Error {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        Error::ClosedOutput
    } else {
        Error::Write {
            path: "<output>".into(),
            source: e,
        }
    }
}

/// Longest cell of the text table, in characters; longer values end in "…" (use csv/tsv/json for all).
pub const TABLE_CELL: usize = 60;

/// A term as a table cell: literals by their value, IRIs bare, blank nodes as `_:id`.
pub fn cell(term: &Term) -> String {
    let s = match term {
        Term::Literal(l) => l.value().to_owned(),
        Term::NamedNode(n) => n.as_str().to_owned(),
        other => other.to_string(),
    };
    let s: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if s.chars().count() > TABLE_CELL {
        let mut t: String = s.chars().take(TABLE_CELL - 1).collect();
        t.push('…');
        t
    } else {
        s
    }
}

fn is_number(term: &Term) -> bool {
    matches!(term, Term::Literal(l) if l.datatype().as_str().starts_with("http://www.w3.org/2001/XMLSchema#")
        && matches!(l.datatype().as_str().rsplit('#').next(), Some("integer" | "decimal" | "double" | "float" | "long" | "int")))
}

fn write_table(
    solutions: QuerySolutionIter<'_>,
    mut out: impl Write,
    deadline: &Deadline,
) -> Result<usize> {
    let io = write_error;
    let vars: Vec<String> = solutions
        .variables()
        .iter()
        .map(|v| v.as_str().to_owned())
        .collect();
    let mut widths: Vec<usize> = vars.iter().map(|v| v.chars().count()).collect();
    let mut numeric = vec![true; vars.len()];
    let mut rows: Vec<Vec<String>> = Vec::new();
    for solution in solutions {
        let solution = solution.map_err(|e| deadline.error(e))?;
        let row: Vec<String> = (0..vars.len())
            .map(|i| match solution.get(i) {
                Some(t) => {
                    numeric[i] &= is_number(t);
                    cell(t)
                }
                None => String::new(),
            })
            .collect();
        for (w, c) in widths.iter_mut().zip(&row) {
            *w = (*w).max(c.chars().count());
        }
        rows.push(row);
    }
    let line = |cells: &[String], numeric: &[bool]| -> String {
        let parts: Vec<String> = cells
            .iter()
            .zip(&widths)
            .zip(numeric)
            .map(|((c, w), n)| {
                let pad = " ".repeat(w - c.chars().count());
                if *n {
                    format!("{pad}{c}")
                } else {
                    format!("{c}{pad}")
                }
            })
            .collect();
        parts.join("  ").trim_end().to_owned()
    };
    let no_numeric = vec![false; vars.len()];
    writeln!(out, "{}", line(&vars, &no_numeric)).map_err(io)?;
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    writeln!(out, "{}", rule.join("  ")).map_err(io)?;
    for row in &rows {
        writeln!(out, "{}", line(row, &numeric)).map_err(io)?;
    }
    let n = rows.len();
    writeln!(out, "({n} row{})", if n == 1 { "" } else { "s" }).map_err(io)?;
    out.flush().map_err(io)?;
    Ok(n)
}
