//! Small pieces shared by the METS and PREMIS writers: escaping, hashing writers, the package's time.
//!
//! Both documents are written as text fragments rather than through an XML event writer: their shape is
//! fixed, and fragments can be spooled to a temporary file while the articles stream past, then copied
//! into place in the order the schemas want (PREMIS objects before events, METS files grouped by
//! representation).

use std::borrow::Cow;
use std::io::{self, Write};

use sha2::{Digest, Sha256};

/// `text` escaped for XML content and attribute values; characters XML 1.0 cannot carry (control
/// characters in a file name or an error message) become U+FFFD, so the document always parses.
pub fn esc(text: &str) -> Cow<'_, str> {
    if !text.chars().any(crate::emit::xml::is_forbidden) {
        return quick_xml::escape::escape(text);
    }
    let clean: String = text
        .chars()
        .map(|c| {
            if crate::emit::xml::is_forbidden(c) {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect();
    Cow::Owned(quick_xml::escape::escape(&clean).into_owned())
}

/// A writer that counts and hashes (SHA-256) what goes through it: a file's size and checksum come from
/// the one pass that writes it.
pub struct Hashing<W: Write> {
    inner: W,
    hasher: Sha256,
    size: u64,
}

impl<W: Write> Hashing<W> {
    /// Wraps `inner`.
    pub fn new(inner: W) -> Self {
        Self {
            inner,
            hasher: Sha256::new(),
            size: 0,
        }
    }

    /// The writer back, the byte count and the SHA-256 as lowercase hex.
    pub fn finish(self) -> (W, u64, String) {
        (self.inner, self.size, hex(&self.hasher.finalize()))
    }
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.size += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Lowercase hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// The current time as `xs:dateTime` in UTC, whole seconds.
pub fn now() -> String {
    let now = jiff::Timestamp::now();
    now.round(jiff::Unit::Second).unwrap_or(now).to_string()
}
