//! Evaluation of the entities stage against gold annotations (`eval/gold/*.json`, format in
//! `eval/README.md`): precision, recall and F1 per entity type, for quotes and for speakers, and the share
//! of job titles found.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::article::{self, Options};
use crate::error::{Error, Result};
use crate::model::{Article, Entity, EntityKind, TextPart};

/// One gold file.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Gold {
    /// People with their title and employer.
    #[serde(default)]
    pub people: Vec<GoldPerson>,
    /// Place names.
    #[serde(default)]
    pub places: Vec<String>,
    /// Organization names.
    #[serde(default)]
    pub organizations: Vec<String>,
    /// Initiative names.
    #[serde(default)]
    pub initiatives: Vec<String>,
    /// Quotes by their opening words.
    #[serde(default)]
    pub quotes: Vec<GoldQuote>,
}

/// A gold person.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GoldPerson {
    /// Full name.
    pub name: String,
    /// Job title as written, if the text gives one.
    pub job_title: Option<String>,
    /// Employer, if the text gives one.
    pub works_for: Option<String>,
}

/// A gold quote.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldQuote {
    /// The first words of the quote.
    pub start: String,
    /// The speaker's full name, or `null` when the text does not say.
    pub speaker: Option<String>,
}

/// Counts for one measure.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Found and in gold.
    pub tp: usize,
    /// Found, not in gold.
    pub fp: usize,
    /// In gold, not found.
    pub fn_: usize,
}

impl Counts {
    /// Precision (1 when nothing was found).
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    /// Recall (1 when gold is empty).
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// The whole evaluation: counts per measure, and the misses for reading.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Counts by measure name (`people`, `places`, ..., `entities`, `quotes`, `speakers`, `job titles`).
    pub counts: BTreeMap<&'static str, Counts>,
    /// One line per miss or false hit, for improving the rules.
    pub details: Vec<String>,
    /// Articles evaluated.
    pub articles: usize,
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "{} articles", self.articles)?;
        writeln!(
            f,
            "{:<14} {:>9} {:>9} {:>9} {:>5} {:>5} {:>5}",
            "measure", "precision", "recall", "F1", "tp", "fp", "fn"
        )?;
        for (name, c) in &self.counts {
            writeln!(
                f,
                "{name:<14} {:>9.3} {:>9.3} {:>9.3} {:>5} {:>5} {:>5}",
                c.precision(),
                c.recall(),
                c.f1(),
                c.tp,
                c.fp,
                c.fn_
            )?;
        }
        Ok(())
    }
}

/// The splits of an evaluation folder, in order: `dev` then `test` (and any other subfolder holding
/// `articles/`), or the folder itself as the one split `all` when it holds `articles/` directly. Rules
/// are tuned on `dev` only, so `test` tells how they do on text nobody tuned them on.
pub fn evaluate_splits(dir: &Path, opts: &Options) -> Result<Vec<(String, Report)>> {
    if dir.join("articles").is_dir() {
        return Ok(vec![("all".to_owned(), evaluate(dir, opts)?)]);
    }
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map_err(|source| Error::Read {
            path: dir.to_path_buf(),
            source,
        })?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("articles").is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    if names.is_empty() {
        return Err(Error::Config(format!(
            "{}: no articles/ folder and no split folder (dev/, test/) holding one",
            dir.display()
        )));
    }
    // dev first, test second, others after them by name.
    names.sort_by_key(|n| (split_rank(n), n.clone()));
    names
        .into_iter()
        .map(|n| {
            let report = evaluate(&dir.join(&n), opts)?;
            Ok((n, report))
        })
        .collect()
}

fn split_rank(name: &str) -> u8 {
    match name {
        "dev" => 0,
        "test" => 1,
        _ => 2,
    }
}

/// Evaluates every article in `dir/articles` against `dir/gold/<stem>.json`.
pub fn evaluate(dir: &Path, opts: &Options) -> Result<Report> {
    let mut report = Report::default();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("articles"))
        .map_err(|source| Error::Read {
            path: dir.join("articles"),
            source,
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    for path in files {
        let stem = path
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let gold_path = dir.join("gold").join(format!("{stem}.json"));
        let text = std::fs::read_to_string(&gold_path).map_err(|source| Error::Read {
            path: gold_path.clone(),
            source,
        })?;
        let gold: Gold = serde_json::from_str(&text)
            .map_err(|e| Error::Config(format!("{}: {e}", gold_path.display())))?;
        let article = article::from_file(&path, opts)?;
        score(&stem, &article, &gold, &mut report);
        report.articles += 1;
    }
    Ok(report)
}

/// Lowercase, single spaces, no surrounding punctuation or quotation marks.
fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (norm(a), norm(b));
    a == b || a.strip_suffix('s') == Some(&b) || b.strip_suffix('s') == Some(&a)
}

