//! Entity extraction quality on the evaluation set (`eval/`): floors the current rules meet on each split,
//! so a change that makes extraction worse fails. The rules are tuned on `eval/dev` only; `eval/test` was
//! written before them and is never tuned on, so its floors say how the rules do on unseen text.
//! `newsgraph eval --details` prints the same figures and every miss.

use newsgraph::article::Options;
use newsgraph::eval::Report;

fn splits() -> Vec<(String, Report)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("eval");
    newsgraph::eval::evaluate_splits(&dir, &Options::default()).unwrap()
}

fn check(report: &Report, split: &str, floors: &[(&str, f64)]) {
    println!("{split}\n{report}");
    for &(measure, floor) in floors {
        let f1 = report.counts[measure].f1();
        assert!(
            f1 >= floor,
            "{split}: {measure}: F1 {f1:.3} below the floor {floor}\n{report}"
        );
    }
}

#[test]
fn both_splits_are_evaluated_dev_first() {
    let splits = splits();
    let names: Vec<&str> = splits.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["dev", "test"]);
    assert!(
        splits[0].1.articles >= 60,
        "{} dev articles",
        splits[0].1.articles
    );
    assert!(
        splits[1].1.articles >= 24,
        "{} test articles",
        splits[1].1.articles
    );
}

#[test]
fn extraction_meets_its_floors() {
    let splits = splits();
    check(&splits[0].1, "dev", &DEV_FLOORS);
    check(&splits[1].1, "test", &TEST_FLOORS);
}

/// Floors on the development split (a little under what the rules reach, for noise in the figures).
/// Since 6 December 2026 it also holds the 24 articles of the second test split (`sv-h*`, `en-h*`), whose
/// figures rounds three and four of issue 17 had flattered, and the 36 articles of round six (`sv-d50`-`sv-d61`,
/// `en-d50`-`en-d57`, `sv-d70`-`sv-d79`, `en-d70`-`en-d75`), written blind like the test split, which scored
/// as low as it did when they came.
/// Raised after the English rules for those eight articles' kinds of misses (names joined by "and",
/// bodies named with their town, titles with owners): entities 0.945, organizations 0.934, speakers 0.967.
/// Lowered in round seven, when 30 more blind articles came (`sv-d80`-`sv-d91`, `en-d80`-`en-d97`: entities
/// 0.838 and initiatives 0.645 on arrival, 0.849 and 0.767 after that round's rules): the split then
/// scored entities 0.926, places 0.912, organizations 0.913, initiatives 0.917, speakers 0.955.
/// Round eight (6 December 2026) added 32 blind articles (`sv-d100`-`sv-d117`, `en-d100`-`en-d117`: entities
/// 0.879, initiatives 0.759, speakers 0.890 on arrival, 0.920, 0.931 and 0.957 after that round's rules);
/// the split of 217 then scored entities 0.930, places 0.910, organizations 0.923, initiatives 0.926,
/// speakers 0.960.
/// Round nine (6 December 2026) added 32 blind articles (`sv-d120`-`sv-d127`, `sv-d130`-`sv-d137`,
/// `en-d120`-`en-d127`, `en-d130`-`en-d137`: entities 0.915, speakers 0.904, quotes 0.978 on arrival,
/// 0.945, 0.938 and 0.998 after that round's rules); the split of 249 then scored entities 0.935, places
/// 0.914, organizations 0.929, initiatives 0.925, quotes 0.997, speakers 0.962. Round ten, the same day,
/// added 32 more (`sv-d140`-`sv-d157`, `en-d140`-`en-d157`: entities 0.895, places 0.866, initiatives
/// 0.835, speakers 0.900 on arrival; 0.931, 0.905, 0.910 and 0.962 after that round's rules); the split of 281
/// then scored entities 0.938, places 0.918, organizations 0.933, initiatives 0.933, quotes 0.994,
/// speakers 0.967, job titles 0.950.
const DEV_FLOORS: [(&str, f64); 8] = [
    ("entities", 0.92),
    ("people", 0.97),
    ("places", 0.90),
    ("organizations", 0.91),
    ("initiatives", 0.91),
    ("quotes", 0.98),
    ("speakers", 0.95),
    ("job titles", 0.94),
];

