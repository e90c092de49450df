//! SARIF 2.1.0 output: the report format code-scanning services read.
//!
//! One run with the rules that ran as `tool.driver.rules` (help text from the rule's doc
//! headings, CWE and category as tags, a `security-severity` score), one result per finding
//! with its region, a `partialFingerprints` entry (the baseline fingerprint) and its fix as a
//! SARIF `fix` with `artifactChanges`; a taint finding's path (source, steps, sink) is its
//! `codeFlows`. Columns are counted in Unicode code points, which the run
//! declares with `columnKind`. The test suite validates this output against the OASIS schema.

use super::catalog::RuleSet;
use super::model::{Finding, Severity};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::path::Path;

/// SARIF's `level` for a severity.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low => "note",
    }
}

/// GitHub's `security-severity` score (0-10) for a severity.
fn score(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "9.5",
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "3.0",
    }
}

/// Percent-encodes a relative path for a SARIF `uri` (RFC 3986 path characters kept).
fn uri_path(path: &str) -> String {
    let mut out = String::new();
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn root_uri(root: &Path) -> String {
    let mut s = uri_path(&root.to_string_lossy().replace('\\', "/"));
    if !s.starts_with('/') {
        s.insert(0, '/');
    }
    if !s.ends_with('/') {
        s.push('/');
    }
    format!("file://{s}")
}

fn region(span: &super::model::Span) -> Value {
    json!({
        "startLine": span.start.line,
        "startColumn": span.start.column,
        "endLine": span.end.line,
        "endColumn": span.end.column,
    })
}

/// The SARIF log of a scan. `rules` are the rules that ran (all go into the driver, so a clean
/// run still documents what was checked).
pub fn to_sarif(findings: &[Finding], rules: &RuleSet, root: &Path) -> Value {
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    let driver_rules: Vec<Value> = rules
        .rules()
        .iter()
        .enumerate()
        .map(|(i, rule)| {
            let spec = &rule.spec;
            index.insert(spec.id.as_str(), i);
            let mut tags = vec!["security".to_string(), spec.category.clone()];
            if let Some(cwe) = spec.cwe {
                tags.push(format!("external/cwe/cwe-{cwe}"));
            }
            let help = format!(
                "{}\n\nWhy: {}\n\nFix: {}",
                spec.doc.what,
                spec.doc.why,
                if spec.doc.fix.is_empty() {
                    "see the message"
                } else {
                    &spec.doc.fix
                }
            );
            json!({
                "id": spec.id,
                "name": spec.title,
                "shortDescription": { "text": spec.title },
                "fullDescription": { "text": spec.doc.what },
                "help": { "text": help },
                "defaultConfiguration": { "level": level(spec.severity) },
                "properties": {
                    "tags": tags,
                    "precision": match spec.confidence {
                        super::Confidence::High => "high",
                        super::Confidence::Medium => "medium",
                        super::Confidence::Low => "low",
                    },
                    "security-severity": score(spec.severity),
                },
            })
        })
        .collect();
    let results: Vec<Value> = findings
        .iter()
        .map(|f| {
            let uri = uri_path(&f.path);
            let mut result = json!({
                "ruleId": f.rule_id,
                "level": level(f.severity),
                "message": { "text": f.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri, "uriBaseId": "%SRCROOT%" },
                        "region": {
                            "startLine": f.span.start.line,
                            "startColumn": f.span.start.column,
                            "endLine": f.span.end.line,
                            "endColumn": f.span.end.column,
                            "snippet": { "text": f.snippet },
                        },
                    },
                }],
                "partialFingerprints": { "rlmFingerprint/v1": f.fingerprint },
                "properties": {
                    "severity": f.severity.name(),
                    "confidence": f.confidence.name(),
                    "category": f.category,
                },
            });
            if let Some(i) = index.get(f.rule_id.as_str()) {
                result["ruleIndex"] = json!(i);
            }
            if let Some(source) = &f.source {
                result["properties"]["taintSource"] =
                    json!({ "line": source.line, "text": source.text });
            }
            if !f.flow.is_empty() {
                // The taint path as one thread flow: source, each step, sink.
                let locations: Vec<Value> = f
                    .flow
                    .iter()
                    .map(|step| {
                        json!({
                            "location": {
                                "physicalLocation": {
                                    "artifactLocation": { "uri": uri, "uriBaseId": "%SRCROOT%" },
                                    "region": region(&step.span),
                                },
                                "message": { "text": step.message },
                            },
                        })
                    })
                    .collect();
                result["codeFlows"] = json!([{
                    "message": { "text": format!("{} steps from source to sink", f.flow.len()) },
                    "threadFlows": [{ "locations": locations }],
                }]);
            }
            if let Some(verdict) = &f.triage {
                result["properties"]["triage"] = json!(verdict);
            }
            if let Some(fix) = &f.fix {
                result["fixes"] = json!([{
                    "description": { "text": fix.description },
                    "artifactChanges": [{
                        "artifactLocation": { "uri": uri, "uriBaseId": "%SRCROOT%" },
                        "replacements": fix.edits.iter().map(|e| json!({
                            "deletedRegion": region(&e.span),
                            "insertedContent": { "text": e.replacement },
                        })).collect::<Vec<_>>(),
                    }],
                }]);
            }
            result
        })
        .collect();
    json!({
        "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "rlm",
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://github.com/rlm-project/rlm",
                    "rules": driver_rules,
                },
            },
            "originalUriBaseIds": { "%SRCROOT%": { "uri": root_uri(root) } },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}