/// The names an entity goes by in the article: its canonical name, then (for all but people, whose
/// short mentions are not names of their own) the words of each mention, so that an organization
/// the text calls "Poseidon" and a gazetteer calls "Bostads AB Poseidon" counts as found under either.
/// `body` is the article's body as `a.body()` joins it, built once for all the entities.
fn forms(a: &Article, body: &str, e: &Entity) -> Vec<String> {
    let mut out = vec![e.name.clone()];
    if e.kind == EntityKind::Person {
        return out;
    }
    for m in &e.mentions {
        let text = match m.part {
            TextPart::Headline => a.headline.as_str(),
            TextPart::Caption => a.caption.as_deref().unwrap_or_default(),
            TextPart::Body => body,
        };
        let written: String = text.chars().skip(m.start).take(m.end - m.start).collect();
        if !written.is_empty() && !out.contains(&written) {
            out.push(written);
        }
    }
    out
}

fn score(stem: &str, a: &Article, gold: &Gold, report: &mut Report) {
    let body = a.body();
    let names = |kind: EntityKind| -> Vec<Vec<String>> {
        a.entities
            .iter()
            .filter(|e| e.kind == kind)
            .map(|e| forms(a, &body, e))
            .collect()
    };
    let gold_people: Vec<String> = gold.people.iter().map(|p| p.name.clone()).collect();
    let mut all = Counts::default();
    for (measure, kind, g) in [
        ("people", EntityKind::Person, &gold_people),
        ("places", EntityKind::Place, &gold.places),
        (
            "organizations",
            EntityKind::Organization,
            &gold.organizations,
        ),
        ("initiatives", EntityKind::Initiative, &gold.initiatives),
    ] {
        let c = compare(stem, measure, &names(kind), g, &mut report.details);
        report.counts.entry(measure).or_default().add(c);
        all.add(c);
    }
    report.counts.entry("entities").or_default().add(all);
    score_titles(stem, a, gold, report);
    score_quotes(stem, a, &body, gold, report);
}

fn compare(
    stem: &str,
    measure: &str,
    found: &[Vec<String>],
    gold: &[String],
    details: &mut Vec<String>,
) -> Counts {
    let mut c = Counts::default();
    let matches = |forms: &[String], g: &str| forms.iter().any(|f| same_name(f, g));
    for f in found {
        if gold.iter().any(|g| matches(f, g)) {
            c.tp += 1;
        } else {
            c.fp += 1;
            details.push(format!("{stem}: {measure}: extra {:?}", f[0]));
        }
    }
    for g in gold {
        if !found.iter().any(|f| matches(f, g)) {
            c.fn_ += 1;
            details.push(format!("{stem}: {measure}: missed {g:?}"));
        }
    }
    c
}

fn score_titles(stem: &str, a: &Article, gold: &Gold, report: &mut Report) {
    let c = report.counts.entry("job titles").or_default();
    for p in gold.people.iter().filter(|p| p.job_title.is_some()) {
        let want = norm(p.job_title.as_deref().unwrap_or_default());
        let got = a
            .entities
            .iter()
            .find(|e| e.kind == EntityKind::Person && same_name(&e.name, &p.name))
            .and_then(|e| e.job_title.as_deref())
            .map(norm);
        match got {
            Some(g) if g == want || g.contains(&want) || want.contains(&g) => c.tp += 1,
            Some(g) => {
                c.fp += 1;
                c.fn_ += 1;
                report.details.push(format!(
                    "{stem}: job title of {}: {g:?}, want {want:?}",
                    p.name
                ));
            }
            None => {
                c.fn_ += 1;
                report.details.push(format!(
                    "{stem}: job title of {}: none, want {want:?}",
                    p.name
                ));
            }
        }
    }
}

fn score_quotes(stem: &str, a: &Article, body: &str, gold: &Gold, report: &mut Report) {
    let mut quotes = Counts::default();
    let mut speakers = Counts::default();
    let mut used = vec![false; a.quotes.len()];
    for g in &gold.quotes {
        let start = norm(&g.start);
        let hit = a
            .quotes
            .iter()
            .enumerate()
            .find(|(i, q)| !used[*i] && norm(&q.text).starts_with(&start));
        let Some((i, q)) = hit else {
            quotes.fn_ += 1;
            speakers.fn_ += 1;
            report
                .details
                .push(format!("{stem}: quote missed {:?}", g.start));
            continue;
        };
        used[i] = true;
        quotes.tp += 1;
        let speaker = q.speaker.as_deref().and_then(|k| a.entity(k));
        let got = speaker.map(|e| e.name.clone());
        // An organization counts under any form the text writes it in, as entities do ("SL").
        let said_by =
            |y: &str| speaker.is_some_and(|e| forms(a, body, e).iter().any(|f| same_name(f, y)));
        match (&got, &g.speaker) {
            (Some(_), Some(y)) if said_by(y) => speakers.tp += 1,
            (None, None) => speakers.tp += 1,
            _ => {
                speakers.fp += usize::from(got.is_some());
                speakers.fn_ += 1;
                report.details.push(format!(
                    "{stem}: speaker of {:?}: {got:?}, want {:?}",
                    g.start, g.speaker
                ));
            }
        }
    }
    for (i, q) in a.quotes.iter().enumerate() {
        if !used[i] {
            quotes.fp += 1;
            report.details.push(format!(
                "{stem}: quote extra {:?}",
                q.text.chars().take(40).collect::<String>()
            ));
        }
    }
    report.counts.entry("quotes").or_default().add(quotes);
    report.counts.entry("speakers").or_default().add(speakers);
}
