//! The `rlm` binary as users run it: output formats, exit codes, errors, concurrent runs.

use std::path::Path;
use std::process::{Command, Output};

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// A home folder outside every test workspace: ONNX Runtime writes a device id under
/// `$HOME/.cache`, which would otherwise become a workspace file. Its config turns off the
/// embeddings at index time: these tests pin the index itself (`cli/tests/retrieve.rs` pins
/// the embeddings).
fn home() -> std::path::PathBuf {
    let home = std::env::temp_dir().join(format!("rlm-cli-test-home-{}", std::process::id()));
    let config = home.join(".config/rlm");
    if std::fs::create_dir_all(&config).is_ok() {
        let _ = std::fs::write(
            config.join("config.toml"),
            "[retrieval]\nembed_at_index = false\n",
        );
    }
    home
}

fn rlm(args: &[&str], cwd: &Path) -> Result<Output, std::io::Error> {
    Command::new(env!("CARGO_BIN_EXE_rlm"))
        .args(args)
        .current_dir(cwd)
        .env("HOME", home())
        .output()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn sample_workspace() -> Result<tempfile::TempDir, std::io::Error> {
    let dir = tempfile::tempdir()?;
    std::fs::create_dir(dir.path().join("src"))?;
    std::fs::write(
        dir.path().join("src/config.py"),
        "import json\n\n\ndef parse_config(path):\n    \"\"\"Parse the JSON config.\"\"\"\n    with open(path) as f:\n        return json.load(f)\n",
    )?;
    std::fs::write(
        dir.path().join("src/app.ts"),
        "export function parseConfig(raw: string) {\n  return JSON.parse(raw);\n}\n",
    )?;
    Ok(dir)
}

#[test]
fn index_prints_a_summary_line_and_json_on_request() -> TestResult {
    let ws = sample_workspace()?;
    let out = rlm(&["index", "."], ws.path())?;
    assert!(out.status.success(), "{}", stderr(&out));
    let line = stdout(&out);
    assert!(line.starts_with("indexed 2 files in "), "{line}");
    assert!(
        line.contains(": 2 added, 0 updated, 0 removed, 0 unchanged; 3 chunks, 2 symbols written"),
        "{line}"
    );

    let out = rlm(&["index", ".", "--json"], ws.path())?;
    let report: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    assert_eq!(report["files"], 2);
    assert_eq!(report["unchanged"], 2);
    assert_eq!(report["source"], "folder");
    Ok(())
}

#[test]
fn search_finds_snake_and_camel_case_spellings_with_snippets() -> TestResult {
    let ws = sample_workspace()?;
    rlm(&["index"], ws.path())?;
    let out = rlm(&["search", "parse_config", "-k", "5"], ws.path())?;
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let headers: Vec<&str> = text.lines().filter(|l| !l.starts_with(' ')).collect();
    assert_eq!(headers.len(), 2, "{text}");
    let mut locations: Vec<String> = headers
        .iter()
        .map(|h| h.split("  ").take(2).collect::<Vec<_>>().join("  "))
        .collect();
    locations.sort();
    assert_eq!(
        locations,
        vec![
            "src/app.ts:1-3  parseConfig",
            "src/config.py:4-7  parse_config"
        ]
    );
    assert!(
        text.contains("        4 | def parse_config(path):"),
        "{text}"
    );

    let out = rlm(
        &["search", ".", "parseConfig", "--json", "--lang", "ts"],
        ws.path(),
    )?;
    let hits: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    assert_eq!(hits.as_array().map(Vec::len), Some(1));
    assert_eq!(hits[0]["path"], "src/app.ts");
    assert_eq!(
        hits[0]["snippet"][0],
        serde_json::json!([1, "export function parseConfig(raw: string) {"])
    );
    Ok(())
}

#[test]
fn bad_query_syntax_and_unknown_language_are_clear_errors() -> TestResult {
    let ws = sample_workspace()?;
    rlm(&["index"], ws.path())?;
    let out = rlm(&["search", "parse(config"], ws.path())?;
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("error: invalid query syntax in \"parse(config\""),
        "{}",
        stderr(&out)
    );
    let out = rlm(&["search", "x", "--lang", "cobol"], ws.path())?;
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown language \"cobol\""),
        "{}",
        stderr(&out)
    );
    Ok(())
}