/// Floors on the test split (likewise; the issue's targets are 0.90 for entities and 0.85 for each type,
/// 0.92 for quotes and speakers, 0.85 for job titles). The third test split (`sv-f*`, `en-f*`) was
/// written on 6 December 2026 by a writer who read only `eval/README.md`, never the rules, the
/// gazetteers or the other articles, and nobody has read it since to tune a rule. Measured then:
/// entities 0.865, people 0.967, places 0.883, organizations 0.824, initiatives 0.750, quotes 0.989,
/// speakers 0.845, job titles 0.878 (the binary of the day before, without round four's rules:
/// entities 0.843, organizations 0.783, initiatives 0.691). After that day's fixes, all written against
/// dev articles (genitive bodies before titles, datelines, determiner attributions, the channel of a
/// written quote, pronouns after unnamed people, heading quotes): entities 0.867, organizations 0.829,
/// quotes 0.993, speakers 0.898. After round six (rules written against 36 new blind dev articles, the
/// test split still unread): entities 0.879, people 0.972, places 0.892, organizations 0.850, initiatives
/// 0.765, quotes 0.993, speakers 0.913, job titles 0.908. After round seven (GeoNames cities500
/// localities, programme names before an owner's appositive, "Plan for X"): entities 0.881, initiatives
/// 0.780. After round eight (rules against 32 more blind dev articles: heading quotes in single marks or
/// after a dash, organizations speaking through nouns and pronouns, appositive and quoted programme names,
/// mastheads): entities 0.895, places 0.892, organizations 0.870, initiatives 0.851, quotes 0.996,
/// speakers 0.929, job titles 0.915. Entities (0.90) is the one target still missed.
/// Round nine (6 December 2026) wrote a fourth split of 16 (`sv-g*`, `en-g*`) the same blind way and added
/// it to the test split unread (on arrival, with the binary of round eight: entities 0.892, organizations
/// 0.870, initiatives 0.833, places 0.880, quotes 0.967, speakers 0.908). With that round's rules, written
/// against 32 blind dev articles only, the 40 articles score entities 0.897, people 0.974, places 0.889,
/// organizations 0.877, initiatives 0.844, quotes 0.990, speakers 0.931, job titles 0.929: entities and
/// initiatives missed their targets. After round ten's rules (written against 32 more blind dev articles,
/// the test split still unread): entities 0.902, people 0.974, places 0.891, organizations 0.881,
/// initiatives 0.874, quotes 0.990, speakers 0.939, job titles 0.929: every target met, entities by a
/// thin margin (the third split alone 0.903, the fourth 0.899).
const TEST_FLOORS: [(&str, f64); 8] = [
    ("entities", 0.89),
    ("people", 0.96),
    ("places", 0.88),
    ("organizations", 0.87),
    ("initiatives", 0.85),
    ("quotes", 0.98),
    ("speakers", 0.93),
    ("job titles", 0.92),
];

/// An organization that speaks counts under the name the text gives it, as found entities do: the gold
/// says "SL" where the gazetteer calls it Storstockholms Lokaltrafik.
#[test]
fn a_speaker_counts_under_any_form_the_text_writes_it_in() {
    let dir = std::env::temp_dir().join(format!("newsgraph-eval-forms-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("articles")).unwrap();
    std::fs::create_dir_all(dir.join("gold")).unwrap();
    std::fs::write(
        dir.join("articles/sl.txt"),
        "Linje 3 glesas ut\n\nBussen går mer sällan.\n\n”Vi behöver använda pengarna där resenärerna finns”, skriver SL i ett mejl.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("gold/sl.json"),
        r#"{"people": [], "places": [], "organizations": ["SL"], "initiatives": [],
            "quotes": [{"start": "Vi behöver använda pengarna", "speaker": "SL"}]}"#,
    )
    .unwrap();
    let report = newsgraph::eval::evaluate(&dir, &Options::default()).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    let speakers = &report.counts["speakers"];
    assert_eq!(
        (speakers.tp, speakers.fp, speakers.fn_),
        (1, 0, 0),
        "{report}"
    );
}
