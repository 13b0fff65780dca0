//! Front matter: a `---` YAML block or a `+++` TOML block at the top of a file.
//!
//! Both are parsed with real parsers (serde_yaml_ng, toml) into one neutral key → values map, then mapped
//! onto the metadata fields newsgraph knows. Unknown keys are kept as `extra` so that nothing is lost.

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::{Error, Result};
use crate::model::{Author, Publisher};

mod depth;
use depth::{toml_too_deep, yaml_too_deep};

/// Front-matter fields, validated. Line numbers point into the file for later error messages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    /// `id`.
    pub id: Option<String>,
    /// `url`, an absolute IRI.
    pub url: Option<String>,
    /// `headline` or `title`.
    pub headline: Option<String>,
    /// `date` / `datePublished` / `published`.
    pub date_published: Option<String>,
    /// `modified` / `dateModified` / `updated`.
    pub date_modified: Option<String>,
    /// `author` / `authors` / `byline`, one or many: names, or `{name, url}` objects.
    pub authors: Vec<Author>,
    /// `publisher`: a name, or a `{name, url, logo}` object.
    pub publisher: Option<Publisher>,
    /// `language` / `lang` / `inLanguage`, a BCP 47 tag.
    pub language: Option<String>,
    /// `section` / `category`.
    pub section: Option<String>,
    /// `image`, an absolute IRI.
    pub image: Option<String>,
    /// `caption` / `imageCaption`.
    pub caption: Option<String>,
    /// `keywords` / `tags`, one or many (a comma-separated string is split).
    pub keywords: Vec<String>,
    /// Keys not listed above, values joined by `, ` (an object's fields as `key.field`; `license` is one,
    /// given to the JSON-LD as `license`).
    pub extra: BTreeMap<String, String>,
    /// Line of the `id` key, for duplicate-id messages.
    pub id_line: usize,
    /// The links given (url, image, author and publisher urls, logo): field, value and line, so that
    /// the article stage can refuse a scheme the configuration does not allow, naming the line.
    pub links: Vec<(&'static str, String, usize)>,
}

/// Largest front-matter block accepted, in bytes (between the delimiter lines). Real front matter takes a
/// few hundred bytes; the YAML and TOML parsers take time that grows faster than the block (40,000 keys
/// took seconds), so a larger block is refused before either parser sees it.
pub const MAX_BYTES: usize = 64 * 1024;

/// Deepest nesting accepted in a front-matter block (`[[[...`, `{a: {b: ...}}`, indented mappings,
/// dotted TOML keys). Real front matter nests two or three levels; the parsers spent seconds on 100,000
/// nested brackets before refusing them, so deeper blocks are refused by one linear scan first.
pub const MAX_DEPTH: usize = 32;

/// Splits `text` into front matter, the rest, and the 1-based line number where the rest starts.
pub fn split<'a>(path: &Path, text: &'a str) -> Result<(FrontMatter, &'a str, usize)> {
    let delimiter = match text.lines().next().map(str::trim_end) {
        Some("---") => "---",
        Some("+++") => "+++",
        _ => return Ok((FrontMatter::default(), text, 1)),
    };
    let mut offset = text.find('\n').map_or(text.len(), |i| i + 1);
    let start = offset;
    for (i, line) in text[start..].split_inclusive('\n').enumerate() {
        let bare = line.trim_end();
        if bare == delimiter || (delimiter == "---" && bare == "...") {
            let block = &text[start..offset];
            let front = parse(path, delimiter, block)?;
            return Ok((front, &text[offset + line.len()..], i + 3));
        }
        offset += line.len();
        // The block is refused as soon as it is too large, without looking for its end any further.
        if offset - start > MAX_BYTES {
            return Err(Error::FrontMatterTooLarge {
                path: path.to_owned(),
                limit: MAX_BYTES,
            });
        }
    }
    Err(Error::FrontMatter {
        path: path.to_owned(),
        line: 1,
        message: format!("unterminated: no closing {delimiter:?} line"),
    })
}

