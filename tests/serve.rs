//! `newsgraph serve` as a server others run: the service description, HEAD and OPTIONS, CORS, the
//! access log and graceful shutdown (issue 19). The SPARQL protocol itself is tested in tests/store.rs.

mod common;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::http::{encode, exchange, get, Served};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::Triple;

/// A temporary store with the samples loaded.
fn sample_store() -> tempfile::TempDir {
    load_samples(tempfile::tempdir().unwrap(), &[], &[])
}

/// Loads the samples and `inputs` with `flags` into the store `store` of `tmp`.
fn load_samples(tmp: tempfile::TempDir, flags: &[&str], inputs: &[String]) -> tempfile::TempDir {
    let store = tmp.path().join("store").display().to_string();
    let mut args = vec!["load".to_owned(), "--quiet".to_owned()];
    args.extend(flags.iter().map(|f| (*f).to_owned()));
    args.extend(["--store".to_owned(), store]);
    args.extend(inputs.iter().cloned());
    args.extend(common::samples().iter().map(|p| p.display().to_string()));
    let out = Command::new(common::bin())
        .args(&args)
        .env_remove("NEWSGRAPH_BASE")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    tmp
}

const COUNT: &str = "SELECT (COUNT(*) AS ?n) WHERE { ?a a <http://schema.org/NewsArticle> }";
/// A query whose work grows as the cube of the store: it runs for minutes on the samples.
const RUNAWAY: &str = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";

fn triples(body: &str, format: RdfFormat) -> Vec<Triple> {
    RdfParser::from_format(format)
        .for_slice(body.as_bytes())
        .map(|q| Triple::from(q.expect("valid RDF")))
        .collect()
}

#[test]
fn the_endpoint_describes_itself_and_answers_head_and_options() {
    let tmp = sample_store();
    let served = Served::start(&tmp.path().join("store"), &[]);
    let addr = &served.addr;
    let sd = get(addr, "/query", "");
    assert_eq!(sd.status, 200, "{}", sd.body);
    assert_eq!(
        sd.header("content-type"),
        Some("text/turtle; charset=utf-8")
    );
    let description = triples(&sd.body, RdfFormat::Turtle);
    let has = |p: &str, o: &str| {
        description.iter().any(|t| {
            t.predicate.as_str() == format!("http://www.w3.org/ns/sparql-service-description#{p}")
                && t.object.to_string() == o
        })
    };
    assert!(
        has("endpoint", &format!("<http://{addr}/query>")),
        "{}",
        sd.body
    );
    assert!(has(
        "supportedLanguage",
        "<http://www.w3.org/ns/sparql-service-description#SPARQL11Query>"
    ));
    for f in [
        "SPARQL_Results_JSON",
        "SPARQL_Results_CSV",
        "Turtle",
        "JSON-LD",
    ] {
        assert!(
            has(
                "resultFormat",
                &format!("<http://www.w3.org/ns/formats/{f}>")
            ),
            "{f}: {}",
            sd.body
        );
    }
    assert!(description.iter().any(
        |t| t.object.to_string() == "<http://www.w3.org/ns/sparql-service-description#Service>"
    ));
    let nt = get(addr, "/query", "Accept: application/n-triples\r\n");
    assert_eq!(nt.status, 200);
    assert_eq!(
        triples(&nt.body, RdfFormat::NTriples).len(),
        description.len()
    );

    // HEAD: the status and type of the GET, no body; the query is dropped.
    let head = exchange(
        addr,
        &format!(
            "HEAD /query?query={} HTTP/1.1\r\nHost: {addr}\r\nAccept: text/csv\r\nConnection: close\r\n\r\n",
            encode(COUNT)
        ),
    );
    assert_eq!(head.status, 200);
    assert_eq!(head.header("content-type"), Some("text/csv; charset=utf-8"));
    assert_eq!(head.body, "");
    let head = exchange(
        addr,
        &format!("HEAD /nothing HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"),
    );
    assert_eq!((head.status, head.body.as_str()), (404, ""));

    let options = exchange(
        addr,
        &format!("OPTIONS /query HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"),
    );
    assert_eq!(options.status, 204);
    assert_eq!(options.header("allow"), Some("GET, HEAD, POST, OPTIONS"));
    // No --cors: no CORS headers.
    let r = get(addr, "/query", "Origin: https://example.org\r\n");
    assert_eq!(r.header("access-control-allow-origin"), None);
    let put = exchange(
        addr,
        &format!(
            "PUT /query HTTP/1.1\r\nHost: {addr}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        ),
    );
    assert_eq!(put.status, 405);
    assert_eq!(put.header("allow"), Some("GET, HEAD, POST, OPTIONS"));
}

#[test]
fn cors_lets_the_origins_given_read_answers() {
    let tmp = sample_store();
    let store = tmp.path().join("store");
    let served = Served::start(&store, &["--cors", "https://example.org"]);
    let addr = &served.addr;
    let target = format!("/query?query={}", encode(COUNT));
    let r = get(addr, &target, "Origin: https://example.org\r\n");
    assert_eq!(r.status, 200);
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("https://example.org")
    );
    assert_eq!(r.header("vary"), Some("Origin"));
    let other = get(addr, &target, "Origin: https://elsewhere.example\r\n");
    assert_eq!(other.status, 200);
    assert_eq!(other.header("access-control-allow-origin"), None);
    // A preflight of a POST with a SPARQL body.
    let preflight = exchange(
        addr,
        &format!(
            "OPTIONS /query HTTP/1.1\r\nHost: {addr}\r\nOrigin: https://example.org\r\n\
             Access-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: content-type\r\n\
             Connection: close\r\n\r\n"
        ),
    );
    assert_eq!(preflight.status, 204);
    assert_eq!(
        preflight.header("access-control-allow-origin"),
        Some("https://example.org")
    );
    assert_eq!(
        preflight.header("access-control-allow-headers"),
        Some("content-type")
    );
    assert!(preflight.header("access-control-max-age").is_some());
    drop(served);

    let any = Served::start(&store, &["--cors", "*"]);
    let r = get(&any.addr, &target, "Origin: https://elsewhere.example\r\n");
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    drop(any);

    let bad = Command::new(common::bin())
        .args([
            "serve",
            "--store",
            store.to_str().unwrap(),
            "--cors",
            "example.org/x",
        ])
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("is not an origin"));
}

