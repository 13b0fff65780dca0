//! Evaluation of the entities stage against gold annotations (`eval/gold/*.json`, format in
//! `eval/README.md`): precision, recall and F1 per entity type, for quotes and for speakers, and the share
//! of job titles found.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::article::{self, Options};
use crate::error::{Error, Result};
use crate::model::{Article, EntityKind};

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

fn score(stem: &str, a: &Article, gold: &Gold, report: &mut Report) {
    let names = |kind: EntityKind| -> Vec<String> {
        a.entities
            .iter()
            .filter(|e| e.kind == kind)
            .map(|e| e.name.clone())
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
    score_quotes(stem, a, gold, report);
}

fn compare(
    stem: &str,
    measure: &str,
    found: &[String],
    gold: &[String],
    details: &mut Vec<String>,
) -> Counts {
    let mut c = Counts::default();
    for f in found {
        if gold.iter().any(|g| same_name(f, g)) {
            c.tp += 1;
        } else {
            c.fp += 1;
            details.push(format!("{stem}: {measure}: extra {f:?}"));
        }
    }
    for g in gold {
        if !found.iter().any(|f| same_name(f, g)) {
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

fn score_quotes(stem: &str, a: &Article, gold: &Gold, report: &mut Report) {
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
        let got = q
            .speaker
            .as_deref()
            .and_then(|k| a.entity(k))
            .map(|e| e.name.clone());
        match (&got, &g.speaker) {
            (Some(x), Some(y)) if same_name(x, y) => speakers.tp += 1,
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
