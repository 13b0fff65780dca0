//! Command line: argument parsing (clap) and thin command functions over the library.
//!
//! Every command prints errors as one line naming the file, keeps going with the other inputs, and
//! returns exit code 0 only when every input succeeded.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Args, CommandFactory, Parser, Subcommand};

mod archive;
mod convert;
mod import;
mod package;
mod publish;
mod push;
mod query;
pub(crate) mod report;
pub(crate) mod serve;
mod store;

use crate::article::Options;
use crate::batch::Summary;
use crate::emit::Format;
use crate::entities::Gazetteer;
use crate::error::{Error, Result};
use crate::ids::Base;

/// Turns news article files into linked data: schema.org JSON-LD, XML archives and RDF in an embedded
/// Oxigraph store that analysts query with SPARQL.
#[derive(Debug, Parser)]
#[command(name = "newsgraph", version, about, long_about = None, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes: how much it says on stderr, and in what form.
#[derive(Debug, Args)]
pub struct Global {
    /// No progress bar and no summary line (errors are still printed).
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// Also say what was read, which rules fired and how long each step took (on stderr).
    #[arg(long, short, global = true, conflicts_with = "quiet")]
    pub verbose: bool,
    /// Errors, warnings, notes and status lines on stderr as JSON lines ({"level", "file",
    /// "message"}), for scripts.
    #[arg(long = "json-errors", visible_alias = "json", global = true)]
    pub json_errors: bool,
}

