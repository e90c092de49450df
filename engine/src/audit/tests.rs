#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Tests of the audit engine. Per-rule behaviour is pinned by each rule file's own examples
//! (run by `every_rule_example_behaves`); the tests here pin the machinery around them.

use super::*;
use std::sync::OnceLock;

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::builtin().expect("built-in rules compile"))
}

fn file_name(language: &str) -> &'static str {
    match language {
        "python" | "*" => "snippet.py",
        "javascript" => "snippet.js",
        "typescript" => "snippet.ts",
        "go" => "snippet.go",
        "java" => "Snippet.java",
        "rust" => "snippet.rs",
        _ => "snippet.txt",
    }
}

/// Scans `code` as a file of `language` and returns (rule id, line, severity) of each finding.
fn check(language: &str, code: &str) -> Vec<(String, usize, Severity)> {
    scan_source(file_name(language), code, rules())
        .findings
        .into_iter()
        .map(|f| (f.rule_id, f.span.start.line, f.severity))
        .collect()
}

#[test]
fn every_rule_example_behaves() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for rule in rules().rules() {
        let spec = &rule.spec;
        let language = spec
            .examples
            .language
            .clone()
            .or_else(|| spec.languages.first().cloned())
            .unwrap();
        if spec.examples.vulnerable.is_empty() || spec.examples.safe.is_empty() {
            failures.push(format!("{}: needs vulnerable and safe examples", spec.id));
        }
        for code in &spec.examples.vulnerable {
            checked += 1;
            let found = check(&language, code);
            if !found.iter().any(|(id, _, _)| id == &spec.id) {
                failures.push(format!("{}: missed vulnerable example {code:?}, got {found:?}", spec.id));
            }
        }
        for code in &spec.examples.high {
            checked += 1;
            let found = check(&language, code);
            if !found.iter().any(|(id, _, sev)| id == &spec.id && *sev == spec.severity) {
                failures.push(format!("{}: no {} finding for {code:?}, got {found:?}", spec.id, spec.severity));
            }
        }
        for code in &spec.examples.safe {
            checked += 1;
            let found = check(&language, code);
            if found.iter().any(|(id, _, _)| id == &spec.id) {
                failures.push(format!("{}: flagged safe example {code:?}: {found:?}", spec.id));
            }
        }
    }
    assert!(failures.is_empty(), "{} of {checked} example checks failed:\n{}", failures.len(), failures.join("\n"));
}