/// Parses the block between the delimiters (which starts on line 2 of the file).
fn parse(path: &Path, delimiter: &str, block: &str) -> Result<FrontMatter> {
    let fm_err = |line: usize, message: String| Error::FrontMatter {
        path: path.to_owned(),
        line,
        message,
    };
    let yaml = delimiter == "---";
    let too_deep = if yaml {
        yaml_too_deep(block, MAX_DEPTH)
    } else {
        toml_too_deep(block, MAX_DEPTH)
    };
    if let Some(line) = too_deep {
        return Err(Error::FrontMatterTooDeep {
            path: path.to_owned(),
            line: line + 1,
            limit: MAX_DEPTH,
        });
    }
    let entries: Vec<(String, Vec<Item>)> = if yaml {
        yaml_entries(block).map_err(|(line, m)| fm_err(line + 1, m))?
    } else {
        toml_entries(block).map_err(|(line, m)| fm_err(line + 1, m))?
    };
    let mut fm = FrontMatter::default();
    for (key, values) in entries {
        // A key's line is looked for only when it is needed (an error, the id), since a search per key
        // made a block of many keys quadratic.
        let line = || key_line(block, &key) + 1;
        assign(path, &mut fm, &key, values, line)?;
    }
    Ok(fm)
}

/// One value of a key: text, or an object's fields (`author: {name: ..., url: ...}`), nested objects'
/// fields named by their path (`logo.url`).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Item {
    Text(String),
    Object(BTreeMap<String, String>),
}

impl Item {
    fn text(&self) -> Option<&str> {
        match self {
            Item::Text(t) => Some(t),
            Item::Object(_) => None,
        }
    }
}

type Entries = std::result::Result<Vec<(String, Vec<Item>)>, (usize, String)>;

fn yaml_entries(block: &str) -> Entries {
    if block.trim().is_empty() {
        return Ok(Vec::new());
    }
    let value: serde_yaml_ng::Value = serde_yaml_ng::from_str(block).map_err(|e| {
        let line = e.location().map_or(1, |l| l.line());
        (line, e.to_string())
    })?;
    let serde_yaml_ng::Value::Mapping(map) = value else {
        return Err((1, "expected `key: value` lines".into()));
    };
    let mut out = Vec::new();
    for (k, v) in map {
        let key = yaml_scalar(&k).ok_or((1, "a key that is not text".to_string()))?;
        out.push((key, yaml_values(&v)));
    }
    Ok(out)
}

fn yaml_scalar(v: &serde_yaml_ng::Value) -> Option<String> {
    use serde_yaml_ng::Value;
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Tagged(t) => yaml_scalar(&t.value),
        _ => None,
    }
}

fn yaml_values(v: &serde_yaml_ng::Value) -> Vec<Item> {
    match v {
        serde_yaml_ng::Value::Sequence(items) => items.iter().flat_map(yaml_values).collect(),
        serde_yaml_ng::Value::Null => Vec::new(),
        serde_yaml_ng::Value::Mapping(_) => {
            let mut fields = BTreeMap::new();
            yaml_fields(v, "", &mut fields);
            vec![Item::Object(fields)]
        }
        other => yaml_scalar(other).map(Item::Text).into_iter().collect(),
    }
}

/// An object's fields, nested ones named by their path (`logo.url`), lists joined by `, `.
fn yaml_fields(v: &serde_yaml_ng::Value, prefix: &str, out: &mut BTreeMap<String, String>) {
    use serde_yaml_ng::Value;
    match v {
        Value::Mapping(map) => {
            for (k, v) in map {
                if let Some(k) = yaml_scalar(k) {
                    let name = if prefix.is_empty() {
                        k
                    } else {
                        format!("{prefix}.{k}")
                    };
                    yaml_fields(v, &name, out);
                }
            }
        }
        Value::Sequence(items) => {
            let texts: Vec<String> = items.iter().filter_map(yaml_scalar).collect();
            if !texts.is_empty() {
                out.insert(prefix.to_owned(), texts.join(", "));
            }
        }
        other => {
            if let Some(t) = yaml_scalar(other) {
                out.insert(prefix.to_owned(), t);
            }
        }
    }
}

