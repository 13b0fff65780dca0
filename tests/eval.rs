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
/// Organizations and job titles were lowered when sixteen harder dev articles (sv-d15..22, en-d10..17)
/// joined the split: they name bodies the gazetteers do not hold yet.
const DEV_FLOORS: [(&str, f64); 8] = [
    ("entities", 0.93),
    ("people", 0.97),
    ("places", 0.92),
    ("organizations", 0.90),
    ("initiatives", 0.95),
    ("quotes", 0.99),
    ("speakers", 0.96),
    ("job titles", 0.95),
];

/// Floors on the test split (likewise; the targets are 0.90 for entities and 0.85 for each type,
/// 0.92 for quotes and speakers, 0.85 for job titles). Measured on the fresh split of 5 December 2026
/// before any rule change: entities 0.854, organizations 0.816, initiatives 0.675; after the changes of
/// that day (quotes, titles, a few shapes, written against new dev articles; the split is no longer fully
/// held out): entities 0.865, organizations 0.834, initiatives 0.675 still fall short. After the
/// initiative cues, kind-of-noun cues and GeoNames localities (written against dev articles sv-d12..14,
/// en-d08, en-d09): entities 0.877, organizations 0.851, initiatives 0.741. After programme names before a
/// range of years, "på" in listed names, "Labour-run X Council" and "River X" (written against dev articles
/// sv-d15..22, en-d10..17): entities 0.882, organizations 0.858, initiatives 0.762. After GB localities,
/// UK national bodies, Stockholm stadsdelar and the head-noun rules of issue-17a (dev sv-d23, en-d18):
/// entities 0.918, places 0.913, organizations 0.912. After listed names counted per name, names before an
/// appositive, colon names, owners' and funders' funds, versions and "-lyftet" (dev sv-d30, sv-d31,
/// en-d30, en-d31): initiatives 1.000 (43 names: one miss would make 0.988).
const TEST_FLOORS: [(&str, f64); 8] = [
    ("entities", 0.91),
    ("people", 0.96),
    ("places", 0.90),
    ("organizations", 0.90),
    ("initiatives", 0.98),
    ("quotes", 0.99),
    ("speakers", 0.95),
    ("job titles", 0.94),
];