/// Where article and entity IRIs start: for the commands that make or look up article IRIs.
#[derive(Debug, Args)]
pub struct BaseArgs {
    /// IRI base for article and entity identifiers (must end with '/' or '#').
    /// Default: `base` in the config file, else https://id.newsgraph.example/
    #[arg(long, env = "NEWSGRAPH_BASE", value_name = "IRI")]
    pub base: Option<String>,
    /// Config file (TOML: `base = "..."`, `gazetteers = ["file.csv"]`, `url_schemes = ["ftp"]` for
    /// links besides http and https). Default: ./newsgraph.toml if present.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// Conversion settings: for the commands that read article files.
#[derive(Debug, Args)]
pub struct ConversionArgs {
    #[command(flatten)]
    pub iri: BaseArgs,
    /// Extra gazetteer (CSV/TSV with columns name,kind,type,aliases,same_as,latitude,longitude); repeatable.
    #[arg(long = "gazetteer", value_name = "FILE")]
    pub gazetteers: Vec<PathBuf>,
    /// Refuse input files larger than this many bytes.
    #[arg(long, default_value_t = crate::read::DEFAULT_MAX_SIZE, value_name = "BYTES")]
    pub max_size: u64,
}

/// How articles get their ids: for the commands that convert files into articles.
#[derive(Debug, Args)]
pub struct IdArgs {
    /// Where an article without a front-matter `id` or `url` gets its id: the file name without its
    /// extension (stem), or the file's path as given without its extension (path: `2024/a.txt` and
    /// `2025/a.txt` become `2024/a` and `2025/a`, two articles).
    #[arg(long, value_enum, default_value = "stem", value_name = "FROM")]
    pub id_from: crate::article::IdFrom,
    /// The id of the article read from stdin ('-'), over its front matter's (default: its front
    /// matter's id or url, else stdin).
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,
}

/// Which symbolic links folder walks follow: for the commands that read folders.
#[derive(Debug, Args)]
pub struct WalkArgs {
    /// Follow every symbolic link in input folders. By default only links whose target lies inside the
    /// folder named are followed; others are skipped with a warning.
    #[arg(long)]
    pub follow: bool,
}

impl WalkArgs {
    fn links(&self) -> crate::batch::Links {
        if self.follow {
            crate::batch::Links::All
        } else {
            crate::batch::Links::Inside
        }
    }
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Convert article files to JSON-LD, N-Quads, Turtle or XML archives.
    ///
    /// Without --out the result goes to stdout: several articles (several FILEs, a WARC file's pages) as
    /// one JSON array, one archive, or Turtle documents one after the other; N-Quads of several FILEs in
    /// each article's named graph. '-' reads stdin. With --out DIR each article is written to
    /// DIR/<article-id>.<ext> (atomically); directories are read recursively for .txt, .md, .html and
    /// .warc(.gz) files. Every HTML page of a WARC file is one article.
    Convert(ConvertArgs),
    /// Write a whole batch into one XML archive (schemas/newsgraph-archive-1.xsd), streamed.
    ///
    /// The archive is written to a temporary file beside FILE.xml and renamed at the end; inputs that fail
    /// are reported and left out (exit code 1).
    Archive(ArchiveArgs),
    /// Read XML archives back into articles and write them as JSON-LD, N-Quads, Turtle or XML.
    ///
    /// With no --out the result goes to stdout (several JSON-LD documents as a JSON array; N-Quads of
    /// several archives in each article's named graph); with --out DIR each article is written to
    /// DIR/<article-id>.<ext>. '-' reads an archive from stdin.
    Import(ImportArgs),
    /// Print the JSON Schema of the article model (schemas/article.schema.json).
    Schema,
    /// Measure entity extraction against gold annotations: precision, recall and F1 per entity type,
    /// for quotes and for speakers.
    Eval(EvalArgs),
    /// Measure main-text extraction from HTML pages against hand-made gold bodies: precision, recall
    /// and F1 of word 4-shingles (as public article-extraction benchmarks measure).
    EvalHtml(EvalHtmlArgs),
    /// Convert article files and load them into the store, one named graph per article.
    ///
    /// Reloading an article replaces its graph in one transaction (nothing else is touched; unchanged
    /// articles are not rewritten). Articles new to the store go through the bulk loader: all of them or
    /// none. Directories are read recursively for .txt, .md, .html and .warc(.gz) files. The store's
    /// default graph is kept as the merge of all article graphs (each statement once). Without files,
    /// brings a store written by an earlier newsgraph up to date.
    Load(LoadArgs),
    /// Ask the store a SPARQL question (the default graph is the merge of all article graphs).
    ///
    /// The query comes from the argument, --file or --preset (see --list). SELECT/ASK results as a text
    /// table or the W3C CSV, TSV, JSON and XML formats; CONSTRUCT/DESCRIBE give RDF.
    Query(QueryArgs),
    /// Write the store (or one article's graph) as N-Quads, TriG, Turtle or JSON-LD.
    Export(ExportArgs),
    /// Serve the store as a read-only SPARQL 1.1 Protocol endpoint (GET/POST /query), with a page for
    /// browsers at / and a page (HTML or RDF) at each entity's and article's IRI.
    Serve(ServeArgs),
    /// Deliver articles as an E-ARK submission information package (CSIP 2.1, SIP profile), or check one.
    ///
    /// `package --out DIR INPUT...` writes DIR (which must not exist): METS.xml with every file's
    /// SHA-256, the XML archive and JSON-LD as descriptive metadata, PREMIS (objects, conversion
    /// events, failures with their error, agents, rights), the original files byte for byte in
    /// representations/rep1/data and each article's JSON-LD and N-Quads in representations/rep2/data.
    /// It is built in a hidden folder beside DIR and renamed at the end. `package verify DIR` checks
    /// every checksum and converts the originals again to compare them with rep2.
    Package(PackageArgs),
    /// Publish the store as open data: compressed dumps, one JSON-LD file per article, a DCAT-AP 3
    /// catalogue (catalog.ttl, catalog.jsonld) and a VoID description, in a folder to put on a web server.
    ///
    /// Title, description, publisher, licence and the folder's public URL are mandatory: flags, or the
    /// config file's [publish] table (title, description, publisher, publisher_url, license, url,
    /// endpoint, themes, keywords). The folder is written beside the target and renamed into place.
    Publish(PublishArgs),
    /// Send the store's graphs (or those of article files) to a remote SPARQL store over the SPARQL 1.1
    /// Graph Store HTTP Protocol: Oxigraph server, Fuseki, GraphDB, Virtuoso, Neptune.
    ///
    /// Each article graph is one PUT ?graph=IRI, which replaces it there as `load` replaces it here
    /// (sending twice never doubles anything); then the merge replaces the remote default graph (PUT
    /// ?default) and the index graph follows, so the presets answer there as they do here. The remote
    /// default graph must be a graph of its own (Oxigraph server: do not use --union-default-graph); where
    /// it is the union of all graphs (Virtuoso), --merge-graph IRI sends the merge to a named graph.
    /// With INPUT files the articles are converted as `load` converts them and only their graphs are
    /// sent, their statements added to the remote default graph (POST ?default); no index.
    ///
    /// A state file (default: beside the store, STORE.push-state) records what each endpoint holds, so
    /// a run that was stopped sends only what is missing or changed when run again; --all sends
    /// everything. Requests that fail on the network, time out or get 5xx or 429 are retried with
    /// growing pauses. Credentials come from the environment only: NEWSGRAPH_PUSH_TOKEN (Bearer) or
    /// NEWSGRAPH_PUSH_USER and NEWSGRAPH_PUSH_PASSWORD (Basic); an endpoint URL with user:password@ is
    /// refused. Exit code 1 when any graph could not be sent.
    Push(PushArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish) for newsgraph.
    ///
    /// For example `newsgraph completions bash > ~/.local/share/bash-completion/completions/newsgraph`.
    Completions(CompletionsArgs),
    /// Print newsgraph's manual page (roff), e.g. `newsgraph man > ~/.local/share/man/man1/newsgraph.1`.
    Man,
}

/// Arguments of `completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Arguments of `load`.
#[derive(Debug, Args)]
pub struct LoadArgs {
    #[command(flatten)]
    pub conversion: ConversionArgs,
    #[command(flatten)]
    pub ids: IdArgs,
    #[command(flatten)]
    pub walk: WalkArgs,
    /// Store folder (created if missing).
    #[arg(long, env = "NEWSGRAPH_STORE", default_value = crate::store::DEFAULT_DIR, value_name = "DIR")]
    pub store: PathBuf,
    /// Article files or directories, '-' for stdin (none: only bring an existing store up to date).
    #[arg(value_name = "FILE_OR_DIR")]
    pub inputs: Vec<PathBuf>,
}

/// Arguments of `query`.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("source").required(true).args(["sparql", "file", "preset", "list"])))]
pub struct QueryArgs {
    /// Store folder.
    #[arg(long, env = "NEWSGRAPH_STORE", default_value = crate::store::DEFAULT_DIR, value_name = "DIR")]
    pub store: PathBuf,
    /// Result format: table (for reading), csv, tsv, json, xml (W3C SPARQL results); turtle, ntriples,
    /// jsonld for CONSTRUCT/DESCRIBE.
    #[arg(long, short, value_enum, default_value = "table")]
    pub format: crate::query::QueryFormat,
    /// Read the query from this file ('-' for stdin).
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Run a ready-made query (see --list).
    #[arg(long, short, value_name = "NAME")]
    pub preset: Option<String>,
    /// Bind a query variable: NAME=VALUE binds a string, NAME=<IRI> an IRI (never pasted into the text);
    /// repeatable.
    #[arg(long = "param", value_name = "NAME=VALUE")]
    pub params: Vec<String>,
    /// List the presets with their descriptions and parameters.
    #[arg(long)]
    pub list: bool,
    /// Rows of a SELECT at most, replacing the query's own LIMIT (the listing presets show 100): 0 for
    /// all rows.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Stop the query after this many seconds with an error (0: no limit).
    #[arg(long, value_name = "SECONDS", default_value = "0", value_parser = parse_seconds)]
    pub timeout: TimeLimit,
    /// The SPARQL query.
    #[arg(value_name = "SPARQL")]
    pub sparql: Option<String>,
}

/// Arguments of `export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub iri: BaseArgs,
    /// Store folder.
    #[arg(long, env = "NEWSGRAPH_STORE", default_value = crate::store::DEFAULT_DIR, value_name = "DIR")]
    pub store: PathBuf,
    /// Output format (turtle merges the graphs).
    #[arg(long, short, value_enum, default_value = "nquads")]
    pub format: crate::store::ExportFormat,
    /// Only this article's graph: its id (as in `convert`) or its IRI.
    #[arg(long, value_name = "ID_OR_IRI")]
    pub article: Option<String>,
    /// Write to this file (atomically) instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// Arguments of `serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Store folder.
    #[arg(long, env = "NEWSGRAPH_STORE", default_value = crate::store::DEFAULT_DIR, value_name = "DIR")]
    pub store: PathBuf,
    /// Address to listen on (port 0 picks a free port).
    #[arg(long, default_value = "127.0.0.1:7878", value_name = "ADDR")]
    pub bind: String,
    /// Stop each query after this many seconds and answer 503 (0: no limit).
    #[arg(long, value_name = "SECONDS", default_value = "30", value_parser = parse_seconds)]
    pub timeout: TimeLimit,
    /// Queries evaluated at once; more get 503 with Retry-After at once, so that a burst of slow queries
    /// cannot take every connection.
    #[arg(long, value_name = "N", default_value_t = crate::cli::serve::DEFAULT_MAX_QUERIES, value_parser = clap::value_parser!(u16).range(1..))]
    pub max_queries: u16,
    /// Let web pages of this origin (`https://example.org`) read the answers from a browser, or of any
    /// origin with `*`; repeatable. Preflight requests (OPTIONS) are answered.
    #[arg(long = "cors", value_name = "ORIGIN", value_parser = parse_origin)]
    pub cors: Vec<String>,
    /// The IRI base of the entities and articles whose pages this server answers (GET /person/anna-berg
    /// for BASE/person/anna-berg, under the base's own path). Default: the base the store's article
    /// IRIs use.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
}

