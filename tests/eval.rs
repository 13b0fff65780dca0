//! Entity extraction quality on the evaluation set (`eval/`): floors the current rules meet, so a change
//! that makes extraction worse fails. `newsgraph eval --details` prints the same figures and every miss.

use newsgraph::article::Options;

#[test]
fn extraction_meets_its_floors() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("eval");
    let report = newsgraph::eval::evaluate(&dir, &Options::default()).unwrap();
    println!("{report}");
    assert!(report.articles >= 25);
    let floors = [
        ("entities", 0.90),
        ("people", 0.96),
        ("places", 0.85),
        ("organizations", 0.89),
        ("initiatives", 0.85),
        ("quotes", 0.97),
        ("speakers", 0.94),
        ("job titles", 0.96),
    ];
    for (measure, floor) in floors {
        let f1 = report.counts[measure].f1();
        assert!(
            f1 >= floor,
            "{measure}: F1 {f1:.3} below the floor {floor}\n{report}"
        );
    }
}
