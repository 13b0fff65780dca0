//! HTML and WARC throughput and peak memory over generated pages of realistic size (50 to 150 KB of
//! markup: menus, inline scripts and styles, teasers, comments, footers around an article of about 600
//! words).
//!
//! Run: `cargo bench --profile dev --bench html`. Rows:
//! - `memory:html`: `NEWSGRAPH_BENCH_PAGES` pages (default 2,000) through the whole pipeline (decode,
//!   parse, extract, metadata, entities, JSON-LD) on all cores, from memory;
//! - `warc:N`: a `.warc.gz` of N pages (`NEWSGRAPH_BENCH_WARC`, default `1000,10000`; one gzip member per
//!   record, requests beside responses, as harvesters write them) through the batch pipeline
//!   (`batch::convert_each`, streamed) with JSON-LD rendered for each page. Each WARC row runs in its own
//!   child process, so its peak memory is its own: flat memory means the same peak for 1,000 and 10,000
//!   pages.
//!
//! Files go under `NEWSGRAPH_BENCH_DIR` (default: the temporary folder). The bench allocates with
//! jemalloc, as the `newsgraph` binary does (glibc's malloc cost this bench about a tenth more).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use newsgraph::article::{self, Options};
use newsgraph::emit::{self, Format};
use newsgraph::{batch, warc};
use rayon::prelude::*;

/// The allocator the binary runs with (see `src/main.rs`).
#[cfg(all(target_os = "linux", not(target_env = "musl")))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--child") {
        let (pages, secs) = convert_warc(Path::new(&args[i + 1]));
        println!("{pages} {secs} {}", peak_kb());
        return;
    }
    let dir = tempfile::tempdir_in(
        std::env::var("NEWSGRAPH_BENCH_DIR")
            .unwrap_or_else(|_| std::env::temp_dir().display().to_string()),
    )
    .unwrap();
    let n: usize = env_num("NEWSGRAPH_BENCH_PAGES", 2000);
    let threads = rayon::current_num_threads();
    println!("{threads} threads");
    let pages: Vec<String> = (0..n).map(page).collect();
    let bytes: usize = pages.iter().map(String::len).sum();
    let opts = Options::default();
    let start = Instant::now();
    let ok = pages
        .par_iter()
        .enumerate()
        .filter(|(i, p)| {
            let path = PathBuf::from(format!("page-{i}.html"));
            article::from_bytes(&path, p.as_bytes(), &opts)
                .map(|a| emit::render(&a, Format::Jsonld, false))
                .is_ok()
        })
        .count();
    let secs = start.elapsed().as_secs_f64();
    println!(
        "memory:html   {ok}/{n} pages, {:.1} MB of markup (mean {:.0} KB), {secs:.2} s, {:.0} pages/s",
        bytes as f64 / 1e6,
        bytes as f64 / n as f64 / 1e3,
        ok as f64 / secs
    );
    drop(pages);
    let sizes = std::env::var("NEWSGRAPH_BENCH_WARC").unwrap_or_else(|_| "1000,10000".into());
    for size in sizes
        .split(',')
        .filter_map(|s| s.trim().parse::<usize>().ok())
    {
        let path = dir.path().join(format!("bench-{size}.warc.gz"));
        let written = write_warc(&path, size);
        let out = Command::new(std::env::current_exe().unwrap())
            .args(["--child", &path.display().to_string()])
            .output()
            .unwrap();
        let line = String::from_utf8_lossy(&out.stdout);
        let f: Vec<f64> = line
            .split_whitespace()
            .filter_map(|x| x.parse().ok())
            .collect();
        if f.len() < 3 {
            println!(
                "warc:{size} failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            continue;
        }
        println!(
            "warc:{size:<6} {} pages, {:.0} MB gzip ({:.0} MB of records), {:.2} s, {:.0} pages/s, peak {:.0} MB",
            f[0],
            std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0) as f64 / 1e6,
            written as f64 / 1e6,
            f[1],
            f[0] / f[1],
            f[2] / 1024.0
        );
        let _ = std::fs::remove_file(&path);
    }
}

