//! `rlm scan` over a workspace, a folder and one file through the real binary: the same tree
//! gives the same findings as MCP `security_scan` and the editor's scan-workspace (those faces
//! are pinned in `mcp_engine_tools` and `lsp_protocol`): `[audit] baseline` hides what it
//! records, `[audit] max_file_size` holds for a single file too, and a single file's findings
//! carry its workspace-relative path.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{RLM, write};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

const SHELL_PY: &str = "import subprocess\n\ndef run(user_command):\n    return subprocess.call(user_command, shell=True)\n";
const HASH_PY: &str =
    "import hashlib\n\ndef fingerprint(data):\n    return hashlib.md5(data).hexdigest()\n";

/// `rlm scan ARGS --format json` run in `cwd`, with no user configuration.
fn scan_json(cwd: &Path, args: &[&str]) -> Value {
    let out = Command::new(RLM)
        .arg("scan")
        .args(args)
        .args(["--format", "json"])
        .current_dir(cwd)
        .env("XDG_CONFIG_HOME", cwd.join(".no-user-config"))
        .output()
        .unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn findings(report: &Value) -> Vec<(String, String, u64)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["rule_id"].as_str().unwrap().to_string(),
                f["span"]["start"]["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn a_single_file_is_reported_by_its_workspace_path_under_the_workspace_limits() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    write(&root.join("src/ops/shell.py"), SHELL_PY);
    let report = scan_json(&root, &["src/ops/shell.py"]);
    assert_eq!(
        findings(&report),
        [(
            "src/ops/shell.py".to_string(),
            "py/command-injection".to_string(),
            4
        )]
    );
    // The whole workspace says the same of that file.
    assert_eq!(findings(&scan_json(&root, &[])), findings(&report));

    // A file over `[audit] max_file_size` is skipped with a note, alone as in a workspace.
    write(&root.join("rlm.toml"), "[audit]\nmax_file_size = 20\n");
    let report = scan_json(&root, &["src/ops/shell.py"]);
    assert_eq!(findings(&report), []);
    assert_eq!(
        report["notes"],
        serde_json::json!([{
            "path": "src/ops/shell.py",
            "message": format!("not scanned: {} bytes is over [audit] max_file_size (20 bytes)", SHELL_PY.len())
        }])
    );
    assert_eq!(report["summary"]["files_skipped"], 1);
    assert_eq!(findings(&scan_json(&root, &[])), []);
}

#[test]
fn the_configured_baseline_hides_the_same_findings_for_a_file_and_the_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    write(&root.join("src/hash.py"), HASH_PY);
    let out = Command::new(RLM)
        .args(["scan", "--write-baseline", "baseline.json"])
        .current_dir(&root)
        .env("XDG_CONFIG_HOME", root.join(".no-user-config"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    write(&root.join("src/shell.py"), SHELL_PY);
    write(
        &root.join("rlm.toml"),
        "[audit]\nbaseline = \"baseline.json\"\n",
    );
    let whole = scan_json(&root, &[]);
    assert_eq!(
        findings(&whole),
        [(
            "src/shell.py".to_string(),
            "py/command-injection".to_string(),
            4
        )]
    );
    assert_eq!(whole["summary"]["in_baseline"], 1);
    let known = scan_json(&root, &["src/hash.py"]);
    assert_eq!(findings(&known), []);
    assert_eq!(known["summary"]["in_baseline"], 1);
}
