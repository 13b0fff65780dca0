//! The package's root `METS.xml`, following the E-ARK CSIP 2.1 and SIP profiles: a header naming the
//! software, the archive creator and the submitter; descriptive metadata (the XML archive, the JSON-LD);
//! preservation metadata (PREMIS); a file section with every file's size and SHA-256 (documentation,
//! schemas, each representation); the CSIP structural map.
//!
//! Representation files are spooled as `<mets:file>` fragments while the articles stream past
//! ([`file`]), and copied into place by [`write`] at the end.

use std::io::{self, Read, Write};

use super::formats::Format;
use super::xml::esc;

/// The E-ARK SIP profile the package follows.
pub const PROFILE: &str = "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml";

/// The content information type of every file group (CSIP62/CSIP63 want it on representations and,
/// as E-ARK's validator reads CSIP63, on every group that states none).
const CONTENT_TYPE: &str =
    "csip:CONTENTINFORMATIONTYPE=\"OTHER\" csip:OTHERCONTENTINFORMATIONTYPE=\"newsgraph articles\"";

/// One file of the package as METS and PREMIS list it.
#[derive(Debug, Clone)]
pub struct Entry {
    /// A METS `ID` (an XML NCName, unique in the package).
    pub id: String,
    /// Path inside the package, `/`-separated, not encoded.
    pub path: String,
    /// Size in bytes.
    pub size: u64,
    /// SHA-256, lowercase hex.
    pub sha256: String,
    /// What it is.
    pub format: Format,
}