#[test]
fn every_request_gets_an_access_log_line_unless_quiet() {
    let tmp = sample_store();
    let store = tmp.path().join("store");
    let served = Served::start(&store, &[]);
    let addr = &served.addr;
    assert_eq!(
        get(addr, &format!("/query?query={}", encode(COUNT)), "").status,
        200
    );
    assert_eq!(get(addr, "/nothing", "").status, 404);
    let line = served
        .wait_for_line("GET /nothing", Duration::from_secs(5))
        .expect("a log line for the 404");
    assert!(
        line.starts_with("GET /nothing 404 ") && line.ends_with(" ms"),
        "{line}"
    );
    let line = served
        .wait_for_line("GET /query 200", Duration::from_secs(5))
        .expect("a log line for the query");
    // The path, not the query string: queries can be long and personal.
    assert!(!line.contains("SELECT"), "{line}");
    let ms: f64 = line
        .split(' ')
        .nth(3)
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("milliseconds in {line:?}"));
    assert!(ms >= 0.0);
    drop(served);

    let quiet = Served::start(&store, &["--quiet"]);
    assert_eq!(get(&quiet.addr, "/nothing", "").status, 404);
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(quiet.log(), Vec::<String>::new());
}

#[test]
fn a_signal_stops_the_server_after_the_queries_in_flight() {
    let tmp = sample_store();
    let store = tmp.path().join("store");
    let mut served = Served::start(&store, &["--timeout", "2"]);
    let addr = served.addr.clone();
    let runaway = {
        let addr = addr.clone();
        std::thread::spawn(move || {
            get(
                &addr,
                &format!("/query?query={}", encode(RUNAWAY)),
                "Accept: text/csv\r\n",
            )
        })
    };
    std::thread::sleep(Duration::from_millis(300));
    let signalled = Instant::now();
    // SAFETY: a signal to the child this test started.
    unsafe { libc::kill(served.child.id() as i32, libc::SIGTERM) };
    served
        .wait_for_line("stopping: 1 requests in flight", Duration::from_secs(5))
        .expect("the server says it is stopping");
    // New requests are turned away while the running query finishes.
    let late = get(&addr, &format!("/query?query={}", encode(COUNT)), "");
    assert_eq!(late.status, 503, "{}", late.body);
    assert!(late.body.contains("shutting down"), "{}", late.body);
    let answer = runaway.join().unwrap();
    assert_eq!(answer.status, 503, "{}", answer.body);
    assert!(answer.body.contains("stopped after 2 s"), "{}", answer.body);
    let status = loop {
        if let Some(s) = served.child.try_wait().unwrap() {
            break s;
        }
        assert!(
            signalled.elapsed() < Duration::from_secs(10),
            "still running after the query in flight ended"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(0));
    std::thread::sleep(Duration::from_millis(100));
    assert!(
        served.log().iter().any(|l| l == "stopped"),
        "{:?}",
        served.log()
    );

    // An idle server stops at once on SIGINT.
    let mut idle = Served::start(&store, &[]);
    let start = Instant::now();
    // SAFETY: as above.
    unsafe { libc::kill(idle.child.id() as i32, libc::SIGINT) };
    let status = idle.child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
}

/// A store of the samples and an article whose headline and quote hold markup, under the base
/// `https://data.example.se/news/id/` (a base with a path of its own).
fn store_with_base() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let markup = tmp.path().join("markup.txt");
    std::fs::write(
        &markup,
        "---\nid: markup\ndate: 2030-01-01\n---\nKultur & <script>alert(1)</script> i \"staden\"\n\n\
         Henrik Kant säger att allt är bra i Göteborg.\n\n– Det här är <i>bra</i> & fint, säger Henrik Kant.\n",
    )
    .unwrap();
    load_samples(tmp, &["--base", BASE], &[markup.display().to_string()])
}

