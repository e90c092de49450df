//! `security_scan`: security findings for a file, a folder or the whole workspace, from the
//! engine's audit rules (taint tracking, call patterns, secrets), filterable.

use super::clamp_limit;
use crate::params::{Parameters, ToolError};
use crate::server::{RlmServer, blocking};
use rlm_engine::audit::{Finding, ScanScope, ScopeOptions, Severity, scan_scope, unified_diff};
use rlm_engine::files::{confine, read_whole};
use rmcp::{Json, tool, tool_router};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SeverityArg {
    Low,
    Medium,
    High,
    Critical,
}

impl SeverityArg {
    fn engine(self) -> Severity {
        match self {
            SeverityArg::Low => Severity::Low,
            SeverityArg::Medium => Severity::Medium,
            SeverityArg::High => Severity::High,
            SeverityArg::Critical => Severity::Critical,
        }
    }
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SecurityScanArgs {
    /// A file or folder to scan, relative to the workspace root (default: the whole workspace).
    #[serde(default)]
    #[schemars(with = "String")]
    pub path: Option<String>,
    /// Only findings at least this severe (default: low, i.e. all).
    #[serde(default)]
    #[schemars(with = "SeverityArg")]
    pub min_severity: Option<SeverityArg>,
    /// Only rules whose id starts with this, e.g. "py/sql-injection" or "js/".
    #[serde(default)]
    #[schemars(with = "String")]
    pub rule: Option<String>,
    /// Only this category, e.g. "injection", "secrets", "crypto".
    #[serde(default)]
    #[schemars(with = "String")]
    pub category: Option<String>,
    /// Most findings to return, most severe first (default 50, at most 500).
    #[serde(default)]
    #[schemars(with = "u32")]
    pub limit: Option<u32>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct SecurityScanResult {
    pub files_scanned: usize,
    pub rules: usize,
    /// Findings matching the filters (before the limit).
    pub total: usize,
    /// Most severe first, then by path and line.
    pub findings: Vec<FindingEntry>,
    /// Files that could not be scanned cleanly (first 20).
    pub notes: Vec<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct FindingEntry {
    pub rule_id: String,
    pub title: String,
    pub category: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cwe: Option<u32>,
    /// low, medium, high or critical.
    pub severity: String,
    /// low, medium or high: how sure the rule is.
    pub confidence: String,
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub message: String,
    /// The flagged line.
    pub snippet: String,
    /// Where the untrusted data came from, when taint tracking confirmed the finding.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub taint_source: Option<TaintEntry>,
    /// A safe rewrite, when the rule has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<FixEntry>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct TaintEntry {
    pub line: usize,
    pub text: String,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct FixEntry {
    pub description: String,
    /// The fix as a unified diff (absent if the file changed since the scan).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diff: Option<String>,
}

fn to_entry(finding: Finding, diff: Option<String>) -> FindingEntry {
    FindingEntry {
        severity: finding.severity.name().to_string(),
        confidence: finding.confidence.name().to_string(),
        line: finding.span.start.line,
        column: finding.span.start.column,
        end_line: finding.span.end.line,
        taint_source: finding.source.map(|s| TaintEntry {
            line: s.line,
            text: s.text,
        }),
        fix: finding.fix.map(|f| FixEntry {
            description: f.description,
            diff,
        }),
        rule_id: finding.rule_id,
        title: finding.title,
        category: finding.category,
        cwe: finding.cwe,
        path: finding.path,
        message: finding.message,
        snippet: finding.snippet,
    }
}

#[tool_router(router = security_scan_router, vis = "pub(crate)")]
impl RlmServer {
    #[tool(
        name = "security_scan",
        description = "Scan the workspace, a folder or one file for security vulnerabilities (injection, path traversal, unsafe deserialisation, weak crypto, hard-coded secrets, ...) with the built-in audit rules and taint tracking. Returns findings most severe first with file, line, the flagged code, where tainted input came from, and a fix as a diff when one is known. Read the surrounding code with read_file before reporting a finding.",
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    async fn security_scan(
        &self,
        Parameters(args): Parameters<SecurityScanArgs>,
    ) -> Result<Json<SecurityScanResult>, ToolError> {
        let args = args?;
        let shared = self.shared.clone();
        let limit = clamp_limit(args.limit, 50, 500);
        let result = blocking(move || {
            let rules = shared.audit_rules()?;
            let scope = match args.path.as_deref().map(str::trim) {
                None | Some("") | Some(".") => ScanScope::Workspace,
                Some(path) => ScanScope::Path(confine(&shared.root, path)?.rel_path),
            };
            // The engine's one scan of a scope: `[audit] max_file_size` and `[audit] baseline`
            // apply here as in `rlm scan` and the editor.
            let mut options =
                ScopeOptions::from_config(&shared.root, &shared.audit, &shared.loaded.config.index);
            options.scan = shared.scan_options();
            options.min_severity = args
                .min_severity
                .map(SeverityArg::engine)
                .unwrap_or(Severity::Low);
            let scanned = scan_scope(&shared.root, &scope, &rules, &options)
                .map_err(|e| ToolError::new(format!("the scan failed: {e}")))?;
            let files_scanned = scanned.report.files_scanned;
            let notes: Vec<String> = scanned
                .report
                .notes
                .into_iter()
                .map(|n| {
                    if n.path.is_empty() {
                        n.message
                    } else {
                        format!("{}: {}", n.path, n.message)
                    }
                })
                .collect();
            let mut findings = scanned.report.findings;
            findings.retain(|f| {
                args.rule
                    .as_deref()
                    .is_none_or(|r| f.rule_id.starts_with(r))
                    && args
                        .category
                        .as_deref()
                        .is_none_or(|c| f.category.eq_ignore_ascii_case(c))
            });
            findings.sort_by(|a, b| {
                (b.severity, &a.path, a.span.start.line).cmp(&(
                    a.severity,
                    &b.path,
                    b.span.start.line,
                ))
            });
            let total = findings.len();
            findings.truncate(limit);
            let entries = findings
                .into_iter()
                .map(|finding| {
                    let diff = finding.fix.as_ref().and_then(|fix| {
                        let (_, bytes) =
                            read_whole(&shared.root, &finding.path, shared.audit.max_file_size)
                                .ok()?;
                        let text = String::from_utf8(bytes).ok()?;
                        unified_diff(&finding.path, &text, &fix.edits).ok()
                    });
                    to_entry(finding, diff)
                })
                .collect();
            let mut notes: Vec<String> = notes;
            notes.truncate(20);
            Ok(SecurityScanResult {
                files_scanned,
                rules: rules.len(),
                total,
                findings: entries,
                notes,
            })
        })
        .await?;
        Ok(Json(result))
    }
}