/// A CORS origin: `*`, or a scheme, host and optional port without a path (as browsers send `Origin`).
fn parse_origin(text: &str) -> Result<String, String> {
    if text == "*" {
        return Ok(text.to_owned());
    }
    let valid = text.split_once("://").is_some_and(|(scheme, rest)| {
        matches!(scheme, "http" | "https")
            && !rest.is_empty()
            && !rest.contains(['/', '?', '#', ' ', ','])
    });
    if valid {
        Ok(text.trim_end_matches('/').to_owned())
    } else {
        Err(format!(
            "{text:?} is not an origin: give '*' or scheme://host[:port], as https://example.org"
        ))
    }
}

/// A time limit; `None` is none.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TimeLimit(pub Option<std::time::Duration>);

/// A time limit in seconds (decimals allowed); 0 is no limit.
fn parse_seconds(text: &str) -> Result<TimeLimit, String> {
    let seconds: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("{text:?} is not a number of seconds"))?;
    if !seconds.is_finite() || !(0.0..=1e9).contains(&seconds) {
        return Err(format!(
            "{text:?} is not a number of seconds between 0 and 1e9"
        ));
    }
    Ok(TimeLimit(
        (seconds > 0.0).then(|| std::time::Duration::from_secs_f64(seconds)),
    ))
}

/// Arguments of `eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    #[command(flatten)]
    pub conversion: ConversionArgs,
    /// Folder with `articles/` and `gold/`, or with split folders (`dev/`, `test/`) that each hold them
    /// (see eval/README.md); every split is reported.
    #[arg(default_value = "eval", value_name = "DIR")]
    pub dir: PathBuf,
    /// Also list every miss and extra, one per line.
    #[arg(long)]
    pub details: bool,
}

