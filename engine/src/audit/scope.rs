//! [`scan_scope`]: the one way every face scans a workspace, a folder of it or one file of it
//! (`rlm scan`, MCP `security_scan`, the editor's scan-workspace command), so that the same
//! tree gives the same findings everywhere. It applies what used to be applied by some faces
//! only: `[audit] max_file_size` (also to a single file), the severity floor and the
//! `[audit] baseline`, and reports paths relative to the workspace root (also for a single
//! file, or a folder scanned on its own).

use super::{
    AuditConfig, AuditError, Baseline, FileNote, RuleSet, ScanOptions, ScanReport, Severity,
    read_source, scan, scan_workspace,
};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// What to scan, relative to the workspace root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScanScope {
    /// The whole workspace.
    Workspace,
    /// A folder or a file, as a workspace-relative path (`src/app.py`, `services/billing`).
    Path(String),
}

/// How a scope is scanned: the walk, the severity floor and the baseline.
#[derive(Debug, Clone)]
pub struct ScopeOptions {
    /// Threads, file size limit, excluded paths, skipped folders.
    pub scan: ScanOptions,
    /// Findings below this severity are left out.
    pub min_severity: Severity,
    /// Findings recorded in this baseline file are left out (counted in
    /// [`ScopeReport::in_baseline`]).
    pub baseline: Option<PathBuf>,
}

impl ScopeOptions {
    /// Options from `[audit]` and `[index]` for the workspace at `root`: its walk, every
    /// severity, and `[audit] baseline` (relative to the root) when one is set.
    pub fn from_config(
        root: &Path,
        audit: &AuditConfig,
        index: &crate::config::IndexConfig,
    ) -> ScopeOptions {
        ScopeOptions {
            scan: ScanOptions::from_config(audit, index),
            min_severity: Severity::Low,
            baseline: audit.baseline.as_ref().map(|b| root.join(b)),
        }
    }
}

/// A scan of one scope, after the severity floor and the baseline.
#[derive(Debug, Clone)]
pub struct ScopeReport {
    /// Findings and notes with workspace-relative paths; `root` is the workspace root.
    pub report: ScanReport,
    /// Findings at or above the floor that the baseline left out.
    pub in_baseline: usize,
}

/// Scans `scope` of the workspace at `root` with `rules`. A single file larger than
/// `max_file_size`, binary, or unreadable is skipped with a note, as it is in a workspace scan.
pub fn scan_scope(
    root: &Path,
    scope: &ScanScope,
    rules: &RuleSet,
    options: &ScopeOptions,
) -> Result<ScopeReport, AuditError> {
    let mut report = match scope {
        ScanScope::Path(rel) if rel.trim_matches('/').is_empty() => {
            scan_workspace(root, rules, &options.scan)?
        }
        ScanScope::Workspace => scan_workspace(root, rules, &options.scan)?,
        ScanScope::Path(rel) => {
            let rel = rel.trim_matches('/');
            let path = root.join(rel);
            if path.is_file() {
                scan_file(root, rel, &path, rules, &options.scan)
            } else {
                scan_folder(root, rel, &path, rules, &options.scan)?
            }
        }
    };
    report
        .findings
        .retain(|f| f.severity >= options.min_severity);
    let mut in_baseline = 0;
    if let Some(path) = &options.baseline {
        let baseline = Baseline::load(path)?;
        let (new, known) = baseline.split(std::mem::take(&mut report.findings));
        in_baseline = known.len();
        report.findings = new;
    }
    Ok(ScopeReport {
        report,
        in_baseline,
    })
}

/// A folder of the workspace: its files listed as a workspace scan lists them, each scanned
/// under its workspace-relative path (the path is part of a finding's fingerprint, so a
/// baseline written for the workspace matches), on `options.threads` threads.
fn scan_folder(
    root: &Path,
    rel: &str,
    folder: &Path,
    rules: &RuleSet,
    options: &ScanOptions,
) -> Result<ScanReport, AuditError> {
    let started = Instant::now();
    let listing = crate::workspace::list_files(folder, &options.list)?;
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<(usize, ScanReport)>> = Mutex::new(Vec::new());
    let threads = options.threads.clamp(1, 64).min(listing.files.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                let mut local = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(file) = listing.files.get(i) else {
                        break;
                    };
                    let path = format!("{rel}/{}", file.rel_path);
                    local.push((i, scan_file(root, &path, &file.abs_path, rules, options)));
                }
                if let Ok(mut all) = results.lock() {
                    all.extend(local);
                }
            });
        }
    });
    let mut results = results.into_inner().unwrap_or_default();
    results.sort_by_key(|(i, _)| *i);
    let mut report = ScanReport {
        root: root.to_path_buf(),
        findings: Vec::new(),
        notes: listing
            .warnings
            .iter()
            .map(|w| FileNote {
                path: String::new(),
                message: w.clone(),
            })
            .collect(),
        files_scanned: 0,
        files_skipped: listing.skipped.values().sum(),
        rules: rules.len(),
        elapsed: Duration::ZERO,
    };
    for (_, file) in results {
        report.findings.extend(file.findings);
        report.notes.extend(file.notes);
        report.files_scanned += file.files_scanned;
        report.files_skipped += file.files_skipped;
    }
    report.elapsed = started.elapsed();
    Ok(report)
}

