//! How well the main text is found, measured as public article-extraction benchmarks measure it: the
//! extracted body and a hand-made gold body are cut into lowercase word shingles (runs of four words,
//! counted with repeats), and precision, recall and F1 are taken over the shingles they share. Page
//! scores are averaged (macro), so a short page counts as much as a long one.
//!
//! The test set is a folder with `pages/NAME.html` and `gold/NAME.txt` (see `eval/html/README.md`).
//! Another extractor's output (`NAME.txt` files in a folder) is scored the same way, so both figures
//! come from one implementation of the measure.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Words per shingle (as the ScrapingHub article-extraction benchmark and trafilatura's evaluation use).
pub const SHINGLE: usize = 4;

/// Precision, recall and F1 of one page or the mean of many.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Score {
    /// Share of the extracted shingles that are in the gold body.
    pub precision: f64,
    /// Share of the gold shingles that were extracted.
    pub recall: f64,
    /// Harmonic mean of the two.
    pub f1: f64,
}

/// Lowercase words: runs of letters and digits.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The shingle score of `extracted` against `gold`. Texts shorter than a shingle count as one shingle.
pub fn score(extracted: &str, gold: &str) -> Score {
    let bag = |text: &str| {
        let w = words(text);
        let mut counts: HashMap<Vec<String>, usize> = HashMap::new();
        if w.len() < SHINGLE {
            if !w.is_empty() {
                *counts.entry(w).or_default() += 1;
            }
        } else {
            for s in w.windows(SHINGLE) {
                *counts.entry(s.to_vec()).or_default() += 1;
            }
        }
        counts
    };
    let (e, g) = (bag(extracted), bag(gold));
    let total = |b: &HashMap<Vec<String>, usize>| b.values().sum::<usize>();
    let common: usize = e
        .iter()
        .map(|(k, n)| (*n).min(g.get(k).copied().unwrap_or(0)))
        .sum();
    let (te, tg) = (total(&e), total(&g));
    let precision = if te == 0 {
        f64::from(u8::from(tg == 0))
    } else {
        common as f64 / te as f64
    };
    let recall = if tg == 0 {
        1.0
    } else {
        common as f64 / tg as f64
    };
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    Score {
        precision,
        recall,
        f1,
    }
}

/// The scores of a test set: one per page, and their means.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Page name and its score, in name order.
    pub pages: Vec<(String, Score)>,
}

impl Report {
    /// The mean of the page scores.
    pub fn mean(&self) -> Score {
        let n = self.pages.len().max(1) as f64;
        let sum = |f: fn(&Score) -> f64| self.pages.iter().map(|(_, s)| f(s)).sum::<f64>() / n;
        Score {
            precision: sum(|s| s.precision),
            recall: sum(|s| s.recall),
            f1: sum(|s| s.f1),
        }
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let m = self.mean();
        writeln!(
            f,
            "{} pages, word {SHINGLE}-shingles: precision {:.3}, recall {:.3}, F1 {:.3}",
            self.pages.len(),
            m.precision,
            m.recall,
            m.f1
        )
    }
}

/// The body newsgraph extracts from a page, as the gold bodies are written: the lead, then each
/// section's subheading and paragraphs, one per line.
pub fn extracted_body(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|source| Error::Read {
        path: path.to_owned(),
        source,
    })?;
    let page = super::read(path, &bytes, None, None)?;
    let s = &page.structure;
    let parts = s.lead.iter().chain(s.sections.iter().flat_map(|sec| {
        sec.heading
            .iter()
            .chain(sec.paragraphs.iter().map(|p| &p.text))
    }));
    Ok(parts.cloned().collect::<Vec<_>>().join("\n"))
}

/// Scores every page of `dir/pages` against `dir/gold`: newsgraph's extraction, or with `extracted` the
/// `NAME.txt` files another extractor wrote for the same pages (a missing one scores zero).
pub fn evaluate(dir: &Path, extracted: Option<&Path>) -> Result<Report> {
    let mut pages = Vec::new();
    for page in list(&dir.join("pages"), &["html", "htm"])? {
        let name = page
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let gold_path = dir.join("gold").join(format!("{name}.txt"));
        let gold = read_text(&gold_path)?;
        let body = match extracted {
            None => extracted_body(&page).unwrap_or_default(),
            Some(other) => {
                std::fs::read_to_string(other.join(format!("{name}.txt"))).unwrap_or_default()
            }
        };
        pages.push((name, score(&body, &gold)));
    }
    if pages.is_empty() {
        return Err(Error::Config(format!(
            "{}: no pages (expected pages/*.html and gold/*.txt)",
            dir.display()
        )));
    }
    Ok(Report { pages })
}

fn read_text(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|source| Error::Read {
        path: path.to_owned(),
        source,
    })
}

/// The files of `dir` with one of `exts`, sorted.
fn list(dir: &Path, exts: &[&str]) -> Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Read {
        path: dir.to_owned(),
        source,
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .is_some_and(|e| exts.contains(&e.to_string_lossy().as_ref()))
        })
        .collect();
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shingle_scores_count_shared_runs_of_words() {
        let gold = "Kommunen bygger en ny skola i Hjällbo. Den öppnar hösten 2027.";
        assert_eq!(score(gold, gold).f1, 1.0);
        let s = score(&format!("Meny Hem Nyheter Kontakt. {gold}"), gold);
        assert_eq!(s.recall, 1.0);
        assert!(s.precision < 1.0 && s.precision > 0.5, "{s:?}");
        let half = score("Kommunen bygger en ny skola i Hjällbo.", gold);
        assert_eq!(half.precision, 1.0);
        assert!(half.recall <= 0.5);
        assert_eq!(score("", gold).f1, 0.0);
        assert_eq!(score("", "").f1, 1.0);
    }
}
