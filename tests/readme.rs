//! The README's examples stay true: every value its output example shows in full is the value the golden
//! file (the real output) has.

mod common;

/// The README's JSON output example, and the sample it says it shows.
fn readme_example() -> (String, String) {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    let section = readme
        .split("## Output example")
        .nth(1)
        .expect("an Output example section");
    let sample = section
        .split("newsgraph convert samples/")
        .nth(1)
        .and_then(|s| s.split('`').next())
        .expect("the example names its sample")
        .to_owned();
    let block = section
        .split("```json\n")
        .nth(1)
        .and_then(|s| s.split("```").next())
        .expect("a json block")
        .to_owned();
    (sample, block)
}

/// `"key": value` pairs of a line, values that are abridged (`...`, `…`) left out.
fn full_pairs(text: &str) -> Vec<String> {
    let pair = regex::Regex::new(r#""([@A-Za-z]+)": ("(?:[^"\\]|\\.)*"|-?[0-9]+)"#).unwrap();
    pair.captures_iter(text)
        .map(|c| format!("\"{}\": {}", &c[1], &c[2]))
        .filter(|p| !p.contains("...") && !p.contains('…'))
        .collect()
}

#[test]
fn the_readme_output_example_agrees_with_the_golden_file() {
    let (sample, block) = readme_example();
    let stem = sample.rsplit_once('.').map_or(sample.as_str(), |(s, _)| s);
    let golden =
        std::fs::read_to_string(common::root().join(format!("samples/golden/{stem}.jsonld")))
            .expect("the example's golden file");
    let pairs = full_pairs(&block);
    assert!(pairs.len() >= 10, "the example shows values: {pairs:?}");
    let missing: Vec<&String> = pairs
        .iter()
        .filter(|p| !golden.contains(p.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "README values that the output does not have: {missing:?}"
    );
}