fn toml_entries(block: &str) -> Entries {
    let table: toml::Table = block.parse().map_err(|e: toml::de::Error| {
        let line = e
            .span()
            .map_or(1, |s| 1 + block[..s.start].matches('\n').count());
        (line, e.message().to_owned())
    })?;
    Ok(table
        .into_iter()
        .map(|(k, v)| (k, toml_values(&v)))
        .collect())
}

fn toml_values(v: &toml::Value) -> Vec<Item> {
    match v {
        toml::Value::String(s) => vec![Item::Text(s.clone())],
        toml::Value::Array(items) => items.iter().flat_map(toml_values).collect(),
        toml::Value::Table(_) => {
            let mut fields = BTreeMap::new();
            toml_fields(v, "", &mut fields);
            vec![Item::Object(fields)]
        }
        other => vec![Item::Text(other.to_string())],
    }
}

/// [`yaml_fields`] for TOML tables.
fn toml_fields(v: &toml::Value, prefix: &str, out: &mut BTreeMap<String, String>) {
    match v {
        toml::Value::Table(table) => {
            for (k, v) in table {
                let name = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                toml_fields(v, &name, out);
            }
        }
        other => {
            let texts: Vec<String> = toml_values(other)
                .iter()
                .filter_map(|i| i.text().map(str::to_owned))
                .collect();
            if !texts.is_empty() {
                out.insert(prefix.to_owned(), texts.join(", "));
            }
        }
    }
}

/// Line (0-based within the block) where `key` is set, for error messages.
fn key_line(block: &str, key: &str) -> usize {
    block
        .lines()
        .position(|l| {
            let l = l.trim_start();
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with([':', '=']))
        })
        .unwrap_or(0)
        + 1
}

/// Maps one key onto the front-matter fields, validating its value.
fn assign(
    path: &Path,
    fm: &mut FrontMatter,
    key: &str,
    items: Vec<Item>,
    line: impl Fn() -> usize + Copy,
) -> Result<()> {
    let invalid = |field: &'static str, value: &str, message: &'static str| Error::InvalidValue {
        path: path.to_owned(),
        line: line(),
        field,
        value: value.to_owned(),
        message,
    };
    let normalized = normalize_key(key);
    if matches!(
        normalized.as_str(),
        "author" | "authors" | "byline" | "publisher" | "source"
    ) {
        return assign_party(path, fm, key, items, line);
    }
    let values = texts(key, items, &mut fm.extra);
    let one = || {
        let v = values.join(", ").trim().to_owned();
        (!v.is_empty()).then_some(v)
    };
    match normalized.as_str() {
        "id" => {
            fm.id = one();
            fm.id_line = line();
        }
        "url" | "link" | "canonical" => {
            fm.url = checked_iri(one(), |v| invalid("url", v, IRI))?;
            note_link(&mut fm.links, "url", &fm.url, line);
        }
        "headline" | "title" => fm.headline = one(),
        "date" | "datepublished" | "published" | "pubdate" => {
            fm.date_published = checked_date(one(), |v| invalid("date", v, DATE))?
        }
        "datemodified" | "modified" | "updated" | "lastmod" => {
            fm.date_modified = checked_date(one(), |v| invalid("modified date", v, DATE))?
        }
        "language" | "lang" | "inlanguage" | "locale" => {
            fm.language = match one() {
                Some(v) => Some(language_tag(&v).ok_or_else(|| invalid("language", &v, LANG))?),
                None => None,
            }
        }
        "section" | "category" | "articlesection" => fm.section = one(),
        "image" | "imageurl" | "thumbnail" => {
            fm.image = checked_iri(one(), |v| invalid("image", v, IRI))?;
            note_link(&mut fm.links, "image", &fm.image, line);
        }
        "caption" | "imagecaption" => fm.caption = one(),
        "keywords" | "tags" => {
            fm.keywords = clean_list(values.iter().flat_map(|v| v.split(',')).map(str::to_owned))
        }
        _ => {
            if let Some(v) = one() {
                fm.extra.insert(key.to_owned(), v);
            }
        }
    }
    Ok(())
}

