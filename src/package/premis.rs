//! The package's PREMIS 3.0 document (`metadata/preservation/premis.xml`): one object per file with its
//! SHA-256 and format, one event per conversion (success with the files it made, or failure with the
//! error line), one event for the package's creation, the agents (newsgraph with its version, the
//! submitter, the archive creator) and the rights statements.
//!
//! PREMIS wants every object before every event: objects are written straight into the document as
//! files are added, events are spooled and copied after them by [`finish`].

use std::io::{self, Read, Write};

use super::mets::Entry;
use super::xml::esc;

/// The PREMIS 3 namespace.
pub const NAMESPACE: &str = "http://www.loc.gov/premis/v3";

/// The software agent's identifier.
pub const SOFTWARE: &str = "agent-newsgraph";

/// Opens the document.
pub fn start(out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
    writeln!(
        out,
        "<premis:premis xmlns:premis=\"{NAMESPACE}\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" version=\"3.0\">"
    )
}

fn identifier(out: &mut impl Write, element: &str, value: &str) -> io::Result<()> {
    writeln!(
        out,
        "    <premis:{element}Identifier>\n      <premis:{element}IdentifierType>local</premis:{element}IdentifierType>\n      <premis:{element}IdentifierValue>{}</premis:{element}IdentifierValue>\n    </premis:{element}Identifier>",
        esc(value)
    )
}

/// A file object: its path in the package as identifier, fixity, size, format and, for an original,
/// the name it was given on the command line.
pub fn object(out: &mut impl Write, e: &Entry, original_name: Option<&str>) -> io::Result<()> {
    writeln!(out, "  <premis:object xsi:type=\"premis:file\">")?;
    identifier(out, "object", &e.path)?;
    writeln!(
        out,
        "    <premis:objectCharacteristics>\n      <premis:compositionLevel>0</premis:compositionLevel>\n      <premis:fixity>\n        <premis:messageDigestAlgorithm>SHA-256</premis:messageDigestAlgorithm>\n        <premis:messageDigest>{}</premis:messageDigest>\n        <premis:messageDigestOriginator>{}</premis:messageDigestOriginator>\n      </premis:fixity>\n      <premis:size>{}</premis:size>\n      <premis:format>\n        <premis:formatDesignation>\n          <premis:formatName>{}</premis:formatName>\n        </premis:formatDesignation>",
        e.sha256,
        env!("CARGO_PKG_NAME"),
        e.size,
        esc(e.format.name)
    )?;
    if let Some(puid) = e.format.puid {
        writeln!(
            out,
            "        <premis:formatRegistry>\n          <premis:formatRegistryName>PRONOM</premis:formatRegistryName>\n          <premis:formatRegistryKey>{puid}</premis:formatRegistryKey>\n        </premis:formatRegistry>"
        )?;
    }
    writeln!(
        out,
        "        <premis:formatNote>{}</premis:formatNote>\n      </premis:format>\n    </premis:objectCharacteristics>",
        e.format.mime
    )?;
    if let Some(name) = original_name {
        writeln!(
            out,
            "    <premis:originalName>{}</premis:originalName>",
            esc(name)
        )?;
    }
    writeln!(out, "  </premis:object>")
}

/// One event: what happened to which objects, done by newsgraph.
pub struct Event<'a> {
    /// Its identifier.
    pub id: String,
    /// PREMIS event type (Library of Congress vocabulary: `migration`, `information package creation`).
    pub kind: &'a str,
    /// When.
    pub when: &'a str,
    /// What was done, in words.
    pub detail: String,
    /// `success` or `failure`.
    pub outcome: &'a str,
    /// Why it failed (the error line), or what came of it.
    pub outcome_note: Option<String>,
    /// Package paths of the objects it read.
    pub sources: Vec<&'a str>,
    /// Package paths of the objects it made.
    pub outcomes: Vec<&'a str>,
}