/// Arguments of `eval-html`.
#[derive(Debug, Args)]
pub struct EvalHtmlArgs {
    /// Folder with `pages/NAME.html` and `gold/NAME.txt` (see eval/html/README.md).
    #[arg(default_value = "eval/html", value_name = "DIR")]
    pub dir: PathBuf,
    /// Score another extractor's output instead: a folder of `NAME.txt` files for the same pages.
    #[arg(long, value_name = "DIR")]
    pub extracted: Option<PathBuf>,
    /// Also list every page's scores.
    #[arg(long)]
    pub details: bool,
}

/// Arguments of `archive`.
#[derive(Debug, Args)]
pub struct ArchiveArgs {
    #[command(flatten)]
    pub conversion: ConversionArgs,
    #[command(flatten)]
    pub ids: IdArgs,
    #[command(flatten)]
    pub walk: WalkArgs,
    /// The archive file to write.
    #[arg(long, short, required = true, value_name = "FILE.xml")]
    pub out: PathBuf,
    /// Record the creation time in the header (archives are byte-identical across runs without it).
    #[arg(long)]
    pub timestamp: bool,
    /// Article files or directories ('-' for stdin).
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
}

/// Arguments of `package`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct PackageArgs {
    #[command(subcommand)]
    pub action: Option<PackageAction>,
    #[command(flatten)]
    pub conversion: ConversionArgs,
    #[command(flatten)]
    pub ids: IdArgs,
    #[command(flatten)]
    pub walk: WalkArgs,
    /// The package folder to write (must not exist).
    #[arg(long, short, required = true, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// The submitting organization (METS agent, PREMIS agent).
    #[arg(long, value_name = "NAME")]
    pub submitter: Option<String>,
    /// The archive creator: the organization whose records these are (METS agent ARCHIVIST).
    #[arg(long, value_name = "NAME")]
    pub creator: Option<String>,
    /// A reference code of the records (METS altRecordID); repeatable.
    #[arg(long = "record-id", value_name = "ID")]
    pub record_ids: Vec<String>,
    /// A rights statement (PREMIS rights).
    #[arg(long, value_name = "TEXT")]
    pub rights: Option<String>,
    /// The articles name private persons: recorded as a personal-data rights statement.
    #[arg(long)]
    pub private_persons: bool,
    /// Deliver the package as one file (DIR.tar, holding the folder DIR) instead of a folder.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub archive: Option<crate::package::Container>,
    /// Article files or directories.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
}

/// What `package` does besides writing one.
#[derive(Debug, Subcommand)]
pub enum PackageAction {
    /// Check a package: every file's size and SHA-256 as METS.xml lists them, no unlisted files, and
    /// the originals converting again to exactly the JSON-LD and N-Quads of rep2.
    Verify(VerifyArgs),
}

/// Arguments of `package verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// Extra gazetteer the package was made with; repeatable.
    #[arg(long = "gazetteer", value_name = "FILE")]
    pub gazetteers: Vec<PathBuf>,
    /// The package folder.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
}

/// Where and how `convert` and `import` write articles.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Output format.
    #[arg(long, short, value_enum, default_value = "jsonld")]
    pub format: Format,
    /// Write one file per article into this directory (created if missing).
    #[arg(long, short, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// With --format nquads: put each article's triples in its named graph (as the store does).
    #[arg(long)]
    pub named_graph: bool,
}

/// Arguments of `import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    #[command(flatten)]
    pub output: OutputArgs,
    /// Refuse articles of an archive larger than this many bytes (the archive itself is read as a
    /// stream, whatever its size).
    #[arg(long, default_value_t = crate::read::DEFAULT_MAX_SIZE, value_name = "BYTES")]
    pub max_size: u64,
    /// XML archives ('-' for stdin).
    #[arg(required = true, value_name = "ARCHIVE.xml")]
    pub inputs: Vec<PathBuf>,
}

/// Arguments of `convert`.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    #[command(flatten)]
    pub conversion: ConversionArgs,
    #[command(flatten)]
    pub ids: IdArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub walk: WalkArgs,
    /// Article files or directories ('-' for stdin).
    #[arg(required = true, value_name = "FILE")]
    pub inputs: Vec<PathBuf>,
}

