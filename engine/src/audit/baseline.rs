//! Baselines: the findings a project has accepted, so CI fails only on new ones.
//!
//! A baseline stores each finding's fingerprint (rule, path, the text of its line, and its
//! occurrence among identical lines), so it survives code moving up and down the file; editing
//! the flagged line itself makes the finding new again, which is the point.

use super::AuditError;
use super::model::Finding;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::path::Path;

/// The on-disk form (`rlm scan --write-baseline FILE`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<BaselineEntry>,
}

/// One accepted finding; `rule_id`, `path` and `snippet` are for people reading the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BaselineEntry {
    pub fingerprint: String,
    pub rule_id: String,
    pub path: String,
    pub snippet: String,
}

impl Baseline {
    pub fn from_findings(findings: &[Finding]) -> Baseline {
        let mut findings: Vec<BaselineEntry> = findings
            .iter()
            .map(|f| BaselineEntry {
                fingerprint: f.fingerprint.clone(),
                rule_id: f.rule_id.clone(),
                path: f.path.clone(),
                snippet: f.snippet.clone(),
            })
            .collect();
        findings.sort_by(|a, b| {
            (&a.path, &a.rule_id, &a.fingerprint).cmp(&(&b.path, &b.rule_id, &b.fingerprint))
        });
        Baseline {
            version: 1,
            findings,
        }
    }

    pub fn load(path: &Path) -> Result<Baseline, AuditError> {
        let text = std::fs::read_to_string(path).map_err(|source| AuditError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let baseline: Baseline =
            serde_json::from_str(&text).map_err(|e| AuditError::BadBaseline {
                path: path.to_path_buf(),
                message: e.to_string(),
            })?;
        if baseline.version != 1 {
            return Err(AuditError::BadBaseline {
                path: path.to_path_buf(),
                message: format!(
                    "version {} is not supported (this rlm writes version 1); write a new one with --write-baseline",
                    baseline.version
                ),
            });
        }
        Ok(baseline)
    }

    pub fn save(&self, path: &Path) -> Result<(), AuditError> {
        let text = serde_json::to_string_pretty(self).map_err(|e| AuditError::BadBaseline {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        std::fs::write(path, text + "\n").map_err(|source| AuditError::Io {
            path: path.to_path_buf(),
            source,
        })
    }

    /// Splits findings into (new, already in the baseline).
    pub fn split(&self, findings: Vec<Finding>) -> (Vec<Finding>, Vec<Finding>) {
        let known: HashSet<&str> = self
            .findings
            .iter()
            .map(|e| e.fingerprint.as_str())
            .collect();
        findings
            .into_iter()
            .partition(|f| !known.contains(f.fingerprint.as_str()))
    }
}
