//! Identifiers: the IRI base, slugs, and the IRIs built from them.
//!
//! The same name must give the same IRI in every article, run and machine, so slugs depend only on the text
//! (transliterated to ASCII, lowercased, punctuation folded to `-`) and never on order or time.

use crate::error::{Error, Result};

/// The default IRI base. `.example` is reserved (RFC 2606), so the default never claims someone's domain.
pub const DEFAULT_BASE: &str = "https://id.newsgraph.example/";

/// Longest slug kept whole; longer ones are cut and given a hash suffix so they stay unique.
const MAX_SLUG: usize = 80;

/// Validated IRI base under which every identifier is minted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Base(String);

impl Base {
    /// Checks that `iri` is an absolute IRI ending in `/` or `#`.
    pub fn new(iri: &str) -> Result<Self> {
        if !(iri.ends_with('/') || iri.ends_with('#')) {
            return Err(Error::Config(format!(
                "base IRI {iri:?} must end with '/' or '#'"
            )));
        }
        oxigraph::model::NamedNode::new(iri)
            .map_err(|e| Error::Config(format!("base IRI {iri:?} is not an absolute IRI: {e}")))?;
        Ok(Self(iri.to_owned()))
    }

    /// The base as a string.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// IRI of the article with this id.
    pub fn article(&self, id: &str) -> String {
        [self.0.as_str(), "article/", &slug(id)].concat()
    }

    /// IRI for an entity key (`person/anna-berg`).
    pub fn entity(&self, key: &str) -> String {
        [self.0.as_str(), key].concat()
    }
}

impl Default for Base {
    fn default() -> Self {
        Self(DEFAULT_BASE.to_owned())
    }
}

/// A lowercase ASCII slug: safe in IRIs and as a file name on every common file system.
pub fn slug(text: &str) -> String {
    // Transliterated text is ASCII (borrowed when it already was), so it is lowered byte by byte.
    let ascii = deunicode::deunicode_with_tofu_cow(text, "[?]");
    let mut out = String::with_capacity(ascii.len());
    for b in ascii.bytes() {
        if b.is_ascii_alphanumeric() {
            out.push(char::from(b.to_ascii_lowercase()));
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        return format!("x{}", short_hash(text));
    }
    if out.len() > MAX_SLUG {
        out.truncate(MAX_SLUG);
        while out.ends_with('-') {
            out.pop();
        }
        out = format!("{out}-{}", short_hash(text));
    }
    if is_reserved_file_name(&out) {
        out.push_str("-x");
    }
    out
}

/// Names Windows refuses as file names, whatever the extension.
fn is_reserved_file_name(s: &str) -> bool {
    const RESERVED: [&str; 4] = ["con", "prn", "aux", "nul"];
    let numbered = (s.starts_with("com") || s.starts_with("lpt"))
        && s.len() == 4
        && s.as_bytes()[3].is_ascii_digit();
    RESERVED.contains(&s) || numbered
}

/// Eight hex digits of SHA-256, enough to keep cut slugs apart.
fn short_hash(text: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(text.as_bytes());
    digest[..4].iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_and_stable() {
        assert_eq!(slug("Göteborgs Stad"), "goteborgs-stad");
        assert_eq!(slug("Nu!-arbetet"), "nu-arbetet");
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(slug("CON"), "con-x");
        assert_eq!(slug("com1"), "com1-x");
        assert!(slug("!!!").starts_with('x'));
        let long = "a ".repeat(100);
        assert!(slug(&long).len() <= MAX_SLUG + 9);
    }

    #[test]
    fn base_must_be_absolute_and_end_with_separator() {
        assert!(Base::new("https://example.org/id/").is_ok());
        assert!(Base::new("https://example.org/id").is_err());
        assert!(Base::new("relative/").is_err());
        assert_eq!(
            Base::default().article("Min artikel"),
            "https://id.newsgraph.example/article/min-artikel"
        );
    }
}
