//! newsgraph: news article files → schema.org JSON-LD, XML archives and RDF in an embedded Oxigraph store.
//!
//! The pipeline, one module per stage (see ARCHITECTURE.md):
//! read ([`read`], [`frontmatter`]; HTML pages [`html`], web archives [`warc`]) → structure ([`structure`], [`markdown`]) → quotes ([`quotes`]) →
//! entities ([`entities`]) → article model ([`article`], [`model`]) → emit ([`emit`]) → batch ([`batch`]).

pub mod article;
pub mod batch;
pub mod cli;
pub mod emit;
pub mod entities;
pub mod error;
pub mod eval;
pub mod frontmatter;
pub mod html;
pub mod ids;
pub mod import;
pub mod lang;
pub mod markdown;
pub mod memory;
pub mod model;
pub mod package;
pub mod pages;
pub mod publish;
pub mod push;
pub mod query;
pub mod quotes;
pub mod read;
pub mod store;
pub mod structure;
pub mod synth;
pub mod warc;

pub use error::{Error, Result};
pub use model::Article;