fn env_num(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Converts every page of the WARC file through the batch pipeline; pages converted and seconds.
fn convert_warc(path: &Path) -> (usize, f64) {
    let opts = Options::default();
    let start = Instant::now();
    let mut ok = 0;
    batch::convert_each(&[path.to_owned()], &opts, |_, r| {
        if let Ok(a) = r {
            ok += usize::from(!emit::render(&a, Format::Jsonld, false).is_empty());
        }
    });
    (ok, start.elapsed().as_secs_f64())
}

/// Writes a harvest of `n` pages (a request and a response per page); returns the bytes of records.
fn write_warc(path: &Path, n: usize) -> usize {
    let file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut total = 0;
    let mut out = file;
    for i in 0..n {
        let uri = format!("https://www.exempelstad.se/nyheter/{i}");
        let date = "2024-05-01T10:00:00Z";
        for rec in [
            warc::record(
                "request",
                &uri,
                &format!("q{i}"),
                date,
                "application/http; msgtype=request",
                b"GET / HTTP/1.1\r\n\r\n",
            ),
            warc::response_record(&uri, &format!("r{i}"), date, &page(i)),
        ] {
            total += rec.len();
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            e.write_all(&rec).unwrap();
            out.write_all(&e.finish().unwrap()).unwrap();
        }
    }
    out.flush().unwrap();
    total
}

/// Peak resident memory of this process, in KB.
fn peak_kb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0.0)
}

const WORDS: [&str; 24] = [
    "kommunen",
    "beslutade",
    "under",
    "veckan",
    "att",
    "bygga",
    "en",
    "ny",
    "skola",
    "i",
    "området",
    "och",
    "boende",
    "får",
    "mer",
    "information",
    "om",
    "arbetet",
    "som",
    "väntas",
    "pågå",
    "hela",
    "året",
    "enligt",
];

/// A generated news page of 50 to 150 KB.
fn page(i: usize) -> String {
    let mut rng = (i as u64)
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut next = move || {
        rng = rng
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (rng >> 33) as usize
    };
    let sentence = |next: &mut dyn FnMut() -> usize| {
        let mut s: String = (0..8 + next() % 12)
            .map(|_| WORDS[next() % WORDS.len()])
            .collect::<Vec<_>>()
            .join(" ");
        let first = s.chars().next().map_or(0, char::len_utf8);
        s = s[..first].to_uppercase() + &s[first..];
        s.push('.');
        s
    };
    let target = 50_000 + next() % 100_000;
    let mut p = String::with_capacity(target + 20_000);
    p.push_str("<!doctype html><html lang=\"sv\"><head><meta charset=\"utf-8\">");
    p.push_str(&format!("<title>Nyhet {i} | Exempelstad</title><link rel=\"canonical\" href=\"https://www.exempelstad.se/nyheter/{i}\">"));
    p.push_str(&format!("<script type=\"application/ld+json\">{{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\"headline\":\"Nyhet nummer {i} om skolan\",\"datePublished\":\"2024-05-0{}\",\"author\":{{\"@type\":\"Person\",\"name\":\"Anna Berg\"}},\"publisher\":{{\"@type\":\"Organization\",\"name\":\"Exempelstad\"}}}}</script>", 1 + i % 9));
    p.push_str("<style>");
    while p.len() < target / 4 {
        p.push_str(
            ".nav-item a{color:#123456;padding:4px 8px;margin:0 2px}.teaser h3{font-size:1.1rem}\n",
        );
    }
    p.push_str("</style><script>");
    while p.len() < target / 2 {
        p.push_str("window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}gtag('js',new Date());\n");
    }
    p.push_str("</script></head><body><div class=\"cookie-consent\"><p>Vi använder kakor.</p><button>OK</button></div><header><nav><ul>");
    for k in 0..60 {
        p.push_str(&format!(
            "<li class=\"nav-item\"><a href=\"/sektion/{k}\">Sektion {k}</a></li>"
        ));
    }
    p.push_str("</ul></nav></header><main><article><h1>Nyhet nummer ");
    p.push_str(&i.to_string());
    p.push_str(" om skolan</h1><p class=\"lead\">");
    p.push_str(&sentence(&mut next));
    p.push(' ');
    p.push_str(&sentence(&mut next));
    p.push_str("</p><div class=\"article-body\">");
    for k in 0..30 {
        if k % 8 == 7 {
            p.push_str("<h2>Mer om arbetet</h2>");
        }
        p.push_str("<p>");
        for _ in 0..3 {
            p.push_str(&sentence(&mut next));
            p.push(' ');
        }
        p.push_str("</p>");
    }
    p.push_str("</div><div class=\"share-buttons\"><a href=\"#\">Dela</a></div></article><section class=\"related-teasers\">");
    while p.len() < target - 2_000 {
        p.push_str("<article class=\"teaser\"><a href=\"/n/1\"><img src=\"/t.jpg\" alt=\"\"><h3>Annan nyhet från kommunen</h3></a><p>Kort text om en annan nyhet. Läs mer.</p></article>");
    }
    p.push_str(
        "</section></main><footer><p>Exempelstad, 123 45 Exempelstad</p></footer></body></html>",
    );
    p
}