#[test]
fn search_without_an_index_says_what_to_do() -> TestResult {
    let ws = sample_workspace()?;
    let out = rlm(&["search", "anything"], ws.path())?;
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("run `rlm index` on the workspace first"),
        "{}",
        stderr(&out)
    );
    Ok(())
}

#[test]
fn symbols_lists_definitions_with_kind_and_location() -> TestResult {
    let ws = sample_workspace()?;
    rlm(&["index"], ws.path())?;
    let out = rlm(&["symbols", ".", "parse"], ws.path())?;
    assert_eq!(
        stdout(&out),
        "function  parseConfig  src/app.ts:1-3\nfunction  parse_config  src/config.py:4-7\n"
    );
    Ok(())
}

#[test]
fn context_prints_every_file_under_a_header() -> TestResult {
    let ws = sample_workspace()?;
    let out = rlm(&["context", "."], ws.path())?;
    let text = stdout(&out);
    let headers: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("# === FILE:"))
        .collect();
    assert_eq!(
        headers,
        vec![
            "# === FILE: src/app.ts ===",
            "# === FILE: src/config.py ==="
        ]
    );
    Ok(())
}

#[test]
fn nonexistent_workspace_is_a_clear_error() -> TestResult {
    let ws = tempfile::tempdir()?;
    let out = rlm(&["index", "does-not-exist"], ws.path())?;
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: workspace path does-not-exist does not exist\n"
    );
    Ok(())
}

#[test]
fn two_index_runs_at_once_both_finish_and_the_index_stays_whole() -> TestResult {
    let ws = tempfile::tempdir()?;
    for i in 0..300 {
        std::fs::write(
            ws.path().join(format!("f{i}.py")),
            format!("def concurrent_{i}():\n    return {i}\n"),
        )?;
    }
    let bin = env!("CARGO_BIN_EXE_rlm");
    let spawn = || {
        Command::new(bin)
            .args(["index", "--json"])
            .current_dir(ws.path())
            .env("HOME", home())
            .output()
    };
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(spawn);
        let b = s.spawn(spawn);
        (a.join(), b.join())
    });
    let (a, b) = (
        a.map_err(|_| "thread panicked")??,
        b.map_err(|_| "thread panicked")??,
    );
    assert!(
        a.status.success() && b.status.success(),
        "{} {}",
        stderr(&a),
        stderr(&b)
    );
    let reports: Vec<serde_json::Value> = [&a, &b]
        .iter()
        .map(|o| serde_json::from_slice(&o.stdout))
        .collect::<Result<_, _>>()?;
    let mut added: Vec<u64> = reports
        .iter()
        .map(|r| r["added"].as_u64().unwrap_or(99))
        .collect();
    added.sort();
    assert_eq!(
        added,
        vec![0, 300],
        "one run indexed everything, the other found it done"
    );
    let out = rlm(&["search", "concurrent_299", "--json"], ws.path())?;
    let hits: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    assert_eq!(hits[0]["path"], "f299.py");
    Ok(())
}

#[test]
fn a_held_lock_makes_a_second_run_fail_clearly_after_the_timeout() -> TestResult {
    let ws = sample_workspace()?;
    std::fs::write(
        ws.path().join("rlm.toml"),
        "[index]\nlock_timeout_secs = 1\n",
    )?;
    rlm(&["index"], ws.path())?;
    let lock = std::fs::OpenOptions::new()
        .write(true)
        .open(ws.path().join(".rlm/lock"))?;
    lock.lock()?;
    let out = rlm(&["index"], ws.path())?;
    drop(lock);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("waiting for another `rlm index`"), "{err}");
    assert!(err.contains("another `rlm index` is updating"), "{err}");
    let out = rlm(&["index"], ws.path())?;
    assert!(out.status.success(), "{}", stderr(&out));
    Ok(())
}

