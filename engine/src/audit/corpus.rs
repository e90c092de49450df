//! The labelled audit corpus (`engine/tests/audit-corpus/<language>/...`): each file is one
//! case that says in a comment what a scan must report, and this module scores a scan's
//! findings against those marks. `rlm bench audit` prints the score and a test holds it above a
//! floor, so both read the marks the same way.
//!
//! Marks, in shapes any of the six languages can carry in a comment:
//! - `expect: <category>` (or a rule id) on the line of the flaw: a vulnerable case, found when
//!   the file gets a finding of that category (or rule);
//! - `ok: <category>`: a safe case, a false alarm when the file gets any finding of that category.
//!
//! Scoring is per file and per category, the way labelled suites such as the OWASP Benchmark
//! score tools: findings of other categories in the same file neither help nor hurt.

use super::model::Finding;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

/// One labelled file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusCase {
    /// Path relative to the corpus root, with `/` separators (as findings carry it).
    pub path: String,
    /// The corpus's language folder: python, javascript, typescript, go, java, rust.
    pub language: String,
    /// The weakness class (a rule category or a rule id).
    pub class: String,
    pub vulnerable: bool,
    /// The 1-based line of the flaw, for vulnerable cases.
    pub line: Option<usize>,
}

/// Errors reading the corpus.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Mark { path: String, message: String },
}

/// Reads the mark of one file; `None` when it carries none.
pub fn parse_case(
    path: &str,
    language: &str,
    text: &str,
) -> Result<Option<CorpusCase>, CorpusError> {
    let mut class: Option<(String, bool)> = None;
    let mut line = None;
    for (i, raw) in text.lines().enumerate() {
        let Some(comment) = comment_of(raw) else {
            continue;
        };
        let comment = comment.trim();
        let (vulnerable, rest) = if let Some(rest) = comment.strip_prefix("expect:") {
            (true, rest)
        } else if let Some(rest) = comment.strip_prefix("ok:") {
            (false, rest)
        } else {
            continue;
        };
        let name: String = rest
            .trim()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '/' | '_'))
            .collect();
        if name.is_empty() {
            return Err(CorpusError::Mark {
                path: path.to_string(),
                message: format!("line {}: a mark names no category", i + 1),
            });
        }
        match &class {
            Some((c, v)) if c != &name || *v != vulnerable => {
                return Err(CorpusError::Mark {
                    path: path.to_string(),
                    message: format!(
                        "line {}: marks disagree ({}{c} and {}{name})",
                        i + 1,
                        if *v { "expect: " } else { "ok: " },
                        if vulnerable { "expect: " } else { "ok: " },
                    ),
                });
            }
            _ => class = Some((name, vulnerable)),
        }
        // The flaw's own line has code before the comment; a header comment stands alone.
        if vulnerable && raw.trim_start().len() > comment_len(raw) {
            line = Some(i + 1);
        }
    }
    Ok(class.map(|(class, vulnerable)| CorpusCase {
        path: path.to_string(),
        language: language.to_string(),
        class,
        vulnerable,
        line,
    }))
}

/// The text of the last line comment (`# ...` or `// ...`) on a line, if any: marks go at
/// the end, after any `#` or `//` inside the code's own strings.
fn comment_of(line: &str) -> Option<&str> {
    let at = [line.rfind("// "), line.rfind("# ")]
        .into_iter()
        .flatten()
        .max()?;
    let marker = if line[at..].starts_with("//") { 2 } else { 1 };
    Some(&line[at + marker..])
}

fn comment_len(line: &str) -> usize {
    let at = [line.rfind("// "), line.rfind("# ")]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(line.len());
    line.len() - at
}

/// Every marked file under `root/<language>/`.
pub fn load_cases(root: &Path) -> Result<Vec<CorpusCase>, CorpusError> {
    let mut cases = Vec::new();
    let io = |path: &Path| {
        let path = path.display().to_string();
        move |source| CorpusError::Io { path, source }
    };
    let mut languages: Vec<_> = std::fs::read_dir(root)
        .map_err(io(root))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    languages.sort();
    for dir in languages {
        let language = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut stack = vec![dir.clone()];
        let mut files = Vec::new();
        while let Some(d) = stack.pop() {
            for entry in std::fs::read_dir(&d).map_err(io(&d))?.flatten() {
                let p = entry.path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    files.push(p);
                }
            }
        }
        files.sort();
        for file in files {
            let Ok(text) = std::fs::read_to_string(&file) else {
                continue;
            };
            let rel = file
                .strip_prefix(root)
                .map(|p| p.to_string_lossy().replace('\\', "/"))
                .unwrap_or_else(|_| file.display().to_string());
            if let Some(case) = parse_case(&rel, &language, &text)? {
                cases.push(case);
            }
        }
    }
    Ok(cases)
}