/// A package path as the relative URL METS `xlink:href` holds: bytes other than unreserved characters
/// and `/` percent-encoded, so names with spaces or `#` stay one path.
pub fn href(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The package path an `xlink:href` names ([`href`] undone); `None` when it is not valid UTF-8.
pub fn path_of_href(href: &str) -> Option<String> {
    let bytes = href.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The attributes METS gives every referenced file: type, size, time, checksum.
fn file_attributes(e: &Entry, created: &str) -> String {
    format!(
        "MIMETYPE=\"{}\" SIZE=\"{}\" CREATED=\"{}\" CHECKSUM=\"{}\" CHECKSUMTYPE=\"SHA-256\"",
        e.format.mime, e.size, created, e.sha256
    )
}

/// A `<mets:file>` of the file section.
pub fn file(out: &mut impl Write, e: &Entry, created: &str) -> io::Result<()> {
    writeln!(
        out,
        "      <mets:file ID=\"{}\" {}>\n        <mets:FLocat LOCTYPE=\"URL\" xlink:type=\"simple\" xlink:href=\"{}\"/>\n      </mets:file>",
        e.id,
        file_attributes(e, created),
        esc(&href(&e.path))
    )
}

/// A metadata section's `<mets:mdRef>` to a file of `metadata/`.
fn md_ref(e: &Entry, mdtype: &str, created: &str) -> String {
    let other = match mdtype {
        "PREMIS" => String::new(),
        t => format!(" OTHERMDTYPE=\"{}\"", esc(t)),
    };
    let mdtype = if mdtype == "PREMIS" {
        "PREMIS"
    } else {
        "OTHER"
    };
    format!(
        "<mets:mdRef LOCTYPE=\"URL\" xlink:type=\"simple\" xlink:href=\"{}\" MDTYPE=\"{mdtype}\"{other} {}/>",
        esc(&href(&e.path)),
        file_attributes(e, created)
    )
}

/// What the package header says: see [`super::Header`].
pub struct Parts<'a> {
    /// The package's id (`OBJID`): its folder name.
    pub objid: &'a str,
    /// Creation time of the package and its files.
    pub created: &'a str,
    /// The header options.
    pub header: &'a super::Header,
    /// Descriptive metadata files, with their `OTHERMDTYPE`.
    pub descriptive: Vec<(Entry, &'static str)>,
    /// The PREMIS file.
    pub premis: Entry,
    /// Other metadata (the settings), with its `OTHERMDTYPE`.
    pub other: Vec<(Entry, &'static str)>,
    /// Documentation files.
    pub documentation: Vec<Entry>,
    /// Schema files.
    pub schemas: Vec<Entry>,
}

/// Writes `METS.xml`: the header and sections from `parts`, the representations' file fragments copied
/// from the two spools.
pub fn write(
    out: &mut impl Write,
    parts: &Parts,
    rep1: &mut impl Read,
    rep2: &mut impl Read,
) -> io::Result<()> {
    header(out, parts)?;
    metadata_sections(out, parts)?;
    writeln!(out, "  <mets:fileSec ID=\"filesec\">")?;
    group(
        out,
        "grp-documentation",
        "Documentation",
        &parts.documentation,
        parts.created,
    )?;
    group(out, "grp-schemas", "Schemas", &parts.schemas, parts.created)?;
    for (id, name, spool) in [
        ("grp-rep1", "rep1", rep1 as &mut dyn Read),
        ("grp-rep2", "rep2", rep2 as &mut dyn Read),
    ] {
        writeln!(
            out,
            "    <mets:fileGrp ID=\"{id}\" USE=\"Representations/{name}\" {CONTENT_TYPE}>"
        )?;
        io::copy(spool, out)?;
        writeln!(out, "    </mets:fileGrp>")?;
    }
    writeln!(out, "  </mets:fileSec>")?;
    struct_map(out, parts)?;
    writeln!(out, "</mets:mets>")
}

fn header(out: &mut impl Write, p: &Parts) -> io::Result<()> {
    writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
    writeln!(
        out,
        "<mets:mets xmlns:mets=\"http://www.loc.gov/METS/\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" \
xmlns:csip=\"https://DILCIS.eu/XML/METS/CSIPExtensionMETS\" xmlns:sip=\"https://DILCIS.eu/XML/METS/SIPExtensionMETS\" \
xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
xsi:schemaLocation=\"http://www.loc.gov/METS/ schemas/mets.xsd http://www.w3.org/1999/xlink schemas/xlink.xsd \
https://DILCIS.eu/XML/METS/CSIPExtensionMETS schemas/DILCISExtensionMETS.xsd \
https://DILCIS.eu/XML/METS/SIPExtensionMETS schemas/DILCISExtensionSIPMETS.xsd\" \
OBJID=\"{}\" LABEL=\"News articles and their linked data\" TYPE=\"Textual works – Digital\" \
csip:CONTENTINFORMATIONTYPE=\"OTHER\" csip:OTHERCONTENTINFORMATIONTYPE=\"newsgraph articles\" PROFILE=\"{PROFILE}\">",
        esc(p.objid)
    )?;
    writeln!(
        out,
        "  <mets:metsHdr CREATEDATE=\"{0}\" LASTMODDATE=\"{0}\" RECORDSTATUS=\"NEW\" csip:OAISPACKAGETYPE=\"SIP\">",
        p.created
    )?;
    writeln!(
        out,
        "    <mets:agent ROLE=\"CREATOR\" TYPE=\"OTHER\" OTHERTYPE=\"SOFTWARE\">\n      <mets:name>{}</mets:name>\n      <mets:note csip:NOTETYPE=\"SOFTWARE VERSION\">{}</mets:note>\n    </mets:agent>",
        env!("CARGO_PKG_NAME"),
        env!("CARGO_PKG_VERSION")
    )?;
    if let Some(creator) = &p.header.creator {
        writeln!(
            out,
            "    <mets:agent ROLE=\"ARCHIVIST\" TYPE=\"ORGANIZATION\">\n      <mets:name>{}</mets:name>\n    </mets:agent>",
            esc(creator)
        )?;
    }
    if let Some(submitter) = &p.header.submitter {
        writeln!(
            out,
            "    <mets:agent ROLE=\"CREATOR\" TYPE=\"ORGANIZATION\">\n      <mets:name>{}</mets:name>\n    </mets:agent>",
            esc(submitter)
        )?;
    }
    for id in &p.header.record_ids {
        writeln!(
            out,
            "    <mets:altRecordID TYPE=\"REFERENCECODE\">{}</mets:altRecordID>",
            esc(id)
        )?;
    }
    writeln!(out, "  </mets:metsHdr>")
}

fn metadata_sections(out: &mut impl Write, p: &Parts) -> io::Result<()> {
    for (e, kind) in &p.descriptive {
        writeln!(
            out,
            "  <mets:dmdSec ID=\"dmd-{}\" CREATED=\"{}\" STATUS=\"CURRENT\">\n    {}\n  </mets:dmdSec>",
            e.id,
            p.created,
            md_ref(e, kind, p.created)
        )?;
    }
    writeln!(out, "  <mets:amdSec>")?;
    for (e, kind) in &p.other {
        writeln!(
            out,
            "    <mets:techMD ID=\"tech-{}\" STATUS=\"CURRENT\">\n      {}\n    </mets:techMD>",
            e.id,
            md_ref(e, kind, p.created)
        )?;
    }
    writeln!(
        out,
        "    <mets:digiprovMD ID=\"digiprov-{}\" STATUS=\"CURRENT\">\n      {}\n    </mets:digiprovMD>",
        p.premis.id,
        md_ref(&p.premis, "PREMIS", p.created)
    )?;
    writeln!(out, "  </mets:amdSec>")
}

fn group(
    out: &mut impl Write,
    id: &str,
    usage: &str,
    entries: &[Entry],
    created: &str,
) -> io::Result<()> {
    writeln!(
        out,
        "    <mets:fileGrp ID=\"{id}\" USE=\"{usage}\" {CONTENT_TYPE}>"
    )?;
    for e in entries {
        file(out, e, created)?;
    }
    writeln!(out, "    </mets:fileGrp>")
}

fn struct_map(out: &mut impl Write, p: &Parts) -> io::Result<()> {
    let dmd: Vec<String> = p
        .descriptive
        .iter()
        .map(|(e, _)| format!("dmd-{}", e.id))
        .collect();
    let mut adm: Vec<String> = p
        .other
        .iter()
        .map(|(e, _)| format!("tech-{}", e.id))
        .collect();
    adm.push(format!("digiprov-{}", p.premis.id));
    writeln!(
        out,
        "  <mets:structMap ID=\"structmap\" TYPE=\"PHYSICAL\" LABEL=\"CSIP\">\n    <mets:div ID=\"div-package\" LABEL=\"{}\">",
        esc(p.objid)
    )?;
    writeln!(
        out,
        "      <mets:div ID=\"div-metadata\" LABEL=\"Metadata\" ADMID=\"{}\" DMDID=\"{}\"/>",
        adm.join(" "),
        dmd.join(" ")
    )?;
    writeln!(out, "      <mets:div ID=\"div-documentation\" LABEL=\"Documentation\">\n        <mets:fptr FILEID=\"grp-documentation\"/>\n      </mets:div>")?;
    writeln!(out, "      <mets:div ID=\"div-schemas\" LABEL=\"Schemas\">\n        <mets:fptr FILEID=\"grp-schemas\"/>\n      </mets:div>")?;
    writeln!(out, "      <mets:div ID=\"div-representations\" LABEL=\"Representations\">\n        <mets:fptr FILEID=\"grp-rep1\"/>\n        <mets:fptr FILEID=\"grp-rep2\"/>\n      </mets:div>")?;
    writeln!(out, "    </mets:div>\n  </mets:structMap>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hrefs_encode_what_a_url_path_cannot_hold_and_decode_back() {
        let path = "representations/rep1/data/a b#ö.txt";
        let h = href(path);
        assert_eq!(h, "representations/rep1/data/a%20b%23%C3%B6.txt");
        assert_eq!(path_of_href(&h).as_deref(), Some(path));
        assert_eq!(path_of_href("a%2"), Some("a%2".to_owned()));
    }
}