/// Arguments of `push`.
#[derive(Debug, Args)]
pub struct PushArgs {
    #[command(flatten)]
    pub conversion: ConversionArgs,
    #[command(flatten)]
    pub ids: IdArgs,
    #[command(flatten)]
    pub walk: WalkArgs,
    /// The remote store's Graph Store Protocol endpoint (Oxigraph server: http://HOST:7878/store;
    /// Fuseki: http://HOST:3030/DATASET/data; Virtuoso: http://HOST:8890/sparql-graph-crud, with
    /// --merge-graph).
    #[arg(long, required = true, value_name = "URL")]
    pub endpoint: String,
    /// Store folder to send (not read when INPUT files are given).
    #[arg(long, env = "NEWSGRAPH_STORE", default_value = crate::store::DEFAULT_DIR, value_name = "DIR")]
    pub store: PathBuf,
    /// State file: what each endpoint already holds. Default: STORE.push-state beside the store folder
    /// (with INPUT files: ./newsgraph.push-state).
    #[arg(long, value_name = "FILE")]
    pub state: Option<PathBuf>,
    /// Send every graph, whatever the state file says (after the remote store was emptied).
    #[arg(long)]
    pub all: bool,
    /// Send the merge to this named graph instead of the remote default graph: for stores whose default
    /// graph is the union of all graphs (Virtuoso), where it would count every statement again; query
    /// them with default-graph-uri=IRI.
    #[arg(long, value_name = "IRI")]
    pub merge_graph: Option<String>,
    /// Requests in flight at once.
    #[arg(long, default_value_t = 4, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    pub concurrency: u16,
    /// Retries of a request that failed on the network, timed out or got 5xx or 429 (pauses of 0.5 s,
    /// 1 s, 2 s, ... up to 30 s between them).
    #[arg(long, default_value_t = 4, value_name = "N")]
    pub retries: u32,
    /// Time limit of one request in seconds (the merge of a large store is one request).
    #[arg(long, value_name = "SECONDS", default_value = "300", value_parser = parse_seconds)]
    pub timeout: TimeLimit,
    /// Article files or directories to convert and send instead of the store ('-' for stdin).
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
}

/// Arguments of `publish` (each also readable from the config file's `[publish]` table; flags win).
#[derive(Debug, Args)]
pub struct PublishArgs {
    /// Config file (TOML; its `[publish]` table gives the fields below). Default: ./newsgraph.toml if present.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Store folder.
    #[arg(long, env = "NEWSGRAPH_STORE", default_value = crate::store::DEFAULT_DIR, value_name = "DIR")]
    pub store: PathBuf,
    /// The publication folder (replaced when it holds an earlier publication).
    #[arg(long, short, value_name = "DIR")]
    pub out: PathBuf,
    /// The dataset's title.
    #[arg(long)]
    pub title: Option<String>,
    /// What the dataset holds.
    #[arg(long)]
    pub description: Option<String>,
    /// The publishing organization's name.
    #[arg(long)]
    pub publisher: Option<String>,
    /// The publisher's IRI (its web site or registry entry).
    #[arg(long, value_name = "IRI")]
    pub publisher_url: Option<String>,
    /// The licence's IRI, e.g. http://creativecommons.org/licenses/by/4.0/
    #[arg(long, value_name = "IRI")]
    pub license: Option<String>,
    /// The public http(s) address of the folder, ending in '/': download links are made from it.
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// A public SPARQL endpoint serving this store (described as a DCAT data service).
    #[arg(long, value_name = "URL")]
    pub endpoint: Option<String>,
    /// A theme of the EU data-theme vocabulary (SOCI, GOVE, EDUC, ...) or an IRI; repeatable.
    #[arg(long = "theme", value_name = "CODE")]
    pub themes: Vec<String>,
    /// A keyword; repeatable.
    #[arg(long = "keyword", value_name = "WORD")]
    pub keywords: Vec<String>,
    /// An e-mail address for questions about the dataset (the catalogue's contact point).
    #[arg(long, value_name = "EMAIL")]
    pub contact: Option<String>,
    /// The publisher's kind, an ADMS publisher type: LocalAuthority, RegionalAuthority,
    /// NationalAuthority, Company, NonProfitOrganisation, ...
    #[arg(long, value_name = "TYPE")]
    pub publisher_type: Option<String>,
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    let (g, quiet) = (&cli.global, cli.global.quiet);
    report::configure(g.json_errors, g.verbose);
    let started = std::time::Instant::now();
    let code = match &cli.command {
        Command::Convert(args) => with_inputs(
            &args.conversion,
            Some(&args.ids),
            (&args.inputs, args.walk.links()),
            |opts, found| convert::run(args, opts, found, quiet),
        ),
        Command::Archive(args) => with_inputs(
            &args.conversion,
            Some(&args.ids),
            (&args.inputs, args.walk.links()),
            |opts, found| archive::run(args, opts, found, quiet),
        ),
        Command::Load(args) => with_inputs(
            &args.conversion,
            Some(&args.ids),
            (&args.inputs, args.walk.links()),
            |opts, found| store::load(args, opts, found, quiet),
        ),
        Command::Package(args) => match &args.action {
            Some(PackageAction::Verify(v)) => package::verify(v, quiet),
            None => with_inputs(
                &args.conversion,
                Some(&args.ids),
                (&args.inputs, args.walk.links()),
                |opts, found| package::run(args, opts, found, quiet),
            ),
        },
        Command::Eval(args) => {
            with_options(options(&args.conversion, None), |opts| eval(args, opts))
        }
        Command::Export(args) => match base(&args.iri) {
            Ok(base) => store::export(args, &base),
            Err(e) => usage_error(&e),
        },
        Command::EvalHtml(args) => eval_html(args),
        // These read no article text: no conversion options to build (the quote patterns take
        // milliseconds before a query).
        Command::Import(args) => import::run(args, quiet),
        Command::Schema => print_stdout(schema_json().as_bytes()),
        Command::Query(args) => query::run(args),
        Command::Serve(args) => serve::run(args, quiet),
        Command::Push(args) if args.inputs.is_empty() => push::from_store(args, quiet),
        Command::Push(args) => with_inputs(
            &args.conversion,
            Some(&args.ids),
            (&args.inputs, args.walk.links()),
            |opts, found| push::from_files(args, opts, found, quiet),
        ),
        Command::Publish(args) => match publish_meta(args) {
            Ok(meta) => publish::run(args, &meta, quiet),
            Err(e) => usage_error(&e),
        },
        Command::Completions(args) => {
            let mut out = Vec::new();
            clap_complete::generate(args.shell, &mut Cli::command(), "newsgraph", &mut out);
            print_stdout(&out)
        }
        Command::Man => {
            let mut out = Vec::new();
            match clap_mangen::Man::new(Cli::command()).render(&mut out) {
                Ok(()) => print_stdout(&out),
                Err(e) => stdout_outcome(Err(e)),
            }
        }
    };
    report::detail(format!("done in {:.3} s", started.elapsed().as_secs_f64()));
    code
}