/// One file of the workspace, under the same limits as a workspace scan.
fn scan_file(
    root: &Path,
    rel: &str,
    path: &Path,
    rules: &RuleSet,
    options: &ScanOptions,
) -> ScanReport {
    let started = Instant::now();
    let skipped = |message: String| ScanReport {
        root: root.to_path_buf(),
        findings: Vec::new(),
        notes: vec![FileNote {
            path: rel.to_string(),
            message,
        }],
        files_scanned: 0,
        files_skipped: 1,
        rules: rules.len(),
        elapsed: started.elapsed(),
    };
    let size = match std::fs::metadata(path) {
        Ok(meta) => meta.len(),
        Err(e) => return skipped(format!("not scanned: {e}")),
    };
    if size > options.list.max_file_size {
        return skipped(format!(
            "not scanned: {size} bytes is over [audit] max_file_size ({} bytes)",
            options.list.max_file_size
        ));
    }
    let (text, editable) = match read_source(path) {
        Ok(Some(read)) => read,
        Ok(None) => return skipped("not scanned: binary file".into()),
        Err(e) => return skipped(format!("not scanned: {e}")),
    };
    let mut parsers = scan::Parsers::default();
    let mut scanned = scan::scan_text(&mut parsers, rules, rel, &text, editable);
    if !editable {
        scanned.notes.push(FileNote {
            path: rel.to_string(),
            message: "not valid UTF-8; scanned a lossy copy, no fixes offered".into(),
        });
    }
    ScanReport {
        root: root.to_path_buf(),
        findings: scanned.findings,
        notes: scanned.notes,
        files_scanned: 1,
        files_skipped: 0,
        rules: rules.len(),
        elapsed: started.elapsed(),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    const VULN: &str = "import os\n\ndef run(request):\n    os.system(request.args['cmd'])\n";

    fn workspace() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("src")).unwrap();
        std::fs::write(dir.path().join("src/app.py"), VULN).unwrap();
        dir
    }

    fn options(root: &Path) -> ScopeOptions {
        ScopeOptions::from_config(
            root,
            &AuditConfig::default(),
            &crate::config::IndexConfig::default(),
        )
    }

    fn found(report: &ScopeReport) -> Vec<(String, usize)> {
        report
            .report
            .findings
            .iter()
            .map(|f| (f.path.clone(), f.span.start.line))
            .collect()
    }

    #[test]
    fn a_file_a_folder_and_the_workspace_give_the_same_workspace_relative_findings() {
        let dir = workspace();
        let rules = RuleSet::builtin().unwrap();
        let options = options(dir.path());
        let whole = scan_scope(dir.path(), &ScanScope::Workspace, &rules, &options).unwrap();
        assert!(!whole.report.findings.is_empty());
        assert!(found(&whole).iter().all(|(p, _)| p == "src/app.py"));
        for scope in ["src", "src/app.py", "/src/app.py"] {
            let scoped =
                scan_scope(dir.path(), &ScanScope::Path(scope.into()), &rules, &options).unwrap();
            assert_eq!(found(&scoped), found(&whole), "{scope}");
            assert_eq!(scoped.report.root, dir.path());
        }
    }

    #[test]
    fn a_single_file_over_max_file_size_is_skipped_with_a_note() {
        let dir = workspace();
        let rules = RuleSet::builtin().unwrap();
        let mut options = options(dir.path());
        options.scan.list.max_file_size = 10;
        let scoped = scan_scope(
            dir.path(),
            &ScanScope::Path("src/app.py".into()),
            &rules,
            &options,
        )
        .unwrap();
        assert!(scoped.report.findings.is_empty());
        assert_eq!(
            (scoped.report.files_scanned, scoped.report.files_skipped),
            (0, 1)
        );
        assert_eq!(
            scoped.report.notes,
            vec![FileNote {
                path: "src/app.py".into(),
                message: format!(
                    "not scanned: {} bytes is over [audit] max_file_size (10 bytes)",
                    VULN.len()
                ),
            }]
        );
    }

    #[test]
    fn the_configured_baseline_and_the_severity_floor_leave_findings_out() {
        let dir = workspace();
        let rules = RuleSet::builtin().unwrap();
        let all = scan_scope(
            dir.path(),
            &ScanScope::Workspace,
            &rules,
            &options(dir.path()),
        )
        .unwrap();
        let total = all.report.findings.len();
        Baseline::from_findings(&all.report.findings)
            .save(&dir.path().join("baseline.json"))
            .unwrap();
        let audit = AuditConfig {
            baseline: Some(PathBuf::from("baseline.json")),
            ..AuditConfig::default()
        };
        let options =
            ScopeOptions::from_config(dir.path(), &audit, &crate::config::IndexConfig::default());
        for scope in [
            ScanScope::Workspace,
            ScanScope::Path("src".into()),
            ScanScope::Path("src/app.py".into()),
        ] {
            let known = scan_scope(dir.path(), &scope, &rules, &options).unwrap();
            assert!(known.report.findings.is_empty(), "{scope:?}");
            assert_eq!(known.in_baseline, total, "{scope:?}");
        }
        let floor = ScopeOptions {
            min_severity: Severity::Critical,
            baseline: None,
            ..options
        };
        let critical = scan_scope(dir.path(), &ScanScope::Workspace, &rules, &floor).unwrap();
        assert!(
            critical
                .report
                .findings
                .iter()
                .all(|f| f.severity == Severity::Critical)
        );
    }
}