/// The texts of a key's values; objects where text is expected are kept in `extra` field by field
/// (`key.field`), so that nothing is lost.
fn texts(key: &str, items: Vec<Item>, extra: &mut BTreeMap<String, String>) -> Vec<String> {
    let mut out = Vec::new();
    for item in items {
        match item {
            Item::Text(t) => out.push(t),
            Item::Object(fields) => {
                for (field, value) in fields {
                    extra.insert(format!("{key}.{field}"), value);
                }
            }
        }
    }
    out
}

/// `author` and `publisher`: names, or objects with `name` and `url` (a publisher also `logo`, given as
/// an IRI or as `{url: ...}`); their other fields go to `extra` as `key.field`.
fn assign_party(
    path: &Path,
    fm: &mut FrontMatter,
    key: &str,
    items: Vec<Item>,
    line: impl Fn() -> usize + Copy,
) -> Result<()> {
    let invalid = |field: &'static str, value: &str, message: &'static str| Error::InvalidValue {
        path: path.to_owned(),
        line: line(),
        field,
        value: value.to_owned(),
        message,
    };
    let publisher = matches!(normalize_key(key).as_str(), "publisher" | "source");
    let mut parties = Vec::new();
    for item in items {
        let (name, url, logo) = match item {
            Item::Text(t) => (t, None, None),
            Item::Object(mut fields) => {
                let name = fields.remove("name").unwrap_or_default();
                if name.trim().is_empty() {
                    return Err(invalid(
                        if publisher { "publisher" } else { "author" },
                        key,
                        NAMED,
                    ));
                }
                let url = checked_iri(fields.remove("url"), |v| invalid("url", v, IRI))?;
                note_link(&mut fm.links, "url", &url, line);
                let logo = if publisher {
                    let given = fields.remove("logo").or_else(|| fields.remove("logo.url"));
                    checked_iri(given, |v| invalid("logo", v, IRI))?
                } else {
                    None
                };
                note_link(&mut fm.links, "logo", &logo, line);
                for (field, value) in fields {
                    fm.extra.insert(format!("{key}.{field}"), value);
                }
                (name, url, logo)
            }
        };
        let name = name.trim().to_owned();
        if !name.is_empty() {
            parties.push((name, url, logo));
        }
    }
    if publisher {
        fm.publisher = parties
            .into_iter()
            .next()
            .map(|(name, url, logo)| Publisher { name, url, logo });
    } else {
        fm.authors = parties
            .into_iter()
            .map(|(name, url, _)| Author { name, url })
            .collect();
    }
    Ok(())
}

const NAMED: &str = "expected a name, or an object with `name` (and `url`)";
const IRI: &str = "expected an absolute IRI such as https://example.org/a";
const DATE: &str = "expected YYYY-MM-DD or an RFC 3339 date-time";
const LANG: &str = "expected a language tag such as sv or en-GB";