/// Runs `eval`: each split's scores (and with --details every miss and extra).
fn eval(args: &EvalArgs, opts: &Options) -> ExitCode {
    match crate::eval::evaluate_splits(&args.dir, opts) {
        Ok(splits) => {
            let mut text = String::new();
            for (i, (name, report)) in splits.iter().enumerate() {
                if i > 0 {
                    text.push('\n');
                }
                text.push_str(&format!("== {name} ==\n"));
                if args.details {
                    report
                        .details
                        .iter()
                        .for_each(|d| text.push_str(&format!("{d}\n")));
                }
                text.push_str(&report.to_string());
            }
            print_stdout(text.as_bytes())
        }
        Err(e) => {
            report::error(&e);
            ExitCode::FAILURE
        }
    }
}

/// Writes `bytes` to stdout, with [`stdout_outcome`]'s exit code.
pub fn print_stdout(bytes: &[u8]) -> ExitCode {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    stdout_outcome(out.write_all(bytes).and_then(|()| out.flush()))
}

/// The exit code after writing to stdout: 0 when it went through, and also when the reader went away (a
/// closed pipe, `newsgraph ... | head`: nothing more is wanted, so nothing is said, as ripgrep does);
/// any other failure (a full disk, `> /dev/full`) is one error line and exit code 1, never a panic.
pub fn stdout_outcome(result: std::io::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(source) => {
            report::error(&stdout_error(source));
            ExitCode::FAILURE
        }
    }
}

/// A failed write to stdout as an error naming it.
pub fn stdout_error(source: std::io::Error) -> Error {
    Error::Write {
        path: PathBuf::from("<stdout>"),
        source,
    }
}

/// The exit code after a write to stdout failed: [`stdout_outcome`]'s, for a library error.
pub fn failed_stdout(e: &Error) -> ExitCode {
    if closed_stdout(e) {
        return ExitCode::SUCCESS;
    }
    report::error(e);
    ExitCode::FAILURE
}

/// Whether a write to stdout failed because its reader went away (see [`stdout_outcome`]).
pub fn closed_stdout(e: &Error) -> bool {
    match e {
        Error::ClosedOutput => true,
        Error::Write { source, .. } => source.kind() == std::io::ErrorKind::BrokenPipe,
        _ => false,
    }
}

/// A bad option value (base IRI, config file, gazetteer): one line and exit code 2.
fn usage_error(e: &Error) -> ExitCode {
    report::error(e);
    ExitCode::from(2)
}

/// Runs `eval-html`: the mean scores (and with --details each page's).
fn eval_html(args: &EvalHtmlArgs) -> ExitCode {
    match crate::html::score::evaluate(&args.dir, args.extracted.as_deref()) {
        Ok(report) => {
            let mut text = String::new();
            if args.details {
                for (name, s) in &report.pages {
                    text.push_str(&format!(
                        "{name}\tprecision {:.3}\trecall {:.3}\tF1 {:.3}\n",
                        s.precision, s.recall, s.f1
                    ));
                }
            }
            text.push_str(&report.to_string());
            print_stdout(text.as_bytes())
        }
        Err(e) => {
            report::error(&e);
            ExitCode::FAILURE
        }
    }
}

/// Runs `f` with the conversion options; a bad base, config file or gazetteer ends the run with code 2.
fn with_options(opts: Result<Options>, f: impl FnOnce(&Options) -> ExitCode) -> ExitCode {
    match opts {
        Ok(opts) => {
            let code = f(&opts);
            // The command ends with this: a gazetteer built at run time (with `--gazetteer` files) holds
            // tens of thousands of strings, which go back to the system with the process rather than one
            // by one (7 million instructions when every start built it, a quarter of a single-article
            // run's start).
            std::mem::forget(opts);
            code
        }
        Err(e) => usage_error(&e),
    }
}

/// Input files listed from the command line's paths, the errors met while listing them and the links
/// not followed.
pub type Found = crate::batch::Listing;

