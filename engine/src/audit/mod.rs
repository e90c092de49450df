//! Security audit of a whole workspace: rules as data, taint tracking inside a file, inline
//! suppressions, baselines, quick fixes and SARIF.
//!
//! Rules are TOML files shipped in `engine/rules/<language>/<rule>.toml` and embedded at build
//! time; a workspace adds its own from `.rlm-rules/` (or `[audit] rule_dirs`). Each file is parsed
//! once with tree-sitter and every rule for its language runs over that one tree: call patterns,
//! tree-sitter queries, text patterns (secrets) and taint specs (sources, sinks, sanitizers; see
//! [`taint`]). Files are scanned in parallel on a fixed number of threads.
//!
//! The faces call [`scan_workspace`] (CLI, CI) or [`scan_source`] (an editor buffer), and get
//! [`Finding`]s with optional [`Fix`]es as plain text edits; [`sarif::to_sarif`] renders a
//! report for code-scanning tools, and [`triage`] is where a model confirms or dismisses
//! findings. This module knows nothing of terminals, LSP or MCP.

mod baseline;
pub(crate) mod catalog;
pub mod corpus;
pub mod docs;
mod fix;
mod guard;
mod model;
mod resolve;
mod rule;
pub mod sarif;
mod scan;
pub mod scope;
mod suppress;
mod syntax;
pub mod taint;
mod text;
pub mod triage;
pub mod triage_model;
mod value;

pub use baseline::{Baseline, BaselineEntry};
pub use catalog::{RuleSet, Selection};
pub use fix::{FixError, MergedFixes, apply_edits, merge_fixes, unified_diff};
pub use model::{
    Confidence, FileNote, Finding, Fix, FlowStep, Position, Severity, Span, TaintSource, TextEdit,
    Verdict, VerdictKind,
};
pub use rule::{Rule, RuleError, RuleSpec};
pub use scan::FileScan;
pub use scope::{ScanScope, ScopeOptions, ScopeReport, scan_scope};

use crate::workspace::{ListOptions, list_files};
use serde::Deserialize;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Errors that stop a scan (bad rules, an unreadable workspace or baseline). Problems with
/// single files are [`FileNote`]s, not errors.
#[derive(Debug, thiserror::Error)]
pub enum AuditError {
    #[error(transparent)]
    Rule(#[from] RuleError),
    #[error("built-in taint profile {name}: {message}")]
    Profile { name: String, message: String },
    #[error("rule id {id} is defined twice: in {first} and in {second}")]
    DuplicateRule {
        id: String,
        first: String,
        second: String,
    },
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("baseline {path} is not a valid rlm baseline: {message}")]
    BadBaseline { path: PathBuf, message: String },
    #[error(transparent)]
    Workspace(#[from] crate::workspace::WorkspaceError),
}

/// The `[audit]` section of `rlm.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AuditConfig {
    /// Only these rules (ids, `prefix/*`, `category:NAME`); empty means all.
    pub enable: Vec<String>,
    /// Never these rules.
    pub disable: Vec<String>,
    /// Folders of user rule files, relative to the workspace root. Missing folders are
    /// skipped.
    pub rule_dirs: Vec<PathBuf>,
    /// Glob patterns of paths not scanned, on top of `.gitignore` and `[index] exclude`.
    pub exclude: Vec<String>,
    /// Files larger than this many bytes are not scanned. Default 2 MiB.
    pub max_file_size: u64,
    /// The lowest severity that fails `rlm scan` (exit code 1). Default `low`.
    pub fail_on: Severity,
    /// Baseline file, relative to the workspace root.
    pub baseline: Option<PathBuf>,
    /// Scanning threads. Default 2.
    pub threads: usize,
    /// `rlm scan --triage` limits.
    pub triage: triage::TriageBudget,
}

impl Default for AuditConfig {
    fn default() -> Self {
        AuditConfig {
            enable: Vec::new(),
            disable: Vec::new(),
            rule_dirs: vec![PathBuf::from(".rlm-rules")],
            exclude: Vec::new(),
            max_file_size: 2 * 1024 * 1024,
            fail_on: Severity::Low,
            baseline: None,
            threads: 2,
            triage: triage::TriageBudget::default(),
        }
    }
}

impl AuditConfig {
    /// The rule set this configuration selects for the workspace at `root`.
    pub fn rule_set(&self, root: &Path) -> Result<RuleSet, AuditError> {
        let dirs: Vec<PathBuf> = self
            .rule_dirs
            .iter()
            .map(|d| root.join(d))
            .filter(|d| d.is_dir())
            .collect();
        RuleSet::load(
            &dirs,
            &Selection {
                enable: self.enable.clone(),
                disable: self.disable.clone(),
            },
        )
    }
}

