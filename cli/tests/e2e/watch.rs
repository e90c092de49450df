//! `rlm index --watch`: a running watcher picks up edits, new files and deletions, and stops
//! cleanly on SIGTERM (its last update committed, exit status 0).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// A home whose config leaves embeddings out (these tests pin the BM25 index).
fn home(tag: &str) -> PathBuf {
    let home = std::env::temp_dir().join(format!("rlm-watch-home-{}-{tag}", std::process::id()));
    let config = home.join(".config/rlm");
    if std::fs::create_dir_all(&config).is_ok() {
        let _ = std::fs::write(
            config.join("config.toml"),
            "[retrieval]\nembed_at_index = false\n",
        );
    }
    home
}

fn rlm(home: &Path, args: &[&str], cwd: &Path) -> Result<Output, std::io::Error> {
    Command::new(crate::common::RLM)
        .args(args)
        .current_dir(cwd)
        .env("HOME", home)
        .output()
}

/// The paths `rlm search` finds for `query`, sorted.
fn found(home: &Path, query: &str, cwd: &Path) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let out = rlm(home, &["search", query, "--json"], cwd)?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned().into());
    }
    let value: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    let hits = value
        .get("hits")
        .and_then(|h| h.as_array())
        .or_else(|| value.as_array())
        .cloned()
        .unwrap_or_default();
    let mut paths: Vec<String> = hits
        .iter()
        .filter_map(|h| h.get("path").and_then(|p| p.as_str()).map(str::to_string))
        .collect();
    paths.sort();
    paths.dedup();
    Ok(paths)
}

/// Polls `rlm search` until it finds `expected` for `query` or the deadline passes.
fn eventually_found(home: &Path, query: &str, cwd: &Path, expected: &[&str]) -> TestResult {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let paths = found(home, query, cwd)?;
        if paths == expected {
            return Ok(());
        }
        if Instant::now() > deadline {
            return Err(format!("`{query}`: found {paths:?}, expected {expected:?}").into());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

struct Watcher {
    child: Child,
    lines: mpsc::Receiver<String>,
}

impl Watcher {
    fn start(home: &Path, root: &Path) -> Result<Watcher, Box<dyn std::error::Error>> {
        let mut child = Command::new(crate::common::RLM)
            .args(["index", "--watch", "--no-embed", "--debounce-ms", "50"])
            .current_dir(root)
            .env("HOME", home)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        let stderr = child.stderr.take().ok_or("no stderr")?;
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let watcher = Watcher { child, lines };
        // Watching has begun once the first update is done and the watcher says so.
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match watcher.lines.recv_timeout(left) {
                Ok(line) if line.starts_with("watching ") => return Ok(watcher),
                Ok(_) => {}
                Err(e) => return Err(format!("the watcher never started: {e}").into()),
            }
        }
    }

    /// SIGTERM, then the exit status within a few seconds.
    fn stop(mut self) -> Result<std::process::ExitStatus, Box<dyn std::error::Error>> {
        let pid = libc::pid_t::try_from(self.child.id())?;
        // SAFETY: signals our own child.
        unsafe { libc::kill(pid, libc::SIGTERM) };
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait()? {
                return Ok(status);
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                return Err("the watcher did not stop on SIGTERM".into());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

#[test]
fn a_watcher_indexes_edits_new_files_and_deletions_and_stops_on_sigterm() -> TestResult {
    let ws = tempfile::tempdir()?;
    let root = ws.path();
    let home = home("edits");
    std::fs::create_dir_all(root.join("src"))?;
    std::fs::write(
        root.join("src/app.py"),
        "def greet():\n    return 'hello'\n",
    )?;
    std::fs::write(root.join("notes.txt"), "nothing to see\n")?;

    let watcher = Watcher::start(&home, root)?;
    assert_eq!(found(&home, "greet", root)?, vec!["src/app.py"]);
    assert_eq!(
        found(&home, "zanzibar_flamingo", root)?,
        Vec::<String>::new()
    );

    // An edit to an indexed file.
    std::fs::write(
        root.join("src/app.py"),
        "def greet():\n    return 'zanzibar_flamingo'\n",
    )?;
    eventually_found(&home, "zanzibar_flamingo", root, &["src/app.py"])?;
    // A new file in a folder created after the watch began.
    std::fs::create_dir_all(root.join("lib/deep"))?;
    std::fs::write(
        root.join("lib/deep/extra.py"),
        "def quokka_parade():\n    return 1\n",
    )?;
    eventually_found(&home, "quokka_parade", root, &["lib/deep/extra.py"])?;
    // A deletion.
    std::fs::remove_file(root.join("src/app.py"))?;
    eventually_found(&home, "zanzibar_flamingo", root, &[])?;

    let status = watcher.stop()?;
    assert!(status.success(), "watcher exited with {status}");
    // What the watcher left is a complete index: a fresh run finds nothing to do.
    let out = rlm(&home, &["index", "--no-embed", "--json"], root)?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    assert_eq!(
        (
            report["files"].as_u64(),
            report["added"].as_u64(),
            report["updated"].as_u64(),
            report["removed"].as_u64(),
            report["unchanged"].as_u64()
        ),
        (Some(2), Some(0), Some(0), Some(0), Some(2))
    );
    Ok(())
}