/// [`with_options`] for the batch commands, with their input files: the listing (thousands of files) and
/// the options (the gazetteer build) each take milliseconds before the first article, so they run side by
/// side.
fn with_inputs(
    conversion: &ConversionArgs,
    ids: Option<&IdArgs>,
    (paths, links): (&[PathBuf], crate::batch::Links),
    f: impl FnOnce(&Options, Found) -> ExitCode,
) -> ExitCode {
    let started = std::time::Instant::now();
    let (opts, found) = rayon::join(
        || options(conversion, ids),
        || crate::batch::list_inputs(paths, links),
    );
    report::detail(format!(
        "{} input files listed, options and gazetteers ready in {:.3} s",
        found.files.len(),
        started.elapsed().as_secs_f64()
    ));
    if let (Some(IdArgs { id: Some(_), .. }), false) =
        (ids, paths.iter().any(|p| p.as_os_str() == "-"))
    {
        report::error_text("--id names the article read from stdin: give '-' as an input");
        return ExitCode::from(2);
    }
    with_options(opts, |opts| f(opts, found))
}

/// The article model's JSON Schema, pretty-printed with a final newline.
pub fn schema_json() -> String {
    let schema = schemars::schema_for!(crate::model::Article);
    let mut s = serde_json::to_string_pretty(&schema).expect("schemas serialize");
    s.push('\n');
    s
}

/// Config file contents.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Config {
    base: Option<String>,
    #[serde(default)]
    gazetteers: Vec<PathBuf>,
    #[serde(default)]
    publish: PublishConfig,
    /// Link schemes accepted besides http and https (`url_schemes = ["ftp", "urn"]`).
    #[serde(default)]
    url_schemes: Vec<String>,
}

/// The config file's `[publish]` table: what `publish` says about the dataset.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct PublishConfig {
    title: Option<String>,
    description: Option<String>,
    publisher: Option<String>,
    publisher_url: Option<String>,
    license: Option<String>,
    url: Option<String>,
    endpoint: Option<String>,
    #[serde(default)]
    themes: Vec<String>,
    #[serde(default)]
    keywords: Vec<String>,
    contact: Option<String>,
    publisher_type: Option<String>,
}

/// The publication's description from flags and the config file, flags first.
fn publish_meta(args: &PublishArgs) -> Result<crate::publish::Meta> {
    let c = load_config(args.config.as_deref())?.0.publish;
    let pick = |flag: &Option<String>, file: Option<String>| flag.clone().or(file);
    let list =
        |flag: &Vec<String>, file: Vec<String>| if flag.is_empty() { file } else { flag.clone() };
    Ok(crate::publish::Meta {
        title: pick(&args.title, c.title).unwrap_or_default(),
        description: pick(&args.description, c.description).unwrap_or_default(),
        publisher: pick(&args.publisher, c.publisher).unwrap_or_default(),
        publisher_url: pick(&args.publisher_url, c.publisher_url),
        license: pick(&args.license, c.license).unwrap_or_default(),
        url: pick(&args.url, c.url).unwrap_or_default(),
        endpoint: pick(&args.endpoint, c.endpoint),
        themes: list(&args.themes, c.themes),
        keywords: list(&args.keywords, c.keywords),
        contact: pick(&args.contact, c.contact),
        publisher_type: pick(&args.publisher_type, c.publisher_type),
    })
}

/// The IRI base from the flag, the config file or the default, in that order of precedence.
pub fn base(args: &BaseArgs) -> Result<Base> {
    base_from(args, &load_config(args.config.as_deref())?.0)
}

fn base_from(args: &BaseArgs, config: &Config) -> Result<Base> {
    match args.base.as_deref().or(config.base.as_deref()) {
        Some(b) => Base::new(b),
        None => Ok(Base::default()),
    }
}

/// Builds conversion options from flags, the config file and the defaults, in that order of precedence.
pub fn options(g: &ConversionArgs, ids: Option<&IdArgs>) -> Result<Options> {
    let (config, config_dir) = load_config(g.iri.config.as_deref())?;
    let base = base_from(&g.iri, &config)?;
    let mut files: Vec<PathBuf> = config
        .gazetteers
        .iter()
        .map(|p| config_dir.join(p))
        .collect();
    files.extend(g.gazetteers.iter().cloned());
    // The shipped gazetteer is compiled in, but one with files added is built at run time (milliseconds,
    // like the quote patterns): the two side by side.
    let (gazetteer, ()) = rayon::join(
        || -> Result<Gazetteer> {
            let mut gazetteer = Gazetteer::builtin();
            for f in &files {
                gazetteer.add_file(f)?;
            }
            Ok(gazetteer)
        },
        crate::article::warm_up,
    );
    let gazetteer = gazetteer?;
    Ok(Options {
        base,
        max_size: g.max_size,
        gazetteer: Arc::new(gazetteer),
        id_from: ids.map_or_else(Default::default, |i| i.id_from),
        stdin_id: ids.and_then(|i| i.id.clone()),
        url_schemes: url_schemes(&config.url_schemes)?,
    })
}

/// The configured schemes, lowercase; a scheme must be one by RFC 3986 (a letter, then letters,
/// digits, `+`, `-`, `.`).
fn url_schemes(given: &[String]) -> Result<Vec<String>> {
    given
        .iter()
        .map(|s| {
            let valid = s.starts_with(|c: char| c.is_ascii_alphabetic())
                && s.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b));
            if valid {
                Ok(s.to_ascii_lowercase())
            } else {
                Err(Error::Config(format!(
                    "url_schemes: {s:?} is not a URL scheme (such as ftp)"
                )))
            }
        })
        .collect()
}

