#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The labelled audit corpus (`tests/audit-corpus`, see its `generate.py`) scanned with the
//! built-in rules: recall and false alarms must stay at or above the floors below, overall, per
//! language and per class, so a rule or engine change that loses findings (or adds false
//! alarms) fails here. The floors are what the engine achieved when they were set, minus a small
//! margin; raise them when the engine gets better (`rlm bench audit --corpus-only` prints the
//! current figures).

use rlm_engine::audit::corpus::{self, CorpusScore};
use rlm_engine::audit::{RuleSet, ScanOptions, scan_workspace};
use rlm_engine::workspace::ListOptions;
use std::path::PathBuf;

/// Overall recall, in percent, at least.
const MIN_RECALL: f64 = 97.5;
/// Overall false alarms on safe cases, in percent, at most.
const MAX_FALSE_ALARMS: f64 = 10.5;
/// Mean over classes of TPR - FPR, in points, at least.
const MIN_MEAN_SCORE: f64 = 90.0;
/// Per-language recall floors, in percent.
const MIN_RECALL_BY_LANGUAGE: &[(&str, f64)] = &[
    ("python", 99.5),
    ("javascript", 94.0),
    ("typescript", 94.0),
    ("go", 99.5),
    ("java", 99.5),
    ("rust", 98.0),
];

fn corpus_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/audit-corpus")
}

/// The corpus is scanned once for all tests here.
fn scan_corpus() -> &'static CorpusScore {
    static SCORE: std::sync::OnceLock<CorpusScore> = std::sync::OnceLock::new();
    SCORE.get_or_init(scan_uncached)
}

fn scan_uncached() -> CorpusScore {
    let root = corpus_root();
    let rules = RuleSet::builtin().expect("built-in rules load");
    let options = ScanOptions {
        threads: 2,
        list: ListOptions::default(),
    };
    let report = scan_workspace(&root, &rules, &options).expect("the corpus scans");
    let cases = corpus::load_cases(&root).expect("the corpus marks read");
    assert!(
        cases.len() >= 1000,
        "the corpus has {} cases, fewer than 1,000",
        cases.len()
    );
    corpus::score(&cases, &report.findings)
}

#[test]
fn corpus_recall_and_false_alarms_stay_within_the_floors() {
    let score = scan_corpus();
    println!("{}", score.table());
    let recall = 100.0 * score.all.recall();
    let false_alarms = 100.0 * score.all.false_alarm_rate();
    let mut failures = Vec::new();
    if recall < MIN_RECALL {
        failures.push(format!("recall {recall:.1}% < {MIN_RECALL}%"));
    }
    if false_alarms > MAX_FALSE_ALARMS {
        failures.push(format!(
            "false alarms {false_alarms:.1}% > {MAX_FALSE_ALARMS}%"
        ));
    }
    if score.mean_class_score() < MIN_MEAN_SCORE {
        failures.push(format!(
            "mean TPR-FPR {:.1} < {MIN_MEAN_SCORE}",
            score.mean_class_score()
        ));
    }
    for (language, floor) in MIN_RECALL_BY_LANGUAGE {
        let got = score
            .by_language
            .get(*language)
            .map_or(0.0, |t| 100.0 * t.recall());
        if got < *floor {
            failures.push(format!("{language} recall {got:.1}% < {floor}%"));
        }
    }
    for language in ["python", "javascript", "typescript", "go", "java", "rust"] {
        let t = score.by_language.get(language).copied().unwrap_or_default();
        if t.positives() == 0 || t.negatives() == 0 {
            failures.push(format!("{language}: no vulnerable or no safe cases"));
        }
    }
    assert!(
        failures.is_empty(),
        "{}\nmissed (first 40): {:#?}\nfalse alarms (first 40): {:#?}",
        failures.join("; "),
        score.missed.iter().take(40).collect::<Vec<_>>(),
        score.false_alarms.iter().take(40).collect::<Vec<_>>()
    );
}

#[test]
fn typescript_is_found_at_parity_with_javascript() {
    // The TypeScript cases are the JavaScript ones with types, ES imports and NestJS
    // controllers: the same rules must find them about as often.
    let score = scan_corpus();
    let js = score.by_language["javascript"].recall();
    let ts = score.by_language["typescript"].recall();
    assert!(
        ts >= js - 0.05,
        "TypeScript recall {:.1}% trails JavaScript {:.1}%",
        100.0 * ts,
        100.0 * js
    );
}

#[test]
fn committed_corpus_matches_its_generator() {
    let out = std::process::Command::new("python3")
        .arg(corpus_root().join("generate.py"))
        .arg("--check")
        .output()
        .expect("python3 runs the corpus generator");
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
