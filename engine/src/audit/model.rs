//! The values a scan produces: findings, their positions, and the fixes that go with them.
//!
//! These are plain domain types. The CLI renders them as text, JSON or SARIF; the LSP face turns a
//! [`Finding`] into a diagnostic and a [`Fix`] into a code action; the MCP face returns them as
//! JSON. Positions carry both byte offsets (exact, for applying edits) and 1-based line/column in
//! Unicode scalar values (for people and SARIF), so each face converts without re-reading files.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How bad a finding is when it is real.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    #[default]
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }

    /// Parses `low`, `medium`, `high` or `critical` (any case).
    pub fn from_name(name: &str) -> Option<Severity> {
        match name.to_ascii_lowercase().as_str() {
            "low" => Some(Severity::Low),
            "medium" | "med" => Some(Severity::Medium),
            "high" => Some(Severity::High),
            "critical" | "crit" => Some(Severity::Critical),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How sure the rule is that the match is a real problem.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    #[default]
    Low,
    Medium,
    High,
}

impl Confidence {
    pub fn name(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A point in a file: byte offset, and 1-based line and column (column counted in Unicode scalar
/// values, which is what SARIF's `unicodeCodePoints` column kind means).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Position {
    pub byte: usize,
    pub line: usize,
    pub column: usize,
}

/// A half-open range `[start, end)` in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub start: Position,
    pub end: Position,
}

/// One replacement of a byte range of a file's text. Edits of one [`Fix`] never overlap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextEdit {
    pub span: Span,
    pub replacement: String,
}

/// A safe rewrite that removes the finding: a description for the user and the edits to apply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    pub description: String,
    pub edits: Vec<TextEdit>,
}

/// Where tainted data came from, when the finding was confirmed by taint tracking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaintSource {
    pub line: usize,
    /// The source expression as written (shortened).
    pub text: String,
}

/// One step of the path tainted data took to a sink: where, and what happened there
/// (`source: request.getParameter("id")`, `assigned: bar = param + "x"`, `sink: ...`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlowStep {
    pub span: Span,
    pub message: String,
}

/// The model's opinion of a finding (see [`super::triage`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VerdictKind {
    TruePositive,
    FalsePositive,
    Uncertain,
}

/// A verdict with its reason, attached to a finding by `--triage`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    pub verdict: VerdictKind,
    /// Why, in the model's words: the exploit path for a true positive, the guard for a false one.
    pub reason: String,
}

/// One problem found in one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// The rule's id, e.g. `py/sql-injection`.
    pub rule_id: String,
    pub title: String,
    pub category: String,
    pub cwe: Option<u32>,
    pub severity: Severity,
    pub confidence: Confidence,
    /// Workspace-relative path with `/` separators (or the path given to [`super::scan_source`]).
    pub path: String,
    pub span: Span,
    pub message: String,
    /// The first line of the finding, trimmed and shortened: what a person sees next to the
    /// location, and part of the baseline fingerprint.
    pub snippet: String,
    pub fix: Option<Fix>,
    /// Set for findings confirmed by taint tracking.
    pub source: Option<TaintSource>,
    /// For taint findings: the path from the source (or parameter) to the sink, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flow: Vec<FlowStep>,
    /// Stable across unrelated edits: rule, path, the finding's line text, and its occurrence
    /// index among identical lines. Baselines store it.
    pub fingerprint: String,
    /// Filled by triage; absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub triage: Option<Verdict>,
}

/// Something worth telling the user about a file that was not a finding: it did not parse
/// cleanly, it was skipped, a fix could not be offered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileNote {
    pub path: String,
    pub message: String,
}