fn load_config(path: Option<&Path>) -> Result<(Config, PathBuf)> {
    let default = Path::new("newsgraph.toml");
    let path = match path {
        Some(p) => p,
        None if default.is_file() => default,
        None => return Ok((Config::default(), PathBuf::from("."))),
    };
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::Config(format!("{}: {e}", path.display())))?;
    let config = toml::from_str(&text).map_err(|e: toml::de::Error| {
        Error::Config(format!("{}: {}", path.display(), e.message()))
    })?;
    let dir = path
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_owned);
    Ok((config, dir))
}

/// A progress bar on stderr for batches; invisible when stderr is not a terminal or with --quiet.
/// The rate is rounded to whole articles and the ETA stays hidden until it means something.
pub fn progress(len: usize, quiet: bool) -> indicatif::ProgressBar {
    if quiet || len < 2 {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(len as u64),
        indicatif::ProgressDrawTarget::stderr(),
    );
    let style = indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} articles{rate}{eta}")
        .expect("valid template")
        .with_key(
            "rate",
            |s: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{}", rate_text(s.per_sec()));
            },
        )
        .with_key(
            "eta",
            |s: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let text = eta_text(s.elapsed(), s.pos(), s.len().unwrap_or(0), s.eta());
                let _ = write!(w, "{}", text.unwrap_or_default());
            },
        );
    bar.set_style(style);
    bar
}

/// `, 22,437/s`: whole articles per second with thousands separators; nothing before a rate is known.
fn rate_text(per_sec: f64) -> String {
    if !per_sec.is_finite() || per_sec < 0.5 {
        return String::new();
    }
    format!(", {}/s", thousands(per_sec.round() as u64))
}

/// `, eta 12 s`, once the batch has run for [`ETA_AFTER`] and done a twentieth of its articles: before
/// that the estimate rests on start-up costs (minutes for a batch of one second).
fn eta_text(
    elapsed: std::time::Duration,
    pos: u64,
    len: u64,
    eta: std::time::Duration,
) -> Option<String> {
    if elapsed < ETA_AFTER || pos.saturating_mul(20) < len || pos >= len {
        return None;
    }
    let secs = eta.as_secs_f64().round() as u64;
    Some(if secs < 60 {
        format!(", eta {secs} s")
    } else {
        format!(", eta {} min {} s", secs / 60, secs % 60)
    })
}

/// How long a batch runs before its bar shows an ETA.
const ETA_AFTER: std::time::Duration = std::time::Duration::from_secs(3);

/// 1234567 → `1,234,567`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The listed input files, with the problems met listing them printed (one line each) and counted as
/// failures in the returned summary, and the links not followed as warnings.
pub fn report_inputs(found: Found) -> (Vec<PathBuf>, Summary) {
    for e in &found.errors {
        report::error(e);
    }
    for (link, target) in &found.skipped_links {
        report::warning(
            link,
            format!(
                "symbolic link to {}, outside the input folder: not read (--follow reads it)",
                crate::error::Shown(target)
            ),
        );
    }
    let summary = Summary {
        ok: 0,
        failed: found.errors.len(),
    };
    (found.files, summary)
}

/// Creates an output folder, or prints why it cannot be.
pub fn create_out_dir(dir: &Path) -> bool {
    match std::fs::create_dir_all(dir) {
        Ok(()) => true,
        Err(source) => {
            report::error(&Error::Write {
                path: dir.to_owned(),
                source,
            });
            false
        }
    }
}

/// Removes the temporary files interrupted runs left in the folder a command writes into (see
/// [`crate::batch::remove_stale_temps`]), saying so.
pub fn remove_stale_temps(dir: &Path) {
    let removed = crate::batch::remove_stale_temps(dir);
    if removed > 0 {
        report::note(format!(
            "{}: removed {removed} temporary file{} left by an interrupted run",
            crate::error::Shown(dir),
            if removed == 1 { "" } else { "s" }
        ));
    }
}

/// 0 when every input succeeded, 1 otherwise.
pub fn exit_code(summary: Summary) -> ExitCode {
    if summary.failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn the_rate_is_rounded_to_whole_articles() {
        assert_eq!(rate_text(22436.5809), ", 22,437/s");
        assert_eq!(rate_text(7.4), ", 7/s");
        assert_eq!(rate_text(0.0), "");
        assert_eq!(rate_text(f64::NAN), "");
    }

    #[test]
    fn the_eta_waits_until_it_means_something() {
        let nine_min = Duration::from_secs(540);
        // A batch of a second: no estimate from its first moments.
        assert_eq!(
            eta_text(Duration::from_millis(200), 50, 1000, nine_min),
            None
        );
        // Long enough but too little done.
        assert_eq!(eta_text(Duration::from_secs(5), 10, 1000, nine_min), None);
        assert_eq!(
            eta_text(Duration::from_secs(5), 100, 1000, Duration::from_secs(45)).as_deref(),
            Some(", eta 45 s")
        );
        assert_eq!(
            eta_text(Duration::from_secs(60), 500, 1000, Duration::from_secs(61)).as_deref(),
            Some(", eta 1 min 1 s")
        );
        assert_eq!(thousands(1234567), "1,234,567");
    }
}