/// Counts of one group of cases.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Vulnerable cases found.
    pub true_positives: usize,
    /// Vulnerable cases missed.
    pub false_negatives: usize,
    /// Safe cases flagged.
    pub false_positives: usize,
    /// Safe cases left alone.
    pub true_negatives: usize,
}

impl Tally {
    fn add(&mut self, vulnerable: bool, reported: bool) {
        match (vulnerable, reported) {
            (true, true) => self.true_positives += 1,
            (true, false) => self.false_negatives += 1,
            (false, true) => self.false_positives += 1,
            (false, false) => self.true_negatives += 1,
        }
    }

    pub fn positives(&self) -> usize {
        self.true_positives + self.false_negatives
    }

    pub fn negatives(&self) -> usize {
        self.false_positives + self.true_negatives
    }

    /// True-positive rate (recall), 0..=1; 0 when there are no vulnerable cases.
    pub fn recall(&self) -> f64 {
        ratio(self.true_positives, self.positives())
    }

    /// False-positive rate (false alarms on safe cases), 0..=1.
    pub fn false_alarm_rate(&self) -> f64 {
        ratio(self.false_positives, self.negatives())
    }

    /// TPR - FPR in percentage points (the OWASP Benchmark score of one class).
    pub fn score(&self) -> f64 {
        100.0 * (self.recall() - self.false_alarm_rate())
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// How a scan did on the corpus.
#[derive(Debug, Clone, Default)]
pub struct CorpusScore {
    pub all: Tally,
    pub by_language: BTreeMap<String, Tally>,
    pub by_class: BTreeMap<String, Tally>,
    /// Per (language, class).
    pub by_cell: BTreeMap<(String, String), Tally>,
    /// Vulnerable cases no finding matched (paths).
    pub missed: Vec<String>,
    /// Safe cases that got a finding of their class (path and the rules that fired).
    pub false_alarms: Vec<String>,
}

impl CorpusScore {
    /// Mean over classes (with both vulnerable and safe cases) of TPR - FPR, in points.
    pub fn mean_class_score(&self) -> f64 {
        let scored: Vec<f64> = self
            .by_class
            .values()
            .filter(|t| t.positives() > 0 && t.negatives() > 0)
            .map(Tally::score)
            .collect();
        if scored.is_empty() {
            0.0
        } else {
            scored.iter().sum::<f64>() / scored.len() as f64
        }
    }

    /// The tables `rlm bench audit` prints: per language, per class, and the summary lines.
    pub fn table(&self) -> String {
        let mut out = String::new();
        let row = |out: &mut String, name: &str, t: &Tally| {
            let _ = writeln!(
                out,
                "{name:<24} {:>5} {:>5} {:>7.1}% {:>9.1}% {:>7.1}",
                t.positives(),
                t.negatives(),
                100.0 * t.recall(),
                100.0 * t.false_alarm_rate(),
                t.score()
            );
        };
        let header = |out: &mut String, first: &str| {
            let _ = writeln!(
                out,
                "{first:<24} {:>5} {:>5} {:>8} {:>10} {:>7}",
                "vuln", "safe", "recall", "false-al.", "TPR-FPR"
            );
        };
        header(&mut out, "language");
        for (language, t) in &self.by_language {
            row(&mut out, language, t);
        }
        row(&mut out, "all", &self.all);
        out.push('\n');
        header(&mut out, "class");
        for (class, t) in &self.by_class {
            row(&mut out, class, t);
        }
        let _ = writeln!(
            out,
            "\nrecall {:.1}% ({}/{}), false alarms {:.1}% ({}/{}), mean TPR-FPR over {} classes {:.1}",
            100.0 * self.all.recall(),
            self.all.true_positives,
            self.all.positives(),
            100.0 * self.all.false_alarm_rate(),
            self.all.false_positives,
            self.all.negatives(),
            self.by_class
                .values()
                .filter(|t| t.positives() > 0 && t.negatives() > 0)
                .count(),
            self.mean_class_score()
        );
        out
    }
}

/// Scores `findings` (paths relative to the corpus root) against `cases`.
pub fn score(cases: &[CorpusCase], findings: &[Finding]) -> CorpusScore {
    let mut by_path: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for f in findings {
        by_path.entry(f.path.as_str()).or_default().push(f);
    }
    let mut s = CorpusScore::default();
    for case in cases {
        let matching: Vec<&str> = by_path
            .get(case.path.as_str())
            .into_iter()
            .flatten()
            .filter(|f| f.category == case.class || f.rule_id == case.class)
            .map(|f| f.rule_id.as_str())
            .collect();
        let reported = !matching.is_empty();
        s.all.add(case.vulnerable, reported);
        s.by_language
            .entry(case.language.clone())
            .or_default()
            .add(case.vulnerable, reported);
        s.by_class
            .entry(case.class.clone())
            .or_default()
            .add(case.vulnerable, reported);
        s.by_cell
            .entry((case.language.clone(), case.class.clone()))
            .or_default()
            .add(case.vulnerable, reported);
        if case.vulnerable && !reported {
            s.missed.push(match case.line {
                Some(l) => format!("{}:{l}", case.path),
                None => case.path.clone(),
            });
        }
        if !case.vulnerable && reported {
            let mut rules = matching.clone();
            rules.dedup();
            s.false_alarms
                .push(format!("{} ({})", case.path, rules.join(", ")));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::audit::model::{Confidence, Position, Severity, Span};

    fn finding(path: &str, rule: &str, category: &str) -> Finding {
        let at = Position {
            line: 1,
            column: 1,
            byte: 0,
        };
        Finding {
            rule_id: rule.into(),
            title: String::new(),
            category: category.into(),
            cwe: None,
            severity: Severity::High,
            confidence: Confidence::High,
            path: path.into(),
            span: Span { start: at, end: at },
            message: String::new(),
            snippet: String::new(),
            fix: None,
            source: None,
            flow: Vec::new(),
            fingerprint: String::new(),
            triage: None,
        }
    }

    #[test]
    fn a_vulnerable_mark_names_the_class_and_the_line_of_the_flaw() {
        let text = "// expect: sql-injection (on the marked line)\nclass A {\n  void f() { st.executeQuery(q); }  // expect: sql-injection\n}\n";
        let case = parse_case("java/sql/A.java", "java", text)
            .unwrap()
            .unwrap();
        assert_eq!(
            case,
            CorpusCase {
                path: "java/sql/A.java".into(),
                language: "java".into(),
                class: "sql-injection".into(),
                vulnerable: true,
                line: Some(3),
            }
        );
    }

    #[test]
    fn a_safe_mark_and_an_unmarked_file_read_as_such() {
        let safe = parse_case("p/a.py", "python", "# ok: xss\nprint(1)\n")
            .unwrap()
            .unwrap();
        assert!(!safe.vulnerable);
        assert_eq!(safe.class, "xss");
        assert_eq!(parse_case("p/b.py", "python", "print(1)\n").unwrap(), None);
    }

    #[test]
    fn marks_that_disagree_are_an_error_naming_the_file() {
        let err = parse_case("p/c.py", "python", "# ok: xss\nx = 1  # expect: xss\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "p/c.py: line 2: marks disagree (ok: xss and expect: xss)"
        );
    }

    #[test]
    fn scoring_counts_per_class_and_ignores_other_categories() {
        let case = |path: &str, class: &str, vulnerable: bool| CorpusCase {
            path: path.into(),
            language: "python".into(),
            class: class.into(),
            vulnerable,
            line: None,
        };
        let cases = vec![
            case("a.py", "sql-injection", true),
            case("b.py", "sql-injection", true),
            case("c.py", "sql-injection", false),
            case("d.py", "xss", false),
        ];
        let findings = vec![
            finding("a.py", "py/sql-injection", "sql-injection"),
            finding("b.py", "py/xss", "xss"),
            finding("d.py", "py/sql-injection", "sql-injection"),
        ];
        let s = score(&cases, &findings);
        assert_eq!(
            s.by_class["sql-injection"],
            Tally {
                true_positives: 1,
                false_negatives: 1,
                false_positives: 0,
                true_negatives: 1,
            }
        );
        assert_eq!(s.by_class["xss"].true_negatives, 1);
        assert_eq!(s.missed, vec!["b.py".to_string()]);
        assert!(s.false_alarms.is_empty());
        // sql-injection: 50 - 0; xss has no vulnerable case and is not averaged.
        assert_eq!(s.mean_class_score(), 50.0);
    }
}
