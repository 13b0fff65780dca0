//! Entities on the seed interview (the stated expectations) and on the samples.

mod common;

use newsgraph::article::{self, Options};
use newsgraph::model::{Article, EntityKind};

fn names(a: &Article, kind: EntityKind) -> Vec<&str> {
    a.entities
        .iter()
        .filter(|e| e.kind == kind)
        .map(|e| e.name.as_str())
        .collect()
}

#[test]
fn seed_interview_entities_and_speakers() {
    let Some(seed) = common::seed() else {
        eprintln!("seed not present beside the repository; skipped");
        return;
    };
    let a = article::from_file(&seed, &Options::default()).unwrap();
    let kant = a
        .entities
        .iter()
        .find(|e| e.name == "Henrik Kant")
        .expect("Henrik Kant found");
    assert_eq!(kant.kind, EntityKind::Person);
    assert_eq!(kant.job_title.as_deref(), Some("stadsbyggnadsdirektör"));
    let employer = a
        .entity(kant.works_for.as_deref().expect("employer"))
        .unwrap();
    assert_eq!(employer.name, "Göteborgs Stad");
    assert_eq!(kant.given_name.as_deref(), Some("Henrik"));
    assert_eq!(kant.family_name.as_deref(), Some("Kant"));
    assert!(
        kant.mentions.len() >= 6,
        "short mentions resolved: {:?}",
        kant.mentions
    );
    let places = names(&a, EntityKind::Place);
    for p in ["Hammarkullen", "Bergsjön", "Hammarkulletorget"] {
        assert!(places.contains(&p), "place {p} in {places:?}");
    }
    let orgs = names(&a, EntityKind::Organization);
    for o in ["Göteborgs Stad", "Framtidenkoncernen"] {
        assert!(orgs.contains(&o), "organization {o} in {orgs:?}");
    }
    let initiatives = names(&a, EntityKind::Initiative);
    for i in [
        "Jämlikt Göteborg",
        "Hållbara och jämlika livsmiljöer",
        "Nu!-arbetet",
    ] {
        assert!(
            initiatives.contains(&i),
            "initiative {i} in {initiatives:?}"
        );
    }
    assert!(!names(&a, EntityKind::Person)
        .iter()
        .any(|p| p.contains("Göteborg")));
    assert_eq!(a.quotes.len(), 5, "{:#?}", a.quotes);
    for q in &a.quotes {
        assert_eq!(
            q.speaker.as_deref(),
            Some(kant.key.as_str()),
            "speaker of {:?}",
            q.text
        );
    }
}

#[test]
fn the_same_entity_gets_the_same_iri_in_every_article() {
    let opts = Options::default();
    let a = article::from_file(
        &common::root().join("samples/sv-intervju-kultur.txt"),
        &opts,
    )
    .unwrap();
    let b = article::from_file(
        &common::root().join("samples/sv-nyhet-frontmatter.txt"),
        &opts,
    )
    .unwrap();
    let shared: Vec<&str> = a
        .entities
        .iter()
        .filter(|e| b.entities.iter().any(|f| f.iri == e.iri))
        .map(|e| e.name.as_str())
        .collect();
    assert!(shared.contains(&"Karin Lindqvist"), "{shared:?}");
}

#[test]
fn mention_offsets_point_at_the_name() {
    for path in common::inputs() {
        let a = article::from_file(&path, &Options::default()).unwrap();
        for e in &a.entities {
            for m in &e.mentions {
                let text: String = a
                    .part_text(m.part)
                    .chars()
                    .skip(m.start)
                    .take(m.end - m.start)
                    .collect();
                let first_word = e.name.split_whitespace().next().unwrap();
                let ok = text == e.name
                    || e.name.split_whitespace().any(|w| text.starts_with(w))
                    || text.to_lowercase().starts_with(&first_word.to_lowercase());
                assert!(ok, "{}: mention {text:?} of {}", path.display(), e.name);
            }
        }
    }
}

/// Batches convert articles in groups, stage by stage over the group (`article::parse_all` and
/// `enrich_all`). Each article must come out exactly as it does converted alone, whatever its
/// neighbours: text, Markdown, HTML and WARC pages of both languages in one group, with failures (a
/// missing file, an empty file, a WARC file given as one article, an error passed in) in place.
#[test]
fn articles_converted_in_a_group_equal_those_converted_alone() {
    use newsgraph::error::Error;
    use newsgraph::warc::{self, Item};
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "  \n").unwrap();
    let mut files = Vec::new();
    for folder in ["samples", "eval/dev/articles", "eval/test/articles"] {
        let mut found: Vec<_> = std::fs::read_dir(root.join(folder))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file() && !p.ends_with("README.md"))
            .collect();
        found.sort();
        files.extend(found);
    }
    files.insert(3, dir.path().join("missing.txt"));
    files.insert(7, empty);
    let opts = Options::default();
    let harvest = root.join("samples/harvest-two-pages.warc");
    let pages: Vec<warc::Page> = warc::open(&harvest, opts.max_size)
        .unwrap()
        .filter_map(|item| match item.unwrap() {
            Item::Page(p) => Some(p),
            Item::Skipped(..) => None,
        })
        .collect();
    assert_eq!(pages.len(), 2, "the sample WARC holds two pages");

    let mut alone: Vec<newsgraph::error::Result<Article>> =
        files.iter().map(|f| article::from_file(f, &opts)).collect();
    alone.extend(
        pages
            .iter()
            .map(|p| article::from_warc_page(&harvest, p, &opts)),
    );
    let passed_in = || Error::Empty {
        path: "passed-in.txt".into(),
    };
    alone.push(Err(passed_in()));
    let failed = alone.iter().filter(|a| a.is_err()).count();
    assert_eq!(
        failed, 4,
        "missing, empty, the WARC file and the error passed in"
    );

    let mut inputs: Vec<_> = files.iter().map(|f| Ok(article::Input::File(f))).collect();
    inputs.extend(
        pages
            .into_iter()
            .map(|p| Ok(article::Input::Page(&harvest, p))),
    );
    inputs.push(Err(passed_in()));
    let grouped = article::enrich_all(article::parse_all(inputs, &opts), &opts);

    assert_eq!(grouped.len(), alone.len());
    for (i, (alone, grouped)) in alone.iter().zip(&grouped).enumerate() {
        match (alone, grouped) {
            (Ok(a), Ok(g)) => assert_eq!(a, g, "input {i}: {}", a.id),
            (Err(a), Err(g)) => assert_eq!(a.to_string(), g.to_string(), "input {i}"),
            _ => panic!("input {i}: alone {alone:?}, in a group {grouped:?}"),
        }
    }
}