const BASE: &str = "https://data.example.se/news/id/";
const HTML: &str = "Accept: text/html,application/xhtml+xml,*/*;q=0.8\r\n";

#[test]
fn entity_and_article_iris_resolve_to_pages_for_people_and_machines() {
    let tmp = store_with_base();
    let served = Served::start(&tmp.path().join("store"), &[]);
    let addr = &served.addr;
    // The store's base path is the server's: <BASE/person/karin-lindqvist> at /news/id/person/karin-lindqvist.
    let person = get(addr, "/news/id/person/karin-lindqvist", HTML);
    assert_eq!(person.status, 200, "{}", person.body);
    assert_eq!(
        person.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(person.header("vary"), Some("Accept"));
    let page = &person.body;
    for expected in [
        "<h1>Karin Lindqvist</h1>",
        "Person",
        "kulturchef",
        "<a href=\"/news/id/organization/goteborgs-stad\">Göteborgs Stad</a>",
        "<a href=\"/news/id/article/sv-intervju-kultur\">Intervju med kulturchefen</a>",
        "<blockquote>Vi såg att barn i vissa delar av staden",
    ] {
        assert!(page.contains(expected), "{expected:?} in {page}");
    }
    // sameAs links lead out.
    let org = get(addr, "/news/id/organization/goteborgs-stad", HTML);
    assert!(
        org.body
            .contains("<a href=\"http://www.wikidata.org/entity/Q52502\">"),
        "{}",
        org.body
    );
    // Markup in the data is text on the page.
    let speaker = get(addr, "/news/id/person/henrik-kant", HTML);
    assert_eq!(speaker.status, 200);
    assert!(!speaker.body.contains("<script>"), "{}", speaker.body);
    assert!(
        speaker
            .body
            .contains("Kultur &amp; &lt;script&gt;alert(1)&lt;/script&gt; i &quot;staden&quot;"),
        "{}",
        speaker.body
    );
    assert!(speaker
        .body
        .contains("Det här är &lt;i&gt;bra&lt;/i&gt; &amp; fint"));
    let article = get(addr, "/news/id/article/markup", HTML);
    assert_eq!(article.status, 200);
    assert!(!article.body.contains("<script>") && !article.body.contains("<i>"));
    assert!(article
        .body
        .contains("<a href=\"/news/id/person/henrik-kant\">Henrik Kant</a>"));

    // Machines: Accept, an extension or ?format=, each the same statements.
    let iri = format!("{BASE}person/karin-lindqvist");
    let name = format!("<{iri}> <http://schema.org/name> \"Karin Lindqvist\"");
    let turtle = get(
        addr,
        "/news/id/person/karin-lindqvist",
        "Accept: text/turtle\r\n",
    );
    assert_eq!(
        turtle.header("content-type"),
        Some("text/turtle; charset=utf-8")
    );
    let by_accept = triples(&turtle.body, RdfFormat::Turtle);
    assert!(
        by_accept.iter().any(|t| t.to_string() == name),
        "{}",
        turtle.body
    );
    assert!(by_accept.iter().any(|t| t.to_string()
        == format!("<{BASE}article/sv-intervju-kultur> <http://schema.org/mentions> <{iri}>")));
    let nt = get(addr, "/news/id/person/karin-lindqvist.nt", HTML);
    assert_eq!(nt.header("content-type"), Some("application/n-triples"));
    assert_eq!(
        triples(&nt.body, RdfFormat::NTriples).len(),
        by_accept.len()
    );
    let jsonld = get(addr, "/news/id/person/karin-lindqvist?format=jsonld", HTML);
    assert_eq!(jsonld.header("content-type"), Some("application/ld+json"));
    let json: serde_json::Value = serde_json::from_str(&jsonld.body).unwrap();
    assert!(jsonld.body.contains("Karin Lindqvist"), "{json}");
    let ttl = get(addr, "/news/id/person/karin-lindqvist.ttl", "");
    assert_eq!(triples(&ttl.body, RdfFormat::Turtle).len(), by_accept.len());
    // Curl's */* gets Turtle; an article's RDF is its own graph.
    let graph = get(addr, "/news/id/article/sv-intervju-kultur", "");
    assert_eq!(
        graph.header("content-type"),
        Some("text/turtle; charset=utf-8")
    );
    assert!(graph.body.contains("schema:Quotation"), "{}", graph.body);

    for unknown in [
        "/news/id/person/nobody",
        "/news/id/person/nobody.ttl",
        "/person/karin-lindqvist",
        "/news/id/",
    ] {
        assert_eq!(get(addr, unknown, HTML).status, 404, "{unknown}");
    }
    assert_eq!(
        get(addr, "/news/id/person/karin-lindqvist?format=pdf", "").status,
        400
    );
    drop(served);

    // --base-url names the base to serve: a shorter one still finds the IRIs under it.
    let wider = Served::start(
        &tmp.path().join("store"),
        &["--base-url", "https://data.example.se/news/"],
    );
    assert_eq!(
        get(&wider.addr, "/news/id/person/karin-lindqvist", HTML).status,
        200
    );
    let other = Served::start(
        &tmp.path().join("store"),
        &["--base-url", "https://elsewhere.example/"],
    );
    assert_eq!(
        get(&other.addr, "/news/id/person/karin-lindqvist", HTML).status,
        404
    );
}

#[test]
fn the_browser_page_and_its_presets_are_served_from_the_binary() {
    let tmp = sample_store();
    let served = Served::start(&tmp.path().join("store"), &[]);
    let addr = &served.addr;
    let page = get(addr, "/", HTML);
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(
        page.body.contains("<textarea id=\"editor\""),
        "{}",
        page.body
    );
    // Self-contained: no script, style or font from elsewhere.
    for outside in ["src=\"http", "href=\"http", "@import", "url("] {
        assert!(!page.body.contains(outside), "{outside}");
    }
    let presets = get(addr, "/presets.json", "");
    assert_eq!(presets.header("content-type"), Some("application/json"));
    let json: serde_json::Value = serde_json::from_str(&presets.body).unwrap();
    assert_eq!(json["base"], "https://id.newsgraph.example/");
    assert_eq!(json["basePath"], "/");
    let mentions = json["presets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "mentions")
        .expect("the mentions preset");
    assert_eq!(mentions["params"][0]["name"], "entity");
    assert!(mentions["text"].as_str().unwrap().contains("SELECT"));

    // A preset runs by name as `query --preset` does: the entity by alias and case.
    let rows = get(
        addr,
        "/preset/mentions?entity=biskopsg%C3%A5rden",
        "Accept: text/csv\r\n",
    );
    assert_eq!(rows.status, 200, "{}", rows.body);
    let cli = Command::new(common::bin())
        .args([
            "query",
            "--store",
            tmp.path().join("store").to_str().unwrap(),
            "--format",
            "csv",
            "--preset",
            "mentions",
            "--param",
            "entity=biskopsgården",
        ])
        .output()
        .unwrap();
    assert_eq!(rows.body, String::from_utf8_lossy(&cli.stdout));
    assert!(rows.body.lines().count() >= 3, "{}", rows.body);
    let limited = get(addr, "/preset/people?limit=2", "Accept: text/csv\r\n");
    assert_eq!(limited.body.lines().count(), 3, "{}", limited.body);
    assert_eq!(get(addr, "/preset/mentions", "").status, 400);
    assert_eq!(get(addr, "/preset/nothing", "").status, 404);
    assert_eq!(get(addr, "/preset/people?limit=many", "").status, 400);
}

/// The `q`-quantile of sorted durations, in milliseconds.
fn quantile(sorted: &[Duration], q: f64) -> f64 {
    let at = ((sorted.len() as f64 - 1.0) * q).round() as usize;
    sorted[at].as_secs_f64() * 1000.0
}

/// Issue 19's load test, bounded and on loopback: 50 clients send 20 requests each (queries, a preset,
/// an entity page, the browser page) while a runaway query holds a slot and a core; every request is
/// answered 200, the cheap ones quickly. Prints p50/p99 (`cargo test --test serve -- --nocapture`).
#[test]
fn fifty_clients_with_a_runaway_query_in_flight() {
    const CLIENTS: usize = 50;
    const REQUESTS: usize = 20;
    let tmp = sample_store();
    // Room for every client and the runaway: --max-queries is what a deployment sizes for its load.
    let served = Served::start(
        &tmp.path().join("store"),
        &["--timeout", "10", "--max-queries", "64", "--quiet"],
    );
    let addr = served.addr.clone();
    let runaway = {
        let addr = addr.clone();
        std::thread::spawn(move || {
            let r = get(
                &addr,
                &format!("/query?query={}", encode(RUNAWAY)),
                "Accept: text/csv\r\n",
            );
            (r, Instant::now())
        })
    };
    std::thread::sleep(Duration::from_millis(300));
    let targets = [
        (
            format!("/query?query={}", encode(COUNT)),
            "Accept: text/csv\r\n",
        ),
        ("/preset/people?limit=10".to_owned(), "Accept: text/csv\r\n"),
        ("/person/karin-lindqvist".to_owned(), HTML),
        (
            format!(
                "/query?query={}",
                encode("SELECT ?h WHERE { ?a <http://schema.org/headline> ?h } LIMIT 5")
            ),
            "",
        ),
        ("/".to_owned(), HTML),
    ];
    let targets = std::sync::Arc::new(targets);
    let start = Instant::now();
    let clients: Vec<_> = (0..CLIENTS)
        .map(|c| {
            let (addr, targets) = (addr.clone(), std::sync::Arc::clone(&targets));
            std::thread::spawn(move || {
                let mut timings = Vec::new();
                for r in 0..REQUESTS {
                    let (target, headers) = &targets[(c + r) % targets.len()];
                    let sent = Instant::now();
                    let reply = get(&addr, target, headers);
                    timings.push((target.clone(), reply.status, sent.elapsed()));
                }
                timings
            })
        })
        .collect();
    let timings: Vec<(String, u16, Duration)> = clients
        .into_iter()
        .flat_map(|c| c.join().unwrap())
        .collect();
    let took = start.elapsed();
    let load_ended = Instant::now();
    let errors: Vec<_> = timings.iter().filter(|t| t.1 != 200).collect();
    let mut all: Vec<Duration> = timings.iter().map(|t| t.2).collect();
    all.sort();
    let mut cheap: Vec<Duration> = timings.iter().filter(|t| t.0 == "/").map(|t| t.2).collect();
    cheap.sort();
    println!(
        "load: {} requests in {:.2} s ({:.0}/s), {} errors; latency p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms; \
         the page at / p50 {:.1} ms, p99 {:.1} ms",
        timings.len(),
        took.as_secs_f64(),
        timings.len() as f64 / took.as_secs_f64(),
        errors.len(),
        quantile(&all, 0.5),
        quantile(&all, 0.99),
        quantile(&all, 1.0),
        quantile(&cheap, 0.5),
        quantile(&cheap, 0.99),
    );
    assert_eq!(timings.len(), CLIENTS * REQUESTS);
    assert!(errors.is_empty(), "{errors:?}");
    assert!(
        quantile(&cheap, 0.99) < 2000.0,
        "cheap requests wait behind the runaway"
    );
    let (answer, ended) = runaway.join().unwrap();
    assert!(
        ended > load_ended,
        "the runaway query was in flight during the whole load"
    );
    assert_eq!(answer.status, 503, "{}", answer.body);
    assert!(
        answer.body.contains("stopped after 10 s"),
        "{}",
        answer.body
    );
}