#[test]
fn an_interrupted_index_run_leaves_the_previous_index_usable() -> TestResult {
    let ws = tempfile::tempdir()?;
    for i in 0..1500 {
        std::fs::write(
            ws.path().join(format!("f{i}.py")),
            format!("def before_{i}():\n    return {i}\n"),
        )?;
    }
    let out = rlm(&["index"], ws.path())?;
    assert!(out.status.success(), "{}", stderr(&out));
    for i in 0..1500 {
        std::fs::write(
            ws.path().join(format!("f{i}.py")),
            format!("def after_{i}():\n    return {i}\n"),
        )?;
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_rlm"))
        .arg("index")
        .current_dir(ws.path())
        .spawn()?;
    std::thread::sleep(std::time::Duration::from_millis(150));
    child.kill()?;
    child.wait()?;

    // Whatever the kill interrupted, the index opens and answers.
    let out = rlm(&["search", "before_7 OR after_7", "--json"], ws.path())?;
    assert!(out.status.success(), "{}", stderr(&out));
    let hits: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    assert_eq!(hits[0]["path"], "f7.py");

    // The next run finishes the job: every file holds its new content.
    let out = rlm(&["index", "--json"], ws.path())?;
    assert!(out.status.success(), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    assert_eq!(report["files"], 1500);
    let out = rlm(&["search", "before_7", "--json"], ws.path())?;
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&out.stdout)?,
        serde_json::json!([])
    );
    let out = rlm(&["search", "after_1499", "--json"], ws.path())?;
    let hits: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    assert_eq!(hits[0]["path"], "f1499.py");
    Ok(())
}

/// The `batch` a manifest records, 0 while there is none.
fn manifest_batch(index_dir: &Path) -> u64 {
    std::fs::read(index_dir.join("manifest.json"))
        .ok()
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
        .and_then(|m| m["batch"].as_u64())
        .unwrap_or(0)
}

#[test]
fn an_index_run_killed_mid_way_resumes_after_its_last_batch_and_matches_a_clean_build() -> TestResult
{
    let ws = tempfile::tempdir()?;
    for i in 0..3000 {
        let body: String = (0..20)
            .map(|k| format!("    value_{k} = compute_{i}_{k}(value_{k})\n"))
            .collect();
        std::fs::write(
            ws.path().join(format!("mod_{i:04}.py")),
            format!(
                "def resumed_{i}(value_0):\n{body}    return value_0\n\nclass Kept{i}:\n    pass\n"
            ),
        )?;
    }
    let clean = ws.path().join("clean-index");
    let out = rlm(
        &["index", "--index-dir", "clean-index", "--json"],
        ws.path(),
    )?;
    assert!(out.status.success(), "{}", stderr(&out));

    // Small batches, then SIGKILL as soon as a few have been committed.
    let resumed = ws.path().join("resumed-index");
    let mut child = Command::new(env!("CARGO_BIN_EXE_rlm"))
        .args([
            "index",
            "--index-dir",
            "resumed-index",
            "--batch-bytes",
            "50000",
        ])
        .current_dir(ws.path())
        .env("HOME", home())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()?;
    let started = std::time::Instant::now();
    while manifest_batch(&resumed) < 3 && started.elapsed() < std::time::Duration::from_secs(60) {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.kill()?; // SIGKILL
    let status = child.wait()?;
    assert_eq!(status.code(), None, "the run finished before it was killed");
    let committed = manifest_batch(&resumed);
    assert!(committed >= 3, "batch {committed}");

    let out = rlm(
        &[
            "index",
            "--index-dir",
            "resumed-index",
            "--batch-bytes",
            "50000",
            "--json",
        ],
        ws.path(),
    )?;
    assert!(out.status.success(), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    // Files of the committed batches are carried over, not parsed again.
    let carried = report["unchanged"].as_u64().unwrap_or(0);
    let added = report["added"].as_u64().unwrap_or(0);
    assert!(carried > 0 && carried + added == 3000, "{report}");
    assert_eq!(report["files"], 3000);

    // The resumed index holds exactly what a clean build holds.
    let entries = |dir: &Path| -> Result<serde_json::Value, Box<dyn std::error::Error>> {
        let m: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dir.join("manifest.json"))?)?;
        Ok(m["files"].clone())
    };
    assert_eq!(entries(&resumed)?, entries(&clean)?);
    for query in ["resumed_1234", "Kept2999", "compute", "value_7"] {
        let search = |dir: &str| -> Result<serde_json::Value, Box<dyn std::error::Error>> {
            let out = rlm(
                &[
                    "search",
                    "--index-dir",
                    dir,
                    "--limit",
                    "10000",
                    "--json",
                    query,
                ],
                ws.path(),
            )?;
            assert!(out.status.success(), "{}", stderr(&out));
            let mut hits: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout)?;
            for hit in &mut hits {
                hit["score"] = serde_json::Value::Null;
            }
            hits.sort_by_key(|h| h.to_string());
            Ok(serde_json::Value::Array(hits))
        };
        assert_eq!(search("resumed-index")?, search("clean-index")?, "{query}");
    }
    Ok(())
}