/// How to walk and scan a workspace.
#[derive(Debug, Clone)]
pub struct ScanOptions {
    pub threads: usize,
    pub list: ListOptions,
}

impl Default for ScanOptions {
    fn default() -> Self {
        ScanOptions {
            threads: 2,
            list: ListOptions::default(),
        }
    }
}

impl ScanOptions {
    /// Options from the `[audit]` and `[index]` config sections.
    pub fn from_config(audit: &AuditConfig, index: &crate::config::IndexConfig) -> ScanOptions {
        let mut exclude = index.exclude.clone();
        exclude.extend(audit.exclude.iter().cloned());
        ScanOptions {
            threads: audit.threads.max(1),
            list: ListOptions {
                max_file_size: audit.max_file_size,
                exclude,
                skip_dirs: Vec::new(),
            },
        }
    }
}

/// The result of scanning a workspace.
#[derive(Debug, Clone)]
pub struct ScanReport {
    pub root: PathBuf,
    /// Sorted by path, then position.
    pub findings: Vec<Finding>,
    pub notes: Vec<FileNote>,
    pub files_scanned: usize,
    /// Files listed but not scanned (binary, too large, unreadable), with the listing's counts.
    pub files_skipped: usize,
    pub rules: usize,
    pub elapsed: Duration,
}

/// Scans one file's text (an editor buffer, an MCP request). The language comes from `path`.
pub fn scan_source(path: &str, text: &str, rules: &RuleSet) -> FileScan {
    let mut parsers = scan::Parsers::default();
    scan::scan_text(&mut parsers, rules, path, text, true)
}

/// Scans every file of the workspace at `root` that the workspace listing keeps, on
/// `options.threads` threads.
pub fn scan_workspace(
    root: &Path,
    rules: &RuleSet,
    options: &ScanOptions,
) -> Result<ScanReport, AuditError> {
    let started = Instant::now();
    let listing = list_files(root, &options.list)?;
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<(usize, FileScan)>> = Mutex::new(Vec::new());
    let skipped = AtomicUsize::new(listing.skipped.values().sum());
    let threads = options.threads.clamp(1, 64).min(listing.files.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                let mut parsers = scan::Parsers::default();
                let mut local = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(file) = listing.files.get(i) else {
                        break;
                    };
                    match read_source(&file.abs_path) {
                        Ok(Some((text, editable))) => {
                            let mut scanned = scan::scan_text(
                                &mut parsers,
                                rules,
                                &file.rel_path,
                                &text,
                                editable,
                            );
                            if !editable {
                                scanned.notes.push(FileNote {
                                    path: file.rel_path.clone(),
                                    message:
                                        "not valid UTF-8; scanned a lossy copy, no fixes offered"
                                            .into(),
                                });
                            }
                            local.push((i, scanned));
                        }
                        Ok(None) => {
                            skipped.fetch_add(1, Ordering::Relaxed);
                        }
                        Err(e) => {
                            skipped.fetch_add(1, Ordering::Relaxed);
                            local.push((
                                i,
                                FileScan {
                                    findings: Vec::new(),
                                    notes: vec![FileNote {
                                        path: file.rel_path.clone(),
                                        message: format!("not scanned: {e}"),
                                    }],
                                },
                            ));
                        }
                    }
                }
                if let Ok(mut all) = results.lock() {
                    all.extend(local);
                }
            });
        }
    });
    let mut results = results.into_inner().unwrap_or_default();
    results.sort_by_key(|(i, _)| *i);
    let files_scanned = results.len();
    let mut findings = Vec::new();
    let mut notes: Vec<FileNote> = listing
        .warnings
        .iter()
        .map(|w| FileNote {
            path: String::new(),
            message: w.clone(),
        })
        .collect();
    for (_, scan) in results {
        findings.extend(scan.findings);
        notes.extend(scan.notes);
    }
    Ok(ScanReport {
        root: listing.root,
        findings,
        notes,
        files_scanned,
        files_skipped: skipped.into_inner(),
        rules: rules.len(),
        elapsed: started.elapsed(),
    })
}

/// Reads a file for scanning: `None` for binary files (NUL bytes near the start), the text and
/// whether it was valid UTF-8 otherwise.
fn read_source(path: &Path) -> std::io::Result<Option<(String, bool)>> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)?.read_to_end(&mut bytes)?;
    if bytes[..bytes.len().min(8192)].contains(&0) {
        return Ok(None);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Some((text, true))),
        Err(e) => Ok(Some((
            String::from_utf8_lossy(e.as_bytes()).into_owned(),
            false,
        ))),
    }
}

#[cfg(test)]
mod flow_tests;
#[cfg(test)]
mod guard_tests;
#[cfg(test)]
mod tests;