fn normalize_key(key: &str) -> String {
    key.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn clean_list(values: impl IntoIterator<Item = String>) -> Vec<String> {
    values
        .into_iter()
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
        .collect()
}

/// Records a link given on `line` (see [`FrontMatter::links`]).
fn note_link(
    links: &mut Vec<(&'static str, String, usize)>,
    field: &'static str,
    value: &Option<String>,
    line: impl Fn() -> usize,
) {
    if let Some(v) = value {
        links.push((field, v.clone(), line()));
    }
}

fn checked_iri(value: Option<String>, err: impl Fn(&str) -> Error) -> Result<Option<String>> {
    match value {
        Some(v) if oxigraph::model::NamedNode::new(&v).is_err() || !v.contains(':') => Err(err(&v)),
        other => Ok(other),
    }
}

/// Accepts a calendar date or an RFC 3339 date-time (a valid one: 2023-02-30 is refused).
fn checked_date(value: Option<String>, err: impl Fn(&str) -> Error) -> Result<Option<String>> {
    match value {
        Some(v) if !is_valid_date(&v) => Err(err(&v)),
        other => Ok(other),
    }
}

/// True for `YYYY-MM-DD` and RFC 3339 date-times with an offset.
pub fn is_valid_date(v: &str) -> bool {
    v.parse::<jiff::civil::Date>().is_ok() && v.len() == 10 || v.parse::<jiff::Timestamp>().is_ok()
}

/// Lowercases the primary subtag and checks the shape of a BCP 47 tag.
pub(crate) fn language_tag(v: &str) -> Option<String> {
    let v = v.trim().replace('_', "-");
    let mut parts = v.split('-');
    let primary = parts.next()?;
    let ok_primary =
        (2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_alphabetic());
    let ok_rest =
        parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()));
    (ok_primary && ok_rest).then(|| {
        let (first, rest) = v.split_at(primary.len());
        format!("{}{rest}", first.to_ascii_lowercase())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fm(text: &str) -> Result<(FrontMatter, String, usize)> {
        split(Path::new("a.txt"), text).map(|(f, b, l)| (f, b.to_owned(), l))
    }

    #[test]
    fn yaml_and_toml_give_the_same_fields() {
        let yaml = "---\nid: a-1\ntitle: \"Rubrik: med kolon\"\ndate: 2024-03-05\nauthor: [Anna, Bo]\nlanguage: SV\nkeywords: skola, bygg\nfoo: bar\n---\nText\n";
        let toml = "+++\nid = \"a-1\"\ntitle = \"Rubrik: med kolon\"\ndate = 2024-03-05\nauthor = [\"Anna\", \"Bo\"]\nlanguage = \"SV\"\nkeywords = \"skola, bygg\"\nfoo = \"bar\"\n+++\nText\n";
        let (a, body_a, line_a) = fm(yaml).unwrap();
        let (b, body_b, _) = fm(toml).unwrap();
        assert_eq!(
            a,
            FrontMatter {
                id_line: a.id_line,
                ..b.clone()
            }
        );
        assert_eq!(a.headline.as_deref(), Some("Rubrik: med kolon"));
        assert_eq!(a.date_published.as_deref(), Some("2024-03-05"));
        assert_eq!(a.authors, [Author::named("Anna"), Author::named("Bo")]);
        assert_eq!(a.language.as_deref(), Some("sv"));
        assert_eq!(a.keywords, ["skola", "bygg"]);
        assert_eq!(a.extra.get("foo").map(String::as_str), Some("bar"));
        assert_eq!(
            (body_a.as_str(), body_b.as_str(), line_a),
            ("Text\n", "Text\n", 10)
        );
    }

    #[test]
    fn bad_front_matter_names_the_line() {
        match fm("---\nid: a\ntitle: x\n") {
            Err(Error::FrontMatter { line: 1, .. }) => {}
            other => panic!("{other:?}"),
        }
        match fm("---\nid: a\ndate: 2023-02-30\n---\nText") {
            Err(Error::InvalidValue {
                line: 3,
                field: "date",
                ..
            }) => {}
            other => panic!("{other:?}"),
        }
        match fm("---\nid: a\nurl: not a url\n---\nText") {
            Err(Error::InvalidValue {
                line: 3,
                field: "url",
                ..
            }) => {}
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            fm("---\nid: [a\n---\nText"),
            Err(Error::FrontMatter { .. })
        ));
    }

    #[test]
    fn author_and_publisher_objects_keep_their_links() {
        let yaml = "---\nauthor:\n  name: Anna Berg\n  url: https://example.org/anna\n  email: anna@example.org\npublisher: {name: Stadsbladet, url: https://example.org/, logo: https://example.org/logo.png}\nlicense: https://creativecommons.org/licenses/by/4.0/\n---\nText\n";
        let toml = "+++\nlicense = \"https://creativecommons.org/licenses/by/4.0/\"\n[author]\nname = \"Anna Berg\"\nurl = \"https://example.org/anna\"\nemail = \"anna@example.org\"\n[publisher]\nname = \"Stadsbladet\"\nurl = \"https://example.org/\"\nlogo = { url = \"https://example.org/logo.png\" }\n+++\nText\n";
        for text in [yaml, toml] {
            let (f, _, _) = fm(text).unwrap();
            assert_eq!(
                f.authors,
                [Author {
                    name: "Anna Berg".into(),
                    url: Some("https://example.org/anna".into())
                }],
                "{text}"
            );
            assert_eq!(
                f.publisher,
                Some(Publisher {
                    name: "Stadsbladet".into(),
                    url: Some("https://example.org/".into()),
                    logo: Some("https://example.org/logo.png".into())
                }),
                "{text}"
            );
            assert_eq!(
                f.extra.get("author.email").map(String::as_str),
                Some("anna@example.org")
            );
            assert_eq!(
                f.extra.get("license").map(String::as_str),
                Some("https://creativecommons.org/licenses/by/4.0/")
            );
        }
        let (f, _, _) =
            fm("---\nauthor: [{name: A, url: https://a.example/}, B]\n---\nText\n").unwrap();
        assert_eq!(f.authors.len(), 2);
        assert!(matches!(
            fm("---\nauthor: {url: https://a.example/}\n---\nText\n"),
            Err(Error::InvalidValue {
                field: "author",
                ..
            })
        ));
        assert!(matches!(
            fm("---\npublisher: {name: P, logo: not an iri}\n---\nText\n"),
            Err(Error::InvalidValue { field: "logo", .. })
        ));
    }

    #[test]
    fn front_matter_over_the_limits_is_refused_before_parsing() {
        let keys =
            |sep: &str| -> String { (0..20_000).map(|i| format!("k{i}{sep}\"v\"\n")).collect() };
        for (open, sep) in [("---", ": "), ("+++", " = ")] {
            let text = format!("{open}\n{}{open}\nText\n", keys(sep));
            match fm(&text) {
                Err(Error::FrontMatterTooLarge {
                    limit: MAX_BYTES, ..
                }) => {}
                other => panic!("{open}: {other:?}"),
            }
            // Unterminated, it is refused as soon as the limit is passed.
            let text = format!("{open}\n{}Text\n", keys(sep));
            assert!(matches!(fm(&text), Err(Error::FrontMatterTooLarge { .. })));
        }
        let deep = [
            format!("---\nid: a\nx: {}\n---\nText\n", "[".repeat(60_000)),
            format!("+++\nid = \"a\"\nx = {}\n+++\nText\n", "[".repeat(60_000)),
            format!(
                "+++\nid = \"a\"\nx = {}1{}\n+++\nText\n",
                "{a = ".repeat(40),
                "}".repeat(40)
            ),
        ];
        for text in &deep {
            match fm(text) {
                Err(Error::FrontMatterTooDeep {
                    line: 3,
                    limit: MAX_DEPTH,
                    ..
                }) => {}
                other => panic!("{other:?}"),
            }
        }
        let indented: String = (0..40)
            .map(|d| format!("{}k{d}:\n", "  ".repeat(d)))
            .collect();
        match fm(&format!("---\n{indented}---\nText\n")) {
            Err(Error::FrontMatterTooDeep { line: 34, .. }) => {}
            other => panic!("{other:?}"),
        }
        let e = fm(&deep[0]).unwrap_err().to_string();
        assert_eq!(
            e,
            "a.txt:3: front matter: nested deeper than 32 levels; not parsed"
        );
    }

    #[test]
    fn many_keys_under_the_limit_are_read() {
        let yaml: String = (0..5000).map(|i| format!("k{i}: v{i}\n")).collect();
        // A bad value still names its line, which is looked for only for the error.
        let e = fm(&format!("---\nid: a\n{yaml}url: nope\n---\nText\n")).unwrap_err();
        assert!(e.to_string().starts_with("a.txt:5003: invalid url"), "{e}");
        let (f, _, _) = fm(&format!("---\n{yaml}id: a\n---\nText\n")).unwrap();
        assert_eq!(f.extra.len(), 5000);
        assert_eq!((f.id.as_deref(), f.id_line), (Some("a"), 5002));
    }

    #[test]
    fn dates_are_checked_on_the_calendar() {
        assert!(is_valid_date("2024-02-29"));
        assert!(is_valid_date("2024-03-05T10:00:00+01:00"));
        assert!(!is_valid_date("2023-02-29"));
        assert!(!is_valid_date("5 mars 2024"));
    }
}
