//! What each file of a package is: its MIME type, format name and PRONOM identifier (PUID) where one is
//! known, for METS `MIMETYPE` and PREMIS `format`.
//!
//! PUIDs from The National Archives' PRONOM registry: x-fmt/111 Plain Text File, fmt/1149 Markdown,
//! fmt/96 Hypertext Markup Language (no version: pages of any CMS), fmt/289 WARC, x-fmt/266 GZIP Format
//! (a `.warc.gz` is a gzip stream of WARC records), fmt/101 Extensible Markup Language 1.0 (the XML
//! archive, METS and the XSDs). JSON-LD and N-Quads are given by MIME type and name only: no PRONOM
//! identifier for them was at hand to cite.

use std::path::Path;

/// A file's format as the package describes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Format {
    /// IANA media type.
    pub mime: &'static str,
    /// Human-readable format name (PREMIS `formatName`).
    pub name: &'static str,
    /// PRONOM identifier, where known.
    pub puid: Option<&'static str>,
}

/// Plain text (the archive's documentation, text articles).
pub const TEXT: Format = Format {
    mime: "text/plain",
    name: "Plain Text File",
    puid: Some("x-fmt/111"),
};

/// XML documents: the XML archive, XSDs.
pub const XML: Format = Format {
    mime: "application/xml",
    name: "Extensible Markup Language 1.0",
    puid: Some("fmt/101"),
};

/// schema.org JSON-LD.
pub const JSONLD: Format = Format {
    mime: "application/ld+json",
    name: "JSON-LD 1.1",
    puid: None,
};

/// RDF N-Quads.
pub const NQUADS: Format = Format {
    mime: "application/n-quads",
    name: "RDF 1.1 N-Quads",
    puid: None,
};

/// The format of an original input file, by its name (the converter tells HTML by its bytes too, but a
/// package describes what the file claims to be).
pub fn of_original(path: &Path) -> Format {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
    if name.ends_with(".warc.gz") {
        return Format {
            mime: "application/gzip",
            name: "GZIP Format (WARC records)",
            puid: Some("x-fmt/266"),
        };
    }
    match ext {
        "warc" => Format {
            mime: "application/warc",
            name: "WARC",
            puid: Some("fmt/289"),
        },
        "md" | "markdown" | "mdown" => Format {
            mime: "text/markdown",
            name: "Markdown",
            puid: Some("fmt/1149"),
        },
        "html" | "htm" | "shtml" => Format {
            mime: "text/html",
            name: "Hypertext Markup Language",
            puid: Some("fmt/96"),
        },
        "xhtml" => Format {
            mime: "application/xhtml+xml",
            name: "Extensible Hypertext Markup Language",
            puid: None,
        },
        "txt" | "text" => TEXT,
        _ => Format {
            mime: "application/octet-stream",
            name: "unknown",
            puid: None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn originals_are_told_by_their_names() {
        assert_eq!(of_original(Path::new("a/b.TXT")).puid, Some("x-fmt/111"));
        assert_eq!(of_original(Path::new("h.warc.gz")).mime, "application/gzip");
        assert_eq!(of_original(Path::new("h.warc")).puid, Some("fmt/289"));
        assert_eq!(of_original(Path::new("p.htm")).mime, "text/html");
        assert_eq!(of_original(Path::new("x")).puid, None);
    }
}