/// Writes an event.
pub fn event(out: &mut impl Write, e: &Event) -> io::Result<()> {
    writeln!(out, "  <premis:event>")?;
    identifier(out, "event", &e.id)?;
    writeln!(
        out,
        "    <premis:eventType>{}</premis:eventType>\n    <premis:eventDateTime>{}</premis:eventDateTime>\n    <premis:eventDetailInformation>\n      <premis:eventDetail>{}</premis:eventDetail>\n    </premis:eventDetailInformation>\n    <premis:eventOutcomeInformation>\n      <premis:eventOutcome>{}</premis:eventOutcome>",
        e.kind,
        e.when,
        esc(&e.detail),
        e.outcome
    )?;
    if let Some(note) = &e.outcome_note {
        writeln!(
            out,
            "      <premis:eventOutcomeDetail>\n        <premis:eventOutcomeDetailNote>{}</premis:eventOutcomeDetailNote>\n      </premis:eventOutcomeDetail>",
            esc(note)
        )?;
    }
    writeln!(
        out,
        "    </premis:eventOutcomeInformation>\n    <premis:linkingAgentIdentifier>\n      <premis:linkingAgentIdentifierType>local</premis:linkingAgentIdentifierType>\n      <premis:linkingAgentIdentifierValue>{SOFTWARE}</premis:linkingAgentIdentifierValue>\n      <premis:linkingAgentRole>executing program</premis:linkingAgentRole>\n    </premis:linkingAgentIdentifier>"
    )?;
    let links = e
        .sources
        .iter()
        .map(|s| (s, "source"))
        .chain(e.outcomes.iter().map(|o| (o, "outcome")));
    for (path, role) in links {
        writeln!(
            out,
            "    <premis:linkingObjectIdentifier>\n      <premis:linkingObjectIdentifierType>local</premis:linkingObjectIdentifierType>\n      <premis:linkingObjectIdentifierValue>{}</premis:linkingObjectIdentifierValue>\n      <premis:linkingObjectRole>{role}</premis:linkingObjectRole>\n    </premis:linkingObjectIdentifier>",
            esc(path)
        )?;
    }
    writeln!(out, "  </premis:event>")
}

fn agent(
    out: &mut impl Write,
    id: &str,
    name: &str,
    kind: &str,
    version: Option<&str>,
    note: Option<&str>,
) -> io::Result<()> {
    writeln!(out, "  <premis:agent>")?;
    identifier(out, "agent", id)?;
    writeln!(
        out,
        "    <premis:agentName>{}</premis:agentName>\n    <premis:agentType>{kind}</premis:agentType>",
        esc(name)
    )?;
    if let Some(v) = version {
        writeln!(
            out,
            "    <premis:agentVersion>{}</premis:agentVersion>",
            esc(v)
        )?;
    }
    if let Some(n) = note {
        writeln!(out, "    <premis:agentNote>{}</premis:agentNote>", esc(n))?;
    }
    writeln!(out, "  </premis:agent>")
}

fn rights(out: &mut impl Write, id: &str, basis: &str, note: &str) -> io::Result<()> {
    writeln!(out, "  <premis:rights>\n    <premis:rightsStatement>")?;
    writeln!(
        out,
        "      <premis:rightsStatementIdentifier>\n        <premis:rightsStatementIdentifierType>local</premis:rightsStatementIdentifierType>\n        <premis:rightsStatementIdentifierValue>{id}</premis:rightsStatementIdentifierValue>\n      </premis:rightsStatementIdentifier>\n      <premis:rightsBasis>Other</premis:rightsBasis>\n      <premis:otherRightsInformation>\n        <premis:otherRightsBasis>{}</premis:otherRightsBasis>\n        <premis:otherRightsNote>{}</premis:otherRightsNote>\n      </premis:otherRightsInformation>",
        esc(basis),
        esc(note)
    )?;
    writeln!(out, "    </premis:rightsStatement>\n  </premis:rights>")
}

/// Ends the document: the spooled events, the agents, the rights statements.
pub fn finish(
    out: &mut impl Write,
    events: &mut impl Read,
    header: &super::Header,
) -> io::Result<()> {
    io::copy(events, out)?;
    agent(
        out,
        SOFTWARE,
        env!("CARGO_PKG_NAME"),
        "software",
        Some(env!("CARGO_PKG_VERSION")),
        None,
    )?;
    if let Some(s) = &header.submitter {
        agent(
            out,
            "agent-submitter",
            s,
            "organization",
            None,
            Some("submitting organization"),
        )?;
    }
    if let Some(c) = &header.creator {
        agent(
            out,
            "agent-creator",
            c,
            "organization",
            None,
            Some("archive creator"),
        )?;
    }
    if let Some(r) = &header.rights {
        rights(out, "rights-statement", "rights statement", r)?;
    }
    if header.private_persons {
        rights(
            out,
            "rights-personal-data",
            "personal data",
            "The articles name private persons: their personal data is protected (GDPR) and access may be restricted.",
        )?;
    }
    writeln!(out, "</premis:premis>")
}
