//! HTML reader: a saved page (or a page from a web archive) → the same structure the text readers give,
//! plus the page's own metadata.
//!
//! `charset` picks the encoding, `dom` parses the page as a browser would (html5ever),
//! `meta` reads what the page says about itself and `extract` finds the article body among the page's
//! navigation and teasers. `score` measures that extraction against hand-made gold bodies.

pub mod charset;
pub mod dom;
mod extract;
pub mod meta;
pub mod score;

use std::path::Path;

use sha2::{Digest, Sha256};

pub use meta::PageMeta;

use crate::error::{Error, Result};
use crate::model::{InputFormat, Source};
use crate::structure::Structure;

/// A page read: where its bytes came from, what it says about itself and its article body.
#[derive(Debug, Clone)]
pub struct Page {
    /// Provenance of the page's bytes (format `html`).
    pub source: Source,
    /// The page's own metadata.
    pub meta: PageMeta,
    /// The article body (no headline: see [`Page::heading`] and `meta.headline`).
    pub structure: Structure,
    /// The page's first `<h1>`.
    pub heading: Option<String>,
}

/// Extensions of HTML files (directories are walked for these too).
pub const EXTENSIONS: [&str; 4] = ["html", "htm", "xhtml", "shtml"];

/// Whether the file is an HTML page: by its extension, or by its first bytes whatever its name (a
/// saved page called `.txt`, or no extension at all).
pub fn is_html(path: &Path, bytes: &[u8]) -> bool {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    EXTENSIONS.contains(&ext.as_str()) || sniff(bytes)
}

/// Whether the bytes start like an HTML document (after a BOM, whitespace and comments).
pub fn sniff(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let head = &bytes[..bytes.len().min(1024)];
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let lower = head[start..].to_ascii_lowercase();
    lower.starts_with(b"<!doctype html")
        || lower.starts_with(b"<html")
        || (lower.starts_with(b"<!--") || lower.starts_with(b"<?xml"))
            && memchr::memmem::find(&lower, b"<html").is_some()
}

/// Reads a page. `declared` is a `Content-Type` the server sent (from a WARC record); `address` the
/// page's address when known (a WARC target URI), which resolves its relative links.
pub fn read(
    path: &Path,
    bytes: &[u8],
    declared: Option<&str>,
    address: Option<&str>,
) -> Result<Page> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Empty {
            path: path.to_owned(),
        });
    }
    let (raw, encoding, bom) = charset::decode(bytes, declared);
    let line_ends = crate::read::line_ends(&raw);
    let text = crate::read::normalize(raw);
    let doc = dom::Dom::parse(&text);
    let meta = meta::read(&doc, address);
    let base = meta.url.as_deref().or(address);
    let (structure, heading) = extract::extract(
        &doc,
        meta.headline.as_deref(),
        meta.description.as_deref(),
        base,
    );
    if structure.lead.is_none() && structure.sections.is_empty() {
        return Err(Error::NoText {
            path: path.to_owned(),
        });
    }
    let source = Source {
        file_name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        size: bytes.len() as u64,
        sha256: crate::read::hex(&Sha256::digest(bytes)),
        encoding: encoding.name().to_owned(),
        bom,
        line_ends,
        format: InputFormat::Html,
        warc: None,
    };
    Ok(Page {
        source,
        meta,
        structure,
        heading,
    })
}

/// The `<title>` without the site name that templates append (`Headline | Site`, `Headline - Site`).
pub fn title_headline(title: &str, site: Option<&str>) -> String {
    for sep in [" | ", " – ", " — ", " - ", " :: ", " · "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            let is_site = site.is_none_or(|s| tail.trim().eq_ignore_ascii_case(s.trim()));
            if is_site && !head.trim().is_empty() {
                return head.trim().to_owned();
            }
        }
    }
    title.trim().to_owned()
}
